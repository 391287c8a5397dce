import Coalitions
import Diagrams
import Metrics
import Reports
import Snapshots
import TemporalModel

/// A dataset studied under one set of settings: the library entry every command and batch job calls.
///
/// Each stage (snapshots, centrality, balance, coalitions and their changes, the lineage comparison, the diagram
/// data) is computed on first use and kept. The settings are resolved against the dataset when the study is made,
/// so a period scheme, rule or scenario that does not fit is refused before any work. The snapshot options travel
/// beside the results (``options``), never read back from a snapshot.
///
/// ```swift
/// let study = try Study(network, settings: StudySettings(level: .factions))
/// for (snapshot, b) in zip(study.snapshots, study.balances) { print(snapshot.period, b.balanceRatio ?? .nan) }
/// ```
///
/// Not thread-safe: one study per task (batch jobs make their own).
public final class Study {
    public let network: TemporalNetwork
    public let settings: StudySettings
    /// The snapshot options the settings resolve to on ``network``.
    public let options: SnapshotOptions
    public let progress: ProgressReporter
    private let builder: SnapshotBuilder
    private var cachedSnapshots: [Snapshot]?
    private var cachedMetrics: [SnapshotNodeMetrics]?
    private var cachedBalances: [SnapshotBalance]?
    private var cachedHistory: CoalitionHistory?
    private var cachedLineage: LineageComparison?

    /// - Throws: ``SnapshotError`` when the period scheme or rule does not fit the dataset,
    ///   ``TemporalNetworkError`` for a scenario it does not declare.
    /// - Complexity: O(P) for P periods (the periods are cut; nothing is built yet).
    public init(_ network: TemporalNetwork, settings: StudySettings, progress: ProgressReporter = .silent) throws {
        self.network = network
        // `auto` level and minimum size fixed here, so every output names what was used.
        self.settings = settings.fixingAutomaticChoices(for: network)
        self.progress = progress
        options = try settings.snapshotOptions(for: network)
        builder = try SnapshotBuilder(network: network, options: options)
    }

    /// One snapshot per period, in period order.
    /// - Complexity: O((m + A) log P + Σ_p m_p log m_p): see ``SnapshotBuilder``.
    public var snapshots: [Snapshot] {
        cached(\.cachedSnapshots) {
            progress.stage("snapshots (\(options.described.map { "\($0.0)=\($0.1)" }.joined(separator: " ")))")
            return builder.build()
        }
    }

    /// Every centrality of every period (``StudySettings/centrality``).
    /// - Complexity: dominated by the path metrics, O(P·n·m) over P periods.
    public var metrics: [SnapshotNodeMetrics] {
        cached(\.cachedMetrics) { perPeriod("centrality") { nodeMetrics(for: $0, options: settings.centrality) } }
    }

    /// Some centralities of every period (not kept; ``metrics`` when all are asked for).
    public func metrics(_ chosen: [NodeMetric]) -> [SnapshotNodeMetrics] {
        if Set(chosen) == Set(NodeMetric.allCases) { return metrics }
        return perPeriod("centrality") { nodeMetrics(for: $0, metrics: Set(chosen), options: settings.centrality) }
    }

    /// The signed balance of every period (``StudySettings/balance``).
    /// - Complexity: dominated by the frustration search and the dense spectra per component.
    public var balances: [SnapshotBalance] {
        cached(\.cachedBalances) { perPeriod("balance") { balance(of: $0, options: settings.balance) } }
    }

    /// The coalitions of every period, tracked, with the events between periods.
    /// - Complexity: the detection method's per period, plus the tracking (see ``CoalitionTracker``).
    public var history: CoalitionHistory {
        cached(\.cachedHistory) {
            let s = snapshots
            progress.stage("coalitions (\(settings.method)) and changes")
            return analyzeCoalitions(s, network: network, settings: settings.coalitions, tracking: settings.tracking)
        }
    }

    /// The changes the dataset records (merges, splits, dissolutions) against those found.
    public var lineage: LineageComparison {
        cached(\.cachedLineage) { compareLineage(history, network: network, scenario: options.scenario) }
    }

    /// The periods with no actor at the study's level, when they are more than half of them (else `nil`): an analysis
    /// that would be silently empty, with the level to try instead.
    /// - Complexity: builds the snapshots (kept), then O(P).
    public var emptyPeriods: EmptyPeriods? {
        let s = snapshots
        let empty = s.filter { $0.actors.isEmpty }.count
        guard !s.isEmpty, empty * 2 > s.count else { return nil }
        let kinds = Set(network.actors.map(\.kind))
        let alternative: Level?
        switch options.level {
        case .persons: alternative = kinds.contains(where: \.isCollective) ? .factions : nil
        case .factions: alternative = kinds.contains(.person) ? .persons : nil
        case .all: alternative = nil
        }
        return EmptyPeriods(empty: empty, periods: s.count, level: options.level, alternative: alternative)
    }

    /// Every stage, as `blocs analyze` writes it: centrality and balance computed together period by period.
    /// - Complexity: the sum of the stages'.
    public func result() -> AnalysisResult {
        if cachedMetrics == nil || cachedBalances == nil {
            let s = snapshots
            progress.stage("centrality and balance, \(s.count) periods")
            var metrics: [SnapshotNodeMetrics] = []
            var balances: [SnapshotBalance] = []
            // Periods are independent: a few at a time side by side, so that both cores stay busy on many small
            // snapshots (their own parallel parts nest inside); results in period order, progress after each group.
            let centrality = settings.centrality, balanceOptions = settings.balance
            for group in stride(from: 0, to: s.count, by: 4) {
                let range = group..<min(s.count, group + 4)
                let parts = parallelMap(range.count) { k in
                    let snapshot = s[range.lowerBound + k]
                    return (nodeMetrics(for: snapshot, options: centrality), balance(of: snapshot, options: balanceOptions))
                }
                for (m, b) in parts {
                    metrics.append(m)
                    balances.append(b)
                }
                progress.step(range.upperBound, of: s.count, s[range.upperBound - 1].period.label)
            }
            cachedMetrics = metrics
            cachedBalances = balances
        }
        return AnalysisResult(network: network, settings: settings, options: options, snapshots: snapshots, metrics: metrics,
                              balances: balances, history: history, lineage: lineage)
    }

    /// The one caching mechanism of every stage: the value in `slot`, computed by `compute` on first use.
    private func cached<T>(_ slot: ReferenceWritableKeyPath<Study, T?>, _ compute: () -> T) -> T {
        if let value = self[keyPath: slot] { return value }
        let value = compute()
        self[keyPath: slot] = value
        return value
    }

    /// `body` on every snapshot in period order, reported as stage "`stage`, P periods" with a step per period.
    private func perPeriod<T>(_ stage: String, _ body: (Snapshot) -> T) -> [T] {
        let s = snapshots
        progress.stage("\(stage), \(s.count) periods")
        return s.enumerated().map { i, snapshot in
            progress.step(i + 1, of: s.count, snapshot.period.label)
            return body(snapshot)
        }
    }

    /// The settings as the head of every output states them: the snapshot settings, then `parameters`.
    public func described(_ parameters: [StudySettings.Parameter]) -> [(String, String)] {
        settings.described(parameters, options: options)
    }

    /// The diagram data of every period, with the clusters, sizes and co-membership drawing of
    /// ``StudySettings/drawing``; `sizeFailures` names the periods where the size metric failed (equal sizes there).
    ///
    /// - Throws: ``StudyError/factionClustersAtFactionsLevel`` for faction clusters at the factions level.
    public func diagramSeries() throws(StudyError) -> (series: DiagramSeries, sizeFailures: [MetricWarning]) {
        let drawing = settings.drawing
        let s = snapshots
        let clusters: [PeriodClusters]
        let legend: String
        var events: [Int: [Story.Event]] = [:]
        switch drawing.clusters {
        case .factions:
            guard options.level != .factions else { throw .factionClustersAtFactionsLevel }
            clusters = s.map { PeriodClusters.factions($0, network: network) }
            legend = "factions"
        case .components:
            clusters = s.map { PeriodClusters.positiveComponents($0) }
            legend = "alliance components"
        case .coalitions:
            clusters = history.periods.map(PeriodClusters.init(coalitions:))
            events = history.storyEvents(network: network)
            legend = "coalitions (\(settings.method))"
        }
        return DiagramInputs.series(snapshots: s, options: options, network: network, clusters: clusters, clusterLegend: legend,
                                    sizeBy: drawing.sizeBy, centrality: settings.centrality,
                                    drawComembership: drawing.drawComembership, storyEvents: events)
    }
}

/// Most periods of a study without any actor at its level (``Study/emptyPeriods``).
public struct EmptyPeriods: Hashable, Sendable, CustomStringConvertible {
    /// Periods with no actor, of ``periods``.
    public var empty: Int
    public var periods: Int
    public var level: Level
    /// A level the dataset has actors for; `nil` when only the span or the dates can explain it.
    public var alternative: Level?

    public init(empty: Int, periods: Int, level: Level, alternative: Level?) {
        self.empty = empty
        self.periods = periods
        self.level = level
        self.alternative = alternative
    }

    /// One line with the remedy: "24 of 24 periods have no actors at the persons level: try --level factions".
    public var description: String {
        let remedy = alternative.map { "try --level \($0)" } ?? "check the dataset's span and the dates of its actors and ties"
        return "\(empty) of \(periods) periods have no actors at the \(level) level: \(remedy)"
    }
}

/// Why a study cannot give what was asked.
public enum StudyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Faction clusters need persons in the snapshots.
    case factionClustersAtFactionsLevel

    public var description: String {
        switch self {
        case .factionClustersAtFactionsLevel:
            return "faction clusters need the persons or all level (at the factions level, use components or coalitions)"
        }
    }
}
