import GraphCore

/// The working graph of the multilevel optimizers: CSR arcs with separate positive and negative weights (an
/// aggregated graph can join two super-nodes by both), plus the weight that sits inside each super-node.
///
/// Level 0 is a ``SignedGraph`` as is; level l + 1 has one node per cluster of level l. Internal only.
///
/// - Complexity: construction O(n + m) from a graph, O(n + m log m) by aggregation.
struct LevelGraph {
    let nodeCount: Int
    /// CSR offsets, count n + 1.
    let offsets: [Int]
    let targets: [Int32]
    /// Positive and negative weight (both ≥ 0) of each arc.
    let positive: [Double]
    let negative: [Double]
    /// Positive and negative weight inside each super-node (edges counted once).
    let selfPositive: [Double]
    let selfNegative: [Double]
    /// The number of original nodes inside each super-node.
    let size: [Int]

    init(_ graph: SignedGraph) {
        nodeCount = graph.nodeCount
        offsets = graph.offsets
        targets = graph.targets
        positive = graph.arcValues { $0.sign == .positive ? $0.weight : 0 }
        negative = graph.arcValues { $0.sign == .negative ? $0.weight : 0 }
        selfPositive = [Double](repeating: 0, count: graph.nodeCount)
        selfNegative = selfPositive
        size = [Int](repeating: 1, count: graph.nodeCount)
    }

    private init(nodeCount: Int, offsets: [Int], targets: [Int32], positive: [Double], negative: [Double],
                 selfPositive: [Double], selfNegative: [Double], size: [Int]) {
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.targets = targets
        self.positive = positive
        self.negative = negative
        self.selfPositive = selfPositive
        self.selfNegative = selfNegative
        self.size = size
    }

    /// The graph of clusters: `cluster[v]` in `0..<clusterCount` for every node.
    func aggregated(by cluster: [Int], clusterCount: Int) -> LevelGraph {
        var selfPos = [Double](repeating: 0, count: clusterCount)
        var selfNeg = selfPos
        var size = [Int](repeating: 0, count: clusterCount)
        var arcs: [(key: UInt64, p: Double, n: Double)] = []
        arcs.reserveCapacity(targets.count)
        for v in 0..<nodeCount {
            let cv = cluster[v]
            size[cv] += self.size[v]
            selfPos[cv] += selfPositive[v]
            selfNeg[cv] += selfNegative[v]
            for a in offsets[v]..<offsets[v + 1] {
                let cu = cluster[Int(targets[a])]
                if cu == cv {
                    // Each inside edge is met from both ends: count half each time.
                    selfPos[cv] += positive[a] / 2
                    selfNeg[cv] += negative[a] / 2
                } else {
                    arcs.append((UInt64(cv) << 32 | UInt64(cu), positive[a], negative[a]))
                }
            }
        }
        arcs.sort { $0.key < $1.key }
        var offsets = [Int](repeating: 0, count: clusterCount + 1)
        var targets: [Int32] = [], pos: [Double] = [], neg: [Double] = []
        var i = 0
        while i < arcs.count {
            let key = arcs[i].key
            var p = 0.0, n = 0.0
            while i < arcs.count && arcs[i].key == key { p += arcs[i].p; n += arcs[i].n; i += 1 }
            let from = Int(key >> 32)
            offsets[from + 1] += 1
            targets.append(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
            pos.append(p)
            neg.append(n)
        }
        for c in 0..<clusterCount { offsets[c + 1] += offsets[c] }
        return LevelGraph(nodeCount: clusterCount, offsets: offsets, targets: targets, positive: pos, negative: neg,
                          selfPositive: selfPos, selfNegative: selfNeg, size: size)
    }
}

/// Renumbers cluster labels to `0..<count` in order of first appearance.
func compactLabels(_ labels: inout [Int]) -> Int {
    var map = [Int](repeating: -1, count: (labels.max() ?? -1) + 1)
    var next = 0
    for i in labels.indices {
        let l = labels[i]
        if map[l] < 0 { map[l] = next; next += 1 }
        labels[i] = map[l]
    }
    return next
}
