import Coalitions
import Foundation
import Snapshots
import TemporalModel
import Testing
import TestSupport

/// A hand-built temporal network: persons only, one alliance or rivalry per line, each for one year.
func yearlyNetwork(_ persons: [String], _ ties: [(year: Int, a: String, b: String, positive: Bool)],
                   years: ClosedRange<Int>) throws -> TemporalNetwork {
    let actors = persons.map { Actor(id: $0, name: $0.uppercased(), kind: .person) }
    let index = Dictionary(uniqueKeysWithValues: persons.enumerated().map { ($1, Int32($0)) })
    let list = try ties.map { t in
        Tie(source: index[t.a]!, target: index[t.b]!, relation: t.positive ? .alliance : .rivalry,
            start: try HistoricalDate(year: t.year), end: try HistoricalDate(year: t.year))
    }
    let info = DatasetInfo(name: "hand", title: "Hand-built", spanStart: try HistoricalDate(year: years.lowerBound),
                           spanEnd: try HistoricalDate(year: years.upperBound))
    return try TemporalNetwork(info: info, actors: actors, ties: list)
}

/// Every pair of a group allied in a year.
func clique(_ year: Int, _ group: [String]) -> [(year: Int, a: String, b: String, positive: Bool)] {
    var out: [(year: Int, a: String, b: String, positive: Bool)] = []
    for i in group.indices { for j in (i + 1)..<group.count { out.append((year, group[i], group[j], true)) } }
    return out
}

func history(_ network: TemporalNetwork, method: CoalitionMethod = .components,
             tracking: TrackingOptions = TrackingOptions()) throws -> CoalitionHistory {
    let snapshots = try SnapshotBuilder(network: network, options: SnapshotOptions()).build()
    return analyzeCoalitions(snapshots, network: network, settings: CoalitionOptions(method: method), tracking: tracking)
}

func ids(_ network: TemporalNetwork, _ c: Coalition) -> [String] { c.members.map { network.actors[Int($0)].id } }

@Suite struct TrackingTests {
    let people = ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"]
    let a = ["a1", "a2", "a3", "a4"], b = ["b1", "b2", "b3", "b4"]

    @Test func mergeWithParents() throws {
        let net = try yearlyNetwork(people, clique(1900, a) + clique(1900, b) + [(1900, "a1", "b1", false)] + clique(1901, a + b), years: 1900...1901)
        let h = try history(net)
        #expect(h.periods[0].coalitions.count == 2)
        #expect(h.periods[1].coalitions.count == 1)
        let merges = h.events.filter { $0.kind == .merge }
        #expect(merges.count == 1)
        #expect(merges.first?.periodIndex == 1)
        guard case .merge(let parents, let result)? = merges.first?.change else { Issue.record("not a merge"); return }
        #expect(Set(parents) == ["C1", "C2"])
        #expect(result == h.periods[1].coalitions[0].id)
        #expect(parents.first == result)  // the continuing parent first
        #expect(merges.first?.change.coalitions == [result] + parents)
        #expect(!h.events.contains { $0.kind == .switch || $0.kind == .death || $0.kind == .birth && $0.periodIndex == 1 })
    }

    @Test func splitWithChildren() throws {
        let net = try yearlyNetwork(people, clique(1900, a + b) + clique(1901, a) + clique(1901, b) + [(1901, "a1", "b1", false)], years: 1900...1901)
        let h = try history(net)
        let splits = h.events.filter { $0.kind == .split }
        #expect(splits.count == 1)
        guard case .split(let parent, let children)? = splits.first?.change else { Issue.record("not a split"); return }
        #expect(parent == "C1")
        #expect(Set(children) == Set(h.periods[1].coalitions.map(\.id)))
        #expect(children.first == "C1")  // the continuing child first
        #expect(h.periods[1].coalitions.map(\.id).contains("C1"))  // one child keeps the identity
        #expect(!h.events.contains { $0.kind == .switch })
    }

    @Test func defectionAcrossARivalry() throws {
        // 1900: A and B are rivals (a1–b1 negative). 1901: a4 leaves A for B.
        let y1901 = clique(1901, ["a1", "a2", "a3"]) + clique(1901, b + ["a4"])
        let net = try yearlyNetwork(people, clique(1900, a) + clique(1900, b) + [(1900, "a1", "b1", false), (1901, "a1", "b1", false)] + y1901, years: 1900...1901)
        let h = try history(net)
        let switches = h.events.filter { $0.kind == .switch }
        #expect(switches.count == 1)
        // The net signed weight between A and B in 1900 is the one rivalry a1–b1: −1.
        let aID = h.periods[0].coalitions.first { ids(net, $0) == a }?.id, bID = h.periods[0].coalitions.first { ids(net, $0) == b }?.id
        #expect(switches.first?.change == .switch(from: aID ?? "?", to: bID ?? "?", acrossRivalry: true, netWeight: -1))
        #expect(switches.first?.change.isDefection == true)
        #expect(switches.first?.actors.map { net.actors[Int($0)].id } == ["a4"])
        #expect(h.events.contains { $0.kind == .growth } && h.events.contains { $0.kind == .contraction })
    }

    @Test func realignmentWithoutRivalry() throws {
        // Same move, but A and B had no ties between them: a realignment, not a defection.
        let y1901 = clique(1901, ["a1", "a2", "a3"]) + clique(1901, b + ["a4"])
        let net = try yearlyNetwork(people, clique(1900, a) + clique(1900, b) + y1901, years: 1900...1901)
        let switches = try history(net).events.filter { $0.kind == .switch }
        #expect(switches.count == 1)
        guard case .switch(_, _, let across, let weight)? = switches.first?.change else { Issue.record("not a switch"); return }
        #expect(!across && weight == 0)
    }

    @Test func deathAfterTheGracePeriodAndRebirthBefore() throws {
        // B allied in 1900, silent 1901 and 1902, back in 1903; A throughout.
        var ties = clique(1900, a) + clique(1901, a) + clique(1902, a) + clique(1903, a)
        ties += clique(1900, b) + clique(1903, b)
        let net = try yearlyNetwork(people, ties, years: 1900...1903)
        // d = 2: B is dead in 1902, so 1903's B is a birth.
        let strict = try history(net, tracking: TrackingOptions(threshold: 0.125, grace: 2))
        let deaths = strict.events.filter { $0.kind == .death }
        #expect(deaths.map(\.periodIndex) == [2])
        #expect(deaths.map(\.change) == [.death(coalition: strict.periods[0].coalitions.first { ids(net, $0) == b }?.id ?? "?", unseenFor: 2)])
        #expect(strict.events.contains { $0.kind == .birth && $0.periodIndex == 3 })
        #expect(!strict.events.contains { $0.kind == .rebirth })
        // d = 3: B is only dormant and comes back with its identity.
        let lenient = try history(net, tracking: TrackingOptions(threshold: 0.125, grace: 3))
        #expect(!lenient.events.contains { $0.kind == .death })
        let rebirth = lenient.events.filter { $0.kind == .rebirth }
        #expect(rebirth.count == 1 && rebirth.first?.periodIndex == 3)
        #expect(rebirth.first?.change == .rebirth(coalition: lenient.periods[0].coalitions.first { ids(net, $0) == b }?.id ?? "?", unseenFor: 2))
        // d = 1: dead in the first unseen period.
        #expect(try history(net, tracking: TrackingOptions(threshold: 0.125, grace: 1)).events.filter { $0.kind == .death }.map(\.periodIndex) == [1])
    }

    @Test func thresholdDecidesWhetherASmallGroupIsAbsorbed() throws {
        // 1900: a 2-member group beside an 8-member one; 1901: all 10 allied. Jaccard(small, all) = 0.2.
        let big = ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"]
        let all = big + ["c1", "c2"]
        let ties = clique(1900, big) + clique(1900, ["c1", "c2"]) + [(1900, "a1", "c1", false)] + clique(1901, all)
        let net = try yearlyNetwork(all, ties, years: 1900...1901)
        #expect(try history(net, tracking: TrackingOptions(threshold: 0.125)).events.contains { $0.kind == .merge })
        let strict = try history(net, tracking: TrackingOptions(threshold: 0.3, grace: 1)).events
        #expect(!strict.contains { $0.kind == .merge })
        #expect(strict.contains { $0.kind == .death } && strict.contains { $0.kind == .switch })
    }

    @Test func joinAndLeave() throws {
        let net = try yearlyNetwork(people, clique(1900, ["a1", "a2", "a3"]) + clique(1901, a), years: 1900...1901)
        let h = try history(net)
        #expect(h.events.filter { $0.kind == .join }.flatMap(\.actors).map { net.actors[Int($0)].id } == ["a4"])
        let net2 = try yearlyNetwork(people, clique(1900, a) + clique(1901, ["a1", "a2", "a3"]), years: 1900...1901)
        #expect(try history(net2).events.filter { $0.kind == .leave }.flatMap(\.actors).map { net2.actors[Int($0)].id } == ["a4"])
    }

    @Test func renamingActorsDoesNotChangeCoalitions() throws {
        // Reversing the id order permutes the snapshot nodes; the coalitions, as sets of actors, stay.
        let base = RandomGraphs.temporalNetwork(persons: 40, factions: 5, ties: 300, years: 6, seed: 17)
        let renamed = try TemporalNetwork(
            info: base.info,
            actors: base.actors.map { Actor(id: "z" + String($0.id.reversed()), name: $0.name, kind: $0.kind, start: $0.start, end: $0.end) },
            ties: base.ties, events: base.events)
        for method in [CoalitionMethod.components, .correlation] {
            let h1 = try history(base, method: method), h2 = try history(renamed, method: method)
            for (p1, p2) in zip(h1.periods, h2.periods) {
                let s1 = Set(p1.coalitions.map { Set(ids(base, $0).map { "z" + String($0.reversed()) }) })
                let s2 = Set(p2.coalitions.map { Set(ids(renamed, $0)) })
                if method == .components || p1.provenOptimal == true && p1.objective == 0 {
                    #expect(s1 == s2, "\(method) \(p1.period.label)")
                }
                #expect(isClose(p1.objective, p2.objective), "\(method) \(p1.period.label)")
            }
        }
    }

    @Test func determinismAndMeasures() throws {
        let net = RandomGraphs.temporalNetwork(persons: 80, factions: 6, ties: 800, years: 5, seed: 3)
        for method in [CoalitionMethod.correlation, .louvain, .blockmodel(k: 3, alpha: 0.5)] {
            let h1 = try history(net, method: method), h2 = try history(net, method: method)
            #expect(h1.events == h2.events)
            for (p, q) in zip(h1.periods, h2.periods) {
                #expect(p.coalitions == q.coalitions)
                let shares = p.coalitions.map { Double($0.size) / Double(p.coalitions.reduce(0) { $0 + $1.size }) }
                if !shares.isEmpty {
                    #expect(isClose(p.effectiveNumber, 1 / shares.reduce(0) { $0 + $1 * $1 }))
                    #expect(p.effectiveNumber >= 1 && p.effectiveNumber <= Double(p.coalitions.count) + 1e-9)
                }
                #expect(p.violations.count == violatingEdges(of: p.partition, in: p.snapshot.graph).count)
            }
        }
    }

    @Test func parsingMethodsAndSettings() throws {
        #expect(try CoalitionMethod(parsing: "blockmodel:3") == .blockmodel(k: 3, alpha: 0.5))
        #expect(try CoalitionMethod(parsing: "blockmodel:2:0.3") == .blockmodel(k: 2, alpha: 0.3))
        #expect(throws: CoalitionError.badBlockmodel("blockmodel:0")) { try CoalitionMethod(parsing: "blockmodel:0") }
        #expect(throws: CoalitionError.badBlockmodel("blockmodel:2:1.5")) { try CoalitionMethod(parsing: "blockmodel:2:1.5") }
        #expect(throws: CoalitionError.unknownMethod("leiden")) { try CoalitionMethod(parsing: "leiden") }
        #expect(throws: CoalitionError.badThreshold(0)) { try TrackingOptions.validated(threshold: 0, grace: 2) }
        #expect(throws: CoalitionError.badGrace(0)) { try TrackingOptions.validated(threshold: 0.5, grace: 0) }
    }
}
