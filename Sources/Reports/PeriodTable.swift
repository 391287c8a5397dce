import Coalitions

/// One row per period: the period-level values of the coalition analysis, which `coalitions.csv` no longer
/// repeats on every coalition row.
public enum PeriodTable {
    /// The columns of ``table(_:settings:)``.
    public static let columns = ["period", "start", "end", "actors", "coalitions", "unaligned", "largest_share", "effective_number",
                                 "signed_modularity", "objective", "proven_optimal"]

    /// Rows in period order. `largest_share` and `effective_number` are empty for a period without coalitions;
    /// `proven_optimal` is empty when the method proves nothing (components, heuristics without a bound).
    ///
    /// - Complexity: O(P).
    public static func table(_ history: CoalitionHistory, settings: [(String, String)]) -> ResultTable {
        var table = ResultTable(columns: columns, settings: settings)
        for p in history.periods {
            let none = p.coalitions.isEmpty
            table.append([
                .text(p.period.label), .text(p.period.interval.start.description), .text(p.period.interval.end.description),
                .int(p.snapshot.actors.count), .int(p.coalitions.count), .int(p.unaligned.count),
                none ? .missing : .real(p.largestShare), none ? .missing : .real(p.effectiveNumber),
                .real(p.signedModularity), .real(p.objective), p.provenOptimal.map { .bool($0) } ?? .missing,
            ])
        }
        return table
    }
}
