import Foundation

/// An ISO 4217 currency, with the number of minor-unit digits (its exponent) that amounts in it carry.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The three-letter ISO 4217 code, e.g. `CAD`.
    public let code: String
    /// Digits after the decimal point: 2 for CAD, 0 for JPY, 3 for KWD.
    public let exponent: Int
    /// The symbol used where the currency is clear from context (`$`, `€`, `£`, `¥`).
    public let symbol: String

    public var description: String { code }

    /// 10^exponent: minor units in one major unit.
    public var minorUnitsPerMajor: Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    init(code: String, exponent: Int, symbol: String) {
        self.code = code
        self.exponent = exponent
        self.symbol = symbol
    }

    /// Looks up a currency by its ISO code (case-insensitive); throws for a code we do not know.
    public init(code: String) throws(DomainError) {
        // Codes read back from the books are already clean: no trimming or case folding.
        if let known = Currency.known[code] { self = known; return }
        let upper = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard let known = Currency.known[upper] else {
            throw DomainError(field: "currency", "unknown currency '\(code)' (known: \(Currency.known.keys.sorted().joined(separator: ", ")))")
        }
        self = known
    }

    public static let CAD = Currency(code: "CAD", exponent: 2, symbol: "$")
    public static let USD = Currency(code: "USD", exponent: 2, symbol: "$")
    public static let EUR = Currency(code: "EUR", exponent: 2, symbol: "€")
    public static let GBP = Currency(code: "GBP", exponent: 2, symbol: "£")
    public static let JPY = Currency(code: "JPY", exponent: 0, symbol: "¥")
    public static let CHF = Currency(code: "CHF", exponent: 2, symbol: "CHF")
    public static let AUD = Currency(code: "AUD", exponent: 2, symbol: "$")
    public static let MXN = Currency(code: "MXN", exponent: 2, symbol: "$")
    public static let KWD = Currency(code: "KWD", exponent: 3, symbol: "KD")

    /// The currencies OrderToCash accepts. Adding one is adding a line here.
    public static let known: [String: Currency] = Dictionary(
        uniqueKeysWithValues: [CAD, USD, EUR, GBP, JPY, CHF, AUD, MXN, KWD].map { ($0.code, $0) }
    )

    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        do { self = try Currency(code: code) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
