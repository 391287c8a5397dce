import Coalitions
import DatasetIO
import Foundation
import Snapshots
import TemporalModel
import Testing
import TestSupport

/// The coalition naming rule (Sources/Coalitions/CoalitionLabels.swift) and short person names.
@Suite struct CoalitionLabelsTests {
    /// Factions F (members a, b, c) and G (member d); e is in no faction. Ids sort as a, b, c, d, e, f-faction, g-faction.
    func tiny() throws -> (TemporalNetwork, Snapshot) {
        func y(_ year: Int) throws -> HistoricalDate { try HistoricalDate(year: year) }
        let actors = [
            Actor(id: "a", name: "Anna Alpha", kind: .person), Actor(id: "b", name: "Boris Beta", kind: .person),
            Actor(id: "c", name: "Chen Duxiu", kind: .person), Actor(id: "d", name: "N. Delta (Real Name)", kind: .person),
            Actor(id: "e", name: "Eve Epsilon", kind: .person),
            Actor(id: "f-faction", name: "Faction F (the Fs)", kind: .faction, start: try y(1920)),
            Actor(id: "g-faction", name: "Group G: a, b", kind: .faction, start: try y(1920)),
        ]
        func i(_ id: String) -> Int32 { Int32(actors.firstIndex { $0.id == id }!) }
        var ties: [Tie] = []
        for m in ["a", "b", "c"] { ties.append(Tie(source: i(m), target: i("f-faction"), relation: .member, start: try y(1926), end: try y(1926))) }
        ties.append(Tie(source: i("d"), target: i("g-faction"), relation: .member, start: try y(1926), end: try y(1926)))
        ties.append(Tie(source: i("e"), target: i("a"), relation: .alliance, start: try y(1926), end: try y(1926)))
        ties.append(Tie(source: i("f-faction"), target: i("g-faction"), relation: .alliance, start: try y(1926), end: try y(1926)))
        let info = DatasetInfo(name: "tiny", title: "Tiny", spanStart: try y(1926), spanEnd: try y(1926))
        let network = try TemporalNetwork(info: info, actors: actors, ties: ties, events: [])
        let snapshot = try SnapshotBuilder(network: network, options: SnapshotOptions(level: .persons)).build()[0]
        return (network, snapshot)
    }

    @Test("Persons level: a clear majority names the coalition after its faction; half is not a majority")
    func personsLevel() throws {
        let (network, s) = try tiny()
        func nodes(_ ids: [String]) -> [Int] { ids.map { s.node(of: network.index(of: $0)!)! } }
        // {a, b, c, d}: 3 of 4 in F (3 > 2): "Faction F (the Fs)".
        let four = CoalitionLabels.label(members: nodes(["a", "b", "c", "d"]), byCentrality: nodes(["d", "a", "b", "c"]),
                                         snapshot: s, network: network)
        #expect(four.label == "Faction F (the Fs)" && four.faction == network.index(of: "f-faction"))
        // {a, b, d, e}: 2 of 4 in F, not more than half: named after the two most central, short names.
        let mixed = CoalitionLabels.label(members: nodes(["a", "b", "d", "e"]), byCentrality: nodes(["d", "a", "b", "e"]),
                                          snapshot: s, network: network)
        #expect(mixed.label == "Delta–Alpha bloc" && mixed.faction == nil)
        // {c, e}: 1 of 2 in F: "Chen Duxiu–Epsilon bloc" (surname-first name kept whole).
        let pair = CoalitionLabels.label(members: nodes(["c", "e"]), byCentrality: nodes(["c", "e"]), snapshot: s, network: network)
        #expect(pair.label == "Chen Duxiu–Epsilon bloc")
    }

    @Test("Factions level: each faction counts as its own; two factions have no majority and make a bloc")
    func factionsLevel() throws {
        let (network, _) = try tiny()
        let s = try SnapshotBuilder(network: network, options: SnapshotOptions(level: .factions)).build()[0]
        let f = s.node(of: network.index(of: "f-faction")!)!, g = s.node(of: network.index(of: "g-faction")!)!
        let bloc = CoalitionLabels.label(members: [f, g], byCentrality: [g, f], snapshot: s, network: network)
        #expect(bloc.label == "Group G–Faction F bloc" && bloc.faction == nil)
    }

    @Test("Short faction names for bloc labels: every faction and group of the Soviet dataset, written by hand")
    func shortFactionNames() throws {
        let expected: [String: String] = [
            "Workers' Opposition": "Workers' Opposition", "Group of Democratic Centralism (Decists)": "Decists",
            "Signatories of the Declaration of 46": "Declaration of 46",
            "Triumvirate (troika): Zinoviev, Kamenev, Stalin": "Triumvirate", "Stalin's Centre": "Stalin's Centre",
            "Left Opposition": "Left Opposition", "Right Opposition": "Right Opposition",
            "New Opposition (Leningrad, 'Opposition of 1925')": "New Opposition", "United (Joint) Opposition": "United Opposition",
            "Group of 15": "Group of 15", "International Left Opposition (ILO)": "ILO", "International Communist League (ICL)": "ICL",
            "Chinese Left Opposition": "Chinese Left Opposition", "Sten-Lominadze group ('Left-Right bloc')": "Sten-Lominadze group",
            "Ryutin group / Union of Marxist-Leninists": "Ryutin group", "Eismont group": "Eismont group",
            "Safarov-Tarkhan group": "Safarov-Tarkhan group", "The 'liberals' (unknown liberal faction)": "'liberals'",
            "The Zinovievists": "Zinovievists", "The Trotskyist groups ('our group')": "Trotskyist groups",
            "Bloc of Oppositions (1932-33)": "Bloc of Oppositions", "Politburo": "Politburo", "Central Committee": "Central Committee",
            "Communist International (Comintern)": "Comintern", "Moscow party leadership": "Moscow party leadership",
        ]
        if FileManager.default.fileExists(atPath: SovietDatasetTests.folder + "/actors.csv") {
            let network = try DatasetLoader.load(SovietDatasetTests.folder)
            #expect(Set(network.actors.filter { $0.kind != .person }.map(\.name)) == Set(expected.keys), "every faction and group has an expected short name")
        }
        for (name, short) in expected { #expect(CoalitionLabels.shortFactionName(name) == short, "\(name)") }
        #expect(CoalitionLabels.shortFactionName("(X)") == "(X)", "nothing left: the name as it is")
        #expect(CoalitionLabels.shortFactionName("Bloc (a)") == "Bloc", "a lower-case bracket is a remark, not a nickname")
    }

    @Test("Short names for every person of the Soviet dataset", .enabled(if: FileManager.default.fileExists(atPath: SovietDatasetTests.folder + "/actors.csv")))
    func sovietShortNames() throws {
        let network = try DatasetLoader.load(SovietDatasetTests.folder)
        // Written by hand from actors.csv: the name a historian uses; bracketed real names dropped; Chen Duxiu whole.
        let expected: [String: String] = [
            "trotsky": "Trotsky", "sedov": "Sedov", "zinoviev": "Zinoviev", "kamenev": "Kamenev", "stalin": "Stalin",
            "bukharin": "Bukharin", "rykov": "Rykov", "tomsky": "Tomsky", "krupskaya": "Krupskaya", "molotov": "Molotov",
            "kirov": "Kirov", "lenin": "Lenin", "smirnov-in": "Smirnov", "smirnov-v": "Smirnov", "sapronov": "Sapronov",
            "osinsky": "Osinsky", "preobrazhensky": "Preobrazhensky", "pyatakov": "Pyatakov", "radek": "Radek",
            "rakovsky": "Rakovsky", "smilga": "Smilga", "muralov": "Muralov", "sosnovsky": "Sosnovsky",
            "antonov-ovseenko": "Antonov-Ovseenko", "bosch": "Bosch", "bubnov": "Bubnov", "beloborodov": "Beloborodov",
            "boguslavsky": "Boguslavsky", "chen-duxiu": "Chen Duxiu", "drobnis": "Drobnis", "joffe": "Joffe",
            "joffe-nadezhda": "Joffe", "kosior-i": "Kosior", "krestinsky": "Krestinsky", "mrachkovsky": "Mrachkovsky",
            "lomov": "Lomov", "serge": "Serge", "ryutin": "Ryutin", "lominadze": "Lominadze", "sten": "Sten",
            "eismont": "Eismont", "safarov": "Safarov", "tarkhan": "Tarkhan", "konstantinov": "Konstantinov",
            "slepkov": "Slepkov", "tokaev": "Tokaev", "grunstein": "Grunstein",
        ]
        let persons = network.actors.filter { $0.kind == .person }
        #expect(Set(persons.map(\.id)) == Set(expected.keys), "every person of the dataset has an expected short name")
        for a in persons { #expect(PersonName.short(a.name) == expected[a.id], "\(a.name)") }
        #expect(PersonName.short("Bukharin, Nikolai") == "Bukharin")
        #expect(PersonName.short("Charles de Gaulle") == "de Gaulle")
    }

    @Test("Soviet run: labels are never ids; a faction label has a majority of members in that faction", arguments: [Level.persons, .factions])
    func sovietLabels(_ level: Level) throws {
        guard FileManager.default.fileExists(atPath: SovietDatasetTests.folder + "/ties.csv") else { return }
        let network = try DatasetLoader.load(SovietDatasetTests.folder)
        let options = SnapshotOptions(level: level, scenario: try network.resolveScenario(nil))
        let h = analyzeCoalitions(try SnapshotBuilder(network: network, options: options).build(), network: network)
        for p in h.periods {
            let factionOf = CoalitionLabels.primaryFactions(p.snapshot, network: network)
            for c in p.coalitions {
                #expect(c.label.range(of: #"^(C|#)\d+$"#, options: .regularExpression) == nil, "\(p.period.label): \(c.label)")
                if let f = c.faction {
                    let inF = c.members.filter { $0 == f || factionOf[$0] == f }.count
                    #expect(2 * inF > c.size, "\(p.period.label): \(c.label) has \(inF) of \(c.size)")
                } else {
                    #expect(c.label.hasSuffix(" bloc"))
                }
            }
        }
        if level == .persons {
            #expect(h.periods.first { $0.period.label == "1926" }?.coalitions.map(\.label).contains("United (Joint) Opposition") == true)
        } else {
            // 1924: Right Opposition, Stalin's Centre and the Triumvirate together: three factions, no majority.
            let c1924 = h.periods.first { $0.period.label == "1924" }?.coalitions.first { $0.size == 3 && $0.faction == nil }
            #expect(c1924 != nil)
        }
    }
}
