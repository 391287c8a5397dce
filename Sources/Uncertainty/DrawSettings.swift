import Analysis
import Coalitions
import Metrics
import Reports
import Snapshots
import TemporalModel

/// What the per-draw pipeline, explain and compare need of an analysis's settings.
///
/// **Seam** (restructure): the one place that reads ``AnalysisSettings``. When `StudySettings` replaces it, only
/// ``init(_:)`` changes: `snapshot` from `StudySettings.snapshotOptions(for:)`, `coalitions`, `tracking`,
/// `centrality`, `balance` from the fields of the same names, `described` from `Study.described(_:)`.
public struct DrawSettings: Sendable, Hashable {
    public var snapshot: SnapshotOptions
    public var coalitions: CoalitionSettings
    public var tracking: TrackingSettings
    public var centrality: CentralityOptions
    public var balance: BalanceOptions
    /// The settings as name/value pairs, for the head of every table and the partials' fingerprint.
    public var described: [Setting]

    public struct Setting: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(snapshot: SnapshotOptions, coalitions: CoalitionSettings = CoalitionSettings(), tracking: TrackingSettings = TrackingSettings(),
                centrality: CentralityOptions = CentralityOptions(), balance: BalanceOptions = BalanceOptions(), described: [Setting]) {
        self.snapshot = snapshot
        self.coalitions = coalitions
        self.tracking = tracking
        self.centrality = centrality
        self.balance = balance
        self.described = described
    }

    /// The settings of an analysis.
    public init(_ a: AnalysisSettings) {
        self.init(snapshot: a.snapshot, coalitions: a.coalitions, tracking: a.tracking, centrality: a.centrality, balance: a.balance,
                  described: a.described.map { Setting($0.0, $0.1) })
    }

    /// The same settings under another reading.
    public func reading(_ scenario: String?) -> DrawSettings {
        var s = self
        s.snapshot.scenario = scenario
        s.described = described.map { $0.name == "scenario" ? Setting("scenario", scenario ?? "(untagged only)") : $0 }
        return s
    }

    var pairs: [(String, String)] { described.map { ($0.name, $0.value) } }
}

extension EventMatching {
    /// The event's sentence. **Seam** (restructure's typed events): becomes
    /// `ChangeSentences.detail(e, history: history, network: network)`; ``kind(_:)`` becomes
    /// `ChangeSentences.name(e)`, and `e.defection == true` becomes `e.change.isDefection`.
    public static func detail(_ e: CoalitionEvent, history: CoalitionHistory, network: TemporalNetwork) -> String { e.detail }
}
