"""``kg validate GRAPH`` against the size of the graph: 100, 200 and 300 generated articles, as a ratio of linear growth.

    python benchmarks/validate_scale.py                     # graphs of 100, 200, 300 articles; 3 interleaved rounds
    python benchmarks/validate_scale.py --sizes 50 100 --rounds 1

The articles (``newsgen.py``) are extracted once; the graph of the first N of them is written as ``kg build -o``
writes it (Turtle, with the actors and the schemes). Each measurement is a fresh process doing what ``kg validate
FILE`` does (parse the file with rdflib, then pySHACL with the shipped shapes), timed in its parts (CPU seconds of
that process) and whole (CPU of the process and wall time). Sizes alternate within a round (100, 200, 300, 100,
...); medians are printed, per article and as the ratio of the largest graph to the smallest beside the floor:
linear growth with a 10% margin (3.3 for 300 / 100).

Figures are printed, not asserted: this is not a test.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
import timing  # noqa: E402 - benchmarks/timing.py, beside this script

MARGIN = 1.1  # linear growth with a 10% margin


def write_graphs(sizes: list[int], folder: Path) -> dict[int, Path]:
    """Extract max(sizes) generated articles once; write the graph of the first N of them for each size."""
    from newsgen import write_corpus

    from kg.extraction.extract import extract_many
    from kg.extraction.positions.classifier import load_scheme
    from kg.graph.corpus import read_articles
    from kg.graph.linking import ActorLinker
    from kg.graph.rdf import CorpusTriples, write_graph_file

    articles = read_articles(write_corpus(max(sizes), folder / "corpus"))
    extractions = list(extract_many(articles))
    out = {}
    for size in sizes:
        triples, linker = CorpusTriples(load_scheme([])), ActorLinker()
        for extraction in extractions[:size]:
            triples.add(linker.link(extraction))
        out[size] = folder / f"graph-{size}.ttl"
        write_graph_file(triples.triples(), out[size])
    return out


def child(path: str) -> None:
    """What kg validate FILE does, timed in its parts (CPU seconds of this process)."""
    clock = time.process_time
    start = clock()
    from kg.graph.validate import load_graph, validate_graph

    imported = clock()
    graph = load_graph(path)
    loaded = clock()
    report = validate_graph(graph)
    done = clock()
    print(json.dumps({"imports": imported - start, "load": loaded - imported, "shacl": done - loaded,
                      "triples": len(graph), "conforms": report.conforms}))


def run_timed(args: list[str]) -> dict:
    """A command's stdout (JSON), wall seconds and the CPU seconds of its process tree (benchmarks/timing.py)."""
    result = timing.run_timed(args, cwd=ROOT)
    return {**json.loads(result["out"]), "cpu": result["cpu"], "wall": result["wall"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 200, 300], help="articles per graph")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", help="keep the corpus and graphs here (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.sizes))
    work = Path(args.workdir or tempfile.mkdtemp(prefix="kg-validate-scale-"))
    graphs = write_graphs(sizes, work)
    results: dict[int, list[dict]] = {size: [] for size in sizes}
    for round_ in range(args.rounds):
        for size in sizes:
            row = run_timed([sys.executable, __file__, "_child", str(graphs[size])])
            results[size].append(row)
            print(f"  round {round_ + 1}: {size} articles  load {row['load']:.1f} s  SHACL {row['shacl']:.1f} s  "
                  f"process CPU {row['cpu']:.1f} s  wall {row['wall']:.1f} s", file=sys.stderr, flush=True)
    keys = ("load", "shacl", "cpu", "wall")
    med = {size: {k: statistics.median(r[k] for r in rows) for k in keys} | {"triples": rows[0]["triples"],
                                                                            "conforms": rows[0]["conforms"]}
           for size, rows in results.items()}
    print(f"\nkg validate GRAPH.ttl (load + SHACL, a fresh process), medians of {args.rounds} rounds; ms per article")
    print(f"{'articles':>8} {'triples':>8} {'load s':>7} {'SHACL s':>8} {'process CPU s':>13} {'wall s':>7} "
          f"{'load ms/a':>9} {'SHACL ms/a':>10} {'CPU ms/a':>8}  conforms")
    for size, m in med.items():
        print(f"{size:>8} {m['triples']:>8} {m['load']:>7.1f} {m['shacl']:>8.1f} {m['cpu']:>13.1f} {m['wall']:>7.1f} "
              f"{1000 * m['load'] / size:>9.0f} {1000 * m['shacl'] / size:>10.0f} {1000 * m['cpu'] / size:>8.0f}  "
              f"{m['conforms']}")
    low, high = sizes[0], sizes[-1]
    if low != high:
        floor = MARGIN * high / low
        print(f"\nratio {high} / {low} articles (floor {floor:.1f}: linear with a 10% margin)")
        for label, key in (("load (rdflib parse)", "load"), ("SHACL (pySHACL)", "shacl"), ("process CPU", "cpu"),
                           ("wall", "wall")):
            ratio = med[high][key] / med[low][key]
            print(f"  {label:<22} {ratio:5.2f}   {'ok' if ratio <= floor else 'OVER'}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_child":
        child(sys.argv[2])
    else:
        sys.exit(main())
