import Coalitions
import Diagrams
import Foundation
import GraphvizKit
import Metrics
import ReportPage
import Reports
import Snapshots
import TemporalModel
import TextFormats

/// The share of Monte Carlo draws in which each change of an analysis occurs (`blocs analyze --draws`), for the
/// report, and the columns the main tables gain.
public struct EventProbabilities: Sendable {
    public var draws: Int
    public var seed: UInt64
    public var byEvent: [CoalitionEvent: Double]
    /// `changes.csv`'s `in_reference`/`probability` and the changes only the draws have, `memberships.csv`'s
    /// `probability` (`nil`: the tables stay as without draws).
    public var columns: DrawColumns?

    public init(draws: Int, seed: UInt64, byEvent: [CoalitionEvent: Double]) {
        self.draws = draws
        self.seed = seed
        self.byEvent = byEvent
    }

    /// The probabilities of `history`'s events, taken by their index in `history.events`.
    /// - Precondition: `columns.eventProbability` has one value per event of `history`.
    public init(_ columns: DrawColumns, history: CoalitionHistory) {
        precondition(columns.eventProbability.count == history.events.count)
        var byEvent: [CoalitionEvent: Double] = [:]
        for (e, p) in zip(history.events, columns.eventProbability) { byEvent[e] = p }
        self.init(draws: columns.draws, seed: columns.seed, byEvent: byEvent)
        self.columns = columns
    }

    /// Per period index, per actor id: the share of draws keeping the actor in its reference coalition; what the
    /// diagrams shade (solid = certain, faded = uncertain).
    public var membershipCertainty: [Int: [Int32: Double]] { columns?.membership ?? [:] }
}

/// What `blocs analyze` adds to the report beyond the analysis: why each change happened and the readings side by
/// side (computed by the Uncertainty module's explain and compare code, which sits above this module).
public struct ReportAdditions: Sendable {
    /// Per change of the analysis, its explanation (ties as indices into the report's tie records:
    /// ``ReportEvidence/recordIndices(_:scenario:)``).
    public var explanations: [CoalitionEvent: ReportExplanation]
    /// Shown above the changes when explanations are missing or partial (and why).
    public var explanationNote: String?
    public var readings: ReportReadings?
    /// How many leave-one-out re-runs the explanations took (0 when skipped or not computed), for the progress line.
    public var leaveOneOutRuns = 0

    public init(explanations: [CoalitionEvent: ReportExplanation] = [:], explanationNote: String? = nil, readings: ReportReadings? = nil) {
        self.explanations = explanations
        self.explanationNote = explanationNote
        self.readings = readings
    }
}

/// What a written analysis holds, for the closing summary and run records.
public struct AnalysisOutputs: Sendable {
    /// The output folder, now in place.
    public var folder: URL
    /// Files written, relative to ``folder``, sorted.
    public var files: [String]
    /// Diagrams that could not be drawn (a Graphviz failure is one lost picture, not a lost run).
    public var failures: [String]
    /// Metric failures per period (for example an eigenvector that did not converge).
    public var warnings: [MetricWarning]
}

/// Writes every output of an ``AnalysisResult``: tables (CSV and JSON), snapshot diagrams, the story diagram,
/// `summary.json` and the self-contained `index.html`, into an ``OutputFolder`` put in place only when complete.
///
/// Layout of the folder:
/// ```
/// index.html  summary.json  story.{svg,png,pdf}  filmstrip.{svg,pdf}
/// tables/{snapshots,metrics,balance,periods,memberships,coalitions,changes,lineage}.{csv,json}  tables/datapackage.json
/// diagrams/<period>.{svg,png,pdf}
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
                             generator: String, extraFiles: [String: String] = [:], probabilities: EventProbabilities? = nil,
                             additions: ReportAdditions = ReportAdditions(),
                             progress: ProgressReporter = .silent) throws -> AnalysisOutputs {
        do {
            let sink = Sink(folder)
            progress.stage("tables")
            // The tables and the page are independent: the per-actor tables are written on another thread while
            // this one makes the diagram series, the diagrams and the page, then the coalition tables (on L each
            // half of the tables was about a fifth of the whole run's CPU, the page and diagram series less). Each
            // file is the same bytes as when they were written one after the other; `datapackage.json` and
            // `summary.json` (which list the tables and their warnings) wait for both.
            let tables = TablesJob()
            let group = DispatchGroup()
            let draws = probabilities?.columns
            DispatchQueue.global().async(group: group) {
                tables.outcome = Result { try writeTables(result, into: sink, draws: draws, part: .perActor) }
            }
            let coalitionTables: WrittenTables
            let drawn: (failures: [String], periodSVG: [Int: [UInt8]], storySVG: [UInt8]?)
            do {
                let series = result.diagramSeries()
                let style = DiagramStyle()
                drawn = try writeDiagrams(result, series: series, style: style, renderer: renderer, progress: progress, into: sink,
                                          certainty: probabilities?.columns?.membership)
                let colors = Dictionary(series.diagrams.flatMap { d in d.clusters.map { ($0.id, style.fill($0.color)) } }, uniquingKeysWith: { a, _ in a })
                let rankBy = result.settings.rankBy
                // Above the page's limits (a study of tens of thousands of actors), the page carries the actors
                // ranked best and says what it leaves out; the tables keep everything.
                let limits = ReportLimits.standard
                let shown = limits.shownActors(result.metrics, actorCount: result.network.actors.count, rankedBy: rankBy)
                var model = reportModel(result, periodSVG: drawn.periodSVG, storySVG: drawn.storySVG, colors: colors, generator: generator,
                                        probabilities: probabilities, additions: additions, limits: limits, shownActors: shown)
                ReportEvidence.fill(&model, network: result.network, snapshots: result.snapshots,
                                    drawn: series.diagrams.map { $0.edges.map { .init(a: min($0.a, $0.b), b: max($0.a, $0.b), relation: $0.relation.rawValue, weight: $0.weight) } },
                                    metrics: result.metrics, charted: [.positiveDegree, .negativeDegree] + ([.positiveDegree, .negativeDegree].contains(rankBy) ? [] : [rankBy]),
                                    coMembershipDrawn: result.settings.drawing.drawComembership, limits: limits, shownActors: shown,
                                    coalitionMembers: result.history.periods.map { p in
                                        Dictionary(p.coalitions.map { ($0.id, $0.members) }, uniquingKeysWith: +)
                                    })
                try sink.stream("index.html") { HTMLReport.render(model, to: &$0) }
                coalitionTables = try writeTables(result, into: sink, draws: draws, part: .coalitions)
            } catch {
                group.wait()
                throw error
            }
            group.wait()
            var written = try tables.outcome!.get()
            written.resources.merge(coalitionTables.resources) { a, _ in a }
            try writeDataPackage(result, written, into: sink)
            let warnings = written.warnings
            progress.stage("summary.json and index.html")
            try sink.put(summaryJSON(result, outputs: sink.files.filter { $0 != "index.html" }, failures: drawn.failures, warnings: warnings,
                                     generator: generator), "summary.json")
            for (path, text) in extraFiles.sorted(by: { $0.key < $1.key }) { try sink.put(text, path) }
            try folder.commit()
            return AnalysisOutputs(folder: folder.destination, files: sink.files.sorted(), failures: drawn.failures, warnings: warnings)
        } catch {
            folder.discard()
            throw error
        }
    }

    /// What the tables' thread hands back (read after it finished).
    final class TablesJob: @unchecked Sendable {
        var outcome: Result<WrittenTables, any Error>?
    }

    /// The staging folder and the files written into it, in order.
    /// Thread-safe: the tables and the page are written from two threads.
    final class Sink: @unchecked Sendable {
        let folder: OutputFolder
        private var written: [String] = []
        private let lock = NSLock()

        init(_ folder: OutputFolder) { self.folder = folder }

        /// The files written so far, in order of completion.
        var files: [String] { lock.withLock { written } }

        private func add(_ path: String) { lock.withLock { written.append(path) } }

        func put(_ text: String, _ path: String) throws {
            try folder.write(text, to: path)
            add(path)
        }

        func put(_ bytes: [UInt8], _ path: String) throws {
            try folder.write(bytes, to: path)
            add(path)
        }

        func stream(_ path: String, _ body: (inout FileTextStream) -> Void) throws {
            try folder.stream(to: path, body)
            add(path)
        }

        func stream(_ first: String, _ second: String, _ body: (inout FileTextStream, inout FileTextStream) -> Void) throws {
            try folder.stream(to: first, and: second, body)
            add(first)
            add(second)
        }
    }

    /// Which tables ``writeTables(_:into:draws:part:)`` writes: the two halves take about the same time on L
    /// (the per-actor tables are millions of rows), so they are written on two threads.
    enum TablePart: CaseIterable {
        /// snapshots, metrics, balance, memberships.
        case perActor
        /// coalitions, changes, lineage, periods.
        case coalitions
    }

    /// What a part of the tables wrote: each table's package resource by name, and the metric failures it names.
    struct WrittenTables {
        var resources: [String: DataPackage.Resource] = [:]
        var warnings: [MetricWarning] = []
    }

    /// `tables/`: snapshots, metrics, balance, coalitions, changes (CSV and JSON) and lineage (CSV), in two parts
    /// (``TablePart``); `tables/datapackage.json` once both are written (``writeDataPackage(_:_:into:)``).
    /// With `draws`, `changes` and `memberships` gain their Monte Carlo columns (see ``DrawColumns``).
    static func writeTables(_ result: AnalysisResult, into sink: Sink, draws: DrawColumns? = nil, part: TablePart) throws -> WrittenTables {
        let network = result.network
        let settings = PeriodTables.settings(result.options, network: network)
        let all = result.described
        var written = WrittenTables()
        // Each table is streamed to its CSV and JSON files and reduced to its package resource (columns and
        // types) at once, so that only one table's rows are in memory at a time (on L, the per-actor tables are
        // millions of rows).
        func put(_ table: ResultTable, _ name: String, json: Bool = true, _ description: String, primaryKey: [String] = []) throws {
            try sink.stream("tables/\(name).csv") { table.writeCSV(to: &$0) }
            if json { try sink.stream("tables/\(name).json") { table.writeJSON(to: &$0) } }
            written.resources[name] = .init(name: name, path: "\(name).csv", description: description, table: table, primaryKey: primaryKey)
        }
        func put(_ table: StreamedTable, _ name: String, _ description: String, primaryKey: [String]) throws {
            var types: [String] = []
            try sink.stream("tables/\(name).csv", "tables/\(name).json") { types = table.write(csv: &$0, json: &$1) }
            written.resources[name] = .init(name: name, path: "\(name).csv", description: description, columns: table.columns, types: types,
                                            primaryKey: primaryKey)
        }
        switch part {
        case .perActor:
            try put(PeriodTables.sizes(result.snapshots, options: result.options, network: network), "snapshots",
                    "one row per period: the snapshot's size", primaryKey: ["period"])
            let (metricsTable, metricFailures) = PeriodTables.nodeMetricsStream(result.metrics, metrics: NodeMetric.allCases, network: network,
                                                                                settings: settings)
            try put(metricsTable, "metrics", "one row per period and actor: node metrics", primaryKey: ["period", "actor"])
            let (balanceTable, balanceFailures) = PeriodTables.balance(result.balances, settings: settings)
            try put(balanceTable, "balance", "one row per period: signed balance measures", primaryKey: ["period"])
            written.warnings = metricFailures + balanceFailures
            // Tidy tables (one membership per row, period-level values once per period) and their typed description.
            try put(MembershipTable.stream(result.history, network: network, settings: all, draws: draws), "memberships",
                    "one row per period and actor: the actor's coalition", primaryKey: ["period", "actor"])
        case .coalitions:
            try put(CoalitionTables.table(result.history, network: network, settings: all), "coalitions", json: false,
                    "one row per period and coalition", primaryKey: ["period", "id"])
            try sink.stream("tables/coalitions.json") { CoalitionTables.writeJSON(result.history, network: network, settings: all, to: &$0) }
            try put(ChangeTables.eventStream(result.history, network: network, settings: all, actorEvents: true, draws: draws), "changes",
                    "one row per coalition link or actor of each change between periods", primaryKey: [])
            try put(ChangeTables.lineage(result.lineage, history: result.history, network: network, settings: all,
                                         periods: result.snapshots.map(\.period.label)),
                    "lineage", "the dataset's recorded lineage against the analysis, by period")
            try put(PeriodTable.table(result.history, settings: all), "periods",
                    "one row per period: the coalition analysis's period-level values", primaryKey: ["period"])
        }
        return written
    }

    /// `tables/datapackage.json`: every table's resource, in the package's order.
    static func writeDataPackage(_ result: AnalysisResult, _ written: WrittenTables, into sink: Sink) throws {
        let order = ["periods", "memberships", "coalitions", "changes", "lineage", "snapshots", "metrics", "balance"]
        try sink.put(DataPackage.json(name: result.network.info.name, title: result.network.info.title,
                                      resources: order.compactMap { written.resources[$0] }), "tables/datapackage.json")
    }

    /// `diagrams/<period>.<format>` and `story.<format>`: one shared layout, one render job per picture. A failed
    /// render is one lost picture (in `failures`); the SVGs are kept for the report page.
    /// - Parameter certainty: period index → actor → probability of its coalition (the uncertainty draws);
    ///   uncertain members are drawn faded. nil: pictures as without draws.
    static func writeDiagrams(_ result: AnalysisResult, series: DiagramSeries, style: DiagramStyle, renderer: any GraphvizRendering,
                              progress: ProgressReporter, into sink: Sink, certainty: [Int: [Int32: Double]]? = nil) throws
        -> (failures: [String], periodSVG: [Int: [UInt8]], storySVG: [UInt8]?)
    {
        var failures: [String] = []
        var periodSVG: [Int: [UInt8]] = [:]
        var storySVG: [UInt8]?
        let formats = result.settings.drawing.formats
        guard !formats.isEmpty else { return ([], [:], nil) }
        let pictures = try DiagramWriter.draw(series, layout: .stable, story: .actors, filmstrip: true, formats: formats,
                                              dpi: result.settings.drawing.dpi, renderer: renderer, style: style, progress: progress,
                                              certainty: certainty)
        for (i, picture) in pictures.enumerated() {
            let isStory = picture.name == "story" && i == pictures.count - 1
            let isFilmstrip = picture.name == "filmstrip" && i == series.diagrams.count
            switch picture.rendered {
            case .success(let outputs):
                let base = isStory ? "story" : isFilmstrip ? "filmstrip" : "diagrams/" + fileSafeName(picture.name)
                for (path, bytes) in picture.files(base: base) {
                    try sink.put(bytes, path)
                }
                if let svg = outputs.first(where: { $0.format == .svg })?.bytes, !isFilmstrip {
                    if isStory { storySVG = svg } else { periodSVG[i] = svg }
                }
            case .failure(let error):
                failures.append("\(picture.name): \(error.description)")
            }
        }
        return (failures, periodSVG, storySVG)
    }

    /// The report page's data: every text from the dataset goes through the report's escaping.
    static func reportModel(_ r: AnalysisResult, periodSVG: [Int: [UInt8]], storySVG: [UInt8]?, colors: [String: String],
                            generator: String, probabilities: EventProbabilities? = nil,
                            additions: ReportAdditions = ReportAdditions(), limits: ReportLimits = .none,
                            shownActors: Set<Int32>? = nil) -> ReportModel {
        let network = r.network
        var leftOut = 0, unlisted = 0
        let eventsIn = Dictionary(grouping: r.history.events, by: \.periodIndex)  // in history order within each period
        let lookup = ChangeSentences.Lookup(r.history)
        let periods: [ReportModel.Period] = r.snapshots.indices.map { i in
            let s = r.snapshots[i]
            let p = r.history.periods[i]
            let b = r.balances[i]
            // A coalition holding an actor the page shows stays listed (the actor's path reads it): with every actor
            // shown, every coalition.
            let listed = limits.listedCoalitions(sizes: p.coalitions.map(\.members.count),
                                                 needed: p.coalitions.map { c in shownActors.map { s in c.members.contains { s.contains($0) } } ?? true })
            unlisted += p.coalitions.count - listed.count
            let coalitions = listed.map { p.coalitions[$0] }.map { c in
                // With the page's actors limited, a coalition lists its members among them and counts the others.
                let listed = shownActors.map { shown in c.members.filter { shown.contains($0) } } ?? c.members
                var coalition = ReportModel.Coalition(id: c.id, label: c.label,
                                                      members: listed.map { ReportModel.Member(id: network.actors[Int($0)].id, name: network.actors[Int($0)].name,
                                                                                               probability: probabilities?.membershipCertainty[i]?[$0]) },
                                                      size: c.members.count, color: colors[c.id])
                if listed.count < c.members.count { coalition.omitted = c.members.count - listed.count }
                return coalition
            }
            let all = eventsIn[i] ?? []
            let kept = limits.notableChanges(all.map { (ChangeSentences.name($0), $0.actors.count) }).map { all[$0] }
            leftOut += all.count - kept.count
            let changes = kept.map { e in
                ReportModel.Change(event: ChangeSentences.name(e), coalitions: e.change.coalitions,
                                   actors: e.actors.map { network.actors[Int($0)].name },
                                   detail: ChangeSentences.detail(e, history: r.history, network: network, lookup: lookup),
                                   probability: probabilities?.byEvent[e], explanation: additions.explanations[e])
            }
            let balance: [ReportModel.Measure] = [
                .init("balance_ratio", b.balanceRatio), .init("frustration", Double(b.frustration.value)),
                .init("frustration_normalized", b.frustration.normalized), .init("walk_balance", b.walkBalance),
                .init("algebraic_conflict", b.algebraicConflict), .init("triangles", Double(b.triangles.total)),
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
        var model = ReportModel(
            dataset: .init(name: network.info.name, title: network.info.title, description: network.info.description),
            settings: r.described.map { ReportModel.Setting($0.0, $0.1) },
            sources: network.info.sources.map { .init(id: $0.id, citation: $0.citation + ($0.file.map { " [\($0)]" } ?? "")) },
            story: storySVG.map { .init(svg: Data($0), alt: "The coalitions of every period and the actors moving between them") },
            periods: periods, centrality: r.settings.rankBy.rawValue, generator: generator,
            readings: additions.readings, explanationNote: additions.explanationNote)
        var abridged: [String] = []
        if unlisted > 0 {
            let all = r.history.periods.map(\.coalitions.count).reduce(0, +)
            abridged.append("\(ReportLimits.grouped(unlisted)) of the \(ReportLimits.grouped(all)) coalitions of the periods (each period lists its \(ReportLimits.grouped(limits.coalitionsPerPeriod)) largest "
                + "and those of the page's actors)")
        }
        if leftOut > 0 {
            abridged.append("\(ReportLimits.grouped(leftOut)) of the \(ReportLimits.grouped(r.history.events.count)) changes (each period lists its \(ReportLimits.grouped(limits.changesPerPeriod)) most notable: "
                + "merges, splits, births, deaths and defections first)")
        }
        if !abridged.isEmpty { model.abridged = abridged }
        return model
    }

    /// `summary.json`: the settings, per period the headline numbers, the notable changes, the files.
    static func summaryJSON(_ r: AnalysisResult, outputs: [String], failures: [String], warnings: [MetricWarning], generator: String) -> String {
        let periods = r.snapshots.enumerated().map { i, s -> String in
            let p = r.history.periods[i], b = r.balances[i]
            return JSONValue.object([
                ("period", .string(s.period.label)), ("actors", .int(s.graph.nodeCount)), ("pos_edges", .int(s.graph.positiveEdgeCount)),
                ("neg_edges", .int(s.graph.negativeEdgeCount)), ("coalitions", .int(p.coalitions.count)),
                ("largest_share", p.coalitions.isEmpty ? .null : .number(p.largestShare)), ("balance_ratio", .number(b.balanceRatio)),
                ("frustration", .int(b.frustration.value)), ("labels", .array(p.coalitions.map { .string($0.label) })),
            ]).text()
        }
        let notable = notableChanges(r).map {
            JSONValue.object([("period", .string($0.period)), ("event", .string($0.event)), ("detail", .string($0.detail))]).text()
        }
        let detected = r.lineage.checks.filter(\.detected).count
        func strings(_ list: [String]) -> String { JSONValue.array(list.map { .string($0) }).text() }
        var out = "{\n  \"dataset\": " + JSONValue.string(r.network.info.name).text()
        out += ",\n  \"title\": " + JSONValue.string(r.network.info.title).text()
        out += ",\n  \"generator\": " + JSONValue.string(generator).text()
        out += ",\n  \"settings\": " + JSONValue.strings(r.described).text()
        out += ",\n  \"periods\": " + JSONValue.lines(periods, indent: "    ", closing: "  ")
        out += ",\n  \"notable_changes\": " + JSONValue.lines(notable, indent: "    ", closing: "  ")
        out += ",\n  \"lineage\": " + JSONValue.object([("recorded", .int(r.lineage.checks.count)), ("detected", .int(detected)),
                                                         ("extra", .int(r.lineage.extra.count))]).text()
        out += ",\n  \"diagram_failures\": " + strings(failures)
        out += ",\n  \"metric_warnings\": " + strings(warnings.map(\.description))
        out += ",\n  \"files\": " + strings((outputs + ["index.html", "summary.json"]).sorted()) + "\n}\n"
        return out
    }

    /// The changes a reader looks for first: merges, splits, births, deaths and defections, in time order.
    public static func notableChanges(_ r: AnalysisResult) -> [(period: String, event: String, detail: String)] {
        let lookup = ChangeSentences.Lookup(r.history)
        return r.history.events.compactMap { e in
            switch e.kind {
            case .merge, .split, .birth, .death:
                return (e.period, e.kind.rawValue, ChangeSentences.detail(e, history: r.history, network: r.network, lookup: lookup))
            case .switch where e.change.isDefection:
                return (e.period, "defection", ChangeSentences.detail(e, history: r.history, network: r.network, lookup: lookup))
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
