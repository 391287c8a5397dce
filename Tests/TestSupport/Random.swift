import Blocs

// SplitMix64, the seeded generator of every random test, is GraphCore's (re-exported by Blocs).

/// Seeded random graphs and temporal networks for property tests.
public enum RandomGraphs {
    /// An Erdős–Rényi G(n, p) graph with each edge negative with probability `negativeShare` and, if
    /// `weighted`, a weight drawn from {0.5, 1, 1.5, 2, 3}.
    public static func signed(n: Int, p: Double, negativeShare: Double = 0.3, weighted: Bool = false, seed: UInt64) -> SignedGraph {
        var rng = SplitMix64(seed: seed)
        var edges: [SignedEdge] = []
        let weights = [0.5, 1, 1.5, 2, 3]
        for u in 0..<n {
            for v in (u + 1)..<max(u + 1, n) where Double.random(in: 0..<1, using: &rng) < p {
                let sign: Sign = Double.random(in: 0..<1, using: &rng) < negativeShare ? .negative : .positive
                let w = weighted ? weights[Int.random(in: 0..<weights.count, using: &rng)] : 1
                edges.append(SignedEdge(Int32(u), Int32(v), weight: w, sign: sign))
            }
        }
        return SignedGraph(nodeCount: n, edges: edges)
    }

    /// A random temporal network: persons and factions with random lifetimes, memberships, alliances,
    /// rivalries, some lineage, some scenario-tagged ties, dates at mixed precision and some open ends.
    public static func temporalNetwork(persons: Int, factions: Int, ties: Int, firstYear: Int = 1900, years: Int,
                                       seed: UInt64) -> TemporalNetwork {
        var rng = SplitMix64(seed: seed)
        func date(_ y: Int) -> HistoricalDate {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return try! HistoricalDate(year: y)
            case 1: return try! HistoricalDate(year: y, month: Int.random(in: 1...12, using: &rng))
            default:
                let m = Int.random(in: 1...12, using: &rng)
                return try! HistoricalDate(year: y, month: m, day: Int.random(in: 1...Day.daysInMonth(year: y, month: m), using: &rng))
            }
        }
        var actors: [Actor] = []
        for i in 0..<factions {
            let hasLife = Bool.random(using: &rng)
            let s = firstYear + Int.random(in: 0..<years, using: &rng)
            let e = min(firstYear + years - 1, s + Int.random(in: 0..<years, using: &rng))
            actors.append(Actor(id: "f\(i)", name: "Faction \(i)", kind: i % 5 == 4 ? .group : .faction,
                                start: hasLife ? date(s) : nil, end: hasLife ? try! HistoricalDate(year: e) : nil))
        }
        for i in 0..<persons { actors.append(Actor(id: "p\(i)", name: "Person \(i)", kind: .person)) }
        var list: [Tie] = []
        for _ in 0..<ties {
            let s = firstYear + Int.random(in: 0..<years, using: &rng)
            let open = Int.random(in: 0..<6, using: &rng) == 0
            let e = min(firstYear + years - 1, s + Int.random(in: 0..<4, using: &rng))
            let relationRoll = Int.random(in: 0..<20, using: &rng)
            var a: Int, b: Int, relation: Relation
            if relationRoll < 7, persons > 0, factions > 0 {
                relation = .member
                a = factions + Int.random(in: 0..<persons, using: &rng)
                b = Int.random(in: 0..<factions, using: &rng)
            } else if relationRoll == 19, factions > 1 {
                relation = Bool.random(using: &rng) ? .mergedInto : .splitFrom
                a = Int.random(in: 0..<factions, using: &rng)
                b = (a + 1 + Int.random(in: 0..<(factions - 1), using: &rng)) % factions
            } else {
                relation = relationRoll < 14 ? .alliance : .rivalry
                a = Int.random(in: 0..<actors.count, using: &rng)
                b = (a + 1 + Int.random(in: 0..<(actors.count - 1), using: &rng)) % actors.count
            }
            let startDate = date(s)
            var endDate: HistoricalDate? = open ? nil : date(e)
            if let ed = endDate, ed.lastDay < startDate.firstDay { endDate = try! HistoricalDate(year: s) }
            let scenarios: [String] = Int.random(in: 0..<8, using: &rng) == 0 ? [Bool.random(using: &rng) ? "a" : "b"] : []
            list.append(Tie(source: Int32(a), target: Int32(b), relation: relation, start: startDate, end: endDate,
                            weight: [1, 1, 2, 0.5][Int.random(in: 0..<4, using: &rng)], scenarios: scenarios))
        }
        let info = DatasetInfo(name: "random", title: "Random", spanStart: try! HistoricalDate(year: firstYear),
                               spanEnd: try! HistoricalDate(year: firstYear + years - 1), defaultScenario: "a",
                               scenarios: [Scenario(id: "a"), Scenario(id: "b")])
        return try! TemporalNetwork(info: info, actors: actors, ties: list)
    }
}

/// Floating-point comparison with an explicit tolerance.
public func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
