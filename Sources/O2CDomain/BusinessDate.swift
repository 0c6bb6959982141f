import Foundation

/// A calendar date of the books (an invoice date, a posting date): a year, a month and a day, with
/// no time and no time zone, so that a machine's zone can never move an entry to another day.
public struct BusinessDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(DomainError) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...BusinessDate.daysIn(year: year, month: month)).contains(day)
        else { throw DomainError(field: "date", "\(year)-\(month)-\(day) is not a calendar date") }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init(parsing text: String, field: String = "date") throws(DomainError) {
        // The common case, exactly ten ASCII bytes, without Foundation: files hold millions of dates.
        let utf8 = text.utf8
        if utf8.count == 10, let fast = utf8.withContiguousStorageIfAvailable({ Self.digits($0) }) ?? Self.digits(Array(utf8)[...]) {
            do { try self.init(year: fast.0, month: fast.1, day: fast.2) } catch {
                throw DomainError(field: field, "'\(text)' is not a calendar date")
            }
            return
        }
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { throw DomainError(field: field, "'\(text)' is not a date (expected YYYY-MM-DD)") }
        do { try self.init(year: y, month: m, day: d) } catch {
            throw DomainError(field: field, "'\(text)' is not a calendar date")
        }
    }

    /// `YYYY-MM-DD` as numbers, or nil when the bytes are not of that form.
    static func digits<C: Collection>(_ bytes: C) -> (Int, Int, Int)? where C.Element == UInt8, C.Index == Int {
        let base = bytes.startIndex
        guard bytes.count == 10, bytes[base + 4] == UInt8(ascii: "-"), bytes[base + 7] == UInt8(ascii: "-") else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for offset in from..<(from + count) {
                let byte = bytes[base + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let y = number(0, 4), let m = number(5, 2), let d = number(8, 2) else { return nil }
        return (y, m, d)
    }

    /// Today's date in `timeZone` (the entity's zone, not the machine's).
    public static func today(in timeZone: TimeZone, now: Date = Date()) -> BusinessDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return try! BusinessDate(year: c.year!, month: c.month!, day: c.day!)
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (H. Hinnant's days-from-civil), for date arithmetic without a calendar.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> BusinessDate { BusinessDate(dayNumber: dayNumber + days) }

    public func days(until other: BusinessDate) -> Int { other.dayNumber - dayNumber }

    public var period: Period { Period(uncheckedYear: year, month: month) }

    public var endOfMonth: BusinessDate { period.lastDay }

    /// 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    public var isoWeekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    public static func < (lhs: BusinessDate, rhs: BusinessDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `YYYYMMDD`, as the FEC and bank files write dates.
    public var compact: String { Self.pad(year, 4) + Self.pad(month, 2) + Self.pad(day, 2) }

    // NB: not String(format:): dates are printed millions of times when the books are written.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try BusinessDate(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An accounting month, `YYYY-MM`: what is closed at month end.
public struct Period: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    init(uncheckedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    public init(year: Int, month: Int) throws(DomainError) {
        guard (1...9999).contains(year), (1...12).contains(month) else {
            throw DomainError(field: "period", "\(year)-\(month) is not a month")
        }
        self.init(uncheckedYear: year, month: month)
    }

    /// Parses `YYYY-MM`.
    public init(parsing text: String, field: String = "period") throws(DomainError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]),
              (1...12).contains(m), y >= 1
        else { throw DomainError(field: field, "'\(text)' is not a month (expected YYYY-MM)") }
        self.init(uncheckedYear: y, month: m)
    }

    public var firstDay: BusinessDate { try! BusinessDate(year: year, month: month, day: 1) }
    public var lastDay: BusinessDate { try! BusinessDate(year: year, month: month, day: BusinessDate.daysIn(year: year, month: month)) }
    public var next: Period { month == 12 ? Period(uncheckedYear: year + 1, month: 1) : Period(uncheckedYear: year, month: month + 1) }
    public var previous: Period { month == 1 ? Period(uncheckedYear: year - 1, month: 12) : Period(uncheckedYear: year, month: month - 1) }

    /// The fiscal year this month falls in, for a year that starts in `startMonth` and is named by
    /// the calendar year in which it ends (a year starting April 2026 is fiscal 2027).
    public func fiscalYear(startMonth: Int) -> Int {
        startMonth == 1 ? year : (month >= startMonth ? year + 1 : year)
    }

    public static func < (lhs: Period, rhs: Period) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    public var description: String { BusinessDate.pad(year, 4) + "-" + BusinessDate.pad(month, 2) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Period(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
