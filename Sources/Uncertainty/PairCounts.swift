/// Counts per pair of actors a < b, keyed by the packed pair `a << 32 | b`: an open-addressing hash table (linear
/// probing, Fibonacci hashing, load ≤ ¾) of keys (stored in 32 bits, a << 16 | b, while both ids are below 2¹⁶)
/// and 32-bit counts.
///
/// Why not `[UInt64: Int]`: on an M network (5,000 actors, 50 periods) a draw adds ~5 million pairs, and the
/// dictionary's SipHash per lookup and 16-byte values made the pair count the largest part of the tally (and
/// 28 bytes per pair on average); this table takes 8 bytes per slot (12 above 65,536 actors), 11–21 per pair, and one
/// multiplication per lookup (the pairs ever together grow with the draws: 6.5 million after 8 M draws). Only
/// pairs counted at least once are stored (key 0 marks an empty slot: no pair a < b packs to 0).
public struct PairCounts: Sendable {
    /// The keys while every actor id is below 2¹⁶ (a << 16 | b: 4 bytes), else the packed 64-bit keys.
    private var narrow: [UInt32] = []
    private var wide: [UInt64] = []
    private var isWide = false
    private var values: [UInt32] = []
    private var shift: UInt64 = 64
    public private(set) var count = 0

    public init() {}

    /// The packed key of actors a ≠ b, smaller id first.
    @inline(__always) public static func key(_ a: Int32, _ b: Int32) -> UInt64 {
        a < b ? UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)) : UInt64(UInt32(b)) << 32 | UInt64(UInt32(a))
    }

    @inline(__always) private static func fitsNarrow(_ key: UInt64) -> Bool { key & 0xFFFF_0000_FFFF_0000 == 0 }
    @inline(__always) private static func narrowKey(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 16 | key & 0xFFFF) }
    @inline(__always) private static func wideKey(_ key: UInt32) -> UInt64 { UInt64(key >> 16) << 32 | UInt64(key & 0xFFFF) }

    private var capacity: Int { values.count }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        shift == 64 ? 0 : Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Adds `n` to the count of `key` (inserting it).
    /// - Complexity: amortised O(1).
    public mutating func add(_ key: UInt64, _ n: UInt32 = 1) {
        precondition(key != 0)
        if !isWide && !Self.fitsNarrow(key) { widen() }
        if 4 * (count + 1) > 3 * capacity { grow() }
        let mask = capacity - 1
        var i = slot(key)
        if isWide {
            while true {
                let k = wide[i]
                if k == key { values[i] &+= n; return }
                if k == 0 { wide[i] = key; values[i] = n; count += 1; return }
                i = (i + 1) & mask
            }
        }
        let small = Self.narrowKey(key)
        while true {
            let k = narrow[i]
            if k == small { values[i] &+= n; return }
            if k == 0 { narrow[i] = small; values[i] = n; count += 1; return }
            i = (i + 1) & mask
        }
    }

    /// The count of `key` (0 when never added). - Complexity: O(1) expected.
    public func count(of key: UInt64) -> Int {
        guard capacity > 0, isWide || Self.fitsNarrow(key) else { return 0 }
        let mask = capacity - 1
        var i = slot(key)
        while true {
            let k = isWide ? wide[i] : Self.wideKey(narrow[i])
            if k == key { return Int(values[i]) }
            if k == 0 { return 0 }
            i = (i + 1) & mask
        }
    }

    /// Every (key, count), in slot order.
    private func entries() -> [(UInt64, UInt32)] {
        var out: [(UInt64, UInt32)] = []
        out.reserveCapacity(count)
        if isWide {
            for (k, v) in zip(wide, values) where k != 0 { out.append((k, v)) }
        } else {
            for (k, v) in zip(narrow, values) where k != 0 { out.append((Self.wideKey(k), v)) }
        }
        return out
    }

    private mutating func rebuild(capacity newCapacity: Int, wide makeWide: Bool) {
        let old = entries()
        isWide = makeWide
        narrow = makeWide ? [] : [UInt32](repeating: 0, count: newCapacity)
        wide = makeWide ? [UInt64](repeating: 0, count: newCapacity) : []
        values = [UInt32](repeating: 0, count: newCapacity)
        shift = UInt64(64 - newCapacity.trailingZeroBitCount)
        count = 0
        for (k, v) in old { add(k, v) }
    }

    private mutating func grow() { rebuild(capacity: max(16, capacity * 2), wide: isWide) }
    private mutating func widen() { rebuild(capacity: max(16, capacity), wide: true) }

    /// Adds every count of `other`. - Complexity: O(capacity of `other`).
    public mutating func merge(_ other: PairCounts) {
        for (k, v) in other.entries() { add(k, v) }
    }

    /// The pairs and their counts, by increasing key (smaller id, then larger id).
    /// - Complexity: O(capacity + count·log count).
    public func sorted() -> (keys: [UInt64], counts: [UInt32]) {
        let order = entries().sorted { $0.0 < $1.0 }
        return (order.map(\.0), order.map(\.1))
    }
}
