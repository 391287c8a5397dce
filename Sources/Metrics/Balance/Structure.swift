import GraphCore

/// A two-sided split that satisfies every edge of a balanced graph, or `nil` when the graph is not balanced.
///
/// Parity union–find: each node keeps its parity relative to its root; a positive edge asks for equal parity,
/// a negative one for opposite parity. The graph is balanced (Cartwright & Harary: every cycle has an even
/// number of negative edges) iff no edge contradicts the parities already joined. Side 0 or 1 per node; the
/// side of each component's smallest node is 0. Weights are ignored.
///
/// - Complexity: O(n + m·α(n)).
/// - Reference: F. Harary, "On the notion of balance of a signed graph", Michigan Math. J. 2 (1953).
public func balancedSplit(_ graph: SignedGraph) -> [UInt8]? {
    var uf = ParityUnionFind(count: graph.nodeCount)
    for e in graph.edges {
        if !uf.union(Int(e.u), Int(e.v), odd: e.sign == .negative) { return nil }
    }
    var side = [UInt8](repeating: 0, count: graph.nodeCount)
    var rootSide = [Int: UInt8]()
    for i in 0..<graph.nodeCount {
        let (r, p) = uf.find(i)
        if let s = rootSide[r] { side[i] = s ^ p } else { rootSide[r] = p; side[i] = 0 }
    }
    return side
}

/// Whether the signed graph is structurally balanced (frustration index 0): see ``balancedSplit(_:)``.
///
/// - Complexity: O(n + m·α(n)).
public func isBalanced(_ graph: SignedGraph) -> Bool { balancedSplit(graph) != nil }

/// Whether the signed graph is clusterable (weakly balanced, Davis 1967): no negative edge joins two nodes of
/// the same connected component of the positive graph. Balanced graphs are clusterable.
///
/// - Complexity: O(n + m·α(n)).
/// - Reference: J. A. Davis, "Clustering and structural balance in graphs", Human Relations 20 (1967).
public func isClusterable(_ graph: SignedGraph) -> Bool {
    let label = connectedComponents(of: graph) { $0.sign == .positive }
    return !graph.edges.contains { $0.sign == .negative && label[Int($0.u)] == label[Int($0.v)] }
}

/// Union–find whose nodes carry their parity (0/1) relative to their root.
struct ParityUnionFind {
    private var parent: [Int]
    private var parity: [UInt8]
    private var size: [Int]

    init(count: Int) {
        parent = Array(0..<count)
        parity = [UInt8](repeating: 0, count: count)
        size = [Int](repeating: 1, count: count)
    }

    /// The root of `x` and the parity of `x` relative to it (with path compression).
    mutating func find(_ x: Int) -> (root: Int, parity: UInt8) {
        var path: [Int] = []
        var r = x
        while parent[r] != r { path.append(r); r = parent[r] }
        // Walk back from the node nearest the root, accumulating parities to the root.
        var acc: UInt8 = 0
        for node in path.reversed() {
            acc ^= parity[node]
            parity[node] = acc
            parent[node] = r
        }
        return (r, x == r ? 0 : parity[x])
    }

    /// Joins x and y with relative parity `odd`; false when that contradicts what is already known.
    mutating func union(_ x: Int, _ y: Int, odd: Bool) -> Bool {
        let (rx, px) = find(x), (ry, py) = find(y)
        let want: UInt8 = odd ? 1 : 0
        if rx == ry { return (px ^ py) == want }
        var (a, b) = (rx, ry)
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        parity[b] = px ^ py ^ want
        size[a] += size[b]
        return true
    }
}
