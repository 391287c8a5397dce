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

    @Option(help: ArgumentHelp("Output formats, comma-separated: svg, png, pdf, dot.", valueName: "formats"), transform: Parse.formats)
    var format = DiagramFormats([.svg])

    @Option(help: ArgumentHelp("Only these periods (labels, comma-separated; repeatable). Default: every period.", valueName: "labels"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Output folder (default: Output/<dataset>/diagrams).", valueName: "dir"))
    var out: String?

    func validate() throws {
        try diagram.validate(level: snapshot.level.level)
    }

    func run() throws {
        try reportingErrors {
            let formats = format.list
            let wanted = Set(only.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
            let (network, series) = try diagram.series(input, snapshot, periods: wanted.isEmpty ? nil : wanted)
            var chosenLayout = DiagramWriter.Layout.stable
            if var engine = layout.engine {
                let largest = series.diagrams.max { $0.nodes.count < $1.nodes.count }
                if let largest, engine == .dot, largest.nodes.count > LayoutAdvice.dotNodeLimit || largest.edges.count > LayoutAdvice.dotEdgeLimit {
                    // Never dot on hundreds of nodes (minutes and hundreds of MB): the engine that suits the size.
                    engine = LayoutAdvice.engine(nodes: largest.nodes.count, edges: largest.edges.count)
                    Console.error("warning: \(largest.nodes.count) nodes is too many for dot; using \(engine.rawValue)")
                } else if let largest, let warning = LayoutAdvice.warning(engine: engine, nodes: largest.nodes.count, edges: largest.edges.count) {
                    Console.error("warning: \(warning)")
                }
                chosenLayout = .independent(engine)
            }
            let dir = out ?? "Output/\(network.info.name)/diagrams"
            // Written whole before anything is put in place (a full disk leaves the folder as it was); only the
            // drawn periods' files are replaced.
            let folder: OutputFolder
            do { folder = try OutputFolder(destination: URL(fileURLWithPath: dir), protecting: [URL(fileURLWithPath: try DatasetLocator.resolve(input.dataset))]) } catch {
                throw UserFacingError(description: "\(error)")
            }
            let pictures: [DiagramPicture]
            do throws(DiagramError) {
                // The filmstrip (every period small on one page) with the stable layout and every period drawn.
                pictures = try DiagramWriter.draw(series, layout: chosenLayout, periods: wanted.isEmpty ? nil : wanted,
                                                  filmstrip: wanted.isEmpty, formats: formats, dpi: diagram.dpi, renderer: diagram.renderer())
            } catch {
                folder.discard()
                throw error.userFacing
            }
            var written = 0, failed = 0, periodsFailed = 0
            // The filmstrip is a page of its own, not a period: the closing line counts periods and names it apart.
            let periodPictures = pictures.filter { $0.name != "filmstrip" || $0.formats != DiagramWriter.filmstripFormats }
            for picture in pictures {
                for (path, bytes) in picture.files(base: fileSafe(picture.name)) {
                    do { try folder.write(bytes, to: path) } catch {
                        folder.discard()
                        throw UserFacingError(description: "\(error)" + " (nothing was replaced)")
                    }
                    written += 1
                }
                if case .failure(let e) = picture.rendered {
                    failed += 1
                    let isPeriod = periodPictures.contains { $0.name == picture.name && $0.formats == picture.formats }
                    if isPeriod { periodsFailed += 1 }
                    Console.error("error: \(isPeriod ? "period " : "")\(picture.name): \(e.description)")
                }
            }
            do { try folder.commitMerging() } catch { throw UserFacingError(description: "\(error)") }
            let filmstrip = pictures.count > periodPictures.count ? (failed > periodsFailed ? " (the filmstrip failed)" : " and the filmstrip") : ""
            Console.error("wrote \(written) file\(written == 1 ? "" : "s") for \(periodPictures.count - periodsFailed) of \(periodPictures.count) periods\(filmstrip) to \(dir)")
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
