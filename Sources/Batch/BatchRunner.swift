import Analysis
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
    /// The job's folder, relative to the batch output.
    public var folder: String
    public var error: String?
    public var warnings: [String]
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
        let collected = Collected(count: plan.jobs.count)
        progress.stage("batch \(plan.name): \(plan.jobs.count) job\(plan.jobs.count == 1 ? "" : "s") on \(max(1, workers)) worker\(workers == 1 ? "" : "s") → \(output.path)")
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, workers)
        for (i, job) in plan.jobs.enumerated() {
            queue.addOperation {
                let record = runJob(job, output: output, cache: cache, renderer: renderer, generator: generator, force: force)
                let n = collected.store(record, at: i)
                let what = record.status == .failed ? "FAILED: \(record.error ?? "")" : record.status == .unchanged ? "unchanged, skipped" : String(format: "ok in %.1f s", record.seconds)
                progress.stage("[\(n)/\(plan.jobs.count)] \(job.name): \(what)")
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        let jobs = collected.records
        var record = BatchRunRecord(plan: plan.name, output: output, generator: generator, started: started, finished: Date(), jobs: jobs)
        do {
            try writeCombined(record)
        } catch {
            record.jobs.append(BatchJobRecord(name: "(combined tables)", parameters: [:], swept: [], status: .failed, seconds: 0,
                                              fingerprint: "", folder: "combined", error: "\(error)", warnings: []))
        }
        record.finished = Date()
        try? Data(runJSON(record).utf8).write(to: output.appendingPathComponent("run.json"), options: .atomic)
        return record
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
            let settings = try resolve(job.parameters, network: dataset.network)
            let described = settings.described + [("formats", settings.diagramFormats.joined(separator: ",")), ("dataset", dataset.network.info.name)]
            let fingerprintInput = Array((generator + "\n" + described.map { "\($0.0)=\($0.1)" }.joined(separator: "\n") + "\n").utf8) + dataset.bytes
            record.fingerprint = SHA256.digest(fingerprintInput).map { String(format: "%02x", $0) }.joined()
            let destination = output.appendingPathComponent(folder)
            if !force, let previous = try? String(contentsOf: destination.appendingPathComponent("job.json"), encoding: .utf8),
               previous.contains("\"fingerprint\": \"\(record.fingerprint)\"") {
                record.status = .unchanged
                record.seconds = Date().timeIntervalSince(start)
                return record
            }
            let result = try Analysis.run(dataset.network, settings: settings)
            let jobJSON = "{\n  \"job\": \(JSON.quote(job.name)),\n  \"fingerprint\": \"\(record.fingerprint)\",\n  \"dataset\": \(JSON.quote(dataset.path)),\n  \"settings\": {"
                + described.map { "\(JSON.quote($0.0)): \(JSON.quote($0.1))" }.joined(separator: ", ") + "}\n}\n"
            let outputs = try AnalysisWriter.write(result, to: destination, renderer: renderer, generator: generator, extraFiles: ["job.json": jobJSON])
            record.warnings = outputs.warnings + outputs.failures.map { "diagram \($0)" }
            record.status = outputs.failures.isEmpty ? .ok : .failed
            if !outputs.failures.isEmpty { record.error = "\(outputs.failures.count) diagram(s) failed: \(outputs.failures[0])" }
        } catch let e as DatasetLoadError {
            record.error = e.diagnostics.prefix(3).map(\.description).joined(separator: "; ") + (e.diagnostics.count > 3 ? "; …" : "")
        } catch {
            record.error = "\(error)"
        }
        record.seconds = Date().timeIntervalSince(start)
        return record
    }

    /// A job's text parameters checked and turned into analysis settings, defaults from the dataset.
    public static func resolve(_ p: [String: String], network: TemporalNetwork) throws -> AnalysisSettings {
        struct BadParameter: Error, CustomStringConvertible { var description: String }
        func bool(_ key: String, _ fallback: Bool) throws -> Bool {
            guard let v = p[key]?.lowercased() else { return fallback }
            switch v { case "true", "yes", "on": return true; case "false", "no", "off": return false
            default: throw BadParameter(description: "\(key) must be true or false, not '\(v)'") }
        }
        func number<T: LosslessStringConvertible>(_ key: String, _ fallback: T) throws -> T {
            guard let v = p[key] else { return fallback }
            guard let n = T(v) else { throw BadParameter(description: "\(key) must be a number, not '\(v)'") }
            return n
        }
        let snapshot = SnapshotOptions(
            scheme: try PeriodScheme(parsing: p["period"] ?? network.info.defaultPeriod, windows: network.info.windows),
            rule: try ActivityRule(parsing: p["rule"] ?? "overlap"),
            level: try Level(parsing: p["level"] ?? "persons"),
            scenario: try network.resolveScenario(p["scenario"]),
            coMembership: try bool("comembership", true))
        let coalitions = CoalitionSettings(method: try CoalitionMethod(parsing: p["method"] ?? CoalitionMethod.default.description),
                                           seed: try number("seed", UInt64(1)), minimumSize: try number("min_size", 2))
        let tracking = try TrackingSettings.validated(threshold: try number("threshold", TrackingSettings().threshold),
                                                      grace: try number("grace", TrackingSettings().grace))
        var formats: [String] = ["svg", "png"]
        if let f = p["formats"] {
            formats = f.lowercased() == "none" ? [] : f.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            for x in formats where !["svg", "png", "pdf"].contains(x) { throw BadParameter(description: "unknown format '\(x)' (use svg, png, pdf or none)") }
        }
        var settings = AnalysisSettings(snapshot: snapshot, coalitions: coalitions, tracking: tracking, diagramFormats: formats)
        if let r = p["rank_by"] {
            guard let m = NodeMetric(rawValue: r) else { throw BadParameter(description: "unknown rank_by '\(r)'") }
            settings.rankBy = m
        }
        return settings
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

    /// `combined/<table>.csv`: every job's table with `job` and the swept parameters as leading columns.
    ///
    /// The folder is written whole or not at all (an ``OutputFolder``): a failure, a full disk or a kill leaves the
    /// previous combined tables, never an empty or partial folder.
    static func writeCombined(_ record: BatchRunRecord) throws {
        let swept = record.jobs.reduce(into: [String]()) { acc, j in for k in j.swept where !acc.contains(k) { acc.append(k) } }
        let folder = try OutputFolder(destination: record.output.appendingPathComponent("combined"))
        do {
            for table in combinedTables {
                var header: [String]?
                var rows: [[Cell]] = []
                for job in record.jobs where job.status != .failed {
                    let path = record.output.appendingPathComponent(job.folder).appendingPathComponent("tables/\(table).csv").path
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

    /// The run record as JSON.
    static func runJSON(_ r: BatchRunRecord) -> String {
        let iso = ISO8601DateFormatter()
        var out = "{\n  \"plan\": \(JSON.quote(r.plan)),\n  \"generator\": \(JSON.quote(r.generator)),\n"
        out += "  \"started\": \(JSON.quote(iso.string(from: r.started))),\n  \"finished\": \(JSON.quote(iso.string(from: r.finished))),\n"
        out += String(format: "  \"seconds\": %.3f,\n", r.finished.timeIntervalSince(r.started))
        out += "  \"succeeded\": \(r.succeeded),\n  \"jobs\": ["
        for (i, j) in r.jobs.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            out += "    {\"name\": \(JSON.quote(j.name)), \"status\": \(JSON.quote(j.status.rawValue)), "
            out += String(format: "\"seconds\": %.3f, ", j.seconds)
            out += "\"folder\": \(JSON.quote(j.folder)), \"fingerprint\": \(JSON.quote(j.fingerprint)), "
            out += "\"parameters\": {" + j.parameters.sorted { $0.key < $1.key }.map { "\(JSON.quote($0.key)): \(JSON.quote($0.value))" }.joined(separator: ", ") + "}, "
            out += "\"error\": \(j.error.map(JSON.quote) ?? "null"), "
            out += "\"warnings\": [" + j.warnings.map(JSON.quote).joined(separator: ", ") + "]}"
        }
        out += "\n  ]\n}\n"
        return out
    }
}
