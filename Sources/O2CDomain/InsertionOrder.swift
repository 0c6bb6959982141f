import Foundation

/// How a line item is priced.
public enum PricingModel: String, Sendable, Codable, CaseIterable {
    /// Per thousand impressions.
    case cpm
    /// Per click.
    case cpc
    /// Per completed view.
    case cpcv
    /// A fixed fee for the line.
    case flatFee = "flat"

    public var unit: String {
        switch self {
        case .cpm: "impressions"
        case .cpc: "clicks"
        case .cpcv: "completed views"
        case .flatFee: "fee"
        }
    }

    /// What `quantity` units cost at `rate` (major units of the currency per unit, per thousand
    /// for CPM), rounded once, half-up.
    public func amount(quantity: Int64, rate: ExactDecimal, currency: Currency) -> Money {
        let perUnit = Money(minorUnits: currency.minorUnitsPerMajor, currency: currency)
        switch self {
        case .cpm:
            let numerator = Int128(quantity) * rate.units * Int128(perUnit.minorUnits)
            let denominator = ExactDecimal.pow10(rate.scale) * 1000
            return Money(minorUnits: Int64(RoundingRule.halfUp.divide(numerator, by: denominator)), currency: currency)
        case .cpc, .cpcv:
            let numerator = Int128(quantity) * rate.units * Int128(perUnit.minorUnits)
            return Money(minorUnits: Int64(RoundingRule.halfUp.divide(numerator, by: ExactDecimal.pow10(rate.scale))), currency: currency)
        case .flatFee:
            return perUnit.multiplied(by: rate, rounding: .halfUp)
        }
    }
}

/// Which delivery count is billed.
public enum BillingSource: String, Sendable, Codable, CaseIterable {
    case booked
    case firstParty = "first-party"
    case thirdParty = "third-party"
}

/// One product of an insertion order.
public struct IOLine: Hashable, Sendable, Codable {
    public var number: Int
    public var product: String
    public var pricing: PricingModel
    public var flightStart: BusinessDate
    public var flightEnd: BusinessDate
    /// Units booked: impressions, clicks, completed views; 1 for a flat fee.
    public var bookedQuantity: Int64
    /// Major units of the currency per unit (per thousand impressions for CPM), e.g. 12.50.
    public var unitRate: ExactDecimal
    /// The most this line may bill; the booked amount when not given.
    public var budgetCap: Money?
    public var billingSource: BillingSource
    /// The first/third-party gap past which the line is held for review: 0.10 is 10%.
    public var discrepancyTolerance: ExactDecimal

    public init(number: Int, product: String, pricing: PricingModel, flightStart: BusinessDate, flightEnd: BusinessDate,
                bookedQuantity: Int64, unitRate: ExactDecimal, budgetCap: Money? = nil, billingSource: BillingSource = .firstParty,
                discrepancyTolerance: ExactDecimal = ExactDecimal(units: 10, scale: 2)) {
        self.number = number
        self.product = product
        self.pricing = pricing
        self.flightStart = flightStart
        self.flightEnd = flightEnd
        self.bookedQuantity = bookedQuantity
        self.unitRate = unitRate
        self.budgetCap = budgetCap
        self.billingSource = billingSource
        self.discrepancyTolerance = discrepancyTolerance
    }

    public func bookedAmount(in currency: Currency) -> Money {
        pricing.amount(quantity: bookedQuantity, rate: unitRate, currency: currency)
    }

    /// The most the line may bill: its budget cap, or its booked amount.
    public func billingLimit(in currency: Currency) -> Money {
        budgetCap ?? bookedAmount(in: currency)
    }

    public func validate(currency: Currency) throws(DomainError) {
        let field = "lines[\(number)]"
        guard product.contains(where: { !$0.isWhitespace }) else { throw DomainError(field: "\(field).product", "a line names its product") }
        guard flightEnd >= flightStart else {
            throw DomainError(field: "\(field).flight_end", "the flight ends (\(flightEnd)) before it starts (\(flightStart))")
        }
        guard bookedQuantity > 0 else { throw DomainError(field: "\(field).quantity", "the booked quantity must be positive (got \(bookedQuantity))") }
        if pricing == .flatFee && bookedQuantity != 1 { throw DomainError(field: "\(field).quantity", "a flat fee is booked as quantity 1") }
        guard unitRate.units >= 0 else { throw DomainError(field: "\(field).rate", "a rate cannot be negative") }
        if let cap = budgetCap {
            guard cap.currency == currency else { throw DomainError(field: "\(field).budget_cap", "the cap must be in the IO's currency \(currency.code)") }
            guard !cap.isNegative else { throw DomainError(field: "\(field).budget_cap", "a budget cap cannot be negative") }
        }
        guard discrepancyTolerance >= ExactDecimal(0), discrepancyTolerance <= ExactDecimal(1) else {
            throw DomainError(field: "\(field).tolerance", "the discrepancy tolerance is a fraction between 0 and 1 (0.10 for 10%)")
        }
    }
}

/// The signature of one revision: who signed, when, and the SHA-256 of the signed document.
public struct Signature: Hashable, Sendable, Codable {
    public var signerName: String
    public var signerTitle: String
    public var signedOn: BusinessDate
    public var documentName: String
    public var documentSHA256: String

    public init(signerName: String, signerTitle: String, signedOn: BusinessDate, documentName: String, documentSHA256: String) {
        self.signerName = signerName
        self.signerTitle = signerTitle
        self.signedOn = signedOn
        self.documentName = documentName
        self.documentSHA256 = documentSHA256
    }
}

/// One revision of an insertion order: the terms as they stood when it was (or will be) signed.
public struct IORevision: Hashable, Sendable, Codable {
    public var revision: Int
    public var advertiser: String
    public var agency: String?
    public var billTo: String
    public var currency: Currency
    public var paymentTerms: PaymentTerms
    public var poNumber: String?
    public var salesOwner: String?
    public var notes: String?
    public var lines: [IOLine]
    public var signature: Signature?

    public init(revision: Int = 1, advertiser: String, agency: String? = nil, billTo: String, currency: Currency, paymentTerms: PaymentTerms,
                poNumber: String? = nil, salesOwner: String? = nil, notes: String? = nil, lines: [IOLine], signature: Signature? = nil) {
        self.revision = revision
        self.advertiser = advertiser
        self.agency = agency
        self.billTo = billTo
        self.currency = currency
        self.paymentTerms = paymentTerms
        self.poNumber = poNumber
        self.salesOwner = salesOwner
        self.notes = notes
        self.lines = lines
        self.signature = signature
    }

    /// The total the IO commits the customer to: the sum of each line's billing limit.
    public var total: Money { lines.reduce(.zero(currency)) { $0 + $1.billingLimit(in: currency) } }

    public func validate() throws(DomainError) {
        guard !lines.isEmpty else { throw DomainError(field: "lines", "an IO needs at least one line") }
        var numbers = Set<Int>()
        for line in lines {
            guard numbers.insert(line.number).inserted else { throw DomainError(field: "lines[\(line.number)]", "line \(line.number) appears twice") }
            try line.validate(currency: currency)
        }
    }
}

/// Where an IO stands. Draft → submitted → approved → signed → active → completed; any but the
/// last can be cancelled.
public enum IOStatus: String, Sendable, Codable, CaseIterable {
    case draft, submitted, approved, signed, active, completed, cancelled
}

/// What a person can do to an IO.
public enum IOAction: String, Sendable, CaseIterable {
    case submit, approve, sign, activate, complete, cancel, revise

    /// The status after this action, or why it is refused.
    public func next(from status: IOStatus, io number: String) throws(DomainError) -> IOStatus {
        let allowed: [IOStatus] = switch self {
        case .submit: [.draft]
        case .approve: [.submitted]
        case .sign: [.approved]
        case .activate: [.signed]
        case .complete: [.active]
        case .cancel: [.draft, .submitted, .approved, .signed, .active]
        case .revise: [.signed, .active]
        }
        guard allowed.contains(status) else {
            let hint: String = switch (self, status) {
            case (_, .cancelled): "it is cancelled"
            case (_, .completed): "it is completed"
            case (.approve, .draft): "it is a draft: submit it first"
            case (.sign, .draft), (.sign, .submitted): "it is \(status.rawValue): it must be approved before it is signed"
            case (.activate, _): "it is \(status.rawValue): only a signed IO becomes active"
            case (.complete, _): "it is \(status.rawValue): only an active IO is completed"
            case (.revise, _): "it is \(status.rawValue): only a signed or active IO is amended by a new revision (a draft is edited by importing it again)"
            default: "it is \(status.rawValue)"
            }
            throw DomainError(field: "status", "cannot \(rawValue) \(number): \(hint)")
        }
        return switch self {
        case .submit: .submitted
        case .approve: .approved
        case .sign: .signed
        case .activate: .active
        case .complete: .completed
        case .cancel: .cancelled
        case .revise: .draft
        }
    }
}

/// The company's rules for the financial conditions of an IO, per entity, editable.
public struct IOPolicy: Hashable, Sendable, Codable {
    /// The longest payment terms any IO may give.
    public var maximumPaymentTermsDays: Int
    /// The lowest unit rate per pricing model without an approved exception.
    public var rateFloors: [PricingModel: ExactDecimal]

    public init(maximumPaymentTermsDays: Int = 60, rateFloors: [PricingModel: ExactDecimal] = IOPolicy.defaultFloors) {
        self.maximumPaymentTermsDays = maximumPaymentTermsDays
        self.rateFloors = rateFloors
    }

    public static let defaultFloors: [PricingModel: ExactDecimal] = [
        .cpm: ExactDecimal(units: 200, scale: 2), .cpc: ExactDecimal(units: 25, scale: 2), .cpcv: ExactDecimal(units: 2, scale: 2),
        .flatFee: ExactDecimal(0),
    ]
}

/// A rule of the policy.
public enum PolicyRule: String, Sendable, Codable, CaseIterable {
    case paymentTerms = "payment-terms"
    case currency
    case rateFloor = "rate-floor"
    case purchaseOrder = "purchase-order"
    case billToComplete = "bill-to-complete"
    case creditLimit = "credit-limit"
    case creditHold = "credit-hold"

    /// Whether an approver may accept a breach by a documented exception. A wrong currency, a
    /// missing PO or an incomplete bill-to are fixed, not excused.
    public var allowsException: Bool {
        switch self {
        case .paymentTerms, .rateFloor, .creditLimit, .creditHold: true
        case .currency, .purchaseOrder, .billToComplete: false
        }
    }
}

public struct PolicyViolation: Hashable, Sendable, Codable {
    public var rule: PolicyRule
    public var reason: String

    public init(rule: PolicyRule, reason: String) {
        self.rule = rule
        self.reason = reason
    }
}

/// An approver's documented acceptance of a breach of one rule, for one revision.
public struct PolicyException: Hashable, Sendable, Codable {
    public var rule: PolicyRule
    public var revision: Int
    public var reason: String
    public var grantedBy: String
    public var grantedAt: String

    public init(rule: PolicyRule, revision: Int, reason: String, grantedBy: String, grantedAt: String) {
        self.rule = rule
        self.revision = revision
        self.reason = reason
        self.grantedBy = grantedBy
        self.grantedAt = grantedAt
    }
}

extension IOPolicy {
    /// Checks a revision against the policy. `exposure` is what the bill-to customer already owes
    /// or is committed to: open receivables plus signed-but-unbilled IOs (this one excluded).
    public func violations(of io: IORevision, billTo customer: Customer, exposure: Money) -> [PolicyViolation] {
        var found: [PolicyViolation] = []
        let days = io.paymentTerms.maximumDays
        if days > maximumPaymentTermsDays {
            found.append(.init(rule: .paymentTerms, reason: "payment terms \(io.paymentTerms) exceed the company maximum of \(maximumPaymentTermsDays) days"))
        } else if let approved = customer.paymentTerms, days > approved.maximumDays {
            found.append(.init(rule: .paymentTerms, reason: "payment terms \(io.paymentTerms) are longer than \(customer.code)'s approved terms (\(approved))"))
        }
        if let currency = customer.currency, currency != io.currency {
            found.append(.init(rule: .currency, reason: "the IO is in \(io.currency.code) but \(customer.code) is billed in \(currency.code)"))
        }
        for line in io.lines.sorted(by: { $0.number < $1.number }) {
            if let floor = rateFloors[line.pricing], line.unitRate < floor {
                found.append(.init(rule: .rateFloor, reason: "line \(line.number) (\(line.product)): \(line.pricing.rawValue.uppercased()) rate \(line.unitRate) is below the floor of \(floor)"))
            }
        }
        if customer.poRequired && (io.poNumber ?? "").isEmpty {
            found.append(.init(rule: .purchaseOrder, reason: "\(customer.code) requires a PO number on its IOs"))
        }
        let missing = customer.missingForInvoicing
        if !missing.isEmpty {
            found.append(.init(rule: .billToComplete, reason: "bill-to \(customer.code) is incomplete: " + missing.joined(separator: "; ")))
        }
        if customer.creditHold {
            found.append(.init(rule: .creditHold, reason: "\(customer.code) is on credit hold"))
        }
        if let limit = customer.creditLimit, limit.currency == io.currency {
            let total = exposure + io.total
            if total > limit {
                let f = { (m: Money) in AmountFormat.english.format(m) + " " + m.currency.code }
                found.append(.init(rule: .creditLimit, reason: "exposure \(f(total)) (open AR and signed backlog \(f(exposure)) + this IO \(f(io.total))) exceeds \(customer.code)'s credit limit of \(f(limit))"))
            }
        } else if customer.creditLimit == nil {
            found.append(.init(rule: .creditLimit, reason: "\(customer.code) has no credit limit on file"))
        }
        return found
    }
}
