"""Re-import benchmark: the SIPRI register re-imported unchanged and changed, as ratios
of the first import in the same run (issue 14: unchanged <= 0.5x the first import).

Each step is the CLI in a fresh process on one on-disk store, as a user runs it
(``armsgraph build --no-articles`` once, then ``armsgraph import sipri``):

Every import runs with ``--no-derived`` (the import alone: saving the projection and the
read index for the next cold reader is measured by ``bench_first_answer.py``).

*first*      the register into a store that holds the reference data only;
*unchanged*  the same file again (a parse, a link and a comparison of the graph's digest:
             nothing is converted or written);
*changed*    a release with every 100th deal's number ordered changed and every 300th deal
             deleted (about 1.3 % of the deals): only the difference is written;
*fresh*      the changed release into a second new store: its SIPRI graph must equal the
             re-imported one (checked as sets of N-Triples lines), else the bench fails.

Wall time and peak RSS (the child's ``ru_maxrss``) of each step. The register is read from
``../shared/datasets`` (never committed); without it the bench says so and exits 0.

Usage: ``python bench/bench_reimport.py [--markdown FILE]``
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REGISTER = ROOT.parent / "shared" / "datasets" / "sipri-trade-register" / "trade-register.csv"
PREAMBLE_LINES = 12  # 11 lines of notes and the header

#: Runs one CLI command in this child and prints its peak RSS (MB) on the last line.
_CHILD = (
    "import resource, sys\n"
    "from armsgraph.cli import app\n"
    "try:\n"
    "    app(sys.argv[1:], standalone_mode=False)\n"
    "finally:\n"
    "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
)


def changed_release(register: Path, out: Path) -> tuple[int, int, int]:
    """Write ``register`` with every 100th deal's number ordered changed and every 300th
    deal deleted; return (rows, changed, deleted)."""
    text = register.read_bytes().decode("cp1252")
    lines = text.split("\n")
    head, body = lines[:PREAMBLE_LINES], "\n".join(lines[PREAMBLE_LINES:])
    rows = [r for r in csv.reader(io.StringIO(body)) if r]
    buf = io.StringIO()
    buf.write("\n".join(head) + "\n")
    w = csv.writer(buf, lineterminator="\n")
    changed = deleted = 0
    for i, r in enumerate(rows):
        if i % 300 == 299:
            deleted += 1
            continue
        if i % 100 == 99:
            r = list(r)
            r[4] = str(int(r[4]) + 1) if r[4].strip().isdigit() else "1"
            changed += 1
        w.writerow(r)
    out.write_bytes(buf.getvalue().encode("cp1252"))
    return len(rows), changed, deleted


def cli(*args: str) -> tuple[float, float, str]:
    """Run ``armsgraph ARGS`` in a fresh process; (seconds, peak MB, output)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / ".pkg")}
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], env=env, check=True,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - t
    *text, peak = done.stdout.rstrip("\n").split("\n")
    return seconds, float(peak), "\n".join(text)


def sipri_lines(folder: Path) -> set[str]:
    """The SIPRI graph of the store in ``folder`` as N-Triples lines."""
    from armsgraph import ids  # noqa: PLC0415
    from armsgraph.store import OxigraphStore  # noqa: PLC0415

    store = OxigraphStore(folder)
    try:
        return set(store.dump("nt", ids.SIPRI_GRAPH).decode().splitlines())
    finally:
        store.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--markdown", type=Path, help="also write the table here")
    args = ap.parse_args()
    if not REGISTER.exists():
        print(f"SIPRI register not present at {REGISTER}: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        release = work / "changed.csv"
        rows, changed, deleted = changed_release(REGISTER, release)
        one, two = work / "store", work / "fresh"
        for folder in (one, two):
            cli("build", "--no-articles", "--store", str(folder))
        steps: list[tuple[str, float, float, str]] = []
        for name, file, folder in (("first", REGISTER, one), ("unchanged", REGISTER, one),
                                   ("changed", release, one), ("fresh", release, two)):
            s, mb, text = cli("import", "sipri", str(file), "--store", str(folder),
                              "--no-progress", "--no-derived")
            steps.append((name, s, mb, text.split("\n")[3].strip()))
        same = sipri_lines(one) == sipri_lines(two)
    base = steps[0][1]
    table = [
        f"SIPRI register: {rows} deals; changed release: {changed} changed, {deleted} "
        "deleted",
        "",
        "| step | wall s | ratio to first import | peak MB | what the report says |",
        "|---|---|---|---|---|",
    ]
    table += [f"| {n} | {s:.1f} | {s / base:.2f}x | {mb:.0f} | {what} |"
              for n, s, mb, what in steps]
    table += ["", f"changed re-import equals a fresh import of the release: {same}",
              "target: unchanged <= 0.5x the first import"]
    print("\n".join(table))
    if args.markdown:
        args.markdown.write_text("\n".join(table) + "\n")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
