import Foundation
import TextFormats

/// One cell of a result table: text, integer, real number or missing.
public enum Cell: Hashable, Sendable {
    case text(String)
    case int(Int)
    case real(Double)
    case bool(Bool)
    case missing

    /// Shortest text that reads back as the same value (Swift's round-trip `Double` description), so CSV and
    /// JSON are exact and deterministic.
    public var exact: String {
        switch self {
        case .text(let s): return s
        case .int(let i): return String(i)
        case .real(let d): return d.isFinite ? "\(d)" : (d.isNaN ? "nan" : (d > 0 ? "inf" : "-inf"))
        case .bool(let b): return b ? "true" : "false"
        case .missing: return ""
        }
    }

    /// Rounded to `digits` decimals, for reading on a terminal.
    func display(digits: Int) -> String {
        if case .real(let d) = self, d.isFinite { return String(format: "%.\(digits)f", d) }
        return exact
    }
}

/// A result table with named columns, written as an aligned text table, CSV or JSON.
public struct ResultTable: Sendable {
    public var columns: [String]
    public var rows: [[Cell]]
    /// Settings that produced the table (dataset, period scheme, rule, …), written in the text and JSON forms.
    public var settings: [(String, String)]

    public init(columns: [String], rows: [[Cell]] = [], settings: [(String, String)] = []) {
        self.columns = columns
        self.rows = rows
        self.settings = settings
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// RFC 4180 CSV with a header row; LF line ends.
    public func csv() -> String {
        var out = columns.map(Self.csvField).joined(separator: ",") + "\n"
        for row in rows { out += row.map { Self.csvField($0.exact) }.joined(separator: ",") + "\n" }
        return out
    }

    static func csvField(_ s: String) -> String { CSVText.field(s) }

    /// `{"settings": {...}, "rows": [{column: value, ...}, ...]}` with keys in column order.
    public func json() -> String {
        var out = "{\n  \"settings\": {"
        out += settings.map { "\(JSON.quote(JSON.key($0.0))): \(JSON.quote($0.1))" }.joined(separator: ", ")
        out += "},\n  \"rows\": ["
        for (i, row) in rows.enumerated() {
            out += (i == 0 ? "\n    {" : ",\n    {")
            out += zip(columns, row).map { "\(JSON.quote($0)): \(JSON.value($1))" }.joined(separator: ", ")
            out += "}"
        }
        out += rows.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return out
    }

    /// An aligned table for a terminal; numbers right-aligned and rounded to `digits` decimals.
    public func text(digits: Int = 4) -> String {
        var out = ""
        if !settings.isEmpty { out += settings.map { "\($0.0): \($0.1)" }.joined(separator: "  ") + "\n\n" }
        let cells = rows.map { $0.map { $0.display(digits: digits) } }
        var widths = columns.map { $0.count }
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        let numeric = columns.indices.map { i in
            rows.allSatisfy { r in
                switch r[i] { case .int, .real, .missing: return true; default: return false }
            } && !rows.isEmpty
        }
        func pad(_ s: String, _ i: Int) -> String {
            let fill = String(repeating: " ", count: widths[i] - s.count)
            return numeric[i] ? fill + s : s + fill
        }
        out += columns.indices.map { pad(columns[$0], $0) }.joined(separator: "  ") + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += row.indices.map { pad(row[$0], $0) }.joined(separator: "  ") + "\n" }
        return out
    }
}

/// Minimal, exact JSON text output.
public enum JSON {
    /// `s` as a JSON string literal, safe to embed in HTML (``JSONText/quote(_:)``).
    public static func quote(_ s: String) -> String { JSONText.quote(s) }

    /// A setting's name as a JSON key: spaces become underscores ("match threshold" → "match_threshold").
    public static func key(_ name: String) -> String { name.replacingOccurrences(of: " ", with: "_") }

    public static func value(_ c: Cell) -> String {
        switch c {
        case .text(let s): return quote(s)
        case .int(let i): return String(i)
        case .real(let d): return d.isFinite ? "\(d)" : "null"
        case .bool(let b): return b ? "true" : "false"
        case .missing: return "null"
        }
    }
}
