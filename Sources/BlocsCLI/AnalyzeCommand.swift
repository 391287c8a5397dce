import ArgumentParser
import Blocs
import Foundation
import Uncertainty

/// `blocs analyze`: the main job. Everything about a dataset, written to one folder a person can open.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze a dataset end to end: tables, diagrams, the story, and an HTML report.",
        discussion: """
            Cuts the dataset into periods and computes, for every period, centrality and balance, the coalitions \
            and how they changed since the period before; draws every period with the same layout and the whole \
            story in one picture; writes it all to OUT (default Output/<dataset>/):

              index.html            the report: step through the periods, coalitions and changes beside the diagram
              summary.json          headline numbers per period and the notable changes
              tables/*.csv, *.json  snapshots, metrics, balance, coalitions, changes, lineage
              diagrams/<period>.svg, .png, .pdf   story.svg, .png, .pdf
              filmstrip.svg, .pdf   every period small on one page (same positions, one legend)

            The folder is replaced only when the whole run has succeeded: an interrupted or failed run leaves the \
            previous output as it was. Progress goes to standard error.

            Examples:
              blocs analyze
              blocs analyze Datasets/soviet-oppositions --scenario broue --out Output/soviet-broue
              blocs analyze --period window:3:1 --method louvain --format svg
              blocs analyze my-dataset --level factions --rank-by betweenness
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var coalition: CoalitionOptionGroup

    @Option(help: ArgumentHelp("Diagram formats, comma-separated: svg, png, pdf, dot (the Graphviz source); 'none' draws nothing.", valueName: "formats"),
            transform: Parse.formatsOrNone)
    var format = DiagramFormats([.svg, .png, .pdf])

    @Option(help: ArgumentHelp("Resolution of the PNG diagrams in dots per inch (default 96; e.g. 300 for print).", valueName: "dpi"))
    var dpi: Double?

    @Option(name: .customLong("rank-by"), help: ArgumentHelp(
        "The centrality that sizes nodes and ranks the top actors: \(NodeMetric.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "metric"))
    var rankBy: NodeMetric = .pagerank

    @Option(name: .customLong("katz-alpha"), help: ArgumentHelp(
        "Katz attenuation α > 0 (default \(CentralityOptions().katzAlpha)); it must stay below 1/λ_max of each period's alliance layer.",
        valueName: "alpha"))
    var katzAlpha: Double?

    @Option(help: ArgumentHelp("Output folder (default: Output/<dataset>).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Also run N Monte Carlo draws (see blocs draws): tables in OUT/uncertainty/; tables/changes.csv gains in_reference and probability, tables/memberships.csv probability.", valueName: "n"))
    var draws: Int?

    @Option(name: .customLong("draw-seed"), help: "Seed of the draws (same seed, same tables).")
    var drawSeed: UInt64 = 1

    @Flag(help: ArgumentHelp("Render inside this process instead of worker processes.", visibility: .hidden))
    var inProcess = false

    func validate() throws {
        if let dpi, !(dpi >= 10 && dpi <= 1200) { throw ValidationError("--dpi \(dpi) is out of range (use 10 to 1200)") }
        if let katzAlpha, !(katzAlpha > 0 && katzAlpha.isFinite) { throw ValidationError("--katz-alpha must be a positive number, not \(katzAlpha)") }
    }

    func run() throws {
        try reportingErrors {
            let started = Date()
            let progress = ProgressReporter.standardError()
            let (path, network) = try input.load()
            progress.stage("loaded \(network.info.name) from \(path): \(network.actors.count) actors, \(network.ties.count) ties")
            var settings = snapshot.settings
            try coalition.apply(to: &settings)
            settings.rankBy = rankBy
            if let katzAlpha { settings.centrality.katzAlpha = katzAlpha }
            settings.drawing = DrawingSettings(formats: format.list, clusters: .coalitions, sizeBy: rankBy, dpi: dpi)
            let study = try Study(network, settings: settings, progress: progress)
            // The output folder first: an unusable destination is reported before any work is done.
            let destination = URL(fileURLWithPath: out ?? "Output/\(network.info.name)")
            let folder: OutputFolder
            do { folder = try OutputFolder(destination: destination, protecting: [URL(fileURLWithPath: path)]) } catch let e as OutputError {
                throw UserFacingError(description: e.description)
            }
            noteEmptyPeriods(study)
            // Render workers start now: their start-up overlaps the analysis.
            let renderer = Renderers.make(inProcess: inProcess, prepare: !format.list.isEmpty)
            // Why each change happened and the readings side by side, for the report (the Uncertainty module's
            // explain and compare code; the report page only shows them): started as soon as the changes are
            // tracked, beside the centrality and balance of the periods still being computed.
            let explaining = Explaining(network: network, settings: DrawSettings(study))
            let result = study.result(historyReady: { explaining.start($0) })
            var probabilities: EventProbabilities?
            if let draws {
                do { probabilities = try DrawsCommand.addDraws(draws, seed: drawSeed, scenarioGiven: snapshot.scenario != nil, to: result, into: folder, progress: progress) } catch {
                    explaining.wait()
                    folder.discard()
                    throw error
                }
            }
            let additions: ReportAdditions
            do {
                let (made, seconds) = try explaining.get()
                additions = made
                progress.stage(String(format: "explanations (%d leave-one-out re-runs) and %d readings for the report in %.2f s", additions.leaveOneOutRuns,
                                      additions.readings?.scenarios.count ?? 0, seconds))
            } catch {
                folder.discard()
                throw error
            }
            let outputs: AnalysisOutputs
            do {
                outputs = try AnalysisWriter.write(result, into: folder, renderer: renderer,
                                                   generator: "Blocs \(BlocsVersion.string)", probabilities: probabilities,
                                                   additions: additions, progress: progress)
            } catch let e as DiagramError {
                throw UserFacingError(description: e.description)
            } catch let e as OutputError {
                throw UserFacingError(description: e.description + " (the previous output, if any, is unchanged)")
            }
            for w in Self.grouped(outputs.warnings) { Console.error("note: \(w)") }
            if outputs.warnings.contains(where: { if case .katzAlphaTooLarge = $0.error { return true } else { return false } }) {
                Console.error("      (Katz needs alpha < 1/lambda_max; dense periods need a smaller one: --katz-alpha 0.02)")
            }
            for f in outputs.failures { Console.error("error: diagram \(f)") }
            Console.error(Self.summary(result, outputs, seconds: Date().timeIntervalSince(started)))
            if !outputs.failures.isEmpty { throw ExitCode(1) }
        }
    }

    /// The report's additions, computed on another thread from the tracked changes (``Study/result(historyReady:)``).
    final class Explaining: @unchecked Sendable {
        let network: TemporalNetwork
        let settings: DrawSettings
        private let group = DispatchGroup()
        private var outcome: Result<(ReportAdditions, Double), any Error>?

        init(network: TemporalNetwork, settings: DrawSettings) {
            self.network = network
            self.settings = settings
            group.enter()
        }

        /// Starts the explanations of `history` (once).
        func start(_ history: CoalitionHistory) {
            DispatchQueue.global().async { [self] in
                let clock = Date()
                outcome = Result { (try ReportInputs.additions(network, settings: settings, history: history), Date().timeIntervalSince(clock)) }
                group.leave()
            }
        }

        func wait() { group.wait() }

        /// The additions and the seconds they took, once done.
        func get() throws -> (ReportAdditions, Double) {
            group.wait()
            return try outcome!.get()
        }
    }

    /// Metric failures grouped by metric: "katz failed in 8 periods (1923, 1924, …): <first reason>".
    static func grouped(_ warnings: [MetricWarning]) -> [String] {
        var order: [String] = []
        var byMetric: [String: (periods: [String], reason: String)] = [:]
        for w in warnings {
            let metric = w.error.metric
            if byMetric[metric] == nil { order.append(metric); byMetric[metric] = ([], w.reason) }
            byMetric[metric]?.periods.append(w.period)
        }
        return order.map { key in
            let g = byMetric[key]!
            let shown = g.periods.prefix(6).joined(separator: ", ") + (g.periods.count > 6 ? ", …" : "")
            return "\(key) failed in \(g.periods.count) period\(g.periods.count == 1 ? "" : "s") (\(shown)), left empty in the tables; first: \(g.reason)"
        }
    }

    /// The closing screen: where the files are and the biggest changes found.
    static func summary(_ r: AnalysisResult, _ o: AnalysisOutputs, seconds: Double) -> String {
        let folder = o.folder.path.replacingOccurrences(of: FileManager.default.currentDirectoryPath + "/", with: "")
        var lines = ["", "\(r.network.info.title)",
                     "\(r.snapshots.count) periods (\(r.options.scheme)), level \(r.options.level), coalitions by \(r.settings.method) (min size \(r.settings.minimumSize ?? 2)), scenario \(r.options.scenario ?? SnapshotOptions.untaggedOnly)"]
        lines.append("")
        lines.append("Coalitions per period:")
        for p in r.history.periods {
            let names = p.coalitions.prefix(3).map { "\($0.label) (\($0.size))" }.joined(separator: ", ")
            lines.append("  \(p.period.label)  \(p.coalitions.count): \(names)\(p.coalitions.count > 3 ? ", …" : "")")
        }
        let notable = AnalysisWriter.notableChanges(r).filter { $0.event != "birth" && $0.event != "death" }
        if !notable.isEmpty {
            lines.append("")
            lines.append("Biggest changes (merges, splits, defections):")
            for c in notable.prefix(10) { lines.append("  \(c.period)  \(c.event): \(c.detail)") }
            if notable.count > 10 { lines.append("  … \(notable.count - 10) more in tables/changes.csv") }
        }
        let detected = r.lineage.checks.filter(\.detected).count
        lines.append("")
        lines.append("Recorded lineage detected: \(detected) of \(r.lineage.checks.count) (tables/lineage.csv)")
        lines.append(String(format: "Wrote %d files in %.1f s to %@/", o.files.count + 1, seconds, folder))
        lines.append("Open \(folder)/index.html in a browser.")
        return lines.joined(separator: "\n")
    }
}

