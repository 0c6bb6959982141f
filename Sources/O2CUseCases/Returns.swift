import Foundation
import O2CDomain
import O2CStore

extension Books {
    /// Books a debit of the statement as the bank taking back a customer's credit of an earlier
    /// day or statement: a cheque returned NSF, an ACH collection returned, a wire recalled. The
    /// cash did not stay, so what the credit paid is undone (its allocations reversed on the day
    /// the cash left, its invoices open again with their own due dates, their lettering removed)
    /// and the cash leaves: unidentified receipts / the bank account, at the rate it came in at
    /// (a bounced item voids its receipt: no exchange difference). `unallocate` of the
    /// debit undoes it. `date` dates it (from the day the bank booked the debit to today, in an
    /// open month); the debit's booking day unless given, or the first day of the first open month
    /// when that day's month is closed.
    ///
    /// `fee`: the bank's charge taken with the item on the same debit (bank fees / the bank).
    /// `item`: the debit (less its fee) takes back one item of the credit, a cheque of a branch
    /// deposit or of a lockbox credit (`returnPart`), said by a person: a debit of less than a
    /// credit is otherwise no return of it. `invoices` names what that item paid, when its cash
    /// is not what the credit left unallocated.
    public func returnCredit(_ reference: String, of creditReference: String, reason: String, on date: BusinessDate? = nil, fee: Int64 = 0, item: Bool = false,
                             invoices: [String] = [], entity: String?) async throws -> CashAllocationRow {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "say why the bank took it back (NSF, stopped, recalled)") }
        try await store.write(actor: actor) { tx in
            let (entity, debit) = try await Self.lockedBankLine(reference, entity: entity, tx)
            guard let credit = try await tx.bankLine(reference: creditReference, entityID: entity.id)?.line else {
                throw DomainError(field: "--of", "no bank line \(creditReference) in \(entity.entity.code)")
            }
            if let problem = try await Self.returnProblem(debit, of: credit, fee: fee, item: item, tx) { throw problem }
            if item {
                try await returnPart(debit, of: credit, fee: fee, invoices: invoices, reason: reason, on: date, entity: entity, tx)
            } else {
                guard invoices.isEmpty else {
                    throw DomainError(field: "--invoice", "\(debit.reference) takes back the whole of \(credit.reference): all it paid is open again; name invoices for one item of it (--item)")
                }
                try await bookReturn(debit, of: credit, fee: fee, reason: reason, on: date, method: "manual", entity: entity, tx)
            }
        }
        return try await cashAllocations(reference: reference, entity: entity)[0]
    }

    /// Why `debit` cannot be the return of `credit` (with the bank's `fee` on the same debit),
    /// when it cannot.
    static func returnProblem(_ debit: StoredBankLine, of credit: StoredBankLine, fee: Int64 = 0, item: Bool = false, _ tx: Transaction) async throws -> DomainError? {
        guard debit.kind != "customer-credit", debit.direction == "debit" else {
            return DomainError(field: "reference", "\(debit.reference) brought money in: a return is money the bank took back, a debit of the statement")
        }
        guard debit.status == "not-a-customer-payment", try await tx.standingAllocations(bankLineID: debit.id).isEmpty else {
            return DomainError(field: "reference", "\(debit.reference) is booked already (\(debit.explanation ?? debit.status)): undo it first (`o2c cash unallocate \(debit.reference) --reason …`)")
        }
        guard credit.kind == "customer-credit" else {
            return DomainError(field: "--of", "\(credit.reference) is a \(credit.kind): the bank takes back a customer's credit")
        }
        guard credit.status != "returned" else { return DomainError(field: "--of", "\(credit.reference) was taken back already (\(credit.explanation ?? ""))") }
        // An item of it taken back already: what is left is less than the credit.
        if let by = try await tx.returns(ofLine: credit.id).first, !item {
            return DomainError(field: "--of", "an item of \(credit.reference) was taken back already by \(by): \(debit.reference) takes back more than is left of it")
        }
        guard accountKey(credit.bankAccount) == accountKey(debit.bankAccount) else {
            return DomainError(field: "--of", "\(credit.reference) came in on account \(credit.bankAccount), \(debit.reference) went out of \(debit.bankAccount)")
        }
        let money = { (minor: Int64) in "\(Money(minorUnits: minor, currency: debit.amount.currency).decimalString) \(debit.amount.currency.code)" }
        guard fee >= 0, fee < debit.amount.minorUnits else {
            return DomainError(field: "--fee", "the bank's fee is part of what \(debit.reference) took (\(money(debit.amount.minorUnits))): positive and less than it")
        }
        let taken = debit.amount.minorUnits - fee
        guard item ? taken < credit.amount.minorUnits : taken == credit.amount.minorUnits else {
            return DomainError(field: "--of", "\(credit.reference) brought \(money(credit.amount.minorUnits)) and \(debit.reference) took \(money(debit.amount.minorUnits)) back"
                               + (fee > 0 ? " (\(money(taken)) without its fee)" : "")
                               + (item ? ": one item of it is less than all of it" : ": a return takes back the whole credit; one item of a deposit (a cheque of several) is said with --item, a fee the bank took on the same debit with --fee"))
        }
        guard credit.bookingDate <= debit.bookingDate else {
            return DomainError(field: "--of", "\(credit.reference) came in on \(credit.bookingDate), after \(debit.reference) went out (\(debit.bookingDate)): it is not what the bank took back")
        }
        return nil
    }

    /// The day a return of `debit` is booked: `date` when given (from the bank's day to today,
    /// in an open month), else the bank's day, or the first open day when its month is closed.
    /// Never before the cash is where the return takes it from: for a whole return, the last
    /// day an allocation of the credit was undone (an earlier return undone: what is still
    /// allocated is reversed on its own day or later, the cash leaving on the bank's); for one
    /// item, whose single entry also undoes what it paid, the last day the credit's cash moved.
    func returnDay(_ debit: StoredBankLine, of credit: StoredBankLine, _ date: BusinessDate?, item: Bool = false, entity: EntityRecord, _ tx: Transaction) async throws -> BusinessDate {
        let closedThrough = try await tx.closedThrough(entityID: entity.id)
        let isOpen = { (day: BusinessDate) in closedThrough.map { day.period > $0 } ?? true }
        let moved = try await tx.lastMoved(bankLineID: credit.id, reversals: !item).flatMap { try? BusinessDate(parsing: String($0.prefix(10))) }
        let from = max(debit.bookingDate, moved ?? debit.bookingDate)
        guard let date else { return isOpen(from) ? from : closedThrough!.next.firstDay }
        let today = Self.today(entity)
        guard date >= from, date <= today else {
            throw DomainError(field: "--date", "a return of \(debit.reference) is dated from \(from), "
                              + (from == debit.bookingDate ? "the day the bank booked it" : "the day \(credit.reference)'s cash last moved in the books") + ", to today (\(today))")
        }
        guard isOpen(date) else { throw DomainError(field: "--date", "\(date) is in \(date.period), which is closed: date the return in an open month") }
        return date
    }

    /// Books `debit` as the return of `credit` (`returnProblem` found nothing against it), by a
    /// person (`manual`) or found at an import (`auto`).
    func bookReturn(_ debit: StoredBankLine, of credit: StoredBankLine, fee: Int64 = 0, reason: String, on date: BusinessDate?, method: String, entity: EntityRecord,
                    _ tx: Transaction) async throws {
        let day = try await returnDay(debit, of: credit, date, entity: entity, tx)

        // What the credit paid, undone on the day its cash left.
        let standing = try await tx.standingAllocations(bankLineID: credit.id)
        var reversals: [String] = [], unlettered: [String] = [], reopened: [String] = []
        if !standing.isEmpty {
            let ids = Set(standing.map(\.id))
            for row in try await tx.allocations(entityID: entity.id, bankLineID: credit.id) where ids.contains(row.id) && row.kind == "payment" {
                if let invoice = row.invoice, !reopened.contains(invoice) { reopened.append(invoice) }
            }
            // A refund of its cash stands: that money went out, and the customer owes it back
            // (its unapplied cash shows a debit of as much).
            (reversals, unlettered) = try await reverseAllocations(of: credit, standing: standing, entity: entity, reason: reason,
                                                                   what: "\(credit.reference) taken back by the bank (\(debit.reference)) — \(reason)", on: day,
                                                                   keeping: try await tx.refundEntries(ofLine: credit.id), tx)
        }

        // The cash leaves unidentified receipts, where the credit's own cash is once undone.
        let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
        let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
        let suspense = try Self.accountCode(.unidentifiedReceipts, in: accounts, entity: entity)
        let bank = try await Self.bankAccount(of: debit, entity: entity, tx)
        // A bounced item voids its receipt: its cash leaves at the rate it came in at, and no
        // exchange difference is realized (the bank account holds in CAD what it held before).
        let currency = debit.amount.currency, functional = entity.entity.functionalCurrency
        var rate = credit.receiptRate
        if currency != functional, rate == nil {
            var rates = RateCache()
            rate = try await rates.rate(currency, on: credit.bookingDate, entity: entity, tx)
        }
        // Valued as its receipt valued it (`valued`), whatever rounding an entry's lines would get.
        let value = rate.map { Self.valued(credit.amount, at: $0, in: functional) }
        var lines: [JournalLineDraft] = [.init(accountCode: suspense, side: .debit, amount: credit.amount, functionalAmount: value, rate: rate, memo: credit.reference),
                                         .init(accountCode: bank.ledgerAccount, side: .credit, amount: credit.amount, functionalAmount: value, rate: rate, memo: debit.reference)]
        // The bank's fee taken with the item: a bank charge like any other.
        if fee > 0 {
            let charge = Money(minorUnits: fee, currency: currency), valued = rate.map { Self.valued(charge, at: $0, in: functional) }
            lines += [.init(accountCode: try Self.accountCode(.bankFees, in: accounts, entity: entity), side: .debit, amount: charge, functionalAmount: valued, rate: rate,
                            memo: "\(Self.returnFeeMemo) of \(credit.reference)"),
                      .init(accountCode: bank.ledgerAccount, side: .credit, amount: charge, functionalAmount: valued, rate: rate, memo: debit.reference)]
        }
        let entry = try PostingRules.validate(JournalEntryDraft(
            journal: .cash, date: day, description: "Return \(debit.reference): \(credit.reference) taken back by the bank — \(reason)", reference: debit.reference, lines: lines),
            functionalCurrency: functional, accounts: chart)
        let posted = try await tx.post([entry], into: entity, source: .bank)[0]

        var customerID: Int64?
        if let code = credit.customer { customerID = try await tx.customers(codes: [code])[code]?.id }
        var row = NewAllocation(customerID: customerID, bankLineID: debit.id, invoiceID: nil, kind: "return", amount: Money(minorUnits: -debit.amount.minorUnits, currency: currency),
                                entryID: posted.id, method: method, confidence: nil, explanation: reason)
        row.sourceBankLineID = credit.id
        try await tx.insertAllocations([row], entityID: entity.id)
        let by = method == "manual" ? "booked by \(actor)" : "found at import"
        let refunded = try await tx.refunds(ofLine: credit.id)
        let open = (reopened.isEmpty ? "" : "; open again: " + reopened.joined(separator: ", "))
            + refunded.map { "; \($0.reference)'s refund of \(Money(minorUnits: $0.amount, currency: currency).decimalString) stands: \(credit.customer ?? "the customer") owes it back" }.joined()
        // The credit keeps its customer: whose payment came back is what collections follow up.
        try await tx.updateBankLine(id: credit.id, from: credit.status, to: "returned", customerID: customerID,
                                    explanation: "taken back by the bank (\(debit.reference), \(debit.bookingDate), \(by)): \(reason)\(open)", entryID: nil, confidence: nil)
        let charged = fee > 0 ? ", with the bank's fee of \(Money(minorUnits: fee, currency: currency).decimalString)" : ""
        try await tx.updateBankLine(id: debit.id, from: debit.status, to: "return", customerID: customerID,
                                    explanation: "takes back \(credit.reference) of \(credit.bookingDate)\(credit.customer.map { " (\($0))" } ?? "")\(charged) — \(by): \(reason)\(open)",
                                    entryID: posted.id, confidence: nil)
        try await tx.audit("cash.return", subject: "bank-line", id: debit.reference, entityID: entity.id,
                           before: ["status": debit.status, "credit": credit.reference, "credit status": credit.status],
                           after: ["credit": credit.reference, "entry": posted.number, "reversals": reversals.joined(separator: ","), "reopened": reopened.joined(separator: ","),
                                   "letterings removed": unlettered.joined(separator: ","), "reason": reason, "method": method, "fee": String(fee)])
        // Under the credit as well: whose payment bounced is looked up by the payment.
        try await tx.audit("cash.returned", subject: "bank-line", id: credit.reference, entityID: entity.id, before: ["status": credit.status],
                           after: ["status": "returned", "by": debit.reference, "reopened": reopened.joined(separator: ","), "reason": reason])
    }

    /// Books `debit` as the return of one item of `credit`: a cheque of a branch deposit or of a
    /// lockbox credit, whose amount (`debit` less the bank's `fee`) is less than the credit's.
    /// What the item paid is undone: the invoices named (all the credit paid on each), and what
    /// they do not make of the item taken from the credit's cash still unallocated (left
    /// unidentified, else on its customer's account). With no invoice named, that cash, or the one
    /// invoice the credit paid exactly the item's amount. One entry: the receivable back on each
    /// invoice (its discount and bank charge undone), the cash out of where it waited, the bank
    /// account credited; the rest of the credit stays as it was allocated. In the functional
    /// currency only (a foreign item's exchange differences are posted by hand).
    func returnPart(_ debit: StoredBankLine, of credit: StoredBankLine, fee: Int64, invoices named: [String], reason: String, on date: BusinessDate?,
                    entity: EntityRecord, _ tx: Transaction) async throws {
        let currency = credit.amount.currency, functional = entity.entity.functionalCurrency
        let item = debit.amount.minorUnits - fee
        let money = { (minor: Int64) in "\(Money(minorUnits: minor, currency: currency).decimalString) \(currency.code)" }
        guard currency == functional else {
            throw DomainError(field: "--of", "\(debit.reference) takes back \(money(item)) of \(credit.reference)'s \(money(credit.amount.minorUnits)): one item of a credit in "
                              + "\(currency.code), not \(entity.entity.code)'s currency, is posted by hand (`o2c ledger post`, docs/manual-entry.md)")
        }
        guard ["new", "proposed", "unapplied", "applied"].contains(credit.status) else {
            throw DomainError(field: "--of", "\(credit.reference) is \(credit.status): none of its cash is a customer's payment to take back")
        }
        if let refund = try await tx.refunds(ofLine: credit.id).first {
            throw DomainError(field: "--of", "\(credit.reference)'s cash on the account was paid back by \(refund.reference): undo that refund first (`o2c cash unallocate \(refund.reference) --reason …`)")
        }
        let standing = try await tx.standingAllocations(bankLineID: credit.id)
        let records = Dictionary(uniqueKeysWithValues: try await tx.allocations(entityID: entity.id, bankLineID: credit.id).map { ($0.id, $0) })
        // A credit nothing was allocated from waits whole in unidentified receipts.
        let allocated = !standing.isEmpty
        guard allocated || credit.status != "applied" else { throw DomainError(field: "--of", "\(credit.reference) has nothing allocated") }

        // What the credit paid on each invoice: its payment (the cash), discount and bank charge.
        var paid: [(number: String, customer: String?, rows: [Int64], cash: Int64, settled: Int64, discount: Int64, charge: Int64)] = []
        for row in standing where ["payment", "discount", "fee"].contains(row.kind) {
            guard let number = records[row.id]?.invoice else { continue }
            let at = paid.firstIndex { $0.number == number } ?? paid.count
            if at == paid.count { paid.append((number, records[row.id]?.customer, [], 0, 0, 0, 0)) }
            paid[at].rows.append(row.id)
            paid[at].settled += row.amount.minorUnits
            switch row.kind {
            case "payment": paid[at].cash += row.amount.minorUnits
            case "discount": paid[at].discount += row.amount.minorUnits
            default: paid[at].charge += row.amount.minorUnits
            }
        }
        // Cash of the credit not on any invoice: left unidentified (no customer), or on an account.
        let unapplied = Dictionary(grouping: standing.filter { $0.kind == "unapplied" }, by: \.customerID).mapValues { $0.reduce(Int64(0)) { $0 + $1.amount.minorUnits } }
        let unidentified = allocated ? unapplied[nil] ?? 0 : credit.amount.minorUnits
        let onAccount = unapplied.filter { $0.key != nil && $0.value > 0 }

        var chosen: [Int] = []
        for number in named {
            guard let at = paid.firstIndex(where: { $0.number == number }) else {
                throw DomainError(field: "--invoice", "\(credit.reference) paid nothing on \(number)"
                                  + (paid.isEmpty ? "" : " (it paid \(paid.map(\.number).joined(separator: ", ")))"))
            }
            guard !chosen.contains(at) else { throw DomainError(field: "--invoice", "\(number) is named twice") }
            chosen.append(at)
        }
        if named.isEmpty, unidentified < item, onAccount.values.allSatisfy({ $0 < item }) {
            // The one invoice the item paid exactly, when only one was paid that much.
            let exact = paid.indices.filter { paid[$0].cash == item }
            guard exact.count == 1 else {
                throw DomainError(field: "--invoice", "say which invoices the item of \(money(item)) paid (--invoice, all the credit paid on each): \(credit.reference) paid "
                                  + (paid.isEmpty ? "none" : paid.map { "\($0.number) \(money($0.cash))" }.joined(separator: ", "))
                                  + (unidentified > 0 ? ", and left \(money(unidentified)) unidentified" : "")
                                  + (fee == 0 ? "; a fee the bank took with it is said with --fee" : ""))
            }
            chosen = exact
        }
        let cash = chosen.reduce(Int64(0)) { $0 + paid[$1].cash }
        let rest = item - cash
        guard rest >= 0 else {
            throw DomainError(field: "--invoice", "\(chosen.map { paid[$0].number }.joined(separator: ", ")) took \(money(cash)) of \(credit.reference)'s cash, more than the item of \(money(item)) taken back")
        }
        // The rest of the item: cash of the credit still unallocated.
        var fromAccount: (customerID: Int64, code: String)?
        if rest > 0, rest > unidentified {
            let holding = onAccount.filter { $0.value >= rest }
            guard holding.count == 1, let customerID = holding.first!.key,
                  let code = standing.first(where: { $0.customerID == customerID }).flatMap({ records[$0.id]?.customer }) else {
                throw DomainError(field: "--invoice", "\(money(rest)) of the item is on no invoice named, and \(credit.reference) holds \(money(unidentified)) unallocated"
                                  + ": name the invoices it paid (--invoice)")
            }
            fromAccount = (customerID, code)
        }

        let day = try await returnDay(debit, of: credit, date, item: true, entity: entity, tx)
        let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
        let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
        let role = { (role: AccountRole) throws(DomainError) in try Self.accountCode(role, in: accounts, entity: entity) }
        let bank = try await Self.bankAccount(of: debit, entity: entity, tx)
        let amount = { (minor: Int64) in Money(minorUnits: minor, currency: currency) }
        var lines: [JournalLineDraft] = []
        for at in chosen {
            let invoice = paid[at]
            // A credit note netted with it gives its credit back: a credit of the receivable.
            lines.append(.init(accountCode: try role(.receivable), customerCode: invoice.customer, side: invoice.settled >= 0 ? .debit : .credit, amount: amount(abs(invoice.settled)),
                               memo: invoice.number))
            if invoice.discount > 0 { lines.append(.credit(try role(.salesDiscounts), amount(invoice.discount), memo: "discount on \(invoice.number) undone")) }
            if invoice.charge > 0 { lines.append(.credit(try role(.bankFees), amount(invoice.charge), memo: "charge on \(invoice.number) undone")) }
        }
        if rest > 0 {
            lines.append(.debit(try role(fromAccount == nil ? .unidentifiedReceipts : .unappliedCash), amount(rest), customer: fromAccount?.code, memo: credit.reference))
        }
        if fee > 0 { lines.append(.debit(try role(.bankFees), amount(fee), memo: "\(Self.returnFeeMemo) of an item of \(credit.reference)")) }
        lines.append(.credit(bank.ledgerAccount, debit.amount, memo: debit.reference))
        let reopened = chosen.map { paid[$0].number }
        let entry = try PostingRules.validate(JournalEntryDraft(
            journal: .cash, date: day, description: "Return \(debit.reference): \(money(item)) of \(credit.reference) taken back by the bank — \(reason)", reference: debit.reference,
            lines: lines), functionalCurrency: functional, accounts: chart)
        let posted = try await tx.post([entry], into: entity, source: .bank)[0]

        // The invoices' rows are undone by this entry; the rest of the item leaves the credit's cash.
        try await tx.reverseAllocations(chosen.flatMap { paid[$0].rows }, entryID: posted.id, reason: reason)
        var rows: [NewAllocation] = []
        if !allocated {
            // All of a credit nothing was allocated from was unidentified: said, so that what is left of it is.
            rows.append(NewAllocation(customerID: nil, bankLineID: credit.id, invoiceID: nil, kind: "unapplied", amount: credit.amount, entryID: nil, method: "manual",
                                      confidence: nil, explanation: "unidentified until an item of it was taken back"))
        }
        if rest > 0 {
            rows.append(NewAllocation(customerID: fromAccount?.customerID, bankLineID: credit.id, invoiceID: nil, kind: "unapplied", amount: amount(-rest), entryID: posted.id,
                                      method: "manual", confidence: nil, explanation: "taken back by the bank (\(debit.reference))"))
        }
        // Whose item it was: the credit's customer, else the one whose invoices it paid.
        let owners = Set(chosen.compactMap { paid[$0].customer } + (fromAccount.map { [$0.code] } ?? []))
        var customerID: Int64?
        if let code = credit.customer ?? (owners.count == 1 ? owners.first : nil) { customerID = try await tx.customers(codes: [code])[code]?.id }
        var creditCustomerID: Int64?
        if let code = credit.customer { creditCustomerID = try await tx.customers(codes: [code])[code]?.id }
        var row = NewAllocation(customerID: customerID, bankLineID: debit.id, invoiceID: nil, kind: "return", amount: amount(-debit.amount.minorUnits),
                                entryID: posted.id, method: "manual", confidence: nil, explanation: reason)
        row.sourceBankLineID = credit.id
        rows.append(row)
        try await tx.insertAllocations(rows, entityID: entity.id)
        let undone = Set(chosen.flatMap { paid[$0].rows })
        let invoiceIDs = Set(standing.filter { undone.contains($0.id) }.compactMap(\.invoiceID)).sorted()
        // What lettered the invoices open again is no longer settled (what the rest paid still is).
        let unlettered = try await tx.removeLetterings(holding: (fromAccount == nil ? [] : [("bank-line", credit.id)]) + invoiceIDs.map { ("invoice", $0) }, entityID: entity.id)

        let part = "\(money(item)) taken back by the bank (\(debit.reference), \(debit.bookingDate), booked by \(actor)): \(reason)"
            + (reopened.isEmpty ? "" : "; open again: " + reopened.joined(separator: ", "))
        try await tx.updateBankLine(id: credit.id, from: credit.status, to: allocated ? credit.status : "applied", customerID: allocated ? creditCustomerID : nil,
                                    explanation: [credit.explanation ?? (allocated ? nil : "unidentified"), part].compactMap { $0 }.joined(separator: "; "), entryID: nil, confidence: nil)
        let charged = fee > 0 ? ", with the bank's fee of \(money(fee))" : ""
        try await tx.updateBankLine(id: debit.id, from: debit.status, to: "return", customerID: customerID,
                                    explanation: "takes back \(money(item)) of \(credit.reference) of \(credit.bookingDate) (one item)\(charged) — booked by \(actor): \(reason)"
                                        + (reopened.isEmpty ? "" : "; open again: " + reopened.joined(separator: ", ")),
                                    entryID: posted.id, confidence: nil)
        try await tx.audit("cash.return", subject: "bank-line", id: debit.reference, entityID: entity.id,
                           before: ["status": debit.status, "credit": credit.reference, "credit status": credit.status],
                           after: ["credit": credit.reference, "part": String(item), "entry": posted.number, "reopened": reopened.joined(separator: ","),
                                   "letterings removed": unlettered.joined(separator: ","), "reason": reason, "method": "manual", "fee": String(fee)])
        try await tx.audit("cash.returned", subject: "bank-line", id: credit.reference, entityID: entity.id, before: ["status": credit.status],
                           after: ["part": String(item), "by": debit.reference, "reopened": reopened.joined(separator: ","), "reason": reason])
    }

    /// Undoes a return booked on a debit line: its entry reversed, its row given a reversing row;
    /// the credit's cash is back in unidentified receipts for a person to allocate (what it paid
    /// before stays undone), the debit a movement to book again.
    func undoReturn(_ line: StoredBankLine, entity: EntityRecord, reason: String, _ tx: Transaction) async throws {
        guard let source = try await tx.allocations(entityID: entity.id, bankLineID: line.id).first(where: { $0.kind == "return" })?.sourceLine,
              let credit = try await tx.bankLine(reference: source, entityID: entity.id)?.line else {
            throw DomainError(field: "reference", "\(line.reference) has no return booked")
        }
        // Items of one credit taken back: undoing one undoes all the credit paid (below), so the
        // others' returns are undone with it, to be booked again.
        let partial = credit.status != "returned"
        // All the credit paid is undone with an item's return: not while part of its cash went back to the customer.
        if partial, let refund = try await tx.refunds(ofLine: credit.id).first {
            throw DomainError(field: "reference", "\(credit.reference)'s cash on the account was paid back by \(refund.reference): undo that refund first "
                              + "(`o2c cash unallocate \(refund.reference) --reason …`), then this return")
        }
        var debits = [line]
        if partial {
            for other in try await tx.returns(ofLine: credit.id) where other != line.reference {
                if let found = try await tx.bankLine(reference: other, entityID: entity.id)?.line { debits.append(found) }
            }
        }
        var reversals: [String] = [], day: BusinessDate?, firstReversal: Int64?
        for debit in debits {
            guard let entryID = try await tx.standingAllocations(bankLineID: debit.id).compactMap(\.entryID).first,
                  let original = try await tx.entries(entityID: entity.id, ids: [entryID]).first else {
                throw DomainError(field: "reference", "\(debit.reference) has no return booked")
            }
            let rows = try await tx.standingAllocations(entryID: entryID)
            let undoDay = try await Self.undoDay(of: original, entity: entity, tx)
            day = day ?? undoDay
            let reversal = try await tx.post([try original.reversal(on: undoDay, description: "Reversal of \(original.number): return \(debit.reference) undone — \(reason)")],
                                             into: entity, source: .reversal, reversing: [entryID])[0]
            try await tx.reverseAllocations(rows.map(\.id), entryID: reversal.id, reason: reason)
            // What the item paid, undone by the return, stands again with its entry reversed (and
            // is un-allocated below with all the credit paid).
            if partial { try await tx.restoreAllocations(reversedBy: entryID, bankLineID: credit.id) }
            reversals.append(reversal.number)
            firstReversal = firstReversal ?? reversal.id
            if debit.id != line.id {
                // Booked again as it was: an item, with the bank's fee its entry charged.
                let fee = original.lines.filter { $0.debit > 0 && $0.memo?.hasPrefix(Self.returnFeeMemo) == true }.reduce(Int64(0)) { $0 + $1.debit }
                let charge = fee > 0 ? " --fee \(Money(minorUnits: fee, currency: debit.amount.currency).decimalString)" : ""
                try await tx.updateBankLine(id: debit.id, from: debit.status, to: "not-a-customer-payment", customerID: nil,
                                            explanation: "return of an item of \(credit.reference) undone with \(line.reference) by \(actor): \(reason); book it again "
                                                + "(`o2c cash return \(debit.reference) --of \(credit.reference) --item\(charge) --reason …`)", entryID: nil, confidence: nil)
                try await tx.audit("cash.return.undo", subject: "bank-line", id: debit.reference, entityID: entity.id, before: ["status": debit.status, "credit": credit.reference],
                                   after: ["status": "not-a-customer-payment", "with": line.reference, "reason": reason, "reversal": reversal.number])
            }
        }
        // One item of the credit taken back: the rest of it is undone as well, so that all of its
        // cash waits in unidentified receipts as after a whole return undone (what the item paid
        // is open again already; the reversal just posted gave back its cash, and the one below
        // takes off all the credit paid).
        var unlettered: [String] = []
        if partial, let day {
            let left = try await tx.standingAllocations(bankLineID: credit.id)
            if left.contains(where: { $0.entryID != nil }) {
                unlettered = try await reverseAllocations(of: credit, standing: left.filter { $0.entryID != nil }, entity: entity, reason: reason,
                                                          what: "\(credit.reference) un-allocated with its return \(line.reference) undone — \(reason)", on: day, tx).unlettered
            }
            // What said a credit allocated from nothing was unidentified (no entry of its own).
            if let firstReversal { try await tx.reverseAllocations(left.filter { $0.entryID == nil }.map(\.id), entryID: firstReversal, reason: reason) }
        }
        try await tx.updateBankLine(id: credit.id, from: credit.status, to: "unapplied", customerID: nil,
                                    explanation: "its return \(line.reference) undone by \(actor): \(reason)"
                                        + (debits.count > 1 ? " (and with it \(debits.dropFirst().map(\.reference).joined(separator: ", ")))" : "") + "; allocate it by hand",
                                    entryID: nil, confidence: nil)
        try await tx.updateBankLine(id: line.id, from: line.status, to: "not-a-customer-payment", customerID: nil,
                                    explanation: "return of \(credit.reference) undone by \(actor): \(reason)", entryID: nil, confidence: nil)
        try await tx.audit("cash.return.undo", subject: "bank-line", id: line.reference, entityID: entity.id, before: ["status": line.status, "credit": credit.reference],
                           after: ["status": "not-a-customer-payment", "credit status": "unapplied", "reason": reason, "reversal": reversals.joined(separator: ","),
                                   "letterings removed": unlettered.joined(separator: ",")])
    }

    /// The memo of a return's line for the bank's fee: undoing it tells the fee by it.
    static let returnFeeMemo = "bank's fee on the return"

    /// The entity's bank account a debit went out of.
    static func bankAccount(of debit: StoredBankLine, entity: EntityRecord, _ tx: Transaction) async throws -> BankAccountRecord {
        guard let bank = try await tx.bankAccounts(entityID: entity.id).first(where: { accountKey($0.details.accountNumber) == accountKey(debit.bankAccount) }) else {
            throw DomainError(field: "reference", "\(debit.bankAccount), the account of \(debit.reference), is not a bank account of \(entity.entity.code)")
        }
        return bank
    }

    /// How many days before a return the credit it takes back may be.
    static let returnWindow = 60

    /// Debits of an import that take back a customer's credit of an earlier day or statement
    /// (`BankReturns`: they say so, same account and amount, a bank item's number both write):
    /// booked as its return. A return that fits several credits alike (or one of payments of the
    /// same text on other days), or one that cannot be booked as it is, is said on the debit for a
    /// person. How many were booked, and how many wait for a person.
    func bookReturns(_ debits: [StoredBankLine], entity: EntityRecord, _ tx: Transaction) async throws -> (booked: Int, toReview: Int) {
        let marked = { (line: StoredBankLine) in line.kind == "reversal" || BankReturns.isReturnCode(line.typeCode) }
        let saying = debits.filter { $0.direction == "debit" && (marked($0) || BankReturns.saysReturn(bankText: $0.text)) }
        guard !saying.isEmpty else { return (0, 0) }
        // Banks return an item within weeks (an ACH return in days, a cheque in one or two): an
        // older credit of the same amount and number is another payment (a monthly one, alike).
        // The credits of the window, every amount: a number several of them write points at none.
        let earliest = saying.map(\.bookingDate).min()!.adding(days: -Self.returnWindow)
        let around = try await tx.bankLines(entityID: entity.id, creditsSince: earliest)
        let amounts = Set(saying.map(\.amount.minorUnits))
        let credits = around.filter { amounts.contains($0.amount.minorUnits) && $0.status != "returned" }
        // Who paid each credit: the same text from two customers is two items, and a return naming another payer is not its.
        let names = try await tx.customers(codes: Set(around.compactMap(\.customer))).mapValues(\.name)
        let movement = { (line: StoredBankLine) in
            BankMovement(reference: line.reference, account: line.bankAccount, amount: line.amount, date: line.bookingDate, text: line.text,
                         payer: line.customer ?? line.payerName, payerWords: [line.payerName, line.customer.flatMap { names[$0] }].compactMap { $0 }.joined(separator: " "),
                         customerReference: line.customerReference, typeCode: line.typeCode)
        }
        // And every customer on file, by name alone: a return naming one who paid nothing lately is still not another's.
        let onFile = try await tx.customerNames().map { customer in
            BankMovement(reference: "", account: "", amount: .zero(saying[0].amount.currency), date: earliest, text: "", payer: customer.code, payerWords: customer.name)
        }
        var found = BankReturns.returned(credits: credits.map(movement), by: saying.map(movement), reversals: Set(saying.indices.filter { marked(saying[$0]) }),
                                         neighbours: around.map(movement) + onFile)
        for (credit, debit) in found.taken {
            let taken = credits[credit], returned = saying[debit]
            // Too old for this return, or one of several payments alike on other days (the same
            // text every month): a person says which.
            let alike = credits.indices.filter { other in
                other != credit && credits[other].amount == taken.amount && Self.accountKey(credits[other].bankAccount) == Self.accountKey(taken.bankAccount)
                    && credits[other].bookingDate != taken.bookingDate && credits[other].bookingDate <= returned.bookingDate && credits[other].text == taken.text
            }
            // Unless the return names it by its own bank reference.
            guard !BankReturns.names(returned.text, reference: taken.reference, debitReference: returned.reference) else { continue }
            if taken.bookingDate.days(until: returned.bookingDate) > Self.returnWindow || !alike.isEmpty {
                found.taken[credit] = nil
                for other in [credit] + alike { found.doubted[other] = debit }
            }
        }
        var booked = 0, toReview = 0
        for (credit, debit) in found.taken.sorted(by: { $0.value < $1.value }) {
            // Read again: a return booked before in this run changed what it names.
            guard let line = try await tx.bankLine(reference: credits[credit].reference, entityID: entity.id)?.line else { continue }
            if let problem = try await Self.returnProblem(saying[debit], of: line, tx) {
                try await tx.updateBankLine(id: saying[debit].id, from: saying[debit].status, to: saying[debit].status, customerID: nil,
                                            explanation: "the return of \(line.reference), not booked: \(problem.message)", entryID: nil, confidence: nil)
                toReview += 1
                continue
            }
            try await bookReturn(saying[debit], of: line, reason: "\"\(saying[debit].text.prefix(80))\"", on: nil, method: "auto", entity: entity, tx)
            booked += 1
        }
        for (debit, alike) in Dictionary(grouping: found.doubted, by: \.value) where !found.taken.values.contains(debit) {
            guard saying[debit].status == "not-a-customer-payment" else { continue }
            let names = alike.map { credits[$0.key].reference }.sorted()
            try await tx.updateBankLine(id: saying[debit].id, from: saying[debit].status, to: saying[debit].status, customerID: nil,
                                        explanation: "takes back one of \(names.joined(separator: ", ")) (alike): a person says which (`o2c cash return \(saying[debit].reference) --of … --reason …`)",
                                        entryID: nil, confidence: nil)
            toReview += 1
        }
        // A return of no credit whole may be one of a credit with the bank's fee added, or one
        // cheque of a deposit: said for a person, not booked (the amounts do not tell alone).
        let settled = Set(found.taken.values).union(found.doubted.values)
        let others = around.filter { $0.status != "returned" }
        for debit in saying.indices where !settled.contains(debit) && saying[debit].status == "not-a-customer-payment" {
            guard let (credit, fee, item) = BankReturns.partHint(for: movement(saying[debit]), among: others.map(movement)) else { continue }
            let line = others[credit], reference = saying[debit].reference
            let charge = fee.map { Money(minorUnits: $0, currency: line.amount.currency).decimalString }
            let command = "`o2c cash return \(reference) --of \(line.reference)" + (item ? " --item" : "") + (charge.map { " --fee \($0)" } ?? "") + " --reason …`"
            let what = item ? "one item of \(line.reference) (its text lists \(Money(minorUnits: saying[debit].amount.minorUnits - (fee ?? 0), currency: line.amount.currency).decimalString))"
                            : line.reference
            try await tx.updateBankLine(id: saying[debit].id, from: saying[debit].status, to: saying[debit].status, customerID: nil,
                                        explanation: "may take back \(what)" + (charge.map { ", with the bank's fee of \($0) added" } ?? "") + ": a person says (\(command))",
                                        entryID: nil, confidence: nil)
            toReview += 1
        }
        return (booked, toReview)
    }
}
