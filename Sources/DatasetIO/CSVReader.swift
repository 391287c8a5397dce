/// A position in a text file: 1-based line and character column.
public struct TextPosition: Hashable, Sendable {
    public var line: Int
    public var column: Int
}

/// One record of a CSV file.
public struct CSVRecord: Sendable {
    /// The line the record starts on.
    public var line: Int
    public var fields: [String]
    /// Where each field starts.
    public var positions: [TextPosition]
}

/// Reasons a CSV file is unreadable as a whole or in one record.
public enum CSVProblem: Sendable, Equatable {
    case invalidUTF8(TextPosition)
    case unterminatedQuote(TextPosition)
    case textAfterClosingQuote(TextPosition)
}

/// An RFC 4180 reader over raw bytes that keeps every field's line and column.
///
/// Comma-separated; `"`-quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF line ends;
/// a UTF-8 byte order mark is skipped; blank lines are skipped. Ill-formed UTF-8 does not stop the reader (it
/// decodes as U+FFFD, so the other problems of the file are still found); ``invalidUTF8(_:limit:)`` locates it.
///
/// - Complexity: O(bytes), one pass; memory O(longest record).
public enum CSVReader {
    /// Reads all records, calling `body` for each (the header included, as the first record).
    /// Stops at the first structural problem (which is returned), since later positions would be unreliable.
    public static func read(_ bytes: [UInt8], _ body: (CSVRecord) -> Void) -> CSVProblem? {
        var i = 0
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var line = 1, column = 1
        var fields: [String] = []
        var positions: [TextPosition] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(256)
        var recordLine = 1
        var fieldStart = TextPosition(line: 1, column: 1)
        var atRecordStart = true

        @inline(__always) func advance(_ b: UInt8) {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }

        while i < n {
            if atRecordStart {
                // Skip blank lines.
                if bytes[i] == 0x0A { advance(bytes[i]); i += 1; continue }
                if bytes[i] == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 2; line += 1; column = 1; continue }
                atRecordStart = false
                recordLine = line
                fieldStart = TextPosition(line: line, column: column)
            }
            let b = bytes[i]
            if b == 0x22 && buffer.isEmpty && fieldStart == TextPosition(line: line, column: column) {
                // Quoted field.
                let open = TextPosition(line: line, column: column)
                advance(b); i += 1
                var closed = false
                while i < n {
                    let c = bytes[i]
                    if c == 0x22 {
                        if i + 1 < n, bytes[i + 1] == 0x22 {
                            buffer.append(0x22); advance(c); advance(c); i += 2; continue
                        }
                        advance(c); i += 1; closed = true; break
                    }
                    buffer.append(c); advance(c); i += 1
                }
                if !closed { return .unterminatedQuote(open) }
                if i < n, bytes[i] != 0x2C, bytes[i] != 0x0A, !(bytes[i] == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) {
                    return .textAfterClosingQuote(TextPosition(line: line, column: column))
                }
                continue
            }
            if b == 0x2C {
                fields.append(String(decoding: buffer, as: UTF8.self)); positions.append(fieldStart)
                buffer.removeAll(keepingCapacity: true)
                advance(b); i += 1
                fieldStart = TextPosition(line: line, column: column)
                continue
            }
            if b == 0x0A || (b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) {
                fields.append(String(decoding: buffer, as: UTF8.self)); positions.append(fieldStart)
                buffer.removeAll(keepingCapacity: true)
                body(CSVRecord(line: recordLine, fields: fields, positions: positions))
                fields.removeAll(keepingCapacity: true); positions.removeAll(keepingCapacity: true)
                i += b == 0x0D ? 2 : 1
                line += 1; column = 1
                atRecordStart = true
                continue
            }
            buffer.append(b); advance(b); i += 1
        }
        if !atRecordStart {
            fields.append(String(decoding: buffer, as: UTF8.self)); positions.append(fieldStart)
            body(CSVRecord(line: recordLine, fields: fields, positions: positions))
        }
        return nil
    }

    /// The position of the first byte that is not well-formed UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> TextPosition? { invalidUTF8(bytes, limit: 1).first }

    /// Where `bytes` is not well-formed UTF-8: the position of each ill-formed sequence (a lead byte that cannot
    /// start a character, a truncated sequence, an overlong form, a surrogate or a value past U+10FFFF), in order,
    /// at most `limit` of them. Each ill-formed byte counts as one column, as the reader counts it.
    ///
    /// - Complexity: O(bytes).
    public static func invalidUTF8(_ bytes: [UInt8], limit: Int = .max) -> [TextPosition] {
        var found: [TextPosition] = []
        var i = 0, line = 1, column = 1
        let n = bytes.count
        while i < n && found.count < limit {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1; column = 1 } else { column += 1 }
                i += 1
                continue
            }
            var length = 0, minValue: UInt32 = 0
            var value: UInt32 = 0
            switch b {
            case 0xC2...0xDF: length = 2; value = UInt32(b & 0x1F); minValue = 0x80
            case 0xE0...0xEF: length = 3; value = UInt32(b & 0x0F); minValue = 0x800
            case 0xF0...0xF4: length = 4; value = UInt32(b & 0x07); minValue = 0x10000
            default: break
            }
            var wellFormed = length > 0 && i + length <= n
            if wellFormed {
                for k in 1..<length {
                    let c = bytes[i + k]
                    guard c & 0xC0 == 0x80 else { wellFormed = false; break }
                    value = value << 6 | UInt32(c & 0x3F)
                }
            }
            if wellFormed && (value < minValue || value > 0x10FFFF || (0xD800...0xDFFF).contains(value)) { wellFormed = false }
            if wellFormed {
                i += length
                column += 1
                continue
            }
            found.append(TextPosition(line: line, column: column))
            // Skip the rest of this ill-formed sequence: its continuation bytes.
            i += 1
            if b & 0xC0 != 0x80 { column += 1 }
            while i < n && bytes[i] & 0xC0 == 0x80 { i += 1 }
        }
        return found
    }
}
