"""Where the package's data lives: the ontology/ and queries/ folders.

One function knows the answer, so an installed ``kg`` works from any folder
and a source checkout works without installing.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

_PACKAGE_ROOT = Path(__file__).resolve().parent


def data_path(folder: str, name: str | None = None) -> Path:
    """Return the path of a shipped data folder (``ontology`` or ``queries``) or a file in it.

    :param folder: ``"ontology"`` or ``"queries"``.
    :param name: a file inside that folder, or None for the folder itself.
    """
    if folder not in ("ontology", "queries"):
        raise ValueError(f"unknown data folder: {folder}")
    base = _find(folder)
    return base / name if name else base


def _find(folder: str) -> Path:
    # A wheel installs the folders as the sub-packages kg.ontology and kg.queries;
    # an editable install or a plain checkout keeps them beside the package.
    try:
        found = Path(str(resources.files(f"kg.{folder}")))
        if found.is_dir() and any(found.iterdir()):
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    for candidate in (_PACKAGE_ROOT / folder, _PACKAGE_ROOT.parent / folder):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg's {folder}/ folder is missing from this installation")
