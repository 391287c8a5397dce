import GraphCore

/// PageRank, as NetworkX `pagerank(G, alpha=0.85, max_iter=100, tol=1e-6, weight="weight")`.
///
/// Each undirected edge is two arcs; the transition matrix is row-stochastic, P_uv = w_uv / s_u (s_u the
/// strength of u; all weights 1 when `weighted` is false). From x = 1/n:
/// x ← α(xP + Σ_{dangling} x · p) + (1 − α)p with the uniform personalisation p = 1/n (dangling nodes, the
/// isolates, spread their mass like p), until Σ|x − x_prev| < n·tol. The values sum to 1.
/// NetworkX uses weights by default; igraph's `pagerank()` does not unless given `weights=`.
///
/// - Throws: ``MetricError/didNotConverge(metric:iterations:)``. The empty graph gives `[]` (as NetworkX).
/// - Complexity: O(k·(n + m)) for k iterations.
/// - Reference: S. Brin & L. Page, Computer Networks 30 (1998).
public func pageRank(_ graph: SignedGraph, alpha: Double = 0.85, weighted: Bool = true, maxIterations: Int = 100,
                     tolerance: Double = 1e-6) throws(MetricError) -> [Double] {
    let n = graph.nodeCount
    guard n > 0 else { return [] }
    let off = graph.offsets, tgt = graph.targets
    let arcWeight: [Double] = weighted ? graph.arcValues(\.weight) : [Double](repeating: 1, count: tgt.count)
    var strength = [Double](repeating: 0, count: n)
    for v in 0..<n { for a in off[v]..<off[v + 1] { strength[v] += arcWeight[a] } }
    var scaled = [Double](repeating: 0, count: n)
    let dangling = (0..<n).filter { strength[$0] == 0 }
    let p = 1 / Double(n)
    var x = [Double](repeating: p, count: n)
    var next = [Double](repeating: 0, count: n)
    for _ in 0..<maxIterations {
        var danglingSum = 0.0
        for v in dangling { danglingSum += x[v] }
        // scaled[u] = x[u]/s(u), so (xP)[v] = Σ_u scaled[u]·w(u,v).
        for u in 0..<n { scaled[u] = strength[u] == 0 ? 0 : x[u] / strength[u] }
        let base = alpha * danglingSum * p + (1 - alpha) * p
        var err = 0.0
        for v in 0..<n {
            var s = 0.0
            for a in off[v]..<off[v + 1] { s += scaled[Int(tgt[a])] * arcWeight[a] }
            let value = alpha * s + base
            next[v] = value
            err += abs(value - x[v])
        }
        swap(&x, &next)
        if err < Double(n) * tolerance { return x }
    }
    throw .didNotConverge(metric: "pagerank", iterations: maxIterations)
}
