import Foundation
import TemporalModel

/// Loads a dataset folder (`dataset.yaml`, `actors.csv`, `ties.csv`, optional `events.csv`) into a
/// ``TemporalNetwork``.
///
/// Loading is all or nothing: every file is checked in one pass, every problem is collected as a
/// ``Diagnostic`` (`file:line:column: message`), and if there is any, nothing is returned.
///
/// - Complexity: O(bytes + m) with hashing; a million ties load in a few seconds.
public enum DatasetLoader {
    /// Loads the dataset in `folder` (a path; diagnostics name files under it as given), in phases: the manifest,
    /// actors, ties (checked against the actors and the manifest), events, then the network.
    public static func load(_ folder: String) throws(DatasetLoadError) -> TemporalNetwork {
        var d: [Diagnostic] = []
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetLoadError(diagnostics: [Diagnostic(file: folder, line: 0, column: 0, message: "no such dataset folder")])
        }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        func path(_ name: String) -> String { base + "/" + name }

        func bytes(_ name: String, required: Bool) -> [UInt8]? {
            let p = path(name)
            guard FileManager.default.fileExists(atPath: p) else {
                if required { d.append(Diagnostic(file: p, line: 0, column: 0, message: "missing (a dataset needs dataset.yaml, actors.csv and ties.csv)")) }
                return nil
            }
            guard let data = FileManager.default.contents(atPath: p) else {
                d.append(Diagnostic(file: p, line: 0, column: 0, message: "cannot be read"))
                return nil
            }
            return [UInt8](data)
        }

        var info: DatasetInfo?
        if let yaml = bytes("dataset.yaml", required: true) { info = readManifest(yaml, file: path("dataset.yaml"), into: &d) }
        // Without a readable manifest, sources and scenarios are not checked (its own problems are reported).
        let declaredSources = info.map { Set($0.sources.map(\.id)) }
        let declaredScenarios = info.map { Set($0.scenarios.map(\.id)) }
        var actors = ActorList()
        if let data = bytes("actors.csv", required: true) { actors = readActors(data, file: path("actors.csv"), into: &d) }
        var ties: [Tie] = []
        if let data = bytes("ties.csv", required: true) {
            ties = readTies(data, file: path("ties.csv"), actors: actors, sources: declaredSources, scenarios: declaredScenarios, into: &d)
        }
        var events: [Event] = []
        if let data = bytes("events.csv", required: false) {
            events = readEvents(data, file: path("events.csv"), actors: actors, sources: declaredSources, into: &d)
        }
        return try assemble(info, actors: actors.list, ties: ties, events: events, folder: base, diagnostics: d)
    }

    /// The actors read, by id, and whether the file could be read as a whole (else ties and events are not
    /// checked against the list, so that one broken file does not bury its own message under a flood of others).
    struct ActorList {
        var list: [Actor] = []
        var index: [String: Int32] = [:]
        var readable = false
    }

    /// Phase 1: `dataset.yaml` (``DatasetManifest``), after its encoding and emptiness are checked.
    static func readManifest(_ yaml: [UInt8], file: String, into d: inout [Diagnostic]) -> DatasetInfo? {
        if let bad = CSVReader.firstInvalidUTF8(yaml) {
            d.append(Diagnostic(file: file, line: bad.line, column: bad.column, message: "invalid UTF-8"))
        } else if yaml.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            d.append(Diagnostic(file: file, line: 0, column: 0, message: "the file is empty"))
        } else {
            return DatasetManifest.read(text: String(decoding: yaml, as: UTF8.self), file: file, diagnostics: &d)
        }
        return nil
    }

    /// Phase 2: `actors.csv`: ids unique and well-formed, kinds known, lifetimes in order.
    static func readActors(_ data: [UInt8], file: String, into d: inout [Diagnostic]) -> ActorList {
        var actors: [Actor] = []
        var actorIndex: [String: Int32] = [:]
        var table = Table(file: file, required: ["id", "name", "kind"], optional: ["start", "end", "note"])
        table.read(data, into: &d) { r, d in
            guard let id = r.identifier("id", &d), let name = r.nonEmpty("name", &d) else { return }
            let kindText = r["kind"]
            guard let kind = ActorKind(rawValue: kindText) else {
                r.report("kind", "unknown kind '\(kindText)' (use faction, person or group; a party, state or tribe is a faction)", &d); return
            }
            let start = r.date("start", &d), end = r.date("end", &d)
            if let s = start, let e = end, e.lastDay < s.firstDay {
                r.report("end", DatasetLoader.reversed(start: s, end: e), &d); return
            }
            if actorIndex[id] != nil { r.report("id", "duplicate actor id '\(id)'", &d); return }
            actorIndex[id] = Int32(actors.count)
            actors.append(Actor(id: id, name: name, kind: kind, start: start, end: end, note: r["note"]))
        }
        return ActorList(list: actors, index: actorIndex, readable: table.fileLevelProblems == 0)
    }

    /// Phase 3: `ties.csv`: known actors of the kinds the relation needs (``Relation/mismatch(source:target:)``),
    /// dates in order, weights and confidences in range, declared sources and scenarios (`nil`: not checked).
    static func readTies(_ data: [UInt8], file: String, actors list: ActorList, sources declaredSources: Set<String>?,
                         scenarios declaredScenarios: Set<String>?, into d: inout [Diagnostic]) -> [Tie] {
        let actors = list.list, actorIndex = list.index, actorsReadable = list.readable
        var table = Table(file: file, required: ["source", "target", "relation", "start"],
                          optional: ["end", "weight", "confidence", "sources", "scenario", "note"])
        // Each row is checked on its own: the rows are checked on all cores, and the ties and diagnostics come
        // back in row order (``Table/map(_:into:_:)``).
        return table.map(data, into: &d) { r, d -> Tie? in
            var ok = true
            func actor(_ column: String) -> Int32? {
                let id = r[column]
                if id.isEmpty { r.report(column, "empty \(column) actor id", &d); ok = false; return nil }
                guard let i = actorIndex[id] else {
                    if actorsReadable { r.report(column, "unknown actor id '\(id)'", &d) }
                    ok = false
                    return nil
                }
                return i
            }
            let s = actor("source"), t = actor("target")
            let relText = r["relation"]
            let relation = Relation(rawValue: relText)
            if relation == nil {
                r.report("relation", "unknown relation '\(relText)' (use alliance, rivalry, member, merged-into or split-from)", &d)
                ok = false
            }
            if let s, let t, s == t { r.report("target", "a tie joins an actor to itself", &d); ok = false }
            if let s, let t, let relation {
                if let mismatch = relation.mismatch(source: actors[Int(s)].kind, target: actors[Int(t)].kind) {
                    r.report("source", mismatch.description(), &d)
                    ok = false
                }
            }
            let startText = r["start"]
            var start: HistoricalDate?
            if startText.isEmpty { r.report("start", "empty start date", &d); ok = false } else { start = r.date("start", &d); if start == nil { ok = false } }
            let end = r.date("end", &d)
            if !r["end"].isEmpty && end == nil { ok = false }
            if let start, let end, end.lastDay < start.firstDay { r.report("end", DatasetLoader.reversed(start: start, end: end), &d); ok = false }
            var weight = 1.0
            if !r["weight"].isEmpty {
                if let w = Double(r["weight"]), w.isFinite, w > 0 { weight = w } else {
                    r.report("weight", "weight '\(r["weight"])' is not a finite number > 0", &d); ok = false
                }
            }
            var confidence = 1.0
            if !r["confidence"].isEmpty {
                if let c = Double(r["confidence"]), c >= 0, c <= 1 { confidence = c } else {
                    r.report("confidence", "confidence '\(r["confidence"])' is outside [0, 1]", &d); ok = false
                }
            }
            let refs = r.sourceReferences("sources", declared: declaredSources, &d)
            if refs == nil { ok = false }
            var scenarios: [String] = []
            for tag in r["scenario"].split(separator: ";").map({ $0.trimmingSpaces }) where !tag.isEmpty {
                if let declaredScenarios, !declaredScenarios.contains(tag) {
                    r.report("scenario", "scenario '\(tag)' is not declared in dataset.yaml", &d); ok = false
                }
                scenarios.append(tag)
            }
            guard ok, let s, let t, let relation, let start else { return nil }
            return Tie(source: s, target: t, relation: relation, start: start, end: end, weight: weight,
                       confidence: confidence, sources: refs ?? [], scenarios: scenarios, note: r["note"])
        }
    }

    /// Phase 4: `events.csv`: dates, lowercase kinds, known actors, declared sources.
    static func readEvents(_ data: [UInt8], file: String, actors list: ActorList, sources declaredSources: Set<String>?,
                           into d: inout [Diagnostic]) -> [Event] {
        let actorIndex = list.index, actorsReadable = list.readable
        var events: [Event] = []
        var table = Table(file: file, required: ["date", "kind", "description"], optional: ["actors", "sources"])
        table.read(data, into: &d) { r, d in
            var ok = true
            guard let date = r.date("date", &d) else {
                if r["date"].isEmpty { r.report("date", "empty date", &d) }
                return
            }
            let kind = r["kind"]
            if kind.isEmpty || !kind.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 45 || $0 == 95 }) {
                r.report("kind", "event kind '\(kind)' must be a lowercase word", &d); ok = false
            }
            var ids: [String] = []
            for id in r["actors"].split(separator: ";").map({ $0.trimmingSpaces }) where !id.isEmpty {
                if actorIndex[id] == nil {
                    if actorsReadable { r.report("actors", "unknown actor id '\(id)'", &d) }
                    ok = false
                }
                ids.append(id)
            }
            let description = r["description"]
            if description.isEmpty { r.report("description", "empty description", &d); ok = false }
            let refs = r.sourceReferences("sources", declared: declaredSources, &d)
            guard ok, let refs else { return }
            events.append(Event(date: date, kind: kind, actors: ids, description: description, sources: refs))
        }
        return events
    }

    /// Phase 5: the network, when no problem was found (events in date order).
    static func assemble(_ info: DatasetInfo?, actors: [Actor], ties: [Tie], events: [Event], folder base: String,
                         diagnostics: [Diagnostic]) throws(DatasetLoadError) -> TemporalNetwork {
        var d = diagnostics
        guard d.isEmpty, let info else {
            if d.isEmpty { d.append(Diagnostic(file: base + "/dataset.yaml", line: 0, column: 0, message: "could not be read")) }
            throw DatasetLoadError(diagnostics: d)
        }
        do {
            return try TemporalNetwork(info: info, actors: actors, ties: ties, events: events.sorted { $0.date < $1.date })
        } catch {
            throw DatasetLoadError(diagnostics: [Diagnostic(file: base, line: 0, column: 0, message: error.description)])
        }
    }
}

extension DatasetLoader {
    /// The message for an end before its start. For uncertain dates the check compares the values the deterministic
    /// analysis uses (``HistoricalDate/resolved``), and the message says so.
    static func reversed(start: HistoricalDate, end: HistoricalDate) -> String {
        guard start.isUncertain || end.isUncertain else { return "end \(end) is before start \(start)" }
        return "end \(end) is before start \(start) as the analysis reads them (\(end.resolved) before \(start.resolved); a range is read as its middle unit)"
    }
}

/// A CSV file with a header naming its columns: maps column names to positions and reports problems.
struct Table {
    let file: String
    let required: [String]
    let optional: [String]
    /// Problems with the file as a whole (encoding, quoting, header, emptiness) found by ``read(_:into:_:)``.
    private(set) var fileLevelProblems = 0

    /// A data row with access by column name.
    struct Row: Sendable {
        let record: CSVRecord
        let columns: [String: Int]
        let file: String

        subscript(_ column: String) -> String {
            guard let i = columns[column] else { return "" }
            return record.fields[i].trimmingSpaces
        }

        func report(_ column: String, _ message: String, _ d: inout [Diagnostic]) {
            let p = columns[column].map { record.positions[$0] } ?? TextPosition(line: record.line, column: 0)
            d.append(Diagnostic(file: file, line: p.line, column: p.column, message: message))
        }

        func nonEmpty(_ column: String, _ d: inout [Diagnostic]) -> String? {
            let v = self[column]
            if v.isEmpty { report(column, "empty \(column)", &d); return nil }
            return v
        }

        func identifier(_ column: String, _ d: inout [Diagnostic]) -> String? {
            guard let v = nonEmpty(column, &d) else { return nil }
            guard DatasetManifest.isIdentifier(v) else {
                report(column, "\(column) '\(v)' must use only letters, digits, '-', '_' and '.'", &d); return nil
            }
            return v
        }

        /// The date in `column` in any dataset form (exact, qualified or a range), or nil if empty (no report) or
        /// invalid (reported).
        func date(_ column: String, _ d: inout [Diagnostic]) -> HistoricalDate? {
            let v = self[column]
            guard !v.isEmpty else { return nil }
            do { return try HistoricalDate(parsingUncertain: v) } catch { report(column, error.description, &d); return nil }
        }

        /// The `;`-separated source references in `column`; nil (reported) if one is not declared.
        func sourceReferences(_ column: String, declared: Set<String>?, _ d: inout [Diagnostic]) -> [SourceReference]? {
            var refs: [SourceReference] = []
            var ok = true
            for part in self[column].split(separator: ";") {
                let ref = SourceReference(parsing: part)
                guard !ref.source.isEmpty else { continue }
                if let declared, !declared.contains(ref.source) {
                    report(column, "source '\(ref.source)' is not declared in dataset.yaml", &d); ok = false
                }
                refs.append(ref)
            }
            return ok ? refs : nil
        }
    }

    /// ``read(_:into:_:)`` with each data row turned into a value (or none) by `transform`, which may report
    /// problems of its row: the file is split into records on one core, then the rows are transformed in chunks on
    /// all cores. The values come back in row order and the diagnostics in the order the serial read gives them
    /// (the file's own problems where they were found, each row's after it).
    /// - Complexity: O(bytes) plus the rows' transforms, spread over the cores.
    mutating func map<T: Sendable>(_ bytes: [UInt8], into d: inout [Diagnostic],
                                   _ transform: @escaping @Sendable (Row, inout [Diagnostic]) -> T?) -> [T] {
        var rows: [Row] = []
        // Before row i, the file-level diagnostics were d[..<before[i]].
        var before: [Int] = []
        rows.reserveCapacity(bytes.count / 48)
        before.reserveCapacity(bytes.count / 48)
        read(bytes, into: &d) { r, d in
            rows.append(r)
            before.append(d.count)
        }
        let chunks = max(1, min(16, rows.count / 2048))
        let results = TableChunks<T>(count: chunks)
        let all = rows
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let range = (all.count * c / chunks)..<(all.count * (c + 1) / chunks)
            var piece = TableChunks<T>.Piece()
            piece.values.reserveCapacity(range.count)
            piece.ends.reserveCapacity(range.count)
            for i in range {
                if let value = transform(all[i], &piece.diagnostics) { piece.values.append(value) }
                piece.ends.append(piece.diagnostics.count)
            }
            results.set(c, piece)
        }
        let fileLevel = d
        d.removeAll(keepingCapacity: true)
        var values: [T] = []
        values.reserveCapacity(rows.count)
        var used = 0, row = 0
        for piece in results.pieces() {
            var start = 0
            for end in piece.ends {
                d += fileLevel[used..<before[row]]
                used = before[row]
                d += piece.diagnostics[start..<end]
                start = end
                row += 1
            }
            values += piece.values
        }
        d += fileLevel[used...]
        return values
    }

    /// Reads the file: checks the header, then calls `body` for each data row with the right field count.
    mutating func read(_ bytes: [UInt8], into d: inout [Diagnostic], _ body: (Row, inout [Diagnostic]) -> Void) {
        var columns: [String: Int]? = nil
        var headerCount = 0
        var sawHeader = false
        var headerOK = true
        // Ill-formed UTF-8 is reported where it is, and the file is still read for its other problems.
        let invalid = CSVReader.invalidUTF8(bytes, limit: 21)
        for p in invalid.prefix(20) {
            d.append(Diagnostic(file: file, line: p.line, column: p.column, message: "invalid UTF-8 (save the file as UTF-8 text)"))
        }
        if invalid.count > 20 { d.append(Diagnostic(file: file, line: 0, column: 0, message: "more invalid UTF-8 after the first 20 places")) }
        let problem = CSVReader.read(bytes) { record in
            if !sawHeader {
                sawHeader = true
                var map: [String: Int] = [:]
                headerCount = record.fields.count
                for (i, raw) in record.fields.enumerated() {
                    let name = raw.trimmingSpaces
                    if !required.contains(name) && !optional.contains(name) {
                        d.append(Diagnostic(file: file, line: record.positions[i].line, column: record.positions[i].column,
                                            message: "unknown column '\(name)' (known: \((required + optional).joined(separator: ", ")))"))
                        headerOK = false
                    } else if map[name] != nil {
                        d.append(Diagnostic(file: file, line: record.positions[i].line, column: record.positions[i].column,
                                            message: "column '\(name)' appears twice"))
                        headerOK = false
                    }
                    map[name] = i
                }
                for r in required where map[r] == nil {
                    d.append(Diagnostic(file: file, line: record.line, column: 0, message: "missing required column '\(r)'"))
                    headerOK = false
                }
                columns = map
                return
            }
            guard headerOK, let columns else { return }
            guard record.fields.count == headerCount else {
                d.append(Diagnostic(file: file, line: record.line, column: 0,
                                    message: "row has \(record.fields.count) fields, the header has \(headerCount)"))
                return
            }
            body(Row(record: record, columns: columns, file: file), &d)
        }
        switch problem {
        case .invalidUTF8(let p)?: d.append(Diagnostic(file: file, line: p.line, column: p.column, message: "invalid UTF-8"))
        case .unterminatedQuote(let p)?: d.append(Diagnostic(file: file, line: p.line, column: p.column, message: "quoted field is never closed"))
        case .textAfterClosingQuote(let p)?: d.append(Diagnostic(file: file, line: p.line, column: p.column, message: "text after a closing quote (double a quote inside a quoted field: \"\")"))
        case nil: break
        }
        if problem == nil && !sawHeader {
            d.append(Diagnostic(file: file, line: 0, column: 0, message: "the file is empty (it needs at least a header row)"))
        }
        fileLevelProblems = (problem == nil ? 0 : 1) + (sawHeader ? 0 : 1) + (headerOK ? 0 : 1)
    }
}

/// The per-chunk results of ``Table/map(_:into:_:)``, each written once by its own thread.
private final class TableChunks<T: Sendable>: @unchecked Sendable {
    struct Piece {
        var values: [T] = []
        var diagnostics: [Diagnostic] = []
        /// After the chunk's row k, its diagnostics so far are diagnostics[..<ends[k]].
        var ends: [Int] = []
    }

    private let lock = NSLock()
    private var slots: [Piece?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ c: Int, _ piece: Piece) {
        lock.lock()
        slots[c] = piece
        lock.unlock()
    }

    func pieces() -> [Piece] { slots.map { $0! } }
}
