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

/// Davis clusterability: a signed graph is clusterable (weakly balanced) iff no negative edge joins two nodes
/// of the same positive component. Then the positive components are a partition with no violation at all.
///
/// - Complexity: O(n + m·α(n)).
/// - Reference: Davis (1967).
public func isClusterable(_ graph: SignedGraph) -> Bool {
    let labels = connectedComponents(of: graph) { $0.sign == .positive }
    return !graph.edges.contains { $0.sign == .negative && labels[Int($0.u)] == labels[Int($0.v)] }
}
