import Foundation

/// Which side of the account a line is on.
public enum Side: String, Sendable, Codable {
    case debit, credit
    public var opposite: Side { self == .debit ? .credit : .debit }
}

/// A line of an entry before it is posted, as a person or a use case writes it.
public struct JournalLineDraft: Sendable, Hashable {
    public var accountCode: String
    /// The customer of an auxiliary (sub-ledger) line: required on receivable accounts.
    public var customerCode: String?
    public var side: Side
    /// The amount in the transaction currency, positive.
    public var amount: Money
    /// The amount in the entity's functional currency; derived from `rate` when not given.
    public var functionalAmount: Money?
    /// Functional units per one transaction unit (e.g. 1.3725 CAD per USD).
    public var rate: ExactDecimal?
    public var memo: String?

    public init(accountCode: String, customerCode: String? = nil, side: Side, amount: Money,
                functionalAmount: Money? = nil, rate: ExactDecimal? = nil, memo: String? = nil) {
        self.accountCode = accountCode
        self.customerCode = customerCode
        self.side = side
        self.amount = amount
        self.functionalAmount = functionalAmount
        self.rate = rate
        self.memo = memo
    }

    public static func debit(_ account: String, _ amount: Money, customer: String? = nil, rate: ExactDecimal? = nil, memo: String? = nil) -> Self {
        .init(accountCode: account, customerCode: customer, side: .debit, amount: amount, rate: rate, memo: memo)
    }

    public static func credit(_ account: String, _ amount: Money, customer: String? = nil, rate: ExactDecimal? = nil, memo: String? = nil) -> Self {
        .init(accountCode: account, customerCode: customer, side: .credit, amount: amount, rate: rate, memo: memo)
    }
}

/// An entry before it is posted.
public struct JournalEntryDraft: Sendable, Hashable {
    public var journal: JournalKind
    public var date: BusinessDate
    public var description: String
    /// The document the entry books (an invoice number, a bank reference).
    public var reference: String?
    public var lines: [JournalLineDraft]

    public init(journal: JournalKind, date: BusinessDate, description: String, reference: String? = nil, lines: [JournalLineDraft]) {
        self.journal = journal
        self.date = date
        self.description = description
        self.reference = reference
        self.lines = lines
    }
}

/// A line as the ledger keeps it: amounts on their side in transaction and functional currency.
public struct LedgerLine: Sendable, Hashable, Codable {
    public var accountCode: String
    public var customerCode: String?
    public var currency: Currency
    public var debit: Int64
    public var credit: Int64
    public var functionalDebit: Int64
    public var functionalCredit: Int64
    public var rate: ExactDecimal?
    public var memo: String?

    public init(accountCode: String, customerCode: String?, currency: Currency, debit: Int64, credit: Int64,
                functionalDebit: Int64, functionalCredit: Int64, rate: ExactDecimal?, memo: String?) {
        self.accountCode = accountCode
        self.customerCode = customerCode
        self.currency = currency
        self.debit = debit
        self.credit = credit
        self.functionalDebit = functionalDebit
        self.functionalCredit = functionalCredit
        self.rate = rate
        self.memo = memo
    }

    /// The same line on the other side: what a reversing entry posts.
    public var reversed: LedgerLine {
        var copy = self
        swap(&copy.debit, &copy.credit)
        swap(&copy.functionalDebit, &copy.functionalCredit)
        return copy
    }
}

/// An entry that has passed every posting rule and may be written to the books as it is.
public struct BalancedEntry: Sendable, Hashable {
    public let journal: JournalKind
    public let date: BusinessDate
    public let description: String
    public let reference: String?
    public let lines: [LedgerLine]

    /// Builds a balanced entry from lines already on their sides (a reversal, an import) after
    /// checking that they balance per currency and in the functional currency.
    public init(journal: JournalKind, date: BusinessDate, description: String, reference: String?, lines: [LedgerLine],
                functionalCurrency: Currency) throws(DomainError) {
        try PostingRules.checkBalanced(lines, functionalCurrency: functionalCurrency)
        self.journal = journal
        self.date = date
        self.description = description
        self.reference = reference
        self.lines = lines
    }
}

/// The rules every entry obeys before it reaches the books.
public enum PostingRules {
    /// Checks a draft against the chart and the entity and returns what may be posted.
    /// `accounts` is the entity's chart by code.
    public static func validate(_ draft: JournalEntryDraft, functionalCurrency: Currency, accounts: [String: Account]) throws(DomainError) -> BalancedEntry {
        guard draft.lines.count >= 2 else { throw DomainError(field: "lines", "an entry needs at least two lines") }
        guard draft.description.contains(where: { !$0.isWhitespace }) else {
            throw DomainError(field: "description", "an entry needs a description")
        }
        for (index, line) in draft.lines.enumerated() {
            let field = "lines[\(index)]"
            guard let account = accounts[line.accountCode] else {
                throw DomainError(field: "\(field).account", "unknown account '\(line.accountCode)'")
            }
            guard account.isActive else { throw DomainError(field: "\(field).account", "account \(account.code) is closed to postings") }
            // NB: a line of zero in a foreign currency with a functional amount is an exchange
            // difference: it moves the functional books only (a realized FX gain or loss).
            let isExchangeDifference = line.amount.isZero && line.amount.currency != functionalCurrency && (line.functionalAmount?.isPositive ?? false)
            guard line.amount.minorUnits > 0 || isExchangeDifference else {
                if line.amount.isZero {
                    throw DomainError(field: "\(field).\(line.side.rawValue)", "amount must be positive; a zero line is allowed only in a foreign currency with a functional_amount (an exchange difference)")
                }
                throw DomainError(field: "\(field).\(line.side.rawValue)", "amount must be positive (got \(line.amount.decimalString)); put it on the other side instead")
            }
            if let only = account.currency, only != line.amount.currency {
                throw DomainError(field: "\(field).currency", "account \(account.code) \(account.name) holds \(only.code) only, not \(line.amount.currency.code)")
            }
            if account.tracksCustomers && (line.customerCode ?? "").isEmpty {
                throw DomainError(field: "\(field).customer", "account \(account.code) \(account.name) is kept per customer: the line needs a customer")
            }
            if !account.tracksCustomers && !(line.customerCode ?? "").isEmpty {
                throw DomainError(field: "\(field).customer", "account \(account.code) \(account.name) is not kept per customer: remove the customer or use a receivable account")
            }
            if line.amount.currency == functionalCurrency {
                if let rate = line.rate, rate != ExactDecimal(1) {
                    throw DomainError(field: "\(field).rate", "a line in the functional currency has rate 1, not \(rate)")
                }
                if let f = line.functionalAmount, f != line.amount {
                    throw DomainError(field: "\(field).functional_amount", "a line in the functional currency has the same functional amount")
                }
            } else {
                if line.rate == nil && line.functionalAmount == nil {
                    throw DomainError(field: "\(field).rate", "a \(line.amount.currency.code) line in a \(functionalCurrency.code) entity needs a rate or a functional amount")
                }
                if let rate = line.rate, rate.units <= 0 {
                    throw DomainError(field: "\(field).rate", "an exchange rate must be positive")
                }
                if let f = line.functionalAmount {
                    guard f.currency == functionalCurrency, f.minorUnits > 0 else {
                        throw DomainError(field: "\(field).functional_amount", "the functional amount must be a positive \(functionalCurrency.code) amount")
                    }
                }
            }
        }
        let lines = try functionalLines(draft.lines, functionalCurrency: functionalCurrency)
        return try BalancedEntry(journal: draft.journal, date: draft.date, description: draft.description, reference: draft.reference,
                                 lines: lines, functionalCurrency: functionalCurrency)
    }

    /// Derives functional amounts. Lines that share a currency, rate and side are converted as one
    /// total rounded once (half-even), then spread back over the lines by weight, so an entry that
    /// balances in its currency at one rate also balances in the functional currency.
    static func functionalLines(_ drafts: [JournalLineDraft], functionalCurrency: Currency) throws(DomainError) -> [LedgerLine] {
        var functional = [Int64?](repeating: nil, count: drafts.count)
        struct GroupKey: Hashable { let currency: Currency; let rate: ExactDecimal; let side: Side }
        var groups: [GroupKey: [Int]] = [:]
        var order: [GroupKey] = []
        for (index, line) in drafts.enumerated() {
            if line.amount.currency == functionalCurrency { functional[index] = line.amount.minorUnits; continue }
            if let f = line.functionalAmount { functional[index] = f.minorUnits; continue }
            let key = GroupKey(currency: line.amount.currency, rate: line.rate!.normalized, side: line.side)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        for key in order {
            let members = groups[key]!
            let total = members.reduce(Money.zero(key.currency)) { $0 + drafts[$1].amount }
            let converted = try total.converted(by: key.rate, rounding: .halfEven, into: functionalCurrency,
                                                field: "lines[\(members[0])].rate")
            let parts = try converted.allocated(byWeights: members.map { drafts[$0].amount.minorUnits })
            for (member, part) in zip(members, parts) { functional[member] = part.minorUnits }
        }
        return drafts.enumerated().map { index, line in
            let f = functional[index]!
            return LedgerLine(
                accountCode: line.accountCode, customerCode: line.customerCode?.isEmpty == true ? nil : line.customerCode,
                currency: line.amount.currency,
                debit: line.side == .debit ? line.amount.minorUnits : 0,
                credit: line.side == .credit ? line.amount.minorUnits : 0,
                functionalDebit: line.side == .debit ? f : 0,
                functionalCredit: line.side == .credit ? f : 0,
                rate: line.amount.currency == functionalCurrency ? nil : line.rate?.normalized,
                memo: line.memo)
        }
    }

    /// Debits equal credits in every currency, and in the functional currency.
    public static func checkBalanced(_ lines: [LedgerLine], functionalCurrency: Currency) throws(DomainError) {
        guard lines.count >= 2 else { throw DomainError(field: "lines", "an entry needs at least two lines") }
        // Sums in 128 bits: many large lines cannot overflow the check itself.
        var perCurrency: [Currency: (debit: Int128, credit: Int128)] = [:]
        var functionalDebit: Int128 = 0, functionalCredit: Int128 = 0
        for (index, line) in lines.enumerated() {
            let nonNegative = line.debit >= 0 && line.credit >= 0 && line.functionalDebit >= 0 && line.functionalCredit >= 0
            let oneSide = (line.functionalDebit == 0) != (line.functionalCredit == 0)
                && (line.debit == 0 || line.credit == 0)
                && (line.debit == 0 || line.functionalDebit > 0) && (line.credit == 0 || line.functionalCredit > 0)
            let exchangeDifference = line.debit == 0 && line.credit == 0
            guard nonNegative, oneSide, !exchangeDifference || line.currency != functionalCurrency,
                  line.currency != functionalCurrency || (line.debit == line.functionalDebit && line.credit == line.functionalCredit)
            else { throw DomainError(field: "lines[\(index)]", "a line carries one positive amount, on one side") }
            perCurrency[line.currency, default: (0, 0)].debit += Int128(line.debit)
            perCurrency[line.currency, default: (0, 0)].credit += Int128(line.credit)
            functionalDebit += Int128(line.functionalDebit)
            functionalCredit += Int128(line.functionalCredit)
        }
        guard functionalDebit < Int128(Int64.max / 4), perCurrency.values.allSatisfy({ $0.debit < Int128(Int64.max / 4) && $0.credit < Int128(Int64.max / 4) }) else {
            throw DomainError(field: "lines", "the entry's totals are too large for the books")
        }
        for (currency, totals) in perCurrency.sorted(by: { $0.key.code < $1.key.code }) where totals.debit != totals.credit {
            let text = { (minor: Int128) in AmountFormat.canonical.format(Money(minorUnits: Int64(clamping: minor), currency: currency)) }
            throw DomainError(field: "lines", "the entry does not balance in \(currency.code): debits \(text(totals.debit)), credits \(text(totals.credit)), difference \(text(totals.debit - totals.credit))")
        }
        if functionalDebit != functionalCredit {
            let diff = Money(minorUnits: Int64(clamping: functionalDebit - functionalCredit), currency: functionalCurrency)
            throw DomainError(field: "lines", "the entry does not balance in the functional currency \(functionalCurrency.code): difference \(diff.decimalString); give the functional amounts of the foreign lines explicitly, or add an exchange difference line")
        }
    }
}

/// An entry as it stands in the books, with its number.
public struct PostedEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var entityCode: String
    /// The entity's functional currency, the currency of every line's functional amounts.
    public var functionalCurrency: Currency
    public var journal: JournalKind
    public var fiscalYear: Int
    public var sequence: Int
    public var date: BusinessDate
    public var description: String
    public var reference: String?
    public var source: String
    public var reversesEntryID: Int64?
    public var reversedByEntryID: Int64?
    /// The numbers of the entry this one reverses, and of the entry that reverses this one.
    public var reversesNumber: String?
    public var reversedByNumber: String?
    public var postedAt: String
    public var postedBy: String
    public var lines: [LedgerLine]

    public init(id: Int64, entityCode: String, functionalCurrency: Currency, journal: JournalKind, fiscalYear: Int, sequence: Int, date: BusinessDate,
                description: String, reference: String?, source: String, reversesEntryID: Int64?, reversedByEntryID: Int64?,
                reversesNumber: String? = nil, reversedByNumber: String? = nil,
                postedAt: String, postedBy: String, lines: [LedgerLine]) {
        self.id = id
        self.entityCode = entityCode
        self.functionalCurrency = functionalCurrency
        self.journal = journal
        self.fiscalYear = fiscalYear
        self.sequence = sequence
        self.date = date
        self.description = description
        self.reference = reference
        self.source = source
        self.reversesEntryID = reversesEntryID
        self.reversedByEntryID = reversedByEntryID
        self.reversesNumber = reversesNumber
        self.reversedByNumber = reversedByNumber
        self.postedAt = postedAt
        self.postedBy = postedBy
        self.lines = lines
    }

    /// `SAL-2026-000042`: journal, fiscal year, gap-free sequence.
    public var number: String { EntryNumber.format(journal: journal, fiscalYear: fiscalYear, sequence: sequence) }

    /// The entry that cancels this one, dated `date`.
    public func reversal(on date: BusinessDate, description: String? = nil) throws(DomainError) -> BalancedEntry {
        try BalancedEntry(journal: journal, date: date, description: description ?? "Reversal of \(number): \(self.description)",
                          reference: reference, lines: lines.map(\.reversed), functionalCurrency: functionalCurrency)
    }

    /// Reverses some of the entry's lines (numbered from 1), which must balance by themselves:
    /// one bank line's part of a cash-application entry shared with others.
    public func reversal(of part: ClosedRange<Int>, on date: BusinessDate, reference: String?, description: String) throws(DomainError) -> BalancedEntry {
        guard part.lowerBound >= 1, part.upperBound <= lines.count else {
            throw DomainError(field: "lines", "\(number) has lines 1–\(lines.count), not \(part.lowerBound)–\(part.upperBound)")
        }
        return try BalancedEntry(journal: journal, date: date, description: description, reference: reference,
                                 lines: lines[(part.lowerBound - 1)...(part.upperBound - 1)].map(\.reversed), functionalCurrency: functionalCurrency)
    }
}

public enum EntryNumber {
    public static func format(journal: JournalKind, fiscalYear: Int, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(journal.code)-\(fiscalYear)-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Reads `SAL-2026-000042` back.
    public static func parse(_ text: String) throws(DomainError) -> (journal: JournalKind, fiscalYear: Int, sequence: Int) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[1]), let sequence = Int(parts[2]),
              let journal = try? JournalKind(code: String(parts[0]))
        else { throw DomainError(field: "entry", "'\(text)' is not an entry number (expected e.g. MIS-2026-000012)") }
        return (journal, year, sequence)
    }
}
