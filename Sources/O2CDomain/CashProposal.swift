/// What the matcher proposes for a bank line a person must confirm, as it is stored with the
/// line: `INV-1=1000.00,INV-2=250.00;fee=15.00;discount=INV-1=20.00` — each invoice with what it
/// would settle, the bank charge, and the discounts it would grant, in the line's currency.
///
/// Invoice numbers come from other systems (open items migrated from a previous one) and may hold
/// the separators themselves; in them `%`, `=`, `,` and `;` are written `%25`, `%3D`, `%2C` and
/// `%3B`. Only those four are read back, so text stored before the escaping reads the same unless
/// an invoice number in it held one of those four codes literally (`A%2CB`).
public struct CashProposal: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var invoice: String
        public var amount: Int64
        public init(invoice: String, amount: Int64) {
            self.invoice = invoice
            self.amount = amount
        }
    }

    public var parts: [Part]
    public var fee: Int64
    /// Per invoice number; an invoice named twice adds up.
    public var discounts: [String: Int64]

    public init(parts: [Part], fee: Int64 = 0, discounts: [String: Int64] = [:]) {
        self.parts = parts
        self.fee = fee
        self.discounts = discounts
    }

    /// The stored text; discounts follow the order of the parts.
    public func text(currency: Currency) -> String {
        func amount(_ minorUnits: Int64) -> String { Money(minorUnits: minorUnits, currency: currency).decimalString }
        var text = parts.map { "\(Self.escaped($0.invoice))=\(amount($0.amount))" }.joined(separator: ",")
        if fee > 0 { text += ";fee=\(amount(fee))" }
        var listed: Set<String> = []
        let granted = parts.compactMap { part in
            listed.insert(part.invoice).inserted ? discounts[part.invoice].map { "\(Self.escaped(part.invoice))=\(amount($0))" } : nil
        }
        if !granted.isEmpty { text += ";discount=" + granted.joined(separator: ",") }
        return text
    }

    public init(text: String, currency: Currency) throws(DomainError) {
        func amounts(_ list: Substring) throws(DomainError) -> [Part] {
            try list.split(separator: ",").map { part throws(DomainError) -> Part in
                let pieces = part.split(separator: "=", omittingEmptySubsequences: false)
                guard pieces.count == 2, !pieces[0].isEmpty else { throw DomainError(field: "proposal", "'\(part)' is not INVOICE=AMOUNT") }
                return Part(invoice: Self.unescaped(pieces[0]), amount: try AmountFormat.canonical.parse(String(pieces[1]), currency: currency).minorUnits)
            }
        }
        let sections = text.split(separator: ";")
        parts = try amounts(sections.first ?? "")
        fee = 0
        discounts = [:]
        for section in sections.dropFirst() {
            if section.hasPrefix("fee=") {
                fee = try AmountFormat.canonical.parse(String(section.dropFirst(4)), currency: currency).minorUnits
            } else if section.hasPrefix("discount=") {
                discounts = Dictionary(try amounts(section.dropFirst(9)).map { ($0.invoice, $0.amount) }, uniquingKeysWith: +)
            } else {
                throw DomainError(field: "proposal", "'\(section)' is neither fee= nor discount=")
            }
        }
    }

    static func escaped(_ invoice: String) -> String {
        var text = ""
        for character in invoice {
            switch character {
            case "%": text += "%25"
            case "=": text += "%3D"
            case ",": text += "%2C"
            case ";": text += "%3B"
            default: text.append(character)
            }
        }
        return text
    }

    static func unescaped(_ invoice: Substring) -> String {
        guard invoice.contains("%") else { return String(invoice) }
        var text = ""
        var rest = invoice[...]
        while let percent = rest.firstIndex(of: "%") {
            text += rest[..<percent]
            let code = rest[percent...].prefix(3).uppercased()
            switch code {
            case "%25": text += "%"
            case "%3D": text += "="
            case "%2C": text += ","
            case "%3B": text += ";"
            default:
                text += "%"
                rest = rest[rest.index(after: percent)...]
                continue
            }
            rest = rest[rest.index(percent, offsetBy: 3)...]
        }
        return text + rest
    }
}
