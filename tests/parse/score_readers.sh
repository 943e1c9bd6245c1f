#!/bin/sh
# Scores the field readers (rules, model, hybrid: `bicite convert --parser`) on the project's documents,
# the shared documents and AnyStyle's development part (lib/parse/README.md, "Field readers").
#
#   tests/parse/score_readers.sh [--test]
#
#   --test   also score AnyStyle's sealed test part (once per change of the chosen reader; never tune on it)
#
# Reads ../shared (relative to the repository root; BICITE_SHARED_DIR overrides); needs a build with
# bicite_cli and bicite_seq_train (BUILD, default build-rel); writes only under $OUT (default
# /tmp/bicite-readers). Prints one line per document: micro-F1 / exact of each reader.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SHARED=${BICITE_SHARED_DIR:-$ROOT/../shared}
BUILD=${BUILD:-$ROOT/build-rel}
OUT=${OUT:-/tmp/bicite-readers}
BICITE=$BUILD/examples/bicite
TRAIN=$BUILD/tests/parse/bicite_seq_train
READERS=${READERS:-rules model hybrid}
TEST=no
for a in "$@"; do
  case $a in
    --test) TEST=yes ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done
mkdir -p "$OUT"

micro() {  # micro GOLD PRED SCORER → "micro-F1/exact" (score_refs.py: primary fields)
  case $3 in
    *score_refs.py)
      python3 "$3" "$1" "$2" --json "$2.score.json" >"$2.score.txt"
      python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print("%.3f/%.3f" % (s["micro_primary"]["f1"], s["exact_primary_share"]))' "$2.score.json" ;;
    *)
      python3 "$3" "$1" "$2" >"$2.score.txt"
      python3 "$3" "$1" "$2" --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print("%.3f/%.3f" % (s["micro"]["f1"], s["exact"]))' ;;
  esac
}

row() {  # row NAME TEXT GOLD SCORER [convert options…]
  name=$1 text=$2 gold=$3 scorer=$4
  shift 4
  line=$name
  for r in $READERS; do
    "$BICITE" convert "$text" "$@" --to notes-jsonl --parser "$r" -o "$OUT/$name.$r.jsonl" 2>/dev/null || true
    line="$line $r=$(micro "$gold" "$OUT/$name.$r.jsonl" "$scorer")"
  done
  echo "$line"
}

NOTES=$SHARED/tools/score_notes.py
REFS=$SHARED/tools/anystyle/score_refs.py
for d in dev-chicago dev-gost test-ru-notes test-en-mixed test-apa-refs; do
  row "$d" "$ROOT/tests/parse/data/$d.txt" "$ROOT/tests/parse/data/$d.notes.jsonl" "$NOTES"
done
row weitz-2024 "$SHARED/corpus/weitz-2024-view-from-russia.txt" "$SHARED/gold/weitz-2024.notes.jsonl" "$NOTES"
row robinson-2025 "$SHARED/corpus/robinson-2025-ilyin-freedom.txt" "$SHARED/gold/robinson-2025-ilyin-freedom.notes.jsonl" "$NOTES"
row kinevich-2018 "$SHARED/corpus/kinevich-2018-sensorimotor.txt" "$SHARED/gold/kinevich-2018.notes.jsonl" "$NOTES"

# The generated GOST development list (typeset records; tests/parse/train/train_and_score.sh --generated
# writes it under $SEQ_OUT, default /tmp/bicite-seq): each string, its list number removed, as a numbered note
GEN=${SEQ_OUT:-/tmp/bicite-seq}/generated/generated-gost-dev.notes.jsonl
if [ -f "$GEN" ]; then
  python3 - "$GEN" "$OUT/generated-gost-dev.txt" "$OUT/generated-gost-dev.notes.jsonl" <<'PY'
import json, re, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
with open(sys.argv[2], "w", encoding="utf-8") as text, open(sys.argv[3], "w", encoding="utf-8") as gold:
    for i, r in enumerate(rows, 1):
        r["note"], r["text"] = i, re.sub(r"^\[?\d+\]?\.?\s+", "", r["text"])
        text.write(f"{i}. {r['text']}\n")
        gold.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
  row generated-gost-dev "$OUT/generated-gost-dev.txt" "$OUT/generated-gost-dev.notes.jsonl" "$NOTES"
fi

# AnyStyle's references, split by the trainer's fixed hash; read from the numbered copy, as the rules
# are scored in tests/parse/train/train_and_score.sh
parts=dev
[ "$TEST" = yes ] && parts="dev test"
"$TRAIN" split --data "$SHARED/training/anystyle" --out "$OUT" >/dev/null 2>&1
for part in $parts; do
  mkdir -p "$OUT/$part"
  python3 "$SHARED/tools/anystyle/convert.py" "$OUT/$part.xml" "$OUT/$part" >/dev/null
  row "anystyle-$part" "$OUT/$part/anystyle-gold.numbered.txt" "$OUT/$part/anystyle-gold.notes.jsonl" "$REFS" --from notes
done
