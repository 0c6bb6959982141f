/// A movement of a bank statement as far as telling a returned credit goes: which account, how
/// much, when, and what the bank wrote.
public struct BankMovement: Sendable, Hashable {
    public var reference: String
    public var account: String
    public var amount: Money
    public var date: BusinessDate
    public var text: String

    public init(reference: String, account: String, amount: Money, date: BusinessDate, text: String) {
        self.reference = reference
        self.account = account
        self.amount = amount
        self.date = date
        self.text = text
    }
}

/// Credits the bank took back on the statement that brought them: a cheque returned NSF, an
/// ACH collection returned, a wire recalled, a credit posted twice and one posting corrected.
/// The cash did not stay, so such a credit pays no invoice.
public enum BankReturns {
    /// `taken`: for each credit (by index) a debit returns, that debit's index. A debit returns a credit
    /// when it says it returns something (`RETURNED ITEM`, `NSF`, `ACH RETURN R01`, `RECALL`,
    /// `REVERSAL`, `CORRECTION`; or the bank marked it one: `reversals`, a reversal or a return's
    /// type code, `isReturnCode`), is of the same account and
    /// amount, on the credit's day or after, and points at it: the credit's bank reference, or a
    /// number both write (the cheque's, the trace's, the wire's reference). Not when the debit
    /// says it returns an item deposited another day (`DEP 11/17`, `ORIG DATE 11/16`), nor a
    /// credit re-presented after an earlier return (`RE-PRESENTED ITEM CHQ 4777`, `RETRY PYMT`)
    /// unless the debit names that credit's own reference. Two credits of the same text are one
    /// item presented twice: the last is taken back. `doubted`: credits a return fits alike with
    /// another otherwise (`ACH RETURN R01 BATCH 40012` beside two credits of that batch and
    /// amount): one of them did not stay, a person says which.
    public static func returned(credits: [BankMovement], by debits: [BankMovement], reversals: Set<Int> = []) -> (taken: [Int: Int], doubted: [Int: Int]) {
        var found: [Int: Int] = [:], doubted: [Int: Int] = [:]
        let creditNumbers = credits.map { pointers(in: $0.text) }
        for (d, debit) in debits.enumerated() {
            let text = CashMatcher.fold(debit.text)
            guard reversals.contains(d) || saysReturn(text) else { continue }
            let named = pointers(in: debit.text)
            let deposited = depositDate(in: text)
            let fits = credits.indices.filter { c in
                let credit = credits[c]
                guard found[c] == nil, credit.account == debit.account, credit.amount == debit.amount, credit.date <= debit.date else { return false }
                if text.contains(CashMatcher.fold(credit.reference)) { return true }
                if let deposited, deposited != (credit.date.month, credit.date.day) { return false }
                if isRepresented(CashMatcher.fold(credit.text)) { return false }
                return !named.isDisjoint(with: creditNumbers[c])
            }
            // The one the debit names by its reference, else the only one it fits.
            let byReference = fits.filter { text.contains(CashMatcher.fold(credits[$0].reference)) }
            if byReference.count == 1 { found[byReference[0]] = d }
            else if byReference.isEmpty, fits.count == 1 { found[fits[0]] = d }
            // The same item presented again (a cheque re-deposited after it bounced, its text the
            // same): one presentation stands, the first; the return takes back the last.
            else if byReference.isEmpty, fits.count > 1, Set(fits.map { CashMatcher.fold(credits[$0].text) }).count == 1 { found[fits[fits.count - 1]] = d }
            else { for credit in byReference.isEmpty ? fits : byReference where doubted[credit] == nil { doubted[credit] = d } }
        }
        return (found, doubted.filter { found[$0.key] == nil })
    }

    /// What a match run decides of a credit `debit` took back: no customer's payment.
    public static func decision(_ credit: BankMovement, returnedBy debit: BankMovement) -> MatchDecision {
        MatchDecision(status: .notCustomerPayment, customer: nil, allocations: [], fee: 0, unapplied: credit.amount.minorUnits, deduction: 0, confidence: 0,
                      explanation: "the bank took it back on the same statement (\(debit.reference): \(debit.text.prefix(60))): the cash did not stay")
    }

    /// The numbers of a bank item a text writes, four digits or more: a cheque's (`CHQ#2547`), a
    /// trace (`TRACE 02 6009593169282`, joined across the blank the bank put in), a wire's
    /// reference (`FT2632424805`). Not a year, a date, nor an invoice's number (`INV-2026-010301`,
    /// `2026-001644`: a year among its groups), which a refund or a correction may write as well.
    static func pointers(in text: String) -> Set<String> {
        var found = Set<String>()
        var previous: String?
        for token in CashMatcher.fold(text).split(separator: " ") {
            let groups = token.split(whereSeparator: { !$0.isNumber }).map(String.init)
            let hasYear = groups.contains { $0.count == 4 && (1900...2099).contains(Int($0) ?? 0) }
            let bare = token.allSatisfy(\.isNumber)
            // A number several groups make with a year among them: a date or an invoice's number.
            if groups.count > 1, hasYear { previous = nil; continue }
            for group in groups where group.count >= 4 && !(group.count == 4 && hasYear) && !(group.count == 10 && (group.hasPrefix("2025") || group.hasPrefix("2026") || group.hasPrefix("2027"))) {
                found.insert(group)
            }
            if bare, let before = previous { found.insert(before + token) }
            previous = bare ? String(token) : nil
        }
        return found
    }

    /// Whether a bank's text says it returns an item: `RETURNED ITEM`, `NSF`, `ACH RETURN R01`, `RECALL`.
    public static func saysReturn(bankText text: String) -> Bool { saysReturn(CashMatcher.fold(text)) }

    /// Whether the bank's type code says the debit returns an item: BAI2 552 credit reversal, 554
    /// posting error correction, 555 deposited item returned, 557 ACH return item, 558 ACH
    /// reversal, 566 return item, 694 deposit reversal, 695 deposit correction (not 567, a return
    /// item's fee); an ISO sub-family of a reversal (`PMNT/RCDT/RRTN` returned, `RPCR` cancelled,
    /// `PMNT/RCHQ/UPCQ` unpaid cheque, `UPDD`/`PRDD` a direct debit's, `ARET` an ACH return).
    public static func isReturnCode(_ typeCode: String?) -> Bool {
        guard let typeCode else { return false }
        if typeCode.contains("/") { return returnSubFamilies.contains(String(typeCode.split(separator: "/").last ?? "")) }
        return returnTypeCodes.contains(typeCode)
    }

    static let returnTypeCodes: Set<String> = ["552", "554", "555", "557", "558", "566", "694", "695"]
    static let returnSubFamilies: Set<String> = ["RRTN", "RPCR", "UPCQ", "UPDD", "PRDD", "ARET"]

    static func saysReturn(_ text: String) -> Bool {
        let words = Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        return !words.isDisjoint(with: returnWords) || text.contains("STOP PAYMENT")
    }

    static let returnWords: Set<String> = ["RETURN", "RETURNED", "RTD", "NSF", "REVERSAL", "REVERSED", "RECALL", "RECALLED", "CORRECTION", "CHARGEBACK",
                                           "REJECT", "REJECTED", "RETOUR", "RETOURNE", "INSUFFISANCE", "ANNULATION", "R01", "R02", "R03", "R04", "R08", "R10", "R16", "R20"]

    static func isRepresented(_ text: String) -> Bool {
        ["RE-PRESENTED", "REPRESENTED", "RE PRESENTED", "REPRESENTMENT", "RE-DEPOSIT", "REDEPOSIT", "REDEPOSITED", "RETRY", "2ND PRESENTMENT", "REPRESENTE"].contains { text.contains($0) }
    }

    /// The month and day a return says the item was deposited or first presented (`DEP 11/17`,
    /// `ORIG DATE 11/16`, `DEPOSITED 11/16`, `ORIG DEP 2026-11-12`).
    static func depositDate(in text: String) -> (Int, Int)? {
        let words = text.split(separator: " ")
        for (index, word) in words.enumerated() where ["DEP", "DEPOSIT", "DEPOSITED", "DATE", "ORIG", "DTD"].contains(word) && index + 1 < words.count {
            let next = words[index + 1]
            let parts = next.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
            if parts.count == 2, (1...12).contains(parts[0]), (1...31).contains(parts[1]) { return (parts[0], parts[1]) }
            if parts.count == 3, parts[0] > 1900, (1...12).contains(parts[1]), (1...31).contains(parts[2]) { return (parts[1], parts[2]) }
        }
        return nil
    }
}
