import Analysis
import Coalitions
import Metrics
import Reports
import Snapshots
import TemporalModel

/// What the per-draw pipeline, explain and compare need of an analysis's settings.
///
/// Made from the analysis's ``StudySettings`` (resolved against the dataset) or from a finished ``AnalysisResult``.
public struct DrawSettings: Sendable, Hashable {
    public var snapshot: SnapshotOptions
    public var coalitions: CoalitionOptions
    public var tracking: TrackingOptions
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

    public init(snapshot: SnapshotOptions, coalitions: CoalitionOptions = CoalitionOptions(), tracking: TrackingOptions = TrackingOptions(),
                centrality: CentralityOptions = CentralityOptions(), balance: BalanceOptions = BalanceOptions(), described: [Setting]) {
        self.snapshot = snapshot
        self.coalitions = coalitions
        self.tracking = tracking
        self.centrality = centrality
        self.balance = balance
        self.described = described
    }

    /// The settings of an analysis of `network`, with its `auto` choices fixed on it.
    ///
    /// - Throws: the settings' error when the period, scenario or windows do not fit the dataset.
    public init(_ settings: StudySettings, network: TemporalNetwork) throws {
        // The level and minimum size `auto` resolve on the dataset as in ``Study`` (else a factions-only dataset
        // would be drawn at the persons level's minimum size, unlike its analysis).
        let s = settings.fixingAutomaticChoices(for: network)
        let options = try s.snapshotOptions(for: network)
        self.init(snapshot: options, coalitions: s.coalitions, tracking: s.tracking, centrality: s.centrality, balance: s.balance,
                  described: s.described(StudySettings.coalitionParameters, options: options).map { Setting($0.0, $0.1) })
    }

    /// The settings of a finished analysis.
    public init(_ r: AnalysisResult) {
        self.init(snapshot: r.options, coalitions: r.settings.coalitions, tracking: r.settings.tracking, centrality: r.settings.centrality,
                  balance: r.settings.balance, described: r.described.map { Setting($0.0, $0.1) })
    }

    /// The settings of a study (the same as those of its ``Study/result(historyReady:)``), before it is finished.
    public init(_ study: Study) {
        let s = study.settings
        self.init(snapshot: study.options, coalitions: s.coalitions, tracking: s.tracking, centrality: s.centrality, balance: s.balance,
                  described: study.described(StudySettings.coalitionParameters + [.rankBy]).map { Setting($0.0, $0.1) })
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
    /// The event's sentence, as the tables write it.
    public static func detail(_ e: CoalitionEvent, history: CoalitionHistory, network: TemporalNetwork) -> String {
        ChangeSentences.detail(e, history: history, network: network)
    }
}
