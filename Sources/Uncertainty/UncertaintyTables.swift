import Foundation
import Reports
import TemporalModel
import TextFormats

/// The Monte Carlo summaries as result tables (CSV, JSON, text) and the pair matrices as JSON.
public enum UncertaintyTables {
    /// The settings every table names: the analysis settings, the draws and the model.
    public static func settings(_ r: UncertaintyResult, model: DrawModel) -> [(String, String)] {
        var s: [(String, String)] = [("dataset", r.network.info.name)] + r.settings.pairs
        s += [("draws", String(r.draws)), ("draw_seed", String(r.seed)),
              ("readings", r.scenarioShares.map { "\($0.scenario ?? "(untagged)") \(percent($0.share))" }.joined(separator: ", ")),
              ("ties", model.dropTies ? "kept with probability = confidence (\(model.coupling.rawValue))" : "all kept"),
              ("event_match", "same period and kind, involved actors Jaccard > 0.5")]
        return s
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func ids(_ actors: [Int32], _ network: TemporalNetwork) -> String {
        actors.map { network.actors[Int($0)].id }.joined(separator: ";")
    }

    /// `period,event,coalitions,actors,in_reference,draws,probability,detail`: every reference event with the share
    /// of draws in which it occurs, then the events in ≥ 5% of draws that the reference run lacks.
    public static func events(_ r: UncertaintyResult, settings: [(String, String)]) -> ResultTable {
        var t = ResultTable(columns: ["period", "event", "coalitions", "actors", "in_reference", "draws", "probability", "detail"], settings: settings)
        for e in r.events {
            t.append([.text(e.period), .text(e.kind), .text(e.coalitions.joined(separator: ";")), .text(ids(e.actors, r.network)),
                      .bool(e.inReference), .int(e.draws), .real(e.probability), .text(e.detail)])
        }
        return t
    }

    /// `period,actor,coalition,label,probability,present`: one row per actor of each reference snapshot.
    public static func memberships(_ r: UncertaintyResult, settings: [(String, String)]) -> ResultTable {
        var t = ResultTable(columns: ["period", "actor", "coalition", "label", "probability", "present"], settings: settings)
        for m in r.memberships {
            t.append([.text(m.period), .text(r.network.actors[Int(m.actor)].id), m.coalition.map(Cell.text) ?? .missing,
                      m.label.map(Cell.text) ?? .missing, .real(m.probability), .real(m.present)])
        }
        return t
    }

    /// `period,measure,reference,mean,q05,q95,defined,draws` for balance, and with `actor` for centrality.
    public static func intervals(_ list: [IntervalSummary], network: TemporalNetwork, settings: [(String, String)]) -> ResultTable {
        let withActor = list.contains { $0.actor != nil }
        var t = ResultTable(columns: ["period"] + (withActor ? ["actor"] : []) + ["measure", "reference", "mean", "q05", "q95", "defined", "draws"], settings: settings)
        for s in list {
            var row: [Cell] = [.text(s.period)]
            if withActor { row.append(s.actor.map { .text(network.actors[Int($0)].id) } ?? .missing) }
            row += [.text(s.name), s.reference.map(Cell.real) ?? .missing, s.mean.map(Cell.real) ?? .missing,
                    s.low.map(Cell.real) ?? .missing, s.high.map(Cell.real) ?? .missing, .int(s.defined), .int(s.draws)]
            t.append(row)
        }
        return t
    }

    /// `period,actor_a,actor_b,share`: pairs that share a coalition in at least one draw (a < b by id).
    public static func together(_ r: UncertaintyResult, settings: [(String, String)]) -> ResultTable {
        var t = ResultTable(columns: ["period", "actor_a", "actor_b", "share"], settings: settings)
        for p in r.pairs {
            for i in p.actors.indices { for j in (i + 1)..<p.actors.count where p.share[i][j] > 0 {
                t.append([.text(p.period), .text(r.network.actors[Int(p.actors[i])].id), .text(r.network.actors[Int(p.actors[j])].id), .real(p.share[i][j])])
            } }
        }
        return t
    }

    /// The pair shares as one matrix per period, for the report:
    /// `{"draws": D, "periods": [{"period": "1932", "actors": [ids], "share": [[...]]}]}`.
    public static func togetherMatrices(_ r: UncertaintyResult) -> String {
        var out = "{\n  \"draws\": \(r.draws),\n  \"periods\": ["
        for (k, p) in r.pairs.enumerated() {
            out += (k == 0 ? "\n" : ",\n") + "    {\"period\": \(JSONText.quote(p.period)), \"actors\": ["
            out += p.actors.map { JSONText.quote(r.network.actors[Int($0)].id) }.joined(separator: ", ") + "],\n      \"share\": ["
            out += p.share.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ",\n        ") + "]}"
        }
        out += r.pairs.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// Every table as (file name, contents): `events`, `memberships`, `balance`, `centrality`, `together` in CSV and
    /// JSON, and `together-matrix.json`.
    public static func files(_ r: UncertaintyResult, model: DrawModel) -> [(name: String, contents: String)] {
        let s = settings(r, model: model)
        var tables: [(String, ResultTable)] = [
            ("events", events(r, settings: s)), ("memberships", memberships(r, settings: s)),
        ]
        if !r.balance.isEmpty { tables.append(("balance", intervals(r.balance, network: r.network, settings: s))) }
        if !r.centrality.isEmpty { tables.append(("centrality", intervals(r.centrality, network: r.network, settings: s))) }
        if !r.pairs.isEmpty { tables.append(("together", together(r, settings: s))) }
        var files: [(name: String, contents: String)] = []
        for (name, t) in tables {
            files.append((name + ".csv", t.csv()))
            files.append((name + ".json", t.json()))
        }
        if !r.pairs.isEmpty { files.append(("together-matrix.json", togetherMatrices(r))) }
        return files
    }
}
