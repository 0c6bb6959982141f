import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

struct DeliveryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delivery", abstract: "Delivery data: what the ad servers counted per IO line.",
                                                    subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Import delivered units (CSV, docs/invoicing.md). All rows or none; again changes nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "CSV file.") var file: String
        func run() async throws {
            let data = try readInputFile(file)
            try await global.withBooks { books in
                let s = try await books.importDeliveries(data, fileName: file, entity: global.entity)
                say("Imported \(file): \(s.added) rows added, \(s.corrected) corrected, \(s.unchanged) unchanged.")
            }
        }
    }
}

struct FXCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fx", abstract: "Exchange rates to the entity's currency.", subcommands: [Set.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a currency's rate on a date (functional units per one unit).")
        @OptionGroup var global: GlobalOptions
        @Argument var currency: String
        @Argument var date: String
        @Argument var rate: String
        func run() async throws {
            let c = try parseOption("CURRENCY") { () throws(DomainError) in try Currency(code: currency) }
            let d = try parseOption("DATE") { () throws(DomainError) in try BusinessDate(parsing: date) }
            let r = try parseOption("RATE") { () throws(DomainError) in try ExactDecimal(parsing: rate) }
            try await global.withBooks { books in
                try await books.setExchangeRate(c, on: d, rate: r, entity: global.entity)
                say("1 \(c.code) = \(r) on \(d)")
            }
        }
    }
}

struct InvoiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invoice", abstract: "Month-end invoicing: run, release holds, issue, credit, list, show, pdf, ubl; import open items (docs/invoicing.md).",
        subcommands: [Run.self, Release.self, Issue.self, Credit.self, List.self, Show.self, PDF.self, UBL.self, ImportOpen.self], aliases: ["invoices"])

    static func money(_ m: Money) -> String { AmountFormat.english.format(m) }

    static func table(_ invoices: [StoredInvoice], open: [Int64?]? = nil) -> String {
        var columns: [(String, TextTable.Alignment)] = [("Invoice", .left), ("IO", .left), ("Bill-to", .left), ("Issued", .left), ("Due", .left), ("Net", .right), ("Tax", .right), ("Total", .right)]
        if open != nil { columns.append(("Open", .right)) }
        var table = TextTable(columns + [("Cur", .left)])
        for (index, i) in invoices.enumerated() {
            var row = [i.number ?? "(draft)", i.ioNumber ?? (i.kind == .creditNote || i.series == "OPEN" ? "" : "several"), i.billTo, i.issueDate?.description ?? "", i.dueDate?.description ?? "",
                       money(i.net), money(i.tax), money(i.total)]
            if let open { row.append(open[index].map { money(Money(minorUnits: $0, currency: i.currency)) } ?? "") }
            table.add(row + [i.currency.code])
        }
        return table.render()
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Draft one invoice per IO (or per bill-to) for what the period delivered.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The month, YYYY-MM.") var period: String
        @Flag(name: .customLong("dry-run"), help: "Show what would be drafted; write nothing.") var dryRun = false
        @Flag(name: .customLong("group-by-bill-to"), help: "One invoice per bill-to customer instead of per IO.") var group = false
        func run() async throws {
            let month = try parseOption("--period") { () throws(DomainError) in try Period(parsing: period) }
            try await global.withBooks { books in
                let r = try await books.runInvoices(period: month, dryRun: dryRun, groupByBillTo: group, entity: global.entity)
                say("\(dryRun ? "Dry run — nothing written. Would draft" : "Drafted") \(r.drafts.count) invoice\(r.drafts.count == 1 ? "" : "s") for \(month)"
                    + (r.replacedDrafts > 0 ? " (replacing \(r.replacedDrafts) earlier draft\(r.replacedDrafts == 1 ? "" : "s"))" : "") + ".")
                if !r.drafts.isEmpty { say(); Console.current.out(InvoiceCommand.table(r.drafts)) }
                if !r.held.isEmpty {
                    say("\nHeld for review (release with `o2c invoice release`):")
                    var t = TextTable([("IO", .left), ("Line", .right), ("Product", .left), ("Why", .left)])
                    for h in r.held { t.add([h.ioNumber, String(h.line), h.product, h.reason]) }
                    Console.current.out(t.render())
                }
                let unbilled = r.notBilled.filter { $0.reason != "no delivery reported" }
                if !unbilled.isEmpty {
                    say("\nNot billed:")
                    var t = TextTable([("IO", .left), ("Line", .right), ("Product", .left), ("Why", .left)])
                    for h in unbilled { t.add([h.ioNumber, String(h.line), h.product, h.reason]) }
                    Console.current.out(t.render())
                }
                if !r.makeGoods.isEmpty {
                    say("\nMake-goods (under-delivered at the end of the flight):")
                    var t = TextTable([("IO", .left), ("Line", .right), ("Units owed", .right), ("Value", .right)])
                    for m in r.makeGoods { t.add([m.ioNumber, String(m.line), String(m.units), InvoiceCommand.money(m.amount)]) }
                    Console.current.out(t.render())
                }
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "Release a held line, choosing the figure to bill.")
        @OptionGroup var global: GlobalOptions
        @Argument var io: String
        @Option var line: Int
        @Option var period: String
        @Option(help: "first-party or third-party") var figure: String
        @Option var reason: String
        func run() async throws {
            let month = try parseOption("--period") { () throws(DomainError) in try Period(parsing: period) }
            guard let chosen = ReleasedFigure(rawValue: figure) else { throw DomainError(field: "--figure", "'\(figure)' is not first-party or third-party") }
            try await global.withBooks { books in
                try await books.releaseHold(io, line: line, period: month, figure: chosen, reason: reason, entity: global.entity)
                say("\(io) line \(line) released for \(month) on the \(chosen.rawValue) count; the next run bills it.")
            }
        }
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "issue", abstract: "Number, date and post the drafts (of a period).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only the drafts of this month.") var period: String?
        @Option(help: "Issue date (default: the last day of each draft's month).") var date: String?
        func run() async throws {
            let month = try period.map { p throws(DomainError) in try parseOption("--period") { () throws(DomainError) in try Period(parsing: p) } }
            let day = try date.map { d throws(DomainError) in try parseOption("--date") { () throws(DomainError) in try BusinessDate(parsing: d) } }
            try await global.withBooks { books in
                let issued = try await books.issueInvoices(period: month, on: day, entity: global.entity)
                say("Issued \(issued.count) invoice\(issued.count == 1 ? "" : "s"), each posted to the sales journal:")
                say()
                Console.current.out(InvoiceCommand.table(issued))
            }
        }
    }

    struct Credit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "credit", abstract: "Credit an issued invoice: whole, some lines, or an amount.")
        @OptionGroup var global: GlobalOptions
        @Argument var number: String
        @Option(name: .customLong("line"), help: "A line of the invoice to credit; repeat for several.") var lines: [Int] = []
        @Option(help: "A net amount to credit (taxes added at the invoice's rates).") var amount: String?
        @Option(help: "Why.") var reason: String
        @Option(help: "Date of the credit note (default: today).") var date: String?
        func run() async throws {
            let day = try date.map { d throws(DomainError) in try parseOption("--date") { () throws(DomainError) in try BusinessDate(parsing: d) } }
            try await global.withBooks { books in
                let invoice = try await books.invoices(period: nil, status: .issued, entity: global.entity).first { $0.number == number }
                let money = try amount.map { text throws(DomainError) in
                    try AmountFormat.parseUnambiguous(text, currency: invoice?.currency ?? .CAD, field: "--amount")
                }
                let note = try await books.creditInvoice(number, lines: lines.isEmpty ? nil : lines, amount: money, reason: reason, on: day, entity: global.entity)
                say("Issued credit note \(note.number ?? "") on \(number): \(InvoiceCommand.money(note.total)) \(note.currency.code), posted \(note.entryNumber ?? "").")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List invoices.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option var period: String?
        @Option(help: "draft or issued") var status: String?
        @Option(help: "Only this bill-to customer's invoices.") var customer: String?
        @Flag(help: "Only issued invoices with something still open.") var open = false
        func run() async throws {
            let month = try period.map { p throws(DomainError) in try parseOption("--period") { () throws(DomainError) in try Period(parsing: p) } }
            let state = try status.map { text throws(DomainError) in
                guard let state = InvoiceStatus(rawValue: text) else { throw DomainError(field: "--status", "'\(text)' is neither draft nor issued") }
                return state
            }
            try await global.withBooks { books in
                let rows = try await books.invoiceBalances(period: month, status: state, customer: customer, openOnly: open, entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(rows))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["number", "status", "io", "bill_to", "period", "issue_date", "due_date", "net", "tax", "total", "open", "currency"], rows: rows.map { r in
                        let i = r.invoice
                        return [i.number ?? "", i.status.rawValue, i.ioNumber ?? "", i.billTo, i.period.description, i.issueDate?.description ?? "",
                                i.dueDate?.description ?? "", i.net.decimalString, i.tax.decimalString, i.total.decimalString,
                                r.open.map { Money(minorUnits: $0, currency: i.currency).decimalString } ?? "", i.currency.code]
                    }))
                case .table: Console.current.out(InvoiceCommand.table(rows.map(\.invoice), open: rows.map(\.open)))
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One issued invoice with its lines and taxes, what is still open on it and what settled it.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Argument var number: String
        func run() async throws {
            try await global.withBooks { books in
                let account = try await books.invoiceAccount(number, entity: global.entity)
                let i = account.invoice
                if output.format == .json { Console.current.out(JSONOutput.encode(account)); return }
                say("\(number) to \(i.billTo) — \(i.period), issued \(i.issueDate?.description ?? "-"), due \(i.dueDate?.description ?? "-") (\(i.paymentTerms))"
                    + (i.poNumber.map { ", PO \($0)" } ?? "") + (i.entryNumber.map { ", posted \($0)" } ?? ""))
                var t = TextTable([("#", .right), ("Description", .left), ("Quantity", .right), ("Rate", .right), ("Amount", .right)])
                for l in i.lines { t.add([String(l.number), l.description, String(l.quantity), l.unitRate, InvoiceCommand.money(l.amount)]) }
                t.footer = [["", "Net", "", "", InvoiceCommand.money(i.net)]] + i.taxes.map { ["", "\($0.code) \((try? ExactDecimal(parsing: $0.rate))?.percentText ?? $0.rate)", "", "", InvoiceCommand.money($0.amount)] }
                    + [["", "Total \(i.currency.code)", "", "", InvoiceCommand.money(i.total)]]
                Console.current.out(t.render())
                guard let open = account.open else { return }
                if let settlements = account.settlements, !settlements.isEmpty {
                    var s = TextTable([("Date", .left), ("Settled by", .left), ("Bank ref / document", .left), ("Entry", .left), ("Amount", .right)])
                    for x in settlements {
                        s.add([x.date ?? "", x.kind + (x.method == "manual" ? " (by hand)" : ""), [x.bankReference, x.document].compactMap { $0 }.joined(separator: " "),
                               x.entry ?? "", InvoiceCommand.money(x.amount)])
                    }
                    Console.current.out(s.render())
                }
                say("Open: \(InvoiceCommand.money(Money(minorUnits: open, currency: i.currency))) \(i.currency.code)")
            }
        }
    }
}

extension ReportCommand {
    struct SalesRegisterCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sales-register", abstract: "Invoices of a month with net, tax and total, tied to the ledger.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option var period: String
        func run() async throws {
            let month = try parseOption("--period") { () throws(DomainError) in try Period(parsing: period) }
            try await global.withBooks { books in
                let (invoices, ledger, register) = try await books.salesRegister(period: month, entity: global.entity)
                if output.format == .json { Console.current.out(JSONOutput.encode(invoices)); return }
                if output.format == .csv {
                    Console.current.out(CSVWriter.write(header: ["number", "bill_to", "issue_date", "net", "tax", "total", "currency"], rows: invoices.map {
                        [$0.number ?? "", $0.billTo, $0.issueDate?.description ?? "", $0.net.decimalString, $0.tax.decimalString, $0.total.decimalString, $0.currency.code]
                    }))
                    return
                }
                say("Sales register, \(month)")
                say()
                Console.current.out(InvoiceCommand.table(invoices))
                let entity = try await books.entity(global.entity)
                let f = { (m: Int64) in AmountFormat.english.format(Money(minorUnits: m, currency: entity.entity.functionalCurrency)) }
                say("\nRevenue in the ledger for these invoices: \(f(ledger)) \(entity.entity.functionalCurrency.code); in the register: \(f(register)) — "
                    + (ledger == register ? "tied." : "DOES NOT TIE."))
            }
        }
    }

    struct IOBillingStatusCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "io-billing", abstract: "Per IO line: booked, delivered, invoiced, remaining, make-good.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        func run() async throws {
            try await global.withBooks { books in
                let rows = try await books.ioBillingStatus(entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(rows))
                case .csv:
                    Console.current.out(CSVWriter.write(header: ["io", "status", "line", "product", "booked", "delivered", "invoiced_quantity", "invoiced", "remaining", "make_good_units", "make_good"], rows: rows.map {
                        [$0.ioNumber, $0.status, String($0.line), $0.product, String($0.booked), String($0.delivered), String($0.invoicedQuantity),
                         $0.invoiced.decimalString, $0.remaining.decimalString, String($0.makeGoodUnits), $0.makeGood.decimalString]
                    }))
                case .table:
                    var t = TextTable([("IO", .left), ("Status", .left), ("Line", .right), ("Product", .left), ("Booked", .right), ("Delivered", .right),
                                       ("Invoiced", .right), ("Invoiced amount", .right), ("Remaining", .right), ("Make-good", .right), ("Cur", .left)])
                    for r in rows {
                        t.add([r.ioNumber, r.status, String(r.line), r.product, String(r.booked), String(r.delivered), String(r.invoicedQuantity),
                               InvoiceCommand.money(r.invoiced), InvoiceCommand.money(r.remaining),
                               r.makeGoodUnits > 0 ? "\(r.makeGoodUnits) (\(InvoiceCommand.money(r.makeGood)))" : "", r.invoiced.currency.code])
                    }
                    Console.current.out(t.render())
                }
            }
        }
    }

    struct UnbilledCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unbilled", abstract: "Delivered but not invoiced, per IO line, with the reason: is everything invoiced?")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option var period: String
        func run() async throws {
            let month = try parseOption("--period") { () throws(DomainError) in try Period(parsing: period) }
            try await global.withBooks { books in
                let lines = try await books.unbilled(period: month, entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(lines))
                case .csv: Console.current.out(CSVWriter.write(header: ["io", "line", "status", "reason"], rows: lines.map { [$0.ioNumber, String($0.line), $0.status, $0.reason] }))
                case .table:
                    if lines.isEmpty { say("Everything delivered in \(month) is invoiced."); return }
                    var t = TextTable([("IO", .left), ("Line", .right), ("Status", .left), ("Why not invoiced", .left)])
                    for l in lines { t.add([l.ioNumber, String(l.line), l.status, l.reason]) }
                    Console.current.out(t.render())
                }
            }
        }
    }
}

struct TaxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tax", abstract: "The dated sales-tax table of an entity.", subcommands: [List.self, Add.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The tax rules in force and past.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            try await global.withBooks { books in
                var t = TextTable([("Tax", .left), ("Country", .left), ("Region", .left), ("Rate", .right), ("From", .left), ("To", .left), ("Account role", .left)])
                for r in try await books.taxRules(entity: global.entity) {
                    t.add([r.code, r.country, r.region ?? "all", r.percent, r.validFrom.description, r.validTo?.description ?? "", r.accountRole.rawValue])
                }
                Console.current.out(t.render())
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a rule; the rule it replaces ends the day before.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The tax's code on invoices, e.g. HST.") var code: String
        @Option var country: String
        @Option(help: "Province or state; omit for the whole country.") var region: String?
        @Option(help: "A fraction: 0.13 for 13%.") var rate: String
        @Option(help: "First day the rate applies.") var from: String
        @Option(name: .customLong("account-role"), help: "gstPayable, hstPayable, qstPayable or salesTaxPayable.") var accountRole: String
        func run() async throws {
            let r = try parseOption("--rate") { () throws(DomainError) in try ExactDecimal(parsing: rate) }
            let d = try parseOption("--from") { () throws(DomainError) in try BusinessDate(parsing: from) }
            guard let role = AccountRole(rawValue: accountRole) else { throw DomainError(field: "--account-role", "unknown role '\(accountRole)'") }
            let rule = TaxRule(code: code.uppercased(), country: country.uppercased(), region: region?.uppercased(), rate: r, validFrom: d, accountRole: role)
            try await global.withBooks { books in
                try await books.addTaxRule(rule, entity: global.entity)
                say("\(rule.code) \(rule.percent) in \(rule.region ?? rule.country) from \(d)")
            }
        }
    }
}
