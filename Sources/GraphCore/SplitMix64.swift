/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable generator, so every heuristic, sample and random
/// test in Blocs is reproducible from its seed on every machine.
///
/// The one implementation the metrics (frustration heuristic, betweenness pivots), the coalition heuristics and
/// the tests share.
///
/// - Complexity: O(1) per draw.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw from `0..<bound` (bound > 0), unbiased (Lemire's multiply-and-reject), spelled out here so
    /// the sequence does not depend on the standard library's algorithm.
    public mutating func bounded(_ bound: UInt64) -> UInt64 {
        precondition(bound > 0, "empty range")
        let threshold = (0 &- bound) % bound
        while true {
            let product = next().multipliedFullWidth(by: bound)
            if product.low >= threshold { return product.high }
        }
    }
}
