import Foundation
import PropertyBased
import Testing
@testable import O2CDomain

@Suite("Posting rules and the trial balance")
struct PostingRulesTests {
    static let entity = try! LegalEntity(code: "CA01", name: "Test Canada", functionalCurrency: .CAD, country: "CA", region: "QC")
    static let chart = Dictionary(uniqueKeysWithValues: DefaultChart.accounts(for: entity).map { ($0.code, $0) })
    static let date = try! BusinessDate(parsing: "2026-10-15")

    func cad(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .CAD) }
    func usd(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .USD) }

    func draft(_ lines: [JournalLineDraft]) -> JournalEntryDraft {
        JournalEntryDraft(journal: .miscellaneous, date: Self.date, description: "test", lines: lines)
    }

    func validate(_ lines: [JournalLineDraft]) throws(DomainError) -> BalancedEntry {
        try PostingRules.validate(draft(lines), functionalCurrency: .CAD, accounts: Self.chart)
    }

    @Test("A balanced entry passes; functional amounts equal transaction amounts in CAD")
    func balanced() throws {
        let entry = try validate([.debit("1100", cad(11_497), customer: "ACME"), .credit("4000", cad(10_000)),
                                  .credit("2310", cad(500)), .credit("2320", cad(997))])
        #expect(entry.lines.map(\.functionalDebit) == [11_497, 0, 0, 0])
        #expect(entry.lines.map(\.functionalCredit) == [0, 10_000, 500, 997])
    }

    @Test("Refusals name the field and say why", arguments: [
        ("unbalanced", "lines", "does not balance in CAD"),
        ("unknown account", "lines[1].account", "unknown account '9999'"),
        ("no customer on AR", "lines[0].customer", "kept per customer"),
        ("customer on revenue", "lines[1].customer", "not kept per customer"),
        ("negative", "lines[0].debit", "must be positive"),
        ("USD in CAD bank", "lines[0].currency", "holds CAD only"),
        ("no rate", "lines[0].rate", "needs a rate"),
        ("one line", "lines", "at least two lines"),
    ])
    func refusals(name: String, field: String, message: String) {
        let lines: [JournalLineDraft] = switch name {
        case "unbalanced": [.debit("1010", cad(100)), .credit("4000", cad(99))]
        case "unknown account": [.debit("1010", cad(100)), .credit("9999", cad(100))]
        case "no customer on AR": [.debit("1100", cad(100)), .credit("4000", cad(100))]
        case "customer on revenue": [.debit("1100", cad(100), customer: "A"), .credit("4000", cad(100), customer: "A")]
        case "negative": [.debit("1010", cad(-100)), .credit("4000", cad(-100))]
        case "USD in CAD bank": [.debit("1010", usd(100), rate: try! ExactDecimal(parsing: "1.37")), .credit("4000", usd(100), rate: try! ExactDecimal(parsing: "1.37"))]
        case "no rate": [.debit("1020", usd(100)), .credit("4000", usd(100))]
        default: [.debit("1010", cad(100))]
        }
        let error = #expect(throws: DomainError.self) { try validate(lines) }
        #expect(error?.field == field)
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }

    @Test("Foreign lines at one rate are converted once and still balance in CAD")
    func foreignBalanced() throws {
        let rate = try ExactDecimal(parsing: "1.3725")
        // 3 × 33.33 + 0.01 = 100.00 USD; converted line by line they would not add up.
        let entry = try validate([.debit("1100", usd(3333), customer: "A", rate: rate), .debit("1100", usd(3333), customer: "B", rate: rate),
                                  .debit("1100", usd(3334), customer: "C", rate: rate), .credit("4000", usd(10_000), rate: rate)])
        #expect(entry.lines.reduce(0) { $0 + $1.functionalDebit } == 13_725)
        #expect(entry.lines[3].functionalCredit == 13_725)
    }

    @Test("A USD invoice settled at another rate books the exchange difference in CAD only")
    func exchangeDifference() throws {
        let entry = try validate([
            .debit("1020", usd(1_800_000), rate: try ExactDecimal(parsing: "1.3760")),
            JournalLineDraft(accountCode: "1100", customerCode: "LIB", side: .credit, amount: usd(1_800_000), functionalAmount: cad(2_464_200)),
            JournalLineDraft(accountCode: "4910", side: .credit, amount: .zero(.USD), functionalAmount: cad(12_600)),
        ])
        #expect(entry.lines[0].functionalDebit == 2_476_800)
        #expect(entry.lines[2].debit == 0 && entry.lines[2].credit == 0 && entry.lines[2].functionalCredit == 12_600)
        // Without the difference line the entry balances in USD but not in CAD.
        let error = #expect(throws: DomainError.self) {
            try validate([.debit("1020", usd(1_800_000), rate: try ExactDecimal(parsing: "1.3760")),
                          JournalLineDraft(accountCode: "1100", customerCode: "LIB", side: .credit, amount: usd(1_800_000), functionalAmount: cad(2_464_200))])
        }
        #expect(error?.message.contains("functional currency CAD") == true)
    }

    @Test("A reversal swaps every line's side and keeps the amounts")
    func reversal() throws {
        let entry = try validate([.debit("1100", cad(500), customer: "A"), .credit("4000", cad(500))])
        let posted = PostedEntry(id: 1, entityCode: "CA01", functionalCurrency: .CAD, journal: .miscellaneous, fiscalYear: 2026, sequence: 7,
                                 date: Self.date, description: "x", reference: nil, source: "manual", reversesEntryID: nil,
                                 reversedByEntryID: nil, postedAt: "", postedBy: "t", lines: entry.lines)
        let reversal = try posted.reversal(on: Self.date)
        #expect(reversal.lines[0].credit == 500 && reversal.lines[0].functionalCredit == 500 && reversal.lines[0].debit == 0)
        #expect(reversal.description.contains("MIS-2026-000007"))
        #expect(try EntryNumber.parse("MIS-2026-000007") == (JournalKind.miscellaneous, 2026, 7))
    }

    @Test("Property: any sequence of valid postings keeps the trial balance at zero")
    func trialBalanceStaysZero() async throws {
        let accounts = ["1010", "1100", "1150", "2150", "2310", "4000", "6100", "3000"]
        let generator = zip(Gen.int64(in: 1...100_000_000), Gen.int64(in: 1...1_000).array(of: 1...4),
                            Gen.int64(in: 1...1_000).array(of: 1...4), Gen.int(in: 0...1_000_000), Gen.int(in: 0...364))
            .array(of: 1...25)
        await propertyCheck(count: 150, input: generator) { specs throws in
            var entries: [(date: BusinessDate, lines: [LedgerLine])] = []
            for (amount, debitWeights, creditWeights, seed, day) in specs {
                // Split one amount over debit and over credit accounts: balanced by construction.
                let total = Money(minorUnits: amount, currency: .CAD)
                var lines: [JournalLineDraft] = []
                for (index, part) in try total.allocated(byWeights: debitWeights).enumerated() where part.isPositive {
                    let code = accounts[(seed + index) % accounts.count]
                    lines.append(.debit(code, part, customer: Self.chart[code]!.tracksCustomers ? "C\(seed % 5)" : nil))
                }
                for (index, part) in try total.allocated(byWeights: creditWeights).enumerated() where part.isPositive {
                    let code = accounts[(seed / 7 + index + 3) % accounts.count]
                    lines.append(.credit(code, part, customer: Self.chart[code]!.tracksCustomers ? "C\(seed % 3)" : nil))
                }
                let date = BusinessDate(dayNumber: try BusinessDate(parsing: "2026-01-01").dayNumber + day)
                let entry = try PostingRules.validate(JournalEntryDraft(journal: .miscellaneous, date: date, description: "p", lines: lines),
                                                      functionalCurrency: .CAD, accounts: Self.chart)
                entries.append((date, entry.lines))
            }
            let asOf = try BusinessDate(parsing: "2026-12-31")
            let tb = TrialBalance.compute(entityCode: "CA01", asOf: asOf, currency: .CAD, accounts: Array(Self.chart.values), entries: entries)
            #expect(tb.imbalance == 0)
            #expect(tb.rows.reduce(0) { $0 + $1.balance } == 0)
            // And at any earlier date too.
            let midYear = try BusinessDate(parsing: "2026-06-30")
            #expect(TrialBalance.compute(entityCode: "CA01", asOf: midYear, currency: .CAD, accounts: Array(Self.chart.values), entries: entries).imbalance == 0)
        }
    }

    @Test("Entities: regions, tax numbers and the default chart")
    func entities() throws {
        #expect(throws: DomainError.self) { try LegalEntity(code: "X", name: "X", functionalCurrency: .CAD, country: "CA", region: "ZZ") }
        #expect(throws: DomainError.self) { try LegalEntity(code: "X", name: "X", functionalCurrency: .USD, country: "US", region: "QC") }
        #expect(throws: DomainError.self) {
            try LegalEntity(code: "X", name: "X", functionalCurrency: .CAD, country: "CA", region: "QC",
                            taxRegistrations: [TaxRegistration(kind: .gstHst, number: "12345678RT0001")])
        }
        #expect(throws: Never.self) { try TaxRegistration(kind: .qst, number: "1234567890 TQ 0001").validate() }
        let us = try LegalEntity(code: "US01", name: "US", functionalCurrency: .USD, country: "US", region: "NY")
        #expect(us.timeZone == "America/New_York")
        let roles = Set(DefaultChart.accounts(for: Self.entity).compactMap(\.role))
        for role in [AccountRole.bank, .receivable, .unappliedCash, .revenue, .unbilledRevenue, .gstPayable, .hstPayable, .qstPayable,
                     .bankFees, .fxGain, .fxLoss, .writeOff, .badDebt] {
            #expect(roles.contains(role), "missing \(role)")
        }
        let banks = DefaultChart.accounts(for: Self.entity).filter { $0.role == .bank }
        #expect(banks.map(\.currency) == [.CAD, .USD])
        #expect(DefaultChart.accounts(for: us).contains { $0.role == .salesTaxPayable })
    }
}
