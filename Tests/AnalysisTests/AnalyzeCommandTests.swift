import Foundation
import Testing
import TestSupport

@Suite("blocs analyze, end to end")
struct AnalyzeCommandTests {
    @Test("It writes every table, diagram, the story, summary.json and index.html, byte-identical on a second run")
    func writesEverything() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let out = NSTemporaryDirectory() + "blocs-analyze-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try BuiltBinary.run(["analyze", ds.path, "--out", out, "--format", "svg"])
        #expect(r.status == 0, "\(r.stderr)")
        let fm = FileManager.default
        for table in ["snapshots", "metrics", "balance", "coalitions", "changes"] {
            #expect(fm.fileExists(atPath: "\(out)/tables/\(table).csv") && fm.fileExists(atPath: "\(out)/tables/\(table).json"), "\(table)")
        }
        #expect(fm.fileExists(atPath: "\(out)/tables/lineage.csv"))
        for year in 1923...1927 { #expect(fm.fileExists(atPath: "\(out)/diagrams/\(year).svg"), "\(year)") }
        #expect(fm.fileExists(atPath: "\(out)/story.svg"))
        #expect(!fm.fileExists(atPath: "\(out)/story.png"))  // only the formats asked for

        let summary = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
        #expect(summary["dataset"] as? String == "tiny")
        let periods = try #require(summary["periods"] as? [[String: Any]])
        #expect(periods.map { $0["period"] as? String } == ["1923", "1924", "1925", "1926", "1927"])
        // 1926 at the persons level: Trotsky and Stalin, rivals (the troika ended in 1925).
        #expect(periods[3]["actors"] as? Int == 2)
        #expect(periods[3]["neg_edges"] as? Int == 1)

        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(html.contains("<title>"))
        #expect(html.contains("Zinoviev, G."))
        // The report is self-contained: no external script, style or image.
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http://") && !html.contains("<link rel=\"stylesheet\""))

        #expect(r.stderr.contains("• coalitions"))
        #expect(r.stderr.contains("Open \(out)/index.html"))

        let before = try fm.subpathsOfDirectory(atPath: out).sorted().map { ($0, fm.contents(atPath: out + "/" + $0)) }
        let again = try BuiltBinary.run(["analyze", ds.path, "--out", out, "--format", "svg"])
        #expect(again.status == 0)
        let after = try fm.subpathsOfDirectory(atPath: out).sorted().map { ($0, fm.contents(atPath: out + "/" + $0)) }
        #expect(before.map(\.0) == after.map(\.0))
        for (b, a) in zip(before, after) { #expect(b.1 == a.1, "\(b.0) differs between two runs") }
    }

    @Test("A dataset with errors writes nothing and keeps the previous output")
    func badDatasetKeepsOutput() throws {
        let good = try TempDataset()
        defer { good.remove() }
        let out = NSTemporaryDirectory() + "blocs-analyze-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try BuiltBinary.run(["analyze", good.path, "--out", out, "--format", "none"]).status == 0)
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let bad = try TempDataset(ties: "source,target,relation,start\ntrotsky,nobody,alliance,1923\n")
        defer { bad.remove() }
        let r = try BuiltBinary.run(["analyze", bad.path, "--out", out])
        #expect(r.status == 1)
        #expect(r.stderr.contains("ties.csv:2:9: unknown actor id 'nobody'"))
        #expect(try String(contentsOfFile: out + "/index.html", encoding: .utf8) == index)
    }

    @Test("An unusable output folder is reported before any analysis is done")
    func unusableOutput() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let file = NSTemporaryDirectory() + "blocs-file-" + UUID().uuidString
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try BuiltBinary.run(["analyze", ds.path, "--out", file + "/out"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: cannot write \(file)/out"))
        #expect(!r.stderr.contains("• snapshots"))
    }

    @Test("Bad options are refused before any work")
    func badOptions() throws {
        #expect(try BuiltBinary.run(["analyze", "--rank-by", "fame"]).status == 64)
        #expect(try BuiltBinary.run(["analyze", "--format", "gif"]).status == 64)
        #expect(try BuiltBinary.run(["analyze", "--method", "astrology"]).status == 64)
    }
}
