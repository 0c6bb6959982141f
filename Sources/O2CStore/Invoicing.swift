import Foundation
import SQLKit
import O2CDomain

/// A delivery row as stored: the counts of one IO line on one day (or month).
public struct DeliveryRow: Sendable, Hashable, Codable {
    public var ioNumber: String
    public var line: Int
    /// `YYYY-MM-DD`, or `YYYY-MM` for a month's total.
    public var day: String
    public var firstParty: Int64?
    public var thirdParty: Int64?
    public var source: String?

    public init(ioNumber: String, line: Int, day: String, firstParty: Int64?, thirdParty: Int64?, source: String?) {
        self.ioNumber = ioNumber
        self.line = line
        self.day = day
        self.firstParty = firstParty
        self.thirdParty = thirdParty
        self.source = source
    }
}

public enum InvoiceKind: String, Sendable, Codable { case invoice, creditNote = "credit-note" }
public enum InvoiceStatus: String, Sendable, Codable { case draft, issued }

/// An IO line by row id and line number.
public struct IOLineKey: Hashable, Sendable {
    public let io: Int64
    public let line: Int

    public init(io: Int64, line: Int) {
        self.io = io
        self.line = line
    }
}

/// What was delivered on an IO line: in one month, and over its flight.
public struct DeliveryTotals: Sendable, Hashable {
    public var periodFirstParty: Int64?
    public var periodThirdParty: Int64?
    public var periodRows: Int
    public var firstParty: Int64?
    public var thirdParty: Int64?
}

/// An invoice or credit note as stored.
public struct StoredInvoice: Sendable, Hashable, Codable {
    public struct Line: Sendable, Hashable, Codable {
        public var number: Int
        /// The IO line billed, and the revision it was billed under (grouped invoices span IOs).
        public var ioNumber: String?
        public var ioRevision: Int?
        public var ioLine: Int?
        public var description: String
        public var quantity: Int64
        public var unitRate: String
        public var amount: Money
        public var overDelivered: Int64

        public init(number: Int, ioNumber: String?, ioRevision: Int?, ioLine: Int?, description: String, quantity: Int64,
                    unitRate: String, amount: Money, overDelivered: Int64) {
            self.number = number
            self.ioNumber = ioNumber
            self.ioRevision = ioRevision
            self.ioLine = ioLine
            self.description = description
            self.quantity = quantity
            self.unitRate = unitRate
            self.amount = amount
            self.overDelivered = overDelivered
        }
    }
    public struct Tax: Sendable, Hashable, Codable {
        public var code: String
        public var rate: String
        public var base: Money
        public var amount: Money
        public var accountRole: AccountRole

        public init(code: String, rate: String, base: Money, amount: Money, accountRole: AccountRole) {
            self.code = code
            self.rate = rate
            self.base = base
            self.amount = amount
            self.accountRole = accountRole
        }
    }
    public var id: Int64
    public var kind: InvoiceKind
    public var status: InvoiceStatus
    public var series: String
    public var number: String?
    public var ioNumber: String?
    public var ioRevision: Int?
    public var billTo: String
    public var period: Period
    public var currency: Currency
    public var paymentTerms: PaymentTerms
    public var poNumber: String?
    public var issueDate: BusinessDate?
    public var dueDate: BusinessDate?
    public var net: Money
    public var tax: Money
    public var total: Money
    public var entryNumber: String?
    /// The posted entry's row id, for reading it back.
    public var entryID: Int64? = nil
    public var lines: [Line]
    public var taxes: [Tax]
    /// For a credit note: the invoice it credits, and why.
    public var creditsNumber: String? = nil
    public var reason: String? = nil

    /// An invoice, or a credit note of no invoice (open credit carried over from a previous
    /// system): an item with a balance of its own on the customer's account. A credit note of an
    /// invoice is part of that invoice's balance.
    public var hasOwnBalance: Bool { kind == .invoice || creditsNumber == nil }

    public init(id: Int64, kind: InvoiceKind, status: InvoiceStatus, series: String, number: String?, ioNumber: String?, ioRevision: Int?,
                billTo: String, period: Period, currency: Currency, paymentTerms: PaymentTerms, poNumber: String?, issueDate: BusinessDate?,
                dueDate: BusinessDate?, net: Money, tax: Money, total: Money, entryNumber: String?, lines: [Line], taxes: [Tax]) {
        self.id = id
        self.kind = kind
        self.status = status
        self.series = series
        self.number = number
        self.ioNumber = ioNumber
        self.ioRevision = ioRevision
        self.billTo = billTo
        self.period = period
        self.currency = currency
        self.paymentTerms = paymentTerms
        self.poNumber = poNumber
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.net = net
        self.tax = tax
        self.total = total
        self.entryNumber = entryNumber
        self.lines = lines
        self.taxes = taxes
    }
}

extension Transaction {
    // MARK: Deliveries

    /// Stored delivery rows of these IO lines, by (io number, line, day).
    public func deliveries(ioIDs: [Int64], months: Set<String>? = nil) async throws -> [DeliveryRow] {
        guard !ioIDs.isEmpty else { return [] }
        var rows: [DeliveryRow] = []
        var filter: SQLQueryString = ""
        if let months {
            guard !months.isEmpty else { return [] }
            filter = " AND substr(d.day, 1, 7) IN (\(binds: months.sorted().map { $0 as any Encodable & Sendable }))"
        }
        for start in stride(from: 0, to: ioIDs.count, by: 500) {
            let chunk = ioIDs[start..<min(start + 500, ioIDs.count)].map { $0 as any Encodable & Sendable }
            rows += try await sql.raw("""
                SELECT io.number, d.line_no, d.day, d.first_party, d.third_party, d.source FROM deliveries d
                JOIN insertion_orders io ON io.id = d.io_id WHERE d.io_id IN (\(binds: chunk))\(filter)
                """).all().map {
                DeliveryRow(ioNumber: try $0.decode(column: "number", as: String.self), line: try $0.decode(column: "line_no", as: Int.self),
                            day: try $0.decode(column: "day", as: String.self), firstParty: try $0.decode(column: "first_party", as: Int64?.self),
                            thirdParty: try $0.decode(column: "third_party", as: Int64?.self), source: try $0.decode(column: "source", as: String?.self))
            }
        }
        return rows
    }

    /// Per IO line of the entity: what was delivered in `period` (sums of each count, nil when no
    /// row gives it; and how many rows), and, for the IOs in `flightsEnding`, over the whole
    /// flight. Summed by the database, so a month-end reads one row per line, not one per day.
    public func deliveryTotals(entityID: Int64, period: Period, flightsEnding: [Int64]) async throws -> [IOLineKey: DeliveryTotals] {
        var totals: [IOLineKey: DeliveryTotals] = [:]
        // The month's rows: days `YYYY-MM-DD` and a month's total `YYYY-MM` sort between these two.
        // NB: no join and no per-row expression: this reads every row of a month.
        let entityIOs = try await sql.raw("SELECT id FROM insertion_orders WHERE entity_id = \(bind: entityID)").all()
            .reduce(into: Set<Int64>()) { $0.insert(try $1.decode(column: "id", as: Int64.self)) }
        for row in try await sql.raw("""
            SELECT io_id, line_no, CAST(SUM(first_party) AS BIGINT) AS first_party, CAST(SUM(third_party) AS BIGINT) AS third_party,
                   CAST(COUNT(*) AS BIGINT) AS row_count
            FROM deliveries WHERE day >= \(bind: period.description) AND day <= \(bind: period.description + "-99")
            GROUP BY io_id, line_no
            """).all() {
            let io = try row.decode(column: "io_id", as: Int64.self)
            guard entityIOs.contains(io) else { continue }
            totals[IOLineKey(io: io, line: try row.decode(column: "line_no", as: Int.self))] = DeliveryTotals(
                periodFirstParty: try row.decode(column: "first_party", as: Int64?.self), periodThirdParty: try row.decode(column: "third_party", as: Int64?.self),
                periodRows: try row.decode(column: "row_count", as: Int.self), firstParty: nil, thirdParty: nil)
        }
        // Over the whole flight, only for the lines whose flight ends this month.
        for start in stride(from: 0, to: flightsEnding.count, by: 500) {
            let chunk = flightsEnding[start..<min(start + 500, flightsEnding.count)].map { $0 as any Encodable & Sendable }
            for row in try await sql.raw("""
                SELECT io_id, line_no, CAST(SUM(first_party) AS BIGINT) AS first_party, CAST(SUM(third_party) AS BIGINT) AS third_party
                FROM deliveries WHERE io_id IN (\(binds: chunk)) GROUP BY io_id, line_no
                """).all() {
                let key = IOLineKey(io: try row.decode(column: "io_id", as: Int64.self), line: try row.decode(column: "line_no", as: Int.self))
                var line = totals[key] ?? DeliveryTotals(periodFirstParty: nil, periodThirdParty: nil, periodRows: 0, firstParty: nil, thirdParty: nil)
                line.firstParty = try row.decode(column: "first_party", as: Int64?.self)
                line.thirdParty = try row.decode(column: "third_party", as: Int64?.self)
                totals[key] = line
            }
        }
        return totals
    }

    /// Writes new rows and corrections in bulk; `corrections` replace stored rows.
    public func saveDeliveries(new rows: [(ioID: Int64, row: DeliveryRow)], corrections: [(ioID: Int64, row: DeliveryRow)]) async throws {
        for (ioID, row) in corrections {
            try await sql.raw("DELETE FROM deliveries WHERE io_id = \(bind: ioID) AND line_no = \(bind: row.line) AND day = \(bind: row.day)").run()
        }
        var bulk = BulkRows("deliveries", [("io_id", .integer), ("line_no", .integer), ("day", .text), ("first_party", .integer),
                                           ("third_party", .integer), ("source", .text), ("updated_at", .text)])
        for (ioID, row) in rows + corrections {
            bulk.beginRow()
            bulk.integer(ioID); bulk.integer(row.line); bulk.text(row.day); bulk.integer(row.firstParty); bulk.integer(row.thirdParty)
            bulk.text(row.source); bulk.text(timestamp)
            bulk.endRow()
            if bulk.count == 100_000 { try await bulk.insert(self); bulk = BulkRows(bulk.table, bulk.columns.map { ($0.name, $0.kind) }) }
        }
        try await bulk.insert(self)
    }

    // MARK: Tax table and exchange rates

    /// The entity's tax table: its own rules, or the defaults of its country when none is set.
    public func taxRules(entity: EntityRecord) async throws -> [TaxRule] {
        let rows = try await sql.raw("SELECT * FROM tax_rules WHERE entity_id = \(bind: entity.id) ORDER BY code, country, region, valid_from").all()
        if rows.isEmpty { return SalesTax.defaults(for: entity.entity) }
        return try rows.map { row in
            TaxRule(code: try row.decode(column: "code", as: String.self), country: try row.decode(column: "country", as: String.self),
                    region: try row.decode(column: "region", as: String?.self),
                    rate: try ExactDecimal(parsing: try row.decode(column: "rate", as: String.self)),
                    validFrom: try BusinessDate(parsing: try row.decode(column: "valid_from", as: String.self)),
                    validTo: try row.decode(column: "valid_to", as: String?.self).map { s throws(DomainError) in try BusinessDate(parsing: s) },
                    accountRole: AccountRole(rawValue: try row.decode(column: "account_role", as: String.self)) ?? .gstPayable)
        }
    }

    /// Adds a rule to the entity's tax table (writing the country defaults first if the table is
    /// still the defaults). A rule of the same tax and place still in force ends the day before the
    /// new one starts: that is how a rate change is recorded.
    public func addTaxRule(_ rule: TaxRule, entity: EntityRecord) async throws {
        let stored = try await sql.raw("SELECT COUNT(*) AS n FROM tax_rules WHERE entity_id = \(bind: entity.id)").first()!.decode(column: "n", as: Int.self)
        if stored == 0 {
            for d in SalesTax.defaults(for: entity.entity) { try await insertTaxRule(d, entityID: entity.id) }
        }
        let regionFilter: SQLQueryString = rule.region.map { "region = \(bind: $0)" } ?? "region IS NULL"
        let open = try await sql.raw("""
            SELECT id, valid_from FROM tax_rules WHERE entity_id = \(bind: entity.id) AND code = \(bind: rule.code) AND country = \(bind: rule.country)
              AND \(regionFilter) AND valid_to IS NULL
            """).all()
        for row in open {
            let from = try BusinessDate(parsing: try row.decode(column: "valid_from", as: String.self))
            guard from < rule.validFrom else {
                throw DomainError(field: "--from", "a \(rule.code) rule for \(rule.region ?? rule.country) already starts on \(from); a new rate starts after it")
            }
            try await sql.raw("UPDATE tax_rules SET valid_to = \(bind: rule.validFrom.adding(days: -1).description) WHERE id = \(bind: try row.decode(column: "id", as: Int64.self))").run()
        }
        try await insertTaxRule(rule, entityID: entity.id)
        try await audit("tax.rule", subject: "tax", id: "\(entity.entity.code)/\(rule.code)/\(rule.region ?? rule.country)", entityID: entity.id,
                        before: nil as TaxRule?, after: rule)
    }

    private func insertTaxRule(_ rule: TaxRule, entityID: Int64) async throws {
        try await sql.raw("""
            INSERT INTO tax_rules (entity_id, code, country, region, rate, valid_from, valid_to, account_role)
            VALUES (\(bind: entityID), \(bind: rule.code), \(bind: rule.country), \(bind: rule.region), \(bind: rule.rate.normalized.description),
                    \(bind: rule.validFrom.description), \(bind: rule.validTo?.description), \(bind: rule.accountRole.rawValue))
            """).run()
    }

    public func setExchangeRate(_ currency: Currency, on date: BusinessDate, rate: ExactDecimal, entity: EntityRecord) async throws {
        guard rate.units > 0 else { throw DomainError(field: "RATE", "an exchange rate must be positive") }
        guard currency != entity.entity.functionalCurrency else { throw DomainError(field: "CURRENCY", "\(currency.code) is \(entity.entity.code)'s own currency") }
        let before = try await sql.raw("""
            SELECT rate FROM exchange_rates WHERE entity_id = \(bind: entity.id) AND currency = \(bind: currency.code) AND rate_date = \(bind: date.description)
            """).first()?.decode(column: "rate", as: String.self)
        try await sql.raw("DELETE FROM exchange_rates WHERE entity_id = \(bind: entity.id) AND currency = \(bind: currency.code) AND rate_date = \(bind: date.description)").run()
        try await sql.raw("""
            INSERT INTO exchange_rates (entity_id, currency, rate_date, rate) VALUES (\(bind: entity.id), \(bind: currency.code), \(bind: date.description), \(bind: rate.normalized.description))
            """).run()
        try await audit("fx.set", subject: "exchange-rate", id: "\(entity.entity.code)/\(currency.code)/\(date)", entityID: entity.id,
                        before: before.map { ["rate": $0] }, after: ["rate": rate.normalized.description])
    }

    /// The rate of a currency on a date: the latest set on or before it.
    public func exchangeRate(_ currency: Currency, on date: BusinessDate, entity: EntityRecord) async throws -> ExactDecimal? {
        try await datedExchangeRate(currency, on: date, entity: entity)?.rate
    }

    /// The rate in force on `date` (the last one set on or before it), and the day it was set for.
    public func datedExchangeRate(_ currency: Currency, on date: BusinessDate, entity: EntityRecord) async throws -> (rate: ExactDecimal, day: BusinessDate)? {
        guard let row = try await sql.raw("""
            SELECT rate, rate_date FROM exchange_rates WHERE entity_id = \(bind: entity.id) AND currency = \(bind: currency.code) AND rate_date <= \(bind: date.description)
            ORDER BY rate_date DESC LIMIT 1
            """).first() else { return nil }
        return (try ExactDecimal(parsing: try row.decode(column: "rate", as: String.self)), try BusinessDate(parsing: try row.decode(column: "rate_date", as: String.self)))
    }

    // MARK: Invoices

    public func insertInvoice(_ invoice: StoredInvoice, entityID: Int64, ioIDs: [String: Int64], billToID: Int64, creditsInvoiceID: Int64? = nil) async throws -> Int64 {
        let ioID = invoice.ioNumber.flatMap { ioIDs[$0] }
        let id = try await insertReturningID("""
            INSERT INTO invoices (entity_id, kind, status, series, number, io_id, io_revision, bill_to_id, period, currency, payment_terms, po_number,
                                  issue_date, due_date, net_minor, tax_minor, total_minor, credits_invoice_id, reason, created_at)
            VALUES (\(bind: entityID), \(bind: invoice.kind.rawValue), \(bind: invoice.status.rawValue), \(bind: invoice.series), \(bind: invoice.number),
                    \(bind: ioID), \(bind: invoice.ioRevision), \(bind: billToID), \(bind: invoice.period.description), \(bind: invoice.currency.code),
                    \(bind: invoice.paymentTerms.description), \(bind: invoice.poNumber), \(bind: invoice.issueDate?.description),
                    \(bind: invoice.dueDate?.description), \(bind: invoice.net.minorUnits), \(bind: invoice.tax.minorUnits),
                    \(bind: invoice.total.minorUnits), \(bind: creditsInvoiceID), \(bind: invoice.reason), \(bind: timestamp))
            """)
        for line in invoice.lines {
            try await sql.raw("""
                INSERT INTO invoice_lines (invoice_id, line_no, io_id, io_revision, io_line_no, description, quantity, unit_rate, amount_minor, over_delivered)
                VALUES (\(bind: id), \(bind: line.number), \(bind: line.ioNumber.flatMap { ioIDs[$0] }), \(bind: line.ioRevision), \(bind: line.ioLine),
                        \(bind: line.description), \(bind: line.quantity),
                        \(bind: line.unitRate), \(bind: line.amount.minorUnits), \(bind: line.overDelivered))
                """).run()
        }
        for tax in invoice.taxes {
            try await sql.raw("""
                INSERT INTO invoice_taxes (invoice_id, code, rate, base_minor, amount_minor, account_role)
                VALUES (\(bind: id), \(bind: tax.code), \(bind: tax.rate), \(bind: tax.base.minorUnits), \(bind: tax.amount.minorUnits), \(bind: tax.accountRole.rawValue))
                """).run()
        }
        return id
    }

    /// Inserts many invoices with their lines and taxes in a few statements; returns their ids,
    /// in order. The ids are taken first (the table's own sequence on PostgreSQL; on SQLite the
    /// writer holds the database), so lines can name their invoice without a round trip each.
    public func insertInvoices(_ invoices: [StoredInvoice], entityID: Int64, ioIDs: [String: Int64], billToIDs: [String: Int64]) async throws -> [Int64] {
        guard !invoices.isEmpty else { return [] }
        let ids = try await reserveIDs("invoices", count: invoices.count)
        var head = BulkRows("invoices", [("id", .integer), ("entity_id", .integer), ("kind", .text), ("status", .text), ("series", .text), ("number", .text),
                                         ("io_id", .integer), ("io_revision", .integer), ("bill_to_id", .integer), ("period", .text), ("currency", .text),
                                         ("payment_terms", .text), ("po_number", .text), ("issue_date", .text), ("due_date", .text), ("net_minor", .integer),
                                         ("tax_minor", .integer), ("total_minor", .integer), ("reason", .text), ("created_at", .text)])
        var lines = BulkRows("invoice_lines", [("invoice_id", .integer), ("line_no", .integer), ("io_id", .integer), ("io_revision", .integer),
                                               ("io_line_no", .integer), ("description", .text), ("quantity", .integer), ("unit_rate", .text),
                                               ("amount_minor", .integer), ("over_delivered", .integer)])
        var taxes = BulkRows("invoice_taxes", [("invoice_id", .integer), ("code", .text), ("rate", .text), ("base_minor", .integer),
                                               ("amount_minor", .integer), ("account_role", .text)])
        for (invoice, id) in zip(invoices, ids) {
            guard let billToID = billToIDs[invoice.billTo] else { throw DomainError(field: "bill_to", "unknown customer '\(invoice.billTo)'") }
            head.beginRow()
            head.integer(id); head.integer(entityID); head.text(invoice.kind.rawValue); head.text(invoice.status.rawValue); head.text(invoice.series)
            head.text(invoice.number); head.integer(invoice.ioNumber.flatMap { ioIDs[$0] }); head.integer(invoice.ioRevision); head.integer(billToID)
            head.text(invoice.period.description); head.text(invoice.currency.code); head.text(invoice.paymentTerms.description); head.text(invoice.poNumber)
            head.text(invoice.issueDate?.description); head.text(invoice.dueDate?.description); head.integer(invoice.net.minorUnits)
            head.integer(invoice.tax.minorUnits); head.integer(invoice.total.minorUnits); head.text(invoice.reason); head.text(timestamp)
            head.endRow()
            for line in invoice.lines {
                lines.beginRow()
                lines.integer(id); lines.integer(line.number); lines.integer(line.ioNumber.flatMap { ioIDs[$0] }); lines.integer(line.ioRevision)
                lines.integer(line.ioLine); lines.text(line.description); lines.integer(line.quantity); lines.text(line.unitRate)
                lines.integer(line.amount.minorUnits); lines.integer(line.overDelivered)
                lines.endRow()
            }
            for tax in invoice.taxes {
                taxes.beginRow()
                taxes.integer(id); taxes.text(tax.code); taxes.text(tax.rate); taxes.integer(tax.base.minorUnits); taxes.integer(tax.amount.minorUnits)
                taxes.text(tax.accountRole.rawValue)
                taxes.endRow()
            }
        }
        try await head.insert(self)
        try await lines.insert(self)
        try await taxes.insert(self)
        return ids
    }

    /// Takes `count` ids of a table for rows about to be inserted with explicit ids.
    func reserveIDs(_ table: String, count: Int) async throws -> [Int64] {
        switch flavor {
        case .postgres:
            return try await sql.raw("""
                SELECT nextval(pg_get_serial_sequence(\(bind: table), 'id')) AS id FROM generate_series(1, \(bind: count))
                """).all().map { try $0.decode(column: "id", as: Int64.self) }.sorted()
        case .sqlite:
            // The writer holds the database (BEGIN IMMEDIATE): nobody else takes ids meanwhile.
            // AUTOINCREMENT never reuses an id, so start above the highest ever given.
            let last = try await sql.raw("""
                SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = \(bind: table)), 0), COALESCE((SELECT MAX(id) FROM \(unsafeRaw: table)), 0)) AS last
                """).first()?.decode(column: "last", as: Int64.self) ?? 0
            return (1...Int64(count)).map { last + $0 }
        }
    }

    /// Removes the drafts of a period (a new run replaces them); issued invoices are never touched.
    public func deleteDrafts(period: Period, entityID: Int64) async throws -> Int {
        let ids = try await sql.raw("""
            SELECT id FROM invoices WHERE entity_id = \(bind: entityID) AND period = \(bind: period.description) AND status = 'draft'
            """).all().map { try $0.decode(column: "id", as: Int64.self) }
        guard !ids.isEmpty else { return 0 }
        let list = ids.map { $0 as any Encodable & Sendable }
        for table in ["invoice_lines", "invoice_taxes"] {
            try await sql.raw("DELETE FROM \(ident: table) WHERE invoice_id IN (\(binds: list))").run()
        }
        try await sql.raw("DELETE FROM invoices WHERE id IN (\(binds: list))").run()
        return ids.count
    }

    /// Invoices and credit notes of an entity, filtered.
    public func invoices(entityID: Int64, period: Period? = nil, status: InvoiceStatus? = nil, number: String? = nil) async throws -> [StoredInvoice] {
        var filter: SQLQueryString = "i.entity_id = \(bind: entityID)"
        if let period { filter += " AND i.period = \(bind: period.description)" }
        if let status { filter += " AND i.status = \(bind: status.rawValue)" }
        if let number { filter += " AND i.number = \(bind: number)" }
        var invoices: [Int64: StoredInvoice] = [:]
        var order: [Int64] = []
        for row in try await sql.raw("""
            SELECT i.*, io.number AS io_number, c.code AS bill_to, j.code AS journal_code, e.fiscal_year AS entry_year, e.sequence AS entry_sequence,
                   ci.number AS credits_number
            FROM invoices i JOIN customers c ON c.id = i.bill_to_id LEFT JOIN insertion_orders io ON io.id = i.io_id
            LEFT JOIN invoices ci ON ci.id = i.credits_invoice_id
            LEFT JOIN journal_entries e ON e.id = i.entry_id LEFT JOIN journals j ON j.id = e.journal_id
            WHERE \(filter) ORDER BY i.period, i.number, io.number, i.id
            """).all() {
            let id = try row.decode(column: "id", as: Int64.self)
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            let money = { (column: String) throws -> Money in Money(minorUnits: try row.decode(column: column, as: Int64.self), currency: currency) }
            var entryNumber: String?
            if let code = try row.decode(column: "journal_code", as: String?.self), let year = try row.decode(column: "entry_year", as: Int?.self),
               let sequence = try row.decode(column: "entry_sequence", as: Int?.self) {
                entryNumber = EntryNumber.format(journal: try JournalKind(code: code), fiscalYear: year, sequence: sequence)
            }
            invoices[id] = StoredInvoice(
                id: id, kind: InvoiceKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .invoice,
                status: InvoiceStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
                series: try row.decode(column: "series", as: String.self), number: try row.decode(column: "number", as: String?.self),
                ioNumber: try row.decode(column: "io_number", as: String?.self), ioRevision: try row.decode(column: "io_revision", as: Int?.self),
                billTo: try row.decode(column: "bill_to", as: String.self), period: try Period(parsing: try row.decode(column: "period", as: String.self)),
                currency: currency, paymentTerms: try PaymentTerms(parsing: try row.decode(column: "payment_terms", as: String.self)),
                poNumber: try row.decode(column: "po_number", as: String?.self),
                issueDate: try row.decode(column: "issue_date", as: String?.self).map { s throws(DomainError) in try BusinessDate(parsing: s) },
                dueDate: try row.decode(column: "due_date", as: String?.self).map { s throws(DomainError) in try BusinessDate(parsing: s) },
                net: try money("net_minor"), tax: try money("tax_minor"), total: try money("total_minor"), entryNumber: entryNumber, lines: [], taxes: [])
            invoices[id]?.entryID = try row.decode(column: "entry_id", as: Int64?.self)
            invoices[id]?.creditsNumber = try row.decode(column: "credits_number", as: String?.self)
            invoices[id]?.reason = try row.decode(column: "reason", as: String?.self)
            order.append(id)
        }
        guard !invoices.isEmpty else { return [] }
        let list = order.map { $0 as any Encodable & Sendable }
        for start in stride(from: 0, to: list.count, by: 500) {
            let chunk = Array(list[start..<min(start + 500, list.count)])
            for row in try await sql.raw("""
                SELECT l.*, io.number AS io_number FROM invoice_lines l LEFT JOIN insertion_orders io ON io.id = l.io_id
                WHERE l.invoice_id IN (\(binds: chunk)) ORDER BY l.invoice_id, l.line_no
                """).all() {
                let id = try row.decode(column: "invoice_id", as: Int64.self)
                guard let currency = invoices[id]?.currency else { continue }
                invoices[id]?.lines.append(.init(
                    number: try row.decode(column: "line_no", as: Int.self), ioNumber: try row.decode(column: "io_number", as: String?.self),
                    ioRevision: try row.decode(column: "io_revision", as: Int?.self), ioLine: try row.decode(column: "io_line_no", as: Int?.self),
                    description: try row.decode(column: "description", as: String.self), quantity: try row.decode(column: "quantity", as: Int64.self),
                    unitRate: try row.decode(column: "unit_rate", as: String.self),
                    amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: currency),
                    overDelivered: try row.decode(column: "over_delivered", as: Int64.self)))
            }
            for row in try await sql.raw("SELECT * FROM invoice_taxes WHERE invoice_id IN (\(binds: chunk)) ORDER BY invoice_id, code").all() {
                let id = try row.decode(column: "invoice_id", as: Int64.self)
                guard let currency = invoices[id]?.currency else { continue }
                invoices[id]?.taxes.append(.init(
                    code: try row.decode(column: "code", as: String.self), rate: try row.decode(column: "rate", as: String.self),
                    base: Money(minorUnits: try row.decode(column: "base_minor", as: Int64.self), currency: currency),
                    amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: currency),
                    accountRole: AccountRole(rawValue: try row.decode(column: "account_role", as: String.self)) ?? .gstPayable))
            }
        }
        return order.compactMap { invoices[$0] }
    }

    /// What was billed on each line of these IOs, apart from this period's drafts (which a run
    /// replaces): invoices issued or drafted, less credit notes. By "io id/line", with whether the
    /// line already has an issued invoice for this period.
    public func billedToDate(ioIDs: [Int64], before period: Period) async throws -> [String: (quantity: Int64, amount: Int64, issuedThisPeriod: Bool)] {
        guard !ioIDs.isEmpty else { return [:] }
        var result: [String: (quantity: Int64, amount: Int64, issuedThisPeriod: Bool)] = [:]
        for start in stride(from: 0, to: ioIDs.count, by: 500) {
            let chunk = ioIDs[start..<min(start + 500, ioIDs.count)].map { $0 as any Encodable & Sendable }
            for row in try await sql.raw("""
                SELECT l.io_id, l.io_line_no,
                       CAST(SUM(CASE WHEN i.kind = 'credit-note' THEN -l.quantity ELSE l.quantity END) AS BIGINT) AS quantity,
                       CAST(SUM(CASE WHEN i.kind = 'credit-note' THEN -l.amount_minor ELSE l.amount_minor END) AS BIGINT) AS amount,
                       CAST(SUM(CASE WHEN i.period <> \(bind: period.description) THEN 0 WHEN i.kind = 'credit-note' THEN -l.amount_minor ELSE l.amount_minor END) AS BIGINT) AS this_period
                FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                WHERE l.io_id IN (\(binds: chunk)) AND NOT (i.status = 'draft' AND i.period = \(bind: period.description)) AND l.io_line_no IS NOT NULL
                GROUP BY l.io_id, l.io_line_no
                """).all() {
                let key = "\(try row.decode(column: "io_id", as: Int64.self))/\(try row.decode(column: "io_line_no", as: Int.self))"
                result[key] = (try row.decode(column: "quantity", as: Int64.self), try row.decode(column: "amount", as: Int64.self),
                               try row.decode(column: "this_period", as: Int64.self) > 0)
            }
        }
        return result
    }

    /// What issued invoices billed on each IO line, less credit notes, by "io id/line".
    public func invoicedToDate(ioIDs: [Int64]) async throws -> [String: (quantity: Int64, amount: Int64)] {
        guard !ioIDs.isEmpty else { return [:] }
        var result: [String: (quantity: Int64, amount: Int64)] = [:]
        for start in stride(from: 0, to: ioIDs.count, by: 500) {
            let chunk = ioIDs[start..<min(start + 500, ioIDs.count)].map { $0 as any Encodable & Sendable }
            for row in try await sql.raw("""
                SELECT l.io_id, l.io_line_no,
                       CAST(SUM(CASE WHEN i.kind = 'credit-note' THEN -l.quantity ELSE l.quantity END) AS BIGINT) AS quantity,
                       CAST(SUM(CASE WHEN i.kind = 'credit-note' THEN -l.amount_minor ELSE l.amount_minor END) AS BIGINT) AS amount
                FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                WHERE l.io_id IN (\(binds: chunk)) AND i.status = 'issued' AND l.io_line_no IS NOT NULL
                GROUP BY l.io_id, l.io_line_no
                """).all() {
                result["\(try row.decode(column: "io_id", as: Int64.self))/\(try row.decode(column: "io_line_no", as: Int.self))"] =
                    (try row.decode(column: "quantity", as: Int64.self), try row.decode(column: "amount", as: Int64.self))
            }
        }
        return result
    }

    /// Takes the next number of a series, gap-free: the increment is part of the transaction, so
    /// a failed issue gives it back, and a concurrent issuer waits on the series row.
    public func nextNumber(series code: String, entityID: Int64) async throws -> String {
        guard let row = try await sql.raw("""
            UPDATE number_series SET last_number = last_number + 1 WHERE entity_id = \(bind: entityID) AND code = \(bind: code)
            RETURNING last_number, prefix, width, description
            """).first() else { throw DomainError(field: "series", "no number series '\(code)'") }
        let series = NumberSeries(code: code, prefix: try row.decode(column: "prefix", as: String.self), width: try row.decode(column: "width", as: Int.self),
                                  description: try row.decode(column: "description", as: String.self))
        return series.format(try row.decode(column: "last_number", as: Int.self))
    }

    /// Takes the next `count` numbers of a series at once, gap-free, in order.
    public func nextNumbers(series code: String, count: Int, entityID: Int64) async throws -> [String] {
        guard count > 0 else { return [] }
        guard let row = try await sql.raw("""
            UPDATE number_series SET last_number = last_number + \(bind: count) WHERE entity_id = \(bind: entityID) AND code = \(bind: code)
            RETURNING last_number, prefix, width, description
            """).first() else { throw DomainError(field: "series", "no number series '\(code)'") }
        let series = NumberSeries(code: code, prefix: try row.decode(column: "prefix", as: String.self), width: try row.decode(column: "width", as: Int.self),
                                  description: try row.decode(column: "description", as: String.self))
        let last = try row.decode(column: "last_number", as: Int.self)
        return ((last - count + 1)...last).map { series.format($0) }
    }

    /// Marks many drafts issued, with their numbers, dates and entries, in one statement.
    public func markIssued(_ issued: [(invoiceID: Int64, number: String, issueDate: BusinessDate, dueDate: BusinessDate, entryID: Int64)]) async throws {
        // An issued invoice books its receivable on its entry's first line.
        var rows = BulkRows("invoices", [("id", .integer), ("number", .text), ("issue_date", .text), ("due_date", .text), ("entry_id", .integer),
                                         ("receivable_line", .integer)])
        for item in issued {
            rows.beginRow()
            rows.integer(item.invoiceID); rows.text(item.number); rows.text(item.issueDate.description); rows.text(item.dueDate.description); rows.integer(item.entryID)
            rows.integer(1)
            rows.endRow()
        }
        let updated = try await rows.update(self, set: ["number", "issue_date", "due_date", "entry_id", "receivable_line"],
                                            constants: [("status", "issued"), ("issued_at", timestamp), ("issued_by", actor)], condition: "invoices.status = 'draft'")
        guard updated == issued.count else { throw StoreError("\(issued.count - updated) of the invoices to issue were no longer drafts") }
    }

    /// What credit notes already took back from an invoice.
    public func credited(invoiceID: Int64) async throws -> Int64 {
        try await sql.raw("""
            SELECT CAST(COALESCE(SUM(total_minor), 0) AS BIGINT) AS credited FROM invoices WHERE credits_invoice_id = \(bind: invoiceID) AND kind = 'credit-note'
            """).first()?.decode(column: "credited", as: Int64.self) ?? 0
    }

    /// Links many invoices to the entries that booked them, and to the line of each that booked
    /// the invoice's receivable.
    public func setInvoiceEntries(_ pairs: [(invoiceID: Int64, entryID: Int64, receivableLine: Int)]) async throws {
        var rows = BulkRows("invoices", [("id", .integer), ("entry_id", .integer), ("receivable_line", .integer)])
        for pair in pairs { rows.beginRow(); rows.integer(pair.invoiceID); rows.integer(pair.entryID); rows.integer(Int64(pair.receivableLine)); rows.endRow() }
        _ = try await rows.update(self, set: ["entry_id", "receivable_line"], constants: [("issued_at", timestamp), ("issued_by", actor)], condition: "1 = 1")
    }

    public func setInvoiceEntry(invoiceID: Int64, entryID: Int64, receivableLine: Int) async throws {
        try await sql.raw("""
            UPDATE invoices SET entry_id = \(bind: entryID), receivable_line = \(bind: receivableLine), issued_at = \(bind: timestamp), issued_by = \(bind: actor)
            WHERE id = \(bind: invoiceID)
            """).run()
    }

    // MARK: Holds

    public func holds(ioIDs: [Int64], period: Period) async throws -> [String: (reason: String, released: ReleasedFigure?)] {
        guard !ioIDs.isEmpty else { return [:] }
        var result: [String: (reason: String, released: ReleasedFigure?)] = [:]
        for start in stride(from: 0, to: ioIDs.count, by: 500) {
            let chunk = ioIDs[start..<min(start + 500, ioIDs.count)].map { $0 as any Encodable & Sendable }
            for row in try await sql.raw("SELECT * FROM billing_holds WHERE io_id IN (\(binds: chunk)) AND period = \(bind: period.description)").all() {
                let key = "\(try row.decode(column: "io_id", as: Int64.self))/\(try row.decode(column: "line_no", as: Int.self))"
                result[key] = (try row.decode(column: "reason", as: String.self),
                               try row.decode(column: "released_figure", as: String?.self).flatMap(ReleasedFigure.init(rawValue:)))
            }
        }
        return result
    }

    public func recordHold(ioID: Int64, line: Int, period: Period, reason: String) async throws {
        try await sql.raw("DELETE FROM billing_holds WHERE io_id = \(bind: ioID) AND line_no = \(bind: line) AND period = \(bind: period.description) AND released_figure IS NULL").run()
        try await sql.raw("""
            INSERT INTO billing_holds (io_id, line_no, period, reason) VALUES (\(bind: ioID), \(bind: line), \(bind: period.description), \(bind: reason))
            """).run()
    }

    public func releaseHold(ioID: Int64, ioNumber: String, line: Int, period: Period, figure: ReleasedFigure, reason: String, entityID: Int64) async throws {
        let updated = try await sql.raw("""
            UPDATE billing_holds SET released_figure = \(bind: figure.rawValue), released_by = \(bind: actor), released_at = \(bind: timestamp)
            WHERE io_id = \(bind: ioID) AND line_no = \(bind: line) AND period = \(bind: period.description) AND released_figure IS NULL
            RETURNING reason
            """).first()
        guard let held = try updated?.decode(column: "reason", as: String.self) else {
            throw DomainError(field: "line", "line \(line) of \(ioNumber) is not held in \(period)")
        }
        try await audit("billing.release", subject: "io", id: ioNumber, entityID: entityID, before: ["line": String(line), "period": period.description, "hold": held],
                        after: ["figure": figure.rawValue, "reason": reason])
    }
}
