#!/usr/bin/env python3
"""Exact frustration on mid-size signed networks: Blocs against the binary linear program of Aref, Mason & Wilson
solved by CBC (through PuLP), on the same generated graphs.

Generator (seeded): n actors (default 150) in `blocs` planted blocs (default 4), m edges (default 1,300) drawn
between distinct pairs, 10% of them negative: a negative edge joins two blocs and a positive edge lies inside
one, then 5% of all signs are flipped (noise). Each graph is written as a one-year dataset (Datasets/README.md
format), so `blocs balance --exact-limit N` runs on it as a user would.

For each graph it times the whole `blocs balance` process and reports the frustration value, its certified lower
bound and whether it is proven; then solves the binary LP (node sides x, edge frustration f; positive edge:
f >= x_i - x_j, f >= x_j - x_i; negative edge: f >= x_i + x_j - 1, f >= 1 - x_i - x_j; minimise sum f; one node
fixed) with CBC under a time limit, and reports its optimum and time. It prints the share proven, the median
times and any disagreement between proven values.

Usage: scripts/bench_frustration.py [--graphs 20] [--nodes 150] [--edges 1300] [--negative 0.1] [--noise 0.05]
                                    [--blocs PATH] [--cbc-limit 60] [--seed 1]
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


def solve_lp(n, edges, limit):
    import pulp
    prob = pulp.LpProblem("frustration", pulp.LpMinimize)
    x = [pulp.LpVariable(f"x{i}", cat="Binary") for i in range(n)]
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
    t = time.perf_counter()
    status = prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=limit, threads=1))
    wall = time.perf_counter() - t
    optimal = pulp.LpStatus[status] == "Optimal" and wall < limit
    value = pulp.value(prob.objective) if pulp.LpStatus[status] == "Optimal" else None
    return wall, (round(value) if value is not None else None), optimal


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--graphs", type=int, default=20)
    ap.add_argument("--nodes", type=int, default=150)
    ap.add_argument("--edges", type=int, default=1300)
    ap.add_argument("--negative", type=float, default=0.1)
    ap.add_argument("--noise", type=float, default=0.05)
    ap.add_argument("--blocs-count", type=int, default=4)
    ap.add_argument("--blocs", required=True)
    ap.add_argument("--exact-limit", type=int, default=200, help="blocs balance --exact-limit")
    ap.add_argument("--cbc-limit", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rows = []
    print(f"{args.graphs} graphs: {args.nodes} actors, {args.edges} edges, {args.negative:.0%} negative, "
          f"{args.noise:.0%} noise, {args.blocs_count} planted blocs")
    print(f"{'graph':>6}{'Blocs s':>9}{'L':>5}{'lower':>7}{'proven':>8}{'CBC s':>9}{'CBC L':>7}{'CBC opt':>9}")
    bad = 0
    for g in range(args.graphs):
        edges = generate(args.nodes, args.edges, args.negative, args.noise, args.blocs_count, args.seed + g)
        with tempfile.TemporaryDirectory() as tmp:
            write_dataset(tmp, args.nodes, edges, args.seed + g)
            bw, bl, blow, bp = run_blocs(args.blocs, tmp, args.exact_limit)
        cw, cl, co = solve_lp(args.nodes, edges, args.cbc_limit)
        rows.append((bw, bl, blow, bp, cw, cl, co))
        if (bp and co and bl != cl) or (co and bl < cl) or (co and blow > cl):
            bad += 1
        print(f"{g:>6}{bw:>9.2f}{bl:>5}{blow:>7}{str(bp):>8}{cw:>9.2f}{'-' if cl is None else cl:>7}{str(co):>9}", flush=True)
    proven = sum(r[3] for r in rows)
    print(f"Blocs: proven optimal in {proven}/{len(rows)} ({proven / len(rows):.0%}), median {statistics.median(r[0] for r in rows):.2f} s, "
          f"max {max(r[0] for r in rows):.2f} s; mean gap (value - lower) {statistics.mean(r[1] - r[2] for r in rows):.1f}")
    opt = sum(r[6] for r in rows)
    print(f"CBC (PuLP, 1 thread, limit {args.cbc_limit:.0f} s): optimal in {opt}/{len(rows)}, median {statistics.median(r[4] for r in rows):.2f} s, "
          f"max {max(r[4] for r in rows):.2f} s")
    wrong = sum(1 for r in rows if r[5] is not None and r[1] > r[5])
    print(f"Blocs above CBC's optimum in {wrong} graphs; disagreements (proven value != optimum, or bound above it): {bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
