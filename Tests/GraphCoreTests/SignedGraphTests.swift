import Testing
import TestSupport
@testable import GraphCore

@Suite("Signed graph (CSR)")
struct SignedGraphTests {
    @Test("CSR rows list each neighbour once, increasing, with the right edge")
    func csrRows() {
        let g = SignedGraph(nodeCount: 5, edges: [
            SignedEdge(3, 1, sign: .negative), SignedEdge(0, 1, weight: 2, sign: .positive),
            SignedEdge(1, 2, sign: .positive), SignedEdge(4, 1, sign: .positive),
        ])
        #expect(g.edges.map { [$0.u, $0.v] } == [[0, 1], [1, 2], [1, 3], [1, 4]])
        #expect(Array(g.neighbors(of: 1)) == [0, 2, 3, 4])
        #expect(Array(g.neighbors(of: 0)) == [1])
        #expect(g.degree(of: 1) == 4)
        #expect(g.edge(between: 3, and: 1)?.sign == .negative)
        #expect(g.edge(between: 1, and: 0)?.weight == 2)
        #expect(g.edge(between: 0, and: 4) == nil)
        #expect(g.positiveEdgeCount == 3 && g.negativeEdgeCount == 1)
        #expect(g.layer(.negative).edges == [SignedEdge(1, 3, sign: .negative)])
        #expect(isClose(g.density, 4.0 / 10))
    }

    @Test("CSR invariants hold on seeded random graphs", arguments: [UInt64(7), 8, 9])
    func csrInvariants(seed: UInt64) {
        let g = RandomGraphs.signed(n: 60, p: 0.15, weighted: true, seed: seed)
        #expect(g.offsets.count == 61 && g.targets.count == 2 * g.edgeCount)
        for x in 0..<g.nodeCount {
            let row = Array(g.neighbors(of: x))
            #expect(row == row.sorted() && Set(row).count == row.count)
            for (k, y) in row.enumerated() {
                let e = g.edges[Int(g.arcEdges[g.offsets[x] + k])]
                #expect((Int(e.u), Int(e.v)) == (min(x, Int(y)), max(x, Int(y))))
            }
        }
    }

    @Test("Aggregation sums signed weights per pair and counts cancelling pairs")
    func aggregation() {
        let agg = SignedGraph.aggregating(nodeCount: 4, contributions: [
            (0, 1, 1), (1, 0, -1),  // cancels
            (2, 1, 2), (1, 2, -0.5),  // +1.5
            (3, 0, -1), (0, 3, -1),  // −2
            (2, 2, 5),  // self-pair ignored
        ])
        #expect(agg.ambivalentPairs == 1)
        #expect(agg.graph.edges == [SignedEdge(0, 3, weight: 2, sign: .negative), SignedEdge(1, 2, weight: 1.5, sign: .positive)])
    }

    @Test("Components: canonical labels, filtered by sign, isolates alone")
    func components() {
        let g = SignedGraph(nodeCount: 6, edges: [
            SignedEdge(0, 2, sign: .positive), SignedEdge(2, 4, sign: .positive), SignedEdge(1, 3, sign: .positive),
            SignedEdge(3, 4, sign: .negative),
        ])
        #expect(connectedComponents(of: g) == [0, 0, 0, 0, 0, 1])
        #expect(connectedComponents(of: g) { $0.sign == .positive } == [0, 1, 0, 1, 0, 2])
        #expect(connectedComponents(of: g) { $0.sign == .negative } == [0, 1, 2, 3, 3, 4])
        #expect(connectedComponents(of: .empty(nodeCount: 0)) == [])
        #expect(breadthFirstDistances(in: g, from: 0) == [0, 4, 1, 3, 2, -1])
    }
}
