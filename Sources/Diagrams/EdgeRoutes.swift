/// The routed edges of a laid-out period page, read back from Graphviz's `dot` output, so that the filmstrip can
/// draw every panel's edges exactly as the period's own page routed them (routing all panels' edges around all
/// their nodes at once took over two minutes on the Soviet run's 13 panels; each page alone takes milliseconds).
///
/// Graphviz moves a page so that its bounding box starts at the origin; the routes are moved back into the page's
/// own coordinates (the shift is read from the actor markers, whose input positions are known).
public struct EdgeRoutes: Hashable, Sendable {
    /// Spline control points in the page's coordinates (points), by edge id (`tie-a--b-alliance`).
    public var routes: [String: [StableLayout.Point]]

    public init(routes: [String: [StableLayout.Point]] = [:]) { self.routes = routes }

    /// Reads the routes from `laidOut` (Graphviz's `-Tdot` output of `page`).
    /// - Complexity: O(length of both texts).
    public init(laidOut: String, page: String) {
        let input = Self.blocks(page), output = Self.blocks(laidOut)
        // The shift Graphviz applied: output minus input position of the first actor marker found in both.
        var inputPos: [String: StableLayout.Point] = [:]
        for b in input { if let id = b["id"], id.hasPrefix("actor-"), let p = b["pos"].flatMap(Self.points)?.first { inputPos[id] = p } }
        var shift = StableLayout.Point(x: 0, y: 0)
        for b in output {
            if let id = b["id"], let q = inputPos[id], let p = b["pos"].flatMap(Self.points)?.first {
                shift = .init(x: p.x - q.x, y: p.y - q.y)
                break
            }
        }
        var routes: [String: [StableLayout.Point]] = [:]
        for b in output {
            guard let id = b["id"], id.hasPrefix("tie-"), let points = b["pos"].flatMap(Self.points), points.count >= 4 else { continue }
            routes[id] = points.map { .init(x: StableLayout.round2($0.x - shift.x), y: StableLayout.round2($0.y - shift.y)) }
        }
        self.routes = routes
    }

    /// The route of edge `id` moved by `offset`, as a DOT `pos` value; nil when the page had no route for it.
    func pos(_ id: String, offset: StableLayout.Point) -> String? {
        guard let r = routes[id] else { return nil }
        return "\"" + r.map { DOT.number($0.x + offset.x) + "," + DOT.number($0.y + offset.y) }.joined(separator: " ") + "\""
    }

    /// `x,y x,y …` (skipping `e,`/`s,` arrow points) as points.
    static func points(_ text: String) -> [StableLayout.Point]? {
        var out: [StableLayout.Point] = []
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\\" }) {
            if token.hasPrefix("e,") || token.hasPrefix("s,") { continue }
            let xy = token.split(separator: ",")
            guard xy.count >= 2, let x = Double(xy[0]), let y = Double(xy[1]) else { return nil }
            out.append(.init(x: x, y: y))
        }
        return out.isEmpty ? nil : out
    }

    /// The attribute lists (`[k=v, …]`) of a DOT text as dictionaries of their quoted values, unescaped; quoted
    /// strings and HTML-like `<…>` values are skipped over whole, so brackets inside names do not count.
    static func blocks(_ text: String) -> [[String: String]] {
        var result: [[String: String]] = []
        var chars = Array(text.unicodeScalars)[...]
        var current: [String: String]?
        var key = ""
        var token = ""
        func readQuoted() -> String {
            var s = ""
            while let c = chars.popFirst() {
                if c == "\\", let n = chars.popFirst() {
                    if n == "\n" { continue }  // a line continuation
                    if n != "\"" && n != "\\" { s.unicodeScalars.append("\\") }
                    s.unicodeScalars.append(n)
                } else if c == "\"" { break } else { s.unicodeScalars.append(c) }
            }
            return s
        }
        func skipHTML() {
            var depth = 1
            while depth > 0, let c = chars.popFirst() { if c == "<" { depth += 1 } else if c == ">" { depth -= 1 } }
        }
        while let c = chars.popFirst() {
            switch c {
            case "\"":
                let s = readQuoted()
                if current != nil, !key.isEmpty { current?[key] = s; key = "" }
            case "<":
                skipHTML()
                key = ""
            case "[":
                current = [:]; key = ""; token = ""
            case "]":
                if let b = current { result.append(b) }
                current = nil
            case "=":
                key = token; token = ""
            case " ", "\t", "\n", "\r", ",", ";":
                if current != nil, !key.isEmpty, !token.isEmpty { current?[key] = token; key = "" }
                token = ""
            default:
                token.unicodeScalars.append(c)
            }
        }
        return result
    }
}
