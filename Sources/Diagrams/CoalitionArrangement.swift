import Foundation

/// Where each actor of one period sits on a stable page: members of a coalition drawn together, so that every
/// coalition is ONE outline that holds none of another coalition's actors, while positions stay those of the
/// shared frame as far as that allows.
///
/// The rule, in two steps, all in the stable layout's coordinates (points):
/// 1. Inside a coalition: its home is the centroid of its members' stable positions. Members are placed nearest
///    the home first; each goes to the free spot nearest to its stable position pulled halfway (``pull``) toward the
///    home, searched on rings of ``step`` points around that target, so that no two member boxes overlap. The
///    same members therefore give the same block in every period, laid out as they sit in the stable frame.
/// 2. Between coalitions: each coalition's outline (members' boxes padded, widened for its label) and each
///    unaligned actor's box is a block; blocks are placed largest first, each at its home if free, else moved by
///    the smallest ring offset that keeps it ``margin`` points clear of the blocks already placed.
/// Blocks never meet, so no outline encloses or crosses a foreign actor or another outline.
///
/// Above ``actorLimit`` actors on one page the stable positions are kept as they are (the ring search costs
/// O(n²) per period) and a scattered coalition is drawn as several outlines.
enum CoalitionArrangement {
    /// How far (fraction of the distance) each member is pulled from its stable position toward its coalition's home.
    static let pull = 0.5
    /// The ring spacing of the free-spot search (points).
    static let step = 6.0
    /// The clearance between two member boxes inside a coalition, and between two blocks (points). More than
    /// twice the pages' `sep` (3 pt): Graphviz routes edges around nodes only while no two nodes padded by `sep`
    /// touch (else it falls back to straight edges through nodes).
    static let gap = 8.0
    static let margin = 10.0
    static let actorLimit = 600

    /// Box centres (points) of the period's actors, by actor id; nil beyond ``actorLimit`` actors or when the
    /// layout lacks an actor (the caller then keeps the stable positions).
    /// - Complexity: O(n² · r) for n actors and r rings searched (r is small: a few per actor).
    static func positions(_ d: DiagramSnapshot, stable: StableLayout, style: DiagramStyle) -> [String: StableLayout.Point]? {
        guard d.nodes.count <= actorLimit else { return nil }
        var size: [String: (w: Double, h: Double)] = [:]
        for n in d.nodes {
            guard let b = stable.boxes[n.id], stable.positions[n.id] != nil else { return nil }
            size[n.id] = (b.width * 72, b.height * 72)
        }
        func rect(_ id: String, at p: StableLayout.Point) -> Rect {
            let s = size[id] ?? (0, 0)
            return Rect(minX: p.x - s.w / 2, minY: p.y - s.h / 2, maxX: p.x + s.w / 2, maxY: p.y + s.h / 2)
        }
        var result: [String: StableLayout.Point] = [:]
        struct Block { var members: [String]; var rect: Rect; var order: (Int, String) }
        var blocks: [Block] = []
        var inCluster = Set<String>()
        for c in d.clusters.sorted(by: { $0.id < $1.id }) {
            let members = c.members.filter { size[$0] != nil }.sorted()
            guard !members.isEmpty else { continue }
            inCluster.formUnion(members)
            let home = centroid(members.compactMap { stable.positions[$0] })
            let order = members.sorted {
                (distance2(stable.positions[$0] ?? home, home), $0) < (distance2(stable.positions[$1] ?? home, home), $1)
            }
            var placed: [Rect] = []
            for m in order {
                let s = stable.positions[m] ?? home
                let target = StableLayout.Point(x: home.x + (s.x - home.x) * (1 - pull), y: home.y + (s.y - home.y) * (1 - pull))
                let p = nearestFree(target) { q in
                    let r = rect(m, at: q).padded(gap / 2)
                    return !placed.contains { meets(r, $0) }
                }
                result[m] = p
                placed.append(rect(m, at: p).padded(gap / 2))
            }
            let outline = StablePage.clusterOutline(members.map { rect($0, at: result[$0] ?? home) }, label: c.label, style: style)
                ?? rect(members[0], at: home)
            blocks.append(Block(members: members, rect: outline, order: (members.count, c.id)))
        }
        for n in d.nodes where !inCluster.contains(n.id) {
            guard let p = stable.positions[n.id] else { continue }
            result[n.id] = p
            blocks.append(Block(members: [n.id], rect: rect(n.id, at: p), order: (0, n.id)))
        }
        // Largest coalitions first (then by id), unaligned actors last: the big blocks keep their homes.
        blocks.sort { ($1.order.0, $0.order.1) < ($0.order.0, $1.order.1) }
        var taken: [Rect] = []
        for b in blocks {
            let t = nearestFree(StableLayout.Point(x: 0, y: 0)) { q in
                let r = b.rect.shifted(q).padded(margin / 2)
                return !taken.contains { meets(r, $0) }
            }
            taken.append(b.rect.shifted(t).padded(margin / 2))
            for m in b.members {
                if let p = result[m] { result[m] = StableLayout.Point(x: StableLayout.round2(p.x + t.x), y: StableLayout.round2(p.y + t.y)) }
            }
        }
        return result
    }

    static func meets(_ a: Rect, _ b: Rect) -> Bool { a.minX < b.maxX && b.minX < a.maxX && a.minY < b.maxY && b.minY < a.maxY }

    static func centroid(_ points: [StableLayout.Point]) -> StableLayout.Point {
        guard !points.isEmpty else { return .init(x: 0, y: 0) }
        return .init(x: points.map(\.x).reduce(0, +) / Double(points.count), y: points.map(\.y).reduce(0, +) / Double(points.count))
    }

    static func distance2(_ a: StableLayout.Point, _ b: StableLayout.Point) -> Double { (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) }

    /// The first point, on rings of radius k·``step`` around `target` (k = 0, 1, …; 6k points on ring k, from angle
    /// 0 counter-clockwise), that `free` accepts. Deterministic; always ends (far enough out everything is free).
    static func nearestFree(_ target: StableLayout.Point, _ free: (StableLayout.Point) -> Bool) -> StableLayout.Point {
        if free(target) { return target }
        var k = 1
        while true {
            let count = 6 * k
            for i in 0..<count {
                let angle = 2 * Double.pi * Double(i) / Double(count)
                let q = StableLayout.Point(x: target.x + Double(k) * step * cos(angle), y: target.y + Double(k) * step * sin(angle))
                if free(q) { return q }
            }
            k += 1
        }
    }
}

extension Rect {
    func shifted(_ p: StableLayout.Point) -> Rect { Rect(minX: minX + p.x, minY: minY + p.y, maxX: maxX + p.x, maxY: maxY + p.y) }
}
