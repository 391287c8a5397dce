import Analysis
import Coalitions
import Foundation
import Reports
import Snapshots
import TemporalModel

/// Readings side by side: the coalitions and changes of every period under each reading, and what differs.
public struct ReadingComparison: Sendable {
    public let network: TemporalNetwork
    public let scenarios: [String]
    /// The coalition history under each reading, in ``scenarios`` order.
    public let histories: [CoalitionHistory]

    /// Runs the coalition pipeline (snapshots, coalitions, tracking) under each reading with the same settings.
    /// - Throws: ``SnapshotError`` for settings that do not fit; ``TemporalNetworkError`` for an unknown reading.
    /// - Complexity: one pipeline run per reading.
    public init(_ network: TemporalNetwork, settings: DrawSettings, scenarios: [String]) throws {
        self.network = network
        self.scenarios = scenarios
        histories = try scenarios.map { s in
            _ = try network.resolveScenario(s)
            return try DrawPipeline(settings: settings, centrality: [], balance: false).run(network, scenario: s).history
        }
    }

    /// An actor's place in a period under one reading: the coalition's label, `unaligned`, or `absent`.
    func place(_ a: Int32, period p: Int, reading r: Int) -> String {
        let pc = histories[r].periods[p]
        if let c = pc.coalitions.first(where: { $0.members.contains(a) }) { return c.label }
        return pc.snapshot.node(of: a) == nil ? "absent" : "unaligned"
    }

    /// What differs, one row per difference: `period,what,actors,<one column per reading>,detail`.
    ///
    /// - a `coalition` row for each actor whose coalition differs between readings: its coalition's label under
    ///   each (coalitions are compared by membership: the actor's co-members must be the same, not only the
    ///   label), `unaligned` or `absent`;
    /// - an event row (kind as in changes.csv) for each change seen under some readings and not others, or with
    ///   other actors (events matched by ``EventMatching``: same period and kind, involved actors with Jaccard > ½):
    ///   per reading `no` or `yes: ` and the actors involved under it, and the event's sentence under the first
    ///   reading that has it. A coalition row is listed when the actor's coalition differs by label, or by
    ///   members (Jaccard ≤ ½ with its coalition under the first reading).
    ///
    /// With `all`, every actor and event is listed, the same or not. Periods are compared by position: every
    /// reading has the same periods (the scheme is cut from the dataset span).
    public func table(all: Bool = false, settings: [(String, String)]) -> ResultTable {
        var t = ResultTable(columns: ["period", "what", "actors"] + scenarios + ["detail"], settings: settings)
        guard let first = histories.first else { return t }
        for p in first.periods.indices {
            let label = first.periods[p].period.label
            var actors = Set<Int32>()
            for h in histories { actors.formUnion(h.periods[p].snapshot.actors) }
            for a in actors.sorted() {
                let places = scenarios.indices.map { place(a, period: p, reading: $0) }
                let mates = scenarios.indices.map { r in histories[r].periods[p].coalitions.first { $0.members.contains(a) }?.members ?? [] }
                // The same coalition: the same label and, against the first reading, members overlapping by Jaccard > ½.
                let same = Set(places).count == 1 && mates.allSatisfy { EventMatching.overlap($0, mates[0], exceeds: 0.5) }
                guard all || !same else { continue }
                let detail = same ? "" : scenarios.indices.compactMap { r -> String? in
                    let m = mates[r].filter { $0 != a }
                    return m.isEmpty ? nil : "\(scenarios[r]): with \(m.prefix(6).map { network.actors[Int($0)].id }.joined(separator: ", "))\(m.count > 6 ? " and \(m.count - 6) more" : "")"
                }.joined(separator: "; ")
                t.append([.text(label), .text("coalition"), .text(network.actors[Int(a)].id)] + places.map(Cell.text) + [.text(detail)])
            }
            // Events: each distinct event (by the matching rule) once; per reading the actors of its matching event.
            var listed: [CoalitionEvent] = []
            for h in histories {
                for e in h.events(in: p) where e.kind != .continuation && !listed.contains(where: { EventMatching.matches(e, $0, overlap: 0.5) }) {
                    listed.append(e)
                }
            }
            func ids(_ actors: [Int32]) -> String { actors.map { network.actors[Int($0)].id }.joined(separator: ";") }
            for e in listed {
                let found = histories.map { h in h.events(in: p).first { EventMatching.matches($0, e, overlap: 0.5) } }
                let actorSets = found.map { $0?.actors }
                guard all || Set(actorSets.map { $0 ?? [-1] }).count > 1 else { continue }
                let union = Array(Set(found.flatMap { $0?.actors ?? [] })).sorted()
                t.append([.text(label), .text(EventMatching.kind(e)), .text(ids(union))]
                         + found.map { .text($0.map { "yes: " + ids($0.actors) } ?? "no") } + [.text(EventMatching.detail(e, history: histories[found.firstIndex { $0 != nil }!], network: network))])
            }
        }
        return t
    }

    /// The coalitions of every period under each reading: `period,reading,coalition,label,size,members`.
    public func coalitionTable(settings: [(String, String)]) -> ResultTable {
        var t = ResultTable(columns: ["period", "reading", "coalition", "label", "size", "members"], settings: settings)
        guard let first = histories.first else { return t }
        for p in first.periods.indices {
            for (r, h) in histories.enumerated() {
                for c in h.periods[p].coalitions {
                    t.append([.text(h.periods[p].period.label), .text(scenarios[r]), .text(c.id), .text(c.label), .int(c.size),
                              .text(c.members.map { network.actors[Int($0)].id }.joined(separator: ";"))])
                }
            }
        }
        return t
    }
}
