import GraphCore
import TemporalModel

/// Everything that decides how snapshots are cut from a temporal network.
public struct SnapshotOptions: Hashable, Sendable {
    public var scheme: PeriodScheme
    public var rule: ActivityRule
    public var level: Level
    /// The reading of the sources; `nil` keeps only untagged ties.
    public var scenario: String?
    /// At the persons level, whether co-members of a faction get a positive tie.
    public var coMembership: Bool

    public init(scheme: PeriodScheme = .year, rule: ActivityRule = .overlap, level: Level = .persons,
                scenario: String? = nil, coMembership: Bool = true) {
        self.scheme = scheme
        self.rule = rule
        self.level = level
        self.scenario = scenario
        self.coMembership = coMembership
    }

    /// How a reading without a scenario is named in every output.
    public static let untaggedOnly = "(untagged only)"

    /// The settings as ordered name/value pairs: `period`, `rule`, `level`, `scenario`, and at the persons level
    /// `comembership`. Every output that states how its snapshots were cut (table heads, reports, captions,
    /// progress) takes its words from here.
    public var described: [(String, String)] {
        var s: [(String, String)] = [("period", scheme.description), ("rule", rule.description), ("level", level.rawValue),
                                     ("scenario", scenario ?? Self.untaggedOnly)]
        if level == .persons { s.append(("comembership", coMembership ? "on" : "off")) }
        return s
    }
}

/// A person's membership in a faction or group, active in a snapshot's period.
public struct ActiveMembership: Hashable, Sendable {
    /// Network index of the person.
    public var person: Int32
    /// Network index of the faction or group.
    public var faction: Int32
    /// The share of the period the membership covers (1 under the overlap and point rules).
    public var share: Double
}

/// The signed weighted graph of one period at one level.
///
/// Node `i` of ``graph`` is the actor ``actors``[i] of the network (a dense network index); nodes are in
/// actor-id order, so the same actor keeps its relative position in every snapshot.
public struct Snapshot: Sendable {
    public let period: Period
    public let options: SnapshotOptions
    /// Network indices of the nodes, increasing (so sorted by actor id).
    public let actors: [Int32]
    /// The aggregated signed graph over ``actors``.
    public let graph: SignedGraph
    /// Pairs whose ties cancelled exactly (no edge).
    public let ambivalentPairs: Int
    /// Memberships active in the period, whatever the level, sorted by (person, faction).
    public let memberships: [ActiveMembership]
    /// How many ties of the network were active in the period and bear on this level (edges, and memberships
    /// when they make co-membership ties), before aggregation.
    public let activeTies: Int
    /// The recorded ties alone, when co-membership ties were added to ``graph`` (persons level, co-membership on):
    /// the layer a diagram draws, since its clusters show the memberships already.
    public let recordedTies: RecordedTies?

    /// The snapshot of the recorded ties only: nodes, graph and counts as if cut without co-membership.
    public struct RecordedTies: Sendable {
        public let actors: [Int32]
        public let graph: SignedGraph
        public let ambivalentPairs: Int
        public let activeTies: Int

        public init(actors: [Int32], graph: SignedGraph, ambivalentPairs: Int, activeTies: Int) {
            precondition(actors.count == graph.nodeCount)
            self.actors = actors
            self.graph = graph
            self.ambivalentPairs = ambivalentPairs
            self.activeTies = activeTies
        }
    }

    public init(period: Period, options: SnapshotOptions, actors: [Int32], graph: SignedGraph,
                ambivalentPairs: Int, memberships: [ActiveMembership], activeTies: Int, recordedTies: RecordedTies? = nil) {
        precondition(actors.count == graph.nodeCount)
        self.period = period
        self.options = options
        self.actors = actors
        self.graph = graph
        self.ambivalentPairs = ambivalentPairs
        self.memberships = memberships
        self.activeTies = activeTies
        self.recordedTies = recordedTies
    }

    /// This snapshot without its co-membership ties (itself when it has none), equal to the one cut with
    /// co-membership off. - Complexity: O(1).
    public func withoutCoMembership() -> Snapshot {
        guard let r = recordedTies else { return self }
        var o = options
        o.coMembership = false
        return Snapshot(period: period, options: o, actors: r.actors, graph: r.graph, ambivalentPairs: r.ambivalentPairs,
                        memberships: memberships, activeTies: r.activeTies)
    }

    /// The node of a network actor in this snapshot, if present. - Complexity: O(log n).
    public func node(of actor: Int32) -> Int? {
        var lo = 0, hi = actors.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if actors[mid] < actor { lo = mid + 1 } else { hi = mid }
        }
        return lo < actors.count && actors[lo] == actor ? lo : nil
    }
}
