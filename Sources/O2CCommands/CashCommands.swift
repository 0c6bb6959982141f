import ArgumentParser
import Foundation
import O2CDomain
import O2CFormats
import O2CStore
import O2CUseCases

extension BankCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import a bank file (BAI2, camt.053, camt.054): every line kept, customer credits posted to unidentified receipts.")
        @OptionGroup var global: DatabaseOptions
        @Argument(help: "The bank file.") var file: String
        @Option(help: "bai2, camt053, camt054 or csv (detected when not given).") var format: String?
        @Option(help: "The saved mapping a CSV file is read through (o2c bank mappings).") var mapping: String?
        @Flag(help: "Match the new customer credits in the same transaction, as `o2c cash match` would.") var match = false
        @OptionGroup var policy: MatchPolicyOptions
        func run() async throws {
            let data = try readInputFile(file)
            let chosen = try format.map { text throws(DomainError) in
                guard let value = BankFileFormat(rawValue: text.lowercased()) else { throw DomainError(field: "--format", "'\(text)' is not bai2, camt053, camt054 or csv") }
                return value
            }
            let matching = match ? policy.overrides : nil
            try await global.withBooks { books in
                let s = try await books.importBankFile(data, fileName: file, format: chosen, mapping: mapping, match: matching)
                for warning in s.warnings { Console.current.err("warning: \(file): \(warning)\n") }
                if s.added == 0 && s.alreadyImported > 0 {
                    say("\(file) (\(s.format.rawValue)): all \(s.alreadyImported) lines were imported before; nothing \(s.match.map { $0.lines > 0 } ?? false ? "imported" : "changed").")
                } else {
                    say("Imported \(file) (\(s.format.rawValue)): \(s.statements) statement\(s.statements == 1 ? "" : "s"), \(s.added) new lines: \(s.credits) customer credits posted to unidentified receipts, \(s.otherMovements) other movements kept"
                    + (s.alreadyImported > 0 ? "; \(s.alreadyImported) lines already imported" : "") + (s.notBooked > 0 ? "; \(s.notBooked) not booked, skipped" : "") + ".")
                }
                if let m = s.match, m.lines > 0 || s.credits > 0 {
                    say("Matched \(m.lines) bank credits: \(m.applied) applied, \(m.proposed) proposed (a person confirms), \(m.unapplied) unapplied, \(m.notCustomerPayments) not customer payments.")
                } else if s.credits > 0 {
                    say("Next: o2c cash match")
                }
                if s.returns > 0 {
                    say("\(s.returns) credit\(s.returns == 1 ? "" : "s") taken back by the bank (returned, NSF, recalled): booked, any invoice \(s.returns == 1 ? "it" : "they") paid open again (`o2c cash allocations --status returned`).")
                }
                if s.returnsToReview > 0 {
                    say("\(s.returnsToReview) debit\(s.returnsToReview == 1 ? "" : "s") take\(s.returnsToReview == 1 ? "s" : "") back a credit a person must name (`o2c cash allocations --status not-a-customer-payment`, then `o2c cash return DEBIT --of CREDIT --reason …`).")
                }
            }
        }
    }
}

extension InvoiceCommand {
    struct ImportOpen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-open", abstract: "Import open receivables from a previous system and post their opening balance.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "CSV: customer_code, invoice_number, issue_date, due_date, currency, amount, open_amount (a credit note not used up: negative amounts).") var file: String
        @Option(help: "Date of the opening entry (default: today).") var date: String?
        func run() async throws {
            let data = try readInputFile(file)
            let day = try date.map { text throws(DomainError) in try parseOption("--date") { () throws(DomainError) in try BusinessDate(parsing: text) } }
            try await global.withBooks { books in
                let s = try await books.importOpenItems(data, fileName: file, on: day, entity: global.entity)
                let skipped = s.nothingOpen > 0 ? "; \(s.nothingOpen) row\(s.nothingOpen == 1 ? "" : "s") of no amount skipped" : ""
                let settled = s.settled > 0 ? "; \(s.settled) item\(s.settled == 1 ? "" : "s") settled before (paid, or a credit note used up) recorded as such" : ""
                let credits = s.credits > 0 ? " and \(s.credits) open credit note\(s.credits == 1 ? "" : "s")" : ""
                if s.added == 0 && s.credits == 0 && s.settled == 0 { say("\(file): nothing new (\(s.alreadyImported) items imported before\(skipped))."); return }
                say("Imported \(s.added) open invoice\(s.added == 1 ? "" : "s")\(credits) from \(file)" + (s.alreadyImported > 0 ? " (\(s.alreadyImported) imported before)" : "")
                    + (s.entries.isEmpty ? "" : "; opening balance posted in \(s.entries.joined(separator: ", "))") + "\(settled)\(skipped).")
            }
        }
    }
}

/// How matching decides, for one run: shared by `cash match` and `bank import --match`. Each
/// takes the place of the entity's setting (`o2c policy set cash.fee-tolerance|cash.threshold`).
struct MatchPolicyOptions: ParsableArguments {
    @Option(name: .customLong("fee-tolerance"), help: "A short payment up to this settles the invoice as a bank charge, for this run, in every currency (default: the entity's cash.fee-tolerance, 50.00 unless set, or a currency's own, cash.fee-tolerance.USD).")
    var feeTolerance: String?
    @Option(help: "Confidence (0–100) at or above which a match is applied; below, it is proposed (default: the entity's cash.threshold, 85 unless set).")
    var threshold: Int?

    var overrides: MatchOverrides { MatchOverrides(feeTolerance: feeTolerance, threshold: threshold) }
}

struct CashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cash", abstract: "Cash application: match bank credits to invoices, and see what was decided.",
                                                    subcommands: [Match.self, Allocations.self, Allocate.self, Confirm.self, Unallocate.self, Reclassify.self, WriteOff.self, ApplyCredit.self, Refund.self, Return.self])

    struct Match: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "match", abstract: "Match every bank credit waiting for it (docs/cash-application.md).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var policy: MatchPolicyOptions
        func run() async throws {
            try await global.withBooks { books in
                let s = try await books.matchCash(policy.overrides, entity: global.entity)
                say("\(s.lines) bank credits: \(s.applied) applied, \(s.proposed) proposed (a person confirms), \(s.unapplied) unapplied, \(s.notCustomerPayments) not customer payments.")
            }
        }
    }

    struct Allocations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "allocations", abstract: "Per bank line: status, allocations, confidence and why.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only lines with this status (applied, proposed, unapplied, not-a-customer-payment, refund, return, returned, new).") var status: String?
        @Flag(help: "Only short payments that left a deduction open on their invoices: proposed disputes to review.") var deductions = false
        @Flag(help: "Only lines with cash on no invoice yet: waiting, proposed, unidentified, kept on an account, or a deposit's unidentified cheques.") var unallocated = false
        func run() async throws {
            let statuses = ["applied", "proposed", "unapplied", "not-a-customer-payment", "refund", "return", "returned", "new"]
            if let status, !statuses.contains(status) {
                throw DomainError(field: "--status", "'\(status)' is none of \(statuses.joined(separator: ", "))")
            }
            try await global.withBooks { books in
                let rows = try await books.cashAllocations(entity: global.entity).filter {
                    (status == nil || $0.status == status) && (!deductions || ($0.deduction ?? 0) > 0) && (!unallocated || $0.left > 0)
                }
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(rows))
                case .csv:
                    // Plain amounts (1797.44), as a spreadsheet or a script reads them.
                    let plain = { (minor: Int64, currency: String) in Money(minorUnits: minor, currency: (try? Currency(code: currency)) ?? .CAD).decimalString }
                    Console.current.out(CSVWriter.write(header: ["bank_reference", "date", "amount", "currency", "status", "customer", "allocations", "fee", "unapplied",
                                                                 "deduction", "confidence", "explanation", "proposed", "discount", "left", "refunds", "returns", "returned_by"],
                                                        rows: rows.map { r in [r.bank_reference, r.date, plain(r.amount, r.currency), r.currency, r.status, Self.customers(r),
                                                                               r.allocations.map { "\($0.invoice)=\(plain($0.amount, r.currency))" }.joined(separator: " "),
                                                                               plain(r.fee, r.currency), plain(r.unapplied, r.currency),
                                                                               r.deduction.map { plain($0, r.currency) } ?? "", r.confidence.map(String.init) ?? "",
                                                                               r.explanation ?? "",
                                                                               r.proposed.map { "\($0.invoice)=\(plain($0.amount, r.currency))" }.joined(separator: " "),
                                                                               plain(r.discount, r.currency), plain(r.left, r.currency),
                                                                               r.refunds.map { "\($0.source)=\(plain($0.amount, r.currency))" }.joined(separator: " "),
                                                                               r.returns ?? "", r.returned_by ?? ""] }))
                case .table:
                    var t = TextTable([("Bank ref", .left), ("Amount", .right), ("Cur", .left), ("Status", .left), ("Customer", .left), ("Allocations", .left),
                                       ("Left", .right), ("Conf", .right), ("Why", .left)])
                    for r in rows {
                        t.add([r.bank_reference, Self.amount(r.amount, r.currency), r.currency, r.status, Self.customers(r),
                               !r.refunds.isEmpty ? "paid back: " + r.refunds.map { "\($0.source) \(Self.amount($0.amount, r.currency))" }.joined(separator: ", ")
                               : r.returns.map { "takes back \($0)" }
                               // An item of a deposit taken back: what the rest paid stands.
                               ?? r.returned_by.map { by in r.allocations.map { "\($0.invoice) \(Self.amount($0.amount, r.currency)); " }.joined() + "taken back by \(by)" }
                               ?? (r.allocations.isEmpty && !r.proposed.isEmpty
                                   ? "proposed: " + r.proposed.map { "\($0.invoice) \(Self.amount($0.amount, r.currency))" }.joined(separator: ", ")
                                   : r.allocations.map { "\($0.invoice) \(Self.amount($0.amount, r.currency))" }.joined(separator: ", ")),
                               r.left > 0 ? Self.amount(r.left, r.currency) : "",
                               r.confidence.map(String.init) ?? "", String((r.explanation ?? "").prefix(90))])
                    }
                    Console.current.out(t.render())
                }
            }
        }

        /// `NAME` or `NAME=AMOUNT` as typed (an amount left empty, or a name, is an error naming the option).
        static func namedAmount(_ text: String, field: String) throws(DomainError) -> (name: String, amount: String?) {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard !parts[0].isEmpty else { throw DomainError(field: field, "'\(text)' names nothing before '='") }
            guard parts.count == 1 || !parts[1].isEmpty else { throw DomainError(field: field, "'\(text)' has no amount after '='") }
            return (parts[0], parts.count == 2 ? parts[1] : nil)
        }

        /// Whose payment it is, or the customers whose invoices it settled (a group's payment).
        static func customers(_ row: CashAllocationRow) -> String {
            var names = row.customer.map { [$0] } ?? []
            for customer in row.allocations.compactMap(\.customer) where !names.contains(customer) { names.append(customer) }
            return names.joined(separator: " + ")
        }

        static func amount(_ minor: Int64, _ currency: String) -> String {
            InvoiceCommand.money(Money(minorUnits: minor, currency: (try? Currency(code: currency)) ?? .CAD))
        }
    }

    struct Allocate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "allocate", abstract: "Allocate a bank credit by hand: to invoices (split with several --invoice), the rest kept on the customer's account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bank line's reference.") var reference: String
        @Option(name: .customLong("invoice"), help: "INV-000123, or INV-000123=500.00 for part of it. Repeat to split.") var invoices: [String] = []
        @Option(help: "Keep the cash on this customer's account (with no --invoice).") var customer: String?
        @Option(name: .customLong("discount"), help: "INV-000123=20.00: a prompt-payment discount the payer took on that invoice, within the entity's cash.discount-limit.") var discounts: [String] = []
        @Option(help: "A bank charge withheld (up to the entity's cash.fee-tolerance): the last invoice is settled with it.") var fee: String?
        @Option(help: "The allocation's date (YYYY-MM-DD), from the day the cash came in to today; today unless given.") var date: String?
        func run() async throws {
            let day = try date.map { text throws(DomainError) in try parseOption("--date") { () throws(DomainError) in try BusinessDate(parsing: text) } }
            try await global.withBooks { books in
                let line = try await books.cashAllocations(reference: reference, entity: global.entity)[0]
                let currency = try Currency(code: line.currency)
                var granted: [String: Money] = [:]
                let named = try invoices.map { text throws(DomainError) in try Allocations.namedAmount(text, field: "--invoice") }
                for text in discounts {
                    let (invoice, amount) = try Allocations.namedAmount(text, field: "--discount")
                    guard let amount else { throw DomainError(field: "--discount", "'\(text)' is not INVOICE=AMOUNT") }
                    guard named.contains(where: { $0.name == invoice }) else {
                        throw DomainError(field: "--discount", "\(invoice) is not one of the invoices allocated (--invoice)")
                    }
                    granted[invoice] = try AmountFormat.parseUnambiguous(amount, currency: currency, field: "--discount")
                }
                let requests = try named.map { invoice, amount throws(DomainError) -> AllocationRequest in
                    AllocationRequest(invoice: invoice, amount: try amount.map { text throws(DomainError) in try AmountFormat.parseUnambiguous(text, currency: currency, field: "--invoice") },
                                      discount: granted[invoice])
                }
                let charge = try fee.map { text throws(DomainError) in try AmountFormat.parseUnambiguous(text, currency: currency, field: "--fee").minorUnits } ?? 0
                let row = try await books.allocate(reference, to: requests, customer: customer, fee: charge, on: day, entity: global.entity)
                say("\(reference): \(row.status)\(row.customer.map { ", \($0)" } ?? "")" + (row.allocations.isEmpty ? "" : " — " + row.allocations.map { "\($0.invoice) \(Allocations.amount($0.amount, row.currency))" }.joined(separator: ", "))
                    + (row.unapplied > 0 ? "; \(Allocations.amount(row.unapplied, row.currency)) " + (row.customer == nil ? "left unidentified" : "kept on the account") : ""))
            }
        }
    }

    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "confirm", abstract: "Apply what the matcher proposed for a bank line.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bank line's reference.") var reference: String
        func run() async throws {
            try await global.withBooks { books in
                let row = try await books.confirm(reference, entity: global.entity)
                say("\(reference): applied to " + row.allocations.map { "\($0.invoice) \(Allocations.amount($0.amount, row.currency))" }.joined(separator: ", "))
            }
        }
    }

    struct Reclassify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reclassify", abstract: "Book a credit that is no customer's payment (a tax refund, interest, a transfer) from unidentified receipts, or a debit (a bank charge, a transfer out) from the bank, to its ledger account.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bank line's reference.") var reference: String
        @Option(help: "The ledger account the credit or debit belongs to (o2c accounts list).") var account: String
        @Option(help: "What the credit or debit is (kept in the entry and the audit trail).") var reason: String
        func run() async throws {
            try await global.withBooks { books in
                let row = try await books.reclassify(reference, to: account, reason: reason, entity: global.entity)
                say("\(reference): \(row.explanation ?? "booked to \(account)").")
            }
        }
    }

    struct Unallocate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unallocate", abstract: "Undo a bank line's allocations (a reversing posting); its cash waits to be allocated by hand. Of a refund: the credit is back; of a return: the credit's cash waits; of a debit booked to an account: un-booked.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The bank line's reference.") var reference: String
        @Option var reason: String
        func run() async throws {
            try await global.withBooks { books in
                let before = try await books.cashAllocations(reference: reference, entity: global.entity)[0]
                // Other items of the same credit taken back: undone with it.
                var others: [String] = []
                if let credit = before.returns, before.status == "return" {
                    others = (try await books.cashAllocations(reference: credit, entity: global.entity)[0].returned_by ?? "").split(separator: ", ").map(String.init).filter { $0 != reference }
                }
                try await books.unallocate(reference, reason: reason, entity: global.entity)
                if before.status == "return" {
                    say("\(reference): return reversed" + (others.isEmpty ? "" : ", and with it \(others.joined(separator: ", ")) (another item of \(before.returns ?? "the credit"): book it again)")
                        + "; \(before.returns ?? "the credit")'s cash is back in unidentified receipts: allocate it by hand.")
                } else if before.direction == "debit" && before.status != "refund" {
                    say("\(reference): un-booked (entry reversed); a movement to book again.")
                } else if before.status == "refund" {
                    say("\(reference): refund reversed; " + before.refunds.map(\.source).joined(separator: ", ") + " \(before.refunds.count == 1 ? "has" : "have") \(before.customer ?? "the customer")'s credit back.")
                } else {
                    say("\(reference): allocations reversed; the cash is back in unidentified receipts.")
                }
            }
        }
    }

    struct ApplyCredit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "apply-credit", abstract: "Use the credit left on an invoice (paid, then credited) or on an open credit note to settle another invoice of the customer.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The invoice or open credit note whose credit is used.") var from: String
        @Option(help: "The invoice it settles.") var to: String
        @Option(help: "How much, in the invoices' currency (default: all that fits).") var amount: String?
        func run() async throws {
            try await global.withBooks { books in
                let applied = try await books.applyCredit(from: from, to: to, amount: amount, entity: global.entity)
                say("\(applied.moved.decimalString) \(applied.moved.currency.code) of the credit on \(from) settles \(to).")
                if let difference = applied.exchangeDifference, let entry = applied.entry {
                    say("Booked at other rates: a realized exchange \(difference.minorUnits < 0 ? "loss" : "gain") of \(difference.magnitude.decimalString) \(difference.currency.code), entry \(entry).")
                }
            }
        }
    }

    struct Refund: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refund", abstract: "Book a debit of the statement as a customer's refund: cash a payment left on its account, or a credit note's credit left.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The debit line's reference (the money that went out).") var reference: String
        @Option(name: .customLong("from"), help: "What is paid back: the bank line whose cash is on the account, or the credit note (CM-0451, or CM-0451=50.00 for part). Repeat for several.")
        var sources: [String] = []
        @Option(help: "Why the customer is paid back (kept in the entry and the audit trail).") var reason: String
        @Option(help: "The refund's date (YYYY-MM-DD), from the day the bank booked the debit to today: for a debit of a month since closed. The booking day unless given.") var date: String?
        func run() async throws {
            let day = try date.map { text throws(DomainError) in try parseOption("--date") { () throws(DomainError) in try BusinessDate(parsing: text) } }
            try await global.withBooks { books in
                let line = try await books.cashAllocations(reference: reference, entity: global.entity)[0]
                let currency = try Currency(code: line.currency)
                let requested = try sources.map { text throws(DomainError) -> RefundSource in
                    let (source, amount) = try Allocations.namedAmount(text, field: "--from")
                    return RefundSource(source: source, amount: try amount.map { text throws(DomainError) in try AmountFormat.parseUnambiguous(text, currency: currency, field: "--from") })
                }
                let row = try await books.refund(reference, from: requested, reason: reason, on: day, entity: global.entity)
                say("\(reference): refund of \(Allocations.amount(row.amount, row.currency)) to \(row.customer ?? "") — "
                    + row.refunds.map { "\($0.source) \(Allocations.amount($0.amount, row.currency))" }.joined(separator: ", ") + ".")
            }
        }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return", abstract: "Book a debit of the statement as the bank taking back an earlier customer credit (NSF, returned, recalled): what it paid is open again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The debit line's reference (what the bank took back).") var reference: String
        @Option(help: "The credit line it takes back (its bank reference).") var of: String
        @Option(help: "Why (NSF, payment stopped, wire recalled): kept in the entry and the audit trail.") var reason: String
        @Option(help: "The return's date (YYYY-MM-DD), from the day the bank booked the debit to today, in an open month. The booking day unless given.") var date: String?
        @Option(help: "The bank's fee taken on the same debit (an NSF charge): booked to bank fees.") var fee: String?
        @Flag(help: "The debit takes back one item of the credit: a cheque of a branch deposit, an item of a lockbox credit.") var item = false
        @Option(name: .customLong("invoice"), help: "With --item: an invoice the item paid, all the credit paid on it open again. Repeat for several.")
        var invoices: [String] = []
        func run() async throws {
            let day = try date.map { text throws(DomainError) in try parseOption("--date") { () throws(DomainError) in try BusinessDate(parsing: text) } }
            try await global.withBooks { books in
                let before = try? await books.cashAllocations(reference: of, entity: global.entity).first
                let debit = try await books.cashAllocations(reference: reference, entity: global.entity)[0]
                let charge = try fee.map { text throws(DomainError) in try AmountFormat.parseUnambiguous(text, currency: try Currency(code: debit.currency), field: "--fee").minorUnits } ?? 0
                let row = try await books.returnCredit(reference, of: of, reason: reason, on: day, fee: charge, item: item, invoices: invoices, entity: global.entity)
                let after = try await books.cashAllocations(reference: of, entity: global.entity).first
                let reopened = (before?.allocations.map(\.invoice) ?? []).filter { invoice in !(after?.allocations.contains { $0.invoice == invoice } ?? false) }
                let item = row.amount - charge
                say("\(reference): \(item == before?.amount ? "" : "\(Allocations.amount(item, row.currency)) of ")\(of) (\(Allocations.amount(before?.amount ?? item, row.currency)) \(row.currency)"
                    + "\(row.customer.map { ", \($0)" } ?? "")) taken back by the bank" + (charge > 0 ? ", with its fee of \(Allocations.amount(charge, row.currency))" : "")
                    + (reopened.isEmpty ? "." : "; open again: \(reopened.joined(separator: ", "))."))
            }
        }
    }

    struct WriteOff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "write-off", abstract: "Write off a small balance left open on an invoice, or the small credit left on an open credit note (an approver, with a reason).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The invoice, or open credit note.") var invoice: String
        @Option var reason: String
        @Option(help: "A lower limit for this write-off, in the invoice's currency (the entity's is `o2c policy set cash.write-off-limit`, 100.00 unless set).") var limit: String?
        func run() async throws {
            try await global.withBooks { books in
                let amount = try await books.writeOff(invoice, reason: reason, limit: limit, entity: global.entity)
                say("\(invoice): \(amount.decimalString) \(amount.currency.code) written off.")
            }
        }
    }
}

struct LetteringCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lettering", abstract: "Lettering of customer accounts: items that settle each other share a code.",
                                                    subcommands: [Run.self, List.self, Remove.self], defaultSubcommand: List.self)

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Letter every group of items that settle each other; show the groups still open.")
        @OptionGroup var global: GlobalOptions
        func run() async throws {
            try await global.withBooks { books in
                let run = try await books.letterAccounts(entity: global.entity)
                say("Lettered \(run.lettered.count) group\(run.lettered.count == 1 ? "" : "s"); \(run.partial.count) partly open.")
                var t = TextTable([("Customer", .left), ("Code", .left), ("Items", .left), ("Still open", .right)])
                for g in run.lettered + run.partial { t.add([g.customer, g.code ?? "(partial)", g.items.joined(separator: " "), LetteringCommand.open(g)]) }
                if !(run.lettered + run.partial).isEmpty { Console.current.out(t.render()) }
            }
        }
    }

    /// What is still open on a group, in its currency.
    static func open(_ group: LetteringRun.Group) -> String {
        guard group.open != 0 || group.creditLeft != 0, let code = group.currency, let currency = try? Currency(code: code) else { return "" }
        let credit = group.creditLeft == 0 ? "" : (group.open == 0 ? "" : "; ") + "credit left " + InvoiceCommand.money(Money(minorUnits: group.creditLeft, currency: currency)) + " " + code
        return (group.open == 0 ? "" : InvoiceCommand.money(Money(minorUnits: group.open, currency: currency)) + " " + code) + credit
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Letterings, with their items; --partial: groups settled in part, with what is still open.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: FormatOption
        @Option var customer: String?
        @Flag(help: "Partial lettering: the groups of items that settle each other in part, with what is still open on them.") var partial = false
        func run() async throws {
            try await global.withBooks { books in
                if partial {
                    let groups = try await books.partialLetterings(customer: customer, entity: global.entity)
                    switch output.format {
                    case .json: Console.current.out(JSONOutput.encode(groups))
                    case .csv: Console.current.out(CSVWriter.write(header: ["customer", "items", "open", "credit_left", "currency"], rows: groups.map { g in
                        let amount = { (minor: Int64) in g.currency.flatMap { try? Currency(code: $0) }.map { Money(minorUnits: minor, currency: $0).decimalString } ?? "0" }
                        return [g.customer, g.items.joined(separator: " "), amount(g.open), amount(g.creditLeft), g.currency ?? ""]
                    }))
                    case .table:
                        var t = TextTable([("Customer", .left), ("Items", .left), ("Still open", .right)])
                        for g in groups { t.add([g.customer, g.items.joined(separator: " "), g.open == 0 && g.creditLeft == 0 ? "cash left on the account" : LetteringCommand.open(g)]) }
                        Console.current.out(t.render())
                    }
                    return
                }
                let records = try await books.letterings(customer: customer, entity: global.entity)
                switch output.format {
                case .json: Console.current.out(JSONOutput.encode(records))
                case .csv: Console.current.out(CSVWriter.write(header: ["customer", "code", "lettered_on", "removed", "items"],
                                                               rows: records.map { [$0.customer, $0.code, $0.letteredOn, $0.removed ? "yes" : "no", $0.items.joined(separator: " ")] }))
                case .table:
                    var t = TextTable([("Customer", .left), ("Code", .left), ("On", .left), ("Items", .left)])
                    for r in records { t.add([r.customer, r.code + (r.removed ? " (removed)" : ""), r.letteredOn, r.items.joined(separator: " ")]) }
                    Console.current.out(t.render())
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a lettering (audited); its items can be lettered again.")
        @OptionGroup var global: GlobalOptions
        @Argument var code: String
        @Option var customer: String
        @Option var reason: String
        func run() async throws {
            try await global.withBooks { books in
                try await books.unletter(code, customer: customer, reason: reason, entity: global.entity)
                say("Lettering \(code) of \(customer) removed.")
            }
        }
    }
}


extension BankCommand {
    struct Mappings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "mappings", abstract: "Saved column mappings of bank CSV files (portal exports, lockbox files).",
                                                        subcommands: [List.self, Add.self], defaultSubcommand: List.self)

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "The saved mappings.")
            @OptionGroup var global: DatabaseOptions
            func run() async throws {
                try await global.withBooks { books in
                    var t = TextTable([("Name", .left), ("Date", .left), ("Amount", .left), ("Reference", .left), ("Payer", .left), ("Text", .left), ("Account", .left), ("Currency", .left)])
                    for m in try await books.csvMappings() {
                        t.add([m.name, "\(m.date) (\(m.dateFormat.rawValue))", m.amount ?? "\(m.credit ?? "") − \(m.debit ?? "")", m.reference ?? "", m.payer ?? "",
                               m.text.joined(separator: "+"), m.accountNumber ?? m.accountColumn ?? "", m.currency ?? m.currencyColumn ?? ""])
                    }
                    Console.current.out(t.render())
                }
            }
        }

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Save (or replace) a mapping: which column holds what.")
            @OptionGroup var global: DatabaseOptions
            @Argument var name: String
            @Option(help: "The date column.") var date: String
            @Option(name: .customLong("date-format"), help: "YYYY-MM-DD, MM/DD/YYYY or DD/MM/YYYY.") var dateFormat: String = "YYYY-MM-DD"
            @Option(help: "A signed amount column (credits positive).") var amount: String?
            @Option(help: "A credit column (with --debit).") var credit: String?
            @Option(help: "A debit column (with --credit).") var debit: String?
            @Option(name: .customLong("amount-format"), help: "canonical (1234.56), english (1,234.56) or canadianFrench (1 234,56).") var amountFormat: String = "canonical"
            @Option(help: "The bank reference column.") var reference: String?
            @Option(help: "The payer name column.") var payer: String?
            @Option(help: "Remittance text columns (repeat).") var text: [String] = []
            @Option(name: .customLong("account-column")) var accountColumn: String?
            @Option(name: .customLong("account"), help: "The file's one account number.") var accountNumber: String?
            @Option(name: .customLong("currency-column")) var currencyColumn: String?
            @Option(help: "The file's one currency.") var currency: String?
            func run() async throws {
                guard let format = BankCSVMapping.DateFormat(rawValue: dateFormat) else { throw DomainError(field: "--date-format", "'\(dateFormat)' is not YYYY-MM-DD, MM/DD/YYYY or DD/MM/YYYY") }
                guard let amounts = AmountFormat(rawValue: amountFormat) else { throw DomainError(field: "--amount-format", "'\(amountFormat)' is not canonical, english or canadianFrench") }
                let mapping = BankCSVMapping(name: name, date: date, amount: amount, credit: credit, debit: debit, reference: reference, payer: payer, text: text,
                                             accountColumn: accountColumn, accountNumber: accountNumber, currencyColumn: currencyColumn, currency: currency,
                                             dateFormat: format, amountFormat: amounts)
                try await global.withBooks { books in
                    try await books.saveCSVMapping(mapping)
                    say("Saved mapping \(name): o2c bank import FILE.csv --mapping \(name)")
                }
            }
        }
    }
}
