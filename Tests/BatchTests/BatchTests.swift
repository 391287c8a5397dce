import Foundation
import Testing
import TestSupport
import Analysis
@testable import Batch

@Suite("Batch plans")
struct BatchPlanTests {
    func read(_ text: String, scenarios: [String] = ["a", "b"]) throws(PlanError) -> BatchPlan {
        try BatchPlan.read(file: "plan.yaml", text: text) { _ in scenarios }
    }

    @Test("Jobs times sweep combinations, with defaults, names and swept columns")
    func expansion() throws {
        let plan = try read("""
            name: study
            defaults: {dataset: tiny, formats: none}
            jobs:
              - {name: p, level: persons}
              - {name: f, level: factions}
            sweep:
              scenario: all
              threshold: [0.1, 0.3]
            """)
        #expect(plan.name == "study")
        #expect(plan.output == "Output/batch/study")
        #expect(plan.jobs.count == 8)
        #expect(plan.jobs.map(\.name).prefix(4) == ["p_scenario-a_threshold-0.1", "p_scenario-a_threshold-0.3", "p_scenario-b_threshold-0.1", "p_scenario-b_threshold-0.3"])
        #expect(plan.jobs[0].parameters == ["dataset": "tiny", "formats": "none", "level": "persons", "scenario": "a", "threshold": "0.1"])
        #expect(plan.jobs[7].parameters["level"] == "factions")
        #expect(plan.jobs[0].swept == ["scenario", "threshold"])
        let single = try read("defaults: {dataset: tiny}\n")
        #expect(single.jobs.map(\.name) == ["default"])
        #expect(try read("defaults: {dataset: tiny, formats: [svg, png]}\n").jobs[0].parameters["formats"] == "svg,png")
    }

    @Test("A job's parameters resolve through the settings parser; the dataset is not a setting")
    func resolution() throws {
        let settings = try BatchRunner.resolve(["dataset": "tiny", "method": "louvain", "min_size": "3", "formats": "none",
                                                "period": "window:3:1", "comembership": "off", "rank_by": "degree"])
        #expect(settings == StudySettings(period: .window(width: 3, step: 1, months: false), coMembership: false, method: .louvain,
                                          minimumSize: 3, rankBy: .degree, drawing: DrawingSettings(formats: [])))
        #expect(try BatchRunner.resolve([:]) == StudySettings())
        #expect(throws: SettingsError(parameter: "threshold", value: "x", reason: "threshold must be a number, not 'x'")) {
            try BatchRunner.resolve(["threshold": "x"])
        }
        // Every setting an analysis reads is a plan parameter, and every plan parameter but the dataset is a setting;
        // render's clusters and size_by are refused (an analysis would ignore them).
        #expect(BatchPlan.parameterNames == ["dataset"] + StudySettings.Parameter.analysis.map(\.rawValue))
        #expect(!BatchPlan.parameterNames.contains("clusters") && !BatchPlan.parameterNames.contains("size_by"))
    }

    @Test("Mistakes in a plan are reported with their position")
    func errors() {
        func message(_ text: String) -> String {
            do { _ = try read(text); return "no error" } catch { return error.description }
        }
        #expect(message("jobs:\n  - {name: x, colour: red}\n").hasPrefix("plan.yaml:2:15: unknown parameter 'colour'"))
        #expect(message("sweeps:\n  level: [a]\n").hasPrefix("plan.yaml:1:1: unknown key 'sweeps'"))
        #expect(message("jobs:\n  - {name: x}\n  - {name: x}\n") == "plan.yaml:2:3: two jobs are named 'x': give jobs distinct names")
        #expect(message("jobs: []\n") == "plan.yaml:1:7: jobs must be a non-empty list")
        #expect(message("defaults: {dataset: [a, b]}\n") == "plan.yaml:1:21: dataset must be a single value")
        #expect(message("jobs: [\n").hasPrefix("plan.yaml:2:1: YAML:"))
        // Values are read by the settings parser when the plan is read, before any dataset: with their position.
        #expect(message("jobs:\n  - {name: x, level: planets}\n") == "plan.yaml:2:22: unknown level 'planets' (use auto, persons, factions or all)")
        #expect(message("sweep:\n  threshold: [0.1, 2]\n") == "plan.yaml:2:14: bad Jaccard threshold 2.0: it must lie in (0, 1]")
        #expect(message("defaults: {formats: [svg, gif]}\n") == "plan.yaml:1:21: unknown format 'gif' (use svg, png, pdf or dot, comma-separated)")
        #expect(message("defaults: {comembership: maybe}\n") == "plan.yaml:1:26: comembership must be true or false, not 'maybe'")
        #expect((try? BatchPlan.read(file: "p.yaml", text: "sweep: {scenario: all}\n") { _ in [] }) == nil)
    }
}

@Suite("Batch runs")
struct BatchRunTests {
    @Test("Every job runs, a failing one does not stop the others, tables are combined, a re-run skips unchanged jobs")
    func runs() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let dir = NSTemporaryDirectory() + "blocs-batch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plan = """
            output: \(dir)/out
            defaults: {dataset: \(ds.path), formats: none}
            jobs:
              - {name: persons, level: persons}
              - {name: broken, period: "custom:nowhere"}
            sweep:
              scenario: [a, b]
            """
        try plan.write(toFile: dir + "/plan.yaml", atomically: true, encoding: .utf8)
        let r = try BuiltBinary.run(["batch", dir + "/plan.yaml", "--workers", "2"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("2 ran, 0 unchanged, 2 failed"))
        #expect(r.stderr.contains("failed: broken_scenario-a: unknown window 'nowhere' (known: "), "\(r.stderr)")
        let combined = try String(contentsOfFile: dir + "/out/combined/snapshots.csv", encoding: .utf8).split(separator: "\n")
        // The swept scenario is also a column of the table: the job's setting is named job_scenario.
        #expect(combined.first == "job,job_scenario,period,start,end,actors,active_ties,pos_edges,neg_edges,ambivalent,density,level,rule,scenario")
        #expect(combined.count == 1 + 2 * 5)  // two successful jobs × five years
        #expect(combined.contains { $0.hasPrefix("persons_scenario-b,b,1926,") })
        let run = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/run.json"))) as? [String: Any])
        #expect(run["succeeded"] as? Bool == false)
        let jobs = try #require(run["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["status"] as? String } == ["ok", "ok", "failed", "failed"])
        #expect(FileManager.default.fileExists(atPath: dir + "/out/jobs/persons_scenario-a/index.html"))

        let again = try BuiltBinary.run(["batch", dir + "/plan.yaml"])
        #expect(again.stderr.contains("0 ran, 2 unchanged, 2 failed"))
        // Changing the dataset makes its jobs run again.
        try (TempDataset.ties + "zinoviev,stalin,alliance,1926,1926,,,s1,,\n").write(toFile: ds.path + "/ties.csv", atomically: true, encoding: .utf8)
        let changed = try BuiltBinary.run(["batch", dir + "/plan.yaml"])
        #expect(changed.stderr.contains("2 ran, 0 unchanged, 2 failed"))
    }

    @Test("A plan that succeeds exits 0; --dry-run lists the jobs")
    func success() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let dir = NSTemporaryDirectory() + "blocs-batch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "output: \(dir)/out\ndefaults: {dataset: \(ds.path), formats: none}\nsweep: {method: [components, correlation]}\n"
            .write(toFile: dir + "/plan.yaml", atomically: true, encoding: .utf8)
        let dry = try BuiltBinary.run(["batch", dir + "/plan.yaml", "--dry-run"])
        #expect(dry.stdout.contains("method-components: dataset=\(ds.path) formats=none method=components"))
        #expect(dry.stdout.hasSuffix("2 jobs → \(dir)/out\n"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        let r = try BuiltBinary.run(["batch", dir + "/plan.yaml", "--workers", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        let changes = try String(contentsOfFile: dir + "/out/combined/changes.csv", encoding: .utf8)
        #expect(changes.hasPrefix("job,method,event_id,period,event,from,to,actor,defection,detail\n"))
        #expect(changes.contains("\nmethod-components,components,"))
        #expect(changes.contains("\nmethod-correlation,correlation,"))
    }

    @Test("Combined column names are distinct whatever is swept; the combined folder is replaced whole")
    func distinctColumns() throws {
        #expect(BatchRunner.combinedColumns(swept: ["period", "level", "method", "job"], table: ["period", "level", "value"])
            == ["job", "job_period", "job_level", "method", "job_job", "period", "level", "value"])
        let ds = try TempDataset()
        defer { ds.remove() }
        let dir = NSTemporaryDirectory() + "blocs-batch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "output: \(dir)/out\ndefaults: {dataset: \(ds.path), formats: none}\nsweep: {period: [year, \"window:2:1\"], level: [persons, all]}\n"
            .write(toFile: dir + "/plan.yaml", atomically: true, encoding: .utf8)
        let r = try BuiltBinary.run(["batch", dir + "/plan.yaml", "--workers", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/out/combined").filter { $0.hasSuffix(".csv") }
        #expect(files.count == BatchRunner.combinedTables.count)
        for file in files {
            // A reader that refuses duplicate names, as a careful script would (csv.DictReader silently keeps the last).
            let header = try String(contentsOfFile: dir + "/out/combined/" + file, encoding: .utf8).split(separator: "\n")[0].split(separator: ",")
            #expect(Set(header).count == header.count, "\(file): \(header)")
            #expect(header.prefix(2) == ["job", "job_period"], "\(file)")
            // `level` is renamed only where the table has a level column of its own (snapshots).
            #expect(header[2] == (header.dropFirst(3).contains("level") ? "job_level" : "level"), "\(file)")
        }
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: dir + "/out")).contains { $0.contains("partial") })
    }
}
