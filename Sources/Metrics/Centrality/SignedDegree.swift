import GraphCore

/// The signed degrees of every node: counts of positive and negative edges, and strengths.
public struct SignedDegrees: Sendable, Equatable {
    /// Number of positive (alliance) edges at each node.
    public var positive: [Int]
    /// Number of negative (rivalry) edges at each node.
    public var negative: [Int]
    /// Sum of the magnitudes of positive edges.
    public var positiveStrength: [Double]
    /// Sum of the magnitudes of negative edges.
    public var negativeStrength: [Double]

    /// Net degree: positive − negative.
    public var net: [Int] { zip(positive, negative).map { $0 - $1 } }

    /// Positive share: d⁺/(d⁺ + d⁻), `nil` for isolates.
    public var ratio: [Double?] {
        zip(positive, negative).map { p, q in p + q == 0 ? nil : Double(p) / Double(p + q) }
    }
}

/// Positive, negative, net degree and signed strengths of every node.
///
/// d⁺(v) = |{e ∋ v : σ(e) = +1}|, d⁻(v) = |{e ∋ v : σ(e) = −1}|, net = d⁺ − d⁻, ratio = d⁺/(d⁺ + d⁻).
/// NetworkX has no signed degree; on the layers it equals `G_pos.degree`, `G_neg.degree`.
///
/// - Complexity: O(n + m).
public func signedDegrees(_ graph: SignedGraph) -> SignedDegrees {
    let n = graph.nodeCount
    var r = SignedDegrees(positive: .init(repeating: 0, count: n), negative: .init(repeating: 0, count: n),
                          positiveStrength: .init(repeating: 0, count: n), negativeStrength: .init(repeating: 0, count: n))
    for e in graph.edges {
        let u = Int(e.u), v = Int(e.v)
        if e.sign == .positive {
            r.positive[u] += 1; r.positive[v] += 1
            r.positiveStrength[u] += e.weight; r.positiveStrength[v] += e.weight
        } else {
            r.negative[u] += 1; r.negative[v] += 1
            r.negativeStrength[u] += e.weight; r.negativeStrength[v] += e.weight
        }
    }
    return r
}
