#!/bin/sh
# demo.sh - the main job on the sample reports in samples/: extract the events of
# every report (a readable table), then, when the store is built in, ingest them
# into an embedded SQLite store and list the merged events.
set -e
cd "$(dirname "$0")/.."
BIN=${BIN:-build/annals}
echo "== annals extract --format table samples/"
"$BIN" extract --format table samples/
if "$BIN" help ingest >/dev/null 2>&1; then
	DB=${DB:-build/demo.db}
	rm -f "$DB" "$DB-wal" "$DB-shm"
	echo
	echo "== annals ingest --db $DB samples/"
	"$BIN" ingest --db "$DB" samples/
	echo
	echo "== annals events --db $DB --format table"
	"$BIN" events --db "$DB" --format table
	echo
	echo "== annals search --db $DB 马克龙"
	"$BIN" search --db "$DB" --format table 马克龙
fi
