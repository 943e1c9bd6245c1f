#!/bin/sh
# Split → train → evaluate the trained reference labeller (lib/parse/README.md, "Trained labeller").
#
#   tests/parse/train/train_and_score.sh [--generated] [--test] [--install]
#
#   --generated  also train on GENERATED references (gen_generated.py: biblatex-gost's examples and the
#                items of AnyStyle's train part rendered through CSL styles by bicite format), their
#                train part; score their development part of GOST-style strings too
#   --test       also score the sealed test part (once per model change; never tune on it)
#   --install    copy the trained model to lib/parse/data/seq_model.tsv (embedded at the next build)
#
# Always scored: AnyStyle's development part, and the full citations of the Russian gold documents
# (tests/parse/data/dev-gost, test-ru-notes; ../shared/gold/kinevich-2018) with score_gold.py, for the
# rules, the installed model (lib/parse/data/seq_model.tsv as it is in the tree) and the new one.
#
# Reads ../shared (relative to the repository root; BICITE_SHARED_DIR overrides), writes only under
# $OUT (default /tmp/bicite-seq). Needs a Release build with the targets bicite_seq_train and
# bicite_cli: cmake -S . -B build-rel -G Ninja -DCMAKE_BUILD_TYPE=Release -DBICITE_LINKS=OFF
# -DBICITE_BENCH=OFF && cmake --build build-rel --target bicite_seq_train bicite_cli
set -eu
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
SHARED=${BICITE_SHARED_DIR:-$ROOT/../shared}
BUILD=${BUILD:-$ROOT/build-rel}
OUT=${OUT:-/tmp/bicite-seq}
LEARNER=${LEARNER:-crf}
ANYSTYLE_EVERY=${ANYSTYLE_EVERY:-0}  # generated: AnyStyle train item i through style i mod N; 0: none (gen_generated.py)
if [ "$LEARNER" = crf ]; then EPOCHS=${EPOCHS:-8}; PRUNE=${PRUNE:-0.15}; else EPOCHS=${EPOCHS:-20}; PRUNE=${PRUNE:-3}; fi
TRAIN=$BUILD/tests/parse/bicite_seq_train
BICITE=$BUILD/examples/bicite
TOOLS=$SHARED/tools/anystyle
TEST=no
INSTALL=no
GENERATED=no
GOST_BIB=${GOST_BIB:-/usr/share/doc/texlive-doc/latex/biblatex-gost/biblatex-gost-examples.bib.gz}
for a in "$@"; do
  case $a in
    --generated) GENERATED=yes ;;
    --test) TEST=yes ;;
    --install) INSTALL=yes ;;
    *) echo "unknown option $a" >&2; exit 2 ;;
  esac
done

mkdir -p "$OUT/dev" "$OUT/test"
"$TRAIN" split --data "$SHARED/training/anystyle" --out "$OUT"
if [ "$GENERATED" = yes ]; then
  python3 "$ROOT/tests/parse/train/gen_generated.py" --bicite "$BICITE" --seqtrain "$TRAIN" \
    --anystyle-train "$OUT/train.xml" --gost-bib "$GOST_BIB" --out "$OUT/generated" --anystyle-every "$ANYSTYLE_EVERY"
  "$TRAIN" train --train "$OUT/train.xml" --train "$OUT/generated/generated-train.xml" --dev "$OUT/dev.xml" \
    --out "$OUT/seq_model.tsv" --learner "$LEARNER" --epochs "$EPOCHS" --prune "$PRUNE" ${SEED:+--seed "$SEED"} \
    --header "bicite trained reference labeller (lib/parse/seq): a linear-chain model over tokens with AnyStyle's labels" \
    --header "data: AnyStyle's labelled references (github.com/inukshuk/anystyle at c6f5fb2, res/parser/core.xml, good.xml, ugly.xml, bad.xml; ../shared/training/anystyle/), the train part only" \
    --header "data: GENERATED references (tests/parse/train/gen_generated.py), the train part only: CSL items rendered by bicite format through Debian's CSL styles (gost-r-7-0-5-2008, gost-r-7-0-5-2008-numeric, chicago-fullnote-bibliography, apa) and labelled by locating each variable; items from biblatex-gost-examples.bib (Debian texlive-bibtex-extra), and from AnyStyle's train part when ANYSTYLE_EVERY > 0 (here $ANYSTYLE_EVERY)" \
    --header "licence: AnyStyle, Copyright 2011-2023 Sylvester Keil, BSD 2-Clause License (../shared/training/anystyle/LICENSE); biblatex-gost (its examples), Oleg Domanov, LaTeX Project Public License 1.3c; CSL styles CC BY-SA 3.0; this model is derived from their data" \
    --header "split: FNV-1a (32 bits) of the reference string (AnyStyle) or of the source item's key (generated: biblatex-gost entry key, AnyStyle reference string) mod 10: 0 sealed test, 1 development, 2-9 train" \
    --header "command: tests/parse/train/train_and_score.sh --generated --install (LEARNER=$LEARNER EPOCHS=$EPOCHS PRUNE=$PRUNE ANYSTYLE_EVERY=$ANYSTYLE_EVERY)"
else
"$TRAIN" train --train "$OUT/train.xml" --dev "$OUT/dev.xml" --out "$OUT/seq_model.tsv" --learner "$LEARNER" --epochs "$EPOCHS" --prune "$PRUNE" ${SEED:+--seed "$SEED"} \
  --header "bicite trained reference labeller (lib/parse/seq): a linear-chain model over tokens with AnyStyle's labels" \
  --header "data: AnyStyle's labelled references (github.com/inukshuk/anystyle at c6f5fb2, res/parser/core.xml, good.xml, ugly.xml, bad.xml; ../shared/training/anystyle/), the train part only" \
  --header "licence: AnyStyle, Copyright 2011-2023 Sylvester Keil, BSD 2-Clause License (../shared/training/anystyle/LICENSE); this model is derived from its data" \
  --header "split: FNV-1a (32 bits) of the reference string (segments joined with one space, white space folded) mod 10: 0 sealed test, 1 development, 2-9 train" \
  --header "command: tests/parse/train/train_and_score.sh --install (LEARNER=$LEARNER EPOCHS=$EPOCHS PRUNE=$PRUNE)"
fi

score() {  # score PART NAME PRED
  python3 "$TOOLS/score_refs.py" "$OUT/$1/anystyle-gold.notes.jsonl" "$3" --json "$OUT/$1.$2.score.json" \
    --errors "$OUT/$1.$2.errors.jsonl"
}

python3 "$TOOLS/convert.py" "$OUT/dev.xml" "$OUT/dev"
echo "== development part: trained model"
"$TRAIN" predict --model "$OUT/seq_model.tsv" --in "$OUT/dev/anystyle-gold.txt" --out "$OUT/dev.model.jsonl" --rounds 3
score dev model "$OUT/dev.model.jsonl"
# The rule parser reads the numbered copy ("N. text"): on the unnumbered file a reference that starts
# with a year ("2010. …") is taken for note 2010's number and every later note is misaligned.
echo "== development part: rule parser (bicite convert, numbered input)"
"$BICITE" convert "$OUT/dev/anystyle-gold.numbered.txt" --from notes --to notes-jsonl -o "$OUT/dev.rules.jsonl" 2>/dev/null
score dev rules "$OUT/dev.rules.jsonl"

if [ "$GENERATED" = yes ]; then
  echo "== development part of the GENERATED GOST-style strings (biblatex-gost items; gold: the source items)"
  python3 "$ROOT/tests/parse/train/score_gold.py" --seqtrain "$TRAIN" --bicite "$BICITE" --out "$OUT/gen-dev" --rules \
    --model "installed=$ROOT/lib/parse/data/seq_model.tsv" --model "new=$OUT/seq_model.tsv" --fields --json "$OUT/gen-dev.score.json" \
    "$OUT/generated/generated-gost-dev.notes.jsonl"
fi
echo "== full citations of the Russian gold documents: rules, installed model, new model"
python3 "$ROOT/tests/parse/train/score_gold.py" --seqtrain "$TRAIN" --bicite "$BICITE" --out "$OUT/gold" --rules \
  --model "installed=$ROOT/lib/parse/data/seq_model.tsv" --model "new=$OUT/seq_model.tsv" --fields --json "$OUT/gold.score.json" \
  "$ROOT/tests/parse/data/dev-gost.notes.jsonl" "$ROOT/tests/parse/data/test-ru-notes.notes.jsonl" \
  "$SHARED/gold/kinevich-2018.notes.jsonl"

if [ "$TEST" = yes ]; then
  python3 "$TOOLS/convert.py" "$OUT/test.xml" "$OUT/test"
  echo "== sealed test part: trained model"
  "$TRAIN" predict --model "$OUT/seq_model.tsv" --in "$OUT/test/anystyle-gold.txt" --out "$OUT/test.model.jsonl"
  score test model "$OUT/test.model.jsonl"
  echo "== sealed test part: rule parser"
  "$BICITE" convert "$OUT/test/anystyle-gold.numbered.txt" --from notes --to notes-jsonl -o "$OUT/test.rules.jsonl" 2>/dev/null
  score test rules "$OUT/test.rules.jsonl"
fi

if [ "$INSTALL" = yes ]; then
  cp "$OUT/seq_model.tsv" "$ROOT/lib/parse/data/seq_model.tsv"
  echo "installed lib/parse/data/seq_model.tsv"
fi
