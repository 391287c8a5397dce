import GraphCore

/// The weighted imbalance of a partition: `negativeInside · N + positiveBetween · P`, where N is the total weight
/// of negative edges inside blocks and P the total weight of positive edges between blocks.
///
/// With both costs 1 this is the correlation-clustering objective (on unit weights: the number of violating
/// ties); with `negativeInside = α` and `positiveBetween = 1 − α` it is the Doreian–Mrvar criterion P(C).
///
/// - Complexity: O(m).
/// - Reference: Doreian, P. & Mrvar, A. (1996), "A partitioning approach to structural balance", Social
///   Networks 18, 149–168.
public func imbalance(of partition: Partition, in graph: SignedGraph,
                      negativeInside: Double = 1, positiveBetween: Double = 1) -> Double {
    imbalance(labels: partition.labels, in: graph, negativeInside: negativeInside, positiveBetween: positiveBetween)
}

/// ``imbalance(of:in:negativeInside:positiveBetween:)`` of any labelling (only which nodes share a label counts,
/// so the optimizers' raw labels need no canonical ``Partition`` first). - Complexity: O(m).
func imbalance(labels: [Int], in graph: SignedGraph, negativeInside: Double = 1, positiveBetween: Double = 1) -> Double {
    precondition(labels.count == graph.nodeCount, "partition and graph differ in size")
    var negIn = 0.0, posOut = 0.0
    for e in graph.edges {
        let same = labels[Int(e.u)] == labels[Int(e.v)]
        if same && e.sign == .negative { negIn += e.weight }
        if !same && e.sign == .positive { posOut += e.weight }
    }
    return negativeInside * negIn + positiveBetween * posOut
}

/// The edges that violate a partition: positive edges across blocks and negative edges inside a block, in the
/// graph's edge order.
///
/// - Complexity: O(m).
public func violatingEdges(of partition: Partition, in graph: SignedGraph) -> [SignedEdge] {
    precondition(partition.labels.count == graph.nodeCount, "partition and graph differ in size")
    return graph.edges.filter { e in
        let same = partition.labels[Int(e.u)] == partition.labels[Int(e.v)]
        return same == (e.sign == .negative)
    }
}
