import Metrics
import TemporalModel
import TextFormats

extension PeriodTables {
    /// The CSV text of ``nodeMetrics(_:metrics:network:settings:)``'s table (`ResultTable.csv()` of it, byte for
    /// byte), made without its cells: each period's lines on its own core, each actor's id, name and kind escaped
    /// once per period rather than once per row, each number written straight into the line.
    /// - Complexity: O(size of the text), spread over the cores.
    public static func nodeMetricsCSV(_ results: [SnapshotNodeMetrics], metrics chosen: [NodeMetric], network: TemporalNetwork) -> String {
        let columns = ["period", "actor", "name", "kind"] + chosen.map(\.rawValue)
        let header = columns.map(CSVText.field).joined(separator: ",") + "\n"
        let pieces = parallelMap(results.count) { p -> String in
            let r = results[p]
            let period = CSVText.field(r.period.label) + ","
            let values = chosen.map { r.values[$0] }
            let counts = chosen.map { $0 == .positiveDegree || $0 == .negativeDegree }
            var text = ""
            text.reserveCapacity(r.actors.count * (period.utf8.count + 24 + 20 * chosen.count))
            for (i, a) in r.actors.enumerated() {
                let actor = network.actors[Int(a)]
                text += period
                text += CSVText.field(actor.id)
                text += ","
                text += CSVText.field(actor.name)
                text += ","
                text += CSVText.field(actor.kind.rawValue)
                for (m, column) in values.enumerated() {
                    text += ","
                    guard let v = column?[i] else { continue }
                    // As Cell.exact writes .int(Int(v)) and .real(v).
                    if counts[m] {
                        text += String(Int(v))
                    } else if v.isFinite {
                        text += v.description
                    } else {
                        text += v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf")
                    }
                }
                text += "\n"
            }
            return text
        }
        return header + pieces.joined()
    }
}
