import Foundation
import Testing
@testable import O2CDomain

@Suite("Customer reference data")
struct CustomerTests {
    /// A customer that can be invoiced: the base each rule test breaks one way.
    static let complete = Customer(
        code: "BOREAL", legalName: "Boréal Sports inc.", kind: .advertiser,
        billTo: PostalAddress(line1: "1200 rue Sherbrooke O.", city: "Montréal", region: "qc", postalCode: "h3a1h6", country: "ca"),
        currency: .CAD, paymentTerms: .net(30), language: .fr, taxStatus: .taxable, gstHstNumber: "123456789RT0001",
        delivery: .email("factures@boreal.example"),
        contacts: [Contact(role: .invoicing, email: "factures@boreal.example"), Contact(role: .reminder, email: "finance@boreal.example")])

    @Test("A complete customer is ready to invoice; addresses are normalised")
    func complete() {
        #expect(Self.complete.missingForInvoicing == [])
        #expect(Self.complete.billTo?.postalCode == "H3A 1H6")
        #expect(Self.complete.billTo?.region == "QC")
    }

    @Test("A customer's language is any ISO 639-1 code; its documents are in French or English")
    func languages() throws {
        #expect(Language(rawValue: "de")?.documentLanguage == .en)
        #expect(Language(rawValue: "pl")?.rawValue == "pl")
        #expect(Language.fr.documentLanguage == .fr && Language.en.documentLanguage == .en)
        for refused in ["xx", "eng", "DE", "", "f"] { #expect(Language(rawValue: refused) == nil, "\(refused)") }
        var german = Self.complete
        german.language = Language(rawValue: "de")
        #expect(german.missingForInvoicing == [])
        #expect(DocumentWording(Language(rawValue: "es")!).language == .en)
        // Stored and read back as its code.
        let json = try JSONEncoder().encode(german.language)
        #expect(String(decoding: json, as: UTF8.self) == "\"de\"")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Language.self, from: Data("\"xx\"".utf8)) }
    }

    @Test("Completeness rules, each named", arguments: [
        ("no currency", "currency"),
        ("no terms", "payment terms"),
        ("no language", "language"),
        ("no address", "bill-to address"),
        ("bad postal code", "bill-to postal code ('H3A 1H' is not"),
        ("US ZIP", "bill-to ZIP code ('1000' is not"),
        ("no delivery", "invoice delivery"),
        ("no invoicing contact", "invoicing contact"),
        ("no reminder contact", "reminder contact"),
        ("US taxable without GST number", "GST/HST number"),
        ("zero-rated in Canada", "cannot be zero-rated"),
        ("exempt without certificate", "exemption certificate number"),
    ])
    func completeness(name: String, expected: String) {
        var c = Self.complete
        switch name {
        case "no currency": c.currency = nil
        case "no terms": c.paymentTerms = nil
        case "no language": c.language = nil
        case "no address": c.billTo = nil
        case "bad postal code": c.billTo?.postalCode = "H3A 1H"
        case "US ZIP": c.billTo = PostalAddress(line1: "1 Main St", city: "Albany", region: "NY", postalCode: "1000", country: "US"); c.taxStatus = .zeroRatedNonResident; c.gstHstNumber = nil
        case "no delivery": c.delivery = nil
        case "no invoicing contact": c.contacts.removeAll { $0.role == .invoicing }
        case "no reminder contact": c.contacts.removeAll { $0.role == .reminder }
        case "US taxable without GST number": c.billTo = PostalAddress(line1: "1 Main St", city: "Albany", region: "NY", postalCode: "12207", country: "US"); c.gstHstNumber = nil
        case "zero-rated in Canada": c.taxStatus = .zeroRatedNonResident; c.gstHstNumber = nil
        default: c.taxStatus = .exempt
        }
        #expect(c.missingForInvoicing.contains { $0.contains(expected) }, "\(c.missingForInvoicing)")
        #expect(!c.isComplete)
    }

    @Test("A zero-rated US advertiser with a ZIP code is complete")
    func usCustomer() {
        var c = Self.complete
        c.billTo = PostalAddress(line1: "350 Fifth Avenue", city: "New York", region: "NY", postalCode: "10118-0110", country: "US")
        c.taxStatus = .zeroRatedNonResident
        c.gstHstNumber = nil
        c.currency = .USD
        #expect(c.missingForInvoicing == [])
    }

    @Test("Stored records are valid: codes, names, numbers and e-mails of proper form")
    func validation() {
        var c = Self.complete
        c.gstHstNumber = "12345RT0001"
        #expect(throws: DomainError.self) { try c.validate() }
        c = Self.complete
        c.contacts[0].email = "not an email"
        #expect(throws: DomainError.self) { try c.validate() }
        c = Self.complete
        c.code = "has space"
        #expect(throws: DomainError.self) { try c.validate() }
        c = Self.complete
        c.contacts.append(Contact(role: .invoicing, email: "other@boreal.example", isPrimary: true))
        #expect(throws: DomainError.self) { try c.validate() }
        c.contacts[2].isPrimary = false
        #expect(throws: Never.self) { try c.validate() }
        c = Self.complete
        c.parentCode = c.code
        #expect(throws: DomainError.self) { try c.validate() }
        #expect(throws: Never.self) { try Self.complete.validate() }
    }

    @Test("Payment terms: parsing and due dates", arguments: [
        ("net 30", "2026-10-31", "2026-11-30"),
        ("45", "2026-10-15", "2026-11-29"),
        ("eom+15", "2026-10-10", "2026-11-15"),
        ("EOM 30", "2026-02-03", "2026-03-30"),
        ("due on receipt", "2026-10-31", "2026-10-31"),
    ])
    func terms(text: String, issued: String, due: String) throws {
        let terms = try PaymentTerms(parsing: text)
        #expect(terms.dueDate(for: try BusinessDate(parsing: issued)).description == due)
        #expect(try PaymentTerms(parsing: terms.description) == terms)
    }

    @Test("Payer names compare without case, accents, punctuation or legal suffixes")
    func payerNames() {
        #expect(Customer.normalizedPayerName("Boréal Sports inc.") == "BOREAL SPORTS")
        #expect(Customer.normalizedPayerName("BOREAL SPORTS INC") == "BOREAL SPORTS")
        #expect(Customer.normalizedPayerName("Automobiles Saint-Laurent ltée") == "AUTOMOBILES SAINT LAURENT")
        #expect(Customer.normalizedPayerName("The Hudson Street Media, LLC") == "HUDSON STREET MEDIA")
    }
}
