import ArgumentParser
import Blocs
import Foundation

/// `blocs snapshots`: the size of every period's snapshot.
struct SnapshotsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshots",
        abstract: "Cut a dataset into periods and show each snapshot's size.",
        discussion: """
            One row per period: active actors, active ties, positive and negative edges after aggregation, \
            pairs whose ties cancelled, and density.

            Examples:
              blocs snapshots
              blocs snapshots Datasets/soviet-oppositions --level factions --period quarter
              blocs snapshots --period window:3:1 --rule fraction --format csv --out sizes.csv
              blocs snapshots --period custom --window xv-congress=1927-12-02..1927-12-19
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let (_, network) = try input.load()
            let options = try snapshot.options(for: network)
            let snapshots = try SnapshotBuilder(network: network, options: options).build()
            try output.write(SnapshotTable.make(snapshots, network: network))
        }
    }
}

enum SnapshotTable {
    static func make(_ snapshots: [Snapshot], network: TemporalNetwork) -> ResultTable {
        var table = ResultTable(
            columns: ["period", "start", "end", "actors", "active_ties", "pos_edges", "neg_edges", "ambivalent", "density",
                      "level", "rule", "scenario"],
            settings: settings(snapshots.first?.options, network: network))
        for s in snapshots {
            // The settings close every row so that a CSV names the rule it was made with, and CSVs made under
            // different settings can be concatenated.
            table.append([
                .text(s.period.label), .text(s.period.interval.start.description), .text(s.period.interval.end.description),
                .int(s.graph.nodeCount), .int(s.activeTies), .int(s.graph.positiveEdgeCount), .int(s.graph.negativeEdgeCount),
                .int(s.ambivalentPairs), .real(s.graph.density),
                .text(s.options.level.rawValue), .text(s.options.rule.description), .text(s.options.scenario ?? ""),
            ])
        }
        return table
    }

    static func settings(_ options: SnapshotOptions?, network: TemporalNetwork) -> [(String, String)] {
        var s: [(String, String)] = [("dataset", network.info.name)]
        if let options {
            s += [("period", options.scheme.description), ("rule", options.rule.description), ("level", options.level.rawValue),
                  ("scenario", options.scenario ?? "(untagged only)")]
            if options.level == .persons { s.append(("comembership", options.coMembership ? "on" : "off")) }
        }
        return s
    }
}
