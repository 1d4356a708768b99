/* scan_bench: ptl_scan_only, the raw scanner (ptl_raw_lex) in a loop. The
 * set-up copies parse_source_tokens() in parse.c: a session, the keyword
 * table, the text scanned in place (as the real path does); the source is
 * a view of the caller's bytes, not a copy with its line
 * table, since only diagnostics read that. This is the one file
 * outside parse.c that includes the generated scanner header: keep it in
 * step with parse_source_tokens when the scanner's set-up changes. */
#include "scan_bench.h"

#include <string.h>

#include "parse_internal.h"
#include "ptl.lex.h"
#include "util.h"

/* The source as parse.c sees it: body past a UTF-8 byte order mark. */
static SourceFile *view(Session *s, const char *text, size_t len)
{
    SourceFile *f = arena_alloc(&s->arena, sizeof *f);
    f->path = "<scan>";
    f->text = text;
    f->len = (uint32_t)len;
    f->body = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    ptrvec_push(&s->arena, &s->files, f);
    return f;
}

static size_t count_tokens(Parser *p)
{
    yyscan_t scanner;
    YYSTYPE val;
    Span loc;
    size_t n = 0;
    if (ptlyylex_init_extra(p, &scanner) != 0)
        BUG("cannot initialise the scanner");
    size_t len = p->src->len - p->src->body;
    char *text = (char *)p->src->text + p->src->body;
    YY_BUFFER_STATE buf = ptlyy_scan_buffer(text, len + SRC_SLACK, scanner);
    if (!buf)
        BUG("ptl_scan_only: text without its two NULs");
    while (ptl_raw_lex(&val, &loc, scanner) != TOK_END)
        n++;
    ptlyy_delete_buffer(buf, scanner);
    ptlyylex_destroy(scanner);
    return n;
}

size_t ptl_scan_only(char *text, size_t len)
{
    if (len > SOURCE_MAX_BYTES)
        BUG("ptl_scan_only: input larger than SOURCE_MAX_BYTES");
    Session s;
    session_init(&s);
    Parser p = {0};
    p.s = &s;
    p.arena = &s.arena;
    p.src = view(&s, text, len);
    p.file = (uint32_t)(s.files.len - 1);
    p.offset = p.src->body;
    p.at_stmt_start = true;
    p.last_tok = TOK_SEMI;
    p.ast = ast_file(&p);
    lex_init_keywords(&s);
    size_t n = count_tokens(&p);
    strbuf_release(&p.str);
    strbuf_release(&p.unit_text);
    session_free(&s);
    return n;
}
