import ArgumentParser
import Blocs
import Foundation
import Uncertainty

/// `blocs compare`: readings of the sources side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Readings side by side: coalitions and changes per period under each reading, and what differs.",
        discussion: """
            Runs the coalition analysis under each --scenario (two or more) with the same settings and lists what \
            differs: a 'coalition' row for each actor whose coalition is not the same under every reading (the \
            coalition's label per reading, or unaligned, or absent; with whom it is in the detail), and a row for \
            each change found under some readings and not others (yes/no per reading). With --all, every actor and \
            change; with --coalitions, the coalitions of every period under each reading instead.

            Examples:
              blocs compare --scenario broue --scenario getty
              blocs compare --scenario consensus --scenario broue --scenario getty --format csv --out readings.csv
              blocs compare --scenario broue --scenario getty --coalitions
            """)

    @Argument(help: ArgumentHelp("A dataset folder, or the name of a bundled dataset.", valueName: "dataset"))
    var dataset: String?

    @Option(name: .customLong("scenario"), help: ArgumentHelp("A reading to compare (two or more).", valueName: "name"))
    var scenarios: [String] = []

    @Option(help: ArgumentHelp("Periods: year, quarter, month, window:W:S, custom. Default: the dataset's default_period.", valueName: "scheme"))
    var period: String?

    @Option(help: ArgumentHelp("Nodes: auto (persons when the dataset ties persons, else factions), persons, factions or all.", valueName: "level"),
            transform: Parse.level)
    var level: LevelChoice = .auto

    @Option(help: ArgumentHelp("When a tie counts in a period: overlap, point:MM-DD, fraction.", valueName: "rule"))
    var rule: String = "overlap"

    @OptionGroup var coalition: CoalitionOptionGroup
    @OptionGroup var output: OutputOptions

    @Flag(help: "List every actor and change, the same or not.")
    var all = false

    @Flag(help: "List the coalitions of every period under each reading.")
    var coalitions = false

    func validate() throws {
        guard scenarios.count >= 2 else { throw ValidationError("give two readings or more: --scenario A --scenario B") }
    }

    func run() throws {
        try reportingErrors {
            let network = try DatasetLoader.load(try DatasetLocator.resolve(dataset))
            var study = StudySettings(period: try period.map { p throws(SnapshotError) in try PeriodSpec(parsing: p) }, rule: try ActivityRule(parsing: rule),
                                      level: level.level)
            try coalition.apply(to: &study)
            noteEmptyPeriods(try Study(network, settings: study))
            let settings = try DrawSettings(study, network: network)
            let options = settings.snapshot
            let comparison = try ReadingComparison(network, settings: settings, scenarios: scenarios)
            let described = PeriodTables.settings(options, network: network).filter { $0.0 != "scenario" }
                + [("readings", scenarios.joined(separator: " vs ")), ("method", coalition.method.description)]
            try output.write(coalitions ? comparison.coalitionTable(settings: described) : comparison.table(all: all, settings: described))
        }
    }
}
