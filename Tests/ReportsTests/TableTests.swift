import Testing
@testable import Reports

@Suite("Result tables")
struct TableTests {
    func sample() -> ResultTable {
        var t = ResultTable(columns: ["period", "actor", "score", "n"], settings: [("dataset", "d"), ("rule", "overlap")])
        t.append([.text("1926"), .text("Smirnov, I. N."), .real(0.1), .int(3)])
        t.append([.text("1927"), .text("say \"no\""), .real(1.0 / 3), .missing])
        return t
    }

    @Test("CSV quotes commas and quotes and writes doubles exactly")
    func csv() {
        #expect(sample().csv() == [
            "period,actor,score,n",
            #"1926,"Smirnov, I. N.",0.1,3"#,
            #"1927,"say ""no""",0.3333333333333333,"#,
            "",
        ].joined(separator: "\n"))
    }

    @Test("JSON carries settings and typed values; markup characters are escaped")
    func json() {
        var t = sample()
        t.append([.text("<script>"), .text("a\nb"), .real(.nan), .bool(true)])
        let json = t.json()
        #expect(json.contains(#""settings": {"dataset": "d", "rule": "overlap"}"#))
        #expect(json.contains(#"{"period": "1926", "actor": "Smirnov, I. N.", "score": 0.1, "n": 3}"#))
        #expect(json.contains(#""n": null"#))
        #expect(json.contains(#""period": "\u003cscript\u003e", "actor": "a\nb", "score": null, "n": true"#))
    }

    @Test("Text tables align columns, numbers to the right")
    func text() {
        #expect(sample().text(digits: 2) == [
            "dataset: d  rule: overlap",
            "",
            "period  actor           score  n",
            "------  --------------  -----  -",
            "1926    Smirnov, I. N.   0.10  3",
            #"1927    say "no"         0.33   "#,
            "",
        ].joined(separator: "\n"))
    }
}
