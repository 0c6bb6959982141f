import Foundation
import O2CDomain
import O2CStore

/// What a lettering run found: groups lettered, and groups still partly open.
public struct LetteringRun: Sendable {
    public struct Group: Sendable, Hashable, Codable {
        public var customer: String
        public var code: String?
        public var items: [String]
        /// What is still open on the group's invoices (0 when lettered), in `currency`.
        public var open: Int64
        /// The credit still left on the group's items (0 when none), in `currency`: open credit
        /// notes, and invoices paid then credited.
        public var creditLeft: Int64 = 0
        /// The currency of what is open (null when lettered).
        public var currency: String?

        public init(customer: String, code: String?, items: [String], open: Int64, creditLeft: Int64 = 0, currency: String?) {
            self.customer = customer
            self.code = code
            self.items = items
            self.open = open
            self.creditLeft = creditLeft
            self.currency = currency
        }

        // Null written out, not left out: a reader finds every field.
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(customer, forKey: .customer); try c.encode(code, forKey: .code); try c.encode(items, forKey: .items)
            try c.encode(open, forKey: .open); try c.encode(creditLeft, forKey: .creditLeft); try c.encode(currency, forKey: .currency)
        }
    }
    public var lettered: [Group] = []
    public var partial: [Group] = []
}

/// A customer's items that settle each other, in whole or in part, not lettered yet.
struct SettlementGroup {
    var customer: String
    var customerID: Int64
    /// As people know them: `invoice:INV-…`, `bank-line:REF`, `credit-note:…`, `write-off:…`.
    var members: [String]
    var items: [(kind: String, id: Int64)]
    var stillOpen: Int64
    /// Credit left on its items (positive): open credit notes, invoices paid then credited.
    var creditLeft: Int64
    var currency: Currency?
    /// Every invoice settled, and no payment of the group left cash on the account.
    var settled: Bool
    /// Items lettered before the group grew (an invoice credited, or its credit paid back, after
    /// it was lettered): that lettering no longer says what settles what.
    var stale: [(kind: String, id: Int64)] = []
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
            var run = LetteringRun()
            for group in try await Self.settlementGroups(entityID: entity.id, tx) {
                // A lettering of some of its items, made before the group grew, is taken off (audited).
                if !group.stale.isEmpty {
                    let removed = try await tx.removeLetterings(holding: group.stale, entityID: entity.id)
                    for code in removed {
                        try await tx.audit("lettering.remove", subject: "customer", id: group.customer, entityID: entity.id, before: ["code": code],
                                           after: ["reason": "items joined the group since: \(group.members.joined(separator: ","))"])
                    }
                }
                if group.settled {
                    let code = try await tx.letter(customerID: group.customerID, items: group.items, on: Self.today(entity), entityID: entity.id)
                    run.lettered.append(.init(customer: group.customer, code: code, items: group.members, open: 0, currency: nil))
                    try await tx.audit("lettering.add", subject: "customer", id: group.customer, entityID: entity.id, before: nil as String?,
                                       after: ["code": code, "items": group.members.joined(separator: ",")])
                } else {
                    run.partial.append(.init(customer: group.customer, code: nil, items: group.members, open: group.stillOpen, creditLeft: group.creditLeft, currency: group.currency?.code))
                }
            }
            return run
        }
    }

    /// Partial lettering: the groups of items that settle each other in part, with what is still
    /// open on their invoices (what `lettering run` leaves unlettered).
    public func partialLetterings(customer: String?, entity code: String?) async throws -> [LetteringRun.Group] {
        try await store.read { tx in
            let entity = try await Self.resolveEntity(code, tx)
            return try await Self.settlementGroups(entityID: entity.id, tx)
                .filter { !$0.settled && (customer == nil || $0.customer == customer) }
                .map { .init(customer: $0.customer, code: nil, items: $0.members, open: $0.stillOpen, creditLeft: $0.creditLeft, currency: $0.currency?.code) }
        }
    }

    /// The groups of a customer's items joined by what settles them, items already lettered aside.
    static func settlementGroups(entityID: Int64, _ tx: Transaction) async throws -> [SettlementGroup] {
        let links = try await tx.settlementLinks(entityID: entityID)
        let lettered = try await tx.letteredItems(entityID: entityID)
        let unapplied = try await tx.linesWithUnapplied(entityID: entityID)
        let ids = try await tx.itemIDs(entityID: entityID)
        let refundLinks = try await tx.refundLinks(entityID: entityID)
        let customers = try await tx.customers(codes: Set(links.map(\.customer) + refundLinks.map(\.customer)))

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
        var currencies: [String: Currency] = [:]
        var owner: [String: String] = [:]
        for link in links {
            let invoice = link.item
            // A payment for several customers settles each one's items apart: one node per account.
            union(invoice, link.source.hasPrefix("bank-line:") ? "\(link.source)@\(link.customer)" : link.source)
            open[invoice] = link.invoiceOpen
            if let currency = link.currency { currencies[invoice] = currency }
            owner[invoice] = link.customer
        }
        // A refund joins the payment whose cash on the account it paid back (a duplicate payment
        // refunded settles with no invoice at all).
        var refunded: [String: String] = [:]
        for link in refundLinks {
            union("bank-line:\(link.source)@\(link.customer)", "bank-line:\(link.refund)@\(link.customer)")
            refunded["bank-line:\(link.refund)@\(link.customer)"] = link.customer
        }
        var groups: [String: [String]] = [:]
        for node in parent.keys { groups[find(node), default: []].append(node) }
        var found: [SettlementGroup] = []
        for members in groups.values.map({ $0.sorted() }).sorted(by: { $0[0] < $1[0] }) {
            // The items with a balance of their own: invoices, and open credit notes of no invoice.
            let invoices = members.filter { open[$0] != nil }
            let customerSet = Set(invoices.compactMap { owner[$0] } + members.compactMap { refunded[$0] })
            guard customerSet.count == 1, let customer = customerSet.first, let customerID = customers[customer]?.id else { continue }
            let items: [(kind: String, id: Int64)] = members.compactMap { member in
                let parts = member.split(separator: ":", maxSplits: 1).map(String.init)
                switch parts[0] {
                case "invoice", "write-off": return ids.invoices[parts[1]].map { (parts[0], $0) }
                case "credit-note": return ids.invoices[parts[1]].map { ("credit-note", $0) }
                case "bank-line": return ids.lines[String(parts[1][..<(parts[1].lastIndex(of: "@") ?? parts[1].endIndex)])].map { ("bank-line", $0) }
                default: return nil
                }
            }
            // Items already lettered stay as they are, unless the group has grown since.
            let stale = items.filter { lettered.contains("\(customerID)/\($0.kind):\($0.id)") }
            guard stale.count < items.count else { continue }
            // Settled only when nothing is open on any item: an invoice's 50.00 and a credit
            // note's 50.00 of credit left do not letter each other.
            let stillOpen = invoices.reduce(Int64(0)) { $0 + max(0, open[$1] ?? 0) }
            let creditLeft = invoices.reduce(Int64(0)) { $0 - min(0, open[$1] ?? 0) }
            let nothingOpen = invoices.allSatisfy { open[$0] == 0 }
            let cashLeft = members.contains { $0.hasPrefix("bank-line:") && unapplied.contains(String($0.dropFirst("bank-line:".count))) }
            found.append(SettlementGroup(
                customer: customer, customerID: customerID,
                // Named as people know them: `bank-line:REF`.
                members: members.map { $0.hasPrefix("bank-line:") ? String($0[..<($0.lastIndex(of: "@") ?? $0.endIndex)]) : $0 },
                items: items, stillOpen: stillOpen, creditLeft: creditLeft, currency: invoices.lazy.compactMap { currencies[$0] }.first,
                settled: nothingOpen && !cashLeft, stale: stale))
        }
        return found
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
