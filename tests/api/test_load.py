"""Load on a real uvicorn: 8 concurrent ingests and 32 concurrent readers for 30 s.

The server runs as its own process on a free 127.0.0.1 port, over an on-disk store copied
from a built one, with a write token. Writers post distinct article texts (the gold
articles, each made new by one appended sentence) until the time is up; readers list the
sources over and over and, for every source whose ingest had returned before they asked,
check that the fact count they see is the one the POST reported, and now and then fetch
that source whole (its triples and facts must match the POST too). A reader that saw a
source with part of its facts would report a mismatch: the article's named graph is
written by one transaction, so it must never happen.

Every request is bounded (a timeout each, a count cap per worker), everything stops at
the deadline by itself, and traffic goes to 127.0.0.1 only. The duration comes from
``ARMSGRAPH_LOAD_SECONDS`` (30 by default); the measured numbers go to
``test-output/load.json`` and are printed. ``ARMSGRAPH_LOAD_FROM`` names a store folder to
copy instead of building the seed graph (the SIPRI register's, say).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from armsgraph.load.build import build
from armsgraph.settings import PROJECT_ROOT
from armsgraph.store import VERSION_FILE, OxigraphStore
from tests.api.test_uvicorn import free_port, stop, wait_until_up
from tests.conftest import DATA_DIR, ONTOLOGY_DIR

SECONDS = float(os.environ.get("ARMSGRAPH_LOAD_SECONDS", "30"))
WRITERS = 8
READERS = 32
TOKEN = "load-test-token"
#: Caps that keep the run bounded whatever the speed of the machine.
MAX_WRITES_PER_WRITER = 200
MAX_READS_PER_READER = 20_000
REQUEST_TIMEOUT = 60.0
TEXTS = sorted((PROJECT_ROOT / "tests" / "gold").glob("*.txt"))


@dataclass
class Tally:
    """What the workers did, shared between threads under a lock."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    #: source key → (facts, triples) as the POST answered, once the POST has returned.
    ingested: dict[str, tuple[int, int]] = field(default_factory=dict)
    read_seconds: list[float] = field(default_factory=list)
    write_seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    checks: int = 0

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


#: A store folder to load instead of the seed graph (e.g. one with the SIPRI register):
#: copied (a checkpoint of a read-only open, with its saved snapshot parts), never written.
FROM = os.environ.get("ARMSGRAPH_LOAD_FROM")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn as a process over a copy of a built on-disk store, with a write token."""
    root = tmp_path_factory.mktemp("load")
    if FROM:
        source = OxigraphStore(FROM, read_only=True)
        source.checkpoint(root / "store")
        source.close()
        if (Path(FROM) / VERSION_FILE).is_file():  # names the content: saved parts load
            shutil.copy2(Path(FROM) / VERSION_FILE, root / "store" / VERSION_FILE)
        saved = Path(FROM).with_name(Path(FROM).name + ".snapshot")
        if saved.is_dir():
            shutil.copytree(saved, root / "store.snapshot")
    else:
        built = OxigraphStore(root / "built")
        build(built, ONTOLOGY_DIR, DATA_DIR)
        built.close()
        shutil.copytree(root / "built", root / "store")
    port = free_port()
    env = {
        **os.environ,
        "ARMSGRAPH_STORE": str(root / "store"),
        "ARMSGRAPH_WRITE_TOKEN": TOKEN,
        "ARMSGRAPH_HOST": "127.0.0.1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "armsgraph_api.main:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--limit-concurrency", "200"],
        cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", 120)
        if FROM:  # a large store: the clock starts once the first listing has answered
            httpx.get(f"http://127.0.0.1:{port}/sources", timeout=600).raise_for_status()
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


def _timed(
    client: httpx.Client, method: str, url: str, status: int, tally: Tally, **kw: Any
) -> tuple[httpx.Response, float] | None:
    """The response and its time in seconds; None (and an error counted) unless ``status``."""
    start = time.monotonic()
    try:
        r = client.request(method, url, **kw)
    except httpx.HTTPError as err:
        tally.error(f"{method} {url}: {type(err).__name__} {err}")
        return None
    if r.status_code != status:
        tally.error(f"{method} {url} answered {r.status_code}: {r.text[:200]}")
        return None
    return r, time.monotonic() - start


def _writer(base: str, n: int, deadline: float, tally: Tally) -> None:
    texts = [p.read_text(encoding="utf-8") for p in TEXTS]
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT, headers=headers) as client:
        for i in range(MAX_WRITES_PER_WRITER):
            if time.monotonic() >= deadline:
                return
            text = f"{texts[(n + i) % len(texts)]}\n\nLoad-test update {n}-{i} of the story."
            meta = {"title": f"Load test {n}-{i}", "published": "2025-01-01"}
            answered = _timed(client, "POST", "/articles", 201, tally,
                              json={"text": text, "meta": meta})
            if answered is None:
                continue
            r, took = answered
            body = r.json()
            with tally.lock:
                tally.write_seconds.append(took)
                tally.ingested[body["key"]] = (body["facts"], body["triples"])


def _reader(base: str, n: int, deadline: float, tally: Tally) -> None:
    rng = random.Random(n)
    with httpx.Client(base_url=base, timeout=REQUEST_TIMEOUT) as client:
        for _ in range(MAX_READS_PER_READER):
            if time.monotonic() >= deadline:
                return
            with tally.lock:  # only sources whose POST returned before this request
                known = dict(tally.ingested)
            detail = bool(known) and rng.random() < 0.25
            key = rng.choice(sorted(known)) if detail else None
            url = f"/sources/{key}" if key else "/sources"
            answered = _timed(client, "GET", url, 200, tally,
                              params=None if key else {"limit": 1000})
            if answered is None:
                continue
            r, took = answered
            seen: list[str] = []
            if key:
                body = r.json()
                if (body["statements_total"], body["triples"]) != known[key]:
                    seen.append(f"{key}: statements/triples {body['statements_total']}/"
                                f"{body['triples']}, POST said {known[key]}")
                checked = 1
            else:
                items = [s for s in r.json()["items"] if s["key"] in known]
                seen = [f"{s['key']}: {s['fact_count']} facts listed, "
                        f"POST said {known[s['key']][0]}"
                        for s in items if s["fact_count"] != known[s["key"]][0]]
                checked = len(items)
            with tally.lock:
                tally.read_seconds.append(took)
                tally.checks += checked
                tally.mismatches.extend(seen)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def test_concurrent_ingests_and_readers(server: str, test_output: Path) -> None:
    tally = Tally()
    deadline = time.monotonic() + SECONDS
    threads = [threading.Thread(target=_writer, args=(server, n, deadline, tally))
               for n in range(WRITERS)]
    threads += [threading.Thread(target=_reader, args=(server, n, deadline, tally))
                for n in range(READERS)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(SECONDS + 2 * REQUEST_TIMEOUT)
    elapsed = time.monotonic() - started
    assert not any(t.is_alive() for t in threads), "a worker did not stop by itself"

    # Afterwards every ingested article is there, whole.
    missing = []
    with httpx.Client(base_url=server, timeout=REQUEST_TIMEOUT) as client:
        for key, (facts, triples) in sorted(tally.ingested.items()):
            r = client.get(f"/sources/{key}")
            got = r.json() if r.status_code == 200 else {}
            if (got.get("statements_total"), got.get("triples")) != (facts, triples):
                missing.append(f"{key}: {r.status_code} {r.text[:120]}")

    report = {
        "seconds": SECONDS,
        "elapsed": round(elapsed, 1),
        "writers": WRITERS,
        "readers": READERS,
        "ingests": len(tally.write_seconds),
        "reads": len(tally.read_seconds),
        "requests": len(tally.write_seconds) + len(tally.read_seconds),
        "source_checks": tally.checks,
        "errors": len(tally.errors),
        "mismatches": len(tally.mismatches),
        "missing_after": len(missing),
        "read_p50_ms": round(1000 * _quantile(tally.read_seconds, 0.5), 1),
        "read_p99_ms": round(1000 * _quantile(tally.read_seconds, 0.99), 1),
        "write_p50_ms": round(1000 * _quantile(tally.write_seconds, 0.5), 1),
        "write_p99_ms": round(1000 * _quantile(tally.write_seconds, 0.99), 1),
    }
    (test_output / "load.json").write_text(json.dumps(report, indent=2) + "\n")
    print("load:", json.dumps(report))

    assert tally.errors == [], tally.errors[:5]
    assert tally.mismatches == [], tally.mismatches[:5]
    assert missing == [], missing[:5]
    assert report["ingests"] >= WRITERS, "every writer should finish at least one ingest"
    assert tally.checks > 0, "readers never saw an ingested source: nothing was checked"
