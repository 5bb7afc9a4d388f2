"""kg: who said what, about whom, through which channel, as reported by whom.

The library API; ``kg.cli`` is a thin layer over it. Names load lazily so
that the command line starts fast.

>>> import kg
>>> callable(kg.build) and callable(kg.extract)
True
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "article", "parse_article": "article", "read_article": "article",
    "build": "graph.corpus",
    "KgError": "errors",
    "Extraction": "extraction.extract", "Settings": "extraction.extract", "extract": "extraction.extract",
    "extract_article": "extraction.extract", "extract_files": "extraction.extract",
    "ChannelHop": "statements", "Statement": "statements", "StatementId": "statements",
    "validate_graph": "graph.validate",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
