import GraphCore

/// The Doreian–Mrvar signed blockmodel: the partition into exactly `k` non-empty blocks minimizing
///
///     P(C) = α·N_inside + (1 − α)·P_between,
///
/// the weight of negative ties inside blocks and of positive ties between blocks, weighted by α ∈ [0, 1]
/// (α = 0.5 weighs both kinds of inconsistency alike). With n < k there is no such partition and every node is
/// its own block.
///
/// Graphs of at most `options.exactNodeLimit` nodes are solved exactly by branch and bound over restricted-growth
/// strings with exactly k blocks (started from the heuristic solution); larger ones by the relocation heuristic
/// of Doreian & Mrvar (random start with k blocks, moves and pairwise swaps while P falls) from `starts` seeded
/// starts, keeping the best. The blockmodel does not split over connected components (k is global).
///
/// - Complexity: relocation O(starts · passes · (n·k + m)), plus O(n²·deg) per pass for swaps when n ≤ 150; exact
///   O(S(n, k)·n·k) worst case (Stirling numbers of the second kind), capped by `searchBudget`.
/// - Reference: Doreian, P. & Mrvar, A. (1996), "A partitioning approach to structural balance", Social
///   Networks 18, 149–168; Doreian & Mrvar (2009), "Partitioning signed social networks", Social Networks 31.
public func signedBlockmodel(_ graph: SignedGraph, k: Int, alpha: Double = 0.5,
                             options: PartitionSearchOptions = PartitionSearchOptions()) -> PartitionSolution {
    precondition(k >= 1, "a blockmodel needs k ≥ 1 blocks")
    precondition(alpha >= 0 && alpha <= 1, "α must lie in [0, 1]")
    let n = graph.nodeCount
    let a = alpha, c = 1 - alpha
    guard n > k else {
        let p = Partition(labels: Array(0..<n))
        return PartitionSolution(partition: p, objective: imbalance(of: p, in: graph, negativeInside: a, positiveBetween: c),
                                 provenOptimal: true)
    }
    var best: [Int] = []
    var bestCost = Double.infinity
    for s in 0..<options.starts {
        var rng = SplitMix64(seed: options.seed &+ UInt64(s) &* 0x9E37_79B9)
        let labels = Relocation.fixedK(graph, k: k, a: a, c: c, rng: &rng)
        let cost = imbalance(labels: labels, in: graph, negativeInside: a, positiveBetween: c)
        if cost < bestCost - 1e-12 { best = labels; bestCost = cost }
    }
    var proven = bestCost == 0
    if !proven && n <= options.exactNodeLimit {
        let search = ExactPartitionSearch(graph: graph, nodes: Array(0..<n), negativeInside: a, positiveBetween: c,
                                          maxBlocks: k, exactBlocks: true)
        let exact = search.solve(incumbent: Partition(labels: best).labels, budget: options.searchBudget)
        best = exact.labels
        proven = exact.proven
    }
    let partition = Partition(labels: best)
    return PartitionSolution(partition: partition,
                             objective: imbalance(of: partition, in: graph, negativeInside: a, positiveBetween: c),
                             provenOptimal: proven)
}
