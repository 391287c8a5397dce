import GraphCore
import Metrics
import Snapshots
import Testing
import TestSupport

@Suite("Per-snapshot driver")
struct SnapshotMetricsTests {
    static let snapshots: [Snapshot] = {
        let network = RandomGraphs.temporalNetwork(persons: 30, factions: 5, ties: 160, years: 8, seed: 11)
        return (try? SnapshotBuilder(network: network, options: SnapshotOptions()).build()) ?? []
    }()

    @Test func nodeMetricsEqualTheDirectCallsOnTheAllianceLayer() throws {
        #expect(!Self.snapshots.isEmpty)
        for s in Self.snapshots {
            let r = nodeMetrics(for: s)
            let alliance = s.graph.layer(.positive)
            #expect(r.actors == s.actors)
            #expect(r.values[.degree] == degreeCentrality(alliance))
            #expect(r.values[.betweenness] == betweennessCentrality(alliance))
            #expect(r.values[.closeness] == closenessCentrality(alliance))
            #expect(r.values[.harmonic] == harmonicCentrality(alliance))
            #expect(r.values[.pagerank] == (try? pageRank(alliance)))
            #expect(r.values[.positiveDegree] == signedDegrees(s.graph).positive.map(Double.init))
            // Every failure is named, never a silent value.
            for m in NodeMetric.allCases where r.values[m] == nil {
                #expect(r.errors.contains { $0.metric == m.rawValue } || s.graph.nodeCount == 0, "\(s.period) \(m)")
            }
        }
    }

    @Test func balanceRowsAgreeWithTheirParts() {
        for s in Self.snapshots {
            let b = balance(of: s)
            #expect(b.actors == s.graph.nodeCount)
            #expect(b.positiveEdges + b.negativeEdges == s.graph.edgeCount)
            #expect(b.triangles == triangleCensus(s.graph))
            #expect(b.balanced == isBalanced(s.graph))
            #expect(b.frustration.lowerBound <= b.frustration.value)
            #expect(b.balanced == (b.frustration.value == 0))
            if b.balanced { #expect(b.algebraicConflict == 0 && b.clusterable) }
        }
    }

    @Test func aPeriodWithNoTies() throws {
        let period = Period(label: "empty", interval: Self.snapshots[0].period.interval)
        let s = Snapshot(period: period, options: SnapshotOptions(), actors: [0, 1, 2], graph: .empty(nodeCount: 3),
                         ambivalentPairs: 0, memberships: [], activeTies: 0)
        let r = nodeMetrics(for: s)
        #expect(r.values[.degree] == [0, 0, 0])
        #expect(r.values[.closeness] == [0, 0, 0])
        let third: Double = 1.0 / 3
        #expect(r.values[.pagerank] == [third, third, third])
        #expect(r.values[.pn] == [1, 1, 1])
        #expect(r.errors.isEmpty)
        let b = balance(of: s)
        #expect(b.triangles.total == 0 && b.balanceRatio == nil)
        #expect(b.frustration.value == 0 && b.frustration.proven && b.frustration.normalized == nil)
        #expect(b.walkBalance == 1 && b.algebraicConflict == 0 && b.balanced && b.clusterable)
    }

    @Test func anEmptySnapshotHasNoRowsAndNoErrors() {
        let s = Snapshot(period: Self.snapshots[0].period, options: SnapshotOptions(), actors: [], graph: .empty(nodeCount: 0),
                         ambivalentPairs: 0, memberships: [], activeTies: 0)
        let r = nodeMetrics(for: s)
        #expect(r.errors.isEmpty && r.actors.isEmpty)
        #expect(balance(of: s).walkBalance == nil)
    }
}
