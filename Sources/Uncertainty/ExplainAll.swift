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
    /// `runs` is the number of distinct ties removed (one re-run each). When it exceeds `maxRuns`, the
    /// leave-one-out is skipped (`skipped`): every explanation then has its gained and lost ties, no `restsOn`,
    /// and `tested` 0. When the changes' actors have more than `maxPairs` tie ends between them (a large network,
    /// where even the lists of ties gained and lost would be long), nothing is explained: the result is empty,
    /// with `runs` 0 and `skipped`.
    ///
    /// - Throws: ``SnapshotError`` for settings that do not fit.
    /// - Complexity: O(R · cost of the pipeline on the periods a tie touches / threads), R ≤ `maxRuns` distinct
    ///   ties touching the actors of some change in its period or the one before.
    public static func explainAll(_ network: TemporalNetwork, settings: DrawSettings, maxRuns: Int, maxPairs: Int = 200_000,
                                  threads: Int = 2) throws -> (explanations: [EventExplanation], runs: Int, skipped: Bool) {
        let reference = try DrawPipeline(settings: settings, centrality: [], balance: false).run(network, scenario: settings.snapshot.scenario)
        let history = reference.history
        let periods = history.periods
        let options = settings.snapshot
        let openEnd = network.info.span.end
        var activeIn = [Set<Int>](repeating: [], count: periods.count)
        var byActor: [Int32: [Int]] = [:]
        for (i, tie) in network.ties.enumerated() {
            byActor[tie.source, default: []].append(i)
            if tie.target != tie.source { byActor[tie.target, default: []].append(i) }
            for p in periods.indices where isActive(tie, in: periods[p].period, options: options, openEnd: openEnd) { activeIn[p].insert(i) }
        }
        struct Pending {
            var number: Int, event: CoalitionEvent, now: Set<Int>, before: Set<Int>, tested: [Int]
        }
        var pairs = 0
        for t in periods.indices {
            for e in history.events(in: t) where explainedKinds.contains(e.kind) {
                for a in e.actors { pairs += byActor[a]?.count ?? 0 }
            }
        }
        guard pairs <= maxPairs else { return ([], 0, true) }
        var pending: [Pending] = []
        for t in periods.indices {
            for (k, e) in history.events(in: t).filter({ explainedKinds.contains($0.kind) }).enumerated() {
                var touching = Set<Int>()
                for a in Set(e.actors) { touching.formUnion(byActor[a] ?? []) }
                let now = touching.intersection(activeIn[t])
                let before = t > 0 ? touching.intersection(activeIn[t - 1]) : []
                pending.append(Pending(number: k + 1, event: e, now: now, before: before, tested: now.union(before).sorted()))
            }
        }
        let ties = Array(Set(pending.flatMap(\.tested))).sorted()
        func explanation(_ p: Pending, restsOn: [Int], tested: Int) -> EventExplanation {
            EventExplanation(number: p.number, event: p.event, detail: EventMatching.detail(p.event, history: history, network: network),
                             actors: p.event.actors, gained: p.now.subtracting(p.before).sorted(), lost: p.before.subtracting(p.now).sorted(),
                             restsOn: restsOn, tested: tested)
        }
        guard ties.count <= maxRuns else {
            return (pending.map { explanation($0, restsOn: [], tested: 0) }, ties.count, true)
        }
        var testerLists: [Int: [Int]] = [:]
        for (j, p) in pending.enumerated() { for i in p.tested { testerLists[i, default: []].append(j) } }
        let testers = testerLists, events = pending.map(\.event)
        // undone[k]: the pending changes that no longer happen without ties[k].
        let box = ResultBox(count: ties.count)
        let lanes = max(1, min(threads, ties.count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let pipeline = DrawPipeline(settings: settings, centrality: [], balance: false)
            var k = lane
            while k < ties.count {
                let i = ties[k]
                var without = network.ties
                without.remove(at: i)
                do {
                    let net = try TemporalNetwork(info: network.info, actors: network.actors, ties: without, events: network.events)
                    let outcome = try pipeline.run(net, scenario: options.scenario)
                    let undone = (testers[i] ?? []).filter { j in
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
        for (k, i) in ties.enumerated() {
            for j in try box.get(k) { restsOn[j].append(i) }
        }
        return (pending.indices.map { explanation(pending[$0], restsOn: restsOn[$0], tested: pending[$0].tested.count) }, ties.count, false)
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
