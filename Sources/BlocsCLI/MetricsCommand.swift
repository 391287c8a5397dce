import ArgumentParser
import Blocs
import Foundation

/// `blocs metrics`: centrality of every actor in every period.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Centrality of every actor in every period (NetworkX 3.x definitions and defaults).",
        discussion: """
            One row per period and actor. degree … katz are computed on the alliance (positive) graph of the \
            period, exactly as NetworkX 3.x computes them with its defaults: degree_centrality, weighted degree \
            (strength), betweenness_centrality (normalised), closeness_centrality (wf_improved), \
            harmonic_centrality, eigenvector_centrality, pagerank (weighted) and katz_centrality (alpha 0.1). \
            pos_degree and neg_degree count alliances and rivalries; pn is Everett & Borgatti's PN-centrality. \
            A metric that fails for a period (no convergence, Katz alpha above 1/lambda_max) leaves its cells \
            empty and is named on stderr and in the JSON settings.

            Columns: period,actor,name,kind,degree,strength,betweenness,closeness,harmonic,eigenvector,\
            pagerank,katz,pos_degree,neg_degree,pn

            Examples:
              blocs metrics
              blocs metrics Datasets/soviet-oppositions --level factions --format csv --out centrality.csv
              blocs metrics --metrics degree,betweenness,pn --period window:3:1
              blocs metrics --raw-betweenness --no-wf-improved --format json
              blocs metrics big-dataset --pivots 500 --seed 1

            --pivots K replaces exact betweenness by the sampled estimate of Brandes & Pich (2007) from K pivot \
            sources per period, drawn from --seed (same seed, same pivots) and scaled as NetworkX 3.6 \
            betweenness_centrality(k=K) scales it; periods with at most K actors get the exact value. Closeness \
            and harmonic stay exact.
            """)

    @OptionGroup var input: DatasetArgument
    @OptionGroup var snapshot: SnapshotOptionGroup
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp(
        "Comma-separated metrics to compute (default: all): \(NodeMetric.allCases.map(\.rawValue).joined(separator: ",")).",
        valueName: "list"), transform: Parse.metrics)
    var metrics: [NodeMetric]?

    @Flag(help: "Betweenness, closeness and harmonic over weighted paths (weights as lengths) instead of hops.")
    var weightedPaths = false

    @Flag(help: "Raw betweenness (unordered pairs, igraph's value) instead of NetworkX's normalised one.")
    var rawBetweenness = false

    @Option(help: ArgumentHelp("Sampled betweenness from this many pivot sources per period (at least 2; default: exact).",
                               valueName: "k"))
    var pivots: Int?

    @Option(help: ArgumentHelp("Seed of the pivot draw for --pivots.", valueName: "n"))
    var seed: UInt64 = 1

    @Flag(help: "Closeness without the Wasserman-Faust correction (igraph's default).")
    var noWfImproved = false

    @Option(help: ArgumentHelp("PageRank damping factor.", valueName: "alpha"))
    var pagerankAlpha = 0.85

    @Option(help: ArgumentHelp("Katz attenuation factor; must be below 1/lambda_max of each period's alliance graph.", valueName: "alpha"))
    var katzAlpha = 0.1

    func validate() throws {
        guard pagerankAlpha > 0 && pagerankAlpha < 1 else { throw ValidationError("--pagerank-alpha must be in (0, 1)") }
        guard katzAlpha > 0 else { throw ValidationError("--katz-alpha must be positive") }
        if let pivots, pivots < 2 { throw ValidationError("--pivots must be at least 2") }
    }

    var centralityOptions: CentralityOptions {
        var o = CentralityOptions()
        o.weightedPaths = weightedPaths
        o.normalizedBetweenness = !rawBetweenness
        o.wfImproved = !noWfImproved
        o.betweennessPivots = pivots
        o.pivotSeed = seed
        o.pagerankAlpha = pagerankAlpha
        o.katzAlpha = katzAlpha
        return o
    }

    func run() throws {
        try reportingErrors {
            var settings = snapshot.settings
            settings.centrality = centralityOptions
            let study = try input.study(settings, progress: .standardError(stages: false))
            let chosen = metrics ?? NodeMetric.allCases
            let results = study.metrics(chosen)
            let described = PeriodTables.settings(study.options, network: study.network) + settings.centralityDescribed
            if output.format == .csv {
                // The same text as the table's csv(), made without its cells.
                let failures = PeriodTables.nodeMetricsStream(results, metrics: chosen, network: study.network, settings: described).failures
                for f in failures { Console.error("warning: \(f)") }
                try output.write(text: PeriodTables.nodeMetricsCSV(results, metrics: chosen, network: study.network))
            } else {
                let (table, failures) = PeriodTables.nodeMetrics(results, metrics: chosen, network: study.network, settings: described)
                for f in failures { Console.error("warning: \(f)") }
                try output.write(table)
            }
        }
    }
}
