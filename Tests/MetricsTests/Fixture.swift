import Foundation
import GraphCore
import Testing

/// One NetworkX reference fixture written by `scripts/make-fixtures`.
struct Fixture: Decodable, Sendable, CustomTestStringConvertible {
    struct Centralities: Decodable, Sendable {
        var degree: [Double]
        var strength: [Double]
        var betweenness: [Double]
        var betweenness_raw: [Double]
        var betweenness_weighted: [Double]
        var betweenness_weighted_raw: [Double]
        var closeness: [Double]
        var closeness_raw: [Double]
        var closeness_weighted: [Double]
        var harmonic: [Double]
        var harmonic_weighted: [Double]
        var eigenvector: [Double]?
        var eigenvector_weighted: [Double]?
        var pagerank: [Double]?
        var pagerank_unweighted: [Double]?
        var katz: [Double]?
        var betweenness_sampled: Sampled?
        var errors: [String: String]
    }

    /// NetworkX `betweenness_centrality(k=len(pivots), ...)` with its sample replaced by `pivots`.
    struct Sampled: Decodable, Sendable {
        var pivots: [Int]
        var normalized: [Double]
        var raw: [Double]
        var weighted: [Double]
        var weighted_raw: [Double]
    }

    struct Signed: Decodable, Sendable {
        var census: [Int]
        var walk_balance: Double?
        var algebraic_conflict: Double?
        var pn: [Double]?
        var frustration: Int?
    }

    var name: String
    var nodes: Int
    var edges: [[Double]]
    var networkx: Centralities
    var signed: Signed

    var testDescription: String { name }

    var graph: SignedGraph {
        SignedGraph(nodeCount: nodes, edges: edges.map {
            SignedEdge(Int32($0[0]), Int32($0[1]), weight: $0[3], sign: $0[2] > 0 ? .positive : .negative)
        })
    }

    static func load(_ name: String) throws -> Fixture {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    /// Every fixture, in the order of `Fixtures/index.json`.
    static let all: [Fixture] = {
        guard let url = Bundle.module.url(forResource: "index", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let names = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return names.compactMap { try? load($0) }
    }()
}
