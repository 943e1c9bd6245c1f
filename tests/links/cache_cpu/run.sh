#!/bin/bash
# CPU (user+sys, /usr/bin/time -v) of `bicite links check` on 400 local URLs (300 HTML pages of
# 30-220 KB, 50 PDFs of 1-4 MB, 50 binaries of 1 MB; python3 -m http.server), without and with --cache
# (and with --cache --no-cache-pages). Not a ctest: run by hand on a Release build.
#   tests/links/cache_cpu/run.sh /tmp/build-links-rel/examples/bicite [REPS] [WORKDIR]
set -u
B=$1; R=${2:-3}; W=${3:-/tmp/bicite-cache-cpu}; PORT=${PORT:-18931}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$W" && cd "$W" || exit 1
[ -f paths.txt ] || python3 "$HERE/gen_site.py"
(cd site && exec python3 -m http.server "$PORT" --bind 127.0.0.1 > ../server.log 2>&1) &
SERVER=$!
trap 'kill $SERVER' EXIT
for i in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
sed "s|^|http://127.0.0.1:$PORT|" paths.txt > urls.list
run() {  # label, extra args…
  local label=$1; shift
  for r in $(seq "$R"); do
    rm -f cache.jsonl
    /usr/bin/time -v "$B" links check urls.list --from urls --per-host 16 --gap-ms 0 "$@" -o out.json 2> time.txt
    local rc=$? u s
    u=$(grep "User time" time.txt | awk '{print $NF}'); s=$(grep "System time" time.txt | awk '{print $NF}')
    echo "$label rep$r rc=$rc cpu=$(echo "$u+$s" | bc) user=$u sys=$s wall=$(grep 'Elapsed (wall' time.txt | awk '{print $NF}')" \
         "cache_lines=$([ -f cache.jsonl ] && wc -l < cache.jsonl || echo 0)"
  done
}
run "no-cache"
run "cache" --cache cache.jsonl
run "cache+no-cache-pages" --cache cache.jsonl --no-cache-pages
