#!/bin/sh
# score_gate.sh - extraction quality gate: runs `annals extract` on the dev set
# of real reports in ../shared/eval/dev and scores it with ../shared/eval/score.py
# against the gold annotations; fails below the thresholds of issue 3.
BIN=${1:-build/annals}
SHARED=${ANNALS_SHARED:-../shared}
MIN_EVENT=${ANNALS_MIN_EVENT_F1:-0.95}
MIN_SLOT=${ANNALS_MIN_SLOT_F1:-0.90}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! "$BIN" extract --format jsonl "$SHARED/eval/dev/reports.jsonl" >"$out"; then
	echo "score: extract failed"
	echo "score: 0 passed, 1 failed"
	exit 1
fi
if python3 "$SHARED/eval/score.py" "$SHARED/eval/dev/gold" "$out" \
	--min-event-f1 "$MIN_EVENT" --min-slot-f1 "$MIN_SLOT" --detail; then
	echo "score: 1 passed, 0 failed"
else
	echo "score: below event F1 $MIN_EVENT / slot F1 $MIN_SLOT"
	echo "score: 0 passed, 1 failed"
	exit 1
fi
