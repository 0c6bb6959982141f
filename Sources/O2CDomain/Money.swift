import Foundation

/// An amount of money: integer minor units (cents) in one currency. Never a floating-point number.
///
/// Arithmetic is only defined within one currency; mixing currencies is a programming error and
/// stops the program rather than producing a wrong figure.
public struct Money: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// The most digits of minor units an amount read from outside may have (999,999,999,999,999).
    public static let maximumDigits = 15

    public var isZero: Bool { minorUnits == 0 }
    public var isNegative: Bool { minorUnits < 0 }
    public var isPositive: Bool { minorUnits > 0 }
    public var magnitude: Money { Money(minorUnits: minorUnits < 0 ? -minorUnits : minorUnits, currency: currency) }

    public static func + (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "cannot add \(lhs.currency) and \(rhs.currency)")
        return Money(minorUnits: lhs.minorUnits + rhs.minorUnits, currency: lhs.currency)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        precondition(lhs.currency == rhs.currency, "cannot subtract \(rhs.currency) from \(lhs.currency)")
        return Money(minorUnits: lhs.minorUnits - rhs.minorUnits, currency: lhs.currency)
    }

    public static prefix func - (value: Money) -> Money {
        Money(minorUnits: -value.minorUnits, currency: value.currency)
    }

    public static func += (lhs: inout Money, rhs: Money) { lhs = lhs + rhs }
    public static func -= (lhs: inout Money, rhs: Money) { lhs = lhs - rhs }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        precondition(lhs.currency == rhs.currency, "cannot compare \(lhs.currency) and \(rhs.currency)")
        return lhs.minorUnits < rhs.minorUnits
    }

    /// This amount times an exact decimal (a tax rate, an exchange rate), rounded once by `rule`,
    /// in `currency` (defaults to the same currency; give the target currency for a conversion).
    public func multiplied(by factor: ExactDecimal, rounding rule: RoundingRule, into target: Currency? = nil) -> Money {
        let target = target ?? currency
        // Scale for the exponent difference (JPY → CAD multiplies by 100; CAD → JPY divides).
        let shift = target.exponent - currency.exponent
        var numerator = Int128(minorUnits) * factor.units
        var denominator = ExactDecimal.pow10(factor.scale)
        if shift > 0 { numerator *= ExactDecimal.pow10(shift) } else if shift < 0 { denominator *= ExactDecimal.pow10(-shift) }
        return Money(minorUnits: Int64(rule.divide(numerator, by: denominator)), currency: target)
    }

    /// `multiplied(by:rounding:into:)` for figures that come from outside: a result that would not
    /// fit in the books is an error, not a crash.
    public func converted(by factor: ExactDecimal, rounding rule: RoundingRule, into target: Currency? = nil, field: String = "rate") throws(DomainError) -> Money {
        let target = target ?? currency
        let shift = target.exponent - currency.exponent
        let (product, overflow) = Int128(minorUnits).multipliedReportingOverflow(by: factor.units)
        var numerator = product
        var denominator = ExactDecimal.pow10(factor.scale)
        if shift > 0 { numerator *= ExactDecimal.pow10(shift) } else if shift < 0 { denominator *= ExactDecimal.pow10(-shift) }
        guard !overflow, let minor = Int64(exactly: rule.divide(numerator, by: denominator)),
              minor.magnitude < 1_000_000_000_000_000_000
        else { throw DomainError(field: field, "\(decimalString) \(currency.code) × \(factor) is too large for the books") }
        return Money(minorUnits: minor, currency: target)
    }

    /// The canonical decimal text, `-1234.56` (no grouping, no symbol): for files and JSON.
    public var decimalString: String { AmountFormat.canonical.format(self) }

    public var description: String { "\(decimalString) \(currency.code)" }
}

extension Money {
    /// Splits this amount in proportion to `weights`, so that the parts add up to exactly this
    /// amount: no cent is lost or created. Remainders go to the largest fractional parts (ties to
    /// the earliest), the method accountants call largest remainder.
    public func allocated(byWeights weights: [Int64]) throws(DomainError) -> [Money] {
        guard !weights.isEmpty else { throw DomainError(field: "weights", "at least one weight is needed") }
        guard weights.allSatisfy({ $0 >= 0 }) else { throw DomainError(field: "weights", "weights must not be negative") }
        let total = weights.reduce(Int128(0)) { $0 + Int128($1) }
        guard total > 0 else { throw DomainError(field: "weights", "at least one weight must be positive") }
        let sign: Int128 = minorUnits < 0 ? -1 : 1
        let amount = Int128(minorUnits) * sign
        var parts = [Int128](repeating: 0, count: weights.count)
        var remainders: [(index: Int, remainder: Int128)] = []
        var assigned: Int128 = 0
        for (index, weight) in weights.enumerated() {
            let product = amount * Int128(weight)
            parts[index] = product / total
            remainders.append((index, product % total))
            assigned += parts[index]
        }
        var left = amount - assigned
        // Stable: larger remainder first, then earlier position.
        let order = remainders.sorted { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }
        for entry in order where left > 0 && weights[entry.index] > 0 {
            parts[entry.index] += 1
            left -= 1
        }
        return parts.map { Money(minorUnits: Int64($0 * sign), currency: currency) }
    }

    /// Splits this amount into `count` instalments as equal as the minor unit allows; the earlier
    /// instalments carry the extra cents, so the parts always add up to the whole.
    public func instalments(_ count: Int) throws(DomainError) -> [Money] {
        guard count > 0 else { throw DomainError(field: "count", "the number of instalments must be positive") }
        return try allocated(byWeights: Array(repeating: 1, count: count))
    }
}

extension Money: Codable {
    enum CodingKeys: String, CodingKey { case amount, currency }

    /// `{"amount": "1234.56", "currency": "CAD"}`: exact decimal text, never a JSON number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(Currency.self, forKey: .currency)
        let text = try container.decode(String.self, forKey: .amount)
        do { self = try AmountFormat.canonical.parse(text, currency: currency) } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(decimalString, forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
