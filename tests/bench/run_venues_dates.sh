#!/bin/sh
# Runs bench_venues_dates (Release build) and, when installed, the peers on the same inputs:
# chrono-node (dates, English and Russian) and Fuse.js (fuzzy venue-name search over the same
# knowledge base), each on one core.
#   cmake -S . -B /tmp/build-venues-rel -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C /tmp/build-venues-rel bench_venues_dates
#   (cd /tmp/peer-venues && npm install chrono-node fuse.js)
#   sh tests/bench/run_venues_dates.sh /tmp/build-venues-rel /tmp/peer-venues
set -e
BUILD=${1:-/tmp/build-venues-rel}
PEER=${2:-/tmp/peer-venues}
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(cd "$HERE/../.." && pwd)
SHARED=${BICITE_SHARED_DIR:-$SRC/../shared}
taskset -c 0 "$BUILD/tests/bench/bench_venues_dates" "$SHARED/gold/weitz-2024.notes.jsonl" || true
if [ -d "$PEER/node_modules/chrono-node" ]; then
  NODE_PATH="$PEER/node_modules" taskset -c 0 node "$HERE/venues_dates_peer.js" "$SHARED/gold/weitz-2024.notes.jsonl" \
    "$SRC/lib/venues/data/venues.tsv"
else
  echo "peers not installed: (cd $PEER && npm install chrono-node fuse.js)"
fi
