import Foundation
import Testing
@testable import O2CCommands

/// An oracle we did not write: beancount checks our export balances, and its query engine
/// recomputes our trial balance and customer balances to the cent.
@Suite("Beancount oracle")
struct BeancountOracleTests {
    static var toolsRequired: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    @Test("The demo books pass bean-check and bean-query agrees with our balances", arguments: ["CA01", "US01"])
    func demoBooks(entity: String) async throws {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("demo.sqlite").path
        let demo = await o2c("demo", "--database", db)
        #expect(demo.status == 0, "\(demo.err)")
        if entity == "CA01" {
            // A realized FX line (CAD only, on a USD payment) shows its amount in CAD.
            let journal = await o2c("ledger", "list", "--entity", entity, "--database", db).out
            #expect(journal.split(separator: "\n").contains { $0.contains("Realized FX") && $0.contains(" CAD ") && $0.contains(".") }, "\(journal)")
        }
        let file = folder.appendingPathComponent("\(entity).beancount").path
        #expect(await o2c("export", "beancount", "--entity", entity, "--output", file, "--database", db).status == 0)

        guard let check = try runProgram("bean-check", [file]) else {
            #expect(!Self.toolsRequired, "bean-check is not installed (pip install beancount beanquery)")
            print("NOTICE: bean-check not installed; beancount oracle skipped (pip install beancount beanquery)")
            return
        }
        #expect(check.status == 0, "bean-check: \(check.out)\(check.err)")
        #expect(check.out.isEmpty && check.err.isEmpty, "bean-check reported: \(check.out)\(check.err)")

        let query = "SELECT account, sum(number(weight)) AS total WHERE date <= 2026-10-31 GROUP BY account ORDER BY account"
        guard let result = try runProgram("bean-query", ["-f", "csv", file, query]) else {
            #expect(!Self.toolsRequired, "bean-query is not installed (pip install beanquery)")
            return
        }
        #expect(result.status == 0, "bean-query: \(result.err)")
        var beancountByAccount: [String: Int64] = [:]
        var beancountByCustomer: [String: Int64] = [:]
        for line in result.out.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard fields.count == 2, !fields[1].isEmpty else { continue }
            // Assets:1100-Accounts-receivable:BOREAL → account 1100, customer BOREAL.
            let components = fields[0].split(separator: ":")
            let code = String(components[1].prefix { $0 != "-" })
            beancountByAccount[code, default: 0] += minorUnits(fields[1])
            if components.count == 3 { beancountByCustomer["\(components[2])/\(code)", default: 0] += minorUnits(fields[1]) }
        }

        let tb = await o2c("report", "trial-balance", "--entity", entity, "--as-of", "2026-10-31", "--format", "json", "--database", db)
        let report = try JSONSerialization.jsonObject(with: Data(tb.out.utf8)) as! [String: Any]
        var ours: [String: Int64] = [:]
        for account in report["accounts"] as! [[String: Any]] {
            let balance = (account["balance"] as! [String: Any])["minor"] as! Int
            if balance != 0 { ours[account["account"] as! String] = Int64(balance) }
        }
        #expect(ours.count >= 5)
        #expect(beancountByAccount.filter { $0.value != 0 } == ours)

        let balances = await o2c("report", "customer-balances", "--entity", entity, "--as-of", "2026-10-31", "--format", "json", "--database", db)
        var oursByCustomer: [String: Int64] = [:]
        for row in try JSONSerialization.jsonObject(with: Data(balances.out.utf8)) as! [[String: Any]] {
            let key = "\(row["customer"] as! String)/\(row["account"] as! String)"
            oursByCustomer[key, default: 0] += Int64((row["functional_balance"] as! [String: Any])["minor"] as! Int)
        }
        #expect(!oursByCustomer.isEmpty)
        #expect(beancountByCustomer.filter { $0.value != 0 } == oursByCustomer.filter { $0.value != 0 })
    }
}
