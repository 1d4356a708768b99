/* progress: the line a long run shows on a terminal ("ptlc: checking
 * 4,000/10,000 tables"), so a check of a province's repository is not a
 * silent minute. The library only calls Session.progress (session.h); this
 * is the command line's printer of it. It stays quiet for the first second
 * (PTLC_PROGRESS_AFTER seconds, when set), redraws at most ten times a
 * second, and is erased before the report is printed. */
#ifndef PTL_PROGRESS_H
#define PTL_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "session.h"

typedef struct ProgressLine {
    FILE *out;
    Lang lang;
    double start, last, after;
    bool shown;
    ProgressPhase phase;        /* of the line shown: a new phase is drawn at once */
} ProgressLine;

/* Hooks a line on out into s; false (nothing hooked) when out is not a
 * terminal. */
bool progress_line_start(ProgressLine *pl, Session *s, FILE *out);

/* Erases the line if it was drawn, and unhooks it. */
void progress_line_end(ProgressLine *pl, Session *s);

#endif
