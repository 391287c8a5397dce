import Metrics
import Snapshots
import TemporalModel

/// Fills the research parts of a ``ReportModel`` from the dataset: its events, the ties behind every drawn tie
/// and every coalition change, and each actor's metrics over the periods.
///
/// A dataset tie lies behind a drawn tie in a period when it joins the same two actors, holds in the snapshot's
/// reading (scenario) and is active in the period under the snapshot's rule (the test ``SnapshotBuilder`` applies);
/// at the persons level with co-membership ties drawn, the two memberships in a shared faction active in the
/// period lie behind a drawn alliance too. A coalition change rests on the period's active ties among the members of the coalitions it
/// names (in that period and the one before, so that a coalition that ended still counts).
public enum ReportEvidence {
    /// A drawn tie of a period's diagram, by actor ids.
    public struct Drawn: Sendable {
        public var a: String
        public var b: String
        public var relation: String
        public var weight: Double

        public init(a: String, b: String, relation: String, weight: Double) {
            self.a = a
            self.b = b
            self.relation = relation
            self.weight = weight
        }
    }

    /// Per-actor metrics the actor view charts, with a title and a reading.
    public static func actorCharts(_ metrics: [NodeMetric]) -> [ReportModel.ChartSpec] {
        metrics.map { m in
            switch m {
            case .positiveDegree: return .init(measure: m.rawValue, title: "Alliances", note: "number of actors allied with them in the period")
            case .negativeDegree: return .init(measure: m.rawValue, title: "Rivalries", note: "number of actors in rivalry with them in the period")
            case .pagerank: return .init(measure: m.rawValue, title: "PageRank", note: "share of a random walk along the alliance ties spent at them")
            case .eigenvector: return .init(measure: m.rawValue, title: "Eigenvector", note: "how far they are allied with actors who are themselves well allied")
            case .betweenness: return .init(measure: m.rawValue, title: "Betweenness", note: "share of shortest alliance paths between others that pass through them")
            case .degree: return .init(measure: m.rawValue, title: "Degree", note: "number of actors tied to them")
            default: return .init(measure: m.rawValue, title: m.rawValue.capitalized, note: "\(m.rawValue) centrality in the period")
            }
        }
    }

    /// Adds events, tie records, drawn ties with their evidence, change evidence and actors to `model`, whose
    /// periods (in the order of `snapshots`) already hold their coalitions and changes.
    ///
    /// - Parameters:
    ///   - drawn: per period, the ties its diagram draws (empty when no diagram).
    ///   - metrics: per period, node metrics to chart per actor (`charted`, in order).
    ///   - coMembershipDrawn: whether the diagrams draw co-membership ties (at the persons level with co-membership);
    ///     only then do the memberships in a shared faction lie behind a drawn alliance.
    /// - Complexity: O(T·P_t + Σ_p (E_p + Σ_changes m_c²)) for T ties active in P_t periods each, E_p drawn ties.
    public static func fill(_ model: inout ReportModel, network: TemporalNetwork, snapshots: [Snapshot], drawn: [[Drawn]],
                            metrics: [SnapshotNodeMetrics], charted: [NodeMetric], coMembershipDrawn: Bool = true,
                            limits: ReportLimits = .none, shownActors: Set<Int32>? = nil, coalitionMembers: [[String: [Int32]]]? = nil) {
        let openEnd = network.info.span.end
        let options = snapshots.first?.options
        let referenceDays: [Day?] = snapshots.map { (try? $0.options.rule.referenceDay(in: $0.period)) ?? nil }
        var abridged = model.abridged ?? []

        // Ties active per period (signed or membership, in the reading), indexed by actor pair and by person.
        var activeByPair = [PairTies](repeating: PairTies(), count: snapshots.count)
        var membershipsOf: [[Int32: [Int]]] = Array(repeating: [:], count: snapshots.count)
        let intervals = snapshots.map(\.period.interval)  // not the snapshots themselves, copied per tie and period
        for (t, tie) in network.ties.enumerated() {
            guard tie.relation.sign != nil, tie.holds(in: options?.scenario), let iv = tie.interval(openEnd: openEnd) else { continue }
            for p in intervals.indices {
                let active = referenceDays[p].map { iv.contains($0) } ?? iv.overlaps(intervals[p])
                guard active else { continue }
                activeByPair[p].append(tie.source, tie.target, t)
                if tie.relation == .member { membershipsOf[p][tie.source, default: []].append(t) }
            }
        }

        for p in activeByPair.indices { activeByPair[p].sort() }

        // Every tie of the reading (signed or membership), in dataset order: what the page can cite.
        // ``recordIndices(_:scenario:)`` as an array by tie index (-1: not cited), read once per cited tie per
        // drawn tie and change. Until the records are chosen (at the end), drawn ties and changes hold dataset
        // tie indices.
        var recordIndex = [Int](repeating: -1, count: network.ties.count)
        var readable = 0
        for (t, tie) in network.ties.enumerated() where tie.relation.sign != nil && tie.holds(in: options?.scenario) {
            recordIndex[t] = readable
            readable += 1
        }
        let coMembership = coMembershipDrawn && (options.map { $0.level == .persons && $0.coMembership } ?? false)

        var droppedEdges = 0, cappedChanges = 0
        for p in model.periods.indices where p < snapshots.count {
            // Drawn ties (the strongest `drawnTiesPerPeriod` of them).
            var edges: [ReportModel.DrawnTie] = []
            let all = p < drawn.count ? drawn[p] : []
            let kept = ReportLimits.strongest(all.map(\.weight), limit: limits.drawnTiesPerPeriod)
            droppedEdges += all.count - kept.count
            for d in kept.map({ all[$0] }) {
                guard let ia = network.index(of: d.a), let ib = network.index(of: d.b) else { continue }
                // The pair's ties come increasing and distinct (each active tie is listed once per period); only
                // the memberships added for a co-membership alliance need the union sorted again.
                var ties = activeByPair[p].ties(ia, ib)
                if coMembership && d.relation == "alliance" {
                    let ma = membershipsOf[p][ia] ?? [], mb = membershipsOf[p][ib] ?? []
                    var added = false
                    for x in ma {
                        for y in mb where network.ties[x].target == network.ties[y].target {
                            ties += [x, y]
                            added = true
                        }
                    }
                    if added { ties = Array(Set(ties)).sorted() }
                }
                edges.append(.init(a: d.a, b: d.b, relation: d.relation, weight: d.weight, ties: ties))
            }
            model.periods[p].edges = edges

            // Changes: ties among the members of the coalitions they name (each pair found from its smaller actor,
            // through the period's pairs indexed by actor, not by a scan of every pair per change).
            guard !model.periods[p].changes.isEmpty else { continue }
            // Each coalition's members as actor indices, once per period (this period's coalitions, then the
            // previous period's), not the coalitions copied and their member ids looked up again per change.
            // With the actors limited, a coalition lists only some of its members: `coalitionMembers` has them all.
            var membersOf: [String: [Int32]] = [:]
            for q in p > 0 ? [p, p - 1] : [p] {
                if let all = coalitionMembers, q < all.count {
                    for (id, members) in all[q] { membersOf[id, default: []].append(contentsOf: members) }
                } else {
                    for c in model.periods[q].coalitions {
                        membersOf[c.id, default: []].append(contentsOf: c.members.compactMap { network.index(of: $0.id) })
                    }
                }
            }
            // The changes of a period name few distinct sets of coalitions (a coalition's joins, leaves and
            // continuation name the same one): each set's ties found once.
            var tiesOf: [[String]: (ties: [Int], total: Int)] = [:]
            for k in model.periods[p].changes.indices {
                let named = Set(model.periods[p].changes[k].coalitions).sorted()
                let found: (ties: [Int], total: Int)
                if let known = tiesOf[named] {
                    found = known
                } else {
                    var members = Set<Int32>()
                    for id in named { members.formUnion(membersOf[id] ?? []) }
                    var ties: [Int] = []
                    for u in members {
                        activeByPair[p].forEachPair(from: u) { v, t in if members.contains(v) { ties.append(t) } }
                    }
                    ties.sort()
                    let total = ties.count
                    if ties.count > limits.tiesPerChange {
                        ties = ReportLimits.strongest(ties.map { network.ties[$0].weight }, limit: limits.tiesPerChange).map { ties[$0] }
                    }
                    found = (ties, total)
                    tiesOf[named] = found
                }
                model.periods[p].changes[k].ties = found.ties
                if found.total > found.ties.count {
                    cappedChanges += 1
                    model.periods[p].changes[k].detail += " (This page lists the \(ReportLimits.grouped(found.ties.count)) strongest of the \(ReportLimits.grouped(found.total)) ties it rests on.)"
                }
            }
        }
        if droppedEdges > 0 {
            abridged.append("the evidence of \(ReportLimits.grouped(droppedEdges)) drawn ties (each period keeps its \(ReportLimits.grouped(limits.drawnTiesPerPeriod)) strongest)")
        }
        if cappedChanges > 0 {
            abridged.append("ties behind \(ReportLimits.grouped(cappedChanges)) changes (each lists its \(ReportLimits.grouped(limits.tiesPerChange)) strongest)")
        }

        // The tie records: every tie of the reading, or above `tieRecords` only those the page cites (in dataset
        // order), the explanations' indices (into every tie of the reading) moved to the kept ones.
        let explained = model.periods.contains { $0.changes.contains { $0.explanation != nil } }
        if readable > limits.tieRecords {
            var tieOfRecord = [Int](repeating: 0, count: readable)
            for t in recordIndex.indices where recordIndex[t] >= 0 { tieOfRecord[recordIndex[t]] = t }
            var citedTie = [Bool](repeating: false, count: network.ties.count)
            for p in model.periods.indices {
                for e in model.periods[p].edges { for t in e.ties { citedTie[t] = true } }
                for c in model.periods[p].changes {
                    for t in c.ties { citedTie[t] = true }
                    if let x = c.explanation { for r in x.restsOn + x.gained + x.lost { citedTie[tieOfRecord[r]] = true } }
                }
            }
            var kept = 0
            for t in recordIndex.indices {
                if recordIndex[t] >= 0 && citedTie[t] { recordIndex[t] = kept; kept += 1 } else { recordIndex[t] = -1 }
            }
            if explained {
                for p in model.periods.indices {
                    for k in model.periods[p].changes.indices {
                        guard var x = model.periods[p].changes[k].explanation else { continue }
                        x.restsOn = x.restsOn.map { recordIndex[tieOfRecord[$0]] }
                        x.gained = x.gained.map { recordIndex[tieOfRecord[$0]] }
                        x.lost = x.lost.map { recordIndex[tieOfRecord[$0]] }
                        model.periods[p].changes[k].explanation = x
                    }
                }
            }
            abridged.append("\(ReportLimits.grouped(readable - kept)) of the \(ReportLimits.grouped(readable)) ties of the dataset's reading (the page carries the "
                + "\(ReportLimits.grouped(kept)) it cites; an actor's ties list only those)")
        }
        var records: [ReportModel.TieRecord] = []
        for (t, tie) in network.ties.enumerated() where recordIndex[t] >= 0 {
            records.append(.init(
                a: network.actors[Int(tie.source)].id, b: network.actors[Int(tie.target)].id, relation: tie.relation.rawValue,
                start: tie.start.description, end: tie.end?.description, weight: tie.weight, confidence: tie.confidence,
                scenarios: tie.scenarios, note: tie.note,
                sources: tie.sources.map { .init(source: $0.source, locator: $0.locator) }))
        }
        model.ties = records
        func record(_ t: Int) -> Int {
            precondition(recordIndex[t] >= 0, "an active tie is cited")
            return recordIndex[t]
        }
        for p in model.periods.indices {
            for e in model.periods[p].edges.indices { model.periods[p].edges[e].ties = model.periods[p].edges[e].ties.map(record) }
            for k in model.periods[p].changes.indices { model.periods[p].changes[k].ties = model.periods[p].changes[k].ties.map(record) }
        }

        // Events, in date order (stable), each in the periods that contain its first day.
        let events = network.events.enumerated().sorted { ($0.element.date.firstDay, $0.offset) < ($1.element.date.firstDay, $1.offset) }.map(\.element)
        model.events = events.map { e in
            .init(date: e.date.description, kind: e.kind,
                  actors: e.actors.map { id in .init(id: id, name: network.actor(id)?.name ?? id) },
                  description: e.description, sources: e.sources.map { .init(source: $0.source, locator: $0.locator) })
        }
        for p in model.periods.indices where p < snapshots.count {
            let iv = snapshots[p].period.interval
            model.periods[p].events = events.indices.filter { iv.contains(events[$0].date.firstDay) }
        }

        // Actors present in some period (or only the shown ones), in id order, with their metrics per period.
        var present = Set<Int32>()
        for s in snapshots { present.formUnion(s.actors) }
        if let shownActors, shownActors.count < present.count {
            abridged.append("\(ReportLimits.grouped(present.count - shownActors.count)) of the \(ReportLimits.grouped(present.count)) actors from the actor view, the search and the "
                + "coalitions' member lists (the page keeps the \(ReportLimits.grouped(shownActors.count)) ranked best by \(model.centrality) in some period)")
            present = shownActors
        }
        model.actorCharts = actorCharts(charted)
        let sortedPresent = present.sorted { network.actors[Int($0)].id < network.actors[Int($1)].id }
        // Each actor's series filled period by period from the metric columns (one column read per period and
        // metric, not a dictionary lookup per actor, metric and period: 15 million on L).
        var slot = [Int](repeating: -1, count: network.actors.count)
        for (k, a) in sortedPresent.enumerated() { slot[Int(a)] = k }
        var series = [[[Double?]]](repeating: [[Double?]](repeating: [Double?](repeating: nil, count: snapshots.count), count: charted.count),
                                   count: sortedPresent.count)
        for p in snapshots.indices where p < metrics.count {
            let r = metrics[p]
            for (k, m) in charted.enumerated() {
                guard let column = r.values[m] else { continue }
                for (node, a) in r.actors.enumerated() where node < column.count && column[node].isFinite {
                    let s = slot[Int(a)]
                    if s >= 0 { series[s][k][p] = column[node] }
                }
            }
        }
        model.actors = sortedPresent.enumerated().map { k, a in
            let actor = network.actors[Int(a)]
            return .init(id: actor.id, name: actor.name, kind: actor.kind.rawValue, note: actor.note, metrics: series[k])
        }
        // Tie ends that are no node of any period (a faction at the persons level): their names, so that a tie
        // reads "Safarov – Safarov–Tarkhan group", not the id.
        let shown = Set(model.actors.map(\.id))
        var others: [String: String] = [:]
        for t in model.ties { for id in [t.a, t.b] where !shown.contains(id) { others[id] = network.actor(id)?.name ?? id } }
        model.tieNames = others.isEmpty ? nil : others
        model.abridged = abridged.isEmpty ? nil : abridged
    }

    /// The index in ``ReportModel/ties`` of each dataset tie the page can cite (signed or membership, holding
    /// under `scenario`), by its index in `network.ties`. - Complexity: O(T).
    public static func recordIndices(_ network: TemporalNetwork, scenario: String?) -> [Int: Int] {
        var index: [Int: Int] = [:]
        for (t, tie) in network.ties.enumerated() where tie.relation.sign != nil && tie.holds(in: scenario) { index[t] = index.count }
        return index
    }

    /// The ties active in one period by actor pair, as one sorted array of (pair, tie) entries rather than a
    /// dictionary of arrays (on L, millions of small arrays): a pair's ties, and the pairs whose smaller end is a
    /// given actor, are contiguous ranges found by binary search.
    struct PairTies {
        /// The pair (smaller actor index in the high 32 bits) and the tie's index in `network.ties`.
        private var entries: [(pair: UInt64, tie: Int32)] = []

        static func key(_ a: Int32, _ b: Int32) -> UInt64 {
            let (u, v) = a < b ? (a, b) : (b, a)
            return UInt64(UInt32(bitPattern: u)) << 32 | UInt64(UInt32(bitPattern: v))
        }

        mutating func append(_ a: Int32, _ b: Int32, _ tie: Int) { entries.append((Self.key(a, b), Int32(tie))) }

        /// By pair, then by tie (so a pair's ties are in dataset order). - Complexity: O(n log n).
        mutating func sort() { entries.sort { ($0.pair, $0.tie) < ($1.pair, $1.tie) } }

        /// The first entry whose pair is not below `key`. - Complexity: O(log n).
        private func lowerBound(_ key: UInt64) -> Int {
            var lo = 0, hi = entries.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if entries[mid].pair < key { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }

        /// The ties between `a` and `b`, in dataset order.
        func ties(_ a: Int32, _ b: Int32) -> [Int] {
            let key = Self.key(a, b)
            var out: [Int] = []
            var i = lowerBound(key)
            while i < entries.count && entries[i].pair == key { out.append(Int(entries[i].tie)); i += 1 }
            return out
        }

        /// Calls `body(v, tie)` for each tie between `u` and an actor `v` > `u`.
        func forEachPair(from u: Int32, _ body: (Int32, Int) -> Void) {
            let start = UInt64(UInt32(bitPattern: u)) << 32
            var i = lowerBound(start)
            while i < entries.count && entries[i].pair >> 32 == start >> 32 {
                body(Int32(bitPattern: UInt32(truncatingIfNeeded: entries[i].pair)), Int(entries[i].tie))
                i += 1
            }
        }
    }
}
