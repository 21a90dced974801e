"""Copy a trained pipeline into data/models/en_armsgraph_ud with its licence and attribution.

    python training/ship.py WORK_DIR/output/model-best UD_DIR

Writes the model folder (without training-only files), LICENSE (the CC BY-SA 4.0 text shipped
with UD English-EWT), ATTRIBUTION, and sets name, version, licence and sources in meta.json.
The benchmark numbers are added by ``python bench/bench_parser.py --write-meta``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEST = ROOT / "data" / "models" / "en_armsgraph_ud"
ATTRIBUTION = (
    "Trained on Universal Dependencies English-EWT (Silveira et al. 2014; CC BY-SA 4.0) "
    "and the CC BY part of English-GUM (Zeldes 2017)"
)


def main(src: Path, ud: Path) -> None:
    if not (src / "config.cfg").is_file():
        sys.exit(f"{src} is not a spaCy pipeline folder (no config.cfg)")
    if DEST.exists():
        shutil.rmtree(DEST)
    shutil.copytree(src, DEST)
    # The training corpora's paths are of the machine that trained; the shipped
    # pipeline needs none of them.
    cfg = DEST / "config.cfg"
    cfg.write_text(re.sub(r'(?m)^(train|dev) = ".*"$', r"\1 = null",
                          cfg.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copyfile(ud / "ewt" / "LICENSE.txt", DEST / "LICENSE")
    (DEST / "ATTRIBUTION").write_text(ATTRIBUTION + ".\n", encoding="utf-8")
    meta_path = DEST / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(
        name="armsgraph_ud",
        version="0.1.0",
        license="CC BY-SA 4.0",
        author="armsgraph",
        description="Tagger, morphologizer and dependency parser for English news "
        "(armsgraph extraction). " + ATTRIBUTION + ".",
        sources=[
            {"name": "UD English-EWT", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
             "license": "CC BY-SA 4.0", "author": "Silveira et al. 2014"},
            {"name": "UD English-GUM (CC BY genres)",
             "url": "https://github.com/UniversalDependencies/UD_English-GUM",
             "license": "CC BY 4.0", "author": "Zeldes 2017"},
        ],
    )
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"shipped {src} -> {DEST.relative_to(ROOT)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python training/ship.py MODEL_DIR UD_DIR")
    main(Path(sys.argv[1]), Path(sys.argv[2]))
