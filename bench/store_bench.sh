#!/bin/sh
# store_bench.sh - the store at scale: streams 100k reports (the dev set under
# new ids) into `annals ingest`; prints reports/s, MB/s, database bytes a report,
# and p50/p99 of search and events queries (bench/store_query.c). A few minutes.
#   usage: sh bench/store_bench.sh [BUILD_DIR]   (REPORTS=100000, QUERY_RUNS=50)
# SPDX-License-Identifier: MIT
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${1:-${BUILD:-${B:-build}}}
SHARED=${ANNALS_SHARED:-$ROOT/../shared}
REPORTS=${REPORTS:-100000}
RUNS=${QUERY_RUNS:-50}
PKGS="opencc uchardet jansson sqlite3 libhs"
OUT=${STORE_BENCH_OUT:-$(mktemp -d /tmp/annals-store-bench-XXXXXX)}
DB="$OUT/bench.db"

die() {
	echo "store_bench: $*" >&2
	exit 1
}

[ -x "$BUILD/annals" ] && [ -f "$BUILD/libannals.a" ] ||
	die "$BUILD/annals or libannals.a is missing: run 'make B=$BUILD' first"
for tool in cc pkg-config python3 awk; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed"
done
[ -f "$SHARED/eval/dev/reports.jsonl" ] || die "no $SHARED/eval/dev/reports.jsonl (set ANNALS_SHARED)"
cc -std=c11 -D_GNU_SOURCE -O2 -Iinclude $(pkg-config --cflags $PKGS) bench/store_query.c \
	"$BUILD/libannals.a" $(pkg-config --libs $PKGS) -lm -o "$OUT/store_query" ||
	die "could not build store_query"
rm -f "$DB" "$DB-wal" "$DB-shm"

# The corpus is generated on the fly and piped in: nothing holds it whole.
corpus() {
	python3 - "$SHARED/eval/dev/reports.jsonl" "$REPORTS" <<'EOF'
import json, sys
src, want = sys.argv[1], int(sys.argv[2])
lines = [json.loads(l) for l in open(src, encoding='utf-8') if l.strip()]
out = sys.stdout
for k in range(want):
    o = dict(lines[k % len(lines)])
    o['id'] = '%s-%06d' % (o['id'], k // len(lines))
    out.write(json.dumps(o, ensure_ascii=False) + '\n')
EOF
}

BYTES=$(corpus | wc -c)
echo "store_bench: $REPORTS reports, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB of JSON Lines, $(nproc) CPUs"
start=$(date +%s.%N)
corpus | "$BUILD/annals" ingest --db "$DB" - 2>"$OUT/ingest.log" || die "ingest failed: $(tail -3 "$OUT/ingest.log")"
end=$(date +%s.%N)
tail -1 "$OUT/ingest.log"
# the WAL folded in, so that the file size is the database's
python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$DB"
SIZE=$(stat -c %s "$DB")
awk -v s="$start" -v e="$end" -v b="$BYTES" -v n="$REPORTS" -v z="$SIZE" 'BEGIN {
	t = e - s
	printf "ingest: %.1f s, %.0f reports/s, %.2f MB/s\n", t, n / t, b / t / 1e6
	printf "database: %.1f MB, %.0f bytes/report (input %.0f bytes/report)\n", z / 1e6, z / n, b / n
}'
python3 - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8").fetchall() \
    if c.execute("SELECT count(*) FROM pragma_compile_options WHERE compile_options = 'ENABLE_DBSTAT_VTAB'").fetchone()[0] else []
for name, size in rows:
    print("  %-28s %8.1f MB" % (name, size / 1e6))
print("  counts: %s" % ", ".join("%s %d" % (t, c.execute("SELECT count(*) FROM " + t).fetchone()[0])
    for t in ("reports", "records", "events", "reprints")))
EOF
echo "query latency over $RUNS runs each (library calls, JSON written, warm cache):"
"$OUT/store_query" "$DB" "$RUNS"
s0=$(date +%s.%N)
"$BUILD/annals" search --db "$DB" --format jsonl 普京 > /dev/null
s1=$(date +%s.%N)
awk -v a="$s0" -v b="$s1" 'BEGIN { printf "the CLI end to end, annals search 普京: %.0f ms (start-up included)\n", (b - a) * 1e3 }'
[ -n "${STORE_BENCH_OUT:-}" ] || rm -rf "$OUT"
