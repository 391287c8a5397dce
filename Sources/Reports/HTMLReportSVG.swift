import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A diagram's SVG reduced to inert drawing data, for the page's script to build with DOM APIs.
///
/// The report shows each period's diagram inline (so it can be zoomed, panned, highlighted and its ties clicked),
/// but an inline SVG is live markup: a `<script>`, an `on…` handler, an `href` or a `<foreignObject>` from a
/// diagram would run or load in the page. So the SVG is never inserted as markup. It is parsed here as XML and
/// only the drawing survives: shapes, groups, text and titles (an allow-list of elements), with presentation
/// attributes (an allow-list, values free of `url(`, `javascript:` and `expression(`); links are unwrapped to their
/// content; everything else — scripts, styles, images, foreign objects, animation, entities — is dropped with its
/// content. The result is JSON (`["tag", ["name", "value", …], [children…]]`, text as strings) inside the page's
/// data block; the script re-checks the same allow-lists and creates each element with `createElementNS`,
/// each attribute with `setAttribute` and each text with `createTextNode`, so no text from a dataset is ever
/// parsed as markup.
///
/// The script relies only on Graphviz's `<g id="actor-…" class="node …">` and `<g id="tie-…" class="edge …">`
/// groups and on the root's `viewBox`, not on the rest of its output.
public enum HTMLReportSVG {
    /// Elements kept (everything else is dropped with its content, except `a`, whose content is kept).
    public static let elements: Set<String> = [
        "svg", "g", "title", "path", "polygon", "polyline", "ellipse", "circle", "rect", "line", "text", "tspan",
    ]
    /// Attributes kept on kept elements.
    public static let attributes: Set<String> = [
        "id", "class", "viewBox", "width", "height", "transform", "d", "points", "cx", "cy", "r", "rx", "ry",
        "x", "y", "x1", "y1", "x2", "y2", "dx", "dy", "fill", "fill-opacity", "stroke", "stroke-width",
        "stroke-dasharray", "stroke-opacity", "stroke-linecap", "stroke-linejoin", "opacity", "font-family",
        "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
    ]

    /// A node of the reduced tree.
    public indirect enum Node: Equatable, Sendable, Encodable {
        case element(String, [(String, String)], [Node])
        case text(String)

        public static func == (l: Node, r: Node) -> Bool {
            switch (l, r) {
            case let (.text(a), .text(b)): return a == b
            case let (.element(t1, a1, c1), .element(t2, a2, c2)):
                return t1 == t2 && a1.map { [$0.0, $0.1] } == a2.map { [$0.0, $0.1] } && c1 == c2
            default: return false
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .text(let s):
                var c = encoder.singleValueContainer()
                try c.encode(s)
            case let .element(tag, attributes, children):
                var c = encoder.unkeyedContainer()
                try c.encode(tag)
                try c.encode(attributes.flatMap { [$0.0, $0.1] })
                try c.encode(children)
            }
        }
    }

    /// The reduced tree of `svg`, or `nil` when it is not well-formed XML or its root is not `<svg>`.
    public static func sanitize(_ svg: Data) -> Node? {
        let parser = XMLParser(data: svg)
        let delegate = Builder()
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        guard parser.parse(), let root = delegate.root, case .element("svg", _, _) = root else { return nil }
        return root
    }

    /// Whether an attribute value is kept: no resource reference or script in it.
    static func safeValue(_ value: String) -> Bool {
        let v = value.lowercased().filter { !$0.isWhitespace }
        return !v.contains("url(") && !v.contains("javascript:") && !v.contains("expression(") && !v.contains("data:")
    }

    final class Builder: NSObject, XMLParserDelegate {
        /// Open kept elements (and unwrapped `a`s) with their children so far.
        var stack: [(tag: String, attributes: [(String, String)], children: [Node])?] = []
        var root: Node?
        /// Depth inside a dropped element (its whole content is dropped).
        var dropping = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            let tag = name
            if dropping > 0 { dropping += 1; return }
            if tag == "a" { stack.append(("a", [], [])); return }
            guard HTMLReportSVG.elements.contains(tag), stack.isEmpty == (tag == "svg") else {
                dropping = 1
                return
            }
            let kept = attributes.filter { HTMLReportSVG.attributes.contains($0.key) && HTMLReportSVG.safeValue($0.value) }
                .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            stack.append((tag, kept, []))
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if dropping > 0 { dropping -= 1; return }
            guard let open = stack.popLast(), let element = open else { return }
            let children = element.tag == "a" ? element.children : [Node.element(element.tag, element.attributes, element.children)]
            if stack.isEmpty {
                if element.tag == "svg" { root = children.first }
            } else {
                stack[stack.count - 1]?.children += children
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard dropping == 0, !stack.isEmpty, let top = stack[stack.count - 1] else { return }
            guard ["title", "text", "tspan"].contains(top.tag) else { return }
            if case .text(let last)? = top.children.last {
                stack[stack.count - 1]!.children[top.children.count - 1] = .text(last + string)
            } else {
                stack[stack.count - 1]!.children.append(.text(string))
            }
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if let s = String(data: block, encoding: .utf8) { self.parser(parser, foundCharacters: s) }
        }
    }
}
