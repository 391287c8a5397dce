import GraphCore

/// Closeness centrality, as NetworkX `closeness_centrality(G, distance=, wf_improved=)`.
///
/// C(u) = (r−1)/Σ_v d(u,v) over the r nodes that reach u (u included); with `wfImproved` (NetworkX's default)
/// it is multiplied by (r−1)/(n−1), the Wasserman–Faust correction for disconnected graphs. Isolated nodes
/// (and the one-node graph) get 0. igraph's `closeness()` equals `wfImproved: false`. With `weighted`, weights
/// are path lengths.
///
/// - Complexity: O(n·m) unweighted, O(n·m log n) weighted; runs on all cores.
/// - Reference: S. Wasserman & K. Faust, *Social Network Analysis*, Cambridge (1994), §5.3.
public func closenessCentrality(_ graph: SignedGraph, wfImproved: Bool = true, weighted: Bool = false) -> [Double] {
    pathCentralities(graph, weighted: weighted, wfImproved: wfImproved, betweenness: false, closeness: true,
                     harmonic: false).closeness
}

/// Harmonic centrality, as NetworkX `harmonic_centrality(G, distance=)`.
///
/// H(u) = Σ_{v≠u} 1/d(u,v), with 1/∞ = 0; not normalised (igraph's `harmonic_centrality()` divides by n−1).
///
/// - Complexity: O(n·m) unweighted, O(n·m log n) weighted; runs on all cores.
/// - Reference: M. Marchiori & V. Latora, Physica A 285 (2000); P. Boldi & S. Vigna, Internet Math. 10 (2014).
public func harmonicCentrality(_ graph: SignedGraph, weighted: Bool = false) -> [Double] {
    pathCentralities(graph, weighted: weighted, betweenness: false, closeness: true).harmonic
}
