import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database (if needed) and a legal entity with its default chart of accounts.")

    @OptionGroup var global: DatabaseOptions

    @Option(name: .customLong("entity"), help: "The entity's legal name.")
    var name: String

    @Option(help: "Short code of the entity (default: country + number, e.g. CA01).")
    var code: String?

    @Option(help: "Functional currency (ISO 4217).")
    var currency: String

    @Option(help: "Country (ISO 3166 alpha-2).")
    var country: String

    @Option(help: "Province or state code, e.g. QC, ON, NY.")
    var region: String

    @Option(name: .customLong("fiscal-year-start"), help: "Month the fiscal year starts in (1-12).")
    var fiscalYearStart: Int = 1

    @Option(name: .customLong("gst-hst"), help: "GST/HST registration number, e.g. 123456789RT0001.")
    var gstHst: String?

    @Option(help: "Québec QST registration number, e.g. 1234567890TQ0001.")
    var qst: String?

    @Option(help: "US employer identification number, e.g. 12-3456789.")
    var ein: String?

    @Option(help: "SIREN of the entity or its French parent, used to name the FEC.")
    var siren: String?

    static func option(for kind: TaxRegistration.Kind) -> String {
        switch kind {
        case .gstHst: "gst-hst"
        case .qst: "qst"
        case .ein: "ein"
        case .siren: "siren"
        case .stateSalesTax: "state-sales-tax"
        }
    }

    func run() async throws {
        // NB: `--entity` is the new entity's name here; elsewhere it selects an entity by code.
        let currency = try parseOption("--currency") { () throws(DomainError) in try Currency(code: self.currency) }
        var registrations: [TaxRegistration] = []
        if let gstHst { registrations.append(TaxRegistration(kind: .gstHst, number: gstHst)) }
        if let qst { registrations.append(TaxRegistration(kind: .qst, number: qst)) }
        if let ein { registrations.append(TaxRegistration(kind: .ein, number: ein)) }
        if let siren { registrations.append(TaxRegistration(kind: .siren, number: siren)) }
        // Check everything before the database is created: a refused init leaves nothing behind.
        do {
            _ = try LegalEntity(code: code ?? "\(country.uppercased())01", name: name, functionalCurrency: currency, country: country,
                                region: region, fiscalYearStartMonth: fiscalYearStart, taxRegistrations: registrations)
        } catch {
            var option = error
            option.field = switch error.field {
            case "entity": "--code"
            case "name": "--entity"
            case "tax-registration": "--" + (registrations.first { (try? $0.validate()) == nil }.map { Self.option(for: $0.kind) } ?? "gst-hst")
            default: "--" + error.field
            }
            throw option
        }
        try await global.withBooks(create: true) { books in
            let existing = try await books.entities().map(\.entity.code)
            var chosen = code
            if chosen == nil {
                var n = 1
                repeat { chosen = "\(country.uppercased())\(String(format: "%02d", n))"; n += 1 } while existing.contains(chosen!)
            }
            let entity = try LegalEntity(code: chosen!, name: name, functionalCurrency: currency, country: country, region: region,
                                         fiscalYearStartMonth: fiscalYearStart, taxRegistrations: registrations)
            let (_, accounts) = try await books.createEntity(entity)
            say("Created entity \(entity.code) \(entity.name) (\(currency.code), \(entity.region) \(entity.country)) in \(global.location)")
            say("Journals: SAL sales, CSH cash receipts, MIS miscellaneous. Number series: " + entity.numberSeries.map { "\($0.code) \($0.format(1))" }.joined(separator: ", "))
            say("")
            say(AccountsCommand.List.table(accounts))
        }
    }
}

struct EntitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entities", abstract: "The legal entities of the database, and what their documents print about them.",
                                                    subcommands: [List.self, Profile.self], defaultSubcommand: List.self)
}

extension EntitiesCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the legal entities of the database.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        struct Row: Codable {
            var code: String, name: String, currency: String, country: String, region: String, fiscal_year_start_month: Int
            var time_zone: String, tax_registrations: [String: String]
        }

        func run() async throws {
            try await global.withBooks { books in
                let rows = try await books.entities().map { record in
                    let e = record.entity
                    return Row(code: e.code, name: e.name, currency: e.functionalCurrency.code, country: e.country, region: e.region,
                               fiscal_year_start_month: e.fiscalYearStartMonth, time_zone: e.timeZone,
                               tax_registrations: Dictionary(uniqueKeysWithValues: e.taxRegistrations.map { ($0.kind.rawValue, $0.number) }))
                }
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(rows))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["code", "name", "currency", "country", "region"],
                                                        rows: rows.map { [$0.code, $0.name, $0.currency, $0.country, $0.region] }))
                case .table:
                    var table = TextTable([("Code", .left), ("Name", .left), ("Currency", .left), ("Region", .left), ("Tax registrations", .left)])
                    for row in rows {
                        table.add([row.code, row.name, row.currency, "\(row.region) \(row.country)",
                                   row.tax_registrations.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")])
                    }
                    Console.current.out(table.render())
                }
            }
        }
    }
}
