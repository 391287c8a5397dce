"""Fixture values of Tests/UncertaintyTests: exact binomial 99% intervals of the share of successes in n draws.

The tests assert that a Monte Carlo share lies in [ppf(0.005), ppf(0.995)] / n of Binomial(n, p): a correct
sampler fails such a check 1% of the time at most, for a given seed it passes or fails deterministically.
Run: python3 scripts/uncertainty_fixtures.py
"""
from scipy.stats import binom

for n, p in [(2000, 0.3), (2000, 0.75), (2000, 0.5)]:
    lo, hi = binom.ppf(0.005, n, p), binom.ppf(0.995, n, p)
    print(f"n={n} p={p}: [{lo / n}, {hi / n}]  (counts {int(lo)}..{int(hi)})")
