import Analysis
import Checksum
import DatasetIO
import Foundation
import Reports
import TemporalModel
import Uncertainty
import Yams

/// The Monte Carlo draws of a plan: every job runs `count` draws with seed `seed`, in units of `chunk` draws.
///
/// ```yaml
/// draws: {count: 1000, seed: 7, chunk: 250}   # or `draws: 1000` (seed 1, chunks of 250)
/// ```
/// The command line (`blocs batch --draws N --draw-seed S --draw-chunk C`) overrides the plan. Draw k of a job
/// uses a seed derived from `seed` and k only, so the job's uncertainty tables do not depend on `chunk`, on how
/// the units are spread over array tasks, or on the cores.
public struct DrawPlan: Sendable, Equatable {
    /// Draws per job; 0: no Monte Carlo.
    public var count: Int
    public var seed: UInt64
    /// Draws per unit of work (one partial tally, one array task with one unit per task).
    public var chunk: Int

    /// 250 draws take a few seconds on the bundled datasets and a few minutes on large ones: short enough that a
    /// killed task costs little, long enough that starting a task (loading the dataset, the reference run) does
    /// not dominate.
    public static let defaultChunk = 250

    public init(count: Int = 0, seed: UInt64 = 1, chunk: Int = DrawPlan.defaultChunk) {
        self.count = count
        self.seed = seed
        self.chunk = chunk
    }

    /// The keys of a plan's `draws:` section.
    public static let keys = ["count", "seed", "chunk"]

    /// Sets `key` (a plan key, see ``keys``) from text; returns the problem as a sentence, or nil.
    public mutating func set(_ key: String, _ value: String) -> String? {
        switch key {
        case "count":
            guard let n = Int(value), n >= 0 else { return "draws count must be a whole number of at least 0, not '\(value)'" }
            count = n
        case "seed":
            guard let s = UInt64(value) else { return "draws seed must be a whole number from 0 to \(UInt64.max), not '\(value)'" }
            seed = s
        case "chunk":
            guard let n = Int(value), n >= 1 else { return "draws chunk must be a whole number of at least 1, not '\(value)'" }
            chunk = n
        default:
            return "unknown draws setting '\(key)' (known: \(Self.keys.joined(separator: ", ")))"
        }
        return nil
    }

    /// The draw ranges of one job, in draw order: `k·chunk ..< min((k+1)·chunk, count)`.
    /// - Complexity: O(count / chunk).
    public var ranges: [Range<Int>] {
        stride(from: 0, to: count, by: chunk).map { $0..<min($0 + chunk, count) }
    }

    /// Reads a plan's `draws:` value: a count, or a mapping of ``keys``; problems at their position in `file`.
    static func read(_ node: Node, file: String) throws(PlanError) -> DrawPlan {
        func fail(_ n: Node, _ message: String) -> PlanError {
            PlanError(file: file, line: n.mark?.line ?? 0, column: n.mark?.column ?? 0, message: message)
        }
        var plan = DrawPlan()
        if let value = node.scalar?.string {
            if let problem = plan.set("count", value) { throw fail(node, problem) }
            return plan
        }
        guard let map = node.mapping else { throw fail(node, "draws must be a number of draws or map \(keys.joined(separator: ", ")) to values") }
        for (k, v) in map {
            let key = k.string ?? ""
            guard keys.contains(key) else { throw fail(k, "unknown draws setting '\(key)' (known: \(keys.joined(separator: ", ")))") }
            guard let value = v.scalar?.string else { throw fail(v, "draws \(key) must be a single value") }
            if let problem = plan.set(key, value) { throw fail(v, problem) }
        }
        return plan
    }
}

/// A piece of work of a plan: the analysis of a job (`draws == nil`), or a range of its Monte Carlo draws.
public struct BatchUnit: Hashable, Sendable, CustomStringConvertible {
    /// Index into ``BatchPlan/jobs``.
    public var job: Int
    public var draws: Range<Int>?

    public init(job: Int, draws: Range<Int>? = nil) {
        self.job = job
        self.draws = draws
    }

    public var description: String { draws.map { "job \(job) draws \($0.lowerBound)..<\($0.upperBound)" } ?? "job \(job)" }

    /// How the unit is named to the user: the job's name, with its draws (`persons[draws 250..<500]`).
    public static func name(job: String, draws: Range<Int>?) -> String {
        draws.map { "\(job)[draws \($0.lowerBound)..<\($0.upperBound)]" } ?? job
    }

    /// The steps of a plan, in plan order: a job without draws is one step (its analysis); a job with draws is
    /// one step per chunk, the first also running its analysis. Array tasks are runs of consecutive steps.
    /// - Complexity: O(jobs × chunks).
    public static func steps(jobCount: Int, draws: DrawPlan) -> [[BatchUnit]] {
        (0..<jobCount).flatMap { j -> [[BatchUnit]] in
            let ranges = draws.count > 0 ? draws.ranges : []
            guard !ranges.isEmpty else { return [[BatchUnit(job: j)]] }
            return ranges.enumerated().map { k, r in (k == 0 ? [BatchUnit(job: j)] : []) + [BatchUnit(job: j, draws: r)] }
        }
    }
}

/// Monte Carlo draws of batch jobs: one unit of draws writes a partial tally (`draws/<job>/<key>-<first>-<end>.json`,
/// atomically, readable by `blocs draws --merge`); once every unit of a job has finished, the partials are merged
/// in draw order into the job's uncertainty tables (`jobs/<job>/uncertainty/`, what `blocs analyze --draws` writes).
public enum BatchDraws {
    /// The folder under the plan's output holding the partial tallies.
    public static let folder = "draws"

    /// The uncertainty tables gathered into `combined/uncertainty/`.
    public static let combinedTables = ["events", "memberships", "balance", "centrality", "together"]

    /// The Monte Carlo run of a job: the job's settings and reading, as `blocs analyze --draws` runs it (readings
    /// drawn by the dataset's weights when the job sets no scenario and the dataset declares weights; the
    /// ranking metric given intervals).
    /// - Throws: the settings' error when they do not fit the dataset.
    /// - Complexity: one run of the per-draw pipeline (the reference run).
    public static func monteCarlo(_ job: JobSpec, network: TemporalNetwork, seed: UInt64) throws -> MonteCarlo {
        let study = try Study(network, settings: try BatchRunner.resolve(job.parameters))
        let s = study.settings
        let settings = DrawSettings(snapshot: study.options, coalitions: s.coalitions, tracking: s.tracking, centrality: s.centrality,
                                    balance: s.balance,
                                    described: study.described(StudySettings.coalitionParameters + [.rankBy]).map { DrawSettings.Setting($0.0, $0.1) })
        let model = DrawModel.analysis(seed: seed, network: network, scenario: settings.snapshot.scenario,
                                       scenarioGiven: job.parameters["scenario"] != nil)
        return try MonteCarlo(network: network, settings: settings, model: model, options: UncertaintyOptions(centrality: [s.rankBy]))
    }

    /// What a partial's file name carries: SHA-256 of the blocs version, the run's identity (``MonteCarlo/fingerprint``)
    /// and the dataset's bytes. A partial of another version, setting or dataset has another key and is not used.
    static func key(_ mc: MonteCarlo, generator: String, datasetBytes: [UInt8]) -> String {
        SHA256.hex(Array((generator + "\n" + mc.fingerprint + "\n").utf8) + datasetBytes)
    }

    static func partialPath(job: String, key: String, draws: Range<Int>, output: URL) -> URL {
        output.appendingPathComponent("\(folder)/\(fileSafeName(job))/\(key.prefix(16))-\(draws.lowerBound)-\(draws.upperBound).json")
    }

    /// A partial tally, if the file exists and holds exactly `draws` of the run `mc`.
    static func readPartial(_ url: URL, draws: Range<Int>, of mc: MonteCarlo) -> DrawTally? {
        guard let data = FileManager.default.contents(atPath: url.path),
              let tally = try? JSONDecoder().decode(DrawTally.self, from: data),
              tally.fingerprint == mc.fingerprint, tally.draws == [draws] else { return nil }
        return tally
    }

    /// Runs draws `draws` of `job` on `workers` threads and writes their partial tally atomically; a partial of
    /// the same key and draws already there is kept (status `unchanged`) unless `force`.
    /// - Complexity: |draws| runs of the per-draw pipeline, divided among the workers.
    static func runUnit(_ job: JobSpec, draws: Range<Int>, plan: DrawPlan, output: URL, cache: BatchRunner.DatasetCache,
                        generator: String, force: Bool, workers: Int) -> BatchJobRecord {
        let start = Date()
        var record = BatchJobRecord(name: job.name, parameters: job.parameters, swept: job.swept, status: .failed, seconds: 0,
                                    fingerprint: "", folder: "", error: nil, warnings: [], draws: draws)
        do {
            let dataset = try cache.get(job.parameters["dataset"] ?? "soviet-oppositions")
            let mc = try monteCarlo(job, network: dataset.network, seed: plan.seed)
            record.fingerprint = key(mc, generator: generator, datasetBytes: dataset.bytes)
            let path = partialPath(job: job.name, key: record.fingerprint, draws: draws, output: output)
            record.folder = String(path.path.dropFirst(output.path.count + 1))
            if !force, readPartial(path, draws: draws, of: mc) != nil {
                record.status = .unchanged
            } else {
                let tally = try mc.run(draws: draws, workers: workers)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
                try encoder.encode(tally).write(to: path, options: .atomic)
                record.status = .ok
            }
        } catch {
            record.error = BatchRunner.failureLine(error)
        }
        record.seconds = Date().timeIntervalSince(start)
        return record
    }

    /// Merges the partials of every draw unit of `job` in draw order and writes its uncertainty tables into
    /// `jobs/<job>/uncertainty/` (replaced whole); removes the job's partials of other runs.
    /// - Throws: a sentence naming the unit whose partial is missing or unreadable, or the write that failed.
    ///   The job's previous uncertainty tables are removed then, so no stale table is combined.
    /// - Complexity: O(size of the partials) plus one reference run and the summaries (``MonteCarlo/finish(_:)``).
    static func finish(_ job: JobSpec, plan: DrawPlan, output: URL, cache: BatchRunner.DatasetCache, generator: String) throws(BatchTaskError) {
        let destination = output.appendingPathComponent("jobs/\(fileSafeName(job.name))/uncertainty")
        do {
            let dataset = try cache.get(job.parameters["dataset"] ?? "soviet-oppositions")
            let mc = try monteCarlo(job, network: dataset.network, seed: plan.seed)
            let key = key(mc, generator: generator, datasetBytes: dataset.bytes)
            var total: DrawTally?
            var expected = Set<String>()
            for r in plan.ranges {
                let path = partialPath(job: job.name, key: key, draws: r, output: output)
                expected.insert(path.lastPathComponent)
                guard let part = readPartial(path, draws: r, of: mc) else {
                    throw BatchTaskError(description: "no partial result for \(BatchUnit.name(job: job.name, draws: r)) (\(path.path)): run its unit again")
                }
                if total == nil { total = part } else { try total!.merge(part) }
            }
            guard let total else { return }
            let result = try mc.finish(total)
            let staged = try OutputFolder(destination: destination)
            do {
                try UncertaintyTables.write(result, model: mc.model, into: staged)
                try staged.commit()
            } catch {
                staged.discard()
                throw error
            }
            let partials = output.appendingPathComponent("\(folder)/\(fileSafeName(job.name))")
            for f in (try? FileManager.default.contentsOfDirectory(atPath: partials.path)) ?? [] where !expected.contains(f) {
                try? FileManager.default.removeItem(at: partials.appendingPathComponent(f))
            }
        } catch {
            try? FileManager.default.removeItem(at: destination)
            if let e = error as? BatchTaskError { throw e }
            throw BatchTaskError(description: "the uncertainty tables of \(job.name): \(error)")
        }
    }
}
