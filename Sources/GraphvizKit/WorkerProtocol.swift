#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The length-prefixed protocol between a client and a render worker, over one stream (the worker's standard
/// input and output).
///
/// Every frame is a 4-byte big-endian length followed by that many bytes.
/// - Request payload: `engine`, a space, the formats joined by commas, optionally a space and the dpi of bitmap
///   formats, a newline, then the DOT text (UTF-8).
/// - Response payload: a status byte. `0`: a 4-byte count, then per output a 4-byte length and the bytes.
///   `1`: a kind byte (0 syntax, 1 layout, 2 render, 3 unavailable) followed by two length-prefixed strings: the
///   engine or format concerned (may be empty) and Graphviz's message.
enum WorkerProtocol {
    static let maxFrame = 1 << 30

    static func encodeRequest(_ job: RenderJob) -> [UInt8] {
        let dpi = job.dpi.map { " \($0)" } ?? ""
        var payload = Array("\(job.engine.rawValue) \(job.formats.joined(separator: ","))\(dpi)\n".utf8)
        payload += Array(job.dot.utf8)
        return frame(payload)
    }

    static func decodeRequest(_ payload: [UInt8]) -> RenderJob? {
        guard let newline = payload.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: payload[..<newline], as: UTF8.self)
        let parts = header.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let engine = LayoutEngine(rawValue: String(parts[0])) else { return nil }
        let formats = parts[1].split(separator: ",").map(String.init)
        guard !formats.isEmpty else { return nil }
        var dpi: Double?
        if parts.count == 3 {
            guard let d = Double(parts[2]), d > 0, d.isFinite else { return nil }
            dpi = d
        }
        return RenderJob(dot: String(decoding: payload[(newline + 1)...], as: UTF8.self), engine: engine, formats: formats, dpi: dpi)
    }

    static func encodeResponse(_ result: Result<[[UInt8]], GraphvizError>) -> [UInt8] {
        var payload: [UInt8] = []
        switch result {
        case .success(let outputs):
            payload.append(0)
            appendLength(outputs.count, to: &payload)
            for o in outputs {
                appendLength(o.count, to: &payload)
                payload += o
            }
        case .failure(let error):
            payload.append(1)
            let (kind, field, message): (UInt8, String, String)
            switch error {
            case .syntax(let m): (kind, field, message) = (0, "", m)
            case .layout(let e, let m): (kind, field, message) = (1, e, m)
            case .render(let f, let m): (kind, field, message) = (2, f, m)
            case .unavailable(let m): (kind, field, message) = (3, "", m)
            case .workerCrashed(let d): (kind, field, message) = (3, "", d)
            }
            payload.append(kind)
            for s in [field, message] {
                let bytes = Array(s.utf8)
                appendLength(bytes.count, to: &payload)
                payload += bytes
            }
        }
        return frame(payload)
    }

    static func decodeResponse(_ payload: [UInt8]) -> Result<[[UInt8]], GraphvizError>? {
        var reader = Reader(bytes: payload)
        guard let status = reader.byte() else { return nil }
        if status == 0 {
            guard let count = reader.length() else { return nil }
            var outputs: [[UInt8]] = []
            for _ in 0..<count {
                guard let n = reader.length(), let bytes = reader.take(n) else { return nil }
                outputs.append(bytes)
            }
            return .success(outputs)
        }
        guard let kind = reader.byte(), let fn = reader.length(), let field = reader.take(fn),
              let mn = reader.length(), let message = reader.take(mn) else { return nil }
        let f = String(decoding: field, as: UTF8.self), m = String(decoding: message, as: UTF8.self)
        switch kind {
        case 0: return .failure(.syntax(m))
        case 1: return .failure(.layout(engine: f, message: m))
        case 2: return .failure(.render(format: f, message: m))
        default: return .failure(.unavailable(m))
        }
    }

    static func frame(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(payload.count + 4)
        appendLength(payload.count, to: &out)
        out += payload
        return out
    }

    static func appendLength(_ n: Int, to bytes: inout [UInt8]) {
        let v = UInt32(truncatingIfNeeded: n)
        bytes += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0
        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }
        mutating func length() -> Int? {
            guard let b = take(4) else { return nil }
            return Int(b[0]) << 24 | Int(b[1]) << 16 | Int(b[2]) << 8 | Int(b[3])
        }
        mutating func take(_ n: Int) -> [UInt8]? {
            guard n >= 0, offset + n <= bytes.count else { return nil }
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }
    }

    // MARK: Raw I/O on file descriptors

    /// Writes all of `bytes`; false when the other end is gone. Sockets use `MSG_NOSIGNAL` so a dead peer is an
    /// error, not a SIGPIPE.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], socket: Bool) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                let base = raw.baseAddress.map { $0 + offset }
                if socket { return send(fd, base, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
                return write(fd, base, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Reads exactly `count` bytes; nil at end of stream or on error.
    static func readExactly(_ fd: Int32, _ count: Int) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress.map { $0 + offset }, count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return nil }
            offset += n
        }
        return buffer
    }

    /// Reads one frame's payload; nil at end of stream, on error, or on an absurd length.
    static func readFrame(_ fd: Int32) -> [UInt8]? {
        guard let header = readExactly(fd, 4) else { return nil }
        let n = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard n <= maxFrame else { return nil }
        return n == 0 ? [] : readExactly(fd, n)
    }
}
