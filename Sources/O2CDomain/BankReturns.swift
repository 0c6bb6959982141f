/// A movement of a bank statement as far as telling a returned credit goes: which account, how
/// much, when, and what the bank wrote.
public struct BankMovement: Sendable, Hashable {
    public var reference: String
    public var account: String
    public var amount: Money
    public var date: BusinessDate
    public var text: String
    /// For a credit, who paid as far as known (its customer once matched, else the payer's name).
    public var payer: String?
    /// For a credit, the words that name its payer besides its text (the payer's name, its customer's).
    public var payerWords: String
    /// The reference the payer's bank carried (BAI2's customer reference, camt's end-to-end id): a return quotes it.
    public var customerReference: String?
    /// The bank's type code (BAI2's three digits, ISO's `PMNT/RCDT/RRTN`).
    public var typeCode: String?

    public init(reference: String, account: String, amount: Money, date: BusinessDate, text: String, payer: String? = nil, payerWords: String = "",
                customerReference: String? = nil, typeCode: String? = nil) {
        self.reference = reference
        self.account = account
        self.amount = amount
        self.date = date
        self.text = text
        self.payer = payer
        self.payerWords = payerWords
        self.customerReference = customerReference
        self.typeCode = typeCode
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
    /// `neighbours`: the credits around them (other amounts included, the credits themselves by
    /// default): a number other credits write as well (a lockbox's, a branch's, the company's ID)
    /// points at none of them, and a payer they name is another payer.
    public static func returned(credits: [BankMovement], by debits: [BankMovement], reversals: Set<Int> = [], neighbours: [BankMovement]? = nil) -> (taken: [Int: Int], doubted: [Int: Int]) {
        var found: [Int: Int] = [:], doubted: [Int: Int] = [:]
        // Money the company sent (a refund wired back, a payment to someone) or a bank's fee
        // returns nothing the bank took. Most debits (fees, transfers) say no return: nothing more is read.
        let returning = debits.indices.filter { d in
            let text = CashMatcher.fold(debits[d].text)
            return reversals.contains(d) || (saysReturn(text) && !sentByUs(text, typeCode: debits[d].typeCode) && !isFee(text, typeCode: debits[d].typeCode))
        }
        guard !returning.isEmpty else { return ([:], [:]) }
        let around = neighbours ?? credits
        let creditNumbers = credits.map { pointers(in: $0.text) }
        let creditCheques = credits.map { chequeNumbers(in: CashMatcher.fold($0.text)) }
        let aroundWords = around.map { nameWords($0.text + " " + $0.payerWords) }
        // How many credits around write each number, by amount: a number of several amounts is shared.
        var writers: [String: Set<Int64>] = [:]
        for credit in around { for number in pointers(in: credit.text) { writers[number, default: []].insert(credit.amount.minorUnits) } }
        // An item's own numbers (a cheque's, a trace's, a wire's reference) and how many credits around write each.
        let creditItems = credits.map { itemNumbers(in: $0.text) }
        // (The same item presented twice writes the same words: one writer.)
        var itemWriters: [String: Set<String>] = [:]
        for credit in around { for number in itemNumbers(in: credit.text) { itemWriters[number, default: []].insert(CashMatcher.fold(credit.text) + "|" + (credit.payer ?? "")) } }
        // A payer's reference many credits carry (a filler, the company's ID) names none of them.
        var referenceWriters: [String: Int] = [:]
        for credit in around { if let reference = meaningfulReference(credit.customerReference) { referenceWriters[reference, default: 0] += 1 } }
        for d in returning {
            let debit = debits[d], text = CashMatcher.fold(debit.text)
            let named = pointers(in: debit.text).filter { (writers[$0]?.count ?? 0) <= 1 }
            let allItems = itemNumbers(in: debit.text)
            let items = allItems.filter { (itemWriters[$0]?.count ?? 0) <= 1 }
            let cheques = chequeNumbers(in: text)
            let deposited = depositDate(in: text)
            let names = { (credit: BankMovement) in
                if namesReference(text, credit.reference) || sameItemReference(debit.reference, credit.reference) { return true }
                guard let reference = meaningfulReference(credit.customerReference), referenceWriters[reference] == 1 else { return false }
                return reference == meaningfulReference(debit.customerReference) || namesReference(text, reference)
            }
            let fits = credits.indices.filter { c in
                let credit = credits[c]
                guard found[c] == nil, credit.account == debit.account, credit.amount == debit.amount, credit.date <= debit.date else { return false }
                // The day it says the item was deposited is the credit's (booked then or the next business day).
                if let deposited, !depositedOn(deposited, bookedOn: credit.date) { return false }
                // Another payer named: not this credit, whatever else it shares.
                if namesAnotherPayer(text, than: credit, among: aroundWords) { return false }
                if names(credit) { return true }
                if isRepresented(CashMatcher.fold(credit.text)) { return false }
                // Another cheque, another trace or wire than the credit's: not this credit.
                if !cheques.isEmpty, !creditCheques[c].isEmpty, cheques.isDisjoint(with: creditCheques[c]) { return false }
                let otherItems = allItems.subtracting(cheques), creditOther = creditItems[c].subtracting(creditCheques[c])
                if !otherItems.isEmpty, !creditOther.isEmpty, otherItems.isDisjoint(with: creditOther) { return false }
                return !named.isDisjoint(with: creditNumbers[c])
            }
            // Booked on the bank's word alone only when it names the item: the credit's reference,
            // or an item's number of one credit (not a number a person could read otherwise: a
            // ZIP code, a store's), and not a correction only (the bank corrects its own postings too).
            let byReference = fits.filter { names(credits[$0]) }
            let correctionOnly = !reversals.contains(d) && saysCorrectionOnly(text)
            let byItem = correctionOnly ? [] : fits.filter { !items.isDisjoint(with: creditItems[$0]) }
            if byReference.count == 1 { found[byReference[0]] = d }
            else if byReference.isEmpty, byItem.count == 1 { found[byItem[0]] = d }
            // The same item presented again (a cheque re-deposited after it bounced, its text the
            // same, of the same payer): one presentation stands, the first; the return takes back the last.
            else if byReference.isEmpty, byItem.count > 1, byItem.count == fits.count, Set(fits.map { CashMatcher.fold(credits[$0].text) }).count == 1,
                    Set(fits.map { credits[$0].payer ?? "" }).count == 1 { found[fits[fits.count - 1]] = d }
            else { for credit in byReference.count > 1 ? byReference : fits where doubted[credit] == nil { doubted[credit] = d } }
        }
        return (found, doubted.filter { found[$0.key] == nil })
    }

    /// The numbers a text writes as one bank item's: a cheque's, a trace's (`TRACE 02 6009593169282`
    /// joined), a serial's, a wire's reference or IMAD (letters and digits, eight or more:
    /// `FT2632424805`), without leading zeros; not an invoice's or another document's.
    static func itemNumbers(in raw: String) -> Set<String> {
        let text = CashMatcher.fold(raw)
        var found = chequeNumbers(in: text)
        let pointers = pointers(in: raw)
        let tokens = text.split(separator: " ")
        for (index, token) in tokens.enumerated() {
            let letters = String(token.prefix(while: { !$0.isNumber }).filter(\.isLetter))
            // Letters and digits together, long: a wire's reference, an IMAD.
            let whole = String(token.filter { $0.isLetter || $0.isNumber })
            if whole.count >= 8, whole.contains(where: \.isLetter), whole.filter(\.isNumber).count >= 6 {
                let digits = String(whole.drop(while: { !$0.isNumber }).drop(while: { $0 == "0" }))
                if pointers.contains(whole) { found.insert(whole) } else if pointers.contains(digits), !documentLabels.contains(letters) { found.insert(digits) }
            }
            // After a trace's or a serial's word: the digits that follow, joined.
            guard itemWords.contains(letters) else { continue }
            var joined = String(token.drop(while: { !$0.isNumber }).filter(\.isNumber))
            var next = index + 1
            while next < tokens.count, tokens[next].allSatisfy(\.isNumber) { joined += tokens[next]; next += 1 }
            let number = String(joined.drop(while: { $0 == "0" }))
            if number.count >= 4 { found.insert(number) }
        }
        return found
    }

    static let itemWords: Set<String> = ["TRACE", "TRC", "TRN", "SERIAL", "SER", "IMAD", "OMAD", "UETR", "FEDREF", "ITEMNO"]

    /// A payer's reference that says something: not a filler (`0000000000`, `NOT PROVIDED`), eight characters or more.
    static func meaningfulReference(_ reference: String?) -> String? {
        guard let reference = reference?.uppercased(), reference.filter({ $0 != " " }).count >= 8 else { return nil }
        let kept = reference.filter { $0.isLetter || $0.isNumber }
        guard Set(kept).count > 2, !["NOTPROVIDED", "NONREF", "NONE", "NA"].contains(kept) else { return nil }
        return reference
    }

    /// A debit that says only that it corrects (`ENCODING ERROR CORRECTION`): the bank corrects its
    /// own postings too, so it takes back a credit only when it names it.
    static func saysCorrectionOnly(_ text: String) -> Bool {
        let words = Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        return words.contains("CORRECTION") && words.intersection(returnWords).subtracting(["CORRECTION"]).isEmpty
    }

    /// The cheque numbers a folded text writes after a cheque's word (`CHQ 4777`, `CHECK NO 0004777`, `CHK#4777`), without leading zeros.
    static func chequeNumbers(in text: String) -> Set<String> {
        var found = Set<String>()
        var after = false
        let tokens = text.split(separator: " ")
        // A text about a cheque: its `NO 004777` is the cheque's (`CHEQUE RETOURNE SANS PROVISION NO 004777`).
        let aboutCheque = tokens.contains { chequeWords.contains(String($0.filter(\.isLetter))) }
        for token in tokens {
            let letters = String(token.prefix(while: { !$0.isNumber }).filter(\.isLetter))
            let digits = String(token.drop(while: { !$0.isNumber }).prefix(while: \.isNumber).drop(while: { $0 == "0" }))
            if chequeWords.contains(letters), !digits.isEmpty { found.insert(digits); after = false; continue }
            if aboutCheque, ["NO", "NUMBER", "NUM"].contains(letters), !digits.isEmpty { found.insert(digits); after = false; continue }
            if after, letters.isEmpty, !digits.isEmpty { found.insert(digits); after = false; continue }
            after = chequeWords.contains(letters) || ((after || aboutCheque) && ["NO", "NUMBER", "NUM"].contains(letters)) || (after && letters.isEmpty)
        }
        return found
    }

    static let chequeWords: Set<String> = ["CHQ", "CHEQUE", "CHECK", "CHK", "CK", "CHEQ"]

    /// Whether a credit booked on `day` is the item deposited on `deposited` (month, day): that day
    /// or the next business day (a deposit of Friday booked on Monday).
    static func depositedOn(_ deposited: (Int, Int), bookedOn day: BusinessDate) -> Bool {
        for year in [day.year, day.year - 1] {
            guard let on = try? BusinessDate(year: year, month: deposited.0, day: deposited.1), (0...4).contains(on.days(until: day)) else { continue }
            // Weekdays after the deposit up to the booking: 1970-01-01, day 0, was a Thursday.
            let weekdays = (on.dayNumber + 1...max(on.dayNumber + 1, day.dayNumber)).filter { ![2, 3].contains(($0 % 7 + 7) % 7) }.count
            if on == day || weekdays <= 1 { return true }
        }
        return false
    }

    /// Whether a return names a credit by its bank reference: written whole in its text, or its own reference the credit's.
    public static func names(_ text: String, reference: String, debitReference: String) -> Bool {
        namesReference(CashMatcher.fold(text), reference) || sameItemReference(debitReference, reference)
    }

    /// Whether a folded text writes a bank reference whole (`RETURNED ITEM P001`; not the `7` of
    /// `CHQ 4777`): its letters and digits as words of the text, four characters at least or letters and digits.
    static func namesReference(_ text: String, _ reference: String) -> Bool {
        let words = { (text: String) in text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) }
        let wanted = words(CashMatcher.fold(reference))
        // A short number (a day's sequence, `0007`) is no one item's: eight digits, or letters and digits.
        let joined = wanted.joined()
        guard joined.count >= 8 || (joined.contains(where: \.isLetter) && joined.contains(where: \.isNumber)) else { return false }
        let have = words(text)
        guard have.count >= wanted.count else { return false }
        return (0...(have.count - wanted.count)).contains { Array(have[$0..<($0 + wanted.count)]) == wanted }
    }

    /// A debit under the credit's own bank reference (a bank that reuses the item's reference for
    /// its return: stored as `REF/2`).
    static func sameItemReference(_ debit: String, _ credit: String) -> Bool {
        debit.split(separator: "/").first.map(String.init) == credit && credit.count >= 4
    }

    /// Money that went out on the company's order: a refund, a wire or a payment sent.
    static func sentByUs(_ text: String, typeCode: String? = nil) -> Bool {
        // ISO's issued transfers and cheques. (BAI2's 495, an outgoing transfer, is what some banks
        // write on a recalled incoming wire too: its words tell.)
        if let typeCode, !isReturnCode(typeCode), typeCode.contains("/ICDT/") || typeCode.contains("/ICHQ/") { return true }
        // BAI2's 475, a cheque of ours paid: whatever its words, no item of a customer's.
        if typeCode == "475" { return true }
        return ["WIRE OUT", "OUTGOING", "REFUND", "REMBOURSEMENT", "PAYMENT TO", "PAID TO", "TRANSFER TO", "VIREMENT A ", "VIREMENT SORTANT", " SENT", "ENVOYE",
                "FUNDS TRANSFER DEBIT", "BNF", "TRANSFER OUT",
                "SEND E-TFR", "E-TFR SENT", "E-TRANSFER DEBIT", "VIREMENT INTERAC A", "OUTBOUND", "WIRE TRANSFER DEBIT", "BOOK TRANSFER DEBIT", "CHEQUE ISSUED",
                "CHECK ISSUED", "BILL PAYMENT", "PAID CHEQUE", "PAID CHECK", "CHEQUE PAID", "CHECK PAID"].contains { (" " + text).contains($0) }
    }

    /// A bank's fee for a return (`NSF FEE`, `RETURN ITEM FEE`, `FRAIS CHEQUE SANS PROVISION`; BAI2 567): another movement.
    static func isFee(_ text: String, typeCode: String?) -> Bool {
        if typeCode == "567" || typeCode == "564" { return true }
        let words = Set(text.split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: ["FEE", "FEES", "FRAIS", "CHARGE", "CHARGES", "CHG", "CHGS", "PENALTY"])
    }

    /// Whether a return names a payer other than the credit's: two words or more of another
    /// credit's payer (not the bank's words for a return) that neither the credit's text nor its
    /// payer's names write (`RETURNED ITEM NORTHERN MAPLE FOODS CHQ 4777` is not Pacific Auto's
    /// cheque 4777, beside Northern Maple's credit).
    static func namesAnotherPayer(_ text: String, than credit: BankMovement, among others: [Set<String>]) -> Bool {
        let own = nameWords(credit.text + " " + credit.payerWords)
        let extra = nameWords(text).subtracting(own)
        guard extra.count >= 2 else { return false }
        return others.contains { $0 != own && extra.intersection($0).count >= 2 }
    }

    /// A text's words of three letters or more, but the bank's words for a return.
    static func nameWords(_ text: String) -> Set<String> {
        Set(CashMatcher.fold(text).split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 3 }).subtracting(returnWords).subtracting(returnVocabulary)
    }

    /// Words a bank writes on a return besides the payer's name.
    static let returnVocabulary: Set<String> = [
        "ITEM", "ITEMS", "CHQ", "CHEQUE", "CHECK", "CHK", "NUMBER", "DEP", "DEPOSIT", "DEPOSITED", "ACH", "EFT", "PAD", "WIRE", "TRACE", "REF",
        "REFERENCE", "INSUFFICIENT", "FUNDS", "UNPAID", "STOPPED", "STOP", "PAYMENT", "PAYMENTS", "PMT", "PYMT", "ACCOUNT", "ACCT", "CLOSED",
        "FROZEN", "ORIG", "ORIGINAL", "ORIGINATOR", "DATE", "DATED", "DTD", "BATCH", "ENTRY", "DEBIT", "CREDIT", "REASON", "CODE", "THE", "FOR",
        "AND", "FROM", "OF", "BANK", "BANQUE", "AMOUNT", "AMT", "ADVICE", "NOTICE", "MEMO", "DISHONOURED", "DISHONORED", "RTN", "RET", "PRESENTED",
        "POSTING", "ERROR", "DUPLICATE", "DUPLICATED", "UNCOLLECTED", "UNABLE", "LOCATE", "INVALID", "AUTHORIZED", "AUTHORISED", "UNAUTHORIZED",
        "UNAUTHORISED", "NOT", "NON", "SUFFICIENT", "CUSTOMER", "ADVISES", "REVOKED", "AUTHORIZATION", "DECEASED", "REMOTE", "MOBILE", "BRANCH",
        "COUNTER", "ATM", "LOCKBOX", "FEDWIRE", "SWIFT", "IMAD", "OMAD", "CHEQUES", "CHQS", "EFFET", "IMPAYE", "PROVISION", "DEPOT", "FONDS",
        "COMPTE", "FERME", "OPPOSITION", "PAIEMENT", "DEBITED", "CREDITED", "TXN", "TRANSACTION", "RECEIVED", "INCOMING", "OUR", "YOUR", "DEPOSITOR",
        "MAKER", "DRAWER", "SIGNATURE", "MISSING", "STALE", "POST", "FUTURE", "ENDORSEMENT", "IRREGULAR", "INV", "REQUEST", "REMITTING", "BENEFICIARY", "SENDER", "ORDERING", "REFER", "REPRESENT", "CASH", "LETTER",
        "IMAGE", "RDC", "SEQ", "SEQUENCE", "SERIAL", "COLLECTION",
    ]

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
        // After a document's label (`INV`, `PO`, `FACTURE NO`): its number is the document's.
        var labelled = false
        for token in CashMatcher.fold(text).split(separator: " ") {
            let groups = token.split(whereSeparator: { !$0.isNumber }).map(String.init)
            let label = String(token.prefix(while: { !$0.isNumber }).filter(\.isLetter))
            guard !groups.isEmpty else {
                if documentLabels.contains(label) { labelled = true } else if !["NO", "NUMBER", "NUM", "NR", ""].contains(label) { labelled = false }
                previous = nil
                continue
            }
            let bare = token.allSatisfy(\.isNumber)
            if labelled || documentLabels.contains(label) { labelled = bare && labelled; previous = nil; continue }
            // An amount (`1000.00`, `1,000.00`) or a date written as one number (`20261103`, `261103`).
            if isAmount(token) || (bare && isDate(String(token))) { previous = nil; continue }
            let hasYear = groups.contains { $0.count == 4 && (1900...2099).contains(Int($0) ?? 0) }
            // A number several groups make with a year among them (a date, an invoice's number), or
            // with letters before them (`S26-0047475`, `FA26-004512`): a document's.
            if groups.count > 1, hasYear || !label.isEmpty { previous = nil; continue }
            // Groups joined by letters (a Fedwire IMAD, `20261103QMGFT001000123`): the item is the whole of it.
            if groups.count > 1, token.contains(where: \.isLetter) {
                let whole = token.filter { $0.isLetter || $0.isNumber }
                if whole.count >= 10 { found.insert(String(whole)) }
                previous = nil
                continue
            }
            // A year and the number after it (`2026 047475`): an invoice's number written apart.
            if bare, let before = previous, before.count == 4, (1900...2099).contains(Int(before) ?? 0) { previous = nil; continue }
            // Numbers compared without their leading zeros (`0000004777` is cheque 4777); a date is none.
            for group in groups where !isDate(group) && group.count >= 4 && !(group.count == 4 && hasYear) && !(group.count == 10 && (group.hasPrefix("2025") || group.hasPrefix("2026") || group.hasPrefix("2027"))) {
                let number = String(group.drop(while: { $0 == "0" }))
                if number.count >= 4 { found.insert(number) }
            }
            if bare, let before = previous { found.insert(String((before + token).drop(while: { $0 == "0" }))) }
            previous = bare ? String(token) : nil
        }
        return found
    }

    /// Words that say the number after them is a document's (an invoice, a purchase order) or one
    /// many items share (a lockbox, a branch, the company's ID, an account, a merchant), not a bank item's.
    static let documentLabels: Set<String> = ["INV", "INVOICE", "INVOICES", "INVS", "FACTURE", "FACTURES", "FACT", "FAC", "FA", "BILL", "PO", "ORDER", "COMMANDE", "CMD",
                                              "CONTRACT", "CONTRAT", "IO", "CM", "CREDITMEMO", "NC", "DOC", "DOCUMENT",
                                              "LOCKBOX", "LBX", "BOX", "TRANSIT", "BRANCH", "ID", "COID", "COMPANY", "MID", "MERCHANT", "ACCT", "ACCOUNT", "AC", "COMPTE",
                                              "STORE", "TERMINAL", "AMT", "AMOUNT", "CUST", "CUSTOMER", "CLIENT", "LB", "DATE", "EED", "DESC", "DT", "ZIP", "TEL", "PHONE"]

    static func isAmount(_ token: Substring) -> Bool {
        guard let dot = token.lastIndex(of: "."), token.distance(from: dot, to: token.endIndex) == 3 else { return false }
        return token.allSatisfy { $0.isNumber || $0 == "." || $0 == "," } && token.first?.isNumber == true
    }

    /// For a debit that says it returns an item and takes back no credit whole: the one credit
    /// it may take back otherwise, for a person to say (nothing is booked from it). A credit of
    /// the debit's amount less an amount its text states (`NSF FEE 7.50`: the bank's charge
    /// added, `fee`); else `item`: a credit of more whose text lists the debit's amount, or the
    /// debit's less a fee it states (a cheque of a deposit, `#1182 257.07`). Only one credit of
    /// the same account, on the debit's day or before, may fit; amounts are compared to the cent.
    public static func partHint(for debit: BankMovement, among credits: [BankMovement]) -> (credit: Int, fee: Int64?, item: Bool)? {
        let text = CashMatcher.fold(debit.text)
        guard saysReturn(text), !sentByUs(text, typeCode: debit.typeCode) else { return nil }
        let before = credits.indices.filter { credits[$0].date <= debit.date && credits[$0].account == debit.account && credits[$0].amount.currency == debit.amount.currency }
        let fees = statedAmounts(text).filter { $0 > 0 && $0 < debit.amount.minorUnits }
        let withFee = before.filter { c in fees.contains(debit.amount.minorUnits - credits[c].amount.minorUnits) }
        if withFee.count == 1 { return (withFee[0], debit.amount.minorUnits - credits[withFee[0]].amount.minorUnits, false) }
        guard withFee.isEmpty else { return nil }
        // The item's amount, or the debit's less a fee it states.
        var fits: [(credit: Int, fee: Int64?)] = []
        // Only a credit of several items says what each was: a deposit or a lockbox, not a
        // payment's remittance listing its invoices' amounts.
        for c in before where credits[c].amount.minorUnits > debit.amount.minorUnits - (fees.min() ?? 0) && holdsItems(credits[c]) {
            let listed = statedAmounts(CashMatcher.fold(credits[c].text))
            if listed.contains(debit.amount.minorUnits), credits[c].amount.minorUnits > debit.amount.minorUnits { fits.append((c, nil)) }
            else if let fee = fees.first(where: { listed.contains(debit.amount.minorUnits - $0) && credits[c].amount.minorUnits > debit.amount.minorUnits - $0 }) { fits.append((c, fee)) }
        }
        return fits.count == 1 ? (fits[0].credit, fits[0].fee, true) : nil
    }

    /// A credit of several items: a lockbox or cheque deposit by its BAI2 type code (115, 175) or
    /// its words (`DEP`, `DEPOSIT`, `LOCKBOX`, `CHQS`, `ITEMS`).
    static func holdsItems(_ credit: BankMovement) -> Bool {
        if ["115", "175"].contains(credit.typeCode ?? "") { return true }
        let words = Set(CashMatcher.fold(credit.text).split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: ["DEP", "DEPOSIT", "DEPOT", "LOCKBOX", "LBX", "CHQS", "CHEQUES", "CHECKS", "ITEMS", "EFFETS"])
    }

    /// Amounts a text writes with their cents (`7.50`, `5,000.00`, `257,07`, `1 250,00`), in minor units.
    static func statedAmounts(_ text: String) -> Set<Int64> {
        var found: Set<Int64> = []
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            // (Not a negative amount, a credit note's deduction.)
            guard characters[index].isNumber, index == 0 || !(characters[index - 1].isNumber || [".", ",", "-"].contains(characters[index - 1])) else { index += 1; continue }
            // Digits, thousands after a first group of one to three set apart by one `,` or blank
            // throughout (a blank only before a decimal comma, `1 250,00`), then `.` or `,` and two
            // digits; else the digits alone (`#1 400.00` is 400.00).
            var plain = "", end = index
            while end < characters.count, characters[end].isNumber { plain.append(characters[end]); end += 1 }
            func cents(at end: Int, comma: Bool = true) -> Int64? {
                // Not a date (`11.20.2026`, `11.20/26`): nothing but a blank or a stop after the cents.
                guard end + 2 < characters.count, characters[end] == "." || (comma && characters[end] == ","), characters[end + 1].isNumber, characters[end + 2].isNumber,
                      end + 3 == characters.count || !(characters[end + 3].isNumber
                        || ([".", "/", "-"].contains(characters[end + 3]) && end + 4 < characters.count && characters[end + 4].isNumber)) else { return nil }
                return Int64(String(characters[end + 1...end + 2]))
            }
            var units = plain, grouped = end, separator: Character?
            while plain.count <= 3, grouped + 3 < characters.count, [",", " "].contains(characters[grouped]), separator.map({ $0 == characters[grouped] }) ?? true,
                  characters[grouped + 1...grouped + 3].allSatisfy(\.isNumber), grouped + 4 == characters.count || !characters[grouped + 4].isNumber {
                separator = characters[grouped]
                units += String(characters[grouped + 1...grouped + 3]); grouped += 4
            }
            if separator != nil, let cents = cents(at: grouped, comma: separator != ","), separator != " " || characters[grouped] == ",", units.count <= 12, let whole = Int64(units) {
                found.insert(whole * 100 + cents)
                end = grouped
            } else if let cents = cents(at: end), plain.count <= 12, let whole = Int64(plain) {
                found.insert(whole * 100 + cents)
            }
            index = max(end, index + 1)
        }
        return found
    }

    /// A number that reads as a date near now: `20261103` (2000–2099), `261103` (YYMMDD or MMDDYY, years 20–39).
    static func isDate(_ digits: String) -> Bool {
        let n = digits.compactMap(\.wholeNumberValue)
        func valid(_ month: Int, _ day: Int) -> Bool { (1...12).contains(month) && (1...31).contains(day) }
        if n.count == 8, n[0] == 2, n[1] == 0 { return valid(n[4] * 10 + n[5], n[6] * 10 + n[7]) }
        if n.count == 6 {
            let first = n[0] * 10 + n[1], middle = n[2] * 10 + n[3], last = n[4] * 10 + n[5]
            return ((20...39).contains(first) && valid(middle, last)) || ((20...39).contains(last) && valid(first, middle))
        }
        return false
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
        return !words.isDisjoint(with: returnWords) || ["STOP PAYMENT", "SANS PROVISION", "PROVISION INSUFFISANTE", "FONDS INSUFFISANTS"].contains { text.contains($0) }
    }

    static let returnWords: Set<String> = ["RETURN", "RETURNED", "RTD", "NSF", "REVERSAL", "REVERSED", "RECALL", "RECALLED", "CORRECTION", "CHARGEBACK",
                                           "REJECT", "REJECTED", "RETOUR", "RETOURNE", "INSUFFISANCE", "ANNULATION", "IMPAYE", "IMPAYES", "INSUFFISANTS", "INSUFFISANTE", "R01", "R02", "R03", "R04", "R08", "R10", "R16", "R20"]

    static func isRepresented(_ text: String) -> Bool {
        ["RE-PRESENTED", "REPRESENTED", "RE PRESENTED", "REPRESENTMENT", "RE-DEPOSIT", "REDEPOSIT", "REDEPOSITED", "RETRY", "2ND PRESENTMENT", "REPRESENTE"].contains { text.contains($0) }
    }

    /// The month and day a return says the item was deposited or first presented (`DEP 11/17`,
    /// `ORIG DATE 11/16`, `DEPOSITED 11/16`, `ORIG DEP 2026-11-12`).
    static func depositDate(in text: String) -> (Int, Int)? {
        let words = text.split(separator: " ")
        // Not `DTD` (the cheque's own date) nor a return's date: the day it was deposited or first presented.
        for (index, word) in words.enumerated() where ["DEP", "DEPOSIT", "DEPOSITED", "ORIG", "DEPOT"].contains(word) && index + 1 < words.count {
            var next = words[index + 1]
            if ["DATE", "DT", "ON", "LE"].contains(next), index + 2 < words.count { next = words[index + 2] }
            let parts = next.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
            if parts.count == 2, (1...12).contains(parts[0]), (1...31).contains(parts[1]) { return (parts[0], parts[1]) }
            if parts.count == 3, parts[0] > 1900, (1...12).contains(parts[1]), (1...31).contains(parts[2]) { return (parts[1], parts[2]) }
        }
        return nil
    }
}
