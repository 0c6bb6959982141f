import Foundation
import Testing
import O2CDomain
import O2CFormats
import O2CStore
import O2CTestSupport
import O2CUseCases
import SQLKit

@Suite("Insertion orders on SQLite and PostgreSQL")
struct InsertionOrderTests {
    static let customers = """
        code,legal_name,kind,currency,payment_terms,language,address_line1,city,region,postal_code,country,invoicing_email,reminder_email,credit_limit,po_required,credit_hold
        BOREAL,Boréal Sports inc.,advertiser,CAD,net 30,fr,1200 rue Sherbrooke O.,Montréal,QC,H3A 1H6,CA,factures@boreal.example,finance@boreal.example,100000.00,no,no
        HARBOUR,Harbourfront Media Agency Ltd.,agency,CAD,net 45,en,200 Bay St,Toronto,ON,M5J 2J2,CA,ap@harbour.example,ar@harbour.example,100000.00,yes,no
        TUNDRA,Tundra Outdoor Co.,advertiser,CAD,net 30,en,1 Main,Calgary,AB,,CA,ap@tundra.example,ar@tundra.example,50000.00,no,no
        LIBERTY,Liberty Outfitters LLC,advertiser,USD,net 30,en,350 Fifth Ave,New York,NY,10118,US,ap@liberty.example,ar@liberty.example,80000.00,no,yes
        """

    /// An IO of BOREAL within every rule of the default policy: 20,000.00 CAD.
    static func io(_ number: String, billTo: String = "BOREAL", currency: String = "CAD", terms: String = "net 30", po: String? = nil,
                   rate: String = "10.00", quantity: Int = 2_000_000, start: String = "2026-10-01", end: String = "2026-10-31") -> String {
        """
        {"number": "\(number)", "advertiser": "BOREAL", "bill_to": "\(billTo)", "currency": "\(currency)", "payment_terms": "\(terms)"\(po.map { ", \"po_number\": \"\($0)\"" } ?? ""),
         "lines": [{"line": 1, "product": "Display", "pricing": "cpm", "flight_start": "\(start)", "flight_end": "\(end)", "quantity": \(quantity), "rate": "\(rate)"}]}
        """
    }

    /// Given books with customers, an approver (marie), and a signed document on disk.
    static func books(_ backend: Backend, actor: String = "sam", test: String = #function) async throws -> (Books, TestDatabase)? {
        guard let database = try await TestDatabase.make(backend, test: test) else { return nil }
        let store = try await database.open()
        let books = Books(store: store, actor: actor)
        _ = try await books.createEntity(LedgerStoreTests.canada)
        _ = try await books.importCustomers(Data(customers.utf8), fileName: "customers.csv")
        try await books.addUser("marie", roles: ["approver"])
        try Data("%PDF-1.4 signed IO".utf8).write(to: database.folder.appendingPathComponent("signed.pdf"))
        return (books, database)
    }

    static func importIO(_ books: Books, _ json: String) async throws {
        _ = try await books.importIOs(Data(json.utf8), fileName: "io.json", entity: nil)
    }

    static func approver(_ books: Books) -> Books { Books(store: books.store, actor: "marie") }

    static func date(_ s: String) -> BusinessDate { try! BusinessDate(parsing: s) }

    @Test("The lifecycle: each step in order, every other step refused with its reason", arguments: Backend.allCases)
    func lifecycle(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let marie = Self.approver(books)
        let pdf = database.folder.appendingPathComponent("signed.pdf").path
        try await Self.importIO(books, Self.io("IO-1"))

        func refused(_ expected: String, _ body: () async throws -> Void) async {
            do {
                try await body()
                Issue.record("not refused; expected: \(expected)")
            } catch let error as DomainError {
                #expect(error.message.contains(expected), "\(error.message)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        await refused("it is a draft: submit it first") { _ = try await marie.approveIO("IO-1", entity: nil) }
        await refused("must be approved before it is signed") {
            _ = try await books.signIO("IO-1", signer: "J", title: "CMO", on: Self.date("2026-09-20"), document: pdf, entity: nil)
        }
        await refused("only a signed IO becomes active") { _ = try await books.activateIO("IO-1", entity: nil) }
        await refused("only a signed or active IO is amended") { _ = try await books.reviseIO("IO-1", from: nil, fileName: nil, entity: nil) }
        _ = try await books.submitIO("IO-1", entity: nil)
        await refused("cannot submit IO-1: it is submitted") { _ = try await books.submitIO("IO-1", entity: nil) }
        await refused("sam may not approve") { _ = try await books.approveIO("IO-1", entity: nil) }
        _ = try await marie.approveIO("IO-1", entity: nil)
        await refused("only a signed IO becomes active") { _ = try await books.activateIO("IO-1", entity: nil) }
        let signature = try await books.signIO("IO-1", signer: "Julie Roy", title: "VP Media", on: Self.date("2026-09-20"), document: pdf, entity: nil)
        #expect(signature.documentSHA256 == Books.sha256(Data("%PDF-1.4 signed IO".utf8)))
        await refused("only an active IO is completed") { _ = try await books.completeIO("IO-1", entity: nil) }
        _ = try await books.activateIO("IO-1", entity: nil)
        _ = try await books.completeIO("IO-1", entity: nil)
        await refused("it is completed") { _ = try await books.cancelIO("IO-1", reason: "late", entity: nil) }
        #expect(try await books.ioCheck(entity: nil).isEmpty)
        let (_, _, history) = try await books.ioFindings("IO-1", entity: nil)
        #expect(history.map(\.action) == ["io.create", "io.submit", "io.approve", "io.signature", "io.sign", "io.activate", "io.complete"])
        #expect(history[2].actor == "marie")
        // Cancelling is open until completion.
        try await Self.importIO(books, Self.io("IO-2"))
        _ = try await books.cancelIO("IO-2", reason: "campaign dropped", entity: nil)
        await refused("it is cancelled") { _ = try await books.submitIO("IO-2", entity: nil) }
    }

    @Test("Each policy rule is named with its reason", arguments: Backend.allCases)
    func policyRules(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        try await books.setPolicy("max-payment-terms-days", to: "60", entity: nil)
        try await Self.importIO(books, "[" + [
            Self.io("TERMS", terms: "net 45"),                                   // longer than BOREAL's net 30
            Self.io("MAXTERMS", billTo: "HARBOUR", terms: "net 90", po: "PO-1"), // longer than the entity's 60
            Self.io("CUR", currency: "USD"),
            Self.io("FLOOR", rate: "1.50"),                                      // CPM below 2.00
            Self.io("PO", billTo: "HARBOUR"),                                    // HARBOUR requires a PO
            Self.io("INCOMPLETE", billTo: "TUNDRA"),                             // TUNDRA has no postal code
            Self.io("CREDIT", rate: "60.00"),                                    // 120,000.00 > 100,000.00
            Self.io("HOLD", billTo: "LIBERTY", currency: "USD"),
        ].joined(separator: ",") + "]")
        let expected: [(String, PolicyRule, String)] = [
            ("TERMS", .paymentTerms, "longer than BOREAL's approved terms (net 30)"),
            ("MAXTERMS", .paymentTerms, "exceed the company maximum of 60 days"),
            ("CUR", .currency, "the IO is in USD but BOREAL is billed in CAD"),
            ("FLOOR", .rateFloor, "CPM rate 1.50 is below the floor of 2"),
            ("PO", .purchaseOrder, "HARBOUR requires a PO number"),
            ("INCOMPLETE", .billToComplete, "bill-to TUNDRA is incomplete: bill-to postal code"),
            ("CREDIT", .creditLimit, "exceeds BOREAL's credit limit of 100,000.00 CAD"),
            ("HOLD", .creditHold, "LIBERTY is on credit hold"),
        ]
        for (number, rule, reason) in expected {
            let (_, findings, _) = try await books.ioFindings(number, entity: nil)
            let violation = findings.violations.first { $0.rule == rule }
            #expect(violation?.reason.contains(reason) == true, "\(number): \(findings.violations)")
            #expect(findings.violations.count == 1, "\(number): \(findings.violations)")
        }
        // Breaches that are fixed, not excused, block submission; the others wait for an approver.
        for number in ["CUR", "PO", "INCOMPLETE"] {
            await #expect(throws: DomainError.self) { try await books.submitIO(number, entity: nil) }
        }
        _ = try await books.submitIO("FLOOR", entity: nil)
        let marie = Self.approver(books)
        await #expect(throws: DomainError.self) { try await marie.approveIO("FLOOR", entity: nil) }
        await #expect(throws: DomainError.self) { try await books.grantException("FLOOR", rule: .rateFloor, reason: "launch", entity: nil) }
        await #expect(throws: DomainError.self) { try await marie.grantException("FLOOR", rule: .creditLimit, reason: "not breached", entity: nil) }
        await #expect(throws: DomainError.self) { try await marie.grantException("CUR", rule: .currency, reason: "cannot be excused", entity: nil) }
        try await marie.grantException("FLOOR", rule: .rateFloor, reason: "launch discount agreed by the CRO", entity: nil)
        let approved = try await marie.approveIO("FLOOR", entity: nil)
        #expect(approved.openViolations.isEmpty && approved.violations.count == 1)
        let (io, _, _) = try await books.ioFindings("FLOOR", entity: nil)
        #expect(io.exceptions.first?.grantedBy == "marie" && io.exceptions.first?.reason == "launch discount agreed by the CRO")
    }

    @Test("Exposure counts open receivables and the signed backlog", arguments: Backend.allCases)
    func exposure(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let marie = Self.approver(books)
        let pdf = database.folder.appendingPathComponent("signed.pdf").path
        // 50,000.00 already owed by BOREAL.
        try await books.post([JournalEntryDraft(journal: .sales, date: Self.date("2026-09-30"), description: "Invoice", reference: "INV-9",
                                                lines: [.debit("1100", Money(minorUnits: 5_000_000, currency: .CAD), customer: "BOREAL"),
                                                        .credit("4000", Money(minorUnits: 5_000_000, currency: .CAD))])], entity: nil, source: .manual)
        try await Self.importIO(books, Self.io("A", rate: "15.00"))  // 30,000.00
        for step in 0..<1 { _ = step
            _ = try await books.submitIO("A", entity: nil)
            _ = try await marie.approveIO("A", entity: nil)
            _ = try await books.signIO("A", signer: "J", title: "CMO", on: Self.date("2026-09-20"), document: pdf, entity: nil)
        }
        // 50,000 open + 30,000 signed + 25,000 = 105,000 > 100,000.
        try await Self.importIO(books, Self.io("B", rate: "12.50"))
        let (_, findings, _) = try await books.ioFindings("B", entity: nil)
        #expect(findings.violations.map(\.rule) == [.creditLimit])
        #expect(findings.violations.first?.reason.contains("105,000.00 CAD") == true, "\(findings.violations)")
    }

    @Test("A signed revision never changes; an amendment is a new revision", arguments: Backend.allCases)
    func revisions(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let marie = Self.approver(books)
        let pdf = database.folder.appendingPathComponent("signed.pdf").path
        try await Self.importIO(books, Self.io("IO-7"))
        // A draft is corrected by importing it again.
        try await Self.importIO(books, Self.io("IO-7", rate: "11.00"))
        _ = try await books.submitIO("IO-7", entity: nil)
        _ = try await marie.approveIO("IO-7", entity: nil)
        _ = try await books.signIO("IO-7", signer: "J", title: "CMO", on: Self.date("2026-09-20"), document: pdf, entity: nil)
        let error = await #expect(throws: FileErrors.self) { try await Self.importIO(books, Self.io("IO-7", rate: "9.00")) }
        #expect(error?.errors.first?.message.contains("its terms change only by a new revision") == true)
        let revision = try await books.reviseIO("IO-7", from: Data(Self.io("IO-7", rate: "12.00", quantity: 3_000_000).utf8), fileName: "amend.json", entity: nil)
        #expect(revision == 2)
        let (io, findings, _) = try await books.ioFindings("IO-7", entity: nil)
        #expect(io.status == .draft)
        #expect(io.revisions.count == 2)
        #expect(io.revisions[0].lines[0].unitRate == (try ExactDecimal(parsing: "11.00")))
        #expect(io.revisions[0].signature?.signerName == "J", "the signed revision keeps its signature")
        #expect(io.revisions[1].signature == nil && io.revisions[1].lines[0].bookedQuantity == 3_000_000)
        #expect(findings.blockers.contains("draft: not submitted"))
        await #expect(throws: DomainError.self) { try await books.activateIO("IO-7", entity: nil) }
    }

    @Test("A signed document that changed afterwards is caught", arguments: Backend.allCases)
    func tamperedSignature(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let marie = Self.approver(books)
        try await Self.importIO(books, Self.io("IO-9"))
        _ = try await books.submitIO("IO-9", entity: nil)
        _ = try await marie.approveIO("IO-9", entity: nil)
        _ = try await books.signIO("IO-9", signer: "J", title: "CMO", on: Self.date("2026-09-20"),
                                   document: database.folder.appendingPathComponent("signed.pdf").path, entity: nil)
        try await books.store.write(actor: "intruder") { tx in
            try await tx.sql.raw("UPDATE documents SET content = \(bind: Data("%PDF-1.4 other terms".utf8))").run()
        }
        let error = await #expect(throws: DomainError.self) { try await books.activateIO("IO-9", entity: nil) }
        #expect(error?.message.contains("has changed: SHA-256") == true)
        let check = try await books.ioCheck(entity: nil)
        #expect(check.first?.blockers.contains { $0.contains("has changed") } == true)
    }

    @Test("Bad input: clear errors, nothing written", arguments: Backend.allCases)
    func badInput(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let file = "[" + Self.io("GOOD") + ",\n" + Self.io("BACKWARDS", start: "2026-10-31", end: "2026-10-01") + ",\n"
            + Self.io("NEGATIVE", quantity: -5) + ",\n" + Self.io("NOBODY", billTo: "GHOST") + "]"
        let error = await #expect(throws: FileErrors.self) { try await Self.importIO(books, file) }
        let messages = error?.errors.map(\.description) ?? []
        #expect(messages.contains { $0.contains("flight_end: the flight ends (2026-10-01) before it starts (2026-10-31)") }, "\(messages)")
        #expect(messages.contains { $0.contains("quantity: the booked quantity must be positive (got -5)") }, "\(messages)")
        #expect(messages.contains { $0.contains("bill_to: unknown customer 'GHOST'") }, "\(messages)")
        #expect(messages.allSatisfy { $0.hasPrefix("io.json:") }, "\(messages)")
        #expect(try await books.ios(entity: nil).isEmpty)
        // A signature file that does not exist.
        try await Self.importIO(books, Self.io("IO-3"))
        _ = try await books.submitIO("IO-3", entity: nil)
        _ = try await Self.approver(books).approveIO("IO-3", entity: nil)
        let missing = await #expect(throws: DomainError.self) {
            try await books.signIO("IO-3", signer: "J", title: "CMO", on: Self.date("2026-09-20"),
                                   document: database.folder.appendingPathComponent("nope.pdf").path, entity: nil)
        }
        #expect(missing?.field == "--document")
        let (io, _, _) = try await books.ioFindings("IO-3", entity: nil)
        #expect(io.status == .approved && io.current.signature == nil)
    }

    @Test("CSV: one row per line, the header repeated")
    func csvFile() throws {
        let csv = """
            io_number,advertiser,bill_to,currency,payment_terms,line,product,pricing,flight_start,flight_end,quantity,rate,billing_source
            IO-5,BOREAL,BOREAL,CAD,net 30,1,Display,cpm,2026-10-01,2026-10-31,"1,000,000",12.00,third-party
            IO-5,BOREAL,BOREAL,CAD,net 30,2,Video,cpcv,2026-10-01,2026-10-31,200000,0.03,first-party
            """
        let entries = try IOFile.read(Data(csv.utf8), fileName: "io.csv")
        #expect(entries.count == 1)
        #expect(entries[0].terms.lines.map(\.bookedQuantity) == [1_000_000, 200_000])
        #expect(entries[0].terms.total == Money(minorUnits: 1_800_000, currency: .CAD))
        let inconsistent = csv.replacingOccurrences(of: "IO-5,BOREAL,BOREAL,CAD,net 30,2", with: "IO-5,BOREAL,BOREAL,CAD,net 45,2")
        #expect(throws: FileErrors.self) { try IOFile.read(Data(inconsistent.utf8), fileName: "io.csv") }
    }
}
