import Testing
import TestSupport
@testable import GraphCore
@testable import Snapshots
@testable import TemporalModel

/// The obvious implementation: for every period, look at every tie. The fast builder must agree with it.
func naiveSnapshots(_ net: TemporalNetwork, _ options: SnapshotOptions) throws -> [(actors: [Int32], edges: [SignedEdge], ambivalent: Int)] {
    let periods = try options.scheme.periods(over: net.info.span)
    let lifetimes = net.lifetimes(scenario: options.scenario)
    let spanEnd = net.info.span.end
    func included(_ k: ActorKind) -> Bool {
        switch options.level { case .persons: return k == .person; case .factions: return k != .person; case .all: return true }
    }
    return try periods.map { period in
        let ref = try options.rule.referenceDay(in: period)
        func active(_ iv: DayInterval) -> Bool { ref.map { iv.contains($0) } ?? iv.overlaps(period.interval) }
        func share(_ iv: DayInterval) -> Double {
            guard case .fraction = options.rule else { return 1 }
            return Double(iv.intersection(period.interval)!.length) / Double(period.interval.length)
        }
        var nodes = Set<Int32>()
        for (i, a) in net.actors.enumerated() where included(a.kind) {
            if let l = lifetimes[i], active(l) { nodes.insert(Int32(i)) }
        }
        var sums: [[Int32]: Double] = [:]
        var spells: [[Int32]: [DayInterval]] = [:]  // [person, faction] → membership intervals in the period
        for tie in net.ties where tie.relation.sign != nil && tie.holds(in: options.scenario) {
            guard let iv = tie.interval(openEnd: spanEnd), active(iv) else { continue }
            if tie.relation == .member { spells[[tie.source, tie.target], default: []].append(iv.intersection(period.interval) ?? period.interval) }
            guard included(net.actors[Int(tie.source)].kind), included(net.actors[Int(tie.target)].kind) else { continue }
            if options.level == .persons && tie.relation == .member { continue }
            nodes.insert(tie.source); nodes.insert(tie.target)
            sums[[min(tie.source, tie.target), max(tie.source, tie.target)], default: 0] += Double(tie.relation.sign!) * tie.weight * share(iv)
        }
        if options.level == .persons && options.coMembership {
            let keys = spells.keys.sorted { ($0[1], $0[0]) < ($1[1], $1[0]) }
            for a in keys {
                for b in keys where a[1] == b[1] && a[0] < b[0] {
                    guard net.actors[Int(a[0])].kind == .person, net.actors[Int(b[0])].kind == .person else { continue }
                    let hull = { (s: [DayInterval]) in DayInterval(s.map(\.start).min()!, s.map(\.end).max()!) }
                    guard let shared = hull(spells[a]!).intersection(hull(spells[b]!)) else { continue }
                    if let ref, !shared.contains(ref) { continue }
                    nodes.insert(a[0]); nodes.insert(b[0])
                    let w = options.rule == .fraction ? Double(shared.length) / Double(period.interval.length) : 1
                    sums[[a[0], b[0]], default: 0] += w
                }
            }
        }
        let sorted = nodes.sorted()
        let local = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, Int32($0)) })
        var edges: [SignedEdge] = []
        var ambivalent = 0
        for (pair, w) in sums {
            if w == 0 { ambivalent += 1; continue }
            edges.append(SignedEdge(local[pair[0]]!, local[pair[1]]!, weight: abs(w), sign: w > 0 ? .positive : .negative))
        }
        return (sorted, edges.sorted { ($0.u, $0.v) < ($1.u, $1.v) }, ambivalent)
    }
}

@Suite("Snapshot builder")
struct SnapshotBuilderTests {
    static let schemes = ["year", "quarter", "window:3:1", "window:18m:6m", "window:2:3"]
    static let rules = ["overlap", "point:07-01", "fraction"]

    @Test("The sweep equals the naive per-period filter on seeded random networks",
          arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func sweepEqualsNaive(seed: UInt64) throws {
        let net = RandomGraphs.temporalNetwork(persons: 25, factions: 6, ties: 160, years: 9, seed: seed)
        for scheme in Self.schemes {
            for rule in Self.rules {
                for level in Level.allCases {
                    for scenario in [nil, "a", "b"] as [String?] {
                        if case .point = try ActivityRule(parsing: rule), scheme.contains("m") || scheme == "quarter" { continue }
                        let options = SnapshotOptions(scheme: try PeriodScheme(parsing: scheme), rule: try ActivityRule(parsing: rule),
                                                      level: level, scenario: scenario, coMembership: seed % 2 == 0)
                        let fast = try SnapshotBuilder(network: net, options: options).build()
                        let slow = try naiveSnapshots(net, options)
                        #expect(fast.count == slow.count)
                        for (f, s) in zip(fast, slow) {
                            #expect(f.actors == s.actors, "\(scheme) \(rule) \(level) \(f.period)")
                            #expect(f.ambivalentPairs == s.ambivalent)
                            #expect(f.graph.edges.count == s.edges.count, "\(scheme) \(rule) \(level) \(f.period)")
                            for (a, b) in zip(f.graph.edges, s.edges) {
                                #expect(a.u == b.u && a.v == b.v && a.sign == b.sign && isClose(a.weight, b.weight, tolerance: 1e-12))
                            }
                        }
                    }
                }
            }
        }
    }

    @Test("Calendar schemes give every unit overlapping the span, labelled")
    func periods() throws {
        let span = DayInterval(Day(year: 1921, month: 3, day: 8), Day(year: 1933, month: 2, day: 1))
        let years = try PeriodScheme.year.periods(over: span)
        #expect(years.count == 13)
        #expect(years.first?.label == "1921" && years.last?.label == "1933")
        #expect(years[3].interval == DayInterval(Day(year: 1924, month: 1, day: 1), Day(year: 1924, month: 12, day: 31)))
        let quarters = try PeriodScheme.quarter.periods(over: span)
        #expect(quarters.first?.label == "1921-Q1" && quarters.last?.label == "1933-Q1")
        #expect(quarters.count == 4 * 12 + 1)
        let months = try PeriodScheme.month.periods(over: span)
        #expect(months.count == 12 * 12 - 2 + 2)
        #expect(months.first?.label == "1921-03" && months.last?.label == "1933-02")
        #expect(months.first(where: { $0.label == "1924-02" })?.interval.length == 29)
        let windows = try PeriodScheme(parsing: "window:3:2").periods(over: span)
        #expect(windows.map(\.label) == ["1921-1923", "1923-1925", "1925-1927", "1927-1929", "1929-1931", "1931-1933"])
        let monthWindows = try PeriodScheme(parsing: "window:6m:6m").periods(over: DayInterval(Day(year: 1926, month: 1, day: 1), Day(year: 1926, month: 12, day: 31)))
        #expect(monthWindows.map(\.label) == ["1926-01..1926-06", "1926-07..1926-12"])
    }

    @Test("Scheme, rule and level specs parse, print back and refuse nonsense")
    func specs() throws {
        for spec in ["year", "quarter", "month", "window:3:1", "window:18m:6m"] {
            #expect(try PeriodScheme(parsing: spec).description == spec)
        }
        #expect(throws: SnapshotError.badWindow("window:0:1")) { try PeriodScheme(parsing: "window:0:1") }
        #expect(throws: SnapshotError.badWindow("window:3m:1")) { try PeriodScheme(parsing: "window:3m:1") }
        #expect(throws: SnapshotError.unknownScheme("decade")) { try PeriodScheme(parsing: "decade") }
        #expect(throws: SnapshotError.noCustomWindows) { try PeriodScheme(parsing: "custom") }
        #expect(throws: SnapshotError.noPeriods(scheme: "window:20:1")) {
            try PeriodScheme(parsing: "window:20:1").periods(over: DayInterval(Day(year: 1921, month: 1, day: 1), Day(year: 1933, month: 12, day: 31)))
        }
        #expect(try ActivityRule(parsing: "point:02-29").description == "point:02-29")
        #expect(throws: SnapshotError.noSuchDay(rule: "point:02-30")) { try ActivityRule(parsing: "point:02-30") }
        #expect(throws: SnapshotError.noSuchDay(rule: "point:13-01")) { try ActivityRule(parsing: "point:13-01") }
        #expect(throws: SnapshotError.noSuchDay(rule: "point:04-31")) { try ActivityRule(parsing: "point:04-31") }
        #expect(SnapshotError.noSuchDay(rule: "point:02-30").description.contains("does not exist"))
        #expect(throws: SnapshotError.unknownRule("point:2-3")) { try ActivityRule(parsing: "point:2-3") }
        #expect(throws: SnapshotError.unknownRule("sometimes")) { try ActivityRule(parsing: "sometimes") }
        #expect(throws: SnapshotError.unknownLevel("people")) { try Level(parsing: "people") }
        let leap = Period(label: "1927", interval: DayInterval(Day(year: 1927, month: 1, day: 1), Day(year: 1927, month: 12, day: 31)))
        #expect(try ActivityRule(parsing: "point:02-29").referenceDay(in: leap) == Day(year: 1927, month: 2, day: 28))
        let q = Period(label: "1927-Q1", interval: DayInterval(Day(year: 1927, month: 1, day: 1), Day(year: 1927, month: 3, day: 31)))
        #expect(throws: SnapshotError.referenceDayOutsidePeriod(rule: "point:07-01", period: "1927-Q1")) {
            try ActivityRule.point(month: 7, day: 1).referenceDay(in: q)
        }
    }

    /// A hand-built case: every rule on one small network, values worked out by hand.
    @Test("Hand-computed snapshots: co-membership, net aggregation, isolates, fraction weights")
    func handComputed() throws {
        let y = { (s: String) in try HistoricalDate(parsing: s) }
        let actors = [
            Actor(id: "a", name: "A", kind: .person), Actor(id: "b", name: "B", kind: .person),
            Actor(id: "c", name: "C", kind: .person), Actor(id: "d", name: "D", kind: .person, start: try y("1926"), end: try y("1927")),
            Actor(id: "f", name: "F", kind: .faction),
        ]
        let ties = [
            Tie(source: 0, target: 4, relation: .member, start: try y("1926-01"), end: try y("1926-06")),  // a in f, H1 1926
            Tie(source: 1, target: 4, relation: .member, start: try y("1926-04"), end: try y("1926-12")),  // b in f, from April
            Tie(source: 2, target: 4, relation: .member, start: try y("1926-09"), end: try y("1926-12")),  // c in f, from September
            Tie(source: 0, target: 1, relation: .rivalry, start: try y("1926"), end: try y("1926"), weight: 1),
            Tie(source: 0, target: 2, relation: .alliance, start: try y("1926"), end: try y("1926"), weight: 2),
            Tie(source: 0, target: 2, relation: .rivalry, start: try y("1926"), end: try y("1926"), weight: 2),
            Tie(source: 4, target: 4, relation: .mergedInto, start: try y("1926")),
        ]
        let info = DatasetInfo(name: "h", title: "H", spanStart: try y("1926"), spanEnd: try y("1927"))
        let net = try TemporalNetwork(info: info, actors: actors, ties: ties)
        let s = try SnapshotBuilder(network: net, options: SnapshotOptions()).build()
        #expect(s.map(\.period.label) == ["1926", "1927"])
        // 1926: a, b, c, d are persons alive (d an isolate). a–b: −1 (rivalry) + 1 (co-members Apr–Jun) = 0 → ambivalent.
        // a–c: +2 −2 = 0 → ambivalent; a and c were never members at the same time. b–c: co-members Sep–Dec: +1.
        #expect(s[0].actors == [0, 1, 2, 3])
        #expect(s[0].graph.edges == [SignedEdge(1, 2, weight: 1, sign: .positive)])
        #expect(s[0].ambivalentPairs == 2)
        #expect(s[0].memberships.count == 3)
        // 1927: only d is alive (lifetime), no ties.
        #expect(s[1].actors == [3])
        #expect(s[1].graph.edgeCount == 0)

        let fraction = try SnapshotBuilder(network: net, options: SnapshotOptions(rule: .fraction)).build()
        // a–b: −1 + (Apr–Jun = 91 days)/365; b–c: (Sep–Dec = 122 days)/365.
        #expect(fraction[0].graph.edges.count == 2)
        #expect(fraction[0].graph.edges[0].sign == .negative && isClose(fraction[0].graph.edges[0].weight, 1 - 91.0 / 365))
        #expect(isClose(fraction[0].graph.edges[1].weight, 122.0 / 365))

        let point = try SnapshotBuilder(network: net, options: SnapshotOptions(rule: .point(month: 5, day: 1))).build()
        // On 1 May 1926 a and b are co-members (+1) and rivals (−1): ambivalent; c is not yet a member; a–c cancels.
        #expect(point[0].graph.edgeCount == 0)
        #expect(point[0].ambivalentPairs == 2)

        let all = try SnapshotBuilder(network: net, options: SnapshotOptions(level: .all)).build()
        // All actors; memberships are person–faction edges; lineage (even a self-loop here) is never an edge.
        #expect(all[0].actors == [0, 1, 2, 3, 4])
        #expect(all[0].graph.edges.map { [$0.u, $0.v] } == [[0, 4], [1, 4], [2, 4], [0, 1]].sorted { ($0[0], $0[1]) < ($1[0], $1[1]) })
        let factions = try SnapshotBuilder(network: net, options: SnapshotOptions(level: .factions)).build()
        #expect(factions[0].actors == [4])
        #expect(factions[1].actors == [4])  // f has no stated lifetime: its ties run through 1927 (the open lineage tie)
    }
}

@Suite("Co-membership layer and period specs")
struct CoMembershipLayerTests {
    @Test("The recorded-ties layer equals the snapshot cut with co-membership off (seeded random networks, every rule)",
          arguments: ["overlap", "fraction", "point:07-01"])
    func recordedLayer(rule: String) throws {
        for seed in UInt64(1)...6 {
            let net = RandomGraphs.temporalNetwork(persons: 25, factions: 4, ties: 120, years: 6, seed: seed)
            let on = SnapshotOptions(scheme: .year, rule: try ActivityRule(parsing: rule), level: .persons, coMembership: true)
            var off = on
            off.coMembership = false
            let with = try SnapshotBuilder(network: net, options: on).build()
            let without = try SnapshotBuilder(network: net, options: off).build()
            for (a, b) in zip(with, without) {
                let drawn = a.withoutCoMembership()
                #expect(a.recordedTies != nil)
                #expect(drawn.actors == b.actors)
                #expect(drawn.graph.edges == b.graph.edges)
                #expect(drawn.ambivalentPairs == b.ambivalentPairs)
                #expect(drawn.activeTies == b.activeTies)
                #expect(drawn.options == off)
                #expect(b.recordedTies == nil)
                #expect(b.withoutCoMembership().actors == b.actors)
            }
        }
    }

    @Test("Period specs parse to their canonical text and resolve against named windows")
    func periodSpecs() throws {
        for spec in ["year", "quarter", "month", "window:3:1", "window:18m:6m", "custom", "custom:a,b"] {
            #expect(try PeriodSpec(parsing: spec).description == spec)
        }
        #expect(try PeriodSpec(parsing: "Yearly") == .year)
        #expect(try PeriodSpec(parsing: "custom:A, b") == .custom(["a", "b"]))
        #expect(throws: SnapshotError.unknownScheme("decade")) { try PeriodSpec(parsing: "decade") }
        #expect(throws: SnapshotError.badWindow("window:3")) { try PeriodSpec(parsing: "window:3") }
        let a = try NamedWindow(parsing: "A=1927-12-02..1927-12-19"), b = try NamedWindow(parsing: "b=1930..1931")
        #expect(a.text == "A=1927-12-02..1927-12-19")
        #expect(try PeriodSpec(parsing: "custom:b,a").resolve(windows: [a, b]) == .custom([b, a]))
        #expect(try PeriodSpec.custom(nil).resolve(windows: [a, b]) == .custom([a, b]))
        #expect(throws: SnapshotError.noCustomWindows) { try PeriodSpec.custom(nil).resolve(windows: []) }
        #expect(throws: SnapshotError.unknownWindow("c", known: ["A", "b"])) { try PeriodSpec(parsing: "custom:c").resolve(windows: [a, b]) }
        #expect(throws: SnapshotError.badNamedWindow("x=1930..1929", reason: "it ends before it starts")) {
            try NamedWindow(parsing: "x=1930..1929")
        }
    }

    @Test("Snapshot errors name no command-line flag")
    func errorsNameNoFlag() {
        let errors: [SnapshotError] = [.unknownScheme("x"), .badWindow("x"), .noCustomWindows, .unknownWindow("x", known: []),
                                       .unknownRule("x"), .noSuchDay(rule: "point:02-30"), .referenceDayOutsidePeriod(rule: "point:07-01", period: "1926-01"),
                                       .unknownLevel("x"), .noPeriods(scheme: "x"), .badNamedWindow("x", reason: "y")]
        for e in errors { #expect(!e.description.contains("--"), "\(e.description)") }
    }
}
