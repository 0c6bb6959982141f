import Foundation
import O2CDomain

/// Writes an entity's books in beancount syntax, so that `bean-check` (an accounting tool we did
/// not write) can confirm every entry balances and `bean-query` can recompute our balances.
///
/// Accounts become `Root:CODE-Name`; receivable lines go to a sub-account per customer
/// (`Assets:1100-Accounts-receivable:ACME`). A foreign-currency line carries its functional value
/// as a total price (`100.00 USD @@ 137.25 CAD`), so each transaction balances by weight in the
/// functional currency exactly as it does in our ledger.
public struct BeancountWriter {
    public let entity: LegalEntity
    public let accounts: [Account]

    public init(entity: LegalEntity, accounts: [Account]) {
        self.entity = entity
        self.accounts = accounts
    }

    /// `Assets:1100-Accounts-receivable`.
    public static func accountName(_ account: Account) -> String {
        "\(account.type.beancountRoot):\(component("\(account.code)-\(account.name)"))"
    }

    /// A beancount account component: starts with a capital letter or digit, then letters, digits
    /// and dashes.
    static func component(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var lastDash = false
        for ch in folded {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch); lastDash = false }
            else if !lastDash && !out.isEmpty { out.append("-"); lastDash = true }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.isEmpty { out = "X" }
        if let first = out.first, !(first.isUppercase || first.isNumber) { out = first.uppercased() + out.dropFirst() }
        return out
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ") + "\""
    }

    public func write(_ entries: [PostedEntry]) -> String {
        let byCode = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
        var out = "; OrderToCash export of \(entity.code) \(entity.name), functional currency \(entity.functionalCurrency.code)\n"
        out += "option \"title\" \(Self.quoted("\(entity.name) (\(entity.code))"))\n"
        out += "option \"operating_currency\" \"\(entity.functionalCurrency.code)\"\n\n"

        // Every account (and customer sub-account) used, opened on the first day of the books.
        var names = Set<String>()
        var customerComponents: [String: String] = [:]
        var usedComponents = Set<String>()
        func customerComponent(_ code: String) -> String {
            if let known = customerComponents[code] { return known }
            var candidate = Self.component(code.uppercased())
            var suffix = 2
            while usedComponents.contains(candidate) { candidate = Self.component(code.uppercased()) + "-\(suffix)"; suffix += 1 }
            usedComponents.insert(candidate)
            customerComponents[code] = candidate
            return candidate
        }
        func name(for line: LedgerLine) -> String {
            let base = byCode[line.accountCode].map(Self.accountName) ?? "Equity:Unknown-\(Self.component(line.accountCode))"
            guard let customer = line.customerCode else { return base }
            return base + ":" + customerComponent(customer)
        }
        for account in accounts { names.insert(Self.accountName(account)) }
        for entry in entries { for line in entry.lines { names.insert(name(for: line)) } }
        let openDate = entries.map(\.date).min().map { $0.period.firstDay } ?? (try! BusinessDate(year: 2000, month: 1, day: 1))
        for name in names.sorted() { out += "\(openDate) open \(name)\n" }
        out += "\n"

        let functional = entity.functionalCurrency
        for entry in entries {
            out += "\(entry.date) * \(Self.quoted(entry.description))\n"
            out += "  entry: \(Self.quoted(entry.number))\n"
            if let reference = entry.reference { out += "  reference: \(Self.quoted(reference))\n" }
            for line in entry.lines {
                if line.debit == 0 && line.credit == 0 {
                    // An exchange difference: only its functional value exists.
                    let value = AmountFormat.canonical.format(Money(minorUnits: line.functionalDebit - line.functionalCredit, currency: functional))
                    out += "  \(name(for: line))  \(value) \(functional.code)\n"
                    continue
                }
                let signed = line.debit - line.credit
                let amount = AmountFormat.canonical.format(Money(minorUnits: signed, currency: line.currency))
                var posting = "  \(name(for: line))  \(amount) \(line.currency.code)"
                if line.currency != functional {
                    let value = AmountFormat.canonical.format(Money(minorUnits: line.functionalDebit + line.functionalCredit, currency: functional))
                    posting += " @@ \(value) \(functional.code)"
                }
                out += posting + "\n"
            }
            out += "\n"
        }
        return out
    }
}
