import Foundation
import Reports
import Testing
@testable import Analysis

@Suite("Atomic output folder")
struct OutputFolderTests {
    func scratch() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("blocs-out-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func read(_ url: URL) -> String? { try? String(contentsOf: url, encoding: .utf8) }

    @Test("Nothing appears at the destination until commit; then everything does")
    func commitPutsInPlace() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let dest = root.appendingPathComponent("soviet")
        let folder = try OutputFolder(destination: dest)
        try folder.write("a,b\n", to: "tables/x.csv")
        #expect(!FileManager.default.fileExists(atPath: dest.path))
        try folder.commit()
        #expect(read(dest.appendingPathComponent("tables/x.csv")) == "a,b\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["soviet"])
    }

    @Test("A failed run (discarded) leaves the previous output exactly as it was")
    func discardKeepsPrevious() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let dest = root.appendingPathComponent("soviet")
        let first = try OutputFolder(destination: dest)
        try first.write("old", to: "index.html")
        try first.commit()
        let second = try OutputFolder(destination: dest)
        try second.write("half", to: "index.html")
        second.discard()
        #expect(read(dest.appendingPathComponent("index.html")) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["soviet"])
    }

    @Test("A new run replaces the previous output whole: no file of the old one survives")
    func replaceWhole() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let dest = root.appendingPathComponent("soviet")
        let first = try OutputFolder(destination: dest)
        try first.write("old", to: "diagrams/1926.svg")
        try first.commit()
        let second = try OutputFolder(destination: dest)
        try second.write("new", to: "index.html")
        try second.commit()
        #expect(read(dest.appendingPathComponent("index.html")) == "new")
        #expect(!FileManager.default.fileExists(atPath: dest.appendingPathComponent("diagrams/1926.svg").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["soviet"])
    }

    @Test("Leftovers of an interrupted run are cleaned; output set aside by a run that died mid-swap is restored")
    func recovery() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let dest = root.appendingPathComponent("soviet")
        // A run died after moving the good output aside and before moving its own into place.
        let aside = root.appendingPathComponent(".soviet.previous-123")
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        try "good".write(to: aside.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        // And another run was killed while writing.
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".soviet.partial-9"), withIntermediateDirectories: true)
        let folder = try OutputFolder(destination: dest)
        #expect(read(dest.appendingPathComponent("index.html")) == "good")
        folder.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["soviet"])
    }

    // MARK: Never over what Blocs did not write

    /// Every regular file below `root`, path → bytes.
    func snapshot(_ root: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root.path)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            let path = root.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                files[rel] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    func refusal(_ body: () throws -> Void) -> String? {
        do { try body() } catch let e as OutputError { return e.description } catch { return "unexpected \(error)" }
        return nil
    }

    @Test("A folder of the user's own files is refused, named, and left byte-identical")
    func userFolderRefused() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let notes = root.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes.appendingPathComponent("drafts"), withIntermediateDirectories: true)
        try "chapter one".write(to: notes.appendingPathComponent("ch1.txt"), atomically: true, encoding: .utf8)
        try "draft".write(to: notes.appendingPathComponent("drafts/d.md"), atomically: true, encoding: .utf8)
        let before = snapshot(root)
        let message = refusal { _ = try OutputFolder(destination: notes) }
        #expect(message == "cannot write \(notes.path): the folder holds files Blocs did not write (no .blocs-output marker); choose a new or empty folder, or move those files away yourself")
        #expect(snapshot(root) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["notes"])
    }

    @Test("A plain file is refused and left as it was")
    func fileRefused() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("thesis.docx")
        try Data([0, 1, 2, 255]).write(to: file)
        let message = refusal { _ = try OutputFolder(destination: file) }
        #expect(message == "cannot write \(file.path): it is a file; give a folder for the output (a new or empty one, or one Blocs wrote)")
        #expect(FileManager.default.contents(atPath: file.path) == Data([0, 1, 2, 255]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["thesis.docx"])
    }

    @Test("The dataset folder and every folder containing it are refused, even when empty-looking paths lead there")
    func datasetAndAncestorsRefused() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let dataset = root.appendingPathComponent("data/mine")
        try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true)
        try "id,name\n".write(to: dataset.appendingPathComponent("actors.csv"), atomically: true, encoding: .utf8)
        // Even a marker planted in the dataset folder does not make it writable.
        try OutputPolicy.markerText.write(to: dataset.appendingPathComponent(OutputPolicy.markerName), atomically: true, encoding: .utf8)
        let before = snapshot(root)
        let own = refusal { _ = try OutputFolder(destination: dataset, protecting: [dataset]) }
        #expect(own == "cannot write \(dataset.path): it is the dataset folder; choose another output folder (Blocs never writes over its input)")
        let viaDots = dataset.appendingPathComponent("../mine/.")
        #expect(refusal { _ = try OutputFolder(destination: viaDots, protecting: [dataset]) }?.contains("it is the dataset folder") == true)
        for ancestor in [root.appendingPathComponent("data"), root] {
            let m = refusal { _ = try OutputFolder(destination: ancestor, protecting: [dataset]) }
            #expect(m == "cannot write \(ancestor.path): it contains the dataset \(dataset.path); choose an output folder outside it, e.g. Output/<name>")
        }
        #expect(snapshot(root) == before)
    }

    @Test("A symbolic link to the dataset is the dataset")
    func symlinkToDataset() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let dataset = root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true)
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: dataset)
        #expect(refusal { _ = try OutputFolder(destination: link, protecting: [dataset]) }?.contains("it is the dataset folder") == true)
    }

    @Test("The working directory and its ancestors are refused")
    func workingDirectoryRefused() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for path in [cwd, cwd.deletingLastPathComponent(), URL(fileURLWithPath: "/")] {
            let m = refusal { _ = try OutputFolder(destination: path) }
            #expect(m == "cannot write \(path.path): it contains the working directory; choose a folder inside it, e.g. Output/<name>")
        }
    }

    @Test("New paths, empty folders and marked Blocs outputs are written; the output carries the marker")
    func allowedDestinations() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        for dest in [root.appendingPathComponent("new/deeper"), empty] {
            let f = try OutputFolder(destination: dest)
            try f.write("x", to: "a.txt")
            try f.commit()
            #expect(read(dest.appendingPathComponent(OutputPolicy.markerName)) == OutputPolicy.markerText)
            // Marked now: a second run replaces it.
            let g = try OutputFolder(destination: dest)
            try g.write("y", to: "b.txt")
            try g.commit()
            #expect(snapshot(dest).keys.sorted() == [OutputPolicy.markerName, "b.txt"])
        }
    }

    @Test("Removing the marker protects a finished output from the next run")
    func unmarkedOutputProtected() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let dest = root.appendingPathComponent("out")
        let f = try OutputFolder(destination: dest)
        try f.write("kept", to: "index.html")
        try f.commit()
        try FileManager.default.removeItem(at: dest.appendingPathComponent(OutputPolicy.markerName))
        #expect(refusal { _ = try OutputFolder(destination: dest) }?.contains("no .blocs-output marker") == true)
        #expect(read(dest.appendingPathComponent("index.html")) == "kept")
    }

    @Test("A streamed table is byte for byte the table built in memory, across the 1 MB buffer")
    func streamedTable() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        var table = ResultTable(columns: ["period", "actor", "value", "note"], settings: [("dataset", "x \"y\"")])
        for i in 0..<30_000 {
            table.append([.text("19\(i % 100)"), .text(i % 7 == 0 ? "a,\(i)" : "Zinóvʹev \(i)"), i % 5 == 0 ? .missing : .real(Double(i) / 3),
                          .text(i % 11 == 0 ? "<b>&\u{2028}" : " pad ")])
        }
        let folder = try OutputFolder(destination: root.appendingPathComponent("out"))
        try folder.stream(to: "tables/t.csv") { table.writeCSV(to: &$0) }
        try folder.stream(to: "tables/t.json") { table.writeJSON(to: &$0) }
        let csv = try Data(contentsOf: folder.staging.appendingPathComponent("tables/t.csv"))
        let json = try Data(contentsOf: folder.staging.appendingPathComponent("tables/t.json"))
        #expect(csv.count > 1 << 20 && json.count > 1 << 20)
        #expect(csv == Data(table.csv().utf8))
        #expect(json == Data(table.json().utf8))
        folder.discard()
    }

    @Test("A stream that cannot be written names the file")
    func streamFailure() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = try OutputFolder(destination: root.appendingPathComponent("out"))
        try folder.write("a file", to: "tables")
        let error = #expect(throws: OutputError.self) { try folder.stream(to: "tables/t.csv") { $0.write("x") } }
        #expect(error?.path.hasSuffix("out/tables/t.csv") == true)
        folder.discard()
    }
}
