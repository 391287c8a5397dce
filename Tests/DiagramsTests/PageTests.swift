import TextFormats
import Foundation
import GraphvizKit
import Testing
import TestSupport
@testable import Diagrams
@testable import GraphvizKit

/// A stable layout with given positions (inches) and boxes, as Graphviz's `plain` output would give it.
private func layout(_ nodes: [(String, Double, Double, Double, Double)]) throws -> StableLayout {
    let ids = nodes.map(\.0)
    var plain = "graph 1 10 10\n"
    for (i, n) in nodes.enumerated() { plain += "node n\(i) \(n.1) \(n.2) \(n.3) \(n.4) x solid box black lightgrey\n" }
    plain += "stop\n"
    return try StableLayout(plain: plain, ids: ids)
}

/// The `width` attribute of node `id` in DOT text.
private func width(of id: String, in dot: String) -> Double? {
    guard let line = dot.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(DOTText.id(id) + " [") }),
          let r = line.range(of: "width=") else { return nil }
    return Double(line[r.upperBound...].prefix { $0 != "," && $0 != "]" })
}

@Suite("Period pages")
struct PageTests {
    @Test("Marker area is proportional to the period's own value on the run's scale; equal values, equal markers")
    func sizes() throws {
        // Hand-computed: diameter = 0.8·√(value/max) inches, floor 0.14. Max 0.4 (size 1): 0.8; 0.1 (0.25): 0.4;
        // 0.1 again: 0.4; 0.004 (0.01): 0.8·0.1 = 0.08 → floor 0.14.
        let l = try layout([("a", 1, 1, 1.5, 1.3), ("b", 4, 1, 1.5, 1.3), ("c", 7, 1, 1.5, 1.3), ("d", 10, 1, 1.5, 1.3)])
        let d = DiagramSnapshot(title: "T", period: "1930", sizeLegend: "pagerank", sizeMaximum: 0.4,
                                nodes: [.init(id: "a", label: "Leon Trotsky", size: 1), .init(id: "b", label: "Chen Duxiu", size: 0.25),
                                        .init(id: "c", label: "Grigory Zinoviev", size: 0.25), .init(id: "d", label: "X", size: 0.01)],
                                clusters: [], edges: [])
        let text = try SnapshotDiagram.dot(d, layout: .stable(l))
        #expect(width(of: "a", in: text) == 0.8)
        #expect(width(of: "b", in: text) == 0.4)
        #expect(width(of: "c", in: text) == 0.4, "equal values are drawn equal whatever the name's length")
        #expect(width(of: "d", in: text) == 0.14)
        // Another period: a's value is a quarter of the maximum → 0.4, whatever its largest value in the run.
        var later = d
        later.nodes[0].size = 0.25
        #expect(width(of: "a", in: try SnapshotDiagram.dot(later, layout: .stable(l))) == 0.4)
        // The legend shows the scale: the maximum and a quarter of it rounded (0.1), a sixteenth (0.025 → 0.03).
        #expect(StablePage.referenceValues(0.4, style: DiagramStyle()) == [0.4, 0.1, 0.03])
        #expect(text.contains("area ∝ pagerank (same scale in every period)"))
    }

    @Test("CIEDE2000 matches Sharma, Wu and Dalal (2005) test pairs", arguments: [
        (50.0, 2.6772, -79.7751, 50.0, 0.0, -82.7485, 2.0425), (50, -1.3802, -84.2814, 50, 0, -82.7485, 1.0000),
        (50, 0, 0, 50, -1, 2, 2.3669), (50, 2.49, -0.001, 50, -2.49, 0.0009, 7.1792), (50, 2.49, -0.001, 50, -2.49, 0.0011, 7.2195),
        (50, -0.001, 2.49, 50, 0.0009, -2.49, 4.8045), (50, -0.001, 2.49, 50, 0.0011, -2.49, 4.7461), (50, 2.5, 0, 50, 0, -2.5, 4.3065),
        (50, 2.5, 0, 73, 25, -18, 27.1492), (50, 2.5, 0, 61, -5, 29, 22.8977), (50, 2.5, 0, 56, -27, -3, 31.9030),
        (50, 2.5, 0, 58, 24, 15, 19.4535), (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
        (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630), (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
        (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645), (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
        (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441), (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
        (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
    ] as [(Double, Double, Double, Double, Double, Double, Double)])
    func ciede2000(_ p: (Double, Double, Double, Double, Double, Double, Double)) {
        let e = LabColour.ciede2000(LabColour(l: p.0, a: p.1, b: p.2), LabColour(l: p.3, a: p.4, b: p.5))
        #expect(abs(e - p.6) < 5e-5, "ΔE00 \(e), published \(p.6)")
        #expect(abs(LabColour.ciede2000(LabColour(l: p.3, a: p.4, b: p.5), LabColour(l: p.0, a: p.1, b: p.2)) - p.6) < 5e-5)
    }

    @Test("sRGB to CIELAB: white, black, and a palette colour checked with colour-science")
    func lab() throws {
        let white = try #require(LabColour(hex: "#ffffff"))
        #expect(abs(white.l - 100) < 1e-3 && abs(white.a) < 1e-3 && abs(white.b) < 1e-3)
        // colour.XYZ_to_Lab(colour.sRGB_to_XYZ([0x77, 0xAA, 0xDD]/255)) = (67.9408, -3.3151, -31.0035) (scripts/colour_reference.py)
        let blue = try #require(LabColour(hex: "#77AADD"))
        #expect(abs(blue.l - 67.9408) < 0.01 && abs(blue.a + 3.3151) < 0.01 && abs(blue.b + 31.0035) < 0.01)
    }

    @Test("The palette's colours are pairwise at least the promised distance apart")
    func palette() throws {
        let style = DiagramStyle()
        var smallest = Double.infinity
        for (i, a) in style.palette.enumerated() {
            for b in style.palette[(i + 1)...] {
                smallest = min(smallest, LabColour.ciede2000(try #require(LabColour(hex: a)), try #require(LabColour(hex: b))))
            }
        }
        #expect(smallest >= DiagramStyle.minimumFillDistance)
        #expect(abs(smallest - 9.29) < 0.01)
    }

    @Test("A generated run of 20 coalitions: co-present ones are ΔE00 ≥ 9 apart in every period, each keeps one colour")
    func twentyCoalitions() throws {
        // 20 identities, each alive for a stretch of 30 periods; at most 7 at once (fewer than the 8 colours).
        var rng = SplitMix(seed: 7)
        var spans: [(String, Int, Int)] = []
        for k in 0..<20 {
            let start = Int(rng.next() % 26), length = 3 + Int(rng.next() % 8)
            spans.append(("C\(k + 1)", start, min(29, start + length)))
        }
        var periods: [[String]] = (0..<30).map { t in spans.filter { $0.1 <= t && t <= $0.2 }.map(\.0) }
        for t in periods.indices where periods[t].count > 7 { periods[t] = Array(periods[t].prefix(7)) }
        let keys = Dictionary(uniqueKeysWithValues: spans.map { ($0.0, "Coalition \($0.0)") })
        let style = DiagramStyle()
        let slots = ClusterColours.assign(keys: keys, periods: periods, palette: style.palette)
        #expect(slots.count == 20)
        var smallest = Double.infinity
        for p in periods {
            for (i, a) in p.enumerated() {
                for b in p[(i + 1)...] {
                    let ca = try #require(LabColour(hex: style.fill(slots[a] ?? -1))), cb = try #require(LabColour(hex: style.fill(slots[b] ?? -1)))
                    smallest = min(smallest, LabColour.ciede2000(ca, cb))
                }
            }
        }
        #expect(smallest >= DiagramStyle.minimumFillDistance, "smallest co-present distance \(smallest)")
        // Each period split in two (finer periods over the same data) gives the same colours.
        let finer = periods.flatMap { [$0, $0] }
        #expect(ClusterColours.assign(keys: keys, periods: finer, palette: style.palette) == slots)
    }

    @Test("20 coalitions present at once: every pair differs in fill by ≥ 9 ΔE00 or, sharing a fill, in outline pattern; drawn and in the legend")
    func twentyAtOnce() throws {
        // 20 identities over 12 periods, all 20 present in periods 4–7 (a generated network of 20 coalitions).
        var rng = SplitMix(seed: 11)
        var spans: [(String, Int, Int)] = []
        for k in 0..<20 { spans.append(("C\(k + 1)", Int(rng.next() % 5), 7 + Int(rng.next() % 5))) }
        let periods: [[String]] = (0..<12).map { t in spans.filter { $0.1 <= t && t <= $0.2 }.map(\.0) }
        #expect(periods.map(\.count).max() == 20)
        let keys = Dictionary(uniqueKeysWithValues: spans.map { ($0.0, "Coalition \($0.0)") })
        let style = DiagramStyle()
        let slots = ClusterColours.assign(keys: keys, periods: periods, palette: style.palette, patterns: style.outlinePatterns.count)
        #expect(slots.count == 20)
        for p in periods {
            for (i, a) in p.enumerated() {
                for b in p[(i + 1)...] {
                    let sa = try #require(slots[a]), sb = try #require(slots[b])
                    let e = LabColour.ciede2000(try #require(LabColour(hex: style.fill(sa))), try #require(LabColour(hex: style.fill(sb))))
                    #expect(e >= DiagramStyle.minimumFillDistance || (style.fill(sa) == style.fill(sb) && style.outlinePattern(sa) != style.outlinePattern(sb)),
                            "\(a) and \(b): ΔE00 \(e), patterns \(style.outlinePattern(sa)) and \(style.outlinePattern(sb))")
                }
            }
        }
        // At most 8 at once: the first pattern only, as before patterns existed.
        let eight = Set((1...8).map { "C\($0)" })
        let few = periods.map { $0.filter(eight.contains) }
        #expect(ClusterColours.assign(keys: keys, periods: few, palette: style.palette, patterns: 3).values.allSatisfy { $0 < 8 })
        // Drawn: a period with all 20, one actor each, on a row.
        let t = try #require(periods.firstIndex { $0.count == 20 })
        let ids = periods[t]
        let l = try layout(ids.enumerated().map { ($0.element, Double($0.offset) * 2, 1, 1.2, 1.2) })
        let d = DiagramSnapshot(title: "T", period: "P", nodes: ids.map { .init(id: $0, label: $0, size: 1) },
                                clusters: ids.map { .init(id: $0, label: "Coalition \($0)", members: [$0], color: slots[$0] ?? 0) }, edges: [])
        let text = try SnapshotDiagram.dot(d, layout: .stable(l))
        let dashed = ids.filter { style.outlinePattern(slots[$0] ?? 0) == "dashed" }, dotted = ids.filter { style.outlinePattern(slots[$0] ?? 0) == "dotted" }
        #expect(!dashed.isEmpty && !dotted.isEmpty)
        #expect(text.components(separatedBy: "style=\"rounded,filled,dashed\"").count - 1 == dashed.count)
        #expect(text.components(separatedBy: "style=\"rounded,filled,dotted\"").count - 1 == dotted.count)
        #expect(text.contains("(dashed outline)") && text.contains("(dotted outline)"))
        let svg = String(decoding: try Graphviz.shared.render(dot: text, engine: .nop2, format: "svg"), as: UTF8.self)
        #expect(svg.contains("stroke-dasharray=\"5,2\"") && svg.contains("stroke-dasharray=\"1,5\""))
    }

    @Test("Edges are routed around nodes: no edge passes through a marker that is not its end")
    func routing() throws {
        // Three actors on one line and a tie from the first to the third: a straight line would cross the middle one.
        let l = try layout([("a", 1, 1, 1.2, 1.2), ("b", 3, 1, 1.2, 1.2), ("c", 5, 1, 1.2, 1.2), ("d", 3, 3, 1.2, 1.2)])
        let d = DiagramSnapshot(title: "T", period: "1926",
                                nodes: ["a", "b", "c", "d"].map { .init(id: $0, label: $0.uppercased(), size: 1) },
                                clusters: [], edges: [.init("a", "c", relation: .rivalry), .init("b", "d", relation: .alliance),
                                                      .init("a", "d", relation: .alliance)])
        let svg = String(decoding: try Graphviz.shared.render(dot: try SnapshotDiagram.dot(d, layout: .stable(l)), engine: .nop2, format: "svg"),
                         as: UTF8.self)
        #expect(SVGGeometry.edgesThroughNodes(svg) == [])
        #expect(SVGGeometry.edgeCount(svg) == 3)
    }
}

/// The `pos` of node `id` in DOT text.
private func position(of id: String, in dot: String) -> (Double, Double)? {
    guard let line = dot.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(DOTText.id(id) + " [") }),
          let r = line.range(of: "pos=\"") else { return nil }
    let parts = line[r.upperBound...].prefix { $0 != "\"" }.split(separator: ",").compactMap { Double($0) }
    return parts.count == 2 ? (parts[0], parts[1]) : nil
}

@Suite("Print formats")
struct PrintTests {
    /// The width in pixels of a PNG (IHDR).
    func pngWidth(_ bytes: [UInt8]) -> Int { bytes[16..<20].reduce(0) { $0 << 8 | Int($1) } }

    @Test("--dpi scales the PNG only: 144 dpi is 1.5 times the default 96 wide; SVG and PDF unchanged")
    func dpi() throws {
        let layout = try Fixtures.stableLayout(Fixtures.periods)
        let text = try SnapshotDiagram.dot(Fixtures.periods[0], layout: .stable(layout))
        let plain = try Graphviz.shared.render(dot: text, engine: .nop2, formats: ["svg", "png", "pdf"])
        let sharp = try Graphviz.shared.render(dot: text, engine: .nop2, formats: ["svg", "png", "pdf"], dpi: 144)
        #expect(plain[0] == sharp[0])
        #expect(abs(Double(pngWidth(sharp[1])) / Double(pngWidth(plain[1])) - 1.5) < 0.01)
        #expect(String(decoding: sharp[2].prefix(5), as: UTF8.self) == "%PDF-")
        #expect(String(decoding: sharp[2], as: UTF8.self).contains("/CreationDate (D:19700101000000"), "a fixed date: same input, same bytes")
        // Through the worker protocol too.
        let job = RenderJob(dot: text, engine: .nop2, formats: ["png"], dpi: 144)
        let frame = WorkerProtocol.encodeRequest(job)
        #expect(WorkerProtocol.decodeRequest(Array(frame.dropFirst(4))) == job)
        #expect(WorkerProtocol.decodeRequest(Array(WorkerProtocol.encodeRequest(RenderJob(dot: "x", engine: .dot, formats: ["svg"])).dropFirst(4)))?.dpi == nil)
    }

    @Test("Filmstrip: every period a panel, each panel the same positions shifted as a whole; renders to SVG and PDF")
    func filmstrip() throws {
        let periods = Fixtures.periods
        let layout = try Fixtures.stableLayout(periods)
        let text = try Filmstrip.dot(periods, layout: layout)
        for p in periods { #expect(text.contains("id=\"panel-\(p.period)\"")) }
        // b is in all three periods, a in the first two, d in the last two: within a panel every actor is moved by
        // the same offset, so differences between actors are those of the single-period pages.
        let b0 = try #require(position(of: "p0:b", in: text)), b1 = try #require(position(of: "p1:b", in: text))
        let a0 = try #require(position(of: "p0:a", in: text)), a1 = try #require(position(of: "p1:a", in: text))
        #expect(abs((b1.0 - b0.0) - (a1.0 - a0.0)) < 0.02 && abs((b1.1 - b0.1) - (a1.1 - a0.1)) < 0.02)
        #expect(b1.0 - b0.0 > 0, "the second panel is to the right of the first")
        let single = try SnapshotDiagram.dot(periods[0], layout: .stable(layout))
        let sa = try #require(position(of: "a", in: single)), sb = try #require(position(of: "b", in: single))
        #expect(abs((b0.0 - a0.0) - (sb.0 - sa.0)) < 0.02 && abs((b0.1 - a0.1) - (sb.1 - sa.1)) < 0.02)
        let out = try Graphviz.shared.render(dot: text, engine: .nop2, formats: ["svg", "pdf"])
        #expect(String(decoding: out[0], as: UTF8.self).contains("panel&#45;1927"))
        #expect(String(decoding: out[1].prefix(5), as: UTF8.self) == "%PDF-")
    }
}

/// A small fixed generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Large and absurd inputs")
struct LargeInputTests {
    @Test("A 5,000-character name and a coalition of 3,000 members still draw (sfdp union layout, names cut)")
    func large() throws {
        let long = String(repeating: "Very long name ", count: 334)  // 5,010 characters
        var nodes = (0..<3000).map { DiagramSnapshot.Node(id: String(format: "m%04d", $0), label: "Member \($0)", size: Double($0 % 7) / 7) }
        nodes.append(.init(id: "long", label: long, kind: .faction, size: 1))
        let cluster = DiagramSnapshot.Cluster(id: "big", label: long, members: nodes.map(\.id), color: 0)
        let edges = (0..<40).map { DiagramSnapshot.Edge(String(format: "m%04d", $0), String(format: "m%04d", $0 + 1500), relation: $0 % 2 == 0 ? .alliance : .rivalry) }
        let d = DiagramSnapshot(title: "Large", period: "1", sizeLegend: "degree", sizeMaximum: 7, clusterLegend: "coalitions",
                                nodes: nodes, clusters: [cluster], edges: edges)
        let started = Date()
        let layout = try Fixtures.stableLayout([d])
        let text = try SnapshotDiagram.dot(d, layout: .stable(layout))
        // Drawn text (node names, coalition labels, legend rows) is cut; only tooltips keep the whole name.
        let drawn = text.split(separator: "\n").map { line in line.components(separatedBy: "tooltip=").first ?? "" }.joined()
        #expect(!drawn.contains(String(repeating: "Very long name ", count: 6)), "the long name is cut")
        #expect(drawn.contains("Ver…"), "cut at 64 characters with an ellipsis")
        // Tooltips keep the name up to 1,000 characters (999 and "…").
        let tips = text.components(separatedBy: "tooltip=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(tips.contains { $0.hasPrefix(String(long.prefix(999))) && $0.count == 1_000 && $0.hasSuffix("…") })
        #expect(tips.allSatisfy { $0.count <= 1_000 })
        let svg = try Graphviz.shared.render(dot: text, engine: .nop2, format: "svg")
        #expect(svg.count > 100_000)
        print("3,001 actors, one coalition: layout and SVG in \(Date().timeIntervalSince(started)) s")
    }
}

@Suite("Membership certainty")
struct CertaintyTests {
    /// The SVG group of actor `id` (its `<g id="actor-…">` element up to the next group).
    func group(_ id: String, in svg: String) -> String? {
        // Graphviz writes the node's group, then its link group (`a_…`) holding the marker; `-` escaped as &#45;.
        let parts = svg.components(separatedBy: "<g id=\"")
        guard let k = parts.firstIndex(where: { $0.hasPrefix("actor&#45;\(id)\"") }), k + 1 < parts.count else { return nil }
        return parts[k] + parts[k + 1]
    }

    @Test("Uncertain members are faded by their share of draws (dashed under 0.5); certain ones and no map draw as before")
    func faded() throws {
        let l = try layout([("a", 1, 1, 1.2, 1.2), ("b", 3, 1, 1.2, 1.2), ("c", 5, 1, 1.2, 1.2)])
        var d = DiagramSnapshot(title: "T", period: "1926",
                                nodes: ["a", "b", "c"].map { .init(id: $0, label: $0.uppercased(), size: 1) },
                                clusters: [.init(id: "k", label: "K", members: ["a", "b", "c"], color: 0)], edges: [])
        let before = try SnapshotDiagram.dot(d, layout: .stable(l))
        d.nodes[0].certainty = 0.6
        d.nodes[1].certainty = 0.3
        let text = try SnapshotDiagram.dot(d, layout: .stable(l))
        let svg = String(decoding: try Graphviz.shared.render(dot: text, engine: .nop2, format: "svg"), as: UTF8.self)
        // By hand: alpha = 0.15 + 0.85·p; 0.6 → 0.66 → 168/255 = 0.658824; 0.3 → 0.405 → 103/255 = 0.403922.
        let a = try #require(group("a", in: svg)), b = try #require(group("b", in: svg)), c = try #require(group("c", in: svg))
        #expect(a.contains("fill=\"#77aadd\" fill-opacity=\"0.658824\""), "\(a)")
        #expect(!a.contains("stroke-dasharray"))
        #expect(b.contains("fill=\"#77aadd\" fill-opacity=\"0.403922\"") && b.contains("stroke-dasharray"), "\(b)")
        #expect(c.contains("fill=\"#77aadd\"") && !c.contains("fill-opacity"), "a certain member is drawn opaque")
        #expect(a.contains("in 60% of draws"))
        #expect(svg.contains("faded: not in this coalition in every draw"))
        // Certainty 1 everywhere: the same text as without it.
        d.nodes[0].certainty = nil
        d.nodes[1].certainty = nil
        #expect(try SnapshotDiagram.dot(d, layout: .stable(l)) == before)
    }

    @Test("The story fades an uncertain member's box and says so in its title; without certainty the story is unchanged")
    func story() throws {
        var story = Story(title: "T", names: ["a": "Anna A", "b": "Boris B"], periods: [
            .init(label: "1925", clusters: [.init(id: "c1", label: "One", members: ["a", "b"], color: 0)]),
        ])
        let before = StoryDiagram.dot(story)
        story.periods[0].certainty = ["b": 0.4]
        let text = StoryDiagram.dot(story)
        #expect(text != before)
        // 0.4 → alpha 0.49 → 125 = 7D: text and border at that opacity, dashed (under 0.5).
        #expect(text.contains("fontcolor=\"#0000007D\", color=\"#0000007D\", class=\"uncertain\", style=\"rounded,filled,dashed\""))
        #expect(text.contains("faded: not in this coalition in every draw"))
        story.periods[0].certainty = [:]
        #expect(StoryDiagram.dot(story) == before)
    }
}
