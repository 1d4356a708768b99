/* libs: see libs.h. The function tables are the process's, like the
 * dynamic loader's own: each is filled once (pthread_once) and only read
 * after, so sessions running side by side share them safely. */
#include "libs.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* The names a library goes by: the soname of Debian 12's, which ptlc is
 * built against, then the development package's link to whichever is
 * installed. */
static const char *const zip_names[] = {"libzip.so.4", "libzip.so"};
static const char *const xlsx_names[] = {"libxlsxwriter.so.4", "libxlsxwriter.so"};

typedef struct Lib {
    const char *const *names;
    size_t nnames;
    const char *why;    /* NULL once every function is found */
    char text[256];     /* why, kept: dlerror's text lasts until the next dl call */
} Lib;

static void failed(Lib *lib)
{
    const char *e = dlerror();
    snprintf(lib->text, sizeof lib->text, "%s", e ? e : "not found");
    lib->why = lib->text;
}

static void *open_lib(Lib *lib)
{
    for (size_t i = 0; i < lib->nnames; i++) {
        void *h = dlopen(lib->names[i], RTLD_NOW | RTLD_LOCAL);
        if (h)
            return h;
        if (i == 0)
            failed(lib);    /* the first name's failure is the one to tell */
    }
    return NULL;
}

/* A function pointer from dlsym's void *: copied, since ISO C has no
 * conversion between the two. */
static bool resolve(void *h, Lib *lib, const char *name, void *fn, size_t size)
{
    void *sym = dlsym(h, name);
    if (!sym) {
        failed(lib);
        return false;
    }
    memcpy(fn, &sym, size);
    return true;
}

#define LIBS_RESOLVE(f) ok = ok && resolve(h, lib, #f, &t->f, sizeof t->f);

/* One library's table, its state and libs_NAME(), the same for each. */
#define LIBS_DEFINE(name, Table, FUNCTIONS)                                  \
    static Table name##_table;                                               \
    static Lib name##_lib = {name##_names, ARRAY_LEN(name##_names), NULL, ""}; \
    static pthread_once_t name##_once = PTHREAD_ONCE_INIT;                   \
                                                                             \
    static void open_##name(void)                                            \
    {                                                                        \
        Lib *lib = &name##_lib;                                              \
        Table *t = &name##_table;                                            \
        void *h = open_lib(lib);                                             \
        bool ok = h != NULL;                                                 \
        FUNCTIONS(LIBS_RESOLVE)                                              \
        lib->why = ok ? NULL : lib->why ? lib->why : "not found";            \
    }                                                                        \
                                                                             \
    const Table *libs_##name(const char **why)                               \
    {                                                                        \
        pthread_once(&name##_once, open_##name);                             \
        if (why)                                                             \
            *why = name##_lib.why;                                           \
        return name##_lib.why ? NULL : &name##_table;                        \
    }

LIBS_DEFINE(zip, ZipLib, ZIP_FUNCTIONS)
LIBS_DEFINE(xlsx, XlsxLib, XLSX_FUNCTIONS)
