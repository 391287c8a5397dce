/// A calendar day in the proleptic Gregorian calendar, counted as days since 1970-01-01.
///
/// Dense and cheap to compare: intervals and sweeps work on `Day`, never on strings or `Foundation.Date`.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The day `year-month-day`. - Precondition: a valid date (see ``isValid(year:month:day:)``).
    public init(year: Int, month: Int, day: Int) {
        precondition(Day.isValid(year: year, month: month, day: day), "invalid date \(year)-\(month)-\(day)")
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = Int32(era * 146097 + doe - 719468)
    }

    /// `(year, month, day)` of this day.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    public static func + (a: Day, days: Int) -> Day { Day(ordinal: a.ordinal + Int32(days)) }
    public static func - (a: Day, b: Day) -> Int { Int(a.ordinal) - Int(b.ordinal) }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = components
        return "\(Day.pad(c.year, 4))-\(Day.pad(c.month, 2))-\(Day.pad(c.day, 2))"
    }

    /// `value` in decimal, left-padded with zeros to `width` digits.
    public static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    public static func isLeapYear(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month) && day >= 1 && day <= daysInMonth(year: year, month: month)
    }
}

/// A closed interval of days `[start, end]`, both inclusive.
public struct DayInterval: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Day
    public var end: Day

    /// - Precondition: `start <= end`.
    public init(_ start: Day, _ end: Day) {
        precondition(start <= end, "interval ends before it starts")
        self.start = start
        self.end = end
    }

    /// The number of days covered (at least 1).
    public var length: Int { end - start + 1 }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    public func overlaps(_ other: DayInterval) -> Bool { start <= other.end && other.start <= end }

    /// The days both intervals cover, if any.
    public func intersection(_ other: DayInterval) -> DayInterval? {
        let s = max(start, other.start), e = min(end, other.end)
        return s <= e ? DayInterval(s, e) : nil
    }

    public var description: String { "\(start)..\(end)" }
}
