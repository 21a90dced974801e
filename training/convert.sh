#!/usr/bin/env bash
# Convert the UD English CoNLL-U files to spaCy's binary format for training.
#   training/convert.sh UD_DIR OUT_DIR
# Train = EWT train + GUM (CC BY) train; dev = EWT dev + GUM dev; the test files are
# converted separately for the benchmark (bench/bench_parser.py reads the CoNLL-U itself).
set -euo pipefail
UD="${1:?usage: convert.sh UD_DIR OUT_DIR}"
OUT="${2:?usage: convert.sh UD_DIR OUT_DIR}"
PY="${PY:-python}"
mkdir -p "$OUT/conllu"
cat "$UD/ewt/en_ewt-ud-train.conllu" "$UD/gum/en_gum-ccby-train.conllu" > "$OUT/conllu/train.conllu"
cat "$UD/ewt/en_ewt-ud-dev.conllu" "$UD/gum/en_gum-ccby-dev.conllu" > "$OUT/conllu/dev.conllu"
for split in train dev; do
    "$PY" -m spacy convert "$OUT/conllu/$split.conllu" "$OUT" --converter conllu -n 10 --lang en
done
