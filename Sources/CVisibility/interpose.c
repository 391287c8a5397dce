// Graphviz's spline router (neato/nop edges with splines=true) spends nearly all its time in libpathplan's
// visibility graph: visibility() tests every pair of obstacle corners against every obstacle edge, O(V^3), and
// ptVis() does the same per edge end, O(V^2). On the Soviet run's period pages (about 460 corners each) that was
// 82% of `blocs analyze`'s CPU time (perf: libpathplan's wind()).
//
// These two definitions replace the library's for this program: libpathplan calls both through its PLT (checked
// with objdump on 2.42.2), and a program that defines a symbol also defined by a shared library it links
// exports it, so the library's Pobsopen and Pobspath find these first. They compute the same values with the
// library's own predicates (see visibility.c), so every route, and every byte drawn, is what Graphviz alone
// draws; only faster (a period page: 0.39 s -> 0.05 s of CPU in `neato -n2`).
//
// A Graphviz whose vconfig_t or call structure differs would need this file checked again: the layout is
// lib/pathplan/vis.h (unchanged since 2.26); tests compare both implementations on random obstacle sets.
#define _GNU_SOURCE
#include "blocs_visibility.h"

#include <dlfcn.h>

void visibility(blocs_vconfig *conf) { blocs_visibility(conf); }

double *ptVis(blocs_vconfig *conf, int pp, Ppoint_t p) { return blocs_ptVis(conf, pp, p); }

int blocs_visibility_interposed(void) {
    return dlsym(RTLD_DEFAULT, "visibility") == (void *)&visibility && dlsym(RTLD_DEFAULT, "ptVis") == (void *)&ptVis;
}
