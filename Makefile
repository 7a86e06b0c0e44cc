# ntools (GNU make: the program and module lists are wildcards).

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -pedantic
CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Ilib
# POSIX threads: part of libc on current systems; the flag keeps older ones right.
THREADS  = -pthread
PREFIX  ?= /usr/local
BATS    ?= $(shell command -v bats 2>/dev/null || echo "npx --yes bats@1.13.0")

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
	$(CC) $(WARN) -O2 -o $@ tools/embed.c

# Lexicons and weights become read-only byte arrays named after their file.
$(OBJDIR)/data/%.o: lib/data/% $(OBJDIR)/embed
	@mkdir -p $(@D)
	$(OBJDIR)/embed $< > $(OBJDIR)/data/$*.c
	$(CC) $(WARN) $(CFLAGS) $(SAN) -c -o $@ $(OBJDIR)/data/$*.c

$(OBJDIR)/lib/%.o: lib/%.c lib/*.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SAN) $(THREADS) $(CPPFLAGS) -c -o $@ $<

$(OBJDIR)/libntools.a: $(LIBOBJ) $(DATAOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ) $(DATAOBJ)

$(BINDIR)/%: cmd/%.c $(OBJDIR)/libntools.a lib/*.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SAN) $(THREADS) $(CPPFLAGS) -o $@ $< $(OBJDIR)/libntools.a

$(OBJDIR)/unit/%: tests/unit/%.c $(OBJDIR)/libntools.a lib/*.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) $(SAN) $(THREADS) $(CPPFLAGS) -o $@ $< $(OBJDIR)/libntools.a

# The name finder's weights: retrained from the CoNLL-2003 training set.
SHARED  ?= ../shared
$(OBJDIR)/train_ner: tools/train_ner.c $(OBJDIR)/libntools.a lib/*.h
	$(CC) $(WARN) $(CFLAGS) $(THREADS) $(CPPFLAGS) -o $@ tools/train_ner.c $(OBJDIR)/libntools.a

$(OBJDIR)/train_syntax: tools/train_syntax.c $(OBJDIR)/libntools.a lib/*.h
	$(CC) $(WARN) $(CFLAGS) $(THREADS) $(CPPFLAGS) -o $@ tools/train_syntax.c $(OBJDIR)/libntools.a -lm

$(OBJDIR)/train_speaker: tools/train_speaker.c $(OBJDIR)/libntools.a lib/*.h
	$(CC) $(WARN) $(CFLAGS) $(THREADS) $(CPPFLAGS) -o $@ tools/train_speaker.c $(OBJDIR)/libntools.a

$(OBJDIR)/train_clusters: tools/train_clusters.c $(OBJDIR)/libntools.a lib/*.h
	$(CC) $(WARN) $(CFLAGS) $(THREADS) $(CPPFLAGS) -o $@ tools/train_clusters.c $(OBJDIR)/libntools.a -lm

# The word classes, from the Reuters corpus and the CoNLL training text;
# the tagger and chunker's weights, from the CoNLL file's part-of-speech
# and chunk columns; the speaker ranker's, from PolNeAR's training
# articles but the 120 whose speakers are resolved by hand (kept unseen,
# to measure on).
model: $(OBJDIR)/train_ner $(OBJDIR)/train_syntax $(OBJDIR)/train_clusters
	gzip -dc $(SHARED)/corpus/reuters-21578.txt.gz | \
	    nice $(OBJDIR)/train_clusters lib/data/clusters.bin $(SHARED)/eval/data/entity-conll-train.conll
	nice $(OBJDIR)/train_ner $(SHARED)/eval/data/entity-conll-train.conll lib/data/ner.bin \
	    $(SHARED)/eval/data/entity-conll-dev.conll
	nice $(OBJDIR)/train_syntax -c lib/data/clusters.bin $(SHARED)/eval/data/entity-conll-train.conll \
	    lib/data/syntax.bin $(SHARED)/eval/data/entity-conll-dev.conll
	$(MAKE) $(OBJDIR)/train_speaker
	nice $(OBJDIR)/train_speaker -k 5 -x $(SHARED)/eval/data/quote-polnear-train-canon.jsonl \
	    $(SHARED)/eval/data/quote-polnear-train.jsonl lib/data/speaker.bin \
	    $(SHARED)/eval/data/quote-polnear-dev.jsonl

units: $(UNITS)
	@for t in $(UNITS); do $$t || exit 1; done

test: all units
	NTOOLS_BIN=$(CURDIR)/$(BINDIR) $(BATS) tests

check-asan:
	$(MAKE) VARIANT=asan CC=clang test

# The threaded programs under ThreadSanitizer, on the suites that run them threaded.
check-tsan:
	$(MAKE) VARIANT=tsan CC=clang all
	NTOOLS_BIN=$(CURDIR)/build/tsan/bin $(BATS) tests/jobs.bats tests/live.bats

# libFuzzer targets (clang), each run for FUZZ_SECONDS on its corpus,
# against the library built with coverage for the fuzzer.
FUZZ_SECONDS ?= 60
FUZZERS = $(patsubst tests/fuzz/%.c,build/fuzz/bin/%,$(wildcard tests/fuzz/*.c))
fuzz:
	$(MAKE) VARIANT=fuzz CC=clang fuzzers
	for f in $(FUZZERS); do \
		mkdir -p $$f.corpus; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=8192 $$f.corpus examples || exit 1; \
	done
fuzzers: $(FUZZERS)
build/fuzz/bin/%: tests/fuzz/%.c $(OBJDIR)/libntools.a lib/*.h
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(THREADS) $(CPPFLAGS) -o $@ $< $(OBJDIR)/libntools.a

# Every program under valgrind on the example and a hostile stream.
leakcheck: all
	sh tools/leakcheck.sh $(BINDIR)

example: all
	sh examples/pipelines.sh

bench: all
	sh tools/bench.sh

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin
	cp $(PROGS) $(DESTDIR)$(PREFIX)/bin/

clean:
	rm -rf bin build

.PHONY: all model units test check-asan check-tsan fuzz fuzzers leakcheck example bench install clean
