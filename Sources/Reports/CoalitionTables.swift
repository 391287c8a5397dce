import Coalitions
import Foundation
import Snapshots
import TemporalModel
import TextFormats

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

    /// The coalitions of every period as nested JSON: per period its measures, then one coalition per line,
    /// the unaligned actors and the violating ties.
    public static func json(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)]) -> String {
        var out = ""
        writeJSON(history, network: network, settings: settings, to: &out)
        return out
    }

    /// ``json(_:network:settings:)`` written period by period to `out` (a file stream): on L the whole text is
    /// hundreds of megabytes, held twice when it was made as one string (the periods, then their join).
    /// - Complexity: O(size of the text).
    public static func writeJSON<Out: TextOutputStream>(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)],
                                                        to out: inout Out) {
        func actor(_ a: Int32) -> JSONValue {
            .object([("id", .string(network.actors[Int(a)].id)), ("name", .string(network.actors[Int(a)].name))])
        }
        func period(_ p: PeriodCoalitions) -> String {
            let none = p.coalitions.isEmpty
            let head: [(key: String, value: JSONValue)] = [
                ("period", .string(p.period.label)), ("coalitions", .int(p.coalitions.count)), ("unaligned_count", .int(p.unaligned.count)),
                ("largest_share", none ? .null : .number(p.largestShare)), ("effective_number", none ? .null : .number(p.effectiveNumber)),
                ("signed_modularity", .number(p.signedModularity)), ("objective", .number(p.objective)),
                ("proven_optimal", p.provenOptimal.map { .bool($0) } ?? .null),
            ]
            let coalitions = p.coalitions.map { c in
                JSONValue.object([
                    ("id", .string(c.id)), ("label", .string(c.label)), ("size", .int(c.size)), ("density", .number(c.density)),
                    ("pos_inside", .int(c.positiveInside)), ("neg_inside", .int(c.negativeInside)),
                    ("pos_across", .int(c.positiveAcross)), ("neg_across", .int(c.negativeAcross)),
                    ("central", actor(c.central)), ("members", .array(c.members.map(actor))),
                ]).text()
            }
            let violations = JSONValue.array(p.violations.map { v in
                .object([("a", .string(network.actors[Int(v.a)].id)), ("b", .string(network.actors[Int(v.b)].id)),
                         ("sign", .string(v.sign == .positive ? "+" : "-")), ("weight", .number(v.weight))])
            })
            return "{" + JSONValue.members(head) + ",\n     \"coalition_list\": " + JSONValue.lines(coalitions, indent: "       ", closing: "     ")
                + ",\n     \"unaligned\": " + JSONValue.array(p.unaligned.map(actor)).text()
                + ",\n     \"violations\": " + violations.text() + "}"
        }
        out.write("{\n  \"settings\": " + JSONValue.strings(settings).text()
            + ",\n  \"objective_name\": " + JSONValue.string(history.periods.first?.method.objectiveName ?? "").text()
            + ",\n  \"periods\": ")
        // As ``JSONValue/lines(_:indent:closing:)`` of the periods' texts.
        if history.periods.isEmpty {
            out.write("[]")
        } else {
            out.write("[")
            for (i, p) in history.periods.enumerated() { out.write((i > 0 ? "," : "") + "\n    " + period(p)) }
            out.write("\n  ]")
        }
        out.write("\n}\n")
    }
}

/// Coalition change tables: events per period and the comparison with the recorded lineage.
public enum ChangeTables {
    public static func eventName(_ e: CoalitionEvent) -> String { ChangeSentences.name(e) }

    /// The columns of ``events(_:network:settings:actorEvents:)``.
    public static let eventColumns = ["event_id", "period", "event", "from", "to", "actor", "defection", "detail"]

    /// One row per coalition link or actor of an event, tidy: a merge of two coalitions into one is two rows
    /// (`from` each parent, `to` the result), a split one row per child, a birth has no `from` and a death no `to`,
    /// a continuation has both the same; a join, leave or switch has one row per actor (`actor`), with `from` and/or
    /// `to`. `event_id` numbers the events (1, 2, …) so the rows of one event can be grouped; `defection` is filled
    /// for switches only. With `actorEvents` false, joins, leaves and switches are left out.
    ///
    /// With `draws` (Monte Carlo draws), two columns follow `defection`: `in_reference` (true for the reference
    /// run's changes) and `probability` (the share of draws with a change of the same period and kind whose
    /// involved actors overlap it with Jaccard > ½); after each period's changes come the changes matching no
    /// reference change but seen in at least 5% of draws (`in_reference` false, no coalition ids: draws number
    /// coalitions afresh; one row per actor for a join, leave or switch, else one row).
    ///
    /// - Complexity: O(E·k) for E events of k links or actors, plus the extra changes.
    public static func events(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)], actorEvents: Bool,
                              draws: DrawColumns? = nil) -> ResultTable {
        eventStream(history, network: network, settings: settings, actorEvents: actorEvents, draws: draws).table
    }

    /// ``events(_:network:settings:actorEvents:draws:)`` with rows made as they are written (a large study has
    /// millions of actor events), never all kept.
    /// - Complexity: O(1) to make; O(Σ rows + Σ_p k_p) to write.
    public static func eventStream(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)],
                                   actorEvents: Bool, draws: DrawColumns? = nil) -> StreamedTable {
        StreamedTable(columns: draws == nil ? eventColumns : eventColumns.dropLast() + ["in_reference", "probability", "detail"],
                      settings: settings + (draws?.described ?? [])) { body in
            eventRows(history, network: network, actorEvents: actorEvents, draws: draws, body)
        }
    }

    private static func eventRows(_ history: CoalitionHistory, network: TemporalNetwork, actorEvents: Bool, draws: DrawColumns?,
                                  _ body: ([Cell]) -> Void) {
        func id(_ s: String?) -> Cell { s.map { .text($0) } ?? .missing }
        var number = 0
        var row: [Cell] = []
        let lookup = ChangeSentences.Lookup(history)
        var extras = draws?.extraEvents.filter { actorEvents || !$0.isActorEvent }[...] ?? []
        func flushExtras(through period: Int) {
            guard let draws else { return }
            while let x = extras.first, x.periodIndex <= period {
                extras.removeFirst()
                number += 1
                let names = x.actors.prefix(6).map { network.actors[Int($0)].name }.joined(separator: ", ")
                    + (x.actors.count > 6 ? " and \(x.actors.count - 6) more" : "")
                let detail = "not in the reference run (\(String(format: "%.1f", x.probability * 100))% of \(draws.draws) draws): \(x.kind) of \(names)"
                let defection: Cell = x.kind == "defection" ? .bool(true) : x.kind == "realignment" ? .bool(false) : .missing
                let actors: [String?] = x.isActorEvent ? x.actors.map { network.actors[Int($0)].id } : [nil]
                for a in actors {
                    body([.int(number), .text(x.period), .text(x.kind), .missing, .missing, id(a), defection,
                          .bool(false), .real(x.probability), .text(detail)])
                }
            }
        }
        for (index, e) in history.events.enumerated() where actorEvents || ![.join, .leave, .switch].contains(e.kind) {
            flushExtras(through: e.periodIndex - 1)
            number += 1
            var links: [(from: String?, to: String?)]
            switch e.change {
            case .merge(let parents, let result): links = parents.map { ($0, result) }
            case .split(let parent, let children): links = children.map { (parent, $0) }
            case .birth(let c), .rebirth(let c, _), .join(let c): links = [(nil, c)]
            case .death(let c, _), .leave(let c, _): links = [(c, nil)]
            case .switch(let from, let to, _, _): links = [(from, to)]
            case .continuation(let c, _), .growth(let c, _, _), .contraction(let c, _, _): links = [(c, c)]
            }
            if links.isEmpty { links = [(e.change.coalitions.first, nil)] }
            let actors: [String?] = [.join, .leave, .switch].contains(e.kind) ? e.actors.map { network.actors[Int($0)].id } : [nil]
            // The cells shared by the event's rows made once; each row filled into one reused array.
            let head: [Cell] = [.int(number), .text(e.period), .text(eventName(e))]
            let defection: Cell = e.kind == .switch ? .bool(e.change.isDefection) : .missing
            let detail = Cell.text(ChangeSentences.detail(e, history: history, network: network, lookup: lookup))
            for link in links {
                let from = id(link.from), to = id(link.to)
                for a in actors {
                    row.removeAll(keepingCapacity: true)
                    row += head
                    row.append(from)
                    row.append(to)
                    row.append(id(a))
                    row.append(defection)
                    if let draws {
                        row.append(.bool(true))
                        row.append(.real(draws.eventProbability[index]))
                    }
                    row.append(detail)
                    body(row)
                }
            }
        }
        flushExtras(through: Int.max)
    }

    /// The story in one screen: the settings, then per period its coalitions (`ID label (size)`, largest first)
    /// and, indented, its coalition events and actor switches (four names at most).
    ///
    /// - Complexity: O(P·k + E) for P periods of k coalitions and E events.
    public static func timeline(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)]) -> String {
        var text = settings.map { "\($0.0): \($0.1)" }.joined(separator: "  ") + "\n"
        let width = history.periods.map(\.period.label.count).max() ?? 4
        let lookup = ChangeSentences.Lookup(history)
        for (t, p) in history.periods.enumerated() {
            let pad = String(repeating: " ", count: width - p.period.label.count)
            let blocs = p.coalitions.map { "\($0.id) \($0.label) (\($0.size))" }.joined(separator: " | ")
            text += "\(p.period.label)\(pad)  \(p.coalitions.isEmpty ? "no coalition" : blocs)"
            if !p.unaligned.isEmpty { text += " | \(p.unaligned.count) unaligned" }
            text += "\n"
            for e in history.events(in: t) {
                let line: String
                switch e.kind {
                case .birth, .death, .merge, .split, .rebirth:
                    line = "\(e.kind.rawValue): \(ChangeSentences.detail(e, history: history, network: network, lookup: lookup))"
                case .switch:
                    let names = e.actors.prefix(4).map { network.actors[Int($0)].name }.joined(separator: ", ")
                        + (e.actors.count > 4 ? " +\(e.actors.count - 4)" : "")
                    line = "\(ChangeSentences.name(e)): \(names) \(e.change.coalitions.joined(separator: "→"))"
                default: continue
                }
                text += String(repeating: " ", count: width + 2) + "· " + line + "\n"
            }
        }
        return text
    }

    /// The recorded lineage (merges, splits, dissolutions in the dataset) against the analysis: one row per record
    /// (`recorded` said, `analysis` "detected" or "missed") and one per extra event the analysis found that no
    /// record names (`recorded` empty). Rows are in period order (the order of `periods`, then by label for
    /// periods not in it), records before extras within a period.
    public static func lineage(_ comparison: LineageComparison, history: CoalitionHistory, network: TemporalNetwork,
                               settings: [(String, String)], periods: [String] = []) -> ResultTable {
        var table = ResultTable(columns: ["period", "recorded", "analysis", "detail"], settings: settings)
        var rows: [(period: String, row: [Cell])] = []
        // One lookup for every sentence (on L the extra changes are 150,000, each searched 8,000 coalitions by id).
        let lookup = ChangeSentences.Lookup(history)
        for c in comparison.checks {
            let r = c.record
            let what = r.kind == .dissolved ? "\(r.actors[0]) dissolved" : "\(r.actors[0]) \(r.kind.rawValue) \(r.actors[1])"
            rows.append((r.period, [.text(r.period), .text(what), .text(c.detected ? "detected" : "missed"),
                                    .text(ChangeSentences.evidence(c, history: history, network: network, lookup: lookup))]))
        }
        for e in comparison.extra {
            rows.append((e.period, [.text(e.period), .missing, .text("extra \(e.kind.rawValue)"),
                                    .text(ChangeSentences.detail(e, history: history, network: network, lookup: lookup))]))
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
