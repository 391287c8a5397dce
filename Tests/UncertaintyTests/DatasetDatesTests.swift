import DatasetIO
import Foundation
import Snapshots
import TemporalModel
import TestSupport
import Testing
@testable import Uncertainty

/// The uncertain dates and scenario weights of the dataset format, read by the real loader and drawn by
/// ``DrawModel/datesFromDataset`` and ``DrawModel/scenarioWeights(declaredIn:)``.
@Suite struct DatasetDatesTests {
    /// x is allied with y1, y2 (Y) and z1, z2, z3 (Z, rivals of Y); the rivalry x–z1 (weight 3) keeps x in Y while it
    /// lasts, and ends in `[1900..1901]`. The reference reads the range as its middle unit, the earlier of two: 1900,
    /// so x defects to Z in 1901; a draw ending it in 1901 moves the defection to 1902. Each year is drawn with
    /// probability ½: the 1901 defection's share lies in the exact binomial 99% interval of ½ at 2,000 draws
    /// (scripts/uncertainty_fixtures.py), and every other draw has the 1902 one.
    @Test func aDateRangeMovesADefectionAcrossABoundaryHalfTheTime() throws {
        var ties = "source,target,relation,start,end,weight,confidence,sources,scenario,note\n"
        for (a, b, rel) in [("y1", "y2", "alliance"), ("z1", "z2", "alliance"), ("z2", "z3", "alliance"), ("z1", "z3", "alliance"),
                            ("y1", "z1", "rivalry"), ("y2", "z2", "rivalry"), ("y1", "z3", "rivalry"),
                            ("x", "y1", "alliance"), ("x", "y2", "alliance"), ("x", "z1", "alliance"), ("x", "z2", "alliance"), ("x", "z3", "alliance")] {
            ties += "\(a),\(b),\(rel),1900,1902,,,s,,\n"
        }
        ties += "x,z1,rivalry,1900,[1900..1901],3,,s,,\n"
        let ds = try TempDataset(
            yaml: "name: ranges\ntitle: Ranges\nspan: {start: 1900, end: 1902}\nsources:\n  - {id: s, citation: \"S\"}\n",
            actors: "id,name,kind,start,end,note\n" + ["x", "y1", "y2", "z1", "z2", "z3"].map { "\($0),\($0),person,,," }.joined(separator: "\n") + "\n",
            ties: ties)
        defer { ds.remove() }
        let net = try DatasetLoader.load(ds.path)
        #expect(net.ties.last?.end?.isUncertain == true && net.ties.last?.end?.possibleCount == 2)
        let settings = DrawSettings(snapshot: SnapshotOptions(scheme: .year, level: .persons, scenario: nil, coMembership: false),
                                    described: [])
        let mc = try MonteCarlo(network: net, settings: settings, model: DrawModel(seed: 12, scenarios: .fixed(nil)))
        let reference = mc.reference.history.events.filter { EventMatching.kind($0) == "defection" }
        #expect(reference.map(\.period) == ["1901"] && reference.first?.actors == [net.index(of: "x")!])
        let result = try mc.finish(try mc.run(draws: 0..<2000))
        let in1901 = try #require(result.events.first { $0.kind == "defection" && $0.inReference })
        let in1902 = try #require(result.events.first { $0.kind == "defection" && !$0.inReference })
        #expect(in1901.period == "1901" && in1902.period == "1902")
        #expect(in1901.probability >= 0.471 && in1901.probability <= 0.529, "\(in1901.probability)")
        #expect(in1901.draws + in1902.draws == 2000)
        // x's membership of Y in 1901 holds exactly in the draws that keep the rivalry through 1901.
        let x1901 = try #require(result.memberships.first { $0.period == "1901" && $0.actor == net.index(of: "x")! })
        #expect(x1901.probability == in1901.probability)
    }

    @Test func declaredScenarioWeightsAreDrawn() throws {
        let yaml = """
            name: weighted
            title: Weighted
            span: {start: 1900, end: 1901}
            sources:
              - {id: s, citation: "S"}
            scenarios:
              - {id: one, weight: 1}
              - {id: two, weight: 3}

            """
        let ds = try TempDataset(yaml: yaml, actors: "id,name,kind,start,end,note\na,a,person,,,\nb,b,person,,,\n",
                                 ties: "source,target,relation,start,end,weight,confidence,sources,scenario,note\na,b,alliance,1900,1901,,,s,two,\n")
        defer { ds.remove() }
        let net = try DatasetLoader.load(ds.path)
        let weights = try #require(DrawModel.scenarioWeights(declaredIn: net.info))
        #expect(weights == [ScenarioWeight("one", 1), ScenarioWeight("two", 3)])
        let settings = DrawSettings(snapshot: SnapshotOptions(scheme: .year, level: .persons, scenario: "two", coMembership: false), described: [])
        let mc = try MonteCarlo(network: net, settings: settings, model: DrawModel(seed: 5, scenarios: .weighted(weights)))
        let r = try mc.finish(try mc.run(draws: 0..<2000))
        let two = try #require(r.scenarioShares.first { $0.scenario == "two" })
        #expect(two.share >= 0.725 && two.share <= 0.7745, "\(two.share)")
    }
}
