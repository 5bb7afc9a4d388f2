"""Resolving mentions to actors within an article: names, short forms, pronouns, descriptions.

No coreference model installs offline here, so this resolver works on the
parse: named-entity heads, surname matching, gender and number agreement,
salience (subjects and speakers of recent sentences first), role nouns
("the spokesman") and definite descriptions ("the former official").
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from kg.actors import COUNTRY, GROUP, ORGANIZATION, PERSON, Actor, KnownActors, normalise, slug
from kg.extraction.attribution.grammar import ACRONYM_SKIPS, COLLECTIVE_PRONOUNS, DEFINITE_ARTICLE, DEFINITE_DETERMINERS
from kg.extraction.attribution.grammar import FEMALE_PRONOUNS as _FEMALE
from kg.extraction.attribution.grammar import MALE_PRONOUNS as _MALE
from kg.extraction.attribution.grammar import NAME_FILLERS, NAME_PREFIXES
from kg.extraction.attribution.grammar import NEUTER_PRONOUNS as _NEUTER
from kg.extraction.attribution.grammar import ONE
from kg.extraction.attribution.grammar import PLURAL_PRONOUNS as _PLURAL
from kg.extraction.doccache import doc_ents, sentence_index, span_ents
from kg.lexicon import Lexicon

_KIND_OF_ENT = {"PERSON": PERSON, "ORG": ORGANIZATION, "GPE": COUNTRY, "NORP": GROUP, "FAC": ORGANIZATION}


@dataclass
class MentionRecord:
    """A resolved mention, kept for salience when later pronouns are resolved."""

    actor: str
    start: int
    sent: int
    subject: bool
    speaker: bool
    named: bool
    quoted: bool = False  # inside someone's quotation


class ArticleActors:
    """Actors of one article, built up mention by mention in reading order.

    :param known: known-actor data.
    :param lexicon: source and role nouns.
    """

    def __init__(self, known: KnownActors, lexicon: Lexicon) -> None:
        self.known = known
        self.lexicon = lexicon
        self.actors: dict[str, Actor] = {}
        self.history: list[MentionRecord] = []
        self.main_outlet: str | None = None
        self.pronoun_gender: dict[str, str] = {}

    # -- public ---------------------------------------------------------------
    def resolve(self, span: Span, speaker: bool = False, quoted: bool = False) -> str | None:
        """Resolve one mention to an actor key (creating the actor if new).

        :param quoted: the mention lies inside a quotation; the narrator's own pronouns never point there.
        """
        return self.resolve_how(span, speaker, quoted)[0]

    def resolve_how(self, span: Span, speaker: bool = False, quoted: bool = False) -> tuple[str | None, str | None]:
        """Like :meth:`resolve`, with the id of the rule that decided (``speaker/coref-pronoun``, ...)."""
        text = span.text.strip()
        if not text:
            return None, None
        root = _source_head(span, self.lexicon)
        sent_index = _sent_index(span)
        if root.lower_ in _MALE | _FEMALE | _PLURAL | _NEUTER and len(span) == 1:
            key, rule = self._pronoun(root, sent_index, quoted), "speaker/coref-pronoun"
        else:
            key, rule = next(((found, rule) for rule, find in _RESOLVERS
                              if (found := find(self, span))), (None, None))
        if key is None:
            return None, None
        actor = self.actors[key]
        if root.pos_ == "PROPN" and self.lexicon.has("MastheadWord", root.lower_) and not actor.known \
                and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in root.children):
            actor.kind = ORGANIZATION  # "the Valley Courier": a name that ends like a newspaper's is one
            actor.roles.add("news outlet")
        if normalise(text) != normalise(actor.name) and len(span) <= 8 and not any(t.dep_ in ("cc", "conj") for t in span):
            actor.aliases.add(text)
        if (root.pos_ in ("NOUN", "PROPN") or self.lexicon.has("SourceNoun", root.lower_)) and root.lower_ not in _MALE | _FEMALE | _PLURAL | _NEUTER:
            mods = {t.lemma_.lower() for t in span if t.dep_ in ("amod", "compound", "nmod") and t.i != root.i}
            actor.heads.setdefault(root.lemma_.lower(), set()).update(mods)
        self.history.append(MentionRecord(key, span.start_char, sent_index, root.dep_ in ("nsubj", "nsubjpass"),
                                          speaker, root.ent_type_ in ("PERSON", "ORG", "GPE"), quoted))
        return key, rule

    def observe(self, doc: Doc) -> None:
        """Register the article's named entities, so short forms and pronouns find them."""
        outlets: dict[str, int] = {}
        for ent in doc_ents(doc):
            if ent.label_ in ("PERSON", "ORG", "GPE"):
                key = self._named(ent)
                if key and "news outlet" in self.actors[key].roles:
                    outlets[key] = outlets.get(key, 0) + 1
        if outlets:
            self.main_outlet = max(outlets, key=lambda k: (outlets[k], -list(outlets).index(k)))

    # -- names ------------------------------------------------------------------
    def _outlet(self, span: Span) -> str | None:
        """'public broadcaster NRK', 'the daily Pravo', 'Daily Nation newspaper': a word saying what kind of
        outlet it is, beside its name. The outlet is the name alone."""
        described = [t for t in span if t.pos_ in ("NOUN", "ADJ") and t.is_lower
                     and self.lexicon.has("OutletAnaphor", t.lemma_.lower())]
        if not described:
            return None
        runs: list[list[Token]] = []
        for tok in span:
            if tok.pos_ == "PROPN" and not tok.is_lower:
                if runs and runs[-1][-1].i == tok.i - 1:
                    runs[-1].append(tok)
                else:
                    runs.append([tok])
        after = [r for r in runs if r[0].i > described[0].i and r[0].nbor(-1).i in {t.i for t in described}]
        before = [r for r in runs if r[-1].i + 1 == described[-1].i]
        run = (after or before or [None])[0]
        if run is None:
            return None
        name = _clean_name(span.doc[run[0].i: run[-1].i + 1].text, self.lexicon)
        key = self._match_known(name, ORGANIZATION) or self._match_article(name, ORGANIZATION)
        if key is None:
            key = self._add(Actor(key=slug(name), name=name, kind=ORGANIZATION))
        self.actors[key].roles.add("news outlet")
        return key

    def _named(self, span: Span) -> str | None:
        ent = _head_entity(span)
        if ent is None or all(t.pos_ == "ADJ" for t in ent):
            return None  # a nationality adjective ("Ukrainian territory") names no one, even tagged as a place
        kind = _KIND_OF_ENT.get(ent.label_ or ent.root.ent_type_, ORGANIZATION)
        if kind == GROUP:
            return None
        name = self._name_of(ent.text, kind)
        if not name:
            return None
        key = self._match_known(name, kind)
        if key is None:
            corrected = _corrected_kind(_personal_name(_clean_name(ent.text, self.lexicon), self.lexicon), kind)
            if corrected != kind:  # "Mayor Ines Kovac" labelled an organisation by the tagger
                kind, name = corrected, self._name_of(ent.text, corrected)
            key = self._match_article(name, kind) or (self._match_any_kind(name) if len(name.split()) == 1 else None)
        if key is None:
            key = self._add(Actor(key=slug(name), name=name, kind=kind))
        self._note_role(self.actors[key], span, ent)
        if kind == PERSON and len(name.split()) > len(self.actors[key].name.split()) and not self.actors[key].known:
            self.actors[key].aliases.add(self.actors[key].name)
            self.actors[key].name = name
        return key

    def _name_of(self, text: str, kind: str) -> str:
        """A person without titles and roles; an organisation with all its words ('General Electric')."""
        return _personal_name(_clean_name(text, self.lexicon), self.lexicon) if kind == PERSON else _clean_name(text, None)

    def _match_any_kind(self, name: str) -> str | None:
        """A bare name the tagger may have mislabelled: 'Harwick' for Harwick Industries, 'Ilves' for Marta Ilves."""
        return self._match_article(name, ORGANIZATION) or self._match_article(name, PERSON)

    def _match_known(self, name: str, kind: str) -> str | None:
        known = self.known.find(name, kind)
        if known is None:
            return None
        if known.key not in self.actors:
            article_form = known.kind == PERSON and len(name.split()) > 1
            self.actors[known.key] = Actor(key=known.key, name=name if article_form else known.name, kind=known.kind, aliases=set(known.aliases),
                                           roles=set(known.roles), affiliation=known.affiliation,
                                           same_as=known.same_as, known=True)
        actor = self.actors[known.key]
        if actor.kind == PERSON and len(name.split()) > len(actor.name.split()):
            actor.aliases.add(actor.name)
            actor.name = name
        return known.key

    def _match_article(self, name: str, kind: str, exact: bool = False) -> str | None:
        folded = normalise(name)
        for actor in self.actors.values():
            if actor.kind != kind and not (kind in (ORGANIZATION, COUNTRY) and actor.kind in (ORGANIZATION, COUNTRY)):
                continue
            names = {normalise(n) for n in actor.names()}
            if folded in names:
                return actor.key
            if exact:
                continue
            if kind == PERSON and any(same_person(folded, n) for n in names):
                return actor.key
            if kind in (ORGANIZATION, COUNTRY) and any(same_organisation(folded, n) for n in names):
                return actor.key
        return None

    def _note_role(self, actor: Actor, span: Span, ent: Span) -> None:
        # "Putin's spokesman, Dmitri Peskov" / "Sergei Shoigu, Russia's defense minister": the rest is a role.
        for tok in span:
            if ent.start <= tok.i < ent.end:
                continue
            role = _role_of(tok, span, self.lexicon)
            if role:
                actor.roles.add(role)

    # -- descriptions -------------------------------------------------------------
    def _description(self, span: Span) -> str | None:
        """'the spokesman', 'the former official', 'the President', 'the publication'."""
        root = _source_head(span, self.lexicon)
        first = span[0].lower_
        if first not in DEFINITE_DETERMINERS or root.tag_ in ("NNS", "NNPS"):
            return None
        if any(t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "GPE", "PERSON") for t in span if t.i != root.i):
            return None  # "the RIA news agency" names an outlet of its own
        lemma = root.lemma_.lower()
        if self.lexicon.has("OutletAnaphor", lemma) and self.main_outlet:
            return self.main_outlet
        if self.lexicon.has("OrganizationAnaphor", lemma) and len(span) <= 3:
            found = self._recent_organisation(lemma)
            if found is not None:
                return found
        modifiers = {t.lemma_.lower() for t in span if t.dep_ in ("amod", "compound") and t.i < root.i}
        for record in reversed(self.history):
            actor = self.actors[record.actor]
            if lemma in actor.heads and modifiers <= actor.heads[lemma] | {lemma}:
                return actor.key
        for record in reversed(self.history):
            actor = self.actors[record.actor]
            roles = [r for r in actor.roles if r == lemma or r.endswith(" " + lemma)]
            if any(modifiers - {lemma} <= set(r.split()) for r in roles):
                return actor.key
        known = self._known_by_role(lemma)
        return known

    def _recent_organisation(self, lemma: str) -> str | None:
        """'the alliance', 'the company': the latest organisation named that way; for the most generic
        nouns, else the latest organisation that was a subject or a speaker."""
        records = [r for r in reversed(self.history)
                   if self.actors[r.actor].kind == ORGANIZATION and "news outlet" not in self.actors[r.actor].roles]
        by_head = next((r.actor for r in records if lemma in self.actors[r.actor].heads or
                        any(lemma in n.lower().split() for n in self.actors[r.actor].names())), None)
        if by_head or not self.lexicon.has("GenericOrganizationNoun", lemma):
            return by_head
        return next((r.actor for r in records if r.subject or r.speaker), None)

    def _known_by_role(self, lemma: str) -> str | None:
        """'the President': an actor of this article whose known role it is."""
        for actor in self.actors.values():
            if actor.known and lemma in actor.roles:
                return actor.key
        return None

    def _collective(self, span: Span) -> str | None:
        """Groups ('US officials'), and single sources drawn from them ('one of the officials')."""
        root = span.root
        if not _could_be_collective(root, self.lexicon):
            return None
        name = _without_article(span.text)
        plural = root.tag_ in ("NNS", "NNPS") or root.lower_ in COLLECTIVE_PRONOUNS
        member_of = self._group_of(span) if not plural or root.lower_ == ONE else None
        kind = _collective_kind(root, plural, member_of, self.lexicon)
        description = any(t.pos_ not in ("PROPN", "PUNCT") for t in span)
        if all(t.pos_ in ("PROPN", "PUNCT", "DET") for t in span) and self._match_known(name, ORGANIZATION):
            return self._match_known(name, ORGANIZATION)  # a known name the tagger left untagged ("the West")
        if not description and len(span) <= 3:
            return self._untagged_name(span, name)
        key = self._match_article(name, kind, exact=description)
        if key:
            return key
        actor = Actor(key=slug(name), name=name, kind=kind, member_of=member_of)
        role = _role_of(root, span, self.lexicon)
        if role and kind == PERSON:
            modifiers = [t.lower_ for t in span if t.dep_ == "amod" and t.i < root.i and t.lower_ != ONE]
            actor.roles.add(" ".join(modifiers) + (" " if any(t.dep_ == "amod" and t.i < root.i for t in span) else "") + role)
        return self._add(actor)

    def _untagged_name(self, span: Span, name: str) -> str:
        """An untagged name: a person unless it matches an organisation already named."""
        personal = _personal_name(_clean_name(name, self.lexicon), self.lexicon)  # "Mayor Ines Kovac": the name after the title
        key = self._match_any_kind(personal) or self._match_any_kind(name)
        if key:
            return key
        kind = _corrected_kind(personal, ORGANIZATION if len(span) > 1 else PERSON)
        name = personal if kind == PERSON else name
        return self._add(Actor(key=slug(name), name=name, kind=kind))

    def _group_of(self, span: Span) -> str | None:
        """'one of the former Russian officials' / 'one former senior Russian official' -> the group."""
        root = span.root
        if root.lower_ == ONE:
            of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            group = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if group is not None:
                group_span = span.doc[group.left_edge.i: group.right_edge.i + 1]
                return self._match_article(_without_article(group_span.text), GROUP) or self._add(
                    Actor(key=slug(_without_article(group_span.text)), name=_without_article(group_span.text), kind=GROUP))
            return None
        if not any(c.lower_ == ONE and c.dep_ == "nummod" for c in root.children):
            return None
        mods = {t.lemma_.lower() for t in span if t.dep_ in ("amod", "compound") and t.i < root.i}
        for actor in self.actors.values():
            if actor.kind == GROUP and _head_lemma(actor.name) == root.lemma_.lower() and _modifiers(actor.name) <= mods:
                return actor.key
        return None

    # -- pronouns -------------------------------------------------------------------
    def _pronoun(self, tok: Token, sent_index: int, quoted: bool = False) -> str | None:
        """Pick the most salient agreeing antecedent among the last three sentences. A pronoun of the
        narrative ("..., he said") skips what was named inside quotations: "“... blackmailed by a party
        that won 8% of the vote,” he said" is not said by the party."""
        wanted = PERSON if tok.lower_ in _MALE | _FEMALE else ORGANIZATION if tok.lower_ in _NEUTER else GROUP
        best = self._antecedent(tok, sent_index, quoted, wanted, window=3)
        if best is None and wanted == PERSON:
            # a long run of "She said ..." goes back to the last speaker who agrees, past the sentences between
            best = self._antecedent(tok, sent_index, quoted, wanted, window=12, speakers_only=True)
        if best is not None and wanted == PERSON and not quoted:
            # once called "he" or "she", a person whose first name says nothing keeps that gender; not by a pronoun
            # inside a quotation, which speaks of someone else as often as not ("“He will deflect them,” she said")
            self.pronoun_gender.setdefault(best, "male" if tok.lower_ in _MALE else "female")
        return best

    def _antecedent(self, tok: Token, sent_index: int, quoted: bool, wanted: str, window: int,
                    speakers_only: bool = False) -> str | None:
        """The most salient agreeing earlier mention within ``window`` sentences."""
        best, best_score = None, float("-inf")
        for record in self.history:
            if record.start >= tok.idx or sent_index - record.sent > window or record.quoted and not quoted \
                    or speakers_only and not record.speaker:
                continue
            actor = self.actors[record.actor]
            if not _agrees(actor, tok.lower_, wanted, self.pronoun_gender.get(record.actor)):
                continue
            score = _salience(record, sent_index)
            if score > best_score:
                best, best_score = record.actor, score
        return best

    def _add(self, actor: Actor) -> str:
        key = actor.key
        while key in self.actors and self.actors[key].name != actor.name:
            key += "-2"
        actor.key = key
        self.actors.setdefault(key, actor)
        return key


def _salience(record: MentionRecord, sent_index: int) -> float:
    """How likely an earlier mention is a pronoun's antecedent: near, a subject, a speaker, a name."""
    score = -2.0 * (sent_index - record.sent) + 1.5 * record.subject + 1.0 * record.speaker + 1.0 * record.named
    return score + 0.001 * record.start  # recency breaks ties


# how a mention that is not a pronoun is resolved, in order, with the id each decision records
_RESOLVERS = (("speaker/coref-outlet", ArticleActors._outlet), ("speaker/coref-name", ArticleActors._named),
              ("speaker/coref-description", ArticleActors._description),
              ("speaker/coref-unnamed-source", ArticleActors._collective))


def _head_noun(span: Span) -> Token:
    """The mention's head noun: the parse root, unless that is a trailing modifier ('the official present')."""
    root = span.root
    if root.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return root
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") and t.i < root.i]
    return nouns[-1] if nouns else root


def _corrected_kind(name: str, kind: str) -> str:
    """The small model's entity labels are unsure on unfamiliar names: a known first name makes a person."""
    words = name.split()
    if kind in (ORGANIZATION, COUNTRY) and 2 <= len(words) <= 3 and _gender(words[0]) != "unknown":
        return PERSON
    return kind


def _agrees(actor: Actor, pronoun: str, wanted: str, called: str | None = None) -> bool:
    """Whether a pronoun can refer to the actor; ``called`` is the gender an earlier pronoun gave it."""
    if wanted == PERSON:
        if actor.kind != PERSON:
            return False
        gender = _gender(actor.name.split()[0])
        gender = called if gender == "unknown" and called else gender
        return not ((pronoun in _MALE and gender == "female") or (pronoun in _FEMALE and gender == "male"))
    if wanted == ORGANIZATION:
        return actor.kind in (ORGANIZATION, COUNTRY)
    return actor.kind in (GROUP, ORGANIZATION, COUNTRY)


@lru_cache(maxsize=4096)
def _gender(first_name: str) -> str:
    detector = gender_detector()
    guess = detector.get_gender(first_name.capitalize())
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(guess, "unknown")


@lru_cache(maxsize=1)
def gender_detector():
    """The names-gender resource of gender-guesser, loaded once (a fifth of a second)."""
    import gender_guesser.detector as gender  # a names-gender resource shipped in its package

    class Detector(gender.Detector):
        def _parse(self, filename):
            # the package reads its 48,000 lines one by one through codecs: reading the file at once gives the
            # same names three times faster (it is loaded once per process)
            self.names = {}
            with open(filename, encoding="utf-8", newline="") as handle:
                lines = handle.read().splitlines()
            for line in lines:
                self._eat_name_line(line.strip())

    return Detector(case_sensitive=False)


def _personal_name(name: str, lexicon: Lexicon) -> str:
    """'Bargarh MLA Debesh Acharya', 'Chief Executive Stuart Rose': the words after the last role or title
    word are the person's name; the rest says what the person is."""
    words = name.split()
    roles = [i for i, w in enumerate(words) if lexicon.has("TitleWord", w.lower()) or lexicon.has("RoleNoun", w.lower())]
    rest = words[roles[-1] + 1:] if roles else words
    return " ".join(rest) if rest and all(w[:1].isupper() for w in rest) else name


def _role_of(tok: Token, span: Span, lexicon: Lexicon) -> str | None:
    """The role a word of the mention names ('spokesman', 'defense minister')."""
    lemma = tok.lemma_.lower()
    for width in (3, 2):  # the longest role ending here: 'chief financial officer', 'defense minister'
        if tok.i - width + 1 >= span.start:
            phrase = " ".join([*(t.lower_ for t in span.doc[tok.i - width + 1: tok.i]), lemma])
            if lexicon.has("RoleNoun", phrase):
                return phrase
    return lemma if lexicon.has("RoleNoun", lemma) else None


def _source_head(span: Span, lexicon: Lexicon) -> Token:
    """The mention's head noun. The tagger sometimes misreads 'the official present'
    (official as an adjective): a source or role noun in the span then wins."""
    root = span.root
    if lexicon.has("SourceNoun", root.lemma_.lower()) or lexicon.has("RoleNoun", root.lemma_.lower()):
        return root
    sources = [t for t in span if t.i <= root.i and (lexicon.has("SourceNoun", t.lower_)
                                                   or lexicon.has("RoleNoun", t.lower_))]
    return sources[-1] if sources else _head_noun(span)


def _could_be_collective(root: Token, lexicon: Lexicon) -> bool:
    """A source or role noun, any noun, name or pronoun, or a number with 'of' ('two of the engineers')."""
    lemma = root.lemma_.lower()
    return lexicon.has("SourceNoun", lemma) or lexicon.has("RoleNoun", lemma) \
        or root.pos_ in ("NOUN", "PROPN", "PRON") or root.pos_ == "NUM" and any(c.lower_ == "of" for c in root.children)


def _collective_kind(root: Token, plural: bool, member_of: str | None, lexicon: Lexicon) -> str:
    """A group for a plural not drawn from a group; else one person ('one of the officials'), or a body
    ('the government', 'a party')."""
    if plural and member_of is None and root.lower_ != ONE:
        return GROUP
    if root.lower_ == ONE and member_of is not None:
        return PERSON
    if not plural and lexicon.has("OrganizationAnaphor", root.lemma_.lower()):
        return ORGANIZATION
    return PERSON


def _head_entity(span: Span) -> Span | None:
    """The PERSON/ORG/GPE entity the mention is about (an apposition's name counts)."""
    named = _appositive_name(span)
    if named is not None:
        return named
    root = span.root
    around_root = next((e for e in doc_ents(span.doc) if e.start <= root.i < e.end and e.label_ in _KIND_OF_ENT), None)
    if around_root is not None:
        # the entity may run past the mention ("the 'New York Times'" with its closing quote)
        return span.doc[max(around_root.start, span.start): min(around_root.end, span.end)]
    ents = [e for e in span_ents(span) if e.label_ in _KIND_OF_ENT]
    persons = [e for e in ents if e.label_ == "PERSON" and any(t.dep_ == "appos" and t.head.i == root.i for t in e)]
    return persons[0] if persons else None


def _appositive_name(span: Span) -> Span | None:
    """'Green, owner of two chains' (the name before the apposition) and 'Putin's spokesman, Dmitri Peskov' (the
    name in apposition): who the mention is."""
    root = span.root
    if root.pos_ == "PROPN" and any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in root.children):
        first = min((c.i for c in root.children if c.dep_ == "compound" and c.i < root.i), default=root.i)
        return Span(span.doc, first, root.i + 1, label=root.ent_type_ or "PERSON")
    appos = next((c for c in root.children if c.dep_ == "appos" and c.pos_ == "PROPN" and span.start <= c.i < span.end), None)
    if appos is not None and root.pos_ == "NOUN":
        name = span.doc[min(t.i for t in appos.subtree if t.dep_ in ("compound", "appos") or t.i == appos.i):appos.i + 1]
        return Span(span.doc, name.start, name.end, label="PERSON")
    return None


def _clean_name(text: str, titles: Lexicon | None) -> str:
    """A name without article, possessive and quotes; a person's name without leading titles (an
    organisation keeps its words: 'General Electric', 'Chief Executives Board')."""
    words = [w.strip("\"'‘’“”") for w in text.replace("’s", "").replace("'s", "").split()]
    words = [w for w in words if w]
    while len(words) > 1 and (words[0].lower() == DEFINITE_ARTICLE
                              or titles is not None and titles.has("TitleWord", words[0].lower())):
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """'Putin' and 'Vladimir Putin'; 'Dmitri Peskov' and 'Dmitry Peskov'; 'Burhan' and 'al-Burhan'."""
    a_words, b_words = [_unparticle(w) for w in a.split()], [_unparticle(w) for w in b.split()]
    if a_words[-1] != b_words[-1]:
        return False
    if len(a_words) == 1 or len(b_words) == 1:
        return True
    from rapidfuzz import fuzz

    return fuzz.ratio(a_words[0], b_words[0]) >= 70 or a_words[0][0] == b_words[0][0]


def _unparticle(word: str) -> str:
    for particle in NAME_PREFIXES:
        if word.startswith(particle.strip()) and len(word) > len(particle) + 2:
            return word[len(particle.strip()):]
    return word


@lru_cache(maxsize=65536)
def same_organisation(a: str, b: str) -> bool:
    """'Harwick' and 'Harwick Industries'; 'SEC' and 'Securities and Exchange Commission'."""
    a_words, b_words = a.split(), b.split()
    short, long = sorted((a_words, b_words), key=len)
    if len(short) < len(long) and long[:len(short)] == short and len(" ".join(short)) >= 4:
        return True
    acronym = "".join(w[0] for w in long if w not in ACRONYM_SKIPS and w[0].isalpha())
    compact = "".join(c for c in " ".join(short) if c.isalpha())
    return len(short) == 1 and len(compact) >= 2 and compact == acronym


def _head_lemma(name: str) -> str:
    word = name.lower().split()[-1] if name.split() else ""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _modifiers(name: str) -> set[str]:
    words = [w.lower() for w in name.split()[:-1]]
    return {w[:-1] if w.endswith("s") else w for w in words if w not in NAME_FILLERS} | set(words)


def _without_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _sent_index(span: Span) -> int:
    return sentence_index(span.doc, span.start)
