/* embed: turns the stdlib .ptl files into a C array (like jq's builtin.inc),
 * so ptlc never depends on a data path at run time.
 * usage: embed OUT.inc FILE...   (each FILE becomes {"name", bytes, len}) */
#include <stdio.h>
#include <string.h>

static int emit(FILE *out, const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        perror(path);
        return 1;
    }
    const char *base = strrchr(path, '/');
    fprintf(out, "{\"%s\", (const unsigned char[]){", base ? base + 1 : path);
    int c;
    unsigned long n = 0;
    while ((c = fgetc(in)) != EOF)
    {
        fprintf(out, "%s%s%d", n ? "," : "", n % 24 ? "" : "\n", c);
        n++;
    }
    fprintf(out, "%s0}, %lu},\n", n ? "," : "", n);
    fclose(in);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: embed OUT FILE...\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 2;
    }
    int rc = 0;
    for (int i = 2; i < argc; i++)
        rc |= emit(out, argv[i]);
    return fclose(out) != 0 || rc ? 1 : 0;
}
