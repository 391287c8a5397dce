import GraphCore

/// Signed modularity (Gómez, Jensen & Arenas 2009) of a partition:
///
///     Q = 1/(2w⁺ + 2w⁻) · Σᵢⱼ [ wᵢⱼ − ( w⁺ᵢw⁺ⱼ/(2w⁺) − w⁻ᵢw⁻ⱼ/(2w⁻) ) ] · δ(cᵢ, cⱼ)
///
/// over ordered pairs (i = j included), where wᵢⱼ is the signed weight, w⁺ᵢ and w⁻ᵢ the positive and negative
/// strengths and w⁺, w⁻ the total positive and negative weights (each edge once). A null term whose total is 0
/// is dropped; the graph with no edges has Q = 0.
///
/// Normalisation warning: leidenalg's multiplex recipe (a `ModularityVertexPartition` per layer with layer
/// weights +1 and −1) optimizes Q⁺ − Q⁻ with each layer normalized by its own total, which is a different number
/// from this Q unless w⁺ = w⁻; Traag & Bruggeman (2009) weigh the layers by w⁺/(w⁺+w⁻) and w⁻/(w⁺+w⁻) to recover it.
///
/// - Complexity: O(n + m).
/// - Reference: Gómez, S., Jensen, P. & Arenas, A. (2009), "Analysis of community structure in networks of
///   correlated data", Phys. Rev. E 80, 016114.
public func signedModularity(of partition: Partition, in graph: SignedGraph) -> Double {
    precondition(partition.labels.count == graph.nodeCount, "partition and graph differ in size")
    var inside = [Double](repeating: 0, count: partition.count)
    var kp = inside, kn = inside
    var wp = 0.0, wn = 0.0
    for e in graph.edges {
        let cu = partition.labels[Int(e.u)], cv = partition.labels[Int(e.v)]
        if e.sign == .positive {
            wp += e.weight; kp[cu] += e.weight; kp[cv] += e.weight
        } else {
            wn += e.weight; kn[cu] += e.weight; kn[cv] += e.weight
        }
        if cu == cv { inside[cu] += e.signedWeight }
    }
    guard wp + wn > 0 else { return 0 }
    var q = 0.0
    for c in 0..<partition.count {
        q += 2 * inside[c]
        if wp > 0 { q -= kp[c] * kp[c] / (2 * wp) }
        if wn > 0 { q += kn[c] * kn[c] / (2 * wn) }
    }
    return q / (2 * wp + 2 * wn)
}

/// A Louvain optimizer of signed modularity (``signedModularity(of:in:)``).
///
/// Each level moves single nodes, in a seeded shuffle of the canonical node order, to the neighbouring
/// coalition with the largest gain in Q (staying put on ties) until no move gains; then coalitions become
/// super-nodes and the level repeats, until a level moves nothing; a last pass of single-node moves on the
/// original graph follows, so no node can raise Q by moving to a neighbour's coalition or a new one of its own.
/// `starts` seeded runs, the best Q kept (the first on ties). Deterministic for a given seed.
///
/// Gain of inserting an isolated node v into coalition C, up to the factor 2/(2w⁺ + 2w⁻):
/// (w⁺_{v,C} − w⁻_{v,C}) − w⁺ᵥK⁺_C/(2w⁺) + w⁻ᵥK⁻_C/(2w⁻), with K_C the coalition's strengths.
///
/// - Complexity: O(starts · levels · passes · (n + m)), plus O(m log m) per aggregation.
/// - Reference: Blondel, Guillaume, Lambiotte & Lefebvre (2008), "Fast unfolding of communities in large
///   networks", J. Stat. Mech. P10008; Gómez, Jensen & Arenas (2009).
public func louvainSignedModularity(_ graph: SignedGraph, seed: UInt64 = 1, starts: Int = 4) -> Partition {
    precondition(starts >= 1)
    let n = graph.nodeCount
    guard n > 0 else { return Partition(labels: []) }
    var best = Partition(labels: Array(0..<n))
    var bestQ = signedModularity(of: best, in: graph)
    let work = n + 2 * graph.edgeCount
    let runs = max(1, min(starts, 1_000_000 / max(work, 1)))
    for s in 0..<runs {
        var rng = SplitMix64(seed: seed &+ UInt64(s) &* 0x9E37_79B9)
        let p = Partition(labels: Louvain.run(graph, rng: &rng))
        let q = signedModularity(of: p, in: graph)
        if q > bestQ + 1e-12 { best = p; bestQ = q }
    }
    return best
}

enum Louvain {
    /// `confirm`: end with strict single-node passes on the original graph (off when the result only seeds
    /// another optimizer).
    static func run(_ graph: SignedGraph, rng: inout SplitMix64, confirm: Bool = true) -> [Int] {
        run(graph, base: LevelGraph(graph), rng: &rng, confirm: confirm)
    }

    /// `base`: `LevelGraph(graph)`, when the caller already has it.
    static func run(_ graph: SignedGraph, base: LevelGraph, rng: inout SplitMix64, confirm: Bool = true) -> [Int] {
        var g = base
        var mapping = Array(0..<graph.nodeCount)
        var wp = 0.0, wn = 0.0
        for e in graph.edges { if e.sign == .positive { wp += e.weight } else { wn += e.weight } }
        var level = 0
        while true {
            var labels = Array(0..<g.nodeCount)
            var order = Array(0..<g.nodeCount)
            order.shuffle(using: &rng)
            let moved = moves(g, cluster: &labels, order: order, wp: wp, wn: wn)
            let count = compactLabels(&labels)
            if !moved || count == g.nodeCount || level > 50 { break }
            for v in 0..<graph.nodeCount { mapping[v] = labels[mapping[v]] }
            g = g.aggregated(by: labels, clusterCount: count)
            level += 1
        }
        // Aggregation moves whole groups; a last pass of single-node moves on the original graph repairs nodes
        // that a coarse level left on the wrong side, and leaves no single-node move that raises Q.
        guard confirm else { return mapping }
        var order = Array(0..<graph.nodeCount)
        order.shuffle(using: &rng)
        _ = compactLabels(&mapping)
        _ = moves(base, cluster: &mapping, order: order, wp: wp, wn: wn, confirm: true)
        return mapping
    }

    /// Single-node moves of one level; returns whether anything moved.
    static func moves(_ g: LevelGraph, cluster: inout [Int], order: [Int], wp: Double, wn: Double, confirm: Bool = false) -> Bool {
        let n = g.nodeCount
        var kp = [Double](repeating: 0, count: n), kn = kp
        for v in 0..<n {
            kp[v] = 2 * g.selfPositive[v]
            kn[v] = 2 * g.selfNegative[v]
            for arc in g.offsets[v]..<g.offsets[v + 1] { kp[v] += g.positive[arc]; kn[v] += g.negative[arc] }
        }
        var totP = [Double](repeating: 0, count: n), totN = totP
        var size = [Int](repeating: 0, count: n)
        for v in 0..<n { totP[cluster[v]] += kp[v]; totN[cluster[v]] += kn[v]; size[cluster[v]] += 1 }
        var free: [Int] = (0..<n).reversed().filter { size[$0] == 0 }
        let ip = wp > 0 ? 1 / (2 * wp) : 0, iN = wn > 0 ? 1 / (2 * wn) : 0
        var link = [Double](repeating: 0, count: n)
        var seen = [Bool](repeating: false, count: n)
        // The clusters met around the current node (at most n): a fixed buffer, reset by its count.
        var touched = [Int](repeating: 0, count: n), touchedCount = 0
        var movedAny = false
        // Leiden-style fast local moves: revisit only nodes next to a move, until none is left. With `confirm`
        // (the last pass, on the original graph) a full pass follows, since the null terms change for everyone,
        // and so on until a full pass moves nothing or gains less than 1e-9 in Q. At most 100 passes.
        var active = ActivePositions(order: order, nodeCount: n)
        var fullPass = false
        let scale = wp + wn > 0 ? 2 / (2 * wp + 2 * wn) : 0
        for _ in 0..<100 {
            var moved = false
            var gained = 0.0
            if fullPass { active.setAll() }
            var cursor = 0
            while let v = active.next(from: &cursor) {
                let own = cluster[v]
                for arc in g.offsets[v]..<g.offsets[v + 1] {
                    let cl = cluster[Int(g.targets[arc])]
                    if !seen[cl] { seen[cl] = true; touched[touchedCount] = cl; touchedCount += 1 }
                    link[cl] += g.positive[arc] - g.negative[arc]
                }
                totP[own] -= kp[v]
                totN[own] -= kn[v]
                func gain(_ cl: Int) -> Double { link[cl] - kp[v] * totP[cl] * ip + kn[v] * totN[cl] * iN }
                let stay = gain(own)
                var best = own, bestGain = stay
                for t in 0..<touchedCount where touched[t] != own {
                    let cl = touched[t]
                    let x = gain(cl)
                    if x > bestGain + 1e-12 { best = cl; bestGain = x }
                }
                // Alone in a new coalition the gain is 0: better when every coalition on offer loses.
                if bestGain < -1e-12 && size[own] > 1, let empty = free.last { best = empty; bestGain = 0 }
                totP[best] += kp[v]
                totN[best] += kn[v]
                for t in 0..<touchedCount { let cl = touched[t]; link[cl] = 0; seen[cl] = false }
                touchedCount = 0
                if best != own {
                    if best == free.last { free.removeLast() }
                    size[own] -= 1
                    size[best] += 1
                    if size[own] == 0 { free.append(own) }
                    cluster[v] = best
                    moved = true
                    gained += (bestGain - stay) * scale
                    for arc in g.offsets[v]..<g.offsets[v + 1] { active.insert(Int(g.targets[arc])) }
                }
            }
            if moved { movedAny = true }
            if !confirm && !moved { break }
            if fullPass && (!moved || gained < 1e-9) { break }
            fullPass = !moved
        }
        return movedAny
    }
}
