#!/bin/sh
# xgettext.sh OUT.pot: the template of every message ptlc shows, extracted
# from the sources by GNU xgettext. The keywords are the functions that
# format user-visible text (the message id is the English written there):
#   diag_report:4 diag_report_as:5 diag_note:4 parse_error:3   diagnostics
#   notify_report:4                                            notifications
#   usage_error:1 unknown_word:1                               main.c's usage errors
#   i18n_format:2 i18n_gettext:2 i18n_tr:2 ...                 other text
#   N_ NC_                                     marked where they stand, shown later
#   RULE:4                                     the rule summaries of rules.def
#   ast_result_number:5 ast_result_text:5      the grammar's messages (ptl.y)
# Every string passed to a format keyword is a c-format message, so msgfmt
# --check holds its translation to the same % arguments. Locations name the
# file only: line numbers would change the template with every edit.
# The scanner's regular expressions read as broken C to xgettext; its
# warnings about them are dropped, the actions' strings are read.
out=${1:?usage: xgettext.sh OUT.pot}
cd "$(dirname "$0")/.." || exit 2
formats="diag_report:4 diag_report_as:5 diag_note:4 parse_error:3 notify_report:4 i18n_format:2
         i18n_sprintf:2 usage_error:1 unknown_word:1"
texts="N_ NC_:1c,2 cli_tr:1 i18n_gettext:2 i18n_pgettext:2c,3 i18n_ngettext:2,3 i18n_tr:2 i18n_trc:2c,3 RULE:4
       ast_result_number:5 ast_result_text:5"
set --
for k in $formats; do
    set -- "$@" --keyword="$k" --flag="${k%%:*}:${k#*:}:c-format"
done
for k in $texts; do
    set -- "$@" --keyword="$k"
done
# the ngettext formats are c-format too; looked-up words and the rule
# summaries never are (a summary may say "not % or ‰")
set -- "$@" --flag=i18n_ngettext:2:c-format --flag=i18n_ngettext:3:c-format
for k in RULE:4 i18n_tr:2 i18n_trc:3 i18n_gettext:2 i18n_pgettext:3; do
    set -- "$@" --flag="${k%%:*}:${k#*:}:no-c-format"
done
xgettext --from-code=UTF-8 --language=C --no-wrap --add-location=file --sort-by-file \
    --package-name=ptlc --add-comments=TRANSLATORS: \
    --keyword "$@" -o "$out" \
    $(ls src/*.c src/rules.def | LC_ALL=C sort) grammar/ptl.l grammar/ptl.y 2>"$out.log"
rc=$?
grep -v 'grammar/ptl.l:[0-9]*: warning: unterminated \(string literal\|character constant\)' \
    "$out.log" >&2
rm -f "$out.log"
exit $rc
