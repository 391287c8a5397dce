import TextFormats
import Coalitions
import RenderModel

/// The whole span as plain data: per period, the clusters (with identities tracked across periods) and the events.
public struct Story: Hashable, Sendable {
    public var title: String
    public var caption: String
    public var clusterLegend: String
    /// Display names by actor id.
    public var names: [String: String]
    public var periods: [Period]

    public init(title: String, caption: String = "", clusterLegend: String = "clusters", names: [String: String], periods: [Period]) {
        self.title = title
        self.caption = caption
        self.clusterLegend = clusterLegend
        self.names = names
        self.periods = periods
    }

    public struct Period: Hashable, Sendable {
        public var label: String
        public var clusters: [Cluster]
        /// Actors present in the period but in no cluster.
        public var unaligned: [String]
        public var events: [Event]
        /// Members whose place in their cluster is uncertain: actor id → probability (share of draws) below 1
        /// (``DiagramSeries/withCertainty(_:)``). Drawn faded, dashed under 0.5.
        public var certainty: [String: Double]

        public init(label: String, clusters: [Cluster], unaligned: [String] = [], events: [Event] = [],
                    certainty: [String: Double] = [:]) {
            self.label = label
            self.clusters = clusters
            self.unaligned = unaligned
            self.events = events
            self.certainty = certainty
        }
    }

    /// A period's cluster in the story: the same type as a snapshot diagram's (the same id in two periods means the
    /// cluster continued).
    public typealias Cluster = DiagramSnapshot.Cluster

    /// Something that happened in a period: a change of the coalitions, or an event recorded in the dataset.
    public struct Event: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// A coalition is seen for the first time; `actors` holds its label.
            case coalitionAppears
            /// A coalition is no longer seen; `actors` holds its last label.
            case coalitionDissolves
            /// Coalitions merge; `actors` holds the merged coalition's label, then the labels of those that merged.
            case coalitionsMerge
            /// A coalition splits; `actors` holds its label, then the labels of the parts.
            case coalitionSplits
            /// An event of the dataset (`founded`, `expelled`, `congress`, …); `actors` holds the names concerned.
            case recorded(String)
        }

        public var date: String
        public var kind: Kind
        /// The longer description (the dataset's, or the tracker's detail).
        public var text: String
        /// The coalitions or actors concerned, as shown (coalition labels, persons by short name).
        public var actors: [String]

        public init(date: String, kind: Kind, text: String, actors: [String] = []) {
            self.date = date
            self.kind = kind
            self.text = text
            self.actors = actors
        }

        /// Recorded event kinds read as a past participle after the names ("Trotsky, Zinoviev expelled").
        static let participles: Set<String> = ["founded", "expelled", "exiled", "deported", "arrested", "readmitted",
                                               "dissolved", "capitulated", "removed", "renamed", "defected", "joined", "died"]

        /// The event as a short sentence about coalitions or people: "Lenin–Trotsky bloc appears", "Left Opposition
        /// and Zinoviev–Kamenev bloc merge into United (Joint) Opposition", "Trotsky expelled", "congress: …".
        public var sentence: String {
            func list(_ names: ArraySlice<String>) -> String {
                guard names.count > 1, let last = names.last else { return names.first ?? "" }
                return names.dropLast().joined(separator: ", ") + " and " + last
            }
            let first = actors.first ?? ""
            switch kind {
            case .coalitionAppears: return "\(first) appears"
            case .coalitionDissolves: return "\(first) dissolves"
            case .coalitionsMerge: return "\(list(actors.dropFirst())) merge into \(first)"
            case .coalitionSplits: return "\(first) splits into \(list(actors.dropFirst()))"
            case .recorded(let k):
                let who = actors.prefix(2).joined(separator: ", ") + (actors.count > 2 ? " +\(actors.count - 2)" : "")
                if who.isEmpty { return "\(k): \(text)" }
                return Self.participles.contains(k) ? "\(who) \(k)" : "\(k): \(who)"
            }
        }

        /// The rank of this kind in a period's header (lower first).
        var priority: Int {
            switch kind {
            case .coalitionsMerge: return 0
            case .coalitionSplits: return 1
            case .coalitionAppears: return 2
            case .coalitionDissolves: return 3
            case .recorded(let k): return 4 + (StoryDiagram.eventPriority.firstIndex(of: k) ?? StoryDiagram.eventPriority.count)
            }
        }
    }

    /// How continuity is drawn.
    public enum Mode: String, Hashable, Sendable, CaseIterable {
        /// One small node per actor per period, a line per actor from period to period (a storyline).
        case actors
        /// One node per cluster per period, a line between clusters sharing members (thickness = shared members).
        case coalitions
    }
}

/// The story diagram: periods left to right (`dot`, `rankdir=LR`), each period a column boxed with its label and
/// main events, each cluster of the period a `cluster_<period>_<k>` inside it, continuity lines between
/// consecutive periods. Lines that stay in a continuing cluster are grey; lines of actors who change cluster are
/// orange, so merges (lines from several clusters converging) and splits (one cluster's lines parting) stand out.
public enum StoryDiagram {
    /// The most actor boxes (actors × periods) drawn in `.actors` mode; larger stories are drawn in `.coalitions` mode.
    public static let actorBoxLimit = 2500

    /// Event kinds shown first in the period headers.
    static let eventPriority = ["founded", "congress", "conference", "declaration", "expelled", "capitulated", "exiled",
                                "deported", "arrested", "readmitted", "dissolved", "ban", "removed"]

    /// The DOT text of `story` (canonical: the same story gives the same bytes).
    ///
    /// - Parameter maxEvents: events shown per period (the rest are counted).
    /// - Complexity: O(P·n log n) for P periods of n actors.
    /// - Parameter maxWidth: the widest the picture may be, in points (estimated from the text of each column);
    ///   a longer span wraps into rows, each row continuing the one above (no lines drawn across a row break).
    public static func dot(_ story: Story, mode: Story.Mode = .actors, maxEvents: Int = 2, maxWidth: Double = 3600,
                           style: DiagramStyle = DiagramStyle()) -> String {
        // One box per actor per period suits a few hundred actors; beyond actorBoxLimit boxes dot takes minutes,
        // so the story is drawn per coalition instead (one box per coalition per period).
        let boxes = story.periods.reduce(0) { $0 + $1.clusters.reduce(0) { $0 + $1.members.count } + $1.unaligned.count }
        let mode = mode == .actors && boxes > actorBoxLimit ? .coalitions : mode
        var w = Writer()
        let font = DOTText.label(style.fontname)
        var title = "<b>\(DOTText.html(story.title))</b>"
        title += "<br/><font point-size=\"12\">\(DOTText.html(story.clusterLegend)) from period to period; "
            + "<font color=\"\(style.switched)\">orange</font>: an actor changes \(DOTText.html(story.clusterLegend == "factions" ? "faction" : "cluster"))</font>"
        if mode == .actors, story.periods.contains(where: { !$0.certainty.isEmpty }) {
            title += "<br/><font point-size=\"11\" color=\"#555555\">faded: not in this coalition in every draw (the paler, the fewer; dashed: under half)</font>"
        }
        if !story.caption.isEmpty { title += "<br/><font point-size=\"10\" color=\"#555555\">\(DOTText.html(story.caption))</font>" }
        w.line("digraph \"story\" {")
        w.indent += 1
        w.line("graph" + DOT.attributes([
            ("label", "<" + title + ">"), ("labelloc", "t"), ("fontname", font), ("fontsize", "22"), ("rankdir", "LR"),
            ("newrank", "true"), ("nodesep", mode == .actors ? "0.06" : "0.2"), ("ranksep", mode == .actors ? "0.45" : "0.6"),
            ("bgcolor", "\"#ffffff\""), ("pad", "0.4"), ("outputorder", "edgesfirst"), ("layout", "dot"), ("remincross", "true"),
            ("searchsize", "60"), ("mclimit", "2"),
        ]) + ";")
        w.line("node" + DOT.attributes([("fontname", font), ("fontsize", "11"), ("shape", "box"), ("style", "\"rounded,filled\""),
                                         ("fillcolor", "\"#ffffff\""), ("color", "\"#666666\""), ("height", "0.22"),
                                         ("margin", "\"0.06,0.02\""), ("penwidth", "0.8")]) + ";")
        w.line("edge" + DOT.attributes([("arrowhead", "none"), ("color", "\"#9a9a9a\""), ("penwidth", "1.4")]) + ";")

        func nodeID(_ period: Int, _ key: String) -> String { DOTText.id("p\(period):\(key)") }
        let short = shortNames(story)
        // Rows: as many periods per row as fit in maxWidth; period t is in row t / perRow, column t % perRow.
        let perRow = periodsPerRow(story, mode: mode, maxWidth: maxWidth, short: short)
        func sameRow(_ a: Int, _ b: Int) -> Bool { a / perRow == b / perRow }
        // Header chain: one invisible node per period ranks the columns in order, row by row.
        for (t, _) in story.periods.enumerated() {
            w.line(nodeID(t, "") + " [style=invis, shape=point, width=0, height=0, label=\"\"];")
        }
        for start in stride(from: 0, to: story.periods.count, by: perRow) {
            let row = Array(start..<min(start + perRow, story.periods.count))
            if row.count > 1 { w.line(row.map { nodeID($0, "") }.joined(separator: " -> ") + " [style=invis, weight=100];") }
        }
        // Per period: actor → cluster id.
        let clusterAt: [[String: String]] = story.periods.map { p in
            var map: [String: String] = [:]
            for c in p.clusters { for m in c.members { map[m] = c.id } }
            return map
        }
        // A later row shares the ranks of the first. Rows are declared last row first: dot stacks what is declared
        // first at the bottom under rankdir=LR, so the first row comes out on top. (Invisible flat edges between the
        // rows' headers would order them too, but made dot's output change from run to run on 2.42.)
        let emitOrder = stride(from: 0, to: story.periods.count, by: perRow).reversed()
            .flatMap { start in start..<min(start + perRow, story.periods.count) }
        for t in emitOrder {
            let p = story.periods[t]
            w.line("subgraph \(DOTText.id("cluster_\(p.label)")) {")
            w.indent += 1
            w.line("graph" + DOT.attributes([
                ("label", "<" + header(p, maxEvents: maxEvents, names: story.names) + ">"), ("labelloc", "t"), ("style", "\"rounded\""),
                ("color", "\"#dddddd\""), ("fontname", font), ("fontsize", "16"), ("id", DOTText.id("period-" + p.label)), ("margin", "10"),
            ]) + ";")
            var rankSame = [nodeID(t, "")]
            let clusters = p.clusters.sorted { $0.id < $1.id }
            for (k, c) in clusters.enumerated() {
                w.line("subgraph \(DOTText.id("cluster_\(p.label)_\(k)")) {")
                w.indent += 1
                w.line("graph" + DOT.attributes([
                    ("label", DOTText.label(mode == .actors ? style.cut(c.label) : "")), ("style", "\"rounded,filled\""),
                    ("fillcolor", DOTText.label(style.fill(c.color))), ("color", DOTText.label(style.fill(c.color))), ("fontsize", "11"),
                    ("id", DOTText.id("cluster-\(p.label)-\(c.id)")),
                ]) + ";")
                switch mode {
                case .actors:
                    for m in c.members.sorted() {
                        if let q = p.certainty[m], q < 1 {
                            // Faded: text and border at the member's certainty, dashed under 0.5.
                            let alpha = style.certaintyAlpha(q)
                            let hex = String(Int((alpha * 255).rounded()), radix: 16, uppercase: true)
                            let fade = "#000000" + (hex.count == 1 ? "0" + hex : hex)
                            w.line(nodeID(t, m) + " [label=\(DOTText.label(style.cut(short[m] ?? m))), tooltip=\(DOT.tooltip((story.names[m] ?? m) + " — in \(DOT.percent(q)) of draws")), "
                                + "fontcolor=\(DOTText.label(fade)), color=\(DOTText.label(fade)), class=\"uncertain\""
                                + (q < DiagramStyle.dashedBelow ? ", style=\"rounded,filled,dashed\"" : "") + "];")
                        } else {
                            w.line(nodeID(t, m) + " [label=\(DOTText.label(style.cut(short[m] ?? m))), tooltip=\(DOT.tooltip(story.names[m] ?? m))];")
                        }
                        rankSame.append(nodeID(t, m))
                    }
                case .coalitions:
                    let names = listed(c.members.map { style.cut(short[$0] ?? $0) }.sorted())
                    let body = "<b>\(DOTText.html(style.cut(c.label)))</b><br/><font point-size=\"9\">\(wrap(names, width: 28).map(DOTText.html).joined(separator: "<br/>"))</font>"
                    w.line(nodeID(t, "#" + c.id) + " [label=<\(body)>, style=filled, fillcolor=\"#ffffff\", penwidth=0];")
                    rankSame.append(nodeID(t, "#" + c.id))
                }
                w.indent -= 1
                w.line("}")
            }
            if !p.unaligned.isEmpty {
                w.line("subgraph \(DOTText.id("cluster_\(p.label)_none")) {")
                w.indent += 1
                w.line("graph [label=\"unaligned\", style=\"rounded,dashed\", color=\"#bbbbbb\", fontsize=10, fontcolor=\"#777777\"];")
                switch mode {
                case .actors:
                    for m in p.unaligned.sorted() {
                        w.line(nodeID(t, m) + " [label=\(DOTText.label(style.cut(short[m] ?? m))), tooltip=\(DOT.tooltip(story.names[m] ?? m)), color=\"#bbbbbb\", fontcolor=\"#666666\"];")
                        rankSame.append(nodeID(t, m))
                    }
                case .coalitions:
                    let names = listed(p.unaligned.map { style.cut(short[$0] ?? $0) }.sorted())
                    w.line(nodeID(t, "#none") + " [label=<<font point-size=\"9\" color=\"#666666\">\(wrap(names, width: 28).map(DOTText.html).joined(separator: "<br/>"))</font>>, style=filled, fillcolor=\"#ffffff\", color=\"#bbbbbb\"];")
                    rankSame.append(nodeID(t, "#none"))
                }
                w.indent -= 1
                w.line("}")
            }
            w.indent -= 1
            w.line("}")
            if t >= perRow { rankSame.append(nodeID(t - perRow, "")) }
            w.line("{ rank=same; " + rankSame.joined(separator: "; ") + "; }")
        }
        // Continuity between consecutive periods.
        for t in story.periods.indices.dropLast() where sameRow(t, t + 1) {
            let here = story.periods[t], next = story.periods[t + 1]
            let now = clusterAt[t], then = clusterAt[t + 1]
            switch mode {
            case .actors:
                let presentNext = Set(next.clusters.flatMap(\.members) + next.unaligned)
                let presentHere = here.clusters.flatMap(\.members) + here.unaligned
                for a in presentHere.sorted() where presentNext.contains(a) {
                    let moved = now[a] != then[a]
                    var attrs: [(String, String)] = [("weight", moved ? "2" : "20")]
                    if moved { attrs += [("color", DOTText.label(style.switched)), ("penwidth", "2.6"), ("class", "\"switch\"")] }
                    attrs.append(("tooltip", DOT.tooltip("\(story.names[a] ?? a): \(here.label) → \(next.label)")))
                    w.line(nodeID(t, a) + " -> " + nodeID(t + 1, a) + DOT.attributes(attrs) + ";")
                }
            case .coalitions:
                var flows: [String: [String: Int]] = [:]
                for a in Set(now.keys).union(here.unaligned).sorted() {
                    let from = now[a].map { "#" + $0 } ?? "#none"
                    let to: String
                    if let c = then[a] { to = "#" + c } else if next.unaligned.contains(a) { to = "#none" } else { continue }
                    flows[from, default: [:]][to, default: 0] += 1
                }
                for from in flows.keys.sorted() {
                    for (to, n) in (flows[from] ?? [:]).sorted(by: { $0.key < $1.key }) {
                        let same = from == to && from != "#none"
                        var attrs: [(String, String)] = [("penwidth", DOT.number(1 + 1.2 * Double(n).squareRoot())), ("weight", same ? "20" : "2"),
                                                         ("label", DOTText.label(String(n))), ("fontsize", "9"), ("fontname", font)]
                        if !same { attrs.append(("color", DOTText.label(style.switched))) }
                        w.line(nodeID(t, from) + " -> " + nodeID(t + 1, to) + DOT.attributes(attrs) + ";")
                    }
                }
            }
        }
        w.indent -= 1
        w.line("}")
        return w.text
    }

    /// How many periods fit in one row of `maxWidth` points: each column's width is estimated from its widest text
    /// (cluster labels and names at 11 pt, header lines at 10 pt; about 6 pt a character) plus margins: all
    /// periods in one row when their columns add up to at most `maxWidth`, else rows of equal length.
    static func periodsPerRow(_ story: Story, mode: Story.Mode, maxWidth: Double, short: [String: String]) -> Int {
        guard !story.periods.isEmpty else { return 1 }
        var widths: [Double] = []
        for p in story.periods {
            var chars = 34.0 * 10 / 11  // a header line
            for c in p.clusters {
                chars = max(chars, Double(c.label.count))
                if mode == .actors { for m in c.members { chars = max(chars, Double((short[m] ?? m).count)) } } else { chars = max(chars, 28) }
            }
            widths.append(chars * 6.0 + 40)
        }
        if widths.reduce(0, +) <= maxWidth { return story.periods.count }
        let column = widths.max() ?? 200
        return max(1, min(story.periods.count, Int(maxWidth / column)))
    }

    /// Surnames for the boxes, with the first initial added where two actors of the story share a surname
    /// ("V. Smirnov", "I. Smirnov").
    static func shortNames(_ story: Story) -> [String: String] {
        let ids = Set(story.periods.flatMap { $0.clusters.flatMap(\.members) + $0.unaligned })
        var short: [String: String] = [:]
        var count: [String: Int] = [:]
        for id in ids {
            let s = DiagramSeries.shortName(story.names[id] ?? id)
            short[id] = s
            count[s, default: 0] += 1
        }
        for id in ids {
            guard let s = short[id], (count[s] ?? 0) > 1, let full = story.names[id], let first = full.first, full != s else { continue }
            short[id] = "\(first). \(s)"
        }
        return short
    }

    /// A period's header: its label in bold, then its main events, one short line each.
    static func header(_ p: Story.Period, maxEvents: Int, names: [String: String]) -> String {
        var s = "<b>\(DOTText.html(p.label))</b>"
        let ranked = p.events.enumerated().sorted { ($0.element.priority, $0.offset) < ($1.element.priority, $1.offset) }.map(\.element)
        for e in ranked.prefix(maxEvents) {
            // Short lines: a header wider than its column would widen the whole period.
            s += "<br/><font point-size=\"10\" color=\"#444444\">\(DOTText.html(shorten(e.sentence, 34)))</font>"
        }
        if ranked.count > maxEvents { s += "<br/><font point-size=\"9\" color=\"#888888\">+\(ranked.count - maxEvents) more events</font>" }
        return s
    }

    static func shorten(_ text: String, _ n: Int) -> String {
        text.count <= n ? text : String(text.prefix(n - 1)) + "…"
    }

    /// At most 24 names, then "+N more" (a coalition of thousands stays a readable box).
    static func listed(_ names: [String]) -> [String] {
        names.count <= 24 ? names : Array(names.prefix(24)) + ["+\(names.count - 24) more"]
    }

    /// Names joined by commas into lines of about `width` characters.
    static func wrap(_ words: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for w in words {
            if current.isEmpty { current = w } else if current.count + 2 + w.count <= width { current += ", " + w } else {
                lines.append(current + ",")
                current = w
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
