import Analysis
import DatasetIO
import Foundation
import Yams

/// A problem in a batch plan, at a position in the file.
public struct PlanError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// One analysis of a batch: a name and its parameters, as text, before they are checked against the dataset.
public struct JobSpec: Hashable, Sendable {
    /// Unique in the plan; also the job's folder name.
    public var name: String
    /// Parameter name → value (see ``BatchPlan/parameterNames``).
    public var parameters: [String: String]
    /// The parameters a sweep set, in sweep order (they become columns of the combined tables).
    public var swept: [String]
}

/// A batch plan (`PLAN.yaml`): defaults, a list of jobs, and parameters to sweep.
///
/// ```yaml
/// name: soviet-readings              # optional; default: the file name
/// output: Output/batch/readings      # optional; default: Output/batch/<name>
/// defaults:                          # optional; any parameter
///   dataset: soviet-oppositions
///   formats: svg
/// jobs:                              # optional; default: one job of the defaults
///   - {name: persons, level: persons}
///   - {name: factions, level: factions}
/// sweep:                             # optional; every combination, applied to every job
///   scenario: all                    # every scenario of the dataset (or a list)
///   threshold: [0.1, 0.2]
/// draws: {count: 1000, seed: 7, chunk: 250}   # optional; Monte Carlo draws of every job (``DrawPlan``)
/// slurm: {partition: short, time: "30"}   # optional; array task resources for --on slurm (``SlurmSettings``)
/// ```
/// Relative dataset paths are taken from the plan's folder; a bare name is a bundled dataset.
public struct BatchPlan: Sendable {
    public var name: String
    public var output: String
    public var jobs: [JobSpec]
    /// The `slurm:` section: resources of the array tasks when the plan runs with `--on slurm`.
    public var slurm = SlurmSettings()
    /// The `draws:` section: Monte Carlo draws run for every job (none by default).
    public var draws = DrawPlan()

    /// The parameters a job may set: its dataset and every setting an analysis reads
    /// (``StudySettings/Parameter/analysis``); every other key is an error.
    public static let parameterNames: [String] = ["dataset"] + StudySettings.Parameter.analysis.map(\.rawValue)

    /// Checks a setting's text with the parser every input uses (`scenario: all` and dataset names are checked
    /// against the datasets later).
    static func check(_ key: String, _ value: String) throws(SettingsError) {
        guard let p = StudySettings.Parameter(rawValue: key) else { return }
        var probe = StudySettings()
        try probe.set(p, to: value)
    }

    /// Reads a plan; `expandAll` turns a `scenario: all` sweep into the scenarios of a dataset.
    public static func read(file: String, text: String, expandAll: (String) throws -> [String]) throws(PlanError) -> BatchPlan {
        func fail(_ node: Node?, _ message: String) -> PlanError {
            PlanError(file: file, line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message: message)
        }
        let root: Node
        do {
            guard let parsed = try Yams.compose(yaml: text) else { throw fail(nil, "the plan is empty") }
            root = parsed
        } catch let e as PlanError {
            throw e
        } catch {
            let p = YAMLProblem(error, in: text)
            throw PlanError(file: file, line: p.line, column: p.column, message: p.message)
        }
        guard let map = root.mapping else { throw fail(root, "a plan is a mapping with jobs:, sweep: or defaults:") }
        var top: [String: Node] = [:]
        for (k, v) in map {
            guard let key = k.string, ["name", "output", "defaults", "jobs", "sweep", "draws", "slurm"].contains(key) else {
                throw fail(k, "unknown key '\(k.string ?? "?")' (known: name, output, defaults, jobs, sweep, draws, slurm)")
            }
            top[key] = v
        }
        func scalar(_ node: Node, _ what: String) throws(PlanError) -> String {
            guard let s = node.scalar?.string else { throw fail(node, "\(what) must be a single value") }
            return s
        }
        func parameters(_ node: Node, allowName: Bool) throws(PlanError) -> (String?, [String: String]) {
            guard let m = node.mapping else { throw fail(node, "expected a mapping of parameters") }
            var name: String?
            var result: [String: String] = [:]
            for (k, v) in m {
                let key = k.string ?? ""
                if allowName && key == "name" { name = try scalar(v, "name"); continue }
                guard parameterNames.contains(key) else {
                    throw fail(k, "unknown parameter '\(key)' (known: \(parameterNames.joined(separator: ", ")))")
                }
                if key == "formats", let seq = v.sequence {
                    var parts: [String] = []
                    for item in seq { parts.append(try scalar(item, "a format")) }
                    result[key] = parts.joined(separator: ",")
                } else {
                    result[key] = try scalar(v, key)
                }
                do { try check(key, result[key] ?? "") } catch { throw fail(v, error.description) }
            }
            return (name, result)
        }

        let name = try top["name"].map { node throws(PlanError) in try scalar(node, "name") }
            ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let output = try top["output"].map { node throws(PlanError) in try scalar(node, "output") } ?? "Output/batch/\(name)"
        let defaults = try top["defaults"].map { node throws(PlanError) in try parameters(node, allowName: false).1 } ?? [:]

        var bases: [(String?, [String: String], Node?)] = []
        if let jobs = top["jobs"] {
            guard let seq = jobs.sequence, !seq.isEmpty else { throw fail(jobs, "jobs must be a non-empty list") }
            for item in seq {
                let (n, p) = try parameters(item, allowName: true)
                bases.append((n, defaults.merging(p) { _, job in job }, item))
            }
        } else {
            bases.append((nil, defaults, nil))
        }

        var sweep: [(String, [String], Node)] = []
        if let node = top["sweep"] {
            guard let m = node.mapping else { throw fail(node, "sweep must map parameters to lists of values") }
            for (k, v) in m {
                let key = k.string ?? ""
                guard parameterNames.contains(key), key != "dataset" || v.sequence != nil else {
                    throw fail(k, "unknown parameter '\(key)' (known: \(parameterNames.joined(separator: ", ")))")
                }
                var values: [String] = []
                if let seq = v.sequence {
                    for item in seq { values.append(try scalar(item, key)) }
                } else {
                    values = [try scalar(v, key)]
                }
                guard !values.isEmpty else { throw fail(v, "sweep \(key) has no values") }
                for value in values where !(key == "scenario" && value == "all") {
                    do { try check(key, value) } catch { throw fail(v, error.description) }
                }
                sweep.append((key, values, v))
            }
        }

        var jobs: [JobSpec] = []
        for (index, base) in bases.enumerated() {
            var combos: [[(String, String)]] = [[]]
            for (key, values, node) in sweep {
                var next: [[(String, String)]] = []
                for combo in combos {
                    var expanded = values
                    if key == "scenario" && values == ["all"] {
                        let datasetName = (combo.first { $0.0 == "dataset" }?.1) ?? base.1["dataset"] ?? ""
                        do { expanded = try expandAll(datasetName) } catch { throw fail(node, "scenario: all: \(error)") }
                        if expanded.isEmpty { throw fail(node, "scenario: all, but the dataset declares no scenario") }
                    }
                    for v in expanded { next.append(combo + [(key, v)]) }
                }
                combos = next
            }
            for combo in combos {
                var p = base.1
                for (k, v) in combo { p[k] = v }
                let sweepPart = combo.map { "\($0.0)-\($0.1)" }.joined(separator: "_")
                let baseName = base.0 ?? (bases.count > 1 ? "job\(index + 1)" : "")
                let jobName = [baseName, sweepPart].filter { !$0.isEmpty }.joined(separator: "_")
                jobs.append(JobSpec(name: jobName.isEmpty ? "default" : jobName, parameters: p, swept: combo.map(\.0)))
            }
        }
        var seen = Set<String>()
        for j in jobs where !seen.insert(j.name).inserted {
            throw fail(top["jobs"], "two jobs are named '\(j.name)': give jobs distinct names")
        }
        let slurm = try top["slurm"].map { node throws(PlanError) in try SlurmSettings.read(node, file: file) } ?? SlurmSettings()
        let draws = try top["draws"].map { node throws(PlanError) in try DrawPlan.read(node, file: file) } ?? DrawPlan()
        return BatchPlan(name: name, output: output, jobs: jobs, slurm: slurm, draws: draws)
    }
}
