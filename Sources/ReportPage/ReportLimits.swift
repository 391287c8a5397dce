import Metrics

/// How much one report page carries at most, so that a large study still gives a page a browser opens: on the L
/// bench dataset (50,000 actors, 1,000,000 ties, 100 periods) the whole page was 929 MB, which no browser loads.
///
/// Each limit applies on its own and only where it is exceeded, so a page under every limit is the same bytes as
/// without limits (the bundled dataset and the golden outputs are far below them). Above a limit the page keeps
/// the most telling part, chosen deterministically, and says on the page what it left out
/// (``ReportModel/abridged``); the tables (`tables/*.csv`, `*.json`) always hold everything.
///
/// - ``actors``: the actor view, the search and the coalitions' member lists carry the actors ranked best by the
///   ranking metric in some period (best rank over the periods, then dataset order); a coalition lists its members
///   among them and says how many more it has.
/// - ``drawnTiesPerPeriod``: the evidence of a period's drawn ties keeps the strongest (largest |weight|, then the
///   diagram's order), in the diagram's order.
/// - ``tiesPerChange``: a change lists the strongest ties it rests on (largest |weight|, then dataset order) and says how many it rests on.
/// - ``coalitionsPerPeriod``: a period lists its largest coalitions (then the detection's order) and every
///   coalition with a member among the page's actors (so an actor's path stays right), in the detection's order;
///   so it applies only with ``actors`` exceeded (else every coalition holds a shown actor).
/// - ``changesPerPeriod``: a period lists its most notable changes (merges, splits, births, deaths and
///   defections before rebirths, growth and contraction, then joins and leaves, realignments, continuations; within
///   a kind the one concerning more actors first, then the history's order), in the history's order.
/// - ``tieRecords``: above this many ties in the reading, the page carries only the ties it cites (behind the
///   kept drawn ties, changes and explanations), not every tie of the dataset; the actor view then lists only those.
public struct ReportLimits: Sendable, Equatable {
    public var actors: Int
    public var drawnTiesPerPeriod: Int
    public var tiesPerChange: Int
    public var changesPerPeriod: Int
    public var coalitionsPerPeriod: Int
    public var tieRecords: Int

    public init(actors: Int, drawnTiesPerPeriod: Int, tiesPerChange: Int, changesPerPeriod: Int, coalitionsPerPeriod: Int = .max,
                tieRecords: Int) {
        self.actors = actors
        self.coalitionsPerPeriod = coalitionsPerPeriod
        self.changesPerPeriod = changesPerPeriod
        self.drawnTiesPerPeriod = drawnTiesPerPeriod
        self.tiesPerChange = tiesPerChange
        self.tieRecords = tieRecords
    }

    /// What `blocs analyze` uses: 2,000 actors, 500 drawn ties per period, 100 ties per change, 300 changes and
    /// 200 coalitions per period, 20,000 tie records. On the L bench dataset the page is then 75 MB (929 MB
    /// whole), which headless Chromium opens in a few seconds (scripts/check_large_page.py). The bundled dataset's pages (golden outputs) have at most 47 actors, 191 tie records, 24 drawn ties in a period and 18 ties behind a change.
    public static let standard = ReportLimits(actors: 2_000, drawnTiesPerPeriod: 500, tiesPerChange: 100, changesPerPeriod: 300,
                                                coalitionsPerPeriod: 200, tieRecords: 20_000)

    /// No limit: every actor, tie and drawn tie (the page as before limits existed).
    public static let none = ReportLimits(actors: .max, drawnTiesPerPeriod: .max, tiesPerChange: .max, changesPerPeriod: .max,
                                            coalitionsPerPeriod: .max, tieRecords: .max)

    /// The actors the page carries when more than ``actors`` are present in some period: each actor's best rank by
    /// `metric` over the periods (rank 0 = the largest value of a period; the order of ``AnalysisResult``'s top
    /// actors: larger value first, then smaller actor index), the best ``actors`` of them, ties broken by actor index.
    /// `nil` when every present actor fits (no limit applies).
    ///
    /// - Complexity: O(Σ_p n_p log n_p) for n_p actors in period p.
    public func shownActors(_ metrics: [SnapshotNodeMetrics], actorCount: Int, rankedBy metric: NodeMetric) -> Set<Int32>? {
        var best = [Int](repeating: .max, count: actorCount)
        var present = 0
        for m in metrics {
            for a in m.actors where best[Int(a)] == .max {
                best[Int(a)] = Int.max - 1
                present += 1
            }
        }
        guard present > actors else { return nil }
        for m in metrics {
            let values = m.values[metric]
            let order: [Int]
            if let values {
                // NaN (a failed value) ranks last, as in no ranking.
                func key(_ i: Int) -> Double { values[i].isNaN ? -.infinity : values[i] }
                order = m.actors.indices.sorted { (key($1), m.actors[$0]) < (key($0), m.actors[$1]) }
            } else {
                order = m.actors.indices.sorted { m.actors[$0] < m.actors[$1] }
            }
            for (rank, i) in order.enumerated() {
                let a = Int(m.actors[i])
                if rank < best[a] { best[a] = rank }
            }
        }
        let ranked = best.indices.filter { best[$0] < Int.max }.sorted { (best[$0], $0) < (best[$1], $1) }
        return Set(ranked.prefix(actors).map { Int32($0) })
    }

    /// The indices of `weights` to keep under ``drawnTiesPerPeriod`` (or ``tiesPerChange``, by `limit`): all when
    /// they fit, else the `limit` largest |weight| (equal ones by index), in increasing index order.
    /// - Complexity: O(n log n).
    public static func strongest(_ weights: [Double], limit: Int) -> [Int] {
        guard weights.count > limit else { return Array(weights.indices) }
        let order = weights.indices.sorted { (-abs(weights[$0]), $0) < (-abs(weights[$1]), $1) }
        return order.prefix(limit).sorted()
    }

    /// `n` with its thousands grouped by commas ("1,627,054"), as the page's notes write counts.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// The order of notability of ``changesPerPeriod``, by the name a change has on the page: smaller first.
    public static func notability(_ event: String) -> Int {
        switch event {
        case "merge", "split", "birth", "death", "defection": return 0
        case "rebirth", "growth", "contraction": return 1
        case "join", "leave": return 2
        case "realignment": return 3
        default: return 4
        }
    }

    /// The indices of a period's changes to keep under ``changesPerPeriod``, given each change's name and how many
    /// actors it concerns: all when they fit, else the most notable, in increasing index order.
    /// - Complexity: O(n log n).
    public func notableChanges(_ changes: [(event: String, actors: Int)]) -> [Int] {
        guard changes.count > changesPerPeriod else { return Array(changes.indices) }
        let key = changes.map { (Self.notability($0.event), -$0.actors) }
        let order = changes.indices.sorted { (key[$0].0, key[$0].1, $0) < (key[$1].0, key[$1].1, $1) }
        return order.prefix(changesPerPeriod).sorted()
    }

    /// The indices of a period's coalitions to list under ``coalitionsPerPeriod``, given their sizes and whether
    /// each has a member among the page's actors: all when they fit, else the largest (equal sizes by index) and
    /// every one in `needed`, in increasing index order.
    /// - Complexity: O(n log n).
    public func listedCoalitions(sizes: [Int], needed: [Bool]) -> [Int] {
        guard sizes.count > coalitionsPerPeriod else { return Array(sizes.indices) }
        let largest = sizes.indices.sorted { (-sizes[$0], $0) < (-sizes[$1], $1) }.prefix(coalitionsPerPeriod)
        var keep = needed
        for i in largest { keep[i] = true }
        return keep.indices.filter { keep[$0] }
    }
}
