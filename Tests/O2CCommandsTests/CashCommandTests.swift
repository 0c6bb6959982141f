import Foundation
import Testing
@testable import O2CCommands

@Suite("Cash application through the command line")
struct CashCommandTests {
    static let devCase = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared/data/cash-application-dev").standardized

    @Test("bank import --match by the entity's policy (o2c policy set cash.…); deductions listed; a bad setting refused")
    func importAndMatch() async throws {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("o2c.sqlite").path
        let file = { (name: String) in Self.devCase.appendingPathComponent(name).path }
        #expect(await o2c("init", "--database", db, "--entity", "Case Canada Inc.", "--currency", "CAD", "--country", "CA", "--region", "QC").status == 0)
        #expect(await o2c("customers", "import", file("customers.csv"), "--database", db).status == 0)
        for (number, currency, ledger) in [("004-12345-6789012", "CAD", "1010"), ("004-12345-6789020", "USD", "1020")] {
            let added = await o2c("bank", "accounts", "add", number, "--currency", currency, "--ledger-account", ledger, "--bank-name", "Bank", "--database", db)
            #expect(added.status == 0, "\(added.err)")
        }
        #expect(await o2c("fx", "set", "USD", "2000-01-01", "1.3800", "--database", db).status == 0)
        let open = await o2c("invoices", "import-open", file("open_items.csv"), "--date", "2000-01-01", "--database", db)
        #expect(open.status == 0, "\(open.err)")

        let refused = await o2c("policy", "set", "cash.threshold", "150", "--database", db)
        #expect(refused.status != 0 && refused.err.contains("cash.threshold"))
        #expect(await o2c("policy", "set", "cash.fee-tolerance", "40.00", "--database", db).status == 0)
        let policy = await o2c("policy", "show", "--database", db)
        #expect(policy.out.contains("cash.fee-tolerance      40.00") && policy.out.contains("cash.threshold          85"), "\(policy.out)")

        let imported = await o2c("bank", "import", file("statement.bai2"), "--match", "--database", db)
        #expect(imported.status == 0, "\(imported.err)")
        #expect(imported.out.contains("Matched 600 bank credits: 461 applied, 0 proposed"), "\(imported.out)")
        #expect(await o2c("cash", "match", "--database", db).out.hasPrefix("0 bank credits"))
        let waiting = await o2c("cash", "allocations", "--status", "new", "--format", "csv", "--database", db)
        #expect(waiting.out.split(separator: "\n").count == 1, "nothing left waiting: \(waiting.out)")
        let bogus = await o2c("cash", "allocations", "--status", "bogus", "--database", db)
        #expect(bogus.status != 0 && bogus.err.contains("--status"))

        // Short payments beyond the tolerance: applied for the cash received, the rest a deduction to review.
        let deductions = await o2c("cash", "allocations", "--deductions", "--format", "csv", "--database", db)
        let rows = deductions.out.split(separator: "\r\n").dropFirst()
        #expect(!rows.isEmpty)
        #expect(deductions.out.hasPrefix("bank_reference,date,amount,currency,status,customer,allocations,fee,unapplied,deduction,confidence,explanation"))
        #expect(rows.allSatisfy { $0.contains(",applied,") })

        // Cash on no invoice yet: lines left unidentified or on an account, and the excess of applied ones.
        let all = await o2c("cash", "allocations", "--format", "csv", "--database", db).out.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let left = await o2c("cash", "allocations", "--unallocated", "--format", "csv", "--database", db).out.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let expected = all.filter { $0[4] == "unapplied" || $0[4] == "proposed" || ($0[4] == "applied" && $0[8] != "0.00") }.map { String($0[0]) }
        #expect(!expected.isEmpty && left.map { String($0[0]) } == expected)

        // A camt.053 with an entry left out: imported, and said (its balances do not tie).
        let camt = try String(contentsOfFile: file("statement.camt053.xml"), encoding: .utf8)
        let cut = try #require(camt.range(of: #"(?s)<Ntry>.*?</Ntry>\s*"#, options: .regularExpression))
        let partial = folder.appendingPathComponent("partial.camt053.xml")
        try camt.replacingCharacters(in: cut, with: "").write(to: partial, atomically: true, encoding: .utf8)
        let warned = await o2c("bank", "import", partial.path, "--database", db)
        #expect(warned.status == 0 && warned.err.contains("not the closing balance"), "\(warned.err)")
        let whole = await o2c("bank", "import", file("statement.camt053.xml"), "--database", db)
        #expect(!whole.err.contains("warning"), "\(whole.err)")
    }
}
