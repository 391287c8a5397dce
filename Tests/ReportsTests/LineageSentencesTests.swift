import Coalitions
import Reports
import Testing

/// The lineage evidence is typed in Coalitions and written here; the phrases are those lineage.csv has always had.
@Suite("Lineage evidence sentences")
struct LineageSentencesTests {
    @Test("Every kind of evidence as its phrase")
    func phrases() {
        let cases: [(LineageEvidence, String)] = [
            (.events, ""),
            (.membersJoined(parents: ["C2", "C5"], result: "C2", period: "1926"), "members of C2 and C5 together in C2 in 1926"),
            (.parted(parent: "C3", parts: ["C3", "C7"], period: "1929"), "C3 parted into C3 and C7 in 1929"),
            (.membersLeft(coalition: "C4", period: "1930"), "its members left C4 in 1930"),
            (.mergePartiesUnplaced(actor: "zinovievists", period: "1925"), "no coalition holds zinovievists and its partners in 1925"),
            (.splitPartiesUnplaced(actor: "right", from: "centre", period: "1927"), "no coalition holds right and the rest of centre in 1927"),
            (.alreadyTogether(coalition: "C1", period: "1925"), "already together in C1 in 1925"),
            (.stillApart(period: "1926"), "still apart in 1926"),
            (.alreadyApart(period: "1927", coalitions: ["C1", "C4"]), "already apart in 1927 (C1, C4)"),
            (.stillTogether(period: "1928"), "still together in 1928"),
            (.membersUnaligned(period: "1931"), "its members were in no coalition in 1931"),
            (.stillHolds(coalition: "C8", period: "1933"), "C8 still holds most of its members in 1933"),
            (.noPeriodBefore(period: "1921"), "no period before 1921 to compare with"),
        ]
        for (e, want) in cases { #expect(ChangeSentences.sentence(e) == want) }
    }
}
