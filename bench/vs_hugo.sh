#!/usr/bin/env bash
# Cakupan against Hugo on the same 1.000-page markdown corpus (bench/gen_corpus.py), on disk
# and on tmpfs, with and without deleting the previous output inside the timed command.
#
# The two builds alternate (Cakupan, Hugo, Cakupan, ...) so drift of a shared machine hits
# both; each case prints the median wall, user and system seconds, peak RSS and the ratio of
# the medians (Hugo / Cakupan). One warm-up run of each is not counted.
#
# Usage:  bench/vs_hugo.sh
# Env:    RUNS=5                   counted runs per command and case
#         PAGES=1000               pages in the corpus
#         DISK_DIR=<dir>           corpus on disk (default: <target>/bench-corpus)
#         TMPFS_DIR=<dir>          corpus on tmpfs (default: /dev/shm/cakupan-corpus)
#         CAKUPAN_BIN=<path>       default: <target>/release/cakupan (built unless SKIP_BUILD=1)
#         HUGO=<path>              default: hugo on PATH (Debian: apt-get install hugo)
#         BASE_BIN=<path>          a second Cakupan binary (an older build) timed in the same
#                                  runs, alternating with the others, into an output of its own
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
RUNS="${RUNS:-5}"
PAGES="${PAGES:-1000}"
BIN="${CAKUPAN_BIN:-$TARGET_DIR/release/cakupan}"
HUGO="${HUGO:-hugo}"
DISK_DIR="${DISK_DIR:-$TARGET_DIR/bench-corpus}"
TMPFS_DIR="${TMPFS_DIR:-/dev/shm/cakupan-corpus}"
TIME=/usr/bin/time

die() { echo "vs_hugo.sh: $*" >&2; exit 1; }
[[ -x "$TIME" ]] || die "GNU time not found at $TIME (apt-get install time)"
command -v "$HUGO" >/dev/null || die "hugo not found (apt-get install hugo)"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  (cd "$ROOT" && cargo build --release --quiet)
fi
[[ -x "$BIN" ]] || die "cakupan binary not found: $BIN"
BASE_BIN="${BASE_BIN:-}"
[[ -z "$BASE_BIN" || -x "$BASE_BIN" ]] || die "base binary not found: $BASE_BIN"

LOG="$(mktemp -d "${TMPDIR:-/tmp}/cakupan-vs-hugo.XXXXXX")"
trap 'rm -rf "$LOG"' EXIT

median() {
  sort -g | awk '{v[NR] = $1} END { if (NR == 0) exit 1
    if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed <results file> <command...>: appends "wall rss_kb user sys".
timed() {
  local out="$1"; shift
  "$TIME" -f "%e %M %U %S" -o "$LOG/t" "$@" >/dev/null 2>"$LOG/err" \
    || { cat "$LOG/err" >&2; die "failed: $*"; }
  cat "$LOG/t" >>"$out"
}

summary() { # summary <file>: "wall user sys rss_mb" medians
  printf '%s %s %s %s\n' "$(awk '{print $1}' "$1" | median)" "$(awk '{print $3}' "$1" | median)" \
    "$(awk '{print $4}' "$1" | median)" "$(awk '{print $2 / 1024}' "$1" | median)"
}

echo "| output on | case | Cakupan wall | Hugo wall | Hugo / Cakupan | Cakupan user+sys | Hugo user+sys | Cakupan peak | Hugo peak |" >"$LOG/table"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|" >>"$LOG/table"
for place in disk tmpfs; do
  dir=$([[ $place == disk ]] && echo "$DISK_DIR" || echo "$TMPFS_DIR")
  mkdir -p "$dir"
  python3 "$ROOT/bench/gen_corpus.py" "$dir" --pages "$PAGES" --cakupan "$BIN" >/dev/null
  c_site="$dir/cakupan" h_site="$dir/hugo" c_out="$dir/cakupan-public" h_out="$dir/hugo-public"
  # The base binary's output (and so its .cakupan-cache) in a folder of its own.
  b_out="$dir/base/public"
  for case in rebuild delete; do
    : >"$LOG/c" ; : >"$LOG/h" ; : >"$LOG/b"
    for i in $(seq 0 "$RUNS"); do
      if [[ $case == rebuild ]]; then
        c=("$BIN" build --site "$c_site" --out "$c_out")
        b=("${BASE_BIN:-true}" build --site "$c_site" --out "$b_out")
        h=("$HUGO" --quiet -s "$h_site" -d "$h_out")
      else
        c=(sh -c 'rm -rf "$1" && exec "$2" build --site "$3" --out "$1"' - "$c_out" "$BIN" "$c_site")
        b=(sh -c 'rm -rf "$1" && exec "$2" build --site "$3" --out "$1"' - "$b_out" "${BASE_BIN:-true}" "$c_site")
        h=(sh -c 'rm -rf "$1" && exec "$2" --quiet -s "$3" -d "$1"' - "$h_out" "$HUGO" "$h_site")
      fi
      if [[ $i == 0 ]]; then # warm-up, and an output to rebuild into
        "${c[@]}" >/dev/null 2>&1; "${h[@]}" >/dev/null 2>&1
        [[ -z "$BASE_BIN" ]] || { mkdir -p "$(dirname "$b_out")"; "${b[@]}" >/dev/null 2>&1; }
        continue
      fi
      timed "$LOG/c" "${c[@]}"
      [[ -z "$BASE_BIN" ]] || timed "$LOG/b" "${b[@]}"
      timed "$LOG/h" "${h[@]}"
    done
    read -r cw cu cs cr <<<"$(summary "$LOG/c")"
    read -r hw hu hs hr <<<"$(summary "$LOG/h")"
    ratio="$(awk -v a="$hw" -v b="$cw" 'BEGIN{printf "%.1f", a / b}')"
    printf '%-6s %-8s cakupan %6.3f s (user %s sys %s, %s MB)  hugo %6.3f s (user %s sys %s, %s MB)  hugo/cakupan %s\n' \
      "$place" "$case" "$cw" "$cu" "$cs" "$cr" "$hw" "$hu" "$hs" "$hr" "$ratio"
    if [[ -n "$BASE_BIN" ]]; then
      read -r bw bu bs br <<<"$(summary "$LOG/b")"
      printf '%-6s %-8s base    %6.3f s (user %s sys %s, %s MB)  hugo/base %s\n' "$place" "$case" \
        "$bw" "$bu" "$bs" "$br" "$(awk -v a="$hw" -v b="$bw" 'BEGIN{printf "%.1f", a / b}')"
      echo "| $place | $case, base binary | $bw s | $hw s | $(awk -v a="$hw" -v b="$bw" 'BEGIN{printf "%.1f", a / b}') | $(awk -v a="$bu" -v b="$bs" 'BEGIN{print a+b}') s | $(awk -v a="$hu" -v b="$hs" 'BEGIN{print a+b}') s | $br MB | $hr MB |" >>"$LOG/table"
    fi
    echo "| $place | $([[ $case == rebuild ]] && echo 'rebuild into the previous output' || echo 'rm -rf output + build') | $cw s | $hw s | $ratio | $(awk -v a="$cu" -v b="$cs" 'BEGIN{print a+b}') s | $(awk -v a="$hu" -v b="$hs" 'BEGIN{print a+b}') s | $cr MB | $hr MB |" >>"$LOG/table"
  done
done
echo
echo "($RUNS runs each, medians; $PAGES pages; $(nproc) CPUs)"
cat "$LOG/table"
