import Foundation

/// Delivered units of one IO line over a billing period, as the ad servers counted them.
public struct DeliveredUnits: Hashable, Sendable {
    public var firstParty: Int64?
    public var thirdParty: Int64?

    public init(firstParty: Int64? = nil, thirdParty: Int64? = nil) {
        self.firstParty = firstParty
        self.thirdParty = thirdParty
    }
}

/// What was billed on an IO line before this period (invoices issued or drafted, less credits).
public struct BilledToDate: Hashable, Sendable {
    public var quantity: Int64
    public var amount: Money

    public init(quantity: Int64, amount: Money) {
        self.quantity = quantity
        self.amount = amount
    }
}

/// Which figure a person chose when releasing a held line.
public enum ReleasedFigure: String, Sendable, Codable, CaseIterable {
    case firstParty = "first-party"
    case thirdParty = "third-party"
}

/// The billing of one IO line for one period.
public struct LineBilling: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// Bill `quantity` for `amount`; `overDelivered` units beyond the cap show at zero.
        case bill(quantity: Int64, amount: Money, overDelivered: Int64)
        /// Held for a person: the counts disagree past tolerance, or a needed count is missing.
        case held(reason: String)
        /// Nothing to bill this period, and why (no delivery, cap reached, outside the flight).
        case nothing(reason: String)
    }

    public var lineNumber: Int
    public var outcome: Outcome
    /// Units booked but not delivered by the end of the flight, and their value.
    public var makeGood: (units: Int64, amount: Money)?

    public static func == (lhs: LineBilling, rhs: LineBilling) -> Bool {
        lhs.lineNumber == rhs.lineNumber && lhs.outcome == rhs.outcome
            && lhs.makeGood?.units == rhs.makeGood?.units && lhs.makeGood?.amount == rhs.makeGood?.amount
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(lineNumber)
        hasher.combine(outcome)
    }
}

/// The billing rules of an IO line: exactly what was delivered, capped cumulatively by the booked
/// quantity and the budget, held when the counts disagree, and the booked schedule for lines billed
/// on booked figures or flat fees.
public enum BillingRules {
    /// Bills one line for `period`.
    /// - Parameters:
    ///   - delivered: the counts of the period (days of the period inside the flight).
    ///   - deliveredThroughFlightEnd: the billing figure delivered over the whole flight so far,
    ///     for the make-good at the flight's end.
    ///   - released: the figure a person chose for a held line.
    public static func bill(_ line: IOLine, currency: Currency, period: Period, delivered: DeliveredUnits,
                            billed: BilledToDate, released: ReleasedFigure? = nil,
                            deliveredThroughFlightEnd: Int64? = nil) -> LineBilling {
        let overlaps = line.flightStart <= period.lastDay && line.flightEnd >= period.firstDay
        guard overlaps else { return LineBilling(lineNumber: line.number, outcome: .nothing(reason: "outside the flight \(line.flightStart) – \(line.flightEnd)")) }

        // The units this period may bill, from the line's billing source.
        let units: Int64
        switch (line.pricing, line.billingSource) {
        case (.flatFee, _), (_, .booked):
            units = scheduled(line, through: min(period.lastDay, line.flightEnd)) - scheduled(line, through: period.firstDay.adding(days: -1))
        case (_, .firstParty), (_, .thirdParty):
            if let released {
                guard let figure = released == .firstParty ? delivered.firstParty : delivered.thirdParty else {
                    return LineBilling(lineNumber: line.number, outcome: .held(reason: "the released \(released.rawValue) count is missing"))
                }
                units = figure
            } else {
                if let first = delivered.firstParty, let third = delivered.thirdParty, discrepancy(first, third, exceeds: line.discrepancyTolerance) {
                    let gap = ExactDecimal(units: Int128(abs(first - third)) * 10_000 / Int128(max(first, 1)), scale: 2)
                    return LineBilling(lineNumber: line.number, outcome: .held(
                        reason: "first-party \(first) and third-party \(third) differ by \(gap.normalized)%, past the \(line.discrepancyTolerance.percentText) tolerance"))
                }
                if line.billingSource == .thirdParty && delivered.thirdParty == nil {
                    return LineBilling(lineNumber: line.number, outcome: delivered.firstParty == nil
                                       ? .nothing(reason: "no delivery reported")
                                       : .held(reason: "billed on third-party counts, and the third-party count is missing (first-party \(delivered.firstParty!))"))
                }
                guard let figure = line.billingSource == .thirdParty ? delivered.thirdParty : delivered.firstParty else {
                    return LineBilling(lineNumber: line.number, outcome: .nothing(reason: "no delivery reported"))
                }
                units = figure
            }
        }
        let makeGood = makeGoodAtFlightEnd(line, currency: currency, period: period, deliveredThroughFlightEnd: deliveredThroughFlightEnd)
        guard units > 0 else {
            return LineBilling(lineNumber: line.number, outcome: .nothing(reason: "no delivery reported"), makeGood: makeGood)
        }
        // Cap on quantity, then on the budget; the rest is over-delivery, shown at zero.
        let remainingUnits = max(0, line.bookedQuantity - billed.quantity)
        var quantity = min(units, remainingUnits)
        let limit = line.billingLimit(in: currency)
        let amountThrough = { (q: Int64) in cumulativeAmount(line, quantity: q, currency: currency) }
        let alreadyAmount = billed.amount
        if amountThrough(billed.quantity + quantity) - amountThrough(billed.quantity) + alreadyAmount > limit {
            // The most units whose cumulative amount stays within the budget.
            var low: Int64 = 0, high = quantity
            while low < high {
                let mid = (low + high + 1) / 2
                if amountThrough(billed.quantity + mid) - amountThrough(billed.quantity) + alreadyAmount <= limit { low = mid } else { high = mid - 1 }
            }
            quantity = low
        }
        var amount = amountThrough(billed.quantity + quantity) - amountThrough(billed.quantity)
        if line.pricing == .flatFee {
            // A flat fee is its scheduled share of the fee; the units are days of the flight.
            amount = min(flatAmount(line, currency: currency, through: min(period.lastDay, line.flightEnd)) - alreadyAmount, limit - alreadyAmount)
            quantity = units
        }
        let over = units - quantity
        if quantity == 0 && amount.isZero {
            return LineBilling(lineNumber: line.number, outcome: .nothing(reason: over > 0 ? "cap reached: \(over) units over-delivered, not charged" : "nothing left to bill"), makeGood: makeGood)
        }
        return LineBilling(lineNumber: line.number, outcome: .bill(quantity: quantity, amount: amount, overDelivered: max(0, over)), makeGood: makeGood)
    }

    /// Whether two counts differ by more than the tolerance, relative to the first-party count.
    public static func discrepancy(_ first: Int64, _ third: Int64, exceeds tolerance: ExactDecimal) -> Bool {
        // |first − third| / first > tolerance, in integers: |f − t| · 10^s > tolerance.units · f.
        let gap = Int128(abs(first - third)) * ExactDecimal.pow10(tolerance.scale)
        return first == 0 ? third != 0 : gap > tolerance.units * Int128(first)
    }

    /// The booked units scheduled through a date (public for reports).
    public static func scheduledThrough(_ line: IOLine, date: BusinessDate) -> Int64 { scheduled(line, through: date) }

    /// The booked units scheduled through a date: the booked quantity spread evenly over the
    /// flight's days, whole units, all of it by the last day. (Flat fees: days of the flight.)
    static func scheduled(_ line: IOLine, through date: BusinessDate) -> Int64 {
        if date < line.flightStart { return 0 }
        let total = line.pricing == .flatFee ? Int64(line.flightStart.days(until: line.flightEnd) + 1) : line.bookedQuantity
        if date >= line.flightEnd { return total }
        let flightDays = Int128(line.flightStart.days(until: line.flightEnd) + 1)
        let elapsed = Int128(line.flightStart.days(until: date) + 1)
        return Int64(Int128(total) * elapsed / flightDays)
    }

    /// The fee of a flat line earned through a date, prorated by days of the flight.
    static func flatAmount(_ line: IOLine, currency: Currency, through date: BusinessDate) -> Money {
        let fee = line.billingLimit(in: currency)
        if date >= line.flightEnd { return fee }
        if date < line.flightStart { return .zero(currency) }
        let flightDays = Int128(line.flightStart.days(until: line.flightEnd) + 1)
        let elapsed = Int128(line.flightStart.days(until: date) + 1)
        return Money(minorUnits: Int64(Int128(fee.minorUnits) * elapsed / flightDays), currency: currency)
    }

    /// What `quantity` units cost in total, rounded once: billing the difference of two cumulative
    /// amounts means a line never drifts by a cent however many periods it is billed over.
    public static func cumulativeAmount(_ line: IOLine, quantity: Int64, currency: Currency) -> Money {
        line.pricing == .flatFee ? .zero(currency) : line.pricing.amount(quantity: quantity, rate: line.unitRate, currency: currency)
    }

    static func makeGoodAtFlightEnd(_ line: IOLine, currency: Currency, period: Period, deliveredThroughFlightEnd: Int64?) -> (units: Int64, amount: Money)? {
        guard line.pricing != .flatFee, line.billingSource != .booked, let delivered = deliveredThroughFlightEnd,
              line.flightEnd <= period.lastDay, line.flightEnd >= period.firstDay, delivered < line.bookedQuantity else { return nil }
        let units = line.bookedQuantity - delivered
        return (units, cumulativeAmount(line, quantity: line.bookedQuantity, currency: currency) - cumulativeAmount(line, quantity: delivered, currency: currency))
    }

}
