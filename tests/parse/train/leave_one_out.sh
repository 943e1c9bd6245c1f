#!/bin/sh
# Leave-one-out experiment with the project's hand-checked gold (never used for the embedded model):
# for each Russian gold document D, train on AnyStyle's train part + the generated train part + the
# labelled full citations of every other gold document (tests/parse/data/*.notes.jsonl and
# ../shared/gold/kinevich-2018), then score D's full citations (score_gold.py) against the embedded
# recipe's model. Run tests/parse/train/train_and_score.sh --generated first (same OUT).
#
#   tests/parse/train/leave_one_out.sh [DOC…]      (default: dev-gost test-ru-notes kinevich-2018)
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
SHARED=${BICITE_SHARED_DIR:-$ROOT/../shared}
BUILD=${BUILD:-$ROOT/build-rel}
OUT=${OUT:-/tmp/bicite-seq}
TRAIN=$BUILD/tests/parse/bicite_seq_train
BICITE=$BUILD/examples/bicite
DOCS=${*:-dev-gost test-ru-notes kinevich-2018}
GOLD="$ROOT/tests/parse/data/dev-chicago.notes.jsonl $ROOT/tests/parse/data/dev-gost.notes.jsonl
  $ROOT/tests/parse/data/test-apa-refs.notes.jsonl $ROOT/tests/parse/data/test-en-mixed.notes.jsonl
  $ROOT/tests/parse/data/test-ru-notes.notes.jsonl $SHARED/gold/kinevich-2018.notes.jsonl"
python3 "$ROOT/tests/parse/train/gold_labelled.py" --out "$OUT/loo" $GOLD
for d in $DOCS; do
  extra=""
  for f in "$OUT"/loo/gold-*.xml; do
    [ "$f" = "$OUT/loo/gold-$d.xml" ] || extra="$extra --train $f"
  done
  # shellcheck disable=SC2086
  "$TRAIN" train --train "$OUT/train.xml" --train "$OUT/generated/generated-train.xml" $extra \
    --out "$OUT/loo/without-$d.tsv" --learner crf --epochs 8 --prune 0.15 2>"$OUT/loo/without-$d.log"
  for g in $GOLD; do
    case $g in */$d.notes.jsonl) gold=$g ;; esac
  done
  echo "== $d left out of training"
  python3 "$ROOT/tests/parse/train/score_gold.py" --seqtrain "$TRAIN" --bicite "$BICITE" --out "$OUT/loo/$d" \
    --model "without-gold=$OUT/seq_model.tsv" --model "gold-but-$d=$OUT/loo/without-$d.tsv" "$gold"
done
