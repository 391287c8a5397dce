import Foundation
import Metrics
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

    /// Rounded to `digits` decimals, for reading on a terminal: `String(format: "%.<digits>f")`'s text, made by
    /// ``FixedDecimal`` (the same bytes, without the C formatter on the common path).
    func display(digits: Int) -> String {
        if case .real(let d) = self, d.isFinite { return FixedDecimal.format(d, digits: digits) }
        return exact
    }

    /// ``display(digits:)`` appended as UTF-8 to `out`.
    func appendDisplay(digits: Int, to out: inout [UInt8]) {
        switch self {
        case .real(let d) where d.isFinite: FixedDecimal.append(d, digits: digits, to: &out)
        case .text(let s): out.append(contentsOf: s.utf8)
        default: out.append(contentsOf: exact.utf8)
        }
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
        // Large tables: the lines of chunks of rows made on all cores, joined in order.
        let chunks = Self.chunks(rows.count)
        guard chunks > 1 else {
            var out = ""
            writeCSV(to: &out)
            return out
        }
        let pieces = parallelMap(chunks) { c in
            var text = ""
            for row in rows[Self.chunk(c, of: chunks, rows.count)] { Self.csvLine(row, into: &text) }
            return text
        }
        return Self.csvHeader(columns) + pieces.joined()
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
    ///
    /// Cells are padded to their column's width in characters (grapheme clusters, as `String.count` counts them).
    /// The text is assembled as UTF-8 bytes, each cell's text made once (``FixedDecimal`` for the numbers), in
    /// chunks of rows on all cores: the cells of each chunk first (with the chunk's column widths), then, with the
    /// widths of the whole table, each chunk's lines; the chunks are joined in order.
    /// - Complexity: O(size of the text).
    public func text(digits: Int = 4) -> String {
        var out: [UInt8] = []
        if !settings.isEmpty { out += Array((settings.map { "\($0.0): \($0.1)" }.joined(separator: "  ") + "\n\n").utf8) }
        let chunks = Self.chunks(rows.count)
        let cells = parallelMap(chunks) { c in
            FormattedCells(rows[Self.chunk(c, of: chunks, rows.count)], columns: columns.count, digits: digits)
        }
        var widths = columns.map { $0.count }
        var numeric = [Bool](repeating: !rows.isEmpty, count: columns.count)
        for piece in cells {
            for i in widths.indices {
                widths[i] = max(widths[i], piece.widths[i])
                numeric[i] = numeric[i] && piece.numeric[i]
            }
        }
        let (finalWidths, finalNumeric) = (widths, numeric)
        let lines = parallelMap(chunks) { c in
            cells[c].lines(rows[Self.chunk(c, of: chunks, rows.count)], widths: finalWidths, numeric: finalNumeric)
        }
        out.reserveCapacity(out.count + (widths.reduce(0, +) + 2 * columns.count + 1) * 2 + lines.reduce(0) { $0 + $1.count })
        for (i, c) in columns.enumerated() {
            if i > 0 { out += [0x20, 0x20] }
            FormattedCells.pad(&out, width: widths[i], count: c.count, right: numeric[i]) { $0.append(contentsOf: c.utf8) }
        }
        out.append(0x0A)
        for i in widths.indices {
            if i > 0 { out += [0x20, 0x20] }
            out.append(contentsOf: repeatElement(0x2D, count: widths[i]))
        }
        out.append(0x0A)
        for piece in lines { out += piece }
        return String(decoding: out, as: UTF8.self)
    }

    /// Rows per chunk of the parallel writers: one chunk for a small table.
    private static func chunks(_ rows: Int) -> Int { max(1, min(16, rows / 4096)) }

    private static func chunk(_ c: Int, of chunks: Int, _ rows: Int) -> Range<Int> { (rows * c / chunks)..<(rows * (c + 1) / chunks) }
}

/// The display text of a run of a table's rows (``ResultTable/text(digits:)``), one cell after another in one buffer,
/// with each cell's width in characters and what the run says about its columns.
private struct FormattedCells: Sendable {
    /// Cell k is bytes[ends[k − 1]..<ends[k]] (row by row), `counts[k]` characters wide.
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var counts: [Int32] = []
    /// The widest cell of each column in these rows.
    var widths: [Int]
    /// Whether each column holds only numbers and missing cells in these rows.
    var numeric: [Bool]

    init(_ rows: ArraySlice<[Cell]>, columns: Int, digits: Int) {
        widths = Array(repeating: 0, count: columns)
        numeric = Array(repeating: true, count: columns)
        bytes.reserveCapacity(rows.count * columns * 8)
        ends.reserveCapacity(rows.count * columns)
        counts.reserveCapacity(rows.count * columns)
        for row in rows {
            for (i, cell) in row.enumerated() {
                let start = bytes.count
                cell.appendDisplay(digits: digits, to: &bytes)
                let count: Int
                switch cell {
                case .text(let s):
                    numeric[i] = false
                    count = Self.characterCount(s, bytes: bytes[start...])
                case .bool:
                    numeric[i] = false
                    count = bytes.count - start
                default:
                    count = bytes.count - start  // digits, signs, points, "nan", "inf": ASCII
                }
                ends.append(bytes.count)
                counts.append(Int32(count))
                widths[i] = max(widths[i], count)
            }
        }
    }

    /// The lines of these rows, each cell padded to its column's width (right-aligned in numeric columns), cells
    /// two spaces apart.
    func lines(_ rows: ArraySlice<[Cell]>, widths: [Int], numeric: [Bool]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * (widths.reduce(0, +) + 2 * widths.count + 1))
        var k = 0, start = 0
        bytes.withUnsafeBufferPointer { cells in
            for row in rows {
                for i in 0..<row.count {
                    if i > 0 { out += [0x20, 0x20] }
                    let end = ends[k]
                    Self.pad(&out, width: widths[i], count: Int(counts[k]), right: numeric[i]) {
                        $0.append(contentsOf: UnsafeBufferPointer(rebasing: cells[start..<end]))
                    }
                    start = end
                    k += 1
                }
                out.append(0x0A)
            }
        }
        return out
    }

    /// `text` written into `out` with spaces to `width` characters: before it (`right`) or after it.
    static func pad(_ out: inout [UInt8], width: Int, count: Int, right: Bool, _ text: (inout [UInt8]) -> Void) {
        if right {
            out.append(contentsOf: repeatElement(0x20, count: width - count))
            text(&out)
        } else {
            text(&out)
            out.append(contentsOf: repeatElement(0x20, count: width - count))
        }
    }

    /// `s.count`, read off its UTF-8 bytes when they are ASCII without a carriage return (one character per byte
    /// then; "\r\n" is one character).
    private static func characterCount(_ s: String, bytes: ArraySlice<UInt8>) -> Int {
        for b in bytes where b >= 0x80 || b == 0x0D { return s.count }
        return bytes.count
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
