import Foundation
import O2CDomain
import O2CStore

/// What a refund pays back: the cash a payment keeps on its customer's account (the bank line's
/// reference) or the credit left on an open credit note or on an invoice paid then credited (its
/// number); all that is still needed when `amount` is nil.
public struct RefundSource: Sendable, Hashable {
    public var source: String
    public var amount: Money?

    public init(source: String, amount: Money?) {
        self.source = source
        self.amount = amount
    }
}

extension Books {
    /// Books a debit of the statement as the refund of a customer's credit: cash a payment left on
    /// its account (an over-payment, a duplicate) or the credit left on a credit note. The money
    /// has gone out (the bank shows it), so the debit's amount is what the sources give, to the
    /// cent, and all of them are one customer's in the debit's currency. Posted on the day the
    /// bank booked it: unapplied cash or the receivable / the bank account, with the realized
    /// exchange difference in a foreign currency (the credit was booked at its own rate).
    /// `unallocate` undoes it.
    /// `date` dates the posting (from the day the bank booked the debit to today, in an open month:
    /// a debit of a month since closed); the debit's booking day unless given.
    public func refund(_ reference: String, from sources: [RefundSource], reason: String, on date: BusinessDate? = nil, entity: String?) async throws -> CashAllocationRow {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "say why the customer is paid back") }
        guard !sources.isEmpty else { throw DomainError(field: "--from", "name what is paid back: the bank line whose cash is on the account, or the credit note") }
        if let twice = Dictionary(grouping: sources, by: \.source).first(where: { $0.value.count > 1 })?.key {
            throw DomainError(field: "--from", "\(twice) is named twice: name each once, with what it gives (\(twice)=AMOUNT)")
        }
        try await store.write(actor: actor) { tx in
            let (entity, line) = try await Self.lockedBankLine(reference, entity: entity, tx)
            if line.status == "return" {
                throw DomainError(field: "reference", "\(reference) is booked as the bank taking back a credit (\(line.explanation ?? "")): undo that first (`o2c cash unallocate \(reference) --reason …`)")
            }
            guard line.kind == "debit" else {
                throw DomainError(field: "reference", "\(reference) is a \(line.kind == "customer-credit" ? "credit" : line.kind): a refund is money that went out, a debit of the statement")
            }
            guard line.status == "not-a-customer-payment", try await tx.standingAllocations(bankLineID: line.id).isEmpty else {
                throw DomainError(field: "reference", "\(reference) is booked already (\(line.explanation ?? line.status)): undo it first (`o2c cash unallocate \(reference) --reason …`)")
            }
            let currency = line.amount.currency, functional = entity.entity.functionalCurrency
            let money = { (minor: Int64) in Money(minorUnits: minor, currency: currency).decimalString }
            var needed = line.amount.minorUnits

            // Each source, what it has to give, how much it gives, and from when it had it.
            // (Cash on an account comes with what the account holds of it, and the rows that say so.)
            enum Giving { case onAccount(StoredBankLine, has: Int64, rows: [(id: Int64, invoiceID: Int64?, customerID: Int64?, kind: String, amount: Money, entryID: Int64?)]), credit(id: Int64) }
            var giving: [(source: String, what: Giving, amount: Int64, rate: ExactDecimal?)] = []
            var customers: Set<String> = []
            // From when the credit was the customer's (the payment came in, the note was issued),
            // and from when the books hold it where the refund takes it from.
            var cameIn: BusinessDate?, booked: BusinessDate?
            func noting(_ day: BusinessDate, in date: inout BusinessDate?) { date = max(date ?? day, day) }
            for source in sources {
                let asLine = try await tx.bankLine(reference: source.source, entityID: entity.id)?.line
                let asItem = try await tx.invoiceBalance(number: source.source, entityID: entity.id)
                if asLine != nil, asItem != nil {
                    throw DomainError(field: "--from", "\(source.source) is both a bank line and an invoice of \(entity.entity.code): ask for help")
                }
                let has: Int64, what: Giving, owner: String, sourceCurrency: Currency, rate: ExactDecimal?
                if let paid = asLine {
                    guard paid.kind == "customer-credit" else {
                        throw DomainError(field: "--from", "\(source.source) is a \(paid.kind): a refund pays back a customer's credit (the bank line of its payment, or a credit note)")
                    }
                    guard let holder = paid.customer, ["applied", "unapplied"].contains(paid.status), let record = try await tx.customers(codes: [holder])[holder] else {
                        throw DomainError(field: "--from", "\(source.source) keeps no cash on a customer's account (\(paid.status)): allocate it to its customer first (`o2c cash allocate \(source.source) --customer …`)")
                    }
                    has = try await tx.cashOnAccount(lineID: paid.id, customerID: record.id)
                    let rows = try await tx.standingAllocations(bankLineID: paid.id)
                    (what, owner, sourceCurrency) = (.onAccount(paid, has: has, rows: rows), holder, paid.amount.currency)
                    rate = paid.amount.currency == functional ? nil : paid.receiptRate
                    // On the account from the day the entries that put it there are dated.
                    let putThere = rows.filter { $0.kind == "unapplied" && $0.amount.minorUnits > 0 && $0.customerID == record.id }.compactMap(\.entryID)
                    noting(paid.bookingDate, in: &cameIn)
                    noting(max(paid.bookingDate, try await tx.entries(entityID: entity.id, ids: putThere).map(\.date).max() ?? paid.bookingDate), in: &booked)
                } else if let item = asItem {
                    guard item.open < 0 else {
                        throw DomainError(field: "--from", "\(source.source) has no credit left to pay back (its balance is \(Money(minorUnits: item.open, currency: item.currency).decimalString))")
                    }
                    has = -item.open
                    (what, owner, sourceCurrency) = (.credit(id: item.id), item.customer, item.currency)
                    rate = nil   // Its booked rate and what it holds come from the receivable below.
                    // The credit is there from the last of what made the balance: the item, its credit notes, what settled it.
                    let issued = try await tx.bookedItems(ids: [item.id], entityID: entity.id).first?.item.issueDate
                    let settled = try await tx.invoiceSettlements(invoiceID: item.id, entityID: entity.id).compactMap { $0.date.flatMap { try? BusinessDate(parsing: String($0.prefix(10))) } }
                    if let last = ([issued].compactMap { $0 } + settled).max() { noting(last, in: &cameIn); noting(last, in: &booked) }
                } else if let invoice = try await tx.invoiceCredited(byNote: source.source, entityID: entity.id) {
                    throw DomainError(field: "--from", "\(source.source) credits \(invoice): its credit is on that invoice (--from \(invoice))")
                } else {
                    throw DomainError(field: "--from", "\(source.source) is neither a bank line nor an invoice or credit note of \(entity.entity.code)")
                }
                guard sourceCurrency == currency else {
                    throw DomainError(field: "--from", "\(source.source) is in \(sourceCurrency.code); \(reference) paid out \(currency.code)")
                }
                guard has > 0 else { throw DomainError(field: "--from", "nothing of \(source.source) is left on \(owner)'s account") }
                guard source.amount != nil || needed > 0 else {
                    throw DomainError(field: "--from", "the sources before \(source.source) give all \(reference) paid out (\(money(line.amount.minorUnits))): \(source.source) has nothing left to give")
                }
                let amount = source.amount?.minorUnits ?? min(has, needed)
                guard amount > 0, amount <= has else {
                    throw DomainError(field: "--from", "\(source.source) has \(money(has)) to pay back; a refund takes more than 0 and at most that")
                }
                needed -= amount
                customers.insert(owner)
                giving.append((source.source, what, amount, rate))
            }
            guard customers.count == 1, let customer = customers.first else {
                throw DomainError(field: "--from", "a refund pays one customer back; these are \(customers.sorted().joined(separator: ", "))'s")
            }
            guard needed == 0 else {
                let given = line.amount.minorUnits - needed
                throw DomainError(field: "--from", "\(reference) paid out \(money(line.amount.minorUnits)) and the sources give \(money(given)): a refund is what went out, to the cent")
            }
            guard let customerID = try await tx.customers(codes: [customer])[customer]?.id else { throw DomainError(field: "--from", "unknown customer '\(customer)'") }

            let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
            let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
            let role = { (role: AccountRole) throws(DomainError) in try Self.accountCode(role, in: accounts, entity: entity) }
            guard let bank = try await tx.bankAccounts(entityID: entity.id).first(where: { Self.accountKey($0.details.accountNumber) == Self.accountKey(line.bankAccount) }) else {
                throw DomainError(field: "reference", "\(line.bankAccount), the account of \(reference), is not a bank account of \(entity.entity.code)")
            }
            // The cash left at the day's rate; each credit was booked at its own.
            var rates = RateCache()
            let outRate = try await rates.rate(currency, on: line.bookingDate, entity: entity, tx)
            let creditIDs = giving.compactMap { if case .credit(let id) = $0.what { id } else { nil } }
            var receivables = BookedReceivables(try await tx.bookedItems(ids: creditIDs, entityID: entity.id))
            var lines: [JournalLineDraft] = []
            var reliefs: [Int64?] = []
            // Valued as cash application values them (half up), the part that empties a line's cash
            // on the account at all the account holds of it: the entry balances, no cent stays.
            let valued = { (minor: Int64, rate: ExactDecimal?) -> Money? in
                rate.map { Self.valued(Money(minorUnits: minor, currency: currency), at: $0, in: functional) }
            }
            for part in giving {
                let amount = Money(minorUnits: part.amount, currency: currency)
                switch part.what {
                case .onAccount(_, let has, let rows):
                    var take = JournalLineDraft.debit(try role(.unappliedCash), amount, customer: customer, rate: part.rate, memo: part.source)
                    take.functionalAmount = valued(part.amount, part.rate)
                    if let rate = part.rate, has == part.amount {
                        take.functionalAmount = Money(minorUnits: Self.heldOnAccount(rows, customerID: customerID, rate: rate, functional: functional), currency: functional)
                    }
                    lines.append(take)
                    reliefs.append(nil)
                case .credit(let id):
                    // The receivable gives the credit back: what it holds of it in the functional currency.
                    var give = JournalLineDraft.debit(try role(.receivable), amount, customer: customer, rate: receivables.rate(of: id), memo: part.source)
                    let relief = receivables.relieve(id, by: -part.amount, functional: functional)
                    if let relief { give.functionalAmount = Money(minorUnits: -relief, currency: functional) }
                    lines.append(give)
                    reliefs.append(relief)
                }
            }
            var out = JournalLineDraft.credit(bank.ledgerAccount, line.amount, rate: outRate, memo: reference)
            out.functionalAmount = valued(line.amount.minorUnits, outRate)
            lines.append(out)
            if currency != functional {
                if outRate == nil || lines.contains(where: { $0.functionalAmount == nil }) {
                    throw DomainError(field: "fx", "a \(currency.code) refund needs the rates its cash and credits were booked at (\(reference))")
                }
                let held = lines.dropLast().reduce(Int64(0)) { $0 + ($1.functionalAmount?.minorUnits ?? 0) }, paid = out.functionalAmount?.minorUnits ?? 0
                if held != paid {
                    // The credit held more in the functional currency than the cash that paid it back: a gain.
                    let gain = held > paid
                    lines.append(.init(accountCode: try role(gain ? .fxGain : .fxLoss), side: gain ? .credit : .debit, amount: .zero(currency),
                                       functionalAmount: Money(minorUnits: abs(held - paid), currency: functional), memo: "realized on the refund \(reference)"))
                }
            }
            // Money that went out before the credit was there did not pay it back.
            if let cameIn, line.bookingDate < cameIn {
                throw DomainError(field: "reference", "\(reference) went out on \(line.bookingDate), before the credit it would pay back was there (\(cameIn)): it is not its refund")
            }
            // Posted on the day the bank booked it, unless a person dates it: never before the books
            // held the credit there (cash put on the account by hand later), never ahead of today.
            let today = Self.today(entity), from = max(line.bookingDate, booked ?? line.bookingDate)
            if let date, date < from || date > today {
                throw DomainError(field: "--date", "a refund of \(reference) is dated from \(from), \(from == line.bookingDate ? "the day the bank booked it" : "the day the books held the credit"), to today (\(today))")
            }
            if date == nil, from > line.bookingDate {
                throw DomainError(field: "--date", "the books hold the credit from \(from), after \(reference) went out (\(line.bookingDate)): date the refund from then (--date YYYY-MM-DD)")
            }
            if date == nil, let closedThrough = try await tx.closedThrough(entityID: entity.id), line.bookingDate.period <= closedThrough {
                throw DomainError(field: "--date", "\(reference) was booked on \(line.bookingDate), in \(line.bookingDate.period), which is closed: date the refund in an open month (--date YYYY-MM-DD)")
            }
            let entry = try PostingRules.validate(JournalEntryDraft(
                journal: .cash, date: date ?? line.bookingDate, description: "Refund \(reference) to \(customer) — \(reason)", reference: reference, lines: lines),
                functionalCurrency: functional, accounts: chart)
            let posted = try await tx.post([entry], into: entity, source: .bank)[0]

            // The debit line's rows say what it paid back (negative: cash out); a line's cash leaves
            // the account it was kept on.
            var allocations: [NewAllocation] = []
            for (part, relief) in zip(giving, reliefs) {
                let out = Money(minorUnits: -part.amount, currency: currency)
                switch part.what {
                case .onAccount(let paid, _, _):
                    var refund = NewAllocation(customerID: customerID, bankLineID: line.id, invoiceID: nil, kind: "refund", amount: out, entryID: posted.id,
                                               method: "manual", confidence: nil, explanation: reason)
                    refund.sourceBankLineID = paid.id
                    allocations.append(refund)
                    allocations.append(NewAllocation(customerID: customerID, bankLineID: paid.id, invoiceID: nil, kind: "unapplied", amount: out, entryID: posted.id,
                                                     method: "manual", confidence: nil, explanation: "refunded by \(reference)"))
                case .credit(let id):
                    allocations.append(NewAllocation(customerID: customerID, bankLineID: line.id, invoiceID: id, kind: "refund", amount: out, entryID: posted.id,
                                                     method: "manual", confidence: nil, explanation: reason, functional: relief))
                }
            }
            try await tx.insertAllocations(allocations, entityID: entity.id)
            let what = giving.map { "\($0.source) \(money($0.amount))" }.joined(separator: ", ")
            try await tx.updateBankLine(id: line.id, from: line.status, to: "refund", customerID: customerID,
                                        explanation: "refund to \(customer) of \(what), booked by \(actor): \(reason)", entryID: posted.id, confidence: nil)
            try await tx.audit("cash.refund", subject: "bank-line", id: reference, entityID: entity.id, before: ["status": line.status],
                               after: ["customer": customer, "from": giving.map { "\($0.source)=\($0.amount)" }.joined(separator: ","), "entry": posted.number, "reason": reason])
        }
        return try await cashAllocations(reference: reference, entity: entity)[0]
    }

    /// Undoes a refund booked on a debit line: its entry reversed, its rows (and the cash it took
    /// off the account it was kept on) given reversing rows; the debit is a movement to book again.
    func undoRefund(_ line: StoredBankLine, entity: EntityRecord, reason: String, _ tx: Transaction) async throws {
        guard let entryID = try await tx.standingAllocations(bankLineID: line.id).compactMap(\.entryID).first,
              let original = try await tx.entries(entityID: entity.id, ids: [entryID]).first else {
            throw DomainError(field: "reference", "\(line.reference) has nothing booked")
        }
        let rows = try await tx.standingAllocations(entryID: entryID)
        let reversal = try await tx.post([try original.reversal(on: try await Self.undoDay(of: original, entity: entity, tx), description: "Reversal of \(original.number): refund \(line.reference) undone — \(reason)")],
                                         into: entity, source: .reversal, reversing: [entryID])[0]
        try await tx.reverseAllocations(rows.map(\.id), entryID: reversal.id, reason: reason)
        let lines = Set(rows.compactMap(\.bankLineID)), invoices = Set(rows.compactMap(\.invoiceID))
        let unlettered = try await tx.removeLetterings(holding: lines.sorted().map { ("bank-line", $0) } + invoices.sorted().flatMap { [("invoice", $0), ("credit-note", $0)] }, entityID: entity.id)
        try await tx.updateBankLine(id: line.id, from: line.status, to: "not-a-customer-payment", customerID: nil,
                                    explanation: "refund undone by \(actor): \(reason)", entryID: nil, confidence: nil)
        try await tx.audit("cash.refund.undo", subject: "bank-line", id: line.reference, entityID: entity.id, before: ["status": line.status],
                           after: ["status": "not-a-customer-payment", "reason": reason, "reversal": reversal.number, "letterings removed": unlettered.joined(separator: ",")])
    }
}
