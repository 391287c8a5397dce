import Foundation
import GraphCore
import TemporalModel

/// Cuts a temporal network into one snapshot per period.
///
/// The build is one pass over the ties: each tie's interval is located among the periods by binary search over
/// the periods' sorted starts and ends (or reference days), which gives the contiguous run of periods it is
/// active in; the tie is appended to those periods only. Then each period's contributions are aggregated into
/// a CSR graph. Total cost O((m + A) log P + Σ_p m_p log m_p) for m ties, P periods and A tie–period incidences,
/// instead of O(m·P) for a filter per period.
///
/// Rules (see `Datasets/README.md`):
/// - nodes are the actors of the level alive in the period (lifetimes inferred from the ties of the chosen
///   reading), plus the endpoints of its active ties;
/// - several ties on a pair aggregate to their net signed weight (positive ties add, negative subtract);
/// - at the persons level two persons who were members of the same faction at the same time in the period get
///   +1 per shared faction (times the shared share of the period under the fraction rule);
/// - lineage ties are never edges.
public struct SnapshotBuilder: Sendable {
    public let network: TemporalNetwork
    public let options: SnapshotOptions
    public let periods: [Period]
    private let referenceDays: [Day]?

    /// - Throws: ``SnapshotError`` when the scheme gives no periods or a point rule's day is missing.
    public init(network: TemporalNetwork, options: SnapshotOptions) throws(SnapshotError) {
        self.network = network
        self.options = options
        let periods = try options.scheme.periods(over: network.info.span)
        self.periods = periods
        if case .point = options.rule {
            var days: [Day] = []
            for p in periods { days.append(try options.rule.referenceDay(in: p)!) }
            referenceDays = days
        } else {
            referenceDays = nil
        }
    }

    /// Builds every period's snapshot, in period order.
    public func build() -> [Snapshot] {
        let span = network.info.span
        let n = periods.count
        // Periods ordered by start; monotone when ends (or reference days) are ordered the same way.
        let order = periods.indices.sorted { (periods[$0].interval.start, $0) < (periods[$1].interval.start, $1) }
        let starts = order.map { periods[$0].interval.start }
        let ends = order.map { periods[$0].interval.end }
        let refs = referenceDays.map { r in order.map { r[$0] } }
        let monotone = zip(ends, ends.dropFirst()).allSatisfy { $0 <= $1 }
            && (refs.map { r in zip(r, r.dropFirst()).allSatisfy { $0 <= $1 } } ?? true)

        var active = [[(tie: Int32, factor: Double)]](repeating: [], count: n)
        for (t, tie) in network.ties.enumerated() {
            guard tie.relation.sign != nil, tie.holds(in: options.scenario),
                  let iv = tie.interval(openEnd: span.end) else { continue }
            if monotone {
                let (lo, hi): (Int, Int)
                if let refs {
                    lo = Self.firstIndex(in: refs) { $0 >= iv.start }
                    hi = Self.firstIndex(in: refs) { $0 > iv.end }
                } else {
                    lo = Self.firstIndex(in: ends) { $0 >= iv.start }
                    hi = Self.firstIndex(in: starts) { $0 > iv.end }
                }
                if lo < hi {
                    for k in lo..<hi {
                        let p = order[k]
                        active[p].append((Int32(t), factor(of: iv, in: periods[p])))
                    }
                }
            } else {
                for p in 0..<n where isActive(iv, in: p) {
                    active[p].append((Int32(t), factor(of: iv, in: periods[p])))
                }
            }
        }
        let lifetimes = network.lifetimes(scenario: options.scenario)
        // The periods are assembled side by side (each from its own list of ties): largest first, one per core.
        let perPeriod = active
        let sizes = perPeriod.map { $0.count }
        let bySize = Array(0..<n).sorted { (a: Int, b: Int) -> Bool in sizes[a] != sizes[b] ? sizes[a] > sizes[b] : a < b }
        return parallelMap(inOrder: bySize) { p in snapshot(period: p, active: perPeriod[p], lifetimes: lifetimes) }
    }

    /// Whether a tie (or actor) interval counts in period `p` under the rule.
    func isActive(_ iv: DayInterval, in p: Int) -> Bool {
        if let referenceDays { return iv.contains(referenceDays[p]) }
        return iv.overlaps(periods[p].interval)
    }

    /// The weight multiplier of an interval in a period: its covered share under the fraction rule, else 1.
    func factor(of iv: DayInterval, in period: Period) -> Double {
        guard case .fraction = options.rule, let shared = iv.intersection(period.interval) else { return 1 }
        return Double(shared.length) / Double(period.interval.length)
    }

    static func firstIndex(in sorted: [Day], where predicate: (Day) -> Bool) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if predicate(sorted[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The ties of one period on their way to a snapshot: nodes marked, signed contributions per pair, memberships.
    struct PeriodTies {
        var isNode: [Bool]
        var contributions: [(u: Int32, v: Int32, signedWeight: Double)] = []
        var memberships: [ActiveMembership] = []
        /// Per (person, faction) key, the hull of its membership spells inside the period.
        var membershipIntervals: [Int64: DayInterval] = [:]
        /// Active ties bearing on the level; `ofMemberships` of them are memberships counted for co-membership.
        var used = 0
        var ofMemberships = 0
    }

    /// Assembles one snapshot from the ties active in period `p` (any order), in phases: the actors alive
    /// (``aliveActors(period:lifetimes:)``), the recorded ties (``recordedTies(period:active:into:)``), the
    /// co-membership ties (``coMembershipTies(period:into:)``), then the aggregation.
    func snapshot(period p: Int, active: [(tie: Int32, factor: Double)], lifetimes: [DayInterval?]) -> Snapshot {
        var ties = PeriodTies(isNode: aliveActors(period: p, lifetimes: lifetimes))
        recordedTies(period: p, active: active, into: &ties)
        var recorded: Snapshot.RecordedTies?
        if options.level == .persons && options.coMembership {
            // The recorded ties alone, kept for drawing: the nodes and edges so far, before co-membership adds any.
            let layer = Self.aggregate(ties)
            recorded = Snapshot.RecordedTies(actors: layer.nodes, graph: layer.graph, ambivalentPairs: layer.ambivalentPairs,
                                             activeTies: ties.used - ties.ofMemberships)
            coMembershipTies(period: p, into: &ties)
        }
        let all = Self.aggregate(ties)
        return Snapshot(period: periods[p], options: options, actors: all.nodes, graph: all.graph,
                        ambivalentPairs: all.ambivalentPairs, memberships: ties.memberships, activeTies: ties.used,
                        recordedTies: recorded)
    }

    /// The actors of the level alive in period `p` (their lifetimes under the reading).
    func aliveActors(period p: Int, lifetimes: [DayInterval?]) -> [Bool] {
        var isNode = [Bool](repeating: false, count: network.actors.count)
        for (i, a) in network.actors.enumerated() where options.level.includes(a.kind) {
            if let life = lifetimes[i], isActive(life, in: p) { isNode[i] = true }
        }
        return isNode
    }

    /// The recorded ties of period `p`: memberships (all levels; merged per person and faction) and the signed
    /// contributions of the ties between actors of the level (memberships are edges at the `all` level only).
    func recordedTies(period p: Int, active: [(tie: Int32, factor: Double)], into ties: inout PeriodTies) {
        let period = periods[p]
        let actors = network.actors
        let level = options.level
        ties.contributions.reserveCapacity(active.count)
        let openEnd = network.info.span.end
        // Fields are read in place: a copy of the whole Tie (sources, scenarios, note) cost a retain and a release
        // of each of its references per active tie, per period, per draw.
        let all = network.ties
        for (t, f) in active {
            let i = Int(t)
            let s = all[i].source, g = all[i].target
            let relation = all[i].relation
            if relation == .member {
                let key = Int64(s) << 32 | Int64(g)
                let iv = all[i].interval(openEnd: openEnd)!.intersection(period.interval) ?? period.interval
                if let old = ties.membershipIntervals[key] {
                    // Two spells in one period: keep the hull for co-membership, the summed share for weight.
                    ties.membershipIntervals[key] = DayInterval(min(old.start, iv.start), max(old.end, iv.end))
                } else {
                    ties.membershipIntervals[key] = iv
                }
                ties.memberships.append(ActiveMembership(person: s, faction: g, share: f))
                if level == .persons && options.coMembership { ties.used += 1; ties.ofMemberships += 1 }
            }
            guard level.includes(actors[Int(s)].kind), level.includes(actors[Int(g)].kind), s != g else { continue }
            if level == .persons && relation == .member { continue }
            ties.used += 1
            ties.isNode[Int(s)] = true
            ties.isNode[Int(g)] = true
            ties.contributions.append((s, g, Double(relation.sign!) * all[i].weight * f))
        }
        ties.memberships = Self.mergeMemberships(ties.memberships)
    }

    /// Co-membership: +1 between persons who were members of the same faction at the same time in period `p`
    /// (times the shared share of the period under the fraction rule; on the reference day under the point rule).
    func coMembershipTies(period p: Int, into ties: inout PeriodTies) {
        let period = periods[p]
        var byFaction: [Int32: [(person: Int32, iv: DayInterval)]] = [:]
        for m in ties.memberships where network.actors[Int(m.person)].kind == .person {
            byFaction[m.faction, default: []].append((m.person, ties.membershipIntervals[Int64(m.person) << 32 | Int64(m.faction)]!))
        }
        for faction in byFaction.keys.sorted() {
            let members = byFaction[faction]!
            for i in members.indices {
                for j in members.indices where j > i {
                    guard let shared = members[i].iv.intersection(members[j].iv) else { continue }
                    let w: Double
                    switch options.rule {
                    case .fraction: w = Double(shared.length) / Double(period.interval.length)
                    case .point: w = 1
                    case .overlap: w = 1
                    }
                    if case .point = options.rule, !shared.contains(referenceDays![p]) { continue }
                    ties.isNode[Int(members[i].person)] = true
                    ties.isNode[Int(members[j].person)] = true
                    ties.contributions.append((members[i].person, members[j].person, w))
                }
            }
        }
    }

    /// The nodes marked so far and the CSR graph of the contributions among them.
    static func aggregate(_ ties: PeriodTies) -> (nodes: [Int32], graph: SignedGraph, ambivalentPairs: Int) {
        let (nodes, nodeOf) = Self.nodes(ties.isNode)
        let local = ties.contributions.map { (nodeOf[Int($0.u)], nodeOf[Int($0.v)], $0.signedWeight) }
        let aggregation = SignedGraph.aggregating(nodeCount: nodes.count, contributions: local)
        return (nodes, aggregation.graph, aggregation.ambivalentPairs)
    }

    /// The network indices of the nodes, increasing, and each actor's node (-1: none).
    static func nodes(_ isNode: [Bool]) -> (nodes: [Int32], nodeOf: [Int32]) {
        var nodeOf = [Int32](repeating: -1, count: isNode.count)
        var nodes: [Int32] = []
        for i in isNode.indices where isNode[i] {
            nodeOf[i] = Int32(nodes.count)
            nodes.append(Int32(i))
        }
        return (nodes, nodeOf)
    }

    /// One membership per (person, faction), shares summed and capped at 1, sorted.
    static func mergeMemberships(_ list: [ActiveMembership]) -> [ActiveMembership] {
        var merged: [Int64: ActiveMembership] = [:]
        for m in list {
            let key = Int64(m.person) << 32 | Int64(m.faction)
            if var old = merged[key] { old.share = min(1, old.share + m.share); merged[key] = old } else { merged[key] = m }
        }
        return merged.values.sorted { ($0.person, $0.faction) < ($1.person, $1.faction) }
    }
}
