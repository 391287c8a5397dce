import Blocs
import Foundation
import Testing
import TestSupport

/// The Swift example of the README, run as written (paths pointed at the repository and a temporary folder).
@Suite("README example")
struct ReadmeExampleTests {
    @Test("The README's library example runs and finds the history's merges")
    func readmeExample() throws {
        let datasetPath = BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path
        let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("blocs-readme-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: out) }
        var output: [String] = []
        let network = try DatasetLoader.load(datasetPath)
        let options = SnapshotOptions(scheme: .year, rule: .overlap, level: .persons, scenario: network.info.defaultScenario)
        let snapshots = try SnapshotBuilder(network: network, options: options).build()

        for snapshot in snapshots {
            let metrics = nodeMetrics(for: snapshot)            // centrality, NetworkX definitions
            let signed = balance(of: snapshot)                  // triangles, frustration, walk balance
            output.append("\(snapshot.period.label) \(snapshot.graph.nodeCount) \(signed.balanceRatio ?? .nan) \(metrics.errors)")
        }

        let history = analyseCoalitions(snapshots, network: network)  // coalitions per year, tracked
        for event in history.events where event.kind == .merge { output.append("\(event.period) \(event.detail)") }

        // Or everything `blocs analyze` does, into a folder:
        let result = try Analysis.run(network, settings: StudySettings(period: .year, level: .persons))
        let svg = try Graphviz.shared.render(dot: "graph { a -- b }", format: "svg")   // Graphviz in-process
        _ = try AnalysisWriter.write(result, to: out, renderer: InProcessRenderer(),
                                     generator: "my script")

        #expect(output.first?.hasPrefix("1921 ") == true)
        #expect(output.contains { $0.hasPrefix("1926 ") && $0.contains("merged into") })
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }
}
