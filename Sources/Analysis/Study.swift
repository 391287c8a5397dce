import Coalitions
import Diagrams
import Foundation
import GraphCore
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
        cached(\.cachedMetrics) { perPeriod("centrality") { nodeMetrics(for: $0, options: self.settings.centrality) } }
    }

    /// Some centralities of every period (not kept; ``metrics`` when all are asked for).
    public func metrics(_ chosen: [NodeMetric]) -> [SnapshotNodeMetrics] {
        if Set(chosen) == Set(NodeMetric.allCases) { return metrics }
        let wanted = Set(chosen)
        return perPeriod("centrality") { nodeMetrics(for: $0, metrics: wanted, options: self.settings.centrality) }
    }

    /// The signed balance of every period (``StudySettings/balance``).
    /// - Complexity: dominated by the frustration search and the dense spectra per component.
    public var balances: [SnapshotBalance] {
        cached(\.cachedBalances) { perPeriod("balance") { balance(of: $0, options: self.settings.balance) } }
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

    /// Every stage, as `blocs analyze` writes it: centrality, balance and coalitions computed together.
    ///
    /// The periods are independent: each period's centrality and balance, and its coalitions, are tasks of one
    /// pool that keeps every core busy until the last (coalitions first, then centrality and balance, each largest
    /// snapshot first, no barrier between periods); the results are kept in period order, so they do not depend on
    /// which thread computed what. The changes are tracked as soon as the last period's coalitions are known, and
    /// `historyReady` (called once, on any thread) gets them then, while the centrality and balance of the other
    /// periods may still be computed: `blocs analyze` starts the report's explanations there.
    /// - Complexity: the sum of the stages'.
    public func result(historyReady: (@Sendable (CoalitionHistory) -> Void)? = nil) -> AnalysisResult {
        let s = snapshots
        let needsMetrics = cachedMetrics == nil || cachedBalances == nil
        let needsHistory = cachedHistory == nil
        if needsMetrics { progress.stage("centrality and balance, \(s.count) periods") }
        if needsHistory { progress.stage("coalitions (\(settings.method)) and changes") }
        if needsMetrics || needsHistory {
            let pool = PeriodPool(snapshots: s, network: network, settings: settings, metrics: needsMetrics, coalitions: needsHistory,
                                  progress: progress, historyReady: historyReady)
            pool.run()
            if needsMetrics {
                cachedMetrics = pool.metrics
                cachedBalances = pool.balances
            }
            if needsHistory { cachedHistory = pool.history }
        } else if let historyReady, let h = cachedHistory {
            historyReady(h)
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

    /// `body` on every snapshot, the results in period order, reported as stage "`stage`, P periods" with a step per
    /// period done.
    ///
    /// The periods run side by side, one per core, largest snapshot first (nodes + edges), each taking the next as it
    /// finishes: a period's own parallel parts (the path centralities' source chunks, the balance's two halves) nest
    /// inside, and its serial parts (PageRank, the eigenvector iteration, degree) no longer leave the other core idle.
    /// Each period's value depends on its snapshot only, so the results do not depend on which thread computed what.
    private func perPeriod<T>(_ stage: String, _ body: @escaping (Snapshot) -> T) -> [T] {
        let s = snapshots
        progress.stage("\(stage), \(s.count) periods")
        let order = s.indices.sorted { a, b in
            let x = s[a].actors.count + s[a].graph.edges.count, y = s[b].actors.count + s[b].graph.edges.count
            return x != y ? x > y : a < b
        }
        let progress = progress
        return parallelMap(inOrder: order, { p in body(s[p]) },
                           finished: { p, done in progress.step(done, of: s.count, s[p].period.label) })
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

/// The per-period tasks of ``Study/result(historyReady:)``: a period's centrality and balance, a period's coalitions.
///
/// Workers (one per core) take the next task from one list until it is empty: coalitions first (the tracking and
/// what waits for it start sooner), each kind largest snapshot first (nodes + edges, so the last tasks are the
/// small ones and no core waits long at the end). Each task writes only its own slot. Whoever finishes the last
/// coalition task tracks the changes.
private final class PeriodPool: @unchecked Sendable {
    let snapshots: [Snapshot]
    let network: TemporalNetwork
    let settings: StudySettings
    let progress: ProgressReporter
    let historyReady: (@Sendable (CoalitionHistory) -> Void)?
    /// Task k < P: period k's centrality and balance; k ≥ P: period k − P's coalitions. In the order taken.
    private let order: [Int]
    private let lock = NSLock()
    private var next = 0
    private var coalitionsLeft: Int
    private var periodsLeft: [Int]
    private var periodsDone = 0
    private var metricSlots: [(SnapshotNodeMetrics, SnapshotBalance)?]
    private var coalitionSlots: [PeriodCoalitions?]
    private(set) var history: CoalitionHistory?

    init(snapshots: [Snapshot], network: TemporalNetwork, settings: StudySettings, metrics: Bool, coalitions: Bool,
         progress: ProgressReporter, historyReady: (@Sendable (CoalitionHistory) -> Void)?) {
        self.snapshots = snapshots
        self.network = network
        self.settings = settings
        self.progress = progress
        self.historyReady = historyReady
        let p = snapshots.count
        let bySize = snapshots.indices.sorted { a, b in
            let x = snapshots[a].actors.count + snapshots[a].graph.edges.count, y = snapshots[b].actors.count + snapshots[b].graph.edges.count
            return x != y ? x > y : a < b
        }
        order = (coalitions ? bySize.map { $0 + p } : []) + (metrics ? bySize : [])
        coalitionsLeft = coalitions ? p : 0
        periodsLeft = Array(repeating: (metrics ? 1 : 0) + (coalitions ? 1 : 0), count: p)
        metricSlots = Array(repeating: nil, count: metrics ? p : 0)
        coalitionSlots = Array(repeating: nil, count: coalitions ? p : 0)
    }

    var metrics: [SnapshotNodeMetrics] { metricSlots.map { $0!.0 } }
    var balances: [SnapshotBalance] { metricSlots.map { $0!.1 } }

    func run() {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, order.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = take() { perform(k) }
        }
    }

    private func take() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < order.count else { return nil }
        next += 1
        return order[next - 1]
    }

    private func perform(_ k: Int) {
        let p = snapshots.count
        if k < p {
            let s = snapshots[k]
            let value = (nodeMetrics(for: s, options: settings.centrality), balance(of: s, options: settings.balance))
            lock.lock()
            metricSlots[k] = value
            lock.unlock()
            finished(k)
        } else {
            let value = detectCoalitions(in: snapshots[k - p], network: network, settings: settings.coalitions)
            lock.lock()
            coalitionSlots[k - p] = value
            coalitionsLeft -= 1
            let last = coalitionsLeft == 0
            lock.unlock()
            if last {
                let tracked = CoalitionTracker(network: network, settings: settings.tracking).track(coalitionSlots.map { $0! })
                lock.lock()
                history = tracked
                lock.unlock()
                historyReady?(tracked)
            }
            finished(k - p)
        }
    }

    /// Progress: a step when both of a period's tasks are done.
    private func finished(_ period: Int) {
        lock.lock()
        periodsLeft[period] -= 1
        let done = periodsLeft[period] == 0
        if done { periodsDone += 1 }
        let count = periodsDone
        lock.unlock()
        if done { progress.step(count, of: snapshots.count, snapshots[period].period.label) }
    }
}
