// The one place that knows Graphviz's C quirks (see ../shared/guide/graphviz.md).
// Graphviz 2.42 on Debian bookworm: agtail/aghead are macros, several functions take non-const char *,
// gvRenderData's length is unsigned int * (size_t * in recent releases), Agdirected is a mutable global
// (refused by Swift 6's concurrency checking), so graphs are made from DOT text with agmemread.
#ifndef BLOCS_CGRAPHVIZ_SHIM_H
#define BLOCS_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stddef.h>
#include <string.h>

#include <stdlib.h>

/* Deterministic object ids.
 *
 * cgraph's default id discipline gives a named object the address of its interned name as id, and keeps
 * subgraphs in a dictionary ordered by id: the order clusters are laid out and written in then depends on the
 * heap, and the second rendering of the same text in one process can differ from the first (seen here: cluster
 * groups swapped in the SVG, nodes moved). This discipline numbers names in order of first appearance (even
 * ids 2, 4, 6, ...; anonymous objects get odd ids 1, 3, 5, ...) from a table per root graph, so ids, hence every
 * order Graphviz derives from them, follow the DOT text. */
typedef struct {
    Agraph_t *root;
    char **names;          /* names[k] has id 2(k+1); interned with agstrdup (cgraph reads flags before them) */
    size_t count, capacity;
    size_t *slots;         /* open-addressing hash: index + 1 into names, 0 = empty */
    size_t nslots;
    unsigned long anonymous;
} blocs_idstate_t;

static inline size_t blocs_hash(const char *s) {
    size_t h = 1469598103934665603ULL;
    for (; *s; s++) { h ^= (unsigned char)*s; h *= 1099511628211ULL; }
    return h;
}

static inline int blocs_idgrow(blocs_idstate_t *st) {
    size_t nslots = st->nslots ? st->nslots * 2 : 64;
    size_t *slots = (size_t *)calloc(nslots, sizeof(size_t));
    if (!slots) return 0;
    for (size_t k = 0; k < st->count; k++) {
        size_t i = blocs_hash(st->names[k]) & (nslots - 1);
        while (slots[i]) i = (i + 1) & (nslots - 1);
        slots[i] = k + 1;
    }
    free(st->slots);
    st->slots = slots;
    st->nslots = nslots;
    return 1;
}

static inline void *blocs_idopen(Agraph_t *g, Agdisc_t *disc) {
    (void)disc;
    blocs_idstate_t *st = (blocs_idstate_t *)calloc(1, sizeof(blocs_idstate_t));
    if (st) { st->anonymous = 1; st->root = g; }
    return st;
}
static inline long blocs_idmap(void *state, int objtype, char *str, unsigned long *id, int createflag) {
    (void)objtype;
    blocs_idstate_t *st = (blocs_idstate_t *)state;
    if (!st) return 0;
    if (!str) {
        *id = st->anonymous;
        st->anonymous += 2;
        return 1;
    }
    if (st->nslots) {
        size_t i = blocs_hash(str) & (st->nslots - 1);
        while (st->slots[i]) {
            if (strcmp(st->names[st->slots[i] - 1], str) == 0) { *id = 2 * st->slots[i]; return 1; }
            i = (i + 1) & (st->nslots - 1);
        }
    }
    if (!createflag) return 0;
    if (2 * (st->count + 1) > st->nslots && !blocs_idgrow(st)) return 0;
    if (st->count == st->capacity) {
        size_t cap = st->capacity ? st->capacity * 2 : 32;
        char **names = (char **)realloc(st->names, cap * sizeof(char *));
        if (!names) return 0;
        st->names = names;
        st->capacity = cap;
    }
    char *copy = agstrdup(st->root, str);
    if (!copy) return 0;
    st->names[st->count++] = copy;
    size_t i = blocs_hash(str) & (st->nslots - 1);
    while (st->slots[i]) i = (i + 1) & (st->nslots - 1);
    st->slots[i] = st->count;
    *id = 2 * st->count;
    return 1;
}
static inline long blocs_idalloc(void *state, int objtype, unsigned long request) {
    (void)state; (void)objtype; (void)request;
    return 0;
}
static inline void blocs_idfree(void *state, int objtype, unsigned long id) { (void)state; (void)objtype; (void)id; }
static inline char *blocs_idprint(void *state, int objtype, unsigned long id) {
    (void)objtype;
    blocs_idstate_t *st = (blocs_idstate_t *)state;
    if (!st || id % 2 != 0 || id == 0 || id / 2 > st->count) return NULL;
    return st->names[id / 2 - 1];
}
static inline void blocs_idclose(void *state) {
    blocs_idstate_t *st = (blocs_idstate_t *)state;
    if (!st) return;
    for (size_t k = 0; k < st->count; k++) agstrfree(st->root, st->names[k]);
    free(st->names);
    free(st->slots);
    free(st);
}
static inline void blocs_idregister(void *state, int objtype, void *obj) { (void)state; (void)objtype; (void)obj; }

/* DOT text in memory, handed to the parser a line at a time (as agmemread does). */
typedef struct { const char *data; size_t len; size_t cur; } blocs_reader_t;

static inline int blocs_memread(void *chan, char *buf, int bufsize) {
    blocs_reader_t *r = (blocs_reader_t *)chan;
    if (bufsize <= 0 || r->cur >= r->len) return 0;
    int n = 0;
    while (n < bufsize && r->cur < r->len) {
        char c = r->data[r->cur++];
        buf[n++] = c;
        if (c == '\n') break;
    }
    return n;
}

/// Parses DOT text held in memory with deterministic ids. Returns NULL on a syntax error (the message goes to the
/// error handler). Not thread-safe (nothing in Graphviz is): call under the caller's lock.
static inline Agraph_t *blocs_gv_read(const char *text) {
    static Agiddisc_t ids = { blocs_idopen, blocs_idmap, blocs_idalloc, blocs_idfree, blocs_idprint, blocs_idclose, blocs_idregister };
    static Agiodisc_t io;
    static Agdisc_t disc;
    io.afread = blocs_memread;
    io.putstr = AgIoDisc.putstr;
    io.flush = AgIoDisc.flush;
    disc.mem = &AgMemDisc;
    disc.id = &ids;
    disc.io = &io;
    blocs_reader_t reader = { text, strlen(text), 0 };
    return agread(&reader, &disc);
}

/// Renders a laid-out graph into a buffer the caller frees with blocs_gv_free.
/// Returns the gvRenderData status code (0 on success); *length receives the byte count.
static inline int blocs_gv_render(GVC_t *gvc, Agraph_t *g, const char *format, char **out, size_t *length) {
    char *data = NULL;
    unsigned int len = 0;  /* size_t * from Graphviz 2.50 on; unsigned int * on 2.42 */
    int rc = gvRenderData(gvc, g, format, &data, &len);
    *out = data;
    *length = (size_t)len;
    return rc;
}

/// The resolution bitmap renderers use (points are 1/72 inch; 0 means the renderer's default, 96 for png).
/// Set between renderings of one layout, so SVG and PDF keep their size while PNG gets the dpi asked for
/// (the graph's `dpi` attribute would change the SVG's size too).
static inline double blocs_gv_get_dpi(Agraph_t *g) { return GD_drawing(g) ? GD_drawing(g)->dpi : 0; }
static inline void blocs_gv_set_dpi(Agraph_t *g, double dpi) { if (GD_drawing(g)) GD_drawing(g)->dpi = dpi; }

static inline void blocs_gv_free(char *data) {
    gvFreeRenderData(data);
}

/* Graphviz draws random numbers with drand48 and does not reseed it for every layout: neato's spline router jitters
 * each elliptic obstacle by drand48() * 0.01 (lib/neatogen/neatosplines.c, makeObstacle), and nop/nop2 layouts
 * never call srand48. A render's routes thus depended on how many numbers earlier renders in the same process had
 * drawn: on which worker drew it after which pictures, on in-process vs worker rendering. This puts drand48 back
 * in the state of a process that never drew (glibc: X = 0 and the default multiplier and addend, which seed48 of
 * zeros sets), so every render is what the `dot` command draws from the same text, whatever was drawn before. */
static inline void blocs_gv_reset_random(void) {
    unsigned short zero[3] = {0, 0, 0};
    (void)seed48(zero);
}

static inline int blocs_gv_layout(GVC_t *gvc, Agraph_t *g, const char *engine) {
    return gvLayout(gvc, g, engine);
}

/// Routes Graphviz's error and warning messages to `handler` instead of stderr.
static inline void blocs_gv_capture_errors(agusererrf handler) {
    agseterrf(handler);
    agseterr(AGWARN);
}

#endif
