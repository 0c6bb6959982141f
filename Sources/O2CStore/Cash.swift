import Foundation
import O2CDomain
import SQLKit

/// A bank line as stored, with what cash application decided about it.
public struct StoredBankLine: Sendable, Hashable, Codable {
    public var id: Int64
    public var bankAccount: String
    public var reference: String
    public var customerReference: String?
    public var direction: String
    public var amount: Money
    public var bookingDate: BusinessDate
    public var typeCode: String?
    public var isReversal: Bool
    public var payerName: String?
    public var payerAccount: String?
    public var structuredReferences: [String]
    public var text: String
    /// `customer-credit`, `debit`, `reversal`, `pending`.
    public var kind: String
    /// `new` (not yet matched), `applied`, `proposed`, `unapplied`, `not-a-customer-payment`;
    /// a credit the bank took back `returned`; a debit booked `refund` or `return`.
    public var status: String
    public var customer: String?
    public var confidence: Int?
    public var explanation: String?
    public var proposal: String?
    public var receiptEntryID: Int64?
    /// The rate the receipt was booked at (nil in the functional currency): the line's cash is
    /// moved on at this rate, whatever the rate table says later.
    public var receiptRate: ExactDecimal? = nil
    /// A short payment beyond the fee tolerance: what the payer left open, a proposed dispute.
    public var deduction: Int64? = nil
}

extension StoredBankLine {
    /// A line as it was just stored, not yet matched: what a match run at import works on
    /// without reading the lines back.
    public init(stored new: NewBankLine, id: Int64, bankAccount: String, date: BusinessDate, receiptRate: ExactDecimal?) {
        let line = new.line
        self.init(id: id, bankAccount: bankAccount, reference: new.reference, customerReference: line.customerReference, direction: line.direction.rawValue,
                  amount: line.amount, bookingDate: line.bookingDate ?? date, typeCode: line.typeCode, isReversal: line.isReversal, payerName: line.payerName,
                  payerAccount: line.payerAccount,
                  structuredReferences: line.structuredReferences.joined(separator: "\n").split(separator: "\n").map(String.init), text: line.text, kind: new.kind, status: new.status,
                  customer: nil, confidence: nil, explanation: nil, proposal: nil, receiptEntryID: new.receiptEntryID, receiptRate: receiptRate)
    }
}

/// One row to store for a new bank line.
/// A bank line stored before, as an import compares it with a line of a new file.
public struct KnownBankLine: Sendable, Hashable {
    public var reference: String
    public var fingerprint: String?
    public var direction: String
    public var amount: Int64
    public var payerName: String?
    public var text: String
    public var format: String
}

public struct NewBankLine: Sendable {
    public var reference: String
    /// What every format gives alike (direction, amount, day, rank): `fp-…`.
    public var fingerprint: String?
    public var line: BankLine
    public var kind: String
    public var status: String
    /// The entry that brought a customer credit's cash into the books.
    public var receiptEntryID: Int64?

    public init(reference: String, fingerprint: String? = nil, line: BankLine, kind: String, status: String, receiptEntryID: Int64? = nil) {
        self.reference = reference
        self.fingerprint = fingerprint
        self.line = line
        self.kind = kind
        self.status = status
        self.receiptEntryID = receiptEntryID
    }
}

/// An allocation as stored.
public struct AllocationRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var bankLineID: Int64?
    public var invoice: String?
    public var customer: String?
    /// `payment`, `fee`, `discount`, `unapplied`, `write-off`, `credit`, `ledger`, `refund`.
    public var kind: String
    public var amount: Money
    public var method: String
    /// A refund of cash kept on a customer's account: the bank line that brought it.
    public var sourceLine: String? = nil
}

/// What settled part of an invoice, as its account shows it: a payment (and its bank charge or
/// discount), a credit moved from another invoice, a write-off, or a credit note.
public struct InvoiceSettlement: Sendable, Hashable, Codable {
    /// The day of the entry that booked it (the credit note's issue day).
    public var date: String?
    /// `payment`, `fee`, `discount`, `credit`, `write-off`, `prior`, `credit-note`.
    public var kind: String
    /// Negative when the invoice gave back what it had (a credit moved on).
    public var amount: Money
    public var bankReference: String?
    /// The other document: the credit note, or the invoice a credit came from or went to.
    public var document: String?
    /// The entry that booked it, as the journal numbers it.
    public var entry: String?
    /// `auto`, `manual`.
    public var method: String?

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date); try c.encode(kind, forKey: .kind); try c.encode(amount, forKey: .amount)
        try c.encode(bankReference, forKey: .bankReference); try c.encode(document, forKey: .document); try c.encode(entry, forKey: .entry)
        try c.encode(method, forKey: .method)
    }
}

/// An allocation to write.
public struct NewAllocation: Sendable {
    public var customerID: Int64?
    public var bankLineID: Int64?
    public var invoiceID: Int64?
    public var kind: String
    public var amount: Money
    public var entryID: Int64?
    public var method: String
    public var confidence: Int?
    public var explanation: String?
    /// For a credit moved between invoices: the other invoice.
    public var sourceInvoiceID: Int64? = nil
    /// For a refund of cash kept on a customer's account: the bank line that brought it.
    public var sourceBankLineID: Int64? = nil
    /// When the entry is shared with other bank lines: the entry's lines (numbered from 1)
    /// that are this allocation's bank line's.
    public var entryLines: ClosedRange<Int>? = nil
    /// For an invoice in a foreign currency: what the allocation took off its receivable in the
    /// functional currency (a bank charge's share is on the payment it goes with: zero).
    public var functional: Int64? = nil

    public init(customerID: Int64?, bankLineID: Int64?, invoiceID: Int64?, kind: String, amount: Money, entryID: Int64?, method: String,
                confidence: Int?, explanation: String?, functional: Int64? = nil) {
        self.functional = functional
        self.customerID = customerID
        self.bankLineID = bankLineID
        self.invoiceID = invoiceID
        self.kind = kind
        self.amount = amount
        self.entryID = entryID
        self.method = method
        self.confidence = confidence
        self.explanation = explanation
    }
}

/// What a match run records on a bank line.
public struct LineDecision: Sendable {
    public var lineID: Int64
    public var status: String
    public var customerID: Int64?
    public var confidence: Int
    public var explanation: String
    public var proposal: String?
    public var entryID: Int64?
    public var deduction: Int64? = nil

    public init(lineID: Int64, status: String, customerID: Int64?, confidence: Int, explanation: String, proposal: String?, entryID: Int64?) {
        self.lineID = lineID
        self.status = status
        self.customerID = customerID
        self.confidence = confidence
        self.explanation = explanation
        self.proposal = proposal
        self.entryID = entryID
    }
}

extension Transaction {
    // MARK: Statements and lines

    /// The references already stored for an account, among `references`.
    public func knownBankReferences(bankAccountID: Int64, among references: [String]) async throws -> Set<String> {
        guard !references.isEmpty else { return [] }
        var rows = BulkRows("references", [("reference", .text)])
        for reference in references { rows.beginRow(); rows.text(reference); rows.endRow() }
        var query: SQLQueryString = "SELECT \(unsafeRaw: PackedRows.aggregate(["l.reference"], flavor)) AS packed FROM "
        query += rows.table("k", flavor)
        query += " CROSS JOIN bank_lines l WHERE l.bank_account_id = \(bind: bankAccountID) AND l.reference = k.c0"
        let packed = try await packedRows(query, columns: 1)
        return Set(packed.rows.indices.map { packed.string($0, 0) })
    }

    /// Lines of a bank account stored under one of `references` or `fingerprints`: what an
    /// import needs to tell a line seen before from a new one.
    public func knownBankLines(bankAccountID: Int64, references: [String], fingerprints: [String]) async throws -> [KnownBankLine] {
        guard !references.isEmpty || !fingerprints.isEmpty else { return [] }
        var byReference = BulkRows("references", [("reference", .text)])
        for key in Set(references) { byReference.beginRow(); byReference.text(key); byReference.endRow() }
        var byFingerprint = BulkRows("fingerprints", [("fingerprint", .text)])
        for key in Set(fingerprints) { byFingerprint.beginRow(); byFingerprint.text(key); byFingerprint.endRow() }
        let columns = ["l.reference", "l.fingerprint", "l.direction", "l.amount_minor", "l.payer_name", "l.text", "s.format"]
        // Two lookups, each on its index (an OR in one join would read every line of the account).
        var query: SQLQueryString = "SELECT \(unsafeRaw: PackedRows.aggregate(columns, flavor)) AS packed FROM (SELECT l.id FROM "
        query += byReference.table("r", flavor)
        query += " JOIN bank_lines l ON l.bank_account_id = \(bind: bankAccountID) AND l.reference = r.c0 UNION SELECT l.id FROM "
        query += byFingerprint.table("f", flavor)
        query += " JOIN bank_lines l ON l.bank_account_id = \(bind: bankAccountID) AND l.fingerprint = f.c0) AS k"
        query += " JOIN bank_lines l ON l.id = k.id JOIN bank_statements s ON s.id = l.statement_id"
        let packed = try await packedRows(query, columns: columns.count)
        return try packed.rows.indices.map { row in
            KnownBankLine(reference: packed.string(row, 0), fingerprint: packed.optionalString(row, 1), direction: packed.string(row, 2),
                          amount: try packed.integer(row, 3), payerName: packed.optionalString(row, 4), text: packed.string(row, 5), format: packed.string(row, 6))
        }
    }

    public func insertStatement(bankAccountID: Int64, statement: BankStatementHeader) async throws -> Int64 {
        try await insertReturningID("""
            INSERT INTO bank_statements (bank_account_id, statement_ref, statement_date, format, file_name, file_sha256, opening_minor, closing_minor, imported_at, imported_by)
            VALUES (\(bind: bankAccountID), \(bind: statement.reference), \(bind: statement.date?.description), \(bind: statement.format), \(bind: statement.fileName),
                    \(bind: statement.sha256), \(bind: statement.opening), \(bind: statement.closing), \(bind: timestamp), \(bind: actor))
            """)
    }

    /// Stores new lines of one statement; returns their ids in order.
    public func insertBankLines(_ lines: [NewBankLine], bankAccountID: Int64, statementID: Int64, date: BusinessDate) async throws -> [Int64] {
        guard !lines.isEmpty else { return [] }
        let ids = try await reserveIDs("bank_lines", count: lines.count)
        var rows = BulkRows("bank_lines", [
            ("id", .integer), ("bank_account_id", .integer), ("statement_id", .integer), ("reference", .text), ("customer_reference", .text),
            ("direction", .text), ("amount_minor", .integer), ("currency", .text), ("booking_date", .text), ("value_date", .text), ("type_code", .text),
            ("is_reversal", .integer), ("payer_name", .text), ("payer_account", .text), ("structured_refs", .text), ("text", .text), ("kind", .text),
            ("status", .text), ("source_line", .integer), ("receipt_entry_id", .integer), ("fingerprint", .text),
        ])
        for (new, id) in zip(lines, ids) {
            let line = new.line
            rows.beginRow()
            rows.integer(id); rows.integer(bankAccountID); rows.integer(statementID); rows.text(new.reference); rows.text(line.customerReference)
            rows.text(line.direction.rawValue); rows.integer(line.amount.minorUnits); rows.text(line.amount.currency.code)
            rows.text((line.bookingDate ?? date).description); rows.text(line.valueDate?.description); rows.text(line.typeCode)
            rows.integer(line.isReversal ? 1 : 0); rows.text(line.payerName); rows.text(line.payerAccount)
            rows.text(line.structuredReferences.isEmpty ? nil : line.structuredReferences.joined(separator: "\n")); rows.text(line.text)
            rows.text(new.kind); rows.text(new.status); rows.integer(line.sourceLine); rows.integer(new.receiptEntryID)
            rows.text(new.fingerprint)
            rows.endRow()
        }
        try await rows.insert(self)
        return ids
    }

    /// Bank lines of an entity, filtered by status, by id, or to those stored before `before`
    /// (an id); in the order the bank reported them.
    /// `returning`: the debits and reversals not booked otherwise on the statements of the lines
    /// whose ids are in that range (what may return one of them: an NSF cheque, a recalled wire).
    /// `creditsSince`: customer credits booked on that day or after, what a return of a later
    /// statement may take back (and the others around them).
    public func bankLines(entityID: Int64, statuses: [String]? = nil, id: Int64? = nil, before: Int64? = nil, returning: ClosedRange<Int64>? = nil,
                          creditsSince since: BusinessDate? = nil) async throws -> [StoredBankLine] {
        var filter: SQLQueryString = "b.entity_id = \(bind: entityID)"
        if let since { filter += " AND l.kind = 'customer-credit' AND l.booking_date >= \(bind: since.description)" }
        if let statuses { filter += " AND l.status IN (\(binds: statuses.map { $0 as any Encodable & Sendable }))" }
        if let id { filter += " AND l.id = \(bind: id)" }
        if let before { filter += " AND l.id < \(bind: before)" }
        if let returning {
            filter += " AND l.kind IN ('debit', 'reversal') AND l.status = 'not-a-customer-payment' AND l.match_entry_id IS NULL"
            filter += " AND l.statement_id IN (SELECT DISTINCT s.statement_id FROM bank_lines s WHERE s.id BETWEEN \(bind: returning.lowerBound) AND \(bind: returning.upperBound))"
        }
        // Read as one packed text: a match run reads tens of thousands of lines.
        let columns = ["l.id", "l.account_number", "l.reference", "l.customer_reference", "l.direction", "l.amount_minor", "l.currency", "l.booking_date", "l.type_code",
                       "l.is_reversal", "l.payer_name", "l.payer_account", "l.structured_refs", "l.text", "l.kind", "l.status", "c.code", "l.confidence",
                       "l.explanation", "l.proposal", "l.receipt_entry_id", "r.rate", "l.deduction_minor"]
        var query = SQLQueryString(stringLiteral: "SELECT \(PackedRows.aggregate(columns, flavor)) AS packed FROM (SELECT l.*, b.number AS account_number FROM bank_lines l ")
        query += """
             JOIN bank_accounts b ON b.id = l.bank_account_id WHERE \(filter)) AS l
            LEFT JOIN customers c ON c.id = l.customer_id LEFT JOIN journal_lines r ON r.entry_id = l.receipt_entry_id AND r.line_no = 1
            """
        let rows = try await packedRows(query, columns: columns.count)
        return try rows.rows.indices.map { row throws in
            StoredBankLine(
                id: try rows.integer(row, 0), bankAccount: rows.string(row, 1), reference: rows.string(row, 2), customerReference: rows.optionalString(row, 3),
                direction: rows.string(row, 4), amount: Money(minorUnits: try rows.integer(row, 5), currency: try Currency(code: rows.string(row, 6))),
                bookingDate: try BusinessDate(parsing: rows.string(row, 7)), typeCode: rows.optionalString(row, 8), isReversal: try rows.integer(row, 9) != 0,
                payerName: rows.optionalString(row, 10), payerAccount: rows.optionalString(row, 11),
                structuredReferences: rows.optionalString(row, 12)?.split(separator: "\n").map(String.init) ?? [],
                text: rows.string(row, 13), kind: rows.string(row, 14), status: rows.string(row, 15), customer: rows.optionalString(row, 16),
                confidence: try rows.optionalInteger(row, 17).map(Int.init), explanation: rows.optionalString(row, 18), proposal: rows.optionalString(row, 19),
                receiptEntryID: try rows.optionalInteger(row, 20),
                receiptRate: try rows.optionalString(row, 21).map { s throws(DomainError) in try ExactDecimal(parsing: s) },
                deduction: try rows.optionalInteger(row, 22))
        }.sorted { $0.id < $1.id }
    }

    /// Records what a match run decided, for many lines at once.
    public func recordDecisions(_ decisions: [LineDecision]) async throws {
        guard !decisions.isEmpty else { return }
        var rows = BulkRows("bank_lines", [("id", .integer), ("status", .text), ("customer_id", .integer), ("confidence", .integer),
                                           ("explanation", .text), ("proposal", .text), ("match_entry_id", .integer), ("deduction_minor", .integer)])
        for d in decisions {
            rows.beginRow()
            rows.integer(d.lineID); rows.text(d.status); rows.integer(d.customerID); rows.integer(d.confidence); rows.text(d.explanation)
            rows.text(d.proposal); rows.integer(d.entryID); rows.integer(d.deduction)
            rows.endRow()
        }
        // Only lines still waiting: a concurrent matcher that took a line first wins it.
        let updated = try await rows.update(self, set: ["status", "customer_id", "confidence", "explanation", "proposal", "match_entry_id", "deduction_minor"],
                                            constants: [], condition: "bank_lines.status = 'new'")
        guard updated == decisions.count else { throw StoreError("\(decisions.count - updated) bank lines were matched by someone else meanwhile; run the match again") }
    }

    /// Moves one line from the status a person saw to a new one; refuses when someone changed it meanwhile.
    /// A person's decision on a bank line: `confidence` 100 (a person decided), nil when none stands (un-allocated).
    public func updateBankLine(id: Int64, from expected: String, to status: String, customerID: Int64?, explanation: String, entryID: Int64?, confidence: Int? = 100) async throws {
        let rows = try await sql.raw("""
            UPDATE bank_lines SET status = \(bind: status), customer_id = \(bind: customerID), explanation = \(bind: explanation),
                   confidence = \(bind: confidence), proposal = NULL, deduction_minor = NULL, match_entry_id = \(bind: entryID)
            WHERE id = \(bind: id) AND status = \(bind: expected) RETURNING id
            """).all()
        guard rows.count == 1 else { throw StoreError("the bank line changed meanwhile; look at it again") }
    }

    /// A bank line of the entity by its reference, with its match entry.
    public func bankLine(reference: String, entityID: Int64) async throws -> (line: StoredBankLine, matchEntryID: Int64?)? {
        let rows = try await sql.raw("""
            SELECT l.id, l.match_entry_id FROM bank_lines l JOIN bank_accounts b ON b.id = l.bank_account_id
            WHERE b.entity_id = \(bind: entityID) AND l.reference = \(bind: reference)
            """).all()
        guard rows.count <= 1 else { throw DomainError(field: "reference", "\(reference) is the reference of lines on several bank accounts") }
        guard let row = rows.first else { return nil }
        let id = try row.decode(column: "id", as: Int64.self)
        guard let line = try await bankLines(entityID: entityID, id: id).first else { return nil }
        return (line, try row.decode(column: "match_entry_id", as: Int64?.self))
    }

    /// The allocations still standing (not reversed, not reversals) of a bank line.
    public func standingAllocations(bankLineID: Int64) async throws -> [(id: Int64, invoiceID: Int64?, customerID: Int64?, kind: String, amount: Money, entryID: Int64?)] {
        try await sql.raw("""
            SELECT a.* FROM allocations a WHERE a.bank_line_id = \(bind: bankLineID) AND a.reverses_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)
            ORDER BY a.id
            """).all().map { row in
            (try row.decode(column: "id", as: Int64.self), try row.decode(column: "invoice_id", as: Int64?.self), try row.decode(column: "customer_id", as: Int64?.self),
             try row.decode(column: "kind", as: String.self),
             Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: try Currency(code: try row.decode(column: "currency", as: String.self))),
             try row.decode(column: "entry_id", as: Int64?.self))
        }
    }

    /// What of a bank line's cash stays on its customer's account (unapplied), net of what was used since.
    public func unappliedOnLine(_ lineID: Int64) async throws -> Int64 {
        try await sql.raw("""
            SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS left_over FROM allocations WHERE bank_line_id = \(bind: lineID) AND kind = 'unapplied'
            """).first()?.decode(column: "left_over", as: Int64.self) ?? 0
    }

    /// What a bank line's payment keeps on one customer's account (its excess, or all of it).
    public func cashOnAccount(lineID: Int64, customerID: Int64) async throws -> Int64 {
        try await sql.raw("""
            SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS kept FROM allocations
            WHERE bank_line_id = \(bind: lineID) AND customer_id = \(bind: customerID) AND kind = 'unapplied'
            """).first()?.decode(column: "kept", as: Int64.self) ?? 0
    }

    /// The allocations still standing that an entry wrote, on whatever line or invoice.
    public func standingAllocations(entryID: Int64) async throws -> [(id: Int64, bankLineID: Int64?, invoiceID: Int64?, kind: String)] {
        try await sql.raw("""
            SELECT a.id, a.bank_line_id, a.invoice_id, a.kind FROM allocations a WHERE a.entry_id = \(bind: entryID) AND a.reverses_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)
            ORDER BY a.id
            """).all().map { row in
            (try row.decode(column: "id", as: Int64.self), try row.decode(column: "bank_line_id", as: Int64?.self),
             try row.decode(column: "invoice_id", as: Int64?.self), try row.decode(column: "kind", as: String.self))
        }
    }

    /// The entries of the standing refunds that paid back a bank line's cash kept on an account.
    public func refundEntries(ofLine lineID: Int64) async throws -> Set<Int64> {
        Set(try await sql.raw("""
            SELECT DISTINCT a.entry_id FROM allocations a
            WHERE a.source_bank_line_id = \(bind: lineID) AND a.kind = 'refund' AND a.entry_id IS NOT NULL AND a.reverses_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)
            """).all().map { try $0.decode(column: "entry_id", as: Int64.self) })
    }

    /// The debit lines whose standing return took a customer's credit back (at most one).
    /// The last day an entry moved a bank line's cash (an allocation, its reversal, a return),
    /// or only one undoing an allocation (`reversals`): what takes its cash on is dated from then.
    public func lastMoved(bankLineID: Int64, reversals: Bool = false) async throws -> String? {
        try await sql.raw("""
            SELECT MAX(e.entry_date) AS last_day FROM allocations a JOIN journal_entries e ON e.id = a.entry_id
            WHERE a.bank_line_id = \(bind: bankLineID)\(unsafeRaw: reversals ? " AND a.reverses_id IS NOT NULL" : "")
            """).first()?.decode(column: "last_day", as: String?.self)
    }

    /// Stands again the allocations of a line that an entry's rows reversed (that entry is
    /// reversed in turn): copies of them, on their own entries and entry lines.
    public func restoreAllocations(reversedBy entryID: Int64, bankLineID: Int64) async throws {
        try await sql.raw("""
            INSERT INTO allocations (entity_id, customer_id, bank_line_id, invoice_id, source_invoice_id, kind, amount_minor, currency, entry_id, method, confidence, explanation,
                                     created_at, created_by, entry_first_line, entry_last_line, functional_minor, source_bank_line_id)
            SELECT o.entity_id, o.customer_id, o.bank_line_id, o.invoice_id, o.source_invoice_id, o.kind, o.amount_minor, o.currency, o.entry_id, o.method, o.confidence, o.explanation,
                   \(bind: timestamp), \(bind: actor), o.entry_first_line, o.entry_last_line, o.functional_minor, o.source_bank_line_id
            FROM allocations r JOIN allocations o ON o.id = r.reverses_id
            WHERE r.entry_id = \(bind: entryID) AND r.bank_line_id = \(bind: bankLineID)
            ORDER BY o.id
            """).run()
    }

    public func returns(ofLine lineID: Int64) async throws -> [String] {
        try await sql.raw("""
            SELECT l.reference FROM allocations a JOIN bank_lines l ON l.id = a.bank_line_id
            WHERE a.source_bank_line_id = \(bind: lineID) AND a.kind = 'return' AND a.reverses_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)
            ORDER BY l.reference
            """).all().map { try $0.decode(column: "reference", as: String.self) }
    }

    /// The debit lines whose standing refunds paid back cash a bank line kept on an account, with
    /// what each paid back (positive).
    public func refunds(ofLine lineID: Int64) async throws -> [(reference: String, amount: Int64)] {
        try await sql.raw("""
            SELECT l.reference, CAST(-SUM(a.amount_minor) AS BIGINT) AS paid FROM allocations a JOIN bank_lines l ON l.id = a.bank_line_id
            WHERE a.source_bank_line_id = \(bind: lineID) AND a.kind = 'refund' AND a.reverses_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)
            GROUP BY l.reference ORDER BY l.reference
            """).all().map { (try $0.decode(column: "reference", as: String.self), try $0.decode(column: "paid", as: Int64.self)) }
    }

    /// Standing refunds of cash kept on an account: the customer, the debit line, the line whose cash it paid back.
    public func refundLinks(entityID: Int64) async throws -> [(customer: String, refund: String, source: String)] {
        try await sql.raw("""
            SELECT c.code, d.reference AS refund, s.reference AS source FROM allocations a
            JOIN customers c ON c.id = a.customer_id JOIN bank_lines d ON d.id = a.bank_line_id JOIN bank_lines s ON s.id = a.source_bank_line_id
            WHERE a.entity_id = \(bind: entityID) AND a.kind = 'refund' AND a.reverses_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)
            """).all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "refund", as: String.self), try $0.decode(column: "source", as: String.self)) }
    }

    /// The entries that moved a bank line's cash, for the allocations still standing.
    public func allocationEntries(bankLineID: Int64) async throws -> [(entryID: Int64, lines: ClosedRange<Int>?)] {
        try await sql.raw("""
            SELECT entry_id, MIN(entry_first_line) AS first_line, MAX(entry_last_line) AS last_line FROM allocations
            WHERE bank_line_id = \(bind: bankLineID) AND entry_id IS NOT NULL AND reverses_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = allocations.id)
            GROUP BY entry_id ORDER BY entry_id
            """).all().map { row in
            let first = try row.decode(column: "first_line", as: Int?.self), last = try row.decode(column: "last_line", as: Int?.self)
            return (try row.decode(column: "entry_id", as: Int64.self), first.flatMap { first in last.map { first...$0 } })
        }
    }

    /// Cancels allocations: each gets a reversing row of the opposite amount, pointing at it.
    public func reverseAllocations(_ ids: [Int64], entryID: Int64, reason: String) async throws {
        for id in ids {
            try await sql.raw("""
                INSERT INTO allocations (entity_id, customer_id, bank_line_id, invoice_id, kind, amount_minor, currency, entry_id, reverses_id, method, explanation,
                                         created_at, created_by, functional_minor)
                SELECT entity_id, customer_id, bank_line_id, invoice_id, kind, -amount_minor, currency, \(bind: entryID), id, 'manual', \(bind: reason),
                       \(bind: timestamp), \(bind: actor), -functional_minor
                FROM allocations WHERE id = \(bind: id)
                """).run()
        }
    }

    // MARK: Allocations

    public func insertAllocations(_ allocations: [NewAllocation], entityID: Int64) async throws {
        guard !allocations.isEmpty else { return }
        var rows = BulkRows("allocations", [("entity_id", .integer), ("customer_id", .integer), ("bank_line_id", .integer), ("invoice_id", .integer),
                                            ("kind", .text), ("amount_minor", .integer), ("currency", .text), ("entry_id", .integer), ("method", .text),
                                            ("confidence", .integer), ("explanation", .text), ("created_at", .text), ("created_by", .text),
                                            ("source_invoice_id", .integer), ("entry_first_line", .integer), ("entry_last_line", .integer),
                                            ("functional_minor", .integer), ("source_bank_line_id", .integer)])
        for a in allocations {
            rows.beginRow()
            rows.integer(entityID); rows.integer(a.customerID); rows.integer(a.bankLineID); rows.integer(a.invoiceID); rows.text(a.kind)
            rows.integer(a.amount.minorUnits); rows.text(a.amount.currency.code); rows.integer(a.entryID); rows.text(a.method); rows.integer(a.confidence)
            rows.text(a.explanation); rows.text(timestamp); rows.text(actor); rows.integer(a.sourceInvoiceID)
            rows.integer(a.entryLines?.lowerBound); rows.integer(a.entryLines?.upperBound); rows.integer(a.functional)
            rows.integer(a.sourceBankLineID)
            rows.endRow()
        }
        try await rows.insert(self)
    }

    /// The standing allocations of an entity (reversed ones and their reversals left out), oldest first.
    public func allocations(entityID: Int64, bankLineID: Int64? = nil) async throws -> [AllocationRecord] {
        var filter: SQLQueryString = "a.entity_id = \(bind: entityID)"
        if let bankLineID { filter += " AND a.bank_line_id = \(bind: bankLineID)" }
        return try await sql.raw("""
            SELECT a.id, a.bank_line_id, a.kind, a.amount_minor, a.currency, a.method, i.number AS invoice_number, c.code AS customer_code, s.reference AS source_line
            FROM allocations a LEFT JOIN invoices i ON i.id = a.invoice_id LEFT JOIN customers c ON c.id = a.customer_id
            LEFT JOIN bank_lines s ON s.id = a.source_bank_line_id
            WHERE \(filter) AND a.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id) ORDER BY a.id
            """).all().map { row in
            AllocationRecord(
                id: try row.decode(column: "id", as: Int64.self), bankLineID: try row.decode(column: "bank_line_id", as: Int64?.self),
                invoice: try row.decode(column: "invoice_number", as: String?.self), customer: try row.decode(column: "customer_code", as: String?.self),
                kind: try row.decode(column: "kind", as: String.self),
                amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: try Currency(code: try row.decode(column: "currency", as: String.self))),
                method: try row.decode(column: "method", as: String.self), sourceLine: try row.decode(column: "source_line", as: String?.self))
        }
    }

    // MARK: Open items

    /// An open item with how its receivable was booked: the rate (nil in the functional currency)
    /// and, for a foreign currency, what it still holds in the functional currency when known.
    public typealias BookedOpenItem = (item: OpenItem, rate: ExactDecimal?, functionalOpen: Int64?)

    /// Items of a customer account with a balance of their own (invoice `i`): issued invoices,
    /// and credit notes that credit no invoice of ours (open credit carried over from a previous
    /// system), whose balance is negative: the credit the customer has left to use.
    static let ownBalance = "(i.kind = 'invoice' OR (i.kind = 'credit-note' AND i.credits_invoice_id IS NULL))"

    /// What such an item's balance starts from: an invoice's total, a credit note's total as a credit.
    static let signedTotal = "CASE WHEN i.kind = 'credit-note' THEN -i.total_minor ELSE i.total_minor END"

    /// Issued invoices with something still open: total, less credit notes, less what
    /// allocations settled. With the rate each was booked at (nil in the functional currency).
    /// `credits`: open credit notes of no invoice too, their (negative) credit left as what is open.
    public func openItems(entityID: Int64, credits: Bool = false) async throws -> [BookedOpenItem] {
        try await sql.raw("""
            SELECT i.id, i.number, c.code AS customer_code, i.currency, i.issue_date, i.due_date, i.kind, \(unsafeRaw: Self.signedTotal) AS total_minor,
                   COALESCE(a.settled, 0) AS settled, COALESCE(n.credited, 0) AS credited, \(unsafeRaw: Self.invoiceRate)
            FROM invoices i JOIN customers c ON c.id = i.bill_to_id
            LEFT JOIN (SELECT invoice_id, CAST(SUM(amount_minor) AS BIGINT) AS settled FROM allocations WHERE invoice_id IS NOT NULL GROUP BY invoice_id) a ON a.invoice_id = i.id
            LEFT JOIN (SELECT credits_invoice_id, CAST(SUM(total_minor) AS BIGINT) AS credited FROM invoices WHERE kind = 'credit-note' GROUP BY credits_invoice_id) n
                   ON n.credits_invoice_id = i.id
            WHERE i.entity_id = \(bind: entityID) AND \(unsafeRaw: credits ? Self.ownBalance : "i.kind = 'invoice'") AND i.status = 'issued'
              AND \(unsafeRaw: Self.signedTotal) - COALESCE(a.settled, 0) - COALESCE(n.credited, 0) \(unsafeRaw: credits ? "<>" : ">") 0
            ORDER BY i.id
            """).all().map { row in
            let open = try row.decode(column: "total_minor", as: Int64.self) - row.decode(column: "settled", as: Int64.self) - row.decode(column: "credited", as: Int64.self)
            let issue = try BusinessDate(parsing: try row.decode(column: "issue_date", as: String.self))
            var item = OpenItem(id: try row.decode(column: "id", as: Int64.self), number: try row.decode(column: "number", as: String.self),
                                customer: try row.decode(column: "customer_code", as: String.self),
                                currency: try Currency(code: try row.decode(column: "currency", as: String.self)), open: open, issueDate: issue,
                                dueDate: try row.decode(column: "due_date", as: String?.self).map { s throws(DomainError) in try BusinessDate(parsing: s) } ?? issue)
            item.isCreditNote = try row.decode(column: "kind", as: String.self) == InvoiceKind.creditNote.rawValue
            return (item, try row.decode(column: "rate", as: String?.self).map { s throws(DomainError) in try ExactDecimal(parsing: s) },
                    try row.decode(column: "functional_open", as: Int64?.self))
        }
    }

    /// Issued invoices found by their match keys (`CashMatcher.matchKeys`), open or settled, with
    /// what is open on each (zero or less when settled) and the rate each was booked at.
    /// `beginning`: digits an invoice's begin with (and go on past), for a number cut short.
    public func invoicesByMatchKeys(entityID: Int64, digits: Set<String>, tails: Set<String>, groups: Set<String>,
                                    beginning: Set<String> = []) async throws -> [BookedOpenItem] {
        var found: [BookedOpenItem] = []
        for (column, keys) in [("match_digits", digits), ("match_tail", tails), ("match_groups", groups)] where !keys.isEmpty {
            var rows = BulkRows("keys", [("key", .text)])
            for key in keys.sorted() { rows.beginRow(); rows.text(key); rows.endRow() }
            found += try await balances(entityID: entityID, from: rows.table("k", flavor) + " CROSS JOIN invoices i", where: "i.\(column) = k.c0", cap: "NULL")
        }
        // A range on the index, between the digits and the next digits of their length (`263452`
        // up to `263453`): strings of digits alone sort so under any collation. Digits all 9s have
        // no such bound and are not looked for.
        let ranges = beginning.sorted().compactMap { prefix in Self.nextDigits(prefix).map { (prefix, $0) } }
        if !ranges.isEmpty {
            var rows = BulkRows("prefixes", [("low", .text), ("high", .text)])
            for (low, high) in ranges { rows.beginRow(); rows.text(low); rows.text(high); rows.endRow() }
            found += try await balances(entityID: entityID, from: rows.table("k", flavor) + " CROSS JOIN invoices i",
                                        where: "i.match_digits > k.c0 AND i.match_digits < k.c1", cap: "NULL")
        }
        var seen = Set<Int64>()
        return found.filter { seen.insert($0.item.id).inserted }
    }

    /// The digit string of the same length one above (`263453` after `263452`, `2635` after
    /// `2634`... `26349` → `26350`); nil for all 9s.
    static func nextDigits(_ digits: String) -> String? {
        var bytes = Array(digits.utf8)
        var index = bytes.count - 1
        while index >= 0 {
            if bytes[index] < UInt8(ascii: "9") { bytes[index] += 1; return String(decoding: bytes, as: UTF8.self) }
            bytes[index] = UInt8(ascii: "0")
            index -= 1
        }
        return nil
    }

    /// The rate invoice `i` was booked at: its entry's first line's, read only for an invoice in
    /// a foreign currency (a lookup per invoice that a run over many cannot afford otherwise); and
    /// what it still holds in the functional currency (of an open credit note of no invoice, the
    /// credit it still holds: negative).
    static let invoiceRate = """
        CASE WHEN i.currency <> (SELECT functional_currency FROM entities WHERE id = i.entity_id)
             THEN (SELECT r.rate FROM journal_lines r WHERE r.entry_id = i.entry_id AND r.line_no = COALESCE(i.receivable_line, 1)) END AS rate,
        CASE WHEN i.currency = (SELECT functional_currency FROM entities WHERE id = i.entity_id) THEN NULL
             WHEN i.kind = 'invoice' THEN \(functionalOpen) WHEN i.credits_invoice_id IS NULL THEN \(creditFunctionalOpen) END AS functional_open
        """

    /// What an open credit note of no invoice (`i`) still holds on the receivable in the
    /// functional currency, negative: what its line credited, less what payments netting it and
    /// credits moved onto invoices took (their functional amounts are negative). Unknown when a
    /// part of that is (a credit moved by an earlier version of `apply-credit` recorded none).
    private static let creditFunctionalOpen = """
        (SELECT CAST(-r.functional_credit - COALESCE((SELECT SUM(a.functional_minor) FROM allocations a WHERE a.invoice_id = i.id AND a.kind IN ('payment', 'credit', 'refund')), 0) AS BIGINT)
         FROM journal_lines r WHERE r.entry_id = i.entry_id AND r.line_no = i.receivable_line
           AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.invoice_id = i.id AND a.kind IN ('payment', 'credit', 'refund') AND a.functional_minor IS NULL))
        """

    /// What invoice `i` still holds on the receivable in the functional currency: what its line
    /// booked, less its credit notes' lines, less what allocations took off. Unknown (null) when
    /// a part of it is: rows from before schema version 8, or a credit moved between invoices
    /// by an earlier version of `apply-credit` (which recorded no functional amount).
    private static let functionalOpen = """
        (SELECT CAST(r.functional_debit
                     - COALESCE((SELECT SUM(c.functional_credit) FROM invoices n JOIN journal_lines c ON c.entry_id = n.entry_id AND c.line_no = n.receivable_line
                                 WHERE n.credits_invoice_id = i.id AND n.kind = 'credit-note'), 0)
                     - COALESCE((SELECT SUM(a.functional_minor) FROM allocations a WHERE a.invoice_id = i.id AND a.kind IN ('payment', 'fee', 'discount', 'write-off', 'credit', 'refund')), 0) AS BIGINT)
         FROM journal_lines r WHERE r.entry_id = i.entry_id AND r.line_no = i.receivable_line
           AND NOT EXISTS (SELECT 1 FROM allocations a WHERE a.invoice_id = i.id
                           AND a.kind IN ('payment', 'fee', 'discount', 'write-off', 'credit', 'refund') AND a.functional_minor IS NULL)
           AND NOT EXISTS (SELECT 1 FROM invoices n WHERE n.credits_invoice_id = i.id AND n.kind = 'credit-note' AND n.receivable_line IS NULL))
        """

    /// Credit notes of no invoice with credit left (carried over from a previous system): a
    /// remittance may net one by a short form of its number (`NC 9` for NC-2026-0009).
    public func openCreditNotes(entityID: Int64) async throws -> [BookedOpenItem] {
        try await balances(entityID: entityID, from: "invoices i", where: "i.kind = 'credit-note' AND i.credits_invoice_id IS NULL", cap: "NULL")
            .filter { $0.item.open < 0 }
    }

    /// Items with a balance of their own (invoices, open credit notes of no invoice) by id, open or
    /// not, with how each was booked: what moving a credit between two of them needs.
    public func bookedItems(ids: [Int64], entityID: Int64) async throws -> [BookedOpenItem] {
        guard !ids.isEmpty else { return [] }
        return try await balances(entityID: entityID, from: "invoices i", where: "i.id IN (\(ids.map(String.init).joined(separator: ", ")))", cap: "NULL")
    }

    /// The open items of the customers in `customers` (code → the most a payment of theirs can
    /// settle), those with at most that open: what a payment without a reference may settle.
    public func openItems(entityID: Int64, customers: [String: Int64]) async throws -> [BookedOpenItem] {
        guard !customers.isEmpty else { return [] }
        var rows = BulkRows("payers", [("code", .text), ("cap", .integer)])
        for (code, cap) in customers.sorted(by: { $0.key < $1.key }) { rows.beginRow(); rows.text(code); rows.integer(cap); rows.endRow() }
        return try await balances(entityID: entityID, from: rows.table("k", flavor) + " CROSS JOIN customers pc CROSS JOIN invoices i",
                                  where: "pc.code = k.c0 AND i.bill_to_id = pc.id", cap: "k.c1")
    }

    /// The balances of the issued invoices `from` reaches (`i` the invoice) where `condition`
    /// holds, read as one packed text; with `cap` (an SQL expression), only those with something
    /// open and at most that. The keys come first (`CROSS JOIN` keeps SQLite from scanning the
    /// invoices for each key: it cannot tell how few keys a bound array holds).
    private func balances(entityID: Int64, from: SQLQueryString, where condition: String, cap: String) async throws -> [BookedOpenItem] {
        let packed = PackedRows.aggregate(["b.id", "b.number", "b.customer_code", "b.currency", "b.issue_date", "b.due_date", "b.open", "b.rate", "b.functional_open", "b.kind"], flavor)
        var query = SQLQueryString(stringLiteral: "SELECT \(packed) AS packed FROM (SELECT i.id, i.number, c.code AS customer_code, i.currency, i.issue_date, i.due_date, i.kind, ")
        query += "\(unsafeRaw: Self.invoiceRate), "
        query += SQLQueryString(stringLiteral: """
            CAST(\(cap) AS BIGINT) AS cap,
            CAST(\(Self.signedTotal) - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.invoice_id = i.id), 0)
                 - COALESCE((SELECT SUM(n.total_minor) FROM invoices n WHERE n.credits_invoice_id = i.id AND n.kind = 'credit-note'), 0) AS BIGINT) AS open
            FROM 
            """)
        query += from
        query += SQLQueryString(stringLiteral: " JOIN customers c ON c.id = i.bill_to_id WHERE \(condition) AND i.entity_id = ")
        query += "\(bind: entityID) AND \(unsafeRaw: Self.ownBalance) AND i.status = 'issued') AS b WHERE b.cap IS NULL OR (b.open > 0 AND b.open <= b.cap)"
        let rows = try await packedRows(query, columns: 10)
        return try rows.rows.indices.map { row in
            let issue = try BusinessDate(parsing: rows.string(row, 4))
            var item = OpenItem(id: try rows.integer(row, 0), number: rows.string(row, 1), customer: rows.string(row, 2), currency: try Currency(code: rows.string(row, 3)),
                                open: try rows.integer(row, 6), issueDate: issue,
                                dueDate: try rows.optionalString(row, 5).map { s throws(DomainError) in try BusinessDate(parsing: s) } ?? issue)
            item.isCreditNote = rows.string(row, 9) == InvoiceKind.creditNote.rawValue
            return (item, try rows.optionalString(row, 7).map { s throws(DomainError) in try ExactDecimal(parsing: s) }, try rows.optionalInteger(row, 8))
        }
    }

    /// Every customer as the matcher knows it: code, names (legal, display, learned aliases), contacts' e-mails and
    /// bank accounts; with its id.
    public func payerIdentities() async throws -> [(id: Int64, payer: PayerIdentity)] {
        func packed(_ columns: [String], _ rest: String) async throws -> PackedRows {
            try await packedRows(SQLQueryString(stringLiteral: "SELECT \(PackedRows.aggregate(columns, flavor)) AS packed FROM (\(rest)) AS t"), columns: columns.count)
        }
        let customers = try await packed(["t.id", "t.code", "t.name", "t.display_name", "t.kind", "t.parent_code", "t.currency"],
                                         "SELECT id, code, name, display_name, kind, parent_code, currency FROM customers")
        var payers: [Int64: PayerIdentity] = [:]
        var order: [Int64] = []
        for row in customers.rows.indices {
            let id = try customers.integer(row, 0)
            payers[id] = PayerIdentity(code: customers.string(row, 1), names: [customers.string(row, 2)] + (customers.optionalString(row, 3).map { [$0] } ?? []), bankAccounts: [],
                                       isAgency: customers.optionalString(row, 4) == CustomerKind.agency.rawValue, parent: customers.optionalString(row, 5),
                                       currency: customers.optionalString(row, 6).flatMap { try? Currency(code: $0) })
            order.append(id)
        }
        let aliases = try await packed(["t.customer_id", "t.alias"], "SELECT customer_id, alias, position FROM customer_payer_aliases ORDER BY customer_id, position")
        for row in aliases.rows.indices { payers[try aliases.integer(row, 0)]?.names.append(aliases.string(row, 1)) }
        let accounts = try await packed(["t.customer_id", "t.account_number"], "SELECT customer_id, account_number, position FROM customer_bank_accounts ORDER BY customer_id, position")
        for row in accounts.rows.indices { payers[try accounts.integer(row, 0)]?.bankAccounts.append(accounts.string(row, 1)) }
        let emails = try await packed(["t.customer_id", "t.email"], "SELECT customer_id, email, position FROM customer_contacts ORDER BY customer_id, position")
        for row in emails.rows.indices { payers[try emails.integer(row, 0)]?.emails.append(emails.string(row, 1)) }
        return order.map { ($0, payers[$0]!) }
    }

    /// Gives the invoices numbered without them their match keys (rows older than the keys, or
    /// numbered by a path that does not set them). Returns how many.
    @discardableResult
    public func fillMatchKeys(entityID: Int64) async throws -> Int {
        let rows = try await sql.raw("""
            SELECT id, number FROM invoices WHERE entity_id = \(bind: entityID) AND match_digits IS NULL AND number IS NOT NULL
            """).all()
        guard !rows.isEmpty else { return 0 }
        var keys = BulkRows("invoices", [("id", .integer), ("match_digits", .text), ("match_tail", .text), ("match_groups", .text)])
        for row in rows {
            let found = CashMatcher.matchKeys(of: try row.decode(column: "number", as: String.self))
            keys.beginRow(); keys.integer(try row.decode(column: "id", as: Int64.self)); keys.text(found.digits); keys.text(found.tail); keys.text(found.groups); keys.endRow()
        }
        return try await keys.update(self, set: ["match_digits", "match_tail", "match_groups"], constants: [], condition: "invoices.match_digits IS NULL")
    }

    /// One invoice's balance: total less credit notes and allocations; negative when it was paid
    /// and then credited (a credit the customer can use on another invoice). An open credit note
    /// of no invoice has its credit left as a negative balance.
    public func invoiceBalance(number: String, entityID: Int64) async throws -> (id: Int64, customer: String, customerID: Int64, currency: Currency, open: Int64)? {
        guard let row = try await sql.raw("""
            SELECT i.id, c.code, c.id AS customer_id, i.currency,
                   CAST(\(unsafeRaw: Self.signedTotal) - COALESCE((SELECT SUM(a.amount_minor) FROM allocations a WHERE a.invoice_id = i.id), 0)
                        - COALESCE((SELECT SUM(n.total_minor) FROM invoices n WHERE n.credits_invoice_id = i.id AND n.kind = 'credit-note'), 0) AS BIGINT) AS balance
            FROM invoices i JOIN customers c ON c.id = i.bill_to_id
            WHERE i.entity_id = \(bind: entityID) AND i.number = \(bind: number) AND \(unsafeRaw: Self.ownBalance) AND i.status = 'issued'
            """).first() else { return nil }
        return (try row.decode(column: "id", as: Int64.self), try row.decode(column: "code", as: String.self), try row.decode(column: "customer_id", as: Int64.self),
                try Currency(code: try row.decode(column: "currency", as: String.self)), try row.decode(column: "balance", as: Int64.self))
    }

    /// The invoice a credit note of ours credits (its credit is on that invoice), by the note's number.
    public func invoiceCredited(byNote number: String, entityID: Int64) async throws -> String? {
        try await sql.raw("""
            SELECT i.number FROM invoices n JOIN invoices i ON i.id = n.credits_invoice_id
            WHERE n.entity_id = \(bind: entityID) AND n.number = \(bind: number) AND n.kind = 'credit-note'
            """).first()?.decode(column: "number", as: String?.self) ?? nil
    }

    /// What settled an invoice so far and stands (reversed allocations left out), oldest first.
    public func invoiceSettlements(invoiceID: Int64, entityID: Int64) async throws -> [InvoiceSettlement] {
        var found = try await sql.raw("""
            SELECT a.kind, a.amount_minor, a.currency, a.method, l.reference, s.number AS source, e.entry_date,
                   j.code AS entry_journal, e.fiscal_year AS entry_year, e.sequence AS entry_sequence
            FROM allocations a LEFT JOIN bank_lines l ON l.id = a.bank_line_id LEFT JOIN invoices s ON s.id = a.source_invoice_id
            LEFT JOIN journal_entries e ON e.id = a.entry_id LEFT JOIN journals j ON j.id = e.journal_id
            WHERE a.entity_id = \(bind: entityID) AND a.invoice_id = \(bind: invoiceID)
              AND a.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)
            ORDER BY a.id
            """).all().map { row in
            InvoiceSettlement(date: try row.decode(column: "entry_date", as: String?.self), kind: try row.decode(column: "kind", as: String.self),
                                     amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: try Currency(code: try row.decode(column: "currency", as: String.self))),
                                     bankReference: try row.decode(column: "reference", as: String?.self),
                                     document: try row.decode(column: "source", as: String?.self), entry: try Self.entryNumber(row, prefix: "entry"), method: try row.decode(column: "method", as: String.self))
        }
        found += try await sql.raw("""
            SELECT n.number, n.issue_date, n.total_minor, n.currency, j.code AS entry_journal, e.fiscal_year AS entry_year, e.sequence AS entry_sequence
            FROM invoices n LEFT JOIN journal_entries e ON e.id = n.entry_id LEFT JOIN journals j ON j.id = e.journal_id
            WHERE n.credits_invoice_id = \(bind: invoiceID) AND n.kind = 'credit-note' AND n.status = 'issued' ORDER BY n.id
            """).all().map { row in
            InvoiceSettlement(date: try row.decode(column: "issue_date", as: String?.self), kind: "credit-note",
                              amount: Money(minorUnits: try row.decode(column: "total_minor", as: Int64.self), currency: try Currency(code: try row.decode(column: "currency", as: String.self))),
                              bankReference: nil, document: try row.decode(column: "number", as: String?.self), entry: try Self.entryNumber(row, prefix: "entry"), method: nil)
        }
        return found.sorted { ($0.date ?? "") < ($1.date ?? "") }
    }

    /// Serialises cash application per entity: two matchers never allocate the same open amount.
    public func lockCashApplication(entityID: Int64) async throws {
        try await lockEntity(entityID, exclusive: true)
    }
}

/// What a statement's row records about where it came from.
public struct BankStatementHeader: Sendable {
    public var reference: String?
    public var date: BusinessDate?
    public var format: String
    public var fileName: String
    public var sha256: String
    public var opening: Int64?
    public var closing: Int64?

    public init(reference: String?, date: BusinessDate?, format: String, fileName: String, sha256: String, opening: Int64?, closing: Int64?) {
        self.reference = reference
        self.date = date
        self.format = format
        self.fileName = fileName
        self.sha256 = sha256
        self.opening = opening
        self.closing = closing
    }
}

// MARK: Lettering

/// A lettering: items of one customer account that settle each other, under one code.
public struct LetteringRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var customer: String
    public var code: String
    public var letteredOn: String
    public var items: [String]
    public var removed: Bool
}

/// What links a customer's items: allocations from bank lines and write-offs to invoices, and
/// credit notes to the invoices they credit.
public struct SettlementLink: Sendable, Hashable {
    public var customer: String
    public var invoice: String
    public var invoiceOpen: Int64
    /// The invoice's currency (what is still open is in it).
    public var currency: Currency? = nil
    /// `bank-line:REF`, `credit-note:CRN-…`, `write-off:INV-…`, `invoice:…`.
    public var source: String
    /// `invoice` is an open credit note of no invoice (its open amount a credit left, negative).
    public var isCreditNote = false

    /// How people know the item: `invoice:INV-…`, or `credit-note:CM-…`.
    public var item: String { "\(isCreditNote ? "credit-note" : "invoice"):\(invoice)" }
}

extension Transaction {
    /// Every link between an entity's invoices and what settles them, with each invoice's open amount.
    public func settlementLinks(entityID: Int64) async throws -> [SettlementLink] {
        var links: [SettlementLink] = []
        let open = Dictionary(uniqueKeysWithValues: try await openItems(entityID: entityID, credits: true).map { ($0.item.number, $0.item.open) })
        for row in try await sql.raw("""
            SELECT c.code AS customer, i.number AS invoice, i.kind AS invoice_kind, i.currency, a.kind, l.reference, a.id AS allocation_id
            FROM allocations a JOIN invoices i ON i.id = a.invoice_id JOIN customers c ON c.id = i.bill_to_id
            LEFT JOIN bank_lines l ON l.id = a.bank_line_id
            WHERE a.entity_id = \(bind: entityID) AND a.reverses_id IS NULL AND a.kind IN ('payment', 'fee', 'discount', 'write-off', 'refund')
              AND NOT EXISTS (SELECT 1 FROM allocations r WHERE r.reverses_id = a.id)
            """).all() {
            let invoice = try row.decode(column: "invoice", as: String.self)
            let kind = try row.decode(column: "kind", as: String.self)
            let source = kind == "write-off" ? "write-off:\(invoice)" : "bank-line:\(try row.decode(column: "reference", as: String?.self) ?? "?")"
            links.append(SettlementLink(customer: try row.decode(column: "customer", as: String.self), invoice: invoice, invoiceOpen: open[invoice] ?? 0,
                                        currency: try Currency(code: try row.decode(column: "currency", as: String.self)), source: source,
                                        isCreditNote: try row.decode(column: "invoice_kind", as: String.self) == InvoiceKind.creditNote.rawValue))
        }
        // A credit moved from one invoice (or open credit note) to another joins the two: both
        // ways, so that each carries what is still open on it.
        for row in try await sql.raw("""
            SELECT c.code AS customer, i.number AS invoice, i.kind AS invoice_kind, i.currency, s.number AS source, s.kind AS source_kind
            FROM allocations a JOIN invoices i ON i.id = a.invoice_id
            JOIN invoices s ON s.id = a.source_invoice_id JOIN customers c ON c.id = i.bill_to_id
            WHERE a.entity_id = \(bind: entityID) AND a.kind = 'credit'
            """).all() {
            let invoice = try row.decode(column: "invoice", as: String.self)
            let sourceKind = try row.decode(column: "source_kind", as: String.self) == InvoiceKind.creditNote.rawValue ? "credit-note" : "invoice"
            links.append(SettlementLink(customer: try row.decode(column: "customer", as: String.self), invoice: invoice, invoiceOpen: open[invoice] ?? 0,
                                        currency: try Currency(code: try row.decode(column: "currency", as: String.self)),
                                        source: "\(sourceKind):\(try row.decode(column: "source", as: String.self))",
                                        isCreditNote: try row.decode(column: "invoice_kind", as: String.self) == InvoiceKind.creditNote.rawValue))
        }
        for row in try await sql.raw("""
            SELECT c.code AS customer, i.number AS invoice, i.currency, n.number AS note FROM invoices n JOIN invoices i ON i.id = n.credits_invoice_id
            JOIN customers c ON c.id = i.bill_to_id WHERE n.entity_id = \(bind: entityID) AND n.kind = 'credit-note' AND n.status = 'issued'
            """).all() {
            let invoice = try row.decode(column: "invoice", as: String.self)
            links.append(SettlementLink(customer: try row.decode(column: "customer", as: String.self), invoice: invoice, invoiceOpen: open[invoice] ?? 0,
                                        currency: try Currency(code: try row.decode(column: "currency", as: String.self)), source: "credit-note:\(try row.decode(column: "note", as: String.self))"))
        }
        return links
    }

    /// Bank lines of the entity with cash still unapplied on a customer's account, as `REF@CUSTOMER`.
    public func linesWithUnapplied(entityID: Int64) async throws -> Set<String> {
        Set(try await sql.raw("""
            SELECT l.reference, c.code FROM allocations a JOIN bank_lines l ON l.id = a.bank_line_id JOIN customers c ON c.id = a.customer_id
            WHERE a.entity_id = \(bind: entityID) AND a.kind = 'unapplied' GROUP BY l.reference, c.code HAVING SUM(a.amount_minor) <> 0
            """).all().map { "\(try $0.decode(column: "reference", as: String.self))@\(try $0.decode(column: "code", as: String.self))" })
    }

    public func letterings(entityID: Int64, customer: String? = nil) async throws -> [LetteringRecord] {
        var filter: SQLQueryString = "g.entity_id = \(bind: entityID)"
        if let customer { filter += " AND c.code = \(bind: customer)" }
        var records: [Int64: LetteringRecord] = [:]
        var order: [Int64] = []
        for row in try await sql.raw("""
            SELECT g.id, g.code, g.lettered_on, g.removed_at, c.code AS customer
            FROM letterings g JOIN customers c ON c.id = g.customer_id
            WHERE \(filter) ORDER BY c.code, g.id
            """).all() {
            let id = try row.decode(column: "id", as: Int64.self)
            if records[id] == nil {
                order.append(id)
                records[id] = LetteringRecord(id: id, customer: try row.decode(column: "customer", as: String.self), code: try row.decode(column: "code", as: String.self),
                                              letteredOn: try row.decode(column: "lettered_on", as: String.self), items: [],
                                              removed: try row.decode(column: "removed_at", as: String?.self) != nil)
            }
        }
        // Items are stored by kind and row id; named back here.
        guard !order.isEmpty else { return [] }
        for row in try await sql.raw("""
            SELECT x.lettering_id, x.item_kind, COALESCE(i.number, l.reference, CAST(x.item_id AS TEXT)) AS name
            FROM lettering_items x LEFT JOIN invoices i ON x.item_kind IN ('invoice', 'credit-note', 'write-off') AND i.id = x.item_id
            LEFT JOIN bank_lines l ON x.item_kind = 'bank-line' AND l.id = x.item_id
            JOIN letterings g ON g.id = x.lettering_id WHERE g.entity_id = \(bind: entityID)
            ORDER BY x.lettering_id, x.item_kind, name
            """).all() {
            let id = try row.decode(column: "lettering_id", as: Int64.self)
            records[id]?.items.append("\(try row.decode(column: "item_kind", as: String.self)):\(try row.decode(column: "name", as: String.self))")
        }
        return order.compactMap { records[$0] }
    }

    /// Letters a group of a customer's items with the next code of its account (AA, AB, … ZZ, AAA…).
    public func letter(customerID: Int64, items: [(kind: String, id: Int64)], on date: BusinessDate, entityID: Int64) async throws -> String {
        let used = try await sql.raw("SELECT COUNT(*) AS n FROM letterings WHERE entity_id = \(bind: entityID) AND customer_id = \(bind: customerID)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let code = Self.letteringCode(used)
        let id = try await insertReturningID("""
            INSERT INTO letterings (entity_id, customer_id, code, lettered_on, created_at, created_by)
            VALUES (\(bind: entityID), \(bind: customerID), \(bind: code), \(bind: date.description), \(bind: timestamp), \(bind: actor))
            """)
        for item in items {
            try await sql.raw("INSERT INTO lettering_items (lettering_id, item_kind, item_id) VALUES (\(bind: id), \(bind: item.kind), \(bind: item.id))").run()
        }
        return code
    }

    /// AA, AB, … AZ, BA, … ZZ, then AAA: the n-th code (0-based) of an account.
    static func letteringCode(_ n: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var width = 2, index = n, capacity = 26 * 26
        while index >= capacity { index -= capacity; width += 1; capacity *= 26 }
        var code: [Character] = []
        for _ in 0..<width { code.insert(letters[index % 26], at: 0); index /= 26 }
        return String(code)
    }

    /// Removes a lettering (its items may be lettered again); audited by the caller.
    public func unletter(code: String, customerID: Int64, entityID: Int64) async throws {
        let rows = try await sql.raw("""
            UPDATE letterings SET removed_at = \(bind: timestamp), removed_by = \(bind: actor)
            WHERE entity_id = \(bind: entityID) AND customer_id = \(bind: customerID) AND code = \(bind: code) AND removed_at IS NULL RETURNING id
            """).all()
        guard rows.count == 1 else { throw DomainError(field: "code", "no standing lettering \(code) on this customer's account") }
    }

    /// Takes off every standing lettering holding one of these items (`bank-line`/`invoice` ids);
    /// returns the codes removed, for the caller's audit record.
    public func removeLetterings(holding items: [(kind: String, id: Int64)], entityID: Int64) async throws -> [String] {
        var removed: [String] = []
        for item in items {
            for row in try await sql.raw("""
                UPDATE letterings SET removed_at = \(bind: timestamp), removed_by = \(bind: actor)
                WHERE entity_id = \(bind: entityID) AND removed_at IS NULL
                  AND id IN (SELECT lettering_id FROM lettering_items WHERE item_kind = \(bind: item.kind) AND item_id = \(bind: item.id))
                RETURNING code
                """).all() { removed.append(try row.decode(column: "code", as: String.self)) }
        }
        return removed
    }

    /// Items already in a standing lettering, as `CUSTOMER-ID/KIND:ID` (a payment for several
    /// customers is lettered on each one's account).
    public func letteredItems(entityID: Int64) async throws -> Set<String> {
        Set(try await sql.raw("""
            SELECT g.customer_id, x.item_kind, x.item_id FROM lettering_items x JOIN letterings g ON g.id = x.lettering_id
            WHERE g.entity_id = \(bind: entityID) AND g.removed_at IS NULL
            """).all().map {
            "\(try $0.decode(column: "customer_id", as: Int64.self))/\(try $0.decode(column: "item_kind", as: String.self)):\(try $0.decode(column: "item_id", as: Int64.self))"
        })
    }

    /// Row ids of invoices and bank lines by their numbers and references.
    public func itemIDs(entityID: Int64) async throws -> (invoices: [String: Int64], lines: [String: Int64]) {
        var invoices: [String: Int64] = [:], lines: [String: Int64] = [:]
        for row in try await sql.raw("SELECT id, number FROM invoices WHERE entity_id = \(bind: entityID) AND number IS NOT NULL").all() {
            invoices[try row.decode(column: "number", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        for row in try await sql.raw("""
            SELECT l.id, l.reference FROM bank_lines l JOIN bank_accounts b ON b.id = l.bank_account_id WHERE b.entity_id = \(bind: entityID)
            """).all() {
            lines[try row.decode(column: "reference", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        return (invoices, lines)
    }
}


// MARK: CSV mappings

extension Transaction {
    /// Saves a named mapping (the JSON the caller encoded); replaces one of the same name.
    public func saveCSVMapping(name: String, spec: String) async throws {
        let before = try await csvMapping(name: name)
        try await sql.raw("DELETE FROM bank_csv_mappings WHERE name = \(bind: name)").run()
        try await sql.raw("""
            INSERT INTO bank_csv_mappings (name, spec, created_at, created_by) VALUES (\(bind: name), \(bind: spec), \(bind: timestamp), \(bind: actor))
            """).run()
        try await audit("bank.mapping", subject: "bank-mapping", id: name, entityID: nil, before: before, after: spec)
    }

    public func csvMapping(name: String) async throws -> String? {
        try await sql.raw("SELECT spec FROM bank_csv_mappings WHERE name = \(bind: name)").first()?.decode(column: "spec", as: String.self)
    }

    public func csvMappings() async throws -> [String] {
        try await sql.raw("SELECT spec FROM bank_csv_mappings ORDER BY name").all().map { try $0.decode(column: "spec", as: String.self) }
    }
}
