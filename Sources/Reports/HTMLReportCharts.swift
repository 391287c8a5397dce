import Foundation

/// The report's charts over the periods, drawn as inline SVG. All charts share one x scale (one column per
/// period); a shaded `.marker` column, moved by the page's script, shows the selected period.
enum HTMLReportCharts {
    static let width = 360.0, height = 172.0
    static let left = 46.0, right = 10.0, top = 12.0, bottom = 30.0
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }

    enum Kind { case line, bars }
    struct Series {
        var name: String
        var kind: Kind
        var values: [Double?]
    }

    static func charts(_ model: ReportModel) -> [String] {
        let periods = model.periods
        var out: [String] = []
        let counts = periods.map { Double($0.counts.count) as Double? }
        let effective = periods.map(\.counts.effectiveNumber)
        out.append(chart(
            id: "chart-coalitions", title: "Coalitions",
            note: "bars: number of coalitions; line: effective number (1 ÷ the sum of squared coalition shares)" + flatNote("coalitions", counts, labels: periods.map(\.label)),
            labels: periods.map(\.label),
            series: [Series(name: "coalitions", kind: .bars, values: counts),
                     Series(name: "effective number", kind: .line, values: effective)],
            percent: false))
        out.append(chart(
            id: "chart-largest", title: "Largest coalition", note: "share of the period's actors in the largest coalition",
            labels: periods.map(\.label),
            series: [Series(name: "largest share", kind: .line, values: periods.map(\.counts.largestShare))],
            percent: true))
        for (k, spec) in model.balanceCharts.enumerated() {
            let values = periods.map { p in p.balance.first(where: { $0.name == spec.measure })?.value ?? nil }
            guard values.contains(where: { $0 != nil }) else { continue }
            out.append(chart(
                id: "chart-balance-\(k)", title: spec.title, note: spec.note + flatNote(spec.measure, values, labels: periods.map(\.label)), labels: periods.map(\.label),
                series: [Series(name: spec.title, kind: .line, values: values)], percent: false))
        }
        return out
    }

    static func f(_ x: Double) -> String { String(format: "%.1f", x) }

    /// Why a chart is flat or nearly so: when one value (to 9 decimals) holds in every valued period, or in all but
    /// at most a third of them (and at least two), the value, the periods that differ, and what that value means.
    static func flatNote(_ measure: String, _ values: [Double?], labels: [String] = []) -> String {
        let rounded = values.map { v in v.flatMap { $0.isFinite ? ($0 * 1e9).rounded() / 1e9 : nil } }
        let known = rounded.compactMap { $0 }
        guard known.count >= 2 else { return "" }
        let counts = Dictionary(known.map { ($0, 1) }, uniquingKeysWith: +)
        guard let (v, k) = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }), k >= 2, 3 * k >= 2 * known.count else { return "" }
        let why: String
        switch (measure, v) {
        case ("balance_ratio", 1): why = "no closed triangle has an odd number of rivalries"
        case ("frustration", 0): why = "the actors split into two camps with every alliance inside a camp and every rivalry across"
        case ("frustration_normalized", 1): why = "no tie is frustrated"
        case ("walk_balance", 1): why = "every closed walk has an even number of rivalries: the network is balanced"
        case ("algebraic_conflict", 0): why = "some part of the network is balanced (a single isolated actor is enough)"
        default:
            guard k == known.count else { return "" }
            why = "the measure does not change"
        }
        if k == known.count {
            return ". Flat: \(HTMLReport.number(v)) in every period\(known.count < values.count ? " that has a value" : "") — \(why)."
        }
        let others = rounded.indices.filter { rounded[$0] != nil && rounded[$0] != v }.map { $0 < labels.count ? labels[$0] : String($0 + 1) }
        return ". \(HTMLReport.number(v)) in \(k) of \(known.count) periods (all but \(others.joined(separator: ", "))) — there \(why)."
    }

    static func chart(id: String, title: String, note: String, labels: [String], series: [Series], percent: Bool) -> String {
        let n = labels.count
        let step = plotWidth / Double(max(n, 1))
        func x(_ i: Int) -> Double { left + (Double(i) + 0.5) * step }
        let all = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        let lo = percent ? 0 : min(0, all.min() ?? 0)
        var hi = percent ? 1 : niceCeiling(all.max() ?? 1)
        if hi <= lo { hi = lo + 1 }
        // Whole numbers (counts, frustration; the first series decides) keep whole-number grid lines.
        let whole = (series.first?.values ?? []).compactMap { $0 }.allSatisfy { $0 == $0.rounded() }
        if !percent, lo == 0, whole, hi >= 1, hi.truncatingRemainder(dividingBy: 2) != 0 {
            hi += 1
        }
        func y(_ v: Double) -> Double { top + plotHeight * (1 - (v - lo) / (hi - lo)) }
        func show(_ v: Double) -> String { percent ? "\(Int((v * 100).rounded()))%" : HTMLReport.number(v) }
        func tick(_ v: Double) -> String { percent ? show(v) : axisNumber(v) }

        var s = "<figure class=\"chart\" id=\"\(id)\"><figcaption><h3>\(HTMLReport.escape(title))</h3>"
        if !note.isEmpty { s += "<p>\(HTMLReport.escape(note))</p>" }
        s += "</figcaption>\n"
        s += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTMLReport.escape(title)) by period\" "
        s += "data-x0=\"\(f(left))\" data-step=\"\(f(step))\">\n"
        s += "<rect class=\"marker\" x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(step))\" height=\"\(f(plotHeight))\"/>\n"
        for v in [lo, (lo + hi) / 2, hi] {
            s += "<line class=\"grid\" x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\"/>"
            s += "<text class=\"ylabel\" x=\"\(f(left - 6))\" y=\"\(f(y(v) + 3.5))\">\(tick(v))</text>\n"
        }
        if lo < 0 { s += "<line class=\"axis\" x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(0)))\" y2=\"\(f(y(0)))\"/>\n" }
        let maxChars = labels.map(\.count).max() ?? 1
        let fit = max(1, Int(plotWidth / (Double(maxChars) * 6.8 + 8)))
        let every = max(1, (n + fit - 1) / fit)
        for (i, label) in labels.enumerated() where i % every == 0 {
            s += "<text class=\"xlabel\" x=\"\(f(x(i)))\" y=\"\(f(height - bottom + 16))\">\(HTMLReport.escape(label))</text>"
        }
        s += "\n"
        for (k, serie) in series.enumerated() {
            let cls = "series s\(k)"
            switch serie.kind {
            case .bars:
                let w = min(step * 0.62, 26)
                for (i, v) in serie.values.enumerated() {
                    guard let v, v.isFinite else { continue }
                    let top = min(y(v), y(max(lo, 0))), h = abs(y(v) - y(max(lo, 0)))
                    s += "<rect class=\"\(cls) bar\" x=\"\(f(x(i) - w / 2))\" y=\"\(f(top))\" width=\"\(f(w))\" height=\"\(f(h))\"/>"
                }
            case .line:
                var d = "", pen = false
                for (i, v) in serie.values.enumerated() {
                    guard let v, v.isFinite else { pen = false; continue }
                    d += (pen ? " L" : (d.isEmpty ? "M" : " M")) + "\(f(x(i))) \(f(y(v)))"
                    pen = true
                }
                if !d.isEmpty { s += "<path class=\"\(cls) line\" d=\"\(d)\"/>" }
                for (i, v) in serie.values.enumerated() {
                    guard let v, v.isFinite else { continue }
                    s += "<circle class=\"\(cls) dot\" cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"3\"/>"
                }
            }
            s += "\n"
        }
        // Missing values are said, not drawn as zero.
        for i in 0..<n where series.allSatisfy({ $0.values[i].map { !$0.isFinite } ?? true }) {
            s += "<text class=\"missing\" x=\"\(f(x(i)))\" y=\"\(f(y(lo) - 4))\">–</text>"
        }
        for (i, label) in labels.enumerated() {
            let values = series.map { "\($0.name): " + ($0.values[i].map(show) ?? "none") }.joined(separator: "; ")
            s += "<rect class=\"hit\" data-period=\"\(i)\" x=\"\(f(x(i) - step / 2))\" y=\"\(f(top))\" width=\"\(f(step))\" height=\"\(f(plotHeight))\">"
            s += "<title>\(HTMLReport.escape(label + " — " + values))</title></rect>"
        }
        s += "\n</svg></figure>\n"
        return s
    }

    /// A grid-line value without trailing zeros: 2.5, 0.5, 10.
    static func axisNumber(_ v: Double) -> String {
        var s = String(format: "%.3f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// The smallest of 1, 2, 2.5, 5 × 10^k that is at least `x` (1 when `x` ≤ 0).
    static func niceCeiling(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let p = pow(10, (log10(x)).rounded(.down))
        for m in [1, 2, 2.5, 5, 10] where m * p >= x * (1 - 1e-12) { return m * p }
        return 10 * p
    }
}
