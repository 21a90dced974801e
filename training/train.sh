#!/usr/bin/env bash
# Convert the UD treebanks and train the pipeline on one CPU thread with fixed seeds.
#   training/train.sh UD_DIR WORK_DIR [extra spacy train overrides...]
# The best model is WORK_DIR/output/model-best; copy it to data/models/en_armsgraph_ud
# with training/ship.py. CI never runs this.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
UD="${1:?usage: train.sh UD_DIR WORK_DIR}"
WORK="${2:?usage: train.sh UD_DIR WORK_DIR}"
shift 2
PY="${PY:-python}"
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0
PY="$PY" "$HERE/convert.sh" "$UD" "$WORK/corpus"
"$PY" -m spacy train "$HERE/config.cfg" --output "$WORK/output" \
    --paths.train "$WORK/corpus/train.spacy" --paths.dev "$WORK/corpus/dev.spacy" "$@"
