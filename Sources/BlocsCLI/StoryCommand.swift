import ArgumentParser
import Blocs
import Foundation

/// `blocs story`: one diagram of the whole span.
struct StoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "story",
        abstract: "Draw the whole span in one diagram: clusters per period, left to right, with continuity lines.",
        discussion: """
            Periods run left to right, each a column headed by its label and main events; each period's clusters \
            are boxes inside it. With --mode actors (the default) every actor is a small box in each period and a \
            line follows it to the next period: grey when it stays, orange when it changes cluster, so merges \
            (lines converging) and splits (lines parting) show. With --mode coalitions each cluster is one box \
            listing its members and lines carry the number of actors moving between clusters.

            Writes FILE, or Output/<dataset>/story.<format> for each format.

            Examples:
              blocs story
              blocs story Datasets/soviet-oppositions --format png --out /tmp/story.png
              blocs story --clusters coalitions --mode coalitions --format svg,pdf
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var diagram: DiagramOptionGroup

    @Option(help: ArgumentHelp("Continuity drawn per actor (actors) or per cluster (coalitions).", valueName: "mode"))
    var mode: StoryModeChoice = .actors

    @Option(help: ArgumentHelp("Output formats, comma-separated: svg, png, pdf, dot.", valueName: "formats"))
    var format: String = "svg,png"

    @Option(help: ArgumentHelp("Output file (one format only); default Output/<dataset>/story.<format>.", valueName: "file"))
    var out: String?

    func validate() throws {
        let formats = try DiagramFormat.parseList(format)
        if out != nil && formats.count > 1 { throw ValidationError("--out names one file: give one --format") }
    }

    func run() throws {
        try reportingErrors {
            let formats = try DiagramFormat.parseList(format)
            let (network, series) = try diagram.series(input, snapshot)
            let text = StoryDiagram.dot(series.story, mode: mode.mode)
            let base = out.map { URL(fileURLWithPath: $0).deletingPathExtension().path } ?? "Output/\(network.info.name)/story"
            try makeDirectory(URL(fileURLWithPath: base).deletingLastPathComponent().path)
            func path(_ f: DiagramFormat) -> String { out ?? base + "." + f.rawValue }
            if formats.contains(.dot) { try writeFile(Array(text.utf8), to: path(.dot)) }
            let graphvizFormats = formats.filter { $0 != .dot }.map(\.rawValue)
            if !graphvizFormats.isEmpty {
                switch diagram.renderer().render([RenderJob(dot: text, engine: .dot, formats: graphvizFormats, dpi: diagram.dpi)])[0] {
                case .success(let outputs):
                    for (f, bytes) in zip(formats.filter { $0 != .dot }, outputs) { try writeFile(bytes, to: path(f)) }
                case .failure(let e):
                    throw e
                }
            }
            Console.error("wrote " + formats.map { path($0) }.joined(separator: ", "))
        }
    }
}

enum StoryModeChoice: String, ExpressibleByArgument, CaseIterable {
    case actors, coalitions

    var mode: Story.Mode { self == .actors ? .actors : .coalitions }
}
