import Analysis
import Checksum
import Foundation
import GraphvizKit
import Reports
import TextFormats

/// How the jobs of a plan are cut into numbered tasks (the array tasks of a Slurm job array).
///
/// Task `i` runs the plan's jobs `i·jobsPerTask ..< min((i+1)·jobsPerTask, jobCount)`, in plan order. The plan's
/// job order is fixed by the file (jobs, then sweep combinations), so the same plan and `jobsPerTask` always give
/// the same indices: a task can be re-run, resumed or cancelled by number.
///
/// The unit a task runs is a plan job. When Monte Carlo draws exist, the unit becomes (job, range of draws): a
/// job of N draws with D draws per task contributes ⌈N/D⌉ consecutive units, unit k holding draws
/// `k·D ..< min((k+1)·D, N)`, each draw seeded from (plan seed, job, draw index) alone so that the split does not
/// change a number; the combine step merges a job's draw ranges in draw order.
public struct BatchTaskLayout: Sendable, Equatable {
    public let jobCount: Int
    public let jobsPerTask: Int

    public init(jobCount: Int, jobsPerTask: Int = 1) {
        self.jobCount = jobCount
        self.jobsPerTask = max(1, jobsPerTask)
    }

    /// How many tasks: ⌈jobCount / jobsPerTask⌉.
    public var taskCount: Int { (jobCount + jobsPerTask - 1) / jobsPerTask }

    /// The plan jobs (indices into ``BatchPlan/jobs``) task `task` runs.
    public func jobs(ofTask task: Int) -> Range<Int> {
        let start = min(task * jobsPerTask, jobCount)
        return start..<min(start + jobsPerTask, jobCount)
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

    /// SHA-256 of what fixes the task → job mapping: the plan's name, output, jobs (names and parameters, in
    /// order) and jobs per task. Task records of another digest belong to another plan and are ignored.
    /// - Complexity: O(jobs × parameters).
    public static func planDigest(_ plan: BatchPlan, layout: BatchTaskLayout) -> String {
        var text = "blocs-tasks 1\n\(plan.name)\n\(plan.output)\n\(layout.jobsPerTask)\n"
        for job in plan.jobs {
            text += job.name + "\t" + job.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\t") + "\n"
        }
        return SHA256.hex(Array(text.utf8))
    }

    /// Runs the jobs of task `task` (each into `jobs/<job>/`, replaced atomically, unchanged jobs skipped as in a
    /// local run), then writes the task record. Job failures are in the record; a thrown error means the task
    /// could not start (bad index, plan changed since submission).
    /// - Complexity: the task's jobs, `workers` at a time.
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
        let range = layout.jobs(ofTask: task)
        progress.stage("task \(task) of \(plan.name): job\(range.count == 1 ? "" : "s") \(range.map { plan.jobs[$0].name }.joined(separator: ", ")) → \(output.path)")
        let cache = BatchRunner.DatasetCache(resolve: resolveDataset, planFolder: planFolder)
        let collected = BatchRunner.Collected(count: range.count)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, workers)
        for (slot, index) in range.enumerated() {
            let job = plan.jobs[index]
            queue.addOperation {
                let record = BatchRunner.runJob(job, output: output, cache: cache, renderer: renderer, generator: generator, force: force)
                _ = collected.store(record, at: slot)
                let what = record.status == .failed ? "FAILED: \(record.error ?? "")" : record.status == .unchanged ? "unchanged, skipped" : String(format: "ok in %.1f s", record.seconds)
                progress.stage("\(job.name): \(what)")
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        let record = BatchTaskRecord(task: task, planDigest: digest, slurmJob: slurmJob, host: ProcessInfo.processInfo.hostName,
                                     started: started, finished: Date(), jobs: collected.records)
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
              record.jobs.map(\.name) == layout.jobs(ofTask: task).map({ plan.jobs[$0].name }) else { return nil }
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
    /// run writes when the same jobs succeed); a job of an unfinished task is a failed job in `run.json`, its
    /// error naming the task and its log.
    /// - Complexity: O(tasks + rows of the jobs' tables).
    public static func combine(_ plan: BatchPlan, layout: BatchTaskLayout, generator: String) -> Combined {
        let output = output(of: plan)
        let digest = planDigest(plan, layout: layout)
        var jobs: [BatchJobRecord] = []
        var failures: [BatchTaskFailure] = []
        var started: Date?
        for task in 0..<layout.taskCount {
            let range = layout.jobs(ofTask: task)
            let log = logPath(task, output: output).path
            if let record = readRecord(task, of: plan, layout: layout, digest: digest, output: output) {
                jobs += record.jobs
                started = min(started ?? record.started, record.started)
                for job in record.jobs where job.status == .failed {
                    failures.append(BatchTaskFailure(task: task, jobs: [job.name], reason: "job \(job.name) failed: \(job.error ?? "no message")", log: log))
                }
                continue
            }
            let reason = unfinishedReason(log: log)
            failures.append(BatchTaskFailure(task: task, jobs: range.map { plan.jobs[$0].name }, reason: reason, log: log))
            for index in range {
                let job = plan.jobs[index]
                jobs.append(BatchJobRecord(name: job.name, parameters: job.parameters, swept: job.swept, status: .failed, seconds: 0,
                                           fingerprint: "", folder: "jobs/" + fileSafeName(job.name),
                                           error: "task \(task) did not finish (\(reason)); log: \(log)", warnings: []))
            }
        }
        var run = BatchRunRecord(plan: plan.name, output: output, generator: generator, started: started ?? Date(), finished: Date(), jobs: jobs)
        do {
            try BatchRunner.writeCombined(run)
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
            jobs.append(BatchJobRecord(name: name, parameters: parameters, swept: swept, status: status, seconds: seconds,
                                       fingerprint: fingerprint, folder: folder, error: j["error"] as? String, warnings: warnings))
        }
        return BatchTaskRecord(task: task, planDigest: digest, slurmJob: o["slurm_job"] as? String, host: host,
                               started: started, finished: finished, jobs: jobs)
    }
}
