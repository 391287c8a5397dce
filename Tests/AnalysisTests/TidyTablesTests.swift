@testable import Analysis
import Foundation
import Reports
import Snapshots
import TemporalModel
import Testing

/// The tidy tables and the report's evidence on a hand-built history whose every value is worked out by hand:
///
/// - 1920: a–b and c–d allied, a–c rivals → {a, b} = C1, {c, d} = C2.
/// - 1921: a, b, c allied pairwise, d–e allied, c–d rivals → {a, b, c} (C1: c defects from C2, a rival of C1 in
///   1920), {d, e} (C2: e joins).
/// - 1922: a–b and d–e allied, a–d rivals; c has no tie and is gone → {a, b} (C1: c leaves), {d, e} (C2).
/// - 1923: a, b, d, e allied pairwise → one coalition: C1 and C2 merge.
@Suite("Tidy tables on a hand-built history")
struct TidyTablesTests {
    static let ties: [(year: Int, a: String, b: String, positive: Bool)] = [
        (1920, "a", "b", true), (1920, "c", "d", true), (1920, "a", "c", false),
        (1921, "a", "b", true), (1921, "b", "c", true), (1921, "a", "c", true), (1921, "d", "e", true), (1921, "c", "d", false),
        (1922, "a", "b", true), (1922, "d", "e", true), (1922, "a", "d", false),
        (1923, "a", "b", true), (1923, "a", "d", true), (1923, "a", "e", true), (1923, "b", "d", true), (1923, "b", "e", true),
        (1923, "d", "e", true),
    ]

    static func result() throws -> AnalysisResult {
        let persons = ["a", "b", "c", "d", "e"]
        let index = Dictionary(uniqueKeysWithValues: persons.enumerated().map { ($1, Int32($0)) })
        let list = try ties.enumerated().map { k, t in
            Tie(source: index[t.a]!, target: index[t.b]!, relation: t.positive ? .alliance : .rivalry,
                start: try HistoricalDate(year: t.year), end: try HistoricalDate(year: t.year),
                sources: [SourceReference(source: "s", locator: "p\(k)")])
        }
        let info = DatasetInfo(name: "hand", title: "Hand-built", spanStart: try HistoricalDate(year: 1920),
                               spanEnd: try HistoricalDate(year: 1923), sources: [Source(id: "s", citation: "A source")])
        let events = [Event(date: try HistoricalDate(year: 1921, month: 6), kind: "congress", actors: ["c"], description: "c changes sides")]
        let network = try TemporalNetwork(info: info, actors: persons.map { Actor(id: $0, name: $0.uppercased(), kind: .person) },
                                          ties: list, events: events)
        return try Analysis.run(network, settings: AnalysisSettings(snapshot: SnapshotOptions(scheme: .year, level: .persons)))
    }

    func text(_ c: Cell) -> String? { if case .missing = c { return nil } else { return c.exact } }

    @Test("memberships.csv: one row per period and actor, coalition by id")
    func memberships() throws {
        let r = try Self.result()
        let t = MembershipTable.table(r.history, network: r.network, settings: [])
        #expect(t.columns == ["period", "actor", "name", "kind", "coalition", "coalition_label"])
        let rows = t.rows.map { [text($0[0]), text($0[1]), text($0[2]), text($0[4])] }
        let want: [[String?]] = [
            ["1920", "a", "A", "C1"], ["1920", "b", "B", "C1"], ["1920", "c", "C", "C2"], ["1920", "d", "D", "C2"],
            ["1921", "a", "A", "C1"], ["1921", "b", "B", "C1"], ["1921", "c", "C", "C1"], ["1921", "d", "D", "C2"], ["1921", "e", "E", "C2"],
            ["1922", "a", "A", "C1"], ["1922", "b", "B", "C1"], ["1922", "d", "D", "C2"], ["1922", "e", "E", "C2"],
            ["1923", "a", "A", "C1"], ["1923", "b", "B", "C1"], ["1923", "d", "D", "C1"], ["1923", "e", "E", "C1"],
        ]
        #expect(rows == want)
        // The label column is the coalition's label in that period.
        for (row, p) in zip(t.rows, t.rows.map { r0 in r.history.periods.first { $0.period.label == text(r0[0]) }! }) {
            #expect(text(row[5]) == p.coalitions.first { $0.id == text(row[4]) }?.label)
        }
        #expect(t.csv().hasPrefix("period,actor,name,kind,coalition,coalition_label\n1920,a,A,person,C1,"))
    }

    @Test("periods.csv: counts, largest share and effective number once per period")
    func periods() throws {
        let r = try Self.result()
        let t = PeriodTable.table(r.history, settings: [("match threshold", "0.125")])
        let col = { (name: String) in t.columns.firstIndex(of: name)! }
        #expect(t.rows.map { text($0[col("period")]) } == ["1920", "1921", "1922", "1923"])
        #expect(t.rows.map { text($0[col("start")]) } == ["1920-01-01", "1921-01-01", "1922-01-01", "1923-01-01"])
        #expect(t.rows.map { text($0[col("actors")]) } == ["4", "5", "4", "4"])
        #expect(t.rows.map { text($0[col("coalitions")]) } == ["2", "2", "2", "1"])
        #expect(t.rows.map { text($0[col("unaligned")]) } == ["0", "0", "0", "0"])
        // Largest share: 2/4, 3/5, 2/4, 4/4. Effective number 1 / Σ share²: 1/(¼+¼) = 2, 1/(9/25 + 4/25) = 25/13, 2, 1.
        let share = t.rows.map { if case .real(let x) = $0[col("largest_share")] { return x } else { return -1 } }
        let effective = t.rows.map { if case .real(let x) = $0[col("effective_number")] { return x } else { return -1 } }
        #expect(zip(share, [0.5, 0.6, 0.5, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(zip(effective, [2, 25.0 / 13, 2, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
        // Every partition here satisfies every tie: objective 0.
        #expect(t.rows.map { text($0[col("objective")]) } == ["0.0", "0.0", "0.0", "0.0"])
        #expect(t.json().contains("\"match_threshold\": \"0.125\""))
    }

    @Test("changes.csv: explicit from, to and actor columns, one row per link or actor")
    func changes() throws {
        let r = try Self.result()
        let t = ChangeTables.events(r.history, network: r.network, settings: [], actorEvents: true)
        #expect(t.columns == ["event_id", "period", "event", "from", "to", "actor", "defection", "detail"])
        let rows = t.rows.map { row in [1, 2, 3, 4, 5, 6].map { text(row[$0]) } }
        func has(_ want: [String?]) -> Bool { rows.contains(want) }
        #expect(has(["1920", "birth", nil, "C1", nil, nil]) && has(["1920", "birth", nil, "C2", nil, nil]))
        #expect(has(["1921", "defection", "C2", "C1", "c", "true"]))    // c crosses the 1920 rivalry a–c
        #expect(has(["1921", "join", nil, "C2", "e", nil]))
        #expect(has(["1922", "leave", "C1", nil, "c", nil]))
        // The 1923 merge: one row per parent, both into the same result, under one event number.
        let merge = t.rows.filter { text($0[2]) == "merge" }
        #expect(merge.count == 2)
        #expect(Set(merge.map { text($0[3]) }) == ["C1", "C2"])
        #expect(Set(merge.map { text($0[4]) }).count == 1 && Set(merge.map { text($0[0]) }).count == 1)
        // Event numbers run 1, 2, … with the rows of one event together.
        let ids = t.rows.map { Int(text($0[0])!)! }
        #expect(ids.first == 1 && zip(ids, ids.dropFirst()).allSatisfy { $1 == $0 || $1 == $0 + 1 })
        #expect(t.rows.allSatisfy { row in [3, 4, 5].allSatisfy { !(text(row[$0]) ?? "").contains(";") } })
    }

    @Test("datapackage.json: types from the cells, known types for empty columns, primary keys")
    func dataPackage() throws {
        var t = ResultTable(columns: ["period", "start", "n", "x", "ok", "walk_balance", "note"])
        t.append([.text("1920"), .text("1920-01-01"), .int(3), .real(0.5), .bool(true), .missing, .text("")])
        t.append([.text("1921"), .text("1921-01-01"), .int(4), .int(1), .missing, .missing, .text("a")])
        let json = DataPackage.json(name: "Hand Built!", title: "T", resources: [.init(name: "p", path: "p.csv", description: "d", table: t, primaryKey: ["period"])])
        let d = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(d["name"] as? String == "hand-built-")
        let resource = (d["resources"] as! [[String: Any]])[0]
        let schema = resource["schema"] as! [String: Any]
        let fields = (schema["fields"] as! [[String: Any]]).map { [$0["name"] as! String, $0["type"] as! String] }
        #expect(fields == [["period", "string"], ["start", "date"], ["n", "integer"], ["x", "number"], ["ok", "boolean"],
                           ["walk_balance", "number"], ["note", "string"]])
        #expect(schema["primaryKey"] as? [String] == ["period"])
        #expect(schema["missingValues"] as? [String] == [""])
    }

    @Test("Report evidence: the ties behind each drawn tie and each change, the events of each period")
    func evidence() throws {
        let r = try Self.result()
        let series = try r.diagramSeries()
        var model = AnalysisWriter.reportModel(r, periodSVG: [:], storySVG: nil, colors: [:], generator: "test")
        ReportEvidence.fill(&model, network: r.network, snapshots: r.snapshots,
                            drawn: series.diagrams.map { $0.edges.map { .init(a: min($0.a, $0.b), b: max($0.a, $0.b), relation: $0.relation.rawValue, weight: $0.weight) } },
                            metrics: r.metrics, charted: [.positiveDegree])
        // Every tie of the dataset is citable, in dataset order, with its source and locator.
        #expect(model.ties.count == Self.ties.count)
        #expect(model.ties[4].a == "b" && model.ties[4].b == "c" && model.ties[4].start == "1921" && model.ties[4].sources == [.init(source: "s", locator: "p4")])
        // 1921: the drawn c–d rivalry rests on tie 7 only; a–b on tie 3 (not the a–b ties of other years).
        let p1921 = model.periods[1]
        #expect(p1921.edges.first { $0.a == "c" && $0.b == "d" }?.ties == [7])
        #expect(p1921.edges.first { $0.a == "a" && $0.b == "b" }?.ties == [3])
        #expect(p1921.edges.count == 5)
        // c's defection names C2 and C1: members {a, b, c} ∪ {d, e} (1921) and {a, b}, {c, d} (1920): all five 1921 ties.
        let defection = try #require(p1921.changes.first { $0.event == "defection" })
        #expect(defection.ties == [3, 4, 5, 6, 7])
        // 1922: c leaves C1: members {a, b} now, {a, b, c} before; the 1922 ties among them: a–b only (tie 8).
        let leave = try #require(model.periods[2].changes.first { $0.event == "leave" })
        #expect(leave.ties == [8])
        // The event of June 1921 is in 1921 only.
        #expect(model.events.map(\.date) == ["1921-06"])
        #expect(model.periods.map(\.events) == [[], [0], [], []])
        // Alliances per actor per period: c has 1 in 1920 (d), 2 in 1921 (a, b), none in 1922 (absent).
        let c = try #require(model.actors.first { $0.id == "c" })
        #expect(c.metrics == [[1, 2, nil, nil]])
        let e = try #require(model.actors.first { $0.id == "e" })
        #expect(e.metrics == [[nil, 1, 1, 3]])
    }

    @Test("Co-membership: the shared faction's memberships lie behind a drawn alliance only when co-membership is drawn")
    func coMembershipEvidence() throws {
        let actors = [Actor(id: "f", name: "F", kind: .faction), Actor(id: "p", name: "P", kind: .person), Actor(id: "q", name: "Q", kind: .person)]
        let y = try HistoricalDate(year: 1920)
        let ties = [Tie(source: 1, target: 0, relation: .member, start: y, end: y),   // 0: p member of f
                    Tie(source: 2, target: 0, relation: .member, start: y, end: y),   // 1: q member of f
                    Tie(source: 1, target: 2, relation: .alliance, start: y, end: y)] // 2: p–q allied
        let info = DatasetInfo(name: "co", title: "Co", spanStart: y, spanEnd: y)
        let network = try TemporalNetwork(info: info, actors: actors, ties: ties)
        let snapshots = try SnapshotBuilder(network: network, options: SnapshotOptions(scheme: .year, level: .persons, coMembership: true)).build()
        func evidence(drawn: Bool) -> [Int]? {
            var model = ReportModel(dataset: .init(name: "co", title: "Co"), periods: [
                .init(label: "1920", start: "1920-01-01", end: "1920-12-31", counts: .init(count: 0, largestShare: nil, effectiveNumber: nil))])
            ReportEvidence.fill(&model, network: network, snapshots: snapshots, drawn: [[.init(a: "p", b: "q", relation: "alliance", weight: 2)]],
                                metrics: [], charted: [], coMembershipDrawn: drawn)
            return model.periods[0].edges.first?.ties
        }
        #expect(evidence(drawn: true) == [0, 1, 2])
        #expect(evidence(drawn: false) == [2])
    }
}
