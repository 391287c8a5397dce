// Text formats shared by every writer (tables, exports, reports): one implementation of each escaping rule.
// The bottom of the module graph: it depends on nothing, so DatasetIO and Reports can both use it.

/// JSON text.
public enum JSONText {
    /// `s` as a JSON string literal, quotes included (RFC 8259). `<`, `>` and `&` are written as `\u003c`, `\u003e`,
    /// `\u0026` too, so the text can be embedded in an HTML `<script>` unchanged.
    ///
    /// - Complexity: O(length).
    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    out += "\\u" + JSONText.hex4(u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
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
        let needsQuotes = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.first == " " || s.last == " "
        guard needsQuotes else { return s }
        var out = "\""
        for c in s { if c == "\"" { out += "\"\"" } else { out.append(c) } }
        return out + "\""
    }
}
