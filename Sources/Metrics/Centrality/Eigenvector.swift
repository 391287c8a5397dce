import GraphCore

/// Eigenvector centrality, as NetworkX `eigenvector_centrality(G, max_iter=100, tol=1e-6, weight=)`.
///
/// Power iteration on A + I (the shift makes it converge on bipartite graphs, and does not change the
/// leading eigenvector) from the uniform start xᵢ = 1/n: x ← (A + I)x, x ← x/‖x‖₂, until Σ|x − x_prev| < n·tol.
/// The result has unit Euclidean norm. Unweighted unless `weighted` (weights = magnitudes).
///
/// - Throws: ``MetricError/emptyGraph(metric:)`` for n = 0, ``MetricError/didNotConverge(metric:iterations:)``
///   when `maxIterations` steps do not meet the tolerance (NetworkX raises `PowerIterationFailedConvergence`).
/// - Complexity: O(k·(n + m)) for k iterations.
/// - Reference: P. Bonacich, J. Math. Sociol. 2 (1972); M. Newman, *Networks* (2010), §7.2.
public func eigenvectorCentrality(_ graph: SignedGraph, weighted: Bool = false, maxIterations: Int = 100,
                                  tolerance: Double = 1e-6) throws(MetricError) -> [Double] {
    let n = graph.nodeCount
    guard n > 0 else { throw .emptyGraph(metric: "eigenvector") }
    let arcWeight: [Double]? = weighted ? graph.arcEdges.map { graph.edges[Int($0)].weight } : nil
    var x = [Double](repeating: 1 / Double(n), count: n)
    var next = [Double](repeating: 0, count: n)
    let off = graph.offsets, tgt = graph.targets
    for _ in 0..<maxIterations {
        for v in 0..<n {
            var s = x[v]
            if let arcWeight {
                for a in off[v]..<off[v + 1] { s += x[Int(tgt[a])] * arcWeight[a] }
            } else {
                for a in off[v]..<off[v + 1] { s += x[Int(tgt[a])] }
            }
            next[v] = s
        }
        var sq = 0.0
        for v in 0..<n { sq += next[v] * next[v] }
        var norm = sq.squareRoot()
        if norm == 0 { norm = 1 }
        var err = 0.0
        for v in 0..<n {
            next[v] /= norm
            err += abs(next[v] - x[v])
        }
        swap(&x, &next)
        if err < Double(n) * tolerance { return x }
    }
    throw .didNotConverge(metric: "eigenvector", iterations: maxIterations)
}
