#!/usr/bin/env python3
"""Reference values for the colour tests (Tests/DiagramsTests/PageTests.swift), from colour-science
(pip install colour-science): CIEDE2000 on the test pairs of Sharma, Wu and Dalal (2005), CIELAB of a palette
colour, and the palette's smallest pairwise CIEDE2000 with normal vision and simulated deuteranomaly/protanomaly
(Machado 2009, severity 1)."""
import itertools, warnings
warnings.filterwarnings("ignore")
import numpy as np
import colour

PAIRS = [((50.0, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425), ((50, 0, 0), (50, -1, 2), 2.3669),
         ((50, 2.49, -0.001), (50, -2.49, 0.0009), 7.1792), ((50, 2.5, 0), (73, 25, -18), 27.1492),
         ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082)]
PALETTE = ["#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00"]

def rgb(h): return np.array([int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)])
def lab(h): return colour.XYZ_to_Lab(colour.sRGB_to_XYZ(rgb(h)))
def lab_cvd(h, kind):
    lin = colour.cctf_decoding(rgb(h))
    out = np.clip(colour.matrix_cvd_Machado2009(kind, 1.0) @ lin, 0, 1)
    return colour.XYZ_to_Lab(colour.RGB_to_XYZ(out, colour.RGB_COLOURSPACES["sRGB"], apply_cctf_decoding=False))
def de(a, b): return float(colour.delta_E(a, b, method="CIE 2000"))

for a, b, published in PAIRS:
    print(f"Sharma pair {a} {b}: colour-science {de(np.array(a), np.array(b)):.4f}, published {published}")
print("Lab #77AADD:", np.round(lab("#77AADD"), 4))
for name, f in [("normal", lab), ("deuteranomaly", lambda h: lab_cvd(h, "Deuteranomaly")),
                ("protanomaly", lambda h: lab_cvd(h, "Protanomaly"))]:
    d, a, b = min((de(f(a), f(b)), a, b) for a, b in itertools.combinations(PALETTE, 2))
    print(f"palette, {name}: smallest CIEDE2000 {d:.2f} ({a} vs {b})")
