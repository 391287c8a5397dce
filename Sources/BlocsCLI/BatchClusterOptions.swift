import ArgumentParser
import Blocs
import Foundation

/// The options of `blocs batch` for a cluster: `--on slurm` (submit), `--task I` and `--combine` (what the
/// submitted jobs run), `--resume`, and the Slurm resources.
struct BatchClusterOptions: ParsableArguments {
    @Option(name: .customLong("on"), help: ArgumentHelp("Run on a cluster: 'slurm' submits the plan as an sbatch job array and a combine job.", valueName: "scheduler"))
    var scheduler: String?

    @Option(help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(help: "Time limit of each array task (sbatch --time: minutes, HH:MM:SS, D-HH:MM…).")
    var time: String?

    @Option(help: "Memory of each array task (sbatch --mem: 4000, 500M, 2G).")
    var mem: String?

    @Option(name: .customLong("cpus-per-task"), help: "CPUs of each array task; also the jobs a task runs at once.")
    var cpusPerTask: Int?

    @Option(help: "Slurm account to charge (sbatch --account).")
    var account: String?

    @Option(name: .customLong("max-running"), help: "Array tasks running at the same time (the %L of --array=0-K%L; default \(SlurmSettings.defaultMaxRunning)).")
    var maxRunning: Int?

    @Option(name: .customLong("jobs-per-task"), help: "Plan jobs (with draws: units of draws) per array task (default 1).")
    var jobsPerTask: Int?

    @Flag(help: "With --on slurm: submit only the tasks that did not finish (and a new combine job).")
    var resume = false

    @Option(help: "Run task I of the plan only (what array task I runs), then record it under OUT/slurm/tasks/.")
    var task: Int?

    @Flag(help: "Gather the finished tasks into OUT/combined/ and OUT/run.json; name every task that failed, with its log.")
    var combine = false

    /// This `blocs` executable: the array tasks and the combine job run it, and the task's render workers.
    static func executable() -> String { Renderers.executablePath() }

    /// The Slurm settings given on the command line (each replaces the plan's).
    func settings() throws -> SlurmSettings {
        var s = SlurmSettings()
        let given: [(String, String?)] = [("partition", partition), ("time", time), ("mem", mem), ("cpus_per_task", cpusPerTask.map(String.init)),
                                          ("account", account), ("max_running", maxRunning.map(String.init)), ("jobs_per_task", jobsPerTask.map(String.init))]
        for case let (key, value?) in given {
            if let problem = s.set(key, value) { throw ValidationError("--" + problem.replacingOccurrences(of: "_", with: "-")) }
        }
        return s
    }

    func validate() throws {
        if let scheduler, scheduler != "slurm" { throw ValidationError("--on must be 'slurm' (the only cluster scheduler Blocs submits to), not '\(scheduler)'") }
        let modes = [scheduler != nil, task != nil, combine].filter { $0 }.count
        if modes > 1 { throw ValidationError("--on, --task and --combine are different modes: give one") }
        if resume && scheduler == nil { throw ValidationError("--resume goes with --on slurm (a local run already skips the jobs that are done)") }
        let slurmOnly = [partition, time, mem, account, cpusPerTask.map(String.init), maxRunning.map(String.init)]
        if scheduler == nil && slurmOnly.contains(where: { $0 != nil }) {
            throw ValidationError("--partition, --time, --mem, --cpus-per-task, --account and --max-running go with --on slurm")
        }
        if jobsPerTask != nil && modes == 0 { throw ValidationError("--jobs-per-task goes with --on slurm, --task or --combine") }
        if let task, task < 0 { throw ValidationError("--task must be 0 or more") }
        _ = try settings()
    }

    /// Handles `--on slurm`, `--task` and `--combine` for a read plan; false when none was given (a local run).
    func run(_ plan: BatchPlan, planFile: String, planFolder: URL, dryRun: Bool, force: Bool, workers: Int) throws -> Bool {
        if dryRun && (task != nil || combine) { throw UserFacingError(description: "--dry-run goes with --on slurm or a local run, not with --task or --combine", exitCode: 64) }
        let settings = plan.slurm.overridden(by: try settings())
        let layout = BatchTaskLayout(plan: plan, jobsPerTask: settings.jobsPerTask ?? 1)
        let generator = "Blocs \(BlocsVersion.string)"
        if let task {
            let env = ProcessInfo.processInfo.environment
            let slurmJob = env["SLURM_ARRAY_JOB_ID"].flatMap { id in env["SLURM_ARRAY_TASK_ID"].map { "\(id)_\($0)" } } ?? env["SLURM_JOB_ID"]
            let renderer = Renderers.make(inProcess: false)
            let record: BatchTaskRecord
            do {
                record = try BatchTasks.run(task: task, of: plan, layout: layout, planFolder: planFolder, resolveDataset: { try DatasetLocator.resolve($0) },
                                            renderer: renderer, generator: generator, force: force, workers: workers,
                                            slurmJob: slurmJob, progress: .standardError())
            } catch {
                throw UserFacingError(description: error.description, exitCode: 64)
            }
            let failed = record.jobs.filter { $0.status == .failed }
            Console.error(String(format: "task %d: %d job%@ done, %d failed in %.1f s; record: %@", task, record.jobs.count - failed.count,
                                 record.jobs.count - failed.count == 1 ? "" : "s", failed.count, record.finished.timeIntervalSince(record.started),
                                 BatchTasks.recordPath(task, output: BatchTasks.output(of: plan)).path))
            for f in failed { Console.error("failed: \(f.name): \(f.error ?? "")") }
            if !failed.isEmpty { throw ExitCode(1) }
            return true
        }
        if combine {
            if let submitted = SlurmSubmission.readSubmission(output: BatchTasks.output(of: plan)),
               submitted.planDigest != BatchTasks.planDigest(plan, layout: layout) {
                throw UserFacingError(description: "the plan, its draws or its jobs per task differ from those submitted (\(BatchTasks.output(of: plan).path)/\(BatchTasks.folder)/submission.json): give --combine the same --draws, --draw-seed, --draw-chunk and --jobs-per-task as the submission", exitCode: 64)
            }
            let combined = BatchTasks.combine(plan, layout: layout, planFolder: planFolder, resolveDataset: { try DatasetLocator.resolve($0) },
                                              generator: generator)
            let output = BatchTasks.output(of: plan).path
            let done = layout.taskCount - Set(combined.failures.map(\.task)).count
            Console.error("\(done) of \(layout.taskCount) task\(layout.taskCount == 1 ? "" : "s") succeeded. Combined tables: \(output)/combined/, run record: \(output)/run.json")
            for f in combined.failures {
                Console.error("failed: task \(f.task) (\(f.jobs.joined(separator: ", "))): \(f.reason); log: \(f.log)")
            }
            // Failures after the tasks: merging a job's draws, writing the combined tables.
            let failedTasks = Set(combined.failures.flatMap(\.jobs))
            for j in combined.run.jobs where j.status == .failed && !failedTasks.contains(j.unitName) {
                Console.error("failed: \(j.unitName): \(j.error ?? "no message")")
            }
            if !combined.failures.isEmpty {
                Console.error("To run the failed tasks again: blocs batch \(planFile) --on slurm --resume")
            }
            // Non-zero when anything failed: Slurm then shows the combine job FAILED (see SlurmSubmission).
            if !combined.failures.isEmpty || !combined.run.succeeded { throw ExitCode(1) }
            return true
        }
        guard scheduler == "slurm" else { return false }
        let cwd = FileManager.default.currentDirectoryPath
        let absolutePlan = URL(fileURLWithPath: planFile, relativeTo: URL(fileURLWithPath: cwd)).standardizedFileURL.path
        let request = SlurmSubmission.Request(plan: plan, planFile: absolutePlan, settings: settings, blocs: Self.executable(),
                                              workingDirectory: cwd, force: force)
        let outcome: SlurmSubmission.Outcome
        do {
            outcome = try SlurmSubmission.submit(request, resume: resume, dryRun: dryRun, run: SlurmSubmission.processRunner)
        } catch {
            throw UserFacingError(description: error.description, exitCode: 1)
        }
        let folder = request.folder.path
        if outcome.tasks.isEmpty {
            Console.out("every task of \(plan.name) has finished: nothing to resume. Run `blocs batch \(planFile) --combine` to write the combined tables again.\n")
            return true
        }
        if dryRun {
            Console.out("wrote \(request.tasksScript.path) and \(request.combineScript.path); not submitted. To submit:\n")
            for c in outcome.commands { Console.out("  " + c.joined(separator: " ") + "\n") }
            return true
        }
        let spec = SlurmSubmission.arraySpec(outcome.tasks, maxRunning: settings.maxRunning ?? SlurmSettings.defaultMaxRunning)
        Console.out("array job \(outcome.arrayJob ?? ""): \(outcome.tasks.count) task\(outcome.tasks.count == 1 ? "" : "s") of \(plan.name) (--array=\(spec)), logs in \(folder)/logs/\n")
        Console.out("combine job \(outcome.combineJob ?? ""): after every task has ended, writes \(BatchTasks.output(of: plan).path)/combined/ and run.json\n")
        return true
    }
}
