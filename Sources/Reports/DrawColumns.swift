import Coalitions
import TemporalModel

/// What Monte Carlo draws add to the main tables (`analyze --draws`, `changes --draws`, `coalitions --draws`):
/// the probability of every change of the reference run, the changes the reference run lacks, and the probability
/// of each actor's coalition. Made by the Uncertainty module from a finished Monte Carlo run; typed numbers only.
///
/// How a draw's change is matched to a reference change: same period, same kind (a defection matches only a
/// defection), and the actors involved overlap with Jaccard > ½ (see `Sources/Uncertainty/README.md`).
public struct DrawColumns: Sendable, Hashable {
    public var draws: Int
    public var seed: UInt64
    /// Per event of the reference history, by its index in `CoalitionHistory.events`: the share of draws with a
    /// matching change.
    public var eventProbability: [Double]
    /// Changes matching no reference change but seen in at least ``extraShare`` of draws, in period order.
    public var extraEvents: [ExtraChange]
    /// The smallest share of draws for an extra change to be listed (0.05).
    public var extraShare: Double
    /// Per period index, per actor id of the reference snapshot: the share of draws in which the actor is in its
    /// reference coalition (Jaccard > ½ with it; an actor unaligned in the reference: unaligned again).
    public var membership: [Int: [Int32: Double]]

    public init(draws: Int, seed: UInt64, eventProbability: [Double], extraEvents: [ExtraChange], extraShare: Double,
                membership: [Int: [Int32: Double]]) {
        self.draws = draws
        self.seed = seed
        self.eventProbability = eventProbability
        self.extraEvents = extraEvents
        self.extraShare = extraShare
        self.membership = membership
    }

    /// A change seen in draws but not in the reference run, keyed by its exact actors.
    public struct ExtraChange: Sendable, Hashable {
        public var periodIndex: Int
        public var period: String
        /// The event name as the tables write it (`merge`, `defection`, …).
        public var kind: String
        public var actors: [Int32]
        public var probability: Double

        public init(periodIndex: Int, period: String, kind: String, actors: [Int32], probability: Double) {
            self.periodIndex = periodIndex
            self.period = period
            self.kind = kind
            self.actors = actors
            self.probability = probability
        }

        /// Whether the change is an actor's move (join, leave, defection, realignment): one row per actor.
        public var isActorEvent: Bool { ["join", "leave", "defection", "realignment"].contains(kind) }
    }

    /// The settings lines the tables add: draws, seed and the matching rule.
    public var described: [(String, String)] {
        [("draws", String(draws)), ("draw_seed", String(seed)),
         ("event_match", "same period and kind, involved actors Jaccard > 0.5; changes in >= \(Int((extraShare * 100).rounded()))% of draws not in the reference run listed with in_reference=false")]
    }
}
