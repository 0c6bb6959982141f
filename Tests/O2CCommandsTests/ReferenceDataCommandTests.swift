import Foundation
import Testing
@testable import O2CCommands

@Suite("Customers and IOs through the command line")
struct ReferenceDataCommandTests {
    static let devCustomers = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/data/cash-application-dev/customers.csv").standardized.path

    @Test("customers import, check, show, export; a bad file reports every bad row and imports nothing")
    func customers() async throws {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("o2c.sqlite").path
        #expect(await o2c("init", "--database", db, "--entity", "T", "--currency", "CAD", "--country", "CA", "--region", "QC").status == 0)
        let imported = await o2c("customers", "import", Self.devCustomers, "--database", db)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("200 created, 0 updated, 0 unchanged"))
        let again = await o2c("customers", "import", Self.devCustomers, "--database", db)
        #expect(again.out.contains("0 created, 0 updated, 200 unchanged"))
        let check = await o2c("customers", "check", "--format", "json", "--database", db)
        let rows = try JSONSerialization.jsonObject(with: Data(check.out.utf8)) as! [[String: Any]]
        #expect(rows.count == 200 && (rows[0]["missing"] as! [String]).contains("bill-to street address"))
        let show = await o2c("customers", "show", "C10001", "--database", db)
        #expect(show.out.contains("Pacific Auto Group Ltée") && show.out.contains("customer.create"))

        let bad = folder.appendingPathComponent("bad.csv")
        try Data("code,legal_name,currency,language\nA1,Alpha,CAD,de\nB2,Beta,XYZ,en\nC3,Gamma,CAD,xx\n".utf8).write(to: bad)
        let refused = await o2c("customers", "import", bad.path, "--database", db)
        #expect(refused.status == 1)
        #expect(refused.err.contains("2 errors; nothing was imported"))
        #expect(refused.err.contains("bad.csv:3: currency: unknown currency 'XYZ'"))
        #expect(refused.err.contains("bad.csv:4: language: 'xx' is not an ISO 639-1 language code"))
        #expect(!refused.err.contains("bad.csv:2"), "a customer reading German is accepted")
        let list = await o2c("customers", "list", "--format", "csv", "--database", db)
        #expect(!list.out.contains("A1,Alpha"), "the good row of a bad file must not be imported")
    }

    @Test("io import, submit, approve by an approver, sign, check")
    func insertionOrders() async throws {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("o2c.sqlite").path
        #expect(await o2c("init", "--database", db, "--entity", "T", "--currency", "CAD", "--country", "CA", "--region", "QC").status == 0)
        let customers = folder.appendingPathComponent("c.csv")
        try Data("""
            code,legal_name,currency,payment_terms,language,address_line1,city,region,postal_code,country,invoicing_email,reminder_email,credit_limit
            BOREAL,Boréal Sports inc.,CAD,net 30,fr,1200 rue Sherbrooke O.,Montréal,QC,H3A 1H6,CA,ap@boreal.example,ar@boreal.example,100000.00
            """.utf8).write(to: customers)
        #expect(await o2c("customers", "import", customers.path, "--database", db).status == 0)
        let csv = folder.appendingPathComponent("io.csv")
        try Data("""
            io_number,advertiser,currency,payment_terms,line,product,pricing,flight_start,flight_end,quantity,rate
            IO-1,BOREAL,CAD,net 30,1,Display,cpm,2026-10-01,2026-10-31,1000000,12.00
            """.utf8).write(to: csv)
        let imported = await o2c("io", "import", csv.path, "--database", db)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(await o2c("io", "submit", "IO-1", "--database", db).status == 0)
        let denied = await o2c("io", "approve", "IO-1", "--database", db, "--user", "bob")
        #expect(denied.status == 1 && denied.err.contains("bob may not approve IO-1"))
        #expect(await o2c("users", "add", "marie", "--role", "approver", "--database", db).status == 0)
        #expect(await o2c("io", "approve", "IO-1", "--database", db, "--user", "marie").status == 0)
        let check = await o2c("io", "check", "--database", db)
        #expect(check.out.contains("approved: awaiting signature"))
        let missing = await o2c("io", "sign", "IO-1", "--signer", "J", "--title", "CMO", "--date", "2026-09-20", "--document", "/no/such.pdf", "--database", db)
        #expect(missing.status == 1 && missing.err.contains("--document: cannot read the signed document '/no/such.pdf'"))
        let pdf = folder.appendingPathComponent("signed.pdf")
        try Data("%PDF-1.4 signed".utf8).write(to: pdf)
        let signed = await o2c("io", "sign", "IO-1", "--signer", "J", "--title", "CMO", "--date", "2026-09-20", "--document", pdf.path, "--database", db)
        #expect(signed.status == 0, "\(signed.err)")
        #expect(await o2c("io", "check", "--database", db).out.contains("Every open IO is ready to close."))
        let shown = await o2c("io", "show", "IO-1", "--format", "json", "--database", db)
        let document = try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as! [String: Any]
        #expect(document["status"] as? String == "signed" && document["ready_to_close"] as? Bool == true)
    }
}
