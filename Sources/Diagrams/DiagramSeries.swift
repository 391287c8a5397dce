import Coalitions
import GraphCore
import Snapshots
import TemporalModel

/// The clusters of one period: a cluster label per node of the snapshot (`nil`: in no cluster).
public struct PeriodClusters: Hashable, Sendable {
    /// One entry per snapshot node.
    public var labels: [Int?]
    /// Fixed identities by label (a faction's actor id), kept across periods; without one, clusters are tracked
    /// from period to period by their members (``DiagramSeries``).
    public var fixedIDs: [Int: String]
    /// Names by label (a faction's name); without one, a tracked cluster is named after its largest members.
    public var names: [Int: String]

    public init(labels: [Int?], fixedIDs: [Int: String] = [:], names: [Int: String] = [:]) {
        self.labels = labels
        self.fixedIDs = fixedIDs
        self.names = names
    }

    /// Each person in its faction or group (the one with the largest share of the period; on equal shares the one
    /// founded last, the person's current allegiance, as after a merger; then by faction id), and
    /// at the `all` level each faction or group node in its own cluster with its members. Persons with no active
    /// membership are in no cluster. At the `factions` level there are no clusters.
    public static func factions(_ snapshot: Snapshot, network: TemporalNetwork) -> PeriodClusters {
        var best: [Int32: (faction: Int32, share: Double)] = [:]
        func founded(_ f: Int32) -> Int32 { network.actors[Int(f)].start?.firstDay.ordinal ?? Int32.min }
        for m in snapshot.memberships {
            if let b = best[m.person] {
                let better = m.share > b.share
                    || (m.share == b.share && founded(m.faction) > founded(b.faction))
                    || (m.share == b.share && founded(m.faction) == founded(b.faction)
                        && network.actors[Int(m.faction)].id < network.actors[Int(b.faction)].id)
                if better { best[m.person] = (m.faction, m.share) }
            } else {
                best[m.person] = (m.faction, m.share)
            }
        }
        var labels = [Int?](repeating: nil, count: snapshot.actors.count)
        var fixed: [Int: String] = [:], names: [Int: String] = [:]
        for (i, a) in snapshot.actors.enumerated() {
            let actor = network.actors[Int(a)]
            var faction: Int32?
            if actor.kind == .person { faction = best[a]?.faction } else if snapshot.options.level == .all { faction = a }
            guard let f = faction, snapshot.options.level != .factions else { continue }
            labels[i] = Int(f)
            fixed[Int(f)] = network.actors[Int(f)].id
            names[Int(f)] = network.actors[Int(f)].name
        }
        return PeriodClusters(labels: labels, fixedIDs: fixed, names: names)
    }

    /// The connected components of the positive layer; isolated nodes are in no cluster.
    /// - Complexity: O(n + m·α(n)).
    public static func positiveComponents(_ snapshot: Snapshot) -> PeriodClusters {
        partition(connectedComponents(of: snapshot.graph, using: { $0.sign == .positive }))
    }

    /// Any partition of the nodes (e.g. coalitions found by the Coalitions module); blocks of one node are in no
    /// cluster.
    public static func partition(_ labels: [Int]) -> PeriodClusters {
        var count: [Int: Int] = [:]
        for l in labels { count[l, default: 0] += 1 }
        return PeriodClusters(labels: labels.map { (count[$0] ?? 0) > 1 ? $0 : nil })
    }
}

/// Turns a run of snapshots into diagram data: clusters tracked across periods (stable ids, colours, names),
/// actors who changed cluster flagged, ties against the clusters marked, sizes scaled over the whole run.
///
/// Tracking: a period's cluster continues the previous period's cluster it shares most members with (greedy
/// matching, largest overlaps first, ties broken by ids); a cluster that continues none is new. Fixed ids
/// (factions) are used as they are.
public struct DiagramSeries: Sendable {
    /// One diagram per period, in period order.
    public var diagrams: [DiagramSnapshot]
    /// The story of the run: per period, the tracked clusters and the events.
    public var story: Story
    /// Actor ids by network index (to read values keyed by `Int32` actor index, such as certainty).
    public var actorIDs: [String] = []

    /// The series with each coalition member's certainty: `certainty[t][a]` is the probability (share of draws)
    /// that actor `a` (network index) is in the coalition it is drawn in at period index `t`. Members with a
    /// probability below 1 are drawn faded in the period pages, the filmstrip and the story; values of 1, actors
    /// in no cluster and periods or actors not in the map are drawn as before.
    /// - Complexity: O(total nodes + entries of the map).
    public func withCertainty(_ certainty: [Int: [Int32: Double]]) -> DiagramSeries {
        var copy = self
        for (t, values) in certainty where copy.diagrams.indices.contains(t) {
            var byID: [String: Double] = [:]
            for (a, p) in values where actorIDs.indices.contains(Int(a)) && p < 1 && p.isFinite { byID[actorIDs[Int(a)]] = max(0, p) }
            let clustered = Set(copy.diagrams[t].clusters.flatMap(\.members))
            for i in copy.diagrams[t].nodes.indices {
                let id = copy.diagrams[t].nodes[i].id
                if clustered.contains(id), let p = byID[id] { copy.diagrams[t].nodes[i].certainty = p }
            }
            if copy.story.periods.indices.contains(t) {
                copy.story.periods[t].certainty = byID.filter { clustered.contains($0.key) }
            }
        }
        return copy
    }

    /// - Parameters:
    ///   - snapshots: the periods, in time order (all at the same level).
    ///   - network: the network they were cut from (names, kinds, events).
    ///   - clusters: one per snapshot.
    ///   - sizes: one value per node per snapshot (e.g. a centrality), each period's own values, all divided by the
    ///     largest value of the run (so equal values are drawn equal in every period); nil for equal sizes.
    ///   - palette: the fills the cluster colours index (``ClusterColours``).
    ///   - edgeSnapshots: the snapshots whose edges are drawn (default: `snapshots`); e.g. the same periods cut
    ///     without co-membership ties, when clusters already show the memberships.
    /// - Precondition: `clusters` (and `sizes`, `edgeSnapshots`) have one entry per snapshot, with one value per node.
    public init(snapshots: [Snapshot], network: TemporalNetwork, clusters: [PeriodClusters], sizes: [[Double]]? = nil,
                sizeLegend: String? = nil, clusterLegend: String, caption: String = "", edgeSnapshots: [Snapshot]? = nil,
                palette: [String] = DiagramStyle().palette) {
        precondition(clusters.count == snapshots.count, "one PeriodClusters per snapshot")
        precondition(sizes == nil || sizes?.count == snapshots.count, "one size vector per snapshot")
        let drawn = edgeSnapshots ?? snapshots
        precondition(drawn.count == snapshots.count)
        let maxSize = sizes?.flatMap { $0 }.filter(\.isFinite).max() ?? 0

        var tracker = ClusterTracker()
        var previousCluster: [String: String] = [:]
        var previousPresent = Set<String>()
        var diagrams: [DiagramSnapshot] = []
        var storyPeriods: [Story.Period] = []
        for (t, snapshot) in snapshots.enumerated() {
            let pc = clusters[t]
            precondition(pc.labels.count == snapshot.actors.count, "one cluster label per node")
            let actorIDs = snapshot.actors.map { network.actors[Int($0)].id }
            // Nodes and their sizes.
            var nodes: [DiagramSnapshot.Node] = []
            for (i, a) in snapshot.actors.enumerated() {
                let actor = network.actors[Int(a)]
                var size = 0.0
                if let s = sizes?[t], maxSize > 0 { size = max(0, s[i].isFinite ? s[i] : 0) / maxSize }
                nodes.append(DiagramSnapshot.Node(id: actor.id, label: actor.name, kind: actor.kind, size: size))
            }
            // Clusters: members by label, in order of their first actor id; identity tracked or fixed.
            var members: [Int: [Int]] = [:]
            for (i, l) in pc.labels.enumerated() { if let l { members[l, default: []].append(i) } }
            let groups = members.map { (label: $0.key, nodes: $0.value) }.sorted { actorIDs[$0.nodes[0]] < actorIDs[$1.nodes[0]] }
            let identities = tracker.assign(groups.map { ClusterTracker.Block(fixedID: pc.fixedIDs[$0.label], members: $0.nodes.map { actorIDs[$0] }) })
            var clusterOf: [String: String] = [:]
            var diagramClusters: [DiagramSnapshot.Cluster] = []
            var storyClusters: [Story.Cluster] = []
            for (group, identity) in zip(groups, identities) {
                let name = pc.names[group.label] ?? Self.name(group.nodes.map { nodes[$0] })
                let ids = group.nodes.map { actorIDs[$0] }.sorted()
                for id in ids { clusterOf[id] = identity.id }
                diagramClusters.append(DiagramSnapshot.Cluster(id: identity.id, label: name, members: ids, color: identity.color))
                storyClusters.append(Story.Cluster(id: identity.id, label: name, members: ids, color: identity.color))
            }
            // Switched: present before and now, in a different cluster (joining or leaving one counts).
            for i in nodes.indices where previousPresent.contains(nodes[i].id) {
                nodes[i].switched = previousCluster[nodes[i].id] != clusterOf[nodes[i].id]
            }
            // Edges from the drawn snapshot, mapped by actor id.
            let es = drawn[t]
            var memberPairs = Set<StableLayout.PairKey>()
            if es.options.level == .all {
                for m in es.memberships {
                    memberPairs.insert(StableLayout.PairKey(network.actors[Int(m.person)].id, network.actors[Int(m.faction)].id))
                }
            }
            var edges: [DiagramSnapshot.Edge] = []
            for e in es.graph.edges {
                let a = network.actors[Int(es.actors[Int(e.u)])].id, b = network.actors[Int(es.actors[Int(e.v)])].id
                let relation: DiagramSnapshot.Relation
                if e.sign == .negative { relation = .rivalry } else if memberPairs.contains(StableLayout.PairKey(a, b)) { relation = .membership } else { relation = .alliance }
                let ca = clusterOf[a], cb = clusterOf[b]
                let sameBlock = ca != nil && ca == cb
                let violates: Bool
                switch relation {
                case .alliance: violates = !sameBlock
                case .rivalry: violates = sameBlock
                case .membership: violates = false
                }
                edges.append(DiagramSnapshot.Edge(a, b, relation: relation, weight: e.weight, violatesPartition: violates))
            }
            diagrams.append(DiagramSnapshot(title: network.info.title, period: snapshot.period.label, caption: caption,
                                            sizeLegend: sizeLegend, sizeMaximum: sizes == nil ? 0 : maxSize,
                                            clusterLegend: clusterLegend, nodes: nodes,
                                            clusters: diagramClusters, edges: edges))
            let unaligned = nodes.filter { clusterOf[$0.id] == nil }.map(\.id)
            let events = network.events.filter { snapshot.period.interval.contains($0.date.firstDay) }
            storyPeriods.append(Story.Period(label: snapshot.period.label, clusters: storyClusters, unaligned: unaligned,
                                             events: events.map { e in
                                                 Story.Event(date: e.date.description, kind: .recorded(e.kind), text: e.description,
                                                             actors: e.actors.map { id in
                                                                 guard let a = network.actor(id) else { return id }
                                                                 return a.kind == .person ? Self.shortName(a.name) : a.name
                                                             })
                                             }))
            previousCluster = clusterOf
            previousPresent = Set(actorIDs)
        }
        // Colours: one slot per identity for its whole life, keyed on its most frequent label, co-present ones apart.
        var labelCounts: [String: [String: Int]] = [:]
        for d in diagrams { for c in d.clusters { labelCounts[c.id, default: [:]][c.label, default: 0] += 1 } }
        let keys = labelCounts.mapValues { counts in counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "" }
        let slots = ClusterColours.assign(keys: keys, periods: diagrams.map { $0.clusters.map(\.id) }, palette: palette,
                                          patterns: DiagramStyle().outlinePatterns.count)
        for t in diagrams.indices {
            for i in diagrams[t].clusters.indices { diagrams[t].clusters[i].color = slots[diagrams[t].clusters[i].id] ?? 0 }
            for i in storyPeriods[t].clusters.indices { storyPeriods[t].clusters[i].color = slots[storyPeriods[t].clusters[i].id] ?? 0 }
        }
        var names: [String: String] = [:]
        for a in network.actors { names[a.id] = a.name }
        self.diagrams = diagrams
        self.actorIDs = network.actors.map(\.id)
        self.story = Story(title: network.info.title, caption: caption, clusterLegend: clusterLegend, names: names, periods: storyPeriods)
    }

    /// A tracked cluster's name: its two largest members (by size, then id), and how many more.
    static func name(_ members: [DiagramSnapshot.Node]) -> String {
        let top = members.sorted { ($1.size, $0.id) < ($0.size, $1.id) }
        let shown = top.prefix(2).map { shortName($0.label) }
        return shown.joined(separator: ", ") + (members.count > 2 ? " +\(members.count - 2)" : "")
    }

    /// A person's short name (``PersonName/short(_:)``: "Leon Trotsky" → "Trotsky", "Chen Duxiu" kept whole).
    public static func shortName(_ name: String) -> String {
        PersonName.short(name)
    }
}

/// Gives clusters identities that persist from period to period.
struct ClusterTracker {
    struct Block {
        var fixedID: String?
        var members: [String]
    }

    struct Identity {
        var id: String
        var color: Int
    }

    /// The previous period's identities, and the index in it of each member's cluster (a period's clusters are
    /// disjoint).
    private var previous: [String] = []
    private var previousOf: [String: Int] = [:]
    private var colors: [String: Int] = [:]
    private var nextNumber = 1

    mutating func color(for id: String) -> Int {
        if let c = colors[id] { return c }
        let c = colors.count
        colors[id] = c
        return c
    }

    /// Identities for this period's blocks (in the given order), then remembers them for the next period.
    mutating func assign(_ blocks: [Block]) -> [Identity] {
        var ids = [String?](repeating: nil, count: blocks.count)
        for (k, b) in blocks.enumerated() { ids[k] = b.fixedID }
        // Greedy matching of the blocks without fixed ids to previous clusters, largest overlap first.
        // Each overlap counted from the block's members and the cluster each was in (O(members)), not by
        // intersecting the block with every previous cluster (O(blocks × clusters)).
        var candidates: [(overlap: Int, block: Int, prev: Int)] = []
        var overlap: [Int: Int] = [:]
        for (k, b) in blocks.enumerated() where b.fixedID == nil {
            overlap.removeAll(keepingCapacity: true)
            for m in Set(b.members) { if let p = previousOf[m] { overlap[p, default: 0] += 1 } }
            for (p, o) in overlap { candidates.append((o, k, p)) }
        }
        candidates.sort { ($1.overlap, $0.block, $0.prev) < ($0.overlap, $1.block, $1.prev) }
        var usedPrev = Set<Int>(), usedIDs = Set(ids.compactMap { $0 })
        for c in candidates where ids[c.block] == nil && !usedPrev.contains(c.prev) && !usedIDs.contains(previous[c.prev]) {
            ids[c.block] = previous[c.prev]
            usedPrev.insert(c.prev)
            usedIDs.insert(previous[c.prev])
        }
        var result: [Identity] = []
        for k in blocks.indices {
            let id: String
            if let existing = ids[k] {
                id = existing
            } else {
                id = "coalition-\(nextNumber)"
                nextNumber += 1
            }
            result.append(Identity(id: id, color: color(for: id)))
        }
        previous = result.map(\.id)
        previousOf.removeAll(keepingCapacity: true)
        for (p, b) in blocks.enumerated() { for m in b.members { previousOf[m] = p } }
        return result
    }
}
