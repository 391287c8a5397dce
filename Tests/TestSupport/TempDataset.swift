import Foundation

/// A dataset folder written to a fresh temporary directory, for loader and CLI tests.
public struct TempDataset {
    public let path: String

    public static let yaml = """
        name: tiny
        title: Tiny
        span: {start: 1923, end: 1927}
        default_scenario: a
        sources:
          - {id: s1, citation: "Source one", file: 000.txt}
          - {id: s2, citation: "Source two"}
        scenarios:
          - {id: a, description: "reading A"}
          - {id: b}
        windows:
          - {id: xiv, start: 1925-12-18, end: 1925-12-31}

        """

    public static let actors = """
        id,name,kind,start,end,note
        left,Left Opposition,faction,1923-10,1927-12,
        troika,Troika,faction,1923,1925,
        trotsky,Leon Trotsky,person,,,
        stalin,Joseph Stalin,person,,,
        zinoviev,"Zinoviev, G.",person,,,

        """

    public static let ties = """
        source,target,relation,start,end,weight,confidence,sources,scenario,note
        trotsky,left,member,1923-10,,1,1,s1#Sec,,
        stalin,troika,member,1923,1925,,,s1,,
        zinoviev,troika,member,1923,1925,,,s1,,
        trotsky,stalin,rivalry,1923,,,,s1,,
        left,troika,rivalry,1923-10,1925,,,s2,a,

        """

    /// Writes the files (defaults: a valid tiny dataset); pass `nil` to leave a file out.
    public init(yaml: String? = TempDataset.yaml, actors: String? = TempDataset.actors, ties: String? = TempDataset.ties,
                events: String? = nil, raw: [String: [UInt8]] = [:]) throws {
        path = NSTemporaryDirectory() + "blocs-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in [("dataset.yaml", yaml), ("actors.csv", actors), ("ties.csv", ties), ("events.csv", events)] {
            if let text { try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name)) }
        }
        for (name, bytes) in raw { try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + name)) }
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
