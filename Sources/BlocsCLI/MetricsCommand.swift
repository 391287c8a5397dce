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
            let (table, failures) = PeriodTables.nodeMetrics(
                study.metrics(chosen), metrics: chosen, network: study.network,
                settings: PeriodTables.settings(study.options, network: study.network) + settings.centralityDescribed)
            for f in failures { Console.error("warning: \(f)") }
            try output.write(table)
        }
    }
}

/// `blocs bench-pipeline` (hidden): the per-year work of `scripts/bench`, timed stage by stage.
///
/// Loads a dataset, builds every yearly snapshot, and computes per snapshot degree, exact betweenness (raw),
/// closeness (without the W–F correction, igraph's convention), PageRank, eigenvector centrality, positive
/// components and the triangle balance ratio. Stage times go to stderr as `stage,seconds` lines; the values go
/// to `--out` as CSV for the agreement check. With `--pivots FILE` (CSV `period,actor`, written by scripts/bench
/// and read by the peers too), betweenness of a listed period is the sampled estimate from those pivots.
struct BenchPipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-pipeline", abstract: "Benchmark stages (used by scripts/bench).", shouldDisplay: false)

    @Argument var dataset: String
    @Option var out: String?
    @Option(help: "Persons level without co-membership ties.") var level: Level = .persons
    @Option(help: "CSV period,actor of the betweenness pivots (sampled betweenness in the listed periods).")
    var pivots: String?

    /// Pivot actor ids per period label.
    func readPivots() throws -> [String: [String]] {
        guard let pivots else { return [:] }
        var byPeriod: [String: [String]] = [:]
        let text = try String(contentsOfFile: pivots, encoding: .utf8)
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2 else { throw ValidationError("\(pivots): expected period,actor, got '\(line)'") }
            byPeriod[String(fields[0]), default: []].append(String(fields[1]))
        }
        return byPeriod
    }

    func run() throws {
        try reportingErrors {
            let pivotIds = try readPivots()
            let clock = ContinuousClock()
            var times: [(String, Duration)] = []
            var t0 = clock.now
            let network = try DatasetLoader.load(dataset)
            times.append(("load", clock.now - t0))
            t0 = clock.now
            let options = SnapshotOptions(scheme: .year, rule: .overlap, level: level, scenario: network.info.defaultScenario,
                                          coMembership: false)
            let snapshots = try SnapshotBuilder(network: network, options: options).build()
            let layers = snapshots.map { $0.graph.layer(.positive) }
            times.append(("build", clock.now - t0))
            // Pivot node indices per snapshot (set-up, outside the clock, as in the peers).
            var actorIndex: [String: Int32] = [:]
            if !pivotIds.isEmpty {
                for (i, a) in network.actors.enumerated() { actorIndex[a.id] = Int32(i) }
            }
            let pivotNodes: [[Int]?] = try snapshots.map { s in
                guard let ids = pivotIds[s.period.label] else { return nil }
                var node: [Int32: Int] = [:]
                for (i, a) in s.actors.enumerated() { node[a] = i }
                return try ids.map { id in
                    guard let a = actorIndex[id], let i = node[a] else {
                        throw ValidationError("pivot \(id) is not an actor of \(s.period.label)")
                    }
                    return i
                }
            }
            var stage: [String: Duration] = [:]
            func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
                let s = clock.now
                let r = try body()
                stage[name, default: .zero] += clock.now - s
                return r
            }
            // Values are streamed to --out one snapshot at a time (outside the clock), so that the peak memory the
            // bench reports is the pipeline's, not a whole-run CSV string's.
            var file: FileHandle?
            if let out {
                guard FileManager.default.createFile(atPath: out, contents: nil) else {
                    throw ValidationError("cannot write \(out)")
                }
                file = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            }
            defer { try? file?.close() }
            var csv = "period,actor,degree,betweenness,closeness,pagerank,eigenvector\n"
            var summary = "period,nodes,pos_edges,components,balance_ratio\n"
            for (index, (s, g)) in zip(snapshots, layers).enumerated() {
                let degree = timed("degree") { degreeCentrality(g) }
                let paths = timed("betweenness+closeness") {
                    pathCentralities(g, normalized: false, wfImproved: false, pivots: pivotNodes[index])
                }
                let pr = timed("pagerank") { try? pageRank(g) }
                let ev = timed("eigenvector") { try? eigenvectorCentrality(g) }
                let components = timed("components") { (connectedComponents(of: g).max() ?? -1) + 1 }
                let ratio = timed("triangles") { triangleCensus(s.graph).balanceRatio }
                if out != nil {
                    for i in 0..<g.nodeCount {
                        let id = network.actors[Int(s.actors[i])].id
                        csv += "\(s.period.label),\(id),\(degree[i]),\(paths.betweenness[i]),\(paths.closeness[i]),"
                            + "\(pr.map { "\($0[i])" } ?? ""),\(ev.map { "\($0[i])" } ?? "")\n"
                    }
                    summary += "\(s.period.label),\(g.nodeCount),\(g.edgeCount),\(components),\(ratio.map { "\($0)" } ?? "")\n"
                }
                if let file {
                    try file.write(contentsOf: Data(csv.utf8))
                    csv = ""
                }
            }
            for name in ["degree", "betweenness+closeness", "pagerank", "eigenvector", "components", "triangles"] {
                times.append((name, stage[name] ?? .zero))
            }
            for (name, d) in times {
                let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
                Console.error("stage,\(name),\(seconds)")
            }
            if let out {
                try Data(summary.utf8).write(to: URL(fileURLWithPath: out + ".summary.csv"))
            }
        }
    }
}
