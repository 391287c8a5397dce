import Testing
@testable import Diagrams

/// `ClusterColours.assign` lists no co-present pairs (it keeps, per period, the slots already held); these tests
/// hold it to the pairwise implementation it replaced, kept here as the reference, on seeded random runs: lives
/// of one stretch and with gaps, more identities at once than slots, identities in periods but not in `keys`,
/// duplicate ids within a period, one and several outline patterns.
@Suite("Cluster colours against the pairwise reference")
struct ClusterColoursTests {
    /// The implementation before dense indices: neighbours as sets of strings, Σ|period|² insertions.
    static func reference(keys: [String: String], periods: [[String]], palette: [String], patterns: Int = 1) -> [String: Int] {
        let fills = max(1, palette.count)
        let k = fills * max(1, patterns)
        let labs = palette.map { LabColour(hex: $0) ?? LabColour(l: 0, a: 0, b: 0) }
        var neighbours: [String: Set<String>] = [:]
        for p in periods {
            for a in p { for b in p where a != b { neighbours[a, default: []].insert(b) } }
        }
        var first: [String: Int] = [:]
        for (t, p) in periods.enumerated() { for id in p where first[id] == nil { first[id] = t } }
        var slot: [String: Int] = [:]
        for id in keys.keys.sorted(by: { (first[$0] ?? Int.max, keys[$0] ?? $0, $0) < (first[$1] ?? Int.max, keys[$1] ?? $1, $1) }) {
            let taken = Set((neighbours[id] ?? []).compactMap { slot[$0] })
            let preferred = Int(ClusterColours.fnv1a(keys[id] ?? id) % UInt64(fills))
            if !taken.contains(preferred) { slot[id] = preferred; continue }
            let free = (0..<k).filter { !taken.contains($0) }
            let pattern = free.first.map { $0 / fills }
            let candidates = pattern.map { p in free.filter { $0 / fills == p } } ?? Array(0..<k)
            func distance(_ s: Int) -> Double {
                taken.filter { $0 / fills == s / fills }.map { LabColour.ciede2000(labs[s % fills], labs[$0 % fills]) }.min() ?? .infinity
            }
            slot[id] = candidates.max { (distance($0), -$0) < (distance($1), -$1) } ?? preferred
        }
        return slot
    }

    @Test("Same slots as the pairwise reference on random runs", arguments: [1, 3])
    func matchesReference(patterns: Int) {
        var rng = SplitMix(seed: 2026 + UInt64(patterns))
        let palette = DiagramStyle().palette
        var preferredTaken = 0
        for trial in 0..<60 {
            let identities = 5 + Int(rng.next() % 80), periodCount = 1 + Int(rng.next() % 40)
            var periods = [[String]](repeating: [], count: periodCount)
            var keys: [String: String] = [:]
            for i in 0..<identities {
                let id = "C\(i)"
                // A few identities share a key (same most frequent label); some are never in keys.
                if rng.next() % 10 != 0 { keys[id] = "Coalition \(rng.next() % UInt64(max(2, identities - 3)))" }
                let start = Int(rng.next() % UInt64(periodCount)), length = 1 + Int(rng.next() % 12)
                for t in start..<min(periodCount, start + length) where rng.next() % 6 != 0 { periods[t].append(id) }
            }
            // Shuffled order within periods and the odd duplicate.
            for t in periods.indices {
                periods[t].shuffle(using: &rng)
                if let d = periods[t].first, rng.next() % 8 == 0 { periods[t].append(d) }
            }
            let expected = Self.reference(keys: keys, periods: periods, palette: palette, patterns: patterns)
            let got = ClusterColours.assign(keys: keys, periods: periods, palette: palette, patterns: patterns)
            #expect(got == expected, "trial \(trial)")
            preferredTaken += expected.filter { Int(ClusterColours.fnv1a(keys[$0.key] ?? $0.key) % UInt64(palette.count)) != $0.value }.count
        }
        // The distance search (the preferred slot taken) ran, so both branches were compared.
        #expect(preferredTaken > 50)
    }
}

extension SplitMix: RandomNumberGenerator {}
