"""Word tests bound to the lexicon and the known outlets: cue entries, mentions, who can speak.

Stateless apart from the per-Doc mention cache (kept in the Doc, see kg.extraction.doccache); the rules, the
actor stage and the pipeline share one of these per lexicon.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extraction.attribution.grammar import (
    ACTOR_ENTS, CONJUNCTIONS, DEFINITE_DETERMINERS, GROUP_OBJECT_PRONOUNS, PARTITIVES, PERSONAL_PRONOUNS, author_of,
    match_rest, with_fronted_name
)
from kg.extraction.doccache import mention_cache, sentence_of
from kg.lexicon import Lexicon, LexiconEntry

_CUT_PUNCT = ("(", ")", "“", "”", '"', "–", "—")


class Words:
    """The lexicon's view of tokens.

    :param lexicon: the cue, hedge and source-noun lexicon.
    :param outlet_names: normalised names of known news outlets.
    """

    def __init__(self, lexicon: Lexicon, outlet_names: set[str] | None = None) -> None:
        self.lexicon = lexicon
        self.outlet_names = outlet_names or set()

    # -- cues -------------------------------------------------------------------
    def verb_entry(self, tok: Token) -> tuple[LexiconEntry | None, list[Token]]:
        """The speech or cognition verb entry a token heads, and the other words of a multiword cue."""
        lemma = tok.lemma_.lower()
        for kind in ("SpeechVerb", "CognitionVerb"):
            for entry in self.lexicon.lookup(kind, lemma):
                extra = match_rest(tok, entry.rest)
                if extra is not None:
                    return entry, extra
        return None, []

    def quoted_speech(self, tok: Token) -> bool:
        """The verb of a passed-on quotation, 'saying' in 'was quoted as saying' (``kg:QuotedSpeechVerb``)."""
        return self.lexicon.has("QuotedSpeechVerb", tok.lemma_)

    def quoting(self, tok: Token) -> bool:
        """'quote', 'cite' (``kg:PassiveFrame``): verbs that pass on someone's words ('X quoted Y as saying', 'Y was
        cited as saying')."""
        return self.lexicon.has("PassiveFrame", tok.lemma_.lower())

    def quoting_verb(self, tok: Token) -> Token:
        """The 'quote' or 'cite' above 'saying' in 'was quoted as saying'."""
        return tok.head if self.quoting(tok.head) else tok.head.head

    # -- mentions ---------------------------------------------------------------
    def mention(self, tok: Token | None) -> Span | None:
        """The noun phrase a token heads, without relative clauses or trailing punctuation."""
        if tok is None:
            return None
        # The same heads are asked for again and again (by the rules, the actors, the channels): work each out once
        # per Doc and lexicon.
        found = mention_cache(tok.doc)
        key = (id(self.lexicon), tok.i)
        if key not in found:
            found[key] = self._mention_bounds(tok)
        bounds = found[key]
        return tok.doc[bounds[0]:bounds[1]] if bounds is not None else None

    def _mention_bounds(self, tok: Token) -> tuple[int, int] | None:
        doc = tok.doc
        cut = self._cut(tok)
        kept = {t.i for t in tok.subtree if t.i not in cut}
        start, end = tok.i, tok.i + 1
        while start - 1 in kept:
            start -= 1
        while end in kept:
            end += 1
        while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc" or doc[start].lower_ in CONJUNCTIONS):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].dep_ in ("cc", "case") and doc[end - 1].ent_iob_ != "I"):
            end -= 1  # but "Moody's" keeps its 's
        if end <= start:
            return None
        return with_fronted_name(doc, start), end

    def _cut(self, tok: Token) -> set[int]:
        """What a mention leaves out: describing clauses, quotes and dashes, clauses after it, a 'citing ...',
        a dated phrase, a reporting participle."""
        return self._cut_clauses(tok) | _cut_phrases(tok, self)

    def _cut_clauses(self, tok: Token) -> set[int]:
        """Describing (non-restrictive) clauses anywhere under the head, and a reporting participle on it."""
        cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl") and not self._keep_clause(c) for t in c.subtree}
        cut |= {t.i for c in tok.subtree if c.dep_ in ("relcl", "acl") and c.i != tok.i and not self._keep_clause(c) for t in c.subtree}
        cut |= {t.i for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBG" and self.verb_entry(c)[0] is not None
                for t in c.subtree}
        return cut

    def _keep_clause(self, clause: Token) -> bool:
        if clause.dep_ == "relcl" and any(self.lexicon.has("AnonymityWord", t.lemma_) for t in clause.subtree):
            return False  # "who spoke on condition of anonymity" says nothing about who the source is
        return _restrictive(clause)

    # -- who can speak ------------------------------------------------------------
    def is_actor_like(self, tok: Token) -> bool:
        """Whether a token can head a mention of a speaker."""
        if tok.lower_ in PERSONAL_PRONOUNS or tok.ent_type_ in ACTOR_ENTS - {"NORP"}:
            return True
        if tok.lower_ in PARTITIVES or tok.like_num:
            # "one of the former officials", "another of the five engineers", "two of the analysts"
            return any(c.lower_ == "of" and any(self.is_source_like(g) or g.lower_ in GROUP_OBJECT_PRONOUNS
                                                or g.tag_ in ("NNS", "NNPS") and self.could_speak(g)
                                                for g in c.children) for c in tok.children)
        return self.is_source_like(tok) or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"))

    def owner_of_document(self, tok: Token) -> Token:
        """'a Kremlin statement said', 'the ministry's letter warned', 'the IMF report stated': the owner speaks."""
        lemma = tok.lemma_.lower()
        # a report noun inside a name ('Bloomberg News') is the outlet's own name, not a document it owns
        report = self.lexicon.has("ReportNoun", lemma) and tok.pos_ == "NOUN" and not tok.ent_type_
        if not (self.lexicon.has("NonSource", lemma) or report):
            return tok
        owner = next((c for c in tok.children if c.dep_ in ("poss", "compound") and self.is_actor_like(c)), None)
        if owner is None:  # 'a statement released by X said', 'a letter from X warned'
            author = author_of(tok, self.lexicon)
            owner = author if author is not tok and self.is_actor_like(author) else None
        if owner is None:  # 'The ministry issued a statement on Friday. The statement said ...'
            owner = self._issuer_before(tok)
        if owner is not None and report and self.is_outlet_like(owner):
            return tok  # 'a Reuters report said': an outlet's report is the outlet reporting, its own channel rules
        return owner if owner is not None else tok

    def _issuer_before(self, document: Token) -> Token | None:
        """Who issued the document a definite description ('the statement', 'the letter') takes up: the actor
        subject of the clause that introduced it in one of the three sentences before."""
        if not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in document.children):
            return None
        lemma = document.lemma_.lower()
        start = sentence_of(document).start
        for earlier in reversed(list(document.doc[max(0, start - 300):start].sents)[-3:]):
            for tok in earlier:
                if tok.lemma_.lower() != lemma or tok.dep_ not in ("dobj", "nsubjpass"):
                    continue
                verb = tok.head
                issuer = next((c for c in verb.children if c.dep_ == "nsubj"), None) if tok.dep_ == "dobj" else \
                    next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
                if issuer is not None and issuer.pos_ != "PRON" and self.is_actor_like(issuer):
                    return issuer
        return None

    def could_speak(self, tok: Token) -> bool:
        """A common noun heading the subject of a true speech verb: a speaker unless the lexicon says it cannot be."""
        return tok.pos_ in ("NOUN", "PROPN") and not self.lexicon.has("NonSource", tok.lemma_.lower())

    def is_source_like(self, tok: Token) -> bool:
        """A named person, organisation or place, or a source or role noun of the lexicon ('officials', 'the spokesman')."""
        lemma = tok.lemma_.lower()
        return (tok.ent_type_ in ("PERSON", "ORG", "GPE") or self.lexicon.has("SourceNoun", lemma)
                or self.lexicon.has("SourceNoun", tok.lower_) or self.lexicon.has("RoleNoun", lemma))

    def is_outlet_like(self, tok: Token) -> bool:
        """A news outlet: a known one by name, or a noun like 'the newspaper', 'Ukrainian outlet X'."""
        return (self.lexicon.has("OutletAnaphor", tok.lemma_.lower()) or self._known_outlet(tok)
                or any(c.dep_ == "compound" and self.lexicon.has("OutletAnaphor", c.lemma_.lower()) for c in tok.children)
                or self._masthead(tok))

    def _masthead(self, tok: Token) -> bool:
        """'the Valley Courier', 'the Harbour Times': a name of two or more words ending in a masthead word."""
        return tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON" and self.lexicon.has("MastheadWord", tok.lower_) \
            and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)

    def _known_outlet(self, tok: Token) -> bool:
        span = self.mention(tok)
        from kg.actors import normalise

        return span is not None and normalise(span.text) in self.outlet_names


def _cut_phrases(tok: Token, words: Words) -> set[int]:
    """Quotes and dashes after the head, clauses after it, a 'citing ...' and a dated phrase on it."""
    cut = {t.i for t in tok.subtree if t.i > tok.i and t.dep_ == "punct" and t.text in _CUT_PUNCT}
    cut |= {t.i for c in tok.children if c.dep_ in ("advcl", "ccomp", "punct") and c.i > tok.i and c.text not in (",",) for t in c.subtree}
    cut |= {t.i for c in tok.children if words.quoting(c) for t in c.subtree}
    cut |= {t.i for c in tok.children if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
            for t in c.subtree}
    return cut


def _restrictive(clause: Token) -> bool:
    # A restrictive clause names the source ("two senators who attended", "people briefed on
    # the talks"); a clause set off by a comma only describes it.
    before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    words = list(clause.subtree)
    comma = next((i for i, t in enumerate(words) if t.text == "," and t.i > clause.i), len(words))
    return not (before is not None and before.text == ",") and comma <= 8
