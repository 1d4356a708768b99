#!/usr/bin/env python3
"""bench/run.py: the performance suite of `make bench` (issue 13). Measures,
side by side in one run, ptlc check against the practical limits of its
input (a plain flex DFA over the same bytes, jq over the same tables as
JSON), its memory, its start-up, a directory of 10,000 tables, and profiles
the 100 MB check; prints one table (measure | value | goal | holds) and
writes it with the profile into docs/performance.md, between the markers
<!-- bench:begin --> and <!-- bench:end -->. docs/performance.md explains
the method.

    python3 bench/run.py [--ptlc build/ptlc] [--bin build/bench]
                         [--corpus build/bench/corpus] [--doc docs/performance.md]
                         [--runs N] [--no-profile]

Times are medians of hyperfine runs (--export-json), or of this script's
own loop when hyperfine is not installed. The corpora (bench/gen.py) are
generated into --corpus when missing or when bench/gen.py changed (a stamp
beside each holds the generator's hash). Exits 1 only on a real failure: a
command that fails, a corpus that does not check clean; a goal that is not
met is a "no" in the table, not a failure."""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MB = 10**6
MIB = 1 << 20
ENV = dict(os.environ, LC_ALL="C.UTF-8")   # ptlc's messages in English, as the tests read them


class Failure(Exception):
    pass


def log(msg):
    sys.stderr.write("bench: " + msg + "\n")
    sys.stderr.flush()


# ===== corpora ==============================================================

def gen_hash():
    with open(os.path.join(HERE, "gen.py"), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ensure_corpus(corpus, ptlc, size):
    """Generates SIZE (and its JSON) unless its stamp matches bench/gen.py.
    Returns (generated now, the generator's report); the stamp keeps the
    generator's hash on its first line and its report below."""
    target = os.path.join(corpus, "dir10k" if size == "dir10k" else size + ".ptl")
    stamp = os.path.join(corpus, size + ".stamp")
    want = gen_hash()
    have = open(stamp).read().split("\n", 1) if os.path.exists(stamp) else [""]
    if have[0] == want and os.path.exists(target) and os.path.exists(os.path.join(corpus, size + ".json")):
        return False, have[1].strip() if len(have) > 1 else ""
    log("generating the %s corpus (bench/gen.py changed or it is missing)" % size)
    if os.path.exists(stamp):
        os.remove(stamp)
    # run in the corpus directory, so the report names files as the table does
    r = subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "--out", ".", "--size", size,
                        "--ptlc", ptlc], stdout=subprocess.PIPE, env=ENV, cwd=corpus)
    out = r.stdout.decode().strip()
    sys.stderr.write(out + "\n")
    if r.returncode != 0:
        raise Failure("bench/gen.py --size %s failed (exit %d)" % (size, r.returncode))
    with open(stamp, "w") as f:
        f.write(want + "\n" + out + "\n")
    return True, out


def prewarm(path):
    """Reads path (every file under it) once, so the first timed run does
    not pay for the disk: every measure is of a file in the page cache."""
    paths = [path]
    if os.path.isdir(path):
        paths = [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
    for p in paths:
        with open(p, "rb") as f:
            while f.read(1 << 24):
                pass


def tree_bytes(path):
    if os.path.isdir(path):
        return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)
    return os.path.getsize(path)


# ===== timing ===============================================================

def hyperfine(cmds, runs, warmup, cwd, ok_codes=(0,)):
    """{name: median seconds} of each (name, argv) in cmds, run with
    hyperfine -N (no shell), or with the fallback loop."""
    if not shutil.which("hyperfine"):
        return {name: loop(argv, runs, warmup, cwd, ok_codes) for name, argv in cmds}
    fd, out = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    args = ["hyperfine", "-N", "--style", "none", "--runs", str(runs), "--warmup", str(warmup),
            "--export-json", out]
    if ok_codes != (0,):
        args.append("-i")
    for name, argv in cmds:
        args += ["-n", name, " ".join(argv)]
    try:
        r = subprocess.run(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if r.returncode != 0:
            sys.stderr.write(r.stderr.decode("utf-8", "replace")[-3000:])
            raise Failure("hyperfine failed on: %s" % "; ".join(" ".join(a) for _, a in cmds))
        with open(out) as f:
            results = json.load(f)["results"]
    finally:
        os.remove(out)
    for res in results:
        codes = set(res.get("exit_codes") or [0])
        if not codes <= set(ok_codes):
            raise Failure("%s exited %s" % (res["command"], sorted(codes)))
    return {res["command"]: res["median"] for res in results}


def loop(argv, runs, warmup, cwd, ok_codes):
    """hyperfine's measure without hyperfine: wall time, median of runs."""
    times = []
    for i in range(warmup + runs):
        t0 = time.perf_counter()
        r = subprocess.run(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t = time.perf_counter() - t0
        if r.returncode not in ok_codes:
            raise Failure("%s exited %d" % (" ".join(argv), r.returncode))
        if i >= warmup:
            times.append(t)
    return statistics.median(times)


def peak(argv, cwd, ok_codes=(0,)):
    """(max RSS in bytes, exit code, stderr) of one run."""
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if code not in ok_codes:
        sys.stderr.write(text[-3000:])
        raise Failure("%s exited %d" % (" ".join(argv), code))
    return usage.ru_maxrss * 1024, code, text


def clean(argv, cwd, what):
    """Peak RSS of a check that must report no error; its warnings, by rule."""
    rss, _, err = peak(argv, cwd)
    errors = re.findall(r"^\S.*: error\[([a-z-]+)\]", err, re.M)
    if errors:
        sys.stderr.write(err[:3000])
        raise Failure("%s does not check clean: %d errors" % (what, len(errors)))
    warns = {}
    for w in re.findall(r"^\S.*: warning\[([a-z-]+)\]", err, re.M):
        warns[w] = warns.get(w, 0) + 1
    return rss, warns


# ===== the table ============================================================

ROWS = []


def row(measure, value, goal="—", holds=None):
    ROWS.append((measure, value, goal, "—" if holds is None else ("yes" if holds else "no")))


def secs(t):
    return "%.3f s" % t if t >= 1 else "%.1f ms" % (t * 1000)


def rate(nbytes, t):
    return "%.0f MB/s" % (nbytes / MB / t)


def table_text(rows):
    head = ("measure", "value", "goal", "holds")
    w = [max(len(r[i]) for r in rows + [head]) for i in range(4)]
    # widths by code points; CJK-free by construction, so this aligns
    line = lambda r: "| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |"
    return "\n".join([line(head), "|" + "|".join("-" * (x + 2) for x in w) + "|"] + [line(r) for r in rows])


# ===== the measures =========================================================

def measure_big(a, corpus, ptlc, binp):
    """The 100 MB file: check, the scanner alone, the DFA, jq, JSON build,
    peak memory."""
    f = "100MB.ptl"
    js = "100MB.json"
    n = tree_bytes(os.path.join(corpus, f))
    nj = tree_bytes(os.path.join(corpus, js))
    prewarm(os.path.join(corpus, f))
    rss, warns = clean([ptlc, "check", f], corpus, f)
    log("100 MB: check, scanner, DFA")
    t = hyperfine([("check", [ptlc, "check", f]),
                   ("scan", [os.path.join(binp, "scan"), f]),
                   ("dfa", [os.path.join(binp, "dfa"), f])], a.runs, 1, corpus)
    tc, ts, td = t["check"], t["scan"], t["dfa"]
    row("ptlc check, 100 MB file", "%s (%s)" % (secs(tc), rate(n, tc)), "≥ 150 MB/s", n / MB / tc >= 150)
    row("ptlc's scanner alone (build/bench/scan), same file",
        "%s (%s, %.1f× the DFA)" % (secs(ts), rate(n, ts), ts / td))
    row("plain flex -CF DFA (build/bench/dfa), same file", "%s (%s)" % (secs(td), rate(n, td)))
    row("check / DFA", "%.1f×" % (tc / td), "≤ 2.5×", tc / td <= 2.5)
    log("100 MB: jq length, ptlc build --format json, jq -c . (the JSON is %.2f GB)" % (nj / 1e9))
    prewarm(os.path.join(corpus, js))
    t = hyperfine([("jq length", ["jq", "length", js]),
                   ("build json", [ptlc, "build", "--format", "json", f]),
                   ("jq -c .", ["jq", "-c", ".", js])], a.slow_runs, 0, corpus)
    tl, tb, tq = t["jq length"], t["build json"], t["jq -c ."]
    row("jq length of its JSON (%.2f GB) / check" % (nj / 1e9), "%s = %.1f× check" % (secs(tl), tl / tc),
        "≥ 10×", tl / tc >= 10)
    row("ptlc build --format json / jq -c . of the JSON", "%s / %s = %.2f×" % (secs(tb), secs(tq), tb / tq),
        "≤ 0.25×", tb / tq <= 0.25)
    limit = 2 * n + 16 * MIB
    row("peak memory of the 100 MB check", "%.0f MiB = %.1f× input" % (rss / MIB, rss / n),
        "≤ 2× input + 16 MiB (%.0f MiB)" % (limit / MIB), rss <= limit)
    return dict(check=tc, warnings=warns)


def measure_small(a, corpus, ptlc):
    """1 MB and 10 MB files with start-up, and the empty file."""
    for f in ("1MB.ptl", "10MB.ptl"):
        prewarm(os.path.join(corpus, f))
    empty = os.path.join(corpus, "empty.ptl")
    open(empty, "w").close()
    # an empty file is an error of its own (empty-file): exit 1 is its result
    _, code, err = peak([ptlc, "check", "empty.ptl"], corpus, ok_codes=(1,))
    if "empty-file" not in err:
        raise Failure("ptlc check of an empty file did not report empty-file")
    warns = {}
    for f in ("1MB.ptl", "10MB.ptl"):
        for k, v in clean([ptlc, "check", f], corpus, f)[1].items():
            warns[k] = warns.get(k, 0) + v
    log("1 MB, 10 MB, empty file")
    t = hyperfine([("1MB", [ptlc, "check", "1MB.ptl"])], a.runs * 4, 3, corpus)
    t.update(hyperfine([("10MB", [ptlc, "check", "10MB.ptl"])], a.runs, 1, corpus))
    n1 = tree_bytes(os.path.join(corpus, "1MB.ptl"))
    n10 = tree_bytes(os.path.join(corpus, "10MB.ptl"))
    te = hyperfine([("empty", [ptlc, "check", "empty.ptl"])], a.runs * 10, 5, corpus, ok_codes=(1,))["empty"]
    row("ptlc check, 1 MB file, start-up included", secs(t["1MB"]), "≤ 10 ms", t["1MB"] <= 0.010)
    row("ptlc check, 10 MB file", "%s (%s)" % (secs(t["10MB"]), rate(n10, t["10MB"])))
    row("ptlc check of an empty file (start-up)", secs(te), "< 1 ms", te < 0.001)
    return dict(n1=n1, warnings=warns)


def has_jobs(ptlc):
    r = subprocess.run([ptlc, "check", "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV)
    return "--jobs" in r.stdout.decode("utf-8", "replace")


def measure_dir(a, corpus, ptlc):
    d = "dir10k"
    prewarm(os.path.join(corpus, d))
    n = tree_bytes(os.path.join(corpus, d))
    log("10,000 files")
    if has_jobs(ptlc):
        variants = [("--jobs 2", ["--jobs", "2"]), ("--jobs 1", ["--jobs", "1"])]
    else:
        variants = [("", [])]
    for label, extra in variants:
        rss, warns = clean([ptlc, "check"] + extra + [d], corpus, d)
        t = hyperfine([("dir", [ptlc, "check"] + extra + [d])], a.runs, 1, corpus)["dir"]
        what = "ptlc check %sof 10,000 files (%.0f MB)" % (label + " " if label else "", n / MB)
        note = "" if label else "; one core: ptlc check has no --jobs"
        row(what, "%s, peak %.0f MiB%s" % (secs(t), rss / MIB, note), "≤ 0.5 s using both cores",
            t <= 0.5 and bool(label))
    return dict(warnings=warns)


# ===== profile ==============================================================

def perf_profile(corpus, ptlc, workdir):
    """perf record of the 100 MB check (cpu-clock where the VM has no
    hardware counters): the top functions, and perf stat's counters."""
    if not shutil.which("perf"):
        return None, "perf is not installed"
    data = os.path.join(workdir, "perf.data")
    r = subprocess.run(["perf", "record", "-F", "999", "-o", data, "--", ptlc, "check", "100MB.ptl"],
                       cwd=corpus, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode != 0:
        return None, "perf record failed: " + r.stderr.decode("utf-8", "replace").strip()[-300:]
    r = subprocess.run(["perf", "report", "-i", data, "--stdio", "--no-children", "--sort", "dso,symbol",
                        "--percent-limit", "0.8"], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    rep = r.stdout.decode("utf-8", "replace")
    event = re.search(r"of event '([^']+)'", rep)
    samples = re.search(r"# Samples: (\S+)", rep)
    top = []
    for m in re.finditer(r"^\s+([\d.]+)%\s+(\S+)\s+\[(.)\]\s+(\S+)", rep, re.M):
        top.append((float(m.group(1)), m.group(4), m.group(2), m.group(3) == "k"))
    head = "perf record -F 999 of `ptlc check 100MB.ptl`: %s samples of %s" % (
        samples.group(1) if samples else "?", event.group(1) if event else "?")
    return (head, top[:25]), None


def perf_stat(corpus, ptlc):
    if not shutil.which("perf"):
        return None
    r = subprocess.run(["perf", "stat", "-x", ",", "-e",
                        "task-clock,page-faults,minor-faults,major-faults,instructions,cycles",
                        "--", ptlc, "check", "100MB.ptl"],
                       cwd=corpus, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    out = []
    for line in r.stderr.decode("utf-8", "replace").splitlines():
        f = line.split(",")
        if len(f) >= 3 and f[2] and not f[2].startswith("#"):
            val = f[0]
            if val.startswith("<"):
                val += " (no hardware counters in this VM)"
            elif f[2] == "task-clock":
                val = "%.0f ms" % float(val)
            else:
                val = "{:,}".format(int(float(val)))
            out.append((f[2], val))
    return out


def callgrind(corpus, ptlc, workdir, n1):
    """Instructions of the 1 MB check and of start-up (an empty file), from
    callgrind: an exact count where perf has no instructions counter; and
    the top functions of the 1 MB check."""
    if not shutil.which("valgrind"):
        return None
    counts = {}
    top = []
    for f in ("empty.ptl", "1MB.ptl"):
        out = os.path.join(workdir, "callgrind." + f)
        r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out, ptlc, "check", f],
                           cwd=corpus, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        m = re.search(r"Collected : (\d+)", r.stderr.decode("utf-8", "replace"))
        if not m:
            return None
        counts[f] = int(m.group(1))
        if f == "1MB.ptl" and shutil.which("callgrind_annotate"):
            a = subprocess.run(["callgrind_annotate", out], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            for m in re.finditer(r"^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(\S+?):(\S+) \[", a.stdout.decode(), re.M):
                top.append((float(m.group(2)), m.group(4), os.path.basename(m.group(3))))
    return dict(empty=counts["empty.ptl"], one=counts["1MB.ptl"], n1=n1, top=top[:12])


def profile_text(prof, perr, stat, cg):
    out = []
    if prof:
        head, top = prof
        out.append(head + ", functions above 0.8 % (`[k]`: the kernel):")
        out.append("")
        out.append("| % | function | object |")
        out.append("|---:|---|---|")
        for pct, sym, dso, kernel in top:
            out.append("| %.1f | %s%s | %s |" % (pct, "[k] " if kernel else "", sym.replace("|", "\\|"), dso))
    else:
        out.append("perf cannot profile here (%s)." % perr)
    if stat:
        out.append("")
        out.append("perf stat of the same check:")
        out.append("")
        out.append("| counter | value |")
        out.append("|---|---:|")
        for k, v in stat:
            out.append("| %s | %s |" % (k, v))
    if not cg:
        out.append("")
        out.append("callgrind gave no count (valgrind is not installed, or it failed): no instruction count.")
    else:
        per = (cg["one"] - cg["empty"]) / cg["n1"]
        out.append("")
        out.append("callgrind (valgrind --tool=callgrind): `ptlc check` of the empty file executes {:,} "
                   "instructions (start-up: the stdlib), of the 1 MB file {:,}: **{:.0f} instructions "
                   "per byte** of input beyond start-up. Its top functions on the 1 MB file:".format(
                       cg["empty"], cg["one"], per))
        out.append("")
        out.append("| % of Ir | function | file |")
        out.append("|---:|---|---|")
        for pct, fn, fl in cg["top"]:
            out.append("| %.1f | %s | %s |" % (pct, fn, fl))
    return "\n".join(out)


# ===== report ===============================================================

def tool_version(argv):
    try:
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=ENV)
        return r.stdout.decode("utf-8", "replace").strip().splitlines()[0]
    except OSError:
        return "not installed"


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL).stdout.decode().strip() or "?"
    load = os.getloadavg()[0]
    return ("%s, %d cores, %s; load average %.2f at the start; commit %s; %s; %s; %s; flex %s" % (
        cpu, os.cpu_count() or 0, platform.platform(terse=True), load, commit,
        tool_version(["hyperfine", "--version"]), tool_version(["jq", "--version"]),
        tool_version(["perf", "--version"]), tool_version(["flex", "--version"]).split()[-1]))


def write_doc(doc, block):
    text = open(doc).read() if os.path.exists(doc) else ""
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin in text and end in text:
        text = text[:text.index(begin) + len(begin)] + "\n" + block + "\n" + text[text.index(end):]
    else:
        text += "\n%s\n%s\n%s\n" % (begin, block, end)
    with open(doc, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ptlc", default="build/ptlc")
    ap.add_argument("--bin", default="build/bench", help="where build/bench/scan and dfa are")
    ap.add_argument("--corpus", default="build/bench/corpus")
    ap.add_argument("--doc", default="docs/performance.md")
    ap.add_argument("--runs", type=int, default=5, help="runs of each fast measure (default 5)")
    ap.add_argument("--slow-runs", type=int, default=3, help="runs of jq and the JSON build (default 3)")
    ap.add_argument("--no-profile", action="store_true")
    a = ap.parse_args()
    ptlc = os.path.abspath(a.ptlc)
    binp = os.path.abspath(a.bin)
    corpus = os.path.abspath(a.corpus)
    os.makedirs(corpus, exist_ok=True)
    t0 = time.perf_counter()
    info = machine()
    if not shutil.which("hyperfine"):
        log("hyperfine is not installed: timing with this script's own loop (wall time, median)")
    try:
        corpora = [ensure_corpus(corpus, ptlc, s) for s in ("1MB", "10MB", "100MB", "dir10k")]
        big = measure_big(a, corpus, ptlc, binp)
        small = measure_small(a, corpus, ptlc)
        dirr = measure_dir(a, corpus, ptlc)
        prof = perr = stat = cg = None
        if not a.no_profile:
            log("profile: perf record, perf stat, callgrind")
            with tempfile.TemporaryDirectory(dir=os.path.dirname(corpus)) as w:
                prof, perr = perf_profile(corpus, ptlc, w)
                stat = perf_stat(corpus, ptlc)
                cg = callgrind(corpus, ptlc, w, small["n1"])
    except Failure as e:
        log("FAILED: %s" % e)
        return 1
    table = table_text(ROWS)
    print(table)
    warns = {}
    for part in (big, small, dirr):
        for k, v in part["warnings"].items():
            warns[k] = warns.get(k, 0) + v
    wtext = ("no warnings" if not warns else
             "warnings: " + ", ".join("%s %d" % kv for kv in sorted(warns.items())))
    print("every corpus checks with no error, %s; %.0f s in all" % (wtext, time.perf_counter() - t0))
    block = ["## Results", "",
             "Measured by `make bench` on %s (%s)." % (datetime.date.today().isoformat(), info), "",
             table, "",
             "Every corpus checked with no error and %s." % wtext]
    fresh = any(now for now, _ in corpora)
    block += ["", "The corpora in `build/bench/corpus/`, as `bench/gen.py` reported them when it wrote them%s:" %
              (" (in this run)" if all(now for now, _ in corpora) else
               " (some in this run)" if fresh else " (before this run)"), ""]
    block += ["    " + l for _, rep in corpora for l in rep.splitlines()]
    if not a.no_profile:
        block += ["", "## Profile", "", profile_text(prof, perr, stat, cg)]
    write_doc(a.doc, "\n".join(block))
    log("wrote %s" % a.doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
