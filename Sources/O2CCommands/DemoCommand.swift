import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a fresh demo database and print what was done.",
        discussion: """
            Writes ./o2c-demo.sqlite (replaced if it exists) unless --database names another place; a database \
            named with --database must be empty (or pass --replace for a SQLite file).
            """)

    static let defaultPath = "o2c-demo.sqlite"

    /// The demo's documents go beside its database: `o2c-demo.sqlite` → `o2c-demo-documents/`.
    static func documentsFolder(for path: String) -> String {
        guard !path.hasPrefix("postgres") else { return "o2c-demo-documents" }
        let base = path.hasSuffix(".sqlite") ? String(path.dropLast(7)) : path
        return base + "-documents"
    }

    @Option(help: "SQLite file or postgres:// URL of an empty database (default: ./o2c-demo.sqlite).")
    var database: String?

    @Option(help: "Who acts, for the audit trail.") var user: String?

    @Flag(help: "Replace the SQLite file named by --database if it exists.") var replace = false

    func run() async throws {
        let path = database ?? Self.defaultPath
        let location = DatabaseLocation(path)
        if case .sqlite(let file) = location, FileManager.default.fileExists(atPath: file) {
            guard database == nil || replace else {
                throw DomainError(field: "--database", "'\(file)' exists; the demo builds a fresh database: name a new file, or pass --replace")
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
        }
        let global = try GlobalOptions.parse(["--database", path] + (user.map { ["--user", $0] } ?? []))
        try await global.withBooks(create: true) { books in
            guard try await books.entities().isEmpty else {
                throw DomainError(field: "--database", "\(location) already holds books; the demo needs an empty database")
            }
            say("OrderToCash demo — building fresh books in \(location)")
            say()
            for line in try await Demo.build(books: books) { say("  • " + line) }
            say()
            say("Customers not ready to invoice (o2c customers check):")
            var customers = TextTable([("Customer", .left), ("Missing", .left)])
            for c in try await books.incompleteCustomers() { customers.add([c.code, c.missing.joined(separator: "; ")]) }
            Console.current.out(customers.render())
            for entity in ["CA01", "US01"] {
                say()
                let findings = try await books.ioCheck(entity: entity)
                guard !findings.isEmpty else { say("IOs of \(entity): every open IO is ready to close."); continue }
                say("IOs of \(entity) not ready to close (o2c io check --entity \(entity)):")
                var ios = TextTable([("IO", .left), ("Status", .left), ("Why", .left)])
                for f in findings {
                    for (index, blocker) in f.blockers.enumerated() { ios.add([index == 0 ? f.number : "", index == 0 ? f.status.rawValue : "", blocker]) }
                }
                Console.current.out(ios.render())
            }
            let october = try Period(parsing: "2026-10")
            for entity in ["CA01", "US01"] {
                let (invoices, ledger, register) = try await books.salesRegister(period: october, entity: entity)
                say()
                say("Sales register \(entity), 2026-10 (o2c report sales-register --period 2026-10 --entity \(entity)):")
                Console.current.out(InvoiceCommand.table(invoices))
                say(ledger == register ? "Ties to the ledger's revenue." : "DOES NOT TIE to the ledger's revenue.")
                let unbilled = try await books.unbilled(period: october, entity: entity)
                say(unbilled.isEmpty ? "Unbilled for 2026-10: nothing — everything delivered is invoiced."
                                     : "Unbilled for 2026-10: " + unbilled.map { "\($0.ioNumber) line \($0.line): \($0.reason)" }.joined(separator: "; "))
            }
            // The month's documents, as the customers receive them.
            let folder = URL(fileURLWithPath: Self.documentsFolder(for: path), isDirectory: true)
            var documents: [InvoiceDocument] = []
            for entity in ["CA01", "US01"] { documents += try await books.invoiceDocuments(period: october, entity: entity) }
            let written = try Books.writePDFs(documents, to: folder)
            _ = try Books.writeUBL(documents, to: folder)
            say()
            say("Invoice and credit-note PDFs of 2026-10 (o2c invoice pdf --period 2026-10), with their UBL e-invoices (o2c invoice ubl), in \(folder.path):")
            for (document, url) in zip(documents, written) {
                say("  \(url.lastPathComponent)  \(document.buyer.code), \(document.language == .fr ? "French" : "English")")
            }
            say()
            say("Cash application of CA01's November bank statements (o2c cash allocations --entity CA01):")
            var cash = TextTable([("Bank ref", .left), ("Amount", .right), ("Status", .left), ("Customer", .left), ("Allocations", .left), ("Why", .left)])
            for row in try await books.cashAllocations(entity: "CA01") {
                let money = { (minor: Int64) in InvoiceCommand.money(Money(minorUnits: minor, currency: (try? Currency(code: row.currency)) ?? .CAD)) }
                cash.add([row.bank_reference, money(row.amount), row.status, row.customer ?? "", row.allocations.map { "\($0.invoice) \(money($0.amount))" }.joined(separator: ", "),
                          row.explanation ?? ""])
            }
            Console.current.out(cash.render())
            // CA01 after its November cash (bank charges, unidentified receipts show); US01 at October's end.
            for (code, day) in [("CA01", "2026-11-30"), ("US01", "2026-10-31")] {
                say()
                Console.current.out(TrialBalanceReport.render(try await books.trialBalance(asOf: try BusinessDate(parsing: day), entity: code), as: .table))
            }
            say()
            say("Try next:")
            say("  swift run o2c report trial-balance --database \(path) --entity CA01 --as-of 2026-11-30 --format json")
            say("  swift run o2c report customer-balances --database \(path) --entity CA01 --as-of 2026-11-30")
            say("  swift run o2c ledger list --database \(path) --entity US01")
            say("  swift run o2c customers show BOREAL --database \(path)")
            say("  swift run o2c io show IO-2026-0102 --database \(path) --entity CA01")
            say("  swift run o2c invoice show INV-000001 --database \(path) --entity CA01")
            say("  swift run o2c makegood list --database \(path) --entity CA01")
            say("  swift run o2c cash allocations --database \(path) --entity CA01 --format json")
            say("  swift run o2c report io-billing --database \(path) --entity CA01")
            say("  swift run o2c export beancount --database \(path) --entity CA01 --output ca01.beancount && bean-check ca01.beancount")
        }
    }
}
