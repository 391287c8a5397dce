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

/// Something that renders batches of jobs: in this process (``InProcessRenderer``) or in worker processes
/// (``RenderWorkerPool``). One failed job never stops the others: each job gets its own result, in job order.
public protocol GraphvizRendering: Sendable {
    /// Renders every job; result `i` holds job `i`'s outputs (one per format, in order) or its error.
    func render(_ jobs: [RenderJob]) -> [Result<[[UInt8]], GraphvizError>]
}

/// Renders in this process through ``Graphviz/shared`` (one lock, one context). Fast and simple, but a Graphviz
/// crash (an assertion or segmentation fault inside the C library) ends the process: batches of untrusted or
/// unusual input belong in a ``RenderWorkerPool``.
public struct InProcessRenderer: GraphvizRendering {
    public init() {}

    public func render(_ jobs: [RenderJob]) -> [Result<[[UInt8]], GraphvizError>] {
        jobs.map { job in
            Result { () throws(GraphvizError) -> [[UInt8]] in
                try Graphviz.shared.render(dot: job.dot, engine: job.engine, formats: job.formats, dpi: job.dpi)
            }
        }
    }
}
