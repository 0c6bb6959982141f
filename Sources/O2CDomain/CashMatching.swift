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

    public init(code: String, names: [String], bankAccounts: [String]) {
        self.code = code
        self.names = names
        self.bankAccounts = bankAccounts
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

    public init(amount: Money, payerName: String?, payerAccount: String?, text: String, references: [String]) {
        self.amount = amount
        self.payerName = payerName
        self.payerAccount = payerAccount
        self.text = text
        self.references = references
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
        public var amount: Int64
    }

    public var status: Status
    public var customer: String?
    public var allocations: [Allocation]
    /// A short payment within the tolerance, booked as a bank charge.
    public var fee: Int64
    /// What stays on the customer's account (an over-payment, a duplicate).
    public var unapplied: Int64
    /// A larger short payment: the part of the invoice left open, a proposed deduction.
    public var deduction: Int64
    /// 0–100.
    public var confidence: Int
    public var explanation: String
}

/// The rules an entity matches by.
public struct MatchPolicy: Sendable, Hashable {
    /// A short payment up to this (in the payment's currency, minor units) settles the invoice,
    /// the difference booked as a bank charge.
    public var feeTolerance: Int64
    /// Decisions at or above this confidence are applied; below, only proposed.
    public var threshold: Int
    /// The most open invoices a payment without a reference is tried against as a sum.
    public var maximumCombination: Int

    public init(feeTolerance: Int64 = 5_000, threshold: Int = 85, maximumCombination: Int = 6) {
        self.feeTolerance = feeTolerance
        self.threshold = threshold
        self.maximumCombination = maximumCombination
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
    public let policy: MatchPolicy
    private var items: [Int64: OpenItem] = [:]
    /// Open items by all the digits of their number (`2026003074`).
    private var byDigits: [String: [Int64]] = [:]
    /// By the last group of digits without leading zeros (`3074`).
    private var byTail: [String: [Int64]] = [:]
    /// By its groups of digits without their leading zeros (`2026|3074`).
    private var byGroups: [String: [Int64]] = [:]
    /// Open items by customer.
    private var byCustomer: [String: [Int64]] = [:]
    /// Every invoice number ever known (open or settled), by digits: to recognise a duplicate.
    private var settledDigits: [String: String] = [:]
    private var names: NameIndex
    private var accounts: [String: String] = [:]

    public init(openItems: [OpenItem], settledNumbers: [(number: String, customer: String)] = [], payers: [PayerIdentity], policy: MatchPolicy = MatchPolicy()) {
        self.policy = policy
        for item in openItems where item.open > 0 {
            items[item.id] = item
            byDigits[Self.digits(item.number), default: []].append(item.id)
            if let tail = Self.tail(item.number) { byTail[tail, default: []].append(item.id) }
            if let groups = Self.groupKey(item.number) { byGroups[groups, default: []].append(item.id) }
            byCustomer[item.customer, default: []].append(item.id)
        }
        for settled in settledNumbers { settledDigits[Self.digits(settled.number)] = settled.customer }
        names = NameIndex(payers)
        for payer in payers {
            for account in payer.bankAccounts { accounts[Self.digits(account)] = payer.code }
        }
    }

    /// What is open on an invoice now, after the decisions taken so far.
    public func open(_ id: Int64) -> Int64 { items[id]?.open ?? 0 }

    // MARK: Deciding

    /// Decides one line and, when it applies, takes what it allocates off the open items.
    public mutating func decide(_ payment: IncomingPayment) -> MatchDecision {
        var decision = evaluate(payment)
        if decision.status == .applied, decision.confidence < policy.threshold {
            decision.status = .proposed
        }
        if decision.status == .applied {
            for allocation in decision.allocations {
                items[allocation.invoiceID]?.open -= allocation.amount
                if let item = items[allocation.invoiceID], item.open <= 0 {
                    settledDigits[Self.digits(item.number)] = item.customer
                }
            }
            // What the fee settles is gone too.
            if decision.fee > 0, let last = decision.allocations.last { items[last.invoiceID]?.open = 0 }
        }
        return decision
    }

    private func evaluate(_ payment: IncomingPayment) -> MatchDecision {
        let amount = payment.amount.minorUnits
        let currency = payment.amount.currency
        let text = Self.fold(([payment.text] + payment.references).joined(separator: " "))
        let candidates = Self.candidateNumbers(in: text)

        // The payer, by name, then by account.
        var named: String?
        var nameNote = ""
        if let name = payment.payerName, let hit = names.customer(in: Self.fold(name)) { named = hit; nameNote = "payer name" }
        else if let hit = names.customer(in: text) { named = hit; nameNote = "payer name in the text" }
        if named == nil, let account = payment.payerAccount, let hit = accounts[Self.digits(account)] { named = hit; nameNote = "payer's bank account" }

        // References: exact digits first.
        var referenced: [OpenItem] = []
        var duplicateOf: [String] = []
        var how: [String] = []
        for candidate in candidates {
            if let ids = byDigits[candidate] {
                for id in ids where items[id]!.currency == currency && !referenced.contains(where: { $0.id == id }) {
                    if items[id]!.open > 0 { referenced.append(items[id]!) } else { duplicateOf.append(items[id]!.number) }
                }
            } else if let customer = settledDigits[candidate], named == nil || named == customer {
                duplicateOf.append(candidate)
            }
        }
        // The same groups with their zeros stripped (`INV-2026-3074`).
        for key in Self.groupKeys(in: text) {
            for id in byGroups[key] ?? [] where items[id]!.currency == currency && items[id]!.open > 0 && !referenced.contains(where: { $0.id == id }) {
                referenced.append(items[id]!)
            }
        }
        if !referenced.isEmpty { how.append("reference\(referenced.count > 1 ? "s" : "") \(referenced.map(\.number).joined(separator: ", ")) in the text") }

        // A short number (`#3074`): the tail of one open invoice of the payer (known by name or
        // by the invoices already named; never guessed across all customers). The digit groups
        // of numbers already matched (`2026` of `INV-2026-002874`) are not references of their own.
        let payer = named ?? referenced.first?.customer
        let consumed = Set(referenced.flatMap { item in
            item.number.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).flatMap { [String($0), String($0.drop { $0 == "0" })] }
        })
        if let payer {
            // Only a number standing alone: `2026` in `INV-2026-002020` is part of a longer one.
            let alone = Self.standaloneNumbers(in: text)
            for candidate in alone where byDigits[candidate] == nil && candidate.count >= 3 && !consumed.contains(candidate) {
                guard let ids = byTail[candidate] else { continue }
                let pool = ids.compactMap { items[$0] }.filter { $0.currency == currency && $0.open > 0 && $0.customer == payer && !referenced.contains($0) }
                if pool.count == 1 {
                    referenced.append(pool[0])
                    how.append("\(pool[0].number) from '\(candidate)'")
                }
            }
        }

        // Short numbers without a known payer: accepted only when each names exactly one open
        // invoice and together they are what was paid (a bank charge within the tolerance aside).
        if referenced.isEmpty && payer == nil {
            var found: [OpenItem] = []
            for candidate in Self.standaloneNumbers(in: text) where candidate.count >= 3 && byDigits[candidate] == nil {
                let pool = (byTail[candidate] ?? []).compactMap { items[$0] }.filter { $0.currency == currency && $0.open > 0 }
                guard pool.count == 1 else { found = []; break }
                if !found.contains(pool[0]) { found.append(pool[0]) }
            }
            let total = found.reduce(Int64(0)) { $0 + $1.open }
            if !found.isEmpty, Set(found.map(\.customer)).count == 1, total >= amount, total - amount <= policy.feeTolerance {
                var decision = settle(found, payment: payment, named: nil, how: ["\(found.map(\.number).joined(separator: ", ")) from the numbers in the text, the only open invoices ending so"],
                                      duplicates: [])
                decision.confidence = min(decision.confidence, found.count == 1 ? 90 : 88)
                decision.explanation += " (the payer is not named: the amount confirms it)"
                return decision
            }
        }

        if !referenced.isEmpty {
            return settle(referenced, payment: payment, named: named, how: how, duplicates: duplicateOf)
        }

        // A payment of invoices already settled: a duplicate, kept on the payer's account.
        if !duplicateOf.isEmpty {
            let customer = named ?? settledDigits[Self.digits(duplicateOf[0])]
            return MatchDecision(status: .unapplied, customer: customer, allocations: [], fee: 0, unapplied: amount, deduction: 0,
                                 confidence: customer == nil ? 0 : 90,
                                 explanation: "names \(duplicateOf.joined(separator: ", ")), already settled: a duplicate payment, left unapplied")
        }

        // A mistyped reference: one digit swapped or wrong, confirmed by the amount and the payer.
        for candidate in candidates where candidate.count >= 6 {
            for id in Self.nearMisses(candidate, in: byDigits) {
                guard let item = items[id], item.currency == currency, item.open == amount, named == nil || named == item.customer else { continue }
                return MatchDecision(status: .applied, customer: item.customer, allocations: [.init(invoiceID: id, invoice: item.number, amount: amount)],
                                     fee: 0, unapplied: 0, deduction: 0, confidence: named == nil ? 80 : 90,
                                     explanation: "'\(candidate)' is one digit off \(item.number), whose open amount the payment equals exactly")
            }
        }

        guard let customer = named else {
            let internalMovement = ["INTERNAL", "TRANSFER", "SWEEP", "INTEREST", "REFUND", "REVERSAL", "RETURNED"].contains { text.contains($0) }
            return MatchDecision(status: internalMovement ? .notCustomerPayment : .unapplied, customer: nil, allocations: [], fee: 0, unapplied: amount,
                                 deduction: 0, confidence: 0,
                                 explanation: internalMovement ? "no customer or invoice named; the text reads as a transfer or refund, not a customer payment"
                                                               : "no customer or invoice could be recognised: left unidentified")
        }

        // No reference: the payer's open invoices that sum to the amount.
        let pool = (byCustomer[customer] ?? []).compactMap { items[$0] }.filter { $0.currency == currency && $0.open > 0 }
            .sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }
        let sets = Self.subsets(of: pool, summingTo: amount, maximumSize: policy.maximumCombination, limit: 2)
        if sets.count == 1 {
            let set = sets[0]
            return MatchDecision(status: .applied, customer: customer, allocations: set.map { .init(invoiceID: $0.id, invoice: $0.number, amount: $0.open) },
                                 fee: 0, unapplied: 0, deduction: 0, confidence: set.count == 1 ? 92 : 88,
                                 explanation: "\(nameNote) → \(customer); no reference, and only \(set.count == 1 ? "its open invoice \(set[0].number)" : "its open invoices \(set.map(\.number).joined(separator: " + "))") sum\(set.count == 1 ? "s" : "") to the amount")
        }
        if sets.count > 1 {
            return MatchDecision(status: .proposed, customer: customer, allocations: sets[0].map { .init(invoiceID: $0.id, invoice: $0.number, amount: $0.open) },
                                 fee: 0, unapplied: 0, deduction: 0, confidence: 50,
                                 explanation: "\(nameNote) → \(customer); no reference, and several sets of its open invoices sum to the amount: proposed, a person chooses")
        }
        return MatchDecision(status: .unapplied, customer: customer, allocations: [], fee: 0, unapplied: amount, deduction: 0, confidence: 85,
                             explanation: "\(nameNote) → \(customer); no reference, and no set of its open invoices sums to the amount: kept on its account")
    }

    /// Named invoices against the amount: settle, fee, partial (deduction), excess.
    private func settle(_ referenced: [OpenItem], payment: IncomingPayment, named: String?, how: [String], duplicates: [String]) -> MatchDecision {
        let amount = payment.amount.minorUnits
        let customers = Set(referenced.map(\.customer))
        let customer = referenced[0].customer
        var confidence = 99
        var notes = how
        if customers.count > 1 {
            // One line settles one customer's items: a person decides.
            return MatchDecision(status: .proposed, customer: nil, allocations: referenced.map { .init(invoiceID: $0.id, invoice: $0.number, amount: $0.open) },
                                 fee: 0, unapplied: 0, deduction: 0, confidence: 40,
                                 explanation: notes.joined(separator: "; ") + "; the invoices belong to \(customers.sorted().joined(separator: " and ")): proposed, a person decides")
        }
        if let named, named != customer { confidence = min(confidence, 70); notes.append("but the payer reads as \(named)") }
        if !duplicates.isEmpty { notes.append("\(duplicates.joined(separator: ", ")) already settled") }
        let total = referenced.reduce(0) { $0 + $1.open }
        var allocations: [MatchDecision.Allocation] = []
        if amount == total {
            allocations = referenced.map { .init(invoiceID: $0.id, invoice: $0.number, amount: $0.open) }
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: 0, unapplied: 0, deduction: 0, confidence: confidence,
                                 explanation: notes.joined(separator: "; ") + "; the amount settles \(referenced.count == 1 ? "it" : "them") exactly")
        }
        if amount < total && total - amount <= policy.feeTolerance {
            allocations = referenced.map { .init(invoiceID: $0.id, invoice: $0.number, amount: $0.open) }
            // The cash received is what the allocations carry less the fee: the last invoice
            // takes the charge, so every invoice is settled in full.
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: total - amount, unapplied: 0, deduction: 0,
                                 confidence: min(confidence, 95),
                                 explanation: notes.joined(separator: "; ") + "; short by \(Money(minorUnits: total - amount, currency: payment.amount.currency).decimalString), within the fee tolerance: settled, the difference a bank charge")
        }
        if amount < total {
            // Applied in the order the payer named them; what remains open is a deduction.
            var left = amount
            for item in referenced where left > 0 {
                let part = min(item.open, left)
                allocations.append(.init(invoiceID: item.id, invoice: item.number, amount: part))
                left -= part
            }
            return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: 0, unapplied: 0, deduction: total - amount,
                                 confidence: min(confidence, referenced.count == 1 ? 95 : 80),
                                 explanation: notes.joined(separator: "; ") + "; short by \(Money(minorUnits: total - amount, currency: payment.amount.currency).decimalString): applied, the rest left open as a deduction to review")
        }
        allocations = referenced.map { .init(invoiceID: $0.id, invoice: $0.number, amount: $0.open) }
        return MatchDecision(status: .applied, customer: customer, allocations: allocations, fee: 0, unapplied: amount - total, deduction: 0,
                             confidence: min(confidence, 95),
                             explanation: notes.joined(separator: "; ") + "; \(Money(minorUnits: amount - total, currency: payment.amount.currency).decimalString) more than open: the excess stays unapplied on \(customer)'s account")
    }

    // MARK: Text

    /// Upper case, without accents.
    static func fold(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).uppercased()
    }

    /// The digits of a text, in order.
    static func digits(_ text: String) -> String { String(decoding: text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 }, as: UTF8.self) }

    /// The groups of ASCII digits of a text, in order.
    static func digitGroups(_ text: String) -> [Substring.UTF8View] {
        text.utf8.split(whereSeparator: { $0 < 0x30 || $0 > 0x39 }).map { Substring($0).utf8 }
    }

    /// The last group of digits, without leading zeros (`INV-2026-003074` → `3074`).
    static func tail(_ number: String) -> String? {
        guard let last = digitGroups(number).last else { return nil }
        let trimmed = last.drop { $0 == 0x30 }
        return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
    }

    /// A number's groups of digits without leading zeros, when it has two or more (`2026|3074`).
    static func groupKey(_ number: String) -> String? {
        let groups = digitGroups(number)
        guard groups.count >= 2 else { return nil }
        return groups.map { String(decoding: $0.drop { $0 == 0x30 }, as: UTF8.self) }.joined(separator: "|")
    }

    /// The group keys of runs of digits joined by one separator in a text (`2026-3074` → `2026|3074`).
    static func groupKeys(in text: String) -> [String] {
        var keys: [String] = []
        var groups: [String] = []
        var widths: [Int] = []
        var current = ""
        var gap = ""
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
        for character in text {
            if character.isASCII && character.isNumber {
                if current.isEmpty && !(gap.count == 1 && "-/. ".contains(gap)) { flush() }
                current.append(character)
                gap = ""
            } else {
                if !current.isEmpty { groups.append(String(current.drop { $0 == "0" })); widths.append(current.count); current = "" }
                gap.append(character)
            }
        }
        if !current.isEmpty { groups.append(String(current.drop { $0 == "0" })); widths.append(current.count) }
        flush()
        return keys
    }

    /// Digit strings a payer may have meant as a reference: each run of digits, without its
    /// leading zeros too, and runs joined across one separator (`-`, `/`, `.`, a space).
    static func candidateNumbers(in text: String) -> [String] {
        // Runs of digits with what separates each from the next.
        var runs: [(digits: String, joinable: Bool)] = []
        var current = ""
        var gap = ""
        for character in text {
            if character.isASCII && character.isNumber {
                if current.isEmpty, !runs.isEmpty {
                    runs[runs.count - 1].joinable = gap.count <= 1 && gap.allSatisfy { "-/. ".contains($0) }
                }
                current.append(character)
                gap = ""
            } else {
                if !current.isEmpty { runs.append((current, false)); current = "" }
                gap.append(character)
            }
        }
        if !current.isEmpty { runs.append((current, false)) }
        var candidates: [String] = []
        func add(_ value: String) {
            if !value.isEmpty && !candidates.contains(value) { candidates.append(value) }
        }
        for index in runs.indices {
            var joined = runs[index].digits
            add(joined)
            let stripped = String(joined.drop { $0 == "0" })
            add(stripped)
            var next = index
            while runs[next].joinable && next + 1 < runs.count && next - index < 3 {
                next += 1
                joined += runs[next].digits
                add(joined)
            }
        }
        return candidates
    }

    /// Runs of digits not joined to another by a single separator, without their leading zeros.
    static func standaloneNumbers(in text: String) -> [String] {
        var runs: [(digits: String, joined: Bool)] = []
        var current = ""
        var gap = ""
        for character in text {
            if character.isASCII && character.isNumber {
                if current.isEmpty, !runs.isEmpty, gap.count == 1, "-/. ".contains(gap) {
                    runs[runs.count - 1].joined = true
                    current = "\u{0}"  // marks this run as joined to the previous one
                }
                current.append(character)
                gap = ""
            } else {
                if !current.isEmpty { runs.append((current, current.hasPrefix("\u{0}"))); current = "" }
                gap.append(character)
            }
        }
        if !current.isEmpty { runs.append((current, current.hasPrefix("\u{0}"))) }
        return runs.filter { !$0.joined }.map { String($0.digits.drop { $0 == "0" }) }.filter { !$0.isEmpty }
    }

    /// Open items whose digits differ from `candidate` by one adjacent swap or one digit.
    static func nearMisses(_ candidate: String, in index: [String: [Int64]]) -> [Int64] {
        var found: [Int64] = []
        let digits = Array(candidate)
        for position in digits.indices {
            if position + 1 < digits.count, digits[position] != digits[position + 1] {
                var swapped = digits
                swapped.swapAt(position, position + 1)
                found += index[String(swapped)] ?? []
            }
            for replacement in "0123456789" where replacement != digits[position] {
                var changed = digits
                changed[position] = replacement
                found += index[String(changed)] ?? []
            }
        }
        return Array(Set(found)).sorted()
    }

    /// Up to `limit` sets of at most `maximumSize` items whose open amounts sum to `target`.
    static func subsets(of pool: [OpenItem], summingTo target: Int64, maximumSize: Int, limit: Int) -> [[OpenItem]] {
        // A payer with very many open invoices is searched among its oldest ones only: the
        // search is exponential in the pool's size. Largest first, and a branch stops as soon as
        // what is left cannot reach the amount.
        let pool = Array(pool.filter { $0.open <= target }.prefix(40)).sorted { ($0.open, $1.dueDate) > ($1.open, $0.dueDate) }
        var within = [Int64](repeating: 0, count: pool.count + 1)
        for index in pool.indices.reversed() { within[index] = within[index + 1] + pool[index].open }
        guard within[0] >= target else { return [] }
        var results: [[OpenItem]] = []
        var chosen: [OpenItem] = []
        var steps = 0
        func search(_ start: Int, _ remaining: Int64) {
            guard results.count < limit, steps < 100_000 else { return }
            steps += 1
            if remaining == 0 { results.append(chosen.sorted { ($0.dueDate, $0.number) < ($1.dueDate, $1.number) }); return }
            guard chosen.count < maximumSize, within[start] >= remaining else { return }
            for index in start..<pool.count where pool[index].open <= remaining {
                chosen.append(pool[index])
                search(index + 1, remaining - pool[index].open)
                chosen.removeLast()
                if results.count >= limit { return }
            }
        }
        if target > 0 { search(0, target) }
        // A search cut short cannot say a set is the only one: report it as ambiguous.
        if steps >= 100_000, results.count == 1 { results.append(results[0]) }
        return results
    }
}

/// Customers' names as banks write them, for finding a payer in a line of text.
struct NameIndex: Sendable {
    /// Normalized names (word lists), with the customer each belongs to.
    private var entries: [(words: [String], customer: String)] = []
    private var byFirstWord: [String: [Int]] = [:]

    /// Words payers and banks add, drop or swap freely: articles, connectors, "group" and
    /// "enterprises" (`Les Entreprises Turcotte inc.` pays as `TURCOTTE INC`, `Groupe X` as `GRP X`).
    static let fillers: Set<String> = ["LES", "LE", "LA", "L", "THE", "AND", "ET", "DE", "DES", "DU", "D", "OF",
                                       "ENTREPRISES", "ENTREPRISE", "GROUPE", "GROUP", "GRP", "CIE", "COMPAGNIE"]

    /// A name or a text as comparable words: upper case, no accents or punctuation, legal
    /// suffixes at the end dropped, filler words dropped.
    static func words(_ text: String) -> [String] {
        Customer.normalizedPayerName(text).split(separator: " ").map(String.init).filter { !fillers.contains($0) }
    }

    init(_ payers: [PayerIdentity]) {
        for payer in payers {
            for name in payer.names {
                let words = Self.words(name)
                guard !words.isEmpty else { continue }
                entries.append((words, payer.code))
                byFirstWord[words[0], default: []].append(entries.count - 1)
            }
        }
    }

    /// The customer whose name the text starts with, or holds, the longest match winning. A name
    /// cut short by the bank counts when its first two words are there, or its first word and the
    /// start (three letters or more) of its second. Nil when two customers fit equally.
    func customer(in text: String) -> String? {
        let words = Self.words(text)
        var best: (score: Int, customers: Set<String>) = (0, [])
        for start in words.indices {
            for index in byFirstWord[words[start]] ?? [] {
                let entry = entries[index]
                var matched = 0
                while matched < entry.words.count, start + matched < words.count, words[start + matched] == entry.words[matched] { matched += 1 }
                var score = 0
                if matched == entry.words.count {
                    score = matched * 10
                } else if matched >= 2 {
                    score = matched * 10 - 5
                } else if matched == 1, start + 1 < words.count, words[start + 1].count >= 3, entry.words[1].hasPrefix(words[start + 1]) {
                    score = 8
                }
                guard score > 0 else { continue }
                // A name found later in the text counts for less than one at its start.
                if start > 0 { score -= 1 }
                if score > best.score { best = (score, [entry.customer]) } else if score == best.score { best.customers.insert(entry.customer) }
            }
        }
        return best.customers.count == 1 ? best.customers.first : nil
    }
}
