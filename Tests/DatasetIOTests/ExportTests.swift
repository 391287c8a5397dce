import Foundation
import Testing
import TestSupport
@testable import DatasetIO
@testable import TemporalModel
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether `text` is well-formed XML, and the first parser error if not.
func xmlProblem(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    return parser.parse() ? nil : "line \(parser.lineNumber): \(String(describing: parser.parserError))"
}

@Suite("Exports")
struct ExportTests {
    @Test("GEXF: golden output of a small dataset with hostile text")
    func gexfGolden() throws {
        let text = GEXFWriter.write(try ExportFixture.network())
        #expect(text == ExportFixture.gexf + "\n")
        #expect(xmlProblem(text) == nil)
    }

    @Test("GraphML: golden output, typed keys")
    func graphmlGolden() throws {
        let text = GraphMLWriter.write(try ExportFixture.network())
        #expect(text == ExportFixture.graphml + "\n")
        #expect(xmlProblem(text) == nil)
    }

    @Test("Node-link JSON: golden output, and it parses back to the same strings")
    func jsonGolden() throws {
        let network = try ExportFixture.network()
        let text = NodeLinkJSON.write(network)
        #expect(text == ExportFixture.json + "\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["multigraph"] as? Bool == true)
        #expect(object["directed"] as? Bool == false)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.map { $0["id"] as? String } == network.actors.map(\.id))
        #expect(nodes[0]["name"] as? String == "Left \"Opposition\" <L&R>")
        #expect(nodes[0]["note"] as? String == "line one\nline two")
        let edges = try #require(object["edges"] as? [[String: Any]])
        #expect(edges.count == 2)
        #expect(edges[1]["note"] as? String == "says \"no\" & <leaves>")
        #expect(edges[1]["sign"] as? Int == -1)
        #expect(edges[1]["signed_weight"] as? Double == -2.5)
        #expect(edges[0]["tie_end"] is NSNull)
    }

    @Test("Every string is escaped: control characters, quotes, markup, line breaks survive XML and JSON")
    func hostileStrings() throws {
        let hostile = "a\"b'c<d>e&f\ng\rh\ti\u{01}j]]>k</node><x y=\"z\">\\u0041 \u{2028}é日本"
        let info = DatasetInfo(name: "h", title: hostile, spanStart: try HistoricalDate(year: 1900), spanEnd: try HistoricalDate(year: 1901),
                               sources: [Source(id: "s", citation: hostile)], scenarios: [Scenario(id: "x", description: hostile)])
        let actors = [Actor(id: "a", name: hostile, kind: .faction, note: hostile), Actor(id: "b", name: "B", kind: .person)]
        let ties = [Tie(source: 1, target: 0, relation: .member, start: try HistoricalDate(year: 1900),
                        sources: [SourceReference(source: "s", locator: hostile.replacingOccurrences(of: ";", with: ""))], note: hostile)]
        let network = try TemporalNetwork(info: info, actors: actors, ties: ties)
        // The one character XML cannot hold (U+0001) becomes U+FFFD; everything else comes back as written.
        let xmlSafe = hostile.replacingOccurrences(of: "\u{01}", with: "\u{FFFD}")

        for text in [GEXFWriter.write(network), GraphMLWriter.write(network)] {
            #expect(xmlProblem(text) == nil)
            #expect(!text.contains("<x y="))
        }
        let doc = try GEXFDocument.parse(Data(GEXFWriter.write(network).utf8), file: "h.gexf")
        #expect(doc.nodes.first?.xml["label"] == xmlSafe)
        #expect(doc.nodes.first?.values.first { $0.key == "note" }?.value == xmlSafe)
        #expect(doc.edges.first?.values.first { $0.key == "note" }?.value == xmlSafe)

        let object = try #require(try JSONSerialization.jsonObject(with: Data(NodeLinkJSON.write(network).utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes[0]["name"] as? String == hostile)
        let graph = try #require(object["graph"] as? [String: Any])
        #expect(graph["title"] as? String == hostile)
        #expect(!NodeLinkJSON.write(network).contains("<"))
    }

    @Test("Exports are deterministic and cover every actor and tie of a random network")
    func randomNetwork() throws {
        for seed: UInt64 in 1...5 {
            let network = RandomGraphs.temporalNetwork(persons: 12, factions: 6, ties: 60, years: 8, seed: seed)
            let gexf = GEXFWriter.write(network)
            #expect(gexf == GEXFWriter.write(network))
            #expect(xmlProblem(gexf) == nil)
            let doc = try GEXFDocument.parse(Data(gexf.utf8), file: "r.gexf")
            #expect(doc.nodes.count == network.actors.count)
            #expect(doc.edges.count == network.ties.count)
            // Every spell lies inside the span, starts no later than it ends, and every edge has one.
            let span = network.info.span
            for e in doc.edges {
                #expect(e.spells.count == 1)
                let s = try #require(e.spells.first?.start), t = try #require(e.spells.first?.end)
                #expect(s <= t && s >= span.start.description && t <= span.end.description)
            }
            let graphml = GraphMLWriter.write(network)
            #expect(xmlProblem(graphml) == nil)
            #expect(graphml.components(separatedBy: "<edge ").count - 1 == network.ties.count)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(NodeLinkJSON.write(network).utf8)) as? [String: Any])
            #expect((json["edges"] as? [Any])?.count == network.ties.count)
        }
    }

    @Test("Edge lists: one row per edge per period, quoted when needed; an empty period has no row")
    func edgeListGolden() {
        let periods = [
            PeriodEdgeList(period: "1923", edges: [.init(source: "a", target: "b", sign: 1, weight: 1),
                                                   .init(source: "a", target: "c", sign: -1, weight: 0.25)]),
            PeriodEdgeList(period: "1924", edges: []),
            PeriodEdgeList(period: "xv, \"congress\"", edges: [.init(source: "b", target: "c", sign: -1, weight: 2)]),
        ]
        let expected = """
            period,source,target,sign,weight
            1923,a,b,1,1.0
            1923,a,c,-1,0.25
            \"xv, \"\"congress\"\"\",b,c,-1,2.0

            """
        #expect(EdgeListWriter.csv(periods) == expected)
        #expect(EdgeListWriter.csv([]) == "period,source,target,sign,weight\n")
    }

    @Test("The dataset writer writes a folder the loader reads back into the same network")
    func datasetWriterRoundTrip() throws {
        var networks = [try ExportFixture.network()]
        for seed: UInt64 in 10...14 {
            // The generator declares no source; a dataset needs one.
            let random = RandomGraphs.temporalNetwork(persons: 10, factions: 5, ties: 50, years: 6, seed: seed)
            var info = random.info
            info.sources = [Source(id: "gen", citation: "RandomGraphs seed \(seed)")]
            networks.append(try TemporalNetwork(info: info, actors: random.actors, ties: random.ties))
        }
        for network in networks {
            let folder = NSTemporaryDirectory() + "blocs-writer-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try DatasetWriter.write(network, to: folder)
            let back = try DatasetLoader.load(folder)
            #expect(back.info == network.info)
            #expect(back.actors == network.actors)
            #expect(back.ties == network.ties)
            #expect(back.events == network.events)
        }
        // Without a source the folder is written all the same, and the loader says what is missing.
        let bare = RandomGraphs.temporalNetwork(persons: 3, factions: 2, ties: 5, years: 3, seed: 1)
        let folder = NSTemporaryDirectory() + "blocs-writer-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DatasetWriter.write(bare, to: folder)
        #expect(throws: DatasetLoadError.self) { try DatasetLoader.load(folder) }
    }
}

@Suite("export on the command line")
struct ExportCLITests {
    @Test("blocs export --format csv gives every period's aggregated edges under the snapshot options")
    func edgeListsFromSnapshots() throws {
        let ds = try TempDataset(yaml: ExportFixture.yaml, actors: ExportFixture.actors, ties: ExportFixture.ties)
        defer { ds.remove() }
        // Level all: the membership is an edge; the rivalry holds under the default scenario a (1924-02-29 to 1925).
        let all = try BuiltBinary.run(["export", ds.path, "--format", "csv", "--level", "all"])
        #expect(all.status == 0, "\(all.stderr)")
        let expected = """
            period,source,target,sign,weight
            1923,left,zed,1,1.0
            1924,left,troika,-1,2.5
            1924,left,zed,1,1.0
            1925,left,troika,-1,2.5
            1925,left,zed,1,1.0
            1926,left,zed,1,1.0

            """
        #expect(all.stdout == expected)
        // Factions level, fraction rule: 1924 from Feb 29 covers 307 of 366 days.
        let fraction = try BuiltBinary.run(["export", ds.path, "--format", "csv", "--level", "factions", "--rule", "fraction"])
        #expect(fraction.status == 0, "\(fraction.stderr)")
        let rows = fraction.stdout.split(separator: "\n").map(String.init)
        #expect(rows.count == 3)
        let w1924 = try #require(rows.first { $0.hasPrefix("1924,") }.flatMap { Double($0.split(separator: ",")[4]) })
        #expect(isClose(w1924, 2.5 * 307 / 366))
        #expect(rows[2] == "1925,left,troika,-1,2.5")
        // Snapshot options are refused for the whole-network formats.
        let refused = try BuiltBinary.run(["export", ds.path, "--format", "gexf", "--period", "quarter"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--period applies only to --format csv"))
    }

    @Test("blocs export writes the file given with --out, byte-identical to standard output")
    func outFile() throws {
        let ds = try TempDataset(yaml: ExportFixture.yaml, actors: ExportFixture.actors, ties: ExportFixture.ties)
        defer { ds.remove() }
        let out = ds.path + "/out/tiny.gexf"
        let written = try BuiltBinary.run(["export", ds.path, "--format", "gexf", "--out", out])
        #expect(written.status == 0 && written.stdout.isEmpty)
        let printed = try BuiltBinary.run(["export", ds.path, "--format", "gexf"])
        #expect(try String(contentsOfFile: out, encoding: .utf8) == printed.stdout)
        #expect(printed.stdout.contains("<creator>Blocs "))
    }
}
