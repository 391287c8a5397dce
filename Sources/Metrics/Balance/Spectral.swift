import GraphCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The default largest component (in nodes) that the dense O(k³) eigenvalue computations accept.
public let defaultDenseLimit = 2000

/// Walk balance (Estrada 2019): K = Σᵢ e^{λᵢ(A)} / Σᵢ e^{λᵢ(|A|)} = tr e^{A} / tr e^{|A|}.
///
/// The ratio of signed to unsigned closed walks, each walk of length k weighted 1/k!; 1 for a balanced graph,
/// lower when negative cycles abound. A is the signed adjacency matrix: ±1 per edge, or ±weight when
/// `weighted`. Both traces split over connected components (the same for A and |A|), so each component is
/// diagonalised alone and the sums are combined in log space (no overflow on dense graphs). Isolated nodes add
/// e⁰ = 1 to both sums. The empty graph gives `nil`.
///
/// - Throws: ``MetricError/tooLarge(metric:nodes:limit:)`` when a component exceeds `denseLimit` nodes.
/// - Complexity: O(Σ_c k_c³) over components of k_c nodes; memory O(max k_c²).
/// - Reference: E. Estrada, "Rethinking structural balance in signed social networks", Discrete Applied
///   Mathematics 268 (2019); E. Estrada & M. Benzi, Phys. Rev. E 90 (2014).
public func walkBalance(_ graph: SignedGraph, weighted: Bool = false,
                        denseLimit: Int = defaultDenseLimit) throws(MetricError) -> Double? {
    guard graph.nodeCount > 0 else { return nil }
    var signed = LogSum(), unsigned = LogSum()
    for nodes in try components(graph, metric: "walk_balance", limit: denseLimit) {
        if nodes.count == 1 { signed.add(0); unsigned.add(0); continue }
        let a = denseAdjacency(graph, nodes: nodes, weighted: weighted, signed: true)
        let b = a.map { abs($0) }
        for l in try eigenvalues(a, nodes.count, "walk_balance") { signed.add(l) }
        for l in try eigenvalues(b, nodes.count, "walk_balance") { unsigned.add(l) }
    }
    return exp(signed.log - unsigned.log)
}

/// Algebraic conflict (Kunegis et al. 2010): the smallest eigenvalue of the signed Laplacian L̄ = D̄ − A, with
/// D̄ᵢᵢ = Σⱼ |Aᵢⱼ|.
///
/// L̄ is positive semidefinite (xᵀL̄x = Σ_{ij∈E} |Aᵢⱼ|(xᵢ − σᵢⱼxⱼ)²), and its smallest eigenvalue is 0 exactly when
/// some connected component is balanced. As defined on the whole graph, a single balanced component, even one
/// isolated node, makes it 0; only graphs whose every component is unbalanced get a positive value. Each
/// component is diagonalised alone (balanced ones are skipped: their minimum is 0). A is ±1 per edge, or
/// ±weight when `weighted`. The empty graph gives `nil`.
///
/// - Throws: ``MetricError/tooLarge(metric:nodes:limit:)`` when an unbalanced component exceeds `denseLimit`.
/// - Complexity: O(n + m) when a component is balanced, else O(Σ_c k_c³).
/// - Reference: J. Kunegis, S. Schmidt, A. Lommatzsch, J. Lerner, E. W. De Luca & S. Albayrak, "Spectral
///   analysis of signed graphs for clustering, prediction and visualization", SDM 2010.
public func algebraicConflict(_ graph: SignedGraph, weighted: Bool = false,
                              denseLimit: Int = defaultDenseLimit) throws(MetricError) -> Double? {
    guard graph.nodeCount > 0 else { return nil }
    // Any balanced component (isolates included) gives the eigenvalue 0, the least possible.
    var uf = ParityUnionFind(count: graph.nodeCount)
    let label = connectedComponents(of: graph)
    let count = (label.max() ?? -1) + 1
    var unbalanced = [Bool](repeating: false, count: count)
    for e in graph.edges where !uf.union(Int(e.u), Int(e.v), odd: e.sign == .negative) { unbalanced[label[Int(e.u)]] = true }
    if unbalanced.contains(false) { return 0 }
    var smallest = Double.infinity
    for nodes in try components(graph, metric: "algebraic_conflict", limit: denseLimit) {
        var a = denseAdjacency(graph, nodes: nodes, weighted: weighted, signed: true)
        let k = nodes.count
        for i in 0..<k {
            var degree = 0.0
            for j in 0..<k { degree += abs(a[i * k + j]); a[i * k + j] = -a[i * k + j] }
            a[i * k + i] = degree
        }
        let values = try eigenvalues(a, k, "algebraic_conflict")
        smallest = min(smallest, max(0, values[0]))
    }
    return smallest
}

/// Node lists of the connected components, each sorted; throws when one exceeds `limit`.
private func components(_ graph: SignedGraph, metric: String, limit: Int) throws(MetricError) -> [[Int]] {
    let label = connectedComponents(of: graph)
    var members = [[Int]](repeating: [], count: (label.max() ?? -1) + 1)
    for v in 0..<graph.nodeCount { members[label[v]].append(v) }
    if let big = members.map(\.count).max(), big > limit { throw .tooLarge(metric: metric, nodes: big, limit: limit) }
    return members
}

private func denseAdjacency(_ graph: SignedGraph, nodes: [Int], weighted: Bool, signed: Bool) -> [Double] {
    let k = nodes.count
    var local = [Int: Int](minimumCapacity: k)
    for (i, v) in nodes.enumerated() { local[v] = i }
    var a = [Double](repeating: 0, count: k * k)
    for (i, v) in nodes.enumerated() {
        for idx in graph.offsets[v]..<graph.offsets[v + 1] {
            guard let j = local[Int(graph.targets[idx])] else { continue }
            let e = graph.edges[Int(graph.arcEdges[idx])]
            a[i * k + j] = (weighted ? e.weight : 1) * (signed ? e.sign.value : 1)
        }
    }
    return a
}

private func eigenvalues(_ a: [Double], _ k: Int, _ metric: String) throws(MetricError) -> [Double] {
    guard let values = symmetricEigenvalues(a, order: k) else { throw .didNotConverge(metric: metric, iterations: 60) }
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
