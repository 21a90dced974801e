"""User SPARQL in worker processes: a deadline that ends the query, and bounded memory.

pyoxigraph cannot interrupt a running query, and a query of a few hundred bytes can
allocate without bound (each step of a chain of ``BIND(CONCAT(?a, ?a) AS ?b)`` doubles a
string; 200 ``OPTIONAL`` joins multiply rows). On a thread such a query keeps running
after the client's 503 and takes the server's memory with it (issue 18: 11.9 GB). So the
service answers user queries on the embedded store in worker processes:

- a worker is ``python -m armsgraph.store.worker``. After its imports it limits its own address
  space (``RLIMIT_AS``: its size then plus ``memory_mb``), so an allocation past the budget
  fails inside the worker: pyoxigraph aborts the worker process, Python raises
  ``MemoryError``, and either way the caller gets :class:`~armsgraph.errors.LimitExceeded`
  naming ``ARMSGRAPH_QUERY_MEMORY_MB``;
- at the deadline the worker is killed (``SIGKILL``), the caller gets
  :class:`~armsgraph.errors.QueryTimeout`, and the next query gets a fresh worker;
- the worker sees the store at the generation the query was asked at: an on-disk store
  is checkpointed once per generation (a RocksDB backup: hard links to its immutable
  files, in a folder beside the store) and the worker opens the checkpoint read-only,
  reopening when a later generation is asked for. Opening the live folder read-only
  instead failed under load (2 of 25 tries): RocksDB opens table files lazily, and a
  compaction in the writer removed one between the open and the query. A checkpoint's
  files are never removed while a worker may read it; an in-memory store is sent to the
  worker as N-Quads, once per generation (in-memory stores are for tests and small graphs);
- a worker dies with the server (``PR_SET_PDEATHSIG`` on Linux) or when its pipe closes.

A worker handles one query at a time; :class:`Sandbox` keeps up to ``workers`` of them.
Measured on a 2-core machine: a query costs 5–15 ms more than on a thread once a worker
is warm; starting a worker takes 0.3–1 s, and a reopen of the store at a new generation
a few ms.

Examples
--------
>>> from armsgraph.store import OxigraphStore
>>> box = Sandbox(OxigraphStore(), workers=1, memory_mb=256)
>>> box.answer("ASK { ?s ?p ?o }", "json", cap=10, timeout=30)
b'{"head":{},"boolean":false}'
>>> box.close()
"""

from __future__ import annotations

import os
import pickle
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..errors import LimitExceeded, QueryError, QueryTimeout, StoreError
from . import OxigraphStore

__all__ = ["Sandbox", "Job", "Reply", "DEFAULT_MEMORY_MB"]

#: The default address-space budget of one query worker, in MiB (ARMSGRAPH_QUERY_MEMORY_MB).
DEFAULT_MEMORY_MB = 512
_HEADER = struct.Struct("!Q")
#: What a worker's stderr says when pyoxigraph (Rust) could not allocate.
_RUST_OOM = b"memory allocation of"


@dataclass(frozen=True)
class Job:
    """One query for a worker, with the store it is asked of.

    ``path`` names an on-disk store to open read-only; otherwise ``nquads`` carries the
    whole in-memory store (None when the worker already holds ``generation``).
    """

    query: str
    fmt: str
    cap: int
    generation: int
    path: str | None
    nquads: bytes | None


@dataclass(frozen=True)
class Reply:
    """A worker's answer: the serialised result, or an error's class name and message."""

    data: bytes | None
    error: str | None = None
    message: str = ""


_ERRORS: dict[str, type[Exception]] = {
    "QueryError": QueryError,
    "LimitExceeded": LimitExceeded,
    "QueryTimeout": QueryTimeout,
    "StoreError": StoreError,
    "StoreBusy": StoreError,
}


def _memory_error(memory_mb: int) -> LimitExceeded:
    return LimitExceeded(
        f"the query needed more than {memory_mb} MB of memory (ARMSGRAPH_QUERY_MEMORY_MB); "
        "narrow it or add LIMIT"
    )


class _Worker:
    """One worker process and what it holds."""

    def __init__(self, memory_mb: int):
        env = dict(os.environ, MALLOC_ARENA_MAX="2", PYTHONWARNINGS="ignore")
        root = str(Path(__file__).parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", f"{__package__}.worker", str(memory_mb)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=env, close_fds=True,
        )
        assert self.proc.stdin and self.proc.stdout and self.proc.stderr
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout: IO[bytes] = self.proc.stdout
        os.set_blocking(self.proc.stderr.fileno(), False)
        #: The generation of the store the worker holds (None: none yet), and the one of
        #: the job it was last sent (it may hold either until it replies).
        self.generation: int | None = None
        self.pending: int | None = None

    def stderr(self) -> bytes:
        """What the worker wrote to stderr so far (after it died: why)."""
        assert self.proc.stderr is not None
        try:
            return self.proc.stderr.read() or b""
        except OSError:
            return b""

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for f in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if f is not None:
                try:
                    f.close()
                except OSError:
                    pass


class _Expired(Exception):
    """The deadline passed while talking to a worker."""


def _send(fd: int, data: bytes, deadline: float) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Expired
        _, writable, _ = select.select([], [fd], [], left)
        if writable:
            view = view[os.write(fd, view[: 1 << 16]):]


def _recv_exact(fd: int, n: int, deadline: float) -> bytes | None:
    chunks: list[bytes] = []
    while n:
        left = deadline - time.monotonic()
        if left <= 0:
            raise _Expired
        readable, _, _ = select.select([fd], [], [], left)
        if readable:
            chunk = os.read(fd, min(n, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            n -= len(chunk)
    return b"".join(chunks)


class Sandbox:
    """Answer user SPARQL on ``store`` in worker processes with a deadline and a memory cap.

    Parameters
    ----------
    store : the embedded store the queries read (on disk or in memory).
    workers : the most worker processes (one query each at a time).
    memory_mb : each worker's address-space budget above its size after imports.
    """

    def __init__(self, store: OxigraphStore, *, workers: int = 4,
                 memory_mb: int = DEFAULT_MEMORY_MB):
        self.store = store
        self.memory_mb = memory_mb
        self._slots = threading.BoundedSemaphore(workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._dump: tuple[int, bytes] | None = None
        self._closed = False
        #: Every worker alive (idle or busy), and the checkpoints of an on-disk store by
        #: generation, in a folder of their own beside it (hard links need the same disk).
        self._live: set[_Worker] = set()
        self._checkpoints: dict[int, Path] = {}
        self._root: Path | None = None

    def prestart(self) -> None:
        """Start one worker now, so the first query does not wait for its imports."""
        with self._lock:
            if not self._idle and not self._closed:
                worker = _Worker(self.memory_mb)
                self._live.add(worker)
                self._idle.append(worker)

    def answer(self, query: str, fmt: str, *, cap: int, timeout: float) -> bytes:
        """:func:`armsgraph.store.sparql.answer` in a worker, ended after ``timeout`` seconds.

        Raises QueryTimeout at the deadline (the worker is killed), LimitExceeded over the
        memory budget or the cap, QueryError for a refused or malformed query.
        """
        deadline = time.monotonic() + timeout
        if not self._slots.acquire(timeout=timeout):
            raise QueryTimeout(f"the query could not start within {timeout:g} s: all query "
                               "workers are busy (ARMSGRAPH_QUERY_TIMEOUT)")
        try:
            worker = self._take()
            try:
                reply = self._ask(worker, query, fmt, cap, deadline)
            except _Expired:
                self._drop(worker)
                raise QueryTimeout(f"the query took longer than {timeout:g} s "
                                   "(ARMSGRAPH_QUERY_TIMEOUT) and was stopped") from None
            except BaseException:
                self._drop(worker)
                raise
            if reply is None:
                why = worker.stderr()
                self._drop(worker)
                code = worker.proc.returncode
                if _RUST_OOM in why or code == -signal.SIGABRT:
                    raise _memory_error(self.memory_mb)
                raise QueryError(f"the query stopped its worker (exit {code}); it is refused")
            self._give_back(worker)
        finally:
            self._slots.release()
        if reply.error is not None:
            if reply.error == "MemoryError":
                raise _memory_error(self.memory_mb)
            raise _ERRORS.get(reply.error, QueryError)(reply.message)
        assert reply.data is not None
        return reply.data

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.proc.poll() is None:
                    return worker
                self._live.discard(worker)
                worker.kill()
            worker = _Worker(self.memory_mb)
            self._live.add(worker)
            return worker

    def _drop(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._live.discard(worker)
            self._remove_checkpoints_when_closed()

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                self._prune()  # the generation it held before this query may be free now
                return
        self._drop(worker)

    def _remove_checkpoints_when_closed(self) -> None:
        """After close, with the last worker gone: remove the checkpoints (lock held)."""
        if self._closed and not self._live and self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root, self._checkpoints = None, {}

    def _job(self, worker: _Worker, query: str, fmt: str, cap: int) -> Job:
        generation = self.store.generation
        if self.store.path is not None:
            with self._lock:
                worker.pending = generation
                folder = self._checkpoints.get(generation)
                if folder is None:
                    folder = self._checkpoints[generation] = self._checkpoint(generation)
                self._prune()
            return Job(query, fmt, cap, generation, str(folder), None)
        nquads = None
        if worker.generation != generation:
            with self._lock:
                if self._dump is None or self._dump[0] != generation:
                    self._dump = (generation, self.store.dump("nquads"))
                _, nquads = self._dump
        return Job(query, fmt, cap, generation, None, nquads)

    def _ask(self, worker: _Worker, query: str, fmt: str, cap: int,
             deadline: float) -> Reply | None:
        job = self._job(worker, query, fmt, cap)
        try:
            _send(worker.stdin.fileno(), pickle.dumps(job), deadline)
        except BrokenPipeError:
            return None
        header = _recv_exact(worker.stdout.fileno(), _HEADER.size, deadline)
        if header is None:
            return None
        body = _recv_exact(worker.stdout.fileno(), _HEADER.unpack(header)[0], deadline)
        if body is None:
            return None
        worker.generation = job.generation
        reply: Reply = pickle.loads(body)  # noqa: S301 - our own worker's reply
        return reply

    def _checkpoint(self, generation: int) -> Path:
        """A RocksDB checkpoint of the store as it is now (at least ``generation``).

        It is flushed first, so the worker's read-only open replays no write-ahead log
        (without a flush the open took 5.7 s after 192 small writes).
        """
        assert self.store.path is not None
        if self._root is None:
            try:  # beside the store: hard links, not copies
                self._root = Path(tempfile.mkdtemp(prefix=f".{self.store.path.name}-queries-",
                                                   dir=self.store.path.parent))
            except OSError:  # a folder we cannot write in: copies in the temporary folder
                self._root = Path(tempfile.mkdtemp(prefix="armsgraph-queries-"))
        folder = self._root / str(generation)
        shutil.rmtree(folder, ignore_errors=True)
        self.store.flush()
        try:
            self.store.checkpoint(folder)
        except StoreError:  # e.g. a store opened read-only: read the live folder then
            return self.store.path
        return folder

    def _prune(self) -> None:
        """Remove the checkpoints no worker holds or is being sent (caller holds the lock)."""
        newest = max(self._checkpoints, default=None)
        held = {newest} | {g for w in self._live for g in (w.generation, w.pending)}
        for generation in [g for g in self._checkpoints if g not in held]:
            folder = self._checkpoints.pop(generation)
            if folder != self.store.path:
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        """Stop the idle workers; busy ones are stopped when their query returns.

        The checkpoints are removed with the last worker (a busy one may still read one).
        """
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._live.difference_update(idle)
        for worker in idle:
            worker.kill()
        with self._lock:
            self._remove_checkpoints_when_closed()
