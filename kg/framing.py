"""Turning attribution frames into Statements: evidence, quote kind, hedging, kind, nesting."""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span, Token

from .doccache import doc_text, head_indices, sentence_of, span_text
from .attribution import Frame
from .lexicon import Lexicon
from .positions import disowned
from .quotes import Quote
from .statements import Anchors, Statement, StatementId

_TENTATIVE_ADJ = {"possible", "likely", "unlikely", "probable", "expected"}


class StatementBuilder:
    """Decide the frame-level attributes of each statement from the parse and the lexicon.

    :param lexicon: hedges and stance markers come from here.
    :param medium_phrase: ``(doc, cue token) -> phrase or None``, the medium right after a cue ('said in a voice
        message'), which belongs to the cue (kg.channels.ChannelFinder.medium_phrase).
    """

    def __init__(self, lexicon: Lexicon, medium_phrase: Callable[[Doc, Token], str | None] | None = None) -> None:
        self.lexicon = lexicon
        self.medium_phrase = medium_phrase

    def build(self, doc: Doc, sent: Span, frame: Frame, quotes: list[Quote]) -> tuple[Statement, Anchors]:
        """Make a Statement of one frame found in ``sent``, with its anchors in the parse."""
        content = [t for t in frame.content if not t.is_space]
        start, end = _trimmed(sent)
        cue_parts = _with_auxiliaries(frame)
        cue_text = _join_parts(doc, cue_parts)
        cue_rules = [*frame.cue_rules, *(["cue/auxiliaries"] if len(cue_parts) > len(frame.cue_tokens) else [])]
        medium = self.medium_phrase(doc, frame.cue_tokens[0]) if self.medium_phrase is not None else None
        if medium and cue_text and not cue_text.endswith(medium):
            cue_text, cue_rules = f"{cue_text} {medium}", [*cue_rules, "cue/medium-phrase"]
        breaks_quote = frame.speaker is not None and frame.speaker.start > frame.cue_tokens[0].i
        # "“...” – writes the newspaper – “...”": a cue that breaks a quote names the quote's own speaker
        inside_quote = any(q.contains(frame.cue_tokens[0].idx) for q in quotes) and not breaks_quote
        statement = Statement(
            start=start,
            end=end,
            evidence=doc_text(doc)[start:end],
            speaker=frame.speaker.text if frame.speaker is not None else None,
            speaker_start=frame.speaker.start_char if frame.speaker is not None else None,
            speaker_end=frame.speaker.end_char if frame.speaker is not None else None,
            cue=cue_text,
            content=_text_of(doc, content),
            content_start=content[0].idx if content else None,
            content_end=content[-1].idx + len(content[-1]) if content else None,
            quote_kind=self.quote_kind(frame, content, quotes, inside_quote),
            hedged=self.hedged(frame, content),
            rules={"frame": list(frame.rules), "cue": cue_rules},
        )
        speaker_span = (statement.speaker_start, statement.speaker_end) if frame.speaker is not None else None
        content_span = (statement.content_start, statement.content_end) if content else None
        statement.id = StatementId(start, end, frame.cue_tokens[0].idx, speaker_span, content_span)
        kind, kind_rule = self.decide_kind(content, frame)
        return statement, Anchors(
            cue_token=frame.cue_tokens[0].i,
            speaker_token=frame.speaker.root.i if frame.speaker is not None else None,
            content_tokens=frozenset(t.i for t in content),
            in_quote_of_other=inside_quote,
            relay_spans=[(r.start_char, r.end_char) for r in frame.relays or []],
            frame_kind=kind, kind_rules=[kind_rule], speaker_rules=list(frame.speaker_rules),
            addressee=frame.addressee.text if frame.addressee is not None else None)

    def continued_quote(self, doc: Doc, sent: Span) -> tuple[Statement, Anchors]:
        """A sentence that only continues a quotation: no speaker, no cue."""
        start, end = _trimmed(sent)
        words = [t for t in sent if not t.is_punct and not t.is_space]
        statement = Statement(start=start, end=end, evidence=doc_text(doc)[start:end], speaker=None, cue=None,
                              content=_text_of(doc, words), quote_kind="direct",
                              content_start=words[0].idx if words else start,
                              content_end=words[-1].idx + len(words[-1]) if words else end,
                              rules={"frame": ["continued-quote"]})
        statement.hedged = self.hedged(None, words)
        kind, kind_rule = self.decide_kind(words)
        return statement, Anchors(content_tokens=frozenset(t.i for t in words), frame_kind=kind, kind_rules=[kind_rule])

    # -- attributes ---------------------------------------------------------
    @staticmethod
    def quote_kind(frame: Frame, content: list[Token], quotes: list[Quote], inside_quote: bool) -> str:
        words = [t for t in content if not t.is_punct]
        if not words:
            return "indirect"
        quoted = [t for t in words if any(q.contains(t.idx) for q in quotes)]
        if inside_quote:
            # Words quoted from someone else's text: only a quote within the quote is this speaker's.
            return "indirect"
        if not quoted:
            return "indirect"
        complementiser = any(t.lower_ == "that" and t.dep_ == "mark" and not any(q.contains(t.idx) for q in quotes) for t in words)
        if len(quoted) >= 0.9 * len(words) and not complementiser:
            return "direct"
        return "mixed"

    def hedged(self, frame: Frame | None, content: list[Token]) -> bool:
        if frame is not None:
            if frame.entry is not None and frame.entry.hedges:
                return True
            if frame.kind == "hedge" or frame.hedged_by_fold:
                return True
            for cue in frame.cue_tokens:
                if any(self._hedge_word(c) for c in cue.children if c.dep_ in ("advmod", "aux")):
                    return True
                if cue.head.lemma_ in ("appear", "seem") and cue.dep_ == "xcomp":
                    return True  # "appeared to rule out"
            if _impersonal_report(frame.cue_tokens[0]):
                return True  # "It was reported that X had asked ..."
        return any(self._tentative(root) for root in _clause_roots(content))

    def _hedge_word(self, tok: Token) -> bool:
        return self.lexicon.has("Hedge", tok.lower_) and tok.lower_ not in ("could", "would", "can")

    def _tentative(self, root: Token) -> bool:
        """The main proposition is tentative: 'may change', 'is expected to', 'appears to'."""
        for child in root.children:
            if child.dep_ in ("aux", "advmod") and self.lexicon.has("Hedge", child.lower_) and child.lower_ not in ("could", "would", "can"):
                return True
        if root.lemma_ in ("expect", "appear", "seem") and any(c.dep_ in ("xcomp", "ccomp") for c in root.children):
            return True
        if root.lemma_ == "be" and any(c.dep_ == "acomp" and c.lower_ in _TENTATIVE_ADJ for c in root.children):
            return True
        return False

    def kind(self, content: list[Token], frame: Frame | None = None) -> str:
        """Stance when the cue takes a position or the proposition carries a will or a verdict; claim otherwise.

        The clause's structure decides, with the lexicon's words: a stance cue ("vow", "accuse"), a stance
        marker or evaluative word on the predicate ("willing", "unacceptable", "fake", "must"), an agent's
        refusal ("will not sign") or announced will ("we will retaliate") make a stance; an agent's plan with
        a date ("will host the talks next month"), a plan announced ("announced he would quit") and a negated
        past event ("has not received any complaint") stay claims.
        """
        return self.decide_kind(content, frame)[0]

    def decide_kind(self, content: list[Token], frame: Frame | None = None) -> tuple[str, str]:
        """The kind (see :meth:`kind`) and the id of the rule that decided it."""
        cue = frame.cue_tokens[0] if frame is not None and frame.cue_tokens else None
        if frame is not None and frame.entry is not None and frame.entry.expresses_stance:
            return "stance", "kind/stance-cue"
        if cue is not None and self._is(cue, "StanceCue"):
            return "stance", "kind/stance-cue"
        roots = self._reported_roots(_clause_roots(content))
        announced = cue is not None and self._is(cue, "AnnouncementCue")
        if announced and roots and all(root.pos_ == "NOUN" for root in roots):
            return "claim", "kind/announced-plan"  # "announced plans to buy ...": the plan is the news
        if any(self._marked(root) for root in roots):
            return "stance", "kind/stance-marker"
        for root in roots:
            if self._volition(root, announced):
                return "stance", "kind/agent-will"
        return "claim", "kind/reported-fact"

    def claim_structure(self, content: list[Token], cue: Token | None = None) -> bool:
        """The clause reads as a reported event or plan whatever its words: a plan announced, an agent's
        plan with a date, a negated past event. Such a statement stays a claim even when its words meet a
        position concept ("Negotiators will resume talks on Wednesday")."""
        roots = _clause_roots(content)
        if any(self._marked(root) for root in roots):
            return False
        if cue is not None and self._is(cue, "AnnouncementCue"):
            return True
        for root in roots:
            subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
            if subject is None or not self._agent(subject):
                continue
            negated = any(c.dep_ == "neg" for c in root.children)
            if negated and _past_event(root):
                return True
            if _future(root) and not negated and _dated(root):
                return True
        for root in roots:
            if _future(root) and _dated(root) and not any(c.dep_ == "neg" for c in root.children):
                return True  # "talks would resume on Wednesday": a schedule, whoever acts
            if self._tentative(root) and any(c.dep_ == "xcomp" and _dated(c) for c in root.children):
                return True  # "the leaders are expected to meet again in July"
        return False

    def _reported_roots(self, roots: list[Token]) -> list[Token]:
        """The clause roots, and the roots of what a reporting verb among them reports ("Xi underscored that
        this was the most dangerous issue"): the stance of a reported speaker is what the statement carries."""
        out = list(roots)
        for root in roots:
            if self.lexicon.lookup("SpeechVerb", root.lemma_.lower()) or self.lexicon.lookup("CognitionVerb", root.lemma_.lower()):
                out += [c for c in root.children if c.dep_ == "ccomp"]
        return out

    def _is(self, tok: Token, kind: str) -> bool:
        lemma = tok.lemma_.lower()
        particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
        return self.lexicon.has(kind, lemma) or (particle is not None and self.lexicon.has(kind, f"{lemma} {particle}"))

    def _marked(self, root: Token) -> bool:
        """Stance markers and evaluative words on the clause's predicate ('is willing', 'must', 'was fake',
        'is sceptical'), and the stance structures of kg:PositionNoun, kg:DecisionWord, a judgement and a
        speech act or opinion in the first person."""
        return any(self._marks(tok, root) for tok in _predicate_words(root)) or self._position_unchanged(root) \
            or self._undecided(root) or _disowns(root) or self._judgement(root) \
            or self._first_person_act(root)

    def _marks(self, tok: Token, root: Token) -> bool:
        """One word near the predicate marks a stance. What the clause is about does not, except "has no
        intention", "saw no need", "the aim was"; a verb whose lemma is an attitude adjective ("opened an
        inquiry") marks nothing."""
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and tok.i != root.i \
                and not (tok.dep_ == "dobj" and root.lemma_ in ("have", "see")) \
                and not (tok.dep_ in ("pobj", "nsubj") and root.lemma_ in ("be", "remain") and tok.pos_ == "NOUN"):
            return False
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and self.lexicon.has("AttitudeAdjective", lemma) and tok.lower_ != lemma:
            return False
        if any(self.lexicon.has(kind, form) for form in _forms(tok)
               for kind in ("StanceMarker", "EvaluativeWord", "FalsityWord")):
            return True
        return tok.dep_ in ("acomp", "attr", "oprd") and self.lexicon.has("AttitudeAdjective", lemma)

    def _judgement(self, root: Token) -> bool:
        """"it regarded the offer period as still open", "viewed the case as discrimination"."""
        return any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in root.children) and any(
            e.expresses_stance for kind in ("SpeechVerb", "CognitionVerb") for e in self.lexicon.lookup(kind, root.lemma_.lower()))

    def _first_person_act(self, root: Token) -> bool:
        """A speech act or an opinion in the first person: "I appeal to ...", "we urge ...", "I think ..."."""
        if not any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in root.children):
            return False
        return self._opinion(root) or self._is(root, "StanceCue") or any(
            e.expresses_stance for e in self.lexicon.lookup("SpeechVerb", root.lemma_.lower()))

    def _opinion(self, root: Token) -> bool:
        """"I think it is time for him to go": an opinion verb in the first person, unless what follows is a
        forecast ("I think they cut rates in November", "we believe talks will resume")."""
        if not self.lexicon.lookup("CognitionVerb", root.lemma_.lower()):
            return False
        opinions = [c for c in root.children if c.dep_ == "ccomp"]
        return bool(opinions) and not any(_future(c) or _dated(c) for c in opinions)

    def _undecided(self, root: Token) -> bool:
        """An actor's own open position: "she has not decided whether to run", "the board has made no
        decision yet". Without an agent ("no decision has been made") it reports a state of affairs."""
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or not self._agent(subject):
            return False
        objects = [c for c in root.children if c.dep_ == "dobj" and self.lexicon.has("DecisionWord", c.lemma_.lower())]
        negated = any(c.dep_ == "neg" for c in root.children) or any(
            d.dep_ == "det" and d.lower_ == "no" for o in objects for d in o.children)
        return negated and (self.lexicon.has("DecisionWord", root.lemma_.lower()) or bool(objects))

    def _position_unchanged(self, root: Token) -> bool:
        """A held position restated: "our policy has not changed", "this does not change the approach",
        "his stance remains unchanged"."""
        nouns = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                 and self.lexicon.has("PositionNoun", c.lemma_.lower())]
        if not nouns:
            return False
        negated = any(c.dep_ == "neg" for c in root.children)
        if root.lemma_ in ("change", "alter", "shift") and negated:
            return True
        return root.lemma_ in ("remain", "stay", "be") and any(
            c.dep_ == "acomp" and c.lower_ in ("unchanged", "unaltered") for c in root.children)

    def _volition(self, root: Token, announced: bool = False) -> bool:
        """An agent's will: a refusal ('will not retreat', 'cannot accept'), a threat or an offer ('could end the
        strike if wages rise') or an announced will ('we will retaliate'), unless it is a plan with a date, a plan
        announced or a forecast of what happens to someone."""
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is None:
            return _imperative(root)  # "Get in a room and stay there until it's done"
        if subject.dep_ == "expl":
            return _future(root) and _denied_existence(root)  # "there will be no truce"
        if not self._agent(subject):
            return False
        if any(c.dep_ == "neg" for c in root.children) and root.lemma_ not in ("be",):
            # a refusal: "will not sign", "cannot accept", "I am not signing off on that"
            return _modal(root, ability=False) or subject.lower_ in ("i", "we") and not _past_event(root)
        undergoes = self.lexicon.has("UndergoerVerb", root.lemma_.lower())
        if _modal(root) and _conditional(root) and not announced and subject.dep_ == "nsubj" \
                and root.lemma_ != "be" and not undergoes:
            return True  # a threat or an offer: "could move to sanctions if talks stall", "will sign if ..."
        if undergoes:
            return False  # "the premier will get a clean chit", "they will face trial": what happens to them
        return self._announced_will(root, subject, announced)

    def _announced_will(self, root: Token, subject: Token, announced: bool) -> bool:
        """'we will retaliate', 'the company said it would appeal', 'we are going to win': not a date's plan,
        not a plan announced, not a prediction about a bare noun ("investors would read it")."""
        going_to = root.lemma_ == "go" and any(c.dep_ == "xcomp" for c in root.children)
        if not (_future(root) or going_to) or announced:
            return False
        if subject.pos_ == "NOUN" and not any(c.dep_ == "poss" for c in subject.children) \
                and not self.lexicon.has("OrganizationAnaphor", subject.lemma_.lower()):
            return False  # "the prime minister would get a clean chit", "investors would read it": a prediction
        return not _dated(root)

    def _agent(self, tok: Token) -> bool:
        """Someone who can intend: a person, organisation, state, or a pronoun for one."""
        if tok.lower_ in ("i", "we", "he", "she", "they", "it", "you"):
            return True
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        lemma = tok.lemma_.lower()
        return self.lexicon.has("SourceNoun", lemma) or self.lexicon.has("RoleNoun", lemma) or (
            tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "MONEY", "CARDINAL"))



_FUTURE = ("will", "'ll", "wo", "shall", "would")


def _disowns(root: Token) -> bool:
    """"had nothing to do with the leak": the clause's object or attribute heads the denial idiom."""
    return any(c.dep_ in ("dobj", "attr") and disowned(c) is not None for c in root.children)


def _imperative(root: Token) -> bool:
    """A bare verb opening its clause with no subject or auxiliary: "Sit down and stay at the table"."""
    return root.tag_ == "VB" and root.dep_ in ("ROOT", "ccomp") and not any(
        c.dep_ in ("aux", "mark") for c in root.children) and (root.i == root.sent.start or root.doc[root.i - 1].is_punct)


def _predicate_words(root: Token) -> list[Token]:
    """The clause's predicate and the words around it that may mark a stance."""
    near = [root, *root.children, *(g for c in root.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd") for g in c.children)]
    near += [c for t in near if t.dep_ in ("acomp", "attr", "oprd") for c in t.conjuncts]
    if root.lemma_ in ("be", "remain"):  # "was in no hurry", "the priority remained growth"
        near += [g for c in root.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return near


def _forms(tok: Token) -> set[str]:
    """The lemma and written form of a word, and for a past form the stem the lemmatiser may miss
    ("hoped" is lemmatised "hop")."""
    lower = tok.lower_
    forms = {tok.lemma_.lower(), lower}
    if tok.tag_ in ("VBD", "VBN") and lower.endswith("ed"):
        forms |= {lower[:-1], lower[:-2]}
    return forms


def _conditional(root: Token) -> bool:
    """The clause holds under a condition: "... if talks stall", "... unless wages rise"."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
               for c in root.children)


def _future(root: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _FUTURE for c in root.children)


def _denied_existence(root: Token) -> bool:
    """'there will be no truce': the thing said to exist is negated."""
    return any(c.dep_ == "neg" for c in root.children) or any(
        c.dep_ in ("attr", "nsubj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in root.children)


def _modal(root: Token, ability: bool = True) -> bool:
    """A will or a verdict, not a past event: 'will not', 'would not', 'must not', and with ``ability``
    'cannot' ('could not find any evidence' says what was possible, not what anyone wants)."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" and (ability or c.lemma_.lower() not in ("can", "could", "ca"))
               for c in root.children)


def _past_event(root: Token) -> bool:
    """'did not attend', 'has not received', 'had not been told': an event that did not happen (a state with
    'be' or a habit with 'does' is not one)."""
    if root.lemma_ == "be" or _modal(root):
        return False
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ in ("do", "have") and c.tag_ in ("VBD", "VBZ", "VBP")
               and (c.lemma_ == "have" or c.tag_ == "VBD") for c in root.children)


def _dated(root: Token) -> bool:
    """The clause names when it happens ('next month', 'on Wednesday'): a schedule, not a position.
    Dates in a clause below it ("after the vote on Friday") do not count."""
    for tok in root.subtree:
        if tok.ent_type_ not in ("DATE", "TIME"):
            continue
        head = tok
        while head.i != root.i and head.dep_ not in ("advcl", "ccomp", "relcl", "acl", "xcomp"):
            head = head.head
        if head.i == root.i:
            return True
    return False


def _impersonal_report(cue: Token) -> bool:
    """The cue sits in the clause of 'it was reported/said/alleged that ...', which hedges it."""
    head = cue
    while head.dep_ not in ("ROOT",) and head.head.i != head.i:
        head = head.head
        if head.tag_ == "VBN" and any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in head.children) \
                and any(c.dep_ == "auxpass" for c in head.children):
            return True
    return False


def _with_auxiliaries(frame: Frame) -> list[Token]:
    """'have said', 'has reportedly conveyed': perfect auxiliaries and adverbs that lead into the verb."""
    if frame.kind != "verb":
        return frame.cue_tokens
    head = frame.cue_tokens[0]
    lead = []
    i = head.i - 1
    while i >= sentence_of(head).start and head.doc[i].head.i == head.i and head.doc[i].dep_ in ("aux", "advmod") \
            and head.doc[i].lower_ not in ("not", "n't", "also", "then", "however"):
        lead.insert(0, head.doc[i])
        i -= 1
    if not any(t.lemma_ == "have" for t in lead):
        lead = [t for t in lead if t.dep_ == "advmod" and t.lower_ in ("reportedly", "allegedly", "apparently", "purportedly")]
    return sorted({*lead, *frame.cue_tokens}, key=lambda t: t.i)


def nest(statements: list[Statement], anchors: dict[StatementId, Anchors], doc: Doc) -> None:
    """Mark a statement reported by another when its cue lies in the other's content (by the other's id)."""
    _turn_trailing_reporters(statements, anchors, doc)
    for inner in statements:
        at = anchors[inner.id]
        if at.cue_token is None or _narrator_aside(doc[at.cue_token]):
            continue
        hosts = [outer for outer in statements if outer is not inner and _hosts(anchors[outer.id], at, doc)
                 and outer.start == inner.start]
        if hosts:
            inner.reported_by = min(hosts, key=lambda outer: len(anchors[outer.id].content_tokens)).id


def _hosts(outer: Anchors, inner: Anchors, doc: Doc) -> bool:
    """The inner cue lies in the outer content, and another speaker's cue frames it."""
    return inner.cue_token in outer.content_tokens and outer.speaker_token != inner.speaker_token \
        and inner.cue_token != outer.cue_token and not _object_of(doc[inner.cue_token], outer.cue_token)


def _object_of(cue: Token, outer_cue: int | None) -> bool:
    """'rejected a takeover offer from X': the offer is what was rejected, not something the rejecter reports."""
    while cue.dep_ in ("compound", "amod") and cue.head.i != cue.i:
        cue = cue.head  # "takeover offer": the noun the cue's first word modifies
    return cue.pos_ == "NOUN" and cue.head.i == outer_cue and cue.dep_ in ("dobj", "pobj", "nsubjpass")


def _narrator_aside(cue: Token) -> bool:
    """A cue in a relative clause, an absolute 'with X saying' or a clause joined by ', and' inside someone's words
    is the narrator's, not what that speaker reported: "he repeated the demand - conditions that Israel has rejected", "the report
    speculates that ..., with the company saying it would update shareholders"."""
    if cue.dep_ == "relcl" and not any(c.dep_ == "mark" for c in cue.children):
        return True
    if cue.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cue.children):
        cc = next((c for c in cue.head.children if c.dep_ == "cc" and c.i < cue.i), None)
        if cc is not None and cc.i > 0 and cue.doc[cc.i - 1].text == ",":
            return True  # "X said ..., and a source said ...": a sentence of its own joined by ', and'

    return cue.tag_ == "VBG" and (cue.dep_ == "pcomp" and cue.head.lower_ == "with"
                                  or cue.dep_ in ("acl", "advcl") and cue.head.dep_ == "pobj" and cue.head.head.lower_ == "with")


def _turn_trailing_reporters(statements: list[Statement], anchors: dict[StatementId, Anchors], doc: Doc) -> None:
    """'X said that ..., the agency reported.': the parser hangs the final reporting clause under the
    first verb; it is the outer frame, so its words leave the inner statement's content."""
    for statement in statements:
        trailing = anchors[statement.id]
        if trailing.cue_token is None or trailing.speaker_token is None:
            continue
        cue = doc[trailing.cue_token]
        head = cue.head.i
        host = next((anchors[s.id] for s in statements if s is not statement and anchors[s.id].cue_token == head),
                    None)
        speaker_start = doc[trailing.speaker_token].left_edge.i
        if host is None or cue.dep_ != "ccomp" or speaker_start == 0 or doc[speaker_start - 1].text != "," \
                or trailing.speaker_token < host.cue_token or any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
            continue
        own = {t.i for t in cue.subtree}
        host.content_tokens = frozenset(host.content_tokens - own)
        trailing.content_tokens = frozenset(host.content_tokens | {host.cue_token})


def _clause_roots(content: list[Token]) -> list[Token]:
    ids = {t.i for t in content}
    heads = head_indices(content[0].doc) if content else []
    roots = [t for t in content if heads[t.i] not in ids or heads[t.i] == t.i]
    return roots + [c for r in roots for c in r.conjuncts if c.i in ids]


def _trimmed(sent: Span) -> tuple[int, int]:
    text = span_text(sent)
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.start_char + len(text.rstrip())
    return start, end


def _text_of(doc: Doc, tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return doc_text(doc)[tokens[0].idx: tokens[-1].idx + len(tokens[-1])].strip(" ,–—-“”\"")


def _join_parts(doc: Doc, tokens: list[Token]) -> str:
    """Cue words as written; separate parts joined with ' ... '."""
    parts: list[list[Token]] = []
    for tok in tokens:
        if parts and tok.i - parts[-1][-1].i <= 1:
            parts[-1].append(tok)
        elif parts and tok.i - parts[-1][-1].i == 2 and doc[tok.i - 1].pos_ in ("ADV", "AUX", "ADP", "PART", "DET"):
            parts[-1].extend([doc[tok.i - 1], tok])
        else:
            parts.append([tok])
    return " ... ".join(doc_text(doc)[p[0].idx: p[-1].idx + len(p[-1])] for p in parts)
