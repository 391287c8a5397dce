import Foundation
import GraphCore
@testable import Metrics
import Testing
import TestSupport

/// Exhaustive references, written here and deliberately naive.
enum Reference {
    /// min over every bipartition of (positive edges across + negative edges inside).
    static func frustration(_ g: SignedGraph) -> Int {
        let n = g.nodeCount
        guard n > 1 else { return 0 }
        var best = Int.max
        for mask in 0..<(1 << (n - 1)) {
            var f = 0
            for e in g.edges {
                let across = ((mask >> Int(e.u)) & 1) != ((mask >> Int(e.v)) & 1)
                if across != (e.sign == .negative) { f += 1 }
            }
            best = min(best, f)
        }
        return best
    }

    /// Every triple of nodes.
    static func census(_ g: SignedGraph) -> [Int] {
        var c = [0, 0, 0, 0]
        let n = g.nodeCount
        for a in 0..<n { for b in (a + 1)..<max(a + 1, n) { for d in (b + 1)..<max(b + 1, n) {
            guard let x = g.edge(between: a, and: b), let y = g.edge(between: b, and: d), let z = g.edge(between: a, and: d) else { continue }
            c[[x, y, z].filter { $0.sign == .negative }.count] += 1
        } } }
        return c
    }

    /// Balanced iff every cycle is positive iff some bipartition satisfies every edge.
    static func balanced(_ g: SignedGraph) -> Bool { frustration(g) == 0 }

    /// Dense Gaussian elimination with partial pivoting.
    static func solve(_ m: [[Double]], _ b: [Double]) -> [Double] {
        var a = m, x = b
        let n = b.count
        for c in 0..<n {
            let p = (c..<n).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            a.swapAt(c, p); x.swapAt(c, p)
            for r in (c + 1)..<max(c + 1, n) {
                let f = a[r][c] / a[c][c]
                for k in c..<n { a[r][k] -= f * a[c][k] }
                x[r] -= f * x[c]
            }
        }
        for c in stride(from: n - 1, through: 0, by: -1) {
            for k in (c + 1)..<max(c + 1, n) { x[c] -= a[c][k] * x[k] }
            x[c] /= a[c][c]
        }
        return x
    }

    /// Cyclic Jacobi eigenvalues of a small symmetric matrix.
    static func eigenvalues(_ m: [[Double]]) -> [Double] {
        var a = m
        let n = a.count
        for _ in 0..<100 {
            var off = 0.0
            for i in 0..<n { for j in 0..<n where i != j { off += a[i][j] * a[i][j] } }
            if off < 1e-22 { break }
            for p in 0..<n { for q in (p + 1)..<max(p + 1, n) where a[p][q] != 0 {
                let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                let c = 1 / (t * t + 1).squareRoot(), s = t * c
                for k in 0..<n {
                    let akp = a[k][p], akq = a[k][q]
                    a[k][p] = c * akp - s * akq; a[k][q] = s * akp + c * akq
                }
                for k in 0..<n {
                    let apk = a[p][k], aqk = a[q][k]
                    a[p][k] = c * apk - s * aqk; a[q][k] = s * apk + c * aqk
                }
            } }
        }
        return (0..<n).map { a[$0][$0] }.sorted()
    }
}

@Suite("Signed measures")
struct SignedMeasureTests {
    static let smallRandom: [SignedGraph] = (0..<60).map { i in
        RandomGraphs.signed(n: 2 + i % 11, p: [0.25, 0.5, 0.8][i % 3], negativeShare: [0.2, 0.5, 0.9][(i / 3) % 3], seed: UInt64(1000 + i))
    }

    @Test func frustrationEqualsEveryBipartition() {
        for g in Self.smallRandom {
            let r = frustrationIndex(g)
            let exact = Reference.frustration(g)
            #expect(r.value == exact, "n=\(g.nodeCount) m=\(g.edgeCount)")
            #expect(r.proven && r.lowerBound == exact)
            // The returned split achieves the value.
            let f = g.edges.filter { e in (r.assignment[Int(e.u)] != r.assignment[Int(e.v)]) != (e.sign == .negative) }.count
            #expect(f == r.value)
        }
    }

    @Test func frustrationBoundsAreValidWithoutTheExactSearch() {
        var options = FrustrationOptions()
        options.exactNodeLimit = 0
        options.starts = 1
        for g in Self.smallRandom {
            let r = frustrationIndex(g, options: options)
            let exact = Reference.frustration(g)
            #expect(r.lowerBound <= exact && exact <= r.value)
            #expect(r.proven == (r.lowerBound == r.value))
        }
    }

    @Test func frustrationOfLargerGraphsIsBracketedAndMatchesTheFixtures() throws {
        for f in Fixture.all {
            let r = frustrationIndex(f.graph)
            #expect(r.lowerBound <= r.value)
            if let exact = f.signed.frustration { #expect(r.value == exact && r.proven, "\(f.name)") }
        }
        // A 200-node random graph: the search cannot finish, the bounds must still bracket and say so.
        let big = RandomGraphs.signed(n: 200, p: 0.05, negativeShare: 0.5, seed: 9)
        let r = frustrationIndex(big)
        #expect(r.lowerBound <= r.value && r.lowerBound > 0)
        #expect(r.proven == (r.lowerBound == r.value))
    }

    @Test func handComputedFrustration() {
        // A negative triangle (−−−): one edge must go. An unbalanced square +++−: one. K4 all negative: 2.
        let nnn = SignedGraph(nodeCount: 3, edges: [SignedEdge(0, 1, sign: .negative), SignedEdge(1, 2, sign: .negative), SignedEdge(0, 2, sign: .negative)])
        #expect(frustrationIndex(nnn).value == 1)
        let square = SignedGraph(nodeCount: 4, edges: [SignedEdge(0, 1, sign: .positive), SignedEdge(1, 2, sign: .positive),
                                                       SignedEdge(2, 3, sign: .positive), SignedEdge(0, 3, sign: .negative)])
        #expect(frustrationIndex(square).value == 1)
        let k4 = SignedGraph(nodeCount: 4, edges: (0..<4).flatMap { u in (u + 1..<4).map { SignedEdge(Int32(u), Int32($0), sign: .negative) } })
        let r = frustrationIndex(k4)
        #expect(r.value == 2 && r.proven)
        #expect(r.normalized == 1 - 2.0 / 3.0)
        #expect(frustrationIndex(.empty(nodeCount: 4)).normalized == nil)
        #expect(frustrationIndex(.empty(nodeCount: 0)).value == 0)
    }

    @Test func switchingSignsAcrossACutKeepsFrustrationAndBalance() throws {
        for (i, g) in Self.smallRandom.enumerated() {
            var rng = SplitMix64(seed: UInt64(i))
            let side = (0..<g.nodeCount).map { _ in Bool.random(using: &rng) }
            let switched = SignedGraph(nodeCount: g.nodeCount, edges: g.edges.map { e in
                let flip = side[Int(e.u)] != side[Int(e.v)]
                return SignedEdge(e.u, e.v, weight: e.weight, sign: flip ? (e.sign == .positive ? .negative : .positive) : e.sign)
            })
            #expect(frustrationIndex(switched).value == frustrationIndex(g).value)
            #expect(isBalanced(switched) == isBalanced(g))
            #expect(isClose(try walkBalance(switched) ?? -1, try walkBalance(g) ?? -1, tolerance: 1e-9))
            #expect(isClose(try algebraicConflict(switched) ?? -1, try algebraicConflict(g) ?? -1, tolerance: 1e-9))
        }
    }

    @Test func balancedAndClusterable() {
        for g in Self.smallRandom {
            #expect(isBalanced(g) == Reference.balanced(g))
            if let split = balancedSplit(g) {
                #expect(g.edges.allSatisfy { (split[Int($0.u)] != split[Int($0.v)]) == ($0.sign == .negative) })
            }
            if isBalanced(g) { #expect(isClusterable(g)) }
            // Clusterable iff no negative edge inside a positive component (reference: BFS per negative edge).
            let expected = g.edges.filter { $0.sign == .negative }.allSatisfy { e in
                breadthFirstDistances(in: g.layer(.positive), from: Int(e.u))[Int(e.v)] < 0
            }
            #expect(isClusterable(g) == expected)
        }
        // −−− is clusterable (three singletons) but not balanced.
        let nnn = SignedGraph(nodeCount: 3, edges: [SignedEdge(0, 1, sign: .negative), SignedEdge(1, 2, sign: .negative), SignedEdge(0, 2, sign: .negative)])
        #expect(!isBalanced(nnn) && isClusterable(nnn))
        let ppn = SignedGraph(nodeCount: 3, edges: [SignedEdge(0, 1, sign: .positive), SignedEdge(1, 2, sign: .positive), SignedEdge(0, 2, sign: .negative)])
        #expect(!isBalanced(ppn) && !isClusterable(ppn))
    }

    @Test func triangleCensusEqualsEveryTriple() {
        for g in Self.smallRandom + [RandomGraphs.signed(n: 40, p: 0.4, seed: 5)] {
            let c = triangleCensus(g)
            #expect([c.ppp, c.ppn, c.pnn, c.nnn] == Reference.census(g))
            if let r = c.balanceRatio { #expect(r >= 0 && r <= 1) } else { #expect(c.total == 0) }
        }
        for f in Fixture.all {
            let c = triangleCensus(f.graph)
            #expect([c.ppp, c.ppn, c.pnn, c.nnn] == f.signed.census, "\(f.name)")
        }
        // Hand count: two triangles, +++ and ++−: ratio 1/2.
        let g = SignedGraph(nodeCount: 4, edges: [SignedEdge(0, 1, sign: .positive), SignedEdge(1, 2, sign: .positive), SignedEdge(0, 2, sign: .positive),
                                                  SignedEdge(1, 3, sign: .positive), SignedEdge(2, 3, sign: .negative)])
        #expect(triangleCensus(g) == TriangleCensus(ppp: 1, ppn: 1))
        #expect(triangleCensus(g).balanceRatio == 0.5)
    }

    @Test func spectralMeasuresMatchNumpy() throws {
        for f in Fixture.all where f.nodes > 0 {
            let g = f.graph
            let w = try #require(try walkBalance(g))
            #expect(isClose(w, try #require(f.signed.walk_balance), tolerance: 1e-9), "\(f.name) walk balance")
            let c = try #require(try algebraicConflict(g))
            #expect(abs(c - (try #require(f.signed.algebraic_conflict))) < 1e-9, "\(f.name) algebraic conflict")
        }
        #expect(try walkBalance(.empty(nodeCount: 0)) == nil)
        #expect(try algebraicConflict(.empty(nodeCount: 0)) == nil)
    }

    @Test func walkBalanceHandValues() throws {
        // Balanced graphs have walk balance 1; a −−− triangle: (e^{-2} + 2e^{1}) / (e^{2} + 2e^{-1}).
        let balanced = SignedGraph(nodeCount: 4, edges: [SignedEdge(0, 1, sign: .positive), SignedEdge(1, 2, sign: .negative), SignedEdge(2, 3, sign: .negative)])
        #expect(isClose(try #require(try walkBalance(balanced)), 1, tolerance: 1e-12))
        #expect(try algebraicConflict(balanced) == 0)
        let nnn = SignedGraph(nodeCount: 3, edges: [SignedEdge(0, 1, sign: .negative), SignedEdge(1, 2, sign: .negative), SignedEdge(0, 2, sign: .negative)])
        let expected = (exp(-2.0) + 2 * exp(1.0)) / (exp(2.0) + 2 * exp(-1.0))
        #expect(isClose(try #require(try walkBalance(nnn)), expected, tolerance: 1e-12))
        // Signed Laplacian of −−−: 2I + (J − I) = I + J, eigenvalues 1, 1, 4: conflict 1.
        #expect(isClose(try #require(try algebraicConflict(nnn)), 1, tolerance: 1e-12))
        // Components above the dense limit are estimated (stochastic Lanczos quadrature), with a bound.
        let estimate = try #require(try walkBalanceEstimate(nnn, denseLimit: 2))
        #expect(abs(estimate.value - expected) <= estimate.errorBound)
    }

    @Test func lapackEigenvaluesMatchJacobi() throws {
        var rng = SplitMix64(seed: 77)
        for n in [1, 2, 3, 5, 8, 13, 30] {
            var m = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for i in 0..<n { for j in 0...i { let x = Double.random(in: -2...2, using: &rng); m[i][j] = x; m[j][i] = x } }
            let fast = try #require(symmetricEigenvalues(m.flatMap { $0 }, order: n))
            let slow = Reference.eigenvalues(m)
            for (a, b) in zip(fast, slow) { #expect(abs(a - b) < 1e-9, "n=\(n)") }
        }
    }

    @Test func pnCentralityEqualsADenseSolve() throws {
        for g in Self.smallRandom + [RandomGraphs.signed(n: 50, p: 0.2, negativeShare: 0.4, seed: 3)] where g.nodeCount > 2 {
            let n = g.nodeCount
            var m = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for i in 0..<n { m[i][i] = 1 }
            for e in g.edges {
                let a = (e.sign == .positive ? 1.0 : -2.0) / Double(2 * n - 2)
                m[Int(e.u)][Int(e.v)] -= a; m[Int(e.v)][Int(e.u)] -= a
            }
            let expected = Reference.solve(m, [Double](repeating: 1, count: n))
            let pn = try pnCentrality(g)
            for (a, b) in zip(pn, expected) { #expect(isClose(a, b, tolerance: 1e-9)) }
        }
        for f in Fixture.all {
            if let expected = f.signed.pn {
                let pn = try pnCentrality(f.graph)
                for (a, b) in zip(pn, expected) { #expect(isClose(a, b, tolerance: 1e-9), "\(f.name)") }
            }
        }
        // Hand value: a positive pair: (1 − 1/2)x = 1 → x = 2; one node: 1; the singular negative pair is an error.
        #expect(try pnCentrality(SignedGraph(nodeCount: 2, edges: [SignedEdge(0, 1, sign: .positive)])) == [2, 2])
        #expect(try pnCentrality(.empty(nodeCount: 1)) == [1])
        #expect(throws: MetricError.singularSystem(metric: "pn")) {
            try pnCentrality(SignedGraph(nodeCount: 2, edges: [SignedEdge(0, 1, sign: .negative)]))
        }
    }

    @Test func signedDegreesCountEachSign() {
        for g in Self.smallRandom {
            let d = signedDegrees(g)
            for v in 0..<g.nodeCount {
                let row = g.neighbors(of: v).map { g.edge(between: v, and: Int($0))! }
                #expect(d.positive[v] == row.filter { $0.sign == .positive }.count)
                #expect(d.negative[v] == row.filter { $0.sign == .negative }.count)
                #expect(d.net[v] == d.positive[v] - d.negative[v])
            }
        }
    }
}

/// Mid-size planted-bloc graphs with their frustration index proven by CBC on the binary LP of Aref, Mason &
/// Wilson (`scripts/make-frustration-fixtures`), and small ones against every bipartition.
@Suite("Exact frustration")
struct ExactFrustrationTests {
    struct Graph: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var nodes: Int
        var edges: [[Int]]
        var frustration: Int
        var testDescription: String { name }
        var graph: SignedGraph {
            SignedGraph(nodeCount: nodes, edges: edges.map { SignedEdge(Int32($0[0]), Int32($0[1]), sign: $0[2] > 0 ? .positive : .negative) })
        }
    }

    static let blp: [Graph] = {
        struct File: Decodable { var graphs: [Graph] }
        guard let url = Bundle.module.url(forResource: "frustration-blp", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.graphs
    }()

    @Test func fixturesAreThere() { #expect(Self.blp.count == 6) }

    @Test(arguments: blp) func provesTheLinearProgramOptimum(_ f: Graph) {
        let r = frustrationIndex(f.graph, options: FrustrationOptions(exactNodeLimit: 200))
        #expect(r.value == f.frustration && r.lowerBound == f.frustration && r.proven)
        let g = f.graph
        #expect(g.edges.filter { e in (r.assignment[Int(e.u)] != r.assignment[Int(e.v)]) != (e.sign == .negative) }.count == f.frustration)
    }

    /// The Russian doll search alone, from the poorest incumbent (every node on one side), so that it does all
    /// the work the heuristic and the cycle packing usually spare it.
    @Test(arguments: blp) func russianDollSearchFromAPoorIncumbent(_ f: Graph) {
        let g = f.graph
        let c = LocalSignedGraph(g, nodes: Array(0..<g.nodeCount), local: Array(0..<g.nodeCount))
        let x = [UInt8](repeating: 0, count: g.nodeCount)
        var search = BranchAndBound(graph: c, upper: c.frustratedCounts(x).total, sides: x, budget: 50_000_000)
        let finished = search.run()
        #expect(finished)
        #expect(search.upper == f.frustration && search.suffixLower[0] == f.frustration)
        #expect(c.frustratedCounts(search.sides).total == f.frustration)
    }

    /// Out of budget, the search still returns a split, its value, and a lower bound that brackets the optimum.
    @Test(arguments: blp) func aSmallBudgetStillBrackets(_ f: Graph) {
        let r = frustrationIndex(f.graph, options: FrustrationOptions(exactNodeLimit: 200, searchBudget: 50, starts: 1))
        #expect(r.lowerBound <= f.frustration && f.frustration <= r.value)
        #expect(r.proven == (r.lowerBound == r.value))
        let g = f.graph
        #expect(g.edges.filter { e in (r.assignment[Int(e.u)] != r.assignment[Int(e.v)]) != (e.sign == .negative) }.count == r.value)
    }

    /// Graphs of 14 to 20 nodes against all 2^(n−1) bipartitions (enumerated in Gray-code order, each step
    /// recounting only the moved node's edges), with the heuristic and bound shortcuts off: one start, and the
    /// search run from every node on one side.
    @Test func smallGraphsAgainstEveryBipartition() {
        for i in 0..<24 {
            let n = 14 + i % 7
            let g = RandomGraphs.signed(n: n, p: [0.2, 0.35, 0.6][i % 3], negativeShare: [0.15, 0.5, 0.85][(i / 3) % 3], seed: UInt64(500 + i))
            let exact = Self.everyBipartition(g)
            let r = frustrationIndex(g, options: FrustrationOptions(exactNodeLimit: 20, starts: 1))
            #expect(r.value == exact && r.proven, "n=\(n) m=\(g.edgeCount)")
            let c = LocalSignedGraph(g, nodes: Array(0..<n), local: Array(0..<n))
            let x = [UInt8](repeating: 0, count: n)
            var search = BranchAndBound(graph: c, upper: c.frustratedCounts(x).total, sides: x, budget: 50_000_000)
            let finished = search.run()
            #expect(finished && search.upper == exact && c.frustratedCounts(search.sides).total == exact, "n=\(n) m=\(g.edgeCount)")
        }
    }

    /// Sparse graphs (trees hanging off short cycles) are solved on their 2-core: the value is still the exhaustive
    /// optimum, and the split returned for the whole graph (peeled nodes included) frustrates exactly that many edges.
    @Test func leavesArePeeledAndTheirSidesRestored() {
        func frustrated(_ g: SignedGraph, _ x: [UInt8]) -> Int {
            g.edges.filter { (x[Int($0.u)] ^ x[Int($0.v)]) != ($0.sign == .negative ? 1 : 0) }.count
        }
        for i in 0..<24 {
            let n = 16 + i % 5
            let g = RandomGraphs.signed(n: n, p: [0.1, 0.14, 0.18][i % 3], negativeShare: [0.3, 0.6][i % 2], seed: UInt64(900 + i))
            let exact = Self.everyBipartition(g)
            for limit in [0, 20] {  // the heuristic alone on the core, and the exact search on it
                let r = frustrationIndex(g, options: FrustrationOptions(exactNodeLimit: limit))
                #expect(frustrated(g, r.assignment) == r.value, "n=\(n) m=\(g.edgeCount)")
                #expect(r.lowerBound <= exact && exact <= r.value)
                if limit == 20 { #expect(r.value == exact && r.proven, "n=\(n) m=\(g.edgeCount)") }
            }
        }
        // A long path hanging off a negative triangle: L = 1, proven by one cycle, the path's edges all satisfied.
        var edges = [SignedEdge(0, 1, sign: .positive), SignedEdge(1, 2, sign: .positive), SignedEdge(0, 2, sign: .negative)]
        for v in 2..<300 { edges.append(SignedEdge(Int32(v), Int32(v + 1), sign: v % 3 == 0 ? .negative : .positive)) }
        let path = SignedGraph(nodeCount: 301, edges: edges)
        let r = frustrationIndex(path, options: FrustrationOptions(exactNodeLimit: 0))
        #expect(r.value == 1 && r.lowerBound == 1 && r.proven && frustrated(path, r.assignment) == 1)
    }

    static func everyBipartition(_ g: SignedGraph) -> Int {
        let n = g.nodeCount
        var incident = [[(other: Int, negative: Bool)]](repeating: [], count: n)
        for e in g.edges {
            incident[Int(e.u)].append((Int(e.v), e.sign == .negative))
            incident[Int(e.v)].append((Int(e.u), e.sign == .negative))
        }
        var side = [Bool](repeating: false, count: n)
        var f = g.edges.filter { $0.sign == .negative }.count  // everyone on one side
        var best = f
        // Gray code over nodes 1..<n (node 0 stays put): step i flips the node of i's lowest set bit.
        for i in 1..<(1 << (n - 1)) {
            let v = 1 + i.trailingZeroBitCount
            for (w, negative) in incident[v] {
                let wasFrustrated = (side[v] != side[w]) != negative
                f += wasFrustrated ? -1 : 1
            }
            side[v].toggle()
            best = min(best, f)
        }
        return best
    }
}
