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
        if n != t: open(p, "w", encoding="utf-8").write(n)
