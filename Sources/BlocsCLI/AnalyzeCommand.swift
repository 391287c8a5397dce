import ArgumentParser
import Blocs
import Foundation

/// `blocs analyze`: the main job. Everything about a dataset, written to one folder a person can open.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyse a dataset end to end: tables, diagrams, the story, and an HTML report.",
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

    @Option(help: ArgumentHelp("Diagram formats, comma-separated: svg, png, pdf; 'none' draws nothing.", valueName: "formats"))
    var format: String = "svg,png,pdf"

    @Option(help: ArgumentHelp("Resolution of the PNG diagrams in dots per inch (default 96; e.g. 300 for print).", valueName: "dpi"))
    var dpi: Double?

    @Option(name: .customLong("rank-by"), help: ArgumentHelp(
        "The centrality that sizes nodes and ranks the top actors: \(NodeMetric.allCases.map(\.rawValue).joined(separator: ", ")).",
        valueName: "metric"))
    var rankBy: String = NodeMetric.pagerank.rawValue

    @Option(help: ArgumentHelp("Output folder (default: Output/<dataset>).", valueName: "dir"))
    var out: String?

    @Flag(help: ArgumentHelp("Render inside this process instead of worker processes.", visibility: .hidden))
    var inProcess = false

    func validate() throws {
        _ = try diagramFormats()
        if let dpi, !(dpi >= 10 && dpi <= 1200) { throw ValidationError("--dpi \(dpi) is out of range (use 10 to 1200)") }
        guard NodeMetric(rawValue: rankBy) != nil else {
            throw ValidationError("unknown --rank-by '\(rankBy)' (use \(NodeMetric.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    func diagramFormats() throws -> [String] {
        if format.lowercased() == "none" { return [] }
        return try DiagramFormat.parseList(format).filter { $0 != .dot }.map(\.rawValue)
    }

    func run() throws {
        try reportingErrors {
            let started = Date()
            let progress = ProgressReporter.standardError()
            let (path, network) = try input.load()
            progress.stage("loaded \(network.info.name) from \(path): \(network.actors.count) actors, \(network.ties.count) ties")
            var settings = AnalysisSettings(snapshot: try snapshot.options(for: network), coalitions: try coalition.settings,
                                            tracking: try coalition.tracking, diagramFormats: try diagramFormats())
            settings.rankBy = NodeMetric(rawValue: rankBy) ?? .pagerank
            settings.diagramDPI = dpi
            // The output folder first: an unusable destination is reported before any work is done.
            let destination = URL(fileURLWithPath: out ?? "Output/\(network.info.name)")
            let folder: OutputFolder
            do { folder = try OutputFolder(destination: destination) } catch let e as OutputError {
                throw UserFacingError(description: e.description)
            }
            let result: AnalysisResult
            do { result = try Analysis.run(network, settings: settings, progress: progress) } catch {
                folder.discard()
                throw error
            }
            let renderer: any GraphvizRendering = inProcess
                ? InProcessRenderer()
                : RenderWorkerPool(command: [DiagramOptionGroup.executablePath(), RenderWorkerCommand.configuration.commandName ?? "render-worker"])
            let outputs: AnalysisOutputs
            do {
                outputs = try AnalysisWriter.write(result, into: folder, renderer: renderer, generator: "Blocs \(BlocsVersion.string)", progress: progress)
            } catch let e as DiagramError {
                throw UserFacingError(description: e.description)
            } catch let e as OutputError {
                throw UserFacingError(description: e.description + " (the previous output, if any, is unchanged)")
            }
            for w in Self.grouped(outputs.warnings) { Console.error("note: \(w)") }
            if outputs.warnings.contains(where: { $0.contains("katz") }) {
                Console.error("      (Katz needs alpha < 1/lambda_max; dense periods need a smaller one: blocs metrics --katz-alpha 0.02)")
            }
            for f in outputs.failures { Console.error("error: diagram \(f)") }
            Console.error(Self.summary(result, outputs, seconds: Date().timeIntervalSince(started)))
            if !outputs.failures.isEmpty { throw ExitCode(1) }
        }
    }

    /// Metric failures grouped by metric: "katz failed in 8 periods (1923, 1924, …): <first reason>".
    static func grouped(_ warnings: [String]) -> [String] {
        var order: [String] = []
        var byMetric: [String: (periods: [String], reason: String)] = [:]
        for w in warnings {
            // "<period>: <metric>: <reason>"
            let parts = w.split(separator: ":", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else { order.append(w); byMetric[w] = ([], ""); continue }
            if byMetric[parts[1]] == nil { order.append(parts[1]); byMetric[parts[1]] = ([], parts[2]) }
            byMetric[parts[1]]?.periods.append(parts[0])
        }
        return order.map { key in
            guard let g = byMetric[key], !g.periods.isEmpty else { return key }
            let shown = g.periods.prefix(6).joined(separator: ", ") + (g.periods.count > 6 ? ", …" : "")
            return "\(key) failed in \(g.periods.count) period\(g.periods.count == 1 ? "" : "s") (\(shown)), left empty in the tables; first: \(g.reason)"
        }
    }

    /// The closing screen: where the files are and the biggest changes found.
    static func summary(_ r: AnalysisResult, _ o: AnalysisOutputs, seconds: Double) -> String {
        let folder = o.folder.path.replacingOccurrences(of: FileManager.default.currentDirectoryPath + "/", with: "")
        var lines = ["", "\(r.network.info.title)",
                     "\(r.snapshots.count) periods (\(r.settings.snapshot.scheme)), coalitions by \(r.settings.coalitions.method), scenario \(r.settings.snapshot.scenario ?? "untagged only")"]
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

extension ProgressReporter {
    /// Progress on standard error: one line per stage; steps overwrite each other on a terminal, and are
    /// left out in a log.
    static func standardError() -> ProgressReporter {
        let terminal = isatty(2) != 0
        return ProgressReporter { message, transient in
            if transient {
                guard terminal else { return }
                FileHandle.standardError.write(Data("\r\u{1B}[K\(message)".utf8))
            } else {
                FileHandle.standardError.write(Data(((terminal ? "\r\u{1B}[K" : "") + "• " + message + "\n").utf8))
            }
        }
    }
}
