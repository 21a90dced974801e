"""First answers of a server that starts cold, with the SIPRI register loaded, as ratios of
the same on the seed graph in the same run (issue 14: first HTTP answer and first map load
<= 2 s).

Two on-disk stores: *seed* (``armsgraph build``) and *sipri* (the same plus ``armsgraph
import sipri``). For each, the server (``uvicorn armsgraph_api.main:create_app --factory``) is
started twice in a fresh process: the *first start* after the import, and the *cold start*
after it. ``armsgraph build`` and ``armsgraph import sipri`` end by saving the snapshot's
parts beside the store, so both starts load them (before, the first start built them:
minutes with the register). Measured from
the process start: when it listens (imports, the store's open), and, from then on, what the
map's first paint asks for in order — the page, ``/map/start`` (the first question, the
slider's years, regions; the pickers ask ``/map/items`` as the user types), the default
question's ``/destinations`` — then an ``/entities`` search (the read index).

The register is read from ``../shared/datasets`` (never committed); without it the bench
says so and exits 0. Usage: ``python bench/bench_first_answer.py [--sipri-store DIR]``
(reuse a store that already holds the register).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_api import free_port  # noqa: E402

REGISTER = ROOT.parent / "shared" / "datasets" / "sipri-trade-register" / "trade-register.csv"
#: What the map's first paint asks for, in order, then a search.
REQUESTS = ("/", "/map/start", "/destinations?item=Patriot&origin=Japan&as_of=2026-01-01",
            "/entities?q=leopard")


def cli(*args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / ".pkg")}
    subprocess.run([sys.executable, "-c", "from armsgraph.cli import app; app()", *args],
                   env=env, check=True, capture_output=True)


def serve(store: Path) -> dict[str, float]:
    """Start a server on ``store``; seconds to listening, then each request's seconds."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / ".pkg"), "ARMSGRAPH_STORE": str(store),
           "ARMSGRAPH_HOST": "127.0.0.1"}
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "armsgraph_api.main:create_app", "--factory", "--host",
         "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    out: dict[str, float] = {}
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                httpx.get(base + "/static/map.css", timeout=1.0)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start within 300 s") from None
                time.sleep(0.05)
        out["listening"] = time.perf_counter() - t0
        t_listen = time.perf_counter()
        for path in REQUESTS:
            t = time.perf_counter()
            r = httpx.get(base + path, timeout=600, headers={"Accept": "application/json"})
            r.raise_for_status()
            out[path] = time.perf_counter() - t
        out["first paint"] = sum(out[p] for p in REQUESTS[:3])
        out["all, from listening"] = time.perf_counter() - t_listen
    finally:
        proc.terminate()
        proc.wait(30)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sipri-store", type=Path, help="a store that holds the register")
    args = ap.parse_args()
    if not REGISTER.exists() and args.sipri_store is None:
        print(f"SIPRI register not present at {REGISTER}: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed"
        cli("build", "--store", str(seed))
        sipri = args.sipri_store or Path(tmp) / "sipri"
        if args.sipri_store is None:
            cli("build", "--store", str(sipri))
            cli("import", "sipri", str(REGISTER), "--store", str(sipri), "--no-progress")
        runs = {}
        for name, store in (("seed", seed), ("sipri", sipri)):
            runs[(name, "first start")] = serve(store)
            runs[(name, "cold start")] = serve(store)
    keys = ["listening", *REQUESTS, "first paint", "all, from listening"]
    print("seconds; ratio sipri/seed in brackets\n")
    print("| measure | " + " | ".join(f"{n}, {s}" for n, s in runs) + " |")
    print("|---" * (len(runs) + 1) + "|")
    for k in keys:
        cells = []
        for (name, start), r in runs.items():
            cell = f"{r[k]:.2f}"
            if name == "sipri":
                cell += f" ({r[k] / runs[('seed', start)][k]:.1f}x)"
            cells.append(cell)
        print(f"| {k} | " + " | ".join(cells) + " |")
    print("\nfirst paint = the page + /map/start + the default /destinations, from listening;"
          " target: <= 2 s with SIPRI loaded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
