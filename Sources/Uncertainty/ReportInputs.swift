import Analysis
import Coalitions
import Foundation
import ReportPage
import Reports
import TemporalModel

/// What `blocs analyze` adds to its report from this module: why each change happened (``Explanation``) and the
/// readings side by side (``ReadingComparison``), as the report's typed inputs (``ReportAdditions``).
public enum ReportInputs {
    /// Above this many leave-one-out re-runs (distinct ties touching the actors of some change), the report's
    /// explanations keep the ties gained and lost and say that the ties each change rests on were not computed.
    public static let leaveOneOutLimit = 400

    /// The explanation of every change of `result`, and its readings side by side when the dataset has two or more.
    ///
    /// - Throws: ``SnapshotError`` when the settings do not fit (they fitted the analysis, so only on misuse).
    /// - Complexity: the cost of ``Explanation/explainAll(_:settings:history:maxRuns:maxPairs:threads:)`` plus one
    ///   coalition pipeline run per reading.
    public static func additions(for result: AnalysisResult, maxRuns: Int = leaveOneOutLimit, threads: Int = 2) throws -> ReportAdditions {
        try additions(result.network, settings: DrawSettings(result), history: result.history, maxRuns: maxRuns, threads: threads)
    }

    /// The same from the coalitions and changes alone (``Study/history``, the settings of ``DrawSettings/init(_:network:)``
    /// or of the result): what the report needs of the analysis, so it can be computed while the centrality and
    /// balance of the periods are still being computed.
    ///
    /// - Complexity: as ``additions(for:maxRuns:threads:)``.
    public static func additions(_ network: TemporalNetwork, settings: DrawSettings, history: CoalitionHistory, maxRuns: Int = leaveOneOutLimit,
                                 threads: Int = 2) throws -> ReportAdditions {
        let (list, runs, skipped) = try Explanation.explainAll(network, settings: settings, history: history, maxRuns: maxRuns, threads: threads)
        let record = ReportEvidence.recordIndices(network, scenario: settings.snapshot.scenario)
        var explanations: [CoalitionEvent: ReportExplanation] = [:]
        for x in list {
            explanations[x.event] = ReportExplanation(restsOn: x.restsOn.compactMap { record[$0] }, gained: x.gained.compactMap { record[$0] },
                                                      lost: x.lost.compactMap { record[$0] }, tested: skipped ? nil : x.tested)
        }
        let note = !skipped ? nil
            : list.isEmpty ? "Why each change happened was not computed: the changes' actors have too many ties between them for this page "
                + "(over 200,000 tie ends). blocs explain PERIOD computes it for one period."
            : "Which ties each change rests on was not computed: it takes one re-run of the analysis per tie touching a change's actors, "
                + "\(runs) here, over the limit of \(maxRuns). The ties each change's actors gained and lost are listed; "
                + "blocs explain PERIOD computes the rest for one period."
        var additions = ReportAdditions(explanations: explanations, explanationNote: note,
                                        readings: try readings(network, settings: settings, labels: history.periods.map(\.period.label)))
        additions.leaveOneOutRuns = skipped ? 0 : runs
        return additions
    }

    /// The readings side by side: every reading of the dataset, the analysis's own first; `nil` with fewer than two.
    static func readings(_ network: TemporalNetwork, settings: DrawSettings, labels: [String]) throws -> ReportReadings? {
        let all = network.info.scenarios.map(\.id)
        guard all.count >= 2 else { return nil }
        let shown = settings.snapshot.scenario
        let scenarios = shown.map { s in all.contains(s) ? [s] + all.filter { $0 != s } : all } ?? all
        let comparison = try ReadingComparison(network, settings: settings, scenarios: scenarios)
        func name(_ id: String) -> String { network.actor(id)?.name ?? id }
        func text(_ c: Cell) -> String { c.exact }
        var periods = labels.indices.map { p in
            ReportReadings.Period(coalitions: comparison.histories.map { h in
                h.periods.indices.contains(p) ? h.periods[p].coalitions.map { c in
                    ReportReadings.Coalition(label: c.label, members: c.members.map { network.actors[Int($0)].name })
                } : []
            }, differences: [])
        }
        let table = comparison.table(settings: [])
        let r = scenarios.count
        for row in table.rows where row.count == 4 + r {
            guard let p = labels.firstIndex(of: text(row[0])) else { continue }
            let what = text(row[1])
            let actors = text(row[2]).split(separator: ";").map { name(String($0)) }
            // A change's places name its actors by id ("yes: kirov;stalin"): the page shows names.
            let places = row[3..<(3 + r)].map { cell -> String in
                let s = text(cell)
                guard what != "coalition", s.hasPrefix("yes: ") else { return s }
                return "yes: " + s.dropFirst(5).split(separator: ";").map { name(String($0)) }.joined(separator: ", ")
            }
            periods[p].differences.append(.init(what: what, actors: actors, places: places, detail: text(row[3 + r])))
        }
        return ReportReadings(scenarios: scenarios, shown: shown ?? "untagged ties only", periods: periods)
    }
}
