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

    func run() throws -> (TemporalNetwork, CoalitionHistory) {
        let network = try DatasetLoader.load(Self.folder)
        let options = SnapshotOptions(scenario: try network.resolveScenario(nil))
        let snapshots = try SnapshotBuilder(network: network, options: options).build()
        return (network, analyzeCoalitions(snapshots, network: network))
    }

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
        // 1923–24: the Left Opposition against the troika.
        for y in ["1923", "1924"] {
            #expect(apart(y, "trotsky", "stalin"), "\(y)")
            #expect(together(y, "zinoviev", "stalin") && together(y, "kamenev", "stalin"), "\(y)")
            #expect(together(y, "trotsky", "preobrazhensky"), "\(y)")
        }
        // 1925: the New Opposition against Stalin and the Right.
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
        // 1928–29: the Right against the Centre; Zinoviev and Kamenev have capitulated.
        for y in ["1928", "1929"] {
            #expect(apart(y, "bukharin", "stalin") && together(y, "bukharin", "rykov"), "\(y)")
            #expect(together(y, "zinoviev", "stalin"), "\(y)")
        }
        // 1932: the bloc of oppositions against Stalin.
        #expect(together("1932", "smirnov-in", "zinoviev") && apart("1932", "smirnov-in", "stalin"))
        // The events: the Right joins the troika's side (1924), the New Opposition splits off (1925), merges
        // with the Left (1926), the Right splits from the Centre (1928), groups merge into the bloc (1932).
        func events(_ kind: CoalitionEventKind, _ year: String) -> [CoalitionEvent] {
            h.events.filter { $0.kind == kind && $0.period == year }
        }
        let stalin = network.index(of: "stalin") ?? -1, bukharin = network.index(of: "bukharin") ?? -1
        #expect(events(.merge, "1924").contains { $0.actors.contains(stalin) && $0.actors.contains(bukharin) })
        #expect(events(.split, "1925").count == 1)
        #expect(events(.merge, "1926").count == 1)
        #expect(events(.split, "1928").count == 1)
        #expect(!events(.merge, "1932").isEmpty)
        // Capitulation: Zinoviev and Kamenev's move back to Stalin's side in 1928 crosses a rivalry.
        let zinoviev = network.index(of: "zinoviev") ?? -1
        #expect(h.events.contains { $0.kind == .switch && $0.period == "1928" && $0.change.isDefection && $0.actors.contains(zinoviev) })
        // Lineage: the 1925 split and the 1926 merges are detected.
        let lineage = compareLineage(h, network: network, scenario: network.info.defaultScenario)
        for c in lineage.checks where ["1925", "1926"].contains(c.record.period) && c.record.actors.contains("new-opposition") {
            #expect(c.detected, "\(c.record)")
        }
    }
}
