import Foundation
import GraphCore
import TemporalModel

/// The random numbers of one Monte Carlo draw: a counter-based stream, so draw `k` under seed `S` is the same
/// whatever other draws run, in which order, on how many cores or in which process.
///
/// The draw's key is `SplitMix64(SplitMix64(S).next() ^ k·φ₂).next()` (φ₂ = 0xD1B54A32D192ED03, an odd
/// constant of the R2 sequence); every decision then takes its own uniform from the key, the purpose and an index
/// (a tie, a citation group), through one more SplitMix64 step. Adding a kind of decision therefore never shifts
/// the numbers of another (the keep-draw of tie 12 does not depend on whether dates are drawn).
public struct DrawStream: Sendable, Hashable {
    /// The draw's key, a function of (seed, draw) only.
    public let key: UInt64

    /// What a uniform is for; part of its hash.
    public enum Purpose: UInt64, Sendable {
        case keepTie = 1, keepGroup = 2, scenario = 3, startDate = 4, endDate = 5
    }

    public init(seed: UInt64, draw: Int) {
        var base = SplitMix64(seed: seed)
        var keyed = SplitMix64(seed: base.next() ^ (UInt64(truncatingIfNeeded: draw) &* 0xD1B5_4A32_D192_ED03))
        key = keyed.next()
    }

    /// A uniform in [0, 1) for `purpose` and `index`, with 53 random bits.
    /// - Complexity: O(1).
    public func uniform(_ purpose: Purpose, _ index: Int) -> Double {
        var g = SplitMix64(seed: key ^ (purpose.rawValue &* 0x9E37_79B9_7F4A_7C15) ^ (UInt64(truncatingIfNeeded: index) &* 0xBF58_476D_1CE4_E5B9))
        return Double(g.next() >> 11) * 0x1.0p-53
    }
}

/// How the reading of the sources is chosen in each draw.
public enum ScenarioChoice: Sendable, Hashable {
    /// The same reading in every draw (`nil`: untagged ties only).
    case fixed(String?)
    /// Reading `s` with probability weight(s) / Σ weight; the list's order is the order of the cumulative sum.
    case weighted([ScenarioWeight])
}

/// A reading and the historian's belief in it (> 0).
public struct ScenarioWeight: Sendable, Hashable, Codable {
    public var scenario: String
    public var weight: Double
    public init(_ scenario: String, _ weight: Double) {
        self.scenario = scenario
        self.weight = weight
    }
}

/// Which ties are kept or dropped together.
public enum TieCoupling: String, Sendable, Hashable, Codable, CaseIterable {
    /// Every tie on its own (the default): the sources' confidences are taken as independent.
    case independent
    /// Ties citing exactly the same passages (the same set of `source#locator`) share one uniform u; each is
    /// kept when u < its confidence. A tie of confidence 0.3 and one of 0.8 from the same passage are then kept
    /// together in 30% of draws, the second alone in 50%, neither in 20%: a passage that is misread is misread
    /// for every tie drawn from it. Marginal probabilities are unchanged.
    case sameCitation = "same-citation"
}

/// How uncertain dates are drawn: given tie `index`, the date (a start, or an end when `isEnd`) and a uniform `u`
/// in [0, 1), the drawn date, or `nil` to keep the date as it is.
///
/// ``DrawModel/datesFromDataset`` draws each uncertain date of the dataset (`1926?`, `1926~`, `[1929..1934]`)
/// uniformly among its possible values (`HistoricalDate.drawn(_:)`); tests and studies may pass their own.
public struct DateSampler: Sendable {
    public var sample: @Sendable (_ index: Int, _ date: HistoricalDate, _ isEnd: Bool, _ u: Double) -> HistoricalDate?

    public init(_ sample: @escaping @Sendable (_ index: Int, _ date: HistoricalDate, _ isEnd: Bool, _ u: Double) -> HistoricalDate?) {
        self.sample = sample
    }

    /// Every date certain.
    public static let certain = DateSampler { _, _, _, _ in nil }
}

/// One realisation of the temporal network: the ties kept (dates drawn) and the reading.
public struct Realisation: Sendable {
    public let draw: Int
    public let network: TemporalNetwork
    /// The reading the draw uses (``SnapshotOptions/scenario``).
    public let scenario: String?
    /// For each tie of the drawn network, its index in the original network.
    public let original: [Int32]
}

/// The probability model of a Monte Carlo run: given draw k and seed S, one realisation of the network.
///
/// Assumptions (stated in `Sources/Uncertainty/README.md`): a tie is kept with probability equal to its
/// confidence, independently of every other tie (or, with ``TieCoupling/sameCitation``, together with the ties
/// citing the same passages); one reading is drawn per draw by the scenario weights, or fixed; an uncertain date
/// takes one of its possible values, uniformly and independently of the other dates and of the keep-draws.
/// Actors and events are certain.
public struct DrawModel: Sendable {
    public var seed: UInt64
    public var scenarios: ScenarioChoice
    /// Keep each tie with probability = its confidence (off: every tie kept, only readings and dates drawn).
    public var dropTies: Bool
    public var coupling: TieCoupling
    public var dates: DateSampler

    public init(seed: UInt64, scenarios: ScenarioChoice, dropTies: Bool = true, coupling: TieCoupling = .independent,
                dates: DateSampler = DrawModel.datesFromDataset) {
        self.seed = seed
        self.scenarios = scenarios
        self.dropTies = dropTies
        self.coupling = coupling
        self.dates = dates
    }

    /// Every uncertain date drawn uniformly among its possible values (`HistoricalDate.possibleCount` of them);
    /// certain dates kept.
    public static let datesFromDataset = DateSampler { _, date, _, u in date.isUncertain ? date.drawn(u) : nil }

    /// The scenario weights `dataset.yaml` declares, in declaration order, or `nil` when it declares none (a dataset
    /// gives every scenario a weight or none).
    public static func scenarioWeights(declaredIn info: DatasetInfo) -> [ScenarioWeight]? {
        let w = info.scenarios.compactMap { s in s.weight.map { ScenarioWeight(s.id, $0) } }
        return w.isEmpty ? nil : w
    }

    /// The model of `analyze --draws` and of batch jobs with draws: readings drawn by the weights `dataset.yaml`
    /// declares unless a scenario was given (then, as without declared weights, the analysis's `scenario` is
    /// kept); ties kept with probability equal to their confidence, independently.
    /// - Complexity: O(scenarios).
    public static func analysis(seed: UInt64, network: TemporalNetwork, scenario: String?, scenarioGiven: Bool) -> DrawModel {
        let declared = scenarioGiven ? nil : scenarioWeights(declaredIn: network.info)
        return DrawModel(seed: seed, scenarios: declared.map(ScenarioChoice.weighted) ?? .fixed(scenario))
    }

    /// The reading of draw `k`.
    public func scenario(_ stream: DrawStream) -> String? {
        switch scenarios {
        case .fixed(let s): return s
        case .weighted(let list):
            let total = list.reduce(0) { $0 + $1.weight }
            let target = stream.uniform(.scenario, 0) * total
            var sum = 0.0
            for w in list {
                sum += w.weight
                if target < sum { return w.scenario }
            }
            return list.last?.scenario
        }
    }

    /// Realisation `draw` of `network`.
    ///
    /// Ties that cannot hold in the drawn reading are dropped without a draw (their uniforms are unused, so the
    /// draws of the other ties do not move); confidence 1 keeps a tie in every draw, 0 in none.
    ///
    /// - Complexity: O(n + m) (the network is re-assembled), O(m log m) with ``TieCoupling/sameCitation``.
    public func realise(_ network: TemporalNetwork, draw: Int, groups: CitationGroups? = nil) -> Realisation {
        let stream = DrawStream(seed: seed, draw: draw)
        let reading = scenario(stream)
        var ties: [Tie] = []
        var original: [Int32] = []
        ties.reserveCapacity(network.ties.count)
        let groupOf = coupling == .sameCitation ? (groups ?? CitationGroups(network)).group : nil
        for (i, tie) in network.ties.enumerated() where tie.holds(in: reading) {
            if dropTies && tie.confidence < 1 {
                let u = groupOf.map { stream.uniform(.keepGroup, Int($0[i])) } ?? stream.uniform(.keepTie, i)
                guard u < tie.confidence else { continue }
            }
            var t = tie
            if let s = dates.sample(i, tie.start, false, stream.uniform(.startDate, i)) { t.start = s }
            if let e = tie.end, let s = dates.sample(i, e, true, stream.uniform(.endDate, i)) { t.end = s }
            ties.append(t)
            original.append(Int32(i))
        }
        // Actors are already sorted and every endpoint is in range: the initialiser cannot fail.
        let drawn = try! TemporalNetwork(info: network.info, actors: network.actors, ties: ties, events: network.events)
        return Realisation(draw: draw, network: drawn, scenario: reading, original: original)
    }
}

/// Ties grouped by their exact set of citations (for ``TieCoupling/sameCitation``), computed once per network.
public struct CitationGroups: Sendable {
    /// Group index per tie; groups are numbered in order of their first tie.
    public let group: [Int32]

    public init(_ network: TemporalNetwork) {
        var index: [[SourceReference]: Int32] = [:]
        var group: [Int32] = []
        group.reserveCapacity(network.ties.count)
        for (i, t) in network.ties.enumerated() {
            let key = t.sources.isEmpty ? [SourceReference(source: "\u{0}uncited-\(i)")]
                : t.sources.sorted { $0.description < $1.description }
            if let g = index[key] { group.append(g) } else {
                let g = Int32(index.count)
                index[key] = g
                group.append(g)
            }
        }
        self.group = group
    }
}
