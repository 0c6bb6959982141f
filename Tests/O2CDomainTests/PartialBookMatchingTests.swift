import Foundation
import Testing
@testable import O2CDomain

/// A match run over a large book loads only what its lines can name (keys, then payers' pools,
/// then whatever a line turns out to need). Its decisions must be those of a matcher given the
/// whole book: this compares the two on books and bank lines drawn in many habits.
@Suite("Matching over part of the book decides as over the whole book")
struct PartialBookMatchingTests {
    /// A small deterministic generator: the same seed, the same case.
    struct Draw {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    static let customers = ["NOVA": "Nova Foods Inc.", "HARB": "Harbourfront Media Ltd.", "TURC": "Les Entreprises Turcotte inc.",
                            "ATLAS": "Atlas Motors Corp.", "ATLASP": "Atlas Pharma Ltd.", "POLAR": "Polar Brands LLC"]

    /// The store's side, over the whole book as it stands before the run.
    struct Book {
        let items: [OpenItem]
        func byKeys(digits: Set<String>, tails: Set<String>, groups: Set<String>, beginning: Set<String> = []) -> [OpenItem] {
            items.filter { item in
                let keys = CashMatcher.matchKeys(of: item.number)
                return digits.contains(keys.digits) || keys.tail.map(tails.contains) == true || keys.groups.map(groups.contains) == true
                    || beginning.contains { keys.digits.count > $0.count && keys.digits.hasPrefix($0) }
            }
        }
        func pool(_ payer: String, upTo: Int64) -> [OpenItem] { items.filter { $0.customer == payer && $0.open > 0 && $0.open <= upTo } }
    }

    static func draw(seed: UInt64) -> (book: Book, payments: [IncomingPayment]) {
        var draw = Draw(state: seed)
        let codes = customers.keys.sorted()
        let day = try! BusinessDate(parsing: "2026-10-01")
        var items: [OpenItem] = []
        for id in 1...160 {
            let n = 1_000 + draw.next(9_000)
            let number = [String(format: "INV-2026-%06d", n), String(format: "FA26-%06d", n), "\(100_000 + n)"][draw.next(3)]
            let open = draw.next(5) == 0 ? 0 : Int64(1_000 + draw.next(400) * 250)
            items.append(OpenItem(id: Int64(id), number: number, customer: codes[draw.next(codes.count)], currency: draw.next(8) == 0 ? .USD : .CAD,
                                  open: open, issueDate: day, dueDate: day.adding(days: draw.next(60))))
        }
        var payments: [IncomingPayment] = []
        for _ in 0..<220 {
            let item = items[draw.next(items.count)]
            let other = items[draw.next(items.count)]
            let name = customers[item.customer]!.uppercased()
            let digits = CashMatcher.digits(item.number)
            var amount = item.open > 0 ? item.open : Int64(5_000)
            var text: String
            switch draw.next(12) {
            case 0: text = "\(name) \(item.number)"
            case 1: text = "\(name) PAYMENT"
            case 2: text = "\(String(name.prefix(14))) #\(String(digits.drop { $0 == "0" }).suffix(4))"
            case 3:
                var typo = Array(digits)
                typo[typo.count - 1] = typo[typo.count - 1] == "9" ? "8" : "9"
                text = "PAYMENT \(String(typo))"
            case 4: text = "\(name) \(item.number) \(other.number)"; amount = item.open + other.open
            case 5: text = "\(name) \(item.number) WIRE"; amount -= 1_500
            case 6: text = "UNKNOWN PAYER \(draw.next(99_999))"
            case 7: text = "\(name) \(item.number) 2026-11-20"; amount = amount / 2 + 1
            case 8: text = "\(name) INVOICES"; amount = item.open + (other.customer == item.customer ? other.open : 0)
            case 9: text = "EFT CREDIT PMT \(item.number.dropLast())"
            case 10:
                // A list the bank cut: the rest may be a set of the payer's other open invoices.
                let rest = items.filter { $0.customer == item.customer && $0.id != item.id && $0.id != other.id && $0.open > 0 }.prefix(1 + draw.next(2))
                text = "\(name) FACT \(item.number) FACT \(other.number) FACT"
                amount = item.open + other.open + rest.reduce(0) { $0 + $1.open }
            default: text = "\(name) \(item.number) DUPLICATE"
            }
            payments.append(IncomingPayment(amount: Money(minorUnits: max(1, amount), currency: item.currency), payerName: nil, payerAccount: nil,
                                            text: text, references: []))
        }
        return (Book(items: items), payments)
    }

    @Test("the same decisions, line by line", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func sameDecisions(seed: UInt64) {
        let (book, payments) = Self.draw(seed: seed)
        let payers = Self.customers.map { PayerIdentity(code: $0.key, names: [$0.value], bankAccounts: []) }
        let settled = { (items: [OpenItem]) in items.filter { $0.open <= 0 }.map { ($0.number, $0.customer) } }

        var whole = CashMatcher(openItems: book.items.filter { $0.open > 0 }, settledNumbers: settled(book.items), payers: payers)
        let expected = payments.map { whole.decide($0) }

        let directory = PayerDirectory(payers)
        let readings = payments.map(directory.read)
        var found = book.byKeys(digits: Set(readings.flatMap(\.candidates)), tails: Set(readings.flatMap(\.tailKeys)), groups: Set(readings.flatMap(\.groupKeys)))
        let followUp = CashMatcher.followUp(readings, found: found)
        for (payer, upTo) in followUp.pools { found += book.pool(payer, upTo: upTo) }
        found += book.byKeys(digits: followUp.nearMisses, tails: [], groups: [], beginning: followUp.cutNumbers)
        var part = CashMatcher(openItems: found.filter { $0.open > 0 }, settledNumbers: settled(found), pools: followUp.pools, nearMissKeys: followUp.nearMisses,
                               cutNumbers: followUp.cutNumbers)
        var needs = 0
        for (index, reading) in readings.enumerated() {
            var decision: MatchDecision?
            while decision == nil {
                switch part.step(reading) {
                case .decided(let decided): decision = decided
                case .needs(.pool(let payer, let upTo)): needs += 1; part.learn(book.pool(payer, upTo: upTo), pool: (payer, upTo))
                case .needs(.nearMisses(let keys)):
                    needs += 1
                    let more = book.byKeys(digits: keys, tails: [], groups: [])
                    part.learn(more.filter { $0.open > 0 }, settledNumbers: settled(more), nearMissKeys: keys)
                }
            }
            #expect(decision == expected[index], "seed \(seed), line \(index): \(payments[index].text)")
        }
        #expect(Set(expected.map(\.status)).count >= 3, "the case exercises several outcomes")
    }
}

extension PartialBookMatchingTests {
    @Test("an invoice's match keys are its digits, its last group and its groups, zeros stripped")
    func matchKeys() {
        for (number, digits, tail, groups) in [("INV-2026-003074", "2026003074", "3074", "2026|3074"), ("104656", "104656", "104656", nil),
                                               ("FA26-000000", "26000000", nil, "26|"), ("ABC", "", nil, nil), ("0012", "0012", "12", nil)] as [(String, String, String?, String?)] {
            let keys = CashMatcher.matchKeys(of: number)
            #expect(keys.digits == digits && keys.tail == tail && keys.groups == groups, "\(number): \(keys)")
        }
    }
}

extension PartialBookMatchingTests {
    @Test("the bounded set search finds what trying every set finds", arguments: [11, 12, 13, 14, 15] as [UInt64])
    func setSearch(seed: UInt64) {
        var draw = Draw(state: seed)
        let day = try! BusinessDate(parsing: "2026-10-01")
        for _ in 0..<200 {
            let pool = (0..<(1 + draw.next(11))).map { n in
                OpenItem(id: Int64(n), number: "INV-\(n)", customer: "C", currency: .CAD, open: Int64(1 + draw.next(20)) * 100, issueDate: day, dueDate: day.adding(days: n))
            }
            let target = Int64(1 + draw.next(60)) * 100
            var sets: [Set<Int64>] = []
            for mask in 1..<(1 << pool.count) where mask.nonzeroBitCount <= 3 {
                let chosen = pool.indices.filter { mask & (1 << $0) != 0 }
                if chosen.reduce(Int64(0), { $0 + pool[$1].open }) == target { sets.append(Set(chosen.map { pool[$0].id })) }
            }
            let found = CashMatcher.subsets(of: pool, summingTo: target, maximumSize: 3, limit: 2)
            #expect(min(found.count, 2) == min(sets.count, 2), "pool \(pool.map(\.open)), target \(target)")
            if sets.count == 1 { #expect(found.first.map { Set($0.map(\.id)) } == sets[0]) }
        }
    }
}
