"""One peer library doing the per-year benchmark work; run by scripts/bench.

Usage: python bench_peer.py igraph|igraph-analysis|networkit|networkx DATASET OUT.csv [PIVOTS.csv]
Prints `stage,NAME,SECONDS` lines on stdout; writes the values (same columns as `blocs-bench`) to OUT.
igraph-analysis is igraph's whole pipeline, the peer of `blocs analyze --format none`: the igraph stages plus
Louvain (`community_multilevel`) and Leiden (leidenalg, modularity) on every yearly alliance graph.
networkit runs NetworKit's centralities (on all cores, as NetworKit does by default); its closeness is the
generalised (Wasserman-Faust) variant, converted to igraph's, and its betweenness halved to unordered pairs.
With PIVOTS.csv (period,actor; written by scripts/bench), betweenness of a listed period is the sampled estimate
from those pivots, scaled as NetworkX 3.6 `betweenness_centrality(k=len(pivots), normalized=False)` scales it.
"""
import math
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck_snapshots as snap  # noqa: E402


def triangle_ratio(nodes, edges):
    adj = {v: set() for v in nodes}
    for a, b in edges:
        adj[a].add(b)
        adj[b].add(a)
    even = total = 0
    for (a, b), w in edges.items():
        for c in adj[a] & adj[b]:
            if c > b:
                neg = (w < 0) + (edges[(min(b, c), max(b, c))] < 0) + (edges[(min(a, c), max(a, c))] < 0)
                total += 1
                even += neg % 2 == 0
    return even / total if total else None


class GivenSample(random.Random):
    """A `seed` for NetworkX whose `sample` returns the given pivots, so `betweenness_centrality(k=...)` runs its
    own sampled code path (accumulation and rescaling) on exactly the bench's pivots."""

    def __init__(self, pivots):
        super().__init__(0)
        self.pivots = list(pivots)

    def sample(self, population, k, **kwargs):
        assert k == len(self.pivots)
        return list(self.pivots)


def sampled_scale(n, k, is_pivot):
    """NetworkX 3.6 `_rescale` for k sampled sources, undirected, raw (normalized=False), endpoints=False."""
    big = n - 1
    if big < 2:
        return 1.0
    seen = k - 1 if is_pivot else k
    return big / (seen * 2) if seen > 0 else math.nan


def read_pivots(path):
    pivots = {}
    if path:
        with open(path) as f:
            next(f)
            for line in f:
                period, actor = line.rstrip("\n").split(",")
                pivots.setdefault(period, []).append(actor)
    return pivots


def main():
    lib, folder, out = sys.argv[1], sys.argv[2], sys.argv[3]
    pivot_ids = read_pivots(sys.argv[4] if len(sys.argv) > 4 else None)
    # Import the library before the clock starts: its import time is not part of the work.
    analysis = lib == "igraph-analysis"
    if analysis:
        lib = "igraph"
        import leidenalg
    if lib in ("igraph", "networkit"):
        import igraph as ig
    if lib == "networkit":
        import networkit as nk
    if lib == "networkx":
        import networkx as nx
    times = {}
    t = time.perf_counter()
    actors, ties, span = snap.load(folder)
    times["load"] = time.perf_counter() - t
    t = time.perf_counter()
    snapshots = []
    for period, nodes, edges in snap.yearly_snapshots(actors, ties, span, comembership=False):
        index = {v: i for i, v in enumerate(nodes)}
        pos = [(index[a], index[b], w) for (a, b), w in edges.items() if w > 0]
        if lib == "networkit":
            # Paths ignore weights (hops), PageRank uses them: two NetworKit graphs.
            g, gw = nk.Graph(len(nodes)), nk.Graph(len(nodes), weighted=True)
            for a, b, w in pos:
                g.addEdge(a, b)
                gw.addEdge(a, b, w)
            full = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in edges])
            full.es["sign"] = [1 if w > 0 else -1 for w in edges.values()]
            full["weighted"] = gw
        elif lib == "igraph":
            g = ig.Graph(n=len(nodes), edges=[(a, b) for a, b, _ in pos])
            g.es["weight"] = [w for _, _, w in pos]
            full = ig.Graph(n=len(nodes), edges=[(index[a], index[b]) for a, b in edges])
            full.es["sign"] = [1 if w > 0 else -1 for w in edges.values()]
        else:
            g = nx.Graph()
            g.add_nodes_from(range(len(nodes)))
            g.add_weighted_edges_from(pos)
            full = nx.Graph()
            full.add_nodes_from(range(len(nodes)))
            full.add_edges_from(((index[a], index[b], {"sign": 1 if w > 0 else -1}) for (a, b), w in edges.items()))
        snapshots.append((period, nodes, g, full))
    times["build"] = time.perf_counter() - t
    # Pivot node indices per snapshot: set-up outside the clock, as in Blocs.
    pivots = {}
    for period, nodes, _, _ in snapshots:
        if period in pivot_ids:
            index = {v: i for i, v in enumerate(nodes)}
            pivots[period] = [index[a] for a in pivot_ids[period]]
    for k in ("degree", "betweenness", "closeness", "pagerank", "eigenvector", "components", "triangles"):
        times[k] = 0.0
    if analysis:
        times["louvain"] = times["leiden"] = 0.0
    rows, summary = [], []

    def timed(name, f):
        s = time.perf_counter()
        r = f()
        times[name] += time.perf_counter() - s
        return r

    def igraph_ratio(full):
        even = total = 0
        sign = full.es["sign"]
        for tri in full.list_triangles():
            a, b, c = tri
            s = sign[full.get_eid(a, b)] * sign[full.get_eid(b, c)] * sign[full.get_eid(a, c)]
            total += 1
            even += s > 0
        return even / total if total else None

    for period, nodes, g, full in snapshots:
        n = len(nodes)
        piv = pivots.get(period)
        if lib == "networkit":
            deg = timed("degree", lambda: [g.degree(v) / (n - 1) if n > 1 else 1.0 for v in range(n)])
            if piv is not None:
                sys.exit("networkit: sampled betweenness from given pivots is not supported")

            def nk_btw():
                b = nk.centrality.Betweenness(g, normalized=False)
                b.run()
                return [x / 2 for x in b.scores()]
            btw = timed("betweenness", nk_btw)

            def nk_clo():
                c = nk.centrality.Closeness(g, True, nk.centrality.ClosenessVariant.GENERALIZED)
                c.run()
                comp = nk.components.ConnectedComponents(g)
                comp.run()
                sizes = comp.getComponentSizes()
                part = comp.getPartition()
                out = []
                for v, x in enumerate(c.scores()):
                    r = sizes[part[v]]
                    out.append(x * (n - 1) / (r - 1) if r > 1 else 0.0)
                return out
            clo = timed("closeness", nk_clo)

            def nk_pr():
                p = nk.centrality.PageRank(full["weighted"], damp=0.85, tol=1e-6,
                                             distributeSinks=nk.centrality.SinkHandling.DistributeSinks)
                p.run()
                return p.scores()
            pr = timed("pagerank", nk_pr)

            def nk_ev():
                e = nk.centrality.EigenvectorCentrality(g)
                e.run()
                return e.scores()
            ev = timed("eigenvector", nk_ev) if n else []

            def nk_comps():
                c = nk.components.ConnectedComponents(g)
                c.run()
                return c.numberOfComponents()
            comps = timed("components", nk_comps)
            br = timed("triangles", lambda: igraph_ratio(full))
        elif lib == "igraph":
            deg = timed("degree", lambda: [d / (n - 1) if n > 1 else 1.0 for d in g.degree()])
            if piv is None:
                btw = timed("betweenness", lambda: g.betweenness(directed=False))
            else:
                def sampled():
                    # igraph's subset betweenness is half the pivots' dependency sum (unordered pairs).
                    half = g.betweenness(directed=False, sources=piv)
                    on, off = sampled_scale(n, len(piv), True), sampled_scale(n, len(piv), False)
                    is_pivot = set(piv)
                    return [2 * b * (on if v in is_pivot else off) for v, b in enumerate(half)]
                btw = timed("betweenness", sampled)
            clo = timed("closeness", lambda: [0.0 if math.isnan(c) else c for c in g.closeness()])
            pr = timed("pagerank", lambda: g.pagerank(weights="weight"))
            ev = timed("eigenvector", lambda: g.eigenvector_centrality(scale=False) if n else [])
            comps = timed("components", lambda: len(g.connected_components()))
            br = timed("triangles", lambda: igraph_ratio(full))
            if analysis:
                timed("louvain", lambda: g.community_multilevel())
                timed("leiden", lambda: leidenalg.find_partition(g, leidenalg.ModularityVertexPartition, seed=1))
        else:
            deg = timed("degree", lambda: list(nx.degree_centrality(g).values()) if n else [])
            if piv is None:
                btw = timed("betweenness", lambda: list(nx.betweenness_centrality(g, normalized=False).values()))
            else:
                btw = timed("betweenness", lambda: list(nx.betweenness_centrality(
                    g, k=len(piv), seed=GivenSample(piv), normalized=False).values()))
            clo = timed("closeness", lambda: list(nx.closeness_centrality(g, wf_improved=False).values()))
            pr = timed("pagerank", lambda: list(nx.pagerank(g).values()))

            def eig():
                try:
                    return list(nx.eigenvector_centrality(g).values())
                except nx.PowerIterationFailedConvergence:
                    return None
            ev = timed("eigenvector", eig) if n else None
            comps = timed("components", lambda: nx.number_connected_components(g))

            def ratio():
                even = total = 0
                adj = full.adj
                for a, b in full.edges():
                    if a > b:
                        a, b = b, a
                    for c in adj[a].keys() & adj[b].keys():
                        if c > b:
                            s = adj[a][b]["sign"] * adj[b][c]["sign"] * adj[a][c]["sign"]
                            total += 1
                            even += s > 0
                return even / total if total else None
            br = timed("triangles", ratio)
        for i, v in enumerate(nodes):
            rows.append(f"{period},{v},{deg[i]!r},{btw[i]!r},{clo[i]!r},{pr[i]!r},{'' if ev is None else repr(ev[i])}\n")
        edge_count = g.ecount() if lib == "igraph" else g.numberOfEdges() if lib == "networkit" else g.number_of_edges()
        summary.append(f"{period},{n},{edge_count},{comps},{'' if br is None else repr(br)}\n")
    for k, v in times.items():
        print(f"stage,{k},{v}", flush=True)
    with open(out, "w") as f:
        f.write("period,actor,degree,betweenness,closeness,pagerank,eigenvector\n")
        f.writelines(rows)
    with open(out + ".summary.csv", "w") as f:
        f.write("period,nodes,pos_edges,components,balance_ratio\n")
        f.writelines(summary)


if __name__ == "__main__":
    main()
