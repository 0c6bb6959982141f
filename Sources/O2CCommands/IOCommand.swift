import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

struct IOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "io", abstract: "Insertion orders: import, check, and take them from draft to signed (docs/insertion-orders.md).",
        subcommands: [Import.self, List.self, Show.self, Check.self, Submit.self, ExceptionCommand.self, Approve.self, Sign.self,
                      Activate.self, Complete.self, Revise.self, Cancel.self],
        defaultSubcommand: List.self)

    static func printFindings(_ f: IOFindings) {
        if f.violations.isEmpty { say("Policy: within policy.") } else {
            say("Policy:")
            for v in f.violations {
                let excused = !f.openViolations.contains(v)
                say("  • \(v.rule.rawValue): \(v.reason)" + (excused ? " — excepted by an approver" : ""))
            }
        }
        say(f.isReadyToClose ? "Ready to close." : "Not ready to close: " + f.blockers.joined(separator: "; "))
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Create IOs (or replace drafts) from a JSON or CSV file. All or nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "JSON or CSV file.") var file: String

        func run() async throws {
            let data = try readInputFile(file)
            try await global.withBooks { books in
                let summary = try await books.importIOs(data, fileName: file, entity: global.entity)
                say("Imported \(file): \(summary.created.count) created, \(summary.updated.count) updated, \(summary.unchanged.count) unchanged.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List IOs with status, bill-to and total.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        struct Row: Codable { var number: String, status: String, revision: Int, advertiser: String, bill_to: String, total: JSONAmount, currency: String, signed: Bool }

        func run() async throws {
            try await global.withBooks { books in
                let rows = try await books.ios(entity: global.entity).map { io in
                    Row(number: io.number, status: io.status.rawValue, revision: io.current.revision, advertiser: io.current.advertiser,
                        bill_to: io.current.billTo, total: JSONAmount(io.current.total.minorUnits, io.current.currency),
                        currency: io.current.currency.code, signed: io.current.signature != nil)
                }
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(rows))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["number", "status", "revision", "advertiser", "bill_to", "total", "currency", "signed"], rows: rows.map {
                        [$0.number, $0.status, String($0.revision), $0.advertiser, $0.bill_to, $0.total.amount, $0.currency, $0.signed ? "yes" : "no"]
                    }))
                case .table:
                    var table = TextTable([("IO", .left), ("Status", .left), ("Rev", .right), ("Advertiser", .left), ("Bill-to", .left), ("Total", .right), ("Cur", .left), ("Signed", .left)])
                    for r in rows {
                        table.add([r.number, r.status, String(r.revision), r.advertiser, r.bill_to,
                                   AmountFormat.english.format(Money(minorUnits: r.total.minor, currency: try Currency(code: r.currency))), r.currency, r.signed ? "yes" : "no"])
                    }
                    Console.current.out(table.render())
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One IO: terms, lines, signature, policy findings, revisions and history.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "IO number.") var number: String

        struct Document: Codable {
            var number: String, status: String, revisions: [IORevision], exceptions: [PolicyException]
            var violations: [PolicyViolation], blockers: [String], ready_to_close: Bool
        }

        func run() async throws {
            try await global.withBooks { books in
                let (io, findings, history) = try await books.ioFindings(number, entity: global.entity)
                if output.format == .json {
                    Console.current.out(JSONOutput.encode(Document(number: io.number, status: io.status.rawValue, revisions: io.revisions, exceptions: io.exceptions,
                                                                   violations: findings.violations, blockers: findings.blockers, ready_to_close: findings.isReadyToClose)))
                    return
                }
                let t = io.current
                let money = { (m: Money) in AmountFormat.english.format(m) }
                say("\(io.number) — \(io.status.rawValue), revision \(t.revision) of \(io.revisions.count)")
                say("Advertiser \(t.advertiser)" + (t.agency.map { ", agency \($0)" } ?? "") + ", billed to \(t.billTo)")
                say("\(t.currency.code), \(t.paymentTerms)" + (t.poNumber.map { ", PO \($0)" } ?? "") + (t.salesOwner.map { ", sales owner \($0)" } ?? ""))
                if let notes = t.notes { say("Notes: \(notes)") }
                say()
                var table = TextTable([("Line", .right), ("Product", .left), ("Pricing", .left), ("Flight", .left), ("Booked", .right),
                                       ("Rate", .right), ("Booked amount", .right), ("Cap", .right), ("Billing source", .left), ("Tolerance", .right)])
                for l in t.lines {
                    table.add([String(l.number), l.product, l.pricing.rawValue.uppercased(), "\(l.flightStart) – \(l.flightEnd)",
                               AmountFormat.english.format(Money(minorUnits: l.bookedQuantity, currency: .JPY)) + " " + l.pricing.unit,
                               l.unitRate.description, money(l.bookedAmount(in: t.currency)), l.budgetCap.map(money) ?? "",
                               l.billingSource.rawValue, l.discrepancyTolerance.description])
                }
                table.footer = [["", "Total", "", "", "", "", "", money(t.total), "", ""]]
                Console.current.out(table.render())
                say()
                if let s = t.signature {
                    say("Signed \(s.signedOn) by \(s.signerName), \(s.signerTitle); document \(s.documentName), SHA-256 \(s.documentSHA256)")
                }
                for e in io.exceptions { say("Exception (revision \(e.revision)) \(e.rule.rawValue) granted by \(e.grantedBy) at \(e.grantedAt): \(e.reason)") }
                IOCommand.printFindings(findings)
                say()
                say("History:")
                var log = TextTable([("At", .left), ("By", .left), ("Action", .left)])
                for h in history { log.add([h.occurredAt, h.actor, h.action]) }
                Console.current.out(log.render())
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Every IO that is not ready to close, and why.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        struct Row: Codable { var number: String, status: String, blockers: [String] }

        func run() async throws {
            try await global.withBooks { books in
                let findings = try await books.ioCheck(entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(findings.map { Row(number: $0.number, status: $0.status.rawValue, blockers: $0.blockers) }))
                case .csv: Console.current.out(CSVWriter.write(header: ["number", "status", "blockers"], rows: findings.map { [$0.number, $0.status.rawValue, $0.blockers.joined(separator: "; ")] }))
                case .table:
                    if findings.isEmpty { say("Every open IO is ready to close."); return }
                    var table = TextTable([("IO", .left), ("Status", .left), ("Why it is not ready to close", .left)])
                    for f in findings {
                        for (index, blocker) in f.blockers.enumerated() { table.add([index == 0 ? f.number : "", index == 0 ? f.status.rawValue : "", blocker]) }
                    }
                    Console.current.out(table.render())
                    say("\n\(findings.count) IO\(findings.count == 1 ? " is" : "s are") not ready to close.")
                }
            }
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "submit", abstract: "Submit a draft IO for approval (policy is checked).")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        func run() async throws {
            try await global.withBooks { books in
                let f = try await books.submitIO(number, entity: global.entity)
                say("Submitted \(number).")
                IOCommand.printFindings(f)
            }
        }
    }

    struct ExceptionCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "exception", abstract: "Grant a documented policy exception (approver role).")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Option(help: "The rule: \(PolicyRule.allCases.filter(\.allowsException).map(\.rawValue).joined(separator: ", ")).") var rule: String
        @Option(help: "Why the exception is granted.") var reason: String
        func run() async throws {
            guard let parsed = PolicyRule(rawValue: rule) else {
                throw DomainError(field: "--rule", "unknown rule '\(rule)' (rules: \(PolicyRule.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            try await global.withBooks { books in
                try await books.grantException(number, rule: parsed, reason: reason, entity: global.entity)
                say("Exception to \(parsed.rawValue) granted on \(number) by \(global.connection.actor): \(reason)")
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a submitted IO (approver role; every breach excepted).")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        func run() async throws {
            try await global.withBooks { books in
                let f = try await books.approveIO(number, entity: global.entity)
                say("Approved \(number).")
                IOCommand.printFindings(f)
            }
        }
    }

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign", abstract: "Record the signature of the current revision with the signed document.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Option(help: "Who signed for the customer.") var signer: String
        @Option(help: "The signer's title.") var title: String
        @Option(help: "Date signed, YYYY-MM-DD.") var date: String
        @Option(help: "The signed document (PDF); kept in the database with its SHA-256.") var document: String
        func run() async throws {
            let when = try parseOption("--date") { () throws(DomainError) in try BusinessDate(parsing: date) }
            try await global.withBooks { books in
                let s = try await books.signIO(number, signer: signer, title: title, on: when, document: document, entity: global.entity)
                say("Signed \(number) on \(s.signedOn) by \(s.signerName), \(s.signerTitle). Document \(s.documentName), SHA-256 \(s.documentSHA256).")
            }
        }
    }

    struct Activate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "activate", abstract: "Activate a signed IO (its signature is verified).")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        func run() async throws {
            try await global.withBooks { books in
                _ = try await books.activateIO(number, entity: global.entity)
                say("\(number) is active: its signature is valid.")
            }
        }
    }

    struct Complete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "complete", abstract: "Complete an active IO (its signature is verified).")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        func run() async throws {
            try await global.withBooks { books in
                _ = try await books.completeIO(number, entity: global.entity)
                say("\(number) is completed.")
            }
        }
    }

    struct Revise: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revise", abstract: "Amend a signed or active IO: a new draft revision (from FILE, or a copy to edit by import).")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Argument(help: "JSON or CSV file with the amended terms of this IO.") var file: String?
        func run() async throws {
            let data = try file.map { path throws(DomainError) in try readInputFile(path) }
            try await global.withBooks { books in
                let revision = try await books.reviseIO(number, from: data, fileName: file, entity: global.entity)
                say("\(number) revision \(revision) opened as a draft; revision \(revision - 1) stays as it was signed.")
            }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an IO.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Option(help: "Why.") var reason: String
        func run() async throws {
            try await global.withBooks { books in
                _ = try await books.cancelIO(number, reason: reason, entity: global.entity)
                say("\(number) is cancelled: \(reason)")
            }
        }
    }
}

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "users", abstract: "People and their roles (approver).", subcommands: [Add.self, List.self], defaultSubcommand: List.self)

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user, or give a user more roles.")
        @OptionGroup var global: DatabaseOptions
        @Argument var name: String
        @Option(name: .customLong("role"), help: "A role: approver or billing. Repeat for several.") var roles: [String] = []
        func run() async throws {
            try await global.withBooks { books in
                try await books.addUser(name, roles: roles)
                say("\(name): \(roles.isEmpty ? "no role" : roles.joined(separator: ", "))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List users.")
        @OptionGroup var global: DatabaseOptions
        func run() async throws {
            try await global.withBooks { books in
                var table = TextTable([("User", .left), ("Roles", .left)])
                for u in try await books.users() { table.add([u.name, u.roles.joined(separator: ", ")]) }
                Console.current.out(table.render())
            }
        }
    }
}

struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "An entity's policy: the IO financial rules and how cash application decides.",
                                                    subcommands: [Show.self, Set.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the policy.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            try await global.withBooks { books in
                let p = try await books.policy(entity: global.entity)
                let cash = try await books.matchPolicy(entity: global.entity)
                let currency = try await books.entity(global.entity).entity.functionalCurrency
                var table = TextTable([("Setting", .left), ("Value", .left)])
                table.add(["max-payment-terms-days", String(p.maximumPaymentTermsDays)])
                for model in PricingModel.allCases { table.add(["floor.\(model.rawValue)", p.rateFloors[model]?.description ?? "none"]) }
                let settings = cash.settings(currency: currency)
                for name in MatchPolicy.settingNames { table.add([name, settings[name] ?? ""]) }
                for (name, value) in cash.currencySettings() { table.add([name, value]) }
                Console.current.out(table.render())
            }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a policy setting.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "max-payment-terms-days, floor.cpm, floor.cpc, floor.cpcv, floor.flat, cash.fee-tolerance, cash.threshold, cash.write-off-limit or cash.discount-limit; an amount setting for one currency: cash.fee-tolerance.USD") var name: String
        @Argument var value: String
        func run() async throws {
            try await global.withBooks { books in
                try await books.setPolicy(name, to: value, entity: global.entity)
                say("Policy \(MatchPolicy.canonicalName(name)) = \(value)")
            }
        }
    }
}
