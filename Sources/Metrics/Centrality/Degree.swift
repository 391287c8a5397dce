import GraphCore

/// Degree centrality: deg(v)/(n−1), every edge counted whatever its sign or weight.
///
/// Matches NetworkX `degree_centrality`: with n ≤ 1 every node gets 1.
/// Callers pass the positive layer (``SignedGraph/layer(_:)``) for the alliance view.
///
/// - Complexity: O(n).
public func degreeCentrality(_ graph: SignedGraph) -> [Double] {
    let n = graph.nodeCount
    guard n > 1 else { return [Double](repeating: 1, count: n) }
    let s = 1.0 / Double(n - 1)
    return (0..<n).map { Double(graph.degree(of: $0)) * s }
}

/// Strength: the sum of the weights (magnitudes) of a node's edges. NetworkX `G.degree(weight="weight")`.
///
/// - Complexity: O(n + m).
public func strength(_ graph: SignedGraph) -> [Double] {
    var result = [Double](repeating: 0, count: graph.nodeCount)
    for e in graph.edges {
        result[Int(e.u)] += e.weight
        result[Int(e.v)] += e.weight
    }
    return result
}
