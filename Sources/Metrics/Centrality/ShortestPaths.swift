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
/// With `pivots`, betweenness is the sampled estimate of Brandes & Pich (2007), exactly as NetworkX 3.6
/// `betweenness_centrality(G, k=len(pivots), ...)` computes it when its sample is `pivots`: the dependencies are
/// summed over the k pivot sources only and rescaled to the full graph, see
/// ``sampledBetweennessScale(nodeCount:pivotCount:normalized:isPivot:)``. Closeness and harmonic centrality
/// stay exact (they still search from every node, and the pivots' searches are shared); with `closeness: false`
/// at most k searches run. k = n (every node a pivot) is the exact result, bit for bit.
///
/// Exact unweighted searches run on the graph folded at its degree-1 nodes (`TreeFolding`, after Baglioni et al.
/// 2012): trees are peeled off recursively, one search per core node gives every value, the trees' own pairs are
/// counted as exact integers, and every node's distance histogram (so its closeness and harmonic centrality)
/// follows by re-rooting. Closeness is the same bit for bit as an unfolded search, and harmonic centrality is
/// summed as the node's own search would sum it; betweenness may differ in the last bits (another order of
/// additions: at most 1.4e-15 relative on the M benchmarks). Sampled betweenness (`pivots`) keeps the plain search
/// and skips leaves only (degree 1 next to a node of higher degree): a leaf's distances are its neighbour's
/// plus one, so its closeness, harmonic centrality and dependencies follow from the neighbour's search.
/// `harmonic: false` skips harmonic centrality (its array is then empty).
///
/// With `weighted`, edge weights (magnitudes) are lengths and searches are Dijkstra's; otherwise hops.
/// Callers pass the alliance layer (``SignedGraph/layer(_:)``) for the usual positive-graph view.
///
/// Sources are split into a fixed number of chunks run on all cores; per-chunk betweenness accumulators are
/// summed in chunk order, so the result is bit-identical from run to run.
///
/// - Parameter pivots: distinct node indices (any order; see ``betweennessPivots(nodeCount:count:seed:)``), or
///   `nil` for exact betweenness.
/// - Complexity: O(n_c·m_c + n·D) unweighted exact, over the core's n_c nodes and m_c edges (D the largest
///   distance; O(n·r) more for harmonic centrality, r the component size), O(n·m) sampled, O(n·m log n)
///   weighted (O(k·m) for sampled betweenness alone); memory O(n + m) per chunk plus the trees' depth histograms.
/// - Reference: U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25 (2001);
///   U. Brandes & C. Pich, "Centrality estimation in large networks", Int. J. Bifurcation and Chaos 17 (2007);
///   M. Baglioni, F. Geraci, M. Pellegrini & E. Lastres, "Fast exact computation of betweenness centrality in
///   social networks", ASONAM (2012);
///   S. Wasserman & K. Faust, *Social Network Analysis* (1994).
public func pathCentralities(
    _ graph: SignedGraph, weighted: Bool = false, normalized: Bool = true, wfImproved: Bool = true,
    betweenness wantB: Bool = true, closeness wantC: Bool = true, harmonic wantH: Bool = true, pivots: [Int]? = nil
) -> PathCentralities {
    let n = graph.nodeCount
    guard n > 0 else { return PathCentralities(betweenness: [], closeness: [], harmonic: []) }
    // A sample of every node is the exact computation (NetworkX also drops to the exact path when k = n).
    let sample = wantB ? pivots.flatMap { $0.count < n ? $0.sorted() : nil } : nil
    if !weighted, sample == nil, let folding = TreeFolding(graph) {
        return foldedPathCentralities(graph, folding, normalized: normalized, wfImproved: wfImproved, wantB: wantB,
                                      wantC: wantC, wantH: wantC && wantH)
    }
    var isPivot: [Bool] = []
    if let sample {
        isPivot = [Bool](repeating: false, count: n)
        for p in sample {
            precondition(p >= 0 && p < n && !isPivot[p], "pivots must be distinct node indices below \(n)")
            isPivot[p] = true
        }
    }
    let counted = isPivot  // whose dependencies count: empty means every node's
    // Unweighted searches skip the leaves (degree 1, neighbour of degree > 1): a leaf's search is its neighbour's
    // plus one hop, so its closeness, harmonic and dependencies follow from the neighbour's search.
    let leaf: [Bool] = weighted ? [] : leaves(graph)
    func isLeaf(_ v: Int) -> Bool { !leaf.isEmpty && leaf[v] }
    func counts(_ v: Int) -> Bool { counted.isEmpty || counted[v] }
    let sources: [Int] = (0..<n).filter { v in
        if isLeaf(v) { return false }
        if wantC || counts(v) { return true }
        // Sampled betweenness alone: a non-pivot is searched only for its pivot leaves.
        guard !leaf.isEmpty else { return false }
        return graph.neighbors(of: v).contains { w in leaf[Int(w)] && counts(Int(w)) }
    }
    let chunks = chunkCount(for: sources.count, minimumPerChunk: 32)
    let arcWeight: [Double] = weighted ? graph.arcValues(\.weight) : []
    let parts = parallelMap(chunks) { c -> ChunkPaths in
        let chunk = Array(sources[chunkRange(c, of: chunks, items: sources.count)])
        return weighted
            ? dijkstraChunk(graph, arcWeight: arcWeight, sources: chunk, counted: counted, wantB: wantB, wantC: wantC,
                            wfImproved: wfImproved)
            : bfsChunk(graph, sources: chunk, counted: counted, leaf: leaf, wantB: wantB, wantC: wantC,
                       wfImproved: wfImproved)
    }
    var bc = [Double](repeating: 0, count: wantB ? n : 0)
    var clo = [Double](repeating: 0, count: wantC ? n : 0)
    var har = [Double](repeating: 0, count: wantC ? n : 0)
    for p in parts {
        if wantB { for i in 0..<n { bc[i] += p.betweenness[i] } }
        for (i, v) in p.nodes.enumerated() {
            clo[Int(v)] = p.closeness[i]
            har[Int(v)] = p.harmonic[i]
        }
    }
    if wantB {
        if let sample {
            let k = sample.count
            let onPivot = sampledBetweennessScale(nodeCount: n, pivotCount: k, normalized: normalized, isPivot: true)
            let offPivot = sampledBetweennessScale(nodeCount: n, pivotCount: k, normalized: normalized, isPivot: false)
            if n >= 3 { for i in 0..<n { bc[i] *= isPivot[i] ? onPivot : offPivot } }
        } else {
            let scale: Double
            if n < 3 { scale = 1 } else { scale = normalized ? 1 / (Double(n - 1) * Double(n - 2)) : 0.5 }
            if scale != 1 { for i in 0..<n { bc[i] *= scale } }
        }
    }
    return PathCentralities(betweenness: bc, closeness: clo, harmonic: wantH ? har : [])
}

/// Exact unweighted path centralities on the folded graph (see `TreeFolding`): one search per core node, in a
/// fixed number of chunks summed in chunk order; the trees' pairs are added as exact integers before scaling.
private func foldedPathCentralities(_ graph: SignedGraph, _ folding: TreeFolding, normalized: Bool, wfImproved: Bool,
                                    wantB: Bool, wantC: Bool, wantH: Bool) -> PathCentralities {
    let n = graph.nodeCount
    let nc = folding.core.count
    let chunks = chunkCount(for: nc, minimumPerChunk: 32)
    let parts = parallelMap(chunks) { c -> ChunkPaths in
        foldedChunk(folding, nodeCount: n, sources: chunkRange(c, of: chunks, items: nc), wantB: wantB, wantC: wantC,
                    wantH: wantH, wfImproved: wfImproved)
    }
    var coreBC = [Double](repeating: 0, count: wantB ? nc : 0)
    var clo = [Double](repeating: 0, count: wantC ? n : 0)
    var har = [Double](repeating: 0, count: wantH ? n : 0)
    for p in parts {
        if wantB { for i in 0..<nc { coreBC[i] += p.betweenness[i] } }
        if wantC { for (i, v) in p.nodes.enumerated() { clo[Int(v)] = p.closeness[i] } }
        if wantH { for (i, v) in p.nodes.enumerated() { har[Int(v)] = p.harmonic[i] } }
    }
    var bc = [Double](repeating: 0, count: wantB ? n : 0)
    if wantB {
        for (c, v) in folding.core.enumerated() { bc[Int(v)] = coreBC[c] }
        for v in 0..<n where folding.treePairs[v] != 0 { bc[v] += Double(folding.treePairs[v]) }
        let scale: Double
        if n < 3 { scale = 1 } else { scale = normalized ? 1 / (Double(n - 1) * Double(n - 2)) : 0.5 }
        if scale != 1 { for i in 0..<n { bc[i] *= scale } }
    }
    return PathCentralities(betweenness: bc, closeness: clo, harmonic: har)
}

/// The factor that turns a node's dependency sum over k sampled sources into the sampled betweenness estimate,
/// as NetworkX 3.6's `_rescale` does for `betweenness_centrality(k=...)` without endpoints on undirected graphs.
///
/// With N = n − 1 possible targets per source: a node that is not a pivot was seen from all k pivots, so its
/// factor is 1/(k·(N−1)) normalised and N/(2k) raw; a pivot cannot lie on its own paths, so it was seen from
/// k − 1 pivots and its factor is 1/((k−1)·(N−1)) normalised and N/(2(k−1)) raw. For k = 1 the pivot's value
/// is undefined (NaN, as NetworkX gives). For n < 3 every betweenness is 0 and the factor is 1.
/// (Older NetworkX releases scaled every node, pivot or not, by the plain n/k of Brandes & Pich; checked against 3.6.1.)
public func sampledBetweennessScale(nodeCount n: Int, pivotCount k: Int, normalized: Bool, isPivot: Bool) -> Double {
    let big = n - 1
    guard big >= 2 else { return 1 }
    let seen = isPivot ? k - 1 : k
    guard seen > 0 else { return .nan }
    return normalized ? 1 / (Double(seen) * Double(big - 1)) : Double(big) / (Double(seen) * 2)
}

/// k distinct pivots out of `0..<nodeCount`, drawn from `seed` (a partial Fisher–Yates shuffle driven by
/// SplitMix64, with unbiased bounded draws), returned in increasing order. The same arguments give the same
/// pivots on every machine and every run. With `count ≥ nodeCount` every node is returned (the exact result).
public func betweennessPivots(nodeCount n: Int, count k: Int, seed: UInt64) -> [Int] {
    guard k < n else { return Array(0..<max(n, 0)) }
    guard k > 0 else { return [] }
    var rng = SplitMix64(seed: seed)
    var perm = Array(0..<n)
    for i in 0..<k {
        let j = i + Int(rng.bounded(UInt64(n - i)))
        perm.swapAt(i, j)
    }
    return perm[0..<k].sorted()
}

/// The leaves whose searches can be skipped: degree 1 with a neighbour of degree above 1 (the two ends of an
/// isolated edge are searched as usual). Empty when there is none.
func leaves(_ graph: SignedGraph) -> [Bool] {
    let n = graph.nodeCount
    var leaf = [Bool](repeating: false, count: n)
    var any = false
    for v in 0..<n where graph.degree(of: v) == 1 {
        if let u = graph.neighbors(of: v).first, graph.degree(of: Int(u)) > 1 { leaf[v] = true; any = true }
    }
    return any ? leaf : []
}

/// One chunk's share: betweenness summed over its sources (length n), closeness and harmonic of the nodes it
/// settled (its sources and their skipped leaves), in `nodes` order.
struct ChunkPaths: Sendable {
    var betweenness: [Double]
    var nodes: [Int32]
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
///
/// `sources` are the chunk's sources in order; `counted` (empty: all) says whose dependencies are summed.
/// `leaf` (empty: none) marks the skipped leaves: for a leaf l hanging from source s in a component of r nodes,
/// d(l, x) = 1 + d(s, x), so Σ d(l, ·) = Σ d(s, ·) + r − 2, H(l) = Σ_x 1/(1 + d(s, x)) − 1/2, and l's dependencies
/// are s's (δ_l(v) = δ_s(v) for v ≠ s, l; δ_l(s) = r − 2). A source's dependencies are therefore added once for
/// itself and once per counted leaf.
func bfsChunk(_ graph: SignedGraph, sources: [Int], counted: [Bool], leaf: [Bool], wantB: Bool, wantC: Bool,
              wfImproved: Bool) -> ChunkPaths {
    let n = graph.nodeCount
    var bcOut = [Double](repeating: 0, count: wantB ? n : 0)
    var nodesOut: [Int32] = []
    var cloOut: [Double] = []
    var harOut: [Double] = []
    if wantC {
        nodesOut.reserveCapacity(sources.count)
        cloOut.reserveCapacity(sources.count)
        harOut.reserveCapacity(sources.count)
    }
    var dist = [Int32](repeating: .max, count: n)
    var sigma = [Double](repeating: 0, count: n)
    var delta = [Double](repeating: 0, count: n)
    var order = [Int32](repeating: 0, count: n + 1)  // + 1: the branch-free search writes one slot past the last node
    var reciprocal = [Double](repeating: 0, count: n + 1)
    for d in 1..<(n + 1) { reciprocal[d] = 1 / Double(d) }
    var levels = [Int32](repeating: 0, count: n + 1)
    var pick: [Double] = [0, 0]  // branch-free selects as indexed loads (see `foldedChunk`)
    let hasLeaves = !leaf.isEmpty
    let allCount = counted.isEmpty
    graph.offsets.withUnsafeBufferPointer { off in
    graph.targets.withUnsafeBufferPointer { tgt in
    dist.withUnsafeMutableBufferPointer { dist in
    sigma.withUnsafeMutableBufferPointer { sigma in
    delta.withUnsafeMutableBufferPointer { delta in
    order.withUnsafeMutableBufferPointer { order in
    bcOut.withUnsafeMutableBufferPointer { bc in
    reciprocal.withUnsafeBufferPointer { recip in
    pick.withUnsafeMutableBufferPointer { pick in
        for s in sources {
            // Leaves of s (skipped sources) and how many of them count.
            var leafCount = 0, countedLeaves = 0
            if hasLeaves {
                for a in off[s]..<off[s + 1] where leaf[Int(tgt[a])] {
                    leafCount += 1
                    if allCount || counted[Int(tgt[a])] { countedLeaves += 1 }
                }
            }
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
                pick[1] = sv
                totalDistance += Int(dv)
                harmonic += recip[Int(dv)]
                if wantC && leafCount > 0 { levels[Int(dv)] += 1 }  // how many nodes at each distance, for the leaves
                let next = dv + 1
                // Branch-free relaxation (unseen nodes are at distance Int32.max): a neighbour at distance ≥ next is
                // new or on the next level and gets σ(v) (an unseen one had σ = 0, and 0 + σ(v) = σ(v) exactly); a
                // nearer one gets + 0, which leaves its positive σ unchanged. The queue slot is written always and
                // kept when the neighbour is new. Same values, same order of additions as the branching loop. The
                // select is a load from (0, σ(v)): written as `? :` or as a bit mask, the compiler emitted
                // branches, mispredicted about as often as taken on these sparse graphs.
                for a in off[v]..<off[v + 1] {
                    let w32 = tgt[a]
                    let w = Int(w32)
                    let dw = dist[w]
                    let gap = Int64(next) &- Int64(dw)  // ≤ 0: new or next level; < 0: new
                    sigma[w] += pick[Int(UInt64(bitPattern: gap &- 1) >> 63)]
                    dist[w] = min(dw, next)
                    order[tail] = w32
                    tail &+= Int(UInt64(bitPattern: gap) >> 63)
                }
            }
            if wantC {
                nodesOut.append(Int32(s))
                cloOut.append(closenessValue(reached: tail, totalDistance: Double(totalDistance), n: n, wfImproved: wfImproved))
                harOut.append(harmonic)
                if leafCount > 0 {
                    let leafDistance = Double(totalDistance + tail - 2)
                    let leafValue = closenessValue(reached: tail, totalDistance: leafDistance, n: n, wfImproved: wfImproved)
                    // A leaf's harmonic centrality, summed as its own search would: s at distance 1, then the nodes
                    // at distance d − 1 from s (the leaf itself excepted) at distance d, 1/d added once per node.
                    let deepest = Int(dist[Int(order[tail - 1])])
                    var leafHarmonic = 1.0
                    for d in 2..<(deepest + 2) {
                        let r = recip[d]
                        for _ in 0..<(Int(levels[d - 1]) - (d == 2 ? 1 : 0)) { leafHarmonic += r }
                    }
                    for d in 0..<(deepest + 1) { levels[d] = 0 }
                    for a in off[s]..<off[s + 1] where leaf[Int(tgt[a])] {
                        nodesOut.append(tgt[a])
                        cloOut.append(leafValue)
                        harOut.append(leafHarmonic)
                    }
                }
            }
            let times = ((allCount || counted[s]) ? 1 : 0) + countedLeaves
            if wantB && times > 0 {
                let m = Double(times)
                var i = tail - 1
                while i > 0 {
                    let w = Int(order[i])
                    let prev = dist[w] - 1
                    pick[1] = (1 + delta[w]) / sigma[w]
                    // Branch-free: a neighbour that is not a predecessor gets + 0 (δ ≥ 0, so unchanged bit for bit).
                    for a in off[w]..<off[w + 1] {
                        let v = Int(tgt[a])
                        delta[v] += sigma[v] * pick[dist[v] == prev ? 1 : 0]
                    }
                    bc[w] += times == 1 ? delta[w] : m * delta[w]
                    i -= 1
                }
                if countedLeaves > 0 { bc[s] += Double(countedLeaves * (tail - 2)) }
            }
            for i in 0..<tail {
                let v = Int(order[i])
                dist[v] = .max
                sigma[v] = 0
                delta[v] = 0
            }
        }
    }}}}}}}}}
    return ChunkPaths(betweenness: bcOut, nodes: nodesOut, closeness: cloOut, harmonic: harOut)
}

/// Weighted Brandes: Dijkstra with a binary heap (lazy deletion); σ(v) is summed over the settled neighbours u
/// with d(u) + w(u,v) = d(v) exactly, which is NetworkX's rule for equal paths.
func dijkstraChunk(_ graph: SignedGraph, arcWeight: [Double], sources: [Int], counted: [Bool], wantB: Bool,
                   wantC: Bool, wfImproved: Bool) -> ChunkPaths {
    let n = graph.nodeCount
    var bcOut = [Double](repeating: 0, count: wantB ? n : 0)
    let nodesOut: [Int32] = wantC ? sources.map { Int32($0) } : []
    var cloOut = [Double](repeating: 0, count: wantC ? sources.count : 0)
    var harOut = [Double](repeating: 0, count: wantC ? sources.count : 0)
    var dist = [Double](repeating: .infinity, count: n)
    var settled = [Bool](repeating: false, count: n)
    var sigma = [Double](repeating: 0, count: n)
    var delta = [Double](repeating: 0, count: n)
    var order = [Int32](repeating: 0, count: n)
    var touched = [Int32]()
    touched.reserveCapacity(n)
    var heap = MinHeap(capacity: 2 * graph.edgeCount + 1)
    // Branch-free selects as indexed loads (see `foldedChunk`). Settledness need not be tested: a node not yet
    // settled has σ = 0, so it adds σ·1 = 0 to σ(v); after the search every reached node is settled, and an
    // unreached one is at infinite distance. Same additions in the same order as the tests.
    let pickOne: [Double] = [0, 1]
    var pick: [Double] = [0, 0]
    let off = graph.offsets, tgt = graph.targets
    for (index, s) in sources.enumerated() {
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
                    sv += sigma[u] * pickOne[dist[u] + arcWeight[a] == d ? 1 : 0]
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
            cloOut[index] = closenessValue(reached: tail, totalDistance: totalDistance, n: n, wfImproved: wfImproved)
            harOut[index] = harmonic
        }
        if wantB && (counted.isEmpty || counted[s]) {
            var i = tail - 1
            while i > 0 {
                let w = Int(order[i])
                let dw = dist[w]
                pick[1] = (1 + delta[w]) / sigma[w]
                for a in off[w]..<off[w + 1] {
                    let v = Int(tgt[a])
                    delta[v] += sigma[v] * pick[dist[v] + arcWeight[a] == dw ? 1 : 0]
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
    return ChunkPaths(betweenness: bcOut, nodes: nodesOut, closeness: cloOut, harmonic: harOut)
}
