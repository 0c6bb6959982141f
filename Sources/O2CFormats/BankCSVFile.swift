import Foundation
import O2CDomain

/// How a bank portal's or a lockbox's CSV export reads: which column holds what. Saved under a
/// name (`o2c bank mappings add`), since every bank writes its own layout.
public struct BankCSVMapping: Sendable, Hashable, Codable {
    public enum DateFormat: String, Sendable, Codable, CaseIterable {
        case iso = "YYYY-MM-DD", us = "MM/DD/YYYY", european = "DD/MM/YYYY"
    }

    public var name: String
    public var date: String
    /// One signed amount column (credits positive) …
    public var amount: String?
    /// … or a credit column and a debit column.
    public var credit: String?
    public var debit: String?
    public var reference: String?
    public var payer: String?
    /// Columns joined into the remittance text.
    public var text: [String]
    /// The account: a column, or one account for the whole file.
    public var accountColumn: String?
    public var accountNumber: String?
    /// The currency: a column, or one for the whole file.
    public var currencyColumn: String?
    public var currency: String?
    public var dateFormat: DateFormat
    /// `english` (1,234.56) or `canadianFrench` (1 234,56); `canonical` for plain figures.
    public var amountFormat: AmountFormat

    public init(name: String, date: String, amount: String?, credit: String?, debit: String?, reference: String?, payer: String?, text: [String],
                accountColumn: String?, accountNumber: String?, currencyColumn: String?, currency: String?, dateFormat: DateFormat, amountFormat: AmountFormat) {
        self.name = name
        self.date = date
        self.amount = amount
        self.credit = credit
        self.debit = debit
        self.reference = reference
        self.payer = payer
        self.text = text
        self.accountColumn = accountColumn
        self.accountNumber = accountNumber
        self.currencyColumn = currencyColumn
        self.currency = currency
        self.dateFormat = dateFormat
        self.amountFormat = amountFormat
    }

    /// What must hold for the mapping to read anything.
    public func validate() throws(DomainError) {
        guard amount != nil || credit != nil || debit != nil else { throw DomainError(field: "--amount", "a mapping names an amount column, or credit and debit columns") }
        guard amount == nil || (credit == nil && debit == nil) else { throw DomainError(field: "--amount", "a signed amount column, or credit and debit columns: not both") }
        guard amount != nil || (credit != nil && debit != nil) else {
            throw DomainError(field: credit == nil ? "--credit" : "--debit", "credit and debit columns go together: name both (or one signed --amount column)")
        }
        guard accountColumn != nil || accountNumber != nil else { throw DomainError(field: "--account", "name the account column, or the file's one account number") }
        guard currencyColumn != nil || currency != nil else { throw DomainError(field: "--currency", "name the currency column, or the file's currency") }
    }
}

/// A bank CSV read through its mapping: one statement per account, every bad row reported.
public enum BankCSVFile {
    public static func parse(_ data: Data, fileName: String, mapping: BankCSVMapping) throws(FileErrors) -> BankFile {
        let table: CSVTable
        do { table = try CSVTable(data, fileName: fileName) } catch { throw FileErrors([error]) }
        var errors: [DomainError] = []
        let wanted = [mapping.date, mapping.amount, mapping.credit, mapping.debit, mapping.reference, mapping.payer, mapping.accountColumn, mapping.currencyColumn]
            .compactMap { $0 } + mapping.text
        for column in wanted where table.column(column.lowercased()) == nil {
            errors.append(DomainError(field: column, "the mapping '\(mapping.name)' reads this column, which the file does not have", location: "\(fileName):1"))
        }
        if !errors.isEmpty { throw FileErrors(errors) }
        var statements: [String: BankStatement] = [:]
        var order: [String] = []
        for record in table.records {
            func value(_ column: String?) -> String { column.map { table.value(record, table.column($0.lowercased())) } ?? "" }
            let at = "\(fileName):\(record.line)"
            do {
                let account = mapping.accountNumber ?? value(mapping.accountColumn)
                guard !account.isEmpty else { throw DomainError(field: mapping.accountColumn ?? "account", "empty") }
                let currency = try Currency(code: (mapping.currency ?? value(mapping.currencyColumn)).uppercased())
                let date = try parseDate(value(mapping.date), format: mapping.dateFormat, field: mapping.date)
                var signed: Int64
                if let column = mapping.amount {
                    signed = try mapping.amountFormat.parse(value(column), currency: currency, field: column).minorUnits
                } else {
                    let credit = value(mapping.credit), debit = value(mapping.debit)
                    let c = credit.isEmpty ? 0 : try mapping.amountFormat.parse(credit, currency: currency, field: mapping.credit ?? "credit").minorUnits
                    let d = debit.isEmpty ? 0 : try mapping.amountFormat.parse(debit, currency: currency, field: mapping.debit ?? "debit").minorUnits
                    // One movement per row: a row with both is a file to look at, not to net.
                    guard c == 0 || d == 0 else { throw DomainError(field: mapping.credit ?? "credit", "a row gives both a credit (\(credit)) and a debit (\(debit)): one movement per row") }
                    signed = c - d
                }
                guard signed != 0 else { throw DomainError(field: mapping.amount ?? mapping.credit ?? "amount", "a line moves some money") }
                let text = mapping.text.map { value($0) }.filter { !$0.isEmpty }.joined(separator: " ")
                let reference = value(mapping.reference)
                let payer = value(mapping.payer)
                let line = BankLine(sourceLine: record.line, bankReference: reference.isEmpty ? nil : reference, customerReference: nil,
                                    amount: Money(minorUnits: abs(signed), currency: currency), direction: signed > 0 ? .credit : .debit,
                                    bookingDate: date, valueDate: nil, typeCode: nil, isReversal: false, isBooked: true,
                                    payerName: payer.isEmpty ? nil : payer, payerAccount: nil, structuredReferences: [],
                                    text: payer.isEmpty ? text : payer + " " + text)
                let key = "\(account)/\(currency.code)"
                if statements[key] == nil {
                    order.append(key)
                    statements[key] = BankStatement(accountNumber: account, currency: currency, statementID: nil, date: date,
                                                    openingBalance: nil, closingBalance: nil, lines: [])
                }
                statements[key]!.lines.append(line)
                statements[key]!.date = max(statements[key]!.date ?? date, date)
            } catch let error as DomainError {
                errors.append(DomainError(field: error.field, error.message, location: at))
            } catch {
                errors.append(DomainError(field: "", "\(error)", location: at))
            }
        }
        if !errors.isEmpty { throw FileErrors(errors) }
        return BankFile(format: .csv, fileName: fileName, fileID: nil, statements: order.compactMap { statements[$0] })
    }

    static func parseDate(_ text: String, format: BankCSVMapping.DateFormat, field: String) throws(DomainError) -> BusinessDate {
        switch format {
        case .iso: return try BusinessDate(parsing: text, field: field)
        case .us, .european:
            let parts = text.split(separator: "/").map { Int($0) }
            guard parts.count == 3, let a = parts[0], let b = parts[1], let y = parts[2] else {
                throw DomainError(field: field, "'\(text)' is not a date (\(format.rawValue))")
            }
            let (month, day) = format == .us ? (a, b) : (b, a)
            do { return try BusinessDate(year: y < 100 ? 2000 + y : y, month: month, day: day) } catch {
                throw DomainError(field: field, "'\(text)' is not a date (\(format.rawValue))")
            }
        }
    }
}
