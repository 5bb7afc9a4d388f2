"""The query path's figures (issue 16, item 3), each printed beside its floor, measured in one run.

    python benchmarks/query_speed.py --store /tmp/store2000            # a store you built (kg build DIR --store S)
    python benchmarks/query_speed.py --articles 200                    # generate and build one first (newsgen.py)
    python benchmarks/query_speed.py --store S --rounds 5 --graph g.ttl  # also: the report on a graph file

1. ``kg query NAME --store S`` as a whole process, for every stored query: wall and CPU (start, Python imports, store
   opening, query, output), floor 300 ms wall for results of at most 2,000 rows; beside it the bare floor of a
   process that only imports pyoxigraph and opens the store.
2. In one process, every stored query run and written (Oxigraph's TSV writer, to memory): floor 200 ms for results of
   at most 5,000 rows.
3. The bound form of every stored query (``--bind`` one variable, a value taken from the store): floor 100 ms, in
   one process.
4. Streaming: ``kg query -e 'SELECT ?s ?p ?o ...' --store S --format tsv`` and the largest stored listing into a
   file: time to the first row (floor 300 ms), rows a second (floor 50,000) and peak memory against a tenth of
   the rows (flat: the same).
5. With ``--graph FILE``: ``kg report FILE`` (graph files read into Oxigraph) against the same report through rdflib
   (the engine before, run from ``--old`` when given, a checkout of kg before the change).

Rounds are interleaved (each round runs every query once) and medians are printed; CPU is user + system time of the
process (tree), which other load on a shared machine disturbs less than wall time. Nothing is asserted: this is a
benchmark, not a test.
"""
from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import timing  # noqa: E402 - benchmarks/timing.py, beside this script

# The variable each stored query is bound on for its bound form, and a query that picks a value from the store.
SPEAKER = "SELECT ?v WHERE { ?s a kg:Statement ; kg:speaker ?v } LIMIT 1"
BOUND = {
    "actors": ("actor", SPEAKER),
    "denials": ("speaker", "SELECT ?v WHERE { ?s kg:position/skos:notation 'deny_report' ; kg:speaker ?v } LIMIT 1"),
    "hedged-statements": ("speaker", "SELECT ?v WHERE { ?s kg:hedged true ; kg:speaker ?v } LIMIT 1"),
    "positions-by-actor": ("statement", "SELECT ?v WHERE { ?v kg:position ?p } LIMIT 1"),
    "report-articles": ("article", "SELECT ?v WHERE { ?v nif:isString ?b } LIMIT 1"),
    "report-channel-hops": ("statement", "SELECT ?v WHERE { ?v kg:channel ?h } LIMIT 1"),
    "report-statements": ("statement", "SELECT ?v WHERE { ?v a kg:Statement } LIMIT 1"),
    "reporting-chains": ("statement", "SELECT ?v WHERE { ?v kg:channel ?h } LIMIT 1"),
    "statements-by-actor": ("speaker", SPEAKER),
    "via-outlet": ("outlet", "SELECT ?v WHERE { ?h kg:nextHop ?n . ?n kg:via ?v . ?v kg:role 'news outlet'@en } LIMIT 1"),
    "willing-to-stop-at-current-lines": ("speaker", SPEAKER),
}
KG = [sys.executable, "-P", "-m", "kg"]  # -P: this checkout's kg (PYTHONPATH), whatever the current folder
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def process(args: list[str]) -> tuple[float, float, float]:
    """Wall and CPU seconds and peak RSS (MiB) of one command, its output thrown away (benchmarks/timing.py)."""
    result = timing.run_timed(args, env=ENV, keep_output=False)
    return result["wall"], result["cpu"], result["rss"]


def median(values) -> float:
    return statistics.median(values)


def row(label: str, value: str, floor: str, met: bool | None) -> None:
    mark = "" if met is None else ("ok" if met else "NOT MET")
    print(f"  {label:44s} {value:>34s}   floor {floor:14s} {mark}")


# --- 1. the CLI, as a process -------------------------------------------------------------


def cli_figures(store: str, names: list[str], counts: dict[str, int], rounds: int) -> None:
    print(f"\n=== 1. kg query NAME --store, as a process (median of {rounds} interleaved rounds; wall / CPU) ===")
    bare = ["python", "-c", f"import pyoxigraph as ox; ox.Store.read_only({store!r}).query('ASK {{}}')"]
    bare[0] = sys.executable
    start = "(kg's start: -e 'ASK {}')"
    runs: dict[str, list] = {name: [] for name in ["(bare: pyoxigraph opens the store)", start, *names]}
    for _ in range(rounds):
        runs["(bare: pyoxigraph opens the store)"].append(process(bare))
        runs[start].append(process([*KG, "query", "-e", "ASK {}", "--store", store]))
        for name in names:
            runs[name].append(process([*KG, "query", name, "--store", store, "--format", "tsv"]))
    for name, found in runs.items():
        wall, cpu = median(r[0] for r in found), median(r[1] for r in found)
        rows = counts.get(name)
        small = rows is not None and rows <= 2000
        row(f"{name} ({rows} rows)" if rows is not None else name, f"{wall * 1000:6.0f} ms wall {cpu * 1000:6.0f} ms CPU",
            "300 ms wall" if small else ("-" if rows is None else "- (> 2,000 rows)"), (wall < 0.3) if small else None)


# --- 2 and 3. in one process ---------------------------------------------------------------


def in_process(store: str, names: list[str], rounds: int) -> dict[str, int]:
    """Every stored query, then its bound form, run and written to memory; returns the row counts."""
    from kg.graph.queries import get_query
    from kg.graph.sparql import run, write_result
    from kg.store.lock import read_store

    counts: dict[str, int] = {}
    plain: dict[str, list] = {n: [] for n in names}
    bound: dict[str, list] = {n: [] for n in names}
    with read_store(store, purpose="benchmark") as dataset:
        values = {}
        for name in names:
            variable, pick = BOUND[name]
            found = run(dataset, pick).rows()
            values[name] = {variable: f"<{found[0]['v']}>"} if found else None

        def once(name: str, bindings) -> tuple[float, float, int]:
            wall, cpu = time.perf_counter(), time.process_time()
            out = io.BytesIO()
            write_result(run(dataset, get_query(name).text, bindings), out, "tsv")  # a row a line
            return time.perf_counter() - wall, time.process_time() - cpu, out.getvalue().count(b"\n") - 1

        for _ in range(rounds):
            for name in names:
                plain[name].append(once(name, None))
                if values[name]:
                    bound[name].append(once(name, values[name]))
    print(f"\n=== 2. Every stored query in one process, run and written (median of {rounds}; wall / CPU) ===")
    for name in names:
        wall, cpu, rows = median(r[0] for r in plain[name]), median(r[1] for r in plain[name]), plain[name][0][2]
        counts[name] = rows
        small = rows <= 5000
        row(f"{name} ({rows} rows)", f"{wall * 1000:6.0f} ms wall {cpu * 1000:6.0f} ms CPU",
            "200 ms" if small else "- (> 5,000 rows)", (cpu < 0.2) if small else None)
    print(f"\n=== 3. The bound form of every stored query, in one process (median of {rounds}; wall / CPU) ===")
    for name in names:
        if not bound[name]:
            row(name, "no value to bind in this store", "100 ms", None)
            continue
        wall, cpu, rows = median(r[0] for r in bound[name]), median(r[1] for r in bound[name]), bound[name][0][2]
        row(f"{name} --bind {BOUND[name][0]} ({rows} rows)", f"{wall * 1000:6.0f} ms wall {cpu * 1000:6.0f} ms CPU",
            "100 ms", cpu < 0.1)
    return counts


# --- 4. streaming ---------------------------------------------------------------------------


def first_row_and_rate(args: list[str], out_path: Path) -> tuple[float, float, int]:
    """Seconds to the first data row on stdout (from the process start), rows a second overall, rows."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, env=ENV)
    first = None
    rows = 0
    with open(out_path, "wb") as sink:
        header = proc.stdout.readline()
        sink.write(header)
        for line in proc.stdout:
            if first is None:
                first = time.perf_counter() - start
            rows += 1
            sink.write(line)
    proc.wait()
    total = time.perf_counter() - start
    return first or total, rows / total if total else 0.0, rows


def streaming(store: str, biggest: str, rounds: int) -> None:
    print(f"\n=== 4. Streaming into a file (median of {rounds}) ===")
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    cases = [("every triple, -e (unsorted)", ["-e", everything]), (f"{biggest} (sorted: the whole result first)",
                                                                   [biggest])]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.tsv"
        for label, query in cases:
            found = [first_row_and_rate([*KG, "query", *query, "--store", store, "--format", "tsv"], out)
                     for _ in range(rounds)]
            first, rate, rows = median(f[0] for f in found), median(f[1] for f in found), found[0][2]
            row(f"{label}: first row", f"{first * 1000:6.0f} ms", "300 ms", first < 0.3)
            row(f"{label}: {rows} rows", f"{rate:8.0f} rows/s", "50,000 rows/s", rate >= 50000)
        tenth = process([*KG, "query", "-e", everything + " LIMIT 100000", "--store", store, "--format", "tsv"])
        whole = process([*KG, "query", "-e", everything, "--store", store, "--format", "tsv"])
        row("peak memory: every triple / 100,000 of them", f"{whole[2]:5.0f} / {tenth[2]:5.0f} MiB", "flat (same)",
            whole[2] < tenth[2] * 1.5)


# --- 5. the report on a graph file ------------------------------------------------------------


def report_figures(graph: str, old: str | None, rounds: int) -> None:
    print(f"\n=== 5. kg report on {graph} (median of {rounds}; wall / CPU / peak) ===")
    with tempfile.TemporaryDirectory() as tmp:
        html = str(Path(tmp) / "report.html")
        runs = {"kg report (Oxigraph)": []}
        if old:
            runs["kg report before (rdflib)"] = []
        for _ in range(rounds):
            runs["kg report (Oxigraph)"].append(process([*KG, "report", graph, "-o", html]))
            if old:
                runs["kg report before (rdflib)"].append(process(
                    ["env", f"PYTHONPATH={old}", sys.executable, "-P", "-m", "kg", "report", graph, "-o", html]))
        for label, found in runs.items():
            row(label, f"{median(r[0] for r in found):5.1f} s {median(r[1] for r in found):5.1f} s "
                       f"{median(r[2] for r in found):4.0f} MiB", "not slower", None)


def build_store(articles: int) -> str:
    folder = Path(tempfile.mkdtemp(prefix="kg-query-speed-"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from newsgen import write_corpus

    write_corpus(articles, folder / "articles")
    subprocess.run([*KG, "build", str(folder / "articles"), "--store", str(folder / "store")], check=True, env=ENV)
    return str(folder / "store")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", help="a store built by kg build --store (default: build one of --articles)")
    parser.add_argument("--articles", type=int, default=2000, help="articles to generate when no --store")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--graph", help="a graph file to time kg report on (section 5)")
    parser.add_argument("--old", help="with --graph: a checkout of kg before the one engine, for its report time")
    parser.add_argument("--skip", default="", help="sections to leave out, e.g. 1,4 (2 leaves out 3 too)")
    args = parser.parse_args()
    from kg.graph.queries import stored_queries

    store = args.store or build_store(args.articles)
    names = [q.name for q in stored_queries()]
    skip = set(args.skip.split(","))
    counts = in_process(store, names, args.rounds) if "2" not in skip else {}
    if "1" not in skip:
        cli_figures(store, names, counts, args.rounds)
    if "4" not in skip:
        streaming(store, max(counts, key=counts.get) if counts else "report-statements", args.rounds)
    if args.graph:
        report_figures(args.graph, args.old, args.rounds)


if __name__ == "__main__":
    main()
