import TemporalModel
import Yams

/// Reads `dataset.yaml` into ``DatasetInfo``, collecting problems with their positions.
enum DatasetManifest {
    static let knownKeys: Set<String> = [
        "name", "title", "description", "span", "default_period", "default_scenario", "sources", "scenarios", "windows",
    ]

    static func read(text: String, file: String, diagnostics: inout [Diagnostic]) -> DatasetInfo? {
        func report(_ node: Node?, _ message: String) {
            let mark = node?.mark
            diagnostics.append(Diagnostic(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message))
        }
        let root: Node
        do {
            guard let parsed = try Yams.compose(yaml: text) else {
                diagnostics.append(Diagnostic(file: file, line: 0, column: 0, message: "the file is empty"))
                return nil
            }
            root = parsed
        } catch {
            let p = YAMLProblem(error, in: text)
            diagnostics.append(Diagnostic(file: file, line: p.line, column: p.column, message: p.message))
            return nil
        }
        guard let map = root.mapping else { report(root, "expected a mapping of keys (name:, title:, span:, sources: …)"); return nil }

        var values: [String: Node] = [:]
        for (k, v) in map {
            guard let key = k.string else { report(k, "keys must be text"); continue }
            if !knownKeys.contains(key) {
                report(k, "unknown key '\(key)' (known: \(knownKeys.sorted().joined(separator: ", ")))")
            }
            values[key] = v
        }
        func string(_ key: String, required: Bool) -> String? {
            guard let node = values[key] else {
                if required { report(root, "missing required key '\(key)'") }
                return nil
            }
            guard let s = node.scalar?.string else { report(node, "'\(key)' must be text"); return nil }
            return s
        }
        func date(_ node: Node?, _ what: String) -> HistoricalDate? {
            guard let node else { return nil }
            guard let s = node.scalar?.string else { report(node, "\(what) must be a date"); return nil }
            let text = s.trimmingSpaces
            do { return try HistoricalDate(parsing: text) } catch {
                // Periods need fixed bounds: an uncertain date or a range is refused here with its own reason.
                if let u = try? HistoricalDate(parsingUncertain: text), u.isUncertain {
                    report(node, "\(what): '\(text)' is \(u.form == .range ? "a range" : "an uncertain date"); spans and windows need exact dates")
                } else {
                    report(node, "\(what): \(error)")
                }
                return nil
            }
        }

        let name = string("name", required: true)
        if let name, !isIdentifier(name) { report(values["name"], "name '\(name)' must use only letters, digits, '-', '_' and '.'") }
        let title = string("title", required: true)
        // A title heads every table, diagram and the report (three times in index.html): a 50 MB one made analyze
        // write 200 MB in 10 s. Prose belongs in the description.
        if let title, title.count > DatasetLimits.titleCharacters {
            report(values["title"], "the title has \(title.count) characters; keep it to \(DatasetLimits.titleCharacters) and put the rest in 'description'")
        }
        let description = string("description", required: false) ?? ""
        let defaultPeriod = string("default_period", required: false) ?? "year"
        let defaultScenario = string("default_scenario", required: false)

        var spanStart: HistoricalDate?, spanEnd: HistoricalDate?
        if let span = values["span"] {
            if let m = span.mapping {
                spanStart = date(m["start"], "span.start")
                spanEnd = date(m["end"], "span.end")
                if m["start"] == nil { report(span, "span needs a start") }
                if m["end"] == nil { report(span, "span needs an end") }
                if let s = spanStart, let e = spanEnd, e.lastDay < s.firstDay { report(span, "span ends (\(e)) before it starts (\(s))") }
            } else {
                report(span, "span must be a mapping: {start: YYYY, end: YYYY}")
            }
        } else {
            report(root, "missing required key 'span'")
        }

        var sources: [Source] = []
        if let node = values["sources"] {
            if let seq = node.sequence {
                var seen = Set<String>()
                for item in seq {
                    guard let m = item.mapping, let id = m["id"]?.scalar?.string else {
                        report(item, "a source needs an id (and a citation)"); continue
                    }
                    if !isIdentifier(id) { report(m["id"], "source id '\(id)' must use only letters, digits, '-', '_' and '.'") }
                    if !seen.insert(id).inserted { report(m["id"], "duplicate source id '\(id)'") }
                    guard let citation = m["citation"]?.scalar?.string, !citation.isEmpty else {
                        report(item, "source '\(id)' needs a citation"); continue
                    }
                    for (k, _) in m where !["id", "citation", "file"].contains(k.string ?? "") {
                        report(k, "unknown key '\(k.string ?? "?")' in a source (known: id, citation, file)")
                    }
                    sources.append(Source(id: id, citation: citation, file: m["file"]?.scalar?.string))
                }
                if seq.isEmpty { report(node, "list at least one source") }
            } else {
                report(node, "sources must be a list of {id, citation, file}")
            }
        } else {
            report(root, "missing required key 'sources'")
        }

        var scenarios: [Scenario] = []
        var weighted: [(String, Node)] = [], unweighted: [(String, Node)] = []
        if let node = values["scenarios"] {
            if let seq = node.sequence {
                var seen = Set<String>()
                for item in seq {
                    guard let m = item.mapping, let id = m["id"]?.scalar?.string else { report(item, "a scenario needs an id"); continue }
                    if !isIdentifier(id) { report(m["id"], "scenario id '\(id)' must use only letters, digits, '-', '_' and '.'") }
                    if !seen.insert(id).inserted { report(m["id"], "duplicate scenario id '\(id)'") }
                    for (k, _) in m where !["id", "description", "weight"].contains(k.string ?? "") {
                        report(k, "unknown key '\(k.string ?? "?")' in a scenario (known: id, description, weight)")
                    }
                    var weight: Double?
                    if let node = m["weight"] {
                        let text = node.scalar?.string ?? ""
                        if let w = Double(text.trimmingSpaces), w.isFinite, w > 0 { weight = w } else {
                            report(node, "scenario '\(id)' weight '\(text)' is not a finite number > 0")
                        }
                        weighted.append((id, node))
                    } else {
                        unweighted.append((id, item))
                    }
                    scenarios.append(Scenario(id: id, description: m["description"]?.scalar?.string ?? "", weight: weight))
                }
                // Weights are relative beliefs in each reading: all or none, so that no reading gets one by default.
                if !weighted.isEmpty {
                    for (id, item) in unweighted {
                        report(item, "scenario '\(id)' has no weight while \(weighted.map { "'\($0.0)'" }.joined(separator: ", ")) \(weighted.count == 1 ? "has" : "have") one: give every scenario a weight, or none")
                    }
                }
            } else {
                report(node, "scenarios must be a list of {id, description, weight}")
            }
        }
        if let d = defaultScenario, !scenarios.contains(where: { $0.id == d }) {
            report(values["default_scenario"], "default_scenario '\(d)' is not one of the scenarios listed")
        }

        var windows: [NamedWindow] = []
        if let node = values["windows"] {
            if let seq = node.sequence {
                var seen = Set<String>()
                for item in seq {
                    guard let m = item.mapping, let id = m["id"]?.scalar?.string else { report(item, "a window needs an id, a start and an end"); continue }
                    if !seen.insert(id).inserted { report(m["id"], "duplicate window id '\(id)'") }
                    guard let s = date(m["start"], "window '\(id)' start"), let e = date(m["end"], "window '\(id)' end") else {
                        if m["start"] == nil || m["end"] == nil { report(item, "window '\(id)' needs a start and an end") }
                        continue
                    }
                    guard s.firstDay <= e.lastDay else { report(item, "window '\(id)' ends before it starts"); continue }
                    windows.append(NamedWindow(id: id, start: s, end: e))
                }
            } else {
                report(node, "windows must be a list of {id, start, end}")
            }
        }

        guard let name, let title, let spanStart, let spanEnd, spanStart.firstDay <= spanEnd.lastDay else { return nil }
        return DatasetInfo(name: name, title: title, description: description, spanStart: spanStart, spanEnd: spanEnd,
                           defaultPeriod: defaultPeriod, defaultScenario: defaultScenario, sources: sources,
                           scenarios: scenarios, windows: windows)
    }

    static func isIdentifier(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 45 || c == 95 || c == 46
        }
    }
}

/// Sizes past which a dataset field is refused rather than carried into every output.
public enum DatasetLimits {
    /// The most characters a dataset's title may have.
    public static let titleCharacters = 1_000
}
