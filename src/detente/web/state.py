"""The server's shared resources: the store (read-only, reopened writable only to save)
and the text coder (loaded once, lazily).

DuckDB does not let one process hold a read-only and a read-write connection to
the same file at once. So ``StoreHolder`` keeps one read-only connection, gives
each request its own cursor on it, and for the explicit save action waits for
the readers to finish, closes it, opens a short-lived writable connection,
writes, closes that and reopens read-only. Readers that arrive meanwhile wait.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from detente.api import Store
from detente.errors import DetenteError, StoreError


class _StoreView(Store):
    """The store's methods over one cursor (a per-request connection to the same database)."""

    def __init__(self, parent: Store, con: Any) -> None:
        self.path = parent.path
        self.read_only = parent.read_only
        self._con = con

    def close(self) -> None:  # the holder owns the connection
        pass


class StoreHolder:
    """One store per server process, read by many requests and written only by ``writer()``."""

    def __init__(self, path: str | Path, *, read_only: bool = True) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._store: Store | None = Store(self.path, read_only=read_only)
        self.generation = 0  # bumped after each write; keys caches

    @contextlib.contextmanager
    def reader(self) -> Iterator[Store]:
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._readers += 1
        try:
            if self._store is None:
                raise StoreError(f"the store at {self.path} could not be reopened", hint="restart detente serve")
            cursor = self._store.con.cursor()
            try:
                yield _StoreView(self._store, cursor)
            finally:
                cursor.close()
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """A writable store for one save; the read-only connection is closed meanwhile."""
        with self._cond:
            while self._writing:
                self._cond.wait()
            self._writing = True
            while self._readers:
                self._cond.wait()
        try:
            if not self.read_only and self._store is not None:
                yield self._store
            else:
                if self._store is not None:
                    self._store.close()
                    self._store = None
                try:
                    with Store(self.path) as writable:
                        yield writable
                finally:
                    self._store = Store(self.path, read_only=True)
        finally:
            with self._cond:
                self.generation += 1
                self._writing = False
                self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            if self._store is not None:
                self._store.close()
                self._store = None


class CoderHolder:
    """The text coder, built on first use (loading spaCy takes seconds), once per process."""

    def __init__(self, coder: Any = None, factory: Callable[[], Any] | None = None) -> None:
        self._coder = coder
        self._factory = factory
        self._lock = threading.Lock()
        self._run_lock = threading.Lock()  # one text at a time: a spaCy pipeline is not meant for threads
        self.error: str | None = None

    def get(self) -> Any:
        if self._coder is not None:
            return self._coder
        with self._lock:
            if self._coder is None:
                try:
                    if self._factory is not None:
                        self._coder = self._factory()
                    else:
                        from detente.coder import Coder

                        self._coder = Coder()
                except DetenteError as exc:
                    self.error = str(exc)
                    raise
            return self._coder

    def code(self, text: str, date: str | None = None, doc_id: str | None = None) -> list[Any]:
        coder = self.get()
        with self._run_lock:
            return coder.code(text, date=date, doc_id=doc_id)

    @property
    def loaded(self) -> bool:
        return self._coder is not None


def ensure_store(path: str | Path | None) -> Path:
    """The store path to serve; an empty store is created (schema only) when there is none yet."""
    from detente import config

    p = config.resolve_db_path(path)
    if not p.exists():
        Store(p).close()
    return p


class LRU:
    """A small thread-safe least-recently-used cache (answers that only a save can change)."""

    def __init__(self, maxsize: int = 256) -> None:
        from collections import OrderedDict

        self._data: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.maxsize = maxsize

    def get(self, key: Any) -> Any:
        with self._lock:
            if key not in self._data:
                return None
            self._data.move_to_end(key)
            return self._data[key]

    def set(self, key: Any, value: Any) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
