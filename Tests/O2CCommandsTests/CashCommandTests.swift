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

    @Test("cash refund books a debit as the refund of an over-payment or a credit note; allocations show it; unallocate gives the credit back")
    func refunds() async throws {
        let folder = try scratchFolder()
        let db = folder.appendingPathComponent("o2c.sqlite").path
        #expect(await o2c("init", "--database", db, "--entity", "Case Canada Inc.", "--currency", "CAD", "--country", "CA", "--region", "QC").status == 0)
        #expect(await o2c("customers", "import", Self.devCase.appendingPathComponent("customers.csv").path, "--database", db).status == 0)
        #expect(await o2c("bank", "accounts", "add", "004-12345-6789012", "--currency", "CAD", "--ledger-account", "1010", "--bank-name", "Bank", "--database", db).status == 0)
        let open = folder.appendingPathComponent("open.csv")
        try """
            customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount
            C10001,INV-2026-000901,2026-10-01,2026-10-31,CAD,1000.00,1000.00
            C10001,CM-0901,2026-10-05,,CAD,-120.00,-120.00
            """.write(to: open, atomically: true, encoding: .utf8)
        #expect(await o2c("invoices", "import-open", open.path, "--date", "2026-11-01", "--database", db).status == 0)
        let statement = folder.appendingPathComponent("s.bai2")
        try """
            01,SENDER,RECEIVER,261120,0600,1,80,,2/
            02,RECEIVER,BANK,1,261120,2359,,2/
            03,004123456789012,CAD,/
            16,195,105000,0,P001,,PACIFIC AUTO GROUP INV-2026-000901
            16,495,5000,0,W001,,WIRE OUT
            16,475,12000,0,W002,,CHQ 1001
            49,122000,5/
            98,122000,1,7/
            99,122000,1,9/
            """.write(to: statement, atomically: true, encoding: .utf8)
        #expect(await o2c("bank", "import", statement.path, "--match", "--database", db).status == 0)
        let over = await o2c("cash", "refund", "W001", "--from", "P001", "--reason", "over-paid INV-2026-000901", "--database", db)
        #expect(over.status == 0 && over.out.contains("W001: refund of 50.00 to C10001 — P001 50.00"), "\(over.out) \(over.err)")
        let short = await o2c("cash", "refund", "W002", "--from", "CM-0901=100.00", "--reason", "rebate", "--database", db)
        #expect(short.status != 0 && short.err.contains("--from: W002 paid out 120.00 and the sources give 100.00"), "\(short.err)")
        let empty = await o2c("cash", "refund", "W002", "--from", "CM-0901=", "--reason", "rebate", "--database", db)
        #expect(empty.status != 0 && empty.err.contains("--from: 'CM-0901=' has no amount after '='"), "\(empty.err)")
        #expect(await o2c("cash", "refund", "W002", "--from", "CM-0901", "--reason", "rebate paid out", "--database", db).status == 0)
        let table = await o2c("cash", "allocations", "--status", "refund", "--format", "csv", "--database", db).out.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        // refunds, returns, returned_by: the last three columns (the explanation before them may hold commas).
        #expect(table.first?.suffix(3) == ["refunds", "returns", "returned_by"])
        #expect(table.dropFirst().map { String($0[$0.count - 3]) } == ["P001=50.00", "CM-0901=120.00"], "\(table)")
        let lettered = await o2c("lettering", "run", "--database", db)
        #expect(lettered.out.contains("bank-line:P001 bank-line:W001 invoice:INV-2026-000901") && lettered.out.contains("bank-line:W002 credit-note:CM-0901"), "\(lettered.out)")
        let undone = await o2c("cash", "unallocate", "W002", "--reason", "cheque lost", "--database", db)
        #expect(undone.status == 0 && undone.out.contains("W002: refund reversed; CM-0901 has C10001's credit back."), "\(undone.out) \(undone.err)")
        let tb = await o2c("report", "trial-balance", "--as-of", "2026-11-30", "--format", "csv", "--database", db)
        #expect(tb.out.contains("1010,Bank CAD operating,asset,1170.00,170.00,1000.00"), "the 50.00 refund went out, the cheque's booking was reversed: \(tb.out)")

        // The bank takes the payment back on a later statement: found at import; by hand for one it cannot tell.
        let returned = folder.appendingPathComponent("r.bai2")
        try """
            01,SENDER,RECEIVER,261124,0600,2,80,,2/
            02,RECEIVER,BANK,1,261124,2359,,2/
            03,004123456789012,CAD,/
            16,555,105000,0,R001,,RETURNED ITEM P001 NSF
            16,495,12000,0,R002,,DEBIT MEMO
            49,117000,4/
            98,117000,1,6/
            99,117000,1,8/
            """.write(to: returned, atomically: true, encoding: .utf8)
        // P001 bounces after 50.00 of it went back to the customer (W001): the refund stands, the customer owes it back.
        let found = await o2c("bank", "import", returned.path, "--database", db)
        #expect(found.status == 0 && found.out.contains("1 credit taken back by the bank"), "\(found.out) \(found.err)")
        let after = await o2c("report", "trial-balance", "--as-of", "2026-11-30", "--format", "csv", "--database", db)
        #expect(after.out.contains("1010,Bank CAD operating,asset,1170.00,1220.00,"), "the cheque's 1,050.00 left the bank: \(after.out)")
        #expect(after.out.contains("2150,Unapplied cash receipts,liability,100.00,50.00,"), "C10001 owes the 50.00 paid back: \(after.out)")
        let shown = await o2c("cash", "allocations", "--status", "returned", "--database", db)
        #expect(shown.out.contains("P001") && shown.out.contains("taken back by R001"), "\(shown.out)")
        let why = await o2c("cash", "allocations", "--status", "returned", "--format", "csv", "--database", db)
        #expect(why.out.contains("open again: INV-2026-000901; W001's refund of 50.00 stands: C10001 owes it back"), "\(why.out)")
        let wrong = await o2c("cash", "return", "R002", "--of", "P001", "--reason", "NSF", "--database", db)
        #expect(wrong.status != 0 && wrong.err.contains("--of: P001 was taken back already"), "\(wrong.err)")
        // Undone, P001's cash waits whole, less the 50.00 paid back: no item of it is taken back before that refund is undone.
        #expect(await o2c("cash", "unallocate", "R001", "--reason", "presented again", "--database", db).status == 0)
        let refunded = await o2c("cash", "return", "R002", "--of", "P001", "--fee", "20.00", "--item", "--reason", "NSF", "--database", db)
        #expect(refunded.status != 0 && refunded.err.contains("--of: P001's cash on the account was paid back by W001: undo that refund first"), "\(refunded.err)")
        // One cheque of a deposit taken back, with the bank's fee on the same debit.
        let deposit = folder.appendingPathComponent("d.bai2")
        try """
            01,SENDER,RECEIVER,261125,0600,3,80,,2/
            02,RECEIVER,BANK,1,261125,2359,,2/
            03,004123456789012,CAD,/
            16,175,30000,0,P002,,BR DEP 00471 2 CHQS
            16,555,12000,0,R003,,RETURNED ITEM CHQ 1182
            49,42000,4/
            98,42000,1,6/
            99,42000,1,8/
            """.write(to: deposit, atomically: true, encoding: .utf8)
        #expect(await o2c("bank", "import", deposit.path, "--match", "--database", db).status == 0)
        let named = await o2c("cash", "return", "R003", "--of", "P002", "--fee", "20.00", "--item", "--invoice", "INV-2026-000901", "--reason", "NSF", "--database", db)
        #expect(named.status != 0 && named.err.contains("--invoice: P002 paid nothing on INV-2026-000901"), "\(named.err)")
        let item = await o2c("cash", "return", "R003", "--of", "P002", "--fee", "20.00", "--item", "--reason", "one cheque of the deposit NSF", "--database", db)
        #expect(item.status == 0 && item.out.contains("R003: 100.00 of P002 (300.00 CAD) taken back by the bank, with its fee of 20.00."), "\(item.out) \(item.err)")
        let left = await o2c("cash", "allocations", "--status", "applied", "--format", "json", "--database", db)
        #expect(left.out.contains("\"left\" : 20000") && left.out.contains("\"returned_by\" : \"R003\""), "\(left.out)")
    }
}
