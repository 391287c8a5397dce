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
        var map: [Int: Int] = [:]
        var labels = [Int](repeating: 0, count: raw.count)
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
