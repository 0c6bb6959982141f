import Foundation
import O2CDomain
import O2CStore

extension Books {
    /// Books a debit of the statement as the bank taking back a customer's credit of an earlier
    /// day or statement: a cheque returned NSF, an ACH collection returned, a wire recalled. The
    /// cash did not stay, so what the credit paid is undone (its allocations reversed on the day
    /// the cash left, its invoices open again with their own due dates, their lettering removed)
    /// and the cash leaves: unidentified receipts / the bank account, at the rate the credit came in
    /// at (a bounced item voids its receipt: no exchange difference). `unallocate` of the
    /// debit undoes it. `date` dates it (from the day the bank booked the debit to today, in an
    /// open month); the debit's booking day unless given, or the first day of the first open month
    /// when that day's month is closed.
    public func returnCredit(_ reference: String, of creditReference: String, reason: String, on date: BusinessDate? = nil, entity: String?) async throws -> CashAllocationRow {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "say why the bank took it back (NSF, stopped, recalled)") }
        try await store.write(actor: actor) { tx in
            let (entity, debit) = try await Self.lockedBankLine(reference, entity: entity, tx)
            guard let credit = try await tx.bankLine(reference: creditReference, entityID: entity.id)?.line else {
                throw DomainError(field: "--of", "no bank line \(creditReference) in \(entity.entity.code)")
            }
            if let problem = try await Self.returnProblem(debit, of: credit, tx) { throw problem }
            try await bookReturn(debit, of: credit, reason: reason, on: date, method: "manual", entity: entity, tx)
        }
        return try await cashAllocations(reference: reference, entity: entity)[0]
    }

    /// Why `debit` cannot be the return of `credit`, when it cannot.
    static func returnProblem(_ debit: StoredBankLine, of credit: StoredBankLine, _ tx: Transaction) async throws -> DomainError? {
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
        guard accountKey(credit.bankAccount) == accountKey(debit.bankAccount) else {
            return DomainError(field: "--of", "\(credit.reference) came in on account \(credit.bankAccount), \(debit.reference) went out of \(debit.bankAccount)")
        }
        guard credit.amount == debit.amount else {
            return DomainError(field: "--of", "\(credit.reference) brought \(credit.amount.decimalString) \(credit.amount.currency.code) and \(debit.reference) took \(debit.amount.decimalString) "
                               + "\(debit.amount.currency.code) back: a return takes back the whole item; one cheque of a deposit, or a return with the bank's fee added, "
                               + "is posted by hand (`o2c ledger post`, docs/manual-entry.md)")
        }
        guard credit.bookingDate <= debit.bookingDate else {
            return DomainError(field: "--of", "\(credit.reference) came in on \(credit.bookingDate), after \(debit.reference) went out (\(debit.bookingDate)): it is not what the bank took back")
        }
        return nil
    }

    /// Books `debit` as the return of `credit` (`returnProblem` found nothing against it), by a
    /// person (`manual`) or found at an import (`auto`).
    func bookReturn(_ debit: StoredBankLine, of credit: StoredBankLine, reason: String, on date: BusinessDate?, method: String, entity: EntityRecord, _ tx: Transaction) async throws {
        let closedThrough = try await tx.closedThrough(entityID: entity.id)
        let isOpen = { (day: BusinessDate) in closedThrough.map { day.period > $0 } ?? true }
        let day: BusinessDate
        if let date {
            let today = Self.today(entity)
            guard date >= debit.bookingDate, date <= today else {
                throw DomainError(field: "--date", "a return of \(debit.reference) is dated from \(debit.bookingDate), the day the bank booked it, to today (\(today))")
            }
            guard isOpen(date) else { throw DomainError(field: "--date", "\(date) is in \(date.period), which is closed: date the return in an open month") }
            day = date
        } else {
            day = isOpen(debit.bookingDate) ? debit.bookingDate : closedThrough!.next.firstDay
        }

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
        guard let bank = try await tx.bankAccounts(entityID: entity.id).first(where: { Self.accountKey($0.details.accountNumber) == Self.accountKey(debit.bankAccount) }) else {
            throw DomainError(field: "reference", "\(debit.bankAccount), the account of \(debit.reference), is not a bank account of \(entity.entity.code)")
        }
        // A bounced item voids its receipt: its cash leaves at the rate it came in at, and no
        // exchange difference is realized (the bank account holds in CAD what it held before).
        let currency = debit.amount.currency, functional = entity.entity.functionalCurrency
        var rate = credit.receiptRate
        if currency != functional, rate == nil {
            var rates = RateCache()
            rate = try await rates.rate(currency, on: credit.bookingDate, entity: entity, tx)
        }
        // Valued as its receipt valued it (`valued`), whatever rounding an entry's lines would get.
        let value = rate.map { Self.valued(debit.amount, at: $0, in: functional) }
        let lines: [JournalLineDraft] = [.init(accountCode: suspense, side: .debit, amount: debit.amount, functionalAmount: value, rate: rate, memo: credit.reference),
                                         .init(accountCode: bank.ledgerAccount, side: .credit, amount: debit.amount, functionalAmount: value, rate: rate, memo: debit.reference)]
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
        try await tx.updateBankLine(id: debit.id, from: debit.status, to: "return", customerID: customerID,
                                    explanation: "takes back \(credit.reference) of \(credit.bookingDate)\(credit.customer.map { " (\($0))" } ?? "") — \(by): \(reason)\(open)",
                                    entryID: posted.id, confidence: nil)
        try await tx.audit("cash.return", subject: "bank-line", id: debit.reference, entityID: entity.id,
                           before: ["status": debit.status, "credit": credit.reference, "credit status": credit.status],
                           after: ["credit": credit.reference, "entry": posted.number, "reversals": reversals.joined(separator: ","), "reopened": reopened.joined(separator: ","),
                                   "letterings removed": unlettered.joined(separator: ","), "reason": reason, "method": method])
        // Under the credit as well: whose payment bounced is looked up by the payment.
        try await tx.audit("cash.returned", subject: "bank-line", id: credit.reference, entityID: entity.id, before: ["status": credit.status],
                           after: ["status": "returned", "by": debit.reference, "reopened": reopened.joined(separator: ","), "reason": reason])
    }

    /// Undoes a return booked on a debit line: its entry reversed, its row given a reversing row;
    /// the credit's cash is back in unidentified receipts for a person to allocate (what it paid
    /// before stays undone), the debit a movement to book again.
    func undoReturn(_ line: StoredBankLine, entity: EntityRecord, reason: String, _ tx: Transaction) async throws {
        guard let entryID = try await tx.standingAllocations(bankLineID: line.id).compactMap(\.entryID).first,
              let original = try await tx.entries(entityID: entity.id, ids: [entryID]).first,
              let source = try await tx.allocations(entityID: entity.id, bankLineID: line.id).first(where: { $0.kind == "return" })?.sourceLine,
              let credit = try await tx.bankLine(reference: source, entityID: entity.id)?.line else {
            throw DomainError(field: "reference", "\(line.reference) has no return booked")
        }
        let rows = try await tx.standingAllocations(entryID: entryID)
        let reversal = try await tx.post([try original.reversal(on: try await Self.undoDay(of: original, entity: entity, tx), description: "Reversal of \(original.number): return \(line.reference) undone — \(reason)")],
                                         into: entity, source: .reversal, reversing: [entryID])[0]
        try await tx.reverseAllocations(rows.map(\.id), entryID: reversal.id, reason: reason)
        try await tx.updateBankLine(id: credit.id, from: credit.status, to: "unapplied", customerID: nil,
                                    explanation: "its return \(line.reference) undone by \(actor): \(reason); allocate it by hand", entryID: nil, confidence: nil)
        try await tx.updateBankLine(id: line.id, from: line.status, to: "not-a-customer-payment", customerID: nil,
                                    explanation: "return of \(credit.reference) undone by \(actor): \(reason)", entryID: nil, confidence: nil)
        try await tx.audit("cash.return.undo", subject: "bank-line", id: line.reference, entityID: entity.id, before: ["status": line.status, "credit": credit.reference],
                           after: ["status": "not-a-customer-payment", "credit status": "unapplied", "reason": reason, "reversal": reversal.number])
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
        return (booked, toReview)
    }
}
