import Foundation

/// Everything the HTML report shows, as plain strings and numbers.
///
/// The model knows nothing of the analysis types: `blocs analyze` fills it from its results and
/// ``HTMLReport/render(_:)`` turns it into one self-contained page. Every text in it may come from a dataset and
/// is escaped by the renderer; none of it is trusted as markup. Arrays keep their order in the page, so the same
/// model always gives the same bytes.
public struct ReportModel: Codable, Sendable, Equatable {
    /// Name, title and description of the dataset.
    public var dataset: DatasetInfo
    /// Settings that produced the results (period scheme, level, scenario, method, …), in display order.
    public var settings: [Setting]
    /// The sources the dataset cites.
    public var sources: [Source]
    /// The story diagram across all periods, if one was drawn.
    public var story: Diagram?
    /// The periods in time order.
    public var periods: [Period]
    /// Which per-period balance measures get a chart over time, in order (see ``Period/balance``).
    public var balanceCharts: [ChartSpec]
    /// The centrality that ranks ``Period/topActors`` (for example "PageRank").
    public var centrality: String
    /// What produced the report, shown in the footer (for example "Blocs 0.1.0").
    public var generator: String
    /// The dataset's dated events (congresses, expulsions, exiles, …), in date order; ``Period/events`` index them.
    @EmptyIfMissing public var events: [DatasetEvent]
    /// The dataset's ties of the reading (signed and memberships), in dataset order: what the page can cite.
    /// ``DrawnTie/ties`` and ``Change/ties`` index them.
    @EmptyIfMissing public var ties: [TieRecord]
    /// Every actor of the periods, in id order, with their metrics per period (for the actor view and search).
    @EmptyIfMissing public var actors: [ActorInfo]
    /// Names of the tie ends that are not among ``actors`` (factions at the persons level), by id; `nil` when none.
    public var tieNames: [String: String]?
    /// The per-actor metrics of ``ActorInfo/metrics``, in order, with a title and a one-line reading.
    @EmptyIfMissing public var actorCharts: [ChartSpec]
    /// The dataset's readings side by side, when it has two or more.
    public var readings: ReportReadings?
    /// Why the changes carry no ``Change/explanation``, or only part of one (for example: the leave-one-out
    /// was skipped on a large dataset); shown above the changes.
    public var explanationNote: String?
    /// What the page left out because the study is above ``ReportLimits`` (one phrase each, for example "1,200 of
    /// the 3,000 actors …"); `nil` for a whole page. Said at the top of the page, with where the full data is.
    public var abridged: [String]?

    public init(dataset: DatasetInfo, settings: [Setting] = [], sources: [Source] = [], story: Diagram? = nil,
                periods: [Period], balanceCharts: [ChartSpec] = ReportModel.defaultBalanceCharts,
                centrality: String = "centrality", generator: String = "", events: [DatasetEvent] = [],
                ties: [TieRecord] = [], actors: [ActorInfo] = [], actorCharts: [ChartSpec] = [],
                readings: ReportReadings? = nil, explanationNote: String? = nil) {
        self.readings = readings
        self.explanationNote = explanationNote
        self.events = events
        self.ties = ties
        self.actors = actors
        self.actorCharts = actorCharts
        self.dataset = dataset
        self.settings = settings
        self.sources = sources
        self.story = story
        self.periods = periods
        self.balanceCharts = balanceCharts
        self.centrality = centrality
        self.generator = generator
    }

    /// Balance ratio and frustration index, under the names `blocs balance` gives them.
    public static let defaultBalanceCharts = [
        ChartSpec(measure: "balance_ratio", title: "Balanced triangles",
                  note: "share of the closed triangles whose three signs multiply to + (1 = every triangle balanced)"),
        ChartSpec(measure: "frustration", title: "Frustration",
                  note: "fewest ties to remove or flip so that all alliances fall inside two camps and all rivalries across them"),
        ChartSpec(measure: "walk_balance", title: "Walk balance",
                  note: "closed walks counted with their signs over closed walks counted without (1 = balanced)"),
        ChartSpec(measure: "algebraic_conflict", title: "Algebraic conflict",
                  note: "smallest eigenvalue of the signed Laplacian (0 = some part balanced)"),
    ]

    /// A reference to a source: its id in ``ReportModel/sources`` and where in it (page, section, anchor).
    public struct SourceRef: Codable, Sendable, Equatable {
        public var source: String
        public var locator: String?

        public init(source: String, locator: String? = nil) {
            self.source = source
            self.locator = locator
        }
    }

    /// A dated event of the dataset, with the actors it concerns and its sources.
    public struct DatasetEvent: Codable, Sendable, Equatable {
        /// As recorded: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        public var date: String
        /// `expelled`, `exiled`, `congress`, `capitulated`, … or free-form.
        public var kind: String
        public var actors: [Member]
        public var description: String
        public var sources: [SourceRef]
        /// Probability of the event under the uncertainty analysis, when it was run.
        public var probability: Double?

        public init(date: String, kind: String, actors: [Member] = [], description: String, sources: [SourceRef] = [],
                    probability: Double? = nil) {
            self.date = date
            self.kind = kind
            self.actors = actors
            self.description = description
            self.sources = sources
            self.probability = probability
        }
    }

    /// One tie of the dataset as recorded: who, what, when, how sure, under which reading, on which sources.
    public struct TieRecord: Codable, Sendable, Equatable {
        /// Actor ids (as in ``ActorInfo/id``).
        public var a: String
        public var b: String
        /// `alliance`, `rivalry`, `member`, …
        public var relation: String
        /// As recorded (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`); `end` is `nil` when open.
        public var start: String
        public var end: String?
        public var weight: Double
        /// 0…1.
        public var confidence: Double
        /// The readings the tie belongs to; empty when it holds in every reading.
        public var scenarios: [String]
        public var note: String
        public var sources: [SourceRef]

        public init(a: String, b: String, relation: String, start: String, end: String? = nil, weight: Double = 1,
                    confidence: Double = 1, scenarios: [String] = [], note: String = "", sources: [SourceRef] = []) {
            self.a = a
            self.b = b
            self.relation = relation
            self.start = start
            self.end = end
            self.weight = weight
            self.confidence = confidence
            self.scenarios = scenarios
            self.note = note
            self.sources = sources
        }
    }

    /// A tie drawn in a period's diagram (between actors `a` < `b`) and the dataset ties it aggregates.
    public struct DrawnTie: Codable, Sendable, Equatable {
        public var a: String
        public var b: String
        /// `alliance`, `rivalry` or `membership`, as the diagram draws it.
        public var relation: String
        public var weight: Double
        /// Indices into ``ReportModel/ties``: the ties between the two in the period, and the memberships that
        /// make a co-membership tie.
        public var ties: [Int]

        public init(a: String, b: String, relation: String, weight: Double, ties: [Int]) {
            self.a = a
            self.b = b
            self.relation = relation
            self.weight = weight
            self.ties = ties
        }
    }

    /// An actor, with one value per period for each of ``ReportModel/actorCharts`` (`nil` where absent).
    public struct ActorInfo: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// `person`, `faction` or `group`.
        public var kind: String
        public var note: String
        /// Parallel to ``ReportModel/actorCharts``; each has one value per period.
        public var metrics: [[Double?]]

        public init(id: String, name: String, kind: String, note: String = "", metrics: [[Double?]] = []) {
            self.id = id
            self.name = name
            self.kind = kind
            self.note = note
            self.metrics = metrics
        }
    }

    public struct DatasetInfo: Codable, Sendable, Equatable {
        /// The short name (folder name), for example "soviet-oppositions".
        public var name: String
        public var title: String
        public var description: String

        public init(name: String, title: String, description: String = "") {
            self.name = name
            self.title = title
            self.description = description
        }
    }

    /// One named setting, for example ("period scheme", "year").
    public struct Setting: Codable, Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// A cited source. A `url` is shown as a link only when it is `http:` or `https:`.
    public struct Source: Codable, Sendable, Equatable {
        public var id: String
        public var citation: String
        public var url: String?

        public init(id: String, citation: String, url: String? = nil) {
            self.id = id
            self.citation = citation
            self.url = url
        }
    }

    /// An SVG diagram: its bytes (embedded in the page) or the path of its file.
    ///
    /// A path is shown as a relative link, which breaks the page's self-containment; call
    /// ``ReportModel/embeddingDiagrams(relativeTo:)`` first to read the files into the model.
    public struct Diagram: Codable, Sendable, Equatable {
        public var svg: Data?
        public var path: String?
        /// Short text for readers who cannot see the image.
        public var alt: String

        public init(svg: Data, alt: String) {
            self.svg = svg
            self.path = nil
            self.alt = alt
        }

        public init(path: String, alt: String) {
            self.svg = nil
            self.path = path
            self.alt = alt
        }
    }

    public struct Period: Codable, Sendable, Equatable {
        /// The period's label, unique in the report, for example "1926"; a link to `index.html#1926` opens it.
        public var label: String
        /// First and last day, as text (ISO dates).
        public var start: String
        public var end: String
        /// Actors and ties in the snapshot (shown in the period summary), when known.
        public var actors: Int?
        public var positiveTies: Int?
        public var negativeTies: Int?
        public var diagram: Diagram?
        public var coalitions: [Coalition]
        /// What changed since the previous period.
        public var changes: [Change]
        /// Balance measures by name (for example "balance_ratio", "frustration"); a missing value is `nil`.
        public var balance: [Measure]
        public var counts: CoalitionCounts
        /// The highest ranked actors by ``ReportModel/centrality``, highest first.
        public var topActors: [RankedActor]
        /// The ties drawn in ``diagram``, with the dataset ties behind each.
        @EmptyIfMissing public var edges: [DrawnTie]
        /// Indices into ``ReportModel/events`` of the events dated in the period.
        @EmptyIfMissing public var events: [Int]

        public init(label: String, start: String, end: String, actors: Int? = nil, positiveTies: Int? = nil,
                    negativeTies: Int? = nil, diagram: Diagram? = nil, coalitions: [Coalition] = [],
                    changes: [Change] = [], balance: [Measure] = [], counts: CoalitionCounts,
                    topActors: [RankedActor] = [], edges: [DrawnTie] = [], events: [Int] = []) {
            self.edges = edges
            self.events = events
            self.label = label
            self.start = start
            self.end = end
            self.actors = actors
            self.positiveTies = positiveTies
            self.negativeTies = negativeTies
            self.diagram = diagram
            self.coalitions = coalitions
            self.changes = changes
            self.balance = balance
            self.counts = counts
            self.topActors = topActors
        }
    }

    public struct Coalition: Codable, Sendable, Equatable {
        /// Stable id across periods, for example "C3".
        public var id: String
        public var label: String
        public var members: [Member]
        public var size: Int
        /// The coalition's colour in the diagrams, as `#rrggbb`; anything else is ignored.
        public var color: String?
        /// How many members ``members`` leaves out (the page's actors are limited, ``ReportLimits/actors``);
        /// `nil` when it lists them all.
        public var omitted: Int?

        public init(id: String, label: String, members: [Member], size: Int? = nil, color: String? = nil) {
            self.id = id
            self.label = label
            self.members = members
            self.size = size ?? members.count
            self.color = color
        }
    }

    public struct Member: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        /// Probability of the membership under the uncertainty analysis, when it was run.
        public var probability: Double?

        public init(id: String, name: String, probability: Double? = nil) {
            self.id = id
            self.name = name
            self.probability = probability
        }
    }

    /// A change between periods: an event ("split", "merge", "defection", …), the coalitions and actors it
    /// concerns, and a sentence of detail.
    public struct Change: Codable, Sendable, Equatable {
        public var event: String
        public var coalitions: [String]
        public var actors: [String]
        public var detail: String
        /// Indices into ``ReportModel/ties``: the period's ties within and between the coalitions involved.
        @EmptyIfMissing public var ties: [Int]
        /// Probability of the change under the uncertainty analysis, when it was run.
        public var probability: Double?
        /// Why it happened (the ties it rests on, gained and lost), when the analysis computed it.
        public var explanation: ReportExplanation?

        public init(event: String, coalitions: [String] = [], actors: [String] = [], detail: String = "",
                    ties: [Int] = [], probability: Double? = nil, explanation: ReportExplanation? = nil) {
            self.explanation = explanation
            self.ties = ties
            self.probability = probability
            self.event = event
            self.coalitions = coalitions
            self.actors = actors
            self.detail = detail
        }
    }

    /// A named value; `nil` when the measure is undefined or was not computed for the period.
    public struct Measure: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double?

        public init(_ name: String, _ value: Double?) {
            self.name = name
            self.value = value
        }
    }

    public struct CoalitionCounts: Codable, Sendable, Equatable {
        /// Number of coalitions.
        public var count: Int
        /// Share of the period's actors in the largest coalition (0…1).
        public var largestShare: Double?
        /// Effective number of coalitions (inverse Simpson index of their sizes).
        public var effectiveNumber: Double?

        public init(count: Int, largestShare: Double?, effectiveNumber: Double?) {
            self.count = count
            self.largestShare = largestShare
            self.effectiveNumber = effectiveNumber
        }
    }

    public struct RankedActor: Codable, Sendable, Equatable {
        public var name: String
        public var value: Double

        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    /// A balance measure to chart over the periods.
    public struct ChartSpec: Codable, Sendable, Equatable {
        /// The ``Measure/name`` to chart.
        public var measure: String
        public var title: String
        public var note: String

        public init(measure: String, title: String, note: String = "") {
            self.measure = measure
            self.title = title
            self.note = note
        }
    }
}

extension ReportModel {
    /// The model with every diagram given by path read into bytes, so the page needs no other file.
    /// Relative paths are resolved against `base` (default: the current directory).
    public func embeddingDiagrams(relativeTo base: URL? = nil) throws -> ReportModel {
        func embed(_ d: Diagram?) throws -> Diagram? {
            guard let d, d.svg == nil, let path = d.path else { return d }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path)
                : (base ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent(path)
            return Diagram(svg: try Data(contentsOf: url), alt: d.alt)
        }
        var m = self
        m.story = try embed(story)
        for i in m.periods.indices { m.periods[i].diagram = try embed(m.periods[i].diagram) }
        return m
    }
}

// Models written before the events, ties, actors and evidence were added still decode (`blocs report-fixture --from`):
// the collections added since are `@EmptyIfMissing` (missing keys decode as empty); the optional values added since
// decode as `nil` by the synthesized decoding. Encoding is unchanged: the wrapper writes the collection itself.

/// A collection of a ``ReportModel`` added after the model was first written: a missing key decodes as empty.
@propertyWrapper
public struct EmptyIfMissing<Value: Codable & Sendable & Equatable & RangeReplaceableCollection>: Codable, Sendable, Equatable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws { wrappedValue = try decoder.singleValueContainer().decode(Value.self) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// The synthesized decoding of an ``EmptyIfMissing`` property: empty when the key is missing.
    public func decode<Value>(_ type: EmptyIfMissing<Value>.Type, forKey key: Key) throws -> EmptyIfMissing<Value> {
        try decodeIfPresent(type, forKey: key) ?? EmptyIfMissing(wrappedValue: Value())
    }
}
