#!/usr/bin/env bash
# Scale curve of Cakupan: the national site at 41k, 100k, 300k and 1M figures.
#
# For each edition, generates the site with examples/gen_national.rs, then times
# `cakupan build` with /usr/bin/time -v: 1 warm-up + $RUNS runs, each into an emptied
# output folder (the deletion is not timed), and prints the median wall time and peak RSS,
# one extra run with CAKUPAN_TIMINGS=1 for the stage timings and, with STRACE=1, one run
# under `strace -c -f` for the syscall counts. Ends with a markdown table.
#
# Usage:  bench/scale.sh                    # all four editions
#         EDITIONS="41k 300k" bench/scale.sh
# Env:    RUNS=3                 measured runs per edition (after one warm-up)
#         BASE=/dev/shm/cakupan-scale   where sites are generated and built (tmpfs by default)
#         CAKUPAN_BIN=<path>     binary to time (default: <target>/release/cakupan)
#         SKIP_BUILD=1           do not run cargo build
#         SKIP_GEN=1             reuse sites generated before under $BASE
#         STRACE=1               also count syscalls (needs strace)
#
# Requires GNU time at /usr/bin/time (Debian/Ubuntu package `time`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
RUNS="${RUNS:-3}"
BASE="${BASE:-/dev/shm/cakupan-scale}"
BIN="${CAKUPAN_BIN:-$TARGET_DIR/release/cakupan}"
GEN="$TARGET_DIR/release/examples/gen_national"
EDITIONS="${EDITIONS:-41k 100k 300k 1m}"
TIME=/usr/bin/time

die() { echo "scale.sh: $*" >&2; exit 1; }

# Generator options of each edition (see examples/gen_national.rs).
gen_args() {
  case "$1" in
    41k) echo "" ;;
    100k) echo "--monthly-metrics 1" ;;
    300k) echo "--monthly" ;;
    1m) echo "--monthly-metrics 8 --months-from 2006" ;;
    *) die "unknown edition $1 (41k, 100k, 300k, 1m)" ;;
  esac
}

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive integer (got '$RUNS')"
[[ -x "$TIME" ]] || die "GNU time not found at $TIME; install it with: apt-get install time"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "==> cargo build --release (cakupan + gen_national)"
  (cd "$ROOT" && cargo build --release --quiet && cargo build --release --quiet --example gen_national)
fi
[[ -x "$BIN" ]] || die "cakupan binary not found: $BIN"

LOG="$(mktemp -d "${TMPDIR:-/tmp}/cakupan-scale.XXXXXX")"
trap 'rm -rf "$LOG"' EXIT

# parse_time <file>: "wall_seconds rss_kb user_s sys_s" from `time -v` output.
parse_time() {
  awk -F': ' '
    /Elapsed \(wall clock\) time/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2] }
    /Maximum resident set size/ { rss = $NF }
    /^[ \t]*User time \(seconds\)/ { usr = $NF }
    /^[ \t]*System time \(seconds\)/ { sys = $NF }
    END { if (wall == "" || rss == "") exit 1; printf "%.3f %d %.2f %.2f\n", wall, rss, usr, sys }' "$1"
}
median() {
  sort -g | awk '{v[NR] = $1} END { if (NR == 0) exit 1
    if (NR % 2) printf "%.2f\n", v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

TABLE="$LOG/table"
for ed in $EDITIONS; do
  site="$BASE/$ed"
  if [[ "${SKIP_GEN:-0}" != 1 || ! -f "$site/site.toml" ]]; then
    [[ -x "$GEN" ]] || die "generator not found: $GEN"
    if [[ -e "$site" ]]; then
      [[ -f "$site/site.toml" && -d "$site/data/observations" ]] || die "$site is not a generated site; refusing to delete it"
      rm -rf "$site"
    fi
    mkdir -p "$BASE"
    # shellcheck disable=SC2046
    "$GEN" $(gen_args "$ed") "$site" 2>"$LOG/gen.$ed" || { cat "$LOG/gen.$ed" >&2; die "generator failed"; }
  fi
  figures="$(cat "$site"/data/observations/*.csv | grep -vc '^region,')"
  csv_mb="$(du -cm "$site"/data/observations/*.csv | tail -1 | cut -f1)"
  echo "==> $ed: $figures figures ($csv_mb MB of CSV) in $site"
  : >"$LOG/res.$ed"
  for i in $(seq 0 "$RUNS"); do
    rm -rf "$site/public"
    "$TIME" -v -o "$LOG/time" "$BIN" build --site "$site" --out "$site/public" >"$LOG/out" 2>&1 \
      || { tail -n 20 "$LOG/out" >&2; die "build of $ed failed"; }
    r="$(parse_time "$LOG/time")" || die "cannot parse $LOG/time"
    read -r wall rss usr sys <<<"$r"
    label=$([[ $i == 0 ]] && echo warmup || echo "run$i")
    printf '    %-7s wall %6.2f s  peak %7.1f MB  user %5.2f s  sys %5.2f s\n' \
      "$label" "$wall" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$usr" "$sys"
    [[ $i == 0 ]] || echo "$r" >>"$LOG/res.$ed"
  done
  wall="$(awk '{print $1}' "$LOG/res.$ed" | median)"
  rss="$(awk '{print $2 / 1024}' "$LOG/res.$ed" | median)"
  usr="$(awk '{print $3}' "$LOG/res.$ed" | median)"
  sys="$(awk '{print $4}' "$LOG/res.$ed" | median)"
  rm -rf "$site/public"
  stages="$(CAKUPAN_TIMINGS=1 "$BIN" build --site "$site" --out "$site/public" 2>&1 >/dev/null \
    | awk '/^ *(load|compute|render|write): /{gsub(/ +/, " "); sub(/^ /, ""); printf "%s%s", sep, $0; sep=", "}')"
  echo "    stages: $stages"
  sys_calls=""
  if [[ "${STRACE:-0}" == 1 ]]; then
    rm -rf "$site/public"
    strace -c -f -o "$LOG/strace.$ed" "$BIN" build --site "$site" --out "$site/public" >/dev/null 2>&1
    sys_calls="$(awk '$NF == "total" {print $4}' "$LOG/strace.$ed")"
    echo "    syscalls: $sys_calls; most frequent:"
    awk 'NR > 2 && $1 ~ /^[0-9.]+$/ && $NF != "total" {print}' "$LOG/strace.$ed" \
      | sort -k4,4 -g -r | head -8 | sed 's/^/      /'
  fi
  echo "| $ed | $figures | $csv_mb MB | $wall s | $usr s | $sys s | $rss MB | $stages | $sys_calls |" >>"$TABLE"
done

echo
echo "(medians of $RUNS runs; stages from one more run)"
echo "| edition | figures | CSV | wall | user | sys | peak RSS | stages (one run) | syscalls |"
echo "|---|---:|---:|---:|---:|---:|---:|---|---:|"

cat "$TABLE"
