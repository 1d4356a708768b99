/* scan_bench: the project's flex scanner run on its own, for the benchmark
 * of its speed (build/bench/scan, bench/run.py). Nothing in ptlc calls it.
 * Ownership: the caller keeps text; nothing allocated outlives the call. */
#ifndef PTL_SCAN_BENCH_H
#define PTL_SCAN_BENCH_H

#include <stddef.h>

/* Tokenizes text[0..len) with the scanner of grammar/ptl.l, set up as
 * parse.c sets it up (keywords, session, the text scanned in place: two NULs
 * must follow it, and it is as it was on return), and returns the number of
 * tokens it handed out before the end of the input. The parser, the
 * token-stream rules of parse.c (line ends, inserted braces) and the
 * checker do not run; lexical errors are queued and dropped. */
size_t ptl_scan_only(char *text, size_t len);

#endif
