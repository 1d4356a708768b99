/* embedded: the shape of files built into the binary by tools/embed.c
 * (the stdlib .ptl files as build/gen/prelude.inc, the rule documents as
 * build/gen/explain.inc). bytes are NUL-terminated; len excludes the NUL.
 * Ownership: static data, never freed. */
#ifndef PTL_EMBEDDED_H
#define PTL_EMBEDDED_H

typedef struct EmbeddedFile {
    const char *name;               /* base name, e.g. "units.ptl" */
    const unsigned char *bytes;
    unsigned long len;
} EmbeddedFile;

#endif
