import ArgumentParser
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
        #expect(s.snapshot.level == .factions)
        #expect(s.snapshot.period == "quarter")
        #expect(s.snapshot.rule == "fraction")
        #expect(s.snapshot.scenario == "broue")
        #expect(s.output.format == .csv)
        let v = try #require(try BlocsCommand.parseAsRoot(["validate"]) as? Validate)
        #expect(v.input.dataset == nil)
    }

    @Test("Bad option values are refused with a message naming the choices")
    func refuses() {
        #expect(throws: (any Error).self) { try BlocsCommand.parseAsRoot(["snapshots", "--level", "people"]) }
        #expect(throws: (any Error).self) { try BlocsCommand.parseAsRoot(["snapshots", "--format", "xml"]) }
        #expect(throws: (any Error).self) { try BlocsCommand.parseAsRoot(["snapshots", "--window", "broken"]) }
        #expect(throws: (any Error).self) { try BlocsCommand.parseAsRoot(["snapshots", "--level", "factions", "--no-comembership"]) }
        do {
            _ = try BlocsCommand.parseAsRoot(["snapshots", "--window", "xv=1927-12..1927-11"])
            Issue.record("a window ending before it starts was accepted")
        } catch {
            #expect(BlocsCommand.message(for: error).contains("ends before it starts"))
        }
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
