import ArgumentParser
import Blocs
import Foundation

/// `blocs validate`: load and check a dataset, summarize it or list every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset and summarize it, or list every problem as file:line:column.",
        discussion: """
            Exits 0 when the dataset loads, 1 with one line per problem when it does not (nothing is loaded \
            half-way: every file is checked in one pass). Checks what an analysis needs too (the default period \
            scheme cuts the span). Warns, without failing, about ties entirely outside the span, actors with no \
            tie and sources no tie or event cites.

            Examples:
              blocs validate
              blocs validate Datasets/soviet-oppositions
              blocs validate ~/data/my-dataset
            """)

    @OptionGroup var input: DatasetArgument

    func run() throws {
        try reportingErrors {
            let (path, network) = try input.load()
            // What analyze will need of the dataset beyond loading: its default period scheme must cut its span.
            do {
                let info = network.info
                _ = try PeriodScheme(parsing: info.defaultPeriod, windows: info.windows).periods(over: info.span)
            } catch {
                throw UserFacingError(description: "\(path)/dataset.yaml: default_period '\(network.info.defaultPeriod)': \(error)")
            }
            for w in DatasetWarnings.check(network, folder: path) { Console.error(w.description) }
            Console.out(DatasetSummary(network: network, path: path).text)
        }
    }
}

/// A readable summary of a loaded dataset.
struct DatasetSummary {
    let network: TemporalNetwork
    let path: String

    var text: String {
        let info = network.info
        var out = "\(info.name): \(info.title)\n  folder: \(path)\n"
        out += "  span: \(info.spanStart) to \(info.spanEnd); default period: \(info.defaultPeriod)\n"
        let kinds = ActorKind.allCases.map { k in "\(network.actors.filter { $0.kind == k }.count) \(k.rawValue)\(k == .person ? "s" : "s")" }
        out += "  actors: \(network.actors.count) (\(kinds.joined(separator: ", ")))\n"
        let relations = Relation.allCases.compactMap { r -> String? in
            let n = network.ties.filter { $0.relation == r }.count
            return n == 0 ? nil : "\(n) \(r.rawValue)"
        }
        out += "  ties: \(network.ties.count) (\(relations.joined(separator: ", ")))\n"
        out += "  events: \(network.events.count)\n"
        out += "  sources: \(info.sources.count)\n"
        for s in info.sources { out += "    \(s.id): \(s.citation)\(s.file.map { " [\($0)]" } ?? "")\n" }
        if info.scenarios.isEmpty {
            out += "  scenarios: none\n"
        } else {
            out += "  scenarios: \(info.scenarios.count) (default: \(info.defaultScenario ?? "none: untagged ties only"))\n"
            for s in info.scenarios {
                let n = network.ties.filter { $0.scenarios.contains(s.id) }.count
                out += "    \(s.id): \(n) tagged tie\(n == 1 ? "" : "s")\(s.description.isEmpty ? "" : " — \(s.description)")\n"
            }
        }
        if !info.windows.isEmpty { out += "  windows: \(info.windows.map(\.id).joined(separator: ", "))\n" }
        out += "OK\n"
        return out
    }
}
