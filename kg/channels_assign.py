"""Assembling each statement's channel chain, origin first, outlets last."""
from __future__ import annotations

from spacy.tokens import Doc

from .actors import Actor
from .channels import ChannelFinder
from .coref import ArticleActors
from .quotes import Quote
from .statements import ChannelHop, Statement


def assign_channels(doc: Doc, statements: list[Statement], registry: ArticleActors | None, finder: ChannelFinder,
                    quotes: list[Quote]) -> None:
    """Fill ``statement.channel`` for every statement of the article."""
    actors = registry.actors if registry is not None else {}
    carried_by: dict[str, list[str]] = {}  # speaker -> outlets that carried their words
    for index, statement in enumerate(statements):
        hops = finder.venues(doc, statement)
        direct = _direct_outlets(doc, statement, registry, finder)
        outlets = direct + _linked_outlets(index, statement, statements, actors, quotes, carried_by)
        statement.channel = hops + [ChannelHop(actors[k].name, "publication", k) for k in dict.fromkeys(outlets)]
        if statement.speaker_actor and direct:
            # A source that spoke to an outlet keeps speaking through it in what follows.
            known = carried_by.setdefault(statement.speaker_actor, [])
            carried_by[statement.speaker_actor] = list(dict.fromkeys(known + direct))


def _is_outlet(actors: dict[str, Actor], key: str | None) -> bool:
    return bool(key) and key in actors and "news outlet" in actors[key].roles


def _direct_outlets(doc: Doc, statement: Statement, registry: ArticleActors | None, finder: ChannelFinder) -> list[str]:
    if registry is None:
        return []
    actors = registry.actors
    outlets = []
    for hop, obj in finder.venue_objects(doc, statement):
        for companion in finder.companions(obj):
            span = doc[companion.left_edge.i: companion.i + 1]
            key = registry.resolve(span)
            if _is_outlet(actors, key):
                outlets.append(key)
                if statement.addressee is None:
                    statement.addressee, statement.addressee_actor = span.text, key
    for start, end in statement.relay_spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        key = registry.resolve(span) if span is not None else None
        if key and actors[key].kind == "organization":
            actors[key].roles.add("news outlet")  # it quoted or carried the source's words
        if _is_outlet(actors, key):
            outlets.append(key)
    if _is_outlet(actors, statement.addressee_actor):
        outlets.append(statement.addressee_actor)
    sent = doc.char_span(statement.start, statement.end, alignment_mode="expand")
    for span in finder.relayed_by(sent) if sent is not None else []:
        key = registry.resolve(span)
        if _is_outlet(actors, key):
            outlets.append(key)
    if statement.speaker and registry.main_outlet and any(
            registry.lexicon.has("OutletAnaphor", w.lower()) for w in statement.speaker.split()[1:]):
        outlets.insert(0, registry.main_outlet)  # "the interlocutors of the publication"
    return [k for k in outlets if k != statement.speaker_actor]


def _linked_outlets(index: int, statement: Statement, statements: list[Statement], actors: dict[str, Actor],
                    quotes: list[Quote], carried_by: dict[str, list[str]]) -> list[str]:
    """Outlets reached through an explicit link: nesting, a quote of the outlet, the same source."""
    linked: list[str] = []
    if statement.reported_by is not None:
        outer = statements[statement.reported_by]
        linked += [outer.speaker_actor] if _is_outlet(actors, outer.speaker_actor) else []
        linked += [h.actor for h in outer.channel if h.actor]
    for other in statements[:index]:
        if _is_outlet(actors, other.speaker_actor) and other.quote_kind == "direct" and _same_quote(other, statement, quotes):
            linked.append(other.speaker_actor)
    if statement.speaker_actor:
        linked += carried_by.get(statement.speaker_actor, [])
        member_of = actors[statement.speaker_actor].member_of if statement.speaker_actor in actors else None
        if member_of:
            linked += carried_by.get(member_of, [])
    return [k for k in linked if k and k != statement.speaker_actor]


def _same_quote(outer: Statement, inner: Statement, quotes: list[Quote]) -> bool:
    return any(q.start <= outer.end and outer.start <= q.end and q.contains(inner.start + 1) for q in quotes) \
        or any(q.contains(inner.start + 1) and q.start < outer.end and outer.start <= q.start for q in quotes)
