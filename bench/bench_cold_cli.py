"""Cold CLI questions with the SIPRI register loaded, as ratios of the same cold questions
on the seed graph in the same run (issue 14: <= 2x; 7.7x when every process rebuilt the
projection).

Two on-disk stores: *seed* (``armsgraph build``) and *sipri* (the same plus ``armsgraph
import sipri``); both commands end by saving the projection, the read index and the map's
pickers beside the store, as a user's would. Each question is the CLI in a fresh process
(interpreter start, imports, the store's open, the saved projection's load, the answer),
run ``--runs`` times in turn on each store; the table gives the median wall time and the
peak RSS (the child's ``ru_maxrss``).

Questions: ``destinations --item Patriot --origin "United States"`` (with the register its
answer is ~50 KB of text against ~1 KB on the seed graph), ``paths`` of the same to
Ukraine, ``draw`` of the same as SVG, and ``destinations`` of Patriot from Japan (the map's
default question).

The register is read from ``../shared/datasets`` (never committed); without it the bench
says so and exits 0. Usage: ``python bench/bench_cold_cli.py [--runs 3] [--sipri-store DIR
--seed-store DIR]`` (reuse stores made by those commands).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGISTER = ROOT.parent / "shared" / "datasets" / "sipri-trade-register" / "trade-register.csv"

#: Runs one CLI command in this child and prints its peak RSS (MB) on stderr's last line.
_CHILD = (
    "import resource, sys\n"
    "from armsgraph.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:])\n"
    "finally:\n"
    "    sys.stderr.write(f'\\n{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}\\n')\n"
)

US = ("--item", "Patriot", "--origin", "United States", "--as-of", "2026-01-01")
JAPAN = ("--item", "Patriot", "--origin", "Japan", "--as-of", "2026-01-01")


def questions(out: Path) -> dict[str, tuple[str, ...]]:
    return {
        "destinations, Patriot from the US": ("destinations", *US),
        "paths, Patriot from the US to Ukraine": ("paths", *US, "--to", "Ukraine"),
        "draw, Patriot from the US": ("draw", *US, "-o", str(out)),
        "destinations, Patriot from Japan (the map's default)": ("destinations", *JAPAN),
    }


def cli(store: Path, *args: str) -> tuple[float, float]:
    """``armsgraph ARGS`` on ``store`` in a fresh process: (seconds, peak MB)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / ".pkg"), "ARMSGRAPH_STORE": str(store)}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t
    lines = done.stderr.rstrip("\n").split("\n")
    try:
        peak = float(lines[-1])
    except ValueError:
        peak = float("nan")
    if done.returncode != 0:
        raise SystemExit(f"armsgraph {' '.join(args)} failed:\n{done.stderr}")
    return seconds, peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sipri-store", type=Path, help="a store that holds the register")
    ap.add_argument("--seed-store", type=Path, help="a store made by armsgraph build")
    args = ap.parse_args()
    if not REGISTER.exists() and args.sipri_store is None:
        print(f"SIPRI register not present at {REGISTER}: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed = args.seed_store or work / "seed"
        sipri = args.sipri_store or work / "sipri"
        setup: dict[str, float] = {}
        if args.seed_store is None:
            setup["seed: build"] = cli(seed, "build")[0]
        if args.sipri_store is None:
            setup["sipri: build"] = cli(sipri, "build")[0]
            setup["sipri: import sipri (with derived data)"] = cli(
                sipri, "import", "sipri", str(REGISTER), "--no-progress")[0]
        qs = questions(work / "out.svg")
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for _ in range(args.runs):
            for name, q in qs.items():
                for label, store in (("seed", seed), ("sipri", sipri)):
                    times.setdefault((name, label), []).append(cli(store, *q))
    for step, s in setup.items():
        print(f"setup: {step}: {s:.1f} s")
    print(f"\nmedian of {args.runs} cold runs each (fresh process); machine shared\n")
    print("| question | seed s | sipri s | ratio | seed MB | sipri MB |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for name in qs:
        a = statistics.median(t for t, _ in times[(name, "seed")])
        b = statistics.median(t for t, _ in times[(name, "sipri")])
        ma = max(m for _, m in times[(name, "seed")])
        mb = max(m for _, m in times[(name, "sipri")])
        worst = max(worst, b / a)
        print(f"| {name} | {a:.2f} | {b:.2f} | {b / a:.2f}x | {ma:.0f} | {mb:.0f} |")
    print(f"\nworst ratio {worst:.2f}x; target <= 2x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
