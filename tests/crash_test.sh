#!/bin/sh
# crash_test.sh - crash safety of `annals ingest` (docs/store.md): SIGKILLs an
# ingest of a few thousand reports at several points, runs it again to the end,
# and checks the database against an uninterrupted run (integrity_check, counts,
# search hits, export byte for byte). Ends "crash: N passed, N failed"; ~1 min.
#   usage: sh tests/crash_test.sh [BUILD_DIR]      (default $BUILD or build)
BUILD=${1:-${BUILD:-build}}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
SHARED=${ANNALS_SHARED:-$ROOT/../shared}
BIN="$ROOT/$BUILD/annals"
COPIES=${CRASH_COPIES:-130}
[ -x "$BIN" ] || { echo "crash: no $BIN (make B=$BUILD first)"; echo "crash: 0 passed, 1 failed"; exit 1; }
command -v sqlite3 >/dev/null || { echo "crash: needs the sqlite3 shell"; echo "crash: 0 passed, 1 failed"; exit 1; }
T=$(mktemp -d /tmp/annals-crash-XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "crash: FAIL $*"; }

# the corpus: every dev report COPIES times, ids made unique
python3 - "$SHARED/eval/dev/reports.jsonl" "$T/corpus.jsonl" "$COPIES" <<'EOF' || exit 2
import json, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [l for l in open(src, encoding='utf-8') if l.strip()]
with open(dst, 'w', encoding='utf-8') as out:
    for k in range(copies):
        for l in lines:
            o = json.loads(l)
            o['id'] = '%s-%04d' % (o['id'], k)
            out.write(json.dumps(o, ensure_ascii=False) + '\n')
EOF
NREP=$(wc -l < "$T/corpus.jsonl")

ingest() { # DB: run to completion
	"$BIN" ingest --db "$1" --batch 100 "$T/corpus.jsonl" 2>>"$T/log"
}

# What a database holds, in a form to compare.
summary() {
	sqlite3 "$1" "SELECT 'reports', count(*) FROM reports; SELECT 'records', count(*) FROM records;
		SELECT 'events', count(*) FROM events; SELECT 'reprints', count(*) FROM reprints;
		SELECT 'bands', count(*) FROM reprint_bands; SELECT 'actors', count(*) FROM actors;
		SELECT 'places', count(*) FROM places; SELECT 'documents', count(*) FROM documents;
		SELECT 'evidence', count(*) FROM evidence; SELECT 'votes', count(*), sum(n) FROM event_votes;
		SELECT 'sources', sum(reports) FROM events;
		SELECT 'orphans', count(*) FROM records WHERE event NOT IN (SELECT event FROM events);"
	for q in 普京 會談 Putin 京; do
		printf 'search %s ' "$q"; "$BIN" search --db "$1" --limit 0 --format jsonl "$q" | wc -l
	done
	"$BIN" export --db "$1" --format jsonl | md5sum
}

check() { # NAME DB
	ic=$(sqlite3 "$2" 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] && ok || bad "$1: integrity_check: $ic"
	summary "$2" > "$T/$1.sum"
	if cmp -s "$T/ref.sum" "$T/$1.sum"; then ok; else
		bad "$1: differs from the uninterrupted run"; diff "$T/ref.sum" "$T/$1.sum" | head -20
	fi
}

start=$(date +%s.%N)
ingest "$T/ref.db" || bad "reference run failed"
end=$(date +%s.%N)
summary "$T/ref.db" > "$T/ref.sum"
n=$(sqlite3 "$T/ref.db" 'SELECT count(*) FROM reports')
[ "$n" = "$NREP" ] && ok || bad "reference run stored $n of $NREP reports"
took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
echo "crash: $NREP reports, uninterrupted ingest ${took}s"

# killed once at each point (fixed times, and shares of the whole run so that
# a fast machine is still caught mid-way), then run again to the end
points="0.2 0.5 1 $(awk -v t="$took" 'BEGIN { printf "%.2f %.2f %.2f", t * 0.35, t * 0.6, t * 0.8 }')"
for at in $points; do
	db="$T/kill-$at.db"
	"$BIN" ingest --db "$db" --batch 100 "$T/corpus.jsonl" 2>>"$T/log" &
	pid=$!
	sleep "$at"
	if kill -9 "$pid" 2>/dev/null; then killed=yes; else killed=no; fi
	wait "$pid" 2>/dev/null
	got=$(sqlite3 "$db" 'SELECT count(*) FROM reports' 2>/dev/null || echo 0)
	echo "crash: killed after ${at}s (killed=$killed) with $got reports stored"
	ingest "$db" || bad "rerun after ${at}s failed"
	check "kill-$at" "$db"
done

# killed again and again while it recovers, then finished
db="$T/many.db"
for at in 0.3 0.4 0.6 0.8 1.0; do
	"$BIN" ingest --db "$db" --batch 100 "$T/corpus.jsonl" 2>>"$T/log" &
	pid=$!
	sleep "$at"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
ingest "$db" || bad "rerun after repeated kills failed"
check many "$db"

# killed while replacing changed reports: every 7th report has new text
python3 - "$T/corpus.jsonl" "$T/changed.jsonl" <<'EOF2' || exit 2
import json, sys
with open(sys.argv[2], 'w', encoding='utf-8') as out:
    for k, l in enumerate(open(sys.argv[1], encoding='utf-8')):
        o = json.loads(l)
        if k % 7 == 3:
            o['text'] += '\n\n(更新 %d)\n' % k
        out.write(json.dumps(o, ensure_ascii=False) + '\n')
EOF2
cp "$T/ref.db" "$T/chref.db"
"$BIN" ingest --db "$T/chref.db" --batch 100 "$T/changed.jsonl" 2>>"$T/log" || bad "changed reference run failed"
summary "$T/chref.db" > "$T/chref.sum"
for at in 0.4 $(awk -v t="$took" 'BEGIN { printf "%.2f", t * 0.5 }'); do
	db="$T/changed-$at.db"
	cp "$T/ref.db" "$db"
	"$BIN" ingest --db "$db" --batch 100 "$T/changed.jsonl" 2>>"$T/log" &
	pid=$!
	sleep "$at"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	"$BIN" ingest --db "$db" --batch 100 "$T/changed.jsonl" 2>>"$T/log" || bad "rerun of changed failed"
	ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
	[ "$ic" = ok ] && ok || bad "changed-$at: integrity_check: $ic"
	summary "$db" > "$T/changed-$at.sum"
	if cmp -s "$T/chref.sum" "$T/changed-$at.sum"; then ok; else
		bad "changed-$at: differs from the uninterrupted replacement"
		diff "$T/chref.sum" "$T/changed-$at.sum" | head -20
	fi
done
tail -1 "$T/log" | grep -q "(0 new, [0-9]* changed" && ok || bad "changed rerun: $(tail -1 "$T/log")"

# a second run over a finished database adds nothing
ingest "$T/ref.db"
summary "$T/ref.db" > "$T/again.sum"
cmp -s "$T/ref.sum" "$T/again.sum" && ok || bad "re-ingest changed the database"
tail -1 "$T/log" | grep -q "(0 new, 0 changed, $NREP unchanged)" && ok ||
	bad "re-ingest: $(tail -1 "$T/log")"

echo "crash: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
