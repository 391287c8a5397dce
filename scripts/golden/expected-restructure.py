#!/usr/bin/env python3
"""The deliberate output changes of the restructure (issue 10), applied to a baseline made from b3baa54:
   expected-restructure.py BASE OUT, then `scripts/golden-diff compare OUT NEW` after mask-restructure.py NEW.
   Fingerprints (job.json, run.json) are masked on both sides; the refused-input messages are checked by the CLI tests."""
import os, re, shutil, sys
base, out = sys.argv[1], sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(base, out)
skip = {"bad-format.err", "bad-method.err", "bad-metrics.err", "bad-period.err", "bad-point.err", "bad-rank-by.err",
        "bad-rule.err", "bad-size-by.err", "bad-window.err"}
def fix(t):
    # One description: the parameter names everywhere; min_size in analyze's settings too.
    t = re.sub(r'("seed": "\d+"), "match threshold"', r'\1, "min_size": "2", "threshold"', t)
    t = t.replace('"grace periods"', '"grace"').replace('"ranked by"', '"rank_by"')
    t = t.replace('"min-size"', '"min_size"').replace('  min-size: ', '  min_size: ')
    t = t.replace('<dt>match threshold</dt>', '<dt>min_size</dt><dd>2</dd></div>\n<div><dt>threshold</dt>')
    t = t.replace('<dt>grace periods</dt>', '<dt>grace</dt>').replace('<dt>ranked by</dt>', '<dt>rank_by</dt>')
    t = t.replace('"formats": ""', '"formats": "none"')
    t = re.sub(r'"fingerprint": "[0-9a-f]{64}"', '"fingerprint": "F"', t)
    return t
JS = [("periods[i].label === label", "periods[i].period === label"),
      ("$('period-label').textContent = p.label;", "$('period-label').textContent = p.period;"),
      ("('Diagram of ' + p.label)", "('Diagram of ' + p.period)"),
      ("document.title = p.label + ", "document.title = p.period + "),
      ("encodeURIComponent(p.label)", "encodeURIComponent(p.period)"),
      ("if (p.positive !== null) fact(facts, 'Alliances (+)', num(p.positive));",
       "if (p.pos_edges !== null) fact(facts, 'Alliances (+)', num(p.pos_edges));"),
      ("if (p.negative !== null) fact(facts, 'Rivalries (−)', num(p.negative));",
       "if (p.neg_edges !== null) fact(facts, 'Rivalries (−)', num(p.neg_edges));"),
      ("pct(p.counts.largestShare)", "pct(p.counts.largest_share)"), ("num(p.counts.effective)", "num(p.counts.effective_number)")]

def report(t):
    """The report page's data block under the tables' names, its script reading them, and the script's CSP hash."""
    import base64, hashlib
    def h(x): return "sha256-" + base64.b64encode(hashlib.sha256(x.encode()).digest()).decode()
    data_open = '<script type="application/json" id="report-data">'
    a = t.index(data_open) + len(data_open); b = t.index("</script>", a)
    data = t[a:b].replace('\n{"label":', '\n{"period":').replace('"positive":', '"pos_edges":').replace('"negative":', '"neg_edges":')
    data = data.replace('"largestShare":', '"largest_share":').replace('"effective":', '"effective_number":')
    t = t[:a] + data + t[b:]
    c = t.index("<script>", b) + len("<script>"); d = t.index("</script>", c)
    old = t[c:d]; new = old
    for x, y in JS:
        assert x in new, x
        new = new.replace(x, y)
    return (t[:c] + new + t[d:]).replace(h(old), h(new))

for root, _, files in os.walk(out):
    for f in files:
        p = os.path.join(root, f)
        if f in skip:
            os.remove(p); continue
        try:
            t = open(p, encoding="utf-8").read()
        except UnicodeDecodeError:
            continue
        n = fix(t)
        if f == "index.html": n = report(n)
        if n != t: open(p, "w", encoding="utf-8").write(n)
