/// What an actor is.
public enum ActorKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A declared faction or opposition group.
    case faction
    /// A person.
    case person
    /// A body that is not a faction (a Politburo, a Central Committee); treated like a faction for levels.
    case group

    /// Factions and groups are collectives: they have members.
    public var isCollective: Bool { self != .person }
}

/// A faction, person or group, known by a stable id.
public struct Actor: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var name: String
    public var kind: ActorKind
    /// When the actor existed, as the sources give it; `nil` when not stated.
    public var start: HistoricalDate?
    public var end: HistoricalDate?
    public var note: String

    public init(id: String, name: String, kind: ActorKind, start: HistoricalDate? = nil, end: HistoricalDate? = nil, note: String = "") {
        self.id = id
        self.name = name
        self.kind = kind
        self.start = start
        self.end = end
        self.note = note
    }
}
