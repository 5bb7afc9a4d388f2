"""Verb frames: a reporting or cognition verb of the lexicon, its speaker, its reported content, its addressee."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extraction.attribution.base import rule
from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.frame import Frame
from kg.extraction.attribution.grammar import (
    EXPLANATION_MARKERS, MEDIUM_PREPOSITIONS, by_position, introduced_by_that, is_question, not_an_act
)
from kg.extraction.attribution.quoting import active_quote, quoted_as_saying, quoted_by
from kg.extraction.attribution.speaker import Found, cited_source, reporting_verb_above, speaker_of
from kg.extraction.attribution.words import Words
from kg.lexicon import LexiconEntry


@rule("verb-frame")
def verb_frame(ctx: SentenceContext, tok: Token) -> Frame | None:
    """'The regulator warned that the merger would hurt consumers', '“We will not retreat,” the minister said':
    a speech or cognition verb of the lexicon with a speaker and something said."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "aux":
        return None
    entry, extra = ctx.words.verb_entry(tok)
    if entry is None or ctx.words.quoting(tok) and tok.dep_ != "ROOT" or not_an_act(tok, ctx.lexicon):
        return None
    cue_tokens, cue_rules = by_position([tok, *_cue_particles(tok, extra)]), ["cue/lexicon-verb"]
    if tok.dep_ == "xcomp" and ctx.lexicon.has("RaisingVerb", tok.head.lemma_):
        # "appeared to rule out": the hedge is part of the cue
        cue_tokens = by_position([tok.head, *(c for c in tok.children if c.dep_ == "aux"), *cue_tokens])
        cue_rules.append("cue/appear-to")
    found = _quoting_speaker(ctx.words, tok, speaker_of(ctx, tok, entry))
    if found.citing is not None:
        cue_tokens = by_position([*cue_tokens, found.citing])  # "reported ... citing"
        cue_rules.append("cue/citing")
    if found.rules and found.rules[0] in ("speaker/active-quote", "speaker/quoted-as-saying"):
        cue_tokens, cue_rules = _with_quoting_verb(ctx.words, tok, cue_tokens, found.rules[0]), [*cue_rules, "cue/quoting-verb"]
    if found.speaker is None:
        return None
    content = verb_content(ctx, tok, entry, extra, found.speaker)
    if not content:
        return None
    return Frame(cue_tokens, found.speaker, content, "verb", entry, addressee(ctx.words, tok, entry), found.relays,
                 rules=["verb-frame"], speaker_rules=list(found.rules), cue_rules=cue_rules)


def _cue_particles(tok: Token, extra: list[Token]) -> list[Token]:
    """The words of a multiword entry that belong in the cue: 'warned against', but 'warned, however, against
    ...' and 'warned the rebels against ...' are cued by 'warned' (a preposition set apart from its verb
    introduces what was said rather than naming how)."""
    kept: list[Token] = []
    for word in by_position(extra):
        last = kept[-1].i if kept else tok.i
        if word.pos_ != "ADP" or word.i == last + 1:
            kept.append(word)
    return kept


def _quoting_speaker(words: Words, tok: Token, found: Found) -> Found:
    """'X quoted Y as saying', 'Y was quoted (by X) as saying': Y speaks, whatever the subject search found."""
    citing = found.citing if found.relays else None
    found = found._replace(citing=citing)
    active = active_quote(words, tok)
    if active is not None and active[0] is not None:
        found = Found(active[0], active[1], citing, ("speaker/active-quote",))
    passive = quoted_as_saying(words, tok)
    if passive is not None:
        found = Found(passive, quoted_by(words, tok), citing, ("speaker/quoted-as-saying",))
    return found


def _with_quoting_verb(words: Words, tok: Token, cue_tokens: list[Token], how: str) -> list[Token]:
    """'quoted ... as saying', 'was quoted as saying': the quoting verb joins the cue."""
    quote_verb = words.quoting_verb(tok)
    if how == "speaker/active-quote":
        return sorted({*cue_tokens, quote_verb, tok.head}, key=lambda t: t.i)
    return sorted({*cue_tokens, quote_verb, tok.head, *(c for c in quote_verb.children if c.dep_ == "auxpass")},
                  key=lambda t: t.i)


def verb_content(ctx: SentenceContext, tok: Token, entry: LexiconEntry, extra: list[Token], speaker: Span) -> list[Token]:
    """What a verb reports: its complement clause, else the first of the other places content may sit."""
    # a question in quotation marks was asked aloud ("She adds, “Who pays for this?”"): it is what was said
    clause = [c for c in tok.children if (c.dep_ in ("ccomp", "csubj") or c.dep_ == "conj" and introduced_by_that(c))
              and not (is_question(c) and not said(ctx, tok, c))]
    settled = _content_without_clause(tok, entry, clause, lambda c: said(ctx, tok, c))
    if settled is not None:
        return settled
    tokens: list[Token] = [t for c in clause for t in _clause_words(tok, c)]
    # the other places content may sit, tried in order (each takes the same arguments, used or not)
    for find in (_clause_on_medium, _passive_subject, _infinitive, _relative_head, _object_content):
        if tokens:
            break
        tokens = find(ctx.words, tok, entry, extra)
    if not tokens and entry.kind == "CognitionVerb":
        return []
    if not tokens and not (tok.tag_ == "VBG" and tok.dep_ in ("advcl", "acl", "xcomp")):
        exclude = set(range(speaker.start, speaker.end)) | {tok.i}
        tokens = [t for t in ctx.sent if t.i not in exclude and ctx.quoted(t) and not t.is_punct]
    return sorted(set(tokens) - _second_cues(ctx, tok, clause), key=lambda t: t.i)


def _second_cues(ctx: SentenceContext, tok: Token, clause: list[Token]) -> set[Token]:
    """'said he would order a review and called for calm': the parser joins the second cue to the reported
    clause, but it is the speaker's own act (kg.extraction.attribution.speaker.reporting_verb_above), a statement of its own;
    it and its 'and' are not part of what was said first. Inside quotation marks the words are the quoted
    speaker's own ('“Xi underscored that ... and laid out that ...,” the official said') and stay."""
    second: set[Token] = set()
    for head in clause:
        for conj in head.children:
            if conj.dep_ == "conj" and not ctx.quoted(conj) and not _shares_perfect(head, conj) \
                    and reporting_verb_above(ctx.words, conj) == tok:
                second.update(conj.subtree)
                second.update(c for c in head.children if c.dep_ == "cc" and c.i < conj.i)
    return second


def _clause_words(verb: Token, clause: Token) -> list[Token]:
    """A complement clause's words. In 'what the governor says his budget would do' the free relative 'what'
    stands before the verb, outside what was said; an 'and' left dangling at the end joins something else."""
    free_relative = verb.dep_ != "relcl"  # 'a levy, which the mayor said was needed' keeps its 'which'
    words = [t for t in clause.subtree if not (free_relative and clause.i > verb.i > t.i)]
    while words and words[-1].dep_ == "cc":
        words.pop()
    return words


def _shares_perfect(head: Token, conj: Token) -> bool:
    """'said it had accepted the proposal and accused the army': a regular past form after a perfect may share
    its 'had' ('had ... accused'), so it may belong to what was said; 'would order ... and called' cannot, and
    ', and accused' set off by a comma starts the speaker's next act."""
    perfect = any(a.dep_ == "aux" and a.lemma_ == "have" for a in head.children)
    cc = next((c for c in head.children if c.dep_ == "cc" and c.i < conj.i), None)
    set_off = cc is not None and cc.i > 0 and cc.doc[cc.i - 1].text == ","
    return perfect and not set_off and conj.lower_.endswith("ed") and not any(a.dep_ == "aux" for a in conj.children)


def said(ctx: SentenceContext, verb: Token, clause: Token) -> bool:
    """A question-shaped clause that was said, not asked: a question in quotation marks ("She added, “Who pays
    for this?”"), or an explanation ("explained why he backs her", "told the host how surprised he was") after a
    verb that is not one of asking (``kg:QuestionVerb``)."""
    if ctx.quoted(clause):
        return True
    first = clause.doc[clause.left_edge.i]
    return first.lower_ in EXPLANATION_MARKERS and not ctx.lexicon.has("QuestionVerb", verb.lemma_.lower())


def _content_without_clause(tok: Token, entry: LexiconEntry, clause: list[Token], quoted) -> list[Token] | None:
    """Content settled before the complement is read: the host clause of an inserted or 'as' frame, or nothing
    for an embedded question or a bare infinitive after 'see'. None: read on."""
    if not clause and tok.dep_ == "parataxis":
        # "The company is exploring a sale, Bloomberg reported, citing ...", "Small firms, the mayor said, are
        # the heart of the town": the host clause around the reporting clause is what was said
        return _host_words(tok)
    if _nothing_said(tok, entry, clause, quoted):
        return []
    if not clause and _as_frame(tok):
        # "As the Gazette reported last week, the bridge will close": the main clause is what was reported
        return _host_words(tok)
    return None


def _host_words(tok: Token) -> list[Token]:
    """The words of the clause a reporting clause sits in, without the reporting clause."""
    own = {t.i for t in tok.subtree}
    return [t for t in tok.head.subtree if t.i not in own and not t.is_punct]


def _nothing_said(tok: Token, entry: LexiconEntry, clause: list[Token], quoted) -> bool:
    """'asked whether ...'; 'saw its shares plunge': a bare infinitive after 'see' is something that happened."""
    if any(c.dep_ in ("ccomp", "csubj") and is_question(c) and not quoted(c) for c in tok.children):
        return True
    return entry.kind == "CognitionVerb" and bool(clause) and all(c.tag_ == "VB" and not any(
        g.dep_ in ("mark", "aux") for g in c.children) for c in clause)


def _as_frame(tok: Token) -> bool:
    """'As the Gazette reported, ...': a fronted 'as' clause without an object of its own."""
    return tok.dep_ == "advcl" and tok.i < tok.head.i and not any(c.dep_ == "dobj" for c in tok.children) \
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)


def _clause_on_medium(words: Words, verb: Token, entry: LexiconEntry, extra: list[Token]) -> list[Token]:
    """'said in a statement that ...', 'told the daily Pravo that ...': the parser may hang the
    that-clause on the statement or on the addressee."""
    hosts = [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    hosts += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for obj in hosts:
        for clause in obj.children:
            if clause.dep_ in ("acl", "relcl", "ccomp") and (any(
                    m.dep_ == "mark" and m.lower_ == "that" for m in clause.children) or _that_clause_as_relative(clause)):
                return list(clause.subtree)
    return []


def _that_clause_as_relative(clause: Token) -> bool:
    """'said in a letter that members would strike': with an intransitive verb the parser reads the that-clause
    as a relative clause on 'letter', with 'that' as its object. A relative 'that' fills a gap, so when the clause
    has a subject of its own after 'that' and no other object, it is read as what was said. Only tried when the
    verb has no complement clause; 'a letter that criticised the plan' (relative 'that' as subject) stays a
    relative clause."""
    first = clause.doc[clause.left_edge.i]
    return clause.dep_ == "relcl" and first.lower_ == "that" and first.dep_ == "dobj" and first.head == clause \
        and any(c.dep_ == "nsubj" and c.i > first.i for c in clause.children) \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") and c != first for c in clause.children)


def _passive_subject(words: Words, tok: Token, entry: LexiconEntry, extra: list[Token]) -> list[Token]:
    """'were rejected by the board as too low': with its agent, a passive cue reports its passive subject."""
    if not any(c.dep_ == "agent" for c in tok.children):
        return []
    return [t for c in tok.children if c.dep_ == "nsubjpass" or c.dep_ == "prep" and c.lower_ == "as"
            for t in c.subtree]


def _infinitive(words: Words, tok: Token, entry: LexiconEntry, extra: list[Token]) -> list[Token]:
    """'vowed to fight on': a cue that takes an infinitive reports it."""
    return [t for c in tok.children if c.dep_ == "xcomp" for t in c.subtree] if entry.takes_infinitive else []


def _relative_head(words: Words, tok: Token, entry: LexiconEntry, extra: list[Token]) -> list[Token]:
    """'an idea the governor has ruled out': what was ruled out is the noun the clause describes."""
    if tok.dep_ == "relcl" and entry.expresses_stance and not any(c.dep_ == "dobj" for c in tok.children):
        return [t for t in tok.head.subtree if t.i not in {x.i for x in tok.subtree}]
    return []


def _object_content(words: Words, tok: Token, entry: LexiconEntry, extra: list[Token]) -> list[Token]:
    """'denied the allegations', 'pointed to the earlier remarks', 'viewed the move as a provocation': the object
    of a cue whose object is what it says."""
    takes_as = entry.kind == "CognitionVerb" and any(c.lower_ == "as" and c.dep_ == "prep" for c in tok.children)
    if not (entry.object_is_content or extra or takes_as):
        return []
    objs = [c for c in tok.children if c.dep_ in ("dobj", "prep", "oprd", "acomp", "dative", "xcomp", "pcomp") and c not in extra
            and not (c.dep_ == "prep" and c.lower_ in MEDIUM_PREPOSITIONS)]
    objs += [c for e in extra for c in e.children if c.dep_ in ("pobj", "prep", "dobj")]
    tokens = [t for o in objs for t in o.subtree if not words.is_actor_like(o) or o.dep_ != "dobj" or entry.object_is_content]
    if entry.kind == "CognitionVerb":
        tokens = tokens if any(c.lower_ == "as" for c in tok.children) or extra else []
    return tokens


def addressee(words: Words, tok: Token, entry: LexiconEntry) -> Span | None:
    """'told reporters', 'said to the committee': whom the words were addressed to."""
    if not entry.object_is_addressee:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "to" and words.lexicon.has("AddresseeVerb", tok.lemma_):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and words.is_actor_like(pobj):
                    return words.mention(pobj)
        return None
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
    return words.mention(obj) if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON") else None


@rule("reporting-clause-alone")
def reporting_clause_alone(ctx: SentenceContext, quoted: Span) -> Frame | None:
    """A reporting clause that is a sentence of its own beside the quotation it reports: '“How long must we
    wait?” Mayor Ortiz asked.' (the parser ends the sentence at '?”'), or 'The harbour chief added:' closing a
    paragraph whose next paragraph is the quotation."""
    verb = ctx.sent.root
    words = [t for t in ctx.sent if not t.is_punct and not t.is_space]
    if len(words) > 12 or verb.pos_ not in ("VERB", "AUX") or not_an_act(verb, ctx.lexicon) \
            or any(c.dep_ in ("ccomp", "dobj", "xcomp", "csubj") for c in verb.children):
        return None
    entry, extra = ctx.words.verb_entry(verb)
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if entry is None or entry.kind != "SpeechVerb" or subject is None:
        return None
    found = cited_source(ctx, verb, subject, not entry.needs_source_subject, "speaker/subject")
    content = [t for t in quoted if not t.is_punct and not t.is_space and ctx.quoted(t)]
    if found.speaker is None or not content:
        return None
    return Frame(by_position([verb, *extra]), found.speaker, content, "verb", entry, addressee(ctx.words, verb, entry),
                 found.relays, rules=["reporting-clause-alone"], speaker_rules=list(found.rules),
                 cue_rules=["cue/lexicon-verb"])
