import Testing
import TestSupport
@testable import GraphCore
@testable import Metrics

@Suite("Degree and strength")
struct DegreeTests {
    @Test("Degree centrality is deg/(n−1); 1 for every node when n ≤ 1 (NetworkX convention)")
    func degree() {
        let g = SignedGraph(nodeCount: 4, edges: [SignedEdge(0, 1, sign: .positive), SignedEdge(0, 2, weight: 3, sign: .negative)])
        let expected: [Double] = [2.0 / 3, 1.0 / 3, 1.0 / 3, 0]
        #expect(degreeCentrality(g) == expected)
        #expect(degreeCentrality(.empty(nodeCount: 1)) == [1])
        #expect(degreeCentrality(.empty(nodeCount: 0)) == [])
    }

    @Test("Strength sums edge magnitudes")
    func strengthSums() {
        let g = SignedGraph(nodeCount: 3, edges: [SignedEdge(0, 1, weight: 0.5, sign: .positive), SignedEdge(0, 2, weight: 3, sign: .negative)])
        #expect(strength(g) == [3.5, 0.5, 3])
    }
}
