#!/bin/sh
# check-emacs.sh: editors/emacs/ptl-mode.el in Emacs (batch, -Q):
#   - it byte-compiles without a warning, and .ptl files and ptlc.settings
#     open in ptl-mode;
#   - it knows every keyword of src/lex.c's table, in both spellings;
#   - font-lock: in examples/xinfang-department.ptl a keyword (department,
#     and 部门 in its --keywords zh copy), a category (产出指标), a unit
#     (万元), a string, an operator (≥), a number and a date have their
#     faces; so do a period, a 年月 date, a compound unit and a comment;
#     an unclosed string ends at its line's end, as ptlc reads it;
#   - indentation: every example (and its --keywords zh copy) stripped of
#     its indentation and reindented is `ptlc fmt`'s layout, byte for byte;
#     a statement broken after an operator is indented one level more;
#   - ptl-format-buffer lays a buffer out as `ptlc fmt` does, and leaves a
#     buffer with a syntax error as it is;
#   - imenu lists the tables (not a project's `department` statement);
#   - flymake: the backend, on a table with an unknown unit on a line full
#     of CJK text, reports it on that line from the offending character to
#     its end (ptlc's columns are code points), directly and through
#     flymake-mode; the ptlc.settings above the file (up to its repository
#     root) is used, as `ptlc check` would use it;
#   - eglot (elpa-eglot on Emacs 28, built in from 29): loading it registers
#     `ptlc lsp` for ptl-mode; with a ptlc that has `lsp`, eglot started on
#     that table reports the unknown unit at the same place.
# Installs emacs-nox and elpa-eglot (tools/deps.sh). Prints one line per
# failure, then "emacs: N passed, M failed".
PTLC=${PTLC:-build/ptlc}
case $PTLC in /*) ;; *) PTLC=$(pwd)/$PTLC ;; esac
. tests/lib.sh
LC_ALL=C.UTF-8
NO_COLOR=1
export LC_ALL NO_COLOR PTLC
sh tools/deps.sh emacs-nox || exit 2
# eglot is built into Emacs from 29; Debian 12's Emacs 28 has it as a package
if ! emacs --batch -Q --eval "(require 'eglot)" >/dev/null 2>&1; then
    sh tools/deps.sh elpa-eglot || exit 2
fi
[ -x "$PTLC" ] || { echo "emacs: no $PTLC (make build/ptlc)" >&2; exit 2; }
root=$(pwd)
mode=$root/editors/emacs/ptl-mode.el

# The fixtures. bad.ptl: one error, an unknown unit after 17 CJK characters,
# so code points, bytes and display cells all give different columns.
mkdir -p "$tmp/bad" "$tmp/repo/.git" "$tmp/repo/tables"
cat >"$tmp/bad/bad.ptl" <<'EOF'
project "信访维稳专项" {
    year 2026
    amount 10 万元
    goal "全年实现到京非访零登记。"
    indicators {
        产出指标 { 数量指标 { "信访事项按期办结率" ≥ 100 万人次次 } }
        效益指标 { 社会效益 { "促进社会和谐稳定" ≥ 95 % } }
        成本指标 { 经济成本指标 { "公用经费成本" ≤ 5 万元 } }
        满意度指标 { 服务对象满意度 { "信访人满意度" ≥ 80 % } }
    }
}
EOF
# the same table in a repository whose ptlc.settings makes the rule a warning
cp "$tmp/bad/bad.ptl" "$tmp/repo/tables/bad.ptl"
printf 'settings {\n    warn unknown-unit\n}\n' >"$tmp/repo/ptlc.settings"
for f in examples/*.ptl; do
    b=$(basename "$f" .ptl)
    "$PTLC" fmt "$f" >"$tmp/$b.fmt" || echo "[FAIL] ptlc fmt $f"
    "$PTLC" fmt --keywords zh "$f" >"$tmp/$b.zh.ptl" || echo "[FAIL] ptlc fmt --keywords zh $f"
done
# the "before" of docs/language.md's Formatting section
cat >"$tmp/messy.ptl" <<'EOF'
department "株洲市渌口区信访局"
{
  year 2026 ;  filed 2026-01-28
  budget { total 259.05 万元; source 一般公共预算 259.05 万元 }


    indicators {  // 绩效指标
        产出指标 { 数量指标 { "区领导坐班接访" ≥ 264 天 } }
        效益指标 {
            社会效益 {
              "促进社会和谐稳定" ≥ 95 % "反映社会和谐稳定情况"
              "调解协议率" 定性 "高于市平均值"
            }
        }
    }
}
EOF
"$PTLC" fmt "$tmp/messy.ptl" >"$tmp/messy.fmt" || echo "[FAIL] ptlc fmt messy.ptl"

cat >"$tmp/test.el" <<'EOF'
;;; test.el --- the tests of check-emacs.sh  -*- lexical-binding: t; -*-
(require 'cl-lib)
(require 'subr-x)
(setq ptl-ptlc-program (getenv "PTLC"))
(defvar tmp (file-name-as-directory (getenv "TMPDIR_TEST")))
(defvar failures nil)

(defun expect (what ok &optional detail)
  (unless ok (push (format "%s%s" what (if detail (format ": %S" detail) "")) failures)))

(defun finish ()
  (dolist (f (reverse failures)) (message "  %s" f))
  (kill-emacs (if failures 1 0)))

(defun slurp (file)
  (with-temp-buffer
    (let ((coding-system-for-read 'utf-8-unix)) (insert-file-contents file))
    (buffer-string)))

(defun code-search (re &optional group)
  "Position of the first match of RE outside comments and strings."
  (goto-char (point-min))
  (let (pos)
    (while (and (not pos) (re-search-forward re nil t))
      (unless (nth 8 (save-excursion (syntax-ppss (match-beginning 0))))
        (setq pos (match-beginning (or group 0)))))
    pos))

(defun face-at-p (pos face)
  (and pos (memq face (ensure-list (get-text-property pos 'face)))))

(defun expect-face (what re face &optional group)
  (let ((pos (code-search re group)))
    (expect (format "%s (%s) has %s" what re face) (face-at-p pos face)
            (and pos (list :found (get-text-property pos 'face)
                           :line (line-number-at-pos pos))))))

(defun wait-for (pred seconds)
  (let ((end (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) end))
      (accept-process-output nil 0.1))
    v))

(defun bad-span ()
  "Where the unknown unit of bad.ptl is: (LINE BEG END)."
  (goto-char (point-min))
  (search-forward "万人次次")
  (list (line-number-at-pos) (match-beginning 0) (match-end 0)))

(defun expect-bad-diag (what diags type)
  (let* ((span (bad-span))
         (d (cl-find-if (lambda (d) (string-match-p "万人次次" (flymake-diagnostic-text d)))
                        diags)))
    (expect (format "%s: a diagnostic for 万人次次" what) d diags)
    (when d
      (let ((beg (flymake-diagnostic-beg d)) (end (flymake-diagnostic-end d)))
        ;; eglot 1.9 has types of its own, eglot-error for :error
        (expect (format "%s: %s" what type)
                (memq (flymake-diagnostic-type d)
                      (list type (intern (format "eglot-%s" (substring (symbol-name type) 1)))))
                (flymake-diagnostic-type d))
        (expect (format "%s: on line %d" what (car span))
                (= (line-number-at-pos beg) (car span)) (line-number-at-pos beg))
        (expect (format "%s: starts at the 万 (char %d of its line)" what
                        (- (nth 1 span) (save-excursion (goto-char beg) (line-beginning-position))))
                (= beg (nth 1 span))
                (list :got (buffer-substring beg (min end (line-end-position)))
                      :column (- beg (save-excursion (goto-char beg) (line-beginning-position)))))
        (expect (format "%s: ends after the unit" what) (= end (nth 2 span))
                (buffer-substring beg end))))))

;;;; the tests

(defun test-load ()
  (dolist (f '("a.ptl" "dir/表.ptl" "project/ptlc.settings"))
    (with-current-buffer (find-file-noselect (concat tmp "open/" f))
      (expect (format "%s opens in ptl-mode" f) (eq major-mode 'ptl-mode) major-mode)
      (set-buffer-modified-p nil)
      (kill-buffer)))
  (with-temp-buffer
    (ptl-mode)
    (expect "flymake backend on" (memq 'ptl-flymake flymake-diagnostic-functions))
    (expect "comment-start" (equal comment-start "// "))
    (insert "year 2026")
    (comment-dwim nil)
    (expect "M-; adds a // comment" (string-match-p "year 2026 *// *\\'" (buffer-string))
            (buffer-string))
    (erase-buffer)
    (insert "year 2026\n")
    (comment-region (point-min) (point-max))
    (expect "comment-region" (equal (buffer-string) "// year 2026\n") (buffer-string))))

(defun test-keywords ()
  (let ((missing nil))
    (dolist (p (split-string (getenv "KEYWORDS") "\n" t))
      (let* ((w (split-string p " ")) (pair (cons (car w) (cadr w))))
        (unless (member pair ptl-keyword-pairs) (push p missing))))
    (expect "every keyword of src/lex.c is in ptl-keyword-pairs" (null missing) missing)
    (expect "as many keywords as src/lex.c"
            (= (length ptl-keyword-pairs) (length (split-string (getenv "KEYWORDS") "\n" t)))
            (length ptl-keyword-pairs))))

(defun test-faces ()
  (find-file "examples/xinfang-department.ptl")
  (font-lock-ensure)
  (expect-face "keyword" "^department" 'font-lock-keyword-face)
  (expect-face "keyword" "\\_<budget\\_>" 'font-lock-keyword-face)
  (expect-face "category" "产出指标" 'ptl-category-face)
  (expect-face "category after another's {" "数量指标" 'ptl-category-face)
  (expect-face "unit" "万元" 'ptl-unit-face)
  (expect-face "unit" "[0-9] \\(%\\)" 'ptl-unit-face 1)
  (expect-face "string" "\"区领导坐班接访\"" 'font-lock-string-face)
  (expect-face "operator" "≥" 'ptl-operator-face)
  (expect-face "operator" "定性" 'ptl-operator-face)
  (expect-face "number" "259\\.05" 'ptl-number-face)
  (expect-face "date" "2026-01-28" 'ptl-date-face)
  (expect-face "not a category: a keyword" "^ *\\(budget\\) {" 'font-lock-keyword-face 1)
  (goto-char (point-min))
  (expect "comment" (face-at-p (+ 3 (point-min)) 'font-lock-comment-face))
  (find-file (concat tmp "xinfang-department.zh.ptl"))
  (font-lock-ensure)
  (expect-face "Chinese keyword" "^部门" 'font-lock-keyword-face)
  (expect-face "Chinese keyword" "\\_<预算\\_>" 'font-lock-keyword-face)
  (expect-face "Chinese keyword: not a name" "^ *\\(收入\\) " 'font-lock-keyword-face 1)
  (with-temp-buffer
    (ptl-mode)
    (insert "project \"x\" {\n    period 2023-07..2024-01\n    filed 2025年12月\n"
            "    indicators { 产出指标 { 数量指标 { \"a\" ≥ 5000 元/人·月 } } }\n"
            "    budget 中期 { total 3 万元 }\n}\n")
    (font-lock-ensure)
    (expect-face "period" "2023-07\\.\\.2024-01" 'ptl-date-face)
    (let ((pos (code-search "2024-01")))
      (expect "the whole period" (face-at-p pos 'ptl-date-face)))
    (expect-face "年月 date" "2025年12月" 'ptl-date-face)
    (let ((pos (code-search "元/人·月")))
      (expect "a compound unit, whole"
              (cl-every (lambda (p) (face-at-p p 'ptl-unit-face))
                        (number-sequence pos (+ pos 4)))))
    (expect-face "one-line categories" "数量指标" 'ptl-category-face)
    (goto-char (point-min))
    (search-forward "filed 2025年12月")
    (insert " \"an unclosed string")
    (font-lock-ensure)
    (expect-face "a string ends at its line's end" "^ *\\(indicators\\)" 'font-lock-keyword-face 1)
    (indent-region (point-min) (point-max))
    (expect "and indentation goes on after it" (string-search "\n    budget 中期" (buffer-string))
            (buffer-string))
    (let ((pos (code-search "中期")))
      (expect "a budget's figure is no category" (not (face-at-p pos 'ptl-category-face))))))

(defun reindent-equals-fmt (file fmt)
  (with-current-buffer (find-file-noselect file)
    (let ((want (slurp fmt)))
      (erase-buffer)
      (insert want)
      (goto-char (point-min))
      (while (re-search-forward "^[ \t]+" nil t) (replace-match ""))
      (indent-region (point-min) (point-max))
      (let ((got (buffer-string)))
        (expect (format "reindented %s is ptlc fmt's layout" (file-name-nondirectory file))
                (equal got want)
                (let ((a (split-string got "\n")) (b (split-string want "\n")) (n 1))
                  (while (and a b (equal (car a) (car b))) (setq a (cdr a) b (cdr b) n (1+ n)))
                  (list :line n :got (car a) :want (car b)))))
      (set-buffer-modified-p nil)
      (kill-buffer))))

(defun test-indent ()
  (dolist (b '("xinfang-department" "xinfang-projects" "xinfang-zipingbiao"))
    (reindent-equals-fmt (concat "examples/" b ".ptl") (concat tmp b ".fmt"))
    (reindent-equals-fmt (concat tmp b ".zh.ptl") (concat tmp b ".zh.ptl")))
  (with-temp-buffer
    (ptl-mode)
    (insert "project \"x\" {\n    indicators {\n        产出指标 {\n"
            "\"培训人次\" >=\n1200 人次\n\"培训效果\" 定性 // 定性 is an operator too\n"
            "\"达到\"\n\"x\" = 1 个\n}\n}\n}\n")
    (indent-region (point-min) (point-max))
    (expect "a statement broken after an operator is indented once more"
            (string-search (concat "            \"培训人次\" >=\n                1200 人次\n"
                                   "            \"培训效果\" 定性 // 定性 is an operator too\n"
                                   "                \"达到\"\n            \"x\" = 1 个\n        }\n")
                           (buffer-string))
            (buffer-string))))

(defun test-format ()
  (with-current-buffer (find-file-noselect (concat tmp "messy.ptl"))
    (ptl-format-buffer)
    (expect "ptl-format-buffer gives ptlc fmt's output"
            (equal (buffer-string) (slurp (concat tmp "messy.fmt"))) (buffer-string))
    (goto-char (point-min))
    (re-search-forward "^ *year 2026$")
    (replace-match "    year" t t)
    (let ((before (buffer-string)))
      (ptl-format-buffer)
      (expect "a buffer with a syntax error is left as it is" (equal (buffer-string) before))
      (expect "its errors are shown, under the buffer's file name"
              (with-current-buffer "*ptlc fmt*"
                (string-search "messy.ptl:2:" (buffer-string)))
              (with-current-buffer "*ptlc fmt*" (buffer-string))))
    (set-buffer-modified-p nil)))

(defun test-imenu ()
  (find-file "examples/xinfang-projects.ptl")
  (let ((names (mapcar #'car (ptl-imenu-create-index))))
    (expect "imenu lists the projects, not their department statements"
            (equal names '("project 安保信访维稳专项（含特护期京、郑、长、株等地）"
                           "project 驻京维稳工作组专项"))
            names))
  (find-file (concat tmp "xinfang-zipingbiao.zh.ptl"))
  (let ((names (mapcar #'car (ptl-imenu-create-index))))
    (expect "imenu lists 自评 tables"
            (equal names '("自评 株洲市渌口区信访局" "自评 驻京维稳工作组专项")) names)))

(defun run-backend ()
  "Call ptl-flymake in the current buffer; return what it reported."
  (let ((got 'none))
    (ptl-flymake (lambda (diags &rest _) (setq got diags)))
    (wait-for (lambda () (not (eq got 'none))) 20)
    got))

(defun test-flymake ()
  (find-file (concat tmp "bad/bad.ptl"))
  (let ((diags (run-backend)))
    (expect "the backend reports one diagnostic" (= (length diags) 1) diags)
    (expect-bad-diag "backend" diags :error))
  ;; the buffer is checked, not the file: an edit shows at once
  (goto-char (point-min))
  (search-forward "year 2026")
  (replace-match "year 2026.5" t t)
  (let ((diags (run-backend)))
    (expect "the unsaved buffer is what is checked"
            (cl-some (lambda (d) (string-match-p "invalid-year" (flymake-diagnostic-text d))) diags)
            (mapcar #'flymake-diagnostic-text diags)))
  (revert-buffer t t)
  ;; through flymake-mode itself
  (flymake-mode 1)
  (flymake-start nil t)
  (wait-for #'flymake-diagnostics 20)
  (expect-bad-diag "flymake-mode" (flymake-diagnostics) :error)
  (flymake-mode -1)
  ;; the settings of the repository the file is in
  (find-file (concat tmp "repo/tables/bad.ptl"))
  (expect "ptl-find-settings finds the repository's ptlc.settings"
          (equal (ptl-find-settings default-directory) (concat tmp "repo/ptlc.settings"))
          (ptl-find-settings default-directory))
  (expect-bad-diag "with ptlc.settings" (run-backend) :warning)
  ;; a settings buffer is checked as settings
  (find-file (concat tmp "repo/ptlc.settings"))
  (goto-char (point-min))
  (search-forward "unknown-unit")
  (replace-match "unknown-unti" t t)
  (let ((diags (run-backend)))
    (expect "a ptlc.settings buffer: its unknown rule, where it is"
            (and (= (length diags) 1)
                 (string-match-p "unknown-rule" (flymake-diagnostic-text (car diags)))
                 (equal (buffer-substring (flymake-diagnostic-beg (car diags))
                                          (flymake-diagnostic-end (car diags)))
                        "unknown-unti"))
            (mapcar (lambda (d) (list (flymake-diagnostic-text d)
                                      (buffer-substring (flymake-diagnostic-beg d)
                                                        (flymake-diagnostic-end d))))
                    diags)))
  (set-buffer-modified-p nil))

(defun load-eglot ()
  (or (require 'eglot nil t)
      (progn
        (setq package-directory-list '("/usr/share/emacs/site-lisp/elpa"))
        (setq package-user-dir (concat tmp "elpa"))
        (package-initialize)
        (require 'eglot nil t))))

(defun test-eglot-registered ()
  (expect "eglot loads" (load-eglot))
  (when (featurep 'eglot)
    (let ((entry (assq 'ptl-mode eglot-server-programs)))
      (expect "eglot-server-programs has ptl-mode" entry)
      (expect "its contact is `ptlc lsp'"
              (equal (let ((c (cdr entry))) (if (functionp c) (funcall c nil) c))
                     (list ptl-ptlc-program "lsp"))
              entry))
    (message "eglot %s" (eglot-version))))

(defun eglot-version ()
  "The version of the eglot `load-eglot' loads, or nil."
  (when (load-eglot)
    (let ((d (cadr (assq 'eglot package-alist))))
      (cond (d (package-version-join (package-desc-version d)))
            ((fboundp 'eglot--version) (eglot--version))
            ((boundp 'eglot-version) (symbol-value 'eglot-version))
            (t "(built in)")))))

(defun test-eglot-diagnostics ()
  (load-eglot)
  (find-file (concat tmp "bad/bad.ptl"))
  (let ((eglot-sync-connect t) (eglot-connect-timeout 20))
    (apply #'eglot (eglot--guess-contact)))
  (expect "eglot manages the buffer" (eglot-current-server))
  (expect "eglot's backend replaces ptl-flymake"
          (equal flymake-diagnostic-functions '(eglot-flymake-backend))
          flymake-diagnostic-functions)
  (let ((diags (wait-for (lambda ()
                           (flymake-start nil t)
                           (accept-process-output nil 0.2)
                           (flymake-diagnostics))
                         20)))
    (expect-bad-diag "eglot" diags :error))
  (when (eglot-current-server) (eglot-shutdown (eglot-current-server))))
EOF

TMPDIR_TEST=$tmp
export TMPDIR_TEST
run() {
    emacs --batch -Q -l "$mode" -l "$tmp/test.el" --eval "(progn ($1) (finish))"
}
keywords=$(sed -n '/^static const struct { const char \*en, \*zh; int tok; } keywords/,/^};/p' src/lex.c |
           grep -o '{"[^"]*", "[^"]*"' | tr -d '{",')
KEYWORDS=$(printf '%s\n' $keywords | paste -d' ' - -)
export KEYWORDS

cp "$mode" "$tmp/ptl-mode.el"
check "ptl-mode.el byte-compiles without a warning" \
    emacs --batch -Q --eval '(setq byte-compile-error-on-warn t)' -f batch-byte-compile "$tmp/ptl-mode.el"
check "loads; .ptl and ptlc.settings open in ptl-mode; comments" run test-load
check "knows every keyword of src/lex.c" run test-keywords
check "font-lock faces" run test-faces
check "indentation is ptlc fmt's" run test-indent
check "ptl-format-buffer" run test-format
check "imenu" run test-imenu
check "flymake backend: the unknown unit, where it is" run test-flymake
eglot=$(emacs --batch -Q -l "$tmp/test.el" --eval '(princ (or (eglot-version) ""))' 2>/dev/null)
echo "emacs: $(emacs --version | head -n 1), eglot ${eglot:-none}"
# eglot's tests are never skipped: without eglot they fail
check "eglot is there (built in, or Debian's elpa-eglot)" [ -n "$eglot" ]
check "eglot: ptlc lsp registered" run test-eglot-registered
check "eglot: diagnostics from ptlc lsp" run test-eglot-diagnostics
echo "emacs: $pass passed, $fail failed"
[ $fail -eq 0 ]
