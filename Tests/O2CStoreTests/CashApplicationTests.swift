import Foundation
import Testing
import O2CDomain
import O2CFormats
@testable import O2CStore
import SQLKit
import O2CTestSupport
import O2CUseCases

@Suite("Cash application on SQLite and PostgreSQL")
struct CashApplicationTests {
    /// Given the IO suite's customers, a CAD and a USD bank account, and open invoices of BOREAL
    /// (CAD) and LIBERTY (USD, booked at 1.3500).
    static func books(_ backend: Backend, test: String = #function) async throws -> (Books, TestDatabase)? {
        guard let (books, database) = try await InsertionOrderTests.books(backend, test: test) else { return nil }
        try await books.addBankAccount(BankDetails(bankName: "BNC", accountHolder: "Test", accountNumber: "006-12345-0001", routing: nil, bic: nil, currency: .CAD),
                                       ledgerAccount: "1010", onInvoices: true, entity: nil)
        try await books.addBankAccount(BankDetails(bankName: "BNC", accountHolder: "Test", accountNumber: "006-12345-0002", routing: nil, bic: nil, currency: .USD),
                                       ledgerAccount: "1020", onInvoices: true, entity: nil)
        try await books.setExchangeRate(.USD, on: InsertionOrderTests.date("2026-11-01"), rate: try ExactDecimal(parsing: "1.3500"), entity: nil)
        try await books.setExchangeRate(.USD, on: InsertionOrderTests.date("2026-11-20"), rate: try ExactDecimal(parsing: "1.4000"), entity: nil)
        let open = """
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            BOREAL,INV-2026-000101,2026-09-30,2026-10-30,CAD,1000.00,1000.00
            BOREAL,INV-2026-000102,2026-10-31,2026-11-30,CAD,2500.00,2500.00
            BOREAL,INV-2026-000103,2026-10-31,2026-11-30,CAD,400.00,400.00
            HARBOUR,INV-2026-000201,2026-10-31,2026-12-15,CAD,5650.00,5000.00
            LIBERTY,INV-2026-000301,2026-10-31,2026-11-30,USD,800.00,800.00
            """
        _ = try await books.importOpenItems(Data(open.utf8), fileName: "open.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        return (books, database)
    }

    /// A BAI2 file of credits (type 195) and one debit (475), control totals computed.
    static func bai2(_ lines: [(account: String, currency: String, details: [(type: Int, cents: Int64, ref: String, text: String)])]) -> Data {
        var records = ["01,SENDER,RECEIVER,261120,0600,1,80,,2/", "02,RECEIVER,BANK,1,261120,2359,,2/"]
        var groupTotal: Int64 = 0
        var groupRecords = 1
        for account in lines {
            var accountTotal: Int64 = 0
            var accountRecords = ["03,\(account.account),\(account.currency),/"]
            for d in account.details {
                accountRecords.append("16,\(d.type),\(d.cents),0,\(d.ref),,\(d.text)")
                accountTotal += d.cents
            }
            accountRecords.append("49,\(accountTotal),\(accountRecords.count + 1)/")
            records += accountRecords
            groupTotal += accountTotal
            groupRecords += accountRecords.count
        }
        records.append("98,\(groupTotal),\(lines.count),\(groupRecords + 1)/")
        records.append("99,\(groupTotal),1,\(records.count + 1)/")
        return Data(records.joined(separator: "\n").utf8)
    }

    static let statement = bai2([
        (account: "006123450001", currency: "CAD", details: [
            (195, 100_000, "B001", "BOREAL SPORTS INC INV-2026-000101"),
            (195, 248_500, "B002", "BOREAL SPORTS FACT 2026-102 WIRE"),              // short 15.00: a fee
            (195, 505_000, "B003", "HARBOURFRONT MEDIA AGENCY INV2026000201"),        // 50.00 over: excess unapplied
            (195, 100_000, "B004", "BOREAL SPORTS INC INV-2026-000101 DUPLICATE"),   // already paid
            (195, 12_345, "B005", "INTERNAL TRANSFER FROM ACCOUNT 0042"),
            (475, 5_000, "B006", "SERVICE CHARGE"),
        ]),
        (account: "006123450002", currency: "USD", details: [
            (195, 80_000, "U001", "LIBERTY OUTFITTERS INV-2026-000301"),            // booked at 1.35, received at 1.40
        ]),
    ])

    static func allocated(_ row: CashAllocationRow?) -> [String] { row?.allocations.map { "\($0.invoice)=\($0.amount)" } ?? [] }

    @Test("Import: every line kept, credits posted, the same lines again change nothing; bad files change nothing", arguments: Backend.allCases)
    func importing(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let first = try await books.importBankFile(Self.statement, fileName: "stmt.bai2")
        #expect(first.added == 7 && first.credits == 6 && first.otherMovements == 1)
        let again = try await books.importBankFile(Self.statement, fileName: "stmt-copy.bai2")
        #expect(again.added == 0 && again.alreadyImported == 7)
        // The receipts sit in unidentified receipts until matched.
        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-20"), entity: nil)
        let received: Int64 = 100_000 + 248_500 + 505_000 + 100_000 + 12_345 + 112_000  // USD 800.00 at 1.40
        #expect(tb.rows.first { $0.accountCode == "2160" }?.balance == -received)
        // A wrong control total, an unknown account: refused, nothing written.
        var text = String(decoding: Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 1_000, "X001", "NEW")])]), as: UTF8.self)
        text = text.replacingOccurrences(of: "49,1000,", with: "49,1001,")
        await #expect(throws: DomainError.self) { try await books.importBankFile(Data(text.utf8), fileName: "bad.bai2") }
        let unknown = await #expect(throws: DomainError.self) {
            try await books.importBankFile(Self.bai2([(account: "999", currency: "CAD", details: [(195, 1_000, "X002", "NEW")])]), fileName: "other.bai2")
        }
        #expect(unknown?.message.contains("bank account 999 is not known") == true)
        // One account, however a file writes it: not twice; blanks as some banks write it (`88888888 600004`).
        let twice = await #expect(throws: DomainError.self) {
            try await books.addBankAccount(BankDetails(bankName: "BNC", accountHolder: "Test", accountNumber: "006123450001", routing: nil, bic: nil, currency: .CAD),
                                           ledgerAccount: "1010", onInvoices: false, entity: nil)
        }
        #expect(twice?.message.contains("known already, as 006-12345-0001") == true)
        try await books.addBankAccount(BankDetails(bankName: "NatWest", accountHolder: "Test", accountNumber: "88888888 600004", routing: nil, bic: nil, currency: .CAD),
                                       ledgerAccount: "1010", onInvoices: false, entity: nil)
        #expect(try await books.cashAllocations(entity: nil).count == 7)
        // The same reference with another amount: the file is refused, naming the line.
        let conflict = await #expect(throws: DomainError.self) {
            try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 999_999, "B001", "SOMEONE ELSE")])]), fileName: "conflict.bai2")
        }
        #expect(conflict?.message.contains("bank reference B001 was imported before") == true && conflict?.location == "conflict.bai2:4")
        // A credit of a closed month: refused, naming the line. A month not ended yet is not closed.
        let early = await #expect(throws: DomainError.self) { try await books.closePeriod(try Period(parsing: "2999-01"), entity: nil) }
        #expect(early?.message.contains("a month is closed once it has ended") == true, "\(early?.message ?? "")")
        try await books.closePeriod(try Period(parsing: "2026-10"), entity: nil)
        let closed = await #expect(throws: DomainError.self) {
            try await books.importBankFile(Self.dated("261030", [(195, 1_000, "X003", "LATE")]), fileName: "late.bai2")
        }
        #expect(closed?.location == "late.bai2:4" && closed?.message.contains("closed") == true, "\(String(describing: closed))")
    }

    @Test("Lines without a bank reference: one file's lines are never duplicates of each other; another file's are recognised by format and words", arguments: Backend.allCases)
    func linesWithoutReference(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        // One account in two blocks of a file, each with a 1,000.00 credit of another payer.
        let blocks = Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 100_000, "", "BOREAL SPORTS INV-2026-000101")]),
                                (account: "006123450001", currency: "CAD", details: [(195, 100_000, "", "HARBOURFRONT MEDIA AGENCY")])])
        #expect(try await books.importBankFile(blocks, fileName: "blocks.bai2").added == 2)
        #expect(try await books.importBankFile(blocks, fileName: "blocks-copy.bai2").alreadyImported == 2)
        // The same day and amount in another file of the format, with other words: another payment.
        let afternoon = Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 100_000, "", "NORTHWIND TRADING PMT")])])
        let pm = try await books.importBankFile(afternoon, fileName: "pm.bai2")
        #expect(pm.added == 1 && pm.alreadyImported == 0)
        #expect(try await books.importBankFile(afternoon, fileName: "pm-again.bai2").added == 0)
        #expect(Set(try await books.cashAllocations(entity: nil).map(\.text)) == ["BOREAL SPORTS INV-2026-000101", "HARBOURFRONT MEDIA AGENCY", "NORTHWIND TRADING PMT"])
        // The statement with its references, then the same lines with none: recognised.
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2")
        let stripped = String(decoding: Self.statement, as: UTF8.self).replacingOccurrences(of: #",(B00\d|U001),"#, with: ",,", options: .regularExpression)
        let again = try await books.importBankFile(Data(stripped.utf8), fileName: "stmt-no-refs.bai2")
        #expect(again.added == 0 && again.alreadyImported == 7)
    }

    @Test("Match: references, fee, excess, duplicate, not a customer payment, FX; the receivable ties to what is open", arguments: Backend.allCases)
    func matching(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2")
        let summary = try await books.matchCash(entity: nil)
        let counts: [Int] = [summary.lines, summary.applied, summary.proposed, summary.unapplied, summary.notCustomerPayments]
        #expect(counts == [6, 4, 0, 1, 1])
        let rows = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(Self.allocated(rows["B001"]) == ["INV-2026-000101=100000"])
        #expect(Self.allocated(rows["B002"]) == ["INV-2026-000102=250000"] && rows["B002"]?.fee == 1_500)
        #expect(Self.allocated(rows["B003"]) == ["INV-2026-000201=500000"] && rows["B003"]?.unapplied == 5_000)
        #expect(rows["B004"]?.status == "unapplied" && rows["B004"]?.customer == "BOREAL" && rows["B004"]?.unapplied == 100_000)
        #expect(rows["B005"]?.status == "not-a-customer-payment" && rows["B005"]?.allocations.isEmpty == true)
        #expect(rows["B006"]?.direction == "debit" && rows["B006"]?.status == "not-a-customer-payment")
        #expect(Self.allocated(rows["U001"]) == ["INV-2026-000301=80000"])
        for row in rows.values { #expect(row.explanation?.isEmpty == false, "\(row.bank_reference) says why") }

        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil)
        #expect(tb.imbalance == 0)
        // The fee is a bank charge; USD booked at 1.35 and received at 1.40: a gain of 40.00 CAD.
        #expect(tb.rows.first { $0.accountCode == "6100" }?.balance == 1_500)
        #expect(tb.rows.first { $0.accountCode == "4910" }?.balance == -4_000)
        // Only what matched nobody stays in unidentified receipts.
        #expect(tb.rows.first { $0.accountCode == "2160" }?.balance == -12_345)
        // The receivable of each customer equals its open invoices.
        let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil)
        let store = books.store
        let open = try await store.read { tx in try await tx.openItems(entityID: try await tx.entity(code: "CA01")!.id) }
        for customer in ["BOREAL", "HARBOUR", "LIBERTY"] {
            let ar = balances.filter { $0.customerCode == customer && $0.accountCode == "1100" }.reduce(Int64(0)) { $0 + $1.debit - $1.credit }
            let items = open.filter { $0.item.customer == customer }
            let expected = items.reduce(Int64(0)) { $0 + $1.item.open }
            #expect(ar == expected, "\(customer): receivable \(ar), open items \(expected)")
        }
        #expect(open.map(\.item.number) == ["INV-2026-000103"])
        // Nothing is matched twice.
        #expect(try await books.matchCash(entity: nil).lines == 0)
    }

    @Test("Import with --match decides and books what import then `cash match` would, lines left waiting before included", arguments: Backend.allCases)
    func matchingAtImport(_ backend: Backend) async throws {
        guard let (apart, _) = try await Self.books(backend, test: "matchingAtImport-apart"),
              let (together, _) = try await Self.books(backend, test: "matchingAtImport-together") else { return }
        defer { Task { await apart.store.close(); await together.store.close() } }
        _ = try await apart.importBankFile(Self.statement, fileName: "stmt.bai2")
        _ = try await apart.matchCash(entity: nil)
        // B001 came in an earlier file and waits; the statement brings the rest and matches both.
        _ = try await together.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 100_000, "B001", "BOREAL SPORTS INC INV-2026-000101")])]),
                                              fileName: "early.bai2")
        let imported = try await together.importBankFile(Self.statement, fileName: "stmt.bai2", match: MatchOverrides())
        #expect(imported.added == 6 && imported.alreadyImported == 1)
        let counts = imported.match.map { [$0.lines, $0.applied, $0.proposed, $0.unapplied, $0.notCustomerPayments] }
        #expect(counts == [6, 4, 0, 1, 1])
        #expect(try await together.cashAllocations(entity: nil) == (try await apart.cashAllocations(entity: nil)))
        let day = InsertionOrderTests.date("2026-11-30")
        let balances = { (books: Books) in try await books.trialBalance(asOf: day, entity: nil).rows.map { "\($0.accountCode) \($0.balance)" } }
        #expect(try await balances(together) == (try await balances(apart)))
        #expect(try await together.matchCash(entity: nil).lines == 0)
        // Importing the same file again with --match changes nothing and matches nothing.
        let again = try await together.importBankFile(Self.statement, fileName: "stmt.bai2", match: MatchOverrides())
        #expect(again.added == 0 && (again.match?.lines ?? 0) == 0)
        // A file imported without --match, then again with it: its lines left waiting are matched.
        let usd = Self.bai2([(account: "006123450002", currency: "USD", details: [(195, 10_000, "U777", "NOBODY WE KNOW")])])
        _ = try await together.importBankFile(usd, fileName: "usd.bai2")
        let late = try await together.importBankFile(usd, fileName: "usd.bai2", match: MatchOverrides())
        #expect(late.added == 0 && late.match?.lines == 1)
    }

    @Test("A USD invoice paid in parts: the part that settles it relieves what is left of its receivable in CAD, to the cent", arguments: Backend.allCases)
    func foreignPartPayments(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        // INV-2026-000301 (800.00 USD) and INV-2026-000302 (800.00 USD) were booked at 1.3500:
        // 1,080.00 CAD each. Parts of 350.01 relieve 472.51 at that rate, 100.01 relieve 135.01,
        // so rounding each part leaves or takes a cent that the last part must not.
        let migrated = try await books.importOpenItems(Data("""
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            LIBERTY,INV-2026-000302,2026-10-31,2026-11-30,USD,800.00,800.00
            LIBERTY,INV-2026-000303,2026-10-31,2026-11-30,USD,0.00,0.00
            LIBERTY,INV-2026-000304,2026-10-31,2026-11-30,USD,120.00,0.00
            """.utf8), fileName: "open-302.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        #expect(migrated.added == 1 && migrated.settled == 1 && migrated.nothingOpen == 1, "an export may list settled invoices (recorded as paid) and empty ones (skipped)")
        let liberty = "LIBERTY OUTFITTERS"
        // Two parts of 000301 in one run, the rest written off; three parts of 000302, the last in a later run.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450002", currency: "USD", details: [
            (195, 35_001, "P001", "\(liberty) INV-2026-000301"), (195, 35_001, "P002", "\(liberty) INV-2026-000301 2ND PMT"),
            (195, 10_001, "P003", "\(liberty) INV-2026-000302"), (195, 10_001, "P004", "\(liberty) INV-2026-000302 2ND PMT"),
        ])]), fileName: "parts.bai2", match: MatchOverrides())
        _ = try await books.importBankFile(Self.bai2([(account: "006123450002", currency: "USD", details: [(195, 59_998, "P005", "\(liberty) INV-2026-000302")])]),
                                           fileName: "rest.bai2", match: MatchOverrides())
        let written = try await InsertionOrderTests.approver(books).writeOff("INV-2026-000301", reason: "rest of the deduction", entity: nil)
        #expect(written.minorUnits == 9_998)
        let rows = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(["P001", "P002", "P003", "P004", "P005"].allSatisfy { rows[$0]?.status == "applied" })
        let open = try await books.store.read { tx in try await tx.openItems(entityID: try await tx.entity(code: "CA01")!.id) }
        #expect(!open.contains { $0.item.customer == "LIBERTY" })
        // Nothing open, nothing left on LIBERTY's receivable in CAD either.
        let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        let receivable = balances.filter { $0.customerCode == "LIBERTY" && $0.accountCode == "1100" }
        #expect(receivable.reduce(Int64(0)) { $0 + $1.balance } == 0)
        #expect(receivable.reduce(Int64(0)) { $0 + $1.functionalBalance } == 0, "\(receivable)")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
        // The last part took what was left, not 809.97 at the rate: 1,080.00 - 135.01 - 135.01.
        let relief = try await books.store.read { tx in
            try await tx.sql.raw("""
                SELECT a.functional_minor FROM allocations a JOIN bank_lines b ON b.id = a.bank_line_id WHERE b.reference = 'P005' AND a.kind = 'payment'
                """).first()?.decode(column: "functional_minor", as: Int64?.self)
        }
        #expect(relief == 80_998)
    }

    @Test("The entity's policy sets the fee tolerance and the threshold; a run may override them; bad settings are refused", arguments: Backend.allCases)
    func entityPolicy(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        #expect(try await books.matchPolicy(entity: nil) == MatchPolicy())
        try await books.setPolicy("cash.fee-tolerance", to: "10.00", entity: nil)
        await #expect(throws: DomainError.self) { try await books.setPolicy("cash.threshold", to: "101", entity: nil) }
        await #expect(throws: DomainError.self) { try await books.setPolicy("cash.fee-tolerance", to: "-1.00", entity: nil) }
        #expect(try await books.matchPolicy(entity: nil) == MatchPolicy(feeTolerance: 1_000, threshold: 85, writeOffLimit: 10_000))
        // An amount may be set for one currency: 10.00 CAD is not 10.00 of every currency.
        try await books.setPolicy("cash.fee-tolerance.kwd", to: "3.500", entity: nil)
        try await books.setPolicy("cash.fee-tolerance.JPY", to: "1500", entity: nil)
        await #expect(throws: DomainError.self, "KWD has three decimals") { try await books.setPolicy("cash.write-off-limit.KWD", to: "1.2345", entity: nil) }
        await #expect(throws: DomainError.self, "no such currency") { try await books.setPolicy("cash.fee-tolerance.XYZ", to: "1.00", entity: nil) }
        await #expect(throws: DomainError.self, "the threshold is no amount") { try await books.setPolicy("cash.threshold.USD", to: "90", entity: nil) }
        let policy = try await books.matchPolicy(entity: nil)
        #expect(policy.feeTolerance == 1_000 && policy.currencySettings().map { "\($0.name) \($0.value)" } == ["cash.fee-tolerance.JPY 1500", "cash.fee-tolerance.KWD 3.500"],
                "stored once, in capitals; the general figure untouched")
        #expect(policy.resolved(for: .KWD).feeTolerance == 3_500 && policy.resolved(for: .JPY).feeTolerance == 1_500)
        #expect(policy.resolved(for: .USD).feeTolerance == 1_000 && policy.resolved(for: .USD).writeOffLimit == 10_000, "the same figure in USD")
        #expect(policy.resolved(for: .KWD).writeOffLimit == 100_000, "100.00 is 100.000 KWD")
        try await books.setPolicy("cash.write-off-limit.CAD", to: "80.00", entity: nil)
        #expect(try await books.matchPolicy(entity: nil).resolved(for: .CAD).writeOffLimit == 8_000, "the functional currency's own figure too")
        #expect(try await books.matchPolicy(entity: nil).writeOffLimit == 10_000, "the general figure untouched")
        // B002 is 15.00 short: more than the entity's tolerance now, so a deduction, not a bank charge.
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2")
        _ = try await books.matchCash(entity: nil)
        var row = try await books.cashAllocations(reference: "B002", entity: nil).first
        #expect(row?.status == "applied" && row?.fee == 0 && row?.deduction == 1_500)
        // A run's own setting wins over the entity's: a threshold no match reaches proposes everything.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 40_000, "B101", "BOREAL SPORTS INC INV-2026-000103")])]),
                                           fileName: "more.bai2", match: MatchOverrides(threshold: 100))
        row = try await books.cashAllocations(reference: "B101", entity: nil).first
        #expect(row?.status == "proposed" && row?.allocations.isEmpty == true && row?.explanation?.contains("below the threshold (100)") == true)
        #expect(row?.proposed.map { "\($0.invoice)=\($0.amount)" } == ["INV-2026-000103=40000"], "what a person would confirm")
        let json = String(decoding: try JSONEncoder().encode(row), as: UTF8.self)
        #expect(json.contains("\"deduction\":null") && json.contains("\"customer\":\"BOREAL\""), "null fields written out: \(json)")
        #expect(try await books.confirm("B101", entity: nil).allocations.map(\.invoice) == ["INV-2026-000103"])
        #expect(try await books.cashAllocations(reference: "B101", entity: nil).first?.proposed.isEmpty == true)
        #expect(try await books.auditTrail(subjectType: "policy", subjectID: "CA01/cash.fee-tolerance", limit: 5).map(\.action) == ["policy.set"])
    }

    @Test("Two matchers at once never allocate more than is open", arguments: Backend.allCases)
    func concurrentMatchers(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        // Two payments of the same invoice in two files; two matchers race.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 100_000, "C001", "BOREAL SPORTS INV-2026-000101")])]), fileName: "a.bai2")
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 100_000, "C002", "BOREAL SPORTS INV-2026-000101")])]), fileName: "b.bai2")
        let other = Books(store: try await database.open(), actor: "other")
        defer { Task { await other.store.close() } }
        func match(_ books: Books) async -> Bool {
            (try? await books.matchCash(entity: nil)) != nil
        }
        async let one = match(books)
        async let two = match(other)
        let outcomes = await [one, two]
        #expect(outcomes.contains(true))
        let rows = try await books.cashAllocations(entity: nil)
        let paid = rows.flatMap(\.allocations).filter { $0.invoice == "INV-2026-000101" }.reduce(Int64(0)) { $0 + $1.amount }
        #expect(paid == 100_000, "allocated \(paid) on an invoice of 1,000.00")
        #expect(rows.filter { $0.status == "applied" }.count == 1)
    }
}

extension CashApplicationTests {
    @Test("By hand: allocate an unidentified line, undo an automatic match with a reversal and reallocate it, write off a small balance (approver, limit)", arguments: Backend.allCases)
    func byHand(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 290_000, "M001", "CHEQUE DEPOSIT 4471"),                  // nobody recognisable
            (195, 140_000, "M002", "BOREAL SPORTS EFT"),                    // no reference: 1,000 + 400 is the one set that fits
            (195, 99_000, "M003", "HARBOURFRONT MEDIA INV-2026-000201"),    // short by more than a fee: 4,010.00 left open
        ])]), fileName: "m.bai2")
        _ = try await books.matchCash(entity: nil)
        var rows = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(rows["M001"]?.status == "unapplied" && rows["M001"]?.customer == nil)
        // HARBOUR paid 990.00 of 5,000.00: applied, the rest a deduction to review.
        #expect(Self.allocated(rows["M003"]) == ["INV-2026-000201=99000"] && rows["M003"]?.deduction == 401_000)
        #expect(Self.allocated(rows["M002"]) == ["INV-2026-000101=100000", "INV-2026-000103=40000"])
        // The specialist knows the cheque: 2,500.00 on INV-2026-000102 and 400.00 kept for BOREAL.
        await #expect(throws: DomainError.self, "more than the line brought") {
            try await books.allocate("M001", to: [AllocationRequest(invoice: "INV-2026-000102", amount: Money(minorUnits: 300_000, currency: .CAD))], entity: nil)
        }
        await #expect(throws: DomainError.self, "two customers' items, and no customer named to keep the rest") {
            try await books.allocate("M001", to: [AllocationRequest(invoice: "INV-2026-000103", amount: nil),
                                                  AllocationRequest(invoice: "INV-2026-000201", amount: Money(minorUnits: 100_000, currency: .CAD))], entity: nil)
        }
        let hand = try await books.allocate("M001", to: [AllocationRequest(invoice: "INV-2026-000102", amount: nil)], entity: nil)
        #expect(Self.allocated(hand) == ["INV-2026-000102=250000"] && hand.unapplied == 40_000 && hand.customer == "BOREAL")
        // Undo the automatic match of M002: reversed, the two invoices open again.
        try await books.unallocate("M002", reason: "the customer meant another invoice", entity: nil)
        rows = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(rows["M002"]?.status == "unapplied" && rows["M002"]?.allocations.isEmpty == true && rows["M002"]?.confidence == nil, "no decision stands")
        // The match run booked M002 and M003 in one entry: only M002's part of it is reversed.
        #expect(Self.allocated(rows["M003"]) == ["INV-2026-000201=99000"] && rows["M003"]?.status == "applied")
        let open = try await books.store.read { tx in try await tx.openItems(entityID: try await tx.entity(code: "CA01")!.id) }
        #expect(Set(open.map(\.item.number)).isSuperset(of: ["INV-2026-000101", "INV-2026-000103"]))
        // Reallocated by hand; HARBOUR still owes 4,010.00 after M003: above the default write-off limit.
        // The 400.00 M001 left on BOREAL's account settles INV-2026-000103; M002 goes to INV-2026-000101, its rest on the account.
        await #expect(throws: DomainError.self, "more than M001 left on the account") {
            try await books.allocate("M001", to: [AllocationRequest(invoice: "INV-2026-000101", amount: nil)], entity: nil)
        }
        let fromAccount = try await books.allocate("M001", to: [AllocationRequest(invoice: "INV-2026-000103", amount: nil)], entity: nil)
        #expect(Set(Self.allocated(fromAccount)) == ["INV-2026-000102=250000", "INV-2026-000103=40000"] && fromAccount.unapplied == 0)
        _ = try await books.allocate("M002", to: [AllocationRequest(invoice: "INV-2026-000101", amount: nil)], entity: nil)
        await #expect(throws: DomainError.self, "only an approver writes off") {
            try await books.writeOff("INV-2026-000201", reason: "small balance", entity: nil)
        }
        await #expect(throws: DomainError.self, "above the limit") {
            try await InsertionOrderTests.approver(books).writeOff("INV-2026-000201", reason: "small balance", entity: nil)
        }
        await #expect(throws: DomainError.self, "a person may not raise the entity's limit") {
            try await InsertionOrderTests.approver(books).writeOff("INV-2026-000201", reason: "agreed deduction", limit: "5000.00", entity: nil)
        }
        try await books.setPolicy("cash.write-off-limit", to: "5000.00", entity: nil)
        await #expect(throws: DomainError.self, "nor go above a lower one asked for") {
            try await InsertionOrderTests.approver(books).writeOff("INV-2026-000201", reason: "agreed deduction", limit: "100.00", entity: nil)
        }
        let written = try await InsertionOrderTests.approver(books).writeOff("INV-2026-000201", reason: "agreed deduction", entity: nil)
        #expect(written.minorUnits == 401_000)
        // Lettered with what settled it, the write-off named by its invoice as the run names it.
        let lettered = try await books.letterAccounts(entity: nil).lettered.filter { $0.customer == "HARBOUR" }
        let listed = try await books.letterings(customer: "HARBOUR", entity: nil)
        #expect(!lettered.isEmpty && listed.map(\.items) == lettered.map(\.items), "\(listed.map(\.items)) vs \(lettered.map(\.items))")
        #expect(listed.contains { $0.items.contains("write-off:INV-2026-000201") })
        // The books balance, and every customer's receivable is its open items.
        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        #expect(tb.imbalance == 0)
        let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        let remaining = try await books.store.read { tx in try await tx.openItems(entityID: try await tx.entity(code: "CA01")!.id) }
        for customer in ["BOREAL", "HARBOUR"] {
            let ar = balances.filter { $0.customerCode == customer && $0.accountCode == "1100" }.reduce(Int64(0)) { $0 + $1.debit - $1.credit }
            #expect(ar == remaining.filter { $0.item.customer == customer }.reduce(Int64(0)) { $0 + $1.item.open }, "\(customer)")
        }
        let unapplied = balances.filter { $0.customerCode == "BOREAL" && $0.accountCode == "2150" }.reduce(Int64(0)) { $0 + $1.credit - $1.debit }
        #expect(unapplied == 40_000)
        #expect(try await books.auditTrail(subjectType: "bank-line", subjectID: "M002", limit: 10).map(\.action) == ["cash.unallocate", "cash.allocate"])

        // M001 moved its cash in two entries of its own (to INV-2026-000102 and the account, then
        // from the account to INV-2026-000103): un-allocated, each reversing row points at the
        // reversal of its own allocation's entry.
        try await books.unallocate("M001", reason: "cheque returned", entity: nil)
        let pairs = try await books.store.read { tx in
            try await tx.sql.raw("""
                SELECT o.entry_id AS original, r.entry_id AS reversal,
                       (SELECT COUNT(*) FROM entry_reversals x WHERE x.entry_id = r.entry_id AND x.reverses_entry_id = o.entry_id) AS links
                FROM allocations r JOIN allocations o ON o.id = r.reverses_id JOIN bank_lines b ON b.id = o.bank_line_id
                WHERE b.reference = 'M001'
                """).all().map { (try $0.decode(column: "original", as: Int64.self), try $0.decode(column: "reversal", as: Int64.self), try $0.decode(column: "links", as: Int.self)) }
        }
        #expect(Set(pairs.map(\.0)).count == 2 && Set(pairs.map(\.1)).count == 2)
        #expect(pairs.allSatisfy { $0.2 == 1 }, "\(pairs)")
    }
}

extension CashApplicationTests {
    @Test("A group's payment: invoices of two customers settled each on its own account, lettered on each, undone together; by hand too", arguments: Backend.allCases)
    func groupPayment(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 540_000, "G001", "GROUPE SERVICES PARTAGES INV-2026-000103 INV-2026-000201"),   // BOREAL 400.00 + HARBOUR 5,000.00
            (195, 300_000, "G002", "GROUPE SERVICES PARTAGES INV-2026-000101 INV-2026-000102"),   // 3,500.00 open: does not tie
        ])]), fileName: "g.bai2", match: MatchOverrides())
        let rows = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(rows["G001"]?.status == "applied" && rows["G001"]?.customer == nil, "\(rows["G001"]?.explanation ?? "")")
        #expect(rows["G001"]?.allocations.map { "\($0.invoice)@\($0.customer ?? "")=\($0.amount)" } == ["INV-2026-000103@BOREAL=40000", "INV-2026-000201@HARBOUR=500000"])
        #expect(rows["G002"]?.status == "unapplied" || rows["G002"]?.status == "proposed")
        // Each customer's receivable is what is open on its own invoices.
        func receivablesTie() async throws {
            let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
            let open = try await books.store.read { tx in try await tx.openItems(entityID: try await tx.entity(code: "CA01")!.id) }
            for customer in ["BOREAL", "HARBOUR"] {
                let ar = balances.filter { $0.customerCode == customer && $0.accountCode == "1100" }.reduce(Int64(0)) { $0 + $1.debit - $1.credit }
                #expect(ar == open.filter { $0.item.customer == customer }.reduce(Int64(0)) { $0 + $1.item.open }, "\(customer)")
            }
            #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
        }
        try await receivablesTie()
        // Lettered on each account, the payment in both letterings.
        let run = try await books.letterAccounts(entity: nil)
        #expect(run.lettered.contains { $0.customer == "BOREAL" && $0.items == ["bank-line:G001", "invoice:INV-2026-000103"] }, "\(run.lettered)")
        #expect(run.lettered.contains { $0.customer == "HARBOUR" && $0.items == ["bank-line:G001", "invoice:INV-2026-000201"] }, "\(run.lettered)")
        // Undone: both parts reversed, both letterings removed, both invoices open again.
        try await books.unallocate("G001", reason: "the group asked to apply it otherwise", entity: nil)
        #expect(try await books.letterings(customer: nil, entity: nil).filter { !$0.removed }.isEmpty)
        try await receivablesTie()
        // By hand across the two customers: the rest stays on the account named.
        await #expect(throws: DomainError.self, "a rest with no customer named to keep it") {
            try await books.allocate("G001", to: [AllocationRequest(invoice: "INV-2026-000103", amount: nil),
                                                  AllocationRequest(invoice: "INV-2026-000201", amount: Money(minorUnits: 450_000, currency: .CAD))], entity: nil)
        }
        let hand = try await books.allocate("G001", to: [AllocationRequest(invoice: "INV-2026-000103", amount: nil),
                                                         AllocationRequest(invoice: "INV-2026-000201", amount: Money(minorUnits: 450_000, currency: .CAD))],
                                            customer: "HARBOUR", entity: nil)
        #expect(hand.customer == "HARBOUR" && hand.unapplied == 50_000 && hand.allocations.map { $0.customer ?? "" } == ["BOREAL", "HARBOUR"])
        try await receivablesTie()
        let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        #expect(balances.filter { $0.customerCode == "HARBOUR" && $0.accountCode == "2150" }.reduce(Int64(0)) { $0 + $1.credit - $1.debit } == 50_000)
        // The group is not learned as a payer alias of either customer.
        let customers = try await books.store.read { tx in try await tx.loadCustomers(codes: ["BOREAL"]) }
        #expect(customers["BOREAL"]?.customer.payerAliases.contains { $0.contains("GROUPE") } == false)
    }
}

extension CashApplicationTests {
    @Test("An agency's list naming an invoice not open here: the open ones settled on their own accounts, the rest on the agency's", arguments: Backend.allCases)
    func agencyList(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 612_345, "A001", "HARBOURFRONT MEDIA AGENCY INV-2026-000101 1,000.00 INV-2026-000777 123.45 INV-2026-000201 5,000.00"),
        ])]), fileName: "a.bai2", match: MatchOverrides())
        let row = try await books.cashAllocations(reference: "A001", entity: nil)[0]
        #expect(row.status == "applied" && row.customer == "HARBOUR" && row.unapplied == 12_345, "\(row.explanation ?? "")")
        #expect(row.allocations.map { "\($0.invoice)@\($0.customer ?? "")=\($0.amount)" } == ["INV-2026-000101@BOREAL=100000", "INV-2026-000201@HARBOUR=500000"])
        let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        #expect(balances.filter { $0.customerCode == "HARBOUR" && $0.accountCode == "2150" }.reduce(Int64(0)) { $0 + $1.credit - $1.debit } == 12_345)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }
}

extension CashApplicationTests {
    @Test("A number the bank cut at the end of the text: the invoices beginning so are loaded, the one the payment makes applied", arguments: Backend.allCases)
    func numberCutAtTheEnd(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (169, 248_000, "C001", "EFT CREDIT V318483 INV-2026-00010"),
            (169, 70_000, "C002", "EFT CREDIT V318484 INV-2026-00010"),
        ])]), fileName: "c.bai2", match: MatchOverrides())
        let rows = try await books.cashAllocations(reference: nil, entity: nil)
        let cut = try #require(rows.first(where: { $0.bank_reference == "C001" }))
        #expect(cut.status == "applied" && Self.allocated(cut) == ["INV-2026-000102=250000"], "\(cut.explanation ?? "")")
        #expect(rows.first(where: { $0.bank_reference == "C002" })?.status != "applied")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }

    @Test("Lettering: items that settle each other get the account's next code; partial groups stay open; removing is audited", arguments: Backend.allCases)
    func lettering(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2")
        _ = try await books.matchCash(entity: nil)
        let run = try await books.letterAccounts(entity: nil)
        let boreal = run.lettered.filter { $0.customer == "BOREAL" }
        #expect(boreal.map(\.code) == ["AA", "AB"])
        #expect(boreal.map(\.items) == [["bank-line:B001", "invoice:INV-2026-000101"], ["bank-line:B002", "invoice:INV-2026-000102"]])
        #expect(run.lettered.contains { $0.customer == "LIBERTY" && $0.code == "AA" })
        // HARBOUR's payment left 50.00 on its account: not lettered until that is used.
        #expect(run.partial.contains { $0.customer == "HARBOUR" } && !run.lettered.contains { $0.customer == "HARBOUR" })
        #expect(try await books.letterAccounts(entity: nil).lettered.isEmpty, "nothing is lettered twice")
        try await books.unletter("AA", customer: "BOREAL", reason: "wrong pairing", entity: nil)
        let again = try await books.letterAccounts(entity: nil)
        #expect(again.lettered.map(\.code) == ["AC"], "a code is never reused")
        let list = try await books.letterings(customer: "BOREAL", entity: nil)
        #expect(list.map(\.code) == ["AA", "AB", "AC"] && list.first?.removed == true)
        #expect(try await books.auditTrail(subjectType: "customer", subjectID: "BOREAL", limit: 20).map(\.action).contains("lettering.remove"))

        // Partial lettering: a part payment groups the line with its invoice, and says what is still open.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 15_000, "B201", "BOREAL SPORTS INC INV-2026-000103")])]),
                                           fileName: "part.bai2", match: MatchOverrides())
        let partial = try await books.partialLetterings(customer: "BOREAL", entity: nil)
        #expect(partial.map { "\($0.items) \($0.open) \($0.currency ?? "")" } == [#"["bank-line:B201", "invoice:INV-2026-000103"] 25000 CAD"#])
        #expect(try await books.partialLetterings(customer: nil, entity: nil).contains { $0.customer == "HARBOUR" && $0.open == 0 }, "cash left on its account")
        #expect(try await books.letterAccounts(entity: nil).partial.contains { $0.customer == "BOREAL" && $0.open == 25_000 && $0.currency == "CAD" })
        // The invoice's own account: what is open, and what settled it.
        let account = try await books.invoiceAccount("INV-2026-000103", entity: nil)
        #expect(account.open == 25_000 && account.settlements?.map { "\($0.kind) \($0.bankReference ?? "") \($0.amount.minorUnits)" } == ["payment B201 15000"])
        #expect(account.settlements?.first?.entry?.hasPrefix("CSH-") == true)
        let open = try await books.invoiceBalances(period: nil, status: nil, customer: "BOREAL", openOnly: true, entity: nil)
        #expect(open.map { "\($0.invoice.number ?? "") \($0.open ?? -1)" } == ["INV-2026-000103 25000"])
    }
}

extension CashApplicationTests {
    @Test("A bank portal's CSV, read through a saved mapping: matched like any statement; a bad row names its line", arguments: Backend.allCases)
    func csvMapping(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        try await books.saveCSVMapping(BankCSVMapping(
            name: "bnc-portal", date: "Posting Date", amount: nil, credit: "Credit", debit: "Debit", reference: "Ref", payer: nil,
            text: ["Description", "Details"], accountColumn: nil, accountNumber: "006-12345-0001", currencyColumn: nil, currency: "CAD",
            dateFormat: .us, amountFormat: .english))
        let csv = """
            Posting Date,Description,Details,Credit,Debit,Ref
            11/20/2026,BOREAL SPORTS INC,"INV-2026-000101",1000.00,,P-1
            11/20/2026,BOREAL SPORTS INC,FACT 2026-102 + 103,"2,900.00",,P-2
            11/20/2026,SERVICE CHARGE,,,12.50,P-3
            """
        let imported = try await books.importBankFile(Data(csv.utf8), fileName: "portal.csv", mapping: "bnc-portal")
        #expect(imported.added == 3 && imported.credits == 2 && imported.format == .csv)
        #expect(try await books.importBankFile(Data(csv.utf8), fileName: "portal.csv", mapping: "bnc-portal").alreadyImported == 3)
        _ = try await books.matchCash(entity: nil)
        let rows = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(Self.allocated(rows["P-1"]) == ["INV-2026-000101=100000"])
        #expect(Set(Self.allocated(rows["P-2"])) == ["INV-2026-000102=250000", "INV-2026-000103=40000"])
        let bad = csv + "\n13/45/2026,X,,5.00,,P-4"
        let error = await #expect(throws: FileErrors.self) { try await books.importBankFile(Data(bad.utf8), fileName: "bad.csv", mapping: "bnc-portal") }
        #expect(error?.errors.first?.description.hasPrefix("bad.csv:5: Posting Date:") == true, "\(error?.errors.map(\.description) ?? [])")
        // A row with a credit and a debit is not netted.
        let both = await #expect(throws: FileErrors.self) {
            try await books.importBankFile(Data((csv + "\n11/20/2026,X,,10.00,5.00,P-5").utf8), fileName: "both.csv", mapping: "bnc-portal")
        }
        #expect(both?.errors.first?.description.contains("both a credit") == true, "\(both?.errors.map(\.description) ?? [])")
        // Credit and debit columns go together.
        var halfMapping = try await books.csvMapping("bnc-portal")
        halfMapping.debit = nil
        await #expect(throws: DomainError.self) { try await books.saveCSVMapping(halfMapping) }
    }
}

extension CashApplicationTests {
    @Test("A credit note on a paid invoice leaves a credit that settles another invoice; nothing more than is left or open", arguments: Backend.allCases)
    func creditOnAccount(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2")
        _ = try await books.matchCash(entity: nil)
        // INV-2026-000101 is paid (B001); a 200.00 credit note on it leaves a credit of 200.00.
        _ = try await books.creditInvoice("INV-2026-000101", lines: nil, amount: Money(minorUnits: 20_000, currency: .CAD), reason: "goodwill",
                                          on: InsertionOrderTests.date("2026-11-21"), entity: nil)
        await #expect(throws: DomainError.self, "not across customers") {
            try await books.applyCredit(from: "INV-2026-000101", to: "INV-2026-000201", amount: nil, entity: nil)
        }
        await #expect(throws: DomainError.self, "not more than the credit") {
            try await books.applyCredit(from: "INV-2026-000101", to: "INV-2026-000103", amount: "300.00", entity: nil)
        }
        let moved = try await books.applyCredit(from: "INV-2026-000101", to: "INV-2026-000103", amount: nil, entity: nil).moved
        #expect(moved.minorUnits == 20_000)
        let open = try await books.store.read { tx in try await tx.openItems(entityID: try await tx.entity(code: "CA01")!.id) }
        #expect(open.first { $0.item.number == "INV-2026-000103" }?.item.open == 20_000)
        let (_, balances) = try await books.customerBalances(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil)
        let ar = balances.filter { $0.customerCode == "BOREAL" && $0.accountCode == "1100" }.reduce(Int64(0)) { $0 + $1.debit - $1.credit }
        #expect(ar == 20_000, "BOREAL owes what is open on its invoices")
        await #expect(throws: DomainError.self, "the credit is used up") {
            try await books.applyCredit(from: "INV-2026-000101", to: "INV-2026-000103", amount: nil, entity: nil)
        }
    }
}

extension CashApplicationTests {
    @Test("An open-items file's settled invoices are recorded as paid: a payment naming one again is a duplicate, not a typo of another", arguments: Backend.allCases)
    func settledOpenItems(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let before = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil).rows.map { "\($0.accountCode) \($0.balance)" }
        // INV-2026-000109 was paid in the previous system; BOREAL's INV-2026-000103 is one digit off it, of the same amount.
        let file = Data("""
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            BOREAL,INV-2026-000109,2026-09-30,2026-10-30,CAD,400.00,0.00
            LIBERTY,INV-2026-000309,2026-09-30,2026-10-30,USD,250.00,0.00
            LIBERTY,INV-2026-000310,2026-09-30,2026-10-30,USD,0.00,0.00
            """.utf8)
        let migrated = try await books.importOpenItems(file, fileName: "paid.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        #expect(migrated.added == 0 && migrated.settled == 2 && migrated.nothingOpen == 1 && migrated.entries.isEmpty)
        let again = try await books.importOpenItems(file, fileName: "paid.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        #expect(again.added == 0 && again.settled == 0 && again.alreadyImported == 2)
        // Nothing posted, nothing open.
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil).rows.map { "\($0.accountCode) \($0.balance)" } == before)
        let open = try await books.store.read { tx in try await tx.openItems(entityID: try await tx.entity(code: "CA01")!.id) }
        #expect(!open.contains { $0.item.number == "INV-2026-000109" || $0.item.number == "INV-2026-000309" })
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 40_000, "S001", "BOREAL SPORTS INC INV-2026-000109"),
        ])]), fileName: "again.bai2", match: MatchOverrides())
        let row = try await books.cashAllocations(reference: "S001", entity: nil).first
        #expect(row?.status == "unapplied" && row?.customer == "BOREAL" && row?.allocations.isEmpty == true, "\(String(describing: row))")
        #expect(row?.explanation?.contains("INV-2026-000109") == true, "\(String(describing: row?.explanation))")
        // A credit note on an invoice settled before the books leaves a credit, in USD at the day's rate (no entry booked it here).
        let note = try await books.creditInvoice("INV-2026-000309", lines: nil, amount: Money(minorUnits: 5_000, currency: .USD), reason: "goodwill",
                                                 on: InsertionOrderTests.date("2026-11-21"), entity: nil)
        #expect(note.total.minorUnits == 5_000)
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil).imbalance == 0)
    }

    @Test("A branch deposit holding a cheque of no known payer: the others applied, its cash left unidentified, then allocated by hand", arguments: Backend.allCases)
    func depositWithAStrangersCheque(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (175, 565_707, "D001", "BR DEP 00471 3 CHQS: #1001 BOREAL SPORTS INV-2026-000103 400.00; #1182 257.07; #2002 HARBOURFRONT MEDIA AGENCY INV-2026-000201 5,000.00"),
        ])]), fileName: "d.bai2", match: MatchOverrides())
        let unidentified = { () async throws -> Int64 in
            try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).rows.filter { $0.accountCode == "2160" }.reduce(Int64(0)) { $0 + $1.balance }
        }
        let row = try await books.cashAllocations(reference: "D001", entity: nil)[0]
        #expect(row.status == "applied" && row.customer == nil && row.unapplied == 25_707, "\(row.explanation ?? "")")
        #expect(Self.allocated(row) == ["INV-2026-000103=40000", "INV-2026-000201=500000"])
        #expect(try await unidentified() == -25_707, "the stranger's cheque waits in unidentified receipts")
        // A person finds whose it is: the rest settles part of an invoice, and the line stays no one customer's.
        let hand = try await books.allocate("D001", to: [AllocationRequest(invoice: "INV-2026-000101", amount: Money(minorUnits: 25_707, currency: .CAD))], entity: nil)
        #expect(hand.status == "applied" && hand.customer == nil && hand.unapplied == 0, "\(hand)")
        #expect(try await unidentified() == 0)
        await #expect(throws: DomainError.self, "nothing is left") {
            try await books.allocate("D001", to: [AllocationRequest(invoice: "INV-2026-000102", amount: nil)], entity: nil)
        }
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
        // Undone whole: every part reversed, the whole deposit back in unidentified receipts.
        try await books.unallocate("D001", reason: "deposit to review", entity: nil)
        #expect(try await unidentified() == -565_707)
    }
}

extension CashApplicationTests {
    @Test("A credit taken for no customer's payment: allocated by hand after all, or booked to its ledger account; a bank charge booked from the bank; each undone by a reversal", arguments: Backend.allCases)
    func notACustomersPayment(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.statement, fileName: "stmt.bai2", match: MatchOverrides())
        #expect(try await books.cashAllocations(reference: "B005", entity: nil)[0].status == "not-a-customer-payment")
        let unidentified = { () async throws -> Int64 in
            try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).rows.filter { $0.accountCode == "2160" }.reduce(Int64(0)) { $0 + $1.balance }
        }
        #expect(try await unidentified() == -12_345)
        // A customer's payment after all.
        let hand = try await books.allocate("B005", to: [AllocationRequest(invoice: "INV-2026-000103", amount: Money(minorUnits: 12_345, currency: .CAD))], entity: nil)
        #expect(hand.status == "applied" && hand.customer == "BOREAL" && Self.allocated(hand) == ["INV-2026-000103=12345"])
        try await books.unallocate("B005", reason: "it was the GST refund", entity: nil)
        // Booked to its account, with a reason; not to a customers' account.
        await #expect(throws: DomainError.self) { try await books.reclassify("B005", to: "2310", reason: " ", entity: nil) }
        await #expect(throws: DomainError.self) { try await books.reclassify("B005", to: "1100", reason: "GST refund", entity: nil) }
        await #expect(throws: DomainError.self, "its own bank's ledger account") { try await books.reclassify("B005", to: "1010", reason: "GST refund", entity: nil) }
        await #expect(throws: DomainError.self) { try await books.reclassify("B001", to: "2310", reason: "GST refund", entity: nil) }
        let booked = try await books.reclassify("B005", to: "2310", reason: "GST refund, period 2026-09", entity: nil)
        #expect(booked.status == "not-a-customer-payment" && booked.explanation?.contains("booked to 2310") == true)
        #expect(try await unidentified() == 0)
        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        #expect(tb.imbalance == 0 && tb.rows.first { $0.accountCode == "2310" }?.balance == -12_345)
        await #expect(throws: DomainError.self, "booked: un-allocate first") {
            try await books.allocate("B005", to: [AllocationRequest(invoice: "INV-2026-000103", amount: nil)], entity: nil)
        }
        try await books.unallocate("B005", reason: "wrong account", entity: nil)
        #expect(try await unidentified() == -12_345)

        // A debit no customer's (B006, the bank's service charge): from the bank to its account, on the bank's day.
        let bank = try await Self.trialBalance("1010", books), fees = try await Self.trialBalance("6100", books)
        await #expect(throws: DomainError.self, "a customer's account") { try await books.reclassify("B006", to: "2150", reason: "fee", entity: nil) }
        await #expect(throws: DomainError.self, "the bank's own account") { try await books.reclassify("B006", to: "1010", reason: "fee", entity: nil) }
        let fee = try await books.reclassify("B006", to: "6100", reason: "November service charge", entity: nil)
        #expect(fee.status == "not-a-customer-payment" && fee.explanation?.contains("booked to 6100") == true, "\(fee)")
        #expect(try await Self.trialBalance("1010", books) == bank - 5_000)
        #expect(try await Self.trialBalance("6100", books) == fees + 5_000)
        #expect(try await books.journal(entity: nil).1.filter { $0.description.hasPrefix("B006 booked to 6100") }.map(\.date.description) == ["2026-11-20"])
        let twice = await #expect(throws: DomainError.self) { try await books.reclassify("B006", to: "6100", reason: "again", entity: nil) }
        #expect(twice?.message.contains("booked already") == true, "\(twice?.message ?? "")")
        try await books.unallocate("B006", reason: "wrong account", entity: nil)
        #expect(try await Self.trialBalance("1010", books) == bank)
        #expect(try await Self.trialBalance("6100", books) == fees)
        // Un-booked on the day it was booked: booked again, the bank's day shows it once.
        _ = try await books.reclassify("B006", to: "6100", reason: "November service charge, again", entity: nil)
        #expect(try await Self.trialBalance("6100", asOf: "2026-11-20", books) == fees + 5_000)
        try await books.unallocate("B006", reason: "wrong account", entity: nil)
        #expect(try await books.cashAllocations(reference: "B006", entity: nil)[0].status == "not-a-customer-payment")
        #expect(try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil).imbalance == 0)
    }
}

extension CashApplicationTests {
    @Test("A BAI2 line allocated by hand teaches the name its text starts with; not another customer's name")
    func learnsFromBAI2Text() async throws {
        #expect(Customer.payerName(inText: "FALCON SERVICES LTD PAYMENT") == "FALCON SERVICES LTD")
        #expect(Customer.payerName(inText: "EFT CREDIT SMITH AND SONS INV 2604512") == "SMITH AND SONS")
        #expect(Customer.payerName(inText: "WIRE IN ORG=NORTHWIND TRADING CO OBI=INV 123") == "NORTHWIND TRADING CO")
        #expect(Customer.payerName(inText: "CHQ DEP 00471 3 CHQS") == nil)
        #expect(Customer.payerName(inText: "INV-2026-000101 PAYMENT") == nil)
        guard let (books, _) = try await Self.books(.sqlite) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 100_000, "L001", "NORTHWIND TRADING PMT"), (195, 40_000, "L002", "BOREAL SPORTS PAYMENT"),
        ])]), fileName: "l1.bai2", match: MatchOverrides(threshold: 100))
        #expect(try await books.cashAllocations(reference: "L001", entity: nil)[0].customer == nil)
        _ = try await books.allocate("L001", to: [AllocationRequest(invoice: "INV-2026-000101", amount: nil)], entity: nil)
        let aliases = try await books.store.read { tx in try await tx.loadCustomers(codes: ["BOREAL", "HARBOUR"]) }
        #expect(aliases["BOREAL"]?.customer.payerAliases == ["NORTHWIND TRADING"])
        // Another customer's name is not learned (an agency paying for its client).
        #expect(try await books.cashAllocations(reference: "L002", entity: nil)[0].status == "proposed")
        _ = try await books.allocate("L002", to: [AllocationRequest(invoice: "INV-2026-000201", amount: Money(minorUnits: 40_000, currency: .CAD))], entity: nil)
        #expect(try await books.store.read { tx in try await tx.loadCustomers(codes: ["HARBOUR"]) }["HARBOUR"]?.customer.payerAliases.isEmpty == true)
        // The next payment under that name is known.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [(195, 250_000, "L003", "NORTHWIND TRADING PMT")])]),
                                           fileName: "l2.bai2", match: MatchOverrides())
        let next = try await books.cashAllocations(reference: "L003", entity: nil)[0]
        #expect(next.customer == "BOREAL" && Self.allocated(next) == ["INV-2026-000102=250000"], "\(next.explanation ?? "")")
    }
}

extension CashApplicationTests {
    @Test("A stated prompt-payment discount within the entity's limit: the invoice settled, the discount booked to sales discounts, lettered; undone whole", arguments: Backend.allCases)
    func promptPaymentDiscount(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        try await books.setPolicy("cash.discount-limit", to: "2", entity: nil)
        // INV-2026-000102 (2,500.00) paid 2,450.00 less a 2% discount (within the fee tolerance too:
        // a discount said is no bank charge); INV-2026-000101 (1,000.00) less 6%: a deduction.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 245_000, "P001", "BOREAL SPORTS INV-2026-000102 2500.00 DISC 50.00"),
            (195, 94_000, "P002", "BOREAL SPORTS INV-2026-000101 1000.00 DISC 60.00"),
        ])]), fileName: "disc.bai2", match: MatchOverrides())
        let p1 = try await books.cashAllocations(reference: "P001", entity: nil)[0]
        #expect(p1.status == "applied" && p1.discount == 5_000 && p1.fee == 0 && p1.deduction == nil && Self.allocated(p1) == ["INV-2026-000102=250000"], "\(p1.explanation ?? "")")
        let p2 = try await books.cashAllocations(reference: "P002", entity: nil)[0]
        #expect(p2.discount == 0 && p2.deduction == 6_000, "\(p2.explanation ?? "")")
        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        #expect(tb.imbalance == 0 && tb.rows.first { $0.accountCode == "4950" }?.balance == 5_000)
        let open = try await books.store.read { tx in try await tx.openItems(entityID: try await tx.entity(code: "CA01")!.id) }
        #expect(!open.contains { $0.item.number == "INV-2026-000102" })
        let run = try await books.letterAccounts(entity: nil)
        #expect(run.lettered.contains { $0.customer == "BOREAL" && $0.items == ["bank-line:P001", "invoice:INV-2026-000102"] }, "\(run.lettered)")
        try await books.unallocate("P001", reason: "the discount was not earned", entity: nil)
        let after = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        #expect(after.imbalance == 0 && (after.rows.first { $0.accountCode == "4950" }?.balance ?? 0) == 0)

        // By hand, as the matcher would: a discount within the limit, never beyond it.
        await #expect(throws: DomainError.self, "60.00 is above 2% of 2,500.00") {
            try await books.allocate("P001", to: [AllocationRequest(invoice: "INV-2026-000102", amount: nil, discount: Money(minorUnits: 6_000, currency: .CAD))], entity: nil)
        }
        await #expect(throws: DomainError.self, "a bank charge above the fee tolerance") {
            try await books.allocate("P001", to: [AllocationRequest(invoice: "INV-2026-000102", amount: nil)], fee: 5_000_00, entity: nil)
        }
        await #expect(throws: DomainError.self, "dated before its cash came in") {
            try await books.allocate("P001", to: [AllocationRequest(invoice: "INV-2026-000102", amount: nil)], on: InsertionOrderTests.date("2026-11-19"), entity: nil)
        }
        // Un-allocated today, its cash waits from today: allocated again no earlier (else both would stand between).
        await #expect(throws: DomainError.self, "dated before it was un-allocated") {
            try await books.allocate("P001", to: [AllocationRequest(invoice: "INV-2026-000102", amount: nil)], on: InsertionOrderTests.date("2026-11-20"), entity: nil)
        }
        let byHand = try await books.allocate("P001", to: [AllocationRequest(invoice: "INV-2026-000102", amount: nil, discount: Money(minorUnits: 5_000, currency: .CAD))], entity: nil)
        #expect(byHand.status == "applied" && byHand.discount == 5_000 && byHand.unapplied == 0 && Self.allocated(byHand) == ["INV-2026-000102=250000"])
        let settled = try await books.invoiceAccount("INV-2026-000102", entity: nil).settlements ?? []
        #expect(settled.map { "\($0.kind) \($0.amount.minorUnits)" } == ["payment 245000", "discount 5000"] && Set(settled.map(\.date)).count == 1
                && (settled.first?.date ?? "") > "2026-11-24", "dated the day it is done: \(settled)")

        // A discount match only proposed (the run's threshold) is confirmed as proposed: the
        // invoice settled in full, the discount booked, not left open.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 39_200, "P003", "BOREAL SPORTS INV-2026-000103 400.00 DISC 8.00"),
        ])]), fileName: "disc2.bai2", match: MatchOverrides(threshold: 100))
        let proposed = try await books.cashAllocations(reference: "P003", entity: nil)[0]
        #expect(proposed.status == "proposed" && proposed.proposed.map { "\($0.invoice)=\($0.amount)" } == ["INV-2026-000103=40000"], "\(proposed.explanation ?? "")")
        let confirmed = try await books.confirm("P003", entity: nil)
        #expect(confirmed.status == "applied" && confirmed.discount == 800 && Self.allocated(confirmed) == ["INV-2026-000103=40000"])
        let last = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        #expect(last.imbalance == 0 && last.rows.first { $0.accountCode == "4950" }?.balance == 5_800)
    }

    @Test("The fee tolerance set for a currency holds for its payments, matched or by hand; a charge or a discount never makes cash", arguments: Backend.allCases)
    func currencyTolerance(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        try await books.setPolicy("cash.fee-tolerance.USD", to: "20.00", entity: nil)
        _ = try await books.importBankFile(Self.bai2([(account: "006123450002", currency: "USD", details: [(195, 76_500, "U201", "LIBERTY OUTFITTERS INV-2026-000301")]),
                                                      (account: "006123450001", currency: "CAD", details: [(195, 96_500, "C201", "BOREAL SPORTS INC INV-2026-000101"),
                                                                                                           (195, 40_000, "C202", "NOTHING KNOWN")])]),
                                           fileName: "tol.bai2", match: MatchOverrides())
        let usd = try await books.cashAllocations(reference: "U201", entity: nil)[0]
        #expect(usd.fee == 0 && usd.deduction == 3_500, "35.00 short is beyond 20.00 USD: \(usd.explanation ?? "")")
        let cad = try await books.cashAllocations(reference: "C201", entity: nil)[0]
        #expect(cad.fee == 3_500 && cad.deduction == nil, "within 50.00 CAD: \(cad.explanation ?? "")")
        // By hand: a charge is what the cash falls short, no more; an invoice is named once.
        await #expect(throws: DomainError.self, "400.00 settles 400.00: no charge to add") {
            try await books.allocate("C202", to: [AllocationRequest(invoice: "INV-2026-000103", amount: nil)], fee: 2_000, entity: nil)
        }
        await #expect(throws: DomainError.self, "a charge needs an invoice") { try await books.allocate("C202", to: [], customer: "BOREAL", fee: 500, entity: nil) }
        await #expect(throws: DomainError.self, "a charge settles its invoice in full") {
            try await books.allocate("C202", to: [AllocationRequest(invoice: "INV-2026-000102", amount: Money(minorUnits: 41_000, currency: .CAD))], customer: "BOREAL", fee: 1_000, entity: nil)
        }
        await #expect(throws: DomainError.self, "so does a discount") {
            try await books.allocate("C202", to: [AllocationRequest(invoice: "INV-2026-000102", amount: Money(minorUnits: 41_000, currency: .CAD),
                                                                    discount: Money(minorUnits: 1_000, currency: .CAD))], customer: "BOREAL", entity: nil)
        }
        // Discounts not granted and a charge, together, stay within the tolerance (50.00 CAD).
        _ = try await books.importOpenItems(Data("""
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            BOREAL,INV-2026-000111,2026-10-31,2026-11-30,CAD,200.00,200.00
            BOREAL,INV-2026-000112,2026-10-31,2026-11-30,CAD,260.00,260.00
            """.utf8), fileName: "two.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        await #expect(throws: DomainError.self, "60.00 let go in all") {
            try await books.allocate("C202", to: [AllocationRequest(invoice: "INV-2026-000111", amount: nil, discount: Money(minorUnits: 3_000, currency: .CAD)),
                                                 AllocationRequest(invoice: "INV-2026-000112", amount: nil, discount: Money(minorUnits: 3_000, currency: .CAD))], entity: nil)
        }
        let within = try await books.allocate("C202", to: [AllocationRequest(invoice: "INV-2026-000111", amount: nil, discount: Money(minorUnits: 2_500, currency: .CAD)),
                                                           AllocationRequest(invoice: "INV-2026-000112", amount: Money(minorUnits: 22_500, currency: .CAD))], entity: nil)
        #expect(within.discount == 2_500 && within.unapplied == 0, "25.00 let go: 175.00 and the discount settle INV-…111, 225.00 part of INV-…112")
        await #expect(throws: DomainError.self, "named twice") {
            try await books.allocate("C202", to: [AllocationRequest(invoice: "INV-2026-000102", amount: Money(minorUnits: 20_000, currency: .CAD)),
                                                 AllocationRequest(invoice: "INV-2026-000102", amount: Money(minorUnits: 20_000, currency: .CAD))], customer: "BOREAL", entity: nil)
        }
        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-12-31"), entity: nil)
        #expect(tb.imbalance == 0)
    }

    @Test("A foreign-currency credit booked at a rate set days before its own says so", arguments: Backend.allCases)
    func staleRate(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let late = String(decoding: Self.bai2([(account: "006123450002", currency: "USD", details: [(195, 80_000, "U101", "LIBERTY OUTFITTERS INV-2026-000301")])]), as: UTF8.self)
            .replacingOccurrences(of: "261120", with: "261130")
        let summary = try await books.importBankFile(Data(late.utf8), fileName: "late.bai2")
        #expect(summary.warnings.count == 1 && summary.warnings[0].contains("rate of 2026-11-20 (1.4, 10 days before)"), "\(summary.warnings)")
        let onTime = try await books.importBankFile(Self.statement, fileName: "stmt.bai2")
        #expect(onTime.warnings.isEmpty, "the day's rate: \(onTime.warnings)")
    }

    @Test("A proposal with a bank charge shows and confirms what it settles, the charge counted once", arguments: Backend.allCases)
    func proposalWithCharge(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 248_500, "F001", "BOREAL SPORTS INC INV-2026-000102"),
        ])]), fileName: "fee.bai2", match: MatchOverrides(threshold: 100))
        let row = try await books.cashAllocations(reference: "F001", entity: nil)[0]
        #expect(row.status == "proposed" && row.proposed.map { "\($0.invoice)=\($0.amount)" } == ["INV-2026-000102=250000"])
        let confirmed = try await books.confirm("F001", entity: nil)
        #expect(confirmed.fee == 1_500 && Self.allocated(confirmed) == ["INV-2026-000102=250000"] && confirmed.unapplied == 0)
    }

    @Test("A proposal for an invoice whose number holds the proposal's separators confirms that invoice", arguments: Backend.allCases)
    func proposalWithSeparatorsInNumber(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        // Numbers migrated from another system may hold any character.
        _ = try await books.importOpenItems(Data("""
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            BOREAL,"OLD;7,A=1%3B",2026-09-15,2026-10-15,CAD,777.77,777.77
            """.utf8), fileName: "old.csv", on: InsertionOrderTests.date("2026-11-01"), entity: nil)
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 77_777, "S001", "BOREAL SPORTS INC PAYMENT"),
        ])]), fileName: "sep.bai2", match: MatchOverrides(threshold: 100))
        let row = try await books.cashAllocations(reference: "S001", entity: nil)[0]
        #expect(row.status == "proposed" && row.proposed.map { "\($0.invoice)=\($0.amount)" } == ["OLD;7,A=1%3B=77777"], "\(row)")
        let confirmed = try await books.confirm("S001", entity: nil)
        #expect(confirmed.status == "applied" && Self.allocated(confirmed) == ["OLD;7,A=1%3B=77777"])
    }

    @Test("An entity whose 4950 was another account gets its sales discounts account at the next free code", arguments: Backend.allCases)
    func salesDiscountsElsewhere(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        try await books.store.write(actor: "test") { tx in
            try await tx.sql.raw("UPDATE accounts SET role = NULL, name = 'Freight recovered' WHERE code = '4950'").run()
            try await tx.sql.raw("INSERT INTO accounts (entity_id, code, name, type, role, currency, is_active) SELECT entity_id, '4951', 'Other', 'revenue', NULL, NULL, 1 FROM accounts WHERE code = '4950'").run()
            for statement in Migration.salesDiscountsElsewhere.statements { try await tx.sql.raw(SQLQueryString(statement)).run() }
        }
        let accounts = try await books.accounts(entity: nil)
        #expect(accounts.filter { $0.role == .salesDiscounts }.map(\.code) == ["4952"])
        #expect(accounts.first { $0.code == "4950" }?.name == "Freight recovered")
    }
}

/// Credits the bank took back on the statement that brought them.
extension CashApplicationTests {
    @Test("A cheque returned NSF on the statement that brought it pays nothing: the credit is booked returned, the other credits match as usual", arguments: Backend.allCases)
    func creditReturnedOnItsStatement(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 100_000, "N001", "BOREAL SPORTS INC CHQ 8626 INV-2026-000101"),
            (195, 40_000, "N002", "BOREAL SPORTS INC INV-2026-000103"),
            (555, 100_000, "N003", "RETURNED ITEM NSF CHQ 8626"),
        ])]), fileName: "nsf.bai2", match: MatchOverrides())
        let rows = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(rows["N001"]?.status == "returned" && rows["N001"]?.returned_by == "N003" && rows["N001"]?.left == 0, "\(String(describing: rows["N001"]))")
        #expect(rows["N003"]?.status == "return" && rows["N003"]?.returns == "N001", "\(String(describing: rows["N003"]))")
        #expect(rows["N002"]?.status == "applied")
        #expect(try await Self.balance("INV-2026-000101", books) == 100_000, "still open: the cheque bounced")
        // The cheque's cash came in and went out: nothing of it waits in unidentified receipts.
        #expect(try await Self.trialBalance("2160", books) == 0)
        // One of two credits alike taken back: neither applied, a person says which.
        _ = try await books.importBankFile(Self.bai2([(account: "006123450001", currency: "CAD", details: [
            (195, 50_000, "N011", "HARBOURFRONT MEDIA ACH BATCH 40012 INV-2026-000201 PART 1"),
            (195, 50_000, "N012", "HARBOURFRONT MEDIA ACH BATCH 40012 INV-2026-000201 PART 2"),
            (557, 50_000, "N013", "ACH RETURN R01 BATCH 40012"),
        ])]), fileName: "batch.bai2", match: MatchOverrides())
        let again = Dictionary(uniqueKeysWithValues: try await books.cashAllocations(entity: nil).map { ($0.bank_reference, $0) })
        #expect(again["N011"]?.status == "proposed" && again["N011"]?.explanation?.contains("N013") == true, "\(String(describing: again["N011"]))")
        #expect(again["N012"]?.status != "applied")
        #expect(again["N013"]?.status == "not-a-customer-payment" && again["N013"]?.explanation?.contains("takes back one of N011, N012") == true, "\(String(describing: again["N013"]))")
    }
}
