import GraphCore

/// Katz centrality, as NetworkX `katz_centrality(G, alpha=0.1, beta=1, max_iter=1000, tol=1e-6, normalized=True)`.
///
/// x = αAx + β·1, iterated from x = 0 until Σ|x − x_prev| < n·tol, then divided by ‖x‖₂ when `normalized`.
/// The series converges only when α < 1/λ_max(A). Unweighted unless `weighted`.
///
/// - Throws: ``MetricError/katzAlphaTooLarge(alpha:spectralRadius:)`` when the iteration fails and
///   α·λ_max ≥ 1 (λ_max estimated by power iteration), else ``MetricError/didNotConverge(metric:iterations:)``.
///   The empty graph gives `[]` (as NetworkX).
/// - Complexity: O(k·(n + m)) for k iterations.
/// - Reference: L. Katz, Psychometrika 18 (1953).
public func katzCentrality(_ graph: SignedGraph, alpha: Double = 0.1, beta: Double = 1, weighted: Bool = false,
                           normalized: Bool = true, maxIterations: Int = 1000,
                           tolerance: Double = 1e-6) throws(MetricError) -> [Double] {
    let n = graph.nodeCount
    guard n > 0 else { return [] }
    let off = graph.offsets, tgt = graph.targets
    let arcWeight: [Double]? = weighted ? graph.arcValues(\.weight) : nil
    var x = [Double](repeating: 0, count: n)
    var next = [Double](repeating: 0, count: n)
    for _ in 0..<maxIterations {
        var err = 0.0
        for v in 0..<n {
            var s = 0.0
            if let arcWeight {
                for a in off[v]..<off[v + 1] { s += x[Int(tgt[a])] * arcWeight[a] }
            } else {
                for a in off[v]..<off[v + 1] { s += x[Int(tgt[a])] }
            }
            let value = alpha * s + beta
            next[v] = value
            err += abs(value - x[v])
        }
        swap(&x, &next)
        if !err.isFinite { break }
        if err < Double(n) * tolerance {
            if normalized {
                var sq = 0.0
                for v in 0..<n { sq += x[v] * x[v] }
                let norm = sq.squareRoot()
                let s = norm == 0 ? 1 : 1 / norm
                for v in 0..<n { x[v] *= s }
            }
            return x
        }
    }
    let radius = spectralRadius(graph, weighted: weighted)
    if alpha * radius >= 1 { throw .katzAlphaTooLarge(alpha: alpha, spectralRadius: radius) }
    throw .didNotConverge(metric: "katz", iterations: maxIterations)
}

/// λ_max of the (non-negative, magnitude) adjacency matrix, by power iteration on A + I from the uniform vector,
/// to relative accuracy 1e-10 (at most 10 000 steps). Returns 0 for graphs without edges.
///
/// - Complexity: O(k·(n + m)).
public func spectralRadius(_ graph: SignedGraph, weighted: Bool = false) -> Double {
    let n = graph.nodeCount
    guard graph.edgeCount > 0 else { return 0 }
    let off = graph.offsets, tgt = graph.targets
    let arcWeight: [Double]? = weighted ? graph.arcValues(\.weight) : nil
    var x = [Double](repeating: 1 / Double(n).squareRoot(), count: n)
    var y = [Double](repeating: 0, count: n)
    var lambda = 0.0
    for _ in 0..<10_000 {
        for v in 0..<n {
            var s = x[v]
            if let arcWeight {
                for a in off[v]..<off[v + 1] { s += x[Int(tgt[a])] * arcWeight[a] }
            } else {
                for a in off[v]..<off[v + 1] { s += x[Int(tgt[a])] }
            }
            y[v] = s
        }
        // Rayleigh quotient of A + I, minus the shift.
        var xy = 0.0, yy = 0.0
        for v in 0..<n { xy += x[v] * y[v]; yy += y[v] * y[v] }
        let estimate = xy - 1
        let norm = yy.squareRoot()
        for v in 0..<n { x[v] = y[v] / norm }
        if abs(estimate - lambda) <= 1e-10 * max(1, abs(estimate)) { return estimate }
        lambda = estimate
    }
    return lambda
}
