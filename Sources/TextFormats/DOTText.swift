/// DOT text (Graphviz): the one escaper for ids, labels and HTML-like label text.
///
/// Every id and label goes through ``DOTText/id(_:)`` or ``DOTText/label(_:)``: the result is always one
/// double-quoted DOT string, so a name with quotes, backslashes, `<`, `>`, `;`, `]`, `{` or newlines can neither
/// end the string early nor add an attribute.
public enum DOTText {
    /// A node, graph or cluster name as a quoted DOT string. The mapping is one-to-one, so distinct ids stay
    /// distinct: `\` becomes `\\`, `"` becomes `\"`, a line feed `\n`, a carriage return `\r`.
    ///
    /// - Complexity: O(length).
    public static func id(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// A plain-text label as a quoted DOT string that Graphviz shows exactly as `text`.
    ///
    /// Graphviz interprets backslash sequences in labels (`\N` is the node name, `\l` a left-justified line
    /// break) and HTML entities (`&amp;`), so a backslash is doubled, `&` becomes `&amp;`, a quote `\"`, and a
    /// line break in the text becomes Graphviz's centred line break `\n`. Other control characters are dropped.
    ///
    /// - Complexity: O(length).
    public static func label(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "&": out += "&amp;"
            case "\r": out += "\\n"
            case "\n": if !previousCR { out += "\\n" }
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// Text escaped for a Graphviz HTML-like label (`<...>`): `&`, `<`, `>`, `"` and `'` become entities and
    /// control characters are dropped, so the text cannot open or close a tag.
    public static func html(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
