/* lsp_rpc: the JSON-RPC transport of the language server — messages framed
 * by a Content-Length header, read from a file descriptor or from memory
 * (the fuzz harness), written to a FILE. Whatever arrives, reading never
 * allocates more than one message's actual bytes: a header line is cut at
 * LSP_HEADER_LINE_MAX, a body claimed larger than LSP_MESSAGE_MAX is read
 * and dropped, not buffered. Ownership: an LspInput owns its buffer
 * (lsp_input_free); the send functions take over (decref) the json_t they
 * are given. */
#ifndef PTL_LSP_RPC_H
#define PTL_LSP_RPC_H

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

#include "strbuf.h"

/* jansson's json_string and json_null, wrapped: a byte that is not UTF-8
 * becomes U+FFFD instead of a NULL (jansson refuses such text). ptlc's own
 * JSON writer is named jw_*, so nothing of ptlc's shadows jansson's. */
json_t *lsp_jnull(void);

/* A JSON string of text; a byte that is not UTF-8 is U+FFFD in it. */
json_t *lsp_jstr(const char *text);
json_t *lsp_jstrn(const char *text, size_t len);

#define LSP_MESSAGE_MAX (64u << 20)    /* 64 MiB: far above any table's text */
#define LSP_HEADER_LINE_MAX 4096

/* JSON-RPC and LSP error codes. */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803
};

typedef struct LspInput {
    int fd;                     /* -1: the bytes come from mem */
    const char *mem;
    size_t mem_len, mem_pos;
    char *buf;                  /* read, not yet consumed: buf[start..end) */
    size_t start, end, cap;
    bool eof;
} LspInput;

void lsp_input_fd(LspInput *in, int fd);
void lsp_input_mem(LspInput *in, const char *data, size_t len);
void lsp_input_free(LspInput *in);

/* True when more input is already waiting (buffered, or readable without
 * blocking): the server then reads it before checking again. */
bool lsp_input_pending(LspInput *in);

typedef enum LspRead {
    LSP_READ_OK,                /* body holds one message */
    LSP_READ_EOF,               /* the input ended (mid-message too) */
    LSP_READ_BAD_HEADER,        /* a header block without a usable Content-Length */
    LSP_READ_TOO_LARGE          /* Content-Length above LSP_MESSAGE_MAX (in *too_large) */
} LspRead;

/* Reads the next message into body (reset first). *garbage is set when
 * lines that are not headers came before it (a previous message's bytes
 * after a wrong Content-Length, or no framing at all): the reader skips
 * them and picks up at the next Content-Length header. A body too large
 * is not read: the caller answers, then skips it (lsp_input_skip). */
LspRead lsp_read_message(LspInput *in, StrBuf *body, bool *garbage, size_t *too_large);

/* Reads and drops n bytes (SIZE_MAX: a length beyond counting); false
 * when the input ends first. */
bool lsp_input_skip(LspInput *in, size_t n);

/* Writes msg as one framed message and flushes; false when out failed. */
bool lsp_send(FILE *out, json_t *msg);

/* A response to id (NULL: json null) with result (NULL: json null). */
bool lsp_send_result(FILE *out, json_t *id, json_t *result);

/* An error response to id (NULL: json null). */
bool lsp_send_error(FILE *out, json_t *id, int code, const char *message);

/* A notification from the server. */
bool lsp_send_notification(FILE *out, const char *method, json_t *params);

#endif
