import Analysis
import DatasetIO
import Foundation
import GraphvizKit
import Testing
import TestSupport
import Uncertainty
@testable import Batch

@Suite("Batch draws")
struct BatchDrawsTests {
    @Test("A job of N draws in chunks of D is ⌈N/D⌉ units, the first with the analysis; tasks are runs of steps")
    func units() throws {
        #expect(DrawPlan(count: 10, chunk: 4).ranges == [0..<4, 4..<8, 8..<10])
        #expect(DrawPlan(count: 8, chunk: 4).ranges == [0..<4, 4..<8])
        #expect(DrawPlan(count: 3, chunk: 250).ranges == [0..<3])
        #expect(DrawPlan(count: 0).ranges == [])
        let u = { (j: Int, r: Range<Int>?) in BatchUnit(job: j, draws: r) }
        #expect(BatchUnit.steps(jobCount: 2, draws: DrawPlan(count: 10, chunk: 4)) == [
            [u(0, nil), u(0, 0..<4)], [u(0, 4..<8)], [u(0, 8..<10)],
            [u(1, nil), u(1, 0..<4)], [u(1, 4..<8)], [u(1, 8..<10)],
        ])
        // Without draws, one step per job: the layout of plans without draws is unchanged.
        #expect(BatchUnit.steps(jobCount: 3, draws: DrawPlan()) == [[u(0, nil)], [u(1, nil)], [u(2, nil)]])
        #expect(BatchTaskLayout(jobCount: 3).steps == BatchTaskLayout(jobCount: 3, draws: DrawPlan(count: 0, chunk: 2)).steps)

        let layout = BatchTaskLayout(jobCount: 2, draws: DrawPlan(count: 10, chunk: 4), jobsPerTask: 2)
        #expect(layout.taskCount == 3)
        #expect(layout.units(ofTask: 0) == [u(0, nil), u(0, 0..<4), u(0, 4..<8)])
        #expect(layout.units(ofTask: 1) == [u(0, 8..<10), u(1, nil), u(1, 0..<4)])
        #expect(layout.units(ofTask: 2) == [u(1, 4..<8), u(1, 8..<10)])
        #expect(layout.jobs(ofTask: 1) == 0..<2)
        #expect(BatchTaskLayout(jobCount: 2, draws: DrawPlan(count: 1000, chunk: 250)).taskCount == 8)
        #expect(BatchUnit.name(job: "persons", draws: 250..<500) == "persons[draws 250..<500]")
        #expect(BatchUnit.name(job: "persons", draws: nil) == "persons")

        // The digest binds task records to the draws too; a plan without draws keeps the digest it had.
        let text = "output: /o\ndefaults: {dataset: d}\njobs: [{name: p}, {name: f}]\n"
        let p = try plan(text)
        var d = p
        d.draws = DrawPlan(count: 10, seed: 1, chunk: 4)
        func digest(_ p: BatchPlan) -> String { BatchTasks.planDigest(p, layout: BatchTaskLayout(plan: p)) }
        #expect(digest(p) == BatchTasks.planDigest(p, layout: BatchTaskLayout(jobCount: 2)))
        #expect(digest(d) != digest(p))
        for change in [DrawPlan(count: 11, seed: 1, chunk: 4), DrawPlan(count: 10, seed: 2, chunk: 4), DrawPlan(count: 10, seed: 1, chunk: 5)] {
            var e = d
            e.draws = change
            #expect(digest(e) != digest(d))
        }
    }

    @Test("The draws section: a count or {count, seed, chunk}; bad values reported with file:line:column")
    func parsing() throws {
        #expect(try plan("draws: 1000\n").draws == DrawPlan(count: 1000, seed: 1, chunk: 250))
        #expect(try plan("draws: {count: 40, seed: 7, chunk: 10}\n").draws == DrawPlan(count: 40, seed: 7, chunk: 10))
        #expect(try plan("draws:\n  seed: 18446744073709551615\n").draws == DrawPlan(count: 0, seed: .max, chunk: 250))
        #expect(try plan("defaults: {dataset: d}\n").draws == DrawPlan())
        func message(_ text: String) -> String {
            do { _ = try plan(text); return "no error" } catch { return error.description }
        }
        #expect(message("draws: {count: -1}\n") == "plan.yaml:1:16: draws count must be a whole number of at least 0, not '-1'")
        #expect(message("draws: many\n") == "plan.yaml:1:8: draws count must be a whole number of at least 0, not 'many'")
        #expect(message("draws:\n  count: 10\n  chunk: 0\n") == "plan.yaml:3:10: draws chunk must be a whole number of at least 1, not '0'")
        #expect(message("draws: {seed: -3}\n") == "plan.yaml:1:15: draws seed must be a whole number from 0 to 18446744073709551615, not '-3'")
        #expect(message("draws: {count: 10, size: 5}\n") == "plan.yaml:1:20: unknown draws setting 'size' (known: count, seed, chunk)")
        #expect(message("draws: [10, 20]\n") == "plan.yaml:1:8: draws must be a number of draws or map count, seed, chunk to values")
        #expect(message("draws: {count: [1, 2]}\n") == "plan.yaml:1:16: draws count must be a single value")
        #expect(message("drawz: 10\n").hasPrefix("plan.yaml:1:1: unknown key 'drawz' (known: name, output, defaults, jobs, sweep, draws, slurm)"))
    }

    /// A dataset whose ties are uncertain (confidences below 1, an uncertain date), so draws differ.
    static let ties = """
        source,target,relation,start,end,weight,confidence,sources,scenario,note
        trotsky,left,member,1923-10,,1,1,s1#Sec,,
        stalin,troika,member,1923,1925,,0.8,s1,,
        zinoviev,troika,member,1923,1925,,0.6,s1,,
        trotsky,stalin,rivalry,1923,,,0.7,s1,,
        zinoviev,stalin,alliance,1924,1926?,,0.5,s2,,
        trotsky,zinoviev,alliance,1926,1927,,0.4,s2,,
        left,troika,rivalry,1923-10,1925,,0.9,s2,a,

        """

    @Test("Same seed, same uncertainty tables: one unit, units of 5 on 2 workers, units spread over tasks with one killed and re-run, and MonteCarlo alone")
    func splitIdentity() throws {
        let ds = try TempDataset(ties: Self.ties)
        defer { ds.remove() }
        let dir = NSTemporaryDirectory() + "blocs-batch-draws-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = URL(fileURLWithPath: dir)
        func plan(_ name: String, chunk: Int) throws -> BatchPlan {
            try BatchTests.plan("""
                output: \(dir)/\(name)
                defaults: {dataset: \(ds.path), formats: none}
                jobs:
                  - {name: persons, level: persons}
                  - {name: all, level: all, method: components}
                draws: {count: 12, seed: 5, chunk: \(chunk)}
                """)
        }
        func local(_ name: String, chunk: Int, workers: Int) throws -> BatchRunRecord {
            let p = try plan(name, chunk: chunk)
            try BatchRunner.prepareOutput(folder.appendingPathComponent(name))
            return BatchRunner.run(p, planFolder: folder, resolveDataset: { $0 }, renderer: InProcessRenderer(), generator: "test", workers: workers)
        }
        func files(_ path: String) -> [String: Data] {
            var out: [String: Data] = [:]
            for f in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] where !f.hasPrefix(".") {
                out[f] = FileManager.default.contents(atPath: path + "/" + f)
            }
            return out
        }
        let whole = try local("whole", chunk: 12, workers: 1)
        #expect(whole.succeeded, "\(whole.jobs.compactMap(\.error))")
        #expect(whole.jobs.map(\.unitName) == ["persons", "persons[draws 0..<12]", "all", "all[draws 0..<12]"])
        let split = try local("split", chunk: 5, workers: 2)
        #expect(split.succeeded)
        #expect(split.jobs.map(\.unitName) == ["persons", "persons[draws 0..<5]", "persons[draws 5..<10]", "persons[draws 10..<12]",
                                               "all", "all[draws 0..<5]", "all[draws 5..<10]", "all[draws 10..<12]"])
        for job in ["persons", "all"] {
            let w = files("\(dir)/whole/jobs/\(job)/uncertainty")
            #expect(Set(w.keys) == ["events.csv", "events.json", "memberships.csv", "memberships.json", "balance.csv", "balance.json",
                                    "centrality.csv", "centrality.json", "together.csv", "together.json", "together-matrix.json"])
            #expect(w == files("\(dir)/split/jobs/\(job)/uncertainty"), "\(job)")
        }
        let combinedWhole = files("\(dir)/whole/combined/uncertainty")
        #expect(combinedWhole.keys.sorted() == ["balance.csv", "centrality.csv", "events.csv", "memberships.csv", "together.csv"])
        #expect(combinedWhole == files("\(dir)/split/combined/uncertainty"))

        // The same as a Monte Carlo run of the job's settings alone, and not trivial: some change is uncertain.
        let network = try DatasetLoader.load(ds.path)
        let p = try plan("whole", chunk: 12)
        let mc = try BatchDraws.monteCarlo(p.jobs[0], network: network, seed: 5)
        let direct = UncertaintyTables.files(try mc.finish(try mc.run(draws: 0..<12, workers: 1)), model: mc.model)
        let w = files("\(dir)/whole/jobs/persons/uncertainty")
        for f in direct { #expect(w[f.name] == Data(f.contents.utf8), "\(f.name)") }
        let events = String(decoding: try #require(w["events.csv"]), as: UTF8.self).split(separator: "\n").dropFirst()
        #expect(events.contains { line in
            let p = Double(line.split(separator: ",")[6]) ?? -1
            return p > 0 && p < 1
        }, "\(events)")
        // The combined table holds both jobs' rows, the job as first column.
        let combinedEvents = String(decoding: try #require(combinedWhole["events.csv"]), as: UTF8.self).split(separator: "\n")
        #expect(combinedEvents[0].hasPrefix("job,period,event,"))
        #expect(Set(combinedEvents.dropFirst().map { $0.prefix { $0 != "," } }) == ["persons", "all"])

        // Tasks of one unit each (what the array tasks run), task 4 (all, draws 5..<10) never runs.
        let tasksPlan = try plan("tasks", chunk: 5)
        let layout = BatchTaskLayout(plan: tasksPlan)
        #expect(layout.taskCount == 6)
        try BatchRunner.prepareOutput(folder.appendingPathComponent("tasks"))
        func task(_ i: Int) throws {
            let r = try BatchTasks.run(task: i, of: tasksPlan, layout: layout, planFolder: folder, resolveDataset: { $0 },
                                       renderer: InProcessRenderer(), generator: "test")
            #expect(r.succeeded)
        }
        for i in [0, 1, 2, 3, 5] { try task(i) }
        let partial = BatchTasks.combine(tasksPlan, layout: layout, planFolder: folder, resolveDataset: { $0 }, generator: "test")
        #expect(partial.failures == [BatchTaskFailure(task: 4, jobs: ["all[draws 5..<10]"], reason: "it never started (no log)",
                                                      log: "\(dir)/tasks/slurm/logs/task-4.log")])
        #expect(!partial.run.succeeded)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/tasks/jobs/all/uncertainty"))
        #expect(files("\(dir)/tasks/jobs/persons/uncertainty") == files("\(dir)/whole/jobs/persons/uncertainty"))
        // The analyses' tables are combined whole; the uncertainty tables hold the complete job's rows only.
        #expect(files("\(dir)/tasks/combined") == files("\(dir)/whole/combined"))
        for (name, data) in files("\(dir)/tasks/combined/uncertainty") {
            let expected = String(decoding: try #require(combinedWhole[name]), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated().filter { $0.offset == 0 || $0.element.hasPrefix("persons,") || $0.element.isEmpty }.map(\.element).joined(separator: "\n")
            #expect(String(decoding: data, as: UTF8.self) == expected, "\(name)")
        }
        try task(4)
        let complete = BatchTasks.combine(tasksPlan, layout: layout, planFolder: folder, resolveDataset: { $0 }, generator: "test")
        #expect(complete.failures.isEmpty)
        #expect(complete.run.succeeded)
        #expect(files("\(dir)/tasks/combined/uncertainty") == combinedWhole)
        #expect(files("\(dir)/tasks/jobs/all/uncertainty") == files("\(dir)/whole/jobs/all/uncertainty"))
        // A unit whose partial is there already is not run again.
        let again = try BatchTasks.run(task: 4, of: tasksPlan, layout: layout, planFolder: folder, resolveDataset: { $0 },
                                       renderer: InProcessRenderer(), generator: "test")
        #expect(again.jobs.map(\.status) == [.unchanged])
    }

    @Test("A batch job's uncertainty tables are those `blocs analyze --draws` writes with the same settings and seed")
    func sameAsAnalyze() throws {
        let ds = try TempDataset(ties: Self.ties)
        defer { ds.remove() }
        let dir = NSTemporaryDirectory() + "blocs-batch-analyze-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "output: \(dir)/batch\ndefaults: {dataset: \(ds.path), formats: none}\njobs: [{name: persons, level: persons}]\ndraws: {count: 9, seed: 3, chunk: 4}\n"
            .write(toFile: dir + "/plan.yaml", atomically: true, encoding: .utf8)
        let b = try BuiltBinary.run(["batch", dir + "/plan.yaml", "--workers", "2"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stderr.contains("persons[draws 8..<9]: ok"), "\(b.stderr)")
        let a = try BuiltBinary.run(["analyze", ds.path, "--level", "persons", "--format", "none", "--draws", "9", "--draw-seed", "3", "--out", dir + "/analyze"])
        #expect(a.status == 0, "\(a.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/analyze/uncertainty").filter { !$0.hasPrefix(".") }.sorted()
        #expect(names.contains("events.csv") && names.contains("together-matrix.json"))
        for name in names {
            #expect(FileManager.default.contents(atPath: "\(dir)/analyze/uncertainty/\(name)") == FileManager.default.contents(atPath: "\(dir)/batch/jobs/persons/uncertainty/\(name)"), "\(name)")
        }
        // --draws on the command line replaces the plan's count; 0 turns the draws off.
        let off = try BuiltBinary.run(["batch", dir + "/plan.yaml", "--draws", "0"])
        #expect(off.status == 0, "\(off.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/batch/jobs/persons/uncertainty"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/batch/combined/uncertainty"))
        let bad = try BuiltBinary.run(["batch", dir + "/plan.yaml", "--draw-chunk", "0"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--draw-chunk: draws chunk must be a whole number of at least 1, not '0'"), "\(bad.stderr)")
    }
}
