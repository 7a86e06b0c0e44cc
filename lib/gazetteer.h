/*
 * gazetteer: which name lists a word or phrase is on (countries, cities,
 * demonyms, regions, first names, organisations, titles, events, groups,
 * common words), from the lexicons in lib/data.  Keys match whatever their case;
 * a phrase is its words joined by single spaces.
 */
#ifndef NTOOLS_GAZETTEER_H
#define NTOOLS_GAZETTEER_H

#include <stddef.h>

enum {
	GAZ_COUNTRY = 1 << 0,
	GAZ_CITY = 1 << 1,
	GAZ_DEMONYM = 1 << 2,      /* "Russian", "Venezuelans" */
	GAZ_REGION = 1 << 3,       /* "Latin America", "Caribbean" */
	GAZ_FIRST_MALE = 1 << 4,
	GAZ_FIRST_FEMALE = 1 << 5,
	GAZ_ORG = 1 << 6,          /* a known organisation */
	GAZ_ORG_WORD = 1 << 7,     /* a word that makes organisation names: "Corp.", "Party" */
	GAZ_TITLE = 1 << 8,        /* a title or role: "foreign minister" */
	GAZ_EVENT = 1 << 9,        /* "World Cup", "Olympics" */
	GAZ_WORD = 1 << 10,        /* a common lower-case English word */
	GAZ_ALIAS = 1 << 11,       /* a well-known short name: "U.S.", "U.N." */
	GAZ_GROUP = 1 << 12,       /* a religious or political group: "Muslims", "Democrats" */
	GAZ_PREFIX = 1 << 13,      /* the first words of a longer phrase on some list */
	GAZ_INNER = 1 << 14,       /* a word of a phrase on some list, after its first */
	GAZ_CLASSES = 13           /* the number of classes above GAZ_PREFIX */
};

struct gazetteer;

/* Builds the lists; exits with a message when out of memory. */
struct gazetteer *gaz_new(void);
/*
 * The lists as the build compiled them in (an image of gaz_new's
 * tables, read in place): no start-up work.  Exits when it is broken.
 */
struct gazetteer *gaz_builtin(void);
void gaz_free(struct gazetteer *g);

/*
 * For the build (tools/gaz_image.c): the tables of g as bytes, which
 * gaz_view reads in place (64-byte aligned, outliving it); gaz_view
 * returns NULL when they are not such an image of these lists.
 */
unsigned char *gaz_image(const struct gazetteer *g, size_t *len);
struct gazetteer *gaz_view(const unsigned char *img, size_t len);

/* The GAZ_* bits of key[0..n), or 0. */
unsigned gaz_lookup(const struct gazetteer *g, const char *key, size_t n);

/* A short name for class bit number i (0 .. GAZ_CLASSES-1), for feature names. */
const char *gaz_class_name(int i);

#endif
