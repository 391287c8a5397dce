import Coalitions
import Foundation
import Snapshots
import TemporalModel

/// Coalition tables per period: one row per coalition (CSV), a readable listing, and the nested JSON.
public enum CoalitionTables {
    public static func optimality(_ p: PeriodCoalitions) -> String {
        switch p.provenOptimal {
        case .some(true): return "proven optimal"
        case .some(false): return "heuristic"
        case .none: return p.method == .components ? "exact (no optimisation)" : "heuristic"
        }
    }

    public static func memberNames(_ c: Coalition, _ network: TemporalNetwork) -> String {
        c.members.map { network.actors[Int($0)].name }.joined(separator: "; ")
    }

    /// One row per coalition (CSV): its id, label, size, density and tie counts. The period-level values are in
    /// ``PeriodTable`` and the members, one row each, in ``MembershipTable``.
    public static func table(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)]) -> ResultTable {
        var table = ResultTable(
            columns: ["period", "id", "label", "size", "density", "pos_inside", "neg_inside", "pos_across", "neg_across", "central"],
            settings: settings)
        for p in history.periods {
            for c in p.coalitions {
                table.append([
                    .text(p.period.label), .text(c.id), .text(c.label), .int(c.size), .real(c.density),
                    .int(c.positiveInside), .int(c.negativeInside), .int(c.positiveAcross), .int(c.negativeAcross),
                    .text(network.actors[Int(c.central)].id),
                ])
            }
        }
        return table
    }

    public static func text(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)], violations: Bool) -> String {
        var out = settings.map { "\($0.0): \($0.1)" }.joined(separator: "  ") + "\n"
        out += "objective: \(history.periods.first?.method.objectiveName ?? "")\n"
        for p in history.periods {
            out += "\n\(p.period.label): \(p.coalitions.count) coalition\(p.coalitions.count == 1 ? "" : "s")"
            out += String(format: ", largest share %.3f, effective number %.2f, signed modularity %.4f, objective %@ (%@), %d violating tie%@",
                          p.largestShare, p.effectiveNumber, p.signedModularity, format(p.objective), optimality(p),
                          p.violations.count, p.violations.count == 1 ? "" : "s")
            if !p.unaligned.isEmpty { out += ", \(p.unaligned.count) unaligned" }
            out += "\n"
            var t = ResultTable(columns: ["id", "label", "size", "density", "+in", "-in", "+across", "-across", "members"])
            for c in p.coalitions {
                t.append([.text(c.id), .text(c.label), .int(c.size), .real(c.density), .int(c.positiveInside),
                          .int(c.negativeInside), .int(c.positiveAcross), .int(c.negativeAcross), .text(memberNames(c, network))])
            }
            if !p.coalitions.isEmpty { out += t.text(digits: 3).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") }
            if !p.unaligned.isEmpty {
                out += "  unaligned: " + p.unaligned.map { network.actors[Int($0)].name }.joined(separator: ", ") + "\n"
            }
            if violations && !p.violations.isEmpty {
                out += "  violating ties:\n"
                for v in p.violations {
                    out += "    \(v.sign == .positive ? "alliance across" : "rivalry inside"): \(network.actors[Int(v.a)].name) – \(network.actors[Int(v.b)].name) (weight \(format(v.weight)))\n"
                }
            }
        }
        return out
    }

    public static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(format: "%.4f", x)
    }

    public static func json(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)]) -> String {
        func actor(_ a: Int32) -> String {
            "{\"id\": \(JSON.quote(network.actors[Int(a)].id)), \"name\": \(JSON.quote(network.actors[Int(a)].name))}"
        }
        var out = "{\n  \"settings\": {" + settings.map { "\(JSON.quote(JSON.key($0.0))): \(JSON.quote($0.1))" }.joined(separator: ", ") + "},\n"
        out += "  \"objective_name\": \(JSON.quote(history.periods.first?.method.objectiveName ?? "")),\n  \"periods\": ["
        for (i, p) in history.periods.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\"period\": \(JSON.quote(p.period.label)), \"coalitions\": \(p.coalitions.count), \"unaligned_count\": \(p.unaligned.count), "
            let none = p.coalitions.isEmpty
            out += "\"largest_share\": \(none ? "null" : JSON.value(.real(p.largestShare))), \"effective_number\": \(none ? "null" : JSON.value(.real(p.effectiveNumber))), "
            out += "\"signed_modularity\": \(JSON.value(.real(p.signedModularity))), \"objective\": \(JSON.value(.real(p.objective))), "
            out += "\"proven_optimal\": \(p.provenOptimal.map { $0 ? "true" : "false" } ?? "null"),\n"
            out += "     \"coalition_list\": ["
            for (j, c) in p.coalitions.enumerated() {
                out += j == 0 ? "\n" : ",\n"
                out += "       {\"id\": \(JSON.quote(c.id)), \"label\": \(JSON.quote(c.label)), \"size\": \(c.size), "
                out += "\"density\": \(JSON.value(.real(c.density))), \"pos_inside\": \(c.positiveInside), "
                out += "\"neg_inside\": \(c.negativeInside), \"pos_across\": \(c.positiveAcross), "
                out += "\"neg_across\": \(c.negativeAcross), \"central\": \(actor(c.central)), "
                out += "\"members\": [" + c.members.map(actor).joined(separator: ", ") + "]}"
            }
            out += p.coalitions.isEmpty ? "],\n" : "\n     ],\n"
            out += "     \"unaligned\": [" + p.unaligned.map(actor).joined(separator: ", ") + "],\n"
            out += "     \"violations\": [" + p.violations.map {
                "{\"a\": \(JSON.quote(network.actors[Int($0.a)].id)), \"b\": \(JSON.quote(network.actors[Int($0.b)].id)), \"sign\": \($0.sign == .positive ? "\"+\"" : "\"-\""), \"weight\": \(JSON.value(.real($0.weight)))}"
            }.joined(separator: ", ") + "]}"
        }
        out += history.periods.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }
}

/// Coalition change tables: events per period and the comparison with the recorded lineage.
public enum ChangeTables {
    public static func eventName(_ e: CoalitionEvent) -> String {
        if e.kind == .switch { return e.defection == true ? "defection" : "realignment" }
        return e.kind.rawValue
    }

    /// The columns of ``events(_:network:settings:actorEvents:)``.
    public static let eventColumns = ["event_id", "period", "event", "from", "to", "actor", "defection", "detail"]

    /// One row per coalition link or actor of an event, tidy: a merge of two coalitions into one is two rows
    /// (`from` each parent, `to` the result), a split one row per child, a birth has no `from` and a death no `to`,
    /// a continuation has both the same; a join, leave or switch has one row per actor (`actor`), with `from` and/or
    /// `to`. `event_id` numbers the events (1, 2, …) so the rows of one event can be grouped; `defection` is filled
    /// for switches only. With `actorEvents` false, joins, leaves and switches are left out.
    public static func events(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)], actorEvents: Bool) -> ResultTable {
        var table = ResultTable(columns: eventColumns, settings: settings)
        func id(_ s: String?) -> Cell { s.map { .text($0) } ?? .missing }
        var number = 0
        for e in history.events where actorEvents || ![.join, .leave, .switch].contains(e.kind) {
            number += 1
            let c = e.coalitions
            var links: [(from: String?, to: String?)]
            switch e.kind {
            case .merge: links = c.dropFirst().map { ($0, c.first) }
            case .split: links = c.dropFirst().map { (c.first, $0) }
            case .birth, .rebirth, .join: links = [(nil, c.first)]
            case .death, .leave: links = [(c.first, nil)]
            case .switch: links = [(c.first, c.count > 1 ? c[1] : nil)]
            case .continuation, .growth, .contraction: links = [(c.first, c.first)]
            }
            if links.isEmpty { links = [(c.first, nil)] }
            let actors: [String?] = [.join, .leave, .switch].contains(e.kind) ? e.actors.map { network.actors[Int($0)].id } : [nil]
            for link in links {
                for a in actors {
                    table.append([.int(number), .text(e.period), .text(eventName(e)), id(link.from), id(link.to), id(a),
                                  e.kind == .switch ? e.defection.map { .bool($0) } ?? .missing : .missing, .text(e.detail)])
                }
            }
        }
        return table
    }

    /// The recorded lineage (merges, splits, dissolutions in the dataset) against the analysis: one row per record
    /// (`recorded` said, `analysis` "detected" or "missed") and one per extra event the analysis found that no
    /// record names (`recorded` empty). Rows are in period order (the order of `periods`, then by label for
    /// periods not in it), records before extras within a period.
    public static func lineage(_ comparison: LineageComparison, settings: [(String, String)], periods: [String] = []) -> ResultTable {
        var table = ResultTable(columns: ["period", "recorded", "analysis", "detail"], settings: settings)
        var rows: [(period: String, row: [Cell])] = []
        for c in comparison.checks {
            let r = c.record
            let what = r.kind == .dissolved ? "\(r.actors[0]) dissolved" : "\(r.actors[0]) \(r.kind.rawValue) \(r.actors[1])"
            rows.append((r.period, [.text(r.period), .text(what), .text(c.detected ? "detected" : "missed"), .text(c.evidence)]))
        }
        for e in comparison.extra {
            rows.append((e.period, [.text(e.period), .missing, .text("extra \(e.kind.rawValue)"), .text(e.detail)]))
        }
        let order = Dictionary(periods.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let sorted = rows.enumerated().sorted { x, y in
            let kx = order[x.element.period] ?? Int.max, ky = order[y.element.period] ?? Int.max
            if kx != ky { return kx < ky }
            if x.element.period != y.element.period { return x.element.period < y.element.period }
            return x.offset < y.offset
        }
        for r in sorted { table.append(r.element.row) }
        return table
    }
}
