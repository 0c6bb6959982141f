import Foundation
import Testing
import O2CStore
import O2CTestSupport
@testable import O2CCommands

@Suite("The o2c command line")
struct CommandLineTests {
    /// Given a database with one Québec entity and a customer.
    func initialized() async throws -> (db: String, folder: URL) {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("o2c.sqlite").path
        let created = await o2c("init", "--database", db, "--entity", "Test Canada Inc.", "--currency", "CAD", "--country", "CA", "--region", "QC",
                                "--gst-hst", "123456789RT0001", "--qst", "1234567890TQ0001")
        #expect(created.status == 0, "\(created.err)")
        #expect(created.out.contains("Created entity CA01"))
        #expect(await o2c("customers", "add", "ACME", "--name", "Acme Advertising Ltd.", "--database", db).status == 0)
        return (db, folder)
    }

    func write(_ text: String, to name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Everything a refused command must leave as it was.
    func snapshot(_ db: String) async -> String {
        let journal = await o2c("ledger", "list", "--format", "json", "--database", db)
        let audit = await o2c("audit", "--format", "json", "--database", db)
        let periods = await o2c("period", "list", "--database", db)
        return journal.out + audit.out + periods.out
    }

    static let goodEntry = """
        {
          "journal": "SAL",
          "date": "2026-10-31",
          "description": "Invoice INV-000123 — October delivery",
          "reference": "INV-000123",
          "lines": [
            { "account": "1100", "customer": "ACME", "debit": "11,497.50" },
            { "account": "4000", "credit": "10000.00", "memo": "Campaign CA-2026-44" },
            { "account": "2310", "credit": "500.00" },
            { "account": "2320", "credit": "997.50" }
          ]
        }
        """

    @Test("init, post, show, trial balance: the JSON output is stable")
    func happyPath() async throws {
        let (db, folder) = try await initialized()
        let file = try write(Self.goodEntry, to: "entry.json", in: folder)
        let posted = await o2c("ledger", "post", file, "--database", db, "--user", "marie")
        #expect(posted.status == 0, "\(posted.err)")
        #expect(posted.out.contains("Posted SAL-2026-000001 dated 2026-10-31"))

        let shown = await o2c("ledger", "show", "SAL-2026-000001", "--format", "json", "--database", db)
        let entry = try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as! [String: Any]
        #expect(Set(entry.keys) == ["number", "entity", "journal", "fiscal_year", "date", "description", "reference", "source",
                                    "posted_at", "posted_by", "functional_currency", "lines"])
        #expect(entry["posted_by"] as? String == "marie")
        let lines = entry["lines"] as! [[String: Any]]
        #expect((lines[0]["debit"] as! [String: Any])["minor"] as? Int == 1_149_750)
        #expect((lines[0]["debit"] as! [String: Any])["amount"] as? String == "11497.50")

        let tb = await o2c("report", "trial-balance", "--as-of", "2026-10-31", "--format", "json", "--database", db)
        #expect(tb.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(tb.out.utf8)) as! [String: Any]
        #expect(Set(report.keys) == ["entity", "as_of", "currency", "accounts", "totals"])
        let totals = report["totals"] as! [String: Any]
        #expect((totals["imbalance"] as! [String: Any])["minor"] as? Int == 0)
        #expect((totals["debit"] as! [String: Any])["amount"] as? String == "11497.50")
        let accounts = report["accounts"] as! [[String: Any]]
        #expect(accounts.map { $0["account"] as! String } == ["1100", "2310", "2320", "4000"])
        #expect(Set(accounts[0].keys) == ["account", "name", "type", "debit", "credit", "balance", "currencies"])

        let table = await o2c("report", "trial-balance", "--as-of", "2026-10-31", "--database", db)
        #expect(table.out.contains("1100     Accounts receivable  11,497.50"))
        #expect(table.out.contains("Total"))
        let csv = await o2c("report", "trial-balance", "--as-of", "2026-10-31", "--format", "csv", "--database", db)
        #expect(csv.out.hasPrefix("account,name,type,debit,credit,balance\r\n1100,Accounts receivable,asset,11497.50,0.00,11497.50\r\n"))

        let reversed = await o2c("ledger", "reverse", "SAL-2026-000001", "--reason", "billed twice", "--database", db)
        #expect(reversed.status == 0, "\(reversed.err)")
        #expect(reversed.out.contains("Posted SAL-2026-000002 dated 2026-10-31, reversing SAL-2026-000001"))
        let closed = await o2c("period", "close", "2026-10", "--database", db)
        #expect(closed.status == 0)
        #expect(closed.out.contains("Closed 2026-10 for CA01"))
    }

    @Test("Bad input: a clear message naming file, line and field; a non-zero exit; an unchanged database", arguments: [
        ("unbalanced", #"{"date": "2026-10-15", "description": "x", "lines": [{"account": "1010", "debit": "100.00"}, {"account": "4000", "credit": "99.00"}]}"#,
         "entry.json:1: lines: the entry does not balance in CAD"),
        ("unknown account", "{\n \"date\": \"2026-10-15\", \"description\": \"x\",\n \"lines\": [\n  {\"account\": \"1010\", \"debit\": \"100.00\"},\n  {\"account\": \"4999\", \"credit\": \"100.00\"}\n ]\n}",
         "entry.json:5: lines[1].account: unknown account '4999'"),
        ("unknown currency", "{\"date\": \"2026-10-15\", \"description\": \"x\", \"lines\": [\n{\"account\": \"1010\", \"debit\": \"100.00\", \"currency\": \"XYZ\"},\n{\"account\": \"4000\", \"credit\": \"100.00\"}]}",
         "entry.json:2: lines[0].currency: unknown currency 'XYZ'"),
        ("malformed amount", "{\"date\": \"2026-10-15\", \"description\": \"x\", \"lines\": [\n{\"account\": \"1010\",\n \"debit\": \"12,3.4\"},\n{\"account\": \"4000\", \"credit\": \"12.34\"}]}",
         "entry.json:3: lines[0].debit: '12,3.4' is not a valid amount"),
        ("amount as a JSON number", "{\"date\": \"2026-10-15\", \"description\": \"x\", \"lines\": [{\"account\": \"1010\", \"debit\": 100.5}, {\"account\": \"4000\", \"credit\": \"100.50\"}]}",
         "entry.json:1: lines[0].debit: write amounts as strings"),
        ("date in a closed month", #"{"date": "2026-09-30", "description": "x", "lines": [{"account": "1010", "debit": "1.00"}, {"account": "4000", "credit": "1.00"}]}"#,
         "entry.json:1: date: 2026-09-30 is in 2026-09, which is closed (the books of CA01 are closed through 2026-09)"),
        ("malformed date", #"{"date": "2026-09-31", "description": "x", "lines": [{"account": "1010", "debit": "1.00"}, {"account": "4000", "credit": "1.00"}]}"#,
         "entry.json:1: date: '2026-09-31' is not a calendar date"),
        ("unknown customer", #"{"date": "2026-10-15", "description": "x", "lines": [{"account": "1100", "customer": "NOBODY", "debit": "1.00"}, {"account": "4000", "credit": "1.00"}]}"#,
         "entry.json:1: lines[0].customer: unknown customer 'NOBODY'"),
        ("typo in a field", "{\"date\": \"2026-10-15\", \"description\": \"x\", \"lines\": [{\"account\": \"1010\", \"debti\": \"1.00\"}]}",
         "entry.json:1: lines[0].debti: unknown field"),
        ("a key twice", "{\"date\": \"2026-10-15\", \"description\": \"x\", \"lines\": [\n{\"account\": \"1010\", \"debit\": \"1.00\",\n \"debit\": \"2.00\"}, {\"account\": \"4000\", \"credit\": \"1.00\"}]}",
         "entry.json:3: debit: appears twice"),
        ("broken JSON", "{\"date\": \"2026-10-15\",\n\"description\": \"x\"\n\"lines\": []}",
         "entry.json:3: invalid JSON: expected ',' or '}'"),
        ("second entry of a list is bad", "[\n{\"date\": \"2026-10-15\", \"description\": \"ok\", \"lines\": [{\"account\": \"1010\", \"debit\": \"1.00\"}, {\"account\": \"4000\", \"credit\": \"1.00\"}]},\n{\"date\": \"2026-10-16\", \"description\": \"bad\", \"lines\": [{\"account\": \"1010\", \"debit\": \"1.00\"}, {\"account\": \"4000\", \"credit\": \"2.00\"}]}\n]",
         "entry.json:3: [1].lines: the entry does not balance in CAD"),
    ])
    func badInput(name: String, json: String, expected: String) async throws {
        let (db, folder) = try await initialized()
        // A first posting and a closed September, so that "unchanged" means something.
        let september = try write(#"{"date": "2026-09-15", "description": "Opening", "lines": [{"account": "1010", "debit": "500.00"}, {"account": "3000", "credit": "500.00"}]}"#, to: "s.json", in: folder)
        #expect(await o2c("ledger", "post", september, "--database", db).status == 0)
        #expect(await o2c("period", "close", "2026-09", "--database", db).status == 0)
        let before = await snapshot(db)
        let file = try write(json, to: "entry.json", in: folder)
        let result = await o2c("ledger", "post", file, "--database", db)
        #expect(result.status != 0, "\(name)")
        #expect(result.err.contains(expected), "\(name): \(result.err)")
        #expect(result.err.hasPrefix("o2c: error: "))
        #expect(await snapshot(db) == before, "\(name) changed the database")
    }

    @Test("Bad options and databases: clear errors, nothing created")
    func badOptions() async throws {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("o2c.sqlite").path
        let missingFolder = await o2c("init", "--database", "/no/such/folder/o2c.sqlite", "--entity", "X", "--currency", "CAD", "--country", "CA", "--region", "QC")
        #expect(missingFolder.status == 1)
        #expect(missingFolder.err.contains("folder '/no/such/folder' does not exist"))
        let noDatabase = await o2c("report", "trial-balance", "--database", db)
        #expect(noDatabase.status == 1)
        #expect(noDatabase.err.contains("no database at"))
        #expect(!FileManager.default.fileExists(atPath: db))
        let badCurrency = await o2c("init", "--database", db, "--entity", "X", "--currency", "ZZZ", "--country", "CA", "--region", "QC")
        #expect(badCurrency.err.contains("--currency: unknown currency 'ZZZ'"))
        let badRegion = await o2c("init", "--database", db, "--entity", "X", "--currency", "CAD", "--country", "CA", "--region", "XX")
        #expect(badRegion.err.contains("--region: 'XX' is not a Canadian province"))
        let badTaxNumber = await o2c("init", "--database", db, "--entity", "X", "--currency", "CAD", "--country", "CA", "--region", "QC", "--qst", "123")
        #expect(badTaxNumber.err.contains("--qst: '123' is not a valid QST number"))
        #expect(!FileManager.default.fileExists(atPath: db), "a refused init created the database")
        let (good, _) = try await initialized()
        let badDate = await o2c("report", "trial-balance", "--as-of", "2026-02-30", "--database", good)
        #expect(badDate.status == 1)
        #expect(badDate.err.contains("--as-of: '2026-02-30' is not a calendar date"))
        let badPeriod = await o2c("period", "close", "2026-13", "--database", good)
        #expect(badPeriod.err.contains("'2026-13' is not a month"))
        let missingFile = await o2c("ledger", "post", "/no/such/entry.json", "--database", good)
        #expect(missingFile.status == 1)
        #expect(missingFile.err.contains("cannot read '/no/such/entry.json'"))
        let usage = await o2c("ledger", "post")
        #expect(usage.status == 64)
        let help = await o2c("--help")
        #expect(help.status == 0 && help.out.contains("OrderToCash"))
    }

    @Test("The executable: O2C_DATABASE selects the database, errors exit non-zero")
    func executable() throws {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("env.sqlite").path
        var environment = ProcessInfo.processInfo.environment
        environment["O2C_DATABASE"] = db
        let created = try #require(try runProgram(o2cExecutable, ["init", "--entity", "Env Inc.", "--currency", "USD", "--country", "US", "--region", "NY"],
                                                 environment: environment))
        #expect(created.status == 0, "\(created.err)")
        #expect(FileManager.default.fileExists(atPath: db))
        let refused = try #require(try runProgram(o2cExecutable, ["period", "close", "bad"], environment: environment))
        #expect(refused.status == 1)
        #expect(refused.err.contains("'bad' is not a month"))
    }

    @Test("The same commands run on PostgreSQL")
    func postgres() async throws {
        guard let database = try await TestDatabase.make(.postgres), case .postgres(let url) = database.location else { return }
        #expect(await o2c("init", "--database", url, "--entity", "PG Inc.", "--currency", "CAD", "--country", "CA", "--region", "ON").status == 0)
        #expect(await o2c("customers", "add", "ACME", "--name", "Acme", "--database", url).status == 0)
        let file = database.folder.appendingPathComponent("e.json")
        try Data(Self.goodEntry.utf8).write(to: file)
        let posted = await o2c("ledger", "post", file.path, "--database", url)
        #expect(posted.status == 0, "\(posted.err)")
        let tb = await o2c("report", "trial-balance", "--as-of", "2026-10-31", "--format", "csv", "--database", url)
        #expect(tb.out.contains("1100,Accounts receivable,asset,11497.50,0.00,11497.50"))
    }
}
