import TextFormats

/// Writing DOT text canonically: numbers (``DOT/number(_:decimals:)``, fixed decimals, no locale) and attribute
/// lists, so the same input gives the same bytes. Every id and label goes through the one DOT escaper,
/// `DOTText.id(_:)` / `DOTText.label(_:)` / `DOTText.html(_:)` in TextFormats.
public enum DOT {
    /// Tooltips longer than this many characters are cut with "…": a whole 20,000-character name in every
    /// tooltip of every picture made a dataset of such names take 30 s to draw, and no reader reads it there
    /// (tables and the report keep every name whole).
    static let maxTooltipLength = 1_000

    /// `text` as a tooltip attribute value: cut to ``maxTooltipLength`` characters, then quoted.
    /// - Complexity: O(length).
    static func tooltip(_ text: String) -> String {
        DOTText.label(text.count > maxTooltipLength ? String(text.prefix(maxTooltipLength - 1)) + "…" : text)
    }

    /// A share as a whole percentage for tooltips, never "100%" for a share below 1 nor "0%" above 0.
    static func percent(_ p: Double) -> String {
        let q = min(1, max(0, p.isFinite ? p : 0))
        var v = Int((q * 100).rounded())
        if q < 1 { v = min(v, 99) }
        if q > 0 { v = max(v, 1) }
        return "\(v)%"
    }

    /// `value` with at most `decimals` decimals (2 by default), trailing zeros removed, `-0` written `0`;
    /// independent of the locale.
    /// - Complexity: O(digits).
    public static func number(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 1e15 else { return String(Int64(value.rounded())) }
        var n = Int64(scaled)
        if n == 0 { return "0" }
        let negative = n < 0
        if negative { n = -n }
        let unit = Int64(scale)
        let whole = n / unit
        var fraction = n % unit
        var text = String(whole)
        if fraction != 0 {
            var digits = String(fraction)
            while digits.count < decimals { digits = "0" + digits }
            while fraction % 10 == 0 { fraction /= 10; digits.removeLast() }
            text += "." + digits
        }
        return negative ? "-" + text : text
    }

    /// An attribute list `[k1=v1, k2=v2]` from pairs whose values are already DOT-safe (quoted with
    /// `DOTText.label(_:)`/`DOTText.id(_:)` or bare numbers and keywords). Empty pairs give an empty string.
    static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.isEmpty ? "" : " [" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ", ") + "]"
    }
}
