"""RDF namespaces used by kg, with the project's own terms as a closed DefinedNamespace."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
GRASP = Namespace("http://groundedannotationframework.org/grasp#")
POS = Namespace("https://w3id.org/kg/position/")
CHAN = Namespace("https://w3id.org/kg/channel-kind/")
ACTOR = Namespace("https://w3id.org/kg/actor/")
ID = Namespace("https://w3id.org/kg/id/")
LEX = Namespace("https://w3id.org/kg/lexicon/")


class KG(DefinedNamespace):
    """The kg ontology (ontology/kg.ttl). A misspelt term raises instead of minting a new IRI."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg/ns#")

    # classes
    Actor: URIRef
    ActorKind: URIRef
    Statement: URIRef
    QuoteKind: URIRef
    StatementKind: URIRef
    ChannelHop: URIRef
    LexiconEntry: URIRef
    LexiconKind: URIRef
    Rule: URIRef
    # individuals
    Person: URIRef
    Organization: URIRef
    Country: URIRef
    Group: URIRef
    Direct: URIRef
    Mixed: URIRef
    Indirect: URIRef
    Stance: URIRef
    Claim: URIRef
    SpeechVerb: URIRef
    CognitionVerb: URIRef
    PassiveFrame: URIRef
    Preposition: URIRef
    CitingParticiple: URIRef
    PerspectiveFrame: URIRef
    CueNoun: URIRef
    NonStatement: URIRef
    Hedge: URIRef
    StanceMarker: URIRef
    SourceNoun: URIRef
    RoleNoun: URIRef
    OutletAnaphor: URIRef
    MastheadWord: URIRef
    SignalNoun: URIRef
    AttitudeAdjective: URIRef
    OrganizationAnaphor: URIRef
    Negator: URIRef
    NegativeVerb: URIRef
    ScopeEnd: URIRef
    StanceCue: URIRef
    PositionNoun: URIRef
    OccasionVerb: URIRef
    QuestionVerb: URIRef
    DecisionWord: URIRef
    UndergoerVerb: URIRef
    AnnouncementCue: URIRef
    EvaluativeWord: URIRef
    ReportNoun: URIRef
    FalsityWord: URIRef
    DenialVerb: URIRef
    RejectionVerb: URIRef
    TruthWord: URIRef
    ConcessiveMark: URIRef
    NegativePrefix: URIRef
    CanonicalLemma: URIRef
    ReactionWord: URIRef
    EvidenceVerb: URIRef
    WithdrawalVerb: URIRef
    EngagementNoun: URIRef
    GroundNoun: URIRef
    DirectiveVerb: URIRef
    AttemptVerb: URIRef
    TitleWord: URIRef
    GenericOrganizationNoun: URIRef
    ReportAdverb: URIRef
    ChainAdverb: URIRef
    AddresseeVerb: URIRef
    RaisingVerb: URIRef
    AspectualVerb: URIRef
    WitnessVerb: URIRef
    AnonymityWord: URIRef
    IncidentalModifier: URIRef
    BriefingVerb: URIRef
    RelayPhrase: URIRef
    CreditWord: URIRef
    CreditNoun: URIRef
    ExpectationVerb: URIRef
    TentativeAdjective: URIRef
    CueAdverb: URIRef
    QuotedSpeechVerb: URIRef
    ObjectStanceVerb: URIRef
    CopulaVerb: URIRef
    PersistenceVerb: URIRef
    ChangeVerb: URIRef
    UnchangedWord: URIRef
    FutureVerb: URIRef
    GeneralWord: URIRef
    # actor properties
    actorKind: URIRef
    role: URIRef
    affiliation: URIRef
    # statement properties
    speaker: URIRef
    speakerMention: URIRef
    cue: URIRef
    content: URIRef
    quoteKind: URIRef
    hedged: URIRef
    statementKind: URIRef
    about: URIRef
    position: URIRef
    positionConfidence: URIRef
    addressee: URIRef
    article: URIRef
    evidence: URIRef
    reportedBy: URIRef
    sameAs: URIRef
    timeExpression: URIRef
    timeStart: URIRef
    timeEnd: URIRef
    # channels
    channel: URIRef
    nextHop: URIRef
    relays: URIRef
    hopIndex: URIRef
    channelKind: URIRef
    via: URIRef
    # provenance: the rules that decided
    decidedBy: URIRef
    frameRule: URIRef
    speakerRule: URIRef
    cueRule: URIRef
    kindRule: URIRef
    positionRule: URIRef
    # article
    textHash: URIRef
    # lexicon
    lemma: URIRef
    entryKind: URIRef
    hedges: URIRef
    objectIsContent: URIRef
    objectIsAddressee: URIRef
    needsSourceSubject: URIRef
    expressesStance: URIRef
    takesInfinitive: URIRef
    NonSource: URIRef
