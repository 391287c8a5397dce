import ArgumentParser
import Blocs
import Foundation

/// `blocs report-fixture` (hidden): writes the HTML report of the hostile test model, for `scripts/test-report`.
struct ReportFixtureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-fixture", abstract: "Write the HTML report of the test fixture (used by scripts/test-report).",
        shouldDisplay: false)

    @Argument(help: "Where to write the HTML page.") var out: String
    @Option(help: "Also write the fixture model as JSON here, for the browser test's expectations.") var model: String?

    func run() throws {
        try reportingErrors {
            let fixture = ReportModelFixture.model()
            do {
                try Data(HTMLReport.render(fixture).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                if let model {
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    try encoder.encode(fixture).write(to: URL(fileURLWithPath: model), options: .atomic)
                }
            } catch {
                throw UserFacingError(description: "cannot write the report fixture: \(error.localizedDescription)")
            }
        }
    }
}
