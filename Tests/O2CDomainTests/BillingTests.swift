import Foundation
import PropertyBased
import Testing
@testable import O2CDomain

@Suite("Billing rules: exactly what was delivered, never above the IO")
struct BillingTests {
    static func d(_ s: String) -> BusinessDate { try! BusinessDate(parsing: s) }
    static func p(_ s: String) -> Period { try! Period(parsing: s) }
    static func cad(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .CAD) }

    static func line(_ pricing: PricingModel = .cpm, source: BillingSource = .firstParty, quantity: Int64 = 1_000_000, rate: String = "12.50",
                     cap: Money? = nil, start: String = "2026-10-01", end: String = "2026-11-30") -> IOLine {
        IOLine(number: 1, product: "Display", pricing: pricing, flightStart: d(start), flightEnd: d(end), bookedQuantity: quantity,
               unitRate: try! ExactDecimal(parsing: rate), budgetCap: cap, billingSource: source)
    }

    static let nothingBilled = BilledToDate(quantity: 0, amount: cad(0))

    @Test("CPM is priced per thousand, rounded once")
    func cpm() {
        #expect(PricingModel.cpm.amount(quantity: 1_234_567, rate: try! ExactDecimal(parsing: "12.50"), currency: .CAD) == Self.cad(1_543_209))
        #expect(PricingModel.cpc.amount(quantity: 333, rate: try! ExactDecimal(parsing: "0.015"), currency: .CAD) == Self.cad(500))
        let result = BillingRules.bill(Self.line(), currency: .CAD, period: Self.p("2026-10"), delivered: DeliveredUnits(firstParty: 400_000), billed: Self.nothingBilled)
        #expect(result.outcome == .bill(quantity: 400_000, amount: Self.cad(500_000), overDelivered: 0))
    }

    @Test("Over-delivery is shown at zero, never charged")
    func overDelivery() {
        let billed = BilledToDate(quantity: 900_000, amount: Self.cad(1_125_000))
        let result = BillingRules.bill(Self.line(), currency: .CAD, period: Self.p("2026-11"), delivered: DeliveredUnits(firstParty: 250_000), billed: billed)
        #expect(result.outcome == .bill(quantity: 100_000, amount: Self.cad(125_000), overDelivered: 150_000))
    }

    @Test("A budget cap below the booked amount stops billing at the cap")
    func budgetCap() {
        let line = Self.line(cap: Self.cad(1_000_000))  // 10,000.00 for 12,500.00 booked
        let result = BillingRules.bill(line, currency: .CAD, period: Self.p("2026-10"), delivered: DeliveredUnits(firstParty: 900_000), billed: Self.nothingBilled)
        #expect(result.outcome == .bill(quantity: 800_000, amount: Self.cad(1_000_000), overDelivered: 100_000))
    }

    @Test("Counts that disagree past tolerance hold the line with both figures; a release chooses one")
    func discrepancy() {
        let line = Self.line(source: .thirdParty)
        let held = BillingRules.bill(line, currency: .CAD, period: Self.p("2026-10"), delivered: DeliveredUnits(firstParty: 500_000, thirdParty: 420_000), billed: Self.nothingBilled)
        guard case .held(let reason) = held.outcome else { Issue.record("not held: \(held.outcome)"); return }
        #expect(reason.contains("first-party 500000 and third-party 420000 differ by 16%, past the 10% tolerance"))
        let within = BillingRules.bill(line, currency: .CAD, period: Self.p("2026-10"), delivered: DeliveredUnits(firstParty: 500_000, thirdParty: 460_000), billed: Self.nothingBilled)
        #expect(within.outcome == .bill(quantity: 460_000, amount: Self.cad(575_000), overDelivered: 0))
        let released = BillingRules.bill(line, currency: .CAD, period: Self.p("2026-10"), delivered: DeliveredUnits(firstParty: 500_000, thirdParty: 420_000),
                                         billed: Self.nothingBilled, released: .thirdParty)
        #expect(released.outcome == .bill(quantity: 420_000, amount: Self.cad(525_000), overDelivered: 0))
        let missing = BillingRules.bill(line, currency: .CAD, period: Self.p("2026-10"), delivered: DeliveredUnits(firstParty: 500_000), billed: Self.nothingBilled)
        guard case .held(let why) = missing.outcome else { Issue.record("not held"); return }
        #expect(why.contains("third-party count is missing"))
    }

    @Test("Booked schedules and flat fees bill their whole amount over the flight, to the cent")
    func schedules() {
        for (line, expected) in [(Self.line(source: .booked, quantity: 1_000_001), Self.cad(1_250_001)),
                                 (Self.line(.flatFee, quantity: 1, rate: "3500.01"), Self.cad(350_001))] {
            var billed = Self.nothingBilled
            for month in ["2026-09", "2026-10", "2026-11", "2026-12"] {
                let result = BillingRules.bill(line, currency: .CAD, period: Self.p(month), delivered: DeliveredUnits(), billed: billed)
                if case .bill(let q, let a, _) = result.outcome { billed = BilledToDate(quantity: billed.quantity + q, amount: billed.amount + a) }
            }
            #expect(billed.amount == expected, "\(line.pricing)")
        }
    }

    @Test("Under-delivery at the flight's end becomes a make-good")
    func makeGood() {
        let result = BillingRules.bill(Self.line(), currency: .CAD, period: Self.p("2026-11"), delivered: DeliveredUnits(firstParty: 300_000),
                                       billed: BilledToDate(quantity: 400_000, amount: Self.cad(500_000)), deliveredThroughFlightEnd: 700_000)
        #expect(result.makeGood?.units == 300_000)
        #expect(result.makeGood?.amount == Self.cad(375_000))
    }

    @Test("Property: across any run of periods and corrections, billing never passes the cap, and bills every delivered unit up to it once")
    func neverAboveCap() async {
        let months = Gen.int64(in: 0...600_000).array(of: 1...8)
        await propertyCheck(count: 300, input: months, Gen.int64(in: 1...2_000_000), Gen.int(in: 0...2)) { deliveries, booked, capKind throws in
            let cap: Money? = capKind == 0 ? nil : Self.cad(Int64(capKind) * 300_000_00 / 3)
            let line = Self.line(quantity: booked, rate: "7.33", cap: cap, start: "2026-01-01", end: "2026-12-31")
            var billed = Self.nothingBilled
            var delivered: Int64 = 0
            for (index, units) in deliveries.enumerated() {
                let period = try Period(year: 2026, month: index + 1)
                let result = BillingRules.bill(line, currency: .CAD, period: period, delivered: DeliveredUnits(firstParty: units), billed: billed)
                delivered += units
                if case .bill(let q, let a, let over) = result.outcome {
                    #expect(q + over == units)
                    billed = BilledToDate(quantity: billed.quantity + q, amount: billed.amount + a)
                }
                #expect(billed.quantity <= booked)
                #expect(billed.amount <= line.billingLimit(in: .CAD))
            }
            // Without a budget cap, every delivered unit up to the booked quantity is billed, and
            // the amount is exactly the price of the units billed (no cent drifts).
            if cap == nil {
                #expect(billed.quantity == min(delivered, booked))
                #expect(billed.amount == BillingRules.cumulativeAmount(line, quantity: billed.quantity, currency: .CAD))
            }
        }
    }

    @Test("Sales tax by place of supply, from the dated table")
    func salesTax() throws {
        func customer(_ region: String, country: String = "CA", status: TaxStatus = .taxable) -> Customer {
            Customer(code: "X", legalName: "X", billTo: PostalAddress(line1: "1", city: "c", region: region, postalCode: "", country: country), taxStatus: status)
        }
        let table = SalesTax.canadianSellerDefaults
        let day = Self.d("2026-10-31")
        #expect(SalesTax.rules(for: customer("QC"), on: day, table: table).map(\.code) == ["GST", "QST"])
        #expect(SalesTax.rules(for: customer("ON"), on: day, table: table).map(\.percent) == ["13%"])
        #expect(SalesTax.rules(for: customer("NS"), on: day, table: table).map(\.percent) == ["14%"])
        #expect(SalesTax.rules(for: customer("NS"), on: Self.d("2025-03-31"), table: table).map(\.percent) == ["15%"])
        #expect(SalesTax.rules(for: customer("AB"), on: day, table: table).map(\.code) == ["GST"])
        #expect(SalesTax.rules(for: customer("BC"), on: day, table: table).map(\.code) == ["GST"])
        #expect(SalesTax.rules(for: customer("NY", country: "US", status: .zeroRatedNonResident), on: day, table: table).isEmpty)
        #expect(SalesTax.rules(for: customer("QC", status: .exempt), on: day, table: table).isEmpty)
        let taxes = SalesTax.compute(net: Self.cad(4_235_000), rules: SalesTax.rules(for: customer("QC"), on: day, table: table))
        #expect(taxes.map(\.amount) == [Self.cad(211_750), Self.cad(422_441)])
        #expect(SalesTax.rules(for: customer("WA", country: "US"), on: day, table: SalesTax.usSellerDefaults).map(\.percent) == ["6.5%"])
        #expect(SalesTax.rules(for: customer("WA", country: "US"), on: Self.d("2025-09-30"), table: SalesTax.usSellerDefaults).isEmpty)
    }
}
