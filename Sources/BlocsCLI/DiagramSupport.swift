import ArgumentParser
import Blocs
import Foundation

/// A node size: a centrality, or `none` (equal sizes).
struct SizeChoice: ExpressibleByArgument, CustomStringConvertible {
    var metric: NodeMetric?

    init(_ metric: NodeMetric?) { self.metric = metric }

    init?(argument: String) {
        if argument.lowercased() == "none" { metric = nil } else if let m = NodeMetric(argument: argument) { metric = m } else { return nil }
    }

    static var allValueStrings: [String] { ["none"] + NodeMetric.allCases.map(\.rawValue) }
    var description: String { metric?.rawValue ?? "none" }
}

/// The options every diagram command shares: clusters, node size, what ties are drawn, how Graphviz runs.
struct DiagramOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Clusters: factions (recorded memberships), components (groups joined by alliances) or coalitions (found by --method, tracked across periods).",
        valueName: "kind"))
    var clusters: ClusterKind = .coalitions

    @Option(name: .customLong("size-by"), help: ArgumentHelp(
        "Node size: none, \(NodeMetric.allCases.map(\.rawValue).joined(separator: ", ")) (computed on the drawn ties).",
        valueName: "metric"))
    var sizeBy = SizeChoice(.pagerank)

    @Flag(help: "At the persons level, also draw the co-membership ties (by default the clusters show memberships and only recorded alliances and rivalries are drawn).")
    var drawComembership = false

    @Option(help: ArgumentHelp("Resolution of PNG output in dots per inch (default 96; e.g. 300 for print).", valueName: "dpi"))
    var dpi: Double?

    @Flag(help: ArgumentHelp("Render inside this process instead of worker processes (a Graphviz crash then ends the run).", visibility: .hidden))
    var inProcess = false

    @OptionGroup var coalition: CoalitionOptionGroup

    /// The renderer: worker processes of this very executable, or this process.
    func renderer() -> any GraphvizRendering { Renderers.make(inProcess: inProcess) }

    /// Refuses faction clusters at the factions level (the snapshot options' level), before any dataset is read.
    func validate(level: Level?) throws {
        if let dpi, !(dpi >= 10 && dpi <= 1200) { throw ValidationError("--dpi \(dpi) is out of range (use 10 to 1200)") }
        if clusters == .factions && level == .factions {
            throw ValidationError("--clusters factions needs --level persons or all (at the factions level, use components or coalitions)")
        }
    }

    /// Loads the dataset and builds the diagram data of every period (`periods`: labels that must exist).
    func series(_ input: DatasetArgument, _ snapshotGroup: SnapshotOptionGroup, periods: Set<String>? = nil) throws
        -> (network: TemporalNetwork, series: DiagramSeries)
    {
        var settings = snapshotGroup.settings
        try coalition.apply(to: &settings)
        settings.drawing = DrawingSettings(formats: [], clusters: clusters, sizeBy: sizeBy.metric, drawComembership: drawComembership)
        let study = try input.study(settings)
        let (series, sizeFailures) = try study.diagramSeries()
        // One line per period where the size metric failed, its reasons together.
        var order: [String] = []
        var reasons: [String: [String]] = [:]
        for f in sizeFailures {
            if reasons[f.period] == nil { order.append(f.period) }
            reasons[f.period, default: []].append(f.error.description)
        }
        for p in order {
            Console.error("warning: \(sizeBy) failed in \(p) (\(reasons[p]!.joined(separator: "; "))); equal sizes there")
        }
        if let periods {
            let known = series.diagrams.map(\.period)
            for p in periods.sorted() where !known.contains(p) {
                throw UserFacingError(description: "no period '\(p)' (periods: \(known.joined(separator: ", ")))", exitCode: 64)
            }
        }
        return (study.network, series)
    }
}

/// A period label as a file name: characters other than letters, digits, `.`, `_` and `-` become `-`.
func fileSafe(_ label: String) -> String { fileSafeName(label) }

func writeFile(_ bytes: [UInt8], to path: String) throws {
    do {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw UserFacingError(description: "cannot write \(path): \(plainReason(error))")
    }
}

func makeDirectory(_ path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw UserFacingError(description: "cannot create \(path): \(plainReason(error))")
    }
}

extension DiagramError {
    var userFacing: UserFacingError { UserFacingError(description: description, exitCode: 1) }
}
