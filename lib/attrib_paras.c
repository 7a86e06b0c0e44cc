/*
 * Where the paragraphs of the text start and end, indexed once as far as
 * the questions reach rather than walked over for each quotation.
 */

#include "attrib_impl.h"

#include <string.h>

#include "sorted.h"
#include "xalloc.h"

/*
 * Indexes the line breaks of a->text before hi.  A paragraph starts
 * after a line break that follows another with only blanks between (or
 * only blanks before it), or after any line break when lines are
 * paragraphs; the break runs from the first of those line breaks to the
 * last.
 */
static struct para_index *
paras_to(const struct attrib *a, size_t hi)
{
	struct para_index *x = a->paras;

	if (x->text != a->text || x->lines != a->lines) {
		x->text = a->text;
		x->lines = a->lines;
		x->done = x->nstarts = x->nbreaks = 0;
		memset(x->memo, 0, sizeof x->memo);
		memset(x->memo_next, 0, sizeof x->memo_next);
	}
	while (x->done < hi) {
		const char *nl = memchr(a->text + x->done, '\n', hi - x->done);
		size_t q, j;

		if (nl == NULL) {
			x->done = hi;
			break;
		}
		q = (size_t)(nl - a->text);
		x->done = q + 1;
		j = q;
		while (j > 0 && (a->text[j - 1] == ' ' || a->text[j - 1] == '\t' || a->text[j - 1] == '\r'))
			j--;
		if (j > 0 && a->text[j - 1] != '\n' && !a->lines)
			continue;
		if (x->nstarts == x->capstarts) {
			x->capstarts = x->capstarts ? 2 * x->capstarts : 64;
			x->starts = xrealloc(x->starts, x->capstarts * sizeof *x->starts);
		}
		x->starts[x->nstarts++] = (uint32_t)(q + 1);
		if (j == 0 && !a->lines)
			continue;       /* blanks from the start: no break before */
		if (x->nbreaks == x->capbreaks) {
			x->capbreaks = x->capbreaks ? 2 * x->capbreaks : 64;
			x->breaks = xrealloc(x->breaks, x->capbreaks * sizeof *x->breaks);
		}
		x->breaks[x->nbreaks].first = (uint32_t)(a->lines ? q : j - 1);
		x->breaks[x->nbreaks].last = (uint32_t)q;
		x->nbreaks++;
	}
	return x;
}

/* Paragraph start at or before s. */
size_t
para_start_of(const struct attrib *a, size_t s)
{
	const struct para_index *x = paras_to(a, s);
	/* the last start at or before s */
	size_t n = sorted_below32(x->starts, x->nstarts, sizeof *x->starts, 0, s + 1);

	return n > 0 ? x->starts[n - 1] : 0;
}
/*
 * The end of the paragraph that holds pos, at most limit: the first line
 * break of the break after it (CRLF and blank-only lines break as LF does).
 */
size_t
para_end_of(const struct attrib *a, size_t pos, size_t limit)
{
	const struct para_index *x = paras_to(a, limit);
	/* the first break that starts at or after pos */
	size_t lo = sorted_below32(x->breaks, x->nbreaks, sizeof *x->breaks, offsetof(struct para_break, first), pos);

	return lo < x->nbreaks && x->breaks[lo].last < limit ? x->breaks[lo].first : limit;
}

/* Is there a paragraph break between byte offsets a and b? */
int
breaks_between(const struct attrib *a, size_t from, size_t to)
{
	/* most words stand a space apart: a break between paragraphs takes two line breaks */
	if (to - from < 2)
		return a->lines && to > from && a->text[from] == '\n';
	const char *p = memchr(a->text + from, '\n', to - from);

	if (a->lines)
		return p != NULL;
	while (p != NULL) {
		size_t i = (size_t)(p - a->text) + 1;

		while (i < to && (a->text[i] == ' ' || a->text[i] == '\t' || a->text[i] == '\r'))
			i++;
		if (i < to && a->text[i] == '\n')
			return 1;
		p = i < to ? memchr(a->text + i, '\n', to - i) : NULL;
	}
	return 0;
}

/*
 * Where the blanks that end at pos begin: white space (is_space, byte by
 * byte), or with layout_only spaces, tabs and line breaks.  Every
 * quotation of a paragraph asks this of the paragraph's start, and the
 * blanks before it may be a megabyte of empty lines: the last answers of
 * each kind are kept, so that they are walked once, not once a quotation.
 */
size_t
blanks_back(const struct attrib *a, size_t pos, int layout_only)
{
	struct para_index *x = paras_to(a, 0);
	int k = layout_only != 0;
	struct blanks_memo *m;
	size_t w = pos;

	for (size_t i = 0; i < BLANKS_MEMO; i++)
		if (pos > 0 && x->memo[k][i].pos == pos)
			return x->memo[k][i].at;
	if (layout_only)
		while (w > 0 && (a->text[w - 1] == '\n' || a->text[w - 1] == ' ' || a->text[w - 1] == '\r' ||
		    a->text[w - 1] == '\t'))
			w--;
	else
		while (w > 0 && is_space((unsigned char)a->text[w - 1]))
			w--;
	m = &x->memo[k][x->memo_next[k]++ % BLANKS_MEMO];
	m->pos = pos;
	m->at = w;
	return w;
}

/* The start of the paragraph paras before the one that holds pos. */
size_t
paras_back(const struct attrib *a, size_t pos, size_t paras)
{
	size_t s = para_start_of(a, pos);

	while (paras-- > 0 && s > 0) {
		size_t w = blanks_back(a, s, 0);

		if (w == 0)
			return 0;
		s = para_start_of(a, w - 1);
	}
	return s;
}
