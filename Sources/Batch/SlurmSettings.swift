import Foundation
import Yams

/// The Slurm resources of a plan's array tasks: the `slurm:` section of a plan, overridden by
/// `blocs batch --on slurm --partition … --time …`.
///
/// ```yaml
/// slurm:
///   partition: short        # sbatch --partition
///   time: "0:30:00"         # sbatch --time, per array task (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM[:SS])
///   mem: 2G                 # sbatch --mem, per array task
///   cpus_per_task: 2        # sbatch --cpus-per-task; also the jobs one task runs at once
///   account: history-lab    # sbatch --account
///   max_running: 20         # the %L of --array=0-K%L: array tasks running at the same time
///   jobs_per_task: 4        # plan jobs per array task (default 1)
/// ```
public struct SlurmSettings: Sendable, Equatable {
    public var partition: String?
    public var time: String?
    public var memory: String?
    public var cpusPerTask: Int?
    public var account: String?
    public var maxRunning: Int?
    public var jobsPerTask: Int?

    public init(partition: String? = nil, time: String? = nil, memory: String? = nil, cpusPerTask: Int? = nil,
                account: String? = nil, maxRunning: Int? = nil, jobsPerTask: Int? = nil) {
        self.partition = partition
        self.time = time
        self.memory = memory
        self.cpusPerTask = cpusPerTask
        self.account = account
        self.maxRunning = maxRunning
        self.jobsPerTask = jobsPerTask
    }

    /// The keys of a plan's `slurm:` section.
    public static let keys = ["partition", "time", "mem", "cpus_per_task", "account", "max_running", "jobs_per_task"]

    /// Array tasks running at once when neither the plan nor the command line says: polite on a shared cluster.
    public static let defaultMaxRunning = 50

    /// Each value set in `other` replaces this one's.
    public func overridden(by other: SlurmSettings) -> SlurmSettings {
        SlurmSettings(partition: other.partition ?? partition, time: other.time ?? time, memory: other.memory ?? memory,
                      cpusPerTask: other.cpusPerTask ?? cpusPerTask, account: other.account ?? account,
                      maxRunning: other.maxRunning ?? maxRunning, jobsPerTask: other.jobsPerTask ?? jobsPerTask)
    }

    /// Sets `key` (a plan key, see ``keys``) from text; returns the problem as a sentence, or nil.
    public mutating func set(_ key: String, _ value: String) -> String? {
        func positive() -> Int? { Int(value).flatMap { $0 >= 1 ? $0 : nil } }
        switch key {
        case "partition", "account":
            // These go into an #SBATCH line: names only, nothing a shell or sbatch would read differently.
            guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.,-".unicodeScalars.contains($0)) }) else {
                return "\(key) must be a Slurm name (letters, digits, _ . , -), not '\(value)'"
            }
            if key == "partition" { partition = value } else { account = value }
        case "time":
            guard Self.isSlurmTime(value) else {
                return "time must be a Slurm time limit (minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS), not '\(value)'"
            }
            time = value
        case "mem":
            let number = value.last.map { "KMGTkmgt".contains($0) } == true ? value.dropLast() : Substring(value)
            guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return "mem must be a size such as 4000 (MB), 500M, 2G or 1T, not '\(value)'"
            }
            memory = value
        case "cpus_per_task", "max_running", "jobs_per_task":
            guard let n = positive() else { return "\(key) must be a whole number of at least 1, not '\(value)'" }
            switch key {
            case "cpus_per_task": cpusPerTask = n
            case "max_running": maxRunning = n
            default: jobsPerTask = n
            }
        default:
            return "unknown slurm setting '\(key)' (known: \(Self.keys.joined(separator: ", ")))"
        }
        return nil
    }

    /// Slurm's time formats: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M`, `D-H:M:S` (every part digits).
    static func isSlurmTime(_ s: String) -> Bool {
        func digits(_ p: Substring) -> Bool { !p.isEmpty && p.allSatisfy { $0.isASCII && $0.isNumber } }
        let dayParts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard dayParts.count <= 2 else { return false }
        if dayParts.count == 2 && !digits(dayParts[0]) { return false }
        let clock = dayParts.last!.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.allSatisfy(digits) else { return false }
        return (1...3).contains(clock.count)
    }

    /// Reads a plan's `slurm:` mapping; problems are reported at their position in `file`.
    static func read(_ node: Node, file: String) throws(PlanError) -> SlurmSettings {
        func fail(_ n: Node, _ message: String) -> PlanError {
            PlanError(file: file, line: n.mark?.line ?? 0, column: n.mark?.column ?? 0, message: message)
        }
        guard let map = node.mapping else { throw fail(node, "slurm must map settings (\(keys.joined(separator: ", "))) to values") }
        var settings = SlurmSettings()
        for (k, v) in map {
            let key = k.string ?? ""
            guard keys.contains(key) else { throw fail(k, "unknown slurm setting '\(key)' (known: \(keys.joined(separator: ", ")))") }
            guard let value = v.scalar?.string else { throw fail(v, "slurm \(key) must be a single value") }
            if let problem = settings.set(key, value) { throw fail(v, "slurm " + problem) }
        }
        return settings
    }
}
