import TemporalModel

/// A time slice that a snapshot is cut from: a label and a closed interval of days.
public struct Period: Hashable, Sendable, Codable, CustomStringConvertible {
    /// `1926`, `1926-Q2`, `1926-03`, `1925-1927`, or a window's name.
    public var label: String
    public var interval: DayInterval

    public init(label: String, interval: DayInterval) {
        self.label = label
        self.interval = interval
    }

    public var description: String { label }
}

/// Why a period scheme, rule or level could not be used.
public enum SnapshotError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownScheme(String)
    case badWindow(String)
    case noCustomWindows
    case unknownWindow(String, known: [String])
    case unknownRule(String)
    /// `point:MM-DD` naming a day no month has (`point:02-30`, `point:04-31`, `point:13-01`).
    case noSuchDay(rule: String)
    case referenceDayOutsidePeriod(rule: String, period: String)
    case unknownLevel(String)
    case noPeriods(scheme: String)
    /// The scheme would cut the span into more periods than ``PeriodScheme/periodLimit``.
    case tooManyPeriods(scheme: String, count: Int, limit: Int)
    /// Two custom windows share a name (their outputs would overwrite each other).
    case duplicateWindow(String)
    case badNamedWindow(String, reason: String)

    public var description: String {
        switch self {
        case .unknownScheme(let s):
            return "unknown period scheme '\(s)' (use year, quarter, month, window:W:S or custom)"
        case .badWindow(let s):
            return "bad window '\(s)': use window:WIDTH:STEP with positive whole numbers of years (window:3:1) or months (window:18m:6m)"
        case .noCustomWindows:
            return "the period scheme custom needs named windows: in dataset.yaml under `windows`, or given as NAME=START..END"
        case .unknownWindow(let s, let known): return "unknown window '\(s)' (known: \(known.joined(separator: ", ")))"
        case .unknownRule(let s): return "unknown activity rule '\(s)' (use overlap, point:MM-DD or fraction)"
        case .noSuchDay(let r):
            return "rule \(r) names a day that does not exist (point:MM-DD takes a month 01-12 and a day of that month; 02-29 is used only in leap years)"
        case .referenceDayOutsidePeriod(let r, let p):
            return "rule \(r) needs that day inside every period, and period \(p) has none (use it with yearly or longer periods, or use the rule overlap)"
        case .unknownLevel(let s): return "unknown level '\(s)' (use persons, factions or all)"
        case .noPeriods(let s): return "the period scheme \(s) gives no period inside the dataset's span"
        case .tooManyPeriods(let s, let count, let limit):
            return "the period scheme \(s) cuts the dataset's span into \(count) periods, more than the \(limit) Blocs analyses at once; use longer periods or a narrower span"
        case .duplicateWindow(let s): return "two windows are named '\(s)'; every window needs its own name"
        case .badNamedWindow(let s, let reason): return "bad window '\(s)': \(reason)"
        }
    }
}

/// How time is cut into periods.
public enum PeriodScheme: Hashable, Sendable, CustomStringConvertible {
    /// Calendar years (the default).
    case year
    /// Calendar quarters.
    case quarter
    /// Calendar months.
    case month
    /// Sliding windows of `width` units every `step` units; `months` false means years.
    case window(width: Int, step: Int, months: Bool)
    /// Named windows (a congress, a term), in the order given.
    case custom([NamedWindow])

    /// Parses `year`, `quarter`, `month`, `window:W:S` (years; `window:18m:6m` for months), `custom`
    /// (every window in `windows`) or `custom:NAME,NAME` (some of them): ``PeriodSpec/init(parsing:)`` then
    /// ``PeriodSpec/resolve(windows:)``.
    public init(parsing spec: String, windows: [NamedWindow] = []) throws(SnapshotError) {
        self = try PeriodSpec(parsing: spec).resolve(windows: windows)
    }

    /// The canonical spec, as written in outputs.
    public var description: String {
        switch self {
        case .year: return "year"
        case .quarter: return "quarter"
        case .month: return "month"
        case .window(let w, let s, let m): return m ? "window:\(w)m:\(s)m" : "window:\(w):\(s)"
        case .custom(let ws): return "custom:" + ws.map(\.id).joined(separator: ",")
        }
    }

    /// The most periods one analysis cuts (a monthly scheme over 0001–9999 would be 119,988).
    public static let periodLimit = 10_000

    /// How many periods ``periods(over:)`` gives for a span from month (y0, m0) to month (y1, m1), without making them.
    ///
    /// - Complexity: O(1), O(w) for custom windows.
    func periodCount(from start: (Int, Int), to end: (Int, Int)) -> Int {
        let months = max(0, (end.0 * 12 + end.1) - (start.0 * 12 + start.1) + 1)
        let years = max(0, end.0 - start.0 + 1)
        switch self {
        case .year: return years
        case .quarter: return max(0, (end.0 * 4 + (end.1 - 1) / 3) - (start.0 * 4 + (start.1 - 1) / 3) + 1)
        case .month: return months
        case .window(let width, let step, let isMonths):
            let units = isMonths ? months : years
            return units < width ? 0 : (units - width) / max(1, step) + 1
        case .custom(let windows): return windows.count
        }
    }

    /// The periods of this scheme that cover `span`, in time order.
    ///
    /// Calendar schemes give every calendar unit that overlaps the span. Sliding windows start at the first
    /// month (or year) of the span and advance by the step; only complete windows that end inside the span's
    /// last unit are kept. Custom windows are returned as given.
    ///
    /// Custom windows are sorted by start (then end).
    ///
    /// - Throws: ``SnapshotError/noPeriods(scheme:)`` when nothing fits, ``SnapshotError/tooManyPeriods(scheme:count:limit:)``
    ///   past ``periodLimit`` (checked before any period is made), ``SnapshotError/duplicateWindow(_:)``.
    public func periods(over span: DayInterval) throws(SnapshotError) -> [Period] {
        let (y0, m0, _) = span.start.components
        let (y1, m1, _) = span.end.components
        let count = periodCount(from: (y0, m0), to: (y1, m1))
        guard count <= Self.periodLimit else { throw .tooManyPeriods(scheme: description, count: count, limit: Self.periodLimit) }
        var result: [Period] = []
        func monthInterval(_ y: Int, _ m: Int, count: Int) -> DayInterval {
            let startDay = Day(year: y, month: m, day: 1)
            let endMonthIndex = y * 12 + (m - 1) + count - 1
            let ey = endMonthIndex / 12, em = endMonthIndex % 12 + 1
            return DayInterval(startDay, Day(year: ey, month: em, day: Day.daysInMonth(year: ey, month: em)))
        }
        switch self {
        case .year:
            for y in y0...y1 { result.append(Period(label: Day.pad(y, 4), interval: monthInterval(y, 1, count: 12))) }
        case .quarter:
            for y in y0...y1 {
                for q in 1...4 {
                    let iv = monthInterval(y, 3 * (q - 1) + 1, count: 3)
                    if iv.overlaps(span) { result.append(Period(label: "\(Day.pad(y, 4))-Q\(q)", interval: iv)) }
                }
            }
        case .month:
            for idx in (y0 * 12 + m0 - 1)...(y1 * 12 + m1 - 1) {
                let y = idx / 12, m = idx % 12 + 1
                result.append(Period(label: "\(Day.pad(y, 4))-\(Day.pad(m, 2))", interval: monthInterval(y, m, count: 1)))
            }
        case .window(let width, let step, let months):
            if months {
                let last = y1 * 12 + m1 - 1
                var idx = y0 * 12 + m0 - 1
                while idx + width - 1 <= last {
                    let y = idx / 12, m = idx % 12 + 1
                    let iv = monthInterval(y, m, count: width)
                    let (ey, em, _) = iv.end.components
                    result.append(Period(label: "\(Day.pad(y, 4))-\(Day.pad(m, 2))..\(Day.pad(ey, 4))-\(Day.pad(em, 2))", interval: iv))
                    idx += step
                }
            } else {
                var y = y0
                while y + width - 1 <= y1 {
                    let label = width == 1 ? Day.pad(y, 4) : "\(Day.pad(y, 4))-\(Day.pad(y + width - 1, 4))"
                    result.append(Period(label: label, interval: monthInterval(y, 1, count: 12 * width)))
                    y += step
                }
            }
        case .custom(let windows):
            var seen = Set<String>()
            for w in windows where !seen.insert(w.id).inserted { throw .duplicateWindow(w.id) }
            // In time order, whatever order they were given in: changes are computed from each period to the next.
            result = windows.map { Period(label: $0.id, interval: $0.interval) }
                .sorted { ($0.interval.start, $0.interval.end) < ($1.interval.start, $1.interval.end) }
        }
        guard !result.isEmpty else { throw .noPeriods(scheme: description) }
        return result
    }
}

/// When a tie counts as present in a period.
public enum ActivityRule: Hashable, Sendable, CustomStringConvertible {
    /// The tie's interval overlaps the period (the default).
    case overlap
    /// The tie is active on the day `month-day` of the period.
    case point(month: Int, day: Int)
    /// The tie overlaps the period; its weight is multiplied by the share of the period it covers.
    case fraction

    /// Parses `overlap`, `point:MM-DD` or `fraction`.
    public init(parsing spec: String) throws(SnapshotError) {
        let lower = spec.lowercased()
        switch lower {
        case "overlap": self = .overlap
        case "fraction": self = .fraction
        default:
            guard lower.hasPrefix("point:") else { throw .unknownRule(spec) }
            let md = lower.dropFirst(6).split(separator: "-", omittingEmptySubsequences: false)
            guard md.count == 2, md[0].count == 2, md[1].count == 2, let m = Int(md[0]), let d = Int(md[1]) else { throw .unknownRule(spec) }
            guard (1...12).contains(m), d >= 1, d <= Day.daysInMonth(year: 2000, month: m) else { throw .noSuchDay(rule: spec) }
            self = .point(month: m, day: d)
        }
    }

    public var description: String {
        switch self {
        case .overlap: return "overlap"
        case .fraction: return "fraction"
        case .point(let m, let d): return "point:\(Day.pad(m, 2))-\(Day.pad(d, 2))"
        }
    }

    /// The reference day inside `period` for the point rule: the first day in the period with that month and
    /// day (29 February falls back to 28 February in common years).
    public func referenceDay(in period: Period) throws(SnapshotError) -> Day? {
        guard case .point(let m, let d) = self else { return nil }
        let (y0, _, _) = period.interval.start.components
        let (y1, _, _) = period.interval.end.components
        for y in y0...y1 {
            let day = Day(year: y, month: m, day: min(d, Day.daysInMonth(year: y, month: m)))
            if period.interval.contains(day) { return day }
        }
        throw .referenceDayOutsidePeriod(rule: description, period: period.label)
    }
}

/// Which actors are the nodes of a snapshot.
public enum Level: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Persons; person–person ties plus co-membership ties.
    case persons
    /// Factions and groups; the ties between them.
    case factions
    /// Every actor; every non-lineage tie, memberships as positive person–faction edges.
    case all

    public init(parsing spec: String) throws(SnapshotError) {
        guard let l = Level(rawValue: spec.lowercased()) else { throw .unknownLevel(spec) }
        self = l
    }

    public var description: String { rawValue }

    /// The level that fits `network` when none is asked for (`--level auto`, the default): `persons` when some
    /// person has a tie (any relation, any reading: membership gives persons their co-membership ties), else
    /// `factions` (a dataset of states, parties or tribes only).
    ///
    /// - Complexity: O(m) for m ties.
    public static func fitting(_ network: TemporalNetwork) -> Level {
        let hasPersonTie = network.ties.contains { tie in
            network.actors[Int(tie.source)].kind == .person || network.actors[Int(tie.target)].kind == .person
        }
        return hasPersonTie ? .persons : .factions
    }

    /// The smallest coalition by default at this level: one faction is a bloc of its own at the factions level
    /// (a state or party alone still acts), two persons elsewhere (a person alone is unaligned).
    public var defaultMinimumCoalitionSize: Int { self == .factions ? 1 : 2 }

    func includes(_ kind: ActorKind) -> Bool {
        switch self {
        case .persons: return kind == .person
        case .factions: return kind.isCollective
        case .all: return true
        }
    }
}
