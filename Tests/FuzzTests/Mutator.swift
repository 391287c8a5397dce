import Blocs

/// Seeded mutations of file contents, the same families as `scripts/fuzz`: byte flips, truncation, invalid UTF-8,
/// CR/LF mixes, control characters, duplicated/deleted/shuffled lines, long fields, odd Unicode, odd numbers and dates.
struct Mutator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ n: Int) -> Int { Int.random(in: 0..<max(1, n), using: &rng) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }

    static let odd = ["\u{202E}", "\u{200B}", "\u{FEFF}", "e\u{301}\u{301}", "\u{1F600}", "\u{0}", "\u{2028}", "<script>", "\"", "\\",
                      ",", "\t", String(repeating: "Ω", count: 50)]
    static let numbers = ["1e309", "-1e309", "nan", "NaN", "inf", "-inf", "-0", "99999999999999999999999", "0x10", "", "-1", "0",
                          "1e-320", "4294967296", "9223372036854775808"]
    static let dates = ["0001", "9999-12-31", "1926-02-30", "1926-13", "19260", "-500", "1926-00-01", "2024-02-29", "1900-02-29",
                        "[1929..1934]", "1926?", "1926~", "[1934..1929]", "0000", "1926-1-1", " 1926"]

    mutating func bytes(_ data: [UInt8]) -> [UInt8] {
        var b = data
        if b.isEmpty { return (0..<(1 + int(64))).map { _ in UInt8(int(256)) } }
        switch int(9) {
        case 0: for _ in 0..<(1 + int(8)) { b[int(b.count)] = UInt8(int(256)) }
        case 1: b.removeSubrange(int(b.count)...)
        case 2:
            for _ in 0..<(1 + int(3)) {
                b.insert(contentsOf: pick([[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]]), at: int(b.count))
            }
        case 3:
            let nl = pick([[13, 10], [13], [10, 13], [13, 13, 10]] as [[UInt8]])
            var out: [UInt8] = []
            var budget = 1 + int(50)
            for c in b { if c == 10 && budget > 0 { out += nl; budget -= 1 } else { out.append(c) } }
            return out
        case 4: for _ in 0..<(1 + int(3)) { b.insert(pick([0, 1, 7, 8, 11, 12, 27, 127]), at: int(b.count)) }
        default: return lines(b)
        }
        return b
    }

    mutating func lines(_ data: [UInt8]) -> [UInt8] {
        var ls = data.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        let i = int(ls.count)
        func setField(_ f: (inout Mutator) -> [UInt8]) {
            var fields = ls[i].split(separator: 44, omittingEmptySubsequences: false).map(Array.init)
            fields[int(fields.count)] = f(&self)
            ls[i] = Array(fields.joined(separator: [44]))
        }
        switch int(8) {
        case 0: for _ in 0..<(1 + int(4)) { ls.insert(ls[int(ls.count)], at: int(ls.count + 1)) }
        case 1: for _ in 0..<min(ls.count - 1, 1 + int(4)) { ls.remove(at: int(ls.count)) }
        case 2: setField { m in Array(String(repeating: m.pick(["x", "é", "\"", ","]), count: m.pick([5_000, 100_000])).utf8) }
        case 3: setField { m in Array(m.pick(Self.odd).utf8) }
        case 4: setField { m in Array(m.pick(Self.numbers).utf8) }
        case 5: setField { m in Array(m.pick(Self.dates).utf8) }
        case 6: if ls.count > 2 { var body = Array(ls[1...]); body.shuffle(using: &rng); ls = [ls[0]] + body }
        default:
            var fields = ls[i].split(separator: 44, omittingEmptySubsequences: false).map(Array.init)
            if fields.count > 1 && int(2) == 0 { fields.remove(at: int(fields.count)) } else { fields.insert(Array("extra".utf8), at: int(fields.count + 1)) }
            ls[i] = Array(fields.joined(separator: [44]))
        }
        return Array(ls.joined(separator: [10]))
    }

    mutating func yaml(_ data: [UInt8]) -> [UInt8] {
        switch int(5) {
        case 0:
            var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
            let names = Array("abcdefghij")
            for k in 1..<9 { let p = names[k - 1]; bomb += "\(names[k]): &\(names[k]) [" + Array(repeating: "*\(p)", count: 9).joined(separator: ", ") + "]\n" }
            return data + Array("\n\(bomb)title: *i\n".utf8)
        case 1:
            return data + Array(("\ndefault_period: " + pick(["window:0:0", "window:1:0", "window:-1:1", "month", "custom", "bogus", "window:18m:0m"]) + "\n").utf8)
        case 2:
            return data + Array(("\nspan: {start: " + pick(["0001", "1", "-50", "1926"]) + ", end: " + pick(["9999-12-31", "1925", "99999", "1933"]) + "}\n").utf8)
        case 3: return Array(pick(["\t", "---\n", "%YAML 1.1\n", "? [a]\n: b\n"]).utf8) + data
        default: return bytes(data)
        }
    }
}
