import Foundation

/// How a quotient that falls between two integers is brought to one of them. Every rounding in
/// OrderToCash names its rule; none happens by accident of a type conversion.
public enum RoundingRule: String, Sendable, Codable, CaseIterable {
    /// Halves go away from zero (2.5 → 3, −2.5 → −3): the rule of invoices and tax.
    case halfUp
    /// Halves go to the even neighbour (2.5 → 2, 3.5 → 4): banker's rounding, for FX conversions.
    case halfEven
    /// Toward zero (truncation).
    case down
    /// Away from zero.
    case up

    /// `numerator / denominator` rounded to an integer by this rule. The denominator must not be zero.
    public func divide(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator != 0, "division by zero")
        var n = numerator, d = denominator
        if d < 0 { n = -n; d = -d }
        let negative = n < 0
        let magnitude = negative ? -n : n
        var quotient = magnitude / d
        let remainder = magnitude % d
        if remainder != 0 {
            let twice = remainder * 2
            switch self {
            case .down: break
            case .up: quotient += 1
            case .halfUp: if twice >= d { quotient += 1 }
            case .halfEven:
                if twice > d || (twice == d && quotient % 2 == 1) { quotient += 1 }
            }
        }
        return negative ? -quotient : quotient
    }
}

/// An exact decimal number — a rate, a percentage, a quantity — held as `units / 10^scale`.
/// Floating point never holds money or rates here.
public struct ExactDecimal: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    // NB: stored in 64 bits (18 significant digits are plenty for rates and quantities): a value
    // holding an Int128 crashed the Swift 6.3 runtime on Linux when it crossed an async call.
    // Arithmetic widens to Int128 in local, synchronous code.
    private let storage: Int64
    public let scale: Int

    public var units: Int128 { Int128(storage) }

    public init(units: Int128, scale: Int) {
        precondition(scale >= 0 && scale <= 18, "scale out of range")
        guard let narrow = Int64(exactly: units) else { preconditionFailure("decimal out of range") }
        self.storage = narrow
        self.scale = scale
    }

    public init(_ integer: Int) { self.init(units: Int128(integer), scale: 0) }

    /// Parses `1.3725`, `-0.05`, `9.975`: digits, at most one point, an optional leading minus.
    public init(parsing text: String, field: String = "value") throws(DomainError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var body = Substring(trimmed)
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() } else if body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty))
        else { throw DomainError(field: field, "'\(text)' is not a decimal number (expected e.g. 1.3725)") }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 12, parts[0].drop(while: { $0 == "0" }).count + fraction.count <= 18 else {
            throw DomainError(field: field, "'\(text)' has too many digits")
        }
        var units: Int128 = 0
        for ch in parts[0] + fraction { units = units * 10 + Int128(ch.wholeNumberValue!) }
        self.init(units: negative ? -units : units, scale: fraction.count)
    }

    public static func pow10(_ n: Int) -> Int128 {
        var r: Int128 = 1
        for _ in 0..<n { r *= 10 }
        return r
    }

    /// The same number at a larger scale (never loses digits).
    public func rescaled(to newScale: Int) -> Int128 {
        precondition(newScale >= scale)
        return units * ExactDecimal.pow10(newScale - scale)
    }

    /// Drops trailing zeros of the fraction: 1.3700 → 1.37.
    public var normalized: ExactDecimal {
        var u = units, s = scale
        while s > 0 && u % 10 == 0 { u /= 10; s -= 1 }
        return ExactDecimal(units: u, scale: s)
    }

    public var isZero: Bool { units == 0 }

    /// A fraction as a percentage for people: 0.09975 → `9.975%`, 1 → `100%`.
    public var percentText: String {
        let hundredfold = scale >= 2 ? ExactDecimal(units: units, scale: scale - 2) : ExactDecimal(units: units * ExactDecimal.pow10(2 - scale), scale: 0)
        return hundredfold.normalized.description + "%"
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let s = max(lhs.scale, rhs.scale)
        return lhs.rescaled(to: s) < rhs.rescaled(to: s)
    }

    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        let s = max(lhs.scale, rhs.scale)
        return lhs.rescaled(to: s) == rhs.rescaled(to: s)
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.units)
        hasher.combine(n.scale)
    }

    /// `integer × self`, rounded to an integer by `rule`.
    public func multiply(_ integer: Int64, rounding rule: RoundingRule) -> Int64 {
        Int64(rule.divide(Int128(integer) * units, by: ExactDecimal.pow10(scale)))
    }

    public var description: String {
        let negative = units < 0
        let magnitude = negative ? -units : units
        var digits = String(magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (negative ? "-" : "") + digits
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let s = try? container.decode(String.self) { text = s } else { text = String(try container.decode(Int.self)) }
        do { self = try ExactDecimal(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(normalized.description)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
