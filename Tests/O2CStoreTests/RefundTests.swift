import Foundation
import Testing
import O2CDomain
import O2CFormats
@testable import O2CStore
import O2CTestSupport
import O2CUseCases

/// Refunds: a debit of the statement pays a customer back the cash a payment left on its account
/// (a duplicate, an over-payment) or the credit left on a credit note.
extension CashApplicationTests {
    static func ledgerBalance(_ account: String, customer: String? = nil, _ books: Books) async throws -> (balance: Int64, functional: Int64) {
        let lines = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).1.filter { $0.accountCode == account && (customer == nil || $0.customerCode == customer) }
        return (lines.reduce(0) { $0 + $1.balance }, lines.reduce(0) { $0 + $1.functionalBalance })
    }

    static func trialBalance(_ account: String, asOf day: String = "2026-12-31", _ books: Books) async throws -> Int64 {
        try await books.trialBalance(asOf: InsertionOrderTests.date(day), entity: nil).rows.first { $0.accountCode == account }?.balance ?? 0
    }

    @Test("Cash a duplicate and an over-payment left on the account is paid back by the debits that refund it: lettered together; undone, it is back on the account", arguments: Backend.allCases)
    func refundsOfCashOnAccount(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2", match: MatchOverrides())
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (495, 100_000, "R001", "WIRE OUT BOREAL SPORTS INC"),
            (475, 5_000, "R002", "CHQ 1042"),
            (495, 7_000, "R003", "WIRE OUT"),
        ])]), fileName: "out.bai2", match: MatchOverrides())
        let bankBefore = try await Self.trialBalance("1010", books)
        #expect(try await Self.ledgerBalance("2150", customer: "BOREAL", books).balance == -100_000, "B004, a duplicate, on BOREAL's account")

        let r001 = try await books.refund("R001", from: [RefundSource(source: "B004", amount: nil)], reason: "duplicate payment of INV-2026-000101", entity: nil)
        #expect(r001.status == "refund" && r001.customer == "BOREAL" && r001.refunds == [CashAllocationRow.Refunded(source: "B004", amount: 100_000)], "\(r001)")
        // The payment paid back is off the worklist of cash to allocate, and says where its cash went.
        let b004 = try await books.cashAllocations(reference: "B004", entity: nil)[0]
        #expect(b004.unapplied == 0 && b004.refunded == 100_000 && b004.left == 0 && b004.explanation?.hasSuffix("; 1000.00 paid back by R001") == true, "\(b004)")
        #expect(try await books.cashAllocations(entity: nil).first { $0.bank_reference == "B004" }?.refunded == 100_000)
        #expect(try await Self.ledgerBalance("2150", customer: "BOREAL", books).balance == 0)
        #expect(try await Self.trialBalance("1010", books) == bankBefore - 100_000, "the money left the bank account")
        _ = try await books.refund("R002", from: [RefundSource(source: "B003", amount: nil)], reason: "over-payment", entity: nil)
        #expect(try await Self.ledgerBalance("2150", customer: "HARBOUR", books).balance == 0)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)

        // What is not a refund is refused, naming the field; nothing is written.
        let refusals: [(String, [RefundSource], String)] = [
            ("R003", [RefundSource(source: "B003", amount: nil)], "nothing of B003 is left"),
            ("R003", [RefundSource(source: "B001", amount: nil)], "nothing of B001 is left"),
            ("R003", [RefundSource(source: "INV-2026-000103", amount: nil)], "no credit left"),
            ("R003", [RefundSource(source: "U001", amount: nil)], "in USD"),
            ("R003", [RefundSource(source: "NOPE", amount: nil)], "neither a bank line"),
            ("R001", [RefundSource(source: "B004", amount: nil)], "booked already"),
            ("B005", [RefundSource(source: "B004", amount: nil)], "money that went out"),
            ("R003", [RefundSource(source: "R001", amount: nil)], "R001 is a debit"),
            ("R003", [RefundSource(source: "B003", amount: Money(minorUnits: 0, currency: .CAD))], "nothing of B003 is left"),
        ]
        for (reference, sources, message) in refusals {
            let error = await #expect(throws: DomainError.self) { try await books.refund(reference, from: sources, reason: "test", entity: nil) }
            #expect(error?.message.contains(message) == true, "\(reference): \(error?.message ?? "")")
        }
        #expect(try await books.cashAllocations(reference: "R003", entity: nil)[0].status == "not-a-customer-payment")

        let run = try await books.letterAccounts(entity: nil)
        #expect(run.lettered.contains { $0.customer == "BOREAL" && $0.items == ["bank-line:B004", "bank-line:R001"] }, "\(run.lettered.map(\.items))")
        #expect(run.lettered.contains { $0.customer == "HARBOUR" && $0.items == ["bank-line:B003", "bank-line:R002", "invoice:INV-2026-000201"] }, "\(run.lettered.map(\.items))")

        // The payment's cash went back: its refund comes off first.
        let first = await #expect(throws: DomainError.self) { try await books.unallocate("B004", reason: "wrong", entity: nil) }
        #expect(first?.message.contains("paid back by R001") == true)
        try await books.unallocate("R001", reason: "the bank returned the wire", entity: nil)
        #expect(try await books.cashAllocations(reference: "R001", entity: nil)[0].status == "not-a-customer-payment")
        #expect(try await books.cashAllocations(reference: "B004", entity: nil)[0].unapplied == 100_000)
        #expect(try await Self.ledgerBalance("2150", customer: "BOREAL", books).balance == -100_000)
        #expect(try await Self.trialBalance("1010", books) == bankBefore - 5_000)
        #expect(try await Self.trialBalance("1010", asOf: "2026-11-20", books) == bankBefore - 5_000, "undone on the day it was booked")
        #expect(try await books.letterings(customer: "BOREAL", entity: nil).first { $0.items.contains("bank-line:R001") }?.removed == true)
        // Booked again, in two parts: the line's cash and nothing more.
        _ = try await books.refund("R001", from: [RefundSource(source: "B004", amount: Money(minorUnits: 100_000, currency: .CAD))], reason: "sent again", entity: nil)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("A credit note's credit paid back: several notes in one debit, to the cent; in USD the credit booked at 1.35 and paid at 1.40 realizes a loss", arguments: Backend.allCases)
    func refundsOfCredit(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importOpenItems(Self.openCredits, fileName: "credits.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        _ = try await books.importBankFile(Self.bai2([
            (account: "006123450001", currency: "CAD", details: [(495, 23_000, "C001", "WIRE OUT BOREAL"), (495, 10_000, "C002", "WIRE OUT HARBOUR")]),
            (account: "006123450002", currency: "USD", details: [(495, 90_000, "U201", "WIRE OUT LIBERTY OUTFITTERS")]),
        ]), fileName: "out.bai2")
        let boreal = try await Self.receivable(of: "BOREAL", asOf: "2026-12-31", books)
        for (sources, message) in [
            ([RefundSource(source: "CM-0451", amount: nil)], "paid out 230.00 and the sources give 150.00"),
            ([RefundSource(source: "CM-0451", amount: nil), RefundSource(source: "CM-0470", amount: Money(minorUnits: 8_000, currency: .CAD))], "pays one customer back"),
            ([RefundSource(source: "CM-0460", amount: Money(minorUnits: 9_000, currency: .CAD)), RefundSource(source: "CM-0451", amount: nil)], "has 80.00 to pay back"),
            ([RefundSource(source: "CM-0451", amount: nil), RefundSource(source: "CM-0451", amount: nil)], "named twice"),
        ] {
            let error = await #expect(throws: DomainError.self) { try await books.refund("C001", from: sources, reason: "test", entity: nil) }
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
        }
        let c001 = try await books.refund("C001", from: [RefundSource(source: "CM-0451", amount: nil), RefundSource(source: "CM-0460", amount: nil)], reason: "rebates paid out", entity: nil)
        #expect(c001.refunds == [CashAllocationRow.Refunded(source: "CM-0451", amount: 15_000), CashAllocationRow.Refunded(source: "CM-0460", amount: 8_000)], "\(c001.refunds)")
        #expect(try await Self.balance("CM-0451", books) == 0)
        #expect(try await Self.balance("CM-0460", books) == 0)
        #expect(try await Self.receivable(of: "BOREAL", asOf: "2026-12-31", books).balance == boreal.balance + 23_000, "the receivable takes the credit back")
        // Part of a note's credit; the rest stays to use.
        _ = try await books.refund("C002", from: [RefundSource(source: "CM-0470", amount: nil)], reason: "part of the credit", entity: nil)
        #expect(try await Self.balance("CM-0470", books) == -15_000)

        let wrongCurrency = await #expect(throws: DomainError.self) { try await books.refund("U201", from: [RefundSource(source: "CM-0470", amount: nil)], reason: "test", entity: nil) }
        #expect(wrongCurrency?.field == "--from" && wrongCurrency?.message.contains("in CAD") == true)
        _ = try await books.refund("U201", from: [RefundSource(source: "CM-0480", amount: nil)], reason: "credit returned", entity: nil)
        #expect(try await Self.balance("CM-0480", books) == 0)
        #expect(try await Self.trialBalance("6910", books) == 4_500, "900.00 USD of credit held 1,215.00 CAD, and 1,260.00 CAD left the bank")
        let liberty = try await Self.receivable(of: "LIBERTY", asOf: "2026-12-31", books)
        #expect(liberty.balance == 80_000 && liberty.functional == 108_000, "INV-2026-000301 alone, at 1.35: \(liberty)")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)

        let run = try await books.letterAccounts(entity: nil)
        #expect(run.lettered.contains { $0.items == ["bank-line:C001", "credit-note:CM-0451", "credit-note:CM-0460"] }, "\(run.lettered.map(\.items)) \(run.partial.map(\.items))")
        #expect(run.partial.contains { $0.items == ["bank-line:C002", "credit-note:CM-0470"] && $0.creditLeft == 15_000 }, "\(run.partial)")
        // Undone: the credit is back, in USD and in CAD.
        try await books.unallocate("U201", reason: "wire returned", entity: nil)
        #expect(try await Self.balance("CM-0480", books) == -90_000)
        #expect(try await Self.trialBalance("6910", books) == 0)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("A refund is of a credit already there, dated in an open month (--date for a debit of a month closed since); a prepayment returned letters with its refund", arguments: Backend.allCases)
    func refundDates(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.dated("261020", [(195, 30_000, "D001", "TUNDRA OUTDOOR DEPOSIT")]), fileName: "oct20.bai2")
        _ = try await books.importBankFile(Self.dated("261028", [(495, 30_000, "W001", "WIRE OUT TUNDRA")]), fileName: "oct28.bai2")
        _ = try await books.importBankFile(Self.dated("261105", [(495, 10_000, "W002", "WIRE OUT")]), fileName: "nov05.bai2")
        _ = try await books.importBankFile(Self.dated("261110", [(195, 10_000, "D002", "TUNDRA OUTDOOR DEPOSIT")]), fileName: "nov10.bai2")
        _ = try await books.allocate("D001", to: [], customer: "TUNDRA", on: InsertionOrderTests.date("2026-10-21"), entity: nil)
        _ = try await books.allocate("D002", to: [], customer: "TUNDRA", entity: nil)
        let again = await #expect(throws: DomainError.self) { try await books.allocate("D002", to: [], customer: "TUNDRA", entity: nil) }
        #expect(again?.message.contains("on TUNDRA's account already") == true, "\(again?.message ?? "")")
        // W002 went out before D002 came in: not its refund.
        let early = await #expect(throws: DomainError.self) { try await books.refund("W002", from: [RefundSource(source: "D002", amount: nil)], reason: "test", entity: nil) }
        #expect(early?.field == "reference" && early?.message.contains("before the credit it would pay back was there") == true, "\(early?.message ?? "")")
        // A debit of October, closed since: dated in an open month.
        try await books.closePeriod(try Period(parsing: "2026-10"), entity: nil)
        let closed = await #expect(throws: DomainError.self) { try await books.refund("W001", from: [RefundSource(source: "D001", amount: nil)], reason: "deposit returned", entity: nil) }
        #expect(closed?.field == "--date" && closed?.message.contains("which is closed") == true, "\(closed?.message ?? "")")
        let tooEarly = await #expect(throws: DomainError.self) {
            try await books.refund("W001", from: [RefundSource(source: "D001", amount: nil)], reason: "deposit returned", on: InsertionOrderTests.date("2026-10-01"), entity: nil)
        }
        #expect(tooEarly?.field == "--date")
        let w001 = try await books.refund("W001", from: [RefundSource(source: "D001", amount: nil)], reason: "deposit returned", on: InsertionOrderTests.date("2026-11-02"), entity: nil)
        #expect(w001.status == "refund")
        // Cash put on the account by hand after the money went out: the refund is dated from then.
        _ = try await books.importBankFile(Self.dated("261112", [(195, 5_000, "D003", "TUNDRA OUTDOOR"), (495, 5_000, "W003", "WIRE OUT")]), fileName: "nov12.bai2")
        _ = try await books.allocate("D003", to: [], customer: "TUNDRA", entity: nil)
        let later = await #expect(throws: DomainError.self) { try await books.refund("W003", from: [RefundSource(source: "D003", amount: nil)], reason: "test", entity: nil) }
        #expect(later?.field == "--date" && later?.message.contains("the books hold the credit from") == true, "\(later?.message ?? "")")
        #expect(try await Self.ledgerBalance("2150", customer: "TUNDRA", books).balance == -15_000, "D002 and D003 still on TUNDRA's account")
        // TUNDRA has no invoice: the deposit and its refund letter each other.
        let run = try await books.letterAccounts(entity: nil)
        #expect(run.lettered.contains { $0.customer == "TUNDRA" && $0.items == ["bank-line:D001", "bank-line:W001"] }, "\(run.lettered.map(\.items))")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("USD cash on an account taken off in parts (a refund, an allocation): the part that empties it takes all the account holds in CAD, no cent stays", arguments: Backend.allCases)
    func foreignCashOnAccountInParts(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        try await books.setExchangeRate(.USD, on: InsertionOrderTests.date("2026-11-21"), rate: try ExactDecimal(parsing: "1.3549"), entity: nil)
        try await books.setExchangeRate(.USD, on: InsertionOrderTests.date("2026-11-24"), rate: try ExactDecimal(parsing: "1.3800"), entity: nil)
        let usd = { (day: String, details: [(type: Int, cents: Int64, ref: String, text: String)]) in
            Data(String(decoding: Self.bai2([(account: "006123450002", currency: "USD", details: details)]), as: UTF8.self).replacingOccurrences(of: "261120", with: day).utf8)
        }
        // 1.01 USD at 1.3549: 1.37 CAD on LIBERTY's account; 0.01 and 1.00 at that rate are 0.01 and 1.35 (half up).
        _ = try await books.importBankFile(usd("261121", [(195, 101, "U501", "LIBERTY OUTFITTERS DEPOSIT"), (195, 202, "U502", "LIBERTY OUTFITTERS DEPOSIT")]), fileName: "u1.bai2")
        _ = try await books.allocate("U501", to: [], customer: "LIBERTY", on: InsertionOrderTests.date("2026-11-21"), entity: nil)
        _ = try await books.allocate("U502", to: [], customer: "LIBERTY", on: InsertionOrderTests.date("2026-11-21"), entity: nil)
        _ = try await books.importBankFile(usd("261124", [(495, 1, "UW01", "WIRE OUT"), (495, 100, "UW02", "WIRE OUT")]), fileName: "u2.bai2")
        _ = try await books.refund("UW01", from: [RefundSource(source: "U501", amount: nil)], reason: "part", entity: nil)
        _ = try await books.refund("UW02", from: [RefundSource(source: "U501", amount: nil)], reason: "the rest", entity: nil)
        // U502 (2.02 USD: 2.74 CAD) used in parts by hand on INV-2026-000301, 0.01 then the rest.
        _ = try await books.allocate("U502", to: [AllocationRequest(invoice: "INV-2026-000301", amount: Money(minorUnits: 1, currency: .USD))], entity: nil)
        _ = try await books.allocate("U502", to: [AllocationRequest(invoice: "INV-2026-000301", amount: Money(minorUnits: 201, currency: .USD))], entity: nil)
        let left = try await Self.ledgerBalance("2150", customer: "LIBERTY", books)
        #expect(left.balance == 0 && left.functional == 0, "nothing on LIBERTY's unapplied cash, in USD or in CAD: \(left)")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("An invoice lettered, then credited and its credit paid back: the old lettering is taken off (audited) and the grown group lettered", arguments: Backend.allCases)
    func letteredThenCreditedAndRefunded(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2", match: MatchOverrides())
        let first = try await books.letterAccounts(entity: nil)
        let paid = try #require(first.lettered.first { $0.items == ["bank-line:B001", "invoice:INV-2026-000101"] }, "\(first.lettered.map(\.items))")
        let note = try await books.creditInvoice("INV-2026-000101", lines: nil, amount: Money(minorUnits: 20_000, currency: .CAD), reason: "goodwill",
                                                 on: InsertionOrderTests.date("2026-11-21"), entity: nil)
        _ = try await books.importBankFile(Data(String(decoding: Self.bai2([(account: "006123450001", currency: "CAD", details: [(495, 20_000, "R010", "WIRE OUT BOREAL")])]),
                                                       as: UTF8.self).replacingOccurrences(of: "261120", with: "261122").utf8), fileName: "out.bai2")
        _ = try await books.refund("R010", from: [RefundSource(source: "INV-2026-000101", amount: nil)], reason: "goodwill paid out", entity: nil)
        let second = try await books.letterAccounts(entity: nil)
        let number = try #require(note.number)
        #expect(second.lettered.contains { $0.items == ["bank-line:B001", "bank-line:R010", "credit-note:\(number)", "invoice:INV-2026-000101"] }, "\(second.lettered.map(\.items)) \(second.partial.map(\.items))")
        #expect(try await books.letterings(customer: "BOREAL", entity: nil).first { $0.code == paid.code }?.removed == true)
    }
}
