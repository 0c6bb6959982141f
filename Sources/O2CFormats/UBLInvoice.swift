import Foundation
import O2CDomain

/// An invoice or credit note as a UBL 2.1 e-invoice following EN 16931 (docs/invoicing.md).
///
/// EN 16931 knows one VAT per line, so Canadian sales taxes map as follows: the positive-rate
/// taxes of an invoice (GST and QST, or HST) form one standard-rated category `S` at their
/// combined rate, their amount the sum of the taxes as booked, each tax named in a note; a
/// zero-rated export is `Z`, an exempt customer `E`, a sale no tax applies to `O`.
public enum UBLInvoice {
    public static func xml(_ document: InvoiceDocument) -> String {
        let xml = XMLText()
        let invoice = document.kind == .invoice
        let root = invoice ? "Invoice" : "CreditNote"
        let currency = document.currency
        let category = Category(document)
        xml.raw(#"<?xml version="1.0" encoding="UTF-8"?>"#)
        xml.open(root, attributes: [
            ("xmlns", "urn:oasis:names:specification:ubl:schema:xsd:\(root)-2"),
            ("xmlns:cac", "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"),
            ("xmlns:cbc", "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"),
        ])
        xml.element("cbc:CustomizationID", "urn:cen.eu:en16931:2017")
        xml.element("cbc:ID", document.number)
        xml.element("cbc:IssueDate", document.issueDate.description)
        if invoice, let due = document.dueDate { xml.element("cbc:DueDate", due.description) }
        xml.element(invoice ? "cbc:InvoiceTypeCode" : "cbc:CreditNoteTypeCode", invoice ? "380" : "381")
        var notes: [String] = []
        if let reason = document.reason { notes.append("Reason: \(reason)") }
        if document.taxes.count > 1 {
            notes.append("Taxes: " + document.taxes.map { "\($0.code) \($0.rate.percentText) = \($0.amount.decimalString) \(currency.code)" }.joined(separator: "; ")
                         + " (combined rate \(category.percent.map { "\($0)%" } ?? ""))")
        }
        if let exemption = category.exemptionReason { notes.append(exemption) }
        for note in notes { xml.element("cbc:Note", note) }
        xml.element("cbc:DocumentCurrencyCode", currency.code)
        xml.element("cbc:BuyerReference", document.poNumber ?? document.ioNumbers.first ?? document.buyer.code)
        xml.group("cac:InvoicePeriod") {
            xml.element("cbc:StartDate", document.period.firstDay.description)
            xml.element("cbc:EndDate", document.period.lastDay.description)
        }
        if let po = document.poNumber { xml.group("cac:OrderReference") { xml.element("cbc:ID", po) } }
        if let credited = document.creditedInvoice {
            xml.group("cac:BillingReference") {
                xml.group("cac:InvoiceDocumentReference") {
                    xml.element("cbc:ID", credited.number)
                    if let date = credited.date { xml.element("cbc:IssueDate", date.description) }
                }
            }
        }
        // The signed IO is the contract (BT-12); a grouped invoice names its IOs in its lines.
        if document.ioNumbers.count == 1 { xml.group("cac:ContractDocumentReference") { xml.element("cbc:ID", document.ioNumbers[0]) } }

        xml.group("cac:AccountingSupplierParty") { party(document.seller, seller: true, category: category, into: xml) }
        xml.group("cac:AccountingCustomerParty") { party(document.buyer, seller: false, category: category, into: xml) }

        if invoice, let bank = document.payTo.first {
            xml.group("cac:PaymentMeans") {
                xml.element("cbc:PaymentMeansCode", "30")
                xml.element("cbc:PaymentID", document.number)
                xml.group("cac:PayeeFinancialAccount") {
                    xml.element("cbc:ID", bank.accountNumber)
                    xml.element("cbc:Name", bank.accountHolder)
                    if let bic = bank.bic { xml.group("cac:FinancialInstitutionBranch") { xml.element("cbc:ID", bic) } }
                }
            }
        }
        xml.group("cac:PaymentTerms") {
            xml.element("cbc:Note", invoice ? DocumentWording(.en).paymentTerms(document.paymentTerms) : "Credited to the customer's account")
        }
        xml.group("cac:TaxTotal") {
            xml.amount("cbc:TaxAmount", document.tax)
            xml.group("cac:TaxSubtotal") {
                xml.amount("cbc:TaxableAmount", document.net)
                xml.amount("cbc:TaxAmount", document.tax)
                category.write("cac:TaxCategory", into: xml, withReason: true)
            }
        }
        xml.group("cac:LegalMonetaryTotal") {
            xml.amount("cbc:LineExtensionAmount", document.net)
            xml.amount("cbc:TaxExclusiveAmount", document.net)
            xml.amount("cbc:TaxInclusiveAmount", document.total)
            xml.amount("cbc:PayableAmount", document.total)
        }
        for line in document.lines {
            xml.group(invoice ? "cac:InvoiceLine" : "cac:CreditNoteLine") {
                xml.element("cbc:ID", String(line.number))
                let unitCode = line.unit == "days of the flight" ? "DAY" : "C62"
                xml.element(invoice ? "cbc:InvoicedQuantity" : "cbc:CreditedQuantity", String(line.quantity), attributes: [("unitCode", unitCode)])
                xml.amount("cbc:LineExtensionAmount", line.amount)
                xml.group("cac:Item") {
                    if !line.detail.isEmpty { xml.element("cbc:Description", line.detail) }
                    xml.element("cbc:Name", line.description)
                    category.write("cac:ClassifiedTaxCategory", into: xml, withReason: false)
                }
                xml.group("cac:Price") {
                    xml.element("cbc:PriceAmount", line.unitRate.normalized.description, attributes: [("currencyID", currency.code)])
                    if line.ratePer > 1 { xml.element("cbc:BaseQuantity", String(line.ratePer), attributes: [("unitCode", unitCode)]) }
                }
            }
        }
        xml.close(root)
        return xml.text
    }

    /// The one VAT category of the document.
    struct Category {
        var id: String
        var percent: ExactDecimal?
        var exemptionReason: String?

        init(_ document: InvoiceDocument) {
            let taxed = document.taxes.filter { !$0.rate.isZero }
            if !taxed.isEmpty {
                id = "S"
                // Rates are fractions (0.09975); the percent is the same digits two places on (9.975).
                percent = ExactDecimal(units: taxed.reduce(Int128(0)) { $0 + $1.rate.rescaled(to: 6) }, scale: 4).normalized
            } else {
                switch document.buyerTaxStatus {
                case .zeroRatedNonResident:
                    id = "Z"; percent = ExactDecimal(0)
                case .exempt:
                    id = "E"; percent = ExactDecimal(0)
                    exemptionReason = "Exempt customer" + (document.exemptionNumber.map { ", certificate \($0)" } ?? "")
                case .taxable:
                    id = "O"; exemptionReason = "Not subject to sales tax"
                }
            }
        }

        func write(_ name: String, into xml: XMLText, withReason: Bool) {
            xml.group(name) {
                xml.element("cbc:ID", id)
                if let percent { xml.element("cbc:Percent", percent.description) }
                if withReason, let exemptionReason { xml.element("cbc:TaxExemptionReason", exemptionReason) }
                xml.group("cac:TaxScheme") { xml.element("cbc:ID", "VAT") }
            }
        }
    }

    static func party(_ party: InvoiceDocument.Party, seller: Bool, category: Category, into xml: XMLText) {
        xml.group("cac:Party") {
            if let email = party.email { xml.element("cbc:EndpointID", email, attributes: [("schemeID", "EM")]) }
            xml.group("cac:PartyName") { xml.element("cbc:Name", party.name) }
            xml.group("cac:PostalAddress") {
                xml.element("cbc:StreetName", party.address.line1)
                if let line2 = party.address.line2, !line2.isEmpty { xml.element("cbc:AdditionalStreetName", line2) }
                xml.element("cbc:CityName", party.address.city)
                if !party.address.postalCode.isEmpty { xml.element("cbc:PostalZone", party.address.postalCode) }
                xml.element("cbc:CountrySubentity", party.address.region)
                xml.group("cac:Country") { xml.element("cbc:IdentificationCode", party.address.country) }
            }
            // A sale outside any tax (`O`) may carry no VAT identifier; otherwise the first
            // registration is the VAT one (country-prefixed), a second (QST) its own scheme.
            if category.id != "O" {
                for (index, registration) in party.registrations.prefix(2).enumerated() {
                    xml.group("cac:PartyTaxScheme") {
                        xml.element("cbc:CompanyID", index == 0 ? party.address.country + registration.number : registration.number)
                        xml.group("cac:TaxScheme") { xml.element("cbc:ID", index == 0 ? "VAT" : registration.kind.replacingOccurrences(of: "/", with: "-")) }
                    }
                }
            }
            xml.group("cac:PartyLegalEntity") {
                xml.element("cbc:RegistrationName", party.name)
                if category.id == "O", seller, let registration = party.registrations.first { xml.element("cbc:CompanyID", registration.number) }
            }
            if seller, party.email != nil || party.phone != nil {
                xml.group("cac:Contact") {
                    if let phone = party.phone { xml.element("cbc:Telephone", phone) }
                    if let email = party.email { xml.element("cbc:ElectronicMail", email) }
                }
            }
        }
    }
}

/// Indented XML text with escaping; enough for documents written in one pass.
final class XMLText {
    var text = ""
    var depth = 0

    func raw(_ line: String) { text += String(repeating: "  ", count: depth) + line + "\n" }

    func open(_ name: String, attributes: [(String, String)] = []) {
        raw("<\(name)\(Self.attributes(attributes))>")
        depth += 1
    }

    func close(_ name: String) {
        depth -= 1
        raw("</\(name)>")
    }

    func group(_ name: String, _ body: () -> Void) {
        open(name)
        body()
        close(name)
    }

    func element(_ name: String, _ value: String, attributes: [(String, String)] = []) {
        raw("<\(name)\(Self.attributes(attributes))>\(Self.escape(value))</\(name)>")
    }

    func amount(_ name: String, _ money: Money) {
        element(name, money.decimalString, attributes: [("currencyID", money.currency.code)])
    }

    static func attributes(_ list: [(String, String)]) -> String {
        list.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
