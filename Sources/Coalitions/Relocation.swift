import GraphCore

/// Relocation heuristics for `a·N_inside + c·P_between` (Doreian & Mrvar 1996): move single nodes (and, for a
/// fixed number of blocks, swap pairs) while the criterion falls, from several seeded starts, keep the best.
///
/// With the number of blocks free, relocation is run multilevel: after the node moves settle, each block becomes
/// a super-node and moves are repeated on the block graph (so whole blocks can merge), as in Louvain; a last
/// pass moves single nodes again. Every move strictly lowers the criterion, so each start ends at a local
/// minimum in a finite number of passes.
enum Relocation {
    static let tolerance = 1e-12

    /// One pass set of single-node moves on `g` (clusters numbered below `g.nodeCount`), free block count.
    /// Returns whether anything moved.
    @discardableResult
    static func freeMoves(_ g: LevelGraph, cluster: inout [Int], order: [Int], a: Double, c: Double,
                          maxPasses: Int = 100) -> Bool {
        let n = g.nodeCount
        var size = [Int](repeating: 0, count: n)
        for v in 0..<n { size[cluster[v]] += 1 }
        var free: [Int] = (0..<n).reversed().filter { size[$0] == 0 }
        var posW = [Double](repeating: 0, count: n), negW = posW
        var seen = [Int](repeating: -1, count: n)
        // The clusters met around the current node (at most n): a fixed buffer, reset by its count.
        var touched = [Int](repeating: 0, count: n), touchedCount = 0
        var movedAny = false
        // Only nodes whose neighbourhood changed are revisited (a node's cost depends on its neighbours'
        // clusters alone); a final full pass confirms that no node can improve. Active nodes are bits by their
        // position in `order`, so a pass visits them in that order and skips idle stretches 64 at a time.
        var active = ActivePositions(order: order, nodeCount: n)
        // The first pass visits every node, so it is a full pass: when it moves nothing the state is a fixed
        // point and a confirming pass would repeat the same decisions (the last level of every multilevel run).
        var fullPass = true
        for _ in 0..<maxPasses {
            var moved = false
            if fullPass { active.setAll() }
            var cursor = 0
            while let v = active.next(from: &cursor) {
                let own = cluster[v]
                var posTotal = 0.0
                for arc in g.offsets[v]..<g.offsets[v + 1] {
                    let cl = cluster[Int(g.targets[arc])]
                    if seen[cl] != v { seen[cl] = v; touched[touchedCount] = cl; touchedCount += 1 }
                    posW[cl] += g.positive[arc]
                    negW[cl] += g.negative[arc]
                    posTotal += g.positive[arc]
                }
                let stay = a * negW[own] + c * (posTotal - posW[own])
                var best = own, bestCost = stay
                for t in 0..<touchedCount where touched[t] != own {
                    let cl = touched[t]
                    let x = a * negW[cl] + c * (posTotal - posW[cl])
                    if x < bestCost - tolerance { best = cl; bestCost = x }
                }
                if size[own] > 1 && c * posTotal < bestCost - tolerance, let empty = free.last {
                    best = empty
                    bestCost = c * posTotal
                }
                for t in 0..<touchedCount { let cl = touched[t]; posW[cl] = 0; negW[cl] = 0; seen[cl] = -1 }
                touchedCount = 0
                if best != own {
                    if best == free.last { free.removeLast() }
                    size[own] -= 1
                    size[best] += 1
                    if size[own] == 0 { free.append(own) }
                    cluster[v] = best
                    moved = true
                    for arc in g.offsets[v]..<g.offsets[v + 1] { active.insert(Int(g.targets[arc])) }
                }
            }
            if moved { movedAny = true; fullPass = false; continue }
            if fullPass { break }
            fullPass = true
        }
        return movedAny
    }

    /// Multilevel relocation with a free number of blocks from `initial` labels; `order` shuffles node visits.
    /// `base`: `LevelGraph(graph)`, built once by the caller for all starts.
    static func multilevel(_ graph: SignedGraph, base: LevelGraph, initial: [Int], a: Double, c: Double,
                           rng: inout SplitMix64, shuffle: Bool) -> [Int] {
        var labels = initial
        var count = compactLabels(&labels)
        var g = base
        var mapping = Array(0..<graph.nodeCount)  // original node → node of the current level
        var original = labels
        var level = 0
        while true {
            var order = Array(0..<g.nodeCount)
            if shuffle { order.shuffle(using: &rng) }
            freeMoves(g, cluster: &labels, order: order, a: a, c: c)
            count = compactLabels(&labels)
            for v in 0..<graph.nodeCount { original[v] = labels[mapping[v]] }
            if count == g.nodeCount || level > 50 { break }
            g = g.aggregated(by: labels, clusterCount: count)
            for v in 0..<graph.nodeCount { mapping[v] = labels[mapping[v]] }
            labels = Array(0..<count)
            level += 1
        }
        freeMoves(base, cluster: &original, order: Array(0..<graph.nodeCount), a: a, c: c)
        _ = compactLabels(&original)
        return original
    }

    /// Doreian–Mrvar relocation for exactly `k` non-empty blocks (n ≥ k): random balanced start, then moves
    /// (keeping every block non-empty) and, for n ≤ `swapLimit`, pairwise swaps, until no change lowers the
    /// criterion.
    static func fixedK(_ graph: SignedGraph, k: Int, a: Double, c: Double, rng: inout SplitMix64,
                       swapLimit: Int = 150, maxPasses: Int = 200) -> [Int] {
        let n = graph.nodeCount
        precondition(k >= 1 && k <= n)
        var order = Array(0..<n)
        order.shuffle(using: &rng)
        var cluster = [Int](repeating: 0, count: n)
        for (i, v) in order.enumerated() { cluster[v] = i < k ? i : Int.random(in: 0..<k, using: &rng) }
        var size = [Int](repeating: 0, count: k)
        for v in 0..<n { size[cluster[v]] += 1 }
        // posTo[v*k + b]: positive weight from v to block b; same for negative.
        var posTo = [Double](repeating: 0, count: n * k), negTo = posTo
        for e in graph.edges {
            let u = Int(e.u), v = Int(e.v)
            if e.sign == .positive {
                posTo[u * k + cluster[v]] += e.weight; posTo[v * k + cluster[u]] += e.weight
            } else {
                negTo[u * k + cluster[v]] += e.weight; negTo[v * k + cluster[u]] += e.weight
            }
        }
        func delta(_ v: Int, to b: Int) -> Double {
            let o = cluster[v]
            return a * (negTo[v * k + b] - negTo[v * k + o]) - c * (posTo[v * k + b] - posTo[v * k + o])
        }
        func move(_ v: Int, to b: Int) {
            let o = cluster[v]
            for (w, e) in graph.incidentEdges(of: v) {
                if e.sign == .positive {
                    posTo[w * k + o] -= e.weight; posTo[w * k + b] += e.weight
                } else {
                    negTo[w * k + o] -= e.weight; negTo[w * k + b] += e.weight
                }
            }
            size[o] -= 1
            size[b] += 1
            cluster[v] = b
        }
        for _ in 0..<maxPasses {
            var changed = false
            for v in order where size[cluster[v]] > 1 {
                var best = cluster[v], bestDelta = -tolerance
                for b in 0..<k where b != cluster[v] {
                    let d = delta(v, to: b)
                    if d < bestDelta { best = b; bestDelta = d }
                }
                if best != cluster[v] { move(v, to: best); changed = true }
            }
            if n <= swapLimit {
                for u in 0..<n {
                    for v in (u + 1)..<n where cluster[u] != cluster[v] {
                        var d = delta(u, to: cluster[v]) + delta(v, to: cluster[u])
                        if let e = graph.edge(between: u, and: v) {
                            d -= 2 * (e.sign == .negative ? a * e.weight : -c * e.weight)
                        }
                        if d < -tolerance {
                            let bu = cluster[u], bv = cluster[v]
                            move(u, to: bv)
                            move(v, to: bu)
                            changed = true
                        }
                    }
                }
            }
            if !changed { break }
        }
        return cluster
    }
}

/// The set of active nodes of a local-move pass, kept as bits by position in the visit order: a pass visits the
/// set nodes in that order (a node set ahead of the current position during the pass is visited in the same pass,
/// one set behind waits for the next, as with a scan of the order) and costs O(n / 64) plus the visits.
struct ActivePositions {
    private var words: [UInt64]
    private var position: [Int32]
    private let order: [Int]
    private let count: Int

    /// All nodes active.
    init(order: [Int], nodeCount: Int) {
        self.order = order
        count = order.count
        position = [Int32](repeating: 0, count: nodeCount)
        for (i, v) in order.enumerated() { position[v] = Int32(i) }
        words = [UInt64](repeating: 0, count: (order.count + 63) / 64)
        setAll()
    }

    mutating func setAll() {
        for w in words.indices { words[w] = ~0 }
        if count % 64 != 0 { words[words.count - 1] = (1 << UInt64(count % 64)) - 1 }
    }

    @inline(__always) mutating func insert(_ v: Int) {
        let i = Int(position[v])
        words[i >> 6] |= 1 << UInt64(i & 63)
    }

    /// The first active node at or after position `cursor` in the order, made inactive; `cursor` moves past it.
    /// Nodes inserted meanwhile at later positions are found by later calls.
    @inline(__always) mutating func next(from cursor: inout Int) -> Int? {
        guard cursor < count else { return nil }
        var w = cursor >> 6
        var bits = words[w] & (~0 << UInt64(cursor & 63))
        while bits == 0 {
            w += 1
            if w == words.count { cursor = count; return nil }
            bits = words[w]
        }
        let i = w << 6 | bits.trailingZeroBitCount
        words[w] &= ~(1 << UInt64(i & 63))
        cursor = i + 1
        return order[i]
    }
}
