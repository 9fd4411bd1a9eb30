#!/usr/bin/env bash
# National-scale build benchmark for Cakupan.
#
# Generates the synthetic national site (514 kabupaten/kota x 8 metrics x 10
# years, ~600-word narrative per region) with examples/gen_national.rs, then
# times `cakupan build` with /usr/bin/time -v: 1 warm-up + $RUNS measured runs.
# Prints each run plus the MEDIAN wall-clock seconds and MEDIAN peak RSS, the
# page count and the output size.
#
# Usage:  bench/national.sh
# Env:    RUNS=5                  measured runs (after one warm-up)
#         BENCH_DIR=<dir>         site directory (default: <target>/bench-national)
#         CAKUPAN_BIN=<path>      binary to time (default: <target>/release/cakupan)
#         SKIP_BUILD=1            do not run cargo build
#         REBUILD=1               keep the previous output between runs (rebuild case)
#         CARGO_TARGET_DIR        honoured for locating binaries
#
# Requires GNU time at /usr/bin/time (Debian/Ubuntu package `time`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
RUNS="${RUNS:-5}"
SITE="${BENCH_DIR:-$TARGET_DIR/bench-national}"
BIN="${CAKUPAN_BIN:-$TARGET_DIR/release/cakupan}"
GEN="$TARGET_DIR/release/examples/gen_national"
TIME=/usr/bin/time

die() { echo "national.sh: $*" >&2; exit 1; }

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ -x "$TIME" ]] && "$TIME" -v true >/dev/null 2>&1 \
  || die "GNU time not found at $TIME; install it with: apt-get install time"

# --- build ------------------------------------------------------------------
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "==> cargo build --release (cakupan + gen_national)"
  (cd "$ROOT" && cargo build --release --quiet && cargo build --release --quiet --example gen_national)
fi
[[ -x "$GEN" ]] || die "generator not found: $GEN (run without SKIP_BUILD=1)"
[[ -x "$BIN" ]] || command -v "$BIN" >/dev/null || die "cakupan binary not found: $BIN"

# --- generate ---------------------------------------------------------------
# Only wipe a directory that is empty or that we generated before.
if [[ -e "$SITE" ]]; then
  if [[ -f "$SITE/site.toml" && -d "$SITE/data/observations" ]] || [[ -z "$(ls -A "$SITE")" ]]; then
    rm -rf "$SITE"
  else
    die "$SITE exists and does not look like a generated bench site; refusing to delete it"
  fi
fi
echo "==> generating national site into $SITE"
"$GEN" "$SITE"
printf '    input: %s files, %s bytes, %s observation rows, %s regions\n' \
  "$(find "$SITE" -type f | wc -l)" \
  "$(find "$SITE" -type f -printf '%s\n' | awk '{s+=$1} END{print s+0}')" \
  "$(cat "$SITE"/data/observations/*.csv | grep -vc '^region,')" \
  "$(($(wc -l <"$SITE/data/regions.csv") - 1))"

# --- measure ----------------------------------------------------------------
LOGDIR="$(mktemp -d "${TMPDIR:-/tmp}/cakupan-bench.XXXXXX")"
trap 'rm -rf "$LOGDIR"' EXIT

# parse_time <file>: prints "wall_seconds rss_kb user_s sys_s" from `time -v` output.
parse_time() {
  awk -F': ' '
    /Elapsed \(wall clock\) time/ {
      n = split($NF, p, ":")            # h:mm:ss or m:ss.ss
      wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2]
    }
    /Maximum resident set size/ { rss = $NF }
    /^[ \t]*User time \(seconds\)/   { usr = $NF }
    /^[ \t]*System time \(seconds\)/ { sys = $NF }
    END {
      if (wall == "" || rss == "") exit 1
      printf "%.2f %d %.2f %.2f\n", wall, rss, usr, sys
    }' "$1"
}

# median: reads numbers on stdin, prints the median (mean of the middle two if even).
median() {
  sort -g | awk '{v[NR] = $1} END {
    if (NR == 0) exit 1
    if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]
    else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

run_once() { # run_once <label>; appends "wall rss_kb user sys" to $LOGDIR/results unless warm-up
  local label="$1" tf="$LOGDIR/time.$1" of="$LOGDIR/out.$1"
  # Default: every run starts from an empty output (a CI build). REBUILD=1 keeps the previous
  # output, as when staff rebuild after editing data (unchanged files are then hard-linked).
  [[ "${REBUILD:-0}" == 1 ]] || rm -rf "$SITE/public"
  if ! "$TIME" -v -o "$tf" "$BIN" build --site "$SITE" --out "$SITE/public" >"$of" 2>&1; then
    echo "run $label: command failed: $BIN build --site $SITE --out $SITE/public" >&2
    echo "--- output (last 30 lines) ---" >&2; tail -n 30 "$of" >&2
    echo "--- time -v ---" >&2; cat "$tf" >&2
    exit 1
  fi
  local r wall rss usr sys
  r="$(parse_time "$tf")" || die "could not parse /usr/bin/time output in $tf"
  read -r wall rss usr sys <<<"$r"
  printf '    %-8s wall %7.2f s   peak RSS %9.1f MB   user %7.2f s   sys %6.2f s\n' \
    "$label" "$wall" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$usr" "$sys"
  [[ "$label" == warmup ]] || echo "$r" >>"$LOGDIR/results"
}

echo "==> timing: $BIN build --site $SITE --out $SITE/public  (1 warm-up + $RUNS runs)"
echo "    host: $(uname -srm), $(nproc) CPUs; $(rustc --version 2>/dev/null || echo 'rustc ?')"
run_once warmup
for i in $(seq 1 "$RUNS"); do run_once "run$i"; done

MED_WALL="$(awk '{print $1}' "$LOGDIR/results" | median)"
MED_RSS_MB="$(awk '{print $2 / 1024}' "$LOGDIR/results" | median)"

# --- output stats (from the last run) ---------------------------------------
PUB="$SITE/public"
PAGES="$( [[ -d "$PUB" ]] && find "$PUB" -name index.html | wc -l || echo 0)"
OUT_FILES="$( [[ -d "$PUB" ]] && find "$PUB" -type f | wc -l || echo 0)"
OUT_BYTES="$( [[ -d "$PUB" ]] && find "$PUB" -type f -printf '%s\n' | awk '{s+=$1} END{print s+0}' || echo 0)"

echo "==> summary ($RUNS runs)"
printf '    median wall time : %s s\n' "$MED_WALL"
printf '    median peak RSS  : %s MB (MiB, kbytes/1024)\n' "$MED_RSS_MB"
printf '    pages (index.html): %s\n' "$PAGES"
printf '    output           : %s files, %s bytes (%s)\n' "$OUT_FILES" "$OUT_BYTES" \
  "$( [[ -d "$PUB" ]] && du -sh "$PUB" | cut -f1 || echo 0)"
[[ "$PAGES" -gt 0 ]] || echo "    WARNING: no index.html pages were produced" >&2
# One machine-readable line for CI logs / comparisons.
echo "RESULT median_wall_s=$MED_WALL median_rss_mb=$MED_RSS_MB pages=$PAGES out_files=$OUT_FILES out_bytes=$OUT_BYTES runs=$RUNS"
