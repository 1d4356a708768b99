#!/bin/sh
# make-grid-xls.sh: writes tests/import/grid.xls, the .xls fixture of
# tests/unit/test_grid.c. It is the workbook that test builds with
# libxlsxwriter (formats.xlsx, which PTL_GRID_SEEDS=DIR makes the test
# write into DIR), saved as .xls (BIFF8) by LibreOffice headless, with a
# profile of its own so that it never meets another LibreOffice run.
# Run from the repository root; check the cells the test asserts, commit.
set -e
make --no-print-directory build/tests/test_grid >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# the test's .xls case fails until the fixture exists: only the workbooks matter here
PTL_GRID_SEEDS=$dir build/tests/test_grid >/dev/null 2>&1 || true
soffice "-env:UserInstallation=file://$dir/profile" --headless --convert-to xls \
    --outdir "$dir" "$dir/formats.xlsx" >/dev/null 2>&1
cp "$dir/formats.xls" tests/import/grid.xls
echo "wrote tests/import/grid.xls ($(wc -c <tests/import/grid.xls) bytes)"
