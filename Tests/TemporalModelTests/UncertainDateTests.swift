import Testing
@testable import TemporalModel

/// Uncertain dates and ranges (EDTF level 1 qualifiers, `[a..b]` sets of consecutive values). Every expected value
/// below is worked out by hand from the rule in `Datasets/README.md` ("Uncertain dates").
@Suite("Uncertain dates and ranges")
struct UncertainDateTests {
    func d(_ s: String) throws -> HistoricalDate { try HistoricalDate(parsingUncertain: s) }
    func day(_ y: Int, _ m: Int, _ dd: Int) -> Day { Day(year: y, month: m, day: dd) }

    @Test("Every form is read and written back as it was", arguments: [
        ("1926", DateForm.exact), ("1926-04", .exact), ("1926-04-23", .exact),
        ("1926?", .uncertain), ("1926~", .approximate), ("1926%", .uncertainAndApproximate),
        ("1926-04?", .uncertain), ("1926-04-23~", .approximate),
        ("[1929..1934]", .range), ("[1929-03..1929-07]", .range), ("[1929-03-01..1929-03-15]", .range),
    ])
    func forms(text: String, form: DateForm) throws {
        let date = try d(text)
        #expect(date.form == form)
        #expect(date.description == text)
        #expect(date.isUncertain == (form != .exact))
        #expect(try d(date.description) == date)
    }

    @Test("A qualified date is read as stated; its possible values are the stated unit and its two neighbours")
    func qualified() throws {
        let approx = try d("1926~")
        #expect(approx.resolved == (try HistoricalDate(year: 1926)))
        #expect(approx.firstDay == day(1926, 1, 1) && approx.lastDay == day(1926, 12, 31))
        #expect(approx.possibleCount == 3)
        #expect((0..<3).map { approx.possible($0).description } == ["1925", "1926", "1927"])
        #expect(approx.earliestDay == day(1925, 1, 1) && approx.latestDay == day(1927, 12, 31))
        let month = try d("1926-01?")
        #expect((0..<3).map { month.possible($0).description } == ["1925-12", "1926-01", "1926-02"])
        let leap = try d("1928-03-01%")
        #expect((0..<3).map { leap.possible($0).description } == ["1928-02-29", "1928-03-01", "1928-03-02"])
        // At the edge of the calendar the neighbour that does not exist is left out.
        let first = try d("0001~")
        #expect(first.possibleCount == 2 && first.earliest.description == "0001" && first.latest.description == "0002")
        // An exact date has one possible value, itself.
        let exact = try d("1926-04")
        #expect(exact.possibleCount == 1 && exact.possible(0) == exact && exact.resolved == exact)
    }

    @Test("A range is read as its middle unit, the earlier of the two when their number is even", arguments: [
        ("[1929..1933]", "1931", 5),            // 1929 1930 [1931] 1932 1933
        ("[1929..1934]", "1931", 6),            // 1929 1930 [1931] 1932 1933 1934
        ("[1929..1930]", "1929", 2),
        ("[1926-03..1926-06]", "1926-04", 4),   // 03 [04] 05 06
        ("[1929-11..1930-02]", "1929-12", 4),   // 1929-11 [1929-12] 1930-01 1930-02
        ("[1928-02-27..1928-03-02]", "1928-02-29", 5),  // 27 28 [29] 1 2 (1928 is a leap year)
    ])
    func rangeResolution(text: String, middle: String, count: Int) throws {
        let r = try d(text)
        #expect(r.resolved.description == middle)
        #expect(r.possibleCount == count)
        let m = try HistoricalDate(parsing: middle)
        #expect(r.firstDay == m.firstDay && r.lastDay == m.lastDay && r.precision == m.precision)
        #expect(r.form.deterministicResolution == .middleUnit)
    }

    @Test("A range's possible values and its earliest and latest instants")
    func rangeValues() throws {
        let r = try d("[1929..1934]")
        #expect((0..<6).map { r.possible($0).description } == ["1929", "1930", "1931", "1932", "1933", "1934"])
        #expect(r.earliestDay == day(1929, 1, 1))
        #expect(r.latestDay == day(1934, 12, 31))
        let months = try d("[1929-03..1929-07]")
        #expect(months.earliestDay == day(1929, 3, 1) && months.latestDay == day(1929, 7, 31))
    }

    @Test("A uniform draw picks every possible value with equal width")
    func draws() throws {
        let r = try d("[1929..1934]")
        // Six values: u in [k/6, (k+1)/6) picks the k-th.
        for k in 0..<6 {
            #expect(r.drawn((Double(k) + 0.5) / 6).description == String(1929 + k))
            #expect(r.drawn(Double(k) / 6 + 1e-9).description == String(1929 + k))
        }
        #expect(r.drawn(0).description == "1929")
        #expect(r.drawn(0.999_999).description == "1934")
        #expect(r.drawn(0.5).description == "1932")  // 0.5 × 6 = 3 → the fourth value
        #expect(try d("1926").drawn(0.7).description == "1926")
    }

    @Test("Malformed, reversed, mixed and one-value ranges are refused with a reason", arguments: [
        ("[1934..1929]", DateError.rangeReversed("1934", "1929")),
        ("[1929-07..1929-03]", DateError.rangeReversed("1929-07", "1929-03")),
        ("[1929..1934-05]", DateError.rangeMixedPrecision("1929", "1934-05")),
        ("[1929-01-01..1929-02]", DateError.rangeMixedPrecision("1929-01-01", "1929-02")),
        ("[1929..1929]", DateError.rangeOfOne("1929")),
        ("[1929-02-30..1929-03-01]", DateError.dayOutOfRange(year: 1929, month: 2, day: 30)),
        ("1926-13~", DateError.monthOutOfRange(13)),
        ("[1929..1934", DateError.malformed("[1929..1934", uncertainFormsAllowed: true)),
        ("[..1934]", DateError.malformed("[..1934]", uncertainFormsAllowed: true)),
        ("[1929..]", DateError.malformed("[1929..]", uncertainFormsAllowed: true)),
        ("[1929...1934]", DateError.malformed("[1929...1934]", uncertainFormsAllowed: true)),
        ("[1929?..1934]", DateError.malformed("[1929?..1934]", uncertainFormsAllowed: true)),
        ("[1929..1934]~", DateError.malformed("[1929..1934]~", uncertainFormsAllowed: true)),
        ("1926??", DateError.malformed("1926??", uncertainFormsAllowed: true)),
        ("?1926", DateError.malformed("?1926", uncertainFormsAllowed: true)),
        ("1929/1934", DateError.malformed("1929/1934", uncertainFormsAllowed: true)),
        ("{1929..1934}", DateError.malformed("{1929..1934}", uncertainFormsAllowed: true)),
        ("", DateError.malformed("", uncertainFormsAllowed: true)),
    ])
    func refused(text: String, expected: DateError) {
        #expect(throws: expected) { try HistoricalDate(parsingUncertain: text) }
    }

    @Test("The messages say what is wrong and how to write it")
    func messages() {
        #expect(DateError.rangeReversed("1934", "1929").description == "range [1934..1929] is reversed (write the earlier end first: [1929..1934])")
        #expect(DateError.rangeMixedPrecision("1929", "1934-05").description
            == "range [1929..1934-05] mixes precisions (write both ends as years, as months or as days)")
        #expect(DateError.rangeOfOne("1929").description == "range [1929..1929] has a single value (write 1929, or 1929? if it is uncertain)")
        #expect(DateError.malformed("x", uncertainFormsAllowed: true).description
            == "malformed date 'x' (expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ? ~ or %, or a range such as [1929..1934])")
    }

    @Test("The exact parser (spans, windows, options) refuses uncertain forms as before")
    func exactParserUnchanged() {
        #expect(throws: DateError.malformed("1926?")) { try HistoricalDate(parsing: "1926?") }
        #expect(throws: DateError.malformed("[1929..1934]")) { try HistoricalDate(parsing: "[1929..1934]") }
    }

    @Test("A tie's interval uses the resolved dates")
    func tieInterval() throws {
        let tie = Tie(source: 0, target: 1, relation: .member, start: try d("1926~"), end: try d("[1929..1934]"))
        #expect(tie.interval(openEnd: day(1933, 12, 31)) == DayInterval(day(1926, 1, 1), day(1931, 12, 31)))
    }

    @Test("Ordering: by first day, coarser first, exact before uncertain")
    func ordering() throws {
        let dates = try ["1931?", "[1931..1934]", "1931", "1930-12", "1931-01"].map { try d($0) }
        #expect(dates.sorted().map(\.description) == ["1930-12", "1931", "1931?", "1931-01", "[1931..1934]"])
    }

    @Test("A network counts its dates by form and names the rule for each")
    func summary() throws {
        let info = DatasetInfo(name: "t", title: "T", spanStart: try HistoricalDate(parsing: "1921"), spanEnd: try HistoricalDate(parsing: "1935"))
        let actors = [Actor(id: "a", name: "A", kind: .person, start: try d("1921~")), Actor(id: "f", name: "F", kind: .faction)]
        let ties = [
            Tie(source: 0, target: 1, relation: .member, start: try d("1923"), end: try d("[1929..1934]")),
            Tie(source: 0, target: 1, relation: .member, start: try d("1935?"), end: try d("[1935-01..1935-03]")),
        ]
        let events = [Event(date: try d("1926%"), kind: "founded", description: "x")]
        let net = try TemporalNetwork(info: info, actors: actors, ties: ties, events: events)
        let s = net.uncertainDates
        #expect(s.counts == [.exact: 1, .approximate: 1, .range: 2, .uncertain: 1, .uncertainAndApproximate: 1])
        #expect(s.uncertainCount == 5)
        #expect(s.rules.map(\.form) == [.uncertain, .approximate, .uncertainAndApproximate, .range])
        #expect(s.rules.map(\.resolution) == [.asStated, .asStated, .asStated, .middleUnit])
        #expect(s.rules.map(\.count) == [1, 1, 1, 2])
    }
}
