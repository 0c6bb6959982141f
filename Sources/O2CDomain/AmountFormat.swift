import Foundation

/// How amounts are written for people and files.
///
/// - `canonical`: `-1234.56`, no grouping or symbol: files, JSON, beancount.
/// - `english`: `1,234.56` (comma groups, point decimals), `$1,234.56` with a symbol.
/// - `canadianFrench`: `1 234,56 $` (space groups, comma decimals, symbol after).
///
/// Parsing is strict: digits must be grouped by threes where grouped, a figure may not carry more
/// decimals than its currency has, and text whose reading depends on the convention is refused
/// rather than guessed.
public enum AmountFormat: String, Sendable, CaseIterable, Codable {
    case canonical
    case english
    case canadianFrench

    // The spaces French typography groups digits with: plain, no-break, narrow no-break.
    static let frenchGroupSeparators: Set<Character> = [" ", "\u{00A0}", "\u{202F}"]

    var groupSeparator: Character? {
        switch self {
        case .canonical: nil
        case .english: ","
        case .canadianFrench: "\u{00A0}"
        }
    }

    var decimalSeparator: Character {
        self == .canadianFrench ? "," : "."
    }

    /// Formats an amount; `symbol: true` adds the currency symbol where the convention places it.
    public func format(_ money: Money, symbol: Bool = false) -> String {
        let currency = money.currency
        let negative = money.minorUnits < 0
        let magnitude = negative ? UInt64(-(Int128(money.minorUnits))) : UInt64(money.minorUnits)
        let per = UInt64(currency.minorUnitsPerMajor)
        let whole = magnitude / per
        let fraction = magnitude % per
        var wholeText = String(whole)
        if let separator = groupSeparator, wholeText.count > 3 {
            var grouped = ""
            for (offset, digit) in wholeText.enumerated() {
                if offset > 0 && (wholeText.count - offset) % 3 == 0 { grouped.append(separator) }
                grouped.append(digit)
            }
            wholeText = grouped
        }
        var text = wholeText
        if currency.exponent > 0 {
            let digits = String(fraction)
            text += String(decimalSeparator) + String(repeating: "0", count: currency.exponent - digits.count) + digits
        }
        switch (self, symbol) {
        case (.canadianFrench, true): text += "\u{00A0}" + currency.symbol
        case (.english, true), (.canonical, true):
            text = currency.symbol.count == 1 ? currency.symbol + text : currency.symbol + "\u{00A0}" + text
        default: break
        }
        return (negative ? "-" : "") + text
    }

    /// Parses an amount written in this convention into `currency`'s minor units.
    public func parse(_ text: String, currency: Currency, field: String = "amount") throws(DomainError) -> Money {
        var body = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        func fail(_ why: String) -> DomainError {
            DomainError(field: field, "'\(text)' is not a valid amount: \(why)")
        }
        guard !body.isEmpty else { throw fail("it is empty") }
        var negative = false
        if body.first == "(" && body.last == ")" { negative = true; body = body.dropFirst().dropLast() }
        if body.first == "-" || body.first == "\u{2212}" {
            guard !negative else { throw fail("two signs") }
            negative = true
            body = body.dropFirst()
        }
        // The currency may be named by its code or symbol, before or after the figure.
        for marker in [currency.code, currency.symbol] where !marker.isEmpty {
            if body.hasSuffix(marker) { body = body.dropLast(marker.count) }
            if body.hasPrefix(marker) { body = body.dropFirst(marker.count) }
        }
        body = Substring(body.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\u{00A0}\u{202F}"))))
        if body.first == "-" {
            guard !negative else { throw fail("two signs") }
            negative = true
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCIIDigit || first == decimalSeparator else {
            throw fail("expected digits")
        }

        // Split at the decimal separator: at most one.
        let pieces = body.split(separator: decimalSeparator, omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { throw fail("more than one decimal separator '\(decimalSeparator)'") }
        let integerPart = pieces[0]
        let fractionPart = pieces.count == 2 ? pieces[1] : ""
        guard fractionPart.allSatisfy(\.isASCIIDigit) else { throw fail("unexpected character after the decimal separator") }
        if pieces.count == 2 && fractionPart.isEmpty { throw fail("no digits after the decimal separator") }
        guard fractionPart.count <= currency.exponent else {
            throw fail(currency.exponent == 0
                ? "\(currency.code) has no minor unit"
                : "\(currency.code) has \(currency.exponent) decimals, this has \(fractionPart.count)")
        }

        // The integer part: plain digits, or digits grouped by threes with this convention's separator.
        let isGroup: (Character) -> Bool = { ch in
            switch self {
            case .canonical: false
            case .english: ch == ","
            case .canadianFrench: AmountFormat.frenchGroupSeparators.contains(ch)
            }
        }
        let otherConventionMarks: Set<Character> = self == .canadianFrench ? ["."] : (self == .english ? [] : [","])
        var digits = ""
        var groups: [Int] = [0]
        for ch in integerPart {
            if ch.isASCIIDigit { digits.append(ch); groups[groups.count - 1] += 1 }
            else if isGroup(ch) { groups.append(0) }
            else if otherConventionMarks.contains(ch) || ch == "," || ch == "." {
                throw fail("'\(ch)' is not a separator of the \(self.rawValue) convention")
            } else { throw fail("unexpected character '\(ch)'") }
        }
        if groups.count > 1 {
            guard groups[0] >= 1 && groups[0] <= 3, groups.dropFirst().allSatisfy({ $0 == 3 }) else {
                throw fail("digits must be grouped by three")
            }
        }
        // At most 15 digits of minor units (under ten trillion dollars): sums of many lines and
        // conversions at any sane rate stay far inside 64 bits.
        guard digits.drop(while: { $0 == "0" }).count + currency.exponent <= Money.maximumDigits else { throw fail("too large") }
        let padded = String(fractionPart) + String(repeating: "0", count: currency.exponent - fractionPart.count)
        let minor = Int64(digits.isEmpty ? "0" : digits)! * currency.minorUnitsPerMajor + (padded.isEmpty ? 0 : Int64(padded)!)
        return Money(minorUnits: negative ? -minor : minor, currency: currency)
    }

    /// Parses an amount whose convention is not known (a typed figure, a spreadsheet cell).
    /// Accepts what only one convention can read in this currency; refuses what two conventions
    /// would read differently (in KWD, with three decimals, `1,234` is 1234 in English and 1.234 in
    /// French). In CAD `1,234` can only be 1234.00: French would need two decimals at most.
    public static func parseUnambiguous(_ text: String, currency: Currency, field: String = "amount") throws(DomainError) -> Money {
        var readings: [Money] = []
        var firstError: DomainError?
        for format in [AmountFormat.english, .canadianFrench] {
            do { readings.append(try format.parse(text, currency: currency, field: field)) } catch {
                if firstError == nil { firstError = error }
            }
        }
        if readings.isEmpty { throw firstError! }
        if readings.count == 2 && readings[0] != readings[1] {
            throw DomainError(field: field, "'\(text)' is ambiguous: \(readings[0].decimalString) in English, \(readings[1].decimalString) in French; write it unambiguously")
        }
        return readings[0]
    }
}
