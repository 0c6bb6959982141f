import Foundation
import SQLKit
import O2CDomain

/// A customer's balance on one auxiliary account, in one currency.
public struct CustomerBalance: Sendable, Hashable, Codable {
    public var customerCode: String
    public var customerName: String
    public var accountCode: String
    public var currency: Currency
    public var debit: Int64
    public var credit: Int64
    public var functionalDebit: Int64
    public var functionalCredit: Int64
    public var balance: Int64 { debit - credit }
    public var functionalBalance: Int64 { functionalDebit - functionalCredit }
}

extension Transaction {
    /// The movements up to `asOf`, per (account, customer, currency): whole months from the running
    /// balances, the days of a partly-covered month from the lines themselves.
    private func movements(entityID: Int64, asOf: BusinessDate, perCustomer: Bool) async throws -> [any SQLRow] {
        let month = asOf.period
        let throughWholeMonths = asOf == month.lastDay ? month : month.previous
        let customerColumn: SQLQueryString = perCustomer ? "customer_id" : "0"
        var query: SQLQueryString = """
            SELECT account_id, \(customerColumn) AS customer_id, currency,
                   CAST(SUM(debit) AS BIGINT) AS debit, CAST(SUM(credit) AS BIGINT) AS credit,
                   CAST(SUM(functional_debit) AS BIGINT) AS functional_debit, CAST(SUM(functional_credit) AS BIGINT) AS functional_credit
            FROM (
                SELECT account_id, customer_id, currency, debit, credit, functional_debit, functional_credit
                FROM ledger_balances WHERE entity_id = \(bind: entityID) AND period <= \(bind: throughWholeMonths.description)
            """
        if perCustomer { query += " AND customer_id <> 0" }
        if throughWholeMonths != month {
            query += """

                UNION ALL
                SELECT l.account_id, COALESCE(l.customer_id, 0), l.currency, l.debit, l.credit, l.functional_debit, l.functional_credit
                FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
                WHERE e.entity_id = \(bind: entityID) AND e.entry_date >= \(bind: month.firstDay.description)
                  AND e.entry_date <= \(bind: asOf.description)
                """
            if perCustomer { query += " AND l.customer_id IS NOT NULL" }
        }
        query += perCustomer ? ") m GROUP BY account_id, customer_id, currency" : ") m GROUP BY account_id, currency"
        return try await sql.raw(query).all()
    }

    /// The trial balance of an entity at a date, from the running balances.
    public func trialBalance(entity: EntityRecord, asOf: BusinessDate) async throws -> TrialBalance {
        let accounts = try await accounts(entityID: entity.id)
        let byID = Dictionary(uniqueKeysWithValues: accounts.map { ($0.id, $0.account) })
        var rows: [Int64: TrialBalance.Row] = [:]
        for row in try await movements(entityID: entity.id, asOf: asOf, perCustomer: false) {
            let accountID = try row.decode(column: "account_id", as: Int64.self)
            guard let account = byID[accountID] else { continue }
            var entry = rows[accountID] ?? TrialBalance.Row(accountCode: account.code, accountName: account.name, accountType: account.type,
                                                            debit: 0, credit: 0, byCurrency: [])
            entry.debit += try row.decode(column: "functional_debit", as: Int64.self)
            entry.credit += try row.decode(column: "functional_credit", as: Int64.self)
            entry.byCurrency.append(.init(currency: try Currency(code: try row.decode(column: "currency", as: String.self)),
                                          debit: try row.decode(column: "debit", as: Int64.self),
                                          credit: try row.decode(column: "credit", as: Int64.self)))
            rows[accountID] = entry
        }
        let sorted = rows.values.map { row -> TrialBalance.Row in
            var row = row
            row.byCurrency.sort { $0.currency.code < $1.currency.code }
            return row
        }.sorted { $0.accountCode < $1.accountCode }
        return TrialBalance(entityCode: entity.entity.code, asOf: asOf, currency: entity.entity.functionalCurrency, rows: sorted)
    }

    /// Every customer's balance on each auxiliary account at a date (zero balances omitted).
    public func customerBalances(entity: EntityRecord, asOf: BusinessDate) async throws -> [CustomerBalance] {
        let accounts = Dictionary(uniqueKeysWithValues: try await accounts(entityID: entity.id).map { ($0.id, $0.account) })
        let rows = try await movements(entityID: entity.id, asOf: asOf, perCustomer: true)
        var customerIDs = Set<Int64>()
        for row in rows { customerIDs.insert(try row.decode(column: "customer_id", as: Int64.self)) }
        let customers = try await self.customers(ids: customerIDs)
        var result: [CustomerBalance] = []
        for row in rows {
            let customer = customers[try row.decode(column: "customer_id", as: Int64.self)]!
            let balance = CustomerBalance(
                customerCode: customer.code, customerName: customer.name,
                accountCode: accounts[try row.decode(column: "account_id", as: Int64.self)]?.code ?? "?",
                currency: try Currency(code: try row.decode(column: "currency", as: String.self)),
                debit: try row.decode(column: "debit", as: Int64.self), credit: try row.decode(column: "credit", as: Int64.self),
                functionalDebit: try row.decode(column: "functional_debit", as: Int64.self),
                functionalCredit: try row.decode(column: "functional_credit", as: Int64.self))
            if balance.balance != 0 || balance.functionalBalance != 0 { result.append(balance) }
        }
        return result.sorted { ($0.customerCode, $0.accountCode, $0.currency.code) < ($1.customerCode, $1.accountCode, $1.currency.code) }
    }
}
