import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers", abstract: "The customer reference data: import, export, list, show, check.",
        subcommands: [List.self, Show.self, Check.self, Import.self, Export.self, Add.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List customers, with whether each can be invoiced.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        struct Row: Codable { var code: String, name: String, kind: String, currency: String?, payment_terms: String?, country: String?, complete: Bool }

        func run() async throws {
            try await global.withBooks { books in
                let customers = try await books.allCustomers()
                let rows = customers.map {
                    Row(code: $0.code, name: $0.legalName, kind: $0.kind.rawValue, currency: $0.currency?.code,
                        payment_terms: $0.paymentTerms?.description, country: $0.billTo?.country, complete: $0.isComplete)
                }
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(rows))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["code", "name", "kind", "currency", "payment_terms", "country", "complete"], rows: rows.map {
                        [$0.code, $0.name, $0.kind, $0.currency ?? "", $0.payment_terms ?? "", $0.country ?? "", $0.complete ? "yes" : "no"]
                    }))
                case .table:
                    var table = TextTable([("Code", .left), ("Name", .left), ("Kind", .left), ("Cur", .left), ("Terms", .left), ("Country", .left), ("Ready to invoice", .left)])
                    for r in rows { table.add([r.code, r.name, r.kind, r.currency ?? "", r.payment_terms ?? "", r.country ?? "", r.complete ? "yes" : "no — see customers check"]) }
                    Console.current.out(table.render())
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One customer: its reference data, what it lacks, and the history of its changes.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "Customer code.") var code: String

        struct History: Codable { var at: String, actor: String, action: String, changed: [String] }
        struct Document: Codable { var customer: Customer, complete: Bool, missing: [String], history: [History] }

        func run() async throws {
            try await global.withBooks { books in
                let (c, trail) = try await books.customer(code)
                let history = trail.map {
                    History(at: $0.occurredAt, actor: $0.actor, action: $0.action,
                            changed: $0.before == nil ? ["(created)"] : changedFields(before: $0.before, after: $0.after))
                }
                if output.format == .json {
                    Console.current.out(JSONOutput.encode(Document(customer: c, complete: c.isComplete, missing: c.missingForInvoicing, history: history)))
                    return
                }
                var table = TextTable([("Field", .left), ("Value", .left)])
                let address = c.billTo.map { a in [a.line1, a.line2 ?? "", a.city, a.region, a.postalCode, a.country].filter { !$0.isEmpty }.joined(separator: ", ") }
                let delivery: String = switch c.delivery {
                case .email(let e): "e-mail to \(e)"
                case .portal(let p): "portal: \(p)"
                case nil: ""
                }
                for (field, value) in [
                    ("Code", c.code), ("Legal name", c.legalName), ("Display name", c.displayName ?? ""), ("Kind", c.kind.rawValue),
                    ("Parent group", c.parentCode ?? ""), ("Bill-to", address ?? ""), ("Currency", c.currency?.code ?? ""),
                    ("Payment terms", c.paymentTerms?.description ?? ""), ("Language", c.language?.rawValue ?? ""),
                    ("Tax status", c.taxStatus.rawValue), ("GST/HST number", c.gstHstNumber ?? ""), ("QST number", c.qstNumber ?? ""),
                    ("Exemption number", c.exemptionNumber ?? ""), ("Invoice delivery", delivery), ("PO required", c.poRequired ? "yes" : "no"),
                    ("Credit limit", c.creditLimit.map { "\(AmountFormat.english.format($0)) \($0.currency.code)" } ?? ""),
                    ("Credit hold", c.creditHold ? "yes" : "no"), ("Sales owner", c.salesOwner ?? ""), ("Account manager", c.accountManager ?? ""),
                    ("Payer aliases", c.payerAliases.joined(separator: "; ")), ("Bank accounts", c.bankAccounts.joined(separator: "; ")),
                ] { table.add([field, value]) }
                for contact in c.contacts {
                    table.add(["Contact (\(contact.role.rawValue)\(contact.isPrimary ? ", primary" : ""))",
                               [contact.name, contact.email, contact.phone].compactMap { $0 }.joined(separator: " · ")])
                }
                Console.current.out(table.render())
                say()
                say(c.isComplete ? "Ready to invoice." : "Not ready to invoice — missing: " + c.missingForInvoicing.joined(separator: "; "))
                say()
                say("History:")
                var log = TextTable([("At", .left), ("By", .left), ("Action", .left), ("Fields changed", .left)])
                for h in history { log.add([h.at, h.actor, h.action, h.changed.joined(separator: ", ")]) }
                Console.current.out(log.render())
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Every customer that cannot be invoiced yet, and what it lacks.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption

        struct Row: Codable { var code: String, name: String, missing: [String] }

        func run() async throws {
            try await global.withBooks { books in
                let incomplete = try await books.incompleteCustomers()
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(incomplete.map { Row(code: $0.code, name: $0.name, missing: $0.missing) }))
                case .csv: Console.current.out(CSVWriter.write(header: ["code", "name", "missing"], rows: incomplete.map { [$0.code, $0.name, $0.missing.joined(separator: "; ")] }))
                case .table:
                    if incomplete.isEmpty { say("Every customer is complete: all can be invoiced."); return }
                    var table = TextTable([("Customer", .left), ("Name", .left), ("Missing", .left)])
                    for c in incomplete { table.add([c.code, c.name, c.missing.joined(separator: "; ")]) }
                    Console.current.out(table.render())
                    say("\n\(incomplete.count) customer\(incomplete.count == 1 ? "" : "s") cannot be invoiced yet.")
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Create or update customers from a CSV file, by code (columns: docs/customers.md). All rows or none.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "CSV file.") var file: String

        func run() async throws {
            let data = try readInputFile(file)
            try await global.withBooks { books in
                let summary = try await books.importCustomers(data, fileName: file)
                say("Imported \(file): \(summary.created.count) created, \(summary.updated.count) updated, \(summary.unchanged.count) unchanged.")
                let incomplete = try await books.incompleteCustomers()
                if !incomplete.isEmpty { say("\(incomplete.count) customer\(incomplete.count == 1 ? " is" : "s are") not ready to invoice: see `o2c customers check`.") }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write every customer as CSV (imports back unchanged).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "File to write (default: standard output).") var output: String?

        func run() async throws {
            try await global.withBooks { books in
                let text = try await books.exportCustomers()
                if let output {
                    try writeOutputFile(text, to: output)
                    say("Wrote customers to \(output)")
                } else {
                    Console.current.out(text)
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a customer by code and legal name (complete it by import).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Customer code, e.g. ACME.") var code: String
        @Option(help: "Legal name.") var name: String

        func run() async throws {
            try await global.withBooks { books in
                let customer = try await books.addCustomer(code: code, name: name)
                say("Added customer \(customer.code) \(customer.name)")
            }
        }
    }
}
