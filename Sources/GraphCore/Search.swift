extension RandomAccessCollection where Index == Int {
    /// The first index in `range` whose element satisfies `isAfter`, or `range.upperBound` when none does; the
    /// elements of `range` must be partitioned (every element failing `isAfter` before every element passing it),
    /// as a sorted collection is for `{ $0 >= key }`. The one binary search of the graph code.
    /// - Complexity: O(log range.count).
    @inlinable public func partitionPoint(in range: Range<Int>, where isAfter: (Element) -> Bool) -> Int {
        var lo = range.lowerBound, hi = range.upperBound
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if isAfter(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// A binary min-heap of (key, node) pairs in two flat arrays: Dijkstra's queue with lazy deletion (push a node
/// again when its key drops; skip stale entries on pop). Equal keys pop in no particular order.
public struct MinHeap: Sendable {
    private var keys: [Double] = []
    private var nodes: [Int32] = []

    /// An empty heap with room for `capacity` entries.
    public init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
        nodes.reserveCapacity(capacity)
    }

    /// The number of entries. - Complexity: O(1).
    public var count: Int { keys.count }

    /// Adds `node` with `key`. - Complexity: O(log count).
    public mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key)
        nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if keys[p] <= key { break }
            keys[i] = keys[p]; nodes[i] = nodes[p]
            i = p
        }
        keys[i] = key; nodes[i] = node
    }

    /// Removes and returns an entry of smallest key, or `nil` when empty. - Complexity: O(log count).
    public mutating func pop() -> (key: Double, node: Int32)? {
        guard let topKey = keys.first, let topNode = nodes.first else { return nil }
        let lastKey = keys.removeLast(), lastNode = nodes.removeLast()
        let count = keys.count
        if count > 0 {
            var i = 0
            while true {
                var c = 2 * i + 1
                if c >= count { break }
                if c + 1 < count && keys[c + 1] < keys[c] { c += 1 }
                if keys[c] >= lastKey { break }
                keys[i] = keys[c]; nodes[i] = nodes[c]
                i = c
            }
            keys[i] = lastKey; nodes[i] = lastNode
        }
        return (topKey, topNode)
    }
}
