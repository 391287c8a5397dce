import Coalitions
import DatasetIO
import Foundation
import Snapshots
import TemporalModel
import Testing
import TestSupport

/// The default run on the bundled Soviet dataset, checked year by year against the history told in its seeds.
@Suite struct SovietDatasetTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets/soviet-oppositions").path

    func run(_ scenario: String? = nil) throws -> (TemporalNetwork, CoalitionHistory) {
        let network = try DatasetLoader.load(Self.folder)
        let options = SnapshotOptions(scenario: try network.resolveScenario(scenario))
        let snapshots = try SnapshotBuilder(network: network, options: options).build()
        return (network, analyseCoalitions(snapshots, network: network))
    }

    /// What the default run finds, year by year, on data that follow the seeds (NOTES.md §7). Where the method departs
    /// from the history the seeds tell, the expectation states the current finding and says so; NOTES.md §7 says why.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: folder + "/ties.csv")))
    func defaultCoalitionsFollowTheHistory() throws {
        let (network, h) = try run()
        func period(_ label: String) -> PeriodCoalitions? { h.periods.first { $0.period.label == label } }
        func together(_ year: String, _ x: String, _ y: String) -> Bool {
            guard let p = period(year), let i = network.index(of: x), let j = network.index(of: y) else { return false }
            return p.coalitions.contains { $0.members.contains(i) && $0.members.contains(j) }
        }
        func apart(_ year: String, _ x: String, _ y: String) -> Bool {
            guard let p = period(year), let i = network.index(of: x), let j = network.index(of: y) else { return false }
            let ci = p.coalitions.firstIndex { $0.members.contains(i) }, cj = p.coalitions.firstIndex { $0.members.contains(j) }
            return ci != nil && cj != nil && ci != cj
        }
        func size(_ year: String, of x: String) -> Int? {
            guard let p = period(year), let i = network.index(of: x) else { return nil }
            return p.coalitions.first { $0.members.contains(i) }?.members.count
        }
        // 1923–24: the Left Opposition against the troika.
        for y in ["1923", "1924"] {
            #expect(apart(y, "trotsky", "stalin"), "\(y)")
            #expect(together(y, "zinoviev", "stalin") && together(y, "kamenev", "stalin"), "\(y)")
            #expect(together(y, "trotsky", "preobrazhensky"), "\(y)")
        }
        // 1925: the New Opposition against Stalin and the Right, with unit weights: the two alliances of the fading
        // triumvirate (to January 1925, as the break-up range reads) stay positive ties across (objective 2).
        #expect(together("1925", "zinoviev", "kamenev"))
        #expect(apart("1925", "zinoviev", "stalin"))
        #expect(together("1925", "stalin", "bukharin"))
        #expect(apart("1925", "zinoviev", "trotsky"))
        // 1926–27: the United Opposition against the Centre and the Right.
        for y in ["1926", "1927"] {
            #expect(together(y, "trotsky", "zinoviev") && together(y, "trotsky", "kamenev"), "\(y)")
            #expect(together(y, "stalin", "bukharin"), "\(y)")
            #expect(apart(y, "trotsky", "stalin"), "\(y)")
        }
        // 1928: the method keeps the Right with the Centre. The seeds date the alliance's break-up to 1928–1930
        // (read as 1929) and the campaign against the right from 1928: Stalin–Bukharin is ambivalent in 1928 and
        // Stalin–Rykov still allied (their rivalry starts in 1929). A departure from the history, stated as found.
        #expect(together("1928", "bukharin", "stalin") && together("1928", "rykov", "stalin"))
        // 1929: the Right apart from the Centre; Zinoviev and Kamenev have capitulated (1928–29).
        #expect(apart("1929", "bukharin", "stalin") && together("1929", "bukharin", "rykov"))
        for y in ["1928", "1929"] { #expect(together(y, "zinoviev", "stalin"), "\(y)") }
        // 1930–31: the Left Opposition's listed members, who recanted between 1929 and 1934 (read as 1931), are
        // still with Trotsky; 1932: only those the seeds do not have recant (Chen Duxiu, Serge) remain with him.
        for y in ["1930", "1931"] {
            #expect(together(y, "trotsky", "radek") && together(y, "trotsky", "rakovsky"), "\(y)")
            #expect((size(y, of: "trotsky") ?? 0) >= 19, "\(y)")
        }
        #expect(together("1932", "trotsky", "serge") && together("1932", "trotsky", "chen-duxiu"))
        #expect(period("1932").map { p in !p.coalitions.contains { $0.members.contains(network.index(of: "radek") ?? -1) } } == true)
        // 1932: the bloc of oppositions against Stalin; Zinoviev and Kamenev are not in it in the default reading.
        #expect(together("1932", "smirnov-in", "trotsky") && together("1932", "ryutin", "trotsky") && apart("1932", "smirnov-in", "stalin"))
        #expect(apart("1932", "zinoviev", "trotsky") && apart("1932", "zinoviev", "stalin"))
        #expect(together("1932", "safarov", "tarkhan") && apart("1932", "safarov", "trotsky"))

        // The events: the Right joins the troika's side (1924), the New Opposition splits off (1925), merges with the
        // Left (1926); the Right's split from the Centre is found in 1929, a year after the seeds' first attacks.
        func events(_ kind: CoalitionEventKind, _ year: String) -> [CoalitionEvent] {
            h.events.filter { $0.kind == kind && $0.period == year }
        }
        let stalin = network.index(of: "stalin") ?? -1, bukharin = network.index(of: "bukharin") ?? -1
        #expect(events(.merge, "1924").contains { $0.actors.contains(stalin) && $0.actors.contains(bukharin) })
        #expect(events(.split, "1925").count == 1)
        #expect(events(.merge, "1926").count == 1)
        #expect(events(.split, "1928").isEmpty)
        #expect(events(.split, "1929").count == 1)
        // The bloc is no merger: the components are allies, and the Left Opposition's remnant moves into it (1932).
        #expect(events(.merge, "1932").isEmpty)
        let trotsky = network.index(of: "trotsky") ?? -1
        #expect(h.events.contains { $0.kind == .switch && $0.period == "1932" && $0.actors.contains(trotsky) })
        // Capitulation: Zinoviev and Kamenev's move back to Stalin's side in 1928 crosses a rivalry.
        let zinoviev = network.index(of: "zinoviev") ?? -1
        #expect(h.events.contains { $0.kind == .switch && $0.period == "1928" && $0.defection == true && $0.actors.contains(zinoviev) })
        #expect(!h.events.contains { $0.kind == .switch && $0.period == "1932" && $0.actors.contains(zinoviev) })
        // Lineage: the 1925 split and the 1926 merges are detected; 3 of the 7 recorded changes in all.
        let lineage = compareLineage(h, network: network)
        for c in lineage.checks where ["1925", "1926"].contains(c.record.period) && c.record.actors.contains("new-opposition") {
            #expect(c.detected, "\(c.record)")
        }
        #expect(lineage.checks.count == 7)
        #expect(lineage.checks.filter(\.detected).count == 3)
    }

    /// Zinoviev and Kamenev's part in the bloc is a reading (`zk-in-bloc`): there the method reports their move.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: folder + "/ties.csv")))
    func zinovievAndKamenevInTheBlocIsAReading() throws {
        let (network, h) = try run("zk-in-bloc")
        let zinoviev = network.index(of: "zinoviev") ?? -1, trotsky = network.index(of: "trotsky") ?? -1
        let y1932 = try #require(h.periods.first { $0.period.label == "1932" })
        #expect(y1932.coalitions.contains { $0.members.contains(zinoviev) && $0.members.contains(trotsky) })
        #expect(h.events.contains { $0.kind == .switch && $0.period == "1932" && $0.defection == true && $0.actors.contains(zinoviev) })
    }
}
