// See include/blocs_visibility.h. The predicates are libpathplan's (lib/pathplan/visibility.c: wind, inBetween,
// intersect, in_cone, dist), the same double operations in the same order, with contraction into fused
// multiply-adds forbidden, so every floating-point decision is the library's; only the choice of which barrier
// edges to test is new, and it keeps every edge that the library's test could find blocking (the proof is beside
// `clear_fast`). Tests compare the results with the library's own functions, bit for bit.
#define _GNU_SOURCE
#include "blocs_visibility.h"

#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

/* Exported by libpathplan (Graphviz's pathplan library). */
extern int in_poly(Ppoly_t poly, Ppoint_t q);

/* 1, 0, -1: a, b, c counterclockwise, collinear (within 1e-4 of twice the triangle's area), clockwise. */
static inline int wind(Ppoint_t a, Ppoint_t b, Ppoint_t c) {
    double w = ((a.y - b.y) * (c.x - b.x) - (c.y - b.y) * (a.x - b.x));
    return (w > .0001) ? 1 : ((w < -.0001) ? -1 : 0);
}

/* Is c in the open segment (a, b), given a, b, c collinear? */
static inline int in_between(Ppoint_t a, Ppoint_t b, Ppoint_t c) {
    if (a.x != b.x) return ((a.x < c.x) && (c.x < b.x)) || ((b.x < c.x) && (c.x < a.x));
    return ((a.y < c.y) && (c.y < b.y)) || ((b.y < c.y) && (c.y < a.y));
}

/* Does segment [c, d] block a from b: c or d on (a, b), or the segments crossing as open sets? */
static inline int intersect(Ppoint_t a, Ppoint_t b, Ppoint_t c, Ppoint_t d) {
    int a_abc = wind(a, b, c);
    if (a_abc == 0 && in_between(a, b, c)) return 1;
    int a_abd = wind(a, b, d);
    if (a_abd == 0 && in_between(a, b, d)) return 1;
    int a_cda = wind(c, d, a);
    int a_cdb = wind(c, d, b);
    return ((a_abc * a_abd) < 0) && ((a_cda * a_cdb) < 0);
}

/* Is b in the closed cone a0, a1, a2? */
static int in_cone(Ppoint_t a0, Ppoint_t a1, Ppoint_t a2, Ppoint_t b) {
    int m = wind(b, a0, a1);
    int p = wind(b, a1, a2);
    if (wind(a0, a1, a2) > 0) return (m >= 0 && p >= 0);
    return (m >= 0 || p >= 0);
}

static double dist(Ppoint_t a, Ppoint_t b) {
    double dx = a.x - b.x, dy = a.y - b.y;
    return sqrt(dx * dx + dy * dy);
}

/* A uniform grid of buckets holding the barrier edges (edge k runs from P[k] to P[next[k]]). */
typedef struct {
    double x0, y0, cell;
    int cols, rows;
    int *first;    /* cols*rows + 1 offsets into items */
    int *items;
    int *stamp;    /* per edge: the last query that tested it */
    int query;
} grid_t;

static int clampi(long v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : (int)v); }

static int grid_col(const grid_t *g, double x) { return clampi((long)floor((x - g->x0) / g->cell), 0, g->cols - 1); }
static int grid_row(const grid_t *g, double y) { return clampi((long)floor((y - g->y0) / g->cell), 0, g->rows - 1); }

static int grid_build(grid_t *g, const blocs_vconfig *conf) {
    int V = conf->N;
    const Ppoint_t *P = conf->P;
    double minx = P[0].x, maxx = P[0].x, miny = P[0].y, maxy = P[0].y;
    for (int k = 1; k < V; k++) {
        if (P[k].x < minx) minx = P[k].x;
        if (P[k].x > maxx) maxx = P[k].x;
        if (P[k].y < miny) miny = P[k].y;
        if (P[k].y > maxy) maxy = P[k].y;
    }
    /* The margins below assume wind's rounding error is far below its 1e-4 tolerance: coordinates up to 1e5
     * (rounding about 1e-5 at most). Beyond that, the library's exhaustive test. */
    if (fmax(fmax(fabs(minx), fabs(maxx)), fmax(fabs(miny), fabs(maxy))) > 1e5 || !isfinite(minx + maxx + miny + maxy)) return 0;
    double w = maxx - minx, h = maxy - miny;
    /* About one edge per cell on average, at most 512 cells a side. */
    double area = (w > 1 ? w : 1) * (h > 1 ? h : 1);
    double cell = sqrt(area / (V > 0 ? V : 1));
    if (!(cell > 0) || !isfinite(cell)) cell = 1;
    int cols = (int)(w / cell) + 1, rows = (int)(h / cell) + 1;
    if (cols > 512) cols = 512;
    if (rows > 512) rows = 512;
    if (w / cols > cell) cell = w / cols;
    if (h / rows > cell) cell = h / rows;
    cell *= 1.0 + 1e-9;
    g->x0 = minx; g->y0 = miny; g->cell = cell; g->cols = cols; g->rows = rows; g->query = 0;
    int ncells = cols * rows;
    int *count = calloc((size_t)ncells + 1, sizeof(int));
    g->first = calloc((size_t)ncells + 1, sizeof(int));
    g->stamp = calloc((size_t)(V > 0 ? V : 1), sizeof(int));
    if (!count || !g->first || !g->stamp) { free(count); return 0; }
    for (int pass = 0; pass < 2; pass++) {
        for (int k = 0; k < V; k++) {
            Ppoint_t c = P[k], d = P[conf->next[k]];
            int c0 = grid_col(g, fmin(c.x, d.x) - 1e-6), c1 = grid_col(g, fmax(c.x, d.x) + 1e-6);
            int r0 = grid_row(g, fmin(c.y, d.y) - 1e-6), r1 = grid_row(g, fmax(c.y, d.y) + 1e-6);
            for (int r = r0; r <= r1; r++)
                for (int cc = c0; cc <= c1; cc++) {
                    int cell_i = r * cols + cc;
                    if (pass == 0) count[cell_i]++;
                    else g->items[g->first[cell_i] + --count[cell_i]] = k;
                }
        }
        if (pass == 0) {
            for (int i = 0; i < ncells; i++) g->first[i + 1] = g->first[i] + count[i];
            g->items = malloc((size_t)(g->first[ncells] > 0 ? g->first[ncells] : 1) * sizeof(int));
            if (!g->items) { free(count); return 0; }
        }
    }
    free(count);
    return 1;
}

static void grid_free(grid_t *g) {
    free(g->first);
    free(g->items);
    free(g->stamp);
}

/* Tests the edges of one cell; 0 when one of them blocks a from b. */
static int cell_clear(grid_t *g, const blocs_vconfig *conf, int col, int row, Ppoint_t a, Ppoint_t b, int skip0, int skip1) {
    int cell_i = row * g->cols + col;
    for (int t = g->first[cell_i]; t < g->first[cell_i + 1]; t++) {
        int k = g->items[t];
        if (g->stamp[k] == g->query || (k >= skip0 && k < skip1)) continue;
        g->stamp[k] = g->query;
        if (intersect(a, b, conf->P[k], conf->P[conf->next[k]])) return 0;
    }
    return 1;
}

/* libpathplan's clear(a, b, skip0, skip1, ...): no barrier edge (c, d) with intersect(a, b, c, d), edges
 * skip0 ..< skip1 (one polygon's) ignored.
 *
 * Which edges can intersect() find blocking (w = wind's cross product, |w| <= 1e-4 counts as collinear)?
 *  - a proper crossing (strict signs on both segments): |w| > 1e-4 is far above rounding error for the
 *    coordinates of a drawing, so the segments cross in exact arithmetic and the edge meets segment ab itself;
 *  - c (or d) "on (a, b)": |w(a, b, c)| <= 1e-4, so c lies within 1e-4 / |ab| of the line through a and b,
 *    and (a.x != b.x) c.x strictly between a.x and b.x, or (a.x == b.x) c.y strictly between a.y and b.y.
 * So every blocking edge has a point within distance H = 1e-4 / |ab| (taken with margin) of the line, inside
 * the segment's x range (y range when vertical). The walk below visits every cell such a point can lie in:
 * along the segment's longer axis, per column (row) of cells, the line's span over that column widened by
 * H / cos(angle) <= H * sqrt(2). Edges are deduplicated with a stamp; each candidate gets the library's test. */
static int clear_fast(grid_t *g, const blocs_vconfig *conf, Ppoint_t a, Ppoint_t b, int skip0, int skip1) {
    double dx = b.x - a.x, dy = b.y - a.y;
    double len = sqrt(dx * dx + dy * dy);
    if (len == 0) return 1; /* wind(a, a, .) is 0 and inBetween fails: nothing blocks */
    double H = 1.5e-4 / len + 1e-7;   /* perpendicular margin, over-estimated */
    double slack = H * 1.5 + 1e-7;    /* the margin measured along an axis (cos >= 1/sqrt 2), over-estimated */
    g->query++;
    if (fabs(dx) >= fabs(dy)) {
        /* Walk columns over the x range (strict in the library; here closed and widened a little). */
        double xlo = fmin(a.x, b.x) - 1e-7, xhi = fmax(a.x, b.x) + 1e-7;
        double slope = dy / dx;
        int c0 = grid_col(g, xlo), c1 = grid_col(g, xhi);
        for (int c = c0; c <= c1; c++) {
            double cx0 = g->x0 + c * g->cell, cx1 = cx0 + g->cell;
            double s0 = fmax(cx0, xlo), s1 = fmin(cx1, xhi);
            if (c == 0) s0 = xlo;
            if (c == g->cols - 1) s1 = xhi;
            double y0 = a.y + (s0 - a.x) * slope, y1 = a.y + (s1 - a.x) * slope;
            int r0 = grid_row(g, fmin(y0, y1) - slack), r1 = grid_row(g, fmax(y0, y1) + slack);
            for (int r = r0; r <= r1; r++)
                if (!cell_clear(g, conf, c, r, a, b, skip0, skip1)) return 0;
        }
    } else {
        /* Steep: walk rows over the y range. For a vertical segment the library bounds c.y to the y range. For
         * a steep non-vertical one it bounds c.x to the x range only: a point within H of the line may then lie
         * beyond the ends along the line, by up to 1e-4 / |dx| in y (1e-4 / |w| measured along the axis); the
         * rows are widened by that, and within a row the line's span by the slack (sin(angle) >= 1/sqrt 2). */
        double extend = dx == 0 ? slack : 1.5e-4 / fabs(dx) + slack;
        double ylo = fmin(a.y, b.y) - extend, yhi = fmax(a.y, b.y) + extend;
        double islope = dx / dy;
        int r0 = grid_row(g, ylo), r1 = grid_row(g, yhi);
        for (int r = r0; r <= r1; r++) {
            double ry0 = g->y0 + r * g->cell, ry1 = ry0 + g->cell;
            double s0 = fmax(ry0, ylo), s1 = fmin(ry1, yhi);
            if (r == 0) s0 = ylo;
            if (r == g->rows - 1) s1 = yhi;
            double x0 = a.x + (s0 - a.y) * islope, x1 = a.x + (s1 - a.y) * islope;
            int c0 = grid_col(g, fmin(x0, x1) - slack), c1 = grid_col(g, fmax(x0, x1) + slack);
            for (int c = c0; c <= c1; c++)
                if (!cell_clear(g, conf, c, r, a, b, skip0, skip1)) return 0;
        }
    }
    return 1;
}

/* libpathplan's allocArray(V, 2): rows of one calloc'ed block, two spare NULL rows (Pobspath fills them). */
static double **alloc_array(int V, int extra) {
    double **arr = malloc((size_t)(V + extra) * sizeof(double *));
    double *p = calloc((size_t)V * (size_t)V, sizeof(double));
    for (int i = 0; i < V; i++) { arr[i] = p; p += V; }
    for (int i = V; i < V + extra; i++) arr[i] = 0;
    return arr;
}

/* The grid of the configuration last seen, kept for the ptVis calls of each routed edge (Pobspath) that follow
 * visibility(). It is rebuilt whenever the barriers differ (compared point by point, so a configuration freed
 * and another allocated at the same address is never mistaken for it). One per thread: Graphviz itself is used
 * from one thread at a time, but tests call these functions from several (libpathplan's are reentrant). */
static _Thread_local struct {
    grid_t grid;
    int valid;
    int N;
    Ppoint_t *points;
    int *next;
} cache;

static grid_t *grid_for(const blocs_vconfig *conf) {
    int V = conf->N;
    if (cache.valid && cache.N == V && memcmp(cache.points, conf->P, (size_t)V * sizeof(Ppoint_t)) == 0
        && memcmp(cache.next, conf->next, (size_t)V * sizeof(int)) == 0) return &cache.grid;
    if (cache.valid) grid_free(&cache.grid);
    free(cache.points);
    free(cache.next);
    memset(&cache, 0, sizeof cache);
    if (V <= 0) return 0;
    cache.points = malloc((size_t)V * sizeof(Ppoint_t));
    cache.next = malloc((size_t)V * sizeof(int));
    if (!cache.points || !cache.next) return 0;
    if (!grid_build(&cache.grid, conf)) { grid_free(&cache.grid); return 0; }
    memcpy(cache.points, conf->P, (size_t)V * sizeof(Ppoint_t));
    memcpy(cache.next, conf->next, (size_t)V * sizeof(int));
    cache.N = V;
    cache.valid = 1;
    return &cache.grid;
}

/* Every barrier edge outside skip0 ..< skip1 tested (the library's clear). */
static int clear_all(const blocs_vconfig *conf, Ppoint_t a, Ppoint_t b, int skip0, int skip1) {
    for (int k = 0; k < skip0; k++) if (intersect(a, b, conf->P[k], conf->P[conf->next[k]])) return 0;
    for (int k = skip1; k < conf->N; k++) if (intersect(a, b, conf->P[k], conf->P[conf->next[k]])) return 0;
    return 1;
}

static int clear(grid_t *g, const blocs_vconfig *conf, Ppoint_t a, Ppoint_t b, int skip0, int skip1) {
    return g ? clear_fast(g, conf, a, b, skip0, skip1) : clear_all(conf, a, b, skip0, skip1);
}

void blocs_visibility(blocs_vconfig *conf) {
    int V = conf->N;
    Ppoint_t *pts = conf->P;
    int *nextPt = conf->next, *prevPt = conf->prev;
    double **wadj = conf->vis = alloc_array(V, 2);
    if (V <= 0) return;
    grid_t *g = grid_for(conf);
    for (int i = 0; i < V; i++) {
        int previ = prevPt[i];
        double d = dist(pts[i], pts[previ]);
        wadj[i][previ] = d;
        wadj[previ][i] = d;
        int j = (previ == i - 1) ? i - 2 : i - 1;
        for (; j >= 0; j--) {
            if (in_cone(pts[prevPt[i]], pts[i], pts[nextPt[i]], pts[j])
                && in_cone(pts[prevPt[j]], pts[j], pts[nextPt[j]], pts[i])
                && clear(g, conf, pts[i], pts[j], V, V)) {
                d = dist(pts[i], pts[j]);
                wadj[i][j] = d;
                wadj[j][i] = d;
            }
        }
    }
}

/* libpathplan's polyhit: the polygon holding p, or POLYID_NONE. */
static int polyhit(const blocs_vconfig *conf, Ppoint_t p) {
    for (int i = 0; i < conf->Npoly; i++) {
        Ppoly_t poly;
        poly.ps = &conf->P[conf->start[i]];
        poly.pn = conf->start[i + 1] - conf->start[i];
        if (in_poly(poly, p)) return i;
    }
    return BLOCS_POLYID_NONE;
}

double *blocs_ptVis(blocs_vconfig *conf, int pp, Ppoint_t p) {
    int V = conf->N;
    Ppoint_t *pts = conf->P;
    int *nextPt = conf->next, *prevPt = conf->prev;
    double *vadj = malloc((size_t)(V + 2) * sizeof(double));
    if (pp == BLOCS_POLYID_UNKNOWN) pp = polyhit(conf, p);
    int start = V, end = V;
    if (pp >= 0) {
        start = conf->start[pp];
        end = conf->start[pp + 1];
    }
    grid_t *g = grid_for(conf);
    for (int k = 0; k < V; k++) {
        if (k >= start && k < end) { vadj[k] = 0; continue; }
        Ppoint_t pk = pts[k];
        if (in_cone(pts[prevPt[k]], pk, pts[nextPt[k]], p) && clear(g, conf, p, pk, start, end)) vadj[k] = dist(p, pk);
        else vadj[k] = 0;
    }
    vadj[V] = 0;
    vadj[V + 1] = 0;
    return vadj;
}

typedef void (*visibility_fn)(blocs_vconfig *);
typedef double *(*ptvis_fn)(blocs_vconfig *, int, Ppoint_t);

void blocs_library_visibility(blocs_vconfig *conf) {
    visibility_fn f = (visibility_fn)dlsym(RTLD_NEXT, "visibility");
    if (!f) f = (visibility_fn)dlsym(RTLD_DEFAULT, "visibility");
    f(conf);
}

double *blocs_library_ptVis(blocs_vconfig *conf, int pp, Ppoint_t p) {
    ptvis_fn f = (ptvis_fn)dlsym(RTLD_NEXT, "ptVis");
    if (!f) f = (ptvis_fn)dlsym(RTLD_DEFAULT, "ptVis");
    return f(conf, pp, p);
}
