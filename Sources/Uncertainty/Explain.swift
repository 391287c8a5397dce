import Analysis
import Coalitions
import Foundation
import Reports
import Snapshots
import TemporalModel

/// Why a change happened: the ties that produce it and the ties it rests on.
public struct EventExplanation: Sendable {
    /// 1-based number of the event among the explained events of its period (``Explanation/explainedKinds``).
    public let number: Int
    public let event: CoalitionEvent
    /// The event's sentence.
    public let detail: String
    /// The actors whose ties are examined: the movers of a join, leave or switch, the members of a coalition event.
    public let actors: [Int32]
    /// Ties touching those actors active in this period and not in the one before (original tie indices).
    public let gained: [Int]
    /// Ties touching those actors active in the period before and not in this one.
    public let lost: [Int]
    /// Ties whose removal alone undoes the event (``Explanation/stillHappens(_:among:focus:)``).
    public let restsOn: [Int]
    /// How many ties were removed in turn (those touching the actors, active in this period or the one before).
    public let tested: Int
}

/// `blocs explain`: for each event of a period, the ties gained and lost by the actors involved, and the ties the
/// event rests on (leave-one-out).
///
/// Leave-one-out: each tie touching the involved actors and active in the period or the one before is removed
/// alone, the whole coalition pipeline (snapshots, coalitions, tracking) runs again, and the tie is one the event
/// rests on when the event no longer happens: for a coalition event, no event of the period matches it (same
/// kind, Jaccard of involved actors > ½); for a join, leave or defection, one of its movers (with `actor`: that
/// actor) is no longer a mover of such an event in the period. Ties active only in earlier periods are not tested (they can change coalition ids, not the event's
/// existence in this period except through tracking history; documented limit). Periods the removed tie does not
/// touch come from the pipeline's exact cache, so each test costs about two periods of coalition detection.
public enum Explanation {
    /// The kinds explained: every change except a plain continuation.
    public static let explainedKinds: Set<CoalitionEventKind> = Set(CoalitionEventKind.allCases).subtracting([.continuation])

    /// Whether `tie` counts in `period` under `options` (the snapshot builder's rule, restated for single ties).
    static func isActive(_ tie: Tie, in period: Period, options: SnapshotOptions, openEnd: Day) -> Bool {
        guard tie.relation.sign != nil, tie.holds(in: options.scenario), let iv = tie.interval(openEnd: openEnd) else { return false }
        if case .point = options.rule, let day = try? options.rule.referenceDay(in: period) { return iv.contains(day) }
        return iv.overlaps(period.interval)
    }

    /// Whether `e` still happens among `events` of its period: for a coalition event, an event matches it
    /// (``EventMatching``); for a join, leave or switch, each of its movers (or only `focus`) is still a mover of an
    /// event of the same kind: "Kirov's defection" is undone when Kirov no longer defects, even if the others he
    /// defected with still do.
    static func stillHappens(_ e: CoalitionEvent, among events: [CoalitionEvent], focus: Int32?) -> Bool {
        guard [.join, .leave, .switch].contains(e.kind) else {
            return events.contains { EventMatching.matches($0, e, overlap: 0.5) }
        }
        let kind = EventMatching.kind(e)
        let movers = focus.map { [$0] } ?? e.actors
        return movers.allSatisfy { a in events.contains { EventMatching.kind($0) == kind && $0.actors.contains(a) } }
    }

    /// The explanations of period `label`'s events, optionally only those involving `actor` or only number `event`.
    ///
    /// - Throws: ``SnapshotError`` for settings that do not fit; ``ExplainError`` for an unknown period or event.
    /// - Complexity: O(E · T · cost of the pipeline on the periods a tie touches), E events, T tested ties each.
    public static func explain(_ network: TemporalNetwork, settings: DrawSettings, period label: String,
                               actor: Int32? = nil, event: Int? = nil) throws -> [EventExplanation] {
        let pipeline = DrawPipeline(settings: settings, centrality: [], balance: false)
        let reference = try pipeline.run(network, scenario: settings.snapshot.scenario)
        let periods = reference.history.periods
        guard let t = periods.firstIndex(where: { $0.period.label == label }) else {
            throw ExplainError.unknownPeriod(label, known: periods.map(\.period.label))
        }
        let events = reference.history.events(in: t).filter { explainedKinds.contains($0.kind) }
        var numbered = Array(events.enumerated().map { ($0 + 1, $1) })
        if let event {
            guard (1...max(1, events.count)).contains(event), !events.isEmpty else { throw ExplainError.unknownEvent(event, period: label, count: events.count) }
            numbered = [numbered[event - 1]]
        }
        if let actor { numbered = numbered.filter { $0.1.actors.contains(actor) } }
        let openEnd = network.info.span.end
        let options = settings.snapshot
        let history = reference.history
        return try numbered.map { number, e in
            let involved = Set(e.actors)
            let touching = network.ties.indices.filter { involved.contains(network.ties[$0].source) || involved.contains(network.ties[$0].target) }
            let now = Set(touching.filter { isActive(network.ties[$0], in: periods[t].period, options: options, openEnd: openEnd) })
            let before = t > 0 ? Set(touching.filter { isActive(network.ties[$0], in: periods[t - 1].period, options: options, openEnd: openEnd) }) : []
            let tested = now.union(before).sorted()
            var restsOn: [Int] = []
            for i in tested {
                var ties = network.ties
                ties.remove(at: i)
                let without = try TemporalNetwork(info: network.info, actors: network.actors, ties: ties, events: network.events)
                let outcome = try pipeline.run(without, scenario: options.scenario)
                if !stillHappens(e, among: outcome.history.events(in: t), focus: actor) { restsOn.append(i) }
            }
            return EventExplanation(number: number, event: e, detail: EventMatching.detail(e, history: history, network: network), actors: e.actors, gained: now.subtracting(before).sorted(),
                                    lost: before.subtracting(now).sorted(), restsOn: restsOn, tested: tested.count)
        }
    }

    /// One row per (event, tie, role): `event,kind,role,source,target,relation,start,end,confidence,sources,scenarios,detail`.
    /// Roles: `rests-on` (removal alone undoes the event), `gained`, `lost`; an event with none of them has one row
    /// with empty tie columns.
    public static func table(_ list: [EventExplanation], network: TemporalNetwork, settings: [(String, String)]) -> ResultTable {
        var table = ResultTable(columns: ["event", "kind", "role", "source", "target", "relation", "start", "end", "confidence", "sources", "scenarios", "detail"],
                                settings: settings)
        for x in list {
            let kind = EventMatching.kind(x.event)
            var rows: [(String, Int)] = x.restsOn.map { ("rests-on", $0) } + x.gained.map { ("gained", $0) } + x.lost.map { ("lost", $0) }
            if rows.isEmpty { rows = [("", -1)] }
            for (k, (role, i)) in rows.enumerated() {
                let detail = k == 0 ? x.detail + " [rests on \(x.restsOn.count) of \(x.tested) ties tested]" : ""
                guard i >= 0 else {
                    table.append([.int(x.number), .text(kind), .text(role)] + Array(repeating: Cell.missing, count: 8) + [.text(detail)])
                    continue
                }
                let tie = network.ties[i]
                table.append([.int(x.number), .text(kind), .text(role), .text(network.actors[Int(tie.source)].id), .text(network.actors[Int(tie.target)].id),
                              .text(tie.relation.rawValue), .text(tie.start.description), tie.end.map { .text($0.description) } ?? .missing,
                              .real(tie.confidence), .text(tie.sources.map(\.description).joined(separator: ";")),
                              .text(tie.scenarios.joined(separator: ";")), .text(detail)])
            }
        }
        return table
    }

    /// A sentence per event for the report: "rests on 2 ties, both from wp-united#Formation".
    public static func sentence(_ x: EventExplanation, network: TemporalNetwork) -> String {
        guard !x.restsOn.isEmpty else { return "rests on no single tie (\(x.tested) tested)" }
        let cites = Set(x.restsOn.flatMap { network.ties[$0].sources.map(\.description) }).sorted()
        let n = x.restsOn.count
        let from = cites.count == 1 ? (n == 1 ? "from \(cites[0])" : (n == 2 ? "both from \(cites[0])" : "all from \(cites[0])"))
            : "from \(cites.joined(separator: ", "))"
        return "rests on \(n) tie\(n == 1 ? "" : "s"), \(from)"
    }
}

public enum ExplainError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownPeriod(String, known: [String])
    case unknownEvent(Int, period: String, count: Int)

    public var description: String {
        switch self {
        case .unknownPeriod(let p, let known):
            return "no period '\(p)' (periods: \(known.prefix(12).joined(separator: ", "))\(known.count > 12 ? ", …" : ""))"
        case .unknownEvent(let n, let p, let count):
            return count == 0 ? "no change to explain in \(p)" : "no event \(n) in \(p): its changes are numbered 1 to \(count) (blocs explain \(p) lists them)"
        }
    }
}
