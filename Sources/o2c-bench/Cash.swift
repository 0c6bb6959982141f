import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

/// Cash application on a case with its truth (`truth.json`: bank reference → allocations):
/// precision, automation rate and false applications, for each statement file of the case.
func cashCaseBenchmark(_ arguments: ArraySlice<String>) async throws {
    var folder = "../shared/data/cash-application-dev"
    var iterator = arguments.makeIterator()
    while let flag = iterator.next() {
        guard flag == "--case", let value = iterator.next() else { print("usage: o2c-bench cash-case [--case FOLDER]"); exit(2) }
        folder = value
    }
    let base = URL(fileURLWithPath: folder)
    struct Truth: Decodable {
        struct Allocation: Decodable, Hashable { let invoice: String; let amount: Int64 }
        let accounts: [String: String]
        let lines: [String: [Allocation]]
    }
    let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: base.appendingPathComponent("truth.json")))
    let statements = try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.hasPrefix("statement") }.sorted()
    print("o2c-bench cash-case: \(base.path), \(truth.lines.count) bank lines in the truth")
    for statement in statements {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("o2c-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let store = try await Store.open(DatabaseLocation(scratch.appendingPathComponent("case.sqlite").path), create: true)
        let books = Books(store: store, actor: "bench")
        _ = try await books.createEntity(try LegalEntity(code: "CASE", name: "Case Canada Inc.", functionalCurrency: .CAD, country: "CA", region: "QC"))
        _ = try await books.importCustomers(try Data(contentsOf: base.appendingPathComponent("customers.csv")), fileName: "customers.csv")
        for (currency, number) in truth.accounts.sorted(by: { $0.key < $1.key }) {
            let code = try Currency(code: currency)
            let ledger = try await books.accounts(entity: "CASE").first { $0.role == .bank && $0.currency == code }!.code
            try await books.addBankAccount(BankDetails(bankName: "Bank", accountHolder: "Case", accountNumber: number, routing: nil, bic: nil, currency: code),
                                           ledgerAccount: ledger, onInvoices: false, entity: "CASE")
        }
        // One rate for the whole case: far enough back for every date in it.
        try await books.setExchangeRate(.USD, on: try BusinessDate(parsing: "2000-01-01"), rate: try ExactDecimal(parsing: "1.3800"), entity: "CASE")
        let start = ContinuousClock.now
        _ = try await books.importOpenItems(try Data(contentsOf: base.appendingPathComponent("open_items.csv")), fileName: "open_items.csv",
                                           on: try BusinessDate(parsing: "2000-01-01"), entity: "CASE")
        let imported = try await books.importBankFile(try Data(contentsOf: base.appendingPathComponent(statement)), fileName: statement)
        let summary = try await books.matchCash(entity: "CASE")
        let elapsed = seconds(since: start)
        let rows = try await books.cashAllocations(entity: "CASE")
        await store.close()

        var applied = 0, exact = 0, falseApplications = 0, truthApplied = 0, automatic = 0
        var wrong: [String] = []
        for row in rows {
            guard let expected = truth.lines[row.bank_reference] else { continue }
            let ours = Set(row.allocations.map { Truth.Allocation(invoice: $0.invoice, amount: $0.amount) })
            if !expected.isEmpty { truthApplied += 1 }
            guard row.status == "applied" else { continue }
            applied += 1
            if ours == Set(expected) { exact += 1; if !expected.isEmpty { automatic += 1 } } else { wrong.append("\(row.bank_reference): \(row.explanation ?? "")") }
            if expected.isEmpty { falseApplications += 1 }
        }
        print("  \(statement) (\(imported.format.rawValue)): \(imported.added) lines imported, \(summary.applied) applied, \(summary.proposed) proposed, \(summary.unapplied) unapplied, \(summary.notCustomerPayments) not customer payments, in \(String(format: "%.2f", elapsed)) s")
        print("    precision \(String(format: "%.2f", applied == 0 ? 0 : Double(exact) * 100 / Double(applied)))% (\(exact)/\(applied) applied lines exactly as the truth; goal ≥ 99.9%)")
        print("    automation \(String(format: "%.2f", truthApplied == 0 ? 0 : Double(automatic) * 100 / Double(truthApplied)))% (\(automatic)/\(truthApplied) lines the truth applies, applied automatically and exactly; goal ≥ 98%)")
        print("    false applications \(falseApplications) (goal: none)")
        for line in wrong.prefix(10) { print("    differs: \(line)") }
    }
}
