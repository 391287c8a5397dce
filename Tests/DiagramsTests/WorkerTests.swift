import Foundation
import GraphvizKit
import Testing
@testable import Diagrams

/// An input on which Graphviz 2.42's `dot` layout aborts the process through libgvc with a failed assertion
/// (`class2.c:148: merge_chain: Assertion ED_to_virt(e) == NULL failed`), found by fuzzing cluster graphs through
/// `blocs render-worker`. Checked deterministic: 12 of 12 fresh workers, after 0 to 2 other jobs and with
/// environments of several sizes (inputs that corrupt the heap instead crash only most of the time).
enum Crashers {
    static let assertion = """
        digraph G {
        subgraph cluster_0 { V4 V3 V0 }
        subgraph cluster_1 { V5 V1 }
        subgraph cluster_2 { V2 }
        subgraph cluster_3 {  }
        V1 -> V3 []
        V0 -> V4 [constraint=false,lhead=cluster_3]
        V0 -> V3 []
        V0 -> V5 [label=x]
        V0 -> V1 [constraint=false]
        V4 -> V1 []
        V4 -> V3 [constraint=false]
        V4 -> V5 [constraint=false]
        V4 -> V5 [constraint=false]
        V1 -> V4 []
        }
        """
}

@Suite("Render workers")
struct WorkerTests {
    var pool: RenderWorkerPool { RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 2) }

    @Test("A crash in Graphviz fails one job; the batch completes and the worker is restarted")
    func crashIsolated() throws {
        let good = try SnapshotDiagram.dot(Fixtures.small, layout: .independent(.dot))
        let jobs = [
            RenderJob(dot: good, engine: .dot, formats: ["svg", "png"]),
            RenderJob(dot: Crashers.assertion, engine: .dot, formats: ["svg"]),
            RenderJob(dot: good, engine: .neato, formats: ["svg"]),
            RenderJob(dot: Crashers.assertion, engine: .dot, formats: ["svg"]),
            RenderJob(dot: "graph { a -- ; }", engine: .dot, formats: ["svg"]),
            RenderJob(dot: good, engine: .dot, formats: ["svg"]),
        ]
        let pool = RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 1)
        let results = pool.render(jobs)
        #expect(results.count == jobs.count)
        let first = try results[0].get()
        #expect(first.count == 2 && String(decoding: first[0], as: UTF8.self).contains("<svg"))
        #expect(Array(first[1].prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        for i in [1, 3] {
            guard case .failure(.workerCrashed(let detail)) = results[i] else { Issue.record("expected a crash, got \(results[i])"); continue }
            #expect(detail.contains("signal 6 (SIGABRT)") && detail.contains("merge_chain: Assertion"), "\(detail)")
        }
        #expect(try results[2].get().count == 1)
        guard case .failure(.syntax(let message)) = results[4] else { Issue.record("expected a syntax error"); return }
        #expect(message.contains("syntax error"))
        // The same bytes as rendering in this process.
        #expect(try results[5].get()[0] == Graphviz.shared.render(dot: good, engine: .dot, format: "svg"))
        pool.shutdown()
    }

    /// A random graph on which `dot` takes minutes and hundreds of MB (450 nodes, 1,800 edges; over 100 s here).
    static var slowGraph: String {
        var state: UInt64 = 3
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        var lines = ["graph slow {"]
        for _ in 0..<1800 {
            let a = next() % 450, b = next() % 450
            if a != b { lines.append("  n\(a) -- n\(b);") }
        }
        return (lines + ["}"]).joined(separator: "\n")
    }

    @Test("A diagram over the time limit fails alone with a clear reason; the next one in the same worker lane draws")
    func timeLimit() throws {
        let pool = RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 1, timeLimit: 2, memoryLimitMB: 0)
        let started = Date()
        let results = pool.render([RenderJob(dot: Self.slowGraph, engine: .dot, formats: ["svg"]),
                                   RenderJob(dot: "graph { a -- b }", engine: .dot, formats: ["svg"])])
        #expect(Date().timeIntervalSince(started) < 30)
        guard case .failure(.workerCrashed(let detail)) = results[0] else { Issue.record("expected a timeout, got \(results[0])"); return }
        #expect(detail.contains("longer than 2 s"), "\(detail)")
        #expect(try results[1].get().count == 1)
        pool.shutdown()
    }

    @Test("A diagram over the memory limit (RLIMIT_AS in the worker) fails alone; the next one draws")
    func memoryLimit() throws {
        let pool = RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 1, timeLimit: 120, memoryLimitMB: 300)
        let results = pool.render([RenderJob(dot: Self.slowGraph, engine: .dot, formats: ["svg"]),
                                   RenderJob(dot: "graph { a -- b }", engine: .dot, formats: ["svg"])])
        guard case .failure(let error) = results[0] else { Issue.record("expected a failure, got a drawing"); return }
        #expect(!error.description.contains("longer than"), "stopped by memory, not by time: \(error)")
        #expect(try results[1].get().count == 1)
        pool.shutdown()
    }

    @Test("Workers are replaced after recycleAfter jobs and keep rendering")
    func recycling() throws {
        let pool = RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 1, recycleAfter: 2)
        let jobs = (0..<5).map { i in RenderJob(dot: "graph { n\(i) [label=<<b>job \(i)</b>>] }", engine: .dot, formats: ["svg"]) }
        let results = pool.render(jobs)
        #expect(results.allSatisfy { (try? $0.get())?.first.map { String(decoding: $0, as: UTF8.self).contains("job") } == true })
        #expect(pool.processesStarted == 3)
        pool.shutdown()
    }

    @Test("Two workers render a batch in job order")
    func parallelOrder() throws {
        let jobs = (0..<8).map { i in RenderJob(dot: "graph { n\(i) [label=\"job \(i)\"] }", engine: .dot, formats: ["svg"]) }
        let results = pool.render(jobs)
        for (i, r) in results.enumerated() {
            #expect(String(decoding: try r.get()[0], as: UTF8.self).contains(">job \(i)</text>"))
        }
    }

    @Test("Workers are reused within a batch and fresh for each batch: a batch's bytes do not depend on earlier batches")
    func reuseAndHistory() throws {
        // The Soviet-like routed page of the fixtures: spline routing is where Graphviz 2.42 keeps state.
        let layout = try Fixtures.stableLayout(Fixtures.periods)
        let pages = try Fixtures.periods.map { try SnapshotDiagram.dot($0, layout: .stable(layout)) }
        let jobs = pages.map { RenderJob(dot: $0, engine: .nop2, formats: ["svg"]) }
        let pool = RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 2)
        let alone = pool.render(jobs).map { try? $0.get() }
        // Workers take jobs from one queue: a worker may find it empty when its turn comes (then it never starts).
        let first = pool.processesStarted
        #expect((1...2).contains(first), "three jobs on at most two reused workers")
        let other = (0..<4).map { i in RenderJob(dot: "graph { a -- b -- c; a -- c; n\(i) -- a }", engine: .neato, formats: ["svg"]) }
        _ = pool.render(other)
        let second = pool.processesStarted
        #expect(second > first, "every batch on fresh workers")
        let after = pool.render(jobs).map { try? $0.get() }
        #expect(pool.processesStarted > second && pool.processesStarted <= 6, "every batch on fresh workers")
        #expect(alone == after && alone.allSatisfy { $0 != nil })
        pool.shutdown()
    }

    /// The Soviet run's period pages as Blocs hands them to Graphviz (`blocs render --format dot`).
    static func sovietPages() throws -> [String] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-pages-\(getpid())-\(UInt64.random(in: 0..<UInt64.max))")
        defer { try? FileManager.default.removeItem(at: out) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Fixtures.blocsExecutable)
        p.arguments = ["render", "--format", "dot", "--out", out.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return try ["1923", "1926", "1927"].map { try String(contentsOf: out.appendingPathComponent("\($0).dot"), encoding: .utf8) }
    }

    @Test("A picture's bytes do not depend on which worker draws it, in which order, or on what the process drew before")
    func independentOfHistory() throws {
        // Graphviz 2.42's spline router jitters obstacles with drand48 and never reseeds it for nop2: the same page
        // drawn twice by one `neato -n2` process came out 0.01-0.05 pt apart (checked on the 1927 page). Every
        // render now starts from a fresh process's random state.
        let jobs = try Self.sovietPages().map { RenderJob(dot: $0, engine: .nop2, formats: ["svg"]) }
        // Each page alone in a fresh worker: what the `dot` command draws from the same text.
        let alone = jobs.map { job -> [[UInt8]]? in
            let p = RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 1)
            defer { p.shutdown() }
            return try? p.render([job])[0].get()
        }
        #expect(alone.allSatisfy { $0 != nil })
        // One worker drawing them all twice, the second time in reverse order.
        let one = RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 1, freshPerBatch: false)
        let twice = one.render(jobs + jobs.reversed()).map { try? $0.get() }
        one.shutdown()
        #expect(Array(twice.prefix(jobs.count)) == alone)
        #expect(Array(twice.suffix(jobs.count).reversed()) == alone)
        // Three workers, and this process after drawing them all once already.
        let three = RenderWorkerPool(command: [Fixtures.blocsExecutable, "render-worker"], size: 3)
        #expect(three.render(jobs).map { try? $0.get() } == alone)
        three.shutdown()
        // Workers warm up (draw two tiny graphs) before their first job; this process does not.
        let inProcess = InProcessRenderer().render(jobs + jobs).map { try? $0.get() }
        #expect(Array(inProcess.prefix(jobs.count)) == alone)
        #expect(Array(inProcess.suffix(jobs.count)) == alone)
    }

    @Test("Jobs are handed out largest first (estimated cost): the story and pages with PNG before small SVG-only jobs")
    func estimatedCost() {
        let small = RenderJob(dot: String(repeating: "x", count: 100), engine: .dot, formats: ["svg"])
        let smallPNG = RenderJob(dot: String(repeating: "x", count: 100), engine: .dot, formats: ["svg", "png"])
        let large = RenderJob(dot: String(repeating: "x", count: 150), engine: .dot, formats: ["svg"])
        #expect(small.estimatedCost == 100)
        #expect(smallPNG.estimatedCost == 200)
        #expect(large.estimatedCost == 150)
    }

    @Test("The in-process renderer gives typed errors per job too")
    func inProcess() {
        let results = InProcessRenderer().render([
            RenderJob(dot: "graph { a }", engine: .dot, formats: ["svg"]),
            RenderJob(dot: "graph { a }", engine: .dot, formats: ["nosuchformat"]),
        ])
        #expect((try? results[0].get())?.count == 1)
        guard case .failure(.render(let format, _)) = results[1] else { Issue.record("expected a render error"); return }
        #expect(format == "nosuchformat")
    }

    @Test("The CLI refuses an unknown layout and an unknown format with a one-line error")
    func badRequests() throws {
        for (args, needle) in [(["render", "--layout", "spring"], "spring"), (["render", "--format", "svg,gif"], "unknown format 'gif'")] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Fixtures.blocsExecutable)
            p.arguments = args
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let data = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            #expect(p.terminationStatus == 64)
            let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
            #expect(firstLine.hasPrefix("Error:") && firstLine.contains(needle), "\(text)")
        }
    }
}
