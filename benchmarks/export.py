"""``kg export`` of a store: kg's writers, one article graph in memory at a time (kg.store.corpusfile), against Oxigraph's
own serialisers streaming the same quads (what kg export used before), per format, in one run.

    python benchmarks/export.py                      # a store of 1,000 articles made from the two examples
    python benchmarks/export.py --articles 200 --formats ttl

The store is made without extraction: the examples are built once, then their article graphs are copied under
new article IRIs (the actors and vocabularies stay as they are) and bulk-loaded. Printed per format: wall and
CPU seconds of each writer (medians of alternating rounds), the ratio, and the peak memory (RSS) of each run,
measured in a child process each. Figures are printed, not asserted: this is not a test.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
store, out, fmt, how = sys.argv[2:6]
wall, cpu = time.perf_counter(), time.process_time()
if how == "kg":
    from kg.store.export import export_store
    export_store(store, out, fmt)
else:
    import pyoxigraph as ox
    from kg.graph.sparql import PREFIXES
    from kg.store.dataset import open_store
    from kg.store.export import FORMATS
    with open_store(store) as opened, open(out, "wb") as handle:
        graphs, named = opened.content_graphs(), fmt in ("nq", "trig")
        quads = (q if named else ox.Triple(q.subject, q.predicate, q.object)
                 for g in graphs for q in opened.ox.quads_for_pattern(None, None, None, g))
        ox.serialize(quads, handle, FORMATS[fmt], prefixes=PREFIXES)
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))  # ru_maxrss survives exec
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, peak / 1024]))
"""


def make_store(articles: int, folder: Path) -> tuple[Path, int]:
    """A store of ``articles`` articles: the examples' graphs copied under new IRIs, bulk-loaded."""
    import pyoxigraph as ox

    from kg.graph.corpus import build
    from kg.graph.rdf import serialize

    nq = serialize(build(sorted((ROOT / "examples").glob("*.txt"))), "nq")
    quads = list(ox.parse(nq.encode("utf-8"), ox.RdfFormat.N_QUADS))
    prefix = "https://w3id.org/kg/id/article/"
    lines = []
    for copy in range(articles // 2):
        for quad in quads:
            line = str(quad)
            lines.append(line.replace(prefix, f"{prefix}{copy:04d}"))
    path = folder / "corpus.nq"
    path.write_text(" .\n".join(sorted(set(lines))) + " .\n", encoding="utf-8")
    store = folder / "kg-store"
    ox.Store(str(store)).bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store, len(set(lines))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="kg export: kg's writers against Oxigraph's serialisers.")
    parser.add_argument("--articles", type=int, default=1000, help="articles in the store (default 1000)")
    parser.add_argument("--formats", default="ttl,nq,jsonld", help="comma-separated (default: ttl,nq,jsonld)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per writer (default 3)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="kg-export-"))
    store, count = make_store(args.articles, folder)
    print(f"store: {args.articles} articles, {count} quads; medians of {args.rounds} rounds, each in its own process")
    print(f"{'format':7} {'oxigraph wall/cpu s':>20} {'kg wall/cpu s':>15} {'kg/ox cpu':>9} {'peak MB ox/kg':>14}")
    for fmt in args.formats.split(","):
        runs: dict[str, list] = {"ox": [], "kg": []}
        for _ in range(args.rounds):
            for how in ("ox", "kg"):
                done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(store), str(folder / f"x.{fmt}"),
                                       fmt, how], capture_output=True, text=True, check=True)
                runs[how].append(json.loads(done.stdout))
        ox_, kg_ = ([statistics.median(r[i] for r in runs[h]) for i in range(3)] for h in ("ox", "kg"))
        print(f"{fmt:7} {ox_[0]:>9.2f} / {ox_[1]:<8.2f} {kg_[0]:>6.2f} / {kg_[1]:<6.2f} {kg_[1] / ox_[1]:>9.1f} "
              f"{ox_[2]:>6.0f} / {kg_[2]:<6.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
