@testable import Analysis
import Foundation
@testable import Metrics
import ReportPage
import Testing

/// The report page's limits (``ReportLimits``): which actors, drawn ties, changes and ties a page over them keeps,
/// with every expected value worked out by hand on small inputs, and the evidence of a limited page checked
/// against the same page without limits.
@Suite("Report page limits")
struct ReportLimitsTests {
    @Test("Actors: best rank by the ranking metric over the periods, then actor index; nil when all fit")
    func shownActors() throws {
        let period = try TidyTablesTests.result().snapshots[0].period
        // Period 1: actor 1 and 2 tie at 0.5 (1 first, smaller index), then 3 (0.2), then 0 (0.1).
        // Period 2: actor 3 first (0.9), actor 4's value failed (NaN: last).
        let metrics = [
            SnapshotNodeMetrics(period: period, actors: [0, 1, 2, 3], values: [.pagerank: [0.1, 0.5, 0.5, 0.2]], errors: []),
            SnapshotNodeMetrics(period: period, actors: [3, 4], values: [.pagerank: [0.9, .nan]], errors: []),
        ]
        // Best ranks: 0 → 3, 1 → 0, 2 → 1, 3 → 0 (period 2), 4 → 1; by (rank, index): 1, 3, 2, 4, 0.
        func limited(_ n: Int) -> Set<Int32>? {
            ReportLimits(actors: n, drawnTiesPerPeriod: 1, tiesPerChange: 1, changesPerPeriod: 1, tieRecords: 1)
                .shownActors(metrics, actorCount: 6, rankedBy: .pagerank)
        }
        #expect(limited(3) == [1, 3, 2])
        #expect(limited(4) == [1, 3, 2, 4])
        #expect(limited(5) == nil)  // five present actors (actor 5 never is): all fit
        #expect(limited(1) == [1])
        // Without the ranking metric: by actor index.
        #expect(ReportLimits.standard.shownActors(metrics, actorCount: 6, rankedBy: .betweenness) == nil)
        var small = ReportLimits.standard
        small.actors = 2
        #expect(small.shownActors(metrics, actorCount: 6, rankedBy: .betweenness) == [0, 3])
    }

    @Test("Counts in the page's notes have their thousands grouped")
    func grouped() {
        #expect(ReportLimits.grouped(0) == "0")
        #expect(ReportLimits.grouped(999) == "999")
        #expect(ReportLimits.grouped(1_000) == "1,000")
        #expect(ReportLimits.grouped(1_627_054) == "1,627,054")
        #expect(ReportLimits.grouped(-48_000) == "-48,000")
    }

    @Test("Strongest: largest |weight| first, equal ones by index, kept in index order")
    func strongest() {
        #expect(ReportLimits.strongest([1, -3, 2, 3, 0.5], limit: 2) == [1, 3])
        #expect(ReportLimits.strongest([1, -3, 2, 3, 0.5], limit: 3) == [1, 2, 3])
        #expect(ReportLimits.strongest([1, -3, 2, 3, 0.5], limit: 5) == [0, 1, 2, 3, 4])
        #expect(ReportLimits.strongest([2, 2, 2], limit: 1) == [0])
    }

    @Test("Changes: merges, splits, births, deaths, defections first, then by actors concerned, then order")
    func notableChanges() {
        let changes = [("realignment", 5), ("merge", 2), ("join", 10), ("split", 3), ("continuation", 1), ("growth", 40)]
            .map { (event: $0.0, actors: $0.1) }
        func keep(_ n: Int) -> [Int] {
            ReportLimits(actors: 1, drawnTiesPerPeriod: 1, tiesPerChange: 1, changesPerPeriod: n, tieRecords: 1).notableChanges(changes)
        }
        #expect(keep(2) == [1, 3])         // split (3 actors), merge (2)
        #expect(keep(3) == [1, 3, 5])      // then growth
        #expect(keep(4) == [1, 2, 3, 5])   // then join
        #expect(keep(5) == [0, 1, 2, 3, 5])
        #expect(keep(6) == [0, 1, 2, 3, 4, 5])
    }

    @Test("Coalitions: the largest (equal sizes by order) and every one holding a shown actor, in order")
    func listedCoalitions() {
        var limits = ReportLimits.standard
        limits.coalitionsPerPeriod = 2
        let sizes = [3, 5, 1, 5, 2]
        #expect(limits.listedCoalitions(sizes: sizes, needed: [false, false, true, false, false]) == [1, 2, 3])
        #expect(limits.listedCoalitions(sizes: sizes, needed: [false, false, false, false, false]) == [1, 3])
        #expect(limits.listedCoalitions(sizes: sizes, needed: [true, true, true, true, true]) == [0, 1, 2, 3, 4])
        limits.coalitionsPerPeriod = 5
        #expect(limits.listedCoalitions(sizes: sizes, needed: [false, false, false, false, false]) == [0, 1, 2, 3, 4])
    }

    @Test("Coalitions are dropped only with the actors limited: every coalition of a shown actor stays listed")
    func coalitionsOfShownActors() throws {
        let r = try TidyTablesTests.result()
        var limits = ReportLimits.none
        limits.coalitionsPerPeriod = 1
        func listed(_ shown: Set<Int32>?) -> [[String]] {
            AnalysisWriter.reportModel(r, periodSVG: [:], storySVG: nil, colors: [:], generator: "test", limits: limits, shownActors: shown)
                .periods.map { $0.coalitions.map(\.id) }
        }
        // 1920–1922: C1 (a, b …) and C2 (c/d, e), of equal size in 1920 and 1922 (C1 first), C1 larger in 1921; 1923: C1 only.
        #expect(listed(nil) == [["C1", "C2"], ["C1", "C2"], ["C1", "C2"], ["C1"]])
        #expect(listed([0]) == [["C1"], ["C1"], ["C1"], ["C1"]])        // a is in C1 throughout
        #expect(listed([3]) == [["C1", "C2"], ["C1", "C2"], ["C1", "C2"], ["C1"]])  // d is in C2 until 1923
    }

    @Test("A limited page cites the same ties as the whole page, renumbered, and says what it left out")
    func limitedEvidence() throws {
        let r = try TidyTablesTests.result()
        let series = r.diagramSeries()
        let drawn: [[ReportEvidence.Drawn]] = series.diagrams.map {
            $0.edges.map { .init(a: min($0.a, $0.b), b: max($0.a, $0.b), relation: $0.relation.rawValue, weight: $0.weight) }
        }
        var whole = AnalysisWriter.reportModel(r, periodSVG: [:], storySVG: nil, colors: [:], generator: "test")
        ReportEvidence.fill(&whole, network: r.network, snapshots: r.snapshots, drawn: drawn, metrics: r.metrics, charted: [.positiveDegree])
        #expect(whole.abridged == nil)
        // Unlimited, the standard limits change nothing on this dataset.
        var standard = AnalysisWriter.reportModel(r, periodSVG: [:], storySVG: nil, colors: [:], generator: "test", limits: .standard)
        ReportEvidence.fill(&standard, network: r.network, snapshots: r.snapshots, drawn: drawn, metrics: r.metrics, charted: [.positiveDegree],
                            limits: .standard)
        #expect(standard == whole)

        // Two drawn ties per period, one tie per change, four tie records (the reading has 17): only cited ties.
        let limits = ReportLimits(actors: 5, drawnTiesPerPeriod: 2, tiesPerChange: 1, changesPerPeriod: 100, tieRecords: 4)
        var model = AnalysisWriter.reportModel(r, periodSVG: [:], storySVG: nil, colors: [:], generator: "test", limits: limits)
        ReportEvidence.fill(&model, network: r.network, snapshots: r.snapshots, drawn: drawn, metrics: r.metrics, charted: [.positiveDegree],
                            limits: limits)
        // 1921 draws five ties, all of weight ±1: the first two in the diagram's order are kept.
        #expect(whole.periods[1].edges.count == 5 && whole.periods[1].edges.allSatisfy { abs($0.weight) == 1 })
        for p in model.periods.indices {
            let kept = whole.periods[p].edges.prefix(2)
            #expect(model.periods[p].edges.map { [$0.a, $0.b, $0.relation] } == kept.map { [$0.a, $0.b, $0.relation] })
        }
        // Every tie of the whole page is a dataset tie (all 17 are in the reading): record k of the whole page is tie k.
        #expect(whole.ties.count == TidyTablesTests.ties.count)
        // The limited page's records are the cited ones in dataset order, and each citation names the same tie.
        var cited = Set<Int>()
        for (p, period) in model.periods.enumerated() {
            for (e, edge) in period.edges.enumerated() { cited.formUnion(whole.periods[p].edges[e].ties) ; _ = edge }
            for (k, change) in period.changes.enumerated() {
                let all = whole.periods[p].changes[k].ties
                // One tie per change: all weights are 1, so the first of the whole page's (dataset order) is kept.
                #expect(change.ties.count == min(1, all.count))
                cited.formUnion(all.prefix(1))
                if all.count > 1 {
                    #expect(change.detail == whole.periods[p].changes[k].detail + " (This page lists the 1 strongest of the \(all.count) ties it rests on.)")
                } else {
                    #expect(change.detail == whole.periods[p].changes[k].detail)
                }
            }
        }
        let order = cited.sorted()
        #expect(model.ties == order.map { whole.ties[$0] })
        for (p, period) in model.periods.enumerated() {
            for (e, edge) in period.edges.enumerated() {
                #expect(edge.ties.map { order[$0] } == whole.periods[p].edges[e].ties)
            }
            for (k, change) in period.changes.enumerated() {
                #expect(change.ties.map { order[$0] } == Array(whole.periods[p].changes[k].ties.prefix(1)))
            }
        }
        let note = try #require(model.abridged)
        #expect(note.count == 3)
        #expect(note[0].hasPrefix("the evidence of \(whole.periods.map { max(0, $0.edges.count - 2) }.reduce(0, +)) drawn ties"))
        #expect(note[2] == "\(17 - order.count) of the 17 ties of the dataset's reading (the page carries the \(order.count) it cites; an actor's ties list only those)")
    }

    @Test("Limited actors: coalitions list their shown members and count the others; changes keep the most notable")
    func limitedActorsAndChanges() throws {
        let r = try TidyTablesTests.result()
        let shown: Set<Int32> = [0, 3]  // a and d
        let limits = ReportLimits(actors: 2, drawnTiesPerPeriod: 100, tiesPerChange: 100, changesPerPeriod: 1, tieRecords: 100)
        var whole = AnalysisWriter.reportModel(r, periodSVG: [:], storySVG: nil, colors: [:], generator: "test")
        var model = AnalysisWriter.reportModel(r, periodSVG: [:], storySVG: nil, colors: [:], generator: "test", limits: limits, shownActors: shown)
        ReportEvidence.fill(&whole, network: r.network, snapshots: r.snapshots, drawn: [], metrics: r.metrics, charted: [.positiveDegree])
        ReportEvidence.fill(&model, network: r.network, snapshots: r.snapshots, drawn: [], metrics: r.metrics, charted: [.positiveDegree],
                            limits: limits, shownActors: shown,
                            coalitionMembers: r.history.periods.map { p in Dictionary(uniqueKeysWithValues: p.coalitions.map { ($0.id, $0.members) }) })
        for (p, period) in model.periods.enumerated() {
            for (c, coalition) in period.coalitions.enumerated() {
                let all = whole.periods[p].coalitions[c]
                #expect(coalition.size == all.size)
                #expect(coalition.members == all.members.filter { ["a", "d"].contains($0.id) })
                #expect(coalition.omitted == (all.size > coalition.members.count ? all.size - coalition.members.count : nil))
            }
            // One change per period: the most notable of the whole page's, with the same ties (found from every member).
            let rank = whole.periods[p].changes.indices.min {
                (ReportLimits.notability(whole.periods[p].changes[$0].event), -whole.periods[p].changes[$0].actors.count, $0)
                    < (ReportLimits.notability(whole.periods[p].changes[$1].event), -whole.periods[p].changes[$1].actors.count, $1)
            }
            #expect(period.changes == rank.map { [whole.periods[p].changes[$0]] } ?? [])
        }
        #expect(model.actors.map(\.id) == ["a", "d"])
        #expect(model.abridged?.last == "3 of the 5 actors from the actor view, the search and the coalitions' member lists "
            + "(the page keeps the 2 ranked best by \(whole.centrality) in some period)")
        let left = whole.periods.map(\.changes.count).reduce(0, +) - model.periods.map(\.changes.count).reduce(0, +)
        #expect(left > 0)
        #expect(model.abridged?.first == "\(left) of the \(r.history.events.count) changes (each period lists its 1 most notable: "
            + "merges, splits, births, deaths and defections first)")
    }
}
