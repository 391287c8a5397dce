import Analysis
import Coalitions
import DatasetIO
import Foundation
import ReportPage
import Snapshots
import TemporalModel
import TestSupport
import Testing
@testable import Uncertainty

/// The report's explanations (every change at once, each tie removed once for all the changes that test it) against
/// `blocs explain`'s per-period code, which removes the ties again for each change.
@Suite struct ExplainAllTests {
    func same(_ a: [EventExplanation], _ b: [EventExplanation]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            x.event == y.event && x.number == y.number && x.restsOn == y.restsOn && x.gained == y.gained && x.lost == y.lost
                && x.tested == y.tested && x.detail == y.detail
        }
    }

    @Test func matchesThePerPeriodExplanationOnTheTriangles() throws {
        let net = ExplainTests.triangles
        let (all, runs, skipped) = try Explanation.explainAll(net, settings: Fixture.settings, maxRuns: 100)
        #expect(!skipped && runs == 7)
        let one = try Explanation.explain(net, settings: Fixture.settings, period: "1901")
        #expect(same(all.filter { $0.event.periodIndex == 1 }, one))
        #expect(all.contains { $0.event.kind == .merge && $0.restsOn == [6] })
        // Over the limit: no re-run, the ties gained and lost kept.
        let (cheap, wanted, cut) = try Explanation.explainAll(net, settings: Fixture.settings, maxRuns: 6)
        #expect(cut && wanted == 7)
        let merge = try #require(cheap.first { $0.event.kind == .merge })
        #expect(merge.restsOn == [] && merge.tested == 0 && merge.gained == [6] && merge.lost == [])
        // Too many tie ends among the changes' actors: nothing explained. The 1901 merge alone has 14 among its six
        // actors (2, 2, 3, 3, 2, 2: c and d hold the bridge), over 13.
        let (none, noRuns, cutAll) = try Explanation.explainAll(net, settings: Fixture.settings, maxRuns: 100, maxPairs: 13)
        #expect(none.isEmpty && noRuns == 0 && cutAll)
    }

    @Test func matchesThePerPeriodExplanationOnSoviet() throws {
        let net = try SovietDrawsTests.soviet()
        let settings = try DrawSettings(StudySettings(period: .year, scenario: "consensus"), network: net)
        let (two, runs, skipped) = try Explanation.explainAll(net, settings: settings, maxRuns: ReportInputs.leaveOneOutLimit, threads: 2)
        #expect(!skipped && runs > 0 && runs <= net.ties.count)
        // The same on one thread (which thread removed which tie does not matter).
        let (one, _, _) = try Explanation.explainAll(net, settings: settings, maxRuns: ReportInputs.leaveOneOutLimit, threads: 1)
        #expect(same(two, one))
        // The same from the analysis's own history (what analyze passes) as from the pipeline's reference run.
        let analysis = try Study(net, settings: StudySettings(period: .year, scenario: "consensus")).result()
        let (given, givenRuns, givenSkipped) = try Explanation.explainAll(net, settings: settings, history: analysis.history,
                                                                          maxRuns: ReportInputs.leaveOneOutLimit, threads: 2)
        #expect(same(two, given) && givenRuns == runs && !givenSkipped)
        for (t, label) in [(5, "1926"), (11, "1932")] {
            let per = try Explanation.explain(net, settings: settings, period: label)
            #expect(same(two.filter { $0.event.periodIndex == t }, per), "period \(label)")
        }
        // The Safarov-Tarkhan group forms in 1932 on its two members' ties (the report's known case).
        let birth = try #require(two.first { $0.event.periodIndex == 11 && $0.event.kind == .birth })
        #expect(birth.restsOn.map { [net.actors[Int(net.ties[$0].source)].id, net.actors[Int(net.ties[$0].target)].id] }
                == [["safarov", "safarov-tarkhan"], ["tarkhan", "safarov-tarkhan"]])
    }

    /// What analyze passes to the report on Soviet: an explanation for every change, the five readings with
    /// consensus, broue and getty agreeing everywhere at the persons level; over a small limit, a note instead of
    /// the leave-one-out.
    @Test func reportAdditionsOnSoviet() throws {
        let net = try SovietDrawsTests.soviet()
        let result = try Study(net, settings: StudySettings(period: .year, scenario: "consensus")).result()
        let changes = result.history.events.filter { Explanation.explainedKinds.contains($0.kind) }
        let small = try ReportInputs.additions(for: result, maxRuns: 10)
        #expect(small.explanations.count == changes.count)
        #expect(small.explanations.values.allSatisfy { $0.tested == nil && $0.restsOn.isEmpty })
        let note = try #require(small.explanationNote)
        #expect(note.contains("over the limit of 10"))
        let readings = try #require(small.readings)
        #expect(readings.scenarios == ["consensus", "broue", "getty", "rights-in-bloc", "zk-in-bloc"] && readings.shown == "consensus")
        #expect(readings.identicalGroups() == [["consensus", "broue", "getty"]])
        #expect(readings.periods.count == result.snapshots.count)
        let p1932 = try #require(result.snapshots.firstIndex { $0.period.label == "1932" })
        let kamenev = try #require(readings.periods[p1932].differences.first { $0.what == "coalition" && $0.actors == ["Lev Kamenev"] })
        #expect(kamenev.places[0] == "Kamenev–Zinoviev bloc" && kamenev.places[4] != kamenev.places[0])
        let full = try ReportInputs.additions(for: result)
        #expect(full.explanationNote == nil && full.leaveOneOutRuns > 10 && full.explanations.count == changes.count)
        #expect(full.explanations.values.allSatisfy { $0.tested != nil })
    }
}
