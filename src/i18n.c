/* i18n: lookups in the embedded catalog. The catalog is the .mo file
 * msgfmt writes, as it is: its table of original strings is sorted (msgfmt
 * sorts by strcmp, so that a reader may search it), so a lookup is a binary
 * search over the embedded bytes, with nothing parsed, allocated or cached.
 * Both byte orders are read (the magic number says which), offsets are
 * checked against the size, and a malformed catalog reads as an empty one:
 * the English text is always there to fall back on. */
#include "i18n.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "embedded.h"
#include "session.h"

static const EmbeddedFile catalogs[] = {
#include "catalog.inc"
};

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

/* ===== choosing the language ===== */

Lang i18n_lang_from_env(const char *lc_all, const char *lc_messages, const char *lang)
{
    const char *v = lc_all && *lc_all           ? lc_all
                    : lc_messages && *lc_messages ? lc_messages
                                                  : lang;
    return v && strncmp(v, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
}

bool i18n_lang_parse(const char *name, Lang *out)
{
    if (strcmp(name, "zh") == 0)
        *out = LANG_ZH;
    else if (strcmp(name, "en") == 0)
        *out = LANG_EN;
    else
        return false;
    return true;
}

/* ===== the .mo catalog ===== */

typedef struct Mo {
    const unsigned char *bytes;
    size_t size;
    bool swapped;
    uint32_t n, originals, translations;
} Mo;

static uint32_t word_at(const Mo *mo, size_t off)
{
    uint32_t w;
    memcpy(&w, mo->bytes + off, 4);
    if (mo->swapped)
        w = (w >> 24) | ((w >> 8) & 0xff00u) | ((w << 8) & 0xff0000u) | (w << 24);
    return w;
}

static bool open_mo(Lang lang, Mo *mo)
{
    if (lang != LANG_ZH || ARRAY_LEN(catalogs) == 0)
        return false;
    const EmbeddedFile *f = &catalogs[0];
    mo->bytes = f->bytes;
    mo->size = f->len;
    mo->swapped = false;
    if (mo->size < 28)
        return false;
    uint32_t magic = word_at(mo, 0);
    if (magic == MO_MAGIC_SWAPPED)
        mo->swapped = true;
    else if (magic != MO_MAGIC)
        return false;
    mo->n = word_at(mo, 8);
    mo->originals = word_at(mo, 12);
    mo->translations = word_at(mo, 16);
    uint64_t table = (uint64_t)mo->n * 8;
    return mo->originals + table <= mo->size && mo->translations + table <= mo->size;
}

/* The string the table entry at off describes, or NULL when it does not lie
 * inside the catalog with its terminating NUL. */
static const char *string_at(const Mo *mo, size_t off, uint32_t *len)
{
    *len = word_at(mo, off);
    uint64_t at = word_at(mo, off + 4);
    if (at + *len >= mo->size || mo->bytes[at + *len] != '\0')
        return NULL;
    return (const char *)mo->bytes + at;
}

/* strcmp of the key "context\004msgid" (or msgid alone) against s. */
static int compare_key(const char *context, const char *msgid, const char *s)
{
    if (context) {
        size_t n = strlen(context);
        int c = strncmp(context, s, n);
        if (c != 0)
            return c;
        s += n;
        if (*s != '\004')
            return (unsigned char)'\004' - (unsigned char)*s;
        s++;
    }
    return strcmp(msgid, s);
}

/* The translation of the key, or NULL when the catalog has none (an empty
 * msgstr counts as none, as in gettext). */
static const char *lookup(Lang lang, const char *context, const char *msgid, uint32_t *len)
{
    Mo mo;
    if ((!context && !*msgid) || !open_mo(lang, &mo))
        return NULL;    /* "" is the catalog's header, not a message */
    uint32_t lo = 0, hi = mo.n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t olen;
        const char *orig = string_at(&mo, mo.originals + (size_t)mid * 8, &olen);
        if (!orig)
            return NULL;
        int c = compare_key(context, msgid, orig);
        if (c == 0) {
            const char *t = string_at(&mo, mo.translations + (size_t)mid * 8, len);
            return t && *len ? t : NULL;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *i18n_gettext(Lang lang, const char *msgid)
{
    uint32_t len;
    const char *t = lookup(lang, NULL, msgid, &len);
    return t ? t : msgid;
}

const char *i18n_pgettext(Lang lang, const char *context, const char *msgid)
{
    uint32_t len;
    const char *t = lookup(lang, context, msgid, &len);
    return t ? t : msgid;
}

/* Chinese has one plural form: a plural entry's msgstr[0] serves every n
 * (for a language with more, the header's Plural-Forms would choose). */
const char *i18n_ngettext(Lang lang, const char *singular, const char *plural, unsigned long n)
{
    uint32_t len;
    const char *t = lookup(lang, NULL, singular, &len);
    if (t && !i18n_same_arguments(plural, t))
        t = NULL;       /* as i18n_format: never a translation with other arguments */
    return t ? t : n == 1 ? singular : plural;
}

const char *i18n_tr(const Session *s, const char *msgid)
{
    return i18n_gettext(s->lang, msgid);
}

const char *i18n_trc(const Session *s, const char *context, const char *msgid)
{
    return i18n_pgettext(s->lang, context, msgid);
}

char *i18n_sprintf(Session *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *r = arena_vsprintf(&s->arena, i18n_format(s->lang, fmt), ap);
    va_end(ap);
    return r;
}

/* ===== formats ===== */

bool i18n_conv(const char *p, int *next, int *positional, FmtConv *c)
{
    memset(c, 0, sizeof *c);
    c->at = p++;
    c->width = c->prec = c->width_arg = c->prec_arg = c->arg = -1;
    if (*p == '%') {
        c->conv = '%';
        c->end = p + 1;
        return true;
    }
    int pos = 0;
    const char *q = p;
    while (*q >= '0' && *q <= '9' && pos < 1000)
        pos = pos * 10 + (*q++ - '0');
    int is_pos = *q == '$' && pos > 0;
    if (is_pos)
        p = q + 1;
    if (*positional >= 0 && *positional != is_pos)
        return false;
    *positional = is_pos;
    size_t nf = 0;
    while (*p && strchr("-+ #0", *p) && nf < sizeof c->flags - 1)
        c->flags[nf++] = *p++;
    for (int part = 0; part < 2; part++) {          /* width, then .precision */
        if (part == 1) {
            if (*p != '.')
                break;
            p++;
            c->prec = 0;
        }
        int *lit = part ? &c->prec : &c->width, *arg = part ? &c->prec_arg : &c->width_arg;
        if (*p == '*') {
            p++;
            int sp = 0;
            q = p;
            while (*q >= '0' && *q <= '9' && sp < 1000)
                sp = sp * 10 + (*q++ - '0');
            if (is_pos && (*q != '$' || sp == 0))
                return false;
            if (is_pos)
                p = q + 1;
            *arg = is_pos ? sp - 1 : (*next)++;
        } else {
            if (part == 0 && *p >= '0' && *p <= '9')
                *lit = 0;
            while (*p >= '0' && *p <= '9' && *lit < 10000)
                *lit = *lit * 10 + (*p++ - '0');
            if (*p >= '0' && *p <= '9')
                return false;
        }
    }
    char len = 0;
    if (*p == 'h') {
        p += p[1] == 'h' ? 2 : 1;
    } else if (*p == 'l') {
        len = p[1] == 'l' ? 'q' : 'l';
        p += p[1] == 'l' ? 2 : 1;
    } else if (*p == 'z') {
        len = 'z';
        p++;
    }
    c->conv = *p ? *p++ : '\0';
    if (c->conv == 's' && !len)
        c->kind = 's';
    else if ((c->conv == 'd' || c->conv == 'i' || c->conv == 'c') && len != 'z')
        c->kind = len ? len : 'i';
    else if (c->conv == 'u' || c->conv == 'x' || c->conv == 'X' || c->conv == 'o')
        c->kind = len == 'z' ? 'z' : len == 'l' ? 'L' : len == 'q' ? 'Q' : 'u';
    else
        return false;
    c->arg = is_pos ? pos - 1 : (*next)++;
    c->end = p;
    return c->arg < I18N_MAX_ARGS && c->width_arg < I18N_MAX_ARGS
           && c->prec_arg < I18N_MAX_ARGS;
}

/* Records that argument at has type kind; false on a clash. */
static bool note_type(char types[I18N_MAX_ARGS], int *n, int at, char kind)
{
    if (at < 0)
        return true;
    if (types[at] && types[at] != kind)
        return false;
    types[at] = kind;
    if (at + 1 > *n)
        *n = at + 1;
    return true;
}

int i18n_arg_types(const char *f, char types[I18N_MAX_ARGS])
{
    int next = 0, n = 0, positional = -1;
    memset(types, 0, I18N_MAX_ARGS);
    for (const char *p = strchr(f, '%'); p; p = strchr(p, '%')) {
        FmtConv c;
        if (!i18n_conv(p, &next, &positional, &c))
            return -1;
        p = c.end;
        if (c.conv == '%')
            continue;
        if (!note_type(types, &n, c.width_arg, 'i') || !note_type(types, &n, c.prec_arg, 'i')
            || !note_type(types, &n, c.arg, c.kind))
            return -1;
    }
    for (int i = 0; i < n; i++)
        if (!types[i])
            return -1;
    return n;
}

bool i18n_same_arguments(const char *a, const char *b)
{
    char ta[I18N_MAX_ARGS], tb[I18N_MAX_ARGS];
    int na = i18n_arg_types(a, ta), nb = i18n_arg_types(b, tb);
    return na >= 0 && na == nb && memcmp(ta, tb, (size_t)na) == 0;
}

const char *i18n_format(Lang lang, const char *fmt)
{
    const char *t = i18n_gettext(lang, fmt);
    return t == fmt || i18n_same_arguments(fmt, t) ? t : fmt;
}

/* ===== system errors ===== */

/* The messages of the errors a file operation meets, as glibc's strerror
 * words them: each is a message id, so the catalog translates them. */
static const char *const system_errors[] __attribute__((unused)) = {
    N_("No such file or directory"), N_("Permission denied"), N_("Is a directory"),
    N_("Not a directory"), N_("Too many levels of symbolic links"),
    N_("No space left on device"), N_("Read-only file system"), N_("File exists"),
    N_("Too many open files"), N_("Input/output error"), N_("File name too long"),
    N_("Operation not permitted"), N_("Invalid cross-device link"),
    N_("Device or resource busy"), N_("Text file busy"), N_("File too large"),
    N_("Disk quota exceeded"), N_("Invalid argument"), N_("No such device or address"),
    N_("No such device"), N_("Directory not empty"), N_("Broken pipe"),
    N_("Cannot allocate memory"), N_("Resource temporarily unavailable"),
};

const char *i18n_strerror(Lang lang, int e)
{
    return i18n_gettext(lang, strerror(e));
}
