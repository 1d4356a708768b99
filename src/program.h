/* program: the checked whole — every parsed file (stdlib first) and the
 * vocabularies declared in them, looked up through hash tables keyed by
 * interned names. Built by check_program(); read by the emitters.
 * Ownership: everything lives in the session arena; the PtrMaps are heap
 * tables released by program_free. */
#ifndef PTL_PROGRAM_H
#define PTL_PROGRAM_H

#include <stdbool.h>

#include "ast.h"
#include "decimal.h"
#include "intern.h"
#include "session.h"

typedef struct Dimension {
    const char *name;           /* money, ratio, count ... */
    const char *label;          /* 货币 ... */
    bool integer;               /* values must be whole numbers */
    bool has_min, has_max;
    Decimal min, max;           /* in the dimension's base unit */
    const DimDecl *decl;
} Dimension;

typedef struct UnitDef {
    const char *symbol;
    const Dimension *dim;       /* NULL for a compound unit */
    Decimal factor;             /* value in the dimension's base unit */
    const struct UnitDef *num, *den;   /* compound 元/人: numerator, denominator */
    const struct UnitDef *base; /* the unit factor is relative to: 人 and 次 are both count
                                   with factor 1, yet not the same unit; itself for a
                                   compound */
    Span span;                  /* where it was declared */
} UnitDef;

typedef struct Vocabulary {
    const char *name;
    const VocabDecl *decl;
    PtrMap canonical;           /* every accepted name (and alias) -> canonical name */
    PtrMap parent;              /* framework: 二级 canonical -> 一级 canonical */
    PtrMap is_top;              /* framework: 一级 canonical -> non-NULL */
    PtrVec top;                 /* canonical 一级 names (or all names), in order */
    PtrVec spellings;           /* every accepted spelling, for suggestions */
    PtrMap children;            /* framework: 一级 canonical -> PtrVec * of 二级 spellings */
} Vocabulary;

/* The first budget year of 财预〔2021〕101号, whose framework is the stdlib's
 * default: a table of a year before it was made on an older template. */
#define DEFAULT_FRAMEWORK_SINCE 2022

typedef struct Program {
    Session *s;
    PtrVec files;               /* AstFile * */
    PtrVec tables;              /* Table *, in file then source order */
    PtrVec user_tables;         /* the same without the stdlib's, for the emitters */
    PtrVec evaluations;         /* Table * of kind TABLE_EVALUATION, in file then source order */
    PtrMap dims, units, vocabs, frameworks;
    const Vocabulary *default_framework;   /* 财预〔2021〕101号's: see DEFAULT_FRAMEWORK_SINCE */
    /* candidate lists for "did you mean", in declaration order (so the
     * answer never depends on hash order), and their indexes */
    PtrVec unit_names;          /* simple units */
    PtrVec dim_names, framework_names, rule_names, param_names;
    PtrMap suggest_cache;       /* const PtrVec * -> SuggestIndex * */
    PtrMap fold_cache;          /* text -> the same with traditional characters folded */
    PtrMap fold_forms;          /* a code point traditional_forms folds -> its form */
    uint64_t fold_bmp[1024];    /* the BMP code points fold_forms holds, a bit each */
    bool fold_forms_built;
    PtrMap matchers;            /* const PtrVec * (a word list) -> VocabMatcher * (check.c) */
    PtrMap named;               /* a string literal in the checker -> its vocabulary (check.c) */
    PtrMap standard_of;         /* a framework -> its <framework>_standard vocabulary */
    size_t nstdlib;             /* the first nstdlib files are the stdlib */
    /* the trees were freed as checked (check_release.c): files hold their
       index alone, tables what the rules across tables read (name, kind,
       year, department, amount, budget lines), nothing else */
    bool released;
    uint32_t settings_file;     /* index of ptlc.settings, or UINT32_MAX */
} Program;

void program_free(Program *p);

/* Resolves a unit name (simple or compound) or returns NULL. */
const UnitDef *program_unit(Program *p, const char *name);

/* Looks name up in a vocabulary and returns its canonical name or NULL. */
const char *vocab_canonical(const Vocabulary *v, const char *name);

const Vocabulary *program_vocab(const Program *p, const char *name);

/* program_vocab of a name the checker's code spells: literal must be a
 * string literal (its address keys the cache, so the name is interned once
 * per program, not once per indicator). */
const Vocabulary *program_vocab_named(Program *p, const char *literal);
#define PROGRAM_VOCAB(p, lit) program_vocab_named((p), "" lit "")

/* A framework's <framework>_standard vocabulary (its names' 101号 names),
 * or NULL. */
const Vocabulary *program_standard_of(Program *p, const Vocabulary *fw);

/* The automaton (wordmatch.h) of a word list that lives as long as the
 * program, such as a vocabulary's spellings: built at first use, and again
 * if the list has grown since. */
struct WordMatch;
const struct WordMatch *program_matcher(Program *p, const PtrVec *words);

/* text with its traditional characters (stdlib traditional_forms) replaced by
 * the simplified ones, for matching against word lists and names only: what
 * is shown stays as printed. Returns text itself when nothing changes. */
const char *program_fold(Program *p, const char *text);

/* vocab_canonical, trying the folded spelling when the printed one is not
 * known (產出指標 for 产出指标). */
const char *vocab_canonical_folded(Program *p, const Vocabulary *v, const char *name);

#endif
