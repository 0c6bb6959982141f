import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

struct PeriodCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "period", abstract: "Close accounting months: nothing posts into a closed month.",
        subcommands: [Close.self, List.self])

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a month, e.g. 2026-10.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The month, YYYY-MM.") var period: String

        func run() async throws {
            let month = try parseOption("PERIOD") { () throws(DomainError) in try Period(parsing: period) }
            try await global.withBooks { books in
                let entity = try await books.entity(global.entity)
                try await books.closePeriod(month, entity: entity.entity.code)
                say("Closed \(month) for \(entity.entity.code): nothing posts into it any more; corrections post into an open month.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List closed months.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await global.withBooks { books in
                let closed = try await books.closedPeriods(entity: global.entity)
                say(closed.isEmpty ? "No month is closed." : "Closed: " + closed.map(\.description).joined(separator: ", "))
            }
        }
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports on the books.",
        subcommands: [TrialBalanceCommand.self, CustomerBalancesCommand.self, SalesRegisterCommand.self, UnbilledCommand.self,
                      IOBillingStatusCommand.self])

    struct TrialBalanceCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trial-balance", abstract: "Debits, credits and balance per account at a date, in the functional currency.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(name: .customLong("as-of"), help: "Date, YYYY-MM-DD (default: today in the entity's time zone).") var asOf: String?

        func run() async throws {
            let date = try asOf.map { text throws(DomainError) in try parseOption("--as-of") { () throws(DomainError) in try BusinessDate(parsing: text) } }
            try await global.withBooks { books in
                let entity = try await books.entity(global.entity)
                let when = date ?? BusinessDate.today(in: TimeZone(identifier: entity.entity.timeZone) ?? .gmt)
                let tb = try await books.trialBalance(asOf: when, entity: entity.entity.code)
                Console.current.out(TrialBalanceReport.render(tb, as: ReportFormat(rawValue: output.format.rawValue)!))
            }
        }
    }

    struct CustomerBalancesCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "customer-balances", abstract: "Each customer's balance on the receivable and unapplied-cash accounts at a date.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(name: .customLong("as-of"), help: "Date, YYYY-MM-DD (default: today).") var asOf: String?

        struct Row: Codable {
            var customer: String, name: String, account: String, currency: String
            var balance: JSONAmount, functional_balance: JSONAmount
        }

        func run() async throws {
            let date = try asOf.map { text throws(DomainError) in try parseOption("--as-of") { () throws(DomainError) in try BusinessDate(parsing: text) } }
            try await global.withBooks { books in
                let entity = try await books.entity(global.entity)
                let when = date ?? BusinessDate.today(in: TimeZone(identifier: entity.entity.timeZone) ?? .gmt)
                let (_, balances) = try await books.customerBalances(asOf: when, entity: entity.entity.code)
                let functional = entity.entity.functionalCurrency
                let rows = balances.map {
                    Row(customer: $0.customerCode, name: $0.customerName, account: $0.accountCode, currency: $0.currency.code,
                        balance: JSONAmount($0.balance, $0.currency), functional_balance: JSONAmount($0.functionalBalance, functional))
                }
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(rows))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["customer", "name", "account", "currency", "balance", "functional_balance"],
                                                        rows: rows.map { [$0.customer, $0.name, $0.account, $0.currency, $0.balance.amount, $0.functional_balance.amount] }))
                case .table:
                    var table = TextTable([("Customer", .left), ("Name", .left), ("Account", .left), ("Balance", .right), ("Cur", .left),
                                           ("In \(functional.code)", .right)])
                    for b in balances {
                        table.add([b.customerCode, b.customerName, b.accountCode,
                                   AmountFormat.english.format(Money(minorUnits: b.balance, currency: b.currency)), b.currency.code,
                                   AmountFormat.english.format(Money(minorUnits: b.functionalBalance, currency: functional))])
                    }
                    let total = balances.reduce(Int64(0)) { $0 + $1.functionalBalance }
                    table.footer = [["", "Total", "", "", "", AmountFormat.english.format(Money(minorUnits: total, currency: functional))]]
                    say("Customer balances of \(entity.entity.code) as of \(when)")
                    say()
                    Console.current.out(table.render())
                }
            }
        }
    }
}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the books for accountants, auditors and other tools.", subcommands: [BeancountCommand.self])

    struct BeancountCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "beancount", abstract: "Write the entity's books in beancount syntax (check them with bean-check).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "File to write (- for standard output).") var output: String

        func run() async throws {
            try await global.withBooks { books in
                let (entity, text) = try await books.beancount(entity: global.entity)
                if output == "-" {
                    Console.current.out(text)
                } else {
                    try writeOutputFile(text, to: output)
                    say("Wrote the books of \(entity.entity.code) to \(output)")
                }
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit trail: who changed what, when, with the record before and after.")
    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: FormatOption
    @Option(name: .customLong("subject-type"), help: "entity, account, customer, entry, batch or period.") var subjectType: String?
    @Option(help: "The subject's id, e.g. an entry number or an account code.") var subject: String?
    @Option(help: "At most this many records, newest.") var limit: Int = 200

    struct Row: Codable {
        var at: String, actor: String, action: String, subject_type: String, subject: String, before: String?, after: String?
    }

    func run() async throws {
        try await global.withBooks { books in
            let records = try await books.auditTrail(subjectType: subjectType, subjectID: subject, limit: limit)
            switch output.format {
            case .json:
                Console.current.out(JSONOutput.encode(records.map {
                    Row(at: $0.occurredAt, actor: $0.actor, action: $0.action, subject_type: $0.subjectType, subject: $0.subjectID, before: $0.before, after: $0.after)
                }))
            case .csv:
                Console.current.out(CSVWriter.write(header: ["at", "actor", "action", "subject_type", "subject", "before", "after"], rows: records.map {
                    [$0.occurredAt, $0.actor, $0.action, $0.subjectType, $0.subjectID, $0.before ?? "", $0.after ?? ""]
                }))
            case .table:
                var table = TextTable([("At", .left), ("Actor", .left), ("Action", .left), ("Subject", .left)])
                for r in records { table.add([r.occurredAt, r.actor, r.action, "\(r.subjectType) \(r.subjectID)"]) }
                Console.current.out(table.render())
            }
        }
    }
}
