import GraphCore

/// PN-centrality (Everett & Borgatti 2014): PN = (I − A*/(2n − 2))⁻¹·1 with A* = P − 2N.
///
/// P and N are the binary adjacency matrices of the positive and negative edges (weights ignored, as in the
/// paper). Each node starts with 1, gains from positive neighbours and loses twice as much from negative ones,
/// discounted by 1/(2n − 2). The one-node graph gives [1]; the empty graph [].
///
/// The system is symmetric; it is solved by conjugate gradients to a relative residual of 1e-14 (an exact
/// solve up to rounding: the matrix's eigenvalues lie in [0, 2] because |λ(A*)| ≤ max(d⁺ + 2d⁻) ≤ 2n − 2).
///
/// - Throws: ``MetricError/singularSystem(metric:)`` when the matrix is singular (two nodes joined by a negative
///   edge is the only small case) or conjugate gradients break down.
/// - Complexity: O(k·(n + m)) for k ≤ n conjugate-gradient steps (k is small: the matrix is well conditioned
///   unless it is nearly singular).
/// - Reference: M. G. Everett & S. P. Borgatti, "Networks containing negative ties", Social Networks 38 (2014).
public func pnCentrality(_ graph: SignedGraph) throws(MetricError) -> [Double] {
    let n = graph.nodeCount
    guard n > 1 else { return [Double](repeating: 1, count: n) }
    // λ(A*) = 2n − 2 needs d⁺ + 2d⁻ = 2n − 2 at every node, i.e. the all-negative complete graph, whose
    // eigenvalues are −2(n−1) and 2: singular exactly for one negative edge on two nodes.
    if n == 2 && graph.edgeCount == 1 && graph.edges[0].sign == .negative { throw .singularSystem(metric: "pn") }
    let off = graph.offsets, tgt = graph.targets
    let scale = 1 / Double(2 * n - 2)
    let arcValue: [Double] = graph.arcValues { $0.sign == .positive ? scale : -2 * scale }
    func multiply(_ x: [Double], into y: inout [Double]) {
        for v in 0..<n {
            var s = x[v]
            for a in off[v]..<off[v + 1] { s -= arcValue[a] * x[Int(tgt[a])] }
            y[v] = s
        }
    }
    var x = [Double](repeating: 1, count: n)
    var ax = [Double](repeating: 0, count: n)
    multiply(x, into: &ax)
    var r = ax.map { 1 - $0 }
    var p = r
    var rr = r.reduce(0) { $0 + $1 * $1 }
    let stop = 1e-28 * Double(n)  // ‖r‖² relative to ‖b‖² = n
    var ap = [Double](repeating: 0, count: n)
    var iterations = 0
    while rr > stop {
        if iterations > 10 * n + 100 { throw .singularSystem(metric: "pn") }
        iterations += 1
        multiply(p, into: &ap)
        var pap = 0.0
        for i in 0..<n { pap += p[i] * ap[i] }
        guard pap > 0, pap.isFinite else { throw .singularSystem(metric: "pn") }
        let step = rr / pap
        var rrNew = 0.0
        for i in 0..<n {
            x[i] += step * p[i]
            r[i] -= step * ap[i]
            rrNew += r[i] * r[i]
        }
        let beta = rrNew / rr
        rr = rrNew
        for i in 0..<n { p[i] = r[i] + beta * p[i] }
    }
    return x
}
