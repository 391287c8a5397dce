/// A document a dataset rests on.
public struct Source: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var citation: String
    /// For seed documents, their file name.
    public var file: String?

    public init(id: String, citation: String, file: String? = nil) {
        self.id = id
        self.citation = citation
        self.file = file
    }
}

/// A named reading of the sources.
public struct Scenario: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var description: String
    /// A historian's relative belief in this reading (finite, > 0), for drawing readings in Monte Carlo runs;
    /// `nil` when the dataset gives none (then every scenario of the dataset has none). Weights need not sum to 1:
    /// reading `s` is drawn with probability `weight(s) / Σ weight`.
    public var weight: Double?

    public init(id: String, description: String = "", weight: Double? = nil) {
        self.id = id
        self.description = description
        self.weight = weight
    }
}

/// A named period (a congress, a term).
public struct NamedWindow: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var start: HistoricalDate
    public var end: HistoricalDate

    public init(id: String, start: HistoricalDate, end: HistoricalDate) {
        self.id = id
        self.start = start
        self.end = end
    }

    public var interval: DayInterval { DayInterval(start.firstDay, end.lastDay) }
}

/// What `dataset.yaml` says about a dataset.
public struct DatasetInfo: Hashable, Sendable, Codable {
    public var name: String
    public var title: String
    public var description: String
    public var spanStart: HistoricalDate
    public var spanEnd: HistoricalDate
    /// A period scheme spec such as `year` or `window:3:1`.
    public var defaultPeriod: String
    public var defaultScenario: String?
    public var sources: [Source]
    public var scenarios: [Scenario]
    public var windows: [NamedWindow]

    public init(
        name: String, title: String, description: String = "", spanStart: HistoricalDate, spanEnd: HistoricalDate,
        defaultPeriod: String = "year", defaultScenario: String? = nil, sources: [Source] = [],
        scenarios: [Scenario] = [], windows: [NamedWindow] = []
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.spanStart = spanStart
        self.spanEnd = spanEnd
        self.defaultPeriod = defaultPeriod
        self.defaultScenario = defaultScenario
        self.sources = sources
        self.scenarios = scenarios
        self.windows = windows
    }

    /// The whole span, first day of the start to last day of the end.
    public var span: DayInterval { DayInterval(spanStart.firstDay, spanEnd.lastDay) }
}

/// Why a temporal network could not be assembled from its parts.
public enum TemporalNetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicateActor(String)
    case tieEndpointOutOfRange(tie: Int)
    case unknownScenario(String, known: [String])

    public var description: String {
        switch self {
        case .duplicateActor(let id): return "duplicate actor id '\(id)'"
        case .tieEndpointOutOfRange(let t): return "tie \(t) refers to an actor index out of range"
        case .unknownScenario(let s, let known):
            return "unknown scenario '\(s)'" + (known.isEmpty ? " (the dataset declares none)" : " (known: \(known.joined(separator: ", ")))")
        }
    }
}

/// Actors, ties and events over time: the input every snapshot is cut from.
///
/// Actors are sorted by id and addressed by dense index (`Int32`) inside; everything that leaves the model is
/// keyed by actor id.
public struct TemporalNetwork: Sendable {
    public let info: DatasetInfo
    /// Sorted by id.
    public let actors: [Actor]
    public let ties: [Tie]
    public let events: [Event]
    private let indexByID: [String: Int32]

    /// - Throws: ``TemporalNetworkError`` for duplicate ids or ties pointing outside `actors`.
    /// - Note: `ties` index into `actors` as given; they are re-indexed after sorting actors by id.
    public init(info: DatasetInfo, actors: [Actor], ties: [Tie], events: [Event] = []) throws(TemporalNetworkError) {
        let order = actors.indices.sorted { actors[$0].id < actors[$1].id }
        var newIndex = [Int32](repeating: 0, count: actors.count)
        for (n, old) in order.enumerated() { newIndex[old] = Int32(n) }
        let sorted = order.map { actors[$0] }
        var index: [String: Int32] = [:]
        index.reserveCapacity(sorted.count)
        for (i, a) in sorted.enumerated() {
            if index.updateValue(Int32(i), forKey: a.id) != nil { throw .duplicateActor(a.id) }
        }
        var remapped = ties
        for i in remapped.indices {
            let t = remapped[i]
            guard t.source >= 0, Int(t.source) < actors.count, t.target >= 0, Int(t.target) < actors.count else {
                throw .tieEndpointOutOfRange(tie: i)
            }
            remapped[i].source = newIndex[Int(t.source)]
            remapped[i].target = newIndex[Int(t.target)]
        }
        self.info = info
        self.actors = sorted
        self.ties = remapped
        self.events = events
        self.indexByID = index
    }

    /// The dense index of the actor with `id`.
    public func index(of id: String) -> Int32? { indexByID[id] }

    /// The actor with `id`.
    public func actor(_ id: String) -> Actor? { indexByID[id].map { actors[Int($0)] } }

    /// Resolves a scenario name: `nil` asks for the dataset's default.
    /// - Throws: ``TemporalNetworkError/unknownScenario(_:known:)``.
    public func resolveScenario(_ name: String?) throws(TemporalNetworkError) -> String? {
        guard let name else { return info.defaultScenario }
        guard info.scenarios.contains(where: { $0.id == name }) else {
            throw .unknownScenario(name, known: info.scenarios.map(\.id))
        }
        return name
    }

    /// This network under one reading: the ties that hold under `scenario` (untagged ones and those tagged with it),
    /// with `scenario` as the default reading; actors, events and the rest unchanged (a GEXF for Gephi shows one
    /// reading at a time).
    /// - Throws: ``TemporalNetworkError`` for a scenario the dataset does not declare.
    /// - Complexity: O(n + m).
    public func keepingReading(_ scenario: String) throws(TemporalNetworkError) -> TemporalNetwork {
        _ = try resolveScenario(scenario)
        var info = self.info
        info.defaultScenario = scenario
        return try TemporalNetwork(info: info, actors: actors, ties: ties.filter { $0.holds(in: scenario) }, events: events)
    }

    /// The lifetime of every actor under a reading of the sources, by index: its stated lifetime (a missing side
    /// taken from its ties, then the dataset span), or with no stated lifetime from the start of its first tie to
    /// the end of its last, counting only the ties that hold under `scenario` (lineage ties included). Actors with
    /// neither live for no day (`nil`).
    ///
    /// - Complexity: O(n + m).
    public func lifetimes(scenario: String?) -> [DayInterval?] {
        let span = info.span
        var first = [Day?](repeating: nil, count: actors.count)
        var last = [Day?](repeating: nil, count: actors.count)
        for t in ties where t.holds(in: scenario) {
            guard let iv = t.interval(openEnd: span.end) else { continue }
            for a in [Int(t.source), Int(t.target)] {
                first[a] = first[a].map { min($0, iv.start) } ?? iv.start
                last[a] = last[a].map { max($0, iv.end) } ?? iv.end
            }
        }
        return actors.indices.map { i in
            let a = actors[i]
            let s = a.start?.firstDay ?? first[i] ?? (a.end != nil ? span.start : nil)
            let e = a.end?.lastDay ?? (a.start != nil ? max(last[i] ?? span.end, span.end) : last[i])
            guard let s, let e, s <= e else { return nil }
            return DayInterval(s, e)
        }
    }
}

/// How many dates of each form a network holds, with the rule the deterministic analysis reads them by: what an
/// output states so that a reader knows which dates were uncertain and how they were resolved.
public struct UncertainDateSummary: Hashable, Sendable, Codable {
    /// Counts by form, over actor lifetimes, tie starts and ends, and event dates; forms that do not occur are absent.
    public var counts: [DateForm: Int]

    public init(counts: [DateForm: Int]) { self.counts = counts.filter { $0.value > 0 } }

    /// The number of dates the sources leave open (every form but ``DateForm/exact``).
    public var uncertainCount: Int { counts.filter { $0.key != .exact }.values.reduce(0, +) }

    /// The forms that occur other than exact, each with its deterministic rule, in ``DateForm`` order.
    public var rules: [(form: DateForm, count: Int, resolution: DateResolution)] {
        DateForm.allCases.compactMap { f in
            guard f != .exact, let n = counts[f] else { return nil }
            return (f, n, f.deterministicResolution)
        }
    }
}

extension TemporalNetwork {
    /// The dates of each form in the network (actor lifetimes, tie starts and ends, event dates).
    ///
    /// - Complexity: O(n + m + events).
    public var uncertainDates: UncertainDateSummary {
        var counts: [DateForm: Int] = [:]
        func add(_ d: HistoricalDate?) { if let d { counts[d.form, default: 0] += 1 } }
        for a in actors { add(a.start); add(a.end) }
        for t in ties { add(t.start); add(t.end) }
        for e in events { add(e.date) }
        return UncertainDateSummary(counts: counts)
    }
}
