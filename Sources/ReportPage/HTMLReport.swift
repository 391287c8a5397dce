import Reports
import Checksum
import Foundation
import TextFormats

/// Turns a ``ReportModel`` into one self-contained HTML page (`index.html`).
///
/// The page needs no server and no network: style and script are inline, the charts are inline SVG drawn here,
/// the story diagram is a `data:image/svg+xml` image (an SVG shown by `<img>` cannot run script), and each period's
/// diagram is drawn inline by the script from drawing data that ``HTMLReportSVG`` reduced to allow-listed shapes,
/// text and presentation attributes (so it can be zoomed, panned, highlighted and its ties clicked, and still
/// nothing in it can run or load). A period diagram given only by path is not drawn (call
/// ``ReportModel/embeddingDiagrams(relativeTo:)`` first). Text from the model is escaped everywhere: in markup by
/// ``HTMLReport/escape(_:)``, in the JSON read by the script by ``JSON/quote(_:)``, ``ReportDataText`` and ``encode(_:)`` (`<`, `>`,
/// `&` and the line separators as `\u` escapes); the script writes it into the page with `textContent`,
/// `createTextNode` and `setAttribute` only, never as markup. A Content-Security-Policy allows only the page's own
/// script and style (by hash) and `data:` images.
///
/// What the page offers: a period slider with play, the dataset's events under it, the diagram with tooltips and
/// the evidence (dataset ties and their sources) behind each drawn tie, each change's ties, actor search with each
/// actor's path, ties and measures, and the measures explained where they are shown.
///
/// The output is deterministic: the same model gives the same bytes.
public enum HTMLReport {
    public static func render(_ model: ReportModel) -> String {
        var page = ""
        render(model, to: &page)
        return page
    }

    /// ``render(_:)`` written piece by piece to `out` (a file stream): the page's data block, which holds every tie
    /// and actor of the dataset, never sits in memory whole.
    /// - Complexity: O(size of the page).
    public static func render<Out: TextOutputStream>(_ model: ReportModel, to out: inout Out) {
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
        h += "<script type=\"application/json\" id=\"report-data\">"
        out.write(h)
        data(model, to: &out)
        out.write("</script>\n<script>\(js)</script>\n</body>\n</html>\n")
    }

    /// Escapes text for HTML content and double- or single-quoted attribute values (``HTMLText/escape(_:)``).
    public static func escape(_ s: String) -> String { HTMLText.escape(s) }

    // MARK: - Sections

    static func masthead(_ model: ReportModel, title: String) -> String {
        let d = model.dataset
        var h = "<header class=\"masthead\">\n<div class=\"wrap\">\n"
        h += "<p class=\"kicker\">Blocs report · <span class=\"dataset-name\">\(escape(d.name))</span></p>\n"
        h += "<h1 id=\"title\">\(escape(title))</h1>\n"
        if let first = model.periods.first, let last = model.periods.last {
            let count = model.periods.count
            h += "<p class=\"span\">\(count) period\(count == 1 ? "" : "s"), "
            h += first.label == last.label ? escape(first.label) : "\(escape(first.label)) – \(escape(last.label))"
            h += "</p>\n"
        }
        if let left = model.abridged, !left.isEmpty {
            h += "<p class=\"lede\" id=\"abridged\"><b>This page is abridged</b>: the study is too large for one page a browser "
                + "opens, so it leaves out " + left.map(escape).joined(separator: "; ") + ". The tables in the folder "
                + "<code>tables/</code> (<code>metrics.csv</code>, <code>memberships.csv</code>, <code>changes.csv</code>, "
                + "<code>coalitions.csv</code>, …) hold every actor, tie and change.</p>\n"
        }
        let lede = paragraphs(d.description)
        if !lede.isEmpty || !model.settings.isEmpty {
            h += "<details class=\"about\"><summary>About the dataset and the settings</summary>\n"
            for paragraph in lede { h += "<p class=\"lede\">\(escape(paragraph))</p>\n" }
            if !model.settings.isEmpty {
                h += "<dl class=\"settings\" id=\"settings\">\n"
                for s in model.settings { h += "<div><dt>\(escape(s.name))</dt><dd>\(escape(s.value))</dd></div>\n" }
                h += "</dl>\n"
            }
            h += "</details>\n"
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
        h += "<button type=\"button\" id=\"play\" class=\"step play\" aria-label=\"Play through the periods\" title=\"Play through the periods (space)\"\(n == 1 ? " disabled" : "")>▶</button>\n"
        h += "<button type=\"button\" id=\"prev\" class=\"step\" aria-label=\"Previous period\" title=\"Previous period (←)\">‹</button>\n"
        h += "<div class=\"track\">\n"
        h += "<input type=\"range\" id=\"slider\" min=\"0\" max=\"\(n - 1)\" step=\"1\" value=\"0\" aria-label=\"Period\"\(n == 1 ? " disabled" : "")>\n"
        h += "<ol class=\"ticks\" id=\"ticks\">"
        for (i, p) in model.periods.enumerated() {
            let minor = !labelled(i, of: n)
            h += "<li\(minor ? " class=\"minor\"" : "")><button type=\"button\" data-period=\"\(i)\" tabindex=\"-1\">\(escape(p.label))</button></li>"
        }
        h += "</ol>\n"
        // The dataset's events under the slider, each at its date within its period's column (year-only dates in
        // the middle); marks closer than 0.9 % of the track stack in up to four rows, then move right.
        var strip = ""
        var placed: [(left: Double, row: Int)] = []
        var rows = 1
        for (i, p) in model.periods.enumerated() {
            for e in p.events where model.events.indices.contains(e) {
                let ev = model.events[e]
                var frac = 0.5
                if let ps = dayNumber(p.start, end: false), let pe = dayNumber(p.end, end: true), pe > ps,
                   let es = dayNumber(ev.date, end: false), let ee = dayNumber(ev.date, end: true) {
                    let mid = Double(max(ps, min(es, pe)) + max(ps, min(ee, pe))) / 2
                    frac = (mid - Double(ps)) / Double(pe - ps + 1)
                }
                var left = n > 1 ? min(100, max(0, (Double(i) - 0.5 + frac) / Double(n - 1) * 100)) : 50
                // The first of four rows free at this place, else a little to the right.
                var row = 0
                while true {
                    let here = placed.filter { abs($0.left - left) < 0.9 }.map(\.row)
                    if let free = (0..<4).first(where: { !here.contains($0) }) { row = free; break }
                    left = min(100, left + 0.9)
                    if left >= 100 { row = 3; break }
                }
                placed.append((left, row))
                rows = max(rows, row + 1)
                strip += "<li data-left=\"\(HTMLReportCharts.f(left))\" data-stack=\"\(row)\"><button type=\"button\" class=\"event-mark\" data-period=\"\(i)\" data-event=\"\(e)\" tabindex=\"-1\" "
                strip += "title=\"\(escape(ev.date + " · " + ev.kind + ": " + ev.description))\"><span class=\"sr\">\(escape(ev.date + " " + ev.kind))</span></button></li>"
            }
        }
        if !strip.isEmpty {
            h += "<ol class=\"event-strip\" id=\"event-strip\" data-rows=\"\(rows)\" aria-label=\"Events of the dataset\">" + strip + "</ol>\n"
        }
        h += "</div>\n"
        h += "<button type=\"button\" id=\"next\" class=\"step\" aria-label=\"Next period\" title=\"Next period (→)\">›</button>\n"
        h += "</div>\n"
        h += "<div class=\"period-head\"><h2 id=\"period-label\" aria-live=\"polite\"></h2><p id=\"period-dates\"></p><p id=\"period-position\"></p>"
        h += "<div class=\"search\"><label for=\"actor-search\">Find an actor</label><input type=\"search\" id=\"actor-search\" autocomplete=\"off\" placeholder=\"Name…\" "
        h += "aria-controls=\"actor-results\"><ul id=\"actor-results\" class=\"actor-results\" hidden></ul></div></div>\n"
        h += "<div class=\"period\">\n<div class=\"picture\">\n"
        h += "<figure class=\"diagram\"><div class=\"frame\" id=\"frame\">"
        h += "<div class=\"zoom\" role=\"group\" aria-label=\"Zoom\"><button type=\"button\" id=\"zoom-in\" title=\"Zoom in (+)\">+</button>"
        h += "<button type=\"button\" id=\"zoom-out\" title=\"Zoom out (−)\">−</button><button type=\"button\" id=\"zoom-fit\" title=\"Show the whole diagram\">Fit</button></div>"
        h += "<svg id=\"diagram\" xmlns=\"http://www.w3.org/2000/svg\" role=\"group\" tabindex=\"-1\" preserveAspectRatio=\"xMidYMid meet\"></svg>"
        h += "<div id=\"tooltip\" class=\"tooltip\" role=\"tooltip\" hidden></div>"
        h += "<p id=\"no-diagram\" class=\"empty\" hidden>No diagram for this period.</p></div>"
        h += "<figcaption id=\"diagram-caption\"></figcaption></figure>\n"
        h += readings(model)
        h += "</div>\n"
        h += "<div class=\"panel\">\n"
        h += "<section id=\"evidence-box\" class=\"evidence-box\" hidden><h3>Evidence <button type=\"button\" id=\"evidence-close\" class=\"close\" aria-label=\"Close\">×</button></h3><div id=\"evidence\"></div></section>\n"
        h += "<section><h3>At a glance</h3><dl id=\"facts\" class=\"facts\"></dl><ul id=\"readings\" class=\"readings\"></ul></section>\n"
        h += "<section><h3>Events in this period</h3><ul id=\"events\" class=\"events\"></ul></section>\n"
        h += "<section><h3>Coalitions</h3><ol id=\"coalitions\" class=\"coalitions\"></ol></section>\n"
        h += "<section><h3>Changes since the previous period</h3>"
        if let note = model.explanationNote { h += "<p id=\"explanation-note\" class=\"tie-meta\">\(escape(note))</p>" }
        h += "<ul id=\"changes\" class=\"changes\"></ul></section>\n"
        h += "<section><h3>Most central actors <span class=\"sub\">by \(escape(model.centrality))</span></h3><ol id=\"top-actors\" class=\"top\"></ol></section>\n"
        h += "</div>\n</div>\n"
        h += "<section id=\"actor-view\" class=\"actor-view\" hidden aria-live=\"polite\"><div class=\"actor-head\"><h2 id=\"actor-name\"></h2>"
        h += "<p id=\"actor-kind\"></p><button type=\"button\" id=\"actor-close\" class=\"close\" aria-label=\"Close the actor view\">×</button></div>"
        h += "<p id=\"actor-note\" class=\"actor-note\"></p>"
        h += "<h3>Coalition in every period</h3><ol id=\"actor-path\" class=\"actor-path\"></ol>"
        h += "<h3>Measures over time</h3><div id=\"actor-charts\" class=\"actor-charts\"></div>"
        h += "<h3>Ties over time, with their sources</h3><ol id=\"actor-ties\" class=\"tie-list\"></ol></section>\n"
        h += "</section>\n"
        return h
    }

    /// The readings side by side (filled by the script for the period shown), when the model has them.
    static func readings(_ model: ReportModel) -> String {
        guard let r = model.readings else { return "" }
        var h = ""
        h += "<section id=\"compare\" class=\"compare\" aria-live=\"polite\"><h3>Readings side by side</h3>"
        h += "<p class=\"section-note\">The same analysis under each reading of the dataset (\(escape(r.scenarios.joined(separator: ", "))); "
        h += "the rest of the page shows \(escape(r.shown)). Listed: what differs in this period, an actor's coalition by its label, a change by who takes part in it.</p>"
        h += "<p id=\"compare-same\" class=\"compare-same\"></p><div id=\"compare-table\" class=\"scroll\"></div>"
        h += "<details class=\"evidence-toggle\"><summary>Coalitions under each reading</summary><dl id=\"compare-coalitions\" class=\"compare-coalitions\"></dl></details></section>\n"
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

    /// The JSON the script reads: one object per period with the texts and numbers of the side panel.
    static func data(_ model: ReportModel) -> String {
        var out = ""
        data(model, to: &out)
        return out
    }

    /// ``data(_:)`` written to `out` period by period and tie by tie (``ReportDataText``).
    static func data<Out: TextOutputStream>(_ model: ReportModel, to stream: inout Out) {
        var w = ReportDataText()
        let titles = Dictionary(model.balanceCharts.map { ($0.measure, $0.title) }, uniquingKeysWith: { a, _ in a })
        func num(_ x: Double?) -> String { x.map { JSON.value(.real($0)) } ?? "null" }
        func int(_ x: Int?) -> String { x.map(String.init) ?? "null" }
        func ints(_ xs: [Int]) -> String {  // appended number by number (no array of strings to join: a change lists hundreds of ties)
            var s = "["
            for (i, x) in xs.enumerated() {
                if i > 0 { s += "," }
                s += String(x)
            }
            return s + "]"
        }
        func strings(_ xs: [String]) -> String { "[" + xs.map(JSON.quote).joined(separator: ",") + "]" }
        var out = "{\"centrality\":\(JSON.quote(model.centrality)),\"title\":\(JSON.quote(model.dataset.title.isEmpty ? model.dataset.name : model.dataset.title)),\"periods\":["
        for (i, p) in model.periods.enumerated() {
            if i > 0 { out += "," }
            out += "\n{\"label\":\(JSON.quote(p.label)),\"start\":\(JSON.quote(p.start)),\"end\":\(JSON.quote(p.end))"
            out += ",\"actors\":\(int(p.actors)),\"positive\":\(int(p.positiveTies)),\"negative\":\(int(p.negativeTies))"
            if let d = p.diagram, let tree = diagramTree(d) {
                w.raw(out + ",\"svg\":")
                out = ""
                w.svg(tree)
                out += ",\"alt\":\(JSON.quote(d.alt))"
            } else {
                out += ",\"svg\":null,\"alt\":\(JSON.quote(p.diagram?.alt ?? ""))"
            }
            w.raw(out + ",\"edges\":")
            out = ""
            w.array(p.edges, to: &stream) { $0.drawnTie($1) }
            w.raw(",\"events\":")
            w.ints(p.events)
            out += ",\"coalitions\":["
            out += p.coalitions.map { c in
                "{\"id\":\(JSON.quote(c.id)),\"label\":\(JSON.quote(c.label)),\"size\":\(c.size),\"color\":"
                    + (safeColor(c.color).map(JSON.quote) ?? "null")
                    + ",\"members\":\(strings(c.members.map(\.name) + (c.omitted.map { ["and \($0) more (tables/memberships.csv)"] } ?? []))),\"ids\":\(strings(c.members.map(\.id)))"
                    + (c.members.contains { $0.probability != nil } ? ",\"certainty\":[" + c.members.map { num($0.probability) }.joined(separator: ",") + "]" : "") + "}"
            }.joined(separator: ",")
            out += "],\"changes\":["
            out += p.changes.map { c in
                "{\"event\":\(JSON.quote(c.event)),\"coalitions\":\(strings(c.coalitions)),\"actors\":\(strings(c.actors)),\"detail\":\(JSON.quote(c.detail)),\"ties\":\(ints(c.ties))"
                    + (c.probability.map { ",\"probability\":\(num($0))" } ?? "")
                    + (c.explanation.map { x in
                        ",\"explanation\":{\"restsOn\":\(ints(x.restsOn)),\"gained\":\(ints(x.gained)),\"lost\":\(ints(x.lost)),\"tested\":\(int(x.tested)),\"summary\":\(JSON.quote(x.summary(ties: model.ties)))}"
                    } ?? "") + "}"
            }.joined(separator: ",")
            out += "],\"counts\":{\"count\":\(p.counts.count),\"largestShare\":\(num(p.counts.largestShare)),\"effective\":\(num(p.counts.effectiveNumber))}"
            out += ",\"balance\":["
            out += p.balance.map { "[\(JSON.quote(titles[$0.name] ?? readable($0.name))),\(num($0.value)),\(JSON.quote($0.name))]" }.joined(separator: ",")
            out += "],\"top\":["
            out += p.topActors.map { "[\(JSON.quote($0.name)),\(num($0.value))]" }.joined(separator: ",")
            out += "]}"
            w.raw(out)
            out = ""
            w.flush(to: &stream)
        }
        w.raw(out)  // the opening, when there is no period
        w.raw("\n],\"events\":")
        w.array(model.events, to: &stream) { $0.event($1) }
        w.raw(",\"ties\":")
        w.array(model.ties, to: &stream) { $0.tie($1) }
        w.raw(",\"actors\":")
        w.array(model.actors, to: &stream) { $0.actor($1) }
        if let names = model.tieNames { w.raw(",\"tieNames\":"); w.dictionary(names) }
        w.raw(",\"actorCharts\":")
        w.array(model.actorCharts) { $0.chart($1) }
        w.raw(",\"sources\":")
        w.array(model.sources) { $0.source($1) }
        w.raw(",\"measures\":")
        w.dictionary(measureReadings)
        if let note = model.explanationNote { w.raw(",\"explanationNote\":\(JSON.quote(note))") }
        // The readings side by side (only for datasets with several readings; a few values per period) still go
        // through the encoder.
        if let r = model.readings { w.raw(",\"readings\":\(encode(r)),\"sameReadings\":\(encode(r.identicalGroups()))") }
        w.raw("}")
        w.flush(to: &stream, force: true)
    }

    /// One-line readings of the balance measures, shown beside their values (the script adds the numbers).
    static let measureReadings: [String: String] = [
        "balance_ratio": "share of the closed triangles (three actors all tied) with an even number of rivalries, the balanced kind; 1 = all balanced",
        "frustration": "fewest ties that must be removed or flipped so that every alliance lies inside one of two camps and every rivalry across them; 0 = balanced",
        "frustration_normalized": "1 − frustration ÷ (ties ÷ 2): 1 = balanced, near 0 = as frustrated as a random signing",
        "walk_balance": "closed walks counted with their signs over closed walks counted without (each walk of length k weighted 1/k!); 1 = every cycle has an even number of rivalries",
        "algebraic_conflict": "smallest eigenvalue of the signed Laplacian; 0 when some part of the network is balanced (an isolated actor is enough), larger = conflict in every part",
        "triangles": "closed triangles: three actors tied pairwise",
    ]

    /// The diagram as the script's drawing data, or `nil` when it has no bytes or is not well-formed SVG.
    static func diagramTree(_ d: ReportModel.Diagram) -> HTMLReportSVG.Node? {
        d.svg.flatMap(HTMLReportSVG.sanitize)
    }

    /// `value` as JSON that is safe inside the page's data block (now only the readings side by side, and the
    /// reference ``ReportDataText`` is tested against): sorted keys (deterministic), and `<`, `>`, `&`
    /// and the line separators written as `\u` escapes (``JSONText/scriptSafe(_:)``, the script-safe rule of
    /// TextFormats' JSON strings applied to Foundation's encoding).
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(value), let text = String(data: data, encoding: .utf8) else { return "null" }
        return JSONText.scriptSafe(text)
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

    /// The day number (days since 0000-03-01, proleptic Gregorian) of the first or last day of `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`; `nil` for anything else.
    static func dayNumber(_ text: String, end: Bool) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 != nil }) else { return nil }
        let y = parts[0]!
        let m = parts.count > 1 ? parts[1]! : (end ? 12 : 1)
        guard (1...12).contains(m) else { return nil }
        func days(_ y: Int, _ m: Int, _ d: Int) -> Int {
            let yy = m <= 2 ? y - 1 : y, mm = m <= 2 ? m + 9 : m - 3
            return 365 * yy + yy / 4 - yy / 100 + yy / 400 + (153 * mm + 2) / 5 + d - 1
        }
        if parts.count == 3 { return days(y, m, parts[2]!) }
        if !end { return days(y, m, 1) }
        return m == 12 ? days(y + 1, 1, 1) - 1 : days(y, m + 1, 1) - 1
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
