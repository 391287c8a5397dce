import Coalitions
import TemporalModel

/// The long membership table: one row per period and actor of the period's snapshot, with the coalition the
/// actor is in (empty cells for an actor in no coalition). The table a historian filters and pivots first.
public enum MembershipTable {
    /// The columns of ``table(_:network:settings:)``.
    public static let columns = ["period", "actor", "name", "kind", "coalition", "coalition_label"]

    /// Rows in period order, then actor id order.
    ///
    /// With `draws` (Monte Carlo draws), a last column `probability`: the share of draws in which the actor is in a
    /// coalition overlapping its coalition here with Jaccard > ½ (for an actor in no coalition: in none again).
    ///
    /// - Complexity: O(Σ_p n_p log n_p) for n_p actors in period p.
    public static func table(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)],
                             draws: DrawColumns? = nil) -> ResultTable {
        stream(history, network: network, settings: settings, draws: draws).table
    }

    /// ``table(_:network:settings:draws:)`` with rows made as they are written, never all kept.
    /// - Complexity: O(1) to make; O(Σ_p n_p log n_p) to write.
    public static func stream(_ history: CoalitionHistory, network: TemporalNetwork, settings: [(String, String)],
                              draws: DrawColumns? = nil) -> StreamedTable {
        StreamedTable(columns: columns + (draws == nil ? [] : ["probability"]), settings: settings + (draws?.described ?? [])) { body in
            for (index, p) in history.periods.enumerated() {
                var coalitionOf: [Int32: Coalition] = [:]
                for c in p.coalitions { for m in c.members { coalitionOf[m] = c } }
                let actors = p.snapshot.actors.sorted { network.actors[Int($0)].id < network.actors[Int($1)].id }
                for a in actors {
                    let actor = network.actors[Int(a)]
                    let c = coalitionOf[a]
                    var row: [Cell] = [.text(p.period.label), .text(actor.id), .text(actor.name), .text(actor.kind.rawValue),
                                       c.map { .text($0.id) } ?? .missing, c.map { .text($0.label) } ?? .missing]
                    if let draws { row.append(draws.membership[index]?[a].map(Cell.real) ?? .missing) }
                    body(row)
                }
            }
        }
    }
}
