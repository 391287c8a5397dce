import Foundation
import Testing
import TestSupport
@testable import DatasetIO
@testable import TemporalModel

/// A small dataset with hostile text: quotes, `<`, `&`, a line break, a leap day, a scenario-tagged tie.
enum ExportFixture {
    static let yaml = #"""
        name: tiny
        title: "Tiny <&> \"test\""
        span: {start: 1923, end: 1926}
        default_scenario: a
        sources:
          - {id: s1, citation: "Source one"}
        scenarios:
          - {id: a, description: "reading A"}
        """#

    static let actors = #"""
        id,name,kind,start,end,note
        left,"Left ""Opposition"" <L&R>",faction,1923-10,1925,"line one
        line two"
        zed,Zed,person,,,
        troika,Troika,group,,,
        """#

    static let ties = #"""
        source,target,relation,start,end,weight,confidence,sources,scenario,note
        zed,left,member,1923-10,,,,s1#Sec <1>,,
        left,troika,rivalry,1924-02-29,1925,2.5,0.5,s1,a,"says ""no"" & <leaves>"
        """#

    static func network() throws -> TemporalNetwork {
        let ds = try TempDataset(yaml: yaml, actors: actors, ties: ties)
        defer { ds.remove() }
        return try DatasetLoader.load(ds.path)
    }

    static let gexf = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
          <meta>
            <creator>Blocs</creator>
            <description>Tiny &lt;&amp;&gt; &quot;test&quot;</description>
          </meta>
          <graph mode="dynamic" defaultedgetype="undirected" timeformat="date" timerepresentation="interval" start="1923-01-01" end="1926-12-31" name="tiny">
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
              <node id="left" label="Left &quot;Opposition&quot; &lt;L&amp;R&gt;">
                <attvalues>
                  <attvalue for="kind" value="faction"/>
                  <attvalue for="note" value="line one&#10;line two"/>
                  <attvalue for="lifetime_start" value="1923-10"/>
                  <attvalue for="lifetime_end" value="1925"/>
                </attvalues>
                <spells>
                  <spell start="1923-10-01" end="1925-12-31"/>
                </spells>
              </node>
              <node id="troika" label="Troika">
                <attvalues>
                  <attvalue for="kind" value="group"/>
                  <attvalue for="note" value=""/>
                  <attvalue for="lifetime_start" value=""/>
                  <attvalue for="lifetime_end" value=""/>
                </attvalues>
                <spells>
                  <spell start="1924-02-29" end="1925-12-31"/>
                </spells>
              </node>
              <node id="zed" label="Zed">
                <attvalues>
                  <attvalue for="kind" value="person"/>
                  <attvalue for="note" value=""/>
                  <attvalue for="lifetime_start" value=""/>
                  <attvalue for="lifetime_end" value=""/>
                </attvalues>
                <spells>
                  <spell start="1923-10-01" end="1926-12-31"/>
                </spells>
              </node>
            </nodes>
            <edges>
              <edge id="t0" source="zed" target="left" kind="member" weight="1.0">
                <attvalues>
                  <attvalue for="relation" value="member"/>
                  <attvalue for="sign" value="1"/>
                  <attvalue for="signed_weight" value="1.0"/>
                  <attvalue for="confidence" value="1.0"/>
                  <attvalue for="tie_start" value="1923-10"/>
                  <attvalue for="tie_end" value=""/>
                  <attvalue for="scenario" value=""/>
                  <attvalue for="sources" value="s1#Sec &lt;1&gt;"/>
                  <attvalue for="note" value=""/>
                </attvalues>
                <spells>
                  <spell start="1923-10-01" end="1926-12-31"/>
                </spells>
              </edge>
              <edge id="t1" source="left" target="troika" kind="rivalry" weight="2.5">
                <attvalues>
                  <attvalue for="relation" value="rivalry"/>
                  <attvalue for="sign" value="-1"/>
                  <attvalue for="signed_weight" value="-2.5"/>
                  <attvalue for="confidence" value="0.5"/>
                  <attvalue for="tie_start" value="1924-02-29"/>
                  <attvalue for="tie_end" value="1925"/>
                  <attvalue for="scenario" value="a"/>
                  <attvalue for="sources" value="s1"/>
                  <attvalue for="note" value="says &quot;no&quot; &amp; &lt;leaves&gt;"/>
                </attvalues>
                <spells>
                  <spell start="1924-02-29" end="1925-12-31"/>
                </spells>
              </edge>
            </edges>
          </graph>
        </gexf>
        """#

    static let graphml = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
          <key id="g_name" for="graph" attr.name="name" attr.type="string"/>
          <key id="g_title" for="graph" attr.name="title" attr.type="string"/>
          <key id="g_span_start" for="graph" attr.name="span_start" attr.type="string"/>
          <key id="g_span_end" for="graph" attr.name="span_end" attr.type="string"/>
          <key id="n_name" for="node" attr.name="name" attr.type="string"/>
          <key id="n_kind" for="node" attr.name="kind" attr.type="string"/>
          <key id="n_note" for="node" attr.name="note" attr.type="string"/>
          <key id="n_lifetime_start" for="node" attr.name="lifetime_start" attr.type="string"/>
          <key id="n_lifetime_end" for="node" attr.name="lifetime_end" attr.type="string"/>
          <key id="n_first_day" for="node" attr.name="first_day" attr.type="string"/>
          <key id="n_last_day" for="node" attr.name="last_day" attr.type="string"/>
          <key id="e_relation" for="edge" attr.name="relation" attr.type="string"/>
          <key id="e_sign" for="edge" attr.name="sign" attr.type="int"/>
          <key id="e_weight" for="edge" attr.name="weight" attr.type="double"/>
          <key id="e_signed_weight" for="edge" attr.name="signed_weight" attr.type="double"/>
          <key id="e_confidence" for="edge" attr.name="confidence" attr.type="double"/>
          <key id="e_tie_start" for="edge" attr.name="tie_start" attr.type="string"/>
          <key id="e_tie_end" for="edge" attr.name="tie_end" attr.type="string"/>
          <key id="e_first_day" for="edge" attr.name="first_day" attr.type="string"/>
          <key id="e_last_day" for="edge" attr.name="last_day" attr.type="string"/>
          <key id="e_scenario" for="edge" attr.name="scenario" attr.type="string"/>
          <key id="e_sources" for="edge" attr.name="sources" attr.type="string"/>
          <key id="e_note" for="edge" attr.name="note" attr.type="string"/>
          <graph id="tiny" edgedefault="undirected">
            <data key="g_name">tiny</data>
            <data key="g_title">Tiny &lt;&amp;&gt; &quot;test&quot;</data>
            <data key="g_span_start">1923</data>
            <data key="g_span_end">1926</data>
            <node id="left">
              <data key="n_name">Left &quot;Opposition&quot; &lt;L&amp;R&gt;</data>
              <data key="n_kind">faction</data>
              <data key="n_note">line one&#10;line two</data>
              <data key="n_lifetime_start">1923-10</data>
              <data key="n_lifetime_end">1925</data>
              <data key="n_first_day">1923-10-01</data>
              <data key="n_last_day">1925-12-31</data>
            </node>
            <node id="troika">
              <data key="n_name">Troika</data>
              <data key="n_kind">group</data>
              <data key="n_note"></data>
              <data key="n_lifetime_start"></data>
              <data key="n_lifetime_end"></data>
              <data key="n_first_day">1924-02-29</data>
              <data key="n_last_day">1925-12-31</data>
            </node>
            <node id="zed">
              <data key="n_name">Zed</data>
              <data key="n_kind">person</data>
              <data key="n_note"></data>
              <data key="n_lifetime_start"></data>
              <data key="n_lifetime_end"></data>
              <data key="n_first_day">1923-10-01</data>
              <data key="n_last_day">1926-12-31</data>
            </node>
            <edge id="t0" source="zed" target="left">
              <data key="e_relation">member</data>
              <data key="e_sign">1</data>
              <data key="e_weight">1.0</data>
              <data key="e_signed_weight">1.0</data>
              <data key="e_confidence">1.0</data>
              <data key="e_tie_start">1923-10</data>
              <data key="e_tie_end"></data>
              <data key="e_first_day">1923-10-01</data>
              <data key="e_last_day">1926-12-31</data>
              <data key="e_scenario"></data>
              <data key="e_sources">s1#Sec &lt;1&gt;</data>
              <data key="e_note"></data>
            </edge>
            <edge id="t1" source="left" target="troika">
              <data key="e_relation">rivalry</data>
              <data key="e_sign">-1</data>
              <data key="e_weight">2.5</data>
              <data key="e_signed_weight">-2.5</data>
              <data key="e_confidence">0.5</data>
              <data key="e_tie_start">1924-02-29</data>
              <data key="e_tie_end">1925</data>
              <data key="e_first_day">1924-02-29</data>
              <data key="e_last_day">1925-12-31</data>
              <data key="e_scenario">a</data>
              <data key="e_sources">s1</data>
              <data key="e_note">says &quot;no&quot; &amp; &lt;leaves&gt;</data>
            </edge>
          </graph>
        </graphml>
        """#

    static let json = #"""
        {
          "directed": false,
          "multigraph": true,
          "graph": {
            "name": "tiny",
            "title": "Tiny \u003c\u0026\u003e \"test\"",
            "description": "",
            "span_start": "1923",
            "span_end": "1926",
            "default_period": "year",
            "default_scenario": "a",
            "sources": [
              {"id": "s1", "citation": "Source one", "file": null}
            ],
            "scenarios": [
              {"id": "a", "description": "reading A"}
            ],
            "windows": [],
            "events": []
          },
          "nodes": [
            {"id": "left", "name": "Left \"Opposition\" \u003cL\u0026R\u003e", "kind": "faction", "note": "line one\nline two", "lifetime_start": "1923-10", "lifetime_end": "1925", "spells": [["1923-10-01", "1925-12-31"]]},
            {"id": "troika", "name": "Troika", "kind": "group", "note": "", "lifetime_start": null, "lifetime_end": null, "spells": [["1924-02-29", "1925-12-31"]]},
            {"id": "zed", "name": "Zed", "kind": "person", "note": "", "lifetime_start": null, "lifetime_end": null, "spells": [["1923-10-01", "1926-12-31"]]}
          ],
          "edges": [
            {"source": "zed", "target": "left", "key": "t0", "relation": "member", "sign": 1, "weight": 1.0, "signed_weight": 1.0, "confidence": 1.0, "tie_start": "1923-10", "tie_end": null, "spells": [["1923-10-01", "1926-12-31"]], "scenario": [], "sources": ["s1#Sec \u003c1\u003e"], "note": ""},
            {"source": "left", "target": "troika", "key": "t1", "relation": "rivalry", "sign": -1, "weight": 2.5, "signed_weight": -2.5, "confidence": 0.5, "tie_start": "1924-02-29", "tie_end": "1925", "spells": [["1924-02-29", "1925-12-31"]], "scenario": ["a"], "sources": ["s1"], "note": "says \"no\" \u0026 \u003cleaves\u003e"}
          ]
        }
        """#
}
