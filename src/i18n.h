/* i18n: the messages in the reader's language. The English text written in
 * the C source is the message id (GNU gettext's convention), and po/zh_CN.po
 * holds its Chinese; msgfmt --check compiles it into a .mo catalog that the
 * build embeds (build/gen/catalog.inc), so a lookup needs no installed file,
 * no setlocale() and no process-wide state: the language is a value each
 * Session carries, and a language server may serve a Chinese and an English
 * client in one process. Ownership: every returned string is static
 * (embedded data or the id itself), valid for the life of the process. */
#ifndef PTL_I18N_H
#define PTL_I18N_H

#include <stdbool.h>

#include "util.h"

typedef enum Lang { LANG_EN, LANG_ZH } Lang;

/* Marks a string for xgettext without translating it where it stands (an
 * initializer, a table): it is looked up where it is shown. NC_ gives it a
 * context, for a word that means different things in different places. */
#define N_(msgid) msgid
#define NC_(context, msgid) msgid

/* The language a process environment asks for, with POSIX's precedence: the
 * first of LC_ALL, LC_MESSAGES and LANG that is set and not empty decides
 * (NULL stands for unset). Chinese when it starts with "zh", English for
 * anything else, "C" and "POSIX" included. */
Lang i18n_lang_from_env(const char *lc_all, const char *lc_messages, const char *lang);

/* "zh" or "en" (as --lang takes them): true and *out set, else false. */
bool i18n_lang_parse(const char *name, Lang *out);

/* The translation of msgid into lang, or msgid itself (English, or a text
 * the catalog lacks). */
const char *i18n_gettext(Lang lang, const char *msgid);

/* As i18n_gettext, for msgid in a context (msgctxt). */
const char *i18n_pgettext(Lang lang, const char *context, const char *msgid);

/* The form of a message about n things: singular or plural in English;
 * Chinese has the one form. A translation is used only with the plural's
 * arguments (see i18n_format). */
const char *i18n_ngettext(Lang lang, const char *singular, const char *plural, unsigned long n);

/* The translation of a printf-style format, but only if it takes the same
 * arguments (the same conversions for each argument number, "%2$s"
 * positions allowed): a catalog that msgfmt --check did not see can then
 * never make a message read a wrong argument. Otherwise fmt itself. */
const char *i18n_format(Lang lang, const char *fmt);

/* True when the two formats take the same arguments (exposed for tests). */
bool i18n_same_arguments(const char *a, const char *b);

/* ----- printf formats, as ptlc writes them ----- */

enum { I18N_MAX_ARGS = 32 };

/* One conversion of a format: %[n$][flags][width][.precision][length]conv,
 * width and precision literal or '*' ('*m$' in a positional format). */
typedef struct FmtConv {
    const char *at, *end;           /* the '%', and just past the conversion */
    char flags[8];
    int width, prec;                /* the literal ones, or -1 */
    int width_arg, prec_arg;        /* the argument ('*') they are read from (from 0), or -1 */
    int arg;                        /* the argument converted (from 0); -1 for %% */
    char conv;                      /* s d i u x X o c, or '%' */
    char kind;                      /* the argument's type: 'i' int, 'u' unsigned, 'l' long,
                                       'L' unsigned long, 'q' long long, 'Q' unsigned long
                                       long, 'z' size_t, 's' const char * */
} FmtConv;

/* Parses the conversion at p (a '%'). *next counts the arguments a plain
 * format has used so far, *positional is -1 until the first conversion says
 * whether the format numbers its arguments (a format does all or none).
 * False for what ptlc never writes: another conversion or length, a mix. */
bool i18n_conv(const char *p, int *next, int *positional, FmtConv *c);

/* The type of each argument of format f (FmtConv.kind), by number; returns
 * how many it takes, or -1 when f is not a format ptlc writes (see
 * i18n_conv), an argument is read as two types or one is never read. */
int i18n_arg_types(const char *f, char types[I18N_MAX_ARGS]);

/* The message of errno value e (strerror's English) in lang. */
const char *i18n_strerror(Lang lang, int e);

/* Shorthands for a session's language: i18n_tr(s, msgid) and, with a
 * context, i18n_trc(s, context, msgid). */
typedef struct Session Session;
const char *i18n_tr(const Session *s, const char *msgid);
const char *i18n_trc(const Session *s, const char *context, const char *msgid);

/* arena_sprintf in the session's arena, with fmt translated (i18n_format):
 * for a piece of a message built before the message itself. */
char *i18n_sprintf(Session *s, const char *fmt, ...) PTL_PRINTF(2, 3);

#endif
