import Foundation
import O2CDomain
import O2CFormats
import O2CStore

/// What a delivery import did.
public struct DeliveryImportSummary: Sendable, Equatable {
    public var added = 0
    public var corrected = 0
    public var unchanged = 0

    public init(added: Int = 0, corrected: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.corrected = corrected
        self.unchanged = unchanged
    }
}

/// The audit record of an issued invoice.
struct IssuedInvoice: Encodable {
    let bill_to: String, period: String, currency: String
    let net: Int64, tax: Int64, total: Int64
    let issue_date: String, due_date: String, entry: String
}

/// A delivery row's identity: IO, line, day (or month).
struct DeliveryKey: Hashable {
    let io: Int64
    let line: Int
    let day: String
}

/// One line that was not billed in a run, and why.
public struct UnbilledLine: Sendable, Hashable, Codable {
    public var ioNumber: String
    public var line: Int
    public var product: String
    public var status: String
    public var reason: String

    public init(ioNumber: String, line: Int, product: String, status: String, reason: String) {
        self.ioNumber = ioNumber
        self.line = line
        self.product = product
        self.status = status
        self.reason = reason
    }
}

/// Where one IO line stands: booked, delivered, invoiced, remaining, make-good.
public struct IOLineBillingStatus: Sendable, Hashable, Codable {
    public var ioNumber: String
    public var status: String
    public var revision: Int
    public var line: Int
    public var product: String
    public var unit: String
    public var booked: Int64
    public var bookedAmount: Money
    /// The most the line may bill: its budget cap or booked amount.
    public var limit: Money
    /// Units delivered to date on the line's billing source (the schedule for booked lines).
    public var delivered: Int64
    public var invoicedQuantity: Int64
    public var invoiced: Money
    public var remaining: Money
    public var makeGoodUnits: Int64
    public var makeGood: Money
}

/// What an invoice run drafted, held and left.
public struct InvoiceRunReport: Sendable {
    public var period: Period
    public var dryRun: Bool
    public var drafts: [StoredInvoice]
    public var held: [UnbilledLine]
    public var notBilled: [UnbilledLine]
    public var makeGoods: [(ioNumber: String, line: Int, units: Int64, amount: Money)]
    public var replacedDrafts: Int
}

extension Books {
    // MARK: Delivery data

    /// Imports delivered units (docs/invoicing.md). New rows are added, rows that differ from
    /// the stored ones supersede them (audited), identical rows change nothing. Unknown IOs or
    /// lines and dates outside the flight are errors: every one is reported, nothing is written.
    public func importDeliveries(_ data: Data, fileName: String, entity code: String?) async throws -> DeliveryImportSummary {
        let table: CSVTable
        do { table = try CSVTable(data, fileName: fileName) } catch { throw FileErrors([error]) }
        let known: Set<String> = ["io_number", "line", "date", "month", "first_party", "third_party", "source"]
        var errors: [DomainError] = []
        for name in table.header where !known.contains(name) {
            errors.append(DomainError(field: name, "unknown column (columns: \(known.sorted().joined(separator: ", ")))", location: "\(fileName):1"))
        }
        for needed in ["io_number", "line"] where !table.header.contains(needed) {
            errors.append(DomainError(field: needed, "the header needs this column", location: "\(fileName):1"))
        }
        if !table.header.contains("date") && !table.header.contains("month") {
            errors.append(DomainError(field: "date", "the header needs a date (or month) column", location: "\(fileName):1"))
        }
        if !errors.isEmpty { throw FileErrors(errors) }
        return try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let ios = try await tx.loadIOs(entityID: entity.id)
            // Per IO, its id and current lines by number: looked up once per row.
            var terms: [String: (id: Int64, lines: [Int: IOLine])] = [:]
            for io in ios.values { terms[io.number] = (io.id, Dictionary(io.current.lines.map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })) }
            let columns = (io: table.column("io_number"), line: table.column("line"), date: table.column("date"), month: table.column("month"),
                           first: table.column("first_party"), third: table.column("third_party"), source: table.column("source"))
            var dates: [String: BusinessDate] = [:]
            var months = Set<String>()
            var parsed: [(line: Int, row: DeliveryRow)] = []
            parsed.reserveCapacity(table.records.count)
            var seen: [DeliveryKey: Int] = [:]
            seen.reserveCapacity(table.records.count)
            for record in table.records {
                func fail(_ field: String, _ message: String) { errors.append(DomainError(field: field, message, location: "\(fileName):\(record.line)")) }
                let number = table.value(record, columns.io)
                guard let io = terms[number] else { fail("io_number", number.isEmpty ? "empty" : "unknown IO '\(number)'"); continue }
                let lineText = table.value(record, columns.line)
                guard let lineNumber = Int(lineText), let line = io.lines[lineNumber] else {
                    fail("line", "\(number) has no line '\(lineText)'"); continue
                }
                var day: String
                let dateText = table.value(record, columns.date), monthText = table.value(record, columns.month)
                if !dateText.isEmpty {
                    let parsedDate: BusinessDate
                    if let known = dates[dateText] { parsedDate = known } else {
                        guard let date = try? BusinessDate(parsing: dateText) else { fail("date", "'\(dateText)' is not a date (YYYY-MM-DD)"); continue }
                        dates[dateText] = date
                        months.insert(date.period.description)
                        parsedDate = date
                    }
                    if parsedDate < line.flightStart || parsedDate > line.flightEnd {
                        fail("date", "\(parsedDate) is outside the flight of \(number) line \(lineNumber) (\(line.flightStart) – \(line.flightEnd))"); continue
                    }
                    day = dateText
                } else if !monthText.isEmpty {
                    guard let month = try? Period(parsing: monthText) else { fail("month", "'\(monthText)' is not a month (YYYY-MM)"); continue }
                    if month.lastDay < line.flightStart || month.firstDay > line.flightEnd {
                        fail("month", "\(month) is outside the flight of \(number) line \(lineNumber) (\(line.flightStart) – \(line.flightEnd))"); continue
                    }
                    day = month.description
                    months.insert(day)
                } else { fail("date", "empty"); continue }
                func count(_ column: Int?, _ name: String) -> Int64?? {
                    let text = table.value(record, column)
                    guard !text.isEmpty else { return .some(nil) }
                    guard let value = Int64(text) ?? Int64(text.replacingOccurrences(of: ",", with: "")) else { fail(name, "'\(text)' is not a whole number"); return nil }
                    guard value >= 0 else { fail(name, "a count cannot be negative (got \(value))"); return nil }
                    return .some(value)
                }
                guard let first = count(columns.first, "first_party"), let third = count(columns.third, "third_party") else { continue }
                if first == nil && third == nil { fail("first_party", "a row gives a first-party or a third-party count"); continue }
                let key = DeliveryKey(io: io.id, line: lineNumber, day: day)
                if let earlier = seen[key] { fail("date", "\(number) line \(lineNumber) on \(day) appears twice (first on line \(earlier))"); continue }
                seen[key] = record.line
                let source = table.value(record, columns.source)
                parsed.append((record.line, DeliveryRow(ioNumber: number, line: lineNumber, day: day, firstParty: first, thirdParty: third,
                                                        source: source.isEmpty ? nil : source)))
            }
            // Daily and monthly figures of one line and month would count twice.
            // What is stored for the file's IOs and months: unchanged rows, corrections.
            let stored = try await tx.deliveries(ioIDs: Array(Set(parsed.map { terms[$0.row.ioNumber]!.id })), months: months)
            var storedByKey: [DeliveryKey: DeliveryRow] = [:]
            for row in stored { storedByKey[DeliveryKey(io: terms[row.ioNumber]!.id, line: row.line, day: row.day)] = row }
            // Which (IO, line, month) have daily rows, which a monthly row: only when there are monthly rows at all.
            var daily = Set<DeliveryKey>(), monthly = Set<DeliveryKey>()
            if stored.contains(where: { $0.day.utf8.count == 7 }) || parsed.contains(where: { $0.row.day.utf8.count == 7 }) {
                for row in stored + parsed.map(\.row) {
                    let key = DeliveryKey(io: terms[row.ioNumber]!.id, line: row.line, day: String(row.day.prefix(7)))
                    if row.day.utf8.count == 7 { monthly.insert(key) } else { daily.insert(key) }
                }
            }
            if !monthly.isEmpty {
                for (line, row) in parsed {
                    let key = DeliveryKey(io: terms[row.ioNumber]!.id, line: row.line, day: String(row.day.prefix(7)))
                    if daily.contains(key) && monthly.contains(key) {
                        errors.append(DomainError(field: "date", "\(row.ioNumber) line \(row.line) has both daily and monthly figures for \(row.day.prefix(7))", location: "\(fileName):\(line)"))
                    }
                }
            }
            if !errors.isEmpty { throw FileErrors(errors) }
            var summary = DeliveryImportSummary()
            var added: [(ioID: Int64, row: DeliveryRow)] = []
            added.reserveCapacity(parsed.count)
            var corrected: [(ioID: Int64, row: DeliveryRow)] = []
            for (_, row) in parsed {
                let ioID = terms[row.ioNumber]!.id
                if let before = storedByKey[DeliveryKey(io: ioID, line: row.line, day: row.day)] {
                    if before == row { summary.unchanged += 1; continue }
                    corrected.append((ioID, row))
                    try await tx.audit("delivery.correct", subject: "io", id: row.ioNumber, entityID: entity.id, before: before, after: row)
                } else {
                    added.append((ioID, row))
                }
            }
            try await tx.saveDeliveries(new: added, corrections: corrected)
            summary.added = added.count
            summary.corrected = corrected.count
            if summary.added + summary.corrected > 0 {
                try await tx.audit("delivery.import", subject: "file", id: fileName, entityID: entity.id, before: nil as [String: Int]?,
                                   after: ["added": summary.added, "corrected": summary.corrected, "unchanged": summary.unchanged])
            }
            return summary
        }
    }

    // MARK: Invoice run

    /// Drafts one invoice per IO (or per bill-to with `groupByBillTo`) for what is billable in
    /// `period`: replaces the period's earlier drafts, records held lines, and says why every
    /// other line is not billed. With `dryRun` nothing is written.
    public func runInvoices(period: Period, dryRun: Bool, groupByBillTo: Bool = false, entity code: String?) async throws -> InvoiceRunReport {
        let work: (Transaction) async throws -> InvoiceRunReport = { tx in
            let entity = try await Self.resolveEntity(code, tx)
            if let through = try await tx.closedThrough(entityID: entity.id), period <= through {
                throw DomainError(field: "--period", "\(period) is closed for \(entity.entity.code) (closed through \(through)): nothing can be invoiced into it")
            }
            let ios = try await tx.loadIOs(entityID: entity.id).values.sorted { $0.number < $1.number }
            let ids = ios.map(\.id)
            let ending = ios.filter { $0.current.lines.contains { $0.flightEnd.period == period } }.map(\.id)
            let delivered = try await tx.deliveryTotals(entityID: entity.id, period: period, flightsEnding: ending)
            let billed = try await tx.billedToDate(ioIDs: ids, before: period)
            let holds = try await tx.holds(ioIDs: ids, period: period)
            let customers = try await tx.loadCustomers(codes: Array(Set(ios.map(\.current.billTo))))
            // What keeps a customer from being invoiced, worked out once per customer.
            let missing = customers.mapValues { $0.customer.missingForInvoicing }
            let taxTable = try await tx.taxRules(entity: entity)

            var report = InvoiceRunReport(period: period, dryRun: dryRun, drafts: [], held: [], notBilled: [], makeGoods: [], replacedDrafts: 0)
            var newHolds: [(ioID: Int64, line: Int, reason: String)] = []
            // Lines to bill, by invoice key (IO, or bill-to and currency when grouped).
            var billable: [String: (io: StoredIO, lines: [StoredInvoice.Line])] = [:]
            var keys: [String] = []
            for io in ios {
                let terms = io.current
                let inPeriod = terms.lines.filter { $0.flightStart <= period.lastDay && $0.flightEnd >= period.firstDay }
                guard !inPeriod.isEmpty, io.status != .cancelled else { continue }
                // Lines that would bill this month: on a schedule, or with delivery reported.
                func skip(_ reason: String) {
                    for line in inPeriod where line.pricing == .flatFee || line.billingSource == .booked
                        || (delivered[IOLineKey(io: io.id, line: line.number)]?.periodRows ?? 0) > 0 {
                        report.notBilled.append(UnbilledLine(ioNumber: io.number, line: line.number, product: line.product, status: io.status.rawValue, reason: reason))
                    }
                }
                guard io.status == .active || io.status == .completed else {
                    skip(io.status == .signed ? "signed, not yet active" : "awaiting signature (\(io.status.rawValue))"); continue
                }
                guard customers[terms.billTo] != nil, missing[terms.billTo]?.isEmpty == true else {
                    skip("bill-to \(terms.billTo) is incomplete: " + (missing[terms.billTo]?.joined(separator: "; ") ?? "unknown")); continue
                }
                for line in inPeriod {
                    let key = "\(io.id)/\(line.number)"
                    let already = billed[key]
                    if already?.issuedThisPeriod == true {
                        report.notBilled.append(UnbilledLine(ioNumber: io.number, line: line.number, product: line.product, status: io.status.rawValue,
                                                             reason: "already invoiced for \(period)"))
                        continue
                    }
                    let totals = delivered[IOLineKey(io: io.id, line: line.number)]
                    let ofPeriod = DeliveredUnits(firstParty: totals?.periodFirstParty, thirdParty: totals?.periodThirdParty)
                    let throughEnd = line.flightEnd <= period.lastDay ? ((line.billingSource == .thirdParty ? totals?.thirdParty : totals?.firstParty) ?? 0) : nil
                    let result = BillingRules.bill(
                        line, currency: terms.currency, period: period, delivered: ofPeriod,
                        billed: BilledToDate(quantity: already?.quantity ?? 0, amount: Money(minorUnits: already?.amount ?? 0, currency: terms.currency)),
                        released: holds[key]?.released, deliveredThroughFlightEnd: throughEnd)
                    if let makeGood = result.makeGood { report.makeGoods.append((io.number, line.number, makeGood.units, makeGood.amount)) }
                    switch result.outcome {
                    case .held(let reason):
                        report.held.append(UnbilledLine(ioNumber: io.number, line: line.number, product: line.product, status: io.status.rawValue, reason: reason))
                        newHolds.append((io.id, line.number, reason))
                    case .nothing(let reason):
                        report.notBilled.append(UnbilledLine(ioNumber: io.number, line: line.number, product: line.product, status: io.status.rawValue, reason: reason))
                    case .bill(let quantity, let amount, let over):
                        let invoiceKey = groupByBillTo ? "\(terms.billTo)/\(terms.currency.code)/\(terms.paymentTerms)" : io.number
                        if billable[invoiceKey] == nil { keys.append(invoiceKey); billable[invoiceKey] = (io, []) }
                        let unit = line.pricing == .flatFee ? "days of the flight" : line.pricing.unit
                        billable[invoiceKey]!.lines.append(.init(
                            number: billable[invoiceKey]!.lines.count + 1, ioNumber: io.number, ioRevision: terms.revision, ioLine: line.number,
                            description: "\(io.number) line \(line.number) — \(line.product), \(period): \(quantity) \(unit)" + (over > 0 ? "; \(over) over-delivered, not charged" : ""),
                            quantity: quantity, unitRate: line.unitRate.description, amount: amount, overDelivered: over))
                    }
                }
            }
            for key in keys {
                let (io, lines) = billable[key]!
                let terms = io.current
                let billTo = customers[terms.billTo]!.customer
                let net = lines.reduce(Money.zero(terms.currency)) { $0 + $1.amount }
                let rules = SalesTax.rules(for: billTo, on: period.lastDay, table: taxTable)
                let taxes = SalesTax.compute(net: net, rules: rules).map {
                    StoredInvoice.Tax(code: $0.rule.code, rate: $0.rule.rate.normalized.description, base: net, amount: $0.amount, accountRole: $0.rule.accountRole)
                }
                let tax = taxes.reduce(Money.zero(terms.currency)) { $0 + $1.amount }
                let grouped = Set(lines.compactMap(\.ioNumber)).count > 1
                report.drafts.append(StoredInvoice(
                    id: 0, kind: .invoice, status: .draft, series: "INV", number: nil, ioNumber: grouped ? nil : io.number,
                    ioRevision: grouped ? nil : terms.revision, billTo: terms.billTo, period: period, currency: terms.currency,
                    paymentTerms: terms.paymentTerms, poNumber: terms.poNumber, issueDate: nil, dueDate: nil,
                    net: net, tax: tax, total: net + tax, entryNumber: nil, lines: lines, taxes: taxes))
            }
            if !dryRun {
                report.replacedDrafts = try await tx.deleteDrafts(period: period, entityID: entity.id)
                let ioIDs = Dictionary(uniqueKeysWithValues: ios.map { ($0.number, $0.id) })
                let draftIDs = try await tx.insertInvoices(report.drafts, entityID: entity.id, ioIDs: ioIDs, billToIDs: customers.mapValues(\.id))
                for index in report.drafts.indices { report.drafts[index].id = draftIDs[index] }
                for hold in newHolds { try await tx.recordHold(ioID: hold.ioID, line: hold.line, period: period, reason: hold.reason) }
                for owed in report.makeGoods where owed.units > 0 || owed.amount.isPositive {
                    try await tx.recordMakeGood(ioID: ioIDs[owed.ioNumber]!, ioNumber: owed.ioNumber, line: owed.line, period: period,
                                                units: owed.units, amount: owed.amount, entityID: entity.id)
                }
                try await tx.audit("invoice.run", subject: "period", id: "\(entity.entity.code)/\(period)", entityID: entity.id, before: nil as [String: Int]?,
                                   after: ["drafts": report.drafts.count, "held": report.held.count, "replaced": report.replacedDrafts])
            }
            return report
        }
        return dryRun ? try await store.read(work) : try await store.write(actor: actor, work)
    }

    /// Releases a held line with the figure a person chose; the next run bills it.
    public func releaseHold(_ number: String, line: Int, period: Period, figure: ReleasedFigure, reason: String, entity code: String?) async throws {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "say why this figure is billed") }
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let io = try await Self.loadIO(number, entity: entity, tx)
            try await tx.releaseHold(ioID: io.id, ioNumber: number, line: line, period: period, figure: figure, reason: reason, entityID: entity.id)
        }
    }

    // MARK: Issue

    /// Issues drafts: each gets the next gap-free number of its series, an issue date, a due date
    /// from its payment terms, and is posted (receivable / revenue / taxes) in the same
    /// transaction. A USD invoice of a CAD entity needs the day's rate (`o2c fx set`).
    public func issueInvoices(period: Period?, on date: BusinessDate?, entity code: String?) async throws -> [StoredInvoice] {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let drafts = try await tx.invoices(entityID: entity.id, period: period, status: .draft)
            guard !drafts.isEmpty else {
                throw DomainError(field: "--period", "no draft invoice\(period.map { " for \($0)" } ?? ""): run `o2c invoice run --period …` first")
            }
            let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
            let chart = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
            var codes: [AccountRole: String] = [:]
            let account = { (role: AccountRole) throws(DomainError) -> String in
                if let code = codes[role] { return code }
                let code = try Self.accountCode(role, in: accounts, entity: entity)
                codes[role] = code
                return code
            }
            let functional = entity.entity.functionalCurrency
            // Numbers in the drafts' order, taken at once per series: gap-free, as the whole issue
            // is one transaction.
            var numbers: [String: [String]] = [:]
            for (series, count) in Dictionary(grouping: drafts, by: \.series).mapValues(\.count).sorted(by: { $0.key < $1.key }) {
                numbers[series] = try await tx.nextNumbers(series: series, count: count, entityID: entity.id).reversed()
            }
            var rates: [String: ExactDecimal] = [:]
            var issued: [StoredInvoice] = []
            var entries: [BalancedEntry] = []
            for draft in drafts {
                let issueDate = date ?? draft.period.lastDay
                var rate: ExactDecimal?
                if draft.currency != functional {
                    let key = "\(draft.currency.code)/\(issueDate)"
                    if rates[key] == nil { rates[key] = try await tx.exchangeRate(draft.currency, on: issueDate, entity: entity) }
                    guard let known = rates[key] else {
                        throw DomainError(field: "fx", "no \(draft.currency.code) rate on or before \(issueDate) for \(entity.entity.code): set one with `o2c fx set \(draft.currency.code) \(issueDate) RATE`")
                    }
                    rate = known
                }
                let number = numbers[draft.series]!.removeLast()
                var lines: [JournalLineDraft] = [.debit(try account(.receivable), draft.total, customer: draft.billTo, rate: rate, memo: number)]
                lines.append(.credit(try account(.revenue), draft.net, rate: rate, memo: draft.ioNumber.map { "IO \($0)" }))
                for tax in draft.taxes where tax.amount.isPositive {
                    lines.append(.credit(try account(tax.accountRole), tax.amount, rate: rate, memo: "\(tax.code) \(tax.rate)"))
                }
                entries.append(try PostingRules.validate(
                    JournalEntryDraft(journal: .sales, date: issueDate, description: "Invoice \(number) — \(draft.billTo), \(draft.period)", reference: number, lines: lines),
                    functionalCurrency: functional, accounts: chart))
                var done = draft
                done.status = .issued
                done.number = number
                done.issueDate = issueDate
                done.dueDate = draft.paymentTerms.dueDate(for: issueDate)
                issued.append(done)
            }
            let posted = try await tx.post(entries, into: entity, source: .invoice)
            for index in issued.indices {
                issued[index].entryNumber = posted[index].number
                issued[index].entryID = posted[index].id
            }
            try await tx.markIssued(issued.map { ($0.id, $0.number!, $0.issueDate!, $0.dueDate!, $0.entryID!) })
            // What was issued, in brief: the invoice itself is stored and never changes.
            try await tx.audit("invoice.issue", subject: "invoice", entityID: entity.id, after: issued.map {
                ($0.number!, IssuedInvoice(bill_to: $0.billTo, period: $0.period.description, currency: $0.currency.code, net: $0.net.minorUnits,
                                           tax: $0.tax.minorUnits, total: $0.total.minorUnits, issue_date: $0.issueDate!.description,
                                           due_date: $0.dueDate!.description, entry: $0.entryNumber ?? ""))
            })
            return issued
        }
    }

    /// The month-end question, "is everything invoiced?": every IO line with units delivered in
    /// the period that no issued invoice bills, with the reason (held, awaiting signature,
    /// drafted but not issued, not yet run).
    public func unbilled(period: Period, entity code: String?) async throws -> [UnbilledLine] {
        let run = try await runInvoices(period: period, dryRun: true, entity: code)
        let drafts = try await invoices(period: period, status: .draft, entity: code)
        var lines = run.held.map { UnbilledLine(ioNumber: $0.ioNumber, line: $0.line, product: $0.product, status: $0.status, reason: "held: \($0.reason)") }
        let settled = ["no delivery reported", "already invoiced for \(period)", "nothing left to bill"]
        lines += run.notBilled.filter { !settled.contains($0.reason) && !$0.reason.hasPrefix("outside") && !$0.reason.hasPrefix("cap reached") }
        for draft in run.drafts {
            for line in draft.lines where line.amount.isPositive {
                let drafted = drafts.contains { d in d.lines.contains { $0.ioNumber == line.ioNumber && $0.ioLine == line.ioLine && $0.amount == line.amount } }
                lines.append(UnbilledLine(ioNumber: line.ioNumber ?? "", line: line.ioLine ?? 0, product: line.description, status: "billable",
                                          reason: drafted ? "drafted, not issued" : "not yet run"))
            }
        }
        return lines
    }

    /// The open account that plays a role in an entity's chart (receivable, revenue, a tax).
    static func accountCode(_ role: AccountRole, in accounts: [Account], entity: EntityRecord) throws(DomainError) -> String {
        guard let account = accounts.first(where: { $0.role == role && $0.isActive }) else {
            throw DomainError(field: "account", "\(entity.entity.code) has no open account with role \(role.rawValue)")
        }
        return account.code
    }

    // MARK: IO billing status

    /// Per IO line: booked, delivered, invoiced, remaining, and the make-good owed once the flight
    /// has ended under-delivered.
    public func ioBillingStatus(entity code: String?) async throws -> [IOLineBillingStatus] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let ios = try await tx.loadIOs(entityID: entity.id).values.filter { $0.status != .cancelled }.sorted { $0.number < $1.number }
            let deliveries = try await tx.deliveries(ioIDs: ios.map(\.id))
            let invoiced = try await tx.invoicedToDate(ioIDs: ios.map(\.id))
            let today = BusinessDate.today(in: TimeZone(identifier: entity.entity.timeZone) ?? .gmt)
            let byLine = Dictionary(grouping: deliveries) { "\($0.ioNumber)/\($0.line)" }
            var rows: [IOLineBillingStatus] = []
            for io in ios {
                let terms = io.current
                for line in terms.lines {
                    let lineRows = byLine["\(io.number)/\(line.number)"] ?? []
                    let delivered: Int64 = switch line.billingSource {
                    case .thirdParty: lineRows.compactMap(\.thirdParty).reduce(0, +)
                    case .firstParty: lineRows.compactMap(\.firstParty).reduce(0, +)
                    case .booked: BillingRules.scheduledThrough(line, date: min(today, line.flightEnd))
                    }
                    let billed = invoiced["\(io.id)/\(line.number)"] ?? (0, 0)
                    let limit = line.billingLimit(in: terms.currency)
                    let shortfall = line.flightEnd < today && line.pricing != .flatFee && delivered < line.bookedQuantity ? line.bookedQuantity - delivered : 0
                    rows.append(IOLineBillingStatus(
                        ioNumber: io.number, status: io.status.rawValue, revision: terms.revision, line: line.number, product: line.product,
                        unit: line.pricing.unit, booked: line.bookedQuantity, bookedAmount: line.bookedAmount(in: terms.currency), limit: limit,
                        delivered: delivered, invoicedQuantity: billed.quantity, invoiced: Money(minorUnits: billed.amount, currency: terms.currency),
                        remaining: Money(minorUnits: limit.minorUnits - billed.amount, currency: terms.currency), makeGoodUnits: shortfall,
                        makeGood: shortfall > 0 ? BillingRules.cumulativeAmount(line, quantity: line.bookedQuantity, currency: terms.currency)
                            - BillingRules.cumulativeAmount(line, quantity: delivered, currency: terms.currency) : .zero(terms.currency)))
                }
            }
            return rows
        }
    }

    // MARK: Credit notes

    /// Credits an issued invoice, whole (no `lines`, no `amount`), by some of its lines, or by a net
    /// amount (taxes at the invoice's rates). The credit note is numbered in its own gap-free
    /// series, linked to the invoice, posted (revenue and taxes / receivable), and never takes back
    /// more than the invoice is worth. Credited lines become billable again on the next run.
    public func creditInvoice(_ number: String, lines: [Int]?, amount: Money?, reason: String, on date: BusinessDate?, entity code: String?) async throws -> StoredInvoice {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "a credit note says why") }
        return try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            guard let invoice = try await tx.invoices(entityID: entity.id, status: .issued, number: number).first(where: { $0.kind == .invoice }) else {
                throw DomainError(field: "invoice", "no issued invoice \(number) in \(entity.entity.code)")
            }
            let currency = invoice.currency
            var creditLines: [StoredInvoice.Line]
            if let amount {
                guard amount.currency == currency, amount.isPositive else {
                    throw DomainError(field: "--amount", "the amount is a positive \(currency.code) amount")
                }
                creditLines = [.init(number: 1, ioNumber: nil, ioRevision: nil, ioLine: nil, description: "Partial credit of \(number): \(reason)",
                                     quantity: 0, unitRate: "0", amount: amount, overDelivered: 0)]
            } else if let lines {
                creditLines = []
                for n in lines {
                    guard let line = invoice.lines.first(where: { $0.number == n }) else { throw DomainError(field: "--line", "\(number) has no line \(n)") }
                    creditLines.append(line)
                }
            } else {
                creditLines = invoice.lines
            }
            for index in creditLines.indices { creditLines[index].number = index + 1 }
            let net = creditLines.reduce(Money.zero(currency)) { $0 + $1.amount }
            // Taxes at the invoice's own rates, rounded once; a whole credit takes back exactly the invoice's tax.
            let taxes: [StoredInvoice.Tax] = try invoice.taxes.map { tax in
                let amount = net == invoice.net ? tax.amount : net.multiplied(by: try ExactDecimal(parsing: tax.rate), rounding: .halfUp)
                return .init(code: tax.code, rate: tax.rate, base: net, amount: amount, accountRole: tax.accountRole)
            }
            let total = net + taxes.reduce(Money.zero(currency)) { $0 + $1.amount }
            let invoiceID = invoice.id
            let already = try await tx.credited(invoiceID: invoiceID)
            guard already + total.minorUnits <= invoice.total.minorUnits else {
                let left = Money(minorUnits: invoice.total.minorUnits - already, currency: currency)
                throw DomainError(field: "--amount", "\(number) has \(AmountFormat.english.format(left)) \(currency.code) left to credit; this credit is \(AmountFormat.english.format(total))")
            }
            let issueDate = date ?? BusinessDate.today(in: TimeZone(identifier: entity.entity.timeZone) ?? .gmt)
            let creditNumber = try await tx.nextNumber(series: "CRN", entityID: entity.id)
            var note = StoredInvoice(id: 0, kind: .creditNote, status: .issued, series: "CRN", number: creditNumber, ioNumber: invoice.ioNumber,
                                     ioRevision: invoice.ioRevision, billTo: invoice.billTo, period: invoice.period, currency: currency,
                                     paymentTerms: .dueOnReceipt, poNumber: invoice.poNumber, issueDate: issueDate, dueDate: issueDate,
                                     net: net, tax: total - net, total: total, entryNumber: nil, lines: creditLines, taxes: taxes)
            note.creditsNumber = number
            note.reason = reason
            let ios = try await tx.loadIOs(entityID: entity.id, numbers: Array(Set(creditLines.compactMap(\.ioNumber) + (invoice.ioNumber.map { [$0] } ?? []))))
            let customers = try await tx.customers(codes: [invoice.billTo])
            note.id = try await tx.insertInvoice(note, entityID: entity.id, ioIDs: ios.mapValues(\.id), billToID: customers[invoice.billTo]!.id,
                                                 creditsInvoiceID: invoiceID)
            // The posting mirrors the invoice's, at the rate the invoice was booked at; an invoice
            // settled before the books started was booked by none here: the day's rate.
            var rate: ExactDecimal?
            if let booked = invoice.entryNumber {
                rate = try await tx.entry(number: booked, entityID: entity.id)?.lines.first?.rate
            } else {
                var rates = RateCache()
                rate = try await rates.rate(currency, on: issueDate, entity: entity, tx)
            }
            let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
            let account = { (role: AccountRole) throws(DomainError) in try Self.accountCode(role, in: accounts, entity: entity) }
            var journal: [JournalLineDraft] = [.debit(try account(.revenue), net, rate: rate, memo: "Credit of \(number)")]
            for tax in taxes where tax.amount.isPositive { journal.append(.debit(try account(tax.accountRole), tax.amount, rate: rate, memo: tax.code)) }
            journal.append(.credit(try account(.receivable), total, customer: invoice.billTo, rate: rate, memo: creditNumber))
            let entry = try PostingRules.validate(
                JournalEntryDraft(journal: .sales, date: issueDate, description: "Credit note \(creditNumber) on \(number) — \(reason)", reference: creditNumber, lines: journal),
                functionalCurrency: entity.entity.functionalCurrency, accounts: Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) }))
            let posted = try await tx.post([entry], into: entity, source: .invoice)[0]
            try await tx.setInvoiceEntry(invoiceID: note.id, entryID: posted.id, receivableLine: journal.count)
            note.entryNumber = posted.number
            try await tx.audit("invoice.credit", subject: "invoice", id: number, entityID: entity.id, before: nil as StoredInvoice?, after: note)
            return note
        }
    }

    public func invoices(period: Period?, status: InvoiceStatus?, entity code: String?) async throws -> [StoredInvoice] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return try await tx.invoices(entityID: entity.id, period: period, status: status)
        }
    }

    /// Invoices with what is still open on each issued one (nil for drafts and credit notes of an
    /// invoice; an open credit note's credit left is negative),
    /// of one bill-to customer or all, only those with something open when `openOnly`.
    public func invoiceBalances(period: Period?, status: InvoiceStatus?, customer: String? = nil, openOnly: Bool = false,
                                entity code: String?) async throws -> [InvoiceBalance] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            if let customer, try await tx.customers(codes: [customer])[customer] == nil { throw DomainError(field: "--customer", "unknown customer '\(customer)'") }
            let open = Dictionary(uniqueKeysWithValues: try await tx.openItems(entityID: entity.id, credits: true).map { ($0.item.id, $0.item.open) })
            return try await tx.invoices(entityID: entity.id, period: period, status: status)
                .filter { customer == nil || $0.billTo == customer }
                .map { InvoiceBalance(invoice: $0, open: $0.status == .issued && $0.hasOwnBalance ? open[$0.id] ?? 0 : nil) }
                // Open: something left to collect, or credit left to use (negative).
                .filter { !openOnly || ($0.open ?? 0) != 0 }
        }
    }

    /// One issued invoice (or one migrated as an open item), with what is still open on it and
    /// what settled it.
    public func invoiceAccount(_ number: String, entity code: String?) async throws -> InvoiceBalance {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            guard let invoice = try await tx.invoices(entityID: entity.id, number: number).first else {
                throw DomainError(field: "invoice", "no invoice \(number) in \(entity.entity.code)")
            }
            // Shown with its settlements, none for a draft or a credit note (written as null).
            var balance = InvoiceBalance(invoice: invoice, open: nil, shownAlone: true)
            if invoice.status == .issued, invoice.hasOwnBalance {
                balance.open = try await tx.invoiceBalance(number: number, entityID: entity.id)?.open
                balance.settlements = try await tx.invoiceSettlements(invoiceID: invoice.id, entityID: entity.id)
            }
            return balance
        }
    }

    public func taxRules(entity code: String?) async throws -> [TaxRule] {
        try await store.read { tx in try await tx.taxRules(entity: try await Self.resolveEntity(code, tx)) }
    }

    public func addTaxRule(_ rule: TaxRule, entity code: String?) async throws {
        guard rule.rate.units >= 0, rule.rate < ExactDecimal(1) else { throw DomainError(field: "--rate", "a tax rate is a fraction: 0.13 for 13%") }
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            guard try await tx.accounts(entityID: entity.id).contains(where: { $0.account.role == rule.accountRole }) else {
                throw DomainError(field: "--account-role", "\(entity.entity.code) has no account with role \(rule.accountRole.rawValue)")
            }
            try await tx.addTaxRule(rule, entity: entity)
        }
    }

    public func setExchangeRate(_ currency: Currency, on date: BusinessDate, rate: ExactDecimal, entity code: String?) async throws {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            try await tx.setExchangeRate(currency, on: date, rate: rate, entity: entity)
        }
    }

    /// The sales register of a period: issued invoices and credit notes with net, tax and total,
    /// and the revenue the ledger holds for them, which must tie. The register's side is the
    /// documents' net (credit notes negative); for a document in another currency, its net as the
    /// ledger converted it.
    public func salesRegister(period: Period, entity code: String?) async throws -> (invoices: [StoredInvoice], ledgerRevenue: Int64, registerRevenue: Int64) {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let invoices = try await tx.invoices(entityID: entity.id, period: period, status: .issued)
            let entries = try await tx.entries(entityID: entity.id, ids: invoices.compactMap(\.entryID))
            let byNumber = Dictionary(uniqueKeysWithValues: entries.map { ($0.number, $0) })
            let revenueAccounts = Set(try await tx.accounts(entityID: entity.id).filter { $0.account.role == .revenue }.map(\.account.code))
            func revenue(_ entry: PostedEntry?) -> Int64 {
                entry?.lines.filter { revenueAccounts.contains($0.accountCode) }.reduce(Int64(0)) { $0 + $1.functionalCredit - $1.functionalDebit } ?? 0
            }
            let ledger = entries.reduce(Int64(0)) { $0 + revenue($1) }
            let register = invoices.reduce(Int64(0)) { sum, invoice in
                let net = invoice.currency == entity.entity.functionalCurrency
                    ? invoice.net.minorUnits : abs(revenue(invoice.entryNumber.flatMap { byNumber[$0] }))
                return sum + (invoice.kind == .creditNote ? -net : net)
            }
            return (invoices, ledger, register)
        }
    }
}

/// An invoice with what is still open on it (minor units of its currency; nil for drafts and
/// credit notes) and, for one invoice shown, what settled it. Written as the invoice's own
/// fields plus `open` and `settlements`.
public struct InvoiceBalance: Sendable, Encodable {
    public var invoice: StoredInvoice
    public var open: Int64?
    public var settlements: [InvoiceSettlement]? = nil
    /// `invoice show`: `settlements` written (null for a draft or a credit note); a list leaves it out.
    public var shownAlone = false

    enum CodingKeys: String, CodingKey { case open, settlements }

    public func encode(to encoder: any Encoder) throws {
        try invoice.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        // In the invoice's own money style (`{"amount": "12.50", "currency": "CAD"}`).
        try c.encode(open.map { Money(minorUnits: $0, currency: invoice.currency) }, forKey: .open)
        if shownAlone { try c.encode(settlements, forKey: .settlements) }
    }
}
