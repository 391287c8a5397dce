import Foundation
import Testing
@testable import GraphvizKit

@Suite("Graphviz in-process")
struct GraphvizSmokeTests {
    @Test("A tiny graph is laid out and rendered to SVG in-process")
    func renderSVG() throws {
        let dot = ##"graph g { node [fontname="DejaVu Sans"]; a [label="Trotsky"]; b [label="Stalin"]; a -- b [style=dashed, color="#c0392b"]; }"##
        let svg = String(decoding: try Graphviz.shared.render(dot: dot, engine: .dot, format: "svg"), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("<svg"))
        #expect(svg.contains(">Trotsky</text>"))
        #expect(svg.contains(">Stalin</text>"))
        #expect(svg.contains("stroke-dasharray"))
        #expect(svg.contains("#c0392b"))
    }

    @Test("The same input renders to byte-identical SVG")
    func deterministic() throws {
        let dot = "graph g { a -- b; b -- c; c -- a; d; }"
        let one = try Graphviz.shared.render(dot: dot, engine: .neato, format: "svg")
        let two = try Graphviz.shared.render(dot: dot, engine: .neato, format: "svg")
        #expect(one == two)
    }

    @Test("PNG output starts with the PNG signature")
    func renderPNG() throws {
        let png = try Graphviz.shared.render(dot: "digraph { a -> b }", format: "png")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test("Layout positions are read back by node name")
    func positions() throws {
        let pos = try Graphviz.shared.layoutPositions(dot: #"graph { "a b" -- c; }"#, engine: .neato)
        #expect(Set(pos.keys) == ["a b", "c"])
        #expect(pos["a b"]!.x != pos["c"]!.x || pos["a b"]!.y != pos["c"]!.y)
    }

    @Test("A DOT syntax error is a typed error carrying Graphviz's message")
    func syntaxError() {
        #expect {
            _ = try Graphviz.shared.render(dot: "graph { a -- ; }", format: "svg")
        } throws: { error in
            guard case GraphvizError.syntax(let message)? = error as? GraphvizError else { return false }
            return message.contains("syntax error")
        }
    }

    @Test("An unknown output format is a typed render error")
    func badFormat() {
        #expect {
            _ = try Graphviz.shared.render(dot: "graph { a }", format: "nosuchformat")
        } throws: { error in
            guard case GraphvizError.render(let format, _)? = error as? GraphvizError else { return false }
            return format == "nosuchformat"
        }
    }

    @Test("Renders from several threads at once are serialised safely")
    func concurrentRenders() async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for i in 0..<16 {
                group.addTask { try Graphviz.shared.render(dot: "graph { n\(i) -- m\(i); }", format: "svg").count }
            }
            for try await size in group { #expect(size > 100) }
        }
    }
}
