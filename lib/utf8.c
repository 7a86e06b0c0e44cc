#include "utf8.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		len = 2, c = u[0] & 0x1F, min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		len = 3, c = u[0] & 0x0F, min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		len = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		goto invalid;
	}
	if (n < len)
		goto invalid;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto invalid;
		c = c << 6 | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*cp = c;
	return len;
invalid:
	*cp = U_REPLACEMENT;
	return 1;
}

size_t
utf8_decode_back(const char *s, size_t i, uint32_t *cp)
{
	size_t k, back;

	/* A valid sequence is at most 4 bytes: try the longest start first. */
	for (back = i < 4 ? i : 4; back > 1; back--) {
		k = i - back;
		if (((unsigned char)s[k] & 0xC0) == 0xC0 && utf8_decode(s + k, back, cp) == back)
			return back;
	}
	*cp = (unsigned char)s[i - 1] < 0x80 ? (unsigned char)s[i - 1] : U_REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Case pairs.  Latin-1 and Greek and Cyrillic capitals sit at a fixed
 * distance from their small letters; Latin Extended-A alternates
 * capital/small, but with its parity flipped in two stretches.
 */
static int
latin_ext_a_upper(uint32_t c)
{
	if (c == 0x130 || c == 0x178)
		return 1;
	if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
		return 0;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return c & 1;
	return !(c & 1);
}

int
u_isupper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c >= 0xC0 && c <= 0xDE)
		return c != 0xD7;
	if (c >= 0x100 && c <= 0x17F)
		return latin_ext_a_upper(c);
	if (c >= 0x200 && c <= 0x233)   /* Romanian Ș Ț and kin */
		return !(c & 1);
	if (c >= 0x391 && c <= 0x3AB)
		return c != 0x3A2;
	if (c == 0x386 || (c >= 0x388 && c <= 0x38F))
		return c != 0x38B && c != 0x38D;
	if (c >= 0x400 && c <= 0x42F)
		return 1;
	if (c >= 0x460 && c <= 0x4FF)
		return !(c & 1) && !(c >= 0x482 && c <= 0x489);
	if (c >= 0x1E00 && c <= 0x1EFF)
		return !(c & 1);
	return 0;
}

int
u_islower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	if (c >= 0xDF && c <= 0xFF)
		return c != 0xF7;
	if (c == 0xB5 || c == 0xAA || c == 0xBA)
		return 1;
	if (c >= 0x100 && c <= 0x17F)
		return !latin_ext_a_upper(c);
	if (c >= 0x200 && c <= 0x233)
		return c & 1;
	if (c >= 0x180 && c <= 0x24F)
		return 1;       /* the rest of Latin Extended-B: taken as small letters */
	if (c >= 0x3AC && c <= 0x3CE)
		return 1;
	if (c >= 0x430 && c <= 0x45F)
		return 1;
	if (c >= 0x460 && c <= 0x4FF)
		return (c & 1) && !(c >= 0x482 && c <= 0x489);
	if (c >= 0x1E00 && c <= 0x1EFF)
		return c & 1;
	return 0;
}

int
u_isalpha(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	if (u_isupper(c) || u_islower(c))
		return 1;
	return (c >= 0x250 && c <= 0x2AF) ||      /* IPA */
	    (c >= 0x370 && c <= 0x3FF && c != 0x37E && c != 0x387) ||
	    (c >= 0x400 && c <= 0x52F && !(c >= 0x482 && c <= 0x489)) ||
	    (c >= 0x531 && c <= 0x587) ||         /* Armenian */
	    (c >= 0x5D0 && c <= 0x5EA) ||         /* Hebrew */
	    (c >= 0x620 && c <= 0x64A) || (c >= 0x671 && c <= 0x6D3) ||
	    (c >= 0x904 && c <= 0x939) ||         /* Devanagari */
	    (c >= 0xE01 && c <= 0xE30) ||         /* Thai */
	    (c >= 0x10A0 && c <= 0x10FF) ||       /* Georgian */
	    (c >= 0x1F00 && c <= 0x1FFF) ||       /* Greek extended */
	    (c >= 0x3041 && c <= 0x30FF) ||       /* kana */
	    (c >= 0x3400 && c <= 0x9FFF) ||       /* CJK */
	    (c >= 0xAC00 && c <= 0xD7A3);         /* Hangul */
}

int
u_isdigit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

int
u_isalnum(uint32_t c)
{
	return u_isdigit(c) || u_isalpha(c);
}

int
u_isspace(uint32_t c)
{
	switch (c) {
	case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
	case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
	case 0x205F: case 0x3000: case 0xFEFF:
		return 1;
	}
	return c >= 0x2000 && c <= 0x200B;
}

int
u_isdash(uint32_t c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 ||
	    c == 0xFE58 || c == 0xFE63 || c == 0xFF0D;
}

uint32_t
u_tolower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + 32 : c;
	if (!u_isupper(c))
		return c;
	if (c <= 0xDE)
		return c + 0x20;
	if (c == 0x130)
		return 'i';
	if (c == 0x178)
		return 0xFF;
	if (c <= 0x17F || (c >= 0x200 && c <= 0x233) || (c >= 0x460 && c <= 0x4FF) || (c >= 0x1E00 && c <= 0x1EFF))
		return c + 1;
	if (c == 0x386)
		return 0x3AC;
	if (c >= 0x388 && c <= 0x38A)
		return c + 37;
	if (c == 0x38C)
		return 0x3CC;
	if (c == 0x38E || c == 0x38F)
		return c + 63;
	if (c >= 0x391 && c <= 0x3AB)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	return c;
}

uint32_t
u_toupper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z' ? c - 32 : c;
	if (!u_islower(c))
		return c;
	if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
		return c - 0x20;
	if (c == 0xFF)
		return 0x178;
	if (c == 0x131)
		return 'I';
	if ((c >= 0x100 && c <= 0x17F) || (c >= 0x200 && c <= 0x233) || (c >= 0x460 && c <= 0x4FF) || (c >= 0x1E00 && c <= 0x1EFF)) {
		uint32_t up = c - 1;
		return u_isupper(up) ? up : c;
	}
	if (c == 0x3AC)
		return 0x386;
	if (c >= 0x3AD && c <= 0x3AF)
		return c - 37;
	if (c == 0x3CC)
		return 0x38C;
	if (c == 0x3CD || c == 0x3CE)
		return c - 63;
	if (c == 0x3C2)
		return 0x3A3;
	if (c >= 0x3B1 && c <= 0x3CB)
		return c - 0x20;
	if (c >= 0x430 && c <= 0x44F)
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45F)
		return c - 0x50;
	return c;
}

int
u_quote(uint32_t c)
{
	switch (c) {
	case '"':
		return U_QUOTE_DOUBLE | U_QUOTE_OPENS | U_QUOTE_CLOSES;
	case '\'':
		return U_QUOTE_SINGLE | U_QUOTE_OPENS | U_QUOTE_CLOSES;
	case 0x201C:    /* “ opens in English, closes in German */
		return U_QUOTE_DOUBLE | U_QUOTE_OPENS | U_QUOTE_CLOSES;
	case 0x201D:    /* ” closes, and opens in Swedish */
		return U_QUOTE_DOUBLE | U_QUOTE_CLOSES;
	case 0x201E: case 0x201F:       /* „ ‟ */
		return U_QUOTE_DOUBLE | U_QUOTE_OPENS;
	case 0xAB: case 0xBB:   /* « » face either way across languages */
		return U_QUOTE_DOUBLE | U_QUOTE_OPENS | U_QUOTE_CLOSES;
	case 0x2018:
		return U_QUOTE_SINGLE | U_QUOTE_OPENS | U_QUOTE_CLOSES;
	case 0x2019:    /* ’ is also the apostrophe */
		return U_QUOTE_SINGLE | U_QUOTE_CLOSES;
	case 0x201A: case 0x201B:
		return U_QUOTE_SINGLE | U_QUOTE_OPENS;
	case 0x2039: case 0x203A:
		return U_QUOTE_SINGLE | U_QUOTE_OPENS | U_QUOTE_CLOSES;
	}
	return 0;
}
