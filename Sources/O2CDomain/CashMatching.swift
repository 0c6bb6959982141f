import Foundation

/// An invoice that is still (partly) open, as the matcher sees it.
public struct OpenItem: Sendable, Hashable {
    public var id: Int64
    public var number: String
    public var customer: String
    public var currency: Currency
    /// What is still open, in minor units.
    public var open: Int64
    public var issueDate: BusinessDate
    public var dueDate: BusinessDate
    /// A credit note that credits no invoice of ours (open credit carried over from a previous
    /// system): `open` is the credit the customer has left to use, negative.
    public var isCreditNote = false

    public init(id: Int64, number: String, customer: String, currency: Currency, open: Int64, issueDate: BusinessDate, dueDate: BusinessDate) {
        self.id = id
        self.number = number
        self.customer = customer
        self.currency = currency
        self.open = open
        self.issueDate = issueDate
        self.dueDate = dueDate
    }
}

/// Who a customer is to the matcher: the names it pays under and its bank accounts.
public struct PayerIdentity: Sendable, Hashable {
    public var code: String
    public var names: [String]
    public var bankAccounts: [String]
    /// Its contacts' e-mail addresses: a numbered company (`9284-1234 Québec inc.`) often shows
    /// the name it trades under only in its domain (`ap@fromageriedulac.ca`).
    public var emails: [String]
    /// A media agency on file (`CustomerKind.agency`): it pays for its clients.
    public var isAgency: Bool
    /// Its parent company's code: a parent pays for its subsidiaries, a subsidiary for its sisters.
    public var parent: String?
    /// The currency it is billed in, when on file: of two customers a name fits alike, the one
    /// billed in the account's currency is the one a payment into it can pay.
    public var currency: Currency?

    public init(code: String, names: [String], bankAccounts: [String], emails: [String] = [], isAgency: Bool = false, parent: String? = nil, currency: Currency? = nil) {
        self.code = code
        self.names = names
        self.bankAccounts = bankAccounts
        self.emails = emails
        self.isAgency = isAgency
        self.parent = parent
        self.currency = currency
    }
}

/// A customer credit as the matcher reads it.
public struct IncomingPayment: Sendable, Hashable {
    public var amount: Money
    public var payerName: String?
    public var payerAccount: String?
    /// Everything the payer wrote: remittance text, structured references, end-to-end id.
    public var text: String
    public var references: [String]
    /// The reference the payer's bank sends beside the text (BAI2's customer reference): often
    /// a cheque or a trace number, sometimes an invoice's.
    public var bankReference: String?
    /// The day the bank booked it: a prompt-payment discount is earned by a payment within
    /// the discount period of the invoice's date.
    public var date: BusinessDate?

    public init(amount: Money, payerName: String?, payerAccount: String?, text: String, references: [String], bankReference: String? = nil,
                date: BusinessDate? = nil) {
        self.amount = amount
        self.payerName = payerName
        self.payerAccount = payerAccount
        self.text = text
        self.references = references
        self.bankReference = bankReference
        self.date = date
    }
}

/// What the matcher decided for one bank line, and why.
public struct MatchDecision: Sendable, Hashable {
    public enum Status: String, Sendable, Codable {
        /// Allocated without a person (confidence at or above the threshold).
        case applied
        /// A match the matcher believes in but below the threshold: a person confirms it.
        case proposed
        /// Cash kept on the customer's account (or unidentified when no customer is known).
        case unapplied
        /// Not a customer's payment (a transfer, a refund from a tax authority, interest).
        case notCustomerPayment = "not-a-customer-payment"
    }

    public struct Allocation: Sendable, Hashable {
        public var invoiceID: Int64
        public var invoice: String
        /// The invoice's customer: the receivable this part settles.
        public var customer: String
        public var amount: Int64

        public init(_ item: OpenItem, amount: Int64) {
            self.invoiceID = item.id
            self.invoice = item.number
            self.customer = item.customer
            self.amount = amount
        }
    }

    public var status: Status
    /// Whose payment it is: the customer whose account takes any excess. Nil when unidentified,
    /// and when a payer not recognised settles invoices of several customers.
    public var customer: String?
    public var allocations: [Allocation]
    /// A short payment within the tolerance, booked as a bank charge.
    public var fee: Int64
    /// What stays on the customer's account (an over-payment, a duplicate); with no customer
    /// (a deposit holding cheques of no known payer), what stays in unidentified receipts.
    public var unapplied: Int64
    /// A larger short payment: the part of the invoice left open, a proposed deduction.
    public var deduction: Int64
    /// 0–100.
    public var confidence: Int
    public var explanation: String
    /// Prompt-payment discounts the remittance states and the entity allows, by invoice id: part
    /// of what each allocation settles, booked as sales discounts.
    public var discounts: [Int64: Int64] = [:]
}

/// The rules an entity matches by.
public struct MatchPolicy: Sendable, Hashable {
    /// A short payment up to this (minor units of `currency`) settles the invoice, the
    /// difference booked as a bank charge.
    public var feeTolerance: Int64
    /// Decisions at or above this confidence are applied; below, only proposed.
    public var threshold: Int
    /// The most open invoices a payment without a reference is tried against as a sum.
    public var maximumCombination: Int
    /// The largest balance an approver may write off (minor units of `currency`).
    public var writeOffLimit: Int64
    /// The largest prompt-payment discount, in basis points of the invoice, that settles it when
    /// the remittance states it (`DISC 125.00`); 0: every discount taken is a deduction to review.
    public var discountLimit: Int64
    /// The discount period: a discount within the limit settles only when the payment is at
    /// most this many days after the invoice's date (`2% 10 NET 30`); 0: any day.
    public var discountDays: Int = 0
    /// The currency the amounts are in: the entity's functional one, or the payment's once
    /// `resolved(for:)`.
    public var currency: Currency
    /// Amounts set for one currency (`cash.fee-tolerance.USD`), by currency code, in its minor units.
    public var feeTolerances: [String: Int64] = [:]
    public var writeOffLimits: [String: Int64] = [:]

    public init(feeTolerance: Int64 = 5_000, threshold: Int = 85, maximumCombination: Int = 6, writeOffLimit: Int64 = 10_000, discountLimit: Int64 = 0,
                currency: Currency = .CAD) {
        self.feeTolerance = feeTolerance
        self.threshold = threshold
        self.maximumCombination = maximumCombination
        self.writeOffLimit = writeOffLimit
        self.discountLimit = discountLimit
        self.currency = currency
    }

    /// The policy for a payment or an invoice in `other`: the amounts set for that currency, else
    /// the same figures written in it (50.00 CAD is 50.00 USD, 50 JPY, 50.000 KWD). Taken from
    /// the entity's policy (as read, in its functional currency), once.
    public func resolved(for other: Currency) -> MatchPolicy {
        var policy = self
        policy.feeTolerance = feeTolerances[other.code] ?? Self.rescale(feeTolerance, from: currency, to: other)
        policy.writeOffLimit = writeOffLimits[other.code] ?? Self.rescale(writeOffLimit, from: currency, to: other)
        policy.currency = other
        return policy
    }

    /// Whether a payment on `day` is within the discount period of an invoice dated `issued`.
    public func inDiscountPeriod(paidOn day: BusinessDate?, issued: BusinessDate) -> Bool {
        guard discountDays > 0, let day else { return true }
        return issued.days(until: day) <= discountDays
    }

    /// Whether the entity grants a prompt-payment discount of `discount` on an invoice with `open` open:
    /// at most the limit's share of it rounded half up to the minor unit (2% of 4,505.99 is 90.12).
    public func grants(_ discount: Int64, on open: Int64) -> Bool {
        Int128(discount) * 10_000 <= Int128(open) * Int128(discountLimit) + 5_000
    }

    /// The same figure in another currency's minor units (cut, never rounded up).
    static func rescale(_ minor: Int64, from: Currency, to: Currency) -> Int64 {
        var value = minor
        if to.exponent > from.exponent { for _ in from.exponent..<to.exponent { value *= 10 } }
        if to.exponent < from.exponent { for _ in to.exponent..<from.exponent { value /= 10 } }
        return value
    }
}

extension MatchPolicy {
    /// The settings `o2c policy set` knows for cash application: `cash.fee-tolerance` (an amount:
    /// a short payment up to it settles the invoice, the difference a bank charge) and
    /// `cash.threshold` (the confidence, 0–100, from which a match is applied, not only proposed)
    /// `cash.write-off-limit` (the largest balance an approver may write off) and
    /// `cash.discount-limit` (a percentage: the largest stated prompt-payment discount that settles)
    /// and `cash.discount-days` (the discount period, days after the invoice's date; 0: any day).
    public static let settingNames = ["cash.fee-tolerance", "cash.threshold", "cash.write-off-limit", "cash.discount-limit", "cash.discount-days"]

    /// The settings that are amounts: each may also be set for one currency
    /// (`cash.fee-tolerance.USD 35.00`), since 100.00 is not the same money in every currency.
    public static let amountSettingNames: Set<String> = ["cash.fee-tolerance", "cash.write-off-limit"]

    /// A setting's name and the currency it is set for (`cash.fee-tolerance.USD`, the code in
    /// any case), or nil when it is not a cash application setting.
    public static func setting(_ name: String) -> (name: String, currency: Currency?)? {
        if settingNames.contains(name) { return (name, nil) }
        guard let dot = name.lastIndex(of: "."), case let base = String(name[..<dot]), amountSettingNames.contains(base),
              let currency = try? Currency(code: String(name[name.index(after: dot)...]).uppercased()) else { return nil }
        return (base, currency)
    }

    /// The name a setting is stored under: the currency's code in capitals.
    public static func canonicalName(_ name: String) -> String {
        guard let setting = setting(name), let currency = setting.currency else { return name }
        return "\(setting.name).\(currency.code)"
    }

    /// Applies stored settings; amounts set for every currency are read in `currency` (the
    /// entity's functional one), those set for one currency in that one.
    public mutating func apply(_ stored: [(name: String, value: String)], currency: Currency) throws(DomainError) {
        self.currency = currency
        // A name stored in capitals wins over one typed otherwise before names were made so.
        for (name, value) in stored.sorted(by: { ($0.name == Self.canonicalName($0.name) ? 1 : 0) < ($1.name == Self.canonicalName($1.name) ? 1 : 0) }) {
            try set(name, to: value, currency: currency)
        }
    }

    public mutating func set(_ name: String, to value: String, currency: Currency) throws(DomainError) {
        if let setting = Self.setting(name), let own = setting.currency {
            let amount = try AmountFormat.canonical.parse(value, currency: own, field: name)
            guard !amount.isNegative else { throw DomainError(field: name, "an amount setting cannot be negative") }
            if setting.name == "cash.fee-tolerance" { feeTolerances[own.code] = amount.minorUnits } else { writeOffLimits[own.code] = amount.minorUnits }
            return
        }
        switch name {
        case "cash.fee-tolerance":
            let amount = try AmountFormat.canonical.parse(value, currency: currency, field: name)
            guard !amount.isNegative else { throw DomainError(field: name, "a fee tolerance cannot be negative") }
            feeTolerance = amount.minorUnits
        case "cash.threshold":
            guard let confidence = Int(value), (0...100).contains(confidence) else { throw DomainError(field: name, "'\(value)' is not a confidence from 0 to 100") }
            threshold = confidence
        case "cash.write-off-limit":
            let amount = try AmountFormat.canonical.parse(value, currency: currency, field: name)
            guard !amount.isNegative else { throw DomainError(field: name, "a write-off limit cannot be negative") }
            writeOffLimit = amount.minorUnits
        case "cash.discount-limit":
            // A percentage with at most two decimals (`2`, `2.5`, `2.00%`), kept in basis points.
            let text = value.hasSuffix("%") ? String(value.dropLast()) : value
            guard let percent = try? ExactDecimal(parsing: text), percent.scale <= 2,
                  case let points = percent.units * (percent.scale == 0 ? 100 : percent.scale == 1 ? 10 : 1), (0...1_000).contains(points) else {
                throw DomainError(field: name, "'\(value)' is not a percentage from 0 to 10 (e.g. 2 or 2.5)")
            }
            discountLimit = Int64(points)
        case "cash.discount-days":
            guard let days = Int(value), (0...365).contains(days) else { throw DomainError(field: name, "'\(value)' is not a number of days from 0 to 365") }
            discountDays = days
        default:
            throw DomainError(field: "setting", "unknown cash application setting '\(name)' (settings: \(Self.settingNames.joined(separator: ", ")))")
        }
    }

    /// The settings as `o2c policy show` prints them: those for every currency, in `currency`.
    public func settings(currency: Currency) -> [String: String] {
        ["cash.fee-tolerance": AmountFormat.canonical.format(Money(minorUnits: feeTolerance, currency: currency)), "cash.threshold": String(threshold),
         "cash.write-off-limit": AmountFormat.canonical.format(Money(minorUnits: writeOffLimit, currency: currency)),
         "cash.discount-limit": ExactDecimal(units: Int128(discountLimit), scale: 2).description, "cash.discount-days": String(discountDays)]
    }

    /// The amounts set for one currency, by their stored name, in that currency.
    public func currencySettings() -> [(name: String, value: String)] {
        func listed(_ base: String, _ amounts: [String: Int64]) -> [(name: String, value: String)] {
            amounts.sorted { $0.key < $1.key }.compactMap { code, minor in
                (try? Currency(code: code)).map { ("\(base).\(code)", AmountFormat.canonical.format(Money(minorUnits: minor, currency: $0))) }
            }
        }
        return listed("cash.fee-tolerance", feeTolerances) + listed("cash.write-off-limit", writeOffLimits)
    }
}

/// Settings of one match run that take the place of the entity's policy (`o2c cash match
/// --threshold 90`).
public struct MatchOverrides: Sendable, Hashable {
    /// An amount, in the entity's functional currency (`25.00`).
    public var feeTolerance: String?
    public var threshold: Int?

    public init(feeTolerance: String? = nil, threshold: Int? = nil) {
        self.feeTolerance = feeTolerance
        self.threshold = threshold
    }

    public func applied(to policy: MatchPolicy, currency: Currency) throws(DomainError) -> MatchPolicy {
        var policy = policy
        // The run's tolerance holds in every currency, over those set for one.
        if let feeTolerance { try policy.set("cash.fee-tolerance", to: feeTolerance, currency: currency); policy.feeTolerances = [:] }
        if let threshold { try policy.set("cash.threshold", to: String(threshold), currency: currency) }
        return policy
    }
}

/// Cash application: reads who paid what from a bank line, and decides what it settles.
///
/// How, in order:
/// 1. **References** in the text: every run of digits (and runs joined by `-`, `/`, `.` or a
///    space) is compared with the open invoices' numbers by their digits, so `INV-2026-003074`,
///    `INV2026003074`, `FACT 2026-003074` and `2026 003074` all name the same invoice; a number
///    without its leading zeros or year (`#3074`) names it when only one open invoice of the payer
///    ends so; one swapped or mistyped digit is accepted only when the amount confirms it.
/// 2. **The payer**: from the references' invoices, else its name (upper-cased, accents and legal
///    suffixes dropped, possibly cut short by the bank) against customers' names and aliases, else
///    its bank account.
/// 3. **Amounts**: named invoices are settled up to what is open; a short payment within the fee
///    tolerance settles them with a bank charge; a larger one is applied and leaves a deduction
///    open; an excess stays unapplied on the customer's account; an invoice already settled makes
///    the line a duplicate, left unapplied. Without a reference, the payer's open invoices are
///    searched for the one set that sums to the amount (a bounded search); two sets that fit make
///    it a proposal, not an application.
///
/// Every decision carries a confidence and a one-line explanation; nothing that does not tie to a
/// customer is applied. The matcher keeps its own view of what is open, so a second payment of the
/// same invoice in one run is seen as a duplicate.
public struct CashMatcher: Sendable {
    /// The entity's policy.
    public let entityPolicy: MatchPolicy
    /// The policy in the currency of the payment being decided (`entityPolicy.resolved(for:)`).
    public private(set) var policy: MatchPolicy
    private var items: [Int64: OpenItem] = [:]
    /// Open credit notes of no invoice (credit left, negative), and by the digits of their
    /// numbers: what a payment may net against the invoices it pays (`SI-104967 LESS CM-1542`).
    private var credits: [Int64: OpenItem] = [:]
    private var creditsByDigits: [String: [Int64]] = [:]
    /// By their last group of digits without zeros (`9` of NC-2026-0009): payers write it alone.
    private var creditsByTail: [String: [Int64]] = [:]
    /// Open items by all the digits of their number (`2026003074`).
    private var byDigits: [String: [Int64]] = [:]
    /// By the last group of digits without leading zeros (`3074`).
    private var byTail: [String: [Int64]] = [:]
    /// By its groups of digits without their leading zeros (`2026|3074`).
    private var byGroups: [String: [Int64]] = [:]
    /// Open items by the beginnings of their numbers' digits that a run looks for (numbers cut
    /// short: `followUp`'s `cutNumbers`). Nil: a matcher over the whole book, which looks through
    /// all its items.
    private var byBeginning: [String: [Int64]]?
    private let cutNumbers: Set<String>?
    /// Open items by customer.
    private var byCustomer: [String: [Int64]] = [:]
    /// Every invoice number ever known (open or settled), by digits: to recognise a duplicate.
    private var settledDigits: [String: String] = [:]
    /// The numbers of those settled invoices, by their digits: what an explanation names.
    private var settledNumbers: [String: String] = [:]
    private var directory: PayerDirectory?
    /// What a matcher built over part of the book was given: the payers whose open items it
    /// holds (up to an amount each), the near-miss numbers whose invoices it holds. Nil: all.
    private var pools: [String: Int64]?
    private var nearMissKeysKnown: Set<String>?
    /// What the invoices this run has allocated to were open for before it: a payment found on
    /// its amount alone is judged against the book as the statement found it, not as the lines
    /// before it left it (the same decisions whatever the order of the lines).
    private var openBeforeRun: [Int64: Int64] = [:]
    /// The lines this run applied, by currency, amount and text: the same line again may be a
    /// duplicate (a payment sent twice), whatever the invoices it names still have open.
    private var appliedLines: Set<String> = []

    /// What a matcher over part of the book must be given before it can decide a line.
    public enum Need: Sendable, Hashable {
        /// The payer's open items of at most this amount.
        case pool(payer: String, upTo: Int64)
        /// The invoices whose digits are these.
        case nearMisses(Set<String>)
    }

    /// One step of deciding a line: its decision, or what the matcher must be given first.
    public enum Step: Sendable {
        case decided(MatchDecision)
        case needs(Need)
    }

    /// A matcher over `openItems` and the invoices already settled.
    ///
    /// With `pools` and `nearMissKeys` nil it holds the whole book. A large book gives it only
    /// what its lines' readings can name (the invoices found by `PaymentReading`'s keys, the
    /// pools and near misses `followUp` expects); `step` then says when a line needs more.
    public init(openItems: [OpenItem], settledNumbers: [(number: String, customer: String)] = [], policy: MatchPolicy = MatchPolicy(),
                pools: [String: Int64]? = nil, nearMissKeys: Set<String>? = nil, cutNumbers: Set<String>? = nil) {
        self.entityPolicy = policy
        self.policy = policy.resolved(for: policy.currency)
        self.directory = nil
        self.pools = pools
        self.nearMissKeysKnown = nearMissKeys
        self.cutNumbers = cutNumbers
        if cutNumbers != nil || pools != nil { byBeginning = [:] }
        learn(openItems, settledNumbers: settledNumbers)
    }

    /// A matcher that reads payments itself, with its own directory of payers.
    public init(openItems: [OpenItem], settledNumbers: [(number: String, customer: String)] = [], payers: [PayerIdentity], policy: MatchPolicy = MatchPolicy()) {
        self.init(openItems: openItems, settledNumbers: settledNumbers, policy: policy)
        directory = PayerDirectory(payers)
    }

    /// Adds invoices the matcher did not hold (those it holds keep what this run took off them),
    /// and what they complete: a payer's pool, near-miss numbers.
    public mutating func learn(_ openItems: [OpenItem], settledNumbers: [(number: String, customer: String)] = [], pool: (payer: String, upTo: Int64)? = nil,
                               nearMissKeys: Set<String> = []) {
        func insert(_ id: Int64, _ list: inout [Int64]) {
            // Lists stay in id order, the order of a matcher given the whole book at once.
            list.insert(id, at: list.firstIndex { $0 > id } ?? list.count)
        }
        // Room made once: a run learns a hundred thousand invoices or more.
        items.reserveCapacity(items.count + openItems.count)
        byDigits.reserveCapacity(byDigits.count + openItems.count)
        byTail.reserveCapacity(byTail.count + openItems.count)
        byGroups.reserveCapacity(byGroups.count + openItems.count)
        for item in openItems.sorted(by: { $0.id < $1.id }) where item.open > 0 && items[item.id] == nil {
            items[item.id] = item
            let keys = Self.matchKeys(of: item.number)
            insert(item.id, &byDigits[keys.digits, default: []])
            if let tail = keys.tail { insert(item.id, &byTail[tail, default: []]) }
            if let groups = keys.groups { insert(item.id, &byGroups[groups, default: []]) }
            insert(item.id, &byCustomer[item.customer, default: []])
            if let cutNumbers, !cutNumbers.isEmpty, keys.digits.utf8.count > 5 {
                for length in 5..<keys.digits.utf8.count {
                    let beginning = String(keys.digits.prefix(length))
                    if cutNumbers.contains(beginning) { insert(item.id, &byBeginning![beginning, default: []]) }
                }
            }
        }
        for item in openItems where item.isCreditNote && item.open < 0 && credits[item.id] == nil {
            credits[item.id] = item
            creditsByDigits[Self.digits(item.number), default: []].append(item.id)
            if let last = Self.digitRuns(in: item.number).last?.digits {
                let tail = String(last.drop { $0 == "0" })
                creditsByTail[tail.isEmpty ? "0" : tail, default: []].append(item.id)
            }
        }
        for settled in settledNumbers where settledDigits[Self.digits(settled.number)] == nil {
            settledDigits[Self.digits(settled.number)] = settled.customer
            self.settledNumbers[Self.digits(settled.number)] = settled.number
        }
        if let pool, pools != nil { pools![pool.payer] = max(pools![pool.payer] ?? 0, pool.upTo) }
        if nearMissKeysKnown != nil { nearMissKeysKnown!.formUnion(nearMissKeys) }
    }

    /// The open items whose number's digits begin with `prefix` and go on past it.
    private func openItems(beginning prefix: String) -> [OpenItem] {
        let ids = byBeginning.map { $0[prefix] ?? [] }
            ?? byDigits.filter { $0.key.utf8.count > prefix.utf8.count && $0.key.hasPrefix(prefix) }.flatMap(\.value).sorted()
        return ids.compactMap { items[$0] }.filter { $0.open > 0 }
    }

    /// The keys an invoice number is found by: all its digits, its last group without leading
    /// zeros, its groups without leading zeros when it has two or more.
    public static func matchKeys(of number: String) -> (digits: String, tail: String?, groups: String?) {
        // One pass over the bytes: a run keys every invoice it loads.
        var all: [UInt8] = [], groups: [[UInt8]] = [], current: [UInt8] = []
        for byte in number.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                all.append(byte)
                current.append(byte)
            } else if !current.isEmpty {
                groups.append(current)
                current = []
            }
        }
        if !current.isEmpty { groups.append(current) }
        let stripped = groups.map { group in String(decoding: group.drop { $0 == 0x30 }, as: UTF8.self) }
        // A last group of one or two digits is a check digit or a revision (`LM118130-4`,
        // `LM112046-8A`) that payers drop: the number's tail is the group before it.
        let last = groups.count >= 2 && groups[groups.count - 1].count <= 2 ? stripped.dropLast().last : stripped.last
        let tail = last.flatMap { $0.isEmpty ? nil : $0 }
        return (String(decoding: all, as: UTF8.self), tail, stripped.count >= 2 ? stripped.joined(separator: "|") : nil)
    }

    /// What is open on an invoice now, after the decisions taken so far.
    public func open(_ id: Int64) -> Int64 { items[id]?.open ?? 0 }

    /// A customer's open items in a currency, in id order.
    private func openItems(of customer: String, in currency: Currency) -> [OpenItem] {
        (byCustomer[customer] ?? []).compactMap { items[$0] }.filter { $0.currency == currency && $0.open > 0 }
    }

    /// Whether the matcher holds the customer's open items of up to `amount` (always, over the whole book).
    private func holdsPool(of customer: String, upTo amount: Int64) -> Bool {
        pools.map { ($0[customer] ?? -1) >= amount } ?? true
    }

    /// Whether no other open invoice of its customer is open for as much: a mistyped number is
    /// believed when the amount singles out the invoice it comes near (a customer billed the same
    /// each month has several such). Nil: the customer's open items must be loaded first.
    private func amountSinglesOut(_ item: OpenItem) -> Bool? {
        guard holdsPool(of: item.customer, upTo: item.open) else { return nil }
        return !openItems(of: item.customer, in: item.currency).contains { $0.id != item.id && $0.open == item.open }
    }

    // MARK: Deciding

    /// Decides one payment, read with the matcher's own directory of payers.
    public mutating func decide(_ payment: IncomingPayment) -> MatchDecision {
        guard let directory else { preconditionFailure("a matcher built without payers decides readings: decide(PayerDirectory.read(…))") }
        return decide(directory.read(payment))
    }

    /// Decides one line with a matcher that holds the whole book.
    public mutating func decide(_ reading: PaymentReading) -> MatchDecision {
        guard case .decided(let decision) = step(reading) else { preconditionFailure("a matcher over part of the book decides by step(_:)") }
        return decision
    }

    /// Decides one line and, when it applies, takes what it allocates off the open items; or
    /// says what it must be given first (nothing taken then).
    public mutating func step(_ reading: PaymentReading) -> Step {
        // Amounts (the fee tolerance) in the payment's currency.
        if policy.currency != reading.payment.amount.currency { policy = entityPolicy.resolved(for: reading.payment.amount.currency) }
        var need: Need?
        var decision = evaluate(reading, need: &need)
        if let need { return .needs(need) }
        // Credit notes the text takes off what it pays: the invoices weighed against the cash
        // and the credit together, each note used as an allocation of minus its credit. Not when
        // the invoices named are the payment exactly without it (`CM 665 TO FOLLOW`).
        let exact = { (d: MatchDecision) in d.status == .applied && d.fee == 0 && d.deduction == 0 && d.unapplied == 0 && !d.allocations.isEmpty }
        if !exact(decision), var netted = creditsNetted(in: reading), !netted.notes.isEmpty {
            var raised = reading
            raised.payment.amount = Money(minorUnits: reading.payment.amount.minorUnits + netted.total, currency: reading.payment.amount.currency)
            // A note's number is no reference to an invoice, though an invoice has its digits.
            let written = netted.written.union(netted.written.map { String($0.drop { $0 == "0" }) })
            raised.candidates.removeAll(where: written.contains)
            raised.standalone.removeAll(where: written.contains)
            raised.glued.removeAll(where: written.contains)
            raised.groupKeys.removeAll { $0.split(separator: "|").joined().isEmpty || written.contains($0.split(separator: "|").joined()) }
            var withCredit = evaluate(raised, need: &need)
            if let need { return .needs(need) }
            // Another amount the text says it took off (`LESS CM-1461 LESS DAMAGED 120.00`): how
            // much of a note's credit was used, its amount unwritten, is not the rest.
            let otherDeductions = Self.statedOtherDeductions(reading.text, besides: netted.named,
                                                             amounts: netted.notes.filter { netted.amountWritten.contains($0.note.id) }.map(\.used))
            let unwritten = netted.notes.contains { !netted.amountWritten.contains($0.note.id) }
            // More credit than the invoices need, of a note named whole and said taken off with no
            // amount: the part they need (`SI-104970 LESS CM-1460`, 500.00 of its 600.00), the
            // other amounts taken off left open.
            if withCredit.unapplied > 0, case let parts = netted.notes.filter({ netted.mayUsePart.contains($0.note.id) }), !parts.isEmpty,
               parts.reduce(0, { $0 + $1.used }) > withCredit.unapplied + otherDeductions {
                var excess = withCredit.unapplied + otherDeductions
                for index in netted.notes.indices.reversed() where excess > 0 && netted.mayUsePart.contains(netted.notes[index].note.id) {
                    let less = min(excess, netted.notes[index].used)
                    netted.notes[index].used -= less
                    excess -= less
                }
                netted.notes.removeAll { $0.used == 0 }
                netted.total = netted.notes.reduce(0) { $0 + $1.used }
                raised.payment.amount = Money(minorUnits: reading.payment.amount.minorUnits + netted.total, currency: reading.payment.amount.currency)
                withCredit = evaluate(raised, need: &need)
                if let need { return .needs(need) }
            }
            // Netted, the payment is exactly the invoices; otherwise the invoices paid by the cash
            // alone (a bank charge aside) stay so, and a credit that would only become cash on the
            // account is not taken (`CM-0666 400.00 TO BE REFUNDED`).
            let paidWithout = decision.status == .applied && decision.deduction == 0 && decision.unapplied == 0 && !decision.allocations.isEmpty
            if !exact(withCredit) && (paidWithout || withCredit.unapplied > 0) { withCredit.status = .unapplied }
            if otherDeductions > 0, unwritten, withCredit.status == .applied, withCredit.deduction + withCredit.fee != otherDeductions {
                withCredit.status = .proposed
                withCredit.confidence = min(withCredit.confidence, 70)
                withCredit.explanation += "; but the text takes off another amount too, and not how much of the credit: a person confirms"
            }
            // The invoices of the note's customer, or of its group with one of them the note's.
            let noteOwner = netted.notes[0].note.customer
            let group = Set([noteOwner] + (reading.payer.map { [$0] } ?? [])).union(reading.payerKin.contains(noteOwner) || reading.payer == noteOwner ? reading.payerKin : [])
            if [.applied, .proposed].contains(withCredit.status), !withCredit.allocations.isEmpty,
               withCredit.allocations.allSatisfy({ group.contains($0.customer) }), withCredit.allocations.contains(where: { $0.customer == noteOwner }) {
                decision = withCredit
                // First: the last allocation carries a bank charge, and a charge is on an invoice.
                decision.allocations.insert(contentsOf: netted.notes.map { MatchDecision.Allocation($0.note, amount: -$0.used) }, at: 0)
                let money = { (minor: Int64) in Money(minorUnits: minor, currency: reading.payment.amount.currency).decimalString }
                decision.explanation = "credit note\(netted.notes.count == 1 ? "" : "s") "
                    + netted.notes.map { "\($0.note.number) (\(money($0.used)))" }.joined(separator: ", ") + " taken off, as the text says; " + decision.explanation
            }
        } else if decision.status == .unapplied, decision.allocations.isEmpty, let payer = reading.payer ?? decision.customer,
                  case let notes = credits.values.filter({ $0.customer == payer && $0.currency == reading.payment.amount.currency && $0.open < 0 }).sorted(by: { $0.id < $1.id }),
                  (1...3).contains(notes.count) {
            // A payer known, nothing named, and no set of its invoices makes the amount: its open
            // invoices less one of its open credit notes, exactly (a bill payment of what its
            // statement shows, net of a credit), when one note alone does so.
            var fits: [(note: OpenItem, decision: MatchDecision)] = []
            for note in notes {
                var raised = reading
                raised.payment.amount = Money(minorUnits: reading.payment.amount.minorUnits - note.open, currency: reading.payment.amount.currency)
                let withCredit = evaluate(raised, need: &need)
                if let need { return .needs(need) }
                if exact(withCredit), withCredit.allocations.allSatisfy({ $0.customer == payer }) { fits.append((note, withCredit)) }
            }
            if fits.count == 1, let fit = fits.first {
                decision = fit.decision
                decision.allocations.insert(MatchDecision.Allocation(fit.note, amount: fit.note.open), at: 0)
                decision.explanation = "its open invoices less its open credit note \(fit.note.number) (\(Money(minorUnits: -fit.note.open, currency: fit.note.currency).decimalString)) make the amount; "
                    + decision.explanation
            }
        }
        // The payer told from a twin by the currency it is billed in, and the twin has open
        // invoices in this one too: the amount alone does not say which paid (a number does).
        let currency = reading.payment.amount.currency
        if decision.status == .applied, !reading.payerBilledElsewhere.isEmpty,
           !decision.allocations.contains(where: { reading.candidates.contains(Self.digits($0.invoice)) }) {
            if let other = reading.payerBilledElsewhere.first(where: { !holdsPool(of: $0, upTo: .max) }) { return .needs(.pool(payer: other, upTo: .max)) }
            if let other = reading.payerBilledElsewhere.first(where: { !openItems(of: $0, in: currency).isEmpty }) {
                decision.status = .proposed
                decision.confidence = min(decision.confidence, 60)
                decision.explanation += " — but \(other), whose name it fits too, has open invoices in \(currency.code) as well: a person confirms"
            }
        }
        // The same amount and text as a line this run applied: a payment sent twice, or a second
        // instalment worded as the first. A person says which.
        let sameLine = "\(reading.payment.amount.currency.code) \(reading.payment.amount.minorUnits) \(reading.text)"
        if decision.status == .applied, appliedLines.contains(sameLine) {
            decision.status = .proposed
            decision.confidence = min(decision.confidence, 60)
            decision.explanation += " — but the same amount and text as a line already applied in this run: a duplicate? A person confirms"
        }
        if decision.status == .applied, decision.confidence < policy.threshold {
            decision.status = .proposed
            decision.explanation += " — confidence \(decision.confidence), below the threshold (\(policy.threshold)): only proposed, a person confirms"
        }
        if decision.status == .applied {
            for allocation in decision.allocations {
                if openBeforeRun[allocation.invoiceID] == nil { openBeforeRun[allocation.invoiceID] = items[allocation.invoiceID]?.open }
                items[allocation.invoiceID]?.open -= allocation.amount
                if let item = items[allocation.invoiceID], item.open <= 0 {
                    settledDigits[Self.digits(item.number)] = item.customer
                    settledNumbers[Self.digits(item.number)] = item.number
                }
            }
            for allocation in decision.allocations where allocation.amount < 0 { credits[allocation.invoiceID]?.open -= allocation.amount }
            // What the fee settles is gone too.
            if decision.fee > 0, let last = decision.allocations.last { items[last.invoiceID]?.open = 0 }
            appliedLines.insert(sameLine)
        }
        return .decided(decision)
    }

    /// The payer's open credit notes the text takes off (`LESS CM-1542`, `DEDUCT CM1097`,
    /// `RMR*CM*CM1458**-188.17`, `LESS CREDIT MEMO 1222 312.50`, `MOINS NC 9` for NC-2026-0009),
    /// all of one customer and in the payment's currency, with the credit each gives: the amount
    /// written after it (or before it, `APPLY 104.10 FROM CR-257`), else all that is left; and
    /// the numbers as written. Nil when the text nets none, notes of several customers, or more of
    /// one than it has left.
    private func creditsNetted(in reading: PaymentReading) -> (notes: [(note: OpenItem, used: Int64)], total: Int64, written: Set<String>, mayUsePart: Set<Int64>,
                                                              named: Set<String>, amountWritten: Set<Int64>)? {
        guard !credits.isEmpty else { return nil }
        let currency = reading.payment.amount.currency
        var notes: [(note: OpenItem, used: Int64)] = []
        var mayUsePart = Set<Int64>(), amountWritten = Set<Int64>()
        var written = Set<String>(), otherwise = Set<String>()
        let open = { (ids: [Int64]?) in (ids ?? []).compactMap { self.credits[$0] }.filter { $0.currency == currency && $0.open < 0 } }
        for mention in Self.creditNoteMentions(in: reading.text) {
            // Its whole number (`CM1458`, `0460`) after a deduction or a credit note's word, or
            // written with its letters; or its last group without zeros (`CR-257` for CR-26-00257,
            // `NC 9`) right after a credit note's word or its letters: one of the payer's notes.
            // Letters run into the number are the note's (`CM-0009` is no NC-2026-0009); a word
            // before it (`NC 9`) prefers the notes it begins, payers' words differing from ours.
            let lettersOf = { (note: OpenItem) in String(Self.fold(note.number).prefix { !$0.isNumber }.filter(\.isLetter)) }
            let letters = { (note: OpenItem) in mention.letters.isEmpty || lettersOf(note).hasPrefix(mention.letters) }
            var whole = open(creditsByDigits[mention.digits]).filter { letters($0) && (mention.deducted || mention.noun || !mention.letters.isEmpty) }
            var short = open(creditsByTail[mention.tail]).filter { note in letters(note) && (mention.noun || !mention.letters.isEmpty) && !whole.contains { $0.id == note.id } }
            if whole.isEmpty && short.isEmpty { otherwise.insert(mention.digits); continue }
            // The payer's (or its group's: a parent paying for its companies); of them, those the word
            // before begins; the whole number over a short form.
            if let payer = reading.payer {
                let own = { (note: OpenItem) in note.customer == payer || reading.payerKin.contains(note.customer) }
                whole.removeAll { !own($0) }
                short.removeAll { !own($0) }
            }
            if !mention.wordBefore.isEmpty, case let begun = (whole + short).filter({ lettersOf($0).hasPrefix(mention.wordBefore) }), !begun.isEmpty {
                whole.removeAll { !begun.contains($0) }
                short.removeAll { !begun.contains($0) }
            }
            let hits = whole.isEmpty ? short : whole
            guard !hits.isEmpty, whole.isEmpty ? hits.count == 1 : Set(hits.map(\.customer)).count == 1 else { continue }
            for note in hits {
                written.insert(mention.digits)
                let left = -note.open
                // Named again, with its amount this time (a camt CREN after the free text): that amount.
                if let at = notes.firstIndex(where: { $0.note.id == note.id }) {
                    if let amount = mention.amount, !amountWritten.contains(note.id) {
                        guard amount > 0, amount <= left else { return nil }
                        notes[at].used = amount
                        mayUsePart.remove(note.id)
                        amountWritten.insert(note.id)
                    }
                    continue
                }
                if let amount = mention.amount {
                    guard amount > 0, amount <= left else { return nil }
                    notes.append((note, amount))
                    amountWritten.insert(note.id)
                } else {
                    notes.append((note, left))
                    // Named whole and said taken off, its credit may be used in part: as much as the
                    // invoices need (a short form is no such certainty).
                    if !whole.isEmpty && (mention.deducted || !mention.letters.isEmpty) { mayUsePart.insert(note.id) }
                }
            }
        }
        guard !notes.isEmpty, Set(notes.map(\.note.customer)).count == 1 else { return nil }
        // Digits written as a note's and, elsewhere, as something else (`SI-104968 … CM-104968`)
        // stay references.
        return (notes.sorted { $0.note.id < $1.note.id }, notes.reduce(0) { $0 + $1.used }, written.subtracting(otherwise), mayUsePart, written, amountWritten)
    }

    /// What the text says it took off for something else than the credit notes written (`LESS
    /// DAMAGED 120.00`, `SHORTAGE 120.00`, `DEDUCT 45.00 FREIGHT`): their sum, 0 when none.
    static func statedOtherDeductions(_ text: String, besides notes: Set<String>, amounts written: [Int64] = []) -> Int64 {
        var written = written
        let words = text.split(whereSeparator: { $0 == " " || $0 == "*" || $0 == "\\" })
        let markers: Set<String> = ["LESS", "MINUS", "MOINS", "DEDUCT", "DEDUCTED", "DEDUCTION", "SHORT", "SHORTAGE", "DAMAGED", "DAMAGE", "DISPUTE", "DISPUTED",
                                    "RETENUE", "CHARGEBACK", "ALLOWANCE"]
        var total: Int64 = 0
        var index = 0
        while index < words.count {
            defer { index += 1 }
            guard markers.contains(String(words[index])) else { continue }
            for (offset, next) in words[(index + 1)...].prefix(3).enumerated() {
                if notes.contains(digits(String(next))) || creditNoteNouns.contains(String(next)) || next == "CREDIT" { break }
                if next.contains(".") || next.contains(","), let amount = moneyAmounts(in: Array(next.utf8)).first(where: { $0.at == 0 })?.amount {
                    // A note's own amount, written before it (`MOINS 240,00 AVOIR 15`), is none.
                    if let at = written.firstIndex(of: amount) { written.remove(at: at) } else { total += amount }
                    index += offset + 1
                    break
                }
            }
        }
        return total
    }

    /// Words that say the number after them is taken off (`LESS`, `NET OF`, `MOINS`…), and words
    /// naming a credit note (`CREDIT MEMO`, `NC`, `AVOIR`…), which a short form follows at once.
    static let deductionWords: Set<String> = ["LESS", "MINUS", "MOINS", "DEDUCT", "DEDUCTED", "DEDUCTING", "NETOF", "OF", "APPLIED", "APPLY", "USE", "USING"]
    static let creditNoteNouns: Set<String> = creditNoteCodes.union(["N/C", "MEMO", "AVOIR"])
    /// The letters a credit note's number is written with, or stands after (`CM-1542`, `NC 9`).
    static let creditNoteCodes: Set<String> = ["CR", "CM", "CN", "NC", "CRN", "RMA"]
    /// Between a credit note's word and its number (`NOTE DE CREDIT NO 7`, `CREDIT #13`).
    static let creditNoteJoints: Set<String> = ["#", "NO", "NUMBER", "NUM", "DE", "DU", "THE", "OUR", "YOUR", "AND", "ET", "&", "NET"]
    /// Words after a number that make it a count, a rate or a span, not a document (`RETURN 3
    /// UNITS`, `LESS 2 PCT`, `CR 15 DAYS`, `INSTALMENT 2 OF 3`).
    static let countWords: Set<String> = ["%", "PCT", "PERCENT", "POURCENT", "DAYS", "DAY", "JOURS", "JOUR", "UNITS", "UNIT", "PCS", "PIECES", "PC", "PALLETS",
                                          "PALLET", "CARTONS", "CARTON", "CASES", "CASE", "BOXES", "BOX", "ITEMS", "ITEM", "ARTICLES", "ARTICLE", "NOTES",
                                          "MONTHS", "MONTH", "MOIS", "WEEKS", "HOURS", "HRS", "OF", "DE", "SUR", "X", "LBS", "KG"]
    /// Words after a credit note that say it is not taken now (`CM 665 TO FOLLOW`, `AVOIR 15 A VENIR`).
    static let deferredWords: Set<String> = ["FOLLOW", "FOLLOWS", "VENIR", "REFUND", "REFUNDED", "LATER", "PENDING", "SEPARATELY", "SUIVRE", "REMBOURSER"]

    /// Numbers written as a credit note may be: the number's digits and last group without
    /// zeros, the letters run into it (`CM#4605` → CM) or written just before it as a word
    /// (`NC 9`, `CR 170`), whether a deduction word or a credit note's word comes before it, and
    /// the credit written with it. Counts (`RETURN 3 UNITS`) and notes said to follow are none.
    static func creditNoteMentions(in text: String) -> [(digits: String, tail: String, letters: String, wordBefore: String, deducted: Bool, noun: Bool, amount: Int64?)] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "*" || $0 == "\\" })
        var found: [(digits: String, tail: String, letters: String, wordBefore: String, deducted: Bool, noun: Bool, amount: Int64?)] = []
        for (index, word) in words.enumerated() where word.contains(where: \.isNumber) {
            // An amount (`312.50`, `(790,00`) or a percentage is no document.
            guard !word.contains("."), !word.contains(","), !word.contains("%"), !word.contains("$") else { continue }
            let next = words[(index + 1)...].prefix(3).map(String.init)
            let letters = String(fold(String(word)).prefix { !$0.isNumber }.filter(\.isLetter))
            // A short bare number followed by a unit is a count (`RETURN 3 UNITS`).
            if letters.isEmpty, word.count <= 3, let first = next.first, countWords.contains(first) { continue }
            if next.contains(where: deferredWords.contains) { continue }
            guard let last = digitRuns(in: String(word)).last?.digits else { continue }
            // The words before it: joints, then a credit note's word right there (`CREDIT #13`, `NC 9`),
            // and further back a deduction word (`LESS CREDIT MEMO 412`).
            var back = index - 1
            while back >= 0, creditNoteJoints.contains(String(words[back])) { back -= 1 }
            let before = back >= 0 ? String(words[back]) : "", previous = back >= 1 ? String(words[back - 1]) : nil
            // `CREDIT` alone is a note's word, not after a bank's words (`ACH CREDIT 4`); so are
            // `CREDIT NOTE` and `NOTE DE CREDIT`.
            var noun = creditNoteNouns.contains(before)
                || (before == "CREDIT" && previous.map { !["NOTE", "DE", "CR", "ACH", "EFT", "WIRE", "DIRECT", "BOOK", "MISC", "DEPOSIT", "TRANSFER", "VIREMENT"].contains($0) } == true)
                || (before == "NOTE" && previous == "CREDIT") || (before == "CREDIT" && previous == "DE" && back >= 2 && words[back - 2] == "NOTE")
            let wordBefore = noun && creditNoteCodes.contains(before) ? before : ""
            if !noun, creditNoteCodes.contains(letters) || letters == "AV" { noun = true }
            var deducted = false
            var scan = back
            while scan >= 0, index - scan <= 6, deductionWords.contains(String(words[scan])) || creditNoteNouns.contains(String(words[scan]))
                    || creditNoteJoints.contains(String(words[scan])) || ["CREDIT", "NOTE", "NET", "RETURN"].contains(String(words[scan])) {
                if deductionWords.contains(String(words[scan])) || words[scan] == "NET" { deducted = true }
                scan -= 1
            }
            // The credit written after it (`CR-262 197.27`, `CRN CN260388 CREDIT 1543.84`), or just
            // before, as what a verb takes (`APPLY 104.10 FROM CR-257`, `USE 239.00 OF CREDIT CM#4298`).
            let after = next.drop { ["CREDIT", "AMT", "AMOUNT", "CAD", "USD", "EUR"].contains($0) }
            var amount = creditAmount(Array(after.prefix(2)).map { Substring($0) })
            // In whole dollars, with the sign (`$220`, `220$`).
            if amount == nil, let first = after.first, first.contains("$"), case let figures = first.filter({ $0 != "$" && $0 != "(" && $0 != ")" && $0 != "-" }),
               !figures.isEmpty, figures.allSatisfy(\.isNumber), figures.count <= 9, let whole = Int64(figures) { amount = whole * 100 }
            if amount == nil {
                var at = index - 1
                while at >= 1, ["FROM", "OF", "DE", "DU", "ON", "CREDIT", "NOTE", "MEMO", "#", "NO"].contains(String(words[at])) || creditNoteNouns.contains(String(words[at])) { at -= 1 }
                // After the verb, `CREDIT` perhaps between (`APPLY CREDIT 104.10 CR-260`): with cents,
                // or whole right before the note (`LESS 200 CM-1542`).
                let verbs: Set<String> = ["APPLY", "APPLIED", "USE", "USED", "TAKE", "LESS", "MINUS", "MOINS", "DEDUCT", "DEDUCTED"]
                if at >= 1, verbs.contains(String(words[at - 1])) || (at >= 2 && words[at - 1] == "CREDIT" && verbs.contains(String(words[at - 2]))) {
                    if words[at].contains(".") || words[at].contains(",") { amount = moneyAmounts(in: Array(words[at].utf8)).first(where: { $0.at == 0 })?.amount }
                    // Whole, two figures or more (`LESS 2 CM-2211 CM-2212` counts notes).
                    else if at == index - 1, words[at].allSatisfy(\.isNumber), (2...9).contains(words[at].count) { amount = Int64(words[at]).map { $0 * 100 } }
                }
            }
            let tail = String(last.drop { $0 == "0" })
            found.append((digits(String(word)), tail.isEmpty ? "0" : tail, letters, wordBefore, deducted, noun, amount))
        }
        return found
    }

    private func evaluate(_ reading: PaymentReading, need: inout Need?) -> MatchDecision {
        let payment = reading.payment
        let amount = payment.amount.minorUnits
        let currency = payment.amount.currency
        let text = reading.text
        let candidates = reading.candidates
        let named = reading.payer
        let nameNote = reading.payerNote + (reading.beneficiary.map { $0 == named ? " (paid through a company of its group)" : ", paying for \($0) of its group, named after ON BEHALF OF" } ?? "")

        // Our own transfer coming back (`INTERAC E-TRANSFER DECLINED RETURNED FUNDS`, `RETURNED EFT
        // PAYMENT … ACCOUNT CLOSED`, `E-TRANSFER RECLAIMED`): no customer's payment, whoever it names.
        if Self.isTransferReturned(text) {
            return MatchDecision(status: .notCustomerPayment, customer: nil, allocations: [], fee: 0, unapplied: amount, deduction: 0, confidence: 0,
                                 explanation: "the text reads as a transfer or refund of ours returned (declined, cancelled, reclaimed), not a customer payment")
        }

        // References: exact digits first.
        var referenced: [OpenItem] = []
        // At most this sure when part of what is named was chosen on the amount alone.
        var amountChose = 100
        var duplicateOf: [String] = []
        var how: [String] = []
        for candidate in candidates {
            if let ids = byDigits[candidate] {
                for id in ids where items[id]!.currency == currency && !referenced.contains(where: { $0.id == id }) {
                    // Another customer's invoice paid already is no duplicate of a payer we know:
                    // perhaps a mistyped number of its own (looked for below).
                    if items[id]!.open > 0 { referenced.append(items[id]!) } else if named == nil || named == items[id]!.customer { duplicateOf.append(items[id]!.number) }
                }
            } else if let customer = settledDigits[candidate], named == nil || named == customer {
                duplicateOf.append(settledNumbers[candidate] ?? candidate)
            }
        }
        // A payer's AP system running its own ten-digit document number into ours
        // (`5100019929104996` for HX-104996-W): one of the payer's own open invoices only.
        if let named {
            for key in reading.afterDocumentNumbers {
                for id in byDigits[key] ?? [] where items[id]!.customer == named && items[id]!.currency == currency && items[id]!.open > 0
                    && Self.digits(items[id]!.number) == key && !referenced.contains(where: { $0.id == id }) {
                    referenced.append(items[id]!)
                    how.append("\(items[id]!.number) at the end of a longer number, after the payer's own document number")
                }
            }
        }
        // The same groups with their zeros stripped (`INV-2026-3074`).
        for key in reading.groupKeys {
            for id in byGroups[key] ?? [] where items[id]!.currency == currency && items[id]!.open > 0 && !referenced.contains(where: { $0.id == id }) {
                referenced.append(items[id]!)
            }
        }
        // The number less a prefix of letters and digits the payer left out (`2026-002021` for
        // CA01-2026-002021: an entity's or a series' code): the groups that follow it, all of them.
        for key in reading.groupKeys {
            guard let last = key.split(separator: "|").last else { continue }
            for id in byTail[String(last)] ?? [] where items[id]!.currency == currency && items[id]!.open > 0 && !referenced.contains(where: { $0.id == id }) {
                if Self.groupsAfterPrefix(of: items[id]!.number) == key { referenced.append(items[id]!) }
            }
        }
        // Numbers that differ only by their letters (`MTL-26-04425`, `TOR-26-04425`, two series of
        // one entity): the one whose letters the text writes before its digits.
        for (_, same) in Dictionary(grouping: referenced, by: { Self.digits($0.number) }) where same.count > 1 {
            let written = same.filter { Self.isWrittenWithItsLetters($0.number, in: text) || Self.isWrittenWithInnerLetters($0.number, in: text) }
            if written.count == 1 { referenced.removeAll { $0.id != written[0].id && same.contains($0) }; continue }
            // Twins of several customers, no letters written, the text naming nothing else
            // (`9411-0075 QUEBEC INC 26-04408`): the one the payment is exactly, if only one is.
            if Set(same.map(\.customer)).count > 1, referenced.allSatisfy(same.contains), case let exact = same.filter({ $0.open == amount }), exact.count == 1,
               named == nil || named == exact[0].customer {
                referenced = exact
                amountChose = 90
                how.append("\(exact[0].number), of the numbers written so (\(same.map(\.number).sorted().joined(separator: ", "))), the one the payment is exactly")
                continue
            }
            // Instalments of one contract (`88123A`, `88123B`): those the text writes with their
            // letter (`89764C`, `00000000088952D`, `88952B+C`); with none written, the oldest
            // open one the payment is exactly, or the oldest few it is exactly (`86279 3 INSTALMENTS`).
            guard Set(same.map(\.customer)).count == 1 else { continue }
            let whole = same.filter { Self.isWrittenWithItsSuffix($0.number, in: text) }
            let oldestFirst = same.sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }
            var kept = !whole.isEmpty ? whole : Array(oldestFirst.filter { $0.open == amount }.prefix(1))
            if kept.isEmpty {
                var sum: Int64 = 0
                let count = oldestFirst.firstIndex { sum += $0.open; return sum >= amount }.map { $0 + 1 }
                if let count, count >= 2, sum == amount { kept = Array(oldestFirst.prefix(count)) }
            }
            if !kept.isEmpty { referenced.removeAll { !kept.contains($0) && same.contains($0) } }
        }
        // A short number of another series named by its digits alone (`INV 4433` for F-4433), when
        // its customer also has an open invoice ending so (INV-2026-004433) and the text writes
        // neither's letters: the one the payment is exactly; if not one, no reference.
        // (Asked first of the book, which rarely holds two numbers ending alike.)
        if referenced.count == 1, case let item = referenced[0], case let tail = String(Self.digits(item.number).drop(while: { $0 == "0" })),
           (byTail[tail]?.count ?? 0) > 1, Self.matchKeys(of: item.number).tail == tail, !Self.isWrittenWithItsLetters(item.number, in: text) {
            let rivals = (byTail[tail] ?? []).compactMap { items[$0] }.filter {
                $0.id != item.id && $0.customer == item.customer && $0.currency == currency && $0.open > 0 && Self.digits($0.number) != Self.digits(item.number)
            }
            if !rivals.isEmpty {
                let exact = ([item] + rivals).filter { $0.open == amount }
                referenced = exact.count == 1 ? exact : []
                if exact.count == 1 { how.append("\(exact[0].number), of the numbers ending so (\(([item] + rivals).map(\.number).sorted().joined(separator: ", "))), the one the payment is exactly") }
            }
        }
        // A credit note the payer takes off (`INV/2026/02001 LESS RINV/2026/00051`) whose digits
        // happen to be another customer's open invoice: not paid. (The payer's own invoice after
        // such words is what it pays, less a return: `LESS RETURN 103854`.)
        var creditClash: String?
        if !reading.deducted.isEmpty {
            // A credit note with its amount written after it is none of the payer's invoices either
            // (but one that is the number of the payer's own open invoice is a doubt a person settles).
            let credits = Self.statedCreditNotes(in: text)
            if !credits.isEmpty {
                let others = referenced.filter { !credits.contains(Self.digits($0.number)) }
                creditClash = referenced.first { item in
                    credits.contains(Self.digits(item.number)) && (item.customer == named || others.contains { $0.customer == item.customer })
                }?.number
                referenced = others
            }
            let marked = referenced.filter { reading.deducted.contains(Self.digits($0.number)) || Self.matchKeys(of: $0.number).groups.map(reading.deducted.contains) == true }
            let owners = Set(referenced.filter { !marked.contains($0) }.map(\.customer))
            if let owner = named ?? (owners.count == 1 ? owners.first : nil) { referenced.removeAll { marked.contains($0) && $0.customer != owner } }
        }
        // A number the payer labels as its own document (`CHK NO 103841`, `CK# 106347`) is no
        // reference, though written as ours are less their letters (ADV-103841), unless the label
        // is letters our number holds or the text writes our number with its letters.
        if !referenced.isEmpty, case let labelled = reading.payersDocuments, !labelled.isEmpty {
            referenced.removeAll { item in
                // By its last group (`CK# 106347`) or all its digits (`VOUCHER NO 2603985` for AD26.03985).
                guard let last = Self.digitRuns(in: item.number).last?.digits,
                      let labels = labelled[String(last.drop { $0 == "0" })] ?? labelled[String(Self.digits(item.number).drop { $0 == "0" })] else { return false }
                return !labels.contains { Self.fold(item.number).contains($0) } && !Self.isWrittenWithItsLetters(item.number, in: text)
            }
        }
        if !referenced.isEmpty { how.append("reference\(referenced.count > 1 ? "s" : "") \(referenced.map(\.number).joined(separator: ", ")) in the text") }
        // The number as written less its check digit or revision (`LM117310` for LM117310-3):
        // with its letters it names the invoice as well as the whole number, whatever the amount
        // (a tax-only or a pre-tax payment names its invoice so).
        for candidate in reading.standalone + reading.glued where candidate.count >= 4 && byDigits[candidate] == nil {
            let hits = (byTail[candidate] ?? []).compactMap { items[$0] }
                .filter { $0.currency == currency && $0.open > 0 && !referenced.contains($0) && Self.isWrittenWithoutLastGroup($0.number, in: text) }
            let own = hits.filter { $0.customer == named }
            guard let item = hits.count == 1 ? hits.first : (own.count == 1 ? own.first : nil) else { continue }
            referenced.append(item)
            how.append("\(item.number) written without its last group")
        }

        // A short number (`#3074`): the tail of one open invoice of the payer (known by name or
        // by the invoices already named; never guessed across all customers). The digit groups
        // of numbers already matched (`2026` of `INV-2026-002874`) are not references of their own.
        let payer = named ?? referenced.first?.customer
        let consumed = Set(referenced.flatMap { item in
            item.number.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).flatMap { [String($0), String($0.drop { $0 == "0" })] }
        })
        // Customers the payer's name fits as well (namesakes) and the companies of its group: their
        // invoices numbered so too, the payer's own first (then the amount decides, as for any
        // other customer's invoice named).
        let fitsToo = { (customer: String) in named != nil && reading.isPayersKinOrNamesake(customer) }
        // Whether the payer's own open invoices make the amount, one or a few (its pool loaded).
        let ownMake = { (amount: Int64, payer: String) in
            Self.subsets(of: self.openItems(of: payer, in: currency), summingTo: amount, maximumSize: 3, limit: 1).count == 1
        }
        if payer == nil, !reading.personClients.isEmpty, referenced.isEmpty {
            // A bookkeeper paying for one of its clients (`LOUISE BOUDREAU PMT FACT 4804`): a number
            // standing alone that ends one open invoice of theirs only, of the amount.
            let clients = Set(reading.personClients)
            let hits = reading.standalone.filter { byDigits[$0] == nil && $0.count >= 3 && !reading.datedYears.contains($0) }.flatMap { candidate in
                (byTail[candidate] ?? []).compactMap { items[$0] }.filter { clients.contains($0.customer) && $0.currency == currency && $0.open > 0 && !Self.isTailOfAnotherNumber(candidate, like: $0.number, in: text) }
            }
            if hits.count == 1, let hit = hits.first, hit.open == amount {
                referenced = [hit]
                how.append("\(hit.number) from its number, of \(hit.customer), one of the customers whose contacts hold the person paying, the amount confirming it")
            }
        }
        // A short number with its year beside it (`26-4119`, `INV 4934-26`, `FACT 5363 DE 2026`):
        // of the payer's open invoices ending so, the one of that year's series — what tells
        // apart INV-2025-004119 and INV-2026-004119. (Never another customer's.)
        if referenced.isEmpty, let named {
            var found: [OpenItem] = []
            for (year, number) in Self.yearShortNumbers(in: text) {
                let hits = (byTail[number] ?? []).compactMap { items[$0] }.filter { item in
                    item.customer == named && item.currency == currency && item.open > 0 && !item.isCreditNote
                        && Self.digitRuns(in: item.number).contains { $0.digits == year || ($0.digits.count == 4 && $0.digits.hasPrefix("20") && $0.digits.hasSuffix(year)) }
                }
                if hits.count == 1, !found.contains(hits[0]) { found.append(hits[0]) }
            }
            if !found.isEmpty {
                referenced = found
                how.append("\(found.map(\.number).joined(separator: ", ")) from the number\(found.count == 1 ? "" : "s") and the year written beside \(found.count == 1 ? "it" : "them")")
            }
        }
        if let payer {
            // Only a number standing alone: `2026` in `INV-2026-002020` is part of a longer one.
            for candidate in reading.standalone where byDigits[candidate] == nil && candidate.count >= 3 && !consumed.contains(candidate) && !reading.datedYears.contains(candidate) {
                guard let ids = byTail[candidate] else { continue }
                // Not a number labelled as the payer's own document, unless the label is letters
                // our number holds (`BC01359` for 26-BC-01359 is ours; `BON DE COMMANDE 4190` is not).
                let labels = reading.payersDocuments[candidate] ?? []
                // Judged on the book as the statement found it: a number that ended two of the
                // payer's open invoices then (`25-008477`, `26-008477`) is not made one by a
                // line above it paying the other.
                var pool = ids.compactMap { items[$0] }.filter { item in
                    item.currency == currency && (openBeforeRun[item.id] ?? item.open) > 0 && (item.customer == payer || fitsToo(item.customer))
                        && (labels.isEmpty || labels.contains { Self.fold(item.number).contains($0) })
                        && !Self.isTailOfAnotherNumber(candidate, like: item.number, in: text)
                }
                if pool.contains(where: { $0.customer == payer }) { pool.removeAll { $0.customer != payer } }
                // Another's only when none of the payer's own open invoices is the amount (a
                // cheque's number, `CHQ #2047`, may be any other's invoice's).
                if pool.count == 1, pool[0].customer != payer {
                    if !holdsPool(of: payer, upTo: amount) { need = .pool(payer: payer, upTo: amount); return Self.undecided }
                    if ownMake(amount, payer) { continue }
                }
                // Written twice (a remittance and its structured copy): named once.
                if pool.contains(where: referenced.contains) { continue }
                // Two series of the payer's ending so (`26-AB-01884`, `26-BC-01884`): the one whose letters the text writes (`BC01884`).
                if pool.count > 1 { pool = pool.filter { Self.isWrittenWithInnerLetters($0.number, in: text) } }
                if pool.count == 1, pool[0].open > 0 {
                    referenced.append(pool[0])
                    how.append("\(pool[0].number) from '\(candidate)'")
                }
            }
            // A batch for several customers (a paying office's for its departments: `HC-SC INV-…
            // GRC INVOICES 002604 002481`): numbers standing alone that end one open invoice each
            // of another customer the text names (by name or initials) — of any customer, for a
            // paying office, whose departments' names and initials may be in another language
            // than our files' — taken only when the text marks them as invoices (not a PO, a
            // cheque) and with them the payment is exactly what is named.
            if !referenced.isEmpty, case let others = reading.initialsWritten.union(reading.namedInText).subtracting([payer]),
               !others.isEmpty || reading.payerIsPayingOffice, case let named = referenced.reduce(Int64(0), { $0 + $1.open }), named < amount {
                var more: [OpenItem] = []
                // (Numbers listed one after another, `002604 002481`, are joined by a blank: read each.)
                var seen = Set<String>()
                for candidate in reading.standalone + reading.glued where byDigits[candidate] == nil && candidate.count >= 3 && !consumed.contains(candidate)
                    && !reading.datedYears.contains(candidate) && reading.invoiceMarked.contains(candidate) && seen.insert(candidate).inserted {
                    let pool = (byTail[candidate] ?? []).compactMap { items[$0] }.filter { item in
                        item.currency == currency && item.open > 0 && (reading.payerIsPayingOffice || others.contains(item.customer)) && !referenced.contains(item) && !more.contains(item)
                            && !Self.isTailOfAnotherNumber(candidate, like: item.number, in: text)
                    }
                    if pool.count == 1 { more.append(pool[0]) }
                }
                if !more.isEmpty, named + more.reduce(0, { $0 + $1.open }) == amount {
                    referenced += more
                    how.append("\(more.map(\.number).joined(separator: ", ")) (\(Set(more.map(\.customer)).sorted().joined(separator: ", "))) from the numbers the text marks as invoices, "
                               + (reading.payerIsPayingOffice ? "the payer a paying office" : "whom the text names") + ", the payment exactly what is named")
                }
            }
            // Written with its zeros (`#0084`), a sequence shorter than three digits once they
            // go: the payer's one open invoice whose last group is written so.
            // Not a group of a number already named (`2611 0078` for 2611-0078 is not also 2610-0078).
            let runs = Self.hasPaddedShortNumber(text) ? Self.digitRuns(in: text) : []
            for (index, run) in runs.enumerated() where run.digits.count >= 3 && run.digits.first == "0" && !run.joinedToNext
                && !consumed.contains(run.digits) {
                let stripped = String(run.digits.drop { $0 == "0" })
                guard (1...2).contains(stripped.count), let ids = byTail[stripped] else { continue }
                var pool = ids.compactMap { items[$0] }.filter { item in
                    item.currency == currency && item.open > 0 && item.customer == payer && !referenced.contains(item) && Self.digitRuns(in: item.number).last?.digits == run.digits
                        && !Self.isTailOfAnotherNumber(run.digits, like: item.number, in: text)
                }
                // Several months' or years' of that sequence (2609-0063, 2610-0063): the one whose
                // group before it ends as the one written (`09-0063`).
                if pool.count > 1, index > 0, runs[index - 1].joinedToNext, case let before = runs[index - 1].digits {
                    pool = pool.filter { item in
                        let groups = Self.digitRuns(in: item.number)
                        return groups.count >= 2 && groups[groups.count - 2].digits.hasSuffix(before) && groups[groups.count - 2].digits != before
                    }
                }
                if pool.count == 1 {
                    referenced.append(pool[0])
                    how.append("\(pool[0].number) from '\(run.digits)'")
                }
            }
            // Early in a year's series, one or two digits after an invoice word (`INV 88`,
            // `FACT #7` for AD-26-00088, AD-26-00007): the payer's one open invoice whose last
            // group, written with its zeros, is that number.
            // (Read as marked, or as labelled by a word of the payer's: `ON ACCOUNT INV 34`.)
            if reading.invoiceMarked.contains(where: { (1...2).contains($0.count) }) || reading.payersDocuments.keys.contains(where: { (1...2).contains($0.count) }) {
                let numbers = Self.shortInvoiceNumbers(in: text).filter { !consumed.contains($0) }
                // The book may hold only invoices the text's longer numbers name: the payer's, all of them.
                if !numbers.isEmpty, !holdsPool(of: payer, upTo: .max) { need = .pool(payer: payer, upTo: .max); return Self.undecided }
                for number in numbers {
                    let pool = (byTail[number] ?? []).compactMap { items[$0] }.filter { item in
                        item.currency == currency && item.open > 0 && item.customer == payer && !referenced.contains(item)
                            && Self.digitRuns(in: item.number).last.map { $0.digits.count >= 3 && $0.digits.drop { $0 == "0" } == number } == true
                    }
                    if pool.count == 1 { referenced.append(pool[0]); how.append("\(pool[0].number) from '\(number)' after an invoice word") }
                }
            }
        }

        // Short numbers glued to an amount or to each other (`FACT 8262 18 970,88 $`): open
        // invoices of the payer ending so are taken when, with what is named, they are exactly
        // what was paid (a bank charge within the tolerance aside), and only one way.
        // The payer's invoices, or those of the customers it names or pays for (an agency).
        let payersOwn = Set([payer].compactMap { $0 } + referenced.map(\.customer)).union(reading.namedInText)
        if payer != nil, !reading.glued.isEmpty {
            // A number written with all its zeros (`2026-008412 007109`) is a document's number,
            // whatever it is joined to: one open invoice of the payer's whose group it is (not one
            // a label says is the payer's own document, `MO# 2026-006270`).
            for run in Self.digitRuns(in: text) where run.digits.count >= 5 && run.digits.first == "0" && !consumed.contains(run.digits) {
                let stripped = String(run.digits.drop { $0 == "0" })
                guard byDigits[run.digits] == nil, reading.glued.contains(stripped), reading.payersDocuments[stripped] == nil else { continue }
                let hits = (byTail[stripped] ?? []).compactMap { items[$0] }.filter { item in
                    item.currency == currency && item.open > 0 && payersOwn.contains(item.customer) && !referenced.contains(item)
                        && Self.digitRuns(in: item.number).contains { $0.digits == run.digits } && !Self.isTailOfAnotherNumber(run.digits, like: item.number, in: text)
                }
                if hits.count == 1 { referenced.append(hits[0]); how.append("\(hits[0].number) from '\(run.digits)'") }
            }
        }
        if let payer {
            let total = referenced.reduce(Int64(0)) { $0 + $1.open }
            var extra: [OpenItem] = []
            for number in reading.glued where !consumed.contains(number) && byDigits[number] == nil {
                for id in byTail[number] ?? [] {
                    guard let item = items[id], item.currency == currency, item.open > 0, item.customer == payer || payersOwn.contains(item.customer),
                          !referenced.contains(item), !extra.contains(item) else { continue }
                    extra.append(item)
                }
            }
            if extra.count <= 10, let fit = Self.onlyCompletion(of: total, from: extra, to: amount, shortBy: policy.feeTolerance) {
                referenced += fit
                how.append("\(fit.map(\.number).joined(separator: ", ")) from the short numbers beside the amounts, which make the payment")
            } else if !extra.isEmpty, extra.count <= 10 {
                // A progress payment listing what it pays on each (`2026-00867 2,905.00 2145
                // 14,697.77 BAL TO FOLLOW`): each short number one invoice of the payer's, and the
                // amounts stated beside them, with those named, exactly the payment.
                // Not a number the payer labels as its own (`PROJ 3118`), nor the tail of another
                // year's (`2025-01120` is not 2026-01120).
                let labelled = reading.payersDocuments
                let glued = reading.glued.filter { !consumed.contains($0) && byDigits[$0] == nil }
                let one = glued.map { number in extra.filter { Self.digits($0.number).hasSuffix(number) } }
                let listed = one.filter { !$0.isEmpty }
                let plain = zip(glued, one).allSatisfy { number, items in
                    items.isEmpty || (labelled[number] == nil && number.count >= 3 && !items.contains { Self.isTailOfAnotherNumber(number, like: $0.number, in: text) })
                }
                // Or, one invoice, its amount less the credit notes the text states (`3810 47382.02
                // LESS CREDIT MEMO CM26-0113 -750.00`; of several, which one they reduce is not said).
                let credits = referenced.isEmpty && extra.count == 1 ? Self.statedCreditAmounts(in: text).values.reduce(0, +) : 0
                if plain, listed.allSatisfy({ $0.count == 1 }), Set(listed.map { $0[0].id }).count == listed.count, listed.count == extra.count,
                   Self.statedAmounts(of: referenced + extra, in: text, paying: payment.amount) != nil
                    || (credits > 0 && Self.statedAmounts(of: referenced + extra, in: text, paying: Money(minorUnits: amount + credits, currency: currency)) != nil) {
                    referenced += extra
                    how.append("\(extra.map(\.number).joined(separator: ", ")) from the short numbers beside the amounts stated for each, which with those named make the payment")
                }
            }
        }
        // A list naming invoices of several customers (a franchisor paying for its stores), some
        // written short (`INV LM120537` for LM120537-6): a short number that names one open
        // invoice of any customer is taken when, with what is named, they make the payment exactly.
        if Set(referenced.map(\.customer)).count > 1 {
            let total = referenced.reduce(Int64(0)) { $0 + $1.open }
            var extra: [OpenItem] = []
            for number in reading.standalone + reading.glued where number.count >= 4 && !consumed.contains(number) && byDigits[number] == nil {
                let pool = (byTail[number] ?? []).compactMap { items[$0] }.filter { $0.currency == currency && $0.open > 0 && !referenced.contains($0) }
                if pool.count == 1, !extra.contains(pool[0]) { extra.append(pool[0]) }
            }
            if extra.count <= 12, let fit = Self.onlyCompletion(of: total, from: extra, to: amount, shortBy: 0) {
                referenced += fit
                how.append("\(fit.map(\.number).joined(separator: ", ")) from the short numbers in the list, which make the payment")
            }
        }

        // Short numbers without a known payer (`INV# 6596`, `INVS 5652 6578 (US26)`): each names
        // the open invoices ending so, of any customer; a number naming none (a cheque, a time)
        // is no reference. Taken when one invoice per number, or none, makes the payment — exactly,
        // else give or take the fee tolerance — one way only.
        // Said of a payer we know whose own invoices none of them ends (an agency listing its
        // clients' invoices, `INV# 21622 21651 …`): the same, exactly the payment, every number
        // one invoice.
        if referenced.isEmpty {
            var options: [[OpenItem]] = []
            var numbers: [String] = []
            for candidate in reading.standalone + reading.glued where candidate.count >= 3 && byDigits[candidate] == nil && !numbers.contains(candidate) && !reading.datedYears.contains(candidate) {
                let pool = (byTail[candidate] ?? []).compactMap { items[$0] }.filter { $0.currency == currency && $0.open > 0 }
                if !pool.isEmpty { options.append(pool); numbers.append(candidate) }
            }
            if !options.isEmpty, options.count <= 16, options.reduce(1, { $0 * ($1.count + 1) }) <= 65_536 {
                var exact: [[OpenItem]] = [], near: [[OpenItem]] = []
                var chosen: [OpenItem] = []
                func search(_ index: Int, _ sum: Int64) {
                    guard exact.count < 2, sum <= amount + policy.feeTolerance else { return }
                    if index == options.count {
                        guard !chosen.isEmpty, Set(chosen.map(\.id)).count == chosen.count else { return }
                        if sum == amount { exact.append(chosen) } else if abs(sum - amount) <= policy.feeTolerance, near.count < 2 { near.append(chosen) }
                        return
                    }
                    search(index + 1, sum)
                    for item in options[index] { chosen.append(item); search(index + 1, sum + item.open); chosen.removeLast() }
                }
                search(0, 0)
                // Not exactly the payment: only numbers the text marks as invoices (`INV# 3196`, `FACT 4512`).
                func marked(_ fit: [OpenItem]) -> Bool {
                    let marked = reading.invoiceMarked
                    return fit.allSatisfy { item in zip(numbers, options).contains { $1.contains(item) && marked.contains($0) } }
                }
                // A payer we know: two numbers or more, none labelled as its own document (`PO 21622`)
                // nor a year, and none of its own open invoices making the amount (a retainer, a rent).
                var theirs = payer == nil
                if let payer, exact.count == 1, exact[0].count == options.count, exact[0].count >= 2 {
                    if !holdsPool(of: payer, upTo: amount) { need = .pool(payer: payer, upTo: amount); return Self.undecided }
                    let labelled = reading.payersDocuments
                    // And the text says they are invoices (`INV#`, `FACTURE`), not stores, contracts, accounts.
                    let invoiceWords: Set<Substring> = ["INV", "INVS", "INVOICE", "INVOICES", "FACT", "FACTURE", "FACTURES", "FAC", "BILL", "BILLS"]
                    theirs = numbers.allSatisfy { labelled[String($0.drop { $0 == "0" })] == nil && !(Int($0).map { (1990...2100).contains($0) } ?? false) }
                        && text.split(whereSeparator: { !$0.isLetter }).contains(where: invoiceWords.contains)
                        && Self.subsets(of: openItems(of: payer, in: currency), summingTo: amount, maximumSize: policy.maximumCombination, limit: 1).isEmpty
                }
                let found = payer != nil ? (theirs ? exact[0] : [])
                    : exact.count == 1 ? exact[0] : (exact.isEmpty && near.count == 1 && marked(near[0]) ? near[0] : [])
                if !found.isEmpty {
                    var decision = settle(found, payment: payment, text: text, marked: reading.invoiceMarked, named: payer,
                                          how: ["\(found.map(\.number).joined(separator: ", ")) from the numbers in the text, the only open invoices ending so that make the payment"],
                                          duplicates: [], alsoNamed: reading.namedInText, kin: reading.payerKin, agency: reading.payerIsAgency,
                                          payingOffice: reading.payerIsPayingOffice)
                    decision.confidence = min(decision.confidence, found.count == 1 ? 90 : 88)
                    decision.explanation += payer == nil ? " (the payer is not named: the amount confirms it)" : " (not the payer's own: the amount confirms them)"
                    return decision
                }
            }
        }

        // A number the bank cut at the end of its field (`PMT 131 MTL-26-3452`, a Canadian
        // EFT's 19-character cross-reference), nothing else named: the one open invoice, of any
        // customer's, whose number begins so and whose open amount the payment makes (a bank
        // charge within the tolerance aside).
        if referenced.isEmpty, let cut = reading.cutAtEnd, byDigits[cut.digits] == nil, settledDigits[cut.digits] == nil {
            // Written as the invoice's number begins, its letters too (`PO-10634`, `CHQ#10635`
            // begin none of ours), marks aside.
            let written = Self.lettersAndDigits(cut.written)
            let fits = openItems(beginning: cut.digits).filter {
                $0.currency == currency && (0...policy.feeTolerance).contains($0.open - amount) && Self.lettersAndDigits($0.number).hasPrefix(written)
            }
            if fits.count == 1 {
                referenced.append(fits[0])
                how.append("\(fits[0].number) from '\(cut.written)', cut short at the end of the text: the one open invoice beginning so that the payment makes")
            }
        }

        // A number cut short (`OBI=INV-2026-008028 INV-2026-005`: the bank cut the field): the
        // rest of the payment is one of the payer's open invoices whose number begins so.
        if let owner = named ?? referenced.first?.customer, !referenced.isEmpty {
            let rest = amount - referenced.reduce(Int64(0)) { $0 + $1.open }
            let cut = rest > policy.feeTolerance ? Self.numbersCutShort(in: text, like: referenced) : []
            if !cut.isEmpty {
                if !holdsPool(of: owner, upTo: rest) { need = .pool(payer: owner, upTo: rest); return Self.undecided }
                let fits = openItems(of: owner, in: currency).filter { !referenced.contains($0) && (0...policy.feeTolerance).contains(rest - $0.open) }
                    .compactMap { item in cut.first { Self.fold(item.number).hasPrefix($0) }.map { (item, written: $0) } }
                if fits.count == 1 {
                    referenced.append(fits[0].0)
                    how.append("\(fits[0].0.number) from '\(fits[0].written)', cut short, the rest of the payment")
                }
            }
        }

        // A list the bank cut (`… INV/2026/02174 I`: the text ends, right after a number listed,
        // inside a word that begins like the numbers listed, or a number of theirs begun, `…
        // LCA26-01818 LCA26008`, or on the word each number of the list came after, `FACT
        // LCA26-03558 FACT`; not `… CAMPAIGN 2026`, `PHASE I`): the rest of the payment is the
        // one set of the payer's other open invoices that makes it, searched whole, when so few
        // invoices could not make it by chance; holding the number begun, if one is.
        if let owner = named ?? referenced.first?.customer, referenced.count >= 2, referenced.allSatisfy({ $0.customer == owner }),
           case let rest = amount - referenced.reduce(Int64(0), { $0 + $1.open }), rest > policy.feeTolerance,
           case let words = Self.fold(payment.text).split(separator: " "), words.count >= 2, let last = words.last,
           case let listed = Self.digits(String(words[words.count - 2])), listed.count >= 3,
           referenced.contains(where: { Self.digits($0.number).hasSuffix(listed) }),
           case let begun = Self.lettersAndDigits(last), case let series = String(begun.prefix { $0.isLetter }),
           referenced.contains(where: { item in Self.fold(item.number).count > last.count && Self.fold(item.number).hasPrefix(last) })
            || (begun.count > series.count && !series.isEmpty && referenced.allSatisfy({ Self.lettersAndDigits($0.number).hasPrefix(series) && !Self.lettersAndDigits($0.number).hasSuffix(begun) }))
            || (Self.invoiceWords.contains(String(last)) && words.dropLast().filter({ $0 == last }).count >= referenced.count) {
            if !holdsPool(of: owner, upTo: rest) { need = .pool(payer: owner, upTo: rest); return Self.undecided }
            // A number of the list begun (`LCA26008`): the set holds an invoice numbered so.
            let numberBegun = begun.count > series.count && !series.isEmpty ? begun : nil
            let others = openItems(of: owner, in: currency).filter { !referenced.contains($0) && $0.open <= rest }
            // Counted in the unit the amounts share (whole dollars make a hundred times fewer sums),
            // those listed too (one invoice left that is the rest shares all its own).
            let unit = (others + referenced).reduce(rest) { Self.greatestCommonDivisor($0, $1.open) }
            if others.count <= 20, Double(1 << others.count) / Double(rest / max(unit, 1)) <= 0.01,
               case let sets = Self.subsets(of: others, summingTo: rest, maximumSize: others.count, limit: 2), sets.count == 1,
               numberBegun.map({ begun in sets[0].contains { Self.lettersAndDigits($0.number).hasPrefix(begun) } }) ?? true {
                referenced += sets[0]
                amountChose = 88
                how.append("\(sets[0].map(\.number).joined(separator: ", ")) after the list the bank cut ('\(last)'), the only set of the payer's other open invoices that makes the rest")
            }
        }

        // An invoice the text says it does not pay (`PAYING INV-2026-002615; INV-2026-002616
        // DISPUTED NOT PAID`, `… ON HOLD`, `… WITHHELD PENDING CREDIT`): left out, another being paid
        // (once every reference is read: a rule reading the payer's short numbers would find it again).
        // Not when all of them make the amount, a bank charge aside: then they are all paid.
        var heldBack: [OpenItem] = []
        if referenced.count >= 2, case let held = Self.invoicesSaidUnpaid(referenced, in: text), !held.isEmpty, held.count < referenced.count,
           case let all = referenced.reduce(Int64(0), { $0 + $1.open }), !(amount <= all && all - amount <= policy.feeTolerance),
           // Nor when the rest leaves more paid than it asks (some of what is said held was paid).
           case let rest = referenced.filter({ !held.contains($0.number) }).reduce(Int64(0), { $0 + $1.open }), amount <= rest + policy.feeTolerance {
            heldBack = referenced.filter { held.contains($0.number) }
            referenced.removeAll { held.contains($0.number) }
            how.append("\(held.sorted().joined(separator: ", ")) said not paid")
        }
        // A list cut by the payer's system, saying how many it left out (`INV-2026-104098 +3
        // MORE`, `AND 2 OTHERS`): the rest of the payment is the one set of that many of the
        // payer's other open invoices that makes it (less a bank charge within the tolerance, when
        // no set makes it exactly), when so many invoices could not make it by chance.
        if let owner = named ?? referenced.first?.customer, !referenced.isEmpty, referenced.allSatisfy({ $0.customer == owner }),
           case let rest = amount - referenced.reduce(Int64(0), { $0 + $1.open }), rest > policy.feeTolerance,
           let more = Self.statedMoreCount(in: payment.text) {
            if !holdsPool(of: owner, upTo: rest + policy.feeTolerance) { need = .pool(payer: owner, upTo: rest + policy.feeTolerance); return Self.undecided }
            let others = openItems(of: owner, in: currency).filter { !referenced.contains($0) && $0.open <= rest + policy.feeTolerance }
            let unit = (others + referenced).reduce(rest) { Self.greatestCommonDivisor($0, $1.open) }
            let combinations = Self.combinations(others.count, more)
            let exact = Self.subsets(of: others, summingTo: rest, maximumSize: more, limit: 50).filter { $0.count == more }
            var near = exact.isEmpty ? Self.subsets(of: others, summingFrom: rest, to: rest + policy.feeTolerance, maximumSize: more, limit: 50).filter { $0.count == more } : []
            // A payer of a group: not when a set with its companies' invoices makes the rest
            // exactly (the set meant may hold a sister's, paid in full).
            if near.count == 1, !reading.payerKin.isEmpty {
                for company in reading.payerKin.sorted() where !holdsPool(of: company, upTo: rest) { need = .pool(payer: company, upTo: rest); return Self.undecided }
                let theirs = reading.payerKin.flatMap { openItems(of: $0, in: currency) }.filter { $0.open <= rest }
                if Self.subsets(of: others + theirs, summingTo: rest, maximumSize: more, limit: 2).contains(where: { $0.count == more }) { near = [] }
            }
            let chance = combinations * Double(exact.isEmpty ? policy.feeTolerance / max(unit, 1) + 1 : 1) / Double(rest / max(unit, 1))
            // Near sets are a wider target: more chance, but the set meant is among them when its
            // invoices are open here, and a second one found leaves the line to a person.
            if others.count <= 30, chance <= (exact.isEmpty ? 0.1 : 0.01), case let sets = exact.isEmpty ? near : exact, sets.count == 1 {
                referenced += sets[0]
                amountChose = 88
                how.append("\(sets[0].map(\.number).joined(separator: ", ")): the \(more) more the text says it pays, the only such set of the payer's other open invoices that makes the rest")
            }
        }

        // Only other customers' invoices named, the amount confirming none of them, by a payer we
        // know: a mistyped number that happens to be another customer's invoice (FA2026009519
        // for the payer's own FA-2026-009159) is looked for among the payer's invoices.
        if let named, !referenced.isEmpty, referenced.allSatisfy({ $0.customer != named }), !reading.namedInText.contains(referenced[0].customer) {
            let owed = referenced.reduce(Int64(0)) { $0 + $1.open }
            if !(owed >= amount && owed - amount <= policy.feeTolerance) {
                if let known = nearMissKeysKnown {
                    let keys = reading.nearMissKeys
                    if !keys.isSubset(of: known) { need = .nearMisses(keys.subtracting(known)); return Self.undecided }
                }
                let own = Set(candidates.filter { $0.count >= 6 }.flatMap { Self.nearMisses($0).flatMap { byDigits[$0] ?? [] } })
                    .compactMap { items[$0] }.filter { $0.customer == named && $0.currency == currency && $0.open == amount }
                let alone = own.count == 1 ? amountSinglesOut(own[0]) : false
                if alone == nil { need = .pool(payer: named, upTo: amount); return Self.undecided }
                if alone == true {
                    return MatchDecision(status: .applied, customer: named, allocations: [.init(own[0], amount: amount)], fee: 0, unapplied: 0, deduction: 0,
                                         confidence: 88,
                                         explanation: "\(nameNote) → \(named); \(referenced.map(\.number).joined(separator: ", ")) named is another customer's and the amount does not confirm it; "
                                             + "one digit off, \(named)'s \(own[0].number) is open for exactly the amount")
                }
            }
        }
        // A deposit of several cheques listed one by one: each cheque the invoice it names, or
        // its payer's one open invoice of its amount, when together they are the deposit. A
        // cheque of no known payer naming nothing open here stays unidentified; the others apply.
        if reading.chequesListed.count >= 2, reading.chequesListed.reduce(0, { $0 + $1.amount }) == amount {
            let cheques = reading.chequesListed
            if let short = cheques.first(where: { cheque in cheque.customer.map { !holdsPool(of: $0, upTo: cheque.amount) } ?? false }) {
                need = .pool(payer: short.customer!, upTo: short.amount); return Self.undecided
            }
            func invoice(of cheque: (customer: String?, numbers: [String], amount: Int64)) -> OpenItem? {
                let ids: [Int64] = cheque.numbers.flatMap { byDigits[$0] ?? [] }
                let written: [OpenItem] = ids.compactMap { items[$0] }.filter { $0.currency == currency && $0.open == cheque.amount }
                if Set(written.map(\.id)).count == 1 { return written[0] }
                guard written.isEmpty, let payer = cheque.customer else { return nil }
                let theirs = openItems(of: payer, in: currency).filter { $0.open == cheque.amount }
                return theirs.count == 1 ? theirs[0] : nil
            }
            let found = cheques.map(invoice(of:))
            let paid: [OpenItem] = found.compactMap { $0 }
            // The cheques that tie none: from a stranger, or listed without a name. Their cash
            // stays unidentified, unless they name a customer or a number that is open here.
            let strangers = zip(cheques, found).filter { $1 == nil }.map(\.0)
            let unknown = strangers.allSatisfy { cheque in
                cheque.customer == nil && cheque.numbers.allSatisfy { (byDigits[$0] ?? []).allSatisfy { (items[$0]?.open ?? 0) <= 0 } }
            }
            if !paid.isEmpty, unknown, Set(paid.map(\.id)).count == paid.count {
                let list = paid.map { "\($0.customer)'s \($0.number) \(Money(minorUnits: $0.open, currency: currency).decimalString)" }.joined(separator: ", ")
                let rest = strangers.reduce(Int64(0)) { $0 + $1.amount }
                // Each cheque is its own payer's: the deposit as a whole is no one customer's.
                return MatchDecision(status: .applied, customer: nil, allocations: paid.map { .init($0, amount: $0.open) }, fee: 0, unapplied: rest, deduction: 0,
                                     confidence: rest == 0 ? 88 : 86,
                                     explanation: "a deposit of \(cheques.count) cheques: \(list), each the invoice its cheque names or its payer's one open invoice of the cheque's amount"
                                         + (rest == 0 ? "" : "; \(strangers.count) cheque\(strangers.count == 1 ? "" : "s") of no known payer (\(Money(minorUnits: rest, currency: currency).decimalString)) left unidentified"))
            }
        }

        // Settled on what is named, unless it is only other customers' invoices that nothing
        // confirms (a PO or IO number that looks like another customer's invoice): then the
        // payer's own open invoices may decide, as with no reference; else the proposal stands.
        var fallback: MatchDecision?
        if !referenced.isEmpty {
            // A statement of account paid, some of its invoices named (`PER STATEMENT SEP 30 INCL
            // HD-9002`, `STMT SEP 30 LESS CREDIT MEMO CM-88 200.00 AGAINST FB-3102`): more than
            // those named, and exactly (or within a bank charge) the payer's open invoices issued
            // by then and those named, less the one credit note it states, taken off the invoice
            // it is said to reduce: that statement is what it pays.
            var statementUnexplained = false
            if let date = reading.statementDate, let payer = named, duplicateOf.isEmpty, referenced.allSatisfy({ $0.customer == payer }),
               amount > referenced.reduce(0, { $0 + $1.open }) + policy.feeTolerance {
                let stated = Self.statedCreditAmounts(in: text), credits = stated.values.reduce(0, +)
                // (With credit notes stated, the invoice named may only be the one a credit reduces.)
                statementUnexplained = !stated.isEmpty
                if !holdsPool(of: payer, upTo: .max) { need = .pool(payer: payer, upTo: .max); return Self.undecided }
                let listed = openItems(of: payer, in: currency).filter { $0.issueDate <= date || referenced.contains($0) }
                    .sorted { ($0.issueDate, $0.number) < ($1.issueDate, $1.number) }
                // One credit note at most: of two, which invoice the second reduces is not said.
                let reduced = credits == 0 || stated.count > 1 ? nil : Self.creditAppliedTo(listed, in: text)
                var allocations = listed.map { MatchDecision.Allocation($0, amount: $0.open) }
                if let reduced, let at = listed.firstIndex(of: reduced), reduced.open > credits { allocations[at].amount -= credits }
                let owed = allocations.reduce(0) { $0 + $1.amount }, fee = owed - amount
                if credits == 0 || reduced.map({ $0.open > credits }) == true, fee >= 0, fee <= policy.feeTolerance, allocations.allSatisfy({ $0.amount > fee }) {
                    let doubt = reading.payerInDoubt
                    return MatchDecision(status: doubt ? .proposed : .applied, customer: payer, allocations: allocations, fee: fee, unapplied: 0, deduction: 0,
                                         confidence: doubt ? 60 : 86,
                                         explanation: "\(nameNote) → \(payer); the statement of \(date) paid, \(referenced.map(\.number).joined(separator: ", ")) named: "
                                             + "its \(listed.count) open invoice\(listed.count == 1 ? "" : "s")"
                                             + (reduced.map { ", \($0.number) less the \(Money(minorUnits: credits, currency: currency).decimalString) credit note the text says reduces it" } ?? "")
                                             + (fee > 0 ? ", less \(Money(minorUnits: fee, currency: currency).decimalString) within the fee tolerance (a bank charge)" : ", exactly the amount")
                                             + (doubt ? "; but the payer is not beyond doubt: a person confirms" : ""))
                }
            }
            // Our own numbers written in full that are not open (paid already, cancelled) and not
            // one digit off another open invoice of the payer's (`LSM26-01834 LSM26-01835` is two
            // invoices; in a dense series most numbers are one digit off someone's): what the
            // payer pays on them stays on its account.
            var notOpen: [String] = []
            if amount > referenced.reduce(0, { $0 + $1.open }) {
                let whole = Self.numbersWrittenInFull(in: text, like: referenced).filter { byDigits[$0] == nil }
                let keys = Set(whole.filter { $0.count >= 6 }.flatMap(Self.nearMisses))
                if let known = nearMissKeysKnown, !keys.isSubset(of: known) { need = .nearMisses(keys.subtracting(known)); return Self.undecided }
                let namedItems = Set(referenced.map(\.id)), payers = Set(referenced.map(\.customer))
                notOpen = whole.filter { number in
                    number.count >= 6 && !Self.nearMisses(number).contains { (byDigits[$0] ?? []).contains { id in
                        guard !namedItems.contains(id), let item = items[id] else { return false }
                        return item.open > 0 && payers.contains(item.customer)
                    } }
                }
            }
            // The one invoice named is not what was paid, and another of its customer's, numbered
            // as it is with two digits swapped or one wrong, is to the cent or within a bank
            // charge (`HX110431` named, HX110341 of the amount): a part payment of the one, or the
            // other mistyped. Which one the payer meant is a person's to say.
            if referenced.count == 1, case let item = referenced[0], named == nil || named == item.customer, duplicateOf.isEmpty,
               amount > item.open || item.open - amount > policy.feeTolerance {
                let upTo = amount + policy.feeTolerance
                if !holdsPool(of: item.customer, upTo: upTo) { need = .pool(payer: item.customer, upTo: upTo); return Self.undecided }
                let misses = Self.nearMisses(Self.digits(item.number))
                let meant = openItems(of: item.customer, in: currency).filter { other in
                    other.id != item.id && other.open >= amount && other.open - amount <= policy.feeTolerance && misses.contains(Self.digits(other.number))
                }
                if meant.count == 1 {
                    let fee = meant[0].open - amount
                    return MatchDecision(status: .proposed, customer: item.customer, allocations: [.init(meant[0], amount: meant[0].open)], fee: fee, unapplied: 0, deduction: 0,
                                         confidence: 60,
                                         explanation: "names \(item.number) (open \(Money(minorUnits: item.open, currency: currency).decimalString)), which the amount does not settle; "
                                             + "\(meant[0].number), its digits but one, is \(item.customer)'s invoice of the amount\(fee > 0 ? " less a bank charge" : ""): "
                                             + "a part payment of the one or the other mistyped, a person chooses")
                }
            }
            // The payer's name, cut by the bank, also begins another customer's longer name
            // (`KEYSTONE AUTO GR`: Keystone Auto Group, or Keystone Auto Group of New Jersey)
            // whose invoices are all those named: that customer pays.
            let cutFrom = reading.payerNameAlsoBegins.flatMap { other in referenced.allSatisfy { $0.customer == other } ? other : nil }
            // (What is held back is no number marked as an invoice but not found.)
            let marked = heldBack.isEmpty ? reading.invoiceMarked : Set(Self.unfoundInvoiceNumbers(reading.invoiceMarked, besides: heldBack))
            // Only another's invoices named by a payer of its group or whose name it fits: its own
            // making the amount too leaves the choice to a person (a number mistyped, or a sister's?).
            var ownMakesIt = false
            if let named, !referenced.contains(where: { $0.customer == named }),
               reading.payerIsPayingOffice || referenced.contains(where: { reading.isPayersKinOrNamesake($0.customer) }) {
                if !holdsPool(of: named, upTo: amount) { need = .pool(payer: named, upTo: amount); return Self.undecided }
                // A paying office has many invoices of its own: a set of them making a round sum
                // proves little; one of its own of the amount may be what it meant.
                ownMakesIt = reading.payerIsPayingOffice && !referenced.contains(where: { reading.isPayersKinOrNamesake($0.customer) })
                    ? openItems(of: named, in: currency).contains { $0.open == amount } : ownMake(amount, named)
            }
            // More than the invoices listed: whether the excess is another open invoice of theirs
            // (left out of the list) is asked of all of the customer's.
            // A list of the payer's naming another customer's invoice with an amount not its open one
            // (a number mistyped): the payer's own invoices, to find the one it meant.
            if let named, referenced.count > 1, referenced.contains(where: { $0.customer != named }), referenced.contains(where: { $0.customer == named }),
               !holdsPool(of: named, upTo: amount) {
                need = .pool(payer: named, upTo: amount); return Self.undecided
            }
            // So too when the text names months (`INV-… ET PERIODE 2026-10`): what was issued then may be the rest.
            if referenced.count > 1 || !reading.months.isEmpty, case let excess = amount - referenced.reduce(0, { $0 + $1.open }), excess > policy.feeTolerance,
               case let customer = referenced[0].customer, referenced.allSatisfy({ $0.customer == customer }), !holdsPool(of: customer, upTo: excess + policy.feeTolerance) {
                need = .pool(payer: customer, upTo: excess + policy.feeTolerance); return Self.undecided
            }
            var decision = settle(referenced, payment: payment, text: text, marked: marked, named: cutFrom ?? named,
                                  how: how + (cutFrom.map { ["the payer's name, cut short, begins \($0)'s too"] } ?? []), duplicates: duplicateOf,
                                  alsoNamed: reading.namedInText, kin: reading.payerKin, agency: reading.payerIsAgency, notOpen: notOpen, alike: reading.payersAlike,
                                  alsoFits: reading.payerNameAlsoFits, heldBy: reading.payerNameHeldBy, ownMakesIt: ownMakesIt,
                                  payingOffice: reading.payerIsPayingOffice, initialsWritten: reading.initialsWritten, months: reading.months,
                                  misread: reading.misread.map(\.digits))
            decision.confidence = min(decision.confidence, amountChose)
            // A statement said paid less credit notes, more than the invoices named and not the
            // statement either: what the rest pays, and what the credits reduce, a person says.
            if statementUnexplained {
                decision.confidence = min(decision.confidence, 75)
                decision.explanation += "; but the text says it pays a statement less credit notes, and its invoices do not make the amount: a person allocates"
            }
            if let clash = creditClash {
                decision.confidence = min(decision.confidence, 70)
                decision.explanation += "; but the credit note it nets is numbered as its open invoice \(clash): a person confirms"
            }
            guard decision.confidence < policy.threshold, let named, referenced.allSatisfy({ $0.customer != named }), duplicateOf.isEmpty else { return decision }
            fallback = decision
        }

        // A payment of invoices already settled: a duplicate, kept on the payer's account.
        if !duplicateOf.isEmpty {
            let customer = named ?? settledDigits[Self.digits(duplicateOf[0])]
            return MatchDecision(status: .unapplied, customer: customer, allocations: [], fee: 0, unapplied: amount, deduction: 0,
                                 confidence: customer == nil ? 0 : 90,
                                 explanation: "names \(duplicateOf.joined(separator: ", ")), already settled: a duplicate payment, left unapplied")
        }

        // A mistyped reference: one digit swapped or wrong, confirmed by the amount and the payer.
        if let known = nearMissKeysKnown {
            let keys = reading.nearMissKeys
            if !keys.isSubset(of: known) { need = .nearMisses(keys.subtracting(known)); return Self.undecided }
        }
        // A scanner's misreading (`CWl05244`, `CWl0443O`, `CW1047022`), confirmed the same way.
        for misread in reading.misread {
            for id in (byDigits[misread.digits] ?? []).sorted() {
                guard let item = items[id], item.currency == currency, named == nil || named == item.customer else { continue }
                // Paid in part, the stub stating what was due (`AMT DUE 592.62 AMT PD 447.88`): the
                // amount due confirms the reading, the cash is applied, the rest a deduction.
                if amount < item.open, named != nil, Self.moneyAmounts(in: Array(text.utf8)).contains(where: { $0.amount == item.open }) {
                    return MatchDecision(status: .applied, customer: item.customer, allocations: [.init(item, amount: amount)],
                                         fee: 0, unapplied: 0, deduction: item.open - amount, confidence: 88,
                                         explanation: "'\(misread.written)' read as \(item.number) (a scanner's misreading), the text stating its open amount as due; "
                                             + "short by \(Money(minorUnits: item.open - amount, currency: currency).decimalString): applied, the rest left open as a deduction to review")
                }
                guard item.open == amount else { continue }
                // A letter read for a digit (`CWl05244`) leaves the number whole; a digit doubled or
                // dropped (`MT2688129`) is a typing error, believed as one (`amountSinglesOut`).
                if misread.written.utf8.filter(Self.isDigit).count >= misread.digits.utf8.count {
                    guard let alone = amountSinglesOut(item) else { need = .pool(payer: item.customer, upTo: amount); return Self.undecided }
                    guard alone else { continue }
                }
                return MatchDecision(status: .applied, customer: item.customer, allocations: [.init(item, amount: amount)],
                                     fee: 0, unapplied: 0, deduction: 0, confidence: named == nil ? 80 : 90,
                                     explanation: "'\(misread.written)' read as \(item.number) (a scanner's misreading), whose open amount the payment equals exactly")
            }
        }
        // Several numbers a scanner misread (`LNV-2026-0OZ361 … INV-2O26-OO30G9 …`), each one open
        // invoice of one customer (the payer, when known), together the amount or short of it by
        // a bank charge.
        let misreadItems = reading.misread.compactMap { misread -> OpenItem? in
            let fitting = (byDigits[misread.digits] ?? []).compactMap { items[$0] }.filter { $0.currency == currency && $0.open > 0 && (named == nil || named == $0.customer) }
            return fitting.count == 1 ? fitting[0] : nil
        }.reduce(into: [OpenItem]()) { list, item in if !list.contains(item) { list.append(item) } }
        if misreadItems.count >= 2, Set(misreadItems.map(\.customer)).count == 1, case let total = misreadItems.reduce(Int64(0), { $0 + $1.open }),
           total >= amount, total - amount <= policy.feeTolerance, misreadItems.allSatisfy({ $0.open > total - amount }) {
            return MatchDecision(status: .applied, customer: misreadItems[0].customer, allocations: misreadItems.map { .init($0, amount: $0.open) },
                                 fee: total - amount, unapplied: 0, deduction: 0, confidence: named == nil ? 80 : 88,
                                 explanation: "\(misreadItems.map(\.number).joined(separator: ", ")) read through a scanner's misreadings; "
                                     + (total == amount ? "the amount settles them exactly" : "short by \(Money(minorUnits: total - amount, currency: currency).decimalString), within the fee tolerance: a bank charge"))
        }
        // One number written, one digit off an invoice of the amount: that invoice mistyped. Of
        // two invoices named (`INV HX107064 INV HX109950`), neither on file, the payer meant others.
        let invoiceMarkedNumbers = reading.invoiceMarked.filter { $0.count >= 6 }
        for candidate in candidates where candidate.count >= 6 && invoiceMarkedNumbers.count <= 1 {
            for id in Self.nearMisses(candidate).flatMap({ byDigits[$0] ?? [] }).sorted() {
                guard let item = items[id], item.currency == currency, item.open == amount, named == nil || named == item.customer else { continue }
                // Nor when the text writes two numbers shaped as it is (`HX108001 AND HX108002`).
                let shape = Self.shape(Self.fold(item.number))
                guard Set(text.split(separator: " ").filter { Self.shape(String($0)) == shape }).count <= 1 else { continue }
                guard let alone = amountSinglesOut(item) else { need = .pool(payer: item.customer, upTo: amount); return Self.undecided }
                guard alone else { continue }
                // The payer known, or the initials of the invoice's customer written (`MTA PAYMENT …`): a second proof.
                let initials = named == nil && reading.initialsWritten.contains(item.customer)
                return MatchDecision(status: .applied, customer: item.customer, allocations: [.init(item, amount: amount)],
                                     fee: 0, unapplied: 0, deduction: 0, confidence: named == nil && !initials ? 80 : 90,
                                     explanation: "'\(candidate)' is one digit off \(item.number), whose open amount the payment equals exactly"
                                         + (initials ? "; the text writes \(item.customer)'s initials" : ""))
            }
        }

        // A name several customers share (a banner's stores, no town said; two businesses of
        // one owner; a trade name in two towns): the one open invoice among all of theirs the
        // payment is exactly, when none of them has a set making it too, is only proposed — the
        // payer is not clearly one of them.
        if named == nil, (2...6).contains(reading.payersAlike.count) {
            if let short = reading.payersAlike.first(where: { !holdsPool(of: $0, upTo: amount) }) { need = .pool(payer: short, upTo: amount); return Self.undecided }
            let exact = reading.payersAlike.flatMap { openItems(of: $0, in: currency).filter { $0.open == amount } }
            let sets = reading.payersAlike.reduce(0) { $0 + Self.subsets(of: openItems(of: $1, in: currency), summingTo: amount, maximumSize: policy.maximumCombination, limit: 2).count }
            if exact.count == 1, sets == 1 {
                return MatchDecision(status: .proposed, customer: exact[0].customer, allocations: [.init(exact[0], amount: amount)], fee: 0, unapplied: 0, deduction: 0,
                                     confidence: 60,
                                     explanation: "the payer's name fits \(reading.payersAlike.joined(separator: ", ")) alike; of all their open invoices only \(exact[0].number) (\(exact[0].customer)) is the amount, "
                                         + "and no set of theirs makes it: proposed, a person confirms which customer paid")
            }
            // A statement paid (`STMT 2026-09-30`): the one of them whose statement of that date
            // makes the amount (or within a bank charge of it) is proposed.
            if let date = reading.statementDate {
                if let short = reading.payersAlike.first(where: { !holdsPool(of: $0, upTo: .max) }) { need = .pool(payer: short, upTo: .max); return Self.undecided }
                let statements = reading.payersAlike.map { alike in openItems(of: alike, in: currency).filter { $0.issueDate <= date } }.filter { listed in
                    let total = listed.reduce(0) { $0 + $1.open }
                    return !listed.isEmpty && total >= amount && total - amount <= policy.feeTolerance && listed.allSatisfy { $0.open > total - amount }
                }
                if statements.count == 1, case let listed = statements[0], case let total = listed.reduce(0, { $0 + $1.open }) {
                    return MatchDecision(status: .proposed, customer: listed[0].customer, allocations: listed.map { .init($0, amount: $0.open) }, fee: total - amount,
                                         unapplied: 0, deduction: 0, confidence: 60,
                                         explanation: "the payer's name fits \(reading.payersAlike.joined(separator: ", ")) alike; only \(listed[0].customer)'s statement of \(date) "
                                             + "(\(listed.count) open invoice\(listed.count == 1 ? "" : "s") issued by then) makes the amount: proposed, a person confirms which customer paid")
                }
            }
        }
        guard let customer = reading.beneficiary ?? named else {
            let internalMovement = ["INTERNAL", "TRANSFER", "SWEEP", "INTEREST", "REFUND", "REVERSAL", "RETURNED"].contains { text.contains($0) }
            return MatchDecision(status: internalMovement ? .notCustomerPayment : .unapplied, customer: nil, allocations: [], fee: 0, unapplied: amount,
                                 deduction: 0, confidence: 0,
                                 explanation: internalMovement ? "no customer or invoice named; the text reads as a transfer or refund, not a customer payment"
                                                               : "no customer or invoice could be recognised: left unidentified")
        }

        // A payment the payer says is not for an invoice (on account, a prepayment, a retainer):
        // kept on its account, whatever the amount happens to equal. "On account" is also how a
        // payer says it pays its account: exactly one open invoice of the amount, and no set of
        // its invoices making it too, is what it pays.
        // Words of their own anywhere (`PREPAYMENTS`, `ACOMPTES`); phrases of common words only
        // where they begin a word (`DEPOSIT IO2231`, `ADVANCE PAYMENTS`, not `RADIO DEPOSIT`).
        let ahead = ["ACOMPTE", "PREPAYMENT", "PRE-PAYMENT", "PREPAID", "PREPAIEMENT", "PAIEMENT ANTICIPE", "AVANCE SUR", "NOT FOR INVOICE", "DEPOSIT FOR"].first(where: text.contains)
            ?? (text.contains("DEPOSIT") || text.contains("ADVANCE") ? ["ADVANCE PAYMENT", "PAYMENT IN ADVANCE", "DEPOSIT IO", "DEPOSIT ON IO", "IO DEPOSIT",
                                                                         "CAMPAIGN DEPOSIT", "BOOKING DEPOSIT", "DEPOSIT ON CAMPAIGN"].first { Self.holdsWords(text, $0) } : nil)
        if let word = ahead ?? ["ON ACCOUNT", "ON ACCT"].first(where: text.contains) {
            if ahead == nil {
                if !holdsPool(of: customer, upTo: amount) { need = .pool(payer: customer, upTo: amount); return Self.undecided }
                let sets = Self.subsets(of: openItems(of: customer, in: currency), summingTo: amount, maximumSize: policy.maximumCombination, limit: 2)
                if sets.count == 1, sets[0].count == 1, reading.payerNameAlsoBegins == nil, reading.payerRival == nil {
                    return MatchDecision(status: .applied, customer: customer, allocations: [.init(sets[0][0], amount: amount)], fee: 0, unapplied: 0, deduction: 0,
                                         confidence: 86,
                                         explanation: "\(nameNote) → \(customer); no reference, '\(word)', and its one open invoice of that amount is \(sets[0][0].number), no set of others making it")
                }
            }
            return MatchDecision(status: .unapplied, customer: customer, allocations: [], fee: 0, unapplied: amount, deduction: 0, confidence: 90,
                                 explanation: "\(nameNote) → \(customer); no reference, and the text says '\(word)': kept on its account")
        }

        // A franchisor paying for its stores, listed by number with an amount each: each store's
        // one open invoice of that amount, when together they are the payment.
        if !reading.storesListed.isEmpty, reading.storesListed.reduce(0, { $0 + $1.amount }) == amount {
            if let short = reading.storesListed.first(where: { !holdsPool(of: $0.customer, upTo: $0.amount) }) {
                need = .pool(payer: short.customer, upTo: short.amount); return Self.undecided
            }
            let found = reading.storesListed.map { store in
                openItems(of: store.customer, in: currency).filter { $0.open == store.amount }
            }
            if found.allSatisfy({ $0.count == 1 }), Set(found.map { $0[0].id }).count == found.count {
                return MatchDecision(status: .applied, customer: customer, allocations: found.map { .init($0[0], amount: $0[0].open) }, fee: 0, unapplied: 0,
                                     deduction: 0, confidence: 88,
                                     explanation: "\(nameNote) → \(customer), paying for its stores: "
                                         + found.map { "\($0[0].customer)'s \($0[0].number) \(Money(minorUnits: $0[0].open, currency: currency).decimalString)" }.joined(separator: ", ")
                                         + ", each the one open invoice of the amount listed for the store")
            }
        }

        // No reference: the payer's open invoices that sum to the amount.
        if !holdsPool(of: customer, upTo: amount + policy.feeTolerance) { need = .pool(payer: customer, upTo: amount + policy.feeTolerance); return Self.undecided }
        let pool = openItems(of: customer, in: currency)
            .sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }
        // A number written with a digit dropped (`CW10571` for CW105719): the payer's one open
        // invoice it is, one digit short, when the payment is exactly its amount.
        let shortOfOne = pool.filter { $0.open == amount && Self.isWrittenWithDigitDropped($0.number, in: text) }
        if shortOfOne.count == 1 {
            return MatchDecision(status: .applied, customer: customer, allocations: [.init(shortOfOne[0], amount: amount)], fee: 0, unapplied: 0, deduction: 0,
                                 confidence: 88,
                                 explanation: "\(nameNote) → \(customer); the text writes \(shortOfOne[0].number) with a digit dropped, and the payment is exactly its open amount")
        }
        let sets = Self.subsets(of: pool, summingTo: amount, maximumSize: policy.maximumCombination, limit: 2)
        // What the payer's own invoices give, unless it is less than the proposal on what was named.
        func orFallback(_ decision: MatchDecision) -> MatchDecision {
            guard let fallback, decision.status != .applied || decision.confidence < policy.threshold else { return decision }
            return fallback
        }
        // The months the remittance names (`OCT INVOICE`, `SEPT+OCT`, `JUL THRU NOV`, `Q3`,
        // `11/2026`): what the payer has open issued in them, when that is the amount — less a
        // bank charge within the tolerance, or over by a late fee or interest the text names —
        // or when exactly one set of them is (a month's packages, `WEB + RADIO`), every month
        // named having its part. A set the amount alone finds outside those months is a guess.
        var monthItems: Set<Int64> = []
        // The text also names another customer (its code against the name read) whose invoices
        // make the amount too: neither the months said nor the amount chooses between them.
        var rivalMakesIt = false
        if let other = reading.payerRival {
            if !holdsPool(of: other, upTo: amount) { need = .pool(payer: other, upTo: amount); return Self.undecided }
            rivalMakesIt = !Self.subsets(of: openItems(of: other, in: currency), summingTo: amount, maximumSize: policy.maximumCombination, limit: 1).isEmpty
        }
        if !reading.months.isEmpty {
            if !holdsPool(of: customer, upTo: .max) { need = .pool(payer: customer, upTo: .max); return Self.undecided }
            let months = reading.months
            func issued(_ item: OpenItem, in month: (month: Int, year: Int?)) -> Bool {
                month.month == item.issueDate.month && (month.year ?? item.issueDate.year) == item.issueDate.year
            }
            let perMonth = months.map { month in openItems(of: customer, in: currency).filter { issued($0, in: month) } }
            let issuedThen = Array(Set(perMonth.joined().map(\.id))).compactMap { items[$0] }.sorted { ($0.issueDate, $0.number) < ($1.issueDate, $1.number) }
            monthItems = Set(issuedThen.map(\.id))
            // A month's delivery is billed at its end or early the next month (`SEP 2026 MEDIA`,
            // `OCT 2026 DELIVERY`, `DIFFUSION AOUT 2026`): with such a word beside the month,
            // what was issued the month after is of it too (for a set the amount finds).
            if reading.monthsDelivered {
                let after = months.map { $0.month == 12 ? (month: 1, year: $0.year.map { $0 + 1 }) : (month: $0.month + 1, year: $0.year) }
                monthItems.formUnion(openItems(of: customer, in: currency).filter { item in after.contains { issued(item, in: $0) } }.map(\.id))
            }
            let total = issuedThen.reduce(0) { $0 + $1.open }
            let late = ["LATE", "RETARD", "INTEREST", "INTERETS", "INTERET", "PENALTY", "PENALITE"].contains { word in text.split(separator: " ").contains { $0 == word } }
            let list = months.map { "\($0.month)/\($0.year.map(String.init) ?? "any year")" }.joined(separator: ", ")
            func applied(_ chosen: [OpenItem], fee: Int64 = 0, over: Int64 = 0, _ how: String) -> MatchDecision {
                MatchDecision(status: rivalMakesIt ? .proposed : .applied, customer: customer, allocations: chosen.map { .init($0, amount: $0.open) }, fee: fee,
                              unapplied: over, deduction: 0,
                              confidence: rivalMakesIt ? 60 : chosen.count == issuedThen.count && fee == 0 && over == 0 ? 88 : 86,
                              explanation: "\(nameNote) → \(customer); no reference, the text names the months \(list): "
                                  + chosen.map { "\($0.number), issued \($0.issueDate)" }.joined(separator: "; ") + how
                                  + (rivalMakesIt ? "; but the text also names \(reading.payerRival ?? ""), whose open invoices make the amount too: a person confirms" : ""))
            }
            // A quarter (`3E TRIMESTRE 2026`, `Q3`) is billed once or monthly: an invoice of it will do.
            let quarter = months.count == 3 && [1, 4, 7, 10].contains(months[0].month) && months[1].month == months[0].month + 1 && months[2].month == months[0].month + 2
                && Set(months.map { $0.year }).count == 1
            if perMonth.allSatisfy({ !$0.isEmpty }) || (quarter && !issuedThen.isEmpty) {
                if total == amount { return orFallback(applied(issuedThen, ", exactly the amount")) }
                if total > amount, total - amount <= policy.feeTolerance, issuedThen.allSatisfy({ $0.open > total - amount }) {
                    return orFallback(applied(issuedThen, fee: total - amount, ", less \(Money(minorUnits: total - amount, currency: currency).decimalString) within the fee tolerance (a bank charge)"))
                }
                if amount > total, late, (amount - total) * 20 <= total {
                    return orFallback(applied(issuedThen, over: amount - total, "; the \(Money(minorUnits: amount - total, currency: currency).decimalString) over, a late fee or interest the text names, kept on its account"))
                }
                // A month's packages (`WEB + RADIO`): the one set of them, with a part of every month
                // named, that makes the amount, or falls short of it by a bank charge, or under it by
                // a late fee the text names (the set nearest the amount).
                // (A quarter's set need not hold a part of each of its months.)
                let covering = { (set: [OpenItem]) in quarter || perMonth.allSatisfy { month in month.contains { item in set.contains { $0.id == item.id } } } }
                let within = Self.subsets(of: issuedThen, summingTo: amount, maximumSize: policy.maximumCombination, limit: 2)
                if within.count == 1, covering(within[0]) {
                    return orFallback(applied(within[0], ", the one set of them that makes the amount"))
                }
                if within.isEmpty, issuedThen.count <= 12 {
                    let sets = (1..<(1 << issuedThen.count)).map { mask in issuedThen.indices.filter { mask & (1 << $0) != 0 }.map { issuedThen[$0] } }.filter(covering)
                    let short = sets.filter { set in
                        let sum = set.reduce(0) { $0 + $1.open }
                        return sum > amount && sum - amount <= policy.feeTolerance && set.allSatisfy { $0.open > sum - amount }
                    }
                    if short.count == 1, case let sum = short[0].reduce(0, { $0 + $1.open }) {
                        return orFallback(applied(short[0], fee: sum - amount, ", less \(Money(minorUnits: sum - amount, currency: currency).decimalString) within the fee tolerance (a bank charge)"))
                    }
                    let under = sets.map { ($0, $0.reduce(0) { $0 + $1.open }) }.filter { $1 < amount }
                    if late, let nearest = under.max(by: { $0.1 < $1.1 }), under.filter({ $0.1 == nearest.1 }).count == 1, (amount - nearest.1) * 20 <= nearest.1 {
                        return orFallback(applied(nearest.0, over: amount - nearest.1, "; the \(Money(minorUnits: amount - nearest.1, currency: currency).decimalString) over, a late fee or interest the text names, kept on its account"))
                    }
                }
            }
        }
        // A statement of account paid (`PER STATEMENT SEP 30`, `RELEVE 30 SEPT 2026`): what the
        // payer has open that was issued on or before the statement's date — all of it, even
        // beyond the set search's reach, since the text says which. Less a bank charge within
        // the tolerance; over it, an invoice the statement listed was paid meanwhile (or a later
        // one paid too, when exactly one set of them makes the rest): the excess is kept on its
        // account. Short of it by more, the payer held back something without saying what: a
        // person allocates, no set the amount happens to make.
        if let date = reading.statementDate {
            if !holdsPool(of: customer, upTo: .max) { need = .pool(payer: customer, upTo: .max); return Self.undecided }
            let all = openItems(of: customer, in: currency).sorted { ($0.issueDate, $0.number) < ($1.issueDate, $1.number) }
            let listed = all.filter { $0.issueDate <= date }
            let total = listed.reduce(0) { $0 + $1.open }
            if !listed.isEmpty {
                let doubt = reading.payerInDoubt
                let what = "\(nameNote) → \(customer); no reference, the statement of \(date) paid: its \(listed.count) open invoice\(listed.count == 1 ? "" : "s") issued by then"
                func statement(_ chosen: [OpenItem], fee: Int64 = 0, over: Int64 = 0, _ how: String) -> MatchDecision {
                    MatchDecision(status: doubt ? .proposed : .applied, customer: customer, allocations: chosen.map { .init($0, amount: $0.open) }, fee: fee, unapplied: over,
                                  deduction: 0, confidence: doubt ? 60 : (fee == 0 && over == 0 ? 88 : 86),
                                  explanation: what + how + (doubt ? "; but the payer is not beyond doubt: a person confirms" : ""))
                }
                if total == amount { return orFallback(statement(listed, ", exactly the amount")) }
                // Not a credit note the text states (`LESS CREDIT MEMO CM-3 20.00`): a document to apply, not a bank's charge.
                if total > amount, total - amount <= policy.feeTolerance, listed.allSatisfy({ $0.open > total - amount }), Self.statedCreditAmounts(in: text).isEmpty {
                    return orFallback(statement(listed, fee: total - amount, ", less \(Money(minorUnits: total - amount, currency: currency).decimalString) within the fee tolerance (a bank charge)"))
                }
                if amount > total {
                    let later = all.filter { $0.issueDate > date }
                    let more = Self.subsets(of: later, summingTo: amount - total, maximumSize: policy.maximumCombination, limit: 2)
                    if more.count == 1 {
                        return orFallback(statement(listed + more[0], ", and \(more[0].map(\.number).joined(separator: ", ")) issued after it, exactly the rest"))
                    }
                    return orFallback(statement(listed, over: amount - total, "; the \(Money(minorUnits: amount - total, currency: currency).decimalString) over (an invoice it listed, paid meanwhile?) kept on its account"))
                }
                return MatchDecision(status: .unapplied, customer: customer, allocations: [], fee: 0, unapplied: amount, deduction: 0, confidence: 80,
                                     explanation: what + ", \(Money(minorUnits: total, currency: currency).decimalString) in all: the payment is short of it by \(Money(minorUnits: total - amount, currency: currency).decimalString) without saying what it holds back: kept on its account, a person allocates")
            }
        }
        // Every open invoice of the payer's up to the amount, more than the set search tries, and
        // together exactly the amount (a customer paying its statement's balance): no other set
        // of them can make it.
        let upTo = pool.filter { $0.open <= amount }
        if sets.isEmpty, upTo.count > policy.maximumCombination, upTo.reduce(0, { $0 + $1.open }) == amount, reading.months.isEmpty,
           !reading.payerInDoubt {
            return orFallback(MatchDecision(status: .applied, customer: customer, allocations: upTo.map { .init($0, amount: $0.open) }, fee: 0, unapplied: 0, deduction: 0,
                                            confidence: 88,
                                            explanation: "\(nameNote) → \(customer); no reference, and the amount is all its \(upTo.count) open invoices up to it together (its balance): no other set makes it"))
        }
        // No set on the amount: its one open invoice that the amount is short of by a bank
        // charge within the tolerance (at most 5% of it: 90.00 paid on 100.00 is something
        // else), or that a round sum pays over by less than 10.00 (`260.00` for 258.69, the
        // excess kept on its account). When a set of several invoices is that near too, or
        // another invoice, a person chooses: near an amount, sets add up by chance too often.
        let unit = currency.minorUnitsPerMajor
        let roundSum = amount % (5 * unit) == 0
        let (low, high) = (amount - (roundSum ? 10 * unit : 0), amount + policy.feeTolerance)
        // Sets searched only when one invoice is that near (the search costs more than the rest).
        // Not when the text says the payment is not one invoice in full (`PARTIAL`, `INSTALMENT
        // 2 OF 3`, `DEPOSIT`, `RETAINER`): what it pays is the payer's to say.
        // Its first word aside: the payer's name's, more often than not (`ADVANCE AUTO PARTS`).
        let notInFull = text.split(separator: " ").dropFirst().contains(where: { Self.notInFullWords.contains($0.filter(\.isLetter)) })
        // Nor when it says it took something off (`SHORT PAID DAMAGED GOODS`, `LESS DISPUTED
        // FREIGHT`): what is short is a deduction, not a bank's charge.
        let saysDeduction = Self.saysDeduction(text)
        let nearSets = !sets.isEmpty || !pool.contains(where: { $0.open >= low && $0.open <= high })
            || notInFull || saysDeduction ? []
            : Self.subsets(of: pool, summingFrom: low, to: high, maximumSize: min(4, policy.maximumCombination), limit: 2)
        let near = nearSets.count == 1 && nearSets[0].count == 1 && (nearSets[0][0].open - amount) * 20 <= nearSets[0][0].open ? nearSets[0] : nil
        if near == nil, let first = nearSets.first {
            let sum = first.reduce(0) { $0 + $1.open }
            return orFallback(MatchDecision(status: .proposed, customer: customer, allocations: first.map { .init($0, amount: $0.open) },
                                            fee: max(0, sum - amount), unapplied: max(0, amount - sum), deduction: 0, confidence: 50,
                                            explanation: "\(nameNote) → \(customer); no reference, and "
                                                + (nearSets.count > 1 ? "several sets of its open invoices are" : "\(first.map(\.number).joined(separator: " + ")) \(first.count == 1 ? "is" : "are")")
                                                + " within a bank charge or a round sum of the amount: proposed, a person chooses"))
        }
        // All its open invoices together (two or more), less a bank charge within the tolerance:
        // its balance, paid by wire or bill payment. No other set is that near above the amount
        // (each invoice is more than the charge, so any fewer fall short). Only when the text
        // writes no number but the payer's customer number: one may be an invoice it pays.
        let balance = pool.reduce(Int64(0)) { $0 + $1.open }
        let wholeBalance = sets.isEmpty && near == nil && pool.count >= 2 && balance > amount && balance - amount <= policy.feeTolerance
            && pool.allSatisfy({ $0.open > balance - amount }) && reading.candidates.allSatisfy({ String($0.drop { $0 == "0" }) == reading.customerNumber })
            // Not a part payment (`PARTIAL`, `DEPOSIT`, `INSTALMENT`) nor one that says what it took off (`LESS`, `SHORT PAID`).
            // Nor a round hundred (`2000.00` of 2,035.00 owed): a payment on account more likely than a charge taken off.
            && !notInFull && !saysDeduction && amount % (100 * unit) != 0 ? pool : nil
        if let set = sets.count == 1 ? sets[0] : near ?? wholeBalance {
            let total = set.reduce(0) { $0 + $1.open }
            let fee = max(0, total - amount), over = max(0, amount - total)
            // The text named invoices (another customer's) that the amount alone does not beat
            // when it is only near the payer's own, nor when they make the amount as exactly
            // (a store writing a sister store's invoice of its own amount): a person looks.
            // Nor when the text wrote them as the invoices it pays (`INV 108851`): it said
            // which, and they are not the payer's.
            if let fallback, total != amount || fallback.allocations.reduce(0, { $0 + (items[$1.invoiceID]?.open ?? 0) }) == amount
                || fallback.allocations.allSatisfy({ Self.writtenAfterInvoiceWord($0.invoice, in: text) }) { return fallback }
            // The amount alone decides: the payer must be beyond doubt. A name that also begins
            // another customer's (`GROUPE LAVOIE`, Groupe Lavoie Transport cut short?) is not.
            // Unless none of that customer's invoices make the amount either.
            var doubt = "", doubtful = false
            if let other = reading.payerNameAlsoBegins {
                if !holdsPool(of: other, upTo: amount) { need = .pool(payer: other, upTo: amount); return Self.undecided }
                let theirs = openItems(of: other, in: currency)
                doubtful = !Self.subsets(of: theirs, summingTo: amount, maximumSize: policy.maximumCombination, limit: 1).isEmpty
                doubt = doubtful ? "; but the name also begins \(other)'s: a person confirms"
                                 : "; the name also begins \(other)'s, whose open invoices do not make the amount"
            }
            // The text also names another customer (its code against the name read): the
            // amount chooses only when that one's invoices do not make it too.
            if !doubtful, let other = reading.payerRival {
                doubtful = rivalMakesIt
                doubt += doubtful ? "; but the text also names \(other), whose open invoices make the amount too: a person confirms"
                                  : "; the text also names \(other), whose open invoices do not make the amount"
            }
            // Found on the amount alone, a set may add up by chance when the payer has many open
            // invoices: about one chance in `amount` per set tried. Over 1% in all, a person confirms.
            let candidates = min(40, pool.filter { $0.open <= amount }.count)
            let tried = (1...set.count).reduce(0.0) { total, size in total + Self.combinations(candidates, size) }
            var chance = total == amount && tried / Double(max(amount, 1)) > 0.01 ? "; among \(candidates) open invoices, a set of \(set.count) may add up to it by chance: a person confirms" : ""
            // Initials another business may share (`CBC MONTREAL`) and the amount: two guesses.
            // (A government's paying office writing a department's initials, `RECEIVER GENERAL … PHAC`,
            // names the department it pays for: no business's initials.)
            if chance.isEmpty, reading.payerByInitials, !reading.payerIsPayingOffice { chance = "; but the payer is known by initials only: a person confirms" }
            if chance.isEmpty, reading.payerMistyped { chance = "; but the payer is known by a name it mistyped, and the amount alone: a person confirms" }
            if chance.isEmpty, reading.payerIsGroupCentre { chance = "; but the payer is its group's paying centre, which pays the group's companies' invoices as well: a person confirms" }
            // The text says it is an instalment of a plan or a part (`PAYMENT PLAN 2/3`, `INSTALLMENT
            // 2 OF 3`, `2ND PAYMENT`, `PARTIAL`): an open invoice of its amount is there by chance.
            if chance.isEmpty, Self.saysInstalment(text) { chance = "; but the text says it is an instalment of a payment plan, not an invoice paid: a person confirms" }
            // Other customers' names hold its name's words too (`LAVAL MEDIA` beside Média Laval,
            // `GROUPE TREMBLAY` beside Groupe J.-P. Tremblay; `PayerDirectory.read`): the name read
            // is not beyond doubt, and the amount alone does not choose.
            if chance.isEmpty, !reading.payerNamesakes.isEmpty {
                chance = "; but its name's words are also \(reading.payerNamesakes.joined(separator: ", "))'s: a person confirms which customer paid"
            }
            // A number one digit off the one invoice found (two digits swapped, one wrong:
            // `HX107603` for HX107063) is that invoice mistyped, not another the payer meant.
            // Not the number of another invoice on file (settled: a second payment of it, not a typo).
            let isMistyped = { (number: String) in
                set.count == 1 && Self.isNearMiss(Self.digits(number), of: Self.digits(set[0].number))
                    && byDigits[Self.digits(number)] == nil && settledDigits[Self.digits(number)] == nil
            }
            var typed: String?
            // The text writes a number shaped as its invoices are (`S25-0047475`) that is not open:
            // it said what it pays, and that is not this set.
            if chance.isEmpty {
                // Shapes with letters or marks only: a number of digits alone is also a cheque's, a PO's.
                let shapes = Set(pool.map { Self.shape(Self.fold($0.number)) }.filter { $0.contains { $0 != "9" } })
                // Every such number: one mistyped beside another not open still says another
                // invoice, and so do two that are both near it (`HX108001 AND HX108002`).
                let written = text.split(separator: " ").filter { shapes.contains(Self.shape(String($0))) && byDigits[Self.digits(String($0))] == nil }
                if let other = written.first(where: { !isMistyped(String($0)) }) ?? (Set(written.map { Self.digits(String($0)) }).count > 1 ? written.last : nil) {
                    chance = "; but the text names \(other), written as its invoices are, not open: a person confirms"
                } else if let first = written.first { typed = String(first) }
            }
            // Someone else pays for the customer (an agency `POUR LE COMPTE DE`, `OBO`) and names
            // no invoice: whose invoices the amount is meant for is the payer's to say.
            if chance.isEmpty, reading.paysForAnother, reading.beneficiary == nil { chance = "; but the text says it pays on behalf of a customer, naming no invoice: a person confirms" }
            // The payer said which invoice it pays, and that one is not open: the set is a guess.
            let unfound = Self.unfoundInvoiceNumbers(reading.invoiceMarked, besides: set).filter { number in
                guard isMistyped(number) else { return true }
                typed = typed ?? number
                return false
            }
            // (Of one invoice of the amount, when the number named not open is of its series, as
            // long and beginning alike — `INV 2026-003045` beside INV-2026-003751 —, not one digit off
            // it: a second payment of an invoice paid before, perhaps, not this one.)
            let series = set.count == 1 ? Self.digits(set[0].number) : ""
            let ofItsSeries = series.count >= 8 && reading.candidates.contains { written in
                written.count == series.count && written != series && written.prefix(5) == series.prefix(5) && byDigits[written] == nil
                    && !Self.isNearMiss(written, of: series)
            }
            if chance.isEmpty, set.count >= 2 || total != amount || ofItsSeries, !unfound.isEmpty {
                chance = "; but the text names \(unfound.sorted().joined(separator: ", ")) as invoices, not found open: a person confirms"
            }
            // The text names months the payer has invoices of, and the set is not of them (a
            // month none of its open invoices is of says when it pays, `PAIEMENT NOV.`; so does
            // the month of the payment alone, `MARCH` paid March 17, though it billed then too).
            let whenPaid = payment.date.map { paid in reading.months.allSatisfy { $0.month == paid.month && ($0.year ?? paid.year) == paid.year } } ?? false
            if chance.isEmpty, !monthItems.isEmpty, !whenPaid, !set.allSatisfy({ monthItems.contains($0.id) }) {
                chance = "; but the text names months this set is not of: a person confirms"
            }
            // Other sets made the amount before lines of this statement paid them: the one left
            // is not the only one the payer may have meant.
            if chance.isEmpty {
                let paidThisRun = (byCustomer[customer] ?? []).compactMap { id in
                    openBeforeRun[id].flatMap { before in items[id].map { item in var asFound = item; asFound.open = before; return asFound } }
                }.filter { $0.currency == currency && $0.open > 0 && $0.open <= amount }
                if !paidThisRun.isEmpty,
                   Self.subsets(of: pool.filter { openBeforeRun[$0.id] == nil } + paidThisRun, summingTo: amount, maximumSize: policy.maximumCombination, limit: 2).count > 1 {
                    chance = "; but before this statement other open invoices of its made the amount too (paid by lines before it): a person confirms"
                }
            }
            let makes = fee > 0 ? " make\(set.count == 1 ? "s" : "") the amount less \(Money(minorUnits: fee, currency: currency).decimalString) within the fee tolerance (a bank charge)"
                : over > 0 ? ", \(Money(minorUnits: over, currency: currency).decimalString) under the round sum paid, make\(set.count == 1 ? "s" : "") the amount: the excess kept on its account"
                : " sum\(set.count == 1 ? "s" : "") to the amount"
            return orFallback(MatchDecision(status: .applied, customer: customer, allocations: set.map { .init($0, amount: $0.open) },
                                 fee: fee, unapplied: over, deduction: 0, confidence: doubtful ? 60 : (!chance.isEmpty ? 75 : (set.count == 1 && total == amount ? 92 : 88)),
                                 explanation: "\(nameNote) → \(customer); no reference, and only \(set.count == 1 ? "its open invoice \(set[0].number)" : "its open invoices \(set.map(\.number).joined(separator: " + "))")" + makes
                                     + (typed.map { "; \($0) written, one digit off it (mistyped)" } ?? "") + doubt + chance))
        }
        // Several invoices of the amount, and the text says it pays the oldest (`OLDEST INVOICE`):
        // the one issued first. Saying only that it pays one overdue (`PAST DUE`, `FACTURE EN
        // SOUFFRANCE`) chooses only when one of them is overdue on the day paid.
        if sets.count > 1, let says = Self.saysOldest(text), !reading.payerInDoubt, case let singles = pool.filter({ $0.open == amount }), singles.count >= 2,
           case let ordered = singles.sorted(by: { ($0.issueDate, $0.dueDate) < ($1.issueDate, $1.dueDate) }),
           (ordered[0].issueDate, ordered[0].dueDate) < (ordered[1].issueDate, ordered[1].dueDate),
           says == .oldest || payment.date.map({ day in ordered[0].dueDate < day && ordered.dropFirst().allSatisfy { $0.dueDate >= day } }) == true {
            return orFallback(MatchDecision(status: .applied, customer: customer, allocations: [.init(ordered[0], amount: amount)], fee: 0, unapplied: 0, deduction: 0,
                                            confidence: 86,
                                            explanation: "\(nameNote) → \(customer); no reference, \(singles.count) of its open invoices are of the amount, and the text says it pays the oldest: \(ordered[0].number), issued \(ordered[0].issueDate)"))
        }
        if sets.count > 1 {
            return orFallback(MatchDecision(status: .proposed, customer: customer, allocations: sets[0].map { .init($0, amount: $0.open) },
                                 fee: 0, unapplied: 0, deduction: 0, confidence: 50,
                                 explanation: "\(nameNote) → \(customer); no reference, and several sets of its open invoices sum to the amount: proposed, a person chooses"))
        }
        // Paying on behalf of another it names (an agency for its client), no invoice named: the
        // cash is that other's, not the payer's to keep; left unidentified, a person allocates it.
        if reading.paysForAnother, reading.beneficiary == nil {
            // The customer it names has one open invoice of the amount: shown to the person.
            if let client = reading.paidFor, client != customer {
                if !holdsPool(of: client, upTo: amount) { need = .pool(payer: client, upTo: amount); return Self.undecided }
                let exact = openItems(of: client, in: currency).filter { $0.open == amount }
                if exact.count == 1 {
                    return orFallback(MatchDecision(status: .proposed, customer: client, allocations: [.init(exact[0], amount: amount)], fee: 0, unapplied: 0, deduction: 0,
                                                    confidence: 60,
                                                    explanation: "\(nameNote) → \(customer), paying on behalf of \(client) and naming no invoice; \(client)'s one open invoice "
                                                        + "of the amount is \(exact[0].number): proposed, a person confirms"))
                }
            }
            return orFallback(MatchDecision(status: .unapplied, customer: nil, allocations: [], fee: 0, unapplied: amount, deduction: 0, confidence: 0,
                                            explanation: "\(nameNote) → \(customer), paying on behalf of another and naming no invoice: left unidentified, a person allocates it"))
        }
        return orFallback(MatchDecision(status: .unapplied, customer: customer, allocations: [], fee: 0, unapplied: amount, deduction: 0, confidence: 85,
                             explanation: "\(nameNote) → \(customer); no reference, and no set of its open invoices sums to the amount: kept on its account"))
    }

    /// What a text says of the invoice it pays among several: the oldest (`OLDEST`), or one overdue
    /// (`PAST DUE`, `OVERDUE`, `EN SOUFFRANCE`, `EN RETARD`).
    enum SaysWhich { case oldest, overdue }
    static func saysOldest(_ text: String) -> SaysWhich? {
        let words = text.split(separator: " ")
        if words.contains("OLDEST") { return .oldest }
        return words.contains("OVERDUE") || zip(words, words.dropFirst()).contains { pair in
            (pair.0 == "PAST" && pair.1 == "DUE") || (pair.0 == "EN" && (pair.1 == "SOUFFRANCE" || pair.1 == "RETARD"))
        } ? .overdue : nil
    }

    /// Words saying a payment is not one invoice paid in full.
    /// Words saying a payment is short of what it pays on purpose, seldom a business's name.
    static let shortOnPurposeWords: Set<Substring> = ["DEDUCTION", "DEDUCTIONS", "DEDUCTED", "DEDUCTING", "SHORTPAY", "SHORTPAID", "CHARGEBACK",
                                                      "DISPUTED", "DAMAGED", "RETURNED", "LITIGE"]
    /// Words of a bank's charge: `LESS BANK CHARGES`, `MOINS FRAIS` say why a payment is short, not what it took off.
    static let chargeWords: Set<Substring> = ["BANK", "WIRE", "FEE", "FEES", "CHARGE", "CHARGES", "FRAIS", "COMMISSION", "SERVICE", "INTERMEDIARY", "CORRESPONDENT", "TRANSFER"]

    /// Words `SHORT` takes before it to say a deduction (`SHORT PAID`), those that say one after them
    /// (`LESS DISPUTED FREIGHT`), and the small words between (`LESS THE`, `MOINS LES`): built once.
    static let shortPaidWords: Set<Substring> = ["PAID", "PAY", "PAYMENT", "SHIPPED"]
    static let takenOffWords: Set<Substring> = ["LESS", "MINUS", "MOINS", "DEDUCT"]
    static let takenOffFillers: Set<Substring> = ["DE", "DES", "LE", "LA", "LES", "THE", "OUR", "YOUR", "DUE", "TO", "FOR"]

    /// Whether the text says the payment took something off (`SHORT PAID DAMAGED GOODS`, `LESS
    /// DISPUTED FREIGHT`, `MOINS RETOUR`): such a word, `SHORT PAID`, or `LESS`/`MINUS`/`MOINS`
    /// before anything but a bank's charge (an amount between aside).
    static func saysDeduction(_ text: String) -> Bool {
        let words: [Substring] = text.split(separator: " ").map { Substring($0.filter(\.isLetter)) }
        // The first word begins the payer's name more often than not (`LESS IS MORE DESIGN`, `MINUS FORTY OUTFITTERS`).
        for (at, word) in words.enumerated() where at > 0 {
            if shortOnPurposeWords.contains(word) { return true }
            if word == "SHORT", at + 1 < words.count, shortPaidWords.contains(words[at + 1]) { return true }
            if takenOffWords.contains(word) {
                var next = at + 1
                while next < words.count, words[next].isEmpty || takenOffFillers.contains(words[next]) { next += 1 }
                if next < words.count, !chargeWords.contains(words[next]) { return true }
            }
        }
        return false
    }

    static let notInFullWords: Set<Substring> = ["PARTIAL", "PARTIEL", "PARTIELLE", "PARTIELLEMENT", "INSTALMENT", "INSTALLMENT", "INSTALMENTS", "INSTALLMENTS",
                                                 "VERSEMENT", "ACOMPTE", "DEPOSIT", "DEPOT", "RETAINER", "ADVANCE", "AVANCE", "PREPAYMENT", "PREPAID"]

    /// Whether a text says it pays an instalment of a plan or a part: `INSTALMENT`, `PARTIAL`, `VERSEMENT 2/3`,
    /// `VERSEMENT NO 2`, `PAYMENT PLAN`, `PLAN DE PAIEMENT`, `2ND PAYMENT`, `2E VERSEMENT`, `1ST OF
    /// 3`, `PMT 2 OF 3` (not `VERSEMENT` alone, a French bank's word for a transfer).
    static func saysInstalment(_ text: String) -> Bool {
        let words = text.split(separator: " ").map { $0.filter { $0 != "." && $0 != ":" } }
        return words.indices.contains { at in
            let word = words[at], next = at + 1 < words.count ? words[at + 1] : ""
            if ["INSTALMENT", "INSTALLMENT", "INSTALMENTS", "INSTALLMENTS", "MENSUALITE"].contains(word) { return true }
            // Not as the text's first word: the payer's name's, as often (`PARTIAL DISCHARGE TESTING LTD`).
            if at > 0, ["PARTIAL", "PARTIEL", "PARTIELLE", "PARTIELLEMENT"].contains(word) { return true }
            // A payment arrangement (`PAYMENT ARRANGEMENT`, `ENTENTE PAIEMENT`, `ENTENTE DE PAIEMENT`).
            if word == "ARRANGEMENT", at > 0, ["PAYMENT", "PMT"].contains(words[at - 1]) { return true }
            if word == "ENTENTE", next == "PAIEMENT" || (next == "DE" && at + 2 < words.count && words[at + 2] == "PAIEMENT") { return true }
            if word == "VERSEMENT", next.first?.isNumber == true || (next == "NO" && at + 2 < words.count && words[at + 2].first?.isNumber == true) { return true }
            // `3 OF 6`, `2 DE 3`: a part of a plan (a count above three years of months is something else).
            if next == "OF" || next == "DE", let part = Int(word), at + 2 < words.count, let of = Int(words[at + 2]), part >= 1, part <= of, of <= 36, of >= 2 { return true }
            if word == "PLAN", at > 0, ["PAYMENT", "PAYMENTS"].contains(words[at - 1]) || (next == "DE" && at + 2 < words.count && words[at + 2] == "PAIEMENT") { return true }
            // An ordinal before PAYMENT or OF (`2ND PAYMENT`, `1ST OF 3`).
            let digits = word.prefix { $0.isNumber }
            return !digits.isEmpty && (["ST", "ND", "RD", "TH"].contains(String(word.dropFirst(digits.count))) && ["PAYMENT", "PMT", "OF", "INSTALMENT", "INSTALLMENT"].contains(next)
                || ["E", "ER", "RE", "EME", "IEME"].contains(String(word.dropFirst(digits.count))) && ["VERSEMENT", "PAIEMENT"].contains(next))
                || ["PREMIER", "DEUXIEME", "TROISIEME", "QUATRIEME", "CINQUIEME", "DERNIER"].contains(word) && ["VERSEMENT", "PAIEMENT"].contains(next)
        }
    }

    /// Whether a text says it adds interest or a fee to what it pays: `PLUS INTEREST`, `INCL LATE
    /// INTEREST 734.05`, `PLUS LATE CHAR…`, `INCL FRAIS ADMIN`, `PLUS ADMIN FEE`, `INTERETS 307.15 INCLUS`.
    static func saysChargesAdded(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        let charge = { (word: Substring) in ["INTERE", "LATE", "FRAIS", "ADMIN", "PENAL", "FINANCE"].contains { word.hasPrefix($0) } }
        return words.indices.contains { at in
            let after = words[(at + 1)..<min(words.count, at + 3)]
            if ["PLUS", "INCL", "INCLUDING", "INCLUS", "INCLUDED", "AVEC", "ADDED"].contains(words[at]) { return after.contains(where: charge) }
            return words[at].hasPrefix("INTERET") && after.contains("INCLUS")
        }
    }

    static func greatestCommonDivisor(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? abs(a) : greatestCommonDivisor(b, a % b) }

    /// What `evaluate` returns beside a need: never used.
    private static let undecided = MatchDecision(status: .unapplied, customer: nil, allocations: [], fee: 0, unapplied: 0, deduction: 0, confidence: 0, explanation: "")

    /// What the remittance says it took off the invoices, when what is left makes the payment
    /// (a bank charge within the tolerance aside).
    private func statedDeductions(of invoices: [OpenItem], in text: String, paying amount: Int64) -> [Int64]? {
        guard let parts = Self.statedDeductions(of: invoices, in: text), case let sum = parts.reduce(0, +), sum >= amount, sum - amount <= policy.feeTolerance else { return nil }
        return parts
    }

    /// Named invoices against the amount: settle, fee, partial (deduction), excess.
    private func settle(_ referenced: [OpenItem], payment: IncomingPayment, text: String, marked: Set<String>, named: String?, how: [String], duplicates: [String],
                        alsoNamed: Set<String> = [], kin: Set<String> = [], agency: Bool = false, notOpen: [String] = [], alike: [String] = [],
                        alsoFits: [String] = [], heldBy: Set<String> = [], ownMakesIt: Bool = false, payingOffice: Bool = false,
                        initialsWritten: Set<String> = [], months: [(month: Int, year: Int?)] = [], misread: [String] = []) -> MatchDecision {
        let amount = payment.amount.minorUnits
        // Only the number says whose invoice it is: no payer recognised (nor one of the few its
        // name fits, nor the initials of the invoice's customer written), and the text does not
        // write the amount it pays.
        let byInitials = named == nil && initialsWritten.contains(referenced[0].customer)
        let numberAlone = named == nil && !alike.contains(referenced[0].customer) && !byInitials
            && !Self.moneyAmounts(in: Array(text.utf8)).contains { $0.amount == amount }
        let customers = Set(referenced.map(\.customer))
        let customer = referenced[0].customer
        var confidence = 99
        var notes = how
        if byInitials { notes.append("the text writes \(customer)'s initials") }
        // The payer's name fits a few customers alike (twins but for their legal form), none of
        // them the invoices': one of them paying another's invoice may have meant its own,
        // unless the amount is the invoices' to the cent (an agency paying its client's).
        if named == nil, !alike.isEmpty, !referenced.contains(where: { alike.contains($0.customer) }), referenced.reduce(0, { $0 + $1.open }) != amount {
            confidence = 75
            notes.append("but the payer's name fits \(alike.joined(separator: ", ")) alike, not the invoice's customer")
        }
        // A list of the payer's own invoices with their amounts, one number mistyped into another
        // customer's invoice (`INV-2026-005307 1147.64` for its INV-2026-005807): the payer's one
        // open invoice one digit off that number whose open amount the list writes is the one meant.
        if customers.count > 1, let named, referenced.contains(where: { $0.customer == named }), holdsPool(of: named, upTo: amount),
           let stated = Self.amountsStated(for: referenced, in: text) {
            var meant = referenced
            var fixes: [String] = []
            for (index, item) in referenced.enumerated() where item.customer != named && !stated[index].contains(item.open) {
                let own = openItems(of: named, in: payment.amount.currency).filter { mine in
                    stated[index].contains(mine.open) && !referenced.contains(mine) && Self.isNearMiss(Self.digits(item.number), of: Self.digits(mine.number))
                }
                if own.count == 1 { meant[index] = own[0]; fixes.append("\(item.number) written for \(own[0].number) (one digit off, the amount listed its open amount)") }
            }
            if !fixes.isEmpty {
                var decision = settle(meant, payment: payment, text: text, marked: marked, named: named, how: how + fixes, duplicates: duplicates, alsoNamed: alsoNamed,
                                      kin: kin, agency: agency, notOpen: notOpen, alike: alike, alsoFits: alsoFits, heldBy: heldBy, payingOffice: payingOffice)
                decision.confidence = min(decision.confidence, 90)
                return decision
            }
        }
        if customers.count > 1, let named, referenced.contains(where: { $0.customer == named }) {
            // A number that happens to be another customer's invoice (a cheque or batch number):
            // the payer's own references decide, when the amount confirms them.
            let own = referenced.filter { $0.customer == named }
            let owed = own.reduce(0) { $0 + $1.open }
            if owed >= amount, owed - amount <= policy.feeTolerance {
                var decision = settle(own, payment: payment, text: text, marked: marked, named: named, how: how, duplicates: duplicates, alsoNamed: alsoNamed, kin: kin, agency: agency)
                decision.confidence = min(decision.confidence, 90)
                decision.explanation += "; \(referenced.filter { $0.customer != named }.map(\.number).joined(separator: ", ")) of another customer also named: left aside"
                return decision
            }
        }
        if customers.count > 1 {
            // Invoices of several customers, paid by one of them or by a payer not on file (a
            // group's shared-service centre, a parent paying for its subsidiaries): applied when
            // they are exactly what was paid, in full or as the remittance states for each. Each
            // part settles its own customer's receivable.
            let total = referenced.reduce(0) { $0 + $1.open }
            let payer = named.flatMap { customers.contains($0) ? $0 : nil }
            // In full less a bank charge within the tolerance, or less what the text says it took off one of them.
            // Never a whole invoice (another customer's 38.00 is no charge).
            let fee = amount < total && total - amount <= policy.feeTolerance && referenced.allSatisfy({ $0.open > total - amount }) ? total - amount : 0
            let deducted = statedDeductions(of: referenced, in: text, paying: amount)
            let stated = amount == total ? nil : Self.statedAmounts(of: referenced, in: text, paying: payment.amount)
            if duplicates.isEmpty,
               let parts = amount == total || (fee > 0 && stated == nil) ? referenced.map(\.open)
                         : stated ?? Self.netOfStatedPercentage(referenced, in: text, paying: amount)?.parts ?? deducted {
                let charge = stated != nil ? 0 : fee > 0 ? fee : (deducted == parts ? parts.reduce(0, +) - amount : 0)
                let open = total - amount - charge
                let owners = customers.sorted().joined(separator: ", ")
                let how = amount == total ? "" : charge == fee && fee > 0 ? ", less \(Money(minorUnits: fee, currency: payment.amount.currency).decimalString) within the fee tolerance (a bank charge)"
                    : " as the remittance states (\(zip(referenced, parts).map { "\($0.number) \(Money(minorUnits: $1, currency: payment.amount.currency).decimalString)" }.joined(separator: ", ")))"
                        + (charge > 0 ? ", less \(Money(minorUnits: charge, currency: payment.amount.currency).decimalString) within the fee tolerance" : "")
                let who = if let payer { "and \(payer) pays for the others" }
                          else if let named { "and \(named) pays for them (an agency paying for its clients)" }
                          else { "and the payer is none of them (a group or an agency paying for its members)" }
                // A payer paying its own invoices and, in part, one of a customer outside its group
                // (an SCF program's run listing `INV MTL-26-003964 GROSS 22,189.20` when ours is
                // 24,750.20): the invoice it meant may be another vendor's, not this one. (An agency
                // or a group's centre paying for others, none of them itself, is another matter.)
                // Not when the text writes its open amount beside it (`GROSS 24,750.20`): ours, paid net.
                let stranger = payer.flatMap { account in
                    agency ? nil : zip(referenced, parts).first { item, part in
                        item.customer != account && !kin.contains(item.customer) && item.open - part > policy.feeTolerance
                            && !Self.writesOpenAmount(of: item, among: referenced, in: text)
                    }?.0
                }
                return MatchDecision(status: .applied, customer: payer ?? named, allocations: zip(referenced, parts).filter { $1 > 0 }.map { .init($0, amount: $1) },
                                     fee: charge, unapplied: 0, deduction: max(0, open), confidence: min(confidence, stranger != nil ? 75 : named == nil || payer != nil ? 90 : 88),
                                     explanation: notes.joined(separator: "; ") + "; the invoices belong to \(owners), \(who): each settled on its own account\(how)"
                                         + (open > 0 ? ", \(Money(minorUnits: open, currency: payment.amount.currency).decimalString) left open as a deduction to review" : "")
                                         + (stranger.map { "; but \($0.number), of \($0.customer) outside the payer's group, is paid in part: a person confirms it is ours" } ?? ""))
            }
            // A list naming also something not open here (or settled already: a store paid it
            // itself): what it says of that stays on the payer's account (so the payer must be on file).
            let openElsewhere = Self.unfoundInvoiceNumbers(marked, besides: referenced).contains { number in
                (byTail[number] ?? []).contains { (items[$0]?.open ?? 0) > 0 }
            }
            if !openElsewhere, let account = payer ?? named, let listed = Self.listedAmounts(of: referenced, in: text, paying: payment.amount) {
                let open = total - (amount - listed.rest)
                return MatchDecision(status: .applied, customer: account, allocations: zip(referenced, listed.parts).filter { $1 > 0 }.map { .init($0, amount: $1) },
                                     fee: 0, unapplied: listed.rest, deduction: max(0, open), confidence: min(confidence, 86),
                                     explanation: notes.joined(separator: "; ") + "; the invoices belong to \(customers.sorted().joined(separator: ", ")): each settled on its own account "
                                         + "for the amount the list gives it; the list also names what is not open here: "
                                         + "\(Money(minorUnits: listed.rest, currency: payment.amount.currency).decimalString) kept on \(account)'s account")
            }
            // Otherwise a person decides.
            return MatchDecision(status: .proposed, customer: nil, allocations: referenced.map { .init($0, amount: $0.open) },
                                 fee: 0, unapplied: 0, deduction: 0, confidence: 40,
                                 explanation: notes.joined(separator: "; ") + "; the invoices belong to \(customers.sorted().joined(separator: " and ")): proposed, a person decides")
        }
        let owed = referenced.reduce(Int64(0)) { $0 + $1.open }
        // Short by a share the remittance states (an agency's commission, a rebate, a withholding).
        let net = owed - amount > policy.feeTolerance ? Self.netOfStatedPercentage(referenced, in: text, paying: amount) : nil
        // Short by what the remittance says it took off one of them (a make-good, a commission), a bank charge aside.
        let deducted = owed - amount > policy.feeTolerance ? statedDeductions(of: referenced, in: text, paying: amount) : nil
        if let named, named != customer {
            // Another customer pays: believed when the text names the invoices' customer too.
            let total = owed
            if alsoNamed.contains(customer) { confidence = min(confidence, 90); notes.append("\(named) pays for \(customer), whom the text names") }
            else if total >= amount && total - amount <= policy.feeTolerance || net != nil || deducted != nil {
                // An agency paying its client's invoice, or a company of the invoice's customer's
                // group (`Liberty Health System` for `Liberty Home Care`): the amount confirms the
                // reference. Another customer paying it may have meant its own: a person confirms.
                if agency { confidence = min(confidence, 88); notes.append("paid by \(named), an agency paying for its client, the amount confirming it") }
                else if ownMakesIt, payingOffice || kin.contains(customer) || alsoFits.contains(customer) || heldBy.contains(customer) {
                    confidence = min(confidence, 75); notes.append("but \(named)'s own open invoices make the amount too: a person chooses")
                }
                else if payingOffice { confidence = min(confidence, 88); notes.append("paid by \(named), a paying office paying for \(customer), the amount confirming it") }
                else if kin.contains(customer) { confidence = min(confidence, 88); notes.append("paid by \(named), a company of its group, the amount confirming it") }
                // The payer's name fits the invoice's customer too (`LEE OUTDOOR` and Lee Northern
                // Outdoor Ltd.'s invoice): that customer, most likely, the amount confirming it.
                // Any other name holding the payer's own words fits as well (`GROUPE TREMBLAY
                // INV-2026-002580` of Groupe Tremblay Paysagement inc.).
                else if alsoFits.contains(customer) || heldBy.contains(customer) { confidence = min(confidence, 88); notes.append("the payer's name fits \(customer)'s too, the amount confirming it") }
                else { confidence = min(confidence, 75); notes.append("but the payer reads as \(named), neither an agency nor of \(customer)'s group, though the amount confirms it") }
            }
            else { confidence = min(confidence, 70); notes.append("but the payer reads as \(named)") }
        }
        if !duplicates.isEmpty { notes.append("\(duplicates.joined(separator: ", ")) already settled") }
        let total = referenced.reduce(0) { $0 + $1.open }
        var allocations: [MatchDecision.Allocation] = []
        if amount == total {
            allocations = referenced.map { .init($0, amount: $0.open) }
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: 0, unapplied: 0, deduction: 0, confidence: confidence,
                                 explanation: notes.joined(separator: "; ") + "; the amount settles \(referenced.count == 1 ? "it" : "them") exactly")
        }
        // Settled in full, less the discounts `taken` (one per invoice), booked as sales discounts.
        func discounted(_ taken: [Int64], _ why: String) -> MatchDecision {
            let list = zip(referenced, taken).filter { $1 > 0 }.map { "\($0.number) \(Money(minorUnits: $1, currency: payment.amount.currency).decimalString)" }.joined(separator: ", ")
            var decision = MatchDecision(status: .applied, customer: customer, allocations: referenced.map { .init($0, amount: $0.open) }, fee: 0, unapplied: 0, deduction: 0,
                                         confidence: min(confidence, 92), explanation: notes.joined(separator: "; ") + "; less the discount the remittance states (\(list)), \(why): settled, the discount booked")
            decision.discounts = Dictionary(zip(referenced, taken).filter { $1 > 0 }.map { ($0.id, $1) }, uniquingKeysWith: +)
            return decision
        }
        // A prompt-payment discount the remittance states on each invoice (`0000723202 6250.00
        // DISC 125.00`, X12 `RMR*IV*…**8099.70*8265.00*165.30`), within the entity's limit:
        // settled in full, the discounts booked as sales discounts (not a bank charge, however small).
        // Taken after the discount period (`cash.discount-days`): not earned, a deduction to review.
        // Each invoice a discount is taken on, paid within the period of its date.
        let earned = { (taken: [Int64]) in zip(referenced, taken).allSatisfy { $1 == 0 || policy.inDiscountPeriod(paidOn: payment.date, issued: $0.issueDate) } }
        let inPeriod = earned(referenced.map { _ in 1 })
        let period = policy.discountDays > 0 && payment.date != nil ? " and its period of \(policy.discountDays) days" : ""
        if amount < total, policy.discountLimit > 0, let taken = Self.statedDiscounts(of: referenced, in: text, paying: amount, limit: policy.discountLimit), earned(taken) {
            return discounted(taken, "within the entity's limit of \(ExactDecimal(units: Int128(policy.discountLimit), scale: 2))%\(period)")
        }
        // A prompt-payment discount stated as a percentage (`ESC 1% 10 JRS`, `LESS 2% DISC`):
        // within the entity's limit, settled and booked; beyond it, the cash applied and the
        // discount left open as a deduction to review — not a bank charge, however small.
        if amount < total, let net = Self.netOfStatedDiscount(referenced, in: text, paying: amount) {
            let taken = zip(referenced, net.parts).map { $0.open - $1 }
            // The rate, not the rounded cents, against the limit (2% of 3164.90 is 63.30).
            if net.percentage * 100 <= policy.discountLimit, inPeriod {
                return discounted(taken, "\(net.percentage)%, within the entity's limit of \(ExactDecimal(units: Int128(policy.discountLimit), scale: 2))%\(period)")
            }
            return MatchDecision(status: .applied, customer: customer, allocations: zip(referenced, net.parts).map { .init($0, amount: $1) }, fee: 0, unapplied: 0,
                                 deduction: total - amount, confidence: min(confidence, 90),
                                 explanation: notes.joined(separator: "; ") + "; less a \(net.percentage)% discount the remittance states, "
                                     + (net.percentage * 100 <= policy.discountLimit ? "taken after its period of \(policy.discountDays) days: " : "which the entity does not grant: ")
                                     + "the cash applied, \(Money(minorUnits: total - amount, currency: payment.amount.currency).decimalString) left open as a deduction to review")
        }
        if amount < total && total - amount <= policy.feeTolerance && referenced.allSatisfy({ $0.open > total - amount }),
           !Self.statesDeduction(of: total - amount, in: text) {
            // The text says the difference is a discount the entity does not grant (or beyond its
            // limit): small enough to let go, but a discount, not a bank charge.
            if let taken = Self.statedDiscounts(of: referenced, in: text, paying: amount, limit: 10_000) {
                if earned(taken) { return discounted(taken, "not granted, within the fee tolerance") }
                // Taken after the entity's discount period: unearned, however small; the cash
                // applied, the discount left open as a deduction to review.
                return MatchDecision(status: .applied, customer: customer, allocations: zip(referenced, taken).map { .init($0, amount: $0.open - $1) }.filter { $0.amount > 0 },
                                     fee: 0, unapplied: 0, deduction: total - amount, confidence: min(confidence, 90),
                                     explanation: notes.joined(separator: "; ") + "; less a discount the remittance states, taken after the entity's period of \(policy.discountDays) days: "
                                         + "the cash applied, \(Money(minorUnits: total - amount, currency: payment.amount.currency).decimalString) left open as a deduction to review")
            }
            allocations = referenced.map { .init($0, amount: $0.open) }
            // The cash received is what the allocations carry less the fee: the last invoice
            // takes the charge, so every invoice is settled in full.
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: total - amount, unapplied: 0, deduction: 0,
                                 confidence: min(confidence, 95),
                                 explanation: notes.joined(separator: "; ") + "; short by \(Money(minorUnits: total - amount, currency: payment.amount.currency).decimalString), within the fee tolerance: settled, the difference a bank charge")
        }
        if let deducted {
            let charge = deducted.reduce(0, +) - amount
            allocations = zip(referenced, deducted).map { .init($0, amount: $1) }
            let list = zip(referenced, deducted).filter { $0.open != $1 }.map { "\(Money(minorUnits: $0.open - $1, currency: payment.amount.currency).decimalString) off \($0.number)" }
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: charge, unapplied: 0, deduction: total - amount - charge,
                                 confidence: min(confidence, 90),
                                 explanation: notes.joined(separator: "; ") + "; less what the remittance says it took off (\(list.joined(separator: ", ")))"
                                     + (charge > 0 ? " and \(Money(minorUnits: charge, currency: payment.amount.currency).decimalString) within the fee tolerance" : "")
                                     + ": applied so, the rest left open as a deduction to review")
        }
        if let net {
            allocations = zip(referenced, net.parts).map { .init($0, amount: $1) }
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: 0, unapplied: 0, deduction: total - amount,
                                 confidence: min(confidence, 90),
                                 explanation: notes.joined(separator: "; ") + "; paid less the \(net.percentage)% the remittance states: applied so, "
                                     + "\(Money(minorUnits: total - amount, currency: payment.amount.currency).decimalString) left open as a deduction to review")
        }
        if referenced.count > 1, let stated = Self.statedAmounts(of: referenced, in: text, paying: payment.amount) {
            // The remittance says what it pays on each invoice, and that is the payment: applied
            // so (a credit memo or a discount taken on one invoice stays open on it).
            allocations = zip(referenced, stated).filter { $1 > 0 }.map { .init($0, amount: $1) }
            let open = total - amount
            let list = zip(referenced, stated).map { "\($0.number) \(Money(minorUnits: $1, currency: payment.amount.currency).decimalString)" }.joined(separator: ", ")
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: 0, unapplied: 0, deduction: max(0, open),
                                 confidence: min(confidence, 90),
                                 explanation: notes.joined(separator: "; ") + "; the remittance states what it pays on each (\(list))"
                                     + (open > 0 ? ": applied so, \(Money(minorUnits: open, currency: payment.amount.currency).decimalString) left open as a deduction to review" : ": applied so"))
        }
        if amount < total {
            // Applied in the order the payer named them; what remains open is a deduction. Unless
            // the text says which one it pays in part (`S26-0046662 PAID IN FULL / S26-0046986
            // PARTIAL PMT`): the others in full, that one the rest.
            var left = amount
            var inPart: OpenItem?
            if referenced.count > 1, let marked = Self.paidInPart(referenced, in: text) ?? Self.creditAppliedTo(referenced, in: text),
               case let rest = amount - (total - marked.open), rest > 0, rest < marked.open {
                inPart = marked
                allocations = referenced.map { .init($0, amount: $0 == marked ? rest : $0.open) }
                left = 0
                confidence = min(confidence, 90)
                notes.append("the text says \(marked.number) is paid in part")
            }
            for item in referenced where left > 0 {
                let part = min(item.open, left)
                allocations.append(.init(item, amount: part))
                left -= part
            }
            // Several invoices short: believed when the payer says what it took off (`LESS
            // LTC-10399`, `MINUS CREDIT LTC10421`), a document of its own naming.
            let deducted = referenced.count > 1 ? Self.deductedDocument(in: text, besides: referenced, short: total - amount, tolerance: policy.feeTolerance) : nil
            // Neither the amount nor the payer confirms the reference: one number alone. Unless a
            // card processor settles it (`STRIPE TRANSFER … INV 10064071`, `ELAVON MERCHANT DEP`),
            // short by what a card costs (at most 4%): the processor's fee, the payer the card holder.
            if numberAlone, referenced.count == 1, Self.isCardSettlement(text), (total - amount) * 25 <= total {
                notes.append("a card processor's settlement, net of its fee")
            } else if numberAlone { confidence = min(confidence, 80); notes.append("the payer is not recognised") }
            // The text states less paid on an invoice than this would apply to it (`2026-00951
            // 2,500.00 PROJ 3118 3,000.00`): the rest is for something else; a person looks.
            if let stated = Self.amountsStated(for: referenced, in: text),
               allocations.contains(where: { allocation in
                   referenced.firstIndex { $0.id == allocation.invoiceID }.map { stated[$0].contains { $0 < allocation.amount } } ?? false }) {
                confidence = min(confidence, 70); notes.append("the text states less paid on an invoice than this applies to it")
            }
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: 0, unapplied: 0, deduction: total - amount,
                                 confidence: min(confidence, referenced.count == 1 || inPart != nil ? 95 : (deducted == nil ? 80 : 88)),
                                 explanation: notes.joined(separator: "; ") + "; short by \(Money(minorUnits: total - amount, currency: payment.amount.currency).decimalString)"
                                     + (deducted.map { " (less \($0), the text says)" } ?? "") + ": applied, the rest left open as a deduction to review")
        }
        // More than the invoices named, and the text says what else it pays: the one set of those
        // of the customer's open invoices that makes the rest (or short of it by a bank charge)
        // is paid too.
        func completed(by candidates: [OpenItem], confidence ceiling: Int, _ why: String, each: (OpenItem) -> String, separator: String = "; ",
                       holds: ([OpenItem]) -> Bool = { _ in true }) -> MatchDecision? {
            guard candidates.count <= 12, let extra = Self.onlyCompletion(of: total, from: candidates, to: amount, shortBy: policy.feeTolerance), holds(extra) else { return nil }
            let chosen = referenced + extra, fee = chosen.reduce(Int64(0)) { $0 + $1.open } - amount
            return MatchDecision(status: .applied, customer: customer, allocations: chosen.map { .init($0, amount: $0.open) }, fee: fee, unapplied: 0, deduction: 0,
                                 confidence: min(confidence, ceiling),
                                 explanation: notes.joined(separator: "; ") + "; the rest is what \(why): " + extra.map(each).joined(separator: separator)
                                     + (fee > 0 ? "; short by \(Money(minorUnits: fee, currency: payment.amount.currency).decimalString), within the fee tolerance: a bank charge" : ""))
        }
        // Other numbers a scanner misread (`INV-2026-04092 6431.42 LNV-2026-0OZ361 14172.20`).
        if !misread.isEmpty, customers.count == 1, amount - total > policy.feeTolerance {
            var candidates: [OpenItem] = []
            for id in misread.flatMap({ byDigits[$0] ?? [] }) {
                guard let item = items[id], item.customer == customer, item.currency == payment.amount.currency, item.open > 0,
                      !referenced.contains(item), !candidates.contains(item) else { continue }
                candidates.append(item)
            }
            if let decision = completed(by: candidates, confidence: 88, "numbers a scanner misread name", each: \.number, separator: ", ") { return decision }
        }
        // Months the text names (`INV-2026-006578 ET PERIODE 2026-10`, `NOVEMBER RETAINER + INV-…`):
        // what was issued in them, every month named having its part.
        if !months.isEmpty, customers.count == 1, amount - total > policy.feeTolerance, holdsPool(of: customer, upTo: amount - total + policy.feeTolerance) {
            func issued(_ item: OpenItem, in month: (month: Int, year: Int?)) -> Bool {
                month.month == item.issueDate.month && (month.year ?? item.issueDate.year) == item.issueDate.year
            }
            let candidates = openItems(of: customer, in: payment.amount.currency).filter { item in
                !referenced.contains(item) && item.open <= amount - total + policy.feeTolerance && months.contains { issued(item, in: $0) }
            }
            if let decision = completed(by: candidates, confidence: 90, "the months the text names hold", each: { "\($0.number), issued \($0.issueDate)" },
                                        holds: { extra in months.allSatisfy { month in (extra + referenced).contains { issued($0, in: month) } } }) { return decision }
        }
        allocations = referenced.map { .init($0, amount: $0.open) }
        // More than what is named, and the text marks other numbers as invoices too: some of what
        // it pays was not found, so a person looks before the excess goes to the account.
        let unfound = Self.unfoundInvoiceNumbers(marked, besides: referenced).filter { number in !notOpen.contains { $0.hasSuffix(number) } }
        if !unfound.isEmpty { confidence = min(confidence, 70); notes.append("\(unfound.sorted().joined(separator: ", ")) marked as invoices but not found open") }
        else if !notOpen.isEmpty { notes.append("\(notOpen.joined(separator: ", ")) also named, written as our invoices are, but not open") }
        // More than the invoices it lists, nothing else named: what the rest pays is a person's
        // question (another invoice left out of the list?), not the account's.
        // Unless it says it adds interest or a fee our letter charged (`PLUS INTEREST AS PER YOUR
        // LETTER`, `INCL FRAIS ADMIN 75.00`, `INTERETS 307.15 INCLUS`): no invoice, that rest.
        else if referenced.count > 1, amount - total > policy.feeTolerance {
            // The list says what it pays on each, and that adds up to the payment: more than is
            // open on some (their amount before a part paid earlier, perhaps). The list explains
            // the excess, which stays on the account.
            let stated = Self.amountsStated(for: referenced, in: text)
            let listed = stated.flatMap { stated in
                Self.onlyChoice(zip(referenced, stated).map { item, amounts in amounts.filter { $0 >= item.open }.sorted() }, summingTo: amount)
            }
            // (Unless the excess is exactly another open invoice of the customer's: left out of the list?)
            let leftOut = openItems(of: customer, in: payment.amount.currency).contains { $0.open == amount - total && !referenced.contains($0) }
            // The bank cut the list (`… INV-2026-003997 1,163.40  INV-`): what it shows, each with its
            // open amount, is settled; what was cut off is not known, the rest stays on the account.
            let words = text.split(separator: " ")
            let cut = words.count >= 2 && words.last.map { last in last.count >= 2 && words.dropLast().contains { $0.count > last.count && $0.hasPrefix(last) } } == true
            if Self.saysChargesAdded(text) { notes.append("the text says it adds interest or a fee to the invoices listed") }
            else if cut, let stated, zip(referenced, stated).allSatisfy({ $0.1.contains($0.0.open) }) {
                confidence = min(confidence, 90)
                notes.append("the list is cut short at the end (`\(words.last ?? "")`): each invoice it shows settled as listed, the rest unknown")
            }
            else if let listed, !leftOut {
                let over = zip(referenced, listed).filter { $0.open < $1 }.map { "\($0.number) (\(Money(minorUnits: $1, currency: payment.amount.currency).decimalString) listed)" }
                confidence = min(confidence, 90)
                notes.append("the list states what it pays on each, more than is open on \(over.joined(separator: ", "))")
            }
            else { confidence = min(confidence, 75); notes.append("more than the \(referenced.count) invoices listed, and nothing says what for") }
        }
        // An invoice named was settled earlier in this run, and the excess is not what it was
        // (paid twice is kept on the account; a part of it is not): a person says what it pays.
        if !duplicates.isEmpty, amount - total > policy.feeTolerance, case let before = duplicates.compactMap({ byDigits[Self.digits($0)] }).joined().compactMap({ openBeforeRun[$0] }),
           before.count == duplicates.count, abs(amount - total - before.reduce(0, +)) > policy.feeTolerance {
            confidence = min(confidence, 75); notes.append("more than the invoices open, and not what those settled in this run were")
        }
        // Neither the amount nor the payer confirms the reference: one number alone.
        if numberAlone, amount - total > policy.feeTolerance { confidence = min(confidence, 80); notes.append("the payer is not recognised") }
        // The text states less paid on an invoice than is open on it (`2026-00867 2,905.00 2145
        // 14,697.77`), yet pays more than they all: what the rest is for is a person's question.
        if let stated = Self.amountsStated(for: referenced, in: text), zip(referenced, stated).contains(where: { item, amounts in amounts.contains { $0 < item.open } }) {
            confidence = min(confidence, 70); notes.append("the text states less paid on an invoice than is open on it")
        }
        return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: 0, unapplied: amount - total, deduction: 0,
                             confidence: min(confidence, 95),
                             explanation: notes.joined(separator: "; ") + "; \(Money(minorUnits: amount - total, currency: payment.amount.currency).decimalString) more than open: the excess stays unapplied on \(customer)'s account")
    }

    // MARK: Text

    /// What a remittance says it pays on each of `invoices` (`INV 102198 1,610.77 INV 101818
    /// 1,320.59`, `RMR*IV*103758*PO*4060.93*4356.00`, `104446 GROSS 13,323.22 CR MEMO (2,755.07)
    /// NET 10,568.15`): the amounts written after each invoice's number and before the next one's,
    /// one per invoice, at most what is open on it, that add up to the payment. Nil unless
    /// exactly one such choice exists.
    static func statedAmounts(of invoices: [OpenItem], in text: String, paying payment: Money) -> [Int64]? {
        guard payment.currency.exponent == 2, invoices.count <= 100 else { return nil }
        let bytes = Array(text.utf8)
        guard let named = namedPositions(of: invoices, in: bytes, everyMention: true) else { return nil }
        let amounts = moneyAmounts(in: bytes)
        var choices = [Set<Int64>](repeating: [], count: invoices.count)
        for (position, entry) in named.enumerated() {
            let end = position + 1 < named.count ? named[position + 1].at : bytes.count
            // 0.00 is an invoice listed and held back (in dispute): nothing paid on it.
            let after = amounts.filter { $0.at > entry.at && $0.at < end && $0.amount >= 0 && $0.amount <= invoices[entry.invoice].open }
            // An X12 `RMR*IV*AD2604741*24483.41*29367.05*4883.64` segment says what it pays first,
            // then the invoice's amount and what it took off: the paid amount alone.
            // Likewise an amount the text calls what was paid (`INV 2604683 NET 2216.05 GROSS
            // 2741.08 ADJ 525.03`): that one, not the gross or the adjustment.
            let paid = after.filter { amount in
                // Not the line's total (`TOTAL PAID 2000.00`, `NET: $2,300.00` after the last invoice).
                let word = Self.wordBefore(bytes, at: amount.at)
                return Self.paidWords.contains(word.text) && amount.amount != payment.minorUnits && Self.wordBefore(bytes, at: word.start).text != "TOTAL"
            }
            choices[entry.invoice].formUnion((Self.inRMRSegment(bytes, at: entry.at) ? after.prefix(1) : paid.count == 1 ? paid[...] : after[...]).map(\.amount))
            // The invoice's amount first, then what was taken off it (`INV-2026-004018 1270.18
            // SP-PRICING 225.00`): paid, that amount less it.
            let open = invoices[entry.invoice].open
            if paid.isEmpty, let first = after.first, first.amount == open {
                choices[entry.invoice].formUnion(after.dropFirst().filter { $0.amount > 0 && $0.amount < open }.map { open - $0.amount })
            }
        }
        guard choices.allSatisfy({ !$0.isEmpty }) else { return nil }
        return onlyChoice(choices.map { $0.sorted() }, summingTo: payment.minorUnits)
    }

    /// Words saying the amount after them is what was paid on an invoice, not its gross.
    static let paidWords: Set<String> = ["NET", "PAID", "PAYE", "PAYEE", "NETPAID", "NETAMT", "NETTO", "N"]

    /// The word of letters before `at`, blanks, `:`, `$` and `=` between, and where it starts.
    static func wordBefore(_ bytes: [UInt8], at: Int) -> (text: String, start: Int) {
        var end = min(at, bytes.count)
        while end > 0, [0x20, 0x3A, 0x24, 0x3D].contains(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, bytes[start - 1] >= 0x41 && bytes[start - 1] <= 0x5A { start -= 1 }
        return (String(decoding: bytes[start..<end], as: UTF8.self), start)
    }

    /// Whether the word at `at` is in an X12 remittance segment (`RMR*IV*…`), run on from its start.
    static func inRMRSegment(_ bytes: [UInt8], at: Int) -> Bool {
        var start = min(at, bytes.count)
        while start > 0, bytes[start - 1] != 0x20, bytes[start - 1] != 0x5C, bytes[start - 1] != 0x7E { start -= 1 }
        return bytes[start...].starts(with: "RMR*".utf8)
    }

    /// Words saying an amount follows (`AMT`, `MONTANT`, `PAID`, `CAD`), built once.
    static let amountWords: Set<String> = ["AMT", "AMOUNT", "MONTANT", "MNT", "PAID", "PAYE", "PAYEE", "PMT", "CAD", "USD", "NET", "SOMME"]

    /// The amount written right after each invoice's mention (`2026-00867 2,905.00`, `INV 4512:
    /// $1,250.00`), per invoice; nil when an invoice is not found written.
    static func amountsStated(for invoices: [OpenItem], in text: String) -> [Set<Int64>]? {
        guard invoices.count <= 100 else { return nil }
        let bytes = Array(text.utf8)
        guard let named = namedPositions(of: invoices, in: bytes, everyMention: true) else { return nil }
        let amounts = moneyAmounts(in: bytes)
        var stated = [Set<Int64>](repeating: [], count: invoices.count)
        for entry in named {
            // Past the number's own word, then blanks and marks, and one word saying an amount
            // follows (`AMT`, `MONTANT`, `PAID`, `CAD`; not `DED 150.00`, what was taken off).
            var at = entry.at
            while at < bytes.count, bytes[at] != 0x20 { at += 1 }
            let marks: Set<UInt8> = [0x20, 0x3A, 0x24, 0x3D, 0x2D]
            while at < bytes.count, marks.contains(bytes[at]) { at += 1 }
            var word = at
            while word < bytes.count, bytes[word] >= 0x41 && bytes[word] <= 0x5A { word += 1 }
            if word > at, word == bytes.count || marks.contains(bytes[word]), Self.amountWords.contains(String(decoding: bytes[at..<word], as: UTF8.self)) {
                at = word
                while at < bytes.count, marks.contains(bytes[at]) { at += 1 }
            }
            if let next = amounts.first(where: { $0.at == at && $0.amount > 0 }) { stated[entry.invoice].insert(next.amount) }
        }
        return stated
    }

    /// The one way of taking an amount from each of `choices` (non-negative amounts) that sums to
    /// `target`; nil when there is none or more than one, or too many ways to try.
    static func onlyChoice(_ choices: [[Int64]], summingTo target: Int64) -> [Int64]? {
        guard choices.reduce(1, { $0 * $1.count }) <= 4_096 else { return nil }
        var found: [[Int64]] = []
        var chosen: [Int64] = []
        func search(_ index: Int, _ sum: Int64) {
            guard found.count < 2, sum <= target else { return }
            if index == choices.count { if sum == target { found.append(chosen) }; return }
            for amount in choices[index] { chosen.append(amount); search(index + 1, sum + amount); chosen.removeLast() }
        }
        search(0, 0)
        return found.count == 1 ? found[0] : nil
    }

    /// The prompt-payment discount a remittance states on each of `invoices`: the amount right
    /// after a word that says so (`DISC 125.00`, `DISCOUNT`, `ESCOMPTE`, `SKONTO`), or the sixth
    /// element of an X12 `RMR*IV` segment (`RMR*IV*0000714786**3528.00*3600.00*72.00`), written
    /// after the invoice's number and before the next one's; each at most `limit` basis points of
    /// what is open on its invoice, so that what is open less the discounts is the payment. Nil
    /// unless exactly one such choice exists and it takes something.
    static func statedDiscounts(of invoices: [OpenItem], in text: String, paying amount: Int64, limit: Int64) -> [Int64]? {
        guard invoices.count <= 100 else { return nil }
        let bytes = Array(text.utf8)
        let stated = discountMentions(in: bytes)
        guard !stated.isEmpty, let named = namedPositions(of: invoices, in: bytes, everyMention: true) else { return nil }
        var choices = [Set<Int64>](repeating: [0], count: invoices.count)
        for (position, entry) in named.enumerated() {
            let end = position + 1 < named.count ? named[position + 1].at : bytes.count
            let open = invoices[entry.invoice].open
            choices[entry.invoice].formUnion(stated.filter { $0.at > entry.at && $0.at < end && $0.amount > 0 && $0.amount * 10_000 <= open * limit + 5_000 }.map(\.amount))
        }
        let total = invoices.reduce(Int64(0)) { $0 + $1.open }
        guard let taken = onlyChoice(choices.map { $0.sorted() }, summingTo: total - amount), taken.contains(where: { $0 > 0 }) else { return nil }
        return taken
    }

    /// The discounts a text states, where: the amount right after `DISC`, `DISCOUNT`, `ESC`,
    /// `ESCOMPTE` or `SKONTO` (a whole word, a colon allowed), and the sixth element of each X12
    /// `RMR*IV` segment.
    static func discountMentions(in bytes: [UInt8]) -> [(amount: Int64, at: Int)] {
        let words = ["DISC", "DISCOUNT", "ESC", "ESCOMPTE", "SKONTO"].map { Array($0.utf8) }
        guard words.contains(where: { CashMatcher.holds(bytes, $0) }) || CashMatcher.holds(bytes, Array("RMR*".utf8)) else { return [] }
        let amounts = moneyAmounts(in: bytes)
        var found: [(amount: Int64, at: Int)] = []
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard index == 0 || !isAlphanumeric(bytes[index - 1]) else { continue }
            if let word = words.first(where: { index + $0.count <= bytes.count && bytes[index..<(index + $0.count)].elementsEqual($0) }) {
                var after = index + word.count
                guard after == bytes.count || !isAlphanumeric(bytes[after]) else { continue }
                while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x3A { after += 1 }
                // The amount that starts there (a dollar sign allowed).
                if after < bytes.count, bytes[after] == 0x24 { after += 1 }
                if let stated = amounts.first(where: { $0.at == after }) { found.append(stated) }
            } else if bytes[index] == 0x52, index + 4 <= bytes.count, bytes[index..<(index + 4)].elementsEqual(Array("RMR*".utf8)) {
                // RMR*IV*ref*qualifier*paid*gross*discount: elements split by `*`, up to `\` or `~`
                // (a bank's line break may put a blank inside: `RMR* IV*…`).
                var end = index
                while end < bytes.count, bytes[end] != 0x5C, bytes[end] != 0x7E { end += 1 }
                let elements = bytes[index..<end].split(separator: 0x2A, omittingEmptySubsequences: false)
                if elements.count >= 7, elements[1].filter({ $0 != 0x20 }).elementsEqual(Array("IV".utf8)), let value = Self.plainAmount(elements[6]) {
                    found.append((value, end))
                }
            }
        }
        return found
    }

    /// `72.00`, ` 539.89`: an amount with two decimals, blanks aside, in minor units.
    private static func plainAmount(_ bytes: ArraySlice<UInt8>) -> Int64? {
        let kept = bytes.filter { $0 != 0x20 }
        guard let dot = kept.firstIndex(of: 0x2E), kept.count - dot == 3, kept.allSatisfy({ isDigit($0) || $0 == 0x2E }), dot > 0,
              let whole = Int64(String(decoding: kept[..<dot], as: UTF8.self)), let cents = Int64(String(decoding: kept[(dot + 1)...], as: UTF8.self)) else { return nil }
        return whole * 100 + cents
    }

    /// A list that also names something not open here (an invoice already paid, a number we do
    /// not know): each open invoice takes the first amount written after its number, and every
    /// amount the text writes adds up to the payment; `rest`, what the other entries say, stays
    /// on the payer's account. Nil otherwise.
    static func listedAmounts(of invoices: [OpenItem], in text: String, paying payment: Money) -> (parts: [Int64], rest: Int64)? {
        guard payment.currency.exponent == 2, invoices.count >= 2, invoices.count <= 100 else { return nil }
        let bytes = Array(text.utf8)
        guard let named = namedPositions(of: invoices, in: bytes) else { return nil }
        let amounts = moneyAmounts(in: bytes)
        var parts = [Int64](repeating: 0, count: invoices.count)
        for (position, entry) in named.enumerated() {
            let end = position + 1 < named.count ? named[position + 1].at : bytes.count
            guard let first = amounts.first(where: { $0.at > entry.at && $0.at < end }), first.amount <= invoices[entry.invoice].open else { return nil }
            parts[entry.invoice] = first.amount
        }
        let rest = payment.minorUnits - parts.reduce(0, +)
        guard rest > 0, amounts.reduce(0, { $0 + $1.amount }) == payment.minorUnits else { return nil }
        return (parts, rest)
    }

    /// Whether the text writes `item`'s open amount after a mention of it and before the next
    /// invoice's (`INV MTL-26-003964 GROSS 24,750.20 DISC …`).
    static func writesOpenAmount(of item: OpenItem, among invoices: [OpenItem], in text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let index = invoices.firstIndex(of: item), let named = namedPositions(of: invoices, in: bytes, everyMention: true) else { return false }
        let ordered = named.sorted { $0.at < $1.at }
        let amounts = moneyAmounts(in: bytes)
        return ordered.indices.contains { position in
            guard ordered[position].invoice == index else { return false }
            let end = position + 1 < ordered.count ? ordered[position + 1].at : bytes.count
            return amounts.contains { $0.at > ordered[position].at && $0.at < end && $0.amount == item.open }
        }
    }

    /// Words a bank writes of a transfer that came back, and of what came back.
    static let returnWords: Set<Substring> = ["DECLINED", "CANCELLED", "CANCELED", "RECLAIMED", "REJECTED", "RETURNED", "REVERSAL", "REVERSED", "RETOURNE", "ANNULE", "REFUSE"]
    static let returnedThings: Set<Substring> = ["TRANSFER", "E-TRANSFER", "ETRANSFER", "E-TRF", "EFT", "INTERAC", "FUNDS", "WIRE", "ITEM", "REFUND", "VIREMENT", "FONDS", "REMBOURSEMENT"]
    /// Words of a payment sent again after one came back.
    static let sentAgainWords: Set<Substring> = ["REPLACEMENT", "REPLACES", "REPLACING", "RESEND", "RESENT", "PREVIOUS", "PREVIOUSLY", "PRIOR", "REMPLACEMENT", "REMPLACE"]
    /// The return words' stems (and `ACCOUNT CLOSED`'s), looked for on a text's bytes first.
    static let returnStems = ["DECLIN", "CANCEL", "RECLAIM", "REJECT", "RETURN", "REVERS", "RETOURN", "ANNUL", "REFUS", "CLOSED"].map { Array($0.utf8) }

    /// Whether a text says a transfer came back (`E-TRANSFER DECLINED`, `RETURNED FUNDS`, `REFUND
    /// RETURNED`, `RETURNED EFT PAYMENT`, `ACCOUNT CLOSED`): a return word beside (within two
    /// words) what came back. Not `RETURNED GOODS`, a customer's deduction.
    static func isTransferReturned(_ text: String) -> Bool {
        // Most lines hold none of these: looked for on the bytes before splitting words.
        let bytes = Array(text.utf8)
        guard returnStems.contains(where: { holds(bytes, $0) }) else { return false }
        let words = text.split(separator: " ")
        // A payment sent again after one came back (`REPLACEMENT FOR RETURNED EFT`) is a payment.
        if words.contains(where: sentAgainWords.contains) { return false }
        if zip(words, words.dropFirst()).contains(where: { $0 == "ACCOUNT" && $1 == "CLOSED" }) { return true }
        for (index, word) in words.enumerated() where returnWords.contains(word) {
            if words[max(0, index - 2)..<min(words.count, index + 3)].contains(where: returnedThings.contains) { return true }
        }
        return false
    }

    /// Phrases saying an invoice is not paid, held back for a dispute or a credit awaited.
    static let unpaidPhrases = ["NOT PAID", "UNPAID", "ON HOLD", "WITHHELD", "NON PAYE", "EN ATTENTE", "NOT INCLUDED"]
    /// Words before such a phrase saying something else is held (a tax), or that it was not paid before.
    static let unpaidExcuses: Set<String> = ["TAX", "TAXES", "GST", "HST", "PST", "QST", "TPS", "TVQ", "TVH", "VAT", "WHT", "PREVIOUSLY", "EARLIER", "BEFORE", "AVANT"]
    /// Words after it saying it is paid now (`UNPAID BALANCE`, `ON HOLD SINCE SEPT`, `EN ATTENTE DEPUIS … PAYEES`).
    static let unpaidReleases: Set<String> = ["BALANCE", "BAL", "SOLDE", "AMOUNT", "MONTANT", "SINCE", "DEPUIS", "PAID", "PAYE", "PAYEE", "PAYEES", "RELEASED", "NOW"]

    /// The invoices a text says it does not pay: such a phrase among the first four words after
    /// one is named (`INV-2026-002616 DISPUTED NOT PAID`), before the next is.
    static func invoicesSaidUnpaid(_ invoices: [OpenItem], in text: String) -> Set<String> {
        let bytes = Array(text.utf8)
        guard unpaidPhrases.contains(where: { holds(bytes, Array($0.utf8)) }), let named = namedPositions(of: invoices, in: bytes) else { return [] }
        var held = Set<String>()
        let phrases = unpaidPhrases.map { $0.split(separator: " ").map(String.init) }
        for (order, mention) in named.enumerated() {
            let end = order + 1 < named.count ? named[order + 1].at : bytes.count
            guard mention.at < end else { continue }
            let after = String(decoding: bytes[mention.at..<end], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "," || $0 == "(" || $0 == ")" }).prefix(6).map(String.init)
            for phrase in phrases {
                for start in after.indices where start + phrase.count <= min(after.count, 4 + phrase.count - 1) {
                    let words = after[start..<(start + phrase.count)]
                    guard words.dropLast().elementsEqual(phrase.dropLast()), words.last == phrase.last || words.last == phrase.last! + "E" else { continue }
                    // Not a tax held back or a balance paid now (`15% TAX WITHHELD`, `GST NOT
                    // INCLUDED`, `PREVIOUSLY NOT PAID`, `UNPAID BALANCE`, `ON HOLD SINCE SEPT`).
                    let before = after[..<start], next = after[(start + phrase.count)...].prefix(2)
                    if before.contains(where: unpaidExcuses.contains) || next.contains(where: unpaidReleases.contains) { continue }
                    held.insert(invoices[mention.invoice].number)
                }
            }
        }
        return held
    }

    /// Where each invoice is named — the first run of digits ending with its last group, or
    /// every such run (a camt entry repeats its remittance in structured and free text) — in the
    /// order the text names them; nil when one is not named.
    private static func namedPositions(of invoices: [OpenItem], in bytes: [UInt8], everyMention: Bool = false) -> [(invoice: Int, at: Int)]? {
        var named: [(invoice: Int, at: Int)] = []
        for (index, invoice) in invoices.enumerated() {
            let runs = digitRuns(in: invoice.number)
            guard let main = mainGroup(of: runs), case let group = Array(runs[main].digits.utf8),
                  case let found = runsOf(group, in: bytes, first: !everyMention, lead: leadingDigits(of: invoice.number, before: main)), !found.isEmpty else { return nil }
            named += found.map { (index, $0) }
        }
        return named.sorted { $0.at < $1.at }
    }

    /// Where the runs of digits ending with `group` end in `bytes` (only the first one's, if `first`).
    /// The digits of a number before its group `main` (`26` of S26-0044556).
    static func leadingDigits(of number: String, before main: Int) -> [UInt8] {
        Array(digitRuns(in: number).prefix(main).map(\.digits).joined().utf8)
    }

    private static func runsOf(_ group: [UInt8], in bytes: [UInt8], first: Bool, lead: [UInt8] = []) -> [Int] {
        // The group as written, or without its zeros (`FA2026-7309` names FA-2026-007309).
        let short = Array(group.drop { $0 == 0x30 })
        var found: [Int] = []
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else { index += 1; continue }
            var end = index
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            // Or its zeros dropped after the number's own digits before it (`S2644556` for S26-0044556).
            if (end - index >= group.count && Array(bytes[(end - group.count)..<end]) == group)
                || (!short.isEmpty && short.count < group.count && Array(bytes[index..<end].drop { $0 == 0x30 }) == short)
                || (!lead.isEmpty && short.count >= 4 && short.count < group.count && Array(bytes[index..<end]) == lead + short) {
                found.append(end)
                if first { break }
            } else if group.count >= 5, end - index < group.count, Array(group.prefix(end - index)) == Array(bytes[index..<end]) {
                // Typed in groups with a blank between (`HX 111 407`, `HX 10 93 47`): the runs together.
                var joined = Array(bytes[index..<end]), last = end
                while joined.count < group.count, last + 1 < bytes.count, bytes[last] == 0x20, isDigit(bytes[last + 1]) {
                    var next = last + 1
                    while next < bytes.count, isDigit(bytes[next]) { next += 1 }
                    joined += bytes[(last + 1)..<next]
                    last = next
                }
                if joined == group, last > end {
                    found.append(last)
                    if first { break }
                }
            }
            index = end
        }
        return found
    }

    /// Invoices paid less a percentage the text states (`NET OF 15% AGENCY COMMISSION`,
    /// `MOINS RISTOURNE DE VOLUME 3 %`, `LESS 15 PCT`): what was paid on each, its open amount
    /// less that share rounded to the cent, when they make the payment. Nil otherwise.
    static func netOfStatedPercentage(_ invoices: [OpenItem], in text: String, paying amount: Int64) -> (percentage: Int64, parts: [Int64])? {
        // A prompt-payment discount is another matter: taken, it may settle the invoice in full.
        guard !mayStateDiscount(text) else { return nil }
        return netOfPercentage(invoices, in: text, paying: amount)
    }

    /// Whether the text may speak of a prompt-payment discount (`DISC`, `ESC`, `ESCOMPTE`…).
    static func mayStateDiscount(_ text: String) -> Bool {
        // Whole words (not `DISCOVERY`, `DISCREPANCY`), not said to be none (`NO DISC TAKEN`).
        let words = text.split(separator: " ").map { $0.filter(\.isLetter) }
        return words.indices.contains { at in
            ["DISC", "DISCOUNT", "DISCOUNTS", "DSC", "ESC", "ESCOMPTE", "SKONTO", "SCONTO", "DESCUENTO"].contains(words[at])
                && !(at > 0 && ["NO", "SANS", "WITHOUT"].contains(words[at - 1]))
        }
    }

    /// Invoices paid less a prompt-payment discount stated as a percentage (`ESC 1% 10 JRS`,
    /// `LESS 2% DISC`, `2PCT DISC TAKEN`): the percentage and each invoice's net.
    static func netOfStatedDiscount(_ invoices: [OpenItem], in text: String, paying amount: Int64) -> (percentage: Int64, parts: [Int64])? {
        mayStateDiscount(text) ? netOfPercentage(invoices, in: text, paying: amount) : nil
    }

    /// The percentage the text writes (`15%`, `2 PCT`, `5 POURCENT`) that each invoice's open
    /// amount less it, rounded to the cent, makes the payment.
    private static func netOfPercentage(_ invoices: [OpenItem], in text: String, paying amount: Int64) -> (percentage: Int64, parts: [Int64])? {
        let bytes = Array(text.utf8)
        var percentages: [Int64] = []
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]), index == 0 || !isDigit(bytes[index - 1]) else { index += 1; continue }
            var end = index
            var value: Int64 = 0
            while end < bytes.count, isDigit(bytes[end]), value < 1_000 { value = value * 10 + Int64(bytes[end] - 0x30); end += 1 }
            index = end
            var rest = end
            while rest < bytes.count, bytes[rest] == 0x20 || bytes[rest] == 0xC2 || bytes[rest] == 0xA0 { rest += 1 }
            let tail = String(decoding: bytes[rest..<min(bytes.count, rest + 8)], as: UTF8.self)
            if (tail.hasPrefix("%") || tail.hasPrefix("PCT") || tail.hasPrefix("POURCENT") || tail.hasPrefix("PERCENT")), value > 0, value < 100 {
                percentages.append(value)
            }
        }
        for percentage in Set(percentages).sorted() {
            // Each invoice's share, rounded half up: (open × (100 − p) + 50) / 100.
            let net = invoices.map { ($0.open * (100 - percentage) + 50) / 100 }
            if net.reduce(0, +) == amount { return (percentage, net) }
        }
        return nil
    }

    /// What a remittance says it took off one of the invoices it pays (`LESS MAKE-GOOD CREDIT
    /// 1,280.00 ON MTL-2026-24189`, `MOINS COMM AGENCE 15% 2 595,56 SUR MTL-2026-18761`,
    /// `MAKEGOOD DEDUCTED 1866.52 FROM MTL-2026-20366`): an amount a taking-off word comes
    /// shortly before, followed by `ON`, `SUR`, `FROM` or `AGAINST` and the invoice's number.
    /// What is open on each invoice less what was taken off it; nil unless something was, each
    /// less than what is open.
    static func statedDeductions(of invoices: [OpenItem], in text: String) -> [Int64]? {
        let bytes = Array(text.utf8)
        let markers: Set<Substring> = ["LESS", "MOINS", "MINUS", "DEDUCT", "DEDUCTED", "DEDUCTING", "DEDUCTION", "DEDUIT", "DEDUITE", "RETENU", "RETENUE"]
        guard ["LESS", "MOINS", "MINUS", "DEDU", "RETENU"].contains(where: { holds(bytes, Array($0.utf8)) }) else { return nil }
        let pointers: Set<Substring> = ["ON", "SUR", "FROM", "AGAINST", "DE"]
        var parts = invoices.map(\.open)
        var found = false
        for (deducted, at) in moneyAmounts(in: bytes) {
            // The amount's end: its digits, separators and a blank between groups of digits.
            var end = at
            while end < bytes.count, isDigit(bytes[end]) || ((bytes[end] == 0x2C || bytes[end] == 0x2E || bytes[end] == 0x20) && end + 1 < bytes.count && isDigit(bytes[end + 1])) { end += 1 }
            let before = String(decoding: bytes[..<at], as: UTF8.self).split(separator: " ").suffix(5)
            guard before.contains(where: { markers.contains($0) }) else { continue }
            let after = String(decoding: bytes[end...], as: UTF8.self).split(separator: " ").prefix(3)
            guard let pointer = after.firstIndex(where: { pointers.contains($0) }), pointer + 1 < after.endIndex else { continue }
            let written = digits(String(after[pointer + 1]))
            guard written.count >= 4 else { continue }
            let which = invoices.indices.filter { digits(invoices[$0].number).hasSuffix(written) || groupsAfterPrefix(of: invoices[$0].number).map { digits($0) == written } == true }
            guard which.count == 1, deducted < parts[which[0]] else { return nil }
            parts[which[0]] -= deducted
            found = true
        }
        return found ? parts : nil
    }

    /// A number's shape: letters `A`, digits `9`, the rest as written (`S26-0047475`: `A99-9999999`),
    /// on folded (upper-case ASCII) text.
    static func shape<S: Sequence<UInt8>>(_ bytes: S) -> [UInt8] { bytes.map { isDigit($0) ? 0x39 : (isAlphanumeric($0) ? 0x41 : $0) } }
    static func shape(_ word: String) -> String { String(decoding: shape(word.utf8), as: UTF8.self) }

    /// Whether `digits` is written only as the last group of a number shaped like `number` but
    /// another (`S25-0047475` for S26-0047475: last year's invoice, not this one), or after a
    /// group of the same length that is not ours (`2025-04455` for WC-2026-04455).
    static func isTailOfAnotherNumber(_ digits: String, like number: String, in text: String) -> Bool {
        let ours = fold(number)
        let wanted = digits.drop { $0 == "0" }
        let words = text.split(separator: " ").filter { word in
            Self.digitRuns(in: String(word)).last.map { $0.digits.drop { $0 == "0" } == wanted } == true
        }
        let ourRuns = digitRuns(in: ours).map(\.digits)
        return !words.isEmpty && words.allSatisfy { word in
            if word != ours && shape(String(word)) == shape(ours) { return true }
            let runs = digitRuns(in: String(word)).map(\.digits)
            guard runs.count >= 2, ourRuns.count >= 2 else { return false }
            let theirs = runs[runs.count - 2], mine = ourRuns[ourRuns.count - 2]
            return theirs.count == mine.count && theirs != mine
        }
    }

    /// The one invoice of a list the text says it pays in part: `PARTIAL`, `PARTIEL`, `ACOMPTE`,
    /// `PART PMT` (or `PART` set against `FULL`) right before or after its number, and no `FULL`,
    /// `FINAL`, `BALANCE` beside it (`FULL S2641927 PART S2637715`, `S26-0046662 PAID IN FULL /
    /// S26-0046986 PARTIAL PMT`); nil when the text says of another shortfall too.
    static func paidInPart(_ invoices: [OpenItem], in text: String) -> OpenItem? {
        let inPart: Set<Substring> = ["PARTIAL", "PARTIEL", "PARTIELLE", "PARTIELLEMENT", "ACOMPTE"]
        let inFull: Set<Substring> = ["FULL", "FINAL", "BALANCE", "BAL", "SOLDE"]
        let bytes = Array(text.utf8)
        guard ["PART", "ACOMPTE"].contains(where: { holds(bytes, Array($0.utf8)) }) else { return nil }
        // Another shortfall said too (`RETENUE QUALITE`, `LESS`, `SHORT`, `CREDIT MEMO`): not only
        // one paid in part. Words, not letters inside others (`WIRELESS`, `EFT CREDIT`).
        let shortfall: Set<Substring> = ["LESS", "MOINS", "SHORT", "HOLDBACK", "LITIGE", "MEMO", "REBATE", "CHARGEBACK", "ADJ", "ADJUSTMENT", "ESCOMPTE",
                                         "ESC", "DISC", "DISCOUNT", "RISTOURNE", "RETURN", "RETURNS", "AVOIR", "CM"]
        let written = text.split { $0 == " " || $0 == "/" }
        guard !written.contains(where: { word in shortfall.contains(word) || ["RETENU", "DEDUC", "DAMAGE", "DISPUT"].contains { word.hasPrefix($0) } }),
              !["CREDIT NOTE", "NOTE DE CREDIT"].contains(where: { holds(bytes, Array($0.utf8)) }) else { return nil }
        // `PART` only as `PART PMT`, or set against `FULL` (`FULL S2641927 PART S2637715`): not
        // `SPARE PART KIT`, `PART NO 7734`.
        let payment: Set<Substring> = ["PMT", "PAYMENT", "PAID", "PAY", "PYMT", "PAIEMENT"]
        let words = text.split { $0 == " " || $0 == "/" }
        let againstFull = words.contains("FULL")
        // Where each invoice is named (by word); what is said of one stops where the next is named.
        let named = invoices.map { invoice -> [Int] in
            guard let main = mainGroup(of: digitRuns(in: invoice.number)), case let group = Array(digitRuns(in: invoice.number)[main].digits.utf8) else { return [] }
            // The number whole, less its letters or its zeros: not a longer one ending so (`PO 4500044556`).
            let short = String(decoding: group.drop { $0 == 0x30 }, as: UTF8.self), lead = String(decoding: leadingDigits(of: invoice.number, before: main), as: UTF8.self)
            let forms: Set<String> = [digits(invoice.number), String(decoding: group, as: UTF8.self), short, lead + short]
            return words.indices.filter { forms.contains(digits(String(words[$0]))) }
        }
        let naming = Set(named.joined())
        // `PART` set against `FULL` only right before a number of the list (`PART 7734` is a part's).
        let partly = { (at: Int) in
            inPart.contains(words[at]) || (words[at] == "PART" && at + 1 < words.count && (payment.contains(words[at + 1]) || (againstFull && naming.contains(at + 1))))
        }
        // Written before each number (`FULL S2641927 PART S2637715`) or after it (`S26-0046662
        // PAID IN FULL / S26-0046986 PARTIAL PMT`): as the first such word comes.
        guard let first = naming.min() else { return nil }
        let before = words.indices.contains { $0 < first && (partly($0) || inFull.contains(words[$0])) }
        // The two words before the number, or the three after it, short of another number.
        func said(_ index: Int) -> [Int] {
            before ? Array(((max(0, index - 2))..<index).reversed().prefix { !naming.contains($0) })
                   : Array(((index + 1)..<min(words.count, index + 4)).prefix { !naming.contains($0) })
        }
        // Each invoice said of, in part or in full (`PARTIAL PMT S26-0081001 S26-0081002` says it of the payment, not of one).
        guard named.allSatisfy({ $0.contains { index in said(index).contains { partly($0) || inFull.contains(words[$0]) || payment.contains(words[$0]) } } }) else { return nil }
        let marked = invoices.indices.filter { invoice in
            named[invoice].contains { index in said(index).contains(where: partly) && !said(index).contains { inFull.contains(words[$0]) } }
        }
        return marked.count == 1 ? invoices[marked[0]] : nil
    }

    /// Whether a text says its payer pays for someone else (`OBO`, `ON BEHALF OF`, `FOR CLIENT`,
    /// `POUR LE COMPTE DE`, `AU NOM DE`).
    static func paysOnBehalf(_ text: String) -> Bool { onBehalfAt(text) != nil }

    /// Where the first words saying so begin (a byte offset), if the text has them.
    static func onBehalfAt(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        let starts = ["O/B/O", "ON BEHALF OF", "FOR CLIENT", "FOR THE ACCOUNT OF", "POUR LE COMPTE", "POUR COMPTE DE", "AU NOM DE", "POUR LE CLIENT"].compactMap { marker in
            let pattern = Array(marker.utf8)
            return bytes.count >= pattern.count ? (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) } : nil
        }
        if let first = starts.min() { return first }
        guard holds(bytes, Array("OBO".utf8)) else { return nil }
        // `OBO` as a word of its own, not inside one (`HOBO`).
        var at = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if word.split(whereSeparator: { $0 == "/" || $0 == ":" }).contains("OBO") { return at }
            at += word.utf8.count + 1
        }
        return nil
    }

    /// Words saying a fee is the seller's (`LATE FEE`, `NSF FEE`, `RESTOCKING FEE`, `ADMIN CHARGE`), not a bank's.
    static let sellersFees: Set<Substring> = ["LATE", "NSF", "RESTOCKING", "ADMIN", "ADMINISTRATION", "ADMINISTRATIVE", "HANDLING", "SHIPPING", "FREIGHT", "RETARD", "INTEREST"]

    /// Whether a text says it took `short` off on purpose: that amount written after `LESS`,
    /// `MINUS`, `MOINS` or a deduction word (`MINUS MAKE GOOD SPOTS MISSED 50.00`, `LESS CN-2026-0103
    /// 50.00`), no bank charge's word between or just after (`LESS BANK CHARGES 15.00`, `LESS 25.00
    /// WIRE FEE` are charges).
    static func statesDeduction(of short: Int64, in text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard ["LESS", "MINUS", "MOINS", "DEDUCT", "SHORT"].contains(where: { holds(bytes, Array($0.utf8)) }) else { return false }
        for written in moneyAmounts(in: bytes) where written.amount == short {
            let before = String(decoding: bytes[..<written.at], as: UTF8.self).split(separator: " ")
            // A charge's word before the amount or just after it (`LESS 25.00 WIRE FEE`); a fee of
            // the seller's the customer takes off is its deduction (`LESS 25.00 LATE FEE`).
            let after = String(decoding: bytes[written.at...], as: UTF8.self).split(separator: " ").dropFirst().prefix(3)
            // Also `SHORT PAID 20.00 …` and `30.00 DEDUCTED …`: the taking-off word just before or after.
            let shortPaid = before.suffix(2).elementsEqual(["SHORT", "PAID"]) || before.last == "SHORTPAID" || after.first.map { $0.hasPrefix("DEDUCT") } == true
            guard let at = shortPaid ? before.count - 1 : before.lastIndex(where: { ["LESS", "MINUS", "MOINS"].contains($0) || $0.hasPrefix("DEDUCT") }) else { continue }
            let charges = { (words: ArraySlice<Substring>) in
                words.contains(where: { chargeWords.contains($0) || $0 == "FX" }) && !words.contains(where: sellersFees.contains)
            }
            if before[(at + 1)...].count <= 5, !charges(before[(at + 1)...]), !charges(after) { return true }
        }
        return false
    }

    /// The amounts written in a text with two decimals (`1,610.77`, `4060.93`, `$1,500.00`,
    /// `1 234,56`), in minor units, with where each starts; negative ones (`-295.07`,
    /// `(2,755.07)`) are credits taken, not payments, and are left out.
    static func moneyAmounts(in bytes: [UInt8]) -> [(amount: Int64, at: Int)] {
        let comma: UInt8 = 0x2C, dot: UInt8 = 0x2E, space: UInt8 = 0x20
        func digit(_ index: Int) -> Bool { index < bytes.count && isDigit(bytes[index]) }
        func value(_ index: Int) -> Int64 { Int64(bytes[index] - 0x30) }
        var found: [(amount: Int64, at: Int)] = []
        var index = 0
        while index < bytes.count {
            // An amount starts a number, not the middle of one.
            guard digit(index), index == 0 || !(isDigit(bytes[index - 1]) || bytes[index - 1] == comma || bytes[index - 1] == dot) else { index += 1; continue }
            let start = index
            var units: Int64 = 0
            var end = index
            while digit(end), units < 100_000_000_000 { units = units * 10 + value(end); end += 1 }
            // Thousands, each after the same separator: `1,234,567`, `1 234`, `1.234`; the first
            // group has one to three digits (`000101 100.00` is a number, then 100.00).
            var thousands: UInt8?
            // Nor is the last group of a word (the check digit of `LM113382-6 654.11`) or a number
            // after `#` (`LOC #121 568.47`) the first of thousands a blank separates; an amount
            // written right after an invoice's number may have others (`NM26-05029/84.381,63`).
            let endsWord = start >= 1 && bytes[start - 1] == 0x23
                || start >= 2 && (bytes[start - 1] == 0x2D || bytes[start - 1] == 0x2F) && isAlphanumeric(bytes[start - 2])
            let grouped = end - start <= 3 && (bytes[start] != 0x30 || end - start == 1)
            while grouped, end < bytes.count, bytes[end] == comma || bytes[end] == dot || (bytes[end] == space && !endsWord), thousands == nil || bytes[end] == thousands,
                  digit(end + 1), digit(end + 2), digit(end + 3), !digit(end + 4) {
                thousands = bytes[end]
                units = units * 1_000 + value(end + 1) * 100 + value(end + 2) * 10 + value(end + 3)
                end += 4
            }
            index = end
            // Two decimals, after a mark that is not the thousands separator.
            guard end < bytes.count, bytes[end] == dot || bytes[end] == comma, bytes[end] != thousands, digit(end + 1), digit(end + 2), !digit(end + 3) else { continue }
            // Not a date or a longer code (`2026.11.06`, `12.34-5`).
            if end + 4 < bytes.count, [dot, comma, 0x2D, 0x2F].contains(bytes[end + 3]), digit(end + 4) { index = end + 4; continue }
            index = end + 3
            let before = start > 0 && bytes[start - 1] == 0x24 ? start - 1 : start  // `$1,500.00`
            let negative = before > 0 && (bytes[before - 1] == 0x2D || bytes[before - 1] == 0x28)
            if !negative { found.append((units * 100 + value(end + 1) * 10 + value(end + 2), start)) }
        }
        return found
    }

    /// Short numbers written with a year beside them, as (the year's last two digits, the number
    /// without its zeros): `26-4119`, `26/5662`, `2025-4514`, `4934-26`, `4103 OF 2026`, `5363 DE
    /// 2026`. Not after a credit note's letters (`CN-26-0532`).
    static func yearShortNumbers(in text: String) -> [(year: String, number: String)] {
        let tokens = text.split(separator: " ").map(String.init)
        var found: [(year: String, number: String)] = []
        func year(_ digits: Substring) -> String? {
            if digits.count == 2, let value = Int(digits), (20...39).contains(value) { return String(digits) }
            if digits.count == 4, digits.hasPrefix("20"), let value = Int(digits.suffix(2)), (20...39).contains(value) { return String(digits.suffix(2)) }
            return nil
        }
        func number(_ digits: Substring) -> String? {
            guard (3...6).contains(digits.count), digits.allSatisfy(\.isNumber) else { return nil }
            let stripped = String(digits.drop { $0 == "0" })
            return stripped.count >= 3 ? stripped : nil
        }
        for (index, token) in tokens.enumerated() {
            let parts = token.split(whereSeparator: { $0 == "-" || $0 == "/" })
            let letters = parts.prefix { !$0.allSatisfy(\.isNumber) }
            // Letters first only as an invoice's (`INV-26-4119`), never a credit note's.
            guard letters.allSatisfy({ ["INV", "INVOICE", "FACT", "FACTURE", "NO", "#"].contains(String($0)) }) else { continue }
            let numbers = parts.dropFirst(letters.count)
            if numbers.count == 2, numbers.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
                let first = numbers[numbers.startIndex], second = numbers[numbers.startIndex + 1]
                if let y = year(first), let n = number(second), first.count == 2 || second.count < 5 { found.append((y, n)) }
                else if let n = number(first), second.count == 2, let y = year(second) { found.append((y, n)) }
            } else if numbers.count == 1, let n = number(numbers[numbers.startIndex]), index + 2 < tokens.count,
                      ["OF", "DE", "DU"].contains(tokens[index + 1]), let y = year(Substring(tokens[index + 2])), tokens[index + 2].count == 4 {
                found.append((y, n))
            }
        }
        return found
    }

    /// The words a (folded) text starts with before its first number or remittance word, bank
    /// words before them skipped (`RECEVEUR GENERAL DU CANADA` of `RECEVEUR GENERAL DU CANADA
    /// BATCH 4394431 …`): the payer's name, when the bank wrote it there.
    static func leadingName(_ text: String) -> String {
        var name: [Substring] = []
        for word in text.split(separator: " ") {
            let bank = Customer.textWords.contains(String(word)) && !["OF", "FOR", "TO", "BY"].contains(word)
            if name.isEmpty, bank { continue }
            // (Whom a text is addressed to is not the payer: `… ATTN TREASURER`.)
            if bank || word.contains(where: \.isNumber) || ["ATTN", "ATTENTION", "C/O", "CARE"].contains(word) { break }
            name.append(word)
        }
        return name.joined(separator: " ")
    }

    /// The words a (folded) text starts with before its first number, bank words before them
    /// skipped: where a paying centre's name is (`UNILEVER PAYMENT FACTORY PAYMENT`), remittance words and all.
    static func leadingWords(_ text: String) -> String {
        var name: [Substring] = []
        for word in text.split(separator: " ") {
            if name.isEmpty, Customer.textWords.contains(String(word)) { continue }
            if word.contains(where: \.isNumber) { break }
            name.append(word)
        }
        return name.joined(separator: " ")
    }

    /// Whether a (folded) payer's name names a government's or a public body's paying office,
    /// which pays for its departments and agencies.
    static func isPayingOffice(_ text: String) -> Bool {
        guard mayNamePayingOffice(text) else { return false }
        return payingOffices.contains { text.hasPrefix($0 + " ") || text.contains(" " + $0 + " ") || text.hasSuffix(" " + $0) || text == $0 }
    }

    /// Whether a (folded) text holds a word a paying office's name has (`GEN`, `FIN`, `PROV`,
    /// `TROLLER`, `TREASURER`, `TRESORIER`, `GOVERN`, `GOUVERN`), read on its bytes.
    static func mayNamePayingOffice(_ text: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for index in bytes.indices where officeWordStarts.contains(bytes[index]) {
                for needle in officeWordParts where needle[0] == bytes[index] && index + needle.count <= bytes.count
                    && bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            }
            return false
        }
        var text = text
        return text.withUTF8(scan)
    }

    private static let officeWordParts: [[UInt8]] = ["GEN", "FIN", "PROV", "TROLLER", "TREASURER", "TRESORIER", "GOVERN", "GOUVERN",
                                                     "SHARED", "FACTORY", "TREASURY", "HOUSE BANK", "BUSINESS SERV"].map { Array($0.utf8) }
    private static let officeWordStarts = Set(officeWordParts.map { $0[0] })

    static let payingOffices = governmentOffices + groupPayingCentres

    static let governmentOffices = ["RECEIVER GENERAL", "REC GEN", "RECEVEUR GENERAL", "MINISTRE DES FINANCES", "MINISTERE DES FINANCES", "MIN FIN", "MINISTER OF FINANCE",
                                    "MINISTRY OF FINANCE", "COMPTROLLER", "CONTROLLER GENERAL", "TREASURER", "TRESORIER", "CITY TREASURER", "STATE TREASURER",
                                    "PROVINCE OF", "PROV OF", "GOVERNMENT OF", "GOUVERNEMENT DU"]

    /// Whether a (folded) name names a government's or a public body's paying office (not a
    /// group's centre: a business may bear one of those words, `Treasury Wine Estates`).
    static func isGovernmentOffice(_ text: String) -> Bool {
        guard mayNamePayingOffice(text) else { return false }
        return governmentOffices.contains { text.hasPrefix($0 + " ") || text.contains(" " + $0 + " ") || text.hasSuffix(" " + $0) || text == $0 }
    }

    /// A group's paying centre (`NESTLE GLOBAL SHARED SERVICES`, `UNILEVER PAYMENT FACTORY`,
    /// `SIEMENS TREASURY GMBH`, `BCE INC SHARED SVCS`): it pays the invoices of the group's companies.
    static let groupPayingCentres = ["SHARED SERVICES", "SHARED SERVICE", "SHARED SVCS", "SHARED SVC", "PAYMENT FACTORY", "PAYMENTS FACTORY", "TREASURY",
                                     "GLOBAL BUSINESS SERVICES", "IN-HOUSE BANK", "INHOUSE BANK", "IN HOUSE BANK"]

    /// Whether a (folded) payer's name is a group's paying centre; and the word it begins with,
    /// the group's (`UNILEVER` of `UNILEVER PAYMENT FACTORY`), when there is one before the centre's words.
    static func groupPayingCentre(_ text: String) -> (isCentre: Bool, group: String?) {
        guard mayNamePayingOffice(text) else { return (false, nil) }
        let padded = " " + text + " "
        guard let found = groupPayingCentres.lazy.compactMap({ padded.range(of: " " + $0 + " ") }).min(by: { $0.lowerBound < $1.lowerBound }) else { return (false, nil) }
        let before = padded[..<found.lowerBound].split(separator: " ").filter { !["GLOBAL", "GROUP", "GROUPE", "THE"].contains($0) }
        return (true, before.first.map(String.init))
    }

    /// Upper case, without accents (and with accents a system mangled put back first).
    static func fold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
        }
        return unmojibaked(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).uppercased()
    }

    /// A text whose UTF-8 letters a system between read as Windows-1252 (`SOCIÃ‰TÃ‰`,
    /// `MATÃ‰RIAUX NOÃ‹L`) with those letters put back (`SOCIÉTÉ`): each run of characters whose
    /// Windows-1252 bytes form one UTF-8 letter is that letter. No French or English text holds
    /// `Ã` or `Â` followed by such a character otherwise.
    static func unmojibaked(_ text: String) -> String {
        // Ã, Â, Å, Ä: the lead bytes of the letters of Latin-1 and Latin Extended-A.
        guard text.unicodeScalars.contains(where: { (0xC2...0xC5).contains($0.value) }) else { return text }
        let scalars = Array(text.unicodeScalars)
        let bytes = scalars.map(windows1252Byte)
        var out = String.UnicodeScalarView()
        var index = 0
        func continuation(_ at: Int) -> Bool { at < bytes.count && bytes[at].map { $0 & 0xC0 == 0x80 } == true }
        while index < scalars.count {
            if let lead = bytes[index] {
                let length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : 0
                if length > 0, (1..<length).allSatisfy({ continuation(index + $0) }),
                   let letter = String(validating: (0..<length).map { bytes[index + $0]! }, as: UTF8.self)?.unicodeScalars.first {
                    out.append(letter)
                    index += length
                    continue
                }
            }
            out.append(scalars[index])
            index += 1
        }
        // Mangled twice (`SOCIÃƒâ€°TÃƒâ€°`): once more.
        let repaired = String(out)
        return repaired.unicodeScalars.count < scalars.count ? unmojibaked(repaired) : repaired
    }

    /// The byte Windows-1252 writes a character with (its C1 range as Latin-1 does), nil for
    /// a character it has not.
    static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) || (0x80...0x9F).contains(scalar.value) { return UInt8(scalar.value) }
        return windows1252Extras[scalar.value]
    }

    private static let windows1252Extras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88, 0x2030: 0x89,
        0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95,
        0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// The digits of a text, in order.
    static func digits(_ text: String) -> String { String(decoding: text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self) }

    /// The runs of ASCII digits of a text, each with whether it is joined to the next one by a
    /// single separator (`-`, `/`, `.`, a space). Read byte by byte: only ASCII digits and
    /// separators matter.
    static func digitRuns(in text: String) -> [(digits: String, joinedToNext: Bool)] {
        var runs: [(digits: String, joinedToNext: Bool)] = []
        var current: [UInt8] = []
        var gap: [UInt8] = []
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                if current.isEmpty, !runs.isEmpty {
                    // One separator, or a slash or dash with a blank beside it (`US26 /007434`,
                    // where a bank joined two records with a space), or a series' letters
                    // between the groups (`26-BC-01557`, `26AB4512`).
                    // And ` //`: a SWIFT wire's remittance goes on in the next 35-character line
                    // after two slashes (`INV20260050 //58`), the bank having put a blank between.
                    let marks = gap.filter { $0 != 0x20 }
                    runs[runs.count - 1].joinedToNext = gap.count == 1 ? isSeparator(gap[0])
                        : gap.count <= 3 && marks.count == 1 && (marks[0] == UInt8(ascii: "/") || marks[0] == UInt8(ascii: "-"))
                        || gap == [0x20, 0x2F, 0x2F]
                    if !runs[runs.count - 1].joinedToNext { runs[runs.count - 1].joinedToNext = isInnerSeries(gap) }
                }
                current.append(byte)
                gap.removeAll(keepingCapacity: true)
            } else {
                if !current.isEmpty { runs.append((String(decoding: current, as: UTF8.self), false)); current.removeAll(keepingCapacity: true) }
                gap.append(byte)
            }
        }
        if !current.isEmpty { runs.append((String(decoding: current, as: UTF8.self), false)) }
        return runs
    }

    /// One to three capital letters, with at most a dash, slash or dot on each side and no blank:
    /// a series or branch code inside a number (`-BC-`, `AB`).
    private static func isInnerSeries(_ gap: [UInt8]) -> Bool {
        var letters = gap[...]
        if let first = letters.first, first == 0x2D || first == 0x2F || first == 0x2E { letters = letters.dropFirst() }
        if let last = letters.last, last == 0x2D || last == 0x2F || last == 0x2E { letters = letters.dropLast() }
        return (1...3).contains(letters.count) && letters.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// Whether the text writes a number whose letters stand between its digits (`26-BC-01557`)
    /// with those letters: whole (`26BC01557`, `26-BC-1557`) or from its letters on
    /// (`BC01884`, `BC-1884`), dashes, slashes and dots aside.
    static func isWrittenWithInnerLetters(_ number: String, in text: String) -> Bool {
        let folded = Array(fold(number).utf8).filter(isAlphanumeric)
        guard let firstDigit = folded.firstIndex(where: isDigit), let letter = folded[firstDigit...].firstIndex(where: { !isDigit($0) }) else { return false }
        // Each run of digits without its leading zeros (`26BC1506` for 26-BC-01506).
        func strippingZeros(_ form: ArraySlice<UInt8>) -> [UInt8] {
            var out: [UInt8] = []
            for (index, byte) in zip(form.indices, form) {
                let leadsRun = out.last.map { !isDigit($0) } ?? true
                if byte == 0x30, leadsRun, index + 1 < form.endIndex, isDigit(form[index + 1]) { continue }
                out.append(byte)
            }
            return out
        }
        let forms = [folded[...], folded[letter...]].flatMap { [Array($0), strippingZeros($0)] }
        let compact = Array(text.utf8).filter { $0 != 0x2D && $0 != 0x2F && $0 != 0x2E }
        for form in forms {
            var from = 0
            while from < compact.count, let at = compact[from...].firstRange(of: form)?.lowerBound {
                let after = at + form.count
                if (at == 0 || !isAlphanumeric(compact[at - 1])) && (after == compact.count || !isAlphanumeric(compact[after])) { return true }
                from = at + 1
            }
        }
        return false
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: " ")
    }

    private static func withoutLeadingZeros(_ digits: String) -> String { String(digits.drop { $0 == "0" }) }

    /// The group keys of runs of digits joined by one separator in a text (`2026-3074` → `2026|3074`).
    static func groupKeys(in text: String) -> [String] {
        var keys: [String] = []
        var groups: [String] = []
        var widths: [Int] = []
        func flush() {
            // A date (`2026-11-20`, `20/11/2026`) is not a reference, nor part of one, wherever it
            // stands in a run of numbers (`INV-2026-003074 2026-11-20`).
            var inDate = Set<Int>()
            if groups.count >= 3 {
                for start in 0...(groups.count - 3) where [widths[start], widths[start + 1], widths[start + 2]] == [4, 2, 2]
                    || [widths[start], widths[start + 1], widths[start + 2]] == [2, 2, 4] {
                    inDate.formUnion(start...(start + 2))
                }
            }
            if groups.count >= 2 {
                for start in 0..<(groups.count - 1) {
                    for end in (start + 1)..<min(groups.count, start + 3) where !(start...end).contains(where: inDate.contains) {
                        keys.append(groups[start...end].joined(separator: "|"))
                    }
                }
            }
            groups = []
            widths = []
        }
        let runs = digitRuns(in: text)
        for run in runs {
            groups.append(withoutLeadingZeros(run.digits))
            widths.append(run.digits.utf8.count)
            if !run.joinedToNext { flush() }
        }
        flush()
        for run in runs {
            let digits = Array(run.digits)
            // A year or series run into the number (`US267991`, `US2607730` for US26/007991,
            // US26/007730): the run cut after its first two or four digits.
            if digits.count >= 5, digits[0] != "0", !Self.isCompactDate(digits) {
                for cut in [2, 4] where digits.count > cut + 2 {
                    let rest = withoutLeadingZeros(String(digits[cut...]))
                    if rest.count >= 3 { keys.append(String(digits[..<cut]) + "|" + rest) }
                }
            }
        }
        // The series after the number, behind a slash (`005362/US26`, `4512/26`).
        let bytes = Array(text.utf8)
        for slash in bytes.indices where bytes[slash] == UInt8(ascii: "/") && slash > 0 && isDigit(bytes[slash - 1]) {
            var start = slash
            while start > 0, isDigit(bytes[start - 1]) { start -= 1 }
            var after = slash + 1
            while after < bytes.count, after - slash <= 3, bytes[after] >= 0x41 && bytes[after] <= 0x5A { after += 1 }
            var end = after
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            guard slash - start >= 3, [2, 4].contains(end - after), bytes[after] != 0x30 else { continue }
            let number = withoutLeadingZeros(String(decoding: bytes[start..<slash], as: UTF8.self))
            if !number.isEmpty { keys.append(String(decoding: bytes[after..<end], as: UTF8.self) + "|" + number) }
        }
        return keys
    }

    /// Words that mark the number after them as an invoice's (built once: a run reads every line).
    static let invoiceMarkers: Set<String> = ["INV", "INVS", "INVOICE", "INVOICES", "FACT", "FACTURE", "FACTURES", "FA", "NO", "NR", "NUM", "RECHNUNG", "FACTURA", "FATTURA", "BILL"]

    /// Numbers (zeros stripped) right after a word that says an invoice (`INV# 3196`, `FACT 4512`,
    /// `FACTURE NO 00744`, `#4512`), or written with their leading zeros (`003390`).
    static func markedNumbers(in text: String) -> Set<String> {
        let bytes = Array(text.utf8)
        // Printable ASCII (most lines): the same reading on the bytes, a character being a byte.
        guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return markedNumbers(inCharacters: text) }
        let markers = invoiceMarkers
        var found = Set<String>()
        var previousMarks = false, previousLabels = false, previousCustomer = false, previousMarked = false
        for token in bytes.split(separator: 0x20) {
            let headCount = token.prefix { !isDigit($0) }.count
            let head = token.prefix(headCount)
            let word = String(decoding: head.filter { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }, as: UTF8.self)
            // `AND`, `ET`, `&` between two numbers: the one after is of the same kind (`INV-2026-004701 AND 004985`).
            if headCount == token.count, word.isEmpty ? token.elementsEqual([0x26]) : Self.listConjunctions.contains(word) {
                previousMarks = previousMarked; previousLabels = false; previousCustomer = false; previousMarked = false
                continue
            }
            let hash = word.isEmpty && head.contains(0x23)
            let numbersCustomer = previousCustomer && (["NO", "NR", "NUM"].contains(word) || hash)
            let marks = !numbersCustomer && (markers.contains(word) || hash)
            let padded = token.count >= 5 && token.first == 0x30 && token.allSatisfy(isDigit) && !previousLabels
            previousMarked = false
            if let last = token.last, isDigit(last), previousMarks || padded || (marks && headCount < token.count) {
                let runs = token.split(whereSeparator: { !isDigit($0) })
                let long = runs.filter { $0.count >= 3 }
                for run in long.isEmpty ? Array(runs.suffix(1)) : long { found.insert(String(decoding: run.drop { $0 == 0x30 }, as: UTF8.self)) }
                previousMarked = true
            }
            previousMarks = headCount == token.count && marks
            previousLabels = headCount == token.count && !marks && word.count >= 2
            previousCustomer = headCount == token.count && PayerDirectory.customerNumberLabels.contains(word)
        }
        return found
    }

    /// Words that join two items of a list (`INV 4701 AND 4985`, `FACT 1201 ET 1202`).
    static let listConjunctions: Set<String> = ["AND", "ET"]

    /// `markedNumbers(in:)` read character by character (a text with other than printable ASCII).
    static func markedNumbers(inCharacters text: String) -> Set<String> {
        let markers = invoiceMarkers
        var found = Set<String>()
        var previousMarks = false, previousLabels = false, previousCustomer = false, previousMarked = false
        for token in text.split(separator: " ") {
            // What comes before the digits: `INV#` of `INV#3196`, `#` of `#4512`, nothing of `3196`.
            let head = token.prefix { !$0.isNumber }
            // `#` alone or after an invoice word (`INV#`), not after another (`TRACE#`, `CHK#`).
            let word = String(head.filter(\.isLetter))
            // `AND`, `ET`, `&` between two numbers: the one after is of the same kind.
            if head.count == token.count, word.isEmpty ? token == "&" : Self.listConjunctions.contains(word) {
                previousMarks = previousMarked; previousLabels = false; previousCustomer = false; previousMarked = false
                continue
            }
            previousMarked = false
            // `NO`, `NR` or `#` after a customer's label (`CUST NO C15999`) number the customer.
            let numbersCustomer = previousCustomer && (["NO", "NR", "NUM"].contains(word) || (word.isEmpty && head.contains("#")))
            let marks = !numbersCustomer && (markers.contains(word) || (word.isEmpty && head.contains("#")))
            defer { previousCustomer = head.count == token.count && PayerDirectory.customerNumberLabels.contains(word) }
            // A number written with its leading zeros (`003390`) is a document's number too,
            // unless a word says it is another's (`VENDOR 0000538292`, `CUST 004417`).
            let padded = token.count >= 5 && token.first == "0" && token.allSatisfy(\.isNumber) && !previousLabels
            if token.last?.isNumber == true, previousMarks || padded || (marks && head.count < token.count) {
                // Each run of three digits or more (`LM121053-3` is 121053, its check digit aside), else the last.
                let runs = token.split(whereSeparator: { !$0.isNumber })
                for run in runs.filter({ $0.count >= 3 }).isEmpty ? Array(runs.suffix(1)) : runs.filter({ $0.count >= 3 }) {
                    found.insert(String(run.drop { $0 == "0" }))
                }
                previousMarked = true
            }
            // A marker on its own (`INV`, `NO`, `INV#`) marks the number after it; another word labels it.
            previousMarks = head.count == token.count && marks
            previousLabels = head.count == token.count && !marks && word.count >= 2
        }
        return found
    }

    /// Numbers the text marks as invoices' (`INV 4512`, `FACT 003390`) that none of `items` is.
    static func unfoundInvoiceNumbers(in text: String, besides items: [OpenItem]) -> [String] {
        unfoundInvoiceNumbers(markedNumbers(in: text), besides: items)
    }

    /// Of `marked` (`markedNumbers`, read once per line), those none of `items` is.
    static func unfoundInvoiceNumbers(_ marked: Set<String>, besides items: [OpenItem]) -> [String] {
        let keys = items.map { matchKeys(of: $0.number) }
        return marked.filter { number in
            number.count >= 3 && !keys.contains { key in key.digits.contains(number) || key.tail.map { number.hasSuffix($0) } ?? false }
        }
    }

    /// A word's bytes without the punctuation around it (`(INV-2026-004001),` is `INV-2026-004001`).
    private static func trimmed(_ word: Substring) -> [UInt8] {
        Array(word.utf8.drop { !isAlphanumeric($0) }.reversed().drop { !isAlphanumeric($0) }.reversed())
    }

    /// Which of a number's digit runs is its main group: the last, or the one before a last group
    /// of one or two digits, a check digit or a revision (`LM120750-5`). Nil without digits.
    static func mainGroup(of runs: [(digits: String, joinedToNext: Bool)]) -> Int? {
        guard !runs.isEmpty else { return nil }
        return runs.count >= 2 && runs[runs.count - 1].digits.count <= 2 ? runs.count - 2 : runs.count - 1
    }

    /// The digits of the words of `text` written exactly as `items`' numbers are (`INV-2026-004001`
    /// beside INV-2026-005783: letters, digits and separators in the same places).
    static func numbersWrittenInFull(in text: String, like items: [OpenItem]) -> [String] {
        let shapes = Set(items.map { shape(fold($0.number).utf8) })
        var found: [String] = []
        for word in text.split(separator: " ") {
            let token = trimmed(word)
            guard shapes.contains(shape(token)) else { continue }
            let digits = String(decoding: token.filter(isDigit), as: UTF8.self)
            if !found.contains(digits) { found.append(digits) }
        }
        return found
    }

    /// Words of `text` written like `items`' numbers that stop short (`INV-2026-005` beside
    /// INV-2026-008028, `LM11304` beside LM120885-9): the same letters first, then any leading
    /// group and two digits or more of the main group, and fewer characters.
    static func numbersCutShort(in text: String, like items: [OpenItem]) -> [String] {
        let numbers = items.map { Array(fold($0.number).utf8) }
        var found: [String] = []
        for word in text.split(separator: " ") {
            let token = trimmed(word)
            guard token.contains(where: isDigit) else { continue }
            let cut = numbers.contains { number in
                let runs = digitRuns(in: String(decoding: number, as: UTF8.self))
                // Written like it up to its first digit (`INV-`, `LM`), and shorter.
                let head = number.prefix { !isDigit($0) }
                guard let main = mainGroup(of: runs), !head.isEmpty, token.count < number.count, token.starts(with: head), token.count > head.count else { return false }
                let before = runs[..<main].reduce(0) { $0 + $1.digits.count }
                return token.filter(isDigit).count >= before + 2
            }
            if cut, !found.contains(String(decoding: token, as: UTF8.self)) { found.append(String(decoding: token, as: UTF8.self)) }
        }
        return found
    }

    /// Whether the text writes `number`'s letters right before its digits (`TOR-26-04425`,
    /// `TOR2604425`, `TOR 26 4425`): its letters after a blank or the text's start, then its
    /// digit groups, zeros before a group optional, across single separators.
    static func isWrittenWithItsLetters(_ number: String, in text: String) -> Bool {
        let bytes = Array(fold(number).utf8)
        let head = Array(bytes.prefix { !isDigit($0) }.filter { isAlphanumeric($0) })
        guard !head.isEmpty else { return false }
        let groups = digitRuns(in: number).map { String($0.digits.drop { $0 == "0" }) }
        let whole = digits(number), stripped = groups.joined()
        let written = Array(text.utf8)
        var at = 0
        while at + head.count <= written.count {
            defer { at += 1 }
            guard written[at..<(at + head.count)].elementsEqual(head), at == 0 || !isAlphanumeric(written[at - 1]) else { continue }
            // The runs of digits after the letters, one separator at most before each.
            var cursor = at + head.count
            var runs: [String] = []
            while runs.count < 4 {
                if cursor < written.count, !isAlphanumeric(written[cursor]) { cursor += 1 }
                var end = cursor
                while end < written.count, isDigit(written[end]) { end += 1 }
                guard end > cursor else { break }
                runs.append(String(decoding: written[cursor..<end], as: UTF8.self))
                cursor = end
                guard cursor < written.count, !isAlphanumeric(written[cursor]) else { break }
            }
            for count in runs.indices.map({ $0 + 1 }) {
                let taken = runs.prefix(count)
                if taken.joined() == whole || taken.map({ String($0.drop { $0 == "0" }) }).joined() == stripped { return true }
            }
        }
        return false
    }

    /// Whether the text writes `number`, digits then a letter (`89764C`), whole: as a word,
    /// its zeros before it aside (`00000000088952D`), or as a letter after another of its
    /// series joined by `+`, `&` or `/` (`88952B+C`).
    static func isWrittenWithItsSuffix(_ number: String, in text: String) -> Bool {
        let target = Array(fold(number).utf8.filter(isAlphanumeric))
        guard let last = target.last, !isDigit(last), target.count >= 2, isDigit(target[target.count - 2]) else { return false }
        let base = target.dropLast()
        let words = text.utf8.split(whereSeparator: { !isAlphanumeric($0) && $0 != 0x2B && $0 != 0x26 && $0 != 0x2F })
        for word in words {
            // `88952B+C`: the base with its letters, each after a `+`, `&` or `/`.
            let parts = word.split(whereSeparator: { $0 == 0x2B || $0 == 0x26 || $0 == 0x2F })
            guard let first = parts.first else { continue }
            let head = first.drop { $0 == 0x30 }
            if head.elementsEqual(target) { return true }
            if head.count == target.count, head.dropLast().elementsEqual(base), parts.dropFirst().contains(where: { $0.count == 1 && $0.first == last }) { return true }
        }
        // `86876 A&B`, `86857 B & C`: the digits, then letters alone.
        let tokens = text.utf8.split(whereSeparator: { !isAlphanumeric($0) })
        for (index, token) in tokens.enumerated() where token.drop(while: { $0 == 0x30 }).elementsEqual(base) {
            let letters = tokens.dropFirst(index + 1).prefix { $0.count == 1 && !isDigit($0.first!) }
            if letters.contains(where: { $0.first == last }) { return true }
        }
        return false
    }

    /// The document a payer says it took off the payment (`LESS LTC-10399`, `MINUS CREDIT
    /// LTC10421`, `MOINS NC 2291`): a word with digits right after LESS, MINUS, MOINS or DEDUCT
    /// (CREDIT, CR, NOTE, MEMO, NC between), none of the invoices paid and no amount.
    /// The amount written right after a credit note's number (`-248,75 $`, `(1 248.75)`, `-$304.50`,
    /// a space between thousands); nil when none is.
    static func creditAmount(_ words: [Substring]) -> Int64? {
        // The sign and the currency's marks aside, read as any amount is.
        let written = words.prefix(2).joined(separator: " ").filter { !"-$()".contains($0) }
        return moneyAmounts(in: Array(written.utf8)).first { $0.at == 0 }?.amount
    }

    /// A credit note said to be applied to one of the invoices (`NOTE DE CREDIT C-2026-0126
    /// -248,75 $ APPLIQUEE SUR FACT. 5468`, `APPLIED TO INV 5468`, `AGAINST NA254641`): that invoice, which the
    /// payment pays in part.
    static func creditAppliedTo(_ invoices: [OpenItem], in text: String) -> OpenItem? {
        let words = text.split(separator: " ")
        // `AGAINST` only after the credit note (`CRN CN260320 CREDIT 981.99 AGAINST NA254641`), not
        // `PAYMENT AGAINST INV 6601 6602 … CREDIT MEMO`: that says what is paid, not what is credited.
        for (index, word) in words.enumerated() where ["APPLIQUEE", "APPLIQUE", "APPLIED", "APPLY"].contains(word)
            || (word == "AGAINST" && words[..<index].indices.contains { namesCreditNote(words, at: $0) || ["LESS", "MOINS", "MINUS"].contains(words[$0]) }) {
            for next in words.dropFirst(index + 1).prefix(5) {
                let written = digits(String(next))
                guard written.count >= 3 else { continue }
                let hits = invoices.filter { digits($0.number).hasSuffix(written) || matchKeys(of: $0.number).tail == String(written.drop { $0 == "0" }) }
                if hits.count == 1 { return hits[0] }
                break
            }
        }
        return nil
    }

    /// `short`: what the payment lacks; a credit note's amount written after its number must be
    /// that, within `tolerance` (`N/C C-2026-0126 -248,75 $` explains 248.75 short, not 5,248.75).
    static func deductedDocument(in text: String, besides referenced: [OpenItem], short: Int64? = nil, tolerance: Int64 = 0) -> String? {
        let words = text.split(separator: " ")
        let paid = Set(referenced.map { digits($0.number) })
        // `LESS …`, or a credit note named as one (`NOTE DE CREDIT C-2026-0126 -248,75 $
        // APPLIQUEE SUR FACT. 5468`, `N/C C-2026-0101`, `CREDIT MEMO CM-88`).
        let creditNote = { (index: Int) -> Bool in
            let next = index + 1 < words.count ? words[index + 1] : ""
            return namesCreditNote(words, at: index) || (words[index] == "NOTE" && (next == "CREDIT" || next == "DE"))
        }
        for (index, word) in words.enumerated() where ["LESS", "MINUS", "MOINS", "DEDUCT", "DEDUCTING"].contains(word) || creditNote(index) {
            for next in words.dropFirst(index + 1).prefix(4) {
                if ["CREDIT", "CR", "NOTE", "MEMO", "NC", "CM", "AVOIR", "NOTE:", "CREDIT:", "DE", "NO", "#"].contains(next) { continue }
                let document = String(next)
                guard document.contains(where: \.isNumber), !document.contains("."), !document.contains(","), !document.contains("%"),
                      !paid.contains(digits(document)) else { break }
                // A credit note named as one is a document of three digits or more (`N/C 3
                // UNITES` is a count), and the amount written after it, if any, is what is short.
                if creditNote(index) {
                    guard digits(document).count >= 3 else { break }
                    let after = words.dropFirst(index + 1).drop { $0 != next }.dropFirst().prefix(2)
                    if let short, let stated = Self.creditAmount(Array(after)), abs(stated - short) > tolerance { break }
                }
                return document
            }
        }
        return nil
    }

    /// Whether `text` holds `words` at a word's start and not run into a longer word (`IO DEPOSIT`,
    /// not the end of `RADIO DEPOSIT`; `DEPOSIT IO2231` and a plural `ADVANCE PAYMENTS`, not `DEPOSIT IONA`).
    static func holdsWords(_ text: String, _ words: String) -> Bool {
        var from = text.startIndex
        while let found = text.range(of: words, range: from..<text.endIndex) {
            let before = found.lowerBound == text.startIndex || !text[text.index(before: found.lowerBound)].isLetter && !text[text.index(before: found.lowerBound)].isNumber
            let ends = { (at: String.Index) in at == text.endIndex || !text[at].isLetter }
            let after = ends(found.upperBound) || (text[found.upperBound] == "S" && ends(text.index(after: found.upperBound)))
            if before && after { return true }
            from = text.index(after: found.lowerBound)
        }
        return false
    }

    /// Whether `bytes` hold `pattern` somewhere (a plain search, for the few fixed words read on
    /// every line without Foundation's).
    static func holds(_ bytes: [UInt8], _ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { start in bytes[start..<(start + pattern.count)].elementsEqual(pattern) }
    }

    /// Numbers of one or two digits right after a word that can only mean an invoice (`INV 88`,
    /// `INVOICE #7`, `FACT. 12`, `INV#88`), not `NO 2` nor `PO # 12` (an instalment's, an order's),
    /// nor a day before a month's name (`INV 30 SEP`).
    static func shortInvoiceNumbers(in text: String) -> [String] {
        let words = text.split(separator: " ")
        let markers: Set<Substring> = ["INV", "INV#", "INV.", "INVOICE", "INVOICE#", "FACT", "FACT.", "FACTURE"]
        return words.indices.compactMap { index in
            var word = words[index]
            var marked = index > 0 && markers.contains(words[index - 1])
            if word.hasPrefix("INV#") { word = word.dropFirst(4); marked = true } else if marked, word.hasPrefix("#") { word = word.dropFirst() }
            guard marked, (1...2).contains(word.count), word.allSatisfy({ $0.isASCII && $0.isNumber }), word.first != "0" else { return nil }
            // A day beside a month's name or number is a date (`INV 30 SEP`, `INV 30 09 2026`: the
            // invoice of September 30); a count goes on with what it counts (`12 UNITS`, `3 OF 4`).
            if index + 1 < words.count, case let next = words[index + 1],
               monthWords[String(next)] != nil || ((1...2).contains(next.count) || next.count == 4) && next.allSatisfy({ $0.isASCII && $0.isNumber })
                || ["OF", "DE", "UNITS", "UNIT", "PCS", "QTY", "X", "SUR"].contains(next) { return nil }
            return String(word)
        }
    }

    /// Whether the text has a run of three digits or more that is one or two digits after its
    /// zeros (`0084`): looked for on the bytes, most lines have none.
    static func hasPaddedShortNumber(_ text: String) -> Bool {
        var length = 0, significant = 0
        for byte in text.utf8 + [0x20] {
            if isDigit(byte) {
                if length == 0, byte != 0x30 { length = -1 }
                if length >= 0 { length += 1; if byte != 0x30 || significant > 0 { significant += 1 } }
            } else {
                if length >= 3, (1...2).contains(significant) { return true }
                length = 0; significant = 0
            }
        }
        return false
    }

    /// Whether `text` (folded) writes `number` with one of its digits dropped, as a word of its
    /// own: after the letters it begins with (`CW10571` for CW105719), or, for a number of digits
    /// only, as six digits or more.
    static func isWrittenWithDigitDropped(_ number: String, in text: String) -> Bool {
        let bytes = Array(fold(number).utf8)
        let head = bytes.prefix { !isDigit($0) }
        let digits = bytes.filter(isDigit)
        guard digits.count >= 6 else { return false }
        return text.split(separator: " ").contains { word in
            let token = trimmed(word)
            guard token.starts(with: head), head.isEmpty || token.count > head.count else { return false }
            let rest = token.dropFirst(head.count)
            guard rest.allSatisfy(isDigit), rest.count == digits.count - 1 else { return false }
            return digits.indices.contains { gap in digits[..<gap].elementsEqual(rest.prefix(gap)) && digits[(gap + 1)...].elementsEqual(rest.dropFirst(gap)) }
        }
    }

    /// Whether `text` (folded) writes `number` without its last group of one or two characters
    /// (`LM117310` for `LM117310-3` or `LM117310-3A`), as a word of its own that has a letter.
    /// The ends of runs of 14 digits or more (4 to 8 digits, what is before them 8 or more): an
    /// AP system's document number run into an invoice's (`5100019929104996`).
    static func afterDocumentNumbers(in text: String) -> [String] {
        var found: [String] = []
        for run in digitRuns(in: text) where run.digits.count >= 14 {
            for length in 4...8 where run.digits.count - length >= 8 { found.append(String(run.digits.suffix(length))) }
        }
        return found
    }

    /// The years of the dates a text writes with a month's name (`PAIEMENT DU 15 OCTOBRE 2026`,
    /// `OCT 15 2026`, `NOV 2026`): a date's, not the end of an invoice's number.
    static func yearsOfDates(in text: String) -> Set<String> {
        guard mayNameMonth(text) else { return [] }
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        var years = Set<String>()
        for (index, word) in words.enumerated() where word.count == 4 && word.hasPrefix("20") && word.allSatisfy(\.isNumber) {
            let month = { (at: Int) in at >= 0 && monthWords[String(words[at])] != nil }
            let day = { (at: Int) in at >= 0 && words[at].count <= 2 && words[at].allSatisfy(\.isNumber) }
            if month(index - 1) || (day(index - 1) && month(index - 2)) { years.insert(String(word)) }
        }
        return years
    }

    /// Whether the text is a card processor's settlement (a merchant deposit): its payer is the
    /// processor, not the customer.
    static func isCardSettlement(_ text: String) -> Bool {
        let words = Set(text.split(whereSeparator: { !$0.isLetter }).map(String.init))
        return !words.isDisjoint(with: ["STRIPE", "ELAVON", "FISERV", "MONERIS", "PAYMENTECH", "WORLDPAY", "ADYEN", "BRAINTREE", "SQUARE", "SQUAREUP", "HELCIM", "BAMBORA", "CLOVER"])
            || words.contains("MERCHANT") && !words.isDisjoint(with: ["DEP", "DEPOSIT", "SETTLEMENT", "SETTLE", "BANKCD", "BATCH", "SERVICES"])
    }

    /// Months a remittance names as an invoice's or a campaign's, in English or French, with the
    /// year written beside one (`FACT. OCT`, `SEPT 2026 INVOICE`, `PUB AOUT 2026`, `CAMPAGNE
    /// OCTOBRE`, `BILLBOARD DECEMBER 2026`, `JUL NOV`, `OCT-26`); every month of a range (`JUL THRU
    /// NOV 2026`, `JUL-NOV`, `AUG A OCT`) or a quarter (`Q3`, `T3`, `QTR 3`); a month in figures
    /// with its year (`10/2026`, `2026-11`, `11-2026`). A month beside a day is a date (`DESC
    /// DATE:DEC 17`, `2026-11-15`), beside a statement word a statement's (`NOV STATEMENT`).
    static func monthsNamed(in text: String, nameWords: Set<String> = []) -> [(month: Int, year: Int?)] {
        let (words, joints) = wordsAndJoints(text)
        let yearOf = { (word: Substring) -> Int? in word.count == 4 ? Int(word).flatMap { (2000...2099).contains($0) ? $0 : nil } : nil }
        let joinedByDash = { (index: Int) in joints.indices.contains(index) && (joints[index] == "-" || joints[index] == "/") }
        var found: [(month: Int, year: Int?)] = []
        func add(_ month: Int, _ year: Int?) { if !found.contains(where: { $0.month == month && $0.year == year }) { found.append((month, year)) } }
        var skip = Set<Int>()
        for (index, word) in words.enumerated() where !skip.contains(index) {
            // In figures: `10/2026`, `11-2026`, `2026-11`, `2026/11`; not a date (`2026-11-15`).
            if word.allSatisfy(\.isNumber), joinedByDash(index), index + 1 < words.count, !(index > 0 && joinedByDash(index - 1)),
               !(joinedByDash(index + 1) && words.indices.contains(index + 2) && words[index + 2].allSatisfy(\.isNumber)) {
                let other = words[index + 1]
                if let year = yearOf(word), other.count <= 2, let month = Int(other), (1...12).contains(month) { add(month, year); skip.insert(index + 1); continue }
                if word.count <= 2, let month = Int(word), (1...12).contains(month), let year = yearOf(other) { add(month, year); skip.insert(index + 1); continue }
            }
            // A quarter: `Q3`, `T3` (trimestre), `QTR 3`, `QUARTER 3`.
            let quarter: Int? = {
                if word.count == 2, word.first == "Q" || word.first == "T", let q = Int(word.dropFirst()), (1...4).contains(q) { return q }
                if ["QTR", "QUARTER", "TRIMESTRE"].contains(word), index + 1 < words.count, let q = Int(words[index + 1]), (1...4).contains(q) { return q }
                // Its ordinal before it: `3RD QUARTER`, `3E TRIMESTRE`, `1ER TRIMESTRE`.
                if ["QTR", "QUARTER", "TRIMESTRE"].contains(word), index > 0, let q = Self.quarterOrdinals[String(words[index - 1])] { return q }
                return nil
            }()
            // Beside an invoice or billing word, or its year (`Q3 ADVERTISING`, `FACTURES T3`, `Q3
            // 2026`): `T3` alone is as often a tax slip or a model.
            let around = words[max(0, index - 2)..<min(words.count, index + 3)]
            // (The word written out, `3RD QUARTER`, `QUARTER 3`, `3E TRIMESTRE`, says so alone.)
            let spelled = ["QTR", "QUARTER", "TRIMESTRE"].contains(word)
            if let quarter, !nameWords.contains(String(word)), spelled || around.contains(where: { invoiceWords.contains(String($0)) || yearOf($0) != nil }) {
                let year = around.lazy.compactMap(yearOf).first
                for month in (quarter * 3 - 2)...(quarter * 3) { add(month, year) }
                continue
            }
            guard let month = monthWords[String(word)] else { continue }
            let near = words[max(0, index - 2)..<min(words.count, index + 3)]
            // A statement's or a date's month (`NOV STATEMENT`, `DATE: OCT`) names no invoice.
            guard !near.contains(where: { statementWords.contains(String($0)) }) else { continue }
            // Two figures joined to it are its year (`OCT-26`); beside it, a day (`INV DATE OCT 05`, `DEC 17`).
            let shortYear = joints[index] == "-" && index + 1 < words.count && words[index + 1].count == 2 && words[index + 1].allSatisfy(\.isNumber)
                && !joinedByDash(index + 1) ? Int(words[index + 1]).map { 2000 + $0 } : nil
            let day = shortYear == nil && [index - 1, index + 1].contains { words.indices.contains($0) && words[$0].count <= 2 && words[$0].allSatisfy(\.isNumber) }
            guard !day else { continue }
            // A range to another month (`JUL THRU NOV`, `JUL-NOV`, `AOUT A OCTOBRE`): every month of it.
            let rangeEnd: Int? = {
                if joints[index] == "-", index + 1 < words.count, monthWords[String(words[index + 1])] != nil { return index + 1 }
                // Its year may come first (`NOV 2025 THRU FEB 2026`).
                let word = index + 1 < words.count && yearOf(words[index + 1]) != nil ? index + 2 : index + 1
                if word + 1 < words.count, ["THRU", "THROUGH", "TO", "A", "AU", "TIL", "UNTIL"].contains(words[word]), monthWords[String(words[word + 1])] != nil { return word + 1 }
                return nil
            }()
            let year = shortYear ?? [index - 1, index + 1].lazy.filter { words.indices.contains($0) }.compactMap { yearOf(words[$0]) }.first
            // Not a word of a customer's name (`STUDIO JUNE INVOICE`). Beside an invoice word
            // (`FACT. OCT`, `NOV RETAINER`); or, a word that is only a month (not `MAY`, `MAR`,
            // `MARS`), with its year (`DEC 2026`), beside another month (`JUL NOV`) or last (`BILLBOARD OCTOBER`).
            let besideMonth = [index - 1, index + 1].contains { words.indices.contains($0) && monthWords[String(words[$0])] != nil } || rangeEnd != nil
                || [(index - 1, index - 2), (index + 1, index + 2)].contains { and, other in
                    words.indices.contains(other) && ["ET", "AND"].contains(words[and]) && monthWords[String(words[other])] != nil }
            guard !nameWords.contains(String(word)), near.contains(where: { invoiceWords.contains(String($0)) })
                || (!["MAY", "MAI", "MAR", "MARS"].contains(word) && (year != nil || besideMonth || index == words.count - 1)) else { continue }
            if let end = rangeEnd, let last = monthWords[String(words[end])], last != month {
                let endYear = [end - 1, end + 1].lazy.filter { words.indices.contains($0) }.compactMap { yearOf(words[$0]) }.first
                if last > month {
                    for each in month...last { add(each, endYear ?? year) }
                } else {
                    // Across a year end (`NOV-FEB`, `NOV 2025 THRU FEB 2026`).
                    for each in month...12 { add(each, year ?? endYear.map { $0 - 1 }) }
                    for each in 1...last { add(each, endYear ?? year.map { $0 + 1 }) }
                }
                skip.insert(end)
                continue
            }
            add(month, year)
        }
        return found
    }

    /// Whether the text may name a month in figures or a quarter (`10/2026`, `2026-11`, `Q3`,
    /// `QTR 3`): told on the bytes, most lines name none.
    static func mayNamePeriodInFigures(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for index in bytes.indices.dropLast() {
            let atStart = index == 0 || !isAlphanumeric(bytes[index - 1])
            // `Q3`, `T3` alone; `QTR`, `QUARTER`, `TRIMESTRE` at a word's start.
            if atStart, bytes[index] == 0x51 || bytes[index] == 0x54, (0x31...0x34).contains(bytes[index + 1]),
               index + 2 == bytes.count || !isAlphanumeric(bytes[index + 2]) { return true }
            if atStart, ["QTR", "QUART", "TRIM"].contains(where: { bytes[index...].starts(with: $0.utf8) }) { return true }
            // `/20`, `-20` (a year after a month) or `20..-` (a year before one).
            if (bytes[index] == 0x2F || bytes[index] == 0x2D), index + 2 < bytes.count, bytes[index + 1] == 0x32, bytes[index + 2] == 0x30 { return true }
            if atStart, bytes[index] == 0x32, index + 4 < bytes.count, bytes[index + 1] == 0x30, (bytes[index + 4] == 0x2D || bytes[index + 4] == 0x2F) { return true }
        }
        return false
    }

    private static let statementWords: Set<String> = ["STATEMENT", "STMT", "RELEVE", "ETAT", "DATE", "DATED", "DTE"]

    /// Whether a month is named beside a word saying it is when the campaign ran (`SEP 2026
    /// MEDIA`, `OCT 2026 DELIVERY`, `FLIGHT OCT 2026`, `DIFFUSION AOUT`, `PERIODE SEPT 2026`),
    /// not when it was billed: the invoice for it comes at its end or the month after.
    static func namesDeliveryMonth(_ text: String, nameWords: Set<String> = []) -> Bool {
        let words = wordsAndJoints(text).words
        // Not beside an invoice word (`MEDIA OCT INVOICE`: the month it was billed), nor a word
        // of the payer's name written there (`DIFFUSION LAURENTIDES SEPT 2026`, `NOVA MEDIA INC
        // OCT`): runs of two words or more of its name, legal forms with them, or any at the text's start.
        let inName = { (at: Int) in nameWords.contains(String(words[at])) || Customer.legalForms.contains(String(words[at])) }
        var named = Set<Int>()
        var start = 0
        while start < words.count {
            var end = start
            while end < words.count, inName(end) { end += 1 }
            // Two words or more, or any that begin the text (where BAI2 writes the payer, cut: `DIFFUSION LAUR SEPT`).
            if end - start >= 2 || (start == 0 && end > 0) { named.formUnion(start..<end) }
            start = max(end, start + 1)
        }
        return words.indices.contains { index in
            guard monthWords[String(words[index])] != nil else { return false }
            let around = max(0, index - 2)..<min(words.count, index + 3)
            return around.contains { deliveryWords.contains(String(words[$0])) && !named.contains($0) } && !around.contains { invoiceWords.contains(String(words[$0])) }
        }
    }

    private static let deliveryWords: Set<String> = ["DELIVERY", "DELIVERED", "FLIGHT", "MEDIA", "BROADCAST", "AIRED", "AIRING", "DIFFUSION", "DIFFUSE",
                                                     "LIVRAISON", "PERIODE", "PERIOD", "IMPRESSIONS"]

    /// The words of a text, and what joins each to the next (`-` of `OCT-26`, `/` of `10/2026`).
    static func wordsAndJoints(_ text: String) -> (words: [Substring], joints: [Substring]) {
        var words: [Substring] = [], joints: [Substring] = []
        var at = text.startIndex
        while at < text.endIndex {
            let wordEnd = text[at...].firstIndex { !($0.isLetter || $0.isNumber) } ?? text.endIndex
            let next = text[wordEnd...].firstIndex { $0.isLetter || $0.isNumber } ?? text.endIndex
            if wordEnd > at { words.append(text[at..<wordEnd]); joints.append(text[wordEnd..<next]) }
            at = next
        }
        return (words, joints)
    }

    /// Whether the text holds `STMT`, `STATEMENT`, `RELEVE` or `ETAT`: told on the bytes, read on every line.
    static func mayNameStatement(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return statementMarks.contains { holds(bytes, $0) }
    }

    private static let statementMarks = ["STMT", "STATEMENT", "RELEVE", "ETAT"].map { Array($0.utf8) }

    /// The date of the statement of account a payment pays (`PER STATEMENT SEP 30`, `RELEVE 30
    /// SEPT 2026`, `STMT 2026-09-30`, `PAIEMENT RELEVE DU 31 AOUT`, `ETAT DE COMPTE 2026-09-30`,
    /// `SEP 30 STATEMENT`): a date written after a statement word (past `OF ACCOUNT`, `DU`,
    /// `DATED`) or right before it. Without its year, the last such day on or before the
    /// payment's, none when this year's is shortly after it; a day and month in figures only when
    /// one reading of them is a date. Nil when the text names no statement or no date beside it.
    static func statementDate(in text: String, paidOn: BusinessDate?) -> BusinessDate? {
        guard mayNameStatement(text) else { return nil }
        let (words, joints) = wordsAndJoints(text)
        let number = { (index: Int, digits: ClosedRange<Int>) -> Int? in
            guard words.indices.contains(index), digits.contains(words[index].count), words[index].allSatisfy(\.isASCII), words[index].allSatisfy(\.isNumber) else { return nil }
            return Int(words[index])
        }
        let year = { (index: Int) -> Int? in number(index, 4...4).flatMap { (2000...2099).contains($0) ? $0 : nil } }
        func date(_ year: Int?, _ month: Int, _ day: Int) -> BusinessDate? {
            if let year { return try? BusinessDate(year: year, month: month, day: day) }
            // No year: the last such day on or before the payment's; but a day of this year
            // a little after it (`NOV 30` paid November 20, a statement sent ahead) is no
            // statement of a year ago: nothing sure.
            guard let paidOn else { return nil }
            if let this = try? BusinessDate(year: paidOn.year, month: month, day: day), this > paidOn, this <= paidOn.adding(days: 62) { return nil }
            return [paidOn.year, paidOn.year - 1].lazy.compactMap { try? BusinessDate(year: $0, month: month, day: day) }.first { $0 <= paidOn }
        }
        // A date beginning at the word `index`, and the word after it.
        func dateAt(_ index: Int) -> (date: BusinessDate?, end: Int)? {
            guard words.indices.contains(index) else { return nil }
            let word = words[index]
            // `20260930`.
            if let whole = number(index, 8...8), (2000...2099).contains(whole / 10_000) { return (date(whole / 10_000, whole / 100 % 100, whole % 100), index + 1) }
            // `2026-09-30`, `2026/09/30`.
            if let y = year(index), let m = number(index + 1, 1...2), let d = number(index + 2, 1...2) { return (date(y, m, d), index + 3) }
            // `SEP 30 2026`, `AUG 31`, `AUGUST 31, 2026`.
            if let m = monthWords[String(word)], let d = number(index + 1, 1...2) { return (date(year(index + 2), m, d), year(index + 2) == nil ? index + 2 : index + 3) }
            // `30 SEPT 2026`, `31 AOUT`.
            if let d = number(index, 1...2), words.indices.contains(index + 1), let m = monthWords[String(words[index + 1])] {
                return (date(year(index + 2), m, d), year(index + 2) == nil ? index + 2 : index + 3)
            }
            // `09/30/2026` or `30/09/2026`: only when one reading of them is a date.
            if let a = number(index, 1...2), let b = number(index + 1, 1...2), let y = year(index + 2), joints[index + 1] == "/" || joints[index + 1] == "-" {
                let readings = Set([date(y, a, b), date(y, b, a)].compactMap { $0 })
                return (readings.count == 1 ? readings.first : nil, index + 3)
            }
            return nil
        }
        let skipped: Set<Substring> = ["OF", "DU", "DATED", "DATE", "AS", "AT", "AU", "DE", "ENDING", "ENDED", "PMT", "PAYMENT", "PAIEMENT", "COMPTE", "ACCOUNT", "ACCT", "PER", "THE", "LE"]
        for (index, word) in words.enumerated() where ["STATEMENT", "STMT", "RELEVE", "ETAT"].contains(word) {
            // After the word, past words like `OF ACCOUNT`, `DU`, `DATED`.
            var after = index + 1
            while after < words.count, after - index <= 4, skipped.contains(words[after]) { after += 1 }
            if let found = dateAt(after)?.date { return found }
            // Right before it (`SEP 30 STATEMENT`, `2026-09-30 STMT`; not a payment's date before
            // a name, `DEP 2026-11-18 LA RELEVE PAYSAGEMENT`: the word is a name's then).
            for start in [index - 1, index - 2, index - 3] where start >= 0 {
                if let found = dateAt(start), found.end == index, let date = found.date, !(start > 0 && Customer.textWords.contains(String(words[start - 1]))) { return date }
            }
        }
        return nil
    }

    /// Whether a word of `text` begins like a month's name: told on the bytes, most lines name none.
    static func mayNameMonth(_ text: String) -> Bool {
        var previousIsLetter = false
        var bytes = text.utf8.makeIterator()
        var window: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var atWordStart = -1
        var index = 0
        while let byte = bytes.next() {
            let isLetter = (byte >= 0x41 && byte <= 0x5A)
            if isLetter && !previousIsLetter { atWordStart = index }
            window = (window.1, window.2, byte)
            if isLetter, index - atWordStart == 2, monthStarts.contains(Int(window.0) << 16 | Int(window.1) << 8 | Int(window.2)) { return true }
            previousIsLetter = isLetter
            index += 1
        }
        return false
    }

    private static let monthStarts: Set<Int> = Set(monthWords.keys.map { word in
        let b = Array(word.utf8.prefix(3))
        return Int(b[0]) << 16 | Int(b[1]) << 8 | Int(b[2])
    })

    /// Whether the text writes an invoice's number (its digits, or their end, four or more)
    /// right after an invoice word (`INV 108851`, `FACT. NO 4512`, `INVOICE #2026-4512`).
    static func writtenAfterInvoiceWord(_ number: String, in text: String) -> Bool {
        let digits = String(Self.digits(number).drop { $0 == "0" })
        let labels: Set<String> = ["INV", "INVS", "INVOICE", "INVOICES", "FACT", "FACTS", "FACTURE", "FACTURES", "BILL", "BILLS"]
        let between: Set<String> = ["NO", "NOS", "N", "NBR", "NUM", "NUMBER", "NUMBERS", "REF", "AND", "ET", "&", "+", "OF", "DTD", "DATED", "DU"]
        // Words and marks apart (`INV#108851`, `INV.NO.108981`, `INVOICE#-108961`), an invoice
        // word run into its number too (`INV108851`).
        var words: [Substring] = []
        for piece in text.split(whereSeparator: { $0 == " " || $0 == "#" || $0 == ":" || $0 == "." || $0 == "-" || $0 == "/" }) {
            let letters = piece.prefix { $0.isLetter }
            if letters.count < piece.count, labels.contains(letters.uppercased()), piece[letters.endIndex...].allSatisfy(\.isNumber) {
                words += [letters, piece[letters.endIndex...]]
            } else { words.append(piece) }
        }
        var labelled = false
        for word in words {
            if word.allSatisfy({ !$0.isNumber }) {
                let upper = word.uppercased()
                if labels.contains(upper) { labelled = true } else if !between.contains(upper) { labelled = false }
                continue
            }
            // Numbers after the label: a list (`INVOICES 108851 AND 108870`), a date between
            // (`INV DTD 11-02 108941`), a check digit after (`108871-1`), a number's letters
            // before its digits (`FA26-01234`).
            guard labelled, word.allSatisfy(\.isNumber) else { continue }
            let written = String(word.drop { $0 == "0" })
            if written.count >= 4, written.count <= digits.count, digits.hasSuffix(written) { return true }
        }
        return false
    }

    private static let quarterOrdinals: [String: Int] = ["1ST": 1, "2ND": 2, "3RD": 3, "4TH": 4, "FIRST": 1, "SECOND": 2, "THIRD": 3, "FOURTH": 4,
                                                         "1ER": 1, "1RE": 1, "PREMIER": 1, "2E": 2, "2EME": 2, "DEUXIEME": 2, "3E": 3, "3EME": 3, "TROISIEME": 3,
                                                         "4E": 4, "4EME": 4, "QUATRIEME": 4]

    private static let invoiceWords: Set<String> = ["FACT", "FACTURE", "FACTURES", "INVOICE", "INVOICES", "INV", "CAMPAGNE", "CAMPAIGN", "PUB", "PUBLICITE",
                                                     "ADVERTISING", "ADS", "BILLING", "FACTURATION", "RETAINER", "RENT", "LOYER", "SUBSCRIPTION",
                                                     "ABONNEMENT", "FEE", "FEES", "HONORAIRES", "MONTHLY", "MENSUEL", "MENSUALITE", "SPONSORSHIP",
                                                     "COMMANDITE", "PARRAINAGE"]

    private static let monthWords: [String: Int] = {
        let names: [[String]] = [["JAN", "JANUARY", "JANV", "JANVIER"], ["FEB", "FEBRUARY", "FEV", "FEVR", "FEVRIER"], ["MAR", "MARCH", "MARS"],
                                 ["APR", "APRIL", "AVR", "AVRIL"], ["MAY", "MAI"], ["JUN", "JUNE", "JUIN"], ["JUL", "JULY", "JUIL", "JUILLET"],
                                 ["AUG", "AUGUST", "AOUT"], ["SEP", "SEPT", "SEPTEMBER", "SEPTEMBRE"], ["OCT", "OCTOBER", "OCTOBRE"],
                                 ["NOV", "NOVEMBER", "NOVEMBRE"], ["DEC", "DECEMBER", "DECEMBRE"]]
        var words: [String: Int] = [:]
        for (index, list) in names.enumerated() { for word in list { words[word] = index + 1 } }
        return words
    }()

    /// The group key of a number's digits after a first group glued to letters (`CA01-2026-002021`
    /// → `2026|2021`), when two groups or more follow it; nil otherwise.
    static func groupsAfterPrefix(of number: String) -> String? {
        let bytes = Array(number.utf8)
        guard let first = bytes.firstIndex(where: isDigit), first > 0, isAlphanumeric(bytes[first - 1]) else { return nil }
        guard let groups = matchKeys(of: number).groups?.split(separator: "|"), groups.count >= 3 else { return nil }
        return groups.dropFirst().joined(separator: "|")
    }

    static func isWrittenWithoutLastGroup(_ number: String, in text: String) -> Bool {
        let bytes = Array(fold(number).utf8)
        // The last group (digits, then perhaps one letter) and the separator before it.
        var end = bytes.count
        while end > 0, isAlphanumeric(bytes[end - 1]), !isDigit(bytes[end - 1]) { end -= 1 }
        guard bytes.count - end <= 1 else { return false }
        var start = end
        while start > 0, isDigit(bytes[start - 1]) { start -= 1 }
        guard (1...2).contains(end - start), start > 0, !isAlphanumeric(bytes[start - 1]) else { return false }
        var stem = Array(bytes[..<(start - 1)])
        while let last = stem.last, !isAlphanumeric(last) { stem.removeLast() }
        guard stem.contains(where: { !isDigit($0) && isAlphanumeric($0) }), stem.contains(where: isDigit) else { return false }
        let haystack = Array(text.utf8)
        var from = 0
        while let at = haystack[from...].firstRange(of: stem)?.lowerBound {
            let after = at + stem.count
            // Not inside a longer word, and not followed by another last group (a wrong check digit).
            let alone = (at == 0 || !isAlphanumeric(haystack[at - 1])) && (after == haystack.count || !isAlphanumeric(haystack[after]))
            let anotherGroup = after + 1 < haystack.count && (haystack[after] == 0x2D || haystack[after] == 0x2F) && isAlphanumeric(haystack[after + 1])
            if alone && !anotherGroup { return true }
            from = at + 1
        }
        return false
    }

    /// The one set of `extra` (a dozen at most) whose open amounts, added to `total`, make
    /// `amount` — or exceed it by at most `shortBy`, a charge the bank withheld; nil when none
    /// or several do.
    static func onlyCompletion(of total: Int64, from extra: [OpenItem], to amount: Int64, shortBy tolerance: Int64) -> [OpenItem]? {
        guard !extra.isEmpty, amount > total else { return nil }
        var fit: [OpenItem]?
        for mask in 1..<(1 << extra.count) {
            let chosen = extra.indices.filter { mask & (1 << $0) != 0 }.map { extra[$0] }
            let gap = total + chosen.reduce(Int64(0)) { $0 + $1.open } - amount
            guard gap >= 0 && gap <= tolerance else { continue }
            if fit != nil { return nil }
            fit = chosen
        }
        return fit
    }

    /// How many ways to choose `k` of `n`.
    static func combinations(_ n: Int, _ k: Int) -> Double {
        guard k >= 0, k <= n else { return 0 }
        return (0..<k).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) }
    }

    /// `261217` or `20261217`: a date written without separators (YYMMDD, YYYYMMDD).
    static func isCompactDate(_ digits: [Character]) -> Bool {
        guard digits.count == 6 || digits.count == 8, let value = Int(String(digits)) else { return false }
        let month = value / 100 % 100, day = value % 100
        let yearOK = digits.count == 6 || (19...20).contains(value / 1_000_000)
        return yearOK && (1...12).contains(month) && (1...31).contains(day)
    }

    /// Digit strings a payer may have meant as a reference: each run of digits, without its
    /// leading zeros too, and runs joined across one separator (`-`, `/`, `.`, a space).
    static func candidateNumbers(in text: String, listed: [String]? = nil) -> [String] {
        let runs = digitRuns(in: text)
        var candidates: [String] = []
        func add(_ value: String) {
            if !value.isEmpty && !candidates.contains(value) { candidates.append(value) }
        }
        for index in runs.indices {
            var joined = runs[index].digits
            add(joined)
            add(withoutLeadingZeros(joined))
            var next = index
            while runs[next].joinedToNext && next + 1 < runs.count && next - index < 3 {
                next += 1
                joined += runs[next].digits
                add(joined)
            }
        }
        for number in listed ?? (abbreviatedSeries(in: text) + ranges(in: text)) { add(number) }
        return candidates
    }

    /// Words joining the two ends of a range, as bytes (built once).
    static let rangeConnectors = ["THRU", "THROUGH", "TO", "AU", "A"].map { Array($0.utf8) }

    /// The numbers a range names (`CW104721-23`, `105813 THRU 105815`, `CW105114 TO 17`): from a
    /// number of five digits or more to a higher one, written whole or by its last digits,
    /// twenty at most.
    static func ranges(in text: String) -> [String] {
        // Most lines name no range: five digits, a dash and two more, or a word such as THRU,
        // looked for on the bytes first.
        let bytes = Array(text.utf8)
        let connectors = rangeConnectors
        let dashed = bytes.indices.contains { at in
            bytes[at] == 0x2D && at >= 5 && at + 2 < bytes.count && bytes[(at - 5)..<at].allSatisfy(isDigit) && isDigit(bytes[at + 1]) && isDigit(bytes[at + 2])
        }
        guard dashed || bytes.split(separator: 0x20).contains(where: { word in connectors.contains { $0.elementsEqual(word) } }) else { return [] }
        let words = text.split(separator: " ")
        var found: [String] = []
        func expand(_ first: Substring, _ last: Substring, prefix: Substring = "") {
            guard first.count >= 5, last.count <= first.count, let from = Int(first) else { return }
            guard let to = Int(String(first.dropLast(last.count)) + String(last)), to > from, to - from < 20 else { return }
            for value in from...to {
                let written = String(value)
                let number = String(repeating: "0", count: max(0, first.count - written.count)) + written
                found.append(number)
                // `LSM26-01838 THRU 01842`: the whole numbers' digits start with the group before the dash.
                if !prefix.isEmpty { found.append(String(prefix) + number) }
            }
        }
        for (index, word) in words.enumerated() {
            let digits = word.drop { !$0.isNumber }
            // `CW104721-23`
            if let dash = digits.firstIndex(of: "-") {
                let first = digits[..<dash], last = digits[digits.index(after: dash)...]
                // One digit after the dash is a check digit (`LM117310-3`), not a range's end.
                if first.allSatisfy(\.isNumber), last.count >= 2, last.allSatisfy(\.isNumber) { expand(first, last) }
            }
            // `105813 THRU 105815`
            if index + 2 < words.count, ["THRU", "THROUGH", "TO", "AU", "A"].contains(words[index + 1]) {
                let next = words[index + 2].drop { !$0.isNumber }
                let groups = digits.split(separator: "-", omittingEmptySubsequences: false)
                if !next.isEmpty, next.allSatisfy(\.isNumber), groups.count <= 2, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
                    expand(groups.last!, next, prefix: groups.count == 2 ? groups[0] : "")
                }
            }
        }
        return found
    }

    /// The numbers a series written short names (`FAC2603628/851` names 2603628 and 2603851,
    /// `MT267014&719`): after a number of five digits or more, a slash or `&` and fewer digits
    /// replace its last ones.
    static func abbreviatedSeries(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var found: [String] = []
        var index = 0
        while index < bytes.count {
            guard isDigit(bytes[index]) else { index += 1; continue }
            var end = index
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            var next = end
            // The group before a dash (`26` of `LSM26-01331/32`): the whole number's digits start there.
            var group = index - 1
            while group > 0, bytes[index - 1] == 0x2D, isDigit(bytes[group - 1]) { group -= 1 }
            let prefix = group < index - 1 ? Array(bytes[group..<(index - 1)]) : []
            // `2603628/851/852`: each part after a slash replaces the end of the first number;
            // also after a comma (a lockbox operator's `INVS 103335,68,524`), the first number
            // being too long for a thousands group, when a plural label says a list follows or
            // two commas make one (`INV 104470,2500` is a number and an amount).
            var wordBefore = index
            while wordBefore > 0, [0x20, 0x3A, 0x23].contains(bytes[wordBefore - 1]) { wordBefore -= 1 }
            var wordStart = wordBefore
            while wordStart > 0, bytes[wordStart - 1] >= 0x41 && bytes[wordStart - 1] <= 0x5A { wordStart -= 1 }
            let listLabel = ["INVS", "INVOICES", "FACTURES", "FACTS", "BILLS"].contains(String(decoding: bytes[wordStart..<wordBefore], as: UTF8.self))
            var commas = 0, scan = end
            while scan < bytes.count, isDigit(bytes[scan]) || bytes[scan] == 0x2C { if bytes[scan] == 0x2C { commas += 1 }; scan += 1 }
            // A list begun with slashes goes on with commas too (`LSM26-02200/01,02`).
            var commaList = listLabel || commas >= 2
            while next + 1 < bytes.count, bytes[next] == 0x2F || bytes[next] == 0x26 || (bytes[next] == 0x2C && commaList), isDigit(bytes[next + 1]) {
                if bytes[next] != 0x2C { commaList = true }
                var last = next + 1
                while last < bytes.count, isDigit(bytes[last]) { last += 1 }
                let count = last - next - 1
                // Not an amount paid on it (`NM26-05029/84.381,63`, `NM2604469/1,037.52`): a point,
                // or a comma before three digits (`LSM26-02200/01,02` is two more numbers).
                let digitsAfter = bytes[min(last + 1, bytes.count)...].prefix(while: isDigit).count
                let cents = last + digitsAfter + 2 < bytes.count && bytes[last + digitsAfter + 1] == 0x2E && isDigit(bytes[last + digitsAfter + 2])
                let amount = last + 1 < bytes.count && ((bytes[last] == 0x2E && digitsAfter > 0) || (bytes[last] == 0x2C && digitsAfter == 3 && (cents || bytes[next] != 0x2C)))
                // Nor a date after a comma (`104480,11/20/2026`).
                let date = bytes[next] == 0x2C && last < bytes.count && (bytes[last] == 0x2F || bytes[last] == 0x2D)
                guard end - index >= 5, count < end - index, last == bytes.count || !isAlphanumeric(bytes[last]), !amount, !date else { break }
                let part = Array(bytes[index..<(end - count)] + bytes[(next + 1)..<last])
                found.append(String(decoding: part, as: UTF8.self))
                if !prefix.isEmpty { found.append(String(decoding: prefix + part, as: UTF8.self)) }
                next = last
            }
            index = max(end, next)
        }
        return found
    }

    /// The references inside the ISO 11649 creditor references of a text (`RF18 5390 0754 7034`,
    /// `RF082602923`): what follows `RF` and the two check digits, when the check digits are
    /// right (ISO 7064 mod 97-10), so that a number that merely starts with RF is not taken.
    static func creditorReferences(in text: String) -> [String] {
        let bytes = Array(text.utf8)
        var found: [String] = []
        var index = 0
        while index + 4 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == 0x52, bytes[index + 1] == 0x46, index == 0 || !isAlphanumeric(bytes[index - 1]),
                  isDigit(bytes[index + 2]), isDigit(bytes[index + 3]) else { continue }
            // The reference: letters and digits, in groups of four that may be spaced, up to 21.
            var body: [UInt8] = []
            var groupEnds: [Int] = []
            var end = index + 4
            while end < bytes.count, body.count < 21 {
                if isAlphanumeric(bytes[end]) { body.append(bytes[end]); end += 1 }
                else if bytes[end] == 0x20, end + 1 < bytes.count, isAlphanumeric(bytes[end + 1]), body.count % 4 == 0 { groupEnds.append(body.count); end += 1 }
                else { break }
            }
            // The longest reading whose check digits are right: the whole, or up to a space
            // (a word after a spaced reference belongs to the text).
            let check = Array(bytes[index...(index + 3)])
            guard let length = ([body.count] + groupEnds.reversed()).first(where: { $0 > 0 && checksumIsValid(Array(body.prefix($0)) + check) }) else { continue }
            found.append(String(decoding: body.prefix(length), as: UTF8.self))
        }
        return found
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) }

    /// ISO 7064 mod 97-10 over letters (A = 10 … Z = 35) and digits: the remainder is 1.
    private static func checksumIsValid(_ bytes: [UInt8]) -> Bool {
        var remainder = 0
        for byte in bytes {
            let value = isDigit(byte) ? Int(byte - 0x30) : Int(byte - 0x41) + 10
            remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97
        }
        return remainder == 1
    }

    /// The numbers a range or a short series names (`01830 TO 01833`, `LSM26-02200/01/02`), as a
    /// payer writes each one alone: without leading zeros, the short ones (`1831`) to be read
    /// as the tail of one of the payer's invoices.
    static func listedNumbers(in text: String) -> [String] { standingAlone(abbreviatedSeries(in: text) + ranges(in: text)) }

    /// Numbers a range or a series names, as standing alone: without their zeros, once each.
    static func standingAlone(_ listed: [String]) -> [String] {
        var seen = Set<String>()
        return listed.map(withoutLeadingZeros).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Runs of digits not joined to another by a single separator, without their leading zeros.
    static func standaloneNumbers(in text: String) -> [String] {
        let runs = digitRuns(in: text)
        return runs.indices.filter { !runs[$0].joinedToNext && ($0 == 0 || !runs[$0 - 1].joinedToNext) }
            .map { withoutLeadingZeros(runs[$0].digits) }.filter { !$0.isEmpty }
    }

    /// Runs of three digits or more joined to a neighbour (`8262` in `FACT 8262 18 970,88 $`,
    /// an invoice's short number glued to the amount that follows), without their leading zeros.
    static func gluedNumbers(in text: String) -> [String] {
        let runs = digitRuns(in: text)
        return runs.indices.filter { runs[$0].joinedToNext || ($0 > 0 && runs[$0 - 1].joinedToNext) }
            .map { withoutLeadingZeros(runs[$0].digits) }.filter { $0.count >= 3 }
    }

    /// Labels of a payer's own documents (built once, as their bytes too: a run reads every line).
    static let payersDocumentLabels: Set<String> = ["PO", "BC", "COMMANDE", "ORDER", "VOUCHER", "VCHR", "VCH", "PIECE", "FOURNISSEUR", "VENDOR", "SUPPLIER",
                                                    "CHQ", "CHEQUE", "CHECK", "CHK", "CK", "TRACE", "BATCH", "LOT", "REQ", "REQUISITION",
                                                    // A public body's payment order (`AP WARRANT 0007367`).
                                                    "WARRANT", "WRNT",
                                                    // A contractor's own job, work order and authorization numbers (`JOB# 3634`, `WO 55812`, `AFE 2026-0173`).
                                                    "JOB", "WO", "AFE", "SITE", "PROJET", "PROJECT", "PROJ", "CHANTIER",
                                                    // Our insertion order, which the payer quotes beside the invoices (`IO 26-0493`): no invoice's number.
                                                    "IO",
                                                    // A media agency's estimate, media order and campaign (`EST 40321`, `MO# 2026-006270`, `CAMP 8812`).
                                                    "EST", "ESTIMATE", "MO", "CAMP", "CAMPAIGN"]
    static let payersDocumentLabelBytes = payersDocumentLabels.map { Array($0.utf8) }
    static let payersDocumentConnectors: Set<String> = ["NO", "#", "NUMBER", "NUM", "NBR", "DE", "DU", "D"]

    /// Numbers a label says are the payer's own documents', zeros stripped: a purchase order, a
    /// voucher, its number for us as a supplier, a cheque (`BON DE COMMANDE 4190`, `PO# 45123`,
    /// `NO PIECE 2026-004454`, `NO FOURNISSEUR10438`, `VCHR 00098123`, `JOB# 3634`). A short number so
    /// labelled is not read as the end of one of our invoices' numbers.
    static func payersDocumentNumbers(in text: String) -> [String: Set<String>] {
        let labels = payersDocumentLabels
        let bytes = Array(text.utf8)
        guard payersDocumentLabelBytes.contains(where: { holds(bytes, $0) }) || holds(bytes, Array("I/O".utf8)) else { return [:] }
        let connectors = payersDocumentConnectors
        // `I/O 26-0511` is our insertion order too.
        let words = text.split(separator: " ").map { $0 == "I/O" ? "IO" : $0.filter { $0 != "." && $0 != ":" } }
        var found: [String: Set<String>] = [:]
        for (index, word) in words.enumerated() {
            let letters = String(word.prefix { $0.isLetter })
            guard labels.contains(letters) else { continue }
            var next = word.dropFirst(letters.count).drop { $0 == "#" || $0 == "-" }
            var at = index + 1
            while next.isEmpty, at < words.count, connectors.contains(words[at]) { at += 1 }
            if next.isEmpty, at < words.count { next = Substring(words[at]) }
            // A letter before the digits is the payer's series (`VENDOR NO V1896655`).
            if next.count >= 5, next.first?.isLetter == true, next.dropFirst().allSatisfy(\.isNumber) { next = next.dropFirst() }
            guard next.first?.isNumber == true else { continue }
            for run in next.split(whereSeparator: { !$0.isNumber }) { found[String(run.drop { $0 == "0" }), default: []].insert(letters) }
        }
        return found
    }

    /// Words saying a document is taken off the payment, and those naming the document (built once).
    static let deductionMarkers = ["LESS", "MINUS", "MOINS", "DEDUCT", "DEDUCTED", "DEDUCTING", "NETOF"]
    static let deductionMarkerBytes = (deductionMarkers + ["NET OF", "CRN", "N/C", "CREDIT NOTE", "CREDIT MEMO", "CR MEMO"]).map { Array($0.utf8) }
    static let deductedDocumentLabels: Set<String> = ["OF", "CREDIT", "CR", "MEMO", "NOTE", "CM", "CN", "NC", "DE", "AVOIR", "OUR", "YOUR", "NO", "#", "RETURN", "ALLOWANCE"]

    /// The digits of the numbers a text says are taken off the payment, credit notes deducted
    /// (`INV 4512 LESS RINV/2026/00051`, `02001LESS CR MEMO 4471`, `NET OF CREDIT NOTE 88`,
    /// `MOINS NOTE DE CREDIT 12`): the first number after the word, past words naming the document.
    /// Amounts (`LESS 150.00`) and percentages are no documents. Payers also write the invoice
    /// they pay there (`LESS RETURN 103854`): the matcher decides which it is.
    static func deductedNumbers(in text: String) -> Set<String> {
        let markers = deductionMarkers
        let bytes = Array(text.utf8)
        guard deductionMarkerBytes.contains(where: { holds(bytes, $0) }) else { return [] }
        let labels = deductedDocumentLabels
        let words = text.split(separator: " ")
        var found = Set<String>()
        for (index, word) in words.enumerated() {
            // The marker alone, or run into the number before it (`INV/2026/02001LESS`).
            let letters = String(word.reversed().prefix { $0.isLetter }.reversed())
            // Or a credit note named as one (`CRN CN260320 CREDIT 981.99 AGAINST NA254641`,
            // `CREDIT MEMO 4471`, `N/C 2291`): netted against what is paid, whatever its digits.
            guard markers.contains(letters) || (word == "NET" && index + 1 < words.count && words[index + 1] == "OF") || namesCreditNote(words, at: index) else { continue }
            var at = index + 1
            while at < words.count, at - index <= 4, labels.contains(String(words[at])) { at += 1 }
            guard at < words.count, case let next = words[at], next.contains(where: \.isNumber),
                  !next.contains("%"), moneyAmounts(in: Array(next.utf8)).isEmpty else { continue }
            let digits = Self.digits(String(next))
            if digits.count >= 3 { found.insert(digits) }
            // And its groups without zeros (`2026|256` of F2026-C0256), as invoices are found by.
            if digits.count >= 3, let groups = matchKeys(of: String(next)).groups { found.insert(groups) }
        }
        return found
    }

    /// Whether the word at `index` names a credit note (`CRN`, `N/C`, `CREDIT NOTE`, `CREDIT MEMO`, `CR MEMO`).
    static func namesCreditNote(_ words: [Substring], at index: Int) -> Bool {
        let word = words[index], next = index + 1 < words.count ? words[index + 1] : ""
        return word == "CRN" || word == "N/C" || (word == "CREDIT" && (next == "NOTE" || next == "MEMO")) || (word == "CR" && next == "MEMO")
    }

    /// The digits of credit notes named as such with their amount written after them (`CRN
    /// 260388 CREDIT 1,543.84`, `N/C 5512 940.00`): credit notes for sure, even when their digits
    /// are one of the payer's own open invoices (`CRN 7710` alone may be its reference for one).
    static func statedCreditNotes(in text: String) -> Set<String> { Set(statedCreditAmounts(in: text).keys) }

    /// Those credit notes' digits and the amounts written after them.
    static func statedCreditAmounts(in text: String) -> [String: Int64] {
        let words = text.split(separator: " ")
        var found: [String: Int64] = [:]
        for index in words.indices where namesCreditNote(words, at: index) {
            var at = index + 1
            while at < words.count, at - index <= 4, deductedDocumentLabels.contains(String(words[at])) { at += 1 }
            guard at < words.count, words[at].contains(where: \.isNumber), moneyAmounts(in: Array(words[at].utf8)).isEmpty else { continue }
            let after = words[(at + 1)...].prefix(3).drop { ["CREDIT", "AMT", "AMOUNT"].contains($0) }
            if let amount = creditAmount(Array(after)) { found[digits(String(words[at]))] = amount }
        }
        return found
    }

    /// What a scanner may have misread in a word mixing letters and digits (`CWl05244`,
    /// `CWl0443O`, `CW1047022`, `LSM26-Ol789`): letters beside the digits read as the digits they
    /// look like (O 0, I and L 1, S 5, B 8, Z 2), a dash or slash between them dropped, and a digit
    /// doubled read once; five digits or more.
    static func misreadings(in text: String) -> [(digits: String, written: String)] {
        let looksLike: [Character: Character] = ["O": "0", "I": "1", "L": "1", "S": "5", "B": "8", "Z": "2", "G": "6"]
        let joins: Set<Character> = ["-", "/"]
        var found: [(digits: String, written: String)] = []
        // Most words are plain ASCII without a letter or four digits: told apart on their bytes.
        let words = text.utf8.split(separator: 0x20).filter { word in
            word.contains { $0 >= 0x80 } || (word.contains { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } && word.count { $0 >= 0x30 && $0 <= 0x39 } >= 4)
        }
        for word in words.map(Substring.init) where word.contains(where: \.isLetter) {
            let characters = Array(word)
            // Each run of digits and letters that look like digits (`1NV-2026-002G00`: `2026-002G00`,
            // the `1` of a misread `I` standing apart), four digits or more.
            var runs: [Range<Int>] = []
            var start = 0
            for index in 0...characters.count {
                let fits = index < characters.count && (characters[index].isNumber || looksLike[characters[index]] != nil || joins.contains(characters[index]))
                if !fits { if index > start { runs.append(start..<index) }; start = index + 1 }
            }
            for run in runs {
                var slice = characters[run]
                while let first = slice.first, joins.contains(first) { slice = slice.dropFirst() }
                while let last = slice.last, joins.contains(last) { slice = slice.dropLast() }
                guard slice.filter(\.isNumber).count >= 4 else { continue }
                let digits = slice.filter { !joins.contains($0) }.map { looksLike[$0] ?? $0 }
                guard digits.count >= 5 else { continue }
                var variants: [String] = []
                if slice.contains(where: { looksLike[$0] != nil }) { variants.append(String(digits)) }
                for index in digits.indices.dropFirst() where digits.count >= 7 && digits[index] == digits[index - 1] {
                    var once = digits
                    once.remove(at: index)
                    variants.append(String(once))
                }
                for variant in variants where !found.contains(where: { $0.digits == variant }) { found.append((variant, String(word))) }
            }
        }
        return found
    }

    /// Whether `written` is one of `nearMisses(digits)`, its leading zeros aside: written with
    /// two neighbouring digits swapped or one digit wrong.
    static func isNearMiss(_ written: String, of digits: String) -> Bool {
        var typed = Array(written.utf8.drop { $0 == 0x30 })
        let target = Array(digits.utf8)
        guard typed.count <= target.count else { return false }
        typed = [UInt8](repeating: 0x30, count: target.count - typed.count) + typed
        let differ = target.indices.filter { typed[$0] != target[$0] }
        return differ.count == 1 || (differ.count == 2 && differ[1] == differ[0] + 1 && typed[differ[0]] == target[differ[1]] && typed[differ[1]] == target[differ[0]])
    }

    /// The digit strings that differ from `candidate` by one adjacent swap or one digit.
    static func nearMisses(_ candidate: String) -> Set<String> {
        var found = Set<String>()
        let digits = Array(candidate)
        for position in digits.indices {
            if position + 1 < digits.count, digits[position] != digits[position + 1] {
                var swapped = digits
                swapped.swapAt(position, position + 1)
                found.insert(String(swapped))
            }
            for replacement in "0123456789" where replacement != digits[position] {
                var changed = digits
                changed[position] = replacement
                found.insert(String(changed))
            }
        }
        return found
    }

    /// A number's letters and digits, upper case, without its marks (`MTL2634529` of MTL-26-34529).
    static func lettersAndDigits(_ text: some StringProtocol) -> String { String(text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }) }

    /// The number ending a text, which the bank may have cut there (`PMT 131 MTL-26-3452`): its
    /// digits, five or more, ending the text, in a word that holds letters or marks too (a
    /// number of ours is rarely digits alone, and a cheque's or an account's is).
    static func numberEndingText(_ text: String) -> (digits: String, written: String)? {
        let words = text.split(separator: " ")
        guard let last = words.last, let end = last.utf8.last, isDigit(end) else { return nil }
        // Not a customer's account number (`BILL PAY ACCT A10554`).
        if words.count >= 2, ["ACCT", "ACCOUNT", "ACC", "CUST", "CUSTOMER", "CLIENT", "COMPTE", "MEMBER"].contains(words[words.count - 2].filter(\.isLetter)) { return nil }
        let digits = String(decoding: last.utf8.filter(isDigit), as: UTF8.self)
        guard digits.count >= 5, digits.utf8.count < last.utf8.count else { return nil }
        return (digits, String(last))
    }

    /// Counts written in words (English, French).
    static let spelledCounts = ["ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "UNE": 1, "DEUX": 2, "TROIS": 3, "QUATRE": 4, "CINQ": 5]

    /// How many invoices a text says it pays beyond those it lists (`+3 MORE`, `+ 2 OTHERS`,
    /// `AND 2 MORE INVOICES`, `AND ONE OTHER`, `ET 2 AUTRES`): a count of one to six, in figures or
    /// words, before the word, ending the text or followed by an invoice word (not `3 MORE MONTHS`).
    static func statedMoreCount(in text: String) -> Int? {
        let words = fold(text).split(separator: " ").map { $0.filter { $0.isLetter || $0.isNumber } }.filter { !$0.isEmpty }
        for index in words.indices.dropFirst() where ["MORE", "OTHERS", "OTHER", "AUTRES", "AUTRE"].contains(words[index]) {
            guard let count = Int(words[index - 1]) ?? spelledCounts[String(words[index - 1])], (1...6).contains(count) else { continue }
            let next = index + 1 < words.count ? String(words[index + 1]) : nil
            if next == nil || ["INV", "INVS", "INVOICE", "INVOICES", "FACT", "FACTURE", "FACTURES", "ITEMS", "DOCS", "DOCUMENTS"].contains(next!) { return count }
        }
        return nil
    }

    /// Up to `limit` sets of at most `maximumSize` items whose open amounts sum to `target`.
    static func subsets(of pool: [OpenItem], summingTo target: Int64, maximumSize: Int, limit: Int) -> [[OpenItem]] {
        subsets(of: pool, summingFrom: target, to: target, maximumSize: maximumSize, limit: limit)
    }

    /// Up to `limit` sets of at most `maximumSize` items whose open amounts sum to between `low`
    /// and `high`, both included.
    static func subsets(of pool: [OpenItem], summingFrom low: Int64, to high: Int64, maximumSize: Int, limit: Int) -> [[OpenItem]] {
        // A payer with very many open invoices is searched among its oldest ones only: the
        // search is exponential in the pool's size. Largest first, and a branch stops as soon as
        // what is left cannot reach the amount.
        let pool = Array(pool.filter { $0.open <= high }.prefix(40)).sorted { ($0.open, $1.dueDate) > ($1.open, $0.dueDate) }
        var within = [Int64](repeating: 0, count: pool.count + 1)
        for index in pool.indices.reversed() { within[index] = within[index + 1] + pool[index].open }
        guard within[0] >= low else { return [] }
        // The search runs on the amounts alone (copying items cost more than the search itself).
        let amounts = pool.map(\.open)
        var results: [[Int]] = []
        var chosen: [Int] = []
        chosen.reserveCapacity(maximumSize)
        var steps = 0
        // `remaining`: what the set still lacks to reach `high`; it is in range once at most
        // `high - low` is lacking.
        let slack = high - low
        func search(_ start: Int, _ remaining: Int64) {
            guard results.count < limit, steps < 100_000 else { return }
            steps += 1
            if remaining <= slack, !chosen.isEmpty {
                results.append(chosen)
                if remaining == 0 || results.count >= limit { return }
            }
            let lacking = remaining - slack
            guard chosen.count < maximumSize, within[start] >= lacking else { return }
            // Largest first: the most the items left can add is the next ones allowed, in order.
            let room = min(amounts.count, start + maximumSize - chosen.count)
            guard within[start] - within[room] >= lacking else { return }
            for index in start..<amounts.count where amounts[index] <= remaining {
                chosen.append(index)
                search(index + 1, remaining - amounts[index])
                chosen.removeLast()
                if results.count >= limit { return }
            }
        }
        if high > 0 { search(0, high) }
        var sets = results.map { set in set.map { pool[$0] }.sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) } }
        // A search cut short cannot say a set is the only one: report it as ambiguous.
        if steps >= 100_000, sets.count == 1 { sets.append(sets[0]) }
        return sets
    }
}

extension CashMatcher {
    /// What a run should load beyond what its readings' keys found (`found`: the invoices, open
    /// or settled, their keys named): the open items of payers whose lines name no open invoice,
    /// up to the most such a line brought (a payment without a reference settles a set of them),
    /// the numbers one digit off the references of those lines (a mistyped reference), and the
    /// digits of a number ending their text, whose invoices are loaded by their beginning (a
    /// number the bank cut). A line that turns out to need more (what it named was settled by a
    /// line before it) is met by `step`'s `needs`.
    public static func followUp(_ readings: [PaymentReading], found: [OpenItem], policy: MatchPolicy = MatchPolicy())
        -> (pools: [String: Int64], nearMisses: Set<String>, cutNumbers: Set<String>) {
        var byDigits: [String: [OpenItem]] = [:], byTail: [String: [OpenItem]] = [:], byGroups: [String: [OpenItem]] = [:]
        for item in found where item.open > 0 {
            let keys = matchKeys(of: item.number)
            byDigits[keys.digits, default: []].append(item)
            if let tail = keys.tail { byTail[tail, default: []].append(item) }
            if let groups = keys.groups { byGroups[groups, default: []].append(item) }
        }
        var pools: [String: Int64] = [:]
        var nearMisses = Set<String>(), cutNumbers = Set<String>()
        for reading in readings {
            let currency = reading.payment.amount.currency
            let namesOpen = reading.candidates.contains { (byDigits[$0] ?? []).contains { $0.currency == currency } }
                || reading.groupKeys.contains { (byGroups[$0] ?? []).contains { $0.currency == currency } }
                || reading.tailKeys.contains { (byTail[$0] ?? []).contains { $0.currency == currency && (reading.payer == nil || $0.customer == reading.payer) } }
            guard !namesOpen else { continue }
            // Up to the amount and a bank charge within the tolerance (an invoice the line may be short of).
            // All of them when the text names months or a statement's date (`CashMatcher.decide`: what was issued then).
            if let payer = reading.payer {
                pools[payer] = max(pools[payer] ?? 0, reading.months.isEmpty && reading.statementDate == nil ? reading.payment.amount.minorUnits + policy.resolved(for: currency).feeTolerance : .max)
            }
            nearMisses.formUnion(reading.nearMissKeys)
            if let cut = reading.cutAtEnd, byDigits[cut.digits] == nil { cutNumbers.insert(cut.digits) }
        }
        return (pools, nearMisses, cutNumbers)
    }
}

/// What a bank line says, read once: its text folded, the numbers in it, its payer. Reading is
/// pure and needs no open item, so a run reads all its lines first (in parallel) and loads only
/// the invoices the readings can name.
public struct PaymentReading: Sendable {
    /// (Its amount raised by the credit notes a payment nets, when the matcher weighs them.)
    public internal(set) var payment: IncomingPayment
    /// Upper case, without accents: the remittance text and the structured references.
    let text: String
    /// Digit strings the payer may have meant as a reference (`CashMatcher.candidateNumbers`).
    public internal(set) var candidates: [String]
    /// The digits of the payer's customer code where the text quotes it (`ACCT C10456`: 10456).
    var customerNumber: String? = nil
    /// Runs of digit groups, zeros stripped (`2026|3074`).
    public internal(set) var groupKeys: [String]
    /// Numbers standing alone, zeros stripped.
    public internal(set) var standalone: [String]
    /// The customer the payer's name or account names, and which of them did.
    public let payer: String?
    let payerNote: String
    /// Customers whose whole name (two words or more) the text holds: a payer paying for
    /// another often names it (`ULT DBTR: …`, `ON BEHALF OF …`).
    var namedInText: Set<String> = []
    /// Numbers of three digits or more joined to a neighbour, zeros stripped.
    var glued: [String] = []
    /// Another customer whose longer name begins with the payer's name as read.
    var payerNameAlsoBegins: String? = nil
    /// Another customer the text names besides the payer: a quoted customer code against the
    /// name read (an owner paying from a personal account, or another's code in the text).
    var payerRival: String? = nil
    /// With no payer: the customers the payer's name fits alike (a banner's stores, no town said).
    var payersAlike: [String] = []
    /// The ends (4–8 digits) of long runs of digits, where a payer's AP system ran its own
    /// document number into ours (`5100019929104996`): numbers of the payer's invoices, perhaps.
    public var afterDocumentNumbers: [String] = []
    /// What a scanner may have misread as letters in the invoice numbers (`CashMatcher.misreadings`).
    var misread: [(digits: String, written: String)] = []
    /// The stores a franchisor lists, with what it pays for each.
    var storesListed: [(customer: String, amount: Int64)] = []
    /// A deposit of several cheques listed one by one (`CHQ 7427 BRAZEAU COFFEE ROASTERS LTD
    /// 1,942.50 / CHQ 9840 … INV CW104592 1,764.00`): each cheque's payer as its name reads,
    /// the numbers it writes and its amount.
    var chequesListed: [(customer: String?, numbers: [String], amount: Int64)] = []
    /// The digits of numbers the text says are taken off the payment (`CashMatcher.deductedNumbers`).
    var deducted: Set<String> = []
    /// The text says the payer pays on behalf of a customer (`ON BEHALF OF`, `POUR LE COMPTE
    /// DE`): a customer named before those words, or in the payer's name (an agency, a parent),
    /// pays for another. A platform or a bank no customer is named before pays for the customer
    /// named after them (`PAYMODE-X … ON BEHALF OF MAGNOLIA PIZZA INC`): that one pays.
    var paysForAnother = false
    /// The customer named after those words when the one paying is of its group by a parent on
    /// file, or a holding not on file whose first words hold the customer's brand (`GESTION
    /// DUFRESNE INC ON BEHALF OF DUFRESNE MAPLE USA INC`): naming no invoice, it pays that
    /// customer's, as if that customer paid. Not an agency for its client: which of the client's invoices its
    /// money is for is the agency's to say (case 30's truth leaves those to a person).
    var beneficiary: String? = nil
    /// The customer named after those words otherwise (an agency's client): whose invoice a person
    /// may be shown, not one to apply.
    var paidFor: String? = nil
    /// Customers the name fits as well, told apart by being billed in another currency (`PayerDirectory.read`).
    var payerBilledElsewhere: [String] = []
    /// Numbers the payer labels as its own documents' (`CashMatcher.payersDocumentNumbers`).
    var payersDocuments: [String: Set<String>] = [:]
    /// Numbers the text marks as invoices' (`CashMatcher.markedNumbers`).
    var invoiceMarked: Set<String> = []
    /// The payer known by its initials only (`MLTC`, `CSS DE LA CAPITALE`).
    var payerByInitials = false
    /// Known by a name it mistyped (`NameIndex.typoOf`): another business's real name may be one
    /// letter from a customer's (`PAYING`/`PAVING`, `HANSON`/`HANSEN`), so the amount alone
    /// decides nothing for it; a reference to its invoice does.
    var payerMistyped = false
    /// Customers of the payer's group (`PayerDirectory.groups`), and whether the payer is an agency.
    var payerKin: Set<String> = []
    var payerIsAgency = false
    /// The payer is a government's or a public body's paying office (`RECEIVER GENERAL FOR
    /// CANADA`, `MINISTRE DES FINANCES DU QUEBEC`, `STATE COMPTROLLER`): it pays its departments'
    /// invoices, as an agency its clients'.
    var payerIsPayingOffice = false
    /// The payer is a group's paying centre (`UNILEVER PAYMENT FACTORY`, `BCE INC SHARED SVCS`):
    /// it pays for the group's companies, its own invoices as much as theirs.
    var payerIsGroupCentre = false
    /// Customers whose name's initials the payer's whole name is (`UHN` for University Health
    /// Network, `SQI`): confirms a reference to one of their invoices, names nobody alone.
    var initialsWritten: Set<String> = []
    /// The months the remittance names as its invoices' (`CashMatcher.monthsNamed`), the bank's
    /// reference and customers' names aside.
    var months: [(month: Int, year: Int?)] = []
    /// The date of the statement of account it says it pays (`CashMatcher.statementDate`).
    var statementDate: BusinessDate? = nil
    /// The payer is known, but not beyond doubt: its name, cut short, begins another's too; a
    /// name and a code name two customers; known by initials or a mistyped name; or it says it
    /// pays for another. The amount alone then decides nothing for it.
    var payerInDoubt: Bool { payerNameAlsoBegins != nil || payerRival != nil || payerByInitials || payerMistyped || paysForAnother || !payerNamesakes.isEmpty }
    /// Other customers whose names hold every word of the payer's as read, in another order or
    /// with others between (`NameIndex.namesakes(of:in:)`).
    var payerNamesakes: [String] = []
    /// Every other customer whose name holds the payer's words as read: one of them may be the
    /// payer, and an invoice of theirs it names is as likely its own.
    var payerNameAlsoFits: [String] = []
    /// Other customers whose names hold every word of one of the payer's own (`NameIndex.fitting`):
    /// an invoice of theirs named, the amount confirming it, is theirs.
    var payerNameHeldBy: Set<String> = []
    /// A person on the contacts of several customers names them (a bookkeeper paying for one of
    /// its clients): a short number is looked for among their invoices.
    var personClients: [String] = []
    /// Whether a customer is of the payer's group or one its name fits (an invoice of theirs may be what it pays).
    func isPayersKinOrNamesake(_ customer: String) -> Bool {
        payerKin.contains(customer) || payerNameAlsoFits.contains(customer) || payerNameHeldBy.contains(customer)
    }
    /// Whether a month is named as a campaign's delivery (`CashMatcher.namesDeliveryMonth`).
    var monthsDelivered = false
    /// The years of dates written with a month's name (`CashMatcher.yearsOfDates`): no invoice's last group.
    var datedYears: Set<String> = []
    /// A number ending the remittance text that may have been cut there (`CashMatcher.numberEndingText`).
    public var cutAtEnd: (digits: String, written: String)? = nil

    /// Short numbers that may be an invoice's last group (`#3074`).
    public var tailKeys: [String] { standalone.filter { $0.count >= 3 } + glued }

    /// Digit strings one digit off the references: a mistyped reference is looked for among them
    /// when nothing else is named.
    public var nearMissKeys: Set<String> {
        candidates.filter { $0.count >= 6 }.reduce(into: Set<String>()) { $0.formUnion(CashMatcher.nearMisses($1)) }
            .union(misread.map(\.digits))
    }
}

/// The customers as payers: their names (legal, display, learned aliases) and bank accounts.
public struct PayerDirectory: Sendable {
    private let names: NameIndex
    private let accounts: [String: String]
    /// Each customer's group: names that begin alike (`NameIndex.kin`), a parent and its subsidiaries.
    private let groups: [String: Set<String>]
    /// Customers by the word their names begin with (`NameIndex.firstWordOf`, turned round).
    private let byFirstWord: [String: [String]]
    /// Each customer's group by its parent on file only (names beginning alike aside).
    private let parentGroups: [String: Set<String>]
    /// Agencies: on file as such, or named as one (`… MEDIA`, `… COMMUNICATIONS`, `AGENCE …`).
    private let agencies: Set<String>
    /// Customers that are a government's or a public body's paying office (`Ministère des
    /// Finances du Québec`): they pay for their departments.
    private let payingOffices: Set<String>
    private let namedAsCentres: Set<String>
    /// Each customer's billing currency, when on file.
    private let currencies: [String: Currency]
    static let agencyWords: Set<String> = ["MEDIA", "MEDIAS", "COMMUNICATION", "COMMUNICATIONS", "AGENCE", "AGENCY", "ADVERTISING", "PUBLICITE", "PUBLICITES", "MARKETING",
                                           "CREATIVE", "CREATIF", "CREATIFS", "BRANDING"]
    /// Words an agency's name may go on with after its agency word (`LIGHTHOUSE MEDIA GROUP`, `RIDEAU MEDIA BUYING`).
    static let agencyTail: Set<String> = ["GROUP", "GROUPE", "BUYING", "PLANNING", "PLACEMENT", "AGENCY", "SERVICES", "SOLUTIONS", "INTERNATIONAL", "CANADA", "USA", "US",
                                          "INTERACTIVE", "DIGITAL", "NUMERIQUE", "PARTNERS", "WORLDWIDE", "NETWORK", "STRATEGIES", "CONSEIL", "COMMUNICATIONS", "MARKETING"]

    /// Whether a name is a media agency's: it begins with `AGENCE`, `MEDIA`, `GROUPE MEDIA`, or ends
    /// with an agency word and what agencies add (`PIXEL & PLUME COMMUNICATIONS`, `RIDEAU MEDIA
    /// BUYING`); not a business that merely holds one (`SOCIAL MEDIA CAFE`, `FARMERS MARKETING
    /// CO-OP`, `BUFFALO INSURANCE AGENCY`).
    static func isNamedAsAgency(_ name: String) -> Bool {
        let words = Customer.normalizedPayerWords(name)
        guard let first = words.first else { return false }
        if ["AGENCE", "MEDIA", "MEDIAS"].contains(first) || (words.count > 1 && ["GROUPE", "GROUP"].contains(first) && ["MEDIA", "MEDIAS"].contains(words[1])) { return true }
        guard let at = words.lastIndex(where: agencyWords.contains) else { return false }
        if words[at] == "AGENCY", at > 0, ["INSURANCE", "TRAVEL", "REAL", "REALTY", "EMPLOYMENT", "STAFFING", "TALENT", "MODELING", "MODELLING", "COLLECTION",
                                          "COLLECTIONS", "SHIPPING"].contains(words[at - 1]) { return false }
        return words[(at + 1)...].allSatisfy(agencyTail.contains)
    }
    /// Words of a third party paying for someone with money not its own (a trust account, a claim).
    static let thirdPartyWords: Set<String> = ["TRUST", "TRUSTEE", "FIDUCIE", "FIDEICOMMIS", "NOTAIRE", "NOTAIRES", "LLP", "SENCRL", "CLAIM", "CLAIMS", "RECLAMATION",
                                               "INSURANCE", "ASSURANCE", "ASSURANCES", "SETTLEMENT", "ESTATE", "SUCCESSION", "RECEIVER", "RECEIVERSHIP", "SYNDIC"]
    /// Words a group's holding or treasury company is named with.
    static let holdingWords: Set<String> = ["GESTION", "GESTIONS", "HOLDING", "HOLDINGS", "TREASURY", "TRESORERIE", "PORTEFEUILLE"]
    /// Payables platforms and processors that pay suppliers for their customers: their name as
    /// the payer says nothing of whose money it is.
    static let platformWords: Set<String> = ["PAYMODE", "PAYMODEX", "BOTTOMLINE", "AVIDXCHANGE", "AVIDPAY", "TIPALTI", "MELIO", "PLASTIQ", "VERSAPAY", "COUPA",
                                             "CORPAY", "COMDATA", "STRIPE", "PAYPAL", "PLOOTO", "NVOICEPAY", "BILLTRUST", "PAYONEER", "BILLCOM", "TRADESHIFT"]
    /// Banks and the words of their transfers, as they print them before `FOR THE ACCOUNT OF`.
    static let bankWords: Set<String> = ["BANK", "BANQUE", "RBC", "ROYAL", "TD", "BMO", "CIBC", "SCOTIABANK", "SCOTIA", "DESJARDINS", "HSBC", "CITIBANK",
                                         "CITI", "JPMORGAN", "CHASE", "WELLS", "FARGO", "BNC", "NATIONALE", "LAURENTIENNE", "ATB", "TANGERINE", "TRANSFERT",
                                         "FONDS", "INCOMING", "OUTGOING", "ORIGINATOR", "BENEFICIARY", "MT103", "ADVICE", "DES", "ID", "INDN", "PMX"]

    /// Whether the text names a payables platform (`PAYMODE-X`, `BILL.COM`, `BILL COM`, `AVIDXCHANGE INC`).
    static func namesPlatform(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == ".") }).map { String($0.filter { $0 != "." }) }
        return words.contains(where: platformWords.contains) || zip(words, words.dropFirst()).contains { $0 == ("BILL", "COM") }
    }

    /// Customer codes a payer may quote (`CUST# C-8675`): those with letters and digits, four
    /// characters or more, by their letters and digits.
    private let codes: [String: String]
    /// Customer codes of digits only (`10452`): a payer quotes them after a label (`ACCT`,
    /// `NO DE CLIENT`), or behind the seller's own letters (`BOR-10452`, `BOR10411`).
    private let numericCodes: [String: String]
    /// Customer codes of a few letters then digits (`C10456`) by their digits, held by one
    /// customer only: a bill payment's account field holds the digits (`TD BILL PMT 0000010456`,
    /// `ACCT C 10456`), the letters dropped or apart.
    private let codeDigits: [String: (code: String, letters: String)]
    /// A network's stores, customers named with their store number (`Chez Lulu #14 Beauport`): by
    /// the brand word before the number, then by the number without its zeros.
    private let stores: [String: [String: String]]
    /// The brands each other customer's name holds (`Franchises Lulu inc.`: LULU): a franchisor
    /// paying for its stores.
    private let brands: [String: Set<String>]
    /// Customers by the name their e-mail domain spells (`fromageriedulac.ca`: FROMAGERIEDULAC),
    /// eight letters or more, a mail provider's aside; a domain two customers share names neither.
    private let domains: [String: String?]
    /// Contacts' e-mail addresses (folded), with the one customer each is on.
    private let addresses: [String: String?]
    /// The first four letters of those names: most words of a text start none.
    private let domainStarts: Set<String>
    /// Customers by a person of theirs, from a contact's address (`kenji.sokolov@…`): the two
    /// names in alphabetical order (`KENJI SOKOLOV`); a person two customers share names neither.
    private let people: [String: String?]
    /// First and last names on the contacts of several customers (two to six), and theirs.
    private let peopleOfSeveral: [String: [String]]
    /// Words of customers' names as banks mangle their accents — each accented letter replaced by
    /// `?` (`R?SIDENCE`, `SAINT-J?R?ME`, `CABANE ? SUCRE`) — with the word they are; nil where
    /// two words would be mangled alike.
    private let mangled: [String: String?]

    /// Whether the customer read is the company whose paying centre pays (`BCE INC SHARED SVCS`
    /// for BCE Inc.), not one the text names as the one it pays for (`… FOR ACCOUNT OF BELL
    /// CANADA`, `… FOR ACCOUNT OF BCE INC.`: that company's own payment, named).
    func paidByItsCentre(_ customer: String, centre: String, text: String) -> Bool {
        guard names.begins(centre, with: customer) else { return false }
        let words = text.split(separator: " ")
        let starts = words.indices.filter { index in names.begins(words[index...].joined(separator: " "), with: customer) }
        return starts.count <= 1
    }

    /// Whether the payer itself is a paying office (not a text that mentions one, `ATTN
    /// TREASURER`): its name field, or the name the text starts with. A customer found at the
    /// start of it is the payer: an office only when that customer is one.
    func isPayingOffice(_ payment: IncomingPayment, text: String, named: String?) -> Bool {
        // Most lines name no office anywhere: asked on the bytes first.
        let namedOffice = named.map(payingOffices.contains) == true
        guard namedOffice || CashMatcher.mayNamePayingOffice(payment.payerName.map { CashMatcher.fold($0) } ?? text) else { return false }
        let payer = payment.payerName.map { CashMatcher.fold($0) } ?? CashMatcher.leadingName(text)
        if let named, names.begins(payer, with: named) { return namedOffice || (!namedAsCentres.contains(named) && CashMatcher.groupPayingCentre(payer).isCentre) }
        return namedOffice || CashMatcher.isPayingOffice(payer)
    }

    /// The text with the words of customers' names whose accents a bank mangled written as they are.
    func unmangled(_ text: String) -> String {
        // Every mangled form holds a `?`: most lines hold none, and are not split. A system that
        // could not decode the letter writes U+FFFD instead (`B�LANGER`): the same `?`.
        let text = text.utf8.contains(0xEF) ? text.replacingOccurrences(of: "\u{FFFD}", with: "?") : text
        guard !mangled.isEmpty, text.utf8.contains(0x3F) else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false)
        var changed = false
        for index in words.indices { if let word = mangled[String(words[index])], let word { words[index] = Substring(word); changed = true } }
        return changed ? words.joined(separator: " ") : text
    }

    /// Parts of an address that are a role, not a person (`accounts.payable@`).
    static let roleWords: Set<String> = ["ACCOUNTS", "ACCOUNT", "PAYABLE", "RECEIVABLE", "AP", "AR", "BILLING", "INVOICES", "INVOICE", "FINANCE", "ADMIN", "COMPTES",
                                         "COMPTABILITE", "FACTURES", "FACTURATION", "PAYMENTS", "PAYMENT", "INFO", "CONTACT", "OFFICE", "SALES", "HELLO",
                                         "ACCOUNTING", "TREASURY", "PAIEMENTS", "NOREPLY", "REPLY", "NO", "TEAM", "SUPPORT", "MAIL", "ORDERS", "PAY"]

    /// A person a contact's address names (`kenji.sokolov@…`, `marie-josee.dube@…`): first name
    /// and last name, each its words (a hyphen between them); a role's address names nobody.
    static func personOfAddress(_ email: String) -> (first: [String], last: [String])? {
        guard let at = email.firstIndex(of: "@") else { return nil }
        let parts = email[..<at].uppercased().split(whereSeparator: { $0 == "." || $0 == "_" }).map { $0.split(separator: "-").map(String.init) }
        guard parts.count == 2, parts.joined().allSatisfy({ $0.count >= 2 && $0.allSatisfy { $0.isASCII && $0.isLetter } && !roleWords.contains($0) }) else { return nil }
        return (parts[0], parts[1])
    }

    /// A person a customer's legal name is made of, as Québec's professional corporations are
    /// named (`Dre Stéphanie Racine, dentiste inc.`, `Mélanie Vachon, notaire inc.`): the two or
    /// three words before the comma, a title aside; the last is the last name.
    static func personOfName(_ name: String) -> (first: [String], last: [String])? {
        guard let comma = name.firstIndex(of: ",") else { return nil }
        var words = CashMatcher.fold(String(name[..<comma])).split(separator: " ").map(String.init)
        if let title = words.first, personTitles.contains(title.filter(\.isLetter)) { words.removeFirst() }
        guard (2...3).contains(words.count), words.allSatisfy({ word in word.count >= 2 && word.allSatisfy { $0.isLetter || $0 == "-" } }),
              !words.contains(where: { Customer.legalForms.contains($0) || NameIndex.fillers.contains($0) || NameIndex.businessWords.contains($0) }) else { return nil }
        return (words.dropLast().flatMap { $0.split(separator: "-").map(String.init) }, words.last!.split(separator: "-").map(String.init))
    }

    /// A person's key: all their names' words in alphabetical order (`KENJI SOKOLOV`), or the
    /// last name and the first name's initial (`TANGUAY N.`) or its words' two (`BISSON J.F.`),
    /// as banks print a holder.
    static func personKey(first: [String], last: [String]) -> String { (first + last).sorted().joined(separator: " ") }
    static func personKey(initials: [String], last: [String]) -> String { last.joined(separator: " ") + " " + initials.map { "\($0.prefix(1))." }.joined() }

    /// Mail providers and hosts whose domain says nothing of the customer.
    static let mailProviders: Set<String> = ["GMAIL", "GOOGLEMAIL", "HOTMAIL", "OUTLOOK", "LIVE", "MSN", "YAHOO", "ICLOUD", "AOL", "PROTONMAIL", "VIDEOTRON",
                                             "SYMPATICO", "BELL", "BELLNET", "TELUS", "SHAW", "ROGERS", "COGECO", "GLOBETROTTER", "EXAMPLE", "OUTLOOKCOM"]

    /// Labels a registry puts before the top-level domain (`.co.uk`, `.qc.ca`, `.gc.ca`), and the
    /// documentation domain: the name is the label before them.
    static let registryLabels: Set<String> = ["CO", "COM", "ORG", "NET", "GOV", "EDU", "AC", "GC", "QC", "ON", "EXAMPLE"]

    /// The name a contact's address spells: the domain's label before its top-level domain, and
    /// before a registry's label (`ap@fromageriedulac.ca`, `ap@halvorsen.co.uk`).
    static func domainName(_ email: String) -> String? {
        guard email.split(separator: "@").last?.contains(".") == true else { return nil }
        let name = domainLabel(email.uppercased())
        return name.count >= 8 && !mailProviders.contains(name) ? name : nil
    }

    public init(_ payers: [PayerIdentity]) {
        names = NameIndex(payers)
        // A parent with each subsidiary; subsidiaries with each other, in a group of a reasonable size.
        var parentGroups: [String: Set<String>] = [:]
        for (parent, members) in Dictionary(grouping: payers.filter { $0.parent != nil && $0.parent != $0.code }, by: { $0.parent! }) {
            let codes = Set(members.map(\.code))
            parentGroups[parent, default: []].formUnion(codes)
            for code in codes { parentGroups[code, default: []].formUnion(codes.count <= 20 ? codes.union([parent]).subtracting([code]) : [parent]) }
        }
        self.parentGroups = parentGroups
        var groups = names.kin.merging(parentGroups) { $0.union($1) }
        agencies = Set(payers.filter { payer in payer.isAgency || payer.names.contains(where: Self.isNamedAsAgency) }.map(\.code))
        payingOffices = Set(payers.filter { payer in payer.names.contains { CashMatcher.isGovernmentOffice(CashMatcher.fold($0)) } }.map(\.code))
        // A business whose own name holds a centre's word (`Treasury Wine Estates`) is no group's centre.
        namedAsCentres = Set(payers.filter { payer in payer.names.contains { CashMatcher.groupPayingCentre(CashMatcher.fold($0)).isCentre } }.map(\.code))
        currencies = Dictionary(payers.compactMap { payer in payer.currency.map { (payer.code, $0) } }, uniquingKeysWith: { first, _ in first })
        var domains: [String: String?] = [:]
        for payer in payers {
            for name in Set(payer.emails.compactMap(Self.domainName)) { domains[name] = domains[name] == nil ? payer.code : .some(nil) }
        }
        self.domains = domains
        var addresses: [String: String?] = [:]
        for payer in payers {
            for email in Set(payer.emails.compactMap(Self.contactAddress)) {
                addresses[email] = addresses[email] == nil || addresses[email] == .some(payer.code) ? payer.code : .some(nil)
            }
        }
        self.addresses = addresses
        domainStarts = Set(domains.keys.map { String($0.prefix(4)) })
        var people: [String: String?] = [:]
        for payer in payers {
            let persons = payer.emails.compactMap(Self.personOfAddress) + payer.names.compactMap(Self.personOfName)
            for key in Set(persons.flatMap { [Self.personKey(first: $0.first, last: $0.last), Self.personKey(initials: [$0.first[0]], last: $0.last)]
                                                + ($0.first.count >= 2 ? [Self.personKey(initials: $0.first.prefix(2).map { String($0.prefix(1)) }, last: $0.last)] : []) }) {
                people[key] = people[key] == nil || people[key] == .some(payer.code) ? payer.code : .some(nil)
            }
        }
        self.people = people
        // A person on the contacts of several customers (a bookkeeper's address on each): by
        // first and last names, two to six customers.
        var several: [String: Set<String>] = [:]
        for payer in payers {
            for person in payer.emails.compactMap(Self.personOfAddress) { several[Self.personKey(first: person.first, last: person.last), default: []].insert(payer.code) }
        }
        peopleOfSeveral = several.filter { (2...6).contains($0.value.count) }.mapValues { $0.sorted() }
        var mangled: [String: String?] = [:]
        for word in Set(payers.flatMap(\.names).flatMap { $0.uppercased().split(separator: " ") }) where word.contains(where: { !$0.isASCII && $0.isLetter }) {
            let folded = CashMatcher.fold(String(word))
            // A letter dropped instead (`MARCHS`) too often leaves a word of its own (`MISSION` of
            // Émission, `ARMES` of Arômes, `GRANTS` of Gérants): not read.
            let variant = String(word.map { $0.isASCII || !$0.isLetter ? $0 : "?" })
            if variant != folded {
                mangled[variant] = mangled[variant] == nil || mangled[variant] == .some(folded) ? folded : .some(nil)
            }
        }
        self.mangled = mangled

        var accounts: [String: String] = [:]
        var codes: [String: String] = [:]
        var numericCodes: [String: String] = [:]
        var lettered: [String: [(code: String, letters: String)]] = [:]
        // A store's name: the network's words, then its number after `#`, a store word, or
        // alone (`Great Plains Tire & Auto 103 Sioux Falls`, read as a store's only when another
        // customer's name has the same words before another number).
        var storeNames: [String: [(code: String, number: String, bare: Bool)]] = [:]
        var prefixWords: [String: [String]] = [:]
        for payer in payers {
            for account in payer.bankAccounts { accounts[CashMatcher.digits(account)] = payer.code }
            let key = String(payer.code.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
            if key.count >= 4, key.contains(where: \.isLetter), key.contains(where: \.isNumber) { codes[key] = payer.code }
            if key.count >= 4, key.allSatisfy(\.isNumber) { numericCodes[key] = payer.code }
            let letters = key.prefix(while: \.isLetter), digits = key.dropFirst(letters.count)
            if (1...3).contains(letters.count), digits.count >= 4, digits.allSatisfy(\.isNumber) {
                lettered[String(digits), default: []].append((payer.code, String(letters)))
            }
            for name in payer.names {
                let words = CashMatcher.fold(name).split(separator: " ")
                for (at, mark) in words.enumerated() where at >= 1 {
                    let storeWord = at >= 2 && Self.storeWords.contains(String(words[at - 1])) && mark.allSatisfy(\.isNumber)
                    let bare = !storeWord && mark.first != "#" && mark.allSatisfy(\.isNumber)
                    guard mark.first == "#" || storeWord || bare else { continue }
                    // After a dash standing alone: `9252-7105 Québec inc. - Chez Lulu #14`.
                    let start = words[..<at].lastIndex(where: { $0 == "-" || $0 == "–" }).map { $0 + 1 } ?? 0
                    let before = words[start..<(at - (storeWord ? 1 : 0))].flatMap { $0.split(separator: "-") }
                    let brandWords = before.filter { $0.count >= 3 && $0.allSatisfy(\.isLetter) && !NameIndex.fillers.contains(String($0)) }.map(String.init)
                    // A bare number needs two words of a name before it (`Garage 2000`, `Les
                    // Immeubles 1234` are names).
                    guard !brandWords.isEmpty, !bare || brandWords.count >= 2, before.last.map({ $0.allSatisfy(\.isLetter) || $0 == "&" }) ?? false else { break }
                    let number = mark.drop { $0 == "#" }.prefix(while: \.isNumber).drop { $0 == "0" }
                    if !number.isEmpty, number.count <= 5 {
                        let prefix = before.joined(separator: " ")
                        storeNames[prefix, default: []].append((payer.code, String(number), bare))
                        prefixWords[prefix] = brandWords
                    }
                    break
                }
            }
        }
        // The network's brands: the words of its name that at most two other customers' names
        // hold (`HARBORVIEW`, its head office's among them, not only `PHARMACY`); the payer must
        // write one, and enough of the network's name (`holdsEnough`), for a store to be read.
        var namesHolding: [String: Int] = [:]
        for payer in payers where !storeNames.isEmpty {
            for word in Set(payer.names.flatMap { CashMatcher.fold($0).split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init) }) { namesHolding[word, default: 0] += 1 }
        }
        var stores: [String: [String: String]] = [:]
        var networkWords: [String: (words: [String], brand: String?)] = [:], brandNetworks: [String: [(words: [String], brand: String?)]] = [:]
        for (prefix, members) in storeNames {
            let codes = Set(members.map(\.code))
            guard !members.allSatisfy(\.bare) || codes.count >= 2 else { continue }
            let words = prefixWords[prefix]!
            let others = { (word: String) in namesHolding[word, default: 0] - codes.count }
            // And, where a `#` or a store word marks the number, the word before it (`GAGNON` of
            // Pharmacie Gagnon #1240, which the head office, Pharmacies Gagnon, shares with more
            // than two others).
            var brands = Set(words.filter { others($0) <= 2 })
            if !members.allSatisfy(\.bare), let last = words.last { brands.insert(last) }
            for brand in brands { for member in members { stores[brand, default: [:]][member.number] = member.code } }
            // Marked by `#` or a store word, the word before the number is enough (`LULU` of Chez
            // Lulu #14 for Franchises Lulu); else two of the network's words.
            let need = (words: words, brand: members.allSatisfy(\.bare) ? nil : words.last)
            for member in members { networkWords[member.code] = need }
            for brand in brands { brandNetworks[brand, default: []].append(need) }
        }
        // A head office: a customer, no store itself, whose name holds a brand and as many of
        // the network's words as the payer must write (`Pharmacies Gagnon`, not `Great Lakes
        // Supply` for Great Plains Tire & Auto's stores).
        var brands: [String: Set<String>] = [:]
        if !stores.isEmpty {
            let storeCodes = Set(stores.values.flatMap(\.values))
            for payer in payers where !storeCodes.contains(payer.code) {
                for name in payer.names {
                    let words = CashMatcher.fold(name).split(whereSeparator: { !$0.isLetter }).map(String.init)
                    for word in words where stores[word] != nil
                        && (brandNetworks[word] ?? []).contains(where: { Self.holdsEnough(of: $0, in: words, asHeadOffice: true) }) { brands[payer.code, default: []].insert(word) }
                }
            }
        }
        self.accounts = accounts
        self.codes = codes
        self.numericCodes = numericCodes
        self.codeDigits = lettered.compactMapValues { $0.count == 1 ? $0[0] : nil }.filter { numericCodes[$0.key] == nil }
        self.stores = stores
        self.networkWords = networkWords
        self.brands = brands
        // Customers sharing a contact's address whose domain spells one of them (`ap@halvorsen-ind.com`
        // for Halvorsen Fabrication Co. and two others): one accounts-payable office, one group.
        // Not a domain alone (a regional provider's serves unrelated businesses), nor an address
        // at another's domain (an accountant's, `compta@cabinetlavoie.ca`, serves unrelated clients).
        var byAddress: [String: Set<String>] = [:]
        for payer in payers { for email in Set(payer.emails.compactMap(Self.contactAddress)) { byAddress[email, default: []].insert(payer.code) } }
        let firstWords = names.firstWordOf
        for (address, members) in byAddress where (2...20).contains(members.count) {
            let label = Self.domainLabel(address)
            guard members.contains(where: { member in firstWords[member].map { $0.utf8.count >= 5 && label.hasPrefix($0) } ?? false }) else { continue }
            for member in members { groups[member, default: []].formUnion(members.subtracting([member])) }
        }
        // A chain's head office (a customer whose name holds the brand, not itself a store) with
        // each of its stores: it pays their invoices. Stores are not one another's group: a
        // store writing a sister's invoice may have mistyped its own.
        for (office, officeBrands) in brands {
            for store in Set(officeBrands.flatMap { stores[$0].map { Array($0.values) } ?? [] }) where store != office {
                groups[office, default: []].insert(store)
                groups[store, default: []].insert(office)
            }
        }
        // Nor by the first word of their names (`Northway Foods Store 1886`, `… Store 2214`).
        for network in stores.values {
            let members = Set(network.values)
            for store in members { groups[store]?.subtract(members) }
        }
        self.groups = groups
        let firstWordOf = names.firstWordOf
        byFirstWord = Dictionary(grouping: firstWordOf.keys, by: { firstWordOf[$0]! })
    }

    /// The cheques a deposit lists, one per `CHQ` (two or more), each with one amount.
    func chequesListed(in text: String) -> [(customer: String?, numbers: [String], amount: Int64)] {
        // `CHQ 7427`, `CHQ767`: the word CHQ before a number (not `3 CHQS:`).
        let bytes = Array(text.utf8), mark = Array("CHQ".utf8)
        // A deposit that says it holds cheques (`4 CHQS:`) may number them `#64681` instead.
        let numbered = CashMatcher.holds(bytes, Array("CHQS".utf8))
        var starts: [(at: Int, mark: Int)] = []
        var at = 0
        while at + 3 < bytes.count {
            if bytes[at..<(at + 3)].elementsEqual(mark), at == 0 || bytes[at - 1] == 0x20 || bytes[at - 1] == 0x2F,
               bytes[at + 3] == 0x20 || (bytes[at + 3] >= 0x30 && bytes[at + 3] <= 0x39) { starts.append((at + 3, 3)) }
            else if numbered, bytes[at] == 0x23, at > 0, bytes[at - 1] == 0x20, bytes[at + 1] >= 0x30 && bytes[at + 1] <= 0x39,
                    !(at >= 3 && bytes[(at - 3)..<at].elementsEqual(mark + [0x20])) { starts.append((at + 1, 1)) }
            at += 1
        }
        guard starts.count >= 2 else { return [] }
        let parts = starts.indices.map { index in
            String(decoding: bytes[starts[index].at..<(index + 1 < starts.count ? starts[index + 1].at - starts[index + 1].mark : bytes.count)], as: UTF8.self)
        }
        var cheques: [(customer: String?, numbers: [String], amount: Int64)] = []
        // Each part: the cheque's number, what is written before its amount, and after it.
        var pieces: [(inner: String, after: String, amount: Int64)] = []
        for part in parts {
            let bytes = Array(part.utf8)
            let amounts = CashMatcher.moneyAmounts(in: bytes)
            guard amounts.count == 1 else { return [] }
            var end = amounts[0].at
            while end < bytes.count, (bytes[end] >= 0x30 && bytes[end] <= 0x39) || bytes[end] == 0x2C || bytes[end] == 0x2E { end += 1 }
            let inner = String(decoding: bytes[..<amounts[0].at], as: UTF8.self).drop { $0 == " " || $0.isNumber }
            pieces.append((String(inner), String(decoding: bytes[end...], as: UTF8.self), amounts[0].amount))
        }
        // The payer's name before its cheque (`NORTHERN MAPLE FOODS #4777 1000.00 BAIE MEDIA #2210
        // 750.00`): each name written after an amount is the next cheque's, the first one's before it.
        // (Not `#4777 1000.00 NORTHERN MAPLE FOODS #2210 750.00 BAIE MEDIA`: each name after its own amount.)
        let first = String(decoding: bytes[..<(starts[0].at - starts[0].mark)], as: UTF8.self)
        let noneBefore = pieces.allSatisfy { !$0.inner.contains(where: \.isLetter) }
        let namedAfter = pieces.map { names.scan($0.after).best != nil }
        if noneBefore, namedAfter.dropLast().allSatisfy({ $0 }), namedAfter.last == false, names.scan(first).best != nil {
            for (index, piece) in pieces.enumerated() {
                let name = index == 0 ? first : pieces[index - 1].after
                cheques.append((names.scan(name).best, CashMatcher.candidateNumbers(in: name + " " + piece.inner), piece.amount))
            }
            return cheques
        }
        for (part, piece) in zip(parts, pieces) {
            // The cheque's own number first, then the payer's name (before its amount, or after it
            // when every cheque writes it so); else what follows the amount may be the next
            // cheque's payer: no one's.
            let rest = String(part.drop { $0 == " " || $0.isNumber })
            let named = piece.inner.contains(where: \.isLetter) || (noneBefore && namedAfter.allSatisfy { $0 })
            cheques.append((named ? names.scan(rest).best : nil, CashMatcher.candidateNumbers(in: rest), piece.amount))
        }
        return cheques
    }

    /// Each store's network's words (`GREAT PLAINS TIRE AUTO`) and, where a `#` or a store word
    /// marks its number, the word before it: a payer naming a store writes that word or two of
    /// the others (one, if there is one).
    private let networkWords: [String: (words: [String], brand: String?)]

    /// Whether `words` hold enough of a network's name (`networkWords`), a plural as its
    /// singular (`PHARMACIES` for `PHARMACIE`).
    /// A network of bare numbers has no brand: a text names it by its first two words (`GREAT
    /// PLAINS`, not `GREAT NORTHERN TIRE`), a head office holds all of them.
    static func holdsEnough(of network: (words: [String], brand: String?), in words: [String], asHeadOffice: Bool = false) -> Bool {
        let holds = { (word: String) in
            words.contains { $0 == word || ($0.count >= 5 && word.count >= 5 && abs($0.count - word.count) <= 2 && ($0.hasPrefix(word) || word.hasPrefix($0))) }
        }
        guard let brand = network.brand else { return asHeadOffice ? network.words.allSatisfy(holds) : network.words.prefix(2).allSatisfy(holds) }
        return holds(brand) || network.words.filter(holds).count >= min(2, network.words.count)
    }

    /// Words that say a number is a store's (`STORE 1395`, `SUCC 1307`, `MAG 123`).
    static let storeWords: Set<String> = ["STORE", "STR", "ST", "SUCC", "SUCCURSALE", "MAG", "MAGASIN", "BRANCH", "LOCATION", "LOC", "RESTO", "FRANCHISE"]

    /// The one store of a network the text names by its number, after `#` or a store word, its
    /// network's brand written too (`PHARMACIE GAGNON INC SUCC 1307`, `NORTHWAY FOODS LTD STORE
    /// #1395`): a chain's name is every store's, the number says which.
    func storeNamed(in text: String) -> (store: String, brand: String)? {
        guard !stores.isEmpty else { return nil }
        // Most texts name no store: a `#` or a store word first, read without copying words.
        let pieces = text.split(whereSeparator: { $0 == " " || $0 == "," })
        guard text.utf8.contains(0x23) || pieces.contains(where: { Self.storeWords.contains(String($0.prefix { $0 != "." })) }) else { return nil }
        let words = pieces.map(String.init)
        let brandsWritten = words.filter { stores[$0] != nil }
        guard !brandsWritten.isEmpty else { return nil }
        var found: [String: String] = [:]
        for (at, word) in words.enumerated() {
            let number: Substring
            // `#1307`, not a document's (`INV #1307`, `PO #1307`).
            if word.first == "#", word.count >= 2,
               at == 0 || !(Self.documentLetters.contains(words[at - 1]) || ["INVOICE", "FACTURE", "CHEQUE", "CHECK", "DEPOSIT", "TRANSIT", "ACCT", "ACCOUNT", "TRACE",
                                                                                      "SUITE", "APT", "UNIT", "BUREAU"].contains(words[at - 1])) {
                number = word.dropFirst()
            }
            else if at >= 1, Self.storeWords.contains(String(words[at - 1].prefix { $0 != "." })) { number = Substring(word).drop { $0 == "#" } }
            else { continue }
            guard !number.isEmpty, number.count <= 5, number.allSatisfy(\.isNumber) else { continue }
            let key = String(number.drop { $0 == "0" })
            for brand in brandsWritten {
                if let store = stores[brand]?[key], let network = networkWords[store], Self.holdsEnough(of: network, in: words) { found[store] = brand }
            }
        }
        return found.count == 1 ? found.first.map { ($0.key, $0.value) } : nil
    }

    /// The stores a franchisor's remittance lists, each with the amount written after it
    /// (`RESTO #14 1 306,32 RESTO 19 4 079,96`): a number after a word or `#`, not joined to
    /// another by a dash or slash, that is one of the payer's brands' store numbers. Empty unless
    /// every store listed has its amount.
    func storesListed(in text: String, by payer: String) -> [(customer: String, amount: Int64)] {
        guard let brands = brands[payer] else { return [] }
        let bytes = Array(text.utf8)
        var mentions: [(customer: String, at: Int)] = []
        // The stores' numbers masked before the amounts are read: `SUCC 12 422.01` is store 12
        // and 422.01, not 12 422.01 written with a space between thousands.
        var masked = bytes
        var index = 0
        // The word before a store's number says it is one: a store word, the brand, `#`; not
        // `PERIODE 12`, `INC 22 NOV`.
        let storeMark = { (at: Int) -> Bool in
            if bytes[at - 1] == 0x23 { return true }
            guard bytes[at - 1] == 0x20 else { return false }
            var start = at - 1
            while start > 0, bytes[start - 1] >= 0x41 && bytes[start - 1] <= 0x5A || bytes[start - 1] == 0x2E { start -= 1 }
            let word = String(decoding: bytes[start..<(at - 1)].filter { $0 != 0x2E }, as: UTF8.self)
            return Self.storeWords.contains(word) || brands.contains(word) || ["DEP", "DEPANNEUR", "PHARMACIE", "PHARM", "SHOP", "BOUTIQUE"].contains(word)
        }
        while index < bytes.count {
            guard bytes[index] >= 0x30 && bytes[index] <= 0x39, index >= 2, storeMark(index) else { index += 1; continue }
            var end = index
            while end < bytes.count, bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
            defer { index = end }
            guard end - index <= 4, end == bytes.count || (bytes[end] != 0x2D && bytes[end] != 0x2F) else { continue }
            let number = String(decoding: bytes[index..<end].drop { $0 == 0x30 }, as: UTF8.self)
            let found = Set(brands.compactMap { stores[$0]?[number] })
            if found.count == 1 {
                mentions.append((found.first!, end))
                for at in index..<end { masked[at] = 0x58 }
            }
        }
        let amounts = CashMatcher.moneyAmounts(in: masked)
        var listed: [(customer: String, amount: Int64)] = []
        for (position, mention) in mentions.enumerated() {
            let next = position + 1 < mentions.count ? mentions[position + 1].at : bytes.count
            guard let amount = amounts.first(where: { $0.at >= mention.at && $0.at < next }) else { return [] }
            listed.append((mention.customer, amount.amount))
        }
        return listed
    }

    /// A folded address's domain label, letters and digits only (`AP@HALVORSEN-IND.CO.UK` → `HALVORSENIND`).
    static func domainLabel(_ address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        var labels = address[address.index(after: at)...].split(separator: ".")
        if labels.count >= 2 { labels.removeLast() }
        while labels.count >= 2, registryLabels.contains(String(labels[labels.count - 1])) { labels.removeLast() }
        return labels.last.map { String($0.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }) } ?? ""
    }

    /// A contact's e-mail address as a text folds it (`ap@x.com` → `AP@X.COM`); nil when it is none.
    static func contactAddress(_ email: String) -> String? {
        let folded = CashMatcher.fold(email.trimmingCharacters(in: .whitespaces))
        return folded.contains("@") ? folded : nil
    }

    /// The customer one of whose contacts' e-mail addresses the text writes, when one only.
    private func address(in text: String) -> String? {
        let found = Set(text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ";" || $0 == "/" || $0 == ":" || $0 == "<" || $0 == ">" }).compactMap { word -> String? in
            guard word.contains("@") else { return nil }
            return addresses[String(word.trimmingCharacters(in: CharacterSet(charactersIn: ".()[]")))] ?? nil
        })
        return found.count == 1 ? found.first : nil
    }

    /// The customer whose e-mail domain a run of words spells (`DEPANNEUR DU COIN` for
    /// `ap@depanneurducoin.ca`), when one only.
    private func spelledDomain(in text: String) -> String? {
        guard !domains.isEmpty else { return nil }
        let words = text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }).map(String.init)
        var found = Set<String>()
        for start in words.indices where start == 0 || words[start - 1] != "NOT" {
            var spelled = ""
            for (count, word) in words[start..<min(words.count, start + 6)].enumerated() {
                spelled += word
                if spelled.count >= 4, !domainStarts.contains(String(spelled.prefix(4))) { break }
                // Spelled in words: a web address or a word the domain is (`SUNNYSIDEYOGA.CA`)
                // is a site anyone may name, not the payer's name.
                if count >= 1, let customer = domains[spelled], let customer { found.insert(customer) }
            }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The customer a payer's name begins like, when that first word is no other customer's
    /// (`VALDEX GROUP SRL`, `IRDAL HOLDINGS CORP` paying for Valdex Foods Canada, Irdal Apparel
    /// Canada). Read only where a payer's name stands: the debtor's name, or after the wire's
    /// tag for the ordering customer (`ORG=`, `B/O`, `ORDCUST=`, `1/`, `ORIG CO NAME:`).
    private func groupCompany(payerName: String?, text: String) -> String? {
        guard !names.brands.isEmpty else { return nil }
        var phrases: [Substring] = payerName.map { [Substring(CashMatcher.fold($0))] } ?? []
        for tag in ["ORG=", "B/O ", "ORDCUST=", " 1/", "ORIG CO NAME:", "BY ORDER OF "] {
            var rest = Substring(text)
            while let range = rest.range(of: tag) {
                phrases.append(rest[range.upperBound...].prefix(60))
                rest = rest[range.upperBound...]
            }
        }
        var found = Set<String>()
        for phrase in phrases {
            // The first word of letters, past an account (`/0012345678`, `/NONE`) and `1/`.
            let words = phrase.split(separator: " ").map { $0.hasPrefix("1/") ? $0.dropFirst(2) : $0 }
                .drop { $0.isEmpty || $0.first == "/" || $0.contains(where: \.isNumber) }
            if let first = words.first, let customer = names.brands[String(first)] { found.insert(customer) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The customer a person the text names works for, by the contacts' addresses: first and
    /// last name next to each other in either order, a middle initial between them allowed
    /// (`INTERAC E-TRF FROM INES B DUBOIS` for ines.dubois@…).
    private func person(in text: String) -> String? {
        guard !people.isEmpty else { return nil }
        let words = text.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init)
        let connectors: Set<String> = ["OU", "OR", "ET", "AND"]
        // Where a holder's name stands: the name field or the text's start past the bank's own
        // words (`INTERAC E-TRF`, `CHQ DEP`) and a title (`DR`, `ME`); after FROM, DE, PAR, BY;
        // after OU, OR, ET, AND (a joint account's second holder); at the text's end (a bill
        // payment's `… ACCT 2600174 COLLEEN BRENNAN`).
        var starts = Set<Int>()
        if let first = words.firstIndex(where: { !Customer.textWords.contains($0) && !Self.personTitles.contains($0) }) { starts.insert(first) }
        for at in words.indices.dropFirst() where ["FROM", "DE", "PAR", "BY"].contains(words[at - 1]) || connectors.contains(words[at - 1]) || Self.personTitles.contains(words[at - 1]) {
            starts.insert(at)
        }
        if words.count >= 2, words.count < 3 || words[words.count - 3] != "NOT" { starts.insert(words.count - 2) }
        var found = Set<String>()
        // Not a person the payer pays for or writes to (`ROYAL LEPAGE FOR REBECCA LOPEZ`, `ATTN`).
        let forAnother: Set<String> = ["FOR", "POUR", "ATTN", "ATTENTION", "RE", "CLIENT", "OBO", "BEHALF", "CONTACT"]
        for at in starts where at < words.count && (at == 0 || !forAnother.contains(words[at - 1])) {
            // The holder's words up to a joint account's connector or the bank's words.
            let held = words[at...].prefix { !connectors.contains($0) && !Customer.textWords.contains($0) }.prefix(4)
            // A company named after a person (`NICOLAS TANGUAY CONSTRUCTION INC`, `KEVIN WALSH TRUCKING`,
            // `TOM BRENNAN & SONS`), a trust (`ANDRE SIMARD IN TRUST`), or in care of (`A/S`, `C/O`): not that person paying.
            let after = words[(at + held.count)...].prefix(2)
            // (Past the first two names: a surname may end in -ING too, `FLEMING`.)
            if held.filter({ $0.count >= 2 }).dropFirst(2).contains(where: Self.isBusinessWord) || held.contains(where: Customer.legalForms.contains)
                || after.contains(where: { Self.thirdPartyWords.contains($0) || NameIndex.firmContinuations.contains($0) })
                || [["A", "S"], ["C", "O"]].contains(where: { care in held.starts(with: care) || (at >= 2 && words[(at - 2)..<at].elementsEqual(care)) }) { continue }
            let names = held.filter { $0.count >= 2 }, initials = held.filter { $0.count == 1 }
            var keys: [String] = []
            // Two or three names in any order (`PELLETIER GENEVIEVE`, `LECLERC JEAN FRANCOIS`), a
            // middle initial aside (`ANDREW R BAKER`).
            if names.count >= 2 { keys += [Array(names.prefix(3)), Array(names.prefix(2))].map { $0.sorted().joined(separator: " ") } }
            // A last name and an initial (`N TANGUAY`, `RACINE S`), or two (`BISSON J F`).
            if names.count == 1, !initials.isEmpty {
                if initials.count >= 2 { keys.append(Self.personKey(initials: Array(initials.prefix(2)), last: names)) }
                keys.append(Self.personKey(initials: [initials[initials.startIndex]], last: names))
            }
            // `REBECCA AND DAVID LOPEZ`: Rebecca Lopez too.
            if names.count == 1, held.count == 1, at + held.count + 2 < words.count, connectors.contains(words[at + 1]),
               case let other = words[(at + 2)...].prefix(while: { $0.count >= 2 && !Customer.textWords.contains($0) }), other.count == 2 {
                keys.append([names[names.startIndex], other[other.startIndex + 1]].sorted().joined(separator: " "))
            }
            for key in keys {
                guard let customer = people[key], let customer else { continue }
                // By initial, another customer's name holding the last name and a word of that
                // initial is as likely (`VACHON M`: Vachon Mécanique inc.).
                if names.count == 1, let initial = initials.first, case let last = names[names.startIndex],
                   self.names.customers(holding: last).contains(where: { other in
                       other != customer && (self.names.wordsOf[other] ?? []).contains { $0 != last && $0.hasPrefix(initial) }
                   }) { break }
                found.insert(customer)
                break
            }
        }
        return found.count == 1 ? found.first : nil
    }

    /// The customers whose contacts hold the person the text names by first and last names
    /// (`VIREMENT INTERAC DE: LOUISE BOUDREAU`), when there are several (a bookkeeper's clients).
    private func clientsOfPerson(in text: String) -> (clients: [String], names: Set<String>) {
        guard !peopleOfSeveral.isEmpty else { return ([], []) }
        let words = text.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init).filter { $0.count >= 2 }
        for size in [3, 2] where words.count >= size {
            for start in 0...(words.count - size) {
                let names = words[start..<(start + size)]
                if let clients = peopleOfSeveral[names.sorted().joined(separator: " ")] { return (clients, Set(names)) }
            }
        }
        return ([], [])
    }

    /// A word that makes a person's name a business's: a legal form, a business's or a trade's word
    /// (`HOLDINGS`, `SONS`, `FILS`, `CONSTRUCTION`, `DESIGN`, words of a trade in -ING: `TRUCKING`, `PLUMBING`).
    static func isBusinessWord(_ word: String) -> Bool {
        Customer.legalForms.contains(word) || NameIndex.businessWords.contains(word) || NameIndex.firmContinuations.contains(word)
            || ["CONSTRUCTION", "SERVICES", "SERVICE", "TRANSPORT", "DESIGN", "STUDIO", "GROUP", "GROUPE", "COMPANY", "ENTERPRISES", "ENTREPRISES", "ELECTRIQUE",
                "ELECTRIC", "PLOMBERIE", "TOITURE", "TOITURES", "RENOVATION", "RENOVATIONS", "DENTAL", "DENTAIRE", "CLINIQUE", "CLINIC", "PHARMACIE", "GARAGE",
                "RESTAURANT", "TRAITEUR"].contains(word)
            || (word.utf8.count >= 6 && word.hasSuffix("ING") && word != "ADVERTISING")
    }

    /// Titles before a person's name (`DR SEBASTIEN CARON`, `ME LECLERC`, `MME TREMBLAY`).
    static let personTitles: Set<String> = ["DR", "DRE", "DOCTEUR", "DOCTEURE", "ME", "MAITRE", "MR", "MRS", "MS", "MME", "MLLE"]

    /// A customer code the text quotes, its dashes aside; the digits it was read from (no
    /// invoice's number, though a label may say `FACTURE`); and whether it was written whole (with
    /// its letters, or a code of digits only after its label) rather than as a lettered code's digits.
    private func quotedCode(in text: String) -> (customer: String, digits: String?, whole: Bool, trailing: Bool)? {
        guard !codes.isEmpty || !numericCodes.isEmpty else { return nil }
        let tokens = text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-")) })
        // A code run into the invoice it pays (`C10467-40229`): its dashed pieces too.
        let digit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        let hits = tokens.compactMap { (token: Substring) -> (Substring, String)? in
            // A code has letters and digits (most words have no digit: not looked up).
            guard token.utf8.contains(where: digit), token.utf8.contains(where: { !digit($0) && $0 != 0x2D }) else { return nil }
            if let whole = codes[String(token.filter { $0 != "-" })] { return (token, whole) }
            if token.contains("-"), let piece = token.split(separator: "-").first(where: { self.codes[String($0)] != nil }) { return (piece, self.codes[String(piece)]!) }
            // Padded with zeros as a bill payment's account field takes it (`NO CLIENT 000C30128`).
            let unpadded = token.drop { $0 == "0" }
            if unpadded.count < token.count, unpadded.first?.isLetter == true, let padded = codes[String(unpadded)] { return (token, padded) }
            return nil
        }
        var found = Set(hits.map(\.1))
        var digitsRead = hits.first.map { String($0.0.filter(\.isNumber)) }
        var allDigits = false
        var trailing = false
        if found.isEmpty, !numericCodes.isEmpty || !codeDigits.isEmpty {
            let words = text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
            for (index, word) in words.enumerated() where word.utf8.last.map(digit) == true {
                // Digits alone are anything (an amount, a cheque): a label right before them says
                // what they are (`ACCT 10452`, `NO DE CLIENT 10452`, `ACCOUNT BOR 10452`,
                // `ACCT BOR10452`), the seller's letters (2–4, no document's) at most between.
                let letters = word.prefix(while: \.isLetter)
                let glued = (2...4).contains(letters.count) && !Self.documentLetters.contains(String(letters))
                let digits = glued ? String(word.dropFirst(letters.count)) : String(word)
                // As a bill-payment field takes it: padded with zeros (`00555225`, seven digits or
                // more, not a bank's transit `01234`), or cut in two groups of three (`584 477`,
                // not `5844 77.50`, an amount, nor `1045 2 INVOICES`).
                let padded = digits.count >= 7 && digits.first == "0" ? String(digits.drop { $0 == "0" }) : nil
                let next = index + 1 < words.count && digits.count == 3 && words[index + 1].count == 3 && words[index + 1].allSatisfy(\.isNumber)
                    && !(index + 2 < words.count && words[index + 2].allSatisfy(\.isNumber))
                    && !text.contains(digits + " " + words[index + 1] + ".") && !text.contains(digits + " " + words[index + 1] + ",") ? digits + words[index + 1] : nil
                let code = { (digits: String) in numericCodes[digits].map { ($0, "") } ?? self.codeDigits[digits] }
                guard let (customer, codeLetters) = code(digits) ?? padded.flatMap(code) ?? next.flatMap(code) else { continue }
                // Not a bank account masked (`XXXX7788`, `****5225`), nor an amount (`ACCT BAL 10150.00`).
                guard !(letters.count >= 2 && letters.allSatisfy { $0 == "X" }), !text.contains("*" + word) else { continue }
                if index + 1 < words.count, words[index + 1].count == 2, words[index + 1].allSatisfy(\.isNumber),
                   text.contains(word + "." + words[index + 1]) || text.contains(word + "," + words[index + 1]) { continue }
                var at = index - 1
                // The seller's letters (2–4) apart, before a code of digits only (`ACCOUNT BOR 10474`);
                // before a lettered code, its own letters only (`ACCT C 10456`; not `CLIENT FILE 50460`).
                if !glued, at >= 0, codeLetters.isEmpty, (2...4).contains(words[at].count), words[at].allSatisfy(\.isLetter), !Self.documentLetters.contains(String(words[at])),
                   !Self.customerNumberLabels.contains(String(words[at])) { at -= 1 }
                else if !glued, at >= 0, !codeLetters.isEmpty, words[at] == codeLetters { at -= 1 }
                while at >= 0, ["NO", "NUMBER", "NUM", "NBR", "DE", "DU", "ID"].contains(words[at]) { at -= 1 }
                // The payer's own bank account (`FROM ACCT 0555225 TRANSIT 00012`, `WIRE SENDER ACCT …`)
                // is no customer number, nor the payer's number for us as its supplier (`VENDOR ACCT 40459`).
                let bankAccount = (at >= 1 && ["FROM", "ORG", "ORIG", "DEBTOR", "CHQ", "CHEQUING", "SAVINGS", "SENDER", "ORDERING", "REMITTER", "PAYER", "DEBIT",
                                               "VENDOR", "SUPPLIER", "FOURNISSEUR", "FOURN"].contains(words[at - 1]))
                    || (index + 1 < words.count && ["TRANSIT", "INST", "INSTITUTION", "ROUTING"].contains(words[index + 1]))
                guard !bankAccount, at >= 0 else { continue }
                // A bill payment's account field, padded, ending the text after the payer's name
                // (`BILL PMT BNC PELLETIER ANNIE 0000041134`).
                let billPaymentField = padded != nil && index == words.count - 1 && Self.holdsBillPayment(text)
                    && !(index >= 1 && ["CONF", "CONFIRMATION", "TRACE", "REF", "REFERENCE", "TRN", "SEQ", "AUTH", "ID", "NO", "NUMBER", "CONFIRM"].contains(words[index - 1]))
                let labelled = Self.customerNumberLabels.contains(String(words[at])) || Self.endsBillPayment(words, at: at) || Self.endsBillPayment(words, at: index - 1)
                if labelled || billPaymentField {
                    trailing = !labelled
                    found.insert(customer)
                    digitsRead = String(word)
                    allDigits = codeLetters.isEmpty
                }
            }
        }
        guard found.count == 1, let customer = found.first else { return nil }
        // Whole: written with its letters, or a code of digits only (after its label, all of it).
        return (customer, digitsRead, !hits.isEmpty || allDigits, hits.isEmpty && trailing)
    }

    /// Words before a customer's code (a label, a bill payment's): a text with none of them
    /// quotes none that outweighs the payer's name (looked for on the bytes, most lines have none).
    static let codeContextBytes = (customerNumberLabels.map { $0 } + ["BILL", "FACTURE", "BP", "TELPAY"]).map { Array($0.utf8) }  // `BILL` holds `BILLPAY`
    static func mayQuoteCode(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return codeContextBytes.contains { CashMatcher.holds(bytes, $0) }
    }

    /// Whether the text holds a bank's bill-payment words (`BILL PMT`, `PAIEMENT DE FACTURE`, `SCOTIA BP`).
    static func holdsBillPayment(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) })
        return words.indices.contains { at in
            switch words[at] {
            case "PMT", "PAYMENT", "PYMT", "PAY", "PAYMT", "BP", "FACTURE", "FACTURES", "BILLPAY", "BILLPMT", "BILLPAYMENT", "TELPAY": return endsBillPayment(words, at: at)
            default: return false
            }
        }
    }

    /// Whether the words up to `at` are a bank's bill payment (`TD BILL PMT`, `BMO EDI BILL PMT`,
    /// `BNC PAIEMENT FACTURE EN LIGNE`, `DESJARDINS PAIEMENT FACTURE ACCESD`, `SCOTIA BP`), its
    /// own words after it aside: the number then is the payer's account with the seller, a
    /// customer's code, even where `FACTURE` stands before it.
    static func endsBillPayment(_ words: [Substring], at end: Int) -> Bool {
        var at = end
        while at >= 0, ["REF", "ACCESD", "ACCES", "D", "EN", "LIGNE", "ONLINE", "EDI", "INTERNET", "WEB"].contains(words[at]) || bankWords.contains(String(words[at])) { at -= 1 }
        guard at >= 0 else { return false }
        if ["BILLPAY", "BILLPMT", "BILLPAYMENT", "TELPAY"].contains(words[at]) { return true }
        guard at >= 1 else { return false }
        switch words[at] {
        case "PMT", "PAYMENT", "PYMT", "PAY", "PAYMT": return words[at - 1] == "BILL"
        case "FACTURE", "FACTURES": return words[at - 1] == "PAIEMENT" || (at >= 2 && words[at - 1] == "DE" && words[at - 2] == "PAIEMENT")
        case "BP": return bankWords.contains(String(words[at - 1]))
        default: return false
        }
    }

    /// The remittance text without the bank's reference `read` appends to it.
    static func withoutBankReference(_ text: String, _ payment: IncomingPayment) -> String {
        guard let reference = payment.bankReference else { return text }
        let suffix = " REF " + CashMatcher.fold(reference)
        return text.hasSuffix(suffix) ? String(text.dropLast(suffix.count)) : text
    }

    /// Words that say a number is the customer's own (`ACCT`, `NO DE CLIENT`).
    static let customerNumberLabels: Set<String> = ["ACCT", "ACCOUNT", "ACC", "CUST", "CUSTOMER", "CLIENT", "COMPTE", "CPTE", "CLT", "CUSTNO", "CUSTID"]
    /// Letters that make a number a document's or a bank's, not a customer's.
    static let documentLetters: Set<String> = ["INV", "INVC", "FACT", "FA", "FAC", "PO", "IO", "BC", "CHQ", "CHK", "REF", "NO", "LBX", "ID", "TRN", "TRX", "DEP",
                                               "SO", "CR", "CM", "DM", "RA", "BOL", "ORD", "VCH", "VOU", "PMT", "BATCH", "TX", "ACH", "EFT", "CCD", "CTX", "PPD", "WIRE", "RMR"]

    /// Reads a payment: its text, the numbers in it, the payer by name, then by bank account.
    public func read(_ payment: IncomingPayment) -> PaymentReading {
        // The bank's reference read as labelled (`REF 061230`): a cheque number written with
        // its zeros there is not an invoice's the payer marked.
        var text = unmangled(CashMatcher.fold(([payment.text] + payment.references + (payment.bankReference.map { ["REF " + $0] } ?? [])).joined(separator: " ")))
        // An ISO 11649 creditor reference (`RF18 5390 0754 7034`) carries the invoice's reference
        // after its check digits: read on its own, it names the invoice like any other number.
        let creditorReferences = CashMatcher.creditorReferences(in: text)
        if !creditorReferences.isEmpty { text += " " + creditorReferences.joined(separator: " ") }
        var named: String?
        var note = ""
        let inText = names.scan(text)
        var alsoBegins: String?
        let byName = payment.payerName.map { names.scan(unmangled(CashMatcher.fold($0)), context: text, isNameField: true) }
        // Customers the payer's name only comes near: another business, named by nothing else.
        let near = inText.near.union(byName?.near ?? [])
        if let byName, let hit = byName.best {
            named = hit; note = "payer name"; alsoBegins = byName.alsoBegins
        }
        else if let hit = inText.best { named = hit; note = "payer name in the text"; alsoBegins = inText.alsoBegins }
        // Two customers the name fits, one billed in the account's currency and the other not
        // (`HERITAGE ENERGY` in the USD account: Heritage Energy Holdings LLC, billed in USD, not
        // Heritage Energy Corp., in CAD): the one the payment can pay.
        let currency = payment.amount.currency
        let billedIn = { (code: String) -> Bool? in self.currencies[code].map { $0 == currency } }
        var billedElsewhere: [String] = []
        if let hit = named, billedIn(hit) == false, let other = alsoBegins, billedIn(other) == true {
            named = other; alsoBegins = nil; note += " (of the two it fits, the one billed in \(currency.code))"
            billedElsewhere = [hit]
        } else if named == nil, case let tied = (byName.map { $0.tied.isEmpty ? inText.tied : $0.tied } ?? inText.tied).subtracting(near), tied.count >= 2,
                  tied.allSatisfy({ billedIn($0) != nil }), case let payable = tied.filter({ billedIn($0) == true }), payable.count == 1 {
            named = payable.first; note = "payer name (of the \(tied.count) it fits alike, the one billed in \(currency.code))"
            billedElsewhere = tied.subtracting(payable).sorted()
        }
        // Nobody by name, nor several alike: a name the payer mistyped (`HALIFXA DENTAL GROUP`),
        // read as written right when one word of it is and the rest of the name is there.
        var mistyped = false
        if named == nil, inText.tied.isEmpty, byName?.tied.isEmpty ?? true {
            let field = payment.payerName.map { unmangled(CashMatcher.fold($0)) }
            // Two words of a name run together into a word of another's (`NORTHSTAR MEDIA INC`
            // for North Star Media, beside Northstar Mechanical): read apart, the name whole.
            for (written, isNameField) in [(field, true), (text, false)] {
                guard named == nil, let written, let (apart, pairs) = names.runTogetherSplit(written) else { continue }
                let again = isNameField ? names.scan(apart, context: text, isNameField: true) : names.scan(apart)
                guard let hit = again.best, again.whole.contains(hit), !again.near.contains(hit),
                      let words = names.wordsOf[hit], pairs.contains(where: { Set($0).isSubset(of: words) }) else { continue }
                named = hit; alsoBegins = again.alsoBegins
                note = "payer \(isNameField ? "name" : "name in the text") (words run together read apart)"
            }
            for (written, isNameField) in [(field, true), (text, false)] {
                guard named == nil, let written, let (fixed, corrected) = names.typosCorrected(written) else { continue }
                let again = isNameField ? names.scan(fixed, context: text, isNameField: true) : names.scan(fixed)
                // Near a customer only through the typo (`ASSOCITAES LIMITED` read as another
                // business's name going on) is not near once it is read right.
                guard let hit = again.best, !again.near.contains(hit), names.holdsAnotherWord(of: hit, in: fixed, besides: corrected) else { continue }
                named = hit; alsoBegins = again.alsoBegins; mistyped = true
                note = "payer \(isNameField ? "name" : "name in the text") (\(corrected.sorted().joined(separator: ", ")) mistyped)"
            }
        }
        // A name of two words written the other way round (`LAURENTIDE TRANSPORT INC` for
        // Transport Laurentide inc.), when nothing else names the payer.
        if named == nil, inText.tied.isEmpty, byName?.tied.isEmpty ?? true, inText.near.isEmpty, byName?.near.isEmpty ?? true {
            if names.hasReversedNames, let hit = names.reversedName(payment.payerName.map { unmangled(CashMatcher.fold($0)) } ?? CashMatcher.leadingName(text)) {
                named = hit; note = "payer name (its two words the other way round)"
            }
        }
        // Known by its initials (`MLTC`, `CSS DE LA CAPITALE`), which another business may share.
        var byInitials = false
        if let named, let initials = names.acronyms[named], text.split(separator: " ").contains(where: { initials.contains(String($0)) }) {
            note += " (by its initials)"
            byInitials = true
        }
        // A store of a network named by its number: that store, whether the chain's name read as
        // its head office or as nobody (not another customer, nor a store named whole).
        if let found = storeNamed(in: payment.payerName.map { CashMatcher.fold($0) + " " + text } ?? text), found.store != named,
           named.map({ groups[$0]?.contains(found.store) ?? false }) ?? true {
            // Its number says which store: the names its network's name begins are no doubt.
            named = found.store; note = "a store of its network, by its number"; alsoBegins = nil
        }
        if named == nil, let account = payment.payerAccount, let hit = accounts[CashMatcher.digits(account)] { named = hit; note = "payer's bank account" }
        // A customer's code quoted (`ACCT C10456`, a bill payment's account field) names the payer
        // when no name does. It outweighs another customer's name the words hold (an owner paying
        // from a personal account, `LINDA BROWN … NO CLIENT C10367`) only written whole (with its
        // letters, or a code of digits only after its label) or in a bill payment: lettered digits
        // after a label alone may be the payer's client's (an agency's `CLIENT 30458`) or a file's.
        // Either way, the other one stays a rival: the amount alone does not choose between them.
        var codeDigits: String?
        var rival: String?
        if named == nil || Self.mayQuoteCode(text), let (hit, digits, whole, trailing) = quotedCode(in: text) {
            // (A padded number ending a bill payment after a name read as another customer's may
            // be any number: that customer stays a rival.)
            if named == nil || named == hit || (!trailing && (whole || Self.holdsBillPayment(text))) {
                if named == nil { note = "customer number in the text" }
                else if let name = named, name != hit { note = "customer number quoted (the name read is another customer's)"; alsoBegins = nil; rival = name }
                named = hit; codeDigits = digits
            } else { rival = hit }
        }
        if named == nil, let hit = payment.payerName.flatMap({ person(in: CashMatcher.fold($0)) }) ?? person(in: text), !near.contains(hit) {
            named = hit; note = "a person whose e-mail is on its contacts"
        } else if let current = named, note.hasPrefix("payer name"), !note.contains("("), !byInitials, codeDigits == nil,
                  let hit = payment.payerName.flatMap({ person(in: CashMatcher.fold($0)) }) ?? person(in: text), hit != current, !near.contains(hit),
                  case let written = Set(text.split(separator: " ").map(String.init) + (payment.payerName.map { CashMatcher.fold($0).split(separator: " ").map(String.init) } ?? [])),
                  (names.wordsOf[current] ?? []).intersection(written).count == 1 {
            // A person's first and last names on one customer's contacts outweigh another customer's
            // name that holds only the last one (`VIREMENT INTERAC DE: CARL NADEAU`: carl.nadeau@ of
            // Salon de coiffure Matane, not Les Entreprises Nadeau inc.), which stays a rival.
            rival = current; named = hit; alsoBegins = nil
            note = "a person whose e-mail is on its contacts (\(current)'s name holds only one of the person's names)"
        }
        // A person on several customers' contacts (a bookkeeper): one of them pays, which one its
        // number says. Another customer's name holding only some of the person's names is none.
        var personClients: [String] = []
        let heard = (payment.payerName.map { CashMatcher.fold($0) + " " } ?? "") + text
        if named == nil || (note.hasPrefix("payer name") && !note.contains("(") && !byInitials && codeDigits == nil),
           case let person = clientsOfPerson(in: heard), !person.clients.isEmpty,
           named.map({ current in
               // The name read holds some of the person's names only (`CHEZ MARC-ANDRE` for MARC-ANDRE THIBAULT).
               let held = (names.wordsOf[current] ?? []).intersection(heard.split(whereSeparator: { !($0.isASCII && $0.isLetter) }).map(String.init))
               return !person.clients.contains(current) && !held.isEmpty && held.isSubset(of: person.names) && held != person.names
           }) ?? true {
            personClients = person.clients
            if let current = named { rival = current; named = nil; alsoBegins = nil; note = "" }
        }
        // An e-mail address on one customer's contacts written in the text (an Interac transfer's sender).
        if named == nil, !addresses.isEmpty, text.utf8.contains(0x40), let hit = address(in: text), !near.contains(hit) { named = hit; note = "its e-mail address on file" }
        if named == nil, let hit = spelledDomain(in: ([payment.payerName ?? ""] + [text]).joined(separator: " ")), !near.contains(hit) { named = hit; note = "the name its e-mail domain spells" }
        if named == nil, let hit = groupCompany(payerName: payment.payerName, text: text), !near.contains(hit) { named = hit; note = "a company of its group (the first word of its name)" }
        // Ranges and short series, read once: candidates as written, and as standing alone.
        let listed = CashMatcher.abbreviatedSeries(in: text) + CashMatcher.ranges(in: text)
        let mayNameMonth = CashMatcher.mayNameMonth(text)
        // Who pays on whose behalf: a customer named before the words (or as the payer) other
        // than the one after them, or anyone not on file (`ATELIER BLEU COMMUNICATIONS INC POUR
        // LE COMPTE DE …`, `AVIVA INSURANCE CLAIM ON BEHALF OF …`), pays for another. A payables
        // platform (`PAYMODE-X … ON BEHALF OF MAGNOLIA PIZZA INC`), or the bank's own words and
        // numbers only (`WIRE IN FOR THE ACCOUNT OF …`), pays for the one after, who pays.
        var paysForAnother = false
        var beneficiary: String?
        var paidFor: String?
        if let at = CashMatcher.onBehalfAt(text) {
            let bytes = Array(text.utf8)
            let head = String(decoding: bytes[..<at], as: UTF8.self)
            let before = byName?.best ?? names.scan(head).best
            let after = names.scan(String(decoding: bytes[at...], as: UTF8.self)).best
            if let before {
                paysForAnother = before != after
                // Of its group by a parent on file: names beginning alike are no proof (`SMITH BROTHERS
                // TRUCKING LTD ON BEHALF OF SMITH HARDWARE LTD`).
                if paysForAnother, let after, parentGroups[after]?.contains(before) == true { beneficiary = after }
                if paysForAnother, beneficiary == nil { paidFor = after }
            } else {
                // Anyone but a platform paying (its name first) or the bank's own words and names:
                // an insurer's claim, a law firm in trust, `GE`, `RED STRIPE PAVING LTD`.
                let words = Customer.normalizedPayerWords((payment.payerName.map { CashMatcher.fold($0) + " " } ?? "") + head, keepingLegalForms: true)
                    .filter { word in
                        !Customer.textWords.contains(word) && !Self.bankWords.contains(word) && !NameIndex.fillers.contains(word) && !NameIndex.holdsNumber(word) && word.utf8.count >= 2
                    }
                let platform = words.first.map { Self.platformWords.contains($0) || ($0 == "COM" && Self.namesPlatform((payment.payerName.map(CashMatcher.fold) ?? "") + " " + head)) } ?? false
                paysForAnother = !words.isEmpty && !platform
                // A holding not on file (`GESTION`, `HOLDINGS`, `TREASURY` in its name) whose first
                // words hold the word the customer's name begins with, its brand (`GESTION DUFRESNE
                // INC ON BEHALF OF DUFRESNE MAPLE USA INC`): its parent, most likely. Not a word any
                // business may begin with, nor a trust account, a trustee or a claim: a city, a
                // surname or a law firm shares a first word as easily (`HAVAS MONTREAL … BRASSERIE MONTREAL`).
                if paysForAnother, let after, let brand = names.firstWordOf[after], brand.utf8.count >= 4, !NameIndex.genericFirstWords.contains(brand),
                   words.prefix(2).contains(brand), words.contains(where: Self.holdingWords.contains), !words.contains(where: Self.thirdPartyWords.contains) { beneficiary = after }
            }
        }
        var tiedAlike = named == nil ? (byName.map { $0.tied.isEmpty ? inText.tied : $0.tied } ?? inText.tied).subtracting(near).sorted() : []
        // A group's paying centre (`UNILEVER PAYMENT FACTORY`): the customers whose names begin
        // with the group's word are the ones it may be paying for, when no name was read (a
        // person confirms which: a group's companies do not all bear its name).
        // (Most lines name no centre: asked on the bytes first.)
        let foldedName = payment.payerName.map { CashMatcher.fold($0) }
        let centreName = CashMatcher.mayNamePayingOffice(foldedName ?? text) ? foldedName ?? CashMatcher.leadingWords(text) : ""
        let centre = centreName.isEmpty ? (isCentre: false, group: nil) : CashMatcher.groupPayingCentre(centreName)
        if named == nil, tiedAlike.isEmpty, let group = centre.group, group.utf8.count >= 3, !NameIndex.genericFirstWords.contains(group),
           let members = byFirstWord[group], (2...6).contains(members.count) {
            tiedAlike = members.sorted()
        }
        // Known by its name: other customers' names may hold its words as well.
        let readByName = named != nil && (named == byName?.best || named == inText.best || !billedElsewhere.isEmpty || mistyped)
        let namesakes = readByName ? names.namesakes(of: named!, in: (payment.payerName.map { unmangled(CashMatcher.fold($0)) + " " } ?? "") + text,
                                                     heldWhole: inText.whole.contains(named!) || byName?.whole.contains(named!) == true) : (doubt: [], alsoFits: [])
        // The payer's name field may end with the label its text's first number goes with (`CLARK COUNTY AP WARRANT` + `0009119 …`).
        let documents = CashMatcher.payersDocumentNumbers(in: payment.payerName.map { CashMatcher.fold($0) + " " + text } ?? text)
        // Months named, a customer's name aside (`STUDIO JUNE INVOICE`, `DIFFUSION LAURENTIDES SEPT`).
        let mayNamePeriod = mayNameMonth || CashMatcher.mayNamePeriodInFigures(text)
        let nameWords = mayNamePeriod ? Set(([named].compactMap { $0 } + inText.whole).flatMap { names.wordsOf[$0] ?? [] }) : []
        let months = mayNamePeriod ? CashMatcher.monthsNamed(in: Self.withoutBankReference(text, payment), nameWords: nameWords) : []
        return PaymentReading(payment: payment, text: text, candidates: CashMatcher.candidateNumbers(in: text, listed: listed),
                              customerNumber: codeDigits.map { String($0.filter(\.isNumber).drop { $0 == "0" }) }, groupKeys: CashMatcher.groupKeys(in: text),
                              standalone: CashMatcher.standaloneNumbers(in: text) + CashMatcher.standingAlone(listed), payer: named, payerNote: note,
                              namedInText: named.map { names.twins(of: $0) }.map { $0.isEmpty ? inText.whole : inText.whole.subtracting($0) } ?? inText.whole,
                              glued: CashMatcher.gluedNumbers(in: text), payerNameAlsoBegins: named == nil ? nil : alsoBegins, payerRival: named == nil ? nil : rival,
                              payersAlike: tiedAlike,
                              afterDocumentNumbers: named == nil ? [] : CashMatcher.afterDocumentNumbers(in: text),
                              misread: CashMatcher.misreadings(in: text), storesListed: named.map { storesListed(in: text, by: $0) } ?? [],
                              chequesListed: chequesListed(in: text), deducted: CashMatcher.deductedNumbers(in: text),
                              paysForAnother: paysForAnother, beneficiary: beneficiary, paidFor: paidFor, payerBilledElsewhere: named == nil ? [] : billedElsewhere, payersDocuments: documents,
                              invoiceMarked: CashMatcher.markedNumbers(in: text).filter { number in
                                  // Not the customer's code, nor a number labelled as the payer's document (`VENDOR NO V1896655`).
                                  let stripped = String(number.drop { $0 == "0" })
                                  return documents[stripped] == nil && codeDigits.map { stripped != String($0.filter(\.isNumber).drop { $0 == "0" }) } ?? true
                              },
                              payerByInitials: byInitials, payerMistyped: mistyped, payerKin: named.flatMap { groups[$0] } ?? [],
                              payerIsAgency: named.map(agencies.contains) ?? false,
                              payerIsPayingOffice: isPayingOffice(payment, text: text, named: named), payerIsGroupCentre: centre.isCentre && beneficiary == nil && named.map { !namedAsCentres.contains($0) && paidByItsCentre($0, centre: centreName, text: text) } ?? true,
                              initialsWritten: names.hasShortInitials ? names.customersByShortInitials(in: payment.payerName.map { CashMatcher.fold($0) } ?? CashMatcher.leadingName(text)) : [],
                              months: months,
                              statementDate: CashMatcher.statementDate(in: text, paidOn: payment.date),
                              payerNamesakes: namesakes.doubt.filter { billedIn($0) != false }, payerNameAlsoFits: namesakes.alsoFits, payerNameHeldBy: named.map { names.fitting($0) } ?? [],
                              personClients: personClients,
                              monthsDelivered: !months.isEmpty && CashMatcher.namesDeliveryMonth(text, nameWords: nameWords),
                              datedYears: mayNameMonth ? CashMatcher.yearsOfDates(in: text) : [],
                              // Folded again only for a text ending in a digit (folding keeps digits as they are).
                              cutAtEnd: payment.text.utf8.last(where: { $0 != 0x20 }).map { $0 >= 0x30 && $0 <= 0x39 } == true
                                  ? CashMatcher.numberEndingText(CashMatcher.fold(payment.text)) : nil)
    }
}

/// Customers' names as banks write them, for finding a payer in a line of text.
struct NameIndex: Sendable {
    /// Normalized names (word lists), with the customer each belongs to, and the name's words
    /// with its filler words kept (what tells `Groupe Gauthier` from `Les Entreprises Gauthier`).
    private var entries: [(words: [String], customer: String, whole: [String])] = []
    /// One-word names by their word; longer names by their first two words, and by their first
    /// word and the first three letters of the second (a name the bank cut short). Many
    /// customers may share a first word; few share two.
    private var single: [String: [Int]] = [:]
    private var byPair: [String: [Int]] = [:]
    private var byCutPair: [String: [Int]] = [:]
    /// The first words (filler words kept) of every name longer than them, with the customers
    /// named so: `GROUPE LAVOIE` begins Groupe Lavoie Transport's name as well as being Groupe Lavoie's.
    private var longerNames: [String: Set<String>] = [:]
    /// Two words inside a name, past its first (`CAROLINE VEZINA` of `Coiffure Caroline Vézina`),
    /// with the customers named so: an owner paying by Interac under their own name.
    private var innerPairs: [String: Set<String>] = [:]
    /// Two words of a name a bank ran together (`HARBOURFRONTCYCLE`, `ELK VALLEYSELF STORAGE`),
    /// read apart.
    private var gluedWords: [String: [String]] = [:]
    /// Names of two words (fillers and legal forms aside) by their words the other way round,
    /// each without a plural's S: `Transport Laurentide inc.` as `LAURENTIDE TRANSPORT`.
    private var reversedPairs: [String: Set<String>] = [:]
    /// Two words of a name run together that are also a word of another name.
    private var ownedGluedWords: [String: [String]] = [:]
    /// Customers named with the same words, filler words and legal forms aside (`Atlas Motors Inc.`,
    /// `Atlas Motors Ltd.`), by each of them: the text writing that name names the payer, not
    /// another beside it.
    private var twinsOf: [String: Set<String>] = [:]
    func twins(of customer: String) -> Set<String> { twinsOf[customer] ?? [] }
    /// Customers by their name's first word (five letters or more) where no other customer's
    /// name holds that word: `VALDEX` of `Valdex Foods Canada ULC`.
    private(set) var brands: [String: String] = [:]
    /// The words of each customer's names, filler words kept.
    private(set) var wordsOf: [String: Set<String>] = [:]
    /// The word each customer's name begins with, filler words aside (its brand, most often).
    private(set) var firstWordOf: [String: String] = [:]
    /// First words many unrelated businesses share (places, directions, trades): no sign of a group.
    static let genericFirstWords: Set<String> = [
        "NORTH", "SOUTH", "EAST", "WEST", "NORD", "OUEST", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "CENTRAL", "CENTRE", "CENTER", "CANADIAN", "CANADA",
        "AMERICAN", "AMERICA", "NATIONAL", "INTERNATIONAL", "GLOBAL", "UNITED", "FIRST", "PREMIER", "PREMIERE", "ROYAL", "PACIFIC", "ATLANTIC", "GREAT", "GRAND",
        "SAINT", "SAINTE", "CITY", "VILLE", "METRO", "CLINIQUE", "CLINIC", "RESTAURANT", "PHARMACIE", "PHARMACY", "BOUTIQUE", "GARAGE", "CAFE", "MAISON", "MARCHE",
        "ATELIER", "CABINET", "STUDIO", "SERVICES", "TRANSPORT", "TRANSPORTS", "CONSTRUCTION", "CONSTRUCTIONS", "DISTRIBUTION", "ENTREPRISES", "GROUPE", "GROUP",
        "HOTEL", "AUBERGE", "BOULANGERIE", "QUINCAILLERIE", "ALIMENTATION", "IMMEUBLES", "PLACEMENTS", "GESTION", "SOCIETE", "COMPAGNIE", "ASSOCIATION",
        "CORPORATION", "INSTITUT", "ECOLE", "UNIVERSITY", "UNIVERSITE", "COLLEGE", "HOSPITAL", "HOPITAL", "DENTAL", "DENTAIRE", "MEDICAL", "MEDICALE",
        "STATE", "COUNTY", "TOWN", "MUNICIPALITE",
    ]

    /// Customers of a group, by each of them: names beginning with the same word (four letters
    /// or more, filler words aside) that at most four customers' names begin with (`Liberty
    /// Health System Inc.`, `Liberty Home Care LLC`).
    private(set) var kin: [String: Set<String>] = [:]
    /// Customers' initials (`MLTC`, `CSS` of `CSS DE LA CAPITALE`, `RM` of `RM SHERWOOD`): a payer
    /// known by those is known less surely than by its name.
    private(set) var acronyms: [String: Set<String>] = [:]
    /// Customers by the initials of their name's words (three to six; fillers and legal forms
    /// aside, a hyphenated word's parts each): `UHN`, `SQI`, `UQTR`. (Two letters are too often a
    /// province's, a state's or a word.)
    private var shortInitials: [String: Set<String>] = [:]
    /// Each customer's entries.
    private var entriesOf: [String: [Int]] = [:]
    /// Where an entry's words hold a legal form before its last (`COMPANY` of Great Lakes Motor
    /// Company of Canada), by entry: looked up at every name cut short, so kept apart.
    private var innerLegalForms: [Int: Set<Int>] = [:]
    /// Every word of the customers' names (filler words kept), and those of four letters or more
    /// by each of them with one inner letter left out (`HALFAX` → HALIFAX at 3): a word typed
    /// with one letter wrong, missing or doubled finds the name's word so.
    private var vocabulary = Set<String>()
    /// Other customers' names (entries) holding every word of an entry's (two words or more,
    /// filler words kept, one not a filler word), not beginning with them: in another order (`MEDIA LAVAL` of Laval
    /// Média inc.) or with other words between or around (`LEE NORTHERN OUTDOOR` of Lee Outdoor
    /// Ltd.), by entry. Names beginning with an entry's words are the longer names a bank cuts
    /// (`longerNames`).
    private var namesakesOf: [Int: [Int]] = [:]
    /// Other customers whose names hold every word of one of a customer's own (filler words
    /// aside), beginning with them or not, by customer: names its name fits, when an invoice says which.
    private var fittingOf: [String: Set<String>] = [:]
    func fitting(_ customer: String) -> Set<String> { fittingOf[customer] ?? [] }
    /// Entries by each word they hold (filler words kept).
    private var holding: [String: [Int]] = [:]
    /// Customers a name held whole may have namesakes for: a name of theirs with some, of one
    /// word of its own, or that longer names of others begin with.
    private var mayHaveNamesakes = Set<String>()
    /// Entries made by turning a name around (`groupReversed`, `personReversed`): no name as written.
    private var turned = Set<Int>()
    private var withoutOneLetter: [String: [(word: String, at: Int)]] = [:]
    /// Other customers' entries whose words are an entry's but for one letter of one word
    /// (`Nordic Media Ltd.` beside `Nordik Media Inc.`), by entry: the legal form a text writes
    /// after the name may be theirs.
    private var nearNamesakesOf: [Int: [Int]] = [:]

    /// `word.hasPrefix(start)`, on the bytes when both are plain ASCII (most are).
    static func begins(_ word: String, with start: String) -> Bool {
        let (bytes, prefix) = (word.utf8, start.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }), prefix.allSatisfy({ $0 < 0x80 }) else { return word.hasPrefix(start) }
        return bytes.starts(with: prefix)
    }

    /// `contains(where: \.isNumber)`, read on the bytes when the word is plain ASCII (most are).
    static func holdsNumber(_ word: String) -> Bool {
        var plain = true
        for byte in word.utf8 {
            if byte >= 0x30 && byte <= 0x39 { return true }
            if byte >= 0x80 { plain = false }
        }
        return plain ? false : word.contains(where: \.isNumber)
    }

    /// Whether the text has `&`, ` ET ` or ` AND `: looked for on the bytes (a run scans every line twice).
    static func mayJoinNames(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return ["&", " ET ", " AND "].contains { CashMatcher.holds(bytes, Array($0.utf8)) }
    }

    /// Words that make a name another business's when they follow it (`… MANAGEMENT`, `… HOLDINGS`),
    /// as `words(_:)` reads them (`MGMT`, `HLDGS` read whole).
    static let businessWords: Set<String> = ["MANAGEMENT", "CONSEIL", "CONSEILS", "CONSULTING", "CONSULTANTS", "HOLDINGS", "PARTNERS", "PARTENAIRES", "PROPERTIES",
                                             "CAPITAL", "VENTURES", "INVESTMENTS", "INVESTISSEMENTS", "DEVELOPMENT", "DEVELOPPEMENT", "GESTION", "ENTERPRISES",
                                             "REALTY", "IMMOBILIER", "LEASING", "FINANCIAL", "TRUST", "ASSOCIATES"]

    /// What follows `ET`/`AND` in the name of a firm of partners or family (`… ET ASSOCIES`, `& SONS`).
    static let firmContinuations: Set<String> = ["ASSOCIES", "ASSOCIATES", "FILS", "FILLES", "SONS", "DAUGHTERS", "FRERES", "BROTHERS", "PARTNERS", "PARTENAIRES"]

    /// The words of a name a hyphen follows (`GAGNON` of `Pharmacie Gagnon-Côté`), by entry.
    private var hyphenAfter: [Int: Set<String>] = [:]
    /// The legal form a name ends with, as a class (`LTD` for Ltd., Limited, Ltée) and as written, by entry.
    private var legalForm: [Int: (form: String, word: String)] = [:]

    /// The short form a bank writes for a legal form written in full (`LTD` for Limited).
    static let shortLegalForm = ["LIMITED": "LTD", "LIMITEE": "LTEE", "INCORPORATED": "INC", "CORPORATION": "CORP", "COMPANY": "CO"]

    /// A legal form's class, also written cut short (`LIMIT`, `INCORP`, `CORPOR`).
    static func legalFormClass(_ word: String) -> String? {
        let classes: [(String, [String])] = [("LTD", ["LTD", "LIMITED", "LTEE", "LIMITEE"]), ("INC", ["INC", "INCORPORATED"]), ("CORP", ["CORP", "CORPORATION"]),
                                             ("CO", ["CO", "COMPANY"]), ("LLC", ["LLC"]), ("LP", ["LP"]), ("LLP", ["LLP"]), ("ULC", ["ULC"])]
        // Another country's form (`LTDA`, `GMBH`, `SENC`) is a class of its own; not one that is
        // also a word or initials in a payment's text (`AB` Alberta, `SE` south-east, `AS PER`,
        // `AG` agriculture, `PC`, `SPA`, `SA`).
        return classes.first { _, forms in forms.contains(word) || (word.count >= 4 && forms.contains { $0.count > word.count && $0.hasPrefix(word) }) }?.0
            ?? (foreignForms.contains(word) ? word : nil)
    }

    /// Legal forms of other countries that are no word of a payment's text.
    static let foreignForms: Set<String> = ["LTDA", "GMBH", "MBH", "SARL", "SAS", "SASU", "EURL", "SRL", "SRLS", "BV", "OYJ", "SENC", "SENCRL", "KGAA",
                                            "PTY", "PTE", "BHD", "PLC", "PLLC", "SPZOO", "KFT", "SRO", "ASA", "APS", "SAU", "SLU"]

    /// Words payers and banks add, drop or swap freely: articles, connectors, "group" and
    /// "enterprises" (`Les Entreprises Turcotte inc.` pays as `TURCOTTE INC`, `Groupe X` as `GRP X`).
    static let fillers: Set<String> = ["LES", "LE", "LA", "L", "THE", "AND", "ET", "DE", "DES", "DU", "D", "OF", "UND", "EN", "E", "Y",
                                       "ENTREPRISES", "ENTREPRISE", "GROUPE", "GROUP", "GRP", "CIE", "COMPAGNIE"]

    /// Legal forms a bank may run into the name's last word when it drops spaces.
    static let gluedLegalForms = ["INC", "LTD", "CORP", "LLC", "LTEE", "ULC"]

    /// Words banks and payers shorten, each read as its whole form (`INTL` as `INTERNATIONAL`,
    /// `ENGR` as `ENGINEERING`, `BROS` as `BROTHERS`), so that a word the bank cut short
    /// (`ELECTRI`) is still the start of the name's.
    static let abbreviations: [String: String] = [
        "INTL": "INTERNATIONAL", "INTERNATIONALE": "INTERNATIONAL", "INT": "INTERNATIONAL", "ENGR": "ENGINEERING", "ENG": "ENGINEERING",
        "SYS": "SYSTEMS", "SYSTEM": "SYSTEMS", "BROS": "BROTHERS", "MFG": "MANUFACTURING", "LABS": "LABORATORIES", "LAB": "LABORATORIES",
        "LABORATORY": "LABORATORIES", "SVC": "SERVICES", "SVCS": "SERVICES", "SERV": "SERVICES", "SERVICE": "SERVICES", "TECH": "TECHNOLOGIES",
        "TECHNOLOGY": "TECHNOLOGIES", "AMER": "AMERICAN", "NATL": "NATIONAL", "MATL": "MATERIALS", "MATLS": "MATERIALS", "MATERIAL": "MATERIALS",
        "ASSOC": "ASSOCIATES", "ASSOCIES": "ASSOCIATES", "DEV": "DEVELOPMENT", "MGMT": "MANAGEMENT", "DIST": "DISTRIBUTION",
        "DISTRIBUTORS": "DISTRIBUTION", "DISTRIBUTING": "DISTRIBUTION", "IND": "INDUSTRIES", "INDS": "INDUSTRIES", "INDUSTRIAL": "INDUSTRIES",
        "PROD": "PRODUCTS", "PRODS": "PRODUCTS", "ENT": "ENTERPRISES", "ENTR": "ENTERPRISES", "ENTERPRISE": "ENTERPRISES", "COMM": "COMMUNICATIONS", "COMMS": "COMMUNICATIONS",
        "INS": "INSURANCE", "PHARMA": "PHARMACEUTICALS", "PHARMACEUTICAL": "PHARMACEUTICALS", "HLDG": "HOLDINGS", "HLDGS": "HOLDINGS",
        "HOLDING": "HOLDINGS", "SOLN": "SOLUTIONS", "SOLNS": "SOLUTIONS", "EQUIP": "EQUIPMENT", "CONSTR": "CONSTRUCTION", "CONST": "CONSTRUCTION",
        "MTN": "MOUNTAIN", "ST": "SAINT", "STE": "SAINTE", "DEPT": "DEPARTMENT", "CDA": "CANADA", "CDN": "CANADIAN", "MTRS": "MOTORS",
        "PTNRS": "PARTNERS", "CTR": "CENTER", "CENTRE": "CENTER", "ELEC": "ELECTRIC", "ELECTRICAL": "ELECTRIC", "CONSULT": "CONSULTING",
        // Provinces as numbered companies are written (`9443-4264 QC INC`, `1234567 ONT LTD`).
        "QC": "QUEBEC", "QUE": "QUEBEC", "ONT": "ONTARIO", "ALTA": "ALBERTA",
        // Institutions as US banks cut them (`UNIV OF TAMPA`, `PROVIDENCE HLTHCARE`, `MEMORIAL MED CTR`).
        "UNIV": "UNIVERSITY", "HLTHCARE": "HEALTHCARE", "HLTH": "HEALTH", "MED": "MEDICAL", "HOSP": "HOSPITAL", "ASSN": "ASSOCIATION",
        // French trades as banks cut them, and `SPCLTY`.
        "MAT": "MATERIAUX", "IMPR": "IMPRIMERIE", "SPCLTY": "SPECIALTY", "SPLTY": "SPECIALTY", "QUINC": "QUINCAILLERIE", "CLIN": "CLINIQUE",
    ]

    /// A name and the names it says the company trades under (`Jorgensen Holdings LLC dba Great
    /// Lakes Supply`, `… faisant affaire sous …`), or the agency and the advertiser of an
    /// agency's account (`Halcyon Media US LLC a/a/f Prairiewell Outdoor`), or a bilingual name in its
    /// two languages (`Canadian Heritage / Patrimoine canadien`): a payer may pay under either.
    static func tradeNames(_ name: String) -> [String] {
        let markers = [" DBA ", " D/B/A ", " D.B.A. ", " T/A ", " TRADING AS ", " O/A ", " OPERATING AS ", " FAISANT AFFAIRE SOUS ", " F.A.S. ", " FAS ",
                       " F.A.S.R.S. ", " FASRS ", " A/A/F ", " AS AGENT FOR ", " AAF ", " POUR LE COMPTE DE ", " / "]
        var names = [name]
        if let marker = Self.marker(markers, in: name) {
            let upper = " " + name.uppercased() + " "
            names += upper.components(separatedBy: marker).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        // A company's other name in brackets (`Toitures Roy (9303-2421 Québec inc.)`), when it
        // is one: it ends with a legal form (not `(Canada)`, `(Laval)`, `(Phase 2)`, `(Hwy 7 & Main St)`).
        if let open = name.firstIndex(of: "("), let close = name[open...].firstIndex(of: ")") {
            let inner = String(name[name.index(after: open)..<close])
            let words = Customer.normalizedPayerWords(inner, keepingLegalForms: true)
            if words.count >= 2, let last = words.last, Customer.legalForms.contains(last) {
                names += [inner, String(name[..<open] + name[name.index(after: close)...]).trimmingCharacters(in: .whitespaces)]
            }
        }
        // A numbered company as banks also write it, its number in one piece (`93124455 QUEBEC INC`).
        for name in names {
            let words = name.split(separator: " ")
            if let first = words.first, case let parts = first.split(separator: "-"), parts.count == 2, parts.allSatisfy({ $0.count >= 3 && $0.allSatisfy(\.isNumber) }) {
                names.append(([Substring(parts.joined())] + words.dropFirst()).joined(separator: " "))
            }
        }
        return names
    }

    /// The first of `markers` (upper case, a blank at each end) that `name` holds, upper-cased
    /// with a blank at each end. Looked for on the bytes: a directory reads tens of thousands of
    /// names, most with none.
    static func marker(_ markers: [String], in name: String) -> String? {
        let bytes = [0x20] + name.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 } + [0x20]
        return markers.first { CashMatcher.holds(bytes, Array($0.utf8)) }
    }

    /// A name with an apostrophe, also as banks send it without: `Matelas de l'Estrie` is
    /// `MATELAS DE LESTRIE`, `Courtiers d'assurances` `COURTIERS DASSURANCES`.
    static func elisions(_ name: String) -> [String] {
        guard name.contains("'") || name.contains("\u{2019}") else { return [name] }
        return [name, name.replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: "")]
    }

    /// Umlauts written as two letters (`Kröger` sent as `KROEGER`: SEPA transfers carry no
    /// umlauts) read as the folded letter (`KROGER`), on both sides.
    static func folded(_ word: String) -> String {
        // The E of AE, OE, UE goes (A = 0x41, E = 0x45, O = 0x4F, U = 0x55). Most words have none.
        var previous: UInt8 = 0
        var found = false
        for byte in word.utf8 {
            if byte == 0x45, previous == 0x41 || previous == 0x4F || previous == 0x55 { found = true; break }
            previous = byte
        }
        guard found else { return word }
        var kept: [UInt8] = []
        previous = 0
        for byte in word.utf8 {
            if !(byte == 0x45 && (previous == 0x41 || previous == 0x4F || previous == 0x55)) { kept.append(byte) }
            previous = byte
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// A name or a text as comparable words: upper case, no accents or punctuation, legal
    /// suffixes at the end dropped, filler words dropped, common abbreviations made one.
    static func words(_ text: String, keepingFillers: Bool = false, keepingLegalForms: Bool = false) -> [String] {
        var all = Customer.normalizedPayerWords(text, keepingLegalForms: keepingLegalForms)
        // `STE DE TRANSPORT …` is a Société; `STE` before a name is Sainte (`STE JULIE`).
        for at in all.indices.dropLast() where all[at].utf8.count == 3 && all[at] == "STE" && ["DE", "DES", "D", "DU"].contains(all[at + 1]) { all[at] = "SOCIETE" }
        return all.compactMap { word in
            var word = word
            if !keepingFillers && fillers.contains(word) { return nil }
            // A legal form the bank ran into the word before (`NETWORKSINC`, `BROADBANDCORP`).
            if word.utf8.count >= 7, word.count >= 7, let form = gluedLegalForms.first(where: { word.count >= $0.count + 4 && word.hasSuffix($0) }) { word.removeLast(form.count) }
            return folded(abbreviations[word] ?? word)
        }
    }

    /// A group's name of two words written the other way round, as banks shorten it (`BOUCHARD
    /// TORREFACTION GRP` for Groupe Torréfaction Bouchard inc.).
    static func groupReversed(_ name: String) -> [String] {
        let whole = words(name, keepingFillers: true)
        guard whole.count == 3, ["GROUPE", "GROUP"].contains(whole[0]), !fillers.contains(whole[1]), !fillers.contains(whole[2]) else { return [] }
        return ["\(whole[2]) \(whole[1]) GROUPE"]
    }

    /// A customer that is a person (`Nathalie Côté`: two words of letters, no legal form), as
    /// banks write a personal account's holder, last name first: `COTE NATHALIE`.
    static func personReversed(_ name: String) -> [String] {
        let words = Customer.normalizedPayerWords(name, keepingLegalForms: true)
        guard words.count == 2, words.allSatisfy({ word in word.count >= 2 && word.allSatisfy(\.isLetter) && !Customer.legalForms.contains(word) && !fillers.contains(word) }),
              !Self.genericFirstWords.contains(words[0]) else { return [] }
        return ["\(words[1]) \(words[0])"]
    }

    /// A sole proprietor's name as a bank writes the owner paying from a personal account:
    /// `Wade Kuryliw o/a Kuryliw Snow Removal` pays as `W KURYLIW` or `KURYLIW, WADE`. Only the
    /// owner before an "operating as" (two words, letters only, no legal form) reads so.
    static func ownerNames(_ name: String) -> [String] {
        let markers = [" O/A ", " OPERATING AS ", " DBA ", " D/B/A ", " D.B.A. ", " T/A ", " TRADING AS ", " FAISANT AFFAIRE SOUS ", " F.A.S. "]
        guard let marker = Self.marker(markers, in: name), let owner = (" " + name.uppercased() + " ").components(separatedBy: marker).first else { return [] }
        let words = Customer.normalizedPayerWords(owner, keepingLegalForms: true)
        guard words.count == 2, words.allSatisfy({ word in word.allSatisfy(\.isLetter) && !Customer.legalForms.contains(word) && !fillers.contains(word) }),
              words[0].count >= 2, words[1].count >= 3 else { return [] }
        return ["\(words[0].prefix(1)) \(words[1])", "\(words[1]) \(words[0])"]
    }

    /// A name as payers write it by its initials: the whole name of four words or more
    /// (`MLTC` for Meadow Lake Tribal Council, `FHQTC`, `PBCN`), and its first two to six words before
    /// the rest (`RM SHERWOOD` for Rural Municipality of Sherwood No. 159, written `R.M. OF SHERWOOD`).
    /// Words of letters only; three-letter initials of a whole name are too often something else.
    static func initials(of words: [String]) -> [[String]] {
        guard words.count >= 3 else { return [] }
        let letters = { (word: String) in word.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A } }
        var found: [[String]] = []
        if words.count >= 4, words.allSatisfy(letters) { found.append([String(words.map { $0.first! })]) }
        // The first words' initials, the rest written out: `CSS DE LA CAPITALE` for Centre de
        // services scolaire de la Capitale, `CIUSSS DU SAGUENAY` for Centre intégré universitaire
        // de santé et de services sociaux du Saguenay.
        for count in 2...min(6, words.count - 1) {
            guard words[..<count].allSatisfy({ letters($0) && $0.utf8.count >= 3 }) else { break }
            if words[count...].contains(where: { $0.utf8.count >= 3 }) { found.append([String(words[..<count].map { $0.first! })] + words[count...]) }
        }
        return found
    }

    init(_ payers: [PayerIdentity]) {
        var glued: [String: [String]] = [:]
        var owners: [String: String?] = [:]
        var firstWords = Set<String>()
        var families: [String: Set<String>] = [:]
        var initials: [(words: [String], customer: String, whole: [String])] = []
        for payer in payers {
            let asWritten = payer.names.flatMap({ Self.tradeNames($0) + Self.ownerNames($0) }).flatMap(Self.elisions)
            for (order, name) in (asWritten + payer.names.flatMap(Self.groupReversed) + payer.names.flatMap(Self.personReversed)).enumerated() {
                let words = Self.words(name)
                guard !words.isEmpty else { continue }
                if order >= asWritten.count { turned.insert(entries.count) }
                initials += Self.initials(of: words).map { ($0, payer.code, $0) }
                entries.append((words, payer.code, Self.words(name, keepingFillers: true)))
                let index = entries.count - 1
                wordsOf[payer.code, default: []].formUnion(entries[index].whole)
                if firstWordOf[payer.code] == nil { firstWordOf[payer.code] = words[0] }
                if let word = Self.words(name, keepingFillers: true, keepingLegalForms: true).last, let form = Self.legalFormClass(word) { legalForm[index] = (form, word) }
                if name.utf8.contains(0x2D) {
                    // Only a hyphen inside a word (`GAGNON-COTE`), not a dash between parts (`LTD - NORTHSTAR`).
                    let compounds = CashMatcher.fold(name).split(separator: " ").filter { $0.contains("-") }
                    let before = Set(compounds.flatMap { word in
                        word.split(separator: "-", omittingEmptySubsequences: false).dropLast().compactMap { part in
                            part.isEmpty ? nil : Self.words(String(part), keepingFillers: true).last
                        }
                    })
                    if !before.isEmpty { hyphenAfter[index] = before }
                }
                let whole = entries[index].whole
                for at in words.indices.dropLast() where words[at].utf8.count >= 3 && words[at + 1].utf8.count >= 3 {
                    glued[words[at] + words[at + 1]] = [words[at], words[at + 1]]
                }
                for word in words { owners[word] = owners[word] == nil || owners[word] == .some(payer.code) ? payer.code : .some(nil) }
                if words[0].utf8.count >= 5, words[0].allSatisfy(\.isLetter) { firstWords.insert(words[0]) }
                if words[0].utf8.count >= 4, words[0].allSatisfy(\.isLetter), !Self.genericFirstWords.contains(words[0]), families[words[0], default: []].count <= 4 {
                    families[words[0], default: []].insert(payer.code)
                }
                for length in 1..<max(1, whole.count) {
                    longerNames[whole[..<length].joined(separator: " "), default: []].insert(payer.code)
                }
                if words.count == 1 {
                    single[words[0], default: []].append(index)
                } else {
                    byPair[words[0] + " " + words[1], default: []].append(index)
                    if words[1].count >= 3 { byCutPair[words[0] + " " + words[1].prefix(3), default: []].append(index) }
                }
                for at in words.indices.dropFirst().dropLast() where words[at].count >= 3 && words[at + 1].count >= 3 {
                    innerPairs[words[at] + " " + words[at + 1], default: []].insert(payer.code)
                }
            }
        }
        // Names by their initials, unless the initials are a word of some name or of bank text;
        // never read as cut short (`BR DEP` is no `BR DEPOT`).
        for entry in initials where owners[entry.words[0]] == nil && !Customer.textWords.contains(entry.words[0]) {
            acronyms[entry.customer, default: []].insert(entry.words[0])
            entries.append(entry)
            if entry.words.count == 1 { single[entry.words[0], default: []].append(entries.count - 1) }
            else { byPair[entry.words[0] + " " + entry.words[1], default: []].append(entries.count - 1) }
        }
        // Initials, of the names' words already read (reading 20,000 names again cost a tenth of a second).
        for entry in entries where entry.words.count <= 6 {
            let words = entry.words.flatMap { $0.split(separator: "-") }.filter { !$0.isEmpty && $0.allSatisfy(\.isLetter) }
            guard (3...6).contains(words.count), case let initials = String(words.map { $0.first! }), !Self.initialsStopWords.contains(initials) else { continue }
            shortInitials[initials, default: []].insert(entry.customer)
        }
        // A word some name holds is read as itself, not as two run together (unless nothing
        // else is found: `NORTHSTAR MEDIA` for North Star Media, beside Northstar Mechanical).
        gluedWords = glued.filter { owners[$0.key] == nil }
        ownedGluedWords = glued.filter { owners[$0.key] != nil }
        // (Of names as written: not one already turned round, `TRANSPORT LAURENTIDE GROUPE`.)
        for (index, entry) in entries.enumerated() where !turned.contains(index) && entry.words.count == 2
            && entry.words.allSatisfy({ $0.utf8.count >= 4 && $0.allSatisfy(\.isLetter) }) {
            reversedPairs[Self.singular(entry.words[1]) + " " + Self.singular(entry.words[0]), default: []].insert(entry.customer)
        }
        vocabulary = Set(entries.flatMap(\.whole))
        for (index, entry) in entries.enumerated() {
            entriesOf[entry.customer, default: []].append(index)
            let forms = Set(entry.words.indices.filter { Customer.legalForms.contains(entry.words[$0]) })
            if !forms.isEmpty { innerLegalForms[index] = forms }
        }
        for word in vocabulary where Self.mayBeMistyped(word) {
            let bytes = Array(word.utf8)
            for at in 1..<(bytes.count - 1) {
                var key = bytes
                key.remove(at: at)
                withoutOneLetter[String(decoding: key, as: UTF8.self), default: []].append((word, at))
            }
        }
        // Namesakes: each entry's words looked for in the entries of its rarest word.
        for (index, entry) in entries.enumerated() { for word in Set(entry.whole) { holding[word, default: []].append(index) } }
        for (index, entry) in entries.enumerated() where entry.whole.count >= 2 && !entry.words.isEmpty {
            let found = namesakes(holding: entry.whole, besides: entry.customer)
            if !found.isEmpty { namesakesOf[index] = found }
        }
        // Near namesakes: the same words but one, one letter wrong inside it (looked for only
        // among names that share the other words).
        let byWords = Dictionary(grouping: entries.indices.filter { !turned.contains($0) && !entries[$0].words.isEmpty }, by: { entries[$0].words })
        // Words of names of two words or more without one letter after their first (the last one too).
        var lettersOff: [String: [(word: String, at: Int)]] = [:]
        for word in Set(byWords.keys.filter { $0.count >= 2 }.flatMap { $0 }) where Self.mayBeMistyped(word) && word.utf8.count >= 5 {
            let bytes = Array(word.utf8)
            for at in 1..<bytes.count {
                var key = bytes
                key.remove(at: at)
                lettersOff[String(decoding: key, as: UTF8.self), default: []].append((word, at))
            }
        }
        for (words, indices) in byWords where words.count >= 2 {
            for (position, word) in words.enumerated() where Self.mayBeMistyped(word) && word.utf8.count >= 5 {
                let bytes = Array(word.utf8)
                for at in 1..<bytes.count {
                    var key = bytes
                    key.remove(at: at)
                    for near in lettersOff[String(decoding: key, as: UTF8.self)] ?? [] where near.at == at && near.word != word {
                        var other = words
                        other[position] = near.word
                        guard let found = byWords[other] else { continue }
                        for index in indices {
                            let others = found.filter { entries[$0].customer != entries[index].customer }
                            if !others.isEmpty { nearNamesakesOf[index, default: []].append(contentsOf: others) }
                        }
                    }
                }
            }
        }
        // Twins: the same words, filler words and legal forms aside.
        for twins in Dictionary(grouping: entries.indices.filter { !turned.contains($0) }, by: { entries[$0].words }).values {
            let customers = Set(twins.map { entries[$0].customer })
            guard customers.count >= 2 else { continue }
            for customer in customers { twinsOf[customer, default: []].formUnion(customers.subtracting([customer])) }
        }
        // Other names holding an entry's own words, filler words aside, in any order or place
        // (`TREMBLAY RENOVATION` of Groupe Tremblay Rénovation inc. and Rénovation S. Tremblay
        // ltée): looked up by customer when an invoice of another is named, no text read again.
        // Words many names hold (a numbered chain's, a trade's) say nothing: at most twenty others.
        for (index, entry) in entries.enumerated() where !entry.words.isEmpty && !turned.contains(index) {
            let found = Set(namesakes(holding: entry.words, besides: entry.customer, beginning: true).map { entries[$0].customer })
            if (1...20).contains(found.count) { fittingOf[entry.customer, default: []].formUnion(found) }
        }
        for (index, entry) in entries.enumerated() where namesakesOf[index] != nil || nearNamesakesOf[index] != nil || entry.words.count == 1
            || (longerNames[entry.whole.joined(separator: " ")] ?? []).contains(where: { $0 != entry.customer }) {
            mayHaveNamesakes.insert(entry.customer)
        }
        // A word any business may begin with (`HOTEL`, `GROUPE`) is nobody's brand, even held by one name.
        brands = firstWords.subtracting(Self.genericFirstWords).reduce(into: [:]) { brands, word in if let owner = owners[word], let owner { brands[word] = owner } }
        for family in families.values where (2...4).contains(family.count) {
            for customer in family { kin[customer, default: []].formUnion(family.subtracting([customer])) }
        }
        // A parent named as its group's (`Groupe Lavoie inc.`, `Halvorsen Holdings`, `Gestion
        // Bérard`) with each of the few customers whose names hold its word (`Transport Lavoie
        // ltée`, `Meubles Lavoie inc.`): its subsidiaries. A word many names hold (a common surname) is none.
        for (index, entry) in entries.enumerated() where !turned.contains(index) {
            guard let word = Self.groupWord(of: entry.whole) else { continue }
            let family = customers(holding: word)
            guard (2...6).contains(family.count) else { continue }
            // The parent with each, not the others with one another: two businesses sharing a
            // street's or a family's name (`Garage Laurier`, `Clinique dentaire Laurier`) are no sisters.
            for customer in family where customer != entry.customer {
                kin[customer, default: []].insert(entry.customer)
                kin[entry.customer, default: []].insert(customer)
            }
        }
    }

    /// Words that name a group's parent before or after its word (`GROUPE LAVOIE`, `HALVORSEN HOLDINGS`).
    static let parentWords: Set<String> = ["GROUPE", "GROUP", "HOLDINGS", "HOLDING", "GESTION", "GESTIONS"]

    /// The word a parent's name is its group's by: after `GROUPE`/`GESTION` at its start, or before
    /// `GROUP`/`HOLDINGS` at its end, a word of four letters or more no business may begin with.
    static func groupWord(of whole: [String]) -> String? {
        guard whole.count >= 2, whole.count <= 3 else { return nil }
        let word = parentWords.contains(whole[0]) ? whole[1] : parentWords.contains(whole[whole.count - 1]) && whole.count == 2 ? whole[0] : nil
        guard let word, word.utf8.count >= 4, word.allSatisfy(\.isLetter), !fillers.contains(word), !genericFirstWords.contains(word),
              !PayerDirectory.agencyWords.contains(word) else { return nil }
        return word
    }

    /// The customers whose names hold a word (filler words kept).
    func customers(holding word: String) -> Set<String> { Set((holding[word] ?? []).filter { !turned.contains($0) }.map { entries[$0].customer }) }

    /// Other customers' names holding every word of `words` (a word in `cut` as the start of
    /// one of theirs: the bank cut it), not beginning with them unless `beginning`.
    private func namesakes(holding words: [String], cut: Set<String> = [], besides customer: String, beginning: Bool = false) -> [Int] {
        let wanted = Set(words).subtracting(cut)
        guard let rarest = wanted.min(by: { (holding[$0]?.count ?? 0) < (holding[$1]?.count ?? 0) }) else { return [] }
        return (holding[rarest] ?? []).filter { other in
            let name = entries[other].whole
            guard entries[other].customer != customer, !turned.contains(other), name.count >= words.count, wanted.allSatisfy(name.contains),
                  cut.allSatisfy({ start in name.contains { Self.begins($0, with: start) } }) else { return false }
            return beginning || !zip(name, words).allSatisfy { cut.contains($1) ? Self.begins($0, with: $1) : $0 == $1 }
        }
    }

    /// Other customers a name read as the customer's fits as well (`doubt`; `alsoFits`, every
    /// other name holding its words): its name written whole in the
    /// text, those whose names hold its one word beside filler words (`GROUPE TREMBLAY`: Groupe
    /// J.-P. Tremblay ltée), are its words in another order (`MEDIA LAVAL` for `LAVAL MEDIA`),
    /// or hold them and end with the legal form written after it where the customer's does not
    /// (`WILSON MEDIA LTD.`: Wilson Brothers Media Ltd., not Wilson Media Corp.); its name read in
    /// part (cut short, two words inside it, turned around), those whose names hold the words it
    /// was read by, a word cut short as the start of one (`MACDONALD LOGISTICS`: Western MacDonald
    /// Logistics Corp. and Logistics MacDonald Group Inc.; `CENTRE DE SERVICES SCOLAIRE DU FLEU`:
    /// only another's ending in `FLEU…`).
    func namesakes(of customer: String, in text: String, heldWhole: Bool = false) -> (doubt: [String], alsoFits: [String]) {
        // Its name held whole (a scan said so) and no name of another's that could fit it: nothing
        // to read again (most lines).
        if heldWhole, !mayHaveNamesakes.contains(customer) { return ([], []) }
        guard let mine = entriesOf[customer], let known = wordsOf[customer] else { return ([], []) }
        let words = Self.words(text)
        let found: [Int]
        var alsoFits: [Int] = []
        if let held = mine.first(where: { !turned.contains($0) && Self.contains(words, entries[$0].words) }) {
            let name = entries[held].whole, own = legalForm[held]?.form
            let raw = Self.words(text, keepingFillers: true, keepingLegalForms: true)
            let at = raw.count < name.count ? nil : (0...(raw.count - name.count)).first { raw[$0..<($0 + name.count)].elementsEqual(name) }
            let written = at.flatMap { $0 + name.count < raw.count ? Self.legalFormClass(raw[$0 + name.count]) : nil }
            // Its own legal form written after it, not the other's: the form says which (`LAVAL MEDIA INC`).
            let formSays = { (other: Int) in written != nil && written == own && self.legalForm[other]?.form != written }
            var others = namesakesOf[held] ?? []
            // One word of its own, its filler words not written (`GAGNON` for Les Entreprises
            // Gagnon inc.): every other name holding that word, those beginning with it too.
            // (Beside a filler word, it is written with them: `LEBLANC ET CIE` for Leblanc & Cie Ltée.)
            if entries[held].words.count == 1, at == nil, case let word = entries[held].words[0], case let fillers = Set(name).union(Self.fillers).subtracting([word]),
               !raw.indices.contains(where: { raw[$0] == word && (($0 > 0 && fillers.contains(raw[$0 - 1])) || ($0 + 1 < raw.count && fillers.contains(raw[$0 + 1]))) }) {
                others = namesakes(holding: entries[held].words, besides: customer, beginning: true)
            }
            // Longer names beginning with it that end with the legal form written, its own not
            // (`ATLAS STEEL LTD`: Atlas Steel Fabricators Ltd., beside Atlas Steel Inc.).
            let longer = written == nil || own == written ? [] : (longerNames[name.joined(separator: " ")] ?? []).flatMap { entriesOf[$0] ?? [] }.filter { other in
                entries[other].customer != customer && !turned.contains(other) && entries[other].whole.starts(with: name) && legalForm[other]?.form == written
            }
            // A name one letter off with the legal form written, its own not (`NORDIK MEDIA LTD`:
            // Nordic Media Ltd. mistyped, or Nordik Media Inc. with the wrong form): either.
            let near = written == nil || own == written ? [] : (nearNamesakesOf[held] ?? []).filter { legalForm[$0]?.form == written }
            alsoFits = others + longer + near
            // One word of its own beside filler words (`GROUPE TREMBLAY`): a surname or a place
            // many businesses share; any other name holding them fits as well.
            found = longer + near + (entries[held].words.count == 1 ? others.filter { !formSays($0) } : others.filter { other in
                (Set(entries[other].whole) == Set(name) && !formSays(other)) || (written != nil && legalForm[other]?.form == written && own != written)
            })
        } else {
            // The longest run of the text's words that are its name's, or the start of one of them
            // (two letters or more); two of them at least, not all filler words.
            let all = Self.words(text, keepingFillers: true)
            let isCut = { (word: String) in word.utf8.count >= 2 && !known.contains(word) && known.contains { Self.begins($0, with: word) } }
            var run: ArraySlice<String> = [], start = 0
            for at in all.indices {
                if !known.contains(all[at]) && !isCut(all[at]) { start = at + 1; continue }
                if at + 1 - start > run.count { run = all[start...at] }
            }
            guard run.count >= 2, run.contains(where: { !Self.fillers.contains($0) }) else { return ([], []) }
            found = namesakes(holding: Array(run), cut: Set(run.filter(isCut)), besides: customer)
            alsoFits = found
        }
        let customers = { (entries: [Int]) in Set(entries.map { self.entries[$0].customer }).subtracting([customer]).sorted() }
        return (customers(found), customers(alsoFits))
    }

    /// The customer whose name the text starts with, or holds, the longest match winning. A name
    /// cut short by the bank counts when its first two words are there, or its first word and the
    /// start (three letters or more) of its second. Two customers that fit equally once filler
    /// words are dropped are told apart by the one whole name the text holds, filler words
    /// included; else nobody.
    func customer(in text: String) -> String? { scan(text).best }

    /// `customer(in:)`; every customer whose name of two words or more the text holds whole; and
    /// another customer whose longer name begins with the name found (the bank may have cut it).
    /// `context`, the rest of the payment's text, only tells apart branches named alike.
    /// `near`: customers whose name the text only comes near (another business's).
    func scan(_ text: String, context: String? = nil, isNameField: Bool = false) -> (best: String?, whole: Set<String>, alsoBegins: String?, near: Set<String>, tied: Set<String>) {
        var whole = Set<String>()
        let words = Self.words(text).flatMap { gluedWords[$0] ?? [$0] }
        // The best score, its customer, and whether another customer scored as well.
        var best: (score: Int, customer: String?, tied: Bool) = (0, nil, false)
        var bestEntries: [Int] = []
        // Where in the text each of them starts and stops matching.
        var bestStarts: [Int] = [], bestEnds: [Int] = []
        // Where each name held whole is.
        var wholeSpans: [String: [Range<Int>]] = [:]
        // Names of two words or more the text holds whole.
        var fullMatches = Set<Int>()
        // Customers whose name the text only comes near (another business): not found inside either.
        var nearNames = Set<String>()
        // The text's words with filler words and legal forms kept, read when first needed.
        var rawWords: [String]?
        // Whether the text goes on, where a name cut short stops matching, with a word of its
        // own and a legal form (another business's whole name): the same for every name that
        // stops there, so asked once per place (a network's stores share their first words).
        var anotherBusinessAt: [Int: Bool] = [:]
        func anotherBusiness(stoppingAt end: Int) -> Bool {
            if let known = anotherBusinessAt[end] { return known }
            let other = words[end]
            var found = false
            if !Customer.textWords.contains(other), !NameIndex.holdsNumber(other) {
                if rawWords == nil { rawWords = Self.words(text, keepingFillers: true, keepingLegalForms: true) }
                let raw = rawWords!
                if let at = raw.firstIndex(of: other), at >= 1, at + 1 < raw.count, raw[at - 1] == words[end - 1],
                   Customer.legalForms.contains(raw[at + 1]) { found = true }
            }
            anotherBusinessAt[end] = found
            return found
        }
        let noCandidates: [Int] = []
        // Names begun by the text's compound word alone (`VIEUX PORT TREASURY`): a place or a first
        // name many share, so two words inside another's name say nothing either.
        var compoundBegun = false
        for start in words.indices {
            // `… NOT MAPLE LEAF COLLISION`: a name the text says is not the payer.
            if start > 0, words[start - 1] == "NOT" { continue }
            // The names that can score from here: a one-word name equal to this word, or a longer
            // one whose second word is the next word or starts with it.
            let next = start + 1 < words.count ? words[start + 1] : nil
            let buckets = [single[words[start]] ?? noCandidates,
                           next.flatMap { byPair[words[start] + " " + $0] } ?? noCandidates,
                           next.flatMap { $0.count >= 3 ? byCutPair[words[start] + " " + $0.prefix(3)] : nil } ?? noCandidates]
            for (bucket, candidates) in buckets.enumerated() {
                for index in candidates {
                    // Cut short: only the names whose second word is not the next word itself.
                    if bucket == 2, entries[index].words[1] == next! { continue }
                    // Read in place: a copy of the entry costs more than the comparison. A name
                    // found by its first two words holds them (a network's stores share them).
                    var matched = bucket == 1 ? 2 : 0
                    let length = entries[index].words.count
                    while matched < length, start + matched < words.count, words[start + matched] == entries[index].words[matched] { matched += 1 }
                    var score = 0
                    // Where the name stops in the text: after a word the bank cut short too.
                    var end = start + matched
                    if matched == length {
                        score = matched * 10
                        if matched >= 2 {
                            whole.insert(entries[index].customer); fullMatches.insert(index)
                            wholeSpans[entries[index].customer, default: []].append(start..<(start + matched))
                        }
                    } else if matched >= 2 {
                        // Cut at a hyphen of a compound name with other words after (`PHARMACIE GAGNON
                        // TRF` for Pharmacie Gagnon-Côté, not `… SAINTE-FO`): another business.
                        let atHyphen = hyphenAfter[index]?.contains(entries[index].words[matched - 1]) ?? false
                        // A debtor's name field that ends at the hyphen is that name whole, not one cut.
                        // (A remittance word of three letters or more, `INV`, `PMT`, begins none: `SUMMIT COMPANY INV`
                        // is no Summit Company Investments; `GAGNON-CO` may still be Gagnon-Côté cut.)
                        let goesOn = start + matched < words.count ? !Self.begins(entries[index].words[matched], with: words[start + matched])
                            || (words[start + matched].utf8.count >= 3 && Customer.textWords.contains(words[start + matched])) : isNameField
                        // Cut just after a legal form inside the name (`GREAT LAKES MOTOR COMPANY` of
                        // Great Lakes Motor Company of Canada, Limited), the text not going on with the
                        // start of the name's next word (`… COMPANY OF CAN`): the form may as well end
                        // another customer's whole name, so it adds nothing to this one.
                        let counted = (goesOn || start + matched >= words.count) && (innerLegalForms[index]?.contains(matched - 1) ?? false) ? matched - 1 : matched
                        // Its first word alone, a compound first name (`JEAN-FRANCOIS GAGNON` is no Jean-François
                        // Bisson), the text going on with another: another person.
                        let firstWordOnly = matched == 2 && hyphenAfter[index]?.contains(entries[index].words[0]) == true
                        score = (atHyphen || firstWordOnly) && goesOn ? 0 : counted * 10 - 5
                        if firstWordOnly && goesOn { compoundBegun = true }
                        // Going on with a word of its own and a legal form (`PRAIRIE SKY HOLDINGS INC`
                        // for Prairie Sky Travel Ltd): another business's whole name, not this one cut.
                        if score > 0, goesOn, start + matched < words.count, anotherBusiness(stoppingAt: start + matched) { score = 0 }
                        // The text going on with the start of the name's next word is a name cut in
                        // that word (`PRINCE EDWARD PHAR`: Pharmacy, not Prince Edward Insurance).
                        if score > 0, !goesOn, start + matched < words.count, words[start + matched].count >= 2 { score += 1 }
                        if !goesOn, start + matched < words.count { end += 1 }
                        if score == 0 { nearNames.insert(entries[index].customer) }
                    } else if matched == 1, start + 1 < words.count, words[start + 1].count >= 3, entries[index].words[1].hasPrefix(words[start + 1]),
                              !Customer.textWords.contains(words[start + 1]) {
                        // (A remittance word begins none: `QUEBEC INV-…` is no Investissement Québec written last word first.)
                        // Cut short: four letters or more of the second word say more than a one-word
                        // name (`GROUPE CLOUTIER DIVERT` is Groupe Cloutier Divertissement, not Groupe Cloutier).
                        score = words[start + 1].count >= 4 ? 11 : 8
                        end = start + 2
                    }
                    guard score > 0 else { continue }
                    // A name found later in the text counts for less than one at its start.
                    if start > 0 { score -= 1 }
                    if score > best.score { best = (score, entries[index].customer, false); bestEntries = [index]; bestStarts = [start]; bestEnds = [end] }
                    else if score == best.score {
                        bestEntries.append(index); bestStarts.append(start); bestEnds.append(end)
                        if entries[index].customer != best.customer { best.tied = true }
                    }
                }
            }
        }
        guard best.customer != nil else {
            // No name starts here: two words that only one customer's name holds inside it (an
            // owner paying under their own name, `VIR. INTERAC DE CAROLINE VEZINA`).
            // Not inside a name the text says is not the payer (`NOT MAPLE LEAF COLLISION`).
            let inside = compoundBegun ? [] : words.indices.dropLast().filter { at in !words[max(0, at - 2)..<at].contains("NOT") }
                .reduce(into: Set<String>()) { found, at in found.formUnion(innerPairs[words[at] + " " + words[at + 1]] ?? []) }.subtracting(nearNames)
            return (inside.count == 1 ? inside.first : nil, whole, nil, nearNames, [])
        }
        var found = best.customer
        if best.tied {
            let all = Self.words(text, keepingFillers: true)
            let exact = Set(bestEntries.filter { Self.contains(all, entries[$0].whole) }.map { entries[$0].customer })
            found = exact.count == 1 ? exact.first : nil
            // An agency's name fits each of its clients' accounts: the one whose advertiser the
            // text names too is the one.
            if found == nil {
                let tied = Set(bestEntries.map { entries[$0].customer })
                let twice = tied.filter { customer in fullMatches.filter { entries[$0].customer == customer }.count >= 2 }
                found = twice.count == 1 ? twice.first : nil
            }
            // Twins but for their legal form (`Liberty Logistics Ltd.`, `Liberty Logistics Inc.`):
            // the one whose form the text writes right after the name (`LTD`, `LIMIT` cut short);
            // of two of one class (`Trillium Motors Limited`, `… Ltée`), the one written as it is,
            // unless it is the other's short form (banks write `LTD` for Limited) or the other is its
            // short form (a clerk may have filed Limited as `Ltd`).
            if found == nil {
                let raw = Self.words(text, keepingFillers: true, keepingLegalForms: true)
                let forms = bestEntries.compactMap { index -> (customer: String, form: String, written: String)? in
                    guard let (form, word) = legalForm[index], case let name = entries[index].whole, raw.count > name.count,
                          let at = (0..<(raw.count - name.count)).first(where: { at in raw[at..<(at + name.count)].elementsEqual(name) && Self.legalFormClass(raw[at + name.count]) == form })
                    else { return nil }
                    return (entries[index].customer, word, raw[at + name.count])
                }
                let written = Set(forms.map(\.customer)), asWritten = Set(forms.filter { $0.form == $0.written }.map(\.customer))
                let notShortened = forms.allSatisfy { Self.shortLegalForm[$0.form] != $0.written && Self.shortLegalForm[$0.written] != $0.form }
                found = written.count == 1 ? written.first : asWritten.count == 1 && notShortened ? asWritten.first : nil
            }
            // Branches named alike (`Summit Tire & Service (Penticton) Ltd.`, `(Kamloops)`…): the
            // one whose every word the text holds somewhere (`… HEAD OFFICE RE PENTICTON`).
            if found == nil {
                let present = Set(words + (context.map { Self.words($0) } ?? []))
                let holding = Set(bestEntries.filter { entries[$0].words.allSatisfy { present.contains($0) || Customer.legalForms.contains($0) } }.map { entries[$0].customer })
                found = holding.count == 1 ? holding.first : nil
            }
        }
        // Customers the name fits alike and nothing told apart (a banner's stores, no town said):
        // the amount may, when the text goes on with a legal form, bank words or numbers only after the name
        // (`MARCHE BONPRIX EFT CREDIT`), not with another business's (`BAY STREET CAPITAL PARTNERS`).
        guard let found else {
            let onlyBankWords = bestEnds.allSatisfy { end in
                end >= words.count || Customer.textWords.contains(words[end]) || Customer.legalForms.contains(words[end]) || NameIndex.holdsNumber(words[end])
            }
            return (nil, whole, nil, nearNames, best.tied && onlyBankWords ? Set(bestEntries.map { entries[$0].customer }) : [])
        }
        // A name held only inside the payer's longer one is not named apart (`BOREAL MEDIA` of
        // `BOREAL MEDIA DIFFUSION LTEE`, the payer, is not its sister Groupe Boréal Média).
        let foundSpans = bestEntries.indices.filter { entries[bestEntries[$0]].customer == found }.map { bestStarts[$0]..<bestEnds[$0] }
        whole = whole.filter { customer in
            customer == found || !(wholeSpans[customer] ?? []).allSatisfy { span in
                foundSpans.contains { $0.lowerBound <= span.lowerBound && span.upperBound <= $0.upperBound && $0.count > span.count }
            }
        }
        // The name written whole, then `ET ASSOCIES`, `& SONS`…: a firm whose name goes on, not
        // this customer (`CONSTRUCTION BERUBE ET ASSOCIES` for Construction Bérubé ltée).
        if bestEntries.contains(where: { entries[$0].customer == found }), Self.mayJoinNames(text) {
            let raw = Self.words(text, keepingFillers: true)
            let goesOn = bestEntries.filter { entries[$0].customer == found }.allSatisfy { index in
                let name = entries[index].whole
                // `&` is no word once the text is read: `BERUBE & ASSOCIES` reads `BERUBE ASSOCIES`.
                return (0..<max(0, raw.count - name.count)).contains { at in
                    guard raw[at..<(at + name.count)].elementsEqual(name) else { return false }
                    let after = raw[(at + name.count)...]
                    return Self.firmContinuations.contains(after.first!)
                        || (["ET", "AND"].contains(after.first!) && after.count >= 2 && Self.firmContinuations.contains(after[after.startIndex + 1]))
                }
            }
            if goesOn { return (nil, whole, nil, nearNames.union([found]), []) }
        }
        // The name, then a word that names another business of the family (`BAYVIEW REALTY
        // MANAGEMENT` beside Bayview Realty Inc., `NORDIK MEDIA CONSEIL`): not this customer.
        if zip(bestEntries, bestEnds).allSatisfy({ index, end in
            entries[index].customer != found || (end < words.count && Self.businessWords.contains(words[end]) && !entries[index].words.contains(words[end]))
        }) {
            return (nil, whole, nil, nearNames.union([found]), [])
        }
        let longer = bestEntries.filter { entries[$0].customer == found }.compactMap { index in
            longerNames[entries[index].whole.joined(separator: " ")].map { (index, $0.subtracting([found])) }
        }.filter { !$0.1.isEmpty }
        guard !longer.isEmpty else { return (found, whole, nil, nearNames, []) }
        // A legal form right after the name (`GROUPE LAVOIE INC`) says the bank did not cut it. A
        // word that does not begin the longer names' next (`SUMMIT DENTAL PMT`, Summit Dental Lab?)
        // does not: banks write their own words after a name they cut.
        let raw = Self.words(text, keepingFillers: true, keepingLegalForms: true)
        let open = longer.filter { index, _ in
            let name = entries[index].whole
            return !(0..<max(0, raw.count - name.count)).contains { start in
                raw[start..<(start + name.count)].elementsEqual(name) && Customer.legalForms.contains(raw[start + name.count])
            }
        }
        // The name whole, then the start of a longer one's next word (`KEYSTONE AUTO GR` beside
        // Keystone Auto Group Inc. and Keystone Auto Group of New Jersey): the bank cut a longer
        // name, which one the text does not say.
        let cutInto = bestEntries.indices.contains { at in
            let index = bestEntries[at], end = bestEnds[at]
            guard entries[index].customer == found, end < words.count, case let next = words[end], next.utf8.count >= 2,
                  !Customer.textWords.contains(next), !Customer.legalForms.contains(next),
                  let others = open.first(where: { $0.0 == index })?.1 else { return false }
            // Filler words kept: `GROUP` is the next word of Keystone Auto Group's name.
            let name = entries[index].whole
            return others.contains { other in
                (entriesOf[other] ?? []).contains { candidate in
                    let longer = entries[candidate].whole
                    return longer.count > name.count && longer.starts(with: name) && longer[name.count] != next && Self.begins(longer[name.count], with: next)
                }
            }
        }
        if cutInto { return (nil, whole, nil, nearNames, []) }
        return (found, whole, open.flatMap(\.1).sorted().first, nearNames, [])
    }

    /// A word of letters only, four or more, that is no bank word, filler or legal form: one a
    /// person may mistype, and one a typo may be read as.
    private static func mayBeMistyped(_ word: String) -> Bool {
        word.utf8.count >= 4 && word.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
            && !Customer.textWords.contains(word) && !fillers.contains(word) && !Customer.legalForms.contains(word)
    }

    /// The one word of the customers' names `word` is a typo of: two letters swapped
    /// (`HALIFXA`, `ASSOCITAES`), or one letter inside the word doubled, added, left out or
    /// wrong (`NIAGGARA`, `CATSKLL`, `MONAWK`) — never its first or last letter, which make
    /// another name (`RENTAL` is not `DENTAL`, `SEAFOOD` not `SEAFOODS`). A word that is some
    /// name's, or that could be two of them, is no typo.
    func typoOf(_ word: String) -> String? {
        guard Self.mayBeMistyped(word), !vocabulary.contains(word) else { return nil }
        let bytes = Array(word.utf8)
        var found = Set<String>()
        let known = { (candidate: [UInt8]) in
            let text = String(decoding: candidate, as: UTF8.self)
            if candidate.count >= 4, max(candidate.count, bytes.count) >= 5, Self.mayBeMistyped(text), vocabulary.contains(text) { found.insert(text) }
        }
        for at in bytes.indices.dropLast() where bytes[at] != bytes[at + 1] {
            var swapped = bytes
            swapped.swapAt(at, at + 1)
            known(swapped)
        }
        // One letter too many, inside the word.
        for at in 1..<(bytes.count - 1) {
            var shorter = bytes
            shorter.remove(at: at)
            known(shorter)
        }
        // One letter missing inside the word: the word is a name's word without it.
        for entry in withoutOneLetter[word] ?? [] where entry.word.utf8.count >= 5 { found.insert(entry.word) }
        // One letter wrong inside the word: both without it, at the same place.
        for at in 1..<(bytes.count - 1) {
            var shorter = bytes
            shorter.remove(at: at)
            for entry in withoutOneLetter[String(decoding: shorter, as: UTF8.self)] ?? [] where entry.at == at && entry.word.utf8.count == bytes.count && entry.word.utf8.count >= 5 {
                found.insert(entry.word)
            }
        }
        return found.count == 1 ? found.first : nil
    }

    /// Short words that payers write for something else than a name: currencies,
    /// sales taxes, countries, short words.
    static let initialsStopWords: Set<String> = ["CAD", "USD", "EUR", "GBP", "CHF", "JPY", "AUD", "MXN", "CNY", "GST", "HST", "QST", "PST", "TPS", "TVQ", "TVH",
                                                 "TVA", "VAT", "TAX", "USA", "CAN", "THE", "AND", "FOR", "NET", "PAY", "DUE", "ALL", "NEW", "OLD", "ONE", "TWO",
                                                 "PER", "VIA", "ATT", "COD", "EOM", "OBO", "FBO", "ETA", "ASAP", "ATTN", "NOTE", "PAID"]

    /// Whether `text` starts with a name of `customer` (its first two words, or all of a shorter one).
    func begins(_ text: String, with customer: String) -> Bool {
        let words = Self.words(text)
        return (entriesOf[customer] ?? []).contains { index in
            let name = entries[index].words.prefix(2)
            return words.count >= name.count && words.prefix(name.count).elementsEqual(name)
        }
    }

    /// Whether some name has initials to look for (most books' names are too short).
    var hasShortInitials: Bool { !shortInitials.isEmpty }

    /// Customers whose name's initials the payer's name is (`payer`: the name field, or the name
    /// a text starts with), that name one word (not a word banks write, a legal form, nor a word
    /// of some name): `UHN` paying, not `GREENFIELD HOLDINGS LLC`.
    func customersByShortInitials(in payer: String) -> Set<String> {
        guard !shortInitials.isEmpty, (3...6).contains(payer.utf8.count), payer.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }),
              let customers = shortInitials[payer], !Customer.textWords.contains(payer), !Customer.legalForms.contains(payer), !vocabulary.contains(payer) else { return [] }
        return customers
    }

    /// Whether some name of two words may be written the other way round.
    var hasReversedNames: Bool { !reversedPairs.isEmpty }

    /// The one customer whose name of two words the payer's name (`payer`: the name field, or the
    /// name a text starts with) is, the other way round, as a French name is often written in
    /// English (`LAURENTIDE TRANSPORT INC` for Transport Laurentide inc., `RIVIERA CONSTRUCTION` for
    /// Les Constructions Riviera inc.); nil when none or several. The whole name, legal form
    /// aside: `ATLANTIC MARINE SUPPLY` is no Marine Atlantic.
    func reversedName(_ payer: String) -> String? {
        guard !reversedPairs.isEmpty else { return nil }
        let words = Self.words(payer).map(Self.singular)
        guard words.count == 2, let found = reversedPairs[words[0] + " " + words[1]], found.count == 1 else { return nil }
        return found.first
    }

    /// A word without a plural's S (`CONSTRUCTIONS`), a short word as it is.
    static func singular(_ word: String) -> String { word.utf8.count > 4 && word.hasSuffix("S") && !word.hasSuffix("SS") ? String(word.dropLast()) : word }

    /// `text` with the words that are both a name's word and two words of another name run
    /// together written apart, and the pairs split; nil when it holds none.
    func runTogetherSplit(_ text: String) -> (text: String, pairs: [[String]])? {
        guard !ownedGluedWords.isEmpty else { return nil }
        var pairs: [[String]] = []
        let tokens = text.split(separator: " ").map { token in
            if let pair = ownedGluedWords[Self.folded(String(token))] { pairs.append(pair); return pair.joined(separator: " ") }
            return String(token)
        }
        return pairs.isEmpty ? nil : (tokens.joined(separator: " "), pairs)
    }

    /// The text with the words a payer mistyped in a customer's name (`typoOf`) written as the
    /// name has them, and those words; nil when there are none.
    func typosCorrected(_ text: String) -> (text: String, words: Set<String>)? {
        var tokens = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var corrected = Set<String>()
        for index in tokens.indices {
            guard let word = typoOf(tokens[index]) else { continue }
            tokens[index] = word
            corrected.insert(word)
        }
        return corrected.isEmpty ? nil : (tokens.joined(separator: " "), corrected)
    }

    /// Whether the text holds a word of the customer's names other than `corrected` (a bank or
    /// filler word aside): a name read through a typo must be written right elsewhere.
    func holdsAnotherWord(of customer: String, in text: String, besides corrected: Set<String>) -> Bool {
        let own = wordsOf[customer] ?? []
        return Self.words(text).contains { own.contains($0) && !corrected.contains($0) && !Customer.textWords.contains($0) }
    }

    /// Whether `words` holds `name`, word after word.
    private static func contains(_ words: [String], _ name: [String]) -> Bool {
        guard !name.isEmpty, name.count <= words.count else { return false }
        return (0...(words.count - name.count)).contains { start in words[start..<(start + name.count)].elementsEqual(name) }
    }
}
