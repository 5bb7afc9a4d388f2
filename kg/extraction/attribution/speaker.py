"""Who speaks through a reporting verb: its subject, an inherited or inverted one, a passive agent, a source
cited behind an outlet. Each path names the rule that took it (``speaker/...``)."""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span, Token

from kg.extraction.attribution.context import SentenceContext
from kg.extraction.attribution.grammar import (
    GROUP_PRONOUNS, INHERIT_DEPS, RELATIVE_PRONOUNS, SUBJECT_DEPS, citing_in, introduced_by_that, plain_speech
)
from kg.extraction.attribution.words import Words
from kg.extraction.doccache import citing_cache, sentence_of
from kg.lexicon import LexiconEntry


class Found(NamedTuple):
    """A speaker found for a verb: the mention, the outlets that carried the words, the 'citing' word that named
    a deeper source (part of the cue), and the rules that decided."""

    speaker: Span | None
    relays: list[Span] | None = None
    citing: Token | None = None
    rules: tuple[str, ...] = ()


NOBODY = Found(None)


def speaker_of(ctx: SentenceContext, tok: Token, entry: LexiconEntry | None = None) -> Found:
    """The speaker of a verb: its subject, an inherited subject, or an inverted one."""
    lenient = entry is not None and not entry.needs_source_subject
    noun = _noun_speaker(ctx, tok, lenient)
    if noun is not None:
        return noun
    head = tok
    for _ in range(4):
        found = _speaker_at(ctx, tok, head, lenient)
        if found is not None:
            return found
        if head.dep_ not in INHERIT_DEPS or head.head.i == head.i or introduced_by_that(head):
            return NOBODY
        head = _climb(ctx.words, tok, head, entry)
    return NOBODY


def _noun_speaker(ctx: SentenceContext, tok: Token, lenient: bool) -> Found | None:
    """'with the candidate's lawyers arguing that ...': the noun does the arguing; 'The ministry issued a
    statement saying ...': who issued the document said it."""
    words = ctx.words
    absolute = tok.tag_ == "VBG" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "with"
    misparsed = tok.tag_ in ("VBD", "VBN") and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN")
    if tok.dep_ == "acl" and (absolute or misparsed) and (words.is_actor_like(tok.head) or words.could_speak(tok.head)):
        return cited_source(ctx, tok, tok.head, lenient, "speaker/noun-participle")
    document = tok.head
    if tok.dep_ == "acl" and tok.tag_ == "VBG" and document.dep_ == "dobj" \
            and ctx.lexicon.has("NonSource", document.lemma_.lower()):
        issuer = next((c for c in document.head.children if c.dep_ == "nsubj"), None)
        return cited_source(ctx, document.head, issuer, lenient, "speaker/document-issuer") \
            if issuer is not None else NOBODY
    return None


def _speaker_at(ctx: SentenceContext, tok: Token, head: Token, lenient: bool) -> Found | None:
    """The subject of ``head`` (the verb or a verb above it), an inverted or a parenthetical one."""
    subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
    before = [c for c in subjects if c.i < head.i]
    subject = before[-1] if before else (subjects[0] if subjects else None)
    if subject is not None:
        rule = "speaker/subject" if head.i == tok.i else "speaker/inherited-subject"
        if subject.lower_ in RELATIVE_PRONOUNS and head.dep_ == "relcl":
            subject, rule = relative_antecedent(ctx.words, subject, head.head), "speaker/relative-antecedent"
        if head.i != tok.i and ctx.quoted(subject) and not ctx.quoted(tok):
            # a subject borrowed from inside someone's quotation does not speak; a name left after it does
            return stranded_speaker(ctx, tok, lenient)
        if subject.dep_ == "nsubjpass" and head.i == tok.i:
            return passive_agent(ctx, tok, lenient)
        return cited_source(ctx, head, subject, lenient, rule)
    inverted = inverted_subject(ctx.words, head)
    if inverted is not None:
        return cited_source(ctx, head, inverted, lenient, "speaker/inverted")
    return parenthetical_subject(ctx.words, head)


def _climb(words: Words, tok: Token, head: Token, entry: LexiconEntry | None) -> Token:
    """The verb whose subject a participle or infinitive inherits."""
    head = reporting_verb_above(words, head) or head.head
    governor = head.head.head if head.head.dep_ == "conj" and not any(
        c.dep_ == "nsubj" for c in head.head.children) else head.head  # "appeared ... and began by saying"
    by_saying = head.lower_ == "by" and plain_speech(tok, entry) and any(
        c.dep_ == "nsubj" and words.is_actor_like(c) for c in governor.children)
    if head.dep_ == "prep" and head.pos_ == "ADP" and (words.verb_entry(head.head)[0] is not None or by_saying):
        head = head.head  # "responded by assuring ...", "opened the hearing by saying ...": its subject speaks
    return head


def reporting_verb_above(words: Words, participle: Token) -> Token | None:
    """'X said the campaign had nothing to do with it, adding he was unaware ...': the parser hangs a
    participial cue set off by a comma on the reported clause, but it is the reporter who adds it."""
    clause = participle.head
    set_off = participle.tag_ == "VBG" and participle.i > 0 and participle.doc[participle.i - 1].text == ","
    # "said that the reports were false and called for calm": the parser joins the second cue to the reported clause
    joined = participle.dep_ == "conj" and participle.tag_ in ("VBD", "VBZ") and words.verb_entry(participle)[0] is not None
    if not (set_off or joined) or clause.dep_ != "ccomp" or clause.head.i == clause.i:
        return None
    return clause.head if words.verb_entry(clause.head)[0] is not None else None


def relative_antecedent(words: Words, pronoun: Token, attached: Token) -> Token:
    """The noun a relative clause is about. The parser often attaches "who" to the nearest noun:
    in "people familiar with the discussions, who said" the people, not the discussions, said it."""
    if pronoun.lower_ != "who" or words.is_actor_like(attached):
        return attached
    node = attached
    for _ in range(4):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("NOUN", "PROPN") and words.is_actor_like(node):
            return node
    return attached


def passive_agent(ctx: SentenceContext, verb: Token, lenient: bool) -> Found:
    """'The plan was first reported by the Gazette', 'His bids were rejected by the board as too low': the
    agent of a passive cue is its speaker."""
    agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is None or not ctx.words.is_actor_like(agent) or agent.pos_ == "PRON":
        return NOBODY
    return cited_source(ctx, verb, agent, lenient, "speaker/passive-agent")


def stranded_speaker(ctx: SentenceContext, verb: Token, lenient: bool) -> Found:
    """'“... to suspend” its role, Maria Okonkwo, the bloc's envoy, told AFP': the parser loses the reporting
    clause after a quotation. The first name between the closing quote and the cue is the speaker."""
    sent = sentence_of(verb)
    closing = max((t.i for t in sent if t.i < verb.i and ctx.quoted(t)), default=None)
    if closing is None:
        return NOBODY
    for tok in verb.doc[closing + 1: verb.i]:
        if tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_ == "B" and not ctx.quoted(tok):
            head = tok
            while head.ent_iob_ != "O" and head.head.ent_iob_ == "I" and head.head.i > head.i and head.head.i < verb.i:
                head = head.head
            return cited_source(ctx, verb, head, lenient, "speaker/stranded-name")
    return NOBODY


def cited_source(ctx: SentenceContext, verb: Token, subject: Token, lenient: bool, rule: str) -> Found:
    """'some note that ...', 'a Kremlin statement said', 'its role, Maria Okonkwo, the envoy', 'Citing X, the
    newspaper said': the mention that speaks for a verb's subject, and whoever only carried the words.

    :param lenient: a plain speech verb, whose subject may be any noun that can speak.
    """
    words = ctx.words
    rules = (rule,)
    owner = words.owner_of_document(subject)
    if owner is not subject:
        rules += ("speaker/document-owner",)
    subject = owner
    if subject.lower_ in GROUP_PRONOUNS and subject.dep_ == "nsubj" and verb.pos_ == "VERB" \
            and (subject.lower_ != "those" or any(c.dep_ in ("amod", "acl", "relcl", "prep") for c in subject.children)):
        return Found(words.mention(subject), None, None, rules + ("speaker/group-pronoun",))
    if not words.is_actor_like(subject):
        # "its role, Maria Okonkwo, the envoy": a name in apposition to a word that cannot speak
        named = next((c for c in subject.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")), subject)
        rules += ("speaker/appositive-name",) if named is not subject else ()
        subject = named
    span = words.mention(subject)
    # unnamed reports speak for themselves when no one is named behind them ("Other reports had suggested ...")
    reports = subject.tag_ in ("NNS", "NNPS") and ctx.lexicon.has("ReportNoun", subject.lemma_.lower())
    if span is None or not (words.is_actor_like(subject) or reports or lenient and words.could_speak(subject)):
        return NOBODY
    cited = citing(ctx, verb)
    if cited is not None and cited[0] is not None and (words.is_outlet_like(subject) or words.is_source_like(cited[0].root)):
        return Found(cited[0], [span], cited[1], rules + ("speaker/cited-source",))  # the deepest source speaks
    return Found(span, None, None, rules)


def citing(ctx: SentenceContext, verb: Token) -> tuple[Span | None, Token] | None:
    """'Citing X, the newspaper said': the source the verb's subject relies on, and the word 'citing'.

    The parser attaches a mid-sentence 'citing X' almost anywhere, so the whole
    sentence is searched."""
    if verb.dep_ not in ("ROOT", "parataxis", "conj") or introduced_by_that(verb):
        return None  # a verb inside the reported clause is not the one doing the citing
    sent = sentence_of(verb)
    found = citing_cache(verb.doc)
    if sent.start not in found:  # the same for every verb of the sentence
        found[sent.start] = citing_in(sent, ctx.lexicon)
    if found[sent.start] is None:
        return None
    child, source = found[sent.start]
    return ctx.words.mention(verb.doc[source]), verb.doc[child]


def inverted_subject(words: Words, verb: Token) -> Token | None:
    """'..., said the minister' / '– writes the newspaper –': the subject follows the verb."""
    if verb.tag_ == "VBG" or verb.i == sentence_of(verb).start or not verb.doc[verb.i - 1].is_punct:
        return None
    for child in verb.children:
        if child.i > verb.i and child.dep_ in ("dobj", "attr", "nsubj", "npadvmod", "oprd") and words.is_actor_like(child):
            return child
    follower = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if follower is not None:
        # '“...,” said Dana Pruitt, ...': the parser may hang the name elsewhere.
        head = follower
        while head.dep_ in ("compound", "det", "amod") and head.head.i > head.i and head.head.i - verb.i <= 5:
            head = head.head
        if words.is_actor_like(head) and head.pos_ in ("PROPN", "NOUN"):
            return head
    return None


def parenthetical_subject(words: Words, verb: Token) -> Found | None:
    """'Some analysts – continues the NYT – argue ...': the parser hangs the subject on the insertion."""
    for child in verb.children:
        if child.dep_ not in ("ccomp", "parataxis") or child.i > verb.i:
            continue
        dashes = [t for t in child.doc[child.left_edge.i - 1: verb.i] if t.text in ("–", "—", "-", ",")]
        subject = next((c for c in child.children if c.dep_ in SUBJECT_DEPS and c.i < child.i), None)
        outlet = next((c for c in child.children if c.i > child.i and c.dep_ in ("dobj", "nsubj", "attr")), None)
        if dashes and subject is not None and words.is_actor_like(subject):
            relays = [words.mention(outlet)] if outlet is not None and words.is_outlet_like(outlet) else []
            return Found(words.mention(subject), [r for r in relays if r is not None], None, ("speaker/parenthetical",))
    return None
