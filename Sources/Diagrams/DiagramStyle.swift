/// Colours, fonts and sizes of every Blocs diagram.
///
/// Alliances are solid dark green, rivalries dashed red, memberships thin grey (the conventions of signed-network
/// drawings); a tie that goes against the clusters keeps its colour with a gold core; an actor who changed
/// cluster has a thick orange border. Fonts are named explicitly (DejaVu Sans is installed by the set-up
/// script): without them Graphviz draws boxes instead of letters.
public struct DiagramStyle: Hashable, Sendable {
    public var fontname = "DejaVu Sans"
    public var alliance = "#1b7837"
    public var rivalry = "#c0392b"
    public var membership = "#9e9e9e"
    public var switched = "#e67e22"
    public var violation = "#f1c40f"
    /// Cluster fills, by ``DiagramSnapshot/Cluster/color`` modulo the count: Paul Tol's "light" scheme (designed
    /// for cells with black text and for colour-blind readers, https://personal.sron.nl/~pault/), without its
    /// pale grey (which reads as "unaligned"). Its colours are at least 9.29 ΔE₀₀ apart pairwise (7.90 under
    /// simulated deuteranomaly, 8.77 protanomaly; scripts/colour_reference.py).
    public var palette = [
        "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
    ]
    /// The smallest CIEDE2000 difference promised between the fills of two clusters drawn in the same period
    /// (while no more clusters are present than the palette has colours).
    public static let minimumFillDistance = 9.0

    public init() {}

    /// Outline patterns beyond the palette: slot s is drawn with fill `s mod palette.count` and outline pattern
    /// `s / palette.count` (``ClusterColours/assign(keys:periods:palette:patterns:)``). With at most 8 coalitions
    /// present at once every pair differs in fill by ≥ ``minimumFillDistance`` ΔE₀₀; with 9 to 24 at once (8 fills
    /// × 3 patterns), every pair differs in fill by that much or, sharing a fill, in outline pattern (solid, dashed,
    /// dotted; the legend says which). ≥ 9 ΔE₀₀ between more than 8 fills is not possible with a colour-blind-safe
    /// palette of light fills.
    public var outlinePatterns = ["solid", "dashed", "dotted"]

    /// The outline pattern of slot `slot`: "solid" for the first palette.count slots.
    public func outlinePattern(_ slot: Int) -> String {
        guard !palette.isEmpty, !outlinePatterns.isEmpty else { return "solid" }
        return outlinePatterns[(max(0, slot) / palette.count) % outlinePatterns.count]
    }

    /// The fill of palette slot `slot`.
    public func fill(_ slot: Int) -> String {
        palette.isEmpty ? "#ffffff" : palette[((slot % palette.count) + palette.count) % palette.count]
    }



    /// Marker diameters (inches) on the stable layout: size 1 (the run's largest value) is `markerRange.upperBound`;
    /// smaller values shrink with the square root so that the AREA is proportional to the value; values whose
    /// marker would be smaller than `markerRange.lowerBound` are drawn at that floor (so they stay visible).
    public var markerRange: ClosedRange<Double> = 0.14...0.8
    /// The font size of actor names on the stable layout (the same for every actor: size shows the value).
    public var nameFontSize = 10.0

    /// Names longer than this many characters are cut with "…" (a 5,000-character name must still draw).
    public var maxNameLength = 64
    /// Names are wrapped into lines of about this many characters (at most three lines).
    public var nameLineWidth = 22
    /// The height of one line of a name, and the gap between a marker and its name (inches).
    public var nameLineHeight = 0.19
    public var markerGap = 0.12

    /// A label cut to ``maxNameLength`` characters with "…" (coalition labels, legend rows).
    public func cut(_ text: String) -> String {
        let flat = String(text.map { $0.isNewline ? " " : $0 })
        return flat.count > maxNameLength ? String(flat.prefix(maxNameLength - 1)) + "…" : flat
    }

    /// A name as drawn: cut to ``maxNameLength`` and wrapped at spaces into at most three lines.
    /// - Complexity: O(length).
    public func nameLines(_ name: String) -> [String] {
        var text = String(name.map { $0.isNewline ? " " : $0 })
        if text.count > maxNameLength { text = String(text.prefix(maxNameLength - 1)) + "…" }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= nameLineWidth || lines.count == 2 {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// The marker diameter in inches of a node of size `size` (value over the run's maximum).
    /// - Complexity: O(1).
    public func markerDiameter(_ size: Double) -> Double {
        let s = size.isFinite ? min(1, max(0, size)) : 0
        return max(markerRange.lowerBound, markerRange.upperBound * s.squareRoot())
    }

    /// The fill opacity of a member that is in its coalition with probability `p` (share of draws): 0.15 + 0.85·p,
    /// so a member in every draw is opaque and one in few draws is a pale ghost of its coalition's colour.
    /// - Complexity: O(1).
    public func certaintyAlpha(_ p: Double) -> Double {
        0.15 + 0.85 * min(1, max(0, p.isFinite ? p : 0))
    }

    /// Members less certain than this get a dashed border as well.
    public static let dashedBelow = 0.5

    /// `fill` with the alpha of ``certaintyAlpha(_:)`` as two more hex digits (`#77AADDA8`).
    func fill(_ slot: Int, certainty p: Double) -> String {
        let alpha = Int((certaintyAlpha(p) * 255).rounded())
        let hex = String(alpha, radix: 16, uppercase: true)
        return fill(slot) + (hex.count == 1 ? "0" + hex : hex)
    }

    func penWidth(_ weight: Double) -> Double {
        1 + 0.5 * min(4, max(0, weight))
    }
}
