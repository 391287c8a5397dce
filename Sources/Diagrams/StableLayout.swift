import TextFormats
import RenderModel

/// Positions shared by every period's diagram (the foresighted layout of Diehl, Görg and Kerren, 2001), so that
/// stepping through the periods shows change, not a reshuffle.
///
/// The union of all periods (every actor, every pair tied in some period) is laid out once with `neato`, a fixed
/// `start` seed and `overlap=false`; alliances pull (`len` 1.1), rivalries push (`len` 2.2), so allies sit
/// together. Each period is then drawn with `nop2` at those positions (the same coordinate frame in every period),
/// showing only that period's actors, so the page is cropped to them (``SnapshotDiagram``).
public struct StableLayout: Hashable, Sendable {
    public struct Point: Hashable, Sendable {
        public var x: Double
        public var y: Double
        public init(x: Double, y: Double) { self.x = x; self.y = y }
    }

    /// Every actor of the union, sorted.
    public let nodeIDs: [String]
    /// Each actor's position in points.
    public let positions: [String: Point]
    /// Each actor's box (width, height in inches): its largest marker over the periods with its name below; every
    /// period draws the actor inside this box, so no two actors overlap in any period.
    public let boxes: [String: Box]

    public struct Box: Hashable, Sendable {
        public var width: Double
        public var height: Double
    }

    /// The union DOT text (nodes `n<i>` in actor-id order, cluster hubs `h<k>`) that ``compute(_:seed:style:renderer:)`` lays out (canonical; exposed for tests).
    public static func unionDOT(_ periods: [DiagramSnapshot], seed: Int = 1, style: DiagramStyle = DiagramStyle()) -> String {
        var labels: [String: String] = [:]
        var sizes: [String: Double] = [:]
        var bold = Set<String>()
        for d in periods {
            for n in d.nodes {
                labels[n.id] = labels[n.id] ?? n.label
                if n.kind != .person { bold.insert(n.id) }
                sizes[n.id] = max(sizes[n.id] ?? 0, n.size)
            }
        }
        // Net sign per pair over all periods: alliances +1, rivalries −1, memberships +1.
        var pairs: [PairKey: Int] = [:]
        for d in periods {
            for e in d.edges where e.a != e.b {
                pairs[PairKey(e.a, e.b), default: 0] += e.relation == .rivalry ? -1 : 1
            }
        }
        var w = Writer()
        w.line("graph \"union\" {")
        w.indent += 1
        w.line("graph [overlap=false, sep=\"+10\", start=\(seed), splines=false, mode=major, maxiter=2000];")
        w.line("node [fontname=\(DOTText.label(style.fontname)), fixedsize=false];")
        // Nodes are named n0, n1, … in actor-id order, so reading the layout back needs no unescaping.
        let ids = labels.keys.sorted()
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        for (i, id) in ids.enumerated() {
            // The footprint of the actor's largest marker with its name below (bold for factions and groups, as
            // drawn): the box every period draws in.
            let lines = style.nameLines(labels[id] ?? id)
            let height = style.markerDiameter(sizes[id] ?? 0) + style.markerGap + Double(lines.count) * style.nameLineHeight
            w.line("n\(i)" + DOT.attributes([
                ("label", DOTText.label(lines.joined(separator: "\n"))), ("shape", "box"), ("margin", "\"0.04,0.02\""),
                ("fontsize", DOT.number(style.nameFontSize, decimals: 1)), ("width", DOT.number(style.markerDiameter(sizes[id] ?? 0))),
                ("height", DOT.number(height)),
            ] + (bold.contains(id) ? [("fontname", DOTText.label(style.fontname + " Bold"))] : [])) + ";")
        }
        // One invisible hub per cluster identity, tied to everyone who was ever in it: members of a cluster sit
        // together even when their ties are few, and an actor who changed cluster sits between its clusters.
        var hubMembers: [String: Set<String>] = [:]
        for d in periods { for c in d.clusters { hubMembers[c.id, default: []].formUnion(c.members) } }
        for (h, cluster) in hubMembers.keys.sorted().enumerated() {
            w.line("h\(h) [shape=point, width=0.01, height=0.01, label=\"\"];")
            for m in (hubMembers[cluster] ?? []).sorted() {
                guard let i = index[m] else { continue }
                w.line("h\(h) -- n\(i) [len=0.6, weight=4];")
            }
        }
        for (key, net) in pairs.sorted(by: { ($0.key.a, $0.key.b) < ($1.key.a, $1.key.b) }) {
            guard let a = index[key.a], let b = index[key.b] else { continue }
            w.line("n\(a) -- n\(b) [len=\(net < 0 ? "2.2" : "1.1"), weight=\(net < 0 ? "1" : "2")];")
        }
        w.indent -= 1
        w.line("}")
        return w.text
    }

    /// Lays out the union of `periods` once.
    ///
    /// - Throws: ``DiagramError/graphviz(_:)`` when the layout fails.
    /// - Complexity: one `neato` layout of the union (about O(n²) per iteration for n actors); `sfdp` beyond
    ///   ``LayoutAdvice/neatoUnionLimit`` actors.
    public static func compute(_ periods: [DiagramSnapshot], seed: Int = 1, style: DiagramStyle = DiagramStyle(),
                               renderer: any GraphvizRendering) throws(DiagramError) -> StableLayout {
        let dot = unionDOT(periods, seed: seed, style: style)
        // neato suits up to a few hundred actors; beyond, sfdp (measured here on 500 nodes: neato 0.6 s, sfdp 0.1 s).
        let actors = Set(periods.flatMap { $0.nodes.map(\.id) }).count
        let engine: LayoutEngine = actors > LayoutAdvice.neatoUnionLimit ? .sfdp : .neato
        let result = renderer.render([RenderJob(dot: dot, engine: engine, formats: ["plain"])])[0]
        let plain: [UInt8]
        switch result {
        case .success(let outputs): plain = outputs[0]
        case .failure(let e): throw .graphviz(e)
        }
        let ids = Set(periods.flatMap { $0.nodes.map(\.id) }).sorted()
        return try StableLayout(plain: String(decoding: plain, as: UTF8.self), ids: ids)
    }

    /// Reads positions and node sizes from Graphviz's `plain` output of a laid-out union whose node `n<i>` is
    /// `ids[i]`.
    init(plain: String, ids: [String]) throws(DiagramError) {
        var positions: [String: Point] = [:]
        var boxes: [String: Box] = [:]
        for line in plain.split(separator: "\n") {
            let f = PlainFields.split(line)
            guard f.count >= 6, f[0] == "node", f[1].hasPrefix("n"), let i = Int(f[1].dropFirst()), ids.indices.contains(i),
                  let x = Double(f[2]), let y = Double(f[3]), let w = Double(f[4]), let h = Double(f[5]) else { continue }
            // Rounded as they will be written, so the union and every period agree to the last digit.
            positions[ids[i]] = Point(x: Self.round2(x * 72), y: Self.round2(y * 72))
            boxes[ids[i]] = Box(width: Self.round2(w), height: Self.round2(h))
        }
        guard positions.count == ids.count else {
            throw .graphviz(.layout(engine: "neato", message: "the union layout gave \(positions.count) positions for \(ids.count) actors"))
        }
        self.nodeIDs = positions.keys.sorted()
        self.positions = positions
        self.boxes = boxes
    }

    static func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    struct PairKey: Hashable {
        let a: String, b: String
        init(_ x: String, _ y: String) { (a, b) = x < y ? (x, y) : (y, x) }
    }
}

/// Graphviz's `plain` output: space-separated fields, names quoted with `"` when needed.
enum PlainFields {
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var wasQuoted = false
        var iterator = line.makeIterator()
        while let c = iterator.next() {
            if quoted {
                if c == "\\" {
                    if let n = iterator.next() { current.append(n) }
                } else if c == "\"" { quoted = false } else { current.append(c) }
            } else if c == "\"" {
                quoted = true; wasQuoted = true
            } else if c == " " {
                if !current.isEmpty || wasQuoted { fields.append(current); current = ""; wasQuoted = false }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty || wasQuoted { fields.append(current) }
        return fields
    }
}
