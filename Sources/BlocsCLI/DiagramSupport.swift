import ArgumentParser
import Blocs
import Foundation

/// What the diagram clusters are.
enum ClusterChoice: String, ExpressibleByArgument, CaseIterable {
    case factions, components, coalitions
}

/// Graphviz output formats a diagram can be written in (`dot` is the DOT text Blocs hands to Graphviz).
enum DiagramFormat: String, CaseIterable {
    case svg, png, pdf, dot

    /// Parses `svg,png`; the error names the bad value and the choices.
    static func parseList(_ text: String) throws -> [DiagramFormat] {
        var result: [DiagramFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            guard let f = DiagramFormat(rawValue: part) else {
                throw ValidationError("unknown format '\(part)' (use svg, png, pdf or dot, comma-separated)")
            }
            if !result.contains(f) { result.append(f) }
        }
        guard !result.isEmpty else { throw ValidationError("--format needs at least one of svg, png, pdf, dot") }
        return result
    }
}

/// The options every diagram command shares: clusters, node size, what ties are drawn, how Graphviz runs.
struct DiagramOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Clusters: factions (recorded memberships), components (groups joined by alliances) or coalitions (found by --method, tracked across periods).",
        valueName: "kind"))
    var clusters: ClusterChoice = .coalitions

    @Option(name: .customLong("size-by"), help: ArgumentHelp(
        "Node size: none, \(NodeMetric.allCases.map(\.rawValue).joined(separator: ", ")) (computed on the drawn ties).",
        valueName: "metric"))
    var sizeBy: String = "pagerank"

    @Flag(help: "At the persons level, also draw the co-membership ties (by default the clusters show memberships and only recorded alliances and rivalries are drawn).")
    var drawComembership = false

    @Option(help: ArgumentHelp("Resolution of PNG output in dots per inch (default 96; e.g. 300 for print).", valueName: "dpi"))
    var dpi: Double?

    @Flag(help: ArgumentHelp("Render inside this process instead of worker processes (a Graphviz crash then ends the run).", visibility: .hidden))
    var inProcess = false

    @OptionGroup var coalition: CoalitionOptionGroup

    func validate() throws {
        if let dpi, !(dpi >= 10 && dpi <= 1200) { throw ValidationError("--dpi \(dpi) is out of range (use 10 to 1200)") }
        if sizeBy != "none" && NodeMetric(rawValue: sizeBy) == nil {
            throw ValidationError("unknown --size-by '\(sizeBy)' (use none, \(NodeMetric.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    /// The renderer: worker processes of this very executable (`blocs render-worker`), or this process.
    func renderer() -> any GraphvizRendering {
        if inProcess { return InProcessRenderer() }
        return RenderWorkerPool(command: [Self.executablePath(), RenderWorkerCommand.configuration.commandName ?? "render-worker"])
    }

    static func executablePath() -> String {
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return exe }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }

    /// Loads the dataset, cuts it, finds clusters and sizes, and builds the diagram data of every period.
    func series(_ input: DatasetArgument, _ snapshotGroup: SnapshotOptionGroup, periods: Set<String>? = nil) throws
        -> (network: TemporalNetwork, series: DiagramSeries)
    {
        let (_, network) = try input.load()
        let options = try snapshotGroup.options(for: network)
        let snapshots = try SnapshotBuilder(network: network, options: options).build()
        guard !snapshots.isEmpty else { throw UserFacingError(description: "no period to draw", exitCode: 1) }
        if clusters == .factions && options.level == .factions {
            throw UserFacingError(description: "--clusters factions needs --level persons or all (at the factions level, use components or coalitions)", exitCode: 64)
        }
        var clusterSets: [PeriodClusters]
        var legend: String
        var coalitionEvents: [Int: [Story.Event]] = [:]
        switch clusters {
        case .factions:
            clusterSets = snapshots.map { PeriodClusters.factions($0, network: network) }
            legend = "factions"
        case .components:
            clusterSets = snapshots.map { PeriodClusters.positiveComponents($0) }
            legend = "alliance components"
        case .coalitions:
            let history: CoalitionHistory
            do {
                history = analyseCoalitions(snapshots, network: network, settings: try coalition.settings, tracking: try coalition.tracking)
            } catch let e as CoalitionError {
                throw UserFacingError(description: e.description, exitCode: 64)
            }
            clusterSets = history.periods.map(PeriodClusters.init(coalitions:))
            coalitionEvents = history.storyEvents()
            legend = "coalitions (\(coalition.method))"
        }
        let (series, sizeFailures) = try DiagramInputs.series(
            snapshots: snapshots, network: network, clusters: clusterSets, clusterLegend: legend,
            sizeBy: NodeMetric(rawValue: sizeBy), drawComembership: drawComembership, storyEvents: coalitionEvents)
        for f in sizeFailures { Console.error("warning: \(f)") }
        if let periods {
            let known = series.diagrams.map(\.period)
            for p in periods.sorted() where !known.contains(p) {
                throw UserFacingError(description: "no period '\(p)' (periods: \(known.joined(separator: ", ")))", exitCode: 64)
            }
        }
        return (network, series)
    }
}

/// A period label as a file name: characters other than letters, digits, `.`, `_` and `-` become `-`.
func fileSafe(_ label: String) -> String { fileSafeName(label) }

func writeFile(_ bytes: [UInt8], to path: String) throws {
    do {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw UserFacingError(description: "cannot write \(path): \(error.localizedDescription)")
    }
}

func makeDirectory(_ path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw UserFacingError(description: "cannot create \(path): \(error.localizedDescription)")
    }
}

extension DiagramError {
    var userFacing: UserFacingError { UserFacingError(description: description, exitCode: 1) }
}
