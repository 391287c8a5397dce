import ArgumentParser
import Blocs
import Foundation

/// `blocs import`: a GEXF file (from Gephi, NetworkX, …) into a dataset folder.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a GEXF file, or a dataset folder, into a dataset folder.",
        discussion: """
            A dataset folder (as blocs export --format dataset writes it) is checked as validate checks it and \
            written back in Blocs' canonical form with everything it holds: exporting it again gives the same bytes.

            Reads a static or dynamic GEXF (1.2 or 1.3; spells as elements or start/end attributes; dates or \
            integer years) and writes dataset.yaml, actors.csv and ties.csv, then checks that the folder loads.

            Nodes become actors (kind from a node attribute named 'kind', else person). Edges become ties, one per \
            spell (relation from an edge attribute named 'relation', else the sign of the weight: negative = \
            rivalry, positive = alliance). Attributes confidence, scenario, sources and note are kept. Whatever is \
            changed or dropped on the way is listed as a warning.

            Examples:
              blocs import network.gexf
              blocs import network.gexf --out Datasets/my-network --name my-network
              blocs import static.gexf --span 1921..1933
              blocs import exported-dataset --out Datasets/my-copy
            """)

    @Argument(help: ArgumentHelp("The GEXF file, or a dataset folder.", valueName: "file.gexf"))
    var file: String

    @Option(help: ArgumentHelp("The dataset folder to write (default: the file's name without .gexf, in the current folder).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("The dataset's name (default: the output folder's name, made folder-safe).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("The span START..END (dates YYYY, YYYY-MM or YYYY-MM-DD), needed when the file has no dates.", valueName: "start..end"))
    var span: String?

    @Flag(help: "Replace the output folder if it exists.")
    var force = false

    func validate() throws {
        if let span { _ = try Self.parseSpan(span) }
        if let name, !Self.isIdentifier(name) {
            throw ValidationError("--name '\(name)' must use only letters, digits, '-', '_' and '.'")
        }
    }

    static func parseSpan(_ text: String) throws -> (start: HistoricalDate, end: HistoricalDate) {
        let parts = text.components(separatedBy: "..")
        guard parts.count == 2 else { throw ValidationError("bad --span '\(text)': use START..END, e.g. 1921..1933") }
        do {
            let s = try HistoricalDate(parsing: parts[0]), e = try HistoricalDate(parsing: parts[1])
            guard s.firstDay <= e.lastDay else { throw ValidationError("bad --span '\(text)': it ends before it starts") }
            return (s, e)
        } catch let e as DateError {
            throw ValidationError("bad --span '\(text)': \(e.description)")
        }
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { c in
            (c.value >= 48 && c.value <= 57) || (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122)
                || c == "-" || c == "_" || c == "."
        }
    }

    func run() throws {
        try reportingErrors {
            let fm = FileManager.default
            var isFolder: ObjCBool = false
            if fm.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
                try importDataset()
                return
            }
            guard let data = fm.contents(atPath: file) else {
                throw UserFacingError(description: "cannot read \(file)", exitCode: fm.fileExists(atPath: file) ? 1 : 64)
            }
            let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let folder = out ?? base
            let datasetName = name ?? GEXFImporter.slug(URL(fileURLWithPath: folder).lastPathComponent)
            try Self.checkDestination(folder, force: force, protecting: [])
            let result: GEXFImporter.Result
            do {
                result = try GEXFImporter.importGEXF(data, file: file, options: .init(name: datasetName, span: try span.map(Self.parseSpan)))
            } catch let e as GEXFImportError {
                throw UserFacingError(description: "cannot import \(file):\n" + e.description)
            }
            for w in result.warnings { Console.error("warning: \(w.description)") }

            try Self.writeDataset(result.network, to: folder)
            let n = result.network
            Console.error("imported \(n.actors.count) actors and \(n.ties.count) ties (span \(n.info.spanStart)..\(n.info.spanEnd)) into \(folder)")
            Console.out(folder + "\n")
        }
    }

    /// A dataset folder (`blocs export --format dataset`, or written by hand) read with every check of `validate`
    /// and written in the canonical form of ``DatasetWriter`` under its own name (or `--name`): nothing is lost, and
    /// exporting the result again gives the same bytes.
    func importDataset() throws {
        if span != nil { throw UserFacingError(description: "--span applies to GEXF files; a dataset folder has its own span", exitCode: 64) }
        var network = try DatasetLoader.load(file)
        let folder = out ?? URL(fileURLWithPath: file).standardizedFileURL.lastPathComponent + "-imported"
        try Self.checkDestination(folder, force: force, protecting: [URL(fileURLWithPath: file)])
        if let name {
            var info = network.info
            info.name = name
            network = try TemporalNetwork(info: info, actors: network.actors, ties: network.ties, events: network.events)
        }
        try Self.writeDataset(network, to: folder)
        Console.error("imported \(network.actors.count) actors, \(network.ties.count) ties and \(network.events.count) events into \(folder)")
        Console.out(folder + "\n")
    }

    /// Refuses an existing `folder` without `force`, and, even with it, anything but an empty folder or one Blocs
    /// wrote (``OutputPolicy``), the dataset read included.
    static func checkDestination(_ folder: String, force: Bool, protecting: [URL]) throws {
        if FileManager.default.fileExists(atPath: folder) && !force {
            throw UserFacingError(description: "\(folder) exists; choose another --out or pass --force to replace it", exitCode: 64)
        }
        do { try OutputPolicy.check(URL(fileURLWithPath: folder), protecting: protecting) } catch {
            throw UserFacingError(description: "\(error)", exitCode: 64)
        }
    }

    /// Writes `network` as a dataset folder next to `folder`, checks that it loads, then moves it into place: a
    /// failure leaves nothing behind and never destroys an existing folder. The folder is marked as Blocs' output.
    static func writeDataset(_ network: TemporalNetwork, to folder: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).import-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try DatasetWriter.write(network, to: staging.path)
            try Data(OutputPolicy.markerText.utf8).write(to: staging.appendingPathComponent(OutputPolicy.markerName))
        } catch {
            try? fm.removeItem(at: staging)
            throw UserFacingError(description: "cannot write \(folder): \(plainReason(error))")
        }
        do {
            _ = try DatasetLoader.load(staging.path)
            if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
            try fm.moveItem(at: staging, to: target)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
