import Testing
@testable import TemporalModel

@Suite("Temporal network")
struct NetworkTests {
    func info() throws -> DatasetInfo {
        DatasetInfo(name: "t", title: "T", spanStart: try HistoricalDate(parsing: "1921"), spanEnd: try HistoricalDate(parsing: "1933"),
                    defaultScenario: "a", scenarios: [Scenario(id: "a"), Scenario(id: "b")])
    }

    @Test("Actors are sorted by id and ties re-indexed to match")
    func sortedActors() throws {
        let actors = [Actor(id: "zinoviev", name: "Z", kind: .person), Actor(id: "bukharin", name: "B", kind: .person),
                      Actor(id: "left", name: "L", kind: .faction)]
        let tie = Tie(source: 0, target: 2, relation: .member, start: try HistoricalDate(parsing: "1926"))
        let net = try TemporalNetwork(info: try info(), actors: actors, ties: [tie])
        #expect(net.actors.map(\.id) == ["bukharin", "left", "zinoviev"])
        #expect(net.actors[Int(net.ties[0].source)].id == "zinoviev")
        #expect(net.actors[Int(net.ties[0].target)].id == "left")
        #expect(net.index(of: "left") == 1)
        #expect(net.actor("nobody") == nil)
    }

    @Test("Duplicate actor ids are refused")
    func duplicates() throws {
        let actors = [Actor(id: "a", name: "A", kind: .person), Actor(id: "a", name: "A2", kind: .person)]
        #expect(throws: TemporalNetworkError.duplicateActor("a")) { try TemporalNetwork(info: try info(), actors: actors, ties: []) }
    }

    @Test("Lifetimes: stated, partly stated, or from the first to the last tie")
    func lifetimes() throws {
        let actors = [
            Actor(id: "a", name: "A", kind: .person),
            Actor(id: "b", name: "B", kind: .faction, start: try HistoricalDate(parsing: "1923-10")),
            Actor(id: "c", name: "C", kind: .faction, start: try HistoricalDate(parsing: "1926"), end: try HistoricalDate(parsing: "1927-11")),
            Actor(id: "d", name: "D", kind: .person),
        ]
        let ties = [
            Tie(source: 0, target: 1, relation: .member, start: try HistoricalDate(parsing: "1924-03"), end: try HistoricalDate(parsing: "1925")),
            Tie(source: 0, target: 2, relation: .member, start: try HistoricalDate(parsing: "1926-05-02"), end: try HistoricalDate(parsing: "1927-10")),
        ]
        let net = try TemporalNetwork(info: try info(), actors: actors, ties: ties)
        let life = net.lifetimes(scenario: nil)
        #expect(life[0] == DayInterval(Day(year: 1924, month: 3, day: 1), Day(year: 1927, month: 10, day: 31)))
        #expect(life[1] == DayInterval(Day(year: 1923, month: 10, day: 1), Day(year: 1933, month: 12, day: 31)))
        #expect(life[2] == DayInterval(Day(year: 1926, month: 1, day: 1), Day(year: 1927, month: 11, day: 30)))
        #expect(life[3] == nil)
    }

    @Test("Inferred lifetimes count only the ties of the chosen reading")
    func lifetimesFollowScenario() throws {
        let actors = [Actor(id: "a", name: "A", kind: .person), Actor(id: "b", name: "B", kind: .person)]
        var late = Tie(source: 0, target: 1, relation: .alliance, start: try HistoricalDate(parsing: "1932"), end: try HistoricalDate(parsing: "1933"))
        late.scenarios = ["b"]
        let early = Tie(source: 0, target: 1, relation: .alliance, start: try HistoricalDate(parsing: "1926"), end: try HistoricalDate(parsing: "1928"))
        let net = try TemporalNetwork(info: try info(), actors: actors, ties: [early, late])
        #expect(net.lifetimes(scenario: "a")[0]?.end == Day(year: 1928, month: 12, day: 31))
        #expect(net.lifetimes(scenario: nil)[0]?.end == Day(year: 1928, month: 12, day: 31))
        #expect(net.lifetimes(scenario: "b")[0]?.end == Day(year: 1933, month: 12, day: 31))
    }

    @Test("Scenario tags: untagged ties hold in every reading, tagged ties only in theirs")
    func scenarios() throws {
        let untagged = Tie(source: 0, target: 1, relation: .alliance, start: try HistoricalDate(parsing: "1926"))
        var tagged = untagged
        tagged.scenarios = ["broue"]
        #expect(untagged.holds(in: nil) && untagged.holds(in: "broue") && untagged.holds(in: "getty"))
        #expect(!tagged.holds(in: nil) && tagged.holds(in: "broue") && !tagged.holds(in: "getty"))
        let net = try TemporalNetwork(info: try info(), actors: [], ties: [])
        #expect(try net.resolveScenario(nil) == "a")
        #expect(try net.resolveScenario("b") == "b")
        #expect(throws: TemporalNetworkError.unknownScenario("c", known: ["a", "b"])) { try net.resolveScenario("c") }
    }

    @Test("Source references keep their locator")
    func sourceReferences() {
        let r = SourceReference(parsing: " wp-bloc#The Zinovievists ")
        #expect(r.source == "wp-bloc")
        #expect(r.locator == "The Zinovievists")
        #expect(r.description == "wp-bloc#The Zinovievists")
        #expect(SourceReference(parsing: "corin").locator == nil)
    }
}
