"""Extraction speed: ``extract`` on a 1,000-word article against spaCy's bare tokenizer.

The seed article (1,019 words) is extracted ``--runs`` times after a warm-up run (which
builds the catalog's phrase matcher once). The baseline is ``spacy.blank("en")``'s
tokenizer alone over the same text in the same run, so the ratio says how much the
sentencizer, the UD parser (unless ``ARMSGRAPH_PARSER=blank``), matching and the rules cost
on top of tokenising. The target is a median of at most 150 ms per 1,000 words with the
parser; CPU time is printed beside wall time, which other processes on a shared machine
inflate.

Growth with length (issue 18, item 4): ``--scale 16`` also extracts the article repeated
1, 4 and 16 times (each copy made a distinct paragraph) and prints the CPU time per copy
as a ratio against one copy in the same run. Linear extraction keeps the ratio near 1.

Usage: ``python bench/bench_extract.py [--runs 30] [--article PATH] [--scale 16]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _median_ms(fn: object, runs: int, clock: object = time.perf_counter) -> float:
    times = []
    for _ in range(runs):
        t = clock()  # type: ignore[operator]
        fn()  # type: ignore[operator]
        times.append((clock() - t) * 1000)  # type: ignore[operator]
    return statistics.median(times)


def main() -> None:
    import spacy

    from armsgraph.extract import extract
    from armsgraph.extract.catalog import default_catalog

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--scale", type=int, default=0,
                        help="also time the article repeated up to this many times")
    parser.add_argument("--article", type=Path,
                        default=ROOT / "data" / "articles" / "article-japan-patriots.txt")
    args = parser.parse_args()
    text = args.article.read_text(encoding="utf-8")
    meta_path = args.article.with_name(args.article.name[:-4] + ".meta.json")
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else None
    words = len(text.split())
    catalog = default_catalog()
    tokenizer = spacy.blank("en")
    t = time.perf_counter()
    extract(text, meta, catalog)  # warm-up: builds the phrase matcher
    warm = (time.perf_counter() - t) * 1000
    tokenizer(text)
    base = _median_ms(lambda: tokenizer(text), args.runs)
    ours = _median_ms(lambda: extract(text, meta, catalog), args.runs)
    cpu = _median_ms(lambda: extract(text, meta, catalog), args.runs, time.process_time)
    per_k = ours * 1000 / words
    print(f"article: {args.article.name} ({words} words), {args.runs} runs, "
          f"catalog of {len(catalog)} entities")
    print(f"{'':24}{'median ms':>12}{'ms / 1,000 words':>20}{'ratio':>8}")
    print(f"{'spaCy tokenizer (base)':24}{base:12.2f}{base * 1000 / words:20.2f}{1.0:8.1f}")
    print(f"{'extract':24}{ours:12.2f}{per_k:20.2f}{ours / base:8.1f}")
    print(f"{'extract, CPU time':24}{cpu:12.2f}{cpu * 1000 / words:20.2f}{cpu / base:8.1f}")
    print(f"first call (matcher build): {warm:.0f} ms; target <= 150 ms per 1,000 words with "
          f"the parser: {'met' if per_k <= 150 else 'NOT met'} (wall), "
          f"{'met' if cpu * 1000 / words <= 150 else 'NOT met'} (CPU; shared machines)")
    if args.scale:
        _scaling(text, meta, catalog, args.scale)


def _scaling(text: str, meta: object, catalog: object, most: int) -> None:
    """CPU seconds per copy of the article at 1, 4, 16 … copies, as a ratio to 1 copy."""
    from armsgraph.extract import extract

    print(f"{'copies':>8}{'characters':>12}{'CPU s':>10}{'s / copy':>10}{'ratio':>8}")
    one = None
    copies = 1
    while copies <= most:
        long = "\n\n".join(f"{text}\n\nThis is update number {i} of the story."
                            for i in range(copies))
        t = time.process_time()
        extract(long, meta, catalog)  # type: ignore[arg-type]
        cpu = time.process_time() - t
        one = one or cpu
        print(f"{copies:8}{len(long):12,}{cpu:10.2f}{cpu / copies:10.3f}"
              f"{cpu / copies / one:8.2f}")
        copies *= 4


if __name__ == "__main__":
    main()
