import TemporalModel

/// A period scheme as asked for, before a dataset is known: `custom` names windows that only a dataset (or the
/// windows given beside it) can supply, so it is checked for form here and resolved by ``resolve(windows:)``.
///
/// The text form (``init(parsing:)`` and ``description``) is the one every input uses: command-line options,
/// batch plans and run records.
public enum PeriodSpec: Hashable, Sendable, CustomStringConvertible {
    /// Calendar years.
    case year
    /// Calendar quarters.
    case quarter
    /// Calendar months.
    case month
    /// Sliding windows of `width` units every `step` units; `months` false means years.
    case window(width: Int, step: Int, months: Bool)
    /// Named windows: every one known (`nil`), or these, by name (lowercased), in this order.
    case custom([String]?)

    /// Parses `year`, `quarter`, `month`, `window:W:S` (years; `window:18m:6m` for months), `custom` or
    /// `custom:NAME,NAME`.
    ///
    /// - Throws: ``SnapshotError/unknownScheme(_:)`` or ``SnapshotError/badWindow(_:)``.
    /// - Complexity: O(length of `spec`).
    public init(parsing spec: String) throws(SnapshotError) {
        let lower = spec.lowercased()
        switch lower {
        case "year", "years", "yearly": self = .year
        case "quarter", "quarters", "quarterly": self = .quarter
        case "month", "months", "monthly": self = .month
        case "custom": self = .custom(nil)
        default:
            if lower.hasPrefix("custom:") {
                self = .custom(lower.dropFirst(7).split(separator: ",").map { $0.trimmingSpaces })
            } else if lower.hasPrefix("window:") {
                let parts = lower.dropFirst(7).split(separator: ":", omittingEmptySubsequences: false)
                guard parts.count == 2 else { throw .badWindow(spec) }
                func amount(_ s: Substring) -> (Int, Bool)? {
                    var s = s
                    var months = false
                    if s.hasSuffix("m") { months = true; s.removeLast() } else if s.hasSuffix("y") { s.removeLast() }
                    guard let n = Int(s), n > 0 else { return nil }
                    return (n, months)
                }
                guard let (w, wm) = amount(parts[0]), let (s, sm) = amount(parts[1]), wm == sm else {
                    throw .badWindow(spec)
                }
                self = .window(width: w, step: s, months: wm)
            } else {
                throw .unknownScheme(spec)
            }
        }
    }

    /// The scheme, with the named windows of `custom` looked up in `windows` (case-insensitively).
    ///
    /// - Throws: ``SnapshotError/noCustomWindows`` or ``SnapshotError/unknownWindow(_:known:)``.
    /// - Complexity: O(k·w) for k names among w windows.
    public func resolve(windows: [NamedWindow]) throws(SnapshotError) -> PeriodScheme {
        switch self {
        case .year: return .year
        case .quarter: return .quarter
        case .month: return .month
        case .window(let w, let s, let m): return .window(width: w, step: s, months: m)
        case .custom(nil):
            guard !windows.isEmpty else { throw .noCustomWindows }
            return .custom(windows)
        case .custom(let names?):
            var chosen: [NamedWindow] = []
            for n in names {
                guard let w = windows.first(where: { $0.id.lowercased() == n }) else {
                    throw .unknownWindow(n, known: windows.map(\.id))
                }
                chosen.append(w)
            }
            guard !chosen.isEmpty else { throw .noCustomWindows }
            return .custom(chosen)
        }
    }

    /// The canonical text, as parsed.
    public var description: String {
        switch self {
        case .year: return "year"
        case .quarter: return "quarter"
        case .month: return "month"
        case .window(let w, let s, let m): return m ? "window:\(w)m:\(s)m" : "window:\(w):\(s)"
        case .custom(nil): return "custom"
        case .custom(let names?): return "custom:" + names.joined(separator: ",")
        }
    }
}

extension NamedWindow {
    /// Parses `NAME=START..END` (dates `YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    ///
    /// - Throws: ``SnapshotError/badNamedWindow(_:reason:)`` for another form, a bad date, or an end before the start.
    /// - Complexity: O(length of `text`).
    public init(parsing text: String) throws(SnapshotError) {
        let parts = text.split(separator: "=", maxSplits: 1)
        let range = parts.count == 2 ? parts[1].split(separator: "..", omittingEmptySubsequences: false) : []
        guard parts.count == 2, range.count == 2, !parts[0].isEmpty else {
            throw .badNamedWindow(text, reason: "use NAME=START..END, e.g. xv-congress=1927-12-02..1927-12-19")
        }
        let start: HistoricalDate, end: HistoricalDate
        do throws(DateError) {
            start = try HistoricalDate(parsing: range[0])
            end = try HistoricalDate(parsing: range[1])
        } catch {
            throw .badNamedWindow(text, reason: error.description)
        }
        guard start.firstDay <= end.lastDay else { throw .badNamedWindow(text, reason: "it ends before it starts") }
        self.init(id: String(parts[0]), start: start, end: end)
    }

    /// `NAME=START..END`, as parsed by ``init(parsing:)``.
    public var text: String { "\(id)=\(start)..\(end)" }
}
