import Foundation
import GraphCore
@testable import Metrics
import TestSupport
import Testing

/// NumPy/SciPy values on graphs above the dense limit, written by `scripts/make-spectral-fixtures`.
struct SpectralFixture: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var nodes: Int
    var edges: [[Double]]
    var walk_balance: Double
    var walk_balance_weighted: Double
    var algebraic_conflict: Double
    var algebraic_conflict_weighted: Double
    var eigenvalues: [Double]?

    var testDescription: String { name }

    var graph: SignedGraph {
        SignedGraph(nodeCount: nodes, edges: edges.map {
            SignedEdge(Int32($0[0]), Int32($0[1]), weight: $0[3], sign: $0[2] > 0 ? .positive : .negative)
        })
    }

    static let all: [SpectralFixture] = {
        guard let url = Bundle.module.url(forResource: "spectral-large", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return [] }
        return (try? JSONDecoder().decode([SpectralFixture].self, from: data)) ?? []
    }()
}

@Suite struct SpectralEstimateTests {
    @Test func fixturesLoad() {
        #expect(SpectralFixture.all.count == 4)
    }

    @Test func lapackEigenvaluesMatchNumpy() throws {
        let f = try #require(SpectralFixture.all.first { $0.eigenvalues != nil })
        let n = f.nodes
        var a = [Double](repeating: 0, count: n * n)
        for e in f.edges { a[Int(e[0]) * n + Int(e[1])] = e[2]; a[Int(e[1]) * n + Int(e[0])] = e[2] }
        let values = try #require(symmetricEigenvalues(a, order: n))
        let expected = try #require(f.eigenvalues)
        #expect(values.count == expected.count)
        for (x, y) in zip(values, expected) { #expect(abs(x - y) < 1e-9) }
    }

    @Test(arguments: SpectralFixture.all)
    func exactOnDenseComponentsMatchesNumpy(_ f: SpectralFixture) throws {
        for weighted in [false, true] {
            let w = try #require(try walkBalanceEstimate(f.graph, weighted: weighted, denseLimit: f.nodes))
            #expect(w.exact)
            #expect(isClose(w.value, weighted ? f.walk_balance_weighted : f.walk_balance, tolerance: 1e-9), "weighted \(weighted)")
            let c = try #require(try algebraicConflictEstimate(f.graph, weighted: weighted, denseLimit: f.nodes))
            #expect(c.exact)
            #expect(abs(c.value - (weighted ? f.algebraic_conflict_weighted : f.algebraic_conflict)) < 1e-9, "weighted \(weighted)")
        }
    }

    @Test(arguments: SpectralFixture.all)
    func estimatesAboveTheDenseLimitAreWithinTheirBound(_ f: SpectralFixture) throws {
        for weighted in [false, true] {
            let expected = weighted ? f.walk_balance_weighted : f.walk_balance
            let w = try #require(try walkBalanceEstimate(f.graph, weighted: weighted, denseLimit: 50))
            #expect(!w.exact)
            #expect(abs(w.value - expected) <= w.errorBound, "walk balance \(w.value) ± \(w.errorBound) vs \(expected)")
            // The bound is useful: under 10% of the value with the default 64 probes (2-6% on these graphs).
            #expect(w.errorBound < 0.1 * expected)
            // Deterministic: the probes come from a fixed seed.
            #expect(try walkBalanceEstimate(f.graph, weighted: weighted, denseLimit: 50) == w)

            let reference = weighted ? f.algebraic_conflict_weighted : f.algebraic_conflict
            let c = try #require(try algebraicConflictEstimate(f.graph, weighted: weighted, denseLimit: 50))
            if reference == 0 {
                // A balanced component (here isolated nodes) makes it exactly 0, without any eigenvalue.
                #expect(c.value == 0 && c.exact)
            } else {
                #expect(c.errorBound < 1e-6)
                #expect(abs(c.value - reference) <= c.errorBound + 1e-9, "conflict \(c.value) ± \(c.errorBound) vs \(reference)")
                // A Ritz value is never below the smallest eigenvalue.
                #expect(c.value >= reference - 1e-9)
            }
        }
    }

    /// The block quadrature (eight runs per pass over the matrix) gives each run's value bit for bit as the
    /// one-run quadrature, including blocks of fewer runs and runs that stop at different steps.
    @Test func blockQuadratureEqualsOneRunAtATime() throws {
        let f = try #require(SpectralFixture.all.first { $0.name == "pa-1000" })
        let g = f.graph
        let nodes = Array(0..<g.nodeCount)
        let local = nodes.map { Int32($0) }
        for absolute in [false, true] {
            let m = ComponentMatrix(g, nodes: nodes, local: local, weighted: false, absolute: absolute, laplacian: false)
            var rng = SplitMix64(seed: 7)
            // Eleven starts: a full block and a partial one; Rademacher and one unit basis vector (fast to converge).
            var starts: [[Double]] = (0..<10).map { _ in
                let z = (0..<m.n).map { _ in rng.next() & 1 == 0 ? 1.0 : -1.0 }
                return z.map { $0 / Double(m.n).squareRoot() }
            }
            starts.append((0..<m.n).map { $0 == 3 ? 1.0 : 0.0 })
            let block = blockLogGaussQuadratureExp(m, starts: starts, maxSteps: 300)
            for (start, value) in zip(starts, block) {
                let one = try #require(logGaussQuadratureExp(m, start: start, maxSteps: 300))
                #expect(value == one)
            }
        }
    }

    @Test func moreProbesTightenTheBound() throws {
        let f = try #require(SpectralFixture.all.first { $0.name == "pa-1000" })
        let few = try #require(try walkBalanceEstimate(f.graph, denseLimit: 50, probes: 8))
        let many = try #require(try walkBalanceEstimate(f.graph, denseLimit: 50, probes: 128))
        #expect(many.errorBound < few.errorBound)
        #expect(abs(many.value - f.walk_balance) <= many.errorBound)
    }
}
