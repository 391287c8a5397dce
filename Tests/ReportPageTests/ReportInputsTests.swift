import Foundation
import Testing
@testable import ReportPage

/// The report's typed inputs for explanations and readings: their sentences and groupings worked out by hand, and
/// how the page carries them.
@Suite("Report inputs: explanations and readings")
struct ReportInputsTests {
    typealias Tie = ReportModel.TieRecord
    static let ties: [Tie] = [
        Tie(a: "safarov", b: "safarov-tarkhan", relation: "member", start: "1932", sources: [.init(source: "wp-bloc", locator: "Other opposition groups")]),
        Tie(a: "tarkhan", b: "safarov-tarkhan", relation: "member", start: "1932", sources: [.init(source: "wp-bloc", locator: "Other opposition groups")]),
        Tie(a: "kirov", b: "stalin", relation: "alliance", start: "1926", sources: [.init(source: "corin"), .init(source: "wp-bloc", locator: "The Liberals")]),
        Tie(a: "kirov", b: "trotsky", relation: "rivalry", start: "1932", sources: []),
    ]

    @Test("The sentence under a change: how many ties it rests on and their sources, each once and sorted")
    func summaries() {
        let t = Self.ties
        #expect(ReportExplanation(restsOn: [0, 1], tested: 2).summary(ties: t) == "rests on 2 ties, both from wp-bloc#Other opposition groups")
        #expect(ReportExplanation(restsOn: [0], tested: 5).summary(ties: t) == "rests on 1 tie, from wp-bloc#Other opposition groups")
        #expect(ReportExplanation(restsOn: [0, 1, 0], tested: 3).summary(ties: t) == "rests on 3 ties, all from wp-bloc#Other opposition groups")
        // Three sources cited by two ties: listed in sorted order, "corin" without a locator.
        #expect(ReportExplanation(restsOn: [2, 0], tested: 9).summary(ties: t) == "rests on 2 ties, from corin, wp-bloc#Other opposition groups, wp-bloc#The Liberals")
        #expect(ReportExplanation(restsOn: [3], tested: 1).summary(ties: t) == "rests on 1 tie, with no source given")
        #expect(ReportExplanation(restsOn: [], tested: 14).summary(ties: t) == "rests on no single tie (14 tested)")
        // Leave-one-out skipped: only what was gained and lost.
        #expect(ReportExplanation(gained: [0, 1, 2], lost: [3]).summary(ties: t)
                == "3 ties gained and 1 tie lost by the actors involved (which of them it rests on was not computed)")
        // An index outside the ties cites nothing (the model is not trusted to be consistent).
        #expect(ReportExplanation(restsOn: [7], tested: 1).summary(ties: t) == "rests on 1 tie, with no source given")
    }

    static func reading(_ places: [[String]]) -> ReportReadings {
        ReportReadings(scenarios: ["consensus", "broue", "getty", "zk"], shown: "consensus", periods: [
            .init(coalitions: [], differences: places.map { .init(what: "coalition", actors: ["Kirov"], places: $0) }),
        ])
    }

    @Test("Readings that agree on every difference are grouped, in reading order")
    func identicalReadings() {
        // broue = consensus, getty = zk; the two groups differ.
        #expect(Self.reading([["A", "A", "B", "B"], ["x", "x", "y", "y"]]).identicalGroups() == [["consensus", "broue"], ["getty", "zk"]])
        // One row where broue differs breaks its group; getty and consensus still agree everywhere.
        #expect(Self.reading([["A", "C", "A", "B"], ["x", "x", "x", "y"]]).identicalGroups() == [["consensus", "getty"]])
        // No difference at all: every reading agrees.
        #expect(Self.reading([]).identicalGroups() == [["consensus", "broue", "getty", "zk"]])
        // All apart.
        #expect(Self.reading([["A", "B", "C", "D"]]).identicalGroups() == [])
    }

    func data(_ model: ReportModel) throws -> [String: Any] {
        let html = HTMLReport.render(model)
        let open = "<script type=\"application/json\" id=\"report-data\">"
        let start = try #require(html.range(of: open))
        let end = try #require(html[start.upperBound...].range(of: "</script>"))
        return try #require(try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
    }

    @Test("The page carries the explanation with its sentence, the readings, the agreeing groups and the note")
    func carried() throws {
        var model = ReportModel(dataset: .init(name: "d", title: "D"), periods: [
            .init(label: "1932", start: "1932-01-01", end: "1932-12-31",
                  coalitions: [.init(id: "C1", label: "Bloc <1932>", members: [.init(id: "kirov", name: "Kirov", probability: 0.25), .init(id: "x", name: "X")])],
                  changes: [.init(event: "birth", explanation: ReportExplanation(restsOn: [0, 1], gained: [0, 1], lost: [3], tested: 2))],
                  counts: .init(count: 1, largestShare: 1, effectiveNumber: 1)),
        ], ties: Self.ties)
        model.readings = ReportReadings(scenarios: ["a", "b"], shown: "a", periods: [
            .init(coalitions: [[.init(label: "L", members: ["Kirov"])], []], differences: [.init(what: "defection", actors: ["Kirov"], places: ["yes: Kirov", "no"], detail: "d")]),
        ])
        model.explanationNote = "skipped <here>"
        let d = try data(model)
        let period = try #require((d["periods"] as? [[String: Any]])?.first)
        let change = try #require((period["changes"] as? [[String: Any]])?.first)
        let x = try #require(change["explanation"] as? [String: Any])
        #expect(x["restsOn"] as? [Int] == [0, 1])
        #expect(x["gained"] as? [Int] == [0, 1])
        #expect(x["lost"] as? [Int] == [3])
        #expect(x["tested"] as? Int == 2)
        #expect(x["summary"] as? String == "rests on 2 ties, both from wp-bloc#Other opposition groups")
        let coalition = try #require((period["coalitions"] as? [[String: Any]])?.first)
        #expect((coalition["certainty"] as? [Any])?.count == 2)
        #expect((coalition["certainty"] as? [Any])?.first as? Double == 0.25)
        #expect((coalition["certainty"] as? [Any])?.last is NSNull)
        let readings = try #require(d["readings"] as? [String: Any])
        #expect(readings["scenarios"] as? [String] == ["a", "b"])
        #expect(d["sameReadings"] as? [[String]] == [])
        #expect(d["explanationNote"] as? String == "skipped <here>")
        let html = HTMLReport.render(model)
        #expect(html.contains("<p id=\"explanation-note\" class=\"tie-meta\">skipped &lt;here&gt;</p>"))
        #expect(html.contains("<section id=\"compare\""))
        // Without them, none of it is in the page.
        let plain = HTMLReport.render(ReportModel(dataset: .init(name: "d", title: "D"), periods: [
            .init(label: "1932", start: "1932-01-01", end: "1932-12-31", changes: [.init(event: "birth")], counts: .init(count: 0, largestShare: nil, effectiveNumber: nil)),
        ]))
        #expect(!plain.contains("\"explanation\""))
        #expect(!plain.contains("id=\"compare\""))
        #expect(!plain.contains("\"certainty\""))
    }

    @Test("Models written before explanations and readings still decode")
    func decodesOlderModels() throws {
        let model = ReportModel(dataset: .init(name: "d", title: "D"), periods: [
            .init(label: "1932", start: "1932", end: "1932", changes: [.init(event: "birth")], counts: .init(count: 0, largestShare: nil, effectiveNumber: nil)),
        ])
        let decoded = try JSONDecoder().decode(ReportModel.self, from: try JSONEncoder().encode(model))
        #expect(decoded == model)
        #expect(decoded.readings == nil && decoded.explanationNote == nil && decoded.periods[0].changes[0].explanation == nil)
    }
}
