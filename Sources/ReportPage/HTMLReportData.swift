import TextFormats

/// The page's data block written by hand, value by value, into a text stream: the same bytes as Foundation's
/// `JSONEncoder` (sorted keys, absent optionals left out) followed by ``JSONText/scriptSafe(_:)`` wrote for the
/// model's `Codable` values, without building the whole block as one string (on a 1,000,000-tie dataset it was
/// gigabytes) or going through the encoder's boxed values.
///
/// Strings and numbers follow TextFormats' rules (``JSONText/quote(_:_:)`` with ``JSONText/Escapes/encoder``,
/// ``JSONText/encoderNumber(_:)``); each writer lists its keys in sorted (UTF-8) order, as the encoder sorts them.
/// The tests compare every writer against the encoder on texts with every escaped character.
struct ReportDataText {
    /// The text not yet written to the stream (written in pieces of about 256 kB).
    var text = ""

    mutating func flush<Out: TextOutputStream>(to out: inout Out, force: Bool = false) {
        if force || text.utf8.count >= 1 << 18 {
            out.write(text)
            text.removeAll(keepingCapacity: true)
        }
    }

    mutating func raw(_ s: String) { text += s }
    mutating func string(_ s: String) { JSONText.quote(s, .encoder, into: &text) }
    mutating func number(_ x: Double) { text += JSONText.encoderNumber(x) }
    /// `"k":`, after a comma unless `first`. The keys are string literals (no string is made per key, as
    /// `StaticString.description` made one).
    mutating func key(_ k: String, first: Bool = false) {
        text += first ? "\"" : ",\""
        text += k
        text += "\":"
    }

    mutating func ints(_ xs: [Int]) {
        text += "["
        for (i, x) in xs.enumerated() {
            if i > 0 { text += "," }
            text += String(x)
        }
        text += "]"
    }

    mutating func strings(_ xs: [String]) {
        text += "["
        for (i, x) in xs.enumerated() {
            if i > 0 { text += "," }
            string(x)
        }
        text += "]"
    }

    /// A `[String: String]` with its keys sorted by their UTF-8 bytes (the encoder's order outside Apple platforms).
    mutating func dictionary(_ d: [String: String]) {
        text += "{"
        for (i, k) in d.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if i > 0 { text += "," }
            string(k)
            text += ":"
            string(d[k]!)
        }
        text += "}"
    }

    mutating func array<T, Out: TextOutputStream>(_ xs: [T], to out: inout Out, _ each: (inout ReportDataText, T) -> Void) {
        text += "["
        for (i, x) in xs.enumerated() {
            if i > 0 { text += "," }
            each(&self, x)
            flush(to: &out)
        }
        text += "]"
    }

    mutating func array<T>(_ xs: [T], _ each: (inout ReportDataText, T) -> Void) {
        text += "["
        for (i, x) in xs.enumerated() {
            if i > 0 { text += "," }
            each(&self, x)
        }
        text += "]"
    }

    mutating func sourceRef(_ r: ReportModel.SourceRef) {
        text += "{"
        if let l = r.locator { key("locator", first: true); string(l); text += "," }
        text += "\"source\":"
        string(r.source)
        text += "}"
    }

    mutating func drawnTie(_ e: ReportModel.DrawnTie) {
        text += "{"
        key("a", first: true); string(e.a)
        key("b"); string(e.b)
        key("relation"); string(e.relation)
        key("ties"); ints(e.ties)
        key("weight"); number(e.weight)
        text += "}"
    }

    mutating func tie(_ t: ReportModel.TieRecord) {
        text += "{"
        key("a", first: true); string(t.a)
        key("b"); string(t.b)
        key("confidence"); number(t.confidence)
        if let end = t.end { key("end"); string(end) }
        key("note"); string(t.note)
        key("relation"); string(t.relation)
        key("scenarios"); strings(t.scenarios)
        key("sources"); array(t.sources) { $0.sourceRef($1) }
        key("start"); string(t.start)
        key("weight"); number(t.weight)
        text += "}"
    }

    mutating func member(_ m: ReportModel.Member) {
        text += "{"
        key("id", first: true); string(m.id)
        key("name"); string(m.name)
        if let p = m.probability { key("probability"); number(p) }
        text += "}"
    }

    mutating func event(_ e: ReportModel.DatasetEvent) {
        text += "{"
        key("actors", first: true); array(e.actors) { $0.member($1) }
        key("date"); string(e.date)
        key("description"); string(e.description)
        key("kind"); string(e.kind)
        if let p = e.probability { key("probability"); number(p) }
        key("sources"); array(e.sources) { $0.sourceRef($1) }
        text += "}"
    }

    mutating func actor(_ a: ReportModel.ActorInfo) {
        text += "{"
        key("id", first: true); string(a.id)
        key("kind"); string(a.kind)
        key("metrics")
        array(a.metrics) { w, series in
            w.array(series) { w, x in if let x { w.number(x) } else { w.raw("null") } }
        }
        key("name"); string(a.name)
        key("note"); string(a.note)
        text += "}"
    }

    mutating func chart(_ c: ReportModel.ChartSpec) {
        text += "{"
        key("measure", first: true); string(c.measure)
        key("note"); string(c.note)
        key("title"); string(c.title)
        text += "}"
    }

    mutating func source(_ s: ReportModel.Source) {
        text += "{"
        key("citation", first: true); string(s.citation)
        key("id"); string(s.id)
        if let u = s.url { key("url"); string(u) }
        text += "}"
    }

    /// A diagram's drawing data: a text as a string, an element as `[tag, [name, value, …], [children]]`.
    mutating func svg(_ n: HTMLReportSVG.Node) {
        switch n {
        case .text(let s): string(s)
        case let .element(tag, attributes, children):
            text += "["
            string(tag)
            text += ","
            strings(attributes.flatMap { [$0.0, $0.1] })
            text += ","
            array(children) { $0.svg($1) }
            text += "]"
        }
    }
}
