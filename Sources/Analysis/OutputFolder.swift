import Foundation

/// Why an output folder could not be written or put in place.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "cannot write \(path): \(reason)" }
}

/// A run's output folder, written in full to a staging folder beside it and put in place only when complete.
///
/// `Output/<dataset>/` is replaced by a finished run or not at all: files go to `.<name>.partial-<token>` next to
/// it; ``commit()`` moves the previous folder aside (`.<name>.previous-<token>`), renames the staging folder into
/// place, and only then deletes the previous one. An interrupted run leaves the last good output untouched (plus
/// a staging folder that the next run removes); should a run die between the two renames, the next run puts the
/// previous output back before it starts.
///
/// - Complexity: each write is one file write; ``commit()`` is two renames and a recursive delete.
public final class OutputFolder: @unchecked Sendable {
    /// Where the output ends up.
    public let destination: URL
    /// Where it is written meanwhile.
    public let staging: URL
    private let lock = NSLock()
    private var committed = false

    /// Prepares a staging folder for `destination`, cleaning up what earlier interrupted runs left.
    public init(destination: URL) throws(OutputError) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            let siblings = try fm.contentsOfDirectory(atPath: parent.path)
            // A run that died between its two renames: the previous output is aside and nothing is in place.
            if !fm.fileExists(atPath: self.destination.path),
               let aside = siblings.filter({ $0.hasPrefix(".\(name).previous-") }).sorted().last {
                try fm.moveItem(at: parent.appendingPathComponent(aside), to: self.destination)
            }
            for leftover in siblings where leftover.hasPrefix(".\(name).partial-") || leftover.hasPrefix(".\(name).previous-") {
                try? fm.removeItem(at: parent.appendingPathComponent(leftover))
            }
            let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
            staging = parent.appendingPathComponent(".\(name).partial-\(token)")
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: self.destination.path, reason: error.localizedDescription)
        }
    }

    /// Writes `bytes` to `relativePath` inside the staging folder (creating subfolders). Thread-safe.
    public func write(_ bytes: some DataProtocol, to relativePath: String) throws(OutputError) {
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        } catch {
            throw OutputError(path: destination.appendingPathComponent(relativePath).path, reason: error.localizedDescription)
        }
    }

    /// Writes text as UTF-8.
    public func write(_ text: String, to relativePath: String) throws(OutputError) {
        try write(Array(text.utf8), to: relativePath)
    }

    /// Puts the staging folder in place of the destination.
    public func commit() throws(OutputError) {
        lock.lock()
        defer { lock.unlock() }
        precondition(!committed, "an output folder is committed once")
        let fm = FileManager.default
        let aside = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).previous-\(staging.lastPathComponent.split(separator: "-").last ?? "x")")
        do {
            let hadPrevious = fm.fileExists(atPath: destination.path)
            if hadPrevious { try fm.moveItem(at: destination, to: aside) }
            do {
                try fm.moveItem(at: staging, to: destination)
            } catch {
                if hadPrevious { try? fm.moveItem(at: aside, to: destination) }
                throw error
            }
            committed = true
            if hadPrevious { try? fm.removeItem(at: aside) }
        } catch {
            throw OutputError(path: destination.path, reason: error.localizedDescription)
        }
    }

    /// Removes the staging folder (after a failed run); the previous output stays.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        if !committed { try? FileManager.default.removeItem(at: staging) }
    }
}
