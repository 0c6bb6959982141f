import Foundation

/// The five kinds of account of double-entry bookkeeping. Assets and expenses carry debit balances;
/// liabilities, equity and revenue carry credit balances.
public enum AccountType: String, Sendable, Codable, CaseIterable {
    case asset, liability, equity, revenue, expense

    /// The beancount root this type belongs under.
    public var beancountRoot: String {
        switch self {
        case .asset: "Assets"
        case .liability: "Liabilities"
        case .equity: "Equity"
        case .revenue: "Income"
        case .expense: "Expenses"
        }
    }
}

/// What an account is for, so that use cases find "the AR control account" or "the CAD bank
/// account" by meaning rather than by a number someone may renumber.
public enum AccountRole: String, Sendable, Codable, CaseIterable {
    case bank
    case receivable
    case unappliedCash
    /// Receipts not yet tied to a customer: a bank credit waits here until it is matched.
    case unidentifiedReceipts
    case unbilledRevenue
    case revenue
    case gstPayable
    case hstPayable
    case qstPayable
    case salesTaxPayable
    case bankFees
    /// Prompt-payment discounts customers took within the entity's limit (contra revenue).
    case salesDiscounts
    case fxGain
    case fxLoss
    case writeOff
    case badDebt
    case openingBalance
    case retainedEarnings

    /// Lines on these accounts are kept per customer (the auxiliary, or sub-ledger, account), so
    /// that the control account always equals the sum of the customers' items.
    public var tracksCustomers: Bool { self == .receivable || self == .unappliedCash }
}

/// An account of an entity's chart.
public struct Account: Hashable, Sendable, Codable {
    /// The account number, e.g. `1100`.
    public var code: String
    public var name: String
    public var type: AccountType
    public var role: AccountRole?
    /// Set for accounts that may only hold one currency (a bank account).
    public var currency: Currency?
    public var isActive: Bool

    public init(code: String, name: String, type: AccountType, role: AccountRole? = nil, currency: Currency? = nil, isActive: Bool = true) throws(DomainError) {
        guard !code.isEmpty, code.count <= 20, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else {
            throw DomainError(field: "code", "account code '\(code)' must be 1–20 letters, digits, '-' or '.'")
        }
        guard !name.isEmpty else { throw DomainError(field: "name", "account \(code) needs a name") }
        self.code = code
        self.name = name
        self.type = type
        self.role = role
        self.currency = currency
        self.isActive = isActive
    }

    public var tracksCustomers: Bool { role?.tracksCustomers ?? false }
}

/// The default chart of accounts of a North-American receivables entity. It is a starting point:
/// accounts stay editable and more can be added.
public enum DefaultChart {
    public static func accounts(for entity: LegalEntity) -> [Account] {
        var bankCurrencies = [entity.functionalCurrency]
        for c in [Currency.CAD, .USD] where !bankCurrencies.contains(c) { bankCurrencies.append(c) }
        var accounts: [Account] = []
        func add(_ code: String, _ name: String, _ type: AccountType, _ role: AccountRole?, _ currency: Currency? = nil) {
            accounts.append(try! Account(code: code, name: name, type: type, role: role, currency: currency))
        }
        for (offset, currency) in bankCurrencies.enumerated() {
            add("10\(offset + 1)0", "Bank \(currency.code) operating", .asset, .bank, currency)
        }
        add("1100", "Accounts receivable", .asset, .receivable)
        add("1150", "Unbilled revenue", .asset, .unbilledRevenue)
        add("2150", "Unapplied cash receipts", .liability, .unappliedCash)
        add("2160", "Unidentified receipts", .liability, .unidentifiedReceipts)
        if entity.country == "CA" {
            add("2310", "GST payable", .liability, .gstPayable)
            add("2315", "HST payable", .liability, .hstPayable)
            add("2320", "QST payable", .liability, .qstPayable)
        } else {
            add("2330", "Sales tax payable", .liability, .salesTaxPayable)
        }
        add("3000", "Opening balance equity", .equity, .openingBalance)
        add("3100", "Retained earnings", .equity, .retainedEarnings)
        add("4000", "Advertising revenue", .revenue, .revenue)
        add("4910", "Realized FX gain", .revenue, .fxGain)
        add("4950", "Sales discounts", .revenue, .salesDiscounts)
        add("6100", "Bank fees", .expense, .bankFees)
        add("6200", "Small balance write-offs", .expense, .writeOff)
        add("6210", "Bad debt expense", .expense, .badDebt)
        add("6910", "Realized FX loss", .expense, .fxLoss)
        return accounts
    }
}

/// The journals entries are posted into; each numbers its entries gap-free per fiscal year.
public enum JournalKind: String, Sendable, Codable, CaseIterable {
    case sales, cash, miscellaneous

    /// The journal's code in the books and in exports.
    public var code: String {
        switch self {
        case .sales: "SAL"
        case .cash: "CSH"
        case .miscellaneous: "MIS"
        }
    }

    public var name: String {
        switch self {
        case .sales: "Sales journal"
        case .cash: "Cash receipts journal"
        case .miscellaneous: "Miscellaneous operations"
        }
    }

    public init(code: String) throws(DomainError) {
        guard let kind = JournalKind.allCases.first(where: { $0.code == code.uppercased() || $0.rawValue == code.lowercased() }) else {
            throw DomainError(field: "journal", "unknown journal '\(code)' (journals: SAL sales, CSH cash, MIS miscellaneous)")
        }
        self = kind
    }
}
