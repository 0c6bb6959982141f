import Foundation
import O2CDomain

/// The customer CSV of `o2c customers import` and `export` (columns in docs/customers.md).
///
/// A row updates the customer with its code: the columns present in the file are set (an empty
/// cell clears an optional field), columns absent from the file leave the customer as it was.
public enum CustomerFile {
    public static let columns = [
        "code", "legal_name", "display_name", "kind", "parent", "currency", "payment_terms", "payment_terms_days", "language",
        "address_line1", "address_line2", "city", "region", "postal_code", "country",
        "tax_status", "gst_hst_number", "qst_number", "exemption_number",
        "delivery_email", "portal", "invoicing_name", "invoicing_email", "reminder_name", "reminder_email",
        "escalation_name", "escalation_email", "po_required", "credit_limit", "credit_hold", "sales_owner", "account_manager",
        "payer_aliases", "bank_accounts",
    ]

    /// One row: the customer's code and its cells, with where it stands in the file.
    public struct Row: Sendable {
        public let code: String
        public let line: Int
        public let cells: [String: String]
    }

    /// Reads and checks the file's shape; every problem is reported.
    public static func read(_ data: Data, fileName: String) throws -> [Row] {
        let table: CSVTable
        do {
            table = try CSVTable(data, fileName: fileName)
        } catch {
            throw FileErrors([error])
        }
        var errors: [DomainError] = []
        guard table.header.contains("code") else { throw FileErrors([DomainError(field: "code", "the header needs a code column", location: "\(fileName):1")]) }
        for name in table.header where !columns.contains(name) {
            errors.append(DomainError(field: name, "unknown column (columns: docs/customers.md)", location: "\(fileName):1"))
        }
        var rows: [Row] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let cells = table.row(record)
            let code = cells["code"] ?? ""
            if code.isEmpty { errors.append(DomainError(field: "code", "empty", location: "\(fileName):\(record.line)")); continue }
            if let first = seen[code] {
                errors.append(DomainError(field: "code", "\(code) appears again (first on line \(first))", location: "\(fileName):\(record.line)"))
                continue
            }
            seen[code] = record.line
            rows.append(Row(code: code, line: record.line, cells: cells))
        }
        if !errors.isEmpty { throw FileErrors(errors) }
        return rows
    }

    /// The customer after this row: `existing` updated, or a new customer. Every cell is checked
    /// and every problem reported, each naming its column.
    public static func apply(_ row: Row, to existing: Customer?, fileName: String) -> Result<Customer, FileErrors> {
        var errors: [DomainError] = []
        let at = "\(fileName):\(row.line)"
        func fail(_ column: String, _ message: String) { errors.append(DomainError(field: column, message, location: at)) }
        let cells = row.cells
        func cell(_ name: String) -> String?? {
            guard let value = cells[name] else { return .none }  // column absent: leave as is
            return .some(value.isEmpty ? nil : value)
        }
        var c = existing ?? Customer(code: row.code, legalName: "")

        if let v = cell("legal_name") { if let v { c.legalName = v } else { fail("legal_name", "a customer needs a legal name") } }
        if existing == nil && c.legalName.isEmpty && cells["legal_name"] == nil { fail("legal_name", "a new customer needs a legal name") }
        if let v = cell("display_name") { c.displayName = v }
        if let v = cell("kind") {
            if let v { if let k = CustomerKind(rawValue: v.lowercased()) { c.kind = k } else { fail("kind", "'\(v)' is not advertiser or agency") } }
            else { c.kind = .advertiser }
        }
        if let v = cell("parent") { c.parentCode = v }
        if let v = cell("currency") {
            if let v { do { c.currency = try Currency(code: v) } catch { fail("currency", error.message) } } else { c.currency = nil }
        }
        if let v = cell("payment_terms") {
            if let v { do { c.paymentTerms = try PaymentTerms(parsing: v) } catch { fail("payment_terms", error.message) } } else { c.paymentTerms = nil }
        }
        if let v = cell("payment_terms_days") {
            if let v {
                if let days = Int(v), (0...365).contains(days) { c.paymentTerms = days == 0 ? .dueOnReceipt : .net(days) }
                else { fail("payment_terms_days", "'\(v)' is not a number of days (0–365)") }
            } else { c.paymentTerms = nil }
        }
        if let v = cell("language") {
            if let v { if let l = Language(rawValue: v.lowercased()) { c.language = l } else { fail("language", "'\(v)' is not an ISO 639-1 language code (en, fr, de…)") } }
            else { c.language = nil }
        }
        // The address: any of its columns updates it.
        let addressColumns = ["address_line1", "address_line2", "city", "region", "postal_code", "country"]
        if addressColumns.contains(where: { cells[$0] != nil }) {
            var a = c.billTo ?? PostalAddress(line1: "", city: "", region: "", postalCode: "", country: "")
            if let v = cell("address_line1") { a.line1 = v ?? "" }
            if let v = cell("address_line2") { a.line2 = v }
            if let v = cell("city") { a.city = v ?? "" }
            if let v = cell("region") { a.region = (v ?? "").uppercased() }
            if let v = cell("country") { a.country = (v ?? "").uppercased() }
            if let v = cell("postal_code") { a.postalCode = v ?? "" }
            let address = PostalAddress(line1: a.line1, line2: a.line2, city: a.city, region: a.region, postalCode: a.postalCode, country: a.country)
            if !address.country.isEmpty && address.country.count != 2 { fail("country", "'\(address.country)' is not an ISO 3166 two-letter code") }
            if address.country == "CA" && !address.region.isEmpty && Region.canadianProvinces[address.region] == nil {
                fail("region", "'\(address.region)' is not a Canadian province or territory code")
            }
            if address.country == "US" && !address.region.isEmpty && !Region.usStates.contains(address.region) {
                fail("region", "'\(address.region)' is not a US state code")
            }
            if !address.postalCode.isEmpty, address.problems().contains(where: { $0.hasPrefix("bill-to postal code") || $0.hasPrefix("bill-to ZIP") }) {
                fail("postal_code", "'\(address.postalCode)' is not a valid \(address.country == "US" ? "ZIP" : "postal") code for \(address.country)")
            }
            c.billTo = address
        }
        if let v = cell("tax_status"), let v {
            if let t = TaxStatus(rawValue: v.lowercased()) { c.taxStatus = t } else { fail("tax_status", "'\(v)' is not taxable, zero-rated or exempt") }
        } else if existing == nil, let country = c.billTo?.country, !country.isEmpty, country != "CA" {
            // NB: a new customer outside Canada with no tax status given is taken as a
            // non-resident not registered for GST, the usual case for a US advertiser.
            c.taxStatus = .zeroRatedNonResident
        }
        if let v = cell("gst_hst_number") {
            let n = v.map { TaxRegistration(kind: .gstHst, number: $0).number }
            if let n { do { try TaxRegistration(kind: .gstHst, number: n).validate() } catch { fail("gst_hst_number", error.message) } }
            c.gstHstNumber = n
        }
        if let v = cell("qst_number") {
            let n = v.map { TaxRegistration(kind: .qst, number: $0).number }
            if let n { do { try TaxRegistration(kind: .qst, number: n).validate() } catch { fail("qst_number", error.message) } }
            c.qstNumber = n
        }
        if let v = cell("exemption_number") { c.exemptionNumber = v }
        for role in ContactRole.allCases {
            guard let email = cell("\(role.rawValue)_email") else { continue }
            let index = c.contacts.firstIndex { $0.role == role && $0.isPrimary }
            if let email {
                if !isPlausibleEmail(email) { fail("\(role.rawValue)_email", "'\(email)' is not an e-mail address") }
                let name = cells["\(role.rawValue)_name"].flatMap { $0.isEmpty ? nil : $0 }
                let contact = Contact(role: role, name: name, email: email, isPrimary: true)
                if let index { c.contacts[index] = contact } else { c.contacts.append(contact) }
            } else if let index {
                c.contacts.remove(at: index)
            }
        }
        if let v = cell("delivery_email") {
            if let v { if isPlausibleEmail(v) { c.delivery = .email(v) } else { fail("delivery_email", "'\(v)' is not an e-mail address") } }
            else if case .email = c.delivery { c.delivery = nil }
        }
        if let v = cell("portal") {
            if let v { c.delivery = .portal(v) } else if case .portal = c.delivery { c.delivery = nil }
        }
        // NB: invoices go to the invoicing contact unless the file says otherwise.
        if c.delivery == nil, cells["delivery_email"] == nil, cells["portal"] == nil, let invoicing = c.primaryContact(.invoicing) {
            c.delivery = .email(invoicing.email)
        }
        for flag in ["po_required", "credit_hold"] {
            guard let v = cell(flag) else { continue }
            let value: Bool?
            switch v?.lowercased() {
            case nil, "no", "false", "0", "n": value = false
            case "yes", "true", "1", "y": value = true
            default: value = nil; fail(flag, "'\(v!)' is not yes or no")
            }
            if let value { if flag == "po_required" { c.poRequired = value } else { c.creditHold = value } }
        }
        if let v = cell("credit_limit") {
            if let v {
                if let currency = c.currency {
                    do { c.creditLimit = try AmountFormat.parseUnambiguous(v, currency: currency, field: "credit_limit") } catch { fail("credit_limit", error.message) }
                } else { fail("credit_limit", "a credit limit needs the customer's currency") }
            } else { c.creditLimit = nil }
        }
        if let v = cell("sales_owner") { c.salesOwner = v }
        if let v = cell("account_manager") { c.accountManager = v }
        for (column, keyPath) in [("payer_aliases", \Customer.payerAliases), ("bank_accounts", \Customer.bankAccounts)] {
            guard let v = cell(column), let v else { continue }
            for item in v.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty && !c[keyPath: keyPath].contains(item) {
                c[keyPath: keyPath].append(item)
            }
        }
        if errors.isEmpty {
            do { try c.validate() } catch { errors.append(error.at(at)) }
        }
        return errors.isEmpty ? .success(c) : .failure(FileErrors(errors))
    }

    /// Writes customers with every column, so that an export imports back unchanged.
    public static func write(_ customers: [Customer]) -> String {
        let exported = columns.filter { $0 != "payment_terms_days" }
        let rows = customers.map { c -> [String] in
            exported.map { column -> String in
                switch column {
                case "code": c.code
                case "legal_name": c.legalName
                case "display_name": c.displayName ?? ""
                case "kind": c.kind.rawValue
                case "parent": c.parentCode ?? ""
                case "currency": c.currency?.code ?? ""
                case "payment_terms": c.paymentTerms?.description ?? ""
                case "language": c.language?.rawValue ?? ""
                case "address_line1": c.billTo?.line1 ?? ""
                case "address_line2": c.billTo?.line2 ?? ""
                case "city": c.billTo?.city ?? ""
                case "region": c.billTo?.region ?? ""
                case "postal_code": c.billTo?.postalCode ?? ""
                case "country": c.billTo?.country ?? ""
                case "tax_status": c.taxStatus.rawValue
                case "gst_hst_number": c.gstHstNumber ?? ""
                case "qst_number": c.qstNumber ?? ""
                case "exemption_number": c.exemptionNumber ?? ""
                case "delivery_email": if case .email(let e) = c.delivery { e } else { "" }
                case "portal": if case .portal(let p) = c.delivery { p } else { "" }
                case "invoicing_name": c.primaryContact(.invoicing)?.name ?? ""
                case "invoicing_email": c.primaryContact(.invoicing)?.email ?? ""
                case "reminder_name": c.primaryContact(.reminder)?.name ?? ""
                case "reminder_email": c.primaryContact(.reminder)?.email ?? ""
                case "escalation_name": c.primaryContact(.escalation)?.name ?? ""
                case "escalation_email": c.primaryContact(.escalation)?.email ?? ""
                case "po_required": c.poRequired ? "yes" : "no"
                case "credit_limit": c.creditLimit.map { AmountFormat.canonical.format($0) } ?? ""
                case "credit_hold": c.creditHold ? "yes" : "no"
                case "sales_owner": c.salesOwner ?? ""
                case "account_manager": c.accountManager ?? ""
                case "payer_aliases": c.payerAliases.joined(separator: ";")
                case "bank_accounts": c.bankAccounts.joined(separator: ";")
                default: ""
                }
            }
        }
        return CSVWriter.write(header: exported, rows: rows)
    }
}
