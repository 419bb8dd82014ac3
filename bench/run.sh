#!/bin/sh
# run.sh - `make bench`: replicates the real reports of ../shared into 100 MB and
# 25 MB JSON Lines corpora under bench/out/, times read+normalise, extract and
# fold against `opencc -c t2s.json` on the same text (median of BENCH_RUNS), and
# prints the table that BENCHMARKS.md records. BUILD (or make's B) picks the build.
# SPDX-License-Identifier: MIT
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-${B:-build}}
SHARED=${ANNALS_SHARED:-$ROOT/../shared}
OUT=${BENCH_OUT:-bench/out}
RUNS=${BENCH_RUNS:-3}
BIG_MB=${BENCH_BIG_MB:-100}
SMALL_MB=${BENCH_SMALL_MB:-25}
PKGS="opencc uchardet jansson sqlite3 libhs"

die() {
	echo "bench: $*" >&2
	exit 1
}

[ -x "$BUILD/annals" ] || die "$BUILD/annals is missing: run 'make' (or 'make B=$BUILD') first"
[ -f "$BUILD/libannals.a" ] || die "$BUILD/libannals.a is missing: run 'make B=$BUILD lib' first"
for tool in cc pkg-config python3 opencc awk sort; do
	command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed (see tools/bootstrap.sh)"
done
pkg-config --exists $PKGS || die "pkg-config cannot find: $PKGS"
[ -f "$SHARED/eval/dev/reports.jsonl" ] ||
	die "no reports at $SHARED/eval/dev/reports.jsonl (set ANNALS_SHARED)"
case $RUNS in '' | *[!0-9]* | 0) die "BENCH_RUNS must be a positive number" ;; esac
mkdir -p "$OUT"

# Same flags as the library's release build, minus -g: the benchmark is not
# part of the Makefile so that the library build stays free of it.
cc -std=c11 -D_GNU_SOURCE -O2 -Iinclude -Isrc $(pkg-config --cflags $PKGS) \
	bench/bench.c "$BUILD/libannals.a" $(pkg-config --libs $PKGS) -lm -o "$BUILD/bench" ||
	die "could not build $BUILD/bench"

# The corpus: the distinct real reports, each repeated under a fresh id, until
# the file reaches the target size. Written line by line so that a corpus of
# any size costs the generator only the sources. A stamp of the sources and the
# size lets a second run reuse the files.
make_corpus() { # MB JSONL [TEXT]
	stamp="$2.stamp"
	want="$1 $(cat "$SHARED/eval/dev/reports.jsonl" "$SHARED"/corpus/seeds/*.txt 2>/dev/null | cksum)"
	if [ -f "$2" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] &&
		{ [ -z "${3:-}" ] || [ -f "$3" ]; }; then
		return 0
	fi
	python3 - "$SHARED" "$1" "$2" "${3:-}" <<'EOF' || die "could not write the corpus $2"
import glob, json, os, sys

shared, mb, out, text_out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
target = mb * 1000 * 1000
sources, seen = [], set()

def add(obj):
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip() or text in seen:
        return
    seen.add(text)
    rid = str(obj.get("id") or "report%d" % len(sources))
    rest = "".join(", %s: %s" % (json.dumps(k), json.dumps(v, ensure_ascii=False))
                   for k, v in obj.items() if k not in ("id", "text"))
    body = ', "text": %s%s}\n' % (json.dumps(text, ensure_ascii=False), rest)
    sources.append((rid, body.encode("utf-8"), text.encode("utf-8") + b"\n"))

with open(os.path.join(shared, "eval", "dev", "reports.jsonl"), encoding="utf-8") as f:
    for line in f:
        if line.strip():
            add(json.loads(line))
for path in sorted(glob.glob(os.path.join(shared, "corpus", "seeds", "*.txt"))):
    raw = open(path, "rb").read()
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            pass
    else:
        print("bench: skipping %s: not UTF-8, GB18030 or Big5" % path, file=sys.stderr)
        continue
    add({"id": os.path.splitext(os.path.basename(path))[0], "text": text})
if not sources:
    sys.exit("bench: no reports to replicate")

written = n = 0
tf = open(text_out + ".tmp", "wb") if text_out else None
with open(out + ".tmp", "wb") as f:
    while written < target:
        rid, body, text = sources[n % len(sources)]
        line = b'{"id": ' + json.dumps("%s-b%07d" % (rid, n)).encode() + body
        f.write(line)
        if tf:
            tf.write(text)
        written += len(line)
        n += 1
if tf:
    tf.close()
    os.replace(text_out + ".tmp", text_out)
os.replace(out + ".tmp", out)
print("bench: wrote %s: %d reports from %d distinct, %.1f MB" % (out, n, len(sources), written / 1e6),
      file=sys.stderr)
EOF
	echo "$want" >"$stamp"
}

BIG="$OUT/corpus-${BIG_MB}mb.jsonl"
SMALL="$OUT/corpus-${SMALL_MB}mb.jsonl"
TEXT="$OUT/corpus-${BIG_MB}mb.txt"
make_corpus "$BIG_MB" "$BIG" "$TEXT"
make_corpus "$SMALL_MB" "$SMALL"

RES="$OUT/results.txt"
: >"$RES"

# median() reads key=value lines and prints the one with the median seconds.
median() {
	awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^seconds=/) { split($i, a, "="); print a[2], $0 } }' |
		sort -n | awk -v k=$(((RUNS + 1) / 2)) 'NR == k { $1 = ""; sub(/^ /, ""); print }'
}

# bench_mode LABEL MODE CORPUS: RUNS runs of build/bench, the median kept.
bench_mode() {
	tmp="$OUT/.runs"
	: >"$tmp"
	i=0
	while [ $i -lt "$RUNS" ]; do
		"$BUILD/bench" "$2" "$3" >>"$tmp" || die "'$BUILD/bench $2 $3' failed"
		i=$((i + 1))
	done
	echo "label=$1 $(median <"$tmp")" >>"$RES"
	echo "bench: $1 done" >&2
}

# opencc has no throughput report of its own: wall time by date arithmetic,
# peak RSS from /usr/bin/time when it is there. Reports are the same as ours.
bench_opencc() { # LABEL TEXTFILE REPORTS
	tmp="$OUT/.runs"
	: >"$tmp"
	bytes=$(wc -c <"$2")
	i=0
	while [ $i -lt "$RUNS" ]; do
		t0=$(date +%s.%N)
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -f "%M %U %S" -o "$OUT/.rss" opencc -c t2s.json -i "$2" -o /dev/null ||
				die "opencc failed"
			rss=$(tail -n 1 "$OUT/.rss" | awk '{ print $1 }')
			cpu=$(tail -n 1 "$OUT/.rss" | awk '{ print $2 + $3 }')
		else
			opencc -c t2s.json -i "$2" -o /dev/null || die "opencc failed"
			rss=-1024
			cpu=-1
		fi
		t1=$(date +%s.%N)
		awk -v t0="$t0" -v t1="$t1" -v b="$bytes" -v n="$3" -v rss="$rss" -v cpu="$cpu" 'BEGIN {
			s = t1 - t0; mb = b / 1e6
			printf "mode=opencc mb=%.2f seconds=%.3f cpu_s=%.2f mb_s=%.1f reports=%d reports_s=%.0f rss_mib=%.1f text_mb=%.2f text_mb_s=%.1f events=0 setup_s=0\n",
				mb, s, cpu, mb / s, n, n / s, rss / 1024, mb, mb / s }' >>"$tmp"
		i=$((i + 1))
	done
	echo "label=$1 $(median <"$tmp")" >>"$RES"
	echo "bench: $1 done" >&2
}

bench_mode "read+normalise:${BIG_MB}" read "$BIG"
bench_mode "read+normalise:${SMALL_MB}" read "$SMALL"
bench_mode "extract:${BIG_MB}" extract "$BIG"
bench_mode "extract:${SMALL_MB}" extract "$SMALL"
bench_mode "fold:${BIG_MB}" fold "$BIG"
nrep=$(awk -v l="fold:${BIG_MB}" '$1 == "label=" l { for (i = 1; i <= NF; i++) if ($i ~ /^reports=/) { split($i, a, "="); print a[2] } }' "$RES")
bench_opencc "opencc-t2s:${BIG_MB}" "$TEXT" "$nrep"
rm -f "$OUT/.runs" "$OUT/.rss"

# The report. MB = 10^6 bytes. "MB/s" is over the bytes each run consumed
# (JSON Lines for read and extract, report text for fold and opencc); the
# opencc ratio compares text MB/s, the only measure the two have in common.
cpumodel=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
echo
echo "annals benchmark ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "machine: $(nproc) cores, ${cpumodel:-unknown CPU}, ${ram:-unknown} RAM, $(uname -sr)"
echo "compiler: $(cc --version | head -n 1); build: $BUILD; median of $RUNS runs; MB = 10^6 bytes"
echo "corpus: $BIG ($(wc -c <"$BIG") bytes), $SMALL ($(wc -c <"$SMALL") bytes)"
echo
awk '
function get(k,   i, a) { for (i = 1; i <= NF; i++) { split($i, a, "="); if (a[1] == k) return a[2] } return "" }
{
	split(get("label"), l, ":")
	name[NR] = l[1]; size[NR] = l[2]; mb[NR] = get("mb"); s[NR] = get("seconds")
	cpu[NR] = get("cpu_s"); mbs[NR] = get("mb_s"); rps[NR] = get("reports_s"); rss[NR] = get("rss_mib")
	tmbs[NR] = get("text_mb_s"); if (name[NR] == "opencc-t2s") oc = tmbs[NR]
}
END {
	printf "%-16s %7s %9s %8s %7s %8s %10s %10s %9s %9s\n", "run", "corpus", "input MB", "seconds",
		"cpu s", "MB/s", "reports/s", "text MB/s", "x opencc", "RSS MiB"
	for (i = 1; i <= NR; i++) {
		ratio = (oc > 0) ? sprintf("%.2f", tmbs[i] / oc) : "n/a"
		printf "%-16s %4s MB %9.1f %8.3f %7.2f %8.1f %10.0f %10.1f %9s %9.1f\n", name[i], size[i],
			mb[i], s[i], cpu[i], mbs[i], rps[i], tmbs[i], ratio, rss[i]
	}
}' "$RES"
echo
awk -v big="$BIG_MB" -v small="$SMALL_MB" '
function get(k,   i, a) { for (i = 1; i <= NF; i++) { split($i, a, "="); if (a[1] == k) return a[2] } return "" }
{ split(get("label"), l, ":"); rss[l[1] ":" l[2]] = get("rss_mib"); mbs[l[1] ":" l[2]] = get("mb_s")
  stage[l[1] ":" l[2]] = (l[1] == "extract") ? get("extract_only_mb_s") : get("normalise_mb_s") }
END {
	for (m = 1; m <= 2; m++) {
		k = (m == 1) ? "read+normalise" : "extract"
		a = rss[k ":" small]; b = rss[k ":" big]
		printf "RSS %-15s %s MB -> %s MB: %.1f -> %.1f MiB (%s)\n", k, small, big, a, b,
			(b <= a * 1.10 + 1) ? "flat" : "GROWS"
	}
	# mawk reads ">" in a printf list as a redirection, even in parentheses
	# the targets are for the stages themselves: normalisation (annals_doc_new) and
	# extraction (annals_extract), each timed apart from the JSON reader; MB/s of text
	n = stage["read+normalise:" big]; e = stage["extract:" big]
	nv = "not met"; if (n + 0 >= 150) nv = "met"
	ev = "not met"; if (e + 0 >= 30) ev = "met"
	printf "stage normalise alone (text MB/s): %.1f, target >= 150 (%s)\n", n, nv
	printf "stage extract alone   (text MB/s): %.1f, target >=  30 (%s)\n", e, ev
	printf "end to end, JSON Lines in: read+normalise %.1f MB/s, read+normalise+extract %.1f MB/s\n", \
		mbs["read+normalise:" big], mbs["extract:" big]
}' "$RES"
echo "raw results: $RES"
