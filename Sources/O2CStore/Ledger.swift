import Foundation
import SQLKit
import O2CDomain

/// Where an entry came from: a person's manual entry, an invoice, a payment, the demo, a migration.
public enum EntrySource: String, Sendable, Codable {
    case manual, reversal, invoice, payment, opening, demo, benchmark
    /// Bank-file receipts and their cash application; open items imported from a previous system.
    case bank, `import`
}

extension Transaction {
    /// Posts entries into an entity's books in this transaction: checks the periods are open and
    /// every account and customer exists, numbers each entry gap-free in its journal and fiscal
    /// year, writes entries, lines and running balances, and records the posting in the audit trail.
    ///
    /// Batches go through the same path as single entries; the multi-row statements are what make
    /// a month of postings fast.
    @discardableResult
    public func post(_ entries: [BalancedEntry], into entity: EntityRecord, source: EntrySource,
                     reversing reversedIDs: [Int64?]? = nil) async throws -> [PostedEntry] {
        guard !entries.isEmpty else { return [] }
        try await lockEntity(entity.id, exclusive: false)
        if let through = try await closedThrough(entityID: entity.id) {
            for (index, entry) in entries.enumerated() where entry.date.period <= through {
                let field = entries.count == 1 ? "date" : "entries[\(index)].date"
                throw DomainError(field: field, "\(entry.date) is in \(entry.date.period), which is closed (the books of \(entity.entity.code) are closed through \(through)); post into an open month")
            }
        }
        let accounts = Dictionary(uniqueKeysWithValues: try await accounts(entityID: entity.id).map { ($0.account.code, $0) })
        let customerCodes = Set(entries.flatMap { $0.lines.compactMap(\.customerCode) })
        let customers = try await self.customers(codes: customerCodes)
        let functional = entity.entity.functionalCurrency
        for (index, entry) in entries.enumerated() {
            let prefix = entries.count == 1 ? "" : "entries[\(index)]."
            try PostingRules.checkBalanced(entry.lines, functionalCurrency: functional)
            for (lineIndex, line) in entry.lines.enumerated() {
                guard let account = accounts[line.accountCode] else {
                    throw DomainError(field: "\(prefix)lines[\(lineIndex)].account", "unknown account '\(line.accountCode)'")
                }
                if let code = line.customerCode, customers[code] == nil {
                    throw DomainError(field: "\(prefix)lines[\(lineIndex)].customer", "unknown customer '\(code)'")
                }
                if account.account.tracksCustomers != (line.customerCode != nil) {
                    throw DomainError(field: "\(prefix)lines[\(lineIndex)].customer",
                                      account.account.tracksCustomers ? "account \(line.accountCode) is kept per customer: the line needs a customer"
                                                                      : "account \(line.accountCode) is not kept per customer")
                }
            }
        }
        let journals = try await journalIDs(entityID: entity.id)

        // Numbers: reserve a block per journal and fiscal year with one atomic upsert. The row stays
        // locked until commit (PostgreSQL) or the database is (SQLite): a concurrent poster waits.
        struct SequenceKey: Hashable { let journal: JournalKind; let year: Int }
        var counts: [SequenceKey: Int] = [:]
        var keys: [SequenceKey] = []
        for entry in entries {
            let key = SequenceKey(journal: entry.journal, year: entity.entity.fiscalYear(of: entry.date))
            keys.append(key)
            counts[key, default: 0] += 1
        }
        var nextNumber: [SequenceKey: Int] = [:]
        for (key, count) in counts.sorted(by: { ($0.key.journal.code, $0.key.year) < ($1.key.journal.code, $1.key.year) }) {
            let journalID = journals[key.journal]!
            let row = try await sql.raw("""
                INSERT INTO entry_sequences (journal_id, fiscal_year, last_number) VALUES (\(bind: journalID), \(bind: key.year), \(bind: count))
                ON CONFLICT (journal_id, fiscal_year) DO UPDATE SET last_number = entry_sequences.last_number + \(bind: count)
                RETURNING last_number
                """).first()
            let last = try row!.decode(column: "last_number", as: Int.self)
            nextNumber[key] = last - count + 1
        }
        var sequences: [Int] = []
        for key in keys {
            sequences.append(nextNumber[key]!)
            nextNumber[key]! += 1
        }

        // Entries, with ids taken beforehand so that lines can name them without reading back.
        let reversed = reversedIDs ?? Array(repeating: nil, count: entries.count)
        let ids = try await reserveIDs("journal_entries", count: entries.count)
        var entryRows = BulkRows("journal_entries", [("id", .integer), ("entity_id", .integer), ("journal_id", .integer), ("fiscal_year", .integer),
                                                     ("sequence", .integer), ("entry_date", .text), ("period", .text), ("description", .text),
                                                     ("reference", .text), ("source", .text), ("posted_at", .text), ("posted_by", .text)])
        for (index, entry) in entries.enumerated() {
            entryRows.beginRow()
            entryRows.integer(ids[index]); entryRows.integer(entity.id); entryRows.integer(journals[entry.journal]!); entryRows.integer(keys[index].year)
            entryRows.integer(sequences[index]); entryRows.text(entry.date.description); entryRows.text(entry.date.period.description)
            entryRows.text(entry.description); entryRows.text(entry.reference); entryRows.text(source.rawValue); entryRows.text(timestamp); entryRows.text(actor)
            entryRows.endRow()
        }
        try await entryRows.insert(self)
        for (index, original) in reversed.enumerated() {
            guard let original else { continue }
            try await sql.raw("""
                INSERT INTO entry_reversals (entry_id, reverses_entry_id) VALUES (\(bind: ids[index]), \(bind: original))
                """).run()
        }

        // Lines, and the running balances they move.
        struct BalanceKey: Hashable { let account: Int64; let customer: Int64; let period: String; let currency: String }
        var balances: [BalanceKey: (Int64, Int64, Int64, Int64)] = [:]
        let lineColumns: [(String, BulkRows.Kind)] = [("entry_id", .integer), ("line_no", .integer), ("account_id", .integer), ("customer_id", .integer),
                                                      ("currency", .text), ("debit", .integer), ("credit", .integer), ("functional_debit", .integer),
                                                      ("functional_credit", .integer), ("rate", .text), ("memo", .text)]
        var lineRows = BulkRows("journal_lines", lineColumns)
        for (index, entry) in entries.enumerated() {
            let period = entry.date.period.description
            for (lineNo, line) in entry.lines.enumerated() {
                let accountID = accounts[line.accountCode]!.id
                let customerID = line.customerCode.map { customers[$0]!.id }
                lineRows.beginRow()
                lineRows.integer(ids[index]); lineRows.integer(lineNo + 1); lineRows.integer(accountID); lineRows.integer(customerID)
                lineRows.text(line.currency.code); lineRows.integer(line.debit); lineRows.integer(line.credit); lineRows.integer(line.functionalDebit)
                lineRows.integer(line.functionalCredit); lineRows.text(line.rate?.description); lineRows.text(line.memo)
                lineRows.endRow()
                if lineRows.count == 100_000 {
                    try await lineRows.insert(self)
                    lineRows = BulkRows("journal_lines", lineColumns)
                }
                let key = BalanceKey(account: accountID, customer: customerID ?? 0, period: period, currency: line.currency.code)
                let b = balances[key] ?? (0, 0, 0, 0)
                balances[key] = (b.0 + line.debit, b.1 + line.credit, b.2 + line.functionalDebit, b.3 + line.functionalCredit)
            }
        }
        try await lineRows.insert(self)
        // NB: a fixed order, so that two concurrent posters lock the same balance rows in the same
        // order and cannot deadlock (PostgreSQL row locks).
        let balanceList = balances.sorted { ($0.key.account, $0.key.customer, $0.key.period, $0.key.currency) < ($1.key.account, $1.key.customer, $1.key.period, $1.key.currency) }
        for chunk in stride(from: 0, to: balanceList.count, by: 2000) {
            var upsert = StatementText("""
                INSERT INTO ledger_balances (entity_id, account_id, customer_id, period, currency, debit, credit, functional_debit, functional_credit)
                VALUES
                """)
            for (offset, (key, b)) in balanceList[chunk..<min(chunk + 2000, balanceList.count)].enumerated() {
                upsert.raw(offset == 0 ? "(" : ", (")
                upsert.integer(entity.id); upsert.raw(", ")
                upsert.integer(key.account); upsert.raw(", ")
                upsert.integer(key.customer); upsert.raw(", ")
                upsert.safeText(key.period); upsert.raw(", ")
                upsert.safeText(key.currency); upsert.raw(", ")
                upsert.integer(b.0); upsert.raw(", ")
                upsert.integer(b.1); upsert.raw(", ")
                upsert.integer(b.2); upsert.raw(", ")
                upsert.integer(b.3); upsert.raw(")")
            }
            upsert.raw("""

                ON CONFLICT (entity_id, account_id, customer_id, period, currency) DO UPDATE SET
                    debit = ledger_balances.debit + excluded.debit,
                    credit = ledger_balances.credit + excluded.credit,
                    functional_debit = ledger_balances.functional_debit + excluded.functional_debit,
                    functional_credit = ledger_balances.functional_credit + excluded.functional_credit
                """)
            try await sql.execute(sql: upsert) { _ in }
        }

        let posted = entries.enumerated().map { index, entry in
            PostedEntry(id: ids[index], entityCode: entity.entity.code, functionalCurrency: entity.entity.functionalCurrency, journal: entry.journal, fiscalYear: keys[index].year,
                        sequence: sequences[index], date: entry.date, description: entry.description, reference: entry.reference,
                        source: source.rawValue, reversesEntryID: reversed[index], reversedByEntryID: nil,
                        postedAt: timestamp, postedBy: actor, lines: entry.lines)
        }
        // NB: the posted entry is itself an append-only record of who and when; the audit trail
        // records each posting call (one row for a batch) so that every write is traceable there too.
        // A large entry (a match run's, thousands of lines) is summarised like a batch: copying it
        // whole into the trail cost more than posting it.
        if posted.count == 1 && posted[0].lines.count <= 100 {
            try await audit("ledger.post", subject: "entry", id: posted[0].number, entityID: entity.id, before: nil as PostedEntry?, after: posted[0])
        } else {
            try await audit("ledger.post-batch", subject: "batch", id: "\(posted.first!.number)…\(posted.last!.number)", entityID: entity.id,
                            before: nil as [String: String]?, after: ["entries": String(posted.count), "lines": String(posted.reduce(0) { $0 + $1.lines.count }),
                                                                      "source": source.rawValue, "first": posted.first!.number, "last": posted.last!.number])
        }
        return posted
    }

    /// One posted entry by its number (`MIS-2026-000003`), with its lines.
    public func entry(number: String, entityID: Int64) async throws -> PostedEntry? {
        let parsed = try EntryNumber.parse(number)
        guard let row = try await sql.raw("""
            SELECT e.id FROM journal_entries e JOIN journals j ON j.id = e.journal_id
            WHERE e.entity_id = \(bind: entityID) AND j.code = \(bind: parsed.journal.code)
              AND e.fiscal_year = \(bind: parsed.fiscalYear) AND e.sequence = \(bind: parsed.sequence)
            """).first() else { return nil }
        return try await entries(entityID: entityID, ids: [try row.decode(column: "id", as: Int64.self)]).first
    }

    /// Posted entries of an entity in date order, then by journal and number; all of them, or the
    /// given ids, or those dated up to `through`.
    public func entries(entityID: Int64, ids: [Int64]? = nil, through: BusinessDate? = nil) async throws -> [PostedEntry] {
        var filter: SQLQueryString = "e.entity_id = \(bind: entityID)"
        if let ids {
            guard !ids.isEmpty else { return [] }
            filter += " AND e.id IN (\(binds: ids.map { $0 as any Encodable & Sendable }))"
        }
        if let through { filter += " AND e.entry_date <= \(bind: through.description)" }
        guard let entityRow = try await sql.raw("SELECT code, functional_currency FROM entities WHERE id = \(bind: entityID)").first() else { return [] }
        let entityCode = try entityRow.decode(column: "code", as: String.self)
        let functionalCurrency = try Currency(code: try entityRow.decode(column: "functional_currency", as: String.self))
        let headerRows = try await sql.raw("""
            SELECT e.*, j.code AS journal_code, r.id AS reversed_by, o.id AS reverses_entry_id,
                   rj.code AS reversed_by_journal, r.fiscal_year AS reversed_by_year, r.sequence AS reversed_by_sequence,
                   oj.code AS reverses_journal, o.fiscal_year AS reverses_year, o.sequence AS reverses_sequence
            FROM journal_entries e JOIN journals j ON j.id = e.journal_id
            LEFT JOIN entry_reversals rv ON rv.reverses_entry_id = e.id
            LEFT JOIN journal_entries r ON r.id = rv.entry_id
            LEFT JOIN journals rj ON rj.id = r.journal_id
            LEFT JOIN entry_reversals ro ON ro.entry_id = e.id
            LEFT JOIN journal_entries o ON o.id = ro.reverses_entry_id
            LEFT JOIN journals oj ON oj.id = o.journal_id
            WHERE \(filter) ORDER BY e.entry_date, j.code, e.fiscal_year, e.sequence
            """).all()
        var linesByEntry: [Int64: [LedgerLine]] = [:]
        let lineRows = try await sql.raw("""
            SELECT l.entry_id, a.code AS account_code, c.code AS customer_code, l.currency, l.debit, l.credit,
                   l.functional_debit, l.functional_credit, l.rate, l.memo
            FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
            JOIN accounts a ON a.id = l.account_id LEFT JOIN customers c ON c.id = l.customer_id
            WHERE \(filter) ORDER BY l.entry_id, l.line_no
            """).all()
        for row in lineRows {
            let rate = try row.decode(column: "rate", as: String?.self)
            let line = LedgerLine(
                accountCode: try row.decode(column: "account_code", as: String.self),
                customerCode: try row.decode(column: "customer_code", as: String?.self),
                currency: try Currency(code: try row.decode(column: "currency", as: String.self)),
                debit: try row.decode(column: "debit", as: Int64.self), credit: try row.decode(column: "credit", as: Int64.self),
                functionalDebit: try row.decode(column: "functional_debit", as: Int64.self),
                functionalCredit: try row.decode(column: "functional_credit", as: Int64.self),
                rate: try rate.map { text throws(DomainError) in try ExactDecimal(parsing: text) },
                memo: try row.decode(column: "memo", as: String?.self))
            linesByEntry[try row.decode(column: "entry_id", as: Int64.self), default: []].append(line)
        }
        return try headerRows.map { row in
            let id = try row.decode(column: "id", as: Int64.self)
            return PostedEntry(
                id: id, entityCode: entityCode, functionalCurrency: functionalCurrency,
                journal: try JournalKind(code: try row.decode(column: "journal_code", as: String.self)),
                fiscalYear: try row.decode(column: "fiscal_year", as: Int.self), sequence: try row.decode(column: "sequence", as: Int.self),
                date: try BusinessDate(parsing: try row.decode(column: "entry_date", as: String.self)),
                description: try row.decode(column: "description", as: String.self),
                reference: try row.decode(column: "reference", as: String?.self), source: try row.decode(column: "source", as: String.self),
                reversesEntryID: try row.decode(column: "reverses_entry_id", as: Int64?.self),
                reversedByEntryID: try row.decode(column: "reversed_by", as: Int64?.self),
                reversesNumber: try Self.entryNumber(row, prefix: "reverses"),
                reversedByNumber: try Self.entryNumber(row, prefix: "reversed_by"),
                postedAt: try row.decode(column: "posted_at", as: String.self), postedBy: try row.decode(column: "posted_by", as: String.self),
                lines: linesByEntry[id] ?? [])
        }
    }

    /// The number of the entry a row names by `PREFIX_journal`, `PREFIX_year` and `PREFIX_sequence`, if any.
    static func entryNumber(_ row: any SQLRow, prefix: String) throws -> String? {
        guard let code = try row.decode(column: "\(prefix)_journal", as: String?.self),
              let year = try row.decode(column: "\(prefix)_year", as: Int?.self),
              let sequence = try row.decode(column: "\(prefix)_sequence", as: Int?.self) else { return nil }
        return EntryNumber.format(journal: try JournalKind(code: code), fiscalYear: year, sequence: sequence)
    }

    /// How many entries and lines an entity's books hold.
    public func ledgerSize(entityID: Int64) async throws -> (entries: Int, lines: Int) {
        let entries = try await sql.raw("SELECT COUNT(*) AS n FROM journal_entries WHERE entity_id = \(bind: entityID)").first()!.decode(column: "n", as: Int.self)
        let lines = try await sql.raw("""
            SELECT COUNT(*) AS n FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id WHERE e.entity_id = \(bind: entityID)
            """).first()!.decode(column: "n", as: Int.self)
        return (entries, lines)
    }
}
