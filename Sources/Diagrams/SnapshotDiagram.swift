import TextFormats
import RenderModel

/// How a period's diagram is laid out.
public enum SnapshotLayout: Hashable, Sendable {
    /// Every period laid out on its own by a Graphviz engine (`dot`, `neato`, `fdp`, `sfdp`, `circo`, `twopi`).
    case independent(LayoutEngine)
    /// Positions fixed across periods (``StableLayout``), drawn with `nop2`.
    case stable(StableLayout)

    /// The engine that draws the DOT text.
    public var engine: LayoutEngine {
        switch self {
        case .independent(let e): return e
        case .stable: return .nop2
        }
    }

    /// Engines that draw clusters as boxes (the others show clusters by node colour only).
    static let clusterEngines: Set<LayoutEngine> = [.dot, .fdp]
}

/// A period's diagram as DOT text: actors as nodes coloured by cluster (and boxed in their cluster where the
/// engine supports clusters), ties styled by sign, a title and a legend.
///
/// The text is canonical: nodes sorted by id (inside their cluster, clusters sorted by id), edges sorted by their
/// end ids, numbers in fixed notation; the same input gives the same bytes, hence the same layout.
public enum SnapshotDiagram {
    /// The id of the legend node; no actor may use it.
    public static let legendID = "blocs:legend"
    /// Node names starting with this are Blocs' own (legend, names, size references); no actor id may.
    public static let reservedPrefix = "blocs:"

    /// The DOT text of `diagram` under `layout`.
    ///
    /// - Throws: ``DiagramError`` when the diagram's ids are inconsistent (see ``DiagramSnapshot/validate()``),
    ///   or the layout is `nop2` without positions.
    /// - Complexity: O((n + m) log(n + m)).
    public static func dot(_ diagram: DiagramSnapshot, layout: SnapshotLayout, style: DiagramStyle = DiagramStyle()) throws(DiagramError) -> String {
        try diagram.validate()
        if case .stable(let stable) = layout { return try StablePage.page(diagram, stable: stable, style: style) }
        if case .independent(.nop2) = layout {
            throw .unsupportedLayout("nop2", reason: "it needs positions: use the stable layout")
        }
        var w = Writer()
        let engine = layout.engine
        w.line("graph \(DOTText.id("period " + diagram.period)) {")
        w.indent += 1
        w.line("graph" + DOT.attributes(graphAttributes(diagram, layout: layout, style: style)) + ";")
        w.line("node" + DOT.attributes([("fontname", DOTText.label(style.fontname)), ("fontsize", "10"), ("style", "filled"),
                                         ("fillcolor", "\"#ffffff\""), ("penwidth", "1")]) + ";")
        w.line("edge" + DOT.attributes([("fontname", DOTText.label(style.fontname)), ("fontsize", "9")]) + ";")

        let clusterOf = Dictionary(diagram.clusters.flatMap { c in c.members.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        let nodes = diagram.nodes.sorted { $0.id < $1.id }
        let boxes = SnapshotLayout.clusterEngines.contains(engine)
        var byID: [String: DiagramSnapshot.Node] = [:]
        for n in nodes { byID[n.id] = n }

        func nodeLine(_ n: DiagramSnapshot.Node) -> String {
            DOTText.id(n.id) + DOT.attributes(nodeAttributes(n, cluster: clusterOf[n.id], layout: layout, style: style))
        }

        switch layout {
        case .stable:
            break
        case .independent:
            if boxes {
                for c in diagram.clusters.sorted(by: { $0.id < $1.id }) where !c.members.isEmpty {
                    w.line("subgraph \(DOTText.id("cluster_" + c.id)) {")
                    w.indent += 1
                    w.line("graph" + DOT.attributes([
                        ("label", DOTText.label(c.label)), ("style", "\"rounded,filled\""), ("fillcolor", DOTText.label(style.fill(c.color) + "55")),
                        ("color", DOTText.label(style.fill(c.color))), ("fontname", DOTText.label(style.fontname)), ("fontsize", "12"),
                        ("id", DOTText.id("cluster-" + c.id)),
                    ]) + ";")
                    for m in c.members.sorted() { if let n = byID[m] { w.line(nodeLine(n) + ";") } }
                    w.indent -= 1
                    w.line("}")
                }
                for n in nodes where clusterOf[n.id] == nil { w.line(nodeLine(n) + ";") }
            } else {
                for n in nodes { w.line(nodeLine(n) + ";") }
            }
            legend(diagram, into: &w, style: style, position: nil, boxed: boxes)
        }

        for e in canonicalEdges(diagram.edges) {
            w.line(DOTText.id(e.a) + " -- " + DOTText.id(e.b) + DOT.attributes(edgeAttributes(e, engine: engine, style: style)) + ";")
        }
        w.indent -= 1
        w.line("}")
        return w.text
    }

    static func canonicalEdges(_ edges: [DiagramSnapshot.Edge]) -> [DiagramSnapshot.Edge] {
        edges.map { e in
            var e = e
            if e.b < e.a { swap(&e.a, &e.b) }
            return e
        }.sorted { ($0.a, $0.b, $0.relation.rawValue) < ($1.a, $1.b, $1.relation.rawValue) }
    }

    static func graphAttributes(_ d: DiagramSnapshot, layout: SnapshotLayout, style: DiagramStyle) -> [(String, String)] {
        var title = "<b>\(DOTText.html(d.title))</b><br/><font point-size=\"16\">\(DOTText.html(d.period))</font>"
        if !d.caption.isEmpty { title += "<br/><font point-size=\"10\" color=\"#555555\">\(DOTText.html(d.caption))</font>" }
        var a: [(String, String)] = [
            ("label", "<" + title + ">"), ("labelloc", "t"), ("labeljust", "c"), ("fontname", DOTText.label(style.fontname)),
            ("fontsize", "20"), ("bgcolor", "\"#ffffff\""), ("pad", "0.3"), ("outputorder", "edgesfirst"), ("forcelabels", "true"),
        ]
        switch layout {
        case .stable:
            a += [("layout", "nop2")]
        case .independent(let engine):
            a += [("layout", engine.rawValue)]
            switch engine {
            case .dot: a += [("nodesep", "0.3"), ("ranksep", "0.6")]
            case .neato: a += [("overlap", "false"), ("sep", "\"+8\""), ("start", "1"), ("splines", "true")]
            case .fdp: a += [("overlap", "false"), ("sep", "\"+8\""), ("start", "1"), ("K", "0.8")]
            case .sfdp: a += [("overlap", "prism"), ("start", "1")]
            case .circo: a += [("mindist", "0.5")]
            case .twopi: a += [("overlap", "false"), ("ranksep", "1.2")]
            case .nop2: break
            }
        }
        return a
    }

    /// An actor on a page laid out by an engine: the same marker as on the stable pages (a circle for a person,
    /// a square of the same area for a faction or group; AREA proportional to the value, ``DiagramStyle/markerDiameter(_:)``;
    /// the coalition's fill, faded when uncertain), its name beside it as an external label (`xlabel`, placed by
    /// Graphviz after the layout) in the names' one font size.
    static func nodeAttributes(_ n: DiagramSnapshot.Node, cluster: DiagramSnapshot.Cluster?, layout: SnapshotLayout,
                               style: DiagramStyle) -> [(String, String)] {
        let person = n.kind == .person
        let diameter = style.markerDiameter(n.size)
        let side = person ? diameter : diameter * 0.886  // a square of the circle's area
        var classes = ["actor", n.kind.rawValue]
        if n.switched { classes.append("switched") }
        let uncertain = (n.certainty ?? 1) < 1 && cluster != nil
        if uncertain { classes.append("uncertain") }
        var tooltip = cluster.map { "\(n.label) — \($0.label)" } ?? n.label
        if uncertain, let p = n.certainty { tooltip += " in \(DOT.percent(p)) of draws" }
        var a: [(String, String)] = [
            ("label", "\"\""), ("xlabel", DOTText.label(style.nameLines(n.label).joined(separator: "\n"))),
            ("id", DOTText.id("actor-" + n.id)),
            ("class", DOTText.label(classes.joined(separator: " "))),
            ("shape", person ? "circle" : "box"), ("fixedsize", "true"),
            ("width", DOT.number(side, decimals: 3)), ("height", DOT.number(side, decimals: 3)),
            ("fontsize", DOT.number(style.nameFontSize, decimals: 1)),
            ("tooltip", DOT.tooltip(tooltip)), ("color", "\"#444444\""),
        ]
        var styles = person ? ["filled"] : ["rounded", "filled"]
        if uncertain, let p = n.certainty, p < DiagramStyle.dashedBelow { styles.append("dashed") }
        if !person || uncertain { a.append(("style", DOTText.label(styles.joined(separator: ",")))) }
        if !person { a.append(("fontname", DOTText.label(style.fontname + " Bold"))) }
        if let cluster {
            a.append(("fillcolor", DOTText.label(uncertain ? style.fill(cluster.color, certainty: n.certainty ?? 1) : style.fill(cluster.color))))
        }
        if n.switched { a += [("color", DOTText.label(style.switched)), ("penwidth", "3")] }
        return a
    }

    static func edgeAttributes(_ e: DiagramSnapshot.Edge, engine: LayoutEngine, style: DiagramStyle, idPrefix: String = "") -> [(String, String)] {
        var color: String
        var a: [(String, String)] = []
        var pen = style.penWidth(e.weight)
        var classes = ["tie", e.relation.rawValue]
        switch e.relation {
        case .alliance:
            color = style.alliance
            a.append(("style", "solid"))
        case .rivalry:
            color = style.rivalry
            a.append(("style", "dashed"))
        case .membership:
            color = style.membership
            pen = 0.7
            a.append(("style", "solid"))
        }
        if e.violatesPartition {
            classes.append("violation")
            color = "\(color):\(style.violation):\(color)"
            pen += 1
        }
        a += [("color", DOTText.label(color)), ("penwidth", DOT.number(pen)), ("class", DOTText.label(classes.joined(separator: " "))),
              ("id", DOTText.id("tie-\(idPrefix)\(e.a)--\(e.b)-\(e.relation.rawValue)")),
              ("tooltip", DOT.tooltip("\(e.relation.rawValue), weight \(DOT.number(e.weight))" + (e.violatesPartition ? ", against the clusters" : "")))]
        switch engine {
        case .neato, .fdp, .sfdp:
            a.append(("len", e.relation == .rivalry ? "2.2" : (e.relation == .membership ? "0.9" : "1.1")))
        default: break
        }
        return a
    }

    static func position(_ p: StableLayout.Point?) -> String {
        guard let p else { return "\"0,0\"" }
        return "\"\(DOT.number(p.x)),\(DOT.number(p.y))\""
    }

    /// The legend: a framed HTML table in `cluster_legend` (boxed by the cluster where the engine draws clusters).
    static func legend(_ d: DiagramSnapshot, into w: inout Writer, style: DiagramStyle, position: StableLayout.Point?, boxed: Bool) {
        let font = DOTText.html(style.fontname)
        var rows: [String] = []
        func row(_ sample: String, _ text: String) {
            rows.append("<tr><td align=\"left\">\(sample)</td><td align=\"left\">\(DOTText.html(text))</td></tr>")
        }
        row("<font color=\"\(style.alliance)\">━━━━</font>", "alliance")
        row("<font color=\"\(style.rivalry)\">╍╍╍╍</font>", "rivalry")
        if d.edges.contains(where: { $0.relation == .membership }) {
            row("<font color=\"\(style.membership)\">────</font>", "membership")
        }
        row("<font color=\"\(style.violation)\">━━━━</font>", "tie against the \(d.clusterLegend) (gold core)")
        row("<font color=\"\(style.switched)\"><b>◯</b></font>", "changed cluster since the previous period")
        if let s = d.sizeLegend { row("●<font point-size=\"14\">●</font>", "area ∝ \(s)" + (d.sizeMaximum > 0 ? " (largest marker: \(DOT.number(d.sizeMaximum, decimals: 4)))" : "")) }
        if d.nodes.contains(where: { ($0.certainty ?? 1) < 1 }) {
            row("<font color=\"#777777\">◌</font>", "faded: not in this coalition in every draw (the paler, the fewer; dashed: under half)")
        }
        var seen = Set<String>()
        for c in d.clusters.sorted(by: { $0.id < $1.id }) where !c.members.isEmpty && seen.insert(c.id).inserted {
            rows.append("<tr><td bgcolor=\"\(style.fill(c.color))\" border=\"1\"> </td><td align=\"left\">\(DOTText.html(c.label))</td></tr>")
        }
        let frame = boxed ? "0" : "1"
        let table = "<table border=\"\(frame)\" color=\"#999999\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"2\">"
            + "<tr><td colspan=\"2\"><b>Legend</b> · \(DOTText.html(d.clusterLegend))</td></tr>" + rows.joined() + "</table>"
        w.line("subgraph \"cluster_legend\" {")
        w.indent += 1
        var g: [(String, String)] = [("label", "\"\""), ("id", "\"legend\"")]
        g.append(boxed ? ("color", "\"#999999\"") : ("style", "invis"))
        w.line("graph" + DOT.attributes(g) + ";")
        var n: [(String, String)] = [("shape", "plaintext"), ("style", "\"\""), ("fontname", DOTText.label(font)), ("fontsize", "10"),
                                     ("label", "<" + table + ">")]
        if let position { n.append(("pos", "\"\(DOT.number(position.x)),\(DOT.number(position.y))\"")) }
        w.line(DOTText.id(legendID) + DOT.attributes(n) + ";")
        w.indent -= 1
        w.line("}")
    }
}

/// A small indenting text builder.
struct Writer {
    var text = ""
    var indent = 0

    mutating func line(_ s: String) {
        text += String(repeating: "  ", count: indent) + s + "\n"
    }
}

/// Which engine suits a diagram of a given size, and when a layout will be slow.
public enum LayoutAdvice {
    /// Beyond these sizes `dot` takes seconds to minutes (measured here: 51 s and 370 MB for 500 nodes and 2,000
    /// edges, against 0.6 s for `neato` and 0.1 s for `sfdp`).
    public static let dotNodeLimit = 150
    public static let dotEdgeLimit = 600

    /// Beyond this many actors the shared layout uses `sfdp` instead of `neato`.
    public static let neatoUnionLimit = 300

    /// `neato` up to 300 nodes, `sfdp` beyond.
    public static func engine(nodes: Int, edges: Int) -> LayoutEngine {
        nodes <= 300 && edges <= 3000 ? .neato : .sfdp
    }

    /// A warning when `engine` will be slow on a diagram this size, else nil.
    public static func warning(engine: LayoutEngine, nodes: Int, edges: Int) -> String? {
        switch engine {
        case .dot where nodes > dotNodeLimit || edges > dotEdgeLimit:
            return "dot on \(nodes) nodes and \(edges) edges will be slow (minutes, hundreds of MB beyond 500 nodes); neato or sfdp take about a second"
        case .circo where nodes > 500, .neato where nodes > 2000, .fdp where nodes > 2000:
            return "\(engine.rawValue) on \(nodes) nodes will be slow; sfdp suits large graphs"
        default:
            return nil
        }
    }
}
