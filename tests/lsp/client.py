#!/usr/bin/env python3
"""client.py: a scripted LSP client for `ptlc lsp` (python3, stdlib only).

Drives the server through every method it offers and asserts real values:
both position encodings on CJK and astral lines, the quick fix of an
unknown unit, hover, completion, formatting against `ptlc fmt`, the
outline's nesting, definition across the files of a workspace folder with
its ptlc.settings in force, Chinese messages for a Chinese client,
malformed messages, a 5,000-line document edited 100 times (compared with
`ptlc check` of the final text), shutdown and exit codes. Prints one line
per failure, then "lsp: N passed, M failed"; exits 1 on any failure.

usage: client.py --ptlc build/ptlc [--valgrind]
--valgrind replays the bytes each session sent (but the 64 MiB one's)
through `ptlc lsp` under valgrind, where a leak or an invalid access fails.
"""
import argparse
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time

PASS = 0
FAIL = 0
PTLC = "build/ptlc"
VALGRIND = False
VALGRIND_CMD = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
                "--errors-for-leak-kinds=definite,indirect"]


def check(cond, what, detail=None):
    global PASS, FAIL
    if cond:
        PASS += 1
    else:
        FAIL += 1
        print("[FAIL] %s%s" % (what, "" if detail is None else ": %r" % (detail,)))
    return cond


def frame(obj):
    body = json.dumps(obj, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Server:
    """One `ptlc lsp` process; frames are read by a thread into a queue."""

    def __init__(self, cwd=None, record=True):
        self.stderr = tempfile.TemporaryFile()
        self.p = subprocess.Popen([PTLC, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=self.stderr, cwd=cwd)
        self.q = queue.Queue()
        self.next_id = 0
        self.sent = bytearray() if record and VALGRIND else None
        self.pending = []       # messages read while waiting for another
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.p.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.rstrip(b"\r\n")
                if not line:
                    break
                k, _, v = line.partition(b":")
                headers[k.strip().lower()] = v.strip()
            n = int(headers.get(b"content-length", b"-1"))
            body = out.read(n)
            try:
                self.q.put(json.loads(body))
            except ValueError:
                self.q.put({"unparsable": body.decode("utf-8", "replace")})

    def send_raw(self, data):
        if self.sent is not None:
            self.sent += data
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, obj):
        self.send_raw(frame(obj))

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request_async(self, method, params=None):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.next_id

    def get(self, pred, timeout=20):
        """The first message (pending or new) for which pred holds."""
        for i, m in enumerate(self.pending):
            if pred(m):
                return self.pending.pop(i)
        end = time.time() + timeout
        while True:
            left = end - time.time()
            if left <= 0:
                return None
            try:
                m = self.q.get(timeout=left)
            except queue.Empty:
                return None
            if m is None:
                self.q.put(None)
                return None
            if pred(m):
                return m
            self.pending.append(m)

    def response(self, id_, timeout=20):
        return self.get(lambda m: m.get("id") == id_ and "method" not in m, timeout)

    def request(self, method, params=None, timeout=20):
        m = self.response(self.request_async(method, params), timeout)
        return m if m is not None else {"error": {"code": "timeout"}}

    def diagnostics(self, uri, version=None, timeout=20):
        """The next publishDiagnostics of uri (of that version, if given)."""
        def pred(m):
            p = m.get("params", {})
            return (m.get("method") == "textDocument/publishDiagnostics" and p.get("uri") == uri
                    and (version is None or p.get("version") == version))
        m = self.get(pred, timeout)
        return None if m is None else m["params"]["diagnostics"]

    def drain_diagnostics(self):
        self.pending = [m for m in self.pending if m.get("method") != "textDocument/publishDiagnostics"]

    def initialize(self, utf8=False, locale=None, root=None):
        caps = {"general": {"positionEncodings": ["utf-8", "utf-16"] if utf8 else ["utf-16"]}}
        params = {"processId": os.getpid(), "capabilities": caps}
        if locale:
            params["locale"] = locale
        if root:
            params["rootUri"] = uri_of(root)
            params["workspaceFolders"] = [{"uri": uri_of(root), "name": "ws"}]
        r = self.request("initialize", params)
        self.notify("initialized", {})
        return r

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "ptl", "version": version, "text": text}})

    def close(self, stop=True):
        if stop:
            self.request("shutdown")
            self.notify("exit", None)
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            rc = self.p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.p.kill()
            rc = "hung"
        self.stderr.seek(0)
        self.log = self.stderr.read().decode("utf-8", "replace")
        if self.sent is not None:
            self.replay(rc)
        return rc

    def replay(self, rc):
        """The session again, read from memory at once, under valgrind."""
        r = subprocess.run(VALGRIND_CMD + [PTLC, "lsp"], input=bytes(self.sent),
                           capture_output=True)
        check(r.returncode == rc, "valgrind: a recorded session of %d bytes is clean" % len(self.sent),
              (r.returncode, rc, r.stderr.decode("utf-8", "replace")[-2000:]))


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def col(line, index, utf8):
    """LSP character of code-point index in line."""
    return len(line[:index].encode()) if utf8 else utf16_len(line[:index])


def offset_of(text, pos, utf8):
    """Python string index of an LSP position in text (LF lines)."""
    lines = text.split("\n")
    line = lines[pos["line"]]
    units = 0
    for i, ch in enumerate(line):
        if units >= pos["character"]:
            return sum(len(l) + 1 for l in lines[:pos["line"]]) + i
        units += len(ch.encode()) if utf8 else utf16_len(ch)
    return sum(len(l) + 1 for l in lines[:pos["line"]]) + len(line)


def apply_edits(text, edits, utf8):
    spans = [(offset_of(text, e["range"]["start"], utf8), offset_of(text, e["range"]["end"], utf8),
              e["newText"]) for e in edits]
    for a, b, t in sorted(spans, reverse=True):
        text = text[:a] + t + text[b:]
    return text


def line_of(text, needle):
    for i, l in enumerate(text.split("\n")):
        if needle in l:
            return i, l
    raise ValueError(needle)


def pos_at(text, needle, utf8=False, extra=0):
    n, l = line_of(text, needle)
    return {"line": n, "character": col(l, l.index(needle) + extra, utf8)}


DEPT = """department "株洲市渌口区信访局" {
    year 2026
    budget {
        total  259.05 万元
        source 一般公共预算 259.05 万元
        nature 基本支出 139.05 万元
        nature 项目支出 120 万元
    }
    indicators {
        产出指标 {
            数量指标 {
                "区领导坐班接访" ≥ 264 天 "反映区领导坐班接访情况"
            }
            质量指标 {
                "信访事项按期办结率" ≥ 100 万人次次
                "𠀀𠀁信访" ≥ 5 万人次次
            }

        }
        效益指标 {
            社会效益 { "促进社会和谐稳定" ≥ 95 % }
        }
        成本指标 {
            经济成本指标 { "公用经费成本" ≤ 26.48 万元 }
        }
        满意度 {
            服务对象满意度 { "信访人满意度" ≥ 80 % allow cost-equals-budget "示例" }
        }
    }
}
"""


# ===== sessions =====

def test_encoding(utf8):
    name = "utf-8" if utf8 else "utf-16"
    s = Server()
    r = s.initialize(utf8=utf8)
    check(r.get("result", {}).get("capabilities", {}).get("positionEncoding") == name,
          "initialize negotiates %s" % name, r)
    check(r.get("result", {}).get("serverInfo", {}).get("name") == "ptlc", "serverInfo names ptlc")
    uri = "file:///tmp/ptlc-lsp-test/dept.ptl"
    s.open(uri, DEPT)
    diags = s.diagnostics(uri, 1)
    check(diags is not None, "%s: diagnostics are published on open" % name)
    diags = diags or []
    units = [d for d in diags if d.get("code") == "unknown-unit"]
    check(len(units) == 2, "%s: two unknown-unit diagnostics" % name, diags)
    n, l = line_of(DEPT, "信访事项按期办结率")
    i = l.index("万人次次")
    want = {"start": {"line": n, "character": col(l, i, utf8)},
            "end": {"line": n, "character": col(l, i + 4, utf8)}}
    first = units[0] if units else {}
    check(first.get("range") == want, "%s: the CJK line's range counts %s" %
          (name, "bytes" if utf8 else "UTF-16 units"), (first.get("range"), want))
    check(col(l, i, True) != col(l, i, False), "the UTF-8 and UTF-16 columns differ")
    n2, l2 = line_of(DEPT, "𠀀𠀁信访")
    i2 = l2.index("万人次次")
    second = units[1] if len(units) > 1 else {}
    check(second.get("range", {}).get("start") == {"line": n2, "character": col(l2, i2, utf8)},
          "%s: astral characters count %s" % (name, "4 bytes" if utf8 else "2 units"),
          second.get("range"))
    check(first.get("severity") == 1 and first.get("source") == "ptlc",
          "%s: severity error, source ptlc" % name, first)
    check(first.get("codeDescription", {}).get("href")
          == "file:///usr/local/share/doc/ptlc/rules/unknown-unit.md", "%s: codeDescription" % name)
    check("万人次" in first.get("message", "") and "unknown unit" in first.get("message", ""),
          "%s: the message in English" % name, first.get("message"))
    unused = [d for d in diags if d.get("code") == "unused-allow"]
    check(len(unused) == 1 and unused[0].get("severity") == 2, "%s: a warning is severity 2" % name,
          unused)

    # the quick fix replaces the unit
    r = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": want,
                                               "context": {"diagnostics": [first]}})
    acts = r.get("result") or []
    check(len(acts) == 1, "%s: one code action on the unknown unit" % name, r)
    if acts:
        a = acts[0]
        check(a.get("kind") == "quickfix" and "万人次" in a.get("title", ""),
              "%s: a quickfix titled with the unit" % name, a.get("title"))
        edits = a.get("edit", {}).get("changes", {}).get(uri, [])
        fixed = apply_edits(DEPT, edits, utf8)
        check(line_of(fixed, "信访事项按期办结率")[1].strip() == '"信访事项按期办结率" ≥ 100 万人次',
              "%s: the edit makes the unit 万人次" % name, line_of(fixed, "信访事项按期办结率")[1])
        check(a.get("diagnostics", [{}])[0].get("code") == "unknown-unit",
              "%s: the action names its diagnostic" % name)

    # hover: unit, category, indicator, rule
    def hover(needle, extra=1):
        r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": pos_at(DEPT, needle, utf8, extra)})
        res = r.get("result") or {}
        return res.get("contents", {}).get("value", ""), res.get("range")
    text, rng = hover("万元", 1)
    check("money" in text and "10000" in text and "元" in text, "%s: hover on a unit" % name, text)
    n3, l3 = line_of(DEPT, "total  259.05 万元")
    check(rng == {"start": {"line": n3, "character": col(l3, l3.index("万元"), utf8)},
                  "end": {"line": n3, "character": col(l3, l3.index("万元") + 2, utf8)}},
          "%s: the hover range is the unit's" % name, rng)
    text, _ = hover("质量指标", 2)
    check("二级" in text and "产出指标" in text and "new" in text, "%s: hover on a 二级" % name, text)
    text, _ = hover("产出指标", 1)
    check("一级" in text and "数量指标" in text and "质量指标" in text, "%s: hover on a 一级" % name, text)
    text, _ = hover("信访事项按期办结率", 3)
    check("| 产出指标 | 质量指标 | 信访事项按期办结率 | ≥ 100 万人次次 |" in text,
          "%s: hover on an indicator shows its row" % name, text)
    text, _ = hover("区领导坐班接访", 2)
    check("| 产出指标 | 数量指标 | 区领导坐班接访 | ≥ 264 天 |" in text and "measures 时长 (duration)" in text,
          "%s: hover on an indicator: its row and what its unit measures" % name, text)
    text, _ = hover("公用经费成本", 2)
    check("26.48 万元" in text and "259.05 万元" in text and "measures 金额 (money)" in text,
          "%s: hover on a cost shows the sum" % name, text)
    text, _ = hover("一般公共预算", 2)
    check("按收入性质分" in text and "财政拨款" in text, "%s: hover on a budget source" % name, text)
    text, _ = hover("cost-equals-budget", 3)
    check(text.startswith("# cost-equals-budget") and "项目金额" in text,
          "%s: hover on a rule explains it" % name, text[:80])

    # completion inside a 一级 block: its 二级
    n4, _ = line_of(DEPT, "𠀀𠀁信访")
    r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": {"line": n4 + 2, "character": 12}})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check({"数量指标", "质量指标", "时效指标"} <= set(labels) and "社会效益指标" not in labels,
          "%s: completion in a 一级 offers its 二级" % name, labels)
    r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": {"line": 1, "character": 4}})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("budget" in labels and "year" in labels and "年度" not in labels,
          "%s: English keywords in an English file" % name, labels)
    n6, l6 = line_of(DEPT, "total  259.05")
    r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": {"line": n6, "character": col(l6, l6.index("万元"), utf8)}})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("万元" in labels and "%" not in labels, "%s: money units after an amount" % name, labels)
    n7, l7 = line_of(DEPT, "公用经费成本")
    r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": {"line": n7, "character": col(l7, l7.index("万元"), utf8)}})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("万元" in labels and "次" not in labels, "%s: money units for a cost" % name, labels)
    for needle, want, not_want in (("一般公共预算", "一般公共预算", "基本支出"), ("基本支出", "项目支出", "一般公共预算")):
        n9, l9 = line_of(DEPT, needle)
        r = s.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {
            "line": n9, "character": col(l9, l9.index(needle) + 1, utf8)}})
        items = (r.get("result") or {}).get("items", [])
        labels = [i["label"] for i in items]
        check(want in labels and not_want not in labels and "万元" not in labels,
              "%s: the budget vocabulary after %s" % (name, l9.split()[0]), labels)
        edit = ([i.get("textEdit", {}) for i in items if i["label"] == want] or [{}])[0]
        check(edit.get("range", {}).get("start") == {"line": n9, "character": col(l9, l9.index(needle), utf8)},
              "%s: the completion replaces the word typed so far" % name, edit)
    n8, l8 = line_of(DEPT, "促进社会和谐稳定")
    r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": {"line": n8, "character": col(l8, l8.index("%"), utf8)}})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("%" in labels and "次" in labels, "%s: every unit elsewhere" % name, len(labels))
    r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": pos_at(DEPT, "促进社会和谐稳定", utf8, 2)})
    check((r.get("result") or {}).get("items") == [], "%s: nothing inside a string" % name, r)
    # the document changes from here on
    n5, _ = line_of(DEPT, "indicators {")
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": n5 + 1, "character": 0}, "end": {"line": n5 + 1, "character": 0}},
         "text": "        \n"}]})
    r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": {"line": n5 + 1, "character": 8}})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check(labels[:4] == ["成本指标", "产出指标", "效益指标", "满意度指标"],
          "%s: completion in indicators offers the 一级" % name, labels)
    s.close()


ZH = """部门 "测试局" {
    年度 2026

}
"""


def test_chinese():
    s = Server()
    s.initialize(locale="zh-CN")
    uri = "file:///tmp/ptlc-lsp-test/zh.ptl"
    s.open(uri, DEPT)
    diags = s.diagnostics(uri, 1) or []
    msgs = [d["message"] for d in diags if d.get("code") == "unknown-unit"]
    check(msgs and "未知单位" in msgs[0], "a Chinese client gets Chinese messages", msgs)
    r = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": diags[0]["range"]
                                               if diags else {}, "context": {"diagnostics": []}})
    titles = [a["title"] for a in r.get("result") or []]
    check(titles and titles[0] == "将“万人次次”改为“万人次”", "the quick fix titled in Chinese", titles)
    zuri = "file:///tmp/ptlc-lsp-test/zh-keywords.ptl"
    s.open(zuri, ZH)
    r = s.request("textDocument/completion", {"textDocument": {"uri": zuri},
                                              "position": {"line": 2, "character": 4}})
    labels = [i["label"] for i in (r.get("result") or {}).get("items", [])]
    check("预算" in labels and "绩效指标" in labels and "budget" not in labels,
          "Chinese keywords in a file that uses them", labels)
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": pos_at(DEPT, "公用经费成本", False, 2)})
    text = ((r.get("result") or {}).get("contents") or {}).get("value", "")
    check("计量：金额 (money)" in text and "本表成本指标合计 26.48 万元，资金总额 259.05 万元" in text,
          "hover in Chinese", text)
    s.close()


WEIGHTED = """project "权重项目" {
    year 2026
    amount 10 万元
    indicators {
        产出指标 {
            数量指标 { "新建集中供水工程" ≥ 12 处 weight 20 }
            质量指标 { "水质检测合格率" ≥ 95 % weight 15 }
            时效指标 { "工程完工时间" ≤ 2026-11-30 }
        }
        满意度指标 { 服务对象满意度 { "群众满意度" 定性 "满意" weight 10 } }
    }
}
"""


def test_hover_weights():
    """A weighted indicator's hover: the sum weights-sum checks, as it stands."""
    for locale, want in (("en", "the weights of this tree add up to 45 (3 of its 4 indicators "
                                "weighted); weights-total is 100"),
                         ("zh-CN", "本表指标权重合计 45（3/4 个指标有权重），应为 100")):
        s = Server()
        s.initialize(locale=locale)
        uri = "file:///tmp/ptlc-lsp-test/weights.ptl"
        s.open(uri, WEIGHTED)
        s.diagnostics(uri, 1)
        def hover(needle):
            r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": pos_at(WEIGHTED, needle, False, 2)})
            return ((r.get("result") or {}).get("contents") or {}).get("value", "")
        text = hover("水质检测合格率")
        check(want in text, "%s: hover on a weighted indicator shows the weights' sum" % locale, text)
        text = hover("群众满意度")
        check(want in text and ("定性 (a judgement, no unit)" in text or "定性（无计量单位）" in text),
              "%s: a 定性 indicator: no unit, and the sum" % locale, text)
        text = hover("工程完工时间")
        check("weights" not in text and "权重" not in text, "%s: no sum on an unweighted one" % locale, text)
        s.close()
    # with 分值 on the 一级, the weights make score-total (90), as weights-sum checks
    s = Server()
    s.initialize()
    uri = "file:///tmp/ptlc-lsp-test/scored.ptl"
    text = WEIGHTED.replace("产出指标 {", "产出指标 score 50 {").replace("满意度指标 {", "满意度指标 score 10 {")
    s.open(uri, text)
    s.diagnostics(uri, 1)
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": pos_at(text, "水质检测合格率", False, 2)})
    got = ((r.get("result") or {}).get("contents") or {}).get("value", "")
    check("add up to 45 (3 of its 4 indicators weighted); its 一级 print their 分值, so they must make "
          "score-total, 90" in got, "a scored tree: the weights against score-total", got)
    s.close()


MESSY = """department   "格式局"{
  year 2026
 budget { total 10 万元
   source 一般公共预算 10 万元 }
}
"""


def test_formatting_and_symbols():
    s = Server()
    s.initialize()
    uri = "file:///tmp/ptlc-lsp-test/fmt.ptl"
    s.open(uri, MESSY)
    r = s.request("textDocument/formatting", {"textDocument": {"uri": uri},
                                              "options": {"tabSize": 4, "insertSpaces": True}})
    want = subprocess.run([PTLC, "fmt", "-"], input=MESSY.encode(), capture_output=True).stdout.decode()
    edits = r.get("result") or []
    check(len(edits) == 1 and apply_edits(MESSY, edits, False) == want,
          "formatting gives ptlc fmt's text", edits)
    broken = "department \"x\" {\n  year\n"
    s.open("file:///tmp/ptlc-lsp-test/broken.ptl", broken)
    r = s.request("textDocument/formatting", {"textDocument": {"uri": "file:///tmp/ptlc-lsp-test/broken.ptl"},
                                              "options": {"tabSize": 4, "insertSpaces": True}})
    check("result" in r and r["result"] is None, "no formatting for a text with syntax errors", r)

    duri = "file:///tmp/ptlc-lsp-test/sym.ptl"
    s.open(duri, DEPT)
    r = s.request("textDocument/documentSymbol", {"textDocument": {"uri": duri}})
    syms = r.get("result") or []
    top = syms[0] if syms else {}
    check(top.get("name") == "株洲市渌口区信访局" and top.get("kind") == 2,
          "documentSymbol: the table at the top", top.get("name"))
    kids = [c["name"] for c in top.get("children", [])]
    check(kids == ["产出指标", "效益指标", "成本指标", "满意度"], "documentSymbol: its 一级", kids)
    l2 = top.get("children", [{}])[0].get("children", [])
    check([c["name"] for c in l2] == ["数量指标", "质量指标"], "documentSymbol: 二级 under 一级",
          [c["name"] for c in l2])
    leaves = l2[1].get("children", []) if len(l2) > 1 else []
    check([c["name"] for c in leaves] == ["信访事项按期办结率", "𠀀𠀁信访"]
          and leaves[0].get("detail") == "≥ 100 万人次次" and leaves[0].get("kind") == 8,
          "documentSymbol: indicators under 二级", leaves[:1])
    n, l = line_of(DEPT, "信访事项按期办结率")
    check(leaves and leaves[0]["selectionRange"]["start"] == {"line": n, "character": l.index('"')},
          "documentSymbol: the indicator's name is its selection", leaves[:1])
    s.close()


WS_DEPT = """department "渌口区信访局" {
    year 2026
    budget {
        total  100 万元
        source 一般公共预算 100 万元
        nature 基本支出 40 万元
        nature 项目支出 60 万元
    }
    indicators {
        产出指标 { 数量指标 { "接访" ≥ 264 天 } }
        效益指标 { 社会效益 { "稳定" ≥ 95 % } }
        成本指标 { 经济成本指标 { "公用经费" ≤ 40 万元 } }
        满意度 { 服务对象满意度 { "信访人满意度" ≥ 80 % } }
    }
}
"""

WS_PROJ = """project "维稳专项" {
    department "渌口区信访局"
    year 2026
    amount 50 万元
    goal "做好维稳工作"
    indicators {
        产出指标 { 数量指标 { "值守次数" ≥ 3 班次 } }
        效益指标 { 社会效益 { "下降率" ≥ 60 % } }
        成本指标 { 经济成本指标 { "专项经费" ≤ 60 万元 } }
        满意度 { 服务对象满意度 { "满意率" ≥ 80 % } }
    }
}
"""


def test_workspace():
    d = tempfile.mkdtemp(prefix="ptlc-lsp-ws-")
    dept, proj = os.path.join(d, "a-dept.ptl"), os.path.join(d, "b-proj.ptl")
    open(dept, "w").write(WS_DEPT)
    open(proj, "w").write(WS_PROJ)
    units = os.path.join(d, "c-units.ptl")
    open(units, "w").write("// the folder's own units\nunit 班次 count\n")
    open(os.path.join(d, "ptlc.settings"), "w").write("settings {\n    deny cost-equals-budget\n}\n")
    want = subprocess.run([PTLC, "check", "--diagnostics", "json", "--max-errors", "1000", d],
                          capture_output=True).stderr.decode()
    want = json.loads(want)["diagnostics"]
    s = Server()
    s.initialize(root=d)
    got_dept = s.diagnostics(uri_of(dept)) or []
    got_proj = s.diagnostics(uri_of(proj)) or []
    check([x["rule"] for x in want if x["file"].endswith("a-dept.ptl")] == [x["code"] for x in got_dept]
          and [x["code"] for x in got_dept] == ["project-sum"]
          and got_dept[0].get("relatedInformation", [{}])[0].get("location", {}).get("uri") == uri_of(proj),
          "a folder file nobody opened gets the findings of checking the folder",
          ([x["rule"] for x in want], [x["code"] for x in got_dept]))
    check([x["rule"] for x in want if x["file"].endswith("b-proj.ptl")] == [x["code"] for x in got_proj],
          "the folder's second file too", [x["code"] for x in got_proj])
    s.open(uri_of(proj), WS_PROJ, 1)
    got = s.diagnostics(uri_of(proj), 1)
    r = s.request("textDocument/definition", {"textDocument": {"uri": uri_of(proj)},
                                              "position": pos_at(WS_PROJ, "渌口区信访局", False, 1)})
    locs = r.get("result") or []
    check(len(locs) == 1 and locs[0]["uri"] == uri_of(dept)
          and locs[0]["range"]["start"] == {"line": 0, "character": 11},
          "definition of a department in another file of the folder", locs)
    r = s.request("textDocument/definition", {"textDocument": {"uri": uri_of(proj)},
                                              "position": pos_at(WS_PROJ, "万元", False, 1)})
    check(r.get("result") is None, "no definition for a stdlib unit", r)
    r = s.request("textDocument/definition", {"textDocument": {"uri": uri_of(proj)},
                                              "position": pos_at(WS_PROJ, "班次", False, 1)})
    locs = r.get("result") or []
    check(len(locs) == 1 and locs[0]["uri"] == uri_of(units) and locs[0]["range"]["start"]["line"] == 1,
          "definition of a unit declared in another file of the folder", locs)
    # the project's amount made 60: the department's finding goes away; a
    # cost equal to the amount is denied by the folder's ptlc.settings
    n, l = line_of(WS_PROJ, "amount 50")
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri_of(proj), "version": 2}, "contentChanges": [
        {"range": {"start": {"line": n, "character": l.index("50")},
                   "end": {"line": n, "character": l.index("50") + 2}}, "text": "60"}]})
    got = s.diagnostics(uri_of(proj), 2) or []
    check([x["severity"] for x in got if x["code"] == "cost-equals-budget"] == [1],
          "ptlc.settings of the folder is in force (deny makes an error)", got)
    gone = s.diagnostics(uri_of(dept))
    check(gone == [], "findings that went away are cleared (an empty list)", gone)
    s.notify("textDocument/didClose", {"textDocument": {"uri": uri_of(proj)}})
    back = s.diagnostics(uri_of(proj))
    check(back is not None and not any(x["code"] == "cost-equals-budget" for x in back),
          "a closed folder file is the disk's text again", back)
    s.close()
    shutil.rmtree(d)


FW_DECL = """// the folder's own framework
framework 本地 "本地框架" {
    产出指标 { 数量指标 质量指标 }
    效益指标 { 社会效益指标 }
    满意度指标 { 服务对象满意度指标 }
}
"""

FW_PROJ = """project "本地项目" {
    year 2026
    amount 10 万元
    goal "做好本地工作"
    framework 本地
    indicators {
        产出指标 { 数量指标 { "值守次数" ≥ 3 次 } }
        效益指标 { 社会效益指标 { "下降率" ≥ 60 % } }
        满意度指标 { 服务对象满意度指标 { "满意率" ≥ 80 % } }
    }
}
"""


def test_framework_definition():
    d = tempfile.mkdtemp(prefix="ptlc-lsp-fw-")
    fw, proj = os.path.join(d, "a-framework.ptl"), os.path.join(d, "b-proj.ptl")
    open(fw, "w").write(FW_DECL)
    open(proj, "w").write(FW_PROJ)
    s = Server()
    s.initialize(root=d)
    s.open(uri_of(proj), FW_PROJ, 1)
    check(s.diagnostics(uri_of(proj), 1) == [], "a table of the folder's own framework is clean")
    r = s.request("textDocument/definition", {"textDocument": {"uri": uri_of(proj)},
                                              "position": pos_at(FW_PROJ, "framework 本地", False, 11)})
    locs = r.get("result") or []
    check(len(locs) == 1 and locs[0]["uri"] == uri_of(fw)
          and locs[0]["range"] == {"start": {"line": 1, "character": 10}, "end": {"line": 1, "character": 12}},
          "definition of a framework declared in another file of the folder", locs)
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri_of(proj)},
                                         "position": pos_at(FW_PROJ, "framework 本地", False, 11)})
    text = ((r.get("result") or {}).get("contents") or {}).get("value", "")
    check("本地框架" in text, "hover on the framework's name", text)
    s.close()
    shutil.rmtree(d)


FIXABLE = """project "全角" {
    year 2026
    amount 10 万元
    goal "目标"
    indicators {
        产出指标 { 数量指标 { "接访次数" ≧ 4 次 } }
        效益指标 { 社会效益 { "化解率" ≥ 90 ％ } }
        成本指标 { 经济成本指标 { “公用经费” ≤ 1，000 元 } }
        满意度指标 { 服务对象满意度 { "来访群众满意率" ≥ 80 % } }
    }
}
"""


def test_fix_all():
    """A fix of several edits is titled by what it changes; source.fixAll,
    asked for by kind, is `ptlc fix`'s text."""
    with tempfile.NamedTemporaryFile("w", suffix=".ptl", delete=False) as f:
        f.write(FIXABLE)
    fixed = subprocess.run([PTLC, "fix", f.name], capture_output=True).stdout.decode()
    os.unlink(f.name)
    check(fixed.count("≥") == 3 and "“" not in fixed and "1000 元" in fixed, "ptlc fix fixes the table",
          fixed)
    for locale, whole in (("en", "Apply every fix ptlc is sure of in this file"),
                          ("zh-CN", "应用 ptlc 对本文件的全部修正")):
        s = Server()
        s.initialize(locale=locale)
        uri = "file:///tmp/ptlc-lsp-test/fixable.ptl"
        s.open(uri, FIXABLE)
        diags = s.diagnostics(uri, 1) or []
        n, l = line_of(FIXABLE, "公用经费")
        quote = [d for d in diags if d["range"]["start"] == {"line": n, "character": l.index("“")}]
        r = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": quote[0]["range"]
                                                   if quote else {}, "context": {"diagnostics": quote}})
        titles = [a["title"] for a in r.get("result") or []]
        want = ("Replace '“公用经费”' with '\"公用经费\"'" if locale == "en"
                else "将““公用经费””改为“\"公用经费\"”")
        check(titles == [want], "%s: two quotes fixed at once: titled with the stretch they change" % locale,
              titles)
        everything = {"start": {"line": 0, "character": 0}, "end": {"line": 11, "character": 0}}
        r = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": everything,
                                                   "context": {"diagnostics": []}})
        kinds = [a["kind"] for a in r.get("result") or []]
        check(kinds == ["quickfix"] * 4, "%s: without a kind asked for, the quick fixes only" % locale, kinds)
        for only in (["source.fixAll"], ["source"]):
            r = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": everything,
                                                       "context": {"diagnostics": [], "only": only}})
            acts = r.get("result") or []
            check([(a["kind"], a["title"]) for a in acts] == [("source.fixAll", whole)],
                  "%s: only %s: the one fix-all action" % (locale, only[0]), acts)
            edits = (acts[0].get("edit", {}).get("changes", {}).get(uri, []) if acts else [])
            check(apply_edits(FIXABLE, edits, False) == fixed, "%s: fix-all gives ptlc fix's text" % locale,
                  edits)
        r = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": everything,
                                                   "context": {"diagnostics": [], "only": ["refactor"]}})
        check(r.get("result") == [], "%s: only refactor: nothing" % locale, r)
        s.close()
    s = Server()
    r = s.initialize()
    kinds = r.get("result", {}).get("capabilities", {}).get("codeActionProvider", {}).get("codeActionKinds")
    check(kinds == ["quickfix", "source.fixAll"], "the code action kinds are announced", kinds)
    uri = "file:///tmp/ptlc-lsp-test/clean.ptl"
    s.open(uri, fixed)
    s.diagnostics(uri, 1)
    r = s.request("textDocument/codeAction", {"textDocument": {"uri": uri}, "range": {
        "start": {"line": 0, "character": 0}, "end": {"line": 11, "character": 0}},
        "context": {"diagnostics": [], "only": ["source.fixAll"]}})
    check(r.get("result") == [], "no fix-all on a text with nothing to fix", r)
    s.close()


def test_close_forgets():
    s = Server()
    s.initialize()
    crlf = "file:///tmp/ptlc-lsp-test/crlf.ptl"
    s.open(crlf, DEPT.replace("\n", "\r\n"))
    lf = "file:///tmp/ptlc-lsp-test/lf.ptl"
    s.open(lf, DEPT)
    a, b = s.diagnostics(crlf, 1) or [], s.diagnostics(lf, 1) or []
    a = [d["range"] for d in a if d["code"] == "unknown-unit"]
    b = [d["range"] for d in b if d["code"] == "unknown-unit"]
    check(len(a) == 2 and a == b, "CR LF lines: the same positions as LF", (a, b))
    uri = "untitled:Untitled-1"
    s.open(uri, "department \"x\" {\n year 2026\n}\n")
    check(len(s.diagnostics(uri, 1) or []) > 0, "an untitled document is checked")
    s.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    check(s.diagnostics(uri) == [], "closing it clears its diagnostics")
    full = "department \"y\" {\n year 2026\n}\n"
    s.open(uri, "x")
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 5},
                                        "contentChanges": [{"text": full}]})
    got = s.diagnostics(uri, 5) or []
    check(got and all("'y'" in x["message"] for x in got if "department" in x["message"]),
          "a full-text change replaces the text", got)
    s.close()


def test_malformed():
    s = Server()
    r = s.request("textDocument/hover", {"textDocument": {"uri": "file:///x.ptl"},
                                         "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == -32002, "a request before initialize: ServerNotInitialized", r)
    s.initialize()
    errs = lambda: s.get(lambda m: "error" in m and m.get("id") is None, 5)
    s.send_raw(b"Foo: bar\r\n\r\n")
    check((errs() or {}).get("error", {}).get("code") == -32700, "a header without Content-Length")
    s.send_raw(b"Content-Length: 9\r\n\r\n{not json")
    check((errs() or {}).get("error", {}).get("code") == -32700, "a body that is not JSON")
    s.send_raw(frame([1, 2]))
    check((errs() or {}).get("error", {}).get("code") == -32600, "a message that is an array")
    s.send_raw(frame(42))
    check((errs() or {}).get("error", {}).get("code") == -32600, "a message that is a number")
    s.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})
    check((errs() or {}).get("error", {}).get("code") == -32600, "an id that is an object")
    s.send({"jsonrpc": "2.0", "id": 900, "method": 7})
    m = s.response(900)
    check(m and m.get("error", {}).get("code") == -32600, "a method that is not a string", m)
    r = s.request("textDocument/noSuchThing", {})
    check(r.get("error", {}).get("code") == -32601, "an unknown method: MethodNotFound", r)
    s.notify("textDocument/noSuchNotification", {})
    s.notify("$/cancelRequest", {"id": 1})
    r = s.request("textDocument/hover", {"textDocument": {"uri": 5}, "position": {"line": 0, "character": 0}})
    check(r.get("error", {}).get("code") == -32602, "a uri that is a number: InvalidParams", r)
    r = s.request("textDocument/hover", "nonsense")
    check(r.get("error", {}).get("code") == -32602, "params that are a string: InvalidParams", r)
    uri = "file:///tmp/ptlc-lsp-test/m.ptl"
    s.open(uri, DEPT)
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": "x", "character": 0}})
    check(r.get("error", {}).get("code") == -32602, "a line that is a string: InvalidParams", r)
    r = s.request("textDocument/hover", {"textDocument": {"uri": uri},
                                         "position": {"line": 100000, "character": 100000}})
    check("result" in r and "error" not in r, "a position past the end is clamped", r)
    r = s.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": {"line": 3, "character": -5}})
    check("result" in r, "a negative character is clamped", r)
    s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [
        {"range": {"start": {"line": 99999, "character": 0}, "end": {"line": 99999, "character": 9}},
         "text": "\n// appended\n"}]})
    got = s.diagnostics(uri, 3)
    check(got is not None, "an edit past the end appends (and is checked)")
    r = s.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.ptl"},
                                         "position": {"line": 0, "character": 0}})
    check("result" in r and r["result"] is None, "hover on an unknown document is null", r)
    s.send_raw(b"garbage line\r\n" + frame({"jsonrpc": "2.0", "id": 901, "method": "textDocument/hover",
                                            "params": {"textDocument": {"uri": uri},
                                                       "position": {"line": 0, "character": 0}}}))
    check((errs() or {}).get("error", {}).get("code") == -32700, "garbage before a header is reported")
    check(s.response(901) is not None, "and the message after it is answered")
    body = json.dumps({"jsonrpc": "2.0", "id": 902, "method": "shutdown"}).encode()
    s.send_raw(b"Content-Length: 5\r\n\r\n" + body + frame({"jsonrpc": "2.0", "id": 903,
                                                           "method": "textDocument/documentSymbol",
                                                           "params": {"textDocument": {"uri": uri}}}))
    check(s.response(903) is not None, "a short Content-Length: the server resynchronises")
    r = s.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
    check(isinstance(r.get("result"), list), "and keeps answering", r)
    r = s.request("initialize", {"capabilities": {}})
    check(r.get("error", {}).get("code") == -32600, "a second initialize is refused", r)
    rc = s.close()
    check(rc == 0, "shutdown then exit: exit code 0", (rc, s.log[-500:]))


def test_too_large():
    s = Server(record=False)
    s.initialize()
    s.send_raw(b"Content-Length: %d\r\n\r\n" % (65 << 20))
    check((s.get(lambda m: "error" in m, 10) or {}).get("error", {}).get("code") == -32600,
          "a Content-Length above 64 MiB is refused")
    s.send_raw(b" " * (65 << 20))
    s.send({"jsonrpc": "2.0", "id": 903, "method": "shutdown", "params": None})
    r = s.response(903, 60) or {}
    check("result" in r, "and the server reads on after skipping it; \"params\": null (as "
          "Emacs' jsonrpc sends it) is no params", r)
    s.notify("exit", None)
    check(s.close(False) == 0, "exit code 0 after shutdown")
    s = Server()
    s.initialize()
    s.send_raw(b"Content-Length: 99999999999999999999999\r\n\r\n{}")
    check((s.get(lambda m: "error" in m, 10) or {}).get("error", {}).get("code") == -32600,
          "a Content-Length beyond counting is refused")
    check(s.close(False) == 1, "the input ending before exit: exit code 1")


def test_exit_codes():
    s = Server()
    s.initialize()
    s.notify("exit", None)
    check(s.close(False) == 1, "exit without shutdown: exit code 1")
    s = Server()
    s.initialize()
    s.request("shutdown")
    r = s.request("textDocument/hover", {})
    check(r.get("error", {}).get("code") == -32600, "a request after shutdown: InvalidRequest", r)
    s.notify("exit", None)
    check(s.close(False) == 0, "shutdown, exit: exit code 0")


# ===== a long document edited 100 times =====

def big_text(n_lines=5000):
    head = ['department "大表局" {', '    year 2026', '    budget {', '        total 100 万元',
            '        source 一般公共预算 100 万元', '        nature 基本支出 100 万元', '    }',
            '    indicators {', '        产出指标 {', '            数量指标 {']
    tail = ['            }', '        }', '        效益指标 {',
            '            社会效益 { "促进社会和谐稳定" ≥ 95 % }', '        }', '        成本指标 {',
            '            经济成本指标 { "公用经费成本" ≤ 26.48 万元 }', '        }', '        满意度 {',
            '            服务对象满意度 { "信访人满意度" ≥ 80 % }', '        }', '    }', '}']
    body = ['                "指标%d" ≥ %d 次' % (i, i) for i in range(n_lines - len(head) - len(tail))]
    return "\n".join(head + body + tail) + "\n"


def edits_for(text, k):
    """The k-th edit (a change in UTF-8 positions): a value made fractional,
    a unit misspelt, or a line inserted."""
    lines = text.split("\n")
    n = 10 + (k * 37) % 4900
    l = lines[n]
    if k % 3 == 0:
        a = b = l.rindex(" 次")
        new = ".5"
    elif k % 3 == 1:
        a = l.rindex("次")
        b, new = a + 1, "次次"
    else:
        a = b = 0
        new = '                "新指标%d" ≥ 1 人\n' % k
    return {"range": {"start": {"line": n, "character": col(l, a, True)},
                      "end": {"line": n, "character": col(l, b, True)}}, "text": new}


def diag_key(text, d, utf8):
    a = len(text[:offset_of(text, d["range"]["start"], utf8)].encode())
    b = len(text[:offset_of(text, d["range"]["end"], utf8)].encode())
    return (a, b, d["code"], d["message"])


def test_big(wait_each):
    text = big_text()
    s = Server()
    s.initialize(utf8=True)
    uri = "file:///tmp/ptlc-lsp-test/big.ptl"
    s.open(uri, text)
    s.diagnostics(uri, 1, 60)
    t0 = time.time()
    for k in range(100):
        e = edits_for(text, k)
        text = apply_edits(text, [{"range": e["range"], "newText": e["text"]}], True)
        s.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": k + 2},
                                            "contentChanges": [e]})
        if wait_each:
            got = s.diagnostics(uri, k + 2, 60)
            s.drain_diagnostics()
    if not wait_each:
        got = s.diagnostics(uri, 101, 120)
    dt = time.time() - t0
    with tempfile.NamedTemporaryFile("w", suffix=".ptl", delete=False) as f:
        f.write(text)
    want = json.loads(subprocess.run([PTLC, "check", "--diagnostics", "json", "--max-errors", "1000",
                                      f.name], capture_output=True).stderr.decode())["diagnostics"]
    os.unlink(f.name)
    want_keys = sorted((w["start"]["offset"], w["end"]["offset"], w["rule"], w["message"]) for w in want)
    got_keys = sorted(diag_key(text, d, True) for d in got or [])
    mode = "each edit checked" if wait_each else "edits sent at once"
    check(got is not None and got_keys == want_keys and len(want_keys) > 50,
          "5,000 lines, 100 incremental edits (%s): the diagnostics of ptlc check" % mode,
          (len(got_keys), len(want_keys), [x for x in got_keys if x not in want_keys][:3],
           [x for x in want_keys if x not in got_keys][:3]))
    print("lsp: 5,000-line document, 100 incremental edits, %s: %.2f s (%d diagnostics)"
          % (mode, dt, len(got_keys)))
    s.close()


def main():
    global PTLC, VALGRIND
    ap = argparse.ArgumentParser()
    ap.add_argument("--ptlc", default="build/ptlc")
    ap.add_argument("--valgrind", action="store_true")
    a = ap.parse_args()
    PTLC = os.path.abspath(a.ptlc)
    VALGRIND = a.valgrind
    test_encoding(True)
    test_encoding(False)
    test_chinese()
    test_hover_weights()
    test_formatting_and_symbols()
    test_workspace()
    test_framework_definition()
    test_fix_all()
    test_close_forgets()
    test_malformed()
    test_too_large()
    test_exit_codes()
    test_big(False)
    test_big(True)
    print("lsp: %d passed, %d failed" % (PASS, FAIL))
    return 1 if FAIL else 0


if __name__ == "__main__":
    sys.exit(main())
