import ArgumentParser
import Blocs
import Foundation

/// How `blocs render` lays out each period.
enum LayoutChoice: String, ExpressibleByArgument, CaseIterable {
    case stable, dot, neato, fdp, sfdp, circo

    var engine: LayoutEngine? { self == .stable ? nil : LayoutEngine(rawValue: rawValue) }
}

/// `blocs render`: one diagram per period.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the alliance diagram of every period (SVG, PNG, PDF or DOT).",
        discussion: """
            One diagram per period, written as DIR/<period>.<format>: actors as nodes (size by --size-by), \
            clusters as colours (and boxes with the dot and fdp layouts), alliances solid dark green, rivalries \
            dashed red, memberships thin grey, ties against the clusters with a gold core, actors who changed \
            cluster since the previous period with an orange border, a legend.

            --layout stable (the default) lays out all periods together once and draws each at the same \
            positions, so stepping through the years shows change, not a reshuffle; dot, neato, fdp, sfdp and \
            circo lay out each period on its own. Diagrams are rendered in worker processes: if Graphviz \
            crashes on one, that diagram is reported and the others are written.

            Examples:
              blocs render
              blocs render Datasets/soviet-oppositions --format svg,png --out /tmp/diagrams
              blocs render --period 1926,1927 --layout dot --clusters components --size-by betweenness
              blocs render --clusters coalitions --method louvain --format pdf
              blocs render --level all --format dot
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var diagram: DiagramOptionGroup

    @Option(help: ArgumentHelp("Layout: stable (same positions in every period), dot, neato, fdp, sfdp or circo.", valueName: "layout"))
    var layout: LayoutChoice = .stable

    @Option(help: ArgumentHelp("Output formats, comma-separated: svg, png, pdf, dot.", valueName: "formats"))
    var format: String = "svg"

    @Option(help: ArgumentHelp("Only these periods (labels, comma-separated; repeatable). Default: every period.", valueName: "labels"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Output folder (default: Output/<dataset>/diagrams).", valueName: "dir"))
    var out: String?

    func validate() throws {
        _ = try DiagramFormat.parseList(format)
    }

    func run() throws {
        try reportingErrors {
            let formats = try DiagramFormat.parseList(format)
            let wanted = Set(only.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
            let (network, series) = try diagram.series(input, snapshot, periods: wanted.isEmpty ? nil : wanted)
            let renderer = diagram.renderer()
            let layoutMode: SnapshotLayout
            if var engine = layout.engine {
                let largest = series.diagrams.max { $0.nodes.count < $1.nodes.count }
                if let largest, engine == .dot, largest.nodes.count > LayoutAdvice.dotNodeLimit || largest.edges.count > LayoutAdvice.dotEdgeLimit {
                    // Never dot on hundreds of nodes (minutes and hundreds of MB): the engine that suits the size.
                    engine = LayoutAdvice.engine(nodes: largest.nodes.count, edges: largest.edges.count)
                    Console.error("warning: \(largest.nodes.count) nodes is too many for dot; using \(engine.rawValue)")
                } else if let largest, let warning = LayoutAdvice.warning(engine: engine, nodes: largest.nodes.count, edges: largest.edges.count) {
                    Console.error("warning: \(warning)")
                }
                layoutMode = .independent(engine)
            } else {
                do throws(DiagramError) {
                    // The union of every period, even when only some are drawn: the positions do not depend on --only.
                    layoutMode = .stable(try StableLayout.compute(series.diagrams, renderer: renderer))
                } catch {
                    throw error.userFacing
                }
            }
            let diagrams = series.diagrams.filter { wanted.isEmpty || wanted.contains($0.period) }
            let dir = out ?? "Output/\(network.info.name)/diagrams"
            try makeDirectory(dir)
            var texts: [String] = []
            for d in diagrams {
                do throws(DiagramError) { texts.append(try SnapshotDiagram.dot(d, layout: layoutMode)) } catch { throw error.userFacing }
            }
            let graphvizFormats = formats.filter { $0 != .dot }.map(\.rawValue)
            var results: [Result<[[UInt8]], GraphvizError>] = Array(repeating: .success([]), count: diagrams.count)
            if !graphvizFormats.isEmpty {
                results = renderer.render(texts.map { RenderJob(dot: $0, engine: layoutMode.engine, formats: graphvizFormats, dpi: diagram.dpi) })
            }
            var written = 0, failed = 0
            for (i, d) in diagrams.enumerated() {
                let base = dir + "/" + fileSafe(d.period)
                if formats.contains(.dot) {
                    try writeFile(Array(texts[i].utf8), to: base + ".dot")
                    written += 1
                }
                switch results[i] {
                case .success(let outputs):
                    for (f, bytes) in zip(graphvizFormats, outputs) {
                        try writeFile(bytes, to: base + "." + f)
                        written += 1
                    }
                case .failure(let e):
                    failed += 1
                    Console.error("error: period \(d.period): \(e.description)")
                }
            }
            // The filmstrip (stable layout, every period): all periods small on one page, SVG and PDF.
            if case .stable(let stable) = layoutMode, wanted.isEmpty, !graphvizFormats.isEmpty {
                let text: String
                do throws(DiagramError) { text = try Filmstrip.dot(series.diagrams, layout: stable) } catch { throw error.userFacing }
                switch renderer.render([RenderJob(dot: text, engine: .nop2, formats: ["svg", "pdf"])])[0] {
                case .success(let outputs):
                    for (f, bytes) in zip(["svg", "pdf"], outputs) { try writeFile(bytes, to: dir + "/filmstrip." + f); written += 1 }
                case .failure(let e):
                    failed += 1
                    Console.error("error: filmstrip: \(e.description)")
                }
            }
            Console.error("wrote \(written) file\(written == 1 ? "" : "s") for \(diagrams.count - failed) of \(diagrams.count) periods to \(dir)")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

/// `blocs render-worker` (hidden): serves render requests on stdin/stdout for the worker pool.
struct RenderWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-worker",
        abstract: "Render diagrams for another blocs process (length-prefixed requests on standard input).",
        shouldDisplay: false)

    func run() throws {
        RenderWorkerServer.serve()
    }
}
