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
            let study = try input.study(snapshot.settings)
            try output.write(PeriodTables.sizes(study.snapshots, options: study.options, network: study.network))
        }
    }
}
