import Foundation
import O2CDomain
import O2CStore
import O2CUseCases

// o2c-bench: prints how fast the books are. Run in release mode:
//   swift run -c release o2c-bench ledger | month-end | cash-case | cash [flags]   (no argument: the usage of each)

/// A benchmark's flags, each `--name VALUE`: a positive integer for the integer ones. A flag
/// it does not know, or a bad value, prints the benchmark's usage and exits.
struct BenchFlags {
    private var integers: [String: Int]
    private var texts: [String: String] = [:]
    private var switches: Set<String> = []

    init(_ arguments: ArraySlice<String>, usage: String, integers: [String: Int], texts: Set<String> = [], flags: Set<String> = []) {
        self.integers = integers
        var iterator = arguments.makeIterator()
        while let flag = iterator.next() {
            let name = String(flag.drop { $0 == "-" })
            guard flag.hasPrefix("--") else { Self.fail(usage) }
            if flags.contains(name) { switches.insert(name); continue }
            guard let value = iterator.next() else { Self.fail(usage) }
            if texts.contains(name) { self.texts[name] = value; continue }
            guard integers[name] != nil, let number = Int(value), number > 0 else { Self.fail(usage) }
            self.integers[name] = number
        }
    }

    func integer(_ name: String) -> Int { integers[name]! }
    func text(_ name: String) -> String? { texts[name] }
    func flag(_ name: String) -> Bool { switches.contains(name) }

    private static func fail(_ usage: String) -> Never {
        print("usage: \(usage)")
        exit(2)
    }
}

struct Options {
    static let usage = "o2c-bench ledger [--invoices N] [--payments N] [--customers N] [--batch N] [--database PATH]"
    var invoices: Int
    var payments: Int
    var customers: Int
    var batch: Int
    var database: String?

    init(_ arguments: ArraySlice<String>) {
        let flags = BenchFlags(arguments, usage: Self.usage, integers: ["invoices": 1_000_000, "payments": 800_000, "customers": 50_000, "batch": 10_000],
                               texts: ["database"])
        invoices = flags.integer("invoices")
        payments = flags.integer("payments")
        customers = flags.integer("customers")
        batch = flags.integer("batch")
        database = flags.text("database")
    }
}

func seconds(since start: ContinuousClock.Instant) -> Double {
    seconds(ContinuousClock.now - start)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// 1234567 → "1,234,567".
func figure(_ value: Double) -> String {
    AmountFormat.english.format(Money(minorUnits: Int64(value.rounded()), currency: .JPY))
}

/// Posts a year of invoices and payments for many customers, then times the reports.
func ledgerBenchmark(_ options: Options) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o2c-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = options.database ?? folder.appendingPathComponent("bench.sqlite").path
    defer { if options.database == nil { try? FileManager.default.removeItem(at: folder) } }
    let store = try await Store.open(DatabaseLocation(path), create: true)
    let books = Books(store: store, actor: "bench")
    let entity = try LegalEntity(code: "BENCH", name: "Bench Media Canada Inc.", functionalCurrency: .CAD, country: "CA", region: "ON")
    _ = try await books.createEntity(entity)
    let record = try await books.entity("BENCH")
    let chart = Dictionary(uniqueKeysWithValues: try await books.accounts(entity: "BENCH").map { ($0.code, $0) })

    print("o2c-bench ledger: \(figure(Double(options.invoices))) invoices, \(figure(Double(options.payments))) payments, \(figure(Double(options.customers))) customers, SQLite at \(path) (WAL, synchronous=FULL), \(figure(Double(options.batch))) entries per transaction")
    var start = ContinuousClock.now
    try await store.write(actor: "bench") { tx in
        for n in 0..<options.customers { _ = try await tx.insertCustomer(code: "C\(n)", name: "Customer \(n) Inc.") }
    }
    print("  customers created           \(String(format: "%8.2f", seconds(since: start))) s")

    // Invoices: AR / revenue / HST 13%, dated through 2026. Payments settle the first invoices
    // in full, dated 30 days later.
    let hst = try ExactDecimal(parsing: "0.13")
    @Sendable func invoice(_ n: Int) throws -> BalancedEntry {
        let net = Money(minorUnits: Int64(50_000 + (n * 7919) % 2_000_000), currency: .CAD)
        let tax = net.multiplied(by: hst, rounding: .halfUp)
        let date = BusinessDate(dayNumber: 20_454 + (n * 337) % 335)  // 2026-01-01 …
        let draft = JournalEntryDraft(journal: .sales, date: date, description: "Invoice \(n)", reference: "INV-\(n)",
                                      lines: [.debit("1100", net + tax, customer: "C\(n % options.customers)"), .credit("4000", net), .credit("2315", tax)])
        return try PostingRules.validate(draft, functionalCurrency: .CAD, accounts: chart)
    }
    @Sendable func payment(_ n: Int) throws -> BalancedEntry {
        let invoiced = try invoice(n)
        let gross = Money(minorUnits: invoiced.lines[0].debit, currency: .CAD)
        let draft = JournalEntryDraft(journal: .cash, date: invoiced.date.adding(days: 30), description: "Payment \(n)", reference: "INV-\(n)",
                                      lines: [.debit("1010", gross), .credit("1100", gross, customer: "C\(n % options.customers)")])
        return try PostingRules.validate(draft, functionalCurrency: .CAD, accounts: chart)
    }

    start = ContinuousClock.now
    var postings = 0
    var entries = 0
    // The producer drafts and validates the next batch while the store writes the current one,
    // as an import feeding the ledger would.
    var batches: [(Int, @Sendable (Int) throws -> BalancedEntry, Range<Int>)] = []
    for (count, make) in [(options.invoices, invoice), (options.payments, payment)] {
        for n in stride(from: 0, to: count, by: options.batch) { batches.append((count, make, n..<min(n + options.batch, count))) }
    }
    var next: Task<[BalancedEntry], any Error>? = batches.first.map { first in Task { try first.2.map(first.1) } }
    for index in batches.indices {
        let batch = try await next!.value
        next = index + 1 < batches.count ? { let b = batches[index + 1]; return Task { try b.2.map(b.1) } }() : nil
        try await store.write(actor: "bench") { tx in _ = try await tx.post(batch, into: record, source: .benchmark) }
        postings += batch.reduce(0) { $0 + $1.lines.count }
        entries += batch.count
    }
    let ingest = seconds(since: start)
    print("  posted                      \(String(format: "%8.2f", ingest)) s   \(figure(Double(entries))) entries, \(figure(Double(postings))) postings")
    print("  ingest rate                 \(figure(Double(postings) / ingest)) postings/s (\(figure(Double(entries) / ingest)) entries/s), durable, batched transactions")

    for asOf in ["2026-12-31", "2027-01-31", "2026-06-15"] {
        start = ContinuousClock.now
        let tb = try await books.trialBalance(asOf: try BusinessDate(parsing: asOf), entity: "BENCH")
        let elapsed = seconds(since: start)
        precondition(tb.imbalance == 0, "the trial balance does not balance")
        print("  trial balance as of \(asOf) \(String(format: "%8.3f", elapsed)) s   \(tb.rows.count) accounts, debits \(AmountFormat.english.format(Money(minorUnits: tb.totalDebit, currency: .CAD))) = credits")
    }
    start = ContinuousClock.now
    let (_, balances) = try await books.customerBalances(asOf: try BusinessDate(parsing: "2027-01-31"), entity: "BENCH")
    let elapsed = seconds(since: start)
    let subledger = balances.filter { $0.accountCode == "1100" }.reduce(Int64(0)) { $0 + $1.functionalBalance }
    let control = try await books.trialBalance(asOf: try BusinessDate(parsing: "2027-01-31"), entity: "BENCH").rows.first { $0.accountCode == "1100" }?.balance ?? 0
    precondition(subledger == control, "customer balances do not add up to the receivable account")
    print("  customer balances           \(String(format: "%8.3f", elapsed)) s   \(figure(Double(balances.count))) customers with a balance, total = AR control \(AmountFormat.english.format(Money(minorUnits: control, currency: .CAD)))")
    await store.close()
}

let arguments = CommandLine.arguments.dropFirst()
// A bad input file (a case's customers, its truth) is reported as o2c reports it, not as a crash.
do {
    switch arguments.first {
    case "ledger": try await ledgerBenchmark(Options(arguments.dropFirst()))
    case "month-end": try await monthEndBenchmark(MonthEndOptions(arguments.dropFirst()))
    case "cash-case": try await cashCaseBenchmark(arguments.dropFirst())
    case "cash": try await cashSpeedBenchmark(arguments.dropFirst())
    default:
        print("usage: \(Options.usage)")
        print("       \(MonthEndOptions.usage)")
        print("       \(cashCaseUsage)   (default ../shared/data/cash-application-dev)")
        print("       \(cashSpeedUsage)")
        exit(arguments.isEmpty ? 0 : 2)
    }
} catch {
    FileHandle.standardError.write(Data("o2c-bench: error: \(error)\n".utf8))
    exit(1)
}
