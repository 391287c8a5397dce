import Foundation
import GraphvizKit
import Snapshots
import TemporalModel
@testable import Diagrams

/// Small fixed inputs for the diagram tests.
enum Fixtures {
    /// The stable layout of `periods`, laid out in this process.
    static func stableLayout(_ periods: [DiagramSnapshot]) throws -> StableLayout {
        try StableLayout.compute(periods, renderer: InProcessRenderer())
    }

    /// Three actors in two clusters: an alliance inside a cluster, one across (a violation), a rivalry.
    static var small: DiagramSnapshot {
        DiagramSnapshot(
            title: "Test dataset", period: "1926", caption: "level persons", sizeLegend: "degree", clusterLegend: "factions",
            nodes: [
                .init(id: "trotsky", label: "Leon Trotsky", size: 1, switched: false),
                .init(id: "zinoviev", label: "Grigory Zinoviev", size: 0.5, switched: true),
                .init(id: "stalin", label: "Joseph Stalin", size: 0.75),
                .init(id: "left", label: "Left Opposition", kind: .faction),
            ],
            clusters: [
                .init(id: "left", label: "Left Opposition", members: ["left", "trotsky", "zinoviev"], color: 0),
                .init(id: "centre", label: "Stalin's Centre", members: ["stalin"], color: 1),
            ],
            edges: [
                .init("zinoviev", "trotsky", relation: .alliance, weight: 2),
                .init("trotsky", "stalin", relation: .rivalry, weight: 1),
                .init("zinoviev", "stalin", relation: .alliance, weight: 1, violatesPartition: true),
                .init("trotsky", "left", relation: .membership),
            ])
    }

    /// Names built to break DOT and SVG: quotes, backslashes, `<`, `>`, `&`, newlines, attribute injection.
    static let hostileNames = [
        #"Quote " inside"#,
        #"x", color="red", label="pwned"#,
        #"back\slash \N \G \"#,
        "<b>tag</b> & <script>",
        "two\nlines\r\nand CR",
        "semi; ] } -- -> [ {",
    ]

    static var hostile: DiagramSnapshot {
        let nodes = hostileNames.enumerated().map { i, name in DiagramSnapshot.Node(id: "id \(i) \(name)", label: name, size: Double(i) / 5) }
        return DiagramSnapshot(
            title: #"Title with "quotes" & <tags>"#, period: #"1926 "x" \"#, caption: "<i>caption</i>", clusterLegend: #"clusters "x""#,
            nodes: nodes,
            clusters: [.init(id: #"c "1" \"#, label: "<Cluster> & \"1\"", members: [nodes[0].id, nodes[1].id], color: 0)],
            edges: [.init(nodes[0].id, nodes[1].id, relation: .alliance), .init(nodes[2].id, nodes[3].id, relation: .rivalry),
                    .init(nodes[4].id, nodes[5].id, relation: .alliance, violatesPartition: true)])
    }

    /// Three periods in which actors come and go.
    static var periods: [DiagramSnapshot] {
        func d(_ period: String, _ ids: [String], _ edges: [DiagramSnapshot.Edge]) -> DiagramSnapshot {
            DiagramSnapshot(title: "T", period: period, nodes: ids.map { .init(id: $0, label: $0.capitalized) },
                            clusters: [.init(id: "k", label: "K", members: Array(ids.prefix(2)), color: 0)], edges: edges)
        }
        return [
            d("1925", ["a", "b", "c"], [.init("a", "b", relation: .alliance), .init("b", "c", relation: .rivalry)]),
            d("1926", ["a", "b", "d"], [.init("a", "d", relation: .alliance)]),
            d("1927", ["b", "c", "d", "e"], [.init("c", "e", relation: .rivalry), .init("b", "d", relation: .alliance)]),
        ]
    }

    /// A tiny temporal network: two factions, four persons, a defection in 1926.
    static func network() throws -> TemporalNetwork {
        func y(_ year: Int) throws -> HistoricalDate { try HistoricalDate(year: year) }
        let actors = [
            Actor(id: "centre", name: "Centre", kind: .faction),
            Actor(id: "left", name: "Left Opposition", kind: .faction),
            Actor(id: "kamenev", name: "Lev Kamenev", kind: .person),
            Actor(id: "stalin", name: "Joseph Stalin", kind: .person),
            Actor(id: "trotsky", name: "Leon Trotsky", kind: .person),
            Actor(id: "zinoviev", name: "Grigory Zinoviev", kind: .person),
        ]
        // Indices in actor-id order: centre 0, kamenev 1, left 2, stalin 3, trotsky 4, zinoviev 5 (the network sorts).
        let sorted = actors.sorted { $0.id < $1.id }
        func i(_ id: String) -> Int32 { Int32(sorted.firstIndex { $0.id == id } ?? -1) }
        let ties = [
            Tie(source: i("stalin"), target: i("centre"), relation: .member, start: try y(1925), end: try y(1927)),
            Tie(source: i("zinoviev"), target: i("centre"), relation: .member, start: try y(1925), end: try y(1925)),
            Tie(source: i("kamenev"), target: i("centre"), relation: .member, start: try y(1925), end: try y(1925)),
            Tie(source: i("zinoviev"), target: i("left"), relation: .member, start: try y(1926), end: try y(1927)),
            Tie(source: i("kamenev"), target: i("left"), relation: .member, start: try y(1926), end: try y(1927)),
            Tie(source: i("trotsky"), target: i("left"), relation: .member, start: try y(1925), end: try y(1927)),
            Tie(source: i("trotsky"), target: i("stalin"), relation: .rivalry, start: try y(1925), end: try y(1927)),
            Tie(source: i("zinoviev"), target: i("stalin"), relation: .alliance, start: try y(1925), end: try y(1926)),
            Tie(source: i("zinoviev"), target: i("trotsky"), relation: .alliance, start: try y(1926), end: try y(1927)),
        ]
        let info = DatasetInfo(name: "tiny", title: "Tiny", spanStart: try y(1925), spanEnd: try y(1927))
        let events = [Event(date: try y(1926), kind: "founded", actors: ["left"], description: "United Opposition formed")]
        return try TemporalNetwork(info: info, actors: sorted, ties: ties, events: events)
    }

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Compares `text` with a golden file; set BLOCS_UPDATE_GOLDEN=1 to rewrite it.
    static func golden(_ name: String, _ text: String) throws -> Bool {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BLOCS_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        return try String(contentsOf: url, encoding: .utf8) == text
    }

    /// The built `blocs` executable next to the test bundle.
    static var blocsExecutable: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        while url.pathExtension == "xctest" || url.lastPathComponent == "MacOS" || url.lastPathComponent == "Contents" {
            url.deleteLastPathComponent()
        }
        return url.appendingPathComponent("blocs").path
    }
}

/// A minimal reading of Graphviz's SVG: the `<g>` groups with their id, class, title and inner shapes.
struct SVGGroups {
    struct Group {
        var id: String
        var cls: String
        var title: String
        var body: String
    }

    var groups: [Group] = []

    init(_ svg: String) {
        // Tooltips wrap shapes in inner `<g id="a_…">` groups: they belong to the group before them.
        var parts: [String] = []
        for p in svg.components(separatedBy: "<g id=\"").dropFirst() {
            if p.hasPrefix("a_"), !parts.isEmpty { parts[parts.count - 1] += "<g id=\"" + p } else { parts.append(p) }
        }
        for part in parts {
            guard let idEnd = part.firstIndex(of: "\"") else { continue }
            let id = String(part[..<idEnd])
            var cls = ""
            if let r = part.range(of: "class=\"") {
                let rest = part[r.upperBound...]
                cls = String(rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)])
            }
            var title = ""
            if let r = part.range(of: "<title>"), let e = part.range(of: "</title>") { title = String(part[r.upperBound..<e.lowerBound]) }
            groups.append(Group(id: Self.unescape(id), cls: cls, title: Self.unescape(title), body: part))
        }
    }

    /// The position of the first `<text>` of a group.
    static func textPosition(_ body: String) -> (Double, Double)? {
        guard let r = body.range(of: "<text") else { return nil }
        let tag = body[r.upperBound...].prefix { $0 != ">" }
        func attr(_ name: String) -> Double? {
            guard let a = tag.range(of: " \(name)=\"") else { return nil }
            return Double(tag[a.upperBound...].prefix { $0 != "\"" })
        }
        guard let x = attr("x"), let y = attr("y") else { return nil }
        return (x, y)
    }

    func ofClass(_ c: String) -> [Group] { groups.filter { $0.cls.split(separator: " ").contains(Substring(c)) } }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&#45;", with: "-").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#160;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The centre of a node's ellipse (`cx`, `cy`) or first polygon point.
    static func centre(_ body: String) -> (Double, Double)? {
        func attr(_ name: String) -> Double? {
            guard let r = body.range(of: " \(name)=\"") else { return nil }
            let rest = body[r.upperBound...]
            return Double(rest[..<(rest.firstIndex(of: "\"") ?? rest.endIndex)])
        }
        if let x = attr("cx"), let y = attr("cy") { return (x, y) }
        return nil
    }
}
