import TemporalModel

/// Writes a temporal network as GraphML with typed keys (`networkx.read_graphml`, igraph, yEd, Cytoscape, Gephi).
///
/// GraphML has no notion of time, so intervals are plain typed data: the shape is the GEXF export's
/// (``GEXFWriter``) with spells replaced by `first_day` / `last_day` strings (ISO dates, the days the actor or tie
/// covers; an actor with no lifetime has neither).
/// - `<graph edgedefault="undirected">`; graph data: `name`, `title`, `span_start`, `span_end`.
/// - One node per actor (id = actor id): `name`, `kind`, `note`, `lifetime_start`, `lifetime_end` (as stated,
///   at their precision, empty when not stated), `first_day`, `last_day`.
/// - One edge per tie (id = `t<index>`; parallel edges, a multigraph for NetworkX): `relation`, `sign` (int:
///   +1, −1, 0 for lineage), `weight` (double, the positive magnitude), `signed_weight`, `confidence`,
///   `tie_start`, `tie_end` (empty when open), `first_day`, `last_day`, `scenario`, `sources`, `note`.
///
/// Keys are declared with `attr.type` (`string`, `int`, `double`); every key is written on every element.
///
/// - Complexity: O(n + m). Deterministic.
public enum GraphMLWriter {
    private static let graphKeys = [("name", "string"), ("title", "string"), ("span_start", "string"), ("span_end", "string")]
    private static let nodeKeys = [("name", "string"), ("kind", "string"), ("note", "string"), ("lifetime_start", "string"),
                                   ("lifetime_end", "string"), ("first_day", "string"), ("last_day", "string")]
    private static let edgeKeys = [("relation", "string"), ("sign", "int"), ("weight", "double"), ("signed_weight", "double"),
                                   ("confidence", "double"), ("tie_start", "string"), ("tie_end", "string"),
                                   ("first_day", "string"), ("last_day", "string"), ("scenario", "string"),
                                   ("sources", "string"), ("note", "string")]

    /// The GraphML text of `network`.
    public static func write(_ network: TemporalNetwork) -> String {
        let model = ExportModel(network)
        let info = network.info
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        // Key ids are prefixed by their domain: GraphML key ids are global, and nodes and edges share names.
        for (domain, keys) in [("graph", graphKeys), ("node", nodeKeys), ("edge", edgeKeys)] {
            for (name, type) in keys {
                out += "  <key id=\"\(domain.first.map(String.init) ?? "")_\(name)\" for=\"\(domain)\" attr.name=\"\(name)\" attr.type=\"\(type)\"/>\n"
            }
        }
        out += "  <graph id=\"\(ExportText.xml(info.name))\" edgedefault=\"undirected\">\n"
        out += data("g_name", info.name, indent: 4) + data("g_title", info.title, indent: 4)
            + data("g_span_start", info.spanStart.description, indent: 4) + data("g_span_end", info.spanEnd.description, indent: 4)
        for (i, actor) in network.actors.enumerated() {
            out += "    <node id=\"\(ExportText.xml(actor.id))\">\n"
            out += data("n_name", actor.name) + data("n_kind", actor.kind.rawValue) + data("n_note", actor.note)
                + data("n_lifetime_start", actor.start?.description ?? "") + data("n_lifetime_end", actor.end?.description ?? "")
            if let days = model.actorDays[i] {
                out += data("n_first_day", days.start.description) + data("n_last_day", days.end.description)
            }
            out += "    </node>\n"
        }
        for (i, tie) in network.ties.enumerated() {
            let source = network.actors[Int(tie.source)].id, target = network.actors[Int(tie.target)].id
            let sign = ExportModel.sign(tie.relation)
            let days = model.tieDays(tie)
            out += "    <edge id=\"\(ExportModel.tieID(i))\" source=\"\(ExportText.xml(source))\" target=\"\(ExportText.xml(target))\">\n"
            out += data("e_relation", tie.relation.rawValue) + data("e_sign", String(sign))
                + data("e_weight", ExportText.number(tie.weight)) + data("e_signed_weight", ExportText.number(Double(sign) * tie.weight))
                + data("e_confidence", ExportText.number(tie.confidence))
                + data("e_tie_start", tie.start.description) + data("e_tie_end", tie.end?.description ?? "")
                + data("e_first_day", days.start.description) + data("e_last_day", days.end.description)
                + data("e_scenario", ExportModel.scenarios(tie)) + data("e_sources", ExportModel.sources(tie))
                + data("e_note", tie.note)
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    private static func data(_ key: String, _ value: String, indent: Int = 6) -> String {
        String(repeating: " ", count: indent) + "<data key=\"\(key)\">\(ExportText.xml(value))</data>\n"
    }
}
