/// What a render is, as values: the job (DOT text, engine, formats, resolution), the engines, the errors, and the
/// protocol of something that renders batches. Diagrams writes jobs against these types without knowing Graphviz;
/// GraphvizKit implements ``GraphvizRendering`` (in process or in worker processes); Analysis wires the two.

/// A failure reported by the Graphviz library, with its own message.
public enum GraphvizError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The DOT text did not parse.
    case syntax(String)
    /// The layout engine is unknown or failed.
    case layout(engine: String, message: String)
    /// The output format is unknown or rendering failed.
    case render(format: String, message: String)
    /// Graphviz could not start (plugins missing: see `dot -c`).
    case unavailable(String)
    /// The worker process rendering this diagram died (Graphviz crashed on this input); `detail` says how and
    /// carries the last lines the worker wrote to its standard error.
    case workerCrashed(detail: String)

    public var description: String {
        switch self {
        case .syntax(let m): return "Graphviz could not read the DOT text: \(m)"
        case .layout(let e, let m): return "Graphviz layout '\(e)' failed: \(m)"
        case .render(let f, let m): return "Graphviz could not render '\(f)': \(m)"
        case .unavailable(let m): return "Graphviz is not available: \(m)"
        case .workerCrashed(let d): return "Graphviz crashed on this diagram: \(d)"
        }
    }
}

/// The layout engines Blocs offers; `nop2` draws with positions already given (`pos` attributes).
public enum LayoutEngine: String, Sendable, CaseIterable {
    case dot, neato, fdp, sfdp, circo, twopi, nop2
}

/// One diagram to draw: DOT text, the layout engine, and the output formats wanted (laid out once, rendered once
/// per format).
public struct RenderJob: Hashable, Sendable {
    public var dot: String
    public var engine: LayoutEngine
    /// Graphviz output formats (`svg`, `png`, `pdf`, `dot`, `plain`, …), rendered in this order.
    public var formats: [String]
    /// The resolution of bitmap formats (PNG) in dots per inch; nil for Graphviz's default (96). SVG and PDF are
    /// not affected.
    public var dpi: Double?

    public init(dot: String, engine: LayoutEngine, formats: [String], dpi: Double? = nil) {
        self.dot = dot
        self.engine = engine
        self.formats = formats
        self.dpi = dpi
    }
}

extension RenderJob {
    /// A rough relative cost, to start the largest jobs first when several workers share a batch: the DOT text's
    /// length (layout and SVG grow with it), counted once more per bitmap format (rasterising and compressing a
    /// PNG cost about as much again as the rest on Blocs' pages).
    /// - Complexity: O(1) (the text's UTF-8 length is stored).
    public var estimatedCost: Int {
        let bitmaps = formats.filter { ["png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp"].contains($0) }.count
        return dot.utf8.count * (1 + bitmaps)
    }
}

/// Something that renders batches of jobs: in this process (``InProcessRenderer``) or in worker processes
/// (``RenderWorkerPool``). One failed job never stops the others: each job gets its own result, in job order.
public protocol GraphvizRendering: Sendable {
    /// Renders every job; result `i` holds job `i`'s outputs (one per format, in order) or its error.
    func render(_ jobs: [RenderJob]) -> [Result<[[UInt8]], GraphvizError>]
}

