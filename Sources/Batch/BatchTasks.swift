import Analysis
import Checksum
import Foundation
import GraphvizKit
import Reports
import TextFormats

/// How the work of a plan is cut into numbered tasks (the array tasks of a Slurm job array).
///
/// The work is a list of steps in plan order (``BatchUnit/steps(jobCount:draws:)``): a job without Monte Carlo
/// draws is one step, its analysis; a job of N draws in chunks of D is ⌈N/D⌉ steps, step k holding draws
/// `k·D ..< min((k+1)·D, N)` (the first step also runs the job's analysis). Task `i` runs steps
/// `i·jobsPerTask ..< min((i+1)·jobsPerTask, steps.count)`. The plan fixes the order (jobs, then sweep
/// combinations, then draw ranges), so the same plan always gives the same indices: a task can be re-run, resumed
/// or cancelled by number. Draw k of a job is seeded from the plan's draw seed and k alone, and a job's partial
/// tallies are merged in draw order, so the split does not change a number.
public struct BatchTaskLayout: Sendable, Equatable {
    public let jobCount: Int
    /// Steps per task (`jobs_per_task` in a plan, `--jobs-per-task`).
    public let jobsPerTask: Int
    /// The units of each step.
    public let steps: [[BatchUnit]]

    /// The layout of `jobCount` jobs without draws.
    public init(jobCount: Int, jobsPerTask: Int = 1) {
        self.init(jobCount: jobCount, draws: DrawPlan(), jobsPerTask: jobsPerTask)
    }

    public init(jobCount: Int, draws: DrawPlan, jobsPerTask: Int = 1) {
        self.jobCount = jobCount
        self.jobsPerTask = max(1, jobsPerTask)
        steps = BatchUnit.steps(jobCount: jobCount, draws: draws)
    }

    /// The layout of a plan's jobs and draws.
    public init(plan: BatchPlan, jobsPerTask: Int = 1) {
        self.init(jobCount: plan.jobs.count, draws: plan.draws, jobsPerTask: jobsPerTask)
    }

    /// How many tasks: ⌈steps / jobsPerTask⌉.
    public var taskCount: Int { (steps.count + jobsPerTask - 1) / jobsPerTask }

    /// The units task `task` runs, in plan order.
    /// - Complexity: O(units of the task).
    public func units(ofTask task: Int) -> [BatchUnit] {
        let start = min(task * jobsPerTask, steps.count)
        return steps[start..<min(start + jobsPerTask, steps.count)].flatMap { $0 }
    }

    /// The plan jobs (indices into ``BatchPlan/jobs``) task `task` works on.
    public func jobs(ofTask task: Int) -> Range<Int> {
        let units = units(ofTask: task)
        guard let first = units.first, let last = units.last else { return jobCount..<jobCount }
        return first.job..<(last.job + 1)
    }
}

/// What one task did: written atomically to `slurm/tasks/task-<i>.json` when the task ends, so a task killed
/// before its end (scancel, time limit, node failure) leaves no record and counts as not finished.
public struct BatchTaskRecord: Sendable {
    public var task: Int
    public var planDigest: String
    /// The Slurm job that ran it (`<array job>_<task>`), if any.
    public var slurmJob: String?
    public var host: String
    public var started: Date
    public var finished: Date
    public var jobs: [BatchJobRecord]

    public var succeeded: Bool { jobs.allSatisfy { $0.status != .failed } }
}

/// A task that did not finish, or finished with a failed job: what the combine step reports.
public struct BatchTaskFailure: Sendable, Equatable {
    public var task: Int
    /// The plan jobs it holds.
    public var jobs: [String]
    /// One line: why (the job's error, or Slurm's CANCELLED/TIME LIMIT line from the log, or "no record").
    public var reason: String
    /// The task's Slurm log (it may not exist when the task never started).
    public var log: String
}

/// A problem running or combining tasks, as one line for the user.
public struct BatchTaskError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// Running one task of a plan, and combining the tasks' results: what the array tasks and the dependent combine
/// job of `blocs batch --on slurm` run (`--task I`, `--combine`). The state lives in the plan's output folder
/// (a shared filesystem on a cluster): `jobs/<job>/` as for a local run, and `slurm/tasks/task-<i>.json`.
public enum BatchTasks {
    /// The folder under the plan's output holding scripts, logs and task records.
    public static let folder = "slurm"

    /// The plan's output folder, as ``BatchRunner`` resolves it (relative to the current directory).
    public static func output(of plan: BatchPlan) -> URL {
        URL(fileURLWithPath: plan.output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
    }

    public static func recordPath(_ task: Int, output: URL) -> URL {
        output.appendingPathComponent("\(folder)/tasks/task-\(task).json")
    }

    public static func logPath(_ task: Int, output: URL) -> URL {
        output.appendingPathComponent("\(folder)/logs/task-\(task).log")
    }

    /// SHA-256 of what fixes the task → unit mapping: the plan's name, output, jobs (names and parameters, in
    /// order), draws and jobs per task. Task records of another digest belong to another plan and are ignored.
    /// - Complexity: O(jobs × parameters).
    public static func planDigest(_ plan: BatchPlan, layout: BatchTaskLayout) -> String {
        var text = "blocs-tasks 1\n\(plan.name)\n\(plan.output)\n\(layout.jobsPerTask)\n"
        if plan.draws.count > 0 { text += "draws \(plan.draws.count) seed \(plan.draws.seed) chunk \(plan.draws.chunk)\n" }
        for job in plan.jobs {
            text += job.name + "\t" + job.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\t") + "\n"
        }
        return SHA256.hex(Array(text.utf8))
    }

    /// Runs the jobs of task `task` (each into `jobs/<job>/`, replaced atomically, unchanged jobs skipped as in a
    /// local run), then writes the task record. Job failures are in the record; a thrown error means the task
    /// could not start (bad index, plan changed since submission).
    /// - Complexity: the task's units, `workers` at a time.
    public static func run(task: Int, of plan: BatchPlan, layout: BatchTaskLayout, planFolder: URL,
                           resolveDataset: @escaping @Sendable (String) throws -> String, renderer: any GraphvizRendering,
                           generator: String, force: Bool = false, workers: Int = 1, slurmJob: String? = nil,
                           progress: ProgressReporter = .silent) throws(BatchTaskError) -> BatchTaskRecord {
        guard (0..<layout.taskCount).contains(task) else {
            throw BatchTaskError(description: "task \(task) does not exist: the plan has \(layout.taskCount) task\(layout.taskCount == 1 ? "" : "s") (0-\(layout.taskCount - 1)) at \(layout.jobsPerTask) job\(layout.jobsPerTask == 1 ? "" : "s") per task")
        }
        let output = output(of: plan)
        let digest = planDigest(plan, layout: layout)
        if let submitted = SlurmSubmission.readSubmission(output: output), submitted.planDigest != digest {
            throw BatchTaskError(description: "the plan or its jobs per task changed since it was submitted (\(output.path)/\(folder)/submission.json); submit it again with --on slurm")
        }
        let started = Date()
        let units = layout.units(ofTask: task)
        progress.stage("task \(task) of \(plan.name): \(units.map { BatchUnit.name(job: plan.jobs[$0.job].name, draws: $0.draws) }.joined(separator: ", ")) → \(output.path)")
        let cache = BatchRunner.DatasetCache(resolve: resolveDataset, planFolder: planFolder)
        let records = BatchRunner.runUnits(units, of: plan, output: output, cache: cache, renderer: renderer, generator: generator,
                                           force: force, workers: workers) { _, record in
            let what = record.status == .failed ? "FAILED: \(record.error ?? "")" : record.status == .unchanged ? "unchanged, skipped" : String(format: "ok in %.1f s", record.seconds)
            progress.stage("\(record.unitName): \(what)")
        }
        let record = BatchTaskRecord(task: task, planDigest: digest, slurmJob: slurmJob, host: ProcessInfo.processInfo.hostName,
                                     started: started, finished: Date(), jobs: records)
        do {
            let path = recordPath(task, output: output)
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(json(record).utf8).write(to: path, options: .atomic)
        } catch {
            throw BatchTaskError(description: "cannot write the task record \(recordPath(task, output: output).path): \(plainReason(error))")
        }
        return record
    }

    /// The record of task `task`, if it exists, is readable, and belongs to this plan and layout.
    /// `digest` is ``planDigest(_:layout:)`` of the plan and layout.
    /// - Complexity: O(size of the record).
    public static func readRecord(_ task: Int, of plan: BatchPlan, layout: BatchTaskLayout, digest: String, output: URL) -> BatchTaskRecord? {
        guard let data = FileManager.default.contents(atPath: recordPath(task, output: output).path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let record = record(from: object),
              record.task == task, record.planDigest == digest,
              record.jobs.map(\.unitName) == layout.units(ofTask: task).map({ BatchUnit.name(job: plan.jobs[$0.job].name, draws: $0.draws) })
        else { return nil }
        return record
    }

    /// The tasks to run again: no valid record (never ran, killed, timed out, node lost) or a failed job.
    /// - Complexity: O(jobs × parameters) for the digest, then one record read per task.
    public static func unfinishedTasks(of plan: BatchPlan, layout: BatchTaskLayout) -> [Int] {
        let output = output(of: plan)
        let digest = planDigest(plan, layout: layout)
        return (0..<layout.taskCount).filter { readRecord($0, of: plan, layout: layout, digest: digest, output: output)?.succeeded != true }
    }

    /// What ``combine(_:layout:generator:)`` did.
    public struct Combined: Sendable {
        public var run: BatchRunRecord
        public var failures: [BatchTaskFailure]
    }

    /// Gathers the task records into `combined/<table>.csv` and `run.json`, as a local run of the plan would
    /// write them: the tables hold every job of the finished tasks, in plan order (byte for byte what a local
    /// run writes when the same jobs succeed); a unit of an unfinished task is a failed unit in `run.json`, its
    /// error naming the task and its log. A job whose draw units all finished gets its uncertainty tables from
    /// their merged partials (``BatchDraws``), gathered into `combined/uncertainty/`.
    /// - Complexity: O(tasks + rows of the jobs' tables + size of the partials).
    public static func combine(_ plan: BatchPlan, layout: BatchTaskLayout, planFolder: URL,
                               resolveDataset: @escaping @Sendable (String) throws -> String, generator: String) -> Combined {
        let output = output(of: plan)
        let digest = planDigest(plan, layout: layout)
        var jobs: [BatchJobRecord] = []
        var failures: [BatchTaskFailure] = []
        var started: Date?
        for task in 0..<layout.taskCount {
            let units = layout.units(ofTask: task)
            let log = logPath(task, output: output).path
            if let record = readRecord(task, of: plan, layout: layout, digest: digest, output: output) {
                jobs += record.jobs
                started = min(started ?? record.started, record.started)
                for job in record.jobs where job.status == .failed {
                    failures.append(BatchTaskFailure(task: task, jobs: [job.unitName], reason: "\(job.draws == nil ? "job" : "unit") \(job.unitName) failed: \(job.error ?? "no message")", log: log))
                }
                continue
            }
            let reason = unfinishedReason(log: log)
            failures.append(BatchTaskFailure(task: task, jobs: units.map { BatchUnit.name(job: plan.jobs[$0.job].name, draws: $0.draws) }, reason: reason, log: log))
            for unit in units {
                let job = plan.jobs[unit.job]
                jobs.append(BatchJobRecord(name: job.name, parameters: job.parameters, swept: job.swept, status: .failed, seconds: 0,
                                           fingerprint: "", folder: unit.draws == nil ? "jobs/" + fileSafeName(job.name) : "\(BatchDraws.folder)/\(fileSafeName(job.name))",
                                           error: "task \(task) did not finish (\(reason)); log: \(log)", warnings: [], draws: unit.draws))
            }
        }
        var run = BatchRunRecord(plan: plan.name, output: output, generator: generator, started: started ?? Date(), finished: Date(), jobs: jobs)
        let cache = BatchRunner.DatasetCache(resolve: resolveDataset, planFolder: planFolder)
        let uncertain = BatchRunner.finishDraws(plan, records: &run.jobs, output: output, cache: cache, generator: generator)
        do {
            try BatchRunner.writeCombined(run, uncertainty: uncertain)
        } catch {
            run.jobs.append(BatchJobRecord(name: "(combined tables)", parameters: [:], swept: [], status: .failed, seconds: 0,
                                           fingerprint: "", folder: "combined", error: "\(error)", warnings: []))
        }
        run.finished = Date()
        try? Data(BatchRunner.runJSON(run).utf8).write(to: output.appendingPathComponent("run.json"), options: .atomic)
        return Combined(run: run, failures: failures)
    }

    /// Why a task left no record, from its log: Slurm's own line (`*** JOB … CANCELLED … DUE TO TIME LIMIT ***`,
    /// `… NODE FAILURE …`) when there is one, else the log's last error line, else that it never started.
    static func unfinishedReason(log: String) -> String {
        guard let data = FileManager.default.contents(atPath: log) else { return "it never started (no log)" }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        // The log is appended to by every attempt: only the last attempt's lines count.
        let lastAttempt = lines.lastIndex { $0.hasPrefix(SlurmSubmission.attemptMarker) } ?? 0
        let attempt = lines[lastAttempt...]
        if let slurm = attempt.last(where: { $0.contains("*** JOB") || $0.contains("*** STEP") }), let start = slurm.range(of: "***") {
            return "Slurm: " + slurm[start.lowerBound...]
        }
        if let error = attempt.last(where: { $0.lowercased().contains("error") }) { return "it stopped: \(error)" }
        return "no task record: it was stopped, or is still running"
    }

    // MARK: - Task records as JSON

    static func json(_ r: BatchTaskRecord) -> String {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var out = "{\n  \"task\": \(r.task),\n  \"plan_digest\": \(JSON.quote(r.planDigest)),\n"
        out += "  \"slurm_job\": \(r.slurmJob.map(JSON.quote) ?? "null"),\n  \"host\": \(JSON.quote(r.host)),\n"
        out += "  \"started\": \(JSON.quote(iso.string(from: r.started))),\n  \"finished\": \(JSON.quote(iso.string(from: r.finished))),\n"
        out += "  \"jobs\": ["
        for (i, j) in r.jobs.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\"name\": \(JSON.quote(j.name)), \"status\": \(JSON.quote(j.status.rawValue)), "
            out += "\"seconds\": \(j.seconds), "
            out += "\"folder\": \(JSON.quote(j.folder)), \"fingerprint\": \(JSON.quote(j.fingerprint)), "
            out += "\"parameters\": {" + j.parameters.sorted { $0.key < $1.key }.map { "\(JSON.quote($0.key)): \(JSON.quote($0.value))" }.joined(separator: ", ") + "}, "
            out += "\"swept\": [" + j.swept.map(JSON.quote).joined(separator: ", ") + "], "
            if let d = j.draws { out += "\"draws\": [\(d.lowerBound), \(d.upperBound)], " }
            out += "\"error\": \(j.error.map(JSON.quote) ?? "null"), "
            out += "\"warnings\": [" + j.warnings.map(JSON.quote).joined(separator: ", ") + "]}"
        }
        out += "\n  ]\n}\n"
        return out
    }

    static func record(from o: [String: Any]) -> BatchTaskRecord? {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let task = o["task"] as? Int, let digest = o["plan_digest"] as? String, let host = o["host"] as? String,
              let started = (o["started"] as? String).flatMap(iso.date(from:)),
              let finished = (o["finished"] as? String).flatMap(iso.date(from:)),
              let jobObjects = o["jobs"] as? [[String: Any]] else { return nil }
        var jobs: [BatchJobRecord] = []
        for j in jobObjects {
            guard let name = j["name"] as? String, let status = (j["status"] as? String).flatMap(BatchJobRecord.Status.init(rawValue:)),
                  let seconds = j["seconds"] as? Double, let folder = j["folder"] as? String,
                  let fingerprint = j["fingerprint"] as? String, let parameters = j["parameters"] as? [String: String],
                  let swept = j["swept"] as? [String], let warnings = j["warnings"] as? [String] else { return nil }
            var draws: Range<Int>?
            if let d = j["draws"] {
                guard let pair = d as? [Int], pair.count == 2, pair[0] < pair[1] else { return nil }
                draws = pair[0]..<pair[1]
            }
            jobs.append(BatchJobRecord(name: name, parameters: parameters, swept: swept, status: status, seconds: seconds,
                                       fingerprint: fingerprint, folder: folder, error: j["error"] as? String, warnings: warnings, draws: draws))
        }
        return BatchTaskRecord(task: task, planDigest: digest, slurmJob: o["slurm_job"] as? String, host: host,
                               started: started, finished: finished, jobs: jobs)
    }
}
