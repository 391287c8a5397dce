import GraphCore

/// Coalitions as the connected components of the alliance (positive) graph.
///
/// Two actors are in the same coalition when a path of alliances joins them. Negative ties play no part in the
/// grouping; those that fall inside a component are the obstacles to Davis clusterability.
///
/// - Complexity: O(n + m·α(n)).
/// - Reference: Davis, J. A. (1967), "Clustering and structural balance in graphs", Human Relations 20(2).
public func positiveComponents(of graph: SignedGraph) -> Partition {
    Partition(labels: connectedComponents(of: graph) { $0.sign == .positive })
}

// Davis clusterability, the property that makes these components violation-free, is `isClusterable(_:)` of the
// Metrics module (one definition for both).
