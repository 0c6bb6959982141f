import Foundation

/// What an invoice or credit note says to its reader, already in the reader's language: the
/// content that both the PDF and the e-invoice are drawn from. Built from the stored invoice, the
/// seller's profile and the customer; holds no layout.
public struct InvoiceDocument: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case invoice, creditNote }

    public struct Party: Sendable, Hashable {
        public var name: String
        public var address: PostalAddress
        /// Tax registrations as printed: (`GST/HST`, `123456789RT0001`).
        public var registrations: [(kind: String, number: String)]
        public var email: String?
        public var phone: String?
        /// The customer's code in our books (buyer) or the entity code (seller).
        public var code: String

        public init(name: String, address: PostalAddress, registrations: [(kind: String, number: String)], email: String?, phone: String?, code: String) {
            self.name = name
            self.address = address
            self.registrations = registrations
            self.email = email
            self.phone = phone
            self.code = code
        }

        public static func == (lhs: Party, rhs: Party) -> Bool {
            lhs.name == rhs.name && lhs.address == rhs.address && lhs.email == rhs.email && lhs.phone == rhs.phone && lhs.code == rhs.code
                && lhs.registrations.map(\.kind) == rhs.registrations.map(\.kind) && lhs.registrations.map(\.number) == rhs.registrations.map(\.number)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(name); hasher.combine(code) }
    }

    public struct Line: Sendable, Hashable {
        public var number: Int
        /// What was sold (the IO line's product) and for which month.
        public var description: String
        /// The IO and line it bills, over-delivery not charged, in words.
        public var detail: String
        public var quantity: Int64
        /// `units` is the unit the quantity counts (`impressions`); `per` the units the rate is for (1,000 for CPM).
        public var unit: String
        public var unitRate: ExactDecimal
        public var ratePer: Int64
        public var amount: Money

        public init(number: Int, description: String, detail: String, quantity: Int64, unit: String, unitRate: ExactDecimal, ratePer: Int64, amount: Money) {
            self.number = number
            self.description = description
            self.detail = detail
            self.quantity = quantity
            self.unit = unit
            self.unitRate = unitRate
            self.ratePer = ratePer
            self.amount = amount
        }
    }

    public struct Tax: Sendable, Hashable {
        /// `GST`, `QST`, `HST`, `ZERO`, `EXEMPT`, `WA`: the code of the tax table.
        public var code: String
        public var rate: ExactDecimal
        public var base: Money
        public var amount: Money

        public init(code: String, rate: ExactDecimal, base: Money, amount: Money) {
            self.code = code
            self.rate = rate
            self.base = base
            self.amount = amount
        }
    }

    public var kind: Kind
    public var language: Language
    public var number: String
    public var issueDate: BusinessDate
    public var dueDate: BusinessDate?
    public var period: Period
    public var currency: Currency
    public var paymentTerms: PaymentTerms
    public var seller: Party
    public var buyer: Party
    public var ioNumbers: [String]
    public var poNumber: String?
    /// For a credit note: the invoice it credits and its date, and why.
    public var creditedInvoice: (number: String, date: BusinessDate?)?
    public var reason: String?
    public var lines: [Line]
    public var taxes: [Tax]
    public var net: Money
    public var tax: Money
    public var total: Money
    /// The seller's bank accounts in the invoice's currency, for payment by transfer.
    public var payTo: [BankDetails]
    /// Why an invoice without tax has none: a zero-rated export, an exempt customer (with its
    /// certificate number), or a sale no tax of the table applies to.
    public var buyerTaxStatus: TaxStatus = .taxable
    public var exemptionNumber: String? = nil

    public init(kind: Kind, language: Language, number: String, issueDate: BusinessDate, dueDate: BusinessDate?, period: Period,
                currency: Currency, paymentTerms: PaymentTerms, seller: Party, buyer: Party, ioNumbers: [String], poNumber: String?,
                creditedInvoice: (number: String, date: BusinessDate?)?, reason: String?, lines: [Line], taxes: [Tax],
                net: Money, tax: Money, total: Money, payTo: [BankDetails]) {
        self.kind = kind
        self.language = language.documentLanguage
        self.number = number
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.period = period
        self.currency = currency
        self.paymentTerms = paymentTerms
        self.seller = seller
        self.buyer = buyer
        self.ioNumbers = ioNumbers
        self.poNumber = poNumber
        self.creditedInvoice = creditedInvoice
        self.reason = reason
        self.lines = lines
        self.taxes = taxes
        self.net = net
        self.tax = tax
        self.total = total
        self.payTo = payTo
    }

    public static func == (lhs: InvoiceDocument, rhs: InvoiceDocument) -> Bool {
        lhs.kind == rhs.kind && lhs.number == rhs.number && lhs.seller == rhs.seller && lhs.language == rhs.language
            && lhs.lines == rhs.lines && lhs.taxes == rhs.taxes && lhs.total == rhs.total && lhs.creditedInvoice?.number == rhs.creditedInvoice?.number
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(number); hasher.combine(seller.code) }
}

/// A bank account of the seller, as printed for payment by transfer.
public struct BankDetails: Sendable, Hashable, Codable {
    public var bankName: String
    public var accountHolder: String
    /// The account number as the bank writes it.
    public var accountNumber: String
    /// Canadian institution and transit (`003-12345`), or a US ABA routing number.
    public var routing: String?
    public var bic: String?
    public var currency: Currency

    public init(bankName: String, accountHolder: String, accountNumber: String, routing: String?, bic: String?, currency: Currency) {
        self.bankName = bankName
        self.accountHolder = accountHolder
        self.accountNumber = accountNumber
        self.routing = routing
        self.bic = bic
        self.currency = currency
    }
}

/// The words and number conventions of a document in English or Canadian French.
public struct DocumentWording: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language.documentLanguage }

    private var fr: Bool { language == .fr }

    public func title(_ kind: InvoiceDocument.Kind) -> String {
        switch kind {
        case .invoice: fr ? "FACTURE" : "INVOICE"
        case .creditNote: fr ? "NOTE DE CRÉDIT" : "CREDIT NOTE"
        }
    }

    public var number: String { fr ? "Numéro" : "Number" }
    public var issueDate: String { fr ? "Date" : "Date" }
    public var dueDate: String { fr ? "Échéance" : "Due date" }
    public var period: String { fr ? "Période" : "Period" }
    public var terms: String { fr ? "Conditions" : "Terms" }
    public var insertionOrder: String { fr ? "Ordre d’insertion" : "Insertion order" }
    public var purchaseOrder: String { fr ? "Bon de commande" : "Purchase order" }
    public var customerCode: String { fr ? "Client" : "Customer" }
    public var billTo: String { fr ? "Facturer à" : "Bill to" }
    public var credits: String { fr ? "Crédite la facture" : "Credits invoice" }
    public var reason: String { fr ? "Motif" : "Reason" }
    public var description: String { fr ? "Description" : "Description" }
    public var quantity: String { fr ? "Quantité" : "Quantity" }
    public var rate: String { fr ? "Tarif" : "Rate" }
    public var amount: String { fr ? "Montant" : "Amount" }
    public var subtotal: String { fr ? "Sous-total" : "Subtotal" }
    public var total: String { fr ? "Total" : "Total" }
    public var totalDue: String { fr ? "Total à payer" : "Total due" }
    public var totalCredited: String { fr ? "Total crédité" : "Total credited" }
    public var paymentInstructions: String { fr ? "Modalités de paiement" : "Payment instructions" }
    public var page: String { fr ? "Page" : "Page" }
    public var amountsIn: String { fr ? "Montants en" : "Amounts in" }
    public var line: String { fr ? "ligne" : "line" }
    public var registrations: String { fr ? "Numéros d’inscription" : "Registration numbers" }

    public func quote(number: String) -> String {
        fr ? "Veuillez indiquer le numéro \(number) avec votre paiement." : "Please quote \(number) with your payment."
    }

    /// `31 October 2026` / `31 octobre 2026`.
    public func date(_ date: BusinessDate) -> String {
        let en = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let frMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        return fr ? "\(date.day == 1 ? "1er" : String(date.day)) \(frMonths[date.month - 1]) \(date.year)" : "\(en[date.month - 1]) \(date.day), \(date.year)"
    }

    /// `October 2026` / `octobre 2026`.
    public func period(_ period: Period) -> String {
        let words = date(period.firstDay).split(separator: " ")
        return fr ? "\(words[1]) \(words[2])" : "\(words[0]) \(period.year)"
    }

    /// An amount without symbol: `1,234.56` / `1 234,56`.
    public func amount(_ money: Money) -> String {
        (fr ? AmountFormat.canadianFrench : .english).format(money)
    }

    /// An amount with its currency: `$1,234.56 CAD` / `1 234,56 $ CA`.
    public func amountWithCurrency(_ money: Money) -> String {
        let text = (fr ? AmountFormat.canadianFrench : .english).format(money, symbol: true)
        let code = money.currency.code
        if fr, code == "CAD" { return text + "\u{00A0}CA" }
        if fr, code == "USD" { return text + "\u{00A0}US" }
        return text + "\u{00A0}" + code
    }

    /// A count of units: `1,234,567` / `1 234 567`.
    public func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(fr ? "\u{00A0}" : ",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A rate as it was agreed, with as many decimals as it has (at least the currency's): `12.50` / `12,50`.
    public func rate(_ rate: ExactDecimal, currency: Currency) -> String {
        let parts = rate.normalized.description.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < currency.exponent { fraction += String(repeating: "0", count: currency.exponent - fraction.count) }
        let whole = count(Int64(parts[0]) ?? 0)
        return fraction.isEmpty ? whole : whole + (fr ? "," : ".") + fraction
    }

    /// What a rate is for, after the rate: nothing (per unit), ` / 1,000` (CPM), ` / 31 days` (a flat fee for the flight).
    public func ratePer(_ per: Int64, unit: String) -> String {
        guard per > 1 else { return "" }
        return unit == "days of the flight" ? " / \(count(per)) \(fr ? "j" : "d")" : " / \(count(per))"
    }

    /// A tax rate: `5%` / `5 %`, `9.975%` / `9,975 %`.
    public func percent(_ rate: ExactDecimal) -> String {
        let text = rate.percentText
        return fr ? text.replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: "%", with: "\u{00A0}%") : text
    }

    public func unit(_ unit: String) -> String {
        guard fr else { return unit }
        return switch unit {
        case "clicks": "clics"
        case "completed views": "visionnements complets"
        case "days of the flight": "jours de diffusion"
        case "fee": "forfait"
        default: unit
        }
    }

    /// `GST/HST 5%`, `TPS 5 %`, `TVQ 9,975 %`.
    public func taxLabel(_ tax: InvoiceDocument.Tax) -> String {
        let name: String = switch tax.code {
        case "GST": fr ? "TPS" : "GST"
        case "HST": fr ? "TVH" : "HST"
        case "QST": fr ? "TVQ" : "QST"
        case "ZERO": fr ? "Détaxé (exportation)" : "Zero-rated (export)"
        case "EXEMPT": fr ? "Exonéré" : "Exempt"
        default: tax.code
        }
        return tax.rate.isZero ? name : "\(name) \(percent(tax.rate))"
    }

    /// The line that explains an invoice without tax, if one is needed.
    public func noTax(_ status: TaxStatus, exemption: String?) -> String? {
        switch status {
        case .taxable: nil
        case .zeroRatedNonResident:
            fr ? "Détaxé : services exportés à un non-résident (LTA, ann. VI, partie V)" : "Zero-rated: services exported to a non-resident (ETA Sch. VI, Part V)"
        case .exempt:
            (fr ? "Exonéré" : "Exempt") + (exemption.map { fr ? " — certificat \($0)" : " — certificate \($0)" } ?? "")
        }
    }

    public func registration(_ kind: String) -> String {
        guard fr else { return kind }
        return switch kind {
        case "GST/HST": "TPS/TVH"
        case "QST": "TVQ"
        default: kind
        }
    }

    public func paymentTerms(_ terms: PaymentTerms) -> String {
        switch terms {
        case .net(let days): fr ? "Net \(days) jours" : "Net \(days) days"
        case .endOfMonth(let days): fr ? "Fin de mois + \(days) jours" : "End of month + \(days) days"
        case .dueOnReceipt: fr ? "Payable sur réception" : "Due on receipt"
        }
    }

    public func credit(of invoice: String) -> String {
        fr ? "Crédit sur la facture \(invoice)" : "Credit on invoice \(invoice)"
    }

    public func detail(io: String, line: Int, overDelivered: Int64, unit: String) -> String {
        var text = fr ? "OI \(io), ligne \(line)" : "IO \(io), line \(line)"
        if overDelivered > 0 {
            text += fr ? " · \(count(overDelivered)) \(self.unit(unit)) livrées en surplus, non facturées"
                : " · \(count(overDelivered)) \(unit) over-delivered, not charged"
        }
        return text
    }

    public func bank(_ bank: BankDetails) -> [String] {
        var lines = [fr ? "Virement à \(bank.accountHolder), \(bank.bankName)" : "Transfer to \(bank.accountHolder), \(bank.bankName)"]
        var ids = [fr ? "compte \(bank.accountNumber)" : "account \(bank.accountNumber)"]
        if let routing = bank.routing { ids.append(fr ? "institution-transit \(routing)" : "routing \(routing)") }
        if let bic = bank.bic { ids.append("BIC \(bic)") }
        lines.append("\(bank.currency.code) · " + ids.joined(separator: " · "))
        return lines
    }
}
