import TextFormats
import Foundation
import GraphvizKit
import Snapshots
import Testing
import TemporalModel
@testable import Diagrams

@Suite("DOT text")
struct DOTTextTests {
    @Test("Numbers are fixed, locale-free, without trailing zeros")
    func numbers() {
        #expect(DOT.number(1) == "1")
        #expect(DOT.number(1.5) == "1.5")
        #expect(DOT.number(0.125) == "0.13")
        #expect(DOT.number(-0.001) == "0")
        #expect(DOT.number(-12.3456) == "-12.35")
        #expect(DOT.number(3.14159, decimals: 1) == "3.1")
        #expect(DOT.number(.nan) == "0")
    }

    @Test("Golden DOT: a small snapshot with the dot layout")
    func goldenDot() throws {
        let text = try SnapshotDiagram.dot(Fixtures.small, layout: .independent(.dot))
        #expect(try Fixtures.golden("small-dot.dot", text))
    }

    @Test("Golden DOT: the same snapshot with neato (no cluster boxes, edge lengths by sign)")
    func goldenNeato() throws {
        let text = try SnapshotDiagram.dot(Fixtures.small, layout: .independent(.neato))
        #expect(try Fixtures.golden("small-neato.dot", text))
        #expect(!text.contains("subgraph \"cluster_left\""))
        #expect(text.contains("len=2.2"))
    }

    @Test("Golden DOT: the story of three small periods, both modes")
    func goldenStory() throws {
        let story = Story(title: "T", names: ["a": "Anna A", "b": "Boris B", "c": "Clara C", "d": "Dmitri D", "e": "Ernst E"], periods: [
            .init(label: "1925", clusters: [.init(id: "c1", label: "One", members: ["a", "b"], color: 0)], unaligned: ["c"],
                  events: [.init(date: "1925", kind: .recorded("founded"), text: "One founded", actors: ["Anna A"])]),
            .init(label: "1926", clusters: [.init(id: "c1", label: "One", members: ["a", "b", "c"], color: 0)]),
            .init(label: "1927", clusters: [.init(id: "c1", label: "One", members: ["a"], color: 0),
                                            .init(id: "c2", label: "Two", members: ["b", "c", "d"], color: 1)]),
        ])
        #expect(try Fixtures.golden("story-actors.dot", StoryDiagram.dot(story, mode: .actors)))
        #expect(try Fixtures.golden("story-coalitions.dot", StoryDiagram.dot(story, mode: .coalitions)))
    }

    @Test("Story boxes show surnames, with an initial where two actors share one")
    func storyShortNames() {
        let story = Story(title: "T", names: ["v": "Vladimir Smirnov", "i": "Ivan Nikitich Smirnov", "t": "Leon Trotsky", "z": "Zinoviev, G."],
                          periods: [.init(label: "1927", clusters: [.init(id: "c", label: "L", members: ["i", "t", "v", "z"], color: 0)])])
        #expect(StoryDiagram.shortNames(story) == ["v": "V. Smirnov", "i": "I. Smirnov", "t": "Trotsky", "z": "Zinoviev"])
        #expect(StoryDiagram.dot(story).contains("label=\"V. Smirnov\""))
    }

    @Test("Canonical order: shuffled nodes, clusters and edges give the same text")
    func canonical() throws {
        var shuffled = Fixtures.small
        shuffled.nodes.reverse()
        shuffled.clusters.reverse()
        shuffled.edges.reverse()
        shuffled.edges = shuffled.edges.map { var e = $0; swap(&e.a, &e.b); return e }
        for layout in [SnapshotLayout.independent(.dot), .independent(.fdp)] {
            #expect(try SnapshotDiagram.dot(shuffled, layout: layout) == SnapshotDiagram.dot(Fixtures.small, layout: layout))
        }
    }

    @Test("Inconsistent diagrams are typed errors")
    func invalid() {
        var d = Fixtures.small
        d.edges.append(.init("trotsky", "nobody", relation: .alliance))
        #expect(throws: DiagramError.unknownNode("nobody", in: "an edge")) { try SnapshotDiagram.dot(d, layout: .independent(.dot)) }
        d = Fixtures.small
        d.clusters[1].members.append("trotsky")
        #expect(throws: DiagramError.nodeInTwoClusters(node: "trotsky", clusters: ["left", "centre"])) {
            try SnapshotDiagram.dot(d, layout: .independent(.dot))
        }
        d = Fixtures.small
        d.nodes.append(.init(id: "stalin", label: "again"))
        #expect(throws: DiagramError.duplicateNode("stalin")) { try SnapshotDiagram.dot(d, layout: .independent(.dot)) }
    }

    @Test("A bad layout request is a clear error: nop2 without positions")
    func badLayout() {
        #expect {
            try SnapshotDiagram.dot(Fixtures.small, layout: .independent(.nop2))
        } throws: { error in
            guard case DiagramError.unsupportedLayout("nop2", let reason)? = error as? DiagramError else { return false }
            return reason.contains("stable")
        }
        #expect(LayoutEngine(rawValue: "spring") == nil)
    }

    @Test("dot on a large diagram gets a warning; small ones do not")
    func advice() {
        #expect(LayoutAdvice.warning(engine: .dot, nodes: 500, edges: 2000) != nil)
        #expect(LayoutAdvice.warning(engine: .dot, nodes: 30, edges: 200) == nil)
        #expect(LayoutAdvice.warning(engine: .neato, nodes: 500, edges: 2000) == nil)
        #expect(LayoutAdvice.engine(nodes: 5000, edges: 20000) == .sfdp)
        #expect(LayoutAdvice.engine(nodes: 40, edges: 200) == .neato)
    }
}

@Suite("Rendered diagrams")
struct RenderedDiagramTests {
    func svg(_ dot: String, _ engine: LayoutEngine) throws -> String {
        String(decoding: try Graphviz.shared.render(dot: dot, engine: engine, format: "svg"), as: UTF8.self)
    }

    @Test("The SVG has the nodes, clusters, legend and edge styles asked for")
    func svgContent() throws {
        let svg = try svg(SnapshotDiagram.dot(Fixtures.small, layout: .independent(.dot)), .dot)
        let g = SVGGroups(svg)
        let actors = g.ofClass("actor")
        #expect(Set(actors.map(\.id)) == ["actor-trotsky", "actor-zinoviev", "actor-stalin", "actor-left"])
        #expect(Set(actors.map(\.title)) == ["trotsky", "zinoviev", "stalin", "left"])
        #expect(g.ofClass("switched").map(\.id) == ["actor-zinoviev"])
        #expect(g.ofClass("switched").first?.body.contains("stroke=\"#e67e22\"") == true)
        let clusters = g.ofClass("cluster").map(\.title)
        #expect(clusters.contains("cluster_left") && clusters.contains("cluster_centre") && clusters.contains("cluster_legend"))
        let rivalry = try #require(g.ofClass("rivalry").first)
        #expect(rivalry.body.contains("stroke=\"#c0392b\"") && rivalry.body.contains("stroke-dasharray"))
        let alliances = g.ofClass("alliance")
        #expect(alliances.count == 2)
        #expect(alliances.allSatisfy { $0.body.contains("stroke=\"#1b7837\"") })
        let violation = try #require(g.ofClass("violation").first)
        #expect(violation.body.contains("stroke=\"#f1c40f\""))
        #expect(!alliances.filter { !$0.cls.contains("violation") }.contains { $0.body.contains("#f1c40f") })
        let membership = try #require(g.ofClass("membership").first)
        #expect(membership.body.contains("stroke=\"#9e9e9e\"") && membership.body.contains("stroke-width=\"0.7\""))
        #expect(svg.contains("font-family=\"DejaVu Sans"))
        #expect(svg.contains(">Test dataset</text>") && svg.contains(">1926</text>"))
        #expect(svg.contains(">alliance</text>") && svg.contains(">rivalry</text>"))
    }

    @Test("Hostile names cannot break the DOT or add attributes", arguments: [LayoutEngine.dot, .neato, .fdp, .circo, .sfdp])
    func hostile(engine: LayoutEngine) throws {
        let text = try SnapshotDiagram.dot(Fixtures.hostile, layout: .independent(engine))
        let svg = try svg(text, engine)
        let g = SVGGroups(svg)
        #expect(g.ofClass("actor").count == Fixtures.hostileNames.count)
        // Graphviz keeps a node name as written between the quotes, less the escaped quote: DOTText.id's one-to-one
        // escapes of backslashes and line breaks stay visible in the name (never in the label).
        let names = Fixtures.hostileNames.indices.map { i in
            String(DOTText.id("id \(i) \(Fixtures.hostileNames[i])").dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
        }
        #expect(Set(g.ofClass("actor").map(\.title)) == Set(names))
        #expect(!svg.contains("pwned\n") && !svg.contains("fill=\"red\"") && !svg.contains("stroke=\"red\""))
        #expect(!svg.contains("<script>") && !svg.contains("<b>tag"))
        #expect(svg.contains("&lt;b&gt;tag&lt;/b&gt; &amp; &lt;script&gt;"))
        #expect(svg.contains(#">back\slash \N \G \</text>"#))
        // Names are wrapped at spaces into lines of about 22 characters (DiagramStyle.nameLines).
        #expect(svg.contains(#">x&quot;, color=&quot;red&quot;,</text>"#) && svg.contains(#">label=&quot;pwned</text>"#))
        #expect(g.ofClass("tie").count == 3)
    }

    @Test("The same input gives byte-identical DOT and SVG")
    func deterministic() throws {
        let d1 = try SnapshotDiagram.dot(Fixtures.small, layout: .independent(.neato))
        let d2 = try SnapshotDiagram.dot(Fixtures.small, layout: .independent(.neato))
        #expect(d1 == d2)
        #expect(try Graphviz.shared.render(dot: d1, engine: .neato, format: "svg") == Graphviz.shared.render(dot: d2, engine: .neato, format: "svg"))
        let l1 = try Fixtures.stableLayout(Fixtures.periods), l2 = try Fixtures.stableLayout(Fixtures.periods)
        #expect(l1 == l2)
        let s1 = try SnapshotDiagram.dot(Fixtures.periods[1], layout: .stable(l1))
        #expect(try s1 == SnapshotDiagram.dot(Fixtures.periods[1], layout: .stable(l2)))
        #expect(try Graphviz.shared.render(dot: s1, engine: .nop2, format: "svg") == Graphviz.shared.render(dot: s1, engine: .nop2, format: "svg"))
    }

    @Test("Stable layout: members of a coalition with the same members keep their places relative to each other; each page shows only its period's actors")
    func stable() throws {
        let periods = Fixtures.periods
        let layout = try Fixtures.stableLayout(periods)
        #expect(layout.nodeIDs == ["a", "b", "c", "d", "e"])
        // Name centres (fixed per actor; the marker above grows with the value) in each period's SVG, whose origin
        // moves with the crop: differences between two actors must be the same in every period.
        var seen: [[String: (Double, Double)]] = []
        for d in periods {
            let text = try SnapshotDiagram.dot(d, layout: .stable(layout))
            for absent in Set(layout.nodeIDs).subtracting(d.nodes.map(\.id)) { #expect(!text.contains(DOTText.id(absent) + " [")) }
            let svg = try svg(text, .nop2)
            let actors = SVGGroups(svg).ofClass("actor")
            #expect(Set(actors.map(\.title)) == Set(d.nodes.map(\.id)))
            var centres: [String: (Double, Double)] = [:]
            for g in SVGGroups(svg).ofClass("name") {
                let id = String(g.id.dropFirst("name-".count))
                centres[id] = SVGGroups.textPosition(g.body)
            }
            seen.append(centres)
        }
        // Coalition {a, b} in periods 0 and 1 (the same members): the same arrangement inside its outline.
        // (An actor's place is its coalition's home plus its place inside it, so actors of different coalitions or
        // of a coalition whose members changed may move relative to each other: CoalitionArrangement.)
        #expect(periods[0].clusters[0].members == periods[1].clusters[0].members)
        for (p, q) in [(0, 1)] {
            let common = Set(periods[p].clusters[0].members).intersection(seen[p].keys).sorted()
            #expect(common.count == 2)
            guard let first = common.first else { continue }
            for id in common.dropFirst() {
                let dp = (seen[p][id]!.0 - seen[p][first]!.0, seen[p][id]!.1 - seen[p][first]!.1)
                let dq = (seen[q][id]!.0 - seen[q][first]!.0, seen[q][id]!.1 - seen[q][first]!.1)
                #expect(abs(dp.0 - dq.0) < 0.05 && abs(dp.1 - dq.1) < 0.05, "\(id) moved relative to \(first) between periods \(p) and \(q)")
            }
        }
    }

    @Test("A period with an actor the stable layout does not know is an error")
    func stableUnknown() throws {
        let layout = try Fixtures.stableLayout(Array(Fixtures.periods.prefix(2)))
        #expect(throws: DiagramError.self) { try SnapshotDiagram.dot(Fixtures.periods[2], layout: .stable(layout)) }
    }

    @Test("The story renders with dot: one cluster per period and coalition, orange lines for the movers")
    func storySVG() throws {
        let network = try Fixtures.network()
        let snapshots = try SnapshotBuilder(network: network, options: SnapshotOptions(coMembership: false)).build()
        let series = DiagramSeries(snapshots: snapshots, network: network,
                                   clusters: snapshots.map { PeriodClusters.factions($0, network: network) }, clusterLegend: "factions")
        let svg = try svg(StoryDiagram.dot(series.story), .dot)
        let clusters = SVGGroups(svg).ofClass("cluster").map(\.title)
        #expect(clusters.contains("cluster_1925_0") && clusters.contains("cluster_1926_1") && clusters.contains("cluster_1927"))
        #expect(SVGGroups(svg).ofClass("switch").count == 2)  // Zinoviev and Kamenev, Centre → Left in 1926
        #expect(svg.contains("Left Opposition founded"))
    }
}

@Suite("Diagram data from snapshots")
struct DiagramSeriesTests {
    @Test("Factions as clusters, switchers flagged, violations marked, events in the story")
    func factions() throws {
        let network = try Fixtures.network()
        let snapshots = try SnapshotBuilder(network: network, options: SnapshotOptions(coMembership: false)).build()
        #expect(snapshots.map(\.period.label) == ["1925", "1926", "1927"])
        let sizes = snapshots.map { s in (0..<s.actors.count).map { Double(s.graph.degree(of: $0)) } }
        let series = DiagramSeries(snapshots: snapshots, network: network,
                                   clusters: snapshots.map { PeriodClusters.factions($0, network: network) },
                                   sizes: sizes, sizeLegend: "degree", clusterLegend: "factions")
        let d1925 = series.diagrams[0], d1926 = series.diagrams[1]
        #expect(d1925.clusters.map(\.id) == ["centre", "left"])
        #expect(d1925.clusters[0].members == ["kamenev", "stalin", "zinoviev"])
        #expect(d1926.nodes.filter(\.switched).map(\.id) == ["kamenev", "zinoviev"])
        #expect(d1925.nodes.allSatisfy { !$0.switched })
        // 1926: Zinoviev (Left) allied with Stalin (Centre): across clusters, a violation; Trotsky–Zinoviev inside.
        let zs = try #require(d1926.edges.first { Set([$0.a, $0.b]) == ["stalin", "zinoviev"] })
        #expect(zs.relation == .alliance && zs.violatesPartition)
        let tz = try #require(d1926.edges.first { Set([$0.a, $0.b]) == ["trotsky", "zinoviev"] })
        #expect(!tz.violatesPartition)
        let ts = try #require(d1926.edges.first { Set([$0.a, $0.b]) == ["stalin", "trotsky"] })
        #expect(ts.relation == .rivalry && !ts.violatesPartition)
        #expect(d1926.nodes.map(\.size).max() == 1)
        let left = series.diagrams.map { $0.clusters.first { $0.id == "left" }?.color }
        #expect(Set(left).count == 1 && left[0] != nil, "one colour for the Left Opposition's whole life")
        for d in series.diagrams { #expect(Set(d.clusters.map(\.color)).count == d.clusters.count, "co-present clusters differ") }
        #expect(series.story.periods[1].events.map(\.kind) == [.recorded("founded")])
    }

    @Test("Tracked clusters keep their id and colour while they continue")
    func tracking() {
        var tracker = ClusterTracker()
        let first = tracker.assign([.init(members: ["a", "b", "c"]), .init(members: ["x", "y"])])
        let second = tracker.assign([.init(members: ["x", "y", "z"]), .init(members: ["a", "b"]), .init(members: ["q", "r"])])
        #expect(first.map(\.id) == ["coalition-1", "coalition-2"])
        #expect(second.map(\.id) == ["coalition-2", "coalition-1", "coalition-3"])
        #expect(second.map(\.color) == [1, 0, 2])
        // A merge: both previous clusters feed one; the larger overlap keeps its id.
        let third = tracker.assign([.init(members: ["a", "b", "x", "y", "z"])])
        #expect(third.map(\.id) == ["coalition-2"])
    }

    @Test("Components as clusters leave isolated actors out")
    func components() throws {
        let network = try Fixtures.network()
        let snapshots = try SnapshotBuilder(network: network, options: SnapshotOptions(coMembership: false)).build()
        let c = PeriodClusters.positiveComponents(snapshots[0])
        // 1925: Zinoviev–Stalin allied; Kamenev and Trotsky alone.
        let names = snapshots[0].actors.map { network.actors[Int($0)].id }
        let clustered = zip(names, c.labels).filter { $0.1 != nil }.map(\.0)
        #expect(clustered == ["stalin", "zinoviev"])
    }
}
