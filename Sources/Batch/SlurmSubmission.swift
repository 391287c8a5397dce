import Analysis
import Foundation
import Reports
import TextFormats

/// The two job scripts of a plan run on Slurm.
public struct SlurmScripts: Sendable, Equatable {
    /// The job array: task i runs `blocs batch PLAN --task i`.
    public var tasks: String
    /// The combine job: `blocs batch PLAN --combine`, submitted after the array with `--dependency=afterany`.
    public var combine: String
}

/// What a submission recorded in `slurm/submission.json`.
public struct SlurmSubmissionRecord: Sendable, Equatable {
    public var planDigest: String
    public var arrayJob: String
    public var combineJob: String
    public var tasks: [Int]
}

/// The outcome of a program `blocs` ran (sbatch, squeue, scancel).
public struct SlurmCommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// Runs a Slurm client program (looked up on PATH) with arguments; throws when it cannot be started.
public typealias SlurmCommandRunner = @Sendable (_ program: String, _ arguments: [String]) throws -> SlurmCommandResult

/// `blocs batch PLAN --on slurm`: writes an `sbatch` job array (one array task per ``BatchTaskLayout`` task) and
/// a combine job, submits both, and records the submission.
///
/// The combine job depends on the array with `afterany`, not `afterok`: with `afterok` one failed task (an error,
/// a time limit, a lost node, an `scancel`) would leave the combine job pending forever
/// (`DependencyNeverSatisfied`), and nobody would learn which tasks failed. With `afterany` it runs once every
/// task has ended, however it ended; it writes the combined tables of the finished tasks, names each task that
/// did not finish with its log in its output and in `run.json`, and exits 1 (so Slurm shows it FAILED) when
/// any did. `--resume` then submits only those tasks, and a new combine job.
public enum SlurmSubmission {
    /// The first line each array task writes to its log; the log is appended to by every attempt of the task.
    public static let attemptMarker = "==> blocs task"

    /// What to submit.
    public struct Request: Sendable {
        public var plan: BatchPlan
        /// The plan file, absolute (the array tasks read it again).
        public var planFile: String
        /// Plan settings already overridden by the command line.
        public var settings: SlurmSettings
        /// The `blocs` executable the tasks run, absolute (on a cluster: on the shared filesystem).
        public var blocs: String
        /// The folder the tasks run in (the plan's relative output and dataset paths are taken from it).
        public var workingDirectory: String
        /// Run even unchanged jobs (`--force` in the tasks).
        public var force: Bool

        public init(plan: BatchPlan, planFile: String, settings: SlurmSettings, blocs: String, workingDirectory: String, force: Bool = false) {
            self.plan = plan
            self.planFile = planFile
            self.settings = settings
            self.blocs = blocs
            self.workingDirectory = workingDirectory
            self.force = force
        }

        public var layout: BatchTaskLayout { BatchTaskLayout(plan: plan, jobsPerTask: settings.jobsPerTask ?? 1) }
        public var output: URL { BatchTasks.output(of: plan) }
        public var folder: URL { output.appendingPathComponent(BatchTasks.folder) }
        public var tasksScript: URL { folder.appendingPathComponent("tasks.sbatch") }
        public var combineScript: URL { folder.appendingPathComponent("combine.sbatch") }
    }

    /// What ``submit(_:resume:dryRun:run:)`` did (or, on a dry run, would do).
    public struct Outcome: Sendable {
        /// The array tasks submitted (all of them, or on `--resume` the unfinished ones; empty: nothing to do).
        public var tasks: [Int]
        /// The `sbatch` command lines, in order (the combine's dependency shows the array's id, or `<array job>`).
        public var commands: [[String]]
        public var arrayJob: String?
        public var combineJob: String?
    }

    /// The `--array` value: task indices as ranges (`0-15`, `3,7,9-11`) and the running limit (`%L`, at most
    /// the number of tasks).
    /// - Complexity: O(n log n) for n tasks.
    public static func arraySpec(_ tasks: [Int], maxRunning: Int) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = tasks.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",") + "%\(max(1, min(maxRunning, sorted.count)))"
    }

    /// The job scripts for a request (deterministic: same request, same bytes).
    /// - Complexity: O(1); nothing is read or written.
    public static func scripts(_ r: Request) throws(BatchTaskError) -> SlurmScripts {
        let layout = r.layout
        let name = fileSafeName(r.plan.name)
        let cpus = r.settings.cpusPerTask ?? 1
        let out = r.folder.path
        var resources = ["#SBATCH --ntasks=1", "#SBATCH --cpus-per-task=\(cpus)"]
        if let p = r.settings.partition { resources.append("#SBATCH --partition=\(p)") }
        if let t = r.settings.time { resources.append("#SBATCH --time=\(t)") }
        if let m = r.settings.memory { resources.append("#SBATCH --mem=\(m)") }
        if let a = r.settings.account { resources.append("#SBATCH --account=\(a)") }
        let chdir = try sbatchValue(r.workingDirectory)
        let blocs = shellQuote(r.blocs), plan = shellQuote(r.planFile)
        let force = r.force ? " --force" : ""
        let d = r.plan.draws
        // The draws go on the command line too: they may come from `blocs batch --draws` rather than the plan.
        let draws = d.count > 0 ? " --draws \(d.count) --draw-seed \(d.seed) --draw-chunk \(d.chunk)" : ""
        let jobs = "\(r.plan.jobs.count) job\(r.plan.jobs.count == 1 ? "" : "s")"
            + (d.count > 0 ? " of \(d.count) draws (seed \(d.seed)) in units of \(d.chunk) draws" : "")
        let per = d.count > 0 ? "\(layout.jobsPerTask) unit\(layout.jobsPerTask == 1 ? "" : "s") per task"
            : "\(layout.jobsPerTask) job\(layout.jobsPerTask == 1 ? "" : "s") per task"

        let tasks = ["#!/bin/bash",
                     "# Blocs plan '\(r.plan.name)' as a Slurm job array: \(jobs) in \(layout.taskCount) array task\(layout.taskCount == 1 ? "" : "s") (\(per)).",
                     "# Written by `blocs batch PLAN --on slurm`; array task i runs the plan's task i, `--resume` submits the unfinished ones.",
                     "#SBATCH --job-name=blocs-\(name)",
                     "#SBATCH --array=\(arraySpec(Array(0..<layout.taskCount), maxRunning: r.settings.maxRunning ?? SlurmSettings.defaultMaxRunning))",
                     "#SBATCH --output=\(try sbatchValue(filePattern(out + "/logs") + "/task-%a.log"))",
                     "#SBATCH --open-mode=append",
                     "#SBATCH --chdir=\(chdir)"]
            + resources
            + ["echo \"\(attemptMarker) ${SLURM_ARRAY_TASK_ID} (Slurm job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}) on $(hostname)\"",
               "exec \(blocs) batch \(plan) --task \"${SLURM_ARRAY_TASK_ID}\" --jobs-per-task \(layout.jobsPerTask) --workers \(cpus)\(draws)\(force)"]
        let combine = ["#!/bin/bash",
                       "# Blocs plan '\(r.plan.name)': gathers the array tasks' results into combined/ and run.json, and names the tasks that failed.",
                       "# Submitted with --dependency=afterany:<array job>: it runs once every task has ended, whether it succeeded or not.",
                       "#SBATCH --job-name=blocs-\(name)-combine",
                       "#SBATCH --output=\(try sbatchValue(filePattern(out + "/logs") + "/combine.log"))",
                       "#SBATCH --open-mode=append",
                       "#SBATCH --chdir=\(chdir)",
                       "#SBATCH --ntasks=1",
                       "#SBATCH --cpus-per-task=1"]
            + resources.dropFirst(2)
            + ["exec \(blocs) batch \(plan) --combine --jobs-per-task \(layout.jobsPerTask)\(draws)"]
        return SlurmScripts(tasks: tasks.joined(separator: "\n") + "\n", combine: combine.joined(separator: "\n") + "\n")
    }

    /// Writes the scripts, then (unless `dryRun`) submits the array and the combine job and records them.
    /// A fresh submission forgets earlier task records; `resume` submits only ``BatchTasks/unfinishedTasks(of:layout:)``.
    /// Refuses while an earlier submission of the plan is still queued or running.
    /// - Complexity: one task record read per task on `resume`, then at most three Slurm commands.
    public static func submit(_ r: Request, resume: Bool, dryRun: Bool, run: SlurmCommandRunner) throws(BatchTaskError) -> Outcome {
        let layout = r.layout
        let digest = BatchTasks.planDigest(r.plan, layout: layout)
        let previous = readSubmission(output: r.output)
        var tasks = Array(0..<layout.taskCount)
        if resume {
            guard let previous else {
                throw BatchTaskError(description: "--resume: the plan was never submitted (no \(r.folder.path)/submission.json); submit it without --resume")
            }
            guard previous.planDigest == digest else {
                throw BatchTaskError(description: "--resume: the plan or its jobs per task changed since it was submitted; submit it again without --resume")
            }
            tasks = BatchTasks.unfinishedTasks(of: r.plan, layout: layout)
        }
        if !dryRun, let previous {
            let ids = [previous.arrayJob, previous.combineJob]
            if let queued = try? run("squeue", ["--me", "--noheader", "--format=%F"]), queued.status == 0 {
                let live = Set(queued.stdout.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) })
                let still = ids.filter(live.contains)
                if !still.isEmpty {
                    throw BatchTaskError(description: "job \(still.joined(separator: " and ")) of an earlier submission of this plan is still queued or running: wait for it to end, or cancel it with scancel \(still.joined(separator: " "))")
                }
            }
        }
        let scripts = try scripts(r)
        let arrayCommand = ["sbatch", "--parsable"]
            + (resume ? ["--array=" + arraySpec(tasks, maxRunning: r.settings.maxRunning ?? SlurmSettings.defaultMaxRunning)] : [])
            + [r.tasksScript.path]
        var outcome = Outcome(tasks: tasks, commands: [], arrayJob: nil, combineJob: nil)
        do {
            let fm = FileManager.default
            try fm.createDirectory(at: r.folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
            try Data(scripts.tasks.utf8).write(to: r.tasksScript, options: .atomic)
            try Data(scripts.combine.utf8).write(to: r.combineScript, options: .atomic)
            if !dryRun && !resume {
                try? fm.removeItem(at: r.folder.appendingPathComponent("tasks"))
                try? fm.removeItem(at: r.folder.appendingPathComponent("submission.json"))
            }
        } catch {
            throw BatchTaskError(description: "cannot write the job scripts into \(r.folder.path): \(plainReason(error))")
        }
        guard !tasks.isEmpty else { return outcome }
        guard !dryRun else {
            outcome.commands = [arrayCommand, ["sbatch", "--parsable", "--dependency=afterany:<array job>", r.combineScript.path]]
            return outcome
        }
        let arrayJob: String
        do {
            arrayJob = try submitted(arrayCommand, what: "the job array", run: run)
        } catch where layout.taskCount > 1000 {
            // Slurm's default MaxArraySize is 1001: indices 0-1000.
            throw BatchTaskError(description: error.description + " (\(layout.taskCount) tasks: if that is more than the cluster's MaxArraySize, put several jobs in each task with --jobs-per-task)")
        }
        outcome.arrayJob = arrayJob
        outcome.commands.append(arrayCommand)
        let combineCommand = ["sbatch", "--parsable", "--dependency=afterany:\(arrayJob)", r.combineScript.path]
        let combineJob: String
        do {
            combineJob = try submitted(combineCommand, what: "the combine job", run: run)
        } catch {
            _ = try? run("scancel", [arrayJob])
            throw BatchTaskError(description: error.description + "; the job array \(arrayJob) was cancelled")
        }
        outcome.combineJob = combineJob
        outcome.commands.append(combineCommand)
        let record = "{\n  \"plan\": \(JSON.quote(r.plan.name)),\n  \"plan_file\": \(JSON.quote(r.planFile)),\n"
            + "  \"plan_digest\": \(JSON.quote(digest)),\n  \"jobs_per_task\": \(layout.jobsPerTask),\n"
            + "  \"array_job\": \(JSON.quote(arrayJob)),\n  \"combine_job\": \(JSON.quote(combineJob)),\n"
            + "  \"resumed\": \(resume),\n  \"tasks\": [" + tasks.map(String.init).joined(separator: ", ") + "]\n}\n"
        do {
            try Data(record.utf8).write(to: r.folder.appendingPathComponent("submission.json"), options: .atomic)
        } catch {
            throw BatchTaskError(description: "submitted jobs \(arrayJob) and \(combineJob), but cannot record them in \(r.folder.path)/submission.json: \(plainReason(error))")
        }
        return outcome
    }

    /// The last submission recorded under the plan's output, if any.
    public static func readSubmission(output: URL) -> SlurmSubmissionRecord? {
        guard let data = FileManager.default.contents(atPath: output.appendingPathComponent("\(BatchTasks.folder)/submission.json").path),
              let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let digest = o["plan_digest"] as? String, let array = o["array_job"] as? String,
              let combine = o["combine_job"] as? String, let tasks = o["tasks"] as? [Int] else { return nil }
        return SlurmSubmissionRecord(planDigest: digest, arrayJob: array, combineJob: combine, tasks: tasks)
    }

    /// Runs `sbatch --parsable …`; its first output line is `<job id>[;<cluster>]`.
    static func submitted(_ command: [String], what: String, run: SlurmCommandRunner) throws(BatchTaskError) -> String {
        let result: SlurmCommandResult
        do {
            result = try run(command[0], Array(command.dropFirst()))
        } catch {
            throw BatchTaskError(description: "cannot run sbatch to submit \(what): \(error) (is this a Slurm login node? `--dry-run` writes the scripts only)")
        }
        let id = result.stdout.split(whereSeparator: \.isNewline).first.map { String($0.split(separator: ";").first ?? "") } ?? ""
        guard result.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            let said = result.stderr.split(whereSeparator: \.isNewline).last.map(String.init) ?? result.stdout
            throw BatchTaskError(description: "sbatch refused \(what) (exit \(result.status)): \(said.isEmpty ? "no message" : said)")
        }
        return id
    }

    /// Runs a program found on PATH, waiting for it; output through temporary files (no pipe to drain).
    public static let processRunner: SlurmCommandRunner = { program, arguments in
        struct NotFound: Error, CustomStringConvertible { var description: String }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw NotFound(description: "\(program) is not on PATH") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? out.close()
        try? err.close()
        return SlurmCommandResult(status: process.terminationStatus,
                                  stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                                  stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// A path in sbatch's filename patterns: a literal `%` is `%%`.
    static func filePattern(_ path: String) -> String { path.replacingOccurrences(of: "%", with: "%%") }

    /// A value on an `#SBATCH` line: as is, or in double quotes when it holds blanks (sbatch removes them).
    static func sbatchValue(_ s: String) throws(BatchTaskError) -> String {
        guard !s.contains("\"") && !s.contains("\n") else {
            throw BatchTaskError(description: "the path '\(s)' cannot go on an #SBATCH line (it holds a quote or a line break): move or rename it")
        }
        return s.contains(where: \.isWhitespace) ? "\"\(s)\"" : s
    }

    /// A word for bash: single-quoted.
    static func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
