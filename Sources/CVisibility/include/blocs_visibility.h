// The visibility graph of Graphviz's spline router (libpathplan), computed with the same predicates as the
// library but testing each pair of corners only against the barrier edges near the segment between them.
#ifndef BLOCS_VISIBILITY_H
#define BLOCS_VISIBILITY_H

#include <graphviz/pathgeom.h>

#ifdef __cplusplus
extern "C" {
#endif

/* libpathplan's private configuration (lib/pathplan/vis.h; unchanged from Graphviz 2.26 to 12). */
typedef struct blocs_vconfig {
    int Npoly;
    int N;              /* number of points in walk of barriers */
    Ppoint_t *P;        /* barrier points */
    int *start;
    int *next;
    int *prev;
    double **vis;       /* computed: N x N distances (0: the corners do not see each other), plus 2 spare rows */
} blocs_vconfig;

/* Fills conf->vis exactly as libpathplan's visibility() does (same allocation, same values), in
 * O(V^2 * k) instead of O(V^3), where k is the number of barrier edges near a segment. */
void blocs_visibility(blocs_vconfig *conf);

/* libpathplan's ptVis(conf, pp, p) (a point's visibility vector, polygon pp ignored; BLOCS_POLYID_UNKNOWN: the
 * polygon holding p, if any), with the same values; a malloc'ed array of N + 2. */
double *blocs_ptVis(blocs_vconfig *conf, int pp, Ppoint_t p);

/* libpathplan's polygon ids (lib/pathplan/vispath.h). */
#define BLOCS_POLYID_NONE (-1111)
#define BLOCS_POLYID_UNKNOWN (-2222)

/* libpathplan's own visibility() and ptVis(), for comparison in tests (looked up past this program's own
 * definitions, if it exports any). */
void blocs_library_visibility(blocs_vconfig *conf);
double *blocs_library_ptVis(blocs_vconfig *conf, int pp, Ppoint_t p);

/* 1 when this process's visibility() and ptVis() are the ones above (libpathplan's calls reach them): the program
 * exports them, as a program does with a symbol that a shared library it links also defines. */
int blocs_visibility_interposed(void);

#ifdef __cplusplus
}
#endif
#endif
