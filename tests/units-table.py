#!/usr/bin/env python3
"""units-table.py: the table of dimensions and units of docs/language.md, as
stdlib/units.ptl declares them (tests/check-language.sh compares the two, so
the document lists every unit ptlc knows). Run from the repository root;
prints the Markdown table."""
import re

dims, labels, cons, units = [], {}, {}, {}
with open("stdlib/units.ptl", encoding="utf-8") as f:
    for line in f:
        line = re.sub(r"//.*", "", line).strip()
        m = re.match(r'dimension (\S+) "([^"]*)" \{(.*)\}', line)
        if m:
            d = m.group(1)
            dims.append(d)
            labels[d], cons[d], units[d] = m.group(2), m.group(3), []
            continue
        m = re.match(r"unit (\S+) (\S+)(?: = (\S+) (\S+))?$", line)
        if m:
            u, d, factor, base = m.groups()
            units[d].append((u, factor, base))


def constraints(d):
    out = []
    if "integer" in cons[d]:
        out.append("whole numbers")
    out.append("0 to 100 (in %)" if "max 100" in cons[d] else "≥ 0")
    return ", ".join(out)


print("| dimension | label | constraints | units (exact factors) |")
print("|---|---|---|---|")
for d in dims:
    plain = " ".join(u for u, factor, _ in units[d] if not factor)
    derived = "; ".join("`%s` = %s %s" % (u, factor, base) for u, factor, base in units[d] if factor)
    print("| `%s` | %s | %s | %s%s%s |" % (d, labels[d], constraints(d), plain,
                                          "; " if plain and derived else "", derived))
