"""The corpus store: a persistent Oxigraph dataset with one named graph per article.

Layout of the dataset (every IRI deterministic, no blank nodes):

- ``<https://w3id.org/kg/id/article/{text_hash}>`` — one named graph per article, named like the
  article node itself: the article, its statements, evidence spans and channel hops.
- ``<https://w3id.org/kg/id/graph/actors>`` — the actors of the whole corpus, merged across articles
  exactly as an in-memory build merges them (one kind, the fullest name as prefLabel, other names as
  altLabels). Actor triples live only here, so that the union of the graphs is the corpus graph
  without duplicates.
- ``<https://w3id.org/kg/id/graph/vocabularies>`` — the position and channel-kind schemes.

The bookkeeping is not in that dataset: per article its build fingerprint, source file (an absolute local
path), the actors it contributed (so a replaced article can be taken out of the merged actors) live in a
second Oxigraph store inside the folder (``kg-build-records/``), so that nothing a query, a server, an
export or a push sees holds the user's paths, and the union of the graphs is the graph ``kg build -o``
writes. (Stores made by an older kg kept them in the graph ``<https://w3id.org/kg/id/graph/build>``; the
next build moves them.)

Each article is committed in one SPARQL update (a transaction), then its record: a build killed halfway
leaves every finished article whole, and an article without its record is built again. A lock file
refuses two builds on one store at once. Oxigraph (RocksDB) is used for storage, queries and
serialisation; rdflib only for the small per-article graphs that kg.graph.rdf builds and that pySHACL validates.

Exporting and validating a store's corpus are kg.store.export's; building one is kg.store.build's.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import XSD

from kg.errors import StoreError
from kg.graph.rdf import MergedActor
from kg.graph.sparql import oxigraph_term as _ox
from kg.graph.sparql import rdflib_term as _rd
from kg.namespaces import ACTOR, ID
from kg.store.lock import LOCK_NAME, lock_or_snapshot, looks_like_store, open_message, prepare_folder
from kg.store.snapshots import Snapshot, Snapshots

if TYPE_CHECKING:
    from kg.graph.sparql import Result

if TYPE_CHECKING:  # spaCy and the extraction modules load only when a build needs them: kg serve starts fast
    from kg.extraction.extract import Extraction

def article_iri(text_hash: str) -> URIRef:
    """The article's node and graph name (minted by kg.graph.rdf)."""
    from kg.graph.rdf import article_iri as mint

    return mint(text_hash)


def actor_iri(key: str) -> URIRef:
    """An actor's node (minted by kg.graph.rdf)."""
    from kg.graph.rdf import actor_iri as mint

    return mint(key)


ACTORS_GRAPH = ID["graph/actors"]
VOCABULARY_GRAPH = ID["graph/vocabularies"]
BUILD_GRAPH = ID["graph/build"]  # where cluster shards (and stores of an older kg) carry the records
# Bookkeeping terms: internal to the store, never part of an exported corpus.
BUILD = Namespace(f"{BUILD_GRAPH}#")
RECORDS_FOLDER = "kg-build-records"  # the records' own Oxigraph store, inside the store folder



class CorpusStore:
    """An open corpus store. Use :func:`open_store`; close it (or use ``with``) to release the lock.

    :param path: the store folder.
    :param write: open for a build (exclusive lock, created when missing) or for reading (shared lock).
    :param purpose: who holds the lock, shown to anyone refused by it.
    """

    def __init__(self, path: str | Path, write: bool = False, purpose: str = "kg") -> None:
        self.path = Path(path)
        self.write = write
        folder = self.path
        prepare_folder(folder, write)
        if write:
            if any(folder.iterdir()) and not looks_like_store(folder) and not (folder / LOCK_NAME).exists():
                raise StoreError(f"{folder}: the folder holds other files and is not a kg store; "
                                 "give an empty or new folder")
            if not os.access(folder, os.W_OK):
                raise StoreError(f"{folder}: cannot write the store: permission denied")
        elif not folder.is_dir() or not looks_like_store(folder):
            raise StoreError(f"{folder}: no store there; make one with: kg build ARTICLES --store {folder}")
        self.actors = StoreActors(self._record_quads)  # the merged actors, read through self.ox once it is open
        self._records_db: ox.Store | None = None
        self._snapshots: Snapshots | None = None  # a writer's copies for readers
        self.snapshot: Snapshot | None = None  # a reader's copy, when a writer holds the store
        self.data = folder  # where the databases are: the store folder, or a reader's snapshot
        self._lock, self.snapshot = lock_or_snapshot(folder, write, purpose)
        if self.snapshot is not None:
            self.data = self.snapshot.folder
        try:
            self.ox = ox.Store(str(folder)) if write else ox.Store.read_only(str(self.data))
            self.actors.dataset = self.ox
            if write:
                self._adopt_records()
                self._snapshots = Snapshots(folder, self._backup)
                self._snapshots.take()
        except OSError as err:
            self.close()
            raise StoreError(open_message(folder, err)) from None

    # --- build records -------------------------------------------------------------

    @property
    def records_db(self) -> ox.Store:
        """The store of the build records (opened when first needed: queries never need it)."""
        if self._records_db is None:
            folder = self.data / RECORDS_FOLDER
            if self.write:
                self._records_db = ox.Store(str(folder))
            elif looks_like_store(folder):
                self._records_db = ox.Store.read_only(str(folder))
            else:  # a store of an older kg, not built since: its records are still in the dataset
                return self.ox
        return self._records_db

    def _record_quads(self, subject=None, predicate=None, obj=None) -> Iterator[ox.Quad]:
        graph = named_node(BUILD_GRAPH) if self.records_db is self.ox else ox.DefaultGraph()
        return self.records_db.quads_for_pattern(subject, predicate, obj, graph)

    def _adopt_records(self) -> None:
        """Move records found in the dataset (an older kg's store, a cluster shard's) into the records store:
        copied first, then dropped, so that a build killed in between loses none."""
        found = [ox.Quad(q.subject, q.predicate, q.object)
                 for q in self.ox.quads_for_pattern(None, None, None, named_node(BUILD_GRAPH))]
        if found:
            self.records_db.extend(found)
            self.ox.update(f"DROP SILENT GRAPH <{BUILD_GRAPH}>")

    def _backup(self, folder: Path) -> None:
        """A snapshot for readers (see kg.store.snapshots): the dataset, then the records inside it, as a store is."""
        self.ox.backup(str(folder))
        self.records_db.backup(str(folder / RECORDS_FOLDER))

    def close(self) -> None:
        """Flush and release the store and its lock."""
        for name in ("ox", "_records_db"):
            if getattr(self, name, None) is not None:
                if self.write:
                    getattr(self, name).flush()
                setattr(self, name, None)
        if getattr(self, "actors", None) is not None:
            self.actors.dataset = None  # the last reference to the database: RocksDB lets go of the folder
        if self._snapshots is not None:
            self._snapshots.prune()  # readers open the store itself again
            self._snapshots = None
        if self.snapshot is not None:
            self.snapshot.release()
            self.snapshot = None
        if getattr(self, "_lock", None) is not None:
            self._lock.release()

    def __enter__(self) -> "CorpusStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- reading -----------------------------------------------------------------

    def article_graphs(self) -> list[ox.NamedNode]:
        """The named graphs of the articles, sorted."""
        prefix = str(ID["article/"])
        return sorted((g for g in self.ox.named_graphs() if isinstance(g, ox.NamedNode) and g.value.startswith(prefix)),
                      key=lambda g: g.value)

    def content_graphs(self) -> list[ox.NamedNode]:
        """Every graph of the corpus (articles, actors, vocabularies): all but the bookkeeping."""
        return [g for g in (*self.article_graphs(), named_node(ACTORS_GRAPH), named_node(VOCABULARY_GRAPH))
                if self.ox.contains_named_graph(g)]

    def records(self) -> dict[str, "ArticleRecord"]:
        """What the store knows of each article it holds, by text hash."""
        found: dict[str, dict[str, Any]] = {}
        for quad in self._record_quads():
            name = quad.predicate.value[len(str(BUILD)):]
            if name in ("fingerprint", "source", "name", "statements"):
                found.setdefault(quad.subject.value, {})[name] = quad.object.value
        prefix = str(ID["article/"])
        return {iri[len(prefix):]: ArticleRecord(iri[len(prefix):], v.get("name", ""), v.get("source", ""),
                                                 v.get("fingerprint", ""), int(v.get("statements", 0)))
                for iri, v in found.items() if iri.startswith(prefix)}

    def __len__(self) -> int:
        """Triples in the corpus graphs (bookkeeping excluded)."""
        # Oxigraph counts all its quads quickly (a SPARQL COUNT decodes each one): take the rest away from that
        other = sum(1 for _ in self.ox.quads_for_pattern(None, None, None, named_node(BUILD_GRAPH)))
        other += sum(1 for _ in self.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
        return len(self.ox) - other

    def query(self, text: str, bindings: dict[str, Any] | None = None) -> "Result":
        """Run a read-only SPARQL query over the union of the corpus graphs.

        :param text: SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE; kg's prefixes are predeclared.
        :param bindings: values for variables (IRIs, ``actor:x``, N3 literals), substituted by the engine.
        """
        # The union default graph is 10-20x faster in Oxigraph than a default graph listing the article graphs;
        # it holds the corpus only, since the build records live in a store of their own.
        from kg.graph.sparql import run

        return run(self.ox, text, bindings)

    def graph(self, graphs: Iterable[ox.NamedNode] | None = None) -> Graph:
        """An rdflib copy of some graphs (default: the whole corpus) — for pySHACL, or small corpora."""
        from kg.graph.rdf import new_graph

        graph = new_graph()
        for g in (self.content_graphs() if graphs is None else graphs):
            for quad in self.ox.quads_for_pattern(None, None, None, g):
                graph.add((_rd(quad.subject), _rd(quad.predicate), _rd(quad.object)))
        return graph

    def article_graph(self, *text_hashes: str) -> Graph:
        """Articles as they validate on their own: their graphs, the actors they mention and the vocabularies."""
        articles = [named_node(article_iri(h)) for h in text_hashes]
        graph = self.graph([*articles, named_node(VOCABULARY_GRAPH)])
        actors = {q.object for a in articles for q in self._record_quads(a, named_node(BUILD.mentions))}
        # an article whose build was killed before its record was written still validates with its actors
        actors |= {ox.NamedNode(str(o)) for o in graph.objects() if str(o).startswith(str(ACTOR))}
        for actor in actors:
            for triple in self.ox.quads_for_pattern(actor, None, None, named_node(ACTORS_GRAPH)):
                graph.add((_rd(triple.subject), _rd(triple.predicate), _rd(triple.object)))
        return graph

    def export(self, output: str | Path, fmt: str | None = None) -> int:
        """Write the corpus to a file (see kg.store.export.export_corpus); returns the number of triples written."""
        from kg.store.export import export_corpus

        return export_corpus(self, output, fmt)

    def validate(self, progress: Callable[[str], None] | None = None, batch: int | None = None
                 ) -> list[tuple[str, Any]]:
        """SHACL-validate the corpus in batches of articles (see kg.store.export.validate_corpus)."""
        from kg.store.export import VALIDATION_BATCH, validate_corpus

        return validate_corpus(self, progress, batch or VALIDATION_BATCH)

    # --- writing -----------------------------------------------------------------

    def set_vocabularies(self, graph: Graph) -> None:
        """Replace the vocabulary graph (in one transaction)."""
        name = named_node(VOCABULARY_GRAPH)
        new = {_ox_triple(t) for t in graph}
        old = {ox.Triple(q.subject, q.predicate, q.object) for q in self.ox.quads_for_pattern(None, None, None, name)}
        if new != old:
            self.ox.update(f"DROP SILENT GRAPH <{name.value}> ;\nINSERT DATA {{ {_block(name, new)} }}")

    def put(self, extraction: Extraction, fingerprint: str = "", source: str = "",
            scheme=None) -> str:
        """Add or replace one article in a single transaction.

        :param extraction: the article's extraction.
        :param fingerprint: what the article was built with (see :func:`fingerprint`).
        :param source: its file, so that an edited file replaces its older version.
        :param scheme: the position scheme the statements point into.
        :returns: "added" or "replaced".
        """
        write = self.prepare(extraction, fingerprint, source, scheme)
        self.commit(write)
        return write.status

    def prepare(self, extraction: Extraction, fingerprint: str = "", source: str = "", scheme=None,
                before_replacing: Callable[[], None] | None = None) -> "PendingWrite":
        """Everything :meth:`put` does but the write itself: the transaction to :meth:`commit`.

        The merged actors are taken as written from here on, so the writes must be committed in the order they
        were prepared (or the build abandoned). ``before_replacing`` is called before an article that replaces
        others reads what the store holds of them (to let earlier writes finish first).
        """
        return self.prepare_piece(article_piece(extraction, fingerprint, source, scheme), source, before_replacing)

    def prepare_piece(self, piece: "ArticlePiece", source: str = "",
                      before_replacing: Callable[[], None] | None = None) -> "PendingWrite":
        """:meth:`prepare` for an article already made into its graph and records (see :func:`article_piece`)."""
        old = self._superseded(piece.text_hash, source)
        if old and before_replacing is not None:
            before_replacing()
        removed, added, merged = self.actors.changes(piece, old)
        if removed or old:
            # something goes as well: one SPARQL update, which Oxigraph applies in one transaction
            parts = [f"DELETE DATA {{ {_block(named_node(ACTORS_GRAPH), removed)} }}"] if removed else []
            parts += [f"DROP SILENT GRAPH <{article_iri(text_hash)}>" for text_hash in sorted(old)]
            inserts = [_block(named_node(article_iri(piece.text_hash)), piece.triples)]
            if added:
                inserts.append(_block(named_node(ACTORS_GRAPH), added))
            parts.append("INSERT DATA {\n" + "\n".join(inserts) + "}")
            write = PendingWrite("replaced" if old else "added", update=" ;\n".join(parts),
                                 records_update=_records_update(old, piece.records))
        else:
            # only additions: Store.extend writes them in one transaction too, without a SPARQL text to parse
            write = PendingWrite("added", quads=list(piece.quads(extra={named_node(ACTORS_GRAPH): added}, ordered=False,
                                                                 records=False)),
                                 records_quads=[ox.Quad(*t) for t in piece.records])
        self.actors.cache.update(merged)
        return write

    def commit(self, write: "PendingWrite") -> None:
        """Write a prepared article in one transaction (Oxigraph lets other Python threads run meanwhile)."""
        try:
            if write.update is not None:
                self.ox.update(write.update)
            else:
                self.ox.extend(write.quads)
            # the record last: an article committed without it is built again by the next build
            if write.records_update is not None:
                self.records_db.update(write.records_update)
            elif write.records_quads:
                self.records_db.extend(write.records_quads)
            # a reader opens the records read-only, which does not replay RocksDB's log: flush the few record
            # triples now, so that an article reported as committed has its record on disk even if the build is
            # killed next (the article graphs are read through the log by the next writer anyway)
            self.records_db.flush()
            if self._snapshots is not None and self._snapshots.due():
                self._snapshots.take()  # readers see this state from now on
        except OSError as err:
            self.actors.cache.clear()
            raise StoreError(f"{self.path}: cannot write the store: {err}") from None

    def _superseded(self, text_hash: str, source: str) -> set[str]:
        """Articles the new one replaces: itself (rebuilt) and older versions of the same file."""
        found = set()
        if self.ox.contains_named_graph(named_node(article_iri(text_hash))):
            found.add(text_hash)
        if source:
            prefix = str(ID["article/"])
            for quad in self._record_quads(None, named_node(BUILD.source), ox.Literal(source)):
                found.add(quad.subject.value[len(prefix):])
        return found

    def remove_articles(self, hashes: Iterable[str]) -> None:
        """Take articles out (graphs, records and their share of the merged actors), in one transaction."""
        hashes = set(hashes)
        self.actors.cache.clear()
        keys = {a["key"] for h in hashes for a in self.actors.contribution(h)}
        parts = [f"DROP SILENT GRAPH <{article_iri(text_hash)}>" for text_hash in sorted(hashes)]
        if parts:
            self.ox.update(" ;\n".join(parts))
            self.records_db.update(_records_update(hashes, ()))
            self.refresh_actors(keys)

    def refresh_actors(self, keys: Iterable[str] | None = None) -> None:
        """Merge the actors ``keys`` (default: all) again from every article's contribution.

        Used after articles are taken out, whose share of the merged actors goes with them.
        """
        if keys is None:
            prefix = str(ACTOR)
            keys = {q.object.value[len(prefix):] for q in self._record_quads(None, named_node(BUILD.mentions))}
            keys = {unquote(k) for k in keys}
        update = self.actors.refreshed(set(keys))
        if update:
            self.ox.update(update)


def check_store_folder(path: str | Path) -> None:
    """Fail early, before any extraction, when a store cannot be made at ``path``.

    :param path: the store folder a build would create or add to.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a store folder")
    from kg.outputs import check_folder

    check_folder(folder if folder.is_dir() else folder.parent, str(folder))  # kg.outputs' rule, as for files
    if folder.is_dir() and any(folder.iterdir()) and not looks_like_store(folder) \
            and not (folder / LOCK_NAME).exists():
        raise StoreError(f"{folder}: the folder holds other files and is not a kg store; give an empty or new folder")


def open_store(path: str | Path, write: bool = False, purpose: str = "kg") -> CorpusStore:
    """Open a corpus store.

    :param path: the store folder (created by a build when missing).
    :param write: True for a build: an exclusive lock, refused while another build or a server holds the store.
    :param purpose: shown to whoever the lock refuses.
    """
    return CorpusStore(path, write=write, purpose=purpose)


class StoreActors:
    """The merged actors of a store (its actors graph) and each article's contribution to them (its record).

    :param record_quads: reads the build records (``CorpusStore._record_quads``).
    """

    def __init__(self, record_quads: Callable[..., Iterator[ox.Quad]]) -> None:
        self.dataset: ox.Store | None = None  # set when the store is open
        self._record_quads = record_quads
        self.cache: dict[str, MergedActor | None] = {}  # actor key -> its merged state, while building

    def changes(self, piece: "ArticlePiece", removed: set[str]) -> tuple[set, set, dict]:
        """The merged actor triples to delete and to insert when adding ``piece`` (and taking out ``removed``),
        and the new merged triples of each actor touched."""
        new = {a["key"]: a for a in piece.actors}
        # An actor whose old contribution the new one covers merges as if only added. The others (a name or
        # kind dropped) are merged again from every article that mentions them, which is slow for common actors.
        again = {a["key"] for h in removed for a in self.contribution(h) if not _covers(new.get(a["key"]), a)}
        keys = set(new) | again
        before = self.merged(keys)
        merged: dict[str, MergedActor] = {}
        if again:
            for _, actors in self.contributions(again, exclude=removed):
                _merge(merged, actors, again)
        for key in keys - again:  # merging into the current state is the same as merging everything again
            if before[key] is not None:
                merged[key] = before[key].copy()
        _merge(merged, piece.actors, keys)
        terms = _terms()
        old = {t for state in before.values() if state is not None for t in state.triples(terms)}
        now = {t for state in merged.values() for t in state.triples(terms)}
        return old - now, now - old, {key: merged.get(key) for key in keys}

    def merged(self, keys: Iterable[str]) -> dict[str, MergedActor | None]:
        """The merged state of some actors (None: not in the store yet), read once per build and then kept: a
        build holds the only write lock, so nobody else changes them."""
        missing = [key for key in keys if key not in self.cache]
        actors = named_node(ACTORS_GRAPH)
        for key in missing:
            quads = self.dataset.quads_for_pattern(named_node(actor_iri(key)), None, None, actors)
            self.cache[key] = MergedActor.read(key, ((q.predicate.value, q.object.value) for q in quads))
        return {key: self.cache[key] for key in keys}

    def triples(self, keys: Iterable[str]) -> set:
        """The actors graph's triples about ``keys``."""
        actors = named_node(ACTORS_GRAPH)
        return {(q.subject, q.predicate, q.object)
                for key in keys for q in self.dataset.quads_for_pattern(named_node(actor_iri(key)), None, None, actors)}

    def contribution(self, text_hash: str) -> list[dict[str, Any]]:
        """What one article said of its actors (its build record)."""
        for quad in self._record_quads(named_node(article_iri(text_hash)), named_node(BUILD.actors)):
            return json.loads(quad.object.value)
        return []

    def contributions(self, keys: Iterable[str], exclude: set[str] = frozenset()) -> Iterator[tuple[str, list]]:
        """The contributions of every article that mentions one of ``keys``, but those of ``exclude``."""
        prefix = str(ID["article/"])
        hashes = sorted({q.subject.value[len(prefix):] for key in keys
                         for q in self._record_quads(None, named_node(BUILD.mentions), named_node(actor_iri(key)))} - set(exclude))
        for text_hash in hashes:
            yield text_hash, self.contribution(text_hash)

    def refreshed(self, keys: set[str]) -> str | None:
        """The SPARQL update that merges the actors ``keys`` again from every article's contribution."""
        self.cache.clear()
        merged: dict[str, MergedActor] = {}
        for _, actors in self.contributions(keys):
            _merge(merged, actors, keys)
        before = self.triples(keys)
        terms = _terms()
        after = {t for state in merged.values() for t in state.triples(terms)}
        parts = []
        if before - after:
            parts.append(f"DELETE DATA {{ {_block(named_node(ACTORS_GRAPH), before - after)} }}")
        if after - before:
            parts.append(f"INSERT DATA {{ {_block(named_node(ACTORS_GRAPH), after - before)} }}")
        return " ;\n".join(parts) or None


@dataclass
class PendingWrite:
    """One article's transaction, prepared by :meth:`CorpusStore.prepare`: a SPARQL update or quads to add."""

    status: str  # "added" or "replaced"
    update: str | None = None
    quads: list | None = None
    records_update: str | None = None  # the same for the records store, committed after
    records_quads: list | None = None
    name: str = ""
    statements: int = 0


@dataclass(frozen=True)
class ArticleRecord:
    """What the store remembers of an article: its file, and what it was built with."""

    text_hash: str
    name: str
    source: str
    fingerprint: str
    statements: int


@dataclass
class ArticlePiece:
    """One article ready for the store: its own triples, its bookkeeping, the actors it contributes."""

    text_hash: str
    triples: set = field(default_factory=set)  # (subject, predicate, object) of Oxigraph terms, for the article's graph
    records: set = field(default_factory=set)  # the same, for the build graph
    actors: list[dict[str, Any]] = field(default_factory=list)

    def quads(self, extra: dict | None = None, ordered: bool = True, records: bool = True) -> Iterator[ox.Quad]:
        """The article graph and its records as quads (sorted, for an N-Quads shard).

        :param extra: more triples by graph name (ox.NamedNode) to add after them.
        :param ordered: sort the triples of each graph.
        :param records: with the records, in the graph BUILD_GRAPH (a shard carries them to the client).
        """
        groups = [(named_node(article_iri(self.text_hash)), self.triples),
                  *([(named_node(BUILD_GRAPH), self.records)] if records else []), *(extra or {}).items()]
        for graph, triples in groups:
            for s, p, o in sorted(triples, key=str) if ordered else triples:
                yield ox.Quad(s, p, o, graph)


def article_piece(extraction: Extraction, fingerprint: str = "", source: str = "", scheme=None) -> ArticlePiece:
    """Split one article's triples (as kg.graph.rdf makes them) into its own graph and its actor contribution.

    :param extraction: the article's extraction.
    :param fingerprint: what it was built with; :param source: its file.
    """
    from kg.graph.rdf import article_triples

    # kg.graph.rdf makes the Oxigraph triples directly (the same triples it adds to an rdflib graph; IRIs only)
    piece = ArticlePiece(extraction.article.text_hash, set(article_triples(extraction, scheme, _terms())))
    piece.actors = [actor_dict(a, extraction.actors) for a in extraction.actors.values()]
    node = named_node(article_iri(piece.text_hash))
    records = [(BUILD.fingerprint, ox.Literal(fingerprint)), (BUILD.name, ox.Literal(extraction.article.name)),
               (BUILD.statements, ox.Literal(str(len(extraction.statements)), datatype=named_node(XSD.integer)))]
    if source:
        records.append((BUILD.source, ox.Literal(source)))
    piece.records = {(node, named_node(p), o) for p, o in records} | actor_records(node, piece.actors)
    return piece


def actor_records(node: ox.NamedNode, actors: list[dict[str, Any]]) -> set:
    """An article's records of the actors it contributes (as :func:`actor_dict` gives them) and mentions."""
    found = {(node, named_node(BUILD.actors), ox.Literal(json.dumps(actors, sort_keys=True, ensure_ascii=False)))}
    return found | {(node, named_node(BUILD.mentions), named_node(actor_iri(a["key"]))) for a in actors}


def actor_dict(actor, actors: dict) -> dict[str, Any]:
    """An actor as an article's record keeps it (JSON): ``actors`` are the article's, by key."""
    return {"key": actor.key, "name": actor.name, "kind": actor.kind, "aliases": sorted(actor.aliases),
            "roles": sorted(actor.roles), "member_of": actor.member_of if actor.member_of in actors else None,
            "affiliation": actor.affiliation, "same_as": actor.same_as}


def actor_objects(actors: list[dict[str, Any]]) -> dict:
    """The kg.actors.Actor objects of actors as records keep them (see :func:`actor_dict`), by key."""
    from kg.actors import Actor

    return {a["key"]: Actor(a["key"], a["name"], a["kind"], set(a["aliases"]), set(a["roles"]), a["member_of"],
                            a["affiliation"], a["same_as"]) for a in actors}


def _merge(merged: dict[str, MergedActor], actors: list[dict[str, Any]], keys: set[str]) -> None:
    """Merge one article's actors into ``merged`` with kg.graph.rdf's own rules (so the result matches kg.build)."""
    objects = actor_objects(actors)
    for key, actor in objects.items():
        if key in keys:
            if key not in merged:
                merged[key] = MergedActor(key)
            merged[key].add(actor, objects)


def _covers(new: dict[str, Any] | None, old: dict[str, Any]) -> bool:
    """Whether merging ``new`` alone gives what merging ``old`` and ``new`` gives (same name and kind, nothing lost).

    >>> a = {"name": "Putin", "kind": "person", "aliases": ["Putin"], "roles": [], "member_of": None,
    ...      "affiliation": None, "same_as": None}
    >>> _covers({**a, "roles": ["president"]}, a), _covers(a, {**a, "roles": ["president"]}), _covers(None, a)
    (True, False, False)
    """
    if new is None or new["name"] != old["name"] or new["kind"] != old["kind"]:
        return False
    if not (set(old["aliases"]) <= set(new["aliases"]) and set(old["roles"]) <= set(new["roles"])):
        return False
    return all(old[k] is None or old[k] == new[k] for k in ("member_of", "affiliation", "same_as"))


def _terms():
    """kg.graph.rdf's maker of Oxigraph terms (one per process: it keeps the vocabulary's terms)."""
    global _TERMS
    if _TERMS is None:
        from kg.graph.rdf import OxigraphTerms

        _TERMS = OxigraphTerms()
    return _TERMS


_TERMS = None


def query_store(store_path: str | Path, text: str, bindings: dict[str, Any] | None = None) -> "Result":
    """Open a store read-only, run one query and return its result, read whole (see :meth:`CorpusStore.query`)."""
    with open_store(store_path, purpose="kg query") as store:
        return store.query(text, bindings).read()


# --- terms -------------------------------------------------------------------------


def named_node(iri) -> ox.NamedNode:
    """An Oxigraph IRI of any IRI-like value (an rdflib URIRef, a string)."""
    return ox.NamedNode(str(iri))


def _ox_triple(triple) -> ox.Triple:
    return ox.Triple(_ox(triple[0]), _ox(triple[1]), _ox(triple[2]))


def _block(graph: ox.NamedNode, triples: Iterable) -> str:
    """A ``GRAPH <g> { ... }`` block of SPARQL data, written by Oxigraph's N-Triples serialiser (its escaping
    is valid SPARQL). ``triples``: ox.Triple or (subject, predicate, object) tuples of Oxigraph terms."""
    triples = [t if isinstance(t, ox.Triple) else ox.Triple(*t) for t in triples]
    body = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return f"GRAPH <{graph.value}> {{\n{body}}}\n"


def _records_update(removed: Iterable[str], records: Iterable) -> str:
    """A SPARQL update of the records store: the records of the articles ``removed`` go, ``records`` come."""
    parts = [f"DELETE WHERE {{ <{article_iri(h)}> ?p ?o }}" for h in sorted(removed)]
    records = [ox.Triple(*t) for t in records]
    if records:
        body = ox.serialize(sorted(records, key=str), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        parts.append(f"INSERT DATA {{\n{body}}}")
    return " ;\n".join(parts)
