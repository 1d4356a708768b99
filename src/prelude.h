/* prelude: the stdlib vocabularies (units, frameworks, budget names), written
 * in .ptl and embedded at build time. Ownership: sources are copied into the
 * session like any user file, so diagnostics in them render the same way. */
#ifndef PTL_PRELUDE_H
#define PTL_PRELUDE_H

#include <stdbool.h>

#include "session.h"

/* Adds the stdlib sources to s: from dir when non-NULL (development
 * override), else the embedded copies. Returns false, with a message in
 * *err (arena text), when dir cannot be read. */
bool prelude_load(Session *s, const char *dir, const char **err);

#endif
