import Foundation
import Testing
import TestSupport
@testable import Analysis
import Blocs

@Suite("The settings model")
struct StudySettingsTests {
    /// Settings with every parameter away from its default.
    static var unusual: StudySettings {
        var s = StudySettings()
        s.period = .window(width: 18, step: 6, months: true)
        s.windows = [try! NamedWindow(parsing: "xv=1927-12-02..1927-12-19"), try! NamedWindow(parsing: "early=1921..1923")]
        s.rule = .point(month: 7, day: 1)
        s.level = .all
        s.scenario = "broue"
        s.coMembership = false
        s.method = .blockmodel(k: 3, alpha: 0.25)
        s.seed = 7
        s.minimumSize = 3
        s.tracking = TrackingOptions(threshold: 0.3, grace: 1)
        s.rankBy = .betweenness
        s.topActors = 9
        s.drawing = DrawingSettings(formats: [.pdf, .svg], clusters: .components, sizeBy: nil, drawComembership: true)
        s.centrality.normalizedBetweenness = false
        s.centrality.weightedPaths = true
        s.centrality.betweennessPivots = 40
        s.centrality.pivotSeed = 3
        s.centrality.wfImproved = false
        s.centrality.pagerankAlpha = 0.9
        s.centrality.katzAlpha = 0.02
        s.balance.denseLimit = 50
        s.balance.frustration.exactNodeLimit = 12
        return s
    }

    @Test("Every parameter's text is read back by the one parser to the same value")
    func textRoundTrip() throws {
        let s = Self.unusual
        var parameters: [String: String] = [:]
        for p in StudySettings.Parameter.allCases {
            let text = try #require(s.text(of: p))
            parameters[p.rawValue] = text
        }
        #expect(try StudySettings(parameters: parameters) == s)
        // Each parameter alone moves exactly that setting away from the default.
        for p in StudySettings.Parameter.allCases {
            var one = StudySettings()
            try one.set(p, to: try #require(s.text(of: p)))
            #expect(one != StudySettings(), "\(p) did not change anything")
        }
    }

    @Test("Codable goes through the same texts: JSON keys are the parameter names")
    func codable() throws {
        let data = try JSONEncoder().encode(Self.unusual)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object["rule"] == "point:07-01")
        #expect(object["min_size"] == "3")
        #expect(object["formats"] == "pdf,svg")
        #expect(object["size_by"] == "none")
        #expect(object["windows"] == "xv=1927-12-02..1927-12-19,early=1921..1923")
        #expect(try JSONDecoder().decode(StudySettings.self, from: data) == Self.unusual)
        // Unset period and scenario are left out and stay the dataset's.
        let defaults = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(StudySettings())) as? [String: String]
        #expect(defaults?["period"] == nil && defaults?["scenario"] == nil)
        #expect(throws: SettingsError.self) { try JSONDecoder().decode(StudySettings.self, from: Data(#"{"rule": "often"}"#.utf8)) }
    }

    @Test("Refused values name the setting and the reason, never a command-line flag",
          arguments: [
              ("rule", "often", "unknown activity rule 'often' (use overlap, point:MM-DD or fraction)"),
              ("period", "decade", "unknown period scheme 'decade' (use year, quarter, month, window:W:S or custom)"),
              ("level", "clans", "unknown level 'clans' (use auto, persons, factions or all)"),
              ("windows", "x", "bad window 'x': use NAME=START..END, e.g. xv-congress=1927-12-02..1927-12-19"),
              ("method", "magic", "unknown method 'magic' (use components, correlation, blockmodel:K or louvain)"),
              ("threshold", "0", "bad Jaccard threshold 0.0: it must lie in (0, 1]"),
              ("grace", "0", "bad grace 0: a coalition dies after d ≥ 1 unseen periods"),
              ("min_size", "0", "bad minimum coalition size 0: it must be ≥ 1"),
              ("seed", "-1", "seed must be a number, not '-1'"),
              ("comembership", "maybe", "comembership must be true or false, not 'maybe'"),
              ("formats", "gif", "unknown format 'gif' (use svg, png, pdf or dot, comma-separated)"),
              ("rank_by", "fame", "unknown metric 'fame' (use degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank, katz, pos_degree, neg_degree, pn)"),
              ("betweenness", "half", "betweenness must be normalized or raw, not 'half'"),
              ("pivots", "1", "pivots must be at least 2, not 1"),
              ("pagerank_alpha", "1", "pagerank_alpha must be in (0, 1), not 1.0"),
              ("colour", "red", "unknown setting 'colour' (known: period, windows, rule,"),
          ])
    func refusals(key: String, value: String, message: String) {
        do {
            _ = try StudySettings(parameters: [key: value])
            Issue.record("\(key)=\(value) accepted")
        } catch {
            #expect(error.parameter == key)
            #expect(error.description.hasPrefix(message), "\(error.description)")
            #expect(!error.description.contains("--"))
        }
    }

    @Test("Period and scenario resolve against the dataset; custom windows combine the dataset's and the settings'")
    func resolution() throws {
        let ds = try TempDataset()
        defer { ds.remove() }
        let network = try DatasetLoader.load(ds.path)
        let plain = try StudySettings().snapshotOptions(for: network)
        #expect(plain.scheme == .year)
        #expect(plain.scenario == network.info.defaultScenario)
        var custom = StudySettings(period: .custom(nil), windows: [try NamedWindow(parsing: "mine=1924..1925")])
        let options = try custom.snapshotOptions(for: network)
        #expect(options.scheme.description == "custom:" + (network.info.windows.map(\.id) + ["mine"]).joined(separator: ","))
        custom.scenario = "nobody"
        #expect(throws: TemporalNetworkError.self) { try custom.snapshotOptions(for: network) }
        let resolved = try StudySettings().resolved(for: network)
        #expect(resolved.period == .year && resolved.scenario == network.info.defaultScenario)
    }

    @Test("One description: table heads, analyze's settings and the caption use the same words")
    func description() {
        let options = SnapshotOptions(scheme: .quarter, rule: .fraction, level: .persons, scenario: nil, coMembership: false)
        #expect(options.described.map { "\($0.0)=\($0.1)" } ==
                ["period=quarter", "rule=fraction", "level=persons", "scenario=(untagged only)", "comembership=off"])
        let s = StudySettings(method: .louvain, seed: 4, minimumSize: 3, tracking: TrackingOptions(threshold: 0.5, grace: 3), rankBy: .degree)
        #expect(s.described(StudySettings.coalitionParameters + [.rankBy], options: options).suffix(6).map { "\($0.0)=\($0.1)" } ==
                ["method=louvain", "seed=4", "min_size=3", "threshold=0.5", "grace=3", "rank_by=degree"])
        let factions = SnapshotOptions(level: .factions, scenario: "broue")
        #expect(!factions.described.contains { $0.0 == "comembership" })
    }
}
