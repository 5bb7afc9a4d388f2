"""Why a statement was extracted: the ids of the rules that decided each of its aspects.

Every statement records, per aspect, the rules that decided it (``Statement.rules``; the channel's on each
hop): ``frame`` (the attribution rule that found it, then each rule that reshaped it: kg.extraction.attribution.registry),
``speaker`` (how the speaker mention was found, then how it was resolved to an actor), ``cue``, ``channel`` (one
id per hop), ``kind`` and ``position``. Ids are stable short strings; :func:`describe` says what each means.
"""
from __future__ import annotations

import re

from kg.statements import Statement

ASPECTS = ("frame", "speaker", "cue", "channel", "kind", "position")
RULE_BASE = "https://w3id.org/kg/rule/"

# The rules outside the attribution registry (whose rules describe themselves in their docstrings).
_DECISIONS = {
    # frames made outside the registry
    "continued-quote": "A sentence that only continues a quotation is a statement of the quotation's speaker: "
                       "“We are ready,” she said. “But nobody should expect us to give up.”",
    "outlet-carrier": "'X said ..., the agency reported': the outlet only carried X's words, so X's statement "
                      "stands and the outlet joins its channel (kg.extraction.pipeline).",
    # how the speaker mention was found (kg.extraction.attribution)
    "speaker/subject": "The subject of the cue: 'The regulator warned that ...', 'Marta Lind was blunt: ...'.",
    "speaker/inherited-subject": "The subject of the verb above a participle or infinitive: 'rejected the offer, "
                                 "saying ...', 'went on to say ...'.",
    "speaker/relative-antecedent": "The noun a relative clause is about: 'people familiar with the talks, who said ...'.",
    "speaker/stranded-name": "A name left between a quotation and its cue by a lost parse: '“...” its role, Maria "
                             "Okonkwo, the envoy, told AFP'.",
    "speaker/passive-agent": "The agent of a passive cue: 'The plan was first reported by the Gazette'.",
    "speaker/inverted": "A subject after the verb: '“...,” said the minister', '– writes the newspaper –'.",
    "speaker/parenthetical": "A subject the parser hangs on an insertion: 'Some analysts – continues the NYT – argue ...'.",
    "speaker/noun-participle": "The noun a participle describes: 'with the candidate's lawyers arguing that ...'.",
    "speaker/document-issuer": "Who issued the document: 'The ministry issued a statement saying ...'.",
    "speaker/document-owner": "The owner of a document that speaks: 'a Kremlin statement said', 'the ministry's "
                              "letter warned'.",
    "speaker/document-author": "The author of a document named as a source: 'according to a memoir by X'.",
    "speaker/group-pronoun": "A quantifier that stands for people: 'some note that ...', 'those close to the mayor say'.",
    "speaker/appositive-name": "A name in apposition to a word that cannot speak: 'its role, Maria Okonkwo, said'.",
    "speaker/cited-source": "The source an outlet cites speaks, the outlet carries: 'Citing two aides, the "
                            "newspaper said ...'.",
    "speaker/active-quote": "The object of 'quote ... as saying': 'Al-Qahera News quoted a senior source as saying ...'.",
    "speaker/quoted-as-saying": "The subject of 'was quoted as saying': 'The envoy was quoted by the Nikkei as saying ...'.",
    "speaker/quoter": "A person or body that quotes someone makes a statement of its own: 'The official quoted the "
                      "president as saying ...'.",
    "speaker/prepositional-object": "The object of 'according to', 'per', 'citing', 'For' (kg:Preposition, "
                                    "kg:CitingParticiple, kg:PerspectiveFrame): 'according to two managers'.",
    "speaker/sentence-initial-citing": "The source of a fronted 'citing': 'Citing information from the ministry, "
                                       "the newspaper reported that ...'.",
    "speaker/report-owner": "The named owner of a report: 'a Northern Ledger report that the mill will close'.",
    "speaker/reports-themselves": "Unnamed reports speak for themselves: 'following reports it is to be bought'.",
    "speaker/offer-maker": "The maker of an offer: 'a takeover offer from retail tycoon Philip Green'.",
    "speaker/possessive-owner": "The owner of a cue noun: 'the union's insistence on a pay rise'.",
    "speaker/signal-sender": "The sender a signal names: 'signals that Nordex is interested'.",
    # how the speaker was resolved to an actor (kg.extraction.actors.coref, kg.extraction.actors.speakers)
    "speaker/coref-pronoun": "A pronoun resolved to an earlier actor by gender, number and salience: 'She said ...'.",
    "speaker/coref-outlet": "An outlet named with what kind it is: 'public broadcaster NRK', 'the daily Pravo'.",
    "speaker/coref-name": "A name, a short form or a known actor: 'Bargarh MLA Ravi Chand', 'Chand said'.",
    "speaker/coref-description": "A role noun or definite description of an earlier actor: 'the spokesman', "
                                 "'the company'.",
    "speaker/coref-unnamed-source": "An unnamed source of its own: 'two officials', 'one of the engineers'.",
    "speaker/quote-owner": "A continued quotation belongs to whoever it is attributed to: “A. B,” she said.",
    "speaker/last-quoted": "A quoted paragraph with no attribution goes on with the last speaker quoted.",
    "speaker/last-speaker": "A quoted paragraph with no attribution and no earlier quote goes to the last speaker.",
    # cue words (kg.extraction.attribution, kg.extraction.framing, kg.extraction.pipeline)
    "cue/lexicon-verb": "A speech or cognition verb of the lexicon: 'warned', 'made clear', 'pointed to'.",
    "cue/appear-to": "'appeared to rule out': the hedge verb is part of the cue.",
    "cue/citing": "'reported ..., citing': the word that names the cited source is part of the cue.",
    "cue/quoting-verb": "'quoted ... as saying', 'was quoted as saying': the quoting verb is part of the cue.",
    "cue/according-to": "The words of a prepositional frame are the cue: 'according to', 'in the words of', 'per'.",
    "cue/for-perspective": "'For' opening a perspective is the cue: 'For the union, the offer is an insult'.",
    "cue/report-noun": "A report noun is the cue: 'following reports it is to be bought'.",
    "cue/cue-noun": "A cue noun of the lexicon: 'insistence', 'declarations', 'offer', 'signals'.",
    "cue/hedge-adverb": "The adverb and its predicate: 'reportedly rejected'.",
    "cue/attitude-adjective": "The verb and its attitude adjective: 'were skeptical'.",
    "cue/words-before-colon": "The words between speaker and colon: 'was blunt: “...”'.",
    "cue/auxiliaries": "Perfect auxiliaries and report adverbs lead into the verb: 'have said', 'has reportedly conveyed'.",
    "cue/medium-phrase": "The medium joins the cue: 'said in a statement'.",
    # channel hops (kg.extraction.channels.finder, kg.extraction.channels.assign)
    "channel/venue": "A venue or medium on the cue: 'in a televised address', 'through intermediaries'.",
    "channel/document": "The document that carries someone else's words: 'A statement released by X said'.",
    "channel/told-venue": "'told a weekly briefing': the venue told.",
    "channel/continued-quote": "A continued quotation travels as the quotation's attributed sentence did.",
    "channel/same-speaker-next": "The same speaker's next words in the paragraph travel the way the words before "
                                 "them did: 'In a televised address, the general said ... He cautioned that ...'.",
    "channel/venue-companion": "An outlet on the other end of a venue: 'in an interview with Reuters'.",
    "channel/relay": "An outlet that carried a source's words: 'citing', 'quoted by', '..., AFP reported', "
                     "'according to the army'.",
    "channel/told-outlet": "An outlet addressed: 'told Reuters'.",
    "channel/relayed-by": "An outlet named as relaying the sentence: 'as relayed by state media'.",
    "channel/publication-anaphor": "The article's main outlet named by an anaphor: 'the interlocutors of the publication'.",
    "channel/outlet-quote": "Words inside an outlet's quoted text reached us through that outlet.",
    "channel/nested-reporter": "A nested statement travels through its reporter and the reporter's channel.",
    "channel/same-source-carried": "A source that spoke to an outlet keeps speaking through it in what follows.",
    "channel/paragraph-outlet": "An outlet set off by dashes carries the rest of its paragraph: '– continues the NYT –'.",
    "channel/reportedly": "'X has reportedly ...' with no source named: the article's own reporting chain.",
    # kind (kg.extraction.kind, kg.extraction.pipeline)
    "kind/stance-cue": "A cue that takes a position: 'vowed', 'rejected', 'insisted', 'accused'; an instruction "
                       "('told the agency to suspend ...'); the grounds of a denial ('dismissed it, saying ...').",
    "kind/announced-plan": "A plan announced is news, a claim: 'announced plans to buy the rival'.",
    "kind/stance-marker": "A stance marker or evaluative word on the predicate: 'is willing', 'must', "
                          "'unacceptable', 'a disgrace'; a stance structure: 'there is no statement about this', "
                          "'said it had turned down the approach', 'saw the rival as the missing piece'.",
    "kind/agent-will": "An agent's refusal or undated will, or an imperative: 'will not sign', 'we will retaliate'.",
    "kind/reported-fact": "Reported events and facts, plans with a date: 'Norway will host the talks next month'.",
    "kind/position-evidence": "Content that clearly meets a position concept is a stance.",
    # position (kg.extraction.positions.classifier, kg.extraction.pipeline)
    "position/label-overlap": "The content shares the words of the concept's labels: 'ruled out a ceasefire'.",
    "position/example-match": "The content is worded like one of the concept's example sentences.",
    "position/vocabulary-share": "The content's words belong to the concept's labels, examples and definition.",
    "position/structure-terms": "The clause's stance structure adds the words it amounts to: 'denied that its "
                                "director had met the buyers' is 'deny report'.",
    "position/elaboration": "The next sentence spells out what was proposed: '... his openness to a ceasefire. The "
                            "proposed truce would halt ...'.",
    "position/embedding-similarity": "The sentence-embedding classifier found the concept most similar.",
}


def all_rules() -> dict[str, str]:
    """Every rule id kg records, with what it means (the attribution rules' docstrings, then the others)."""
    from kg.extraction.attribution import frame_rules

    return {**frame_rules(), **_DECISIONS}


def describe(rule_id: str) -> str:
    """What a rule id means: the first paragraph of its description ('' for an unknown id)."""
    return all_rules().get(rule_id, "").split("\n\n")[0].replace("\n", " ")


def rule_iri(rule_id: str) -> str:
    """The IRI of a rule: ``https://w3id.org/kg/rule/{id}`` (ids are lower-case words, '-' and '/')."""
    if not re.fullmatch(r"[a-z0-9/-]+", rule_id):
        raise ValueError(f"not a rule id: {rule_id!r}")
    return RULE_BASE + rule_id


def rules_of(statement: Statement) -> dict[str, list[str]]:
    """A statement's rules by aspect, in the order of :data:`ASPECTS`; the channel's one id per hop."""
    out = {aspect: list(statement.rules.get(aspect, [])) for aspect in ASPECTS}
    out["channel"] = [hop.rule or "" for hop in statement.channel]
    return out
