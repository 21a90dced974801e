"""A query worker process: ``python -m armsgraph.store.worker MEMORY_MB``.

It reads :class:`~armsgraph.store.sandbox.Job` s from stdin and writes
:class:`~armsgraph.store.sandbox.Reply` s to stdout, each pickled behind a length header,
after limiting its own address space to its size at start plus ``MEMORY_MB``. The parent
side (starting, feeding and killing workers) is :mod:`armsgraph.store.sandbox`.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
import sys
import time

from ..errors import StoreError
from . import OxigraphStore
from .sandbox import _HEADER, DEFAULT_MEMORY_MB, Job, Reply
from .sparql import answer

__all__ = ["serve"]


def _address_space() -> int:
    """This process's virtual size in bytes (Linux ``/proc``; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a no-op elsewhere)."""
    try:
        import ctypes  # noqa: PLC0415

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _open_read_only(path: str, tries: int = 3) -> OxigraphStore:
    """Open an on-disk store read-only beside its writer, trying again on an I/O error.

    RocksDB's read-only open beside a writing process can find an SST file that a
    compaction just removed (1 of 8 opens while a writer added a graph every 50 ms); the
    next open reads the new file list.
    """
    for attempt in range(tries):
        try:
            return OxigraphStore(path, read_only=True)
        except StoreError:
            if attempt == tries - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def serve(memory_mb: int) -> None:
    """Answer the jobs read from stdin on stdout until stdin closes (the worker's loop).

    The imports above are made before the address-space limit is set.
    """
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The protocol has the original stdout to itself; stray prints go to stderr.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inp = sys.stdin.buffer
    base = _address_space()
    if base:
        limit = base + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    store: OxigraphStore | None = None
    held: tuple[str | None, int] | None = None
    while True:
        header = inp.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        job: Job = pickle.loads(inp.read(_HEADER.unpack(header)[0]))  # noqa: S301
        try:
            if held != (job.path, job.generation) and (job.path or job.nquads is not None):
                store = None
                if job.path is not None:
                    store = _open_read_only(job.path)
                else:
                    store = OxigraphStore()
                    store.load(job.nquads or b"", "nquads")
                held = (job.path, job.generation)
            if store is None:
                raise StoreError("the query worker holds no store")
            reply = Reply(answer(store, job.query, job.fmt, cap=job.cap))
        except MemoryError:
            reply = Reply(None, "MemoryError")
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the caller
            reply = Reply(None, type(exc).__name__, str(exc))
        data = pickle.dumps(reply)
        out.write(_HEADER.pack(len(data)) + data)
        out.flush()


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_MEMORY_MB)
