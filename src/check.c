/* check: the pass driver and the helpers several passes share. */
#include "check.h"

#include <string.h>

#include "parse.h"

void check_program(Program *prog, Session *s, size_t nstdlib)
{
    memset(prog, 0, sizeof *prog);
    prog->s = s;
    prog->nstdlib = nstdlib;
    for (uint32_t i = 0; i < s->files.len; i++) {
        AstFile *f = parse_source(s, i);
        f->is_stdlib = i < nstdlib;
        ptrvec_push(&s->arena, &prog->files, f);
    }
    check_decls(prog);
    check_tables(prog);
    for (size_t i = 0; i < prog->tables.len; i++) {
        check_budget(prog, prog->tables.items[i]);
        check_indicators(prog, prog->tables.items[i]);
    }
    check_cross_table(prog);
}

static void free_vocabularies(PtrMap *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        Vocabulary *v = m->keys[i] ? m->vals[i] : NULL;
        if (v) {
            ptrmap_free(&v->canonical);
            ptrmap_free(&v->parent);
            ptrmap_free(&v->is_top);
        }
    }
    ptrmap_free(m);
}

void program_free(Program *p)
{
    ptrmap_free(&p->dims);
    ptrmap_free(&p->units);
    free_vocabularies(&p->vocabs);
    free_vocabularies(&p->frameworks);
}

const Vocabulary *program_vocab(const Program *p, const char *name)
{
    return ptrmap_get(&p->vocabs, name);
}

const char *vocab_canonical(const Vocabulary *v, const char *name)
{
    return v && name ? ptrmap_get(&v->canonical, name) : NULL;
}

static PtrVec unit_names(Program *p)
{
    PtrVec names = {0};
    for (size_t i = 0; i < p->units.cap; i++)
        if (p->units.keys[i] && !((const UnitDef *)p->units.vals[i])->num)
            ptrvec_push(&p->s->arena, &names, (void *)p->units.keys[i]);
    return names;
}

bool check_money(Program *p, const Quantity *q, const char *what)
{
    if (!q->num.ok)
        return false;
    if (!q->unit.text) {
        diag_report(p->s, RULE_MISSING_UNIT, q->num.span,
                    "%s %s has no unit; write it in 万元 (or 元, 亿元)", what, q->num.text);
        return false;
    }
    const UnitDef *u = program_unit(p, q->unit.text);
    if (!u) {
        PtrVec names = unit_names(p);
        diag_report(p->s, RULE_UNKNOWN_UNIT, q->unit.span, "unknown unit '%s'%s",
                    q->unit.text, did_you_mean(p, &names, q->unit.text));
        return false;
    }
    if (!u->dim || strcmp(u->dim->name, "money") != 0) {
        diag_report(p->s, RULE_UNIT_DIMENSION, q->unit.span,
                    "%s must be money (万元, 元, 亿元), but '%s' is %s", what, q->unit.text,
                    u->dim ? u->dim->label : "a compound unit");
        return false;
    }
    if (dec_sign(q->num.dec) < 0) {
        diag_report(p->s, RULE_NEGATIVE_VALUE, q->num.span, "%s %s %s is negative",
                    what, q->num.text, q->unit.text);
        return false;
    }
    return true;
}

bool check_to_base(Program *p, const Quantity *q, const UnitDef *u, Decimal *out)
{
    if (dec_mul(q->num.dec, u->factor, out) == DEC_OK)
        return true;
    diag_report(p->s, RULE_ARITHMETIC_OVERFLOW, q->span,
                "%s %s is too large to convert exactly", q->num.text, q->unit.text);
    return false;
}
