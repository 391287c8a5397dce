import Blocs
import Foundation
import Testing
import TestSupport

/// Colours of the Soviet run's diagrams (issue 13): rivals apart, a coalition's colour kept, same colours whatever
/// the period scheme.
@Suite("Diagram colours on the Soviet run")
struct DiagramColoursTests {
    func series(_ scheme: PeriodSpec) throws -> DiagramSeries {
        let network = try DatasetLoader.load(BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path)
        return try Analysis.run(network, settings: StudySettings(period: scheme, rule: .overlap, level: .persons)).diagramSeries()
    }

    @Test("Every period: co-present coalitions at least 9 ΔE00 apart; each coalition one colour for its whole life")
    func everyPeriod() throws {
        let style = DiagramStyle()
        var smallest = Double.infinity
        var colourOf: [String: Set<Int>] = [:]
        for scheme in [PeriodSpec.year, .quarter] {
            colourOf = [:]
            for d in try series(scheme).diagrams {
                for c in d.clusters { colourOf[c.id, default: []].insert(c.color) }
                for (i, a) in d.clusters.enumerated() {
                    for b in d.clusters[(i + 1)...] {
                        let e = LabColour.ciede2000(try #require(LabColour(hex: style.fill(a.color))), try #require(LabColour(hex: style.fill(b.color))))
                        smallest = min(smallest, e)
                        #expect(e >= DiagramStyle.minimumFillDistance, "\(d.period): \(a.label) and \(b.label) only \(e) apart")
                    }
                }
            }
            #expect(colourOf.values.allSatisfy { $0.count == 1 }, "\(scheme): a coalition changed colour")
        }
        #expect(smallest.isFinite)
        print("smallest co-present fill distance on the Soviet run (year and quarter): \(smallest)")
    }

    @Test("Every period of the Soviet run, persons and factions levels: no edge passes through an actor that is not its end")
    func routing() throws {
        let network = try DatasetLoader.load(BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path)
        for level in [Level.persons, .factions] {
            let series = try Analysis.run(network, settings: StudySettings(period: .year, rule: .overlap, level: level)).diagramSeries()
            let layout = SnapshotLayout.stable(try StableLayout.compute(series.diagrams))
            var edges = 0
            for d in series.diagrams {
                let svg = String(decoding: try Graphviz.shared.render(dot: try SnapshotDiagram.dot(d, layout: layout), engine: .nop2, format: "svg"), as: UTF8.self)
                #expect(SVGGeometry.edgesThroughNodes(svg) == [], "\(level) \(d.period)")
                edges += SVGGeometry.edgeCount(svg)
            }
            #expect(edges == series.diagrams.reduce(0) { $0 + $1.edges.count }, "every edge drawn and checked")
        }
    }

    @Test("Every coalition of every Soviet period, persons and factions levels, is one outline around its members and no one else")
    func oneOutlinePerCoalition() throws {
        let network = try DatasetLoader.load(BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path)
        var coalitions = 0
        for level in [Level.persons, .factions] {
            let series = try Analysis.run(network, settings: StudySettings(period: .year, rule: .overlap, level: level)).diagramSeries()
            let layout = SnapshotLayout.stable(try StableLayout.compute(series.diagrams))
            for d in series.diagrams {
                let svg = String(decoding: try Graphviz.shared.render(dot: try SnapshotDiagram.dot(d, layout: layout), engine: .nop2, format: "svg"), as: UTF8.self)
                let outlines = SVGGeometry.outlines(svg), centres = SVGGeometry.actorCentres(svg)
                #expect(centres.count == d.nodes.count, "\(level) \(d.period): every actor drawn")
                for c in d.clusters {
                    coalitions += 1
                    let boxes = outlines[c.id] ?? []
                    #expect(boxes.count == 1, "\(level) \(d.period): \(c.label) drawn as \(boxes.count) outlines")
                    guard let box = boxes.first else { continue }
                    let members = Set(c.members)
                    for (id, p) in centres {
                        #expect(box.contains(p.x, p.y) == members.contains(id),
                                "\(level) \(d.period): \(id) \(members.contains(id) ? "outside its" : "inside another") coalition's outline (\(c.label))")
                    }
                }
                #expect(outlines.count == d.clusters.count, "\(level) \(d.period): one outline per coalition, no more")
            }
        }
        #expect(coalitions > 30, "the run has coalitions to check (\(coalitions))")
    }

    @Test("Certainty by network index reaches the right actor and period; an empty map changes no picture")
    func certainty() throws {
        let network = try DatasetLoader.load(BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path)
        let series = try Analysis.run(network, settings: StudySettings(period: .year, rule: .overlap, level: .persons)).diagramSeries()
        let t = try #require(series.diagrams.firstIndex { $0.period == "1926" })
        let trotsky = try #require(network.index(of: "trotsky")), stalin = try #require(network.index(of: "stalin"))
        let faded = series.withCertainty([t: [trotsky: 0.4, stalin: 1.0]])
        #expect(faded.diagrams[t].nodes.first { $0.id == "trotsky" }?.certainty == 0.4)
        #expect(faded.diagrams[t].nodes.first { $0.id == "stalin" }?.certainty == nil, "certain: drawn as before")
        #expect(faded.story.periods[t].certainty == ["trotsky": 0.4])
        for k in series.diagrams.indices where k != t { #expect(faded.diagrams[k] == series.diagrams[k]) }
        let plain = try DiagramWriter.draw(series, layout: .stable, story: .actors, formats: [.dot], renderer: InProcessRenderer())
        let empty = try DiagramWriter.draw(series, layout: .stable, story: .actors, formats: [.dot], renderer: InProcessRenderer(), certainty: [:])
        #expect(plain.map { (p: DiagramPicture) in p.dot } == empty.map { (p: DiagramPicture) in p.dot })
        let shaded = try DiagramWriter.draw(series, layout: .stable, story: .actors, formats: [.dot], renderer: InProcessRenderer(),
                                            certainty: [t: [trotsky: 0.4]])
        #expect(shaded[t].dot.contains("in 40% of draws") && shaded.last?.dot.contains("in 40% of draws") == true)
    }

    @Test("Filmstrip of the Soviet run: edges take the pages' routes (none through a node), names print at 6 pt on A3")
    func filmstrip() throws {
        let network = try DatasetLoader.load(BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path)
        let series = try Analysis.run(network, settings: StudySettings(period: .year, rule: .overlap, level: .persons)).diagramSeries()
        let pictures = try DiagramWriter.draw(series, layout: .stable, filmstrip: true, formats: [.svg], renderer: InProcessRenderer())
        let film = try #require(pictures.first { $0.name == "filmstrip" })
        let svg = String(decoding: try #require(try film.rendered.get().first?.bytes), as: UTF8.self)
        #expect(SVGGeometry.edgesThroughNodes(svg) == [])
        #expect(SVGGeometry.edgeCount(svg) == series.diagrams.reduce(0) { $0 + $1.edges.count }, "every edge drawn")
        let routed = film.dot.split(separator: "\n").filter { $0.contains(" -- ") }
        #expect(!routed.isEmpty && routed.allSatisfy { $0.contains("pos=") }, "every edge carries its page's route")
        // The page is 16.5 in wide (A3 landscape), drawn at scale s: a name of font size f prints at f·s points.
        #expect(svg.contains("<svg width=\"1188pt\""))
        let scaleText = try #require(svg.range(of: "transform=\"scale(")).upperBound
        let scale = try #require(Double(svg[scaleText...].prefix { $0 != " " }))
        let names = SVGGeometry.groups(ofClass: "name", in: svg)
        #expect(names.count >= 60, "\(names.count) names shown")
        for g in names {
            guard let r = g.body.range(of: "font-size=\""), let f = Double(g.body[r.upperBound...].prefix { $0 != "\"" }) else { continue }
            #expect(f * scale >= 5.9, "\(g.id): \(f * scale) pt at print size")
        }
        // The leaders are named in 1926.
        let p1926 = try #require(series.diagrams.firstIndex { $0.period == "1926" })
        for id in ["trotsky", "stalin", "zinoviev"] { #expect(names.contains { $0.id == "name-p\(p1926):\(id)" }, "\(id) named in 1926") }
    }

    @Test("Year and quarter periods give the main coalitions the same colours")
    func sameColoursWhateverTheScheme() throws {
        func colours(_ s: DiagramSeries) -> [String: Int] {
            var m: [String: Int] = [:]
            for d in s.diagrams { for c in d.clusters where m[c.label] == nil { m[c.label] = c.color } }
            return m
        }
        let year = colours(try series(.year)), quarter = colours(try series(.quarter))
        for name in ["Left Opposition", "Stalin's Centre", "United (Joint) Opposition", "Bloc of Oppositions (1932-33)"] {
            #expect(year[name] != nil && year[name] == quarter[name], "\(name): \(String(describing: year[name])) vs \(String(describing: quarter[name]))")
        }
    }

    @Test("blocs analyze and blocs story draw the same story picture; a quarterly story wraps into rows")
    func oneStory() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("blocs-story-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: dir) }
        let analyze = try BuiltBinary.run(["analyze", "--format", "svg", "--out", dir.appendingPathComponent("run").path])
        #expect(analyze.status == 0, "\(analyze.stderr)")
        let story = try BuiltBinary.run(["story", "--format", "svg", "--out", dir.appendingPathComponent("story.svg").path])
        #expect(story.status == 0, "\(story.stderr)")
        let a = try Data(contentsOf: dir.appendingPathComponent("run/story.svg"))
        let b = try Data(contentsOf: dir.appendingPathComponent("story.svg"))
        #expect(a == b)
        // 52 quarters: at most 3600 pt wide (the bound), several rows.
        let quarterly = try BuiltBinary.run(["story", "--period", "quarter", "--format", "svg", "--out", dir.appendingPathComponent("q.svg").path])
        #expect(quarterly.status == 0, "\(quarterly.stderr)")
        let svg = String(decoding: try Data(contentsOf: dir.appendingPathComponent("q.svg")), as: UTF8.self)
        let width = svg.range(of: "<svg width=\"").map { Double(svg[$0.upperBound...].prefix { $0.isNumber || $0 == "." }) ?? 0 } ?? 0
        #expect(width > 0 && width <= 3600 + 60, "quarterly story \(width) pt wide")
    }
}
