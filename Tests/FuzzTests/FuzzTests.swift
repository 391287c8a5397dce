import Foundation
import Testing
import Blocs
import TestSupport

/// Seeded, bounded fuzzing of every reader a user's files reach: the dataset folder reader, batch plans, GEXF import.
/// A crash or a hang fails the suite (the process dies or the run times out); every case must either load or throw
/// the reader's typed error whose every line names the file. Longer campaigns: `scripts/fuzz`.
@Suite("Fuzzing the readers")
struct FuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let soviet = root.appendingPathComponent("Datasets/soviet-oppositions")
    static let files = ["dataset.yaml", "actors.csv", "ties.csv", "events.csv"]

    func baseFiles(_ soviet: Bool) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        if soviet {
            for f in Self.files { out[f] = Array(try Data(contentsOf: Self.soviet.appendingPathComponent(f))) }
        } else {
            out = ["dataset.yaml": Array(TempDataset.yaml.utf8), "actors.csv": Array(TempDataset.actors.utf8),
                   "ties.csv": Array(TempDataset.ties.utf8),
                   "events.csv": Array("date,kind,actors,description,sources\n1925-12,congress,stalin;zinoviev,XIV Congress,s1\n".utf8)]
        }
        return out
    }

    /// Loads one mutated dataset; a loaded one is written back (an exact round trip) then cut into periods and analysed.
    func check(_ files: [String: [UInt8]], case n: Int) throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("blocs-fuzz-\(n)-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        let network: TemporalNetwork
        do {
            network = try DatasetLoader.load(dir.path)
        } catch {
            #expect(!error.diagnostics.isEmpty, "case \(n): an error with no problem named")
            for d in error.diagnostics {
                #expect(Self.files.contains(d.file) || d.file.hasSuffix(".csv") || d.file.hasSuffix(".yaml") || d.file == dir.lastPathComponent || d.file.contains(dir.lastPathComponent),
                        "case \(n): a problem without its file: \(d)")
                #expect(!d.message.contains("\n"), "case \(n): a problem over several lines: \(d)")
            }
            return
        }
        // Whatever loads round-trips exactly: written back, it loads to the same network, and writing that again
        // gives the same bytes (what `blocs export --format dataset` and `blocs import` rely on).
        let copy = dir.appendingPathComponent("copy")
        try DatasetWriter.write(network, to: copy.path)
        let again = try DatasetLoader.load(copy.path)
        #expect(again.info == network.info && again.actors == network.actors && again.ties == network.ties
                && again.events == network.events, "case \(n): the written dataset loads differently")
        #expect(DatasetWriter.files(again).map(\.text) == DatasetWriter.files(network).map(\.text), "case \(n): written twice, not the same bytes")
        let settings = StudySettings(period: .year, level: .all, drawing: DrawingSettings(formats: []))
        _ = try? Analysis.run(network, settings: settings)
    }

    @Test("400 mutated datasets (Soviet and a tiny one) load or fail with located, one-line problems", arguments: 0..<4)
    func datasets(batch: Int) throws {
        for n in (batch * 100)..<((batch + 1) * 100) {
            var m = Mutator(seed: 0xB10C5 &+ UInt64(n))
            var files = try baseFiles(n % 2 == 0)
            for _ in 0..<(1 + m.int(2)) {
                let name = m.pick(Self.files)
                files[name] = name.hasSuffix(".yaml") ? m.yaml(files[name] ?? []) : m.bytes(files[name] ?? [])
            }
            try check(files, case: n)
        }
    }

    @Test("300 mutated batch plans parse or fail with a located error")
    func plans() {
        let plan = """
            # a plan
            name: sweep
            output: Output/batch/sweep
            defaults: {dataset: soviet-oppositions, formats: none}
            jobs:
              - name: persons
                level: persons
              - name: factions
                level: factions
            sweep:
              method: [correlation, components, louvain, "blockmodel:3"]
              threshold: [0.125, 0.3]

            """
        for n in 0..<300 {
            var m = Mutator(seed: 0x91A2 &+ UInt64(n))
            let bytes = n % 3 == 0 ? m.yaml(Array(plan.utf8)) : m.bytes(Array(plan.utf8))
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                _ = try BatchPlan.read(file: "plan.yaml", text: text, expandAll: { _ in ["consensus", "broue"] })
            } catch {
                #expect(error.file == "plan.yaml", "case \(n): \(error)")
                #expect(!error.message.isEmpty && !error.description.contains("\n"), "case \(n): \(error)")
            }
        }
    }

    @Test("300 mutated GEXF files import or fail with a typed error")
    func gexf() throws {
        let network = try DatasetLoader.load(Self.soviet.path)
        let gexf = Array(GEXFWriter.write(network).utf8)
        for n in 0..<300 {
            var m = Mutator(seed: 0x6E8F &+ UInt64(n))
            let bytes = m.bytes(gexf)
            do {
                _ = try GEXFImporter.importGEXF(Data(bytes), file: "x.gexf", options: .init(name: "x"))
            } catch {
                #expect(!error.description.isEmpty, "case \(n)")
            }
        }
    }

    @Test("Every input a fuzzing campaign kept loads or fails cleanly")
    func regressions() throws {
        let dir = Self.root.appendingPathComponent("Tests/FuzzTests/Regressions")
        let cases = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.sorted() ?? []
        for (n, name) in cases.enumerated() {
            let folder = dir.appendingPathComponent(name)
            var files: [String: [UInt8]] = [:]
            for f in Self.files { if let d = FileManager.default.contents(atPath: folder.appendingPathComponent(f).path) { files[f] = Array(d) } }
            if files.isEmpty { continue }
            try check(files, case: 10_000 + n)
        }
    }

    @Test("YAML syntax errors are one located line: a control character, a duplicated key")
    func yamlProblems() {
        let bell = "name: a\ntitle: b\u{7}c\n"
        do { _ = try BatchPlan.read(file: "p.yaml", text: bell, expandAll: { _ in [] }); Issue.record("accepted") } catch {
            #expect(error.description == "p.yaml:2:9: YAML: control characters are not allowed (U+0007)")
        }
        let twice = "name: a\njobs:\n  - name: x\n    level: persons\n    level: factions\n"
        do { _ = try BatchPlan.read(file: "p.yaml", text: twice, expandAll: { _ in [] }); Issue.record("accepted") } catch {
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("p.yaml:") && error.description.contains("duplicated key 'level'"), "\(error)")
        }
    }
}
