import Foundation
import Testing
@testable import Reports

@Suite("HTML report")
struct HTMLReportTests {
    let model = ReportModelFixture.model()
    var html: String { HTMLReport.render(model) }

    /// The text between `open` and the next `close`, for each occurrence.
    func between(_ s: String, _ open: String, _ close: String) -> [String] {
        var out: [String] = []
        var rest = s[...]
        while let a = rest.range(of: open), let b = rest[a.upperBound...].range(of: close) {
            out.append(String(rest[a.upperBound..<b.lowerBound]))
            rest = rest[b.upperBound...]
        }
        return out
    }

    func count(_ s: String, _ needle: String) -> Int { s.components(separatedBy: needle).count - 1 }

    /// The page's JSON data block, parsed.
    func data(_ html: String) throws -> [String: Any] {
        let block = try #require(between(html, "<script type=\"application/json\" id=\"report-data\">", "</script>").first)
        return try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
    }

    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256() {
        func hex(_ s: String) -> String { SHA256.digest(Array(s.utf8)).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("The Content-Security-Policy allows exactly the page's own script and style, and data: images")
    func contentSecurityPolicy() throws {
        let page = html
        let csp = try #require(between(page, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\"").first)
            .replacingOccurrences(of: "&#39;", with: "'")
        let script = try #require(between(page, "<script>", "</script>").first)
        let style = try #require(between(page, "<style>", "</style>").first)
        #expect(csp.contains("default-src 'none'"))
        #expect(csp.contains("img-src data:;"))
        #expect(csp.contains("script-src \(SHA256.cspSource(script));"))
        #expect(csp.contains("style-src \(SHA256.cspSource(style));"))
        #expect(!csp.contains("unsafe"))
        #expect(csp.contains("base-uri 'none'"))
        // Nothing is loaded from elsewhere.
        #expect(!page.contains("src=\"http"))
        #expect(!page.contains("<link"))
        #expect(!page.contains("@import"))
        #expect(!page.contains("url("))
    }

    @Test("Hostile texts never appear unescaped", arguments: ReportModelFixture.hostile)
    func hostileTexts(_ text: String) throws {
        let page = html
        #expect(!page.contains(text), "raw \(text) in the page")
        // Kept, escaped: in markup (the title, settings, ranking, …) or quoted in the script's data.
        #expect(page.contains(HTMLReport.escape(text)) || page.contains(JSON.quote(text)))
    }

    @Test("Markup characters from the data cannot open or close elements")
    func noInjectedMarkup() throws {
        let page = html
        #expect(count(page.lowercased(), "<script") == 2)
        #expect(count(page.lowercased(), "</script") == 2)
        #expect(count(page, "<img") == 1)  // the story diagram; the period diagrams are drawing data for the script
        #expect(!page.contains("\u{2028}") && !page.contains("\u{2029}"))
        #expect(!page.contains("<!--"))
        #expect(!page.contains("]]>"))
        // Inside the data block nothing ends the script element or starts a comment.
        let block = try #require(between(page, "id=\"report-data\">", "</script>").first)
        for bad in ["<", ">", "&"] { #expect(!block.contains(bad)) }
        // The SVG diagram with a script, handlers, a link, a style, an image and a foreign object keeps none of them.
        for bad in ["svg onload", "svg script", "onclick", "onload", "javascript:alert(4)", "javascript:alert(5)", "foreignObject",
                    "xlink:href", "\"image\"", "\"style\"", "\"script\"", "\"a\","] {
            #expect(!page.contains(bad), "\(bad) in the page")
        }
        // A javascript: link is text, an https: link is a link; an invalid colour is dropped.
        #expect(!page.contains("href=\"javascript"))
        #expect(page.contains("<a href=\"https://archive.org/details/socialisminoneco0002carr\" rel=\"noopener noreferrer\">"))
        #expect(!page.contains("url(x)"))
    }

    @Test("The data block carries the model's texts exactly")
    func dataBlock() throws {
        let json = try data(html)
        let periods = try #require(json["periods"] as? [[String: Any]])
        #expect(periods.count == model.periods.count)
        for (p, d) in zip(model.periods, periods) {
            #expect(d["label"] as? String == p.label)
            let coalitions = try #require(d["coalitions"] as? [[String: Any]])
            #expect(coalitions.map { $0["label"] as? String } == p.coalitions.map(\.label))
            #expect(coalitions.map { $0["members"] as? [String] } == p.coalitions.map { $0.members.map(\.name) })
            #expect(coalitions.map { $0["color"] as? String } == p.coalitions.map { HTMLReport.safeColor($0.color) })
            let changes = try #require(d["changes"] as? [[String: Any]])
            #expect(changes.map { $0["detail"] as? String } == p.changes.map(\.detail))
            #expect(changes.map { $0["actors"] as? [String] } == p.changes.map(\.actors))
            let top = try #require(d["top"] as? [[Any]])
            #expect(top.map { $0[0] as? String } == p.topActors.map(\.name))
            // The drawing data holds one node group per member and one edge group per drawn tie, by id.
            let tree = try #require(d["svg"] as? [Any])
            var ids: [String] = []
            func walk(_ node: Any) {
                guard let e = node as? [Any], e.count == 3, let attributes = e[1] as? [String], let children = e[2] as? [Any] else { return }
                for k in stride(from: 0, to: attributes.count - 1, by: 2) where attributes[k] == "id" { ids.append(attributes[k + 1]) }
                children.forEach(walk)
            }
            walk(tree)
            #expect(Set(ids.filter { $0.hasPrefix("actor-") }) == Set(p.coalitions.flatMap { $0.members.map { "actor-" + $0.id } }))
            #expect(Set(ids.filter { $0.hasPrefix("tie-") }) == Set(p.edges.map { "tie-\($0.a)--\($0.b)-\($0.relation)" }))
            let edges = try #require(d["edges"] as? [[String: Any]])
            #expect(edges.map { $0["ties"] as? [Int] } == p.edges.map(\.ties))
            #expect(d["events"] as? [Int] == p.events)
        }
        // The colour that is not #rrggbb is gone; the others are kept.
        #expect(HTMLReport.safeColor("red;background:url(x)") == nil)
        #expect(HTMLReport.safeColor("#8C2F23") == "#8c2f23")
        #expect(HTMLReport.safeColor("#8c2f2") == nil)
    }

    @Test("Page structure: controls, one tick and one ranking row per period, the charts")
    func structure() {
        let page = html
        let n = model.periods.count
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.contains("<input type=\"range\" id=\"slider\" min=\"0\" max=\"\(n - 1)\""))
        #expect(page.contains("id=\"prev\"") && page.contains("id=\"next\""))
        #expect(count(page, "<li><button type=\"button\" data-period=") + count(page, "<li class=\"minor\"><button") == n)
        #expect(count(page, "<tr data-period=") == n)
        // Coalitions, largest share, and the three balance charts (all have values).
        #expect(count(page, "<figure class=\"chart\"") == 5)
        #expect(count(page, "<rect class=\"marker\"") == 5)
        #expect(count(page, "<rect class=\"hit\" data-period=") == 5 * n)
        // Bars for the number of coalitions, one per period.
        #expect(count(page, "class=\"series s0 bar\"") == n)
        #expect(page.contains("<h1 id=\"title\">Oppositions in the party &lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(page.contains("<dt>scenario</dt><dd>&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</dd>"))
        #expect(page.contains("id=\"story\""))
        #expect(page.contains("id=\"sources\""))
    }

    @Test("Missing values leave gaps in a line chart instead of zeros")
    func gaps() throws {
        let page = html
        // Walk balance is missing in 1923 and 1928: one segment through the four known years.
        let chart = try #require(between(page, "<figure class=\"chart\" id=\"chart-balance-2\">", "</figure>").first)
        let path = try #require(between(chart, "<path class=\"series s0 line\" d=\"", "\"").first)
        #expect(count(path, "M") == 1 && count(path, "L") == 3)
        #expect(count(chart, "<circle") == 4)
        #expect(count(chart, "<text class=\"missing\"") == 2)
        // The balance ratio misses 1928 only.
        let ratio = try #require(between(page, "<figure class=\"chart\" id=\"chart-balance-0\">", "</figure>").first)
        #expect(count(ratio, "<circle") == 5)
        #expect(ratio.contains("<title>1928 — Balanced triangles: none</title>"))
    }

    @Test("A chart with no value in any period is left out")
    func emptyChart() {
        var m = model
        m.balanceCharts.append(.init(measure: "algebraic_conflict", title: "Algebraic conflict"))
        let page = HTMLReport.render(m)
        #expect(count(page, "<figure class=\"chart\"") == 5)
        #expect(!page.contains("Algebraic conflict"))
    }

    @Test("The same model gives byte-identical pages, also after a Codable round trip")
    func deterministic() throws {
        let a = HTMLReport.render(model)
        #expect(a == HTMLReport.render(ReportModelFixture.model()))
        let encoded = try JSONEncoder().encode(model)
        let decoded = try JSONDecoder().decode(ReportModel.self, from: encoded)
        #expect(decoded == model)
        #expect(HTMLReport.render(decoded) == a)
    }

    @Test("Diagrams given by path: embedded on request, else linked relative with the path percent-encoded")
    func diagramPaths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = Data("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4\" height=\"4\"/>".utf8)
        try svg.write(to: dir.appendingPathComponent("1926.svg"))

        var m = model
        m.periods[3].diagram = .init(path: "1926.svg", alt: "1926")
        m.story = .init(path: "javascript:alert(1)//\"<x>.svg", alt: "story")
        let linked = HTMLReport.render(m)
        #expect(linked.contains(HTMLReport.escape("img-src data: 'self' file:;")))
        #expect(linked.contains("{\"label\":\"1926\"") && linked.contains("\"svg\":null,\"alt\":\"1926\""))
        #expect(linked.contains("src=\"javascript%3Aalert%281%29//%22%3Cx%3E.svg\""))
        #expect(HTMLReport.imageSource(.init(path: "//evil.example/x.svg", alt: "")) == ".///evil.example/x.svg")
        #expect(HTMLReport.imageSource(.init(path: "Ö ß.svg", alt: "")) == "%C3%96%20%C3%9F.svg")

        m.story = nil
        let embedded = try m.embeddingDiagrams(relativeTo: dir)
        #expect(embedded.periods[3].diagram == .init(svg: svg, alt: "1926"))
        let page = HTMLReport.render(embedded)
        #expect(page.contains("img-src data:;"))
        #expect(page.contains("\"svg\":[\"svg\",[\"height\",\"4\",\"width\",\"4\"],[]],\"alt\":\"1926\""))
        #expect(throws: (any Error).self) { try ReportModel(dataset: m.dataset, periods: [
            .init(label: "x", start: "", end: "", diagram: .init(path: "missing.svg", alt: ""),
                  counts: .init(count: 0, largestShare: nil, effectiveNumber: nil))]).embeddingDiagrams(relativeTo: dir) }
    }

    @Test("A model without periods still renders a page that says so")
    func noPeriods() {
        let page = HTMLReport.render(ReportModel(dataset: .init(name: "empty", title: ""), periods: []))
        #expect(page.contains("<title>empty</title>"))
        #expect(page.contains("The dataset has no periods to show."))
        #expect(!page.contains("id=\"slider\""))
        #expect(!page.contains("class=\"chart\""))
    }

    @Test("A model JSON written before events, ties, actors and evidence existed still decodes")
    func oldModelDecodes() throws {
        var old = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(model)) as? [String: Any])
        for key in ["events", "ties", "actors", "actorCharts"] { old[key] = nil }
        old["periods"] = (old["periods"] as! [[String: Any]]).map { p in
            var p = p
            p["edges"] = nil
            p["events"] = nil
            p["changes"] = (p["changes"] as! [[String: Any]]).map { c in var c = c; c["ties"] = nil; return c }
            return p
        }
        let decoded = try JSONDecoder().decode(ReportModel.self, from: JSONSerialization.data(withJSONObject: old))
        var want = model
        want.events = []; want.ties = []; want.actors = []; want.actorCharts = []
        for i in want.periods.indices {
            want.periods[i].edges = []
            want.periods[i].events = []
            for k in want.periods[i].changes.indices { want.periods[i].changes[k].ties = [] }
        }
        #expect(decoded == want)
    }

    @Test("A flat or nearly flat chart says so, with the periods that differ and what the value means")
    func flatCharts() {
        let labels = ["1921", "1922", "1923", "1924"]
        #expect(HTMLReportCharts.flatNote("walk_balance", [1, 1.000000000000007, 0.99999999999998, nil], labels: labels)
                == ". Flat: 1 in every period that has a value — every closed walk has an even number of rivalries: the network is balanced.")
        #expect(HTMLReportCharts.flatNote("frustration", [0, 0, 2, 0], labels: labels)
                == ". 0 in 3 of 4 periods (all but 1923) — there the actors split into two camps with every alliance inside a camp and every rivalry across.")
        #expect(HTMLReportCharts.flatNote("frustration", [0, 1, 2, 0], labels: labels) == "")   // 2 of 4: not nearly flat
        #expect(HTMLReportCharts.flatNote("coalitions", [2, 2, 3, 2], labels: labels) == "")    // no reading for a partial run
        #expect(HTMLReportCharts.flatNote("coalitions", [2, 2, 2, 2], labels: labels) == ". Flat: 2 in every period — the measure does not change.")
        #expect(HTMLReportCharts.flatNote("balance_ratio", [1, nil, nil, nil], labels: labels) == "")  // one value is not a line
    }

    @Test("Numbers: chart ceilings, grid labels and reading values")
    func numbers() {
        #expect(HTMLReportCharts.niceCeiling(0.83) == 1)
        #expect(HTMLReportCharts.niceCeiling(3) == 5)
        #expect(HTMLReportCharts.niceCeiling(2.1) == 2.5)
        #expect(HTMLReportCharts.niceCeiling(20) == 20)
        #expect(HTMLReportCharts.niceCeiling(0) == 1)
        #expect(HTMLReportCharts.axisNumber(2.5) == "2.5")
        #expect(HTMLReportCharts.axisNumber(0.5) == "0.5")
        #expect(HTMLReportCharts.axisNumber(10) == "10")
        #expect(HTMLReportCharts.axisNumber(0) == "0")
        #expect(HTMLReport.readable("algebraic_conflict") == "Algebraic conflict")
        #expect(HTMLReport.number(3) == "3")
        #expect(HTMLReport.number(0.1234) == "0.123")
        #expect(HTMLReport.number(12.345) == "12.3")
        #expect(HTMLReport.number(.nan) == "–")
        // Up to 14 labelled periods; the last is labelled unless it crowds the one before.
        #expect((0..<6).allSatisfy { HTMLReport.labelled($0, of: 6) })
        #expect((0..<40).filter { HTMLReport.labelled($0, of: 40) } == [0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39])
    }
}
