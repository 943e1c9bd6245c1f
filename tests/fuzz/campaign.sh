#!/bin/sh
# A fuzz campaign measured in CPU time, not wall time: each target runs (at nice 19, so it only
# takes idle cycles) until its process has used CPU_SECONDS of CPU, then stops with SIGINT.
# One line per finished campaign is appended to tests/fuzz/campaigns.tsv (the README's figures).
# Usage: tests/fuzz/campaign.sh CPU_SECONDS target…   (build first: cmake --build --preset fuzz)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BICITE_FUZZ_BUILD:-$root/build-fuzz}
budget=$1; shift
ticks=$(getconf CLK_TCK)
cpu_seconds() { awk -v t="$ticks" '{ print int(($14 + $15) / t) }' "/proc/$1/stat" 2>/dev/null || echo 0; }
for t in "$@"; do
  log="$build/campaign-$t.log"
  commit=$(git -C "$root" rev-parse --short HEAD)
  # run_fuzz.sh prepares the corpus and dictionary; a huge wall budget, the CPU watch below stops it.
  BICITE_FUZZ_LOG="$log" nice -n 19 "$here/run_fuzz.sh" 1000000 "$t" >/dev/null 2>&1 &
  runner=$!
  pid=
  while [ -z "$pid" ] && kill -0 "$runner" 2>/dev/null; do
    sleep 2; pid=$(pgrep -f "^$build/tests/fuzz/fuzz_$t " | head -1 || true)
  done
  used=0
  while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
    used=$(cpu_seconds "$pid")
    [ "$used" -ge "$budget" ] && { kill -INT "$pid"; break; }
    sleep 5
  done
  wait "$runner" || true
  execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  crashes=$(ls "$here/regressions/$t" | grep -c -E '^(crash|leak|timeout|oom|slow-unit)-' || true)
  corpus=$(ls "$build/fuzz-corpus/$t" | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$commit" "$t" \
    "$used" "${execs:-0}" "$corpus" "$crashes" >> "$here/campaigns.tsv"
done
