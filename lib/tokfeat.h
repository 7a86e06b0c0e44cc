/*
 * tokfeat: the pieces of features that the learnt stages of nquote
 * (speaker.h, reported.h) build from the attributor's tokens: a feature
 * id from a template and its values, a word lowercased, a neighbour in
 * one number, a distance in a few buckets.
 */
#ifndef NTOOLS_TOKFEAT_H
#define NTOOLS_TOKFEAT_H

#include <stddef.h>
#include <stdint.h>
#include "attrib_tok.h"

/* The feature id of template tmpl with values a and b; never 0 (a model's empty key). */
uint32_t tf_id(unsigned tmpl, uint64_t a, uint64_t b);

/* The hash of the word t lowercased (ASCII letters folded; other bytes as they are). */
uint64_t tf_lower(const char *text, const struct tok *t);

/* What a neighbouring token is, in one number: its mark, or its class and case (NULL: none). */
uint64_t tf_code(const struct tok *t);

/* Appends id to the growing array *feat of *n entries, room for *cap. */
void tf_push(uint32_t **feat, size_t *n, size_t *cap, uint32_t id);

struct wordclass;
/* The word classes of t (0xff when wc is NULL, t is NULL or no word, or the word is unclassed). */
void tf_classes(const struct wordclass *wc, const char *text, const struct tok *t, unsigned *coarse,
    unsigned *fine);

/* A distance in words, in buckets that widen with it. */
unsigned tf_bucket(size_t d);

#endif
