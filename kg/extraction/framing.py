"""Turning attribution frames into Statements: evidence, quote kind, hedging, nesting; the kind comes from kg.extraction.kind."""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Doc, Span, Token

from kg.extraction.attribution import Frame
from kg.extraction.attribution.grammar import CUE_LEAD_STOPS, NON_HEDGING_MODALS
from kg.extraction.doccache import doc_text, sentence_of, span_text
from kg.extraction.kind import KindRules, clause_roots
from kg.extraction.quotes import Quote
from kg.lexicon import Lexicon
from kg.statements import Anchors, Statement, StatementId


class StatementBuilder:
    """Decide the frame-level attributes of each statement from the parse and the lexicon.

    :param lexicon: hedges and stance markers come from here.
    :param medium_phrase: ``(doc, cue token) -> phrase or None``, the medium right after a cue ('said in a voice
        message'), which belongs to the cue (kg.extraction.channels.finder.ChannelFinder.medium_phrase).
    """

    def __init__(self, lexicon: Lexicon, medium_phrase: Callable[[Doc, Token], str | None] | None = None) -> None:
        self.lexicon = lexicon
        self.kinds = KindRules(lexicon, tentative=self._tentative)
        self.medium_phrase = medium_phrase

    def build(self, doc: Doc, sent: Span, frame: Frame, quotes: list[Quote]) -> tuple[Statement, Anchors]:
        """Make a Statement of one frame found in ``sent``, with its anchors in the parse."""
        content = [t for t in frame.content if not t.is_space]
        start, end = _trimmed(sent)
        cue_parts = _with_auxiliaries(frame, self.lexicon)
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
                if cue.dep_ == "xcomp" and self.lexicon.has("RaisingVerb", cue.head.lemma_):
                    return True  # "appeared to rule out"
            if _impersonal_report(frame.cue_tokens[0]):
                return True  # "It was reported that X had asked ..."
        return any(self._tentative(root) for root in clause_roots(content))

    def _hedge_word(self, tok: Token) -> bool:
        return self.lexicon.has("Hedge", tok.lower_) and tok.lower_ not in NON_HEDGING_MODALS

    def decide_kind(self, content: list[Token], frame: Frame | None = None) -> tuple[str, str]:
        """The statement's kind and the rule that decided it (:meth:`kg.extraction.kind.KindRules.decide`)."""
        return self.kinds.decide(content, frame)

    def _tentative(self, root: Token) -> bool:
        """The main proposition is tentative: 'may change', 'is expected to', 'appears to'."""
        for child in root.children:
            if child.dep_ in ("aux", "advmod") and self.lexicon.has("Hedge", child.lower_) and child.lower_ not in NON_HEDGING_MODALS:
                return True
        if any(c.dep_ in ("xcomp", "ccomp") for c in root.children) and (
                self.lexicon.has("RaisingVerb", root.lemma_) or self.lexicon.has("ExpectationVerb", root.lemma_)):
            return True
        if root.lemma_ == "be" and any(c.dep_ == "acomp" and self.lexicon.has("TentativeAdjective", c.lower_)
                                       for c in root.children):
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


def _with_auxiliaries(frame: Frame, lexicon: Lexicon) -> list[Token]:
    """'have said', 'has reportedly conveyed': perfect auxiliaries and adverbs that lead into the verb."""
    if frame.kind != "verb":
        return frame.cue_tokens
    head = frame.cue_tokens[0]
    lead = []
    i = head.i - 1
    while i >= sentence_of(head).start and head.doc[i].head.i == head.i and head.doc[i].dep_ in ("aux", "advmod") \
            and head.doc[i].lower_ not in CUE_LEAD_STOPS:
        lead.insert(0, head.doc[i])
        i -= 1
    if not any(t.lemma_ == "have" for t in lead):
        lead = [t for t in lead if t.dep_ == "advmod" and lexicon.has("CueAdverb", t.lower_)]
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
