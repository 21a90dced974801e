"""First paint of the map in a real browser: a cold server, Debian's Chromium, the default page.

For each store, a fresh ``uvicorn armsgraph_api.main:create_app --factory`` process is started
on it (this checkout's code), and as soon as ``/health`` answers a new Chromium page opens
``/map`` and waits for ``body[data-state="ready"]`` (the default question drawn). Printed per
store: seconds from the process start to listening, and from listening to the first paint
(median of ``--runs``), with the SIPRI/seed ratio. ``bench/bench_first_answer.py`` measures
the same start over HTTP only; this one includes the page's own scripts and drawing.

Usage: ``python bench/bench_first_paint_browser.py [--sipri-store PATH] [--runs 3]``; the seed
store is built in a temporary folder. Skipped (exit 0) without Chromium or Playwright.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(store: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / ".pkg"), "ARMSGRAPH_STORE": str(store),
            "ARMSGRAPH_HOST": "127.0.0.1"}


def one_start(browser: Any, store: Path) -> tuple[float, float]:
    """(seconds to listening, seconds from listening to the first paint) of one cold start."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "armsgraph_api.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=_env(store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"the server on {store} ended with {proc.returncode}")
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        listening = time.perf_counter()
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        try:
            page.goto(base + "/map")
            page.wait_for_selector('body[data-state="ready"]', timeout=120_000)
            painted = time.perf_counter()
        finally:
            page.close()
    finally:
        proc.terminate()
        proc.wait(30)
    return listening - started, painted - listening


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sipri-store", type=Path, help="a store that holds the register")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        print("skipped: playwright is not installed")
        return 0
    if CHROMIUM is None:
        print("skipped: Debian's chromium is not installed (scripts/setup-system.sh)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        seed = Path(tmp) / "seed"
        subprocess.run(
            [sys.executable, "-c", "import sys; from armsgraph.cli import main; main(sys.argv[1:])",
             "build", "--store", str(seed)],
            cwd=ROOT, env=_env(seed), check=True, capture_output=True)
        stores = {"seed": seed}
        if args.sipri_store is not None:
            stores["sipri"] = args.sipri_store
        results: dict[str, tuple[float, float]] = {}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                one_start(browser, seed)  # the first start of a new build saves nothing more
                for name, store in stores.items():
                    runs = [one_start(browser, store) for _ in range(args.runs)]
                    results[name] = (statistics.median(r[0] for r in runs),
                                     statistics.median(r[1] for r in runs))
                    print(f"{name}: " + ", ".join(f"{a:.2f} + {b:.2f} s" for a, b in runs),
                          flush=True)
            finally:
                browser.close()
    print(f"\nmedian of {args.runs} cold starts each, in Chromium; machine shared\n")
    print("| store | start to listening s | listening to first paint s | ratio to seed |")
    print("|---|---|---|---|")
    for name, (listen, paint) in results.items():
        print(f"| {name} | {listen:.2f} | {paint:.2f} | {paint / results['seed'][1]:.2f}x |")
    print("\ntarget: first paint <= 2 s with SIPRI loaded")
    return 0


if __name__ == "__main__":
    sys.exit(main())
