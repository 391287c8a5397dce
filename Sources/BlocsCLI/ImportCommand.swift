import ArgumentParser
import Blocs
import Foundation

/// `blocs import`: a GEXF file (from Gephi, NetworkX, …) into a dataset folder.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a GEXF file into a dataset folder.",
        discussion: """
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
            """)

    @Argument(help: ArgumentHelp("The GEXF file.", valueName: "file.gexf"))
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
            guard let data = fm.contents(atPath: file) else {
                throw UserFacingError(description: "cannot read \(file)", exitCode: fm.fileExists(atPath: file) ? 1 : 64)
            }
            let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let folder = out ?? base
            let datasetName = name ?? GEXFImporter.slug(URL(fileURLWithPath: folder).lastPathComponent)
            if fm.fileExists(atPath: folder) && !force {
                throw UserFacingError(description: "\(folder) exists; choose another --out or pass --force to replace it", exitCode: 64)
            }
            // Even with --force, only a folder Blocs wrote (an earlier import) or an empty one is replaced.
            do { try OutputPolicy.check(URL(fileURLWithPath: folder)) } catch { throw UserFacingError(description: "\(error)", exitCode: 64) }
            let result: GEXFImporter.Result
            do {
                result = try GEXFImporter.importGEXF(data, file: file, options: .init(name: datasetName, span: try span.map(Self.parseSpan)))
            } catch let e as GEXFImportError {
                throw UserFacingError(description: "cannot import \(file):\n" + e.description)
            }
            for w in result.warnings { Console.error("warning: \(w.description)") }

            // Write next to the target, check that it loads, then move it into place: a failed import leaves
            // nothing behind and never destroys an existing folder.
            let target = URL(fileURLWithPath: folder).standardizedFileURL
            let parent = target.deletingLastPathComponent()
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            let staging = parent.appendingPathComponent(".\(target.lastPathComponent).import-\(ProcessInfo.processInfo.processIdentifier)")
            try? fm.removeItem(at: staging)
            do {
                try DatasetWriter.write(result.network, to: staging.path)
                try Data(OutputPolicy.markerText.utf8).write(to: staging.appendingPathComponent(OutputPolicy.markerName))
                _ = try DatasetLoader.load(staging.path)
                if fm.fileExists(atPath: target.path) { try fm.removeItem(at: target) }
                try fm.moveItem(at: staging, to: target)
            } catch {
                try? fm.removeItem(at: staging)
                throw error
            }
            let n = result.network
            Console.error("imported \(n.actors.count) actors and \(n.ties.count) ties (span \(n.info.spanStart)..\(n.info.spanEnd)) into \(folder)")
            Console.out(folder + "\n")
        }
    }
}
