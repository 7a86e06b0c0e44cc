/*
 * perceptron: an averaged multi-class perceptron over hashed features
 * (32-bit feature ids), for the name finder's tagger.  The same table
 * serves training (tools/train_ner.c) and tagging.
 *
 * Weights file (lib/data/ner.bin), little-endian:
 *   "NTPC"  u32 version (1)  u32 classes  u32 features  f32 scale
 *   then per feature: u32 id, u16 mask of classes with a weight,
 *   and one i16 per set bit (weight = i16 * scale).
 */
#ifndef NTOOLS_PERCEPTRON_H
#define NTOOLS_PERCEPTRON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PCT_CLASSES 9

struct pct_model;

/* An empty model whose features are those counted with pct_count. */
struct pct_model *pct_new(void);
/* A model read from a weights file's bytes, or NULL when they are not one. */
struct pct_model *pct_load(const unsigned char *data, size_t len);
/* The same for weights compiled in from file; exits with a message when they are broken. */
struct pct_model *pct_builtin(const unsigned char *data, size_t len, const char *file);
void pct_free(struct pct_model *m);

/* Adds the weights of features f[0..n) to scores[0..PCT_CLASSES). */
void pct_score(const struct pct_model *m, const uint32_t *f, size_t n, float *scores);

/*
 * A loaded model only (pct_load): adds the quantised weights of f[0..n)
 * to sums[0..PCT_CLASSES), in whole steps of pct_step(m).  Whole numbers
 * add exactly, so that partial sums can be kept and added in any order.
 */
void pct_sum(const struct pct_model *m, const uint32_t *f, size_t n, int32_t *sums);
/* The same, with the weights of f[0..split) added to first and of f[split..n) to rest. */
void pct_sum2(const struct pct_model *m, const uint32_t *f, size_t split, size_t n, int32_t *first,
    int32_t *rest);
/* The same, with the weights of f[j] added to sums[part[j]] (part NULL: all to sums[0]). */
void pct_sum_parts(const struct pct_model *m, const uint32_t *f, size_t n, const uint32_t *part,
    int32_t (*sums)[PCT_CLASSES]);
float pct_step(const struct pct_model *m);

/* Training: counts features, then keeps those seen at least min times. */
void pct_count(struct pct_model *m, const uint32_t *f, size_t n);
void pct_keep_frequent(struct pct_model *m, unsigned min);
/* Training: one example; rewards truth and penalises guess when they differ. */
void pct_update(struct pct_model *m, const uint32_t *f, size_t n, int truth, int guess);
/* Training: adds by to the weights of f[0..n) for class cls (a ranker's step). */
void pct_nudge(struct pct_model *m, const uint32_t *f, size_t n, int cls, float by);
/* Training: the next example starts (for averaging). */
void pct_tick(struct pct_model *m);
/* Training: replaces the weights by their averages. */
void pct_average(struct pct_model *m);
/*
 * Training: adds the weights of m to into's, which must have learnt the
 * same features (counted from the same examples); returns 0, or -1 when
 * they differ.  With pct_scale, the mean of models learnt in other orders.
 */
int pct_add(struct pct_model *into, const struct pct_model *m);
void pct_scale(struct pct_model *m, float by);
/* Writes the weights file, leaving out weights smaller than min_abs; returns 0 or -1. */
int pct_save(const struct pct_model *m, FILE *out, float min_abs);
size_t pct_features(const struct pct_model *m);

/*
 * The tables of a loaded model as bytes (pct_load's model only, else
 * NULL), for the build to compile in: pct_builtin reads such an image in
 * place, 64-byte aligned, instead of building the tables at start-up.
 * The caller frees it.
 */
unsigned char *pct_image(const struct pct_model *m, size_t *len);

#endif
