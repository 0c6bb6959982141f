import Foundation
import Testing
import O2CDomain
import O2CFormats
import O2CStore
import O2CTestSupport
import O2CUseCases
import SQLKit

/// The one store suite: every test runs unchanged on SQLite and on PostgreSQL.
@Suite("Ledger store on SQLite and PostgreSQL")
struct LedgerStoreTests {
    static let canada = try! LegalEntity(code: "CA01", name: "Test Canada Inc.", functionalCurrency: .CAD, country: "CA", region: "QC",
                                         taxRegistrations: [TaxRegistration(kind: .gstHst, number: "123456789RT0001")])

    /// Given fresh books with one Québec entity and two customers.
    static func freshBooks(_ backend: Backend, actor: String = "tester", test: String = #function) async throws -> (Books, TestDatabase)? {
        guard let database = try await TestDatabase.make(backend, test: test) else { return nil }
        let books = Books(store: try await database.open(), actor: actor)
        _ = try await books.createEntity(canada)
        _ = try await books.addCustomer(code: "ACME", name: "Acme Advertising Ltd.")
        _ = try await books.addCustomer(code: "BOREAL", name: "Boréal Sports inc.")
        return (books, database)
    }

    static func date(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
    static func cad(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .CAD) }

    static func invoice(_ customer: String, _ minor: Int64, on day: String, journal: JournalKind = .sales) -> JournalEntryDraft {
        JournalEntryDraft(journal: journal, date: date(day), description: "Invoice to \(customer)", reference: "INV",
                          lines: [.debit("1100", cad(minor), customer: customer), .credit("4000", cad(minor))])
    }

    /// Counts what a refused write must leave untouched.
    static func footprint(_ books: Books) async throws -> [Int] {
        try await books.store.read { tx in
            var counts: [Int] = []
            for table in ["journal_entries", "journal_lines", "ledger_balances", "audit_log", "entry_sequences", "closed_periods", "accounts"] {
                counts.append(try await tx.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self))
            }
            counts.append(try await tx.sql.raw("SELECT COALESCE(CAST(SUM(last_number) AS BIGINT), 0) AS n FROM entry_sequences").first()!.decode(column: "n", as: Int.self))
            return counts
        }
    }

    @Test("Migrations are versioned and applied once", arguments: Backend.allCases)
    func migrations(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.freshBooks(backend) else { return }
        #expect(try await books.store.schemaVersion() == Store.latestSchemaVersion)
        #expect(Store.latestSchemaVersion >= 2)
        await books.store.close()
        let again = try await Store.open(database.location)
        #expect(try await again.migrate() == [])
        #expect(try await Books(store: again, actor: "t").entities().map(\.entity.code) == ["CA01"])
        await again.close()
    }

    @Test("An entity comes with journals, number series and the default chart", arguments: Backend.allCases)
    func entityCreation(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.freshBooks(backend) else { return }
        defer { Task { await books.store.close() } }
        let entity = try await books.entity(nil)
        #expect(entity.entity.taxRegistrations.map(\.number) == ["123456789RT0001"])
        #expect(entity.entity.numberSeries.map(\.code) == ["CRN", "INV"])
        let accounts = try await books.accounts(entity: "CA01")
        #expect(accounts.contains { $0.role == .receivable && $0.code == "1100" })
        #expect(accounts.filter { $0.role == .bank }.count == 2)
        let error = await #expect(throws: DomainError.self) { try await books.createEntity(Self.canada) }
        #expect(error?.message.contains("already exists") == true)
        // The chart stays editable, and each change is audited with before and after.
        _ = try await books.updateAccount("4000", name: "Advertising revenue — digital", isActive: nil, entity: nil)
        let trail = try await books.auditTrail(subjectType: "account", subjectID: "4000", limit: 10)
        #expect(trail.map(\.action) == ["account.create", "account.update"])
        #expect(trail.last?.before?.contains("\"Advertising revenue\"") == true)
        #expect(trail.last?.after?.contains("digital") == true)
        #expect(trail.last?.actor == "tester")
    }

    @Test("Entries are numbered gap-free per journal and fiscal year", arguments: Backend.allCases)
    func numbering(_ backend: Backend) async throws {
        guard let database = try await TestDatabase.make(backend) else { return }
        let books = Books(store: try await database.open(), actor: "t")
        defer { Task { await books.store.close() } }
        // A fiscal year from April: March 2026 is fiscal 2026, April 2026 fiscal 2027.
        _ = try await books.createEntity(try LegalEntity(code: "FY", name: "FY Inc.", functionalCurrency: .CAD, country: "CA", region: "ON",
                                                         fiscalYearStartMonth: 4))
        _ = try await books.addCustomer(code: "ACME", name: "Acme")
        let posted = try await books.post([Self.invoice("ACME", 100, on: "2026-03-30"), Self.invoice("ACME", 200, on: "2026-03-31"),
                                           Self.invoice("ACME", 300, on: "2026-04-01"), Self.invoice("ACME", 400, on: "2026-04-02", journal: .miscellaneous)],
                                          entity: nil, source: .manual)
        #expect(posted.map(\.number) == ["SAL-2026-000001", "SAL-2026-000002", "SAL-2027-000001", "MIS-2027-000001"])
        let next = try await books.post([Self.invoice("ACME", 500, on: "2026-03-15")], entity: nil, source: .manual)
        #expect(next[0].number == "SAL-2026-000003")
    }

    @Test("A refused posting writes nothing and gives its number back", arguments: Backend.allCases)
    func atomicity(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.freshBooks(backend) else { return }
        defer { Task { await books.store.close() } }
        try await books.post([Self.invoice("ACME", 1000, on: "2026-10-01")], entity: nil, source: .manual)
        let before = try await Self.footprint(books)
        // A batch whose third entry names an unknown customer: the first two must not land either.
        let error = await #expect(throws: DomainError.self) {
            try await books.post([Self.invoice("ACME", 1, on: "2026-10-02"), Self.invoice("BOREAL", 2, on: "2026-10-03"),
                                  Self.invoice("NOBODY", 3, on: "2026-10-04")], entity: nil, source: .manual)
        }
        #expect(error?.field == "entries[2].lines[0].customer")
        #expect(try await Self.footprint(books) == before)
        let unbalanced = JournalEntryDraft(journal: .miscellaneous, date: Self.date("2026-10-05"), description: "bad",
                                           lines: [.debit("1010", Self.cad(100)), .credit("4000", Self.cad(90))])
        await #expect(throws: DomainError.self) { try await books.post([unbalanced], entity: nil, source: .manual) }
        #expect(try await Self.footprint(books) == before)
        let next = try await books.post([Self.invoice("ACME", 5, on: "2026-10-06")], entity: nil, source: .manual)
        #expect(next[0].number == "SAL-2026-000002")
    }

    @Test("Nothing posts into a closed month; a correction posts into an open one", arguments: Backend.allCases)
    func closedPeriods(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.freshBooks(backend) else { return }
        defer { Task { await books.store.close() } }
        let september = try await books.post([Self.invoice("ACME", 10_000, on: "2026-09-30")], entity: nil, source: .manual)[0]
        try await books.closePeriod(try Period(parsing: "2026-09"), entity: nil)
        await #expect(throws: DomainError.self) { try await books.closePeriod(try Period(parsing: "2026-09"), entity: nil) }
        let before = try await Self.footprint(books)
        let error = await #expect(throws: DomainError.self) {
            try await books.post([Self.invoice("ACME", 1, on: "2026-09-15")], entity: nil, source: .manual)
        }
        #expect(error?.field == "date")
        #expect(error?.message.contains("closed") == true)
        await #expect(throws: DomainError.self) {
            try await books.reverse(september.number, on: Self.date("2026-09-30"), reason: nil, entity: nil)
        }
        #expect(try await Self.footprint(books) == before)
        let reversal = try await books.reverse(september.number, on: Self.date("2026-10-01"), reason: "wrong customer", entity: nil)
        #expect(reversal.date.description == "2026-10-01")
        #expect(try await books.closedPeriods(entity: nil).map(\.description) == ["2026-09"])
    }

    @Test("A reversal points at what it reverses, once", arguments: Backend.allCases)
    func reversals(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.freshBooks(backend) else { return }
        defer { Task { await books.store.close() } }
        let original = try await books.post([Self.invoice("ACME", 12_345, on: "2026-10-10")], entity: nil, source: .manual)[0]
        let reversal = try await books.reverse(original.number, on: nil, reason: "duplicate", entity: nil)
        #expect(reversal.date == original.date)
        #expect(reversal.reversesEntryID == original.id)
        #expect(reversal.lines.map(\.credit) == original.lines.map(\.debit))
        let reread = try await books.entry(original.number, entity: nil)
        #expect(reread.reversedByNumber == reversal.number)
        #expect(try await books.entry(reversal.number, entity: nil).reversesNumber == original.number)
        await #expect(throws: DomainError.self) { try await books.reverse(original.number, on: nil, reason: nil, entity: nil) }
        await #expect(throws: DomainError.self) { try await books.reverse(reversal.number, on: nil, reason: nil, entity: nil) }
        await #expect(throws: DomainError.self) { try await books.reverse("MIS-2026-000099", on: nil, reason: nil, entity: nil) }
        let tb = try await books.trialBalance(asOf: Self.date("2026-10-31"), entity: nil)
        #expect(tb.rows.allSatisfy { $0.balance == 0 })
    }

    @Test("The trial balance from running balances equals the one computed from the lines, at every date", arguments: Backend.allCases)
    func trialBalanceMatchesLines(_ backend: Backend) async throws {
        guard let database = try await TestDatabase.make(backend) else { return }
        let books = Books(store: try await database.open(), actor: "demo")
        defer { Task { await books.store.close() } }
        _ = try await Demo.build(books: books)
        for code in ["CA01", "US01"] {
            let (entity, entries) = try await books.journal(entity: code)
            let accounts = try await books.accounts(entity: code)
            for asOf in ["2026-07-31", "2026-08-01", "2026-08-31", "2026-09-15", "2026-09-30", "2026-10-20", "2026-10-31", "2027-01-01"] {
                let stored = try await books.trialBalance(asOf: Self.date(asOf), entity: code)
                let computed = TrialBalance.compute(entityCode: code, asOf: Self.date(asOf), currency: entity.entity.functionalCurrency,
                                                    accounts: accounts, entries: entries.map { ($0.date, $0.lines) })
                #expect(stored.imbalance == 0)
                #expect(stored.rows.map(\.accountCode) == computed.rows.map(\.accountCode), "\(code) \(asOf)")
                #expect(stored.rows.map(\.debit) == computed.rows.map(\.debit), "\(code) \(asOf)")
                #expect(stored.rows.map(\.credit) == computed.rows.map(\.credit), "\(code) \(asOf)")
                #expect(stored.rows.map(\.byCurrency) == computed.rows.map(\.byCurrency), "\(code) \(asOf)")
                // The sub-ledger: customers' balances add up to the receivable and unapplied-cash accounts.
                let (_, customers) = try await books.customerBalances(asOf: Self.date(asOf), entity: code)
                for control in ["1100", "2150"] {
                    let sum = customers.filter { $0.accountCode == control }.reduce(Int64(0)) { $0 + $1.functionalBalance }
                    #expect(sum == (stored.rows.first { $0.accountCode == control }?.balance ?? 0), "\(code) \(control) \(asOf)")
                }
            }
        }
    }

    @Test("Two writers at once never share or skip a number", arguments: Backend.allCases)
    func concurrentWriters(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.freshBooks(backend) else { return }
        await books.store.close()
        let perWriter = 25
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    // Each writer has its own connection, as two processes would.
                    let own = Books(store: try await Store.open(database.location), actor: "writer\(writer)")
                    do {
                        for n in 0..<perWriter {
                            try await own.post([Self.invoice(writer == 0 ? "ACME" : "BOREAL", Int64(n + 1), on: "2026-10-\(10 + n % 10)")],
                                               entity: nil, source: .manual)
                        }
                    } catch {
                        await own.store.close()
                        throw error
                    }
                    await own.store.close()
                }
            }
            try await group.waitForAll()
        }
        let reader = Books(store: try await Store.open(database.location), actor: "r")
        let (_, entries) = try await reader.journal(entity: nil)
        #expect(entries.map(\.sequence).sorted() == Array(1...(2 * perWriter)))
        #expect(try await reader.trialBalance(asOf: Self.date("2026-10-31"), entity: nil).imbalance == 0)
        await reader.store.close()
    }

    @Test("Every write lands in the audit trail: who, what, before, after", arguments: Backend.allCases)
    func auditTrail(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.freshBooks(backend, actor: "marie") else { return }
        defer { Task { await books.store.close() } }
        let entry = try await books.post([Self.invoice("ACME", 500, on: "2026-10-01")], entity: nil, source: .manual)[0]
        _ = try await books.reverse(entry.number, on: nil, reason: "test", entity: nil)
        try await books.closePeriod(try Period(parsing: "2026-10"), entity: nil)
        let trail = try await books.auditTrail(subjectType: nil, subjectID: nil, limit: 1000)
        let actions = trail.map(\.action)
        #expect(actions.first == "entity.create")
        #expect(actions.contains("customer.create"))
        #expect(actions.suffix(3) == ["ledger.post", "ledger.post", "period.close"])
        #expect(trail.allSatisfy { $0.actor == "marie" })
        let posting = trail.first { $0.subjectID == entry.number }
        #expect(posting?.after?.contains("\"accountCode\":\"1100\"") == true)
    }

    @Test("A database that cannot be opened is a clear error")
    func unopenable() async throws {
        await #expect(throws: StoreError.self) { try await Store.open(.sqlite(path: "/nonexistent-folder/o2c.sqlite"), create: true) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o2c-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let missing = folder.appendingPathComponent("missing.sqlite").path
        let error = await #expect(throws: StoreError.self) { try await Store.open(.sqlite(path: missing)) }
        #expect(error?.message.contains("o2c init") == true)
        #expect(!FileManager.default.fileExists(atPath: missing))
        let garbage = folder.appendingPathComponent("garbage.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: garbage)
        await #expect(throws: StoreError.self) { try await Store.open(.sqlite(path: garbage.path)) }
        await #expect(throws: StoreError.self) { try await Store.open(.postgres(url: "postgres://nobody@127.0.0.1:1/none")) }
    }
}
