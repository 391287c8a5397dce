import GraphCore

/// The outcome of a partitioning method that minimizes an imbalance criterion.
public struct PartitionSolution: Hashable, Sendable {
    public var partition: Partition
    /// The criterion reached.
    public var objective: Double
    /// Whether `objective` is proven to be the minimum (exact search completed, or the criterion is 0).
    public var provenOptimal: Bool

    public init(partition: Partition, objective: Double, provenOptimal: Bool) {
        self.partition = partition
        self.objective = objective
        self.provenOptimal = provenOptimal
    }
}

/// Settings of the correlation-clustering and blockmodel solvers.
public struct PartitionSearchOptions: Hashable, Sendable {
    /// Parts with at most this many nodes are solved exactly by branch and bound.
    public var exactNodeLimit: Int
    /// Search nodes allowed to each exact search; a search cut short is reported as not proven.
    public var searchBudget: Int
    /// Seeded starts of the relocation heuristic.
    public var starts: Int
    public var seed: UInt64

    public init(exactNodeLimit: Int = 16, searchBudget: Int = 2_000_000, starts: Int = 8, seed: UInt64 = 1) {
        precondition(exactNodeLimit >= 0 && searchBudget >= 0 && starts >= 1)
        self.exactNodeLimit = exactNodeLimit
        self.searchBudget = searchBudget
        self.starts = starts
        self.seed = seed
    }
}

/// Correlation clustering with the number of coalitions free: the partition minimizing the weight of negative
/// ties inside coalitions plus positive ties between them, Σ_{σ=−, same} w + Σ_{σ=+, apart} w (on unit weights,
/// the number of violating ties).
///
/// The problem splits over the connected components of the graph (ties of either sign): there is an optimum that
/// never joins two components. The graph is first solved by multilevel relocation from `starts` seeded starts
/// (alternately a seeded Louvain partition of signed modularity, the positive components, singletons); a
/// component of at most `exactNodeLimit` nodes is then solved exactly by branch and bound, starting from that
/// solution. The result is proven optimal when every component is proven (exact search finished, or criterion
/// 0). Deterministic for a given seed.
///
/// - Complexity: relocation O(starts · passes · (n + m)) plus O(m log m) per aggregation level; the exact search
///   O(Bell(s)·s²) worst case per component of s nodes, capped by `searchBudget`.
/// - Reference: Bansal, Blum & Chawla (2004), "Correlation clustering", Machine Learning 56; Doreian & Mrvar
///   (1996) for relocation.
public func correlationClustering(_ graph: SignedGraph, options: PartitionSearchOptions = PartitionSearchOptions()) -> PartitionSolution {
    minimizeImbalance(graph, a: 1, c: 1, options: options)
}

/// Shared driver for criteria `a·N_inside + c·P_between` with a free number of blocks.
func minimizeImbalance(_ graph: SignedGraph, a: Double, c: Double, options: PartitionSearchOptions) -> PartitionSolution {
    let n = graph.nodeCount
    guard n > 0 else { return PartitionSolution(partition: Partition(labels: []), objective: 0, provenOptimal: true) }
    let positive = connectedComponents(of: graph) { $0.sign == .positive }
    var best: [Int] = positive
    var bestCost = imbalance(labels: positive, in: graph, negativeInside: a, positiveBetween: c)
    if bestCost > 0 {
        // Cap the starts on very large graphs so one snapshot stays within a few passes over the edges.
        let work = n + 2 * graph.edgeCount
        let starts = max(2, min(options.starts, 1_000_000 / max(work, 1)))
        let base = LevelGraph(graph)
        for s in 0..<starts {
            let seed = options.seed &+ UInt64(s) &* 0x9E37_79B9
            var rng = SplitMix64(seed: seed)
            // Even starts refine a Louvain partition of signed modularity: its null model keeps early clusters
            // pure on sparse graphs, where moves from singletons join any positive neighbour and lock errors in.
            let initial: [Int]
            switch s {
            case 1: initial = positive
            case _ where s % 2 == 0: initial = Louvain.run(graph, base: base, rng: &rng, confirm: false)
            default: initial = Array(0..<n)
            }
            let labels = Relocation.multilevel(graph, base: base, initial: initial, a: a, c: c, rng: &rng, shuffle: s >= 3)
            let cost = imbalance(labels: labels, in: graph, negativeInside: a, positiveBetween: c)
            if cost < bestCost - 1e-12 { best = labels; bestCost = cost }
            if bestCost == 0 { break }
        }
    }
    // Exact per component of the whole graph. Components are listed by a counting sort (nodes increasing within
    // each) and relabelled through one array stamped per component: a sparse snapshot has thousands of
    // components, mostly single actors, and a dictionary and an array per component cost more than the rest.
    let components = connectedComponents(of: graph)
    let componentCount = (components.max() ?? -1) + 1
    let (first, members) = groupedByLabel(components, labelCount: componentCount)
    var labels = [Int](repeating: 0, count: n)
    var proven = true
    var next = 0
    // The heuristic's cost inside each component: components at 0 are proven without a search.
    var partCost = [Double](repeating: 0, count: componentCount)
    for e in graph.edges {
        let same = best[Int(e.u)] == best[Int(e.v)]
        if same && e.sign == .negative { partCost[components[Int(e.u)]] += a * e.weight }
        if !same && e.sign == .positive { partCost[components[Int(e.u)]] += c * e.weight }
    }
    // local[l]: the component's own number for heuristic label l (by first appearance), valid when stamp[l] == k.
    let labelBound = (best.max() ?? -1) + 1
    var local = [Int](repeating: 0, count: labelBound), stamp = [Int](repeating: -1, count: labelBound)
    for k in 0..<componentCount {
        let nodes = members[first[k]..<first[k + 1]]
        var localCount = 0
        for v in nodes {
            let l = best[v]
            if stamp[l] != k { stamp[l] = k; local[l] = localCount; localCount += 1 }
            labels[v] = next + local[l]
        }
        var partProven = partCost[k] == 0 || nodes.count <= 1
        if !partProven && nodes.count <= options.exactNodeLimit {
            let incumbent = nodes.map { local[best[$0]] }
            let search = ExactPartitionSearch(graph: graph, nodes: Array(nodes), negativeInside: a, positiveBetween: c)
            let exact = search.solve(incumbent: incumbent, budget: options.searchBudget)
            for (i, v) in nodes.enumerated() { labels[v] = next + exact.labels[i] }
            partProven = exact.proven
        }
        proven = proven && partProven
        next += nodes.count
    }
    let partition = Partition(labels: labels)
    return PartitionSolution(partition: partition,
                             objective: imbalance(of: partition, in: graph, negativeInside: a, positiveBetween: c),
                             provenOptimal: proven)
}
