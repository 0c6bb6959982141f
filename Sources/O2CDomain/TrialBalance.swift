import Foundation

/// The trial balance of an entity at a date: per account, the debits and credits posted up to that
/// date and the balance, in the functional currency, with the transaction currencies behind them.
public struct TrialBalance: Sendable, Hashable, Codable {
    public struct CurrencyTotals: Sendable, Hashable, Codable {
        public var currency: Currency
        public var debit: Int64
        public var credit: Int64
        public var balance: Int64 { debit - credit }

        public init(currency: Currency, debit: Int64, credit: Int64) {
            self.currency = currency
            self.debit = debit
            self.credit = credit
        }
    }

    public struct Row: Sendable, Hashable, Codable {
        public var accountCode: String
        public var accountName: String
        public var accountType: AccountType
        /// Functional-currency movements.
        public var debit: Int64
        public var credit: Int64
        /// Debit minus credit: positive is a debit balance.
        public var balance: Int64 { debit - credit }
        /// Movements in each transaction currency, for accounts that hold foreign amounts.
        public var byCurrency: [CurrencyTotals]

        public init(accountCode: String, accountName: String, accountType: AccountType, debit: Int64, credit: Int64, byCurrency: [CurrencyTotals]) {
            self.accountCode = accountCode
            self.accountName = accountName
            self.accountType = accountType
            self.debit = debit
            self.credit = credit
            self.byCurrency = byCurrency
        }
    }

    public var entityCode: String
    public var asOf: BusinessDate
    public var currency: Currency
    public var rows: [Row]

    public var totalDebit: Int64 { rows.reduce(0) { $0 + $1.debit } }
    public var totalCredit: Int64 { rows.reduce(0) { $0 + $1.credit } }
    /// Zero in a sound ledger: every entry balanced, so their sum does.
    public var imbalance: Int64 { totalDebit - totalCredit }

    public init(entityCode: String, asOf: BusinessDate, currency: Currency, rows: [Row]) {
        self.entityCode = entityCode
        self.asOf = asOf
        self.currency = currency
        self.rows = rows
    }

    /// Computes a trial balance from ledger lines, as a pure function; the store computes the same
    /// figures from its running balances, and tests hold the two against each other.
    public static func compute(entityCode: String, asOf: BusinessDate, currency: Currency, accounts: [Account],
                               entries: [(date: BusinessDate, lines: [LedgerLine])]) -> TrialBalance {
        var movements: [String: (debit: Int64, credit: Int64, byCurrency: [Currency: (Int64, Int64)])] = [:]
        for entry in entries where entry.date <= asOf {
            for line in entry.lines {
                var m = movements[line.accountCode] ?? (0, 0, [:])
                m.debit += line.functionalDebit
                m.credit += line.functionalCredit
                let c = m.byCurrency[line.currency] ?? (0, 0)
                m.byCurrency[line.currency] = (c.0 + line.debit, c.1 + line.credit)
                movements[line.accountCode] = m
            }
        }
        let rows = accounts.sorted { $0.code < $1.code }.compactMap { account -> Row? in
            guard let m = movements[account.code] else { return nil }
            return Row(accountCode: account.code, accountName: account.name, accountType: account.type, debit: m.debit, credit: m.credit,
                       byCurrency: m.byCurrency.map { CurrencyTotals(currency: $0.key, debit: $0.value.0, credit: $0.value.1) }
                           .sorted { $0.currency.code < $1.currency.code })
        }
        return TrialBalance(entityCode: entityCode, asOf: asOf, currency: currency, rows: rows)
    }
}
