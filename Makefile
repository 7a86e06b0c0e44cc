# ntools (GNU make: the program and module lists are wildcards).

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -pedantic
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Ilib
# POSIX threads: part of libc on current systems; the flag keeps older ones right.
THREADS  = -pthread
PREFIX  ?= /usr/local
BATS    ?= $(shell command -v bats 2>/dev/null || echo "npx --yes bats@1.13.0")

# A quiet build: compiler lines only with V=1 (errors and warnings always show).
V       ?= 0
ifeq ($(V),1)
Q        =
else
Q        = @
MAKEFLAGS += --no-print-directory
endif

# VARIANT=asan builds the same programs with AddressSanitizer and UBSan
# into build/asan/bin, VARIANT=tsan with ThreadSanitizer into
# build/tsan/bin; another name (VARIANT=clang CC=clang) builds into
# build/NAME/bin; the default variant lands in bin/.
VARIANT ?= release
ifeq ($(VARIANT),asan)
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
BINDIR   = build/asan/bin
else ifeq ($(VARIANT),tsan)
SAN      = -fsanitize=thread -fno-omit-frame-pointer
BINDIR   = build/tsan/bin
else ifeq ($(VARIANT),fuzz)
SAN      = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
BINDIR   = build/fuzz/bin
else ifneq ($(VARIANT),release)
SAN      =
BINDIR   = build/$(VARIANT)/bin
else
SAN      =
BINDIR   = bin
endif
OBJDIR   = build/$(VARIANT)

PROGS    = $(patsubst cmd/%.c,$(BINDIR)/%,$(wildcard cmd/*.c))
LIBSRC   = $(wildcard lib/*.c)
LIBOBJ   = $(patsubst lib/%.c,$(OBJDIR)/lib/%.o,$(LIBSRC))
DATA     = $(wildcard lib/data/*.tsv lib/data/*.txt lib/data/*.bin)
DATAOBJ  = $(patsubst lib/data/%,$(OBJDIR)/data/%.o,$(DATA))
UNITSRC  = $(wildcard tests/unit/*.c)
UNITS    = $(patsubst tests/unit/%.c,$(OBJDIR)/unit/%,$(UNITSRC))

all: $(PROGS)

$(OBJDIR)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) -O2 -o $@ tools/embed.c

# Lexicons and weights become read-only byte arrays named after their file.
$(OBJDIR)/data/%.o: lib/data/% $(OBJDIR)/embed
	@mkdir -p $(@D)
	$(Q)$(OBJDIR)/embed $< > $(OBJDIR)/data/$*.c
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -c -o $@ $(OBJDIR)/data/$*.c

# Weights and word classes go in as the tables they load into
# (tools/table_image.c), which a program reads in place rather than build
# at start-up.
TABSRC   = tools/table_image.c lib/perceptron.c lib/wordclass.c lib/hash.c lib/image.c lib/pages.c \
	lib/readfile.c lib/xalloc.c lib/diag.c
$(OBJDIR)/table_image: $(TABSRC) lib/*.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) -O2 $(CPPFLAGS) -o $@ $(TABSRC)

$(OBJDIR)/data/%.bin.o: lib/data/%.bin $(OBJDIR)/embed $(OBJDIR)/table_image
	@mkdir -p $(@D)
	$(Q)$(OBJDIR)/table_image $< > $(OBJDIR)/data/$*.bin.img
	$(Q)$(OBJDIR)/embed $(OBJDIR)/data/$*.bin.img $*.bin > $(OBJDIR)/data/$*.bin.c
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -c -o $@ $(OBJDIR)/data/$*.bin.c

# The gazetteer goes in as its tables too (tools/gaz_image.c), built from the lists.
LISTOBJ  = $(filter-out %.bin.o,$(DATAOBJ))
GAZSRC   = tools/gaz_image.c lib/gazetteer.c lib/image.c lib/utf8.c lib/xalloc.c lib/diag.c
$(OBJDIR)/gaz_image: $(GAZSRC) lib/*.h $(LISTOBJ)
	$(Q)$(CC) $(WARN) -O2 $(SAN) $(CPPFLAGS) -o $@ $(GAZSRC) $(LISTOBJ)

$(OBJDIR)/data/gazetteer.img.o: $(OBJDIR)/gaz_image $(OBJDIR)/embed
	$(Q)$(OBJDIR)/gaz_image > $(OBJDIR)/data/gazetteer.img
	$(Q)$(OBJDIR)/embed $(OBJDIR)/data/gazetteer.img > $(OBJDIR)/data/gazetteer.img.c
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) -c -o $@ $(OBJDIR)/data/gazetteer.img.c

$(OBJDIR)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) $(THREADS) $(CPPFLAGS) -c -o $@ $<

$(OBJDIR)/libntools.a: $(LIBOBJ) $(DATAOBJ) $(OBJDIR)/data/gazetteer.img.o
	$(Q)rm -f $@
	$(Q)ar rcs $@ $(LIBOBJ) $(DATAOBJ) $(OBJDIR)/data/gazetteer.img.o

$(BINDIR)/%: cmd/%.c $(OBJDIR)/libntools.a lib/*.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) $(THREADS) $(CPPFLAGS) -o $@ $< $(OBJDIR)/libntools.a

$(OBJDIR)/unit/%: tests/unit/%.c $(OBJDIR)/libntools.a lib/*.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) $(THREADS) $(CPPFLAGS) -o $@ $< $(OBJDIR)/libntools.a

# The weights, retrained: the word classes (clusters.bin) from news text
# (CORPUS, an article stream, gzipped or not) and the words of TRAIN; the
# name finder's (ner.bin) and the tagger and chunker's (syntax.bin) from
# TRAIN, in CoNLL-2003 format, scored on DEV (empty: none). Data of the
# user's gives weights free of the defaults' terms; MODELDIR is where they go.
SHARED  ?= ../shared
CORPUS  ?= $(SHARED)/corpus/reuters-21578.txt.gz
TRAIN   ?= $(SHARED)/eval/data/entity-conll-train.conll
DEV     ?= $(SHARED)/eval/data/entity-conll-dev.conll
MODELDIR ?= lib/data
TOOLS    = $(OBJDIR)/train_ner $(OBJDIR)/train_syntax $(OBJDIR)/train_clusters $(OBJDIR)/train_attrib
$(TOOLS): $(OBJDIR)/%: tools/%.c $(OBJDIR)/libntools.a lib/*.h
	$(Q)$(CC) $(WARN) $(CFLAGS) $(SAN) $(THREADS) $(CPPFLAGS) -o $@ $< $(OBJDIR)/libntools.a -lm

# The speaker ranker and the reported-speech tagger (speaker.bin,
# reported.bin) from QUOTES, PolNeAR's training articles, but those of
# QUOTES_HELD (the 120 whose speakers are resolved by hand: kept unseen, to
# measure on); they read what the built-in name finder finds, so they are
# trained after it, by a trainer built with its new weights.
QUOTES      ?= $(SHARED)/eval/data/quote-polnear-train.jsonl
QUOTES_HELD ?= $(SHARED)/eval/data/quote-polnear-train-canon.jsonl
QUOTES_DEV  ?= $(SHARED)/eval/data/quote-polnear-dev.jsonl
model: $(TOOLS)
	gzip -dcf $(CORPUS) | nice $(OBJDIR)/train_clusters $(MODELDIR)/clusters.bin $(TRAIN)
	nice $(OBJDIR)/train_ner -c $(MODELDIR)/clusters.bin $(TRAIN) $(MODELDIR)/ner.bin $(DEV)
	nice $(OBJDIR)/train_syntax -c $(MODELDIR)/clusters.bin $(TRAIN) $(MODELDIR)/syntax.bin $(DEV)
	$(MAKE) $(OBJDIR)/train_attrib
	nice $(OBJDIR)/train_attrib -k 5 -x $(QUOTES_HELD) $(QUOTES) \
	    $(MODELDIR)/speaker.bin $(MODELDIR)/reported.bin $(MODELDIR)/source.bin $(MODELDIR)/span.bin \
	    $(QUOTES_DEV)

# Whether make model makes the shipped weights again, byte for byte: the
# whole chain into a scratch directory (minutes, hence not in make test),
# each file compared.  train_attrib reads the compiled-in weights, so its
# four files are only comparable when the first three came out the same.
CHECK_MODELDIR ?= build/model-check
check-model:
	@mkdir -p $(CHECK_MODELDIR)
	$(Q)$(MAKE) model MODELDIR=$(CHECK_MODELDIR)
	$(Q)for f in clusters ner syntax speaker reported source span; do \
	    cmp lib/data/$$f.bin $(CHECK_MODELDIR)/$$f.bin || exit 1; done
	@echo "make model reproduces lib/data's seven weights files"

# What the tests time and weigh programs with; built plain whatever the variant.
$(OBJDIR)/rusage: tools/rusage.c
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(CPPFLAGS) -O2 -o $@ tools/rusage.c

units: $(UNITS)
	@for t in $(UNITS); do $$t || exit 1; done

test: all units $(OBJDIR)/rusage
	$(Q)NTOOLS_BIN=$(CURDIR)/$(BINDIR) NTOOLS_RUSAGE=$(CURDIR)/$(OBJDIR)/rusage $(BATS) tests

check-asan:
	$(Q)$(MAKE) VARIANT=asan CC=clang test

# The threaded programs under ThreadSanitizer, on the suites that run them threaded.
check-tsan:
	$(Q)$(MAKE) VARIANT=tsan CC=clang all
	$(Q)NTOOLS_BIN=$(CURDIR)/build/tsan/bin $(BATS) tests/jobs.bats tests/live.bats

# libFuzzer targets (clang), each run for FUZZ_SECONDS on its corpus:
# the seeds kept in tests/fuzz/corpus/NAME (every crash found among them,
# as a regression input) and what the runs learnt, in build/fuzz.  Every
# target runs even when one before it fails; the failures are named at
# the end and fail the make.
FUZZ_SECONDS ?= 60
FUZZERS = $(patsubst tests/fuzz/%.c,build/fuzz/bin/%,$(wildcard tests/fuzz/*.c))
fuzz:
	$(Q)$(MAKE) VARIANT=fuzz CC=clang fuzzers
	@failed=; for f in $(FUZZERS); do \
		n=$${f##*/}; mkdir -p $$f.corpus tests/fuzz/corpus/$$n; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=8192 -artifact_prefix=$$f- \
		    $$f.corpus tests/fuzz/corpus/$$n examples || failed="$$failed $$n"; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: failed:$$failed (inputs in build/fuzz/bin)"; exit 1; fi
fuzzers: $(FUZZERS)
build/fuzz/bin/%: tests/fuzz/%.c $(OBJDIR)/libntools.a lib/*.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(WARN) $(CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(THREADS) $(CPPFLAGS) -o $@ $< $(OBJDIR)/libntools.a

# Every program under valgrind on the example and a hostile stream.
leakcheck: all
	$(Q)sh tools/leakcheck.sh $(BINDIR)

example: all
	$(Q)sh examples/pipelines.sh

bench: all
	$(Q)sh tools/bench.sh

# The programs and their manual pages (mdoc), each file with its mode.
MANDIR  ?= $(PREFIX)/share/man
MAN1     = $(wildcard man/*.1)
MAN7     = $(wildcard man/*.7)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(PROGS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/

uninstall:
	rm -f $(patsubst $(BINDIR)/%,$(DESTDIR)$(PREFIX)/bin/%,$(PROGS))
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man1/%,$(MAN1))
	rm -f $(patsubst man/%,$(DESTDIR)$(MANDIR)/man7/%,$(MAN7))

# The manual pages through mandoc -Tlint (Debian: mandoc).
manlint:
	$(Q)sh tools/manlint.sh $(MAN1) $(MAN7)

clean:
	rm -rf bin build

.PHONY: all model units test check-asan check-tsan check-model fuzz fuzzers leakcheck example bench install uninstall manlint clean
