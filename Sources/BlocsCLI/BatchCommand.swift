import ArgumentParser
import Blocs
import Foundation

/// `blocs batch`: many analyses from one plan.
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Run the analyses a plan lists (datasets, periods, scenarios, methods, sweeps) on every core.",
        discussion: """
            A plan is a YAML file with optional `defaults`, `jobs` and `sweep` (every combination of the swept \
            values, applied to every job; `scenario: all` means every reading of the dataset). Job parameters: \
            dataset, and every setting: period, windows, level, rule, scenario, comembership, method, seed, min_size, \
            threshold, grace, formats (svg, png, pdf or none), rank_by, top_actors, betweenness (normalized or raw), \
            weighted_paths, pivots, pivot_seed, wf_improved, pagerank_alpha, katz_alpha, dense_limit, exact_node_limit, \
            draw_comembership. A value that does not parse is reported with its line in the plan.

            Each job writes a full analysis to OUT/jobs/<job>/ (as `blocs analyze` does). Then OUT/combined/ holds \
            one CSV per table across jobs (snapshots, balance, coalitions, changes), with the job and the swept \
            parameters as the first columns, and OUT/run.json records settings, versions, timings and failures. \
            A failing job does not stop the others; the exit code is 0 only when every job succeeded. Running a plan \
            again skips the jobs whose dataset and settings have not changed (--force runs them all).

            Monte Carlo: `draws: {count: N, seed: S, chunk: C}` in the plan (or --draws N --draw-seed S \
            --draw-chunk C) runs N draws per job in units of C draws (default \(DrawPlan.defaultChunk)), each unit \
            writing a partial tally to OUT/draws/<job>/; once all of a job's units are done they are merged into \
            OUT/jobs/<job>/uncertainty/ (what `blocs analyze --draws` writes) and OUT/combined/uncertainty/. Draw k \
            uses a seed derived from S and k only: the same tables locally, in one task or split across array tasks.

            With --on slurm the combine job depends on the array with afterany, not afterok, so that it runs \
            even when tasks fail and names them; it then exits 1 (Slurm shows it FAILED).

            Examples:
              blocs batch scripts/plans/soviet-readings.yaml
              blocs batch scripts/plans/soviet-sensitivity.yaml --workers 1
              blocs batch my-plan.yaml --dry-run
              blocs batch my-plan.yaml --on slurm --partition short --time 30   (then --resume for failed tasks)
            """)

    @Argument(help: ArgumentHelp("The plan (YAML).", valueName: "plan"))
    var plan: String

    @Option(help: "Jobs run at the same time (default: the number of cores).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Run every job, even those whose inputs have not changed.")
    var force = false

    @Flag(name: .customLong("dry-run"), help: "List the jobs and their parameters without running them (with --on slurm: write the job scripts, do not submit).")
    var dryRun = false

    @Option(help: ArgumentHelp("Monte Carlo draws per job (replaces the plan's draws count; 0: none).", valueName: "n"))
    var draws: Int?

    @Option(name: .customLong("draw-seed"), help: "Seed of the draws (draw k uses a seed derived from this and k only).")
    var drawSeed: UInt64?

    @Option(name: .customLong("draw-chunk"), help: ArgumentHelp("Draws per unit of work (default \(DrawPlan.defaultChunk)).", valueName: "n"))
    var drawChunk: Int?

    @OptionGroup(title: "On a cluster")
    var cluster: BatchClusterOptions

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        _ = try drawPlan(DrawPlan())
    }

    /// The plan's draws with the command line's values in their place.
    func drawPlan(_ plan: DrawPlan) throws -> DrawPlan {
        var d = plan
        let given: [(String, String, String?)] = [("count", "draws", draws.map(String.init)), ("seed", "draw-seed", drawSeed.map(String.init)),
                                                  ("chunk", "draw-chunk", drawChunk.map(String.init))]
        for case let (key, option, value?) in given {
            if let problem = d.set(key, value) {
                throw ValidationError("--\(option): " + problem)
            }
        }
        return d
    }

    func run() throws {
        try reportingErrors {
            guard let data = FileManager.default.contents(atPath: plan) else {
                throw UserFacingError(description: "no plan at '\(plan)'", exitCode: 64)
            }
            let planFolder = URL(fileURLWithPath: plan).deletingLastPathComponent()
            var parsed: BatchPlan
            do {
                parsed = try BatchPlan.read(file: plan, text: String(decoding: data, as: UTF8.self)) { name in
                    let relative = planFolder.appendingPathComponent(name).path
                    let path = FileManager.default.fileExists(atPath: relative + "/dataset.yaml") ? relative : try DatasetLocator.resolve(name)
                    return try DatasetLoader.load(path).info.scenarios.map(\.id)
                }
            } catch let e as PlanError {
                throw UserFacingError(description: e.description, exitCode: 64)
            }
            do { parsed.draws = try drawPlan(parsed.draws) } catch { throw UserFacingError(description: "\(error)", exitCode: 64) }
            if !dryRun || cluster.scheduler != nil {  // a cluster dry run writes its job scripts there
                let root = URL(fileURLWithPath: parsed.output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                do { try BatchRunner.prepareOutput(root.standardizedFileURL) } catch { throw UserFacingError(description: "\(error)", exitCode: 64) }
            }
            if try cluster.run(parsed, planFile: plan, planFolder: planFolder, dryRun: dryRun, force: force,
                               workers: workers) {
                return
            }
            if dryRun {
                for job in parsed.jobs {
                    Console.out("\(job.name): " + job.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + "\n")
                }
                let d = parsed.draws
                Console.out("\(parsed.jobs.count) job\(parsed.jobs.count == 1 ? "" : "s")"
                    + (d.count > 0 ? ", \(d.count) draws each (seed \(d.seed)) in \(d.ranges.count) unit\(d.ranges.count == 1 ? "" : "s") per job of up to \(d.chunk) draws" : "")
                    + " → \(parsed.output)\n")
                return
            }
            let renderer = Renderers.make(inProcess: false)
            let record = BatchRunner.run(parsed, planFolder: planFolder, resolveDataset: { try DatasetLocator.resolve($0) },
                                         renderer: renderer, generator: "Blocs \(BlocsVersion.string)", force: force,
                                         workers: workers, progress: .standardError())
            let ok = record.jobs.filter { $0.status == .ok }.count
            let unchanged = record.jobs.filter { $0.status == .unchanged }.count
            let failed = record.jobs.filter { $0.status == .failed }
            Console.error(String(format: "\n%d ran, %d unchanged, %d failed in %.1f s. Combined tables: %@/combined/, run record: %@/run.json" + (parsed.draws.count > 0 ? " (units: job analyses and draw ranges)" : ""),
                                 ok, unchanged, failed.count, record.finished.timeIntervalSince(record.started),
                                 parsed.output, parsed.output))
            for f in failed { Console.error("failed: \(f.unitName): \(f.error ?? "")") }
            if !record.succeeded { throw ExitCode(1) }
        }
    }
}
