import Foundation
import SQLKit
import O2CDomain

/// An entity as stored, with its row id.
public struct EntityRecord: Sendable, Hashable {
    public let id: Int64
    public let entity: LegalEntity
}

/// An account as stored, with its row id.
public struct AccountRecord: Sendable, Hashable {
    public let id: Int64
    public let account: Account
}

/// A customer as the ledger knows it: the auxiliary account of its receivable lines.
public struct CustomerRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let code: String
    public let name: String
}

/// A line of the audit trail: who did what, when, with the record before and after.
public struct AuditRecord: Sendable, Hashable, Codable {
    public let id: Int64
    public let occurredAt: String
    public let actor: String
    public let action: String
    public let subjectType: String
    public let subjectID: String
    public let before: String?
    public let after: String?
}

// MARK: Entities, accounts, journals, customers

extension Transaction {
    public func insertEntity(_ entity: LegalEntity) async throws -> EntityRecord {
        if try await self.entity(code: entity.code) != nil {
            throw DomainError(field: "entity", "an entity with code '\(entity.code)' already exists")
        }
        let id = try await insertReturningID("""
            INSERT INTO entities (code, name, functional_currency, country, region, fiscal_year_start_month, time_zone, created_at)
            VALUES (\(bind: entity.code), \(bind: entity.name), \(bind: entity.functionalCurrency.code), \(bind: entity.country),
                    \(bind: entity.region), \(bind: entity.fiscalYearStartMonth), \(bind: entity.timeZone), \(bind: timestamp))
            """)
        for registration in entity.taxRegistrations {
            try await sql.raw("""
                INSERT INTO tax_registrations (entity_id, kind, number)
                VALUES (\(bind: id), \(bind: registration.kind.rawValue), \(bind: registration.number))
                """).run()
        }
        for series in entity.numberSeries {
            try await sql.raw("""
                INSERT INTO number_series (entity_id, code, prefix, width, description)
                VALUES (\(bind: id), \(bind: series.code), \(bind: series.prefix), \(bind: series.width), \(bind: series.description))
                """).run()
        }
        for kind in JournalKind.allCases {
            try await sql.raw("""
                INSERT INTO journals (entity_id, code, kind, name)
                VALUES (\(bind: id), \(bind: kind.code), \(bind: kind.rawValue), \(bind: kind.name))
                """).run()
        }
        try await audit("entity.create", subject: "entity", id: entity.code, entityID: id, before: nil as LegalEntity?, after: entity)
        return EntityRecord(id: id, entity: entity)
    }

    public func entity(code: String) async throws -> EntityRecord? {
        guard let row = try await sql.raw("SELECT * FROM entities WHERE code = \(bind: code)").first() else { return nil }
        return try await entityRecord(row)
    }

    public func entities() async throws -> [EntityRecord] {
        var records: [EntityRecord] = []
        for row in try await sql.raw("SELECT * FROM entities ORDER BY code").all() {
            records.append(try await entityRecord(row))
        }
        return records
    }

    private func entityRecord(_ row: any SQLRow) async throws -> EntityRecord {
        let id = try row.decode(column: "id", as: Int64.self)
        let registrations = try await sql.raw("SELECT kind, number FROM tax_registrations WHERE entity_id = \(bind: id) ORDER BY kind").all().map {
            TaxRegistration(kind: TaxRegistration.Kind(rawValue: try $0.decode(column: "kind", as: String.self)) ?? .stateSalesTax,
                            number: try $0.decode(column: "number", as: String.self))
        }
        let series = try await sql.raw("SELECT code, prefix, width, description FROM number_series WHERE entity_id = \(bind: id) ORDER BY code").all().map {
            NumberSeries(code: try $0.decode(column: "code", as: String.self), prefix: try $0.decode(column: "prefix", as: String.self),
                         width: try $0.decode(column: "width", as: Int.self), description: try $0.decode(column: "description", as: String.self))
        }
        let entity = try LegalEntity(
            code: try row.decode(column: "code", as: String.self),
            name: try row.decode(column: "name", as: String.self),
            functionalCurrency: try Currency(code: try row.decode(column: "functional_currency", as: String.self)),
            country: try row.decode(column: "country", as: String.self),
            region: try row.decode(column: "region", as: String.self),
            fiscalYearStartMonth: try row.decode(column: "fiscal_year_start_month", as: Int.self),
            timeZone: try row.decode(column: "time_zone", as: String.self),
            taxRegistrations: registrations, numberSeries: series)
        return EntityRecord(id: id, entity: entity)
    }

    public func insertAccount(_ account: Account, entityID: Int64) async throws -> AccountRecord {
        let existing = try await sql.raw("SELECT id FROM accounts WHERE entity_id = \(bind: entityID) AND code = \(bind: account.code)").first()
        if existing != nil { throw DomainError(field: "code", "account \(account.code) already exists") }
        let id = try await insertReturningID("""
            INSERT INTO accounts (entity_id, code, name, type, role, currency, is_active)
            VALUES (\(bind: entityID), \(bind: account.code), \(bind: account.name), \(bind: account.type.rawValue),
                    \(bind: account.role?.rawValue), \(bind: account.currency?.code), \(bind: account.isActive ? 1 : 0))
            """)
        try await audit("account.create", subject: "account", id: account.code, entityID: entityID, before: nil as Account?, after: account)
        return AccountRecord(id: id, account: account)
    }

    /// Renames an account, or closes or reopens it to postings; its history stays where it is.
    public func updateAccount(code: String, entityID: Int64, name: String?, isActive: Bool?) async throws -> Account {
        guard let before = try await accounts(entityID: entityID).first(where: { $0.account.code == code }) else {
            throw DomainError(field: "account", "unknown account '\(code)'")
        }
        var after = before.account
        if let name {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw DomainError(field: "name", "an account needs a name") }
            after.name = name
        }
        if let isActive { after.isActive = isActive }
        try await sql.raw("""
            UPDATE accounts SET name = \(bind: after.name), is_active = \(bind: after.isActive ? 1 : 0) WHERE id = \(bind: before.id)
            """).run()
        try await audit("account.update", subject: "account", id: code, entityID: entityID, before: before.account, after: after)
        return after
    }

    public func accounts(entityID: Int64) async throws -> [AccountRecord] {
        try await sql.raw("SELECT * FROM accounts WHERE entity_id = \(bind: entityID) ORDER BY code").all().map { row in
            let currency = try row.decode(column: "currency", as: String?.self)
            let role = try row.decode(column: "role", as: String?.self)
            let account = try Account(
                code: try row.decode(column: "code", as: String.self),
                name: try row.decode(column: "name", as: String.self),
                type: AccountType(rawValue: try row.decode(column: "type", as: String.self)) ?? .asset,
                role: role.flatMap(AccountRole.init(rawValue:)),
                currency: try currency.map { code throws(DomainError) in try Currency(code: code) },
                isActive: try row.decode(column: "is_active", as: Int.self) != 0)
            return AccountRecord(id: try row.decode(column: "id", as: Int64.self), account: account)
        }
    }

    func journalIDs(entityID: Int64) async throws -> [JournalKind: Int64] {
        var ids: [JournalKind: Int64] = [:]
        for row in try await sql.raw("SELECT id, kind FROM journals WHERE entity_id = \(bind: entityID)").all() {
            if let kind = JournalKind(rawValue: try row.decode(column: "kind", as: String.self)) {
                ids[kind] = try row.decode(column: "id", as: Int64.self)
            }
        }
        return ids
    }

    public func insertCustomer(code: String, name: String) async throws -> CustomerRecord {
        let code = code.trimmingCharacters(in: .whitespaces)
        if try await customers(codes: [code])[code] != nil {
            throw DomainError(field: "customer", "a customer with code '\(code)' already exists")
        }
        let id = try await saveCustomer(Customer(code: code, legalName: name), existing: nil)
        return CustomerRecord(id: id, code: code, name: name)
    }

    public func customers() async throws -> [CustomerRecord] {
        try await sql.raw("SELECT id, code, name FROM customers ORDER BY code").all().map(Self.customer)
    }

    /// The customers with these codes, by code; codes that are not customers are absent.
    public func customers(codes: Set<String>) async throws -> [String: CustomerRecord] {
        Dictionary(uniqueKeysWithValues: try await customers(where: "code", in: Array(codes)).map { ($0.code, $0) })
    }

    /// Every customer's code and legal name (what a bank's text may name).
    public func customerNames() async throws -> [(code: String, name: String)] {
        try await sql.raw("SELECT code, name FROM customers ORDER BY code").all().map { (try $0.decode(column: "code", as: String.self), try $0.decode(column: "name", as: String.self)) }
    }

    /// The customers with these row ids, by id.
    public func customers(ids: Set<Int64>) async throws -> [Int64: CustomerRecord] {
        Dictionary(uniqueKeysWithValues: try await customers(where: "id", in: Array(ids)).map { ($0.id, $0) })
    }

    private func customers(where column: String, in values: [some Encodable & Sendable]) async throws -> [CustomerRecord] {
        var found: [CustomerRecord] = []
        for start in stride(from: 0, to: values.count, by: 500) {
            let chunk = values[start..<min(start + 500, values.count)].map { $0 as any Encodable & Sendable }
            found += try await sql.raw("SELECT id, code, name FROM customers WHERE \(ident: column) IN (\(binds: chunk))").all().map(Self.customer)
        }
        return found
    }

    static func customer(_ row: any SQLRow) throws -> CustomerRecord {
        CustomerRecord(id: try row.decode(column: "id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
                       name: try row.decode(column: "name", as: String.self))
    }
}

// MARK: Periods

extension Transaction {
    /// Closes the books through a month: nothing posts into it, or into any month before it,
    /// afterwards. (Closing October also locks an earlier month left open: its postings would
    /// change October's closing balances.)
    public func closePeriod(_ period: Period, entityID: Int64, entityCode: String) async throws {
        try await lockEntity(entityID, exclusive: true)
        if let through = try await closedThrough(entityID: entityID), period <= through {
            throw DomainError(field: "period", "\(period) is already closed: the books of \(entityCode) are closed through \(through)")
        }
        try await sql.raw("""
            INSERT INTO closed_periods (entity_id, period, closed_at, closed_by)
            VALUES (\(bind: entityID), \(bind: period.description), \(bind: timestamp), \(bind: actor))
            """).run()
        try await audit("period.close", subject: "period", id: "\(entityCode)/\(period)", entityID: entityID,
                        before: ["status": "open"], after: ["status": "closed"])
    }

    /// The last closed month: every month up to it is locked.
    public func closedThrough(entityID: Int64) async throws -> Period? {
        try await closedPeriods(entityID: entityID).max()
    }

    /// Serialises posting against closing on PostgreSQL: posters share the entity's row lock, a
    /// close takes it exclusively, so no posting commits into a month closed meanwhile. (On SQLite
    /// the write transaction already holds the whole database.)
    func lockEntity(_ entityID: Int64, exclusive: Bool) async throws {
        guard flavor == .postgres else { return }
        try await sql.raw("SELECT id FROM entities WHERE id = \(bind: entityID) \(unsafeRaw: exclusive ? "FOR UPDATE" : "FOR SHARE")").run()
    }

    public func closedPeriods(entityID: Int64) async throws -> [Period] {
        try await sql.raw("SELECT period FROM closed_periods WHERE entity_id = \(bind: entityID) ORDER BY period").all().map {
            try Period(parsing: try $0.decode(column: "period", as: String.self))
        }
    }
}

// MARK: Audit trail

extension Transaction {
    static let auditEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Records a write of business data: who (this transaction's actor), when, what, before, after.
    public func audit<B: Encodable, A: Encodable>(_ action: String, subject: String, id: String, entityID: Int64?, before: B?, after: A?) async throws {
        let beforeJSON = try before.map { String(decoding: try Self.auditEncoder.encode($0), as: UTF8.self) }
        let afterJSON = try after.map { String(decoding: try Self.auditEncoder.encode($0), as: UTF8.self) }
        try await sql.raw("""
            INSERT INTO audit_log (occurred_at, actor, action, subject_type, subject_id, entity_id, before_json, after_json)
            VALUES (\(bind: timestamp), \(bind: actor), \(bind: action), \(bind: subject), \(bind: id), \(bind: entityID),
                    \(bind: beforeJSON), \(bind: afterJSON))
            """).run()
    }

    /// Records many writes of one kind at once (an invoice run's drafts, a month's issue).
    public func audit<A: Encodable>(_ action: String, subject: String, entityID: Int64?, after records: [(id: String, after: A)]) async throws {
        var rows = BulkRows("audit_log", [("occurred_at", .text), ("actor", .text), ("action", .text), ("subject_type", .text), ("subject_id", .text),
                                          ("entity_id", .integer), ("after_json", .text)])
        for record in records {
            rows.beginRow()
            rows.text(timestamp); rows.text(actor); rows.text(action); rows.text(subject); rows.text(record.id); rows.integer(entityID)
            rows.text(String(decoding: try Self.auditEncoder.encode(record.after), as: UTF8.self))
            rows.endRow()
        }
        try await rows.insert(self)
    }

    /// The audit trail, newest last; filtered by subject type and id when given.
    public func auditTrail(subjectType: String? = nil, subjectID: String? = nil, limit: Int = 1000) async throws -> [AuditRecord] {
        var query: SQLQueryString = "SELECT * FROM audit_log WHERE 1 = 1"
        if let subjectType { query += " AND subject_type = \(bind: subjectType)" }
        if let subjectID { query += " AND subject_id = \(bind: subjectID)" }
        query += " ORDER BY id DESC LIMIT \(literal: limit)"
        return try await sql.raw(query).all().map { row in
            AuditRecord(
                id: try row.decode(column: "id", as: Int64.self), occurredAt: try row.decode(column: "occurred_at", as: String.self),
                actor: try row.decode(column: "actor", as: String.self), action: try row.decode(column: "action", as: String.self),
                subjectType: try row.decode(column: "subject_type", as: String.self), subjectID: try row.decode(column: "subject_id", as: String.self),
                before: try row.decode(column: "before_json", as: String?.self), after: try row.decode(column: "after_json", as: String?.self))
        }.reversed()
    }
}
