"""Rules that find attributed statements on spaCy's dependency parse.

Every rule is general English grammar: a reporting verb with its subject and
complement, a prepositional frame ("according to X"), a nominal frame
("X's insistence on ..."), a participial source ("citing X"), a hedge adverb
on an actor's clause ("he reportedly ..."), and quotations continued from the
last speaker. Which words count as cues, hedges or sources is the lexicon's
business (ontology/lexicon.ttl), never this module's.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from .doccache import citing_cache, mention_cache, sentence_of, span_ents, span_tokens
from .lexicon import Lexicon, LexiconEntry
from .quotes import Quote

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_INHERIT_DEPS = {"xcomp", "advcl", "conj", "pcomp", "acl", "dep"}
_ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_PERSONAL_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it"}
_RELATIVE_PRONOUNS = {"who", "which", "that"}
# closed-class words that pick people out of a group: "one of the officials", "another of the five engineers"
_PARTITIVES = {"one", "some", "several", "many", "few", "none", "most", "all", "another", "each", "both", "either",
               "neither", "two", "three", "four", "five"}
# closed-class words that stand for people when they are the subject of a speech verb
_GROUP_PRONOUNS = {"some", "others", "many", "several", "few", "most", "those"}
_CLAUSE_BREAKS = {",", ";", ":", "—", "–", "(", ")"}
_PARTICIPLE_LINK_DEPS = {"advcl", "xcomp", "conj"}  # conj only for participles: "said ... and accused" are two
_QUESTION_MARKERS = {"whether", "if", "when", "why", "how", "what", "who", "where", "which"}


def _introduced_by_that(verb: Token) -> bool:
    """A clause opened by 'that': a complement, even where the parser calls it a conjunct."""
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)


def _up_to_comma(tokens: list[Token]) -> list[Token]:
    """A noun's complement ends at its first comma: 'declarations that X, behind closed doors, he ...'."""
    tokens = sorted(tokens, key=lambda t: t.i)
    for index, tok in enumerate(tokens):
        if tok.text == "," and index > 2:
            return tokens[:index]
    return tokens


def _is_question(clause: Token) -> bool:
    """'asked whether ...', 'did not say when ...': an embedded question, not a statement."""
    first = clause.doc[clause.left_edge.i]
    if first.head.i != clause.i and first.head.dep_ == "advcl":
        return False  # "said that if the plan passes, ...": the 'if' opens a condition inside what was said
    if first.lower_ in _RELATIVE_PRONOUNS and clause.head.dep_ == "relcl":
        return False  # "a levy, which the mayor said was needed": the relative pronoun stands for the levy
    return first.lower_ in _QUESTION_MARKERS and first.dep_ in ("mark", "advmod", "nsubj", "dobj", "attr", "det")


def _citing_in(sent: Span) -> tuple[int, int] | None:
    """The first 'citing X' or 'quoting X' of a sentence: the participle and X (the source of a document X names)."""
    for child in span_tokens(sent):
        if (child.lemma_.lower() == "cite" or child.lower_ == "quoting") and child.dep_ in ("advcl", "xcomp", "prep", "acl"):
            if _cites_for_an_object(child):
                continue
            obj = next((c for c in child.children if c.dep_ in ("dobj", "pobj")), None)
            if obj is None:
                continue
            source = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ in ("from", "of", "by")
                           for g in c.children if g.dep_ == "pobj"), None)
            return child.i, (source or obj).i
    return None


def _with_fronted_name(doc, start: int) -> int:
    """'Jesse Connolly, spokesman for the mayor, said': after a paragraph break the parser may make the role
    the subject and hang the name elsewhere. A person's name opening the clause, a comma before the role,
    belongs to the mention."""
    if start < 2 or doc[start - 1].text != "," or doc[start - 2].ent_type_ != "PERSON" or doc[start].pos_ == "PROPN":
        return start
    name_start = start - 2
    while name_start > 0 and doc[name_start].ent_iob_ == "I":
        name_start -= 1
    before = doc[name_start - 1] if name_start > 0 else None
    opens_clause = before is None or before.is_space or before.is_sent_end or doc[name_start].is_sent_start
    return name_start if opens_clause and doc[start].dep_ in ("nsubj", "nsubjpass", "det", "amod", "compound") else start


def _propositions(frame: "Frame", cues: set[int]) -> list["Frame"]:
    """'The official said the talks had begun, and the group was studying the plan', '..., according to the
    Ledger': two clauses, each with a subject of its own, joined by ', and' or ', but' are two propositions of
    one speaker, one statement each (a shared subject, 'had begun and would resume', stays one)."""
    if frame.kind not in ("verb", "prep") or not frame.content or any(q.lower_ in ("neither", "either")
                                                                        for q in frame.content):
        return [frame]
    inside = {t.i for t in frame.content}
    clauses = [t for t in frame.content if (t.head.i not in inside or t.head.i == t.i) and t.pos_ in ("VERB", "AUX")]
    if len(clauses) != 1:
        return [frame]
    second = next((c for c in clauses[0].children if c.dep_ == "conj" and c.i in inside and c.pos_ in ("VERB", "AUX")
                   and any(g.dep_ in _SUBJECT_DEPS for g in c.children)), None)
    cc = next((c for c in clauses[0].children if c.dep_ == "cc" and second is not None and c.i < second.i), None)
    if second is None or cc is None or cc.i == 0 or cc.doc[cc.i - 1].text != "," or second.i in cues:
        return [frame]  # no ', and'; or the second clause is someone's attribution of its own
    later = {t.i for t in second.subtree}
    first_part = [t for t in frame.content if t.i not in later and t.i != cc.i]
    second_part = [t for t in frame.content if t.i in later]
    if min(len(first_part), len(second_part)) < 4:
        return [frame]
    return [replace(frame, content=first_part), replace(frame, content=second_part)]


def _plain_speech(tok: Token, entry: LexiconEntry | None) -> bool:
    """A participle of a plain speech verb ('by saying', 'by warning'), not of a verb of stance ('by supporting')."""
    return tok.tag_ == "VBG" and entry is not None and entry.kind == "SpeechVerb" and not entry.expresses_stance \
        and not entry.needs_source_subject


def _aspectual(verb: Token) -> bool:
    """'went on to say', 'continued to insist', 'began by saying': a closed class of verbs that only place a
    speech act in time; the act itself happened."""
    return verb.lemma_ in ("go", "continue", "begin", "start", "proceed") and not any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "may", "might", "could") for c in verb.children)


def _cites_for_an_object(citing: Token) -> bool:
    """'referring to stories citing unnamed sources': the stories cite, not the speaker; but in 'according to
    a report citing two aides' the report is the attribution's own."""
    noun = citing.head
    return citing.dep_ == "acl" and noun.dep_ in ("pobj", "dobj") \
        and not any(a.lower_ == "according" for a in noun.ancestors)


@dataclass
class Frame:
    """A cue found in a sentence before it becomes a Statement."""

    cue_tokens: list[Token]
    speaker: Span | None
    content: list[Token]
    kind: str
    entry: LexiconEntry | None = None
    addressee: Span | None = None
    relays: list[Span] | None = None  # outlets that carried a cited source's words
    hedged_by_fold: bool = False  # a folded 'he believes' makes the host tentative


class AttributionRules:
    """Apply the attribution rules to a parsed Doc.

    :param lexicon: the cue, hedge and source-noun lexicon.
    """

    def __init__(self, lexicon: Lexicon, outlet_names: set[str] | None = None) -> None:
        self.lexicon = lexicon
        self.outlet_names = outlet_names or set()

    # -- public ---------------------------------------------------------
    def frames(self, sent: Span, quotes: list[Quote]) -> list[Frame]:
        """All attribution frames of one sentence, merged and de-duplicated."""
        self._quotes = quotes
        blocked = self._non_statement_tokens(sent)
        frames: list[Frame] = []
        for tok in span_tokens(sent):
            if tok.i in blocked:
                continue
            frame = (self._verb_frame(tok, sent, quotes) or self._prep_frame(tok, sent)
                     or self._noun_frame(tok, sent) or self._hedge_frame(tok, sent) or self._attitude_frame(tok))
            if frame is not None:
                frames.append(frame)
        frames = self._drop_quoted_words(frames, quotes)
        frames.extend(self._perspective_frame(sent, quotes, frames))
        frames.extend(self._colon_quote_frame(sent, quotes, frames))
        frames = self._sentence_initial_citing(sent, frames)
        frames = [part for frame in frames for part in self._each_speaker(frame)]
        frames = self._carried_by_trailing_outlet(sent, self._merge(self._quoters_who_speak(frames)))
        cues = {t.i for f in frames for t in f.cue_tokens}
        return [part for frame in frames for part in _propositions(frame, cues)]

    # -- verbs ------------------------------------------------------------
    def _verb_frame(self, tok: Token, sent: Span, quotes: list[Quote]) -> Frame | None:
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ == "aux":
            return None
        entry, extra = self._verb_entry(tok)
        if entry is None:
            return None
        if tok.lemma_.lower() in ("quote", "cite") and tok.dep_ != "ROOT":
            return None
        if self._not_an_act(tok):
            return None
        cue_tokens = sorted([tok, *extra], key=lambda t: t.i)
        if tok.dep_ == "xcomp" and tok.head.lemma_ in ("appear", "seem"):
            # "appeared to rule out": the hedge is part of the cue
            cue_tokens = sorted([tok.head, *(c for c in tok.children if c.dep_ == "aux"), *cue_tokens], key=lambda t: t.i)
        self._citing_token = None
        speaker, relays = self._speaker_of(tok, sent, entry)
        if relays and self._citing_token is not None:
            cue_tokens = sorted([*cue_tokens, self._citing_token], key=lambda t: t.i)  # "reported ... citing"
        active = self._active_quote(tok)
        if active is not None and active[0] is not None:
            speaker, relays = active
            quote_verb = self._quoting_verb(tok)
            cue_tokens = sorted({*cue_tokens, quote_verb, tok.head}, key=lambda t: t.i)
        passive_quoted = self._quoted_as_saying(tok)
        if passive_quoted is not None:
            speaker, relays = passive_quoted, self.quoted_by(tok)
            quote_verb = self._quoting_verb(tok)
            cue_tokens = sorted({*cue_tokens, quote_verb, tok.head, *(c for c in quote_verb.children if c.dep_ == "auxpass")},
                                key=lambda t: t.i)
        if speaker is None:
            return None
        content = self._verb_content(tok, entry, extra, sent, quotes, speaker)
        if not content:
            return None
        addressee = self._addressee(tok, entry)
        return Frame(cue_tokens, speaker, content, "verb", entry, addressee, relays)

    @staticmethod
    def _not_an_act(tok: Token) -> bool:
        """'did not say', 'Asked whether ...', 'is expected to propose': no statement was made."""
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.dep_ == "conj" and any(c.dep_ == "neg" for c in tok.head.children) \
                and not any(c.dep_ in _SUBJECT_DEPS for c in tok.children):
            return True  # "did not confirm or deny the report": the negation covers both verbs
        if any(c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in tok.children):
            return True  # "offered no sign of a breakthrough", "gave no details": nothing was said
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
            return True  # "... possible if officials found that ...": a condition, not a statement
        if tok.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in tok.children) and tok.dep_ in ("advcl", "acl", "amod"):
            return True
        if tok.tag_ == "VB" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children) \
                and tok.head.lemma_ not in ("appear", "seem") and not _aspectual(tok.head):
            return True  # "is expected to announce"; but "appeared to rule out", "went on to say" are acts
        if tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ in ("should", "must", "will", "would", "can", "could") for c in tok.children):
            return True
        if tok.dep_ == "xcomp" and tok.tag_ == "VBG" and any(
                c.dep_ == "aux" and c.lower_ in ("might", "may", "could", "would") for c in tok.head.children):
            return True  # "might consider supporting X": a possibility, not something said
        return False

    def _verb_entry(self, tok: Token) -> tuple[LexiconEntry | None, list[Token]]:
        lemma = tok.lemma_.lower()
        for kind in ("SpeechVerb", "CognitionVerb"):
            for entry in self.lexicon.lookup(kind, lemma):
                extra = self._match_rest(tok, entry.rest)
                if extra is not None:
                    return entry, extra
        return None, []

    @staticmethod
    def _match_rest(tok: Token, rest: tuple[str, ...]) -> list[Token] | None:
        """Find the other words of a multiword cue ("point to", "make clear") near its head."""
        if not rest:
            return []
        found: list[Token] = []
        window = [t for t in tok.children] + [t for c in tok.children for t in c.children]
        for word in rest:
            match = next((t for t in window if t.lemma_.lower() == word or t.lower_ == word), None)
            if match is None or abs(match.i - tok.i) > 4:
                return None
            found.append(match)
        return found

    def _speaker_of(self, tok: Token, sent: Span, entry: LexiconEntry | None = None) -> tuple[Span | None, list[Span] | None]:
        """The speaker of a verb: its subject, an inherited subject, or an inverted one."""
        self._lenient = entry is not None and not entry.needs_source_subject
        absolute = tok.tag_ == "VBG" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "with"
        misparsed = tok.tag_ in ("VBD", "VBN") and tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN")
        if tok.dep_ == "acl" and (absolute or misparsed) and (self.is_actor_like(tok.head) or self._could_speak(tok.head)):
            # "with the candidate's lawyers arguing that ...": the noun does the arguing
            return self._cited_source(tok, tok.head)
        document = tok.head
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and document.dep_ == "dobj" \
                and self.lexicon.has("NonSource", document.lemma_.lower()):
            # "The ministry issued a statement saying ...": who issued the document said it
            issuer = next((c for c in document.head.children if c.dep_ == "nsubj"), None)
            return self._cited_source(document.head, issuer) if issuer is not None else (None, None)
        head = tok
        for _ in range(4):
            subjects = [c for c in head.children if c.dep_ in _SUBJECT_DEPS]
            before = [c for c in subjects if c.i < head.i]
            subject = before[-1] if before else (subjects[0] if subjects else None)
            if subject is not None:
                if subject.lower_ in _RELATIVE_PRONOUNS and head.dep_ == "relcl":
                    subject = self._relative_antecedent(subject, head.head)
                if head.i != tok.i and self._quoted(subject) and not self._quoted(tok):
                    # a subject borrowed from inside someone's quotation does not speak; a name left after it does
                    return self._stranded_speaker(tok)
                if subject.dep_ == "nsubjpass" and head.i == tok.i:
                    return self._passive_agent(tok)
                return self._cited_source(head, subject)
            inverted = self._inverted_subject(head)
            if inverted is not None:
                return self._cited_source(head, inverted)
            parenthetical = self._parenthetical_subject(head)
            if parenthetical is not None:
                return parenthetical
            if head.dep_ not in _INHERIT_DEPS or head.head.i == head.i or _introduced_by_that(head):
                return None, None
            head = self._reporting_verb_above(head) or head.head
            by_saying = head.lower_ == "by" and _plain_speech(tok, entry) and any(
                c.dep_ == "nsubj" and self.is_actor_like(c) for c in head.head.children)
            if head.dep_ == "prep" and head.pos_ == "ADP" and (self._verb_entry(head.head)[0] is not None or by_saying):
                head = head.head  # "responded by assuring ...", "opened the hearing by saying ...": its subject speaks
        return None, None

    def _reporting_verb_above(self, participle: Token) -> Token | None:
        """'X said the campaign had nothing to do with it, adding he was unaware ...': the parser hangs a
        participial cue set off by a comma on the reported clause, but it is the reporter who adds it."""
        clause = participle.head
        set_off = participle.tag_ == "VBG" and participle.i > 0 and participle.doc[participle.i - 1].text == ","
        # "said that the reports were false and called for calm": the parser joins the second cue to the reported clause
        joined = participle.dep_ == "conj" and participle.tag_ in ("VBD", "VBZ") and self._verb_entry(participle)[0] is not None
        if not (set_off or joined) or clause.dep_ != "ccomp" or clause.head.i == clause.i:
            return None
        return clause.head if self._verb_entry(clause.head)[0] is not None else None

    def _quoted(self, tok: Token) -> bool:
        return any(q.contains(tok.idx) for q in getattr(self, "_quotes", ()))

    def _relative_antecedent(self, pronoun: Token, attached: Token) -> Token:
        """The noun a relative clause is about. The parser often attaches "who" to the nearest noun:
        in "people familiar with the discussions, who said" the people, not the discussions, said it."""
        if pronoun.lower_ != "who" or self.is_actor_like(attached):
            return attached
        node = attached
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("NOUN", "PROPN") and self.is_actor_like(node):
                return node
        return attached

    def _passive_agent(self, verb: Token) -> tuple[Span | None, list[Span] | None]:
        """'The plan was first reported by the Gazette', 'His bids were rejected by the board as too low': the
        agent of a passive cue is its speaker."""
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is None or not self.is_actor_like(agent) or agent.pos_ == "PRON":
            return None, None
        return self._cited_source(verb, agent)

    def _stranded_speaker(self, verb: Token) -> tuple[Span | None, list[Span] | None]:
        """'“... to suspend” its role, Maria Okonkwo, the bloc's envoy, told AFP': the parser loses the reporting
        clause after a quotation. The first name between the closing quote and the cue is the speaker."""
        sent = sentence_of(verb)
        closing = max((t.i for t in sent if t.i < verb.i and self._quoted(t)), default=None)
        if closing is None:
            return None, None
        for tok in verb.doc[closing + 1: verb.i]:
            if tok.ent_type_ in ("PERSON", "ORG") and tok.ent_iob_ == "B" and not self._quoted(tok):
                head = tok
                while head.ent_iob_ != "O" and head.head.ent_iob_ == "I" and head.head.i > head.i and head.head.i < verb.i:
                    head = head.head
                return self._cited_source(verb, head)
        return None, None

    def _cited_source(self, verb: Token, subject: Token) -> tuple[Span | None, list[Span] | None]:
        subject = self._owner_of_document(subject)
        if subject.lower_ in _GROUP_PRONOUNS and subject.dep_ == "nsubj" and verb.pos_ == "VERB" \
                and (subject.lower_ != "those" or any(c.dep_ in ("amod", "acl", "relcl", "prep") for c in subject.children)):
            return self.mention(subject), None  # "some note that ...", "those close to the mayor say ..."
        if not self.is_actor_like(subject):
            # "its role, Maria Okonkwo, the envoy": a name in apposition to a word that cannot speak
            subject = next((c for c in subject.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ORG")),
                           subject)
        span = self.mention(subject)
        # unnamed reports speak for themselves when no one is named behind them ("Other reports had suggested ...")
        reports = subject.tag_ in ("NNS", "NNPS") and self.lexicon.has("ReportNoun", subject.lemma_.lower())
        if span is None or not (self.is_actor_like(subject) or reports
                                or getattr(self, "_lenient", False) and self._could_speak(subject)):
            return None, None
        cited = self._citing(verb)
        if cited is not None and (self.is_outlet_like(subject) or self.is_source_like(cited.root)):
            return cited, [span]  # the deepest source speaks; whoever cites it carried the words
        return span, None

    def _citing(self, verb: Token) -> Span | None:
        """'Citing X, the newspaper said': the source the verb's subject relies on.

        The parser attaches a mid-sentence 'citing X' almost anywhere, so the whole
        sentence is searched."""
        if verb.dep_ not in ("ROOT", "parataxis", "conj") or _introduced_by_that(verb):
            return None  # a verb inside the reported clause is not the one doing the citing
        sent = sentence_of(verb)
        found = citing_cache(verb.doc)
        if sent.start not in found:  # the same for every verb of the sentence
            found[sent.start] = _citing_in(sent)
        if found[sent.start] is None:
            return None
        child, source = found[sent.start]
        self._citing_token = verb.doc[child]
        return self.mention(verb.doc[source])

    def _inverted_subject(self, verb: Token) -> Token | None:
        # "..., said the minister" / "– writes the newspaper –": the subject follows the verb.
        if verb.tag_ == "VBG" or verb.i == sentence_of(verb).start or not verb.doc[verb.i - 1].is_punct:
            return None
        for child in verb.children:
            if child.i > verb.i and child.dep_ in ("dobj", "attr", "nsubj", "npadvmod", "oprd") and self.is_actor_like(child):
                return child
        follower = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if follower is not None:
            # '“...,” said Dana Pruitt, ...': the parser may hang the name elsewhere.
            head = follower
            while head.dep_ in ("compound", "det", "amod") and head.head.i > head.i and head.head.i - verb.i <= 5:
                head = head.head
            if self.is_actor_like(head) and head.pos_ in ("PROPN", "NOUN"):
                return head
        return None

    def _parenthetical_subject(self, verb: Token) -> tuple[Span, list[Span]] | None:
        """'Some analysts – continues the NYT – argue ...': the parser hangs the subject on the insertion."""
        for child in verb.children:
            if child.dep_ not in ("ccomp", "parataxis") or child.i > verb.i:
                continue
            dashes = [t for t in child.doc[child.left_edge.i - 1: verb.i] if t.text in ("–", "—", "-", ",")]
            subject = next((c for c in child.children if c.dep_ in _SUBJECT_DEPS and c.i < child.i), None)
            outlet = next((c for c in child.children if c.i > child.i and c.dep_ in ("dobj", "nsubj", "attr")), None)
            if dashes and subject is not None and self.is_actor_like(subject):
                relays = [self.mention(outlet)] if outlet is not None and self.is_outlet_like(outlet) else []
                return self.mention(subject), [r for r in relays if r is not None]
        return None

    def _quoting(self, tok: Token) -> bool:
        """'quote', 'cite': verbs that pass on someone's words ('X quoted Y as saying', 'Y was cited as saying')."""
        return self.lexicon.has("PassiveFrame", tok.lemma_.lower())

    def _quoting_verb(self, tok: Token) -> Token:
        return tok.head if self._quoting(tok.head) else tok.head.head

    def _quoted_as_saying(self, tok: Token) -> Span | None:
        # "X was quoted as saying ..." puts X in the passive subject of "quote".
        head = tok.head
        if tok.lemma_ == "say" and self._quoting(head) or (head.lower_ == "as" and self._quoting(head.head)):
            verb = head if self._quoting(head) else head.head
            subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subj is not None:
                return subj.doc[subj.left_edge.i: subj.i + 1]
        return None

    def _active_quote(self, tok: Token) -> tuple[Span, list[Span]] | None:
        """'Al-Qahera News quoted a senior source as saying ...': the object speaks, the subject carries it."""
        head = tok.head
        verb = head if self._quoting(head) else head.head if head.lower_ == "as" else None
        if tok.lemma_ != "say" or verb is None or not self._quoting(verb):
            return None
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if obj is None:
            return None
        relays = [self.mention(subj)] if subj is not None and self.mention(subj) is not None else []
        return self.mention(obj), relays

    def _carried_by_trailing_outlet(self, sent: Span, frames: list[Frame]) -> list[Frame]:
        """'The minister said the plan was dead, news agency AFP reported.': a closing reporting clause of an
        outlet, with no words of its own, carried the sentence's statements."""
        last = [t for t in sent if not t.is_punct and not t.is_space]
        cue = last[-1] if last else None
        if cue is None or cue.pos_ != "VERB" or self._verb_entry(cue)[0] is None:
            return frames
        subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
        if subject is None or cue.doc[subject.left_edge.i - 1].text != "," or not (
                self.is_outlet_like(subject) or subject.pos_ == "PROPN" and subject.ent_type_ not in ("PERSON", "GPE", "NORP")):
            return frames  # a named organisation that reports someone's words is acting as a medium
        carried = [f for f in frames if cue not in f.cue_tokens and f.speaker is not None and f.kind == "verb"
                   and not self.is_outlet_like(f.speaker.root)]
        if not carried:
            return frames  # the outlet's own report ("The plan is dead, the Courier reported")
        outlet = self.mention(subject)
        for frame in carried:
            frame.relays = frame.relays or [outlet]
        # "“...,” the founder said, Pixelwire reported": the outlet only carried the founder's words
        return [f for f in frames if cue not in f.cue_tokens]

    def reporting_clause_alone(self, sent: Span, quoted: Span, quotes: list[Quote]) -> Frame | None:
        """A reporting clause that is a sentence of its own beside the quotation it reports: '“How long must we
        wait?” Mayor Ortiz asked.' (the parser ends the sentence at '?”'), or 'The harbour chief added:' closing a
        paragraph whose next paragraph is the quotation."""
        self._quotes = quotes
        verb = sent.root
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if len(words) > 12 or verb.pos_ not in ("VERB", "AUX") or self._not_an_act(verb) \
                or any(c.dep_ in ("ccomp", "dobj", "xcomp", "csubj") for c in verb.children):
            return None
        entry, extra = self._verb_entry(verb)
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if entry is None or entry.kind != "SpeechVerb" or subject is None:
            return None
        speaker, relays = self._cited_source(verb, subject)
        content = [t for t in quoted if not t.is_punct and not t.is_space and self._quoted(t)]
        if speaker is None or not content:
            return None
        return Frame(sorted([verb, *extra], key=lambda t: t.i), speaker, content, "verb", entry,
                     self._addressee(verb, entry), relays)

    def _each_speaker(self, frame: Frame) -> list[Frame]:
        """'The Lindqvist campaign and Chris Jackson of the Ortiz campaign said ...': a named person and a body
        of another kind speak side by side, one statement each. Two people ('Biden and Xi said') stay one group."""
        if frame.speaker is None or frame.kind != "verb":
            return [frame]
        first = frame.speaker.root
        second = next((c for c in first.children if c.dep_ == "conj"), None)
        if second is None or any(c.dep_ == "conj" for c in second.children) \
                or (first.ent_type_ == "PERSON") == (second.ent_type_ == "PERSON") \
                or not (self.is_actor_like(first) and self.is_actor_like(second)):
            return [frame]
        cc = next((c for c in first.children if c.dep_ == "cc" and c.i < second.i), None)
        end = cc.i if cc is not None else second.left_edge.i
        first_span = frame.speaker.doc[frame.speaker.start: end]
        second_span = frame.speaker.doc[second.left_edge.i: min(second.right_edge.i + 1, frame.speaker.end)]
        return [replace(frame, speaker=first_span), replace(frame, speaker=second_span)]

    def _quoters_who_speak(self, frames: list[Frame]) -> list[Frame]:
        """'The official quoted the president as saying ...': an outlet that quotes only carries the words, but a
        person or body that quotes someone makes a statement of their own, which reports the quoted one."""
        out: list[Frame] = []
        for frame in frames:
            verb = next((t for t in frame.cue_tokens if self._quoting(t) and t.dep_ != "auxpass"
                         and any(c.dep_ == "nsubj" for c in t.children)), None)
            quoter = frame.relays[0] if frame.relays else None
            # a named organisation that quotes someone is a news medium ("The Northern Ledger cited two officials
            # as saying"); a person or a body named by a common noun speaks ("The official quoted ...")
            medium = quoter is not None and (self.is_outlet_like(quoter.root) or quoter.root.ent_type_ == "ORG"
                                             or quoter.root.pos_ == "PROPN" and quoter.root.ent_type_ != "PERSON")
            if verb is None or quoter is None or medium or frame.kind != "verb":
                out.append(frame)
                continue
            quoted = {t.i for t in quoter}
            outer_content = [t for t in verb.subtree if t.i not in quoted and t.i != verb.i and not t.is_punct]
            inner_cue = [t for t in frame.cue_tokens if t.i != verb.i]
            out.append(Frame([verb], quoter, outer_content, "verb", frame.entry))
            out.append(replace(frame, cue_tokens=inner_cue or frame.cue_tokens, relays=None))
        return out

    def quoted_by(self, tok: Token) -> list[Span]:
        """'was quoted by the Nikkei newspaper as saying': the outlet that quoted."""
        verb = self._quoting_verb(tok)
        if not self._quoting(verb):
            return []
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        return [self.mention(a) for a in agents if self.mention(a) is not None]

    def _verb_content(self, tok: Token, entry: LexiconEntry, extra: list[Token], sent: Span,
                      quotes: list[Quote], speaker: Span) -> list[Token]:
        clause = [c for c in tok.children if (c.dep_ in ("ccomp", "csubj") or c.dep_ == "conj" and _introduced_by_that(c))
                  and not _is_question(c)]
        if not clause and tok.dep_ == "parataxis":
            # "The company is exploring a sale, Bloomberg reported, citing ...", "Small firms, the mayor said, are
            # the heart of the town": the host clause around the reporting clause is what was said
            own = {t.i for t in tok.subtree}
            return [t for t in tok.head.subtree if t.i not in own and not t.is_punct]
        if any(c.dep_ in ("ccomp", "csubj") and _is_question(c) for c in tok.children):
            return []
        if entry.kind == "CognitionVerb" and clause and all(c.tag_ == "VB" and not any(
                g.dep_ in ("mark", "aux") for g in c.children) for c in clause):
            return []  # "saw its shares plunge": a bare infinitive after 'see' is something that happened to it
        if not clause and tok.dep_ == "advcl" and tok.i < tok.head.i and not any(c.dep_ == "dobj" for c in tok.children) \
                and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
            # "As the Gazette reported last week, the bridge will close": the main clause is what was reported
            own = {t.i for t in tok.subtree}
            return [t for t in tok.head.subtree if t.i not in own and not t.is_punct]
        tokens: list[Token] = [t for c in clause for t in c.subtree]
        if not tokens:
            tokens = self._clause_on_medium(tok)
        if not tokens and any(c.dep_ == "agent" for c in tok.children):
            # a passive cue with its agent: what was reported or rejected is the passive subject ("as too low" too)
            tokens = [t for c in tok.children if c.dep_ == "nsubjpass" or c.dep_ == "prep" and c.lower_ == "as"
                      for t in c.subtree]
        if not tokens and entry.takes_infinitive:
            tokens = [t for c in tok.children if c.dep_ == "xcomp" for t in c.subtree]
        if not tokens and tok.dep_ == "relcl" and entry.expresses_stance and not any(c.dep_ == "dobj" for c in tok.children):
            # "an idea the governor has ruled out": what was ruled out is the noun the clause describes
            tokens = [t for t in tok.head.subtree if t.i not in {x.i for x in tok.subtree}]
        takes_as = entry.kind == "CognitionVerb" and any(c.lower_ == "as" and c.dep_ == "prep" for c in tok.children)
        if not tokens and (entry.object_is_content or extra or takes_as):
            objs = [c for c in tok.children if c.dep_ in ("dobj", "prep", "oprd", "acomp", "dative", "xcomp", "pcomp") and c not in extra
                    and not (c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "during", "after", "before", "through", "via", "with"))]
            objs += [c for e in extra for c in e.children if c.dep_ in ("pobj", "prep", "dobj")]
            tokens = [t for o in objs for t in o.subtree if not self.is_actor_like(o) or o.dep_ != "dobj" or entry.object_is_content]
            if entry.kind == "CognitionVerb":
                tokens = tokens if any(c.lower_ == "as" for c in tok.children) or extra else []
        if not tokens and entry.kind == "CognitionVerb":
            return []
        if not tokens and not (tok.tag_ == "VBG" and tok.dep_ in ("advcl", "acl", "xcomp")):
            tokens = self._quoted_tokens(sent, quotes, exclude=set(range(speaker.start, speaker.end)) | {tok.i})
        return sorted(set(tokens), key=lambda t: t.i)

    @staticmethod
    def _clause_on_medium(verb: Token) -> list[Token]:
        """'said in a statement that ...', 'told the daily Pravo that ...': the parser may hang the
        that-clause on the statement or on the addressee."""
        hosts = [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
        hosts += [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        for obj in hosts:
            for clause in obj.children:
                if clause.dep_ in ("acl", "relcl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
                    return list(clause.subtree)
        return []

    @staticmethod
    def _quoted_tokens(sent: Span, quotes: list[Quote], exclude: set[int]) -> list[Token]:
        return [t for t in sent if t.i not in exclude and any(q.contains(t.idx) for q in quotes) and not t.is_punct]

    def _addressee(self, tok: Token, entry: LexiconEntry) -> Span | None:
        if not entry.object_is_addressee:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "to" and (tok.lemma_ in ("say", "write", "speak", "explain", "complain", "make", "signal", "admit", "confess", "promise", "pledge")):
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None and self.is_actor_like(pobj):
                        return self.mention(pobj)
            return None
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
        return self.mention(obj) if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON") else None

    # -- prepositions -----------------------------------------------------
    def _prep_frame(self, tok: Token, sent: Span) -> Frame | None:
        lower = tok.lower_
        if lower == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is None:
                return None
            cue = [tok, to]
        elif lower in ("citing", "quoting") and tok.dep_ in ("advcl", "prep", "acl") and not self._verb_entry(tok.head)[0] \
                and not _cites_for_an_object(tok):
            source = next((c for c in tok.children if c.dep_ in ("dobj", "pobj")), None)
            if source is None:
                return None
            cue = [tok]
        else:
            return None
        source = self._owner_of_document(self._author_of(source))
        if self.lexicon.has("NonSource", source.lemma_.lower()):
            return None  # 'according to campaign finance filings' names no one
        speaker = self.mention(source)
        if speaker is None or (lower != "according" and not self.is_actor_like(source)):
            return None
        if source.pos_ not in ("NOUN", "PROPN", "PRON"):
            return None
        frame_tokens = {t.i for t in tok.subtree}
        anchor = tok.head
        while anchor.dep_ in ("prep", "pcomp") and anchor.head.i != anchor.i:
            anchor = anchor.head
        content = [t for t in sent if t.i not in frame_tokens and not t.is_punct]
        return Frame(cue, speaker, content, "prep", self.lexicon.lookup("Preposition", "according")[0]
                     if self.lexicon.lookup("Preposition", "according") else None)

    @staticmethod
    def _drop_quoted_words(frames: list[Frame], quotes: list[Quote]) -> list[Frame]:
        """A cue inside a quotation is part of the quoted words when the sentence names who said them."""
        def inside(tok: Token) -> bool:
            return any(q.contains(tok.idx) for q in quotes)
        outside = [f for f in frames if not inside(f.cue_tokens[0])]
        if not outside:
            return frames
        return [f for f in frames if not inside(f.cue_tokens[0])]

    def _colon_quote_frame(self, sent: Span, quotes: list[Quote], frames: list[Frame]) -> list[Frame]:
        """'The minister was blunt: “...”', 'She put it this way: “...”': a speaker, a colon, a quote."""
        colon = next((t for t in span_tokens(sent) if t.text == ":" and t.i + 1 < sent.end), None)
        if colon is None or frames or not any(colon.idx < q.start <= colon.idx + 3 for q in quotes):
            return []
        verbs = [t for t in sent if t.i < colon.i and t.pos_ in ("VERB", "AUX")
                 and any(c.dep_ in _SUBJECT_DEPS for c in t.children)]
        verb = verbs[-1] if verbs else sent.root
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.i < colon.i), None)
        if subject is None or not (self.is_actor_like(subject) or self._could_speak(subject)) or any(q.contains(subject.idx) for q in quotes):
            return []
        speaker = self.mention(subject)
        cue = [t for t in sent.doc[speaker.end: colon.i] if not t.is_punct] if speaker is not None else []
        content = [t for t in sent if t.i > colon.i and any(q.contains(t.idx) for q in quotes) and not t.is_punct]
        if not cue or not content or len(cue) > 6:
            return []
        return [Frame(cue, speaker, content, "colon")]

    def _sentence_initial_citing(self, sent: Span, frames: list[Frame]) -> list[Frame]:
        """'Citing information from X, the newspaper reported that ...': X speaks, the outlet relays.

        The parser often misreads a long fronted participle, so this rule reads the
        sentence's surface: the source runs from 'citing' to the comma before the
        outlet that is the main verb's subject.
        """
        words = [t for t in span_tokens(sent) if not t.is_space]
        if not words or words[0].lower_ not in ("citing", "quoting"):
            return frames
        main = next((f for f in frames if f.kind == "verb" and f.cue_tokens[0].dep_ == "ROOT"), None)
        if main is None or main.speaker is None:
            return frames
        outlet = next((e for e in span_ents(sent) if e.label_ == "ORG" and e.end <= main.cue_tokens[0].i
                       and self.is_outlet_like(e.root)), None)
        if outlet is None:
            return frames
        start = words[0].i + 1
        for i in range(start, min(start + 3, outlet.start)):
            if sent.doc[i].lower_ in ("from", "by", "of"):
                start = i + 1
        end = outlet.start
        while end > start and (sent.doc[end - 1].is_punct or sent.doc[end - 1].dep_ == "det"):
            end -= 1
        if end <= start:
            return frames
        cue = [words[0]] + [t for t in sent.doc[words[0].i + 1: start] if not t.is_punct] + list(main.cue_tokens)
        main.cue_tokens = cue
        main.speaker = sent.doc[start:end]
        main.relays = [outlet]
        return frames

    def _perspective_frame(self, sent: Span, quotes: list[Quote], frames: list[Frame]) -> list[Frame]:
        """'For X, <clause>' at the start of a sentence: X's view (not inside a quote)."""
        first = next((t for t in sent if not t.is_punct and not t.is_space), None)
        if first is None or not self.lexicon.has("PerspectiveFrame", first.lower_) or any(q.contains(first.idx) for q in quotes):
            return []
        source = next((c for c in first.children if c.dep_ == "pobj"), None)
        after = source.doc[source.right_edge.i + 1] if source is not None and source.right_edge.i + 1 < len(source.doc) else None
        if source is None or after is None or after.text != "," or not self.is_source_like(source):
            return []
        if any(f.speaker is not None and f.speaker.start <= source.i < f.speaker.end for f in frames):
            return []
        content = [t for t in sent if t.i > after.i and not t.is_punct]
        return [Frame([first], self.mention(source), content, "perspective")] if content else []

    # -- nouns ------------------------------------------------------------
    def _reports_that(self, noun: Token) -> Frame | None:
        """'Shares rose following reports it is to be bought by a rival': unnamed reports with a clause of their own
        are the speaker of what they say (owned or cited reports are left to the other frames)."""
        if not self.lexicon.has("ReportNoun", noun.lemma_.lower()) or noun.dep_ in _SUBJECT_DEPS \
                or any(c.dep_ == "prep" and c.lower_ in ("by", "from", "in", "of") for c in noun.children):
            return None  # a report as the subject of a verb is read through the verb; 'a report by X' elsewhere
        clause = next((c for c in noun.children if c.dep_ in ("relcl", "acl", "ccomp") and c.pos_ in ("VERB", "AUX")
                       and any(g.dep_ in _SUBJECT_DEPS and g.lower_ not in _RELATIVE_PRONOUNS for g in c.children)), None)
        if clause is None:
            return None
        # "a Northern Ledger report that ...": the named owner speaks; unnamed plural reports speak for themselves
        owner = next((c for c in noun.children if c.dep_ in ("poss", "compound") and c.pos_ == "PROPN"
                      and self.is_actor_like(c)), None)
        if owner is None and (noun.tag_ != "NNS" or any(c.dep_ == "poss" for c in noun.children)):
            return None
        speaker = self.mention(owner) if owner is not None else noun.doc[noun.i: noun.i + 1]
        return Frame([noun], speaker, list(clause.subtree), "noun", None)

    def _offered_by(self, noun: Token) -> Token | None:
        """The named maker of an offer or proposal: 'an offer from X' (a named person or organisation only)."""
        if not self.lexicon.has("NonSource", noun.lemma_.lower()):
            return None  # only document-like nouns (offer, proposal, plan) are made by someone 'from' somewhere
        maker = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"
                      for g in c.children if g.dep_ == "pobj"), None)
        return maker if maker is not None and maker.ent_type_ in ("PERSON", "ORG") else None

    def _noun_frame(self, tok: Token, sent: Span) -> Frame | None:
        reports = self._reports_that(tok)
        if reports is not None:
            return reports
        if tok.pos_ not in ("NOUN",) or not self.lexicon.lookup("CueNoun", tok.lemma_.lower()):
            return None
        entry = self.lexicon.lookup("CueNoun", tok.lemma_.lower())[0]
        complements = [c for c in tok.children if c.dep_ in ("prep", "acl", "ccomp", "relcl", "xcomp")
                       and not (c.dep_ == "prep" and c.lower_ in ("in", "at", "during", "since", "after", "before", "through"))]
        source = self._offered_by(tok)
        if source is not None:
            # "a takeover offer from retail tycoon Philip Green": the proposal is its maker's stance
            cue = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i and not c.like_num] + [tok]
            what = [t for t in tok.subtree if t.i < tok.i and t.dep_ not in ("det",)] + [tok]
            return Frame(sorted(cue, key=lambda t: t.i), self.mention(source), what, "noun", entry)
        content = _up_to_comma([t for c in complements for t in c.subtree])
        if not content:
            return None
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is not None and (self.is_actor_like(owner) or owner.lower_ in ("his", "her", "their")):
            cue = [c for c in tok.children if c.dep_ == "amod" and c.i < tok.i] + [tok]
            cue += [c for c in tok.children if c.dep_ == "prep" and c.i == tok.i + 1 and c.lower_ in ("on", "in", "about")]
            return Frame(sorted(cue, key=lambda t: t.i), self.mention(owner), content, "noun", entry)
        if self.lexicon.lookup("SignalNoun", tok.lemma_.lower()):
            clause = next((c for c in tok.children if c.dep_ in ("acl", "relcl", "ccomp")
                           and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
            sender = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS), None) if clause is not None else None
            if sender is not None and self.is_actor_like(sender) and sender.ent_type_ in ("PERSON", "ORG", "GPE"):
                receiver = next((c for c in tok.head.children if c.dep_ in _SUBJECT_DEPS), None) if tok.dep_ == "dobj" else None
                frame = Frame([tok], self.mention(sender), [t for t in clause.subtree], "signal", entry)
                frame.addressee = self.mention(receiver) if receiver is not None and self.is_actor_like(receiver) else None
                return frame
        return None

    # -- hedge adverbs ------------------------------------------------------
    def _hedge_frame(self, tok: Token, sent: Span) -> Frame | None:
        """'X reportedly/allegedly <verb>': the actor's position, reported by someone unnamed."""
        if tok.lower_ not in ("reportedly", "allegedly", "purportedly") or tok.dep_ != "advmod":
            return None
        verb = tok.head
        predicate = None
        if verb.dep_ in ("acomp", "attr", "xcomp", "oprd") and verb.i != verb.head.i:
            # "he is reportedly inclined to ...": the adverb sits on the predicate
            predicate, verb = verb, verb.head
        if self._verb_entry(verb)[0] is not None:
            return None  # the verb itself is a cue: the verb rule takes it
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None or not self.is_actor_like(subject):
            return None
        predicate = predicate or next((c for c in verb.children if c.dep_ in ("acomp", "attr", "xcomp")), None)
        cue = [tok, predicate if predicate is not None and predicate.i > tok.i else verb]
        scope = predicate.subtree if predicate is not None else verb.subtree
        content = [t for t in scope if t.i not in range(subject.left_edge.i, subject.right_edge.i + 1) and t.i != tok.i]
        return Frame(cue, self.mention(subject), content, "hedge")

    @staticmethod
    def _author_of(source: Token) -> Token:
        """'a memoir published by X', 'a report from X': the document's author is the source."""
        for tok in source.subtree:
            if tok.head.lemma_ in ("see", "obtain", "review", "read") and tok.dep_ == "agent":
                continue  # 'a document seen by Reuters': the outlet saw it, it did not write it
            if tok.dep_ in ("agent", "prep") and tok.lower_ in ("by", "from") and tok.head.i in {source.i} | {c.i for c in source.children}:
                author = next((c for c in tok.children if c.dep_ == "pobj"), None)
                if author is not None and author.pos_ in ("PROPN", "NOUN"):
                    return author
        return source

    def _attitude_frame(self, tok: Token) -> Frame | None:
        """'Western diplomats were skeptical', 'Several justices appeared skeptical of the case'."""
        if tok.dep_ != "acomp" or not self.lexicon.has("AttitudeAdjective", tok.lemma_.lower()):
            return None
        if any(q.contains(tok.idx) for q in self._quotes):
            return None
        verb = tok.head
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None or not self.is_actor_like(subject) or subject.pos_ == "PRON" and subject.lower_ == "it":
            return None  # "the reaction was cautious": an attitude needs someone to hold it
        cue = [t for t in verb.doc[verb.i: tok.i + 1] if t.dep_ not in ("neg",) and not t.is_punct]
        content = [t for c in tok.children for t in c.subtree] or [tok]
        return Frame(cue, self.mention(subject), content, "attitude")

    # -- non-statements -----------------------------------------------------
    def _non_statement_tokens(self, sent: Span) -> set[int]:
        """Tokens of 'declined to comment', 'did not respond' ... : never a cue."""
        blocked: set[int] = set()
        tokens = [t for t in span_tokens(sent) if not t.is_punct]
        heads = self.lexicon.heads("NonStatement")
        for i, tok in enumerate(tokens):
            lemma, lower = tok.lemma_.lower(), tok.lower_
            if lemma not in heads and lower not in heads:
                continue
            for entry in self.lexicon.lookup("NonStatement", lemma) + self.lexicon.lookup("NonStatement", lower):
                words, j, matched = list(entry.rest), i + 1, [tok]
                while words and j < len(tokens) and j - i <= len(entry.rest) + 2:
                    if any(t.text in _CLAUSE_BREAKS for t in sent.doc[tok.i + 1: tokens[j].i]):
                        break  # "who declined to be named, said ...": the next clause is not part of it
                    if tokens[j].lemma_.lower() == words[0] or tokens[j].lower_ == words[0]:
                        matched.append(tokens[j])
                        words.pop(0)
                    j += 1
                if not words:
                    blocked.update(m.i for m in matched)
        return blocked

    # -- merging ------------------------------------------------------------
    def _merge(self, frames: list[Frame]) -> list[Frame]:
        """Fold a pronoun's belief into the statement around it ('said he believes'), and drop what only
        restates another frame.

        A participial cue of the same speaker (", saying ...", ", adding that ...", ", insisting ...") is a
        proposition of its own and stays a statement of its own, unless it only passes on someone else's
        message ("told X, relaying a message ...")."""
        frames = self._fold_beliefs(frames)
        frames = self._cited_through(frames)
        frames = [f for f in frames if not self._subsumed(f, frames)]
        kept: list[Frame] = []
        for frame in sorted(frames, key=lambda f: f.cue_tokens[0].i):
            relays_message = any(c.dep_ == "dobj" and self.lexicon.lookup("SignalNoun", c.lemma_.lower())
                                 for c in frame.cue_tokens[0].children)
            if relays_message and any(self._continues(m, frame) for m in kept):
                continue
            kept.append(frame)
        return kept

    @staticmethod
    def _cited_through(frames: list[Frame]) -> list[Frame]:
        """'..., according to a report by the Ledger, citing two aides': the aides are the deepest source and
        the Ledger carried their words; one statement, not two."""
        according = next((f for f in frames if f.kind == "prep" and f.cue_tokens[0].lower_ == "according"), None)
        citing = next((f for f in frames if f.kind == "prep" and f.cue_tokens[0].lower_ in ("citing", "quoting")
                       and according is not None and f.cue_tokens[0].i > according.cue_tokens[0].i), None)
        if according is None or citing is None or according.speaker is None:
            return frames
        cited_words = {t.i for t in citing.cue_tokens[0].subtree}
        merged = Frame(sorted([*according.cue_tokens, *citing.cue_tokens], key=lambda t: t.i), citing.speaker,
                       [t for t in according.content if t.i not in cited_words], "prep", according.entry,
                       relays=[according.speaker])
        return [merged if f is according else f for f in frames if f is not citing]

    def _subsumed(self, frame: Frame, frames: list[Frame]) -> bool:
        """An attitude inside another statement's content, or a 'citing' frame another frame already credits."""
        others = [f for f in frames if f is not frame]
        if frame.kind == "attitude":
            return any(frame.cue_tokens[0].i in {t.i for t in f.content} for f in others)
        if frame.kind == "noun" and frame.speaker is not None and frame.speaker[0].pos_ == "PRON":
            # "X conveyed ... his openness to a ceasefire": the noun restates X's own statement
            return any(frame.cue_tokens[-1].i in {t.i for t in f.content} for f in others)
        if frame.kind == "prep" and frame.cue_tokens[0].lower_ == "according" and any(
                f.kind == "verb" and f.speaker is not None and frame.cue_tokens[0].i > f.cue_tokens[0].i
                and any(q.contains(t.idx) for t in f.content for q in self._quotes) for f in others):
            # '“...,” he said, according to the army': the army relayed his words
            for f in others:
                if f.kind == "verb" and not f.relays:
                    f.relays = [frame.speaker]
            return True
        if frame.kind == "prep" and frame.cue_tokens[0].lower_ in ("citing", "quoting") and frame.speaker is not None:
            return any(f.speaker is not None and (f.speaker.start, f.speaker.end) == (frame.speaker.start, frame.speaker.end)
                       for f in others)
        return False

    def _fold_beliefs(self, frames: list[Frame]) -> list[Frame]:
        kept = []
        for frame in frames:
            is_belief = frame.entry is not None and frame.entry.kind == "CognitionVerb"
            pronoun = frame.speaker is not None and (len(frame.speaker) == 1 and frame.speaker[0].pos_ == "PRON"
                                                     or frame.speaker.root.ent_type_ in ("GPE", "ORG"))
            # an outlet that reports a belief ("X considered that ..., AFP reported") only carried it
            others = [f for f in frames if f is not frame and f.speaker is not None and not (len(f.speaker) == 1 and f.speaker[0].pos_ == "PRON")
                      and not self.is_outlet_like(f.speaker.root)]
            if is_belief and pronoun and others:
                host = next((f for f in others if frame.cue_tokens[0].i in {t.i for t in f.content}), None)
                if host is not None and frame.entry.hedges:
                    host.hedged_by_fold = True
                continue
            if self._own_stance_restated(frame, frames):
                continue
            kept.append(frame)
        return kept

    @staticmethod
    def _own_stance_restated(frame: Frame, frames: list[Frame]) -> bool:
        """'He said that he supported removing the hurdles': the speaker's own stance inside their own words
        is what they said, not a second statement."""
        if frame.entry is None or not frame.entry.expresses_stance or frame.speaker is None or len(frame.speaker) != 1 \
                or frame.speaker[0].pos_ != "PRON":
            return False
        pronoun = frame.speaker[0].lower_
        for host in frames:
            cue = frame.cue_tokens[0]
            if host is frame or host.speaker is None or cue.i not in {t.i for t in host.content} \
                    or cue.head in host.cue_tokens and cue.dep_ in _PARTICIPLE_LINK_DEPS \
                    or cue.tag_ == "VBG" and cue.doc[cue.i - 1].text == ",":
                continue  # a participle on the host's cue (", calling them ...") is a proposition of its own
            said_by = host.speaker[0].lower_ if len(host.speaker) == 1 else None
            named_person = host.speaker.root.ent_type_ == "PERSON" or host.speaker.root.pos_ == "PROPN"
            if said_by == pronoun or said_by is None and named_person and pronoun in ("he", "she"):
                return True
        return False

    @staticmethod
    def _continues(host: Frame, frame: Frame) -> bool:
        if host.speaker is None or frame.speaker is None or (host.speaker.start, host.speaker.end) != (frame.speaker.start, frame.speaker.end):
            return False
        cue = frame.cue_tokens[0]
        host_cue = host.cue_tokens[0]
        if cue.i in {t.i for t in host.content}:
            return False
        if cue.dep_ == "conj" and cue.tag_ != "VBG":
            return False
        return cue.dep_ in _PARTICIPLE_LINK_DEPS and cue.head.i in {t.i for t in host.cue_tokens} | {host_cue.head.i}

    # -- mentions -------------------------------------------------------------
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
        cut = {t.i for c in tok.children if c.dep_ in ("relcl", "acl") and not self._keep_clause(c) for t in c.subtree}
        cut |= {t.i for t in tok.subtree if t.i > tok.i and t.dep_ == "punct" and t.text in ("(", ")", "“", "”", '"', "–", "—")}
        cut |= {t.i for c in tok.children if c.dep_ in ("advcl", "ccomp", "punct") and c.i > tok.i and c.text not in (",",) for t in c.subtree}
        cut |= {t.i for c in tok.children if c.lemma_.lower() in ("cite", "quote") for t in c.subtree}
        cut |= {t.i for c in tok.subtree if c.dep_ in ("relcl", "acl") and c.i != tok.i and not self._keep_clause(c) for t in c.subtree}
        cut |= {t.i for c in tok.children if c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children)
                for t in c.subtree}
        cut |= {t.i for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBG" and self._verb_entry(c)[0] is not None
                for t in c.subtree}
        kept = {t.i for t in tok.subtree if t.i not in cut}
        start, end = tok.i, tok.i + 1
        while start - 1 in kept:
            start -= 1
        while end in kept:
            end += 1
        while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc" or doc[start].lower_ in ("but", "and")):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space
                               or doc[end - 1].dep_ in ("cc", "case") and doc[end - 1].ent_iob_ != "I"):
            end -= 1  # but "Moody's" keeps its 's
        if end <= start:
            return None
        return _with_fronted_name(doc, start), end

    def _keep_clause(self, clause: Token) -> bool:
        if clause.dep_ == "relcl" and any(t.lemma_.lower() in ("anonymity", "name", "identify") for t in clause.subtree):
            return False  # "who spoke on condition of anonymity" says nothing about who the source is
        return self._restrictive(clause)

    @staticmethod
    def _restrictive(clause: Token) -> bool:
        # A restrictive clause names the source ("two senators who attended", "people briefed on
        # the talks"); a clause set off by a comma only describes it.
        before = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
        words = list(clause.subtree)
        comma = next((i for i, t in enumerate(words) if t.text == "," and t.i > clause.i), len(words))
        return not (before is not None and before.text == ",") and comma <= 8

    def is_actor_like(self, tok: Token) -> bool:
        """Whether a token can head a mention of a speaker."""
        if tok.lower_ in _PERSONAL_PRONOUNS or tok.ent_type_ in _ACTOR_ENTS - {"NORP"}:
            return True
        if tok.lower_ in _PARTITIVES or tok.like_num:
            # "one of the former officials", "another of the five engineers", "two of the analysts"
            return any(c.lower_ == "of" and any(self.is_source_like(g) or g.lower_ in ("them", "us", "those", "these")
                                                or g.tag_ in ("NNS", "NNPS") and self._could_speak(g)
                                                for g in c.children) for c in tok.children)
        return self.is_source_like(tok) or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL"))

    def _owner_of_document(self, tok: Token) -> Token:
        """'a Kremlin statement said', 'the ministry's letter warned': the owner speaks."""
        if not self.lexicon.has("NonSource", tok.lemma_.lower()):
            return tok
        owner = next((c for c in tok.children if c.dep_ in ("poss", "compound") and self.is_actor_like(c)), None)
        if owner is None:  # 'a statement released by X said', 'a letter from X warned'
            author = self._author_of(tok)
            owner = author if author is not tok and self.is_actor_like(author) else None
        return owner if owner is not None else tok

    def _could_speak(self, tok: Token) -> bool:
        """A common noun heading the subject of a true speech verb: a speaker unless the lexicon says it cannot be."""
        return tok.pos_ in ("NOUN", "PROPN") and not self.lexicon.has("NonSource", tok.lemma_.lower())

    def is_source_like(self, tok: Token) -> bool:
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
        from .actors import normalise

        return span is not None and normalise(span.text) in self.outlet_names

