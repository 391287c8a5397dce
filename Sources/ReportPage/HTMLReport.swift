import Checksum
import Foundation
import TextFormats

/// Turns a ``ReportModel`` into one self-contained HTML page (`index.html`).
///
/// The page needs no server and no network: style and script are inline, diagrams are embedded as
/// `data:image/svg+xml` images (an SVG shown by `<img>` cannot run script), and the charts are inline SVG drawn
/// here. Text from the model is escaped everywhere: in markup by ``HTMLReport/escape(_:)``, in the JSON read by
/// the script by ``JSON/quote(_:)``; the script writes it into the page with `textContent` only. A
/// Content-Security-Policy allows only the page's own script and style (by hash) and `data:` images.
///
/// The output is deterministic: the same model gives the same bytes.
public enum HTMLReport {
    public static func render(_ model: ReportModel) -> String {
        let css = HTMLReportAssets.css
        let js = HTMLReportAssets.script
        let usesFiles = model.periods.contains { $0.diagram?.svg == nil && $0.diagram?.path != nil }
            || (model.story.map { $0.svg == nil && $0.path != nil } ?? false)
        let csp = [
            "default-src 'none'",
            "img-src data:" + (usesFiles ? " 'self' file:" : ""),
            "style-src " + HTMLReport.cspSource(css),
            "script-src " + HTMLReport.cspSource(js),
            "base-uri 'none'",
            "form-action 'none'",
        ].joined(separator: "; ")
        let d = model.dataset
        let title = d.title.isEmpty ? d.name : d.title
        var h = ""
        h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(escape(csp))\">\n"
        h += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        if !model.generator.isEmpty { h += "<meta name=\"generator\" content=\"\(escape(model.generator))\">\n" }
        h += "<title>\(escape(title))</title>\n"
        h += "<style>\(css)</style>\n</head>\n<body>\n"

        h += masthead(model, title: title)
        h += "<main>\n"
        h += browser(model)
        h += trends(model)
        h += ranking(model)
        h += story(model)
        h += about(model)
        h += "</main>\n"
        h += "<footer><p>" + (model.generator.isEmpty ? "" : "Made with \(escape(model.generator)). ")
        h += "This page is self-contained: it opens from a file without a server or a network.</p></footer>\n"
        h += "<script type=\"application/json\" id=\"report-data\">\(data(model))</script>\n"
        h += "<script>\(js)</script>\n</body>\n</html>\n"
        return h
    }

    /// Escapes text for HTML content and double- or single-quoted attribute values (``HTMLText/escape(_:)``).
    public static func escape(_ s: String) -> String { HTMLText.escape(s) }

    // MARK: - Sections

    static func masthead(_ model: ReportModel, title: String) -> String {
        let d = model.dataset
        var h = "<header class=\"masthead\">\n<div class=\"wrap\">\n"
        h += "<p class=\"kicker\">Blocs report · <span class=\"dataset-name\">\(escape(d.name))</span></p>\n"
        h += "<h1 id=\"title\">\(escape(title))</h1>\n"
        for paragraph in paragraphs(d.description) { h += "<p class=\"lede\">\(escape(paragraph))</p>\n" }
        if let first = model.periods.first, let last = model.periods.last {
            let count = model.periods.count
            h += "<p class=\"span\">\(count) period\(count == 1 ? "" : "s"), "
            h += first.label == last.label ? escape(first.label) : "\(escape(first.label)) – \(escape(last.label))"
            h += "</p>\n"
        }
        if !model.settings.isEmpty {
            h += "<dl class=\"settings\" id=\"settings\">\n"
            for s in model.settings { h += "<div><dt>\(escape(s.name))</dt><dd>\(escape(s.value))</dd></div>\n" }
            h += "</dl>\n"
        }
        h += "</div>\n</header>\n"
        return h
    }

    static func browser(_ model: ReportModel) -> String {
        let n = model.periods.count
        guard n > 0 else {
            return "<section class=\"wrap\" id=\"browser\"><p class=\"empty\">The dataset has no periods to show.</p></section>\n"
        }
        var h = "<section class=\"wrap\" id=\"browser\" aria-label=\"Periods\">\n"
        h += "<noscript><p class=\"noscript\">The period browser needs JavaScript. The charts and tables below work without it.</p></noscript>\n"
        h += "<div class=\"timeline\">\n"
        h += "<button type=\"button\" id=\"prev\" class=\"step\" aria-label=\"Previous period\" title=\"Previous period (←)\">‹</button>\n"
        h += "<div class=\"track\">\n"
        h += "<input type=\"range\" id=\"slider\" min=\"0\" max=\"\(n - 1)\" step=\"1\" value=\"0\" aria-label=\"Period\"\(n == 1 ? " disabled" : "")>\n"
        h += "<ol class=\"ticks\" id=\"ticks\">"
        for (i, p) in model.periods.enumerated() {
            let minor = !labelled(i, of: n)
            h += "<li\(minor ? " class=\"minor\"" : "")><button type=\"button\" data-period=\"\(i)\" tabindex=\"-1\">\(escape(p.label))</button></li>"
        }
        h += "</ol>\n</div>\n"
        h += "<button type=\"button\" id=\"next\" class=\"step\" aria-label=\"Next period\" title=\"Next period (→)\">›</button>\n"
        h += "</div>\n"
        h += "<div class=\"period-head\"><h2 id=\"period-label\" aria-live=\"polite\"></h2><p id=\"period-dates\"></p><p id=\"period-position\"></p></div>\n"
        h += "<div class=\"period\">\n"
        h += "<figure class=\"diagram\"><div class=\"frame\"><img id=\"diagram\" alt=\"\"><p id=\"no-diagram\" class=\"empty\" hidden>No diagram for this period.</p></div>"
        h += "<figcaption id=\"diagram-caption\"></figcaption></figure>\n"
        h += "<div class=\"panel\">\n"
        h += "<section><h3>At a glance</h3><dl id=\"facts\" class=\"facts\"></dl></section>\n"
        h += "<section><h3>Coalitions</h3><ol id=\"coalitions\" class=\"coalitions\"></ol></section>\n"
        h += "<section><h3>Changes since the previous period</h3><ul id=\"changes\" class=\"changes\"></ul></section>\n"
        h += "<section><h3>Most central actors <span class=\"sub\">by \(escape(model.centrality))</span></h3><ol id=\"top-actors\" class=\"top\"></ol></section>\n"
        h += "</div>\n</div>\n</section>\n"
        return h
    }

    static func trends(_ model: ReportModel) -> String {
        guard !model.periods.isEmpty else { return "" }
        var h = "<section class=\"wrap\" id=\"trends\">\n<h2>Over time</h2>\n<p class=\"section-note\">The shaded column marks the period shown above; click a column to open its period.</p>\n<div class=\"charts\">\n"
        for chart in HTMLReportCharts.charts(model) { h += chart }
        h += "</div>\n</section>\n"
        return h
    }

    static func ranking(_ model: ReportModel) -> String {
        let depth = model.periods.map(\.topActors.count).max() ?? 0
        guard depth > 0 else { return "" }
        var h = "<section class=\"wrap\" id=\"ranking\">\n<h2>Most central actors, period by period</h2>\n"
        h += "<p class=\"section-note\">Ranked by \(escape(model.centrality)); values in brackets. Click a row to open its period.</p>\n"
        h += "<div class=\"scroll\"><table class=\"ranking\">\n<thead><tr><th scope=\"col\">Period</th>"
        for r in 1...depth { h += "<th scope=\"col\">\(r)</th>" }
        h += "</tr></thead>\n<tbody>\n"
        for (i, p) in model.periods.enumerated() {
            h += "<tr data-period=\"\(i)\"><th scope=\"row\">\(escape(p.label))</th>"
            for r in 0..<depth {
                if r < p.topActors.count {
                    let a = p.topActors[r]
                    h += "<td><span class=\"name\">\(escape(a.name))</span> <span class=\"value\">(\(number(a.value)))</span></td>"
                } else {
                    h += "<td></td>"
                }
            }
            h += "</tr>\n"
        }
        h += "</tbody>\n</table></div>\n</section>\n"
        return h
    }

    static func story(_ model: ReportModel) -> String {
        guard let story = model.story, let src = imageSource(story) else { return "" }
        var h = "<section class=\"wrap\" id=\"story\">\n<h2>The story across all periods</h2>\n"
        h += "<figure class=\"story\"><div class=\"scroll\"><img src=\"\(escape(src))\" alt=\"\(escape(story.alt))\"></div>"
        if !story.alt.isEmpty { h += "<figcaption>\(escape(story.alt))</figcaption>" }
        h += "</figure>\n</section>\n"
        return h
    }

    static func about(_ model: ReportModel) -> String {
        guard !model.sources.isEmpty else { return "" }
        var h = "<section class=\"wrap\" id=\"sources\">\n<h2>Sources</h2>\n<ol class=\"sources\">\n"
        for s in model.sources {
            h += "<li><span class=\"source-id\">\(escape(s.id))</span> <span class=\"citation\">\(escape(s.citation))</span>"
            if let url = s.url, let safe = safeLink(url) {
                h += " <a href=\"\(escape(safe))\" rel=\"noopener noreferrer\">\(escape(url))</a>"
            } else if let url = s.url, !url.isEmpty {
                h += " <span class=\"url\">\(escape(url))</span>"
            }
            h += "</li>\n"
        }
        h += "</ol>\n</section>\n"
        return h
    }

    // MARK: - Data for the script

    /// The JSON the script reads: one object per period with the texts and numbers of the side panel, under the
    /// names the tables use (`period`, `pos_edges`, `neg_edges`, `largest_share`, `effective_number`).
    static func data(_ model: ReportModel) -> String {
        let titles = Dictionary(model.balanceCharts.map { ($0.measure, $0.title) }, uniquingKeysWith: { a, _ in a })
        func int(_ x: Int?) -> JSONValue { x.map { .int($0) } ?? .null }
        func strings(_ xs: [String]) -> JSONValue { .array(xs.map { .string($0) }) }
        let periods = model.periods.map { p -> String in
            var members: [(key: String, value: JSONValue)] = [
                ("period", .string(p.label)), ("start", .string(p.start)), ("end", .string(p.end)),
                ("actors", int(p.actors)), ("pos_edges", int(p.positiveTies)), ("neg_edges", int(p.negativeTies)),
            ]
            if let d = p.diagram, let src = imageSource(d) {
                members += [("diagram", .string(src)), ("alt", .string(d.alt))]
            } else {
                members += [("diagram", .null), ("alt", .string(""))]
            }
            members += [
                ("coalitions", .array(p.coalitions.map { c in
                    .object([("id", .string(c.id)), ("label", .string(c.label)), ("size", .int(c.size)),
                             ("color", safeColor(c.color).map { .string($0) } ?? .null), ("members", strings(c.members.map(\.name)))])
                })),
                ("changes", .array(p.changes.map { c in
                    .object([("event", .string(c.event)), ("coalitions", strings(c.coalitions)), ("actors", strings(c.actors)),
                             ("detail", .string(c.detail))])
                })),
                ("counts", .object([("count", .int(p.counts.count)), ("largest_share", .number(p.counts.largestShare)),
                                    ("effective_number", .number(p.counts.effectiveNumber))])),
                ("balance", .array(p.balance.map { .array([.string(titles[$0.name] ?? readable($0.name)), .number($0.value)]) })),
                ("top", .array(p.topActors.map { .array([.string($0.name), .number($0.value)]) })),
            ]
            return JSONValue.object(members).text(.compact)
        }
        let title = model.dataset.title.isEmpty ? model.dataset.name : model.dataset.title
        return "{" + JSONValue.members([("centrality", .string(model.centrality)), ("title", .string(title))], .compact)
            + ",\"periods\":" + JSONValue.lines(periods, indent: "", closing: "") + "}"
    }

    // MARK: - Helpers

    /// The `src` of a diagram: a `data:` URL of its bytes, or its path percent-encoded as a relative URL.
    static func imageSource(_ d: ReportModel.Diagram) -> String? {
        if let svg = d.svg { return "data:image/svg+xml;base64," + svg.base64EncodedString() }
        guard let path = d.path, !path.isEmpty else { return nil }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        let encoded = path.unicodeScalars.map { u -> String in
            u.isASCII && allowed.contains(u) ? String(u) : String(u).utf8.map { String(format: "%%%02X", $0) }.joined()
        }.joined()
        // Never a scheme (':' is encoded) and never protocol-relative.
        return encoded.hasPrefix("//") ? "./" + encoded : encoded
    }

    /// `#rrggbb` or nothing: the only color form the page accepts. - Complexity: O(1).
    public static func safeColor(_ c: String?) -> String? {
        guard let c, c.utf8.count == 7, c.hasPrefix("#"), c.dropFirst().allSatisfy(\.isHexDigit) else { return nil }
        return c.lowercased()
    }

    /// Only web links become links.
    static func safeLink(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              !url.unicodeScalars.contains(where: { $0.value < 0x21 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" })
        else { return nil }
        return url
    }

    /// "balance_ratio" → "Balance ratio".
    static func readable(_ name: String) -> String {
        let s = name.replacingOccurrences(of: "_", with: " ")
        return s.prefix(1).uppercased() + s.dropFirst()
    }

    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Up to 14 labelled periods on the slider and the chart axes; the others are ticks.
    static func labelled(_ i: Int, of n: Int) -> Bool {
        let every = max(1, (n + 13) / 14)
        return i % every == 0 || (i == n - 1 && (n - 1) % every > every / 2)
    }

    /// A number for reading: integers as such, others with three significant decimals at most.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        let digits = abs(x) >= 100 ? 0 : abs(x) >= 10 ? 1 : abs(x) >= 1 ? 2 : 3
        return String(format: "%.\(digits)f", x)
    }
}

extension HTMLReport {
    /// A CSP source expression `'sha256-…'` for an inline element whose text is `text`.
    static func cspSource(_ text: String) -> String {
        "'sha256-" + Data(SHA256.digest(Array(text.utf8))).base64EncodedString() + "'"
    }
}
