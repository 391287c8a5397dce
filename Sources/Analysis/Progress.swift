import Foundation

/// Reports the stages of a long run: a line per stage on a log, or a live line on a terminal.
///
/// Library code never prints: callers pass a sink (the CLI writes to standard error).
public struct ProgressReporter: Sendable {
    /// Receives one message per call; `transient` messages may be overwritten by the next one on a terminal.
    public var sink: @Sendable (_ message: String, _ transient: Bool) -> Void

    public init(sink: @escaping @Sendable (_ message: String, _ transient: Bool) -> Void) { self.sink = sink }

    /// Discards everything.
    public static let silent = ProgressReporter { _, _ in }

    /// A stage that starts.
    public func stage(_ text: String) { sink(text, false) }

    /// `done` of `total` items of the current stage.
    public func step(_ done: Int, of total: Int, _ item: String) { sink("  \(done)/\(total) \(item)", true) }
}
