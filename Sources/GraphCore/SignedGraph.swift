/// The sign of a tie: alliance (+1) or rivalry (−1).
public enum Sign: Int8, Sendable, Hashable, CaseIterable, Codable {
    case positive = 1
    case negative = -1

    /// `+1.0` or `-1.0`.
    @inlinable public var value: Double { Double(rawValue) }
}

/// One undirected edge of a ``SignedGraph``: `u < v`, a positive magnitude and a sign.
public struct SignedEdge: Hashable, Sendable {
    public var u: Int32
    public var v: Int32
    /// The magnitude, always > 0; the signed weight is `sign.value * weight`.
    public var weight: Double
    public var sign: Sign

    public init(_ u: Int32, _ v: Int32, weight: Double = 1, sign: Sign) {
        precondition(u != v, "self-loops are not edges of a signed graph")
        self.u = min(u, v)
        self.v = max(u, v)
        self.weight = weight
        self.sign = sign
    }

    @inlinable public var signedWeight: Double { sign.value * weight }
}

/// A static, undirected, signed, weighted simple graph over dense node indices `0..<nodeCount`,
/// stored in compressed sparse row (CSR) form.
///
/// Every undirected edge appears once in ``edges`` (with `u < v`, sorted) and twice in the CSR arrays
/// (one arc each way), so `neighbors(of:)` of a node lists each neighbour once, in increasing order.
/// Self-loops and parallel edges do not exist: aggregate ties with ``SignedGraph/aggregating(nodeCount:contributions:)``.
///
/// - Complexity: construction O(n + m log m); memory O(n + m).
public struct SignedGraph: Sendable, Equatable {
    /// The number of nodes, n.
    public let nodeCount: Int
    /// The undirected edges, `u < v`, sorted by `(u, v)`.
    public let edges: [SignedEdge]
    /// CSR row offsets: the arcs of node `i` are `offsets[i]..<offsets[i+1]`. Count n + 1.
    public let offsets: [Int]
    /// CSR arc heads, grouped by tail, increasing within a group. Count 2m.
    public let targets: [Int32]
    /// The edge index (into ``edges``) of each arc. Count 2m.
    public let arcEdges: [Int32]

    /// Builds a graph from edges; edges are canonicalised and sorted.
    /// - Precondition: endpoints in `0..<nodeCount`, no pair twice, weights finite and > 0.
    public init(nodeCount: Int, edges: [SignedEdge]) {
        precondition(nodeCount >= 0)
        let sorted = edges.sorted { ($0.u, $0.v) < ($1.u, $1.v) }
        for (i, e) in sorted.enumerated() {
            precondition(e.u >= 0 && Int(e.v) < nodeCount, "edge endpoint out of range")
            precondition(e.weight.isFinite && e.weight > 0, "edge weight must be finite and > 0")
            if i > 0 { precondition((sorted[i - 1].u, sorted[i - 1].v) != (e.u, e.v), "parallel edge") }
        }
        self.nodeCount = nodeCount
        self.edges = sorted
        var degree = [Int](repeating: 0, count: nodeCount + 1)
        for e in sorted {
            degree[Int(e.u) + 1] += 1
            degree[Int(e.v) + 1] += 1
        }
        for i in 0..<nodeCount { degree[i + 1] += degree[i] }
        var fill = degree
        var targets = [Int32](repeating: 0, count: 2 * sorted.count)
        var arcEdges = [Int32](repeating: 0, count: 2 * sorted.count)
        // Edges sorted by (u, v): for a node x, every edge (u, x) with u < x precedes every edge (x, v), and each
        // group is sorted, so appending arcs in edge order leaves each CSR row with increasing heads.
        for (k, e) in sorted.enumerated() {
            let a = fill[Int(e.u)]; fill[Int(e.u)] += 1
            targets[a] = e.v; arcEdges[a] = Int32(k)
            let b = fill[Int(e.v)]; fill[Int(e.v)] += 1
            targets[b] = e.u; arcEdges[b] = Int32(k)
        }
        self.offsets = degree
        self.targets = targets
        self.arcEdges = arcEdges
    }

    /// The graph with no edges on `nodeCount` nodes.
    public static func empty(nodeCount: Int) -> SignedGraph { SignedGraph(nodeCount: nodeCount, edges: []) }

    /// The number of undirected edges, m.
    @inlinable public var edgeCount: Int { edges.count }

    /// The neighbours of `node`, increasing. - Complexity: O(1) to obtain, O(deg) to iterate.
    @inlinable public func neighbors(of node: Int) -> ArraySlice<Int32> {
        targets[offsets[node]..<offsets[node + 1]]
    }

    /// The number of neighbours of `node`.
    @inlinable public func degree(of node: Int) -> Int { offsets[node + 1] - offsets[node] }

    /// The arcs of `node`: indices into ``targets`` and ``arcEdges``, one per neighbour, neighbours increasing.
    /// For hot loops that read the CSR arrays directly. - Complexity: O(1).
    @inlinable public func arcs(of node: Int) -> Range<Int> { offsets[node]..<offsets[node + 1] }

    /// The edges at `node` with the neighbour across each, neighbours increasing.
    /// - Complexity: O(1) to obtain, O(deg) to iterate.
    @inlinable public func incidentEdges(of node: Int) -> IncidentEdges { IncidentEdges(graph: self, arcs: arcs(of: node)) }

    /// The edges at one node, as (neighbour, edge) pairs in increasing neighbour order.
    public struct IncidentEdges: RandomAccessCollection, Sendable {
        @usableFromInline let graph: SignedGraph
        @usableFromInline let arcs: Range<Int>

        @inlinable init(graph: SignedGraph, arcs: Range<Int>) {
            self.graph = graph
            self.arcs = arcs
        }

        @inlinable public var startIndex: Int { arcs.lowerBound }
        @inlinable public var endIndex: Int { arcs.upperBound }
        @inlinable public subscript(arc: Int) -> (neighbor: Int, edge: SignedEdge) {
            (Int(graph.targets[arc]), graph.edges[Int(graph.arcEdges[arc])])
        }
    }

    /// One value per arc, from the arc's edge (for example its weight), aligned with ``targets``: what a hot loop
    /// over the CSR arrays reads beside them. - Complexity: O(m).
    @inlinable public func arcValues<T>(_ value: (SignedEdge) -> T) -> [T] { arcEdges.map { value(edges[Int($0)]) } }

    /// The edge joining `a` and `b`, if any. - Complexity: O(log deg(a)).
    public func edge(between a: Int, and b: Int) -> SignedEdge? {
        let row = arcs(of: a)
        let key = Int32(b)
        let arc = targets.partitionPoint(in: row) { $0 >= key }
        guard arc < row.upperBound, targets[arc] == key else { return nil }
        return edges[Int(arcEdges[arc])]
    }

    /// The subgraph induced by `nodes` (distinct indices, any order): node `i` of the result is `nodes[i]`, and
    /// an edge is kept when both its ends are in `nodes`.
    /// - Complexity: O(n + Σ deg(nodes) + m' log m') for the m' kept edges.
    public func induced(by nodes: [Int]) -> SignedGraph {
        var local = [Int32](repeating: -1, count: nodeCount)
        for (i, v) in nodes.enumerated() {
            precondition(local[v] < 0, "induced(by:) needs distinct nodes")
            local[v] = Int32(i)
        }
        var kept: [SignedEdge] = []
        for v in nodes {
            for arc in arcs(of: v) where Int(targets[arc]) > v {
                let j = local[Int(targets[arc])]
                guard j >= 0 else { continue }
                let e = edges[Int(arcEdges[arc])]
                kept.append(SignedEdge(local[v], j, weight: e.weight, sign: e.sign))
            }
        }
        return SignedGraph(nodeCount: nodes.count, edges: kept)
    }

    /// The number of positive edges.
    public var positiveEdgeCount: Int { edges.reduce(0) { $0 + ($1.sign == .positive ? 1 : 0) } }
    /// The number of negative edges.
    public var negativeEdgeCount: Int { edges.count - positiveEdgeCount }

    /// The subgraph on the same nodes with only the edges of one sign (the alliance or the rivalry view).
    /// - Complexity: O(n + m).
    public func layer(_ sign: Sign) -> SignedGraph {
        SignedGraph(nodeCount: nodeCount, edges: edges.filter { $0.sign == sign })
    }

    /// Density of the undirected simple graph: m / (n(n−1)/2); 0 when n < 2.
    public var density: Double {
        nodeCount < 2 ? 0 : Double(edges.count) / (Double(nodeCount) * Double(nodeCount - 1) / 2)
    }
}

extension SignedGraph {
    /// The result of aggregating possibly repeated, signed contributions per unordered pair.
    public struct Aggregation: Sendable {
        public var graph: SignedGraph
        /// Pairs whose contributions summed to exactly zero: they give no edge.
        public var ambivalentPairs: Int
    }

    /// Aggregates signed weights per unordered pair: the edge's signed weight is the sum of the pair's
    /// contributions (positive ties add, negative ties subtract). Pairs summing to zero give no edge and are
    /// counted in ``Aggregation/ambivalentPairs``; self-pairs are ignored.
    ///
    /// - Complexity: O(k log k) for k contributions.
    public static func aggregating(
        nodeCount: Int, contributions: [(u: Int32, v: Int32, signedWeight: Double)]
    ) -> Aggregation {
        var keyed: [(key: UInt64, w: Double)] = []
        keyed.reserveCapacity(contributions.count)
        for c in contributions where c.u != c.v {
            let a = UInt64(UInt32(min(c.u, c.v))), b = UInt64(UInt32(max(c.u, c.v)))
            keyed.append(((a << 32) | b, c.signedWeight))
        }
        keyed.sort { $0.key < $1.key }
        var edges: [SignedEdge] = []
        var ambivalent = 0
        var i = 0
        while i < keyed.count {
            let key = keyed[i].key
            var sum = 0.0
            var hadAny = false
            while i < keyed.count && keyed[i].key == key { sum += keyed[i].w; hadAny = true; i += 1 }
            guard hadAny else { continue }
            let u = Int32(truncatingIfNeeded: key >> 32), v = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            if sum == 0 { ambivalent += 1; continue }
            edges.append(SignedEdge(u, v, weight: abs(sum), sign: sum > 0 ? .positive : .negative))
        }
        return Aggregation(graph: SignedGraph(nodeCount: nodeCount, edges: edges), ambivalentPairs: ambivalent)
    }
}
