import GraphCore

/// Degree-1 folding of an unweighted graph for the exact path centralities (Baglioni, Geraci, Pellegrini &
/// Lastres 2012): nodes of degree 1 are peeled off recursively, leaving a core (the 2-core plus one root per tree
/// component) with, at every core node c, the tree T_c of peeled nodes that hang from it (c included).
///
/// Every shortest path between two trees runs through their roots, so one search per core node on the core alone
/// gives every value:
/// - Betweenness: a Brandes search from core source s with target weights w(t) = |T_t| and source multiplicity
///   w(s) counts every pair (x ∈ T_s, y ∈ T_t), s ≠ t; pairs that meet inside one tree are counted exactly, as
///   integers, from the subtree sizes (a tree node is a cut vertex: the pairs through it are the pairs between
///   the parts it separates).
/// - Distances: the search from a root c gives the distance histogram of c over the whole component (each reached
///   root t adds the depth histogram of T_t shifted by d(c, t)); down a tree edge p → u the histogram re-roots as
///   F_u[d] = A_u[d] + F_p[d − 1] − A_u[d − 2], where A_u is the depth histogram of u's subtree. Closeness and
///   harmonic centrality follow from the histograms (closeness from integer distance sums, so exactly).
///
/// On the yearly alliance snapshots of the M benchmarks 34–74% of the nodes are peeled (see the Metrics guide).
struct TreeFolding {
    /// The core nodes (original indices, increasing) and the core index of each node (−1 when peeled).
    let core: [Int32]
    let coreIndex: [Int32]
    /// The core graph in CSR form over core indices (arc order as in the original graph).
    let coreOffsets: [Int32]
    let coreTargets: [Int32]
    /// w(c) = |T_c| for each core node, as an integer and as a double.
    let weight: [Int]
    let weightValue: [Double]
    /// Depth histograms: A_v is `depthCounts[depthOffsets[v]..<depthOffsets[v + 1]]` (A_v[0] = 1) for every node.
    let depthOffsets: [Int]
    let depthCounts: [Int32]
    /// The peeled nodes of each core node's tree, parents before children:
    /// `members[memberOffsets[c]..<memberOffsets[c + 1]]` (original indices), and each peeled node's parent.
    let memberOffsets: [Int]
    let members: [Int32]
    let parent: [Int32]
    /// The betweenness of each node from pairs that meet inside one tree (ordered pairs, an exact integer).
    let treePairs: [Int]
    /// The node count of each node's connected component.
    let componentSize: [Int]
    /// The connected component of each core node, and the core nodes with a tree (w > 1) of each component:
    /// `treeRoots[treeRootOffsets[k]..<treeRootOffsets[k + 1]]`.
    let componentOfCore: [Int32]
    let treeRootOffsets: [Int]
    let treeRoots: [Int32]

    /// Folds `graph`, or returns nil when it has no peelable node, or when the depth histograms would take more than
    /// 16 entries per node (long paths: the histograms grow with the tree heights; the plain search is used then).
    /// - Complexity: O(n + m + Σ tree heights).
    init?(_ graph: SignedGraph) {
        let n = graph.nodeCount
        let off = graph.offsets, tgt = graph.targets
        var deg = (0..<n).map { off[$0 + 1] - off[$0] }
        var removed = [Bool](repeating: false, count: n)
        var parent = [Int32](repeating: -1, count: n)
        var peel: [Int32] = []
        var stack: [Int] = (0..<n).filter { deg[$0] == 1 }.reversed()
        while let v = stack.popLast() {
            guard deg[v] == 1, !removed[v] else { continue }
            var p = -1
            for a in off[v]..<off[v + 1] where !removed[Int(tgt[a])] { p = Int(tgt[a]); break }
            removed[v] = true
            parent[v] = Int32(p)
            peel.append(Int32(v))
            deg[v] = 0
            deg[p] -= 1
            if deg[p] == 1 { stack.append(p) }
        }
        guard !peel.isEmpty else { return nil }
        // Subtree sizes, heights, children's size sums (peel order: children before parents).
        var sub = [Int](repeating: 1, count: n)
        var height = [Int](repeating: 0, count: n)
        var childSum = [Int](repeating: 0, count: n)
        var childSquares = [Int](repeating: 0, count: n)
        for v32 in peel {
            let v = Int(v32), p = Int(parent[v])
            sub[p] += sub[v]
            height[p] = max(height[p], height[v] + 1)
            childSum[p] += sub[v]
            childSquares[p] += sub[v] * sub[v]
        }
        var depthOffsets = [Int](repeating: 0, count: n + 1)
        for v in 0..<n { depthOffsets[v + 1] = depthOffsets[v] + height[v] + 1 }
        guard depthOffsets[n] <= 16 * n + 1024 else { return nil }
        var depthCounts = [Int32](repeating: 0, count: depthOffsets[n])
        for v in 0..<n { depthCounts[depthOffsets[v]] = 1 }
        for v32 in peel {
            let v = Int(v32), p = Int(parent[v])
            let from = depthOffsets[v], to = depthOffsets[p] + 1
            for k in 0..<(height[v] + 1) { depthCounts[to + k] += depthCounts[from + k] }
        }
        // The core, renumbered in increasing original order (so arcs keep their order).
        var coreIndex = [Int32](repeating: -1, count: n)
        var core: [Int32] = []
        core.reserveCapacity(n - peel.count)
        for v in 0..<n where !removed[v] {
            coreIndex[v] = Int32(core.count)
            core.append(Int32(v))
        }
        let nc = core.count
        var coreOffsets = [Int32](repeating: 0, count: nc + 1)
        var coreTargets: [Int32] = []
        coreTargets.reserveCapacity(2 * graph.edgeCount)
        for (c, v32) in core.enumerated() {
            let v = Int(v32)
            for a in off[v]..<off[v + 1] where !removed[Int(tgt[a])] { coreTargets.append(coreIndex[Int(tgt[a])]) }
            coreOffsets[c + 1] = Int32(coreTargets.count)
        }
        // Tree members per root, parents first: reverse peel order, grouped by root.
        var root = [Int32](repeating: 0, count: n)
        for v in 0..<n where !removed[v] { root[v] = coreIndex[v] }
        var memberCount = [Int](repeating: 0, count: nc + 1)
        for v32 in peel.reversed() {
            let v = Int(v32)
            root[v] = root[Int(parent[v])]
            memberCount[Int(root[v]) + 1] += 1
        }
        var memberOffsets = [Int](repeating: 0, count: nc + 1)
        for c in 0..<nc { memberOffsets[c + 1] = memberOffsets[c] + memberCount[c + 1] }
        var fill = Array(memberOffsets.dropLast())
        var members = [Int32](repeating: 0, count: peel.count)
        for v32 in peel.reversed() {
            let r = Int(root[Int(v32)])
            members[fill[r]] = v32
            fill[r] += 1
        }
        // Component sizes: over the core components, summing tree sizes.
        var componentOfCore = [Int32](repeating: -1, count: nc)
        var sizes: [Int] = []
        var queue = [Int32](repeating: 0, count: nc)
        for c in 0..<nc where componentOfCore[c] < 0 {
            let label = Int32(sizes.count)
            componentOfCore[c] = label
            queue[0] = Int32(c)
            var head = 0, tail = 1, total = 0
            while head < tail {
                let x = Int(queue[head])
                head += 1
                total += sub[Int(core[x])]
                for a in Int(coreOffsets[x])..<Int(coreOffsets[x + 1]) where componentOfCore[Int(coreTargets[a])] < 0 {
                    componentOfCore[Int(coreTargets[a])] = label
                    queue[tail] = coreTargets[a]
                    tail += 1
                }
            }
            sizes.append(total)
        }
        var componentSize = [Int](repeating: 0, count: n)
        var treePairs = [Int](repeating: 0, count: n)
        for v in 0..<n {
            let size = sizes[Int(componentOfCore[Int(root[v])])]
            componentSize[v] = size
            if removed[v] {
                // Parts around a peeled node: its children's subtrees and the rest of the component.
                let rest = size - sub[v]
                let total = childSum[v] + rest
                treePairs[v] = total * total - (childSquares[v] + rest * rest)
            } else {
                // Pairs between two of its children's subtrees, and from a child's subtree to outside T_c.
                treePairs[v] = childSum[v] * childSum[v] - childSquares[v] + 2 * childSum[v] * (size - sub[v])
            }
        }
        self.core = core
        self.coreIndex = coreIndex
        self.coreOffsets = coreOffsets
        self.coreTargets = coreTargets
        self.weight = core.map { sub[Int($0)] }
        self.weightValue = weight.map(Double.init)
        self.depthOffsets = depthOffsets
        self.depthCounts = depthCounts
        self.memberOffsets = memberOffsets
        self.members = members
        self.parent = parent
        self.treePairs = treePairs
        self.componentSize = componentSize
        self.componentOfCore = componentOfCore
        var rootCount = [Int](repeating: 0, count: sizes.count + 1)
        for c in 0..<nc where sub[Int(core[c])] > 1 { rootCount[Int(componentOfCore[c]) + 1] += 1 }
        for k in 0..<sizes.count { rootCount[k + 1] += rootCount[k] }
        var rootFill = Array(rootCount.dropLast())
        var treeRoots = [Int32](repeating: 0, count: rootCount[sizes.count])
        for c in 0..<nc where sub[Int(core[c])] > 1 {
            let k = Int(componentOfCore[c])
            treeRoots[rootFill[k]] = Int32(c)
            rootFill[k] += 1
        }
        self.treeRootOffsets = rootCount
        self.treeRoots = treeRoots
    }
}

/// One chunk of the folded search: betweenness over core indices (the weighted Brandes part only), and closeness
/// and harmonic of every node of the chunk's trees (roots and peeled nodes), in `nodes` order.
func foldedChunk(_ folding: TreeFolding, nodeCount n: Int, sources: Range<Int>, wantB: Bool, wantC: Bool,
                 wantH: Bool, wfImproved: Bool) -> ChunkPaths {
    let nc = folding.core.count
    var bcOut = [Double](repeating: 0, count: wantB ? nc : 0)
    var nodesOut: [Int32] = []
    var cloOut: [Double] = []
    var harOut: [Double] = []
    var dist = [Int32](repeating: .max, count: nc)
    var sigma = [Double](repeating: 0, count: nc)
    var delta = [Double](repeating: 0, count: nc)
    var order = [Int32](repeating: 0, count: nc + 1)
    var reciprocal = [Double](repeating: 0, count: n + 2)
    // The selects of the hot loops are loads from (0, x): the compiler turns `c ? x : 0` and even bit masks into
    // branches, which mispredict about as often as not on these sparse graphs; an indexed load cannot be.
    // σ(v)·0 = +0 and δ + 0 = δ (δ ≥ 0), so the sums are the same bit for bit as with the branches.
    var pick: [Double] = [0, 0]
    var levelCounts = [Int32](repeating: 0, count: n + 1)  // how many nodes at each distance from the source
    for d in 1..<(n + 2) { reciprocal[d] = 1 / Double(d) }
    // Distance histograms: the source's at 0..<n+1, then its tree members' (each at most n + 1 long).
    var histogram: [Int32] = []
    var at = [Int](repeating: 0, count: n)      // where a member's histogram starts in `histogram`
    var length = [Int](repeating: 0, count: n)  // and its length
    folding.coreOffsets.withUnsafeBufferPointer { off in
    folding.coreTargets.withUnsafeBufferPointer { tgt in
    folding.weightValue.withUnsafeBufferPointer { weight in
    folding.depthOffsets.withUnsafeBufferPointer { depthOffsets in
    folding.depthCounts.withUnsafeBufferPointer { depthCounts in
    dist.withUnsafeMutableBufferPointer { dist in
    sigma.withUnsafeMutableBufferPointer { sigma in
    delta.withUnsafeMutableBufferPointer { delta in
    order.withUnsafeMutableBufferPointer { order in
    bcOut.withUnsafeMutableBufferPointer { bc in
    reciprocal.withUnsafeBufferPointer { recip in
    pick.withUnsafeMutableBufferPointer { pick in
    levelCounts.withUnsafeMutableBufferPointer { levels in
        for s in sources {
            let sOriginal = Int(folding.core[s])
            dist[s] = 0
            sigma[s] = 1
            order[0] = Int32(s)
            var head = 0, tail = 1
            var histogramLength = 0
            while head < tail {
                let v = Int(order[head])
                head += 1
                let dv = dist[v]
                let sv = sigma[v]
                pick[1] = sv
                levels[Int(dv)] &+= 1
                let next = dv + 1
                // Branch-free relaxation, as in `bfsChunk`.
                for a in Int(off[v])..<Int(off[v + 1]) {
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
                // The distance histogram of s: the core nodes by level, plus the trees of the component's roots
                // (depth k below root t: distance d(s, t) + k).
                histogramLength = Int(dist[Int(order[tail - 1])]) + 1
                let component = Int(folding.componentOfCore[s])
                for r in folding.treeRootOffsets[component]..<folding.treeRootOffsets[component + 1] {
                    let t = Int(folding.treeRoots[r])
                    let original = Int(folding.core[t])
                    let from = depthOffsets[original], count = depthOffsets[original + 1] - from
                    let base = Int(dist[t])
                    for k in 1..<count { levels[base + k] &+= depthCounts[from + k] }
                    histogramLength = max(histogramLength, base + count)
                }
                histogram.removeAll(keepingCapacity: true)
                histogram.append(contentsOf: levels[0..<histogramLength])
                let size = folding.componentSize[sOriginal]
                nodesOut.append(Int32(sOriginal))
                cloOut.append(closenessFromHistogram(histogram, 0, histogramLength, size: size, n: n,
                                                     wfImproved: wfImproved))
                // Harmonic centrality is summed as a search from the node sums it, 1/d once per node in order of
                // distance, so it is the same to the last bit as without folding (here and for the tree nodes).
                if wantH {
                    var h = 0.0
                    for d in 1..<max(1, histogramLength) {
                        let r = recip[d]
                        for _ in 0..<Int(histogram[d]) { h += r }
                    }
                    harOut.append(h)
                } else {
                    harOut.append(0)
                }
                // Re-root down the tree of s: F_u[d] = A_u[d] + F_p[d − 1] − A_u[d − 2].
                let first = folding.memberOffsets[s], last = folding.memberOffsets[s + 1]
                if first < last {
                    at[sOriginal] = 0
                    length[sOriginal] = histogramLength
                    for i in first..<last {
                        let u = Int(folding.members[i])
                        let p = Int(folding.parent[u])
                        let aFrom = depthOffsets[u], aCount = depthOffsets[u + 1] - aFrom
                        let pAt = at[p], pLength = length[p]
                        var uLength = max(aCount, pLength + 1)
                        let uAt = histogram.count
                        histogram.append(contentsOf: repeatElement(0, count: uLength))
                        for d in 0..<aCount { histogram[uAt + d] += depthCounts[aFrom + d] }
                        for d in 1..<(pLength + 1) { histogram[uAt + d] += histogram[pAt + d - 1] }
                        for d in 2..<max(2, aCount + 2) { histogram[uAt + d] -= depthCounts[aFrom + d - 2] }
                        // Drop trailing zeros (the farthest nodes from p may lie below u), so lengths stay ≤ n.
                        while uLength > 1 && histogram[uAt + uLength - 1] == 0 { uLength -= 1 }
                        histogram.removeLast(histogram.count - uAt - uLength)
                        at[u] = uAt
                        length[u] = uLength
                        nodesOut.append(Int32(u))
                        cloOut.append(closenessFromHistogram(histogram, uAt, uLength, size: size, n: n,
                                                             wfImproved: wfImproved))
                        if wantH {
                            var h = 0.0
                            for d in 1..<max(1, uLength) {
                                let r = recip[d]
                                for _ in 0..<Int(histogram[uAt + d]) { h += r }
                            }
                            harOut.append(h)
                        } else {
                            harOut.append(0)
                        }
                    }
                }
            }
            if wantB {
                let ws = weight[s]
                var i = tail - 1
                while i > 0 {
                    let w = Int(order[i])
                    let prev = dist[w] - 1
                    pick[1] = (weight[w] + delta[w]) / sigma[w]
                    for a in Int(off[w])..<Int(off[w + 1]) {
                        let v = Int(tgt[a])
                        delta[v] += sigma[v] * pick[dist[v] == prev ? 1 : 0]
                    }
                    bc[w] += ws == 1 ? delta[w] : ws * delta[w]
                    i -= 1
                }
            }
            for d in 0..<max(Int(dist[Int(order[tail - 1])]) + 1, histogramLength) { levels[d] = 0 }
            for i in 0..<tail {
                let v = Int(order[i])
                dist[v] = .max
                sigma[v] = 0
                delta[v] = 0
            }
        }
    }}}}}}}}}}}}}
    return ChunkPaths(betweenness: bcOut, nodes: nodesOut, closeness: cloOut, harmonic: harOut)
}

@inline(__always)
private func closenessFromHistogram(_ histogram: [Int32], _ from: Int, _ count: Int, size: Int, n: Int,
                                    wfImproved: Bool) -> Double {
    var total = 0
    for d in 1..<max(1, count) { total += d * Int(histogram[from + d]) }
    guard total > 0, n > 1 else { return 0 }
    var c = Double(size - 1) / Double(total)
    if wfImproved { c *= Double(size - 1) / Double(n - 1) }
    return c
}
