import GraphCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The default largest component (in nodes) whose spectral measures are computed exactly by dense LAPACK
/// eigenvalues (O(k³)); larger components are estimated by Lanczos methods with a stated error bound.
public let defaultDenseLimit = 400

/// The number of random probe vectors of the stochastic trace estimate of walk balance on large components.
public let defaultWalkBalanceProbes = 64

/// A spectral measure with how far it can be trusted.
public struct SpectralEstimate: Sendable, Equatable {
    /// The value (exact, or the estimate).
    public var value: Double
    /// A bound on |value − exact value|: 0 when exact. For walk balance on components above the dense limit it is
    /// three standard errors of the stochastic trace estimate (a 99.7% interval under the normal approximation,
    /// Hutchinson's estimator averaged over the probes); for algebraic conflict it is the Lanczos residual bound
    /// (an eigenvalue lies within it, and the value is never below the smallest eigenvalue).
    public var errorBound: Double
    /// Whether every component was diagonalised exactly (dense LAPACK).
    public var exact: Bool { errorBound == 0 }
}

/// Walk balance (Estrada 2019): K = Σᵢ e^{λᵢ(A)} / Σᵢ e^{λᵢ(|A|)} = tr e^{A} / tr e^{|A|}; see
/// ``walkBalanceEstimate(_:weighted:denseLimit:probes:seed:)``, of which this is the value.
///
/// - Throws: ``MetricError/didNotConverge(metric:iterations:)`` if LAPACK reports a failure.
/// - Complexity: see ``walkBalanceEstimate(_:weighted:denseLimit:probes:seed:)``.
public func walkBalance(_ graph: SignedGraph, weighted: Bool = false,
                        denseLimit: Int = defaultDenseLimit) throws(MetricError) -> Double? {
    try walkBalanceEstimate(graph, weighted: weighted, denseLimit: denseLimit)?.value
}

/// Walk balance (Estrada 2019): K = tr e^{A} / tr e^{|A|}, with an error bound.
///
/// The ratio of signed to unsigned closed walks, each walk of length k weighted 1/k!; 1 for a balanced graph,
/// lower when negative cycles abound. A is the signed adjacency matrix: ±1 per edge, or ±weight when
/// `weighted`. Both traces split over connected components, combined in log space (no overflow on dense
/// graphs). Isolated nodes add e⁰ = 1 to both sums. Components of at most `denseLimit` nodes are diagonalised
/// exactly (LAPACK `dsyevr`); larger ones by stochastic Lanczos quadrature (Ubaru, Chen & Saad 2017): `probes`
/// Rademacher vectors z (seeded, the same z for A and |A|, so that the two estimates are correlated and their
/// ratio is sharper), each zᵀe^{M}z by Gauss quadrature on a Lanczos run continued until it no longer changes
/// (1e-14). Two variance reductions: the converged extreme eigenvectors of a 40-step Lanczos run (full
/// reorthogonalisation) are summed exactly and projected out of the probes (deflation, as in Hutch++), and
/// g(M) = I + M + M²/2, whose trace is known, is subtracted from each probe as a control variate. The error
/// bound is three standard errors of the ratio (delta method over the probes). A balanced
/// component is switching-equivalent to |A| (same spectrum): its A-side is not computed again.
/// The empty graph gives `nil`.
///
/// - Throws: ``MetricError/didNotConverge(metric:iterations:)`` if LAPACK reports a failure.
/// - Complexity: O(Σ k_c³) over components up to the dense limit; O(p·s·(k_c + m_c)) above it (p probes, s
///   Lanczos steps, typically 20–60); memory O(max(limit², k_c + m_c)).
/// - Reference: E. Estrada, "Rethinking structural balance in signed social networks", Discrete Applied
///   Mathematics 268 (2019); S. Ubaru, J. Chen & Y. Saad, "Fast estimation of tr(f(A)) via stochastic Lanczos
///   quadrature", SIAM J. Matrix Anal. Appl. 38(4) (2017); G. H. Golub & G. Meurant, *Matrices, Moments and
///   Quadrature with Applications* (2010).
public func walkBalanceEstimate(_ graph: SignedGraph, weighted: Bool = false, denseLimit: Int = defaultDenseLimit,
                                probes: Int = defaultWalkBalanceProbes,
                                seed: UInt64 = 0x5EED_B10C) throws(MetricError) -> SpectralEstimate? {
    guard graph.nodeCount > 0 else { return nil }
    precondition(probes >= 2, "at least two probes")
    var signed = LogSum(), unsigned = LogSum()
    // Estimated components: log scale c and per-probe values s = wᵀe^{A}w·e^{-c}, u = wᵀe^{|A|}w·e^{-c}.
    var estimated: [(scale: Double, size: Int, s: [Double], u: [Double])] = []
    let balancedComponent = balancedComponents(graph)
    var local = [Int32](repeating: -1, count: graph.nodeCount)
    for (index, nodes) in componentMembers(graph).enumerated() {
        if nodes.count == 1 { signed.add(0); unsigned.add(0); continue }
        let isBalanced = balancedComponent[index]
        if nodes.count <= denseLimit {
            let a = denseAdjacency(graph, nodes: nodes, weighted: weighted, signed: true)
            let b = a.map { abs($0) }
            let unsignedValues = try eigenvalues(b, nodes.count, "walk_balance")
            for l in unsignedValues { unsigned.add(l) }
            for l in isBalanced ? unsignedValues : try eigenvalues(a, nodes.count, "walk_balance") { signed.add(l) }
            continue
        }
        for (i, v) in nodes.enumerated() { local[v] = Int32(i) }
        defer { for v in nodes { local[v] = -1 } }
        let b = ComponentMatrix(graph, nodes: nodes, local: local, weighted: weighted, absolute: true, laplacian: false)
        let a = isBalanced ? b : ComponentMatrix(graph, nodes: nodes, local: local, weighted: weighted, absolute: false, laplacian: false)
        var rng = SplitMix64(seed: seed &+ UInt64(nodes[0]))
        let k = nodes.count
        // Deflation: converged top (and bottom) eigenvectors q of each matrix are summed exactly (qᵀe^M q by
        // quadrature; a near-eigenvector ends the Lanczos run at once), and the probes are projected off them,
        // so the estimate only carries the rest of the spectrum: tr F = Σ qᵀFq + tr(PFP), P = I − QQᵀ.
        guard let qb = convergedRitzVectors(b, seed: seed ^ 0xB, steps: 40),
              let qa = isBalanced ? qb : convergedRitzVectors(a, seed: seed ^ 0xA, steps: 40)
        else { throw .didNotConverge(metric: "walk_balance", iterations: 40) }
        var deflatedS = LogSum(), deflatedU = LogSum()
        for x in blockLogGaussQuadratureExp(b, starts: qb, maxSteps: 300) {
            guard let x else { throw .didNotConverge(metric: "walk_balance", iterations: 300) }
            deflatedU.add(x)
        }
        for x in blockLogGaussQuadratureExp(a, starts: qa, maxSteps: 300) {
            guard let x else { throw .didNotConverge(metric: "walk_balance", iterations: 300) }
            deflatedS.add(x)
        }
        // Control variate: g(M) = I + M + M²/2, whose trace on the projected space is known exactly, takes out of
        // each probe the part of its variance that comes from the short walks (the largest off-diagonal terms).
        let traceGS = projectedTrace(a, qa), traceGU = projectedTrace(b, qb)
        var zbs = [[Double]](), zas = [[Double]](), gS = [Double](), gU = [Double]()
        for _ in 0..<probes {
            var z = [Double](repeating: 0, count: k)
            for i in 0..<k { z[i] = rng.next() & 1 == 0 ? 1 : -1 }
            let zb = projectedOff(z, qb), za = isBalanced ? zb : projectedOff(z, qa)
            zbs.append(zb)
            zas.append(za)
            gS.append(quadraticControl(a, za))
            gU.append(quadraticControl(b, zb))
        }
        // The probes' quadratures run eight at a time (one pass over the matrix per Lanczos step for all eight).
        let logU = try logQuadraturesOfVectors(b, zbs)
        let logS = isBalanced ? logU : try logQuadraturesOfVectors(a, zas)
        // Per-probe values wᵀe^M w (already unnormalised), on a common scale c.
        let c = max(logS.max()!, logU.max()!, deflatedS.log, deflatedU.log)
        let shift = exp(-c)
        let s = logS.indices.map { exp(logS[$0] - c) + (traceGS - gS[$0]) * shift }
        let u = logU.indices.map { exp(logU[$0] - c) + (traceGU - gU[$0]) * shift }
        let restS = s.reduce(0, +) / Double(probes), restU = u.reduce(0, +) / Double(probes)
        signed.add(c + log(restS + exp(deflatedS.log - c)))
        unsigned.add(c + log(restU + exp(deflatedU.log - c)))
        estimated.append((c, k, s, u))
    }
    // K ≤ 1 always (each closed walk counts ±1 in tr e^A and +1 in tr e^|A|): an estimate above 1 is moved to 1,
    // which only brings it closer to the true value.
    let value = min(1, exp(signed.log - unsigned.log))
    // Delta method on log K = log S − log U: Var ≈ Var S/S² + Var U/U² − 2 Cov(S, U)/(S·U), summed over the
    // independent estimated components (each a mean over its probes).
    var variance = 0.0
    for e in estimated {
        let p = Double(e.s.count)
        let ms = e.s.reduce(0, +) / p, mu = e.u.reduce(0, +) / p
        var vs = 0.0, vu = 0.0, cov = 0.0
        for i in 0..<e.s.count {
            vs += (e.s[i] - ms) * (e.s[i] - ms); vu += (e.u[i] - mu) * (e.u[i] - mu); cov += (e.s[i] - ms) * (e.u[i] - mu)
        }
        vs /= p * (p - 1); vu /= p * (p - 1); cov /= p * (p - 1)  // variances of the means
        let fs = exp(e.scale - signed.log), fu = exp(e.scale - unsigned.log)
        variance += vs * fs * fs + vu * fu * fu - 2 * cov * fs * fu
    }
    return SpectralEstimate(value: value, errorBound: estimated.isEmpty ? 0 : 3 * value * max(variance, 0).squareRoot())
}

/// Algebraic conflict (Kunegis et al. 2010): the smallest eigenvalue of the signed Laplacian L̄ = D̄ − A; see
/// ``algebraicConflictEstimate(_:weighted:denseLimit:)``, of which this is the value.
///
/// - Complexity: see ``algebraicConflictEstimate(_:weighted:denseLimit:)``.
public func algebraicConflict(_ graph: SignedGraph, weighted: Bool = false,
                              denseLimit: Int = defaultDenseLimit) throws(MetricError) -> Double? {
    try algebraicConflictEstimate(graph, weighted: weighted, denseLimit: denseLimit)?.value
}

/// Algebraic conflict (Kunegis et al. 2010): the smallest eigenvalue of the signed Laplacian L̄ = D̄ − A, with
/// D̄ᵢᵢ = Σⱼ |Aᵢⱼ|, with an error bound.
///
/// L̄ is positive semidefinite (xᵀL̄x = Σ_{ij∈E} |Aᵢⱼ|(xᵢ − σᵢⱼxⱼ)²), and its smallest eigenvalue is 0 exactly when
/// some connected component is balanced. As defined on the whole graph, a single balanced component, even one
/// isolated node, makes it 0 (exactly, found by parity union–find); only graphs whose every component is
/// unbalanced get a positive value, the least over components. Components of at most `denseLimit` nodes are
/// diagonalised exactly (LAPACK `dsyevr`); larger ones by Lanczos with full reorthogonalisation from a seeded
/// random start until the residual bound of the smallest Ritz value is below 1e-10·‖L̄‖ (at most 500 steps): the
/// error bound is that residual. A is ±1 per edge, or ±weight when `weighted`. The empty graph gives `nil`.
///
/// - Throws: ``MetricError/didNotConverge(metric:iterations:)`` if LAPACK reports a failure.
/// - Complexity: O(n + m) when a component is balanced; else O(Σ k_c³) up to the dense limit and
///   O(s·(k_c + m_c) + s²·k_c) above it for s Lanczos steps.
/// - Reference: J. Kunegis, S. Schmidt, A. Lommatzsch, J. Lerner, E. W. De Luca & S. Albayrak, "Spectral
///   analysis of signed graphs for clustering, prediction and visualization", SDM 2010; B. N. Parlett, *The
///   Symmetric Eigenvalue Problem* (1998), ch. 13 (Ritz value bounds).
public func algebraicConflictEstimate(_ graph: SignedGraph, weighted: Bool = false,
                                      denseLimit: Int = defaultDenseLimit) throws(MetricError) -> SpectralEstimate? {
    guard graph.nodeCount > 0 else { return nil }
    // Any balanced component (isolates included) gives the eigenvalue 0, the least possible.
    if balancedComponents(graph).contains(true) { return SpectralEstimate(value: 0, errorBound: 0) }
    var smallest = Double.infinity, bound = 0.0
    var local = [Int32](repeating: -1, count: graph.nodeCount)
    for nodes in componentMembers(graph) {
        let k = nodes.count
        if k <= denseLimit {
            var a = denseAdjacency(graph, nodes: nodes, weighted: weighted, signed: true)
            for i in 0..<k {
                var degree = 0.0
                for j in 0..<k { degree += abs(a[i * k + j]); a[i * k + j] = -a[i * k + j] }
                a[i * k + i] = degree
            }
            let values = try eigenvalues(a, k, "algebraic_conflict")
            let v = max(0, values[0])
            if v < smallest { smallest = v; bound = 0 }
            continue
        }
        for (i, v) in nodes.enumerated() { local[v] = Int32(i) }
        defer { for v in nodes { local[v] = -1 } }
        let l = ComponentMatrix(graph, nodes: nodes, local: local, weighted: weighted, absolute: false, laplacian: true)
        guard let r = smallestEigenvalue(l, seed: 0xA1C0 &+ UInt64(nodes[0]), maxSteps: 500)
        else { throw .didNotConverge(metric: "algebraic_conflict", iterations: 500) }
        let v = max(0, r.value)
        if v < smallest { smallest = v; bound = r.residual }
    }
    return SpectralEstimate(value: smallest, errorBound: bound)
}

/// wᵀ(I + M + M²/2)w.
private func quadraticControl(_ m: ComponentMatrix, _ w: [Double]) -> Double {
    var y = [Double](repeating: 0, count: m.n)
    w.withUnsafeBufferPointer { x in y.withUnsafeMutableBufferPointer { y in m.multiply(x, y) } }
    var total = 0.0
    for i in 0..<m.n { total += w[i] * w[i] + w[i] * y[i] + 0.5 * y[i] * y[i] }
    return total
}

/// tr(P g(M) P) for g(M) = I + M + M²/2 and P = I − QQᵀ: tr g(M) − Σ_q qᵀg(M)q, with tr M = Σ diagonal and
/// tr M² = Σ M_ij² (the squared Frobenius norm).
private func projectedTrace(_ m: ComponentMatrix, _ q: [[Double]]) -> Double {
    var total = Double(m.n)
    for i in 0..<m.n { total += m.diagonal[i] + 0.5 * m.diagonal[i] * m.diagonal[i] }
    for v in m.values { total += 0.5 * v * v }
    for v in q { total -= quadraticControl(m, v) }
    return total
}

/// z − Q(Qᵀz) for orthonormal columns Q.
private func projectedOff(_ z: [Double], _ q: [[Double]]) -> [Double] {
    var w = z
    for v in q {
        var d = 0.0
        for i in 0..<w.count { d += v[i] * w[i] }
        for i in 0..<w.count { w[i] -= d * v[i] }
    }
    return w
}

/// log(wᵀ e^M w) for each w, by Lanczos quadrature from w/‖w‖ (−∞ for w = 0), in blocks of runs.
private func logQuadraturesOfVectors(_ m: ComponentMatrix, _ ws: [[Double]]) throws(MetricError) -> [Double] {
    let norms = ws.map { w in w.reduce(0) { $0 + $1 * $1 } }
    let nonzero = ws.indices.filter { norms[$0] > 0 }
    let starts = nonzero.map { j in
        let r = 1 / norms[j].squareRoot()
        return ws[j].map { $0 * r }
    }
    var out = [Double](repeating: -.infinity, count: ws.count)
    for (j, x) in zip(nonzero, blockLogGaussQuadratureExp(m, starts: starts, maxSteps: 300)) {
        guard let x else { throw .didNotConverge(metric: "walk_balance", iterations: 300) }
        out[j] = x + log(norms[j])
    }
    return out
}

/// Whether each connected component (by ``GraphCore/connectedComponents(of:)`` label) is balanced.
private func balancedComponents(_ graph: SignedGraph) -> [Bool] {
    var uf = ParityUnionFind(count: graph.nodeCount)
    let label = connectedComponents(of: graph)
    let count = (label.max() ?? -1) + 1
    var balanced = [Bool](repeating: true, count: count)
    for e in graph.edges where !uf.union(Int(e.u), Int(e.v), odd: e.sign == .negative) { balanced[label[Int(e.u)]] = false }
    return balanced
}

/// Node lists of the connected components, each sorted, indexed by component label.
private func componentMembers(_ graph: SignedGraph) -> [[Int]] {
    let label = connectedComponents(of: graph)
    var members = [[Int]](repeating: [], count: (label.max() ?? -1) + 1)
    for v in 0..<graph.nodeCount { members[label[v]].append(v) }
    return members
}

private func denseAdjacency(_ graph: SignedGraph, nodes: [Int], weighted: Bool, signed: Bool) -> [Double] {
    let k = nodes.count
    var local = [Int: Int](minimumCapacity: k)
    for (i, v) in nodes.enumerated() { local[v] = i }
    var a = [Double](repeating: 0, count: k * k)
    for (i, v) in nodes.enumerated() {
        for (w, e) in graph.incidentEdges(of: v) {
            guard let j = local[w] else { continue }
            a[i * k + j] = (weighted ? e.weight : 1) * (signed ? e.sign.value : 1)
        }
    }
    return a
}

private func eigenvalues(_ a: [Double], _ k: Int, _ metric: String) throws(MetricError) -> [Double] {
    guard let values = symmetricEigenvalues(a, order: k) else { throw .didNotConverge(metric: metric, iterations: 0) }
    return values
}

/// log Σ e^{xᵢ}, accumulated stably.
struct LogSum {
    private(set) var log = -Double.infinity

    mutating func add(_ x: Double) {
        if log == -.infinity { log = x; return }
        let hi = Swift.max(log, x), lo = Swift.min(log, x)
        log = hi + log1p(exp(lo - hi))
    }
}
