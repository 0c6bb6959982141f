import Foundation
import Testing
import O2CDomain
import O2CFormats
import O2CStore
import O2CTestSupport
import O2CUseCases

@Suite("Invoicing on SQLite and PostgreSQL")
struct InvoicingTests {
    /// Given books with the IO suite's customers and an active IO "IO-1" billed to BOREAL (QC):
    /// line 1 CPM 12.50 on first-party counts, 1,000,000 booked, Oct–Nov; line 2 CPCV on
    /// third-party counts.
    static func activeIO(_ backend: Backend, test: String = #function) async throws -> (Books, TestDatabase)? {
        guard let (books, database) = try await InsertionOrderTests.books(backend, test: test) else { return nil }
        let json = """
            {"number": "IO-1", "advertiser": "BOREAL", "currency": "CAD", "payment_terms": "net 30",
             "lines": [{"line": 1, "product": "Display", "pricing": "cpm", "flight_start": "2026-10-01", "flight_end": "2026-11-30", "quantity": 1000000, "rate": "12.50"},
                       {"line": 2, "product": "Video", "pricing": "cpcv", "flight_start": "2026-10-01", "flight_end": "2026-10-31", "quantity": 100000, "rate": "0.05", "billing_source": "third-party"}]}
            """
        try await InsertionOrderTests.importIO(books, json)
        _ = try await books.submitIO("IO-1", entity: nil)
        _ = try await InsertionOrderTests.approver(books).approveIO("IO-1", entity: nil)
        _ = try await books.signIO("IO-1", signer: "J", title: "CMO", on: InsertionOrderTests.date("2026-09-20"),
                                   document: database.folder.appendingPathComponent("signed.pdf").path, entity: nil)
        _ = try await books.activateIO("IO-1", entity: nil)
        return (books, database)
    }

    static func deliveries(_ rows: [String]) -> Data { Data((["io_number,line,date,first_party,third_party"] + rows).joined(separator: "\n").utf8) }

    @Test("Delivery import: idempotent; a corrected figure supersedes and is audited; bad rows rejected, nothing written", arguments: Backend.allCases)
    func deliveryImport(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.activeIO(backend) else { return }
        defer { Task { await books.store.close() } }
        let file = Self.deliveries(["IO-1,1,2026-10-01,100000,", "IO-1,1,2026-10-02,120000,", "IO-1,2,2026-10-01,5000,4900"])
        #expect(try await books.importDeliveries(file, fileName: "d.csv", entity: nil) == DeliveryImportSummary(added: 3, corrected: 0, unchanged: 0))
        #expect(try await books.importDeliveries(file, fileName: "d.csv", entity: nil) == DeliveryImportSummary(added: 0, corrected: 0, unchanged: 3))
        let corrected = Self.deliveries(["IO-1,1,2026-10-02,125000,"])
        #expect(try await books.importDeliveries(corrected, fileName: "fix.csv", entity: nil) == DeliveryImportSummary(added: 0, corrected: 1, unchanged: 0))
        let trail = try await books.auditTrail(subjectType: "io", subjectID: "IO-1", limit: 100)
        #expect(trail.contains { $0.action == "delivery.correct" && $0.before?.contains("120000") == true && $0.after?.contains("125000") == true })

        let bad = Self.deliveries(["IO-1,1,2026-10-03,1000,", "IO-9,1,2026-10-03,1000,", "IO-1,7,2026-10-03,1000,", "IO-1,2,2026-11-15,10,10",
                                   "IO-1,1,2026-10-04,-5,", "IO-1,1,2026-10-32,5,"])
        let error = await #expect(throws: FileErrors.self) { try await books.importDeliveries(bad, fileName: "bad.csv", entity: nil) }
        let messages = error?.errors.map(\.description) ?? []
        #expect(messages.contains("bad.csv:3: io_number: unknown IO 'IO-9'"), "\(messages)")
        #expect(messages.contains("bad.csv:4: line: IO-1 has no line '7'"), "\(messages)")
        #expect(messages.contains { $0.hasPrefix("bad.csv:5: date: 2026-11-15 is outside the flight of IO-1 line 2") }, "\(messages)")
        #expect(messages.contains("bad.csv:6: first_party: a count cannot be negative (got -5)"), "\(messages)")
        #expect(messages.contains("bad.csv:7: date: '2026-10-32' is not a date (YYYY-MM-DD)"), "\(messages)")
        #expect(messages.count == 5)
        #expect(try await books.importDeliveries(file, fileName: "d.csv", entity: nil).unchanged == 2, "the good row of the bad file was not written")
        // A month's total for a line that already has daily figures would count twice.
        let monthly = Data("io_number,line,month,first_party\nIO-1,1,2026-10,300000\n".utf8)
        let mixed = await #expect(throws: FileErrors.self) { try await books.importDeliveries(monthly, fileName: "m.csv", entity: nil) }
        #expect(mixed?.errors.first?.description.contains("has both daily and monthly figures for 2026-10") == true)
    }

    @Test("Run and issue: billed once, capped, held on discrepancies, gap-free numbers, posted with tax, tied to the register", arguments: Backend.allCases)
    func runAndIssue(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.activeIO(backend) else { return }
        defer { Task { await books.store.close() } }
        let october = try Period(parsing: "2026-10"), november = try Period(parsing: "2026-11")
        // October: 700,000 impressions; video counts 20,000 vs 16,000: held (20% > 10%).
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,1,2026-10-15,700000,", "IO-1,2,2026-10-15,20000,16000"]), fileName: "oct.csv", entity: nil)
        let dry = try await books.runInvoices(period: october, dryRun: true, entity: nil)
        #expect(dry.drafts.count == 1 && dry.held.count == 1)
        #expect(try await books.invoices(period: october, status: nil, entity: nil).isEmpty, "a dry run writes nothing")
        let run = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        #expect(run.drafts.first?.net == Money(minorUnits: 875_000, currency: .CAD))
        #expect(run.held.first?.reason.contains("differ by 20%") == true)
        // The specialist releases the video line on the third-party count, runs again, issues.
        try await books.releaseHold("IO-1", line: 2, period: october, figure: .thirdParty, reason: "agency's ad server is the contract's", entity: nil)
        let rerun = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        #expect(rerun.replacedDrafts == 1 && rerun.held.isEmpty)
        let net = Money(minorUnits: 875_000 + 80_000, currency: .CAD)
        #expect(rerun.drafts.first?.net == net)
        let issued = try await books.issueInvoices(period: october, on: nil, entity: nil)
        #expect(issued.map(\.number) == ["INV-000001"])
        let invoice = issued[0]
        #expect(invoice.issueDate?.description == "2026-10-31" && invoice.dueDate?.description == "2026-11-30")
        #expect(invoice.taxes.map(\.code) == ["GST", "QST"])
        #expect(invoice.taxes.map(\.amount.minorUnits) == [47_750, 95_261])
        #expect(invoice.total.minorUnits == 955_000 + 47_750 + 95_261)
        // Billed once: the same period again bills nothing more.
        let again = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        #expect(again.drafts.isEmpty)
        #expect(again.notBilled.contains { $0.reason == "already invoiced for 2026-10" })
        // November over-delivers: only the 300,000 left are charged, the rest shows at zero.
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,1,2026-11-10,450000,"]), fileName: "nov.csv", entity: nil)
        let nov = try await books.runInvoices(period: november, dryRun: false, entity: nil)
        #expect(nov.drafts.first?.lines.first?.quantity == 300_000)
        #expect(nov.drafts.first?.lines.first?.overDelivered == 150_000)
        #expect(nov.drafts.first?.net == Money(minorUnits: 375_000, currency: .CAD))
        let second = try await books.issueInvoices(period: november, on: nil, entity: nil)
        #expect(second.map(\.number) == ["INV-000002"])
        // The ledger: balanced, and the register ties.
        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil)
        #expect(tb.imbalance == 0)
        #expect(tb.rows.first { $0.accountCode == "4000" }?.balance == -(955_000 + 375_000))
        let status = try await books.ioBillingStatus(entity: nil)
        let display = status.first { $0.line == 1 }
        #expect(display?.booked == 1_000_000 && display?.delivered == 1_150_000 && display?.invoicedQuantity == 1_000_000)
        #expect(display?.invoiced == Money(minorUnits: 1_250_000, currency: .CAD) && display?.remaining.isZero == true)
        // Exposure counts what is invoiced once: in the receivables, not again as backlog.
        // Open AR 10,979.61 (INV-000001) + 4,312.50 (INV-000002) + backlog 17,500.00 − 13,300.00 + a new 75,000.00 IO = 94,492.11 ≤ 100,000.00.
        try await InsertionOrderTests.importIO(books, InsertionOrderTests.io("NEXT", rate: "37.50"))
        let (_, next, _) = try await books.ioFindings("NEXT", entity: nil)
        #expect(next.violations.isEmpty, "\(next.violations)")
        let register = try await books.salesRegister(period: october, entity: nil)
        #expect(register.ledgerRevenue == register.registerRevenue && register.ledgerRevenue == 955_000)
        #expect(try await books.unbilled(period: october, entity: nil).isEmpty)
    }

    @Test("No invoice run into a closed month; no USD invoice without a rate", arguments: Backend.allCases)
    func refusals(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.activeIO(backend) else { return }
        defer { Task { await books.store.close() } }
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,1,2026-10-15,1000,"]), fileName: "d.csv", entity: nil)
        try await books.closePeriod(try Period(parsing: "2026-10"), entity: nil)
        let error = await #expect(throws: DomainError.self) { try await books.runInvoices(period: try Period(parsing: "2026-10"), dryRun: false, entity: nil) }
        #expect(error?.message.contains("is closed") == true)
    }

    @Test("Two issuers at once: numbers stay gap-free and unique", arguments: Backend.allCases)
    func concurrentIssue(_ backend: Backend) async throws {
        guard let (books, database) = try await Self.activeIO(backend) else { return }
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,1,2026-10-15,1000,", "IO-1,1,2026-11-15,1000,"]), fileName: "d.csv", entity: nil)
        for month in ["2026-10", "2026-11"] { _ = try await books.runInvoices(period: try Period(parsing: month), dryRun: false, entity: nil) }
        await books.store.close()
        let numbers = try await withThrowingTaskGroup(of: [String].self) { group in
            for month in ["2026-10", "2026-11"] {
                group.addTask {
                    let own = Books(store: try await Store.open(database.location), actor: "issuer-\(month)")
                    do {
                        let issued = try await own.issueInvoices(period: try Period(parsing: month), on: nil, entity: nil)
                        await own.store.close()
                        return issued.compactMap(\.number)
                    } catch {
                        await own.store.close()
                        throw error
                    }
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(numbers.sorted() == ["INV-000001", "INV-000002"])
    }
}

extension InvoicingTests {
    @Test("Credit notes: whole or partial, linked, posted, never more than the invoice; credited lines bill again", arguments: Backend.allCases)
    func creditNotes(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.activeIO(backend) else { return }
        defer { Task { await books.store.close() } }
        let october = try Period(parsing: "2026-10")
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,1,2026-10-15,400000,", "IO-1,2,2026-10-15,10000,10000"]), fileName: "d.csv", entity: nil)
        _ = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        let invoice = try await books.issueInvoices(period: october, on: nil, entity: nil)[0]
        #expect(invoice.net.minorUnits == 500_000 + 50_000)
        // A partial credit of 100.00 net: taxes at the invoice's rates.
        let partial = try await books.creditInvoice("INV-000001", lines: nil, amount: Money(minorUnits: 10_000, currency: .CAD),
                                                    reason: "late start of the campaign", on: InsertionOrderTests.date("2026-11-05"), entity: nil)
        #expect(partial.number == "CRN-000001" && partial.creditsNumber == "INV-000001")
        #expect(partial.taxes.map(\.amount.minorUnits) == [500, 998])
        // Too much is refused, nothing written.
        await #expect(throws: DomainError.self) {
            try await books.creditInvoice("INV-000001", lines: nil, amount: Money(minorUnits: 10_000_000, currency: .CAD), reason: "x", on: nil, entity: nil)
        }
        // Credit the video line, whole: it becomes billable again for October.
        let line = try await books.creditInvoice("INV-000001", lines: [2], amount: nil, reason: "wrong count billed", on: InsertionOrderTests.date("2026-11-05"), entity: nil)
        #expect(line.number == "CRN-000002" && line.net.minorUnits == 50_000)
        let rerun = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        #expect(rerun.drafts.count == 1 && rerun.drafts.first?.lines.map(\.ioLine) == [2])
        // The receivable: invoice − credits + re-bill, and the books balance.
        let tb = try await books.trialBalance(asOf: InsertionOrderTests.date("2026-11-30"), entity: nil)
        #expect(tb.imbalance == 0)
        #expect(tb.rows.first { $0.accountCode == "4000" }?.balance == -(550_000 - 10_000 - 50_000))
    }
}

extension InvoicingTests {
    @Test("The tax table is data: a new rate ends the old one the day before", arguments: Backend.allCases)
    func taxTable(_ backend: Backend) async throws {
        guard let (books, _) = try await InsertionOrderTests.books(backend) else { return }
        defer { Task { await books.store.close() } }
        #expect(try await books.taxRules(entity: nil).count == SalesTax.canadianSellerDefaults.count)
        try await books.addTaxRule(TaxRule(code: "HST", country: "CA", region: "ON", rate: try ExactDecimal(parsing: "0.12"),
                                           validFrom: InsertionOrderTests.date("2027-01-01"), accountRole: .hstPayable), entity: nil)
        let rules = try await books.taxRules(entity: nil).filter { $0.region == "ON" }
        #expect(rules.map(\.percent) == ["13%", "12%"])
        #expect(rules.first?.validTo?.description == "2026-12-31")
        await #expect(throws: DomainError.self) {
            try await books.addTaxRule(TaxRule(code: "HST", country: "CA", region: "ON", rate: try ExactDecimal(parsing: "0.12"),
                                               validFrom: InsertionOrderTests.date("2026-06-01"), accountRole: .hstPayable), entity: nil)
        }
    }
}

extension InvoicingTests {
    @Test("Make-goods: recorded when a flight ends short, follow corrected delivery while open, settled once", arguments: Backend.allCases)
    func makeGoods(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.activeIO(backend) else { return }
        defer { Task { await books.store.close() } }
        let october = try Period(parsing: "2026-10")
        // The video line (100,000 views booked, October) delivers 80,000 on both counts.
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,1,2026-10-15,500000,", "IO-1,2,2026-10-15,80000,80000"]), fileName: "oct.csv", entity: nil)
        _ = try await books.runInvoices(period: october, dryRun: true, entity: nil)
        #expect(try await books.makeGoods(openOnly: false, entity: nil).isEmpty, "a dry run records nothing")
        _ = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        var owed = try await books.makeGoods(openOnly: true, entity: nil)
        #expect(owed.map(\.ioNumber) == ["IO-1"] && owed.first?.line == 2)
        #expect(owed.first?.units == 20_000 && owed.first?.amount == Money(minorUnits: 100_000, currency: .CAD))
        // A corrected count halves what is owed; running again updates the open record.
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,2,2026-10-15,90000,90000"]), fileName: "fix.csv", entity: nil)
        _ = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        owed = try await books.makeGoods(openOnly: true, entity: nil)
        #expect(owed.first?.units == 10_000 && owed.first?.amount.minorUnits == 50_000)
        // Settled: gone from the open list, kept with who and why; not settled twice, not reopened.
        await #expect(throws: DomainError.self, "no such credit note") {
            try await books.settleMakeGood("IO-1", line: 2, as: .credited, reference: "CRN-000404", note: "credit", entity: nil)
        }
        await #expect(throws: DomainError.self, "a note says how") {
            try await books.settleMakeGood("IO-1", line: 2, as: .waived, reference: nil, note: "  ", entity: nil)
        }
        try await books.settleMakeGood("IO-1", line: 2, as: .waived, reference: nil, note: "agency accepted the shortfall", entity: nil)
        #expect(try await books.makeGoods(openOnly: true, entity: nil).isEmpty)
        let settled = try await books.makeGoods(openOnly: false, entity: nil)
        #expect(settled.first?.settlement == .waived && settled.first?.note == "agency accepted the shortfall" && settled.first?.settledBy == books.actor)
        await #expect(throws: DomainError.self) {
            try await books.settleMakeGood("IO-1", line: 2, as: .waived, reference: nil, note: "again", entity: nil)
        }
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,2,2026-10-15,85000,85000"]), fileName: "late.csv", entity: nil)
        _ = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        #expect(try await books.makeGoods(openOnly: false, entity: nil).first?.settlement == .waived)
        #expect(try await books.auditTrail(subjectType: "make-good", subjectID: "IO-1/2", limit: 10).map(\.action) == ["make-good.record", "make-good.record", "make-good.settle"])
    }

    @Test("An invoice document needs the seller's address; with it, it carries what the law asks", arguments: Backend.allCases)
    func documents(_ backend: Backend) async throws {
        guard let (books, _) = try await Self.activeIO(backend) else { return }
        defer { Task { await books.store.close() } }
        let october = try Period(parsing: "2026-10")
        _ = try await books.importDeliveries(Self.deliveries(["IO-1,1,2026-10-15,500000,", "IO-1,2,2026-10-15,80000,80000"]), fileName: "oct.csv", entity: nil)
        _ = try await books.runInvoices(period: october, dryRun: false, entity: nil)
        _ = try await books.issueInvoices(period: october, on: nil, entity: nil)
        let missing = await #expect(throws: DomainError.self) { try await books.invoiceDocument("INV-000001", entity: nil) }
        #expect(missing?.message.contains("o2c entities profile") == true)
        await #expect(throws: DomainError.self) {
            try await books.setSellerProfile(SellerProfile(legalName: "Northwind", address: PostalAddress(line1: "1 rue X", city: "Montréal", region: "QC", postalCode: "12345", country: "CA"),
                                                           email: nil, phone: nil), entity: nil)
        }
        try await books.setSellerProfile(SellerProfile(legalName: "Northwind Media Canada Inc.", address: PostalAddress(line1: "1250 boulevard René-Lévesque Ouest", city: "Montréal",
                                                                                                                          region: "QC", postalCode: "h3b4w8", country: "CA"),
                                                       email: "billing@northwind.example", phone: nil), entity: nil)
        await #expect(throws: DomainError.self, "a bank account posts to a bank-role account") {
            try await books.addBankAccount(BankDetails(bankName: "BNC", accountHolder: "N", accountNumber: "123", routing: nil, bic: nil, currency: .CAD),
                                           ledgerAccount: "4000", onInvoices: true, entity: nil)
        }
        try await books.addBankAccount(BankDetails(bankName: "BNC", accountHolder: "Northwind Media Canada Inc.", accountNumber: "00112345678", routing: "006-00011",
                                                   bic: nil, currency: .CAD), ledgerAccount: "1010", onInvoices: true, entity: nil)
        let document = try await books.invoiceDocument("INV-000001", entity: nil)
        #expect(document.seller.address.postalCode == "H3B 4W8")
        #expect(document.seller.registrations.first?.kind == "GST/HST")
        #expect(document.buyer.code == "BOREAL" && document.ioNumbers == ["IO-1"])
        #expect(document.lines.map(\.ratePer) == [1000, 1] && document.lines.first?.quantity == 500_000)
        #expect(document.taxes.map(\.code) == ["GST", "QST"] && document.total == document.net + document.tax)
        #expect(document.payTo.map(\.accountNumber) == ["00112345678"])
        let xml = UBLInvoice.xml(document)
        #expect(xml.contains("<cbc:Percent>14.975</cbc:Percent>") && xml.contains("<cbc:CompanyID>CA123456789RT0001</cbc:CompanyID>"))
    }
}
