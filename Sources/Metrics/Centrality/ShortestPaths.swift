import GraphCore

/// Betweenness, closeness and harmonic centrality from one shortest-path search per source.
///
/// The three measures need the same breadth-first (or Dijkstra) search from every node; computing them
/// together halves the work of calling them one by one. Each field follows NetworkX 3.x exactly:
/// ``betweenness`` is `betweenness_centrality(G, normalized:, weight:, endpoints=False)`,
/// ``closeness`` is `closeness_centrality(G, distance:, wf_improved:)`,
/// ``harmonic`` is `harmonic_centrality(G, distance:)`.
public struct PathCentralities: Sendable, Equatable {
    /// Brandes betweenness; empty when not requested.
    public var betweenness: [Double]
    /// Closeness; empty when not requested.
    public var closeness: [Double]
    /// Harmonic centrality; empty when not requested.
    public var harmonic: [Double]
}

/// Computes betweenness, closeness and harmonic centrality with one search per source.
///
/// - Betweenness (Brandes 2001): c_B(v) = Σ_{s≠v≠t} σ_st(v)/σ_st over ordered pairs, then scaled as NetworkX
///   scales undirected graphs: `normalized` multiplies by 1/((n−1)(n−2)) (n > 2); raw halves the ordered sum
///   (the unordered-pair value, equal to igraph's `betweenness()`).
/// - Closeness: C(u) = (r−1)/Σ_v d(u,v) over the r nodes reachable from u (u included), times (r−1)/(n−1)
///   when `wfImproved` (Wasserman & Faust; NetworkX's default); 0 for isolates.
/// - Harmonic: H(u) = Σ_{v≠u} 1/d(u,v), unnormalised (igraph's `harmonic_centrality` divides by n−1).
///
/// With `weighted`, edge weights (magnitudes) are lengths and searches are Dijkstra's; otherwise hops.
/// Callers pass the alliance layer (``SignedGraph/layer(_:)``) for the usual positive-graph view.
///
/// Sources are split into a fixed number of chunks run on all cores; per-chunk betweenness accumulators are
/// summed in chunk order, so the result is bit-identical from run to run.
///
/// - Complexity: O(n·m) unweighted, O(n·m log n) weighted; memory O(n + m) per chunk.
/// - Reference: U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25 (2001);
///   S. Wasserman & K. Faust, *Social Network Analysis* (1994).
public func pathCentralities(
    _ graph: SignedGraph, weighted: Bool = false, normalized: Bool = true, wfImproved: Bool = true,
    betweenness wantB: Bool = true, closeness wantC: Bool = true
) -> PathCentralities {
    let n = graph.nodeCount
    guard n > 0 else { return PathCentralities(betweenness: [], closeness: [], harmonic: []) }
    let chunks = chunkCount(for: n, minimumPerChunk: 32)
    let arcWeight: [Double] = weighted ? graph.arcEdges.map { graph.edges[Int($0)].weight } : []
    let parts = parallelMap(chunks) { c -> ChunkPaths in
        let range = chunkRange(c, of: chunks, items: n)
        return weighted
            ? dijkstraChunk(graph, arcWeight: arcWeight, sources: range, wantB: wantB, wantC: wantC, wfImproved: wfImproved)
            : bfsChunk(graph, sources: range, wantB: wantB, wantC: wantC, wfImproved: wfImproved)
    }
    var bc = [Double](repeating: 0, count: wantB ? n : 0)
    var clo: [Double] = []
    var har: [Double] = []
    if wantC { clo.reserveCapacity(n); har.reserveCapacity(n) }
    for p in parts {
        if wantB { for i in 0..<n { bc[i] += p.betweenness[i] } }
        clo += p.closeness
        har += p.harmonic
    }
    if wantB {
        let scale: Double
        if n < 3 { scale = 1 } else { scale = normalized ? 1 / (Double(n - 1) * Double(n - 2)) : 0.5 }
        if scale != 1 { for i in 0..<n { bc[i] *= scale } }
    }
    return PathCentralities(betweenness: bc, closeness: clo, harmonic: har)
}

/// One chunk's share: betweenness summed over its sources (length n), closeness and harmonic of its sources.
struct ChunkPaths: Sendable {
    var betweenness: [Double]
    var closeness: [Double]
    var harmonic: [Double]
}

@inline(__always)
private func closenessValue(reached r: Int, totalDistance: Double, n: Int, wfImproved: Bool) -> Double {
    guard totalDistance > 0, n > 1 else { return 0 }
    var c = Double(r - 1) / totalDistance
    if wfImproved { c *= Double(r - 1) / Double(n - 1) }
    return c
}

/// Unweighted Brandes: BFS counting shortest paths, then dependency accumulation in reverse BFS order.
/// Predecessors are not stored: v precedes w iff d(v) = d(w) − 1, found by scanning w's arcs.
func bfsChunk(_ graph: SignedGraph, sources: Range<Int>, wantB: Bool, wantC: Bool, wfImproved: Bool) -> ChunkPaths {
    let n = graph.nodeCount
    var bcOut = [Double](repeating: 0, count: wantB ? n : 0)
    var cloOut = [Double](repeating: 0, count: wantC ? sources.count : 0)
    var harOut = [Double](repeating: 0, count: wantC ? sources.count : 0)
    var dist = [Int32](repeating: -1, count: n)
    var sigma = [Double](repeating: 0, count: n)
    var delta = [Double](repeating: 0, count: n)
    var order = [Int32](repeating: 0, count: n)
    var reciprocal = [Double](repeating: 0, count: n)
    for d in 1..<max(n, 1) { reciprocal[d] = 1 / Double(d) }
    graph.offsets.withUnsafeBufferPointer { off in
    graph.targets.withUnsafeBufferPointer { tgt in
    dist.withUnsafeMutableBufferPointer { dist in
    sigma.withUnsafeMutableBufferPointer { sigma in
    delta.withUnsafeMutableBufferPointer { delta in
    order.withUnsafeMutableBufferPointer { order in
    bcOut.withUnsafeMutableBufferPointer { bc in
    reciprocal.withUnsafeBufferPointer { recip in
        for s in sources {
            dist[s] = 0
            sigma[s] = 1
            order[0] = Int32(s)
            var head = 0, tail = 1
            var totalDistance = 0
            var harmonic = 0.0
            while head < tail {
                let v = Int(order[head])
                head += 1
                let dv = dist[v]
                let sv = sigma[v]
                totalDistance += Int(dv)
                harmonic += recip[Int(dv)]
                let next = dv + 1
                for a in off[v]..<off[v + 1] {
                    let w = Int(tgt[a])
                    let dw = dist[w]
                    if dw < 0 {
                        dist[w] = next
                        sigma[w] = sv
                        order[tail] = Int32(w)
                        tail += 1
                    } else if dw == next {
                        sigma[w] += sv
                    }
                }
            }
            if wantC {
                cloOut[s - sources.lowerBound] = closenessValue(
                    reached: tail, totalDistance: Double(totalDistance), n: n, wfImproved: wfImproved)
                harOut[s - sources.lowerBound] = harmonic
            }
            if wantB {
                var i = tail - 1
                while i > 0 {
                    let w = Int(order[i])
                    let prev = dist[w] - 1
                    let coeff = (1 + delta[w]) / sigma[w]
                    for a in off[w]..<off[w + 1] {
                        let v = Int(tgt[a])
                        if dist[v] == prev { delta[v] += sigma[v] * coeff }
                    }
                    bc[w] += delta[w]
                    i -= 1
                }
            }
            for i in 0..<tail {
                let v = Int(order[i])
                dist[v] = -1
                sigma[v] = 0
                delta[v] = 0
            }
        }
    }}}}}}}}
    return ChunkPaths(betweenness: bcOut, closeness: cloOut, harmonic: harOut)
}

/// Weighted Brandes: Dijkstra with a binary heap (lazy deletion); σ(v) is summed over the settled neighbours u
/// with d(u) + w(u,v) = d(v) exactly, which is NetworkX's rule for equal paths.
func dijkstraChunk(_ graph: SignedGraph, arcWeight: [Double], sources: Range<Int>, wantB: Bool, wantC: Bool,
                   wfImproved: Bool) -> ChunkPaths {
    let n = graph.nodeCount
    var bcOut = [Double](repeating: 0, count: wantB ? n : 0)
    var cloOut = [Double](repeating: 0, count: wantC ? sources.count : 0)
    var harOut = [Double](repeating: 0, count: wantC ? sources.count : 0)
    var dist = [Double](repeating: .infinity, count: n)
    var settled = [Bool](repeating: false, count: n)
    var sigma = [Double](repeating: 0, count: n)
    var delta = [Double](repeating: 0, count: n)
    var order = [Int32](repeating: 0, count: n)
    var touched = [Int32]()
    touched.reserveCapacity(n)
    var heap = MinHeap(capacity: graph.targets.count + 1)
    let off = graph.offsets, tgt = graph.targets
    for s in sources {
        dist[s] = 0
        touched.append(Int32(s))
        heap.push(0, Int32(s))
        var tail = 0
        var totalDistance = 0.0
        var harmonic = 0.0
        while let (d, v32) = heap.pop() {
            let v = Int(v32)
            if settled[v] || d > dist[v] { continue }
            settled[v] = true
            order[tail] = v32
            tail += 1
            if v == s {
                sigma[v] = 1
            } else {
                totalDistance += d
                harmonic += 1 / d
                var sv = 0.0
                for a in off[v]..<off[v + 1] {
                    let u = Int(tgt[a])
                    if settled[u] && dist[u] + arcWeight[a] == d { sv += sigma[u] }
                }
                sigma[v] = sv
            }
            for a in off[v]..<off[v + 1] {
                let w = Int(tgt[a])
                if settled[w] { continue }
                let nd = d + arcWeight[a]
                if nd < dist[w] {
                    if dist[w] == .infinity { touched.append(Int32(w)) }
                    dist[w] = nd
                    heap.push(nd, Int32(w))
                }
            }
        }
        if wantC {
            cloOut[s - sources.lowerBound] = closenessValue(reached: tail, totalDistance: totalDistance, n: n, wfImproved: wfImproved)
            harOut[s - sources.lowerBound] = harmonic
        }
        if wantB {
            var i = tail - 1
            while i > 0 {
                let w = Int(order[i])
                let dw = dist[w]
                let coeff = (1 + delta[w]) / sigma[w]
                for a in off[w]..<off[w + 1] {
                    let v = Int(tgt[a])
                    if settled[v] && dist[v] + arcWeight[a] == dw { delta[v] += sigma[v] * coeff }
                }
                bcOut[w] += delta[w]
                i -= 1
            }
        }
        for v in touched {
            let v = Int(v)
            dist[v] = .infinity
            settled[v] = false
            sigma[v] = 0
            delta[v] = 0
        }
        touched.removeAll(keepingCapacity: true)
    }
    return ChunkPaths(betweenness: bcOut, closeness: cloOut, harmonic: harOut)
}

/// A binary min-heap of (key, node) in flat arrays, for Dijkstra with lazy deletion.
struct MinHeap {
    private var keys: [Double] = []
    private var nodes: [Int32] = []

    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        nodes.reserveCapacity(capacity)
    }

    mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key)
        nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if keys[p] <= key { break }
            keys[i] = keys[p]; nodes[i] = nodes[p]
            i = p
        }
        keys[i] = key; nodes[i] = node
    }

    mutating func pop() -> (Double, Int32)? {
        guard let topKey = keys.first, let topNode = nodes.first else { return nil }
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        let count = keys.count
        if count > 0 {
            var i = 0
            while true {
                var c = 2 * i + 1
                if c >= count { break }
                if c + 1 < count && keys[c + 1] < keys[c] { c += 1 }
                if keys[c] >= lastKey { break }
                keys[i] = keys[c]; nodes[i] = nodes[c]
                i = c
            }
            keys[i] = lastKey; nodes[i] = lastNode
        }
        return (topKey, topNode)
    }
}
