import Foundation
import GraphCore
import Metrics
import Testing
import TestSupport

/// Known values: every centrality against NetworkX 3.x on the committed fixtures (tolerance 1e-9).
@Suite("Centrality = NetworkX")
struct NetworkXCentralityTests {
    func expectClose(_ actual: [Double], _ expected: [Double], _ what: String, _ f: Fixture,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, "\(f.name) \(what): count", sourceLocation: sourceLocation)
        for (i, (a, b)) in zip(actual, expected).enumerated() where !isClose(a, b, tolerance: 1e-9) {
            Issue.record("\(f.name) \(what)[\(i)]: \(a) ≠ NetworkX \(b)", sourceLocation: sourceLocation)
            return
        }
    }

    @Test func fixturesAreLoaded() {
        #expect(Fixture.all.count >= 18)
        #expect(Fixture.all.contains { $0.name == "empty" } && Fixture.all.contains { $0.name == "karate" })
    }

    @Test(arguments: Fixture.all) func degreeAndStrength(_ f: Fixture) {
        let g = f.graph.layer(.positive)
        expectClose(degreeCentrality(g), f.networkx.degree, "degree", f)
        expectClose(strength(g), f.networkx.strength, "strength", f)
    }

    @Test(arguments: Fixture.all) func betweenness(_ f: Fixture) {
        let g = f.graph.layer(.positive)
        expectClose(betweennessCentrality(g), f.networkx.betweenness, "betweenness", f)
        expectClose(betweennessCentrality(g, normalized: false), f.networkx.betweenness_raw, "betweenness raw", f)
        expectClose(betweennessCentrality(g, weighted: true), f.networkx.betweenness_weighted, "betweenness weighted", f)
        expectClose(betweennessCentrality(g, normalized: false, weighted: true), f.networkx.betweenness_weighted_raw,
                    "betweenness weighted raw", f)
    }

    @Test(arguments: Fixture.all) func closenessAndHarmonic(_ f: Fixture) {
        let g = f.graph.layer(.positive)
        expectClose(closenessCentrality(g), f.networkx.closeness, "closeness", f)
        expectClose(closenessCentrality(g, wfImproved: false), f.networkx.closeness_raw, "closeness wf=False", f)
        expectClose(closenessCentrality(g, weighted: true), f.networkx.closeness_weighted, "closeness weighted", f)
        expectClose(harmonicCentrality(g), f.networkx.harmonic, "harmonic", f)
        expectClose(harmonicCentrality(g, weighted: true), f.networkx.harmonic_weighted, "harmonic weighted", f)
    }

    @Test(arguments: Fixture.all) func sharedSearchEqualsSeparateCalls(_ f: Fixture) {
        let g = f.graph.layer(.positive)
        let all = pathCentralities(g)
        #expect(all.betweenness == betweennessCentrality(g))
        #expect(all.closeness == closenessCentrality(g))
        #expect(all.harmonic == harmonicCentrality(g))
    }

    @Test(arguments: Fixture.all) func eigenvector(_ f: Fixture) {
        let g = f.graph.layer(.positive)
        for (weighted, expected, key) in [(false, f.networkx.eigenvector, "eigenvector"),
                                          (true, f.networkx.eigenvector_weighted, "eigenvector_weighted")] {
            do {
                let x = try eigenvectorCentrality(g, weighted: weighted)
                if let expected { expectClose(x, expected, key, f) } else {
                    Issue.record("\(f.name) \(key): NetworkX failed (\(f.networkx.errors[key] ?? "?")), Blocs gave a value")
                }
            } catch {
                switch (error, f.networkx.errors[key]) {
                case (.didNotConverge(metric: "eigenvector", iterations: 100), "did_not_converge"): break
                case (.emptyGraph(metric: "eigenvector"), "empty_graph"): break
                default: Issue.record("\(f.name) \(key): Blocs threw \(error), NetworkX: \(f.networkx.errors[key] ?? "a value")")
                }
            }
        }
    }

    @Test(arguments: Fixture.all) func pagerank(_ f: Fixture) throws {
        let g = f.graph.layer(.positive)
        let expected = try #require(f.networkx.pagerank)
        expectClose(try pageRank(g), expected, "pagerank", f)
        expectClose(try pageRank(g, weighted: false), try #require(f.networkx.pagerank_unweighted), "pagerank unweighted", f)
    }

    @Test(arguments: Fixture.all) func katz(_ f: Fixture) {
        let g = f.graph.layer(.positive)
        do {
            let x = try katzCentrality(g)
            if let expected = f.networkx.katz { expectClose(x, expected, "katz", f) } else {
                Issue.record("\(f.name) katz: NetworkX failed, Blocs gave a value")
            }
        } catch {
            switch (error, f.networkx.errors["katz"]) {
            case (.katzAlphaTooLarge(let alpha, let radius), "katz_alpha_too_large"):
                #expect(alpha == 0.1 && alpha * radius >= 1)
            case (.didNotConverge(metric: "katz", iterations: 1000), "did_not_converge"): break
            default: Issue.record("\(f.name) katz: Blocs threw \(error), NetworkX: \(f.networkx.errors["katz"] ?? "a value")")
            }
        }
    }

    @Test func katzAlphaTooLargeOnACompleteGraph() throws {
        let f = try Fixture.load("complete-15")
        do {
            _ = try katzCentrality(f.graph)
            Issue.record("Katz with alpha 0.1 on K15 (lambda_max 14) gave a value")
        } catch {
            guard case .katzAlphaTooLarge(let alpha, let radius) = error else { Issue.record("threw \(error)"); return }
            #expect(alpha == 0.1)
            #expect(isClose(radius, 14, tolerance: 1e-9))
        }
        // Below the threshold it converges.
        #expect((try? katzCentrality(f.graph, alpha: 0.05)) != nil)
    }

    @Test func spectralRadiusOfKnownGraphs() {
        let k5 = SignedGraph(nodeCount: 5, edges: (0..<5).flatMap { u in (u + 1..<5).map { SignedEdge(Int32(u), Int32($0), sign: .positive) } })
        #expect(isClose(spectralRadius(k5), 4, tolerance: 1e-9))
        let star = SignedGraph(nodeCount: 5, edges: (1..<5).map { SignedEdge(0, Int32($0), sign: .positive) })
        #expect(isClose(spectralRadius(star), 2, tolerance: 1e-9))
        #expect(spectralRadius(.empty(nodeCount: 3)) == 0)
    }

    /// Seeded sweep: the parallel searches are deterministic (bit-identical across calls).
    @Test func pathCentralitiesAreDeterministic() {
        let g = RandomGraphs.signed(n: 300, p: 0.02, negativeShare: 0, weighted: true, seed: 42)
        let a = pathCentralities(g), b = pathCentralities(g)
        #expect(a == b)
        let aw = pathCentralities(g, weighted: true), bw = pathCentralities(g, weighted: true)
        #expect(aw == bw)
    }
}
