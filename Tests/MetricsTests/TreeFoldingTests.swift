import GraphCore
import Metrics
import Testing
import TestSupport

/// The degree-1 folding of the exact path centralities against closed forms (by hand), on graphs that are folded
/// entirely (paths, stars, forests) and on one too long to fold (a 3,000-node path, searched without folding).
/// The NetworkX fixtures `leaf-trees`, `caterpillar` and `sparse-trees` cover trees hanging from cycles.
@Suite("Path centralities on trees")
struct TreeFoldingTests {
    func graph(_ n: Int, _ edges: [(Int, Int)]) -> SignedGraph {
        SignedGraph(nodeCount: n, edges: edges.map { SignedEdge(Int32($0.0), Int32($0.1), sign: .positive) })
    }

    /// Path 0 – 1 – … – (n−1): node i lies between i·(n−1−i) unordered pairs; its distances are 1…i and 1…n−1−i.
    func expectPath(_ n: Int) {
        let g = graph(n, (0..<(n - 1)).map { ($0, $0 + 1) })
        let all = pathCentralities(g, normalized: false)
        for i in 0..<n {
            let left = i, right = n - 1 - i
            #expect(all.betweenness[i] == Double(left * right), "path \(n) betweenness[\(i)]")
            let total = left * (left + 1) / 2 + right * (right + 1) / 2
            #expect(all.closeness[i] == Double(n - 1) / Double(total), "path \(n) closeness[\(i)]")
            var h = 0.0
            for k in 1..<(max(left, right) + 1) { h += (k <= left ? 1.0 : 0.0) / Double(k) + (k <= right ? 1.0 : 0.0) / Double(k) }
            #expect(isClose(all.harmonic[i], h, tolerance: 1e-12), "path \(n) harmonic[\(i)]")
        }
    }

    @Test func shortPathIsFolded() { expectPath(60) }

    @Test func longPathIsSearchedWithoutFolding() { expectPath(3000) }

    @Test func starWithFiveHundredLeaves() {
        let n = 501
        let g = graph(n, (1..<n).map { (0, $0) })
        let raw = pathCentralities(g, normalized: false)
        #expect(raw.betweenness[0] == Double(500 * 499 / 2))
        #expect(raw.betweenness[1...].allSatisfy { $0 == 0 })
        #expect(raw.closeness[0] == 1)
        #expect(raw.closeness[1...].allSatisfy { $0 == 500.0 / 999.0 })
        #expect(raw.harmonic[0] == 500)
        #expect(raw.harmonic[1...].allSatisfy { isClose($0, 1 + 499.0 / 2, tolerance: 1e-12) })
        let normalized = betweennessCentrality(g)
        #expect(isClose(normalized[0], 1, tolerance: 1e-15))
    }

    /// A forest of a 4-node path, a 3-leaf star and two isolated nodes: closeness scaled by (r−1)/(n−1) per component.
    @Test func forestWithIsolatedNodes() {
        let n = 10
        let g = graph(n, [(0, 1), (1, 2), (2, 3), (4, 5), (4, 6), (4, 7)])
        let all = pathCentralities(g, normalized: false)
        #expect(all.betweenness == [0, 2, 2, 0, 3, 0, 0, 0, 0, 0])
        let nine = 9.0
        // Path of 4: distance sums 6, 4, 4, 6; star of 4: 3 at the centre, 5 at each leaf; isolated: 0.
        let expected = [3 / 6 * 3 / nine, 3 / 4 * 3 / nine, 3 / 4 * 3 / nine, 3 / 6 * 3 / nine,
                        1 * 3 / nine, 3 / 5 * 3 / nine, 3 / 5 * 3 / nine, 3 / 5 * 3 / nine, 0, 0]
        for i in 0..<n { #expect(isClose(all.closeness[i], expected[i], tolerance: 1e-15), "closeness[\(i)]") }
        #expect(all.harmonic[8] == 0 && all.harmonic[9] == 0)
        #expect(isClose(all.harmonic[0], 1 + 0.5 + 1.0 / 3, tolerance: 1e-15))
    }

    /// Asking for closeness without harmonic centrality changes neither closeness nor betweenness.
    @Test func harmonicIsOptional() {
        let g = graph(12, [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (3, 6), (0, 7), (7, 8), (9, 10)])
        let with = pathCentralities(g)
        let without = pathCentralities(g, harmonic: false)
        #expect(without.harmonic.isEmpty)
        #expect(with.betweenness == without.betweenness && with.closeness == without.closeness)
        #expect(with.harmonic.count == 12)
    }
}
