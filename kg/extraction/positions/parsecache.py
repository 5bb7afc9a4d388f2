"""spaCy's parse of fixed texts (a position scheme's labels and examples), kept on disk between processes.

Every process that loads the pipeline parsed the scheme's 860 texts again: 1.1 s of CPU, a third of ``kg extract``
on one article. The parse depends only on the texts, spaCy and the model, so a file named by a hash of exactly
those holds it (spaCy's own DocBin); anything kg makes of the parse is computed from it as before. The folder is
``$KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/kg``, else ``~/.cache/kg``; ``KG_CACHE_DIR=""`` turns the cache off. A
cache that cannot be read or written is only a slower start.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def cache_dir() -> Path | None:
    """The cache folder, or None when turned off."""
    if "KG_CACHE_DIR" in os.environ:
        return Path(os.environ["KG_CACHE_DIR"]) if os.environ["KG_CACHE_DIR"] else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg"


def parse_texts(nlp, texts: list[str], disable: list[str]) -> list:
    """``list(nlp.pipe(texts, disable=disable))``, read from the cache when the same texts were parsed before by
    the same spaCy and model with the same pipes."""
    from spacy.tokens import DocBin

    folder = cache_dir()
    path = folder / f"parse-{_key(nlp, texts, disable)}.spacy" if folder is not None else None
    if path is not None and path.is_file():
        try:
            docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
            if [doc.text for doc in docs] == texts:
                return docs
        except Exception:  # noqa: BLE001 - a damaged or foreign file: parse again and replace it
            pass
    docs = list(nlp.pipe(texts, disable=disable))
    if path is not None:
        _store(path, DocBin(docs=docs, store_user_data=False).to_bytes())
    return docs


def _key(nlp, texts: list[str], disable: list[str]) -> str:
    import spacy

    used = [name for name in nlp.pipe_names if name not in disable]
    ident = [spacy.__version__, nlp.meta.get("lang"), nlp.meta.get("name"), nlp.meta.get("version"), used, texts]
    return hashlib.sha256(json.dumps(ident, ensure_ascii=False).encode("utf-8")).hexdigest()[:40]


def _store(path: Path, data: bytes) -> None:
    """Write the file atomically (another process may read it meanwhile); give up quietly if it cannot."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass
