/// The signed edges of one period's snapshot, keyed by actor id.
///
/// `DatasetIO` does not depend on `Snapshots` (data flows one way, and the snapshot builder sits above the
/// readers and writers), so the caller turns each snapshot into this plain value; the CLI's `export --format csv`
/// does it for every period of the chosen scheme, level, rule and scenario.
public struct PeriodEdgeList: Hashable, Sendable {
    /// One aggregated edge: `source < target` by actor id, `sign` ±1, `weight` the positive magnitude.
    public struct Edge: Hashable, Sendable {
        public var source: String
        public var target: String
        public var sign: Int
        public var weight: Double

        public init(source: String, target: String, sign: Int, weight: Double) {
            self.source = source
            self.target = target
            self.sign = sign
            self.weight = weight
        }
    }

    /// The period's label (`1925`, `1925-Q2`, a window's name).
    public var period: String
    public var edges: [Edge]

    public init(period: String, edges: [Edge]) {
        self.period = period
        self.edges = edges
    }
}

/// Writes per-period edge lists as one CSV: `period,source,target,sign,weight`, one row per edge of each
/// snapshot, periods in the order given and edges in the order given (snapshots give them sorted by node, hence by
/// actor id). A period with no edge has no row. `sign` is `1` or `-1`; `weight` the positive magnitude after
/// aggregation (fractional under the `fraction` rule), in Swift's shortest round-trip form.
///
/// - Complexity: O(total edges). Fields quoted per RFC 4180 when needed.
public enum EdgeListWriter {
    public static let header = "period,source,target,sign,weight"

    public static func csv(_ periods: [PeriodEdgeList]) -> String {
        var out = header + "\n"
        for p in periods {
            let label = ExportText.csv(p.period)
            for e in p.edges {
                out += "\(label),\(ExportText.csv(e.source)),\(ExportText.csv(e.target)),\(e.sign),\(ExportText.number(e.weight))\n"
            }
        }
        return out
    }
}
