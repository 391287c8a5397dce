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

    /// A one-line statement of the settings, for the head of every output.
    public var summary: String {
        "period=\(scheme) rule=\(rule) level=\(level) scenario=\(scenario ?? "(untagged only)")"
            + (level == .persons ? " comembership=\(coMembership ? "on" : "off")" : "")
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

    public init(period: Period, options: SnapshotOptions, actors: [Int32], graph: SignedGraph,
                ambivalentPairs: Int, memberships: [ActiveMembership], activeTies: Int) {
        precondition(actors.count == graph.nodeCount)
        self.period = period
        self.options = options
        self.actors = actors
        self.graph = graph
        self.ambivalentPairs = ambivalentPairs
        self.memberships = memberships
        self.activeTies = activeTies
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
