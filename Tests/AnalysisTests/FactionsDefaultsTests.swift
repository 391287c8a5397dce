import Blocs
import Foundation
import Testing
import TestSupport

/// The factions-only fixture (Tests/Fixtures/german-parties: parties of the Reichstag, 1867–1890, no persons) under
/// the default settings: the level fits the dataset, single factions are coalitions, recorded lineage is used when
/// coalitions are matched across periods. The expected events are worked out by hand from the fixture's ties and
/// the tracking rules (θ = 1/8, grace d = 2), see the comments.
@Suite("Defaults that fit a factions-only dataset")
struct FactionsDefaultsTests {
    static let fixture = BuiltBinary.repositoryRoot.appendingPathComponent("Tests/Fixtures/german-parties").path

    static func load() throws -> TemporalNetwork { try DatasetLoader.load(fixture) }

    /// The coalition holding `actor` in `period` (its stable id).
    static func coalition(of actor: String, in period: String, _ study: Study) -> String? {
        guard let p = study.history.periods.first(where: { $0.period.label == period }),
              let a = study.network.index(of: actor) else { return nil }
        return p.coalitions.first { $0.members.contains(a) }?.id
    }

    static func events(_ study: Study, in period: String, _ kind: CoalitionEventKind) -> [CoalitionChange] {
        study.history.events.filter { $0.period == period && $0.kind == kind }.map(\.change)
    }

    @Test("auto picks factions for a dataset without persons, and min_size 1 there; the outputs name both")
    func automaticLevel() throws {
        let network = try Self.load()
        #expect(Level.fitting(network) == .factions)
        let study = try Study(network, settings: StudySettings())
        #expect(study.options.level == .factions)
        #expect(study.settings.level == .factions)
        #expect(study.settings.minimumSize == 1)
        let described = Dictionary(uniqueKeysWithValues: study.described(StudySettings.coalitionParameters))
        #expect(described["level"] == "factions")
        #expect(described["min_size"] == "1")
        // 24 years, every one with actors and every actor in a coalition (single factions count).
        #expect(study.snapshots.count == 24)
        #expect(study.snapshots.allSatisfy { !$0.actors.isEmpty })
        #expect(zip(study.snapshots, study.history.periods).allSatisfy { s, p in
            p.coalitions.reduce(0) { $0 + $1.size } == s.actors.count
        })
        #expect(study.emptyPeriods == nil)
        // The bundled Soviet dataset ties persons: auto is persons there, with min_size 2.
        let soviet = try DatasetLoader.load(BuiltBinary.repositoryRoot.appendingPathComponent("Datasets/soviet-oppositions").path)
        #expect(Level.fitting(soviet) == .persons)
        let s = StudySettings().fixingAutomaticChoices(for: soviet)
        #expect(s.level == .persons && s.minimumSize == 2)
        // At the all level, a dataset without persons is sized as at the factions level; Soviet keeps 2.
        #expect(StudySettings(level: .all).fixingAutomaticChoices(for: network).minimumSize == 1)
        #expect(StudySettings(level: .all).fixingAutomaticChoices(for: soviet).minimumSize == 2)
        // An explicit level and size are kept, and auto reads back as auto.
        var explicit = StudySettings(level: .all, minimumSize: 3)
        #expect(explicit.fixingAutomaticChoices(for: network).minimumSize == 3)
        try explicit.set(.level, to: "auto")
        try explicit.set(.minSize, to: "auto")
        #expect(explicit.level == nil && explicit.minimumSize == nil)
        #expect(explicit.text(of: .level) == "auto" && explicit.text(of: .minSize) == "auto")
    }

    @Test("The persons level of a dataset without persons is empty in every period, and says what to try")
    func emptyPersonsLevel() throws {
        let study = try Study(try Self.load(), settings: StudySettings(level: .persons))
        #expect(study.emptyPeriods == EmptyPeriods(empty: 24, periods: 24, level: .persons, alternative: .factions))
    }

    @Test("Recorded merges and splits are reported as merges and splits, not deaths, births and joins")
    func recordedLineage() throws {
        let network = try Self.load()
        let study = try Study(network, settings: StudySettings())
        let c = { (actor: String, period: String) in Self.coalition(of: actor, in: period, study) }
        // 1875: the Gotha congress (adav, sdap merged-into sapd, 1875-05). All three are still in the 1875 snapshot,
        // each alone (no tie between them is active then but the rivalry ending 1875-04, which splits them). In
        // 1876 adav and sdap are gone: their fronts count as sapd, so both match sapd's 1876 coalition, which
        // continues sapd's own (its own Jaccard is 1, theirs 0) and absorbs them: one merge.
        let merges1876 = Self.events(study, in: "1876", .merge)
        let sapd = try #require(c("sapd", "1876"))
        #expect(merges1876 == [.merge(parents: [try #require(c("sapd", "1875")), try #require(c("adav", "1875")),
                                                try #require(c("sdap", "1875"))], result: sapd)])
        #expect(c("sapd", "1875") == sapd)
        #expect(!study.history.events.contains { $0.kind == .death })
        // 1880: lv split-from nlp (1880-08). lv is new and alone in 1880 (its alliance with dfp starts 1881), nlp
        // alone since its alliance with fkp ended in 1878: lv counts as nlp, so it is a split child of nlp's coalition.
        let nlp = try #require(c("nlp", "1879"))
        #expect(Self.events(study, in: "1880", .split) == [.split(parent: nlp, children: [nlp, try #require(c("lv", "1880"))])])
        #expect(Self.events(study, in: "1880", .birth).isEmpty)
        // 1885: dfp and lv merged-into dfrp (1884-03). In 1884 dfp and lv are still one coalition (allied
        // 1881–1884-02) and dfrp is new beside them; in 1885 their coalition's front counts as dfrp: a merge.
        let dfrp = try #require(c("dfrp", "1885"))
        #expect(Self.events(study, in: "1885", .merge) == [.merge(parents: [dfrp, try #require(c("dfp", "1884"))], result: dfrp)])
        #expect(c("dfp", "1884") == c("lv", "1884"))
        // The lineage table finds every record but the 1867 split (at the span's start: no period before it).
        let checks = study.lineage.checks
        #expect(checks.map { "\($0.record.actors.joined(separator: ">")):\($0.detected)" }
                == ["nlp>dfp:false", "adav>sapd:true", "sdap>sapd:true", "lv>nlp:true", "dfp>dfrp:true", "lv>dfrp:true"])
    }

    @Test("Without the lineage ties, the same changes are deaths and births (the behaviour lineage replaces)")
    func withoutLineage() throws {
        let network = try Self.load()
        let bare = try TemporalNetwork(info: network.info, actors: network.actors,
                                       ties: network.ties.filter { !$0.relation.isLineage }, events: network.events)
        let study = try Study(bare, settings: StudySettings())
        let c = { (actor: String, period: String) in Self.coalition(of: actor, in: period, study) }
        #expect(Self.events(study, in: "1876", .merge).isEmpty)
        // Unseen since 1875, adav's and sdap's coalitions die in 1877 (d = 2); dfp+lv's, unseen since 1884, in 1886.
        let adav = try #require(c("adav", "1875")), sdap = try #require(c("sdap", "1875")), dfp = try #require(c("dfp", "1884"))
        #expect(Self.events(study, in: "1877", .death) == [.death(coalition: adav, unseenFor: 2), .death(coalition: sdap, unseenFor: 2)])
        #expect(Self.events(study, in: "1886", .death) == [.death(coalition: dfp, unseenFor: 2)])
        #expect(Self.events(study, in: "1880", .birth) == [.birth(coalition: try #require(c("lv", "1880")))])
        #expect(Self.events(study, in: "1880", .split).isEmpty)
    }
}
