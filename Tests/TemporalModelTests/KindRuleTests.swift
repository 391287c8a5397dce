import Testing
import TemporalModel

/// The one rule of which actors a relation joins (read by the dataset loader and the GEXF importer).
@Suite("Relations and actor kinds")
struct KindRuleTests {
    @Test("Every relation against every pair of kinds: the allowed pairs written out by hand")
    func everyPair() {
        let allowed: [Relation: Set<String>] = [
            .alliance: ["faction-faction", "faction-person", "faction-group", "person-faction", "person-person", "person-group",
                        "group-faction", "group-person", "group-group"],
            .rivalry: ["faction-faction", "faction-person", "faction-group", "person-faction", "person-person", "person-group",
                       "group-faction", "group-person", "group-group"],
            .member: ["person-faction", "person-group"],
            .mergedInto: ["faction-faction", "faction-group", "group-faction", "group-group"],
            .splitFrom: ["faction-faction", "faction-group", "group-faction", "group-group"],
        ]
        #expect(Set(allowed.keys) == Set(Relation.allCases))
        for r in Relation.allCases {
            for s in ActorKind.allCases {
                for t in ActorKind.allCases {
                    let fits = allowed[r]!.contains("\(s.rawValue)-\(t.rawValue)")
                    #expect((r.mismatch(source: s, target: t) == nil) == fits, "\(r) \(s) → \(t)")
                }
            }
        }
        #expect(Relation.member.mismatch(source: .faction, target: .person)?.description()
                == "a membership needs a person as source and a faction or group as target (got faction → person)")
        #expect(Relation.splitFrom.mismatch(source: .person, target: .group)?.description(source: "'a' person", target: "'b' group")
                == "split-from needs factions or groups at both ends (got 'a' person → 'b' group)")
    }
}
