import Coalitions
import Diagrams
import Foundation
import Metrics
import Reports
import Snapshots
import TemporalModel

/// The results of one analysis, every stage kept, keyed by period in period order.
public struct AnalysisResult: Sendable {
    public let network: TemporalNetwork
    public let settings: StudySettings
    /// The snapshot options the settings resolved to.
    public let options: SnapshotOptions
    public let snapshots: [Snapshot]
    public let metrics: [SnapshotNodeMetrics]
    public let balances: [SnapshotBalance]
    public let history: CoalitionHistory
    public let lineage: LineageComparison
}

/// The analysis pipeline: dataset → snapshots → metrics, balance, coalitions → changes. No file I/O.
public enum Analysis {
    /// Runs every stage of a ``Study``.
    ///
    /// - Throws: ``SnapshotError`` when the period scheme or rule does not fit the dataset, ``TemporalNetworkError``
    ///   for a scenario it does not declare.
    /// - Complexity: dominated by the all-pairs path metrics, O(P·n·m) over P periods.
    public static func run(_ network: TemporalNetwork, settings: StudySettings = StudySettings(),
                           progress: ProgressReporter = .silent) throws -> AnalysisResult {
        try Study(network, settings: settings, progress: progress).result()
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

    /// The settings as every output of `blocs analyze` states them: the snapshot settings, the coalition
    /// detection and tracking, and the ranking metric.
    public var described: [(String, String)] {
        settings.described(StudySettings.coalitionParameters + [.rankBy], options: options)
    }

    /// The diagram data of every period: coalitions as clusters (their tracked ids, so colours follow a coalition
    /// through time), nodes sized by the ranking metric, coalition births, merges, splits and deaths in the story.
    public func diagramSeries() -> DiagramSeries {
        DiagramInputs.series(
            snapshots: snapshots, options: options, network: network,
            clusters: history.periods.map(PeriodClusters.init(coalitions:)),
            clusterLegend: "coalitions (\(settings.method))", sizeBy: settings.rankBy,
            centrality: settings.centrality, drawComembership: settings.drawing.drawComembership,
            storyEvents: history.storyEvents(network: network)).series
    }
}

/// How snapshots, clusters and a size metric become diagram data: shared by `blocs analyze` and `blocs render`/`story`.
public enum DiagramInputs {
    /// The diagram series of `snapshots`, cut with `options`.
    ///
    /// Co-membership ties are left out of the drawing unless `drawComembership` (the clusters show memberships
    /// already: the snapshots' recorded-ties layer is drawn, ``Snapshot/withoutCoMembership()``); node sizes are
    /// `sizeBy` computed on the drawn ties, equal in a period where it fails (listed in `sizeFailures`);
    /// `storyEvents` go first in each period's story header.
    ///
    /// - Complexity: O(Σ_p (n_p + m_p)) plus the size metric on every drawn snapshot.
    public static func series(snapshots: [Snapshot], options: SnapshotOptions, network: TemporalNetwork,
                              clusters: [PeriodClusters], clusterLegend: String,
                              sizeBy: NodeMetric?, centrality: CentralityOptions = CentralityOptions(),
                              drawComembership: Bool, storyEvents: [Int: [Story.Event]] = [:])
        -> (series: DiagramSeries, sizeFailures: [MetricWarning])
    {
        let leaveOut = options.level == .persons && options.coMembership && !drawComembership
        let drawn = leaveOut ? snapshots.map { $0.withoutCoMembership() } : snapshots
        var sizes: [[Double]]?
        var sizeFailures: [MetricWarning] = []
        if let metric = sizeBy {
            sizes = drawn.map { s in
                let m = nodeMetrics(for: s, metrics: [metric], options: centrality)
                if let v = m.values[metric] { return v }
                sizeFailures += m.errors.map { MetricWarning(period: s.period.label, error: $0) }
                return [Double](repeating: 0, count: s.actors.count)
            }
        }
        let described = Dictionary(options.described, uniquingKeysWith: { a, _ in a })
        let caption = ["level", "rule", "scenario"].map { "\($0) \(described[$0] ?? "")" }.joined(separator: " · ")
            + (leaveOut ? " · co-membership ties not drawn" : "")
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
    public func storyEvents(network: TemporalNetwork) -> [Int: [Story.Event]] {
        var result: [Int: [Story.Event]] = [:]
        let lookup = ChangeSentences.Lookup(self)
        func label(_ id: String, at t: Int) -> String {
            // Through the lookup, not a scan of the period's coalitions by id (L periods have 8,000 of them).
            for p in stride(from: min(t, periods.count - 1), through: 0, by: -1) {
                if let k = lookup.coalition(id, in: p) { return periods[p].coalitions[k].label }
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
            let names = e.change.coalitions.enumerated().map { k, id in
                let before = (e.kind == .merge && k > 0) || (e.kind == .split && k == 0) || e.kind == .death
                return label(id, at: before ? e.periodIndex - 1 : e.periodIndex)
            }
            result[e.periodIndex, default: []].append(Story.Event(date: e.period, kind: kind, text: ChangeSentences.detail(e, history: self, network: network, lookup: lookup), actors: names))
        }
        return result
    }
}
