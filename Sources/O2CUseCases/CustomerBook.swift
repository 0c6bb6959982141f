import Foundation
import O2CDomain
import O2CFormats
import O2CStore

/// What a customer import did.
public struct CustomerImportSummary: Sendable, Equatable {
    public var created: [String] = []
    public var updated: [String] = []
    public var unchanged: [String] = []
}

/// A customer found incomplete, with what it lacks before it can be invoiced.
public struct IncompleteCustomer: Sendable, Equatable {
    public let code: String
    public let name: String
    public let missing: [String]
}

extension Books {
    /// Upserts customers from a CSV file by code, in one transaction. Every bad row is reported
    /// (line, column, why) and then nothing is imported.
    public func importCustomers(_ data: Data, fileName: String) async throws -> CustomerImportSummary {
        let rows = try CustomerFile.read(data, fileName: fileName)
        return try await store.write(actor: actor) { tx in
            let existing = try await tx.loadCustomers(codes: rows.map(\.code))
            var errors: [DomainError] = []
            var updates: [(row: CustomerFile.Row, customer: Customer)] = []
            for row in rows {
                switch CustomerFile.apply(row, to: existing[row.code]?.customer, fileName: fileName) {
                case .success(let customer): updates.append((row, customer))
                case .failure(let failure): errors += failure.errors
                }
            }
            // Across rows: parents must exist, a bank account pays for one customer.
            let codesInFile = Set(updates.map(\.customer.code))
            let parents = Set(updates.compactMap(\.customer.parentCode)).subtracting(codesInFile)
            let knownParents = try await tx.customers(codes: parents)
            var accountOwner: [String: String] = [:]
            for (row, customer) in updates {
                if let parent = customer.parentCode, !codesInFile.contains(parent), knownParents[parent] == nil {
                    errors.append(DomainError(field: "parent", "unknown customer '\(parent)'", location: "\(fileName):\(row.line)"))
                }
                for account in customer.bankAccounts {
                    if let other = accountOwner[account], other != customer.code {
                        errors.append(DomainError(field: "bank_accounts", "bank account \(account) is also given to \(other)", location: "\(fileName):\(row.line)"))
                    }
                    accountOwner[account] = customer.code
                }
            }
            if !errors.isEmpty { throw FileErrors(errors.sorted { ($0.location ?? "") < ($1.location ?? "") }) }
            var summary = CustomerImportSummary()
            for (row, customer) in updates {
                let before = existing[customer.code]
                do {
                    if before?.customer == customer { summary.unchanged.append(customer.code); continue }
                    try await tx.saveCustomer(customer, existing: before)
                    if before == nil { summary.created.append(customer.code) } else { summary.updated.append(customer.code) }
                } catch let error as DomainError {
                    throw FileErrors([error.at("\(fileName):\(row.line)")])
                }
            }
            return summary
        }
    }

    public func exportCustomers() async throws -> String {
        try await store.read { tx in
            CustomerFile.write(try await tx.loadCustomers().values.map(\.customer).sorted { $0.code < $1.code })
        }
    }

    public func allCustomers() async throws -> [Customer] {
        try await store.read { tx in try await tx.loadCustomers().values.map(\.customer).sorted { $0.code < $1.code } }
    }

    /// Every customer that cannot be invoiced yet, with what it lacks.
    public func incompleteCustomers() async throws -> [IncompleteCustomer] {
        try await allCustomers().compactMap { c in
            let missing = c.missingForInvoicing
            return missing.isEmpty ? nil : IncompleteCustomer(code: c.code, name: c.legalName, missing: missing)
        }
    }

    /// One customer and the history of its changes (oldest first).
    public func customer(_ code: String) async throws -> (Customer, [AuditRecord]) {
        try await store.read { tx in
            guard let found = try await tx.loadCustomers(codes: [code])[code] else {
                throw DomainError(field: "customer", "unknown customer '\(code)'")
            }
            return (found.customer, try await tx.auditTrail(subjectType: "customer", subjectID: code, limit: 10_000))
        }
    }

    /// Saves a customer edited by a person (the web form, the demo).
    public func saveCustomer(_ customer: Customer) async throws {
        try await store.write(actor: actor) { tx in
            let existing = try await tx.loadCustomers(codes: [customer.code])[customer.code]
            try await tx.saveCustomer(customer, existing: existing)
        }
    }
}

/// The fields that differ between two JSON records of the audit trail, for showing history.
public func changedFields(before: String?, after: String?) -> [String] {
    func object(_ text: String?) -> [String: Any] {
        guard let text, let data = text.data(using: .utf8),
              let value = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return value
    }
    // NB: compare canonical JSON, not descriptions: a dictionary's description has no fixed order.
    func canonical(_ value: Any?) -> Data? {
        guard let value else { return nil }
        return try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys, .fragmentsAllowed])
    }
    let a = object(before), b = object(after)
    return Set(a.keys).union(b.keys).sorted().filter { canonical(a[$0]) != canonical(b[$0]) }
}
