/// Counts per pair of actors a < b, keyed by the packed pair `a << 32 | b`: an open-addressing hash table (linear
/// probing, Fibonacci hashing, load ≤ ½) of keys and 32-bit counts.
///
/// Why not `[UInt64: Int]`: on an M network (5,000 actors, 50 periods) a draw adds ~5 million pairs, and the
/// dictionary's SipHash per lookup and 16-byte values made the pair count the largest part of the tally (and
/// 28 bytes per pair on average); this table takes 12 bytes per slot and one multiplication per lookup. Only
/// pairs counted at least once are stored (key 0 marks an empty slot: no pair a < b packs to 0).
public struct PairCounts: Sendable {
    private var keys: [UInt64]
    private var values: [UInt32]
    private var shift: UInt64
    public private(set) var count = 0

    public init() {
        keys = []
        values = []
        shift = 64
    }

    /// The packed key of actors a ≠ b, smaller id first.
    @inline(__always) public static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        a < b ? UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) : UInt64(UInt32(b)) << 32 | UInt64(UInt32(a))
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        shift == 64 ? 0 : Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `n` to the count of `key` (inserting it).
    /// - Complexity: amortised O(1).
    public mutating func add(_ key: UInt64, _ n: UInt32 = 1) {
        precondition(key != 0)
        if 2 * (count + 1) > keys.count { grow() }
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { values[i] &+= n; return }
            if k == 0 { keys[i] = key; values[i] = n; count += 1; return }
            i = (i + 1) & mask
        }
    }

    /// The count of `key` (0 when never added). - Complexity: O(1) expected.
    public func count(of key: UInt64) -> Int {
        guard !keys.isEmpty else { return 0 }
        let mask = keys.count - 1
        var i = slot(key)
        while true {
            let k = keys[i]
            if k == key { return Int(values[i]) }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let old = (keys, values)
        let capacity = max(16, keys.count * 2)
        keys = [UInt64](repeating: 0, count: capacity)
        values = [UInt32](repeating: 0, count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        count = 0
        for (k, v) in zip(old.0, old.1) where k != 0 { add(k, v) }
    }

    /// Adds every count of `other`. - Complexity: O(capacity of `other`).
    public mutating func merge(_ other: PairCounts) {
        for (k, v) in zip(other.keys, other.values) where k != 0 { add(k, v) }
    }

    /// The pairs and their counts, by increasing key (smaller id, then larger id).
    /// - Complexity: O(capacity + count·log count).
    public func sorted() -> (keys: [UInt64], counts: [UInt32]) {
        var order: [(UInt64, UInt32)] = []
        order.reserveCapacity(count)
        for (k, v) in zip(keys, values) where k != 0 { order.append((k, v)) }
        order.sort { $0.0 < $1.0 }
        return (order.map(\.0), order.map(\.1))
    }
}
