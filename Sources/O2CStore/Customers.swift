import Foundation
import SQLKit
import O2CDomain

extension Transaction {
    /// Customers with their contacts, payer aliases and bank accounts: all of them, or those with
    /// the given codes. By code.
    public func loadCustomers(codes: [String]? = nil) async throws -> [String: (id: Int64, customer: Customer)] {
        var filter: SQLQueryString = "1 = 1"
        if let codes {
            guard !codes.isEmpty else { return [:] }
            var result: [String: (id: Int64, customer: Customer)] = [:]
            if codes.count > 500 {
                for start in stride(from: 0, to: codes.count, by: 500) {
                    result.merge(try await loadCustomers(codes: Array(codes[start..<min(start + 500, codes.count)]))) { a, _ in a }
                }
                return result
            }
            filter = "c.code IN (\(binds: codes.map { $0 as any Encodable & Sendable }))"
        }
        var byID: [Int64: Customer] = [:]
        for row in try await sql.raw("SELECT c.* FROM customers c WHERE \(filter)").all() {
            let id = try row.decode(column: "id", as: Int64.self)
            byID[id] = try Self.customer(from: row)
        }
        guard !byID.isEmpty else { return [:] }
        for row in try await sql.raw("""
            SELECT x.* FROM customer_contacts x JOIN customers c ON c.id = x.customer_id WHERE \(filter) ORDER BY x.customer_id, x.position
            """).all() {
            let id = try row.decode(column: "customer_id", as: Int64.self)
            byID[id]?.contacts.append(Contact(
                role: ContactRole(rawValue: try row.decode(column: "role", as: String.self)) ?? .invoicing,
                name: try row.decode(column: "name", as: String?.self), email: try row.decode(column: "email", as: String.self),
                phone: try row.decode(column: "phone", as: String?.self), isPrimary: try row.decode(column: "is_primary", as: Int.self) != 0))
        }
        for row in try await sql.raw("""
            SELECT x.customer_id, x.alias FROM customer_payer_aliases x JOIN customers c ON c.id = x.customer_id WHERE \(filter) ORDER BY x.customer_id, x.position
            """).all() {
            byID[try row.decode(column: "customer_id", as: Int64.self)]?.payerAliases.append(try row.decode(column: "alias", as: String.self))
        }
        for row in try await sql.raw("""
            SELECT x.customer_id, x.account_number FROM customer_bank_accounts x JOIN customers c ON c.id = x.customer_id WHERE \(filter) ORDER BY x.customer_id, x.position
            """).all() {
            byID[try row.decode(column: "customer_id", as: Int64.self)]?.bankAccounts.append(try row.decode(column: "account_number", as: String.self))
        }
        return Dictionary(uniqueKeysWithValues: byID.map { ($0.value.code, ($0.key, $0.value)) })
    }

    static func customer(from row: any SQLRow) throws -> Customer {
        func text(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
        let currency = try text("currency").map { code throws(DomainError) in try Currency(code: code) }
        var billTo: PostalAddress?
        if let country = try text("country") {
            billTo = PostalAddress(line1: try text("address_line1") ?? "", line2: try text("address_line2"), city: try text("city") ?? "",
                                   region: try text("region") ?? "", postalCode: try text("postal_code") ?? "", country: country)
        }
        var delivery: InvoiceDelivery?
        if let email = try text("delivery_email") { delivery = .email(email) } else if let portal = try text("delivery_portal") { delivery = .portal(portal) }
        return Customer(
            code: try row.decode(column: "code", as: String.self), legalName: try row.decode(column: "name", as: String.self),
            displayName: try text("display_name"), kind: CustomerKind(rawValue: try text("kind") ?? "") ?? .advertiser,
            parentCode: try text("parent_code"), billTo: billTo, currency: currency,
            paymentTerms: try text("payment_terms").map { t throws(DomainError) in try PaymentTerms(parsing: t) },
            language: try text("language").flatMap(Language.init(rawValue:)),
            taxStatus: TaxStatus(rawValue: try text("tax_status") ?? "") ?? .taxable,
            gstHstNumber: try text("gst_hst_number"), qstNumber: try text("qst_number"), exemptionNumber: try text("exemption_number"),
            delivery: delivery, poRequired: try row.decode(column: "po_required", as: Int.self) != 0,
            creditLimit: try currency.flatMap { c in try row.decode(column: "credit_limit_minor", as: Int64?.self).map { Money(minorUnits: $0, currency: c) } },
            creditHold: try row.decode(column: "credit_hold", as: Int.self) != 0,
            salesOwner: try text("sales_owner"), accountManager: try text("account_manager"))
    }

    /// Creates or updates a customer, replacing its contacts, aliases and bank accounts, and
    /// records the change (the whole record before and after) in the audit trail.
    @discardableResult
    public func saveCustomer(_ customer: Customer, existing: (id: Int64, customer: Customer)?) async throws -> Int64 {
        try customer.validate()
        if let existing, existing.customer == customer { return existing.id }
        let c = customer
        let deliveryEmail: String? = if case .email(let e) = c.delivery { e } else { nil }
        let deliveryPortal: String? = if case .portal(let p) = c.delivery { p } else { nil }
        let id: Int64
        if let existing {
            id = existing.id
            try await sql.raw("""
                UPDATE customers SET name = \(bind: c.legalName), display_name = \(bind: c.displayName), kind = \(bind: c.kind.rawValue),
                  parent_code = \(bind: c.parentCode), currency = \(bind: c.currency?.code), payment_terms = \(bind: c.paymentTerms?.description),
                  language = \(bind: c.language?.rawValue), address_line1 = \(bind: c.billTo?.line1), address_line2 = \(bind: c.billTo?.line2),
                  city = \(bind: c.billTo?.city), region = \(bind: c.billTo?.region), postal_code = \(bind: c.billTo?.postalCode),
                  country = \(bind: c.billTo?.country), tax_status = \(bind: c.taxStatus.rawValue), gst_hst_number = \(bind: c.gstHstNumber),
                  qst_number = \(bind: c.qstNumber), exemption_number = \(bind: c.exemptionNumber), delivery_email = \(bind: deliveryEmail),
                  delivery_portal = \(bind: deliveryPortal), po_required = \(bind: c.poRequired ? 1 : 0),
                  credit_limit_minor = \(bind: c.creditLimit?.minorUnits), credit_hold = \(bind: c.creditHold ? 1 : 0),
                  sales_owner = \(bind: c.salesOwner), account_manager = \(bind: c.accountManager), updated_at = \(bind: timestamp)
                WHERE id = \(bind: id)
                """).run()
            for table in ["customer_contacts", "customer_payer_aliases", "customer_bank_accounts"] {
                try await sql.raw("DELETE FROM \(ident: table) WHERE customer_id = \(bind: id)").run()
            }
        } else {
            id = try await insertReturningID("""
                INSERT INTO customers (code, name, created_at, display_name, kind, parent_code, currency, payment_terms, language,
                  address_line1, address_line2, city, region, postal_code, country, tax_status, gst_hst_number, qst_number,
                  exemption_number, delivery_email, delivery_portal, po_required, credit_limit_minor, credit_hold, sales_owner,
                  account_manager, updated_at)
                VALUES (\(bind: c.code), \(bind: c.legalName), \(bind: timestamp), \(bind: c.displayName), \(bind: c.kind.rawValue),
                  \(bind: c.parentCode), \(bind: c.currency?.code), \(bind: c.paymentTerms?.description), \(bind: c.language?.rawValue),
                  \(bind: c.billTo?.line1), \(bind: c.billTo?.line2), \(bind: c.billTo?.city), \(bind: c.billTo?.region),
                  \(bind: c.billTo?.postalCode), \(bind: c.billTo?.country), \(bind: c.taxStatus.rawValue), \(bind: c.gstHstNumber),
                  \(bind: c.qstNumber), \(bind: c.exemptionNumber), \(bind: deliveryEmail), \(bind: deliveryPortal),
                  \(bind: c.poRequired ? 1 : 0), \(bind: c.creditLimit?.minorUnits), \(bind: c.creditHold ? 1 : 0), \(bind: c.salesOwner),
                  \(bind: c.accountManager), \(bind: timestamp))
                """)
        }
        for (position, contact) in c.contacts.enumerated() {
            try await sql.raw("""
                INSERT INTO customer_contacts (customer_id, role, name, email, phone, is_primary, position)
                VALUES (\(bind: id), \(bind: contact.role.rawValue), \(bind: contact.name), \(bind: contact.email), \(bind: contact.phone),
                        \(bind: contact.isPrimary ? 1 : 0), \(bind: position))
                """).run()
        }
        for (position, alias) in c.payerAliases.enumerated() {
            try await sql.raw("""
                INSERT INTO customer_payer_aliases (customer_id, alias, normalized, position)
                VALUES (\(bind: id), \(bind: alias), \(bind: Customer.normalizedPayerName(alias)), \(bind: position))
                """).run()
        }
        for (position, account) in c.bankAccounts.enumerated() {
            if let owner = try await sql.raw("""
                SELECT c.code FROM customer_bank_accounts b JOIN customers c ON c.id = b.customer_id WHERE b.account_number = \(bind: account)
                """).first()?.decode(column: "code", as: String.self) {
                throw DomainError(field: "bank_accounts", "bank account \(account) already pays for customer \(owner)")
            }
            try await sql.raw("""
                INSERT INTO customer_bank_accounts (customer_id, account_number, position) VALUES (\(bind: id), \(bind: account), \(bind: position))
                """).run()
        }
        try await audit(existing == nil ? "customer.create" : "customer.update", subject: "customer", id: c.code, entityID: nil,
                        before: existing?.customer, after: c)
        return id
    }
}
