import TemporalModel

/// Writes a temporal network as NetworkX node-link JSON, the shape `networkx.node_link_data(G, edges="edges")`
/// produces for a `MultiGraph` and `networkx.node_link_graph(data)` reads with its NetworkX 3.6 defaults
/// (`edges="edges"`, `source`, `target`, `name="id"`, `key="key"`; the older `link=`/`"links"` form is gone).
///
/// ## Shape: the whole temporal network, one multigraph
/// Not one graph per period: per-period graphs are derived data that depend on the snapshot options (and come
/// as ``EdgeListWriter`` CSV); the temporal network is the dataset itself, and as a multigraph with intervals as
/// attributes it keeps every tie apart, so a NetworkX user can cut their own snapshots.
///
/// ```json
/// {"directed": false, "multigraph": true,
///  "graph": {"name", "title", "description", "span_start", "span_end", "default_period", "default_scenario",
///            "sources": [{"id", "citation", "file"}], "scenarios": [{"id", "description"}],
///            "windows": [{"id", "start", "end"}], "events": [{"date", "kind", "actors", "description", "sources"}]},
///  "nodes": [{"id", "name", "kind", "note", "lifetime_start", "lifetime_end", "spells": [["first day", "last day"]]}],
///  "edges": [{"source", "target", "key": "t0", "relation", "sign", "weight", "signed_weight", "confidence",
///             "tie_start", "tie_end", "spells": [["first day", "last day"]], "scenario": [...], "sources": [...],
///             "note"}]}
/// ```
/// - `lifetime_start` / `lifetime_end` / `tie_end` are the dates as the dataset states them, or `null`; `spells`
///   are the days covered as ISO dates (one pair; `[]` for an actor with no lifetime), the same as the GEXF
///   export's spells as `read_gexf` returns them. `default_scenario` and a source's `file` may be `null`.
/// - `sign` is +1, −1 or 0 (lineage); `weight` is the positive magnitude; `signed_weight` = sign × weight.
/// - `scenario` and `sources` are JSON arrays here (GEXF and GraphML join them with `;`).
/// - Key `t<index>` = the tie's row in `ties.csv`; nodes in actor-id order, edges in tie order.
///
/// - Complexity: O(n + m + events). Deterministic; strings escaped by ``ExportText/json(_:)``.
public enum NodeLinkJSON {
    /// The node-link JSON text of `network`.
    public static func write(_ network: TemporalNetwork) -> String {
        let model = ExportModel(network)
        let info = network.info
        func opt(_ s: String?) -> String { s.map { ExportText.json($0) } ?? "null" }
        func spells(_ d: DayInterval?) -> String {
            d.map { "[[\(ExportText.json($0.start.description)), \(ExportText.json($0.end.description))]]" } ?? "[]"
        }

        var out = "{\n  \"directed\": false,\n  \"multigraph\": true,\n  \"graph\": {\n"
        out += "    \"name\": \(ExportText.json(info.name)),\n"
        out += "    \"title\": \(ExportText.json(info.title)),\n"
        out += "    \"description\": \(ExportText.json(info.description)),\n"
        out += "    \"span_start\": \(ExportText.json(info.spanStart.description)),\n"
        out += "    \"span_end\": \(ExportText.json(info.spanEnd.description)),\n"
        out += "    \"default_period\": \(ExportText.json(info.defaultPeriod)),\n"
        out += "    \"default_scenario\": \(opt(info.defaultScenario)),\n"
        out += "    \"sources\": " + list(info.sources.map {
            "{\"id\": \(ExportText.json($0.id)), \"citation\": \(ExportText.json($0.citation)), \"file\": \(opt($0.file))}"
        }) + ",\n"
        out += "    \"scenarios\": " + list(info.scenarios.map {
            "{\"id\": \(ExportText.json($0.id)), \"description\": \(ExportText.json($0.description))}"
        }) + ",\n"
        out += "    \"windows\": " + list(info.windows.map {
            "{\"id\": \(ExportText.json($0.id)), \"start\": \(ExportText.json($0.start.description)), \"end\": \(ExportText.json($0.end.description))}"
        }) + ",\n"
        out += "    \"events\": " + list(network.events.map {
            "{\"date\": \(ExportText.json($0.date.description)), \"kind\": \(ExportText.json($0.kind)), "
                + "\"actors\": \(ExportText.json($0.actors)), \"description\": \(ExportText.json($0.description)), "
                + "\"sources\": \(ExportText.json($0.sources.map(\.description)))}"
        }) + "\n  },\n"

        out += "  \"nodes\": " + list(network.actors.enumerated().map { i, a in
            "{\"id\": \(ExportText.json(a.id)), \"name\": \(ExportText.json(a.name)), \"kind\": \(ExportText.json(a.kind.rawValue)), "
                + "\"note\": \(ExportText.json(a.note)), \"lifetime_start\": \(opt(a.start?.description)), "
                + "\"lifetime_end\": \(opt(a.end?.description)), \"spells\": \(spells(model.actorDays[i]))}"
        }, indent: "  ") + ",\n"

        out += "  \"edges\": " + list(network.ties.enumerated().map { i, t in
            let sign = ExportModel.sign(t.relation)
            return "{\"source\": \(ExportText.json(network.actors[Int(t.source)].id)), "
                + "\"target\": \(ExportText.json(network.actors[Int(t.target)].id)), \"key\": \"\(ExportModel.tieID(i))\", "
                + "\"relation\": \"\(t.relation.rawValue)\", \"sign\": \(sign), \"weight\": \(ExportText.number(t.weight)), "
                + "\"signed_weight\": \(ExportText.number(Double(sign) * t.weight)), \"confidence\": \(ExportText.number(t.confidence)), "
                + "\"tie_start\": \(ExportText.json(t.start.description)), \"tie_end\": \(opt(t.end?.description)), "
                + "\"spells\": \(spells(model.tieDays(t))), \"scenario\": \(ExportText.json(t.scenarios)), "
                + "\"sources\": \(ExportText.json(t.sources.map(\.description))), \"note\": \(ExportText.json(t.note))}"
        }, indent: "  ") + "\n}\n"
        return out
    }

    /// Items one per line inside `[` `]`.
    private static func list(_ items: [String], indent: String = "    ") -> String {
        items.isEmpty ? "[]" : "[\n" + items.map { indent + "  " + $0 }.joined(separator: ",\n") + "\n" + indent + "]"
    }
}
