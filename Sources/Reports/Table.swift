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
    /// - Complexity: O(size of the text).
    public func csv() -> String {
        var out = ""
        writeCSV(to: &out)
        return out
    }

    /// ``csv()`` written line by line to `out` (a file stream keeps only one line in memory).
    /// - Complexity: O(size of the text).
    public func writeCSV<Out: TextOutputStream>(to out: inout Out) {
        Self.writeCSV(columns: columns, rows: { rows.forEach($0) }, to: &out)
    }

    static func csvField(_ s: String) -> String { CSVText.field(s) }

    /// `{"settings": {...}, "rows": [{column: value, ...}, ...]}` with keys in column order, one row per line.
    /// - Complexity: O(size of the text).
    public func json() -> String {
        var out = ""
        writeJSON(to: &out)
        return out
    }

    /// ``json()`` written row by row to `out`.
    /// - Complexity: O(size of the text).
    public func writeJSON<Out: TextOutputStream>(to out: inout Out) {
        Self.writeJSON(columns: columns, settings: settings, rows: { rows.forEach($0) }, to: &out)
    }

    /// The CSV text of rows produced one at a time by `rows` (which calls its argument once per row, in order).
    static func writeCSV<Out: TextOutputStream>(columns: [String], rows: (([Cell]) -> Void) -> Void, to out: inout Out) {
        out.write(csvHeader(columns))
        var line = ""
        rows { row in
            line.removeAll(keepingCapacity: true)
            csvLine(row, into: &line)
            out.write(line)
        }
    }

    static func csvHeader(_ columns: [String]) -> String { columns.map(Self.csvField).joined(separator: ",") + "\n" }

    /// One row of the CSV text, its line end included.
    static func csvLine(_ row: [Cell], into line: inout String) {
        for (i, cell) in row.enumerated() {
            if i > 0 { line += "," }
            line += Self.csvField(cell.exact)
        }
        line += "\n"
    }

    /// The JSON text of rows produced one at a time: the same text as building each row as a ``JSONValue`` object
    /// (`{"key": value, ...}`), with the quoted keys made once.
    static func writeJSON<Out: TextOutputStream>(columns: [String], settings: [(String, String)], rows: (([Cell]) -> Void) -> Void,
                                                 to out: inout Out) {
        out.write(jsonOpening(settings))
        let keys = jsonKeys(columns)
        var line = "", first = true
        rows { row in
            line.removeAll(keepingCapacity: true)
            jsonRow(row, keys: keys, first: first, into: &line)
            first = false
            out.write(line)
        }
        out.write(jsonClosing(empty: first))
    }

    static func jsonOpening(_ settings: [(String, String)]) -> String {
        "{\n  \"settings\": " + JSONValue.strings(settings).text() + ",\n  \"rows\": "
    }

    static func jsonKeys(_ columns: [String]) -> [String] { columns.map { JSONText.quote($0) + ": " } }

    /// One row of the JSON text: `[` or `,`, a new line, the row's object (each cell through ``Cell/json``).
    static func jsonRow(_ row: [Cell], keys: [String], first: Bool, into line: inout String) {
        line += first ? "[\n    {" : ",\n    {"
        for (i, cell) in row.enumerated() {
            if i > 0 { line += ", " }
            line += keys[i]
            cell.json.write(into: &line)
        }
        line += "}"
    }

    static func jsonClosing(empty: Bool) -> String { empty ? "[]\n}\n" : "\n  ]\n}\n" }

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

/// A table whose rows are made one at a time when it is written, never all kept: the per-actor tables of a large
/// study (millions of rows) are streamed from the results to their files. Writes the same text as the
/// ``ResultTable`` of the same rows.
public struct StreamedTable: Sendable {
    public var columns: [String]
    public var settings: [(String, String)]
    /// Calls its argument once per row, in order, each row with one cell per column.
    public var rows: @Sendable (_ body: ([Cell]) -> Void) -> Void

    public init(columns: [String], settings: [(String, String)] = [], rows: @escaping @Sendable (_ body: ([Cell]) -> Void) -> Void) {
        self.columns = columns
        self.settings = settings
        self.rows = rows
    }

    /// Every row, kept: the ``ResultTable`` (for small tables and terminal output). - Complexity: O(cells).
    public var table: ResultTable {
        var t = ResultTable(columns: columns, settings: settings)
        rows { t.append($0) }
        return t
    }

    /// ``ResultTable/csv()`` of the rows, line by line. - Complexity: O(size of the text).
    public func writeCSV<Out: TextOutputStream>(to out: inout Out) {
        ResultTable.writeCSV(columns: columns, rows: rows, to: &out)
    }

    /// ``ResultTable/json()`` of the rows, row by row. - Complexity: O(size of the text).
    public func writeJSON<Out: TextOutputStream>(to out: inout Out) {
        ResultTable.writeJSON(columns: columns, settings: settings, rows: rows, to: &out)
    }

    /// ``writeCSV(to:)`` and ``writeJSON(to:)`` at once, and the columns' Table Schema types
    /// (``DataPackage/Resource/init(name:path:description:table:primaryKey:)``'s), from one pass over the rows:
    /// each row is made once, not once per file and once more for the types (on L, the per-actor tables are
    /// millions of rows).
    /// - Complexity: O(size of the text).
    public func write<CSV: TextOutputStream, JSON: TextOutputStream>(csv: inout CSV, json: inout JSON) -> [String] {
        csv.write(ResultTable.csvHeader(columns))
        json.write(ResultTable.jsonOpening(settings))
        let keys = ResultTable.jsonKeys(columns)
        var seen = [DataPackage.ColumnTypes](repeating: DataPackage.ColumnTypes(), count: columns.count)
        // The lines of both files are made together, each cell once (``Cell/append(csv:json:)``), and handed to the
        // streams in pieces of about 64 kB rather than line by line.
        // A long text repeated down a column (the `detail` sentence of every actor of a change) is escaped once:
        // each column keeps its last long text and how it was written.
        var last = [(text: String, csv: String, json: String)?](repeating: nil, count: columns.count)
        var csvText = "", jsonText = "", first = true
        rows { row in
            jsonText += first ? "[\n    {" : ",\n    {"
            first = false
            for (i, cell) in row.enumerated() {
                if i > 0 {
                    csvText += ","
                    jsonText += ", "
                }
                jsonText += keys[i]
                if case .text(let text) = cell, text.utf8.count >= 48 {
                    if let l = last[i], l.text == text {
                        csvText += l.csv
                        jsonText += l.json
                    } else {
                        var c = "", j = ""
                        cell.append(csv: &c, json: &j)
                        csvText += c
                        jsonText += j
                        last[i] = (text, c, j)
                    }
                } else {
                    cell.append(csv: &csvText, json: &jsonText)
                }
                seen[i].add(cell)
            }
            csvText += "\n"
            jsonText += "}"
            if jsonText.utf8.count >= 1 << 16 {
                csv.write(csvText)
                json.write(jsonText)
                csvText.removeAll(keepingCapacity: true)
                jsonText.removeAll(keepingCapacity: true)
            }
        }
        csv.write(csvText)
        json.write(jsonText)
        json.write(ResultTable.jsonClosing(empty: first))
        return columns.indices.map { seen[$0].type(column: columns[$0]) }
    }
}

/// Minimal, exact JSON text output.
public enum JSON {
    /// `s` as a JSON string literal, safe to embed in HTML (``JSONText/quote(_:)``).
    public static func quote(_ s: String) -> String { JSONText.quote(s) }

    public static func value(_ c: Cell) -> String { c.json.text() }
}

extension Cell {
    /// The cell appended to a CSV line as ``ResultTable/csv()`` writes it (``exact`` as a field) and to a JSON text
    /// as ``json`` writes it: a number is formatted once for both, a text scanned once (``TableText``).
    /// - Complexity: O(length of the text).
    func append(csv: inout String, json: inout String) {
        switch self {
        case .text(let s):
            TableText.append(s, csv: &csv, json: &json)
        case .int(let i):
            let text = String(i)
            csv += text
            json += text
        case .real(let d):
            if d.isFinite {
                let text = d.description
                csv += text
                json += text
            } else {
                csv += d.isNaN ? "nan" : (d > 0 ? "inf" : "-inf")
                json += "null"
            }
        case .bool(let b):
            csv += b ? "true" : "false"
            json += b ? "true" : "false"
        case .missing:
            json += "null"
        }
    }

    /// The cell as a JSON value: missing and non-finite numbers are `null`.
    public var json: JSONValue {
        switch self {
        case .text(let s): return .string(s)
        case .int(let i): return .int(i)
        case .real(let d): return .number(d)
        case .bool(let b): return .bool(b)
        case .missing: return .null
        }
    }
}
