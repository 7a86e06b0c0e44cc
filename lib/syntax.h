/*
 * syntax: each token's part of speech (Penn Treebank tags: NN, VBD, ...)
 * and phrase chunk (BIO tags over NP VP PP ADJP ADVP SBAR PRT ...), by
 * two greedy averaged perceptrons (lib/data/syntax.bin, trained by
 * tools/train_syntax.c), the chunker reading the tagger's tags.
 *
 * Tokens are the name finder's (token.h), sentences the splitter's
 * (sentence.h): one tokenisation serves every program.
 */
#ifndef NTOOLS_SYNTAX_H
#define NTOOLS_SYNTAX_H

#include <stddef.h>

#include "token.h"

/* Room for the classes: the Penn Treebank's 45 tags and the data's few extras; 11 chunk types in B and I, and O. */
#define SYN_POS_MAX 48
#define SYN_CHUNK_MAX 24

/*
 * The tokens of text[0..len) (token_scan_lines), with TOK_SENT_START on
 * the first token of each sentence the splitter finds and of each line,
 * and TOK_HEADLINE on sentences without lower case.
 */
void syntax_scan(struct token_list *tl, const char *text, size_t len);

/* A model: read-only once loaded, shared by threads. */
struct syntax_model;

struct wordclass;

/*
 * A model read from a weights file's bytes, with the word classes it
 * was trained with (both must outlive it), or NULL when the bytes are
 * not one.  Exits with a message when out of memory.
 */
struct syntax_model *syntax_model_load(const unsigned char *data, size_t len, const struct wordclass *wc);
/*
 * The model compiled in (lib/data/syntax.bin) with the word classes
 * compiled in (wordclass_builtin); exits with a message when it is broken.
 */
struct syntax_model *syntax_model_builtin(void);
void syntax_model_free(struct syntax_model *m);

/* Tag names: class k of the tagger or chunker, as a NUL-terminated string ("" out of range). */
unsigned syntax_pos_count(const struct syntax_model *m);
unsigned syntax_chunk_count(const struct syntax_model *m);
const char *syntax_pos_name(const struct syntax_model *m, unsigned k);
const char *syntax_chunk_name(const struct syntax_model *m, unsigned k);
/* The class named name[0..n), or -1. */
int syntax_pos_id(const struct syntax_model *m, const char *name, size_t n);
int syntax_chunk_id(const struct syntax_model *m, const char *name, size_t n);

/*
 * What tagging keeps from word to word: each word's feature sums, by
 * the hash of its bytes.  One per thread; reads m, which must outlive it.
 */
struct syntax_tagger;
struct syntax_tagger *syntax_tagger_new(const struct syntax_model *m);
void syntax_tagger_free(struct syntax_tagger *t);
/* The same with a cache of sets sets of four words (few: words crowd each other out, as tests want). */
struct syntax_tagger *syntax_tagger_sized(const struct syntax_model *m, size_t sets);

/*
 * Tags the tokens v[0..n) of text, each sentence on its own (a sentence
 * begins at TOK_SENT_START): pos[i] and chunk[i] get token i's classes.
 * chunk may be NULL, and the chunker is then not run; pos may not.
 */
void syntax_tag(struct syntax_tagger *t, const char *text, const struct token *v, size_t n,
    unsigned char *pos, unsigned char *chunk);

#endif
