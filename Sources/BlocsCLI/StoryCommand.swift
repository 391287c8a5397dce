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

    @Option(help: ArgumentHelp("Output formats, comma-separated: svg, png, pdf, dot.", valueName: "formats"), transform: Parse.formats)
    var format = DiagramFormats([.svg, .png])

    @Option(help: ArgumentHelp("Output file (one format only); default Output/<dataset>/story.<format>.", valueName: "file"))
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    func validate() throws {
        try diagram.validate(level: snapshot.level.level)
        if out != nil && format.list.count > 1 { throw ValidationError("--out names one file: give one --format") }
    }

    func run() throws {
        try reportingErrors {
            let formats = format.list
            let (network, series) = try diagram.series(input, snapshot)
            let dataset = URL(fileURLWithPath: try DatasetLocator.resolve(input.dataset))
            let picture: DiagramPicture
            do throws(DiagramError) {
                picture = try DiagramWriter.draw(series, layout: .stable, periods: [], story: mode.mode, formats: formats, dpi: diagram.dpi,
                                                 renderer: diagram.renderer())[0]
            } catch {
                throw error.userFacing
            }
            if case .failure(let e) = picture.rendered { throw e }
            let written: [String]
            if let out {
                // --out names one file: a new one, or the one to replace with --force.
                let url = URL(fileURLWithPath: out)
                do { try OutputPolicy.checkFile(url, replace: force, protecting: [dataset]) } catch { throw UserFacingError(description: "\(error)", exitCode: 64) }
                guard let bytes = picture.files(base: "story", formats: formats).first?.bytes else { return }
                do {
                    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try Data(bytes).write(to: url, options: .atomic)
                } catch {
                    throw UserFacingError(description: "cannot write \(out): \(plainReason(error))")
                }
                written = [out]
            } else {
                // Output/<dataset>/story.<format>: every file written before any is put in place.
                let dir = URL(fileURLWithPath: "Output/\(network.info.name)")
                let folder: OutputFolder
                do { folder = try OutputFolder(destination: dir, protecting: [dataset]) } catch { throw UserFacingError(description: "\(error)") }
                let files = picture.files(base: "story", formats: formats)
                do {
                    for f in files { try folder.write(f.bytes, to: f.path) }
                    try folder.commitMerging()
                } catch {
                    folder.discard()
                    throw UserFacingError(description: "\(error)")
                }
                written = files.map { dir.appendingPathComponent($0.path).path }
            }
            Console.error("wrote " + written.joined(separator: ", "))
        }
    }
}

enum StoryModeChoice: String, ExpressibleByArgument, CaseIterable {
    case actors, coalitions

    var mode: Story.Mode { self == .actors ? .actors : .coalitions }
}
