#!/bin/sh
# Runs every libFuzzer target (or those named) for SECONDS each, seeded from ../shared and the
# committed regressions, with the dictionary for its format. New findings land in
# tests/fuzz/regressions/<target>/ (crash-*), where ctest replays them from then on.
# Usage: tests/fuzz/run_fuzz.sh SECONDS [target…]   (build first: cmake --preset fuzz && cmake --build --preset fuzz)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=$(cd "$root/../shared" && pwd)
build=${BICITE_FUZZ_BUILD:-$root/build-fuzz}
seconds=${1:-60}; shift || true
targets=${*:-$(ls "$build/tests/fuzz" | sed -n 's/^fuzz_//p')}
for t in $targets; do
  case $t in
    parse_*|dates|names|venues|text|translit) dict=notes.dict ;;
    bibtex) dict=bibtex.dict ;; ris) dict=ris.dict ;; csl_style) dict=csl.dict ;;
    csljson) dict=json.dict ;; links_page) dict=html.dict ;; *) dict= ;;
  esac
  corpus="$build/fuzz-corpus/$t"; mkdir -p "$corpus" "$here/regressions/$t"
  seeds=$(awk -v t="$t" '$1 == t { print $2 }' "$here/seeds.txt" | while read -r p; do
    case $p in /*) echo "$p" ;; ./*) echo "$root/${p#./}" ;; *) echo "$shared/$p" ;; esac; done)
  # libFuzzer reads seed directories, not files: copy the seeds into the (build-tree) corpus.
  for s in $seeds; do
    if [ -d "$s" ]; then find "$s" -type f -exec cp -n {} "$corpus/" \; ; elif [ -f "$s" ]; then cp -n "$s" "$corpus/"; fi
  done
  echo "== $t ($seconds s)"
  "$build/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$here/regressions/$t/" ${dict:+-dict="$here/dict/$dict"} \
    "$corpus" "$here/regressions/$t" 2>&1 | tee "${BICITE_FUZZ_LOG:-/dev/null}" |
    grep -E "^#[0-9]+.*(DONE|pulse)|ERROR|SUMMARY|Done" | tail -3
done
