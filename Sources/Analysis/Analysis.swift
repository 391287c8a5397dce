import Coalitions
import Diagrams
import Foundation
import Metrics
import Snapshots
import TemporalModel

/// Everything that decides an analysis: how periods are cut, which metrics, which coalition method, what is drawn.
///
/// The same settings on the same dataset give byte-identical outputs.
public struct AnalysisSettings: Sendable, Hashable {
    public var snapshot: SnapshotOptions
    public var coalitions: CoalitionSettings
    public var tracking: TrackingSettings
    public var centrality: CentralityOptions
    public var balance: BalanceOptions
    /// Graphviz formats of the snapshot and story diagrams (`svg`, `png`, `pdf`); empty draws nothing.
    public var diagramFormats: [String]
    /// The resolution of PNG diagrams in dots per inch (nil: Graphviz's 96).
    public var diagramDPI: Double? = nil
    /// The metric that sizes nodes in the diagrams and ranks the top actors.
    public var rankBy: NodeMetric
    /// How many top actors per period the report lists.
    public var topActors: Int
    /// Whether co-membership ties are drawn (the clusters show memberships already).
    public var drawComembership: Bool

    public init(snapshot: SnapshotOptions = SnapshotOptions(), coalitions: CoalitionSettings = CoalitionSettings(),
                tracking: TrackingSettings = TrackingSettings(), centrality: CentralityOptions = CentralityOptions(),
                balance: BalanceOptions = BalanceOptions(), diagramFormats: [String] = ["svg", "png", "pdf"],
                rankBy: NodeMetric = .pagerank, topActors: Int = 5, drawComembership: Bool = false) {
        self.snapshot = snapshot
        self.coalitions = coalitions
        self.tracking = tracking
        self.centrality = centrality
        self.balance = balance
        self.diagramFormats = diagramFormats
        self.rankBy = rankBy
        self.topActors = topActors
        self.drawComembership = drawComembership
    }

    /// The settings as ordered name/value pairs, for the head of every table and report.
    public var described: [(String, String)] {
        var s: [(String, String)] = [
            ("period", snapshot.scheme.description), ("rule", snapshot.rule.description), ("level", snapshot.level.rawValue),
            ("scenario", snapshot.scenario ?? "(untagged only)"),
        ]
        if snapshot.level == .persons { s.append(("comembership", snapshot.coMembership ? "on" : "off")) }
        s += [("method", coalitions.method.description), ("seed", String(coalitions.seed)),
              ("match threshold", String(tracking.threshold)), ("grace periods", String(tracking.grace)),
              ("ranked by", rankBy.rawValue)]
        return s
    }
}

/// The results of one analysis, every stage kept, keyed by period in period order.
public struct AnalysisResult: Sendable {
    public let network: TemporalNetwork
    public let settings: AnalysisSettings
    public let snapshots: [Snapshot]
    public let metrics: [SnapshotNodeMetrics]
    public let balances: [SnapshotBalance]
    public let history: CoalitionHistory
    public let lineage: LineageComparison
}

/// The analysis pipeline: dataset → snapshots → metrics, balance, coalitions → changes. No file I/O.
public enum Analysis {
    /// Runs every stage.
    ///
    /// - Throws: ``SnapshotError`` when the period scheme or rule does not fit the dataset.
    /// - Complexity: dominated by the all-pairs path metrics, O(P·n·m) over P periods.
    public static func run(_ network: TemporalNetwork, settings: AnalysisSettings,
                           progress: ProgressReporter = .silent) throws(SnapshotError) -> AnalysisResult {
        progress.stage("snapshots (\(settings.snapshot.summary))")
        let snapshots = try SnapshotBuilder(network: network, options: settings.snapshot).build()
        progress.stage("centrality and balance, \(snapshots.count) periods")
        var metrics: [SnapshotNodeMetrics] = []
        var balances: [SnapshotBalance] = []
        for (i, s) in snapshots.enumerated() {
            progress.step(i + 1, of: snapshots.count, s.period.label)
            metrics.append(nodeMetrics(for: s, options: settings.centrality))
            balances.append(balance(of: s, options: settings.balance))
        }
        progress.stage("coalitions (\(settings.coalitions.method)) and changes")
        let history = analyseCoalitions(snapshots, network: network, settings: settings.coalitions, tracking: settings.tracking)
        let lineage = compareLineage(history, network: network)
        return AnalysisResult(network: network, settings: settings, snapshots: snapshots, metrics: metrics,
                              balances: balances, history: history, lineage: lineage)
    }
}

extension AnalysisResult {
    /// The top actors of period `index` by the ranking metric, highest first (ties by actor id).
    public func topActors(in index: Int) -> [(actor: Actor, value: Double)] {
        let m = metrics[index]
        guard let values = m.values[settings.rankBy] else { return [] }
        let ranked = m.actors.indices.sorted { (values[$1], m.actors[$0]) < (values[$0], m.actors[$1]) }
        return ranked.prefix(settings.topActors).map { (network.actors[Int(m.actors[$0])], values[$0]) }
    }

    /// The diagram data of every period: coalitions as clusters (their tracked ids, so colours follow a coalition
    /// through time), nodes sized by the ranking metric, coalition births, merges, splits and deaths in the story.
    public func diagramSeries() throws(SnapshotError) -> DiagramSeries {
        try DiagramInputs.series(
            snapshots: snapshots, network: network, clusters: history.periods.map(PeriodClusters.init(coalitions:)),
            clusterLegend: "coalitions (\(settings.coalitions.method))", sizeBy: settings.rankBy,
            centrality: settings.centrality, drawComembership: settings.drawComembership,
            storyEvents: history.storyEvents()).series
    }
}

/// How snapshots, clusters and a size metric become diagram data: shared by `blocs analyze` and `blocs render`/`story`.
public enum DiagramInputs {
    /// The diagram series of `snapshots`.
    ///
    /// Co-membership ties are left out of the drawing unless `drawComembership` (the clusters show memberships
    /// already); node sizes are `sizeBy` computed on the drawn ties, equal in a period where it fails (named in
    /// `sizeFailures`); `storyEvents` go first in each period's story header.
    ///
    /// - Throws: ``SnapshotError`` when the snapshots without co-membership cannot be cut.
    public static func series(snapshots: [Snapshot], network: TemporalNetwork, clusters: [PeriodClusters], clusterLegend: String,
                              sizeBy: NodeMetric?, centrality: CentralityOptions = CentralityOptions(),
                              drawComembership: Bool, storyEvents: [Int: [Story.Event]] = [:])
        throws(SnapshotError) -> (series: DiagramSeries, sizeFailures: [String])
    {
        guard let options = snapshots.first?.options else {
            return (DiagramSeries(snapshots: [], network: network, clusters: [], clusterLegend: clusterLegend), [])
        }
        var drawn = snapshots
        if options.level == .persons && options.coMembership && !drawComembership {
            var o = options
            o.coMembership = false
            drawn = try SnapshotBuilder(network: network, options: o).build()
        }
        var sizes: [[Double]]?
        var sizeFailures: [String] = []
        if let metric = sizeBy {
            sizes = drawn.map { s in
                let m = nodeMetrics(for: s, metrics: [metric], options: centrality)
                if let v = m.values[metric] { return v }
                sizeFailures.append("\(metric) failed in \(s.period.label) (\(m.errors.map(\.description).joined(separator: "; "))); equal sizes there")
                return [Double](repeating: 0, count: s.actors.count)
            }
        }
        let caption = "level \(options.level.rawValue) · rule \(options.rule) · scenario \(options.scenario ?? "untagged only")"
            + (drawn.first?.options.coMembership == false && options.coMembership ? " · co-membership ties not drawn" : "")
        var series = DiagramSeries(
            snapshots: snapshots, network: network, clusters: clusters, sizes: sizes,
            sizeLegend: sizeBy.map { $0.rawValue + ($0.usesPositiveLayer ? " on the alliance ties" : "") },
            clusterLegend: clusterLegend, caption: caption, edgeSnapshots: drawn)
        for (t, events) in storyEvents where series.story.periods.indices.contains(t) {
            series.story.periods[t].events = events + series.story.periods[t].events
        }
        return (series, sizeFailures)
    }
}

extension PeriodClusters {
    /// A period's coalitions as diagram clusters, keeping the tracked coalition ids and labels.
    public init(coalitions p: PeriodCoalitions) {
        var labels = [Int?](repeating: nil, count: p.snapshot.actors.count)
        var ids: [Int: String] = [:], names: [Int: String] = [:]
        for (k, c) in p.coalitions.enumerated() {
            ids[k] = c.id
            names[k] = c.label
            for m in c.members { if let node = p.snapshot.node(of: m) { labels[node] = k } }
        }
        self.init(labels: labels, fixedIDs: ids, names: names)
    }
}

extension CoalitionHistory {
    /// Coalition births, deaths, merges and splits as story events, by period index, coalitions named by label
    /// (a coalition gone in that period by its last label before it: never by its internal id).
    public func storyEvents() -> [Int: [Story.Event]] {
        var result: [Int: [Story.Event]] = [:]
        func label(_ id: String, at t: Int) -> String {
            for p in stride(from: min(t, periods.count - 1), through: 0, by: -1) {
                if let c = periods[p].coalitions.first(where: { $0.id == id }) { return c.label }
            }
            return "an unnamed coalition"
        }
        for e in events {
            let kind: Story.Event.Kind
            switch e.kind {
            case .merge: kind = .coalitionsMerge
            case .split: kind = .coalitionSplits
            case .birth: kind = .coalitionAppears
            case .death: kind = .coalitionDissolves
            default: continue
            }
            // Merged parents and a split coalition are named as they were the period before.
            let names = e.coalitions.enumerated().map { k, id in
                let before = (e.kind == .merge && k > 0) || (e.kind == .split && k == 0) || e.kind == .death
                return label(id, at: before ? e.periodIndex - 1 : e.periodIndex)
            }
            result[e.periodIndex, default: []].append(Story.Event(date: e.period, kind: kind, text: e.detail, actors: names))
        }
        return result
    }
}
