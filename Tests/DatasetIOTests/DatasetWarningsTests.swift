import Testing
import DatasetIO
import TestSupport

@Suite("Dataset warnings")
struct DatasetWarningsTests {
    @Test("Ties outside the span, untied actors and uncited sources are warned about, located")
    func warnings() throws {
        // TempDataset: span 1923–1927, sources s1 and s2; add an actor with no tie and a tie of 1930 (blank line
        // before it: the line number must still be the file's).
        let actors = TempDataset.actors + "lenin,Vladimir Lenin,person,,,\n"
        let ties = """
            source,target,relation,start,end,weight,confidence,sources,scenario,note
            trotsky,left,member,1923-10,,1,1,s1#Sec,,

            trotsky,stalin,rivalry,1930,1931,,,s1,,
            zinoviev,troika,member,1919,1922-12,,,s1,,

            """
        let ds = try TempDataset(actors: actors, ties: ties)
        defer { ds.remove() }
        let network = try DatasetLoader.load(ds.path)
        #expect(DatasetWarnings.check(network, folder: ds.path).map(\.description) == [
            "\(ds.path)/ties.csv:4: warning: the tie trotsky–stalin lies entirely outside the dataset's span 1923–1927: no period holds it",
            "\(ds.path)/ties.csv:5: warning: the tie zinoviev–troika lies entirely outside the dataset's span 1923–1927: no period holds it",
            "\(ds.path)/actors.csv:7: warning: 'lenin' has no tie: it appears in no snapshot",
            "\(ds.path)/dataset.yaml: warning: the source 's2' is declared but no tie or event cites it",
        ])
    }
}
