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

/// A streamed table's CSV, JSON and column types from one pass over its rows are what the separate writers and
/// the package resource give (each of which makes the rows again).
@Suite("Streamed table written once")
struct StreamedTableOnceTests {
    static let rows: [[Cell]] = [
        [.text("1926"), .int(3), .real(0.5), .bool(true), .missing, .text("1926-01-01")],
        [.text("a, \"b\"\n"), .int(-1), .real(.nan), .bool(false), .missing, .text("1927-12-31")],
        [.text(" x "), .int(0), .real(2), .bool(true), .missing, .text("é/<&>")],
        [.text("back\\slash\ttab"), .int(Int.min), .real(-0.0), .bool(false), .missing, .text("x ")],
        [.text("\u{2028}–"), .int(Int.max), .real(-.infinity), .bool(true), .missing, .text("")],
        [.text("plain"), .int(7), .real(1e-7), .bool(false), .missing, .text("1926-01-01")],
    ]

    func table(_ rows: [[Cell]]) -> StreamedTable {
        StreamedTable(columns: ["period", "size", "largest_share", "defection", "balance_ratio", "start"],
                      settings: [("dataset", "d/1"), ("rule", "overlap")]) { body in rows.forEach(body) }
    }

    // The last: enough rows (about 1 MB of JSON) for the writer to hand its text on in several pieces.
    @Test(arguments: [rows, Array(rows.prefix(2)), [], Array(repeating: rows, count: 2000).flatMap { $0 }])
    func sameFilesAndTypes(_ rows: [[Cell]]) {
        let t = table(rows)
        var csv = "", json = ""
        let types = t.write(csv: &csv, json: &json)
        var csv1 = "", json1 = ""
        t.writeCSV(to: &csv1)
        t.writeJSON(to: &json1)
        #expect(csv == csv1)
        #expect(json == json1)
        #expect(types == DataPackage.Resource(name: "t", path: "t.csv", description: "", table: t).types)
        let kept = ResultTable(columns: t.columns, rows: rows, settings: t.settings)
        #expect(csv == kept.csv())
        #expect(json == kept.json())
    }

    @Test func typesOfTheFullTable() {
        var csv = "", json = ""
        #expect(table(Self.rows).write(csv: &csv, json: &json) == ["string", "integer", "number", "boolean", "number", "string"])
        #expect(table(Array(Self.rows.prefix(2))).write(csv: &csv, json: &json) == ["string", "integer", "number", "boolean", "number", "date"])
    }
}
