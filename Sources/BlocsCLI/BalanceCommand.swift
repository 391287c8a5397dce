import ArgumentParser
import Blocs
import Foundation
import Uncertainty

/// `blocs balance`: how balanced the system of alliances and rivalries is in every period.
struct BalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance",
        abstract: "Structural balance of every period: triangles, walk balance, frustration, algebraic conflict.",
        discussion: """
            One row per period, on the whole signed graph (signs only, weights ignored):
              triangles, ppp, ppn, pnn, nnn  triangles by their number of negative edges
              balance_ratio          (ppp + pnn) / triangles (empty without triangles)
              walk_balance           Estrada's tr exp(A) / tr exp(|A|)
              frustration            the frustration index L found (least edges to delete for balance)
              frustration_proven     whether L is exact (branch and bound finished, or bounds met)
              frustration_lower      a certified lower bound (edge-disjoint unbalanced cycles)
              frustration_normalized 1 - L / (m/2) (Aref & Wilson); empty without edges
              algebraic_conflict     smallest eigenvalue of the signed Laplacian (0 when any component,
                                     even an isolated actor, is balanced)
            Walk balance and algebraic conflict diagonalise each connected component; components larger \
            than --dense-limit actors leave the cell empty, named on stderr.

            Examples:
              blocs balance
              blocs balance Datasets/soviet-oppositions --level factions --format csv
              blocs balance --period quarter --format json --out balance.json
              blocs balance --draws 1000 --draw-seed 7 --format csv

            With --draws N (and --draw-seed S): Monte Carlo draws as in blocs draws and analyze --draws (same \
            model, same seeds; coalitions by the default method, which balance does not use). Instead of the \
            table above, per period and measure (balance_ratio, frustration, normalized_frustration, \
            walk_balance, algebraic_conflict): period,measure,reference,mean,q05,q95,defined,draws, the value of \
            the reference run, the mean and the 5% and 95% quantiles over the draws that define it (NumPy's \
            linear quantile), as analyze's uncertainty/balance.csv.
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var output: OutputOptions
    @OptionGroup var draws: DrawOptionGroup

    @Option(help: ArgumentHelp("Largest connected component (actors) for the dense eigenvalue measures.", valueName: "n"))
    var denseLimit = defaultDenseLimit

    @Option(name: [.customLong("exact-node-limit"), .customLong("exact-limit")],
            help: ArgumentHelp("Components up to this many actors get an exact frustration index by branch and bound (--exact-limit is the former name).", valueName: "n"))
    var exactNodeLimit = FrustrationOptions().exactNodeLimit

    func validate() throws {
        guard denseLimit >= 1 else { throw ValidationError("--dense-limit must be at least 1") }
        guard exactNodeLimit >= 0 else { throw ValidationError("--exact-node-limit must not be negative") }
    }

    func run() throws {
        try reportingErrors {
            var settings = snapshot.settings
            settings.balance.denseLimit = denseLimit
            settings.balance.frustration.exactNodeLimit = exactNodeLimit
            let study = try input.study(settings, progress: .standardError(stages: false))
            if let (summary, model) = try draws.run(study, scenarioGiven: snapshot.scenario != nil, balance: true) {
                try output.write(UncertaintyTables.intervals(summary.balance, network: study.network,
                                                             settings: UncertaintyTables.settings(summary, model: model)))
                return
            }
            let (table, failures) = PeriodTables.balance(study.balances, settings: PeriodTables.settings(study.options, network: study.network))
            for f in failures { Console.error("warning: \(f)") }
            try output.write(table)
        }
    }
}
