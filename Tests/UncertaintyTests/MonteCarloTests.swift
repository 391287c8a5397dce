import Analysis
import Coalitions
import DatasetIO
import TestSupport
import Foundation
import GraphCore
import Metrics
import Reports
import Snapshots
import TemporalModel
import Testing
@testable import Uncertainty

/// Small hand-made networks whose Monte Carlo answers are known exactly.
enum Fixture {
    static func date(_ y: Int) -> HistoricalDate { try! HistoricalDate(year: y) }

    static func network(_ persons: [String], _ ties: [(String, String, Relation, Int, Int, Double)], scenarios: [String] = [],
                        tagged: [Int: [String]] = [:], sources: [Int: [String]] = [:]) -> TemporalNetwork {
        let actors = persons.map { Actor(id: $0, name: $0, kind: .person) }
        let index = Dictionary(uniqueKeysWithValues: persons.enumerated().map { ($1, Int32($0)) })
        let list = ties.enumerated().map { i, t in
            Tie(source: index[t.0]!, target: index[t.1]!, relation: t.2, start: date(t.3), end: date(t.4), confidence: t.5,
                sources: (sources[i] ?? ["s\(i)"]).map { SourceReference(parsing: $0) }, scenarios: tagged[i] ?? [])
        }
        let years = ties.flatMap { [$0.3, $0.4] }
        let info = DatasetInfo(name: "fixture", title: "fixture", spanStart: date(years.min()!), spanEnd: date(years.max()!),
                               scenarios: scenarios.map { Scenario(id: $0) })
        return try! TemporalNetwork(info: info, actors: actors, ties: list)
    }

    /// 1900: {a,b} and {c,d}; 1901: the alliance b–c (confidence 0.3) merges them. Also 1900: {e,f,g,h} held by
    /// certain alliances; 1901: the certain rivalry f–g splits it into {e,f} and {g,h}.
    static let mergeAndSplit = network(
        ["a", "b", "c", "d", "e", "f", "g", "h"],
        [("a", "b", .alliance, 1900, 1901, 1), ("c", "d", .alliance, 1900, 1901, 1), ("b", "c", .alliance, 1901, 1901, 0.3),
         ("e", "f", .alliance, 1900, 1901, 1), ("g", "h", .alliance, 1900, 1901, 1), ("f", "g", .alliance, 1900, 1900, 1),
         ("f", "g", .rivalry, 1901, 1901, 1)])

    static let settings = DrawSettings(snapshot: SnapshotOptions(scheme: .year, level: .persons, scenario: nil, coMembership: false),
                                       described: [DrawSettings.Setting("level", "persons")])
}

@Suite struct MonteCarloTests {
    @Test func mergeRestingOnOneUncertainTieHasItsConfidence() throws {
        let net = Fixture.mergeAndSplit
        let mc = try MonteCarlo(network: net, settings: Fixture.settings, model: DrawModel(seed: 42, scenarios: .fixed(nil)))
        let ref = mc.reference.history.events
        #expect(ref.contains { $0.kind == .merge && $0.period == "1901" })
        #expect(ref.contains { $0.kind == .split && $0.period == "1901" })
        let result = try mc.finish(try mc.run(draws: 0..<2000, workers: 2))
        let merge = try #require(result.events.first { $0.kind == "merge" && $0.inReference })
        // Exact binomial 99% interval of Binomial(2000, 0.3) / 2000 (scripts/uncertainty_fixtures.py).
        #expect(merge.probability >= 0.274 && merge.probability <= 0.3265, "merge probability \(merge.probability)")
        let split = try #require(result.events.first { $0.kind == "split" && $0.inReference })
        #expect(split.probability == 1)
        // Without the merge, {a,b} and {c,d} continue: events the reference lacks, in 1 − p of draws, listed.
        let extra = result.events.filter { !$0.inReference && $0.period == "1901" && $0.kind == "continuation" }
        #expect(extra.count == 2)
        for e in extra { #expect(e.draws == 2000 - merge.draws) }
        // Memberships: c is in the merged coalition exactly when the merge happens; e always with f.
        let c = try #require(result.memberships.first { $0.period == "1901" && net.actors[Int($0.actor)].id == "c" })
        #expect(c.probability == merge.probability)
        let e = try #require(result.memberships.first { $0.period == "1901" && net.actors[Int($0.actor)].id == "e" })
        #expect(e.probability == 1)
        // Pairs: b and c share a coalition in 1901 exactly in the merge draws; a and b always.
        let p1901 = try #require(result.pairs.first { $0.period == "1901" })
        let ia = net.index(of: "a")!, ib = net.index(of: "b")!, ic = net.index(of: "c")!
        #expect(p1901.share(ib, ic) == merge.probability && p1901.share(ia, ib) == 1 && p1901.share(ic, ib) == merge.probability)
    }

    @Test func readingsAreDrawnByTheirWeights() throws {
        // The a–b alliance holds only under reading "two": with weights one=1, two=3 it exists in 3/4 of draws.
        let net = Fixture.network(["a", "b", "c"], [("a", "b", .alliance, 1900, 1901, 1), ("b", "c", .alliance, 1900, 1901, 1)],
                                  scenarios: ["one", "two"], tagged: [0: ["two"]])
        let settings = Fixture.settings.reading("two")
        let model = DrawModel(seed: 9, scenarios: .weighted([ScenarioWeight("one", 1), ScenarioWeight("two", 3)]))
        let mc = try MonteCarlo(network: net, settings: settings, model: model)
        let result = try mc.finish(try mc.run(draws: 0..<2000, workers: 1))
        let two = try #require(result.scenarioShares.first { $0.scenario == "two" })
        #expect(two.share >= 0.725 && two.share <= 0.7745, "share of reading two \(two.share)")
        let a = try #require(result.memberships.first { $0.period == "1900" && net.actors[Int($0.actor)].id == "a" })
        #expect(a.present == two.share && a.probability == two.share)
    }

    @Test func sameSeedGivesIdenticalTablesWhateverTheSplit() throws {
        let mc = try MonteCarlo(network: Fixture.mergeAndSplit, settings: Fixture.settings, model: DrawModel(seed: 3, scenarios: .fixed(nil)))
        func tables(_ tally: DrawTally) throws -> [String] { UncertaintyTables.files(try mc.finish(tally), model: mc.model).map(\.contents) }
        let one = try tables(try mc.run(draws: 0..<2000, workers: 1))
        let two = try tables(try mc.run(draws: 0..<2000, workers: 2))
        var split = try mc.run(draws: 700..<2000, workers: 2)
        // Through JSON, as array tasks of a cluster job hand their partials over.
        let first = try JSONDecoder().decode(DrawTally.self, from: JSONEncoder().encode(try mc.run(draws: 0..<700, workers: 1)))
        try split.merge(first)
        #expect(split.draws == [0..<2000])
        #expect(one == two)
        #expect(try tables(split) == one)
        // A different seed gives other draws; counting a draw twice is refused.
        let other = try MonteCarlo(network: Fixture.mergeAndSplit, settings: Fixture.settings, model: DrawModel(seed: 4, scenarios: .fixed(nil)))
        let otherTables = UncertaintyTables.files(try other.finish(try other.run(draws: 0..<2000)), model: other.model).map(\.contents)
        #expect(otherTables != one)
        var again = try mc.run(draws: 0..<10)
        #expect(throws: UncertaintyError.drawsOverlap(0..<10, 5..<15)) { try again.merge(try mc.run(draws: 5..<15)) }
        #expect(throws: UncertaintyError.self) { try again.merge(try other.run(draws: 20..<30)) }
    }

    @Test func drawStreamDependsOnSeedAndDrawOnly() {
        let a = DrawStream(seed: 5, draw: 17), b = DrawStream(seed: 5, draw: 17)
        #expect(a.uniform(.keepTie, 3) == b.uniform(.keepTie, 3))
        #expect(a.uniform(.keepTie, 3) != a.uniform(.keepTie, 4))
        #expect(a.uniform(.keepTie, 3) != DrawStream(seed: 5, draw: 18).uniform(.keepTie, 3))
        #expect(a.uniform(.keepTie, 3) != a.uniform(.startDate, 3))
        // Uniform on [0, 1): the mean and variance of 100,000 values within 4 standard errors of 1/2 and 1/12.
        let u = (0..<100_000).map { DrawStream(seed: 11, draw: $0).uniform(.keepTie, 0) }
        let mean = u.reduce(0, +) / Double(u.count)
        let variance = u.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(u.count - 1)
        #expect(abs(mean - 0.5) < 4 * (1 / 12.0).squareRoot() / Double(u.count).squareRoot())
        #expect(abs(variance - 1 / 12.0) < 4 * (1 / 180.0).squareRoot() / Double(u.count).squareRoot())
        #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test func tiesCitingTheSamePassageAreDrawnTogether() {
        // Two ties from one passage (0.3 and 0.8) and one from another (0.3).
        let net = Fixture.network(["a", "b", "c", "d"],
                                  [("a", "b", .alliance, 1900, 1900, 0.3), ("c", "d", .alliance, 1900, 1900, 0.8), ("a", "c", .alliance, 1900, 1900, 0.3)],
                                  sources: [0: ["src#p1"], 1: ["src#p1"], 2: ["src#p2"]])
        let model = DrawModel(seed: 1, scenarios: .fixed(nil), coupling: .sameCitation)
        let groups = CitationGroups(net)
        #expect(groups.group == [0, 0, 1])
        var firstWithoutSecond = 0, both = 0, first = 0
        for k in 0..<4000 {
            let kept = Set(model.realise(net, draw: k, groups: groups).original)
            if kept.contains(0) { first += 1 }
            if kept.contains(0) && kept.contains(1) { both += 1 }
            if kept.contains(0) && !kept.contains(1) { firstWithoutSecond += 1 }
        }
        // Comonotone: the 0.3 tie is never kept without the 0.8 tie of the same passage.
        #expect(firstWithoutSecond == 0 && both == first && first > 0)
    }

    @Test func quantilesFollowNumPy() {
        // numpy.quantile([3, 1, 4, 1, 5, 9, 2, 6], [0.05, 0.95]) == [1.0, 7.949999999999999]
        let v = [3.0, 1, 4, 1, 5, 9, 2, 6].sorted()
        #expect(Quantile.linear(v, 0.05) == 1.0)
        #expect(abs(Quantile.linear(v, 0.95) - 7.95) < 1e-12)
        #expect(Quantile.linear([2.5], 0.95) == 2.5)
    }

    /// A date range on the end of one rivalry moves a defection across a period boundary half of the time.
    ///
    /// x is allied with y1, y2 (coalition Y) and z1, z2, z3 (coalition Z, rival of Y); the rivalry x–z1 (weight 3)
    /// keeps x in Y while it lasts. It ends in [1900..1901]: in 1900 x defects to Z in 1901, in 1901 it defects
    /// in 1902. The reference reads the range as its middle unit (1900, as dates-dataset's `middleUnit`). Until
    /// dates-dataset lands the range is given through the ``DateSampler`` seam, as `HistoricalDate.drawn(u)` will.
    @Test func dateRangeMovesADefectionAcrossABoundaryHalfTheTime() throws {
        var ties: [(String, String, Relation, Int, Int, Double)] = [
            ("y1", "y2", .alliance, 1900, 1902, 1), ("z1", "z2", .alliance, 1900, 1902, 1), ("z2", "z3", .alliance, 1900, 1902, 1),
            ("z1", "z3", .alliance, 1900, 1902, 1), ("y1", "z1", .rivalry, 1900, 1902, 1), ("y2", "z2", .rivalry, 1900, 1902, 1),
            ("y1", "z3", .rivalry, 1900, 1902, 1),
        ]
        for y in ["y1", "y2", "z1", "z2", "z3"] { ties.append(("x", y, .alliance, 1900, 1902, 1)) }
        ties.append(("x", "z1", .rivalry, 1900, 1900, 1))
        let rivalry = ties.count - 1
        let net = Fixture.network(["x", "y1", "y2", "z1", "z2", "z3"], ties)
        var list = net.ties   // the rivalry weighs 3
        list[rivalry].weight = 3
        let network = try TemporalNetwork(info: net.info, actors: net.actors, ties: list)
        let range = DateSampler { i, _, isEnd, u in i == rivalry && isEnd ? Fixture.date(u < 0.5 ? 1900 : 1901) : nil }
        let mc = try MonteCarlo(network: network, settings: Fixture.settings, model: DrawModel(seed: 8, scenarios: .fixed(nil), dates: range))
        let refDefections = mc.reference.history.events.filter { EventMatching.kind($0) == "defection" }
        #expect(refDefections.map(\.period) == ["1901"])
        let result = try mc.finish(try mc.run(draws: 0..<2000))
        let in1901 = try #require(result.events.first { $0.kind == "defection" && $0.inReference })
        let in1902 = try #require(result.events.first { $0.kind == "defection" && !$0.inReference })
        #expect(in1901.period == "1901" && in1902.period == "1902")
        #expect(in1901.probability >= 0.471 && in1901.probability <= 0.529, "\(in1901.probability)")
        #expect(in1901.draws + in1902.draws == 2000)
    }
}

@Suite struct SovietDrawsTests {
    static func soviet() throws -> TemporalNetwork {
        try DatasetLoader.load(BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path)
    }

    /// On the bundled dataset (metrics that run on all cores inside each draw, the pipeline cache): the same seed
    /// gives byte-identical tables with 1 or 2 workers and with the draws split in two processes' partials.
    @Test func sovietTablesAreIdenticalWhateverTheSplit() throws {
        let net = try Self.soviet()
        let settings = try DrawSettings(StudySettings(period: .year, scenario: "consensus"), network: net)
        let mc = try MonteCarlo(network: net, settings: settings, model: DrawModel(seed: 2026, scenarios: .fixed("consensus")))
        func tables(_ t: DrawTally) throws -> [String] { UncertaintyTables.files(try mc.finish(t), model: mc.model).map(\.contents) }
        let one = try tables(try mc.run(draws: 0..<60, workers: 1))
        var split = try mc.run(draws: 23..<60, workers: 2)
        try split.merge(try mc.run(draws: 0..<23, workers: 2))
        #expect(try tables(split) == one)
        // Kirov's 1932 membership of the Centre rests on a tie of confidence 0.8 in the consensus reading.
        let r = try mc.finish(split)
        let kirov = try #require(r.memberships.first { $0.period == "1932" && net.actors[Int($0.actor)].id == "kirov" })
        #expect(kirov.label == "Stalin's Centre")
        #expect(kirov.probability > 0.5 && kirov.probability < 1)
    }
}

@Suite struct IntervalTests {
    /// Triangles {a,b,c} (all alliances, certain) and {d,e,f} (d–e, e–f alliances, d–f rivalry of confidence 0.3).
    /// With the rivalry the balance ratio is 1/2 (one balanced triangle of two), without it 1: the mean is
    /// 1 − k/(2D) for the k of D draws that keep the rivalry (counted here from the realisations themselves), the
    /// 5% quantile 1/2 and the 95% quantile 1 (k/D ≈ 0.3 lies between 5% and 95%).
    @Test func balanceMeanAndIntervalFollowTheKeptTies() throws {
        let net = Fixture.network(["a", "b", "c", "d", "e", "f"],
                                  [("a", "b", .alliance, 1900, 1900, 1), ("b", "c", .alliance, 1900, 1900, 1), ("a", "c", .alliance, 1900, 1900, 1),
                                   ("d", "e", .alliance, 1900, 1900, 1), ("e", "f", .alliance, 1900, 1900, 1), ("d", "f", .rivalry, 1900, 1900, 0.3)])
        let model = DrawModel(seed: 21, scenarios: .fixed(nil))
        let mc = try MonteCarlo(network: net, settings: Fixture.settings, model: model)
        let draws = 1000
        let r = try mc.finish(try mc.run(draws: 0..<draws))
        let k = (0..<draws).filter { model.realise(net, draw: $0).original.contains(5) }.count
        let ratio = try #require(r.balance.first { $0.name == "balance_ratio" })
        #expect(ratio.reference == 0.5 && ratio.defined == draws)
        #expect(abs(ratio.mean! - (1 - Double(k) / Double(2 * draws))) < 1e-12)
        #expect(ratio.low == 0.5 && ratio.high == 1)
        let frustration = try #require(r.balance.first { $0.name == "frustration" })
        #expect(abs(frustration.mean! - Double(k) / Double(draws)) < 1e-12)
    }
}

/// The columns the main tables gain with draws (`changes.csv`: `in_reference`, `probability`; `memberships.csv`:
/// `probability`), checked against the draws' realisations counted independently.
@Suite struct DrawColumnsTests {
    /// In ``Fixture/mergeAndSplit`` the 1901 merge of {a,b} and {c,d} happens exactly in the draws keeping the b–c
    /// alliance (tie 2, confidence 0.3), counted here from the realisations themselves: the merge rows of the
    /// changes table carry k/D, the certain split 1, the two continuations (reference: none) 1 − k/D with
    /// `in_reference` false, and c's 1901 membership k/D.
    @Test func changesAndMembershipsCarryTheShareOfDraws() throws {
        let net = Fixture.mergeAndSplit
        let model = DrawModel(seed: 42, scenarios: .fixed(nil))
        let mc = try MonteCarlo(network: net, settings: Fixture.settings, model: model)
        let draws = 2000
        let result = try mc.finish(try mc.run(draws: 0..<draws, workers: 2))
        let k = (0..<draws).filter { model.realise(net, draw: $0).original.contains(2) }.count
        let p = Double(k) / Double(draws)
        #expect(p >= 0.274 && p <= 0.3265)   // binomial 99% interval of 0.3 (scripts/uncertainty_fixtures.py)
        let columns = result.drawColumns()
        let history = mc.reference.history
        #expect(columns.eventProbability.count == history.events.count)
        let table = ChangeTables.events(history, network: net, settings: [], actorEvents: true, draws: columns)
        #expect(table.columns == ["event_id", "period", "event", "from", "to", "actor", "defection", "in_reference", "probability", "detail"])
        func rows(_ event: String, _ inReference: Bool) -> [[Cell]] {
            table.rows.filter { $0[1] == .text("1901") && $0[2] == .text(event) && $0[7] == .bool(inReference) }
        }
        #expect(rows("merge", true).count == 2 && rows("merge", true).allSatisfy { $0[8] == .real(p) })
        #expect(rows("split", true).count == 2 && rows("split", true).allSatisfy { $0[8] == .real(1) })
        let extra = rows("continuation", false)
        #expect(extra.count == 2 && extra.allSatisfy { $0[8] == .real(1 - p) && $0[3] == .missing && $0[4] == .missing })
        // Extra changes follow their period's reference changes and are numbered after them.
        let ids = table.rows.map { row -> Int in if case .int(let i) = row[0] { return i } else { return -1 } }
        #expect(ids == ids.sorted())
        #expect(table.rows.lastIndex { $0[7] == .bool(true) && $0[1] == .text("1901") }! < table.rows.firstIndex { $0[7] == .bool(false) }!)
        let members = MembershipTable.table(history, network: net, settings: [], draws: columns)
        #expect(members.columns.last == "probability")
        func membership(_ actor: String) -> Cell? { members.rows.first { $0[0] == .text("1901") && $0[1] == .text(actor) }?.last }
        #expect(membership("c") == .real(p))
        #expect(membership("a") == .real(p))   // a's reference coalition is the merged one too
        #expect(membership("e") == .real(1))
        // The certainty the diagrams shade is the same value, by period index and actor id.
        #expect(result.membershipCertainty[1]?[net.index(of: "c")!] == p)
        // Without draws the tables are as before: no new column, no extra row.
        let plain = ChangeTables.events(history, network: net, settings: [], actorEvents: true)
        #expect(plain.columns == ChangeTables.eventColumns && plain.rows.count == table.rows.count - 2)
        #expect(MembershipTable.table(history, network: net, settings: []).columns == MembershipTable.columns)
    }

    /// `MonteCarlo(reference:)` takes a finished analysis as the reference run: the same tally and summaries as
    /// computing the reference again.
    @Test func aFinishedAnalysisServesAsTheReference() throws {
        let net = Fixture.mergeAndSplit
        let model = DrawModel(seed: 7, scenarios: .fixed(nil))
        let settings = StudySettings(period: .year, level: .persons)
        let result = try Analysis.run(net, settings: settings)
        let reused = MonteCarlo(reference: result, model: model)
        let computed = try MonteCarlo(network: net, settings: DrawSettings(result), model: model)
        let a = UncertaintyTables.files(try reused.finish(try reused.run(draws: 0..<300)), model: model).map(\.contents)
        let b = UncertaintyTables.files(try computed.finish(try computed.run(draws: 0..<300)), model: model).map(\.contents)
        #expect(a == b)
        #expect(reused.fingerprint == computed.fingerprint)
    }
}

/// The pair counts are stored sparsely (``PairCounts``, ``PeriodPairs``): checked against a dense count made here
/// from the draws' own coalitions, every pair of every period (pairs never together included), on Soviet.
@Suite struct SparsePairsTests {
    @Test func sparsePairsEqualADenseCountOfTheDraws() throws {
        let net = try SovietDrawsTests.soviet()
        let settings = try DrawSettings(StudySettings(period: .year, scenario: "consensus"), network: net)
        let model = DrawModel(seed: 99, scenarios: .fixed("consensus"))
        let mc = try MonteCarlo(network: net, settings: settings, model: model)
        let draws = 40
        let r = try mc.finish(try mc.run(draws: 0..<draws, workers: 2))
        // Dense: n × n counts per period, from each draw's coalitions.
        let n = net.actors.count, periods = mc.reference.history.periods.count
        var dense = [[Int]](repeating: [Int](repeating: 0, count: n * n), count: periods)
        let pipeline = DrawPipeline(settings: settings, centrality: [], balance: false)
        for k in 0..<draws {
            let real = model.realise(net, draw: k)
            let outcome = try pipeline.run(real.network, scenario: real.scenario)
            for (p, period) in outcome.history.periods.enumerated() {
                for co in period.coalitions { for a in co.members { for b in co.members where a != b { dense[p][Int(a) * n + Int(b)] += 1 } } }
            }
        }
        #expect(r.pairs.count == periods)
        var nonzero = 0
        for (p, pairs) in r.pairs.enumerated() {
            for a in 0..<n { for b in 0..<n where a != b {
                let expected = Double(dense[p][a * n + b]) / Double(draws)
                #expect(pairs.share(Int32(a), Int32(b)) == expected, "\(pairs.period) \(net.actors[a].id) \(net.actors[b].id)")
                if a < b && expected > 0 { nonzero += 1 }
            } }
            #expect(pairs.share(3, 3) == 1)
            // The stored pairs are exactly those ever together, increasing.
            #expect(pairs.keys == pairs.keys.sorted() && pairs.counts.allSatisfy { $0 > 0 })
        }
        #expect(nonzero == r.pairs.reduce(0) { $0 + $1.count } && nonzero > 100)
        // The long table lists those pairs, one row each.
        let csv = UncertaintyTables.files(r, model: model).first { $0.name == "together.csv" }!.contents
        #expect(csv.split(separator: "\n").count - 1 == nonzero)
    }

    /// Against a dictionary, through growth, the switch to wide keys and merging.
    @Test func pairCountsAgreeWithADictionary() throws {
        var rng = SplitMix64(seed: 5)
        var counts = PairCounts(), other = PairCounts()
        var reference: [UInt64: Int] = [:]
        for i in 0..<20_000 {
            // Ids above 2¹⁶ from the 15,000th pair on: the table switches from 32-bit to 64-bit keys with counts in it.
            let a = Int32(rng.next() % 300), b = Int32(rng.next() % 300) + (i > 15_000 && i.isMultiple(of: 7) ? 70_000 : 0)
            guard a != b else { continue }
            let key = PairCounts.key(a, b)
            #expect(key == PairCounts.key(b, a) && key >> 32 < key & 0xFFFF_FFFF)
            if i.isMultiple(of: 3) { other.add(key) } else { counts.add(key) }
            reference[key, default: 0] += 1
        }
        counts.merge(other)
        #expect(counts.count == reference.count)
        for (k, v) in reference { #expect(counts.count(of: k) == v) }
        #expect(counts.count(of: PairCounts.key(1000, 1001)) == 0)
        let s = counts.sorted()
        #expect(s.keys == reference.keys.sorted() && s.counts.map(Int.init) == s.keys.map { reference[$0]! })
    }

    /// A matrix limit below a period's actor count keeps the actors with the most expected co-members and says so.
    @Test func matrixLimitKeepsTheMostConnectedActorsAndSaysSo() throws {
        let net = try SovietDrawsTests.soviet()
        let settings = try DrawSettings(StudySettings(period: .year, scenario: "consensus"), network: net)
        let mc = try MonteCarlo(network: net, settings: settings, model: DrawModel(seed: 7, scenarios: .fixed("consensus")))
        let r = try mc.finish(try mc.run(draws: 0..<20))
        let full = UncertaintyTables.togetherMatrices(r)
        #expect(!full.contains("matrix_actors") && UncertaintyTables.matrixNote(r) == nil)
        let p = try #require(r.pairs.max { $0.actors.count < $1.actors.count })
        let limit = p.actors.count - 2
        let kept = UncertaintyTables.matrixActors(p, limit: limit)
        // Expected co-members: the sum of the actor's row of shares, computed from share(_:_:).
        func expected(_ a: Int32) -> Double { p.actors.reduce(0) { $0 + ($1 == a ? 0 : p.share(a, $1)) } }
        let dropped = Set(p.actors).subtracting(kept)
        #expect(kept.count == limit && kept == kept.sorted() && dropped.count == 2)
        for d in dropped { for k in kept { #expect(expected(k) >= expected(d) - 1e-12) } }
        let cut = UncertaintyTables.togetherMatrices(r, limit: limit)
        #expect(cut.contains("\"actors_in_period\": \(p.actors.count), \"matrix_actors\": \"the \(limit) with the largest expected number of co-members"))
        #expect(UncertaintyTables.matrixNote(r, limit: limit)?.contains("periods have more than \(limit) actors") == true)
    }
}

/// Balance in the draws: `auto` keeps the analysis's settings on small networks and takes 8 walk-balance probes and
/// 4 frustration starts above 1,000 actors a period; the reference column never changes.
@Suite struct DrawBalanceTests {
    @Test func lightSettingsFollowTheSizeAndKeepTheReference() throws {
        let base = BalanceOptions()
        #expect(DrawBalance.auto.options(base, largest: 1_000) == base)
        #expect(DrawBalance.full.options(base, largest: 5_000) == base)
        let light = DrawBalance.auto.options(base, largest: 1_001)
        #expect(light == DrawBalance.light.options(base, largest: 10))
        #expect(light.walkProbes == 8 && light.frustration.starts == 4 && base.walkProbes == 64 && base.frustration.starts == 16)
        #expect(light.denseLimit == base.denseLimit && light.frustration.exactNodeLimit == base.frustration.exactNodeLimit)
        // Soviet: every component is below the dense limit and every 2-core below the exact limit, so light draws give
        // the same balance summaries as full ones; only the settings (note, fingerprint) say light.
        let net = try SovietDrawsTests.soviet()
        let settings = try DrawSettings(StudySettings(period: .year, scenario: "consensus"), network: net)
        let model = DrawModel(seed: 5, scenarios: .fixed("consensus"))
        let full = try MonteCarlo(network: net, settings: settings, model: model, options: UncertaintyOptions(drawBalance: .auto))
        let cheap = try MonteCarlo(network: net, settings: settings, model: model, options: UncertaintyOptions(drawBalance: .light))
        #expect(full.drawBalanceNote == nil && full.drawSettings == full.settings)
        #expect(cheap.drawBalanceNote?.contains("walk balance from 8 probes") == true && cheap.fingerprint != full.fingerprint)
        let a = try full.finish(try full.run(draws: 0..<30)), b = try cheap.finish(try cheap.run(draws: 0..<30))
        #expect(!a.balance.isEmpty && a.balance == b.balance)
        let json = UncertaintyTables.files(b, model: model).first { $0.name == "balance.json" }!.contents
        #expect(json.contains("\"draw_balance\": \"light in the draws"))
        #expect(!(UncertaintyTables.files(a, model: model).first { $0.name == "balance.json" }!.contents.contains("draw_balance")))
    }

    /// What light draws trade: on a 600-node component (above the dense limit) the walk balance from 8 probes has a
    /// wider error bound than from 64, and the two estimates agree within their bounds.
    @Test func fewerProbesWidenTheStatedError() throws {
        var rng = SplitMix64(seed: 11)
        let n = 600
        var seen = Set<UInt64>()
        var edges: [SignedEdge] = []
        func add(_ u: Int32, _ v: Int32, _ sign: Sign) {
            let a = min(u, v), b = max(u, v)
            if a != b && seen.insert(UInt64(a) << 32 | UInt64(b)).inserted { edges.append(SignedEdge(a, b, sign: sign)) }
        }
        for i in 1..<n { add(Int32(i - 1), Int32(i), .positive) }
        for _ in 0..<1_800 { add(Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)), rng.next() % 4 == 0 ? .negative : .positive) }
        let graph = SignedGraph(nodeCount: n, edges: edges)
        let eight = try #require(try walkBalanceEstimate(graph, probes: DrawBalance.lightProbes))
        let sixtyFour = try #require(try walkBalanceEstimate(graph, probes: BalanceOptions().walkProbes))
        #expect(eight.errorBound > sixtyFour.errorBound && sixtyFour.errorBound > 0)
        #expect(abs(eight.value - sixtyFour.value) <= eight.errorBound + sixtyFour.errorBound)
    }
}

/// Per-draw centrality values: double precision by default, single above a size (stated), missing values kept apart
/// from computed NaNs, the same JSON in partials.
@Suite struct SampleRowTests {
    @Test func rowsKeepValuesAndMissingOnes() throws {
        let values: [Double?] = [0.125, nil, 1e-5, .nan, 0.1]
        let exact = SampleRow(values, single: false), single = SampleRow(values, single: true)
        #expect(exact.count == 5 && single.count == 5)
        #expect(exact[0] == 0.125 && exact[1] == nil && exact[2] == 1e-5 && exact[3]!.isNaN && exact[4] == 0.1)
        #expect(single[0] == 0.125 && single[1] == nil && single[3]!.isNaN && single[4] == Double(Float(0.1)) && single[4] != 0.1)
        let json = String(decoding: try JSONEncoder().encode(SampleRow([0.5, nil, 2], single: false)), as: UTF8.self)
        #expect(json == "[0.5,null,2]")
        let back = try JSONDecoder().decode(SampleRow.self, from: Data(json.utf8))
        #expect(back[0] == 0.5 && back[1] == nil && back[2] == 2)
    }

    @Test func singleSamplesStayWithinSinglePrecisionAndSaySo() throws {
        let net = try SovietDrawsTests.soviet()
        let settings = try DrawSettings(StudySettings(period: .year, scenario: "consensus"), network: net)
        let model = DrawModel(seed: 8, scenarios: .fixed("consensus"))
        let exact = try MonteCarlo(network: net, settings: settings, model: model)
        let single = try MonteCarlo(network: net, settings: settings, model: model, options: UncertaintyOptions(singleSamplesAbove: 0))
        #expect(!exact.singleSamples && exact.samplesNote == nil && single.singleSamples && single.fingerprint != exact.fingerprint)
        let a = try exact.finish(try exact.run(draws: 0..<50)), b = try single.finish(try single.run(draws: 0..<50))
        #expect(a.centrality.count == b.centrality.count && a.centrality.count > 100)
        for (x, y) in zip(a.centrality, b.centrality) {
            #expect(x.reference == y.reference && x.defined == y.defined)
            for (u, v) in [(x.mean, y.mean), (x.low, y.low), (x.high, y.high)] {
                if let u, let v { #expect(abs(u - v) <= 1.2e-7 * abs(u)) } else { #expect(u == nil && v == nil) }
            }
        }
        #expect(b.samples?.contains("single precision") == true)
        let json = UncertaintyTables.files(b, model: model).first { $0.name == "centrality.json" }!.contents
        #expect(json.contains("\"centrality_samples\": \"centrality means and intervals from draw values kept in single precision"))
        // Through a partial's JSON the summaries are the same.
        let tally = try single.run(draws: 0..<50)
        let again = try JSONDecoder().decode(DrawTally.self, from: JSONEncoder().encode(tally))
        #expect(try single.finish(again).centrality == b.centrality)
    }
}
