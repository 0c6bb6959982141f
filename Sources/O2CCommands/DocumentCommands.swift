import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

extension EntitiesCommand {
    struct Profile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "profile", abstract: "Show or set what an entity's invoices print about it: legal name, address, contacts.")
        @OptionGroup var global: DatabaseOptions
        @Argument(help: "Entity code.") var entity: String
        @Option(name: .customLong("legal-name")) var legalName: String?
        @Option var line1: String?
        @Option var line2: String?
        @Option var city: String?
        @Option(help: "Province or state code.") var region: String?
        @Option(name: .customLong("postal-code")) var postalCode: String?
        @Option(help: "Country code (default: the entity's).") var country: String?
        @Option var email: String?
        @Option var phone: String?

        func run() async throws {
            try await global.withBooks { books in
                let current = try await books.sellerProfile(entity: entity)
                let changes = [legalName, line1, line2, city, region, postalCode, country, email, phone].contains { $0 != nil }
                if changes {
                    let record = try await books.entities().first { $0.entity.code == entity }
                    let old = current?.address
                    func value(_ new: String?, _ old: String?, _ option: String) throws(DomainError) -> String {
                        guard let text = new ?? old, !text.isEmpty else { throw DomainError(field: option, "\(option) is needed the first time") }
                        return text
                    }
                    let address = PostalAddress(
                        line1: try value(line1, old?.line1, "--line1"), line2: line2 ?? old?.line2, city: try value(city, old?.city, "--city"),
                        region: try value(region, old?.region ?? record?.entity.region, "--region"),
                        postalCode: try value(postalCode, old?.postalCode, "--postal-code"),
                        country: try value(country, old?.country ?? record?.entity.country, "--country"))
                    let profile = SellerProfile(legalName: try value(legalName, current?.legalName ?? record?.entity.name, "--legal-name"),
                                                address: address, email: email ?? current?.email, phone: phone ?? current?.phone)
                    try await books.setSellerProfile(profile, entity: entity)
                    say("Updated what \(entity)'s documents print about it.")
                }
                guard let profile = try await books.sellerProfile(entity: entity) else {
                    say("\(entity) has no profile yet: its invoices cannot be printed. Set one with --legal-name, --line1, --city, --region, --postal-code.")
                    return
                }
                let a = profile.address
                say(profile.legalName)
                say(a.line1)
                if let line2 = a.line2 { say(line2) }
                say("\(a.city) \(a.region)  \(a.postalCode)  \(a.country)")
                if let email = profile.email { say(email) }
                if let phone = profile.phone { say(phone) }
            }
        }
    }
}

struct BankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bank", abstract: "Bank accounts and bank files.", subcommands: [Accounts.self, Import.self, Mappings.self])

    struct Accounts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accounts", abstract: "Bank accounts: the ledger account each posts to, and what invoices print.",
                                                        subcommands: [List.self, Add.self], defaultSubcommand: List.self)
    }
}

extension BankCommand.Accounts {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the bank accounts.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        func run() async throws {
            try await global.withBooks { books in
                let accounts = try await books.bankAccounts(entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(accounts))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["entity", "number", "currency", "ledger_account", "bank", "holder", "routing", "bic", "on_invoices"],
                                                        rows: accounts.map { [$0.entityCode, $0.details.accountNumber, $0.details.currency.code, $0.ledgerAccount,
                                                                              $0.details.bankName, $0.details.accountHolder, $0.details.routing ?? "", $0.details.bic ?? "",
                                                                              $0.onInvoices ? "yes" : "no"] }))
                case .table:
                    var t = TextTable([("Entity", .left), ("Number", .left), ("Cur", .left), ("Ledger", .left), ("Bank", .left), ("Routing", .left), ("On invoices", .left)])
                    for a in accounts {
                        t.add([a.entityCode, a.details.accountNumber, a.details.currency.code, a.ledgerAccount, a.details.bankName,
                               a.details.routing ?? "", a.onInvoices ? "yes" : "no"])
                    }
                    Console.current.out(t.render())
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a bank account of an entity.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account number as the bank's files write it.") var number: String
        @Option var currency: String
        @Option(name: .customLong("ledger-account"), help: "The ledger account (role bank) its statements post to.") var ledgerAccount: String
        @Option(name: .customLong("bank-name")) var bankName: String
        @Option(help: "The account holder's name (default: the entity's legal name).") var holder: String?
        @Option(help: "Institution and transit (003-12345) or ABA routing number.") var routing: String?
        @Option var bic: String?
        @Flag(name: .customLong("on-invoices"), help: "Print it on invoices in its currency as where to pay.") var onInvoices = false
        func run() async throws {
            let c = try parseOption("--currency") { () throws(DomainError) in try Currency(code: currency.uppercased()) }
            try await global.withBooks { books in
                let entityCode = try await books.entities().count == 1 && global.entity == nil ? nil : global.entity
                let name = try await books.sellerProfile(entity: entityCode)?.legalName
                let details = BankDetails(bankName: bankName, accountHolder: holder ?? name ?? bankName, accountNumber: number, routing: routing, bic: bic, currency: c)
                try await books.addBankAccount(details, ledgerAccount: ledgerAccount, onInvoices: onInvoices, entity: entityCode)
                say("Bank account \(number) (\(c.code)) posts to \(ledgerAccount)" + (onInvoices ? "; printed on \(c.code) invoices." : "."))
            }
        }
    }
}

struct MakeGoodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "makegood", abstract: "Under-delivery owed to customers once a flight has ended, until settled.",
                                                    subcommands: [List.self, Settle.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Open make-goods (all with --all).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Flag(help: "Settled ones too.") var all = false
        func run() async throws {
            try await global.withBooks { books in
                let records = try await books.makeGoods(openOnly: !all, entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(records))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["io", "line", "period", "units", "amount", "currency", "settlement", "reference", "note"],
                                                        rows: records.map { [$0.ioNumber, String($0.line), $0.period.description, String($0.units), $0.amount.decimalString,
                                                                             $0.amount.currency.code, $0.settlement?.rawValue ?? "open", $0.reference ?? "", $0.note ?? ""] }))
                case .table:
                    if records.isEmpty { say(all ? "No make-good has been recorded." : "No make-good is open."); return }
                    var t = TextTable([("IO", .left), ("Line", .right), ("Found", .left), ("Units owed", .right), ("Value", .right), ("Cur", .left), ("Status", .left), ("Note", .left)])
                    for r in records {
                        t.add([r.ioNumber, String(r.line), r.period.description, DocumentWording(.en).count(r.units), InvoiceCommand.money(r.amount), r.amount.currency.code,
                               r.settlement.map { "\($0.rawValue) by \(r.settledBy ?? "?")" + (r.reference.map { " (\($0))" } ?? "") } ?? "open", r.note ?? ""])
                    }
                    Console.current.out(t.render())
                }
            }
        }
    }

    struct Settle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "settle", abstract: "Settle a make-good: delivered later, credited, or waived.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "IO number.") var io: String
        @Argument(help: "IO line.") var line: Int
        @Option(name: .customLong("as"), help: "delivered, credited or waived.") var settlement: String
        @Option(help: "The make-good IO or the credit note that settles it.") var reference: String?
        @Option var note: String
        func run() async throws {
            guard let how = MakeGoodRecord.Settlement(rawValue: settlement) else {
                throw DomainError(field: "--as", "'\(settlement)' is not delivered, credited or waived")
            }
            try await global.withBooks { books in
                try await books.settleMakeGood(io, line: line, as: how, reference: reference, note: note, entity: global.entity)
                say("Make-good of \(io) line \(line) settled: \(how.rawValue).")
            }
        }
    }
}

/// Which issued documents a document command writes, and where.
struct DocumentSelection: ParsableArguments {
    @Argument(help: "Invoice or credit-note numbers (or --period).") var numbers: [String] = []
    @Option(help: "Every issued invoice and credit note of this month.") var period: String?
    @Option(name: .customLong("output-dir"), help: "Folder to write ENTITY-NUMBER files into.") var outputDirectory: String = "invoices"

    func write(_ global: GlobalOptions, _ writer: ([InvoiceDocument], URL) throws -> [URL]) async throws {
        let month = try period.map { text in try parseOption("--period") { () throws(DomainError) in try Period(parsing: text) } }
        guard month != nil || !numbers.isEmpty else { throw DomainError(field: "NUMBER", "name invoices or give --period") }
        try await global.withBooks { books in
            var documents: [InvoiceDocument] = []
            if let month { documents += try await books.invoiceDocuments(period: month, entity: global.entity) }
            for number in numbers { documents.append(try await books.invoiceDocument(number, entity: global.entity)) }
            for url in try writer(documents, URL(fileURLWithPath: outputDirectory, isDirectory: true)) { say("Wrote \(url.path)") }
            if documents.isEmpty { say("No issued document\(month.map { " in \($0)" } ?? "").") }
        }
    }
}

extension InvoiceCommand {
    struct PDF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pdf", abstract: "Write issued invoices and credit notes as PDFs in the customer's language (English or French).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: DocumentSelection
        func run() async throws { try await selection.write(global, Books.writePDFs) }
    }

    struct UBL: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ubl", abstract: "Write issued invoices and credit notes as UBL 2.1 e-invoices (EN 16931).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var selection: DocumentSelection
        func run() async throws { try await selection.write(global, Books.writeUBL) }
    }
}
