import ArgumentParser
import Blocs
import Foundation
import Testing
import TestSupport
@testable import BlocsCLI

@Suite("Command-line parsing")
struct CLIParseTests {
    @Test("Subcommands and their options parse")
    func parses() throws {
        let command = try BlocsCommand.parseAsRoot(["snapshots", "Datasets/x", "--level", "factions", "--period", "quarter",
                                                    "--rule", "fraction", "--scenario", "broue", "--format", "csv"])
        let s = try #require(command as? SnapshotsCommand)
        #expect(s.input.dataset == "Datasets/x")
        #expect(s.snapshot.level == .fixed(.factions))
        #expect(s.snapshot.period == .quarter)
        #expect(s.snapshot.rule == .fraction)
        #expect(s.snapshot.scenario == "broue")
        #expect(s.output.format == .csv)
        let v = try #require(try BlocsCommand.parseAsRoot(["validate"]) as? Validate)
        #expect(v.input.dataset == nil)
    }

    /// The message argument parsing gives for `arguments`, or nil when they parse.
    static func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try BlocsCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return BlocsCommand.message(for: error)
        }
    }

    @Test("Bad option values are refused by argument parsing, before any dataset is read, with the reason",
          arguments: [
              (["snapshots", "--level", "people"], "The value 'people' is invalid for '--level <level>'"),
              (["snapshots", "--format", "xml"], "The value 'xml' is invalid for '--format <format>'"),
              (["snapshots", "--rule", "sometimes"],
               "The value 'sometimes' is invalid for '--rule <rule>': unknown activity rule 'sometimes' (use overlap, point:MM-DD or fraction)"),
              (["snapshots", "--rule", "point:02-30"], "rule point:02-30 names a day that does not exist"),
              (["snapshots", "--level", "clans"], "unknown level 'clans' (use auto, persons, factions or all)"),
              (["analyze", "--katz-alpha", "0"], "--katz-alpha must be a positive number, not 0.0"),
              (["snapshots", "--period", "fortnight"],
               "The value 'fortnight' is invalid for '--period <scheme>': unknown period scheme 'fortnight' (use year, quarter, month, window:W:S or custom)"),
              (["snapshots", "--period", "window:3m:1"], "bad window 'window:3m:1': use window:WIDTH:STEP"),
              (["snapshots", "--window", "broken"],
               "The value 'broken' is invalid for '--window <name=start..end>': bad window 'broken': use NAME=START..END, e.g. xv-congress=1927-12-02..1927-12-19"),
              (["snapshots", "--window", "xv=1927-12..1927-11"], "bad window 'xv=1927-12..1927-11': it ends before it starts"),
              (["snapshots", "--level", "factions", "--no-comembership"], "--no-comembership only applies with --level persons"),
              (["coalitions", "--method", "magic"],
               "The value 'magic' is invalid for '--method <method>': unknown method 'magic' (use components, correlation, blockmodel:K or louvain)"),
              (["coalitions", "--method", "blockmodel:0"], "bad blockmodel 'blockmodel:0'"),
              (["changes", "--threshold", "2"], "bad Jaccard threshold 2.0: it must lie in (0, 1]"),
              (["changes", "--grace", "0"], "bad grace 0: a coalition dies after d ≥ 1 unseen periods"),
              (["coalitions", "--min-size", "0"], "bad minimum coalition size 0: it must be ≥ 1"),
              (["analyze", "--format", "gif"],
               "The value 'gif' is invalid for '--format <formats>': unknown format 'gif' (use svg, png, pdf or dot, comma-separated)"),
              (["analyze", "--rank-by", "fame"], "The value 'fame' is invalid for '--rank-by <metric>'"),
              (["render", "--size-by", "fame"], "The value 'fame' is invalid for '--size-by <metric>'"),
              (["render", "--level", "factions", "--clusters", "factions"],
               "--clusters factions needs --level persons or all (at the factions level, use components or coalitions)"),
              (["story", "--format", "svg,png", "--out", "x.svg"], "--out names one file: give one --format"),
              (["metrics", "--metrics", "degree,fame"], "unknown metric 'fame' (use degree, strength, betweenness,"),
              (["metrics", "--pivots", "1"], "--pivots must be at least 2"),
              (["export", "--format", "gexf", "--rule", "fraction"],
               "--rule applies only to --format csv: the gexf export holds the whole temporal network"),
          ])
    func refuses(arguments: [String], message: String) throws {
        let refused = try #require(Self.refusal(arguments), "\(arguments) parsed")
        #expect(refused.contains(message), "\(arguments): \(refused)")
    }

    @Test("Good option values parse into the settings model")
    func parsesSettings() throws {
        let c = try #require(try BlocsCommand.parseAsRoot(
            ["analyze", "--period", "window:18m:6m", "--rule", "point:07-01", "--method", "blockmodel:3:0.25",
             "--format", "none", "--rank-by", "betweenness", "--window", "xv=1927-12-02..1927-12-19", "--katz-alpha", "0.02",
             "--level", "auto"]) as? AnalyzeCommand)
        #expect(c.katzAlpha == 0.02)
        #expect(c.snapshot.level == .auto && c.snapshot.settings.level == nil)
        #expect(c.coalition.minimumSize == nil)
        #expect(c.snapshot.period == .window(width: 18, step: 6, months: true))
        #expect(c.snapshot.rule == .point(month: 7, day: 1))
        #expect(c.snapshot.windows.map(\.text) == ["xv=1927-12-02..1927-12-19"])
        #expect(c.coalition.method == .blockmodel(k: 3, alpha: 0.25))
        #expect(c.format.list.isEmpty)
        #expect(c.rankBy == .betweenness)
    }

    @Test("Every command's help has an example")
    func helpHasExamples() {
        for command in BlocsCommand.configuration.subcommands where command.configuration.shouldDisplay {
            let help = BlocsCommand.helpMessage(for: command)
            #expect(help.contains("Examples:"), "\(command) help has no example")
            #expect(help.contains("blocs \(command.configuration.commandName ?? "")"), "\(command) help has no example")
        }
    }
}

@Suite("The built blocs binary")
struct CLIRunTests {
    static let partiesFixture = BuiltBinary.repositoryRoot.appendingPathComponent("Tests/Fixtures/german-parties").path

    @Test("A factions-only dataset with the defaults: the level and min_size the dataset needs, named in the output")
    func factionsOnlyDefaults() throws {
        let r = try BuiltBinary.run(["coalitions", Self.partiesFixture, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"level\": \"factions\""))
        #expect(r.stdout.contains("\"min_size\": \"1\""))
        #expect(!r.stdout.contains("\"coalitions\": 0,"))
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        // Asked for persons, every period is empty: one line says so and what to try.
        let persons = try BuiltBinary.run(["snapshots", Self.partiesFixture, "--level", "persons"])
        #expect(persons.status == 0)
        #expect(persons.stderr == "note: 24 of 24 periods have no actors at the persons level: try --level factions\n")
    }

    @Test("compare, explain and draws fit the level to the dataset as analyze does, and say when most periods are empty")
    func factionsOnlyOtherCommands() throws {
        let note = "note: 24 of 24 periods have no actors at the persons level: try --level factions\n"
        let compare = try BuiltBinary.run(["compare", Self.partiesFixture, "--scenario", "opposition", "--scenario", "majority"])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stderr.isEmpty, "\(compare.stderr)")
        #expect(compare.stdout.contains("level: factions"))
        let csv = try BuiltBinary.run(["compare", Self.partiesFixture, "--scenario", "opposition", "--scenario", "majority", "--format", "csv"])
        // The 1879 realignment of the Free Conservatives is found under one reading only (the fixture's ties).
        #expect(csv.stdout.contains("1879,realignment,fkp,yes: fkp,no,"))
        let persons = try BuiltBinary.run(["compare", Self.partiesFixture, "--level", "persons", "--scenario", "opposition", "--scenario", "majority"])
        #expect(persons.stderr == note)
        let explain = try BuiltBinary.run(["explain", "1880", "--dataset", Self.partiesFixture, "--level", "persons"])
        #expect(explain.stderr.hasPrefix(note))
        // Drawn at the level and minimum size the dataset fits (factions, 1): single factions are coalitions, so
        // every faction of a period has a membership row with a coalition.
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("blocs-draws-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let out = root.appendingPathComponent("mc")
        let draws = try BuiltBinary.run(["draws", Self.partiesFixture, "--draws", "10", "--out", out.path])
        #expect(draws.status == 0, "\(draws.stderr)")
        #expect(!draws.stderr.contains("note:"), "\(draws.stderr)")
        let memberships = try String(contentsOf: out.appendingPathComponent("memberships.csv"), encoding: .utf8)
        let rows = memberships.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { !$0.contains(",,") }, "\(memberships.prefix(600))")
        // The output policy: a folder of the user's files is refused, byte for byte untouched.
        let notes = root.appendingPathComponent("notes")
        try fm.createDirectory(at: notes, withIntermediateDirectories: true)
        try Data("my notes\n".utf8).write(to: notes.appendingPathComponent("notes.txt"))
        let refused = try BuiltBinary.run(["draws", Self.partiesFixture, "--draws", "10", "--out", notes.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        #expect(try fm.contentsOfDirectory(atPath: notes.path) == ["notes.txt"])
        #expect(try String(contentsOf: notes.appendingPathComponent("notes.txt"), encoding: .utf8) == "my notes\n")
    }

    @Test("Dataset round trip: export --format dataset, import, export again gives the same bytes, and loads to the same network",
          arguments: ["Tests/Fixtures/german-parties", "Datasets/soviet-oppositions"])
    func datasetRoundTrip(dataset: String) throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("blocs-roundtrip-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let (one, two, three) = (root.appendingPathComponent("one").path, root.appendingPathComponent("two").path, root.appendingPathComponent("three").path)
        for args in [["export", dataset, "--format", "dataset", "--out", one], ["import", one, "--out", two],
                     ["export", two, "--format", "dataset", "--out", three]] {
            let r = try BuiltBinary.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        for name in ["dataset.yaml", "actors.csv", "ties.csv", "events.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: one).appendingPathComponent(name))
            #expect(a == (try Data(contentsOf: URL(fileURLWithPath: three).appendingPathComponent(name))), "\(name) differs")
        }
        // Nothing lost against the original: the same dataset information, actors, ties (dates in their form,
        // sources with locators, scenarios) and events.
        let original = try DatasetLoader.load(BuiltBinary.repositoryRoot.appendingPathComponent(dataset).path)
        let copy = try DatasetLoader.load(three)
        #expect(copy.info == original.info)
        #expect(copy.actors == original.actors)
        #expect(copy.ties == original.ties)
        #expect(copy.events == original.events)
        #expect(!original.events.isEmpty && !original.info.windows.isEmpty && original.info.defaultScenario != nil)
        #expect(original.info.scenarios.allSatisfy { !$0.description.isEmpty })
        if dataset.hasSuffix("german-parties") { #expect(original.info.scenarios.map(\.weight) == [3, 1]) }
        #expect(original.ties.contains { $0.start.form != .exact })
    }

    @Test("GEXF export: one warning line names what GEXF cannot carry; --scenario keeps one reading")
    func gexfLossesAndReading() throws {
        let fixture = Self.partiesFixture
        let all = try BuiltBinary.run(["export", fixture, "--format", "gexf"])
        #expect(all.status == 0)
        #expect(all.stderr == "warning: GEXF does not carry the description, default_scenario (majority), 2 scenarios' descriptions and weights, "
                + "4 source citations, 2 windows, 4 events (blocs export --format dataset keeps everything)\n")
        let one = try BuiltBinary.run(["export", fixture, "--format", "gexf", "--scenario", "opposition"])
        #expect(one.status == 0)
        #expect(one.stderr.contains("1 tie of other readings than opposition"))
        // The fixture has 20 ties: dkp–zentrum is an alliance only under majority and a rivalry only under opposition.
        #expect(all.stdout.components(separatedBy: "<edge ").count - 1 == 20)
        #expect(one.stdout.components(separatedBy: "<edge ").count - 1 == 19)
        #expect(!one.stdout.contains("value=\"majority\""))
        #expect(one.stdout.contains("value=\"opposition\""))
        let bad = try BuiltBinary.run(["export", fixture, "--format", "gexf", "--scenario", "nope"])
        #expect(bad.status == 64)
        #expect(bad.stderr == "error: unknown scenario 'nope' (known: majority, opposition)\n")
    }

    @Test("analyze --format dot writes the DOT files (and nothing rendered); --katz-alpha reaches the metrics")
    func analyzeDotAndKatz() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-dot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try BuiltBinary.run(["analyze", Self.partiesFixture, "--format", "dot", "--katz-alpha", "0.05", "--out", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("diagrams").path).sorted()
        #expect(files.count == 24 && files.allSatisfy { $0.hasSuffix(".dot") })
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("story.dot").path))
        let dot = try String(contentsOf: out.appendingPathComponent("diagrams/1876.dot"), encoding: .utf8)
        #expect(dot.hasPrefix("graph") || dot.hasPrefix("digraph") || dot.hasPrefix("strict"))
        // The same analysis with the default α: only the katz column differs.
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("blocs-katz-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let d = try BuiltBinary.run(["analyze", Self.partiesFixture, "--format", "none", "--out", base.path])
        #expect(d.status == 0, "\(d.stderr)")
        func columns(_ url: URL) throws -> [String: [String]] {
            let lines = try String(contentsOf: url.appendingPathComponent("tables/metrics.csv"), encoding: .utf8).split(separator: "\n")
            let head = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var result: [String: [String]] = [:]
            for line in lines.dropFirst() {
                // The fixture's names hold no comma or quote: a plain split is the CSV reading here.
                for (k, v) in zip(head, line.split(separator: ",", omittingEmptySubsequences: false)) { result[k, default: []].append(String(v)) }
            }
            return result
        }
        let (a, b) = (try columns(out), try columns(base))
        #expect(a["katz"] != b["katz"])
        #expect(a["pagerank"] == b["pagerank"] && a["degree"] == b["degree"])
    }

    @Test("validate prints a summary and exits 0")
    func validateOK() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let r = try BuiltBinary.run(["validate", ds.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("tiny: Tiny"))
        #expect(r.stdout.contains("actors: 5 (2 factions, 3 persons, 0 groups)"))
        #expect(r.stdout.contains("ties: 5 (2 rivalry, 3 member)"))
        #expect(r.stdout.contains("scenarios: 2 (default: a)"))
        #expect(r.stdout.hasSuffix("OK\n"))
    }

    @Test("validate lists every problem as file:line:column and exits 1")
    func validateBad() throws {
        let ds = try TempDataset(ties: "source,target,relation,start\ntrotsky,lenin,alliance,1923\ntrotsky,stalin,rivalry,1923-02-30\n")
        defer { ds.remove() }
        let r = try BuiltBinary.run(["validate", ds.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == """
            \(ds.path)/ties.csv:2:9: unknown actor id 'lenin'
            \(ds.path)/ties.csv:3:24: impossible date 1923-02-30 (that month has 28 days)
            2 problems found; nothing was loaded.

            """)
    }

    @Test("An unknown dataset path gives one clear line and exit 64")
    func unknownDataset() throws {
        let r = try BuiltBinary.run(["validate", "/no/such/dataset"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("error: no dataset at '/no/such/dataset'"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("An unknown option gives a clear message and exit 64")
    func unknownOption() throws {
        let r = try BuiltBinary.run(["snapshots", "--colour", "red"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("Unknown option '--colour'"))
    }

    @Test("A scenario the dataset does not declare is refused")
    func unknownScenario() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let r = try BuiltBinary.run(["snapshots", ds.path, "--scenario", "getty"])
        #expect(r.status == 64)
        #expect(r.stderr == "error: unknown scenario 'getty' (known: a, b)\n")
    }

    @Test("snapshots writes exact CSV, the same on every run")
    func snapshotsCSV() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let r = try BuiltBinary.run(["snapshots", ds.path, "--level", "all", "--format", "csv"])
        #expect(r.status == 0)
        // Worked out by hand from TempDataset: the Left Opposition (from Oct 1923) and the troika (1923–1925) are
        // rivals under scenario a; Trotsky is in the Left Opposition, Stalin and Zinoviev in the troika; Trotsky
        // and Stalin are rivals throughout.
        #expect(r.stdout == """
            period,start,end,actors,active_ties,pos_edges,neg_edges,ambivalent,density,level,rule,scenario
            1923,1923-01-01,1923-12-31,5,5,3,2,0,0.5,all,overlap,a
            1924,1924-01-01,1924-12-31,5,5,3,2,0,0.5,all,overlap,a
            1925,1925-01-01,1925-12-31,5,5,3,2,0,0.5,all,overlap,a
            1926,1926-01-01,1926-12-31,3,2,1,1,0,0.6666666666666666,all,overlap,a
            1927,1927-01-01,1927-12-31,3,2,1,1,0,0.6666666666666666,all,overlap,a

            """)
        let again = try BuiltBinary.run(["snapshots", ds.path, "--level", "all", "--format", "csv"])
        #expect(again.stdout == r.stdout)
    }

    @Test("snapshots: custom windows from dataset.yaml and the command line")
    func customWindows() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let r = try BuiltBinary.run(["snapshots", ds.path, "--period", "custom", "--window", "late=1926..1927", "--format", "csv"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\nxiv,1925-12-18,1925-12-31,"))
        #expect(r.stdout.contains("\nlate,1926-01-01,1927-12-31,"))
    }

    @Test("A bundled dataset is found by name from any folder")
    func bundledByName() throws {
        let r = try BuiltBinary.run(["validate", "soviet-oppositions"], in: URL(fileURLWithPath: NSTemporaryDirectory()))
        #expect(r.status == 0)
        #expect(r.stdout.contains("soviet-oppositions"))
    }
}
