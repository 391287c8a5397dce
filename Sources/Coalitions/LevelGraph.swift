import GraphCore

/// The working graph of the multilevel optimizers: CSR arcs with separate positive and negative weights (an
/// aggregated graph can join two super-nodes by both), plus the weight that sits inside each super-node.
///
/// Level 0 is a ``SignedGraph`` as is; level l + 1 has one node per cluster of level l. Internal only.
///
/// - Complexity: construction O(n + m) from a graph, O(n + m + Σ d log d) by aggregation (d: the clusters next to
///   each cluster).
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
    ///
    /// Nodes are grouped by cluster with a counting sort (increasing within a cluster), and each cluster's arcs
    /// are summed per neighbouring cluster in a dense accumulator, then written by increasing target: every sum
    /// adds the same weights in the same order (node, then arc) as a stable sort of the arcs by (cluster, target)
    /// would, so the weights are the same to the bit, without sorting the m arcs.
    func aggregated(by cluster: [Int], clusterCount: Int) -> LevelGraph {
        var selfPos = [Double](repeating: 0, count: clusterCount)
        var selfNeg = selfPos
        var size = [Int](repeating: 0, count: clusterCount)
        // first[c]..<first[c + 1]: the nodes of cluster c in `members`, increasing.
        let (first, members) = groupedByLabel(cluster, labelCount: clusterCount)
        var offsets = [Int](repeating: 0, count: clusterCount + 1)
        var targets: [Int32] = [], pos: [Double] = [], neg: [Double] = []
        var accP = [Double](repeating: 0, count: clusterCount), accN = accP
        var seen = [Bool](repeating: false, count: clusterCount)
        var touched: [Int] = []
        targets.reserveCapacity(self.targets.count)
        pos.reserveCapacity(self.targets.count)
        neg.reserveCapacity(self.targets.count)
        for cv in 0..<clusterCount {
            for i in first[cv]..<first[cv + 1] {
                let v = members[i]
                size[cv] += self.size[v]
                selfPos[cv] += selfPositive[v]
                selfNeg[cv] += selfNegative[v]
                for a in self.offsets[v]..<self.offsets[v + 1] {
                    let cu = cluster[Int(self.targets[a])]
                    if cu == cv {
                        // Each inside edge is met from both ends: count half each time.
                        selfPos[cv] += positive[a] / 2
                        selfNeg[cv] += negative[a] / 2
                    } else {
                        if !seen[cu] { seen[cu] = true; touched.append(cu) }
                        accP[cu] += positive[a]
                        accN[cu] += negative[a]
                    }
                }
            }
            touched.sort()
            for cu in touched {
                targets.append(Int32(truncatingIfNeeded: cu))
                pos.append(accP[cu])
                neg.append(accN[cu])
                accP[cu] = 0
                accN[cu] = 0
                seen[cu] = false
            }
            offsets[cv + 1] = targets.count
            touched.removeAll(keepingCapacity: true)
        }
        return LevelGraph(nodeCount: clusterCount, offsets: offsets, targets: targets, positive: pos, negative: neg,
                          selfPositive: selfPos, selfNegative: selfNeg, size: size)
    }
}

/// Renumbers cluster labels to `0..<count` in order of first appearance; every label must lie in
/// `0..<labels.count` (as the optimizers' labels do: at most one cluster per node), which spares a scan for the
/// largest label.
func compactLabels(_ labels: inout [Int]) -> Int {
    var map = [Int](repeating: -1, count: labels.count)
    var next = 0
    for i in labels.indices {
        let l = labels[i]
        if map[l] < 0 { map[l] = next; next += 1 }
        labels[i] = map[l]
    }
    return next
}

/// The nodes grouped by label with a counting sort: `members[first[l]..<first[l + 1]]` are the nodes labelled `l`,
/// increasing. Labels must lie in `0..<labelCount`.
/// - Complexity: O(nodes + labelCount).
func groupedByLabel(_ label: [Int], labelCount: Int) -> (first: [Int], members: [Int]) {
    var first = [Int](repeating: 0, count: labelCount + 1)
    for l in label { first[l + 1] += 1 }
    for l in 0..<labelCount { first[l + 1] += first[l] }
    var members = [Int](repeating: 0, count: label.count)
    var fill = first
    for (v, l) in label.enumerated() {
        members[fill[l]] = v
        fill[l] += 1
    }
    return (first, members)
}
