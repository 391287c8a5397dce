import GraphCore

/// The frustration index of a signed graph, with how far it is certified.
public struct Frustration: Sendable, Equatable {
    /// The best value found: the number of frustrated edges of ``assignment`` (an upper bound on L, equal to L
    /// when ``proven``).
    public var value: Int
    /// A certified lower bound on L (edge-disjoint unbalanced cycles, or the exact value).
    public var lowerBound: Int
    /// Whether ``value`` is the frustration index (lower bound = value, or the branch and bound finished).
    public var proven: Bool
    /// The number of edges, m.
    public var edgeCount: Int
    /// A side (0 or 1) per node achieving ``value``.
    public var assignment: [UInt8]

    /// Normalised frustration F = 1 − L/(m/2) (Aref & Wilson 2018), from ``value``; `nil` when m = 0.
    public var normalized: Double? { edgeCount == 0 ? nil : 1 - Double(value) / (Double(edgeCount) / 2) }
}

/// Tuning of ``frustrationIndex(_:options:)``.
public struct FrustrationOptions: Sendable, Hashable {
    /// Components whose 2-core (leaves peeled off) has at most this many nodes are solved exactly by branch and
    /// bound (when the bounds do not already meet). 200 since the Russian doll search: on 150-actor, 1,300-edge
    /// planted-bloc snapshots it proves every one of 80 within 0.41 M search nodes (`scripts/bench_frustration.py`);
    /// it was 64.
    public var exactNodeLimit: Int
    /// The branch and bound gives up (and the value is not proven) after visiting this many search nodes, summed
    /// over the dolls of a component (about 65 ns each on one core: 4 M ≈ 0.3 s CPU).
    public var searchBudget: Int
    /// Multi-start local search: number of starts per component.
    public var starts: Int
    /// Seed of the heuristic's random starts (results are deterministic for a seed).
    public var seed: UInt64
    /// On components whose 2-core has more than ``exactNodeLimit`` nodes, a start stops kicking after this many kicks in a row that did not
    /// lower its count (at most 200 kicks either way), and the heuristic stops starting after `kickPatience / 10`
    /// starts in a row that did not improve its best split (at most ``starts``). Smaller cores always use all their
    /// starts and kicks.
    public var kickPatience: Int

    public init(exactNodeLimit: Int = 200, searchBudget: Int = 4_000_000, starts: Int = 16, seed: UInt64 = 0xB10C5) {
        self.exactNodeLimit = exactNodeLimit
        self.searchBudget = searchBudget
        self.starts = starts
        self.seed = seed
        kickPatience = 40
    }
}

/// The frustration index L (line index of balance): the least number of edges whose removal (or sign change)
/// makes the graph balanced, min over two-sided splits of (positive edges across + negative edges inside).
///
/// Weights are ignored (every edge counts 1). L is additive over connected components, each solved alone:
/// 1. parity union–find: a balanced component has L = 0 (O(n + m));
/// 2. leaves are peeled off repeatedly (a node with one edge left can always satisfy it): the steps below run on
///    the component's 2-core, and its split extends to the peeled nodes through the edges they hung from;
/// 3. an upper bound by multi-start local search (spanning-tree and random starts, single flips that lower the
///    count, then random kicks; on cores above ``FrustrationOptions/exactNodeLimit`` a start stops after
///    ``FrustrationOptions/kickPatience`` kicks in a row without a lower count, and the starts stop after
///    `kickPatience / 10` starts in a row without a better split);
/// 4. a certified lower bound: for each frustrated edge of the best split, a path between its ends made of
///    unfrustrated, unused edges closes a cycle with exactly one frustrated edge, hence unbalanced; these cycles
///    are edge-disjoint, and every split frustrates at least one edge of each;
/// 5. if the bounds differ and the core is small (``FrustrationOptions/exactNodeLimit``), an exact branch
///    and bound within ``FrustrationOptions/searchBudget`` search nodes: a Russian doll search over a maximum
///    adjacency order, which solves the subgraphs induced by the last 1, 2, … nodes of the order in turn and
///    prunes with cost so far + Σ over unassigned nodes of the cheaper side against the assigned ones + the
///    exact frustration of the unassigned nodes' subgraph (from the smaller dolls). When the budget runs out,
///    the largest doll solved still gives a certified lower bound.
///
/// The problem is NP-hard; ``Frustration/proven`` says whether the value is exact.
///
/// - Complexity: O(n + m) for balanced graphs; O(s·k·(n + m)) for the heuristic (s starts, k improvement
///   rounds) plus O(L·(n + m)) for the bound; the branch and bound is exponential, capped by the budget.
/// - Reference: S. Aref & M. C. Wilson, "Measuring partial balance in signed networks", J. Complex Networks
///   6(4) (2018); S. Aref, A. J. Mason & M. C. Wilson, "Computing the line index of balance using integer
///   programming optimisation" (2018); F. Harary, Michigan Math. J. 2 (1953).
public func frustrationIndex(_ graph: SignedGraph, options: FrustrationOptions = FrustrationOptions()) -> Frustration {
    let n = graph.nodeCount
    var assignment = [UInt8](repeating: 0, count: n)
    if let split = balancedSplit(graph) {
        return Frustration(value: 0, lowerBound: 0, proven: true, edgeCount: graph.edgeCount, assignment: split)
    }
    let label = connectedComponents(of: graph)
    let componentCount = (label.max() ?? -1) + 1
    var members = [[Int]](repeating: [], count: componentCount)
    for v in 0..<n { members[label[v]].append(v) }
    var value = 0, lower = 0, proven = true
    var rng = SplitMix64(seed: options.seed)
    var local = [Int](repeating: -1, count: n)
    var removed = [Bool](repeating: false, count: n), degree = [Int](repeating: 0, count: n)
    for nodes in members where nodes.count >= 2 {
        // Leaves are peeled off (repeatedly: the 2-core is what remains): a node with one edge left can always
        // satisfy it, so L(component) = L(2-core), and the core's split extends to the peeled nodes.
        let peeled = peelLeaves(graph, nodes: nodes, removed: &removed, degree: &degree)
        let core = peeled.isEmpty ? nodes : nodes.filter { !removed[$0] }
        if !core.isEmpty {
            for (i, v) in core.enumerated() { local[v] = i }
            let c = LocalSignedGraph(graph, nodes: core, local: local)
            let result = c.solve(options: options, rng: &rng)
            value += result.value
            lower += result.lower
            proven = proven && result.proven
            for (i, v) in core.enumerated() { assignment[v] = result.sides[i] }
        }
        for (v, parent, odd) in peeled.reversed() where parent >= 0 { assignment[v] = assignment[parent] ^ odd }
    }
    return Frustration(value: value, lowerBound: lower, proven: proven, edgeCount: graph.edgeCount, assignment: assignment)
}

/// Removes the nodes of `nodes` (one connected component) outside its 2-core, marking them in `removed`: each
/// with the neighbour it hung from when it was removed (-1 for the last node of a tree) and the parity of that
/// edge (1 when negative), in removal order. Empty when the component has no leaf. `degree` is scratch space
/// (one entry per node of the graph).
///
/// - Complexity: O(k + m_c) for the component's k nodes and m_c edges.
func peelLeaves(_ graph: SignedGraph, nodes: [Int], removed: inout [Bool], degree: inout [Int])
    -> [(node: Int, parent: Int, odd: UInt8)] {
    var queue: [Int] = []
    for v in nodes where graph.degree(of: v) <= 1 { queue.append(v) }
    guard !queue.isEmpty else { return [] }
    for v in nodes { degree[v] = graph.degree(of: v) }
    var peeled: [(node: Int, parent: Int, odd: UInt8)] = []
    var head = 0
    while head < queue.count {
        let v = queue[head]; head += 1
        removed[v] = true
        var parent = -1, odd: UInt8 = 0
        for (w, e) in graph.incidentEdges(of: v) where !removed[w] {
            parent = w
            odd = e.sign == .negative ? 1 : 0
            let d = degree[w] - 1
            degree[w] = d
            if d == 1 { queue.append(w) }
        }
        peeled.append((v, parent, odd))
    }
    return peeled
}

/// One connected component (or the part of it on `nodes`: arcs to nodes whose `local` index is -1 are left out)
/// in local indices, with edge signs as ±1.
struct LocalSignedGraph {
    let k: Int
    var offsets: [Int]
    var targets: [Int]
    /// 0 for a positive arc, 1 for a negative one: the parity the two ends' sides must differ by.
    var parity: [UInt8]
    var edgeOfArc: [Int]
    var edgeCount: Int

    init(_ graph: SignedGraph, nodes: [Int], local: [Int]) {
        k = nodes.count
        offsets = [0]
        targets = []
        parity = []
        edgeOfArc = []
        for v in nodes {
            for a in graph.offsets[v]..<graph.offsets[v + 1] where local[Int(graph.targets[a])] >= 0 {
                targets.append(local[Int(graph.targets[a])])
                parity.append(graph.edges[Int(graph.arcEdges[a])].sign == .negative ? 1 : 0)
                edgeOfArc.append(Int(graph.arcEdges[a]))
            }
            offsets.append(targets.count)
        }
        // Renumber edges locally (0..<m_c) so per-edge marks fit the component.
        var localEdge = [Int: Int]()
        for i in edgeOfArc.indices {
            if let e = localEdge[edgeOfArc[i]] { edgeOfArc[i] = e } else {
                let e = localEdge.count
                localEdge[edgeOfArc[i]] = e
                edgeOfArc[i] = e
            }
        }
        edgeCount = localEdge.count
    }

    /// Number of frustrated edges at each node, and in total, for a split.
    func frustratedCounts(_ x: [UInt8]) -> (perNode: [Int], total: Int) {
        var f = [Int](repeating: 0, count: k)
        var total = 0
        for v in 0..<k {
            for a in offsets[v]..<offsets[v + 1] where (x[v] ^ x[targets[a]]) != parity[a] {
                f[v] += 1
                total += 1
            }
        }
        return (f, total / 2)
    }

    /// Flips single nodes while a flip lowers the count. Returns the final count.
    func improve(_ x: inout [UInt8]) -> Int {
        var (f, total) = frustratedCounts(x)
        var stack = Array(0..<k)
        var queued = [Bool](repeating: true, count: k)
        while let v = stack.popLast() {
            queued[v] = false
            let degree = offsets[v + 1] - offsets[v]
            guard 2 * f[v] > degree else { continue }
            total -= 2 * f[v] - degree
            f[v] = degree - f[v]
            x[v] ^= 1
            for a in offsets[v]..<offsets[v + 1] {
                let w = targets[a]
                if (x[v] ^ x[w]) != parity[a] { f[w] += 1 } else { f[w] -= 1 }
                if !queued[w] { queued[w] = true; stack.append(w) }
            }
        }
        return total
    }

    /// Moves node `v` to the other side, keeping the per-node frustrated counts `f` and `total` exact.
    @inline(__always)
    func flip(_ v: Int, _ x: inout [UInt8], _ f: inout [Int], _ total: inout Int) {
        let degree = offsets[v + 1] - offsets[v]
        total += degree - 2 * f[v]
        f[v] = degree - f[v]
        x[v] ^= 1
        for a in offsets[v]..<offsets[v + 1] {
            let w = targets[a]
            if (x[v] ^ x[w]) != parity[a] { f[w] += 1 } else { f[w] -= 1 }
        }
    }

    /// Single flips that lower the count, starting from the queued nodes, until none does; every flip is logged.
    func descend(_ x: inout [UInt8], _ f: inout [Int], _ total: inout Int, _ stack: inout [Int], _ queued: inout [Bool],
                 _ log: inout [Int]) {
        while let v = stack.popLast() {
            queued[v] = false
            guard 2 * f[v] > offsets[v + 1] - offsets[v] else { continue }
            flip(v, &x, &f, &total)
            log.append(v)
            for a in offsets[v]..<offsets[v + 1] where !queued[targets[a]] { queued[targets[a]] = true; stack.append(targets[a]) }
        }
    }

    /// The split that satisfies a BFS spanning tree from `root`.
    func treeStart(root: Int) -> [UInt8] {
        var x = [UInt8](repeating: 0, count: k)
        var seen = [Bool](repeating: false, count: k)
        var queue = [root]
        seen[root] = true
        var head = 0
        while head < queue.count {
            let v = queue[head]; head += 1
            for a in offsets[v]..<offsets[v + 1] where !seen[targets[a]] {
                seen[targets[a]] = true
                x[targets[a]] = x[v] ^ parity[a]
                queue.append(targets[a])
            }
        }
        return x
    }

    /// Edge-disjoint cycles with exactly one frustrated edge of `x`: a certified lower bound.
    func cyclePackingBound(_ x: [UInt8]) -> Int {
        var used = [Bool](repeating: false, count: edgeCount)
        var frustratedArcs: [(Int, Int)] = []
        for v in 0..<k {
            for a in offsets[v]..<offsets[v + 1] where (x[v] ^ x[targets[a]]) != parity[a] {
                used[edgeOfArc[a]] = true
                if v < targets[a] { frustratedArcs.append((v, targets[a])) }
            }
        }
        var bound = 0
        var parentArc = [Int](repeating: -1, count: k)
        var stamp = [Int](repeating: -1, count: k)
        var queue = [Int]()
        queue.reserveCapacity(k)
        for (i, (s, t)) in frustratedArcs.enumerated() {
            queue.removeAll(keepingCapacity: true)
            queue.append(s)
            stamp[s] = i
            var head = 0
            var found = false
            while head < queue.count && !found {
                let v = queue[head]; head += 1
                for a in offsets[v]..<offsets[v + 1] where !used[edgeOfArc[a]] && stamp[targets[a]] != i {
                    let w = targets[a]
                    stamp[w] = i
                    parentArc[w] = a
                    if w == t { found = true; break }
                    queue.append(w)
                }
            }
            guard found else { continue }
            bound += 1
            var w = t
            while w != s {
                let a = parentArc[w]
                used[edgeOfArc[a]] = true
                // The arc a runs from its tail to w; find the tail by its row.
                w = tail(ofArc: a)
            }
        }
        return bound
    }

    func tail(ofArc a: Int) -> Int {
        var lo = 0, hi = k
        while lo < hi - 1 {
            let mid = (lo + hi) / 2
            if offsets[mid] <= a { lo = mid } else { hi = mid }
        }
        return lo
    }

    struct Result {
        var value: Int
        var lower: Int
        var proven: Bool
        var sides: [UInt8]
    }

    func solve(options: FrustrationOptions, rng: inout SplitMix64) -> Result {
        // Heuristic upper bound.
        var bestX = [UInt8](repeating: 0, count: k)
        var best = Int.max
        var maxDegreeNode = 0
        for v in 0..<k where offsets[v + 1] - offsets[v] > offsets[maxDegreeNode + 1] - offsets[maxDegreeNode] { maxDegreeNode = v }
        var stack = [Int](), queued = [Bool](repeating: false, count: k), log = [Int]()
        // Beyond the exact limit, the starts stop after `kickPatience / 10` in a row that did not improve the best.
        let startPatience = k > options.exactNodeLimit ? max(1, options.kickPatience / 10) : Int.max
        var startsStalled = 0
        for start in 0..<max(1, options.starts) where startsStalled < startPatience {
            var x: [UInt8]
            switch start {
            case 0: x = treeStart(root: maxDegreeNode)
            case _ where start % 2 == 1: x = treeStart(root: Int.random(in: 0..<k, using: &rng))
            default: x = (0..<k).map { _ in UInt8.random(in: 0...1, using: &rng) }
            }
            var value = improve(&x)
            if value == 0 { return Result(value: 0, lower: 0, proven: true, sides: x) }
            // Kicks: flip a few random nodes, improve, keep if not worse. Incremental: only the kicked nodes and
            // their neighbours are re-examined, and a rejected kick is undone flip by flip (the per-node counts
            // are kept up to date), so a kick costs O(Σ degree of the touched nodes), not O(n + m).
            let kicks = min(200, 4 * k)
            // Beyond the exact limit (where this value is what gets reported), a start gives up after `patience`
            // kicks in a row that did not lower its count: on M-size snapshots most starts stall after a few dozen.
            let patience = k > options.exactNodeLimit ? options.kickPatience : kicks
            var stalled = 0
            var (f, total) = frustratedCounts(x)
            for _ in 0..<kicks where stalled < patience {
                let flips = max(1, k / 20)
                log.removeAll(keepingCapacity: true)
                for _ in 0..<flips {
                    let v = Int.random(in: 0..<k, using: &rng)
                    flip(v, &x, &f, &total)
                    log.append(v)
                    if !queued[v] { queued[v] = true; stack.append(v) }
                    for a in offsets[v]..<offsets[v + 1] where !queued[targets[a]] { queued[targets[a]] = true; stack.append(targets[a]) }
                }
                descend(&x, &f, &total, &stack, &queued, &log)
                stalled = total < value ? 0 : stalled + 1
                if total <= value { value = total } else {
                    for v in log.reversed() { flip(v, &x, &f, &total) }
                }
            }
            if value < best { best = value; bestX = x; startsStalled = 0 } else { startsStalled += 1 }
        }
        var lower = cyclePackingBound(bestX)
        if lower == best { return Result(value: best, lower: lower, proven: true, sides: bestX) }
        if k <= options.exactNodeLimit {
            var search = BranchAndBound(graph: self, upper: best, sides: bestX, budget: options.searchBudget)
            if search.run() {
                return Result(value: search.upper, lower: search.upper, proven: true, sides: search.sides)
            }
            best = search.upper
            bestX = search.sides
            lower = max(lower, search.suffixLower[0], cyclePackingBound(bestX))
        }
        return Result(value: best, lower: lower, proven: lower == best, sides: bestX)
    }
}

/// Exact frustration of one component: a Russian doll search (Verfaillie, Lemaître & Schiex 1996) over a static
/// node order. The suffix graphs G_d = G[order[d...]] are solved from the last node back to the first; each
/// search prunes a partial split at depth j by
///   (frustrated edges among the assigned nodes) + Σ over unassigned nodes of the cheaper side against the
///   assigned ones + L(G_j),
/// three disjoint edge sets, so the sum is a valid lower bound; L(G_j) is exact from the earlier, smaller dolls.
/// A doll's search stops as soon as it meets L(G_{d+1}), which it cannot beat.
struct BranchAndBound {
    let g: LocalSignedGraph
    var upper: Int
    var sides: [UInt8]
    var budget: Int
    /// Nodes in assignment order, and each node's position in it.
    var order: [Int] = []
    var position: [Int]
    /// suffixLower[d]: a lower bound on L(G[order[d...]]) (exact once doll d is solved); suffixLower[k] = 0.
    var suffixLower: [Int]
    /// cost[2v + s]: frustrated edges between v and the assigned nodes if v takes side s.
    var cost: [Int]
    var x: [UInt8]
    /// Σ over unassigned nodes (of the current doll) of min(cost[2v], cost[2v+1]).
    var pending = 0
    /// The current doll's incumbent and target (stop when reached).
    var dollUpper = 0
    var dollSides: [UInt8]
    var dollTarget = 0
    var stop = false
    var dollStart = 0

    init(graph: LocalSignedGraph, upper: Int, sides: [UInt8], budget: Int) {
        g = graph
        self.upper = upper
        self.sides = sides
        self.budget = budget
        let k = graph.k
        position = [Int](repeating: -1, count: k)
        cost = [Int](repeating: 0, count: 2 * k)
        x = [UInt8](repeating: 0, count: k)
        dollSides = [UInt8](repeating: 0, count: k)
        suffixLower = [Int](repeating: 0, count: k + 1)
        order = Self.maximumAdjacencyOrder(graph)
        for (i, v) in order.enumerated() { position[v] = i }
    }

    /// Highest degree node first, then repeatedly the node with most edges to the nodes already placed (ties:
    /// higher degree, then lower index). The early nodes are then tightly linked, so the per-node side costs
    /// bite from the first levels of the search. O(k² + m).
    static func maximumAdjacencyOrder(_ g: LocalSignedGraph) -> [Int] {
        let k = g.k
        var links = [Int](repeating: 0, count: k)
        var placed = [Bool](repeating: false, count: k)
        var order: [Int] = []
        order.reserveCapacity(k)
        for _ in 0..<k {
            var best = -1
            for v in 0..<k where !placed[v] {
                if best < 0 || links[v] > links[best]
                    || (links[v] == links[best] && g.offsets[v + 1] - g.offsets[v] > g.offsets[best + 1] - g.offsets[best]) {
                    best = v
                }
            }
            placed[best] = true
            order.append(best)
            for a in g.offsets[best]..<g.offsets[best + 1] { links[g.targets[a]] += 1 }
        }
        return order
    }

    /// Frustrated edges of `s` among the nodes at positions ≥ d.
    func suffixValue(_ s: [UInt8], from d: Int) -> Int {
        var total = 0
        for i in d..<g.k {
            let v = order[i]
            for a in g.offsets[v]..<g.offsets[v + 1] where position[g.targets[a]] > i && (s[v] ^ s[g.targets[a]]) != g.parity[a] {
                total += 1
            }
        }
        return total
    }

    /// Returns true when the search finished (``upper`` is then optimal). When it did not, ``suffixLower``[0] is
    /// still a valid lower bound: the value of the largest doll solved (a subgraph's frustration).
    mutating func run() -> Bool {
        let k = g.k
        // The optimum of the previous doll, extended by the new node on its cheaper side, is an incumbent.
        var previous = [UInt8](repeating: 0, count: k)
        for d in stride(from: k - 1, through: 0, by: -1) {
            let v = order[d]
            // c0, c1: edges from v into the previous doll frustrated by its optimum if v takes side 0, 1.
            var c0 = 0, c1 = 0
            for a in g.offsets[v]..<g.offsets[v + 1] where position[g.targets[a]] > d {
                if previous[g.targets[a]] != g.parity[a] { c0 += 1 } else { c1 += 1 }
            }
            previous[v] = c0 <= c1 ? 0 : 1
            dollUpper = suffixLower[d + 1] + min(c0, c1)
            dollSides = previous
            let fromHeuristic = d == 0 ? upper : suffixValue(sides, from: d)
            if fromHeuristic < dollUpper {
                dollUpper = fromHeuristic
                dollSides = sides
            }
            dollTarget = suffixLower[d + 1]
            if dollUpper > dollTarget {
                stop = false
                dollStart = d
                let finished = descend(depth: d, current: 0)
                if !finished {
                    // Out of budget: every doll from d on keeps the bound of the last one solved.
                    for e in 0...d { suffixLower[e] = suffixLower[d + 1] }
                    if dollUpper < upper && d == 0 { upper = dollUpper; sides = dollSides }
                    return false
                }
            }
            suffixLower[d] = dollUpper
            previous = dollSides
        }
        if suffixLower[0] < upper {
            upper = suffixLower[0]
            sides = previous
        }
        return true
    }

    private mutating func assign(_ v: Int, _ s: UInt8, sign: Int) {
        let p = position[v]
        for a in g.offsets[v]..<g.offsets[v + 1] {
            let w = g.targets[a]
            guard position[w] > p else { continue }
            let before = min(cost[2 * w], cost[2 * w + 1])
            // w on side t frustrates the edge iff s ^ t != parity.
            if s != g.parity[a] { cost[2 * w] += sign }
            if (s ^ 1) != g.parity[a] { cost[2 * w + 1] += sign }
            pending += min(cost[2 * w], cost[2 * w + 1]) - before
        }
    }

    /// Returns false when the budget ran out.
    private mutating func descend(depth: Int, current: Int) -> Bool {
        if budget <= 0 { return false }
        budget -= 1
        if depth == g.k {
            if current < dollUpper {
                dollUpper = current
                for i in dollStart..<g.k { dollSides[order[i]] = x[order[i]] }
                if dollUpper <= dollTarget { stop = true }
            }
            return true
        }
        let v = order[depth]
        let c0 = cost[2 * v], c1 = cost[2 * v + 1]
        let vMin = min(c0, c1)
        let rest = pending - vMin + suffixLower[depth + 1]
        // The first node of a doll takes side 0 (the two sides are symmetric).
        let first: UInt8 = c0 <= c1 ? 0 : 1
        for choice in 0..<2 {
            let s = choice == 0 ? first : first ^ 1
            if choice == 1 && depth == dollStart { break }
            let added = s == 0 ? c0 : c1
            if current + added + rest >= dollUpper { continue }
            x[v] = s
            pending -= vMin
            assign(v, s, sign: 1)
            let finished = descend(depth: depth + 1, current: current + added)
            assign(v, s, sign: -1)
            pending += vMin
            if !finished { return false }
            if stop { return true }
        }
        return true
    }
}
