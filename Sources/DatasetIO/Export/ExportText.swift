import TextFormats
import TemporalModel

/// Text escaping shared by the XML and JSON writers.
///
/// Every string that comes from a dataset (ids, names, notes, sources) goes through one of these functions, so a
/// name holding `"`, `<`, `&`, a line break or a control character cannot break the file it is written into.
enum ExportText {
    /// `s` escaped for an XML attribute value in double quotes or for character data (``XMLText/escape(_:)``).
    static func xml(_ s: String) -> String { XMLText.escape(s) }

    /// `s` as a JSON string literal (``JSONText/quote(_:)``).
    static func json(_ s: String) -> String { JSONText.quote(s) }

    /// A list of strings as a JSON array.
    static func json(_ list: [String]) -> String { "[" + list.map { json($0) }.joined(separator: ", ") + "]" }

    /// `s` as an RFC 4180 CSV field (``CSVText/field(_:)``).
    static func csv(_ s: String) -> String { CSVText.field(s) }

    /// A finite number in the shortest form that reads back as the same `Double` (Swift's description, e.g.
    /// `1.0`, `0.25`, `1e-05`): valid in JSON, XML Schema `double` and CSV alike.
    /// - Precondition: `value` is finite (dataset weights and confidences always are).
    static func number(_ value: Double) -> String {
        precondition(value.isFinite, "only finite numbers are exported")
        return value == 0 ? "0.0" : "\(value)"
    }


}

/// What every exporter writes about a tie and an actor, computed once so the formats agree.
///
/// - Tie ids are `t<index>` in the network's tie order (the order of `ties.csv`), so they are stable across
///   exports of the same dataset and serve as GEXF edge ids, GraphML edge ids and NetworkX multigraph keys.
/// - A tie's days run from the first day of its start to the last day of its end; an open end closes at the last
///   day of the dataset's span, as in every snapshot. A tie that starts after the span with an open end (the loader
///   allows it; it is never active) is given the days of its start date.
/// - An actor's days are the hull of its lifetimes under every reading of the sources (the untagged one and each
///   scenario, see ``TemporalNetwork/lifetimes(scenario:)``): an export holds all readings at once, so a node must
///   be present whenever any reading has it. An actor with no stated lifetime and no tie has no days (`nil`).
struct ExportModel {
    let network: TemporalNetwork
    /// By actor index.
    let actorDays: [DayInterval?]

    init(_ network: TemporalNetwork) {
        self.network = network
        var hull = network.lifetimes(scenario: nil)
        for scenario in network.info.scenarios {
            for (i, life) in network.lifetimes(scenario: scenario.id).enumerated() {
                guard let life else { continue }
                hull[i] = hull[i].map { DayInterval(Swift.min($0.start, life.start), Swift.max($0.end, life.end)) } ?? life
            }
        }
        actorDays = hull
    }

    static func tieID(_ index: Int) -> String { "t\(index)" }

    func tieDays(_ tie: Tie) -> DayInterval {
        tie.interval(openEnd: network.info.span.end) ?? tie.start.interval
    }

    /// +1, −1, or 0 for lineage (history, never a snapshot edge).
    static func sign(_ relation: Relation) -> Int { relation.sign ?? 0 }

    static func sources(_ tie: Tie) -> String { tie.sources.map(\.description).joined(separator: ";") }
    static func scenarios(_ tie: Tie) -> String { tie.scenarios.joined(separator: ";") }
}
