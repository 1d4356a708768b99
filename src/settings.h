/* settings: how strict each rule is and what its thresholds are. Three
 * layers, later ones winning: the defaults (rules.def, params.def and the
 * stdlib's settings block), the project's ptlc.settings file, and the
 * command line (--allow/--warn/--deny). In-file `allow RULE "reason"`
 * statements then silence one rule inside one table or indicator.
 * Ownership: everything is stored in the Session. */
#ifndef PTL_SETTINGS_H
#define PTL_SETTINGS_H

#include <stdbool.h>

#include "program.h"

#define SETTINGS_FILE_NAME "ptlc.settings"

/* Applies `settings` blocks (stdlib, then the settings file), then the
 * command-line levels. A settings block anywhere else is an error. */
void settings_apply(Program *p);

/* Registers the in-file allows of the tables (and their indicators) from
 * these indexes of p->tables and p->evaluations on. */
void settings_register_allows(Program *p, size_t from_table, size_t from_eval);

/* Warns about allows that silenced nothing; call after every check. */
void settings_report_unused(Program *p);

/* Records a command-line level for a rule ("warnings" with SEV_ERROR is
 * --deny warnings). Returns false if name is not a rule. */
bool settings_cli_level(Session *s, const char *name, Severity level);

/* Searches dir and its parents, up to the project root (the nearest
 * directory holding .git, or dir itself when there is none), for
 * ptlc.settings; returns its path (arena) or NULL. *root receives the real
 * path of the project root, which a symbolic link named ptlc.settings must
 * not lead out of (unset when dir cannot be resolved). */
const char *settings_find(Arena *a, const char *dir, const char **root);

#endif
