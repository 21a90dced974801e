"""Parser benchmark: the shipped UD pipeline's accuracy, speed, load time and size.

Measures, on one CPU thread:

- accuracy on UD English-EWT test and English-GUM (CC BY) test with gold tokenization
  (one sentence per ``Doc``, the parser sets its own sentence boundaries inside it), scored
  by spaCy's ``Scorer`` through ``Language.evaluate``: UPOS (``pos_acc``), XPOS
  (``tag_acc``), morphology (``morph_acc``), UAS and LAS (punctuation included, spaCy's
  convention);
- words per second of the whole pipeline on raw EWT-test text (``nlp.pipe``), against the
  bare tokenizer in the same run (ratio), in CPU time of this one-thread process (the
  machine is shared, so wall time depends on other load; it is printed beside it);
- load time of ``spacy.load`` and the size of the model folder;
- extraction speed: median ms of ``extract`` per 1,000 words of the seed article, with
  ``ARMSGRAPH_PARSER=ud`` and ``=blank``, each in a child process, CPU and wall time (the
  target is < 150 ms with the parser).

The treebanks are read from ``../shared/datasets/ud-english`` (``--ud``); the accuracy part
is skipped when they are absent. ``--write-meta`` records the numbers in the model's
``meta.json`` (key ``armsgraph_benchmark``).

Usage: ``python bench/bench_parser.py [--ud DIR] [--runs 20] [--write-meta]``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TESTS = {"ewt": "ewt/en_ewt-ud-test.conllu", "gum": "gum/en_gum-ccby-test.conllu"}
SEED = ROOT / "data" / "articles" / "article-japan-patriots.txt"


def _folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _gold_docs(nlp: object, path: Path) -> list[object]:
    from spacy.tokens import DocBin
    from spacy.training.converters import conllu_to_docs

    text = path.read_text(encoding="utf-8")
    docs = conllu_to_docs(text, n_sents=1, merge_subtokens=False, no_print=True)
    # Round-trip into the pipeline's vocab, so the scorer finds every string in one store.
    return list(DocBin(docs=docs, store_user_data=False).get_docs(nlp.vocab))  # type: ignore[attr-defined]


def accuracy(nlp: object, path: Path) -> dict[str, float]:
    """UPOS, XPOS, morphology, UAS and LAS of ``nlp`` on a CoNLL-U file (gold tokens)."""
    from spacy.tokens import Doc
    from spacy.training import Example

    examples = []
    for gold in _gold_docs(nlp, path):
        words = [t.text for t in gold]  # type: ignore[attr-defined]
        spaces = [bool(t.whitespace_) for t in gold]  # type: ignore[attr-defined]
        pred = Doc(nlp.vocab, words=words, spaces=spaces)  # type: ignore[attr-defined]
        examples.append(Example(pred, gold))  # type: ignore[arg-type]
    scores = nlp.evaluate(examples)  # type: ignore[attr-defined]
    return {
        "words": sum(len(eg.reference) for eg in examples),
        "upos": round(scores["pos_acc"], 4),
        "xpos": round(scores["tag_acc"], 4),
        "morph": round(scores["morph_acc"], 4),
        "uas": round(scores["dep_uas"], 4),
        "las": round(scores["dep_las"], 4),
    }


def speed(nlp: object, texts: list[str]) -> tuple[float, float, float]:
    """Words per second: tokenizer alone and whole pipeline (CPU time), pipeline (wall)."""
    tokenizer = nlp.tokenizer  # type: ignore[attr-defined]
    t = time.process_time()
    words = sum(len(tokenizer(x)) for x in texts)
    base = words / (time.process_time() - t)
    list(nlp.pipe(texts[:50]))  # type: ignore[attr-defined]  # warm-up
    t, w = time.process_time(), time.perf_counter()
    words = sum(len(d) for d in nlp.pipe(texts, batch_size=64))  # type: ignore[attr-defined]
    return base, words / (time.process_time() - t), words / (time.perf_counter() - w)


def extraction_ms(runs: int) -> tuple[float, float]:
    """Median CPU and wall ms of ``extract`` per 1,000 words of the seed article."""
    from armsgraph.extract import extract
    from armsgraph.extract.catalog import default_catalog

    text = SEED.read_text(encoding="utf-8")
    meta_path = SEED.with_name(SEED.name[:-4] + ".meta.json")
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else None
    catalog = default_catalog()
    extract(text, meta, catalog)  # warm-up: loads the pipeline, builds the matcher
    cpu, wall = [], []
    for _ in range(runs):
        t, w = time.process_time(), time.perf_counter()
        extract(text, meta, catalog)
        cpu.append((time.process_time() - t) * 1000)
        wall.append((time.perf_counter() - w) * 1000)
    per_k = 1000 / len(text.split())
    return statistics.median(cpu) * per_k, statistics.median(wall) * per_k


def _extraction_child(kind: str, runs: int) -> tuple[float, float]:
    env = dict(os.environ, ARMSGRAPH_PARSER=kind)
    out = subprocess.run(
        [sys.executable, __file__, "--extract-only", "--runs", str(runs)],
        env=env, check=True, capture_output=True, text=True,
    ).stdout
    cpu, wall = out.strip().splitlines()[-1].split()
    return float(cpu), float(wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ud", type=Path,
                        default=ROOT.parent / "shared" / "datasets" / "ud-english")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--write-meta", action="store_true")
    parser.add_argument("--extract-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.extract_only:
        print("{:.3f} {:.3f}".format(*extraction_ms(args.runs)))
        return

    import spacy

    from armsgraph.extract.text import MODEL_DIR

    t = time.perf_counter()
    nlp = spacy.load(MODEL_DIR)
    load_s = time.perf_counter() - t
    size = _folder_mb(MODEL_DIR)
    print(f"model: {MODEL_DIR.name}, {size:.1f} MB, loaded in {load_s:.2f} s, "
          f"pipeline {nlp.pipe_names}")
    results: dict[str, object] = {"model_mb": round(size, 1), "load_s": round(load_s, 2)}

    if all((args.ud / rel).is_file() for rel in TESTS.values()):
        print(f"\n{'test set':10}{'words':>8}{'UPOS':>8}{'XPOS':>8}{'morph':>8}"
              f"{'UAS':>8}{'LAS':>8}")
        for name, rel in TESTS.items():
            acc = accuracy(nlp, args.ud / rel)
            results[f"{name}_test"] = acc
            print(f"{name:10}{acc['words']:8.0f}{acc['upos']:8.3f}{acc['xpos']:8.3f}"
                  f"{acc['morph']:8.3f}{acc['uas']:8.3f}{acc['las']:8.3f}")
        raw = [" ".join(t.text for t in d)  # type: ignore[attr-defined]
               for d in _gold_docs(nlp, args.ud / TESTS["ewt"])]
        base, wps, wall = speed(nlp, raw)
        results["words_per_s"] = round(wps)
        results["words_per_s_wall"] = round(wall)
        print(f"\nEWT test as raw text, one thread, words / CPU second (wall: {wall:,.0f})")
        print(f"{'tokenizer (base)':24}{base:12,.0f}{1.0:8.3f}")
        print(f"{'full pipeline':24}{wps:12,.0f}{wps / base:8.3f}")
        print(f"target >= 5,000 words/s: {'met' if wps >= 5000 else 'NOT met'}")
    else:
        print(f"\nUD treebanks not found under {args.ud}: accuracy and speed skipped")

    blank, blank_wall = _extraction_child("blank", args.runs)
    ud, ud_wall = _extraction_child("ud", args.runs)
    results["extract_ms_per_1000_words"] = round(ud, 1)
    results["extract_ms_per_1000_words_blank"] = round(blank, 1)
    results["extract_ms_per_1000_words_wall"] = round(ud_wall, 1)
    print(f"\nextract, median ms / 1,000 words ({SEED.name}, {args.runs} runs)")
    print(f"{'':24}{'CPU ms':>12}{'ratio':>8}{'wall ms':>12}")
    print(f"{'blank pipeline (base)':24}{blank:12.1f}{1.0:8.2f}{blank_wall:12.1f}")
    print(f"{'UD pipeline':24}{ud:12.1f}{ud / blank:8.2f}{ud_wall:12.1f}")
    print(f"target < 150 ms with the parser: {'met' if ud < 150 else 'NOT met'}")

    if args.write_meta:
        meta_path = MODEL_DIR / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["armsgraph_benchmark"] = results
        meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        print(f"\nrecorded in {meta_path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
