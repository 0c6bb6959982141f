import Foundation
import PropertyBased
import Testing
@testable import O2CDomain

@Suite("Business dates and periods")
struct DateTests {
    @Test("Dates parse strictly as YYYY-MM-DD calendar dates")
    func parsing() throws {
        #expect(try BusinessDate(parsing: "2026-10-31").description == "2026-10-31")
        #expect(try BusinessDate(parsing: "2024-02-29").day == 29)
        for bad in ["2026-02-29", "2026-13-01", "2026-10-32", "26-10-31", "2026/10/31", "2026-1-31", "", "2026-10-31T00:00"] {
            #expect(throws: DomainError.self) { try BusinessDate(parsing: bad) }
        }
    }

    @Test("Property: day numbers round-trip and order like the dates")
    func dayNumbers() async throws {
        await propertyCheck(count: 1000, input: Gen.int(in: -100_000...2_000_000)) { n throws in
            let date = BusinessDate(dayNumber: n)
            #expect(date.dayNumber == n)
            #expect(date.adding(days: 1) > date)
            #expect(try BusinessDate(parsing: date.description) == date)
        }
        #expect(try BusinessDate(parsing: "1970-01-01").dayNumber == 0)
        #expect(try BusinessDate(parsing: "2026-11-22").isoWeekday == 7)  // a Sunday
    }

    @Test("Today is the entity's day, whatever zone the machine runs in")
    func today() throws {
        // 2026-11-01 03:30 UTC is still 2026-10-31 in Montréal.
        let instant = Date(timeIntervalSince1970: 1_793_503_800)
        #expect(BusinessDate.today(in: TimeZone(identifier: "UTC")!, now: instant).description == "2026-11-01")
        #expect(BusinessDate.today(in: TimeZone(identifier: "America/Toronto")!, now: instant).description == "2026-10-31")
    }

    @Test("Periods: months, their first and last days, fiscal years")
    func periods() throws {
        let october = try Period(parsing: "2026-10")
        #expect(october.lastDay.description == "2026-10-31")
        #expect(october.next.description == "2026-11")
        #expect(try Period(parsing: "2026-01").previous.description == "2025-12")
        #expect(try Period(parsing: "2024-02").lastDay.description == "2024-02-29")
        #expect(october.fiscalYear(startMonth: 1) == 2026)
        #expect(october.fiscalYear(startMonth: 4) == 2027)
        #expect(try Period(parsing: "2026-03").fiscalYear(startMonth: 4) == 2026)
        for bad in ["2026-13", "2026-1", "202610", "2026-10-01"] {
            #expect(throws: DomainError.self) { try Period(parsing: bad) }
        }
    }
}
