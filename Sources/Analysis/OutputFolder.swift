import Foundation
import TextFormats

/// Why an output folder could not be written or put in place.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

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
    ///
    /// The destination must be Blocs's to write (``OutputPolicy/check(_:protecting:)``): new, empty, or marked as a
    /// Blocs output; the staging folder gets the marker at once, so the finished output carries it.
    ///
    /// - Parameter protecting: folders the output must neither replace nor contain (the dataset's).
    /// - Throws: ``OutputError`` when the destination is not Blocs's to write, or cannot be prepared.
    public init(destination: URL, protecting: [URL] = []) throws(OutputError) {
        try OutputPolicy.check(destination, protecting: protecting)
        self.destination = OutputPolicy.canonical(destination)
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
            try Data(OutputPolicy.markerText.utf8).write(to: staging.appendingPathComponent(OutputPolicy.markerName))
        } catch {
            throw OutputError(path: self.destination.path, reason: plainReason(error))
        }
    }

    /// Writes `bytes` to `relativePath` inside the staging folder (creating subfolders). Thread-safe.
    public func write(_ bytes: some DataProtocol, to relativePath: String) throws(OutputError) {
        let url = staging.appendingPathComponent(relativePath)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        } catch {
            throw OutputError(path: destination.appendingPathComponent(relativePath).path, reason: plainReason(error))
        }
    }

    /// Writes text as UTF-8.
    public func write(_ text: String, to relativePath: String) throws(OutputError) {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Writes the text `body` produces piece by piece to `relativePath` (creating subfolders), through a 1 MB
    /// buffer: a table of millions of rows never sits in memory as one string. Thread-safe.
    public func stream(to relativePath: String, _ body: (inout FileTextStream) -> Void) throws(OutputError) {
        let url = staging.appendingPathComponent(relativePath)
        var failure: (any Error)?
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data().write(to: url)  // creates or empties the file, with the usual errors
            let handle = try FileHandle(forWritingTo: url)
            var stream = FileTextStream(handle)
            body(&stream)
            stream.flush()
            failure = stream.failure
            try handle.close()
        } catch {
            failure = failure ?? error
        }
        if let failure {
            throw OutputError(path: destination.appendingPathComponent(relativePath).path, reason: plainReason(failure))
        }
    }

    /// ``stream(to:_:)`` into two files at once (a table's CSV and JSON text, written from one pass over its rows).
    public func stream(to first: String, and second: String, _ body: (inout FileTextStream, inout FileTextStream) -> Void) throws(OutputError) {
        var inner: OutputError?
        try stream(to: first) { a in
            do throws(OutputError) {
                try stream(to: second) { b in body(&a, &b) }
            } catch {
                inner = error
            }
        }
        if let inner { throw inner }
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
            throw OutputError(path: destination.path, reason: plainReason(error))
        }
    }

    /// Moves every staged file into the destination (created if new), replacing files of the same name and keeping
    /// the others: for commands that update part of a folder (`render --only 1926`). Nothing is moved until every
    /// file was written, so a failed run (a full disk) changes nothing; each move is a rename.
    public func commitMerging() throws(OutputError) {
        lock.lock()
        defer { lock.unlock() }
        precondition(!committed, "an output folder is committed once")
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: destination, withIntermediateDirectories: true)
            let files = (fm.enumerator(atPath: staging.path)?.allObjects as? [String] ?? []).sorted()
            for rel in files {
                var isDir: ObjCBool = false
                let from = staging.appendingPathComponent(rel)
                guard fm.fileExists(atPath: from.path, isDirectory: &isDir), !isDir.boolValue else { continue }
                let to = destination.appendingPathComponent(rel)
                try fm.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                if rename(from.path, to.path) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
            committed = true
            try? fm.removeItem(at: staging)
        } catch {
            throw OutputError(path: destination.path, reason: plainReason(error))
        }
    }

    /// Removes the staging folder (after a failed run); the previous output stays.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        if !committed { try? FileManager.default.removeItem(at: staging) }
    }
}

/// A buffered UTF-8 text stream into an open file, for ``OutputFolder/stream(to:_:)``. The first write error is
/// kept in ``failure`` (later writes are dropped) and thrown by the folder when the text is complete.
public struct FileTextStream: TextOutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    fileprivate private(set) var failure: (any Error)?
    private static let capacity = 1 << 20

    fileprivate init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(Self.capacity + 4096)
    }

    public mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= Self.capacity { flush() }
    }

    fileprivate mutating func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { failure = error }
    }
}
