import Diagrams
import GraphvizKit

/// One picture: its DOT text and what Graphviz made of it (one output per rendered format, or the error).
public struct DiagramPicture: Sendable {
    /// The period label, or `story`.
    public var name: String
    public var dot: String
    /// The outputs of the formats Graphviz renders (every format but `dot`), in order, or why it failed.
    public var rendered: Result<[(format: DiagramFormat, bytes: [UInt8])], GraphvizError>
    /// The formats this picture is written in (the filmstrip has its own: ``DiagramWriter/filmstripFormats``).
    public var formats: [DiagramFormat] = []

    /// The files of this picture in its own ``formats``.
    public func files(base: String) -> [(path: String, bytes: [UInt8])] { files(base: base, formats: formats) }

    /// The files of this picture in `formats`, in that order: the DOT text for `dot`, the renders for the others
    /// (none when the render failed: see ``rendered``). `base` is the path without extension.
    public func files(base: String, formats: [DiagramFormat]) -> [(path: String, bytes: [UInt8])] {
        let outputs = (try? rendered.get()) ?? []
        return formats.compactMap { format in
            let bytes = format == .dot ? Array(dot.utf8) : outputs.first { $0.format == format }?.bytes
            return bytes.map { (base + "." + format.rawValue, $0) }
        }
    }
}

/// The one way a diagram series becomes pictures, for `blocs analyze`, `render` and `story`: the layout (stable:
/// the union of every period laid out once, so each period keeps the same positions; or each period on its own
/// with one engine), the DOT text of each period and of the story, and one render job per picture.
///
/// - Complexity: one Graphviz layout of the union graph (stable), then one render per picture.
public enum DiagramWriter {
    /// How the periods are laid out.
    public enum Layout: Hashable, Sendable {
        /// Every period at the positions of one layout of their union.
        case stable
        /// Each period on its own with this engine.
        case independent(LayoutEngine)
    }

    /// The pictures of `series`: every period in `periods` (all when `nil`; the stable layout is computed over all
    /// periods either way, so positions do not depend on the selection), then the story in `story` mode if given.
    ///
    /// - Throws: ``DiagramError`` when the shared layout or a DOT text cannot be made; a failed render is one
    ///   picture's ``DiagramPicture/rendered`` error, not a thrown error.
    /// The formats of the filmstrip page (it is for print: vector formats only).
    public static let filmstripFormats: [DiagramFormat] = [.svg, .pdf]

    /// - Parameters:
    ///   - filmstrip: with the stable layout, also the filmstrip (every period small on one page, one legend) in
    ///     ``filmstripFormats``, as a last picture named `filmstrip`.
    ///   - dpi: the resolution of PNG output (nil: Graphviz's 96).
    ///   - certainty: period index → actor (network index) → probability that the actor is in its coalition
    ///     (the share of Monte Carlo draws); members below 1 are drawn faded (``DiagramSeries/withCertainty(_:)``).
    ///     Without it the pictures are byte-identical to those drawn before the parameter existed.
    public static func draw(_ series: DiagramSeries, layout: Layout, periods: Set<String>? = nil, story: Story.Mode? = nil,
                            filmstrip: Bool = false, formats: [DiagramFormat], dpi: Double? = nil,
                            renderer: any GraphvizRendering, style: DiagramStyle = DiagramStyle(),
                            progress: ProgressReporter = .silent,
                            certainty: [Int: [Int32: Double]]? = nil) throws(DiagramError) -> [DiagramPicture] {
        let series = certainty.map { series.withCertainty($0) } ?? series
        let chosen = series.diagrams.filter { periods?.contains($0.period) ?? true }
        let rendered = formats.filter { $0 != .dot }
        var named: [(name: String, dot: String, engine: LayoutEngine, formats: [DiagramFormat])] = []
        let written = formats
        var stable: StableLayout?
        if !chosen.isEmpty {
            let mode: SnapshotLayout
            switch layout {
            case .stable:
                progress.stage("diagrams: shared layout of \(series.diagrams.count) periods")
                let computed = try StableLayout.compute(series.diagrams, style: style, renderer: renderer)
                stable = computed
                mode = .stable(computed)
            case .independent(let engine): mode = .independent(engine)
            }
            for d in chosen { named.append((d.period, try SnapshotDiagram.dot(d, layout: mode, style: style), mode.engine, written)) }
        }
        if let story { named.append(("story", StoryDiagram.dot(series.story, mode: story, style: style), .dot, written)) }
        var results: [Result<[[UInt8]], GraphvizError>] = Array(repeating: .success([]), count: named.count)
        let drawFilmstrip = filmstrip && stable != nil && !rendered.isEmpty
        // With every period drawn, the filmstrip's panels take the edge routes of the periods' own pages: the pages
        // also return their laid-out DOT (dropped from their outputs), then the filmstrip is drawn.
        let routed = drawFilmstrip && chosen.count == series.diagrams.count
        if !rendered.isEmpty {
            progress.stage("diagrams: rendering \(named.count + (drawFilmstrip ? 1 : 0)) pictures (\(rendered.map(\.rawValue).joined(separator: ", ")))")
            results = renderer.render(named.enumerated().map { i, picture in
                RenderJob(dot: picture.dot, engine: picture.engine,
                          formats: picture.formats.filter { $0 != .dot }.map(\.rawValue) + (routed && i < chosen.count ? ["dot"] : []), dpi: dpi)
            })
        }
        if drawFilmstrip, let stable {
            var routes: [EdgeRoutes]?
            if routed {
                routes = []
                for i in chosen.indices {
                    guard case .success(var outputs) = results[i], let laidOut = outputs.popLast() else { routes?.append(EdgeRoutes()); continue }
                    routes?.append(EdgeRoutes(laidOut: String(decoding: laidOut, as: UTF8.self), page: named[i].dot))
                    results[i] = .success(outputs)
                }
            }
            let dot = try Filmstrip.dot(series.diagrams, layout: stable, style: style, routes: routes)
            let result = renderer.render([RenderJob(dot: dot, engine: .nop2, formats: filmstripFormats.map(\.rawValue), dpi: dpi)])[0]
            named.insert(("filmstrip", dot, .nop2, filmstripFormats), at: chosen.count)
            results.insert(result, at: chosen.count)
        }
        return zip(named, results).map { picture, result in
            DiagramPicture(name: picture.name, dot: picture.dot,
                           rendered: result.map { outputs in zip(picture.formats.filter { $0 != .dot }, outputs).map { (format: $0, bytes: $1) } },
                           formats: picture.formats)
        }
    }
}

extension StableLayout {
    /// The stable layout of `periods`, laid out in this process (``InProcessRenderer``): Analysis is where
    /// Diagrams (which writes the union's DOT) meets GraphvizKit (which lays it out).
    /// - Complexity: that of ``StableLayout/compute(_:seed:style:renderer:)``.
    public static func compute(_ periods: [DiagramSnapshot], seed: Int = 1, style: DiagramStyle = DiagramStyle()) throws(DiagramError) -> StableLayout {
        try compute(periods, seed: seed, style: style, renderer: InProcessRenderer())
    }
}
