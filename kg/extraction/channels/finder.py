"""Channels: how a statement travelled, as an ordered chain from the origin outward.

Venues and media forms ("in a voice message", "through intermediaries",
"behind closed doors") come from the channel-kind SKOS scheme's labels;
outlets come from addressees ("told the New York Times"), from outlets that
cite a source, from "as reported by X", and from explicit links to an outlet
named elsewhere ("the publication", a quote attributed to the outlet, an
earlier statement of the same speaker carried by that outlet).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib.namespace import RDF, SKOS
from spacy.tokens import Doc, Span, Token

from kg.extraction.attribution.grammar import (
    COMPANION_PREPOSITIONS, DEMONSTRATIVES, MEDIUM_PREPOSITIONS_AFTER_CUE, QUANTIFIERS, RELATIVE_PERSONAL,
    VENUE_PREPOSITIONS
)
from kg.extraction.doccache import doc_text, sentence_of, span_text
from kg.lexicon import Lexicon
from kg.namespaces import CHAN
from kg.resources import ontology_graph
from kg.statements import Anchors, ChannelHop


@dataclass(frozen=True)
class ChannelKind:
    """A concept of the channel-kind scheme with the phrases that signal it."""

    notation: str
    label: str
    phrases: tuple[str, ...]
    medium: bool = False  # a member of chan:media, the media forms ("said in a voice message")


def load_channel_kinds(extra: list[str | Path] | None = None) -> list[ChannelKind]:
    """Read ``ontology/channel_kinds.ttl`` plus any user schemes of the same shape."""
    return list(_load(tuple(str(p) for p in (extra or []))))


@lru_cache(maxsize=4)
def _load(extra: tuple[str, ...]) -> tuple[ChannelKind, ...]:
    graph = ontology_graph("channel_kinds.ttl", extra, "channel kinds")
    kinds = []
    media = set(graph.objects(CHAN.media, SKOS.member))
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        notation = graph.value(concept, SKOS.notation)
        label = graph.value(concept, SKOS.prefLabel)
        if notation is None:
            continue
        phrases = {str(label).lower()} if label else set()
        phrases |= {str(a).lower() for a in graph.objects(concept, SKOS.altLabel)}
        kinds.append(ChannelKind(str(notation), str(label or notation), tuple(sorted(phrases, key=len, reverse=True)),
                                 concept in media))
    return tuple(sorted(kinds, key=lambda k: k.notation))


class ChannelFinder:
    """Find the channel chain of each statement.

    :param kinds: the channel-kind concepts.
    :param lexicon: the words it reacts to beside the scheme's phrases (``kg:BriefingVerb``, ``kg:RelayPhrase``,
        ``kg:IncidentalModifier``).
    """

    def __init__(self, kinds: list[ChannelKind], lexicon: Lexicon) -> None:
        self.kinds = kinds
        self.lexicon = lexicon
        self._media = {kind.notation for kind in kinds if kind.medium}
        # "as reported by X", "cited by X": the relay phrases, longest first, as one pattern
        phrases = sorted(lexicon.lemmas("RelayPhrase"), key=len, reverse=True)
        self._relay = re.compile("|".join(rf"\b{re.escape(p)}\b" for p in phrases), re.IGNORECASE) if phrases else None
        # Each phrase with the first kind that has it and its place in the scheme's order (kinds, then their
        # phrases longest first): looking phrases up gives what trying them in that order gives.
        self._rank: dict[str, tuple[int, str]] = {}
        for kind in kinds:
            for phrase in kind.phrases:
                self._rank.setdefault(phrase, (len(self._rank), kind.notation))

    def venues(self, doc: Doc, statement: Anchors) -> list[ChannelHop]:
        """Venues and media forms attached to a statement's cue: 'in a voice message', 'through intermediaries'."""
        return [hop for hop, _ in self.venue_objects(doc, statement)]

    def venue_objects(self, doc: Doc, statement: Anchors) -> list[tuple[ChannelHop, Token]]:
        """Each venue hop of a statement (its anchors in the parse) with the noun it was read from."""
        if statement.cue_token is None:
            return []
        cue = doc[statement.cue_token]
        anchors = [cue] + ([cue.head] if cue.dep_ in ("advcl", "xcomp", "acl", "relcl", "pcomp", "advmod") else [])
        anchors += self._retold(doc, cue)
        found: list[tuple[ChannelHop, Token]] = []
        for noun in self._document_voices(cue, statement.speaker_token):
            self._add(found, self._hop(doc, noun), noun, "channel/document")
        for anchor in anchors:
            for prep in (c for c in anchor.children if c.dep_ in ("prep", "advmod", "agent") and c.lower_ in VENUE_PREPOSITIONS):
                for obj in self._objects(prep):
                    self._add(found, self._hop(doc, obj, prep), obj, "channel/venue")
            for obj in (c for c in anchor.children if c.dep_ in ("dobj", "dative") and self.lexicon.has("BriefingVerb", anchor.lemma_)):
                self._add(found, self._hop(doc, obj), obj, "channel/told-venue")  # "told a weekly briefing"
        return found

    @staticmethod
    def _document_voices(cue: Token, speaker: int | None) -> list[Token]:
        """'A statement released by X said ...', 'X issued a statement saying ...': the document that carries the
        words of someone else who is the speaker (its token) is a venue."""
        if speaker is None:
            return []
        subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i != speaker
                    and speaker in {t.i for t in c.subtree}]  # its owner speaks: "a statement released by X said"
        issued = [cue.head] if cue.dep_ == "acl" and cue.head.pos_ == "NOUN" and cue.head.dep_ == "dobj" and any(
            c.i == speaker for c in cue.head.head.children if c.dep_ == "nsubj") else []  # "X issued a statement saying"
        return subjects + issued

    @staticmethod
    def _retold(doc: Doc, cue: Token) -> list[Token]:
        """'... received signals that X ... . The signals come through several channels': a noun cue
        taken up by the next sentence's subject brings that sentence's verb, whose conduits it names."""
        if cue.pos_ != "NOUN" or sentence_of(cue).end >= len(doc):
            return []
        following = sentence_of(doc[sentence_of(cue).end])
        return [t.head for t in following if t.dep_ in ("nsubj", "nsubjpass") and t.lemma_ == cue.lemma_
                and any(d.lower_ in DEMONSTRATIVES for d in t.children)]

    @staticmethod
    def _add(found: list, hop: ChannelHop | None, obj: Token, rule: str) -> None:
        if hop is not None and hop.label not in {h.label for h, _ in found}:
            hop.rule = rule
            found.append((hop, obj))

    @staticmethod
    def companions(obj: Token) -> list[Token]:
        """'an interview with Reuters', 'a voice message to Reuters': who was on the other end."""
        return [g for c in obj.children if c.dep_ == "prep" and c.lower_ in COMPANION_PREPOSITIONS
                for g in c.children if g.dep_ == "pobj"]

    def _objects(self, prep: Token) -> list[Token]:
        found = []
        for child in prep.children:
            if child.dep_ == "pobj" and child.lower_ in RELATIVE_PERSONAL:
                antecedent = _antecedent_of_which(prep)  # "a memo in which the chief executive hinted at ...": the memo
                found.extend([antecedent] if antecedent is not None else [])
            elif child.dep_ == "pobj":
                found.append(child)
                found.extend(c for c in child.children if c.dep_ == "conj")
            elif child.dep_ == "prep":
                found.extend(self._objects(child))
        for sibling in prep.head.children:
            if sibling.dep_ == "prep" and sibling.lower_ == "including" and sibling.i > prep.i:
                found.extend(self._objects(sibling))
        return found

    def _hop(self, doc: Doc, obj: Token, prep: Token | None = None) -> ChannelHop | None:
        if obj.pos_ == "PROPN" and obj.text[:1].isupper() and sum(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children) >= 2:
            return None  # "the South China Morning Post" is a name, not a post: outlets are found as actors
        if obj.pos_ == "NOUN" and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in obj.children) \
                and self._publication(obj):
            return None  # "the Harbour Times newspaper": a named publication is an outlet, found as an actor
        addressed = _addressed_medium(doc, obj)
        if addressed is not None and addressed.lower() in self._rank:
            return ChannelHop(label=addressed, kind=self._rank[addressed.lower()][1])  # "a note to clients"
        text = _np_text(doc, obj, self.lexicon)
        if text.endswith(".") and obj.i == sentence_of(obj).end - 1:
            text = text[:-1]  # "he wrote on X.": the tokenizer keeps the full stop on a one-letter name
        lower = text.lower()
        if prep is not None:
            # phrases that include their preposition: "behind closed doors", "by phone"
            found = self._rank.get(f"{prep.lower_} {lower}")
            if found is not None:
                return ChannelHop(label=f"{prep.text} {text}", kind=found[1])
        phrase_lower = (doc[obj.i - 1].text + " " + obj.text).lower() if obj.i > 0 else obj.lower_
        # a phrase matches the whole noun phrase or its end after a space, the word with the one before it,
        # the word or its lemma
        candidates = {lower, phrase_lower, obj.lower_, obj.lemma_.lower(), obj.lower_.rstrip(".")}
        candidates.update(lower[i + 1:] for i, char in enumerate(lower) if char == " ")
        ranks = [self._rank[c] for c in candidates if c in self._rank]
        return ChannelHop(label=text, kind=min(ranks)[1]) if ranks else None

    def _publication(self, noun: Token) -> bool:
        """The noun names a kind of publication ("newspaper", "agency"), not a venue ("interview")."""
        found = [self._rank[w] for w in (noun.lower_, noun.lemma_.lower()) if w in self._rank]
        return bool(found) and min(found)[1] == "publication"

    def medium_phrase(self, doc: Doc, cue: Token) -> str | None:
        """'said in a voice message', 'wrote on Telegram': a medium right after the cue belongs to it."""
        prep = next((c for c in cue.children if c.dep_ == "prep" and c.i == cue.i + 1
                     and c.lower_ in MEDIUM_PREPOSITIONS_AFTER_CUE), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        hop = self._hop(doc, obj) if obj is not None else None
        if hop is None or hop.kind not in self._media:
            return None
        return doc[prep.i: obj.i + 1].text.rstrip(".") if obj.i == sentence_of(obj).end - 1 else doc[prep.i: obj.i + 1].text

    def relayed_by(self, sent: Span) -> list[Span]:
        """Outlets named after a relay phrase ('as reported by') in the sentence."""
        found = []
        for match in self._relay.finditer(span_text(sent)) if self._relay is not None else ():
            start = sent.start_char + match.end()
            span = sent.doc.char_span(start + 1, start + 1 + _name_length(doc_text(sent.doc)[start + 1:]), alignment_mode="expand")
            if span is not None:
                found.append(span)
        return found


def _antecedent_of_which(prep: Token) -> Token | None:
    """The noun an 'in which' clause describes: the relative clause's head, or (when the parser hangs the clause
    elsewhere) the last noun before it that is not a time expression ('a memo last week in which')."""
    if prep.head.dep_ == "relcl":
        return prep.head.head
    before = [t for t in prep.doc[sentence_of(prep).start: prep.i] if t.pos_ == "NOUN"
              and t.dep_ not in ("npadvmod", "compound", "amod", "poss") and t.ent_type_ not in ("DATE", "TIME")]
    return before[-1] if before else None


def _name_length(text: str) -> int:
    match = re.match(r"((?:the |The )?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)", text)
    return len(match.group(1)) if match else 0


def _addressed_medium(doc: Doc, tok: Token) -> str | None:
    """'note to clients', 'letter to shareholders': a medium named with whom it goes to."""
    # read off the words: the parser hangs "to clients" on the verb as often as on the noun
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to" or doc[tok.i + 2].pos_ != "NOUN":
        return None
    return doc[tok.i: tok.i + 3].text


def _np_text(doc: Doc, tok: Token, lexicon: Lexicon) -> str:
    """The noun phrase up to its head, without what only counts or places it: 'a 64-page ruling' -> 'ruling',
    'the same statement' -> 'statement'; groups keep their clause."""
    start = tok.left_edge.i
    while start < tok.i and (doc[start].dep_ in ("det", "predet", "poss", "case") and doc[start].lower_ not in QUANTIFIERS
                             or doc[start].like_num or doc[start].text == "-"
                             or lexicon.has("IncidentalModifier", doc[start].lower_)
                             or start > 0 and doc[start - 1].text == "-" and doc[start - 1].i >= tok.left_edge.i):
        start += 1
    end = tok.i + 1
    clause = next((c for c in tok.children if c.dep_ in ("relcl", "acl") and c.i > tok.i
                   and not any(m.dep_ == "mark" for m in c.children)), None)  # not a misattached that-clause
    if clause is not None and tok.tag_ in ("NNS", "NNPS"):
        # "foreign governments that have ties to both ...": the clause says which group
        end = clause.right_edge.i + 1
    while end > tok.i + 1 and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end].text
