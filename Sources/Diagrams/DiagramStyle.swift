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
    /// Cluster fills, by ``DiagramSnapshot/Cluster/color`` modulo the count (light enough for black text).
    public var palette = [
        "#a6cee3", "#b2df8a", "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99",
        "#8dd3c7", "#bebada", "#fccde5", "#d9d9d9", "#80b1d3", "#ccebc5",
    ]
    /// Node font sizes from size 0 to size 1.
    public var fontSizes: ClosedRange<Double> = 10...18

    public init() {}

    /// The fill of palette slot `slot`.
    public func fill(_ slot: Int) -> String {
        palette.isEmpty ? "#ffffff" : palette[((slot % palette.count) + palette.count) % palette.count]
    }

    func fontSize(_ size: Double) -> Double {
        fontSizes.lowerBound + (fontSizes.upperBound - fontSizes.lowerBound) * min(1, max(0, size))
    }

    /// Minimum node width and height in inches for a size in [0, 1].
    func nodeBox(_ size: Double) -> (Double, Double) {
        let s = min(1, max(0, size))
        return (0.5 + 0.9 * s, 0.3 + 0.45 * s)
    }

    func penWidth(_ weight: Double) -> Double {
        1 + 0.5 * min(4, max(0, weight))
    }
}
