import Foundation

/// A Frictionless Data Package descriptor (`datapackage.json`, Data Package v1 with Table Schema) for the result
/// tables: each CSV with its columns' types, what they mean, the cells that mean "missing" and its primary key,
/// so that pandas, R (`frictionless`), or any Frictionless tool loads the tables typed without guessing.
///
/// Types come from the cells (`integer`, `number`, `boolean`, `date` for ISO `YYYY-MM-DD` text, `string`); a column
/// without any value takes its type from ``knownTypes`` (so that an all-empty measure is still a number).
public enum DataPackage {
    /// One table of the package.
    public struct Resource: Sendable {
        /// Lower-case name, for example "memberships".
        public var name: String
        /// Path relative to the descriptor, for example "memberships.csv".
        public var path: String
        public var description: String
        /// The table's columns and their Table Schema types (``DataPackage/type(of:in:)``), taken from the table
        /// when the resource is made, so that the rows need not be kept until the descriptor is written.
        public var columns: [String]
        public var types: [String]
        public var primaryKey: [String]

        /// - Complexity: O(cells of `table`), to infer the types.
        public init(name: String, path: String, description: String, table: ResultTable, primaryKey: [String] = []) {
            self.name = name
            self.path = path
            self.description = description
            self.columns = table.columns
            self.types = table.columns.indices.map { DataPackage.type(of: $0, in: table) }
            self.primaryKey = primaryKey
        }

        /// A resource whose columns' types were inferred already (``StreamedTable/write(csv:json:)``).
        public init(name: String, path: String, description: String, columns: [String], types: [String], primaryKey: [String] = []) {
            precondition(columns.count == types.count)
            self.name = name
            self.path = path
            self.description = description
            self.columns = columns
            self.types = types
            self.primaryKey = primaryKey
        }

        /// A resource for a streamed table: its rows are made once more to infer the types, not kept.
        /// - Complexity: O(cells of `table`).
        public init(name: String, path: String, description: String, table: StreamedTable, primaryKey: [String] = []) {
            self.name = name
            self.path = path
            self.description = description
            self.columns = table.columns
            var seen = [ColumnTypes](repeating: ColumnTypes(), count: table.columns.count)
            table.rows { row in for i in row.indices { seen[i].add(row[i]) } }
            self.types = table.columns.indices.map { seen[$0].type(column: table.columns[$0]) }
            self.primaryKey = primaryKey
        }
    }

    /// Types of columns that may be empty in every row.
    public static let knownTypes: [String: String] = [
        "largest_share": "number", "effective_number": "number", "signed_modularity": "number", "objective": "number",
        "balance_ratio": "number", "walk_balance": "number", "frustration_normalized": "number", "algebraic_conflict": "number",
        "walk_balance_error": "number", "algebraic_conflict_error": "number",
        "proven_optimal": "boolean", "frustration_proven": "boolean", "defection": "boolean", "density": "number",
        "degree": "number", "strength": "number", "betweenness": "number", "closeness": "number", "harmonic": "number",
        "eigenvector": "number", "pagerank": "number", "katz": "number", "pn": "number", "pos_degree": "integer", "neg_degree": "integer",
        "start": "date", "end": "date", "event_id": "integer", "probability": "number", "in_reference": "boolean",
    ]

    /// What the columns mean (columns not listed get no description).
    public static let descriptions: [String: String] = [
        "period": "the period's label", "start": "first day of the period", "end": "last day of the period",
        "actor": "actor id in the dataset", "name": "actor name", "kind": "person, faction or group",
        "coalition": "id of the coalition, stable across periods (empty: in no coalition)", "coalition_label": "the coalition's label",
        "id": "id of the coalition, stable across periods", "label": "the coalition's label", "size": "number of members",
        "actors": "actors in the period's snapshot", "coalitions": "number of coalitions", "unaligned": "actors in no coalition",
        "largest_share": "share of the period's actors in the largest coalition (0-1)",
        "effective_number": "1 / sum of squared coalition shares", "signed_modularity": "signed modularity of the partition",
        "objective": "value of the detection method's objective", "proven_optimal": "the objective is proven optimal (empty: no proof attempted)",
        "event_id": "number of the event; rows with the same number belong to one event",
        "event": "birth, death, merge, split, continuation, growth, contraction, rebirth, join, leave, defection, realignment",
        "from": "coalition before (empty for a birth or a join)", "to": "coalition after (empty for a death or a leave)",
        "defection": "the switch crossed a rivalry (switches only)", "detail": "a readable sentence",
        "recorded": "the lineage the dataset records (empty: an event the analysis found and no record names)",
        "analysis": "detected, missed, or extra <event>",
        "in_reference": "the change is one of the reference run's (false: seen only in Monte Carlo draws, in at least 5% of them)",
        "probability": "share of the Monte Carlo draws (0-1): for a change, draws with a change in the same period, of the same kind, whose involved actors overlap it with Jaccard > 0.5; for a membership, draws keeping the actor in a coalition overlapping this one with Jaccard > 0.5 (unaligned: unaligned again)",
        "pos_edges": "alliances (positive edges)", "neg_edges": "rivalries (negative edges)",
        "pos_inside": "alliances inside the coalition", "neg_inside": "rivalries inside the coalition",
        "pos_across": "alliances from the coalition to others", "neg_across": "rivalries from the coalition to others",
        "central": "actor id of the coalition's most central member",
        "balance_ratio": "share of closed triangles that are balanced", "frustration": "frustration index (fewest ties to remove or flip for balance)",
        "walk_balance": "Estrada's walk balance (1 = balanced)", "algebraic_conflict": "smallest eigenvalue of the signed Laplacian",
        "walk_balance_error": "bound on the error of walk_balance: 0 when exact (dense eigenvalues), else three standard errors of the stochastic Lanczos estimate",
        "algebraic_conflict_error": "bound on the error of algebraic_conflict: 0 when exact, else the Lanczos residual bound",
    ]

    /// The descriptor, deterministic (resources in the given order, fields in column order).
    ///
    /// - Complexity: O(Σ columns) (the types were inferred when the resources were made).
    public static func json(name: String, title: String, description: String = "", resources: [Resource]) -> String {
        let q = JSON.quote
        var out = "{\n  \"profile\": \"tabular-data-package\",\n  \"name\": \(q(packageName(name))),\n  \"title\": \(q(title)),\n"
        if !description.isEmpty { out += "  \"description\": \(q(description)),\n" }
        out += "  \"resources\": ["
        for (k, r) in resources.enumerated() {
            out += k == 0 ? "\n" : ",\n"
            out += "    {\n      \"name\": \(q(packageName(r.name))),\n      \"path\": \(q(r.path)),\n"
            out += "      \"profile\": \"tabular-data-resource\",\n      \"format\": \"csv\",\n      \"mediatype\": \"text/csv\",\n"
            out += "      \"encoding\": \"utf-8\",\n      \"description\": \(q(r.description)),\n"
            out += "      \"dialect\": {\"delimiter\": \",\", \"header\": true, \"lineTerminator\": \"\\n\", \"quoteChar\": \"\\\"\", \"doubleQuote\": true},\n"
            out += "      \"schema\": {\n        \"fields\": ["
            for (i, c) in r.columns.enumerated() {
                out += i == 0 ? "\n" : ",\n"
                out += "          {\"name\": \(q(c)), \"type\": \(q(r.types[i]))"
                if let d = descriptions[c] { out += ", \"description\": \(q(d))" }
                out += "}"
            }
            out += "\n        ],\n        \"missingValues\": [\"\"]"
            if !r.primaryKey.isEmpty { out += ",\n        \"primaryKey\": [" + r.primaryKey.map(q).joined(separator: ", ") + "]" }
            out += "\n      }\n    }"
        }
        out += "\n  ]\n}\n"
        return out
    }

    /// The Table Schema type of column `i`: from its cells, else ``knownTypes``, else `string`.
    static func type(of i: Int, in table: ResultTable) -> String {
        var seen = ColumnTypes()
        for row in table.rows { seen.add(row[i]) }
        return seen.type(column: table.columns[i])
    }

    /// The kinds of cells seen in one column, for its Table Schema type.
    struct ColumnTypes {
        var sawInt = false, sawReal = false, sawBool = false, sawText = false, allDates = true

        mutating func add(_ cell: Cell) {
            switch cell {
            case .int: sawInt = true
            case .real: sawReal = true
            case .bool: sawBool = true
            case .text(let s):
                sawText = true
                if allDates && !DataPackage.isDate(s) { allDates = false }
            case .missing: break
            }
        }

        func type(column: String) -> String {
            if sawText { return allDates && !sawInt && !sawReal && !sawBool ? "date" : "string" }
            if sawBool { return sawInt || sawReal ? "string" : "boolean" }
            if sawReal { return "number" }
            if sawInt { return "integer" }
            return DataPackage.knownTypes[column] ?? "string"
        }
    }

    /// `YYYY-MM-DD` with four-digit year.
    static func isDate(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return false }
        return u.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || (48...57).contains($0.element) }
    }

    /// A name as Frictionless wants it: lower-case letters, digits, `-`, `_`, `.` (others become `-`).
    static func packageName(_ s: String) -> String {
        let mapped = String(s.lowercased().unicodeScalars.map { c -> Character in
            (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c))) || c == "-" || c == "_" || c == "." ? Character(c) : "-"
        })
        return mapped.isEmpty ? "blocs-tables" : mapped
    }
}
