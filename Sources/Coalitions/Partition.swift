/// A partition of a snapshot's nodes into coalitions, in canonical form.
///
/// Labels are `0..<count`, numbered in order of each block's smallest node, so two partitions are equal exactly
/// when they group the nodes the same way, whatever labels produced them.
///
/// - Complexity: canonicalisation O(n).
public struct Partition: Hashable, Sendable {
    /// The block of each node.
    public let labels: [Int]
    /// The number of blocks.
    public let count: Int

    /// Canonicalises any labelling (labels may be arbitrary integers).
    public init(labels raw: [Int]) {
        var labels = [Int](repeating: 0, count: raw.count)
        // Labels from the optimizers are small non-negative integers: an array map then replaces the dictionary
        // (same numbering: by first appearance).
        if let low = raw.min(), let high = raw.max(), low >= 0, high <= 4 * raw.count + 64 {
            var map = [Int](repeating: -1, count: high + 1)
            var next = 0
            for (i, l) in raw.enumerated() {
                if map[l] < 0 { map[l] = next; next += 1 }
                labels[i] = map[l]
            }
            self.labels = labels
            self.count = next
            return
        }
        var map: [Int: Int] = [:]
        for (i, l) in raw.enumerated() {
            if let c = map[l] { labels[i] = c } else { labels[i] = map.count; map[l] = labels[i] }
        }
        self.labels = labels
        self.count = map.count
    }

    /// The nodes of each block, increasing, blocks in label order.
    public var blocks: [[Int]] {
        var result = [[Int]](repeating: [], count: count)
        for (i, l) in labels.enumerated() { result[l].append(i) }
        return result
    }
}
