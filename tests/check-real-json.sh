#!/bin/sh
# check-real-json.sh: the JSON model of each real table (tests/real/NNN-*.ptl,
# hand transcriptions of 23 published tables) holds every value exactly as
# the table prints it. A model that drops a cell, rounds a number, turns
# 60.00 into 60 or mangles a string would still be valid JSON and pass the
# schema; this test reads the .ptl source itself and looks for each literal.
#
# For each file, `ptlc build --format json --no-settings --allow-errors` (the
# real tables keep the findings a reviewer would raise, some of them errors),
# then an embedded python3 script lexes the .ptl as grammar/ptl.l does and
# asserts, outside comments:
#   - every string literal, its escapes decoded (\" \\ \n \t \u{...}), is a
#     JSON string value exactly equal to it (empty strings are skipped, and
#     so are the reasons of `allow RULE "reason"`, which docs/json.md says the
#     model leaves out);
#   - every number (the NUMBER token: -?digits(.digits)?) is, with its text
#     exactly as written (60.00 stays "60.00", docs/json.md "Exact decimals
#     are strings"), a JSON string, or a JSON integer for the whole numbers
#     the model writes as such (`year`, `period` from/to); positions and
#     counts (line, column, indicator_count, format, errors) do not count;
#   - every date (2026-12-31, 2025年12月) is a JSON string in the ISO form
#     the model promises (2025年12月 is "2025-12");
#   - and each literal occurs in the JSON at least as many times as in the
#     source, so a value lost where the same text is printed elsewhere in the
#     table is still found missing.
#
# Prints one line per failure (file:line and the literal), then
# "real-json: N passed, M failed" (files); exits 1 if any failed. Run from
# the repository root.
PTLC=${PTLC:-build/ptlc}
dir=tests/real
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

command -v python3 >/dev/null 2>&1 || { echo "real-json: python3 is needed" >&2; exit 2; }

cat >"$tmp/check.py" <<'PY'
import json, re, sys, unicodedata

src_path, json_path = sys.argv[1], sys.argv[2]

# ----- the .ptl side: a lexer for literals, after grammar/ptl.l -----

text = open(src_path, encoding="utf-8").read()
if text.startswith("\ufeff"):
    text = text[1:]

RX = [  # the number-like rules in ptl.l's order (flex: longest match, then first rule)
    ("years", re.compile(r"[0-9]{4}-[0-9]{4}")),
    ("date", re.compile(r"[0-9]{4}-[0-9]{1,2}(?:-[0-9]{1,2})?")),
    ("dotdate", re.compile(r"[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}\.?")),
    ("cndate", re.compile(r"[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}日)?")),
    ("number", re.compile(r"-?[0-9]+(?:\.[0-9]+)?")),
]
KEBAB = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)+")


def ident_char(ch, first):
    cp = ord(ch)
    if cp < 0x80:
        return ch == "_" or ch.isascii() and ch.isalpha() or (not first and ch.isdigit())
    if cp in (0xB7, 0x30FB):
        return not first
    cat = unicodedata.category(ch)
    if cat in ("Lu", "Ll", "Lt", "Lm", "Lo", "Nl"):
        return True
    return not first and cat in ("Mn", "Mc", "Nd", "No", "Pc")


def iso(kind, s):
    """The ISO form the model gives a date (docs/json.md)."""
    parts = [int(p) for p in re.findall(r"[0-9]+", s)]
    return "-".join(["%04d" % parts[0]] + ["%02d" % p for p in parts[1:3]])


tokens = []     # (kind, text, line): kind string, number, date, word, sym
i, line, n = 0, 1, len(text)
while i < n:
    c = text[i]
    if c in " \t\f\v":
        i += 1
    elif c in "\r\n":
        i += 2 if text.startswith("\r\n", i) else 1
        line += 1
    elif text.startswith("//", i):
        while i < n and text[i] not in "\r\n":
            i += 1
    elif text.startswith("/*", i):
        end = text.find("*/", i + 2)
        end = n if end < 0 else end + 2
        line += len(re.findall(r"\r\n|\r|\n", text[i:end]))
        i = end
    elif c == '"':
        start, buf, i = line, [], i + 1
        while i < n and text[i] not in '"\r\n':
            if text[i] != "\\":
                buf.append(text[i])
                i += 1
                continue
            m = re.compile(r'\\(?:([nt"\\])|u\{([0-9A-Fa-f]{1,6})\})').match(text, i)
            if not m:           # an unknown escape: an error, nothing is added
                i += 1 if i + 1 >= n or text[i + 1] in "\r\n" else 2
            elif m.group(1):
                buf.append({"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)))
                i = m.end()
            else:
                cp = int(m.group(2), 16)
                if 0 < cp <= 0x10FFFF and not 0xD800 <= cp <= 0xDFFF:
                    buf.append(chr(cp))
                i = m.end()
        if i < n and text[i] == '"':
            i += 1
        tokens.append(("string", "".join(buf), start))
    elif c.isascii() and c.isdigit() or c == "-" and text[i + 1:i + 2].isdigit():
        best = None
        for kind, rx in RX:
            m = rx.match(text, i)
            if m and (best is None or m.end() > best[1].end()):
                best = (kind, m)
        kind, m = best
        s = m.group(0)
        if kind in ("date", "dotdate", "cndate"):
            tokens.append(("date", iso(kind, s), line))
        elif kind == "years":   # 2026-2028: an error; read as 2026
            tokens.append(("number", s[:4], line))
        else:
            tokens.append(("number", s, line))
        i = m.end()
    elif ident_char(c, True):
        m = KEBAB.match(text, i)
        j = i + 1
        while j < n and ident_char(text[j], False):
            j += 1
        if m and m.end() > j:
            j = m.end()
        tokens.append(("word", text[i:j], line))
        i = j
    else:
        tokens.append(("sym", c, line))
        i += 1

# the reason of an allow (table-wide or at the end of an indicator) is not
# in the model: docs/json.md, "Rule controls are not emitted"
literals = []
for k, (kind, value, ln) in enumerate(tokens):
    if kind == "string" and k >= 2 and tokens[k - 2] == ("word", "allow", tokens[k - 2][2]) \
            and tokens[k - 1][0] == "word":
        continue
    if kind == "string" and value == "":
        continue
    if kind in ("string", "number", "date"):
        literals.append((kind, value, ln))

# ----- the JSON side -----

class Num(str):
    pass

NOT_VALUES = {"line", "column", "indicator_count", "format", "errors"}
strings, numbers = {}, {}

def walk(v, key=None):
    if isinstance(v, dict):
        for k, x in v.items():
            walk(x, k)
    elif isinstance(v, list):
        for x in v:
            walk(x, key)
    elif isinstance(v, Num):
        if key not in NOT_VALUES:
            numbers[str(v)] = numbers.get(str(v), 0) + 1
    elif isinstance(v, str):
        strings[v] = strings.get(v, 0) + 1

try:
    with open(json_path, encoding="utf-8") as f:
        model = json.load(f, parse_int=Num, parse_float=Num)
except (OSError, ValueError) as e:
    print("    the model is not JSON: %s" % e)
    sys.exit(1)
walk(model)

# ----- each literal in the model -----

failed = 0
wanted = {}
for kind, value, ln in literals:
    found = strings.get(value, 0) + (numbers.get(value, 0) if kind == "number" else 0)
    if not found:
        print("    %s:%d: %s %s is not in the JSON" % (src_path, ln, kind, json.dumps(value, ensure_ascii=False)))
        failed += 1
        continue
    wanted.setdefault((kind, value), []).append(ln)
for (kind, value), lines in sorted(wanted.items(), key=lambda kv: kv[1][0]):
    found = strings.get(value, 0) + (numbers.get(value, 0) if kind == "number" else 0)
    if found < len(lines):
        print("    %s:%s: %s %s is printed %d times, but the JSON has it %d times"
              % (src_path, ",".join(map(str, lines)), kind, json.dumps(value, ensure_ascii=False),
                 len(lines), found))
        failed += 1
sys.exit(1 if failed else 0)
PY

for f in "$dir"/*.ptl; do
    name=$(basename "$f" .ptl)
    $PTLC build --format json --no-settings --allow-errors -o - "$f" >"$tmp/$name.json" 2>/dev/null
    rc=$?
    if [ $rc -gt 1 ] || [ ! -s "$tmp/$name.json" ]; then
        echo "[FAIL] $f: ptlc exited $rc and wrote no model"
        fail=$((fail + 1))
        continue
    fi
    if python3 "$tmp/check.py" "$f" "$tmp/$name.json" >"$tmp/$name.out" 2>&1; then
        pass=$((pass + 1))
    else
        echo "[FAIL] $f"
        cat "$tmp/$name.out"
        fail=$((fail + 1))
    fi
done

echo "real-json: $pass passed, $fail failed"
[ $fail -eq 0 ]
