import Analysis
import Checksum
import Coalitions
import DatasetIO
import Foundation
import GraphvizKit
import Metrics
import Reports
import Snapshots
import TemporalModel
import TextFormats

/// What happened to one job of a batch.
public struct BatchJobRecord: Sendable {
    public enum Status: String, Sendable { case ok, unchanged, failed }
    public var name: String
    public var parameters: [String: String]
    public var swept: [String]
    public var status: Status
    public var seconds: Double
    /// SHA-256 of the blocs version, the resolved settings and the dataset's files; equal means nothing changed.
    public var fingerprint: String
    /// The job's folder, relative to the batch output (for a unit of draws: its partial tally).
    public var folder: String
    public var error: String?
    public var warnings: [String]
    /// The Monte Carlo draws this record is for (``BatchUnit``); nil: the job's analysis.
    public var draws: Range<Int>? = nil

    /// The job's name, with the draws when the record is for draws (`persons[draws 0..<250]`).
    public var unitName: String { BatchUnit.name(job: name, draws: draws) }
}

/// The machine-readable record of a batch run (`run.json`).
public struct BatchRunRecord: Sendable {
    public var plan: String
    public var output: URL
    public var generator: String
    public var started: Date
    public var finished: Date
    public var jobs: [BatchJobRecord]

    public var succeeded: Bool { jobs.allSatisfy { $0.status != .failed } }
}

/// Runs the jobs of a ``BatchPlan`` on every core, each into its own folder (`jobs/<name>/`, replaced atomically),
/// then writes the combined tables (`combined/<table>.csv`, one row per job and row, the swept parameters as the
/// first columns) and `run.json`.
///
/// A job whose fingerprint (version, resolved settings, dataset bytes) matches the `job.json` in its folder is
/// skipped. A failing job is recorded and the others go on.
public enum BatchRunner {
    /// The per-job tables gathered into `combined/`.
    public static let combinedTables = ["snapshots", "balance", "coalitions", "changes"]

    public static func run(_ plan: BatchPlan, planFolder: URL, resolveDataset: @escaping @Sendable (String) throws -> String,
                           renderer: any GraphvizRendering, generator: String, force: Bool = false,
                           workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                           progress: ProgressReporter = .silent) -> BatchRunRecord {
        let started = Date()
        let output = URL(fileURLWithPath: plan.output, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let cache = DatasetCache(resolve: resolveDataset, planFolder: planFolder)
        let units = BatchUnit.steps(jobCount: plan.jobs.count, draws: plan.draws).flatMap { $0 }
        let draws = plan.draws.count > 0 ? ", \(plan.draws.count) draws each in units of \(plan.draws.chunk) (seed \(plan.draws.seed))" : ""
        progress.stage("batch \(plan.name): \(plan.jobs.count) job\(plan.jobs.count == 1 ? "" : "s")\(draws) on \(max(1, workers)) worker\(workers == 1 ? "" : "s") → \(output.path)")
        let jobs = runUnits(units, of: plan, output: output, cache: cache, renderer: renderer, generator: generator, force: force,
                            workers: workers) { n, record in
            let what = record.status == .failed ? "FAILED: \(record.error ?? "")" : record.status == .unchanged ? "unchanged, skipped" : String(format: "ok in %.1f s", record.seconds)
            progress.stage("[\(n)/\(units.count)] \(record.unitName): \(what)")
        }
        var record = BatchRunRecord(plan: plan.name, output: output, generator: generator, started: started, finished: Date(), jobs: jobs)
        let uncertain = finishDraws(plan, records: &record.jobs, output: output, cache: cache, generator: generator)
        do {
            try writeCombined(record, uncertainty: uncertain)
        } catch {
            record.jobs.append(BatchJobRecord(name: "(combined tables)", parameters: [:], swept: [], status: .failed, seconds: 0,
                                              fingerprint: "", folder: "combined", error: "\(error)", warnings: []))
        }
        record.finished = Date()
        try? Data(runJSON(record).utf8).write(to: output.appendingPathComponent("run.json"), options: .atomic)
        return record
    }

    /// Runs units (analyses and draw ranges) `workers` at a time; returns their records in the order given.
    /// A draw unit runs on `workers / units running at once` threads (the draws of one unit share the cores a
    /// task has when it runs one unit). `done` is called after each unit with the number finished so far.
    /// - Complexity: the units' work, `workers` at a time.
    static func runUnits(_ units: [BatchUnit], of plan: BatchPlan, output: URL, cache: DatasetCache, renderer: any GraphvizRendering,
                         generator: String, force: Bool, workers: Int,
                         done: @escaping @Sendable (Int, BatchJobRecord) -> Void) -> [BatchJobRecord] {
        let collected = Collected(count: units.count)
        let lanes = max(1, min(workers, units.count))
        let drawWorkers = max(1, workers / lanes)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = lanes
        for (i, unit) in units.enumerated() {
            let job = plan.jobs[unit.job]
            let draws = plan.draws
            queue.addOperation {
                let record: BatchJobRecord
                if let range = unit.draws {
                    record = BatchDraws.runUnit(job, draws: range, plan: draws, output: output, cache: cache, generator: generator,
                                                force: force, workers: drawWorkers)
                } else {
                    record = runJob(job, output: output, cache: cache, renderer: renderer, generator: generator, force: force)
                }
                done(collected.store(record, at: i), record)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return collected.records
    }

    /// For every job with draws whose analysis and draw units all succeeded (in `records`), merges the partials and
    /// writes its uncertainty tables (``BatchDraws/finish(_:plan:output:cache:generator:)``); a merge that fails
    /// adds a failed record. Returns the jobs whose uncertainty tables were written. A job with a failed unit
    /// keeps no uncertainty tables (old ones would not be this run's), nor does any job of a plan without draws.
    /// - Complexity: the partials of the jobs merged, and one reference run per job.
    static func finishDraws(_ plan: BatchPlan, records: inout [BatchJobRecord], output: URL, cache: DatasetCache, generator: String) -> Set<String> {
        guard plan.draws.count > 0 else {
            // An unchanged job keeps its folder: uncertainty tables of an earlier run with draws are not this run's.
            for job in plan.jobs { try? FileManager.default.removeItem(at: output.appendingPathComponent("jobs/\(fileSafeName(job.name))/uncertainty")) }
            return []
        }
        var written = Set<String>()
        for job in plan.jobs {
            let mine = records.filter { $0.name == job.name }
            let complete = mine.count == plan.draws.ranges.count + 1 && mine.allSatisfy { $0.status != .failed }
            guard complete else {
                try? FileManager.default.removeItem(at: output.appendingPathComponent("jobs/\(fileSafeName(job.name))/uncertainty"))
                continue
            }
            do {
                try BatchDraws.finish(job, plan: plan.draws, output: output, cache: cache, generator: generator)
                written.insert(job.name)
            } catch {
                records.append(BatchJobRecord(name: job.name, parameters: job.parameters, swept: job.swept, status: .failed, seconds: 0,
                                              fingerprint: "", folder: "jobs/\(fileSafeName(job.name))/uncertainty", error: error.description,
                                              warnings: [], draws: 0..<plan.draws.count))
            }
        }
        return written
    }

    /// Job records filled in by concurrent jobs, in plan order.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [BatchJobRecord?]
        private var done = 0

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        /// Stores a finished job's record; returns how many jobs are done.
        func store(_ record: BatchJobRecord, at index: Int) -> Int {
            lock.lock()
            defer { lock.unlock() }
            slots[index] = record
            done += 1
            return done
        }

        var records: [BatchJobRecord] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }

    /// Loads each dataset once, whatever the number of jobs using it.
    final class DatasetCache: @unchecked Sendable {
        let resolve: @Sendable (String) throws -> String
        let planFolder: URL
        private let lock = NSLock()
        private var loaded: [String: Result<(path: String, network: TemporalNetwork, bytes: [UInt8]), Error>] = [:]

        init(resolve: @escaping @Sendable (String) throws -> String, planFolder: URL) {
            self.resolve = resolve
            self.planFolder = planFolder
        }

        func get(_ name: String) throws -> (path: String, network: TemporalNetwork, bytes: [UInt8]) {
            lock.lock()
            defer { lock.unlock() }
            if let r = loaded[name] { return try r.get() }
            let r = Result { () throws -> (path: String, network: TemporalNetwork, bytes: [UInt8]) in
                // A relative path is taken from the plan's folder; a bare name may be a bundled dataset.
                let relative = planFolder.appendingPathComponent(name).path
                let path = FileManager.default.fileExists(atPath: relative + "/dataset.yaml") ? relative : try resolve(name)
                let network = try DatasetLoader.load(path)
                var bytes: [UInt8] = []
                for file in ["dataset.yaml", "actors.csv", "ties.csv", "events.csv"] {
                    bytes += Array(file.utf8) + (FileManager.default.contents(atPath: path + "/" + file).map { [UInt8]($0) } ?? [])
                }
                return (path, network, bytes)
            }
            loaded[name] = r
            return try r.get()
        }
    }

    static func runJob(_ job: JobSpec, output: URL, cache: DatasetCache, renderer: any GraphvizRendering,
                       generator: String, force: Bool) -> BatchJobRecord {
        let start = Date()
        let folder = "jobs/" + fileSafeName(job.name)
        var record = BatchJobRecord(name: job.name, parameters: job.parameters, swept: job.swept, status: .failed, seconds: 0,
                                    fingerprint: "", folder: folder, error: nil, warnings: [])
        do {
            let dataset = try cache.get(job.parameters["dataset"] ?? "soviet-oppositions")
            let study = try Study(dataset.network, settings: try resolve(job.parameters))
            let described = study.described(StudySettings.coalitionParameters + [.rankBy, .formats]) + [("dataset", dataset.network.info.name)]
            // Every parameter (not only those described) decides the outputs: the fingerprint takes them all.
            let resolved = try study.settings.resolved(for: dataset.network)
            let everything = StudySettings.Parameter.allCases.map { "\($0.rawValue)=\(resolved.text(of: $0) ?? "")" }
            let fingerprintInput = Array((generator + "\n" + (everything + ["dataset=\(dataset.network.info.name)"]).joined(separator: "\n") + "\n").utf8) + dataset.bytes
            record.fingerprint = SHA256.hex(fingerprintInput)
            let destination = output.appendingPathComponent(folder)
            if !force, let previous = try? String(contentsOf: destination.appendingPathComponent("job.json"), encoding: .utf8),
               previous.contains("\"fingerprint\": \"\(record.fingerprint)\"") {
                record.status = .unchanged
                record.seconds = Date().timeIntervalSince(start)
                return record
            }
            let result = study.result()
            let jobJSON = "{\n  \"job\": " + JSONValue.string(job.name).text() + ",\n  \"fingerprint\": " + JSONValue.string(record.fingerprint).text()
                + ",\n  \"dataset\": " + JSONValue.string(dataset.path).text() + ",\n  \"settings\": " + JSONValue.strings(described).text() + "\n}\n"
            let outputs = try AnalysisWriter.write(result, to: destination, renderer: renderer, generator: generator, extraFiles: ["job.json": jobJSON])
            record.warnings = study.emptyPeriods.map { ["\($0)"] } ?? []
            record.warnings += outputs.warnings.map(\.description) + outputs.failures.map { "diagram \($0)" }
            record.status = outputs.failures.isEmpty ? .ok : .failed
            if !outputs.failures.isEmpty { record.error = "\(outputs.failures.count) diagram(s) failed: \(outputs.failures[0])" }
        } catch {
            record.error = BatchRunner.failureLine(error)
        }
        record.seconds = Date().timeIntervalSince(start)
        return record
    }

    /// A job's failure in one line for its record: a dataset's first three problems (file:line:column), the
    /// library's own sentence for its typed errors, and I/O errors in plain words (never Foundation's wording).
    /// - Complexity: O(1).
    static func failureLine(_ error: any Error) -> String {
        if let e = error as? DatasetLoadError {
            return e.diagnostics.prefix(3).map(\.description).joined(separator: "; ") + (e.diagnostics.count > 3 ? "; …" : "")
        }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain { return plainReason(error) }
        return "\(error)"
    }

    /// A job's text parameters (every key but `dataset`) read by the settings parser every input uses.
    ///
    /// - Throws: ``SettingsError`` for a parameter that is not a setting or a value it refuses.
    public static func resolve(_ p: [String: String]) throws(SettingsError) -> StudySettings {
        try StudySettings(parameters: p.filter { $0.key != "dataset" })
    }

    /// Makes sure the batch may write into `output` (new, empty, or a Blocs output: ``OutputPolicy``), creates it and
    /// marks it; `protecting` are the plan's dataset folders.
    ///
    /// - Throws: ``OutputError`` naming the folder and what to do.
    public static func prepareOutput(_ output: URL, protecting: [URL] = []) throws(OutputError) {
        try OutputPolicy.check(output, protecting: protecting)
        let marker = output.appendingPathComponent(OutputPolicy.markerName)
        do {
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: marker.path) {
                try Data(OutputPolicy.markerText.utf8).write(to: marker, options: .atomic)
            }
        } catch {
            throw OutputError(path: output.path, reason: plainReason(error))
        }
    }

    /// `combined/<table>.csv`: every job's table with `job` and the swept parameters as leading columns; with
    /// draws, `combined/uncertainty/<table>.csv` likewise for the jobs in `uncertainty` (their tables were
    /// written by this run).
    ///
    /// The folder is written whole or not at all (an ``OutputFolder``): a failure, a full disk or a kill leaves the
    /// previous combined tables, never an empty or partial folder.
    static func writeCombined(_ record: BatchRunRecord, uncertainty: Set<String> = []) throws {
        let swept = record.jobs.reduce(into: [String]()) { acc, j in for k in j.swept where !acc.contains(k) { acc.append(k) } }
        let folder = try OutputFolder(destination: record.output.appendingPathComponent("combined"))
        let analyses = record.jobs.filter { $0.draws == nil && $0.status != .failed }
        let tables = combinedTables.map { ($0, "tables/\($0).csv", analyses) }
            + BatchDraws.combinedTables.map { ("uncertainty/\($0)", "uncertainty/\($0).csv", analyses.filter { uncertainty.contains($0.name) }) }
        do {
            for (table, file, jobs) in tables {
                var header: [String]?
                var rows: [[Cell]] = []
                for job in jobs {
                    let path = record.output.appendingPathComponent(job.folder).appendingPathComponent(file).path
                    guard let data = FileManager.default.contents(atPath: path) else { continue }
                    var first = true
                    _ = CSVReader.read([UInt8](data)) { r in
                        if first {
                            first = false
                            if header == nil { header = r.fields }
                            return
                        }
                        rows.append([.text(job.name)] + swept.map { .text(job.parameters[$0] ?? "") } + r.fields.map { .text($0) })
                    }
                }
                guard let header else { continue }
                let combined = ResultTable(columns: combinedColumns(swept: swept, table: header), rows: rows)
                try folder.write(combined.csv(), to: "\(table).csv")
            }
            try folder.commit()
        } catch {
            folder.discard()
            throw error
        }
    }

    /// The header of a combined table: `job`, the swept parameters, the table's own columns; every name distinct.
    ///
    /// A swept parameter named like a column of the table (`period`, `level`, `scenario`) is written `job_<name>`:
    /// it is the job's setting (`period` = `year`), the table's column is the row's value (`period` = `1926`).
    ///
    /// - Complexity: O(columns).
    static func combinedColumns(swept: [String], table: [String]) -> [String] {
        var taken = Set(table + ["job"])
        var names: [String] = []
        for name in swept {
            var n = name
            while taken.contains(n) { n = "job_" + n }
            taken.insert(n)
            names.append(n)
        }
        return ["job"] + names + table
    }

    /// The run record as JSON: the run, then one job per line.
    static func runJSON(_ r: BatchRunRecord) -> String {
        let iso = ISO8601DateFormatter()
        let jobs = r.jobs.map { j in
            JSONValue.object([
                ("name", .string(j.name)), ("status", .string(j.status.rawValue)), ("seconds", .fixed(j.seconds, decimals: 3)),
                ("folder", .string(j.folder)), ("fingerprint", .string(j.fingerprint)),
                ("parameters", .strings(j.parameters.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
                ("error", j.error.map { .string($0) } ?? .null), ("warnings", .array(j.warnings.map { .string($0) })),
            ] + (j.draws.map { [("draws", .array([.int($0.lowerBound), .int($0.upperBound)]))] } ?? [])).text()
        }
        var out = "{\n  \"plan\": " + JSONValue.string(r.plan).text() + ",\n  \"generator\": " + JSONValue.string(r.generator).text()
        out += ",\n  \"started\": " + JSONValue.string(iso.string(from: r.started)).text()
        out += ",\n  \"finished\": " + JSONValue.string(iso.string(from: r.finished)).text()
        out += ",\n  \"seconds\": " + JSONValue.fixed(r.finished.timeIntervalSince(r.started), decimals: 3).text()
        out += ",\n  \"succeeded\": " + JSONValue.bool(r.succeeded).text()
        out += ",\n  \"jobs\": " + JSONValue.lines(jobs, indent: "    ", closing: "  ") + "\n}\n"
        return out
    }
}
