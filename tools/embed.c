/*
 * embed FILE [AS]: write C source that holds FILE's bytes as
 *
 *     const unsigned char data_NAME[];   (NUL-terminated, 64-byte aligned)
 *     const size_t data_NAME_len;         (without the NUL)
 *
 * where NAME is the base name of AS (else of FILE) with every byte that
 * is not a letter or digit turned into '_' ("cities.tsv" gives
 * data_cities_tsv).  This is how lexicons and weights get into the
 * binaries without files to find at run time; the alignment lets tables
 * be read in place.
 */
#include <stdio.h>
#include <string.h>

static void
put_name(const char *base)
{
	for (const char *p = base; *p; p++)
		putchar((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') ? *p : '_');
}

int
main(int argc, char **argv)
{
	const char *base;
	FILE *f;
	int c;
	unsigned long n = 0;

	if (argc != 2 && argc != 3) {
		fputs("usage: embed FILE [AS]\n", stderr);
		return 2;
	}
	if (!(f = fopen(argv[1], "rb"))) {
		perror(argv[1]);
		return 2;
	}
	base = strrchr(argv[argc - 1], '/');
	base = base ? base + 1 : argv[argc - 1];

	printf("#include <stddef.h>\n_Alignas(64) const unsigned char data_");
	put_name(base);
	printf("[] = {\n");
	while ((c = getc(f)) != EOF) {
		printf("%d,", c);
		if (++n % 24 == 0)
			putchar('\n');
	}
	printf("0};\nconst size_t data_");
	put_name(base);
	printf("_len = %lu;\n", n);
	if (ferror(f) || fclose(f) != 0 || fflush(stdout) != 0 || ferror(stdout)) {
		perror(argv[1]);
		return 2;
	}
	return 0;
}
