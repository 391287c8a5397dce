"""NetworkX round trip of `blocs export` and `blocs import` (run by scripts/test-exports).

For the bundled dataset and a seeded random one (hostile names and notes: quotes, <, &, line breaks, non-Latin
text; scenarios, sources with locators, mixed date precision, uncertain dates and ranges, open ends, lineage,
parallel ties, an actor with no tie), it exports with the built binary and checks, against the dataset files read here with the csv and yaml
modules:
  - GEXF read by networkx.read_gexf: node set, labels and node attributes, node spells (the actor's lifetime,
    hull over the readings, recomputed by scripts/crosscheck_snapshots.py), edge count, every edge's endpoints,
    relation, sign, weight, signed weight, confidence, dates, scenario, sources, note and spell;
  - node-link JSON read by networkx.node_link_graph (NetworkX 3.6 defaults): the same, plus the graph data
    (title, span, default scenario, sources, scenarios, events);
  - GraphML read by networkx.read_graphml: nodes, edges, typed attributes and first/last days;
  - per-period edge lists (CSV) against an independent Python rebuild of the yearly snapshots at the three
    levels;
  - byte-identical output on a second run;
  - blocs import of the exported GEXF gives back the dataset's actors and ties;
  - a GEXF written by networkx.write_gexf (1.2draft and 1.3) imports as the graph says.
Prints every failure and ends with a line "N passed, N failed"; exits 1 on any failure.

usage: test_exports.py BLOCS_BINARY [--seed N] [--keep DIR]
"""

import argparse
import calendar
import csv
import datetime
import io
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import crosscheck_snapshots as snap  # noqa: E402

try:
    import networkx as nx
    import yaml
except ImportError as e:
    sys.exit(f"test_exports needs networkx and pyyaml ({e}): pip install networkx pyyaml")

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SIGN = {"alliance": 1, "rivalry": -1, "member": 1, "merged-into": 0, "split-from": 0}

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""), flush=True)


def iso(ordinal):
    return datetime.date.fromordinal(ordinal).isoformat()


# --- The dataset as written in its files -------------------------------------------------------------------


def strip(text):
    """The loader trims spaces, tabs and line breaks around every field."""
    return (text or "").strip(" \t\r\n")


def refs(text):
    out = []
    for part in (text or "").split(";"):
        part = strip(part)
        if not part:
            continue
        if "#" in part:
            source, locator = part.split("#", 1)
            source, locator = strip(source), strip(locator)
            out.append(f"{source}#{locator}" if locator else source)
        else:
            out.append(part)
    return [r for r in out if r.split("#")[0]]


def number_text(text, default):
    return float(text) if strip(text) else default


def read_dataset(folder):
    with open(os.path.join(folder, "dataset.yaml"), encoding="utf-8") as f:
        info = yaml.load(f, Loader=yaml.BaseLoader)  # every scalar as text, as the Swift loader reads it
    with open(os.path.join(folder, "actors.csv"), newline="", encoding="utf-8-sig") as f:
        actors = [{k: strip(v) for k, v in r.items()} for r in csv.DictReader(f)]
    with open(os.path.join(folder, "ties.csv"), newline="", encoding="utf-8-sig") as f:
        ties = []
        for r in csv.DictReader(f):
            ties.append({
                "source": strip(r["source"]), "target": strip(r["target"]), "relation": strip(r["relation"]),
                "start": strip(r["start"]), "end": strip(r.get("end")),
                "weight": number_text(r.get("weight"), 1.0), "confidence": number_text(r.get("confidence"), 1.0),
                "sources": refs(r.get("sources")),
                "scenario": [s for s in (strip(p) for p in (r.get("scenario") or "").split(";")) if s],
                "note": strip(r.get("note")),
            })
    events = 0
    if os.path.exists(os.path.join(folder, "events.csv")):
        with open(os.path.join(folder, "events.csv"), newline="", encoding="utf-8-sig") as f:
            events = sum(1 for _ in csv.DictReader(f))
    span = info["span"]
    return {"info": info, "actors": actors, "ties": ties, "events": events,
            "span": (snap.first_day(span["start"]), snap.last_day(span["end"]))}


def lifetime_hull(folder, data):
    """Each actor's days under any reading: the hull of its lifetimes untagged and under every scenario."""
    actors, ties, span = snap.load(folder)
    readings = [None] + [s["id"] for s in data["info"].get("scenarios", [])]
    hull = {}
    for scenario in readings:
        for actor, iv in snap.lifetimes(actors, ties, span, scenario).items():
            if iv is None:
                continue
            old = hull.get(actor)
            hull[actor] = iv if old is None else (min(old[0], iv[0]), max(old[1], iv[1]))
    return {a: (iso(iv[0]), iso(iv[1])) for a, iv in hull.items()}


def tie_days(tie, span_end):
    start = snap.first_day(tie["start"])
    end = snap.last_day(tie["end"]) if tie["end"] else span_end
    if end < start:
        end = snap.last_day(tie["start"])
    return (iso(start), iso(end))


# --- A seeded random dataset with hostile text --------------------------------------------------------------

HOSTILE = ['Quote "double" and \'single\'', "Less <b>than</b> & more", "Line one\nline two", "Tab\there",
           "Ünïcödé 日本語 Ἀθῆναι", "Back\\slash; semi; colon", "<script>alert(1)</script>", "Amp &amp; literal"]


def write_random_dataset(folder, seed, persons=18, factions=7, ties=140, y0=1900, years=12):
    rng = random.Random(seed)

    def date(y):
        r = rng.randrange(3)
        if r == 0:
            return f"{y:04d}"
        m = rng.randint(1, 12)
        if r == 1:
            return f"{y:04d}-{m:02d}"
        return f"{y:04d}-{m:02d}-{rng.randint(1, calendar.monthrange(y, m)[1]):02d}"

    def maybe_uncertain(y):
        """Now and then a date the sources leave open: a qualifier or a range (Datasets/README.md)."""
        r = rng.randrange(8)
        if r == 0:
            return date(y) + rng.choice("?~%")
        if r == 1 and y < y0 + years - 1:
            return f"[{y:04d}..{rng.randint(y + 1, y0 + years - 1):04d}]"
        if r == 2:
            m = rng.randint(1, 10)
            return f"[{y:04d}-{m:02d}..{y:04d}-{m + rng.randint(1, 2):02d}]"
        return date(y)

    actors = []
    for i in range(factions):
        s = y0 + rng.randrange(years)
        life = rng.random() < 0.5
        actors.append([f"f{i}", f"Faction {i}: {rng.choice(HOSTILE)}", "group" if i % 4 == 3 else "faction",
                       date(s) if life else "", f"{min(y0 + years - 1, s + rng.randrange(years)):04d}" if life else "",
                       rng.choice(HOSTILE + [""])])
    for i in range(persons):
        actors.append([f"p{i:02d}", f"Person {i} {rng.choice(HOSTILE)}", "person", "", "", rng.choice(HOSTILE + ["", ""])])
    actors.append(["loner", "A person with no tie", "person", "", "", ""])
    sources = ["alpha", "beta", "gamma"]
    locators = ["p. 3", "Ch. <2>", 'sec "A"']
    rows = []
    for _ in range(ties):
        s = y0 + rng.randrange(years)
        e = min(y0 + years - 1, s + rng.randrange(4))
        roll = rng.randrange(20)
        if roll < 6:
            rel, a, b = "member", f"p{rng.randrange(persons):02d}", f"f{rng.randrange(factions)}"
        elif roll == 19:
            rel = rng.choice(["merged-into", "split-from"])
            a, b = rng.sample([f"f{i}" for i in range(factions)], 2)
        else:
            rel = "alliance" if roll < 13 else "rivalry"
            a, b = rng.sample([f"p{i:02d}" for i in range(persons)] + [f"f{i}" for i in range(factions)], 2)
        start = maybe_uncertain(s)
        end = "" if rng.randrange(6) == 0 else maybe_uncertain(e)
        if end and snap.last_day(end) < snap.first_day(start):
            end = snap.resolve(start)
        weight = rng.choice(["", "", "2", "0.5", "1.5", "3"])
        confidence = rng.choice(["", "", "0.5", "0.75", "1"])
        refs_ = ";".join(src + "#" + rng.choice(locators) if rng.random() < 0.5 else src
                         for src in rng.sample(sources, rng.randrange(3)))
        scenario = rng.choice(["", "", "", "", "a", "b", "a;b"])
        rows.append([a, b, rel, start, end, weight, confidence, refs_, scenario, rng.choice(HOSTILE + ["", "", ""])])
    # Parallel ties: the same pair twice, apart in time and relation.
    rows.append(["p00", "p01", "alliance", f"{y0}", f"{y0 + 1}", "", "", "alpha", "", "first"])
    rows.append(["p00", "p01", "rivalry", f"{y0 + 3}", "", "2", "", "beta", "", "then"])
    with open(os.path.join(folder, "dataset.yaml"), "w", encoding="utf-8") as f:
        f.write(f"name: random-{seed}\ntitle: \"Random <network> & \\\"friends\\\", seed {seed}\"\n"
                f"description: \"Generated by scripts/test_exports.py\\nsecond line\"\n"
                f"span: {{start: {y0}, end: {y0 + years - 1}}}\ndefault_period: year\ndefault_scenario: a\n"
                "sources:\n" + "".join(f"  - id: {s}\n    citation: \"Source {s} <&>\"\n" for s in sources)
                + "scenarios:\n  - id: a\n    description: \"Reading A\"\n  - id: b\n    description: \"Reading B\"\n")
    with open(os.path.join(folder, "actors.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "kind", "start", "end", "note"])
        w.writerows(actors)
    with open(os.path.join(folder, "ties.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target", "relation", "start", "end", "weight", "confidence", "sources", "scenario", "note"])
        w.writerows(rows)
    with open(os.path.join(folder, "events.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "kind", "actors", "description", "sources"])
        w.writerow([f"{y0 + 2}", "congress", "p00;f0", "A congress <with> \"quotes\"", "alpha#p. 1"])


# --- Running blocs -----------------------------------------------------------------------------------------


def blocs(binary, args):
    r = subprocess.run([binary] + args, capture_output=True)
    return r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")


def export(binary, folder, fmt, out, extra=()):
    code, _, err = blocs(binary, ["export", folder, "--format", fmt, "--out", out, *extra])
    check(f"blocs export --format {fmt} exits 0", code == 0, err)
    with open(out, "rb") as f:
        return f.read()


# --- The checks --------------------------------------------------------------------------------------------


def edges_by_id(G):
    out = {}
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            out[d.get("id", k)] = (u, v, d)
    else:
        for u, v, d in G.edges(data=True):
            out[d.get("id")] = (u, v, d)
    return out


def compare_nodes(where, G, data, hull, label_key, spells_of):
    actors = data["actors"]
    check(f"{where}: node set", set(G.nodes) == {a["id"] for a in actors},
          f"{len(G.nodes)} nodes vs {len(actors)} actors")
    for a in actors:
        if a["id"] not in G.nodes:
            continue
        d = G.nodes[a["id"]]
        expect = {label_key: a["name"], "kind": a["kind"], "note": a.get("note", "")}
        got = {k: d.get(k) for k in expect}
        check(f"{where}: node {a['id']} attributes", got == expect, f"{got} != {expect}")
        start, end = d.get("lifetime_start"), d.get("lifetime_end")
        check(f"{where}: node {a['id']} stated lifetime",
              (start or "", end or "") == (a.get("start", ""), a.get("end", "")), f"{(start, end)}")
        want = [hull[a["id"]]] if a["id"] in hull else []
        check(f"{where}: node {a['id']} spells", spells_of(d) == want, f"{spells_of(d)} != {want}")


def compare_edges(where, G, data, list_valued, spells_of):
    ties = data["ties"]
    edges = edges_by_id(G)
    check(f"{where}: edge count", G.number_of_edges() == len(ties), f"{G.number_of_edges()} edges vs {len(ties)} ties")
    for i, t in enumerate(ties):
        e = edges.get(f"t{i}")
        if e is None:
            check(f"{where}: edge t{i} present", False)
            continue
        u, v, d = e
        sign = SIGN[t["relation"]]
        check(f"{where}: t{i} endpoints", {u, v} == {t["source"], t["target"]}, f"{(u, v)}")
        got = {"relation": d.get("relation"), "sign": d.get("sign"), "weight": d.get("weight"),
               "signed_weight": d.get("signed_weight"), "confidence": d.get("confidence"),
               "tie_start": d.get("tie_start"), "tie_end": d.get("tie_end") or "", "note": d.get("note")}
        want = {"relation": t["relation"], "sign": sign, "weight": t["weight"], "signed_weight": sign * t["weight"],
                "confidence": t["confidence"], "tie_start": t["start"], "tie_end": t["end"], "note": t["note"]}
        check(f"{where}: t{i} attributes", got == want, f"{got} != {want}")
        scen, srcs = d.get("scenario"), d.get("sources")
        if not list_valued:
            scen = [s for s in (scen or "").split(";") if s]
            srcs = [s for s in (srcs or "").split(";") if s]
        check(f"{where}: t{i} scenario and sources", (scen, srcs) == (t["scenario"], t["sources"]),
              f"{(scen, srcs)} != {(t['scenario'], t['sources'])}")
        want_spell = [tie_days(t, data["span"][1])]
        check(f"{where}: t{i} spell", spells_of(d) == want_spell, f"{spells_of(d)} != {want_spell}")


def check_gexf(name, path, data, hull):
    G = nx.read_gexf(path)
    check(f"{name} gexf: dynamic graph", G.graph.get("mode") == "dynamic", str(G.graph))
    spells = lambda d: [tuple(s) for s in d.get("spells", [])]  # noqa: E731
    compare_nodes(f"{name} gexf", G, data, hull, "label", spells)
    compare_edges(f"{name} gexf", G, data, False, spells)


def check_json(name, path, data, hull):
    with open(path, encoding="utf-8") as f:
        G = nx.node_link_graph(json.load(f))
    check(f"{name} json: undirected multigraph", G.is_multigraph() and not G.is_directed())
    spells = lambda d: [tuple(s) for s in d.get("spells", [])]  # noqa: E731
    compare_nodes(f"{name} json", G, data, hull, "name", spells)
    compare_edges(f"{name} json", G, data, True, spells)
    info, g = data["info"], G.graph
    want = {"name": info["name"], "title": info["title"], "span_start": info["span"]["start"],
            "span_end": info["span"]["end"], "default_scenario": info.get("default_scenario"),
            "sources": [s["id"] for s in info["sources"]], "scenarios": [s["id"] for s in info.get("scenarios", [])],
            "events": data["events"]}
    got = {"name": g.get("name"), "title": g.get("title"), "span_start": g.get("span_start"), "span_end": g.get("span_end"),
           "default_scenario": g.get("default_scenario"), "sources": [s["id"] for s in g.get("sources", [])],
           "scenarios": [s["id"] for s in g.get("scenarios", [])], "events": len(g.get("events", []))}
    check(f"{name} json: graph data", got == want, f"{got} != {want}")
    # Keys: NetworkX uses them as multigraph keys, so t<i> must be the key of tie i.
    keys = {k for _, _, k in G.edges(keys=True)}
    check(f"{name} json: edge keys", keys == {f"t{i}" for i in range(len(data['ties']))})


def check_graphml(name, path, data, hull):
    G = nx.read_graphml(path)
    first_last = lambda d: [(d["first_day"], d["last_day"])] if "first_day" in d else []  # noqa: E731
    compare_nodes(f"{name} graphml", G, data, hull, "name", first_last)
    compare_edges(f"{name} graphml", G, data, False, first_last)


def check_edge_lists(name, binary, folder, data, out_dir):
    actors, ties, span = snap.load(folder)
    for level in ("persons", "factions", "all"):
        path = os.path.join(out_dir, f"edges-{level}.csv")
        export(binary, folder, "csv", path, ["--level", level])
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            check(f"{name} csv {level}: header", reader.fieldnames == ["period", "source", "target", "sign", "weight"],
                  str(reader.fieldnames))
            rows = list(reader)
        got = {}
        for r in rows:
            got.setdefault(r["period"], {})[(r["source"], r["target"])] = int(r["sign"]) * float(r["weight"])
        for period, _, edges in snap.yearly_snapshots(actors, ties, span, level=level):
            mine = got.get(period, {})
            same = mine.keys() == edges.keys() and all(abs(mine[k] - w) <= 1e-9 * max(1, abs(w)) for k, w in edges.items())
            check(f"{name} csv {level} {period}: edges match the Python rebuild", same,
                  f"{len(mine)} vs {len(edges)} edges; differing: "
                  f"{sorted(set(mine.items()) ^ set(edges.items()))[:4]}")
        check(f"{name} csv {level}: rows sorted source < target", all(r["source"] < r["target"] for r in rows))


def check_import(name, binary, gexf_path, data, out_dir):
    target = os.path.join(out_dir, "imported")
    code, _, err = blocs(binary, ["import", gexf_path, "--out", target])
    check(f"{name} import: exits 0", code == 0, err)
    if code != 0:
        return
    code, out, err = blocs(binary, ["validate", target])
    check(f"{name} import: the folder validates", code == 0, err + out.decode())
    back = read_dataset(target)
    key = lambda a: (a["id"], a["name"], a["kind"], a.get("start", ""), a.get("end", ""), a.get("note", ""))  # noqa: E731
    check(f"{name} import: actors", sorted(map(key, back["actors"])) == sorted(map(key, data["actors"])))
    check(f"{name} import: ties", back["ties"] == data["ties"],
          next((f"t{i}: {x} != {y}" for i, (x, y) in enumerate(zip(back["ties"], data["ties"])) if x != y), "count"))
    check(f"{name} import: span", back["span"] == data["span"])
    check(f"{name} import: title", back["info"]["title"] == data["info"]["title"])


def check_networkx_written(binary, work):
    """A GEXF that NetworkX writes (1.2draft and 1.3; integer-year start/end attributes, a kind attribute on nodes,
    a relation attribute on one edge, signed weights on the others) imports as the graph says."""
    for version in ("1.2draft", "1.3"):
        G = nx.Graph()
        G.add_node("ann", label='Ann "<&>"', kind="person", start=1920, end=1930)
        G.add_node("bob", label="Bob", kind="person", start=1921)
        G.add_node("reds", label="The Reds", kind="faction")
        G.add_node("carl id", label="Carl", kind="person")
        G.add_edge("ann", "reds", relation="member", weight=1.0, start=1922, end=1925)
        G.add_edge("ann", "bob", weight=-2.0, start=1923, end=1924)
        G.add_edge("bob", "reds", weight=1.5, start=1921)
        G.add_edge("carl id", "bob", weight=-1.0, start=1926, end=1926)
        folder = os.path.join(work, f"networkx-{version}")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "written.gexf")
        nx.write_gexf(G, path, version=version)
        out = os.path.join(folder, "dataset")
        code, _, err = blocs(binary, ["import", path, "--out", out])
        check(f"networkx-written GEXF {version}: imports", code == 0, err)
        if code != 0:
            continue
        check(f"networkx-written GEXF {version}: validates", blocs(binary, ["validate", out])[0] == 0)
        back = read_dataset(out)
        actors = {a["id"]: (a["name"], a["kind"], a.get("start", ""), a.get("end", "")) for a in back["actors"]}
        want = {"ann": ('Ann "<&>"', "person", "1920", "1930"), "bob": ("Bob", "person", "1921", ""),
                "reds": ("The Reds", "faction", "", ""), "carl-id": ("Carl", "person", "", "")}
        check(f"networkx-written GEXF {version}: actors", actors == want, f"{actors}")
        ties = sorted((tuple(sorted((t["source"], t["target"]))), t["relation"], t["weight"], t["start"], t["end"])
                      for t in back["ties"])
        want = sorted([(("ann", "reds"), "member", 1.0, "1922", "1925"), (("ann", "bob"), "rivalry", 2.0, "1923", "1924"),
                       (("bob", "reds"), "alliance", 1.5, "1921", ""), (("bob", "carl-id"), "rivalry", 1.0, "1926", "1926")])
        check(f"networkx-written GEXF {version}: ties", ties == want, f"{ties}")
        check(f"networkx-written GEXF {version}: span", back["span"] == (snap.first_day("1920"), snap.last_day("1930")),
              f"{back['span']}")


def run(name, binary, folder, work):
    data = read_dataset(folder)
    hull = lifetime_hull(folder, data)
    os.makedirs(work, exist_ok=True)
    outputs = {}
    for fmt in ("gexf", "json", "graphml"):
        path = os.path.join(work, f"{name}.{fmt}")
        outputs[fmt] = export(binary, folder, fmt, path)
        again = export(binary, folder, fmt, path + ".again")
        check(f"{name} {fmt}: byte-identical on a second run", outputs[fmt] == again)
    check_gexf(name, os.path.join(work, f"{name}.gexf"), data, hull)
    check_json(name, os.path.join(work, f"{name}.json"), data, hull)
    check_graphml(name, os.path.join(work, f"{name}.graphml"), data, hull)
    check_edge_lists(name, binary, folder, data, work)
    check_import(name, binary, os.path.join(work, f"{name}.gexf"), data, work)
    print(f"{name}: {len(data['actors'])} actors, {len(data['ties'])} ties checked", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("blocs")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", help="keep the exports in this folder")
    args = ap.parse_args()
    print(f"networkx {nx.__version__}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or tmp
        run("soviet-oppositions", args.blocs, os.path.join(ROOT, "Datasets", "soviet-oppositions"),
            os.path.join(work, "soviet-oppositions"))
        folder = os.path.join(work, f"random-{args.seed}", "dataset")
        os.makedirs(folder, exist_ok=True)
        write_random_dataset(folder, args.seed)
        code, out, err = blocs(args.blocs, ["validate", folder])
        check("the random dataset validates", code == 0, err + out.decode())
        run(f"random-{args.seed}", args.blocs, folder, os.path.join(work, f"random-{args.seed}"))
        check_networkx_written(args.blocs, work)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
