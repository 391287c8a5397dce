/// Why a metric has no value for a graph. Metrics never return a silent number in these cases.
public enum MetricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A power iteration (eigenvector, PageRank, Katz) did not meet its tolerance within `iterations` steps.
    case didNotConverge(metric: String, iterations: Int)
    /// Katz centrality needs α < 1/λ_max; `spectralRadius` is λ_max of the adjacency matrix.
    case katzAlphaTooLarge(alpha: Double, spectralRadius: Double)
    /// The metric is undefined on the graph with no nodes (NetworkX raises `NetworkXPointlessConcept`).
    case emptyGraph(metric: String)
    /// The linear system of PN-centrality, I − A*/(2n−2), is singular or not positive definite.
    case singularSystem(metric: String)
    /// A dense (O(k³)) computation was refused because a component has `nodes` > `limit` nodes.
    case tooLarge(metric: String, nodes: Int, limit: Int)

    /// The metric's name, as used in output columns.
    public var metric: String {
        switch self {
        case .didNotConverge(let m, _), .emptyGraph(let m), .singularSystem(let m), .tooLarge(let m, _, _): return m
        case .katzAlphaTooLarge: return "katz"
        }
    }

    public var description: String {
        switch self {
        case .didNotConverge(let m, let i): return "\(m): did not converge in \(i) iterations"
        case .katzAlphaTooLarge(let a, let r):
            return "katz: alpha \(a) is not below 1/lambda_max = \(1 / r) (lambda_max = \(r))"
        case .emptyGraph(let m): return "\(m): undefined on a graph with no nodes"
        case .singularSystem(let m): return "\(m): the linear system is singular"
        case .tooLarge(let m, let n, let l): return "\(m): a component has \(n) nodes, above the dense limit \(l)"
        }
    }
}
