import ArgumentParser
import Blocs
import Foundation

/// `blocs changes`: coalition events and actor moves between periods.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Coalition events (birth, death, merge, split, …) and actor moves between periods.",
        discussion: """
            Coalitions of consecutive periods are matched when their Jaccard overlap reaches --threshold \
            (default 0.125 = 1/8); identities stay stable across periods; a coalition unseen for --grace periods \
            (default 2) is dead, and one that comes back earlier is reborn. Events: birth, death, continuation, \
            growth, contraction, merge (with its parents), split (with its children), rebirth; actor events: \
            join, leave, switch (a defection when the two coalitions were rivals in the earlier period, \
            a realignment otherwise).

            With --lineage, the changes the dataset records (merged-into, split-from, dissolved) are set side by \
            side with the analysis: detected, missed, and the merges, splits and deaths found that the record \
            does not have.

            Columns of csv and json: period,event,coalitions,actors,detail.

            Examples:
              blocs changes
              blocs changes --threshold 0.5 --grace 1 --format csv --out changes.csv
              blocs changes --no-actors
              blocs changes --lineage
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var coalition: CoalitionOptionGroup
    @OptionGroup var output: OutputOptions

    @Flag(help: "Leave out actor events (join, leave, switch).")
    var noActors = false

    @Flag(help: "Compare with the lineage the dataset records instead of listing events.")
    var lineage = false

    func run() throws {
        try reportingErrors {
            let study = try coalition.study(input, snapshot)
            if lineage {
                try output.write(ChangeTables.lineage(study.lineage, history: study.history, network: study.network,
                                                      settings: coalitionSettings(study)))
            } else {
                try output.write(ChangeTables.events(study.history, network: study.network, settings: coalitionSettings(study),
                                                     actorEvents: !noActors))
            }
        }
    }
}
