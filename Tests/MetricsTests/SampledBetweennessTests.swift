import Foundation
import GraphCore
import Metrics
import Snapshots
import Testing
import TestSupport

/// Sampled-pivot betweenness (Brandes & Pich 2007) with NetworkX 3.6's scaling.
@Suite("Sampled betweenness")
struct SampledBetweennessTests {
    func expectClose(_ actual: [Double], _ expected: [Double], _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(what): count", sourceLocation: sourceLocation)
        for (i, (a, b)) in zip(actual, expected).enumerated() where !isClose(a, b, tolerance: 1e-9) {
            Issue.record("\(what)[\(i)]: \(a) ≠ NetworkX \(b)", sourceLocation: sourceLocation)
            return
        }
    }

    static let sampledFixtures = Fixture.all.filter { $0.networkx.betweenness_sampled != nil }

    @Test func fixturesHaveSamples() {
        #expect(Self.sampledFixtures.count >= 14)
    }

    /// The NetworkX fixture: `betweenness_centrality(G, k=len(pivots), seed=<a sampler returning pivots>)`.
    @Test(arguments: sampledFixtures) func equalsNetworkXOnTheSamePivots(_ f: Fixture) throws {
        let s = try #require(f.networkx.betweenness_sampled)
        let g = f.graph.layer(.positive)
        expectClose(betweennessCentrality(g, pivots: s.pivots), s.normalized, "\(f.name) sampled")
        expectClose(betweennessCentrality(g, pivots: s.pivots, normalized: false), s.raw, "\(f.name) sampled raw")
        expectClose(betweennessCentrality(g, pivots: s.pivots, weighted: true), s.weighted, "\(f.name) sampled weighted")
        expectClose(betweennessCentrality(g, pivots: s.pivots, normalized: false, weighted: true), s.weighted_raw,
                    "\(f.name) sampled weighted raw")
    }

    /// Shared with the all-source closeness search, sampled betweenness is the same, and closeness stays exact.
    @Test(arguments: sampledFixtures) func sharedSearchKeepsClosenessExact(_ f: Fixture) throws {
        let s = try #require(f.networkx.betweenness_sampled)
        let g = f.graph.layer(.positive)
        for weighted in [false, true] {
            let shared = pathCentralities(g, weighted: weighted, pivots: s.pivots)
            #expect(shared.betweenness == betweennessCentrality(g, pivots: s.pivots, weighted: weighted))
            #expect(shared.closeness == closenessCentrality(g, weighted: weighted))
            #expect(shared.harmonic == harmonicCentrality(g, weighted: weighted))
        }
        // The order in which pivots are given does not matter, to the bit.
        #expect(betweennessCentrality(g, pivots: s.pivots.reversed()) == betweennessCentrality(g, pivots: s.pivots))
    }

    /// k = n: every node a pivot is the exact betweenness, bit for bit.
    @Test(arguments: Fixture.all) func everyNodeAPivotIsExact(_ f: Fixture) {
        let g = f.graph.layer(.positive)
        let all = Array((0..<f.nodes).reversed())
        #expect(betweennessCentrality(g, pivots: all) == betweennessCentrality(g))
        #expect(betweennessCentrality(g, pivots: all, normalized: false, weighted: true)
                == betweennessCentrality(g, normalized: false, weighted: true))
        #expect(pathCentralities(g, pivots: all) == pathCentralities(g))
    }

    @Test func everyNodeAPivotIsExactOnALargerGraph() {
        let g = RandomGraphs.signed(n: 400, p: 0.012, negativeShare: 0, weighted: true, seed: 5)
        let all = betweennessPivots(nodeCount: 400, count: 400, seed: 3)
        #expect(all == Array(0..<400))
        #expect(pathCentralities(g, pivots: all) == pathCentralities(g))
        #expect(pathCentralities(g, weighted: true, pivots: all) == pathCentralities(g, weighted: true))
    }

    /// Unweighted searches skip leaves; Dijkstra with unit weights searches from every node: they must agree, for
    /// exact and sampled betweenness (pivots on leaves too, with and without closeness), closeness and harmonic.
    @Test(arguments: [1, 2, 3, 4]) func skippedLeavesAgreeWithFullSearches(_ seed: UInt64) {
        let g = RandomGraphs.signed(n: 240, p: 0.006, negativeShare: 0, weighted: false, seed: seed)
        #expect(g.edges.allSatisfy { $0.weight == 1 })
        let pivots = betweennessPivots(nodeCount: 240, count: 60, seed: seed)
        for p in [nil, pivots] {
            let fast = pathCentralities(g, pivots: p), full = pathCentralities(g, weighted: true, pivots: p)
            for (a, b, what) in [(fast.betweenness, full.betweenness, "betweenness"), (fast.closeness, full.closeness, "closeness"),
                                 (fast.harmonic, full.harmonic, "harmonic")] {
                for i in 0..<240 where !isClose(a[i], b[i], tolerance: 1e-12) {
                    Issue.record("seed \(seed) pivots \(p == nil ? "none" : "60") \(what)[\(i)]: \(a[i]) ≠ \(b[i])")
                    break
                }
            }
            let alone = betweennessCentrality(g, pivots: p ?? Array(0..<240))
            for i in 0..<240 where !isClose(alone[i], fast.betweenness[i], tolerance: 1e-12) {
                Issue.record("seed \(seed): betweenness alone [\(i)] \(alone[i]) ≠ shared \(fast.betweenness[i])")
                break
            }
        }
    }

    /// Unbiased: the mean of the estimate over every k-subset of pivots is the exact betweenness.
    @Test func averageOverAllPivotSetsIsExact() throws {
        for name in ["random-1", "weighted", "isolates"] {
            let f = try Fixture.load(name)
            let g = f.graph.layer(.positive)
            let n = f.nodes, k = 3
            var mean = [Double](repeating: 0, count: n)
            var subsets = 0
            for a in 0..<n { for b in a + 1..<n { for c in b + 1..<n {
                let x = betweennessCentrality(g, pivots: [a, b, c])
                for i in 0..<n { mean[i] += x[i] }
                subsets += 1
            } } }
            #expect(subsets == n * (n - 1) * (n - 2) / 6 && k == 3)
            expectClose(mean.map { $0 / Double(subsets) }, f.networkx.betweenness, "\(name) mean over all 3-subsets")
        }
    }

    @Test func scaleFactors() {
        // n = 10 (N = 9 targets), k = 4: NetworkX 3.6 _rescale.
        #expect(sampledBetweennessScale(nodeCount: 10, pivotCount: 4, normalized: true, isPivot: false) == 1.0 / 32)
        #expect(sampledBetweennessScale(nodeCount: 10, pivotCount: 4, normalized: true, isPivot: true) == 1.0 / 24)
        #expect(sampledBetweennessScale(nodeCount: 10, pivotCount: 4, normalized: false, isPivot: false) == 9.0 / 8)
        #expect(sampledBetweennessScale(nodeCount: 10, pivotCount: 4, normalized: false, isPivot: true) == 9.0 / 6)
        #expect(sampledBetweennessScale(nodeCount: 2, pivotCount: 1, normalized: true, isPivot: true) == 1)
        #expect(sampledBetweennessScale(nodeCount: 10, pivotCount: 1, normalized: true, isPivot: true).isNaN)
        // One pivot: its own value is undefined (NaN, as NetworkX); the others are finite.
        let g = RandomGraphs.signed(n: 30, p: 0.2, negativeShare: 0, weighted: false, seed: 2)
        let one = betweennessCentrality(g, pivots: [7])
        #expect(one[7].isNaN && one.enumerated().allSatisfy { $0.offset == 7 || $0.element.isFinite })
    }

    /// A fixed seed gives the same pivots everywhere: pinned values, sorted, distinct, in range.
    @Test func pivotsAreSeededAndDeterministic() {
        let a = betweennessPivots(nodeCount: 1000, count: 50, seed: 9)
        #expect(a == betweennessPivots(nodeCount: 1000, count: 50, seed: 9))
        #expect(a.count == 50 && Set(a).count == 50 && a == a.sorted() && a.allSatisfy { (0..<1000).contains($0) })
        #expect(a != betweennessPivots(nodeCount: 1000, count: 50, seed: 10))
        #expect(betweennessPivots(nodeCount: 10, count: 4, seed: 1) == Self.pinnedPivots)
        #expect(betweennessPivots(nodeCount: 5, count: 9, seed: 1) == [0, 1, 2, 3, 4])
        #expect(betweennessPivots(nodeCount: 5, count: 0, seed: 1) == [])
        #expect(betweennessPivots(nodeCount: 0, count: 3, seed: 1) == [])
    }

    static let pinnedPivots = [5, 6, 7, 9]

    /// The per-snapshot driver: a fixed seed is deterministic, a pivot count ≥ n is exact, and the sample equals
    /// the direct call on the drawn pivots.
    @Test func nodeMetricsSampleWithTheSeed() throws {
        let network = RandomGraphs.temporalNetwork(persons: 60, factions: 5, ties: 400, years: 6, seed: 3)
        let snapshots = try SnapshotBuilder(network: network, options: SnapshotOptions()).build()
        #expect(!snapshots.isEmpty)
        var sampled = CentralityOptions()
        sampled.betweennessPivots = 8
        sampled.pivotSeed = 21
        var everyNode = CentralityOptions()
        everyNode.betweennessPivots = 10_000
        let metrics: Set<NodeMetric> = [.betweenness, .closeness]
        var differs = false
        for s in snapshots {
            let a = nodeMetrics(for: s, metrics: metrics, options: sampled)
            let b = nodeMetrics(for: s, metrics: metrics, options: sampled)
            let exact = nodeMetrics(for: s, metrics: metrics)
            #expect(a.values == b.values)
            #expect(nodeMetrics(for: s, metrics: metrics, options: everyNode).values == exact.values)
            #expect(a.values[.closeness] == exact.values[.closeness])
            let alliance = s.graph.layer(.positive)
            let pivots = betweennessPivots(nodeCount: alliance.nodeCount, count: 8, seed: 21)
            #expect(a.values[.betweenness] == betweennessCentrality(alliance, pivots: pivots))
            differs = differs || a.values[.betweenness] != exact.values[.betweenness]
        }
        #expect(differs, "8 pivots should differ from exact on some snapshot")
    }

    /// `blocs metrics --pivots K --seed S`: deterministic, exact when K ≥ every period's size, K < 2 refused.
    @Test func commandLineOption() throws {
        let dataset = "Datasets/soviet-oppositions"
        func run(_ extra: [String]) throws -> String {
            let r = try BuiltBinary.run(["metrics", dataset, "--metrics", "betweenness,closeness", "--format", "csv"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout
        }
        let exact = try run([])
        let a = try run(["--pivots", "5", "--seed", "4"])
        #expect(a == (try run(["--pivots", "5", "--seed", "4"])))
        #expect(a != exact)
        #expect((try run(["--pivots", "100000"])) == exact)
        let refused = try BuiltBinary.run(["metrics", dataset, "--pivots", "1"])
        #expect(refused.status != 0 && refused.stderr.contains("--pivots"))
    }
}
