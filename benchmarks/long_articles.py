"""Long articles: extraction time and peak memory at 100k, 200k and 300k characters, against linear growth.

Each long body is made of generated articles (``newsgen.py``) one after the other. Every measurement runs
in a fresh process (peak memory only grows within a process): the process loads the pipeline, extracts a
short article to warm up, then extracts the long one. Sizes are measured in interleaved rounds (100k, 200k,
300k, 100k, ...) so that a busy machine slows all of them alike; the medians are printed, and the ratio of
300k to 100k beside its floor: 3.3, linear growth with a 10% margin (3.0 is exactly linear).

    python benchmarks/long_articles.py                 # 3 rounds of 100k, 200k, 300k
    python benchmarks/long_articles.py --rounds 5 --sizes 100000 300000
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
FLOOR = 3.3  # 300k / 100k: linear (3.0) with a 10% margin


def long_body(chars: int, seed: int = 11) -> str:
    """Generated articles' bodies joined by blank lines, cut at a paragraph to about ``chars`` characters."""
    from newsgen import article

    rng, parts, size, index = random.Random(seed), [], 0, 0
    while size < chars + 2_000:
        body = article(rng, index).split("\n\n", 1)[1].strip()  # without the title and Source line
        parts.append(body)
        size += len(body) + 2
        index += 1
    return "\n\n".join(parts)[:chars].rsplit("\n\n", 1)[0] + "\n"


def measure(chars: int) -> dict:
    """In this process: extract a ``chars``-character article; CPU and wall seconds, peak memory in MB."""
    from kg.article import parse_article
    from kg.extraction.extract import extract_article

    extract_article(parse_article("“We will not retreat,” the minister said on Tuesday.\n"))  # loads the model
    body = long_body(chars)
    before = _peak_mb()
    cpu, wall = time.process_time(), time.perf_counter()
    extraction = extract_article(parse_article(body))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    peak = _peak_mb()
    return {"chars": len(body), "cpu": cpu, "wall": wall, "peak_mb": peak, "growth_mb": peak - before,
            "statements": len(extraction.statements)}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run(sizes: list[int], rounds: int) -> dict[int, list[dict]]:
    results: dict[int, list[dict]] = {size: [] for size in sizes}
    for round_ in range(rounds):
        for size in sizes:
            out = subprocess.run([sys.executable, __file__, "--child", str(size)], check=True, capture_output=True,
                                 text=True).stdout
            results[size].append(json.loads(out.strip().splitlines()[-1]))
            row = results[size][-1]
            print(f"  round {round_ + 1}: {size:>9,} chars  cpu {row['cpu']:6.1f} s  wall {row['wall']:6.1f} s  "
                  f"peak {row['peak_mb']:6.0f} MB (+{row['growth_mb']:.0f})", file=sys.stderr)
    return results


def report(results: dict[int, list[dict]]) -> None:
    medians = {size: {key: statistics.median(r[key] for r in rows) for key in rows[0]} for size, rows in results.items()}
    print(f"{'chars':>9}  {'statements':>10}  {'CPU s':>7}  {'wall s':>7}  {'ms/kchar':>8}  {'peak MB':>7}  "
          f"{'growth MB':>9}")
    for size, m in medians.items():
        print(f"{size:>9,}  {m['statements']:>10.0f}  {m['cpu']:>7.1f}  {m['wall']:>7.1f}  "
              f"{1e6 * m['cpu'] / m['chars']:>8.1f}  {m['peak_mb']:>7.0f}  {m['growth_mb']:>9.0f}")
    low, high = min(medians), max(medians)
    if low == high:
        return
    floor = FLOOR * high / low / 3
    print(f"\nratio {high:,} / {low:,} characters (floor {floor:.1f}: linear with a 10% margin)")
    for label, key in (("CPU time", "cpu"), ("wall time", "wall"), ("peak memory (whole process)", "peak_mb"),
                       ("memory growth over the loaded model", "growth_mb")):
        ratio = medians[high][key] / medians[low][key] if medians[low][key] else float("inf")
        print(f"  {label:<38} {ratio:5.2f}   {'ok' if ratio <= floor else 'OVER'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 200_000, 300_000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    report(run(sorted(args.sizes), args.rounds))


if __name__ == "__main__":
    main()
