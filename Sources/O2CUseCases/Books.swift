import Foundation
import O2CDomain
import O2CFormats
import O2CStore

/// The business actions on an entity's books. Each public method is one transaction: it lands
/// whole or not at all.
public struct Books: Sendable {
    public let store: Store
    /// Who acts: named in the audit trail and on every posted entry.
    public let actor: String

    public init(store: Store, actor: String) {
        self.store = store
        self.actor = actor
    }

    // MARK: Entities and accounts

    /// Creates a legal entity with its journals, number series and default chart of accounts.
    public func createEntity(_ entity: LegalEntity) async throws -> (EntityRecord, [Account]) {
        try await store.write(actor: actor) { tx in
            let record = try await tx.insertEntity(entity)
            var accounts: [Account] = []
            for account in DefaultChart.accounts(for: entity) {
                accounts.append(try await tx.insertAccount(account, entityID: record.id).account)
            }
            return (record, accounts)
        }
    }

    /// The entity a command works on: the one named, or the only one there is.
    public func entity(_ code: String?) async throws -> EntityRecord {
        try await store.read { tx in try await Self.resolveEntity(code, tx) }
    }

    static func resolveEntity(_ code: String?, _ tx: Transaction) async throws -> EntityRecord {
        if let code {
            guard let record = try await tx.entity(code: code) else {
                let known = try await tx.entities().map(\.entity.code)
                throw DomainError(field: "entity", "unknown entity '\(code)'" + (known.isEmpty ? "" : " (entities: \(known.joined(separator: ", ")))"))
            }
            return record
        }
        let all = try await tx.entities()
        switch all.count {
        case 0: throw DomainError(field: "entity", "this database has no entity yet: create one with `o2c init`")
        case 1: return all[0]
        default: throw DomainError(field: "entity", "this database holds several entities (\(all.map(\.entity.code).joined(separator: ", "))): choose one with --entity")
        }
    }

    public func entities() async throws -> [EntityRecord] {
        try await store.read { tx in try await tx.entities() }
    }

    public func accounts(entity code: String?) async throws -> [Account] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return try await tx.accounts(entityID: entity.id).map(\.account)
        }
    }

    public func addAccount(_ account: Account, entity code: String?) async throws {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            _ = try await tx.insertAccount(account, entityID: entity.id)
        }
    }

    public func updateAccount(_ code: String, name: String?, isActive: Bool?, entity: String?) async throws -> Account {
        try await store.write(actor: actor) { tx in
            let record = try await Self.resolveEntity(entity, tx)
            return try await tx.updateAccount(code: code, entityID: record.id, name: name, isActive: isActive)
        }
    }

    // MARK: Customers (the auxiliary accounts of the ledger)

    public func addCustomer(code: String, name: String) async throws -> CustomerRecord {
        try await store.write(actor: actor) { tx in try await tx.insertCustomer(code: code, name: name) }
    }

    public func customers() async throws -> [CustomerRecord] {
        try await store.read { tx in try await tx.customers() }
    }

    // MARK: Posting

    /// Posts entries a person wrote (a JSON file): every entry is checked against the chart and
    /// the open periods, and they land together or not at all.
    public func postManualEntries(_ data: Data, fileName: String, entity code: String?) async throws -> [PostedEntry] {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let entries = try ManualEntryFile.read(data, fileName: fileName, functionalCurrency: entity.entity.functionalCurrency)
            let chart = Dictionary(uniqueKeysWithValues: try await tx.accounts(entityID: entity.id).map { ($0.account.code, $0.account) })
            var balanced: [BalancedEntry] = []
            for (index, entry) in entries.enumerated() {
                do {
                    balanced.append(try PostingRules.validate(entry.draft, functionalCurrency: entity.entity.functionalCurrency, accounts: chart))
                } catch let error as DomainError {
                    throw entry.locate(error).within(entries.count > 1 ? "[\(index)]" : "")
                }
            }
            do {
                return try await tx.post(balanced, into: entity, source: .manual)
            } catch let error as DomainError {
                // Errors found by the store name `entries[i].lines[j]…`: point at the file.
                if let match = error.field.firstMatch(of: /^entries\[([0-9]+)\]\.(.*)$/), let index = Int(match.1), index < entries.count {
                    var inner = error
                    inner.field = String(match.2)
                    throw entries[index].locate(inner).within("[\(index)]")
                }
                throw entries.count == 1 ? entries[0].locate(error) : error
            }
        }
    }

    /// Posts entries built by a use case (the demo, invoicing, cash application).
    @discardableResult
    public func post(_ drafts: [JournalEntryDraft], entity code: String?, source: EntrySource) async throws -> [PostedEntry] {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let chart = Dictionary(uniqueKeysWithValues: try await tx.accounts(entityID: entity.id).map { ($0.account.code, $0.account) })
            let balanced = try drafts.enumerated().map { index, draft in
                do { return try PostingRules.validate(draft, functionalCurrency: entity.entity.functionalCurrency, accounts: chart) } catch let error as DomainError {
                    throw drafts.count > 1 ? error.within("entries[\(index)]") : error
                }
            }
            return try await tx.post(balanced, into: entity, source: source)
        }
    }

    /// Cancels a posted entry with a reversing entry that points at it. The reversal is dated
    /// `date`, or the original's date when its month is still open, or today (in the entity's
    /// zone) when it is closed: a closed month is corrected in an open one.
    public func reverse(_ number: String, on date: BusinessDate?, reason: String?, entity code: String?) async throws -> PostedEntry {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            guard let original = try await tx.entry(number: number, entityID: entity.id) else {
                throw DomainError(field: "entry", "no entry \(number) in \(entity.entity.code)")
            }
            if let by = original.reversedByEntryID {
                let reversal = try await tx.entries(entityID: entity.id, ids: [by]).first
                throw DomainError(field: "entry", "\(number) is already reversed by \(reversal?.number ?? "entry #\(by)")")
            }
            if original.reversesEntryID != nil {
                throw DomainError(field: "entry", "\(number) is itself a reversal; post the original entry again instead of reversing a reversal")
            }
            // Cash application keeps its allocations beside its entries: undo it with its own command.
            if original.source == EntrySource.bank.rawValue {
                throw DomainError(field: "entry", "\(number) books bank lines' cash: undo a line's allocations with `o2c cash unallocate BANK-REFERENCE --reason …` (`o2c cash allocations` lists them)")
            }
            let closedThrough = try await tx.closedThrough(entityID: entity.id)
            let timeZone = TimeZone(identifier: entity.entity.timeZone) ?? TimeZone(identifier: "UTC")!
            let isClosed = closedThrough.map { original.date.period <= $0 } ?? false
            let when = date ?? (isClosed ? BusinessDate.today(in: timeZone) : original.date)
            if when < original.date {
                throw DomainError(field: "date", "a reversal cannot be dated before the entry it reverses (\(original.date))")
            }
            let description = reason.map { "Reversal of \(original.number): \($0)" }
            let reversal = try original.reversal(on: when, description: description)
            return try await tx.post([reversal], into: entity, source: .reversal, reversing: [original.id])[0]
        }
    }

    public func entry(_ number: String, entity code: String?) async throws -> PostedEntry {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            guard let entry = try await tx.entry(number: number, entityID: entity.id) else {
                throw DomainError(field: "entry", "no entry \(number) in \(entity.entity.code)")
            }
            return entry
        }
    }

    public func journal(entity code: String?, through: BusinessDate? = nil) async throws -> (EntityRecord, [PostedEntry]) {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return (entity, try await tx.entries(entityID: entity.id, through: through))
        }
    }

    // MARK: Periods

    public func closePeriod(_ period: Period, entity code: String?) async throws {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            // A month is closed once it has ended: what is booked "in the first open month" after
            // it must not land on a day that has not come.
            let today = Self.today(entity)
            guard period.lastDay < today else {
                throw DomainError(field: "period", "\(period) ends on \(period.lastDay): a month is closed once it has ended (today is \(today) in \(entity.entity.code))")
            }
            try await tx.closePeriod(period, entityID: entity.id, entityCode: entity.entity.code)
        }
    }

    public func closedPeriods(entity code: String?) async throws -> [Period] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return try await tx.closedPeriods(entityID: entity.id)
        }
    }

    // MARK: Reports and exports

    public func trialBalance(asOf: BusinessDate, entity code: String?) async throws -> TrialBalance {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return try await tx.trialBalance(entity: entity, asOf: asOf)
        }
    }

    public func customerBalances(asOf: BusinessDate, entity code: String?) async throws -> (EntityRecord, [CustomerBalance]) {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return (entity, try await tx.customerBalances(entity: entity, asOf: asOf))
        }
    }

    /// The entity's books in beancount syntax, from one consistent read.
    public func beancount(entity code: String?) async throws -> (EntityRecord, String) {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            let accounts = try await tx.accounts(entityID: entity.id).map(\.account)
            let entries = try await tx.entries(entityID: entity.id)
            return (entity, BeancountWriter(entity: entity.entity, accounts: accounts).write(entries))
        }
    }

    public func auditTrail(subjectType: String?, subjectID: String?, limit: Int) async throws -> [AuditRecord] {
        try await store.read { tx in try await tx.auditTrail(subjectType: subjectType, subjectID: subjectID, limit: limit) }
    }
}
