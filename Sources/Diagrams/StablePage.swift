import Coalitions
import TextFormats
import RenderModel

/// An axis-aligned rectangle in points (Graphviz coordinates, y up).
struct Rect: Hashable, Sendable {
    var minX: Double, minY: Double, maxX: Double, maxY: Double

    func union(_ o: Rect) -> Rect {
        Rect(minX: min(minX, o.minX), minY: min(minY, o.minY), maxX: max(maxX, o.maxX), maxY: max(maxY, o.maxY))
    }

    func padded(_ p: Double, top: Double = 0) -> Rect {
        Rect(minX: minX - p, minY: minY - p, maxX: maxX + p, maxY: maxY + p + top)
    }

    var width: Double { maxX - minX }
    var height: Double { maxY - minY }

    static func enclosing(_ rects: [Rect]) -> Rect? {
        guard var r = rects.first else { return nil }
        for o in rects.dropFirst() { r = r.union(o) }
        return r
    }
}

/// How one period is drawn on the stable layout: each actor a marker whose AREA is proportional to its value (a
/// circle for a person, a square for a faction or group) sitting on its name, inside the box the union layout gave
/// the actor; each coalition an outline around its members; edges routed around every node (`splines=true`
/// under `nop2`); only the period's actors are written, so the page is cropped to them while the coordinates stay
/// those of the shared frame.
enum StablePage {
    /// Where an actor's marker and name go, in points.
    struct Placement {
        var marker: StableLayout.Point
        /// Marker diameter in inches.
        var diameter: Double
        var name: StableLayout.Point
        var nameLines: [String]
        /// Name node size in inches.
        var nameWidth: Double
        var nameHeight: Double
        /// The actor's whole footprint.
        var box: Rect
    }

    static func placement(_ n: DiagramSnapshot.Node, stable: StableLayout, style: DiagramStyle,
                          offset: StableLayout.Point = .init(x: 0, y: 0), at centre: StableLayout.Point? = nil) -> Placement? {
        guard let p = centre ?? stable.positions[n.id], let b = stable.boxes[n.id] else { return nil }
        let lines = style.nameLines(n.label)
        let x = p.x + offset.x, y = p.y + offset.y
        let width = b.width * 72, height = b.height * 72
        let nameHeight = Double(lines.count) * style.nameLineHeight
        let bottom = y - height / 2
        let d = style.markerDiameter(n.size)
        return Placement(
            marker: .init(x: StableLayout.round2(x), y: StableLayout.round2(bottom + nameHeight * 72 + style.markerGap * 72 + d * 36)),
            diameter: d,
            name: .init(x: StableLayout.round2(x), y: StableLayout.round2(bottom + nameHeight * 36)),
            nameLines: lines, nameWidth: b.width, nameHeight: nameHeight,
            box: Rect(minX: x - width / 2, minY: bottom, maxX: x + width / 2, maxY: y + height / 2))
    }

    /// The outline of a cluster: its members' boxes, padded, with room for its label on top.
    static func outline(_ boxes: [Rect]) -> Rect? {
        Rect.enclosing(boxes)?.padded(6, top: 14)
    }

    /// The outline of a labelled cluster: ``outline(_:)`` widened (about its centre) to hold its label.
    static func clusterOutline(_ boxes: [Rect], label: String, style: DiagramStyle) -> Rect? {
        guard var r = outline(boxes) else { return nil }
        // Wide enough for its label (DejaVu Sans 11 pt: about 6.6 pt a character).
        let need = 6.6 * Double(style.cut(label).count) + 14
        if r.width < need { r.minX -= (need - r.width) / 2; r.maxX = r.minX + need }
        return r
    }

    /// Splits `members` until no part's outline meets a foreign box: a part whose outline does is cut in two at the
    /// widest gap between member centres along the outline's longer side.
    /// - Complexity: O(s² + s·f) for s members and f foreign boxes (recursion depth at most s).
    static func outlineParts(_ members: [String], boxes: [String: Rect], foreign: [Rect]) -> [[String]] {
        guard members.count > 1, let r = outline(members.compactMap { boxes[$0] }) else { return members.isEmpty ? [] : [members] }
        func meets(_ a: Rect, _ b: Rect) -> Bool { a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY }
        guard foreign.contains(where: { meets(r, $0) }) else { return [members] }
        let horizontal = r.width >= r.height
        func centre(_ id: String) -> Double {
            guard let b = boxes[id] else { return 0 }
            return horizontal ? (b.minX + b.maxX) / 2 : (b.minY + b.maxY) / 2
        }
        let sorted = members.sorted { (centre($0), $0) < (centre($1), $1) }
        var cut = 1, widest = -Double.infinity
        for i in 1..<sorted.count {
            let gap = centre(sorted[i]) - centre(sorted[i - 1])
            if gap > widest { widest = gap; cut = i }
        }
        return outlineParts(Array(sorted[..<cut]), boxes: boxes, foreign: foreign)
            + outlineParts(Array(sorted[cut...]), boxes: boxes, foreign: foreign)
    }

    /// Writes the period's clusters, actors and edges with node names prefixed by `prefix`, shifted by `offset`;
    /// returns the rectangle they cover.
    static func emit(_ d: DiagramSnapshot, stable: StableLayout, style: DiagramStyle, into w: inout Writer, prefix: String = "",
                     offset: StableLayout.Point = .init(x: 0, y: 0), routes: EdgeRoutes? = nil,
                     shortNamesAt fontSize: Double? = nil) throws(DiagramError) -> Rect {
        let clusterOf = Dictionary(d.clusters.flatMap { c in c.members.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        var placed: [String: Placement] = [:]
        let arranged = CoalitionArrangement.positions(d, stable: stable, style: style)
        for n in d.nodes {
            let centre: StableLayout.Point? = arranged.flatMap { $0[n.id] }
            guard let p = placement(n, stable: stable, style: style, offset: offset, at: centre) else {
                throw .unknownNode(n.id, in: "the stable layout (laid out without this period's actors)")
            }
            placed[n.id] = p
        }
        let byID = Dictionary(d.nodes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var covered: [Rect] = placed.values.map(\.box)
        // The filmstrip: short names at `fontSize`, the largest actors first, each only where it meets no other
        // name and no larger actor's marker (a name that does not fit is left out, not drawn over another).
        var shortName: [String: (text: String, centre: StableLayout.Point, width: Double, height: Double)] = [:]
        if let fontSize {
            let markers = placed.mapValues { p in
                Rect(minX: p.marker.x - p.diameter * 36, minY: p.marker.y - p.diameter * 36, maxX: p.marker.x + p.diameter * 36, maxY: p.marker.y + p.diameter * 36)
            }
            var taken: [Rect] = []
            for n in d.nodes.sorted(by: { ($1.size, $0.id) < ($0.size, $1.id) }) {
                guard let p = placed[n.id] else { continue }
                let text = style.cut(n.kind == .person ? PersonName.short(n.label) : CoalitionLabels.shortFactionName(n.label))
                // DejaVu Sans: about 0.62 em a character (bold 0.68), 1.2 em a line.
                let width = Double(text.count) * fontSize * (n.kind == .person ? 0.62 : 0.68), height = fontSize * 1.2
                let top = p.marker.y - p.diameter * 36 - 2
                let r = Rect(minX: p.marker.x - width / 2, minY: top - height, maxX: p.marker.x + width / 2, maxY: top)
                // No name over another name, nor over a larger actor's marker (smaller markers may sit under a name:
                // else the dense coalitions would lose their leaders' names).
                guard !taken.contains(where: { CoalitionArrangement.meets(r, $0) }),
                      !markers.contains(where: { $0.key != n.id && (placed[$0.key]?.diameter ?? 0) > p.diameter && CoalitionArrangement.meets(r, $0.value) })
                else { continue }
                taken.append(r)
                shortName[n.id] = (text, .init(x: p.marker.x, y: top - height / 2), width / 72, height / 72)
            }
        }

        func nodeLines(_ n: DiagramSnapshot.Node) {
            guard let p = placed[n.id] else { return }
            let cluster = clusterOf[n.id]
            var classes = ["actor", n.kind.rawValue]
            if n.switched { classes.append("switched") }
            let person = n.kind == .person
            let side = person ? p.diameter : p.diameter * 0.886  // a square of the circle's area
            var value = ""
            if d.sizeLegend != nil, d.sizeMaximum > 0 { value = ", \(d.sizeLegend ?? "") " + DOT.number(n.size * d.sizeMaximum, decimals: 4) }
            var a: [(String, String)] = [
                ("label", "\"\""), ("id", DOTText.id("actor-" + prefix + n.id)), ("class", DOTText.label(classes.joined(separator: " "))),
                ("shape", person ? "circle" : "box"), ("fixedsize", "true"),
                ("width", DOT.number(side, decimals: 3)), ("height", DOT.number(side, decimals: 3)),
                ("pos", "\"\(DOT.number(p.marker.x)),\(DOT.number(p.marker.y))\""),
                ("tooltip", DOT.tooltip(n.label + (cluster.map { " — \($0.label)" } ?? "") + value)),
                ("fillcolor", DOTText.label(cluster.map { style.fill($0.color) } ?? "#ffffff")),
                ("color", "\"#444444\""),
            ]
            if !person { a.append(("style", "\"rounded,filled\"")) }
            if let p = n.certainty, p < 1, let cluster {
                // Faded: in this coalition in only a share p of the draws.
                a.removeAll { $0.0 == "fillcolor" || $0.0 == "style" || $0.0 == "class" || $0.0 == "tooltip" }
                a += [("fillcolor", DOTText.label(style.fill(cluster.color, certainty: p))),
                      ("class", DOTText.label((classes + ["uncertain"]).joined(separator: " "))),
                      ("tooltip", DOT.tooltip(n.label + " — \(cluster.label) in \(DOT.percent(p)) of draws" + value))]
                let dashed = p < DiagramStyle.dashedBelow
                let styles = (person ? [] : ["rounded"]) + ["filled"] + (dashed ? ["dashed"] : [])
                a.append(("style", DOTText.label(styles.joined(separator: ","))))
            }
            if n.switched { a += [("color", DOTText.label(style.switched)), ("penwidth", "3")] }
            w.line(DOTText.id(prefix + n.id) + DOT.attributes(a) + ";")
            if fontSize != nil && shortName[n.id] == nil { return }
            let name = shortName[n.id]
            w.line(DOTText.id(SnapshotDiagram.reservedPrefix + "name:" + prefix + n.id) + DOT.attributes([
                ("label", DOTText.label(name?.text ?? p.nameLines.joined(separator: "\n"))), ("shape", "plaintext"), ("style", "\"\""),
                ("fixedsize", "true"), ("width", DOT.number(name?.width ?? p.nameWidth)), ("height", DOT.number(name?.height ?? p.nameHeight)),
                ("fontsize", DOT.number(fontSize ?? style.nameFontSize, decimals: 1)), ("margin", "0"),
                ("pos", "\"\(DOT.number(name?.centre.x ?? p.name.x)),\(DOT.number(name?.centre.y ?? p.name.y))\""), ("id", DOTText.id("name-" + prefix + n.id)),
                ("class", "\"name\""), ("tooltip", DOT.tooltip(n.label)),
            ] + (person ? [] : [("fontname", DOTText.label(style.fontname + " Bold"))])) + ";")
        }

        var inCluster = Set<String>()
        for c in d.clusters.sorted(by: { $0.id < $1.id }) {
            let members = c.members.sorted().filter { placed[$0] != nil }
            let own = Set(members)
            let foreign = placed.filter { !own.contains($0.key) }.map(\.value.box)
            // One outline per part: a coalition whose members sit apart is drawn as several outlines, so that no
            // outline encloses an actor of another coalition (largest part labelled).
            let parts = outlineParts(members, boxes: placed.mapValues(\.box), foreign: foreign).sorted { ($0.count, $1.first ?? "") > ($1.count, $0.first ?? "") }
            for (k, part) in parts.enumerated() {
                let boxes = part.compactMap { placed[$0]?.box }
                guard let r = k == 0 ? clusterOutline(boxes, label: c.label, style: style) : outline(boxes) else { continue }
                covered.append(r)
                w.line("subgraph \(DOTText.id("cluster_" + prefix + c.id + (k == 0 ? "" : "~\(k)"))) {")
                w.indent += 1
                w.line("graph" + DOT.attributes([
                    // (No outline labels in the filmstrip: at print size they would be unreadable; the legend names
                    // each colour.)
                    ("label", DOTText.label(k == 0 && fontSize == nil ? style.cut(c.label) : "")),
                    ("style", style.outlinePattern(c.color) == "solid" ? "\"rounded,filled\"" : DOTText.label("rounded,filled," + style.outlinePattern(c.color))), ("fillcolor", DOTText.label(style.fill(c.color) + "59")),
                    // A patterned outline is dark and thicker, so the pattern reads against the light fill.
                    ("color", DOTText.label(style.outlinePattern(c.color) == "solid" ? style.fill(c.color) : "#444444")),
                    ("penwidth", style.outlinePattern(c.color) == "solid" ? "1.5" : "2"), ("fontname", DOTText.label(style.fontname)),
                    ("fontsize", "11"), ("id", DOTText.id("cluster-" + prefix + c.id + (k == 0 ? "" : "~\(k)"))), ("class", "\"coalition\""),
                    ("bb", "\"\(DOT.number(r.minX)),\(DOT.number(r.minY)),\(DOT.number(r.maxX)),\(DOT.number(r.maxY))\""),
                    ("lp", "\"\(DOT.number((r.minX + r.maxX) / 2)),\(DOT.number(r.maxY - 8))\""),
                ]) + ";")
                for m in part { if let n = byID[m] { nodeLines(n); inCluster.insert(m) } }
                w.indent -= 1
                w.line("}")
            }
        }
        for n in d.nodes.sorted(by: { $0.id < $1.id }) where !inCluster.contains(n.id) { nodeLines(n) }
        for e in SnapshotDiagram.canonicalEdges(d.edges) {
            var a = SnapshotDiagram.edgeAttributes(e, engine: .nop2, style: style, idPrefix: prefix)
            // The route the period's own page took, moved with the panel (the filmstrip).
            if let pos = routes?.pos("tie-\(e.a)--\(e.b)-\(e.relation.rawValue)", offset: offset) { a.append(("pos", pos)) }
            w.line(DOTText.id(prefix + e.a) + " -- " + DOTText.id(prefix + e.b) + DOT.attributes(a) + ";")
        }
        return Rect.enclosing(covered) ?? Rect(minX: offset.x, minY: offset.y, maxX: offset.x, maxY: offset.y)
    }

    /// The legend (a framed table) with reference markers for the size scale below it, its top-left corner at
    /// (`left`, `top`).
    @discardableResult
    static func legend(_ d: DiagramSnapshot, clusters: [DiagramSnapshot.Cluster], style: DiagramStyle, left: Double, top: Double,
                       scale: Double = 1, into w: inout Writer, note: String? = nil) -> Double {
        let font = DOTText.html(style.fontname)
        var rows: [(String, String)] = []
        rows.append(("<font color=\"\(style.alliance)\">━━━━</font>", "alliance"))
        rows.append(("<font color=\"\(style.rivalry)\">╍╍╍╍</font>", "rivalry"))
        if d.edges.contains(where: { $0.relation == .membership }) {
            rows.append(("<font color=\"\(style.membership)\">────</font>", "membership"))
        }
        rows.append(("<font color=\"\(style.violation)\">━━━━</font>", "tie against the \(d.clusterLegend) (gold core)"))
        rows.append(("<font color=\"\(style.switched)\"><b>◯</b></font>", "changed cluster since the previous period"))
        var seen = Set<String>()
        var clusterRows: [String] = []
        for c in clusters.sorted(by: { $0.id < $1.id }) where !c.members.isEmpty && seen.insert(c.id).inserted {
            let pattern = style.outlinePattern(c.color)
            clusterRows.append("<tr><td bgcolor=\"\(style.fill(c.color))\" border=\"1\"\(pattern == "solid" ? "" : " style=\"\(pattern)\"")> </td><td align=\"left\">"
                + DOTText.html(style.cut(c.label) + (pattern == "solid" ? "" : " (\(pattern) outline)")) + "</td></tr>")
        }
        let sizeLine = d.sizeLegend.map { "area ∝ \($0) (same scale in every period)" }
        if let note { rows.append(("", note)) }
        if d.nodes.contains(where: { ($0.certainty ?? 1) < 1 }) {
            rows.append(("<font color=\"#777777\">◌</font>", "faded: not in this coalition in every draw (the paler, the fewer; dashed: under half)"))
        }
        if d.nodes.contains(where: { n in !clusters.contains { $0.members.contains(n.id) } }) {
            rows.append(("<font color=\"#444444\">○</font>", "unaligned: in none of the \(d.clusterLegend)"))
        }
        var html = "<table border=\"1\" color=\"#999999\" cellborder=\"0\" cellspacing=\"2\" cellpadding=\"2\">"
            + "<tr><td colspan=\"2\"><b>Legend</b> · \(DOTText.html(d.clusterLegend))</td></tr>"
        html += rows.map { "<tr><td align=\"left\">\($0.0)</td><td align=\"left\">\(DOTText.html($0.1))</td></tr>" }.joined()
        html += clusterRows.joined()
        if let sizeLine { html += "<tr><td align=\"left\">●<font point-size=\"14\">●</font></td><td align=\"left\">\(DOTText.html(sizeLine))</td></tr>" }
        html += "</table>"
        // The table's size, estimated from its text (DejaVu Sans 10 pt: about 6 pt a character, 16 pt a row).
        let texts = rows.map(\.1) + clusters.map { style.cut($0.label) } + [sizeLine ?? "", "Legend · " + d.clusterLegend]
        let width = (44 + 6.2 * Double(texts.map(\.count).max() ?? 10)) * scale
        let height = (17 * Double(rows.count + seen.count + 1 + (sizeLine == nil ? 0 : 1)) + 10) * scale
        w.line(DOTText.id(SnapshotDiagram.legendID) + DOT.attributes([
            ("shape", "plaintext"), ("style", "\"\""), ("fontname", DOTText.label(font)), ("fontsize", DOT.number(10 * scale)), ("id", "\"legend\""),
            ("label", "<" + html + ">"),
            ("pos", "\"\(DOT.number(left + width / 2)),\(DOT.number(top - height / 2))\""),
        ]) + ";")
        // Reference markers: the largest value of the run and smaller round values, each labelled.
        guard d.sizeLegend != nil, d.sizeMaximum > 0 else { return width }
        var x = left + 8
        let maxD = style.markerDiameter(1) * 72
        let y = top - height - 12 - maxD / 2
        for (k, v) in referenceValues(d.sizeMaximum, style: style).enumerated() {
            let dia = style.markerDiameter(v / d.sizeMaximum)
            w.line(DOTText.id(SnapshotDiagram.reservedPrefix + "size:\(k)") + DOT.attributes([
                ("label", "\"\""), ("shape", "circle"), ("fixedsize", "true"), ("width", DOT.number(dia, decimals: 3)),
                ("style", "filled"), ("fillcolor", "\"#eeeeee\""), ("color", "\"#444444\""),
                ("pos", "\"\(DOT.number(x + dia * 36)),\(DOT.number(y))\""), ("class", "\"size-reference\""),
            ]) + ";")
            let text = DOT.number(v, decimals: 4)
            w.line(DOTText.id(SnapshotDiagram.reservedPrefix + "sizelabel:\(k)") + DOT.attributes([
                ("label", DOTText.label(text)), ("shape", "plaintext"), ("style", "\"\""), ("fontsize", "9"), ("margin", "0"),
                ("fixedsize", "true"), ("width", DOT.number(max(dia, Double(text.count) * 0.08))), ("height", "0.18"),
                ("pos", "\"\(DOT.number(x + dia * 36)),\(DOT.number(y - maxD / 2 - 12))\""),
            ]) + ";")
            x += max(dia * 72, Double(text.count) * 5.8) + 16
        }
        return width
    }

    /// Up to three values to show on the size scale: the run's maximum and two rounder, smaller values (a
    /// quarter and a sixteenth of it, rounded to one significant digit), those whose marker is above the floor.
    static func referenceValues(_ maximum: Double, style: DiagramStyle) -> [Double] {
        guard maximum > 0, maximum.isFinite else { return [] }
        var values = [maximum]
        for fraction in [0.25, 0.0625] {
            let v = roundToOneDigit(maximum * fraction)
            if v > 0, style.markerDiameter(v / maximum) > style.markerRange.lowerBound, !values.contains(v) { values.append(v) }
        }
        return values
    }

    static func roundToOneDigit(_ v: Double) -> Double {
        guard v > 0 else { return 0 }
        var scale = 1.0
        while v * scale < 1 { scale *= 10 }
        while v * scale >= 10 { scale /= 10 }
        return (v * scale).rounded() / scale
    }

    /// The graph line of a stable page: `nop2`, edges routed around the nodes.
    /// Above this many actors on one page, edges are drawn straight: routing around every node (`splines=true`)
    /// grows much faster than the page (3,000 actors: not done after 6 minutes here).
    static let routedActorLimit = 600

    static func graphAttributes(title: String, period: String?, caption: String, style: DiagramStyle, actors: Int = 0) -> [(String, String)] {
        var t = "<b>\(DOTText.html(title))</b>"
        if let period { t += "<br/><font point-size=\"16\">\(DOTText.html(period))</font>" }
        if !caption.isEmpty { t += "<br/><font point-size=\"10\" color=\"#555555\">\(DOTText.html(caption))</font>" }
        return [
            ("label", "<" + t + ">"), ("labelloc", "t"), ("labeljust", "c"), ("fontname", DOTText.label(style.fontname)),
            ("fontsize", "20"), ("bgcolor", "\"#ffffff\""), ("pad", "0.3"), ("outputorder", "edgesfirst"),
            ("layout", "nop2"), ("splines", actors > routedActorLimit ? "false" : "true"), ("sep", "\"+3\""),
        ]
    }

    /// One period's page.
    static func page(_ d: DiagramSnapshot, stable: StableLayout, style: DiagramStyle) throws(DiagramError) -> String {
        var w = Writer()
        w.line("graph \(DOTText.id("period " + d.period)) {")
        w.indent += 1
        w.line("graph" + DOT.attributes(graphAttributes(title: d.title, period: d.period, caption: d.caption, style: style, actors: d.nodes.count)) + ";")
        w.line("node" + DOT.attributes([("fontname", DOTText.label(style.fontname)), ("fontsize", "10"), ("style", "filled"),
                                         ("fillcolor", "\"#ffffff\""), ("penwidth", "1")]) + ";")
        w.line("edge" + DOT.attributes([("fontname", DOTText.label(style.fontname)), ("fontsize", "9")]) + ";")
        let drawn = try emit(d, stable: stable, style: style, into: &w)
        legend(d, clusters: d.clusters, style: style, left: drawn.maxX + 24, top: drawn.maxY, into: &w)
        w.indent -= 1
        w.line("}")
        return w.text
    }
}

/// Small multiples of every period on one page: the same positions (the stable layout), each period a panel of
/// the same size in a grid, read left to right and top to bottom, one shared legend.
public enum Filmstrip {
    /// The size of actor names when the filmstrip is printed on A3 landscape (points): short names (surnames,
    /// short faction names) at this size, the largest actors first, each where it covers no other name or marker.
    public static let namePrintSize = 6.0

    /// The DOT text (engine `nop2`).
    ///
    /// Edges follow the routes of the periods' own pages when `routes` (one per period, ``EdgeRoutes``) holds
    /// every edge of every panel; otherwise they are straight: routing them around every node of all panels at
    /// once took over two minutes on the Soviet run's 13 panels.
    /// The page is scaled down to fit A3 landscape (16.5 × 11.7 in; `size`), the title drawn large enough to read.
    ///
    /// - Parameter columns: panels per row (default: the grid that best fills A3 landscape).
    /// - Throws: ``DiagramError`` when a period names an actor the layout does not know.
    /// - Complexity: O(P·(n + m) log(n + m)).
    public static func dot(_ periods: [DiagramSnapshot], layout: StableLayout, columns: Int? = nil,
                           style: DiagramStyle = DiagramStyle(), routes: [EdgeRoutes]? = nil) throws(DiagramError) -> String {
        for d in periods { try d.validate() }
        // Routes only when complete: nop2 takes given edge positions only if every edge has one.
        let complete = routes.map { r in
            r.count == periods.count && zip(periods, r).allSatisfy { d, r in
                d.edges.allSatisfy { e in
                    let (a, b) = e.a < e.b ? (e.a, e.b) : (e.b, e.a)
                    return r.routes["tie-\(a)--\(b)-\(e.relation.rawValue)"] != nil
                }
            }
        } ?? false
        let P = periods.count
        // The panel: what every period covers (its actors where their coalitions place them, and the outlines),
        // so every period fits the same frame.
        var all: [Rect] = []
        for d in periods {
            var scratch = Writer()
            all.append(try StablePage.emit(d, stable: layout, style: style, into: &scratch))
        }
        let frame = (Rect.enclosing(all) ?? Rect(minX: 0, minY: 0, maxX: 100, maxY: 100)).padded(24, top: 80)
        let gap = 36.0
        // Columns: the grid closest to an A3 landscape page (16.5 × 11.7 in) for panels of this shape.
        var cols = columns ?? Int((Double(P) * (16.5 / 11.7) * frame.height / max(frame.width, 1)).squareRoot().rounded(.up))
        cols = max(1, min(cols, max(P, 1)))
        let first = periods.first
        // The legend (drawn last) and the scale at which the page fits A3 landscape: names are written at the
        // font size that prints at ``namePrintSize`` points on A3.
        var legendData = first
        var legendClusters: [String: DiagramSnapshot.Cluster] = [:]
        for d in periods { for c in d.clusters where legendClusters[c.id] == nil { legendClusters[c.id] = c } }
        legendData?.edges = periods.flatMap(\.edges)
        legendData?.nodes += periods.dropFirst().flatMap { $0.nodes.filter { ($0.certainty ?? 1) < 1 } }
        var scratch = Writer()
        let legendWidth = legendData.map {
            StablePage.legend($0, clusters: legendClusters.values.sorted { $0.id < $1.id }, style: style, left: 0, top: 0, scale: 3, into: &scratch)
        } ?? 0
        let rows = (P + cols - 1) / max(cols, 1)
        let pageWidth = Double(cols) * (frame.width + gap) + legendWidth, pageHeight = Double(rows) * (frame.height + gap) + 200
        let scale = min(1, 16.5 * 72 / max(pageWidth, 1), 11.7 * 72 / max(pageHeight, 1))
        let nameFont = namePrintSize / scale
        var w = Writer()
        w.line("graph \"filmstrip\" {")
        w.indent += 1
        let span = periods.count > 1 ? "\(periods[0].period)–\(periods[P - 1].period)" : first?.period
        w.line("graph" + DOT.attributes(StablePage.graphAttributes(title: first?.title ?? "", period: span, caption: first?.caption ?? "", style: style,
                                                                  actors: Int.max)
            + [("size", "\"16.5,11.7\""), ("fontsize", "60")]) + ";")
        w.line("node" + DOT.attributes([("fontname", DOTText.label(style.fontname)), ("fontsize", "10"), ("style", "filled"),
                                         ("fillcolor", "\"#ffffff\""), ("penwidth", "1")]) + ";")
        w.line("edge" + DOT.attributes([("fontname", DOTText.label(style.fontname)), ("fontsize", "9")]) + ";")
        for (t, d) in periods.enumerated() {
            let col = t % cols, row = t / cols
            let left = Double(col) * (frame.width + gap), top = -Double(row) * (frame.height + gap)
            let offset = StableLayout.Point(x: left - frame.minX, y: top - frame.maxY)
            // The panel's frame and its period label.
            w.line("subgraph \(DOTText.id("cluster_panel_\(t)")) {")
            w.indent += 1
            w.line("graph" + DOT.attributes([
                ("label", DOTText.label(d.period)), ("fontsize", "60"), ("fontname", DOTText.label(style.fontname + " Bold")),
                ("color", "\"#bbbbbb\""), ("style", "rounded"), ("id", DOTText.id("panel-" + d.period)),
                ("bb", "\"\(DOT.number(left)),\(DOT.number(top - frame.height)),\(DOT.number(left + frame.width)),\(DOT.number(top))\""),
                ("lp", "\"\(DOT.number(left + frame.width / 2)),\(DOT.number(top - 40))\""),
            ]) + ";")
            _ = try StablePage.emit(d, stable: layout, style: style, into: &w, prefix: "p\(t):", offset: offset,
                                    routes: complete ? routes?[t] : nil, shortNamesAt: nameFont)
            w.indent -= 1
            w.line("}")
        }
        if let legendData {
            StablePage.legend(legendData, clusters: legendClusters.values.sorted { $0.id < $1.id }, style: style,
                              left: Double(cols) * (frame.width + gap), top: 0, scale: 3, into: &w,
                              note: "names \(DOT.number(namePrintSize)) pt on A3; left out where they would overlap")
        }
        w.indent -= 1
        w.line("}")
        return w.text
    }
}
