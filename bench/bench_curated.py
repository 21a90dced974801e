"""Curated SPARQL view benchmark: what one rejected fact costs SPARQL at SIPRI scale.

An on-disk store holds the reference data, the full SIPRI register (from ../shared; the
synthetic ~0.5 M-triple dataset of bench_store.py when it is absent) and the review fixture
article; one of its statements is rejected. Measured in this run:

- baseline: the whole store read once as N-Quads (``store.dump("nquads")``),
- the curated view made (graph/views/curated.py: a copy without the hidden statement, on disk),
- the view opened again by a cold process (the copy is reused, not made again),
- a SPARQL aggregate on the raw store and on the view.

Each time is given as a ratio of the baseline (or, for the query, of the raw store).
Usage: ``python bench/bench_curated.py``.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGISTER = ROOT.parent / "shared" / "datasets" / "sipri-trade-register" / "trade-register.csv"
ARTICLE = ROOT / "tests" / "fixtures" / "review" / "polish-leopards.txt"
AGG = """PREFIX arms: <https://w3id.org/armsgraph/ontology#>
SELECT ?s (COUNT(?t) AS ?n) WHERE { ?t a arms:Transfer ; arms:supplier ?s }
GROUP BY ?s ORDER BY DESC(?n) LIMIT 10"""


def _timed(fn: object, *args: object, **kwargs: object) -> tuple[float, object]:
    t = time.perf_counter()
    value = fn(*args, **kwargs)  # type: ignore[operator]
    return time.perf_counter() - t, value


def main() -> int:
    from armsgraph.load.build import curated_graphs
    from armsgraph.load.ingest import ingest, load_article
    from armsgraph.load.sipri import import_register
    from armsgraph.reason import review
    from armsgraph.store import OxigraphStore, snapshot
    from armsgraph.store.sparql import answer
    from armsgraph.views import curated

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        store = OxigraphStore(path)
        for iri, g in curated_graphs(ROOT / "ontology", ROOT / "data").items():
            store.put_graph(iri, g)
        if REGISTER.is_file():
            import_register(store, REGISTER)
            data = "the SIPRI register"
        else:
            from bench.bench_store import make_nquads

            nq = Path(tmp) / "synthetic.nq"
            make_nquads(nq, 500_000)
            store.load(nq.read_bytes(), "nquads")
            data = "a synthetic 0.5 M-triple register (SIPRI's not found)"
        facts = ingest(store, load_article(ARTICLE)).extraction.facts
        review.reject(store, facts[0].id, reviewer="Bench", reason="bench",
                      at=dt.datetime(2026, 12, 3, tzinfo=dt.UTC))
        print(f"{len(store):,} quads ({data}), 1 statement rejected")

        base, _ = _timed(store.dump, "nquads")
        made, view = _timed(curated.view, store)
        assert view is not store
        store.close()
        snapshot.forget()
        store = OxigraphStore(path)
        reused, again = _timed(curated.view, store)
        assert again.path == view.path  # type: ignore[attr-defined]
        raw_q, _ = _timed(answer, store, AGG, "json", cap=100)
        view_q, _ = _timed(answer, again, AGG, "json", cap=100)
        store.close()

    rows = [
        ("whole store as N-Quads (baseline)", base, base),
        ("curated view made (copy on disk)", made, base),
        ("curated view reopened (cold process)", reused, base),
        ("SPARQL aggregate, raw store (baseline)", raw_q, raw_q),
        ("SPARQL aggregate, curated view", view_q, raw_q),
    ]
    print(f"{'step':42} {'seconds':>8} {'ratio':>6}")
    for name, secs, against in rows:
        print(f"{name:42} {secs:8.3f} {secs / against:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
