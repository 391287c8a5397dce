import Coalitions
import Metrics
import Snapshots
import TemporalModel

extension StudySettings {
    /// A named setting, as written in batch plans (`min_size: 3`) and run records; command-line options set the
    /// same parameters through the same parser.
    public enum Parameter: String, CaseIterable, Sendable, Codable, CodingKey {
        case period, windows, rule, level, scenario, comembership
        case method, seed
        case minSize = "min_size"
        case threshold, grace
        case rankBy = "rank_by"
        case topActors = "top_actors"
        case formats, clusters
        case sizeBy = "size_by"
        case drawComembership = "draw_comembership"
        case betweenness
        case weightedPaths = "weighted_paths"
        case pivots
        case pivotSeed = "pivot_seed"
        case wfImproved = "wf_improved"
        case pagerankAlpha = "pagerank_alpha"
        case katzAlpha = "katz_alpha"
        case denseLimit = "dense_limit"
        case exactNodeLimit = "exact_node_limit"

        /// The parameters an analysis (`blocs analyze`, a batch job) reads: all but the clusters and node sizes of
        /// `blocs render` and `story` (an analysis draws its coalitions sized by `rank_by`).
        public static let analysis: [Parameter] = allCases.filter { $0 != .clusters && $0 != .sizeBy }
    }

    /// Settings from named text values (a batch job's parameters, a run record); the others keep their defaults.
    ///
    /// - Throws: ``SettingsError`` for an unknown name or a value ``set(_:to:)`` refuses.
    /// - Complexity: O(total length of the values).
    public init(parameters: [String: String]) throws(SettingsError) {
        self.init()
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            guard let p = Parameter(rawValue: key) else {
                throw SettingsError(parameter: key, value: value,
                                    reason: "unknown setting '\(key)' (known: \(Parameter.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            try set(p, to: value)
        }
    }

    /// Sets one parameter from its text: the one parser of every setting.
    ///
    /// Accepted forms: `period` as ``PeriodSpec/init(parsing:)``; `windows` as `NAME=START..END`, comma-separated;
    /// `rule` as ``ActivityRule/init(parsing:)``; `level` auto, persons, factions or all; `min_size` a number ≥ 1 or
    /// auto; `method` as
    /// ``CoalitionMethod/init(parsing:)``; booleans true/false, yes/no, on/off; `formats` as
    /// ``DiagramFormat/parseList(_:)`` or `none`; `size_by` and `pivots` also `none`; `betweenness` normalized or raw.
    ///
    /// - Throws: ``SettingsError`` naming the parameter, the value and why it is refused.
    /// - Complexity: O(length of `text`).
    public mutating func set(_ parameter: Parameter, to text: String) throws(SettingsError) {
        let key = parameter.rawValue
        func fail(_ reason: String) -> SettingsError { SettingsError(parameter: key, value: text, reason: reason) }
        func bool() throws(SettingsError) -> Bool {
            switch text.trimmingSpaces.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: throw fail("\(key) must be true or false, not '\(text)'")
            }
        }
        func number<T: LosslessStringConvertible>(_: T.Type) throws(SettingsError) -> T {
            guard let n = T(text.trimmingSpaces) else { throw fail("\(key) must be a number, not '\(text)'") }
            return n
        }
        func whole(atLeast minimum: Int) throws(SettingsError) -> Int {
            let n = try number(Int.self)
            guard n >= minimum else { throw fail("\(key) must be at least \(minimum), not \(n)") }
            return n
        }
        func snapshot<T>(_ body: () throws(SnapshotError) -> T) throws(SettingsError) -> T {
            do { return try body() } catch { throw fail(error.description) }
        }
        func metric() throws(SettingsError) -> NodeMetric {
            do { return try NodeMetric(parsing: text) } catch { throw fail(error.reason) }
        }
        func coalition<T>(_ body: () throws(CoalitionError) -> T) throws(SettingsError) -> T {
            do { return try body() } catch { throw fail(error.description) }
        }
        switch parameter {
        case .period: period = try snapshot { () throws(SnapshotError) in try PeriodSpec(parsing: text) }
        case .windows:
            windows = try snapshot { () throws(SnapshotError) in
                var list: [NamedWindow] = []
                for w in text.split(separator: ",") { list.append(try NamedWindow(parsing: w.trimmingSpaces)) }
                return list
            }
        case .rule: rule = try snapshot { () throws(SnapshotError) in try ActivityRule(parsing: text) }
        case .level:
            let name = text.trimmingSpaces.lowercased()
            guard name == "auto" || Level(rawValue: name) != nil else { throw fail("unknown level '\(text)' (use auto, persons, factions or all)") }
            level = Level(rawValue: name)
        case .scenario: scenario = text
        case .comembership: coMembership = try bool()
        case .method: method = try coalition { () throws(CoalitionError) in try CoalitionMethod(parsing: text) }
        case .seed: seed = try number(UInt64.self)
        case .minSize:
            if text.trimmingSpaces.lowercased() == "auto" { minimumSize = nil; return }
            let n = try number(Int.self)
            guard n >= 1 else { throw fail(CoalitionError.badMinimumSize(n).description) }
            minimumSize = n
        case .threshold:
            let t = try number(Double.self)
            tracking = try coalition { () throws(CoalitionError) in try TrackingOptions.validated(threshold: t, grace: tracking.grace) }
        case .grace:
            let d = try number(Int.self)
            tracking = try coalition { () throws(CoalitionError) in try TrackingOptions.validated(threshold: tracking.threshold, grace: d) }
        case .rankBy: rankBy = try metric()
        case .topActors: topActors = try whole(atLeast: 0)
        case .formats:
            drawing.formats = text.trimmingSpaces.lowercased() == "none" ? [] : try DiagramFormat.parseList(text)
        case .clusters:
            guard let c = ClusterKind(rawValue: text.trimmingSpaces.lowercased()) else {
                throw fail("unknown clusters '\(text)' (use \(ClusterKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            drawing.clusters = c
        case .sizeBy:
            drawing.sizeBy = text.trimmingSpaces.lowercased() == "none" ? nil : try metric()
        case .drawComembership: drawing.drawComembership = try bool()
        case .betweenness:
            switch text.trimmingSpaces.lowercased() {
            case "normalized": centrality.normalizedBetweenness = true
            case "raw": centrality.normalizedBetweenness = false
            default: throw fail("betweenness must be normalized or raw, not '\(text)'")
            }
        case .weightedPaths: centrality.weightedPaths = try bool()
        case .pivots: centrality.betweennessPivots = text.trimmingSpaces.lowercased() == "none" ? nil : try whole(atLeast: 2)
        case .pivotSeed: centrality.pivotSeed = try number(UInt64.self)
        case .wfImproved: centrality.wfImproved = try bool()
        case .pagerankAlpha:
            let a = try number(Double.self)
            guard a > 0 && a < 1 else { throw fail("pagerank_alpha must be in (0, 1), not \(a)") }
            centrality.pagerankAlpha = a
        case .katzAlpha:
            let a = try number(Double.self)
            guard a > 0 else { throw fail("katz_alpha must be positive, not \(a)") }
            centrality.katzAlpha = a
        case .denseLimit: balance.denseLimit = try whole(atLeast: 1)
        case .exactNodeLimit: balance.frustration.exactNodeLimit = try whole(atLeast: 0)
        }
    }

    /// A parameter's value as text that ``set(_:to:)`` reads back; `nil` for a period or scenario left to the
    /// dataset. - Complexity: O(size of the value).
    public func text(of parameter: Parameter) -> String? {
        switch parameter {
        case .period: return period?.description
        case .windows: return windows.map(\.text).joined(separator: ",")
        case .rule: return rule.description
        case .level: return level?.rawValue ?? "auto"
        case .scenario: return scenario
        case .comembership: return String(coMembership)
        case .method: return method.description
        case .seed: return String(seed)
        case .minSize: return minimumSize.map(String.init) ?? "auto"
        case .threshold: return String(tracking.threshold)
        case .grace: return String(tracking.grace)
        case .rankBy: return rankBy.rawValue
        case .topActors: return String(topActors)
        case .formats: return drawing.formats.isEmpty ? "none" : drawing.formats.map(\.rawValue).joined(separator: ",")
        case .clusters: return drawing.clusters.rawValue
        case .sizeBy: return drawing.sizeBy?.rawValue ?? "none"
        case .drawComembership: return String(drawing.drawComembership)
        case .betweenness: return centrality.normalizedBetweenness ? "normalized" : "raw"
        case .weightedPaths: return String(centrality.weightedPaths)
        case .pivots: return centrality.betweennessPivots.map(String.init) ?? "none"
        case .pivotSeed: return String(centrality.pivotSeed)
        case .wfImproved: return String(centrality.wfImproved)
        case .pagerankAlpha: return String(centrality.pagerankAlpha)
        case .katzAlpha: return String(centrality.katzAlpha)
        case .denseLimit: return String(balance.denseLimit)
        case .exactNodeLimit: return String(balance.frustration.exactNodeLimit)
        }
    }

    /// The settings as ordered name/value pairs for the head of a table, a report or a record: the snapshot
    /// settings as resolved (`options`, ``SnapshotOptions/described``), then `parameters` in the order given.
    ///
    /// The one description of the settings: names are the parameter names, values their text.
    public func described(_ parameters: [Parameter], options: SnapshotOptions) -> [(String, String)] {
        options.described + parameters.compactMap { p in text(of: p).map { (p.rawValue, $0) } }
    }

    /// The parameters of coalition detection and tracking, in the order outputs list them.
    public static let coalitionParameters: [Parameter] = [.method, .seed, .minSize, .threshold, .grace]

    /// The settings of a centrality table: the graph each metric runs on and the variants, in words.
    public var centralityDescribed: [(String, String)] {
        let c = centrality
        return [("graph", "alliance layer (degree..katz); signed graph (pos_degree, neg_degree, pn)"),
                ("betweenness", (c.normalizedBetweenness ? "normalized" : "raw") + (c.weightedPaths ? ", weighted paths" : "")
                    + (c.betweennessPivots.map { ", sampled from \($0) pivots per period (seed \(c.pivotSeed))" } ?? "")),
                ("closeness", "wf_improved=\(c.wfImproved)"),
                ("pagerank_alpha", "\(c.pagerankAlpha)"), ("katz_alpha", "\(c.katzAlpha)")]
    }

    /// These settings with the period and scenario fixed to what they resolve to on `network` (as a run record
    /// keeps them). - Throws: as ``snapshotOptions(for:)``.
    public func resolved(for network: TemporalNetwork) throws -> StudySettings {
        let options = try snapshotOptions(for: network)
        var s = self
        s.period = try PeriodSpec(parsing: options.scheme.description)
        if case .custom = options.scheme { s.windows = windows }
        s.scenario = options.scenario
        return s.fixingAutomaticChoices(for: network)
    }
}

extension StudySettings: Codable {
    /// Decodes named text values through ``set(_:to:)``: a run record is read by the parser every input uses.
    public init(from decoder: any Decoder) throws {
        self.init()
        let c = try decoder.container(keyedBy: Parameter.self)
        for p in Parameter.allCases {
            if let text = try c.decodeIfPresent(String.self, forKey: p) { try set(p, to: text) }
        }
    }

    /// Encodes every parameter as its text (``text(of:)``), the period and scenario only when set.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Parameter.self)
        for p in Parameter.allCases { if let t = text(of: p) { try c.encode(t, forKey: p) } }
    }
}
