#!/bin/sh
# run.sh - `make fuzz`: builds every fuzz/fuzz_*.c with clang's libFuzzer, ASan
# and UBSan against all of src/ and the embedded data, then runs each for
# FUZZ_SECONDS on a seed corpus (the shared reports, the spec examples). Fails
# if any harness crashes; crash inputs are left in $FUZZ_BUILD/artifacts/.
# SPDX-License-Identifier: MIT
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
FB=${FUZZ_BUILD:-build-fuzz}
SHARED=${ANNALS_SHARED:-$ROOT/../shared}
SECONDS_EACH=${FUZZ_SECONDS:-30}
CLANG=${FUZZ_CC:-clang}
PKGS="opencc uchardet jansson sqlite3 libhs"
# only these harnesses (space-separated names without .c), default all
ONLY=${FUZZ_ONLY:-}

die() {
	echo "fuzz: $*" >&2
	exit 1
}

command -v "$CLANG" >/dev/null 2>&1 || die "$CLANG is not installed (libFuzzer needs clang)"
pkg-config --exists $PKGS || die "pkg-config cannot find: $PKGS"
case $SECONDS_EACH in '' | *[!0-9]* | 0) die "FUZZ_SECONDS must be a positive number" ;; esac

# The data blob comes from the Makefile's own rule so that the fuzzers see the
# same lexicons as the library.
make -s B="$FB" "$FB/data_blob.c" || die "could not generate $FB/data_blob.c"

# Sanitizers only in the library (fuzzer-no-link): the objects are shared by
# every harness, and recovery is off so that UBSan findings fail the run.
# FUZZ_CFLAGS adds flags (e.g. -fno-sanitize=... to look past a known finding).
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer ${FUZZ_CFLAGS:-}"
CFLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Wno-unused-parameter -Iinclude -Isrc $(pkg-config --cflags $PKGS)"
OBJ="$FB/fuzz-obj"
mkdir -p "$OBJ" "$FB/artifacts"
# objects built with other flags are stale
if [ "$(cat "$OBJ/.flags" 2>/dev/null)" != "$CLANG $CFLAGS $SAN" ]; then
	rm -f "$OBJ"/*.o
	echo "$CLANG $CFLAGS $SAN" >"$OBJ/.flags"
fi
objs=""
for src in src/*.c "$FB/data_blob.c"; do
	o="$OBJ/$(basename "$src" .c).o"
	if [ ! -f "$o" ] ||
		[ -n "$(find "$src" include/annals.h src/*.h -newer "$o" 2>/dev/null | head -n 1)" ]; then
		$CLANG $CFLAGS $SAN -fsanitize=fuzzer-no-link -c "$src" -o "$o" ||
			die "could not compile $src"
	fi
	objs="$objs $o"
done

# Seeds: every report we have, as a .txt body and as a JSON line, and the spec
# examples when tests/spec has any.
SEEDS="$FB/seeds"
rm -rf "$SEEDS"
mkdir -p "$SEEDS"
for f in "$SHARED"/corpus/seeds/*.txt; do
	[ -f "$f" ] && cp "$f" "$SEEDS/"
done
if [ -f "$SHARED/eval/dev/reports.jsonl" ]; then
	python3 - "$SHARED/eval/dev/reports.jsonl" "$SEEDS" <<'EOF' || die "could not write seeds"
import json, os, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8")):
    if not line.strip():
        continue
    with open(os.path.join(sys.argv[2], "dev%03d.jsonl" % n), "w", encoding="utf-8") as f:
        f.write(line)
    text = json.loads(line).get("text")
    if isinstance(text, str):
        with open(os.path.join(sys.argv[2], "dev%03d.txt" % n), "w", encoding="utf-8") as f:
            f.write(text)
EOF
fi
if ls tests/spec/*.md >/dev/null 2>&1; then
	python3 tests/spec_runner.py --fuzz-corpus "$SEEDS" || die "spec_runner --fuzz-corpus failed"
fi
echo "fuzz: $(ls "$SEEDS" | wc -l) seed inputs" >&2

failed=""
for h in fuzz/fuzz_*.c; do
	name=$(basename "$h" .c)
	if [ -n "$ONLY" ]; then
		case " $ONLY " in *" $name "*) ;; *) continue ;; esac
	fi
	$CLANG $CFLAGS $SAN -fsanitize=fuzzer "$h" $objs $(pkg-config --libs $PKGS) -lm \
		-o "$FB/$name" || die "could not build $name"
	# the working corpus keeps what each harness found between runs
	mkdir -p "$FB/corpus/$name"
	echo "fuzz: $name for ${SECONDS_EACH}s" >&2
	if ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} \
		UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
		"$FB/$name" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$FB/artifacts/$name-" \
		"$FB/corpus/$name" "$SEEDS" >"$FB/$name.log" 2>&1; then
		echo "fuzz: $name: ok ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$FB/$name.log" | awk '{ print $2 }') runs)" >&2
	else
		echo "fuzz: $name: FAILED, see $FB/$name.log and $FB/artifacts/$name-*" >&2
		grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error|deadly signal' "$FB/$name.log" >&2 || true
		failed="$failed $name"
	fi
done
[ -z "$failed" ] || die "crashes in:$failed"
echo "fuzz: all harnesses ran clean" >&2
