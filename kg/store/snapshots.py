"""What readers of a store see while a build writes it: snapshots of its last committed state.

A build holds the store's exclusive lock, and no other process may open a RocksDB database that one is
writing: pyoxigraph 0.5 calls ``Store.read_only`` "undefined behavior" while another process writes, and it
has no secondary opening any more. So a build leaves copies for readers: when it opens the store, and again
after a commit once :data:`SNAPSHOT_EVERY` seconds have passed, it makes a snapshot with Oxigraph's backup
(a RocksDB checkpoint: hard links to the immutable files; 70 ms for a store of 400k quads) of the dataset and of its
records, into ``kg-snapshots/N/``, and points ``kg-snapshots/current`` at it. A snapshot is laid out like a
store folder and nobody writes it, so a reader opens it read-only as it would open the store.

A reader holds a shared lock on its snapshot's ``ready`` file; the build deletes an older snapshot only when
it gets that lock exclusively, and deletes every snapshot it can when it ends (a snapshot a reader still
holds then goes with the next build).
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

SNAPSHOTS_FOLDER = "kg-snapshots"
READY = "ready"  # written last: a snapshot without it is incomplete
SNAPSHOT_EVERY = 5.0  # seconds between snapshots during a build (each costs tens of ms: about 1%)


@dataclass
class Snapshot:
    """A snapshot opened by a reader: its folder (laid out like a store's) and when it was taken."""

    folder: Path
    taken: float  # seconds since the epoch
    fd: int | None = None  # the reader's shared lock on ``ready``

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


class Snapshots:
    """A writer's snapshots of its store (see the module's description).

    :param store_folder: the store folder.
    :param backup: makes a snapshot into a new folder (which must not exist yet), given its path.
    """

    def __init__(self, store_folder: Path, backup) -> None:
        self.root = Path(store_folder) / SNAPSHOTS_FOLDER
        self.backup = backup
        self.last = 0.0

    def take(self) -> None:
        """A new snapshot of the committed state, then older ones that no reader holds are deleted."""
        self.root.mkdir(exist_ok=True)
        number = 1 + max((int(p.name) for p in self.root.iterdir() if p.name.isdigit()), default=0)
        folder = self.root / str(number)
        self.backup(folder)
        (folder / READY).write_text(json.dumps({"taken": time.time(), "pid": os.getpid()}))
        link = self.root / f".current.{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(folder.name)
        os.replace(link, self.root / "current")  # readers see the old snapshot or the new, never none
        self.last = time.monotonic()
        self.prune(keep=folder.name)

    def due(self) -> bool:
        return time.monotonic() - self.last >= SNAPSHOT_EVERY

    def prune(self, keep: str | None = None) -> None:
        """Delete the snapshots (all but ``keep``) that no reader holds."""
        if not self.root.is_dir():
            return
        if keep is None:
            (self.root / "current").unlink(missing_ok=True)
        for folder in self.root.iterdir():
            if folder.name.isdigit() and folder.name != keep:
                _delete_if_free(folder)


def _delete_if_free(folder: Path) -> None:
    ready = folder / READY
    try:
        fd = os.open(ready, os.O_RDONLY)
    except FileNotFoundError:
        shutil.rmtree(folder, ignore_errors=True)  # incomplete (a build killed while making it)
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return  # a reader holds it
    try:
        ready.unlink()  # first: a reader that opened it meanwhile sees it gone and looks again
        shutil.rmtree(folder, ignore_errors=True)
    finally:
        os.close(fd)


def open_snapshot(store_folder: Path, attempts: int = 5) -> Snapshot | None:
    """The current snapshot of a store a build is writing, locked for reading; None when there is none."""
    root = Path(store_folder) / SNAPSHOTS_FOLDER
    for _ in range(attempts):
        try:
            folder = root / os.readlink(root / "current")
        except OSError:
            return None  # no snapshot (or the build just ended)
        try:
            fd = os.open(folder / READY, os.O_RDONLY)
        except OSError:
            time.sleep(0.05)  # deleted by the build after it pointed "current" at a newer one: look again
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            # still the file the build wrote, not one it deleted while this reader waited?
            if os.fstat(fd).st_ino == os.stat(folder / READY).st_ino:
                with open(folder / READY) as handle:
                    taken = float(json.load(handle)["taken"])
                return Snapshot(folder, taken, fd)
        except (OSError, ValueError, KeyError):
            pass
        os.close(fd)
        time.sleep(0.05)
    return None


def reading_note(store_folder: str | Path) -> str | None:
    """One line for a reader when a build is writing the store: what it reads instead; None otherwise."""
    import fcntl as _fcntl

    folder = Path(store_folder)
    try:
        with open(folder / "kg-store.lock", "rb") as probe:
            try:
                _fcntl.flock(probe, _fcntl.LOCK_SH | _fcntl.LOCK_NB)
                return None  # nobody writes
            except BlockingIOError:
                holder = probe.read(200).decode("utf-8", "replace").strip() or "another kg process"
        with open(folder / SNAPSHOTS_FOLDER / "current" / READY) as handle:
            taken = time.strftime("%H:%M:%S", time.localtime(float(json.load(handle)["taken"])))
    except (OSError, ValueError, KeyError):
        return None
    return f"{folder}: {holder} is writing the store; reading it as last committed at {taken}"
