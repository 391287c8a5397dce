import Foundation
import Testing
import TestSupport
@testable import DatasetIO
@testable import TemporalModel

/// Uncertain dates, ranges and scenario weights in dataset files: read, refused with `file:line:column`, written back.
@Suite("Uncertain dates and scenario weights in datasets")
struct UncertainDatesLoaderTests {
    static let actors = """
        id,name,kind,start,end,note
        left,Left Opposition,faction,1923-10,1933~,
        troika,Troika,faction,1923?,[1925-01..1925-04],
        trotsky,Leon Trotsky,person,,,
        stalin,Joseph Stalin,person,,,
        zinoviev,"Zinoviev, G.",person,,,

        """
    static let ties = tieHeader + """
        trotsky,left,member,1923-10,,,,s1#Sec,,
        zinoviev,left,member,1926,[1929..1934],,0.5,s1#Sec,,recanted between 1929 and 1934
        stalin,troika,member,1923~,1925-04%,,,s1,,
        trotsky,stalin,rivalry,[1923-10-08..1923-10-15],,,,s1,,

        """

    @Test("Actors, ties and events keep their forms; intervals use the resolved dates")
    func loads() throws {
        let events = "date,kind,actors,description,sources\n[1929..1934],capitulated,zinoviev,Most recanted,s1#History\n1926?,meeting,,In the woods,s1\n"
        let ds = try TempDataset(actors: Self.actors, ties: Self.ties, events: events)
        defer { ds.remove() }
        let net = try DatasetLoader.load(ds.path)
        #expect(net.actor("left")?.end?.description == "1933~")
        #expect(net.actor("troika")?.start?.form == .uncertain)
        #expect(net.actor("troika")?.end?.description == "[1925-01..1925-04]")
        #expect(net.ties.map { $0.start.description } == ["1923-10", "1926", "1923~", "[1923-10-08..1923-10-15]"])
        #expect(net.ties.map { $0.end?.description ?? "" } == ["", "[1929..1934]", "1925-04%", ""])
        let spanEnd = net.info.span.end
        // [1929..1934] ends in 1931 (middle year, the earlier of the two middles).
        #expect(net.ties[1].interval(openEnd: spanEnd) == DayInterval(Day(year: 1926, month: 1, day: 1), Day(year: 1931, month: 12, day: 31)))
        // [1923-10-08..1923-10-15] starts on its middle day, 1923-10-11 (8 days, the earlier middle).
        #expect(net.ties[3].interval(openEnd: spanEnd)?.start == Day(year: 1923, month: 10, day: 11))
        // Events sort by their resolved dates: 1926? before [1929..1934] (read as 1931).
        #expect(net.events.map(\.date.description) == ["1926?", "[1929..1934]"])
        #expect(net.uncertainDates.counts == [.exact: 3, .uncertain: 2, .approximate: 2, .uncertainAndApproximate: 1, .range: 4])
    }

    @Test("Bad ranges are reported at the field, with the reason and the fix")
    func badRanges() throws {
        let p = try problems(ties: tieHeader + """
            trotsky,stalin,rivalry,[1934..1929],,,,s1,,
            trotsky,stalin,rivalry,1923,[1929..1934-05],,,s1,,
            trotsky,stalin,rivalry,[1925..1925],,,,s1,,
            trotsky,stalin,rivalry,1923,[1929..1934,,,s1,,
            trotsky,stalin,rivalry,1923?~,,,,s1,,

            """)
        #expect(p == [
            "ties.csv:2:24: range [1934..1929] is reversed (write the earlier end first: [1929..1934])",
            "ties.csv:3:29: range [1929..1934-05] mixes precisions (write both ends as years, as months or as days)",
            "ties.csv:4:24: range [1925..1925] has a single value (write 1925, or 1925? if it is uncertain)",
            "ties.csv:5:29: malformed date '[1929..1934' (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ? ~ or %, or a range such as [1929..1934])",
            "ties.csv:6:24: malformed date '1923?~' (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ? ~ or %, or a range such as [1929..1934])",
        ])
    }

    @Test("An end before its start is judged on the resolved dates, and the message shows them")
    func reversedResolved() throws {
        // Start [1926..1930] reads as 1928, end 1926~ as 1926.
        let p = try problems(ties: tieHeader + "trotsky,stalin,rivalry,[1926..1930],1926~,,,s1,,\ntrotsky,stalin,rivalry,[1926..1930],1928~,,,s1,,\n")
        #expect(p == ["ties.csv:2:37: end 1926~ is before start [1926..1930] as the analysis reads them (1926 before 1928; a range is read as its middle unit)"])
        let a = try problems(actors: "id,name,kind,start,end\nx,X,faction,[1925..1927],1925-06?\ntrotsky,T,person,,\nstalin,S,person,,\nleft,L,faction,,\ntroika,Tr,faction,,\nzinoviev,Z,person,,\n")
        #expect(a == ["actors.csv:2:26: end 1925-06? is before start [1925..1927] as the analysis reads them (1925-06 before 1926; a range is read as its middle unit)"])
    }

    @Test("Events and actors report bad uncertain dates at their position")
    func eventsAndActors() throws {
        let e = try problems(events: "date,kind,actors,description,sources\n[1926..1926],ban,,text,s1\n1926-02-30~,ban,,text,s1\n")
        #expect(e == [
            "events.csv:2:1: range [1926..1926] has a single value (write 1926, or 1926? if it is uncertain)",
            "events.csv:3:1: impossible date 1926-02-30 (that month has 28 days)",
        ])
    }

    @Test("Spans and windows need exact dates")
    func exactSpans() throws {
        let yaml = TempDataset.yaml.replacingOccurrences(of: "span: {start: 1923, end: 1927}", with: "span: {start: 1923?, end: 1927}")
            .replacingOccurrences(of: "{id: xiv, start: 1925-12-18, end: 1925-12-31}", with: "{id: xiv, start: \"[1925-12-18..1925-12-20]\", end: 1925-12-31}")
        let p = try problems(yaml: yaml)
        #expect(p == [
            "dataset.yaml:3:15: span.start: '1923?' is an uncertain date; spans and windows need exact dates",
            "dataset.yaml:12:22: window 'xiv' start: '[1925-12-18..1925-12-20]' is a range; spans and windows need exact dates",
        ])
    }

    @Test("Scenario weights: optional, positive, finite, all or none")
    func weights() throws {
        func yaml(_ a: String, _ b: String) -> String {
            TempDataset.yaml.replacingOccurrences(of: "- {id: a, description: \"reading A\"}", with: "- {id: a, description: \"reading A\"\(a)}")
                .replacingOccurrences(of: "- {id: b}", with: "- {id: b\(b)}")
        }
        func weightProblems(_ a: String, _ b: String) throws -> [String] {
            let p = try problems(yaml: yaml(a, b))
            if p.count != 1 { Issue.record("expected one problem, got \(p)") }
            return p
        }
        let ds = try TempDataset(yaml: yaml(", weight: 3", ", weight: 0.5"))
        defer { ds.remove() }
        let net = try DatasetLoader.load(ds.path)
        #expect(net.info.scenarios.map(\.weight) == [3, 0.5])
        let none = try TempDataset()
        defer { none.remove() }
        #expect(try DatasetLoader.load(none.path).info.scenarios.map(\.weight) == [nil, nil])

        #expect(try weightProblems(", weight: 0", ", weight: 1") == ["dataset.yaml:9:47: scenario 'a' weight '0' is not a finite number > 0"])
        #expect(try weightProblems(", weight: -2", ", weight: 1") == ["dataset.yaml:9:47: scenario 'a' weight '-2' is not a finite number > 0"])
        #expect(try weightProblems(", weight: .inf", ", weight: 1") == ["dataset.yaml:9:47: scenario 'a' weight '.inf' is not a finite number > 0"])
        #expect(try weightProblems(", weight: lots", ", weight: 1") == ["dataset.yaml:9:47: scenario 'a' weight 'lots' is not a finite number > 0"])
        #expect(try weightProblems(", weight: 2", "") == ["dataset.yaml:10:5: scenario 'b' has no weight while 'a' has one: give every scenario a weight, or none"])
        #expect(try weightProblems(", wieght: 2", "") == ["dataset.yaml:9:39: unknown key 'wieght' in a scenario (known: id, description, weight)"])
    }

    @Test("The dataset writer writes uncertain dates and weights back as they were")
    func writerRoundTrip() throws {
        let yaml = TempDataset.yaml.replacingOccurrences(of: "- {id: a, description: \"reading A\"}", with: "- {id: a, description: \"reading A\", weight: 2.5}")
            .replacingOccurrences(of: "- {id: b}", with: "- {id: b, weight: 1}")
        let events = "date,kind,actors,description,sources\n[1929..1934],capitulated,zinoviev,Most recanted,s1#History\n1926?,meeting,,In the woods,s1\n"
        let ds = try TempDataset(yaml: yaml, actors: Self.actors, ties: Self.ties, events: events)
        defer { ds.remove() }
        let network = try DatasetLoader.load(ds.path)
        let folder = NSTemporaryDirectory() + "blocs-writer-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try DatasetWriter.write(network, to: folder)
        let back = try DatasetLoader.load(folder)
        #expect(back.info == network.info)
        #expect(back.actors == network.actors)
        #expect(back.ties == network.ties)
        #expect(back.events == network.events)
        let text = try String(contentsOfFile: folder + "/ties.csv", encoding: .utf8)
        #expect(text.contains("zinoviev,left,member,1926,[1929..1934],,0.5,s1#Sec,,recanted between 1929 and 1934\n"))
        #expect(text.contains("trotsky,stalin,rivalry,[1923-10-08..1923-10-15],,"))
        #expect(try String(contentsOfFile: folder + "/dataset.yaml", encoding: .utf8).contains("    weight: 2.5\n"))
    }

    @Test("GEXF keeps the forms in its tie_start/tie_end attributes and the resolved days in its spells")
    func gexfRoundTrip() throws {
        let ds = try TempDataset(actors: Self.actors, ties: Self.ties)
        defer { ds.remove() }
        let network = try DatasetLoader.load(ds.path)
        let gexf = GEXFWriter.write(network)
        // zinoviev in left: 1926 to [1929..1934], drawn as 1926-01-01 to 1931-12-31.
        #expect(gexf.contains("<attvalue for=\"tie_end\" value=\"[1929..1934]\"/>"))
        #expect(gexf.contains("<spell start=\"1926-01-01\" end=\"1931-12-31\"/>"))
        let r = try GEXFImporter.importGEXF(Data(gexf.utf8), file: "x.gexf", options: .init(name: network.info.name))
        #expect(r.network.ties == network.ties)
        #expect(r.network.actors == network.actors)
        let graphml = GraphMLWriter.write(network)
        #expect(graphml.contains(">[1929..1934]</data>"))
    }
}
