/// Writing DOT text safely and canonically.
///
/// Every id and label goes through ``DOT/id(_:)`` or ``DOT/label(_:)``: the result is always one double-quoted
/// DOT string, so a name with quotes, backslashes, `<`, `>`, `;`, `]`, `{` or newlines can neither end the
/// string early nor add an attribute. Numbers are written with ``DOT/number(_:)`` (fixed decimals, no locale),
/// so the same input gives the same bytes.
public enum DOT {
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

    /// `value` with at most `decimals` decimals (2 by default), trailing zeros removed, `-0` written `0`;
    /// independent of the locale.
    /// A share as a whole percentage for tooltips, never "100%" for a share below 1 nor "0%" above 0.
    static func percent(_ p: Double) -> String {
        let q = min(1, max(0, p.isFinite ? p : 0))
        var v = Int((q * 100).rounded())
        if q < 1 { v = min(v, 99) }
        if q > 0 { v = max(v, 1) }
        return "\(v)%"
    }

    public static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 1e15 else { return String(Int64(value.rounded())) }
        var n = Int64(scaled)
        if n == 0 { return "0" }
        let negative = n < 0
        if negative { n = -n }
        let unit = Int64(scale)
        let whole = n / unit
        var fraction = n % unit
        var text = String(whole)
        if fraction != 0 {
            var digits = String(fraction)
            while digits.count < decimals { digits = "0" + digits }
            while fraction % 10 == 0 { fraction /= 10; digits.removeLast() }
            text += "." + digits
        }
        return negative ? "-" + text : text
    }

    /// An attribute list `[k1=v1, k2=v2]` from pairs whose values are already DOT-safe (quoted with
    /// ``label(_:)``/``id(_:)`` or bare numbers and keywords). Empty pairs give an empty string.
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? "" : " [" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "]"
    }
}
