import Foundation
import Testing
import TextFormats

/// Every escaper against strings written out by hand.
@Suite("Escaping")
struct EscapingTests {
    let hostile = "a<b>&\"c\"'d'\n\t\r\u{1}\u{2028}\u{0}é"

    @Test("DOT: ids and labels are always one quoted string, one-to-one for ids; HTML-like label text cannot open a tag")
    func dot() {
        #expect(DOTText.id(#"a"b"#) == #""a\"b""#)
        #expect(DOTText.id(#"a\"#) == #""a\\""#)
        #expect(DOTText.id("a\nb") == #""a\nb""#)
        #expect(DOTText.id("a\nb") != DOTText.id(#"a\nb"#))
        #expect(DOTText.label(#"\N & "x""#) == #""\\N &amp; \"x\"""#)
        #expect(DOTText.label("one\r\ntwo\nthree") == #""one\ntwo\nthree""#)
        #expect(DOTText.html("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;")
    }

    @Test("JSON: quotes, backslash, controls, markup and U+2028 escaped; other text kept")
    func json() {
        #expect(JSONText.quote(hostile) == #""a\u003cb\u003e\u0026\"c\"'d'\n\t\r\u0001\u2028\u0000é""#)
        #expect(JSONText.quote("back\\slash") == #""back\\slash""#)
    }

    @Test("JSON made script-safe: only <, >, & and the separators escaped, the other encoder's escapes kept")
    func scriptSafe() {
        // As Foundation's JSONEncoder writes the hostile string: \/ and \u0001 are its own and stay.
        let encoded = "{\"k\":\"<\\/script>&\\u0001\u{2028}x\u{2029}\"}"
        #expect(JSONText.scriptSafe(encoded) == #"{"k":"\u003c\/script\u003e\u0026\u0001\u2028x\u2029"}"#)
        // The same rule as quote's for those five characters; quote writes "/" as it is.
        #expect(JSONText.quote("</a>&\u{2028}") == #""\u003c/a\u003e\u0026\u2028""#)
        #expect(JSONText.scriptSafe("plain [1, 2.5, null]") == "plain [1, 2.5, null]")
    }

    @Test("CSV: quoted only when needed, quotes doubled")
    func csv() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"no\"") == "\"say \"\"no\"\"\"")
        #expect(CSVText.field(" padded") == "\" padded\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
    }

    @Test("CSV and JSON at once: the same text as CSVText.field and JSONText.quote, one by one",
          arguments: ["plain", "", " ", "a,b", "say \"no\"", " padded", "padded ", "two\nlines", "cr\r", "tab\tx",
                      "back\\slash", "</script>&", "\u{2028}\u{2029}", "é–ü", "1926-01-01", "a/b", "\u{1}"])
    func tableText(_ s: String) {
        var csv = "x,", json = "{"
        TableText.append(s, csv: &csv, json: &json)
        #expect(csv == "x," + CSVText.field(s))
        #expect(json == "{" + JSONText.quote(s))
    }

    @Test("HTML: the five markup characters as references, NUL replaced, separators as references")
    func html() {
        #expect(HTMLText.escape(hostile) == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;\n\t\r\u{1}&#x2028;\u{FFFD}é")
    }

    @Test("XML: entities, whitespace as character references, characters XML cannot hold replaced")
    func xml() {
        #expect(XMLText.escape(hostile) == "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#10;&#9;&#13;\u{FFFD}\u{2028}\u{FFFD}é")
        #expect(XMLText.escape("\u{FFFE}\u{FFFF}") == "\u{FFFD}\u{FFFD}")
    }

    @Test("YAML: a double-quoted scalar with escapes for controls, DEL, C1, BOM and separators")
    func yaml() {
        #expect(YAMLText.quote(hostile) == #""a<b>&\"c\"'d'\n\t\r\u0001\u2028\u0000é""#)
        #expect(YAMLText.quote("\u{7F}\u{85}\u{FEFF}back\\") == #""\u007f\u0085\ufeffback\\""#)
    }
}

@Suite("JSON values")
struct JSONValueTests {
    @Test("Members in the given order, both separator styles, exact numbers, null for what JSON cannot hold")
    func values() {
        let v = JSONValue.object([("b", .int(2)), ("a", .array([.number(0.1), .number(1.0 / 3), .number(.nan), .null])),
                                  ("s", .string("<x>")), ("t", .bool(true)), ("f", .fixed(1.23456, decimals: 3)),
                                  ("o", .object([])), ("e", .array([]))])
        #expect(v.text() == #"{"b": 2, "a": [0.1, 0.3333333333333333, null, null], "s": "\u003cx\u003e", "t": true, "f": 1.235, "o": {}, "e": []}"#)
        #expect(v.text(.compact) == #"{"b":2,"a":[0.1,0.3333333333333333,null,null],"s":"\u003cx\u003e","t":true,"f":1.235,"o":{},"e":[]}"#)
        #expect(JSONValue.number(Double?.none).text() == "null")
        #expect(JSONValue.number(-.infinity).text() == "null")
        #expect(JSONValue.strings([("k", "v"), ("a", "b")]).text() == #"{"k": "v", "a": "b"}"#)
    }

    @Test("One element per line, [] when empty")
    func lines() {
        #expect(JSONValue.lines(["1", "2"], indent: "    ", closing: "  ") == "[\n    1,\n    2\n  ]")
        #expect(JSONValue.lines([], indent: "    ", closing: "  ") == "[]")
        #expect(JSONValue.members([("a", .int(1)), ("b", .null)]) == #""a": 1, "b": null"#)
    }

    @Test("Numbers as Foundation's JSONEncoder writes them (whole numbers without .0, -0 kept)",
          arguments: [0.0, -0.0, 1, -1, 2.5, 1e-7, 123456789012345, 999999999999999, 1e15, -1e15, 1e16, 2e20, 0.1 + 0.2,
                      Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, 4503599627370496.5, -7.0000001])
    func encoderNumbers(_ x: Double) throws {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let reference = String(decoding: try encoder.encode([x]), as: UTF8.self)
        #expect("[" + JSONText.encoderNumber(x) + "]" == reference)
    }
}
