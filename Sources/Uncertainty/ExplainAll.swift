import Analysis
import Coalitions
import Foundation
import Snapshots
import TemporalModel

extension Explanation {
    /// Every change of every period explained at once (what the report shows under each change).
    ///
    /// The same explanation as ``explain(_:settings:period:actor:event:)`` for each change, but each tie is
    /// removed once for all the changes that test it (a tie touching the actors of changes in several periods is
    /// one re-run, not one per change), and the re-runs are shared between `threads` pipelines (each with its own
    /// exact cache; the result does not depend on which thread ran which tie).
    ///
    /// `history` is the analysis's own (the coalitions and changes of `network` under `settings`), when the caller
    /// has it: `blocs analyze` passes its result's; without it the coalition pipeline runs once to find it.
    ///
    /// `runs` is the number of distinct ties removed (one re-run each). When it exceeds `maxRuns`, the
    /// leave-one-out is skipped (`skipped`): every explanation then has its gained and lost ties, no `restsOn`,
    /// and `tested` 0. When the changes' actors have more than `maxPairs` tie ends between them (a large network,
    /// where even the lists of ties gained and lost would be long), nothing is explained: the result is empty,
    /// with `runs` 0 and `skipped`.
    ///
    /// - Throws: ``SnapshotError`` for settings that do not fit.
    /// - Complexity: O(m + E + Σ_e k_e log k_e) for the ties gained and lost (m ties, E events, k_e tie ends of
    ///   change e's actors), plus O(R · cost of the pipeline on the periods a tie touches / threads), R ≤ `maxRuns`
    ///   distinct ties touching the actors of some change in its period or the one before.
    public static func explainAll(_ network: TemporalNetwork, settings: DrawSettings, history given: CoalitionHistory? = nil,
                                  maxRuns: Int, maxPairs: Int = 200_000,
                                  threads: Int = 2) throws -> (explanations: [EventExplanation], runs: Int, skipped: Bool) {
        let history = try given ?? DrawPipeline(settings: settings, centrality: [], balance: false).run(network, scenario: settings.snapshot.scenario).history
        let periods = history.periods
        let options = settings.snapshot
        let openEnd = network.info.span.end
        let ties = network.ties
        // The ties of each actor, in tie order (one counting pass: no dictionary of arrays).
        var start = [Int](repeating: 0, count: network.actors.count + 1)
        for tie in ties {
            start[Int(tie.source) + 1] += 1
            if tie.target != tie.source { start[Int(tie.target) + 1] += 1 }
        }
        for a in network.actors.indices { start[a + 1] += start[a] }
        var byActor = [Int](repeating: 0, count: start[network.actors.count])
        var fill = start
        for (i, tie) in ties.enumerated() {
            byActor[fill[Int(tie.source)]] = i
            fill[Int(tie.source)] += 1
            if tie.target != tie.source {
                byActor[fill[Int(tie.target)]] = i
                fill[Int(tie.target)] += 1
            }
        }
        func degree(_ a: Int32) -> Int { start[Int(a) + 1] - start[Int(a)] }
        // The explained events of each period, in the history's order (one pass, not a filter per period).
        var eventsIn = [[CoalitionEvent]](repeating: [], count: periods.count)
        for e in history.events where explainedKinds.contains(e.kind) && eventsIn.indices.contains(e.periodIndex) {
            eventsIn[e.periodIndex].append(e)
        }
        var pairs = 0
        for list in eventsIn { for e in list { for a in e.actors { pairs += degree(a) } } }
        guard pairs <= maxPairs else { return ([], 0, true) }
        struct Pending {
            var number: Int, event: CoalitionEvent, gained: [Int], lost: [Int], tested: [Int]
        }
        // Whether tie i counts in period p, each asked at most once per period: a tie's answers for an even and an
        // odd period are kept side by side (an event asks about its period and the one before).
        var askedIn = [[Int32]](repeating: [Int32](repeating: -1, count: ties.count), count: 2)
        var answer = [[Bool]](repeating: [Bool](repeating: false, count: ties.count), count: 2)
        func active(_ i: Int, _ p: Int) -> Bool {
            let slot = p & 1
            if askedIn[slot][i] == Int32(p) { return answer[slot][i] }
            let a = isActive(ties[i], in: periods[p].period, options: options, openEnd: openEnd)
            askedIn[slot][i] = Int32(p)
            answer[slot][i] = a
            return a
        }
        var seen = [Int](repeating: -1, count: ties.count)
        var serial = 0
        var pending: [Pending] = []
        for t in periods.indices {
            for (k, e) in eventsIn[t].enumerated() {
                serial += 1
                var touching: [Int] = []
                for a in e.actors {
                    for i in byActor[start[Int(a)]..<start[Int(a) + 1]] where seen[i] != serial {
                        seen[i] = serial
                        touching.append(i)
                    }
                }
                touching.sort()
                var gained: [Int] = [], lost: [Int] = [], tested: [Int] = []
                for i in touching {
                    let now = active(i, t), before = t > 0 && active(i, t - 1)
                    if now || before { tested.append(i) }
                    if now && !before { gained.append(i) } else if before && !now { lost.append(i) }
                }
                pending.append(Pending(number: k + 1, event: e, gained: gained, lost: lost, tested: tested))
            }
        }
        // The distinct ties tested by some change, in tie order; testers[i]: the changes that test tie i.
        var testerLists = [[Int]](repeating: [], count: ties.count)
        for (j, p) in pending.enumerated() { for i in p.tested { testerLists[i].append(j) } }
        let removed = ties.indices.filter { !testerLists[$0].isEmpty }
        func explanation(_ p: Pending, restsOn: [Int], tested: Int) -> EventExplanation {
            EventExplanation(number: p.number, event: p.event, detail: EventMatching.detail(p.event, history: history, network: network),
                             actors: p.event.actors, gained: p.gained, lost: p.lost, restsOn: restsOn, tested: tested)
        }
        guard removed.count <= maxRuns else {
            return (pending.map { explanation($0, restsOn: [], tested: 0) }, removed.count, true)
        }
        let testers = testerLists, events = pending.map(\.event)
        // undone[k]: the pending changes that no longer happen without removed[k].
        let box = ResultBox(count: removed.count)
        let lanes = max(1, min(threads, removed.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let pipeline = DrawPipeline(settings: settings, centrality: [], balance: false)
            var k = lane
            while k < removed.count {
                let i = removed[k]
                var without = network.ties
                without.remove(at: i)
                do {
                    let net = try TemporalNetwork(info: network.info, actors: network.actors, ties: without, events: network.events)
                    let outcome = try pipeline.run(net, scenario: options.scenario)
                    let undone = testers[i].filter { j in
                        let e = events[j]
                        return !stillHappens(e, among: outcome.history.events(in: e.periodIndex), focus: nil)
                    }
                    box.set(k, .success(undone))
                } catch {
                    box.set(k, .failure(error))
                }
                k += lanes
            }
        }
        var restsOn = [[Int]](repeating: [], count: pending.count)
        for (k, i) in removed.enumerated() {
            for j in try box.get(k) { restsOn[j].append(i) }
        }
        return (pending.indices.map { explanation(pending[$0], restsOn: restsOn[$0], tested: pending[$0].tested.count) }, removed.count, false)
    }
}

/// Results written by several threads, each at its own index.
private final class ResultBox: @unchecked Sendable {
    private var results: [Result<[Int], any Error>?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ k: Int, _ r: Result<[Int], any Error>) {
        lock.lock()
        results[k] = r
        lock.unlock()
    }

    func get(_ k: Int) throws -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        return try results[k]?.get() ?? []
    }
}
