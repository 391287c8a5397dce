import GraphCore
import Snapshots

/// A per-node metric of a snapshot, named as in output columns.
public enum NodeMetric: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    case degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank, katz
    case positiveDegree = "pos_degree"
    case negativeDegree = "neg_degree"
    case pn

    public var description: String { rawValue }

    /// Whether the metric runs on the alliance (positive) layer; the signed ones use the whole snapshot.
    public var usesPositiveLayer: Bool {
        switch self {
        case .positiveDegree, .negativeDegree, .pn: return false
        default: return true
        }
    }
}

/// The variants and parameters of the centralities (NetworkX's defaults unless changed).
public struct CentralityOptions: Sendable, Hashable {
    /// Betweenness, closeness and harmonic over weighted paths (weights as lengths) instead of hops.
    public var weightedPaths = false
    /// Betweenness normalised by (n−1)(n−2) (NetworkX's default) or the raw unordered-pair sum (igraph's).
    public var normalizedBetweenness = true
    /// Sampled betweenness from this many pivots per snapshot (Brandes & Pich 2007, scaled as NetworkX 3.6 does
    /// with `k=`), or `nil` for exact betweenness. Snapshots with at most this many nodes get the exact value.
    /// Closeness and harmonic centrality stay exact.
    public var betweennessPivots: Int?
    /// Seed of the pivot draw (``betweennessPivots(nodeCount:count:seed:)``), the same for every snapshot.
    public var pivotSeed: UInt64 = 0
    /// Closeness with the Wasserman–Faust correction (NetworkX's default; igraph's equals `false`).
    public var wfImproved = true
    /// PageRank damping α.
    public var pagerankAlpha = 0.85
    /// PageRank with weights (NetworkX's default `weight="weight"`).
    public var pagerankWeighted = true
    /// Katz attenuation α and constant β.
    public var katzAlpha = 0.1
    public var katzBeta = 1.0

    public init() {}
}

/// Per-node metrics of one snapshot. Node `i` is actor `actors[i]` (network index), as in ``Snapshot/actors``.
public struct SnapshotNodeMetrics: Sendable {
    public let period: Period
    public let actors: [Int32]
    /// Values per node for each computed metric; a metric that failed is absent and named in ``errors``.
    public var values: [NodeMetric: [Double]]
    /// Metrics of this snapshot that have no value, and why.
    public var errors: [MetricError]

    /// The value of `metric` for node `node`, or `nil` when the metric was not computed or failed.
    public func value(_ metric: NodeMetric, node: Int) -> Double? { values[metric]?[node] }
}

/// Computes the requested per-node metrics of a snapshot.
///
/// Degree, strength, betweenness, closeness, harmonic, eigenvector, PageRank and Katz run on the alliance
/// (positive) layer of the snapshot, as NetworkX would on `G_pos`; `pos_degree`, `neg_degree` and PN-centrality
/// read the whole signed graph. Betweenness, closeness and harmonic share one search per source; betweenness
/// is sampled when ``CentralityOptions/betweennessPivots`` is set. Failures
/// (non-convergence, Katz α too large, singular PN system) are collected in ``SnapshotNodeMetrics/errors``.
///
/// - Complexity: dominated by the path centralities, O(n·m⁺) (O(n·m⁺ log n) weighted), on all cores.
public func nodeMetrics(for snapshot: Snapshot, metrics: Set<NodeMetric> = Set(NodeMetric.allCases),
                        options: CentralityOptions = CentralityOptions()) -> SnapshotNodeMetrics {
    let graph = snapshot.graph
    let alliance = graph.layer(.positive)
    var values: [NodeMetric: [Double]] = [:]
    var errors: [MetricError] = []
    let n = graph.nodeCount
    if metrics.contains(.degree) { values[.degree] = degreeCentrality(alliance) }
    if metrics.contains(.strength) { values[.strength] = strength(alliance) }
    let wantB = metrics.contains(.betweenness)
    let wantC = metrics.contains(.closeness) || metrics.contains(.harmonic)
    if wantB || wantC {
        let pivots = options.betweennessPivots.map { betweennessPivots(nodeCount: n, count: $0, seed: options.pivotSeed) }
        let paths = pathCentralities(alliance, weighted: options.weightedPaths, normalized: options.normalizedBetweenness,
                                     wfImproved: options.wfImproved, betweenness: wantB, closeness: wantC,
                                     harmonic: metrics.contains(.harmonic), pivots: pivots)
        if wantB { values[.betweenness] = paths.betweenness }
        if metrics.contains(.closeness) { values[.closeness] = paths.closeness }
        if metrics.contains(.harmonic) { values[.harmonic] = paths.harmonic }
    }
    if metrics.contains(.eigenvector) && n > 0 {
        do { values[.eigenvector] = try eigenvectorCentrality(alliance) } catch { errors.append(error) }
    }
    if metrics.contains(.pagerank) {
        do { values[.pagerank] = try pageRank(alliance, alpha: options.pagerankAlpha, weighted: options.pagerankWeighted) } catch { errors.append(error) }
    }
    if metrics.contains(.katz) {
        do { values[.katz] = try katzCentrality(alliance, alpha: options.katzAlpha, beta: options.katzBeta) } catch { errors.append(error) }
    }
    if metrics.contains(.positiveDegree) || metrics.contains(.negativeDegree) {
        let d = signedDegrees(graph)
        if metrics.contains(.positiveDegree) { values[.positiveDegree] = d.positive.map(Double.init) }
        if metrics.contains(.negativeDegree) { values[.negativeDegree] = d.negative.map(Double.init) }
    }
    if metrics.contains(.pn) {
        do { values[.pn] = try pnCentrality(graph) } catch { errors.append(error) }
    }
    return SnapshotNodeMetrics(period: snapshot.period, actors: snapshot.actors, values: values, errors: errors)
}

/// Settings of the balance measures.
public struct BalanceOptions: Sendable, Hashable {
    /// Frustration index search settings.
    public var frustration = FrustrationOptions()
    /// Largest component for the exact dense eigenvalue computations (walk balance, algebraic conflict); larger
    /// components are estimated by Lanczos methods, with ``SnapshotBalance/walkBalanceError`` and
    /// ``SnapshotBalance/algebraicConflictError`` stating the bound.
    public var denseLimit = defaultDenseLimit
    /// Use weights in the walk balance and the signed Laplacian (default: signs only, like the other measures).
    public var weighted = false
    /// Probe vectors of the walk balance's stochastic estimate on components above ``denseLimit`` (the error bound
    /// grows as 1/√probes). Monte Carlo draws on large networks take fewer (`blocs draws --draw-balance`).
    public var walkProbes = defaultWalkBalanceProbes

    public init() {}
}

/// The balance of one snapshot's signed graph.
public struct SnapshotBalance: Sendable {
    public let period: Period
    public var actors: Int
    public var positiveEdges: Int
    public var negativeEdges: Int
    public var triangles: TriangleCensus
    /// `nil` without triangles.
    public var balanceRatio: Double? { triangles.balanceRatio }
    /// `nil` for the empty graph or when it failed (see ``errors``).
    public var walkBalance: Double?
    /// Bound on the error of ``walkBalance``: 0 when exact (every component at most
    /// ``BalanceOptions/denseLimit`` nodes), else three standard errors of the stochastic Lanczos estimate.
    public var walkBalanceError: Double?
    public var frustration: Frustration
    /// `nil` for the empty graph or when it failed (see ``errors``).
    public var algebraicConflict: Double?
    /// Bound on the error of ``algebraicConflict``: 0 when exact, else the Lanczos residual bound.
    public var algebraicConflictError: Double?
    public var balanced: Bool
    public var clusterable: Bool
    public var errors: [MetricError]
}

/// Computes every balance measure of a snapshot: triangle census and ratio, walk balance, frustration index
/// (with its lower bound and whether it is proven), normalised frustration, algebraic conflict, and the
/// balanced and clusterable tests.
///
/// - Complexity: triangle census O(m·d_max); frustration see ``frustrationIndex(_:options:)``; the spectral
///   measures O(k³) per component of k ≤ ``BalanceOptions/denseLimit`` nodes, Lanczos (O(steps·(k + m)) per
///   probe) above.
public func balance(of snapshot: Snapshot, options: BalanceOptions = BalanceOptions()) -> SnapshotBalance {
    let graph = snapshot.graph
    var errors: [MetricError] = []
    // The walk balance (spectral) and the frustration search are independent: one core each.
    let parts = parallelMap(2) { part -> BalanceParts in
        var out = BalanceParts()
        if part == 0 {
            do throws(MetricError) { out.walk = try walkBalanceEstimate(graph, weighted: options.weighted, denseLimit: options.denseLimit, probes: options.walkProbes) } catch { out.errors.append(error) }
        } else {
            do throws(MetricError) { out.conflict = try algebraicConflictEstimate(graph, weighted: options.weighted, denseLimit: options.denseLimit) } catch { out.errors.append(error) }
            out.frustration = frustrationIndex(graph, options: options.frustration)
        }
        return out
    }
    errors = parts[0].errors + parts[1].errors
    let walk = parts[0].walk, conflict = parts[1].conflict
    let frustration = parts[1].frustration!
    return SnapshotBalance(
        period: snapshot.period, actors: graph.nodeCount, positiveEdges: graph.positiveEdgeCount,
        negativeEdges: graph.negativeEdgeCount, triangles: triangleCensus(graph), walkBalance: walk?.value,
        walkBalanceError: walk?.errorBound, frustration: frustration, algebraicConflict: conflict?.value,
        algebraicConflictError: conflict?.errorBound, balanced: frustration.value == 0,
        clusterable: isClusterable(graph), errors: errors)
}

/// The pieces of ``balance(of:options:)`` computed side by side.
private struct BalanceParts: Sendable {
    var walk: SpectralEstimate?
    var conflict: SpectralEstimate?
    var frustration: Frustration?
    var errors: [MetricError] = []
}
