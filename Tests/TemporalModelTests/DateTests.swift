import Testing
@testable import TemporalModel

@Suite("Dates and intervals")
struct DateTests {
    @Test("Day ordinals round-trip through components across eras and leap days")
    func dayRoundTrip() {
        // Known ordinals: the Unix epoch, the turn of the millennium, and a leap day.
        #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
        #expect(Day(year: 2000, month: 3, day: 1).ordinal == 11017)
        #expect(Day(year: 1924, month: 2, day: 29).ordinal == -16743)
        for ordinal in stride(from: -719_000, through: 2_900_000, by: 997) {
            let d = Day(ordinal: Int32(ordinal))
            let c = d.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == d)
        }
    }

    @Test("Leap years follow the Gregorian rule")
    func leapYears() {
        #expect(Day.isLeapYear(1924))
        #expect(!Day.isLeapYear(1900))
        #expect(Day.isLeapYear(2000))
        #expect(!Day.isLeapYear(1923))
        #expect(Day.daysInMonth(year: 1928, month: 2) == 29)
        #expect(Day.daysInMonth(year: 1927, month: 2) == 28)
        #expect(Day(year: 1925, month: 1, day: 1) - Day(year: 1924, month: 1, day: 1) == 366)
    }

    @Test("A start means the first day of its precision, an end the last day")
    func precisionBounds() throws {
        let y = try HistoricalDate(parsing: "1926")
        #expect(y.precision == .year)
        #expect(y.firstDay == Day(year: 1926, month: 1, day: 1))
        #expect(y.lastDay == Day(year: 1926, month: 12, day: 31))
        let m = try HistoricalDate(parsing: "1928-02")
        #expect(m.precision == .month)
        #expect(m.firstDay == Day(year: 1928, month: 2, day: 1))
        #expect(m.lastDay == Day(year: 1928, month: 2, day: 29))
        let m2 = try HistoricalDate(parsing: "1927-02")
        #expect(m2.lastDay == Day(year: 1927, month: 2, day: 28))
        let d = try HistoricalDate(parsing: "1927-11-14")
        #expect(d.precision == .day)
        #expect(d.firstDay == d.lastDay)
        #expect(d.description == "1927-11-14")
        // A tie from 1926 to 1927 covers both years entirely.
        let tie = Tie(source: 0, target: 1, relation: .alliance, start: y, end: try HistoricalDate(parsing: "1927"))
        let iv = try #require(tie.interval(openEnd: Day(year: 1933, month: 12, day: 31)))
        #expect(iv.start == Day(year: 1926, month: 1, day: 1))
        #expect(iv.end == Day(year: 1927, month: 12, day: 31))
        #expect(iv.length == 730)
    }

    @Test("An open end lasts to the end of the span")
    func openEnd() throws {
        let tie = Tie(source: 0, target: 1, relation: .rivalry, start: try HistoricalDate(parsing: "1932-10"))
        let spanEnd = Day(year: 1933, month: 12, day: 31)
        #expect(tie.interval(openEnd: spanEnd) == DayInterval(Day(year: 1932, month: 10, day: 1), spanEnd))
        // A tie starting after the span's end covers nothing.
        let late = Tie(source: 0, target: 1, relation: .rivalry, start: try HistoricalDate(parsing: "1940"))
        #expect(late.interval(openEnd: spanEnd) == nil)
    }

    @Test("Malformed and impossible dates are refused with a reason", arguments: [
        ("1926-13", DateError.monthOutOfRange(13)),
        ("1927-02-29", DateError.dayOutOfRange(year: 1927, month: 2, day: 29)),
        ("1926-04-31", DateError.dayOutOfRange(year: 1926, month: 4, day: 31)),
        ("0000", DateError.yearOutOfRange(0)),
        ("26", DateError.malformed("26")),
        ("1926-1", DateError.malformed("1926-1")),
        ("1926/01", DateError.malformed("1926/01")),
        ("1926-01-01-01", DateError.malformed("1926-01-01-01")),
        ("", DateError.malformed("")),
        ("192a", DateError.malformed("192a")),
        ("19260", DateError.malformed("19260")),
        ("1926-011", DateError.malformed("1926-011")),
        ("99999999999999999999999", DateError.malformed("99999999999999999999999")),
        ("1926-", DateError.malformed("1926-")),
        ("-1926", DateError.malformed("-1926")),
        ("1926-01-", DateError.malformed("1926-01-")),
        ("１９２６", DateError.malformed("１９２６")),
    ])
    func badDates(text: String, expected: DateError) {
        #expect(throws: expected) { try HistoricalDate(parsing: text) }
    }

    @Test("29 February exists in leap years only")
    func leapDay() throws {
        #expect(try HistoricalDate(parsing: "1924-02-29").firstDay == Day(year: 1924, month: 2, day: 29))
        #expect(throws: DateError.self) { try HistoricalDate(parsing: "1900-02-29") }
    }

    @Test("Interval overlap and intersection are inclusive at both ends")
    func intervals() {
        let a = DayInterval(Day(year: 1926, month: 1, day: 1), Day(year: 1926, month: 12, day: 31))
        let b = DayInterval(Day(year: 1926, month: 12, day: 31), Day(year: 1927, month: 3, day: 1))
        let c = DayInterval(Day(year: 1927, month: 1, day: 1), Day(year: 1927, month: 1, day: 1))
        #expect(a.overlaps(b))
        #expect(a.intersection(b)?.length == 1)
        #expect(!a.overlaps(c))
        #expect(a.intersection(c) == nil)
        #expect(a.contains(a.start) && a.contains(a.end))
        #expect(a.length == 365)
    }

    @Test("Dates order by first day, then coarser precision first")
    func ordering() throws {
        let dates = try ["1926-03", "1926", "1925-12-31", "1926-01-01", "1926-01"].map { try HistoricalDate(parsing: $0) }
        #expect(dates.sorted().map(\.description) == ["1925-12-31", "1926", "1926-01", "1926-01-01", "1926-03"])
    }
}
