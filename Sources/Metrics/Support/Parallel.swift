import Dispatch

/// Runs `body(chunk)` for `chunk` in `0..<count` on all cores and returns the results in chunk order.
///
/// Determinism: callers split work into a fixed number of chunks that does not depend on the machine, and merge
/// the results in chunk order, so floating-point sums are bit-identical from run to run and machine to machine.
/// Calls nest (a per-snapshot map whose bodies split their own work): Dispatch shares the cores between them.
/// - Complexity: the sum of the bodies' work, spread over the cores.
public func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 1 else { return (0..<count).map(body) }
    let slots = ResultSlots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
        slots.set(i, body(i))
    }
    return slots.values()
}

/// Write-once slots, one per chunk; each chunk writes only its own slot, so no two threads touch the same memory.
private final class ResultSlots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func set(_ i: Int, _ value: T) { base[i] = value }

    func values() -> [T] {
        (0..<count).map { i in
            guard let v = base[i] else { preconditionFailure("parallel chunk \(i) produced no result") }
            return v
        }
    }
}

/// The number of chunks a loop over `items` is split into: fixed (not the core count) so results are
/// reproducible everywhere, and small enough that per-chunk accumulators stay cheap.
func chunkCount(for items: Int, minimumPerChunk: Int = 1) -> Int {
    max(1, min(16, items / max(1, minimumPerChunk)))
}

/// The half-open range of chunk `i` of `count` chunks over `0..<items`.
func chunkRange(_ i: Int, of count: Int, items: Int) -> Range<Int> {
    (items * i / count)..<(items * (i + 1) / count)
}
