/// One problem found in a dataset file, at a position.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Comparable {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based, in characters; 0 when the problem concerns the whole line or file.
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message` (the form compilers use, so editors can jump to it).
    public var description: String {
        line == 0 ? "\(file): \(message)" : column == 0 ? "\(file):\(line): \(message)" : "\(file):\(line):\(column): \(message)"
    }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
    }
}

/// A dataset that could not be loaded, with every problem found in one pass.
public struct DatasetLoadError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let shown = diagnostics.prefix(200).map(\.description)
        let more = diagnostics.count > 200 ? ["… and \(diagnostics.count - 200) more problems"] : []
        return (shown + more).joined(separator: "\n")
    }
}
