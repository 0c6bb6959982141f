import Foundation
import O2CDomain
import O2CStore
import O2CUseCases

struct MonthEndOptions {
    static let usage = "o2c-bench month-end [--ios N] [--customers N] [--database PATH]"
    var ios: Int
    var customers: Int
    var database: String?

    init(_ arguments: ArraySlice<String>) {
        let flags = BenchFlags(arguments, usage: Self.usage, integers: ["ios": 10_000, "customers": 1_000], texts: ["database"])
        ios = flags.integer("ios")
        customers = flags.integer("customers")
        database = flags.text("database")
    }
}

/// A month-end at scale: N active IOs of 3 lines (CPM on first-party counts, CPM on third-party
/// counts, CPC), 30 days of delivery per line imported from one CSV, then the invoice run and
/// the issue (numbers, tax, postings), each through the same use case the CLI calls.
func monthEndBenchmark(_ options: MonthEndOptions) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o2c-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = options.database ?? folder.appendingPathComponent("month-end.sqlite").path
    defer { if options.database == nil { try? FileManager.default.removeItem(at: folder) } }
    let store = try await Store.open(DatabaseLocation(path), create: true)
    let books = Books(store: store, actor: "bench")
    let entity = try LegalEntity(code: "BENCH", name: "Bench Media Canada Inc.", functionalCurrency: .CAD, country: "CA", region: "QC",
                                 taxRegistrations: [TaxRegistration(kind: .gstHst, number: "123456789RT0001"), TaxRegistration(kind: .qst, number: "1234567890TQ0001")])
    _ = try await books.createEntity(entity)
    let record = try await books.entity("BENCH")
    print("o2c-bench month-end: \(figure(Double(options.ios))) IOs × 3 lines × 30 days, \(figure(Double(options.customers))) customers, SQLite at \(path) (WAL, synchronous=FULL)")

    // Setup (not timed): complete customers in Québec and Ontario, active signed IOs.
    var start = ContinuousClock.now
    let regions = [("QC", "Montréal", "H3B 4W8"), ("ON", "Toronto", "M5J 2J2")]
    try await store.write(actor: "bench") { tx in
        for n in 0..<options.customers {
            let (region, city, postal) = regions[n % 2]
            let customer = Customer(
                code: "C\(n)", legalName: "Customer \(n) Inc.", billTo: PostalAddress(line1: "\(n) Main Street", city: city, region: region, postalCode: postal, country: "CA"),
                currency: .CAD, paymentTerms: .net(30), language: n % 3 == 0 ? .fr : .en, delivery: .email("ap@c\(n).example"),
                contacts: [Contact(role: .invoicing, email: "ap@c\(n).example"), Contact(role: .reminder, email: "finance@c\(n).example")])
            _ = try await tx.saveCustomer(customer, existing: nil)
        }
        let documentID = try await tx.storeDocument(Data("signed".utf8), fileName: "signed.pdf", sha256: String(repeating: "0", count: 64))
        let flightStart = try BusinessDate(parsing: "2026-10-01"), flightEnd = try BusinessDate(parsing: "2026-12-31")
        for n in 0..<options.ios {
            let customer = "C\(n % options.customers)"
            let lines = [
                IOLine(number: 1, product: "Display", pricing: .cpm, flightStart: flightStart, flightEnd: flightEnd, bookedQuantity: 3_000_000,
                       unitRate: try ExactDecimal(parsing: "11.50"), billingSource: .firstParty),
                IOLine(number: 2, product: "Video", pricing: .cpm, flightStart: flightStart, flightEnd: flightEnd, bookedQuantity: 1_500_000,
                       unitRate: try ExactDecimal(parsing: "24.00"), billingSource: .thirdParty),
                IOLine(number: 3, product: "Search", pricing: .cpc, flightStart: flightStart, flightEnd: flightEnd, bookedQuantity: 90_000,
                       unitRate: try ExactDecimal(parsing: "0.85"), billingSource: .firstParty),
            ]
            let terms = IORevision(revision: 1, advertiser: customer, agency: nil, billTo: customer, currency: .CAD, paymentTerms: .net(30), poNumber: "PO-\(n)",
                                   salesOwner: nil, notes: nil, lines: lines, signature: nil)
            _ = try await tx.insertIO(number: "IO-\(n)", terms: terms, entityID: record.id)
        }
        for io in try await tx.loadIOs(entityID: record.id).values {
            try await tx.signRevision(io, signature: Signature(signerName: "Signer", signerTitle: "CMO", signedOn: try BusinessDate(parsing: "2026-09-20"),
                                                               documentName: "signed.pdf", documentSHA256: String(repeating: "0", count: 64)),
                                      documentID: documentID, entityID: record.id)
            try await tx.setIOStatus(io, to: .active, action: "activate", entityID: record.id)
        }
    }
    print("  setup: customers and IOs    \(String(format: "%8.2f", seconds(since: start))) s (not counted)")

    // The month's delivery file: one row per line and day; the third-party count within tolerance.
    var csv = "io_number,line,date,first_party,third_party,source\n"
    csv.reserveCapacity(options.ios * 90 * 48)
    for n in 0..<options.ios {
        for day in 1...30 {
            let date = "2026-10-\(day < 10 ? "0" : "")\(day)"
            let display = 30_000 + (n * 31 + day * 17) % 4_000
            let video = 15_000 + (n * 13 + day * 7) % 2_000
            csv += "IO-\(n),1,\(date),\(display),,DV360\n"
            csv += "IO-\(n),2,\(date),\(video),\(video - video / 50),DV360/IAS\n"
            csv += "IO-\(n),3,\(date),\(900 + (n + day) % 100),,SA360\n"
        }
    }
    let data = Data(csv.utf8)
    let rows = options.ios * 90
    let october = try Period(parsing: "2026-10")

    let monthStart = ContinuousClock.now
    start = ContinuousClock.now
    let imported = try await books.importDeliveries(data, fileName: "delivery-2026-10.csv", entity: "BENCH")
    let importTime = seconds(since: start)
    precondition(imported.added == rows, "imported \(imported.added) of \(rows) rows")
    print("  delivery import             \(String(format: "%8.2f", importTime)) s   \(figure(Double(rows))) rows (\(figure(Double(data.count) / 1_048_576)) MiB), \(figure(Double(rows) / importTime)) rows/s")

    start = ContinuousClock.now
    let run = try await books.runInvoices(period: october, dryRun: false, entity: "BENCH")
    let runTime = seconds(since: start)
    precondition(run.drafts.count == options.ios && run.held.isEmpty, "\(run.drafts.count) drafts, \(run.held.count) held")
    print("  invoice run (drafts)        \(String(format: "%8.2f", runTime)) s   \(figure(Double(run.drafts.count))) drafts, \(figure(Double(run.drafts.count) / runTime)) invoices/s")

    start = ContinuousClock.now
    let issued = try await books.issueInvoices(period: october, on: nil, entity: "BENCH")
    let issueTime = seconds(since: start)
    precondition(issued.count == options.ios)
    print("  issue (numbers, tax, post)  \(String(format: "%8.2f", issueTime)) s   \(figure(Double(issued.count))) invoices, \(figure(Double(issued.count) / issueTime)) invoices/s")
    let total = seconds(since: monthStart)
    print("  month-end                   \(String(format: "%8.2f", total)) s   (goal: under 10 s)")

    // The result, checked: the register ties to the ledger and nothing delivered is left unbilled.
    start = ContinuousClock.now
    let register = try await books.salesRegister(period: october, entity: "BENCH")
    precondition(register.ledgerRevenue == register.registerRevenue, "the sales register does not tie")
    let tb = try await books.trialBalance(asOf: october.lastDay, entity: "BENCH")
    precondition(tb.imbalance == 0)
    print("  check: register ties to the ledger (\(AmountFormat.english.format(Money(minorUnits: register.ledgerRevenue, currency: .CAD))) CAD revenue), trial balance balances (\(String(format: "%.2f", seconds(since: start))) s)")
    await store.close()
}
