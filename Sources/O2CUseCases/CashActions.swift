import Foundation
import O2CDomain
import O2CStore

/// What a person asks to settle with a bank line: an invoice, and how much (all that is open when nil).
public struct AllocationRequest: Sendable, Hashable {
    public var invoice: String
    /// What the allocation settles on the invoice, discount included.
    public var amount: Money?
    /// A prompt-payment discount the payer took on it, within the entity's `cash.discount-limit`.
    public var discount: Money?

    public init(invoice: String, amount: Money?, discount: Money? = nil) {
        self.invoice = invoice
        self.amount = amount
        self.discount = discount
    }
}

/// A credit moved onto an invoice: how much, and in a foreign currency the exchange difference
/// realized (positive a gain) with the entry that posted it.
public struct AppliedCredit: Sendable {
    public var moved: Money
    public var exchangeDifference: Money?
    public var entry: String?
}

extension Books {
    /// Allocates a bank credit by hand, across invoices of one customer or of several (a group
    /// paying for its members); what is left of the cash stays unapplied on the account of the
    /// customer whose payment it is (`customer`, or the invoices' one customer). Works on a line
    /// waiting for a match, proposed, unidentified, or kept on a customer's account. A payer name
    /// the matcher did not know is learned as an alias of that customer.
    public func allocate(_ reference: String, to requests: [AllocationRequest], customer code: String? = nil, fee: Int64 = 0, expecting status: String? = nil,
                         on date: BusinessDate? = nil, entity: String?) async throws -> CashAllocationRow {
        guard !requests.isEmpty || code != nil else { throw DomainError(field: "--invoice", "name the invoices to settle, or --customer to keep the cash on its account") }
        try await store.write(actor: actor) { tx in
            let (entity, line) = try await Self.lockedBankLine(reference, entity: entity, tx)
            guard line.kind == "customer-credit" else { throw DomainError(field: "reference", "\(reference) is a \(line.kind), not a customer credit") }
            if let status, line.status != status { throw DomainError(field: "reference", "\(reference) is \(line.status) now, no longer \(status)") }
            guard fee >= 0 else { throw DomainError(field: "fee", "a bank charge is positive") }
            // Where its cash is now: unidentified receipts (not matched, proposed, unidentified), or
            // the customer's unapplied cash (kept on the account, or the excess of an applied line).
            let onAccount = (line.status == "unapplied" || line.status == "applied") && line.customer != nil
            // A deposit applied but for cheques of no known payer: their cash waits in unidentified receipts.
            let restUnidentified = line.status == "applied" && line.customer == nil
            // A credit the matcher took for no customer's payment (an Interac transfer from a
            // person) may be one after all, unless it was booked to another account.
            let notCustomers = line.status == "not-a-customer-payment"
            if notCustomers, !(try await tx.standingAllocations(bankLineID: line.id)).isEmpty {
                throw DomainError(field: "reference", "\(reference) was booked to another account: un-allocate it first (`o2c cash unallocate \(reference) --reason …`)")
            }
            guard ["new", "proposed", "unapplied"].contains(line.status) || notCustomers || onAccount || restUnidentified else {
                throw DomainError(field: "reference", "\(reference) is \(line.status): nothing of it can be allocated")
            }
            let available = onAccount || restUnidentified ? try await tx.unappliedOnLine(line.id) : line.amount.minorUnits
            guard available > 0 else {
                throw DomainError(field: "reference", "nothing of \(reference) is left to allocate; un-allocate it first (`o2c cash unallocate \(reference) --reason …`)")
            }
            let open = try await tx.openItems(entityID: entity.id, credits: true)
            let policy = try await tx.matchPolicy(entityID: entity.id, currency: entity.entity.functionalCurrency).resolved(for: line.amount.currency)
            guard fee == 0 || !requests.isEmpty else { throw DomainError(field: "--fee", "a bank charge settles an invoice with the cash: name the invoice (--invoice)") }
            if let twice = Dictionary(grouping: requests, by: \.invoice).first(where: { $0.value.count > 1 })?.key {
                throw DomainError(field: "--invoice", "\(twice) is named twice: name each invoice once, with what it settles (\(twice)=AMOUNT)")
            }
            var chosen: [(item: OpenItem, rate: ExactDecimal?, functionalOpen: Int64?, amount: Int64, discount: Int64)] = []
            for request in requests {
                guard let found = open.first(where: { $0.item.number == request.invoice }) else {
                    throw DomainError(field: "--invoice", "\(request.invoice) is not an open invoice (nor an open credit note) of \(entity.entity.code)")
                }
                guard found.item.currency == line.amount.currency else {
                    throw DomainError(field: "--invoice", "\(request.invoice) is in \(found.item.currency.code); \(reference) brought \(line.amount.currency.code)")
                }
                let amount = request.amount?.minorUnits ?? found.item.open
                // An open credit note nets its credit (all that is left, or part) against the
                // invoices the payment settles: an allocation of minus what it gives.
                if found.item.isCreditNote {
                    guard amount < 0, amount >= found.item.open, request.discount == nil else {
                        throw DomainError(field: "--invoice", "\(request.invoice) is a credit note with \(Money(minorUnits: -found.item.open, currency: found.item.currency).decimalString) of credit left; "
                                          + "it nets a negative amount, at most that (\(request.invoice)=-AMOUNT), and no discount")
                    }
                    chosen.append((found.item, found.rate, found.functionalOpen, amount, 0))
                    continue
                }
                guard amount > 0, amount <= found.item.open else {
                    throw DomainError(field: "--invoice", "\(request.invoice) has \(Money(minorUnits: found.item.open, currency: found.item.currency).decimalString) open; an allocation is positive and at most that")
                }
                // A discount by hand, as the matcher grants one: stated by the payer, within the
                // entity's limit, or let go within the fee tolerance.
                let discount = request.discount?.minorUnits ?? 0
                guard discount >= 0, discount < amount else {
                    throw DomainError(field: "--discount", "a discount on \(request.invoice) is positive and less than what the allocation settles")
                }
                // A discount or a charge settles its invoice in full, as the matcher books them.
                guard discount == 0 || amount == found.item.open else {
                    throw DomainError(field: "--discount", "a discount settles \(request.invoice) in full (\(Money(minorUnits: found.item.open, currency: found.item.currency).decimalString)); it settles \(Money(minorUnits: amount, currency: found.item.currency).decimalString) here")
                }
                chosen.append((found.item, found.rate, found.functionalOpen, amount, discount))
            }
            // Credit notes net against their customer's invoices paid with them, and come first:
            // the last invoice carries a bank charge.
            for note in chosen where note.item.isCreditNote && !chosen.contains(where: { !$0.item.isCreditNote && $0.item.customer == note.item.customer }) {
                throw DomainError(field: "--invoice", "\(note.item.number) is a credit note of \(note.item.customer): it nets against invoices of \(note.item.customer) allocated with it (or use it on one with `o2c cash apply-credit`)")
            }
            chosen = chosen.filter(\.item.isCreditNote) + chosen.filter { !$0.item.isCreditNote }
            if chosen.contains(where: \.item.isCreditNote), chosen.reduce(Int64(0), { $0 + $1.amount }) <= 0 {
                throw DomainError(field: "--invoice", "the credit notes net more than the invoices allocated with them settle: take less of their credit")
            }
            // What is let go beyond the discounts the entity grants (a charge, discounts it does
            // not) stays within the fee tolerance, all of it together.
            let letGo = fee + chosen.filter { !policy.grants($0.discount, on: $0.item.open) }.reduce(Int64(0)) { $0 + $1.discount }
            guard letGo <= policy.feeTolerance else {
                throw DomainError(field: fee > 0 ? "--fee" : "--discount",
                                  "\(Money(minorUnits: letGo, currency: line.amount.currency).decimalString) let go in all (the bank charge, and discounts beyond the entity's "
                                  + "\(ExactDecimal(units: Int128(policy.discountLimit), scale: 2))% of each invoice, `o2c policy set cash.discount-limit`) is above the fee tolerance "
                                  + "(\(Money(minorUnits: policy.feeTolerance, currency: line.amount.currency).decimalString)): settle what was paid, and write off the rest (an approver)")
            }
            if fee > 0, let last = chosen.last, last.amount != last.item.open {
                throw DomainError(field: "--fee", "a bank charge settles \(last.item.number), the last invoice, in full (\(Money(minorUnits: last.item.open, currency: last.item.currency).decimalString)); it settles \(Money(minorUnits: last.amount, currency: last.item.currency).decimalString) here")
            }
            // Whose payment it is: the account that keeps what is not allocated. One payment may
            // settle several customers' invoices (a group paying for its members); cash already
            // kept on a customer's account settles that customer's invoices only.
            let owners = Set(chosen.map(\.item.customer))
            if onAccount, let holder = line.customer, code.map({ $0 != holder }) ?? false || owners.contains(where: { $0 != holder }) {
                throw DomainError(field: "--invoice", "the cash of \(reference) is on \(holder)'s account: it settles \(holder)'s invoices only (here: \(owners.union(code.map { [$0] } ?? []).sorted().joined(separator: ", ")))")
            }
            if onAccount, chosen.isEmpty {
                throw DomainError(field: "--customer", "the cash of \(reference) is on \(line.customer ?? "its customer")'s account already: name the invoices it settles (--invoice)")
            }
            let holder = onAccount ? line.customer : (code ?? (owners.count == 1 ? owners.first : nil))
            let discounts = chosen.reduce(Int64(0)) { $0 + $1.discount }
            // What the cash pays: what is settled, less the discounts granted.
            let total = chosen.reduce(Int64(0)) { $0 + $1.amount } - discounts
            let money = { (minor: Int64) in Money(minorUnits: minor, currency: line.amount.currency).decimalString }
            guard total <= available + fee else {
                throw DomainError(field: "--invoice", "the allocations (\(money(total))) exceed what \(reference) has to allocate (\(money(available)))")
            }
            // A charge or a discount is what the cash falls short of what it settles: no more
            // (that would put cash on the account that never came in).
            if fee > 0 || discounts > 0, total - fee != available {
                throw DomainError(field: fee > 0 ? "--fee" : "--discount",
                                  "the invoices settle \(money(total + discounts)), and \(reference) has \(money(available)) to allocate: a bank charge and discounts make up the difference "
                                  + "(\(money(max(0, total + discounts - available)))), here \(money(fee + discounts))")
            }
            // The last invoice carries the charge: what its cash pays stays positive.
            if let last = chosen.last, last.amount - last.discount - fee <= 0 {
                throw DomainError(field: "--fee", "\(last.item.number) settles \(money(last.amount)): its cash, less its discount and the bank charge, must stay above 0")
            }
            let records = try await tx.loadCustomers(codes: owners.union(holder.map { [$0] } ?? []).sorted())
            if let code, records[code] == nil { throw DomainError(field: "--customer", "unknown customer '\(code)'") }
            let holderRecord = holder.flatMap { records[$0] }
            let customer = holder ?? owners.sorted().joined(separator: ", ")

            let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
            let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
            let role = { (role: AccountRole) throws(DomainError) in try Self.accountCode(role, in: accounts, entity: entity) }
            let functional = entity.entity.functionalCurrency
            // The cash moves on at the rate it came in at.
            let rate = line.amount.currency == functional ? nil : line.receiptRate
            let currency = line.amount.currency
            // From where the cash is to the invoices; the rest (when unidentified) to the account.
            // What is left of a deposit's unidentified cheques goes to the account named, else stays.
            let cash = onAccount ? total - fee : restUnidentified ? (code == nil ? total - fee : available) : line.amount.minorUnits
            let excess = onAccount ? 0 : restUnidentified ? cash + fee - total : line.amount.minorUnits + fee - total
            if excess > 0 && holder == nil {
                throw DomainError(field: "--customer", "the invoices belong to \(customer) and \(Money(minorUnits: excess, currency: line.amount.currency).decimalString) of \(reference) is left: name the customer whose account keeps it with --customer")
            }
            var source: JournalLineDraft = onAccount
                ? .init(accountCode: try role(.unappliedCash), customerCode: holder, side: .debit, amount: Money(minorUnits: cash, currency: currency), memo: reference)
                : .init(accountCode: try role(.unidentifiedReceipts), side: .debit, amount: Money(minorUnits: cash, currency: currency), memo: reference)
            // What is left of a deposit's cash in unidentified receipts, all taken: what it holds
            // there in the functional currency (its value less what moved on before).
            if restUnidentified, cash == available, let rate {
                let movedOn = try await tx.entries(entityID: entity.id, ids: Array(Set(try await tx.standingAllocations(bankLineID: line.id).compactMap(\.entryID))))
                    .flatMap(\.lines).filter { $0.accountCode == source.accountCode && $0.memo == reference }
                    .reduce(Int64(0)) { $0 + $1.functionalDebit - $1.functionalCredit }
                source.functionalAmount = Money(minorUnits: Self.valued(line.amount, at: rate, in: functional).minorUnits - movedOn, currency: functional)
            }
            // All that is left of it taken off the account: all it holds in the functional currency.
            if onAccount, cash == available, let rate, let holderID = holderRecord?.id {
                source.functionalAmount = Money(minorUnits: Self.heldOnAccount(try await tx.standingAllocations(bankLineID: line.id), customerID: holderID, rate: rate, functional: functional),
                                                currency: functional)
            }
            var receivables = BookedReceivables(chosen.map { ($0.item, $0.rate, $0.functionalOpen) })
            let reliefs = chosen.map { receivables.relieve($0.item.id, by: $0.amount, functional: functional) }
            let lines = try Self.cashApplicationLines(from: source, rate: rate, fee: fee, discount: discounts, to: holder,
                                                      settling: zip(chosen, reliefs).map { ($0.item.number, $0.item.customer, $0.amount, $0.rate ?? rate, $1) },
                                                      excess: excess, reference: reference, functional: functional, role: role)
            // Dated the day it is done unless a person dates it (the day the remittance came, in
            // an open month): never before the cash came in, never ahead of today.
            let today = Self.today(entity)
            if let date {
                // Cash kept on an account or left unidentified is there from the day it was put there.
                // Back in unidentified receipts on the day its allocations were last undone.
                var from = max(line.bookingDate, try await tx.lastMoved(bankLineID: line.id, reversals: true).flatMap { try? BusinessDate(parsing: String($0.prefix(10))) } ?? line.bookingDate)
                if onAccount || restUnidentified {
                    // The entries that put it there (what later moved part of it off does not count).
                    let putThere = try await tx.standingAllocations(bankLineID: line.id).filter { $0.kind == "unapplied" && $0.amount.minorUnits > 0 }.compactMap(\.entryID)
                    from = max(from, try await tx.entries(entityID: entity.id, ids: putThere).map(\.date).max() ?? from)
                }
                guard date >= from, date <= today else {
                    throw DomainError(field: "--date", "an allocation of \(reference) is dated from \(from), \(from == line.bookingDate ? "the day its cash came in" : "the day its cash was last put where it is"), to today (\(today))")
                }
            }
            let entry = try PostingRules.validate(JournalEntryDraft(journal: .cash, date: date ?? max(line.bookingDate, today),
                                                                    description: "Cash application \(reference) — \(customer), by hand", reference: reference, lines: lines),
                                                  functionalCurrency: functional, accounts: chart)
            let posted = try await tx.post([entry], into: entity, source: .bank)[0]
            // The last invoice carries the bank charge, as the matcher does.
            var allocations: [NewAllocation] = []
            for (position, (c, relief)) in zip(chosen, reliefs).enumerated() {
                let charge = position == chosen.count - 1 ? fee : 0
                allocations.append(NewAllocation(customerID: records[c.item.customer]?.id, bankLineID: line.id, invoiceID: c.item.id, kind: "payment",
                                                 amount: Money(minorUnits: c.amount - charge - c.discount, currency: currency), entryID: posted.id, method: "manual",
                                                 confidence: 100, explanation: nil, functional: relief))
                if c.discount > 0 {
                    allocations.append(NewAllocation(customerID: records[c.item.customer]?.id, bankLineID: line.id, invoiceID: c.item.id, kind: "discount",
                                                     amount: Money(minorUnits: c.discount, currency: currency), entryID: posted.id, method: "manual",
                                                     confidence: 100, explanation: "prompt-payment discount", functional: relief.map { _ in 0 }))
                }
                if charge > 0 {
                    allocations.append(NewAllocation(customerID: records[c.item.customer]?.id, bankLineID: line.id, invoiceID: c.item.id, kind: "fee",
                                                     amount: Money(minorUnits: charge, currency: currency), entryID: posted.id, method: "manual",
                                                     confidence: 100, explanation: "bank charge", functional: relief.map { _ in 0 }))
                }
            }
            if excess > 0 {
                allocations.append(NewAllocation(customerID: holderRecord?.id, bankLineID: line.id, invoiceID: nil, kind: "unapplied",
                                                 amount: Money(minorUnits: excess, currency: currency), entryID: posted.id, method: "manual", confidence: 100, explanation: nil))
            }
            if restUnidentified {
                // The cash leaves unidentified receipts.
                allocations.append(NewAllocation(customerID: nil, bankLineID: line.id, invoiceID: nil, kind: "unapplied",
                                                 amount: Money(minorUnits: -cash, currency: currency), entryID: posted.id, method: "manual", confidence: 100, explanation: nil))
            }
            if onAccount {
                // The cash leaves the customer's account for the invoices.
                allocations.append(NewAllocation(customerID: holderRecord?.id, bankLineID: line.id, invoiceID: nil, kind: "unapplied",
                                                 amount: Money(minorUnits: -cash, currency: currency), entryID: posted.id, method: "manual", confidence: 100, explanation: nil))
            }
            try await tx.insertAllocations(allocations, entityID: entity.id)
            try await tx.updateBankLine(id: line.id, from: line.status, to: chosen.isEmpty && line.status != "applied" ? "unapplied" : "applied",
                                        // Cash still unidentified on the line is no one's yet.
                                        customerID: restUnidentified && code == nil ? nil : holderRecord?.id,
                                        explanation: "allocated by \(actor)" + (chosen.isEmpty ? ": kept on \(customer)'s account" : " to \(chosen.map(\.item.number).joined(separator: ", "))"),
                                        entryID: posted.id)
            try await tx.audit("cash.allocate", subject: "bank-line", id: reference, entityID: entity.id, before: ["status": line.status],
                               after: ["customer": customer, "invoices": chosen.map { "\($0.item.number)=\($0.amount)" + ($0.discount > 0 ? " discount \($0.discount)" : "") }.joined(separator: ","),
                                       "fee": String(fee), "entry": posted.number])
            // Learn the payer's name as the bank writes it. BAI2 gives no name field: the name
            // the text starts with, unless it is another customer's (an agency paying).
            var payer = line.payerName
            if payer == nil, let named = Customer.payerName(inText: line.text), let holder = holderRecord?.customer.code {
                let key = Customer.normalizedPayerName(named)
                let others = try await tx.payerIdentities().contains { $0.payer.code != holder && $0.payer.names.contains { Customer.normalizedPayerName($0) == key } }
                if !others { payer = named }
            }
            if let payer, !payer.isEmpty, let holderRecord, !restUnidentified {
                var updated = holderRecord.customer
                let known = Set(([updated.legalName] + updated.payerAliases).map { Customer.normalizedPayerName($0) })
                if !known.contains(Customer.normalizedPayerName(payer)) {
                    updated.payerAliases.append(payer)
                    try await tx.saveCustomer(updated, existing: holderRecord)
                }
            }
        }
        return try await cashAllocations(reference: reference, entity: entity)[0]
    }

    /// The entity and its bank line `reference`, cash application locked for the entity (the
    /// matcher and people's actions take turns).
    static func lockedBankLine(_ reference: String, entity code: String?, _ tx: Transaction) async throws -> (EntityRecord, StoredBankLine) {
        let entity = try await resolveEntity(code, tx)
        try await tx.lockCashApplication(entityID: entity.id)
        guard let (line, _) = try await tx.bankLine(reference: reference, entityID: entity.id) else {
            throw DomainError(field: "reference", "no bank line \(reference) in \(entity.entity.code)")
        }
        return (entity, line)
    }

    /// Applies what the matcher proposed for a line, as it proposed it.
    public func confirm(_ reference: String, entity: String?) async throws -> CashAllocationRow {
        let line: StoredBankLine? = try await store.read { tx in
            let record = try await Self.resolveEntity(entity, tx)
            return try await tx.bankLine(reference: reference, entityID: record.id)?.line
        }
        guard let line, line.status == "proposed", let proposal = line.proposal, !proposal.isEmpty else {
            throw DomainError(field: "reference", "\(reference) has no proposal to confirm: allocate it with `o2c cash allocate \(reference) --invoice …`")
        }
        let currency = line.amount.currency
        let proposed = try CashProposal(text: proposal, currency: currency)
        let fee = proposed.fee
        let requests = proposed.parts.map { AllocationRequest(invoice: $0.invoice, amount: Money(minorUnits: $0.amount, currency: currency),
                                                     discount: proposed.discounts[$0.invoice].map { Money(minorUnits: $0, currency: currency) }) }
        // A proposal that names more than the line brought (invoices of several customers, for a
        // person to read) is a pointer, not an allocation.
        let named = requests.reduce(Int64(0)) { $0 + ($1.amount?.minorUnits ?? 0) - ($1.discount?.minorUnits ?? 0) } - fee
        guard named <= line.amount.minorUnits else {
            throw DomainError(field: "reference", "\(reference)'s proposal names \(Money(minorUnits: named, currency: currency).decimalString) of invoices and the line brought \(line.amount.decimalString): "
                              + "it cannot be confirmed as it is; allocate by hand (`o2c cash allocate \(reference) --invoice INV=AMOUNT …`)")
        }
        return try await allocate(reference, to: requests, fee: fee, expecting: "proposed", entity: entity)
    }

    /// Books a credit that is no customer's payment (a tax refund, interest, a transfer between
    /// the company's accounts) from unidentified receipts to the ledger account it belongs to,
    /// with a reason; or a debit of the statement that is no customer's (a bank's service charge,
    /// a transfer out) from the bank account to its ledger account, on the day the bank booked it
    /// (the first day of the first open month when that month is closed). `unallocate` undoes it.
    public func reclassify(_ reference: String, to accountCode: String, reason: String, entity: String?) async throws -> CashAllocationRow {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "say what \(reference) is") }
        try await store.write(actor: actor) { tx in
            let (entity, line) = try await Self.lockedBankLine(reference, entity: entity, tx)
            let outgoing = line.kind != "customer-credit"
            if outgoing {
                guard line.direction == "debit", line.status == "not-a-customer-payment", try await tx.standingAllocations(bankLineID: line.id).isEmpty else {
                    throw DomainError(field: "reference", "\(reference) is booked already (\(line.explanation ?? line.status)): un-book it first (`o2c cash unallocate \(reference) --reason …`)")
                }
            } else {
                // Only cash still waiting in unidentified receipts, not a customer's.
                guard ["new", "proposed", "unapplied", "not-a-customer-payment"].contains(line.status), line.customer == nil,
                      try await tx.standingAllocations(bankLineID: line.id).isEmpty else {
                    throw DomainError(field: "reference", "\(reference) is \(line.status)\(line.customer.map { " on \($0)'s account" } ?? ""): un-allocate it first (`o2c cash unallocate \(reference) --reason …`)")
                }
            }
            let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
            guard let target = accounts.first(where: { $0.code == accountCode }), target.isActive else {
                throw DomainError(field: "--account", "no open account \(accountCode) in \(entity.entity.code): `o2c accounts list` shows them")
            }
            guard !target.tracksCustomers, target.role != .unidentifiedReceipts else {
                throw DomainError(field: "--account", outgoing ? "\(accountCode) \(target.name) is customers' money: a customer's refund is `o2c cash refund`, a payment the bank took back `o2c cash return`"
                                                          : "\(accountCode) \(target.name) is where customers' cash goes: use `o2c cash allocate` for a customer's payment")
            }
            // The line's own bank account holds the cash already: crediting it would take it out again.
            guard let own = try await tx.bankAccounts().first(where: { Self.accountKey($0.details.accountNumber) == Self.accountKey(line.bankAccount) }) else {
                throw DomainError(field: "reference", "\(line.bankAccount), the account of \(reference), is no bank account of the books")
            }
            guard own.ledgerAccount != accountCode else {
                throw DomainError(field: "--account", "\(accountCode) is the ledger account of \(line.bankAccount), where this \(outgoing ? "debit is" : "credit is already"): name the account it \(outgoing ? "goes to" : "comes from or belongs to")")
            }
            let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
            let functional = entity.entity.functionalCurrency
            let entry: BalancedEntry
            if outgoing {
                // Posted when the bank booked it, at that day's rate: nothing of it was posted before.
                let closedThrough = try await tx.closedThrough(entityID: entity.id)
                let day = closedThrough.map { line.bookingDate.period > $0 } ?? true ? line.bookingDate : closedThrough!.next.firstDay
                var rates = RateCache()
                let rate = try await rates.rate(line.amount.currency, on: line.bookingDate, entity: entity, tx)
                entry = try PostingRules.validate(JournalEntryDraft(
                    journal: .cash, date: day, description: "\(reference) booked to \(accountCode) \(target.name): \(reason)", reference: reference,
                    lines: [.debit(accountCode, line.amount, rate: rate, memo: reason), .credit(own.ledgerAccount, line.amount, rate: rate, memo: reference)]),
                    functionalCurrency: functional, accounts: chart)
            } else {
                let rate = line.amount.currency == functional ? nil : line.receiptRate
                let suspense = try Self.accountCode(.unidentifiedReceipts, in: accounts, entity: entity)
                // At the value it waits with (`valued`).
                let value = rate.map { Self.valued(line.amount, at: $0, in: functional) }
                entry = try PostingRules.validate(JournalEntryDraft(
                    journal: .cash, date: max(line.bookingDate, Self.today(entity)), description: "\(reference) booked to \(accountCode) \(target.name): \(reason)", reference: reference,
                    lines: [.init(accountCode: suspense, side: .debit, amount: line.amount, functionalAmount: value, rate: rate, memo: reference),
                            .init(accountCode: accountCode, side: .credit, amount: line.amount, functionalAmount: value, rate: rate, memo: reason)]),
                    functionalCurrency: functional, accounts: chart)
            }
            let posted = try await tx.post([entry], into: entity, source: .bank)[0]
            try await tx.insertAllocations([NewAllocation(customerID: nil, bankLineID: line.id, invoiceID: nil, kind: "ledger", amount: outgoing ? -line.amount : line.amount,
                                                          entryID: posted.id, method: "manual", confidence: 100, explanation: "booked to \(accountCode): \(reason)")], entityID: entity.id)
            try await tx.updateBankLine(id: line.id, from: line.status, to: "not-a-customer-payment", customerID: nil,
                                        explanation: "booked to \(accountCode) \(target.name) by \(actor): \(reason)", entryID: posted.id)
            try await tx.audit("cash.reclassify", subject: "bank-line", id: reference, entityID: entity.id, before: ["status": line.status],
                               after: ["account": accountCode, "reason": reason, "entry": posted.number])
        }
        return try await cashAllocations(reference: reference, entity: entity)[0]
    }

    /// Undoes what was allocated from a bank line: the posting is reversed, the allocations get
    /// reversing rows, and the cash goes back to unidentified receipts for a person to allocate.
    public func unallocate(_ reference: String, reason: String, entity: String?) async throws {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "say why the allocation is undone") }
        try await store.write(actor: actor) { tx in
            let (entity, line) = try await Self.lockedBankLine(reference, entity: entity, tx)
            if line.kind == "customer-credit", case let by = try await tx.returns(ofLine: line.id), !by.isEmpty, line.status != "returned" {
                throw DomainError(field: "reference", "an item of \(reference) was taken back by the bank (\(by.joined(separator: ", "))): undo that return first "
                                  + "(`o2c cash unallocate \(by[0]) --reason …`): all of \(reference) is then un-allocated with it")
            }
            if line.status == "returned" {
                let by = try await tx.returns(ofLine: line.id)
                throw DomainError(field: "reference", "\(reference) was taken back by the bank (\(by.joined(separator: ", "))): its allocations are undone already; "
                                  + "undo the return first if it was not one (`o2c cash unallocate \(by.first ?? "DEBIT") --reason …`)")
            }
            let standing = try await tx.standingAllocations(bankLineID: line.id)
            guard !standing.isEmpty else { throw DomainError(field: "reference", "\(reference) has nothing allocated") }
            if line.kind != "customer-credit" {
                switch line.status {
                case "return": return try await undoReturn(line, entity: entity, reason: reason, tx)
                case "refund": return try await undoRefund(line, entity: entity, reason: reason, tx)
                default:
                    // Booked to a ledger account (a bank's charge, a transfer out): its entry reversed.
                    // On the day it was booked, as `undoDay` (reverseAllocations takes the entry's day when later).
                    let firstOpen = try await tx.closedThrough(entityID: entity.id)?.next.firstDay ?? line.bookingDate
                    let (reversals, _) = try await reverseAllocations(of: line, standing: standing, entity: entity, reason: reason,
                                                                      what: "\(reference) un-booked — \(reason)", on: firstOpen, tx)
                    try await tx.updateBankLine(id: line.id, from: line.status, to: "not-a-customer-payment", customerID: nil,
                                                explanation: "un-booked by \(actor): \(reason)", entryID: nil, confidence: nil)
                    return try await tx.audit("cash.unallocate", subject: "bank-line", id: reference, entityID: entity.id, before: ["status": line.status],
                                              after: ["status": "not-a-customer-payment", "reason": reason, "reversals": reversals.joined(separator: ",")])
                }
            }
            // Cash of this line paid back to its customer: the refund comes off first.
            let refunds = try await tx.refunds(ofLine: line.id)
            guard refunds.isEmpty else {
                throw DomainError(field: "reference", "\(reference)'s cash on the account was paid back by \(refunds.map(\.reference).joined(separator: ", ")): undo that first (`o2c cash unallocate \(refunds[0].reference) --reason …`)")
            }
            let (reversals, unlettered) = try await reverseAllocations(of: line, standing: standing, entity: entity, reason: reason,
                                                                   what: "\(reference) un-allocated — \(reason)", on: Self.today(entity), tx)
            try await tx.updateBankLine(id: line.id, from: line.status, to: "unapplied", customerID: nil,
                                        explanation: "un-allocated by \(actor): \(reason); allocate it by hand", entryID: nil, confidence: nil)
            try await tx.audit("cash.unallocate", subject: "bank-line", id: reference, entityID: entity.id, before: ["status": line.status],
                               after: ["status": "unapplied", "reason": reason, "reversals": reversals.joined(separator: ","),
                                       "letterings removed": unlettered.joined(separator: ",")])
        }
    }

    /// Reverses every entry that moved a credit line's cash on from unidentified receipts (to
    /// invoices, an account, a fee), on `day` or its entry's own day when later: whole when the
    /// entry is the line's own (an allocation by hand), its part only when a match run shared it
    /// among its lines. Its allocations get reversing rows, and what was lettered with its items is
    /// no longer settled. `what` describes the reversals; `kept`, entries left standing (a refund
    /// of the line's cash: that money went out). The entries' numbers and the letterings removed.
    func reverseAllocations(of line: StoredBankLine, standing: [(id: Int64, invoiceID: Int64?, customerID: Int64?, kind: String, amount: Money, entryID: Int64?)],
                            entity: EntityRecord, reason: String, what: String, on day: BusinessDate, keeping kept: Set<Int64> = [],
                            _ tx: Transaction) async throws -> (reversals: [String], unlettered: [String]) {
        let moved = try await tx.allocationEntries(bankLineID: line.id).filter { !kept.contains($0.entryID) }
        let standing = standing.filter { !($0.entryID.map(kept.contains) ?? false) }
        let originals = Dictionary(uniqueKeysWithValues: try await tx.entries(entityID: entity.id, ids: moved.map(\.entryID)).map { ($0.id, $0) })
        let reversals = try moved.map { entry throws(DomainError) in
            let original = originals[entry.entryID]!
            let description = "Reversal of \(original.number)\(entry.lines.map { " lines \($0.lowerBound)–\($0.upperBound)" } ?? ""): \(what)"
            if let part = entry.lines {
                return try original.reversal(of: part, on: max(day, original.date), reference: line.reference, description: description)
            }
            return try original.reversal(on: max(day, original.date), description: description)
        }
        let posted = try await tx.post(reversals, into: entity, source: .reversal, reversing: moved.map { $0.lines == nil ? $0.entryID : nil })
        // Each reversing row points at the entry that reversed its allocation's own entry.
        let reversalOf = Dictionary(uniqueKeysWithValues: zip(moved.map(\.entryID), posted.map(\.id)))
        for (entryID, allocations) in Dictionary(grouping: standing, by: \.entryID).sorted(by: { ($0.key ?? 0) < ($1.key ?? 0) }) {
            try await tx.reverseAllocations(allocations.map(\.id), entryID: entryID.flatMap { reversalOf[$0] } ?? posted.first!.id, reason: reason)
        }
        // What was lettered with these items is no longer settled.
        let unlettered = try await tx.removeLetterings(holding: [("bank-line", line.id)] + standing.compactMap { $0.invoiceID.map { ("invoice", $0) } },
                                                       entityID: entity.id)
        return (posted.map(\.number), unlettered)
    }

    /// Writes off what is left open on an invoice, up to `limit` (minor units of the invoice's
    /// currency), by an approver, with a reason: small-balance expense / receivable.
    public func writeOff(_ invoice: String, reason: String, limit: String? = nil, entity: String?) async throws -> Money {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "a write-off says why") }
        return try await store.write(actor: actor) { tx in
            guard try await tx.roles(of: actor)?.contains("approver") == true else {
                throw DomainError(field: "--user", "\(actor) may not write off: an approver may (`o2c users add NAME --role approver`)")
            }
            let entity = try await Self.resolveEntity(entity, tx)
            try await tx.lockCashApplication(entityID: entity.id)
            // An invoice's balance left open, or the small credit left on an open credit note (a
            // customer's credit balance no one will use).
            guard let found = try await tx.openItems(entityID: entity.id, credits: true).first(where: { $0.item.number == invoice && ($0.item.open > 0 || $0.item.isCreditNote) }) else {
                throw DomainError(field: "invoice", "\(invoice) is not an open invoice (nor an open credit note) of \(entity.entity.code)")
            }
            let credit = found.item.isCreditNote
            let amount = Money(minorUnits: abs(found.item.open), currency: found.item.currency)
            // The entity's limit (`o2c policy set cash.write-off-limit`); a person may ask for less, not more.
            let allowed = try await tx.matchPolicy(entityID: entity.id, currency: entity.entity.functionalCurrency).resolved(for: found.item.currency).writeOffLimit
            let asked = try limit.map { text throws(DomainError) in try AmountFormat.parseUnambiguous(text, currency: found.item.currency, field: "--limit").minorUnits }
            if let asked, asked < 0 { throw DomainError(field: "--limit", "a limit is 0 or more") }
            let limit = min(allowed, asked ?? allowed)
            guard amount.minorUnits <= limit else {
                throw DomainError(field: "invoice", credit
                    ? "\(invoice) has \(amount.decimalString) \(amount.currency.code) of credit left, above the write-off limit of \(Money(minorUnits: limit, currency: amount.currency).decimalString): use it on an invoice (`o2c cash apply-credit`)"
                    : "\(invoice) has \(amount.decimalString) \(amount.currency.code) open, above the write-off limit of \(Money(minorUnits: limit, currency: amount.currency).decimalString): collect it, or credit it")
            }
            let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
            let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
            // A foreign-currency invoice's receivable gives up what is left of it in the functional
            // currency, when known: what earlier part payments left, to the cent.
            // A credit written off gives the receivable back its credit: the other way round.
            let writeOffAccount = try Self.accountCode(.writeOff, in: accounts, entity: entity), receivable = try Self.accountCode(.receivable, in: accounts, entity: entity)
            var lines: [JournalLineDraft] = credit
                ? [.debit(receivable, amount, customer: found.item.customer, rate: found.rate, memo: invoice), .credit(writeOffAccount, amount, rate: found.rate, memo: reason)]
                : [.debit(writeOffAccount, amount, rate: found.rate, memo: reason), .credit(receivable, amount, customer: found.item.customer, rate: found.rate, memo: invoice)]
            if found.rate != nil, let left = found.functionalOpen, left != 0, (left < 0) == credit {
                for index in lines.indices { lines[index].functionalAmount = Money(minorUnits: abs(left), currency: entity.entity.functionalCurrency) }
            }
            let entry = try PostingRules.validate(JournalEntryDraft(
                journal: .miscellaneous, date: Self.today(entity), description: "Write-off of \(invoice) — \(reason)", reference: invoice, lines: lines),
                functionalCurrency: entity.entity.functionalCurrency, accounts: chart)
            let posted = try await tx.post([entry], into: entity, source: .manual)[0]
            let customerID = try await tx.customers(codes: [found.item.customer])[found.item.customer]?.id
            try await tx.insertAllocations([NewAllocation(customerID: customerID, bankLineID: nil, invoiceID: found.item.id, kind: "write-off",
                                                          amount: Money(minorUnits: found.item.open, currency: found.item.currency),
                                                          entryID: posted.id, method: "manual", confidence: nil, explanation: reason,
                                                          functional: found.rate == nil ? nil : credit ? -entry.lines[0].functionalDebit : entry.lines[1].functionalCredit)],
                                           entityID: entity.id)
            try await tx.audit("invoice.write-off", subject: "invoice", id: invoice, entityID: entity.id, before: ["open": Money(minorUnits: found.item.open, currency: found.item.currency).decimalString],
                               after: ["open": "0", "entry": posted.number, "reason": reason])
            return amount
        }
    }

    /// Uses the credit left on an invoice (paid, then credited) or on an open credit note carried
    /// over from a previous system to settle another invoice of the same customer. Both stay on
    /// the customer's receivable, so in the functional currency nothing is posted: the credit
    /// moves between the two as a pair of allocations (audited). In a foreign currency the two
    /// were booked at their own rates: the receivable gives up what each holds for the amount
    /// moved (all that is left of it, for the move that empties one) and the difference is the
    /// realized exchange gain or loss, posted. `amount`: as typed, in the invoices' currency (all
    /// that fits when nil).
    public func applyCredit(from source: String, to target: String, amount text: String?, entity: String?) async throws -> AppliedCredit {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(entity, tx)
            try await tx.lockCashApplication(entityID: entity.id)
            guard let from = try await tx.invoiceBalance(number: source, entityID: entity.id) else { throw DomainError(field: "--from", "no issued invoice \(source)") }
            guard let to = try await tx.invoiceBalance(number: target, entityID: entity.id) else { throw DomainError(field: "--to", "no issued invoice \(target)") }
            guard from.open < 0 else { throw DomainError(field: "--from", "\(source) has no credit to use (its balance is \(Money(minorUnits: from.open, currency: from.currency).decimalString))") }
            guard from.customer == to.customer, from.currency == to.currency else {
                throw DomainError(field: "--to", "a credit moves within one customer's account and currency (\(source): \(from.customer) \(from.currency.code); \(target): \(to.customer) \(to.currency.code))")
            }
            guard to.open > 0 else { throw DomainError(field: "--to", "\(target) has nothing open") }
            let amount = try text.map { text throws(DomainError) in try AmountFormat.parseUnambiguous(text, currency: to.currency, field: "--amount") }
            let moved = amount?.minorUnits ?? min(-from.open, to.open)
            guard moved > 0, moved <= -from.open, moved <= to.open else {
                throw DomainError(field: "--amount", "at most \(Money(minorUnits: min(-from.open, to.open), currency: to.currency).decimalString): the credit left on \(source) and what is open on \(target)")
            }
            let functional = entity.entity.functionalCurrency
            var reliefs: (to: Int64?, from: Int64?) = (nil, nil)
            var entry: PostedEntry?, difference: Money?
            if to.currency != functional {
                var receivables = BookedReceivables(try await tx.bookedItems(ids: [from.id, to.id], entityID: entity.id))
                reliefs = (receivables.relieve(to.id, by: moved, functional: functional), receivables.relieve(from.id, by: -moved, functional: functional))
                if let settled = reliefs.to, let used = reliefs.from, settled != -used {
                    // The credit held more (or less) in the functional currency than the invoice it
                    // settles: the receivable gives up both, the difference is realized.
                    let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
                    let role = { (role: AccountRole) throws(DomainError) in try Self.accountCode(role, in: accounts, entity: entity) }
                    let receivable = try role(.receivable), gain = -used > settled
                    let money = Money(minorUnits: moved, currency: to.currency)
                    func valued(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: functional) }
                    var lines: [JournalLineDraft] = [.debit(receivable, money, customer: from.customer, memo: source), .credit(receivable, money, customer: to.customer, memo: target)]
                    lines[0].functionalAmount = valued(-used)
                    lines[1].functionalAmount = valued(settled)
                    lines.append(.init(accountCode: try role(gain ? .fxGain : .fxLoss), side: gain ? .credit : .debit, amount: .zero(to.currency),
                                       functionalAmount: valued(abs(-used - settled)), memo: "realized on the credit of \(source) used on \(target)"))
                    let draft = try PostingRules.validate(JournalEntryDraft(
                        journal: .miscellaneous, date: Self.today(entity), description: "Credit of \(source) used on \(target): exchange difference", reference: target, lines: lines),
                        functionalCurrency: functional, accounts: Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) }))
                    entry = try await tx.post([draft], into: entity, source: .manual)[0]
                    difference = valued(-used - settled)
                }
            }
            var settle = NewAllocation(customerID: to.customerID, bankLineID: nil, invoiceID: to.id, kind: "credit", amount: Money(minorUnits: moved, currency: to.currency),
                                       entryID: entry?.id, method: "manual", confidence: nil, explanation: "credit of \(source)", functional: reliefs.to)
            settle.sourceInvoiceID = from.id
            var use = NewAllocation(customerID: from.customerID, bankLineID: nil, invoiceID: from.id, kind: "credit", amount: Money(minorUnits: -moved, currency: to.currency),
                                    entryID: entry?.id, method: "manual", confidence: nil, explanation: "credit used on \(target)", functional: reliefs.from)
            use.sourceInvoiceID = to.id
            try await tx.insertAllocations([settle, use], entityID: entity.id)
            var after = ["open": String(to.open - moved), "from": source]
            if let entry { after["entry"] = entry.number }
            try await tx.audit("cash.apply-credit", subject: "invoice", id: target, entityID: entity.id, before: ["open": String(to.open)], after: after)
            return AppliedCredit(moved: Money(minorUnits: moved, currency: to.currency), exchangeDifference: difference, entry: entry?.number)
        }
    }

    static func today(_ entity: EntityRecord) -> BusinessDate {
        BusinessDate.today(in: TimeZone(identifier: entity.entity.timeZone) ?? .gmt)
    }

    /// The day an undone booking of a debit (a return, a refund, a bank charge booked) is
    /// reversed: the entry's own day while its month is open, else the first open day. The bank
    /// moved the money once, on its day, and booking it again takes that day: a reversal dated
    /// later would leave both bookings standing in between.
    static func undoDay(of original: PostedEntry, entity: EntityRecord, _ tx: Transaction) async throws -> BusinessDate {
        guard let firstOpen = try await tx.closedThrough(entityID: entity.id)?.next.firstDay else { return original.date }
        return max(original.date, firstOpen)
    }
}
