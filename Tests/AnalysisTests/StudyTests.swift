import Blocs
import Foundation
import Testing
import TestSupport

@Suite("The study façade and the diagram writer")
struct StudyTests {
    @Test("A study computes each stage once and agrees with the stages called one by one")
    func stagesAgree() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let network = try DatasetLoader.load(ds.path)
        let settings = StudySettings(level: .all, method: .components)
        let study = try Study(network, settings: settings)
        let options = try settings.snapshotOptions(for: network)
        #expect(study.options == options)
        let direct = try SnapshotBuilder(network: network, options: options).build()
        #expect(study.snapshots.map(\.period.label) == direct.map(\.period.label))
        #expect(zip(study.snapshots, direct).allSatisfy { $0.graph.edges == $1.graph.edges && $0.actors == $1.actors })
        let history = analyzeCoalitions(direct, network: network, settings: settings.coalitions, tracking: settings.tracking)
        #expect(study.history.events == history.events)
        let result = study.result()
        #expect(result.metrics.map(\.values) == direct.map { nodeMetrics(for: $0).values })
        #expect(result.balances.map(\.frustration) == direct.map { balance(of: $0).frustration })
        // A point rule whose day is outside some period is refused when the study is made, before any work.
        #expect(throws: SnapshotError.self) { try Study(network, settings: StudySettings(period: .month, rule: .point(month: 7, day: 1))) }
        #expect(throws: StudyError.factionClustersAtFactionsLevel) {
            try Study(network, settings: StudySettings(level: .factions, drawing: DrawingSettings(clusters: .factions))).diagramSeries()
        }
    }

    @Test("result() computes centrality, balance and coalitions in one pool: the values of the stages one by one, the history handed over once")
    func poolAgreesWithTheStages() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let network = try DatasetLoader.load(ds.path)
        for settings in [StudySettings(level: .all), StudySettings(level: .persons, method: .components)] {
            // The per-stage getters compute period after period on this thread (the reference).
            let serial = try Study(network, settings: settings)
            let (metrics, balances, history) = (serial.metrics, serial.balances, serial.history)
            let handed = Handed()
            let result = try Study(network, settings: settings).result(historyReady: { handed.add($0) })
            #expect(result.metrics.map(\.values) == metrics.map(\.values))
            #expect(result.balances.map(\.frustration) == balances.map(\.frustration))
            #expect(result.balances.map(\.balanceRatio) == balances.map(\.balanceRatio))
            #expect(result.history.events == history.events)
            #expect(result.history.periods.map { $0.coalitions.map(\.members) } == history.periods.map { $0.coalitions.map(\.members) })
            #expect(handed.histories.count == 1 && handed.histories.first?.events == history.events)
        }
    }

    /// The histories a study hands over (from any thread).
    final class Handed: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [CoalitionHistory] = []
        func add(_ h: CoalitionHistory) {
            lock.lock()
            list.append(h)
            lock.unlock()
        }
        var histories: [CoalitionHistory] {
            lock.lock()
            defer { lock.unlock() }
            return list
        }
    }

    @Test("The diagram writer: DOT as the Diagrams module writes it, renders per format, positions independent of the selection")
    func diagramWriter() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let study = try Study(try DatasetLoader.load(ds.path),
                              settings: StudySettings(level: .all, drawing: DrawingSettings(clusters: .factions, sizeBy: .degree)))
        let series = try study.diagramSeries().series
        let renderer = InProcessRenderer()
        let all = try DiagramWriter.draw(series, layout: .stable, story: .actors, formats: [.svg, .dot], renderer: renderer)
        #expect(all.map(\.name) == ["1923", "1924", "1925", "1926", "1927", "story"])
        let layout = SnapshotLayout.stable(try StableLayout.compute(series.diagrams, renderer: renderer))
        #expect(all[2].dot == (try SnapshotDiagram.dot(series.diagrams[2], layout: layout)))
        #expect(all[5].dot == StoryDiagram.dot(series.story, mode: .actors))
        let files = all[0].files(base: "d/1923", formats: [.svg, .dot])
        #expect(files.map(\.path) == ["d/1923.svg", "d/1923.dot"])
        #expect(String(decoding: files[0].bytes, as: UTF8.self).contains("<svg"))
        #expect(files[1].bytes == Array(all[0].dot.utf8))
        // Drawing one period gives the same text as drawing them all: the stable layout is over every period.
        let one = try DiagramWriter.draw(series, layout: .stable, periods: ["1925"], formats: [.dot], renderer: renderer)
        #expect(one.map(\.name) == ["1925"])
        #expect(one[0].dot == all[2].dot)
        // An independent layout names its engine in the DOT and needs no shared layout.
        let neato = try DiagramWriter.draw(series, layout: .independent(.neato), periods: ["1925"], formats: [.dot], renderer: renderer)
        #expect(neato[0].dot != all[2].dot && neato[0].dot.contains("overlap"))
    }

    @Test("Diagram inputs: co-membership ties left out of the drawing (and said so), sizes on the drawn ties, typed size failures")
    func diagramInputs() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let network = try DatasetLoader.load(ds.path)
        var settings = StudySettings(drawing: DrawingSettings(clusters: .factions, sizeBy: .katz))
        settings.centrality.katzAlpha = 5
        // Left out: 1923 draws only the trotsky–stalin rivalry, not the stalin–zinoviev co-membership tie; Katz runs
        // on an alliance layer with no edge (λmax 0), so it never fails.
        let (left, leftFailures) = try Study(network, settings: settings).diagramSeries()
        #expect(left.diagrams[0].caption == "level persons · rule overlap · scenario a · co-membership ties not drawn")
        #expect(left.diagrams[0].edges.map { "\($0.a)-\($0.b)-\($0.relation)" } == ["stalin-trotsky-rivalry"])
        #expect(leftFailures.isEmpty)
        // Drawn: the co-membership alliance appears; Katz with α = 5 > 1/λmax = 1 fails where it exists (1923–1925).
        settings.drawing.drawComembership = true
        let (drawn, failures) = try Study(network, settings: settings).diagramSeries()
        #expect(drawn.diagrams[0].caption == "level persons · rule overlap · scenario a")
        #expect(Set(drawn.diagrams[0].edges.map { "\($0.a)-\($0.b)-\($0.relation)" }) == ["stalin-trotsky-rivalry", "stalin-zinoviev-alliance"])
        #expect(failures.map(\.period) == ["1923", "1924", "1925"])
        #expect(failures.allSatisfy { if case .katzAlphaTooLarge(5, _) = $0.error { true } else { false } })
        #expect(drawn.diagrams[0].nodes.allSatisfy { $0.size == 0 })  // equal sizes where the metric failed
        // Without a scenario, the caption says so in the words of every other output.
        let untagged = SnapshotOptions(scheme: .year, level: .factions, scenario: nil)
        let snapshots = try SnapshotBuilder(network: network, options: untagged).build()
        let (series, _) = DiagramInputs.series(snapshots: snapshots, options: untagged, network: network,
                                               clusters: snapshots.map { PeriodClusters.positiveComponents($0) },
                                               clusterLegend: "components", sizeBy: nil, drawComembership: false)
        #expect(series.diagrams[0].caption == "level factions · rule overlap · scenario (untagged only)")
    }
}
