import Foundation

/// `body(i)` for every index of `order` on all cores, the indices taken in `order` (say, largest task first), each
/// worker taking the next as it finishes; the results by index (`result[i] == body(i)`). `finished(i, done)` runs
/// after each task, with how many are done so far (for progress lines).
///
/// The results do not depend on which thread computed what, so a `body` that depends on its index only gives the
/// same array whatever the cores. `order` must be a permutation of `0..<order.count`.
///
/// - Complexity: the tasks' own cost, plus O(1) locking per task.
public func parallelMap<T>(inOrder order: [Int], _ body: (Int) -> T, finished: ((Int, Int) -> Void)? = nil) -> [T] {
    let slots = OrderedSlots<T>(count: order.count)
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, order.count))
    // `body` and `finished` run on the pool's threads while this call waits for them: they never outlive it.
    nonisolated(unsafe) let body = body
    nonisolated(unsafe) let finished = finished
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        while let k = slots.take() {
            let i = order[k]
            let done = slots.set(i, body(i))
            finished?(i, done)
        }
    }
    return slots.values()
}

/// One write-once slot per task, the next position in the order, and the count done.
private final class OrderedSlots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [T?]
    private var next = 0
    private var done = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next position in the order, or `nil` when every task was taken.
    func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    /// Stores task `i`'s value; returns how many tasks are done.
    func set(_ i: Int, _ value: T) -> Int {
        lock.lock()
        defer { lock.unlock() }
        slots[i] = value
        done += 1
        return done
    }

    func values() -> [T] { slots.map { $0! } }
}
