import Foundation
import TemporalModel

/// Turns a GEXF file (static or dynamic; 1.1draft, 1.2draft or 1.3) into a dataset: a ``TemporalNetwork`` that
/// ``DatasetWriter`` writes as a dataset folder, so that Gephi users bring their data in.
///
/// ## Mapping
/// - **Nodes → actors.** The id is the node id when it is a valid actor id (`[A-Za-z0-9_.-]+`), else a slug of it
///   (other characters become `-`, `-2`, `-3`… keep slugs unique; each renaming is a warning). The name is the
///   label, else an attribute titled `name`, else the id. The kind comes from an attribute titled `kind`
///   (`faction`, `person` or `group`, any case; another value is an error), else `person`. The lifetime comes from
///   the attributes `lifetime_start` / `lifetime_end` when present (Blocs's own export: the stated lifetime at its
///   precision, empty = not stated), else from the node's spells (their hull; several disjoint spells are a
///   warning) or its `start` / `end` XML attributes; a static node has none (it is inferred from its ties).
/// - **Edges → ties, one tie per spell.** The relation comes from an attribute titled `relation` (`alliance`,
///   `rivalry`, `member`, `merged-into`, `split-from`), else from an attribute titled `sign`, else from the sign of
///   the edge weight: negative = `rivalry`, positive (or no weight) = `alliance`. A zero weight or sign carries no
///   relation: the edge is skipped with a warning. The weight is the absolute value of the edge's `weight`
///   (default 1). `confidence`, `scenario` (`;`-separated; each becomes a declared scenario), `sources`
///   (`;`-separated references; each source id becomes a declared source) and `note` are read from attributes of
///   those titles when present. The dates come from `tie_start` / `tie_end` when present (Blocs's own export),
///   else one tie per spell, else the edge's `start` / `end` attributes, else the tie covers the whole span.
///   An edge whose `weight` attribute has values over time (Gephi's dynamic weight column) gives one tie per
///   value instead, over that value's interval, its relation from that value's sign unless a `relation`, `kind`
///   or `sign` names it. Other dynamic attributes are read as static (the first value; a warning names them).
///   Self-loops are skipped with a warning; edge attributes of other titles are dropped (named in one warning).
/// - **Times.** With `timeformat="date"` (or `dateTime`) a time is `YYYY-MM-DD` (a time of day is dropped) and
///   means that day; `YYYY` and `YYYY-MM` are read at their precision too. With `integer` or `double` a time is
///   a year (a fraction is dropped): the spell `[1923, 1927]` covers 1923-01-01 to 1927-12-31. A missing start is
///   the span's start; a missing or infinite end is an open end.
/// - **Span** = the graph's `start` / `end`, else the hull of every date in the file, else ``Options/span``;
///   a file with no date and no span given is an error.
/// - Every dataset needs a source: `import` (citation "Imported from <file>") is always declared first, unless
///   the file cites a source with that id itself.
///
/// Problems that make the file unusable are errors with the line and column of the element (malformed XML gives
/// the parser's position); everything else that changes or drops data is a warning.
///
/// - Complexity: O(file size + n log n + m).
public enum GEXFImporter {
    public struct Options: Sendable {
        /// The dataset's `name` (a folder-safe identifier).
        public var name: String
        /// The title when the file's `<meta><description>` gives none.
        public var title: String?
        /// The span to use when the file has no date at all (a static graph).
        public var span: (start: HistoricalDate, end: HistoricalDate)?

        public init(name: String, title: String? = nil, span: (start: HistoricalDate, end: HistoricalDate)? = nil) {
            self.name = name
            self.title = title
            self.span = span
        }
    }

    /// The imported network and what was changed or dropped on the way.
    public struct Result: Sendable {
        public var network: TemporalNetwork
        /// `file:line: message` for each change (renamed ids, skipped edges, dropped attributes).
        public var warnings: [Diagnostic]
    }

    /// Imports the GEXF in `data`; `file` names it in diagnostics and in the import source's citation.
    /// - Throws: ``GEXFImportError`` with every problem found.
    public static func importGEXF(_ data: Data, file: String, options: Options) throws(GEXFImportError) -> Result {
        let document = try GEXFDocument.parse(data, file: file)
        var job = Job(document: document, file: file, options: options)
        return try job.run()
    }

    /// A point in time as a GEXF file gives it.
    enum TimePoint: Equatable {
        case date(HistoricalDate)
        case negativeInfinity
        case positiveInfinity
    }

    /// Reads one time value: a date (`YYYY[-MM[-DD]]`, a time of day after `T` dropped), a number of years, or
    /// ±infinity. `nil` when unreadable.
    static func parseTime(_ raw: String) -> TimePoint? {
        let text = raw.trimmingSpaces
        switch text.lowercased() {
        case "infinity", "+infinity", "inf", "+inf": return .positiveInfinity
        case "-infinity", "-inf": return .negativeInfinity
        default: break
        }
        let datePart = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        if datePart.contains("-"), !datePart.hasPrefix("-"), let d = try? HistoricalDate(parsing: datePart) { return .date(d) }
        if let n = Double(text), n.isFinite, let year = Int(exactly: n.rounded(.down)), let d = try? HistoricalDate(year: year) {
            return .date(d)
        }
        return nil
    }

    /// A valid identifier (`[A-Za-z0-9_.-]+`) made from any text: runs of other characters become one `-`, leading
    /// and trailing dashes are dropped, and an empty result is `node`. Used for node ids and dataset names.
    public static func slug(_ id: String) -> String {
        var out = ""
        var lastDash = false
        for c in id.unicodeScalars {
            let ok = (c.value >= 48 && c.value <= 57) || (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122)
                || c == "-" || c == "_" || c == "."
            if ok { out.unicodeScalars.append(c); lastDash = c == "-" } else if !lastDash { out += "-"; lastDash = true }
        }
        while out.hasPrefix("-") { out.removeFirst() }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "node" : out
    }

    /// The state of one import.
    private struct Job {
        let document: GEXFDocument
        let file: String
        let options: Options
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []

        init(document: GEXFDocument, file: String, options: Options) {
            self.document = document
            self.file = file
            self.options = options
        }

        mutating func error(_ line: Int, _ column: Int, _ message: String) {
            errors.append(Diagnostic(file: file, line: line, column: column, message: message))
        }

        mutating func warn(_ line: Int, _ message: String) {
            warnings.append(Diagnostic(file: file, line: line, column: 0, message: message))
        }

        /// The attribute values of an element by lower-cased title: static values (the first one), declared
        /// defaults filled in. Dynamic values are returned apart.
        func values(of element: GEXFDocument.Element, declarations: [GEXFDocument.AttributeDeclaration]) -> [String: String] {
            var byKey: [String: GEXFDocument.AttributeDeclaration] = [:]
            for d in declarations { byKey[d.id] = d }
            var out: [String: String] = [:]
            for d in declarations { if let v = d.defaultValue { out[d.title.lowercased()] = v } }
            var seen = Set<String>()
            for v in element.values {
                let title = (byKey[v.key]?.title ?? v.key).lowercased()
                if seen.insert(title).inserted { out[title] = v.value }
            }
            return out
        }

        /// The lower-cased title of an attribute value's attribute.
        func title(of value: GEXFDocument.AttributeValue, declarations: [GEXFDocument.AttributeDeclaration]) -> String {
            (declarations.first { $0.id == value.key }?.title ?? value.key).lowercased()
        }

        /// The titles of the element's attributes that have values over time (dynamic attributes, or values with
        /// a `start` or an `end`).
        func dynamicTitles(of element: GEXFDocument.Element, declarations: [GEXFDocument.AttributeDeclaration]) -> Set<String> {
            var byKey: [String: GEXFDocument.AttributeDeclaration] = [:]
            for d in declarations { byKey[d.id] = d }
            var out = Set<String>()
            for v in element.values where byKey[v.key]?.isDynamic == true || v.start != nil || v.end != nil {
                out.insert((byKey[v.key]?.title ?? v.key).lowercased())
            }
            return out
        }

        /// A time of the element at `line`, reported when unreadable.
        mutating func time(_ raw: String?, line: Int, what: String) -> TimePoint? {
            guard let raw, !raw.trimmingSpaces.isEmpty else { return nil }
            guard let t = parseTime(raw) else {
                error(line, 0, "\(what) '\(raw)' is not a date (YYYY-MM-DD) or a year")
                return nil
            }
            return t
        }

        /// A stated date in a Blocs attribute (`lifetime_start`, `tie_end`, …): empty is `nil`.
        mutating func statedDate(_ raw: String?, line: Int, what: String) -> HistoricalDate? {
            guard let raw, !raw.trimmingSpaces.isEmpty else { return nil }
            // Every dataset form, so that uncertain dates and ranges written by GEXFWriter come back as they were.
            do { return try HistoricalDate(parsingUncertain: raw.trimmingSpaces) } catch {
                self.error(line, 0, "\(what): \(error.description)")
                return nil
            }
        }

        /// An actor read from a `<node>`, its lifetime still as the file's time points.
        struct PendingActor {
            var gexfID: String
            var actor: Actor
            var spellStart: TimePoint?
            var spellEnd: TimePoint?
            var usesSpells: Bool
            var line: Int
        }

        /// The nodes read: actors in file order, GEXF id → index, and the titles of attributes with values over time.
        struct Nodes {
            var pending: [PendingActor] = []
            var index: [String: Int] = [:]
            var usedIDs = Set<String>()
            var dynamic = Set<String>()
        }

        /// A tie read from an `<edge>` (or one weight interval of it), before the span is known: dates stay as
        /// time points.
        struct PendingTie {
            var source: Int
            var target: Int
            var relation: Relation
            var weight: Double
            var confidence: Double
            var start: TimePoint
            var end: TimePoint
            /// Blocs's own stated dates, taken as they are.
            var stated: (start: HistoricalDate, end: HistoricalDate?)?
            var sources: [SourceReference]
            var scenarios: [String]
            var note: String
            var line: Int
        }

        /// The edge attributes a tie keeps; any other is reported as dropped.
        static let keptEdgeAttributes: Set<String> = ["relation", "sign", "signed_weight", "weight", "confidence", "scenario", "scenarios",
                                                      "sources", "note", "tie_start", "tie_end"]

        /// The import in phases: ``readNodes()`` → ``readEdges(_:)`` → ``span(_:_:)`` → ``lifetimes(_:span:)`` →
        /// ``resolveTies(_:actors:nodes:spanStart:)`` → ``assemble(_:actors:span:)``. Errors are collected in every
        /// phase and thrown together where a later phase needs earlier ones clean.
        mutating func run() throws(GEXFImportError) -> Result {
            var nodes = readNodes()
            let edges = readEdges(&nodes)
            let span = try span(nodes, edges)
            let actors = lifetimes(nodes, span: span)
            let resolved = resolveTies(edges, actors: actors, nodes: nodes, spanStart: span.start)
            guard errors.isEmpty else { throw GEXFImportError(diagnostics: errors) }
            return try assemble(resolved, actors: actors, span: span)
        }

        /// Phase 1: one actor per `<node>` (ids made valid and unique, kind from the `kind` attribute, else person;
        /// the lifetime from Blocs' stated attributes, else the hull of the spells).
        mutating func readNodes() -> Nodes {
            var nodes = Nodes()
            for node in document.nodes { readNode(node, into: &nodes) }
            return nodes
        }

        mutating func readNode(_ node: GEXFDocument.Element, into nodes: inout Nodes) {
            guard let gexfID = node.xml["id"], !gexfID.isEmpty else { error(node.line, node.column, "a <node> without an id"); return }
            if nodes.index[gexfID] != nil { error(node.line, node.column, "duplicate node id '\(gexfID)'"); return }
            let v = values(of: node, declarations: document.nodeAttributes)
            nodes.dynamic.formUnion(dynamicTitles(of: node, declarations: document.nodeAttributes))
            var id = DatasetManifest.isIdentifier(gexfID) ? gexfID : GEXFImporter.slug(gexfID)
            if nodes.usedIDs.contains(id) {
                var k = 2
                while nodes.usedIDs.contains("\(id)-\(k)") { k += 1 }
                id = "\(id)-\(k)"
            }
            if id != gexfID { warn(node.line, "node id '\(gexfID)' is not a valid actor id; it becomes '\(id)'") }
            nodes.usedIDs.insert(id)
            let name = [node.xml["label"], v["name"], gexfID].compactMap { $0?.trimmingSpaces }.first { !$0.isEmpty } ?? id
            var kind = ActorKind.person
            if let k = v["kind"]?.trimmingSpaces, !k.isEmpty {
                guard let parsed = ActorKind(rawValue: k.lowercased()) else {
                    error(node.line, node.column, "node '\(gexfID)': kind '\(k)' is not faction, person or group"); return
                }
                kind = parsed
            }
            var actor = Actor(id: id, name: name, kind: kind, note: v["note"] ?? "")
            var p = PendingActor(gexfID: gexfID, actor: actor, usesSpells: false, line: node.line)
            if v["lifetime_start"] != nil || v["lifetime_end"] != nil {
                actor.start = statedDate(v["lifetime_start"], line: node.line, what: "node '\(gexfID)' lifetime_start")
                actor.end = statedDate(v["lifetime_end"], line: node.line, what: "node '\(gexfID)' lifetime_end")
                p.actor = actor
            } else {
                let intervals = node.spells.isEmpty
                    ? (node.xml["start"] != nil || node.xml["end"] != nil ? [GEXFDocument.Interval(start: node.xml["start"], end: node.xml["end"], line: node.line)] : [])
                    : node.spells
                if intervals.count > 1 {
                    warn(node.line, "node '\(gexfID)' has \(intervals.count) spells; an actor has one lifetime, their hull")
                }
                for iv in intervals {
                    p.usesSpells = true
                    let s = time(iv.start, line: iv.line, what: "spell start") ?? .negativeInfinity
                    let e = time(iv.end, line: iv.line, what: "spell end") ?? .positiveInfinity
                    p.spellStart = p.spellStart.map { Self.earlier($0, s) } ?? s
                    p.spellEnd = p.spellEnd.map { Self.later($0, e) } ?? e
                }
            }
            nodes.index[gexfID] = nodes.pending.count
            nodes.pending.append(p)
        }

        /// Phase 2: the ties of every `<edge>`, in file order; then one warning for attributes read as static and
        /// one for attributes not kept.
        mutating func readEdges(_ nodes: inout Nodes) -> [PendingTie] {
            var ties: [PendingTie] = []
            var dropped = Set<String>()
            for edge in document.edges { ties += readEdge(edge, nodes: &nodes, dropped: &dropped) }
            if !nodes.dynamic.isEmpty {
                warn(0, "dynamic attribute values are read as static, the first value kept: \(nodes.dynamic.sorted().joined(separator: ", "))")
            }
            if !dropped.isEmpty {
                warn(0, "edge attributes not kept (a tie has no place for them): \(dropped.sorted().joined(separator: ", "))")
            }
            return ties
        }

        /// The ties of one edge: one per weight interval (Gephi's dynamic weight), else one with Blocs' stated dates,
        /// else one per spell. Empty when the edge is refused (reported) or skipped (warned).
        mutating func readEdge(_ edge: GEXFDocument.Element, nodes: inout Nodes, dropped: inout Set<String>) -> [PendingTie] {
            let where_ = edge.xml["id"].map { "edge '\($0)'" } ?? "an edge"
            guard let sid = edge.xml["source"], let tid = edge.xml["target"] else {
                error(edge.line, edge.column, "\(where_) needs a source and a target"); return []
            }
            guard let s = nodes.index[sid] else { error(edge.line, edge.column, "\(where_): unknown source node '\(sid)'"); return [] }
            guard let t = nodes.index[tid] else { error(edge.line, edge.column, "\(where_): unknown target node '\(tid)'"); return [] }
            if s == t { warn(edge.line, "\(where_) is a self-loop on '\(sid)'; skipped"); return [] }
            let v = values(of: edge, declarations: document.edgeAttributes)
            // Weights over time (Gephi's dynamic weight column): one tie per weight interval, below.
            let weightValues = edge.values.filter { value in
                self.title(of: value, declarations: document.edgeAttributes) == "weight"
                    && (value.start != nil || value.end != nil
                        || document.edgeAttributes.first { $0.id == value.key }?.isDynamic == true)
            }
            let weightsOverTime = !weightValues.isEmpty && v["tie_start"] == nil
            nodes.dynamic.formUnion(dynamicTitles(of: edge, declarations: document.edgeAttributes).filter { !weightsOverTime || $0 != "weight" })
            for title in v.keys where !Self.keptEdgeAttributes.contains(title) { dropped.insert(title) }

            var weight = 1.0
            if let w = edge.xml["weight"] ?? (weightsOverTime ? nil : v["weight"]) {
                guard let parsed = Double(w.trimmingSpaces), parsed.isFinite else {
                    error(edge.line, edge.column, "\(where_): weight '\(w)' is not a finite number"); return []
                }
                weight = parsed
            }
            var relation: Relation
            var relationFromWeight = false
            if let r = v["relation"]?.trimmingSpaces, !r.isEmpty {
                guard let parsed = Relation(rawValue: r.lowercased()) else {
                    error(edge.line, edge.column, "\(where_): relation '\(r)' is not alliance, rivalry, member, merged-into or split-from")
                    return []
                }
                relation = parsed
            } else if let k = edge.xml["kind"], let parsed = Relation(rawValue: k.trimmingSpaces.lowercased()) {
                relation = parsed
            } else if let signText = v["sign"]?.trimmingSpaces, !signText.isEmpty {
                guard let sign = Double(signText), sign.isFinite else {
                    error(edge.line, edge.column, "\(where_): sign '\(signText)' is not a number"); return []
                }
                if sign == 0 { warn(edge.line, "\(where_) has sign 0, which names no relation; skipped"); return [] }
                relation = sign < 0 ? .rivalry : .alliance
            } else {
                if weight == 0 && !weightsOverTime { warn(edge.line, "\(where_) has weight 0, which carries no sign; skipped"); return [] }
                relation = weight < 0 ? .rivalry : .alliance
                relationFromWeight = true
            }
            if weight == 0 && !weightsOverTime { warn(edge.line, "\(where_) has weight 0; skipped (a tie's weight is > 0)"); return [] }
            weight = abs(weight)

            var confidence = 1.0
            if let c = v["confidence"]?.trimmingSpaces, !c.isEmpty {
                guard let parsed = Double(c), parsed >= 0, parsed <= 1 else {
                    error(edge.line, edge.column, "\(where_): confidence '\(c)' is outside [0, 1]"); return []
                }
                confidence = parsed
            }
            var scenarios: [String] = []
            for tag in (v["scenario"] ?? v["scenarios"] ?? "").split(separator: ";").map({ $0.trimmingSpaces }) where !tag.isEmpty {
                guard DatasetManifest.isIdentifier(tag) else {
                    error(edge.line, edge.column, "\(where_): scenario '\(tag)' must use only letters, digits, '-', '_' and '.'"); return []
                }
                scenarios.append(tag)
            }
            var refs: [SourceReference] = []
            for part in (v["sources"] ?? "").split(separator: ";") {
                let ref = SourceReference(parsing: part)
                guard !ref.source.isEmpty else { continue }
                guard DatasetManifest.isIdentifier(ref.source) else {
                    error(edge.line, edge.column, "\(where_): source id '\(ref.source)' must use only letters, digits, '-', '_' and '.'"); return []
                }
                refs.append(ref)
            }
            let base = PendingTie(source: s, target: t, relation: relation, weight: weight, confidence: confidence,
                                  start: .negativeInfinity, end: .positiveInfinity, stated: nil, sources: refs,
                                  scenarios: scenarios, note: v["note"] ?? "", line: edge.line)
            var made: [PendingTie] = []
            if weightsOverTime {
                for value in weightValues {
                    guard let w = Double(value.value.trimmingSpaces), w.isFinite else {
                        error(value.line, 0, "\(where_): weight '\(value.value)' is not a finite number"); continue
                    }
                    if w == 0 {
                        warn(value.line, "\(where_) has weight 0 from \(value.start ?? "the start") to \(value.end ?? "the end"); that interval is skipped")
                        continue
                    }
                    var tie = base
                    if relationFromWeight { tie.relation = w < 0 ? .rivalry : .alliance }
                    tie.weight = abs(w)
                    tie.start = time(value.start, line: value.line, what: "\(where_) weight start") ?? .negativeInfinity
                    tie.end = time(value.end, line: value.line, what: "\(where_) weight end") ?? .positiveInfinity
                    tie.line = value.line
                    made.append(tie)
                }
                return made
            }
            if v["tie_start"] != nil {
                guard let start = statedDate(v["tie_start"], line: edge.line, what: "\(where_) tie_start") else {
                    if v["tie_start"]?.trimmingSpaces.isEmpty ?? true { error(edge.line, edge.column, "\(where_): empty tie_start") }
                    return []
                }
                var tie = base
                tie.stated = (start, statedDate(v["tie_end"], line: edge.line, what: "\(where_) tie_end"))
                tie.start = .date(start)
                tie.end = tie.stated?.end.map { .date($0) } ?? .positiveInfinity
                return [tie]
            }
            let intervals = edge.spells.isEmpty
                ? [GEXFDocument.Interval(start: edge.xml["start"], end: edge.xml["end"], line: edge.line)]
                : edge.spells
            for iv in intervals {
                var tie = base
                tie.start = time(iv.start, line: iv.line, what: "\(where_) start") ?? .negativeInfinity
                tie.end = time(iv.end, line: iv.line, what: "\(where_) end") ?? .positiveInfinity
                tie.line = iv.line
                made.append(tie)
            }
            return made
        }

        /// Phase 3: the span: the graph's `start`/`end`, else the earliest and latest dates read, else `--span`.
        /// - Throws: the errors so far, or why there is no span.
        mutating func span(_ nodes: Nodes, _ ties: [PendingTie]) throws(GEXFImportError) -> (start: HistoricalDate, end: HistoricalDate) {
            var spanStart: HistoricalDate?, spanEnd: HistoricalDate?
            if let g = document.graph["start"] { if case .date(let d)? = time(g, line: 0, what: "graph start") { spanStart = d } }
            if let g = document.graph["end"] { if case .date(let d)? = time(g, line: 0, what: "graph end") { spanEnd = d } }
            var allDates: [HistoricalDate] = []
            for p in nodes.pending {
                allDates += [p.actor.start, p.actor.end].compactMap { $0 }
                for t in [p.spellStart, p.spellEnd] { if case .date(let d)? = t { allDates.append(d) } }
            }
            for t in ties { for point in [t.start, t.end] { if case .date(let d) = point { allDates.append(d) } } }
            if spanStart == nil { spanStart = allDates.min { $0.firstDay < $1.firstDay } ?? options.span?.start }
            if spanEnd == nil { spanEnd = allDates.max { $0.lastDay < $1.lastDay } ?? options.span?.end }
            guard errors.isEmpty else { throw GEXFImportError(diagnostics: errors) }
            guard let spanStart, let spanEnd else {
                throw GEXFImportError(diagnostics: [Diagnostic(file: file, line: 0, column: 0,
                    message: "the file has no dates (a static graph): give the span, e.g. --span 1921..1933")])
            }
            guard spanStart.firstDay <= spanEnd.lastDay else {
                throw GEXFImportError(diagnostics: [Diagnostic(file: file, line: 0, column: 0,
                    message: "the graph ends (\(spanEnd)) before it starts (\(spanStart))")])
            }
            return (spanStart, spanEnd)
        }

        /// Phase 4: actors' lifetimes from their spells (a spell closed at one end only takes the span's start).
        mutating func lifetimes(_ nodes: Nodes, span: (start: HistoricalDate, end: HistoricalDate)) -> [Actor] {
            var actors: [Actor] = []
            for p in nodes.pending {
                var a = p.actor
                if p.usesSpells {
                    if case .date(let d)? = p.spellStart { a.start = d }
                    if case .date(let d)? = p.spellEnd { a.end = d }
                    // A spell closed at one end only: the other end is the span's.
                    if a.start == nil && a.end != nil { a.start = span.start }
                    if let s = a.start, let e = a.end, e.lastDay < s.firstDay {
                        error(p.line, 0, "node '\(p.gexfID)' ends (\(e)) before it starts (\(s))")
                    }
                }
                actors.append(a)
            }
            return actors
        }

        /// Phase 5: ties checked against their actors' kinds (``Relation/mismatch(source:target:)``), open starts
        /// resolved to the span's start; the sources and scenarios they cite, in first-cited order.
        mutating func resolveTies(_ ties: [PendingTie], actors: [Actor], nodes: Nodes, spanStart: HistoricalDate)
            -> (ties: [Tie], sourceIDs: [String], scenarioIDs: [String])
        {
            var list: [Tie] = []
            var sourceIDs: [String] = [], seenSources = Set<String>()
            var scenarioIDs: [String] = [], seenScenarios = Set<String>()
            for t in ties {
                let ks = actors[t.source].kind, kt = actors[t.target].kind
                switch t.relation.mismatch(source: ks, target: kt) {
                case .membership?:
                    error(t.line, 0, KindMismatch.membership(source: ks, target: kt).description(
                        source: "'\(nodes.pending[t.source].gexfID)' \(ks.rawValue)", target: "'\(nodes.pending[t.target].gexfID)' \(kt.rawValue)")
                        + "; give the nodes a kind attribute")
                    continue
                case let mismatch?:
                    error(t.line, 0, mismatch.description())
                    continue
                case nil: break
                }
                var start: HistoricalDate, end: HistoricalDate?
                if let stated = t.stated {
                    start = stated.start; end = stated.end
                } else {
                    if case .date(let d) = t.start { start = d } else { start = spanStart }
                    if case .date(let d) = t.end { end = d } else { end = nil }
                    if case .negativeInfinity = t.end { error(t.line, 0, "a tie cannot end at -infinity"); continue }
                }
                if let e = end, e.lastDay < start.firstDay { error(t.line, 0, "a tie ends (\(e)) before it starts (\(start))"); continue }
                for r in t.sources where seenSources.insert(r.source).inserted { sourceIDs.append(r.source) }
                for s in t.scenarios where seenScenarios.insert(s).inserted { scenarioIDs.append(s) }
                list.append(Tie(source: Int32(t.source), target: Int32(t.target), relation: t.relation, start: start, end: end,
                                weight: t.weight, confidence: t.confidence, sources: t.sources, scenarios: t.scenarios, note: t.note))
            }
            return (list, sourceIDs, scenarioIDs)
        }

        /// Phase 6: the dataset: the import itself and every cited source id as sources (GEXF has no citations), the
        /// scenarios cited, the title from `<meta><description>`.
        func assemble(_ resolved: (ties: [Tie], sourceIDs: [String], scenarioIDs: [String]), actors: [Actor],
                      span: (start: HistoricalDate, end: HistoricalDate)) throws(GEXFImportError) -> Result {
            let fileName = URL(fileURLWithPath: file).lastPathComponent
            var sources: [Source] = []
            if !resolved.sourceIDs.contains("import") { sources.append(Source(id: "import", citation: "Imported from \(fileName) by blocs import")) }
            sources += resolved.sourceIDs.map { Source(id: $0, citation: "Cited as '\($0)' in \(fileName); the GEXF file gives no citation") }
            let title = document.metaDescription.flatMap { $0.isEmpty ? nil : $0 } ?? options.title ?? "Imported from \(fileName)"
            let info = DatasetInfo(name: options.name, title: title, spanStart: span.start, spanEnd: span.end, sources: sources,
                                   scenarios: resolved.scenarioIDs.map { Scenario(id: $0) })
            do {
                let network = try TemporalNetwork(info: info, actors: actors, ties: resolved.ties)
                return Result(network: network, warnings: warnings)
            } catch {
                throw GEXFImportError(diagnostics: [Diagnostic(file: file, line: 0, column: 0, message: error.description)])
            }
        }

        static func earlier(_ a: TimePoint, _ b: TimePoint) -> TimePoint {
            switch (a, b) {
            case (.negativeInfinity, _), (_, .negativeInfinity): return .negativeInfinity
            case (.positiveInfinity, _): return b
            case (_, .positiveInfinity): return a
            case (.date(let x), .date(let y)): return x.firstDay <= y.firstDay ? a : b
            }
        }

        static func later(_ a: TimePoint, _ b: TimePoint) -> TimePoint {
            switch (a, b) {
            case (.positiveInfinity, _), (_, .positiveInfinity): return .positiveInfinity
            case (.negativeInfinity, _): return b
            case (_, .negativeInfinity): return a
            case (.date(let x), .date(let y)): return x.lastDay >= y.lastDay ? a : b
            }
        }
    }
}
