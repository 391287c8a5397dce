import Analysis
import Coalitions
import Foundation
import GraphCore
import Metrics
import Snapshots
import TemporalModel

/// What one run of the pipeline gives that the Monte Carlo summaries read.
public struct DrawOutcome: Sendable {
    /// Coalitions of every period (tracked ids) and the events between periods.
    public let history: CoalitionHistory
    /// Balance of every period (empty when the pipeline skips balance).
    public let balances: [SnapshotBalance]
    /// The requested centralities of every period (only ``UncertaintyOptions/centrality``).
    public let metrics: [SnapshotNodeMetrics]

    public init(history: CoalitionHistory, balances: [SnapshotBalance], metrics: [SnapshotNodeMetrics]) {
        self.history = history
        self.balances = balances
        self.metrics = metrics
    }
}

/// The pipeline every draw runs: snapshots → centrality, balance, coalitions → tracked changes.
///
/// The same stages and settings as ``Analysis/run(_:settings:progress:)`` (the one function the draws call), with
/// two differences that do not change any value: only the centralities the summaries read are computed, and a
/// period whose snapshot is identical to one already analysed (same nodes, edges and weights, memberships,
/// active-tie count) takes the cached per-period results instead of recomputing them. Every per-period stage is a
/// function of the snapshot, the settings and the (fixed) actor list, so the cache is exact; tracking runs in
/// full on every draw. **Seam**: when the restructure's `Study` façade lands, its per-period stage functions
/// should replace the three calls in ``analysePeriod(_:)``.
public final class DrawPipeline: @unchecked Sendable {
    public let settings: DrawSettings
    public let centrality: Set<NodeMetric>
    /// Whether balance is computed (explain and compare need coalitions only).
    public let computesBalance: Bool
    /// Per period, the analysed snapshots seen so far (at most ``cacheLimit`` each).
    private var cache: [[SnapshotKey: PeriodResult]] = []
    /// Per period: lookups and hits; a period with no hit in its first 16 lookups is not cached any more (its
    /// snapshot differs in nearly every draw, and a cached period of a large network costs megabytes).
    private var lookups: [Int] = [], hits: [Int] = []
    public let cacheLimit: Int
    /// The most snapshot size (actors + edges, summed over the cached entries) the cache holds: on an M network the
    /// first 16 draws used to fill 8 entries of megabytes for each of 50 periods in every worker (hundreds of MB,
    /// never hit, freed only after the 16th lookup). 200,000 holds 8 entries of every Soviet period several times over.
    public let cacheBudget = 200_000
    /// Per period, the size of its cached entries; and their total.
    private var cachedSize: [Int] = []
    private var cachedTotal = 0
    public private(set) var cacheHits = 0
    public private(set) var cacheMisses = 0
    /// Seconds spent in each stage when ``profiling`` (snapshots, key, centrality, balance, coalitions, tracking).
    public private(set) var seconds: [String: Double] = [:]
    public var profiling = false
    /// Whether coalitions are detected in summary form (`detectCoalitions(…, detailed: false)`: no labels,
    /// violations or modularity), for draws whose outcome only the tally reads; off for the reference run and
    /// for explain and compare, which show labels.
    public var summaryCoalitions = false

    struct PeriodResult {
        var metrics: SnapshotNodeMetrics
        var balance: SnapshotBalance?
        var coalitions: PeriodCoalitions
    }

    /// One pipeline per thread: the cache is not shared.
    public init(settings: DrawSettings, centrality: Set<NodeMetric>, balance: Bool = true, cacheLimit: Int = 8) {
        self.settings = settings
        self.centrality = centrality
        self.computesBalance = balance
        self.cacheLimit = cacheLimit
    }

    /// Runs the pipeline on `network` under `scenario`.
    ///
    /// - Throws: ``SnapshotError`` when the period scheme does not fit the dataset.
    /// - Complexity: O(m log P) for the snapshots, plus the stages of each period not in the cache.
    public func run(_ network: TemporalNetwork, scenario: String?) throws(SnapshotError) -> DrawOutcome {
        var options = settings.snapshot
        options.scenario = scenario
        var clock = profiling ? DispatchTime.now().uptimeNanoseconds : 0
        func lap(_ stage: String) {
            guard profiling else { return }
            let now = DispatchTime.now().uptimeNanoseconds
            seconds[stage, default: 0] += Double(now - clock) / 1e9
            clock = now
        }
        let snapshots = try SnapshotBuilder(network: network, options: options).build()
        lap("snapshots")
        if cache.count != snapshots.count {
            cache = Array(repeating: [:], count: snapshots.count)
            lookups = Array(repeating: 0, count: snapshots.count)
            hits = lookups
            cachedSize = lookups
            cachedTotal = 0
        }
        var metrics: [SnapshotNodeMetrics] = [], balances: [SnapshotBalance] = [], periods: [PeriodCoalitions] = []
        metrics.reserveCapacity(snapshots.count)
        for (p, s) in snapshots.enumerated() {
            let caching = hits[p] > 0 || lookups[p] < 16
            let key = caching ? SnapshotKey(s) : nil
            lap("cache lookup")
            let r: PeriodResult
            if let key, let hit = cache[p][key] {
                r = hit
                cacheHits += 1
                hits[p] += 1
            } else {
                r = analysePeriod(s, network: network, lap: lap)
                cacheMisses += 1
                let size = s.actors.count + s.graph.edges.count
                if let key, cache[p].count < cacheLimit, cachedTotal + size <= cacheBudget {
                    cache[p][key] = r
                    cachedSize[p] += size
                    cachedTotal += size
                }
            }
            lookups[p] += 1
            if hits[p] == 0 && lookups[p] >= 16 && !cache[p].isEmpty {
                cache[p] = [:]
                cachedTotal -= cachedSize[p]
                cachedSize[p] = 0
            }
            metrics.append(r.metrics)
            if let b = r.balance { balances.append(b) }
            periods.append(r.coalitions)
        }
        let history = CoalitionTracker(network: network, settings: settings.tracking).track(periods)
        lap("tracking")
        return DrawOutcome(history: history, balances: balances, metrics: metrics)
    }

    func analysePeriod(_ s: Snapshot, network: TemporalNetwork, lap: (String) -> Void) -> PeriodResult {
        let m = nodeMetrics(for: s, metrics: centrality, options: settings.centrality)
        lap("centrality")
        let b = computesBalance ? balance(of: s, options: settings.balance) : nil
        lap("balance")
        let c = detectCoalitions(in: s, network: network, settings: settings.coalitions, detailed: !summaryCoalitions)
        lap("coalitions")
        return PeriodResult(metrics: m, balance: b, coalitions: c)
    }
}

/// A snapshot's content, for the per-period cache: equal keys mean equal snapshots (period aside, which the
/// cache is indexed by).
struct SnapshotKey: Hashable {
    var actors: [Int32]
    var edges: [UInt64]
    var memberships: [UInt64]
    var counts: [Int]

    init(_ s: Snapshot) {
        actors = s.actors
        var e: [UInt64] = []
        e.reserveCapacity(s.graph.edges.count * 2)
        for edge in s.graph.edges {
            e.append(UInt64(UInt32(bitPattern: edge.u)) << 32 | UInt64(UInt32(bitPattern: edge.v)))
            e.append(edge.signedWeight.bitPattern)
        }
        edges = e
        var m: [UInt64] = []
        m.reserveCapacity(s.memberships.count * 2)
        for x in s.memberships {
            m.append(UInt64(UInt32(bitPattern: x.person)) << 32 | UInt64(UInt32(bitPattern: x.faction)))
            m.append(x.share.bitPattern)
        }
        memberships = m
        counts = [s.ambivalentPairs, s.activeTies]
    }
}
