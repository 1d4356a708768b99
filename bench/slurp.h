/* slurp.h: the file read of the scan benchmarks (bench/scan.c, bench/dfa.l),
 * shared so both pay for it alike: one fstat, one malloc, one read() of the
 * whole file (a regular file is read in one call; the loop only covers a
 * short read), followed by the two NULs flex needs to scan it in place, as
 * ptlc does. Exits with a message on failure. Ownership: the caller frees
 * *out. */
#ifndef PTL_BENCH_SLURP_H
#define PTL_BENCH_SLURP_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static size_t slurp(const char *path, char **out)
{
    struct stat st;
    int fd = open(path, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(path);
        exit(2);
    }
    size_t len = (size_t)st.st_size, got = 0;
    char *buf = malloc(len + 2);
    if (!buf) {
        fprintf(stderr, "%s: out of memory\n", path);
        exit(2);
    }
    while (got < len) {
        ssize_t n = read(fd, buf + got, len - got);
        if (n <= 0) {
            perror(path);
            exit(2);
        }
        got += (size_t)n;
    }
    buf[len] = buf[len + 1] = '\0';
    close(fd);
    *out = buf;
    return len;
}

#endif
