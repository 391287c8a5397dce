import Foundation
import Yams

/// A YAML syntax error as one located, one-line problem (Yams's own descriptions span several lines, quoting the
/// source with a caret under the column).
public struct YAMLProblem: Sendable, Equatable {
    /// 1-based; 0 when the parser gave no position.
    public var line: Int
    /// 1-based; 0 when the parser gave no position.
    public var column: Int
    /// What is wrong, on one line, prefixed `YAML: `.
    public var message: String

    /// The problem behind an error thrown while parsing `text`.
    ///
    /// - Complexity: O(offset) for a reader error (its byte offset is turned into line and column), O(1) otherwise.
    public init(_ error: any Error, in text: String) {
        guard let e = error as? YamlError else {
            self.init(line: 0, column: 0, problem: "\(error)")
            return
        }
        switch e {
        case .reader(let problem, let offset, let value, _):
            var line = 1, column = 1
            if let offset {
                for byte in text.utf8.prefix(offset) {
                    if byte == 10 { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
                }
            }
            let code = value >= 0 ? String(format: " (U+%04X)", Int(value)) : ""
            self.init(line: offset == nil ? 0 : line, column: offset == nil ? 0 : column, problem: problem + code)
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            self.init(line: mark.line, column: mark.column, problem: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.init(line: context.mark.line, column: context.mark.column,
                      problem: "duplicated key\(duplicates.count == 1 ? "" : "s") " + duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))
        default:
            self.init(line: 0, column: 0, problem: "\(e)")
        }
    }

    init(line: Int, column: Int, problem: String) {
        self.line = line
        self.column = column
        let flat = problem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        message = "YAML: " + flat.joined(separator: " ")
    }
}
