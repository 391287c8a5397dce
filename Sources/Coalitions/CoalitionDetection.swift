import GraphCore
import Metrics
import Snapshots
import TemporalModel

/// How coalitions are found in one snapshot.
public enum CoalitionMethod: Hashable, Sendable, CustomStringConvertible {
    /// Connected components of the alliance graph (``positiveComponents(of:)``).
    case components
    /// Correlation clustering, k free (``correlationClustering(_:options:)``): the default.
    case correlation
    /// The Doreian–Mrvar blockmodel with `k` blocks and weight α (``signedBlockmodel(_:k:alpha:options:)``).
    case blockmodel(k: Int, alpha: Double)
    /// Louvain on signed modularity (``louvainSignedModularity(_:seed:starts:)``).
    case louvain

    /// The method used when none is asked for; see `Sources/Coalitions/README.md` for why.
    public static let `default` = CoalitionMethod.correlation

    /// Parses `components`, `correlation`, `blockmodel:K`, `blockmodel:K:ALPHA` or `louvain`.
    public init(parsing spec: String) throws(CoalitionError) {
        let lower = spec.lowercased()
        switch lower {
        case "components", "positive-components": self = .components
        case "correlation", "cc": self = .correlation
        case "louvain", "modularity": self = .louvain
        default:
            guard lower.hasPrefix("blockmodel") else { throw .unknownMethod(spec) }
            let parts = lower.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 || parts.count == 3, parts[0] == "blockmodel" else { throw .badBlockmodel(spec) }
            guard let k = Int(parts[1]), k >= 1 else { throw .badBlockmodel(spec) }
            var alpha = 0.5
            if parts.count == 3 {
                guard let a = Double(parts[2]), a >= 0, a <= 1 else { throw .badBlockmodel(spec) }
                alpha = a
            }
            self = .blockmodel(k: k, alpha: alpha)
        }
    }

    public var description: String {
        switch self {
        case .components: return "components"
        case .correlation: return "correlation"
        case .louvain: return "louvain"
        case .blockmodel(let k, let alpha): return alpha == 0.5 ? "blockmodel:\(k)" : "blockmodel:\(k):\(alpha)"
        }
    }

    /// What the per-period objective measures, for output headers.
    public var objectiveName: String {
        switch self {
        case .components: return "negative weight inside positive components (0 iff clusterable)"
        case .correlation: return "weight of violating ties (negative inside + positive across), minimised"
        case .blockmodel(_, let alpha): return "P = \(alpha)·N_inside + \(1 - alpha)·P_across, minimised"
        case .louvain: return "signed modularity Q, maximised"
        }
    }
}

/// Why coalition settings could not be used.
public enum CoalitionError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownMethod(String)
    case badBlockmodel(String)
    case badThreshold(Double)
    case badGrace(Int)
    case badMinimumSize(Int)

    public var description: String {
        switch self {
        case .unknownMethod(let s): return "unknown method '\(s)' (use components, correlation, blockmodel:K or louvain)"
        case .badBlockmodel(let s): return "bad blockmodel '\(s)': use blockmodel:K with a whole number K ≥ 1, optionally blockmodel:K:ALPHA with ALPHA in [0, 1]"
        case .badThreshold(let t): return "bad Jaccard threshold \(t): it must lie in (0, 1]"
        case .badGrace(let d): return "bad grace \(d): a coalition dies after d ≥ 1 unseen periods"
        case .badMinimumSize(let s): return "bad minimum coalition size \(s): it must be ≥ 1"
        }
    }
}

/// Options that decide how one snapshot's coalitions are found.
public struct CoalitionOptions: Hashable, Sendable {
    public var method: CoalitionMethod
    public var seed: UInt64
    /// Blocks smaller than this are not coalitions: their actors are reported as unaligned (default 2: an actor
    /// alone is not a coalition).
    public var minimumSize: Int
    public var search: PartitionSearchOptions

    public init(method: CoalitionMethod = .default, seed: UInt64 = 1, minimumSize: Int = 2,
                search: PartitionSearchOptions = PartitionSearchOptions()) {
        precondition(minimumSize >= 1)
        self.method = method
        self.seed = seed
        self.minimumSize = minimumSize
        var search = search
        search.seed = seed
        self.search = search
    }
}

/// One coalition of one period.
public struct Coalition: Hashable, Sendable {
    /// The stable identity across periods (`C1`, `C2`, …), set by ``CoalitionTracker``; `#k` before tracking.
    public var id: String
    /// The faction most of its members belong to when that is a clear majority, else "A–B bloc" after its two
    /// most central members (the rule: ``CoalitionLabels``).
    public var label: String
    /// Network indices of the members, increasing (so by actor id).
    public var members: [Int32]
    /// The member with the largest positive strength (ties: degree, then actor id).
    public var central: Int32
    /// The faction behind the label, if any.
    public var faction: Int32?
    /// Ties (edges of the snapshot) of each sign inside the coalition and from it to the rest.
    public var positiveInside: Int
    public var negativeInside: Int
    public var positiveAcross: Int
    public var negativeAcross: Int

    public var size: Int { members.count }
    /// Edges inside over pairs, s(s−1)/2 (either sign); 0 for a single actor.
    public var density: Double {
        size < 2 ? 0 : Double(positiveInside + negativeInside) / (Double(size) * Double(size - 1) / 2)
    }
}

/// A tie that contradicts the partition: an alliance across coalitions or a rivalry inside one.
public struct ViolatingTie: Hashable, Sendable {
    /// Network indices, `a < b`.
    public var a: Int32
    public var b: Int32
    public var sign: Sign
    public var weight: Double
}

/// The coalitions of one period and the measures of the partition.
public struct PeriodCoalitions: Sendable {
    public let snapshot: Snapshot
    public let method: CoalitionMethod
    /// Over the snapshot's nodes.
    public let partition: Partition
    /// Largest first (ties: first member's actor id).
    public var coalitions: [Coalition]
    /// Actors in blocks smaller than the minimum size, increasing.
    public let unaligned: [Int32]
    /// Size of the largest coalition over the number of aligned actors (0 with no coalition).
    public let largestShare: Double
    /// 1/Σ sᵢ², sᵢ the coalitions' shares of the aligned actors (Laakso–Taagepera); 0 with no coalition.
    public let effectiveNumber: Double
    /// Signed modularity of the whole partition (``signedModularity(of:in:)``).
    public let signedModularity: Double
    /// The method's objective (see ``CoalitionMethod/objectiveName``).
    public let objective: Double
    /// Whether the objective is proven optimal; `nil` for methods that promise nothing (components, Louvain).
    public let provenOptimal: Bool?
    public let violations: [ViolatingTie]

    public var period: Period { snapshot.period }
}

/// Finds the coalitions of one snapshot.
///
/// `detailed: false` is the summary the Monte Carlo draws use (their tally and coalition tracking read members,
/// sizes, ids and counts only): coalitions get no label (empty) or faction, `central` is their first member,
/// `violations` is empty and `signedModularity` is NaN; everything else is as with `detailed: true`.
///
/// - Complexity: the method's cost (see each method) plus O(n + m + M) for the measures and labels, M the
///   period's memberships.
public func detectCoalitions(in snapshot: Snapshot, network: TemporalNetwork,
                             settings: CoalitionOptions = CoalitionOptions(), detailed: Bool = true) -> PeriodCoalitions {
    let graph = snapshot.graph
    let partition: Partition
    let objective: Double
    var proven: Bool?
    switch settings.method {
    case .components:
        partition = positiveComponents(of: graph)
        objective = imbalance(of: partition, in: graph)
    case .correlation:
        let s = correlationClustering(graph, options: settings.search)
        partition = s.partition; objective = s.objective; proven = s.provenOptimal
    case .blockmodel(let k, let alpha):
        let s = signedBlockmodel(graph, k: k, alpha: alpha, options: settings.search)
        partition = s.partition; objective = s.objective; proven = s.provenOptimal
    case .louvain:
        partition = louvainSignedModularity(graph, seed: settings.seed)
        objective = signedModularity(of: partition, in: graph)
    }
    return summarize(partition, of: snapshot, network: network, method: settings.method, objective: objective,
                     provenOptimal: proven, minimumSize: settings.minimumSize, detailed: detailed)
}

/// The measures, labels and violations of a given partition of a snapshot (`detailed: false`: without labels,
/// factions, central actors, violations and signed modularity, as ``detectCoalitions(in:network:settings:detailed:)``
/// says).
/// - Complexity: O(n + m + M).
public func summarize(_ partition: Partition, of snapshot: Snapshot, network: TemporalNetwork, method: CoalitionMethod,
                      objective: Double, provenOptimal: Bool?, minimumSize: Int = 2, detailed: Bool = true) -> PeriodCoalitions {
    let graph = snapshot.graph
    let n = graph.nodeCount
    precondition(partition.labels.count == n)
    // The nodes of block b are byBlock[first[b]..<first[b + 1]], increasing (a counting sort: a sparse snapshot
    // has thousands of single-actor blocks, and an array each cost more than the rest of the summary).
    let blockCount = partition.count
    var first = [Int](repeating: 0, count: blockCount + 1)
    for v in 0..<n { first[partition.labels[v] + 1] += 1 }
    for b in 0..<blockCount { first[b + 1] += first[b] }
    var byBlock = [Int](repeating: 0, count: n)
    var fill = first
    for v in 0..<n {
        let b = partition.labels[v]
        byBlock[fill[b]] = v
        fill[b] += 1
    }
    var pIn = [Int](repeating: 0, count: blockCount), nIn = pIn, pOut = pIn, nOut = pIn
    var violations: [ViolatingTie] = []
    for e in graph.edges {
        let bu = partition.labels[Int(e.u)], bv = partition.labels[Int(e.v)]
        if bu == bv {
            if e.sign == .positive { pIn[bu] += 1 } else { nIn[bu] += 1 }
        } else {
            if e.sign == .positive { pOut[bu] += 1; pOut[bv] += 1 } else { nOut[bu] += 1; nOut[bv] += 1 }
        }
        if detailed && (bu == bv) == (e.sign == .negative) {
            violations.append(ViolatingTie(a: snapshot.actors[Int(e.u)], b: snapshot.actors[Int(e.v)], sign: e.sign, weight: e.weight))
        }
    }
    let posStrength = detailed ? strength(graph.layer(.positive)) : []
    var coalitions: [Coalition] = []
    var unaligned: [Int32] = []
    for b in 0..<blockCount {
        let nodes = byBlock[first[b]..<first[b + 1]]
        guard nodes.count >= minimumSize else {
            for v in nodes { unaligned.append(snapshot.actors[v]) }
            continue
        }
        guard detailed else {
            let members = nodes.map { snapshot.actors[$0] }
            coalitions.append(Coalition(
                id: "#\(b)", label: "", members: members, central: members[0], faction: nil,
                positiveInside: pIn[b], negativeInside: nIn[b], positiveAcross: pOut[b], negativeAcross: nOut[b]))
            continue
        }
        let byCentrality = nodes.sorted { (-posStrength[$0], -graph.degree(of: $0), $0) < (-posStrength[$1], -graph.degree(of: $1), $1) }
        let centralActor = snapshot.actors[byCentrality[0]]
        // The naming rule lives in CoalitionLabels.swift.
        let (label, faction) = CoalitionLabels.label(members: Array(nodes), byCentrality: byCentrality, snapshot: snapshot, network: network)
        coalitions.append(Coalition(
            id: "#\(b)", label: label,
            members: nodes.map { snapshot.actors[$0] }, central: centralActor, faction: faction,
            positiveInside: pIn[b], negativeInside: nIn[b], positiveAcross: pOut[b], negativeAcross: nOut[b]))
    }
    coalitions.sort { ($0.size, -$0.members[0]) > ($1.size, -$1.members[0]) }
    var seen: [String: Int] = [:]
    if detailed { for c in coalitions { seen[c.label, default: 0] += 1 } }
    for i in coalitions.indices where seen[coalitions[i].label, default: 0] > 1 && coalitions[i].faction != nil {
        coalitions[i].label += " (\(network.actors[Int(coalitions[i].central)].name))"
    }
    let aligned = coalitions.reduce(0) { $0 + $1.size }
    let shares = coalitions.map { Double($0.size) / Double(max(aligned, 1)) }
    return PeriodCoalitions(
        snapshot: snapshot, method: method, partition: partition, coalitions: coalitions, unaligned: unaligned.sorted(),
        largestShare: shares.max() ?? 0,
        effectiveNumber: shares.isEmpty ? 0 : 1 / shares.reduce(0) { $0 + $1 * $1 },
        signedModularity: detailed ? signedModularity(of: partition, in: graph) : .nan, objective: objective,
        provenOptimal: provenOptimal,
        violations: violations)
}

/// The former spelling of ``summarize(_:of:network:method:objective:provenOptimal:minimumSize:)``.
@available(*, deprecated, renamed: "summarize(_:of:network:method:objective:provenOptimal:minimumSize:)")
public func summarise(_ partition: Partition, of snapshot: Snapshot, network: TemporalNetwork, method: CoalitionMethod,
                      objective: Double, provenOptimal: Bool?, minimumSize: Int = 2) -> PeriodCoalitions {
    summarize(partition, of: snapshot, network: network, method: method, objective: objective, provenOptimal: provenOptimal,
              minimumSize: minimumSize)
}

/// The former name of ``CoalitionOptions``.
@available(*, deprecated, renamed: "CoalitionOptions")
public typealias CoalitionSettings = CoalitionOptions
