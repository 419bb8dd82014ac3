#!/bin/sh
# run.sh - runs every test of the project against one build (BUILD=build or
# build-asan): the C unit tests, the readable spec examples, and the dev-set
# score gate; adds up the counts and ends with "N passed, N failed".
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 2
export ANNALS_SHARED="${ANNALS_SHARED:-$ROOT/../shared}"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >>"$log" 2>&1 || status=1
done
python3 tests/spec_runner.py --bin "$BUILD/annals" >>"$log" 2>&1 || status=1
sh tests/score_gate.sh "$BUILD/annals" >>"$log" 2>&1 || status=1
sh tests/crash_test.sh "$BUILD" >>"$log" 2>&1 || status=1
cat "$log"
awk '/: [0-9]+ passed, [0-9]+ failed/ {
	for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i }
} END { printf "%d passed, %d failed\n", p, f; exit (f > 0) }' "$log" || status=1
exit $status
