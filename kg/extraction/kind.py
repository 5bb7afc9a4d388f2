"""Kind: whether a statement takes a stance or reports a claim, read from the structure of its clause.

The cue may take a position ("vowed", "accused"); otherwise the clause decides, with the lexicon's words: a stance
marker or evaluative word on its predicate ("is willing", "unacceptable", "must"), an agent's will ("will not
sign", "we will retaliate"), a judgement ("viewed the move as a provocation"), a denial idiom, a withdrawal from
talks. A plan with a date, a plan announced, a forecast of what happens to someone and a negated past event stay
claims. ``KindRules.decide`` returns the kind and the id of the rule that decided it (kg.provenance).
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Token

from kg.extraction.attribution import Frame
from kg.extraction.attribution.grammar import (
    ABILITY_MODALS, CONDITION_MARKS, EVENT_AUXILIARIES, FIRST_PERSON_SUBJECTS, FUTURE_AUXILIARIES, LEAVING_PREPOSITIONS,
    PERSONAL_PRONOUNS, THIRD_PERSON_SUBJECTS
)
from kg.extraction.doccache import head_indices
from kg.extraction.positions.classifier import disowned
from kg.lexicon import Lexicon


class KindRules:
    """The kind decision, bound to a lexicon.

    :param lexicon: stance cues, stance markers, evaluative words and the other word classes the rules read.
    :param tentative: whether a clause root is tentative ('is expected to'), as the statement's hedging reads it.
    """

    def __init__(self, lexicon: Lexicon, tentative: Callable[[Token], bool]) -> None:
        self.lexicon = lexicon
        self.tentative = tentative

    def kind(self, content: list[Token], frame: Frame | None = None) -> str:
        """Stance when the cue takes a position or the proposition carries a will or a verdict; claim otherwise.

        The clause's structure decides, with the lexicon's words: a stance cue ("vow", "accuse"), a stance
        marker or evaluative word on the predicate ("willing", "unacceptable", "fake", "must"), an agent's
        refusal ("will not sign") or announced will ("we will retaliate") make a stance; an agent's plan with
        a date ("will host the talks next month"), a plan announced ("announced he would quit") and a negated
        past event ("has not received any complaint") stay claims.
        """
        return self.decide(content, frame)[0]

    def decide(self, content: list[Token], frame: Frame | None = None) -> tuple[str, str]:
        """The kind (see :meth:`kind`) and the id of the rule that decided it."""
        cue = frame.cue_tokens[0] if frame is not None and frame.cue_tokens else None
        if frame is not None and frame.entry is not None and frame.entry.expresses_stance:
            return "stance", "kind/stance-cue"
        if cue is not None and self._is(cue, "StanceCue"):
            return "stance", "kind/stance-cue"
        if cue is not None and self._directive(cue, content):
            return "stance", "kind/stance-cue"
        if cue is not None and cue.tag_ == "VBG" and cue.dep_ == "advcl" \
                and (self._is(cue.head, "DenialVerb") or self._is(cue.head, "RejectionVerb")):
            return "stance", "kind/stance-cue"  # "played down the report, saying ...": the grounds of a denial
        roots = self._reported_roots(clause_roots(content))
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
        roots = clause_roots(content)
        if any(self._marked(root) for root in roots):
            return False
        if cue is not None and self._is(cue, "AnnouncementCue"):
            return True
        return any(self._agent_event(root) or self._scheduled_clause(root) for root in roots)

    def _agent_event(self, root: Token) -> bool:
        """An agent's negated past event ("the board has not received any complaint") or dated plan ("Norway
        will host the talks next month")."""
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subject is None or not self._agent(subject):
            return False
        negated = any(c.dep_ == "neg" for c in root.children)
        return negated and _past_event(root) or _future(root) and not negated and _dated(root)

    def _scheduled_clause(self, root: Token) -> bool:
        """A schedule or an event whoever acts: a dated preparation, a stance verb undergone by a thing ("the terms
        had been agreed"), "talks would resume on Wednesday", "the leaders are expected to meet again in July"."""
        if _scheduled(root) or self._undergone(root) and any(self.lexicon.has("StanceMarker", f) for f in _forms(root)):
            return True
        if _future(root) and _dated(root) and not any(c.dep_ == "neg" for c in root.children):
            return True
        return self.tentative(root) and any(c.dep_ == "xcomp" and _dated(c) for c in root.children)

    def _reported_roots(self, roots: list[Token]) -> list[Token]:
        """The clause roots, and the roots of what a reporting verb among them reports ("Xi underscored that
        this was the most dangerous issue"): the stance of a reported speaker is what the statement carries."""
        out = list(roots)
        # "quoted Xi as saying China's preference was ...": the reporting verb hangs under "as"
        heads = roots + [g for r in roots if r.dep_ == "prep" and r.lower_ == "as" for g in r.children if g.dep_ == "pcomp"]
        for root in heads:
            lemma = root.lemma_.lower()
            if self.lexicon.lookup("SpeechVerb", lemma) or self.lexicon.lookup("CognitionVerb", lemma) \
                    or self.lexicon.has("EvidenceVerb", lemma):
                out += [c for c in root.children if c.dep_ == "ccomp"]
        return out

    def _directive(self, cue: Token, content: list[Token]) -> bool:
        """"told the agency to suspend collection", "asked both sides to return": an instruction or a request, the
        to-infinitive the cue's own complement."""
        if not self._is(cue, "DirectiveVerb") or not any(c.dep_ == "dobj" for c in cue.children):
            return False
        ids = {t.i for t in content}
        return any(c.dep_ == "xcomp" and c.i in ids and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                   for c in cue.children)

    def _is(self, tok: Token, kind: str) -> bool:
        lemma = tok.lemma_.lower()
        particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
        return self.lexicon.has(kind, lemma) or (particle is not None and self.lexicon.has(kind, f"{lemma} {particle}"))

    def _marked(self, root: Token) -> bool:
        """Stance markers and evaluative words on the clause's predicate ('is willing', 'must', 'was fake',
        'is sceptical'), and the stance structures of kg:PositionNoun, kg:DecisionWord, a judgement and a
        speech act or opinion in the first person."""
        if _scheduled(root):
            return False  # "we are preparing to welcome him in August": a schedule, whatever its verbs
        return any(self._marks(tok, root) for tok in _predicate_words(root, self._copula(root))) or self._position_unchanged(root) \
            or self._undecided(root) or _disowns(root) or self._judgement(root) \
            or self._first_person_act(root) or self._own_act(root) or self._nothing_said(root) \
            or self._judged_substance(root)

    def _marks(self, tok: Token, root: Token) -> bool:
        """One word near the predicate marks a stance. What the clause is about does not, except "has no
        intention", "saw no need", "the aim was"; a verb whose lemma is an attitude adjective ("opened an
        inquiry") marks nothing."""
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and tok.i != root.i \
                and not (tok.dep_ == "dobj" and self.lexicon.has("ObjectStanceVerb", root.lemma_)) \
                and not (tok.dep_ in ("pobj", "nsubj") and self._copula(root) and tok.pos_ == "NOUN"):
            return False
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and self.lexicon.has("AttitudeAdjective", lemma) and tok.lower_ != lemma:
            return False
        if tok.i == root.i and self.lexicon.has("FutureVerb", root.lemma_) and any(c.dep_ == "xcomp" for c in root.children):
            subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
            if subject is not None and self._predicted(subject):
                return False  # "this process is going to run out of road": a forecast
        # "15 of the 17 articles had been agreed": an event, nobody's attitude ("had been doctored" still judges)
        kinds = ("EvaluativeWord", "FalsityWord") if tok.i == root.i and self._undergone(root) \
            else ("StanceMarker", "EvaluativeWord", "FalsityWord")
        if any(self.lexicon.has(kind, form) for form in _forms(tok) for kind in kinds):
            return True
        return tok.dep_ in ("acomp", "attr", "oprd") and self.lexicon.has("AttitudeAdjective", lemma)

    def _copula(self, root: Token) -> bool:
        """'is', 'remains' (``kg:CopulaVerb``): what follows is said of the subject."""
        return self.lexicon.has("CopulaVerb", root.lemma_)

    def _undergone(self, root: Token) -> bool:
        """A passive verb whose subject cannot intend: "the articles had been agreed", "the plan was accepted"
        (an agent passive, "we are committed", "she is determined", stays an attitude)."""
        subject = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
        return subject is not None and any(c.dep_ == "auxpass" for c in root.children) and not self._agent(subject)

    def _judgement(self, root: Token) -> bool:
        """"it regarded the offer period as still open", "viewed the case as discrimination"."""
        if not any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in root.children):
            return False
        # any opinion verb judges with "as" ("saw the company as the missing piece"); a speech verb only if it takes a position
        lemma = root.lemma_.lower()
        return bool(self.lexicon.lookup("CognitionVerb", lemma)) or any(
            e.expresses_stance for e in self.lexicon.lookup("SpeechVerb", lemma))

    def _first_person_act(self, root: Token) -> bool:
        """A speech act or an opinion in the first person: "I appeal to ...", "we urge ...", "I think ..."."""
        if not any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON_SUBJECTS for c in root.children):
            return False
        return self._opinion(root) or self._is(root, "StanceCue") or any(
            e.expresses_stance for e in self.lexicon.lookup("SpeechVerb", root.lemma_.lower()))

    def _judged_substance(self, root: Token) -> bool:
        """"There is a lot of fiction being written", "it was a pack of lies": a measure of something judged false or
        bad is the judgement ("a lowering of demand" judges nothing)."""
        if not self._copula(root):
            return False
        substance = [g for a in root.children if a.dep_ == "attr" for c in a.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]
        return any(self.lexicon.has(kind, form) for g in substance for form in _forms(g)
                   for kind in ("FalsityWord", "EvaluativeWord"))

    def _own_act(self, root: Token) -> bool:
        """The speaker's own speech act told in indirect speech: "the company said it had turned down the approach",
        "she said she had urged both sides to return". A pronoun subject of the reported clause is the speaker."""
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in THIRD_PERSON_SUBJECTS or root.dep_ != "ccomp" \
                or not self.lexicon.has("SpeechVerb", root.head.lemma_.lower()):
            return False
        return self._stance_verb(root) or self._withdrawal(root)

    def _stance_verb(self, tok: Token) -> bool:
        """A verb that takes a position: a stance cue or a speech verb that expresses one ("turned down", "hit back").
        A verb of asking or offering does so with what it asks for ("had called for talks", "had offered to
        mediate"), not with a plain object ("had ordered 50 jets", "had called a meeting")."""
        particle = tuple(c.lower_ for c in tok.children if c.dep_ == "prt")
        asks = any(c.dep_ in ("xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)
        return self._is(tok, "StanceCue") or any(
            e.expresses_stance and e.rest == particle and (asks or not e.takes_infinitive)
            for e in self.lexicon.lookup("SpeechVerb", tok.lemma_.lower()))

    def _withdrawal(self, root: Token) -> bool:
        """"suspended its participation in the talks", "had withdrawn from the negotiations", "boycotted the summit":
        the actor stops taking part in something ("suspended production", "withdrew from the town" report events)."""
        lemma = root.lemma_.lower()
        # the parser takes the "out" of "pulled out of the talks" for a preposition as often as for a particle
        words = [c for c in root.children if c.dep_ in ("prt", "prep")]
        if not (self.lexicon.has("WithdrawalVerb", lemma)
                or any(self.lexicon.has("WithdrawalVerb", f"{lemma} {w.lower_}") for w in words)):
            return False
        preps = [*words, *(g for w in words for g in w.children if g.dep_ == "prep")]
        left = [c for c in root.children if c.dep_ == "dobj"] + [
            g for c in preps if c.lower_ in LEAVING_PREPOSITIONS for g in c.children if g.dep_ == "pobj"]
        return any(self.lexicon.has("EngagementNoun", t.lemma_.lower()) for t in left)

    def _nothing_said(self, root: Token) -> bool:
        """"There is no statement about this", "there is no truth in the reports": the speaker denies that a word
        or a ground for the story exists. In the past ("there had been no warning") or of other things ("there is
        no evidence of foul play") it reports a fact."""
        if root.lemma_ != "be" or root.tag_ not in ("VBZ", "VBP") or not any(c.dep_ == "expl" for c in root.children):
            return False
        negated = any(c.dep_ == "neg" for c in root.children)
        return any(c.dep_ in ("attr", "nsubj") and (negated or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children))
                   and self.lexicon.has("GroundNoun", c.lemma_.lower()) for c in root.children)

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
        if self.lexicon.has("ChangeVerb", root.lemma_) and negated:
            return True
        return (self._copula(root) or self.lexicon.has("PersistenceVerb", root.lemma_)) and any(
            c.dep_ == "acomp" and self.lexicon.has("UnchangedWord", c.lower_) for c in root.children)

    def _volition(self, root: Token, announced: bool = False) -> bool:
        """An agent's will: a refusal ('will not retreat', 'cannot accept'), a threat or an offer ('could end the
        strike if wages rise') or an announced will ('we will retaliate'), unless it is a plan with a date, a plan
        announced or a forecast of what happens to someone."""
        subject = _subject(root)
        if subject is None:
            return _imperative(root)  # "Get in a room and stay there until it's done"
        if subject.dep_ == "expl":
            return _future(root) and _denied_existence(root)  # "there will be no truce"
        if not self._agent(subject):
            return False
        if any(c.dep_ == "neg" for c in root.children) and root.lemma_ != "be":
            # a refusal: "will not sign", "cannot accept", "I am not signing off on that"
            return _modal(root, ability=False) or subject.lower_ in FIRST_PERSON_SUBJECTS and not _past_event(root)
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
        going_to = self.lexicon.has("FutureVerb", root.lemma_) and any(c.dep_ == "xcomp" for c in root.children)
        if not (_future(root) or going_to) or announced:
            return False
        if self._predicted(subject):
            return False  # "the prime minister would get a clean chit", "investors would read it": a prediction
        return not _dated(root)

    def _predicted(self, subject: Token) -> bool:
        """What a bare common noun or a thing will do is a prediction, not a will ("investors would read it",
        "this process is going to run out of road")."""
        if not self._agent(subject):
            return True
        return subject.pos_ == "NOUN" and not any(c.dep_ == "poss" for c in subject.children) \
            and not self.lexicon.has("OrganizationAnaphor", subject.lemma_.lower())

    def _agent(self, tok: Token) -> bool:
        """Someone who can intend: a person, organisation, state, or a pronoun for one."""
        if tok.lower_ in PERSONAL_PRONOUNS:
            return True
        if tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        lemma = tok.lemma_.lower()
        return self.lexicon.has("SourceNoun", lemma) or self.lexicon.has("RoleNoun", lemma) or (
            tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "MONEY", "CARDINAL"))


def clause_roots(content: list[Token]) -> list[Token]:
    """The roots of the clauses among the content's words, and the verbs conjoined to them."""
    ids = {t.i for t in content}
    heads = head_indices(content[0].doc) if content else []
    roots = [t for t in content if heads[t.i] not in ids or heads[t.i] == t.i]
    return roots + [c for r in roots for c in r.conjuncts if c.i in ids]


def _subject(root: Token) -> Token | None:
    """The clause's subject; a verb phrase conjoined without one shares its head's: "she had met them halfway and
    would not sign the bill"."""
    own = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    if own is not None or root.dep_ != "conj" or root.head.pos_ not in ("VERB", "AUX"):
        return own
    return next((c for c in root.head.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)


def _disowns(root: Token) -> bool:
    """"had nothing to do with the leak": the clause's object or attribute heads the denial idiom."""
    return any(c.dep_ in ("dobj", "attr") and disowned(c) is not None for c in root.children)


def _imperative(root: Token) -> bool:
    """A bare verb opening its clause with no subject or auxiliary: "Sit down and stay at the table"."""
    return root.tag_ == "VB" and root.dep_ in ("ROOT", "ccomp") and not any(
        c.dep_ in ("aux", "mark") for c in root.children) and (root.i == root.sent.start or root.doc[root.i - 1].is_punct)


def _predicate_words(root: Token, copula: bool) -> list[Token]:
    """The clause's predicate and the words around it that may mark a stance."""
    near = [root, *root.children, *(g for c in root.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd") for g in c.children)]
    near += [c for t in near if t.dep_ in ("acomp", "attr", "oprd", "amod") for c in t.conjuncts]  # "a full and fair price"
    if copula:  # "was in no hurry", "the priority remained growth"
        near += [g for c in root.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    # "areas of uncertainty that the bidder should clarify", "steps the government must take": a duty in the
    # relative clause of the attribute or object
    near += [m for a in root.children if a.dep_ in ("attr", "dobj") for r in a.children if r.dep_ == "relcl"
             for m in r.children if m.dep_ == "aux" and m.tag_ == "MD"]
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
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children)
               for c in root.children)


def _future(root: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_AUXILIARIES for c in root.children)


def _denied_existence(root: Token) -> bool:
    """'there will be no truce': the thing said to exist is negated."""
    return any(c.dep_ == "neg" for c in root.children) or any(
        c.dep_ in ("attr", "nsubj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children) for c in root.children)


def _modal(root: Token, ability: bool = True) -> bool:
    """A will or a verdict, not a past event: 'will not', 'would not', 'must not', and with ``ability``
    'cannot' ('could not find any evidence' says what was possible, not what anyone wants)."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" and (ability or c.lemma_.lower() not in ABILITY_MODALS)
               for c in root.children)


def _past_event(root: Token) -> bool:
    """'did not attend', 'has not received', 'had not been told': an event that did not happen (a state with
    'be' or a habit with 'does' is not one)."""
    if root.lemma_ == "be" or _modal(root):
        return False
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ in EVENT_AUXILIARIES and c.tag_ in ("VBD", "VBZ", "VBP")
               and (c.lemma_ == "have" or c.tag_ == "VBD") for c in root.children)


def _dated(root: Token) -> bool:
    """The clause names when it happens ('next month', 'on Wednesday'): a schedule, not a position.
    Dates in a clause below it ("after the vote on Friday") do not count."""
    for tok in root.subtree:
        if tok.ent_type_ not in ("DATE", "TIME"):
            continue
        head = tok
        while head.i != root.i and head.dep_ not in ("advcl", "ccomp", "relcl", "acl", "xcomp") \
                and not (head.dep_ == "amod" and head.ent_type_ not in ("DATE", "TIME")):
            head = head.head  # "wage data due next month": the date of a noun's modifier is not the clause's
        if head.i == root.i:
            return True
    return False


def _scheduled(root: Token) -> bool:
    """Preparations under way for a dated step: "we are preparing to welcome the president in August", "they are
    planning to hold talks next week". A refusal ("are not planning to ...") is not a schedule."""
    return root.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in root.children) \
        and not any(c.dep_ == "neg" for c in root.children) \
        and any(c.dep_ == "xcomp" and _dated(c) for c in root.children)
