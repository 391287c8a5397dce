import Foundation

/// Geometry of SVG drawn by Graphviz for Blocs diagrams: which edges pass through a node that is not their end.
public enum SVGGeometry {
    struct Marker { var cx, cy, rx, ry: Double }

    /// "edge a--c passes through b" for every edge path (sampled along its cubic Bézier segments, 20 points each)
    /// that enters the marker (ellipse or polygon box, shrunk by 1 pt for line widths) of an actor that is not one
    /// of its ends. Actors are the groups of class `actor`, edges those of class `tie`.
    public static func edgesThroughNodes(_ svg: String) -> [String] {
        var markers: [String: Marker] = [:]
        var edges: [(String, [(Double, Double)])] = []
        for (cls, title, body) in groups(svg) {
            let classes = cls.split(separator: " ")
            if classes.contains("actor"), let m = marker(body) { markers[title] = m }
            if classes.contains("tie"), let p = pathPoints(body) { edges.append((title, p)) }
        }
        var found: [String] = []
        for (title, path) in edges {
            let ends = title.components(separatedBy: "--")
            for (id, m) in markers.sorted(by: { $0.key < $1.key }) where !ends.contains(id) {
                if path.contains(where: { p in
                    let dx = (p.0 - m.cx) / max(m.rx - 1, 0.5), dy = (p.1 - m.cy) / max(m.ry - 1, 0.5)
                    return dx * dx + dy * dy < 1
                }) { found.append("edge \(title) passes through \(id)") }
            }
        }
        return found
    }

    /// An axis-aligned box in SVG coordinates.
    public struct Box: Equatable, Sendable {
        public var minX, minY, maxX, maxY: Double
        public func contains(_ x: Double, _ y: Double) -> Bool { x > minX && x < maxX && y > minY && y < maxY }
    }

    /// The coalition outlines (groups of class `coalition`), by coalition id (the subgraph name without its
    /// `cluster_` prefix and without the `~k` of a second or later part): one box per outline drawn.
    public static func outlines(_ svg: String) -> [String: [Box]] {
        var result: [String: [Box]] = [:]
        for (cls, title, body) in groups(svg) where cls.split(separator: " ").contains("coalition") {
            guard let m = marker(body) else { continue }
            var id = title.hasPrefix("cluster_") ? String(title.dropFirst("cluster_".count)) : title
            if let tilde = id.lastIndex(of: "~") { id = String(id[..<tilde]) }
            result[id, default: []].append(Box(minX: m.cx - m.rx, minY: m.cy - m.ry, maxX: m.cx + m.rx, maxY: m.cy + m.ry))
        }
        return result
    }

    /// The centre of every actor's marker (groups of class `actor`), by actor id.
    public static func actorCentres(_ svg: String) -> [String: (x: Double, y: Double)] {
        var result: [String: (x: Double, y: Double)] = [:]
        for (cls, title, body) in groups(svg) where cls.split(separator: " ").contains("actor") {
            if let m = marker(body) { result[title] = (m.cx, m.cy) }
        }
        return result
    }

    /// The groups of class `cls`: their `id` (entities for `-` undone) and their text up to the next group.
    public static func groups(ofClass cls: String, in svg: String) -> [(id: String, body: String)] {
        groups(svg).filter { $0.0.split(separator: " ").contains(Substring(cls)) }.map { g in
            (String(g.2.prefix { $0 != "\"" }).replacingOccurrences(of: "&#45;", with: "-"), g.2)
        }
    }

    /// The number of edges (groups of class `tie`) with a path.
    public static func edgeCount(_ svg: String) -> Int {
        groups(svg).filter { $0.0.split(separator: " ").contains("tie") && pathPoints($0.2) != nil }.count
    }

    static func groups(_ svg: String) -> [(String, String, String)] {
        var parts: [String] = []
        for p in svg.components(separatedBy: "<g id=\"").dropFirst() {
            if p.hasPrefix("a_"), !parts.isEmpty { parts[parts.count - 1] += "<g id=\"" + p } else { parts.append(p) }
        }
        return parts.map { part in
            var cls = "", title = ""
            if let r = part.range(of: "class=\"") { cls = String(part[r.upperBound...].prefix { $0 != "\"" }) }
            if let r = part.range(of: "<title>"), let e = part.range(of: "</title>") { title = String(part[r.upperBound..<e.lowerBound]) }
            title = title.replacingOccurrences(of: "&#45;", with: "-").replacingOccurrences(of: "&amp;", with: "&")
            return (cls, title, part)
        }
    }

    static func marker(_ body: String) -> Marker? {
        if let r = body.range(of: "<ellipse") {
            let tag = body[r.upperBound...].prefix { $0 != ">" }
            func attr(_ n: String) -> Double? {
                guard let a = tag.range(of: " \(n)=\"") else { return nil }
                return Double(tag[a.upperBound...].prefix { $0 != "\"" })
            }
            guard let cx = attr("cx"), let cy = attr("cy"), let rx = attr("rx"), let ry = attr("ry") else { return nil }
            return Marker(cx: cx, cy: cy, rx: rx, ry: ry)
        }
        // A box: its bounding box, as an ellipse inscribed in it (conservative for rounded squares).
        for shape in ["<polygon", "<path"] {
            guard let r = body.range(of: shape) else { continue }
            let tag = body[r.upperBound...].prefix { $0 != ">" }
            guard let a = tag.range(of: shape == "<path" ? " d=\"" : " points=\"") else { continue }
            let pts = numbers(tag[a.upperBound...].prefix { $0 != "\"" })
            guard let minX = pts.map(\.0).min(), let maxX = pts.map(\.0).max(), let minY = pts.map(\.1).min(), let maxY = pts.map(\.1).max() else { continue }
            return Marker(cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, rx: (maxX - minX) / 2, ry: (maxY - minY) / 2)
        }
        return nil
    }

    static func numbers(_ text: Substring) -> [(Double, Double)] {
        let values = text.split(whereSeparator: { "MCLZz, ".contains($0) }).compactMap { Double($0) }
        return stride(from: 0, to: values.count - 1, by: 2).map { (values[$0], values[$0 + 1]) }
    }

    /// Points along an SVG path `M x,y C x,y x,y x,y …`, 20 per cubic segment.
    static func pathPoints(_ body: String) -> [(Double, Double)]? {
        guard let r = body.range(of: "<path"), let d = body[r.upperBound...].range(of: " d=\"") else { return nil }
        let pts = numbers(body[d.upperBound...].prefix { $0 != "\"" })
        guard pts.count >= 4 else { return nil }
        var out: [(Double, Double)] = []
        var k = 0
        while k + 3 < pts.count {
            let (p0, p1, p2, p3) = (pts[k], pts[k + 1], pts[k + 2], pts[k + 3])
            for s in 0...20 {
                let t = Double(s) / 20, u = 1 - t
                out.append((u * u * u * p0.0 + 3 * u * u * t * p1.0 + 3 * u * t * t * p2.0 + t * t * t * p3.0,
                            u * u * u * p0.1 + 3 * u * u * t * p1.1 + 3 * u * t * t * p2.1 + t * t * t * p3.1))
            }
            k += 3
        }
        return out
    }
}
