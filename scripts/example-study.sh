#!/usr/bin/env bash
# A typical scripted study with Blocs: does the story of the 1932 bloc depend on how historians read the sources?
#
#   1. analyze the dataset under every reading (one batch plan, both cores);
#   2. compare the number of coalitions per year across readings from the combined table;
#   3. list the defections each reading finds.
set -euo pipefail
cd "$(dirname "$0")/.."
blocs=${BLOCS:-$(swift build -c release --show-bin-path)/blocs}
[ -x "$blocs" ] || swift build -c release --product blocs

"$blocs" batch scripts/plans/soviet-readings.yaml
out=Output/batch/soviet-readings/combined

echo
echo "Coalitions per year under each reading (from $out/coalitions.csv):"
python3 - "$out/coalitions.csv" <<'PY'
import csv, sys, collections
counts = collections.defaultdict(dict)
for row in csv.DictReader(open(sys.argv[1])):
    counts[row["scenario"]][row["period"]] = row["coalitions"]
years = sorted({y for c in counts.values() for y in c})
print("reading".ljust(16) + " ".join(y[-2:].rjust(3) for y in years))
for reading, c in sorted(counts.items()):
    print(reading.ljust(16) + " ".join(c.get(y, "-").rjust(3) for y in years))
PY

echo
echo "Defections found under each reading (from $out/changes.csv):"
awk -F, 'NR > 1 && $4 == "defection" { print "  " $2 ": " $3 "  " $6 }' "$out/changes.csv"
