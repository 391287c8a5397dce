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

@Suite("Graphviz determinism and batches")
struct GraphvizDeterminismTests {
    static let clusters = """
        graph g { node [fontname="DejaVu Sans"];
          subgraph "cluster_b" { label="B"; b1; b2; }
          subgraph "cluster_a" { label="A"; a1; a2; }
          subgraph "cluster_c" { label="C"; c1; }
          a1 -- b1; b2 -- c1; a2 -- c1;
        }
        """

    @Test("Rendering the same clusters again in the same process gives the same bytes (ids follow the text, not the heap)")
    func sameBytesAfterOtherWork() throws {
        let first = try Graphviz.shared.render(dot: Self.clusters, engine: .dot, format: "svg")
        for i in 0..<20 {
            _ = try Graphviz.shared.render(dot: "graph { subgraph cluster_\(i) { x\(i); y\(i) } z -- x\(i) }", engine: .dot, format: "svg")
            _ = try? Graphviz.shared.render(dot: "graph { a -- ; }", engine: .dot, format: "svg")
            #expect(try Graphviz.shared.render(dot: Self.clusters, engine: .dot, format: "svg") == first)
        }
        // Clusters come out in the order of the text.
        let svg = String(decoding: first, as: UTF8.self)
        let b = try #require(svg.range(of: "<title>cluster_b</title>")), a = try #require(svg.range(of: "<title>cluster_a</title>"))
        #expect(b.lowerBound < a.lowerBound)
    }

    @Test("Several formats from one layout")
    func formats() throws {
        let out = try Graphviz.shared.render(dot: Self.clusters, engine: .dot, formats: ["svg", "png", "dot"])
        #expect(out.count == 3)
        #expect(String(decoding: out[0], as: UTF8.self).contains("<svg"))
        #expect(Array(out[1].prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(String(decoding: out[2], as: UTF8.self).contains("pos=\""))
        #expect(out[0] == (try Graphviz.shared.render(dot: Self.clusters, engine: .dot, format: "svg")))
    }

    @Test("Node names with quotes and backslashes survive the reader")
    func names() throws {
        let pos = try Graphviz.shared.layoutPositions(dot: #"graph { "a \"q\"" -- "b"; }"#, engine: .neato)
        #expect(Set(pos.keys) == [#"a "q""#, "b"])
    }

    @Test("The worker protocol round-trips jobs and results")
    func protocolRoundTrip() throws {
        let job = RenderJob(dot: "graph { \"é\" -- b }\n", engine: .neato, formats: ["svg", "png"])
        let frame = WorkerProtocol.encodeRequest(job)
        #expect(WorkerProtocol.decodeRequest(Array(frame.dropFirst(4))) == job)
        for result: Result<[[UInt8]], GraphvizError> in [.success([[1, 2, 3], []]), .failure(.layout(engine: "dot", message: "trouble in init_rank")),
                                                          .failure(.syntax("syntax error in line 1")), .failure(.render(format: "gif", message: "x"))] {
            let r = WorkerProtocol.encodeResponse(result)
            let decoded = WorkerProtocol.decodeResponse(Array(r.dropFirst(4)))
            #expect(decoded.map { "\($0)" } == "\(result)")
        }
        #expect(WorkerProtocol.decodeRequest(Array("nosuchengine svg\ngraph{}".utf8)) == nil)
    }
}
