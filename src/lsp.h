/* lsp: `ptlc lsp`, a Language Server Protocol 3.17 server over standard
 * input and output. It checks the open documents with every .ptl of the
 * workspace folder as one program (the ptlc.settings there in force) and
 * publishes the diagnostics of each; it answers hover, completion,
 * formatting, document symbols, definition and code actions (the fixes
 * the checker is certain of). Messages are JSON-RPC (parsed with jansson),
 * positions in UTF-16 units or UTF-8 bytes as negotiated. Nothing is
 * global: a server is a value, each check one Session and Program freed
 * when the next replaces it. Logs go to standard error only. */
#ifndef PTL_LSP_H
#define PTL_LSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "i18n.h"

typedef struct LspOptions {
    Lang lang;                  /* messages when the client names no locale */
    bool use_disk;              /* read the workspace folder and ptlc.settings; false: only
                                   what the client sends (the fuzz harness) */
    const char *stdlib_dir;     /* NULL: the embedded stdlib */
} LspOptions;

/* Serves one client: messages read from fd (or, when fd < 0, from
 * data[0..len)), responses and notifications written to out, logs to log
 * (NULL: none). Returns the exit status the protocol asks for: 0 after
 * shutdown then exit, 1 when the input ends or exit comes without a
 * shutdown, or the client can no longer be written to. */
int lsp_serve(int fd, const char *data, size_t len, FILE *out, FILE *log, const LspOptions *opt);

/* The `ptlc lsp` command: argv[1] is "lsp"; lang from --lang or the
 * locale. Returns the exit status. */
int lsp_command(int argc, char **argv, Lang lang);

/* `ptlc help lsp`, in English (the message id: translate it to show it). */
extern const char lsp_help_text[];

#endif
