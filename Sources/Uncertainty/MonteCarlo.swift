import Analysis
import Coalitions
import Foundation
import Metrics
import Reports
import Snapshots
import TemporalModel

/// What a Monte Carlo run summarises besides events and memberships.
public struct UncertaintyOptions: Sendable, Hashable {
    /// Centralities given a mean and 90% interval per period and actor (default: PageRank, the ranking metric).
    public var centrality: [NodeMetric]
    /// Whether to count, per period, how often each pair of actors shares a coalition (O(Σ|C|²) per period).
    public var pairs: Bool
    /// The smallest share of draws for an event absent from the reference run to be listed; `nil` counts no such
    /// events (on large networks every draw has thousands of changes with actor sets of their own, and the exact
    /// count keeps each until the end: O(draws × those changes) memory).
    public var extraEventShare: Double?
    /// The Jaccard overlap of involved actors at which a draw's event is the reference's (see ``EventMatching``): more than this.
    public var matchOverlap: Double
    /// Draws per work chunk; fixed, so the work split never depends on the machine (results never do).
    public var chunk: Int
    /// Whether balance is computed in every draw (the frustration index and the spectral measures dominate the cost
    /// of a draw: off for large networks).
    public var balance: Bool
    /// How the draws compute balance (the reference run always uses the analysis's settings).
    public var drawBalance: DrawBalance
    /// Above this many centrality values per draw (metrics × Σ actors of the reference periods), each draw's values are
    /// kept in single precision (relative error ≤ 2⁻²⁴ ≈ 6·10⁻⁸ on the means and intervals) instead of double: the
    /// intervals need every draw's value until the end. `Int.max`: always double.
    public var singleSamplesAbove: Int

    public init(centrality: [NodeMetric] = [.pagerank], pairs: Bool = true, balance: Bool = true, extraEventShare: Double? = 0.05,
                matchOverlap: Double = 0.5, chunk: Int = 16, drawBalance: DrawBalance = .auto, singleSamplesAbove: Int = 100_000) {
        precondition(matchOverlap > 0 && matchOverlap <= 1 && chunk > 0)
        self.singleSamplesAbove = singleSamplesAbove
        self.balance = balance
        self.drawBalance = drawBalance
        self.centrality = centrality
        self.pairs = pairs
        self.extraEventShare = extraEventShare
        self.matchOverlap = matchOverlap
        self.chunk = chunk
    }
}

/// How the draws compute the balance measures.
///
/// On an M network (5,000 actors, 50 periods) balance took 60% of a draw's time, most of it the walk balance's 64
/// stochastic Lanczos probes per large component and the frustration heuristic's 16 starts. `light` takes 8 probes
/// (the estimate's error bound, three standard errors, grows by √8 ≈ 2.8; the interval over the draws then also
/// holds that noise) and 4 starts (the heuristic's count is an upper bound of the frustration index: fewer starts
/// can only raise it, and the interval says so). `auto` is `light` when some reference period has more than
/// ``lightAboveActors`` actors, else `full`. The reference column keeps the analysis's settings either way.
public enum DrawBalance: String, Sendable, Hashable, CaseIterable {
    case auto, full, light

    /// Periods larger than this make `auto` light.
    public static let lightAboveActors = 1_000
    public static let lightProbes = 8
    public static let lightStarts = 4

    /// The balance settings of the draws for a reference run whose largest period has `largest` actors.
    public func options(_ base: BalanceOptions, largest: Int) -> BalanceOptions {
        guard self == .light || (self == .auto && largest > Self.lightAboveActors) else { return base }
        var o = base
        o.walkProbes = min(base.walkProbes, Self.lightProbes)
        o.frustration.starts = min(base.frustration.starts, Self.lightStarts)
        return o
    }

    /// What a table's settings and the screen say of light draw balance (nil when the draws use the reference's).
    public static func described(_ draws: BalanceOptions, reference: BalanceOptions) -> String? {
        guard draws != reference else { return nil }
        return "light in the draws (a period has more than \(lightAboveActors) actors, or --draw-balance light): walk balance from "
            + "\(draws.walkProbes) probes per component above \(draws.denseLimit) nodes (reference: \(reference.walkProbes)), frustration "
            + "from \(draws.frustration.starts) heuristic starts (reference: \(reference.frustration.starts)); reference values as analysed"
    }
}

/// How an event of a draw is matched to an event of the reference run.
///
/// Two events match when they are seen in the same period, are of the same kind (``ChangeTables/eventName(_:)``:
/// a defection matches only a defection, not a realignment), and the actors involved overlap with Jaccard
/// |A∩B|/|A∪B| > θ (default ½). The actors involved are the movers of a join, leave or switch and the members of
/// a coalition event (the result of a merge, the parent of a split). Coalition ids are not compared: they are
/// numbered afresh in every draw. Why more than ½: a merge whose result gains or loses a member or two in a draw
/// is the same merge, while an event among other actors is not; for the one-actor events (most defections) it
/// means the same actor; and above ½ a draw's event can match at most one of several disjoint reference events
/// (two disjoint sets cannot both share more than half of their union with a third), so no draw event counts
/// for two. The same rule decides whether an actor is in "its" reference coalition in a draw (the half of a
/// merged coalition that did not merge is not the merged coalition).
public enum EventMatching {
    public static func kind(_ e: CoalitionEvent) -> String { ChangeTables.eventName(e) }

    /// Whether the Jaccard overlap of two increasing actor lists exceeds θ: |A∩B| > θ·|A∪B|, in integers for θ = ½.
    /// - Complexity: O(|A| + |B|).
    public static func overlap(_ a: [Int32], _ b: [Int32], exceeds theta: Double) -> Bool {
        if a.isEmpty && b.isEmpty { return true }
        var i = 0, j = 0, common = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        let union = a.count + b.count - common
        return theta == 0.5 ? 2 * common > union : Double(common) > theta * Double(union)
    }

    /// Whether `e` (of a draw) is the reference event `r`.
    public static func matches(_ e: CoalitionEvent, _ r: CoalitionEvent, overlap theta: Double) -> Bool {
        e.periodIndex == r.periodIndex && kind(e) == kind(r) && overlap(e.actors, r.actors, exceeds: theta)
    }
}

/// An event seen in a draw but matching no reference event, keyed by its exact actors.
public struct ExtraEventKey: Hashable, Sendable, Codable, Comparable {
    public var periodIndex: Int
    public var kind: String
    public var actors: [Int32]

    public static func < (a: ExtraEventKey, b: ExtraEventKey) -> Bool {
        if a.periodIndex != b.periodIndex { return a.periodIndex < b.periodIndex }
        if a.kind != b.kind { return a.kind < b.kind }
        return a.actors.lexicographicallyPrecedes(b.actors)
    }
}

/// The values one draw contributes to the means and intervals.
public struct DrawSample: Sendable, Codable {
    public var draw: Int
    /// Per period, per ``BalanceMeasure`` (in `allCases` order).
    public var balance: [[Double?]]
    /// Per centrality metric, per period: the value of each actor of the reference snapshot (missing: absent or failed).
    public var centrality: [[SampleRow]]
}

/// One draw's values of a centrality in one period, by actor slot of the reference snapshot, stored flat: in double
/// precision, or in single precision when ``UncertaintyOptions/singleSamplesAbove`` says so (an M network's draw has
/// 244,604 actor-period values: 1,000 draws of `Double?` took 3.9 GB, of `Double` 2.0 GB, of `Float` 1.0 GB).
/// A missing value is a NaN with a payload no arithmetic makes (so a computed NaN stays a value, as before).
/// Its JSON (in partials) is the array of numbers and nulls it always was.
public struct SampleRow: Sendable, Codable {
    private var doubles: [Double] = []
    private var singles: [Float] = []
    private static let missingDouble = Double(bitPattern: 0x7FF4_0000_DEAD_BEEF)
    private static let missingSingle = Float(bitPattern: 0x7FA0_BEEF)

    public init(_ values: [Double?], single: Bool) {
        if single { singles = values.map { $0.map(Float.init) ?? Self.missingSingle } } else { doubles = values.map { $0 ?? Self.missingDouble } }
    }

    public var count: Int { doubles.isEmpty ? singles.count : doubles.count }

    public subscript(slot: Int) -> Double? {
        if doubles.isEmpty {
            let x = singles[slot]
            return x.bitPattern == Self.missingSingle.bitPattern ? nil : Double(x)
        }
        let x = doubles[slot]
        return x.bitPattern == Self.missingDouble.bitPattern ? nil : x
    }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([Double?].self), single: false)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode((0..<count).map { self[$0] })
    }
}

/// The balance measures given an interval.
public enum BalanceMeasure: String, CaseIterable, Sendable {
    case balanceRatio = "balance_ratio", frustration, normalizedFrustration = "normalized_frustration"
    case walkBalance = "walk_balance", algebraicConflict = "algebraic_conflict"

    public func value(_ b: SnapshotBalance) -> Double? {
        switch self {
        case .balanceRatio: return b.balanceRatio
        case .frustration: return Double(b.frustration.value)
        case .normalizedFrustration: return b.frustration.normalized
        case .walkBalance: return b.walkBalance
        case .algebraicConflict: return b.algebraicConflict
        }
    }
}

/// The partial result of some draws: mergeable in any order, with ``merge(_:)``, into the same total.
///
/// Counts add; per-draw values are kept with their draw number and ordered by it at ``MonteCarlo/finish(_:)``.
/// Codable, so array tasks of a cluster job can each write theirs and one process merge them.
public struct DrawTally: Sendable, Codable {
    /// The run these draws belong to (dataset, settings, model, seed); partials of other runs do not merge.
    public let fingerprint: String
    /// The draws counted, as disjoint sorted ranges.
    public private(set) var draws: [Range<Int>] = []
    var eventHits: [Int]
    var extraEvents: [ExtraEventKey: Int] = [:]
    /// Per period, per actor of the reference snapshot: draws where it is in its reference coalition (or, for an
    /// unaligned actor, unaligned), and draws where it is in the snapshot at all.
    var membershipHits: [[Int]]
    var presence: [[Int]]
    /// Per period: draws in which actors a < b (key a << 32 | b) share a coalition; only pairs seen together.
    var together: [PairCounts]
    var scenarios: [String: Int] = [:]
    var samples: [DrawSample] = []

    /// The number of draws counted.
    public var count: Int { draws.reduce(0) { $0 + $1.count } }

    init(fingerprint: String, events: Int, slots: [Int]) {
        self.fingerprint = fingerprint
        eventHits = Array(repeating: 0, count: events)
        membershipHits = slots.map { Array(repeating: 0, count: $0) }
        presence = membershipHits
        together = Array(repeating: PairCounts(), count: slots.count)
    }

    /// Adds the draws of `other`.
    /// - Throws: ``UncertaintyError`` when `other` belongs to another run or counts a draw again.
    /// - Complexity: O(size of `other`).
    public mutating func merge(_ other: DrawTally) throws(UncertaintyError) {
        guard other.fingerprint == fingerprint else { throw .otherRun(expected: fingerprint, found: other.fingerprint) }
        var all = (draws + other.draws).sorted { $0.lowerBound < $1.lowerBound }
        for (a, b) in zip(all, all.dropFirst()) where a.upperBound > b.lowerBound { throw .drawsOverlap(a, b) }
        var joined: [Range<Int>] = []
        for r in all where !r.isEmpty {
            if let last = joined.last, last.upperBound == r.lowerBound { joined[joined.count - 1] = last.lowerBound..<r.upperBound } else { joined.append(r) }
        }
        all = joined
        draws = all
        for i in eventHits.indices { eventHits[i] += other.eventHits[i] }
        for (k, v) in other.extraEvents { extraEvents[k, default: 0] += v }
        for p in membershipHits.indices {
            for i in membershipHits[p].indices {
                membershipHits[p][i] += other.membershipHits[p][i]
                presence[p][i] += other.presence[p][i]
            }
            together[p].merge(other.together[p])
        }
        for (k, v) in other.scenarios { scenarios[k, default: 0] += v }
        samples += other.samples
    }

    mutating func add(draw: Int) { draws.append(draw..<(draw + 1)) }
}

/// A tally's JSON lists its counts by key in key order and its samples in draw order, so that the same draws give
/// the same bytes (a dictionary with other than string keys encodes in hash order, which changes from one process to
/// the next, and workers finish their draws in any order).
extension DrawTally {
    private enum CodingKeys: String, CodingKey {
        case fingerprint, draws, eventHits, extraEvents, membershipHits, presence, together, scenarios, samples
    }

    private struct Count<Key: Codable & Comparable & Hashable>: Codable {
        var key: Key
        var count: Int
        static func list(_ d: [Key: Int]) -> [Count] { d.map { Count(key: $0.key, count: $0.value) }.sorted { $0.key < $1.key } }
        static func dictionary(_ list: [Count]) -> [Key: Int] { Dictionary(list.map { ($0.key, $0.count) }, uniquingKeysWith: +) }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fingerprint = try c.decode(String.self, forKey: .fingerprint)
        draws = try c.decode([Range<Int>].self, forKey: .draws)
        eventHits = try c.decode([Int].self, forKey: .eventHits)
        extraEvents = Count.dictionary(try c.decode([Count<ExtraEventKey>].self, forKey: .extraEvents))
        membershipHits = try c.decode([[Int]].self, forKey: .membershipHits)
        presence = try c.decode([[Int]].self, forKey: .presence)
        together = try c.decode([[Count<UInt64>]].self, forKey: .together).map { list in
            var counts = PairCounts()
            for x in list {
                guard x.key >> 32 < x.key & 0xFFFF_FFFF, x.count > 0, x.count <= Int(UInt32.max) else {
                    throw DecodingError.dataCorruptedError(forKey: .together, in: c, debugDescription: "not a pair count: \(x.key) \(x.count)")
                }
                counts.add(x.key, UInt32(x.count))
            }
            return counts
        }
        scenarios = try c.decode([String: Int].self, forKey: .scenarios)
        samples = try c.decode([DrawSample].self, forKey: .samples)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fingerprint, forKey: .fingerprint)
        try c.encode(draws, forKey: .draws)
        try c.encode(eventHits, forKey: .eventHits)
        try c.encode(Count.list(extraEvents), forKey: .extraEvents)
        try c.encode(membershipHits, forKey: .membershipHits)
        try c.encode(presence, forKey: .presence)
        try c.encode(together.map { counts in
            let s = counts.sorted()
            return zip(s.keys, s.counts).map { Count(key: $0, count: Int($1)) }
        }, forKey: .together)
        try c.encode(scenarios, forKey: .scenarios)
        try c.encode(samples.sorted { $0.draw < $1.draw }, forKey: .samples)
    }
}

public enum UncertaintyError: Error, Equatable, Sendable, CustomStringConvertible {
    case otherRun(expected: String, found: String)
    case drawsOverlap(Range<Int>, Range<Int>)
    case noDraws

    public var description: String {
        switch self {
        case .otherRun(let e, let f): return "the partial results come from another run (expected \(e), found \(f)); merge only partials of one dataset, settings and seed"
        case .drawsOverlap(let a, let b): return "draws \(a.lowerBound)..<\(a.upperBound) and \(b.lowerBound)..<\(b.upperBound) overlap: each draw must be counted once"
        case .noDraws: return "no draws to summarise"
        }
    }
}

/// A Monte Carlo run over what the sources leave open: reference run, draws, summaries.
///
/// Draw k's realisation depends only on (seed, k) (``DrawStream``), each draw runs the whole pipeline
/// (``DrawPipeline``), and its contribution is a ``DrawTally`` merged order-independently; so the summaries are
/// byte-identical whatever the number of workers or how draws are split between processes.
public struct MonteCarlo: Sendable {
    public let network: TemporalNetwork
    public let settings: DrawSettings
    /// `settings` with the balance settings the draws use (``DrawBalance``).
    public let drawSettings: DrawSettings
    /// Whether the draws keep their centrality values in single precision (``UncertaintyOptions/singleSamplesAbove``).
    public let singleSamples: Bool
    public let model: DrawModel
    public let options: UncertaintyOptions
    /// The deterministic run (every tie, certain dates, the chosen reading) the draws are compared with.
    public let reference: DrawOutcome
    let groups: CitationGroups?
    /// Per period, per event kind, per actor: the reference events of that kind involving the actor. A draw event
    /// can only match a reference event it shares an actor with (Jaccard > θ > 0), so only these are compared.
    let referenceEventIndex: [[String: [Int32: [Int]]]]
    /// Reference events with no actors (matched only by draw events with none), per period and kind.
    let emptyReferenceEvents: [[String: [Int]]]
    /// Per period, per actor slot of the reference snapshot: the index of its reference coalition (-1: none);
    /// computed once, read by every draw's tally.
    let referenceCoalition: [[Int32]]

    /// Runs the reference analysis.
    /// - Throws: ``SnapshotError`` when the period scheme does not fit the dataset.
    public init(network: TemporalNetwork, settings: DrawSettings, model: DrawModel,
                options: UncertaintyOptions = UncertaintyOptions()) throws(SnapshotError) {
        let reference = try DrawPipeline(settings: settings, centrality: Set(options.centrality), balance: options.balance)
            .run(network, scenario: settings.snapshot.scenario)
        self.init(network: network, settings: settings, model: model, options: options, reference: reference)
    }

    /// Takes a finished analysis as the reference run instead of computing it again (`analyze --draws`): its
    /// snapshots, coalitions, changes, balance and centralities are what ``DrawPipeline`` computes for the same
    /// settings (the same stage functions), so the summaries are the same.
    /// - Complexity: O(E + P·n) to index the reference events.
    public init(reference result: AnalysisResult, model: DrawModel, options: UncertaintyOptions = UncertaintyOptions()) {
        self.init(network: result.network, settings: DrawSettings(result), model: model, options: options,
                  reference: DrawOutcome(history: result.history, balances: options.balance ? result.balances : [], metrics: result.metrics))
    }

    /// Takes `reference` as the reference run: it must be what ``DrawPipeline`` gives for `settings` on `network`
    /// (a ``Study``'s history, balances when `options.balance`, metrics holding `options.centrality`).
    public init(network: TemporalNetwork, settings: DrawSettings, model: DrawModel, options: UncertaintyOptions, reference: DrawOutcome) {
        self.network = network
        self.settings = settings
        self.model = model
        self.options = options
        self.reference = reference
        var draw = settings
        draw.balance = options.drawBalance.options(settings.balance, largest: reference.history.periods.map { $0.snapshot.actors.count }.max() ?? 0)
        drawSettings = draw
        singleSamples = options.centrality.count * reference.history.periods.reduce(0) { $0 + $1.snapshot.actors.count } > options.singleSamplesAbove
        groups = model.coupling == .sameCitation ? CitationGroups(network) : nil
        var index = [[String: [Int32: [Int]]]](repeating: [:], count: reference.history.periods.count)
        var empty = [[String: [Int]]](repeating: [:], count: reference.history.periods.count)
        for (i, e) in reference.history.events.enumerated() {
            let kind = EventMatching.kind(e)
            if e.actors.isEmpty { empty[e.periodIndex][kind, default: []].append(i) }
            for a in e.actors { index[e.periodIndex][kind, default: [:]][a, default: []].append(i) }
        }
        referenceEventIndex = index
        emptyReferenceEvents = empty
        referenceCoalition = reference.history.periods.map { period in
            var of: [Int32: Int32] = [:]
            for (c, co) in period.coalitions.enumerated() { for a in co.members { of[a] = Int32(c) } }
            return period.snapshot.actors.map { of[$0] ?? -1 }
        }
    }

    /// The identity of the run, written in every partial: what must agree for partials to merge.
    public var fingerprint: String {
        let scen: String
        switch model.scenarios {
        case .fixed(let s): scen = s ?? "(untagged)"
        case .weighted(let w): scen = w.map { "\($0.scenario)=\($0.weight)" }.joined(separator: ",")
        }
        return "dataset=\(network.info.name) ties=\(network.ties.count) seed=\(model.seed) readings=\(scen) drop=\(model.dropTies) "
            + "coupling=\(model.coupling.rawValue) " + settings.described.map { "\($0.name)=\($0.value)" }.joined(separator: " ")
            + " centrality=\(options.centrality.map(\.rawValue).joined(separator: ",")) pairs=\(options.pairs) balance=\(options.balance) extra=\(options.extraEventShare.map { "\($0)" } ?? "off") overlap=\(options.matchOverlap)"
            + (drawBalanceNote == nil ? "" : " draw_balance=probes:\(drawSettings.balance.walkProbes),starts:\(drawSettings.balance.frustration.starts)")
            + (singleSamples ? " samples=single" : "")
    }

    /// What the tables and the screen say when the draws compute balance more cheaply than the reference run
    /// (nil when they do not, or skip balance).
    public var drawBalanceNote: String? {
        options.balance ? DrawBalance.described(drawSettings.balance, reference: settings.balance) : nil
    }


    /// What the tables and the screen say when the centrality samples are kept in single precision (nil otherwise).
    public var samplesNote: String? {
        guard singleSamples else { return nil }
        let values = options.centrality.count * reference.history.periods.reduce(0) { $0 + $1.snapshot.actors.count }
        return "centrality means and intervals from draw values kept in single precision (relative error <= 6e-8): a draw has \(values) "
            + "actor-period values (more than \(options.singleSamplesAbove)), each kept until the end"
    }

    func emptyTally() -> DrawTally {
        DrawTally(fingerprint: fingerprint, events: reference.history.events.count,
                  slots: reference.history.periods.map { $0.snapshot.actors.count })
    }

    /// Runs draws `draws` on `workers` threads (default: every core) and returns their partial result.
    ///
    /// Draws are cut into fixed chunks of ``UncertaintyOptions/chunk`` that the workers take in turn; each worker
    /// keeps its own pipeline cache and tally, and the tallies are merged at the end.
    ///
    /// - Throws: ``SnapshotError`` (cannot happen after a successful reference run on the same settings).
    /// - Complexity: O(|draws| · cost of one pipeline run), divided among the workers.
    public func run(draws: Range<Int>, workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> DrawTally {
        let chunks = stride(from: draws.lowerBound, to: draws.upperBound, by: options.chunk).map {
            $0..<min($0 + options.chunk, draws.upperBound)
        }
        let lanes = max(1, min(workers, chunks.count))
        let queue = ChunkQueue(count: chunks.count)
        let results = Slots<Result<DrawTally, Error>>(count: lanes)
        let work: @Sendable (Int) -> Void = { lane in
            let pipeline = DrawPipeline(settings: drawSettings, centrality: Set(options.centrality), balance: options.balance)
            pipeline.summaryCoalitions = true
            var tally = emptyTally()
            do {
                while let c = queue.next() {
                    for k in chunks[c] { try record(draw: k, pipeline: pipeline, into: &tally) }
                }
                results.set(lane, .success(tally))
            } catch {
                results.set(lane, .failure(error))
            }
        }
        if lanes == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: lanes, execute: work) }
        // Into the first lane's tally, each other released once merged (a copy of the pair counts fewer at the peak).
        var parts = results.take()
        var total = try parts[0].get()
        parts[0] = .success(emptyTally())   // the only reference left is `total`: merging does not copy it
        try total.merge(emptyTally())       // the lane's draws as joined ranges, as merging into an empty tally gives
        for i in 1..<parts.count {
            try total.merge(try parts[i].get())
            parts[i] = .success(emptyTally())
        }
        return total
    }

    /// Where the time of draws `draws` goes, on one thread: seconds per stage (realise, snapshots, cache lookup,
    /// centrality, balance, coalitions, tracking, tally), and the pipeline cache's hits and misses. For
    /// benchmarks; the tables never depend on it.
    public func profile(draws: Range<Int>) throws -> (seconds: [(stage: String, seconds: Double)], hits: Int, misses: Int) {
        let pipeline = DrawPipeline(settings: drawSettings, centrality: Set(options.centrality), balance: options.balance)
        pipeline.profiling = true
        pipeline.summaryCoalitions = true
        var tally = emptyTally()
        var own: [String: Double] = [:]
        for k in draws { try record(draw: k, pipeline: pipeline, into: &tally, seconds: &own) }
        let all = pipeline.seconds.merging(own) { $0 + $1 }
        let order = ["realise", "snapshots", "cache lookup", "centrality", "balance", "coalitions", "tracking", "tally"]
        return (order.map { ($0, all[$0] ?? 0) }, pipeline.cacheHits, pipeline.cacheMisses)
    }

    /// Runs one draw and adds it to `tally`.
    func record(draw k: Int, pipeline: DrawPipeline, into tally: inout DrawTally) throws {
        var unused: [String: Double] = [:]
        try record(draw: k, pipeline: pipeline, into: &tally, seconds: &unused)
    }

    func record(draw k: Int, pipeline: DrawPipeline, into tally: inout DrawTally, seconds: inout [String: Double]) throws {
        let t0 = pipeline.profiling ? DispatchTime.now().uptimeNanoseconds : 0
        let real = model.realise(network, draw: k, groups: groups)
        let t1 = pipeline.profiling ? DispatchTime.now().uptimeNanoseconds : 0
        let outcome = try pipeline.run(real.network, scenario: real.scenario)
        let t2 = pipeline.profiling ? DispatchTime.now().uptimeNanoseconds : 0
        defer {
            if pipeline.profiling {
                seconds["realise", default: 0] += Double(t1 - t0) / 1e9
                seconds["tally", default: 0] += Double(DispatchTime.now().uptimeNanoseconds - t2) / 1e9
            }
        }
        tally.add(draw: k)
        tally.scenarios[real.scenario ?? "", default: 0] += 1
        let refEvents = reference.history.events
        var hit = [Bool](repeating: false, count: refEvents.count)
        // Events: a reference event occurs when some event of the draw matches it; a draw event matching none is extra.
        for e in outcome.history.events {
            var matched = false
            let kind = EventMatching.kind(e)
            var candidates: [Int] = e.actors.isEmpty ? emptyReferenceEvents[e.periodIndex][kind] ?? [] : []
            if let byActor = referenceEventIndex[e.periodIndex][kind] {
                for a in e.actors { if let list = byActor[a] { candidates += list } }
            }
            if candidates.count > 1 {   // sorted and unique, without hashing
                candidates.sort()
                var w = 1
                for r in 1..<candidates.count where candidates[r] != candidates[w - 1] { candidates[w] = candidates[r]; w += 1 }
                candidates.removeLast(candidates.count - w)
            }
            // The candidates share the event's period and kind (the index is keyed by both): only the actors'
            // overlap is left to check (EventMatching.matches would build both kind names again for every pair).
            for i in candidates where EventMatching.overlap(e.actors, refEvents[i].actors, exceeds: options.matchOverlap) {
                matched = true
                hit[i] = true
            }
            if !matched && options.extraEventShare != nil {
                tally.extraEvents[ExtraEventKey(periodIndex: e.periodIndex, kind: kind, actors: e.actors), default: 0] += 1
            }
        }
        for i in hit.indices where hit[i] { tally.eventHits[i] += 1 }
        // Memberships and pairs.
        var sample = DrawSample(draw: k, balance: [], centrality: Array(repeating: [], count: options.centrality.count))
        // The drawn coalition of each actor, by actor id (-1: none), and its node in the drawn snapshot (-1: absent),
        // reset after each period: array lookups instead of a binary search per actor (Snapshot.node(of:)).
        var coalitionOf = [Int32](repeating: -1, count: network.actors.count)
        var nodeOf = [Int32](repeating: -1, count: network.actors.count)
        for (p, ref) in reference.history.periods.enumerated() {
            let drawn = outcome.history.periods[p]
            for (c, co) in drawn.coalitions.enumerated() { for a in co.members { coalitionOf[Int(a)] = Int32(c) } }
            for (node, a) in drawn.snapshot.actors.enumerated() { nodeOf[Int(a)] = Int32(node) }
            defer {
                for co in drawn.coalitions { for a in co.members { coalitionOf[Int(a)] = -1 } }
                for a in drawn.snapshot.actors { nodeOf[Int(a)] = -1 }
            }
            let refCoalitionOf = referenceCoalition[p]
            var sameCoalition: [Int: Bool] = [:]   // (reference coalition, drawn coalition) → overlap > θ
            for (slot, a) in ref.snapshot.actors.enumerated() {
                guard nodeOf[Int(a)] >= 0 else { continue }
                tally.presence[p][slot] += 1
                let r = Int(refCoalitionOf[slot]), d = Int(coalitionOf[Int(a)])
                if r < 0 && d < 0 {
                    tally.membershipHits[p][slot] += 1
                } else if r >= 0 && d >= 0 {
                    let key = r &* drawn.coalitions.count &+ d
                    let same = sameCoalition[key] ?? EventMatching.overlap(ref.coalitions[r].members, drawn.coalitions[d].members, exceeds: options.matchOverlap)
                    sameCoalition[key] = same
                    if same { tally.membershipHits[p][slot] += 1 }
                }
            }
            if options.pairs {
                // Taken out of the tally while counting, so each addition does not check the nested arrays' uniqueness.
                var counts = PairCounts()
                swap(&counts, &tally.together[p])
                for co in drawn.coalitions {
                    let m = co.members
                    for i in m.indices { for j in (i + 1)..<m.count { counts.add(PairCounts.key(m[i], m[j])) } }
                }
                swap(&counts, &tally.together[p])
            }
            if options.balance { sample.balance.append(BalanceMeasure.allCases.map { $0.value(outcome.balances[p]) }) }
            for (mi, metric) in options.centrality.enumerated() {
                let values = outcome.metrics[p].values[metric]
                sample.centrality[mi].append(SampleRow(ref.snapshot.actors.map { a in
                    guard let values, nodeOf[Int(a)] >= 0 else { return nil }
                    return values[Int(nodeOf[Int(a)])]
                }, single: singleSamples))
            }
        }
        tally.samples.append(sample)
    }

    /// The summaries of `tally`.
    /// - Throws: ``UncertaintyError/noDraws`` for an empty tally, ``UncertaintyError/otherRun(expected:found:)``
    ///   for one of another run.
    /// - Complexity: O(D·(P·n + P·B) log D) for D draws (the interval sorts).
    public func finish(_ tally: DrawTally) throws(UncertaintyError) -> UncertaintyResult {
        guard tally.fingerprint == fingerprint else { throw .otherRun(expected: fingerprint, found: tally.fingerprint) }
        let d = tally.count
        guard d > 0 else { throw .noDraws }
        let share = { (c: Int) in Double(c) / Double(d) }
        let refHistory = reference.history
        var events: [EventProbability] = refHistory.events.enumerated().map { i, e in
            EventProbability(periodIndex: e.periodIndex, period: e.period, kind: EventMatching.kind(e), coalitions: e.change.coalitions,
                             actors: e.actors, detail: EventMatching.detail(e, history: refHistory, network: network), referenceIndex: i,
                             draws: tally.eventHits[i], probability: share(tally.eventHits[i]))
        }
        for (k, c) in tally.extraEvents.sorted(by: { $0.key < $1.key }) where share(c) >= (options.extraEventShare ?? 2) - 1e-12 {
            let names = k.actors.prefix(6).map { network.actors[Int($0)].name }.joined(separator: ", ") + (k.actors.count > 6 ? " and \(k.actors.count - 6) more" : "")
            events.append(EventProbability(periodIndex: k.periodIndex, period: refHistory.periods[k.periodIndex].period.label, kind: k.kind,
                                           coalitions: [], actors: k.actors, detail: "not in the reference run: \(k.kind) of \(names)",
                                           referenceIndex: nil, draws: c, probability: share(c)))
        }
        events.sort { ($0.periodIndex, $0.inReference ? 0 : 1) < ($1.periodIndex, $1.inReference ? 0 : 1) }   // stable
        var memberships: [MembershipProbability] = []
        for (p, ref) in refHistory.periods.enumerated() {
            var refCoalitionOf: [Int32: Int] = [:]
            for (c, co) in ref.coalitions.enumerated() { for a in co.members { refCoalitionOf[a] = c } }
            for (slot, a) in ref.snapshot.actors.enumerated() {
                let c = refCoalitionOf[a].map { ref.coalitions[$0] }
                memberships.append(MembershipProbability(
                    periodIndex: p, period: ref.period.label, actor: a, coalition: c?.id, label: c?.label,
                    probability: share(tally.membershipHits[p][slot]), present: share(tally.presence[p][slot])))
            }
        }
        let samples = tally.samples.sorted { $0.draw < $1.draw }
        var balances: [IntervalSummary] = []
        for (p, ref) in refHistory.periods.enumerated() where options.balance {
            for (mi, m) in BalanceMeasure.allCases.enumerated() {
                balances.append(IntervalSummary(periodIndex: p, period: ref.period.label, name: m.rawValue, actor: nil,
                                                reference: m.value(reference.balances[p]), values: samples.compactMap { $0.balance[p][mi] }, draws: d))
            }
        }
        var centrality: [IntervalSummary] = []
        for (mi, metric) in options.centrality.enumerated() {
            for (p, ref) in refHistory.periods.enumerated() {
                let refValues = reference.metrics[p].values[metric]
                for (slot, a) in ref.snapshot.actors.enumerated() {
                    centrality.append(IntervalSummary(periodIndex: p, period: ref.period.label, name: metric.rawValue, actor: a,
                                                      reference: refValues?[slot], values: samples.compactMap { $0.centrality[mi][p][slot] }, draws: d))
                }
            }
        }
        var pairs: [PeriodPairs] = []
        if options.pairs {
            for (p, ref) in refHistory.periods.enumerated() {
                let counted = tally.together[p].sorted()
                var actors = Set<Int32>()
                for k in counted.keys { actors.insert(Int32(k >> 32)); actors.insert(Int32(k & 0xFFFF_FFFF)) }
                for co in ref.coalitions { actors.formUnion(co.members) }
                pairs.append(PeriodPairs(periodIndex: p, period: ref.period.label, actors: actors.sorted(), keys: counted.keys,
                                         counts: counted.counts, draws: d))
            }
        }
        let scenarioShares = tally.scenarios.sorted { $0.key < $1.key }.map { (scenario: $0.key.isEmpty ? nil : $0.key, share: share($0.value)) }
        return UncertaintyResult(network: network, settings: settings, fingerprint: fingerprint, seed: model.seed, draws: d,
                                 events: events, memberships: memberships, balance: balances, centrality: centrality,
                                 pairs: pairs, scenarioShares: scenarioShares, drawBalance: drawBalanceNote, samples: samplesNote)
    }
}

/// An event and the share of draws in which it occurs.
public struct EventProbability: Sendable, Hashable {
    public var periodIndex: Int
    public var period: String
    /// ``EventMatching/kind(_:)``.
    public var kind: String
    /// Reference coalition ids (empty for events not in the reference run).
    public var coalitions: [String]
    public var actors: [Int32]
    public var detail: String
    /// The event's index in the reference history's `events` (`nil`: not in the reference run).
    public var referenceIndex: Int?
    public var inReference: Bool { referenceIndex != nil }
    public var draws: Int
    public var probability: Double
}

/// An actor's reference coalition in a period, and how often the draws keep it there.
public struct MembershipProbability: Sendable, Hashable {
    public var periodIndex: Int
    public var period: String
    public var actor: Int32
    /// Reference coalition id and label; `nil` for an actor unaligned in the reference run.
    public var coalition: String?
    public var label: String?
    /// Share of draws in which the actor is in a coalition overlapping its reference coalition with Jaccard > ½
    /// (for an unaligned actor: in the snapshot and unaligned).
    public var probability: Double
    /// Share of draws in which the actor is in the period's snapshot at all.
    public var present: Double
}

extension UncertaintyResult {
    /// Per period index, per actor id of the reference snapshot: the share of draws keeping the actor in its
    /// reference coalition (unaligned: unaligned again). What the diagrams shade (solid = certain).
    /// - Complexity: O(Σ_p n_p).
    public var membershipCertainty: [Int: [Int32: Double]] {
        var out: [Int: [Int32: Double]] = [:]
        for m in memberships { out[m.periodIndex, default: [:]][m.actor] = m.probability }
        return out
    }

    /// The columns the main tables gain (`changes.csv`: `in_reference`, `probability`; `memberships.csv`:
    /// `probability`), the reference events by their index.
    /// - Complexity: O(E + Σ_p n_p).
    public func drawColumns(extraShare: Double = 0.05) -> DrawColumns {
        var byIndex = [Double](repeating: 0, count: events.filter(\.inReference).count)
        var extra: [DrawColumns.ExtraChange] = []
        for e in events {
            if let i = e.referenceIndex { byIndex[i] = e.probability } else {
                extra.append(.init(periodIndex: e.periodIndex, period: e.period, kind: e.kind, actors: e.actors, probability: e.probability))
            }
        }
        return DrawColumns(draws: draws, seed: seed, eventProbability: byIndex, extraEvents: extra, extraShare: extraShare,
                           membership: membershipCertainty)
    }
}

/// Mean and 90% interval of a quantity over the draws that define it.
public struct IntervalSummary: Sendable, Hashable {
    public var periodIndex: Int
    public var period: String
    public var name: String
    /// For a centrality, the actor; `nil` for a period measure.
    public var actor: Int32?
    /// The value in the reference run.
    public var reference: Double?
    public var mean: Double?
    /// The 5% and 95% quantiles (linear interpolation between order statistics: NumPy's default, Hyndman & Fan
    /// type 7).
    public var low: Double?
    public var high: Double?
    /// Draws in which the quantity has a value.
    public var defined: Int
    public var draws: Int

    init(periodIndex: Int, period: String, name: String, actor: Int32?, reference: Double?, values: [Double], draws: Int) {
        self.periodIndex = periodIndex
        self.period = period
        self.name = name
        self.actor = actor
        self.reference = reference
        self.defined = values.count
        self.draws = draws
        if values.isEmpty { return }
        mean = values.reduce(0, +) / Double(values.count)   // draw order: deterministic
        let sorted = values.sorted()
        low = Quantile.linear(sorted, 0.05)
        high = Quantile.linear(sorted, 0.95)
    }
}

public enum Quantile {
    /// The q-quantile of ascending `sorted` by linear interpolation (NumPy `quantile` default, type 7).
    /// - Precondition: `sorted` is not empty and ascending; 0 ≤ q ≤ 1.
    public static func linear(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

/// How often each pair of actors shares a coalition in one period, stored sparsely: the pairs together in at least
/// one draw and their counts (on an M network a dense matrix per period took ~200 MB, 10 GB for 50 periods).
/// The share of a pair is count / draws (0 for a pair never together, 1 on the diagonal).
public struct PeriodPairs: Sendable, Hashable {
    public var periodIndex: Int
    public var period: String
    /// Every actor in a coalition in some draw or in the reference run, increasing.
    public var actors: [Int32]
    /// Pairs a < b together in at least one draw, as `a << 32 | b`, increasing (by a, then b).
    public var keys: [UInt64]
    /// Draws in which each pair of `keys` shares a coalition.
    public var counts: [UInt32]
    public var draws: Int

    /// The number of pairs together in at least one draw.
    public var count: Int { keys.count }
    /// The actors of the `i`th pair and its share of draws.
    public func pair(_ i: Int) -> (a: Int32, b: Int32, share: Double) {
        (Int32(keys[i] >> 32), Int32(keys[i] & 0xFFFF_FFFF), Double(counts[i]) / Double(draws))
    }

    /// The share of draws in which `a` and `b` share a coalition (1 when a = b).
    /// - Complexity: O(log count).
    public func share(_ a: Int32, _ b: Int32) -> Double {
        if a == b { return 1 }
        let key = PairCounts.key(a, b)
        var lo = 0, hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == key ? Double(counts[lo]) / Double(draws) : 0
    }
}

/// The summaries of a Monte Carlo run.
public struct UncertaintyResult: Sendable {
    public let network: TemporalNetwork
    public let settings: DrawSettings
    public let fingerprint: String
    public let seed: UInt64
    public let draws: Int
    /// Reference events with their probability, then (per period) events in ≥ ``UncertaintyOptions/extraEventShare``
    /// of draws that the reference run does not have.
    public let events: [EventProbability]
    public let memberships: [MembershipProbability]
    public let balance: [IntervalSummary]
    public let centrality: [IntervalSummary]
    public let pairs: [PeriodPairs]
    /// The share of draws under each reading (`nil`: untagged only).
    public let scenarioShares: [(scenario: String?, share: Double)]
    /// ``MonteCarlo/drawBalanceNote``.
    public let drawBalance: String?
    /// ``MonteCarlo/samplesNote``.
    public let samples: String?
}

/// Hands out chunk numbers to workers.
final class ChunkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextChunk = 0
    private let count: Int
    init(count: Int) { self.count = count }
    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextChunk < count else { return nil }
        nextChunk += 1
        return nextChunk - 1
    }
}

/// One write-once slot per worker.
final class Slots<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.lock(); items[i] = value; lock.unlock() }
    /// The values, handed over: the slots keep none (so a caller can release each once used).
    func take() -> [T] {
        lock.lock()
        defer { lock.unlock() }
        let out = items.map { $0! }
        items = Array(repeating: nil, count: items.count)
        return out
    }
}
