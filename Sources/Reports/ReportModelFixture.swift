import Foundation

/// A small report model for tests of the HTML report: six yearly periods of the Soviet party struggle
/// (1923–1928) in which several names, titles, notes and links are hostile — markup, script, quotes,
/// backslashes, line separators — as a dataset could make them. Its diagrams are simple SVG drawings on a fixed
/// layout; one of them carries a script that must not run.
public enum ReportModelFixture {
    /// Texts that must appear in the page as text, never as markup.
    public static let hostile: [String] = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "</script><script>alert(2)</script>",
        "Quotes \"double\" and 'single' and back\\slash\\",
        "Line\u{2028}separator\u{2029}paragraph",
        "<img src=x onerror=\"window.__pwned=1\">",
        "<!-- not a comment",
        "&amp; stays literal",
    ]

    /// Dated events, in date order; the page shows them under the slider and in their year.
    static let fixtureEvents: [ReportModel.DatasetEvent] = [
        .init(date: "1923-10", kind: "declaration", actors: [.init(id: "preobrazhensky", name: "Preobrazhensky")],
              description: "Declaration of the 46", sources: [.init(source: "carr1958", locator: "ch. 3")]),
        .init(date: "1924-01-21", kind: "death", actors: [], description: "Lenin dies", sources: [.init(source: "carr1958")]),
        .init(date: "1925-12", kind: "congress", actors: [.init(id: "zinoviev", name: "Zinoviev"), .init(id: "kamenev", name: "Kamenev")],
              description: "Fourteenth Congress", sources: [.init(source: "carr1958", locator: "p. 140")]),
        .init(date: "1926", kind: hostile[0], actors: [.init(id: "hostile2", name: hostile[1])], description: hostile[5],
              sources: [.init(source: hostile[5], locator: hostile[2])]),
        .init(date: "1927-11-14", kind: "expelled", actors: [.init(id: "trotsky", name: "Trotsky"), .init(id: "zinoviev", name: "Zinoviev")],
              description: "Trotsky and Zinoviev expelled from the party", sources: [.init(source: "carr1958", locator: "wp-left#Leading members")]),
        .init(date: "1927-12", kind: "congress", actors: [], description: "Fifteenth Congress", sources: []),
        .init(date: "1928-01", kind: "exiled", actors: [.init(id: "trotsky", name: "Trotsky")], description: "Trotsky exiled to Alma-Ata",
              sources: [.init(source: "carr1958", locator: "p. 201")]),
    ]
    static var eventsByYear: [String: [Int]] {
        Dictionary(grouping: fixtureEvents.indices, by: { String(fixtureEvents[$0].date.prefix(4)) })
    }

    public static func model() -> ReportModel {
        // Actors, in a fixed order that gives each one a fixed place in every diagram.
        let names: [(String, String)] = [
            ("stalin", "Stalin"), ("molotov", "Molotov"), ("kaganovich", "Kaganovich"), ("bukharin", "Bukharin"),
            ("rykov", "Rykov"), ("tomsky", "Tomsky"), ("zinoviev", "Zinoviev"), ("kamenev", "Kamenev"),
            ("krupskaya", "Krupskaya"), ("trotsky", "Trotsky"), ("preobrazhensky", "Preobrazhensky"),
            ("radek", "Radek"), ("hostile1", hostile[0]), ("hostile2", hostile[1]), ("hostile3", hostile[2]),
            ("hostile4", hostile[3]), ("hostile5", hostile[4]), ("hostile6", hostile[5]),
        ]
        let nameOf = Dictionary(uniqueKeysWithValues: names)
        func members(_ ids: [String]) -> [ReportModel.Member] { ids.map { ReportModel.Member(id: $0, name: nameOf[$0] ?? $0) } }

        let majority = ["stalin", "molotov", "kaganovich", "bukharin", "rykov", "tomsky"]
        let left = ["trotsky", "preobrazhensky", "radek", "hostile1", "hostile2"]
        let leningrad = ["zinoviev", "kamenev", "krupskaya", "hostile3"]
        let right = ["bukharin", "rykov", "tomsky", "hostile4"]
        let stalinists = ["stalin", "molotov", "kaganovich", "hostile5"]

        typealias C = ReportModel.Coalition
        let years: [(label: String, coalitions: [C], changes: [ReportModel.Change], ratio: Double?, frustration: Double?,
                     walk: Double?, top: [(String, Double)])] = [
            ("1923",
             [C(id: "C1", label: "Triumvirate and majority", members: members(majority + ["zinoviev", "kamenev"]), color: "#8c2f23"),
              C(id: "C2", label: "Left Opposition", members: members(left), color: "#2f5f8a"),
              C(id: "C9", label: hostile[6], members: members(["hostile6"]), color: "red;background:url(x)")],
             [], 0.81, 3, nil,
             [("Stalin", 0.142), ("Zinoviev", 0.118), ("Trotsky", 0.097), (hostile[0], 0.061)]),
            ("1924",
             [C(id: "C1", label: "Triumvirate and majority", members: members(majority + ["zinoviev", "kamenev", "hostile6"]), color: "#8c2f23"),
              C(id: "C2", label: "Left Opposition", members: members(left), color: "#2f5f8a")],
             [.init(event: "join", coalitions: ["C1"], actors: [hostile[5]], detail: "joins the majority after the Thirteenth Congress"),
              .init(event: "death", coalitions: ["C9"], actors: [], detail: hostile[7])],
             0.86, 2, 0.91,
             [("Stalin", 0.151), ("Zinoviev", 0.121), ("Kamenev", 0.088), ("Trotsky", 0.080)]),
            ("1925",
             [C(id: "C1", label: "Stalin–Bukharin majority", members: members(majority + ["hostile6"]), color: "#8c2f23"),
              C(id: "C2", label: "Left Opposition", members: members(left), color: "#2f5f8a"),
              C(id: "C3", label: "New Opposition (Leningrad)", members: members(leningrad), color: "#b07d2b")],
             [.init(event: "split", coalitions: ["C1", "C3"], actors: ["Zinoviev", "Kamenev"],
                    detail: "the Leningrad leaders break with the majority at the Fourteenth Congress"),
              .init(event: "note", coalitions: [], actors: [hostile[1]], detail: hostile[0])],
             0.74, 5, 0.78,
             [("Stalin", 0.163), ("Bukharin", 0.104), ("Zinoviev", 0.097), (hostile[2], 0.050)]),
            ("1926",
             [C(id: "C1", label: "Stalin–Bukharin majority", members: members(majority + ["hostile6"]), color: "#8c2f23"),
              C(id: "C4", label: "United Opposition", members: members(left + leningrad), color: "#2f5f8a")],
             [.init(event: "merge", coalitions: ["C2", "C3", "C4"], actors: ["Trotsky", "Zinoviev", "Kamenev"],
                    detail: "Trotsky and the Leningrad leaders form the United Opposition")],
             0.92, 1, 0.95,
             [("Stalin", 0.171), ("Trotsky", 0.112), ("Zinoviev", 0.104), ("Bukharin", 0.099)]),
            ("1927",
             [C(id: "C1", label: "Stalin–Bukharin majority", members: members(majority + ["hostile6"]), color: "#8c2f23"),
              C(id: "C4", label: "United Opposition", members: members(left + leningrad), color: "#2f5f8a")],
             [.init(event: "expulsion", coalitions: ["C4"], actors: ["Trotsky", "Zinoviev"],
                    detail: "expelled from the party at the Fifteenth Congress (December)")],
             0.95, 0, 0.97,
             [("Stalin", 0.188), ("Bukharin", 0.117), ("Trotsky", 0.090), ("Rykov", 0.071)]),
            ("1928",
             [C(id: "C5", label: "Stalin group", members: members(stalinists), color: "#8c2f23"),
              C(id: "C6", label: "Right Opposition", members: members(right), color: "#4f7a3a"),
              C(id: "C4", label: "United Opposition (remnant)", members: members(["trotsky", "radek", "hostile1", "hostile2"]), color: "#2f5f8a")],
             [.init(event: "split", coalitions: ["C1", "C5", "C6"], actors: ["Bukharin", "Rykov", "Tomsky"],
                    detail: "the majority splits over grain procurement"),
              .init(event: "leave", coalitions: ["C4"], actors: ["Zinoviev", "Kamenev", hostile[2]], detail: "recant and leave the opposition")],
             nil, 4, nil,
             [("Stalin", 0.201), ("Bukharin", 0.109), (hostile[4], 0.082)]),
        ]

        var periods: [ReportModel.Period] = []
        var ties: [ReportModel.TieRecord] = []
        var degrees: [String: [Double?]] = [:]
        for (index, y) in years.enumerated() {
            let actorIDs = Set(y.coalitions.flatMap { $0.members.map(\.id) })
            let total = Double(actorIDs.count)
            let shares = y.coalitions.map { Double($0.size) / total }
            let effective = 1 / shares.reduce(0) { $0 + $1 * $1 }
            let (svg, drawn) = diagram(y.coalitions, order: names.map(\.0), nameOf: nameOf, title: y.label, withScript: index == 2)
            let positive = drawn.filter { $0.relation == "alliance" }.count, negative = drawn.count - positive
            // Each drawn tie rests on one recorded tie of the year (two for the first rivalry of a year).
            var edges: [ReportModel.DrawnTie] = []
            for d in drawn {
                var e = d
                e.ties = [ties.count]
                ties.append(.init(a: d.a, b: d.b, relation: d.relation, start: "\(y.label)-0\(1 + ties.count % 9)",
                                  end: "\(y.label)-12", weight: 1, confidence: d.relation == "alliance" ? 0.9 : 0.7,
                                  scenarios: ties.count % 5 == 0 ? ["consensus"] : [],
                                  note: ties.count == 7 ? hostile[5] : (ties.count == 8 ? hostile[2] : ""),
                                  sources: [.init(source: "carr1958", locator: "p. \(100 + ties.count)"),
                                            .init(source: ties.count % 3 == 0 ? hostile[5] : "carr1958", locator: ties.count == 3 ? hostile[0] : nil)]))
                edges.append(e)
            }
            for d in drawn {
                degrees[d.a, default: Array(repeating: nil, count: years.count)][index] =
                    (degrees[d.a]?[index] ?? 0) + (d.relation == "alliance" ? 1 : 0)
                degrees[d.b, default: Array(repeating: nil, count: years.count)][index] =
                    (degrees[d.b]?[index] ?? 0) + (d.relation == "alliance" ? 1 : 0)
            }
            periods.append(ReportModel.Period(
                label: y.label, start: "\(y.label)-01-01", end: "\(y.label)-12-31",
                actors: actorIDs.count, positiveTies: positive, negativeTies: negative,
                diagram: ReportModel.Diagram(svg: Data(svg.utf8), alt: "Alliances (blue) and rivalries (red dashed) in \(y.label)"),
                coalitions: y.coalitions, changes: y.changes,
                balance: [.init("balance_ratio", y.ratio), .init("frustration", y.frustration), .init("walk_balance", y.walk)],
                counts: .init(count: y.coalitions.count, largestShare: shares.max(), effectiveNumber: effective),
                topActors: y.top.map { ReportModel.RankedActor(name: $0.0, value: $0.1) },
                edges: edges, events: eventsByYear[y.label] ?? []))
        }
        // A change rests on the ties of its year among the members of the coalitions it names.
        for p in periods.indices {
            for k in periods[p].changes.indices {
                let ids = Set(periods[p].changes[k].coalitions)
                var members = Set<String>()
                for c in periods[p].coalitions + (p > 0 ? periods[p - 1].coalitions : []) where ids.contains(c.id) { members.formUnion(c.members.map(\.id)) }
                periods[p].changes[k].ties = periods[p].edges.filter { members.contains($0.a) && members.contains($0.b) }.flatMap(\.ties)
            }
        }

        let storyLabels = periods.map(\.label)
        let actors = names.sorted { $0.0 < $1.0 }.map { id, name in
            ReportModel.ActorInfo(id: id, name: name, kind: "person", note: id == "hostile2" ? hostile[6] : "",
                                  metrics: [degrees[id] ?? Array(repeating: nil, count: years.count)])
        }
        var story = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"140\" viewBox=\"0 0 720 140\" font-family=\"DejaVu Serif, serif\" font-size=\"12\">"
        story += "<rect width=\"720\" height=\"140\" fill=\"#ffffff\"/>"
        for (i, label) in storyLabels.enumerated() {
            let x = 60 + i * 120
            story += "<text x=\"\(x)\" y=\"20\" text-anchor=\"middle\" fill=\"#6b655c\">\(label)</text>"
            story += "<rect x=\"\(x - 40)\" y=\"34\" width=\"80\" height=\"30\" rx=\"4\" fill=\"#8c2f23\" opacity=\"0.85\"/>"
            story += "<rect x=\"\(x - 30)\" y=\"84\" width=\"60\" height=\"24\" rx=\"4\" fill=\"#2f5f8a\" opacity=\"0.85\"/>"
        }
        story += "</svg>"

        return ReportModel(
            dataset: .init(name: "fixture-hostile",
                           title: "Oppositions in the party \(hostile[0])",
                           description: "A test dataset whose texts try to break out of the page: \(hostile[1]) \(hostile[3]).\n\nSecond paragraph with a line separator: \(hostile[4])."),
            settings: [.init("period scheme", "year"), .init("level", "persons"), .init("scenario", hostile[2]),
                       .init("method", "correlation clustering (exact up to 14 actors)")],
            sources: [.init(id: "carr1958", citation: "E. H. Carr, Socialism in One Country 1924–1926, vol. 2 (1959).", url: "https://archive.org/details/socialisminoneco0002carr"),
                      .init(id: "bad-link", citation: "A link that must not become a link.", url: "javascript:alert(3)"),
                      .init(id: hostile[5], citation: hostile[0], url: nil)],
            story: .init(svg: Data(story.utf8), alt: "Coalitions from \(storyLabels.first ?? "") to \(storyLabels.last ?? "")"),
            periods: periods,
            balanceCharts: Array(ReportModel.defaultBalanceCharts.prefix(2))
                + [.init(measure: "walk_balance", title: "Walk balance \(hostile[0])", note: hostile[1])],
            centrality: "PageRank",
            generator: "Blocs test fixture",
            events: fixtureEvents, ties: ties, actors: actors,
            actorCharts: [.init(measure: "pos_degree", title: "Alliances", note: "number of actors allied with them in the period")])
    }

    /// A circle layout in a fixed actor order, in Graphviz's structure: each actor a `<g id="actor-…" class="node">`
    /// with a title, a dot in their coalition's colour and a label; each tie a `<g id="tie-a--b-relation"
    /// class="edge">` (alliances inside a coalition solid, rivalries between coalitions dashed). With `withScript`
    /// the SVG also carries what must never run or load: a script, handlers, a javascript: link, a foreign object, a
    /// style sheet, an image and a `url(…)` paint.
    static func diagram(_ coalitions: [ReportModel.Coalition], order: [String], nameOf: [String: String],
                        title: String, withScript: Bool) -> (svg: String, edges: [ReportModel.DrawnTie]) {
        let w = 640.0, h = 480.0, r = 170.0
        func esc(_ s: String) -> String { HTMLReport.escape(s) }
        func position(_ id: String) -> (Double, Double) {
            let i = Double(order.firstIndex(of: id) ?? 0)
            let a = 2 * Double.pi * i / Double(order.count) - Double.pi / 2
            return (w / 2 + r * cos(a), h / 2 + r * sin(a))
        }
        func fmt(_ x: Double) -> String { String(format: "%.1f", x) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"\(Int(w))pt\" height=\"\(Int(h))pt\" viewBox=\"0.00 0.00 \(Int(w)).00 \(Int(h)).00\""
        svg += withScript ? " onload=\"alert('svg onload')\">" : ">"
        if withScript {
            svg += "<script>alert('svg script')</script><style>text { display: none }</style>"
            svg += "<foreignObject width=\"100\" height=\"50\"><div xmlns=\"http://www.w3.org/1999/xhtml\">\(esc(hostile[1]))</div></foreignObject>"
            svg += "<image href=\"x\" xlink:href=\"x\" onerror=\"window.__pwned=1\" width=\"1\" height=\"1\"/>"
            svg += "<a xlink:href=\"javascript:alert(4)\"><text x=\"16\" y=\"460\" font-size=\"10\">a link that must not be a link</text></a>"
        }
        svg += "<g id=\"graph0\" class=\"graph\" transform=\"translate(0 0)\">"
        svg += "<title>\(esc(title))</title>"
        svg += "<rect width=\"\(Int(w))\" height=\"\(Int(h))\" fill=\"#ffffff\"\(withScript ? " stroke=\"url(javascript:alert(5))\"" : "")/>"
        svg += "<text x=\"16\" y=\"28\" font-family=\"DejaVu Serif, serif\" font-size=\"18\" fill=\"#1f1d1a\">\(esc(title))</text>"
        var drawn: [ReportModel.DrawnTie] = []
        var edges = "", dots = ""
        func edge(_ x: String, _ y: String, _ relation: String) {
            let (a, b) = x < y ? (x, y) : (y, x)
            let (x1, y1) = position(a), (x2, y2) = position(b)
            let style = relation == "alliance" ? "stroke=\"#2f5f8a\" stroke-width=\"1.4\"" : "stroke=\"#b3261e\" stroke-width=\"1.6\" stroke-dasharray=\"6,4\""
            edges += "<g id=\"tie-\(a)--\(b)-\(relation)\" class=\"edge tie \(relation)\"\(withScript ? " onclick=\"window.__pwned=1\"" : "")><title>\(a)--\(b)</title>"
            edges += "<path fill=\"none\" \(style) d=\"M\(fmt(x1)),\(fmt(y1)) L\(fmt(x2)),\(fmt(y2))\"/></g>"
            drawn.append(.init(a: a, b: b, relation: relation, weight: 1, ties: []))
        }
        for (k, c) in coalitions.enumerated() {
            let ids = c.members.map(\.id)
            for a in 0..<ids.count {
                for b in (a + 1)..<ids.count where (a + b) % 2 == 1 || b == a + 1 { edge(ids[a], ids[b], "alliance") }
            }
            for other in coalitions[(k + 1)...] {
                guard let a = ids.first, let b = other.members.first?.id else { continue }
                edge(a, b, "rivalry")
            }
            let color = HTMLReport.safeColor(c.color) ?? "#6b655c"
            for id in ids {
                let (x, y) = position(id)
                let right = x >= w / 2
                let name = nameOf[id] ?? id
                dots += "<g id=\"actor-\(id)\" class=\"node actor person\"><title>\(esc(name))</title>"
                dots += "<ellipse cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" rx=\"7\" ry=\"7\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"
                dots += "<text x=\"\(fmt(x + (right ? 11 : -11)))\" y=\"\(fmt(y + 4))\" text-anchor=\"\(right ? "start" : "end")\" "
                dots += "font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\" fill=\"#1f1d1a\">\(esc(String(name.prefix(24))))</text></g>"
            }
        }
        svg += edges + dots + "</g></svg>"
        return (svg, drawn)
    }
}
