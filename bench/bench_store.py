"""Store choice benchmark: rdflib's memory store against pyoxigraph at ~0.5 M triples.

Measures, each in a fresh child process so peak memory is its own:

- load: parse the same N-Quads file into the store,
- query: a SPARQL aggregate (transfers per supplier) and a two-hop join,
- serialise: the whole graph as Turtle.

rdflib is the baseline; the table gives pyoxigraph's time as a ratio of rdflib's measured in
the same run. Usage: ``python bench/bench_store.py [--triples 500000]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AGG = """PREFIX arms: <https://w3id.org/armsgraph/ontology#>
SELECT ?s (COUNT(?t) AS ?n) WHERE { GRAPH ?g { ?t a arms:Transfer ; arms:supplier ?s } }
GROUP BY ?s ORDER BY DESC(?n) LIMIT 10"""
HOP2 = """PREFIX arms: <https://w3id.org/armsgraph/ontology#>
SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g {
  ?t1 arms:supplier ?a ; arms:recipient ?b ; arms:item ?i .
  ?t2 arms:supplier ?b ; arms:recipient ?c ; arms:item ?i . } }"""


def make_nquads(path: Path, n_triples: int, seed: int = 7) -> int:
    """Write a synthetic SIPRI-like dataset of about ``n_triples`` triples; return the count."""
    import pyoxigraph as ox

    from armsgraph import ids
    from armsgraph.namespace import ARMS

    rng = random.Random(seed)
    g = ox.NamedNode(str(ids.SIPRI_GRAPH))
    parties = [ox.NamedNode(str(ids.state(f"S{i:02d}"))) for i in range(250)]
    systems = [ox.NamedNode(str(ids.system(f"sys-{i}"))) for i in range(2000)]
    typ = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    p = {k: ox.NamedNode(str(getattr(ARMS, k))) for k in (
        "Transfer", "supplier", "recipient", "item", "quantity", "orderYear", "note",
        "tivTotal", "sipriStatus", "confidence", "modality", "Delivered")}
    quads = []
    i = 0
    while len(quads) < n_triples:
        t = ox.NamedNode(str(ids.fact(f"syn-{i}")))
        a, b = rng.sample(parties, 2)
        quads += [
            ox.Quad(t, typ, p["Transfer"], g),
            ox.Quad(t, p["supplier"], a, g),
            ox.Quad(t, p["recipient"], b, g),
            ox.Quad(t, p["item"], rng.choice(systems), g),
            ox.Quad(t, p["quantity"], ox.Literal(str(rng.randint(1, 500)),
                    datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), g),
            ox.Quad(t, p["orderYear"], ox.Literal(str(rng.randint(1950, 2025)),
                    datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#gYear")), g),
            ox.Quad(t, p["note"], ox.Literal(f"synthetic deal {i}; second-hand; aid"), g),
            ox.Quad(t, p["tivTotal"], ox.Literal(f"{rng.random() * 100:.2f}",
                    datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), g),
            ox.Quad(t, p["sipriStatus"], ox.Literal("New"), g),
            ox.Quad(t, p["modality"], p["Delivered"], g),
        ]
        i += 1
    path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return len(quads)


def run_child(lib: str, path: str) -> dict[str, float]:
    """Measure one library in this process (called in a child)."""
    out: dict[str, float] = {}
    if lib == "rdflib":
        from rdflib import Dataset

        t = time.perf_counter()
        ds = Dataset()
        ds.parse(path, format="nquads")
        out["load"] = time.perf_counter() - t
        t = time.perf_counter()
        list(ds.query(AGG))
        out["query_aggregate"] = time.perf_counter() - t
        t = time.perf_counter()
        list(ds.query(HOP2))
        out["query_two_hop"] = time.perf_counter() - t
        g = ds.graph(next(c.identifier for c in ds.contexts() if len(c)))
        t = time.perf_counter()
        g.serialize(format="turtle")
        out["serialize_turtle"] = time.perf_counter() - t
    else:
        import pyoxigraph as ox

        t = time.perf_counter()
        st = ox.Store()
        st.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
        out["load"] = time.perf_counter() - t
        t = time.perf_counter()
        list(st.query(AGG))
        out["query_aggregate"] = time.perf_counter() - t
        t = time.perf_counter()
        list(st.query(HOP2))
        out["query_two_hop"] = time.perf_counter() - t
        graph = next(iter(st.named_graphs()))
        t = time.perf_counter()
        st.dump(format=ox.RdfFormat.TURTLE, from_graph=graph)
        out["serialize_turtle"] = time.perf_counter() - t
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--triples", type=int, default=500_000)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(run_child(*args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.nq"
        n = make_nquads(path, args.triples)
        print(f"dataset: {n:,} triples, {path.stat().st_size / 1e6:.1f} MB of N-Quads")
        res = {}
        for lib in ("rdflib", "pyoxigraph"):
            proc = subprocess.run(
                [sys.executable, __file__, "--child", lib, str(path)],
                capture_output=True, text=True, check=True,
            )
            res[lib] = json.loads(proc.stdout)
    base, ox_ = res["rdflib"], res["pyoxigraph"]
    print(f"{'measure':<18}{'rdflib':>12}{'pyoxigraph':>12}{'ratio':>10}")
    for k in base:
        unit = "MB" if k == "peak_mb" else "s"
        print(f"{k:<18}{base[k]:>10.3f}{unit:>2}{ox_[k]:>10.3f}{unit:>2}"
              f"{ox_[k] / base[k]:>10.3f}")


if __name__ == "__main__":
    main()
