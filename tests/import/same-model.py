#!/usr/bin/env python3
"""same-model.py [--numbers] PTLC A.ptl B.ptl: exit 0 when the two files check to the
same model and the same findings, else print what differs and exit 1.

The model is `ptlc build --format json --allow-errors`, the findings
`ptlc check --diagnostics json`. What only says where a thing was written
(file, line, column) is left out of both, since an import and a hand
transcription lay the same table out on different lines; comments are not
in the model at all. Everything else must be equal: names, values, units,
operators, order, every finding's rule, severity and message."""
import decimal
import json
import re
import subprocess
import sys

PLACE = {"file", "line", "column", "end_line", "end_column", "uri", "related", "fixes",
         "source", "snippet"}


NUMBERS = False     # --numbers: 120.00 and 120 are one value (a workbook keeps numbers, not digits)


def strip(o):
    if isinstance(o, dict):
        return {k: strip(v) for k, v in o.items() if k not in PLACE}
    if isinstance(o, list):
        return [strip(x) for x in o]
    if NUMBERS and isinstance(o, str):
        try:
            return str(decimal.Decimal(o).normalize()) if o.replace(".", "", 1).lstrip("-").isdigit() else o
        except decimal.InvalidOperation:
            return o
    return o


def digits(text):
    """With --numbers, 60.00 in a message is the 60 of the other side."""
    if not NUMBERS or text is None:
        return text
    return re.sub(r"\b(\d+)\.(\d*?)0+\b", lambda m: m.group(1) + ("." + m.group(2) if m.group(2) else ""), text)


def run(ptlc, path):
    b = subprocess.run([ptlc, "build", "--no-settings", "--format", "json", "--allow-errors", "-o", "-", path],
                       capture_output=True, text=True)
    c = subprocess.run([ptlc, "check", "--no-settings", "--max-errors", "0", "--diagnostics", "json", path],
                       capture_output=True, text=True)
    model = strip(json.loads(b.stdout)) if b.stdout.strip() else {"build-failed": b.stderr}
    diags = json.loads(c.stderr) if c.stderr.strip() else {}
    found = sorted((d.get("severity"), d.get("rule"), digits(d.get("message")))
                   for d in diags.get("diagnostics", []))
    return model, found


def flat(o, p=""):
    if isinstance(o, dict):
        for k, v in o.items():
            yield from flat(v, f"{p}.{k}")
    elif isinstance(o, list):
        for i, v in enumerate(o):
            yield from flat(v, f"{p}[{i}]")
    else:
        yield p, o


def main():
    global NUMBERS
    args = sys.argv[1:]
    if args and args[0] == "--numbers":
        NUMBERS = True
        args = args[1:]
    ptlc, a, b = args[:3]
    ma, fa = run(ptlc, a)
    mb, fb = run(ptlc, b)
    ok = True
    if ma != mb:
        ok = False
        da, db = dict(flat(ma)), dict(flat(mb))
        shown = 0
        for k in sorted(set(da) | set(db)):
            if da.get(k, "<absent>") != db.get(k, "<absent>") and shown < 12:
                print(f"  model {k}: {da.get(k, '<absent>')!r} vs {db.get(k, '<absent>')!r}")
                shown += 1
    if fa != fb:
        ok = False
        for f in sorted(set(fa) - set(fb))[:6]:
            print(f"  only in {a}: {f}")
        for f in sorted(set(fb) - set(fa))[:6]:
            print(f"  only in {b}: {f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
