import Coalitions
import Metrics
import GraphCore
import Testing
import TestSupport

@Suite struct PartitionMethodsTests {
    @Test func bellNumberOfNine() {
        #expect(ReferencePartitions.count(n: 9) == 21147)
        #expect(ReferencePartitions.count(n: 5) == 52)
    }

    @Test(arguments: 0..<60)
    func exactCorrelationClusteringMatchesEveryPartition(seed: Int) {
        let n = 3 + seed % 7  // 3…9 nodes
        let g = RandomGraphs.signed(n: n, p: 0.55, negativeShare: 0.4, weighted: seed % 2 == 1, seed: UInt64(seed) + 100)
        let solution = correlationClustering(g)
        let reference = ReferencePartitions.minimum(g, a: 1, c: 1)
        #expect(solution.provenOptimal)
        #expect(isClose(solution.objective, reference.value), "n=\(n) seed=\(seed)")
        #expect(isClose(imbalance(of: solution.partition, in: g), solution.objective))
    }

    @Test(arguments: 0..<40)
    func exactBlockmodelMatchesEveryPartition(seed: Int) {
        let n = 4 + seed % 6  // 4…9
        let k = 2 + seed % 3
        let alpha = [0.5, 0.3, 0.8][seed % 3]
        let g = RandomGraphs.signed(n: n, p: 0.6, negativeShare: 0.35, weighted: seed % 2 == 0, seed: UInt64(seed) + 900)
        let solution = signedBlockmodel(g, k: k, alpha: alpha)
        let reference = ReferencePartitions.minimum(g, a: alpha, c: 1 - alpha, exactlyK: k)
        #expect(solution.partition.count == k)
        #expect(solution.provenOptimal)
        #expect(isClose(solution.objective, reference.value, tolerance: 1e-9), "n=\(n) k=\(k) α=\(alpha)")
    }

    @Test func heuristicBlockmodelReachesTheOptimumOnPlantedBlocks() {
        // Three planted blocks of 20, noise-free: the optimum with k = 3 is 0 and the heuristic must find it.
        var edges: [SignedEdge] = []
        var rng = SplitMix64(seed: 7)
        for u in 0..<60 { for v in (u + 1)..<60 where Double.random(in: 0..<1, using: &rng) < 0.3 {
            edges.append(SignedEdge(Int32(u), Int32(v), sign: u / 20 == v / 20 ? .positive : .negative))
        } }
        let g = SignedGraph(nodeCount: 60, edges: edges)
        let solution = signedBlockmodel(g, k: 3, options: PartitionSearchOptions(exactNodeLimit: 0))
        #expect(solution.objective == 0)
        #expect(solution.provenOptimal)
        #expect(solution.partition == Partition(labels: (0..<60).map { $0 / 20 }))
    }

    @Test func correlationHeuristicOnLargeNoisyGraphIsNoWorseThanTheTruth() {
        var edges: [SignedEdge] = []
        var rng = SplitMix64(seed: 11)
        let n = 400
        let truth = (0..<n).map { $0 % 5 }
        for u in 0..<n { for v in (u + 1)..<n where Double.random(in: 0..<1, using: &rng) < 0.05 {
            var sign: Sign = truth[u] == truth[v] ? .positive : .negative
            if Double.random(in: 0..<1, using: &rng) < 0.1 { sign = sign == .positive ? .negative : .positive }
            edges.append(SignedEdge(Int32(u), Int32(v), sign: sign))
        } }
        let g = SignedGraph(nodeCount: n, edges: edges)
        let solution = correlationClustering(g)
        #expect(solution.objective <= imbalance(of: Partition(labels: truth), in: g))
        #expect(!solution.provenOptimal)
    }

    @Test func componentsAndClusterability() {
        // 0-1-2 allied, 3-4 allied, negative 2-3: clusterable; adding negative 0-2 inside breaks it.
        let base = [SignedEdge(0, 1, sign: .positive), SignedEdge(1, 2, sign: .positive),
                    SignedEdge(3, 4, sign: .positive), SignedEdge(2, 3, sign: .negative)]
        let g = SignedGraph(nodeCount: 6, edges: base)
        #expect(positiveComponents(of: g) == Partition(labels: [0, 0, 0, 1, 1, 2]))
        #expect(isClusterable(g))
        #expect(violatingEdges(of: positiveComponents(of: g), in: g).isEmpty)
        let h = SignedGraph(nodeCount: 6, edges: base + [SignedEdge(0, 2, sign: .negative)])
        #expect(!isClusterable(h))
        #expect(violatingEdges(of: positiveComponents(of: h), in: h) == [SignedEdge(0, 2, sign: .negative)])
    }

    @Test(arguments: 0..<20)
    func clusterableGraphsGiveZeroViolations(seed: Int) {
        // Planted k-clusterable graph: positive inside, negative across, no noise.
        var rng = SplitMix64(seed: UInt64(seed))
        let n = 30 + seed, k = 2 + seed % 4
        let truth = (0..<n).map { _ in Int.random(in: 0..<k, using: &rng) }
        var edges: [SignedEdge] = []
        for u in 0..<n { for v in (u + 1)..<n where Double.random(in: 0..<1, using: &rng) < 0.2 {
            edges.append(SignedEdge(Int32(u), Int32(v), sign: truth[u] == truth[v] ? .positive : .negative))
        } }
        let g = SignedGraph(nodeCount: n, edges: edges)
        #expect(isClusterable(g))
        let cc = correlationClustering(g)
        #expect(cc.objective == 0 && cc.provenOptimal)
        #expect(violatingEdges(of: cc.partition, in: g).isEmpty)
        #expect(violatingEdges(of: positiveComponents(of: g), in: g).isEmpty)
    }

    @Test func modularityKnownValues() {
        // Two positive pairs joined by a negative edge: {0,1} {2,3}.
        // w⁺ = 2, w⁻ = 1; strengths k⁺ = 1 each, k⁻ = 1 for nodes 1 and 2.
        // Σ_c: 2·1 − (2²)/4 each block = 2 − 1 = 1 per block; negative null: k⁻ sums 1 per block → +1/2 each.
        // Q = (1 + 0.5 + 1 + 0.5) / (4 + 2) = 0.5.
        let g = SignedGraph(nodeCount: 4, edges: [SignedEdge(0, 1, sign: .positive), SignedEdge(2, 3, sign: .positive),
                                                  SignedEdge(1, 2, sign: .negative)])
        #expect(isClose(signedModularity(of: Partition(labels: [0, 0, 1, 1]), in: g), 0.5))
        // Everyone together: 2·(2 − 1) − 4²/4 + 2²/2 = 2 − 4 + 2 = 0 → Q = 0.
        #expect(isClose(signedModularity(of: Partition(labels: [0, 0, 0, 0]), in: g), 0))
        // All singletons: −Σ 1/4 + (1² + 1²)/2 = −1 + 1 = 0.
        #expect(isClose(signedModularity(of: Partition(labels: [0, 1, 2, 3]), in: g), 0))
        #expect(signedModularity(of: Partition(labels: [0, 1]), in: .empty(nodeCount: 2)) == 0)
        #expect(louvainSignedModularity(g) == Partition(labels: [0, 0, 1, 1]))
    }

    @Test(arguments: 0..<30)
    func modularityMatchesTheFormula(seed: Int) {
        let n = 2 + seed % 12
        let g = RandomGraphs.signed(n: n, p: 0.5, negativeShare: seed % 5 == 0 ? 0 : 0.4, weighted: true, seed: UInt64(seed) + 77)
        var rng = SplitMix64(seed: UInt64(seed))
        let labels = (0..<n).map { _ in Int.random(in: 0..<3, using: &rng) }
        #expect(isClose(signedModularity(of: Partition(labels: labels), in: g), ReferencePartitions.modularity(g, labels)))
        let louvain = louvainSignedModularity(g, seed: 3)
        #expect(isClose(signedModularity(of: louvain, in: g), ReferencePartitions.modularity(g, louvain.labels)))
    }

    @Test(arguments: 0..<20)
    func louvainEndsAtALocalOptimum(seed: Int) {
        // Louvain, like igraph's and leidenalg's, only offers a node the coalitions of its neighbours or a coalition
        // of its own (so it can miss grouping non-adjacent nodes that the negative null term rewards). Check that
        // no such move raises Q, with Q evaluated by the O(n²) formula.
        let n = 5 + seed % 10
        let g = RandomGraphs.signed(n: n, p: 0.4, negativeShare: 0.35, weighted: seed % 2 == 0, seed: UInt64(seed) + 5)
        let p = louvainSignedModularity(g)
        let q = ReferencePartitions.modularity(g, p.labels)
        for v in 0..<n {
            var offers = Set(g.neighbors(of: v).map { p.labels[Int($0)] })
            offers.insert(p.count)  // a coalition of its own
            for c in offers where c != p.labels[v] {
                var moved = p.labels
                moved[v] = c
                #expect(ReferencePartitions.modularity(g, moved) <= q + 1e-9, "seed \(seed): moving \(v) to \(c) gains")
            }
        }
    }

    @Test func louvainRecoversPlantedCoalitions() {
        var rng = SplitMix64(seed: 3)
        let n = 120
        let truth = (0..<n).map { $0 % 4 }
        var edges: [SignedEdge] = []
        // Every actor has an ally in its coalition (u and u + 4): Louvain only offers neighbours' coalitions.
        for u in 0..<n { for v in (u + 1)..<n where v == u + 4 || Double.random(in: 0..<1, using: &rng) < 0.15 {
            edges.append(SignedEdge(Int32(u), Int32(v), sign: truth[u] == truth[v] ? .positive : .negative))
        } }
        let g = SignedGraph(nodeCount: n, edges: edges)
        #expect(louvainSignedModularity(g) == Partition(labels: truth))
    }

    @Test(arguments: 0..<15)
    func permutingNodesPermutesThePartition(seed: Int) {
        let n = 6 + seed % 4
        let g = RandomGraphs.signed(n: n, p: 0.6, negativeShare: 0.35, weighted: true, seed: UInt64(seed) + 300)
        var rng = SplitMix64(seed: UInt64(seed) + 1)
        let perm = Array(0..<n).shuffled(using: &rng)  // node v becomes perm[v]
        let h = SignedGraph(nodeCount: n, edges: g.edges.map { SignedEdge(Int32(perm[Int($0.u)]), Int32(perm[Int($0.v)]), weight: $0.weight, sign: $0.sign) })
        func back(_ p: Partition) -> Partition { Partition(labels: (0..<n).map { p.labels[perm[$0]] }) }
        #expect(back(positiveComponents(of: h)) == positiveComponents(of: g))
        let cg = correlationClustering(g), ch = correlationClustering(h)
        #expect(isClose(cg.objective, ch.objective))
        if ReferencePartitions.minimum(g, a: 1, c: 1).count == 1 {  // unique optimum: the same partition
            #expect(back(ch.partition) == cg.partition)
        }
    }

    @Test func determinismForAFixedSeed() {
        let g = RandomGraphs.signed(n: 300, p: 0.03, negativeShare: 0.3, seed: 42)
        #expect(correlationClustering(g, options: PartitionSearchOptions(seed: 9)) == correlationClustering(g, options: PartitionSearchOptions(seed: 9)))
        #expect(louvainSignedModularity(g, seed: 5) == louvainSignedModularity(g, seed: 5))
        #expect(signedBlockmodel(g, k: 4) == signedBlockmodel(g, k: 4))
    }

    @Test func cornerCases() {
        let empty = SignedGraph.empty(nodeCount: 0)
        #expect(correlationClustering(empty).partition.count == 0)
        #expect(louvainSignedModularity(empty).count == 0)
        let isolates = SignedGraph.empty(nodeCount: 3)
        #expect(correlationClustering(isolates).partition == Partition(labels: [0, 1, 2]))
        #expect(louvainSignedModularity(isolates) == Partition(labels: [0, 1, 2]))
        // All negative: everyone apart, objective 0.
        let allNegative = SignedGraph(nodeCount: 3, edges: [SignedEdge(0, 1, sign: .negative), SignedEdge(1, 2, sign: .negative), SignedEdge(0, 2, sign: .negative)])
        #expect(correlationClustering(allNegative).partition == Partition(labels: [0, 1, 2]))
        #expect(signedBlockmodel(allNegative, k: 2).objective == 0.5)  // one negative edge must fall inside, α = 0.5
        // k larger than n: every node alone.
        #expect(signedBlockmodel(allNegative, k: 5).partition.count == 3)
    }
}
