import Foundation
import Testing
import TestSupport

/// Every command that writes refuses a path Blocs did not write, in one line naming it, and leaves it as it was.
@Suite("Outputs never destroy what Blocs did not write")
struct OutputSafetyTests {
    /// Every regular file below `root`, path → bytes.
    func files(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: root + "/" + rel)
            }
        }
        return out
    }

    @Test("analyze, render, story, export, import and batch refuse a folder of the user's files or an existing file")
    func refusals() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let root = NSTemporaryDirectory() + "blocs-safety-" + UUID().uuidString
        let notes = root + "/notes"
        try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "my chapter".write(toFile: notes + "/chapter.md", atomically: true, encoding: .utf8)
        try "<svg>mine</svg>".write(toFile: notes + "/figure.svg", atomically: true, encoding: .utf8)
        try "output: \(notes)\ndefaults: {dataset: \(ds.path), formats: none}\n".write(toFile: root + "/plan.yaml", atomically: true, encoding: .utf8)
        let gexf = root + "/in.gexf"
        _ = try BuiltBinary.run(["export", ds.path, "--format", "gexf", "--out", gexf])
        let before = files(root)
        let datasetBefore = files(ds.path)
        let cases: [([String], String)] = [
            (["analyze", ds.path, "--format", "none", "--out", notes], "no .blocs-output marker"),
            (["analyze", ds.path, "--format", "none", "--out", ds.path], "it is the dataset folder"),
            (["render", ds.path, "--out", notes], "no .blocs-output marker"),
            (["story", ds.path, "--format", "svg", "--out", notes + "/figure.svg"], "the file exists"),
            (["export", ds.path, "--format", "json", "--out", notes + "/chapter.md"], "the file exists"),
            (["import", gexf, "--out", notes, "--force"], "no .blocs-output marker"),
            (["batch", root + "/plan.yaml"], "no .blocs-output marker"),
            (["export", ds.path, "--format", "dataset", "--out", notes, "--force"], "no .blocs-output marker"),
            (["export", ds.path, "--format", "dataset", "--out", ds.path, "--force"], "the dataset"),
            (["import", ds.path, "--out", notes, "--force"], "no .blocs-output marker"),
            (["metrics", ds.path, "--out", notes + "/chapter.md"], "the file exists"),
            (["coalitions", ds.path, "--format", "json", "--out", notes + "/chapter.md"], "the file exists"),
            (["timeline", ds.path, "--out", notes + "/chapter.md"], "the file exists"),
        ]
        for (args, reason) in cases {
            let r = try BuiltBinary.run(args)
            #expect(r.status != 0, "\(args)")
            let lines = r.stderr.split(separator: "\n").filter { $0.lowercased().hasPrefix("error") }
            #expect(lines.count == 1 && lines[0].contains(reason), "\(args): \(r.stderr)")
            #expect(files(root) == before, "\(args) touched the user's files")
            #expect(files(ds.path) == datasetBefore, "\(args) touched the dataset")
        }
        // --force replaces a file the user names; a folder Blocs wrote is replaced by the next run.
        #expect(try BuiltBinary.run(["export", ds.path, "--format", "json", "--out", notes + "/chapter.md", "--force"]).status == 0)
        #expect(try BuiltBinary.run(["metrics", ds.path, "--format", "csv", "--out", notes + "/chapter.md", "--force"]).status == 0)
        #expect(try String(contentsOfFile: notes + "/chapter.md", encoding: .utf8).hasPrefix("period,"))
        let out = root + "/analysis"
        #expect(try BuiltBinary.run(["analyze", ds.path, "--format", "none", "--out", out]).status == 0)
        #expect(try BuiltBinary.run(["analyze", ds.path, "--format", "none", "--out", out]).status == 0)
        #expect(FileManager.default.fileExists(atPath: out + "/.blocs-output"))
    }
}
