#!/usr/bin/env python3
"""tests/hostile/run.py: inputs made to break ptlc, each checked against
the time and memory limits written in docs/limits.md.

For every case: ptlc must end with the exit status the case expects (1 for
a table with errors, 2 for an I/O failure), print a message that is
located (file:line:col, or the path for an I/O failure) and matches the
case's pattern, and stay within the case's row of the limits table in
docs/limits.md (wall time and peak resident memory, measured with wait4).
A case in this file without a row there, or a row without a case, is a
failure too, so the document and the test cannot drift apart.

Small inputs are files beside this script; large ones (100 MB lines, a
million indicators) are generated into a temporary directory.

    python3 tests/hostile/run.py [--ptlc build/ptlc] [--only NAME]

Prints one line per case and "hostile: N passed, M failed"; exits 1 if
any failed."""

import argparse
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LIMITS = os.path.join(ROOT, "docs", "limits.md")

MB = 1 << 20

TABLE_HEAD = 'department "株洲市渌口区信访局" {\n    year 2026\n    budget { total 100 万元 }\n'
TREE_TAIL = ('        效益指标 { 社会效益指标 { "秩序" 定性 "达到" } }\n'
             '        满意度指标 { 服务对象满意度指标 { "群众满意率" ≥ 90 % } }\n'
             '        成本指标 { 经济成本指标 { "成本" ≤ 40 万元 } }\n')


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def copy_case(name):
    def make(d):
        shutil.copy(os.path.join(HERE, name), d)
        return ["check", "--max-errors", "0", name]
    return make


def line_100mb_string(d):
    with open(os.path.join(d, "t.ptl"), "wb") as f:
        f.write(TABLE_HEAD.encode() + b'    duty "')
        chunk = b"a" * MB
        for _ in range(100):
            f.write(chunk)
        f.write(b"\n}\n")
    return ["check", "t.ptl"]


def line_100mb_comment(d):
    with open(os.path.join(d, "t.ptl"), "wb") as f:
        f.write(b"// ")
        chunk = ("注释" * (MB // 6)).encode()
        for _ in range(100):
            f.write(chunk)
        f.write(b"\n" + TABLE_HEAD.encode() + "    task \"t\" 1 万圆 \"x\"\n}\n".encode())
    return ["check", "t.ptl"]


def line_100mb_tokens(d):
    """A whole table on one 100 MB line (statements separated by ';'); the
    last indicator's unit is misspelt, so the error is at a column near 60
    million (the line is mostly CJK, 3 bytes a character)."""
    row_of = lambda i: '"走访群众%d" ≥ 30 户; ' % i
    with open(os.path.join(d, "t.ptl"), "wb") as f:
        f.write(('department "株洲市渌口区信访局" { year 2026; budget { total 100 万元 }; '
                 'indicators { 产出指标 { 数量指标 { ').encode())
        size, i = 0, 0
        while size < 100 * MB:
            block = "".join(row_of(k) for k in range(i, i + 4096)).encode()
            f.write(block)
            size += len(block)
            i += 4096
        f.write('"最后一个" ≥ 1 万圆 } }; '.encode() + TREE_TAIL.replace("\n", "; ").encode()
                + b"} }\n")
    return ["check", "t.ptl"]


def nested_100000(d):
    write(os.path.join(d, "t.ptl"), 'department "a" ' + "{" * 100000 + "}" * 100000 + "\n")
    return ["check", "t.ptl"]


def big_table(path, n, last=""):
    """One table of n indicators a line, then the line last, if any."""
    with open(path, "wb") as f:
        f.write((TABLE_HEAD + "    indicators {\n        产出指标 { 数量指标 {\n").encode())
        for i in range(0, n, 1000):
            f.write("".join('            "指标%d" ≥ %d 次\n' % (k, k)
                            for k in range(i, min(i + 1000, n))).encode())
        f.write((last + "        } }\n" + TREE_TAIL + "    }\n}\n").encode())


def indicators_1000000(d):
    big_table(os.path.join(d, "t.ptl"), 1000000, '            "最后一个" ≥ 1 万圆\n')
    return ["check", "t.ptl"]


def xlsx_too_many_rows(d):
    """A table of more indicators than a worksheet has rows."""
    big_table(os.path.join(d, "t.ptl"), 1048600)
    return ["build", "--format", "xlsx", "-o", "t.xlsx", "t.ptl"]


def unit_name_1mb(d):
    write(os.path.join(d, "t.ptl"), TABLE_HEAD + "    indicators {\n        产出指标 { 数量指标 {\n"
          '            "x" ≥ 1 ' + "斤" * (MB // 3) + "\n        } }\n" + TREE_TAIL + "    }\n}\n")
    return ["check", "t.ptl"]


def compound_unit_long(d):
    write(os.path.join(d, "t.ptl"), TABLE_HEAD + "    indicators {\n        产出指标 { 数量指标 {\n"
          '            "x" ≤ 1 元' + "/人" * (MB // 4) + "/斤x\n        } }\n" + TREE_TAIL + "    }\n}\n")
    return ["check", "t.ptl"]


def duplicate_tables_10000(d):
    write(os.path.join(d, "t.ptl"), (TABLE_HEAD + "}\n") * 10000)
    return ["check", "--allow", "no-indicators", "t.ptl"]


def bad_table(d, name="bad.ptl"):
    write(os.path.join(d, name), TABLE_HEAD + '    task "t" 1 万圆 "x"\n}\n')


def symlink_loop(d):
    os.mkdir(os.path.join(d, "dir"))
    bad_table(os.path.join(d, "dir"))
    os.symlink(".", os.path.join(d, "dir", "a"))
    os.symlink(".", os.path.join(d, "dir", "b"))
    return ["check", "dir"]


SECRET = "SECRET-TOKEN-3f9a1c"


def symlink_escape(d):
    os.mkdir(os.path.join(d, "dir"))
    bad_table(os.path.join(d, "dir"))
    write(os.path.join(d, "outside.txt"), SECRET + "\n")
    os.symlink(os.path.join(d, "outside.txt"), os.path.join(d, "dir", "x.ptl"))
    os.symlink("/proc/self/environ", os.path.join(d, "dir", "env.ptl"))
    return ["check", "dir"]


def fifo(d):
    os.mkdir(os.path.join(d, "dir"))
    bad_table(os.path.join(d, "dir"))
    os.mkfifo(os.path.join(d, "dir", "x.ptl"))
    return ["check", "dir"]


def unreadable(d):
    bad_table(d)
    write(os.path.join(d, "secret.ptl"), TABLE_HEAD + "}\n")
    os.chmod(os.path.join(d, "secret.ptl"), 0)
    os.chmod(d, 0o755)
    return ["check", "bad.ptl", "secret.ptl"]


def output_full_device(d):
    write(os.path.join(d, "ok.ptl"), TABLE_HEAD.replace("100 万元", "40 万元") + "}\n")
    return ["build", "--format", "json", "--no-settings", "--allow", "missing-field",
            "--allow", "no-indicators", "-o", "/dev/full", "ok.ptl"]


def output_is_input(d):
    write(os.path.join(d, "ok.ptl"), TABLE_HEAD + "}\n")
    return ["build", "--format", "csv", "--allow", "missing-field", "--allow", "no-indicators",
            "-o", "ok.ptl", "ok.ptl"]


def no_secret(out):
    return SECRET not in out and "PATH=" not in out


def nonroot_prefix():
    """As root, the unreadable case runs as nobody (root reads anything)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    return None


# name: (make input, expected exit, pattern every run's stderr must match,
#        extra check on stderr or None, command prefix or None)
LOC = r"^[^:\n]+:\d+:\d+: error\["
CASES = {
    "invalid-utf8-a": (copy_case("invalid-utf8-a.ptl"), 1,
                       LOC + r"encoding\]: invalid UTF-8 bytes 0xC0 0x80 in string", None, []),
    "invalid-utf8-b": (copy_case("invalid-utf8-b.ptl"), 1,
                       LOC + r"encoding\]: invalid UTF-8 bytes 0xED 0xA0 0x80 in string", None, []),
    "invalid-utf8-c": (copy_case("invalid-utf8-c.ptl"), 1,
                       LOC + r"encoding\]: invalid UTF-8 bytes 0xF4 0x90 0x80 0x80", None, []),
    "invalid-utf8-d": (copy_case("invalid-utf8-d.ptl"), 1,
                       r"invalid-utf8-d.ptl:6:1: error\[encoding\]: invalid UTF-8 bytes 0xF0 0x9F 0x98",
                       None, []),
    "nul-bytes": (copy_case("nul-bytes.ptl"), 1, LOC + r"syntax\]: NUL byte in string", None, []),
    "digits-400": (copy_case("digits-400.ptl"), 1, LOC + r"number-too-large\]", None, []),
    "overflowing-sums": (copy_case("overflowing-sums.ptl"), 1,
                         LOC + r"arithmetic-overflow\]: the projects of", None, []),
    "line-100mb-string": (line_100mb_string, 1,
                          r"t.ptl:4:10: error\[syntax\]: unterminated string", None, []),
    "line-100mb-comment": (line_100mb_comment, 1, r"t.ptl:5:16: error\[unknown-unit\]", None, []),
    "line-100mb-tokens": (line_100mb_tokens, 1, r"t.ptl:1:\d{8}: error\[unknown-unit\]", None, []),
    "nested-100000": (nested_100000, 1, LOC + r"syntax\]: blocks nested more than 64 deep", None, []),
    "indicators-1000000": (indicators_1000000, 1, r"t.ptl:1000006:\d+: error\[unknown-unit\]",
                           None, []),
    "xlsx-too-many-rows": (xlsx_too_many_rows, 2,
                           r"t.ptl:1:1: table .* needs 10\d{5} rows .* at most 1048576 rows", None, []),
    "unit-name-1mb": (unit_name_1mb, 1, LOC + r"unknown-unit\]: unknown unit '斤{160}…'$",
                      None, []),
    "compound-unit-long": (compound_unit_long, 1, LOC + r"unknown-unit\]: unknown unit '元(/人)+",
                           None, []),
    "duplicate-tables-10000": (duplicate_tables_10000, 1, LOC + r"duplicate-table\]", None, []),
    "symlink-loop": (symlink_loop, 1, r"bad.ptl:4:\d+: error\[unknown-unit\]", None, []),
    "symlink-escape": (symlink_escape, 2, r"bad.ptl:4:\d+: error\[unknown-unit\]", no_secret, []),
    "fifo": (fifo, 1, r"bad.ptl:4:\d+: error\[unknown-unit\]", None, []),
    "unreadable": (unreadable, 2, r"secret.ptl: error: ", None, "nonroot"),
    "output-full-device": (output_full_device, 2, r"/dev/full", None, []),
    "output-is-input": (output_is_input, 2, r"ok.ptl", None, []),
}


def read_limits():
    """{case: (seconds, MiB)} from the table rows of docs/limits.md whose
    first cell is `name` in backquotes."""
    limits = {}
    row = re.compile(r"^\|\s*`([a-z0-9-]+)`\s*\|.*\|\s*([\d.]+)\s*\|\s*([\d.]+)\s*\|\s*$")
    with open(LIMITS, encoding="utf-8") as f:
        for line in f:
            m = row.match(line)
            if m:
                limits[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    return limits


def run(cmd, cwd, timeout):
    """Runs cmd; returns (exit status, stderr, seconds, peak RSS in MiB)."""
    err = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
    deadline = t0 + timeout
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            p.kill()
            pid, status, usage = os.wait4(p.pid, 0)
            break
        time.sleep(0.005)
    secs = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    err.seek(0)
    text = err.read().decode("utf-8", "replace")
    return p.returncode, text, secs, usage.ru_maxrss / 1024.0


def measure(name, ptlc, secs_max):
    """Generates case name's input, runs it once; returns (exit, stderr,
    seconds, MiB) or None when it cannot run here."""
    make, _, _, _, prefix = CASES[name]
    if prefix == "nonroot":
        prefix = nonroot_prefix()
        if prefix is None:
            return None
    d = tempfile.mkdtemp(prefix="ptlc-hostile-")
    os.chmod(d, 0o755)
    try:
        args = make(d)
        return run(prefix + [ptlc] + args, d, secs_max * 3 + 10)
    finally:
        for root, dirs, files in os.walk(d):
            for x in dirs + files:
                p = os.path.join(root, x)
                if not os.path.islink(p):
                    os.chmod(p, stat.S_IRWXU)
        shutil.rmtree(d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ptlc", default=os.path.join(ROOT, "build", "ptlc"))
    ap.add_argument("--only")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    a = ap.parse_args()
    ptlc = os.path.abspath(a.ptlc)
    limits = read_limits()
    if a.measure:
        # one case in a process of its own, so that no peak of an earlier
        # case or of the generator can be counted against it
        json.dump(measure(a.measure, ptlc, limits[a.measure][0]), sys.stdout)
        return 0
    passed = failed = 0
    for name in sorted(set(limits) - set(CASES)):
        print("[FAIL] %s: in docs/limits.md but not a case here" % name)
        failed += 1
    for name, (make, want_exit, pattern, extra, prefix) in CASES.items():
        if a.only and name != a.only:
            continue
        if name not in limits:
            print("[FAIL] %s: no row in docs/limits.md" % name)
            failed += 1
            continue
        secs_max, mib_max = limits[name]
        out = subprocess.run([sys.executable, os.path.abspath(__file__), "--ptlc", ptlc,
                              "--measure", name], stdout=subprocess.PIPE, check=True).stdout
        result = json.loads(out)
        if result is None:
            print("[SKIP] %s: running as root and setpriv is missing" % name)
            continue
        code, err, secs, mib = result
        problems = []
        if code != want_exit:
            problems.append("exit %d, expected %d" % (code, want_exit))
        if not re.search(pattern, err, re.M):
            problems.append("no message matching /%s/" % pattern)
        if extra and not extra(err):
            problems.append("%s failed" % extra.__name__)
        if secs > secs_max:
            problems.append("%.2f s, over the limit of %g s" % (secs, secs_max))
        if mib > mib_max:
            problems.append("%.0f MiB, over the limit of %g MiB" % (mib, mib_max))
        status = "FAIL" if problems else "ok"
        print("[%s] %-24s exit %d  %7.2f s of %-5g %6.0f MiB of %-5g %s" %
              (status, name, code, secs, secs_max, mib, mib_max, "; ".join(problems)))
        if problems:
            print("      stderr: " + err[:300].replace("\n", "\n              "))
            failed += 1
        else:
            passed += 1
        sys.stdout.flush()
    print("hostile: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
