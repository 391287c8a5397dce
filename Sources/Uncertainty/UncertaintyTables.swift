import Analysis
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
        if let note = r.drawBalance { s.append(("draw_balance", note)) }
        if let note = r.samples { s.append(("centrality_samples", note)) }
        return s
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func ids(_ actors: [Int32], _ network: TemporalNetwork) -> String {
        actors.map { network.actors[Int($0)].id }.joined(separator: ";")
    }

    static let eventColumns = ["period", "event", "coalitions", "actors", "in_reference", "draws", "probability", "detail"]
    static let membershipColumns = ["period", "actor", "coalition", "label", "probability", "present"]
    static func intervalColumns(_ list: [IntervalSummary]) -> [String] {
        ["period"] + (list.contains { $0.actor != nil } ? ["actor"] : []) + ["measure", "reference", "mean", "q05", "q95", "defined", "draws"]
    }

    /// `period,event,coalitions,actors,in_reference,draws,probability,detail`: every reference event with the share
    /// of draws in which it occurs, then the events in ≥ 5% of draws that the reference run lacks.
    public static func events(_ r: UncertaintyResult, settings: [(String, String)]) -> ResultTable {
        var t = ResultTable(columns: eventColumns, settings: settings)
        for e in r.events {
            t.append([.text(e.period), .text(e.kind), .text(e.coalitions.joined(separator: ";")), .text(ids(e.actors, r.network)),
                      .bool(e.inReference), .int(e.draws), .real(e.probability), .text(e.detail)])
        }
        return t
    }

    /// `period,actor,coalition,label,probability,present`: one row per actor of each reference snapshot.
    public static func memberships(_ r: UncertaintyResult, settings: [(String, String)]) -> ResultTable {
        var t = ResultTable(columns: membershipColumns, settings: settings)
        for m in r.memberships {
            t.append([.text(m.period), .text(r.network.actors[Int(m.actor)].id), m.coalition.map(Cell.text) ?? .missing,
                      m.label.map(Cell.text) ?? .missing, .real(m.probability), .real(m.present)])
        }
        return t
    }

    /// `period,measure,reference,mean,q05,q95,defined,draws` for balance, and with `actor` for centrality.
    public static func intervals(_ list: [IntervalSummary], network: TemporalNetwork, settings: [(String, String)]) -> ResultTable {
        let withActor = list.contains { $0.actor != nil }
        var t = ResultTable(columns: intervalColumns(list), settings: settings)
        for s in list {
            var row: [Cell] = [.text(s.period)]
            if withActor { row.append(s.actor.map { .text(network.actors[Int($0)].id) } ?? .missing) }
            row += [.text(s.name), s.reference.map(Cell.real) ?? .missing, s.mean.map(Cell.real) ?? .missing,
                    s.low.map(Cell.real) ?? .missing, s.high.map(Cell.real) ?? .missing, .int(s.defined), .int(s.draws)]
            t.append(row)
        }
        return t
    }

    /// `period,actor_a,actor_b,share`: pairs that share a coalition in at least one draw (a < b by id), streamed
    /// (on an M network, millions of rows).
    public static func together(_ r: UncertaintyResult, settings: [(String, String)]) -> StreamedTable {
        StreamedTable(columns: ["period", "actor_a", "actor_b", "share"], settings: settings) { row in
            for p in r.pairs {
                for i in 0..<p.count {
                    let x = p.pair(i)
                    row([.text(p.period), .text(r.network.actors[Int(x.a)].id), .text(r.network.actors[Int(x.b)].id), .real(x.share)])
                }
            }
        }
    }

    /// The most actors a period's matrix in `together-matrix.json` gives by default: 200 actors are 40,000 shares
    /// (~0.8 MB of text per period); a dense matrix of an M network's 5,000 actors would be 25 million per period.
    public static let matrixActorLimit = 200

    /// The actors of period `p`'s matrix: all of them when at most `limit`, else the `limit` with the largest
    /// expected number of co-members (the sum of their pair shares; ties: smaller id first), in increasing id.
    /// - Complexity: O(pairs + actors·log actors).
    public static func matrixActors(_ p: PeriodPairs, limit: Int) -> [Int32] {
        guard p.actors.count > limit else { return p.actors }
        var expected: [Int32: UInt64] = [:]
        for (k, c) in zip(p.keys, p.counts) {
            expected[Int32(k >> 32), default: 0] += UInt64(c)
            expected[Int32(k & 0xFFFF_FFFF), default: 0] += UInt64(c)
        }
        let ranked = p.actors.sorted { (expected[$0] ?? 0, $1) > (expected[$1] ?? 0, $0) }
        return ranked.prefix(limit).sorted()
    }

    /// The periods whose matrix `limit` cuts (more actors than `limit`).
    public static func limitedPeriods(_ r: UncertaintyResult, limit: Int) -> [PeriodPairs] { r.pairs.filter { $0.actors.count > limit } }

    /// The pair shares as one matrix per period, for the report:
    /// `{"draws": D, "periods": [{"period": "1932", "actors": [ids], "share": [[...]]}]}`. A period with more than
    /// `limit` actors gives the matrix of ``matrixActors(_:limit:)`` only and says so (`"actors_in_period"`,
    /// `"matrix_actors"`); every pair is in `together.csv`.
    public static func togetherMatrices(_ r: UncertaintyResult, limit: Int = matrixActorLimit) -> String {
        var out = ""
        writeTogetherMatrices(r, limit: limit, to: &out)
        return out
    }

    /// ``togetherMatrices(_:limit:)`` piece by piece. - Complexity: O(Σ matrix sizes + pairs).
    public static func writeTogetherMatrices<Out: TextOutputStream>(_ r: UncertaintyResult, limit: Int = matrixActorLimit, to out: inout Out) {
        out.write("{\n  \"draws\": \(r.draws),\n  \"periods\": [")
        for (k, p) in r.pairs.enumerated() {
            let actors = matrixActors(p, limit: limit)
            out.write((k == 0 ? "\n" : ",\n") + "    {\"period\": \(JSONText.quote(p.period)), ")
            if actors.count < p.actors.count {
                out.write("\"actors_in_period\": \(p.actors.count), \"matrix_actors\": "
                    + JSONText.quote("the \(actors.count) with the largest expected number of co-members (limit \(limit)); every pair is in together.csv") + ", ")
            }
            out.write("\"actors\": [" + actors.map { JSONText.quote(r.network.actors[Int($0)].id) }.joined(separator: ", ") + "],\n      \"share\": [")
            let pos = Dictionary(uniqueKeysWithValues: actors.enumerated().map { ($1, $0) })
            var share = [[Double]](repeating: [Double](repeating: 0, count: actors.count), count: actors.count)
            for i in 0..<p.count {
                let x = p.pair(i)
                if let i = pos[x.a], let j = pos[x.b] { share[i][j] = x.share; share[j][i] = x.share }
            }
            for i in actors.indices { share[i][i] = 1 }
            for (i, rowValues) in share.enumerated() {
                out.write((i == 0 ? "" : ",\n        ") + "[" + rowValues.map { "\($0)" }.joined(separator: ", ") + "]")
            }
            out.write("]}")
        }
        out.write(r.pairs.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    /// The tables and the matrix file, each as a name and a function writing its text: `events`, `memberships`,
    /// `balance`, `centrality`, `together` in CSV and JSON, and `together-matrix.json`.
    static func outputs(_ r: UncertaintyResult, model: DrawModel, matrixLimit: Int)
        -> (tables: [(name: String, table: StreamedTable)], matrix: Bool) {
        let s = settings(r, model: model)
        // Each table is made when it is written, and let go after: on M the events, memberships and centrality
        // tables are a quarter of a million rows each, and were all held at once.
        func lazy(_ columns: [String], _ make: @escaping @Sendable () -> ResultTable) -> StreamedTable {
            StreamedTable(columns: columns, settings: s) { row in for x in make().rows { row(x) } }
        }
        var tables: [(name: String, table: StreamedTable)] = [
            ("events", lazy(eventColumns) { events(r, settings: s) }), ("memberships", lazy(membershipColumns) { memberships(r, settings: s) }),
        ]
        if !r.balance.isEmpty { tables.append(("balance", lazy(intervalColumns(r.balance)) { intervals(r.balance, network: r.network, settings: s) })) }
        if !r.centrality.isEmpty {
            tables.append(("centrality", lazy(intervalColumns(r.centrality)) { intervals(r.centrality, network: r.network, settings: s) }))
        }
        if !r.pairs.isEmpty { tables.append(("together", together(r, settings: s))) }
        return (tables, !r.pairs.isEmpty)
    }

    /// Every table as (file name, contents), as ``write(_:model:into:under:matrixLimit:)`` writes them (for small runs
    /// and tests: an M run's pair table is hundreds of megabytes).
    public static func files(_ r: UncertaintyResult, model: DrawModel, matrixLimit: Int = matrixActorLimit) -> [(name: String, contents: String)] {
        let o = outputs(r, model: model, matrixLimit: matrixLimit)
        var files: [(name: String, contents: String)] = []
        for (name, t) in o.tables {
            var csv = "", json = ""
            t.writeCSV(to: &csv)
            t.writeJSON(to: &json)
            files.append((name + ".csv", csv))
            files.append((name + ".json", json))
        }
        if o.matrix { files.append(("together-matrix.json", togetherMatrices(r, limit: matrixLimit))) }
        return files
    }

    /// Writes every table of ``files(_:model:matrixLimit:)`` into `folder` under `prefix` (e.g. `"uncertainty/"`),
    /// streamed: no table sits in memory as one string.
    public static func write(_ r: UncertaintyResult, model: DrawModel, into folder: OutputFolder, under prefix: String = "",
                             matrixLimit: Int = matrixActorLimit) throws(OutputError) {
        let o = outputs(r, model: model, matrixLimit: matrixLimit)
        for (name, t) in o.tables {
            try folder.stream(to: prefix + name + ".csv", and: prefix + name + ".json") { csv, json in _ = t.write(csv: &csv, json: &json) }
        }
        if o.matrix { try folder.stream(to: prefix + "together-matrix.json") { writeTogetherMatrices(r, limit: matrixLimit, to: &$0) } }
    }

    /// The line a command prints when `limit` cuts some periods' matrices (nil when none).
    public static func matrixNote(_ r: UncertaintyResult, limit: Int = matrixActorLimit) -> String? {
        let cut = limitedPeriods(r, limit: limit)
        guard !cut.isEmpty else { return nil }
        return "together-matrix.json: \(cut.count) of \(r.pairs.count) periods have more than \(limit) actors; their matrices give the \(limit) "
            + "with the largest expected number of co-members (every pair is in together.csv)"
    }
}
