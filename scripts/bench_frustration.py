#!/usr/bin/env python3
"""Exact frustration on mid-size signed networks: Blocs against the binary linear program of Aref, Mason & Wilson
solved by CBC (through PuLP), on the same generated graphs.

Generator (seeded): n actors (default 150) in `blocs` planted blocs (default 4), m edges (default 1,300) drawn
between distinct pairs, 10% of them negative: a negative edge joins two blocs and a positive edge lies inside
one, then 5% of all signs are flipped (noise). Each graph is written as a one-year dataset (Datasets/README.md
format), so `blocs balance --exact-limit N` runs on it as a user would.

For each graph it times the whole `blocs balance` process and reports the frustration value, its certified lower
bound and whether it is proven; then solves the binary LP of Aref, Mason & Wilson (`build_lp`: their AND model
with triangle inequalities by default, or the plain XOR-like one) with CBC under a time limit, and reports its
value, time and whether it proved optimality. Per seed set and overall it prints the share proven, median, p90
and max times, the ratio of CBC's time to Blocs's (a lower bound, marked ≥, when CBC hit its limit) and any
disagreement (a certified lower bound above a feasible value, or proven values differing): exit status 1 then.

Usage: scripts/bench_frustration.py --blocs PATH [--graphs 20] [--seeds 1,1001] [--nodes 150] [--edges 1300]
                                    [--negative 0.1] [--noise 0.05] [--cbc-limit 10] [--formulation and|plain]
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def generate(n, m, negative, noise, blocs, seed):
    rng = random.Random(seed)
    bloc = [rng.randrange(blocs) for _ in range(n)]
    edges = {}
    n_neg = round(m * negative)
    while len(edges) < m:
        u, v = rng.randrange(n), rng.randrange(n)
        if u == v or (min(u, v), max(u, v)) in edges:
            continue
        want_negative = sum(1 for s in edges.values() if s < 0) < n_neg
        if want_negative != (bloc[u] != bloc[v]):
            continue
        edges[(min(u, v), max(u, v))] = -1 if want_negative else 1
    for key in edges:
        if rng.random() < noise:
            edges[key] = -edges[key]
    return edges


def write_dataset(folder, n, edges, seed):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "dataset.yaml"), "w") as f:
        f.write(f"name: frustration-{seed}\ntitle: \"Planted blocs, seed {seed}\"\nspan: {{start: 1900, end: 1900}}\n"
                "default_period: year\nsources:\n  - id: generator\n    citation: \"scripts/bench_frustration.py\"\n")
    with open(os.path.join(folder, "actors.csv"), "w") as f:
        f.write("id,name,kind,start,end,note\n")
        for a in range(n):
            f.write(f"a{a:03d},Actor {a},person,,,\n")
    with open(os.path.join(folder, "ties.csv"), "w") as f:
        f.write("source,target,relation,start,end,weight,confidence,sources,scenario,note\n")
        for (u, v), s in sorted(edges.items()):
            f.write(f"a{u:03d},a{v:03d},{'alliance' if s > 0 else 'rivalry'},1900,1900,,,generator,,\n")


def run_blocs(blocs, folder, exact_limit):
    out = os.path.join(folder, "balance.csv")
    t = time.perf_counter()
    subprocess.run([blocs, "balance", folder, "--format", "csv", "--out", out, "--exact-limit", str(exact_limit)],
                   check=True, capture_output=True)
    wall = time.perf_counter() - t
    import csv
    row = next(csv.DictReader(open(out)))
    return wall, int(row["frustration"]), int(row["frustration_lower"]), row["frustration_proven"] == "true"


def build_lp(n, edges, formulation):
    """The binary LP of Aref, Mason & Wilson for the frustration index of a signed graph.

    plain: node sides x and edge frustration f; positive edge f >= x_i - x_j, f >= x_j - x_i; negative edge
      f >= x_i + x_j - 1, f >= 1 - x_i - x_j; minimise sum f; node 0 fixed (their XOR-like model).
    and: their AND model with the reductions of their 2020 paper: x_ij stands for x_i AND x_j; a positive edge
      is frustrated by x_i + x_j - 2 x_ij with only x_ij <= x_i, x_ij <= x_j; a negative one by
      1 - x_i - x_j + 2 x_ij with only x_ij >= x_i + x_j - 1; plus the four triangle inequalities of every
      triangle holding a negative edge (x_i + x_jk >= x_ij + x_ik, ..., x_ij + x_ik + x_jk >= x_i + x_j + x_k - 1);
      the highest-degree node is fixed.
    """
    import pulp
    prob = pulp.LpProblem("frustration", pulp.LpMinimize)
    x = [pulp.LpVariable(f"x{i}", cat="Binary") for i in range(n)]
    if formulation == "plain":
        f = {e: pulp.LpVariable(f"f{e[0]}_{e[1]}", cat="Binary") for e in edges}
        prob += pulp.lpSum(f.values())
        prob += x[0] == 0
        for (u, v), s in edges.items():
            if s > 0:
                prob += f[(u, v)] >= x[u] - x[v]
                prob += f[(u, v)] >= x[v] - x[u]
            else:
                prob += f[(u, v)] >= x[u] + x[v] - 1
                prob += f[(u, v)] >= 1 - x[u] - x[v]
        return prob
    y = {e: pulp.LpVariable(f"y{e[0]}_{e[1]}", lowBound=0, upBound=1) for e in edges}
    prob += pulp.lpSum((x[u] + x[v] - 2 * y[(u, v)]) if s > 0 else (1 - x[u] - x[v] + 2 * y[(u, v)])
                       for (u, v), s in edges.items())
    degree = [0] * n
    adj = [set() for _ in range(n)]
    for (u, v), s in edges.items():
        degree[u] += 1
        degree[v] += 1
        adj[u].add(v)
        adj[v].add(u)
        if s > 0:
            prob += y[(u, v)] <= x[u]
            prob += y[(u, v)] <= x[v]
        else:
            prob += y[(u, v)] >= x[u] + x[v] - 1
    prob += x[max(range(n), key=lambda i: degree[i])] == 1
    def Y(a, b):
        return y[(min(a, b), max(a, b))]
    for (u, v) in edges:  # u < v; each triangle u < v < w once
        for w in adj[u] & adj[v]:
            if w < v or all(edges[t] > 0 for t in ((u, v), (u, w), (v, w))):
                continue
            i, j, k = u, v, w
            prob += x[i] + Y(j, k) >= Y(i, j) + Y(i, k)
            prob += x[j] + Y(i, k) >= Y(i, j) + Y(j, k)
            prob += x[k] + Y(i, j) >= Y(i, k) + Y(j, k)
            prob += Y(i, j) + Y(i, k) + Y(j, k) >= x[i] + x[j] + x[k] - 1
    return prob


def solve_lp(n, edges, limit, formulation="and"):
    """Solves the LP by CBC (PuLP's bundled binary, one thread, `limit` seconds); returns (seconds, best value or
    None, proven optimal)."""
    import pulp
    prob = build_lp(n, edges, formulation)
    t = time.perf_counter()
    status = prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=limit, threads=1))
    wall = time.perf_counter() - t
    optimal = pulp.LpStatus[status] == "Optimal" and wall < limit
    value = pulp.value(prob.objective) if pulp.LpStatus[status] == "Optimal" else None
    return wall, (round(value) if value is not None else None), optimal


def quantile(values, q):
    """The q-quantile by linear interpolation between order statistics (NumPy's default)."""
    v = sorted(values)
    pos = q * (len(v) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def summary(label, rows, cbc_limit):
    """Prints the figures of one set of rows (Blocs, then CBC, then their ratio) and returns the proven share."""
    bw = [r["blocs_s"] for r in rows]
    cw = [r["cbc_s"] for r in rows]
    proven = sum(r["proven"] for r in rows)
    optimal = sum(r["cbc_optimal"] for r in rows)
    print(f"{label}: Blocs proven {proven}/{len(rows)} ({proven / len(rows):.0%}), median {statistics.median(bw):.2f} s, "
          f"p90 {quantile(bw, 0.9):.2f} s, max {max(bw):.2f} s, mean gap (value - lower) "
          f"{statistics.mean(r['value'] - r['lower'] for r in rows):.2f}")
    print(f"{label}: CBC proven {optimal}/{len(rows)}, median {statistics.median(cw):.2f} s, p90 {quantile(cw, 0.9):.2f} s"
          + (f" (limit {cbc_limit:g} s)" if optimal < len(rows) else ""))
    # A CBC time that hit the limit is only a lower bound on its time to a proof, hence the ≥.
    sign = "≥ " if optimal < len(rows) else ""
    print(f"{label}: time to a proof, CBC / Blocs: median {sign}{statistics.median(cw) / statistics.median(bw):.1f}×, "
          f"p90 {sign}{quantile(cw, 0.9) / quantile(bw, 0.9):.1f}×")
    return proven / len(rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graphs", type=int, default=20, help="graphs per seed set")
    ap.add_argument("--nodes", type=int, default=150)
    ap.add_argument("--edges", type=int, default=1300)
    ap.add_argument("--negative", type=float, default=0.1)
    ap.add_argument("--noise", type=float, default=0.05)
    ap.add_argument("--blocs-count", type=int, default=4)
    ap.add_argument("--blocs", required=True)
    ap.add_argument("--exact-limit", type=int, default=200, help="blocs balance --exact-limit")
    ap.add_argument("--cbc-limit", type=float, default=10, help="seconds per graph for CBC")
    ap.add_argument("--formulation", choices=["and", "plain"], default="and", help="the binary LP given to CBC")
    ap.add_argument("--seeds", default="1,1001", help="first seed of each set (graph g of a set uses seed + g)")
    args = ap.parse_args()
    try:
        import pulp  # noqa: F401
    except ImportError:
        sys.exit("error: scripts/bench_frustration.py needs PuLP (with its bundled CBC) for the comparison: "
                 "python3 -m pip install pulp")
    if not os.access(args.blocs, os.X_OK):
        sys.exit(f"error: --blocs {args.blocs}: not an executable blocs binary (build one with "
                 "`swift build -c release --product blocs`, then pass .build/release/blocs)")
    seeds = [int(x) for x in args.seeds.split(",")]
    print(f"{len(seeds)} sets of {args.graphs} graphs: {args.nodes} actors, {args.edges} edges, {args.negative:.0%} negative, "
          f"{args.noise:.0%} noise, {args.blocs_count} planted blocs; CBC on the {args.formulation} LP, one thread, "
          f"{args.cbc_limit:g} s each")
    print(f"{'seed':>6}{'Blocs s':>9}{'L':>5}{'lower':>7}{'proven':>8}{'CBC s':>9}{'CBC L':>7}{'CBC opt':>9}")
    bad = 0
    rows = []
    for first in seeds:
        for g in range(args.graphs):
            seed = first + g
            edges = generate(args.nodes, args.edges, args.negative, args.noise, args.blocs_count, seed)
            with tempfile.TemporaryDirectory() as tmp:
                write_dataset(tmp, args.nodes, edges, seed)
                bw, bl, blow, bp = run_blocs(args.blocs, tmp, args.exact_limit)
            cw, cl, co = solve_lp(args.nodes, edges, args.cbc_limit, args.formulation)
            rows.append({"set": first, "blocs_s": bw, "value": bl, "lower": blow, "proven": bp, "cbc_s": cw,
                         "cbc_value": cl, "cbc_optimal": co})
            # CBC's value, proven or not, is a feasible split: no certified lower bound may exceed it; its proven
            # optimum must equal a proven Blocs value and cannot exceed any Blocs value.
            if (cl is not None and blow > cl) or (co and bl < cl) or (co and bp and bl != cl):
                bad += 1
            print(f"{seed:>6}{bw:>9.2f}{bl:>5}{blow:>7}{str(bp):>8}{cw:>9.2f}{'-' if cl is None else cl:>7}{str(co):>9}",
                  flush=True)
    for first in seeds:
        summary(f"seeds {first}-{first + args.graphs - 1}", [r for r in rows if r["set"] == first], args.cbc_limit)
    share = summary("all", rows, args.cbc_limit)
    median = statistics.median(r["blocs_s"] for r in rows)
    print(f"target (proven >= 95%, median <= 2 s per whole blocs balance process): "
          f"{'met' if share >= 0.95 and median <= 2 else 'NOT met'}")
    better = sum(1 for r in rows if r["cbc_value"] is not None and r["value"] < r["cbc_value"])
    print(f"Blocs below CBC's best value in {better} graphs; disagreements (a bound above a feasible value, or two "
          f"proven values differing): {bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
