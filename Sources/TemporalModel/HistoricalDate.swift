/// How precisely a source dates something.
public enum DatePrecision: Int, Sendable, Hashable, Codable, Comparable {
    case year = 0, month = 1, day = 2
    public static func < (a: DatePrecision, b: DatePrecision) -> Bool { a.rawValue < b.rawValue }
}

/// An EDTF (ISO 8601-2, level 1) qualifier a source puts on a whole date.
public enum DateQualifier: String, Sendable, Hashable, Codable, CaseIterable {
    /// `1926?`: the source is unsure of the date.
    case uncertain = "?"
    /// `1926~`: the source gives the date as approximate ("about 1926").
    case approximate = "~"
    /// `1926%`: both.
    case uncertainAndApproximate = "%"
}

/// The forms a date can take in a dataset.
public enum DateForm: String, Sendable, Hashable, Codable, CaseIterable {
    /// `1926`, `1926-04`, `1926-04-23`.
    case exact
    /// `1926?`.
    case uncertain
    /// `1926~`.
    case approximate
    /// `1926%`.
    case uncertainAndApproximate = "uncertain-approximate"
    /// `[1929..1934]`: one of these years (or months, or days).
    case range

    /// How the deterministic analysis reads a date of this form (``DateResolution``).
    public var deterministicResolution: DateResolution { self == .range ? .middleUnit : .asStated }
}

/// The rule by which the deterministic analysis turns an uncertain date or a range into one date.
///
/// A Monte Carlo run draws among the date's possible values (``HistoricalDate/possibleCount``); the deterministic
/// run needs one of them, and states which rule gave it (``HistoricalDate/resolved``).
public enum DateResolution: String, Sendable, Hashable, Codable, CaseIterable {
    /// Exact and qualified dates (`1926`, `1926?`, `1926~`, `1926%`) are read as stated: a qualifier says the
    /// source is unsure, not that another date is likelier.
    case asStated = "as-stated"
    /// A range `[a..b]` is read as its middle unit, the earlier of the two middle units when their number is even:
    /// `[1929..1933]` → 1931, `[1929..1934]` → 1931, `[1926-03..1926-06]` → 1926-04. The midpoint is the value that
    /// errs least either way (the expected value when every unit is equally likely), where taking the earliest
    /// or the latest end would make every such date the most extreme the source allows.
    case middleUnit = "middle-unit"
}

/// A date as a source gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, keeping its precision; with
/// ``init(parsingUncertain:)`` also an uncertain or approximate date (`1926?`, `1926~`, `1926%`) or a range of
/// possible values (`[1929..1934]`, `[1929-03..1929-07]`), in EDTF (ISO 8601-2) notation.
///
/// ``year``, ``month`` and ``day`` are the date the deterministic analysis uses (``resolved``): the stated date, or
/// for a range its middle unit (``DateResolution``). As the start of an interval it means the first day of its
/// precision (``firstDay``); as an end, the last day (``lastDay``): `1926`…`1927` covers 1926-01-01 to 1927-12-31,
/// and the end `1928-02` is 1928-02-29. The possible values a Monte Carlo draw chooses among are ``possible(_:)``.
public struct HistoricalDate: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    // Compact storage (16 bytes; a tie holds two dates and a million ties load at once): the resolved date's fields,
    // 0 for a missing month or day; the qualifier (0 none, 1 `?`, 2 `~`, 3 `%`) with bit 7 set for a range; and
    // for a range its first and last unit (``unitIndex``), 0 otherwise.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8
    private let flags: UInt8
    private let rangeLow: Int32
    private let rangeHigh: Int32

    public var year: Int { Int(storedYear) }
    public var month: Int? { storedMonth == 0 ? nil : Int(storedMonth) }
    public var day: Int? { storedDay == 0 ? nil : Int(storedDay) }

    /// The EDTF qualifier, if the source qualifies the date.
    public var qualifier: DateQualifier? {
        switch flags & 0x7F {
        case 1: return .uncertain
        case 2: return .approximate
        case 3: return .uncertainAndApproximate
        default: return nil
        }
    }

    /// For a range: its first and last unit (``unitIndex``), at the date's precision.
    var bounds: UnitBounds? { flags & 0x80 != 0 ? UnitBounds(low: Int(rangeLow), high: Int(rangeHigh)) : nil }

    struct UnitBounds: Hashable, Sendable, Codable {
        var low: Int
        var high: Int
    }

    /// - Precondition: valid fields (checked by the public initialisers).
    private init(fields year: Int, _ month: Int?, _ day: Int?, qualifier: DateQualifier?, bounds: UnitBounds?) {
        storedYear = Int16(year)
        storedMonth = UInt8(month ?? 0)
        storedDay = UInt8(day ?? 0)
        let q: UInt8
        switch qualifier {
        case nil: q = 0
        case .uncertain?: q = 1
        case .approximate?: q = 2
        case .uncertainAndApproximate?: q = 3
        }
        flags = q | (bounds != nil ? 0x80 : 0)
        rangeLow = Int32(bounds?.low ?? 0)
        rangeHigh = Int32(bounds?.high ?? 0)
    }

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
        self.init(fields: year, month, day, qualifier: nil, bounds: nil)
    }

    /// A stated date with an EDTF qualifier: `1926~`.
    public init(_ date: HistoricalDate, qualifier: DateQualifier?) {
        let plain = date.resolved
        self.init(fields: plain.year, plain.month, plain.day, qualifier: qualifier, bounds: nil)
    }

    /// The range `[earliest..latest]`: one of the units from `earliest` to `latest`.
    ///
    /// - Throws: ``DateError/rangeMixedPrecision(_:_:)`` unless both have the same precision,
    ///   ``DateError/rangeReversed(_:_:)`` if `latest` comes first, ``DateError/rangeOfOne(_:)`` if they are equal.
    public init(rangeFrom earliest: HistoricalDate, to latest: HistoricalDate) throws(DateError) {
        let a = earliest.resolved, b = latest.resolved
        guard a.precision == b.precision else { throw .rangeMixedPrecision(a.description, b.description) }
        let low = a.unitIndex, high = b.unitIndex
        guard low != high else { throw .rangeOfOne(a.description) }
        guard low < high else { throw .rangeReversed(a.description, b.description) }
        let middle = HistoricalDate.fromUnit(low + (high - low) / 2, precision: a.precision)
        self.init(fields: middle.year, middle.month, middle.day, qualifier: nil, bounds: UnitBounds(low: low, high: high))
    }

    /// Parses an exact date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (four-digit year, two-digit month and day), as
    /// spans, windows and command-line options need. For every form see ``init(parsingUncertain:)``.
    ///
    /// - Complexity: O(length), one pass over the UTF-8 bytes (this runs once or twice per tie when loading).
    public init(parsing text: String) throws(DateError) {
        var text = text
        let parsed = text.withUTF8 { HistoricalDate.plainFields($0, 0, $0.count) }
        guard let parsed else { throw .malformed(text) }
        try self.init(year: parsed.0, month: parsed.1, day: parsed.2)
    }

    /// Parses a substring or other text; see ``init(parsing:)-(String)``.
    public init(parsing text: some StringProtocol) throws(DateError) {
        try self.init(parsing: String(text))
    }

    /// Parses any date form a dataset allows: an exact date (`1926`, `1926-04`, `1926-04-23`), one with an EDTF
    /// qualifier (`1926?` uncertain, `1926~` approximate, `1926%` both), or a range of possible values at one
    /// precision (`[1929..1934]`, `[1929-03..1929-07]`, `[1929-03-01..1929-03-15]`).
    ///
    /// - Throws: ``DateError``: malformed text, impossible dates, ranges with ends of different precision, reversed,
    ///   or with a single value.
    /// - Complexity: O(length); an exact date costs one extra byte test over ``init(parsing:)-(String)``.
    public init(parsingUncertain text: String) throws(DateError) {
        var text = text
        let shape: Shape = text.withUTF8 { b in
            let n = b.count
            guard n > 0 else { return .bad }
            let last = b[n - 1]
            if last >= 0x30 && last <= 0x39 {  // the common case: an exact date
                return HistoricalDate.plainFields(b, 0, n).map { .exact($0) } ?? .bad
            }
            if let q = DateQualifier.byte(last) {
                return HistoricalDate.plainFields(b, 0, n - 1).map { .qualified($0, q) } ?? .bad
            }
            guard b[0] == 0x5B, last == 0x5D else { return .bad }  // [ ... ]
            var dots = -1
            var i = 1
            while i + 1 < n - 1 {
                if b[i] == 0x2E && b[i + 1] == 0x2E { dots = i; break }
                i += 1
            }
            guard dots > 1, dots + 2 < n - 1,
                  let lo = HistoricalDate.plainFields(b, 1, dots), let hi = HistoricalDate.plainFields(b, dots + 2, n - 1)
            else { return .bad }
            return .range(lo, hi)
        }
        switch shape {
        case .bad:
            throw .malformed(text, uncertainFormsAllowed: true)
        case .exact(let f):
            try self.init(year: f.0, month: f.1, day: f.2)
        case .qualified(let f, let q):
            self.init(try HistoricalDate(year: f.0, month: f.1, day: f.2), qualifier: q)
        case .range(let lo, let hi):
            try self.init(rangeFrom: try HistoricalDate(year: lo.0, month: lo.1, day: lo.2),
                          to: try HistoricalDate(year: hi.0, month: hi.1, day: hi.2))
        }
    }

    private enum Shape {
        case bad
        case exact((Int, Int?, Int?))
        case qualified((Int, Int?, Int?), DateQualifier)
        case range((Int, Int?, Int?), (Int, Int?, Int?))
    }

    /// The fields of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in `b[from..<to]`, or nil if the text has another shape.
    private static func plainFields(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> (Int, Int?, Int?)? {
        var numbers = (0, 0, 0)
        var count = 0
        var digits = 0
        var i = from
        while i < to {
            let byte = b[i]
            if byte == 0x2D {  // "-"
                let width = count == 0 ? 4 : 2
                if digits != width || count == 2 { return nil }
                count += 1
                digits = 0
            } else if byte >= 0x30 && byte <= 0x39 {
                if digits == 4 || (count > 0 && digits == 2) { return nil }  // too wide: also no overflow
                let d = Int(byte - 0x30)
                switch count {
                case 0: numbers.0 = numbers.0 * 10 + d
                case 1: numbers.1 = numbers.1 * 10 + d
                default: numbers.2 = numbers.2 * 10 + d
                }
                digits += 1
            } else {
                return nil
            }
            i += 1
        }
        guard digits == (count == 0 ? 4 : 2) else { return nil }
        return (numbers.0, count >= 1 ? numbers.1 : nil, count == 2 ? numbers.2 : nil)
    }

    // MARK: Form and possible values

    /// Which of the dataset's date forms this is.
    public var form: DateForm {
        if flags & 0x80 != 0 { return .range }
        switch qualifier {
        case nil: return .exact
        case .uncertain?: return .uncertain
        case .approximate?: return .approximate
        case .uncertainAndApproximate?: return .uncertainAndApproximate
        }
    }

    /// Whether the source leaves this date open (a qualifier or a range).
    public var isUncertain: Bool { flags != 0 }

    /// The date the deterministic analysis uses, as an exact date (no qualifier, no range); see ``DateResolution``.
    public var resolved: HistoricalDate {
        guard isUncertain else { return self }
        return HistoricalDate(exactYear: year, month: month, day: day)
    }

    /// The possible values a Monte Carlo draw chooses among, as unit indices at the date's precision: a range's
    /// units; for a qualified date the stated unit and its two neighbours (`1926~` → 1925, 1926, 1927: EDTF does
    /// not quantify "approximate", and one unit either way is Blocs' convention — write a range to say more); an
    /// exact date its own unit.
    var possibleUnits: UnitBounds {
        if let bounds { return bounds }
        let u = unitIndex
        guard qualifier != nil else { return UnitBounds(low: u, high: u) }
        let limits = HistoricalDate.unitLimits(precision)
        return UnitBounds(low: max(u - 1, limits.low), high: min(u + 1, limits.high))
    }

    /// How many values the date may take (1 for an exact date).
    public var possibleCount: Int { let p = possibleUnits; return p.high - p.low + 1 }

    /// The `k`-th possible value (0-based, in time order), an exact date at the date's precision.
    /// - Precondition: `0 <= k < possibleCount`.
    public func possible(_ k: Int) -> HistoricalDate {
        precondition(k >= 0 && k < possibleCount, "no possible value \(k) of \(self)")
        return HistoricalDate.fromUnit(possibleUnits.low + k, precision: precision)
    }

    /// The possible value a uniform draw `u` in [0, 1) picks, every possible value being equally likely.
    public func drawn(_ u: Double) -> HistoricalDate {
        let count = possibleCount
        return possible(min(count - 1, max(0, Int(u * Double(count)))))
    }

    /// The earliest possible value (an exact date).
    public var earliest: HistoricalDate { possible(0) }

    /// The latest possible value (an exact date).
    public var latest: HistoricalDate { possible(possibleCount - 1) }

    /// The first day any possible value can mean (the earliest instant a draw of a start can give).
    public var earliestDay: Day { earliest.firstDay }

    /// The last day any possible value can mean (the latest instant a draw of an end can give).
    public var latestDay: Day { latest.lastDay }

    /// A unit counter at the date's precision: the year, the month since year 0, or the day ordinal.
    var unitIndex: Int {
        switch precision {
        case .year: return year
        case .month: return year * 12 + (month! - 1)
        case .day: return Int(firstDay.ordinal)
        }
    }

    static func unitLimits(_ precision: DatePrecision) -> UnitBounds {
        switch precision {
        case .year: return UnitBounds(low: 1, high: 9999)
        case .month: return UnitBounds(low: 12, high: 9999 * 12 + 11)
        case .day: return UnitBounds(low: Int(Day(year: 1, month: 1, day: 1).ordinal), high: Int(Day(year: 9999, month: 12, day: 31).ordinal))
        }
    }

    static func fromUnit(_ unit: Int, precision: DatePrecision) -> HistoricalDate {
        switch precision {
        case .year: return HistoricalDate(exactYear: unit, month: nil, day: nil)
        case .month: return HistoricalDate(exactYear: unit / 12, month: unit % 12 + 1, day: nil)
        case .day:
            let c = Day(ordinal: Int32(unit)).components
            return HistoricalDate(exactYear: c.year, month: c.month, day: c.day)
        }
    }

    /// An exact date from fields already known to be valid.
    private init(exactYear year: Int, month: Int?, day: Int?) {
        self.init(fields: year, month, day, qualifier: nil, bounds: nil)
    }

    // MARK: Days

    /// The first day this date can mean (used for starts); for an uncertain date, of its ``resolved`` value.
    public var firstDay: Day { Day(year: year, month: month ?? 1, day: day ?? 1) }

    /// The last day this date can mean (used for ends); for an uncertain date, of its ``resolved`` value.
    public var lastDay: Day {
        let m = month ?? 12
        return Day(year: year, month: m, day: day ?? Day.daysInMonth(year: year, month: m))
    }

    /// All the days this date can mean.
    public var interval: DayInterval { DayInterval(firstDay, lastDay) }

    /// Ordered by first day, then by precision (coarser first), then exact before uncertain.
    public static func < (a: HistoricalDate, b: HistoricalDate) -> Bool {
        (a.firstDay, a.precision, a.isUncertain ? 1 : 0) < (b.firstDay, b.precision, b.isUncertain ? 1 : 0)
    }

    /// The date as written in a dataset: `1926`, `1926-04~`, `[1929..1934]`.
    public var description: String {
        if let bounds {
            let lo = HistoricalDate.fromUnit(bounds.low, precision: precision)
            let hi = HistoricalDate.fromUnit(bounds.high, precision: precision)
            return "[\(lo.description)..\(hi.description)]"
        }
        var s = Day.pad(year, 4)
        if let month { s += "-" + Day.pad(month, 2) }
        if let day { s += "-" + Day.pad(day, 2) }
        if let qualifier { s += qualifier.rawValue }
        return s
    }
}

extension DateQualifier {
    static func byte(_ b: UInt8) -> DateQualifier? {
        switch b {
        case 0x3F: return .uncertain
        case 0x7E: return .approximate
        case 0x25: return .uncertainAndApproximate
        default: return nil
        }
    }
}

/// Why a date could not be read.
public enum DateError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String, uncertainFormsAllowed: Bool = false)
    case yearOutOfRange(Int)
    case monthOutOfRange(Int)
    case dayOutOfRange(year: Int, month: Int, day: Int)
    /// `[1929..1934-05]`: both ends of a range need the same precision.
    case rangeMixedPrecision(String, String)
    /// `[1934..1929]`.
    case rangeReversed(String, String)
    /// `[1929..1929]`.
    case rangeOfOne(String)

    public var description: String {
        switch self {
        case .malformed(let s, let uncertain):
            return uncertain
                ? "malformed date '\(s)' (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ? ~ or %, or a range such as [1929..1934])"
                : "malformed date '\(s)' (expected YYYY, YYYY-MM or YYYY-MM-DD)"
        case .yearOutOfRange(let y): return "year \(y) is outside 1...9999"
        case .monthOutOfRange(let m): return "month \(m) does not exist"
        case .dayOutOfRange(let y, let m, let d):
            return "impossible date \(Day.pad(y, 4))-\(Day.pad(m, 2))-\(Day.pad(d, 2)) (that month has \(Day.daysInMonth(year: y, month: m)) days)"
        case .rangeMixedPrecision(let a, let b):
            return "range [\(a)..\(b)] mixes precisions (write both ends as years, as months or as days)"
        case .rangeReversed(let a, let b):
            return "range [\(a)..\(b)] is reversed (write the earlier end first: [\(b)..\(a)])"
        case .rangeOfOne(let a):
            return "range [\(a)..\(a)] has a single value (write \(a), or \(a)? if it is uncertain)"
        }
    }
}
