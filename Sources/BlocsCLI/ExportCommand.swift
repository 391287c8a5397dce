import ArgumentParser
import Blocs
import Foundation

/// The file formats of `blocs export`.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case gexf, graphml, json, csv, dataset
}

/// `blocs export`: the dataset in a format other tools open.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a dataset as a dataset folder, GEXF, GraphML, NetworkX JSON or per-period edge lists.",
        discussion: """
            dataset  the dataset folder in Blocs' canonical form (--out names the folder): every field, event, \
            window, scenario (description, weight), uncertain date and source locator, so that blocs import of \
            it, exported again, gives the same bytes.
            gexf     GEXF 1.3, dynamic: one node per actor and one edge per tie, each with its time spell, so \
            Gephi plays it on its timeline. The edge weight is the tie's positive magnitude; the sign is the \
            attribute 'sign' (+1, -1, 0 for lineage) and 'signed_weight'. --scenario keeps the ties of one reading \
            (Gephi shows one reading at a time); what GEXF cannot carry (events, windows, citations, …) is \
            listed in one warning line.
            graphml  GraphML with typed keys; intervals as first_day/last_day.
            json     NetworkX node-link JSON of the whole temporal network (a multigraph, one edge per tie, keyed \
            t0, t1, ...): networkx.node_link_graph(json.load(f)).
            csv      period,source,target,sign,weight: the aggregated signed edges of every period's snapshot, cut \
            with --period, --level, --rule and --scenario (these options apply to csv only).

            Examples:
              blocs export --format gexf --out soviet.gexf
              blocs export --format gexf --scenario broue --out soviet-broue.gexf
              blocs export --format dataset --out my-copy
              blocs export Datasets/soviet-oppositions --format json --out soviet.json
              blocs export --format graphml > soviet.graphml
              blocs export --format csv --period quarter --level factions --scenario broue --out edges.csv
            """)

    @OptionGroup var input: DatasetArgument

    @Option(help: ArgumentHelp("Output format: dataset, gexf, graphml, json or csv.", valueName: "format"))
    var format: ExportFormat

    @Option(help: ArgumentHelp("Write to this file instead of standard output (a new file; --force replaces one).", valueName: "file"))
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    @OptionGroup(title: "Snapshot options (csv; --scenario also gexf)") var snapshot: SnapshotOptionGroup

    func validate() throws {
        if format == .dataset && out == nil {
            throw ValidationError("--format dataset writes a folder: name it with --out")
        }
        if format != .csv {
            let given = [("--period", snapshot.period != nil), ("--scenario", snapshot.scenario != nil && format != .gexf),
                         ("--window", !snapshot.windows.isEmpty), ("--level", snapshot.level != .auto),
                         ("--rule", snapshot.rule != .overlap), ("--no-comembership", snapshot.noComembership)]
                .filter(\.1).map(\.0)
            if !given.isEmpty {
                throw ValidationError("\(given.joined(separator: ", ")) \(given.count == 1 ? "applies" : "apply") only to --format csv: the \(format.rawValue) export holds the whole temporal network")
            }
        }
    }

    func run() throws {
        try reportingErrors {
            let (path, network) = try input.load()
            if format == .dataset, let out {
                try ImportCommand.checkDestination(out, force: force, protecting: [URL(fileURLWithPath: path)])
                try ImportCommand.writeDataset(network, to: out)
                Console.error("exported \(network.actors.count) actors, \(network.ties.count) ties and \(network.events.count) events into \(out)")
                return
            }
            if let out {
                do { try OutputPolicy.checkFile(URL(fileURLWithPath: out), replace: force, protecting: [URL(fileURLWithPath: path)]) } catch {
                    throw UserFacingError(description: "\(error)", exitCode: 64)
                }
            }
            let text: String
            switch format {
            case .gexf:
                let reading = try snapshot.scenario.map { try network.resolveScenario($0) } ?? nil
                let shown = try reading.map { try network.keepingReading($0) } ?? network
                let lost = GEXFWriter.notCarried(network, reading: reading)
                if !lost.isEmpty { Console.error("warning: " + Self.sentence(lost, reading: reading)) }
                text = GEXFWriter.write(shown, creator: "Blocs \(BlocsVersion.string)")
            case .graphml: text = GraphMLWriter.write(network)
            case .json: text = NodeLinkJSON.write(network)
            case .dataset: return  // written above (validate requires --out)
            case .csv:
                let study = try Study(network, settings: snapshot.settings)
                noteEmptyPeriods(study)
                text = EdgeListWriter.csv(study.snapshots.map { Self.edgeList($0, network: network) })
            }
            try Self.write(text, to: out)
        }
    }

    /// The one warning line of a GEXF export: what it leaves out, and where to keep it.
    static func sentence(_ l: GEXFWriter.Losses, reading: String?) -> String {
        func count(_ n: Int, _ one: String, _ many: String) -> String? { n == 0 ? nil : "\(n) \(n == 1 ? one : many)" }
        let parts: [String?] = [
            l.description ? "the description" : nil,
            l.defaultPeriod.map { "default_period (\($0))" },
            l.defaultScenario.map { "default_scenario (\($0))" },
            count(l.scenarioDetails, "scenario's description and weight", "scenarios' descriptions and weights"),
            count(l.citations, "source citation", "source citations"),
            count(l.windows, "window", "windows"),
            count(l.events, "event", "events"),
            reading.flatMap { r in count(l.otherReadings, "tie of other readings than \(r)", "ties of other readings than \(r)") },
        ]
        return "GEXF does not carry " + parts.compactMap { $0 }.joined(separator: ", ")
            + " (blocs export --format dataset keeps everything)"
    }

    /// A snapshot's edges keyed by actor id (nodes are in actor-id order, so `source < target`).
    static func edgeList(_ snapshot: Snapshot, network: TemporalNetwork) -> PeriodEdgeList {
        PeriodEdgeList(period: snapshot.period.label, edges: snapshot.graph.edges.map { e in
            PeriodEdgeList.Edge(source: network.actors[Int(snapshot.actors[Int(e.u)])].id,
                                target: network.actors[Int(snapshot.actors[Int(e.v)])].id,
                                sign: Int(e.sign.rawValue), weight: e.weight)
        })
    }

    /// Writes `text` atomically to `path`, or to standard output.
    static func write(_ text: String, to path: String?) throws {
        guard let path else { Console.out(text); return }
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw UserFacingError(description: "cannot write \(path): \(plainReason(error))")
        }
    }
}
