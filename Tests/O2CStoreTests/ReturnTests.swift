import Foundation
import Testing
import O2CDomain
import O2CFormats
@testable import O2CStore
import O2CTestSupport
import O2CUseCases

/// Returns: the bank takes back a customer's credit of an earlier statement (a cheque returned
/// NSF, an ACH return, a recalled wire); what it paid is open again and the cash leaves.
extension CashApplicationTests {
    static func dated(_ day: String, account: String = "006123450001", currency: String = "CAD", _ details: [(type: Int, cents: Int64, ref: String, text: String)]) -> Data {
        Data(String(decoding: bai2([(account: account, currency: currency, details: details)]), as: UTF8.self).replacingOccurrences(of: "261120", with: day).utf8)
    }

    @Test("A cheque returned NSF on a later statement is booked at import: its invoice open again, off its lettering, the cash out of the bank; undone, the cash waits to be allocated", arguments: Backend.allCases)
    func returnOnALaterStatement(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2", match: MatchOverrides())
        #expect(try await Self.balance("INV-2026-000101", books) == 0)
        let lettered = try await books.letterAccounts(entity: nil)
        #expect(lettered.lettered.contains { $0.items.contains("bank-line:B001") }, "\(lettered.lettered.map(\.items))")
        let bankBefore = try await Self.trialBalance("1010", books)
        // B005, a transfer, waits there already.
        let suspense = try await Self.trialBalance("2160", books)

        let returns = Self.dated("261124", [(555, 100_000, "R001", "RETURNED ITEM B001 NSF"), (475, 2_500, "R002", "SERVICE CHARGE NOV")])
        let imported = try await books.importBankFile(returns, fileName: "nov24.bai2", match: MatchOverrides())
        #expect(imported.returns == 1 && imported.otherMovements == 2)
        let b001 = try await books.cashAllocations(reference: "B001", entity: nil)[0]
        #expect(b001.status == "returned" && b001.customer == "BOREAL" && b001.returned_by == "R001" && b001.allocations.isEmpty && b001.left == 0, "\(b001)")
        #expect(b001.explanation?.contains("open again: INV-2026-000101") == true, "\(b001.explanation ?? "")")
        let r001 = try await books.cashAllocations(reference: "R001", entity: nil)[0]
        #expect(r001.status == "return" && r001.returns == "B001" && r001.customer == "BOREAL", "\(r001)")
        #expect(try await books.cashAllocations(reference: "R002", entity: nil)[0].status == "not-a-customer-payment", "a bank charge is no return")
        #expect(try await Self.balance("INV-2026-000101", books) == 100_000, "open again: the cheque bounced")
        #expect(try await Self.trialBalance("1010", books) == bankBefore - 100_000, "the money left the bank account")
        #expect(try await Self.trialBalance("2160", books) == suspense, "and nothing more waits in unidentified receipts")
        #expect(try await books.letterings(customer: "BOREAL", entity: nil).first { $0.items.contains("bank-line:B001") }?.removed == true)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
        // In the audit trail under the debit and under the payment that bounced.
        #expect(try await books.auditTrail(subjectType: "bank-line", subjectID: "R001", limit: 10).map(\.action) == ["cash.return"])
        #expect(try await books.auditTrail(subjectType: "bank-line", subjectID: "B001", limit: 10).map(\.action).contains("cash.returned"))
        // The same file again changes nothing.
        let again = try await books.importBankFile(returns, fileName: "nov24-again.bai2", match: MatchOverrides())
        #expect(again.added == 0 && again.returns == 0)

        // The credit's allocations are undone already; the return comes off first.
        let first = await #expect(throws: DomainError.self) { try await books.unallocate("B001", reason: "wrong", entity: nil) }
        #expect(first?.message.contains("taken back by the bank (R001)") == true, "\(first?.message ?? "")")
        try await books.unallocate("R001", reason: "the bank presented it again", entity: nil)
        let undone = try await books.cashAllocations(reference: "B001", entity: nil)[0]
        #expect(undone.status == "unapplied" && undone.customer == nil && undone.left == 100_000, "\(undone)")
        #expect(try await books.cashAllocations(reference: "R001", entity: nil)[0].status == "not-a-customer-payment")
        #expect(try await Self.trialBalance("1010", books) == bankBefore)
        #expect(try await Self.trialBalance("1010", asOf: "2026-11-24", books) == bankBefore, "undone on the day it was booked")
        let early = await #expect(throws: DomainError.self, "its cash waits in unidentified receipts from the 24th") {
            try await books.allocate("B001", to: [AllocationRequest(invoice: "INV-2026-000101", amount: nil)], on: InsertionOrderTests.date("2026-11-21"), entity: nil)
        }
        #expect(early?.message.contains("dated from 2026-11-24") == true, "\(early?.message ?? "")")
        #expect(try await Self.trialBalance("2160", books) == suspense - 100_000, "its cash waits in unidentified receipts")

        // What is not a return is refused, naming the field; nothing is written.
        let refusals: [(String, String, String)] = [
            ("R002", "B001", "took 25.00 CAD back"),
            ("B002", "B001", "brought money in"),
            ("R001", "R002", "R002 is a debit"),
            ("R001", "U001", "came in on account"),
            ("R001", "NOPE", "no bank line NOPE"),
        ]
        for (debit, credit, message) in refusals {
            let error = await #expect(throws: DomainError.self) { try await books.returnCredit(debit, of: credit, reason: "NSF", entity: nil) }
            #expect(error?.message.contains(message) == true, "\(debit) of \(credit): \(error?.message ?? "")")
        }
        // Booked by a person: the cash it waited with leaves.
        let booked = try await books.returnCredit("R001", of: "B001", reason: "NSF, presented twice", entity: nil)
        #expect(booked.status == "return" && booked.returns == "B001")
        #expect(try await Self.trialBalance("2160", books) == suspense)
        #expect(try await Self.trialBalance("1010", asOf: "2026-11-24", books) == bankBefore - 100_000, "booked again: the money left once")
        let twice = await #expect(throws: DomainError.self) { try await books.returnCredit("R002", of: "B001", reason: "NSF", entity: nil) }
        #expect(twice?.message.contains("was taken back already") == true, "\(twice?.message ?? "")")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("A USD wire recalled: its invoice open again at its own rate, the cash out at the rate it came in at, no exchange difference", arguments: Backend.allCases)
    func foreignReturn(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2", match: MatchOverrides())
        #expect(try await Self.balance("INV-2026-000301", books) == 0)
        try await books.setExchangeRate(.USD, on: InsertionOrderTests.date("2026-11-25"), rate: try ExactDecimal(parsing: "1.4500"), entity: nil)
        let loss = try await Self.trialBalance("6910", books), gain = try await Self.trialBalance("4910", books), bank = try await Self.trialBalance("1020", books)
        let imported = try await books.importBankFile(Self.dated("261125", account: "006123450002", currency: "USD", [(552, 80_000, "X001", "WIRE RECALL U001")]), fileName: "recall.bai2")
        #expect(imported.returns == 1)
        #expect(try await Self.balance("INV-2026-000301", books) == 80_000)
        let liberty = try await Self.receivable(of: "LIBERTY", asOf: "2026-12-31", books)
        #expect(liberty.balance == 80_000 && liberty.functional == 108_000, "back at the invoice's own rate, 1.35: \(liberty)")
        // 800.00 USD came in at 1.40 (1,120.00 CAD) and leaves at it, whatever the day's rate (1.45).
        #expect(try await Self.trialBalance("6910", books) == loss)
        #expect(try await Self.trialBalance("4910", books) == gain + 4_000, "the gain its payment realized (1.40 against the invoice's 1.35) undone")
        #expect(try await Self.trialBalance("1020", books) == bank - 112_000)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("USD credits of one day wait in unidentified receipts each at its own value: taken back, allocated or a deposit's rest moved on, no cent of CAD stays", arguments: Backend.allCases)
    func foreignCreditsLeaveNoCent(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        // 100.01 USD at 1.3333 is 133.34 CAD (133.343…), three of them 400.03 (400.029…): the
        // day's total rounded once is a cent more than the credits valued one by one.
        try await books.setExchangeRate(.USD, on: InsertionOrderTests.date("2026-11-26"), rate: try ExactDecimal(parsing: "1.3333"), entity: nil)
        _ = try await books.importOpenItems(Data("customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount\nLIBERTY,INV-2026-000399,2026-10-31,2026-11-30,USD,100.01,100.01\n".utf8),
                                            fileName: "open.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        let suspense = try await Self.trialBalance("2160", books), bank = try await Self.trialBalance("1020", books)
        _ = try await books.importBankFile(Self.dated("261126", account: "006123450002", currency: "USD", [
            (195, 10_001, "W101", "INCOMING WIRE 55501"), (195, 10_001, "W102", "INCOMING WIRE 55502"), (195, 10_001, "W103", "INCOMING WIRE 55503"),
            (175, 20_002, "W104", "BR DEP 2 CHQS: #1001 LIBERTY OUTFITTERS INV-2026-000399 100.01; #1182 100.01"),
        ]), fileName: "usd.bai2", match: MatchOverrides())
        #expect(try await books.cashAllocations(reference: "W104", entity: nil)[0].unapplied == 10_001, "the stranger's cheque waits")
        // The deposit's 200.02 came in at 266.69 CAD, the invoice's cheque moved on at 133.34: 133.35 waits.
        #expect(try await Self.trialBalance("2160", books) == suspense - 3 * 13_334 - 13_335, "each credit waits at its own value")
        #expect(try await Self.trialBalance("1020", books) == bank + 3 * 13_334 + 26_669)
        let returned = try await books.importBankFile(Self.dated("261127", account: "006123450002", currency: "USD", [
            (555, 10_001, "X101", "RETURNED ITEM W101"), (555, 10_001, "X102", "RETURNED ITEM W102"),
        ]), fileName: "usd-returns.bai2", match: MatchOverrides())
        #expect(returned.returns == 2)
        _ = try await books.allocate("W103", to: [], customer: "LIBERTY", entity: nil)
        _ = try await books.allocate("W104", to: [], customer: "LIBERTY", entity: nil)
        #expect(try await Self.trialBalance("2160", books) == suspense, "nothing left in unidentified receipts, in USD nor in CAD")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("One cheque of a branch deposit returned with the bank's fee: what it paid open again, the rest stands; a stranger's cheque from what waited; undone, all of the deposit waits", arguments: Backend.allCases)
    func itemOfADepositReturned(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (175, 565_707, "D001", "BR DEP 00471 3 CHQS: #1001 BOREAL SPORTS INV-2026-000103 400.00; #1182 257.07; #2002 HARBOURFRONT MEDIA AGENCY INV-2026-000201 5,000.00"),
            (195, 250_000, "B010", "BOREAL SPORTS INC INV-2026-000102"),
            (195, 110_000, "B011", "BOREAL SPORTS INC INV-2026-000101"),      // 100.00 over: kept on BOREAL's account
        ])]), fileName: "d.bai2", match: MatchOverrides())
        #expect(Self.allocated(try await books.cashAllocations(reference: "D001", entity: nil)[0]) == ["INV-2026-000103=40000", "INV-2026-000201=500000"])
        _ = try await books.letterAccounts(entity: nil)
        let bank = try await Self.trialBalance("1010", books), fees = try await Self.trialBalance("6100", books)
        #expect(try await Self.trialBalance("2160", books) == -25_707)
        let imported = try await books.importBankFile(Self.dated("261124", [
            (555, 500_750, "R001", "RETURNED ITEM CHQ 2002 NSF INCL FEE 7.50"), (555, 25_707, "R002", "RETURNED ITEM CHQ 1182 NSF"), (555, 251_000, "R003", "RETURNED ITEM B010 NSF FEE 10.00"),
            (555, 10_000, "R004", "RETURNED ITEM"),
        ]), fileName: "r.bai2", match: MatchOverrides())
        #expect(imported.returns == 0 && imported.returnsToReview == 3, "no credit of those amounts: a person books them, told which may fit")
        #expect(try await books.cashAllocations(reference: "R001", entity: nil)[0].explanation?.contains("`o2c cash return R001 --of D001 --item --fee 7.50 --reason …`") == true)
        #expect(try await books.cashAllocations(reference: "R003", entity: nil)[0].explanation?.contains("may take back B010, with the bank's fee of 10.00 added") == true)

        // A debit of less than a credit is one item of it only when a person says so.
        let notSaid = await #expect(throws: DomainError.self) { try await books.returnCredit("R002", of: "D001", reason: "NSF", entity: nil) }
        #expect(notSaid?.message.contains("is said with --item") == true, "\(notSaid?.message ?? "")")
        // Without its fee the debit is no item the deposit paid exactly: the person is asked.
        let unsaid = await #expect(throws: DomainError.self) { try await books.returnCredit("R001", of: "D001", reason: "NSF", item: true, entity: nil) }
        #expect(unsaid?.message.contains("say which invoices the item of 5007.50 CAD paid") == true && unsaid?.message.contains("--fee") == true, "\(unsaid?.message ?? "")")
        let other = await #expect(throws: DomainError.self) { try await books.returnCredit("R001", of: "D001", reason: "NSF", fee: 750, item: true, invoices: ["INV-2026-000102"], entity: nil) }
        #expect(other?.message.contains("D001 paid nothing on INV-2026-000102") == true, "\(other?.message ?? "")")
        let r001 = try await books.returnCredit("R001", of: "D001", reason: "NSF cheque 2002", fee: 750, item: true, entity: nil)
        #expect(r001.status == "return" && r001.returns == "D001" && r001.customer == "HARBOUR", "\(r001)")
        #expect(try await Self.balance("INV-2026-000201", books) == 500_000, "the cheque's invoice is open again")
        #expect(try await Self.balance("INV-2026-000103", books) == 0, "the other cheque's stands")
        #expect(try await Self.trialBalance("1010", books) == bank - 500_750)
        #expect(try await Self.trialBalance("6100", books) == fees + 750, "the bank's fee is a bank charge")
        let letterings = try await books.letterings(customer: nil, entity: nil).filter { $0.items.contains("bank-line:D001") }
        #expect(letterings.filter { !$0.removed }.map(\.customer) == ["BOREAL"], "HARBOUR's lettering is off, BOREAL's stands: \(letterings)")
        // The stranger's cheque: from what the deposit left unidentified.
        _ = try await books.returnCredit("R002", of: "D001", reason: "NSF cheque 1182", item: true, entity: nil)
        #expect(try await Self.trialBalance("2160", books) == 0)
        let d001 = try await books.cashAllocations(reference: "D001", entity: nil)[0]
        #expect(d001.status == "applied" && d001.returned_by == "R001, R002" && Self.allocated(d001) == ["INV-2026-000103=40000"] && d001.left == 0, "\(d001)")
        let whole = await #expect(throws: DomainError.self) { try await books.unallocate("D001", reason: "wrong", entity: nil) }
        #expect(whole?.message.contains("undo that return first") == true, "\(whole?.message ?? "")")

        // A whole credit taken back with the bank's fee on the same debit.
        let r003 = try await books.returnCredit("R003", of: "B010", reason: "NSF", fee: 1_000, entity: nil)
        #expect(r003.status == "return" && r003.explanation?.contains("with the bank's fee of 10.00") == true, "\(r003)")
        #expect(try await Self.balance("INV-2026-000102", books) == 250_000)
        #expect(try await Self.trialBalance("6100", books) == fees + 1_750)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)

        // An item of a payment whose excess waits on the customer's account: from there.
        #expect(try await Self.ledgerBalance("2150", customer: "BOREAL", books).balance == -10_000)
        let r004 = try await books.returnCredit("R004", of: "B011", reason: "second cheque NSF", item: true, entity: nil)
        #expect(r004.status == "return" && r004.customer == "BOREAL", "\(r004)")
        #expect(try await Self.ledgerBalance("2150", customer: "BOREAL", books).balance == 0)
        #expect(try await books.cashAllocations(reference: "B011", entity: nil)[0].left == 0)
        #expect(try await Self.balance("INV-2026-000101", books) == 0, "the invoice stays paid")

        // Undoing one item's return undoes the other's and all the deposit paid: its cash waits whole.
        try await books.unallocate("R002", reason: "the bank presented it again", entity: nil)
        for debit in ["R001", "R002"] { #expect(try await books.cashAllocations(reference: debit, entity: nil)[0].status == "not-a-customer-payment") }
        let waiting = try await books.cashAllocations(reference: "D001", entity: nil)[0]
        #expect(waiting.status == "unapplied" && waiting.left == 565_707 && waiting.returned_by == nil, "\(waiting)")
        #expect(try await Self.balance("INV-2026-000103", books) == 40_000)
        #expect(try await Self.trialBalance("2160", books) == -565_707)
        #expect(try await Self.trialBalance("1010", books) == bank - 261_000, "B010's and B011's returns stand")
        #expect(try await Self.trialBalance("1010", asOf: "2026-11-24", books) == bank - 261_000, "undone on the day they were booked")
        #expect(try await Self.trialBalance("6100", books) == fees + 1_000)
        #expect(try await books.letterings(customer: nil, entity: nil).filter { $0.items.contains("bank-line:D001") && !$0.removed }.isEmpty)
        // Booked again from the deposit waiting whole; what is left allocated by hand.
        _ = try await books.returnCredit("R002", of: "D001", reason: "NSF", item: true, entity: nil)
        _ = try await books.returnCredit("R001", of: "D001", reason: "NSF", fee: 750, item: true, entity: nil)
        let rest = try await books.allocate("D001", to: [AllocationRequest(invoice: "INV-2026-000103", amount: nil)], entity: nil)
        #expect(rest.status == "applied" && rest.left == 0 && Self.allocated(rest) == ["INV-2026-000103=40000"], "\(rest)")
        let more = await #expect(throws: DomainError.self) { try await books.returnCredit("R003", of: "D001", reason: "NSF", item: true, entity: nil) }
        #expect(more?.message.contains("booked already") == true, "\(more?.message ?? "")")
        #expect(try await Self.trialBalance("2160", books) == 0)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("Items returned that took all a credit paid, undone: all of it waits again; not undone over a refund of its cash; dated from the day its cash last moved", arguments: Backend.allCases)
    func itemReturnsUndoneAndDated(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (115, 140_000, "L001", "LOCKBOX 2 CHQS: #501 BOREAL SPORTS INV-2026-000101 1,000.00; #502 BOREAL SPORTS INV-2026-000103 400.00"),
            (195, 260_000, "K001", "BOREAL SPORTS INC INV-2026-000102"),          // 100.00 over: kept on BOREAL's account
            (195, 50_000, "M001", "DEPOSIT"),
            (195, 30_000, "N001", "DEPOSIT"),
        ])]), fileName: "l.bai2", match: MatchOverrides())
        #expect(Self.allocated(try await books.cashAllocations(reference: "L001", entity: nil)[0]) == ["INV-2026-000101=100000", "INV-2026-000103=40000"])
        let suspense = try await Self.trialBalance("2160", books)
        _ = try await books.importBankFile(Self.dated("261124", [
            (555, 100_000, "R001", "RETURNED ITEM CHQ 501"), (555, 40_000, "R002", "RETURNED ITEM CHQ 502"), (555, 5_000, "R003", "RETURNED ITEM"),
            (495, 5_000, "W001", "WIRE OUT BOREAL REFUND"), (555, 20_000, "R004", "RETURNED ITEM"), (555, 30_000, "R005", "RETURNED ITEM"),
        ]), fileName: "r.bai2", match: MatchOverrides())
        // Both items of L001: all it paid is open again; undone, all of it waits in unidentified receipts.
        _ = try await books.returnCredit("R001", of: "L001", reason: "NSF", item: true, invoices: ["INV-2026-000101"], entity: nil)
        _ = try await books.returnCredit("R002", of: "L001", reason: "NSF", item: true, invoices: ["INV-2026-000103"], entity: nil)
        try await books.unallocate("R001", reason: "presented again", entity: nil)
        #expect(try await books.cashAllocations(reference: "L001", entity: nil)[0].left == 140_000)
        #expect(try await Self.trialBalance("2160", books) == suspense - 140_000, "its cash is where the worklist says")
        var open: Int64 = 0
        for invoice in ["INV-2026-000101", "INV-2026-000102", "INV-2026-000103"] { open += try await Self.balance(invoice, books) ?? 0 }
        let receivable = try await Self.ledgerBalance("1100", customer: "BOREAL", books).balance
        #expect(open == 140_000 && receivable == open, "the receivable is what the invoices leave open")
        // An item of K001's cash on the account, then a refund of the rest: the return is undone only after the refund.
        _ = try await books.returnCredit("R003", of: "K001", reason: "NSF", item: true, entity: nil)
        _ = try await books.refund("W001", from: [RefundSource(source: "K001", amount: nil)], reason: "the rest paid back", entity: nil)
        let refunded = await #expect(throws: DomainError.self) { try await books.unallocate("R003", reason: "wrong", entity: nil) }
        #expect(refunded?.message.contains("paid back by W001: undo that refund first") == true, "\(refunded?.message ?? "")")
        // M001 allocated by hand after the bank took an item back: the return is dated from the allocation, not before it.
        let before = try await Self.trialBalance("1100", asOf: "2026-11-24", books)
        _ = try await books.allocate("M001", to: [AllocationRequest(invoice: "INV-2026-000201", amount: Money(minorUnits: 20_000, currency: .CAD))], entity: nil)
        _ = try await books.returnCredit("R004", of: "M001", reason: "NSF", item: true, invoices: ["INV-2026-000201"], entity: nil)
        #expect(try await Self.trialBalance("1100", asOf: "2026-11-24", books) == before, "as of the bank's day the allocation was not there to undo")
        try await books.unallocate("R004", reason: "again", entity: nil)
        let early = await #expect(throws: DomainError.self) {
            try await books.returnCredit("R004", of: "M001", reason: "NSF", on: InsertionOrderTests.date("2026-11-24"), item: true, entity: nil)
        }
        #expect(early?.message.contains("cash last moved in the books") == true, "\(early?.message ?? "")")
        // A whole credit allocated by hand after the bank took it back: its cash leaves on the bank's day, the allocation is undone on its own.
        let bank = try await Self.trialBalance("1010", asOf: "2026-11-24", books), waiting = try await Self.trialBalance("2160", asOf: "2026-11-24", books)
        _ = try await books.allocate("N001", to: [AllocationRequest(invoice: "INV-2026-000201", amount: Money(minorUnits: 30_000, currency: .CAD))], entity: nil)
        _ = try await books.returnCredit("R005", of: "N001", reason: "NSF", entity: nil)
        #expect(try await Self.trialBalance("1010", asOf: "2026-11-24", books) == bank - 30_000, "the bank's day, as its statement")
        #expect(try await Self.trialBalance("2160", asOf: "2026-11-24", books) == waiting + 30_000, "out of unidentified receipts, where it was that day")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("A return of a month closed since is booked in the first open month; one that fits two credits alike waits for a person", arguments: Backend.allCases)
    func returnDatesAndDoubts(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.dated("261028", [(195, 40_000, "K001", "BOREAL SPORTS INC CHQ 5120 INV-2026-000103")]), fileName: "oct28.bai2", match: MatchOverrides())
        try await books.closePeriod(try Period(parsing: "2026-10"), entity: nil)
        let late = try await books.importBankFile(Self.dated("261030", [(555, 40_000, "K002", "RETURNED ITEM CHQ 5120 NSF")]), fileName: "oct30.bai2")
        #expect(late.returns == 1)
        #expect(try await Self.balance("INV-2026-000103", books) == 40_000)
        let entry = try await books.cashAllocations(reference: "K002", entity: nil)[0]
        #expect(entry.status == "return")
        let dates = try await books.journal(entity: nil).1
            .filter { $0.description.contains("K002") || $0.description.contains("K001 taken back") }.map(\.date.description)
        #expect(!dates.isEmpty && dates.allSatisfy { $0 == "2026-11-01" }, "\(dates)")
        // Two payments alike of a batch, one returned: neither taken back without a person.
        _ = try await books.importBankFile(Self.dated("261110", [
            (195, 50_000, "H001", "HARBOURFRONT MEDIA ACH BATCH 40012 INV-2026-000201 PART 1"),
            (195, 50_000, "H002", "HARBOURFRONT MEDIA ACH BATCH 40012 INV-2026-000201 PART 2"),
        ]), fileName: "nov10.bai2", match: MatchOverrides())
        let doubted = try await books.importBankFile(Self.dated("261112", [(557, 50_000, "H003", "ACH RETURN R01 BATCH 40012")]), fileName: "nov12.bai2")
        #expect(doubted.returns == 0)
        let h003 = try await books.cashAllocations(reference: "H003", entity: nil)[0]
        #expect(h003.status == "not-a-customer-payment" && h003.explanation?.contains("takes back one of H001, H002") == true, "\(h003)")
        let dated = await #expect(throws: DomainError.self) {
            try await books.returnCredit("H003", of: "H002", reason: "R01", on: InsertionOrderTests.date("2026-11-11"), entity: nil)
        }
        #expect(dated?.field == "--date", "\(dated?.message ?? "")")
        let open = try await Self.balance("INV-2026-000201", books) ?? 0
        _ = try await books.returnCredit("H003", of: "H002", reason: "R01 insufficient funds, the second part", entity: nil)
        #expect(try await books.cashAllocations(reference: "H001", entity: nil)[0].status == "applied")
        #expect(try await books.cashAllocations(reference: "H002", entity: nil)[0].status == "returned")
        #expect(try await Self.balance("INV-2026-000201", books) == open + 50_000)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("Payments alike of other days (the same text every month): a return of one waits for a person; a credit of more than 60 days before is no return's; a return's type code says it", arguments: Backend.allCases)
    func returnsOfPaymentsAlike(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.dated("261001", [(195, 40_000, "M001", "BOREAL SPORTS INC ACH 7781")]), fileName: "oct01.bai2")
        _ = try await books.importBankFile(Self.dated("261020", [(195, 40_000, "M002", "BOREAL SPORTS INC ACH 7781")]), fileName: "oct20.bai2")
        let alike = try await books.importBankFile(Self.dated("261121", [(557, 40_000, "M003", "ACH RETURN R01 7781")]), fileName: "nov21.bai2")
        #expect(alike.returns == 0)
        let m003 = try await books.cashAllocations(reference: "M003", entity: nil)[0]
        #expect(m003.status == "not-a-customer-payment" && m003.explanation?.contains("takes back one of M001, M002") == true, "\(m003)")
        // Named by its bank reference: that one.
        _ = try await books.importBankFile(Self.dated("261122", [(557, 40_000, "M004", "ACH RETURN R01 7781 M001")]), fileName: "nov22.bai2")
        #expect(try await books.cashAllocations(reference: "M001", entity: nil)[0].returned_by == "M004")
        // A cheque of August and a return of November with its number: another cheque, not taken back.
        _ = try await books.importBankFile(Self.dated("260801", [(195, 77_700, "M011", "HARBOURFRONT MEDIA CHQ 99123")]), fileName: "aug01.bai2")
        let old = try await books.importBankFile(Self.dated("261121", [(555, 77_700, "M012", "RETURNED ITEM CHQ 99123 NSF")]), fileName: "nov21b.bai2")
        #expect(old.returns == 0)
        #expect(try await books.cashAllocations(reference: "M011", entity: nil)[0].status != "returned")
        // The bank's type code says it (555, deposited item returned) where its text does not.
        _ = try await books.importBankFile(Self.dated("261101", [(195, 12_300, "M021", "TUNDRA OUTDOOR CHQ 31337")]), fileName: "nov01.bai2")
        let coded = try await books.importBankFile(Self.dated("261121", [(555, 12_300, "M022", "CHQ 31337"), (567, 1_500, "M023", "CHQ 31337")]), fileName: "nov21c.bai2")
        #expect(coded.returns == 1)
        #expect(try await books.cashAllocations(reference: "M021", entity: nil)[0].returned_by == "M022")
        // A return naming another customer on file, who paid nothing lately: not this customer's cheque of that number.
        _ = try await books.importBankFile(Self.dated("261102", [(195, 45_600, "M031", "BOREAL SPORTS INC CHQ 4777")]), fileName: "nov02.bai2")
        let other = try await books.importBankFile(Self.dated("261121", [(555, 45_600, "M032", "RETURNED ITEM HARBOURFRONT MEDIA AGENCY CHQ 4777")]), fileName: "nov21d.bai2")
        #expect(other.returns == 0)
        #expect(try await books.cashAllocations(reference: "M031", entity: nil)[0].status != "returned")
    }
}
