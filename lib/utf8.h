/*
 * utf8: decoding and character classes, independent of the C locale.
 *
 * Text is (pointer, length) bytes that may hold anything: invalid
 * sequences and NUL bytes are never fatal and never shift offsets.
 * Letters and case are known for Latin (with accents), Greek and
 * Cyrillic; other scripts' letters count as letters without case.
 */
#ifndef NTOOLS_UTF8_H
#define NTOOLS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define U_REPLACEMENT 0xFFFDu

/*
 * Decodes the character that starts at s (n > 0 bytes available) into
 * *cp and returns its length in bytes, 1 to 4.  An invalid, overlong or
 * truncated sequence gives U_REPLACEMENT and a length of 1.
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/*
 * Decodes the character that ends just before s[i] (i > 0) into *cp and
 * returns its length in bytes; the inverse walk of utf8_decode.
 */
size_t utf8_decode_back(const char *s, size_t i, uint32_t *cp);

/* Writes cp as UTF-8 into out (4 bytes available); returns the length. */
size_t utf8_encode(uint32_t cp, char *out);

int u_isalpha(uint32_t cp);
int u_isupper(uint32_t cp);
int u_islower(uint32_t cp);
int u_isdigit(uint32_t cp);     /* ASCII 0-9 only */
int u_isalnum(uint32_t cp);
int u_isspace(uint32_t cp);     /* ASCII white space, NBSP, U+2000-U+200A, ... */
int u_isdash(uint32_t cp);      /* hyphen-minus, U+2010-U+2015, minus sign */
uint32_t u_tolower(uint32_t cp);
uint32_t u_toupper(uint32_t cp);

/* Quotation marks: which kind, and which way each may face. */
enum {
	U_QUOTE_DOUBLE = 1,     /* " “ ” „ ‟ « » */
	U_QUOTE_SINGLE = 2,     /* ' ‘ ’ ‚ ‛ ‹ › */
	U_QUOTE_OPENS = 4,      /* may open a quotation */
	U_QUOTE_CLOSES = 8      /* may close one (both bits: straight marks) */
};
/* Returns the U_QUOTE_* bits of cp, or 0 when cp is not a quotation mark. */
int u_quote(uint32_t cp);

#endif
