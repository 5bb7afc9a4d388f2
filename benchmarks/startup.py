"""Start-up: ``kg --help`` and ``kg extract`` of one article, as a user runs them, beside their targets (issue 16:
< 0.2 s and < 2 s wall).

    python benchmarks/startup.py                 # 5 interleaved rounds
    python benchmarks/startup.py --rounds 9

Each command is a fresh process (``python -m kg ...`` from this checkout), timed whole: wall time (the target) and,
beside it, the CPU time of its process tree (which other load on the shared machine disturbs less). The rounds
alternate the commands; medians are printed. The article is ``examples/000_776e85ceb2cce017.txt``.

Figures are printed, not asserted: this is not a test.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import timing  # noqa: E402 - benchmarks/timing.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "000_776e85ceb2cce017.txt"
TARGETS = {"kg --help": 0.2, "kg extract ARTICLE --format json": 2.0}


def commands() -> dict[str, list[str]]:
    kg = [sys.executable, "-m", "kg"]
    return {"kg --help": [*kg, "--help"], "kg extract ARTICLE --format json": [*kg, "extract", str(ARTICLE),
                                                                              "--format", "json"]}


def run_timed(args: list[str]) -> dict:
    """Wall and CPU seconds of a command run from the checkout (benchmarks/timing.py)."""
    return timing.run_timed(args, cwd=ROOT, keep_output=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    runs = commands()
    results: dict[str, list[dict]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, command in runs.items():
            results[name].append(run_timed(command))
    print(f"medians of {args.rounds} interleaved rounds (a fresh process each)")
    print(f"{'command':<34} {'wall s':>7} {'target':>7} {'':>4} {'CPU s':>6} {'min wall':>8}")
    for name, rows in results.items():
        wall = statistics.median(r["wall"] for r in rows)
        cpu = statistics.median(r["cpu"] for r in rows)
        verdict = "ok" if wall < TARGETS[name] else "OVER"
        print(f"{name:<34} {wall:>7.2f} {'< ' + str(TARGETS[name]):>7} {verdict:>4} {cpu:>6.2f} "
              f"{min(r['wall'] for r in rows):>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
