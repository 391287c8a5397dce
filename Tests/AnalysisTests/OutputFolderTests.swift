import Foundation
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
}
