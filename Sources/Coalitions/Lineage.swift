import Metrics
import Snapshots
import TemporalModel

/// Finds the coalitions of every snapshot and tracks them across periods.
///
/// - Complexity: the method's cost per snapshot plus the tracker's (see ``CoalitionTracker``).
public func analyzeCoalitions(_ snapshots: [Snapshot], network: TemporalNetwork,
                              settings: CoalitionOptions = CoalitionOptions(),
                              tracking: TrackingOptions = TrackingOptions()) -> CoalitionHistory {
    // Snapshots are independent: detected side by side on all cores, kept in period order (deterministic).
    let periods = parallelMap(snapshots.count) { detectCoalitions(in: snapshots[$0], network: network, settings: settings) }
    return CoalitionTracker(network: network, settings: tracking).track(periods)
}

/// A change the dataset records: a lineage tie (`merged-into`, `split-from`) or a `dissolved` event.
public struct RecordedChange: Hashable, Sendable {
    public enum Kind: String, Sendable, Hashable { case mergedInto = "merged-into", splitFrom = "split-from", dissolved }
    public var kind: Kind
    /// Actor ids: `[A, B]` for "A merged into B" / "A split from B", `[A]` for a dissolution.
    public var actors: [String]
    /// The period the record dates the change to.
    public var periodIndex: Int
    public var period: String
}

/// A recorded change and what the analysis says about it.
public struct LineageCheck: Hashable, Sendable {
    public var record: RecordedChange
    public var detected: Bool
    /// The detected merge, split or death events that match it.
    public var events: [CoalitionEvent]
    /// How the members' moves match the record, or why it is missed; ``LineageEvidence/events`` when ``events``
    /// match. Written as a sentence by Reports (`ChangeSentences.evidence`).
    public var evidence: LineageEvidence
}

/// Why a recorded change is detected or missed, as values (coalition ids, period labels, actor ids).
public enum LineageEvidence: Hashable, Sendable {
    /// Detected merge, split or death events match it (``LineageCheck/events``).
    case events
    /// Detected without such an event: the members of `parents` are together in `result` in `period`.
    case membersJoined(parents: [String], result: String, period: String)
    /// Detected without a split event: `parent` parted into `parts` in `period`.
    case parted(parent: String, parts: [String], period: String)
    /// Detected dissolution: its members left `coalition` in `period`.
    case membersLeft(coalition: String, period: String)
    /// Missed merge: no coalition holds `actor` and its partners in `period` (the period before).
    case mergePartiesUnplaced(actor: String, period: String)
    /// Missed split: no coalition holds `actor` and the rest of `from` in `period` (the period before).
    case splitPartiesUnplaced(actor: String, from: String, period: String)
    /// Missed merge: the two were already together in `coalition` in `period` (the period before).
    case alreadyTogether(coalition: String, period: String)
    /// Missed merge: still apart in `period`.
    case stillApart(period: String)
    /// Missed split: already apart in `period` (the period before), in these two coalitions.
    case alreadyApart(period: String, coalitions: [String])
    /// Missed split: still together in `period`.
    case stillTogether(period: String)
    /// Missed dissolution: its members were in no coalition in `period` (the period before).
    case membersUnaligned(period: String)
    /// Missed dissolution: `coalition` still holds most of its members in `period`.
    case stillHolds(coalition: String, period: String)
    /// No period before the record's `period` to compare with.
    case noPeriodBefore(period: String)
}

/// Recorded lineage against detected changes: which records were detected, which missed, and which detected
/// merges, splits and deaths the record does not have.
public struct LineageComparison: Sendable {
    public var checks: [LineageCheck]
    /// Detected merge, split and death events that no record accounts for.
    public var extra: [CoalitionEvent]
}

/// Compares a history with the lineage the dataset records.
///
/// A faction is located in period t by its *host*: the coalition holding the plurality of its members (active
/// memberships in t, plus the faction's own node at the factions and all levels; if it has none in t, its last
/// known members). A record dated to period p is checked in p and p + 1 (dates are often approximate):
/// - "A merged into B": A and B had different hosts in the period before, and the same host after (when A is no
///   longer in the record, its host after is the coalition a merge event absorbed A's host into);
/// - "A split from B": A's members were in B's host in the period before, and in another coalition after (when A
///   is new, a split event of B's host with A's host among its children);
/// - "A dissolved": A's host of the period before merged, split or died, or no longer holds most of A's members.
/// Evidence is the merge, split or death events when there are some, else the members' moves. Lineage ties count
/// under the reading `scenario` (the one the snapshots were cut with).
///
/// - Complexity: O(R·(M + n)) for R records, M memberships per period.
public func compareLineage(_ history: CoalitionHistory, network: TemporalNetwork, scenario: String?) -> LineageComparison {
    let periods = history.periods
    guard !periods.isEmpty else { return LineageComparison(checks: [], extra: []) }
    // Period of a date: the first whose interval contains its first day.
    func periodIndex(of date: HistoricalDate) -> Int? {
        let day = date.firstDay
        return periods.firstIndex { $0.period.interval.contains(day) }
    }
    var records: [RecordedChange] = []
    for tie in network.ties where tie.relation.isLineage && tie.holds(in: scenario) {
        guard let p = periodIndex(of: tie.start) else { continue }
        records.append(RecordedChange(kind: tie.relation == .mergedInto ? .mergedInto : .splitFrom,
                                      actors: [network.actors[Int(tie.source)].id, network.actors[Int(tie.target)].id],
                                      periodIndex: p, period: periods[p].period.label))
    }
    for event in network.events where event.kind == "dissolved" {
        guard let p = periodIndex(of: event.date) else { continue }
        for a in event.actors where network.index(of: a) != nil {
            records.append(RecordedChange(kind: .dissolved, actors: [a], periodIndex: p, period: periods[p].period.label))
        }
    }
    records.sort { ($0.periodIndex, $0.kind.rawValue, $0.actors.joined(separator: ",")) < ($1.periodIndex, $1.kind.rawValue, $1.actors.joined(separator: ",")) }

    // Members of each faction per period (network indices).
    var membersAt = [[Int32: [Int32]]](repeating: [:], count: periods.count)
    for (t, p) in periods.enumerated() {
        for m in p.snapshot.memberships { membersAt[t][m.faction, default: []].append(m.person) }
        for a in p.snapshot.actors where network.actors[Int(a)].kind.isCollective { membersAt[t][a, default: []].append(a) }
    }
    var coalitionOf = [[Int32: String]](repeating: [:], count: periods.count)
    for (t, p) in periods.enumerated() { for c in p.coalitions { for a in c.members { coalitionOf[t][a] = c.id } } }
    func members(_ f: Int32, knownBy t: Int) -> [Int32] {
        var s = t
        while s >= 0 { if let m = membersAt[s][f], !m.isEmpty { return m }; s -= 1 }
        return []
    }
    /// The coalition holding the plurality of `actors` in period t, and its share of them.
    func host(_ actors: [Int32], at t: Int) -> (id: String, share: Double)? {
        var count: [String: Int] = [:]
        for a in actors { if let c = coalitionOf[t][a] { count[c, default: 0] += 1 } }
        guard let best = count.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) else { return nil }
        return (best.key, Double(best.value) / Double(max(actors.count, 1)))
    }
    var used = Set<CoalitionEvent>()
    var checks: [LineageCheck] = []
    for r in records {
        let a = network.index(of: r.actors[0]) ?? -1
        let b = r.actors.count > 1 ? network.index(of: r.actors[1]) ?? -1 : -1
        var found: LineageEvidence?
        var foundEvents: [CoalitionEvent] = []
        var why: LineageEvidence?
        for t in [r.periodIndex, r.periodIndex + 1] where t >= 1 && t < periods.count {
            let label = periods[t].period.label, before = periods[t - 1].period.label
            let events = history.events(in: t).filter { [.merge, .split, .death].contains($0.kind) }
            var aMembers = members(a, knownBy: t - 1)
            if aMembers.isEmpty { aMembers = members(a, knownBy: t) }
            var reason: LineageEvidence?
            switch r.kind {
            case .mergedInto:
                // B after the merge, without A: the partners A joined (or B's own earlier members).
                let bAfter = members(b, knownBy: t)
                let aSet = Set(aMembers)
                var partners = bAfter.filter { !aSet.contains($0) }
                if partners.isEmpty { partners = members(b, knownBy: t - 1).filter { !aSet.contains($0) } }
                guard let ha = host(aMembers, at: t - 1), let hb = host(partners, at: t - 1) else {
                    reason = .mergePartiesUnplaced(actor: r.actors[0], period: before); break
                }
                guard ha.id != hb.id else { reason = .alreadyTogether(coalition: ha.id, period: before); break }
                // A gone with the merge (a faction node at the factions level): its coalition's fate is the merge
                // event that absorbed it.
                let absorbedInto = events.lazy.compactMap { e -> String? in
                    if case .merge(let parents, let result) = e.change, parents.contains(ha.id), result != ha.id { return result }
                    return nil
                }.first
                guard let ha2 = host(aMembers, at: t) ?? absorbedInto.map({ (id: $0, share: 1.0) }), let hb2 = host(bAfter, at: t),
                      ha2.id == hb2.id else {
                    reason = .stillApart(period: label); break
                }
                let merge = events.filter { $0.kind == .merge && $0.change.coalitions.contains(ha.id) && $0.change.coalitions.contains(hb.id) }
                used.formUnion(merge)
                foundEvents = merge
                found = merge.isEmpty ? .membersJoined(parents: [ha.id, hb.id], result: ha2.id, period: label) : .events
            case .splitFrom:
                var aAfter = members(a, knownBy: t)
                if aAfter.isEmpty { aAfter = aMembers }
                let aSet = Set(aAfter)
                let rest = members(b, knownBy: t).filter { !aSet.contains($0) }
                // A new with the split (a faction node at the factions level): it stands where its split child is.
                if host(aAfter, at: t - 1) == nil, let hb = host(rest, at: t - 1), let ha2 = host(aAfter, at: t), ha2.id != hb.id {
                    let split = events.filter {
                        if case .split(hb.id, let children) = $0.change { return children.contains(ha2.id) } else { return false }
                    }
                    if !split.isEmpty {
                        used.formUnion(split)
                        foundEvents = split
                        found = .events
                        break
                    }
                }
                guard let ha = host(aAfter, at: t - 1), let hb = host(rest, at: t - 1) else {
                    reason = .splitPartiesUnplaced(actor: r.actors[0], from: r.actors[1], period: before); break
                }
                guard ha.id == hb.id else { reason = .alreadyApart(period: before, coalitions: [ha.id, hb.id]); break }
                guard let ha2 = host(aAfter, at: t), let hb2 = host(rest, at: t), ha2.id != hb2.id else {
                    reason = .stillTogether(period: label); break
                }
                let split = events.filter { if case .split(ha.id, _) = $0.change { return true } else { return false } }
                used.formUnion(split)
                foundEvents = split
                found = split.isEmpty ? .parted(parent: ha.id, parts: [ha2.id, hb2.id], period: label) : .events
            case .dissolved:
                guard let ha = host(aMembers, at: t - 1) else { reason = .membersUnaligned(period: before); break }
                let ends = events.filter {
                    switch $0.change {
                    case .death(let c, _), .split(let c, _): return c == ha.id
                    case .merge(let parents, let result): return parents.contains(ha.id) && result != ha.id
                    default: return false
                    }
                }
                if !ends.isEmpty {
                    used.formUnion(ends)
                    foundEvents = ends
                    found = .events
                } else if let now = host(aMembers, at: t), now.id == ha.id, now.share > 0.5 {
                    reason = .stillHolds(coalition: ha.id, period: label)
                } else {
                    found = .membersLeft(coalition: ha.id, period: label)
                }
            }
            if why == nil { why = reason }
            if found != nil { break }
        }
        checks.append(LineageCheck(record: r, detected: found != nil, events: foundEvents,
                                   evidence: found ?? why ?? .noPeriodBefore(period: r.period)))
    }
    let extra = history.events.filter { [.merge, .split, .death].contains($0.kind) && !used.contains($0) }
    return LineageComparison(checks: checks, extra: extra)
}

/// The former spelling of ``analyzeCoalitions(_:network:settings:tracking:)`` (the code base spells -ize).
@available(*, deprecated, renamed: "analyzeCoalitions(_:network:settings:tracking:)")
public func analyseCoalitions(_ snapshots: [Snapshot], network: TemporalNetwork,
                              settings: CoalitionOptions = CoalitionOptions(),
                              tracking: TrackingOptions = TrackingOptions()) -> CoalitionHistory {
    analyzeCoalitions(snapshots, network: network, settings: settings, tracking: tracking)
}
