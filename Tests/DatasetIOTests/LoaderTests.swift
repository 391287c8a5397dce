import Foundation
import Testing
import TestSupport
@testable import DatasetIO
@testable import TemporalModel

/// Loads a dataset expected to fail and returns its diagnostics with the folder prefix removed.
func problems(yaml: String? = TempDataset.yaml, actors: String? = TempDataset.actors, ties: String? = TempDataset.ties,
              events: String? = nil, raw: [String: [UInt8]] = [:]) throws -> [String] {
    let ds = try TempDataset(yaml: yaml, actors: actors, ties: ties, events: events, raw: raw)
    defer { ds.remove() }
    do {
        _ = try DatasetLoader.load(ds.path)
        return []
    } catch {
        return error.diagnostics.map { $0.description.replacingOccurrences(of: ds.path + "/", with: "") }
    }
}

let tieHeader = "source,target,relation,start,end,weight,confidence,sources,scenario,note\n"

@Suite("Dataset loader")
struct LoaderTests {
    @Test("A valid dataset loads with every field")
    func valid() throws {
        let events = "date,kind,actors,description,sources\n1925-12,congress,stalin;zinoviev,\"XIV Congress, 559 to 65\",s1#Congress\n"
        let ds = try TempDataset(events: events)
        defer { ds.remove() }
        let net = try DatasetLoader.load(ds.path)
        #expect(net.info.name == "tiny")
        #expect(net.info.defaultScenario == "a")
        #expect(net.info.sources.map(\.id) == ["s1", "s2"])
        #expect(net.info.sources[0].file == "000.txt")
        #expect(net.info.windows.first?.interval.length == 14)
        #expect(net.actors.map(\.id) == ["left", "stalin", "troika", "trotsky", "zinoviev"])
        #expect(net.actor("zinoviev")?.name == "Zinoviev, G.")
        #expect(net.actor("left")?.start?.description == "1923-10")
        #expect(net.ties.count == 5)
        let first = net.ties[0]
        #expect(net.actors[Int(first.source)].id == "trotsky")
        #expect(first.relation == .member)
        #expect(first.end == nil)
        #expect(first.sources == [SourceReference(source: "s1", locator: "Sec")])
        #expect(net.ties[4].scenarios == ["a"])
        #expect(net.events.count == 1)
        #expect(net.events[0].actors == ["stalin", "zinoviev"])
        #expect(net.events[0].description == "XIV Congress, 559 to 65")
    }

    @Test("Optional columns may be missing and in any order")
    func optionalColumns() throws {
        let ds = try TempDataset(actors: "kind,name,id\nperson,A,a\nperson,B,b\n", ties: "relation,target,source,start\nalliance,b,a,1924\n")
        defer { ds.remove() }
        let net = try DatasetLoader.load(ds.path)
        #expect(net.ties.count == 1)
        #expect(net.ties[0].weight == 1 && net.ties[0].confidence == 1 && net.ties[0].sources.isEmpty)
    }

    @Test("Unknown actor id, with its position")
    func unknownActor() throws {
        #expect(try problems(ties: tieHeader + "trotsky,lenin,alliance,1923,,,,s1,,\n")
            == ["ties.csv:2:9: unknown actor id 'lenin'"])
    }

    @Test("Duplicate actor id")
    func duplicateActor() throws {
        #expect(try problems(actors: "id,name,kind\na,A,person\nb,B,person\na,A again,person\n", ties: tieHeader)
            == ["actors.csv:4:1: duplicate actor id 'a'"])
    }

    @Test("Malformed and impossible dates")
    func badDates() throws {
        let p = try problems(ties: tieHeader + "trotsky,stalin,rivalry,1923-13,,,,s1,,\ntrotsky,stalin,rivalry,1927-02-29,,,,s1,,\ntrotsky,stalin,rivalry,23,,,,s1,,\n")
        #expect(p == [
            "ties.csv:2:24: month 13 does not exist",
            "ties.csv:3:24: impossible date 1927-02-29 (that month has 28 days)",
            "ties.csv:4:24: malformed date '23' (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ? ~ or %, or a range such as [1929..1934])",
        ])
    }

    @Test("End before start")
    func endBeforeStart() throws {
        #expect(try problems(ties: tieHeader + "trotsky,stalin,rivalry,1927-05,1927-04,,,s1,,\n")
            == ["ties.csv:2:32: end 1927-04 is before start 1927-05"])
        #expect(try problems(actors: "id,name,kind,start,end\na,A,faction,1927,1926\n", ties: tieHeader)
            == ["actors.csv:2:18: end 1926 is before start 1927"])
    }

    @Test("Unknown relation and unknown kind")
    func unknownRelationAndKind() throws {
        #expect(try problems(ties: tieHeader + "trotsky,stalin,friendship,1923,,,,s1,,\n")
            == ["ties.csv:2:16: unknown relation 'friendship' (use alliance, rivalry, member, merged-into or split-from)"])
        #expect(try problems(actors: "id,name,kind\na,A,party\n", ties: tieHeader)
            == ["actors.csv:2:5: unknown kind 'party' (use faction, person or group; a party, state or tribe is a faction)"])
    }

    @Test("Confidence outside [0, 1] and weights that are not finite numbers")
    func confidenceAndWeight() throws {
        let p = try problems(ties: tieHeader + "trotsky,stalin,rivalry,1923,,1,1.5,s1,,\ntrotsky,stalin,rivalry,1923,,nan,,s1,,\ntrotsky,stalin,rivalry,1923,,abc,-0.1,s1,,\n")
        #expect(p == [
            "ties.csv:2:32: confidence '1.5' is outside [0, 1]",
            "ties.csv:3:30: weight 'nan' is not a finite number > 0",
            "ties.csv:4:30: weight 'abc' is not a finite number > 0",
            "ties.csv:4:34: confidence '-0.1' is outside [0, 1]",
        ])
    }

    @Test("A membership must join a person to a faction or group")
    func membershipEnds() throws {
        #expect(try problems(ties: tieHeader + "left,troika,member,1924,,,,s1,,\nstalin,trotsky,member,1924,,,,s1,,\n") == [
            "ties.csv:2:1: a membership needs a person as source and a faction or group as target (got faction → faction)",
            "ties.csv:3:1: a membership needs a person as source and a faction or group as target (got person → person)",
        ])
    }

    @Test("Lineage must join factions or groups")
    func lineageEnds() throws {
        #expect(try problems(ties: tieHeader + "trotsky,left,merged-into,1926,,,,s1,,\n")
            == ["ties.csv:2:1: merged-into needs factions or groups at both ends (got person → faction)"])
    }

    @Test("A source or scenario that dataset.yaml does not declare")
    func undeclaredSource() throws {
        #expect(try problems(ties: tieHeader + "trotsky,stalin,rivalry,1923,,,,s1;s9#p. 4,,\ntrotsky,stalin,rivalry,1923,,,,s1,zz,\n") == [
            "ties.csv:2:32: source 's9' is not declared in dataset.yaml",
            "ties.csv:3:35: scenario 'zz' is not declared in dataset.yaml",
        ])
        #expect(try problems(events: "date,kind,description,sources\n1921,ban,Ban on factions,nope\n")
            == ["events.csv:2:26: source 'nope' is not declared in dataset.yaml"])
    }

    @Test("A row with the wrong number of fields")
    func fieldCount() throws {
        #expect(try problems(ties: tieHeader + "trotsky,stalin,rivalry,1923\n")
            == ["ties.csv:2: row has 4 fields, the header has 10"])
    }

    @Test("Bad UTF-8 is located, and does not hide the file's other problems")
    func badUTF8() throws {
        var bytes = Array("id,name,kind\na,Zinov".utf8)
        bytes += [0xC3, 0x28]  // an invalid two-byte sequence
        bytes += Array("ev,person\n".utf8)
        #expect(try problems(actors: nil, ties: tieHeader, raw: ["actors.csv": bytes]) == ["actors.csv:2:8: invalid UTF-8 (save the file as UTF-8 text)"])
        // A duplicate id and an unknown kind on earlier lines are reported too, and each bad sequence where it is.
        var mixed = Array("id,name,kind\na,A,person\na,Again,person\nb,B,planet\nc,C".utf8)
        mixed += [0xFF]
        mixed += Array(",person\nd,D\u{e9}".utf8) + [0xE2, 0x82] + Array(",faction\n".utf8)
        #expect(try problems(actors: nil, ties: tieHeader, raw: ["actors.csv": mixed]) == [
            "actors.csv:5:4: invalid UTF-8 (save the file as UTF-8 text)",
            "actors.csv:6:5: invalid UTF-8 (save the file as UTF-8 text)",
            "actors.csv:3:1: duplicate actor id 'a'",
            "actors.csv:4:5: unknown kind 'planet' (use faction, person or group; a party, state or tribe is a faction)",
        ])
    }

    @Test("Every ill-formed UTF-8 sequence is found once, at its character column")
    func utf8Positions() {
        // By hand: "é" is one column; 0xC0 0xAF is an overlong '/', 0xED 0xA0 0x80 a surrogate, 0xF4 0x90 0x80 0x80
        // is past U+10FFFF, a lone 0x80 a stray continuation byte, 0xE2 0x82 a truncated euro sign.
        let bytes: [UInt8] = Array("é".utf8) + [0xC0, 0xAF] + Array("x\n".utf8) + [0xED, 0xA0, 0x80, 0x41, 0xF4, 0x90, 0x80, 0x80]
            + [0x0A, 0x80, 0x42, 0xE2, 0x82]
        #expect(CSVReader.invalidUTF8(bytes) == [TextPosition(line: 1, column: 2), TextPosition(line: 2, column: 1),
                                                TextPosition(line: 2, column: 3), TextPosition(line: 3, column: 1),
                                                TextPosition(line: 3, column: 2)])
        #expect(CSVReader.invalidUTF8(Array("Zinoviev, Григорий 🙂\n".utf8)).isEmpty)
    }

    @Test("Empty files and missing files")
    func emptyFiles() throws {
        #expect(try problems(actors: "", ties: tieHeader) == ["actors.csv: the file is empty (it needs at least a header row)"])
        #expect(try problems(yaml: "  \n") == ["dataset.yaml: the file is empty"])
        #expect(try problems(ties: nil) == ["ties.csv: missing (a dataset needs dataset.yaml, actors.csv and ties.csv)"])
    }

    @Test("Header problems: missing required, unknown or repeated columns")
    func headers() throws {
        #expect(try problems(actors: "id,name\na,A\n", ties: tieHeader) == ["actors.csv:1: missing required column 'kind'"])
        #expect(try problems(actors: "id,name,kind,colour\na,A,person,red\n", ties: tieHeader)
            == ["actors.csv:1:14: unknown column 'colour' (known: id, name, kind, start, end, note)"])
    }

    @Test("CSV quoting: commas, doubled quotes and line breaks inside fields; unterminated quotes")
    func quoting() throws {
        let ds = try TempDataset(actors: "id,name,kind,note\r\na,\"Smirnov, I. N.\",person,\"said \"\"no\"\"\nthen yes\"\r\n\r\nb,B,person,\n",
                                 ties: tieHeader + "a,b,alliance,1924,,,,s1,,\n")
        defer { ds.remove() }
        let net = try DatasetLoader.load(ds.path)
        #expect(net.actor("a")?.name == "Smirnov, I. N.")
        #expect(net.actor("a")?.note == "said \"no\"\nthen yes")
        #expect(try problems(actors: "id,name,kind\na,\"A,person\n", ties: tieHeader) == ["actors.csv:2:3: quoted field is never closed"])
        #expect(try problems(actors: "id,name,kind\na,\"A\"x,person\n", ties: tieHeader)
            == ["actors.csv:2:6: text after a closing quote (double a quote inside a quoted field: \"\")"])
    }

    @Test("YAML problems are positioned")
    func yamlProblems() throws {
        #expect(try problems(yaml: "name: tiny\ntitle: [unclosed\n").first?.hasPrefix("dataset.yaml:3:1: YAML:") == true)
        let p = try problems(yaml: "name: tiny\ntitle: T\nspan: {start: 1923, end: 1927}\nsources: []\ndefault_scenario: x\ncolour: red\n")
        #expect(p.contains("dataset.yaml:6:1: unknown key 'colour' (known: default_period, default_scenario, description, name, scenarios, sources, span, title, windows)"))
        #expect(p.contains("dataset.yaml:4:10: list at least one source"))
        #expect(p.contains("dataset.yaml:5:19: default_scenario 'x' is not one of the scenarios listed"))
        #expect(try problems(yaml: "name: tiny\ntitle: T\nspan: {start: 1923-13, end: 1927}\nsources: [{id: s1, citation: c}]\n")
            .contains("dataset.yaml:3:15: span.start: month 13 does not exist"))
    }

    @Test("Every problem is reported in one pass, and nothing is loaded")
    func collectsAll() throws {
        let p = try problems(actors: "id,name,kind\na,A,person\na,A,person\nb,B,alien\n",
                             ties: tieHeader + "a,x,alliance,1924,,,,s1,,\na,b,alliance,1924-13,,,,s1,,\n")
        #expect(p.count == 5)
        #expect(p.contains("ties.csv:2:3: unknown actor id 'x'"))
    }

    @Test("A missing folder is one clear problem")
    func missingFolder() {
        #expect(throws: DatasetLoadError.self) { try DatasetLoader.load("/nonexistent/blocs-dataset") }
    }
}
