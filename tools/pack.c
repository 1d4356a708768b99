/* pack: writes the embedded stdlib's trees as prelude_pack.c packs them
 * (usage: pack OUT). Linked with a prelude built with PTLC_NO_PACK, so
 * the stdlib is parsed from its embedded text here, as every run parsed
 * it before. The stdlib must parse with no diagnostic at all, and the pack
 * must read back to trees that pack to the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "prelude.h"
#include "prelude_pack.h"
#include "session.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: pack OUT\n");
        return 2;
    }
    Session s;
    session_init(&s);
    const char *err = NULL;
    if (!prelude_load(&s, NULL, &err)) {
        fprintf(stderr, "pack: %s\n", err);
        return 1;
    }
    size_t n = s.files.len;
    AstFile **trees = calloc(n, sizeof *trees), **again = calloc(n, sizeof *again);
    for (uint32_t i = 0; i < n; i++)
        trees[i] = parse_source(&s, i);
    StrBuf out = STRBUF_INIT, check = STRBUF_INIT;
    int rc = 0;
    if (s.diags.len) {
        fprintf(stderr, "pack: the stdlib does not parse cleanly (%zu diagnostics)\n", s.diags.len);
        rc = 1;
    } else if (!prelude_pack_write(&s, trees, n, &out)) {
        fprintf(stderr, "pack: the stdlib holds a table or settings, which have no place in it\n");
        rc = 1;
    } else if (!prelude_pack_read(&s, (const unsigned char *)out.buf, out.len, 0, n, again)
               || !prelude_pack_write(&s, again, n, &check) || check.len != out.len
               || memcmp(check.buf, out.buf, out.len) != 0) {
        fprintf(stderr, "pack: the pack does not read back to the trees it was made from\n");
        rc = 1;
    } else {
        FILE *f = fopen(argv[1], "wb");
        if (!f || fwrite(out.buf, 1, out.len, f) != out.len || fclose(f) != 0) {
            perror(argv[1]);
            rc = 1;
        }
    }
    strbuf_release(&out);
    strbuf_release(&check);
    free(trees);
    free(again);
    session_free(&s);
    return rc;
}
