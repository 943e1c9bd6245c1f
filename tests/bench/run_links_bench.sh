#!/bin/sh
# Link-check benchmark: bicite vs npm linkinator (and Debian linkchecker when installed), same run,
# same URLs, concurrency 100, no per-host cap, all against hostile_web.py on 127.0.0.1.
#   (a) throughput: 2,000 URLs of the plain `ok` case at 50 ms latency (floor: 2000*0.05/100 = 1 s)
#   (b) the whole catalogue: `--gen 2000` (every bad behaviour mixed in), 10 s per-request deadline
#
# usage: tests/bench/run_links_bench.sh [BUILD_DIR]      (a Release build, e.g. build after cmake --preset default)
# env:   LINKINATOR=/tmp/peer-linkinator/node_modules/.bin/linkinator  (cd /tmp/peer-linkinator && npm install linkinator)
#        LINKCHECKER=linkchecker (apt-get install linkchecker; set LINKCHECKER= to skip it)  N=2000
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
BUILD=${1:-/tmp/build-links-rel}
SHARED=${BICITE_SHARED_DIR:-$HERE/../../../shared}
HW="$SHARED/tools/hostile_web.py"
BENCH="$BUILD/tests/bench/bench_links"
[ -x "$BENCH" ] || BENCH="$BUILD/tests/bench/bench_links_bench"  # builds made before the _bench suffix was dropped
LINKINATOR=${LINKINATOR:-/tmp/peer-linkinator/node_modules/.bin/linkinator}
LINKCHECKER=${LINKCHECKER-linkchecker}
N=${N:-2000}
WORK=$(mktemp -d /tmp/links-bench.XXXXXX)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
TLS=$(free_port)
python3 "$HW" "$PORT" --latency-ms 50 --tls-port "$TLS" >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
for _ in $(seq 1 100); do python3 -c "import socket; socket.create_connection(('127.0.0.1',$PORT),1)" 2>/dev/null && break; sleep 0.1; done
reset() { python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/__reset').read()"; }

# an HTML page linking every URL, for linkinator and linkchecker (they check the links of a page)
page() { python3 - "$1" "$2" <<'EOF'
import json, sys, html
rows = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as f:
    f.write("<!DOCTYPE html><html><head><title>links</title></head><body>\n")
    for r in rows:
        f.write('<a href="%s">x</a>\n' % html.escape(r["url"], quote=True))
    f.write("</body></html>\n")
EOF
}

# score a peer's output against the catalogue: verdict from status code / error text
score() { python3 - "$@" <<'EOF'
import csv, json, sys
tool, rows_file, out_file, wall, rss = sys.argv[1:6]
rows = json.load(open(rows_file))
def from_status(code, err=""):
    e = (err or "").lower()
    if code and 200 <= code < 300: return "ok"
    if code in (404, 410): return "broken"
    if code in (401, 403, 451, 999): return "blocked"
    if code == 429: return "rate_limited"
    if code and code >= 500: return "server_error"
    if code and 300 <= code < 400: return "redirected"
    if code and 400 <= code < 500: return "broken"
    if "timeout" in e or "timed out" in e: return "timeout"  # requests' "Connection aborted." is a reset
    if "invalid" in e or "unsupported" in e or "url" in e and "parse" in e: return "invalid"
    return "unreachable"
got = {}
if tool == "linkinator":
    data = json.load(open(out_file))
    for l in data.get("links", []):
        details = json.dumps(l.get("failureDetails", ""))
        st = l.get("status") or 0
        v = from_status(st, details)
        if l.get("state") == "SKIPPED": v = "invalid"
        got[l["url"]] = v
else:  # linkchecker csv
    lines = [ln for ln in open(out_file, encoding="utf-8", errors="replace") if not ln.startswith("#")]
    for rec in csv.DictReader(lines, delimiter=";"):
        res = rec.get("result") or ""
        code = int(res.split()[0]) if res[:3].isdigit() else 0
        v = from_status(code, res) if rec.get("valid") != "True" or code else "ok"
        if rec.get("valid") == "True" and not code: v = "ok"
        if v == "ok" and "Redirected to" in (rec.get("infostring") or ""): v = "redirected"
        got[rec.get("urlname") or ""] = v
ideal = acc = 0
wrong = {}
for r in rows:
    # a URL the checker left out of its output was never requested: counted as invalid (generous:
    # right for the bad_scheme case, wrong elsewhere)
    v = got.get(r["url"], "invalid")
    ok = v == r["expected"]
    ideal += ok
    ok = ok or v in r["acceptable"]
    acc += ok
    if not ok:
        k = r["case"] + " -> " + v
        wrong[k] = wrong.get(k, 0) + 1
print(json.dumps({"tool": tool, "urls": len(rows), "wall_s": float(wall), "peak_rss_mb": int(rss) / 1024,
                  "ideal": ideal, "acceptable": acc, "wrong": wrong}))
EOF
}

run_bicite() {  # rows.json timeout
  reset
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$BENCH" "$1" --concurrency 100 --per-host 0 --timeout "$2" --out "$WORK/bicite.json" >"$WORK/bicite.line"
  python3 -c "import json,sys; d=json.load(open('$WORK/bicite.line')); t=open('$WORK/time').read().split(); d['process_wall_s']=float(t[0]); d['process_peak_rss_mb']=int(t[1])/1024; print(json.dumps(d))"
}

run_linkinator() {  # rows.json timeout
  [ -x "$LINKINATOR" ] || { echo '{"tool":"linkinator","skipped":"not installed"}'; return; }
  reset
  page "$1" "$WORK/page.html"
  # linkinator's defaults plus the deadline: with --retry it waits out "Retry-After: 3600" (an hour)
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$LINKINATOR" "$WORK/page.html" --concurrency 100 --timeout "$(($2 * 1000))" \
    --format json >"$WORK/linkinator.json" 2>/dev/null || true
  set -- "$1" $(cat "$WORK/time" | tail -1)
  score linkinator "$1" "$WORK/linkinator.json" "$2" "$3"
}

run_linkchecker() {  # rows.json timeout
  command -v "$LINKCHECKER" >/dev/null 2>&1 || { echo '{"tool":"linkchecker","skipped":"not installed"}'; return; }
  reset
  page "$1" "$WORK/page.html"
  /usr/bin/time -f '%e %M' -o "$WORK/time" "$LINKCHECKER" -v --check-extern --no-robots -t 100 --timeout "$2" -o csv \
    --no-status "$WORK/page.html" >"$WORK/linkchecker.csv" 2>/dev/null || true
  set -- "$1" $(cat "$WORK/time" | tail -1)
  score linkchecker "$1" "$WORK/linkchecker.csv" "$2" "$3"
}

echo "# (a) throughput: $N x ok at 50 ms latency, concurrency 100 (floor $(python3 -c "print($N*0.05/100)") s)"
python3 "$HW" "$PORT" --gen-json "$N" --cases ok >"$WORK/a.json"
run_bicite "$WORK/a.json" 10
run_linkinator "$WORK/a.json" 10
echo "# (b) catalogue: --gen $N (all cases, TLS included), 10 s deadline"
python3 "$HW" "$PORT" --gen-json "$N" --tls-port "$TLS" >"$WORK/b.json"
run_bicite "$WORK/b.json" 10
run_linkinator "$WORK/b.json" 10
if [ -n "$LINKCHECKER" ]; then run_linkchecker "$WORK/b.json" 10; fi
