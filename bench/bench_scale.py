"""Scale benchmark: the SIPRI register at 1x, 3x and 10x, against rdflib in the same run.

The register is scaled up synthetically: copy ``k`` of every deal has its supplier and
recipient renamed ("Germany" → "Germany #k"), so the graph grows by whole disjoint copies
of the real trade network, while weapons systems stay shared (as they would in a larger
register). Each copy's parties are added to the store as states of a bench-only graph.

For each scale factor, in fresh child processes (so each peak memory is its own):

*ours*      ``import_register`` into the embedded store (time, peak RSS), the projection
            (:func:`armsgraph.reason.project.project`), ``destinations`` for a fixed set of
            (item, origin) queries spread over the copies (p50, p99), and the whole graph
            as Turtle (``store.dump("turtle")``).
*baseline*  rdflib parsing the same N-Quads into a ``Dataset`` (time, peak RSS), rdflib
            SPARQL property-path reachability ``?origin (^arms:supplier/arms:recipient)+
            ?dest`` for the same origins (p50, p99), and rdflib's Turtle serialiser. The
            baseline runs under a time budget and an address-space cap; what does not
            finish is reported as such, never estimated.

The register is read from ``../shared/datasets`` (never committed). Usage::

    python bench/bench_scale.py [--factors 1 3 10] [--queries 40] [--markdown FILE]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGISTER = ROOT.parent / "shared" / "datasets" / "sipri-trade-register" / "trade-register.csv"
PREAMBLE_LINES = 12  # 11 lines of notes and the header
AS_OF = "2026-01-01"


# -- scaled register ---------------------------------------------------------------------


def renamed(name: str, copy: int) -> str:
    """Name of a party in copy ``copy`` (copy 0 keeps SIPRI's name)."""
    return name if copy == 0 else f"{name} #{copy}"


def write_scaled(register: Path, factor: int, out: Path) -> tuple[int, list[str]]:
    """Write the register ``factor`` times over with renamed parties; return rows, names."""
    text = register.read_bytes().decode("cp1252")
    lines = text.split("\n")
    head, body = lines[:PREAMBLE_LINES], "\n".join(lines[PREAMBLE_LINES:])
    rows = [r for r in csv.reader(io.StringIO(body)) if r]
    names = sorted({r[0] for r in rows} | {r[1] for r in rows})
    buf = io.StringIO()
    buf.write("\n".join(head) + "\n")
    w = csv.writer(buf, lineterminator="\n")
    for k in range(factor):
        for r in rows:
            w.writerow([renamed(r[0], k), renamed(r[1], k), *r[2:]])
    out.write_bytes(buf.getvalue().encode("cp1252"))
    return len(rows) * factor, names


def top_queries(register: Path, n: int) -> list[tuple[str, str]]:
    """The ``n`` most frequent (designation, supplier) pairs of the register."""
    from collections import Counter

    text = register.read_bytes().decode("cp1252").split("\n", PREAMBLE_LINES)[PREAMBLE_LINES]
    count = Counter(
        (r[6], r[1]) for r in csv.reader(io.StringIO(text)) if r and "unknown" not in r[1]
    )
    return [k for k, _ in count.most_common(n)]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def emit(**kw: Any) -> None:
    print(json.dumps(kw), flush=True)


# -- children ----------------------------------------------------------------------------


def child_ours(csv_path: Path, factor: int, names: list[str], queries: list[list[str]],
               nquads_out: Path) -> None:
    from rdflib import Graph, Literal
    from rdflib.namespace import RDF, RDFS

    from armsgraph import ids
    from armsgraph.errors import ArmsGraphError
    from armsgraph.load.build import curated_graphs
    from armsgraph.load.sipri import import_register
    from armsgraph.load.sipri.link import Catalog, PartyIndex
    from armsgraph.namespace import ARMS
    from armsgraph.reason.paths import destinations
    from armsgraph.reason.project import project
    from armsgraph.store import OxigraphStore

    store = OxigraphStore()
    for iri, g in curated_graphs(ROOT / "ontology", ROOT / "data").items():
        store.put_graph(iri, g)
    copies = Graph()
    for k in range(1, factor):
        for name in names:
            e = ids.org(f"bench {renamed(name, k)}")
            copies.add((e, RDF.type, ARMS.State))
            copies.add((e, RDFS.label, Literal(renamed(name, k))))
    store.put_graph(ids.reference_graph("bench-scale-copies"), copies)
    before = peak_mb()
    t = time.perf_counter()
    report = import_register(store, csv_path)
    emit(step="import", seconds=time.perf_counter() - t, peak_mb=peak_mb(),
         before_mb=before, records=report.records, imported=report.imported,
         listed=len(report.rejected), triples=report.triples, quads=len(store))
    catalog = Catalog(store)
    items = {}
    for item, _ in queries:
        m = catalog.lookup(item)
        items[item] = str(m.system) if m else str(ids.system("sipri " + item))
    index = PartyIndex(store)
    origins = [index.resolve(renamed(o, i % factor)) for i, (_, o) in enumerate(queries)]
    nquads_out.with_suffix(".origins.json").write_text(json.dumps([str(o) for o in origins]))
    t = time.perf_counter()
    G = project(store)
    emit(step="project", seconds=time.perf_counter() - t, nodes=G.number_of_nodes(),
         edges=G.number_of_edges())
    times, reached, errors = [], [], []
    for i, (item, origin) in enumerate(queries):
        t = time.perf_counter()
        try:
            r = destinations(G, items[item], renamed(origin, i % factor), as_of=AS_OF)
        except ArmsGraphError as err:
            errors.append(str(err))
            continue
        times.append(time.perf_counter() - t)
        reached.append(len(r["destinations"]))
    emit(step="destinations", p50_ms=1000 * pct(times, 0.5), p99_ms=1000 * pct(times, 0.99),
         n=len(times), mean_reached=statistics.mean(reached) if reached else 0,
         errors=errors[:3])
    t = time.perf_counter()
    ttl = store.dump("turtle")
    emit(step="turtle", seconds=time.perf_counter() - t, bytes=len(ttl), peak_mb=peak_mb())
    del ttl
    nquads_out.write_bytes(store.dump("nquads"))
    del store


def child_baseline(nquads: Path, origins: list[str], timeout_s: float) -> None:
    from rdflib import Dataset, URIRef

    started = time.perf_counter()
    ds = Dataset(default_union=True)
    t = time.perf_counter()
    ds.parse(nquads, format="nquads")
    emit(step="parse", seconds=time.perf_counter() - t, peak_mb=peak_mb(), quads=len(ds))
    q = (
        "PREFIX arms: <https://w3id.org/armsgraph/ontology#>\n"
        "SELECT DISTINCT ?dest WHERE { ?origin (^arms:supplier/arms:recipient)+ ?dest }"
    )
    times: list[float] = []
    for o in origins:
        if time.perf_counter() - started > timeout_s:
            break
        t = time.perf_counter()
        list(ds.query(q, initBindings={"origin": URIRef(o)}))
        times.append(time.perf_counter() - t)
        emit(step="reach-one", seconds=times[-1])
    emit(step="reach", p50_ms=1000 * pct(times, 0.5), p99_ms=1000 * pct(times, 0.99),
         n=len(times), of=len(origins))
    t = time.perf_counter()
    data = ds.serialize(format="turtle")
    emit(step="turtle", seconds=time.perf_counter() - t, bytes=len(data), peak_mb=peak_mb())


# -- parent ------------------------------------------------------------------------------


def run_child(args: list[str], timeout_s: float, mem_gb: float | None) -> list[dict[str, Any]]:
    """Run this script as a child; collect its JSON lines until it ends or times out."""
    def limit() -> None:  # pragma: no cover - runs in the child
        if mem_gb:
            cap = int(mem_gb * 1024**3)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    proc = subprocess.Popen(
        [sys.executable, __file__, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, preexec_fn=limit, cwd=ROOT,
    )
    try:
        out, err = proc.communicate(timeout=timeout_s)
        status = "ok" if proc.returncode == 0 else f"failed: {err.strip().splitlines()[-1:]}"
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        status = f"timeout after {timeout_s:.0f} s"
    steps = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    return [*steps, {"step": "status", "status": status}]


def by_step(steps: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {s["step"]: s for s in steps}


def measure(factor: int, register: Path, queries: list[tuple[str, str]], tmp: Path,
            baseline_timeout: float, baseline_mem_gb: float,
            ours_mem_gb: float) -> dict[str, Any]:
    csv_path = tmp / f"register-{factor}x.csv"
    rows, names = write_scaled(register, factor, csv_path)
    spec = tmp / f"spec-{factor}.json"
    nq = tmp / f"dump-{factor}.nq"
    spec.write_text(json.dumps({"names": names, "queries": [list(q) for q in queries]}))
    ours = by_step(run_child(["--child", "ours", str(csv_path), str(factor), str(spec),
                              str(nq)], 3600, ours_mem_gb))
    origins_file = nq.with_suffix(".origins.json")
    if nq.exists() and origins_file.exists():
        base = by_step(run_child(["--child", "baseline", str(nq), str(origins_file),
                                  str(baseline_timeout)],
                                 baseline_timeout + 60, baseline_mem_gb))
        nq.unlink()
    else:
        base = {"status": {"status": "not run: ours failed"}}
    csv_path.unlink()
    return {"factor": factor, "rows": rows, "ours": ours, "baseline": base}


def fmt(v: Any, unit: str = "", digits: int = 1) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return "–"
    return f"{v:,.{digits}f}{unit}"


def table(results: list[dict[str, Any]]) -> str:
    head = ("| scale | deals | triples | import s (ours) | peak MB (ours) | parse s (rdflib) | "
            "peak MB (rdflib) | destinations p50 / p99 ms | rdflib reach p50 / p99 ms | "
            "Turtle s (ours) | Turtle s (rdflib) |")
    lines = [head, "|" + "---|" * 11]
    for r in results:
        o, b = r["ours"], r["baseline"]
        imp, dst, ttl = o.get("import", {}), o.get("destinations", {}), o.get("turtle", {})
        bp, br, bt = b.get("parse", {}), b.get("reach", {}), b.get("turtle", {})
        bstat = b.get("status", {}).get("status", "")
        reach = (f"{fmt(br.get('p50_ms'))} / {fmt(br.get('p99_ms'))}"
                 + (f" ({br['n']}/{br['of']} queries)" if br and br["n"] < br["of"] else ""))
        lines.append(
            f"| {r['factor']}x | {r['rows']:,} | {fmt(imp.get('triples'), digits=0)} | "
            f"{fmt(imp.get('seconds'))} | {fmt(imp.get('peak_mb'), digits=0)} | "
            f"{fmt(bp.get('seconds')) if bp else bstat} | {fmt(bp.get('peak_mb'), digits=0)} | "
            f"{fmt(dst.get('p50_ms'))} / {fmt(dst.get('p99_ms'))} | "
            f"{reach if br else bstat or '–'} | {fmt(ttl.get('seconds'))} | "
            f"{fmt(bt.get('seconds')) if bt else bstat or '–'} |"
        )
    base = results[0]["ours"].get("import", {})
    lines.append("")
    lines.append("Growth relative to 1x (ours; 1.0 per unit of scale is linear):")
    lines.append("")
    lines.append("| scale | import s / (scale × 1x) | triples / (scale × 1x) | "
                 "Turtle s / (scale × 1x) | extra peak MB / (scale × 1x) |")
    lines.append("|---|---|---|---|---|")
    t1 = results[0]["ours"].get("turtle", {}).get("seconds")
    extra1 = base.get("peak_mb", 0) - base.get("before_mb", 0)
    for r in results:
        o, f = r["ours"], r["factor"]
        imp, ttl = o.get("import", {}), o.get("turtle", {})
        extra = imp.get("peak_mb", 0) - imp.get("before_mb", 0)

        def ratio(a: float | None, b: float | None, f: int = f) -> str:
            return fmt(a / (f * b), digits=2) if a and b else "–"

        lines.append(f"| {f}x | {ratio(imp.get('seconds'), base.get('seconds'))} | "
                     f"{ratio(imp.get('triples'), base.get('triples'))} | "
                     f"{ratio(ttl.get('seconds'), t1)} | {ratio(extra, extra1)} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 3, 10])
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--register", type=Path, default=REGISTER)
    ap.add_argument("--baseline-timeout", type=float, default=900.0,
                    help="seconds the rdflib baseline may take per scale")
    ap.add_argument("--baseline-mem-gb", type=float, default=8.0,
                    help="address-space cap of the rdflib baseline process")
    ap.add_argument("--ours-mem-gb", type=float, default=16.0,
                    help="address-space cap of our process (protects a shared machine)")
    ap.add_argument("--markdown", type=Path, help="also write the table to this file")
    a = ap.parse_args()
    if a.child:
        kind, *rest = a.child
        if kind == "ours":
            spec = json.loads(Path(rest[2]).read_text())
            child_ours(Path(rest[0]), int(rest[1]), spec["names"], spec["queries"],
                       Path(rest[3]))
        else:
            child_baseline(Path(rest[0]), json.loads(Path(rest[1]).read_text()),
                           float(rest[2]))
        return
    if not a.register.exists():
        print(f"SIPRI register not found at {a.register}: skipped (it is never committed)")
        return
    queries = top_queries(a.register, a.queries)
    results = []
    with tempfile.TemporaryDirectory(prefix="armsgraph-bench-") as tmp:
        for f in a.factors:
            print(f"scale {f}x …", file=sys.stderr, flush=True)
            r = measure(f, a.register, queries, Path(tmp), a.baseline_timeout,
                        a.baseline_mem_gb, a.ours_mem_gb)
            results.append(r)
            print(json.dumps(r), file=sys.stderr, flush=True)
    text = (f"Machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
            f"{len(queries)} destinations queries per scale.\n\n" + table(results))
    print(text)
    if a.markdown:
        a.markdown.write_text(text + "\n")


if __name__ == "__main__":
    main()
