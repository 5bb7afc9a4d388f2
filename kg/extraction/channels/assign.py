"""Assembling each statement's channel chain, origin first, outlets last."""
from __future__ import annotations

from spacy.tokens import Doc

from kg.actors import Actor
from kg.extraction.actors.coref import ArticleActors
from kg.extraction.actors.speakers import Carriers
from kg.extraction.attribution.grammar import DEFINITE_ARTICLE
from kg.extraction.channels.finder import ChannelFinder
from kg.extraction.doccache import doc_text
from kg.extraction.quotes import Quote
from kg.lexicon import Lexicon
from kg.statements import Anchors, ChannelHop, Statement, StatementId, by_id

Chains = dict[StatementId, list[ChannelHop]]


def channel_chains(doc: Doc, statements: list[Statement], anchors: dict[StatementId, Anchors],
                   registry: ArticleActors | None, finder: ChannelFinder, quotes: list[Quote],
                   carriers: dict[StatementId, Carriers]) -> Chains:
    """The channel chain of every statement of the article, by id, from its venues and the outlets that carried
    it (its ``carriers``, resolved and classified by the actor stage)."""
    actors = registry.actors if registry is not None else {}
    chains: Chains = {}
    carried_by: dict[str, list[str]] = {}  # speaker -> outlets that carried their words
    labels: dict[str, str] = {}  # outlet -> the fullest name the article gives it
    known = by_id(statements)
    # outer statements first: a nested statement travels the way its reporter's words did
    for index in sorted(range(len(statements)), key=lambda i: _depth(known, statements[i])):
        statement = statements[index]
        hops = finder.venues(doc, anchors[statement.id]) or _continued_venues(index, statements, known, chains,
                                                                              doc_text(doc))
        why: dict[str, str] = {}  # outlet -> the rule that first put it in the chain
        direct = _direct_outlets(statement, registry, carriers.get(statement.id, Carriers()), labels, why)
        quoted = _quote_outlets(index, statement, statements, actors, quotes)
        for key in quoted:
            why.setdefault(key, "channel/outlet-quote")
        outlets = direct + quoted + _linked_outlets(statement, known, chains, actors, carried_by, why)
        chains[statement.id] = hops + [ChannelHop(labels.get(k, actors[k].name), "publication", k, why.get(k))
                                       for k in dict.fromkeys(outlets)]
        if statement.speaker_actor and (direct or quoted):
            # A source that spoke to an outlet keeps speaking through it in what follows.
            for key in _speaker_and_group(statement.speaker_actor, actors):
                carried_by[key] = list(dict.fromkeys(carried_by.get(key, []) + direct + quoted))
    _reportedly(doc, statements, anchors, chains, finder.lexicon)
    _paragraph_outlets(doc, statements, anchors, chains, actors, labels)
    return chains


def _depth(known: dict[StatementId, Statement], statement: Statement) -> int:
    """How many reporters stand between the statement and the article (those the article still holds)."""
    depth, seen = 0, set()
    while statement.reported_by in known and statement.id not in seen:
        seen.add(statement.id)
        statement, depth = known[statement.reported_by], depth + 1
    return depth


def _speaker_and_group(key: str, actors: dict[str, Actor]) -> list[str]:
    group = actors[key].member_of if key in actors else None
    return [key] + ([group] if group else [])


def _continued_venues(index: int, statements: list[Statement], known: dict[StatementId, Statement], chains: Chains,
                      text: str) -> list[ChannelHop]:
    """The same speech act goes on: a continued quote, or the same speaker's next words right after ('In a
    televised address, the general said ... He cautioned that ...'; '..., adding that ...') travelled the way
    the words before them did, until someone else speaks or the paragraph ends."""
    statement = statements[index]
    if not statement.speaker_actor or index == 0:
        return []
    if statement.cue is None:  # a continued quote, however far its quotation started
        quoted = next((s for s in reversed(statements[:index]) if s.speaker_actor == statement.speaker_actor and s.cue), None)
        return [ChannelHop(h.label, h.kind, h.actor, "channel/continued-quote") for h in chains.get(quoted.id, [])
                if not h.actor] \
            if quoted else []
    previous = next((s for s in reversed(statements[:index]) if s.reported_by not in known and s.start < statement.start
                     or s.start == statement.start and s.cue), None)
    if previous is None or previous.speaker_actor != statement.speaker_actor or statement.reported_by in known:
        return []
    if "\n" in text[previous.end:statement.start]:
        return []  # a new paragraph: the speech act may have changed
    return [ChannelHop(h.label, h.kind, h.actor, "channel/same-speaker-next") for h in chains.get(previous.id, [])
            if not h.actor]


def _paragraph_outlets(doc: Doc, statements: list[Statement], anchors: dict[StatementId, Anchors], chains: Chains,
                       actors: dict[str, Actor], labels: dict[str, str]) -> None:
    """'Some analysts – continues the NYT – argue ...': an outlet set off by dashes carries the rest of its paragraph."""
    carrying: dict[int, str] = {}  # paragraph start -> outlet key
    for statement in sorted(statements, key=lambda s: s.start):
        paragraph = doc_text(doc).rfind("\n", 0, statement.start) + 1
        chain = chains[statement.id]
        if any(h.actor for h in chain):
            for start, _ in anchors[statement.id].relay_spans:
                if any(dash in doc_text(doc)[max(paragraph, start - 15):start] for dash in ("–", "—", " - ")):
                    key = next((h.actor for h in chain if h.actor and _is_outlet(actors, h.actor)), None)
                    if key:
                        carrying[paragraph] = key
            continue
        key = carrying.get(paragraph)
        if key and key != statement.speaker_actor:
            chain.append(ChannelHop(labels.get(key, actors[key].name), "publication", key, "channel/paragraph-outlet"))


def _reportedly(doc: Doc, statements: list[Statement], anchors: dict[StatementId, Anchors], chains: Chains,
                lexicon: Lexicon) -> None:
    """'X has reportedly ...' (``kg:ChainAdverb``) with no source named: the reports are the article's own
    reporting chain."""
    found = [[h for h in chains[s.id] if h.actor] for s in statements]
    chain = next((hops for hops in found if len(hops) > 1), None) or next((hops for hops in found if hops), None)
    if not chain:
        return
    for statement in statements:
        cue_token = anchors[statement.id].cue_token
        if any(h.actor for h in chains[statement.id]) or cue_token is None:
            continue
        cue = doc[cue_token]
        if any(lexicon.has("ChainAdverb", t.lower_) for t in (cue, *cue.children, *cue.head.children)):
            chains[statement.id] += [ChannelHop(h.label, h.kind, h.actor, "channel/reportedly") for h in chain]


def _is_outlet(actors: dict[str, Actor], key: str | None) -> bool:
    return bool(key) and key in actors and "news outlet" in actors[key].roles


def _direct_outlets(statement: Statement, registry: ArticleActors | None, carriers: Carriers,
                    labels: dict[str, str], why: dict[str, str]) -> list[str]:
    """The outlets the statement's own sentence names, from the origin outward: who interviewed the speaker or
    was told, who carried or re-reported the words; first, 'the publication' when the speaker is its source."""
    if registry is None:
        return []
    found: list[tuple[str, str, str]] = []  # (outlet, its mention, the rule that found it)
    found += [(key, mention, "channel/venue-companion") for key, mention in carriers.companions]
    if _is_outlet(registry.actors, statement.addressee_actor):
        # the outlet the speaker told is the first that carried the words, before any that re-reported them
        found.append((statement.addressee_actor, statement.addressee or "", "channel/told-outlet"))
    found += [(key, mention, "channel/relay") for key, mention in carriers.relays]
    found += [(key, mention, "channel/relayed-by") for key, mention in carriers.relayed_by]
    outlets = []
    for key, mention, rule in found:
        if not _is_outlet(registry.actors, key):
            continue
        outlets.append(key)
        why.setdefault(key, rule)
        _remember_label(labels, key, mention, registry.actors[key].name, registry.lexicon)
    if _speaks_for_the_publication(statement, registry):
        outlets.insert(0, registry.main_outlet)  # "the interlocutors of the publication" (not "the X news agency")
        why[registry.main_outlet] = "channel/publication-anaphor"
    return [k for k in outlets if k != statement.speaker_actor]


def _speaks_for_the_publication(statement: Statement, registry: ArticleActors) -> bool:
    """'the interlocutors of the publication': the speaker is named as the article's own outlet's source."""
    words = (statement.speaker or "").lower().split()
    return bool(registry.main_outlet) and any(
        registry.lexicon.has("OutletAnaphor", w) and words[i - 2: i] == ["of", DEFINITE_ARTICLE] for i, w in enumerate(words) if i >= 2)


def _remember_label(labels: dict[str, str], key: str, mention: str, name: str, lexicon: Lexicon) -> None:
    """The outlet as the article first names it: 'AFP' for Agence France-Presse, 'Bloomberg News', 'Al Arabiya'
    in 'Saudi broadcaster Al Arabiya', 'Daily Nation' in 'the Daily Nation newspaper': the last run of
    capitalised words, without the words that only say what kind of outlet it is."""
    if key in labels:
        return
    words = [w for w in mention.replace("’s", "'s").split() if "'" not in w]
    while len(words) > 1 and lexicon.has("OutletAnaphor", words[-1].lower()):
        words.pop()
    run: list[str] = []
    for word in reversed(words):
        if not word[:1].isupper() and not (run and word[:1].isdigit()):
            if run:
                break
            continue
        run.insert(0, word)
    if len(run) > 1 and run[0].lower() == DEFINITE_ARTICLE and not name.lower().startswith(f"{DEFINITE_ARTICLE} "):
        run = run[1:]  # "the Daily Nation"; but "The New York Times" keeps the article its name has
    labels[key] = " ".join(run) if run and run[0].lower() != DEFINITE_ARTICLE or len(run) > 1 else name


def _quote_outlets(index: int, statement: Statement, statements: list[Statement], actors: dict[str, Actor],
                   quotes: list[Quote]) -> list[str]:
    """Words inside an outlet's quoted text reached us through that outlet."""
    return [other.speaker_actor for other in statements[:index]
            if _is_outlet(actors, other.speaker_actor) and other.quote_kind == "direct"
            and _same_quote(other, statement, quotes) and other.speaker_actor != statement.speaker_actor]


def _linked_outlets(statement: Statement, known: dict[StatementId, Statement], chains: Chains, actors: dict[str, Actor],
                    carried_by: dict[str, list[str]], why: dict[str, str]) -> list[str]:
    """Outlets reached through an explicit link: nesting, or the same source speaking again."""
    linked: list[str] = []
    if statement.reported_by in known:
        outer = known[statement.reported_by]
        linked += [outer.speaker_actor] if _is_outlet(actors, outer.speaker_actor) else []
        linked += [h.actor for h in chains.get(outer.id, []) if h.actor]
        for key in linked:
            why.setdefault(key, "channel/nested-reporter")
    if statement.speaker_actor:
        for key in _speaker_and_group(statement.speaker_actor, actors):
            linked += carried_by.get(key, [])
            for outlet in carried_by.get(key, []):
                why.setdefault(outlet, "channel/same-source-carried")
    return [k for k in linked if k and k != statement.speaker_actor]


def _same_quote(outer: Statement, inner: Statement, quotes: list[Quote]) -> bool:
    return any(q.start <= outer.end and outer.start <= q.end and q.contains(inner.start + 1) for q in quotes) \
        or any(q.contains(inner.start + 1) and q.start < outer.end and outer.start <= q.start for q in quotes)
