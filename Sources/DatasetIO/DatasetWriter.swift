import Foundation
import TemporalModel

/// Writes a temporal network back as a dataset folder (`dataset.yaml`, `actors.csv`, `ties.csv`, and
/// `events.csv` when there are events) that ``DatasetLoader`` reads into the same network.
///
/// Every text field is quoted as needed (CSV per RFC 4180, YAML double-quoted scalars with escapes), dates keep
/// their precision and their form (`1926~`, `[1929..1934]`), weights, confidences and scenario weights their exact
/// value; default values (weight 1, confidence 1) are written empty as in hand-made datasets. Free text loses leading and trailing spaces, which the loader trims anyway.
///
/// - Complexity: O(n + m + events).
public enum DatasetWriter {
    /// The four files' contents by name (`events.csv` only when there are events).
    public static func files(_ network: TemporalNetwork) -> [(name: String, text: String)] {
        var files = [("dataset.yaml", yaml(network.info)), ("actors.csv", actors(network)), ("ties.csv", ties(network))]
        if !network.events.isEmpty { files.append(("events.csv", events(network))) }
        return files.map { (name: $0.0, text: $0.1) }
    }

    /// Writes the files into `folder`, creating it if needed.
    /// - Throws: the file system's error.
    public static func write(_ network: TemporalNetwork, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files(network) {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name), options: .atomic)
        }
    }

    static func yaml(_ info: DatasetInfo) -> String {
        var out = "name: \(quoted(info.name))\ntitle: \(quoted(info.title))\n"
        if !info.description.isEmpty { out += "description: \(quoted(info.description))\n" }
        out += "span: {start: \(quoted(info.spanStart.description)), end: \(quoted(info.spanEnd.description))}\n"
        out += "default_period: \(quoted(info.defaultPeriod))\n"
        if let d = info.defaultScenario { out += "default_scenario: \(quoted(d))\n" }
        // A dataset needs a source; a network without one is written as it is and the loader names the gap.
        out += info.sources.isEmpty ? "sources: []\n" : "sources:\n"
        for s in info.sources {
            out += "  - id: \(quoted(s.id))\n    citation: \(quoted(s.citation))\n"
            if let f = s.file { out += "    file: \(quoted(f))\n" }
        }
        if !info.scenarios.isEmpty {
            out += "scenarios:\n"
            for s in info.scenarios {
                out += "  - id: \(quoted(s.id))\n    description: \(quoted(s.description))\n"
                if let w = s.weight { out += "    weight: \(ExportText.number(w))\n" }
            }
        }
        if !info.windows.isEmpty {
            out += "windows:\n"
            for w in info.windows {
                out += "  - id: \(quoted(w.id))\n    start: \(quoted(w.start.description))\n    end: \(quoted(w.end.description))\n"
            }
        }
        return out
    }

    static func actors(_ network: TemporalNetwork) -> String {
        var out = "id,name,kind,start,end,note\n"
        for a in network.actors {
            out += [a.id, a.name, a.kind.rawValue, a.start?.description ?? "", a.end?.description ?? "", a.note]
                .map(ExportText.csv).joined(separator: ",") + "\n"
        }
        return out
    }

    static func ties(_ network: TemporalNetwork) -> String {
        var out = "source,target,relation,start,end,weight,confidence,sources,scenario,note\n"
        for t in network.ties {
            let fields = [
                network.actors[Int(t.source)].id, network.actors[Int(t.target)].id, t.relation.rawValue,
                t.start.description, t.end?.description ?? "",
                t.weight == 1 ? "" : ExportText.number(t.weight), t.confidence == 1 ? "" : ExportText.number(t.confidence),
                ExportModel.sources(t), ExportModel.scenarios(t), t.note,
            ]
            out += fields.map(ExportText.csv).joined(separator: ",") + "\n"
        }
        return out
    }

    static func events(_ network: TemporalNetwork) -> String {
        var out = "date,kind,actors,description,sources\n"
        for e in network.events {
            out += [e.date.description, e.kind, e.actors.joined(separator: ";"), e.description,
                    e.sources.map(\.description).joined(separator: ";")].map(ExportText.csv).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A YAML double-quoted scalar: `\` and `"` escaped, line breaks, tabs and other control characters as escapes.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u.value == 0xFEFF
                    || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
