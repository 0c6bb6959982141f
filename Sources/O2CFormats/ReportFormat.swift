import Foundation
import O2CDomain

/// How a report is printed: aligned table for people, CSV for spreadsheets, JSON for scripts and
/// auditors (stable keys, documented in `docs/json-output.md`).
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, csv, json
}

/// A JSON amount: the exact decimal text and the integer minor units, never a float.
public struct JSONAmount: Codable, Sendable, Equatable {
    public var amount: String
    public var minor: Int64

    public init(_ minor: Int64, _ currency: Currency) {
        self.amount = AmountFormat.canonical.format(Money(minorUnits: minor, currency: currency))
        self.minor = minor
    }
}

public enum JSONOutput {
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// The trial balance in each format.
public enum TrialBalanceReport {
    struct Document: Codable {
        struct CurrencyLine: Codable {
            var currency: String
            var debit: JSONAmount
            var credit: JSONAmount
            var balance: JSONAmount
        }
        struct AccountLine: Codable {
            var account: String
            var name: String
            var type: String
            var debit: JSONAmount
            var credit: JSONAmount
            var balance: JSONAmount
            var currencies: [CurrencyLine]
        }
        struct Totals: Codable {
            var debit: JSONAmount
            var credit: JSONAmount
            var imbalance: JSONAmount
        }
        var entity: String
        var as_of: String
        var currency: String
        var accounts: [AccountLine]
        var totals: Totals
    }

    public static func render(_ tb: TrialBalance, as format: ReportFormat) -> String {
        let c = tb.currency
        func text(_ minor: Int64, _ currency: Currency = c) -> String { AmountFormat.english.format(Money(minorUnits: minor, currency: currency)) }
        switch format {
        case .json:
            let document = Document(
                entity: tb.entityCode, as_of: tb.asOf.description, currency: c.code,
                accounts: tb.rows.map { row in
                    Document.AccountLine(
                        account: row.accountCode, name: row.accountName, type: row.accountType.rawValue,
                        debit: JSONAmount(row.debit, c), credit: JSONAmount(row.credit, c), balance: JSONAmount(row.balance, c),
                        currencies: row.byCurrency.map {
                            .init(currency: $0.currency.code, debit: JSONAmount($0.debit, $0.currency),
                                  credit: JSONAmount($0.credit, $0.currency), balance: JSONAmount($0.balance, $0.currency))
                        })
                },
                totals: .init(debit: JSONAmount(tb.totalDebit, c), credit: JSONAmount(tb.totalCredit, c), imbalance: JSONAmount(tb.imbalance, c)))
            return JSONOutput.encode(document)
        case .csv:
            let rows = tb.rows.map { row in
                [row.accountCode, row.accountName, row.accountType.rawValue,
                 AmountFormat.canonical.format(Money(minorUnits: row.debit, currency: c)),
                 AmountFormat.canonical.format(Money(minorUnits: row.credit, currency: c)),
                 AmountFormat.canonical.format(Money(minorUnits: row.balance, currency: c))]
            }
            return CSVWriter.write(header: ["account", "name", "type", "debit", "credit", "balance"], rows: rows)
        case .table:
            var table = TextTable([("Account", .left), ("Name", .left), ("Debit", .right), ("Credit", .right), ("Balance", .right), ("Foreign", .left)])
            for row in tb.rows {
                let foreign = row.byCurrency.filter { $0.currency != c && $0.balance != 0 }.map { "\(balanceText($0.balance, $0.currency)) \($0.currency.code)" }.joined(separator: ", ")
                table.add([row.accountCode, row.accountName, text(row.debit), text(row.credit), balanceText(row.balance, c), foreign])
            }
            table.footer = [["", "Total", text(tb.totalDebit), text(tb.totalCredit), balanceText(tb.imbalance, c), ""]]
            return "Trial balance of \(tb.entityCode) as of \(tb.asOf), in \(c.code)\n\n" + table.render()
        }
    }

    /// A balance for people: `1,234.56 Dr` or `1,234.56 Cr`.
    static func balanceText(_ minor: Int64, _ currency: Currency) -> String {
        if minor == 0 { return AmountFormat.english.format(Money.zero(currency)) }
        return AmountFormat.english.format(Money(minorUnits: minor, currency: currency).magnitude) + (minor > 0 ? " Dr" : " Cr")
    }
}
