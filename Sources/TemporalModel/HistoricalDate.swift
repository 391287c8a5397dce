/// How precisely a source dates something.
public enum DatePrecision: Int, Sendable, Hashable, Codable, Comparable {
    case year = 0, month = 1, day = 2
    public static func < (a: DatePrecision, b: DatePrecision) -> Bool { a.rawValue < b.rawValue }
}

/// A date as a source gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, keeping its precision.
///
/// As the start of an interval it means the first day of its precision (``firstDay``); as an end, the last
/// day (``lastDay``): `1926`…`1927` covers 1926-01-01 to 1927-12-31, and the end `1928-02` is 1928-02-29.
public struct HistoricalDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: DatePrecision { day != nil ? .day : (month != nil ? .month : .year) }

    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(DateError) {
        guard (1...9999).contains(year) else { throw .yearOutOfRange(year) }
        if let month {
            guard (1...12).contains(month) else { throw .monthOutOfRange(month) }
            if let day, !Day.isValid(year: year, month: month, day: day) {
                throw .dayOutOfRange(year: year, month: month, day: day)
            }
        } else if day != nil {
            throw .malformed("a day needs a month")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (four-digit year, two-digit month and day).
    ///
    /// - Complexity: O(length), one pass over the UTF-8 bytes (this runs once or twice per tie when loading).
    public init(parsing text: String) throws(DateError) {
        var numbers = (0, 0, 0)
        var count = 0
        var digits = 0
        var valid = true
        for byte in text.utf8 {
            if byte == 0x2D {  // "-"
                let width = count == 0 ? 4 : 2
                if digits != width || count == 2 { valid = false; break }
                count += 1
                digits = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                if digits == 4 || (count > 0 && digits == 2) { valid = false; break }  // too wide: also no overflow
                let d = Int(byte - 0x30)
                switch count {
                case 0: numbers.0 = numbers.0 * 10 + d
                case 1: numbers.1 = numbers.1 * 10 + d
                default: numbers.2 = numbers.2 * 10 + d
                }
                digits += 1
            } else {
                valid = false
                break
            }
        }
        guard valid, digits == (count == 0 ? 4 : 2) else { throw .malformed(text) }
        try self.init(year: numbers.0, month: count >= 1 ? numbers.1 : nil, day: count == 2 ? numbers.2 : nil)
    }

    /// Parses a substring or other text; see ``init(parsing:)-(String)``.
    public init(parsing text: some StringProtocol) throws(DateError) {
        try self.init(parsing: String(text))
    }

    /// The first day this date can mean (used for starts).
    public var firstDay: Day { Day(year: year, month: month ?? 1, day: day ?? 1) }

    /// The last day this date can mean (used for ends).
    public var lastDay: Day {
        let m = month ?? 12
        return Day(year: year, month: m, day: day ?? Day.daysInMonth(year: year, month: m))
    }

    /// All the days this date can mean.
    public var interval: DayInterval { DayInterval(firstDay, lastDay) }

    /// Ordered by first day, then by precision (coarser first).
    public static func < (a: HistoricalDate, b: HistoricalDate) -> Bool {
        (a.firstDay, a.precision) < (b.firstDay, b.precision)
    }

    public var description: String {
        var s = Day.pad(year, 4)
        if let month { s += "-" + Day.pad(month, 2) }
        if let day { s += "-" + Day.pad(day, 2) }
        return s
    }
}

/// Why a date could not be read.
public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String)
    case yearOutOfRange(Int)
    case monthOutOfRange(Int)
    case dayOutOfRange(year: Int, month: Int, day: Int)

    public var description: String {
        switch self {
        case .malformed(let s): return "malformed date '\(s)' (expected YYYY, YYYY-MM or YYYY-MM-DD)"
        case .yearOutOfRange(let y): return "year \(y) is outside 1...9999"
        case .monthOutOfRange(let m): return "month \(m) does not exist"
        case .dayOutOfRange(let y, let m, let d):
            return "impossible date \(Day.pad(y, 4))-\(Day.pad(m, 2))-\(Day.pad(d, 2)) (that month has \(Day.daysInMonth(year: y, month: m)) days)"
        }
    }
}
