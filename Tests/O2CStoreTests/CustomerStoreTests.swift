import Foundation
import Testing
import O2CDomain
import O2CFormats
import O2CStore
import O2CTestSupport
import O2CUseCases

@Suite("Customer reference data on SQLite and PostgreSQL")
struct CustomerStoreTests {
    static let devCustomers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/data/cash-application-dev/customers.csv")

    static func books(_ backend: Backend, test: String = #function) async throws -> Books? {
        guard let database = try await TestDatabase.make(backend, test: test) else { return nil }
        let books = Books(store: try await database.open(), actor: "amelie")
        _ = try await books.createEntity(LedgerStoreTests.canada)
        return books
    }

    static let header = "code,legal_name,currency,payment_terms,language,address_line1,city,region,postal_code,country,invoicing_email,reminder_email,gst_hst_number,credit_limit,payer_aliases,bank_accounts"
    static let goodRows = """
        BOREAL,Boréal Sports inc.,CAD,net 30,fr,1200 rue Sherbrooke O.,Montréal,QC,H3A 1H6,CA,factures@boreal.example,finance@boreal.example,123456789RT0001,50000.00,BOREAL SPORTS;SPORTS BOREAL,004-12345-1111111
        HARBOUR,"Harbourfront Media Agency, Ltd.",CAD,eom+30,en,200 Bay St,Toronto,ON,M5J 2J2,CA,ap@harbour.example,ar@harbour.example,,250000.00,HARBOURFRONT MEDIA,
        """

    @Test("The development customer file imports as it is, and again changes nothing", arguments: Backend.allCases)
    func developmentFile(_ backend: Backend) async throws {
        guard let books = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let data = try Data(contentsOf: Self.devCustomers)
        let first = try await books.importCustomers(data, fileName: "customers.csv")
        #expect(first.created.count == 200)
        let again = try await books.importCustomers(data, fileName: "customers.csv")
        #expect(again.unchanged.count == 200 && again.created.isEmpty && again.updated.isEmpty)
        let (customer, _) = try await books.customer("C10000")
        #expect(customer.currency == .USD && customer.paymentTerms == .net(45) && customer.billTo?.region == "NY")
        #expect(customer.taxStatus == .zeroRatedNonResident)
        #expect(customer.primaryContact(.invoicing)?.email == "ap@c10000.example.com")
        #expect(customer.delivery == .email("ap@c10000.example.com"))
        // Without street addresses they are not ready to invoice, and the check says why.
        let incomplete = try await books.incompleteCustomers()
        #expect(incomplete.count == 200)
        #expect(incomplete.first?.missing.contains("bill-to street address") == true)
    }

    @Test("Export then import changes nothing", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) async throws {
        guard let books = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importCustomers(Data((Self.header + "\n" + Self.goodRows).utf8), fileName: "c.csv")
        let exported = try await books.exportCustomers()
        let summary = try await books.importCustomers(Data(exported.utf8), fileName: "export.csv")
        #expect(summary.unchanged == ["BOREAL", "HARBOUR"])
        let (boreal, _) = try await books.customer("BOREAL")
        #expect(boreal.payerAliases == ["BOREAL SPORTS", "SPORTS BOREAL"])
        #expect(boreal.bankAccounts == ["004-12345-1111111"])
        #expect(boreal.creditLimit == Money(minorUnits: 5_000_000, currency: .CAD))
        #expect(boreal.isComplete)
        let (harbour, _) = try await books.customer("HARBOUR")
        #expect(harbour.legalName == "Harbourfront Media Agency, Ltd.")
        #expect(harbour.paymentTerms == .endOfMonth(30))
    }

    @Test("One bad row among good ones: every bad row reported, nothing imported", arguments: Backend.allCases)
    func badRows(_ backend: Backend) async throws {
        guard let books = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        let file = Self.header + "\n" + Self.goodRows + "\n" + """
            TUNDRA,Tundra Outdoor Co.,CAD,net 30,en,1 Main,Calgary,XX,T2P 1J9,CA,ap@tundra.example,ar@tundra.example,,,,
            LIBERTY,Liberty Outfitters LLC,USD,net 30,en,1 Main St,Albany,NY,12207,US,not-an-email,ar@liberty.example,,"12,3.4",,
            GHOST,,CAD,net 30,en,1 Main,Toronto,ON,M5J 2J2,CA,ap@ghost.example,ar@ghost.example,123,,,004-12345-1111111
            """
        let error = await #expect(throws: FileErrors.self) { try await books.importCustomers(Data(file.utf8), fileName: "customers.csv") }
        let messages = error?.errors.map(\.description) ?? []
        #expect(messages.contains { $0.hasPrefix("customers.csv:4: region: 'XX' is not a Canadian province") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("customers.csv:5: invoicing_email: 'not-an-email'") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("customers.csv:6: legal_name") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("customers.csv:6: gst_hst_number") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("customers.csv:5: credit_limit: '12,3.4' is not a valid amount") }, "\(messages)")
        #expect(messages.count == 5, "\(messages)")
        #expect(try await books.allCustomers().isEmpty)
    }

    @Test("Every field change is in the audit trail, visible per customer", arguments: Backend.allCases)
    func history(_ backend: Backend) async throws {
        guard let books = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importCustomers(Data((Self.header + "\n" + Self.goodRows).utf8), fileName: "c.csv")
        let change = "code,payment_terms,credit_hold\nBOREAL,net 45,yes\n"
        let summary = try await books.importCustomers(Data(change.utf8), fileName: "terms.csv")
        #expect(summary.updated == ["BOREAL"] && summary.unchanged == [])
        let (customer, trail) = try await books.customer("BOREAL")
        #expect(customer.paymentTerms == .net(45) && customer.creditHold)
        #expect(customer.legalName == "Boréal Sports inc.", "columns absent from the file are left as they were")
        #expect(trail.map(\.action) == ["customer.create", "customer.update"])
        #expect(trail.last?.actor == "amelie")
        #expect(changedFields(before: trail.last?.before, after: trail.last?.after) == ["creditHold", "paymentTerms"])
    }

    @Test("A bank account pays for one customer", arguments: Backend.allCases)
    func bankAccounts(_ backend: Backend) async throws {
        guard let books = try await Self.books(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importCustomers(Data((Self.header + "\n" + Self.goodRows).utf8), fileName: "c.csv")
        let clash = "code,bank_accounts\nHARBOUR,004-12345-1111111\n"
        let error = await #expect(throws: FileErrors.self) { try await books.importCustomers(Data(clash.utf8), fileName: "clash.csv") }
        #expect(error?.errors.first?.description.contains("already pays for customer BOREAL") == true)
        #expect(try await books.customer("HARBOUR").0.bankAccounts == [])
    }
}
