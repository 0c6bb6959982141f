import Foundation
import SQLKit
import O2CDomain

/// An insertion order as stored: its status, every revision (the last is current), the policy
/// exceptions granted.
public struct StoredIO: Sendable, Hashable {
    public let id: Int64
    public let number: String
    public var status: IOStatus
    public var revisions: [IORevision]
    /// The stored document of each signed revision, by revision number.
    public var documentIDs: [Int: Int64]
    public var exceptions: [PolicyException]
    public let createdAt: String
    public var updatedAt: String

    public var current: IORevision { revisions[revisions.count - 1] }
}

extension Transaction {
    // MARK: Users and roles

    public func addUser(_ name: String, roles: [String]) async throws {
        guard !name.isEmpty, name.count <= 64 else { throw DomainError(field: "name", "a user needs a name of at most 64 characters") }
        let before = try await self.roles(of: name)
        let all = Array(Set(before ?? []).union(roles)).sorted()
        if before == nil {
            try await sql.raw("INSERT INTO users (name, roles, created_at) VALUES (\(bind: name), \(bind: all.joined(separator: ",")), \(bind: timestamp))").run()
        } else {
            try await sql.raw("UPDATE users SET roles = \(bind: all.joined(separator: ",")) WHERE name = \(bind: name)").run()
        }
        try await audit(before == nil ? "user.create" : "user.update", subject: "user", id: name, entityID: nil,
                        before: before.map { ["roles": $0] }, after: ["roles": all])
    }

    /// The roles of a user, or nil when there is no such user.
    public func roles(of name: String) async throws -> [String]? {
        guard let row = try await sql.raw("SELECT roles FROM users WHERE name = \(bind: name)").first() else { return nil }
        return try row.decode(column: "roles", as: String.self).split(separator: ",").map(String.init)
    }

    public func users() async throws -> [(name: String, roles: [String])] {
        try await sql.raw("SELECT name, roles FROM users ORDER BY name").all().map {
            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "roles", as: String.self).split(separator: ",").map(String.init))
        }
    }

    // MARK: Policy

    /// The settings of an entity's policy as stored, by name.
    private func policySettings(entityID: Int64) async throws -> [(name: String, value: String)] {
        try await sql.raw("SELECT name, value FROM policy_settings WHERE entity_id = \(bind: entityID) ORDER BY name").all().map {
            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "value", as: String.self))
        }
    }

    public func policy(entityID: Int64) async throws -> IOPolicy {
        var policy = IOPolicy()
        for (name, value) in try await policySettings(entityID: entityID) where MatchPolicy.setting(name) == nil {
            try policy.set(name, to: value)
        }
        return policy
    }

    /// How cash application decides for an entity: its `cash.*` settings over the defaults, the
    /// amounts in `currency` (its functional currency; `resolved(for:)` gives another's).
    /// Amounts are read in the entity's functional currency.
    public func matchPolicy(entityID: Int64, currency: Currency) async throws -> MatchPolicy {
        var policy = MatchPolicy()
        try policy.apply(try await policySettings(entityID: entityID), currency: currency)
        return policy
    }


    /// Changes one setting of an entity's policy (IO or cash application), audited.
    public func setPolicy(_ name: String, to value: String, entityID: Int64, entityCode: String, currency: Currency) async throws {
        if MatchPolicy.setting(name)?.currency != nil {
            // Stored under one spelling (`cash.fee-tolerance.USD`), whatever the case it was typed in.
            let name = MatchPolicy.canonicalName(name)
            var after = try await matchPolicy(entityID: entityID, currency: currency)
            let before = after.currencySettings().first { $0.name == name }?.value
            try after.set(name, to: value, currency: currency)
            try await storePolicySetting(name, value, entityID: entityID)
            try await audit("policy.set", subject: "policy", id: "\(entityCode)/\(name)", entityID: entityID, before: [name: before],
                            after: [name: after.currencySettings().first { $0.name == name }?.value])
            return
        }
        if MatchPolicy.settingNames.contains(name) {
            var after = try await matchPolicy(entityID: entityID, currency: currency)
            let before = after.settings(currency: currency)
            try after.set(name, to: value, currency: currency)
            try await storePolicySetting(name, value, entityID: entityID)
            try await audit("policy.set", subject: "policy", id: "\(entityCode)/\(name)", entityID: entityID, before: before, after: after.settings(currency: currency))
            return
        }
        let before = try await policy(entityID: entityID)
        var after = before
        try after.set(name, to: value)
        try await storePolicySetting(name, value, entityID: entityID)
        try await audit("policy.set", subject: "policy", id: "\(entityCode)/\(name)", entityID: entityID, before: before, after: after)
    }

    private func storePolicySetting(_ name: String, _ value: String, entityID: Int64) async throws {
        try await sql.raw("DELETE FROM policy_settings WHERE entity_id = \(bind: entityID) AND name = \(bind: name)").run()
        try await sql.raw("INSERT INTO policy_settings (entity_id, name, value) VALUES (\(bind: entityID), \(bind: name), \(bind: value))").run()
    }

    // MARK: Documents

    public func storeDocument(_ content: Data, fileName: String, sha256: String) async throws -> Int64 {
        try await insertReturningID("""
            INSERT INTO documents (sha256, file_name, size, content, stored_at, stored_by)
            VALUES (\(bind: sha256), \(bind: fileName), \(bind: content.count), \(bind: content), \(bind: timestamp), \(bind: actor))
            """)
    }

    public func document(_ id: Int64) async throws -> (content: Data, sha256: String, fileName: String)? {
        guard let row = try await sql.raw("SELECT content, sha256, file_name FROM documents WHERE id = \(bind: id)").first() else { return nil }
        return (try row.decode(column: "content", as: Data.self), try row.decode(column: "sha256", as: String.self),
                try row.decode(column: "file_name", as: String.self))
    }

    // MARK: Insertion orders

    /// The entity's IOs (or those numbered), with every revision, by number.
    public func loadIOs(entityID: Int64, numbers: [String]? = nil) async throws -> [String: StoredIO] {
        var filter: SQLQueryString = "io.entity_id = \(bind: entityID)"
        if let numbers {
            guard !numbers.isEmpty else { return [:] }
            filter += " AND io.number IN (\(binds: numbers.map { $0 as any Encodable & Sendable }))"
        }
        var ios: [Int64: StoredIO] = [:]
        for row in try await sql.raw("SELECT io.* FROM insertion_orders io WHERE \(filter)").all() {
            let id = try row.decode(column: "id", as: Int64.self)
            ios[id] = StoredIO(id: id, number: try row.decode(column: "number", as: String.self),
                               status: IOStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .draft,
                               revisions: [], documentIDs: [:], exceptions: [],
                               createdAt: try row.decode(column: "created_at", as: String.self),
                               updatedAt: try row.decode(column: "updated_at", as: String.self))
        }
        guard !ios.isEmpty else { return [:] }
        var linesByRevision: [Int64: [IOLine]] = [:]
        for row in try await sql.raw("""
            SELECT l.* FROM io_lines l JOIN io_revisions r ON r.id = l.revision_id JOIN insertion_orders io ON io.id = r.io_id
            WHERE \(filter) ORDER BY l.revision_id, l.line_no
            """).all() {
            let currencyCode = try row.decode(column: "budget_cap_minor", as: Int64?.self)
            linesByRevision[try row.decode(column: "revision_id", as: Int64.self), default: []].append(IOLine(
                number: try row.decode(column: "line_no", as: Int.self), product: try row.decode(column: "product", as: String.self),
                pricing: PricingModel(rawValue: try row.decode(column: "pricing", as: String.self)) ?? .cpm,
                flightStart: try BusinessDate(parsing: try row.decode(column: "flight_start", as: String.self)),
                flightEnd: try BusinessDate(parsing: try row.decode(column: "flight_end", as: String.self)),
                bookedQuantity: try row.decode(column: "booked_quantity", as: Int64.self),
                unitRate: try ExactDecimal(parsing: try row.decode(column: "unit_rate", as: String.self)),
                budgetCap: currencyCode.map { Money(minorUnits: $0, currency: .CAD) },  // currency set below, from the revision
                billingSource: BillingSource(rawValue: try row.decode(column: "billing_source", as: String.self)) ?? .firstParty,
                discrepancyTolerance: try ExactDecimal(parsing: try row.decode(column: "tolerance", as: String.self))))
        }
        for row in try await sql.raw("""
            SELECT r.*, a.code AS advertiser, g.code AS agency, b.code AS bill_to, d.sha256 AS document_sha256, d.file_name AS document_name
            FROM io_revisions r JOIN insertion_orders io ON io.id = r.io_id
            JOIN customers a ON a.id = r.advertiser_id LEFT JOIN customers g ON g.id = r.agency_id JOIN customers b ON b.id = r.bill_to_id
            LEFT JOIN documents d ON d.id = r.document_id
            WHERE \(filter) ORDER BY r.io_id, r.revision
            """).all() {
            let ioID = try row.decode(column: "io_id", as: Int64.self)
            let currency = try Currency(code: try row.decode(column: "currency", as: String.self))
            var signature: Signature?
            if let signer = try row.decode(column: "signer_name", as: String?.self) {
                signature = Signature(signerName: signer, signerTitle: try row.decode(column: "signer_title", as: String?.self) ?? "",
                                      signedOn: try BusinessDate(parsing: try row.decode(column: "signed_on", as: String.self)),
                                      documentName: try row.decode(column: "document_name", as: String?.self) ?? "",
                                      documentSHA256: try row.decode(column: "document_sha256", as: String?.self) ?? "")
            }
            let lines = (linesByRevision[try row.decode(column: "id", as: Int64.self)] ?? []).map { line in
                var line = line
                line.budgetCap = line.budgetCap.map { Money(minorUnits: $0.minorUnits, currency: currency) }
                return line
            }
            let revision = IORevision(
                revision: try row.decode(column: "revision", as: Int.self), advertiser: try row.decode(column: "advertiser", as: String.self),
                agency: try row.decode(column: "agency", as: String?.self), billTo: try row.decode(column: "bill_to", as: String.self),
                currency: currency, paymentTerms: try PaymentTerms(parsing: try row.decode(column: "payment_terms", as: String.self)),
                poNumber: try row.decode(column: "po_number", as: String?.self), salesOwner: try row.decode(column: "sales_owner", as: String?.self),
                notes: try row.decode(column: "notes", as: String?.self), lines: lines, signature: signature)
            ios[ioID]?.revisions.append(revision)
            if let document = try row.decode(column: "document_id", as: Int64?.self) { ios[ioID]?.documentIDs[revision.revision] = document }
        }
        for row in try await sql.raw("""
            SELECT x.* FROM io_exceptions x JOIN insertion_orders io ON io.id = x.io_id WHERE \(filter) ORDER BY x.id
            """).all() {
            guard let rule = PolicyRule(rawValue: try row.decode(column: "rule", as: String.self)) else { continue }
            ios[try row.decode(column: "io_id", as: Int64.self)]?.exceptions.append(PolicyException(
                rule: rule, revision: try row.decode(column: "revision", as: Int.self), reason: try row.decode(column: "reason", as: String.self),
                grantedBy: try row.decode(column: "granted_by", as: String.self), grantedAt: try row.decode(column: "granted_at", as: String.self)))
        }
        return Dictionary(uniqueKeysWithValues: ios.values.map { ($0.number, $0) })
    }

    /// Creates a draft IO with its first revision.
    public func insertIO(number: String, terms: IORevision, entityID: Int64) async throws -> Int64 {
        let id = try await insertReturningID("""
            INSERT INTO insertion_orders (entity_id, number, status, created_at, updated_at)
            VALUES (\(bind: entityID), \(bind: number), \(bind: IOStatus.draft.rawValue), \(bind: timestamp), \(bind: timestamp))
            """)
        var first = terms
        first.revision = 1
        try await insertRevision(first, ioID: id)
        try await audit("io.create", subject: "io", id: number, entityID: entityID, before: nil as IORevision?, after: first)
        return id
    }

    /// Writes a revision and its lines. A revision, once written, is replaced only while it is an
    /// unsigned draft (`replaceDraftRevision`).
    public func insertRevision(_ revision: IORevision, ioID: Int64) async throws {
        let codes = Set([revision.advertiser, revision.billTo] + (revision.agency.map { [$0] } ?? []))
        let customers = try await self.customers(codes: codes)
        for (field, code) in [("advertiser", revision.advertiser), ("bill_to", revision.billTo), ("agency", revision.agency ?? revision.billTo)] where customers[code] == nil {
            throw DomainError(field: field, "unknown customer '\(code)'")
        }
        let revisionID = try await insertReturningID("""
            INSERT INTO io_revisions (io_id, revision, advertiser_id, agency_id, bill_to_id, currency, payment_terms, po_number, sales_owner, notes, created_at)
            VALUES (\(bind: ioID), \(bind: revision.revision), \(bind: customers[revision.advertiser]!.id), \(bind: revision.agency.map { customers[$0]!.id }),
                    \(bind: customers[revision.billTo]!.id), \(bind: revision.currency.code), \(bind: revision.paymentTerms.description),
                    \(bind: revision.poNumber), \(bind: revision.salesOwner), \(bind: revision.notes), \(bind: timestamp))
            """)
        for line in revision.lines {
            try await sql.raw("""
                INSERT INTO io_lines (revision_id, line_no, product, pricing, flight_start, flight_end, booked_quantity, unit_rate,
                                      budget_cap_minor, billing_source, tolerance)
                VALUES (\(bind: revisionID), \(bind: line.number), \(bind: line.product), \(bind: line.pricing.rawValue),
                        \(bind: line.flightStart.description), \(bind: line.flightEnd.description), \(bind: line.bookedQuantity),
                        \(bind: line.unitRate.description), \(bind: line.budgetCap?.minorUnits), \(bind: line.billingSource.rawValue),
                        \(bind: line.discrepancyTolerance.description))
                """).run()
        }
    }

    /// Replaces the terms of an unsigned draft revision (a corrected import).
    public func replaceDraftRevision(_ io: StoredIO, with terms: IORevision, entityID: Int64) async throws {
        precondition(io.status == .draft && io.current.signature == nil)
        var revision = terms
        revision.revision = io.current.revision
        guard revision != io.current else { return }
        let row = try await sql.raw("SELECT id FROM io_revisions WHERE io_id = \(bind: io.id) AND revision = \(bind: revision.revision)").first()!
        let revisionID = try row.decode(column: "id", as: Int64.self)
        try await sql.raw("DELETE FROM io_lines WHERE revision_id = \(bind: revisionID)").run()
        try await sql.raw("DELETE FROM io_revisions WHERE id = \(bind: revisionID)").run()
        try await insertRevision(revision, ioID: io.id)
        try await touchIO(io.id)
        try await audit("io.update", subject: "io", id: io.number, entityID: entityID, before: io.current, after: revision)
    }

    public func setIOStatus(_ io: StoredIO, to status: IOStatus, action: String, entityID: Int64, note: String? = nil) async throws {
        try await sql.raw("UPDATE insertion_orders SET status = \(bind: status.rawValue), updated_at = \(bind: timestamp) WHERE id = \(bind: io.id)").run()
        var after = ["status": status.rawValue]
        if let note { after["note"] = note }
        try await audit("io.\(action)", subject: "io", id: io.number, entityID: entityID, before: ["status": io.status.rawValue], after: after)
    }

    public func signRevision(_ io: StoredIO, signature: Signature, documentID: Int64, entityID: Int64) async throws {
        try await sql.raw("""
            UPDATE io_revisions SET signer_name = \(bind: signature.signerName), signer_title = \(bind: signature.signerTitle),
                   signed_on = \(bind: signature.signedOn.description), document_id = \(bind: documentID)
            WHERE io_id = \(bind: io.id) AND revision = \(bind: io.current.revision) AND signer_name IS NULL
            """).run()
        try await audit("io.signature", subject: "io", id: io.number, entityID: entityID, before: nil as Signature?, after: signature)
    }

    public func insertException(_ exception: PolicyException, io: StoredIO, entityID: Int64) async throws {
        try await sql.raw("""
            INSERT INTO io_exceptions (io_id, revision, rule, reason, granted_by, granted_at)
            VALUES (\(bind: io.id), \(bind: exception.revision), \(bind: exception.rule.rawValue), \(bind: exception.reason),
                    \(bind: exception.grantedBy), \(bind: exception.grantedAt))
            """).run()
        try await audit("io.exception", subject: "io", id: io.number, entityID: entityID, before: nil as PolicyException?, after: exception)
    }

    func touchIO(_ id: Int64) async throws {
        try await sql.raw("UPDATE insertion_orders SET updated_at = \(bind: timestamp) WHERE id = \(bind: id)").run()
    }

    /// What a customer owes on the receivable account in one currency, from the running balances.
    public func openReceivable(customer code: String, currency: Currency, entityID: Int64) async throws -> Money {
        let row = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(b.debit - b.credit), 0) AS BIGINT) AS open
            FROM ledger_balances b JOIN accounts a ON a.id = b.account_id JOIN customers c ON c.id = b.customer_id
            WHERE b.entity_id = \(bind: entityID) AND a.role = \(bind: AccountRole.receivable.rawValue)
              AND c.code = \(bind: code) AND b.currency = \(bind: currency.code)
            """).first()
        return Money(minorUnits: try row?.decode(column: "open", as: Int64.self) ?? 0, currency: currency)
    }
}

extension IOPolicy {
    /// The settings `o2c policy set` knows: `max-payment-terms-days`, `floor.cpm`, `floor.cpc`,
    /// `floor.cpcv`, `floor.flat`.
    public static let settingNames = ["max-payment-terms-days"] + PricingModel.allCases.map { "floor.\($0.rawValue)" }

    public mutating func set(_ name: String, to value: String) throws(DomainError) {
        if name == "max-payment-terms-days" {
            guard let days = Int(value), (0...365).contains(days) else { throw DomainError(field: name, "'\(value)' is not a number of days (0–365)") }
            maximumPaymentTermsDays = days
        } else if name.hasPrefix("floor."), let model = PricingModel(rawValue: String(name.dropFirst(6))) {
            let floor = try ExactDecimal(parsing: value, field: name)
            guard floor.units >= 0 else { throw DomainError(field: name, "a floor cannot be negative") }
            rateFloors[model] = floor
        } else {
            throw DomainError(field: "setting", "unknown policy setting '\(name)' (settings: \((Self.settingNames + MatchPolicy.settingNames).joined(separator: ", ")); for one currency, an amount setting with its ISO code: cash.fee-tolerance.USD, cash.write-off-limit.USD)")
        }
    }
}
