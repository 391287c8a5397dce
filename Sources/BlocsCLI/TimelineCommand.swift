import ArgumentParser
import Blocs
import Foundation

/// `blocs timeline`: the whole story, one line per period.
struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "One line per period: its coalitions and what changed since the period before.",
        discussion: """
            Each period shows its coalitions as ID label (size), largest first, then the coalition events \
            (births, merges, splits, deaths, rebirths) and the actor switches (defections marked), with the \
            same options as `blocs changes`. A last line compares with the lineage the dataset records.

            Examples:
              blocs timeline
              blocs timeline Datasets/soviet-oppositions --method louvain
              blocs timeline --level factions --threshold 0.5
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var coalition: CoalitionOptionGroup

    @Option(help: ArgumentHelp("Write to this file instead of standard output (a new file; --force replaces one).", valueName: "file"))
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    func validate() throws {
        if let out { try checkTableFile(out, force: force) }
    }

    func run() throws {
        try reportingErrors {
            let study = try coalition.study(input, snapshot)
            let (network, history) = (study.network, study.history)
            var text = ChangeTables.timeline(history, network: network, settings: coalitionSettings(study))
            let lineage = study.lineage
            if !lineage.checks.isEmpty {
                let detected = lineage.checks.filter(\.detected).count
                text += "lineage: \(detected) of \(lineage.checks.count) recorded changes detected, \(lineage.extra.count) merges/splits/deaths not in the record (blocs changes --lineage)\n"
            }
            if let out {
                try writeTableFile(text, to: out, force: force)
            } else {
                Console.out(text)
            }
        }
    }
}
