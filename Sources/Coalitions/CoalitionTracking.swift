import GraphCore
import Snapshots
import TemporalModel

/// What happened to coalitions or actors between one period and the next.
public enum CoalitionEventKind: String, Sendable, Hashable, CaseIterable {
    case birth, death, continuation, growth, contraction, merge, split, rebirth
    case join, leave
    /// An actor moved between coalitions (``CoalitionChange/switch(from:to:acrossRivalry:netWeight:)``).
    case `switch`
}

/// A change between two periods, with the coalitions it involves (stable ids) in named places. Sentences about it
/// are written where results become text (the Reports module), never here.
public enum CoalitionChange: Hashable, Sendable {
    /// A coalition matching nothing before.
    case birth(coalition: String)
    /// A coalition unseen for `unseenFor` consecutive periods (the grace).
    case death(coalition: String, unseenFor: Int)
    /// A coalition that continues with the same size, larger or smaller (`from` members when last seen).
    case continuation(coalition: String, size: Int)
    case growth(coalition: String, from: Int, to: Int)
    case contraction(coalition: String, from: Int, to: Int)
    /// Coalitions of the period before (the continuing one included, first when it continues) merged into `result`.
    case merge(parents: [String], result: String)
    /// A coalition of the period before split into `children` (the continuing one included, first when it continues).
    case split(parent: String, children: [String])
    /// A coalition seen again after `unseenFor` periods away.
    case rebirth(coalition: String, unseenFor: Int)
    /// Actors in no coalition before joined this one.
    case join(coalition: String)
    /// Actors left this coalition (of the period before) for none; `goneFromRecord` of them are no longer in the
    /// snapshot at all.
    case leave(coalition: String, goneFromRecord: Int)
    /// Actors moved from `from` (period before) to `to`; `acrossRivalry` when the net signed weight between the two
    /// in the period before, `netWeight`, was negative (a defection). `netWeight` is `nil` when `to` is new.
    case `switch`(from: String, to: String, acrossRivalry: Bool, netWeight: Double?)

    public var kind: CoalitionEventKind {
        switch self {
        case .birth: return .birth
        case .death: return .death
        case .continuation: return .continuation
        case .growth: return .growth
        case .contraction: return .contraction
        case .merge: return .merge
        case .split: return .split
        case .rebirth: return .rebirth
        case .join: return .join
        case .leave: return .leave
        case .switch: return .switch
        }
    }

    /// Every coalition involved: the result then the parents of a merge, the parent then the children of a split,
    /// the old then the new coalition of a switch, else the one coalition.
    public var coalitions: [String] {
        switch self {
        case .birth(let c), .death(let c, _), .continuation(let c, _), .growth(let c, _, _), .contraction(let c, _, _),
             .rebirth(let c, _), .join(let c), .leave(let c, _):
            return [c]
        case .merge(let parents, let result): return [result] + parents
        case .split(let parent, let children): return [parent] + children
        case .switch(let from, let to, _, _): return [from, to]
        }
    }

    /// Whether this is a switch across a rivalry.
    public var isDefection: Bool {
        if case .switch(_, _, true, _) = self { return true }
        return false
    }
}

/// One coalition or actor event.
public struct CoalitionEvent: Hashable, Sendable {
    /// Index of the period (in the tracked list) the event is seen in.
    public var periodIndex: Int
    public var period: String
    public var change: CoalitionChange
    /// Network indices of the actors concerned (the members for coalition events; those who moved for join,
    /// leave and switch), increasing.
    public var actors: [Int32]

    public init(periodIndex: Int, period: String, change: CoalitionChange, actors: [Int32]) {
        self.periodIndex = periodIndex
        self.period = period
        self.change = change
        self.actors = actors
    }

    public var kind: CoalitionEventKind { change.kind }
}

/// Options of the matching between periods.
public struct TrackingOptions: Hashable, Sendable {
    /// Jaccard threshold θ: coalitions of consecutive periods match when |A∩B|/|A∪B| ≥ θ.
    public var threshold: Double
    /// A coalition unseen for this many consecutive periods is dead (d ≥ 1); reappearing before is a rebirth.
    public var grace: Int

    /// Default θ = 1/8 and d = 2; see `Sources/Coalitions/README.md` for the reasons.
    public init(threshold: Double = 0.125, grace: Int = 2) {
        precondition(threshold > 0 && threshold <= 1 && grace >= 1)
        self.threshold = threshold
        self.grace = grace
    }

    /// - Throws: ``CoalitionError`` for θ outside (0, 1] or d < 1.
    public static func validated(threshold: Double, grace: Int) throws(CoalitionError) -> TrackingOptions {
        guard threshold > 0, threshold <= 1 else { throw .badThreshold(threshold) }
        guard grace >= 1 else { throw .badGrace(grace) }
        return TrackingOptions(threshold: threshold, grace: grace)
    }
}

/// The coalitions of every period with stable ids, and the events between periods.
public struct CoalitionHistory: Sendable {
    public var periods: [PeriodCoalitions]
    public var events: [CoalitionEvent]
    public let settings: TrackingOptions

    /// The events seen in period `index`.
    public func events(in index: Int) -> [CoalitionEvent] { events.filter { $0.periodIndex == index } }
}

/// Matches coalitions across periods (Greene, Doyle & Cunningham 2010) and names the events (Palla, Barabási &
/// Vicsek 2007; Asur, Parthasarathy & Ucar 2009).
///
/// Each *dynamic coalition* keeps a front (its members when last seen). In period t every coalition C is compared
/// with the front F of every dynamic coalition still alive; pairs with Jaccard(C, F) ≥ θ match. Matches are
/// settled greedily by decreasing Jaccard (ties: older id, then larger C) into one-to-one continuations; then
/// - a C matching nothing is a **birth** (new id);
/// - a C whose matches were all taken by other coalitions is a **split** child of its best match (new id);
///   the split event lists the parent and all its children, the continuing one included;
/// - a front matched only by coalitions that continue others **merged** into the best of them (its id ends);
///   the merge event lists the result and all parents;
/// - a continuation is a **rebirth** if its dynamic coalition was unseen in t − 1, else **growth**,
///   **contraction** or **continuation** as the size rose, fell or held (reported only when the coalition took
///   part in no merge or split in t);
/// - a dynamic coalition unseen for d consecutive periods has its **death** in the d-th.
///
/// Recorded lineage (`merged-into`, `split-from` ties holding under the snapshots' reading) enters the matching:
/// a faction gone after merging into B counts as B in the fronts, a new faction split from B counts as B in the
/// coalitions, and ties in Jaccard go first to the pair whose recorded members overlap most.
///
/// Actor events compare t − 1 with t: **join** (in no coalition in t − 1, in one in t), **leave** (the reverse),
/// **switch** (from coalition X to Y, unless X merged into Y or Y split from X); a switch is a **defection**
/// when the net signed weight of the ties between X and Y in t − 1 was negative, a realignment otherwise.
///
/// - Complexity: O(Σ_t (n_t + Σ_C |C|·k_C)) with an actor → front index, k_C the fronts an actor of C is in;
///   O(n) per period for actor events, plus the ties between coalition pairs for defections.
public struct CoalitionTracker: Sendable {
    public let settings: TrackingOptions
    public let network: TemporalNetwork

    public init(network: TemporalNetwork, settings: TrackingOptions = TrackingOptions()) {
        self.network = network
        self.settings = settings
    }

    struct Dynamic {
        var id: String
        var front: [Int32]
        var lastSeen: Int
        var alive = true
    }

    /// Tracks the coalitions of consecutive periods: stable ids, and the events of each period, in phases
    /// (``match(_:_:threshold:)`` → ``identify(_:_:dynamics:period:)`` → ``structuralEvents(_:_:_:dynamics:period:)`` →
    /// ``continuations(_:_:_:changed:dynamics:period:)`` → ``deaths(dynamics:period:grace:)`` →
    /// ``actorEvents(previous:current:absorbed:splitFrom:period:)``).
    public func track(_ input: [PeriodCoalitions]) -> CoalitionHistory {
        var periods = input
        var events: [CoalitionEvent] = []
        var dynamics: [Dynamic] = []
        let lineage = RecordedLineage(network, scenario: input.first?.snapshot.options.scenario)
        for t in periods.indices {
            let current = periods[t].coalitions
            let matching = Self.match(current, dynamics, threshold: settings.threshold,
                                      lineage: lineage.isEmpty ? nil : (lineage, periods[t].snapshot))
            let identity = Self.identify(current, matching, dynamics: &dynamics, period: t)
            let structural = Self.structuralEvents(current, matching, identity, dynamics: &dynamics, period: t)
            var seen = structural.events
            seen += Self.continuations(current, matching, identity, changed: structural.changed, dynamics: dynamics, period: t)
            for c in current.indices {
                let d = identity.dynamicOf[c]
                dynamics[d].front = current[c].members
                dynamics[d].lastSeen = t
            }
            seen += Self.deaths(dynamics: &dynamics, period: t, grace: settings.grace)
            for i in seen.indices { seen[i].period = periods[t].period.label }
            events += seen
            for c in current.indices { periods[t].coalitions[c].id = identity.ids[c] }
            guard t > 0 else { continue }
            // Moves that are the merge or split itself are not switches.
            let absorbed = Dictionary(uniqueKeysWithValues: structural.absorbed.flatMap { c, ds in
                ds.map { (dynamics[$0].id, identity.ids[c]) }
            })
            var splitFrom: [String: String] = [:]
            for (d, children) in identity.splitChildren { for c in children { splitFrom[identity.ids[c]] = dynamics[d].id } }
            events += Self.actorEvents(previous: periods[t - 1], current: periods[t], absorbed: absorbed, splitFrom: splitFrom, period: t)
        }
        return CoalitionHistory(periods: periods, events: events, settings: settings)
    }

    /// The candidate matches of a period: pairs (coalition c, live dynamic coalition d) with Jaccard(c, front of d)
    /// ≥ θ, settled greedily by decreasing Jaccard (ties: older d, larger c, earlier c) into one-to-one continuations.
    struct Matching {
        /// c → the dynamic coalition it continues.
        var continues: [Int?]
        /// d → the coalition continuing it.
        var continuedBy: [Int: Int]
        /// c → every d it matches, best first; d → every c matching it, best first.
        var matchesOfC: [[Int]]
        var matchesOfD: [Int: [Int]]
    }

    static func match(_ current: [Coalition], _ dynamics: [Dynamic], threshold theta: Double,
                      lineage: (record: RecordedLineage, snapshot: Snapshot)? = nil) -> Matching {
        // Index actor → live dynamics whose front holds it.
        var holders: [Int32: [Int]] = [:]
        for (d, dyn) in dynamics.enumerated() where dyn.alive { for a in dyn.front { holders[a, default: []].append(d) } }
        // With recorded lineage, the members as matching sees them: a faction gone after merging into B counts as B
        // in the fronts, a new faction split from B counts as B in the coalitions (sorted, distinct).
        var fronts: [Int: [Int32]] = [:]
        var members = current.map(\.members)
        if let (record, snapshot) = lineage {
            let end = snapshot.period.interval.end
            for (d, dyn) in dynamics.enumerated() where dyn.alive {
                let mapped = dyn.front.map { a in snapshot.node(of: a) == nil ? record.successor(of: a, by: end) ?? a : a }
                if mapped != dyn.front { fronts[d] = Array(Set(mapped)).sorted() }
            }
            for c in members.indices {
                let mapped = members[c].map { a in holders[a] == nil ? record.predecessor(of: a, by: end) ?? a : a }
                if mapped != members[c] { members[c] = Array(Set(mapped)).sorted() }
            }
        }
        var mappedHolders = holders
        if !fronts.isEmpty {
            mappedHolders = [:]
            for (d, dyn) in dynamics.enumerated() where dyn.alive {
                for a in fronts[d] ?? dyn.front { mappedHolders[a, default: []].append(d) }
            }
        }
        func jaccard(_ members: [Int32], _ holders: [Int32: [Int]], front: (Int) -> Int) -> [Int: Double] {
            var inter: [Int: Int] = [:]
            for a in members { for d in holders[a] ?? [] { inter[d, default: 0] += 1 } }
            return Dictionary(uniqueKeysWithValues: inter.map { d, k in (d, Double(k) / Double(members.count + front(d) - k)) })
        }
        // Pairs by Jaccard as matching sees it, then by the recorded members' own Jaccard (a faction continues its
        // own coalition before one merged into it), then older d, larger c, earlier c.
        var pairs: [(j: Double, own: Double, d: Int, c: Int)] = []
        for (c, coalition) in current.enumerated() {
            let mapped = jaccard(members[c], mappedHolders) { fronts[$0]?.count ?? dynamics[$0].front.count }
            let own = members[c] == coalition.members && fronts.isEmpty
                ? mapped : jaccard(coalition.members, holders) { dynamics[$0].front.count }
            for (d, j) in mapped where j >= theta - 1e-12 { pairs.append((j, own[d] ?? 0, d, c)) }
        }
        pairs.sort { ($0.j, $0.own, -$0.d, current[$0.c].size, -$0.c) > ($1.j, $1.own, -$1.d, current[$1.c].size, -$1.c) }
        var m = Matching(continues: [Int?](repeating: nil, count: current.count), continuedBy: [:],
                         matchesOfC: [[Int]](repeating: [], count: current.count), matchesOfD: [:])
        for p in pairs where m.continues[p.c] == nil && m.continuedBy[p.d] == nil {
            m.continues[p.c] = p.d
            m.continuedBy[p.d] = p.c
        }
        for p in pairs { m.matchesOfC[p.c].append(p.d); m.matchesOfD[p.d, default: []].append(p.c) }
        return m
    }

    /// The ids of a period's coalitions: a continuation keeps its dynamic coalition's id, any other gets a new one
    /// (and is a split child of its best match, if it has one).
    struct Identity {
        var ids: [String]
        var dynamicOf: [Int]
        /// d → its new split children c.
        var splitChildren: [Int: [Int]]
    }

    static func identify(_ current: [Coalition], _ m: Matching, dynamics: inout [Dynamic], period t: Int) -> Identity {
        var identity = Identity(ids: [String](repeating: "", count: current.count), dynamicOf: [Int](repeating: 0, count: current.count),
                                splitChildren: [:])
        for c in current.indices {
            if let d = m.continues[c] {
                identity.ids[c] = dynamics[d].id
                identity.dynamicOf[c] = d
            } else {
                identity.ids[c] = "C\(dynamics.count + 1)"
                identity.dynamicOf[c] = dynamics.count
                dynamics.append(Dynamic(id: identity.ids[c], front: [], lastSeen: t))
                if let parent = m.matchesOfC[c].first { identity.splitChildren[parent, default: []].append(c) }
            }
        }
        return identity
    }

    /// Splits (a parent continued by at most one coalition, with new children) and merges (fronts matched only by
    /// coalitions that continue others; their dynamic coalitions end). `changed`: the coalitions in either;
    /// `absorbed`: c → the dynamic coalitions merged into it.
    static func structuralEvents(_ current: [Coalition], _ m: Matching, _ identity: Identity, dynamics: inout [Dynamic],
                                 period t: Int) -> (events: [CoalitionEvent], changed: Set<Int>, absorbed: [Int: [Int]]) {
        var events: [CoalitionEvent] = []
        var changed = Set<Int>()
        for (d, children) in identity.splitChildren.sorted(by: { $0.key < $1.key }) {
            let all = (m.continuedBy[d].map { [$0] } ?? []) + children
            changed.formUnion(all)
            events.append(CoalitionEvent(periodIndex: t, period: "", change: .split(parent: dynamics[d].id, children: all.map { identity.ids[$0] }),
                                         actors: dynamics[d].front))
        }
        var absorbed: [Int: [Int]] = [:]
        for (d, cs) in m.matchesOfD.sorted(by: { $0.key < $1.key }) where m.continuedBy[d] == nil && identity.splitChildren[d] == nil {
            guard let best = cs.first(where: { m.continues[$0] != nil }) else { continue }
            absorbed[best, default: []].append(d)
        }
        for (c, ds) in absorbed.sorted(by: { $0.key < $1.key }) {
            changed.insert(c)
            let parents = ([m.continues[c]].compactMap { $0 } + ds).map { dynamics[$0].id }
            events.append(CoalitionEvent(periodIndex: t, period: "", change: .merge(parents: parents, result: identity.ids[c]),
                                         actors: current[c].members))
            for d in ds { dynamics[d].alive = false }
        }
        return (events, changed, absorbed)
    }

    /// Births (matching nothing), rebirths (continuing a coalition unseen in t − 1), and growth, contraction or
    /// continuation of the coalitions in no merge or split.
    static func continuations(_ current: [Coalition], _ m: Matching, _ identity: Identity, changed: Set<Int>,
                              dynamics: [Dynamic], period t: Int) -> [CoalitionEvent] {
        var events: [CoalitionEvent] = []
        for c in current.indices {
            let co = current[c], id = identity.ids[c]
            guard let d = m.continues[c] else {
                if m.matchesOfC[c].isEmpty { events.append(CoalitionEvent(periodIndex: t, period: "", change: .birth(coalition: id), actors: co.members)) }
                continue
            }
            let before = dynamics[d].front.count
            if dynamics[d].lastSeen < t - 1 {
                events.append(CoalitionEvent(periodIndex: t, period: "", change: .rebirth(coalition: id, unseenFor: t - 1 - dynamics[d].lastSeen),
                                             actors: co.members))
            } else if !changed.contains(c) {
                let change: CoalitionChange = co.size > before ? .growth(coalition: id, from: before, to: co.size)
                    : co.size < before ? .contraction(coalition: id, from: before, to: co.size)
                    : .continuation(coalition: id, size: co.size)
                events.append(CoalitionEvent(periodIndex: t, period: "", change: change, actors: co.members))
            }
        }
        return events
    }

    /// Dynamic coalitions unseen for `grace` consecutive periods die in period t.
    static func deaths(dynamics: inout [Dynamic], period t: Int, grace: Int) -> [CoalitionEvent] {
        var events: [CoalitionEvent] = []
        for d in dynamics.indices where dynamics[d].alive && dynamics[d].lastSeen < t && t - dynamics[d].lastSeen >= grace {
            dynamics[d].alive = false
            events.append(CoalitionEvent(periodIndex: t, period: "", change: .death(coalition: dynamics[d].id, unseenFor: t - dynamics[d].lastSeen),
                                         actors: dynamics[d].front))
        }
        return events
    }

    /// Joins, leaves and switches between t − 1 and t (`absorbed`: merged id → result id; `splitFrom`: child id →
    /// parent id, moves that are not switches). A switch crosses a rivalry when the net signed weight between the
    /// old coalition and the new one's earlier self in t − 1 is negative.
    static func actorEvents(previous prev: PeriodCoalitions, current now: PeriodCoalitions, absorbed: [String: String],
                            splitFrom: [String: String], period t: Int) -> [CoalitionEvent] {
        // Coalition index by actor id (-1: in none), arrays over the ids met: actor ids are dense.
        var bound = 0
        for c in prev.coalitions { for a in c.members { bound = max(bound, Int(a) + 1) } }
        for c in now.coalitions { for a in c.members { bound = max(bound, Int(a) + 1) } }
        var before = [Int](repeating: -1, count: bound), after = before
        for (i, c) in prev.coalitions.enumerated() { for a in c.members { before[Int(a)] = i } }
        for (i, c) in now.coalitions.enumerated() { for a in c.members { after[Int(a)] = i } }
        var joins: [Int: [Int32]] = [:], leaves: [Int: [Int32]] = [:]
        var switches: [Int: (from: Int, to: Int, actors: [Int32])] = [:]
        for id in 0..<bound where before[id] >= 0 || after[id] >= 0 {
            let a = Int32(id)
            switch (before[id] >= 0 ? before[id] : nil, after[id] >= 0 ? after[id] : nil) {
            case (nil, let y?): joins[y, default: []].append(a)
            case (let x?, nil): leaves[x, default: []].append(a)
            case (let x?, let y?):
                let xid = prev.coalitions[x].id, yid = now.coalitions[y].id
                if xid == yid || absorbed[xid] == yid || splitFrom[yid] == xid { continue }
                switches[x * now.coalitions.count + y, default: (x, y, [])].actors.append(a)
            default: continue
            }
        }
        var events: [CoalitionEvent] = []
        for (y, list) in joins.sorted(by: { $0.key < $1.key }) {
            events.append(CoalitionEvent(periodIndex: t, period: now.period.label, change: .join(coalition: now.coalitions[y].id), actors: list))
        }
        for (x, list) in leaves.sorted(by: { $0.key < $1.key }) {
            let gone = list.filter { now.snapshot.node(of: $0) == nil }
            events.append(CoalitionEvent(periodIndex: t, period: now.period.label,
                                         change: .leave(coalition: prev.coalitions[x].id, goneFromRecord: gone.count), actors: list))
        }
        var previousIndex: [String: Int] = [:]
        for (i, c) in prev.coalitions.enumerated() { previousIndex[c.id] = i }
        for (_, s) in switches.sorted(by: { ($0.value.from, $0.value.to) < ($1.value.from, $1.value.to) }) {
            let from = prev.coalitions[s.from], to = now.coalitions[s.to]
            let weight = previousIndex[to.id].map { netWeight(prev, between: s.from, and: $0, coalitionOf: before) }
            events.append(CoalitionEvent(periodIndex: t, period: now.period.label,
                                         change: .switch(from: from.id, to: to.id, acrossRivalry: (weight ?? 0) < 0, netWeight: weight),
                                         actors: s.actors))
        }
        return events
    }

    /// The net signed weight of the ties between coalitions x and y of a period. - Complexity: O(Σ degrees of x).
    /// `coalitionOf`: coalition index by actor id, -1 for none; ids past its end are in none.
    static func netWeight(_ p: PeriodCoalitions, between x: Int, and y: Int, coalitionOf: [Int]) -> Double {
        var sum = 0.0
        let snap = p.snapshot
        for a in p.coalitions[x].members {
            guard let u = snap.node(of: a) else { continue }
            for (v, e) in snap.graph.incidentEdges(of: u) {
                let w = Int(snap.actors[v])
                if w < coalitionOf.count && coalitionOf[w] == y { sum += e.signedWeight }
            }
        }
        return sum
    }
}

/// The lineage a dataset records, as coalition matching uses it: `A merged-into B` and `A split-from B` ties that hold
/// under the snapshots' reading, by actor, dated by their start's first day.
struct RecordedLineage {
    private var mergedInto: [Int32: [(day: Day, into: Int32)]] = [:]
    private var splitFrom: [Int32: [(day: Day, from: Int32)]] = [:]

    init(_ network: TemporalNetwork, scenario: String?) {
        for tie in network.ties where tie.relation.isLineage && tie.holds(in: scenario) && tie.source != tie.target {
            if tie.relation == .mergedInto {
                mergedInto[tie.source, default: []].append((tie.start.firstDay, tie.target))
            } else {
                splitFrom[tie.source, default: []].append((tie.start.firstDay, tie.target))
            }
        }
        for k in mergedInto.keys { mergedInto[k]!.sort { ($0.day, $0.into) < ($1.day, $1.into) } }
        for k in splitFrom.keys { splitFrom[k]!.sort { ($0.day, $0.from) < ($1.day, $1.from) } }
    }

    var isEmpty: Bool { mergedInto.isEmpty && splitFrom.isEmpty }

    /// The faction `actor` merged into by `day` (the latest such record), if any.
    func successor(of actor: Int32, by day: Day) -> Int32? { mergedInto[actor]?.last { $0.day <= day }?.into }

    /// The faction `actor` split from by `day` (the latest such record), if any.
    func predecessor(of actor: Int32, by day: Day) -> Int32? { splitFrom[actor]?.last { $0.day <= day }?.from }
}

/// The former name of ``TrackingOptions`` ("settings" is the user's whole choice, `StudySettings`; the
/// parameters one algorithm takes are its "options").
@available(*, deprecated, renamed: "TrackingOptions")
public typealias TrackingSettings = TrackingOptions
