#!/bin/sh
# A fuzz campaign measured in CPU time, not wall time: each target runs (at nice 19, so it only
# takes idle cycles; BICITE_FUZZ_NICE changes it) until its process has used CPU_SECONDS of CPU,
# then stops with SIGINT. One line per campaign is appended to tests/fuzz/campaigns.tsv (the
# README's figures).
# libFuzzer's -timeout and slow-unit reports count wall time: a fuzzer starved by other work at
# nice 19 reports inputs that take milliseconds as timeouts. So each timeout-/slow-unit- artifact is
# run again alone; one that needs less CPU than the fuzzer's own -timeout (recheck_cpu, 10 s: what
# libFuzzer calls a timeout, counted in CPU time) is moved to
# build-fuzz/spurious/<target>/ and the fuzzer resumes (same corpus, CPU counted across the
# restarts). A crash, leak, out-of-memory or a timeout that holds up ends the target's campaign: a
# finding, left in tests/fuzz/regressions/<target>/ for ctest to replay.
# Usage: tests/fuzz/campaign.sh CPU_SECONDS target…   (build first: cmake --build --preset fuzz)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BICITE_FUZZ_BUILD:-$root/build-fuzz}
niceness=${BICITE_FUZZ_NICE:-19}
recheck_cpu=10  # run_fuzz.sh passes -timeout=10
budget=$1; shift
ticks=$(getconf CLK_TCK)
cpu_seconds() { awk -v t="$ticks" '{ print int(($14 + $15) / t) }' "/proc/$1/stat" 2>/dev/null || echo 0; }
artifacts() { ls "$here/regressions/$1" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' || true; }
for t in "$@"; do
  commit=$(git -C "$root" rev-parse --short HEAD)
  used_before=0 execs_total=0 findings=0 spurious=0
  while [ "$used_before" -lt "$budget" ]; do
    mkdir -p "$here/regressions/$t"; known=$(artifacts "$t")
    log="$build/campaign-$t.log"
    # run_fuzz.sh prepares the corpus and dictionary; a huge wall budget, the CPU watch stops it.
    BICITE_FUZZ_LOG="$log" nice -n "$niceness" "$here/run_fuzz.sh" 1000000 "$t" >/dev/null 2>&1 &
    runner=$!
    pid=
    while [ -z "$pid" ] && kill -0 "$runner" 2>/dev/null; do
      sleep 2; pid=$(pgrep -f "^$build/tests/fuzz/fuzz_$t " | head -1 || true)
    done
    used=0 stopped=
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
      now=$(cpu_seconds "$pid"); [ "$now" -gt "$used" ] && used=$now
      [ $((used_before + used)) -ge "$budget" ] && { kill -INT "$pid"; stopped=1; break; }
      sleep 5
    done
    wait "$runner" || true
    used_before=$((used_before + used))
    execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    execs_total=$((execs_total + ${execs:-0}))
    resume=
    for a in $(artifacts "$t"); do
      echo "$known" | grep -qx "$a" && continue
      case $a in
        timeout-*|slow-unit-*)
          /usr/bin/time -f '%U' -o "$build/recheck.cpu" timeout 120 "$build/tests/fuzz/fuzz_$t" "$here/regressions/$t/$a" >/dev/null 2>&1 || true
          cpu=$(tail -1 "$build/recheck.cpu")
          if awk -v c="$cpu" -v m="$recheck_cpu" 'BEGIN { exit !(c < m) }'; then
            mkdir -p "$build/spurious/$t" && mv "$here/regressions/$t/$a" "$build/spurious/$t/"
            spurious=$((spurious + 1)); resume=1
            continue
          fi ;;
      esac
      findings=$((findings + 1))
    done
    [ "$findings" -gt 0 ] && break
    [ -n "$stopped" ] && break
    [ -z "$resume" ] && break  # the fuzzer ended on its own (killed, or a build replaced it)
  done
  corpus=$(ls "$build/fuzz-corpus/$t" | wc -l)
  note=
  [ "$findings" -gt 0 ] && note="stopped by a finding (tests/fuzz/regressions/$t)"
  [ "$spurious" -gt 0 ] && note="${note:+$note; }$spurious wall-clock timeout(s) under load rechecked (< ${recheck_cpu} s CPU alone) and discarded"
  [ "$findings" -eq 0 ] && [ "$used_before" -lt "$budget" ] && note="${note:+$note; }partial: stopped before its budget"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%F)" "$commit" "$t" \
    "$used_before" "$execs_total" "$corpus" "$findings" "$note" >> "$here/campaigns.tsv"
done
