import RenderModel
import TemporalModel

/// What one period's diagram shows, as plain data keyed by actor id: the CLI (or a library user) fills it from
/// a snapshot, a partition into clusters and a centrality, and ``SnapshotDiagram`` turns it into DOT.
public struct DiagramSnapshot: Hashable, Sendable {
    /// The dataset's title, e.g. "The oppositions in the Soviet Communist Party, 1921-1933".
    public var title: String
    /// The period's label, e.g. "1926".
    public var period: String
    /// A short line under the title (the settings the picture was made with); may be empty.
    public var caption: String
    /// What the node sizes show, e.g. "degree"; nil when all nodes have the same size.
    public var sizeLegend: String?
    /// The value a node of ``Node/size`` 1 stands for (the largest value of the whole run, so that equal values
    /// are drawn equal in every period); 0 when unknown. The legend draws reference sizes on this scale.
    public var sizeMaximum: Double
    /// What the clusters are, e.g. "factions" or "positive components".
    public var clusterLegend: String
    public var nodes: [Node]
    public var clusters: [Cluster]
    public var edges: [Edge]

    public init(title: String, period: String, caption: String = "", sizeLegend: String? = nil, sizeMaximum: Double = 0,
                clusterLegend: String = "clusters", nodes: [Node], clusters: [Cluster], edges: [Edge]) {
        self.title = title
        self.period = period
        self.caption = caption
        self.sizeLegend = sizeLegend
        self.sizeMaximum = sizeMaximum
        self.clusterLegend = clusterLegend
        self.nodes = nodes
        self.clusters = clusters
        self.edges = edges
    }

    /// An actor drawn as a node.
    public struct Node: Hashable, Sendable {
        /// The actor id (stable across periods).
        public var id: String
        public var label: String
        public var kind: ActorKind
        /// The size value over ``DiagramSnapshot/sizeMaximum``, in [0, 1]: the marker's area is proportional to
        /// it (``DiagramStyle/markerDiameter(_:)``).
        public var size: Double
        /// The actor changed cluster since the previous period.
        public var switched: Bool
        /// The probability (share of Monte Carlo draws) that the actor is in the coalition it is drawn in, when
        /// below 1; nil when certain or not computed. Drawn faded (``DiagramStyle/certaintyAlpha(_:)``), with a
        /// dashed border under 0.5.
        public var certainty: Double?

        public init(id: String, label: String, kind: ActorKind = .person, size: Double = 0, switched: Bool = false,
                    certainty: Double? = nil) {
            self.id = id
            self.label = label
            self.kind = kind
            self.size = size
            self.switched = switched
            self.certainty = certainty
        }
    }

    /// A cluster (a coalition, a faction with its members, a component): a node belongs to at most one.
    public struct Cluster: Hashable, Sendable {
        /// Stable across periods when the cluster continues (a faction's id, a tracked coalition's id).
        public var id: String
        public var label: String
        /// Member node ids.
        public var members: [String]
        /// The palette slot: the same slot gives the same colour in every period.
        public var color: Int

        public init(id: String, label: String, members: [String], color: Int) {
            self.id = id
            self.label = label
            self.members = members
            self.color = color
        }
    }

    /// What an edge stands for.
    public enum Relation: String, Hashable, Sendable, CaseIterable {
        /// A positive tie: solid dark green.
        case alliance
        /// A negative tie: dashed red.
        case rivalry
        /// A person's membership of a faction or group: thin grey.
        case membership
    }

    /// A tie between two nodes.
    public struct Edge: Hashable, Sendable {
        public var a: String
        public var b: String
        public var relation: Relation
        /// The magnitude (> 0).
        public var weight: Double
        /// An alliance across two clusters or a rivalry inside one.
        public var violatesPartition: Bool

        public init(_ a: String, _ b: String, relation: Relation, weight: Double = 1, violatesPartition: Bool = false) {
            self.a = a
            self.b = b
            self.relation = relation
            self.weight = weight
            self.violatesPartition = violatesPartition
        }
    }
}

/// Why a diagram cannot be drawn.
public enum DiagramError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two nodes share an id.
    case duplicateNode(String)
    /// An edge or a cluster names a node that is not in the diagram.
    case unknownNode(String, in: String)
    /// A node is a member of two clusters (Graphviz clusters cannot overlap).
    case nodeInTwoClusters(node: String, clusters: [String])
    /// The layout engine cannot be used for this kind of diagram.
    case unsupportedLayout(String, reason: String)
    /// Graphviz failed (syntax, layout, render, or a crashed worker).
    case graphviz(GraphvizError)

    public var description: String {
        switch self {
        case .duplicateNode(let id): return "two nodes have the id '\(id)'"
        case .unknownNode(let id, let place): return "\(place) names '\(id)', which is not a node of the diagram"
        case .nodeInTwoClusters(let n, let cs): return "node '\(n)' is in two clusters (\(cs.joined(separator: ", "))); clusters cannot overlap"
        case .unsupportedLayout(let l, let r): return "layout '\(l)' cannot be used here: \(r)"
        case .graphviz(let e): return e.description
        }
    }
}

extension DiagramSnapshot {
    /// Checks ids: unique nodes, edges and clusters naming known nodes, clusters not overlapping.
    /// - Complexity: O(n + m + total cluster size).
    public func validate() throws(DiagramError) {
        var known = Set<String>()
        for n in nodes where !known.insert(n.id).inserted || n.id.hasPrefix(SnapshotDiagram.reservedPrefix) { throw .duplicateNode(n.id) }
        var owner: [String: String] = [:]
        for c in clusters {
            for m in c.members {
                guard known.contains(m) else { throw .unknownNode(m, in: "cluster '\(c.id)'") }
                if let other = owner[m] { throw .nodeInTwoClusters(node: m, clusters: [other, c.id]) }
                owner[m] = c.id
            }
        }
        for e in edges {
            for end in [e.a, e.b] where !known.contains(end) { throw .unknownNode(end, in: "an edge") }
        }
    }
}
