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

    public init(dataset: DatasetInfo, settings: [Setting] = [], sources: [Source] = [], story: Diagram? = nil,
                periods: [Period], balanceCharts: [ChartSpec] = ReportModel.defaultBalanceCharts,
                centrality: String = "centrality", generator: String = "") {
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
        ChartSpec(measure: "balance_ratio", title: "Balanced triangles", note: "share of triangles that are balanced"),
        ChartSpec(measure: "frustration", title: "Frustration", note: "fewest ties to remove for a balanced system"),
    ]

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

        public init(label: String, start: String, end: String, actors: Int? = nil, positiveTies: Int? = nil,
                    negativeTies: Int? = nil, diagram: Diagram? = nil, coalitions: [Coalition] = [],
                    changes: [Change] = [], balance: [Measure] = [], counts: CoalitionCounts,
                    topActors: [RankedActor] = []) {
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

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// A change between periods: an event ("split", "merge", "defection", …), the coalitions and actors it
    /// concerns, and a sentence of detail.
    public struct Change: Codable, Sendable, Equatable {
        public var event: String
        public var coalitions: [String]
        public var actors: [String]
        public var detail: String

        public init(event: String, coalitions: [String] = [], actors: [String] = [], detail: String = "") {
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
