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
    let arcWeight: [Double]? = weighted ? graph.arcValues(\.weight) : nil
    var x = [Double](repeating: 1 / Double(n), count: n)
    var next = [Double](repeating: 0, count: n)
    let limit = Double(n) * tolerance
    // Flat unchecked loops: on sparse snapshots with many components the iteration often runs all its steps, and
    // this loop is the whole cost.
    let converged: Bool = graph.offsets.withUnsafeBufferPointer { off in
    graph.targets.withUnsafeBufferPointer { tgt in
    (arcWeight ?? []).withUnsafeBufferPointer { wt in
        for _ in 0..<maxIterations {
            let err: Double = x.withUnsafeBufferPointer { x in
            next.withUnsafeMutableBufferPointer { next in
                if arcWeight != nil {
                    for v in 0..<n {
                        var s = x[v]
                        for a in off[v]..<off[v + 1] { s += x[Int(tgt[a])] * wt[a] }
                        next[v] = s
                    }
                } else {
                    for v in 0..<n {
                        var s = x[v]
                        for a in off[v]..<off[v + 1] { s += x[Int(tgt[a])] }
                        next[v] = s
                    }
                }
                // Four running sums break the chain of dependent additions (the reductions bound the loop);
                // fixed lanes, so the result is the same on every run.
                let body = n & ~3
                var q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0
                var v = 0
                while v < body {
                    q0 += next[v] * next[v]; q1 += next[v + 1] * next[v + 1]
                    q2 += next[v + 2] * next[v + 2]; q3 += next[v + 3] * next[v + 3]
                    v += 4
                }
                for r in body..<n { q0 += next[r] * next[r] }
                var norm = ((q0 + q1) + (q2 + q3)).squareRoot()
                if norm == 0 { norm = 1 }
                var e0 = 0.0, e1 = 0.0, e2 = 0.0, e3 = 0.0
                v = 0
                while v < body {
                    next[v] /= norm; next[v + 1] /= norm; next[v + 2] /= norm; next[v + 3] /= norm
                    e0 += abs(next[v] - x[v]); e1 += abs(next[v + 1] - x[v + 1])
                    e2 += abs(next[v + 2] - x[v + 2]); e3 += abs(next[v + 3] - x[v + 3])
                    v += 4
                }
                for r in body..<n {
                    next[r] /= norm
                    e0 += abs(next[r] - x[r])
                }
                return (e0 + e1) + (e2 + e3)
            }}
            swap(&x, &next)
            if err < limit { return true }
        }
        return false
    }}}
    if converged { return x }
    throw .didNotConverge(metric: "eigenvector", iterations: maxIterations)
}
