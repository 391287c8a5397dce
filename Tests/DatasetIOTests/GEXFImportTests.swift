import Foundation
import Testing
import TestSupport
@testable import DatasetIO
@testable import TemporalModel

/// Imports GEXF text with the given options.
func importGEXF(_ text: String, name: String = "imported", span: (HistoricalDate, HistoricalDate)? = nil) throws(GEXFImportError) -> GEXFImporter.Result {
    try GEXFImporter.importGEXF(Data(text.utf8), file: "in.gexf", options: .init(name: name, span: span.map { (start: $0.0, end: $0.1) }))
}

/// The diagnostics of an import expected to fail.
func importProblems(_ text: String) -> [String] {
    do {
        _ = try importGEXF(text)
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

@Suite("GEXF import")
struct GEXFImportTests {
    /// A hand-written dynamic GEXF 1.3 as Gephi writes it: spells as elements, a kind attribute, an edge with two
    /// spells, a negative weight without relation, an edge with a relation attribute, a node id that is not a
    /// valid actor id.
    static let dynamic13 = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
          <meta lastmodifieddate="2024-01-01"><creator>Gephi 0.10</creator><description>Party &amp; factions</description></meta>
          <graph mode="dynamic" defaultedgetype="undirected" timeformat="date">
            <attributes class="node" mode="static">
              <attribute id="0" title="Kind" type="string"/>
              <attribute id="1" title="note" type="string"/>
            </attributes>
            <attributes class="edge" mode="static">
              <attribute id="2" title="relation" type="string"/>
              <attribute id="3" title="colour" type="string"/>
              <attribute id="4" title="sources" type="string"/>
            </attributes>
            <nodes>
              <node id="left" label="Left Opposition">
                <attvalues><attvalue for="0" value="Faction"/></attvalues>
                <spells><spell start="1923-10-15" end="1927-12-31"/></spells>
                <viz:color r="255" g="0" b="0"/>
              </node>
              <node id="trotsky" label="Leon Trotsky">
                <attvalues><attvalue for="0" value="person"/><attvalue for="1" value="Exiled &quot;1929&quot;"/></attvalues>
              </node>
              <node id="Joseph Stalin" label="Joseph Stalin"/>
            </nodes>
            <edges>
              <edge id="e1" source="trotsky" target="left">
                <attvalues><attvalue for="2" value="member"/><attvalue for="4" value="wp#Lead;corin"/></attvalues>
                <spells><spell start="1923-10-15" end="1927-12-31"/><spell start="1930-01-01" end="1933-12-31"/></spells>
              </edge>
              <edge id="e2" source="trotsky" target="Joseph Stalin" weight="-2">
                <attvalues><attvalue for="3" value="red"/></attvalues>
                <spells><spell start="1924-01-21"/></spells>
              </edge>
            </edges>
          </graph>
        </gexf>
        """

    @Test("A hand-written dynamic GEXF 1.3 becomes actors and ties")
    func dynamic() throws {
        let r = try importGEXF(Self.dynamic13)
        let n = r.network
        #expect(n.info.title == "Party & factions")
        #expect(n.actors.map(\.id) == ["Joseph-Stalin", "left", "trotsky"])
        #expect(n.actor("left")?.kind == .faction)
        #expect(n.actor("left")?.start?.description == "1923-10-15")
        #expect(n.actor("left")?.end?.description == "1927-12-31")
        #expect(n.actor("trotsky")?.kind == .person && n.actor("trotsky")?.note == "Exiled \"1929\"")
        #expect(n.actor("trotsky")?.start == nil)
        #expect(n.actor("Joseph-Stalin")?.name == "Joseph Stalin" && n.actor("Joseph-Stalin")?.kind == .person)
        // One tie per spell; the open spell end is an open tie end; span = hull of the dates.
        #expect(n.ties.count == 3)
        #expect(n.ties.filter { $0.relation == .member }.map { "\($0.start)..\($0.end?.description ?? "")" } == ["1923-10-15..1927-12-31", "1930-01-01..1933-12-31"])
        #expect(n.ties[0].sources == [SourceReference(source: "wp", locator: "Lead"), SourceReference(source: "corin")])
        let rivalry = try #require(n.ties.first { $0.relation == .rivalry })
        #expect(rivalry.weight == 2 && rivalry.end == nil && rivalry.start.description == "1924-01-21")
        #expect(n.info.spanStart.description == "1923-10-15" && n.info.spanEnd.description == "1933-12-31")
        #expect(n.info.sources.map(\.id) == ["import", "wp", "corin"])
        // What changed is said.
        let warnings = r.warnings.map(\.description)
        #expect(warnings.contains { $0.contains("'Joseph Stalin'") && $0.contains("'Joseph-Stalin'") })
        #expect(warnings.contains { $0.contains("not kept") && $0.contains("colour") })
    }

    @Test("GEXF 1.2draft with start/end attributes, integer years and an open end")
    func integerYears12() throws {
        let text = """
            <gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
              <graph mode="dynamic" defaultedgetype="undirected" timeformat="integer" start="1920" end="1935">
                <nodes>
                  <node id="a" label="A" start="1921" end="1925"/>
                  <node id="b" label="B"/>
                  <node id="c" label="C" start="1922.0"/>
                </nodes>
                <edges>
                  <edge id="0" source="a" target="b" start="1923" end="1924" weight="1.5"/>
                  <edge id="1" source="b" target="c" start="1926" weight="-1"/>
                  <edge id="2" source="a" target="c" weight="3"/>
                </edges>
              </graph>
            </gexf>
            """
        let n = try importGEXF(text).network
        #expect(n.info.spanStart.description == "1920" && n.info.spanEnd.description == "1935")
        #expect(n.actor("a")?.start?.description == "1921" && n.actor("a")?.end?.description == "1925")
        #expect(n.actor("c")?.start?.description == "1922" && n.actor("c")?.end == nil)
        #expect(n.ties.map(\.relation) == [.alliance, .rivalry, .alliance])
        #expect(n.ties.map(\.weight) == [1.5, 1, 3])
        #expect(n.ties[0].interval(openEnd: n.info.span.end)?.description == "1923-01-01..1924-12-31")
        #expect(n.ties[1].end == nil)
        // No dates at all on the third edge: it covers the span.
        #expect(n.ties[2].start.description == "1920" && n.ties[2].end == nil)
    }

    @Test("Weights over time (Gephi's dynamic weight column): one tie per value, its sign giving the relation")
    func dynamicWeights() throws {
        let text = """
            <gexf xmlns="http://gexf.net/1.3" version="1.3">
              <graph mode="dynamic" defaultedgetype="undirected" timeformat="date">
                <attributes class="edge" mode="dynamic">
                  <attribute id="weight" title="Weight" type="double"/>
                  <attribute id="mood" title="mood" type="string"/>
                </attributes>
                <nodes><node id="a" label="A"/><node id="b" label="B"/></nodes>
                <edges>
                  <edge id="0" source="a" target="b">
                    <attvalues>
                      <attvalue for="weight" value="2" start="1920-01-01" end="1921-06-30"/>
                      <attvalue for="weight" value="0" start="1921-07-01" end="1921-12-31"/>
                      <attvalue for="weight" value="-1.5" start="1922-01-01" end="1923-12-31"/>
                      <attvalue for="mood" value="calm" start="1920-01-01" end="1921-12-31"/>
                      <attvalue for="mood" value="angry" start="1922-01-01" end="1923-12-31"/>
                    </attvalues>
                    <spells><spell start="1920-01-01" end="1923-12-31"/></spells>
                  </edge>
                </edges>
              </graph>
            </gexf>
            """
        let r = try importGEXF(text)
        let ties = r.network.ties
        #expect(ties.map(\.relation) == [.alliance, .rivalry])
        #expect(ties.map(\.weight) == [2, 1.5])
        #expect(ties.map { "\($0.start)..\($0.end?.description ?? "")" } == ["1920-01-01..1921-06-30", "1922-01-01..1923-12-31"])
        let warnings = r.warnings.map(\.description)
        #expect(warnings.contains { $0.contains("weight 0 from 1921-07-01 to 1921-12-31") })
        #expect(warnings.contains { $0.contains("read as static") && $0.contains("mood") && !$0.contains("weight") })
    }

    @Test("A static GEXF needs a span, and takes the one given")
    func staticGraph() throws {
        let text = """
            <gexf version="1.3"><graph defaultedgetype="undirected">
              <attributes class="edge"><attribute id="w" title="sign" type="integer"/></attributes>
              <nodes><node id="1" label="One"/><node id="2" label="Two"/><node id="3" label="Three"/></nodes>
              <edges>
                <edge source="1" target="2"><attvalues><attvalue for="w" value="-1"/></attvalues></edge>
                <edge source="2" target="3" weight="0"/>
                <edge source="3" target="3"/>
              </edges>
            </graph></gexf>
            """
        #expect(importProblems(text).contains { $0.contains("no dates") && $0.contains("--span") })
        let r = try importGEXF(text, span: (try HistoricalDate(year: 1950), try HistoricalDate(year: 1960)))
        #expect(r.network.ties.count == 1)
        #expect(r.network.ties[0].relation == .rivalry && r.network.ties[0].start.description == "1950" && r.network.ties[0].end == nil)
        #expect(r.warnings.contains { $0.description.contains("weight 0") })
        #expect(r.warnings.contains { $0.description.contains("self-loop") })
    }

    @Test("Malformed XML is reported with its line")
    func malformed() {
        let text = "<gexf version=\"1.3\">\n  <graph>\n    <nodes>\n      <node id=\"a\" label=\"A & B\"/>\n    </nodes>\n  </graph>\n</gexf>\n"
        let problems = importProblems(text)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("in.gexf:4:") == true, "\(problems)")
        #expect(problems.first?.contains("malformed XML") == true)

        let unclosed = "<gexf version=\"1.3\">\n<graph>\n<nodes>\n<node id=\"a\">\n</graph>\n</gexf>\n"
        #expect(importProblems(unclosed).first?.hasPrefix("in.gexf:5:") == true, "\(importProblems(unclosed))")
        #expect(importProblems("<graphml><graph/></graphml>").first?.contains("not a GEXF file") == true)
        #expect(importProblems("").first?.contains("empty") == true || importProblems("").first?.contains("malformed") == true)
    }

    @Test("Bad content is reported with the element's line")
    func badContent() {
        let text = """
            <gexf version="1.3"><graph mode="dynamic" timeformat="date">
            <attributes class="node"><attribute id="k" title="kind" type="string"/></attributes>
            <attributes class="edge"><attribute id="r" title="relation" type="string"/></attributes>
            <nodes>
            <node id="a" label="A"><attvalues><attvalue for="k" value="company"/></attvalues></node>
            <node id="b" label="B" start="1920-01-01"/>
            <node id="c" label="C" start="1920-13-01"/>
            </nodes>
            <edges>
            <edge source="b" target="zz" start="1921-01-01"/>
            <edge source="b" target="c" start="1921-01-01"><attvalues><attvalue for="r" value="friendship"/></attvalues></edge>
            <edge source="b" target="b2" start="1921-01-01"/>
            </edges>
            </graph></gexf>
            """
        let problems = importProblems(text)
        #expect(problems.contains { $0.hasPrefix("in.gexf:5:") && $0.contains("kind 'company'") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("in.gexf:7:") && $0.contains("1920-13-01") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("in.gexf:10:") && $0.contains("unknown target node 'zz'") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("in.gexf:11:") && $0.contains("relation 'friendship'") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("in.gexf:12:") && $0.contains("'b2'") }, "\(problems)")

        let member = """
            <gexf version="1.3"><graph>
            <attributes class="edge"><attribute id="r" title="relation" type="string"/></attributes>
            <nodes><node id="a"/><node id="b"/></nodes>
            <edges><edge source="a" target="b" start="1921" end="1922"><attvalues><attvalue for="r" value="member"/></attvalues></edge></edges>
            </graph></gexf>
            """
        #expect(importProblems(member).contains { $0.hasPrefix("in.gexf:4:") && $0.contains("a membership needs a person as source") })
    }

    @Test("Export then import gives back the same actors and ties")
    func roundTrip() throws {
        var networks = [try ExportFixture.network()]
        let soviet = BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path
        networks.append(try DatasetLoader.load(soviet))
        for seed: UInt64 in 20...24 {
            networks.append(RandomGraphs.temporalNetwork(persons: 15, factions: 6, ties: 80, years: 10, seed: seed))
        }
        for original in networks {
            let r = try GEXFImporter.importGEXF(Data(GEXFWriter.write(original).utf8), file: "x.gexf", options: .init(name: original.info.name))
            let back = r.network
            #expect(r.warnings.isEmpty, "\(r.warnings)")
            #expect(back.actors == original.actors)
            #expect(back.ties.count == original.ties.count)
            for (a, b) in zip(back.ties, original.ties) {
                #expect(a.source == b.source && a.target == b.target && a.relation == b.relation)
                #expect(a.start == b.start && a.end == b.end && a.weight == b.weight && a.confidence == b.confidence)
                #expect(a.sources == b.sources && a.scenarios == b.scenarios && a.note == b.note)
            }
            #expect(back.info.span == original.info.span)
            #expect(back.info.title == original.info.title)
            #expect(Set(back.info.scenarios.map(\.id)).isSubset(of: Set(original.info.scenarios.map(\.id))))

            // The imported network, written as a dataset folder, loads.
            let folder = NSTemporaryDirectory() + "blocs-import-" + UUID().uuidString
            defer { try? FileManager.default.removeItem(atPath: folder) }
            try DatasetWriter.write(back, to: folder)
            let loaded = try DatasetLoader.load(folder)
            #expect(loaded.ties == back.ties && loaded.actors == back.actors)
        }
    }

    @Test("Time values: dates, date-times, years, infinity")
    func times() {
        #expect(GEXFImporter.parseTime("1925-12-18") == .date(try! HistoricalDate(year: 1925, month: 12, day: 18)))
        #expect(GEXFImporter.parseTime("1925-12-18T10:00:00+01:00") == .date(try! HistoricalDate(year: 1925, month: 12, day: 18)))
        #expect(GEXFImporter.parseTime("1925-12") == .date(try! HistoricalDate(year: 1925, month: 12)))
        #expect(GEXFImporter.parseTime("1925") == .date(try! HistoricalDate(year: 1925)))
        #expect(GEXFImporter.parseTime("1925.75") == .date(try! HistoricalDate(year: 1925)))
        #expect(GEXFImporter.parseTime("Infinity") == .positiveInfinity)
        #expect(GEXFImporter.parseTime("-Infinity") == .negativeInfinity)
        #expect(GEXFImporter.parseTime("soon") == nil)
        #expect(GEXFImporter.parseTime("1925-02-30") == nil)
        #expect(GEXFImporter.slug("Joseph  Stalin (1878)") == "Joseph-Stalin-1878")
        #expect(GEXFImporter.slug("日本") == "node")
    }
}

@Suite("import on the command line")
struct ImportCLITests {
    @Test("blocs import writes a dataset folder that validates, refuses to overwrite, and reports bad files")
    func importFolder() throws {
        let dir = NSTemporaryDirectory() + "blocs-import-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/party.gexf"
        try Data(GEXFImportTests.dynamic13.utf8).write(to: URL(fileURLWithPath: file))

        let r = try BuiltBinary.run(["import", file, "--out", dir + "/party"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning: ") && r.stderr.contains("imported 3 actors and 3 ties"))
        let v = try BuiltBinary.run(["validate", dir + "/party"])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(v.stdout.contains("party: Party & factions"))

        let again = try BuiltBinary.run(["import", file, "--out", dir + "/party"])
        #expect(again.status == 64 && again.stderr.contains("--force"))

        try Data("<gexf>\n<graph>\n</gexf>\n".utf8).write(to: URL(fileURLWithPath: dir + "/bad.gexf"))
        let bad = try BuiltBinary.run(["import", dir + "/bad.gexf", "--out", dir + "/bad"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.gexf:3:"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad"))
    }
}
