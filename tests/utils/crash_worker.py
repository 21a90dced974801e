"""A process that writes to an on-disk store until it is killed (crash-safety tests).

Usage: ``python -m tests.utils.crash_worker ingest STORE ARTICLE N`` ingests N variants of
ARTICLE one after another; ``… sipri STORE CSV_A CSV_B N`` imports two SIPRI files in turn.
After each completed write it prints ``committed <n>`` so the parent can kill it mid-way.
The store announces each named-graph write as it starts (``writing <graph>``) and when it
returns (``wrote <graph>``), so the parent can kill it inside a write and tell afterwards
whether the kill landed there.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from rdflib import URIRef

from armsgraph.store import OxigraphStore, Triple


class AnnouncingStore(OxigraphStore):
    """The embedded store, printing when each graph write starts and returns."""

    def put_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        items = list(triples)
        print(f"writing {graph} {len(items)}", flush=True)
        n = super().put_graph(graph, items)
        print(f"wrote {graph}", flush=True)
        return n

    def add_graph(self, graph: URIRef, triples: Iterable[Triple]) -> bool:
        items = list(triples)
        print(f"writing {graph} {len(items)}", flush=True)
        added = super().add_graph(graph, items)
        print(f"wrote {graph}", flush=True)
        return added


def variant(text: str, i: int) -> str:
    """Article text made distinct (a new source) by one appended sentence."""
    return f"{text}\n\nThis is update number {i} of the story."


def main(argv: list[str]) -> None:
    mode, store_path = argv[0], Path(argv[1])
    store = AnnouncingStore(store_path)
    if mode == "ingest":
        from armsgraph.load.ingest import Article, ingest, load_article

        base = load_article(Path(argv[2]))
        for i in range(int(argv[3])):
            ingest(store, Article(f"{base.name}-{i}", variant(base.text, i), base.meta))
            print(f"committed {i}", flush=True)
    elif mode == "sipri":
        from armsgraph.load.sipri import import_register

        files = [Path(argv[2]), Path(argv[3])]
        for i in range(int(argv[4])):
            import_register(store, files[i % 2], allow_removals=True)
            print(f"committed {i}", flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv[1:])
