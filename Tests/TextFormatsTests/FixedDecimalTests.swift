import Foundation
import Testing
import TextFormats

/// ``FixedDecimal`` against the C formatter it replaces (`String(format: "%.Nf")`, glibc's printf), byte for byte.
///
/// The count of random values per distribution is `BLOCS_FIXED_DECIMAL_COUNT` (default 50,000; the commit that
/// added the formatter checked 2 million values against printf in a release build, see its message).
@Suite("FixedDecimal")
struct FixedDecimalTests {
    static let count = ProcessInfo.processInfo.environment["BLOCS_FIXED_DECIMAL_COUNT"].flatMap(Int.init) ?? 50_000

    /// A SplitMix64 stream, so every run checks the same values.
    struct Stream {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    }

    static func mismatches(_ values: [Double], digits: ClosedRange<Int> = 0...9) -> [String] {
        var bad: [String] = []
        for x in values {
            for d in digits {
                let expected = String(format: "%.\(d)f", x), got = FixedDecimal.format(x, digits: d)
                if got != expected && bad.count < 10 { bad.append("\(x) %.\(d)f: printf \(expected), got \(got)") }
            }
        }
        return bad
    }

    @Test("hand-picked values: ties to even on the exact binary value, signed zeros, NaN, infinities, huge values")
    func edges() {
        #expect(FixedDecimal.format(0.125, digits: 2) == "0.12")  // exact tie: to even
        #expect(FixedDecimal.format(0.375, digits: 2) == "0.38")
        #expect(FixedDecimal.format(2.5, digits: 0) == "2")
        #expect(FixedDecimal.format(3.5, digits: 0) == "4")
        #expect(FixedDecimal.format(0.00015, digits: 4) == "0.0001")  // 0.00015 is 1.49999…e-4 in binary
        #expect(FixedDecimal.format(1.00005, digits: 4) == "1.0001")  // 1.0000500000000001 in binary
        #expect(FixedDecimal.format(-0.0, digits: 4) == "-0.0000")
        #expect(FixedDecimal.format(-0.00001, digits: 4) == "-0.0000")
        #expect(FixedDecimal.format(0, digits: 0) == "0")
        #expect(FixedDecimal.format(999_999_999.99995, digits: 4) == String(format: "%.4f", 999_999_999.99995))
        let special: [Double] = [0, -0.0, .nan, -.nan, .infinity, -.infinity, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                 .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 1e9, -1e9,
                                 1e9.nextDown, (-1e9).nextUp, 1e15, 1e22, 1e300, 0.5, -0.5, 1.5, 0.05, 0.005, 0.0005, 0.00005,
                                 9.99995, 0.99995, 0.999949999, 123456.78905, Double(1 << 53), Double(1 << 53) + 2]
        #expect(Self.mismatches(special, digits: 0...12) == [])
    }

    @Test("uniform values in [-1, 1] and [-1e6, 1e6]")
    func uniform() {
        var s = Stream(state: 1)
        #expect(Self.mismatches((0..<Self.count).map { _ in 2 * s.unit() - 1 }, digits: 4...4) == [])
        #expect(Self.mismatches((0..<Self.count).map { _ in 2e6 * s.unit() - 1e6 }, digits: 4...4) == [])
        #expect(Self.mismatches((0..<Self.count / 20).map { _ in 2 * s.unit() - 1 }) == [])
    }

    @Test("every bit pattern: random exponents and significands, subnormals and huge values included (the fallback)")
    func bitPatterns() {
        var s = Stream(state: 2)
        let values = (0..<Self.count).map { _ in Double(bitPattern: s.next()) }.filter(\.isFinite)
        #expect(Self.mismatches(values, digits: 4...4) == [])
        // Magnitudes around the table's range: 2^-40 … 2^40.
        let near = (0..<Self.count).map { _ -> Double in
            let e = Int(s.next() % 81) - 40
            return (s.next() & 1 == 0 ? 1 : -1) * (1 + s.unit()) * Double(sign: .plus, exponent: e, significand: 1)
        }
        #expect(Self.mismatches(near, digits: 4...4) == [])
    }

    @Test("dyadic values n / 2^k: exact ties at every digit count, and the values one ulp beside them")
    func ties() {
        var s = Stream(state: 3)
        var values: [Double] = []
        for _ in 0..<Self.count / 3 {
            let k = Int(s.next() % 24) + 1
            let x = Double(Int64(s.next() % (1 << 30)) - (1 << 29)) / Double(1 << k)
            values += [x, x.nextUp, x.nextDown]
        }
        #expect(Self.mismatches(values, digits: 4...4) == [])
        #expect(Self.mismatches(Array(values.prefix(Self.count / 10))) == [])
        // Decimal halfway points (k + 0.5) / 10^4 as the nearest doubles, and one ulp on each side.
        var halfway: [Double] = []
        for _ in 0..<Self.count / 3 {
            let x = (Double(Int64(s.next() % 20_000_000) - 10_000_000) + 0.5) / 1e4
            halfway += [x, x.nextUp, x.nextDown]
        }
        #expect(Self.mismatches(halfway, digits: 4...4) == [])
    }
}
