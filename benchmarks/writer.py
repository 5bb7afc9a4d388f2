"""The graph writer of ``kg build -o FILE``: kg's writer (its own Turtle, Oxigraph's serialisers for the other
formats) against rdflib's writers that it replaced (longturtle for Turtle), on the same graph, in one run.

    python benchmarks/writer.py                         # 300 generated articles (newsgen.py), every format
    python benchmarks/writer.py --articles 100 --formats ttl,nt
    python benchmarks/writer.py --graph graph.ttl       # a graph you already have (no extraction)

The graph is extracted once (or read); then each writer writes it to memory, alternately, ``--rounds`` times.
Printed per format: the triples, the median wall and CPU seconds of each writer (CPU: this process's user +
system time, which other load on the machine disturbs less) and old / new as a ratio. Figures are printed,
not asserted: this is not a test.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def timed(write) -> tuple[float, float]:
    """Wall and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    write()
    return time.perf_counter() - wall, time.process_time() - cpu


def the_graph(args):
    """The graph to write: read from --graph, or extracted from --articles generated articles."""
    if args.graph:
        from kg.graph.validate import load_graph

        return load_graph(args.graph), f"{args.graph}"
    from newsgen import write_corpus

    from kg.graph.corpus import build

    folder = Path(tempfile.mkdtemp(prefix="kg-writer-"))
    paths = write_corpus(args.articles, folder)
    started = time.perf_counter()
    graph = build(paths)
    return graph, f"{args.articles} generated articles (extracted in {time.perf_counter() - started:.1f} s)"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kg's graph writer against rdflib's, per format.")
    parser.add_argument("--articles", type=int, default=300, help="generated articles to extract (default 300)")
    parser.add_argument("--graph", help="write this RDF file's graph instead of extracting articles")
    parser.add_argument("--formats", default="ttl,nt,nq,trig,jsonld,rdf", help="comma-separated (default: all)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per writer (median; default 3)")
    args = parser.parse_args(argv)
    from kg.graph.rdf import rdflib_serialize, serialize

    graph, source = the_graph(args)
    print(f"graph: {len(graph)} triples from {source}; medians of {args.rounds} rounds")
    print(f"{'format':<7} {'rdflib wall':>11} {'rdflib CPU':>10} {'kg wall':>8} {'kg CPU':>7} {'old/new CPU':>11}")
    for fmt in args.formats.split(","):
        old, new = [], []
        for _ in range(args.rounds):  # interleaved: a slow moment of the machine hits both
            old.append(timed(lambda: rdflib_serialize(graph, fmt)))
            new.append(timed(lambda: serialize(graph, fmt)))
        old_wall, old_cpu = (statistics.median(x) for x in zip(*old))
        new_wall, new_cpu = (statistics.median(x) for x in zip(*new))
        print(f"{fmt:<7} {old_wall:>10.2f}s {old_cpu:>9.2f}s {new_wall:>7.2f}s {new_cpu:>6.2f}s "
              f"{old_cpu / max(new_cpu, 1e-9):>10.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
