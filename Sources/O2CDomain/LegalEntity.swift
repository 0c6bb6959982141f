import Foundation

/// A legal company of the group with its own books: functional currency, country and region,
/// tax registrations, invoice number series.
public struct LegalEntity: Hashable, Sendable, Codable {
    /// Short code used on the command line and in exports (`CA01`).
    public var code: String
    public var name: String
    public var functionalCurrency: Currency
    /// ISO 3166-1 alpha-2: `CA`, `US`.
    public var country: String
    /// Province or state code: `QC`, `ON`, `NY`.
    public var region: String
    /// The month the fiscal year starts in (1 = January).
    public var fiscalYearStartMonth: Int
    /// IANA zone used for "today" (`America/Toronto`).
    public var timeZone: String
    public var taxRegistrations: [TaxRegistration]
    public var numberSeries: [NumberSeries]

    public init(
        code: String, name: String, functionalCurrency: Currency, country: String, region: String,
        fiscalYearStartMonth: Int = 1, timeZone: String? = nil,
        taxRegistrations: [TaxRegistration] = [], numberSeries: [NumberSeries]? = nil
    ) throws(DomainError) {
        let country = country.uppercased(), region = region.uppercased()
        guard !code.isEmpty, code.count <= 16, code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw DomainError(field: "entity", "entity code '\(code)' must be 1–16 letters, digits, '-' or '_'")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw DomainError(field: "name", "an entity needs a name") }
        try Region.validate(country: country, region: region)
        guard (1...12).contains(fiscalYearStartMonth) else {
            throw DomainError(field: "fiscal-year-start", "fiscal year start month must be 1–12")
        }
        for registration in taxRegistrations { try registration.validate() }
        self.code = code
        self.name = name
        self.functionalCurrency = functionalCurrency
        self.country = country
        self.region = region
        self.fiscalYearStartMonth = fiscalYearStartMonth
        self.timeZone = timeZone ?? Region.defaultTimeZone(country: country, region: region)
        self.taxRegistrations = taxRegistrations
        self.numberSeries = numberSeries ?? NumberSeries.defaults
    }

    public func fiscalYear(of date: BusinessDate) -> Int { date.period.fiscalYear(startMonth: fiscalYearStartMonth) }
}

/// A tax number the entity (or later a customer) is registered under.
public struct TaxRegistration: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Canada's GST/HST business number with its RT program account: `123456789RT0001`.
        case gstHst = "GST/HST"
        /// Québec's QST number: `1234567890TQ0001`.
        case qst = "QST"
        /// US federal employer identification number: `12-3456789`.
        case ein = "EIN"
        /// A US state sales-tax permit, free form.
        case stateSalesTax = "STATE"
        /// The French SIREN of a group company, used to name the FEC.
        case siren = "SIREN"
    }

    public var kind: Kind
    public var number: String

    public init(kind: Kind, number: String) {
        self.kind = kind
        self.number = number.replacingOccurrences(of: " ", with: "").uppercased()
    }

    /// Checks the form of the number (not that the tax authority knows it).
    public func validate() throws(DomainError) {
        let ok: Bool = switch kind {
        case .gstHst: number.wholeMatch(of: /[0-9]{9}RT[0-9]{4}/) != nil
        case .qst: number.wholeMatch(of: /[0-9]{10}TQ[0-9]{4}/) != nil
        case .ein: number.wholeMatch(of: /[0-9]{2}-?[0-9]{7}/) != nil
        case .siren: number.wholeMatch(of: /[0-9]{9}/) != nil
        case .stateSalesTax: !number.isEmpty
        }
        guard ok else {
            let example = switch kind {
            case .gstHst: "123456789RT0001"
            case .qst: "1234567890TQ0001"
            case .ein: "12-3456789"
            case .siren: "552100554"
            case .stateSalesTax: "a permit number"
            }
            throw DomainError(field: "tax-registration", "'\(number)' is not a valid \(kind.rawValue) number (expected e.g. \(example))")
        }
    }
}

/// A gap-free numbering series for invoices or credit notes: `INV-000123`.
public struct NumberSeries: Hashable, Sendable, Codable {
    public var code: String
    public var prefix: String
    /// Digits the number is padded to.
    public var width: Int
    public var description: String

    public init(code: String, prefix: String, width: Int = 6, description: String) {
        self.code = code
        self.prefix = prefix
        self.width = width
        self.description = description
    }

    public func format(_ number: Int) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    public static let defaults = [
        NumberSeries(code: "INV", prefix: "INV-", description: "Invoices"),
        NumberSeries(code: "CRN", prefix: "CRN-", description: "Credit notes"),
    ]
}

/// Provinces and states OrderToCash knows, for checking addresses and choosing tax rules.
public enum Region {
    public static let canadianProvinces: [String: String] = [
        "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
        "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories", "NU": "Nunavut",
        "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Québec", "SK": "Saskatchewan", "YT": "Yukon",
    ]

    public static let usStates: Set<String> = [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
        "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR",
        "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR",
    ]

    public static func validate(country: String, region: String) throws(DomainError) {
        switch country {
        case "CA":
            guard canadianProvinces[region] != nil else {
                throw DomainError(field: "region", "'\(region)' is not a Canadian province or territory code (e.g. QC, ON)")
            }
        case "US":
            guard usStates.contains(region) else {
                throw DomainError(field: "region", "'\(region)' is not a US state code (e.g. NY, CA)")
            }
        default:
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw DomainError(field: "country", "'\(country)' is not an ISO 3166 two-letter country code")
            }
        }
    }

    static func defaultTimeZone(country: String, region: String) -> String {
        switch (country, region) {
        case ("CA", "BC"), ("US", "CA"), ("US", "WA"), ("US", "OR"), ("US", "NV"): "America/Los_Angeles"
        case ("CA", "AB"), ("US", "CO"), ("US", "UT"), ("US", "AZ"), ("US", "NM"): "America/Denver"
        case ("CA", "MB"), ("CA", "SK"), ("US", "IL"), ("US", "TX"), ("US", "MN"): "America/Chicago"
        case ("CA", "NS"), ("CA", "NB"), ("CA", "PE"): "America/Halifax"
        case ("CA", "NL"): "America/St_Johns"
        case ("CA", _): "America/Toronto"
        case ("US", _): "America/New_York"
        default: "UTC"
        }
    }
}
