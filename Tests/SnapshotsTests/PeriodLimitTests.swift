import Testing
@testable import Snapshots
import TemporalModel

@Suite("Period schemes on any span")
struct PeriodLimitTests {
    func span(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> DayInterval {
        DayInterval(Day(year: a.0, month: a.1, day: a.2), Day(year: b.0, month: b.1, day: b.2))
    }

    @Test("Monthly periods over 0001–9999 are refused before any is made: 119,988 > 10,000")
    func tooManyMonths() {
        #expect(throws: SnapshotError.tooManyPeriods(scheme: "month", count: 119_988, limit: 10_000)) {
            try PeriodScheme.month.periods(over: span((1, 1, 1), (9999, 12, 31)))
        }
        // Years over the same span are 9,999: allowed.
        #expect((try? PeriodScheme.year.periods(over: span((1, 1, 1), (9999, 12, 31))).count) == 9_999)
    }

    @Test("The count made beforehand equals the periods made, for every scheme (spans by hand)")
    func countsAgree() throws {
        let spans = [span((1921, 1, 1), (1933, 12, 31)), span((1921, 5, 12), (1923, 2, 3)), span((1999, 12, 1), (2000, 1, 31))]
        let schemes: [PeriodScheme] = [.year, .quarter, .month, .window(width: 3, step: 1, months: false),
                                       .window(width: 18, step: 6, months: true), .window(width: 2, step: 5, months: false)]
        for s in spans {
            for scheme in schemes {
                let made = (try? scheme.periods(over: s).count) ?? 0
                let (y0, m0, _) = s.start.components, (y1, m1, _) = s.end.components
                #expect(scheme.periodCount(from: (y0, m0), to: (y1, m1)) == made, "\(scheme) over \(s)")
            }
        }
        // By hand: 1921-05..1923-02 has quarters 1921-Q2 … 1923-Q1 = 8, months 22.
        #expect(try PeriodScheme.quarter.periods(over: spans[1]).count == 8)
        #expect(try PeriodScheme.month.periods(over: spans[1]).count == 22)
    }

    @Test("Custom windows given out of order come in time order; two windows of one name are refused")
    func customWindows() throws {
        func w(_ id: String, _ a: String, _ b: String) throws -> NamedWindow {
            NamedWindow(id: id, start: try HistoricalDate(parsing: a), end: try HistoricalDate(parsing: b))
        }
        let given = [try w("xv", "1927-12", "1927-12"), try w("xiii", "1924-05", "1924-05"), try w("uo", "1926", "1927")]
        let periods = try PeriodScheme.custom(given).periods(over: span((1921, 1, 1), (1933, 12, 31)))
        #expect(periods.map(\.label) == ["xiii", "uo", "xv"])
        #expect(throws: SnapshotError.duplicateWindow("xiii")) {
            try PeriodScheme.custom(given + [try w("xiii", "1930", "1930")]).periods(over: span((1921, 1, 1), (1933, 12, 31)))
        }
    }
}
