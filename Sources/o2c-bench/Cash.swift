import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

let cashCaseUsage = "o2c-bench cash-case [--case FOLDER] [--policy NAME=VALUE]… [--differences] [--explain BANK_REFERENCE]…  (e.g. --policy cash.discount-limit=2)"
let cashSpeedUsage = "o2c-bench cash [--lines N] [--open N] [--customers N] [--setup-cache FOLDER] [--apart]"

/// Cash application on a case with its truth (`truth.json`: bank reference → allocations):
/// precision, automation rate and false applications, for each statement file of the case.
func cashCaseBenchmark(_ arguments: ArraySlice<String>) async throws {
    // `--policy NAME=VALUE`, repeatable: the entity's settings a case's truth assumes.
    var rest: [String] = []
    var settings: [(String, String)] = []
    // `--differences`: every line not decided as the truth says (missed or wrong), with its text.
    var differences = false
    // `--explain REF`: that line's decision, whatever it is.
    var explain = Set<String>()
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        if argument == "--differences" { differences = true } else if argument == "--explain", let value = iterator.next() { explain.insert(value) } else if argument == "--policy", let value = iterator.next(), let equals = value.firstIndex(of: "=") {
            settings.append((String(value[..<equals]), String(value[value.index(after: equals)...])))
        } else { rest.append(argument) }
    }
    let folder = BenchFlags(rest[...], usage: cashCaseUsage, integers: [:], texts: ["case"]).text("case") ?? "../shared/data/cash-application-dev"
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
        let (imported, summary, elapsed, rows) = try await closing(store) { store in
            let books = Books(store: store, actor: "bench")
            _ = try await books.createEntity(try LegalEntity(code: "CASE", name: "Case Canada Inc.", functionalCurrency: .CAD, country: "CA", region: "QC"))
            _ = try await books.importCustomers(try Data(contentsOf: base.appendingPathComponent("customers.csv")), fileName: "customers.csv")
            for (currency, number) in truth.accounts.sorted(by: { $0.key < $1.key }) {
                let code = try Currency(code: currency)
                let ledger = try await books.accounts(entity: "CASE").first { $0.role == .bank && $0.currency == code }!.code
                try await books.addBankAccount(BankDetails(bankName: "Bank", accountHolder: "Case", accountNumber: number, routing: nil, bic: nil, currency: code),
                                               ledgerAccount: ledger, onInvoices: false, entity: "CASE")
            }
            for (name, value) in settings { try await books.setPolicy(name, to: value, entity: "CASE") }
            // One rate for the whole case: far enough back for every date in it.
            try await books.setExchangeRate(.USD, on: try BusinessDate(parsing: "2000-01-01"), rate: try ExactDecimal(parsing: "1.3800"), entity: "CASE")
            let start = ContinuousClock.now
            _ = try await books.importOpenItems(try Data(contentsOf: base.appendingPathComponent("open_items.csv")), fileName: "open_items.csv",
                                               on: try BusinessDate(parsing: "2000-01-01"), entity: "CASE")
            let imported = try await books.importBankFile(try Data(contentsOf: base.appendingPathComponent(statement)), fileName: statement)
            let summary = try await books.matchCash(entity: "CASE")
            let elapsed = seconds(since: start)
            return (imported, summary, elapsed, try await books.cashAllocations(entity: "CASE"))
        }

        var applied = 0, exact = 0, falseApplications = 0, truthApplied = 0, automatic = 0
        var wrong: [String] = []
        var missed: [String] = []
        let listed = { (allocations: [Truth.Allocation]) in allocations.map { "\($0.invoice) \($0.amount)" }.joined(separator: ", ") }
        for row in rows {
            guard let expected = truth.lines[row.bank_reference] else { continue }
            if explain.contains(row.bank_reference) {
                print("  \(row.bank_reference) \(row.status) \(row.amount) [\(row.text)] \(row.allocations.map { "\($0.invoice) \($0.amount)" }.joined(separator: ", ")) — \(row.explanation ?? "")")
            }
            let ours = Set(row.allocations.map { Truth.Allocation(invoice: $0.invoice, amount: $0.amount) })
            if !expected.isEmpty { truthApplied += 1 }
            if differences, row.status != "applied", !expected.isEmpty {
                let proposed = row.proposed.map { Truth.Allocation(invoice: $0.invoice, amount: $0.amount) }
                missed.append("\(row.bank_reference) \(row.status) \(row.amount) [\(row.text)] truth: \(listed(expected)); proposed: \(listed(proposed)) — \(row.explanation ?? "")")
            }
            guard row.status == "applied" else { continue }
            applied += 1
            if ours == Set(expected) { exact += 1; if !expected.isEmpty { automatic += 1 } } else {
                wrong.append(differences ? "\(row.bank_reference) \(row.amount) [\(row.text)] truth: \(listed(expected)); applied: \(listed(Array(ours))) — \(row.explanation ?? "")"
                                         : "\(row.bank_reference): \(row.explanation ?? "")")
            }
            if expected.isEmpty { falseApplications += 1 }
        }
        print("  \(statement) (\(imported.format.rawValue)): \(imported.added) lines imported, \(summary.applied) applied, \(summary.proposed) proposed, \(summary.unapplied) unapplied, \(summary.notCustomerPayments) not customer payments\(imported.returns > 0 ? ", \(imported.returns) taken back by the bank" : ""), in \(String(format: "%.2f", elapsed)) s")
        print("    precision \(String(format: "%.2f", applied == 0 ? 0 : Double(exact) * 100 / Double(applied)))% (\(exact)/\(applied) applied lines exactly as the truth; goal ≥ 99.9%)")
        print("    automation \(String(format: "%.2f", truthApplied == 0 ? 0 : Double(automatic) * 100 / Double(truthApplied)))% (\(automatic)/\(truthApplied) lines the truth applies, applied automatically and exactly; goal ≥ 98%)")
        print("    false applications \(falseApplications) (goal: none)")
        for line in wrong.prefix(differences ? wrong.count : 10) { print("    differs: \(line)") }
        for line in missed { print("    missed: \(line)") }
    }
}

/// Runs `body` on the store and closes it, also when `body` throws (a case's bad file is then
/// reported, not a crash at the connection's deinit).
func closing<T>(_ store: Store, _ body: (Store) async throws -> T) async throws -> T {
    do {
        let result = try await body(store)
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}

/// Cash application at scale: `--open` open invoices of `--customers` customers, a bank file of
/// `--lines` customer payments (references in the payers' habits, fees, payments without
/// reference, unknown payers), imported and matched; prints lines per second end to end.
func cashSpeedBenchmark(_ arguments: ArraySlice<String>) async throws {
    let flags = BenchFlags(arguments, usage: cashSpeedUsage, integers: ["lines": 50_000, "open": 1_000_000, "customers": 20_000], texts: ["setup-cache"], flags: ["apart"])
    let lines = flags.integer("lines"), open = flags.integer("open"), customerCount = flags.integer("customers")
    let cacheFolder = flags.text("setup-cache")
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("o2c-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    // The setup (customers and open invoices) takes longer than what is measured: with
    // --setup-cache it is built once per size and copied for the next runs.
    let database = scratch.appendingPathComponent("cash.sqlite")
    let cached = cacheFolder.map { URL(fileURLWithPath: $0).appendingPathComponent("cash-setup-\(open)-\(customerCount).sqlite") }
    let reused = cached.map { FileManager.default.fileExists(atPath: $0.path) } ?? false
    if reused, let cached { try FileManager.default.copyItem(at: cached, to: database) }
    print("o2c-bench cash: \(figure(Double(lines))) bank lines against \(figure(Double(open))) open invoices of \(figure(Double(customerCount))) customers, SQLite (WAL, synchronous=FULL)")
    var start = ContinuousClock.now
    if !reused {
        let store = try await Store.open(DatabaseLocation(database.path), create: true)
        try await cashBenchSetup(Books(store: store, actor: "bench"), open: open, customerCount: customerCount)
        await store.close()
        if let cached {
            try FileManager.default.createDirectory(at: cached.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: database, to: cached)
        }
    }
    let store = try await Store.open(DatabaseLocation(database.path), create: false)
    let books = Books(store: store, actor: "bench")
    print("  setup: customers, open items  \(String(format: "%8.2f", seconds(since: start))) s (not counted\(reused ? ", copied from the setup cache" : ""))")

    // The bank file: each line pays a different invoice, in one of the payers' habits.
    var records = ["01,BENCH,BANK,261120,0600,1,,,2/", "02,BENCH,BANK,1,261120,2359,,2/", "03,004123456789012,CAD,/"]
    var total: Int64 = 0
    for k in 0..<lines {
        let n = (k &* 104_729) % open
        let customer = n % customerCount
        var cents = cashBenchAmount(n)
        let text: String
        switch k % 10 {
        case 0..<6: text = "\(cashBenchName(customer)) INV-\(String(format: "%07d", n))"
        case 6: text = "\(cashBenchName(customer)) INV\(n) WIRE"; cents -= 1_500
        case 7: text = "\(cashBenchName(customer)) FACTURE NO \(String(format: "%07d", n))"
        case 8: text = "\(cashBenchName(customer)) PAYMENT"
        default: text = "UNKNOWN PAYER \(k) PAYMENT"
        }
        records.append("16,195,\(cents),0,BR\(String(format: "%08d", k)),,\(text)")
        total += cents
    }
    records += ["49,\(total),\(lines + 2)/", "98,\(total),1,\(lines + 4)/", "99,\(total),1,\(lines + 6)/"]
    let file = Data(records.joined(separator: "\n").utf8)

    // One step, as `o2c bank import FILE --match` runs it; with --apart, as `bank import` then `cash match`.
    start = ContinuousClock.now
    let totalTime: Double
    if flags.flag("apart") {
        let imported = try await books.importBankFile(file, fileName: "statement.bai2")
        let importTime = seconds(since: start)
        print("  bank import                   \(String(format: "%8.2f", importTime)) s   \(figure(Double(imported.added))) lines, \(figure(Double(imported.added) / importTime)) lines/s")
        let matchStart = ContinuousClock.now
        let summary = try await books.matchCash(entity: "BENCH")
        print("  cash match                    \(String(format: "%8.2f", seconds(since: matchStart))) s   \(summary.applied) applied, \(summary.proposed) proposed, \(summary.unapplied) unapplied")
        totalTime = seconds(since: start)
    } else {
        let imported = try await books.importBankFile(file, fileName: "statement.bai2", match: MatchOverrides())
        totalTime = seconds(since: start)
        let summary = imported.match
        print("  bank import --match           \(String(format: "%8.2f", totalTime)) s   \(figure(Double(imported.added))) lines: \(summary?.applied ?? 0) applied, \(summary?.proposed ?? 0) proposed, \(summary?.unapplied ?? 0) unapplied")
        // Where the time went, step by step; the rest is the commit and opening the transaction.
        let steps = (imported.steps + (summary?.steps ?? StepTimes())).steps
        for step in steps { print("    \(step.name.padding(toLength: 42, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", seconds(step.duration))) s") }
        print("    \("commit and the rest".padding(toLength: 42, withPad: " ", startingAt: 0)) \(String(format: "%6.2f", totalTime - steps.reduce(0) { $0 + seconds($1.duration) })) s")
    }
    print("  end to end                    \(String(format: "%8.2f", totalTime)) s   \(figure(Double(lines) / totalTime)) lines/s (goal: ≥ 50,000 lines/s)")
    await store.close()
}

/// The bench customers' names: distinct, in the shapes banks print them.
func cashBenchName(_ n: Int) -> String {
    let words = ["NORTH", "SOUTH", "MAPLE", "CEDAR", "HARBOR", "ATLAS", "NOVA", "POLAR", "VERTEX", "LUMEN", "PIXEL", "ORBIT", "SUMMIT", "GRANITE", "SILVER", "GOLDEN"]
    let trades = ["FOODS", "MEDIA", "MOTORS", "PHARMA", "RETAIL", "TRAVEL", "LABS", "HOMES", "APPAREL", "ENERGY", "OPTICAL", "GROCERS", "FITNESS", "BRANDS"]
    return "\(words[n % words.count]) \(trades[(n / words.count) % trades.count]) \(n / (words.count * trades.count) + 1) INC"
}

/// Open invoice `n`'s amount, in cents.
func cashBenchAmount(_ n: Int) -> Int64 { Int64(10_000 + (n &* 7919) % 5_000_000) }

/// The entity, its bank account, `customerCount` customers and `open` open invoices.
func cashBenchSetup(_ books: Books, open: Int, customerCount: Int) async throws {
    _ = try await books.createEntity(try LegalEntity(code: "BENCH", name: "Bench Canada Inc.", functionalCurrency: .CAD, country: "CA", region: "QC"))
    try await books.addBankAccount(BankDetails(bankName: "Bank", accountHolder: "Bench", accountNumber: "004-12345-6789012", routing: nil, bic: nil, currency: .CAD),
                                   ledgerAccount: "1010", onInvoices: false, entity: "BENCH")
    var customersCSV = "code,legal_name,currency,payment_terms_days,country,region,invoicing_email,reminder_email,language\n"
    for n in 0..<customerCount { customersCSV += "C\(n),\(cashBenchName(n)),CAD,30,CA,QC,ap@c\(n).example,ar@c\(n).example,en\n" }
    _ = try await books.importCustomers(Data(customersCSV.utf8), fileName: "customers.csv")
    var openCSV = "customer_code,invoice_number,issue_date,due_date,currency,amount,open_amount\n"
    openCSV.reserveCapacity(open * 80)
    for n in 0..<open {
        let cents = cashBenchAmount(n)
        let amount = "\(cents / 100).\(String(format: "%02d", cents % 100))"
        openCSV += "C\(n % customerCount),INV-\(String(format: "%07d", n)),2026-10-01,2026-10-31,CAD,\(amount),\(amount)\n"
    }
    _ = try await books.importOpenItems(Data(openCSV.utf8), fileName: "open.csv", on: try BusinessDate(parsing: "2026-10-31"), entity: "BENCH")
}
