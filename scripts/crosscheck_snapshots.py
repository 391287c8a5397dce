"""Independent Python rebuild of Blocs snapshots from a dataset folder, following Datasets/README.md.

Supports the yearly period scheme, the `overlap` rule, the `persons` level (with or without co-membership)
and the `factions`/`all` levels; scenarios: only untagged ties plus ties tagged with the chosen scenario.
Used by scripts/crosscheck and scripts/bench (it is the "build every yearly snapshot" stage of the peers).
"""
import calendar
import csv
import datetime
import os
import re

SIGN = {"alliance": 1, "rivalry": -1, "member": 1}


def resolve(text):
    """The exact date the deterministic analysis uses for a dataset date (Datasets/README.md, "Uncertain dates"):
    a qualified date (`1926?`, `1926~`, `1926%`) as stated; a range `[a..b]` its middle unit, the earlier of the
    two middle units when their number is even. Written independently of the Swift code: the units are listed."""
    text = text.strip()
    if text[-1:] in ("?", "~", "%"):
        return text[:-1]
    if not text.startswith("["):
        return text
    a, b = text[1:-1].split("..")
    if len(a) == 4:
        units = [f"{y:04d}" for y in range(int(a), int(b) + 1)]
    elif len(a) == 7:
        units, y, m = [], int(a[:4]), int(a[5:])
        while (y, m) <= (int(b[:4]), int(b[5:])):
            units.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        d0, d1 = datetime.date.fromisoformat(a), datetime.date.fromisoformat(b)
        units = [(d0 + datetime.timedelta(days=k)).isoformat() for k in range((d1 - d0).days + 1)]
    return units[(len(units) - 1) // 2]


def first_day(text):
    parts = [int(p) for p in resolve(text).split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1).toordinal()
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1).toordinal()
    return datetime.date(*parts).toordinal()


def last_day(text):
    parts = [int(p) for p in resolve(text).split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31).toordinal()
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1]).toordinal()
    return datetime.date(*parts).toordinal()


def read_span(folder):
    text = open(os.path.join(folder, "dataset.yaml"), encoding="utf-8").read()
    m = re.search(r"span:\s*\{\s*start:\s*([0-9-]+)\s*,\s*end:\s*([0-9-]+)\s*\}", text)
    scenario = re.search(r"^default_scenario:\s*(\S+)", text, re.M)
    return first_day(m.group(1)), last_day(m.group(2)), int(m.group(1)[:4]), int(m.group(2)[:4]), (scenario.group(1) if scenario else None)


def load(folder):
    """Returns (actors: list of dict, ties: list of dict, span) with days as proleptic ordinals."""
    span_start, span_end, y0, y1, scenario = read_span(folder)
    with open(os.path.join(folder, "actors.csv"), newline="", encoding="utf-8-sig") as f:
        actors = [dict(r) for r in csv.DictReader(f)]
    with open(os.path.join(folder, "ties.csv"), newline="", encoding="utf-8-sig") as f:
        ties = []
        for r in csv.DictReader(f):
            ties.append({
                "source": r["source"], "target": r["target"], "relation": r["relation"],
                "start": first_day(r["start"]),
                "end": last_day(r["end"]) if r.get("end") else span_end,
                "weight": float(r["weight"]) if r.get("weight") else 1.0,
                "scenarios": [s for s in (r.get("scenario") or "").split(";") if s],
            })
    return actors, ties, (span_start, span_end, y0, y1, scenario)


def holds(tie, scenario):
    return not tie["scenarios"] or (scenario is not None and scenario in tie["scenarios"])


def lifetimes(actors, ties, span, scenario):
    span_start, span_end = span[0], span[1]
    first, last = {}, {}
    for t in ties:
        if not holds(t, scenario):
            continue
        for a in (t["source"], t["target"]):
            first[a] = min(first.get(a, t["start"]), t["start"])
            last[a] = max(last.get(a, t["end"]), t["end"])
    out = {}
    for a in actors:
        i = a["id"]
        s = first_day(a["start"]) if a.get("start") else first.get(i, span_start if a.get("end") else None)
        if a.get("end"):
            e = last_day(a["end"])
        elif a.get("start"):
            e = max(last.get(i, span_end), span_end)
        else:
            e = last.get(i)
        out[i] = (s, e) if s is not None and e is not None and s <= e else None
    return out


def included(kind, level):
    if level == "persons":
        return kind == "person"
    if level == "factions":
        return kind != "person"
    return True


def yearly_snapshots(actors, ties, span, level="persons", comembership=True, scenario="default"):
    """Yields (year, nodes: sorted list of actor ids, edges: {(a, b): signed weight} with a < b by id)."""
    if scenario == "default":
        scenario = span[4]
    kind = {a["id"]: a["kind"] for a in actors}
    life = lifetimes(actors, ties, span, scenario)
    for year in range(span[2], span[3] + 1):
        p0 = datetime.date(year, 1, 1).toordinal()
        p1 = datetime.date(year, 12, 31).toordinal()
        nodes = {a for a, iv in life.items() if iv and included(kind[a], level) and iv[0] <= p1 and iv[1] >= p0}
        sums = {}
        members = {}
        for t in ties:
            if t["relation"] not in SIGN or not holds(t, scenario) or t["start"] > p1 or t["end"] < p0:
                continue
            s, g = t["source"], t["target"]
            if t["relation"] == "member":
                iv = (max(t["start"], p0), min(t["end"], p1))
                key = (s, g)
                old = members.get(key)
                members[key] = iv if old is None else (min(old[0], iv[0]), max(old[1], iv[1]))
            if not (included(kind[s], level) and included(kind[g], level)) or s == g:
                continue
            if level == "persons" and t["relation"] == "member":
                continue
            nodes.add(s)
            nodes.add(g)
            key = (min(s, g), max(s, g))
            sums[key] = sums.get(key, 0.0) + SIGN[t["relation"]] * t["weight"]
        if level == "persons" and comembership:
            by_faction = {}
            for (person, faction), iv in members.items():
                if kind[person] == "person":
                    by_faction.setdefault(faction, []).append((person, iv))
            for faction in sorted(by_faction):
                ms = by_faction[faction]
                for i in range(len(ms)):
                    for j in range(i + 1, len(ms)):
                        (a, ia), (b, ib) = ms[i], ms[j]
                        if max(ia[0], ib[0]) <= min(ia[1], ib[1]):
                            nodes.add(a)
                            nodes.add(b)
                            key = (min(a, b), max(a, b))
                            sums[key] = sums.get(key, 0.0) + 1.0
        edges = {k: w for k, w in sums.items() if w != 0}
        yield str(year), sorted(nodes), edges
