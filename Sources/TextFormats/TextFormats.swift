// Text formats shared by every writer (tables, exports, reports): one implementation of each escaping rule
// (JSON, CSV, HTML, XML, YAML; DOT's quoting is still in Diagrams/DOT.swift).
// The bottom of the module graph: it depends on nothing, so DatasetIO and Reports can both use it.

/// JSON text.
public enum JSONText {
    /// `s` as a JSON string literal, quotes included (RFC 8259). `<`, `>` and `&` are written as `\u003c`, `\u003e`,
    /// `\u0026` too, so the text can be embedded in an HTML `<script>` unchanged.
    ///
    /// - Complexity: O(length).
    public static func quote(_ s: String) -> String { quote(s, .compact) }

    /// How a string literal writes the characters JSON lets a writer choose for; both are script-safe (`<`, `>`,
    /// `&`, U+2028 and U+2029 as `\u` escapes).
    public enum Escapes: Sendable {
        /// ``quote(_:)``'s: `\"`, `\\`, `\n`, `\r`, `\t`, other controls as `\u00xx`; `/` as itself.
        case compact
        /// Foundation's `JSONEncoder` followed by ``scriptSafe(_:)`` (what the report page's data block was written
        /// with, kept so that the page stays the same bytes): also `/` as `\/`, backspace and form feed as `\b`
        /// and `\f`.
        case encoder
    }

    /// `s` as a JSON string literal with the given escapes (quotes included).
    ///
    /// - Complexity: O(length).
    public static func quote(_ s: String, _ escapes: Escapes) -> String {
        var out = ""
        quote(s, escapes, into: &out)
        return out
    }

    /// ``quote(_:_:)`` appended to `out` (no string made per value: the tables and the report's data block write
    /// millions of them).
    ///
    /// - Complexity: O(length).
    public static func quote(_ s: String, _ escapes: Escapes, into out: inout String) {
        // Most texts (ids, names, numbers as text) need no escape: one pass over the bytes, one copy.
        let encoder = escapes == .encoder
        out += "\""
        if s.utf8.withContiguousStorageIfAvailable({ isPlain($0, encoder: encoder) }) ?? false {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "/" where encoder: out += "\\/"
            case "\u{8}" where encoder: out += "\\b"
            case "\u{C}" where encoder: out += "\\f"
            default:
                if u.value < 0x20 || isScriptUnsafe(u) {
                    out += "\\u" + JSONText.hex4(u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }

    /// The characters the script-safe rule writes as `\u` escapes: `<`, `>` and `&` (so that no `</script>` or
    /// `<!--` can close or hide an HTML `<script>` holding the JSON) and U+2028/U+2029 (line terminators in older
    /// JavaScript).
    static func isScriptUnsafe(_ u: Unicode.Scalar) -> Bool {
        u == "<" || u == ">" || u == "&" || u.value == 0x2028 || u.value == 0x2029
    }

    /// JSON text written by another encoder (Foundation's `JSONEncoder` for the report page's data) made safe to
    /// embed in an HTML `<script>`: the characters of ``quote(_:)``'s script-safe rule as `\u` escapes, everything
    /// else unchanged. The variant for text that is already JSON: those characters can only occur inside its
    /// strings, where a `\u` escape reads back as the same character; the encoder's own escapes (`\/`, `\u0001`,
    /// …) are kept, so its output and ``quote(_:)``'s can differ in how they write the same string.
    ///
    /// - Complexity: O(length).
    public static func scriptSafe(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for u in json.unicodeScalars {
            if isScriptUnsafe(u) { out += "\\u" + hex4(u.value) } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// Whether UTF-8 text holds nothing ``quote(_:_:)`` escapes: no `"`, `\\`, control, `<`, `>`, `&`, U+2028 or
    /// U+2029 (other characters led by 0xE2, such as `–` and `→`, are plain), and with `encoder` no `/`.
    /// - Complexity: O(length).
    @inline(__always) static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>, encoder: Bool) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x3C || b == 0x3E || b == 0x26 || (encoder && b == 0x2F) { return false }
            if b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) { return false }
            i += 1
        }
        return true
    }


    /// `x` as a JSON number: the shortest text that reads back as the same `Double` (Swift's description), or
    /// `null` for NaN and infinities (JSON has no such numbers). - Complexity: O(1).
    public static func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }

    /// `x` as Foundation's `JSONEncoder` writes it (with the report page's non-conforming float strategy): Swift's
    /// shortest description without a trailing `.0` (`2.0` → `2`), and the strings `"inf"`, `"-inf"`, `"nan"` for
    /// the values JSON has no number for. - Complexity: O(1).
    public static func encoderNumber(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "\"nan\"" : x > 0 ? "\"inf\"" : "\"-inf\"" }
        // A whole number below 10^15 (not -0): its description is its digits and `.0`, so the digits alone.
        if x == x.rounded(.towardZero) && abs(x) < 1e15 && !(x == 0 && x.sign == .minus) { return String(Int(x)) }
        let d = x.description
        return d.hasSuffix(".0") ? String(d.dropLast(2)) : d
    }

    static func hex4(_ v: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(v >> 12 & 0xF)], digits[Int(v >> 8 & 0xF)], digits[Int(v >> 4 & 0xF)], digits[Int(v & 0xF)]])
    }
}

/// CSV text (RFC 4180).
public enum CSVText {
    /// `s` as a field of an RFC 4180 CSV file: quoted when it holds a comma, a quote, a line break or leading or
    /// trailing spaces; quotes inside doubled.
    public static func field(_ s: String) -> String {
        // Fast path on the bytes: no comma, quote or line break, and no space at either end.
        let bytes = s.utf8
        if !bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) && bytes.first != 0x20 && bytes.last != 0x20 {
            return s
        }
        // The rule is on characters: a comma, quote or space with a non-ASCII neighbour may be part of a larger
        // character (a combining mark after it, a prepended one before), which the rule does not quote; such
        // text takes the character-by-character way.
        let standalone = bytes.withContiguousStorageIfAvailable { b -> Bool in
            let n = b.count
            for i in 0..<n {
                let x = b[i]
                guard x == 0x2C || x == 0x22 || x == 0x0A || x == 0x0D || (x == 0x20 && (i == 0 || i == n - 1)) else { continue }
                if (i + 1 < n && b[i + 1] >= 0x80) || (i > 0 && b[i - 1] >= 0x80) { return false }
            }
            return true
        } ?? false
        guard standalone else {
            let needsQuotes = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
                || s.first == " " || s.last == " "
            guard needsQuotes else { return s }
            var out = "\""
            for c in s { if c == "\"" { out += "\"\"" } else { out.append(c) } }
            return out + "\""
        }
        // Every such byte is a character of its own, so the text is quoted: each quote doubled, the text copied in
        // runs between quotes.
        var out = "\""
        out.reserveCapacity(bytes.count + 8)
        var rest = Substring(s)
        while let q = rest.utf8.firstIndex(of: 0x22) {
            out += rest[..<q]
            out += "\"\""
            rest = rest[rest.utf8.index(after: q)...]
        }
        out += rest
        return out + "\""
    }
}

/// A table cell's text written to a CSV line and to a JSON text at once (the result tables write both files from
/// one pass over their rows).
public enum TableText {
    /// `s` appended to `csv` as ``CSVText/field(_:)`` writes it and to `json` as ``JSONText/quote(_:_:into:)``
    /// (compact escapes) writes it, from one scan of its bytes when it needs neither quotes nor escapes (ids, names,
    /// period labels: nearly every cell); otherwise each through its own rule.
    ///
    /// - Complexity: O(length).
    public static func append(_ s: String, csv: inout String, json: inout String) {
        let bytes = s.utf8
        // The bytes either rule acts on: CSV's comma, quote and line breaks (controls); JSON's quote, backslash,
        // controls, `<`, `>`, `&`, U+2028 and U+2029 (``JSONText/isPlain(_:encoder:)``).
        let plain = bytes.withContiguousStorageIfAvailable { buffer in
            !buffer.contains(0x2C) && JSONText.isPlain(buffer, encoder: false)
        } ?? false
        if plain && bytes.first != 0x20 && bytes.last != 0x20 {
            csv += s
            json += "\""
            json += s
            json += "\""
        } else {
            csv += CSVText.field(s)
            JSONText.quote(s, .compact, into: &json)
        }
    }
}

/// HTML text.
public enum HTMLText {
    /// `s` escaped for HTML content and for double- or single-quoted attribute values: `&`, `<`, `>`, `"`, `'` as
    /// references, NUL as U+FFFD, and the line and paragraph separators U+2028/U+2029 as references (harmless in
    /// HTML, kept out of the file so that no copy of it into a script can break).
    ///
    /// - Complexity: O(length).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            case "\u{2028}": out += "&#x2028;"
            case "\u{2029}": out += "&#x2029;"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// XML 1.0 text.
public enum XMLText {
    /// `s` escaped for an XML attribute value in double quotes or for character data.
    ///
    /// `&`, `<`, `>`, `"` and `'` become entities; tab, line feed and carriage return become character references
    /// (`&#9;`, `&#10;`, `&#13;`) so that attribute-value normalization keeps them; characters XML 1.0 cannot hold
    /// at all (other C0 controls, U+FFFE, U+FFFF) become U+FFFD, the replacement character.
    ///
    /// - Complexity: O(length).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}

/// YAML text.
public enum YAMLText {
    /// `s` as a YAML double-quoted scalar: `\` and `"` escaped; line breaks and tabs as `\n`, `\r`, `\t`; other
    /// C0 and C1 controls, DEL, the byte-order mark and U+2028/U+2029 as `\uXXXX`.
    ///
    /// - Complexity: O(length).
    public static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0xFEFF
                    || u.value == 0x2028 || u.value == 0x2029 {
                    out += "\\u" + JSONText.hex4(u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
