import Foundation
import Testing
import TestSupport
@testable import Batch

@Suite("Slurm job arrays")
struct SlurmScriptTests {
    @Test("Tasks are fixed runs of plan jobs, in plan order")
    func layout() throws {
        let l = BatchTaskLayout(jobCount: 16, jobsPerTask: 3)
        #expect(l.taskCount == 6)
        #expect((0..<6).map { l.jobs(ofTask: $0) } == [0..<3, 3..<6, 6..<9, 9..<12, 12..<15, 15..<16])
        #expect(BatchTaskLayout(jobCount: 16).taskCount == 16)
        #expect(BatchTaskLayout(jobCount: 16).jobs(ofTask: 7) == 7..<8)
        #expect(BatchTaskLayout(jobCount: 4, jobsPerTask: 10).taskCount == 1)

        // The same plan gives the same digest (it is what binds task records to a plan); any job change alters it.
        let text = "output: /o\ndefaults: {dataset: d}\nsweep: {method: [components, louvain]}\n"
        let p = try plan(text)
        #expect(BatchTasks.planDigest(p, layout: BatchTaskLayout(jobCount: 2)) == BatchTasks.planDigest(try plan(text), layout: BatchTaskLayout(jobCount: 2)))
        #expect(BatchTasks.planDigest(p, layout: BatchTaskLayout(jobCount: 2)) != BatchTasks.planDigest(p, layout: BatchTaskLayout(jobCount: 2, jobsPerTask: 2)))
        let other = try plan("output: /o\ndefaults: {dataset: d}\nsweep: {method: [components, correlation]}\n")
        #expect(BatchTasks.planDigest(p, layout: BatchTaskLayout(jobCount: 2)) != BatchTasks.planDigest(other, layout: BatchTaskLayout(jobCount: 2)))
    }

    @Test("--array lists task indices as ranges, with the running limit capped at the task count")
    func arraySpec() {
        #expect(SlurmSubmission.arraySpec(Array(0..<16), maxRunning: 50) == "0-15%16")
        #expect(SlurmSubmission.arraySpec(Array(0..<16), maxRunning: 4) == "0-15%4")
        #expect(SlurmSubmission.arraySpec([11, 3, 7, 9, 10], maxRunning: 2) == "3,7,9-11%2")
        #expect(SlurmSubmission.arraySpec([5], maxRunning: 50) == "5%1")
    }

    @Test("The job array and combine scripts of a plan, exactly")
    func scripts() throws {
        let p = try plan("""
            name: study
            output: /cluster/scratch/study out
            defaults: {dataset: tiny, formats: none}
            jobs:
              - {name: p, level: persons}
              - {name: f, level: factions}
            sweep:
              method: [components, louvain, correlation]
            slurm: {partition: short, time: "0:30:00", mem: 2G, max_running: 4, jobs_per_task: 2}
            """)
        #expect(p.slurm == SlurmSettings(partition: "short", time: "0:30:00", memory: "2G", maxRunning: 4, jobsPerTask: 2))
        // The command line overrides the plan; unset options keep the plan's value.
        let settings = p.slurm.overridden(by: SlurmSettings(cpusPerTask: 2, account: "hist"))
        let request = SlurmSubmission.Request(plan: p, planFile: "/home/ada/it's plan.yaml", settings: settings,
                                              blocs: "/home/ada/bin/blocs", workingDirectory: "/home/ada")
        let s = try SlurmSubmission.scripts(request)
        #expect(s.tasks == """
            #!/bin/bash
            # Blocs plan 'study' as a Slurm job array: 6 jobs in 3 array tasks (2 jobs per task).
            # Written by `blocs batch PLAN --on slurm`; array task i runs the plan's task i, `--resume` submits the unfinished ones.
            #SBATCH --job-name=blocs-study
            #SBATCH --array=0-2%3
            #SBATCH --output="/cluster/scratch/study out/slurm/logs/task-%a.log"
            #SBATCH --open-mode=append
            #SBATCH --chdir=/home/ada
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=2
            #SBATCH --partition=short
            #SBATCH --time=0:30:00
            #SBATCH --mem=2G
            #SBATCH --account=hist
            echo "==> blocs task ${SLURM_ARRAY_TASK_ID} (Slurm job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}) on $(hostname)"
            exec '/home/ada/bin/blocs' batch '/home/ada/it'\\''s plan.yaml' --task "${SLURM_ARRAY_TASK_ID}" --jobs-per-task 2 --workers 2

            """)
        #expect(s.combine == """
            #!/bin/bash
            # Blocs plan 'study': gathers the array tasks' results into combined/ and run.json, and names the tasks that failed.
            # Submitted with --dependency=afterany:<array job>: it runs once every task has ended, whether it succeeded or not.
            #SBATCH --job-name=blocs-study-combine
            #SBATCH --output="/cluster/scratch/study out/slurm/logs/combine.log"
            #SBATCH --open-mode=append
            #SBATCH --chdir=/home/ada
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --partition=short
            #SBATCH --time=0:30:00
            #SBATCH --mem=2G
            #SBATCH --account=hist
            exec '/home/ada/bin/blocs' batch '/home/ada/it'\\''s plan.yaml' --combine --jobs-per-task 2

            """)
        // Task 1 of this plan runs its jobs 2 and 3, in plan order.
        #expect(request.layout.jobs(ofTask: 1).map { p.jobs[$0].name } == ["p_method-correlation", "f_method-components"])
        // A % in a folder name is written %% (sbatch reads %a, %j… in file names).
        var odd = request
        odd.plan.output = "/scratch/100%"
        #expect(try SlurmSubmission.scripts(odd).tasks.contains("#SBATCH --output=/scratch/100%%/slurm/logs/task-%a.log\n"))
        odd.plan.output = "/scratch/a\"b"
        #expect(throws: BatchTaskError.self) { try SlurmSubmission.scripts(odd) }
    }

    @Test("Why a task left no record, from the last attempt in its log")
    func unfinishedReason() throws {
        let log = NSTemporaryDirectory() + "blocs-task-\(UUID().uuidString).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        #expect(BatchTasks.unfinishedReason(log: log) == "it never started (no log)")
        let cancelled = "==> blocs task 3 (Slurm job 9_3) on n1\nslurmstepd-n1: error: *** JOB 12 ON n1 CANCELLED AT 2026-12-03T08:38:04 ***\n"
        try cancelled.write(toFile: log, atomically: true, encoding: .utf8)
        #expect(BatchTasks.unfinishedReason(log: log) == "Slurm: *** JOB 12 ON n1 CANCELLED AT 2026-12-03T08:38:04 ***")
        // A second attempt (requeue, resume) appends to the log: the first attempt's line no longer counts.
        try (cancelled + "==> blocs task 3 (Slurm job 20_3) on n2\n• task 3 of plan: job x\n").write(toFile: log, atomically: true, encoding: .utf8)
        #expect(BatchTasks.unfinishedReason(log: log) == "no task record: it was stopped, or is still running")
        try (cancelled + "==> blocs task 3 (Slurm job 20_3) on n2\n/bin/blocs: error while loading shared libraries: libgvc.so.6\n").write(toFile: log, atomically: true, encoding: .utf8)
        #expect(BatchTasks.unfinishedReason(log: log) == "it stopped: /bin/blocs: error while loading shared libraries: libgvc.so.6")
    }

    @Test("Bad slurm settings are reported with their position")
    func settingsErrors() {
        func message(_ text: String) -> String {
            do { _ = try plan(text); return "no error" } catch { return error.description }
        }
        #expect(message("slurm: {time: 1h}\n") == "plan.yaml:1:15: slurm time must be a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS), not '1h'")
        #expect(message("slurm:\n  partition: \"a b\"\n") == "plan.yaml:2:14: slurm partition must be a Slurm name (letters, digits, _ . , -), not 'a b'")
        #expect(message("slurm: {mem: lots}\n") == "plan.yaml:1:14: slurm mem must be a size such as 4000 (MB), 500M, 2G or 1T, not 'lots'")
        #expect(message("slurm: {max_running: 0}\n") == "plan.yaml:1:22: slurm max_running must be a whole number of at least 1, not '0'")
        #expect(message("slurm: {queue: x}\n").hasPrefix("plan.yaml:1:9: unknown slurm setting 'queue'"))
        #expect(message("slurm: [a]\n").hasPrefix("plan.yaml:1:8: slurm must map settings"))
        for good in ["30", "30:00", "1:30:00", "2-0", "2-12:00", "2-12:00:00"] { #expect(SlurmSettings.isSlurmTime(good), "\(good)") }
        for bad in ["", "1h", "1:2:3:4", "a-1", "2-", "-1", "1--2"] { #expect(!SlurmSettings.isSlurmTime(bad), "\(bad)") }
    }
}

@Suite("Slurm tasks, combine and resume (fake sbatch)")
struct SlurmFlowTests {
    /// A folder with fake `sbatch`, `squeue` and `scancel`: sbatch logs its arguments to `calls` and answers
    /// `<id>;cluster` with ids from 101; squeue prints the file `queue`.
    static func fakeSlurm(in dir: String) throws -> String {
        let bin = dir + "/fake-bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let scripts = [
            "sbatch": "#!/bin/sh\nd=\"$(dirname \"$0\")\"\nn=$(cat \"$d/next\" 2>/dev/null || echo 101)\necho $((n + 1)) > \"$d/next\"\necho \"$*\" >> \"$d/calls\"\necho \"$n;cluster\"\n",
            "squeue": "#!/bin/sh\ncat \"$(dirname \"$0\")/queue\" 2>/dev/null\nexit 0\n",
            "scancel": "#!/bin/sh\necho \"scancel $*\" >> \"$(dirname \"$0\")/calls\"\n",
        ]
        for (name, text) in scripts {
            try text.write(toFile: bin + "/" + name, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/" + name)
        }
        return bin
    }

    @Test("--on slurm submits the array then the combine job after it; tasks, --combine with failures, --resume")
    func flow() throws {
        let site = try FakeSlurmSite()
        defer { site.remove() }
        let (ds, dir, bin) = (site.dataset, site.dir, site.bin)
        let env = site.environment
        let out = dir + "/out"
        let planText = """
            output: \(out)
            defaults: {dataset: \(ds.path), formats: none}
            jobs:
              - {name: persons, level: persons}
              - {name: broken, scenario: nosuch}
            sweep:
              method: [components, correlation]
            slurm: {max_running: 2}
            """
        try planText.write(toFile: dir + "/plan.yaml", atomically: true, encoding: .utf8)
        func blocs(_ args: [String]) throws -> BuiltBinary.Result { try BuiltBinary.run(["batch", dir + "/plan.yaml"] + args, environment: env) }
        func calls() -> [String] {
            ((try? String(contentsOfFile: bin + "/calls", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        // Submission: the array, then the combine job depending on it (afterany), ids printed.
        let submitted = try blocs(["--on", "slurm", "--partition", "short"])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout == "array job 101: 4 tasks of plan (--array=0-3%2), logs in \(out)/slurm/logs/\n"
                + "combine job 102: after every task has ended, writes \(out)/combined/ and run.json\n")
        #expect(calls() == ["--parsable \(out)/slurm/tasks.sbatch", "--parsable --dependency=afterany:101 \(out)/slurm/combine.sbatch"])
        let script = try String(contentsOfFile: out + "/slurm/tasks.sbatch", encoding: .utf8)
        #expect(script.contains("\n#SBATCH --array=0-3%2\n#SBATCH --output=\(out)/slurm/logs/task-%a.log\n"))
        #expect(script.contains("\n#SBATCH --partition=short\n"))
        #expect(FileManager.default.fileExists(atPath: out + "/slurm/logs"))

        // What the array tasks run. Task 0: persons_method-components; task 2 fails (unknown level); 1 and 3 never run.
        let t0 = try blocs(["--task", "0", "--jobs-per-task", "1", "--workers", "1"])
        #expect(t0.status == 0, "\(t0.stderr)")
        let t2 = try blocs(["--task", "2", "--jobs-per-task", "1", "--workers", "1"])
        #expect(t2.status == 1)
        #expect(t2.stderr.contains("failed: broken_method-components: unknown scenario 'nosuch'"))
        #expect(try blocs(["--task", "4", "--jobs-per-task", "1"]).stderr.contains("error: task 4 does not exist: the plan has 4 tasks (0-3) at 1 job per task"))
        // Task 1 was killed by Slurm's time limit: its log says so and it left no record.
        try "==> blocs task 1 (Slurm job 101_1) on n1\n• task 1 of plan: job persons_method-correlation\nslurmstepd: error: *** JOB 104 ON n1 CANCELLED AT 2026-12-03T08:00:00 DUE TO TIME LIMIT ***\n"
            .write(toFile: out + "/slurm/logs/task-1.log", atomically: true, encoding: .utf8)

        let combined = try blocs(["--combine", "--jobs-per-task", "1"])
        #expect(combined.status == 1)
        let lines = combined.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "1 of 4 tasks succeeded. Combined tables: \(out)/combined/, run record: \(out)/run.json")
        #expect(lines.contains("failed: task 1 (persons_method-correlation): Slurm: *** JOB 104 ON n1 CANCELLED AT 2026-12-03T08:00:00 DUE TO TIME LIMIT ***; log: \(out)/slurm/logs/task-1.log"))
        #expect(lines.contains("failed: task 2 (broken_method-components): job broken_method-components failed: unknown scenario 'nosuch' (known: a, b); log: \(out)/slurm/logs/task-2.log"))
        #expect(lines.contains("failed: task 3 (broken_method-correlation): it never started (no log); log: \(out)/slurm/logs/task-3.log"))
        let run = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/run.json"))) as? [String: Any])
        #expect(run["succeeded"] as? Bool == false)
        let jobs = try #require(run["jobs"] as? [[String: Any]])
        #expect(jobs.map { $0["status"] as? String } == ["ok", "failed", "failed", "failed"])
        #expect((jobs[1]["error"] as? String)?.hasPrefix("task 1 did not finish (Slurm: *** JOB 104") == true)
        let snapshots = try String(contentsOfFile: out + "/combined/snapshots.csv", encoding: .utf8).split(separator: "\n")
        #expect(snapshots.count == 1 + 5)  // the one finished job × five years
        #expect(snapshots.dropFirst().allSatisfy { $0.hasPrefix("persons_method-components,components,") })

        // --resume refuses while the earlier submission is queued, then submits tasks 1, 2 and 3 only.
        try "101\n".write(toFile: bin + "/queue", atomically: true, encoding: .utf8)
        let busy = try blocs(["--on", "slurm", "--resume"])
        #expect(busy.status == 1)
        #expect(busy.stderr == "error: job 101 of an earlier submission of this plan is still queued or running: wait for it to end, or cancel it with scancel 101\n")
        try FileManager.default.removeItem(atPath: bin + "/queue")
        let resumed = try blocs(["--on", "slurm", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("array job 103: 3 tasks of plan (--array=1-3%2)"))
        #expect(calls().suffix(2) == ["--parsable --array=1-3%2 \(out)/slurm/tasks.sbatch", "--parsable --dependency=afterany:103 \(out)/slurm/combine.sbatch"])
        #expect(FileManager.default.fileExists(atPath: out + "/slurm/tasks/task-0.json"))  // a resume keeps finished tasks

        for task in ["1", "3"] { _ = try blocs(["--task", task, "--jobs-per-task", "1", "--workers", "1"]) }
        let again = try blocs(["--combine", "--jobs-per-task", "1"])
        #expect(again.stderr.hasPrefix("2 of 4 tasks succeeded."))
        #expect(!again.stderr.contains("failed: task 1 "))

        // The combined tables equal a local run of the same plan byte for byte (same failures there).
        try planText.replacingOccurrences(of: "output: \(out)", with: "output: \(dir)/local")
            .write(toFile: dir + "/local.yaml", atomically: true, encoding: .utf8)
        _ = try BuiltBinary.run(["batch", dir + "/local.yaml", "--workers", "1"])
        for table in BatchRunner.combinedTables {
            let slurm = FileManager.default.contents(atPath: "\(out)/combined/\(table).csv")
            #expect(slurm != nil && slurm == FileManager.default.contents(atPath: "\(dir)/local/combined/\(table).csv"), "\(table)")
        }

        // A changed plan is not run under the old task numbers.
        try planText.replacingOccurrences(of: "[components, correlation]", with: "[correlation, components]")
            .write(toFile: dir + "/plan.yaml", atomically: true, encoding: .utf8)
        let stale = try blocs(["--task", "0", "--jobs-per-task", "1"])
        #expect(stale.status == 64)
        #expect(stale.stderr.contains("the plan or its jobs per task changed since it was submitted"))
        #expect(try blocs(["--on", "slurm", "--resume"]).stderr.contains("--resume: the plan or its jobs per task changed since it was submitted"))
    }

    @Test("When sbatch refuses the combine job, the array is cancelled and nothing is recorded")
    func refusedCombine() throws {
        let site = try FakeSlurmSite()
        defer { site.remove() }
        let (ds, dir, bin) = (site.dataset, site.dir, site.bin)
        // This sbatch accepts the array and refuses any job with a dependency, as a cluster would with a bad account.
        try "#!/bin/sh\necho \"$*\" >> \"$(dirname \"$0\")/calls\"\ncase \"$*\" in *--dependency*) echo 'sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified' >&2; exit 1;; esac\necho 7\n"
            .write(toFile: bin + "/sbatch", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/sbatch")
        let env = site.environment
        try "output: \(dir)/out\ndefaults: {dataset: \(ds.path), formats: none}\n".write(toFile: dir + "/plan.yaml", atomically: true, encoding: .utf8)
        let r = try BuiltBinary.run(["batch", dir + "/plan.yaml", "--on", "slurm"], environment: env)
        #expect(r.status == 1)
        #expect(r.stderr == "error: sbatch refused the combine job (exit 1): sbatch: error: Batch job submission failed: Invalid account or account/partition combination specified; the job array 7 was cancelled\n")
        #expect(try String(contentsOfFile: bin + "/calls", encoding: .utf8).split(separator: "\n").last == "scancel 7")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/slurm/submission.json"))
    }

    @Test("--dry-run writes the scripts and submits nothing; nothing left to resume submits nothing")
    func dryRunAndNothingToResume() throws {
        let site = try FakeSlurmSite()
        defer { site.remove() }
        let (ds, dir, bin) = (site.dataset, site.dir, site.bin)
        let env = site.environment
        let out = dir + "/out"
        try "output: \(out)\ndefaults: {dataset: \(ds.path), formats: none}\nsweep: {method: [components, correlation]}\n"
            .write(toFile: dir + "/plan.yaml", atomically: true, encoding: .utf8)
        func blocs(_ args: [String]) throws -> BuiltBinary.Result { try BuiltBinary.run(["batch", dir + "/plan.yaml"] + args, environment: env) }

        let dry = try blocs(["--on", "slurm", "--dry-run", "--jobs-per-task", "2"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout == "wrote \(out)/slurm/tasks.sbatch and \(out)/slurm/combine.sbatch; not submitted. To submit:\n"
                + "  sbatch --parsable \(out)/slurm/tasks.sbatch\n  sbatch --parsable --dependency=afterany:<array job> \(out)/slurm/combine.sbatch\n")
        #expect(!FileManager.default.fileExists(atPath: bin + "/calls"))
        #expect(try String(contentsOfFile: out + "/slurm/tasks.sbatch", encoding: .utf8).contains("\n#SBATCH --array=0%1\n"))
        #expect(try blocs(["--on", "slurm", "--resume"]).stderr.contains("--resume: the plan was never submitted"))

        #expect(try blocs(["--on", "slurm"]).status == 0)
        for task in ["0", "1"] { #expect(try blocs(["--task", task, "--jobs-per-task", "1"]).status == 0) }
        let nothing = try blocs(["--on", "slurm", "--resume"])
        #expect(nothing.stdout.hasPrefix("every task of plan has finished: nothing to resume."))
        #expect(try String(contentsOfFile: bin + "/calls", encoding: .utf8).split(separator: "\n").count == 2)
        // Options that only make sense on Slurm are refused without it.
        #expect(try blocs(["--partition", "x"]).stderr.contains("go with --on slurm"))
        #expect(try blocs(["--on", "pbs"]).stderr.contains("--on must be 'slurm'"))
        #expect(try blocs(["--on", "slurm", "--time", "1h"]).stderr.contains("--time must be a Slurm time limit"))
    }
}

/// What the fake-sbatch tests share: a temporary dataset, a scratch folder, and fake Slurm commands in `bin`
/// (``SlurmFlowTests/fakeSlurm(in:)``), ahead of the rest on the PATH of ``environment``.
struct FakeSlurmSite {
    let dataset: TempDataset
    let dir: String
    let bin: String

    init() throws {
        dataset = try TempDataset()
        dir = NSTemporaryDirectory() + "blocs-slurm-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        bin = try SlurmFlowTests.fakeSlurm(in: dir)
    }

    var environment: [String: String] { ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")] }

    func remove() {
        dataset.remove()
        try? FileManager.default.removeItem(atPath: dir)
    }
}
