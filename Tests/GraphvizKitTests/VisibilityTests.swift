import CVisibility
import Foundation
import Testing

/// Sources/CVisibility computes Graphviz's spline-routing visibility graph with a grid of obstacle edges instead of
/// testing all of them; these tests hold it to libpathplan's own `visibility` and `ptVis`, entry by entry (bit for
/// bit), on random obstacle sets chosen to hit the library's edge cases: integer grids (collinear corners, corners
/// on other obstacles' edges), tiny drawings, near-vertical slivers, overlapping polygons.
@Suite("Visibility graph (libpathplan's, faster)")
struct VisibilityTests {
    /// SplitMix64, so the configurations are the same in every run.
    struct Random {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    enum Shape: CaseIterable { case free, integerGrid, tiny, slivers }

    /// Polygons (4 or 8 corners, clockwise as Graphviz writes obstacles) in libpathplan's configuration layout.
    final class Configuration {
        var points: [Ppoint_t] = []
        var start: [Int32] = []
        var next: [Int32] = []
        var prev: [Int32] = []

        init(polygons: Int, shape: Shape, random: inout Random) {
            for _ in 0..<polygons {
                let sides = random.next() < 0.5 ? 4 : 8
                var cx = random.next() * 1000, cy = random.next() * 800, r = 3 + random.next() * 30
                switch shape {
                case .integerGrid: cx = (cx / 20).rounded(.down) * 20; cy = (cy / 20).rounded(.down) * 20; r = 10
                case .tiny: cx *= 1e-3; cy *= 1e-3; r *= 1e-3
                default: break
                }
                let first = Int32(points.count)
                start.append(first)
                for s in 0..<sides {
                    let angle = -2 * Double.pi * Double(s) / Double(sides)
                    var x = cx + r * cos(angle), y = cy + r * sin(angle)
                    if shape == .integerGrid { x = x.rounded(); y = y.rounded() }
                    if shape == .slivers { x = cx + (s < sides / 2 ? 1e-7 * r : 0) }
                    points.append(Ppoint_t(x: x, y: y))
                    next.append(Int32(points.count))
                    prev.append(Int32(points.count - 2))
                }
                next[points.count - 1] = first
                prev[Int(first)] = Int32(points.count - 1)
            }
            start.append(Int32(points.count))
        }

        /// Runs `body` on a configuration over these arrays (its `vis` freed afterwards).
        func withConfig<R>(_ body: (inout blocs_vconfig) -> R) -> R {
            points.withUnsafeMutableBufferPointer { p in
                start.withUnsafeMutableBufferPointer { s in
                    next.withUnsafeMutableBufferPointer { n in
                        prev.withUnsafeMutableBufferPointer { v in
                            var c = blocs_vconfig(Npoly: Int32(s.count - 1), N: Int32(p.count), P: p.baseAddress, start: s.baseAddress,
                                                  next: n.baseAddress, prev: v.baseAddress, vis: nil)
                            defer {
                                if let vis = c.vis { free(vis[0]); free(vis) }
                            }
                            return body(&c)
                        }
                    }
                }
            }
        }
    }

    static func matrix(_ c: blocs_vconfig) -> [UInt64] {
        let n = Int(c.N)
        var out: [UInt64] = []
        for i in 0..<n { for j in 0..<n { out.append(c.vis![i]![j].bitPattern) } }
        return out
    }

    @Test("The visibility matrix is the library's, bit for bit", arguments: Shape.allCases)
    func matrixMatchesLibrary(shape: Shape) {
        var random = Random(state: 12 &+ UInt64(Shape.allCases.firstIndex(of: shape)!))
        var visible = 0, entries = 0
        for trial in 0..<12 {
            let config = Configuration(polygons: 5 + trial * 4, shape: shape, random: &random)
            let library = config.withConfig { c -> [UInt64] in blocs_library_visibility(&c); return Self.matrix(c) }
            let ours = config.withConfig { c -> [UInt64] in blocs_visibility(&c); return Self.matrix(c) }
            #expect(library == ours, "trial \(trial)")
            visible += library.filter { $0 != 0 }.count
            entries += library.count
        }
        // Not a vacuous comparison: some corners see each other, and some do not.
        #expect(visible > 0 && visible < entries)
    }

    @Test("A point's visibility vector is the library's, bit for bit", arguments: Shape.allCases)
    func pointVisibilityMatchesLibrary(shape: Shape) {
        var random = Random(state: 99 &+ UInt64(Shape.allCases.firstIndex(of: shape)!))
        for trial in 0..<6 {
            let config = Configuration(polygons: 10 + trial * 6, shape: shape, random: &random)
            let n = config.points.count
            var queries: [(Int32, Ppoint_t)] = []
            for q in 0..<24 {
                var p = config.points[Int(random.next() * Double(n))]
                if q % 2 == 1 {
                    p = Ppoint_t(x: random.next() * 1000, y: random.next() * 800)
                    if shape == .integerGrid { p = Ppoint_t(x: (p.x / 10).rounded() * 10, y: (p.y / 10).rounded() * 10) }
                }
                let polygon: Int32 = q % 3 == 0 ? -2222 : q % 3 == 1 ? -1111 : Int32(random.next() * Double(config.start.count - 1))
                queries.append((polygon, p))
            }
            func vectors(_ compute: (inout blocs_vconfig, Int32, Ppoint_t) -> UnsafeMutablePointer<Double>?) -> [[UInt64]] {
                config.withConfig { c in
                    blocs_visibility(&c)
                    return queries.map { polygon, p in
                        let v = compute(&c, polygon, p)!
                        defer { free(v) }
                        return (0..<(n + 2)).map { v[$0].bitPattern }
                    }
                }
            }
            let library = vectors { blocs_library_ptVis(&$0, $1, $2) }
            let ours = vectors { blocs_ptVis(&$0, $1, $2) }
            #expect(library == ours, "trial \(trial)")
        }
    }

    @Test("This program's visibility() and ptVis() are the fast ones (libpathplan's calls reach them)")
    func interposed() {
        #expect(blocs_visibility_interposed() == 1)
    }
}
