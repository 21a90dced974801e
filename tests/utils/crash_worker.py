"""A process that writes to an on-disk store until it is killed (crash-safety tests).

Usage: ``python -m tests.utils.crash_worker ingest STORE ARTICLE N`` ingests N variants of
ARTICLE one after another; ``… sipri STORE CSV_A CSV_B N`` imports two SIPRI files in turn.
After each completed write it prints ``committed <n>`` so the parent can kill it mid-way.
"""

from __future__ import annotations

import sys
from pathlib import Path

from graph.store import OxigraphStore


def variant(text: str, i: int) -> str:
    """Article text made distinct (a new source) by one appended sentence."""
    return f"{text}\n\nThis is update number {i} of the story."


def main(argv: list[str]) -> None:
    mode, store_path = argv[0], Path(argv[1])
    store = OxigraphStore(store_path)
    if mode == "ingest":
        from graph.ingest import Article, ingest, load_article

        base = load_article(Path(argv[2]))
        for i in range(int(argv[3])):
            ingest(store, Article(f"{base.name}-{i}", variant(base.text, i), base.meta))
            print(f"committed {i}", flush=True)
    elif mode == "sipri":
        from graph.sipri import import_register

        files = [Path(argv[2]), Path(argv[3])]
        for i in range(int(argv[4])):
            import_register(store, files[i % 2], progress=False)
            print(f"committed {i}", flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
