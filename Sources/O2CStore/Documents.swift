import Foundation
import O2CDomain
import SQLKit

/// What an entity prints about itself on its documents.
public struct SellerProfile: Sendable, Hashable, Codable {
    public var legalName: String
    public var address: PostalAddress
    public var email: String?
    public var phone: String?

    public init(legalName: String, address: PostalAddress, email: String?, phone: String?) {
        self.legalName = legalName
        self.address = address
        self.email = email
        self.phone = phone
    }
}

/// A bank account of an entity: where statements post (`ledgerAccount`) and, when `onInvoices`,
/// what invoices in its currency print for payment by transfer.
public struct BankAccountRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var entityCode: String
    public var details: BankDetails
    public var ledgerAccount: String
    public var onInvoices: Bool

    public init(id: Int64, entityCode: String, details: BankDetails, ledgerAccount: String, onInvoices: Bool) {
        self.id = id
        self.entityCode = entityCode
        self.details = details
        self.ledgerAccount = ledgerAccount
        self.onInvoices = onInvoices
    }
}

/// Under-delivery owed to a customer once a line's flight has ended, until it is settled.
public struct MakeGoodRecord: Sendable, Hashable, Codable {
    public enum Settlement: String, Sendable, Codable, CaseIterable {
        /// The missing units were delivered later (e.g. on a make-good IO).
        case delivered
        /// The customer was given a credit for them.
        case credited
        /// The customer agreed to let them go.
        case waived
    }

    public var id: Int64
    public var ioNumber: String
    public var line: Int
    /// The invoice run that found it.
    public var period: Period
    public var units: Int64
    public var amount: Money
    public var settlement: Settlement?
    public var reference: String?
    public var note: String?
    public var settledBy: String?
    public var settledAt: String?

    public var isOpen: Bool { settlement == nil }

    public init(id: Int64, ioNumber: String, line: Int, period: Period, units: Int64, amount: Money, settlement: Settlement?,
                reference: String?, note: String?, settledBy: String?, settledAt: String?) {
        self.id = id
        self.ioNumber = ioNumber
        self.line = line
        self.period = period
        self.units = units
        self.amount = amount
        self.settlement = settlement
        self.reference = reference
        self.note = note
        self.settledBy = settledBy
        self.settledAt = settledAt
    }
}

extension Transaction {
    // MARK: Seller profile

    public func sellerProfile(entityID: Int64) async throws -> SellerProfile? {
        guard let row = try await sql.raw("SELECT * FROM entity_profiles WHERE entity_id = \(bind: entityID)").first() else { return nil }
        return SellerProfile(
            legalName: try row.decode(column: "legal_name", as: String.self),
            address: PostalAddress(line1: try row.decode(column: "line1", as: String.self), line2: try row.decode(column: "line2", as: String?.self),
                                   city: try row.decode(column: "city", as: String.self), region: try row.decode(column: "region", as: String.self),
                                   postalCode: try row.decode(column: "postal_code", as: String.self), country: try row.decode(column: "country", as: String.self)),
            email: try row.decode(column: "email", as: String?.self), phone: try row.decode(column: "phone", as: String?.self))
    }

    public func setSellerProfile(_ profile: SellerProfile, entity: EntityRecord) async throws {
        let before = try await sellerProfile(entityID: entity.id)
        let a = profile.address
        try await sql.raw("DELETE FROM entity_profiles WHERE entity_id = \(bind: entity.id)").run()
        try await sql.raw("""
            INSERT INTO entity_profiles (entity_id, legal_name, line1, line2, city, region, postal_code, country, email, phone, updated_at)
            VALUES (\(bind: entity.id), \(bind: profile.legalName), \(bind: a.line1), \(bind: a.line2), \(bind: a.city), \(bind: a.region),
                    \(bind: a.postalCode), \(bind: a.country), \(bind: profile.email), \(bind: profile.phone), \(bind: timestamp))
            """).run()
        try await audit("entity.profile", subject: "entity", id: entity.entity.code, entityID: entity.id, before: before, after: profile)
    }

    // MARK: Bank accounts

    public func bankAccounts(entityID: Int64? = nil) async throws -> [BankAccountRecord] {
        var query: SQLQueryString = """
            SELECT b.*, e.code AS entity_code, a.code AS account_code FROM bank_accounts b
            JOIN entities e ON e.id = b.entity_id JOIN accounts a ON a.id = b.account_id
            """
        if let entityID { query += " WHERE b.entity_id = \(bind: entityID)" }
        query += " ORDER BY e.code, b.currency, b.number"
        return try await sql.raw(query).all().map { row in
            BankAccountRecord(
                id: try row.decode(column: "id", as: Int64.self), entityCode: try row.decode(column: "entity_code", as: String.self),
                details: BankDetails(bankName: try row.decode(column: "bank_name", as: String.self), accountHolder: try row.decode(column: "holder", as: String.self),
                                     accountNumber: try row.decode(column: "number", as: String.self), routing: try row.decode(column: "routing", as: String?.self),
                                     bic: try row.decode(column: "bic", as: String?.self), currency: try Currency(code: try row.decode(column: "currency", as: String.self))),
                ledgerAccount: try row.decode(column: "account_code", as: String.self), onInvoices: try row.decode(column: "on_invoices", as: Int.self) != 0)
        }
    }

    public func insertBankAccount(_ details: BankDetails, ledgerAccountID: Int64, onInvoices: Bool, entity: EntityRecord) async throws {
        if try await sql.raw("SELECT id FROM bank_accounts WHERE number = \(bind: details.accountNumber)").first() != nil {
            throw DomainError(field: "number", "bank account \(details.accountNumber) is already known")
        }
        _ = try await insertReturningID("""
            INSERT INTO bank_accounts (entity_id, number, currency, account_id, bank_name, holder, routing, bic, on_invoices, created_at)
            VALUES (\(bind: entity.id), \(bind: details.accountNumber), \(bind: details.currency.code), \(bind: ledgerAccountID), \(bind: details.bankName),
                    \(bind: details.accountHolder), \(bind: details.routing), \(bind: details.bic), \(bind: onInvoices ? 1 : 0), \(bind: timestamp))
            """)
        try await audit("bank-account.add", subject: "bank-account", id: details.accountNumber, entityID: entity.id, before: nil as BankDetails?, after: details)
    }

    // MARK: Make-goods

    public func makeGoods(entityID: Int64, openOnly: Bool = false) async throws -> [MakeGoodRecord] {
        var query: SQLQueryString = """
            SELECT m.*, io.number FROM make_goods m JOIN insertion_orders io ON io.id = m.io_id WHERE io.entity_id = \(bind: entityID)
            """
        if openOnly { query += " AND m.status = 'open'" }
        query += " ORDER BY io.number, m.line_no"
        return try await sql.raw(query).all().map { row in
            MakeGoodRecord(
                id: try row.decode(column: "id", as: Int64.self), ioNumber: try row.decode(column: "number", as: String.self),
                line: try row.decode(column: "line_no", as: Int.self), period: try Period(parsing: try row.decode(column: "period", as: String.self)),
                units: try row.decode(column: "units", as: Int64.self),
                amount: Money(minorUnits: try row.decode(column: "amount_minor", as: Int64.self), currency: try Currency(code: try row.decode(column: "currency", as: String.self))),
                settlement: try row.decode(column: "settlement", as: String?.self).flatMap(MakeGoodRecord.Settlement.init(rawValue:)),
                reference: try row.decode(column: "reference", as: String?.self), note: try row.decode(column: "note", as: String?.self),
                settledBy: try row.decode(column: "settled_by", as: String?.self), settledAt: try row.decode(column: "settled_at", as: String?.self))
        }
    }

    /// Records what a run found owed on a line whose flight has ended. An open record follows
    /// corrected figures; a settled one is not reopened. Returns whether anything changed.
    @discardableResult
    public func recordMakeGood(ioID: Int64, ioNumber: String, line: Int, period: Period, units: Int64, amount: Money, entityID: Int64) async throws -> Bool {
        let existing = try await sql.raw("SELECT status, units, amount_minor FROM make_goods WHERE io_id = \(bind: ioID) AND line_no = \(bind: line)").first()
        if let existing {
            let status = try existing.decode(column: "status", as: String.self)
            let same = try existing.decode(column: "units", as: Int64.self) == units && existing.decode(column: "amount_minor", as: Int64.self) == amount.minorUnits
            guard status == "open", !same else { return false }
            try await sql.raw("""
                UPDATE make_goods SET units = \(bind: units), amount_minor = \(bind: amount.minorUnits), period = \(bind: period.description),
                updated_at = \(bind: timestamp) WHERE io_id = \(bind: ioID) AND line_no = \(bind: line)
                """).run()
        } else {
            try await sql.raw("""
                INSERT INTO make_goods (io_id, line_no, period, units, amount_minor, currency, status, created_at, updated_at)
                VALUES (\(bind: ioID), \(bind: line), \(bind: period.description), \(bind: units), \(bind: amount.minorUnits), \(bind: amount.currency.code),
                        'open', \(bind: timestamp), \(bind: timestamp))
                """).run()
        }
        try await audit("make-good.record", subject: "make-good", id: "\(ioNumber)/\(line)", entityID: entityID, before: nil as String?,
                        after: ["units": units, "amount": amount.minorUnits])
        return true
    }

    /// Settles an open make-good; refuses one already settled.
    public func settleMakeGood(ioID: Int64, ioNumber: String, line: Int, as settlement: MakeGoodRecord.Settlement, reference: String?, note: String, entityID: Int64) async throws {
        guard let row = try await sql.raw("SELECT status FROM make_goods WHERE io_id = \(bind: ioID) AND line_no = \(bind: line)").first() else {
            throw DomainError(field: "make-good", "no make-good is recorded for \(ioNumber) line \(line): `o2c makegood list` shows them")
        }
        guard try row.decode(column: "status", as: String.self) == "open" else {
            throw DomainError(field: "make-good", "the make-good of \(ioNumber) line \(line) is already settled")
        }
        try await sql.raw("""
            UPDATE make_goods SET status = 'settled', settlement = \(bind: settlement.rawValue), reference = \(bind: reference), note = \(bind: note),
            settled_by = \(bind: actor), settled_at = \(bind: timestamp), updated_at = \(bind: timestamp) WHERE io_id = \(bind: ioID) AND line_no = \(bind: line)
            """).run()
        try await audit("make-good.settle", subject: "make-good", id: "\(ioNumber)/\(line)", entityID: entityID, before: nil as String?,
                        after: ["settlement": settlement.rawValue, "reference": reference ?? "", "note": note])
    }
}
