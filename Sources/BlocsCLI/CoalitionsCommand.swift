import ArgumentParser
import Blocs
import Foundation
import Uncertainty

/// Options shared by `coalitions`, `changes` and `timeline`: how coalitions are found and matched.
struct CoalitionOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Coalition method: components, correlation (default), blockmodel:K (or blockmodel:K:ALPHA), louvain.",
        valueName: "method"), transform: Parse.method)
    var method: CoalitionMethod = .default

    @Option(help: "Seed of the heuristics (same seed, same coalitions).")
    var seed: UInt64 = 1

    @Option(name: .customLong("min-size"), help: ArgumentHelp(
        "Smallest coalition; actors in smaller groups are unaligned. Default: 1 at the factions level (a faction alone is a bloc), else 2.",
        valueName: "n"))
    var minimumSize: Int?

    @Option(help: ArgumentHelp("Jaccard threshold θ in (0, 1] for matching coalitions of consecutive periods.", valueName: "theta"))
    var threshold: Double = TrackingOptions().threshold

    @Option(help: ArgumentHelp("A coalition unseen for this many consecutive periods is dead (≥ 1).", valueName: "d"))
    var grace: Int = TrackingOptions().grace

    func validate() throws {
        var s = StudySettings()
        try apply(to: &s)
    }

    /// Writes these options into `settings`. - Throws: `ValidationError` for a threshold, grace or size out of range.
    func apply(to settings: inout StudySettings) throws {
        do {
            settings.tracking = try TrackingOptions.validated(threshold: threshold, grace: grace)
            if let minimumSize, minimumSize < 1 { throw CoalitionError.badMinimumSize(minimumSize) }
        } catch let e as CoalitionError {
            throw ValidationError(e.description)
        }
        settings.method = method
        settings.seed = seed
        settings.minimumSize = minimumSize
    }

    /// The study of `input` under the snapshot and coalition options.
    func study(_ input: DatasetArgument, _ snapshot: SnapshotOptionGroup) throws -> Study {
        var settings = snapshot.settings
        try apply(to: &settings)
        return try input.study(settings)
    }
}

/// The head of the coalition tables: the dataset, the snapshot settings, the coalition detection and tracking.
func coalitionSettings(_ study: Study) -> [(String, String)] {
    [("dataset", study.network.info.name)] + study.described(StudySettings.coalitionParameters)
}

/// `blocs coalitions`: the coalitions of every period.
struct CoalitionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coalitions",
        abstract: "Find the coalitions of every period: members, labels, ties inside and across.",
        discussion: """
            One block per period: the number of coalitions, the share of the largest, the effective number \
            (1/Σ share²), signed modularity, the method's objective (and whether it is proven optimal), then \
            one row per coalition with its stable id (the same across periods), label (the recorded faction \
            overlapping it most, else its most central member), size, internal density, and positive and \
            negative ties inside and across. Ties that contradict the partition (alliances across, rivalries \
            inside) are listed with --violations.

            Methods: components (alliance components), correlation (fewest violating ties, exact on small \
            snapshots; the default), blockmodel:K (Doreian–Mrvar with K blocks, α = 0.5; blockmodel:K:ALPHA), \
            louvain (signed modularity). See Sources/Coalitions/README.md.

            Examples:
              blocs coalitions
              blocs coalitions Datasets/soviet-oppositions --method louvain --format json --out coalitions.json
              blocs coalitions --level factions --method blockmodel:2
              blocs coalitions --period window:3:1 --violations
              blocs coalitions --draws 1000 --format csv          (memberships with their probability)
              blocs coalitions --draws 1000 --together --format csv

            With --draws N (and --draw-seed S): Monte Carlo draws as in blocs draws and analyze --draws (same \
            model, same seeds). Instead of the coalition table, the long membership table of analyze \
            (tables/memberships.csv: period,actor,name,kind,coalition,coalition_label) with a last column \
            probability: the share of draws in which the actor is in a coalition overlapping this one with \
            Jaccard > 0.5 (an unaligned actor: unaligned again). With --together, how often each pair of actors \
            shares a coalition (period,actor_a,actor_b,share; analyze's uncertainty/together.csv).
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var coalition: CoalitionOptionGroup
    @OptionGroup var output: OutputOptions
    @OptionGroup var draws: DrawOptionGroup

    @Flag(help: "List the violating ties of every period (table format).")
    var violations = false

    @Flag(help: "With --draws: write how often each pair of actors shares a coalition instead of the memberships.")
    var together = false

    func validate() throws {
        if together && draws.draws == nil { throw ValidationError("--together needs --draws N") }
        if violations && draws.draws != nil { throw ValidationError("--violations and --draws cannot be combined") }
    }

    func run() throws {
        try reportingErrors {
            let study = try coalition.study(input, snapshot)
            if let (summary, model) = try draws.run(study, scenarioGiven: snapshot.scenario != nil, pairs: together) {
                if together {
                    try output.write(UncertaintyTables.together(summary, settings: UncertaintyTables.settings(summary, model: model)).table)
                } else {
                    try output.write(MembershipTable.table(study.history, network: study.network, settings: coalitionSettings(study),
                                                           draws: summary.drawColumns()))
                }
                return
            }
            let (network, history, settings) = (study.network, study.history, coalitionSettings(study))
            let text: String
            switch output.format {
            case .json: text = CoalitionTables.json(history, network: network, settings: settings)
            case .csv: text = CoalitionTables.table(history, network: network, settings: settings).csv()
            case .table: text = CoalitionTables.text(history, network: network, settings: settings, violations: violations)
            }
            try output.write(text: text)
        }
    }
}
