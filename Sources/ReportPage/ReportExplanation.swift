/// Why a change happened, as the report shows it under the change: the ties it rests on (those whose removal
/// alone undoes it) and the ties its actors gained and lost since the period before.
///
/// The report does not compute it: `blocs analyze` runs the explain code of the Uncertainty module (a
/// leave-one-out over the ties touching the change's actors) and passes the result in, with the ties as indices
/// into ``ReportModel/ties``.
public struct ReportExplanation: Codable, Sendable, Equatable {
    /// Ties whose removal alone undoes the change (indices into ``ReportModel/ties``); empty when none does, or
    /// when the leave-one-out was not run (``tested`` is `nil`).
    public var restsOn: [Int]
    /// Ties touching the change's actors, active in the period and not in the one before.
    public var gained: [Int]
    /// Ties touching the change's actors, active in the period before and not in this one.
    public var lost: [Int]
    /// How many ties were removed in turn; `nil` when the leave-one-out was skipped (see
    /// ``ReportModel/explanationNote``).
    public var tested: Int?

    public init(restsOn: [Int] = [], gained: [Int] = [], lost: [Int] = [], tested: Int? = nil) {
        self.restsOn = restsOn
        self.gained = gained
        self.lost = lost
        self.tested = tested
    }

    /// The sentence under the change: "rests on 2 ties, both from wp-united#Formation", "rests on no single tie
    /// (14 tested)", or, without a leave-one-out, what was gained and lost.
    ///
    /// Sources are cited as `source#locator`, each once, in sorted order.
    /// - Complexity: O(k log k) for k cited sources.
    public func summary(ties: [ReportModel.TieRecord]) -> String {
        func cite(_ list: [Int]) -> [String] {
            Set(list.filter(ties.indices.contains).flatMap { ties[$0].sources.map { $0.source + ($0.locator.map { "#" + $0 } ?? "") } }).sorted()
        }
        func count(_ k: Int) -> String { "\(k) tie\(k == 1 ? "" : "s")" }
        guard let tested else {
            return "\(count(gained.count)) gained and \(count(lost.count)) lost by the actors involved (which of them it rests on was not computed)"
        }
        guard !restsOn.isEmpty else { return "rests on no single tie (\(tested) tested)" }
        let cites = cite(restsOn)
        let n = restsOn.count
        let from: String
        switch cites.count {
        case 0: from = "with no source given"
        case 1: from = n == 1 ? "from \(cites[0])" : n == 2 ? "both from \(cites[0])" : "all from \(cites[0])"
        default: from = "from " + cites.joined(separator: ", ")
        }
        return "rests on \(count(n)), \(from)"
    }
}

/// Readings side by side: what differs between the dataset's readings (scenarios), period by period, as
/// `blocs compare` finds it; passed in by `blocs analyze` when the dataset has two readings or more.
public struct ReportReadings: Codable, Sendable, Equatable {
    /// The readings compared: the one the rest of the report shows first when it is one of them.
    public var scenarios: [String]
    /// The reading the rest of the report shows (its name, or "untagged ties only").
    public var shown: String
    /// Per period (parallel to ``ReportModel/periods``): the coalitions under each reading and what differs.
    public var periods: [Period]

    public init(scenarios: [String], shown: String, periods: [Period]) {
        self.scenarios = scenarios
        self.shown = shown
        self.periods = periods
    }

    public struct Period: Codable, Sendable, Equatable {
        /// Per reading (parallel to ``ReportReadings/scenarios``), its coalitions in the period.
        public var coalitions: [[Coalition]]
        public var differences: [Difference]

        public init(coalitions: [[Coalition]], differences: [Difference]) {
            self.coalitions = coalitions
            self.differences = differences
        }
    }

    public struct Coalition: Codable, Sendable, Equatable {
        public var label: String
        /// Member names.
        public var members: [String]

        public init(label: String, members: [String]) {
            self.label = label
            self.members = members
        }
    }

    /// One difference: an actor whose coalition differs, or a change seen under some readings only.
    public struct Difference: Codable, Sendable, Equatable {
        /// `coalition`, or the change's kind (`defection`, `split`, `merge`, …).
        public var what: String
        /// Names of the actors concerned.
        public var actors: [String]
        /// Per reading: the actor's coalition (`unaligned`, `absent`), or for a change `no` or `yes: ` and its actors.
        public var places: [String]
        public var detail: String

        public init(what: String, actors: [String], places: [String], detail: String = "") {
            self.what = what
            self.actors = actors
            self.places = places
            self.detail = detail
        }
    }

    /// The readings that give the same result in every period: groups (of two or more) of readings whose places
    /// agree on every difference, in ``scenarios`` order. - Complexity: O(R² · D) for R readings, D differences.
    public func identicalGroups() -> [[String]] {
        var group = Array(scenarios.indices)
        for j in scenarios.indices {
            for i in 0..<j where group[i] == i {
                let same = periods.allSatisfy { p in p.differences.allSatisfy { d in d.places.indices.contains(j) && d.places[i] == d.places[j] } }
                if same { group[j] = i; break }
            }
        }
        return scenarios.indices.filter { group[$0] == $0 }.map { i in scenarios.indices.filter { group[$0] == i }.map { scenarios[$0] } }
            .filter { $0.count > 1 }
    }
}
