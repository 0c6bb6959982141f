import Foundation
import O2CDomain
import O2CStore

/// What a lettering run found: groups lettered, and groups still partly open.
public struct LetteringRun: Sendable {
    public struct Group: Sendable, Hashable, Codable {
        public var customer: String
        public var code: String?
        public var items: [String]
        /// What is still open on the group's invoices (0 when lettered).
        public var open: Int64
    }
    public var lettered: [Group] = []
    public var partial: [Group] = []
}

extension Books {
    /// Letters every group of a customer's items that settle each other: invoices fully settled,
    /// with every payment, credit note and write-off that settled them, and no payment that left
    /// cash unapplied. Each group gets the account's next code (AA, AB, …). Groups still partly
    /// open are reported, not lettered.
    public func letterAccounts(entity code: String?) async throws -> LetteringRun {
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(code, tx)
            try await tx.lockCashApplication(entityID: entity.id)
            let links = try await tx.settlementLinks(entityID: entity.id)
            let lettered = try await tx.letteredItems(entityID: entity.id)
            let unapplied = try await tx.linesWithUnapplied(entityID: entity.id)
            let ids = try await tx.itemIDs(entityID: entity.id)
            let customers = try await tx.customers(codes: Set(links.map(\.customer)))

            // Groups: invoices joined by what settles them (union-find over item names).
            var parent: [String: String] = [:]
            func find(_ x: String) -> String {
                var root = x
                while let next = parent[root], next != root { root = next }
                parent[x] = root
                return root
            }
            func union(_ a: String, _ b: String) {
                if parent[a] == nil { parent[a] = a }
                if parent[b] == nil { parent[b] = b }
                let (ra, rb) = (find(a), find(b))
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            }
            var open: [String: Int64] = [:]
            var owner: [String: String] = [:]
            for link in links {
                let invoice = "invoice:\(link.invoice)"
                // A payment for several customers settles each one's items apart: one node per account.
                union(invoice, link.source.hasPrefix("bank-line:") ? "\(link.source)@\(link.customer)" : link.source)
                open[invoice] = link.invoiceOpen
                owner[invoice] = link.customer
            }
            var groups: [String: [String]] = [:]
            for node in parent.keys { groups[find(node), default: []].append(node) }
            var run = LetteringRun()
            for members in groups.values.map({ $0.sorted() }).sorted(by: { $0[0] < $1[0] }) {
                let invoices = members.filter { $0.hasPrefix("invoice:") }
                let customerSet = Set(invoices.compactMap { owner[$0] })
                guard customerSet.count == 1, let customer = customerSet.first, let customerID = customers[customer]?.id else { continue }
                // Items already lettered stay as they are.
                let items: [(kind: String, id: Int64)] = members.compactMap { member in
                    let parts = member.split(separator: ":", maxSplits: 1).map(String.init)
                    switch parts[0] {
                    case "invoice", "write-off": return ids.invoices[parts[1]].map { (parts[0], $0) }
                    case "credit-note": return ids.invoices[parts[1]].map { ("credit-note", $0) }
                    case "bank-line": return ids.lines[String(parts[1][..<(parts[1].lastIndex(of: "@") ?? parts[1].endIndex)])].map { ("bank-line", $0) }
                    default: return nil
                    }
                }
                guard !items.contains(where: { lettered.contains("\(customerID)/\($0.kind):\($0.id)") }) else { continue }
                let stillOpen = invoices.reduce(Int64(0)) { $0 + (open[$1] ?? 0) }
                let cashLeft = members.contains { $0.hasPrefix("bank-line:") && unapplied.contains(String($0.dropFirst("bank-line:".count))) }
                // Named as people know them: `bank-line:REF`.
                let members = members.map { $0.hasPrefix("bank-line:") ? String($0[..<($0.lastIndex(of: "@") ?? $0.endIndex)]) : $0 }
                if stillOpen == 0 && !cashLeft {
                    let code = try await tx.letter(customerID: customerID, items: items, on: Self.today(entity), entityID: entity.id)
                    run.lettered.append(.init(customer: customer, code: code, items: members, open: 0))
                    try await tx.audit("lettering.add", subject: "customer", id: customer, entityID: entity.id, before: nil as String?,
                                       after: ["code": code, "items": members.joined(separator: ",")])
                } else {
                    run.partial.append(.init(customer: customer, code: nil, items: members, open: stillOpen))
                }
            }
            return run
        }
    }

    public func letterings(customer: String?, entity code: String?) async throws -> [LetteringRecord] {
        try await store.read { tx in try await tx.letterings(entityID: try await Self.resolveEntity(code, tx).id, customer: customer) }
    }

    /// Removes a lettering, with a reason (audited): its items may be lettered again.
    public func unletter(_ code: String, customer: String, reason: String, entity: String?) async throws {
        guard reason.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "--reason", "say why the lettering is removed") }
        try await store.write(actor: actor) { tx in
            let entity = try await Self.resolveEntity(entity, tx)
            guard let record = try await tx.customers(codes: [customer])[customer] else { throw DomainError(field: "--customer", "unknown customer '\(customer)'") }
            try await tx.unletter(code: code, customerID: record.id, entityID: entity.id)
            try await tx.audit("lettering.remove", subject: "customer", id: customer, entityID: entity.id, before: ["code": code], after: ["reason": reason])
        }
    }
}
