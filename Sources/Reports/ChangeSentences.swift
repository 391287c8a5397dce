import Coalitions
import Foundation
import TemporalModel

/// Coalition events and lineage checks in words: the sentences of the `detail` columns, the report, the story
/// headers and the terminal. The Coalitions module returns typed values only; every sentence about them is here.
public enum ChangeSentences {
    /// The event's name in tables: its kind, a switch as `defection` (across a rivalry) or `realignment`.
    public static func name(_ e: CoalitionEvent) -> String {
        if e.kind == .switch { return e.change.isDefection ? "defection" : "realignment" }
        return e.kind.rawValue
    }

    /// One sentence about an event, with the coalitions' labels and sizes in the periods concerned.
    ///
    /// - Complexity: O(k + a) for k coalitions in the periods concerned and a actors named.
    /// With `lookup` (made once from the same history), each coalition is found in O(1) instead of by a scan of
    /// its period's coalitions: what a writer of every event's sentence passes.
    public static func detail(_ e: CoalitionEvent, history: CoalitionHistory, network: TemporalNetwork,
                              lookup: Lookup? = nil) -> String {
        let t = e.periodIndex
        func coalition(_ id: String, in period: Int) -> Coalition? {
            guard history.periods.indices.contains(period) else { return nil }
            if let lookup { return lookup.index[period][id].map { history.periods[period].coalitions[$0] } }
            return history.periods[period].coalitions.first { $0.id == id }
        }
        func label(_ id: String, in period: Int) -> String { coalition(id, in: period)?.label ?? id }
        func size(_ id: String) -> Int { coalition(id, in: t)?.size ?? 0 }
        let people = names(e.actors, network: network)
        switch e.change {
        case .birth(let c):
            return "\(c) forms: \(label(c, in: t)) (\(size(c)): \(people))"
        case .death(let c, let unseen):
            return "\(c) dissolved: unseen for \(unseen) period(s)"
        case .continuation(let c, let n):
            return "\(c) \(label(c, in: t)): \(n) → \(n)"
        case .growth(let c, let from, let to), .contraction(let c, let from, let to):
            return "\(c) \(label(c, in: t)): \(from) → \(to)"
        case .merge(let parents, let result):
            return "\(parents.joined(separator: " + ")) merged into \(result) (\(label(result, in: t)), \(size(result)) member\(size(result) == 1 ? "" : "s"))"
        case .split(let parent, let children):
            return "\(parent) split into \(children.joined(separator: ", ")) (\(children.map { label($0, in: t) }.joined(separator: " | ")))"
        case .rebirth(let c, let unseen):
            return "\(c) reappears after \(unseen) unseen period(s): \(label(c, in: t)) (\(size(c)))"
        case .join(let c):
            return "\(people) joined \(c) (\(label(c, in: t)))"
        case .leave(let c, let gone):
            return "\(people) left \(c) (\(label(c, in: t - 1)))" + (gone == 0 ? "" : "; \(gone) no longer in the record")
        case .switch(let from, let to, let acrossRivalry, let weight):
            let before = history.periods.indices.contains(t - 1) ? history.periods[t - 1].period.label : ""
            let how = acrossRivalry ? "defection across a rivalry (net \(number(weight ?? 0)) in \(before))"
                : (weight.map { "realignment (net \(number($0)) in \(before))" } ?? "realignment (to a new coalition)")
            return "\(people): \(from) (\(label(from, in: t - 1))) → \(to) (\(label(to, in: t))), \(how)"
        }
    }

    /// The coalitions of every period of a history by id (the first with an id, as a scan finds it).
    public struct Lookup: Sendable {
        let index: [[String: Int]]

        /// - Complexity: O(Σ_p k_p) for k_p coalitions in period p.
        public init(_ history: CoalitionHistory) {
            index = history.periods.map { p in
                Dictionary(p.coalitions.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
            }
        }

        /// The index in `history.periods[period].coalitions` of the first coalition with id `id`, or `nil`.
        /// - Complexity: O(1) on average.
        public func coalition(_ id: String, in period: Int) -> Int? {
            index.indices.contains(period) ? index[period][id] : nil
        }
    }

    /// The evidence of a lineage check: the matching events' sentences, else how the members moved or why the
    /// record is missed.
    /// With `lookup` (made once from the same history), the events' coalitions are found in O(1) (see ``detail(_:history:network:lookup:)``).
    public static func evidence(_ check: LineageCheck, history: CoalitionHistory, network: TemporalNetwork, lookup: Lookup? = nil) -> String {
        check.events.isEmpty ? sentence(check.evidence)
            : check.events.map { detail($0, history: history, network: network, lookup: lookup) }.joined(separator: "; ")
    }

    /// A lineage check's evidence as a phrase ("members of C2 and C5 together in C2 in 1926", "still apart in
    /// 1927"); empty for ``LineageEvidence/events`` (the events' own sentences say it).
    public static func sentence(_ e: LineageEvidence) -> String {
        switch e {
        case .events: return ""
        case .membersJoined(let parents, let result, let p): return "members of \(parents.joined(separator: " and ")) together in \(result) in \(p)"
        case .parted(let parent, let parts, let p): return "\(parent) parted into \(parts.joined(separator: " and ")) in \(p)"
        case .membersLeft(let c, let p): return "its members left \(c) in \(p)"
        case .mergePartiesUnplaced(let a, let p): return "no coalition holds \(a) and its partners in \(p)"
        case .splitPartiesUnplaced(let a, let from, let p): return "no coalition holds \(a) and the rest of \(from) in \(p)"
        case .alreadyTogether(let c, let p): return "already together in \(c) in \(p)"
        case .stillApart(let p): return "still apart in \(p)"
        case .alreadyApart(let p, let cs): return "already apart in \(p) (\(cs.joined(separator: ", ")))"
        case .stillTogether(let p): return "still together in \(p)"
        case .membersUnaligned(let p): return "its members were in no coalition in \(p)"
        case .stillHolds(let c, let p): return "\(c) still holds most of its members in \(p)"
        case .noPeriodBefore(let p): return "no period before \(p) to compare with"
        }
    }

    /// Up to six actors by name, then how many more.
    static func names(_ actors: [Int32], network: TemporalNetwork, limit: Int = 6) -> String {
        let shown = actors.prefix(limit).map { network.actors[Int($0)].name }.joined(separator: ", ")
        return actors.count > limit ? shown + " and \(actors.count - limit) more" : shown
    }

    /// A weight as written in sentences: whole numbers bare, others to two decimals.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String((x * 100).rounded() / 100)
    }
}
