"""Every attack shape of issue 18 at 10x the size that crashed or swelled the server.

Starts ``uvicorn`` (its own process, 127.0.0.1 only) over an on-disk store built from
``ontology/`` and ``data/``, sends each attack once while a thread asks ``/health`` every
0.2 s, and reports per attack: the status, the peak resident memory of the server and its
query workers (from /proc), the slowest ``/health`` during the attack and the one after.
The must-show of the issue: no server death, peak RSS < 2 GB, ``/health`` < 1 s.

Usage: ``python bench/bench_attacks.py [--out test-output/attacks.json]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def attacks() -> dict[str, Callable[[str], object]]:
    import httpx

    from tests.graph.store.test_sparql import CRASH_SHAPES

    def sparql(query: str) -> Callable[[str], object]:
        return lambda base: httpx.post(base + "/sparql", content=query.encode(), timeout=120,
                                       headers={"Content-Type": "application/sparql-query"})

    out: dict[str, Callable[[str], object]] = {
        f"{name} x{10 * n:,}": sparql(make(10 * n)) for name, (make, n) in CRASH_SHAPES.items()
    }
    out["concat-chain x300"] = sparql("SELECT ?a300 WHERE { BIND('ab' AS ?a0) " + " ".join(
        f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(300)) + " }")
    out["optional x2,000"] = sparql("SELECT * WHERE { ?s0 ?p0 ?o0 " + " ".join(
        f"OPTIONAL {{ ?s{i} ?p{i} ?o{i} }}" for i in range(1, 2000)) + " }")
    out["optional x400 (under the clause limit)"] = sparql(
        "SELECT * WHERE { ?s0 ?p0 ?o0 " + " ".join(
            f"OPTIONAL {{ ?s{i} ?p{i} ?o{i} }}" for i in range(1, 400)) + " }")
    out["cartesian count"] = sparql(
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    out["bif:http_get"] = sparql("SELECT (bif:http_get('http://127.0.0.1:9/') AS ?x) {}")
    out["triple term"] = sparql("SELECT ?t WHERE { BIND(<<( <urn:a> <urn:b> <urn:c> )>> AS ?t) }")
    out["non-UTF-8 JSON x10"] = lambda base: httpx.post(
        base + "/articles", content=b'{"text": "\xff\xfe' + b"\xff" * 60_000 + b'"}',
        headers={"Content-Type": "application/json"}, timeout=120)
    out["20 MB article (10x 2 MB)"] = lambda base: httpx.post(
        base + "/articles", content=b"Japan sent missiles. " * 1_000_000,
        headers={"Content-Type": "text/plain"}, timeout=120)
    out["cross-site text/plain POST"] = lambda base: httpx.post(
        base + "/articles", content=b"Germany sold 12 tanks to Japan.", timeout=120,
        headers={"Content-Type": "text/plain", "Origin": "https://evil.example",
                 "Sec-Fetch-Site": "cross-site"})
    return out


def main() -> None:
    import httpx

    from graph.load.build import build
    from graph.store import OxigraphStore
    from tests.api.test_uvicorn import _rss_of_tree, free_port, wait_until_up
    from tests.conftest import DATA_DIR, ONTOLOGY_DIR

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "test-output" / "attacks.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        build(store, ONTOLOGY_DIR, DATA_DIR)
        store.close()
        port = free_port()
        env = {**os.environ, "ARMSGRAPH_STORE": str(Path(tmp) / "store"),
               "ARMSGRAPH_WRITE_TOKEN": "", "ARMSGRAPH_QUERY_TIMEOUT": "5"}
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "api.main:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--log-level", "error"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        report: dict[str, dict[str, object]] = {}
        try:
            wait_until_up(base + "/health", 120)
            for name, attack in attacks().items():
                result: list[object] = []
                thread = threading.Thread(target=lambda a=attack, r=result: r.append(a(base)))
                peak, slowest, checks = _rss_of_tree(proc.pid), 0.0, 0
                thread.start()
                while thread.is_alive() or checks == 0:
                    started = time.monotonic()
                    ok = httpx.get(base + "/health", timeout=30).status_code == 200
                    slowest = max(slowest, time.monotonic() - started)
                    peak = max(peak, _rss_of_tree(proc.pid))
                    checks += 1
                    assert ok
                    time.sleep(0.2)
                thread.join()
                started = time.monotonic()
                after_ok = httpx.get(base + "/health", timeout=30).status_code == 200
                after = time.monotonic() - started
                response = result[0]
                report[name] = {
                    "status": getattr(response, "status_code", repr(response)),
                    "peak_rss_mb": round(peak / 2**20), "health_checks": checks,
                    "health_max_s": round(slowest, 3), "health_after_s": round(after, 3),
                    "server_alive": proc.poll() is None and after_ok,
                }
                print(f"{name:42} {report[name]}", flush=True)
        finally:
            proc.terminate()
            proc.wait(30)
            args.out.parent.mkdir(exist_ok=True)
            args.out.write_text(json.dumps(report, indent=2))
    worst = max(r["peak_rss_mb"] for r in report.values())  # type: ignore[type-var]
    slow = max(max(r["health_max_s"], r["health_after_s"])  # type: ignore[type-var]
               for r in report.values())
    deaths = sum(not r["server_alive"] for r in report.values())
    print(f"{len(report)} attacks: server deaths {deaths}, peak RSS {worst} MB, "
          f"slowest /health {slow:.3f} s")


if __name__ == "__main__":
    main()
