import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger", abstract: "Post, reverse and read journal entries.",
        subcommands: [Post.self, Reverse.self, Show.self, List.self])

    struct Post: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "post", abstract: "Post manual journal entries from a JSON file (format: docs/manual-entry.md).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "JSON file holding one entry, or a list of entries posted together.") var file: String

        func run() async throws {
            let data = try readInputFile(file)
            try await global.withBooks { books in
                let posted = try await books.postManualEntries(data, fileName: file, entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(posted.map(EntryJSON.init)))
                case .csv: Console.current.out(EntryJSON.csv(posted))
                case .table:
                    for entry in posted { say("Posted \(entry.number) dated \(entry.date): \(entry.description)") }
                    say()
                    Console.current.out(EntryJSON.table(posted))
                }
            }
        }
    }

    struct Reverse: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reverse",
            abstract: "Cancel a posted entry with a reversing entry that points at it.",
            discussion: "Dated --date, else the original's date if its month is open, else today (a closed month is corrected in an open one).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Entry number, e.g. MIS-2026-000003.") var number: String
        @Option(help: "Date of the reversal, YYYY-MM-DD.") var date: String?
        @Option(help: "Why the entry is reversed (kept in its description).") var reason: String?

        func run() async throws {
            let when = try date.map { text throws(DomainError) in try parseOption("--date") { () throws(DomainError) in try BusinessDate(parsing: text) } }
            try await global.withBooks { books in
                let reversal = try await books.reverse(number, on: when, reason: reason, entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(EntryJSON(reversal)))
                case .csv: Console.current.out(EntryJSON.csv([reversal]))
                case .table:
                    say("Posted \(reversal.number) dated \(reversal.date), reversing \(number)")
                    say()
                    Console.current.out(EntryJSON.table([reversal]))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one entry with its lines.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Entry number, e.g. SAL-2026-000001.") var number: String

        func run() async throws {
            try await global.withBooks { books in
                let entry = try await books.entry(number, entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(EntryJSON(entry)))
                case .csv: Console.current.out(EntryJSON.csv([entry]))
                case .table:
                    say("\(entry.number)  \(entry.date)  \(entry.description)")
                    if let reference = entry.reference { say("Reference: \(reference)") }
                    say("Posted \(entry.postedAt) by \(entry.postedBy) (\(entry.source))")
                    if let n = entry.reversesNumber { say("Reverses \(n)") }
                    if let n = entry.reversedByNumber { say("Reversed by \(n)") }
                    say()
                    Console.current.out(EntryJSON.table([entry]))
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The journal: every entry with its lines, in date order.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only entries dated up to this date.") var through: String?

        func run() async throws {
            let until = try through.map { text throws(DomainError) in try parseOption("--through") { () throws(DomainError) in try BusinessDate(parsing: text) } }
            try await global.withBooks { books in
                let (_, entries) = try await books.journal(entity: global.entity, through: until)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(entries.map(EntryJSON.init)))
                case .csv: Console.current.out(EntryJSON.csv(entries))
                case .table: Console.current.out(EntryJSON.table(entries))
                }
            }
        }
    }
}

/// The JSON shape of a posted entry (documented in docs/json-output.md).
struct EntryJSON: Codable {
    struct Line: Codable {
        var account: String
        var customer: String?
        var currency: String
        var debit: JSONAmount
        var credit: JSONAmount
        var functional_debit: JSONAmount
        var functional_credit: JSONAmount
        var rate: String?
        var memo: String?
    }
    var number: String
    var entity: String
    var journal: String
    var fiscal_year: Int
    var date: String
    var description: String
    var reference: String?
    var source: String
    var reverses: String?
    var reversed_by: String?
    var posted_at: String
    var posted_by: String
    var functional_currency: String
    var lines: [Line]

    init(_ entry: PostedEntry) {
        let functional = entry.functionalCurrency
        number = entry.number
        entity = entry.entityCode
        journal = entry.journal.code
        fiscal_year = entry.fiscalYear
        date = entry.date.description
        description = entry.description
        reference = entry.reference
        source = entry.source
        reverses = entry.reversesNumber
        reversed_by = entry.reversedByNumber
        posted_at = entry.postedAt
        posted_by = entry.postedBy
        functional_currency = functional.code
        lines = entry.lines.map {
            Line(account: $0.accountCode, customer: $0.customerCode, currency: $0.currency.code,
                 debit: JSONAmount($0.debit, $0.currency), credit: JSONAmount($0.credit, $0.currency),
                 functional_debit: JSONAmount($0.functionalDebit, functional), functional_credit: JSONAmount($0.functionalCredit, functional),
                 rate: $0.rate?.description, memo: $0.memo)
        }
    }

    static func table(_ entries: [PostedEntry]) -> String {
        var table = TextTable([("Entry", .left), ("Date", .left), ("Account", .left), ("Customer", .left), ("Debit", .right),
                               ("Credit", .right), ("Cur", .left), ("Rate", .right), ("Description / memo", .left)])
        for entry in entries {
            for (index, line) in entry.lines.enumerated() {
                // A line in the functional currency only (a realized FX difference on a USD
                // payment) shows that amount, in that currency.
                let functionalOnly = line.debit == 0 && line.credit == 0 && (line.functionalDebit != 0 || line.functionalCredit != 0)
                let currency = functionalOnly ? entry.functionalCurrency : line.currency
                let money = { (minor: Int64) in minor == 0 ? "" : AmountFormat.english.format(Money(minorUnits: minor, currency: currency)) }
                table.add([index == 0 ? entry.number : "", index == 0 ? entry.date.description : "", line.accountCode, line.customerCode ?? "",
                           money(functionalOnly ? line.functionalDebit : line.debit), money(functionalOnly ? line.functionalCredit : line.credit),
                           currency.code, line.rate?.description ?? "", index == 0 ? entry.description : (line.memo ?? "")])
            }
        }
        return table.render()
    }

    static func csv(_ entries: [PostedEntry]) -> String {
        var rows: [[String]] = []
        for entry in entries {
            let e = EntryJSON(entry)
            for line in e.lines {
                rows.append([e.number, e.date, e.journal, e.description, e.reference ?? "", line.account, line.customer ?? "", line.currency,
                             line.debit.amount, line.credit.amount, line.functional_debit.amount, line.functional_credit.amount,
                             line.rate ?? "", line.memo ?? ""])
            }
        }
        return CSVWriter.write(header: ["entry", "date", "journal", "description", "reference", "account", "customer", "currency",
                                        "debit", "credit", "functional_debit", "functional_credit", "rate", "memo"], rows: rows)
    }
}
