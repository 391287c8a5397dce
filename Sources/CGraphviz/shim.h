// The one place that knows Graphviz's C quirks (see ../shared/guide/graphviz.md).
// Graphviz 2.42 on Debian bookworm: agtail/aghead are macros, several functions take non-const char *,
// gvRenderData's length is unsigned int * (size_t * in recent releases), Agdirected is a mutable global
// (refused by Swift 6's concurrency checking), so graphs are made from DOT text with agmemread.
#ifndef BLOCS_CGRAPHVIZ_SHIM_H
#define BLOCS_CGRAPHVIZ_SHIM_H

#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <stddef.h>

/// Parses DOT text held in memory. Returns NULL on a syntax error (the message goes to the error handler).
static inline Agraph_t *blocs_gv_read(const char *text) {
    return agmemread(text);
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

static inline void blocs_gv_free(char *data) {
    gvFreeRenderData(data);
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
