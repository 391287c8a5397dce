import ArgumentParser
import Blocs
import Foundation

/// `blocs-bench`: the per-year work of `scripts/bench`, timed stage by stage.
///
/// Loads a dataset, builds every yearly snapshot, and computes per snapshot degree, exact betweenness (raw),
/// closeness (without the W–F correction, igraph's convention), PageRank, eigenvector centrality, positive
/// components and the triangle balance ratio. Stage times go to stderr as `stage,seconds` lines; the values go
/// to `--out` as CSV for the agreement check. With `--pivots FILE` (CSV `period,actor`, written by scripts/bench
/// and read by the peers too), betweenness of a listed period is the sampled estimate from those pivots.
///
/// Its own executable, apart from `blocs`: benchmark code never ships in the command users run.
@main
struct BenchPipeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocs-bench", abstract: "Benchmark stages of the per-year pipeline (used by scripts/bench).")

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
        do {
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
                FileHandle.standardError.write(Data("stage,\(name),\(seconds)\n".utf8))
            }
            if let out {
                try Data(summary.utf8).write(to: URL(fileURLWithPath: out + ".summary.csv"))
            }
        } catch let e as DatasetLoadError {
            FileHandle.standardError.write(Data((e.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

extension Level: ExpressibleByArgument {
    public init?(argument: String) { try? self.init(parsing: argument) }
}
