import Foundation
import O2CDomain
import O2CFormats
import O2CStore

/// The demo: a Québec entity in CAD and a New York entity in USD with three months of realistic
/// receivables activity — month-end invoices with Canadian sales tax, customer payments (one short
/// by a wire fee, one in USD settled at another rate), cash on account, a mistake reversed and
/// reposted, an accrual of unbilled revenue, and two months closed. It grows with each capability.
public enum Demo {
    public static let months = ["2026-08", "2026-09", "2026-10"]

    struct DemoCustomer {
        let code: String
        let name: String
        let entity: String
        let currency: Currency
        /// Sales tax accounts and rates applied to the net (empty: zero-rated or not taxed).
        let taxes: [(account: String, rate: String)]
        /// Monthly net billed, in major units, for August, September, October.
        let billed: [Int64]
    }

    static let gstQst = [(account: "2310", rate: "0.05"), (account: "2320", rate: "0.09975")]
    static let hstOntario = [(account: "2315", rate: "0.13")]
    static let gstOnly = [(account: "2310", rate: "0.05")]

    static let customers: [DemoCustomer] = [
        .init(code: "BOREAL", name: "Boréal Sports inc.", entity: "CA01", currency: .CAD, taxes: gstQst, billed: [42_350, 38_900, 51_275]),
        .init(code: "STLAURENT", name: "Automobiles Saint-Laurent ltée", entity: "CA01", currency: .CAD, taxes: gstQst, billed: [18_760, 22_410, 19_980]),
        .init(code: "HARBOUR", name: "Harbourfront Media Agency Ltd.", entity: "CA01", currency: .CAD, taxes: hstOntario, billed: [64_200, 71_850, 68_430]),
        .init(code: "TUNDRA", name: "Tundra Outdoor Co.", entity: "CA01", currency: .CAD, taxes: gstOnly, billed: [9_875, 12_340, 11_060]),
        .init(code: "LIBERTY", name: "Liberty Outfitters LLC", entity: "CA01", currency: .USD, taxes: [], billed: [18_000, 21_500, 19_750]),
        .init(code: "HUDSON", name: "Hudson Street Media LLC", entity: "US01", currency: .USD, taxes: [], billed: [88_400, 92_150, 97_600]),
        .init(code: "SUNBELT", name: "Sunbelt Grocers Inc.", entity: "US01", currency: .USD, taxes: [], billed: [27_300, 25_980, 31_420]),
    ]

    /// USD→CAD month-end rates the demo books at (illustrative, not market data).
    static let usdRates = ["2026-08": "1.3690", "2026-09": "1.3745", "2026-10": "1.3810"]

    /// Builds the demo books through the same use cases a person would use; returns what it did,
    /// line by line, for the command to print.
    public static func build(books: Books) async throws -> [String] {
        var log: [String] = []
        let canada = try LegalEntity(
            code: "CA01", name: "Northwind Media Canada Inc.", functionalCurrency: .CAD, country: "CA", region: "QC",
            taxRegistrations: [TaxRegistration(kind: .gstHst, number: "123456789RT0001"), TaxRegistration(kind: .qst, number: "1234567890TQ0001")])
        let usa = try LegalEntity(
            code: "US01", name: "Northwind Media USA Inc.", functionalCurrency: .USD, country: "US", region: "NY",
            taxRegistrations: [TaxRegistration(kind: .ein, number: "12-3456789")])
        for entity in [canada, usa] {
            let (_, accounts) = try await books.createEntity(entity)
            log.append("Created entity \(entity.code) \(entity.name): \(entity.functionalCurrency.code), \(entity.region) \(entity.country), \(accounts.count) accounts, journals SAL/CSH/MIS")
        }
        for customer in customers { _ = try await books.addCustomer(code: customer.code, name: customer.name) }
        log.append("Created \(customers.count) customers: " + customers.map(\.code).joined(separator: ", "))

        // Opening bank balances, so the cash accounts start where a real company's would.
        try await books.post([JournalEntryDraft(journal: .miscellaneous, date: try BusinessDate(parsing: "2026-08-01"),
                                                description: "Opening balance of the CAD operating account", reference: "OPEN-2026-08",
                                                lines: [.debit("1010", cad(250_000)), .credit("3000", cad(250_000))])],
                             entity: "CA01", source: .demo)
        try await books.post([JournalEntryDraft(journal: .miscellaneous, date: try BusinessDate(parsing: "2026-08-01"),
                                                description: "Opening balance of the USD operating account", reference: "OPEN-2026-08",
                                                lines: [.debit("1010", usd(400_000)), .credit("3000", usd(400_000))])],
                             entity: "US01", source: .demo)
        log.append("Posted opening bank balances: CA01 250,000.00 CAD, US01 400,000.00 USD")

        var invoiceNumber = ["CA01": 1000, "US01": 5000]
        // Gross receivable and functional value of each invoice, to settle them later.
        var invoices: [String: [(number: String, gross: Money, functional: Money, period: Period)]] = [:]
        for (monthIndex, month) in months.enumerated() {
            let period = try Period(parsing: month)
            var counts = ["CA01": 0, "US01": 0]
            for customer in customers {
                let entityCurrency: Currency = customer.entity == "CA01" ? .CAD : .USD
                let net = Money(minorUnits: customer.billed[monthIndex] * 100, currency: customer.currency)
                invoiceNumber[customer.entity]! += 1
                let number = "INV-\(invoiceNumber[customer.entity]!)"
                let rate: ExactDecimal? = customer.currency == entityCurrency ? nil : try ExactDecimal(parsing: usdRates[month]!)
                var lines: [JournalLineDraft] = []
                var gross = net
                var taxLines: [JournalLineDraft] = []
                for tax in customer.taxes {
                    let amount = net.multiplied(by: try ExactDecimal(parsing: tax.rate), rounding: .halfUp)
                    gross += amount
                    taxLines.append(.credit(tax.account, amount))
                }
                lines.append(.debit("1100", gross, customer: customer.code, rate: rate, memo: number))
                lines.append(.credit("4000", net, rate: rate, memo: "Campaign delivery \(month)"))
                lines += taxLines
                let posted = try await books.post(
                    [JournalEntryDraft(journal: .sales, date: period.lastDay, description: "Invoice \(number) — \(customer.name), \(month) delivery",
                                       reference: number, lines: lines)],
                    entity: customer.entity, source: .demo)[0]
                let functional = Money(minorUnits: posted.lines[0].functionalDebit, currency: entityCurrency)
                invoices[customer.code, default: []].append((number, gross, functional, period))
                counts[customer.entity]! += 1
            }
            log.append("\(month): issued \(counts["CA01"]!) invoices in CA01 and \(counts["US01"]!) in US01 (GST/QST, HST, GST-only, zero-rated USD, untaxed US)")

            // Customers pay the previous month's invoices during this month.
            guard monthIndex > 0 else { continue }
            var payments = 0
            var notes: [String] = []
            for customer in customers {
                let invoice = invoices[customer.code]![monthIndex - 1]
                let payDate = try BusinessDate(year: period.year, month: period.month, day: 10 + customers.firstIndex { $0.code == customer.code }! * 2)
                let description = "Payment from \(customer.name) for \(invoice.number)"
                var lines: [JournalLineDraft]
                if customer.code == "TUNDRA" && month == "2026-10" {
                    continue  // Tundra pays on account instead; see below.
                } else if customer.code == "HARBOUR" && month == "2026-09" {
                    // An intermediary bank kept a 15.00 wire fee.
                    let fee = cad(15)
                    notes.append("HARBOUR short by a 15.00 CAD wire fee")
                    lines = [.debit("1010", invoice.gross - fee), .debit("6100", fee, memo: "Wire fee withheld"),
                             .credit("1100", invoice.gross, customer: customer.code, memo: invoice.number)]
                } else if customer.currency != (customer.entity == "CA01" ? .CAD : .USD) {
                    // A USD invoice of the CAD entity paid at the day's rate: the difference with the
                    // invoice's rate is a realized exchange gain or loss.
                    let payRate = try ExactDecimal(parsing: month == "2026-09" ? "1.3760" : "1.3705")
                    let received = invoice.gross.multiplied(by: payRate, rounding: .halfEven, into: .CAD)
                    let difference = received - invoice.functional
                    notes.append("LIBERTY's USD invoice settled at \(payRate), realized FX \(difference.isNegative ? "loss" : "gain") \(difference.magnitude.decimalString) CAD")
                    lines = [.debit("1020", invoice.gross, rate: payRate),
                             JournalLineDraft(accountCode: "1100", customerCode: customer.code, side: .credit, amount: invoice.gross,
                                              functionalAmount: invoice.functional, memo: invoice.number)]
                    // The exchange difference moves the CAD books only: a zero USD line with its CAD value.
                    if difference.isPositive {
                        lines.append(JournalLineDraft(accountCode: "4910", side: .credit, amount: .zero(.USD), functionalAmount: difference, memo: "Realized FX gain"))
                    }
                    if difference.isNegative {
                        lines.append(JournalLineDraft(accountCode: "6910", side: .debit, amount: .zero(.USD), functionalAmount: -difference, memo: "Realized FX loss"))
                    }
                } else {
                    lines = [.debit("1010", invoice.gross), .credit("1100", invoice.gross, customer: customer.code, memo: invoice.number)]
                }
                try await books.post([JournalEntryDraft(journal: .cash, date: payDate, description: description, reference: invoice.number, lines: lines)],
                                     entity: customer.entity, source: .demo)
                payments += 1
            }
            log.append("\(month): booked \(payments) customer payments (\(notes.joined(separator: "; ")))")
        }

        // Cash on account: Tundra pays without saying what for.
        try await books.post([JournalEntryDraft(journal: .cash, date: try BusinessDate(parsing: "2026-10-27"),
                                                description: "Payment from Tundra Outdoor Co., no remittance advice", reference: "WIRE 88213",
                                                lines: [.debit("1010", cad(10_000)), .credit("2150", cad(10_000), customer: "TUNDRA")])],
                             entity: "CA01", source: .demo)
        log.append("2026-10: booked 10,000.00 CAD from TUNDRA as unapplied cash (no remittance advice)")

        // A payment booked to the wrong customer, reversed and booked again.
        let mistake = try await books.post([JournalEntryDraft(
            journal: .cash, date: try BusinessDate(parsing: "2026-10-29"), description: "Payment from Sunbelt Grocers — booked to the wrong customer",
            reference: "ACH 55120", lines: [.debit("1010", usd(5_000)), .credit("2150", usd(5_000), customer: "HUDSON")])], entity: "US01", source: .demo)[0]
        let reversal = try await books.reverse(mistake.number, on: nil, reason: "payment was Sunbelt's, not Hudson's", entity: "US01")
        try await books.post([JournalEntryDraft(
            journal: .cash, date: try BusinessDate(parsing: "2026-10-29"), description: "Payment from Sunbelt Grocers, on account",
            reference: "ACH 55120", lines: [.debit("1010", usd(5_000)), .credit("2150", usd(5_000), customer: "SUNBELT")])], entity: "US01", source: .demo)
        log.append("2026-10: \(mistake.number) booked to the wrong customer, reversed by \(reversal.number) and booked again to SUNBELT")

        // Month-end accrual of revenue delivered in October but billable only in November.
        try await books.post([JournalEntryDraft(journal: .miscellaneous, date: try BusinessDate(parsing: "2026-10-31"),
                                                description: "Unbilled revenue: October delivery billed in November", reference: "ACCR-2026-10",
                                                lines: [.debit("1150", cad(7_420)), .credit("4000", cad(7_420))])],
                             entity: "CA01", source: .demo)
        log.append("2026-10: accrued 7,420.00 CAD of unbilled revenue in CA01")

        for entity in ["CA01", "US01"] {
            for month in ["2026-08", "2026-09"] { try await books.closePeriod(try Period(parsing: month), entity: entity) }
        }
        log.append("Closed 2026-08 and 2026-09 for CA01 and US01")
        return log
    }

    static func cad(_ major: Int64) -> Money { Money(minorUnits: major * 100, currency: .CAD) }
    static func usd(_ major: Int64) -> Money { Money(minorUnits: major * 100, currency: .USD) }
}
