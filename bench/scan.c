/* bench/scan.c: build/bench/scan FILE tokenizes FILE with ptlc's own
 * scanner (ptl_scan_only, src/scan_bench.c) and prints the number of tokens
 * and bytes. bench/run.py times it beside `ptlc check` and bench/dfa. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "scan_bench.h"
#include "slurp.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE\n", argv[0]);
        return 2;
    }
    char *text;
    size_t len = slurp(argv[1], &text);
    size_t tokens = ptl_scan_only(text, len);
    printf("tokens %zu bytes %zu\n", tokens, len);
    free(text);
    return 0;
}
