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
