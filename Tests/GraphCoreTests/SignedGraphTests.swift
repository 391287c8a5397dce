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

    @Test("Incident edges, arc values and the induced subgraph, by hand")
    func accessLayer() {
        // 0 -+ 1, 1 -- 2 (rivalry, weight 3), 1 -+ 3, 2 -+ 3, 3 -+ 4
        let g = SignedGraph(nodeCount: 5, edges: [
            SignedEdge(0, 1, sign: .positive), SignedEdge(1, 2, weight: 3, sign: .negative),
            SignedEdge(1, 3, sign: .positive), SignedEdge(2, 3, weight: 2, sign: .positive), SignedEdge(3, 4, sign: .positive),
        ])
        #expect(g.incidentEdges(of: 1).map { $0.neighbor } == [0, 2, 3])
        #expect(g.incidentEdges(of: 1).map { $0.edge.signedWeight } == [1, -3, 1])
        #expect(g.incidentEdges(of: 4).map { $0.neighbor } == [3])
        #expect(g.arcs(of: 2) == 4..<6)
        #expect(g.arcValues { $0.signedWeight } == [1, 1, -3, 1, -3, 2, 1, 2, 1, 1])
        // Induced by [3, 1, 2]: local 0 = 3, 1 = 1, 2 = 2; edges 1–3, 1–2, 2–3 kept, 0–1 and 3–4 dropped.
        let h = g.induced(by: [3, 1, 2])
        #expect(h.nodeCount == 3)
        #expect(h.edges == [SignedEdge(0, 1, sign: .positive), SignedEdge(0, 2, weight: 2, sign: .positive),
                            SignedEdge(1, 2, weight: 3, sign: .negative)])
        #expect(g.induced(by: []).nodeCount == 0)
        #expect(g.induced(by: [4, 0]).edgeCount == 0)
    }

    @Test("The binary search finds the first element past a key", arguments: [UInt64(1), 2, 3])
    func partitionPoint(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let values = (0..<200).map { _ in Int(rng.bounded(50)) }.sorted()
        for key in -1...51 {
            for range in [0..<200, 17..<150, 40..<40] {
                let expected = range.first { values[$0] >= key } ?? range.upperBound
                #expect(values.partitionPoint(in: range) { $0 >= key } == expected)
            }
        }
    }

    @Test("The min-heap pops keys in increasing order", arguments: [UInt64(4), 5])
    func minHeap(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var heap = MinHeap(capacity: 4)
        var pushed: [Double] = []
        for i in 0..<300 {
            let key = Double(rng.bounded(1000)) / 7
            heap.push(key, Int32(i))
            pushed.append(key)
        }
        #expect(heap.count == 300)
        var popped: [Double] = []
        while let (key, node) = heap.pop() {
            #expect(pushed[Int(node)] == key)
            popped.append(key)
        }
        #expect(popped == pushed.sorted())
        #expect(heap.pop() == nil)
    }
}
