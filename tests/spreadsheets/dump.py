#!/usr/bin/python3
"""dump.py FILE [SHEET...]: what a reader sees in a workbook, as text, for a
golden file (tests/golden/xlsx/): per sheet (all, or those whose name
contains one of the SHEET words) its merged ranges, then every cell that
holds something, in reading order, with its type (n number, s string), its
value and, for a number, its number format. Read with Debian's
python3-openpyxl (run with /usr/bin/python3)."""
import sys

import openpyxl


def cell_line(c):
    if c.data_type == "n":
        return "%s n %r [%s]" % (c.coordinate, c.value, c.number_format)
    return "%s %s %s" % (c.coordinate, c.data_type, str(c.value).replace("\n", "\\n"))


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    wb = openpyxl.load_workbook(sys.argv[1])
    for ws in wb.worksheets:
        if len(sys.argv) > 2 and not any(w in ws.title for w in sys.argv[2:]):
            continue
        print("== %s (%d rows, %d columns)" % (ws.title, ws.max_row, ws.max_column))
        for r in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
            print("merged %s" % r.coord)
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None and c.value != "":
                    print(cell_line(c))
    return 0


if __name__ == "__main__":
    sys.exit(main())
