import Coalitions
import GraphCore

/// Slow references: every set partition of a small node set (restricted-growth strings).
enum ReferencePartitions {
    /// Calls `body` with every restricted-growth string of length n (Bell(n) of them).
    static func forEach(n: Int, _ body: ([Int]) -> Void) {
        var labels = [Int](repeating: 0, count: n)
        func go(_ i: Int, _ blocks: Int) {
            if i == n { body(labels); return }
            for b in 0...blocks where b < n {
                labels[i] = b
                go(i + 1, max(blocks, b + 1))
            }
        }
        if n == 0 { body([]) } else { go(0, 0) }
    }

    static func count(n: Int) -> Int {
        var c = 0
        forEach(n: n) { _ in c += 1 }
        return c
    }

    /// The minimum of a·N_inside + c·P_between over all partitions (optionally with exactly k blocks), and how
    /// many partitions reach it.
    static func minimum(_ graph: SignedGraph, a: Double, c: Double, exactlyK k: Int? = nil) -> (value: Double, count: Int) {
        var best = Double.infinity, count = 0
        forEach(n: graph.nodeCount) { labels in
            if let k, (labels.max() ?? -1) + 1 != k { return }
            let v = imbalance(of: Partition(labels: labels), in: graph, negativeInside: a, positiveBetween: c)
            if v < best - 1e-9 { best = v; count = 1 } else if abs(v - best) <= 1e-9 { count += 1 }
        }
        return (best, count)
    }

    /// Signed modularity straight from the formula, O(n²) over ordered pairs.
    static func modularity(_ graph: SignedGraph, _ labels: [Int]) -> Double {
        let n = graph.nodeCount
        var w = [Double](repeating: 0, count: n * n)
        var kp = [Double](repeating: 0, count: n), kn = kp
        var wp = 0.0, wn = 0.0
        for e in graph.edges {
            let u = Int(e.u), v = Int(e.v)
            w[u * n + v] = e.signedWeight; w[v * n + u] = e.signedWeight
            if e.sign == .positive { kp[u] += e.weight; kp[v] += e.weight; wp += e.weight } else { kn[u] += e.weight; kn[v] += e.weight; wn += e.weight }
        }
        guard wp + wn > 0 else { return 0 }
        var q = 0.0
        for i in 0..<n {
            for j in 0..<n where labels[i] == labels[j] {
                let nullP = wp > 0 ? kp[i] * kp[j] / (2 * wp) : 0
                let nullN = wn > 0 ? kn[i] * kn[j] / (2 * wn) : 0
                q += w[i * n + j] - (nullP - nullN)
            }
        }
        return q / (2 * wp + 2 * wn)
    }
}
