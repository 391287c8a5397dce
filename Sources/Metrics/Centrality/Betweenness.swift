import GraphCore

/// Betweenness centrality (Brandes 2001), as NetworkX `betweenness_centrality(G, normalized=, weight=)`.
///
/// c_B(v) = Σ_{s≠v≠t} σ_st(v)/σ_st. `normalized` (the default) divides the ordered-pair sum by (n−1)(n−2),
/// the same as 2/((n−1)(n−2)) times the unordered sum; otherwise the unordered-pair sum is returned (half the
/// ordered one), which is igraph's `betweenness()`. Graphs with n ≤ 2 give zeros. With `weighted`, weights
/// are path lengths (Dijkstra), like NetworkX's `weight="weight"`.
///
/// To get closeness and harmonic centrality too, call ``pathCentralities(_:weighted:normalized:wfImproved:betweenness:closeness:harmonic:pivots:)``
/// once: it shares the searches.
///
/// - Complexity: O(n·m) unweighted, O(n·m log n) weighted; runs on all cores, deterministic.
/// - Reference: U. Brandes, J. Math. Sociol. 25(2):163–177 (2001).
public func betweennessCentrality(_ graph: SignedGraph, normalized: Bool = true, weighted: Bool = false) -> [Double] {
    pathCentralities(graph, weighted: weighted, normalized: normalized, betweenness: true, closeness: false).betweenness
}

/// Sampled betweenness (Brandes & Pich 2007): dependencies summed over the given pivot sources only, rescaled to
/// the whole graph exactly as NetworkX 3.6 `betweenness_centrality(G, k=len(pivots), normalized=, weight=)`
/// does when its random sample is `pivots` (see ``sampledBetweennessScale(nodeCount:pivotCount:normalized:isPivot:)``).
///
/// Pass the same pivots to every library to compare their estimates: igraph's `betweenness(sources=pivots)` is
/// half the pivots' dependency sum, so it equals this function's raw value divided by the scale factor.
/// Draw pivots with ``betweennessPivots(nodeCount:count:seed:)``. Every node as a pivot gives the exact value.
///
/// - Complexity: O(k·m) unweighted, O(k·m log n) weighted, on all cores, deterministic.
/// - Reference: U. Brandes & C. Pich, Int. J. Bifurcation and Chaos 17(7):2303–2318 (2007).
public func betweennessCentrality(_ graph: SignedGraph, pivots: [Int], normalized: Bool = true,
                                  weighted: Bool = false) -> [Double] {
    pathCentralities(graph, weighted: weighted, normalized: normalized, betweenness: true, closeness: false,
                     pivots: pivots).betweenness
}
