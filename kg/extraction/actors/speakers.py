"""Linking statements to actors: speakers, addressees and subjects, in reading order."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from kg.actors import ORGANIZATION, PERSON
from kg.extraction.actors.coref import ArticleActors
from kg.extraction.attribution import AttributionRules
from kg.extraction.attribution.grammar import FIRST_AND_SECOND_PERSON
from kg.extraction.channels.finder import ChannelFinder
from kg.extraction.doccache import doc_text
from kg.extraction.quotes import Quote
from kg.statements import Anchors, Statement, StatementId

_SALIENT_DEPS = {"nsubj", "nsubjpass", "poss", "pobj", "dobj", "appos"}


def assign_actors(doc: Doc, statements: list[Statement], anchors: dict[StatementId, Anchors],
                  registry: ArticleActors, rules: AttributionRules, quotes: list[Quote]) -> None:
    """Resolve every statement's speaker, addressee and subject to actor keys, and record the speaker's rules
    (how the frame found the mention, then how it was resolved).

    Mentions are visited in reading order, so pronouns only see what came before.
    """
    registry.observe(doc)
    for statement in statements:
        statement.rules["speaker"] = list(anchors[statement.id].speaker_rules)
        statement.addressee = anchors[statement.id].addressee
    speaker_spans = {(s.speaker_start, s.speaker_end) for s in statements if s.speaker_start is not None}
    resolved: dict[tuple[int, int], str | None] = {}
    how: dict[tuple[int, int], str | None] = {}  # the rule that resolved each mention
    for span in _mentions(doc, statements, rules):
        key = (span.start_char, span.end_char)
        if key not in resolved:
            resolved[key], how[key] = registry.resolve_how(span, speaker=key in speaker_spans,
                                                           quoted=any(q.contains(span.start_char) for q in quotes))
    for statement in statements:
        if statement.speaker_start is not None:
            statement.speaker_actor = resolved.get((statement.speaker_start, statement.speaker_end))
            _note(statement, how.get((statement.speaker_start, statement.speaker_end)))
    last_quoted: str | None = None
    last_speaker: str | None = None
    for statement in statements:
        if statement.speaker_start is None and statement.cue is None:
            # a quotation's other sentences belong to whoever it is attributed to, before or after them;
            # a quotation with no attribution at all goes on with the last speaker who was quoted
            statement.speaker_actor, rule = next(((key, rule) for key, rule in (
                (_quote_owner(statement, statements, anchors, quotes), "speaker/quote-owner"),
                (last_quoted, "speaker/last-quoted"), (last_speaker, "speaker/last-speaker")) if key), (None, None))
            _note(statement, rule)
        quoted_own = statement.quote_kind != "indirect" and not anchors[statement.id].in_quote_of_other
        if statement.speaker_actor and quoted_own:
            last_quoted = statement.speaker_actor
        last_speaker = statement.speaker_actor or last_speaker
        if statement.addressee:
            statement.addressee_actor = _lookup(doc, resolved, statement.addressee, statement)
        statement.subject_actors = _subjects(doc, statement, anchors[statement.id].content_tokens, resolved)
    _drop_unresolved(statements)


def _note(statement: Statement, rule: str | None) -> None:
    """Record the rule that resolved the speaker (kg.provenance)."""
    if rule is not None:
        statement.rules["speaker"].append(rule)


def _drop_unresolved(statements: list[Statement]) -> None:
    """Remove statements with no speaker actor (a reference to one of them finds no statement any more)."""
    statements[:] = [s for s in statements if s.speaker_actor is not None]


def _mentions(doc: Doc, statements: list[Statement], rules: AttributionRules) -> list[Span]:
    spans: dict[tuple[int, int], Span] = {}
    for statement in statements:
        if statement.speaker_start is not None:
            span = doc.char_span(statement.speaker_start, statement.speaker_end, alignment_mode="expand")
            if span is not None:
                spans[(span.start_char, span.end_char)] = span
    for tok in doc:
        if tok.dep_ in _SALIENT_DEPS and rules.is_actor_like(tok) and tok.pos_ in ("PROPN", "NOUN", "PRON") \
                and tok.lower_ not in FIRST_AND_SECOND_PERSON:
            span = rules.mention(tok) if tok.pos_ != "PRON" else doc[tok.i: tok.i + 1]
            if span is not None and len(span) <= 12 and not _inside_any(span, spans):
                spans.setdefault((span.start_char, span.end_char), span)
    return sorted(spans.values(), key=lambda s: (s.start_char, -s.end_char))


def _inside_any(span: Span, spans: dict[tuple[int, int], Span]) -> bool:
    return any(start <= span.start_char and span.end_char <= end and (start, end) != (span.start_char, span.end_char)
               for start, end in spans)


def _quote_owner(statement: Statement, statements: list[Statement], anchors: dict[StatementId, Anchors],
                 quotes: list[Quote]) -> str | None:
    """The speaker of another statement that shares this continued quote's quotation."""
    for quote in quotes:
        if not (quote.start <= statement.start + 1 < quote.end or statement.start <= quote.start < statement.end):
            continue
        for other in statements:
            if other is not statement and other.speaker_actor and other.cue is not None \
                    and not anchors[other.id].in_quote_of_other and quote.start <= other.end \
                    and other.start <= quote.end and other.quote_kind != "indirect":
                return other.speaker_actor
    return None


def _lookup(doc: Doc, resolved: dict[tuple[int, int], str | None], text: str, statement: Statement) -> str | None:
    index = doc_text(doc).find(text, statement.start, statement.end)
    if index < 0:
        return None
    for (start, end), key in resolved.items():
        if start <= index < end or index <= start < index + len(text):
            return key
    return None


def _subjects(doc: Doc, statement: Statement, content_tokens: frozenset[int],
              resolved: dict[tuple[int, int], str | None]) -> list[str]:
    """Actors the statement is about: the subjects of its content clauses, else the speaker."""
    found: list[str] = []
    for i in sorted(content_tokens):
        tok = doc[i]
        if tok.dep_ in ("nsubj", "nsubjpass", "poss") and tok.head.i in content_tokens:
            for (start, end), key in resolved.items():
                if key and start <= tok.idx < end and key not in found and key != statement.speaker_actor:
                    found.append(key)
        if found:
            break
    return found or ([statement.speaker_actor] if statement.speaker_actor else [])


@dataclass
class Carriers:
    """The actors that carried a statement's words, as the actor stage resolved them, each with its mention: who
    was on the other end of a venue ('an interview with Reuters'), who its frame names as relaying it ('..., the
    agency reported'), who is named after 'as reported by'. The channel stage reads them: it resolves nothing."""

    companions: list[tuple[str, str]] = field(default_factory=list)
    relays: list[tuple[str, str]] = field(default_factory=list)
    relayed_by: list[tuple[str, str]] = field(default_factory=list)


def resolve_carriers(doc: Doc, statements: list[Statement], anchors: dict[StatementId, Anchors],
                     registry: ArticleActors, finder: ChannelFinder) -> dict[StatementId, Carriers]:
    """Every statement's carriers; an actor found carrying words becomes a news outlet here, in the actor stage
    (the one stage that decides actor kinds and roles), and a venue's outlet is the addressee a frame left open."""
    found = {s.id: Carriers(_companions(doc, anchors[s.id], registry, finder), _relays(doc, anchors[s.id], registry),
                            _relayed_by(doc, s, registry, finder)) for s in statements}
    for statement in statements:
        outlet = next(((key, mention) for key, mention in found[statement.id].companions
                       if "news outlet" in registry.actors[key].roles), None)
        if statement.addressee is None and outlet is not None:
            statement.addressee_actor, statement.addressee = outlet
    return found


def _companions(doc: Doc, anchors: Anchors, registry: ArticleActors, finder: ChannelFinder) -> list[tuple[str, str]]:
    """'in an interview with Reuters', 'a voice message to the Courier': an organisation that interviews
    someone is a medium."""
    found = []
    for hop, obj in finder.venue_objects(doc, anchors):
        for companion in finder.companions(obj):
            span = doc[companion.left_edge.i: companion.i + 1]
            key = registry.resolve(span)
            if key is None:
                continue
            if hop.kind == "interview" and registry.actors[key].kind == ORGANIZATION:
                registry.actors[key].roles.add("news outlet")
            found.append((key, span.text))
    return found


def _relays(doc: Doc, anchors: Anchors, registry: ArticleActors) -> list[tuple[str, str]]:
    """A cited source's carrier, a quoting outlet, a trailing reporter: an actor not otherwise known that quoted or
    carried the source's words is a news outlet."""
    found = []
    for start, end in anchors.relay_spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        key = registry.resolve(span) if span is not None else None
        if key is None:
            continue
        actor = registry.actors[key]
        if actor.kind in (ORGANIZATION, PERSON) and not actor.known:
            actor.kind = ORGANIZATION
            actor.roles.add("news outlet")
        found.append((key, span.text))
    return found


def _relayed_by(doc: Doc, statement: Statement, registry: ArticleActors,
                finder: ChannelFinder) -> list[tuple[str, str]]:
    """The actors named after 'as reported by' in the statement's sentence."""
    sent = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    return [(key, span.text) for span in (finder.relayed_by(sent) if sent is not None else [])
            for key in [registry.resolve(span)] if key is not None]
