import Foundation
import Testing
import O2CDomain
import O2CFormats
@testable import O2CStore
import O2CTestSupport
import O2CUseCases

/// Open credit notes carried over from a previous system: a return or a rebate the customer has
/// not used up, netted by a later payment (`INV-… LESS CM-…`) or moved onto an invoice by hand.
extension CashApplicationTests {
    /// BOREAL's two credit notes (one partly used before) and HARBOUR's one, beside the suite's invoices.
    static let openCredits = Data("""
        customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
        BOREAL,CM-0451,2026-10-15,,CAD,-150.00,-150.00
        BOREAL,CM-0460,2026-10-20,2026-10-20,CAD,-300.00,-80.00
        HARBOUR,CM-0470,2026-10-25,2026-10-25,CAD,-250.00,-250.00
        LIBERTY,CM-0480,2026-10-25,2026-10-25,USD,-900.00,-900.00
        """.utf8)

    /// What a customer's receivable holds on a day: in its currency, and in the functional currency.
    static func receivable(of customer: String, asOf day: String, _ books: Books) async throws -> (balance: Int64, functional: Int64) {
        let lines = try await books.customerBalances(asOf: InsertionOrderTests.date(day), entity: nil).1.filter { $0.customerCode == customer && $0.accountCode == "1100" }
        return (lines.reduce(0) { $0 + $1.balance }, lines.reduce(0) { $0 + $1.functionalBalance })
    }

    static func balance(_ number: String, _ books: Books) async throws -> Int64? {
        try await books.invoiceBalances(period: nil, status: nil, entity: nil).first { $0.invoice.number == number }?.open
    }

    @Test("Open credit notes: imported as credit notes of no invoice with their credit left; the opening entry nets them; again changes nothing", arguments: Backend.allCases)
    func importingOpenCredits(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let summary = try await books.importOpenItems(Self.openCredits, fileName: "credits.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        #expect(summary.added == 0 && summary.credits == 4 && summary.entries.count == 2)
        #expect(try await Self.balance("CM-0451", books) == -15_000)
        #expect(try await Self.balance("CM-0460", books) == -8_000, "what the previous system used of it is settled before")
        let notes = try await books.invoiceBalances(period: nil, status: nil, entity: nil).filter { $0.invoice.number?.hasPrefix("CM-") == true }
        #expect(notes.allSatisfy { $0.invoice.kind == .creditNote && $0.invoice.creditsNumber == nil && $0.invoice.series == "OPEN" })
        // The receivable nets the credit, per customer; USD credits beyond its invoices: equity takes a debit.
        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil)
        #expect(tb.imbalance == 0)
        let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil)
        let owed = { (code: String) in balances.filter { $0.customerCode == code && $0.accountCode == "1100" }.reduce(Int64(0)) { $0 + $1.debit - $1.credit } }
        #expect(owed("BOREAL") == 100_000 + 250_000 + 40_000 - 15_000 - 8_000)
        #expect(owed("HARBOUR") == 500_000 - 25_000)
        let again = try await books.importOpenItems(Self.openCredits, fileName: "credits.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        #expect(again.credits == 0 && again.alreadyImported == 4 && again.entries.isEmpty)
        // A credit note's open amount is between its amount and zero: the file names the line and field, nothing lands.
        let bad = Data("""
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            BOREAL,CM-0490,2026-10-15,2026-10-15,CAD,-150.00,-150.00
            BOREAL,CM-0491,2026-10-15,2026-10-15,CAD,-150.00,-200.00
            BOREAL,CM-0492,2026-10-15,2026-10-15,CAD,-150.00,20.00
            """.utf8)
        let error = await #expect(throws: FileErrors.self) {
            try await books.importOpenItems(bad, fileName: "bad.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        }
        #expect(error?.errors.map { "\($0.location ?? "") \($0.field)" } == ["bad.csv:3 open_amount", "bad.csv:4 open_amount"])
        #expect(try await Self.balance("CM-0490", books) == nil)
        // A number already in the books for another customer, currency or amount is a mistake in
        // the file, not an item imported before: named, and nothing lands.
        let clashing = Data("""
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            BOREAL,CM-0493,2026-10-15,,CAD,-10.00,-10.00
            HARBOUR,CM-0451,2026-10-15,,CAD,-150.00,-150.00
            BOREAL,INV-2026-000101,2026-09-30,2026-10-30,CAD,1000.01,1000.01
            BOREAL,CM-0460,2026-10-20,2026-10-20,USD,-300.00,-80.00
            BOREAL,INV-2026-000102,2026-10-31,2026-11-30,CAD,2500.00,100.00
            """.utf8)
        let clash = await #expect(throws: FileErrors.self) {
            try await books.importOpenItems(clashing, fileName: "clash.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        }
        #expect(clash?.errors.map { "\($0.location ?? "") \($0.field)" } == ["clash.csv:3 customer_code", "clash.csv:4 amount", "clash.csv:5 currency"],
                "the same item with less open since is no clash: \(clash?.errors.map(\.message) ?? [])")
        #expect(try await Self.balance("CM-0493", books) == nil)
    }

    @Test("A payment netting an open credit note (`INV LESS CM`) settles the invoice and uses the credit; un-allocating gives it back; the three are lettered together", arguments: Backend.allCases)
    func paymentNettingCredit(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importOpenItems(Self.openCredits, fileName: "credits.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        _ = try await books.importBankFile(Self.bai2([
            (account: "006123450001", currency: "CAD", details: [
                (195, 85_000, "N001", "BOREAL SPORTS INC INV-2026-000101 LESS CM-0451"),
                (195, 241_000, "N002", "BOREAL SPORTS INV-2026-000102 LESS CREDIT MEMO 0460 80.00 WIRE"),   // 10.00 short: a charge
                (195, 480_000, "N003", "HARBOURFRONT MEDIA AGENCY INV-2026-000201 LESS CREDIT MEMO CM-0470 300.00"),  // more than the note has left: not netted
            ]),
            (account: "006123450002", currency: "USD", details: [
                (195, 50_000, "U101", "LIBERTY OUTFITTERS INV-2026-000301 LESS CM-0480 300.00"),          // part of the credit, in USD
            ]),
        ]), fileName: "n.bai2", match: MatchOverrides())
        let rows = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(rows["N001"]?.status == "applied" && Self.allocated(rows["N001"]) == ["CM-0451=-15000", "INV-2026-000101=100000"], "\(rows["N001"]?.explanation ?? "")")
        #expect(rows["N001"]?.explanation?.contains("credit note CM-0451") == true)
        #expect(rows["N002"]?.status == "applied" && Self.allocated(rows["N002"]) == ["CM-0460=-8000", "INV-2026-000102=250000"], "\(Self.allocated(rows["N002"])) \(rows["N002"]?.explanation ?? "")")
        #expect(rows["N002"]?.fee == 1_000)
        #expect(rows["N003"]?.allocations.contains { $0.invoice.hasPrefix("CM-") } == false, "\(rows["N003"]?.explanation ?? "")")
        #expect(rows["U101"]?.status == "applied" && Self.allocated(rows["U101"]) == ["CM-0480=-30000", "INV-2026-000301=80000"], "\(Self.allocated(rows["U101"])) \(rows["U101"]?.explanation ?? "")")
        for settled in ["CM-0451", "CM-0460", "INV-2026-000101"] { #expect(try await Self.balance(settled, books) == 0, "\(settled)") }
        #expect(try await Self.balance("CM-0480", books) == -60_000, "what the remittance did not take stays to use")
        #expect(try await Self.balance("CM-0470", books) == -25_000)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil).imbalance == 0)
        let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil)
        let owed = balances.filter { $0.customerCode == "BOREAL" && $0.accountCode == "1100" }.reduce(Int64(0)) { $0 + $1.debit - $1.credit }
        #expect(owed == 40_000, "BOREAL owes INV-2026-000103 alone: the receivable gave the credits back as it took the invoices off")

        let run = try await books.letterAccounts(entity: nil)
        #expect(run.lettered.contains { $0.items == ["bank-line:N001", "credit-note:CM-0451", "invoice:INV-2026-000101"] }, "\(run.lettered.map(\.items))")
        // LIBERTY's note keeps credit: its group stays partly open.
        #expect(run.partial.contains { $0.items.contains("credit-note:CM-0480") && $0.open == 0 && $0.creditLeft == 60_000 }, "\(run.partial)")
        #expect(!run.lettered.contains { $0.items.contains("credit-note:CM-0480") })

        try await books.unallocate("N001", reason: "netted the wrong note", entity: nil)
        #expect(try await Self.balance("CM-0451", books) == -15_000)
        #expect(try await Self.balance("INV-2026-000101", books) == 100_000)
        #expect(try await books.letterings(customer: "BOREAL", entity: nil).first { $0.items.contains("credit-note:CM-0451") }?.removed == true)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil).imbalance == 0)
    }

    @Test("By hand: a credit note nets against its customer's invoices allocated with it, or moves onto one invoice; never more than it has left", arguments: Backend.allCases)
    func creditNotesByHand(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importOpenItems(Self.openCredits, fileName: "credits.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 85_000, "H001", "CHQ 5521"),
        ])]), fileName: "h.bai2")
        let cad = { (minor: Int64) in Money(minorUnits: minor, currency: .CAD) }
        await #expect(throws: DomainError.self, "a credit note alone nets nothing") {
            try await books.allocate("H001", to: [AllocationRequest(invoice: "CM-0451", amount: nil)], entity: nil)
        }
        await #expect(throws: DomainError.self, "not against another customer's invoice") {
            try await books.allocate("H001", to: [AllocationRequest(invoice: "CM-0470", amount: nil), AllocationRequest(invoice: "INV-2026-000101", amount: nil)], entity: nil)
        }
        await #expect(throws: DomainError.self, "not more than it has left") {
            try await books.allocate("H001", to: [AllocationRequest(invoice: "CM-0460", amount: cad(-9_000)), AllocationRequest(invoice: "INV-2026-000101", amount: nil)], entity: nil)
        }
        await #expect(throws: DomainError.self, "a credit note nets a negative amount") {
            try await books.allocate("H001", to: [AllocationRequest(invoice: "CM-0451", amount: cad(15_000)), AllocationRequest(invoice: "INV-2026-000101", amount: nil)], entity: nil)
        }
        // Named after the invoice, it still comes first: the invoice carries the charge.
        let row = try await books.allocate("H001", to: [AllocationRequest(invoice: "INV-2026-000101", amount: nil), AllocationRequest(invoice: "CM-0451", amount: nil)],
                                           fee: 0, entity: nil)
        #expect(row.status == "applied" && Self.allocated(row) == ["CM-0451=-15000", "INV-2026-000101=100000"])
        #expect(try await Self.balance("CM-0451", books) == 0)
        // The rest of CM-0460 onto an invoice: nothing posted, the credit moves.
        let entries = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil).rows.map { "\($0.accountCode) \($0.balance)" }
        let moved = try await books.applyCredit(from: "CM-0460", to: "INV-2026-000103", amount: nil, entity: nil).moved
        #expect(moved.minorUnits == 8_000)
        #expect(try await Self.balance("CM-0460", books) == 0)
        #expect(try await Self.balance("INV-2026-000103", books) == 32_000)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil).rows.map { "\($0.accountCode) \($0.balance)" } == entries)
        await #expect(throws: DomainError.self, "used up") {
            try await books.applyCredit(from: "CM-0460", to: "INV-2026-000102", amount: nil, entity: nil)
        }
        let partial = try await books.partialLetterings(customer: "BOREAL", entity: nil)
        #expect(partial.contains { $0.items == ["credit-note:CM-0460", "invoice:INV-2026-000103"] && $0.open == 32_000 }, "\(partial.map(\.items))")
    }

    @Test("A foreign-currency credit note used in parts: the last use takes what is left of it in the functional currency, no cent stays", arguments: Backend.allCases)
    func foreignCreditUsedInParts(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importOpenItems(Data("""
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            LIBERTY,INV-2026-000302,2026-10-31,2026-11-30,USD,500.00,500.00
            LIBERTY,INV-2026-000303,2026-10-31,2026-11-30,USD,600.00,600.00
            LIBERTY,CM-0490,2026-10-25,,USD,-100.01,-100.01
            """.utf8), fileName: "usd.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        _ = try await books.importBankFile(Self.bai2([(account: "006123450002", currency: "USD", details: [
            (195, 80_000 - 3_333, "P001", "LIBERTY OUTFITTERS INV-2026-000301 LESS CM-0490 33.33"),
            (195, 50_000 - 3_334, "P002", "LIBERTY OUTFITTERS INV-2026-000302 LESS CM-0490 33.34"),
            (195, 60_000 - 3_334, "P003", "LIBERTY OUTFITTERS INV-2026-000303 LESS CM-0490"),
        ])]), fileName: "p.bai2", match: MatchOverrides())
        let rows = try await books.cashAllocations(entity: nil)
        #expect(rows.allSatisfy { $0.status == "applied" && $0.allocations.first?.invoice == "CM-0490" }, "\(rows.map { "\($0.bank_reference) \(Self.allocated($0)) \($0.explanation ?? "")" })")
        #expect(try await Self.balance("CM-0490", books) == 0)
        let left = try await Self.receivable(of: "LIBERTY", asOf: "2026-11-30", books)
        #expect(left.balance == 0 && left.functional == 0, "nothing left, in USD or in CAD, on LIBERTY's receivable: \(left)")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil).imbalance == 0)
    }

    @Test("A foreign credit note used on an invoice booked at another rate: the receivable gives up what each holds, the difference is realized; none stays", arguments: Backend.allCases)
    func foreignCreditAcrossRates(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        // INV-2026-000301 (800.00 USD) was booked at 1.35; the note, carried over later, at 1.40.
        _ = try await books.importOpenItems(Data("""
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            LIBERTY,CM-0495,2026-11-20,,USD,-300.00,-300.00
            """.utf8), fileName: "usd.csv", on: InsertionOrderTests.date("2026-11-20"), entity: nil)
        let fxGain = { () async throws -> Int64 in
            try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).rows.first { $0.accountCode == "4910" }.map { -$0.balance } ?? 0
        }
        let first = try await books.applyCredit(from: "CM-0495", to: "INV-2026-000301", amount: "100.00", entity: nil)
        #expect(first.moved.minorUnits == 10_000 && first.exchangeDifference == Money(minorUnits: 500, currency: .CAD) && first.entry != nil)
        #expect(try await fxGain() == 500, "100.00 USD of credit held 140.00 CAD, the invoice's part 135.00: 5.00 realized")
        #expect(try await books.applyCredit(from: "CM-0495", to: "INV-2026-000301", amount: nil, entity: nil).moved.minorUnits == 20_000)
        #expect(try await fxGain() == 1_500)
        #expect(try await Self.balance("CM-0495", books) == 0)
        #expect(try await Self.balance("INV-2026-000301", books) == 50_000)
        // The rest paid at 1.40: the last part relieves what is left of the invoice's 1,080.00 CAD.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450002", currency: "USD", details: [
            (195, 50_000, "F001", "LIBERTY OUTFITTERS INV-2026-000301"),
        ])]), fileName: "f.bai2", match: MatchOverrides())
        #expect(try await Self.balance("INV-2026-000301", books) == 0)
        let left = try await Self.receivable(of: "LIBERTY", asOf: "2026-12-31", books)
        #expect(left.balance == 0 && left.functional == 0, "nothing left on LIBERTY's receivable, in USD or in CAD: \(left)")
        #expect(try await fxGain() == 4_000, "and 25.00 on the cash: 700.00 CAD received for 675.00 left")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
        // Both moves are lettered with the payment that closed the invoice.
        let run = try await books.letterAccounts(entity: nil)
        #expect(run.lettered.contains { $0.items == ["bank-line:F001", "credit-note:CM-0495", "invoice:INV-2026-000301"] }, "\(run.lettered.map(\.items)) \(run.partial.map(\.items))")
    }

    @Test("The small credit left on an open credit note is written off by an approver, within the limit: the receivable takes it back", arguments: Backend.allCases)
    func creditWrittenOff(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importOpenItems(Self.openCredits, fileName: "credits.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        let owed = { () async throws -> Int64 in
            try await books.customerBalances(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).1
                .filter { $0.customerCode == "BOREAL" && $0.accountCode == "1100" }.reduce(Int64(0)) { $0 + $1.balance }
        }
        let before = try await owed()
        let approver = InsertionOrderTests.approver(books)
        await #expect(throws: DomainError.self, "above the write-off limit (100.00)") {
            try await approver.writeOff("CM-0470", reason: "credit nobody will use", entity: nil)
        }
        let written = try await approver.writeOff("CM-0460", reason: "credit nobody will use", entity: nil)
        #expect(written.minorUnits == 8_000)
        #expect(try await Self.balance("CM-0460", books) == 0)
        #expect(try await owed() == before + 8_000, "the receivable takes the credit back")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
        await #expect(throws: DomainError.self, "nothing left") {
            try await approver.writeOff("CM-0460", reason: "again", entity: nil)
        }
    }
}
