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

extension Level: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

/// How periods and snapshots are cut: shared by every command that works per period.
struct SnapshotOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Periods: year, quarter, month, window:W:S (W-year windows every S years; window:18m:6m for months), custom (the dataset's named windows and --window), custom:NAME,NAME. Default: the dataset's default_period.",
        valueName: "scheme"))
    var period: String?

    @Option(help: ArgumentHelp("Nodes: persons, factions (factions and groups) or all.", valueName: "level"))
    var level: Level = .persons

    @Option(help: ArgumentHelp(
        "When a tie counts in a period: overlap (its interval overlaps the period), point:MM-DD (active on that day of the period), fraction (weight times the share of the period covered).",
        valueName: "rule"))
    var rule: String = "overlap"

    @Option(help: ArgumentHelp("The reading of the sources (a scenario of the dataset). Default: the dataset's default_scenario.", valueName: "name"))
    var scenario: String?

    @Flag(help: "At the persons level, do not join co-members of a faction by a positive tie.")
    var noComembership = false

    @Option(name: .customLong("window"), help: ArgumentHelp(
        "A named window for --period custom, as NAME=START..END (dates YYYY, YYYY-MM or YYYY-MM-DD). Repeatable.",
        valueName: "name=start..end"))
    var windows: [String] = []

    func validate() throws {
        for w in windows { _ = try Self.parseWindow(w) }
        if noComembership && level != .persons {
            throw ValidationError("--no-comembership only applies with --level persons")
        }
    }

    static func parseWindow(_ text: String) throws -> NamedWindow {
        let parts = text.split(separator: "=", maxSplits: 1)
        let range = parts.count == 2 ? parts[1].components(separatedBy: "..") : []
        guard parts.count == 2, range.count == 2, !parts[0].isEmpty else {
            throw ValidationError("bad --window '\(text)': use NAME=START..END, e.g. xv-congress=1927-12-02..1927-12-19")
        }
        do {
            let s = try HistoricalDate(parsing: range[0]), e = try HistoricalDate(parsing: range[1])
            guard s.firstDay <= e.lastDay else { throw ValidationError("bad --window '\(text)': it ends before it starts") }
            return NamedWindow(id: String(parts[0]), start: s, end: e)
        } catch let e as DateError {
            throw ValidationError("bad --window '\(text)': \(e.description)")
        }
    }

    /// The snapshot options for `network`, defaults filled from its dataset.yaml.
    func options(for network: TemporalNetwork) throws -> SnapshotOptions {
        let windows = network.info.windows + (try self.windows.map(Self.parseWindow))
        let scheme = try PeriodScheme(parsing: period ?? network.info.defaultPeriod, windows: windows)
        return SnapshotOptions(
            scheme: scheme, rule: try ActivityRule(parsing: rule), level: level,
            scenario: try network.resolveScenario(scenario), coMembership: !noComembership)
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

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    func write(_ table: ResultTable) throws {
        let text: String
        switch format {
        case .table: text = table.text()
        case .csv: text = table.csv()
        case .json: text = table.json()
        }
        if let out {
            do {
                let url = URL(fileURLWithPath: out)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw UserFacingError(description: "cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            Console.out(text)
        }
    }
}
