# Makefile - the build of libannals, the annals CLI, tests, sanitizers, fuzzers and
# benchmarks. Plain GNU make; every source under src/ and cli/ is picked up by
# wildcard so adding a file needs no edit here.
#
#   make            build build/annals (release, -O2)
#   make test       build and run all tests
#   make asan       build with ASan+UBSan into build-asan/ and run all tests there
#   make check      bootstrap packages, then `test` and `asan` (the CI command)
#   make demo       bootstrap packages, build, run the main job on samples/
#   make bench      throughput and memory benchmarks (see BENCHMARKS.md)
#   make fuzz       build the libFuzzer harnesses and run each briefly
#   make clean

CC      ?= cc
PKGS    := opencc uchardet jansson sqlite3 libhs
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
BASE_CFLAGS := -std=c11 -D_GNU_SOURCE $(WARN) -Iinclude -Isrc $(PKG_CFLAGS)
OPT     ?= -O2 -g
B       ?= build
LIBS    := $(PKG_LIBS) -lm -pthread

SRC     := $(sort $(wildcard src/*.c))
CLI_SRC := $(sort $(wildcard cli/*.c))
DATA    := $(filter-out data/countries-extra.tsv,$(sort $(wildcard data/*.tsv)))
UNIT    := $(sort $(wildcard tests/unit/test_*.c))

OBJ     := $(patsubst src/%.c,$(B)/obj/%.o,$(SRC)) $(B)/obj/data_blob.o
CLI_OBJ := $(patsubst cli/%.c,$(B)/obj/cli_%.o,$(CLI_SRC))
UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT))

.PHONY: all test asan check demo bench fuzz clean bootstrap lib
all: $(B)/annals

lib: $(B)/libannals.a

$(B)/obj/%.o: src/%.c include/annals.h $(wildcard src/*.h) | $(B)/obj
	$(CC) $(BASE_CFLAGS) $(OPT) $(EXTRA_CFLAGS) -c $< -o $@

$(B)/obj/cli_%.o: cli/%.c include/annals.h | $(B)/obj
	$(CC) $(BASE_CFLAGS) $(OPT) $(EXTRA_CFLAGS) -c $< -o $@

# Data files (gazetteers, lexicons) are embedded into the library so that the
# binary needs no install path; tools/embed.c writes them as byte arrays.
$(B)/embed: tools/embed.c | $(B)/obj
	$(CC) -std=c11 -O1 -Wall -Wextra -Werror tools/embed.c -o $@

$(B)/data_blob.c: $(B)/embed $(DATA)
	$(B)/embed $(DATA) > $@.tmp && mv $@.tmp $@

$(B)/obj/data_blob.o: $(B)/data_blob.c | $(B)/obj
	$(CC) $(BASE_CFLAGS) $(OPT) $(EXTRA_CFLAGS) -c $< -o $@

$(B)/libannals.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/annals: $(CLI_OBJ) $(B)/libannals.a
	$(CC) $(OPT) $(EXTRA_CFLAGS) $(CLI_OBJ) $(B)/libannals.a $(LIBS) $(EXTRA_LDFLAGS) -o $@

$(B)/tests/%: tests/unit/%.c tests/unit/harness.h $(B)/libannals.a | $(B)/tests
	$(CC) $(BASE_CFLAGS) $(OPT) $(EXTRA_CFLAGS) $< $(B)/libannals.a $(LIBS) $(EXTRA_LDFLAGS) -o $@

$(B)/obj $(B)/tests:
	mkdir -p $@

test: $(B)/annals $(UNIT_BIN)
	BUILD=$(B) sh tests/run.sh

SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
asan:
	$(MAKE) B=build-asan OPT="-O1 -g" EXTRA_CFLAGS="$(SAN)" EXTRA_LDFLAGS="$(SAN)" test

bootstrap:
	sh tools/bootstrap.sh

check: bootstrap
	$(MAKE) test
	$(MAKE) asan

demo: bootstrap
	$(MAKE) all
	sh tools/demo.sh

bench: all
	sh bench/run.sh

fuzz:
	sh fuzz/run.sh

# Regenerate the committed traditional->simplified table from the installed
# OpenCC dictionaries (Debian opencc/libopencc-dev); see tools/gen_t2s.c.
.PHONY: gen-tables
gen-tables: | $(B)/obj
	$(CC) -std=c11 -D_GNU_SOURCE -O1 -Wall -Wextra -Werror tools/gen_t2s.c $(shell pkg-config --cflags --libs opencc) -o $(B)/gen_t2s
	$(B)/gen_t2s > src/t2s_table.inc.tmp && mv src/t2s_table.inc.tmp src/t2s_table.inc \
		|| { rm -f src/t2s_table.inc.tmp; exit 1; }

clean:
	rm -rf build build-asan build-fuzz bench/out
