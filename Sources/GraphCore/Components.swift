/// Connected components by union–find with path halving and union by size.
///
/// Returns a component label per node, numbered 0, 1, … in order of each component's smallest node, so the
/// labelling is canonical. Pass a `filter` to keep only some edges (e.g. the positive ones).
///
/// - Complexity: O(n + m·α(n)).
public func connectedComponents(
    of graph: SignedGraph, using filter: (SignedEdge) -> Bool = { _ in true }
) -> [Int] {
    var parent = Array(0..<graph.nodeCount)
    var size = [Int](repeating: 1, count: graph.nodeCount)
    func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
        return x
    }
    for e in graph.edges where filter(e) {
        var a = find(Int(e.u)), b = find(Int(e.v))
        if a == b { continue }
        if size[a] < size[b] { swap(&a, &b) }
        parent[b] = a
        size[a] += size[b]
    }
    var label = [Int](repeating: -1, count: graph.nodeCount)
    // Roots are nodes: an array numbers them by first appearance (a dictionary cost more than the union-find).
    var rootLabel = [Int](repeating: -1, count: graph.nodeCount), count = 0
    for i in 0..<graph.nodeCount {
        let r = find(i)
        if rootLabel[r] < 0 { rootLabel[r] = count; count += 1 }
        label[i] = rootLabel[r]
    }
    return label
}

/// Breadth-first distances (in hops) from `source`; unreachable nodes get −1.
/// - Complexity: O(n + m).
public func breadthFirstDistances(in graph: SignedGraph, from source: Int) -> [Int] {
    var dist = [Int](repeating: -1, count: graph.nodeCount)
    var queue = [Int]()
    queue.reserveCapacity(graph.nodeCount)
    dist[source] = 0
    queue.append(source)
    var head = 0
    while head < queue.count {
        let x = queue[head]; head += 1
        for y in graph.neighbors(of: x) where dist[Int(y)] < 0 {
            dist[Int(y)] = dist[x] + 1
            queue.append(Int(y))
        }
    }
    return dist
}
