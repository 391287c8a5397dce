import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The parts of a GEXF file (1.1draft, 1.2draft or 1.3) that an import needs, with the line of every element.
///
/// A thin, format-level reading: no interpretation of dates, kinds or relations (that is ``GEXFImporter``'s).
/// Namespaces are ignored (elements are matched by local name), so the 1.2draft and 1.3 namespaces and files
/// without one all read. Nested nodes (GEXF hierarchies) are flattened; `viz`, `parents` and unknown elements
/// are skipped.
struct GEXFDocument {
    struct Interval {
        var start: String?
        var end: String?
        var line: Int
    }

    /// A declared attribute (`<attribute id title type>` inside `<attributes class mode>`).
    struct AttributeDeclaration {
        var id: String
        var title: String
        var type: String
        var isDynamic: Bool
        var defaultValue: String?
    }

    /// An `<attvalue for value start end>`.
    struct AttributeValue {
        var key: String
        var value: String
        var start: String?
        var end: String?
        var line: Int
    }

    struct Element {
        var line: Int
        var column: Int
        /// The element's XML attributes (`id`, `label`, `source`, `weight`, `start`, …) by local name.
        var xml: [String: String]
        var values: [AttributeValue] = []
        /// `<spells>` (1.2, 1.3) or `<slices>` (1.1).
        var spells: [Interval] = []
    }

    var version: String?
    var metaDescription: String?
    /// The `<graph>` element's XML attributes (`mode`, `timeformat`, `defaultedgetype`, `start`, `end`).
    var graph: [String: String] = [:]
    var sawGraph = false
    var nodeAttributes: [AttributeDeclaration] = []
    var edgeAttributes: [AttributeDeclaration] = []
    var nodes: [Element] = []
    var edges: [Element] = []

    /// Parses `data`. - Throws: ``GEXFImportError`` with the line and column of malformed XML or of a file that is
    /// not GEXF.
    static func parse(_ data: Data, file: String) throws(GEXFImportError) -> GEXFDocument {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let delegate = Delegate(file: file)
        parser.delegate = delegate
        let ok = parser.parse()
        if let problem = delegate.problem { throw GEXFImportError(diagnostics: [problem]) }
        if !ok {
            // No error was reported through the delegate: take the parser's own.
            let code = (parser.parserError as NSError?)?.code
            let message = "malformed XML: " + (code.map(xmlErrorMessage) ?? "the parser stopped")
            throw GEXFImportError(diagnostics: [Diagnostic(file: file, line: max(parser.lineNumber, 0), column: max(parser.columnNumber, 0), message: message)])
        }
        guard delegate.sawRoot else {
            throw GEXFImportError(diagnostics: [Diagnostic(file: file, line: 0, column: 0, message: "the file is empty")])
        }
        guard delegate.document.sawGraph else {
            throw GEXFImportError(diagnostics: [Diagnostic(file: file, line: 0, column: 0, message: "no <graph> element in the GEXF file")])
        }
        return delegate.document
    }

    /// A reading of libxml2's error codes (which Foundation's `XMLParser` passes on as the error's code); the most
    /// common mistakes in hand-edited files are named, others are given by number.
    static func xmlErrorMessage(_ code: Int) -> String {
        switch code {
        case 3, 4: return "the document is empty or does not start with an element"
        case 5: return "extra content after the end of the root element, or an element is never closed"
        case 8: return "invalid character reference"
        case 9: return "a character that XML does not allow"
        case 23: return "an entity reference without its ';'"
        case 26, 27: return "an undeclared entity (only &amp; &lt; &gt; &quot; &apos; and &#...; exist)"
        case 34: return "a string is not closed"
        case 38: return "'<' inside an attribute value (write &lt;)"
        case 39: return "an attribute value must start with a quote"
        case 40: return "an attribute value is not closed"
        case 41: return "an attribute without a value"
        case 42: return "an attribute appears twice in one element"
        case 68: return "a name is required here (a bare '&' must be written &amp;)"
        case 72, 73: return "'<' or '>' expected"
        case 74: return "'</' expected"
        case 75: return "'=' expected after an attribute name"
        case 76: return "the closing tag does not match the open element"
        case 77: return "an element is never closed"
        case 81: return "invalid encoding (the file must be UTF-8 or declare its encoding)"
        case 201: return "an undeclared namespace prefix"
        default: return "XML error \(code)"
        }
    }

    /// Builds the document while the parser walks the file. Used on one thread, during `parse()` only.
    private final class Delegate: NSObject, XMLParserDelegate {
        let file: String
        var document = GEXFDocument()
        var problem: Diagnostic?
        var sawRoot = false
        /// Local names of the open elements.
        var stack: [String] = []
        /// Open node and edge elements (nested nodes: several), as (isEdge, element).
        var open: [(isEdge: Bool, element: Element)] = []
        var attributesClassIsEdge: Bool?
        var attributesDynamic = false
        var text = ""

        init(file: String) { self.file = file }

        func fail(_ parser: XMLParser, _ message: String) {
            guard problem == nil else { return }
            problem = Diagnostic(file: file, line: parser.lineNumber, column: parser.columnNumber, message: message)
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            let name = Self.localName(elementName)
            var attrs: [String: String] = [:]
            for (k, v) in attributes { attrs[Self.localName(k)] = v }
            let parent = stack.last
            if !sawRoot {
                sawRoot = true
                guard name == "gexf" else { fail(parser, "the root element is <\(name)>, not <gexf>: this is not a GEXF file"); return }
                document.version = attrs["version"]
            }
            stack.append(name)
            text = ""
            let line = parser.lineNumber, column = parser.columnNumber
            switch (parent, name) {
            case ("gexf", "graph"):
                if document.sawGraph { fail(parser, "a second <graph> element: a GEXF file holds one graph"); return }
                document.sawGraph = true
                document.graph = attrs
            case ("graph", "attributes"):
                attributesClassIsEdge = attrs["class"] == "edge"
                if attrs["class"] != "edge" && attrs["class"] != "node" {
                    fail(parser, "<attributes> needs class=\"node\" or class=\"edge\""); return
                }
                attributesDynamic = attrs["mode"] == "dynamic"
            case ("attributes", "attribute"):
                guard let id = attrs["id"] else { fail(parser, "an <attribute> needs an id"); return }
                let declaration = AttributeDeclaration(id: id, title: attrs["title"] ?? id, type: attrs["type"] ?? "string",
                                                       isDynamic: attributesDynamic)
                if attributesClassIsEdge == true { document.edgeAttributes.append(declaration) } else { document.nodeAttributes.append(declaration) }
            case ("nodes", "node"):
                open.append((false, Element(line: line, column: column, xml: attrs)))
            case ("edges", "edge"):
                open.append((true, Element(line: line, column: column, xml: attrs)))
            case ("attvalues", "attvalue"):
                guard !open.isEmpty else { return }
                guard let key = attrs["for"] ?? attrs["id"] else { fail(parser, "an <attvalue> needs a for= naming its attribute"); return }
                guard let value = attrs["value"] else { fail(parser, "an <attvalue> needs a value"); return }
                let start = attrs["start"] ?? attrs["startopen"], end = attrs["end"] ?? attrs["endopen"]
                open[open.count - 1].element.values.append(AttributeValue(key: key, value: value, start: start, end: end, line: line))
            case ("spells", "spell"), ("slices", "slice"):
                guard !open.isEmpty else { return }
                let start = attrs["start"] ?? attrs["startopen"], end = attrs["end"] ?? attrs["endopen"]
                open[open.count - 1].element.spells.append(Interval(start: start, end: end, line: line))
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            let name = Self.localName(elementName)
            _ = stack.popLast()
            switch name {
            case "node", "edge":
                guard stack.last == (name == "node" ? "nodes" : "edges"), let last = open.popLast() else { break }
                if last.isEdge { document.edges.append(last.element) } else { document.nodes.append(last.element) }
            case "default":
                if stack.last == "attribute" {
                    if attributesClassIsEdge == true, !document.edgeAttributes.isEmpty {
                        document.edgeAttributes[document.edgeAttributes.count - 1].defaultValue = text
                    } else if attributesClassIsEdge == false, !document.nodeAttributes.isEmpty {
                        document.nodeAttributes[document.nodeAttributes.count - 1].defaultValue = text
                    }
                }
            case "description":
                if stack.last == "meta" { document.metaDescription = text.trimmingCharacters(in: .whitespacesAndNewlines) }
            default:
                break
            }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        // Foundation's parser on Linux recovers from errors and may even report success, and its position after
        // the parse is the end of the file: the first error is taken here, where the position is the error's.
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            fail(parser, "malformed XML: " + GEXFDocument.xmlErrorMessage((parseError as NSError).code))
        }

        func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
            fail(parser, "malformed XML: " + GEXFDocument.xmlErrorMessage((validationError as NSError).code))
        }

        static func localName(_ name: String) -> String {
            name.lastIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
        }
    }
}

/// A GEXF file that could not be imported, with every problem found and its position in the file.
public struct GEXFImportError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String {
        let shown = diagnostics.prefix(200).map(\.description)
        let more = diagnostics.count > 200 ? ["… and \(diagnostics.count - 200) more problems"] : []
        return (shown + more).joined(separator: "\n")
    }
}
