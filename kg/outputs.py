"""Where kg may write: one rule for every output file (``build -o``, ``validate -o``, ``report -o``, ``export``)
and store folder (``build --store``), checked before any work.

An output goes into a folder that exists and that kg can write in; kg creates the file (or the store folder)
you name, never missing folders above it (a mistyped path should fail, not make a tree). Writability is
probed by creating and removing a file, which is what counts (permissions, read-only file systems, root).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import OutputError


def check_output(path: str | Path) -> None:
    """Fail early when the file ``path`` cannot be written.

    :raises OutputError: the path is a folder, or its folder is missing, not a folder or not writable.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    check_folder(target.parent, str(path))


def check_folder(folder: Path, what: str) -> None:
    """Fail early when nothing can be created in ``folder`` (``what`` names the output in the message)."""
    folder = Path(folder) if str(folder) else Path(".")
    if not folder.exists():
        raise OutputError(f"{what}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise OutputError(f"{what}: {folder} is a file, not a folder")
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".kg-probe-")
    except OSError as err:
        raise OutputError(f"{what}: cannot write in {folder}: {err.strerror or err}") from None
    os.close(fd)
    os.unlink(probe)
