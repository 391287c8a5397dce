import ArgumentParser
import Blocs
import Foundation
import TestSupport

/// `blocs-report-fixture`: writes the HTML report of the hostile test model (TestSupport's `ReportModelFixture`),
/// for `scripts/test-report`; with `--from`, the report of a model read from JSON (the Codable form of
/// `ReportModel`), to try designs on real data. A test tool apart from `blocs`: the fixture does not ship.
@main
struct ReportFixture: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocs-report-fixture", abstract: "Write the HTML report of the test fixture (used by scripts/test-report).")

    @Argument(help: "Where to write the HTML page.") var out: String
    @Option(help: "Also write the fixture model as JSON here, for the browser test's expectations.") var model: String?
    @Option(help: "Render this ReportModel JSON instead of the fixture (diagram paths relative to the JSON's folder).")
    var from: String?

    func run() throws {
        do {
            do {
                var fixture = ReportModelFixture.model()
                if let from {
                    let url = URL(fileURLWithPath: from)
                    fixture = try JSONDecoder().decode(ReportModel.self, from: Data(contentsOf: url))
                        .embeddingDiagrams(relativeTo: url.deletingLastPathComponent())
                }
                try Data(HTMLReport.render(fixture).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                if let model {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    try encoder.encode(fixture).write(to: URL(fileURLWithPath: model), options: .atomic)
                }
            } catch {
                FileHandle.standardError.write(Data("error: cannot write the report fixture: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}
