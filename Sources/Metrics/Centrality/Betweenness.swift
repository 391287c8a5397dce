import GraphCore

/// Betweenness centrality (Brandes 2001), as NetworkX `betweenness_centrality(G, normalized=, weight=)`.
///
/// c_B(v) = Σ_{s≠v≠t} σ_st(v)/σ_st. `normalized` (the default) divides the ordered-pair sum by (n−1)(n−2),
/// the same as 2/((n−1)(n−2)) times the unordered sum; otherwise the unordered-pair sum is returned (half the
/// ordered one), which is igraph's `betweenness()`. Graphs with n ≤ 2 give zeros. With `weighted`, weights
/// are path lengths (Dijkstra), like NetworkX's `weight="weight"`.
///
/// To get closeness and harmonic centrality too, call ``pathCentralities(_:weighted:normalized:wfImproved:betweenness:closeness:)``
/// once: it shares the searches.
///
/// - Complexity: O(n·m) unweighted, O(n·m log n) weighted; runs on all cores, deterministic.
/// - Reference: U. Brandes, J. Math. Sociol. 25(2):163–177 (2001).
public func betweennessCentrality(_ graph: SignedGraph, normalized: Bool = true, weighted: Bool = false) -> [Double] {
    pathCentralities(graph, weighted: weighted, normalized: normalized, betweenness: true, closeness: false).betweenness
}
