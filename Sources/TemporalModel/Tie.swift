/// The kind of a tie between two actors.
public enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
    /// A positive, undirected tie.
    case alliance
    /// A negative, undirected tie.
    case rivalry
    /// A person (source) in a faction or group (target); positive; two-mode.
    case member
    /// Lineage: the source faction merged into the target. History only, never a snapshot edge.
    case mergedInto = "merged-into"
    /// Lineage: the source faction split from the target. History only, never a snapshot edge.
    case splitFrom = "split-from"

    /// The sign a tie of this relation contributes to a snapshot, or `nil` for lineage.
    public var sign: Int? {
        switch self {
        case .alliance, .member: return 1
        case .rivalry: return -1
        case .mergedInto, .splitFrom: return nil
        }
    }

    public var isLineage: Bool { sign == nil }
}

/// A tie whose relation does not fit the kinds of its two actors (``Relation/mismatch(source:target:)``).
public enum KindMismatch: Hashable, Sendable {
    /// A membership not from a person to a faction or group.
    case membership(source: ActorKind, target: ActorKind)
    /// A lineage tie (`merged-into`, `split-from`) not between two factions or groups.
    case lineage(Relation, source: ActorKind, target: ActorKind)

    /// The rule broken, with the two ends named by `source` and `target` (their kinds by default).
    public func description(source: String? = nil, target: String? = nil) -> String {
        switch self {
        case .membership(let ks, let kt):
            return "a membership needs a person as source and a faction or group as target (got \(source ?? ks.rawValue) → \(target ?? kt.rawValue))"
        case .lineage(let r, let ks, let kt):
            return "\(r.rawValue) needs factions or groups at both ends (got \(source ?? ks.rawValue) → \(target ?? kt.rawValue))"
        }
    }
}

extension Relation {
    /// The one rule of which actors a relation may join: a membership goes from a person to a faction or group,
    /// lineage joins two factions or groups, alliances and rivalries join any two actors. `nil` when the tie fits.
    /// - Complexity: O(1).
    public func mismatch(source: ActorKind, target: ActorKind) -> KindMismatch? {
        switch self {
        case .member where source != .person || !target.isCollective: return .membership(source: source, target: target)
        case .mergedInto where !source.isCollective || !target.isCollective, .splitFrom where !source.isCollective || !target.isCollective:
            return .lineage(self, source: source, target: target)
        default: return nil
        }
    }
}

/// Where a claim stands: a declared source id, optionally with a locator (a section, a page).
public struct SourceReference: Hashable, Sendable, Codable, CustomStringConvertible {
    public var source: String
    public var locator: String?

    public init(source: String, locator: String? = nil) {
        self.source = source
        self.locator = locator
    }

    /// Parses `id` or `id#locator`.
    public init(parsing text: some StringProtocol) {
        let trimmed = text.trimmingSpaces
        if let hash = trimmed.firstIndex(of: "#") {
            source = String(trimmed[..<hash]).trimmingSpaces
            let loc = String(trimmed[trimmed.index(after: hash)...]).trimmingSpaces
            locator = loc.isEmpty ? nil : loc
        } else {
            source = trimmed
            locator = nil
        }
    }

    public var description: String { locator.map { "\(source)#\($0)" } ?? source }
}

/// A dated, sourced relation between two actors.
public struct Tie: Hashable, Sendable, Codable {
    /// Index of the source actor in ``TemporalNetwork/actors``.
    public var source: Int32
    /// Index of the target actor in ``TemporalNetwork/actors``.
    public var target: Int32
    public var relation: Relation
    public var start: HistoricalDate
    /// `nil` for an open end (lasting to the end of the dataset's span).
    public var end: HistoricalDate?
    /// Magnitude, finite and > 0; the sign comes from the relation.
    public var weight: Double
    /// In [0, 1].
    public var confidence: Double
    public var sources: [SourceReference]
    /// The readings of the sources this tie holds in; empty means every reading.
    public var scenarios: [String]
    public var note: String

    public init(
        source: Int32, target: Int32, relation: Relation, start: HistoricalDate, end: HistoricalDate? = nil,
        weight: Double = 1, confidence: Double = 1, sources: [SourceReference] = [], scenarios: [String] = [], note: String = ""
    ) {
        self.source = source
        self.target = target
        self.relation = relation
        self.start = start
        self.end = end
        self.weight = weight
        self.confidence = confidence
        self.sources = sources
        self.scenarios = scenarios
        self.note = note
    }

    /// Whether the tie holds under `scenario` (`nil`: the untagged reading only).
    public func holds(in scenario: String?) -> Bool {
        scenarios.isEmpty || (scenario.map { scenarios.contains($0) } ?? false)
    }

    /// The days the tie covers, an open end closing at `openEnd`.
    public func interval(openEnd: Day) -> DayInterval? {
        let s = start.firstDay
        let e = end?.lastDay ?? openEnd
        return s <= e ? DayInterval(s, e) : nil
    }
}

/// A dated event that concerns some actors.
public struct Event: Hashable, Sendable, Codable {
    public var date: HistoricalDate
    /// `founded`, `dissolved`, `expelled`, `exiled`, `arrested`, `capitulated`, `readmitted`, … or free-form.
    public var kind: String
    /// Actor ids.
    public var actors: [String]
    public var description: String
    public var sources: [SourceReference]

    public init(date: HistoricalDate, kind: String, actors: [String] = [], description: String, sources: [SourceReference] = []) {
        self.date = date
        self.kind = kind
        self.actors = actors
        self.description = description
        self.sources = sources
    }

    /// The kinds Blocs knows by name; others are kept as free-form.
    public static let knownKinds: Set<String> = [
        "founded", "dissolved", "expelled", "exiled", "deported", "arrested", "capitulated", "readmitted",
        "removed", "congress", "conference", "declaration", "ban",
    ]
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    public var trimmingSpaces: String {
        // Most fields have nothing to trim: when neither end byte is a space, tab, CR or LF, neither end character
        // is one of the four (a character's first and last bytes are its first and last scalar's).
        let whole = String(self)
        if let first = whole.utf8.first, let last = whole.utf8.last,
           first != 0x20, first != 0x09, first != 0x0D, first != 0x0A, last != 0x20, last != 0x09, last != 0x0D, last != 0x0A {
            return whole
        }
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\n" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" || l == "\n" { s.removeLast() }
        return String(s)
    }
}
