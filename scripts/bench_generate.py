"""Seeded synthetic temporal signed networks in the Blocs dataset format (for scripts/bench).

Three shapes (`generate(folder, size, seed, shape=...)`), so that speed is measured on networks Blocs was not
tuned to:

factions (the default): actors sit in blocs that drift: every year each actor switches bloc with probability 0.04, a bloc merges into
another with probability 0.03 and splits in two with probability 0.03. A tie starts in a random year, lasts
0-3 more years, joins an actor to a bloc-mate with probability 0.75 (an alliance 90% of the time, else a
rivalry) or to an actor of another bloc (a rivalry 80% of the time, else an alliance). All actors are persons;
blocs are latent (no membership ties), so the persons-level snapshot is the tie graph itself.

churn: a uniformly random network. Each tie joins two actors drawn uniformly, starts in a uniform year and lasts
a uniform 0-4 more years; 85% alliances, 15% rivalries. No structure at all: large random components every year.

heavy: a heavy-tailed network. Ties are added one by one; one end is drawn by preferential attachment (in
proportion to the ties it already has, plus one), the other uniformly; most ties are short (the same year with
probability 0.6, else 1-3 more years); 85% alliances. A few hubs gather thousands of ties.

All actors are persons with no dates (their lifetime runs from their first tie to their last), weights are
1, 2 or 0.5, some starts are months: the dataset format of Datasets/README.md.
"""
import os
import random

SIZES = {
    "S": dict(actors=60, ties=400, years=13),
    "M": dict(actors=5000, ties=100_000, years=50),
    "L": dict(actors=50_000, ties=1_000_000, years=100),
}


SHAPES = ("factions", "churn", "heavy")


def generate(folder, size, seed=7, first_year=1900, shape="factions"):
    if shape == "factions":
        return generate_factions(folder, size, seed, first_year)
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape}")
    p = SIZES[size]
    n, m, years = p["actors"], p["ties"], p["years"]
    rng = random.Random(f"{shape}-{seed}")
    width = len(str(n - 1))
    lines = ["source,target,relation,start,end,weight,confidence,sources,scenario,note\n"]
    pool = list(range(n))  # one entry per actor plus one per tie end already drawn (preferential attachment)
    for _ in range(m):
        y = rng.randrange(years)
        if shape == "churn":
            a = rng.randrange(n)
            length = rng.randrange(5)
        else:
            a = pool[rng.randrange(len(pool))]
            length = 0 if rng.random() < 0.6 else rng.randint(1, 3)
        b = a
        while b == a:
            b = rng.randrange(n)
        if shape == "heavy":
            pool.append(a)
            pool.append(b)
        rel = "alliance" if rng.random() < 0.85 else "rivalry"
        end_year = min(years - 1, y + length)
        start = f"{first_year + y}" if rng.random() < 0.7 else f"{first_year + y}-{rng.randint(1, 12):02d}"
        weight = rng.choice(["", "", "", "2", "0.5"])
        lines.append(f"a{a:0{width}d},a{b:0{width}d},{rel},{start},{first_year + end_year},{weight},,generator,,\n")
    write_dataset(folder, size, seed, shape, n, years, first_year, lines)


def write_dataset(folder, size, seed, shape, n, years, first_year, lines):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "dataset.yaml"), "w") as f:
        f.write(f"name: bench-{shape}-{size.lower()}\ntitle: \"Synthetic {shape}, size {size}, seed {seed}\"\n"
                f"span: {{start: {first_year}, end: {first_year + years - 1}}}\ndefault_period: year\n"
                "sources:\n  - id: generator\n    citation: \"scripts/bench_generate.py\"\n")
    width = len(str(n - 1))
    with open(os.path.join(folder, "actors.csv"), "w") as f:
        f.write("id,name,kind,start,end,note\n")
        for a in range(n):
            f.write(f"a{a:0{width}d},Actor {a},person,,,\n")
    with open(os.path.join(folder, "ties.csv"), "w") as f:
        f.writelines(lines)


def generate_factions(folder, size, seed=7, first_year=1900):
    p = SIZES[size]
    n, m, years = p["actors"], p["ties"], p["years"]
    rng = random.Random(seed)
    bloc_size = 40
    blocs = max(2, n // bloc_size)
    bloc = [rng.randrange(blocs) for _ in range(n)]
    next_bloc = blocs
    per_year = []
    for _ in range(years):
        members = {}
        for a, b in enumerate(bloc):
            members.setdefault(b, []).append(a)
        keys = sorted(members)
        per_year.append((list(bloc), {k: members[k] for k in keys}, keys))
        # drift for next year
        for a in range(n):
            if rng.random() < 0.04:
                bloc[a] = rng.choice(keys)
        for k in keys:
            r = rng.random()
            if r < 0.03 and len(keys) > 1:
                target = rng.choice(keys)
                for a in members[k]:
                    if bloc[a] == k:
                        bloc[a] = target
            elif r < 0.06:
                for a in members[k]:
                    if bloc[a] == k and rng.random() < 0.5:
                        bloc[a] = next_bloc
                next_bloc += 1
    width = len(str(n - 1))
    lines = ["source,target,relation,start,end,weight,confidence,sources,scenario,note\n"]
    for _ in range(m):
        y = rng.randrange(years)
        members_of, members, keys = per_year[y]
        a = rng.randrange(n)
        own = members[members_of[a]]
        if rng.random() < 0.75 and len(own) > 1:
            b = a
            while b == a:
                b = own[rng.randrange(len(own))]
            rel = "alliance" if rng.random() < 0.9 else "rivalry"
        else:
            b = a
            while b == a:
                b = rng.randrange(n)
            rel = "rivalry" if rng.random() < 0.8 else "alliance"
        end_year = min(years - 1, y + rng.randrange(4))
        start = f"{first_year + y}" if rng.random() < 0.7 else f"{first_year + y}-{rng.randint(1, 12):02d}"
        end = f"{first_year + end_year}"
        weight = rng.choice(["", "", "", "2", "0.5"])
        lines.append(f"a{a:0{width}d},a{b:0{width}d},{rel},{start},{end},{weight},,generator,,\n")
    write_dataset(folder, size, seed, "factions", n, years, first_year, lines)
