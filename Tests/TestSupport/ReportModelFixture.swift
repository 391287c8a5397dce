import Blocs
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
        for (index, y) in years.enumerated() {
            let actorIDs = Set(y.coalitions.flatMap { $0.members.map(\.id) })
            let total = Double(actorIDs.count)
            let shares = y.coalitions.map { Double($0.size) / total }
            let effective = 1 / shares.reduce(0) { $0 + $1 * $1 }
            let (svg, positive, negative) = diagram(y.coalitions, order: names.map(\.0), nameOf: nameOf,
                                                     title: y.label, withScript: index == 2)
            periods.append(ReportModel.Period(
                label: y.label, start: "\(y.label)-01-01", end: "\(y.label)-12-31",
                actors: actorIDs.count, positiveTies: positive, negativeTies: negative,
                diagram: ReportModel.Diagram(svg: Data(svg.utf8), alt: "Alliances (blue) and rivalries (red dashed) in \(y.label)"),
                coalitions: y.coalitions, changes: y.changes,
                balance: [.init("balance_ratio", y.ratio), .init("frustration", y.frustration), .init("walk_balance", y.walk)],
                counts: .init(count: y.coalitions.count, largestShare: shares.max(), effectiveNumber: effective),
                topActors: y.top.map { ReportModel.RankedActor(name: $0.0, value: $0.1) }))
        }

        let storyLabels = periods.map(\.label)
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
            balanceCharts: ReportModel.defaultBalanceCharts
                + [.init(measure: "walk_balance", title: "Walk balance \(hostile[0])", note: hostile[1])],
            centrality: "PageRank",
            generator: "Blocs test fixture")
    }

    /// A circle layout in a fixed actor order: members as dots in their coalition's colour, alliances inside a
    /// coalition as solid lines, rivalries between coalitions as dashed lines.
    static func diagram(_ coalitions: [ReportModel.Coalition], order: [String], nameOf: [String: String],
                        title: String, withScript: Bool) -> (String, Int, Int) {
        let w = 640.0, h = 480.0, r = 170.0
        func esc(_ s: String) -> String { HTMLReport.escape(s) }
        func position(_ id: String) -> (Double, Double) {
            let i = Double(order.firstIndex(of: id) ?? 0)
            let a = 2 * Double.pi * i / Double(order.count) - Double.pi / 2
            return (w / 2 + r * cos(a), h / 2 + r * sin(a))
        }
        func fmt(_ x: Double) -> String { String(format: "%.1f", x) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" viewBox=\"0 0 \(Int(w)) \(Int(h))\""
        svg += withScript ? " onload=\"alert('svg onload')\">" : ">"
        if withScript { svg += "<script>alert('svg script')</script>" }
        svg += "<rect width=\"\(Int(w))\" height=\"\(Int(h))\" fill=\"#ffffff\"/>"
        svg += "<text x=\"16\" y=\"28\" font-family=\"DejaVu Serif, serif\" font-size=\"18\" fill=\"#1f1d1a\">\(esc(title))</text>"
        var positive = 0, negative = 0
        var edges = "", dots = ""
        for (k, c) in coalitions.enumerated() {
            let ids = c.members.map(\.id)
            for a in 0..<ids.count {
                for b in (a + 1)..<ids.count where (a + b) % 2 == 1 || b == a + 1 {
                    let (x1, y1) = position(ids[a]), (x2, y2) = position(ids[b])
                    edges += "<line x1=\"\(fmt(x1))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(x2))\" y2=\"\(fmt(y2))\" stroke=\"#2f5f8a\" stroke-width=\"1.4\" opacity=\"0.7\"/>"
                    positive += 1
                }
            }
            for other in coalitions[(k + 1)...] {
                guard let a = ids.first, let b = other.members.first?.id else { continue }
                let (x1, y1) = position(a), (x2, y2) = position(b)
                edges += "<line x1=\"\(fmt(x1))\" y1=\"\(fmt(y1))\" x2=\"\(fmt(x2))\" y2=\"\(fmt(y2))\" stroke=\"#b3261e\" stroke-width=\"1.6\" stroke-dasharray=\"6 4\"/>"
                negative += 1
            }
            let color = HTMLReport.safeColor(c.color) ?? "#6b655c"
            for id in ids {
                let (x, y) = position(id)
                let right = x >= w / 2
                dots += "<circle cx=\"\(fmt(x))\" cy=\"\(fmt(y))\" r=\"7\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"
                dots += "<text x=\"\(fmt(x + (right ? 11 : -11)))\" y=\"\(fmt(y + 4))\" text-anchor=\"\(right ? "start" : "end")\" "
                dots += "font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\" fill=\"#1f1d1a\">\(esc(String((nameOf[id] ?? id).prefix(24))))</text>"
            }
        }
        svg += edges + dots + "</svg>"
        return (svg, positive, negative)
    }
}
