/* settings: levels and thresholds are plain arrays in the Session, so a
 * rule looks its level up in O(1) on every report; allows are few per
 * program and scanned linearly by the diagnostics module. */
#define _XOPEN_SOURCE 700
#include "settings.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

/* The rule and threshold names as candidate lists that live as long as
 * the program (check.h: suggest_in). */
static const PtrVec *rule_names(Program *p)
{
    if (!p->rule_names.len)
        for (int r = 0; r < RULE_COUNT; r++)
            ptrvec_push(&p->s->arena, &p->rule_names, (void *)rule_info[r].name);
    return &p->rule_names;
}

static const PtrVec *param_names(Program *p)
{
    if (!p->param_names.len)
        for (int i = 0; i < PARAM_COUNT; i++)
            ptrvec_push(&p->s->arena, &p->param_names, (void *)param_info[i].name);
    return &p->param_names;
}

/* Syntax and encoding errors cannot be allowed or weakened: without a
 * parse there is nothing to check. */
static bool adjustable(RuleId r)
{
    return r != RULE_SYNTAX && r != RULE_ENCODING && r != RULE_NUMBER_TOO_LARGE
        && r != RULE_NOT_A_SETTING;
}

static RuleId lookup_rule(Program *p, const Name *n)
{
    RuleId r = rule_lookup(n->text);
    if (r == RULE_COUNT) {
        diag_report(p->s, RULE_UNKNOWN_RULE, n->span, "unknown rule '%s'%s", n->text,
                    did_you_mean(p, RULE_UNKNOWN_RULE, n->span, rule_names(p), n->text));
    } else if (!adjustable(r)) {
        diag_report(p->s, RULE_UNKNOWN_RULE, n->span, "rule '%s' cannot be changed", n->text);
        return RULE_COUNT;
    }
    return r;
}

static void apply_set(Program *p, const SettingItem *it)
{
    ParamId id = param_lookup(it->name.text);
    if (id == PARAM_COUNT) {
        diag_report(p->s, RULE_UNKNOWN_SETTING, it->name.span, "unknown threshold '%s'%s",
                    it->name.text, did_you_mean(p, RULE_UNKNOWN_SETTING, it->name.span,
                                                param_names(p), it->name.text));
        return;
    }
    if (it->value.ok)
        p->s->param[id] = it->value.dec;
}

static void apply_item(Program *p, const SettingItem *it)
{
    static const Severity level[] = {SEV_ALLOW, SEV_WARNING, SEV_ERROR};
    if (it->kind == SETTING_SET) {
        apply_set(p, it);
        return;
    }
    if (it->kind == SETTING_DENY && strcmp(it->name.text, "warnings") == 0) {
        p->s->deny_warnings = true;
        return;
    }
    RuleId r = lookup_rule(p, &it->name);
    if (r != RULE_COUNT)
        p->s->severity[r] = level[it->kind];
}

static void apply_block(Program *p, const AstFile *f, const SettingsDecl *sd)
{
    if (!f->is_stdlib && f->file != p->settings_file) {
        diag_report(p->s, RULE_MISPLACED_FIELD, sd->span,
                    "a settings block belongs in the project's %s file", SETTINGS_FILE_NAME);
        return;
    }
    for (size_t i = 0; i < sd->items.len; i++)
        apply_item(p, sd->items.items[i]);
}

void settings_apply(Program *p)
{
    for (size_t f = 0; f < p->files.len; f++) {
        const AstFile *af = p->files.items[f];
        for (size_t i = 0; i < af->decls.len; i++) {
            const Decl *d = af->decls.items[i];
            if (d->kind == DECL_SETTINGS)
                apply_block(p, af, d->u.settings);
        }
    }
    Session *s = p->s;
    for (int r = 0; r < RULE_COUNT; r++)
        if (s->cli_set[r])
            s->severity[r] = s->cli_level[r];
    s->deny_warnings = s->deny_warnings || s->cli_deny_warnings;
}

bool settings_cli_level(Session *s, const char *name, Severity level)
{
    if (level == SEV_ERROR && strcmp(name, "warnings") == 0) {
        s->cli_deny_warnings = true;
        return true;
    }
    RuleId r = rule_lookup(name);
    if (r == RULE_COUNT || !adjustable(r))
        return false;
    s->cli_set[r] = true;
    s->cli_level[r] = level;
    return true;
}

/* ===== in-file allows ===== */

/* Empty, or only spaces: ASCII, tabs, or the full-width U+3000 a Chinese
 * input method types. */
static bool blank(const char *s, size_t n)
{
    size_t i = 0;
    uint32_t cp;
    for (size_t k; s && i < n; i += k) {
        k = utf8_decode(s + i, n - i, &cp);
        if (k == 0 || (cp != ' ' && cp != '\t' && cp != 0x3000))
            return false;
    }
    return true;
}

static void register_allow(Program *p, Allow *a, Span scope)
{
    RuleId r = lookup_rule(p, &a->rule);
    if (r == RULE_COUNT)
        return;
    if (blank(a->reason.text, a->reason.len)) {
        diag_report(p->s, RULE_ALLOW_WITHOUT_REASON, a->reason.span,
                    "allow '%s' needs a reason a reviewer can read", a->rule.text);
        return;
    }
    a->rule_id = (int)r;
    a->scope = scope;
    ptrvec_push(&p->s->arena, &p->s->allows, a);
}

static void register_tree(Program *p, const Category *c)
{
    for (size_t i = 0; i < c->items.len; i++) {
        const Category *item = c->items.items[i];
        if (item->kind == NODE_CATEGORY) {
            register_tree(p, item);
            continue;
        }
        const Indicator *ind = (const Indicator *)item;
        for (size_t k = 0; k < ind->more->allows.len; k++)
            register_allow(p, ind->more->allows.items[k], ind->span);
    }
}

static void register_table(Program *p, const Table *t)
{
    for (size_t k = 0; k < t->fields.len; k++) {
        const Field *f = t->fields.items[k];
        if (f->kind == FIELD_ALLOW)
            register_allow(p, f->allow, t->span);
        else if (f->kind == FIELD_INDICATORS)
            register_tree(p, f->root);
        else if (f->kind == FIELD_RESULTS)
            for (size_t i = 0; i < f->lines.len; i++) {
                const Result *r = f->lines.items[i];
                for (size_t a = 0; a < r->allows.len; a++)
                    register_allow(p, r->allows.items[a], r->span);
            }
    }
}

void settings_register_allows(Program *p, size_t from_table, size_t from_eval)
{
    for (size_t i = from_table; i < p->tables.len; i++)
        register_table(p, p->tables.items[i]);
    for (size_t i = from_eval; i < p->evaluations.len; i++)
        register_table(p, p->evaluations.items[i]);
}

void settings_report_unused(Program *p)
{
    Session *s = p->s;
    for (size_t i = 0; i < s->allows.len; i++) {
        const Allow *a = s->allows.items[i];
        if (!a->used && s->severity[a->rule_id] != SEV_ALLOW)
            diag_report(s, RULE_UNUSED_ALLOW, a->span,
                        "allow '%s' silences nothing here any more; remove it", a->rule.text);
    }
}

/* ===== finding the settings file ===== */

/* Messages name the file as the user would: relative to the working
 * directory when it lies below it. */
static const char *relative_to_cwd(const char *path)
{
    char cwd[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd))
        return path;
    size_t n = strlen(cwd);
    if (strncmp(path, cwd, n) == 0 && path[n] == '/')
        return path + n + 1;
    return path;
}

/* The project root above start (a real path): the nearest directory,
 * start included, that holds .git (a directory, or a file in a worktree or
 * submodule). Without one, start alone: a checkout without git is no
 * licence to read settings from whatever directory lies above it. */
static const char *project_root(Arena *a, const char *start)
{
    char *dir = arena_strndup(a, start, strlen(start));
    for (;;) {
        struct stat st;
        if (lstat(arena_sprintf(a, "%s%s.git", dir, strcmp(dir, "/") == 0 ? "" : "/"), &st) == 0)
            return dir;
        char *slash = strrchr(dir, '/');
        if (!slash || strcmp(dir, "/") == 0)
            return arena_strndup(a, start, strlen(start));
        slash[slash == dir ? 1 : 0] = '\0';
    }
}

const char *settings_find(Arena *a, const char *dir, const char **root)
{
    char *start = realpath(dir, NULL);
    if (!start)
        return NULL;
    char *buf = arena_strndup(a, start, strlen(start));
    free(start);
    const char *top = project_root(a, buf);
    *root = top;
    for (;;) {
        const char *candidate = arena_sprintf(a, "%s%s%s", buf,
                                              strcmp(buf, "/") == 0 ? "" : "/", SETTINGS_FILE_NAME);
        struct stat st;
        if (lstat(candidate, &st) == 0)
            return relative_to_cwd(candidate);
        if (strcmp(buf, top) == 0)
            return NULL;
        char *slash = strrchr(buf, '/');
        slash[slash == buf ? 1 : 0] = '\0';
    }
}
