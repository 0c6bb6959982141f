import Foundation

/// One line of the sales-tax table: a tax of a jurisdiction, at a rate, for a span of dates. The
/// table is data (dated, editable), not code per jurisdiction.
public struct TaxRule: Hashable, Sendable, Codable {
    /// `GST`, `HST`, `QST`, `WA-SALES`…: the code printed on invoices.
    public var code: String
    /// Where the customer is (place of supply): a country and, when it matters, a region.
    public var country: String
    /// nil: the whole country.
    public var region: String?
    /// 0.05 for 5%.
    public var rate: ExactDecimal
    public var validFrom: BusinessDate
    /// The last day the rate applies; nil while it is in force.
    public var validTo: BusinessDate?
    /// The account the tax is credited to.
    public var accountRole: AccountRole

    public init(code: String, country: String, region: String? = nil, rate: ExactDecimal, validFrom: BusinessDate,
                validTo: BusinessDate? = nil, accountRole: AccountRole) {
        self.code = code
        self.country = country
        self.region = region
        self.rate = rate
        self.validFrom = validFrom
        self.validTo = validTo
        self.accountRole = accountRole
    }

    public func applies(country: String, region: String, on date: BusinessDate) -> Bool {
        self.country == country && (self.region == nil || self.region == region)
            && validFrom <= date && (validTo.map { date <= $0 } ?? true)
    }

    /// The percentage for people: `9.975%`.
    public var percent: String { rate.percentText }
}

/// The tax rules a seller charges, and the choice of rules for a customer.
public enum SalesTax {
    static func d(_ text: String) -> BusinessDate { try! BusinessDate(parsing: text) }
    static func r(_ text: String) -> ExactDecimal { try! ExactDecimal(parsing: text) }

    /// The defaults of a Québec-registered seller of advertising services (DOMAIN.md; check each
    /// rate against its source before relying on it: they are settings, editable with `o2c tax`).
    /// GST everywhere in Canada except where HST replaces it; QST on top in Québec; BC, MB and SK
    /// PST is not charged (registration only past thresholds).
    public static let canadianSellerDefaults: [TaxRule] = [
        TaxRule(code: "GST", country: "CA", region: nil, rate: r("0.05"), validFrom: d("2008-01-01"), accountRole: .gstPayable),
        TaxRule(code: "QST", country: "CA", region: "QC", rate: r("0.09975"), validFrom: d("2013-01-01"), accountRole: .qstPayable),
        TaxRule(code: "HST", country: "CA", region: "ON", rate: r("0.13"), validFrom: d("2010-07-01"), accountRole: .hstPayable),
        TaxRule(code: "HST", country: "CA", region: "NB", rate: r("0.15"), validFrom: d("2016-07-01"), accountRole: .hstPayable),
        TaxRule(code: "HST", country: "CA", region: "NL", rate: r("0.15"), validFrom: d("2016-07-01"), accountRole: .hstPayable),
        TaxRule(code: "HST", country: "CA", region: "PE", rate: r("0.15"), validFrom: d("2016-10-01"), accountRole: .hstPayable),
        TaxRule(code: "HST", country: "CA", region: "NS", rate: r("0.15"), validFrom: d("2010-07-01"), validTo: d("2025-03-31"), accountRole: .hstPayable),
        TaxRule(code: "HST", country: "CA", region: "NS", rate: r("0.14"), validFrom: d("2025-04-01"), accountRole: .hstPayable),
    ]

    /// US sellers: advertising is mostly untaxed. Washington taxes advertising services from
    /// 2025-10-01 (the state rate; local rates add to it and vary).
    public static let usSellerDefaults: [TaxRule] = [
        TaxRule(code: "WA-SALES", country: "US", region: "WA", rate: r("0.065"), validFrom: d("2025-10-01"), accountRole: .salesTaxPayable),
    ]

    public static func defaults(for entity: LegalEntity) -> [TaxRule] {
        entity.country == "CA" ? canadianSellerDefaults : entity.country == "US" ? usSellerDefaults : []
    }

    /// The rules that apply to a customer on a date. HST replaces GST where it applies; a
    /// zero-rated non-resident or an exempt customer pays none.
    public static func rules(for customer: Customer, on date: BusinessDate, table: [TaxRule]) -> [TaxRule] {
        guard customer.taxStatus == .taxable, let address = customer.billTo else { return [] }
        var rules = table.filter { $0.applies(country: address.country, region: address.region, on: date) }
        if rules.contains(where: { $0.code == "HST" }) { rules.removeAll { $0.code == "GST" } }
        return rules.sorted { ($0.code == "GST" || $0.code == "HST" ? 0 : 1, $0.code) < ($1.code == "GST" || $1.code == "HST" ? 0 : 1, $1.code) }
    }

    /// The tax of an invoice: per rule, the net total times the rate, rounded once (half-up).
    public static func compute(net: Money, rules: [TaxRule]) -> [(rule: TaxRule, amount: Money)] {
        rules.map { ($0, net.multiplied(by: $0.rate, rounding: .halfUp)) }
    }
}
