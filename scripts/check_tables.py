"""Checks the tidy result tables of `blocs analyze` (run by scripts/test-tables).

Loads OUT/tables/datapackage.json with the Frictionless framework (validates every CSV against its Table Schema:
types, missing values, primary keys) and with pandas (each CSV read with the dtypes the schema declares), then
checks what makes the tables tidy and consistent with one another, independently of Blocs' own code:
- every CSV's JSON twin has the same column names and the same values, typed (numbers and booleans, not strings),
  and settings keys without spaces;
- memberships: one row per (period, actor); each coalition's size in coalitions.csv is its number of membership
  rows; periods.csv's actors, coalitions and unaligned counts are the membership and coalition row counts;
- changes: explicit from/to/actor columns whose coalitions exist in that period or the one before;
- lineage: rows in period order.
Ends with a line "N passed, N failed".

usage: check_tables.py OUT
"""

import json
import os
import sys

import pandas as pd
from frictionless import Package, validate

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""), flush=True)


DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean"}


def load(folder, resource):
    fields = resource["schema"]["fields"]
    dtypes = {f["name"]: DTYPES[f["type"]] for f in fields if f["type"] in DTYPES and f["type"] != "boolean"}
    dates = [f["name"] for f in fields if f["type"] == "date"]
    frame = pd.read_csv(os.path.join(folder, resource["path"]), dtype=dtypes, keep_default_na=False,
                        na_values=[""], parse_dates=dates,
                        float_precision="round_trip")
    for f in fields:
        if f["type"] == "boolean":
            frame[f["name"]] = frame[f["name"]].map({"true": True, "false": False, True: True, False: False}).astype("boolean")
    return frame


def main():
    out = sys.argv[1]
    tables = os.path.join(out, "tables")
    descriptor = os.path.join(tables, "datapackage.json")
    report = validate(descriptor)
    errors = [] if report.valid else [e.message for task in report.tasks for e in task.errors][:10]
    check("frictionless validates the package (types, missing values, primary keys)", report.valid, "\n  ".join(errors))
    package = Package(descriptor)
    names = [r.name for r in package.resources]
    check("package lists the tidy tables", {"periods", "memberships", "coalitions", "changes", "lineage", "snapshots", "metrics", "balance"} <= set(names), repr(names))
    for r in package.resources:
        rows = r.read_rows()
        check(f"frictionless reads {r.name} typed", len(rows) > 0 or r.name == "lineage", f"{len(rows)} rows")

    with open(descriptor, encoding="utf-8") as f:
        meta = json.load(f)
    frames = {r["name"]: load(tables, r) for r in meta["resources"]}
    schema = {r["name"]: r["schema"]["fields"] for r in meta["resources"]}

    # CSV and JSON: same names, same values, JSON typed.
    for name, frame in frames.items():
        path = os.path.join(tables, name + ".json")
        if not os.path.exists(path) or name == "coalitions":
            continue
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        check(f"{name}.json settings keys have no spaces", all(" " not in k for k in doc["settings"]), repr(list(doc["settings"])))
        rows = doc["rows"]
        check(f"{name}.json has the CSV's rows", len(rows) == len(frame), f"{len(rows)} vs {len(frame)}")
        check(f"{name}.json has the CSV's column names", all(list(r) == list(frame.columns) for r in rows), repr(list(frame.columns)))
        bad = [] if len(rows) == len(frame) else [("row count", len(rows), len(frame))]
        for field in schema[name] if not bad else []:
            col, kind = field["name"], field["type"]
            for k, r in enumerate(rows):
                v, c = r[col], frame[col].iloc[k]
                if v is None:
                    if not pd.isna(c):
                        bad.append((k, col, v, c))
                elif kind == "integer":
                    if not (isinstance(v, int) and not isinstance(v, bool) and v == c):
                        bad.append((k, col, v, c))
                elif kind == "number":
                    if not (isinstance(v, (int, float)) and not isinstance(v, bool) and float(v) == c):
                        bad.append((k, col, v, c))
                elif kind == "boolean":
                    if not (isinstance(v, bool) and v == bool(c)):
                        bad.append((k, col, v, c))
                elif kind == "date":
                    if not (isinstance(v, str) and pd.Timestamp(v) == c):
                        bad.append((k, col, v, c))
                elif not (isinstance(v, str) and v == c and ";" not in col):
                    bad.append((k, col, v, c))
        check(f"{name}.json values equal the CSV's, typed", bad == [], repr(bad[:5]))
    with open(os.path.join(tables, "coalitions.json"), encoding="utf-8") as f:
        nested = json.load(f)
    check("coalitions.json settings keys have no spaces", all(" " not in k for k in nested["settings"]))
    flat = frames["coalitions"]
    got = [(p["period"], c["id"], c["size"], c["pos_inside"], c["neg_across"], [m["id"] for m in c["members"]])
           for p in nested["periods"] for c in p["coalition_list"]]
    members = frames["memberships"]
    want = [(r.period, r.id, r.size, r.pos_inside, r.neg_across,
             sorted(members[(members.period == r.period) & (members.coalition == r.id)].actor.tolist()))
            for r in flat.itertuples()]
    check("coalitions.json names and values agree with coalitions.csv and memberships.csv",
          [(a, b, c, d, e, sorted(f)) for a, b, c, d, e, f in got] == want)

    # Memberships against coalitions and periods.
    check("memberships: one row per period and actor", not members.duplicated(["period", "actor"]).any())
    sizes = members.dropna(subset=["coalition"]).groupby(["period", "coalition"]).size()
    flat_sizes = flat.set_index(["period", "id"])["size"]
    check("coalition sizes are their membership rows", sizes.sort_index().tolist() == flat_sizes.sort_index().astype(int).tolist()
          and list(sizes.sort_index().index) == list(flat_sizes.sort_index().index))
    labels = members.dropna(subset=["coalition"]).merge(flat, left_on=["period", "coalition"], right_on=["period", "id"])
    check("membership coalition labels are the coalitions'", (labels.coalition_label == labels.label).all())
    periods = frames["periods"].set_index("period")
    order = list(periods.index)
    check("periods: actors = membership rows", all(periods.loc[p, "actors"] == (members.period == p).sum() for p in order))
    check("periods: coalitions = coalition rows", all(periods.loc[p, "coalitions"] == (flat.period == p).sum() for p in order))
    check("periods: unaligned = memberships without coalition",
          all(periods.loc[p, "unaligned"] == ((members.period == p) & members.coalition.isna()).sum() for p in order))
    check("periods: same rows as snapshots", order == frames["snapshots"].period.tolist())

    # Changes: explicit columns, coalitions that exist.
    changes = frames["changes"]
    check("changes: explicit from/to/actor columns", ["from", "to", "actor"] == [c for c in changes.columns if c in ("from", "to", "actor")])
    known = set(zip(flat.period, flat.id))
    index = {p: k for k, p in enumerate(order)}
    missing = []
    for period, src, dst in zip(changes["period"], changes["from"], changes["to"]):
        for c in (src, dst):
            if pd.isna(c):
                continue
            k = index[period]
            if not any((order[j], c) in known for j in range(max(0, k - 3), k + 1)):
                missing.append((period, c))
    check("changes: every from/to coalition exists then or shortly before", missing == [], repr(missing[:5]))
    check("changes: actor rows only for joins, leaves and switches",
          changes[changes.actor.notna()].event.isin(["join", "leave", "defection", "realignment"]).all())
    check("changes: no ';' packed fields", not any(changes[c].astype("string").str.contains(";").fillna(False).any() for c in ("from", "to", "actor")))

    # Lineage: in period order, missing cells empty.
    lineage = frames["lineage"]
    keys = [index.get(p, len(order)) for p in lineage.period]
    check("lineage rows in period order", keys == sorted(keys), repr(lineage.period.tolist()))
    check("lineage: no placeholder dashes", not (lineage.recorded == "—").any())

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
