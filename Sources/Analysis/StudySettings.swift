import Coalitions
import Metrics
import Snapshots
import TemporalModel

/// Everything that decides a study of a dataset: how periods and snapshots are cut, how centrality, balance and
/// coalitions are computed and tracked, and what is drawn.
///
/// The one settings model of Blocs. Its text form is one table of named parameters (``Parameter``), read by one
/// parser (``set(_:to:)``): command-line options, batch plan parameters and run records all go through it, and
/// every output states its settings with the same words (``described(_:options:)``). The period and scenario stay
/// unresolved (`nil`: the dataset's defaults; `custom` windows by name) until a dataset is known:
/// ``snapshotOptions(for:)`` resolves them.
///
/// The same settings on the same dataset give byte-identical outputs.
public struct StudySettings: Hashable, Sendable {
    /// How time is cut; `nil`: the dataset's `default_period`.
    public var period: PeriodSpec?
    /// Named windows beyond the dataset's own (for `custom` periods).
    public var windows: [NamedWindow]
    public var rule: ActivityRule
    /// The nodes of the snapshots; `nil` (`auto`, the default): ``Level/fitting(_:)`` of the dataset.
    public var level: Level?
    /// The reading of the sources; `nil`: the dataset's `default_scenario`.
    public var scenario: String?
    /// At the persons level, whether co-members of a faction get a positive tie.
    public var coMembership: Bool
    public var method: CoalitionMethod
    /// Seed of the coalition heuristics.
    public var seed: UInt64
    /// Smallest coalition; actors in smaller blocks are unaligned. `nil` (`auto`, the default): the level's
    /// ``Level/defaultMinimumCoalitionSize`` (1 at the factions level, else 2).
    public var minimumSize: Int?
    public var tracking: TrackingOptions
    public var centrality: CentralityOptions
    public var balance: BalanceOptions
    /// The centrality that ranks the top actors (and sizes nodes in `blocs analyze`).
    public var rankBy: NodeMetric
    /// How many top actors per period the report lists.
    public var topActors: Int
    public var drawing: DrawingSettings

    public init(period: PeriodSpec? = nil, windows: [NamedWindow] = [], rule: ActivityRule = .overlap,
                level: Level? = nil, scenario: String? = nil, coMembership: Bool = true,
                method: CoalitionMethod = .default, seed: UInt64 = 1, minimumSize: Int? = nil,
                tracking: TrackingOptions = TrackingOptions(), centrality: CentralityOptions = CentralityOptions(),
                balance: BalanceOptions = BalanceOptions(), rankBy: NodeMetric = .pagerank, topActors: Int = 5,
                drawing: DrawingSettings = DrawingSettings()) {
        self.period = period
        self.windows = windows
        self.rule = rule
        self.level = level
        self.scenario = scenario
        self.coMembership = coMembership
        self.method = method
        self.seed = seed
        self.minimumSize = minimumSize
        self.tracking = tracking
        self.centrality = centrality
        self.balance = balance
        self.rankBy = rankBy
        self.topActors = topActors
        self.drawing = drawing
    }

    /// The snapshot options on `network`: the period and scenario resolved against the dataset, custom windows
    /// looked up among the dataset's and ``windows``.
    ///
    /// - Throws: ``SnapshotError`` for custom windows that are not there, ``TemporalNetworkError`` for a scenario
    ///   the dataset does not declare.
    /// - Complexity: O(w) for w named windows.
    public func snapshotOptions(for network: TemporalNetwork) throws -> SnapshotOptions {
        let spec = try period ?? PeriodSpec(parsing: network.info.defaultPeriod)
        return SnapshotOptions(scheme: try spec.resolve(windows: network.info.windows + windows), rule: rule,
                               level: level ?? Level.fitting(network),
                               scenario: try network.resolveScenario(scenario), coMembership: coMembership)
    }

    /// These settings with `auto` choices fixed on `network`: the level (``Level/fitting(_:)``) and the minimum
    /// coalition size of that level (1 at the all level too when the dataset has no person ties). The period and scenario stay as given (outputs state them resolved through
    /// ``SnapshotOptions/described``). - Complexity: O(m) for m ties when the level is `auto`.
    public func fixingAutomaticChoices(for network: TemporalNetwork) -> StudySettings {
        var s = self
        let l = level ?? Level.fitting(network)
        s.level = l
        // At the all level a dataset without persons has faction nodes only: sized as at the factions level.
        s.minimumSize = minimumSize ?? (l == .all && Level.fitting(network) == .factions ? 1 : l.defaultMinimumCoalitionSize)
        return s
    }

    /// The coalition detection settings (an `auto` minimum size taken at the persons level when the level is
    /// `auto` too: fix them first with ``fixingAutomaticChoices(for:)``).
    public var coalitions: CoalitionOptions {
        CoalitionOptions(method: method, seed: seed, minimumSize: minimumSize ?? (level ?? .persons).defaultMinimumCoalitionSize)
    }
}

/// What the diagrams show and in which formats they are written.
///
/// `clusters` and `sizeBy` choose what `Study.diagramSeries()` draws (`blocs render`, `story`); the analysis
/// (`AnalysisResult.diagramSeries()`, `blocs analyze`) always draws its coalitions, sized by
/// ``StudySettings/rankBy``, so that the report's pictures and rankings agree.
public struct DrawingSettings: Hashable, Sendable {
    /// Graphviz formats of the diagrams; empty draws nothing.
    public var formats: [DiagramFormat]
    /// What the clusters of the diagrams are.
    public var clusters: ClusterKind
    /// The centrality that sizes the nodes (computed on the drawn ties); `nil`: equal sizes.
    public var sizeBy: NodeMetric?
    /// Whether co-membership ties are drawn (the clusters show memberships already).
    public var drawComembership: Bool
    /// The resolution of PNG diagrams in dots per inch (`nil`: Graphviz's 96).
    public var dpi: Double?

    public init(formats: [DiagramFormat] = [.svg, .png, .pdf], clusters: ClusterKind = .coalitions, sizeBy: NodeMetric? = .pagerank,
                drawComembership: Bool = false, dpi: Double? = nil) {
        self.dpi = dpi
        self.formats = formats
        self.clusters = clusters
        self.sizeBy = sizeBy
        self.drawComembership = drawComembership
    }
}

/// What the clusters of a diagram are.
public enum ClusterKind: String, Hashable, Sendable, CaseIterable {
    /// Recorded memberships (each person in one faction or group).
    case factions
    /// Groups joined by alliances (connected components of the positive layer).
    case components
    /// The coalitions found by the settings' method, tracked across periods.
    case coalitions
}

/// A file format of a diagram: the three Graphviz renders and `dot`, the DOT text Blocs hands to Graphviz.
public enum DiagramFormat: String, Hashable, Sendable, CaseIterable {
    case svg, png, pdf, dot

    /// Parses `svg,png` (case-insensitive, duplicates dropped, order kept).
    ///
    /// - Throws: ``SettingsError`` naming the bad value and the choices, or for an empty list.
    /// - Complexity: O(length of `text`).
    public static func parseList(_ text: String) throws(SettingsError) -> [DiagramFormat] {
        var result: [DiagramFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingSpaces.lowercased() }) where !part.isEmpty {
            guard let f = DiagramFormat(rawValue: part) else {
                throw SettingsError(parameter: "formats", value: part, reason: "unknown format '\(part)' (use svg, png, pdf or dot, comma-separated)")
            }
            if !result.contains(f) { result.append(f) }
        }
        guard !result.isEmpty else {
            throw SettingsError(parameter: "formats", value: text, reason: "formats need at least one of svg, png, pdf, dot")
        }
        return result
    }
}

extension NodeMetric {
    /// Parses a metric's column name (`pagerank`, `pos_degree`, …), case-insensitively.
    ///
    /// - Throws: ``SettingsError`` naming the choices.
    public init(parsing text: String) throws(SettingsError) {
        guard let m = NodeMetric(rawValue: text.trimmingSpaces.lowercased()) else {
            throw SettingsError(parameter: "metric", value: text,
                                reason: "unknown metric '\(text)' (use \(NodeMetric.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self = m
    }

    /// Parses a comma-separated list of metrics, returned in the order of `NodeMetric.allCases`.
    ///
    /// - Throws: ``SettingsError`` for an unknown metric or an empty list.
    public static func parseList(_ text: String) throws(SettingsError) -> [NodeMetric] {
        var chosen = Set<NodeMetric>()
        for name in text.split(separator: ",") { chosen.insert(try NodeMetric(parsing: String(name))) }
        guard !chosen.isEmpty else { throw SettingsError(parameter: "metrics", value: text, reason: "at least one metric is needed") }
        return NodeMetric.allCases.filter(chosen.contains)
    }
}

/// A setting that cannot be used: which one, the text given, and why (never a command-line flag: the caller
/// knows where the text came from).
public struct SettingsError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The parameter's name (``StudySettings/Parameter``).
    public var parameter: String
    public var value: String
    public var reason: String

    public init(parameter: String, value: String, reason: String) {
        self.parameter = parameter
        self.value = value
        self.reason = reason
    }

    public var description: String { reason }
}
