import Foundation
import Testing
@testable import ReportPage
import TextFormats

/// The page's data block is written by hand (``ReportDataText``) where Foundation's `JSONEncoder` wrote it before;
/// the page must stay the same bytes. Each writer is compared here with the encoder (sorted keys, then the
/// script-safe rule: ``HTMLReport/encode(_:)``, which the readings still use) on values holding every character
/// either of them escapes, numbers of every form and absent optionals.
@Suite("Report data text")
struct ReportDataTextTests {
    /// Every character with an escape in one of the two rules, beside plain, non-ASCII and astral text.
    static let awkward = [
        "", "plain", "a/b//c", "back\\slash", "quote\"s", "line\nfeed\r\ttab", "\u{8}\u{C}\u{0}\u{1}\u{B}\u{1F}\u{7F}",
        "<script>&amp;</script>", "sep\u{2028}ara\u{2029}tors", "é ü Ж 中文", "emoji 👩‍👩‍👧 ✓", "\u{E2}\u{80}", "</",
    ]
    static let numbers: [Double] = [0, -0.0, 1, 2.0, -3, 0.1, 1.0 / 3, 1e-7, 123456789012345680, 1e20, 1e300, .leastNonzeroMagnitude,
                                    .nan, .infinity, -.infinity, 0.5, 100]

    func text(_ body: (inout ReportDataText) -> Void) -> String {
        var w = ReportDataText()
        body(&w)
        return w.text
    }

    var ties: [ReportModel.TieRecord] {
        Self.awkward.indices.map { i in
            let s = Self.awkward[i], n = Self.numbers[i % Self.numbers.count]
            return .init(a: s, b: Self.awkward[(i + 1) % Self.awkward.count], relation: "alliance", start: "19\(i)",
                         end: i % 2 == 0 ? nil : "2000-01", weight: n, confidence: Self.numbers[(i + 3) % Self.numbers.count],
                         scenarios: i % 3 == 0 ? [] : [s, "x"], note: s,
                         sources: i % 2 == 0 ? [] : [.init(source: s), .init(source: "src", locator: s)])
        }
    }

    @Test func stringsAndNumbersAsTheEncoder() {
        for s in Self.awkward {
            #expect(text { $0.string(s) } == HTMLReport.encode(s), "\(s.debugDescription)")
            #expect(JSONText.quote(s, .encoder) == HTMLReport.encode([s]).dropFirst().dropLast())
        }
        for x in Self.numbers {
            #expect(text { $0.number(x) } == HTMLReport.encode([x]).dropFirst().dropLast(), "\(x)")
        }
        #expect(text { $0.ints([]) } == HTMLReport.encode([Int]()))
        #expect(text { $0.ints([0, -1, 42, Int.max]) } == HTMLReport.encode([0, -1, 42, Int.max]))
        #expect(text { $0.strings(Self.awkward) } == HTMLReport.encode(Self.awkward))
    }

    @Test func recordsAsTheEncoder() {
        let ties = self.ties
        #expect(text { $0.array(ties) { $0.tie($1) } } == HTMLReport.encode(ties))
        let edges = Self.awkward.indices.map { i in
            ReportModel.DrawnTie(a: Self.awkward[i], b: "b", relation: "rivalry", weight: Self.numbers[i], ties: Array(0..<i))
        }
        #expect(text { $0.array(edges) { $0.drawnTie($1) } } == HTMLReport.encode(edges))
        let events = Self.awkward.indices.map { i in
            ReportModel.DatasetEvent(date: "1927-11", kind: Self.awkward[i],
                                     actors: [.init(id: Self.awkward[i], name: "n"), .init(id: "x", name: Self.awkward[i], probability: Self.numbers[i])],
                                     description: Self.awkward[i], sources: [.init(source: "s", locator: i % 2 == 0 ? nil : "p. \(i)")],
                                     probability: i % 2 == 0 ? nil : Self.numbers[i])
        }
        #expect(text { $0.array(events) { $0.event($1) } } == HTMLReport.encode(events))
        let actors = Self.awkward.indices.map { i in
            ReportModel.ActorInfo(id: Self.awkward[i], name: "N\(i)", kind: "person", note: Self.awkward[i],
                                  metrics: [Self.numbers.map { Optional($0) }, [nil, 1, nil], [], [nil, 2.5]])
        }
        #expect(text { $0.array(actors) { $0.actor($1) } } == HTMLReport.encode(actors))
        let charts = ReportEvidence.actorCharts([.positiveDegree, .pagerank, .closeness]) + [.init(measure: "<m>", title: "/t", note: "")]
        #expect(text { $0.array(charts) { $0.chart($1) } } == HTMLReport.encode(charts))
        let sources = Self.awkward.indices.map { i in
            ReportModel.Source(id: Self.awkward[i], citation: "c/\(i)", url: i % 2 == 0 ? nil : "https://example.org/\(i)?a=1&b=2")
        }
        #expect(text { $0.array(sources) { $0.source($1) } } == HTMLReport.encode(sources))
    }

    /// Keys in the encoder's order outside Apple platforms: by UTF-8 bytes (upper case before lower case, digits
    /// before letters, non-ASCII last).
    @Test func dictionariesAsTheEncoder() {
        var names: [String: String] = [:]
        for (i, s) in Self.awkward.enumerated() { names[s] = Self.awkward[(i + 5) % Self.awkward.count] }
        for k in ["B", "a", "A", "b", "10", "9", "Ä", "z", "_", "a-b", "aB"] { names[k] = k + "/" }
        #expect(text { $0.dictionary(names) } == HTMLReport.encode(names))
        #expect(text { $0.dictionary(HTMLReport.measureReadings) } == HTMLReport.encode(HTMLReport.measureReadings))
        #expect(text { $0.dictionary([:]) } == HTMLReport.encode([String: String]()))
    }

    @Test func diagramDataAsTheEncoder() {
        let tree = HTMLReportSVG.Node.element("svg", [("viewBox", "0 0 10 10"), ("class", "a/b")], [
            .element("g", [], [.text("Trotsky & <Zinoviev>"), .element("path", [("d", "M0,0 L1,1")], [])]),
            .text("\u{2028}/\""),
        ])
        #expect(text { $0.svg(tree) } == HTMLReport.encode(tree))
    }

    /// The whole page written to a stream in pieces is the page written as one string, and its data block is the
    /// one ``HTMLReport/data(_:)`` gives.
    @Test func streamedPageIsThePage() {
        var model = ReportModel(dataset: .init(name: "d", title: "T/<x>"), periods: [
            .init(label: "1926", start: "1926-01-01", end: "1926-12-31", counts: .init(count: 0, largestShare: nil, effectiveNumber: nil),
                  edges: [.init(a: "a", b: "b/c", relation: "alliance", weight: 2, ties: [0, 1])], events: [0]),
        ])
        model.ties = ties
        model.tieNames = ["b/c": "B & C"]
        struct Pieces: TextOutputStream {
            var pieces: [String] = []
            mutating func write(_ s: String) { pieces.append(s) }
        }
        var out = Pieces()
        HTMLReport.render(model, to: &out)
        let page = HTMLReport.render(model)
        #expect(out.pieces.joined() == page)
        #expect(out.pieces.count > 2)
        #expect(page.contains("id=\"report-data\">" + HTMLReport.data(model) + "</script>"))
        #expect(HTMLReport.data(model).contains(",\"tieNames\":{\"b\\/c\":\"B \\u0026 C\"},"))
    }
}
