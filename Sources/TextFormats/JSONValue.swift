import Foundation

/// A JSON value, written deterministically: members in the order given, numbers in their shortest exact form.
///
/// The one JSON writer of the result files (tables, `summary.json`, run records, the report's data): writers build
/// values and choose only the line layout (``lines(_:indent:closing:)``), never the quoting or number forms.
public enum JSONValue: Sendable {  // not `indirect`: arrays and objects hold their elements on the heap already, and a scalar needs no box (a table writes one per cell)
    case null
    case bool(Bool)
    case int(Int)
    /// ``JSONText/number(_:)``: `null` for NaN and infinities.
    case number(Double)
    /// A number with a fixed count of decimals (durations in run records).
    case fixed(Double, decimals: Int)
    case string(String)
    case array([JSONValue])
    case object([(key: String, value: JSONValue)])

    /// Separators: `spaced` writes `", "` and `": "` (files people read), `compact` writes `","` and `":"`.
    public enum Style: Sendable {
        case spaced, compact
    }

    /// An optional number, `null` when absent.
    public static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }

    /// An object of string values.
    public static func strings(_ pairs: [(String, String)]) -> JSONValue { .object(pairs.map { ($0.0, .string($0.1)) }) }

    /// The value on one line.
    ///
    /// - Complexity: O(size of the text).
    public func text(_ style: Style = .spaced) -> String {
        var out = ""
        write(into: &out, style)
        return out
    }

    /// The members of an object without its braces, for a writer that breaks an object across lines.
    public static func members(_ pairs: [(key: String, value: JSONValue)], _ style: Style = .spaced) -> String {
        var out = ""
        for (i, m) in pairs.enumerated() {
            if i > 0 { out += style == .spaced ? ", " : "," }
            JSONText.quote(m.key, .compact, into: &out)
            out += style == .spaced ? ": " : ":"
            m.value.write(into: &out, style)
        }
        return out
    }

    /// An array written one element per line: `[`, each element on a new line after `indent`, then a new line,
    /// `closing` and `]`; `[]` when there is none.
    public static func lines(_ elements: [String], indent: String, closing: String) -> String {
        elements.isEmpty ? "[]" : "[" + elements.map { "\n" + indent + $0 }.joined(separator: ",") + "\n" + closing + "]"
    }

    /// ``text(_:)`` appended to `out`. - Complexity: O(size of the text).
    public func write(into out: inout String, _ style: Style = .spaced) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .number(let x): out += JSONText.number(x)
        case .fixed(let x, let decimals): out += x.isFinite ? String(format: "%.\(decimals)f", x) : "null"
        case .string(let s): JSONText.quote(s, .compact, into: &out)
        case .array(let items):
            out += "["
            for (i, v) in items.enumerated() {
                if i > 0 { out += style == .spaced ? ", " : "," }
                v.write(into: &out, style)
            }
            out += "]"
        case .object(let pairs):
            out += "{" + Self.members(pairs, style) + "}"
        }
    }
}
