import ArgumentParser
import Blocs
import Foundation

/// The dataset argument shared by every command.
struct DatasetArgument: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "A dataset folder, or the name of a bundled dataset (default: \(DatasetLocator.defaultName)).",
        valueName: "dataset"))
    var dataset: String?

    /// Finds and loads the dataset.
    func load() throws -> (path: String, network: TemporalNetwork) {
        let path = try DatasetLocator.resolve(dataset)
        return (path, try DatasetLoader.load(path))
    }

    /// Loads the dataset and sets up its study under `settings` (checked against the dataset).
    func study(_ settings: StudySettings, progress: ProgressReporter = .silent) throws -> Study {
        let study = try Study(try load().network, settings: settings, progress: progress)
        noteEmptyPeriods(study)
        return study
    }
}

/// Says in one line (standard error) when most periods of `study` have no actor, and what to try.
func noteEmptyPeriods(_ study: Study) {
    guard let e = study.emptyPeriods else { return }
    Console.error("note: \(e)")
}

/// Finds a dataset folder from a path or a bundled dataset's name.
enum DatasetLocator {
    static let defaultName = "soviet-oppositions"

    /// A folder path as given, or `<Datasets>/<name>` searched in `$BLOCS_DATASETS`, `./Datasets`, and the
    /// `Datasets` folder above the executable (the repository the binary was built in).
    static func resolve(_ argument: String?) throws -> String {
        let fm = FileManager.default
        let name = argument ?? defaultName
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: name, isDirectory: &isDir) {
            guard isDir.boolValue else { throw UserFacingError(description: "\(name) is a file; a dataset is a folder (see Datasets/README.md)", exitCode: 64) }
            return name
        }
        if !name.contains("/") {
            for root in datasetRoots() {
                let candidate = root + "/" + name
                if fm.fileExists(atPath: candidate + "/dataset.yaml") { return candidate }
            }
        }
        let known = bundledNames()
        throw UserFacingError(
            description: "no dataset at '\(name)'" + (known.isEmpty ? "" : " (bundled datasets: \(known.joined(separator: ", ")))"),
            exitCode: 64)
    }

    static func datasetRoots() -> [String] {
        var roots: [String] = []
        if let env = ProcessInfo.processInfo.environment["BLOCS_DATASETS"], !env.isEmpty { roots.append(env) }
        roots.append(FileManager.default.currentDirectoryPath + "/Datasets")
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        }
        for _ in 0..<6 {
            roots.append(dir.path + "/Datasets")
            dir = dir.deletingLastPathComponent()
        }
        return roots
    }

    static func bundledNames() -> [String] {
        for root in datasetRoots() {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: root) {
                let datasets = names.filter { FileManager.default.fileExists(atPath: root + "/" + $0 + "/dataset.yaml") }.sorted()
                if !datasets.isEmpty { return datasets }
            }
        }
        return []
    }
}

/// One parser for every setting: the library's (``StudySettings/set(_:to:)`` reads the same texts). An option whose
/// text does not parse is refused by argument parsing, before any dataset is read, with the library's reason.
enum Parse {
    static func period(_ text: String) throws -> PeriodSpec { try wrap { () throws(SnapshotError) in try PeriodSpec(parsing: text) } }
    static func rule(_ text: String) throws -> ActivityRule { try wrap { () throws(SnapshotError) in try ActivityRule(parsing: text) } }
    static func window(_ text: String) throws -> NamedWindow { try wrap { () throws(SnapshotError) in try NamedWindow(parsing: text) } }
    static func method(_ text: String) throws -> CoalitionMethod {
        try wrap { () throws(CoalitionError) in try CoalitionMethod(parsing: text) }
    }
    static func formats(_ text: String) throws -> DiagramFormats {
        try wrap { () throws(SettingsError) in DiagramFormats(try DiagramFormat.parseList(text)) }
    }
    /// `none` (draw nothing) or a list of formats.
    static func formatsOrNone(_ text: String) throws -> DiagramFormats {
        text.lowercased() == "none" ? DiagramFormats([]) : try formats(text)
    }
    static func level(_ text: String) throws -> LevelChoice {
        if text.lowercased() == "auto" { return .auto }
        guard let level = Level(rawValue: text.lowercased()) else {
            throw ValidationError("unknown level '\(text)' (use auto, persons, factions or all)")
        }
        return .fixed(level)
    }
    static func metrics(_ text: String) throws -> [NodeMetric] { try wrap { () throws(SettingsError) in try NodeMetric.parseList(text) } }

    private static func wrap<T, E: Error & CustomStringConvertible>(_ body: () throws(E) -> T) throws -> T {
        do { return try body() } catch { throw ValidationError(error.description) }
    }
}

extension Level: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

/// `--level`: `auto` (the dataset decides: ``Level/fitting(_:)``) or one level.
enum LevelChoice: Hashable, CustomStringConvertible {
    case auto
    case fixed(Level)
    /// `nil` for auto, as ``StudySettings/level``.
    var level: Level? { if case .fixed(let l) = self { return l } else { return nil } }
    var description: String { level?.rawValue ?? "auto" }
}

extension NodeMetric: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}

extension ClusterKind: ExpressibleByArgument {}

/// A comma-separated list of diagram formats, as one option value.
struct DiagramFormats: Hashable, CustomStringConvertible {
    var list: [DiagramFormat]
    init(_ list: [DiagramFormat]) { self.list = list }
    var description: String { list.map(\.rawValue).joined(separator: ",") }
    /// The formats Graphviz renders (all but `dot`).
    var rendered: [DiagramFormat] { list.filter { $0 != .dot } }
}

/// How periods and snapshots are cut: shared by every command that works per period.
struct SnapshotOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Periods: year, quarter, month, window:W:S (W-year windows every S years; window:18m:6m for months), custom (the dataset's named windows and --window), custom:NAME,NAME. Default: the dataset's default_period.",
        valueName: "scheme"), transform: Parse.period)
    var period: PeriodSpec?

    @Option(help: ArgumentHelp(
        "Nodes: auto (persons when the dataset ties persons, else factions; the default), persons, factions (factions and groups) or all.",
        valueName: "level"), transform: Parse.level)
    var level: LevelChoice = .auto

    @Option(help: ArgumentHelp(
        "When a tie counts in a period: overlap (its interval overlaps the period), point:MM-DD (active on that day of the period), fraction (weight times the share of the period covered).",
        valueName: "rule"), transform: Parse.rule)
    var rule: ActivityRule = .overlap

    @Option(help: ArgumentHelp("The reading of the sources (a scenario of the dataset). Default: the dataset's default_scenario.", valueName: "name"))
    var scenario: String?

    @Flag(help: "At the persons level, do not join co-members of a faction by a positive tie.")
    var noComembership = false

    @Option(name: .customLong("window"), help: ArgumentHelp(
        "A named window for --period custom, as NAME=START..END (dates YYYY, YYYY-MM or YYYY-MM-DD). Repeatable.",
        valueName: "name=start..end"), transform: Parse.window)
    var windows: [NamedWindow] = []

    func validate() throws {
        if noComembership, let l = level.level, l != .persons {
            throw ValidationError("--no-comembership only applies with --level persons")
        }
    }

    /// Writes these options into `settings`.
    func apply(to settings: inout StudySettings) {
        settings.period = period
        settings.windows = windows
        settings.rule = rule
        settings.level = level.level
        settings.scenario = scenario
        settings.coMembership = !noComembership
    }

    /// The settings of these options alone.
    var settings: StudySettings {
        var s = StudySettings()
        apply(to: &s)
        return s
    }
}

/// The output format of a table.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Where and how a command writes its table.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, csv or json.")
    var format: TableFormat = .table

    @Option(help: ArgumentHelp("Write to this file instead of standard output (a new file; --force replaces one).", valueName: "file"))
    var out: String?

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    /// An existing --out file is refused before any work, unless --force.
    func validate() throws {
        if let out { try checkTableFile(out, force: force) }
    }

    func write(_ table: ResultTable) throws {
        let text: String
        switch format {
        case .table: text = table.text()
        case .csv: text = table.csv()
        case .json: text = table.json()
        }
        try write(text: text)
    }

    /// Writes ready text to `--out` or standard output.
    func write(text: String) throws {
        if let out { try writeTableFile(text, to: out, force: force) } else { Console.out(text) }
    }
}

/// Refuses a table's `--out` that is a folder, or an existing file without `--force` (``OutputPolicy/checkFile``):
/// a table command never replaces a file the user did not ask it to.
func checkTableFile(_ out: String, force: Bool) throws {
    do { try OutputPolicy.checkFile(URL(fileURLWithPath: out), replace: force) } catch {
        throw ValidationError("cannot write \(out): \(error.reason)")
    }
}

/// Writes `text` to `out` atomically (its folder made if needed), after ``checkTableFile(_:force:)``.
func writeTableFile(_ text: String, to out: String, force: Bool) throws {
    do { try OutputPolicy.checkFile(URL(fileURLWithPath: out), replace: force) } catch {
        throw UserFacingError(description: "cannot write \(out): \(error.reason)", exitCode: 64)
    }
    do {
        let url = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // The text's own UTF-8 storage handed to `Data` without a copy (a metrics table is tens of megabytes).
        var text = text
        try text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return try Data().write(to: url, options: .atomic) }
            try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
                .write(to: url, options: .atomic)
        }
    } catch {
        throw UserFacingError(description: "cannot write \(out): \(plainReason(error))")
    }
}
