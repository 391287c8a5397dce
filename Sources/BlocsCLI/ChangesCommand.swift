import ArgumentParser
import Blocs
import Foundation
import Uncertainty

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

            Columns of csv and json: event_id,period,event,from,to,actor,defection,detail (one row per coalition \
            link or actor of a change).

            With --draws N (and --draw-seed S): Monte Carlo draws as in blocs draws and analyze --draws (same \
            model, same seeds, same values as analyze's tables/changes.csv), and two columns before detail: \
            in_reference and probability, the share of draws with a change in the same period, of the same kind \
            (a defection matches only a defection), whose involved actors overlap it with Jaccard > 0.5 (the \
            movers of a join, leave or switch; the members of a merged, split, born or dead coalition). Changes \
            matching no reference change but seen in at least 5% of draws follow each period's changes, with \
            in_reference=false.

            Examples:
              blocs changes
              blocs changes --threshold 0.5 --grace 1 --format csv --out changes.csv
              blocs changes --no-actors
              blocs changes --lineage
              blocs changes --draws 1000 --draw-seed 7 --format csv
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var coalition: CoalitionOptionGroup
    @OptionGroup var output: OutputOptions
    @OptionGroup var draws: DrawOptionGroup

    @Flag(help: "Leave out actor events (join, leave, switch).")
    var noActors = false

    @Flag(help: "Compare with the lineage the dataset records instead of listing events.")
    var lineage = false

    func validate() throws {
        if lineage && draws.draws != nil { throw ValidationError("--draws and --lineage cannot be combined: the lineage comparison has no probabilities") }
    }

    func run() throws {
        try reportingErrors {
            let study = try coalition.study(input, snapshot)
            if let (summary, _) = try draws.run(study, scenarioGiven: snapshot.scenario != nil) {
                try output.write(ChangeTables.events(study.history, network: study.network, settings: coalitionSettings(study),
                                                     actorEvents: !noActors, draws: summary.drawColumns()))
            } else if lineage {
                try output.write(ChangeTables.lineage(study.lineage, history: study.history, network: study.network,
                                                      settings: coalitionSettings(study)))
            } else {
                try output.write(ChangeTables.events(study.history, network: study.network, settings: coalitionSettings(study),
                                                     actorEvents: !noActors))
            }
        }
    }
}
