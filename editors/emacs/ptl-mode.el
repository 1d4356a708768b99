;;; ptl-mode.el --- Major mode for ptlc budget performance target tables  -*- lexical-binding: t; -*-

;; Keywords: languages
;; Package-Requires: ((emacs "27.1"))

;;; Commentary:

;; A major mode for `.ptl' files (绩效目标表 kept as text, checked and built
;; by ptlc) and for `ptlc.settings'.
;;
;; - font-lock: the keywords in both spellings (department/部门 …, as in
;;   src/lex.c, whose table tests/check-emacs.sh compares with this file),
;;   strings, numbers, dates (2026-01-28, 2025年12月, periods
;;   2023-07..2024-01), operators (≥ ≤ >= <= = > < .. 定性 定量), units
;;   after a number (万元, %, 元/人), and category names, the bare names
;;   that open indicator blocks (产出指标 { 数量指标 { …).
;; - indentation: 4 spaces per brace level, as `ptlc fmt' lays a file out;
;;   a statement broken after an operator is indented one level more.
;; - comments: // and /* */, so M-; and comment-region work.
;; - imenu: the tables of a file (department, project, evaluation and
;;   their Chinese spellings 部门, 项目, 自评).
;; - `ptl-format-buffer' (C-c C-f): the buffer through `ptlc fmt -'; with
;;   a prefix argument, keywords respelled in Chinese or English.
;; - flymake: `ptl-flymake' runs `ptlc check --diagnostics json' on a copy
;;   of the buffer, with the ptlc.settings `ptlc check' would use for the
;;   file itself.  It is on `flymake-diagnostic-functions'; M-x flymake-mode.
;; - eglot: `ptlc lsp' is registered for ptl-mode when eglot is loaded
;;   (Emacs 29, or the elpa-eglot package); nothing fails when ptlc or
;;   eglot is missing until M-x eglot is asked for.
;;
;; Install: put this file on `load-path' and
;;     (require 'ptl-mode)
;; or (autoload 'ptl-mode "ptl-mode" nil t) with the two `auto-mode-alist'
;; entries below.  `ptl-ptlc-program' names the ptlc to run.

;;; Code:

(require 'cl-lib)
(require 'json)
(require 'flymake)
(require 'subr-x)

(defgroup ptl nil
  "Budget performance target tables (.ptl) and ptlc."
  :group 'languages
  :prefix "ptl-")

(defcustom ptl-ptlc-program "ptlc"
  "The ptlc program: a name looked up in variable `exec-path', or a file name."
  :type 'string)

(defcustom ptl-indent-offset 4
  "Indentation per brace level; `ptlc fmt' uses 4."
  :type 'integer
  :safe #'integerp)

(defcustom ptl-ptlc-lang nil
  "Language of ptlc's messages: nil (ptlc follows the locale), \"zh\" or \"en\"."
  :type '(choice (const :tag "Locale" nil) (const "zh") (const "en")))

(defface ptl-operator-face '((t :inherit font-lock-builtin-face))
  "Face for ptl operators: ≥ ≤ >= <= = > < .. 定性 定量.")
(defface ptl-unit-face '((t :inherit font-lock-type-face))
  "Face for units: 万元, %, 元/人 and the like.")
(defface ptl-number-face '((t :inherit font-lock-constant-face))
  "Face for numbers.")
(defface ptl-date-face '((t :inherit font-lock-constant-face :slant italic))
  "Face for dates and periods: 2026-01-28, 2025年12月, 2023-07..2024-01.")
(defface ptl-category-face '((t :inherit font-lock-function-name-face))
  "Face for the names that open indicator blocks, as 产出指标 in `产出指标 {'.")

;;;; Keywords

(defconst ptl-keyword-pairs
  '(("department" . "部门") ("project" . "项目") ("year" . "年度")
    ("filed" . "填报日期") ("filer" . "填报人") ("attachment" . "附件")
    ("duty" . "履职目标") ("task" . "任务") ("budget" . "预算")
    ("total" . "资金总额") ("source" . "收入") ("nature" . "支出")
    ("indicators" . "绩效指标") ("amount" . "项目金额")
    ("category" . "项目类别") ("period" . "实施期")
    ("goal" . "绩效目标") ("framework" . "指标体系")
    ("note" . "备注") ("unit" . "计量单位") ("dimension" . "量纲")
    ("vocabulary" . "词表") ("alias" . "别名")
    ("default" . "默认") ("qual" . "定性") ("weight" . "权重")
    ("standard" . "评价标准") ("allow" . "豁免")
    ("funding" . "资金来源") ("settings" . "设置")
    ("warn" . "警告") ("deny" . "禁止") ("set" . "设定")
    ("org" . "机构") ("person" . "人员") ("attribute" . "属性")
    ("text" . "文字") ("code" . "编码") ("phone" . "电话")
    ("share" . "占比") ("breakdown" . "明细") ("part" . "分项")
    ("score" . "分值") ("scoring" . "评分标准") ("quant" . "定量")
    ("evaluation" . "自评") ("execution" . "预算执行")
    ("outcome" . "完成情况") ("results" . "实际完成值")
    ("scored" . "得分") ("grade" . "等级") ("rate" . "执行率")
    ("reason" . "偏差原因"))
  "Every keyword of src/lex.c, as (ENGLISH . CHINESE).")

(defconst ptl-keywords
  (let (l) (dolist (p ptl-keyword-pairs (nreverse l))
             (push (car p) l) (push (cdr p) l)))
  "Every keyword, in both spellings.")

(defconst ptl-operator-keywords '("qual" "定性" "quant" "定量")
  "Keywords that are operators: a value type, not a statement.")

(defconst ptl-table-keywords '("department" "部门" "project" "项目"
                               "evaluation" "自评")
  "The keywords that open a table.")

(defconst ptl--name-re "\\(?:\\sw\\|\\s_\\)+"
  "A bare name (as the syntax table sees one).")

(defconst ptl--date-re
  (concat "[0-9]\\{4\\}-[0-9]\\{2\\}\\(?:-[0-9]\\{2\\}\\)?"
          "\\|[0-9]\\{4\\}年[0-9]\\{1,2\\}月\\(?:[0-9]\\{1,2\\}日\\)?")
  "A date: 2026-01-28, 2026-01, 2025年12月, 2025年12月31日.")

(defconst ptl--operator-re "[<>]=?\\|=\\|≥\\|≤\\|\\.\\."
  "The symbol operators.")

;;;; Syntax

(defvar ptl-mode-syntax-table
  (let ((st (make-syntax-table)))
    (modify-syntax-entry ?/ ". 124b" st)
    (modify-syntax-entry ?* ". 23" st)
    (modify-syntax-entry ?\n "> b" st)
    (modify-syntax-entry ?\r "> b" st)
    (modify-syntax-entry ?\" "\"" st)
    (modify-syntax-entry ?\\ "\\" st)
    (modify-syntax-entry ?{ "(}" st)
    (modify-syntax-entry ?} "){" st)
    ;; Only braces make blocks: a stray bracket (an unquoted name with
    ;; punctuation, a ptlc error) must not upset the indentation.
    (dolist (c '(?\( ?\) ?\[ ?\] ?（ ?） ?【 ?】 ?「 ?」 ?『 ?』 ?《 ?》 ?〔 ?〕))
      (modify-syntax-entry c "." st))
    (dolist (c '(?_ ?- ?· ?・ ?× ?…))
      (modify-syntax-entry c "_" st))
    (dolist (c '(?% ?‰ ?= ?< ?> ?≥ ?≤ ?\; ?. ?' ?、 ?， ?： ?；))
      (modify-syntax-entry c "." st))
    ;; ㎡ ㎥ ㎞ ㎏ …: symbols to Unicode, letters of a name to ptlc.
    (modify-syntax-entry '(#x3380 . #x33DF) "w" st)
    st)
  "Syntax table for `ptl-mode'.")

;;;; Strings end at the end of their line

(defun ptl-syntax-propertize (start end)
  "Close, at its line's end, a string left open between START and END.
ptlc reads a string on one line (an unterminated one is an error there),
so an unclosed `\"' must not make the rest of the buffer a string for
font-lock and indentation: the quote and the line end become string
fences."
  (goto-char start)
  (while (< (point) end)
    (end-of-line)
    (when (< (point) (point-max))
      (let ((ppss (syntax-ppss)))
        (when (eq (nth 3 ppss) ?\")
          (put-text-property (nth 8 ppss) (1+ (nth 8 ppss))
                             'syntax-table (string-to-syntax "|"))
          (put-text-property (point) (1+ (point))
                             'syntax-table (string-to-syntax "|"))
          (syntax-ppss-flush-cache (nth 8 ppss)))))
    (forward-line 1)))

;;;; Font lock

(defun ptl--in-code-p (pos)
  "Non-nil if POS is outside strings and comments."
  (not (nth 8 (save-excursion (syntax-ppss pos)))))

(defun ptl--match-number (limit)
  "Font-lock matcher: a number before LIMIT, then maybe its unit.
Group 1 is the number, group 2 the unit (a name, %, ‰, or money per
something: 元/人, 元/人·月)."
  (let (found)
    (while (and (not found)
                (re-search-forward
                 (concat "\\(-?[0-9]+\\(?:\\.[0-9]+\\)?\\)"
                         "\\(?:[ \t]*\\(%\\|‰\\|" ptl--name-re
                         "\\(?:/" ptl--name-re "\\)*\\)\\)?")
                 limit t))
      (let* ((beg (match-beginning 1))
             (before (char-before beg)))
        (cond
         ;; digits inside a name (指标2) or a date, or after a lone `.':
         ;; not a number; look again right after them
         ((or (and before (memq (char-syntax before) '(?w ?_)))
              (and (eq before ?.) (not (eq (char-before (1- beg)) ?.))))
          (goto-char (match-end 1)))
         (t
          (setq found t)
          (when (match-beginning 2)
            (let ((unit (match-string 2)))
              (when (or (member (save-match-data (car (split-string unit "/")))
                                ptl-keywords)
                        (string-match-p "\\`[-0-9]" unit))
                ;; `score 10 rate', `2026..2028': no unit here
                (set-match-data (list beg (match-end 1) beg (match-end 1)))
                (goto-char (match-end 1)))))))))
    found))

(defun ptl--match-category (limit)
  "Font-lock matcher: a bare name opening a block, before LIMIT.
A category, or a group of a vocabulary: a name that is not a keyword,
followed by `{', and first on its line or after another `{' or `;'."
  (let (found)
    (while (and (not found)
                (re-search-forward
                 (concat "\\_<\\(" ptl--name-re "\\)[ \t]*{") limit t))
      (let ((name (match-string 1)))
        (save-excursion
          (goto-char (match-beginning 1))
          (skip-chars-backward " \t")
          (when (and (or (bolp) (memq (char-before) '(?\{ ?\;)))
                     (not (member name ptl-keywords))
                     (not (string-match-p "\\`-?[0-9]" name))
                     (save-match-data (ptl--in-code-p (match-beginning 1))))
            (setq found t)))))
    found))

(defconst ptl-font-lock-keywords
  `((,(regexp-opt ptl-operator-keywords 'symbols) . 'ptl-operator-face)
    (,(regexp-opt (cl-set-difference ptl-keywords ptl-operator-keywords
                                     :test #'string=)
                  'symbols)
     . 'font-lock-keyword-face)
    ;; a date, or a period of two
    (,(concat "\\_<\\(?:" ptl--date-re "\\)\\(?:\\.\\.\\(?:" ptl--date-re
              "\\)\\)?\\_>")
     . 'ptl-date-face)
    ;; the name a unit or a dimension declaration declares
    (,(concat "\\_<\\(?:unit\\|计量单位\\)[ \t]+\\(%\\|‰\\|" ptl--name-re "\\)")
     1 'ptl-unit-face)
    (,(concat "\\_<\\(?:dimension\\|量纲\\|vocabulary\\|词表"
              "\\|framework\\|指标体系\\)[ \t]+\\(" ptl--name-re "\\)")
     1 'font-lock-type-face)
    (ptl--match-number (1 'ptl-number-face) (2 'ptl-unit-face nil t))
    (ptl--match-category (1 'ptl-category-face))
    (,ptl--operator-re . 'ptl-operator-face)
    ("[%‰]" . 'ptl-unit-face))
  "Font-lock keywords for `ptl-mode'.")

;;;; Indentation

(defconst ptl--continuation-re
  (concat "\\(?:" ptl--operator-re "\\|/\\|"
          (regexp-opt ptl-operator-keywords 'symbols) "\\)")
  "A line that ends so: the statement goes on on the next line.")

(defun ptl--continued-p ()
  "Non-nil if the statement before the current line continues on it.
That is when the code before it (comments skipped) ends in an operator,
`/' or `..', after which ptlc reads no end of statement."
  (save-excursion
    (beginning-of-line)
    (forward-comment (- (point)))
    (and (> (point) (point-min))
         (looking-back ptl--continuation-re (line-beginning-position)))))

(defun ptl-calculate-indentation ()
  "The column the current line should be indented to."
  (save-excursion
    (beginning-of-line)
    (let* ((ppss (syntax-ppss))
           (depth (car ppss)))
      (skip-chars-forward " \t")
      (when (eq (char-after) ?\}) (setq depth (1- depth)))
      (let ((col (* ptl-indent-offset (max depth 0))))
        (if (and (not (eq (char-after) ?\})) (ptl--continued-p))
            (+ col ptl-indent-offset)
          col)))))

(defun ptl-indent-line ()
  "Indent the current line as `ptlc fmt' would."
  (interactive)
  (let ((ppss (save-excursion (syntax-ppss (line-beginning-position)))))
    (if (nth 4 ppss)
        ;; inside a /* */ comment: its text is the writer's
        'noindent
      (let ((col (ptl-calculate-indentation))
            (offset (- (current-column) (current-indentation))))
        (indent-line-to col)
        (when (> offset 0) (forward-char offset))))))

;;;; Imenu

(defun ptl-imenu-create-index ()
  "The tables of the buffer, for imenu: `department NAME' and so on."
  (let ((re (concat "^[ \t]*\\(" (regexp-opt ptl-table-keywords) "\\)"
                    "[ \t]+\"\\(\\(?:[^\"\\\n]\\|\\\\.\\)*\\)\"[ \t]*{"))
        index)
    (save-excursion
      (save-restriction
        (widen)
        (goto-char (point-min))
        (while (re-search-forward re nil t)
          (let ((ppss (save-excursion (syntax-ppss (match-beginning 1)))))
            ;; a table is at the top: `department "…"' inside a project is
            ;; the project's department statement
            (when (and (zerop (car ppss)) (not (nth 8 ppss)))
              (push (cons (concat (match-string-no-properties 1) " "
                                  (match-string-no-properties 2))
                          (copy-marker (match-beginning 1)))
                    index))))))
    (nreverse index)))

;;;; Formatting

(defun ptl--lang-args ()
  "The --lang option `ptl-ptlc-lang' asks for, as a list."
  (and ptl-ptlc-lang (list "--lang" ptl-ptlc-lang)))

(defun ptl-format-buffer (&optional keywords)
  "Lay out the buffer as `ptlc fmt' does.
With a prefix argument, ask for KEYWORDS, \"zh\" or \"en\", and spell
every keyword that way.  A buffer with syntax errors is left as it is,
and the errors are shown in the buffer *ptlc fmt*."
  (interactive
   (list (and current-prefix-arg
              (completing-read "Spell keywords in (zh or en): " '("zh" "en")
                               nil t))))
  (let* ((out (generate-new-buffer " *ptlc fmt output*"))
         (errfile (make-temp-file "ptlc-fmt"))
         (source (current-buffer))
         (name (or buffer-file-name (buffer-name)))
         (args (append '("fmt") (and keywords (list "--keywords" keywords))
                       '("-"))))
    (unwind-protect
        (let* ((coding-system-for-read 'utf-8-unix)
               (coding-system-for-write 'utf-8-unix)
               (default-directory (if (file-remote-p default-directory)
                                      temporary-file-directory
                                    default-directory))
               (status (save-restriction
                         (widen)
                         (apply #'call-process-region (point-min) (point-max)
                                ptl-ptlc-program nil (list out errfile) nil
                                args))))
          (if (eq status 0)
              (if (save-restriction
                    (widen)
                    (zerop (compare-buffer-substrings
                            source nil nil out nil nil)))
                  (message "ptlc fmt: already formatted")
                (save-restriction
                  (widen)
                  (replace-buffer-contents out 2))
                (message "ptlc fmt: formatted"))
            (let ((errors (with-temp-buffer
                            (insert-file-contents errfile)
                            (goto-char (point-min))
                            (while (search-forward "<stdin>" nil t)
                              (replace-match name t t))
                            (buffer-string))))
              (with-current-buffer (get-buffer-create "*ptlc fmt*")
                (let ((inhibit-read-only t))
                  (erase-buffer)
                  (insert errors))
                (compilation-mode)
                (display-buffer (current-buffer)))
              (message "ptlc fmt: %s"
                       (if (stringp status) status
                         (format "exit %s; the buffer is unchanged" status))))))
      (kill-buffer out)
      (delete-file errfile))))

;;;; Flymake

(defvar-local ptl--flymake-proc nil
  "The running `ptlc check' of this buffer.")

(defun ptl--settings-file-p (&optional file)
  "Non-nil if FILE (or the buffer's file) is a ptlc.settings."
  (equal (file-name-nondirectory (or file buffer-file-name "")) "ptlc.settings"))

(defun ptl-find-settings (dir)
  "The ptlc.settings `ptlc check' would use for a file in DIR, or nil.
Searched from DIR upwards to the repository root (the nearest directory
holding .git), or in DIR alone outside a repository; a link leading out
of the project, or anything but a regular file, is not used (see
docs/settings.md)."
  (let* ((dir (file-name-as-directory (expand-file-name dir)))
         (root (locate-dominating-file dir ".git"))
         (limit (and root (file-name-as-directory (expand-file-name root))))
         (d dir)
         found)
    (while (and d (not found))
      (let ((f (expand-file-name "ptlc.settings" d)))
        (when (file-exists-p f) (setq found f)))
      (setq d (and limit (not (string= d limit))
                   (let ((up (file-name-directory (directory-file-name d))))
                     (and (not (string= up d)) up)))))
    (when (and found (file-regular-p found)
               (or (not (file-symlink-p found))
                   (let ((top (file-truename (or limit dir))))
                     (string-prefix-p (file-name-as-directory top)
                                      (file-truename found)))))
      found)))

(defun ptl--line-col-pos (line column)
  "Buffer position of LINE and COLUMN, as ptlc gives them (from 1).
ptlc counts columns in code points, as Emacs counts characters, so a
CJK character is one column (not two cells, not three bytes)."
  (save-excursion
    (goto-char (point-min))
    (if (> (forward-line (1- (max line 1))) 0)
        (point-max)
      (min (+ (point) (max 0 (1- column))) (line-end-position)))))

(defun ptl--diag-region (start end)
  "The region (BEG . END) of ptlc's START and END positions (JSON alists)."
  (let* ((beg (ptl--line-col-pos (alist-get 'line start)
                                 (alist-get 'column start)))
         (fin (if end
                  (save-excursion
                    (goto-char (point-min))
                    (if (> (forward-line (1- (alist-get 'line end))) 0)
                        (point-max)
                      (min (+ (point) (max 0 (1- (alist-get 'column end))))
                           (point-max))))
                beg)))
    (when (<= fin beg) (setq fin (min (1+ beg) (point-max))))
    (when (<= fin beg) (setq beg (max (point-min) (1- fin))))
    (cons beg fin)))

(defun ptl--severity (s)
  "The flymake type of ptlc's severity S."
  (pcase s ("error" :error) ("warning" :warning) (_ :note)))

(defun ptl-flymake-parse (json file settings)
  "Flymake diagnostics for the current buffer from ptlc's JSON text.
FILE is the path the buffer's text was checked as; SETTINGS the
settings file passed to ptlc, or nil.  Diagnostics of FILE are placed
where ptlc says; those of SETTINGS (when it is not FILE) and the run's
notifications are shown on the first line."
  (let* ((json-object-type 'alist)
         (json-array-type 'list)
         (json-key-type 'symbol)
         (doc (json-read-from-string json))
         (src (current-buffer))
         diags)
    (cl-flet ((top (type text)
                (let ((r (or (flymake-diag-region src 1)
                             (cons (point-min) (min (1+ (point-min)) (point-max))))))
                  (push (flymake-make-diagnostic src (car r) (cdr r) type text)
                        diags))))
      (dolist (n (alist-get 'notifications doc))
        (top (ptl--severity (alist-get 'severity n))
             (concat "ptlc: " (alist-get 'message n))))
      (dolist (d (alist-get 'diagnostics doc))
        (let* ((dfile (alist-get 'file d))
               (type (ptl--severity (alist-get 'severity d)))
               (start (alist-get 'start d))
               (text (format "%s [%s]" (alist-get 'message d)
                             (alist-get 'rule d))))
          (cond
           ((equal dfile file)
            (let ((r (ptl--diag-region start (alist-get 'end d))))
              (push (flymake-make-diagnostic src (car r) (cdr r) type text)
                    diags))
            (dolist (n (alist-get 'notes d))
              (when (equal (alist-get 'file n) file)
                (let ((r (ptl--diag-region (alist-get 'start n)
                                           (alist-get 'end n))))
                  (push (flymake-make-diagnostic
                         src (car r) (cdr r) :note
                         (concat "note: " (alist-get 'message n)))
                        diags)))))
           ((and settings (equal dfile settings))
            (top type (format "%s:%s:%s: %s" (abbreviate-file-name dfile)
                              (alist-get 'line start) (alist-get 'column start)
                              text)))))))
    (nreverse diags)))

(defun ptl-flymake (report-fn &rest _args)
  "Flymake backend: `ptlc check --diagnostics json' on the buffer's text.
Its diagnostics are given to REPORT-FN when ptlc is done.  The text
is written to a temporary file (ptlc check does not read standard
input) and checked with the ptlc.settings `ptlc check' would find for
the buffer's file.  A ptlc.settings buffer is checked as the settings
of an empty table file."
  (unless (executable-find ptl-ptlc-program)
    (error "Cannot find ptlc (`ptl-ptlc-program' is %S)" ptl-ptlc-program))
  (when (process-live-p ptl--flymake-proc)
    (kill-process ptl--flymake-proc))
  (let* ((source (current-buffer))
         (dir (make-temp-file "ptl-flymake" t))
         (settings-p (ptl--settings-file-p))
         (file (expand-file-name
                (if settings-p "ptlc.settings"
                  (let ((base (and buffer-file-name
                                   (file-name-nondirectory buffer-file-name))))
                    (if (and base (string-match-p "\\`[[:ascii:]]+\\'" base))
                        base
                      "buffer.ptl")))
                dir))
         (settings (if settings-p file
                     (and (not (file-remote-p default-directory))
                          (ptl-find-settings
                           (if buffer-file-name
                               (file-name-directory buffer-file-name)
                             default-directory)))))
         (target (if settings-p (expand-file-name "empty.ptl" dir) file))
         (command (append (list ptl-ptlc-program "check"
                                "--diagnostics" "json" "--max-errors" "0"
                                "--color" "never")
                          (ptl--lang-args)
                          (if settings (list "--settings" settings)
                            (list "--no-settings"))
                          (list target))))
    (save-restriction
      (widen)
      (let ((coding-system-for-write 'utf-8-unix))
        (write-region nil nil file nil 'silent)))
    (when settings-p
      (write-region "" nil target nil 'silent))
    (setq ptl--flymake-proc
          (make-process
           :name "ptl-flymake" :noquery t :connection-type 'pipe
           :buffer (generate-new-buffer " *ptl-flymake*")
           :coding 'utf-8-unix
           :command command
           :sentinel
           (lambda (proc _event)
             (when (memq (process-status proc) '(exit signal))
               (unwind-protect
                   (if (not (and (buffer-live-p source)
                                 (eq proc (buffer-local-value
                                           'ptl--flymake-proc source))))
                       (flymake-log :warning "Canceling obsolete check %s" proc)
                     (let ((out (with-current-buffer (process-buffer proc)
                                  (buffer-string))))
                       (with-current-buffer source
                         (condition-case err
                             (funcall report-fn
                                      (ptl-flymake-parse
                                       out file (and (not (equal settings file))
                                                     settings)))
                           (error
                            (funcall report-fn :panic
                                     :explanation
                                     (format "ptlc check gave no JSON (%s): %s"
                                             (error-message-string err)
                                             (string-trim out))))))))
                 (kill-buffer (process-buffer proc))
                 (delete-directory dir t))))))))

;;;; Eglot

(defun ptl-eglot-contact (&optional interactive)
  "Tell eglot how to start the language server: `ptlc lsp'.
When INTERACTIVE (M-x eglot) and the ptlc found has no `lsp' command,
say so plainly instead of letting the server fail to start."
  (let ((program (executable-find ptl-ptlc-program)))
    (when (and interactive program
               (not (eq 0 (ignore-errors
                            (call-process program nil nil nil "lsp" "--help")))))
      (user-error "%s has no `lsp' command yet; M-x flymake-mode checks \
the buffer with `ptlc check'" program)))
  (list ptl-ptlc-program "lsp"))

;; A ptlc without `lsp', or no eglot at all (Emacs 28 without the
;; elpa-eglot package), costs nothing: the entry is only read by M-x eglot.
(with-eval-after-load 'eglot
  (defvar eglot-server-programs)
  (add-to-list 'eglot-server-programs '(ptl-mode . ptl-eglot-contact)))

;;;; The mode

(defvar ptl-mode-map
  (let ((map (make-sparse-keymap)))
    (define-key map (kbd "C-c C-f") #'ptl-format-buffer)
    map)
  "Keymap for `ptl-mode'.")

;;;###autoload
(define-derived-mode ptl-mode prog-mode "PTL"
  "Major mode for ptlc's budget performance target tables (.ptl).

\\{ptl-mode-map}"
  :syntax-table ptl-mode-syntax-table
  (setq-local font-lock-defaults '(ptl-font-lock-keywords nil nil nil))
  (setq-local syntax-propertize-function #'ptl-syntax-propertize)
  (setq-local comment-start "// ")
  (setq-local comment-end "")
  (setq-local comment-start-skip "\\(?://+\\|/\\*+\\)\\s-*")
  (setq-local comment-use-syntax t)
  (setq-local indent-line-function #'ptl-indent-line)
  (setq-local indent-tabs-mode nil)
  (setq-local tab-width ptl-indent-offset)
  (setq-local electric-indent-chars (cons ?\} electric-indent-chars))
  (setq-local imenu-create-index-function #'ptl-imenu-create-index)
  (add-hook 'flymake-diagnostic-functions #'ptl-flymake nil t))

;;;###autoload
(add-to-list 'auto-mode-alist '("\\.ptl\\'" . ptl-mode))
;;;###autoload
(add-to-list 'auto-mode-alist '("/ptlc\\.settings\\'" . ptl-mode))

(provide 'ptl-mode)
;;; ptl-mode.el ends here
