import Foundation
import TestSupport
import Testing

/// The three commands end to end on the bundled dataset.
@Suite struct UncertaintyCommandTests {
    /// At the persons level Kirov's Centre membership (confidence 0.9, every reading) keeps him with Stalin under
    /// both readings; at the all level (memberships as edges) Broué's reading takes him to the Bloc in 1932.
    @Test func compareShowsKirovUnderBroueAndGetty() throws {
        var r = try BuiltBinary.run(["compare", "--scenario", "broue", "--scenario", "getty", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "period,what,actors,broue,getty,detail\n")
        r = try BuiltBinary.run(["compare", "--scenario", "broue", "--scenario", "getty", "--level", "all", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "period,what,actors,broue,getty,detail")
        // (At the all level factions are members too; the bloc's label names its two most central members.)
        #expect(lines.contains { $0.hasPrefix("1932,coalition,kirov,Bloc of Oppositions") && $0.contains(",Stalin's Centre,") })
        #expect(lines.contains { $0.hasPrefix("1932,defection,kirov,yes: kirov,no,") })
        #expect(lines.contains { $0.hasPrefix("1933,coalition,kirov,Bloc of Oppositions") && $0.contains(",Stalin's Centre,") })
        // Nothing differs before 1932: the readings part only there.
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("1932,") || $0.hasPrefix("1933,") })
    }

    @Test("A partial result is the same bytes from one run to the next (counts listed in key order, not hash order)")
    func partialsAreDeterministic() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-partials-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [Data] = []
        for k in 0..<3 {
            let path = dir.appendingPathComponent("p\(k).json").path
            let r = try BuiltBinary.run(["draws", "--draws", "40", "--draw-seed", "3", "--partial", path])
            #expect(r.status == 0, "\(r.stderr)")
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0].count > 10_000)
        #expect(files[1] == files[0] && files[2] == files[0])
    }

    @Test func drawsSplitIntoPartialsAndMergedEqualOneRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-draws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        var r = try BuiltBinary.run(["draws", "--draws", "40", "--draw-seed", "5", "--out", path("whole")])
        #expect(r.status == 0, "\(r.stderr)")
        r = try BuiltBinary.run(["draws", "--first", "25", "--draws", "15", "--draw-seed", "5", "--partial", path("p1.json")])
        #expect(r.status == 0, "\(r.stderr)")
        r = try BuiltBinary.run(["draws", "--first", "0", "--draws", "25", "--draw-seed", "5", "--workers", "1", "--partial", path("p0.json")])
        #expect(r.status == 0, "\(r.stderr)")
        r = try BuiltBinary.run(["draws", "--draw-seed", "5", "--merge", path("p1.json"), path("p0.json"), "--out", path("merged")])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: path("whole")).sorted()
        #expect(files == [".blocs-output", "balance.csv", "balance.json", "centrality.csv", "centrality.json", "events.csv", "events.json", "memberships.csv",
                          "memberships.json", "together-matrix.json", "together.csv", "together.json"])
        for f in files {
            #expect(FileManager.default.contents(atPath: path("whole/" + f)) == FileManager.default.contents(atPath: path("merged/" + f)), "\(f)")
        }
        // Partials of another seed do not merge; a file that is no partial is named.
        r = try BuiltBinary.run(["draws", "--draw-seed", "6", "--merge", path("p1.json"), "--out", path("other")])
        #expect(r.status == 1 && r.stderr.contains("another run"))
        r = try BuiltBinary.run(["draws", "--merge", path("whole/events.csv"), "--out", path("bad")])
        #expect(r.status == 1 && r.stderr.contains("events.csv: not a partial result of blocs draws"))
    }

    @Test func explainNamesTheTiesAndRejectsAnUnknownPeriod() throws {
        var r = try BuiltBinary.run(["explain", "1932", "--actor", "kirov", "--scenario", "broue", "--level", "all", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        // Kirov's 1932 defection (Broué's reading, all level) rests on one tie: his Centre membership, without which
        // he was not in the Centre in 1931; his Broué-only ties (liberals, Trotsky) are each redundant.
        let rows = r.stdout.split(separator: "\n").filter { $0.contains(",defection,rests-on,") }
        #expect(rows.count == 1)
        #expect(rows.first?.contains(",defection,rests-on,kirov,stalin-centre,member,1926-01,,0.9,corin#The defeat of the Left Opposition;wp-bloc#The Liberals,,") == true)
        #expect(r.stdout.contains(",defection,gained,kirov,trotsky,alliance,1932,1933,0.3,wp-bloc#The Liberals,broue,"))
        r = try BuiltBinary.run(["explain", "1950"])
        #expect(r.status == 64 && r.stderr.contains("no period '1950' (periods: 1921, 1922"))
    }
}

@Suite struct AnalyzeDrawsTests {
    @Test func analyzeWithDrawsWritesTheUncertaintyTablesWithTheRest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-analyze-draws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try BuiltBinary.run(["analyze", "--format", "none", "--draws", "20", "--draw-seed", "3", "--out", dir.path, "--in-process"])
        #expect(r.status == 0, "\(r.stderr)")
        let events = try String(contentsOf: dir.appendingPathComponent("uncertainty/events.csv"), encoding: .utf8)
        #expect(events.hasPrefix("period,event,coalitions,actors,in_reference,draws,probability,detail\n"))
        // The same draws as blocs draws with the same settings and seed (PageRank is analyze's ranking metric).
        r = try BuiltBinary.run(["draws", "--draws", "20", "--draw-seed", "3", "--out", dir.appendingPathComponent("alone").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("alone/events.csv"), encoding: .utf8) == events)
        r = try BuiltBinary.run(["analyze", "--format", "none", "--draws", "0", "--out", dir.appendingPathComponent("zero").path])
        #expect(r.status == 64 && r.stderr.contains("--draws must be at least 1"))
    }
}

/// `analyze --draws`: every change in the report carries the probability `uncertainty/events.csv` gives it.
@Suite struct AnalyzeDrawsReportTests {
    @Test func reportChangesCarryTheirProbability() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-analyze-draws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try BuiltBinary.run(["analyze", "--draws", "60", "--draw-seed", "3", "--format", "none", "--out", dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        let page = try String(contentsOf: dir.appendingPathComponent("index.html"), encoding: .utf8)
        let start = try #require(page.range(of: "<script type=\"application/json\""))
        let open = try #require(page[start.upperBound...].firstIndex(of: ">"))
        let close = try #require(page[open...].range(of: "</script>"))
        let data = try #require(try JSONSerialization.jsonObject(with: Data(page[page.index(after: open)..<close.lowerBound].utf8)) as? [String: Any])
        var fromPage: [Double] = []
        for p in try #require(data["periods"] as? [[String: Any]]) {
            for c in try #require(p["changes"] as? [[String: Any]]) { fromPage.append(try #require(c["probability"] as? Double, "\(c)")) }
        }
        let csv = try String(contentsOf: dir.appendingPathComponent("uncertainty/events.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let inRef = try #require(header.firstIndex(of: "in_reference")), prob = try #require(header.firstIndex(of: "probability"))
        // Only the last column (detail) may hold quoted commas: the ones before it are read by position.
        let fromTable = lines.dropFirst().compactMap { line -> Double? in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= header.count, f[inRef] == "true" else { return nil }
            return Double(f[prob])
        }
        #expect(!fromPage.isEmpty)
        // (The CSV rounds; the page keeps the share.)
        #expect(fromPage.count == fromTable.count)
        #expect(zip(fromPage.sorted(), fromTable.sorted()).allSatisfy { abs($0 - $1) < 1e-3 })
    }
}

/// `--draws N --draw-seed S` on `changes`, `coalitions` and `balance`: the same model and seeds as `analyze
/// --draws`, so the same tables byte for byte; without draws the tables keep their columns.
@Suite struct CommandDrawsTests {
    @Test func commandsWithDrawsAgreeWithAnalyze() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-command-draws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try BuiltBinary.run(["analyze", "--format", "none", "--draws", "40", "--draw-seed", "11", "--out", dir.path, "--in-process"])
        #expect(r.status == 0, "\(r.stderr)")
        func file(_ name: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) }
        let changes = try file("tables/changes.csv")
        #expect(changes.hasPrefix("event_id,period,event,from,to,actor,defection,in_reference,probability,detail\n"))
        r = try BuiltBinary.run(["changes", "--draws", "40", "--draw-seed", "11", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == changes)
        let memberships = try file("tables/memberships.csv")
        #expect(memberships.hasPrefix("period,actor,name,kind,coalition,coalition_label,probability\n"))
        r = try BuiltBinary.run(["coalitions", "--draws", "40", "--draw-seed", "11", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == memberships)
        r = try BuiltBinary.run(["coalitions", "--draws", "40", "--draw-seed", "11", "--together", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try file("uncertainty/together.csv")))
        r = try BuiltBinary.run(["balance", "--draws", "40", "--draw-seed", "11", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try file("uncertainty/balance.csv")))
        // The main table's probabilities are uncertainty/events.csv's: the reference changes in the same order.
        func field(_ line: Substring, _ column: Int) -> String { String(line.split(separator: ",", omittingEmptySubsequences: false)[column]) }
        let fromEvents = try file("uncertainty/events.csv").split(separator: "\n").dropFirst().filter { field($0, 4) == "true" }.map { field($0, 6) }
        var seen = Set<String>(), fromChanges: [String] = []
        for line in changes.split(separator: "\n").dropFirst() where field(line, 7) == "true" && seen.insert(field(line, 0)).inserted {
            fromChanges.append(field(line, 8))
        }
        #expect(!fromEvents.isEmpty && fromChanges == fromEvents)
        // A different draw seed gives other probabilities; --seed stays the heuristics' seed.
        r = try BuiltBinary.run(["changes", "--draws", "40", "--draw-seed", "12", "--format", "csv"])
        #expect(r.status == 0 && r.stdout != changes)
        r = try BuiltBinary.run(["changes", "--draws", "0"])
        #expect(r.status == 64 && r.stderr.contains("--draws must be at least 1"))
        r = try BuiltBinary.run(["coalitions", "--together"])
        #expect(r.status == 64 && r.stderr.contains("--together needs --draws N"))
    }
}
