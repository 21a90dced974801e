"""API throughput benchmark: armsgraph's endpoints against a hello-world FastAPI floor.

Starts two servers on free 127.0.0.1 ports, each one uvicorn worker without access log:

- ``hello``: a one-route FastAPI app (:func:`hello_app`), the first example of FastAPI's
  tutorial (an ``async def`` route returning ``{"hello": "world"}``): the floor any
  FastAPI endpoint stands on;
- ``armsgraph``: ``armsgraph_api.main:create_app`` over the graph built from ``data/`` in memory.

Each endpoint is driven for a fixed time by a bounded load generator: ``wrk`` when it is
installed (``apt-get install wrk``), else a Python one (httpx on asyncio, a fixed number of
connections). The table gives requests per second, p50 and p99 latency, and each
endpoint's throughput as a ratio of hello-world's measured in the same run; the target
for ``/destinations`` (Patriot from Japan) is at least 0.4.

Usage: ``python bench/bench_api.py [--seconds 5] [--connections 16] [--python]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
from fastapi import FastAPI

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET = 0.4
SELECT = (
    "PREFIX arms: <https://w3id.org/armsgraph/ontology#> "
    "SELECT ?s ?label WHERE { ?s a arms:State ; <http://www.w3.org/2000/01/rdf-schema#label> "
    "?label } ORDER BY ?label LIMIT 10"
)
ENDPOINTS = [
    ("hello world (floor)", "hello", "/"),
    ("/health", "armsgraph", "/health"),
    ("/destinations Patriot from Japan", "armsgraph",
     "/destinations?" + urlencode({"item": "patriot", "origin": "JPN"})),
    ("/sparql SELECT (10 states)", "armsgraph", "/sparql?" + urlencode({"query": SELECT})),
    ("/export Turtle (whole graph)", "armsgraph", "/export?format=turtle"),
]


def hello_app() -> FastAPI:
    """The floor: the smallest FastAPI app with one JSON route."""
    app = FastAPI()

    @app.get("/")
    async def hello() -> dict[str, str]:
        return {"hello": "world"}

    return app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(target: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn serving ``target`` (a factory) on a free loopback port; wait until it answers."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", target, "--factory", "--host", "127.0.0.1",
         "--port", str(port), "--log-level", "warning", "--no-access-log"],
        cwd=ROOT, env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/", timeout=1.0)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{target} did not start within 180 s")


def run_wrk(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    out = subprocess.run(
        ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} non-2xx answers\n{out}")

    def pct(p: str) -> float:
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rps, pct("50"), pct("99")


def run_python(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    """A bounded Python load generator: ``connections`` loops, each one request at a time."""

    async def main() -> list[float]:
        latencies: list[float] = []
        stop = time.perf_counter() + seconds
        limits = httpx.Limits(max_connections=connections)
        async with httpx.AsyncClient(limits=limits, timeout=30) as client:

            async def loop() -> None:
                while time.perf_counter() < stop:
                    t0 = time.perf_counter()
                    r = await client.get(url)
                    if r.status_code != 200:
                        raise SystemExit(f"{url}: status {r.status_code}")
                    latencies.append((time.perf_counter() - t0) * 1000)

            await asyncio.gather(*(loop() for _ in range(connections)))
        return latencies

    started = time.perf_counter()
    lat = asyncio.run(main())
    elapsed = time.perf_counter() - started
    q = statistics.quantiles(lat, n=100)
    return len(lat) / elapsed, q[49], q[98]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--python", action="store_true", help="use the Python load generator")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.python
    drive = run_wrk if use_wrk else run_python

    env = {**os.environ, "ARMSGRAPH_STORE": "memory", "ARMSGRAPH_HOST": "127.0.0.1"}
    servers = {
        "hello": start("bench.bench_api:hello_app", env),
        "armsgraph": start("armsgraph_api.main:create_app", env),
    }
    rows = []
    try:
        for name, server, path in ENDPOINTS:
            url = servers[server][1] + path
            httpx.get(url, timeout=60).raise_for_status()  # warm: build caches once
            rows.append((name, *drive(url, args.seconds, args.connections)))
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(30)

    floor = rows[0][1]
    generator = "wrk" if use_wrk else "python (httpx, asyncio)"
    print(f"load: {generator}, {args.connections} connections, {args.seconds} s per endpoint, "
          f"1 uvicorn worker per server, {os.cpu_count()} CPUs shared with the load generator")
    print(f"{'endpoint':<36} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs hello':>9}")
    for name, rps, p50, p99 in rows:
        print(f"{name:<36} {rps:>9.0f} {p50:>8.2f} {p99:>8.2f} {rps / floor:>9.2f}")
    dest = next(r for r in rows if r[0].startswith("/destinations"))[1] / floor
    verdict = "meets" if dest >= TARGET else "MISSES"
    print(f"/destinations at {dest:.2f} of hello-world {verdict} the target of {TARGET}")
    return 0 if dest >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
