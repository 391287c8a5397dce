import Metrics
import Snapshots
import TemporalModel

/// A metric that has no value in a period, and why.
public struct MetricWarning: Equatable, Sendable, CustomStringConvertible {
    public var period: String
    public var error: MetricError

    public init(period: String, error: MetricError) {
        self.period = period
        self.error = error
    }

    /// `<period>: <metric>: <reason>`.
    public var description: String { "\(period): \(error.description)" }

    /// The reason alone, without the metric's name.
    public var reason: String {
        let text = error.description, prefix = error.metric + ": "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}

/// The per-period result tables shared by the commands, `blocs analyze` and batch runs.
///
/// Every builder takes results and returns a ``ResultTable``; none prints or writes. Failures of a metric in a
/// period are listed in the table's `errors` setting and returned for the caller to show.
public enum PeriodTables {
    /// The settings a snapshot table carries: the dataset, then the snapshot settings as described
    /// (``SnapshotOptions/described``).
    public static func settings(_ options: SnapshotOptions, network: TemporalNetwork) -> [(String, String)] {
        [("dataset", network.info.name)] + options.described
    }

    /// One row per period: its size. Columns `period,start,end,actors,active_ties,pos_edges,neg_edges,ambivalent,
    /// density,level,rule,scenario` (the settings close every row, so that a CSV names the rule it was made with and
    /// CSVs made under different settings can be concatenated).
    public static func sizes(_ snapshots: [Snapshot], options: SnapshotOptions, network: TemporalNetwork) -> ResultTable {
        var table = ResultTable(
            columns: ["period", "start", "end", "actors", "active_ties", "pos_edges", "neg_edges", "ambivalent", "density",
                      "level", "rule", "scenario"],
            settings: settings(options, network: network))
        for s in snapshots {
            table.append([
                .text(s.period.label), .text(s.period.interval.start.description), .text(s.period.interval.end.description),
                .int(s.graph.nodeCount), .int(s.activeTies), .int(s.graph.positiveEdgeCount), .int(s.graph.negativeEdgeCount),
                .int(s.ambivalentPairs), .real(s.graph.density),
                .text(options.level.rawValue), .text(options.rule.description), .text(options.scenario ?? ""),
            ])
        }
        return table
    }

    /// One row per period and actor: `period,actor,name,kind` then one column per metric (its raw name).
    /// Counts are integers; a metric that failed in a period leaves its cells empty and is named in `errors`.
    public static func nodeMetrics(_ results: [SnapshotNodeMetrics], metrics chosen: [NodeMetric], network: TemporalNetwork,
                                   settings: [(String, String)]) -> (table: ResultTable, failures: [MetricWarning]) {
        let (stream, failures) = nodeMetricsStream(results, metrics: chosen, network: network, settings: settings)
        // Each period's rows made on its own core; the same rows, in the same order, as the stream's.
        let rows = parallelMap(results.count) { p in
            nodeMetricsStream([results[p]], metrics: chosen, network: network, settings: []).table.table.rows
        }
        var table = ResultTable(columns: stream.columns, settings: stream.settings)
        table.rows.reserveCapacity(rows.reduce(0) { $0 + $1.count })
        for r in rows { table.rows += r }
        return (table, failures)
    }

    /// ``nodeMetrics(_:metrics:network:settings:)`` with rows made as they are written (a study of millions of
    /// actor-periods is never held as cells).
    /// - Complexity: O(1) to make; O(Σ_p n_p · metrics) to write.
    public static func nodeMetricsStream(_ results: [SnapshotNodeMetrics], metrics chosen: [NodeMetric], network: TemporalNetwork,
                                         settings: [(String, String)]) -> (table: StreamedTable, failures: [MetricWarning]) {
        let failures = results.flatMap { r in r.errors.map { MetricWarning(period: r.period.label, error: $0) } }
        var settings = settings
        if !failures.isEmpty { settings.append(("errors", failures.map(\.description).joined(separator: "; "))) }
        let table = StreamedTable(columns: ["period", "actor", "name", "kind"] + chosen.map(\.rawValue), settings: settings) { body in
            var row: [Cell] = []
            for r in results {
                let columns = chosen.map { r.values[$0] }
                for (i, a) in r.actors.enumerated() {
                    let actor = network.actors[Int(a)]
                    row.removeAll(keepingCapacity: true)
                    row += [.text(r.period.label), .text(actor.id), .text(actor.name), .text(actor.kind.rawValue)]
                    for (m, values) in zip(chosen, columns) {
                        if let v = values?[i] {
                            row.append(m == .positiveDegree || m == .negativeDegree ? .int(Int(v)) : .real(v))
                        } else {
                            row.append(.missing)
                        }
                    }
                    body(row)
                }
            }
        }
        return (table, failures)
    }

    /// The columns of ``balance(_:settings:)``.
    public static let balanceColumns = ["period", "actors", "pos_edges", "neg_edges", "triangles", "ppp", "ppn", "pnn", "nnn",
                                        "balance_ratio", "walk_balance", "walk_balance_error", "frustration", "frustration_proven",
                                        "frustration_lower", "frustration_normalized", "algebraic_conflict", "algebraic_conflict_error"]

    /// One row per period: the signed balance measures.
    public static func balance(_ results: [SnapshotBalance], settings: [(String, String)]) -> (table: ResultTable, failures: [MetricWarning]) {
        var table = ResultTable(columns: balanceColumns, settings: settings + [("graph", "signed graph, signs only")])
        func real(_ x: Double?) -> Cell { x.map(Cell.real) ?? .missing }
        var failures: [MetricWarning] = []
        for b in results {
            let t = b.triangles
            table.append([
                .text(b.period.label), .int(b.actors), .int(b.positiveEdges), .int(b.negativeEdges), .int(t.total),
                .int(t.ppp), .int(t.ppn), .int(t.pnn), .int(t.nnn), real(b.balanceRatio), real(b.walkBalance),
                real(b.walkBalanceError), .int(b.frustration.value), .bool(b.frustration.proven), .int(b.frustration.lowerBound),
                real(b.frustration.normalized), real(b.algebraicConflict), real(b.algebraicConflictError),
            ])
            failures += b.errors.map { MetricWarning(period: b.period.label, error: $0) }
        }
        if !failures.isEmpty { table.settings.append(("errors", failures.map(\.description).joined(separator: "; "))) }
        return (table, failures)
    }
}
