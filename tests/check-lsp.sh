#!/bin/sh
# check-lsp.sh: ptlc lsp driven by a scripted client (tests/lsp/client.py,
# python3 and its standard library only) through every method the server
# offers, with real values asserted; prints the time a 5,000-line document
# took to be edited 100 times, then "lsp: N passed, M failed". With
# VALGRIND=1 each session is replayed under valgrind as well (a leak or an
# invalid access is a failure).
# Run from the repository root.
PTLC=${PTLC:-build/ptlc}
command -v python3 >/dev/null 2>&1 || { echo "lsp: python3 is needed" >&2; exit 2; }
if [ "${VALGRIND:-0}" = 1 ]; then
    command -v valgrind >/dev/null 2>&1 || { echo "lsp: valgrind is needed" >&2; exit 2; }
    exec python3 tests/lsp/client.py --ptlc "$PTLC" --valgrind
fi
exec python3 tests/lsp/client.py --ptlc "$PTLC"
