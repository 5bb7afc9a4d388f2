"""Scoring extracted statements against gold annotations (the rules of FORMAT.md).

Statements are aligned greedily one-to-one by evidence overlap, and only when
the predicted speaker resolves to the gold speaker actor or one of its
aliases; a ``same_as`` group of gold statements counts once. On aligned pairs
the frame attributes are compared.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import GoldError

_FIELDS = ("cue", "channel_set", "channel_exact", "quote_kind", "hedged", "kind", "nesting", "position",
           "speaker_actor", "actor_b3")
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "we", "i", "you"}


@dataclass
class RuleCount:
    """How one rule fared (kg.provenance): the statements it took part in, how many of them the gold has (true)
    or not (false), and on the true ones how often the aspect it decided matches the gold (``right`` of
    ``checked``; frame rules decide no single aspect)."""

    produced: int = 0
    true: int = 0
    false: int = 0
    right: int = 0
    checked: int = 0

    def add(self, other: "RuleCount") -> None:
        for name in ("produced", "true", "false", "right", "checked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Score:
    """Counts for one article or a total, and the figures derived from them."""

    article: str
    gold: int = 0
    predicted: int = 0
    aligned: int = 0
    agree: dict[str, int] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    channel_tp: int = 0
    channel_pred: int = 0
    channel_gold: int = 0
    nest_tp: int = 0
    nest_pred: int = 0
    nest_gold: int = 0
    b3_precision: float = 0.0  # sums over mentions; divided by b3_mentions
    b3_recall: float = 0.0
    b3_mentions: int = 0
    rules: dict[str, RuleCount] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.aligned / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.aligned / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def rate(self, name: str) -> float | None:
        if name == "channel_set":
            return _f1(_ratio(self.channel_tp, self.channel_pred), _ratio(self.channel_tp, self.channel_gold)) \
                if (self.channel_pred or self.channel_gold) else 1.0 if self.aligned else None
        if name == "actor_b3":
            if not self.b3_mentions:
                return None
            return _f1(self.b3_precision / self.b3_mentions, self.b3_recall / self.b3_mentions)
        if name == "nesting":
            return _f1(_ratio(self.nest_tp, self.nest_pred), _ratio(self.nest_tp, self.nest_gold)) \
                if (self.nest_pred or self.nest_gold) else 1.0 if self.aligned else None
        seen = self.seen.get(name, 0)
        return self.agree.get(name, 0) / seen if seen else None

    def add(self, other: "Score") -> None:
        for name in ("gold", "predicted", "aligned", "channel_tp", "channel_pred", "channel_gold", "nest_tp", "nest_pred",
                     "nest_gold", "b3_precision", "b3_recall", "b3_mentions"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in _FIELDS:
            self.agree[name] = self.agree.get(name, 0) + other.agree.get(name, 0)
            self.seen[name] = self.seen.get(name, 0) + other.seen.get(name, 0)
        for rule_id, count in other.rules.items():
            self.rules.setdefault(rule_id, RuleCount()).add(count)

    def as_dict(self) -> dict[str, Any]:
        out = {"article": self.article, "gold": self.gold, "predicted": self.predicted, "aligned": self.aligned,
               "precision": round(self.precision, 3), "recall": round(self.recall, 3), "f1": round(self.f1, 3)}
        out.update({name: (round(r, 3) if (r := self.rate(name)) is not None else None) for name in _FIELDS})
        return out


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read one gold file and check it has the expected shape."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise GoldError(f"{path}: cannot read gold file: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("statements"), list):
        raise GoldError(f"{path}: a gold file needs a 'statements' list")
    return data


def find_gold(gold_dir: str | Path, article_name: str) -> Path | None:
    """The gold file of an article: same stem, or seed_<prefix> by the leading number, or one naming it."""
    folder = Path(gold_dir)
    stem = Path(article_name).stem
    candidates = [folder / f"{stem}.json", folder / f"seed_{stem.split('_')[0]}.json"]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    for candidate in sorted(folder.glob("*.json")):
        try:
            if json.loads(candidate.read_text(encoding="utf-8")).get("article") == article_name:
                return candidate
        except (OSError, ValueError):
            continue
    return None


def score_article(predicted: dict[str, Any], gold: dict[str, Any], body: str, vocabulary: set[str]) -> Score:
    """Score one article's predicted JSON against its gold JSON.

    :param predicted: output of kg.evaluation.goldjson.to_gold_json.
    :param gold: a gold file's content.
    :param body: the article body, to place gold evidence.
    :param vocabulary: position labels that are scored.
    """
    score = Score(article=gold.get("article") or predicted.get("article", "?"))
    units = _gold_units(gold["statements"])
    score.gold, score.predicted = len(units), len(predicted["statements"])
    names = _actor_names(gold)
    pairs = []
    for p_index, pred in enumerate(predicted["statements"]):
        for u_index, unit in enumerate(units):
            for g in unit:
                overlap = _overlap(pred, g, body)
                if overlap > 0 and _same_speaker(pred, g, names):
                    pairs.append((overlap, p_index, u_index, g))
    used_p, used_u = set(), set()
    pred_by_id = {p["id"]: p for p in predicted["statements"]}
    aligned: dict[int, dict] = {}  # predicted statement -> the gold statement it was aligned with
    for overlap, p_index, u_index, g in sorted(pairs, key=lambda x: -x[0]):
        if p_index in used_p or u_index in used_u:
            continue
        used_p.add(p_index)
        used_u.add(u_index)
        aligned[p_index] = g
        _compare(score, predicted["statements"][p_index], g, vocabulary, pred_by_id)
        _compare_speaker_actor(score, predicted["statements"][p_index], g, names)
    score.aligned = len(used_u)
    _count_rules(score, predicted["statements"], aligned, names, vocabulary)
    _actor_clustering(score, predicted.get("actors", []), gold.get("actors", []))
    return score


def _count_rules(score: Score, predicted: list[dict], aligned: dict[int, dict], names: dict[str, set[str]],
                 vocabulary: set[str]) -> None:
    """Per rule (the ``rules`` of each predicted statement): produced, true and false against the gold, and on the
    true ones whether the aspect the rule decided matches."""
    for p_index, pred in enumerate(predicted):
        gold = aligned.get(p_index)
        for aspect, ids in (pred.get("rules") or {}).items():
            right = _aspect_agrees(aspect, pred, gold, names, vocabulary) if gold is not None else None
            for rule_id in dict.fromkeys(i for i in ids if i):
                count = score.rules.setdefault(rule_id, RuleCount())
                count.produced += 1
                count.true += gold is not None
                count.false += gold is None
                if right is not None:
                    count.checked += 1
                    count.right += right


def _aspect_agrees(aspect: str, pred: dict, gold: dict, names: dict[str, set[str]], vocabulary: set[str]) -> bool | None:
    """Whether an aligned statement's aspect matches the gold (None: not scored, as in :func:`_compare`)."""
    if aspect == "speaker":
        gold_actor = _norm(gold.get("speaker_actor"))
        return _norm(pred.get("speaker_actor")) in names.get(gold_actor, set()) | {gold_actor}
    if aspect == "cue":
        return _norm(pred.get("cue")) == _norm(gold.get("cue"))
    if aspect == "channel":
        return [_norm(c) for c in pred.get("channel") or []] == [_norm(c) for c in gold.get("channel") or []]
    if aspect == "kind":
        return pred.get("kind") == gold.get("kind")
    if aspect == "position" and gold.get("kind") == "stance" and gold.get("position") in vocabulary:
        return pred.get("position") == gold.get("position")
    return None


def _compare_speaker_actor(score: Score, pred: dict, gold: dict, names: dict[str, set[str]]) -> None:
    """Speaker resolution: the predicted speaker actor (not the mention) is the gold actor or one of its names."""
    gold_actor = _norm(gold.get("speaker_actor"))
    allowed = names.get(gold_actor, set()) | {gold_actor}
    score.seen["speaker_actor"] = score.seen.get("speaker_actor", 0) + 1
    score.agree["speaker_actor"] = score.agree.get("speaker_actor", 0) + int(_norm(pred.get("speaker_actor")) in allowed)


def _actor_clustering(score: Score, predicted: list[dict], gold: list[dict]) -> None:
    """B-cubed over the mention strings both sides list (names and aliases; ambiguous pronouns left out)."""
    gold_of, pred_of = _clusters(gold), _clusters(predicted)
    common = sorted(set(gold_of) & set(pred_of))
    for mention in common:
        g, p = gold_of[mention], pred_of[mention]
        gold_members = {m for m in common if gold_of[m] == g}
        pred_members = {m for m in common if pred_of[m] == p}
        overlap = len(gold_members & pred_members)
        score.b3_precision += overlap / len(pred_members)
        score.b3_recall += overlap / len(gold_members)
    score.b3_mentions += len(common)


def _clusters(actors: list[dict]) -> dict[str, int]:
    owner: dict[str, int] = {}
    ambiguous: set[str] = set()
    for index, actor in enumerate(actors):
        for mention in {_norm(actor.get("name")), *(_norm(a) for a in actor.get("aliases", []))}:
            if not mention or mention in _PRONOUNS:
                continue
            if mention in owner and owner[mention] != index:
                ambiguous.add(mention)
            owner[mention] = index
    return {m: i for m, i in owner.items() if m not in ambiguous}


def _compare(score: Score, pred: dict, gold: dict, vocabulary: set[str], pred_by_id: dict) -> None:
    checks = {
        "cue": _norm(pred.get("cue")) == _norm(gold.get("cue")),
        "channel_exact": [_norm(c) for c in pred.get("channel") or []] == [_norm(c) for c in gold.get("channel") or []],
        "quote_kind": pred.get("quote_kind") == gold.get("quote_kind"),
        "hedged": bool(pred.get("hedged")) == bool(gold.get("hedged")),
        "kind": pred.get("kind") == gold.get("kind"),
    }
    if gold.get("kind") == "stance" and gold.get("position") in vocabulary:
        checks["position"] = pred.get("position") == gold.get("position")
    for name, ok in checks.items():
        score.seen[name] = score.seen.get(name, 0) + 1
        score.agree[name] = score.agree.get(name, 0) + int(ok)
    p_chan = {_norm(c) for c in pred.get("channel") or []}
    g_chan = {_norm(c) for c in gold.get("channel") or []}
    score.channel_tp += len(p_chan & g_chan)
    score.channel_pred += len(p_chan)
    score.channel_gold += len(g_chan)
    p_nest, g_nest = bool(pred.get("reported_by")), bool(gold.get("reported_by"))
    score.nest_tp += int(p_nest and g_nest)
    score.nest_pred += int(p_nest)
    score.nest_gold += int(g_nest)


def _gold_units(statements: list[dict]) -> list[list[dict]]:
    root: dict[str, str] = {}
    for s in statements:
        root[s["id"]] = root.get(s.get("same_as") or "", s.get("same_as")) or s["id"]
    units: dict[str, list[dict]] = {}
    for s in statements:
        units.setdefault(root[s["id"]], []).append(s)
    return list(units.values())


def _actor_names(gold: dict) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for actor in gold.get("actors", []):
        names[_norm(actor["name"])] = {_norm(actor["name"]), *(_norm(a) for a in actor.get("aliases", []))}
    return names


def _same_speaker(pred: dict, gold: dict, names: dict[str, set[str]]) -> bool:
    gold_actor = _norm(gold.get("speaker_actor"))
    allowed = names.get(gold_actor, set()) | {gold_actor, _norm(gold.get("speaker"))}
    allowed.discard("")
    return any(_norm(pred.get(f)) in allowed for f in ("speaker_actor", "speaker"))


def _overlap(pred: dict, gold: dict, body: str) -> int:
    start = body.find(gold["evidence"])
    if start < 0:
        return 0
    end = start + len(gold["evidence"])
    p_start, p_end = pred.get("start"), pred.get("end")
    if p_start is None:
        p_start = body.find(pred.get("evidence", ""))
        p_end = p_start + len(pred.get("evidence", ""))
    return max(0, min(end, p_end) - max(start, p_start))


def _norm(value: Any) -> str:
    if value is None:
        return ""
    text = str(value).strip().strip("\"'‘’“”").lower()
    text = re.sub(r"^(the)\s+", "", text)
    text = text.replace("’", "'").replace("'s ", " ").replace("'", "")
    return re.sub(r"\s+", " ", text).strip(" ,.")


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_files(articles: list[str | Path], gold_dir: str | Path, settings=None) -> list[Score]:
    """Extract each article, score it against its gold file; the last Score is the total.

    :param articles: article files (each needs a gold file in ``gold_dir``).
    :param gold_dir: folder of gold files named like the article or seed_<number>.json.
    """
    from kg.article import find_articles, read_article
    from kg.evaluation.goldjson import to_gold_json
    from kg.extraction.extract import extract_many
    from kg.extraction.positions.classifier import load_scheme

    files = find_articles(list(articles))
    golds = []
    for path in files:
        gold_path = find_gold(gold_dir, path.name)
        if gold_path is None:
            raise GoldError(f"{path.name}: no gold file for it in {gold_dir}")
        golds.append(load_gold(gold_path))
    vocabulary = {c.notation for c in load_scheme(list(settings.scheme) if settings else []).concepts}
    total = Score(article="TOTAL")
    scores = []
    for extraction, gold in zip(extract_many([read_article(p) for p in files], settings), golds):
        score = score_article(to_gold_json(extraction), gold, extraction.article.body, vocabulary)
        scores.append(score)
        total.add(score)
    return scores + [total]


_RULE_GROUPS = ("speaker/", "cue/", "channel/", "kind/", "position/")


def rule_rows(score: Score) -> list[dict[str, Any]]:
    """The per-rule figures of a score (usually the total): frame rules first, then speaker, cue, channel, kind
    and position rules; in each group the rules with most false statements first."""
    def order(item: tuple[str, RuleCount]) -> tuple:
        rule_id, count = item
        group = next((i + 1 for i, g in enumerate(_RULE_GROUPS) if rule_id.startswith(g)), 0)
        return group, -count.false, -count.produced, rule_id
    return [{"rule": rule_id, "produced": c.produced, "true": c.true, "false": c.false,
             "precision": round(c.true / c.produced, 3) if c.produced else None,
             "aspect_right": round(c.right / c.checked, 3) if c.checked else None}
            for rule_id, c in sorted(score.rules.items(), key=order)]


def format_rule_table(score: Score) -> str:
    """A plain table of :func:`rule_rows`: rule, statements produced, true and false against the gold, precision,
    and how often the aspect the rule decided matches the gold on the true ones."""
    head = ["rule", "produced", "true", "false", "P", "aspect_right"]
    rows = [[r["rule"], str(r["produced"]), str(r["true"]), str(r["false"]),
             "-" if r["precision"] is None else f"{r['precision']:.3f}",
             "-" if r["aspect_right"] is None else f"{r['aspect_right']:.3f}"] for r in rule_rows(score)]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)


def format_scores(scores: list[Score]) -> str:
    """A plain table: one row per article and the total."""
    head = ["article", "gold", "pred", "align", "P", "R", "F1", *_FIELDS]
    rows = []
    for s in scores:
        d = s.as_dict()
        rows.append([d["article"][:28], str(d["gold"]), str(d["predicted"]), str(d["aligned"]),
                     f"{d['precision']:.3f}", f"{d['recall']:.3f}", f"{d['f1']:.3f}",
                     *("-" if d[f] is None else f"{d[f]:.3f}" for f in _FIELDS)])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    return "\n".join(lines)
