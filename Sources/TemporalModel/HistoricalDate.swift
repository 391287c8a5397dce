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
    public init(parsing text: some StringProtocol) throws(DateError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count) else { throw .malformed(String(text)) }
        var numbers: [Int] = []
        for (i, p) in parts.enumerated() {
            guard p.utf8.count == widths[i], p.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(p) else {
                throw .malformed(String(text))
            }
            numbers.append(n)
        }
        try self.init(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
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
