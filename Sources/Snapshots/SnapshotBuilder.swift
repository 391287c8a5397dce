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
        return (0..<n).map { p in snapshot(period: p, active: active[p], lifetimes: lifetimes) }
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

    /// Assembles one snapshot from the ties active in period `p` (any order).
    func snapshot(period p: Int, active: [(tie: Int32, factor: Double)], lifetimes: [DayInterval?]) -> Snapshot {
        let period = periods[p]
        let actors = network.actors
        let level = options.level
        var isNode = [Bool](repeating: false, count: actors.count)
        for (i, a) in actors.enumerated() where level.includes(a.kind) {
            if let life = lifetimes[i], isActive(life, in: p) { isNode[i] = true }
        }
        var memberships: [ActiveMembership] = []
        var membershipIntervals: [Int64: DayInterval] = [:]
        var contributions: [(u: Int32, v: Int32, signedWeight: Double)] = []
        contributions.reserveCapacity(active.count)
        let openEnd = network.info.span.end
        var used = 0, usedByCoMembership = 0
        for (t, f) in active {
            let tie = network.ties[Int(t)]
            let s = tie.source, g = tie.target
            if tie.relation == .member {
                let key = Int64(s) << 32 | Int64(g)
                let iv = tie.interval(openEnd: openEnd)!.intersection(period.interval) ?? period.interval
                if let old = membershipIntervals[key] {
                    // Two spells in one period: keep the hull for co-membership, the summed share for weight.
                    membershipIntervals[key] = DayInterval(min(old.start, iv.start), max(old.end, iv.end))
                } else {
                    membershipIntervals[key] = iv
                }
                memberships.append(ActiveMembership(person: s, faction: g, share: f))
                if level == .persons && options.coMembership { used += 1; usedByCoMembership += 1 }
            }
            guard level.includes(actors[Int(s)].kind), level.includes(actors[Int(g)].kind), s != g else { continue }
            if level == .persons && tie.relation == .member { continue }
            used += 1
            isNode[Int(s)] = true
            isNode[Int(g)] = true
            contributions.append((s, g, Double(tie.relation.sign!) * tie.weight * f))
        }
        memberships = Self.mergeMemberships(memberships)

        var recorded: Snapshot.RecordedTies?
        if level == .persons && options.coMembership {
            // The recorded ties alone, kept for drawing: the nodes and edges so far, before co-membership adds any.
            let (nodes, nodeOf) = Self.nodes(isNode)
            let aggregation = SignedGraph.aggregating(
                nodeCount: nodes.count, contributions: contributions.map { (nodeOf[Int($0.u)], nodeOf[Int($0.v)], $0.signedWeight) })
            recorded = Snapshot.RecordedTies(actors: nodes, graph: aggregation.graph, ambivalentPairs: aggregation.ambivalentPairs,
                                             activeTies: used - usedByCoMembership)

            // Co-membership: persons who were members of the same faction at the same time in the period.
            var byFaction: [Int32: [(person: Int32, iv: DayInterval)]] = [:]
            for m in memberships where actors[Int(m.person)].kind == .person {
                byFaction[m.faction, default: []].append((m.person, membershipIntervals[Int64(m.person) << 32 | Int64(m.faction)]!))
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
                        isNode[Int(members[i].person)] = true
                        isNode[Int(members[j].person)] = true
                        contributions.append((members[i].person, members[j].person, w))
                    }
                }
            }
        }

        let (nodes, nodeOf) = Self.nodes(isNode)
        let local = contributions.map { (nodeOf[Int($0.u)], nodeOf[Int($0.v)], $0.signedWeight) }
        let aggregation = SignedGraph.aggregating(nodeCount: nodes.count, contributions: local)
        return Snapshot(period: period, options: options, actors: nodes, graph: aggregation.graph,
                        ambivalentPairs: aggregation.ambivalentPairs, memberships: memberships, activeTies: used,
                        recordedTies: recorded)
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
