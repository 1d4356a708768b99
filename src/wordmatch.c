/* wordmatch: the automaton as flat arrays. While it is built a node's
 * children are a run of (byte, node) pairs sorted by byte, and fail is the
 * node of the longest proper suffix that is in the trie; then every node
 * gets a full row of next nodes (the fail links followed in advance), so
 * matching is one table lookup a byte. A row has a column per class of
 * bytes, not per byte: the bytes no word holds are one class, so a row of
 * a CJK list is some eighty columns and the table stays in the cache,
 * where rows of 256 made each lookup a miss. out is the nearest node on
 * the fail chain where a word ends, so reporting costs only the matches. */
#include "wordmatch.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE UINT32_MAX
/* in next[]: the node reached reports a word (its own or on its out chain) */
#define HIT 0x80000000u

typedef struct Node {
    uint32_t first, count;  /* its children: edges[first .. first + count) */
    uint32_t fail, out;
    uint32_t word, len;     /* the word ending here (NONE) and its length */
} Node;

typedef struct Edge {
    unsigned char byte;
    uint32_t to;
} Edge;

struct WordMatch {
    Node *nodes;
    Edge *edges;
    uint32_t root[256];
    uint32_t *next;         /* next[row + cls[byte]]: the row (node * ncls) reached, | HIT */
    uint32_t ncls;
    unsigned char cls[256]; /* 0: a byte no word holds */
    bool has_empty;
};

/* While building, children are kept as linked lists. */
typedef struct Build {
    struct BNode {
        uint32_t child, sibling, fail, out, word, len;
        unsigned char byte;
    } *n;
    size_t len, cap;
} Build;

static uint32_t add_node(Build *b, unsigned char byte)
{
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->n = xrealloc(b->n, b->cap * sizeof *b->n);
    }
    b->n[b->len] = (struct BNode){NONE, NONE, 0, NONE, NONE, 0, byte};
    return (uint32_t)b->len++;
}

static uint32_t find_child(const Build *b, uint32_t at, unsigned char byte)
{
    for (uint32_t c = b->n[at].child; c != NONE; c = b->n[c].sibling)
        if (b->n[c].byte == byte)
            return c;
    return NONE;
}

static int cmp_edge(const void *x, const void *y)
{
    const Edge *a = x, *b = y;
    return (a->byte > b->byte) - (a->byte < b->byte);
}

static uint32_t step(const WordMatch *m, uint32_t at, unsigned char byte)
{
    for (;;) {
        if (at == 0)
            return m->root[byte];
        const Node *n = &m->nodes[at];
        for (uint32_t i = n->first; i < n->first + n->count; i++)
            if (m->edges[i].byte == byte)
                return m->edges[i].to;
        at = n->fail;
    }
}

WordMatch *wordmatch_build(const PtrVec *words)
{
    WordMatch *m = xcalloc(1, sizeof *m);
    Build b = {0};
    add_node(&b, 0);
    for (size_t w = 0; w < words->len; w++) {
        const unsigned char *s = words->items[w];
        size_t k = strlen((const char *)s);
        m->has_empty |= k == 0;
        uint32_t at = 0;
        for (size_t i = 0; i < k; i++) {
            uint32_t c = find_child(&b, at, s[i]);
            if (c == NONE) {
                c = add_node(&b, s[i]);
                b.n[c].sibling = b.n[at].child;
                b.n[at].child = c;
            }
            at = c;
        }
        if (k && b.n[at].word == NONE) {
            b.n[at].word = (uint32_t)w;
            b.n[at].len = (uint32_t)k;
        }
    }
    /* flatten: each node's children become one sorted run of edges */
    m->nodes = xcalloc(b.len, sizeof *m->nodes);
    m->edges = xcalloc(b.len ? b.len : 1, sizeof *m->edges);
    uint32_t used = 0;
    for (uint32_t i = 0; i < b.len; i++) {
        Node *n = &m->nodes[i];
        n->first = used;
        for (uint32_t c = b.n[i].child; c != NONE; c = b.n[c].sibling)
            m->edges[used++] = (Edge){b.n[c].byte, c};
        n->count = used - n->first;
        qsort(m->edges + n->first, n->count, sizeof *m->edges, cmp_edge);
        n->word = b.n[i].word;
        n->len = b.n[i].len;
        n->out = NONE;
    }
    for (int c = 0; c < 256; c++)
        m->root[c] = 0;
    for (uint32_t i = 0; i < m->nodes[0].count; i++)
        m->root[m->edges[i].byte] = m->edges[i].to;
    /* fail and out links breadth first: a node's fail is found from its
       parent's, which is nearer the root */
    uint32_t *queue = xmalloc((b.len ? b.len : 1) * sizeof *queue);
    size_t head = 0, tail = 0;
    for (uint32_t i = 0; i < m->nodes[0].count; i++) {
        uint32_t c = m->edges[i].to;
        m->nodes[c].fail = 0;
        queue[tail++] = c;
    }
    while (head < tail) {
        uint32_t at = queue[head++];
        const Node *n = &m->nodes[at];
        for (uint32_t i = n->first; i < n->first + n->count; i++) {
            uint32_t c = m->edges[i].to;
            uint32_t f = step(m, m->nodes[at].fail, m->edges[i].byte);
            m->nodes[c].fail = f == c ? 0 : f;
            uint32_t ff = m->nodes[c].fail;
            m->nodes[c].out = m->nodes[ff].word != NONE ? ff : m->nodes[ff].out;
            queue[tail++] = c;
        }
    }
    /* byte classes: each byte a word holds is a class of its own */
    m->ncls = 1;
    for (uint32_t i = 0; i < used; i++)
        if (!m->cls[m->edges[i].byte])
            m->cls[m->edges[i].byte] = (unsigned char)m->ncls++;
    /* rows in breadth-first order: a node's fail row is filled before it */
    size_t w = m->ncls, cells = (size_t)(b.len ? b.len : 1) * w;
    m->next = xcalloc(cells, sizeof *m->next);
    for (int c = 0; c < 256; c++)
        if (m->cls[c])
            m->next[m->cls[c]] = m->root[c];
    for (size_t q = 0; q < tail; q++) {
        uint32_t at = queue[q];
        const Node *n = &m->nodes[at];
        memcpy(m->next + (size_t)at * w, m->next + (size_t)n->fail * w, w * sizeof *m->next);
        for (uint32_t i = n->first; i < n->first + n->count; i++)
            m->next[(size_t)at * w + m->cls[m->edges[i].byte]] = m->edges[i].to;
    }
    /* each entry the row it leads to, so a step needs no multiplication */
    for (size_t i = 0; i < cells; i++) {
        const Node *to = &m->nodes[m->next[i]];
        m->next[i] = m->next[i] * (uint32_t)w
                     | (to->word != NONE || to->out != NONE ? HIT : 0);
    }
    free(queue);
    free(b.n);
    return m;
}

void wordmatch_free(WordMatch *m)
{
    if (!m)
        return;
    free(m->nodes);
    free(m->edges);
    free(m->next);
    free(m);
}

void wordmatch_each(const WordMatch *m, const char *text, size_t len, WordVisit fn, void *ctx)
{
    const unsigned char *s = (const unsigned char *)text;
    const uint32_t *next = m->next;
    const unsigned char *cls = m->cls;
    uint32_t row = 0;
    for (size_t i = 0; i < len; i++) {
        row = next[row + cls[s[i]]];
        if (!(row & HIT))
            continue;
        row &= ~HIT;
        uint32_t at = row / m->ncls;
        uint32_t o = m->nodes[at].word != NONE ? at : m->nodes[at].out;
        for (; o != NONE; o = m->nodes[o].out)
            if (!fn(ctx, m->nodes[o].word, i + 1 - m->nodes[o].len))
                return;
    }
}

bool wordmatch_any(const WordMatch *m, const char *text, size_t len)
{
    if (m->has_empty)
        return true;
    const unsigned char *s = (const unsigned char *)text;
    const uint32_t *next = m->next;
    const unsigned char *cls = m->cls;
    uint32_t row = 0;
    for (size_t i = 0; i < len; i++)
        if ((row = next[row + cls[s[i]]]) & HIT)
            return true;
    return false;
}
