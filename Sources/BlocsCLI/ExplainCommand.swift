import ArgumentParser
import Blocs
import Foundation
import Uncertainty

/// `blocs explain`: why each change of a period happened.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why each change of a period happened: the ties gained and lost, and the ties it rests on.",
        discussion: """
            For every change of PERIOD (every event but a plain continuation), numbered as listed: the ties of the \
            actors involved (the movers of a join, leave or defection; the members of a coalition event) gained \
            and lost since the period before, and the ties the change rests on: each tie touching those actors and \
            active in the period or the one before is removed alone and the analysis run again; the change rests \
            on the tie when it no longer happens: a coalition change when no change of the same kind in PERIOD has \
            actors overlapping it with Jaccard > 0.5; a join, leave or defection when one of its movers (with \
            --actor: that actor) no longer makes such a move in PERIOD.

            Columns: event,kind,role,source,target,relation,start,end,confidence,sources,scenarios,detail; role is \
            rests-on, gained or lost.

            Examples:
              blocs explain 1932
              blocs explain 1932 --actor kirov --scenario broue
              blocs explain 1926 --event 3 --format csv
            """)

    @Argument(help: ArgumentHelp("The period's label (1932, 1932-Q1, …).", valueName: "period"))
    var period: String

    @Option(help: ArgumentHelp("Only the changes involving this actor (its id).", valueName: "id"))
    var actor: String?

    @Option(help: ArgumentHelp("Only change number N of the period.", valueName: "n"))
    var event: Int?

    @Option(help: ArgumentHelp("A dataset folder, or the name of a bundled dataset.", valueName: "dataset"))
    var dataset: String?

    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var coalition: CoalitionOptionGroup
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors {
            let network = try DatasetLoader.load(try DatasetLocator.resolve(dataset))
            var study = snapshot.settings
            try coalition.apply(to: &study)
            noteEmptyPeriods(try Study(network, settings: study))
            let settings = try DrawSettings(study, network: network)
            var actorIndex: Int32?
            if let actor {
                guard let i = network.index(of: actor) else { throw UserFacingError(description: "no actor '\(actor)' in \(network.info.name)", exitCode: 64) }
                actorIndex = i
            }
            let list: [EventExplanation]
            do {
                list = try Explanation.explain(network, settings: settings, period: period, actor: actorIndex, event: event)
            } catch let e as ExplainError {
                throw UserFacingError(description: e.description, exitCode: 64)
            }
            if list.isEmpty {
                Console.error("no change in \(period)" + (actor.map { " involves \($0)" } ?? ""))
                return
            }
            var table = Explanation.table(list, network: network, settings: PeriodTables.settings(settings.snapshot, network: network)
                                          + [("method", coalition.method.description), ("explained", period)])
            if output.format == .table {
                // One block per change: its sentence, then its ties.
                for x in list {
                    Console.out("\(x.number). \(x.detail)\n   \(Explanation.sentence(x, network: network))\n")
                }
                Console.out("\n")
                table.settings = []
            }
            try output.write(table)
        }
    }
}
