"""A store's corpus out of it: exported to a file (``kg export``) or SHACL-validated (``kg validate --store``), one
article graph (or one batch of articles) in memory at a time, so both stay linear in the corpus.

>>> sorted(FORMATS)
['jsonld', 'nq', 'nt', 'rdf', 'trig', 'ttl']
"""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox

from kg.errors import StoreError
from kg.graph.rdf import ordinary_file_mode
from kg.graph.sparql import rdflib_term as _rd
from kg.namespaces import ID
from kg.store.dataset import CorpusStore, open_store

VALIDATION_BATCH = 100  # articles per pySHACL run: 50 ms per article at 50-200, 225 ms when one at a time
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD, "rdf": ox.RdfFormat.RDF_XML}


def export_corpus(store: CorpusStore, output: str | Path, fmt: str | None = None) -> int:
    """Write a store's corpus to a file, as ``kg build -o`` writes the same articles (kg.store.corpusfile): kg's sorted
    Turtle, N-Triples, N-Quads and JSON-LD, Oxigraph's TriG and RDF/XML; one article graph in memory at a time.

    :param output: the file; written atomically.
    :param fmt: ttl, nt, nq, trig, jsonld or rdf (the last but nt and ttl with a named graph per article);
        default from the suffix.
    :returns: the number of triples written.
    """
    from kg.store.corpusfile import write_corpus

    fmt = fmt or export_format(output)
    count = 0

    def triples(graph: ox.NamedNode) -> list:
        nonlocal count
        found = [_rd_triple(q) for q in store.ox.quads_for_pattern(None, None, None, graph)]
        count += len(found)
        return found

    others = [g for g in store.content_graphs() if not g.value.startswith(str(ID["article/"]))]

    def write(handle) -> None:
        articles = ((g.value, triples(g)) for g in store.article_graphs())
        write_corpus(articles, {g.value: triples(g) for g in others}, handle, fmt)

    _write_atomic(output, write)
    return count


def validate_corpus(store: CorpusStore, progress: Callable[[str], None] | None = None,
                    batch: int = VALIDATION_BATCH) -> list[tuple[str, Any]]:
    """SHACL-validate a store's corpus in batches of articles (each batch with the actors it mentions): linear in
    the corpus, and the memory of one batch at a time.

    :param progress: called with each article's text hash once validated.
    :param batch: articles per pySHACL run (each run has a fixed cost of about 0.2 s).
    :returns: (text hashes joined with spaces, ValidationReport) for every batch that does not conform.
    """
    from kg.graph.validate import validate_graph

    hashes = [g.value.rsplit("/", 1)[1] for g in store.article_graphs()]
    failed = []
    for start in range(0, len(hashes), max(1, batch)):
        chunk = hashes[start:start + max(1, batch)]
        report = validate_graph(store.article_graph(*chunk))
        if not report.conforms:
            failed.append((" ".join(chunk), report))
        for text_hash in chunk:
            if progress is not None:
                progress(text_hash)
    return failed


def export_store(store_path: str | Path, output: str | Path, fmt: str | None = None) -> int:
    """Write a store's corpus graph to a file; returns the number of triples. See :meth:`CorpusStore.export`."""
    from kg.outputs import check_output

    fmt = fmt or export_format(output)
    check_output(output)
    with open_store(store_path, purpose="kg export") as store:
        return store.export(output, fmt)


def export_format(output: str | Path) -> str:
    """The export format named by a file's suffix: kg.graph.rdf's rule, the same as for kg build -o.

    >>> export_format("corpus.nq"), export_format("corpus.jsonld")
    ('nq', 'jsonld')
    """
    from kg.errors import KgError
    from kg.graph.rdf import rdf_format

    try:
        return rdf_format(output)
    except KgError as err:
        raise StoreError(str(err)) from None


def _rd_triple(triple) -> tuple:
    return _rd(triple.subject), _rd(triple.predicate), _rd(triple.object)


def _write_atomic(path: str | Path, write: Callable[[Any], None]) -> None:
    """Write a file through ``write(handle)`` so that a failure leaves the old file or nothing."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp")
    except OSError as err:
        raise StoreError(f"{path}: cannot write: {err.strerror or err}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, ordinary_file_mode())  # an export is an ordinary file, not a private temporary
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        if err.errno in (errno.EACCES, errno.EROFS, errno.ENOSPC):
            raise StoreError(f"{path}: cannot write: {err.strerror}") from None
        raise
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
