"""A store folder: its lock and its opening, apart from kg.store.dataset so that reading a store imports neither rdflib
nor the extraction (``kg query --store`` starts fast).

A build holds an exclusive advisory lock on the folder, readers (queries, exports, ``kg serve``) a shared one:
two builds, or a build and a reader, are refused rather than corrupting the store.
"""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from kg.errors import StoreError, StoreLockedError
from kg.store.snapshots import Snapshot, open_snapshot

LOCK_NAME = "kg-store.lock"


class StoreLock:
    """An advisory lock on the store folder (flock: released by the kernel when the holder dies)."""

    def __init__(self, folder: Path, exclusive: bool, purpose: str) -> None:
        import fcntl

        self.fd = None
        path = folder / LOCK_NAME
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            if exclusive:
                raise StoreError(f"{folder}: cannot write the store: {err.strerror}") from None
            return  # a read-only folder: nobody can build there either
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLockedError(self._refusal(folder, path, purpose, exclusive)) from None
        if exclusive:  # only a writer says who it is: readers share the lock
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{purpose} (pid {os.getpid()})".encode(), 0)
            _watch_forks(fd)
        self.fd = fd

    @staticmethod
    def _refusal(folder: Path, path: Path, purpose: str, exclusive: bool = True) -> str:
        import fcntl

        with open(path, "rb") as probe:
            try:  # a shared lock still free means only readers hold the store
                fcntl.flock(probe, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return (f"{folder}: the store is open for reading (kg serve, kg query or kg export); "
                        f"stop the server before {purpose}")
            except BlockingIOError:
                holder = probe.read(200).decode("utf-8", "replace").strip() or "another kg process"
        if not exclusive:  # a reader that cannot read a snapshot (kg.store.snapshots) meanwhile
            why = ("the server reads the store itself, not the snapshot kg query and kg export read meanwhile"
                   if purpose.startswith("kg serve") else "it left no snapshot to read meanwhile")
            return f"{folder}: the store is being written by {holder}; wait for it to finish before {purpose} ({why})"
        return (f"{folder}: the store is locked by {holder}; wait for it to finish "
                "(two builds at once would corrupt it)")

    def release(self) -> None:
        if self.fd is not None:
            _BUILD_LOCKS.pop(self.fd, None)
            os.close(self.fd)  # closing the descriptor releases the flock
            self.fd = None


_BUILD_LOCKS: dict[int, int] = {}  # write-lock descriptor -> the pid that holds it
_FORKS_WATCHED = False


def _watch_forks(fd: int) -> None:
    """Extraction workers are forked while a build holds its lock, and a forked process shares the lock with its
    parent: were the build killed, idle workers (which wait for work forever) would keep the store locked. So a
    process forked by a build lets go of the lock at once and dies with the build."""
    global _FORKS_WATCHED
    _BUILD_LOCKS[fd] = os.getpid()
    if not _FORKS_WATCHED and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_after_fork_in_child)
        _FORKS_WATCHED = True


def _after_fork_in_child() -> None:
    if not _BUILD_LOCKS:
        return
    builders = set(_BUILD_LOCKS.values())
    for fd in list(_BUILD_LOCKS):
        try:
            os.close(fd)  # the builder's own descriptor keeps the lock; this copy would outlive it
        except OSError:
            pass
    _BUILD_LOCKS.clear()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: killed with the parent
        except (OSError, AttributeError):
            return
        if os.getppid() not in builders:
            os._exit(1)  # the builder died before the signal was asked for


def looks_like_store(folder: Path) -> bool:
    return (folder / "CURRENT").exists()  # RocksDB's marker file


def open_message(folder: Path, err: OSError) -> str:
    text = str(err)
    if "lock" in text.lower():
        return f"{folder}: the store is in use by another process (an oxigraph server or another build); stop it first"
    return f"{folder}: cannot open the store: {text.splitlines()[0] if text else type(err).__name__}"

@contextmanager
def read_store(path: str | Path, purpose: str = "kg query") -> Iterator[ox.Store]:
    """A store's Oxigraph dataset opened read-only under a shared lock (released on leaving): what a query needs.

    :raises StoreError: no store there, or a build holds it.
    """
    folder = Path(path)
    prepare_folder(folder, False)
    if not folder.is_dir() or not looks_like_store(folder):
        raise StoreError(f"{folder}: no store there; make one with: kg build ARTICLES --store {folder}")
    lock, snapshot = lock_or_snapshot(folder, False, purpose)
    try:
        try:
            dataset = ox.Store.read_only(str(snapshot.folder if snapshot is not None else folder))
        except OSError as err:
            raise StoreError(open_message(folder, err)) from None
        yield dataset
    finally:
        for held in (lock, snapshot):
            if held is not None:
                held.release()


def lock_or_snapshot(folder: Path, write: bool, purpose: str) -> tuple[StoreLock | None, Snapshot | None]:
    """The store's lock; or, for a reader while a build writes, a snapshot of its last committed state
    (kg.store.snapshots), whose own lock is held instead."""
    for attempt in range(3):
        try:
            return StoreLock(folder, exclusive=write, purpose=purpose), None
        except StoreLockedError:
            snapshot = None if write else open_snapshot(folder)
            if snapshot is not None:
                return None, snapshot
            if write or attempt == 2:
                raise
            time.sleep(0.1)  # no snapshot: a build that just ended (or is starting)
    raise AssertionError("unreachable")


def prepare_folder(folder: Path, create: bool) -> None:
    """Refuse a file where a store folder should be; create the folder when asked."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a store folder")
    if create:
        try:
            folder.mkdir(exist_ok=True)  # never the folders above it (kg.outputs)
        except OSError as err:
            raise StoreError(f"{folder}: cannot create the store: {err.strerror or err}") from None
