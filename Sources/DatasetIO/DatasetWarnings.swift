import Foundation
import TemporalModel

/// Things in a dataset that load but are most likely mistakes: ties that no period can hold, actors with no tie,
/// sources nobody cites. `blocs validate` prints them as warnings; they never stop an analysis.
public enum DatasetWarnings {
    /// The warnings of a loaded dataset, located in its files (`<folder>/ties.csv:12: …`, as the loader names them), in file order.
    ///
    /// Line numbers come from a second read of `actors.csv` (by id) and `ties.csv` (row k of the file is tie k of
    /// the network: the loader keeps every data row, in order, or fails).
    ///
    /// - Complexity: O(bytes of the two files + ties + events + sources).
    public static func check(_ network: TemporalNetwork, folder: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let span = network.info.span
        let tieLines = dataLines(folder + "/ties.csv")
        let actorLines = idLines(folder + "/actors.csv")
        let spanText = "\(network.info.spanStart)–\(network.info.spanEnd)"

        var tied = [Bool](repeating: false, count: network.actors.count)
        for (k, tie) in network.ties.enumerated() {
            tied[Int(tie.source)] = true
            tied[Int(tie.target)] = true
            let first = tie.start.firstDay
            let last = tie.end?.lastDay
            let outside = first > span.end || (last.map { $0 < span.start } ?? false)
            if outside {
                warnings.append(Diagnostic(
                    file: folder + "/ties.csv", line: k < tieLines.count ? tieLines[k] : 0, column: 0,
                    message: "warning: the tie \(network.actors[Int(tie.source)].id)–\(network.actors[Int(tie.target)].id) lies entirely outside the dataset's span \(spanText): no period holds it"))
            }
        }
        var untied: [Diagnostic] = []
        for (i, actor) in network.actors.enumerated() where !tied[i] {
            untied.append(Diagnostic(file: folder + "/actors.csv", line: actorLines[actor.id] ?? 0, column: 0,
                                       message: "warning: '\(actor.id)' has no tie: it appears in no snapshot"))
        }
        warnings += untied.sorted { $0.line < $1.line }
        var cited = Set<String>()
        for tie in network.ties { for s in tie.sources { cited.insert(s.source) } }
        for event in network.events { for s in event.sources { cited.insert(s.source) } }
        for source in network.info.sources where !cited.contains(source.id) {
            warnings.append(Diagnostic(file: folder + "/dataset.yaml", line: 0, column: 0,
                                       message: "warning: the source '\(source.id)' is declared but no tie or event cites it"))
        }
        return warnings
    }

    /// The line each actor id (first field) is declared on.
    static func idLines(_ path: String) -> [String: Int] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var lines: [String: Int] = [:]
        var header = true
        _ = CSVReader.read(Array(data)) { record in
            if header { header = false } else if let id = record.fields.first { lines[id.trimmingSpaces] = lines[id.trimmingSpaces] ?? record.line }
        }
        return lines
    }

    /// The line each data row (after the header) starts on.
    static func dataLines(_ path: String) -> [Int] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        var lines: [Int] = []
        var header = true
        _ = CSVReader.read(Array(data)) { record in
            if header { header = false } else { lines.append(record.line) }
        }
        return lines
    }
}
