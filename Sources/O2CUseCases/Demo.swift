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

    /// What each customer is billed, month by month.
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
        // What invoices print about the seller, and where customers pay.
        try await books.setSellerProfile(SellerProfile(
            legalName: "Northwind Media Canada Inc.", address: PostalAddress(line1: "1250 boulevard René-Lévesque Ouest", line2: "Bureau 2200", city: "Montréal",
                                                                              region: "QC", postalCode: "H3B 4W8", country: "CA"),
            email: "facturation@northwind.example", phone: "+1 514 555 0140"), entity: "CA01")
        try await books.setSellerProfile(SellerProfile(
            legalName: "Northwind Media USA Inc.", address: PostalAddress(line1: "240 West 35th Street", line2: "Suite 1100", city: "New York",
                                                                           region: "NY", postalCode: "10001", country: "US"),
            email: "billing-us@northwind.example", phone: "+1 212 555 0190"), entity: "US01")
        try await books.addBankAccount(BankDetails(bankName: "Banque Nationale du Canada", accountHolder: "Northwind Media Canada Inc.", accountNumber: "00112345678",
                                                   routing: "006-00011", bic: "BNDCCAMMINT", currency: .CAD), ledgerAccount: "1010", onInvoices: true, entity: "CA01")
        try await books.addBankAccount(BankDetails(bankName: "JPMorgan Chase Bank, N.A.", accountHolder: "Northwind Media USA Inc.", accountNumber: "884012345",
                                                   routing: "021000021", bic: "CHASUS33", currency: .USD), ledgerAccount: "1010", onInvoices: true, entity: "US01")
        log.append("Set both entities' addresses for their documents and their bank accounts for payment (o2c entities profile, o2c bank accounts)")
        for customer in referenceData { try await books.saveCustomer(customer) }
        let incomplete = referenceData.filter { !$0.isComplete }.map(\.code)
        log.append("Created \(referenceData.count) customers (advertisers and agencies in CA and US); \(incomplete.joined(separator: " and ")) not yet complete")

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
                    [JournalEntryDraft(journal: .sales, date: period.lastDay, description: "Invoice \(number) (previous billing system) — \(customer.name), \(month) delivery",
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

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o2c-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        log += try await insertionOrders(books: books, folder: folder)
        log += try await monthEnd(books: books)
        log += try await cashApplication(books: books)
        return log
    }

    /// The customers' reference data: Québec and Ontario advertisers and agencies, US accounts;
    /// two are left incomplete on purpose, as a real reference file always has some.
    static var referenceData: [Customer] {
        func address(_ line1: String, _ city: String, _ region: String, _ postal: String, _ country: String) -> PostalAddress {
            PostalAddress(line1: line1, city: city, region: region, postalCode: postal, country: country)
        }
        func contacts(_ domain: String, reminder: Bool = true, escalation: String? = nil) -> [Contact] {
            var list = [Contact(role: .invoicing, name: "Accounts payable", email: "ap@\(domain)")]
            if reminder { list.append(Contact(role: .reminder, name: "Finance", email: "finance@\(domain)")) }
            if let escalation { list.append(Contact(role: .escalation, name: escalation, email: "cfo@\(domain)")) }
            return list
        }
        return [
            Customer(code: "BOREAL", legalName: "Boréal Sports inc.", displayName: "Boréal Sports", kind: .advertiser,
                     billTo: address("1200 rue Sherbrooke Ouest", "Montréal", "QC", "H3A 1H6", "CA"), currency: .CAD, paymentTerms: .net(30),
                     language: .fr, taxStatus: .taxable, gstHstNumber: "872345671RT0001", qstNumber: "1219876543TQ0001",
                     delivery: .email("ap@boreal.example"), creditLimit: cad(250_000), salesOwner: "j.tremblay", accountManager: "a.gagnon",
                     contacts: contacts("boreal.example", escalation: "Sophie Lavoie"), payerAliases: ["BOREAL SPORTS INC", "SPORTS BOREAL"],
                     bankAccounts: ["815-30271-1004417"]),
            Customer(code: "STLAURENT", legalName: "Automobiles Saint-Laurent ltée", kind: .advertiser,
                     billTo: address("4500 boulevard Saint-Laurent", "Montréal", "QC", "H2T 1R2", "CA"), currency: .CAD, paymentTerms: .net(30),
                     language: .fr, delivery: .email("ap@stlaurent.example"), creditLimit: cad(80_000), salesOwner: "j.tremblay",
                     contacts: contacts("stlaurent.example", reminder: false)),
            Customer(code: "HARBOUR", legalName: "Harbourfront Media Agency Ltd.", kind: .agency,
                     billTo: address("200 Bay Street, Suite 1800", "Toronto", "ON", "M5J 2J2", "CA"), currency: .CAD, paymentTerms: .endOfMonth(30),
                     language: .en, gstHstNumber: "781234563RT0001", delivery: .portal("Coupa"), poRequired: true, creditLimit: cad(400_000),
                     salesOwner: "m.chen", accountManager: "r.singh", contacts: contacts("harbourfront.example", escalation: "David Park"),
                     payerAliases: ["HARBOURFRONT MEDIA"]),
            Customer(code: "MAPLEGROVE", legalName: "Maple Grove Dairies Inc.", kind: .advertiser, parentCode: nil,
                     billTo: address("85 King Street West", "Toronto", "ON", "M5K 1A1", "CA"), currency: .CAD, paymentTerms: .net(45),
                     language: .en, delivery: .email("ap@maplegrove.example"), creditLimit: cad(150_000), salesOwner: "m.chen",
                     contacts: contacts("maplegrove.example")),
            Customer(code: "TUNDRA", legalName: "Tundra Outdoor Co.", kind: .advertiser,
                     billTo: address("400 4 Avenue SW", "Calgary", "AB", "", "CA"), currency: .CAD, paymentTerms: .net(30), language: .en,
                     delivery: .email("ap@tundra.example"), creditLimit: cad(60_000), salesOwner: "m.chen", contacts: contacts("tundra.example")),
            Customer(code: "LIBERTY", legalName: "Liberty Outfitters LLC", kind: .advertiser,
                     billTo: address("350 Fifth Avenue", "New York", "NY", "10118", "US"), currency: .USD, paymentTerms: .net(30), language: .en,
                     taxStatus: .zeroRatedNonResident, delivery: .email("ap@liberty.example"), creditLimit: usd(120_000), salesOwner: "k.brooks",
                     contacts: contacts("liberty.example")),
            Customer(code: "HUDSON", legalName: "Hudson Street Media LLC", kind: .agency,
                     billTo: address("75 Hudson Street", "New York", "NY", "10013", "US"), currency: .USD, paymentTerms: .net(45), language: .en,
                     taxStatus: .zeroRatedNonResident, delivery: .portal("Ariba"), poRequired: true, creditLimit: usd(500_000), salesOwner: "k.brooks",
                     contacts: contacts("hudsonstreet.example", escalation: "Grace Miller")),
            Customer(code: "SUNBELT", legalName: "Sunbelt Grocers Inc.", kind: .advertiser,
                     billTo: address("2100 Ross Avenue", "Dallas", "TX", "75201", "US"), currency: .USD, paymentTerms: .net(30), language: .en,
                     taxStatus: .zeroRatedNonResident, delivery: .email("ap@sunbelt.example"), creditLimit: usd(150_000), salesOwner: "k.brooks",
                     contacts: contacts("sunbelt.example"), payerAliases: ["SUNBELT GROCERS"]),
        ]
    }

    /// The demo's insertion orders, one or more in each state of the lifecycle.
    static func insertionOrders(books: Books, folder: URL) async throws -> [String] {
        let approver = Books(store: books.store, actor: "marie.dubois")
        try await books.addUser("marie.dubois", roles: ["approver"])
        func line(_ n: Int, _ product: String, _ pricing: PricingModel, _ start: String, _ end: String, _ quantity: Int64, _ rate: String,
                  _ source: BillingSource = .firstParty) -> String {
            """
            {"line": \(n), "product": "\(product)", "pricing": "\(pricing.rawValue)", "flight_start": "\(start)", "flight_end": "\(end)",
             "quantity": \(quantity), "rate": "\(rate)", "billing_source": "\(source.rawValue)"}
            """
        }
        func io(_ number: String, advertiser: String, agency: String? = nil, currency: String = "CAD", terms: String, po: String? = nil,
                owner: String, lines: [String]) -> String {
            """
            {"number": "\(number)", "advertiser": "\(advertiser)"\(agency.map { ", \"agency\": \"\($0)\", \"bill_to\": \"\($0)\"" } ?? ""),
             "currency": "\(currency)", "payment_terms": "\(terms)"\(po.map { ", \"po_number\": \"\($0)\"" } ?? ""), "sales_owner": "\(owner)",
             "lines": [\(lines.joined(separator: ", "))]}
            """
        }
        let canada = [
            io("IO-2026-0101", advertiser: "BOREAL", terms: "net 30", owner: "j.tremblay",
               lines: [line(1, "Display — Montréal geofencing", .cpm, "2026-08-01", "2026-08-31", 3_000_000, "11.50"),
                       line(2, "Creative production", .flatFee, "2026-08-01", "2026-08-31", 1, "2500.00")]),
            io("IO-2026-0102", advertiser: "MAPLEGROVE", agency: "HARBOUR", terms: "eom+30", po: "HMA-PO-44120", owner: "m.chen",
               lines: [line(1, "Video pre-roll — Ontario", .cpcv, "2026-10-01", "2026-12-31", 900_000, "0.045", .thirdParty),
                       line(2, "Display retargeting", .cpm, "2026-10-01", "2026-12-31", 5_000_000, "9.75", .thirdParty)]),
            io("IO-2026-0103", advertiser: "BOREAL", terms: "net 30", owner: "j.tremblay",
               lines: [line(1, "Drive-to-store — Québec", .cpc, "2026-11-01", "2026-11-30", 40_000, "1.10")]),
            io("IO-2026-0104", advertiser: "LIBERTY", currency: "USD", terms: "net 30", owner: "k.brooks",
               lines: [line(1, "Display — Northeast US", .cpm, "2026-11-15", "2026-12-31", 4_000_000, "8.00")]),
            io("IO-2026-0105", advertiser: "MAPLEGROVE", terms: "net 45", owner: "m.chen",
               lines: [line(1, "Display — year-end clearance", .cpm, "2026-12-01", "2026-12-31", 2_000_000, "1.60")]),
            io("IO-2026-0106", advertiser: "TUNDRA", terms: "net 30", owner: "m.chen",
               lines: [line(1, "Video — winter launch", .cpcv, "2026-12-01", "2027-01-31", 300_000, "0.05")]),
            io("IO-2026-0107", advertiser: "MAPLEGROVE", agency: "HARBOUR", terms: "eom+30", po: "HMA-PO-44187", owner: "m.chen",
               lines: [line(1, "Audio streaming", .cpm, "2026-11-01", "2026-11-30", 1_000_000, "14.00")]),
            io("IO-2026-0108", advertiser: "BOREAL", terms: "net 30", owner: "j.tremblay",
               lines: [line(1, "Display — ski season", .cpm, "2026-12-01", "2027-02-28", 6_000_000, "10.50")]),
            io("IO-2026-0109", advertiser: "BOREAL", terms: "net 30", owner: "j.tremblay",
               lines: [line(1, "Affichage — rentrée automnale", .cpm, "2026-10-01", "2026-10-31", 1_500_000, "12.00"),
                       line(2, "Commandite infolettre", .flatFee, "2026-10-01", "2026-10-31", 1, "1800.00")]),
        ]
        _ = try await books.importIOs(Data(("[" + canada.joined(separator: ",\n") + "]").utf8), fileName: "demo-ios.json", entity: "CA01")
        _ = try await books.importIOs(Data(io("IO-US-2026-0201", advertiser: "SUNBELT", agency: "HUDSON", currency: "USD", terms: "net 45",
                                               po: "HSM-2026-0912", owner: "k.brooks",
                                               lines: [line(1, "Display — Texas metros", .cpm, "2026-10-01", "2026-12-31", 8_000_000, "7.25", .thirdParty)]).utf8),
                                      fileName: "demo-ios-us.json", entity: "US01")
        func sign(_ number: String, _ entity: String, signer: String, title: String, on date: String) async throws {
            let document = folder.appendingPathComponent("\(number)-signed.txt")
            try Data("Insertion order \(number), signed by \(signer), \(title), on \(date).\n".utf8).write(to: document)
            _ = try await books.signIO(number, signer: signer, title: title, on: try BusinessDate(parsing: date), document: document.path, entity: entity)
        }
        func through(_ number: String, _ entity: String = "CA01", to status: IOStatus, signer: String = "Sophie Lavoie", title: String = "Directrice marketing",
                     signed: String = "2026-07-28") async throws {
            _ = try await books.submitIO(number, entity: entity)
            if status == .submitted { return }
            _ = try await approver.approveIO(number, entity: entity)
            if status == .approved { return }
            try await sign(number, entity, signer: signer, title: title, on: signed)
            if status == .signed { return }
            _ = try await books.activateIO(number, entity: entity)
            if status == .active { return }
            _ = try await books.completeIO(number, entity: entity)
        }
        try await through("IO-2026-0101", to: .completed)
        try await through("IO-2026-0102", to: .active, signer: "David Park", title: "VP, Client Finance", signed: "2026-09-24")
        try await through("IO-2026-0103", to: .signed, signed: "2026-10-20")
        try await through("IO-2026-0109", to: .active, signed: "2026-09-28")
        try await through("IO-2026-0104", to: .approved)
        try await through("IO-2026-0105", to: .submitted)
        try await through("IO-2026-0107", to: .submitted)
        _ = try await books.cancelIO("IO-2026-0107", reason: "campaign moved to Q1 2027 by the agency", entity: "CA01")
        try await through("IO-2026-0108", to: .active, signed: "2026-11-10")
        _ = try await books.reviseIO("IO-2026-0108", from: Data(canada[7].replacingOccurrences(of: "6000000", with: "7500000").utf8), fileName: "amendment.json", entity: "CA01")
        try await through("IO-US-2026-0201", "US01", to: .active, signer: "Grace Miller", title: "CFO", signed: "2026-09-18")
        return [
            "IO-2026-0101 completed, IO-2026-0102 and IO-US-2026-0201 active (agency-billed, third-party delivery), IO-2026-0109 active (French-speaking advertiser), IO-2026-0103 signed",
            "IO-2026-0104 approved (awaiting signature), IO-2026-0105 submitted below the CPM floor (awaiting an exception), IO-2026-0106 draft (bill-to incomplete)",
            "IO-2026-0107 cancelled, IO-2026-0108 amended after signature: revision 2 is a draft, revision 1 stays as signed",
        ]
    }

    /// October's month-end in OrderToCash itself: a month of delivery imported, invoices drafted,
    /// a discrepancy held, released on the contract's count, invoices issued and posted.
    static func monthEnd(books: Books) async throws -> [String] {
        let october = try Period(parsing: "2026-10")
        var canada = ["io_number,line,date,first_party,third_party,source"]
        var usa = canada
        for day in 1...31 {
            let date = try BusinessDate(year: 2026, month: 10, day: day).description
            // Video: the agency's ad server counts within tolerance. Display: in week 3 the
            // third-party count falls 30% short, which holds the line for review.
            canada.append("IO-2026-0102,1,\(date),\(9_800 + day * 37),\(9_500 + day * 35),DV360/IAS")
            canada.append("IO-2026-0102,2,\(date),\(54_000 + day * 120),\(day >= 15 && day <= 21 ? 30_000 : 52_500 + day * 110),DV360/IAS")
            usa.append("IO-US-2026-0201,1,\(date),\(88_000 + day * 250),\(86_100 + day * 240),CM360")
            // Boréal's October display falls short of its 1.5 M booked impressions: a make-good.
            canada.append("IO-2026-0109,1,\(date),\(44_000 + day * 20),,Xandr")
        }
        var log: [String] = []
        let imported = try await books.importDeliveries(Data(canada.joined(separator: "\n").utf8), fileName: "delivery-2026-10-CA01.csv", entity: "CA01")
        let importedUS = try await books.importDeliveries(Data(usa.joined(separator: "\n").utf8), fileName: "delivery-2026-10-US01.csv", entity: "US01")
        log.append("2026-10 month-end: imported \(imported.added + importedUS.added) delivery rows (first- and third-party, per day)")
        try await books.setExchangeRate(.USD, on: october.lastDay, rate: try ExactDecimal(parsing: usdRates["2026-10"]!), entity: "CA01")
        let run = try await books.runInvoices(period: october, dryRun: false, entity: "CA01")
        let held = run.held.map { "\($0.ioNumber) line \($0.line)" }.joined(separator: ", ")
        log.append("2026-10 invoice run CA01: \(run.drafts.count) draft, held \(held.isEmpty ? "nothing" : held) (\(run.held.first?.reason ?? ""))")
        if let first = run.held.first {
            try await Books(store: books.store, actor: "marie.dubois").releaseHold(
                first.ioNumber, line: first.line, period: october, figure: .thirdParty,
                reason: "the IO bills on the agency's third-party count", entity: "CA01")
            _ = try await books.runInvoices(period: october, dryRun: false, entity: "CA01")
            log.append("2026-10: released \(first.ioNumber) line \(first.line) on the third-party count and ran again")
        }
        _ = try await books.runInvoices(period: october, dryRun: false, entity: "US01")
        for entity in ["CA01", "US01"] {
            let issued = try await books.issueInvoices(period: october, on: nil, entity: entity)
            log.append("2026-10: issued " + issued.map { "\($0.number ?? "") (\($0.billTo), \(AmountFormat.english.format($0.total)) \($0.currency.code)\($0.taxes.isEmpty ? ", no tax" : " incl. " + $0.taxes.map(\.code).joined(separator: "+")))" }.joined(separator: ", ") + " in \(entity), posted to the sales journal")
        }
        // A goodwill credit on the agency's invoice, in the same month.
        if let agency = try await books.invoices(period: october, status: .issued, entity: "CA01").first(where: { $0.billTo == "HARBOUR" }), let number = agency.number {
            let credit = try await books.creditInvoice(number, lines: nil, amount: cad(500), reason: "Goodwill: pre-roll ran outside the agreed dayparts on October 14",
                                                      on: october.lastDay, entity: "CA01")
            log.append("2026-10: credit note \(credit.number ?? "") on \(number), \(AmountFormat.english.format(credit.total)) CAD incl. tax (goodwill)")
        }
        let owed = try await books.makeGoods(openOnly: true, entity: "CA01")
        log.append("2026-10: make-goods open: " + owed.map { "\($0.ioNumber) line \($0.line), \(DocumentWording(.en).count($0.units)) units (\(AmountFormat.english.format($0.amount)) \($0.amount.currency.code))" }.joined(separator: "; "))
        return log
    }

    /// Early November: the bank's statement of the CAD account arrives (BAI2), and cash
    /// application matches what it can.
    static func cashApplication(books: Books) async throws -> [String] {
        let issued = try await books.invoices(period: try Period(parsing: "2026-10"), status: .issued, entity: "CA01")
        guard let harbour = issued.first(where: { $0.billTo == "HARBOUR" && $0.kind == .invoice }),
              let boreal = issued.first(where: { $0.billTo == "BOREAL" && $0.kind == .invoice }) else { return [] }
        let credited = issued.filter { $0.kind == .creditNote && $0.creditsNumber == harbour.number }.reduce(Int64(0)) { $0 + $1.total.minorUnits }
        let details: [(Int, Int64, String, String)] = [
            // The agency pays its invoice less the credit note; Boréal pays by wire, 15.00 kept by a bank on the way.
            (195, harbour.total.minorUnits - credited, "BMO2611050001", "HARBOURFRONT MEDIA \((harbour.number ?? "").replacingOccurrences(of: "-", with: "")) LESS CRN"),
            (195, boreal.total.minorUnits - 1_500, "BMO2611050002", "SPORTS BOREAL FACTURE NO \((boreal.number ?? "").split(separator: "-").last ?? "") VIREMENT"),
            (399, 5_000_000, "BMO2611050003", "INTERNAL TRANSFER FROM ACCOUNT 00112345679"),
            (195, 120_000, "BMO2611050004", "NORTHERN LIGHTS CAFE CHQ 20417 PAYMENT"),
        ]
        var records = ["01,NORTHWIND,BNCMTL,261105,0600,1,80,,2/", "02,NORTHWIND,BNCMTL,1,261105,2359,,2/", "03,00112345678,CAD,/"]
        for d in details { records.append("16,\(d.0),\(d.1),0,\(d.2),,\(d.3)") }
        let total = details.reduce(Int64(0)) { $0 + $1.1 }
        records += ["49,\(total),\(details.count + 2)/", "98,\(total),1,\(details.count + 4)/", "99,\(total),1,\(details.count + 6)/"]
        let imported = try await books.importBankFile(Data(records.joined(separator: "\n").utf8), fileName: "bnc-2026-11-05.bai2")
        let matched = try await books.matchCash(entity: "CA01")
        // A week later the cheque of 2026-11-05 comes back unpaid: the import books its return.
        let returned = ["01,NORTHWIND,BNCMTL,261112,0600,2,80,,2/", "02,NORTHWIND,BNCMTL,1,261112,2359,,2/", "03,00112345678,CAD,/",
                        "16,555,120000,0,BMO2611120001,,RETURNED ITEM NSF CHQ 20417", "49,120000,3/", "98,120000,1,5/", "99,120000,1,7/"]
        let next = try await books.importBankFile(Data(returned.joined(separator: "\n").utf8), fileName: "bnc-2026-11-12.bai2")
        return [
            "2026-11-05: imported the CAD account's BAI2 statement (\(imported.added) lines, \(imported.credits) credits posted to unidentified receipts)",
            "2026-11-05: cash match: \(matched.applied) applied, \(matched.proposed) proposed, \(matched.unapplied) unapplied, \(matched.notCustomerPayments) not a customer payment",
            "2026-11-12: imported the next statement: \(next.returns) credit taken back by the bank (cheque 20417 returned NSF), booked as its return",
        ]
    }

    static func cad(_ major: Int64) -> Money { Money(minorUnits: major * 100, currency: .CAD) }
    static func usd(_ major: Int64) -> Money { Money(minorUnits: major * 100, currency: .USD) }
}
