import Analysis
import Coalitions
import Foundation
import Snapshots
import TemporalModel
import Testing
@testable import Uncertainty

@Suite struct ExplainTests {
    /// Two triangles {a,b,c} and {d,e,f} (1900–1901) merge in 1901 through the one alliance c–d: every other tie
    /// of a triangle is redundant (the two others keep it together), so the merge rests on c–d alone.
    static let triangles = Fixture.network(
        ["a", "b", "c", "d", "e", "f"],
        [("a", "b", .alliance, 1900, 1901, 1), ("b", "c", .alliance, 1900, 1901, 1), ("a", "c", .alliance, 1900, 1901, 1),
         ("d", "e", .alliance, 1900, 1901, 1), ("e", "f", .alliance, 1900, 1901, 1), ("d", "f", .alliance, 1900, 1901, 1),
         ("c", "d", .alliance, 1901, 1901, 0.6)],
        sources: [6: ["doc#p4"]])

    @Test func leaveOneOutFindsTheOneNecessaryTie() throws {
        let net = Self.triangles
        let list = try Explanation.explain(net, settings: Fixture.settings, period: "1901")
        let merge = try #require(list.first { $0.event.kind == .merge })
        #expect(merge.actors == (0..<6).map(Int32.init))
        #expect(merge.tested == 7)
        #expect(merge.restsOn == [6])
        #expect(merge.gained == [6] && merge.lost == [])
        #expect(Explanation.sentence(merge, network: net) == "rests on 1 tie, from doc#p4")
        // Filters: by number and by actor.
        let only = try Explanation.explain(net, settings: Fixture.settings, period: "1901", event: merge.number)
        #expect(only.map(\.number) == [merge.number])
        #expect(try Explanation.explain(net, settings: Fixture.settings, period: "1901", actor: net.index(of: "a")!).contains { $0.event.kind == .merge })
        #expect(throws: ExplainError.self) { try Explanation.explain(net, settings: Fixture.settings, period: "1950") }
        let table = Explanation.table([merge], network: net, settings: [])
        #expect(table.rows.map { $0[2].exact } == ["rests-on", "gained"])
        #expect(table.rows[0][3].exact == "c" && table.rows[0][4].exact == "d" && table.rows[0][8].exact == "0.6")
    }

    @Test func aMergeOnTwoRedundantTiesRestsOnNeither() throws {
        // Add a second bridge b–e: removing either bridge alone leaves the merge.
        var ties = Self.triangles.ties
        ties.append(Tie(source: 1, target: 4, relation: .alliance, start: Fixture.date(1901), end: Fixture.date(1901)))
        let net = try TemporalNetwork(info: Self.triangles.info, actors: Self.triangles.actors, ties: ties)
        let merge = try #require(try Explanation.explain(net, settings: Fixture.settings, period: "1901").first { $0.event.kind == .merge })
        #expect(merge.restsOn == [])
        #expect(merge.gained == [6, 7])
    }

    @Test func compareListsTheActorsWhoseCoalitionDiffers() throws {
        // Under reading "x" c allies with d (so {a,b,c,d,e,f} in 1901), under "y" it does not.
        var ties = Self.triangles.ties
        ties[6].scenarios = ["x"]
        let base = Self.triangles
        let info = DatasetInfo(name: "f", title: "f", spanStart: base.info.spanStart, spanEnd: base.info.spanEnd,
                               scenarios: [Scenario(id: "x"), Scenario(id: "y")])
        let net = try TemporalNetwork(info: info, actors: base.actors, ties: ties)
        let cmp = try ReadingComparison(net, settings: Fixture.settings, scenarios: ["x", "y"])
        let t = cmp.table(settings: [])
        // 1900: nothing differs; 1901: all six actors (their coalition of 6 is no longer than half of 3) and the merge.
        #expect(t.rows.allSatisfy { $0[0].exact == "1901" })
        #expect(t.rows.filter { $0[1].exact == "coalition" }.count == 6)
        let merge = try #require(t.rows.first { $0[1].exact == "merge" })
        #expect(merge[3].exact == "yes: a;b;c;d;e;f" && merge[4].exact == "no")
    }
}

@Suite struct ExplainDefectionTests {
    /// x and w defect together from Y to Z in 1901 (1900: allied with y1, y2; 1901: allied with z1, z2, rivals of
    /// Y); w's move rests on its own 1901 alliances only, so explaining w's part finds w's ties and not x's.
    @Test func aMoverPartOfAGroupDefectionRestsOnItsOwnTies() throws {
        let net = Fixture.network(
            ["w", "x", "y1", "y2", "z1", "z2"],
            [("y1", "y2", .alliance, 1900, 1901, 1), ("z1", "z2", .alliance, 1900, 1901, 1), ("y1", "z1", .rivalry, 1900, 1901, 1),
             ("y2", "z2", .rivalry, 1900, 1901, 1),
             ("x", "y1", .alliance, 1900, 1900, 1), ("x", "y2", .alliance, 1900, 1900, 1), ("x", "z1", .alliance, 1901, 1901, 1), ("x", "z2", .alliance, 1901, 1901, 1),
             ("w", "y1", .alliance, 1900, 1900, 1), ("w", "y2", .alliance, 1900, 1900, 1), ("w", "z1", .alliance, 1901, 1901, 1)])
        let all = try Explanation.explain(net, settings: Fixture.settings, period: "1901")
        let defection = try #require(all.first { EventMatching.kind($0.event) == "defection" })
        #expect(defection.actors == [net.index(of: "w")!, net.index(of: "x")!])
        // w's move to Z hangs on its single alliance w–z1 (tie 10); x has two, neither necessary alone.
        let w = try #require(try Explanation.explain(net, settings: Fixture.settings, period: "1901", actor: net.index(of: "w")!)
            .first { $0.event.kind == .switch })
        #expect(w.restsOn == [10])
        let x = try #require(try Explanation.explain(net, settings: Fixture.settings, period: "1901", actor: net.index(of: "x")!)
            .first { $0.event.kind == .switch })
        #expect(x.restsOn == [])
        // Without a focus, the group defection rests on what any mover's part rests on.
        #expect(defection.restsOn == [10])
    }
}
