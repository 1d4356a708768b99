/* wordmatch: every word of a list found in a text in one pass (Aho and
 * Corasick's automaton over bytes), for the rules that look for any of a
 * vocabulary's spellings in each name and value: one strstr per spelling
 * per text made them the largest cost of checking a big table.
 * Ownership: wordmatch_build's result is heap memory released by
 * wordmatch_free; it keeps no pointer to the words. */
#ifndef PTL_WORDMATCH_H
#define PTL_WORDMATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct WordMatch WordMatch;

/* The automaton of words (char *, NUL-terminated). */
WordMatch *wordmatch_build(const PtrVec *words);
void wordmatch_free(WordMatch *m);

/* True when text (len bytes) contains any of the words; as a strstr of
 * each, an empty word is in every text. */
bool wordmatch_any(const WordMatch *m, const char *text, size_t len);

/* Calls fn for every occurrence of every word in text, by where it ends
 * (the longer first of two that end at one byte), with the word's index in
 * the list and the offset it starts at; an empty word is never reported.
 * fn returns false to stop. A word listed twice is reported once, as its
 * first index. */
typedef bool (*WordVisit)(void *ctx, size_t word, size_t start);
void wordmatch_each(const WordMatch *m, const char *text, size_t len, WordVisit fn, void *ctx);

#endif
