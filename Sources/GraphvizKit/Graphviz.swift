import CGraphviz
import Foundation
// The value types of a render (jobs, engines, errors, the renderer protocol) live below Diagrams and GraphvizKit both.
@_exported import RenderModel

/// Messages Graphviz reported through its error callback during the current call. Only touched while
/// `Graphviz.lock` is held (the callback runs synchronously inside a locked call).
nonisolated(unsafe) private var graphvizMessages = ""

/// The single owner of the Graphviz C library in this process.
///
/// Graphviz is not thread-safe, not even across separate contexts (cgraph man page; Graphviz issues #1282 and
/// #847), so every call goes through one process-wide lock and one long-lived `GVC_t`. Render buffers are copied
/// out and freed at once; graphs are closed before each call returns. Graphviz's own messages are collected and
/// returned in the typed errors instead of reaching the terminal.
public final class Graphviz: @unchecked Sendable {
    /// The process-wide instance.
    public static let shared = Graphviz()

    private let lock = NSLock()
    private var context: OpaquePointer?

    private init() {}

    deinit {
        if let context { gvFreeContext(context) }
    }

    /// Lays out `dot` with `engine` and renders it to `format` (`svg`, `png`, `pdf`, `dot`, `plain`, …).
    ///
    /// - Throws: ``GraphvizError`` with Graphviz's message on a syntax, layout or render failure.
    /// - Complexity: that of the layout engine; `dot` is super-linear and slow beyond a few hundred nodes.
    public func render(dot: String, engine: LayoutEngine = .dot, format: String) throws(GraphvizError) -> [UInt8] {
        try render(dot: dot, engine: engine, formats: [format])[0]
    }

    /// Lays out `dot` once with `engine` and renders it to every format in `formats`, in order.
    ///
    /// One layout for several outputs: `svg` and `png` of the same diagram cost one layout, as with
    /// `dot -Tsvg -Tpng`.
    ///
    /// - Throws: ``GraphvizError`` with Graphviz's message on a syntax, layout or render failure.
    /// - Complexity: one layout plus one rendering per format.
    public func render(dot: String, engine: LayoutEngine = .dot, formats: [String], dpi: Double? = nil) throws(GraphvizError) -> [[UInt8]] {
        lock.lock()
        defer { lock.unlock() }
        let gvc = try openContext()
        graphvizMessages = ""
        guard let graph = dot.withCString({ blocs_gv_read($0) }) else {
            throw .syntax(collectedErrors(or: "syntax error"))
        }
        defer { agclose(graph) }
        // Every render starts from the same random state (see the shim), so its bytes do not depend on what this
        // process drew before: any worker may draw any job.
        blocs_gv_reset_random()
        let layoutStatus = engine.rawValue.withCString { blocs_gv_layout(gvc, graph, $0) }
        guard layoutStatus == 0 else { throw .layout(engine: engine.rawValue, message: collectedErrors(or: "status \(layoutStatus)")) }
        defer { gvFreeLayout(gvc, graph) }
        var outputs: [[UInt8]] = []
        outputs.reserveCapacity(formats.count)
        for format in formats {
            var buffer: UnsafeMutablePointer<CChar>? = nil
            var length = 0
            let savedDPI = blocs_gv_get_dpi(graph)
            if let dpi, Self.bitmapFormats.contains(format) { blocs_gv_set_dpi(graph, dpi) }
            defer { blocs_gv_set_dpi(graph, savedDPI) }
            let renderStatus = format.withCString { blocs_gv_render(gvc, graph, $0, &buffer, &length) }
            defer { if let buffer { blocs_gv_free(buffer) } }
            guard renderStatus == 0, let buffer else {
                throw .render(format: format, message: collectedErrors(or: "unknown format or status \(renderStatus)"))
            }
            var bytes = buffer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
            if format == "pdf" { Self.fixCreationDate(&bytes) }
            outputs.append(bytes)
        }
        return outputs
    }

    /// Loads the plugins and fonts Blocs' pictures use (the nop2 and dot layouts, SVG, PNG and PDF output, DejaVu
    /// Sans) by drawing two one-node graphs and discarding them, so that a worker started ahead of its first job
    /// spends that start-up time early. Later renders do not depend on it (each starts from a reset random
    /// state; tests compare pictures drawn with and without it).
    /// - Complexity: two tiny renders (about 30 ms of CPU here).
    public func warmUp() {
        let label = #"fontname="DejaVu Sans", label="Blocs""#
        _ = try? render(dot: "graph { a [pos=\"0,0\", \(label)] }", engine: .nop2, formats: ["svg", "png", "pdf"])
        _ = try? render(dot: "digraph { a [\(label)] }", engine: .dot, formats: ["svg"])
    }

    /// Lays out `dot` and returns each node's position in points (`pos` as Graphviz computed it), by node name.
    /// Cairo (1.16, which ignores SOURCE_DATE_EPOCH) writes the time of rendering into a PDF's `/CreationDate`;
    /// its 14 digits are replaced by 19700101000000 (same length, so the cross-reference offsets stay right) so
    /// the same diagram gives the same bytes.
    static func fixCreationDate(_ pdf: inout [UInt8]) {
        let key = Array("/CreationDate (D:".utf8)
        guard pdf.count > key.count + 14 else { return }
        let limit = min(pdf.count - key.count - 14, 1 << 20)
        var i = 0
        while i <= limit {
            if pdf[i] == key[0] && Array(pdf[i..<(i + key.count)]) == key {
                let start = i + key.count
                let digits = pdf[start..<(start + 14)]
                if digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { pdf.replaceSubrange(start..<(start + 14), with: Array("19700101000000".utf8)) }
                return
            }
            i += 1
        }
    }

    /// Formats whose size in pixels follows the resolution (``render(dot:engine:formats:dpi:)``).
    public static let bitmapFormats: Set<String> = ["png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp"]

    public func layoutPositions(dot: String, engine: LayoutEngine) throws(GraphvizError) -> [String: (x: Double, y: Double)] {
        let text = String(decoding: try render(dot: dot, engine: engine, format: "plain"), as: UTF8.self)
        var result: [String: (x: Double, y: Double)] = [:]
        for line in text.split(separator: "\n") {
            let fields = PlainFormat.split(line)
            guard fields.count >= 4, fields[0] == "node", let x = Double(fields[2]), let y = Double(fields[3]) else { continue }
            result[fields[1]] = (x * 72, y * 72)
        }
        return result
    }

    private func openContext() throws(GraphvizError) -> OpaquePointer {
        if let context { return context }
        blocs_gv_capture_errors { message in
            if let message { graphvizMessages += String(cString: message) }
            return 0
        }
        guard let c = gvContext() else { throw .unavailable("gvContext() returned NULL") }
        context = c
        return c
    }

    private func collectedErrors(or fallback: String) -> String {
        let text = graphvizMessages.trimmingCharacters(in: .whitespacesAndNewlines)
        graphvizMessages = ""
        return text.isEmpty ? fallback : text
    }
}

/// Graphviz's `plain` output: space-separated fields, names quoted with `"` when needed.
enum PlainFormat {
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\\" { if let n = iterator.next() { current.append(n) } } else if c == "\"" { quoted = false } else { current.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == " " {
                if !current.isEmpty { fields.append(current); current = "" }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { fields.append(current) }
        return fields
    }
}
