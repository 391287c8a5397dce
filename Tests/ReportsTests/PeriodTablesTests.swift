import Blocs
import Foundation
import Testing
import TestSupport

/// The table builders on the tiny dataset of TestSupport, every value worked out by hand from its five ties:
/// trotsky member of left (1923-10, open), stalin and zinoviev members of the troika (1923–1925), trotsky–stalin
/// rivals (1923, open), left–troika rivals (1923-10 to 1925, reading a only).
@Suite("Table builders")
struct PeriodTablesTests {
    static func study(_ settings: StudySettings = StudySettings()) throws -> (Study, TempDataset) {
        let ds = try TempDataset()
        return (try Study(try DatasetLoader.load(ds.path), settings: settings), ds)
    }

    @Test("Snapshot sizes: persons level, co-membership on")
    func sizes() throws {
        let (study, ds) = try Self.study()
        defer { ds.remove() }
        // 1923–1925: trotsky, stalin, zinoviev; stalin–zinoviev co-members (+1), trotsky–stalin rivals (−1); the
        // active ties are the rivalry and the three memberships; density 2 of 3 pairs. 1926–1927: zinoviev's only
        // tie (the troika) is over; the rivalry and trotsky's membership remain.
        let table = PeriodTables.sizes(study.snapshots, options: study.options, network: study.network)
        #expect(table.csv() == """
            period,start,end,actors,active_ties,pos_edges,neg_edges,ambivalent,density,level,rule,scenario
            1923,1923-01-01,1923-12-31,3,4,1,1,0,0.6666666666666666,persons,overlap,a
            1924,1924-01-01,1924-12-31,3,4,1,1,0,0.6666666666666666,persons,overlap,a
            1925,1925-01-01,1925-12-31,3,4,1,1,0,0.6666666666666666,persons,overlap,a
            1926,1926-01-01,1926-12-31,2,2,0,1,0,1.0,persons,overlap,a
            1927,1927-01-01,1927-12-31,2,2,0,1,0,1.0,persons,overlap,a

            """)
        #expect(table.settings.map { "\($0.0)=\($0.1)" }
                == ["dataset=tiny", "period=year", "rule=overlap", "level=persons", "scenario=a", "comembership=on"])
    }

    @Test("Balance at the factions level: one negative edge, balanced, no triangle")
    func balance() throws {
        let (study, ds) = try Self.study(StudySettings(level: .factions))
        defer { ds.remove() }
        // Factions: left (1923-10 to 1927-12) and troika (1923–1925), rivals 1923-10 to 1925 under reading a.
        let (table, failures) = PeriodTables.balance(study.balances, settings: [])
        #expect(failures.isEmpty)
        let rows = table.csv().split(separator: "\n").map(String.init)
        #expect(rows[0] == PeriodTables.balanceColumns.joined(separator: ","))
        // Two nodes, one rivalry: no triangle (ratio empty), frustration 0 (split the two), 1 − 0/(1/2) = 1,
        // walk balance 1 (a tree), algebraic conflict 0 (balanced).
        // Error bounds 0: both are exact (dense eigenvalues of components below the limit).
        #expect(rows[1] == "1923,2,0,1,0,0,0,0,0,,1.0,0.0,0,true,0,1.0,0.0,0.0")
        #expect(rows[4] == "1926,1,0,0,0,0,0,0,0,,1.0,0.0,0,true,0,,0.0,0.0")
    }

    @Test("Metric failures are typed warnings: period and error, the table names them in its settings")
    func metricWarnings() throws {
        // Katz needs alpha < 1/lambda_max. 1923–1925: stalin and zinoviev are co-members of the troika, one alliance
        // of weight 1, lambda_max = 1, so alpha 1.5 is refused; 1926–1927 have no alliance (lambda_max 0): defined.
        var settings = StudySettings()
        settings.centrality.katzAlpha = 1.5
        let (study, ds) = try Self.study(settings)
        defer { ds.remove() }
        let (table, failures) = PeriodTables.nodeMetrics(study.metrics, metrics: [.katz], network: study.network, settings: [])
        // And PN-centrality, (I − A*/(2n−2))⁻¹·1 with A* = P − 2N: 1926–1927 are two actors and one rivalry, so
        // A*/(2n−2) has −1 off the diagonal and I − A*/2 = [[1, 1], [1, 1]] is singular (by hand).
        let katz = failures.filter { $0.error.metric == "katz" }, pn = failures.filter { $0.error.metric == "pn" }
        #expect(katz.map(\.period) == ["1923", "1924", "1925"])
        #expect(pn.map(\.period) == ["1926", "1927"] && pn.allSatisfy { $0.error == .singularSystem(metric: "pn") })
        #expect(katz.count + pn.count == failures.count)
        for f in katz {
            guard case .katzAlphaTooLarge(let alpha, let radius) = f.error else { Issue.record("\(f)"); continue }
            #expect(alpha == 1.5 && abs(radius - 1) < 1e-9)
        }
        #expect(failures.first?.description.hasPrefix("1923: katz: ") == true)
        #expect(table.settings.last?.0 == "errors")
    }

    @Test("The metrics CSV made without cells is the table's CSV byte for byte: failed cells empty, counts as integers")
    func metricsCSV() throws {
        var settings = StudySettings()
        settings.centrality.katzAlpha = 1.5  // Katz fails in 1923–1925, PN in 1926–1927 (above): empty cells
        let (study, ds) = try Self.study(settings)
        defer { ds.remove() }
        for chosen in [NodeMetric.allCases, [.pagerank, .negativeDegree, .katz], []] {
            let results = study.metrics(chosen)
            let reference = PeriodTables.nodeMetrics(results, metrics: chosen, network: study.network, settings: []).table.csv()
            #expect(PeriodTables.nodeMetricsCSV(results, metrics: chosen, network: study.network) == reference)
        }
        let text = PeriodTables.nodeMetricsCSV(study.metrics, metrics: [.negativeDegree, .katz], network: study.network)
        #expect(text.hasPrefix("period,actor,name,kind,neg_degree,katz\n1923,"))
        #expect(text.split(separator: "\n")[1].hasSuffix(",1,"))  // 1923: trotsky–stalin rivals; Katz refused
    }

    @Test("Change sentences and the changes table from typed events")
    func changes() throws {
        let people = ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"]
        func clique(_ year: Int, _ g: [String]) -> [(Int, String, String, Bool)] {
            g.indices.flatMap { i in g[(i + 1)...].map { (year, g[i], $0, true) } }
        }
        let a = ["a1", "a2", "a3", "a4"], b = ["b1", "b2", "b3", "b4"]
        // 1900: A and B rivals (a1–b1); 1901: a4 goes over to B.
        let ties = clique(1900, a) + clique(1900, b) + [(1900, "a1", "b1", false)] + clique(1901, ["a1", "a2", "a3"]) + clique(1901, b + ["a4"])
        let actors = people.map { Actor(id: $0, name: $0.uppercased(), kind: .person) }
        let index = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1, Int32($0)) })
        let network = try TemporalNetwork(
            info: DatasetInfo(name: "hand", title: "Hand", spanStart: try HistoricalDate(year: 1900), spanEnd: try HistoricalDate(year: 1901)),
            actors: actors,
            ties: try ties.map { Tie(source: index[$0.1]!, target: index[$0.2]!, relation: $0.3 ? .alliance : .rivalry,
                                     start: try HistoricalDate(year: $0.0), end: try HistoricalDate(year: $0.0)) })
        let study = try Study(network, settings: StudySettings(method: .components))
        let h = study.history
        let label = { (t: Int, id: String) in h.periods[t].coalitions.first { $0.id == id }!.label }
        let table = ChangeTables.events(h, network: network, settings: [], actorEvents: true)
        let rows = table.csv().split(separator: "\n").dropFirst().map(String.init)
        // Tidy: event_id, period, event, from, to, actor, defection, detail; one row per link or actor.
        #expect(rows == [
            "1,1900,birth,,C1,,,\"C1 forms: \(label(0, "C1")) (4: A1, A2, A3, A4)\"",
            "2,1900,birth,,C2,,,\"C2 forms: \(label(0, "C2")) (4: B1, B2, B3, B4)\"",
            "3,1901,growth,C2,C2,,,C2 \(label(1, "C2")): 4 → 5",
            "4,1901,contraction,C1,C1,,,C1 \(label(1, "C1")): 4 → 3",
            "5,1901,defection,C1,C2,a4,true,\"A4: C1 (\(label(0, "C1"))) → C2 (\(label(1, "C2"))), defection across a rivalry (net -1 in 1900)\"",
        ])
        #expect(ChangeSentences.name(h.events.last!) == "defection")
    }
}
