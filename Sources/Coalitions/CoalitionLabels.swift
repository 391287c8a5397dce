import Snapshots
import TemporalModel

/// How a coalition is named, at every level.
///
/// The rule:
/// 1. Each member has a faction: a faction or group node is its own; a person belongs to the recorded faction
///    (kind `faction`) in which its membership share this period is largest (equal shares: the faction founded
///    last, the person's current allegiance as after a merger; then the faction id). A person with no faction
///    membership counts for none.
/// 2. If one faction holds a clear majority of the members — more than half of them — the coalition is named
///    after it ("Left Opposition").
/// 3. Otherwise it is named after its two most central members (largest strength on the alliance ties, then
///    degree, then actor id), persons by short name (``PersonName/short(_:)``), factions without bracketed parts
///    (``shortFactionName(_:)``), joined by an en dash: "Trotsky–Zinoviev bloc", "Left Opposition–Group of
///    Democratic Centralism bloc".
/// 4. Two coalitions of one period that would read the same get their most central member added:
///    "Left Opposition (Leon Trotsky)".
///
/// A label is never an internal id.
public enum CoalitionLabels {
    /// The label of one coalition and the faction it is named after (nil when named after members).
    ///
    /// - Parameters:
    ///   - members: the coalition's snapshot nodes.
    ///   - byCentrality: the same nodes, most central first.
    /// - Complexity: O(s + M) for s members and M memberships of the snapshot.
    public static func label(members: [Int], byCentrality: [Int], snapshot: Snapshot, network: TemporalNetwork) -> (label: String, faction: Int32?) {
        let factionOf = primaryFactions(snapshot, network: network)
        var count: [Int32: Int] = [:]
        for v in members {
            let a = snapshot.actors[v]
            if network.actors[Int(a)].kind != .person { count[a, default: 0] += 1 } else if let f = factionOf[a] { count[f, default: 0] += 1 }
        }
        if let (f, c) = count.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), 2 * c > members.count {
            return (network.actors[Int(f)].name, f)
        }
        let top = byCentrality.prefix(2).map { v -> String in
            let actor = network.actors[Int(snapshot.actors[v])]
            return actor.kind == .person ? PersonName.short(actor.name) : shortFactionName(actor.name)
        }
        return (top.joined(separator: "–") + " bloc", nil)
    }

    /// A faction's short name, for bloc labels (a bloc of factions reads "Left Opposition–Decists bloc", not
    /// "Left Opposition–Group of Democratic Centralism (Decists) bloc"):
    /// 1. of alternatives separated by " / ", the first: "Ryutin group / Union of Marxist-Leninists" → "Ryutin group";
    /// 2. a closing bracket holding one capitalised word — the nickname or acronym the faction is known by — is the
    ///    short name: "Group of Democratic Centralism (Decists)" → "Decists", "International Left Opposition (ILO)"
    ///    → "ILO", "Communist International (Comintern)" → "Comintern";
    /// 3. otherwise the name without its bracketed parts, anything after a colon and a leading "The":
    ///    "New Opposition (Leningrad, 'Opposition of 1925')" → "New Opposition"; "Triumvirate (troika): Zinoviev,
    ///    Kamenev, Stalin" → "Triumvirate"; "United (Joint) Opposition" → "United Opposition"; "The Trotskyist
    ///    groups ('our group')" → "Trotskyist groups";
    /// 4. then, of a name of more than four words, what follows its first "of the": "Signatories of the
    ///    Declaration of 46" → "Declaration of 46".
    /// - Complexity: O(length).
    public static func shortFactionName(_ name: String) -> String {
        var text = name
        if let slash = text.split(separator: "/", maxSplits: 1).first, slash.count < text.count, slash.hasSuffix(" ") {
            text = String(slash.dropLast())
        }
        let trimmedEnd = text.split(separator: " ").joined(separator: " ")
        if trimmedEnd.hasSuffix(")"), let open = trimmedEnd.lastIndex(of: "(") {
            let inner = trimmedEnd[trimmedEnd.index(after: open)..<trimmedEnd.index(before: trimmedEnd.endIndex)]
            if let first = inner.first, first.isUppercase, inner.count >= 2,
               inner.allSatisfy({ $0.isLetter || $0 == "-" }) {
                return String(inner)
            }
        }
        if let colon = text.firstIndex(of: ":") { text = String(text[..<colon]) }
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") { text.removeSubrange(open...close) }
        if let open = text.firstIndex(of: "(") { text = String(text[..<open]) }
        var words = text.split(separator: " ")
        if words.count > 1, words[0] == "The" { words.removeFirst() }
        // 4. A name of more than four words keeps what follows its first "of the": "Signatories of the Declaration
        //    of 46" → "Declaration of 46".
        if words.count > 4, let k = words.indices.dropLast(2).first(where: { words[$0] == "of" && words[$0 + 1] == "the" }) {
            words = Array(words[(k + 2)...])
        }
        let short = words.joined(separator: " ")
        return short.isEmpty ? name : short
    }

    /// Each person's faction this period (rule 1), by network index.
    /// - Complexity: O(M).
    public static func primaryFactions(_ snapshot: Snapshot, network: TemporalNetwork) -> [Int32: Int32] {
        var best: [Int32: (faction: Int32, share: Double)] = [:]
        func founded(_ f: Int32) -> Int32 { network.actors[Int(f)].start?.firstDay.ordinal ?? Int32.min }
        for m in snapshot.memberships where network.actors[Int(m.faction)].kind == .faction {
            if let b = best[m.person] {
                let better = m.share > b.share
                    || (m.share == b.share && founded(m.faction) > founded(b.faction))
                    || (m.share == b.share && founded(m.faction) == founded(b.faction)
                        && network.actors[Int(m.faction)].id < network.actors[Int(b.faction)].id)
                if better { best[m.person] = (m.faction, m.share) }
            } else {
                best[m.person] = (m.faction, m.share)
            }
        }
        return best.mapValues(\.faction)
    }
}

/// The short form of a person's name, as a historian would write it in a diagram.
public enum PersonName {
    /// Chinese surnames (pinyin and Wade–Giles) that open a surname-first name: such a name of two or three words
    /// is kept whole ("Chen Duxiu", not "Duxiu").
    static let surnameFirst: Set<String> = [
        "Bai", "Cai", "Cao", "Chen", "Ch'en", "Deng", "Ding", "Du", "Fan", "Fang", "Feng", "Gao", "Guo", "He", "Hu",
        "Huang", "Jiang", "Kang", "Li", "Liang", "Lin", "Liu", "Lu", "Luo", "Ma", "Mao", "Peng", "Qian", "Qu", "Ren",
        "Shen", "Song", "Sun", "Tan", "Tang", "Wang", "Wei", "Wu", "Xiang", "Xiao", "Xie", "Xu", "Yang", "Ye", "Yu",
        "Yuan", "Zhang", "Zhao", "Zheng", "Zhou", "Zhu", "Chou", "Chang", "Liao", "P'eng", "Ts'ai", "Chu",
    ]
    /// Lower-case particles kept with the surname ("de Gaulle", "van der Lubbe").
    static let particles: Set<String> = ["de", "da", "di", "del", "della", "der", "den", "du", "la", "le", "van", "von", "ten", "ter", "zu"]

    /// "Leon Trotsky" → "Trotsky"; "N. Osinsky (Valerian Obolensky)" → "Osinsky" (the name the person is known by,
    /// before the bracketed real name); "Chen Duxiu" → "Chen Duxiu" (surname first); "Bukharin, Nikolai" →
    /// "Bukharin"; "Charles de Gaulle" → "de Gaulle"; a single word stays as it is.
    /// - Complexity: O(length).
    public static func short(_ name: String) -> String {
        var text = name
        // Bracketed parts are alternative names: drop them ("A. Lomov (Georgy Oppokov)" → "A. Lomov").
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") {
            text.removeSubrange(open...close)
        }
        if let open = text.firstIndex(of: "(") { text = String(text[..<open]) }
        let trimmed = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !trimmed.isEmpty else { return name }
        if let comma = trimmed.joined(separator: " ").firstIndex(of: ",") {
            let surname = String(trimmed.joined(separator: " ")[..<comma])
            return surname.isEmpty ? name : surname
        }
        if trimmed.count <= 3, trimmed.count >= 2, surnameFirst.contains(trimmed[0]) { return trimmed.joined(separator: " ") }
        var k = trimmed.count - 1
        while k > 0 && particles.contains(trimmed[k - 1]) { k -= 1 }
        return trimmed[k...].joined(separator: " ")
    }
}
