/* The foundation modules, each checked alone: utf8, tsv, hash, calendar, docdate, lexicon, pages, sorted. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "calendar.h"
#include "check.h"
#include "docdate.h"
#include "hash.h"
#include "lexicon.h"
#include "pages.h"
#include "xalloc.h"
#include "sorted.h"
#include "tsv.h"
#include "utf8.h"

static void
test_utf8(void)
{
	uint32_t cp;

	CHECK(utf8_decode("\xc3\xa9", 2, &cp) == 2 && cp == 0xE9);
	CHECK(utf8_decode("\xe2\x80\x9c", 3, &cp) == 3 && cp == 0x201C);
	CHECK(utf8_decode("\xe2\x80", 2, &cp) == 1 && cp == U_REPLACEMENT);    /* truncated */
	CHECK(utf8_decode("\xc0\x80", 2, &cp) == 1 && cp == U_REPLACEMENT);    /* overlong */
	CHECK(utf8_decode("\xed\xa0\x80", 3, &cp) == 1 && cp == U_REPLACEMENT); /* surrogate */
	CHECK(utf8_decode("\xff", 1, &cp) == 1 && cp == U_REPLACEMENT);
	CHECK(utf8_decode_back("a\xc3\xa9", 3, &cp) == 2 && cp == 0xE9);
	CHECK(utf8_decode_back("a\xa9", 2, &cp) == 1 && cp == U_REPLACEMENT);
	CHECK(u_isupper(0xC9) && u_islower(0xE9) && u_tolower(0xC9) == 0xE9);   /* É é */
	CHECK(u_isupper(0x160) && u_tolower(0x160) == 0x161);   /* Š š */
	CHECK(u_isupper(0x141) && u_tolower(0x141) == 0x142);   /* Ł ł */
	CHECK(u_isupper(0x218) && u_toupper(0x219) == 0x218);   /* Ș ș */
	CHECK(u_isupper(0x394) && u_tolower(0x394) == 0x3B4);   /* Δ δ */
	CHECK(u_isupper(0x416) && u_tolower(0x416) == 0x436);   /* Ж ж */
	CHECK(u_isupper(0x401) && u_tolower(0x401) == 0x451);   /* Ё ё */
	CHECK(u_isalpha(0x4E2D) && !u_isupper(0x4E2D));         /* 中 */
	CHECK(!u_isalpha('1') && !u_isalpha(0xD7) && !u_isalpha(0x2014));
	CHECK(u_isspace(0xA0) && u_isspace(0x2009) && !u_isspace('x'));
	CHECK(u_isdash(0x2014) && u_isdash('-') && !u_isdash('_'));
	CHECK(u_quote(0x201C) & U_QUOTE_OPENS);
	CHECK((u_quote(0x201D) & (U_QUOTE_OPENS | U_QUOTE_CLOSES)) == U_QUOTE_CLOSES);
	CHECK(u_quote(0xAB) & U_QUOTE_DOUBLE);
	CHECK(u_quote(0x2019) & U_QUOTE_SINGLE);
	CHECK(u_quote('x') == 0);
}

static void
test_tsv(void)
{
	char s[] = "a\\tb\\nc\\\\d\\re\\q";
	size_t n = tsv_unescape(s, strlen(s));

	CHECK(n == 11 && memcmp(s, "a\tb\nc\\d\re\\q", 11) == 0);
	CHECK(tsv_is_null("\\N", 2));
	CHECK(!tsv_is_null("\\N", 1) && !tsv_is_null("\\Nx", 3) && !tsv_is_null("N", 1) && !tsv_is_null("\\n", 2));
}

/* Rows kept in memory come out escaped and whole, however many, when moved to a writer. */
static void
test_tsv_memory(void)
{
	static struct tsv_writer kept, out;
	char name[] = "/tmp/ntools-tsv-XXXXXX", got[64];
	int fd = mkstemp(name);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	unlink(name);
	tsv_init(&out, fd);
	tsv_init_memory(&kept);
	for (int i = 0; i < 20000; i++) {      /* more than one buffer's worth */
		tsv_field(&kept, "x\ty", 3);
		tsv_num(&kept, (unsigned long long)i);
		tsv_end_row(&kept);
	}
	tsv_move(&out, &kept);
	tsv_str(&kept, "last");
	tsv_end_row(&kept);
	tsv_move(&out, &kept);
	CHECK(tsv_close(&out) == 0);
	CHECK(tsv_close(&kept) == 0);
	off_t size = lseek(fd, 0, SEEK_END);
	/* Each row: x, the tab escaped in two bytes, y, a tab, the number, a newline: 88890 digits in all. */
	CHECK(size == 20000 * 6 + 88890 + 5);
	CHECK(pread(fd, got, 7, 0) == 7 && memcmp(got, "x\\ty\t0\n", 7) == 0);
	CHECK(pread(fd, got, 5, size - 5) == 5 && memcmp(got, "last\n", 5) == 0);
	close(fd);
}

/* Fields are escaped wherever their special bytes fall, in a long field's tail or its first eight. */
static void
test_tsv_escapes(void)
{
	static struct tsv_writer w;
	static const char *const fields[] = { "plain", "0123456789abcdef", "0123456\\", "01234567\t",
		"\n", "abcdefgh\rijk", "a\tb\nc\\d\re", "abcdefghijklmno\x80\xff\x01" };
	static const char *const want[] = { "plain", "0123456789abcdef", "0123456\\\\", "01234567\\t",
		"\\n", "abcdefgh\\rijk", "a\\tb\\nc\\\\d\\re", "abcdefghijklmno\x80\xff\x01" };

	for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
		tsv_init_memory(&w);
		tsv_field(&w, fields[k], strlen(fields[k]));
		CHECK(w.len == strlen(want[k]) && memcmp(w.buf, want[k], w.len) == 0);
		tsv_close(&w);
	}
}

/* What tsv_field must write: each special byte as its escape, every other byte as it is. */
static size_t
escape_slowly(char *out, const char *s, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char e = s[i] == '\t' ? 't' : s[i] == '\n' ? 'n' : s[i] == '\r' ? 'r' : s[i] == '\\' ? '\\' : 0;
		if (e)
			out[o++] = '\\';
		out[o++] = e ? e : s[i];
	}
	return o;
}

/*
 * Every length to 40 with any byte at any place (the specials, the other
 * controls below 14, which look alike to the fast test, NUL, high bytes).
 */
static void
test_tsv_escapes_everywhere(void)
{
	static struct tsv_writer w;
	static const char odd[] = { '\t', '\n', '\r', '\\', 0, 1, 8, 11, 12, 13, 14, '[', ']', '\x80', '\xdc', '\xff' };
	char field[40], want[80];

	for (size_t n = 0; n <= sizeof field; n++) {
		for (size_t at = 0; at < (n ? n : 1); at++) {
			for (size_t k = 0; k < sizeof odd; k++) {
				memset(field, 'x', n);
				if (n)
					field[at] = odd[k];
				size_t m = escape_slowly(want, field, n);
				tsv_init_memory(&w);
				tsv_field(&w, field, n);
				CHECK(w.len == m && memcmp(w.buf, want, m) == 0);
				tsv_close(&w);
			}
		}
	}
}

/* The rows a writer in memory holds, as a string. */
static char *
kept_rows(const struct tsv_writer *w)
{
	char *s = malloc(w->mem_len + w->len + 1);

	if (!s)
		abort();
	if (w->mem_len)
		memcpy(s, w->mem, w->mem_len);
	memcpy(s + w->mem_len, w->buf, w->len);
	s[w->mem_len + w->len] = 0;
	return s;
}

/* A number is its decimal digits, as printf writes them, on each side of every length's edge. */
static void
test_tsv_decimal(void)
{
	static struct tsv_writer w;
	static char want[64];
	unsigned long long v[200];
	size_t n = 0, bad = 0;

	for (unsigned long long p = 1; n + 3 < sizeof v / sizeof v[0]; p *= 10) {
		v[n++] = p - 1;
		v[n++] = p;
		v[n++] = p + 1;
		if (p > 18446744073709551615ull / 10)
			break;
	}
	v[n++] = 18446744073709551615ull;
	for (unsigned long long k = 0; k < 12000; k++) {
		tsv_init_memory(&w);
		tsv_num(&w, k);
		snprintf(want, sizeof want, "%llu", k);
		bad += w.len != strlen(want) || memcmp(w.buf, want, w.len) != 0;
		tsv_close(&w);
	}
	for (size_t j = 0; j < n; j++) {
		tsv_init_memory(&w);
		tsv_num(&w, v[j]);
		snprintf(want, sizeof want, "%llu", v[j]);
		bad += w.len != strlen(want) || memcmp(w.buf, want, w.len) != 0;
		tsv_close(&w);
	}
	CHECK(bad == 0);
}

/* A row from pieces is the row written field by field, whatever the fields and wherever the buffer stands. */
static void
test_tsv_span_row(void)
{
	static struct tsv_writer fast, slow;
	static char big[100000];
	static const unsigned long long nums[] = { 0, 9, 10, 99, 100, 999, 1000, 12345, 4294967296ull,
		10000000000000000000ull, 18446744073709551615ull };
	static const char *const texts[] = { "", "a", "\\", "said", "a\tb", "0123456789abcdef",
		"0123456789abcdef\\", "0123456789abcdefghijklmnopqrstuvwxyz\n" };
	struct tsv_piece head = {0}, tail = {0}, none = {0};

	memset(big, 'y', sizeof big);
	big[77777] = '\\';
	tsv_init_memory(&fast);
	tsv_init_memory(&slow);
	for (int round = 0; round < 3000; round++) {
		unsigned long long a = nums[round % 11], b = nums[(round / 11) % 11];
		const char *t = texts[round % 8];
		size_t n = strlen(t);

		tsv_piece_clear(&head);
		tsv_piece_clear(&tail);
		if (round % 3) {
			tsv_piece_field(&head, "c014d3a4365f747e", 16);
			tsv_piece_field(&head, round % 5 ? "1987-03-25" : "", round % 5 ? 10 : 0);
			tsv_piece_num(&head, a);
		}
		if (round % 4) {
			tsv_piece_field(&tail, round % 7 ? "NNP" : "", round % 7 ? 3 : 0);
			tsv_piece_field(&tail, "a\\b\tc", 5);
		}
		if (round % 13 == 0) {
			tsv_field(&fast, "lead", 4);
			tsv_field(&slow, "lead", 4);
		}
		if (round % 1000 == 999)
			t = big, n = sizeof big;
		tsv_span_row(&fast, &head, a, b, t, n, &tail);
		if (round % 3) {
			tsv_field(&slow, "c014d3a4365f747e", 16);
			tsv_field(&slow, round % 5 ? "1987-03-25" : "", round % 5 ? 10 : 0);
			tsv_num(&slow, a);
		}
		tsv_num(&slow, a);
		tsv_num(&slow, b);
		tsv_field(&slow, t, n);
		if (round % 4) {
			tsv_field(&slow, round % 7 ? "NNP" : "", round % 7 ? 3 : 0);
			tsv_field(&slow, "a\\b\tc", 5);
		}
		tsv_end_row(&slow);
	}
	tsv_span_row(&fast, &none, 1, 2, "x", 1, &none);
	tsv_num(&slow, 1);
	tsv_num(&slow, 2);
	tsv_field(&slow, "x", 1);
	tsv_end_row(&slow);
	char *f = kept_rows(&fast), *g = kept_rows(&slow);
	CHECK(fast.mem_len + fast.len == slow.mem_len + slow.len && strlen(g) > 300000 && strcmp(f, g) == 0);
	free(f);
	free(g);
	tsv_piece_free(&head);
	tsv_piece_free(&tail);
	tsv_close(&fast);
	tsv_close(&slow);
}

static void
test_hash(void)
{
	char hex[17];

	/* Ids must never change between versions: these are fixed. */
	hash_hex(hash64("", 0), hex);
	CHECK(strlen(hex) == 16);
	CHECK(hash64("abc", 3) != hash64("abd", 3));
	CHECK(hash64("abcdefgh1", 9) != hash64("abcdefgh2", 9));
	CHECK(hash64("abcdefgh", 8) != hash64("abcdefgh\0", 9));
}

static void
test_calendar(void)
{
	int y, m, d, wy, w;

	CHECK(month_from_name("February", 8) == 2 && month_from_name("feb", 3) == 2);
	CHECK(month_from_name("Sept", 4) == 9 && month_from_name("Ma", 2) == 0);
	CHECK(month_from_name("Marc", 4) == 0 && month_from_name("MAY", 3) == 5);
	CHECK(weekday_from_name("Thursday", 8) == 3 && weekday_from_name("Thurs", 5) == 3);
	CHECK(weekday_from_name("Sun", 3) == 6 && weekday_from_name("Sunny", 5) == -1);
	CHECK(weekday_of(2020, 2, 7) == 4);     /* a Friday */
	CHECK(days_in_month(2020, 2) == 29 && days_in_month(1900, 2) == 28 && days_in_month(2000, 2) == 29);
	civil_from_days(days_from_civil(2020, 2, 7) + 6, &y, &m, &d);
	CHECK(y == 2020 && m == 2 && d == 13);
	civil_from_days(days_from_civil(1987, 12, 31) + 1, &y, &m, &d);
	CHECK(y == 1988 && m == 1 && d == 1);
	iso_week(2020, 2, 7, &wy, &w);
	CHECK(wy == 2020 && w == 6);
	iso_week(2021, 1, 1, &wy, &w);
	CHECK(wy == 2020 && w == 53);
}

static int
parses(const char *s, enum date_order order, const struct ymd *hint, const char *want)
{
	struct ymd d;
	char out[11];
	size_t k = date_parse(s, strlen(s), order, hint, &d);

	if (!want)
		return k == 0;
	return k > 0 && ymd_format(&d, out) && strcmp(out, want) == 0;
}

static void
test_docdate(void)
{
	struct ymd feb7 = {0, 2, 7}, d;

	CHECK(parses("07/02/2020", ORDER_DMY, NULL, "2020-02-07"));
	CHECK(parses("07/02/2020", ORDER_MDY, NULL, "2020-07-02"));
	CHECK(parses("07/02/2020", ORDER_MDY, &feb7, "2020-02-07"));
	CHECK(parses("13/03/1987", ORDER_MDY, NULL, "1987-03-13"));
	CHECK(parses("2020-02-07", ORDER_MDY, NULL, "2020-02-07"));
	CHECK(parses("February 7, 2020", ORDER_DMY, NULL, "2020-02-07"));
	CHECK(parses("Feb. 7, 2020", ORDER_DMY, NULL, "2020-02-07"));
	CHECK(parses("7 Feb 2020", ORDER_DMY, NULL, "2020-02-07"));
	CHECK(parses("7th of February 2020", ORDER_DMY, NULL, "2020-02-07"));
	CHECK(parses("Friday, February 7, 2020", ORDER_DMY, NULL, "2020-02-07"));
	CHECK(parses("31/02/2020", ORDER_DMY, NULL, NULL));
	CHECK(parses("2020-13-01", ORDER_DMY, NULL, NULL));
	CHECK(parses("1/2", ORDER_DMY, NULL, NULL));
	CHECK(parses("May I", ORDER_DMY, NULL, NULL));
	CHECK(date_parse("February 7 (RHC)", 16, ORDER_DMY, NULL, &d) == 10 &&
	    d.year == 0 && d.month == 2 && d.day == 7);
	CHECK(ymd_read_iso("2020-02-07", 10, &d) && d.day == 7);
	CHECK(!ymd_read_iso("2020-02-30", 10, &d));
}

static void
test_lexicon(void)
{
	static const unsigned char data[] = "# comment\nU.S.\tUnited States\nParis\nU.S.\tshadowed\nÉcole\tx\n";
	struct lexicon *lx = lexicon_build(data, sizeof data - 1, LEX_FOLD_CASE);
	const char *v;
	size_t n;

	CHECK(lexicon_find(lx, "U.S.", 4, &v, &n) && n == 13 && memcmp(v, "United States", 13) == 0);
	CHECK(lexicon_find(lx, "u.s.", 4, &v, &n));
	CHECK(lexicon_find(lx, "PARIS", 5, &v, &n) && n == 0);
	CHECK(lexicon_find(lx, "\xc3\xa9" "cole", 6, NULL, NULL));
	CHECK(!lexicon_find(lx, "# comment", 9, NULL, NULL));
	CHECK(!lexicon_find(lx, "Pari", 4, NULL, NULL));
	lexicon_free(lx);

	/* As written: only the same bytes match, whatever keys share a length and first byte. */
	static const unsigned char exact[] = "US\tx\nParis\nAn id of exactly sixty-six bytes, its length a multiple of 64 + 2.\n";
	lx = lexicon_build(exact, sizeof exact - 1, 0);
	CHECK(lexicon_find(lx, "US", 2, NULL, NULL) && !lexicon_find(lx, "us", 2, NULL, NULL));
	CHECK(lexicon_find(lx, "Paris", 5, NULL, NULL) && !lexicon_find(lx, "PARIS", 5, NULL, NULL));
	CHECK(!lexicon_find(lx, "UK", 2, NULL, NULL) && !lexicon_find(lx, "Pàris", 6, NULL, NULL));
	CHECK(lexicon_find(lx, "An id of exactly sixty-six bytes, its length a multiple of 64 + 2.", 66, NULL, NULL));
	CHECK(!lexicon_find(lx, "An", 2, NULL, NULL));
	lexicon_free(lx);

	static const char *const words[26] = {
		"", "", "", "", "", "", "", "", "", "", "", "", " mr mrs ms ",
		"", "", "", "", "", " so since ", "", "", "", "", "", "", ""
	};
	CHECK(lexicon_in_list(words, "mr", 2) && lexicon_in_list(words, "mrs", 3) && lexicon_in_list(words, "ms", 2));
	CHECK(lexicon_in_list(words, "since", 5) && !lexicon_in_list(words, "sin", 3));
	CHECK(!lexicon_in_list(words, "m", 1) && !lexicon_in_list(words, "mrs.", 4) && !lexicon_in_list(words, "Mrs", 3));
	CHECK(!lexicon_in_list(words, "", 0) && !lexicon_in_list(words, "-", 1));
	CHECK(!lexicon_in_list(words, "ms\0", 3) && !lexicon_in_list(words, "m\0s", 3));
	CHECK(!lexicon_in_list(words, "mrs\0ms", 6));
}

extern const unsigned char data_clusters_bin[];
extern const size_t data_clusters_bin_len;

/* The process's resident pages of files (Linux's /proc), in KiB; -1 when the system does not tell. */
static long
resident_file_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "RssFile:", 8) == 0)
			kib = atol(line + 8);
	if (f)
		fclose(f);
	return kib;
}

/*
 * Released data reads the same, and (where the system tells) no longer
 * counts as resident.  The count is measured on a file of 16 MiB mapped
 * for the test: Linux keeps RssFile per processor, and on a busy machine
 * it lags by hundreds of KiB, which would swamp the program's own data.
 */
static void
test_pages(void)
{
	const unsigned char *p = data_clusters_bin;
	size_t len = data_clusters_bin_len;
	uint64_t before = hash64((const char *)p, len);

	pages_release(p, len);
	CHECK(hash64((const char *)p, len) == before);

	char path[] = "/tmp/pages_test.XXXXXX";
	int fd = mkstemp(path);
	size_t big = (size_t)16 << 20;
	char *block = calloc(1, 1 << 16);

	CHECK(fd >= 0 && block != NULL);
	if (fd < 0 || block == NULL) {
		free(block);
		return;
	}
	unlink(path);
	memset(block, 'x', 1 << 16);
	for (size_t w = 0; w < big; w += 1 << 16)
		CHECK(write(fd, block, 1 << 16) == 1 << 16);
	free(block);
	const char *m = mmap(NULL, big, PROT_READ, MAP_PRIVATE, fd, 0);

	close(fd);
	CHECK(m != MAP_FAILED);
	if (m == MAP_FAILED)
		return;
	before = hash64(m, big);
	long read_in = resident_file_kib();

	pages_release(m, big);
	long released = resident_file_kib();
	CHECK(hash64(m, big) == before);
	/* Where the system tells (Linux), half the bytes at least are given back. */
	if (read_in >= 0)
		CHECK(read_in - released >= (long)(big / 2048));
	munmap((void *)m, big);
}

/* Room for what is needed and a quarter more, so that growing by one item stays cheap. */
static void
test_xroom(void)
{
	for (size_t need = 0; need < 100000; need = need * 3 + 1) {
		size_t room = xroom(need);
		CHECK(room > need && room <= need + need / 4 + 16);
		CHECK(xroom(room) >= room + room / 4);
	}
}

/* Records in order of a field that is not their first, with runs of equal keys. */
static void
test_sorted(void)
{
	struct rec { char pad; size_t at; } r[] = { { 'a', 2 }, { 'b', 2 }, { 'c', 5 }, { 'd', 9 }, { 'e', 9 } };
	size_t off = offsetof(struct rec, at), n = sizeof r / sizeof r[0];

	CHECK(sorted_below(r, n, sizeof *r, off, 0) == 0);
	CHECK(sorted_below(r, n, sizeof *r, off, 2) == 0);
	CHECK(sorted_below(r, n, sizeof *r, off, 3) == 2);
	CHECK(sorted_below(r, n, sizeof *r, off, 9) == 3);
	CHECK(sorted_below(r, n, sizeof *r, off, 10) == 5);
	CHECK(sorted_below(r, 0, sizeof *r, off, 10) == 0);
	CHECK(sorted_below(r + 3, 2, sizeof *r, off, 9) == 0);

	/* a 32-bit field, unaligned in a packed run of records, and keys past its range */
	struct rec32 { unsigned char pad[3]; uint32_t at; } r32[] = {
		{ "a", 2 }, { "b", 2 }, { "c", 5 }, { "d", 9 }, { "e", UINT32_MAX }
	};
	unsigned char raw[5 * 5];

	for (size_t i = 0; i < 5; i++) {
		raw[5 * i] = r32[i].pad[0];
		memcpy(raw + 5 * i + 1, &r32[i].at, 4);
	}
	off = offsetof(struct rec32, at);
	CHECK(sorted_below32(r32, n, sizeof *r32, off, 2) == 0);
	CHECK(sorted_below32(r32, n, sizeof *r32, off, 3) == 2);
	CHECK(sorted_below32(r32, n, sizeof *r32, off, 10) == 4);
	CHECK(sorted_below32(r32, n, sizeof *r32, off, (size_t)UINT32_MAX + 1) == 5);
	CHECK(sorted_below32(raw, n, 5, 1, 9) == 3);
	CHECK(sorted_below32(raw, n, 5, 1, UINT32_MAX) == 4);
}

int
main(void)
{
	test_utf8();
	test_tsv();
	test_tsv_memory();
	test_tsv_escapes();
	test_tsv_escapes_everywhere();
	test_tsv_span_row();
	test_tsv_decimal();
	test_hash();
	test_calendar();
	test_docdate();
	test_lexicon();
	test_pages();
	test_xroom();
	test_sorted();
	return check_result("foundation_test");
}
