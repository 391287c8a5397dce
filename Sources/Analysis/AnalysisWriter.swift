import Coalitions
import Diagrams
import Foundation
import GraphvizKit
import Metrics
import Reports
import Snapshots
import TemporalModel

/// What a written analysis holds, for the closing summary and run records.
public struct AnalysisOutputs: Sendable {
    /// The output folder, now in place.
    public var folder: URL
    /// Files written, relative to ``folder``, sorted.
    public var files: [String]
    /// Diagrams that could not be drawn (a Graphviz failure is one lost picture, not a lost run).
    public var failures: [String]
    /// Metric failures per period (for example an eigenvector that did not converge).
    public var warnings: [String]
}

/// Writes every output of an ``AnalysisResult``: tables (CSV and JSON), snapshot diagrams, the story diagram,
/// `summary.json` and the self-contained `index.html`, into an ``OutputFolder`` put in place only when complete.
///
/// Layout of the folder:
/// ```
/// index.html  summary.json  story.svg  story.png
/// tables/{snapshots,metrics,balance,coalitions,changes}.{csv,json}  tables/lineage.csv
/// diagrams/<period>.svg  diagrams/<period>.png  diagrams/<period>.pdf  filmstrip.svg  filmstrip.pdf
/// ```
public enum AnalysisWriter {
    /// Writes the outputs to `destination` (replacing what is there only on success).
    ///
    /// - Throws: ``OutputError`` when a file cannot be written, or a ``DiagramError`` when the shared layout fails;
    ///   the previous output then stays as it was.
    ///
    /// `extraFiles` (relative path → text) are written into the same folder before it is put in place, so a
    /// record of the run (as batch jobs keep) is replaced together with the outputs it describes.
    public static func write(_ result: AnalysisResult, to destination: URL, renderer: any GraphvizRendering,
                             generator: String, extraFiles: [String: String] = [:],
                             progress: ProgressReporter = .silent) throws -> AnalysisOutputs {
        try write(result, into: try OutputFolder(destination: destination), renderer: renderer, generator: generator,
                  extraFiles: extraFiles, progress: progress)
    }

    /// Writes the outputs into a staging folder made beforehand (so a caller can find out that the destination is
    /// unusable before it spends time on the analysis), then puts it in place; on failure it is discarded.
    public static func write(_ result: AnalysisResult, into folder: OutputFolder, renderer: any GraphvizRendering,
                             generator: String, extraFiles: [String: String] = [:],
                             progress: ProgressReporter = .silent) throws -> AnalysisOutputs {
        do {
            var files: [String] = []
            var warnings: [String] = []
            func put(_ text: String, _ path: String) throws {
                try folder.write(text, to: path)
                files.append(path)
            }
            func put(_ bytes: [UInt8], _ path: String) throws {
                try folder.write(bytes, to: path)
                files.append(path)
            }

            progress.stage("tables")
            let network = result.network
            let settings = PeriodTables.settings(result.settings.snapshot, network: network)
            let all = result.settings.described
            let sizes = PeriodTables.sizes(result.snapshots, network: network)
            try put(sizes.csv(), "tables/snapshots.csv")
            try put(sizes.json(), "tables/snapshots.json")
            let (metrics, metricFailures) = PeriodTables.nodeMetrics(result.metrics, metrics: NodeMetric.allCases, network: network, settings: settings)
            try put(metrics.csv(), "tables/metrics.csv")
            try put(metrics.json(), "tables/metrics.json")
            let (balance, balanceFailures) = PeriodTables.balance(result.balances, settings: settings)
            try put(balance.csv(), "tables/balance.csv")
            try put(balance.json(), "tables/balance.json")
            warnings += metricFailures + balanceFailures
            try put(CoalitionTables.table(result.history, network: network, settings: all).csv(), "tables/coalitions.csv")
            try put(CoalitionTables.json(result.history, network: network, settings: all), "tables/coalitions.json")
            let changes = ChangeTables.events(result.history, network: network, settings: all, actorEvents: true)
            try put(changes.csv(), "tables/changes.csv")
            try put(changes.json(), "tables/changes.json")
            try put(ChangeTables.lineage(result.lineage, settings: all).csv(), "tables/lineage.csv")

            // Diagrams: one shared layout for every period, then one render job per period and one for the story.
            var failures: [String] = []
            var periodSVG: [Int: [UInt8]] = [:]
            var storySVG: [UInt8]?
            let series = try result.diagramSeries()
            let style = DiagramStyle()
            let formats = result.settings.diagramFormats
            if !formats.isEmpty {
                progress.stage("diagrams: shared layout of \(series.diagrams.count) periods")
                let layout = SnapshotLayout.stable(try StableLayout.compute(series.diagrams, style: style, renderer: renderer))
                var jobs: [RenderJob] = []
                for d in series.diagrams { jobs.append(RenderJob(dot: try SnapshotDiagram.dot(d, layout: layout, style: style), engine: layout.engine, formats: formats)) }
                jobs.append(RenderJob(dot: StoryDiagram.dot(series.story, mode: .actors, style: style), engine: .dot, formats: formats))
                // The filmstrip: every period small on one page, for print (SVG and PDF).
                if case .stable(let stable) = layout {
                    jobs.append(RenderJob(dot: try Filmstrip.dot(series.diagrams, layout: stable, style: style), engine: .nop2, formats: ["svg", "pdf"]))
                }
                for k in jobs.indices { jobs[k].dpi = result.settings.diagramDPI }
                progress.stage("diagrams: rendering \(jobs.count) pictures (\(formats.joined(separator: ", ")))")
                let rendered = renderer.render(jobs)
                for (i, outcome) in rendered.enumerated() {
                    let isStory = i == series.diagrams.count, isFilmstrip = i == series.diagrams.count + 1
                    let base = isFilmstrip ? "filmstrip" : isStory ? "story" : "diagrams/" + fileSafeName(series.diagrams[i].period)
                    switch outcome {
                    case .success(let outputs):
                        for (format, bytes) in zip(jobs[i].formats, outputs) {
                            try put(bytes, base + "." + format)
                            if format == "svg" && !isFilmstrip { if isStory { storySVG = bytes } else { periodSVG[i] = bytes } }
                        }
                    case .failure(let error):
                        failures.append("\(isFilmstrip ? "filmstrip" : isStory ? "story" : series.diagrams[i].period): \(error.description)")
                    }
                }
            }

            progress.stage("summary.json and index.html")
            try put(summaryJSON(result, outputs: files, failures: failures, warnings: warnings, generator: generator), "summary.json")
            let colors = Dictionary(series.diagrams.flatMap { d in d.clusters.map { ($0.id, style.fill($0.color)) } }, uniquingKeysWith: { a, _ in a })
            let model = reportModel(result, periodSVG: periodSVG, storySVG: storySVG, colors: colors, generator: generator)
            files.append("index.html")
            try folder.write(HTMLReport.render(model), to: "index.html")
            for (path, text) in extraFiles.sorted(by: { $0.key < $1.key }) { try put(text, path) }
            try folder.commit()
            return AnalysisOutputs(folder: folder.destination, files: files.sorted(), failures: failures, warnings: warnings)
        } catch {
            folder.discard()
            throw error
        }
    }

    /// The report page's data: every text from the dataset goes through the report's escaping.
    static func reportModel(_ r: AnalysisResult, periodSVG: [Int: [UInt8]], storySVG: [UInt8]?, colors: [String: String],
                            generator: String) -> ReportModel {
        let network = r.network
        let periods: [ReportModel.Period] = r.snapshots.indices.map { i in
            let s = r.snapshots[i]
            let p = r.history.periods[i]
            let b = r.balances[i]
            let coalitions = p.coalitions.map { c in
                ReportModel.Coalition(id: c.id, label: c.label,
                                      members: c.members.map { ReportModel.Member(id: network.actors[Int($0)].id, name: network.actors[Int($0)].name) },
                                      color: colors[c.id])
            }
            let changes = r.history.events(in: i).map { e in
                ReportModel.Change(event: ChangeTables.eventName(e), coalitions: e.coalitions,
                                   actors: e.actors.map { network.actors[Int($0)].name }, detail: e.detail)
            }
            let balance: [ReportModel.Measure] = [
                .init("balance_ratio", b.balanceRatio), .init("frustration", Double(b.frustration.value)),
                .init("frustration_normalized", b.frustration.normalized), .init("walk_balance", b.walkBalance),
                .init("algebraic_conflict", b.algebraicConflict),
            ]
            return ReportModel.Period(
                label: s.period.label, start: s.period.interval.start.description, end: s.period.interval.end.description,
                actors: s.graph.nodeCount, positiveTies: s.graph.positiveEdgeCount, negativeTies: s.graph.negativeEdgeCount,
                diagram: periodSVG[i].map { .init(svg: Data($0), alt: "Alliances and rivalries in \(s.period.label)") },
                coalitions: coalitions, changes: changes, balance: balance,
                counts: .init(count: p.coalitions.count, largestShare: p.coalitions.isEmpty ? nil : p.largestShare,
                              effectiveNumber: p.coalitions.isEmpty ? nil : p.effectiveNumber),
                topActors: r.topActors(in: i).map { .init(name: $0.actor.name, value: $0.value) })
        }
        return ReportModel(
            dataset: .init(name: network.info.name, title: network.info.title, description: network.info.description),
            settings: r.settings.described.map { ReportModel.Setting($0.0, $0.1) },
            sources: network.info.sources.map { .init(id: $0.id, citation: $0.citation + ($0.file.map { " [\($0)]" } ?? "")) },
            story: storySVG.map { .init(svg: Data($0), alt: "The coalitions of every period and the actors moving between them") },
            periods: periods, centrality: r.settings.rankBy.rawValue, generator: generator)
    }

    /// `summary.json`: the settings, per period the headline numbers, the notable changes, the files.
    static func summaryJSON(_ r: AnalysisResult, outputs: [String], failures: [String], warnings: [String], generator: String) -> String {
        let q = JSON.quote
        func num(_ x: Double?) -> String { x.map { JSON.value(.real($0)) } ?? "null" }
        var out = "{\n  \"dataset\": \(q(r.network.info.name)),\n  \"title\": \(q(r.network.info.title)),\n"
        out += "  \"generator\": \(q(generator)),\n"
        out += "  \"settings\": {" + r.settings.described.map { "\(q($0.0)): \(q($0.1))" }.joined(separator: ", ") + "},\n"
        out += "  \"periods\": ["
        for (i, s) in r.snapshots.enumerated() {
            let p = r.history.periods[i], b = r.balances[i]
            out += (i == 0 ? "\n" : ",\n")
            out += "    {\"period\": \(q(s.period.label)), \"actors\": \(s.graph.nodeCount), \"pos_edges\": \(s.graph.positiveEdgeCount), "
            out += "\"neg_edges\": \(s.graph.negativeEdgeCount), \"coalitions\": \(p.coalitions.count), "
            out += "\"largest_share\": \(p.coalitions.isEmpty ? "null" : num(p.largestShare)), "
            out += "\"balance_ratio\": \(num(b.balanceRatio)), \"frustration\": \(b.frustration.value), "
            out += "\"labels\": [" + p.coalitions.map { q($0.label) }.joined(separator: ", ") + "]}"
        }
        out += "\n  ],\n  \"notable_changes\": ["
        let notable = notableChanges(r)
        out += notable.enumerated().map { ($0.offset == 0 ? "\n    " : "\n    ") + "{\"period\": \(q($0.element.period)), \"event\": \(q($0.element.event)), \"detail\": \(q($0.element.detail))}" }.joined(separator: ",")
        out += notable.isEmpty ? "],\n" : "\n  ],\n"
        let detected = r.lineage.checks.filter(\.detected).count
        out += "  \"lineage\": {\"recorded\": \(r.lineage.checks.count), \"detected\": \(detected), \"extra\": \(r.lineage.extra.count)},\n"
        out += "  \"diagram_failures\": [" + failures.map(q).joined(separator: ", ") + "],\n"
        out += "  \"metric_warnings\": [" + warnings.map(q).joined(separator: ", ") + "],\n"
        out += "  \"files\": [" + (outputs + ["index.html", "summary.json"]).sorted().map(q).joined(separator: ", ") + "]\n}\n"
        return out
    }

    /// The changes a reader looks for first: merges, splits, births, deaths and defections, in time order.
    public static func notableChanges(_ r: AnalysisResult) -> [(period: String, event: String, detail: String)] {
        r.history.events.compactMap { e in
            switch e.kind {
            case .merge, .split, .birth, .death: return (e.period, e.kind.rawValue, e.detail)
            case .switch where e.defection == true:
                return (e.period, "defection", e.detail)
            default: return nil
            }
        }
    }
}

/// A period label as a file name: characters other than ASCII letters, digits, `.`, `_` and `-` become `-`.
public func fileSafeName(_ label: String) -> String {
    String(label.unicodeScalars.map { c -> Character in
        (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "." || c == "_" || c == "-") && c.isASCII ? Character(c) : "-"
    })
}
