import TemporalModel

/// Writes a temporal network as a dynamic GEXF 1.3 graph that Gephi plays on its timeline and NetworkX reads with
/// `networkx.read_gexf`.
///
/// ## Shape
/// - `<graph mode="dynamic" defaultedgetype="undirected" timeformat="date" timerepresentation="interval">`, with
///   the dataset's span as the graph's `start` and `end`.
/// - **One `<node>` per actor**, id = actor id, label = name, in actor-id order. Its `<spells>` hold one spell, the
///   days the actor exists (see ``ExportModel``); an actor with no lifetime at all has no spell (Gephi then shows it
///   throughout). Attributes: `kind`, `note`, and `lifetime_start` / `lifetime_end`: the lifetime as the dataset
///   states it, at its precision (`1923-10`), empty when not stated, so the difference between a stated and an
///   inferred lifetime survives the trip (``GEXFImporter`` reads them back).
/// - **One `<edge>` per tie, not one per pair.** Two ties between the same pair differ in relation, sources,
///   scenario and confidence, which one merged edge with several spells could not keep apart. Each edge has one
///   spell (the tie's days), id `t<index>` (its row in `ties.csv`), and `kind` = the relation, GEXF 1.3's edge
///   kind, so Gephi keeps parallel edges of different relations apart; parallel ties of the same relation follow
///   the merge strategy chosen in Gephi's import report. NetworkX reads the file as a `MultiGraph` keyed by the ids.
/// - **The sign is an attribute, the edge weight stays positive.** `weight` is the tie's magnitude (> 0, as in the
///   dataset), because Gephi's force layouts and weighted statistics misbehave with negative weights; the sign is
///   the integer attribute `sign` (+1 alliance and member, −1 rivalry, 0 lineage) and `signed_weight` is
///   sign × weight for those who want one signed number (colour or filter on it in Gephi).
///   Other edge attributes: `relation`, `confidence`, `tie_start` / `tie_end` (the dates as written in the dataset,
///   `tie_end` empty when open: the spell then closes at the span's end), `scenario` and `sources`
///   (`;`-separated, as in `ties.csv`), `note`.
/// - Every attribute is static and written on every element (empty strings included), so every NetworkX node and
///   edge has the same keys. All strings are XML-escaped (``ExportText/xml(_:)``), line breaks as `&#10;`.
///
/// Events, source citations and scenario descriptions have no place in GEXF; the node-link JSON keeps them.
///
/// - Complexity: O(n + m) time and output size. Deterministic: the same network gives byte-identical text.
public enum GEXFWriter {
    /// What a dataset holds that its GEXF cannot (``notCarried(_:reading:)``), as counts and names; empty values
    /// mean nothing of that kind is lost.
    public struct Losses: Hashable, Sendable {
        public var description = false
        /// `default_period` when not the default `year` (the spell dates are kept, the period scheme is not).
        public var defaultPeriod: String?
        /// `default_scenario`, when the export shows every reading.
        public var defaultScenario: String?
        /// Scenarios with a description or a weight (only their ids travel, on the ties).
        public var scenarioDetails = 0
        /// Source citations and files (only the ids and locators travel, on the ties).
        public var citations = 0
        public var windows = 0
        public var events = 0
        /// Ties left out because they hold only under other readings than the one exported.
        public var otherReadings = 0

        public var isEmpty: Bool { self == Losses() }
    }

    /// What the GEXF of `network` (with only the ties of `reading`, when given) leaves out.
    /// - Complexity: O(m + sources + scenarios).
    public static func notCarried(_ network: TemporalNetwork, reading: String?) -> Losses {
        let info = network.info
        var l = Losses()
        l.description = !info.description.isEmpty
        l.defaultPeriod = info.defaultPeriod == "year" ? nil : info.defaultPeriod
        l.defaultScenario = reading == nil ? info.defaultScenario : nil
        l.scenarioDetails = info.scenarios.filter { !$0.description.isEmpty || $0.weight != nil }.count
        l.citations = info.sources.count
        l.windows = info.windows.count
        l.events = network.events.count
        if let reading { l.otherReadings = network.ties.filter { !$0.holds(in: reading) }.count }
        return l
    }

    /// The GEXF text of `network`. `creator` goes into `<meta>`.
    public static func write(_ network: TemporalNetwork, creator: String = "Blocs") -> String {
        let model = ExportModel(network)
        let info = network.info
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
              <meta>
                <creator>\(ExportText.xml(creator))</creator>
                <description>\(ExportText.xml(info.title))</description>
              </meta>
              <graph mode="dynamic" defaultedgetype="undirected" timeformat="date" timerepresentation="interval" \
            start="\(info.span.start)" end="\(info.span.end)" name="\(ExportText.xml(info.name))">
                <attributes class="node" mode="static">
                  <attribute id="kind" title="kind" type="string"/>
                  <attribute id="note" title="note" type="string"/>
                  <attribute id="lifetime_start" title="lifetime_start" type="string"/>
                  <attribute id="lifetime_end" title="lifetime_end" type="string"/>
                </attributes>
                <attributes class="edge" mode="static">
                  <attribute id="relation" title="relation" type="string"/>
                  <attribute id="sign" title="sign" type="integer"/>
                  <attribute id="signed_weight" title="signed_weight" type="double"/>
                  <attribute id="confidence" title="confidence" type="double"/>
                  <attribute id="tie_start" title="tie_start" type="string"/>
                  <attribute id="tie_end" title="tie_end" type="string"/>
                  <attribute id="scenario" title="scenario" type="string"/>
                  <attribute id="sources" title="sources" type="string"/>
                  <attribute id="note" title="note" type="string"/>
                </attributes>
                <nodes>

            """
        for (i, actor) in network.actors.enumerated() {
            out += "      <node id=\"\(ExportText.xml(actor.id))\" label=\"\(ExportText.xml(actor.name))\">\n"
            out += "        <attvalues>\n"
            out += attvalue("kind", actor.kind.rawValue)
            out += attvalue("note", actor.note)
            out += attvalue("lifetime_start", actor.start?.description ?? "")
            out += attvalue("lifetime_end", actor.end?.description ?? "")
            out += "        </attvalues>\n"
            if let days = model.actorDays[i] { out += spells(days) }
            out += "      </node>\n"
        }
        out += "    </nodes>\n    <edges>\n"
        for (i, tie) in network.ties.enumerated() {
            let source = network.actors[Int(tie.source)].id, target = network.actors[Int(tie.target)].id
            let sign = ExportModel.sign(tie.relation)
            out += "      <edge id=\"\(ExportModel.tieID(i))\" source=\"\(ExportText.xml(source))\" target=\"\(ExportText.xml(target))\" "
                + "kind=\"\(tie.relation.rawValue)\" weight=\"\(ExportText.number(tie.weight))\">\n"
            out += "        <attvalues>\n"
            out += attvalue("relation", tie.relation.rawValue)
            out += attvalue("sign", String(sign))
            out += attvalue("signed_weight", ExportText.number(Double(sign) * tie.weight))
            out += attvalue("confidence", ExportText.number(tie.confidence))
            out += attvalue("tie_start", tie.start.description)
            out += attvalue("tie_end", tie.end?.description ?? "")
            out += attvalue("scenario", ExportModel.scenarios(tie))
            out += attvalue("sources", ExportModel.sources(tie))
            out += attvalue("note", tie.note)
            out += "        </attvalues>\n"
            out += spells(model.tieDays(tie))
            out += "      </edge>\n"
        }
        out += "    </edges>\n  </graph>\n</gexf>\n"
        return out
    }

    private static func attvalue(_ id: String, _ value: String) -> String {
        "          <attvalue for=\"\(id)\" value=\"\(ExportText.xml(value))\"/>\n"
    }

    private static func spells(_ days: DayInterval) -> String {
        "        <spells>\n          <spell start=\"\(days.start)\" end=\"\(days.end)\"/>\n        </spells>\n"
    }
}
