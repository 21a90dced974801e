"""Everything derived from a store, one snapshot per store generation.

A :class:`Snapshot` is what the store looked like at one ``generation``, as the layers
that read it need it: the NetworkX projection (:mod:`armsgraph.reason.project`), the API's read
index (:mod:`armsgraph.views.index`), the extraction catalog (:mod:`armsgraph.extract.catalog`) and
the memos of answers (:mod:`armsgraph.reason.paths`). It is the only cache between a question and
the store: :func:`snapshot` gives the current one, and a write makes the next call give
a new one.

Each kind of derived state is a :class:`Part`, declared by the module that owns it: how
to build it from the store, how to refresh an older value from the writes since
(:meth:`armsgraph.store.Store.changes_since`; ``None`` when it cannot, e.g. after a
replaced graph), and, optionally, how to save it to a folder and load it back. A part is
built on first use in a snapshot, once (callers that arrive meanwhile wait for it), from
the value of the snapshot before when that one had it (refresh), else from disk, else
from the whole store. Once built it is never changed, so a reader holding a snapshot sees
it whole whatever writes happen meanwhile.

A snapshot made at generation ``g`` is served to every caller that arrives while the
store is at ``g`` or below, also while a write runs: a reader sees the parts of the
generation before, whole. A part is built or refreshed inside :meth:`Store.steady
<armsgraph.store.OxigraphStore.steady>` (no write of this process runs meanwhile; a reader
that arrives during one waits for it), so it holds every write up to ``g`` or a later
generation, each write whole, never half a write (refreshing it again from ``g`` is
harmless: refreshes re-read what the writes touched).

Saved parts live beside an on-disk store, in ``<store>.snapshot/``, one folder per part,
named by the store's :attr:`~armsgraph.store.OxigraphStore.version` (a stamp that changes
with every write and lasts across processes) and by the part's ``code`` key (the code
that made it): a cold process whose store has the same content loads the part instead of
rebuilding it. A folder is written under a temporary name and renamed into place.

Memos (:meth:`Snapshot.memo`) are bounded tables of answers computed from the parts;
they go with the snapshot.

Examples
--------
>>> from armsgraph.store import OxigraphStore
>>> from rdflib import URIRef
>>> store = OxigraphStore()
>>> graphs = Part("graphs", build=lambda s: tuple(s.graphs()))
>>> snapshot(store).get(graphs)
()
>>> snapshot(store) is snapshot(store)
True
>>> _ = store.put_graph(URIRef("urn:g"), [])
>>> snapshot(store).get(graphs)
(rdflib.term.URIRef('urn:g'),)
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import threading
import uuid
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from ..errors import StoreError
from ..heap import no_cyclic_gc, release, settle
from . import Change, Store

__all__ = ["Part", "Snapshot", "Memo", "snapshot", "forget", "saved_folder", "code_key",
           "no_cyclic_gc", "is_saved", "save_parts"]

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Part(Generic[T]):
    """One kind of derived state, declared by the module that owns it.

    Attributes
    ----------
    name : its name in a snapshot and on disk (letters, digits, ``-``).
    build : makes it from the whole store.
    refresh : ``refresh(store, old, changes)`` makes it from an older value and the
        writes made since (:data:`~armsgraph.store.Change`), or gives None to build instead.
        It must not change ``old``.
    save : ``save(value, folder)`` writes it into an empty folder (None: never saved).
    load : ``load(folder)`` reads what ``save`` wrote.
    code : a key of the code that makes it (:func:`code_key`): a part saved by other code
        is not loaded.
    steady : build and refresh it inside :meth:`Store.steady` (the default). False for a
        part made from other parts (and single queries) only: it must not hold the write
        lock while waiting for a part that another thread builds inside it.
    """

    name: str
    build: Callable[[Store], T]
    refresh: Callable[[Store, T, list[Change]], T | None] | None = None
    save: Callable[[T, Path], None] | None = None
    load: Callable[[Path], T] | None = None
    code: str = ""
    steady: bool = True


def code_key(*files: str | Path) -> str:
    """A short key of source files and the interpreter, for :attr:`Part.code`.

    >>> len(code_key(__file__))
    16
    """
    h = hashlib.blake2b(digest_size=8)
    h.update(sys.version.encode())
    for f in files:
        h.update(Path(f).read_bytes())
    return h.hexdigest()


class Memo:
    """A bounded table of computed answers, safe to share between threads.

    The first value put for a key is kept (two threads that computed the same answer
    keep one); the oldest entries go when it is full. Values must not be changed once
    put.

    >>> m = Memo(size=2)
    >>> m.put("a", 1), m.put("a", 2), m.get("a")
    (1, 1, 1)
    >>> _ = m.put("b", 2), m.put("c", 3)
    >>> m.get("a") is None, len(m)
    (True, 2)
    """

    def __init__(self, size: int = 256):
        self.size = size
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        """The value for ``key``, or None."""
        return self._items.get(key)

    def put(self, key: Hashable, value: T) -> T:
        """Keep ``value`` for ``key`` unless one is there; return the value kept."""
        with self._lock:
            got = self._items.get(key)
            if got is not None:
                return cast(T, got)
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
            return value

    def __len__(self) -> int:
        return len(self._items)


_MISSING = object()


class Snapshot:
    """The derived state of one store at one generation (see the module docs).

    Made by :func:`snapshot`, never directly. ``generation`` is the store's generation
    when it was made; ``version`` the store's content stamp then (None when it has none).
    """

    def __init__(self, store: Store, generation: int,
                 bases: dict[str, tuple[int, Any]], pending: dict[str, Snapshot]):
        self._store = weakref.ref(store)
        self.generation = generation
        self.version = store.version
        #: Values of an older snapshot, with its generation, to refresh from.
        self._bases = bases
        #: Parts an older snapshot was building when this one was made: wait for them.
        self._pending = pending
        self._values: dict[str, Any] = {}
        self._building: set[str] = set()
        self._locks: dict[str, threading.Lock] = {}
        self._memos: dict[str, Memo] = {}
        self._lock = threading.Lock()

    @property
    def store(self) -> Store:
        store = self._store()
        if store is None:
            raise StoreError("the store of this snapshot was closed and released")
        return store

    def has(self, part: Part[Any]) -> bool:
        """Whether ``part`` is built in this snapshot."""
        return part.name in self._values

    def get(self, part: Part[T]) -> T:
        """The value of ``part`` in this snapshot, built on first use (see module docs)."""
        got = self._values.get(part.name, _MISSING)
        if got is not _MISSING:
            return cast(T, got)
        with self._lock:
            lock = self._locks.setdefault(part.name, threading.Lock())
        with lock:
            got = self._values.get(part.name, _MISSING)
            if got is not _MISSING:
                return cast(T, got)
            with self._lock:
                self._building.add(part.name)
            try:
                value = self._make(part)
            finally:
                with self._lock:
                    self._building.discard(part.name)
            self._values[part.name] = value
            with self._lock:
                self._bases.pop(part.name, None)
                self._pending.pop(part.name, None)
            return value

    def _make(self, part: Part[T]) -> T:
        store = self.store
        older = self._pending.get(part.name)
        base = self._bases.get(part.name)
        if older is not None:  # the snapshot before was building it: use what it made
            base = (older.generation, older.get(part))
        older = None
        steady = store.steady if part.steady else nullcontext
        if base is not None and part.refresh is not None:
            with steady(), no_cyclic_gc():  # never from a half-written graph
                changes = store.changes_since(base[0])
                value = part.refresh(store, base[1], changes) if changes is not None else None
                if value is not None:
                    base = None
                    self._settle(part)
                    return value
        base = None
        with no_cyclic_gc():
            loaded = _load(store, part)
            if loaded is not _MISSING:
                self._settle(part)
                return cast(T, loaded)
        with steady(), no_cyclic_gc():
            version = store.version
            value = part.build(store)
            self._settle(part)
        if version is not None:
            _save(store, part, value, version)
        return value

    def _settle(self, part: Part[Any]) -> None:
        """A part was made (the collector still paused): let go of the value it was made
        from, and freeze what is alive when the making left many objects
        (:func:`armsgraph.heap.settle`: no later collection walks them)."""
        with self._lock:
            self._bases.pop(part.name, None)
            self._pending.pop(part.name, None)
        settle()

    def memo(self, name: str, size: int = 256) -> Memo:
        """The memo ``name`` of this snapshot (made empty on first use)."""
        got = self._memos.get(name)
        if got is None:
            with self._lock:
                got = self._memos.setdefault(name, Memo(size))
        return got

    def _next(self, store: Store) -> Snapshot:
        """The snapshot after this one: it refreshes from this one's parts."""
        with self._lock:
            bases = dict(self._bases)
            bases.update({name: (self.generation, v) for name, v in self._values.items()})
            pending = {name: self for name in self._building}
        return Snapshot(store, store.generation, bases, pending)


_lock = threading.Lock()
_current: weakref.WeakKeyDictionary[Store, Snapshot] = weakref.WeakKeyDictionary()


def snapshot(store: Store) -> Snapshot:
    """The snapshot of ``store`` for its current generation (shared by every caller).

    One made at a generation at least the store's on arrival is served; otherwise a new
    one is made from the current one (cheap: its parts are built when first asked for).
    """
    generation = store.generation
    cur = _current.get(store)
    if cur is not None and cur.generation >= generation:
        return cur
    with _lock:
        cur = _current.get(store)
        if cur is not None and cur.generation >= generation:
            return cur
        new = cur._next(store) if cur is not None else Snapshot(store, store.generation, {}, {})
        if cur is not None:
            release(cur)
        _current[store] = new
        return new


def forget(store: Store | None = None) -> None:
    """Drop the snapshot of ``store`` (of every store when None): the next is built anew
    (from disk when saved)."""
    with _lock:
        if store is None:
            for each in list(_current.values()):
                release(each)
            _current.clear()
        else:
            old = _current.get(store)
            if old is not None:
                release(old)
                del _current[store]


# -- saved parts ----------------------------------------------------------------------


def saved_folder(store: Store) -> Path | None:
    """Where the parts of an on-disk store are saved (``<store>.snapshot``), or None."""
    path = getattr(store, "path", None)
    if not isinstance(path, Path):
        return None
    return path.with_name(path.name + ".snapshot")


def _entry(part: Part[Any], version: str) -> str:
    return f"{part.name}-{version}-{part.code}"


def is_saved(store: Store, part: Part[Any]) -> bool:
    """Whether ``part`` is saved beside ``store`` for its current content (and code)."""
    folder, version = saved_folder(store), store.version
    return (folder is not None and version is not None
            and (folder / _entry(part, version)).is_dir())


def save_parts(store: Store, parts: Iterable[Part[Any]]) -> list[str]:
    """Make and save every part of ``parts`` that is not saved beside ``store`` for its
    current content; return the names of those made.

    What a command that wrote to an on-disk store calls before it ends (``armsgraph
    build``, ``import sipri``, ``ingest``), so that the next cold process — a server's
    first answer, a CLI question — loads the parts instead of building them. A part is
    refreshed from the values this process already holds when it can (a part loaded
    before an ingest is refreshed with the added graph), else built. Nothing is done for
    a store with no lasting version (in memory, remote, read-only during a write).
    """
    if saved_folder(store) is None or store.version is None:
        return []
    made: list[str] = []
    snap = snapshot(store)
    for part in parts:
        if part.save is None or is_saved(store, part):
            continue
        value = snap.get(part)
        version = store.version
        if version is not None and not is_saved(store, part):  # refreshed, not built
            _save(store, part, value, version)
        made.append(part.name)
    return made


def _load(store: Store, part: Part[Any]) -> Any:
    folder, version = saved_folder(store), store.version
    if folder is None or version is None or part.load is None:
        return _MISSING
    entry = folder / _entry(part, version)
    if not entry.is_dir():
        return _MISSING
    try:
        return part.load(entry)
    except Exception:  # noqa: BLE001 - a damaged or foreign file is rebuilt, not fatal
        shutil.rmtree(entry, ignore_errors=True)
        return _MISSING


def _save(store: Store, part: Part[T], value: T, version: str) -> None:
    folder = saved_folder(store)
    if folder is None or part.save is None:
        return
    entry = folder / _entry(part, version)
    tmp = folder / f".{entry.name}.{uuid.uuid4().hex}.tmp"
    try:
        tmp.mkdir(parents=True)
        part.save(value, tmp)
        if entry.exists():  # another process saved the same content first
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.rename(entry)
        for old in folder.glob(f"{part.name}-*"):
            if old != entry:
                shutil.rmtree(old, ignore_errors=True)
        for stale in folder.glob(f".{part.name}-*.tmp"):
            if stale != tmp and not _recent(stale):
                shutil.rmtree(stale, ignore_errors=True)
    except OSError:  # a read-only or full disk: the part still serves from memory
        shutil.rmtree(tmp, ignore_errors=True)


def _recent(path: Path, seconds: float = 600.0) -> bool:
    import time  # noqa: PLC0415

    try:
        return time.time() - path.stat().st_mtime < seconds
    except OSError:
        return False
