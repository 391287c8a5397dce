import Foundation

/// A colour in CIELAB (D65 white), and the CIEDE2000 colour difference (Sharma, Wu and Dalal, "The CIEDE2000
/// color-difference formula: implementation notes, supplementary test data, and mathematical observations",
/// Color Research & Application 30(1), 2005). Written here because no package in the mirror provides it; it is
/// checked against the paper's test pairs and against colour-science (scripts/colour_reference.py).
public struct LabColour: Hashable, Sendable {
    public var l: Double
    public var a: Double
    public var b: Double

    public init(l: Double, a: Double, b: Double) {
        self.l = l; self.a = a; self.b = b
    }

    /// The CIELAB coordinates of an sRGB colour written `#rrggbb` (IEC 61966-2-1 transfer curve, D65 white);
    /// nil when the text is not of that form.
    public init?(hex: String) {
        var digits = Substring(hex)
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        guard digits.count >= 6, let v = UInt32(digits.prefix(6), radix: 16) else { return nil }
        func linear(_ c: UInt32) -> Double {
            let s = Double(c) / 255
            return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        let r = linear((v >> 16) & 0xFF), g = linear((v >> 8) & 0xFF), bl = linear(v & 0xFF)
        let x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * bl
        let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * bl
        let z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * bl
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        let fx = f(x / 0.95047), fy = f(y / 1.0), fz = f(z / 1.08883)
        self.init(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }

    /// ΔE₀₀ between two colours (kL = kC = kH = 1).
    /// - Complexity: O(1).
    public static func ciede2000(_ c1: LabColour, _ c2: LabColour) -> Double {
        let deg = Double.pi / 180
        let cab1 = (c1.a * c1.a + c1.b * c1.b).squareRoot(), cab2 = (c2.a * c2.a + c2.b * c2.b).squareRoot()
        let cMean = (cab1 + cab2) / 2
        let c7 = pow(cMean, 7)
        let g = 0.5 * (1 - (c7 / (c7 + pow(25, 7))).squareRoot())
        let a1 = (1 + g) * c1.a, a2 = (1 + g) * c2.a
        let cp1 = (a1 * a1 + c1.b * c1.b).squareRoot(), cp2 = (a2 * a2 + c2.b * c2.b).squareRoot()
        func hue(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let h = atan2(b, a) / deg
            return h < 0 ? h + 360 : h
        }
        let hp1 = hue(c1.b, a1), hp2 = hue(c2.b, a2)
        let dL = c2.l - c1.l
        let dC = cp2 - cp1
        var dh = 0.0
        if cp1 * cp2 != 0 {
            dh = hp2 - hp1
            if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
        }
        let dH = 2 * (cp1 * cp2).squareRoot() * sin(dh / 2 * deg)
        let lMean = (c1.l + c2.l) / 2
        let cpMean = (cp1 + cp2) / 2
        var hMean = hp1 + hp2
        if cp1 * cp2 != 0 {
            if abs(hp1 - hp2) <= 180 { hMean = (hp1 + hp2) / 2 } else if hp1 + hp2 < 360 { hMean = (hp1 + hp2 + 360) / 2 } else {
                hMean = (hp1 + hp2 - 360) / 2
            }
        }
        let t = 1 - 0.17 * cos((hMean - 30) * deg) + 0.24 * cos(2 * hMean * deg) + 0.32 * cos((3 * hMean + 6) * deg)
            - 0.20 * cos((4 * hMean - 63) * deg)
        let dTheta = 30 * exp(-pow((hMean - 275) / 25, 2))
        let cp7 = pow(cpMean, 7)
        let rC = 2 * (cp7 / (cp7 + pow(25, 7))).squareRoot()
        let l50 = (lMean - 50) * (lMean - 50)
        let sL = 1 + 0.015 * l50 / (20 + l50).squareRoot()
        let sC = 1 + 0.045 * cpMean
        let sH = 1 + 0.015 * cpMean * t
        let rT = -sin(2 * dTheta * deg) * rC
        let x = dL / sL, y = dC / sC, z = dH / sH
        return (x * x + y * y + z * z + rT * y * z).squareRoot()
    }
}

/// Colours for tracked clusters: each identity keeps one palette slot for its whole life, chosen from its name so
/// that the same data gives the same colours whatever the period scheme, and clusters present in the same period
/// get different slots (so fills at least ``DiagramStyle/minimumFillDistance`` apart) while there are no more of them
/// than the palette has colours.
public enum ClusterColours {
    /// Slots by identity.
    ///
    /// - Parameters:
    ///   - keys: each identity's naming key (e.g. the label it carries most often).
    ///   - periods: the identities present together, period by period.
    ///   - palette: the fills.
    /// - Complexity: O(Σ|period| + I log I + Σᵢ Pᵢ·K/64 + I·K·T) for I identities, Pᵢ periods of identity i,
    ///   K slots and T slots taken around an identity (the distance search runs only when the preferred slot is
    ///   taken). Co-presence is never listed pair by pair (that was Σ|period|² hashed string pairs: 8% of
    ///   `analyze --format none` on a 5,000-actor, 50-period network): each period keeps the set of slots its
    ///   already coloured identities hold, and an identity's taken slots are the union over its periods.
    ///   - patterns: outline patterns (``DiagramStyle/outlinePatterns``): slot s has fill `s mod K` and pattern
    ///     `s / K`, so up to K·patterns coalitions present at once get distinct (fill, pattern) pairs; slots with the
    ///     first pattern are used first (so runs with at most K coalitions at once are coloured as with fills alone).
    public static func assign(keys: [String: String], periods: [[String]], palette: [String], patterns: Int = 1) -> [String: Int] {
        let fills = max(1, palette.count)
        let k = fills * max(1, patterns)
        let labs = palette.map { LabColour(hex: $0) ?? LabColour(l: 0, a: 0, b: 0) }
        // Dense indices for the identities to colour; per identity its first period and the periods it is in.
        let ids = Array(keys.keys)
        let keyOf = ids.map { keys[$0] ?? $0 }
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { index[id] = i }
        var first = [Int](repeating: Int.max, count: ids.count)
        var presence = [[Int]](repeating: [], count: ids.count)
        for (t, p) in periods.enumerated() {
            for id in p {
                guard let i = index[id] else { continue }
                if first[i] == Int.max { first[i] = t }
                if presence[i].last != t { presence[i].append(t) }
            }
        }
        // Per period, the slots held by its identities coloured so far (a bitset of `words` words).
        let words = (k + 63) / 64
        var held = [UInt64](repeating: 0, count: periods.count * words)
        var slotOf = [Int?](repeating: nil, count: ids.count)
        // Identities in order of first appearance (then key): when an identity's life is one stretch of periods,
        // the ones already coloured that it meets are all present at its start, so with fewer than K present at
        // once a free slot always remains (greedy colouring of an interval graph in start order is optimal).
        // Among free slots the one its key hashes to is preferred, so the choice does not depend on period lengths.
        let order = ids.indices.sorted { (first[$0], keyOf[$0], ids[$0]) < (first[$1], keyOf[$1], ids[$1]) }
        var takenBits = [UInt64](repeating: 0, count: words)
        // The fills' pairwise distances, computed once (the search below asked for each pair per identity).
        var between = [Double](repeating: 0, count: fills * fills)
        for x in 0..<fills { for y in 0..<fills where x < labs.count && y < labs.count { between[x * fills + y] = LabColour.ciede2000(labs[x], labs[y]) } }
        for i in order {
            for w in 0..<words { takenBits[w] = 0 }
            for t in presence[i] { for w in 0..<words { takenBits[w] |= held[t * words + w] } }
            func isTaken(_ s: Int) -> Bool { takenBits[s >> 6] & (1 << UInt64(s & 63)) != 0 }
            let preferred = Int(fnv1a(keyOf[i]) % UInt64(fills))
            var chosen = preferred
            if isTaken(preferred) {
                // Otherwise the free slot of the first pattern that has one, farthest from the neighbours' colours
                // of that pattern (then the lowest); with none free, the slot farthest from them all.
                let taken = (0..<k).filter(isTaken)
                let free = (0..<k).filter { !isTaken($0) }
                let pattern = free.first.map { $0 / fills }
                let candidates = pattern.map { p in free.filter { $0 / fills == p } } ?? Array(0..<k)
                func distance(_ s: Int) -> Double {
                    taken.filter { $0 / fills == s / fills }.map { between[(s % fills) * fills + $0 % fills] }.min() ?? .infinity
                }
                let distances = candidates.map(distance)
                chosen = candidates.indices.max { (distances[$0], -candidates[$0]) < (distances[$1], -candidates[$1]) }.map { candidates[$0] } ?? preferred
            }
            slotOf[i] = chosen
            for t in presence[i] { held[t * words + (chosen >> 6)] |= 1 << UInt64(chosen & 63) }
        }
        var slot: [String: Int] = [:]
        slot.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() { if let s = slotOf[i] { slot[id] = s } }
        return slot
    }

    /// FNV-1a over the UTF-8 bytes: a fixed hash (Swift's `hashValue` changes from run to run).
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }
}
