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
        var merges: [String] = []
        let network = try DatasetLoader.load(datasetPath)
        let study = try Study(network, settings: StudySettings(period: .year, level: .persons))  // scenario: the dataset's default

        for (snapshot, (metrics, signed)) in zip(study.snapshots, zip(study.metrics, study.balances)) {
            // centrality (NetworkX definitions) and signed balance (triangles, frustration, walk balance) per period
            output.append("\(snapshot.period.label) \(snapshot.graph.nodeCount) \(signed.balanceRatio ?? .nan) \(metrics.errors)")
        }

        for event in study.history.events {                      // coalitions per year, tracked; events are typed
            if case .merge(let parents, let result) = event.change { merges.append("\(event.period) \(parents) → \(result)") }
        }

        // Or everything `blocs analyze` does, into a folder:
        let result = study.result()
        let svg = try Graphviz.shared.render(dot: "graph { a -- b }", format: "svg")   // Graphviz in-process
        _ = try AnalysisWriter.write(result, to: out, renderer: InProcessRenderer(),
                                     generator: "my script")

        // 1921: the three Decists, allied with one another: one all-positive triangle, balance ratio 1.
        // 1922: six persons, one triangle, still all positive (tables/balance.csv of `blocs analyze`).
        #expect(output.prefix(2) == ["1921 3 1.0 []", "1922 6 1.0 []"])
        #expect(output.count == 13)
        // The merges the method finds: the Left Opposition and the troika consolidate (1924), the United Opposition
        // (1926), and a merge in 1933 that NOTES.md §7 reads as an artefact (the 1932 bloc is a realignment, no
        // merger); the continuing coalition is the first parent.
        #expect(merges == ["1924 [\"C3\", \"C1\"] → C3", "1924 [\"C4\", \"C5\"] → C4", "1926 [\"C3\", \"C6\"] → C3",
                           "1933 [\"C8\", \"C3\"] → C8"])
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"notable_changes\": [\n    {\"period\": \"1921\", \"event\": \"birth\""))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
    }
}
