import GraphCore

/// Exact minimization of `a·N_inside + c·P_between` over the partitions of a small node set, by depth-first
/// branch and bound over restricted-growth strings (node i joins one of the blocks opened so far or opens the
/// next one, so each set partition is met once).
///
/// Lower bound at a search node: the cost so far plus, for every unplaced node, the cheapest way to place it
/// with respect to the placed nodes only (edges between unplaced nodes cost ≥ 0). These per-node costs are kept
/// incrementally (weight from each unplaced node to each block), so a bound costs O(n·k).
///
/// Nodes are visited in a connected greedy order (next: the unplaced node with most weight to the placed ones),
/// which tightens the bound early. The search starts from an incumbent (a heuristic solution) and looks only for
/// strictly better partitions, so an incumbent that is optimal is returned as is and proven.
///
/// - Complexity: O(Bell(n)·n·k) in the worst case; the `budget` caps the number of search nodes, and a search
///   cut by it is reported as not proven.
struct ExactPartitionSearch {
    let n: Int
    /// Dense weight matrices, row-major n×n.
    let pos: [Double]
    let neg: [Double]
    let a: Double
    let c: Double
    /// At most this many blocks.
    let maxBlocks: Int
    /// Exactly `maxBlocks` non-empty blocks (blockmodel) rather than at most.
    let exactBlocks: Bool

    struct Result {
        var labels: [Int]
        var cost: Double
        var proven: Bool
        var searchNodes: Int
    }

    /// `nodes`: graph nodes forming the sub-problem (its local index i is `nodes[i]`).
    init(graph: SignedGraph, nodes: [Int], negativeInside a: Double, positiveBetween c: Double,
         maxBlocks: Int? = nil, exactBlocks: Bool = false) {
        let n = nodes.count
        self.n = n
        var local = [Int: Int]()
        for (i, v) in nodes.enumerated() { local[v] = i }
        var pos = [Double](repeating: 0, count: n * n), neg = pos
        for (i, v) in nodes.enumerated() {
            for (w, e) in graph.incidentEdges(of: v) {
                guard let j = local[w] else { continue }
                if e.sign == .positive { pos[i * n + j] = e.weight } else { neg[i * n + j] = e.weight }
            }
        }
        self.pos = pos
        self.neg = neg
        self.a = a
        self.c = c
        self.maxBlocks = min(maxBlocks ?? n, n)
        self.exactBlocks = exactBlocks
    }

    /// The cost of a labelling of the local nodes.
    func cost(_ labels: [Int]) -> Double {
        var total = 0.0
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                if labels[i] == labels[j] { total += a * neg[i * n + j] } else { total += c * pos[i * n + j] }
            }
        }
        return total
    }

    /// Searches for a partition strictly better than `incumbent` (local labels), within `budget` search nodes.
    func solve(incumbent: [Int], budget: Int) -> Result {
        precondition(incumbent.count == n)
        guard n > 0 else { return Result(labels: [], cost: 0, proven: true, searchNodes: 0) }
        // Greedy connected order.
        var order: [Int] = []
        var placed = [Bool](repeating: false, count: n)
        var attach = [Double](repeating: 0, count: n)
        let strength = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + pos[i * n + $1] + neg[i * n + $1] } }
        for _ in 0..<n {
            var best = -1
            for v in 0..<n where !placed[v] {
                if best < 0 || attach[v] > attach[best] || (attach[v] == attach[best] && strength[v] > strength[best]) { best = v }
            }
            placed[best] = true
            order.append(best)
            for w in 0..<n where !placed[w] { attach[w] += pos[best * n + w] + neg[best * n + w] }
        }

        var state = SearchState(n: n, blocks: maxBlocks)
        state.bestCost = cost(incumbent)
        state.bestLabels = incumbent
        var assignment = [Int](repeating: -1, count: n)
        var nodes = 0
        var aborted = false
        let eps = 1e-9 * max(1, state.bestCost)

        func lowerBound(depth: Int, blockCount: Int) -> Double {
            var sum = 0.0
            let canOpen = blockCount < maxBlocks
            for d in depth..<n {
                let v = order[d]
                var m = canOpen ? c * state.posPlaced[v] : Double.infinity
                let row = v * maxBlocks
                for b in 0..<blockCount {
                    let x = a * state.negTo[row + b] + c * (state.posPlaced[v] - state.posTo[row + b])
                    if x < m { m = x }
                }
                sum += m
            }
            return sum
        }

        func place(_ v: Int, in b: Int, depth: Int, sign: Double) {
            for d in (depth + 1)..<n {
                let w = order[d]
                let p = pos[v * n + w], q = neg[v * n + w]
                if p != 0 { state.posTo[w * maxBlocks + b] += sign * p; state.posPlaced[w] += sign * p }
                if q != 0 { state.negTo[w * maxBlocks + b] += sign * q }
            }
        }

        func search(depth: Int, blockCount: Int, costSoFar: Double) {
            if aborted { return }
            nodes += 1
            if nodes > budget { aborted = true; return }
            if exactBlocks && blockCount + (n - depth) < maxBlocks { return }
            if depth == n {
                if costSoFar < state.bestCost - eps {
                    state.bestCost = costSoFar
                    var labels = [Int](repeating: 0, count: n)
                    for d in 0..<n { labels[order[d]] = assignment[d] }
                    state.bestLabels = labels
                }
                return
            }
            if costSoFar + lowerBound(depth: depth, blockCount: blockCount) >= state.bestCost - eps { return }
            let v = order[depth]
            var options: [(delta: Double, block: Int)] = []
            let row = v * maxBlocks
            for b in 0..<blockCount {
                options.append((a * state.negTo[row + b] + c * (state.posPlaced[v] - state.posTo[row + b]), b))
            }
            if blockCount < maxBlocks { options.append((c * state.posPlaced[v], blockCount)) }
            options.sort { ($0.delta, $0.block) < ($1.delta, $1.block) }
            for (delta, b) in options {
                if costSoFar + delta >= state.bestCost - eps { continue }
                assignment[depth] = b
                place(v, in: b, depth: depth, sign: 1)
                search(depth: depth + 1, blockCount: max(blockCount, b + 1), costSoFar: costSoFar + delta)
                place(v, in: b, depth: depth, sign: -1)
                if aborted { return }
            }
        }
        search(depth: 0, blockCount: 0, costSoFar: 0)
        return Result(labels: state.bestLabels, cost: state.bestCost, proven: !aborted, searchNodes: nodes)
    }

    private struct SearchState {
        var posTo: [Double]
        var negTo: [Double]
        var posPlaced: [Double]
        var bestCost = Double.infinity
        var bestLabels: [Int] = []
        init(n: Int, blocks: Int) {
            posTo = [Double](repeating: 0, count: n * max(blocks, 1))
            negTo = posTo
            posPlaced = [Double](repeating: 0, count: n)
        }
    }
}
