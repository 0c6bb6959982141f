import Foundation
import PropertyBased
import Testing
@testable import O2CDomain

@Suite("Money: parsing, formatting, rounding, splitting")
struct MoneyTests {
    @Test("English and Canadian-French conventions format as people expect")
    func formats() {
        let amount = Money(minorUnits: 123_456, currency: .CAD)
        #expect(AmountFormat.english.format(amount) == "1,234.56")
        #expect(AmountFormat.english.format(amount, symbol: true) == "$1,234.56")
        #expect(AmountFormat.canadianFrench.format(amount) == "1\u{00A0}234,56")
        #expect(AmountFormat.canadianFrench.format(amount, symbol: true) == "1\u{00A0}234,56\u{00A0}$")
        #expect(AmountFormat.canonical.format(-amount) == "-1234.56")
        #expect(AmountFormat.english.format(Money(minorUnits: -5, currency: .USD)) == "-0.05")
        #expect(AmountFormat.english.format(Money(minorUnits: 1_234_567_890, currency: .CAD)) == "12,345,678.90")
    }

    @Test("JPY has no minor unit and KWD has three: the exponent is honoured")
    func exponents() throws {
        #expect(AmountFormat.english.format(Money(minorUnits: 1235, currency: .JPY)) == "1,235")
        #expect(try AmountFormat.english.parse("1,235", currency: .JPY).minorUnits == 1235)
        #expect(throws: DomainError.self) { try AmountFormat.english.parse("12.5", currency: .JPY) }
        #expect(try AmountFormat.canonical.parse("1.234", currency: .KWD).minorUnits == 1234)
        #expect(AmountFormat.canonical.format(Money(minorUnits: 1, currency: .KWD)) == "0.001")
        // 100 JPY at 0.0091 CAD per yen is 0.91 CAD; 1.00 CAD at 109.5 JPY is 110 JPY (half-up).
        let yen = Money(minorUnits: 100, currency: .JPY)
        #expect(yen.multiplied(by: try ExactDecimal(parsing: "0.0091"), rounding: .halfUp, into: .CAD) == Money(minorUnits: 91, currency: .CAD))
        let dollar = Money(minorUnits: 100, currency: .CAD)
        #expect(dollar.multiplied(by: try ExactDecimal(parsing: "109.5"), rounding: .halfUp, into: .JPY) == Money(minorUnits: 110, currency: .JPY))
        #expect(dollar.multiplied(by: try ExactDecimal(parsing: "109.5"), rounding: .halfEven, into: .JPY) == Money(minorUnits: 110, currency: .JPY))
        #expect(dollar.multiplied(by: try ExactDecimal(parsing: "108.5"), rounding: .halfEven, into: .JPY) == Money(minorUnits: 108, currency: .JPY))
    }

    @Test("Each convention parses its own writing", arguments: [
        ("1,234.56", AmountFormat.english, Int64(123_456)),
        ("$1,234.56", .english, 123_456),
        ("CAD 1,234.56", .english, 123_456),
        ("-1,234.56", .english, -123_456),
        ("(1,234.56)", .english, -123_456),
        ("1234.5", .english, 123_450),
        ("0.07", .english, 7),
        ("1 234,56 $", .canadianFrench, 123_456),
        ("1\u{00A0}234,56\u{00A0}$", .canadianFrench, 123_456),
        ("1\u{202F}234,56", .canadianFrench, 123_456),
        ("-12,50", .canadianFrench, -1250),
        ("1234.56", .canonical, 123_456),
    ])
    func parses(text: String, format: AmountFormat, minor: Int64) throws {
        #expect(try format.parse(text, currency: .CAD).minorUnits == minor)
    }

    @Test("Malformed and ambiguous amounts are refused with the reason", arguments: [
        "12,3.4", "1,23,456.00", "1.2.3", "12.345", "", "abc", "1,234.", "--5", "1 234.56", "12,34,567",
    ])
    func refusesMalformed(text: String) {
        #expect(throws: DomainError.self) { try AmountFormat.english.parse(text, currency: .CAD) }
    }

    @Test("An amount whose reading depends on the convention is refused when the convention is unknown")
    func ambiguity() throws {
        #expect(try AmountFormat.parseUnambiguous("1,234.56", currency: .CAD).minorUnits == 123_456)
        #expect(try AmountFormat.parseUnambiguous("1 234,56", currency: .CAD).minorUnits == 123_456)
        #expect(try AmountFormat.parseUnambiguous("1234", currency: .CAD).minorUnits == 123_400)
        #expect(try AmountFormat.parseUnambiguous("12,50", currency: .CAD).minorUnits == 1250)
        // In yen, "1,234" reads as 1234 in English and is impossible in French: unambiguous.
        #expect(try AmountFormat.parseUnambiguous("1,234", currency: .JPY).minorUnits == 1234)
        // In KWD (three decimals) "1,234" is 1234 in English and 1.234 in French: ambiguous.
        let error = #expect(throws: DomainError.self) { try AmountFormat.parseUnambiguous("1,234", currency: .KWD) }
        #expect(error?.message.contains("ambiguous") == true)
        #expect(throws: DomainError.self) { try AmountFormat.parseUnambiguous("12,3.4", currency: .CAD) }
    }

    @Test("Rounding rules, each explicit", arguments: [
        // numerator, denominator, half-up, half-even, down, up
        (Int128(25), Int128(10), Int128(3), Int128(2), Int128(2), Int128(3)),
        (35, 10, 4, 4, 3, 4),
        (-25, 10, -3, -2, -2, -3),
        (-35, 10, -4, -4, -3, -4),
        (24, 10, 2, 2, 2, 3),
        (26, 10, 3, 3, 2, 3),
        (1, 3, 0, 0, 0, 1),
        (2, 3, 1, 1, 0, 1),
        (5, -10, -1, 0, 0, -1),
        (0, 7, 0, 0, 0, 0),
    ])
    func rounding(n: Int128, d: Int128, halfUp: Int128, halfEven: Int128, down: Int128, up: Int128) {
        #expect(RoundingRule.halfUp.divide(n, by: d) == halfUp)
        #expect(RoundingRule.halfEven.divide(n, by: d) == halfEven)
        #expect(RoundingRule.down.divide(n, by: d) == down)
        #expect(RoundingRule.up.divide(n, by: d) == up)
    }

    @Test("Sales tax rounds once, half-up: QST 9.975% of 42,350.00 is 4,224.41")
    func taxRounding() throws {
        let net = Money(minorUnits: 4_235_000, currency: .CAD)
        #expect(net.multiplied(by: try ExactDecimal(parsing: "0.09975"), rounding: .halfUp).minorUnits == 422_441)
        // 0.10 × 5% = 0.005: half-up gives 0.01, half-even 0.00.
        let dime = Money(minorUnits: 10, currency: .CAD)
        #expect(dime.multiplied(by: try ExactDecimal(parsing: "0.05"), rounding: .halfUp).minorUnits == 1)
        #expect(dime.multiplied(by: try ExactDecimal(parsing: "0.05"), rounding: .halfEven).minorUnits == 0)
    }

    @Test("Exact decimals parse and print without floating point")
    func exactDecimals() throws {
        #expect(try ExactDecimal(parsing: "1.3725").description == "1.3725")
        #expect(try ExactDecimal(parsing: "-0.05").description == "-0.05")
        #expect(try ExactDecimal(parsing: "1.3700") == ExactDecimal(parsing: "1.37"))
        #expect(try ExactDecimal(parsing: "1.3700").normalized.description == "1.37")
        for bad in ["", ".", "1.2.3", "1e5", "abc", "1,5"] {
            #expect(throws: DomainError.self) { try ExactDecimal(parsing: bad) }
        }
    }

    @Test("Splitting by weights: largest remainder, nothing lost")
    func splitByWeights() throws {
        let hundred = Money(minorUnits: 10_000, currency: .CAD)
        #expect(try hundred.allocated(byWeights: [1, 1, 1]).map(\.minorUnits) == [3334, 3333, 3333])
        #expect(try hundred.allocated(byWeights: [50, 30, 20]).map(\.minorUnits) == [5000, 3000, 2000])
        #expect(try Money(minorUnits: 5, currency: .CAD).allocated(byWeights: [1, 0, 1]).map(\.minorUnits) == [3, 0, 2])
        #expect(try (-hundred).allocated(byWeights: [1, 1, 1]).map(\.minorUnits) == [-3334, -3333, -3333])
        #expect(try Money(minorUnits: 100, currency: .CAD).instalments(3).map(\.minorUnits) == [34, 33, 33])
        #expect(try Money(minorUnits: 1000, currency: .JPY).instalments(3).map(\.minorUnits) == [334, 333, 333])
        #expect(throws: DomainError.self) { try hundred.allocated(byWeights: []) }
        #expect(throws: DomainError.self) { try hundred.allocated(byWeights: [0, 0]) }
        #expect(throws: DomainError.self) { try hundred.allocated(byWeights: [1, -1]) }
        #expect(throws: DomainError.self) { try hundred.instalments(0) }
    }

    @Test("Property: splitting by any weights never loses or creates a cent")
    func splitProperty() async {
        await propertyCheck(count: 500, input: Gen.int64(in: -10_000_000_000...10_000_000_000),
                            Gen.int64(in: 0...1_000_000).array(of: 1...12)) { amount, weights throws in
            let money = Money(minorUnits: amount, currency: .CAD)
            guard weights.contains(where: { $0 > 0 }) else { return }
            let parts = try money.allocated(byWeights: weights)
            #expect(parts.reduce(Int64(0)) { $0 + $1.minorUnits } == amount)
            #expect(parts.count == weights.count)
            // Each part is within one cent of its exact share, and a zero weight gets nothing.
            let total = weights.reduce(Int128(0)) { $0 + Int128($1) }
            for (part, weight) in zip(parts, weights) {
                let exact = Int128(amount) * Int128(weight)
                let diff = Int128(part.minorUnits) * total - exact
                #expect(abs(diff) < total)
                if weight == 0 { #expect(part.minorUnits == 0) }
            }
        }
    }

    @Test("Property: instalments add up to the whole and differ by at most a cent")
    func instalmentProperty() async {
        await propertyCheck(count: 300, input: Gen.int64(in: 0...1_000_000_000_000), Gen.int(in: 1...120)) { amount, count throws in
            let parts = try Money(minorUnits: amount, currency: .USD).instalments(count).map(\.minorUnits)
            #expect(parts.reduce(0, +) == amount)
            #expect(parts.max()! - parts.min()! <= 1)
        }
    }

    @Test("Property: what is formatted in any convention parses back to the same amount")
    func roundTrip() async {
        await propertyCheck(count: 500, input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)) { minor throws in
            for currency in [Currency.CAD, .JPY, .KWD] {
                let money = Money(minorUnits: minor, currency: currency)
                for format in AmountFormat.allCases {
                    #expect(try format.parse(format.format(money), currency: currency) == money)
                    #expect(try format.parse(format.format(money, symbol: true), currency: currency) == money)
                }
            }
        }
    }

    @Test("Currencies are ISO 4217 codes we know")
    func currencies() throws {
        #expect(try Currency(code: "cad") == .CAD)
        #expect(Currency.JPY.exponent == 0)
        #expect(Currency.EUR.exponent == 2 && Currency.GBP.exponent == 2)
        let error = #expect(throws: DomainError.self) { try Currency(code: "XYZ") }
        #expect(error?.field == "currency")
    }
}
