"""Who acts towards whom: the candidate sides of a sentence, each with its
grammatical role towards the decisive predicate, and the rules that choose
(source, target) among them.

A candidate is an actor mention of the sentence. Its role says how it hangs
on the predicate: subject, passive agent, object, the object of a preposition
(with the preposition), a possessive or apposition on one of those, a
conjunct, or a side inside a complement clause. The rules read the roles in
the order the guidelines give (the one who acts or speaks first); a learned
chooser (pipeline/model/dyad.py) reads the same candidates when trained.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.records import Candidate
from pipeline.stages.actors import ORGANISATION
from pipeline.stages.hyphens import HYPHENS, names_an_affiliation, word_after_hyphen
from pipeline.stages.reports import attributed_sides, content_predicate, informant_report, is_rebuttal_subject, speaker_pronoun

SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
# "The envoy was expelled": the passive's subject is acted on.
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
CONCESSIVE_PREPS = frozenset({"despite", "amid", "after", "following", "since", "before", "notwithstanding"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "obj", "iobj"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "conj", "pcomp"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "inside", "within", "across", "throughout", "near", "around", "into"})
# "talks between X and Y", "a deal among the three": the pair the relation is about.
RELATION_PREPOSITIONS = frozenset({"between", "among", "amongst"})
# How likely a role is to hold the side acted on; a side acting beside the
# source ("X and Y pledged aid to Z") is a target only when nothing else is.
TARGET_RANK = {
    "object": 0, "patient": 0, "relation": 0, "prep": 1, "clause": 2, "subject": 3, "agent": 3, "other": 4, "place": 5, "context": 6,
    "aside": 7, "attribution": 8, "addressee": 3,
}
# Roles that name where an event happened or who told of it, not a side of
# it: such a mention is in a claim's actors only when chosen as its source or target.
NO_SIDE_ROLES = frozenset({"place", "attribution"})
# "complained to the UN", "called on the Security Council": an organisation addressed.
ADDRESS_PREPOSITIONS = frozenset({"to", "on"})
# "asked the UN to intervene", "wrote to the Security Council": an appeal to an
# organisation is about another side, named or not.
APPEAL_VERBS = frozenset({"ask", "urge", "appeal", "write", "complain", "petition", "request", "lobby", "brief"})
# "over Israeli raids", "about Rwanda's troops": what a complaint or request is about.
ABOUT_PREPOSITIONS = frozenset({"over", "about", "against", "regarding"})
# "received weapons from Iran", "aid from Qatar arrived": the side after
# "from" gave, so it acts, and the receiver is acted on. A buyer acts.
RECEIVING_VERBS = frozenset({"receive"})
GIFT_NOUNS = frozenset(
    {"aid", "assistance", "help", "support", "backing", "funding", "fund", "money", "loan", "grant", "donation",
     "weapon", "arm", "ammunition", "training", "supply", "shipment", "delivery", "investment", "subsidy"}
)
# People who comment on a conflict without a side in it.
ANALYST_NOUNS = frozenset(
    {"analyst", "researcher", "scholar", "specialist", "professor", "academic", "fellow", "commentator"}
)
# "A, but B": B's side answers A's ("while" only sets two facts side by side).
OPPOSING_CONJUNCTIONS = frozenset({"but", "yet"})
# A pronoun subject that may stand for the subject of a clause before it.
SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she"})


BACKING_WORDS = frozenset({"backed", "brokered", "mediated", "sponsored", "drafted", "proposed", "funded", "supported"})
# "Turkish-backed factions": the ones backed act, not their backer.
PROXY_WORDS = frozenset({"backed", "supported", "funded", "sponsored", "armed"})
# What a mediator brings two other sides to: "Turkish-mediated talks".
TALK_NOUNS = frozenset({"talk", "negotiation", "dialogue", "round", "meeting", "process", "summit"})
# "talks hosted by Saudi Arabia", "a swap brokered by the UAE": who made the act possible, not its side.
MEDIATING_PARTICIPLES = BACKING_WORDS | {"hosted", "chaired", "co-chaired", "facilitated", "convened"}


def candidates(predicate: Token, mentions: list[Span]) -> list[Candidate]:
    """Every mention as a candidate side, in text order, with its role
    towards the predicate of the reported content (`content_predicate`)."""
    sides = [mention for mention in mentions if not qualifies_another_side(mention, mentions) and not names_an_affiliation(mention)]
    informed = informant_report(predicate, sides)
    if informed is None:
        attribution = attributed_sides(predicate, sides)
        predicate = content_predicate(predicate, mentions, attribution)
        return [candidate(predicate, mention, order, sides, attribution) for order, mention in enumerate(sides)]
    content, attribution = informed
    stand_in = speaker_pronoun(content)
    return [
        candidate(content, mention, order, sides, attribution, at=stand_in if mention.root.i in attribution else None)
        for order, mention in enumerate(sides)
    ]


def qualifies_another_side(mention: Span, mentions: list[Span]) -> bool:
    """"the Lebanese Hezbollah", "Yemen's Houthis": a state's word that
    modifies another side's name says whose it is, and is no side itself."""
    head = mention.root
    return head.dep_ in {"amod", "compound", "nmod", "poss"} and any(
        other.root.i == head.head.i and other.label_ != mention.label_ and not hyphen_joined(mention, other) for other in mentions
    )


def backs_what_is_acted_on(mention: Span) -> bool:
    """"a US-backed proposal", "the Qatari-mediated deal": the side that
    backed or brokered the thing acted on."""
    return word_after_hyphen(mention) in BACKING_WORDS


def backs_a_proxy_or_talks(mention: Span, head: Token, mentions: list[Span]) -> bool:
    """A named side the mention backs ("Turkish-backed factions of the Syrian
    National Army"), or talks it brokered ("Russian-brokered talks"); not
    "Russian-backed separatists" (no other side named) or "a U.K.-brokered
    plan", which the broker offers."""
    noun = qualified_noun(head)
    if noun.lemma_.lower() in TALK_NOUNS:
        return True
    inside = {token.i for token in noun.subtree}
    backed = any(other.root.i in inside and other.label_ != mention.label_ for other in mentions)
    return word_after_hyphen(mention) in PROXY_WORDS and backed


def qualified_noun(head: Token) -> Token:
    """The noun a modifier hangs on, through the participle after its hyphen ("Russian-brokered talks")."""
    token = head.head
    while token.pos_ not in {"NOUN", "PROPN"} and token.head != token:
        token = token.head
    return token


def hyphen_joined(first: Span, second: Span) -> bool:
    """"Iran-Taliban relations", "India–Pakistan talks": two sides joined by a hyphen or dash."""
    if second.start < first.start:
        first, second = second, first
    between = first.doc[first.end : second.start]
    return len(between) == 1 and between[0].text in HYPHENS and not first[-1].whitespace_


def candidate(
    predicate: Token, mention: Span, order: int, mentions: list[Span], attribution: frozenset[int] = frozenset(), *, at: Token | None = None
) -> Candidate:
    """The mention's role towards the predicate; `at`: a pronoun standing
    for the mention where the predicate's clause names it."""
    head = at if at is not None else mention.root
    path = dependency_path(head, predicate)
    prep = governing_preposition(head)
    role = role_of(head, path, prep)
    if at is None:
        role = refined_role(role, head, predicate, mention, mentions, attribution, prep)
    return Candidate(
        code=mention.label_,
        start=mention.start_char,
        end=mention.end_char,
        role=role,
        dep=head.dep_,
        prep=prep,
        path=tuple(dep for dep, _token in path),
        order=order,
        distance=abs(head.i - predicate.i),
        joint=is_joint_subject(head, mention, mentions),
    )


def refined_role(
    role: str, head: Token, predicate: Token, mention: Span, mentions: list[Span], attribution: frozenset[int], prep: str
) -> str:
    """The role, read again: a report's source, a pronoun's antecedent, an
    organisation addressed or where something is done ("at the UN")."""
    if head.i in attribution or describes_an_analyst(head):
        return "attribution"
    if is_rebuttal_subject(head, predicate):
        return "other"
    if role == "clause" and is_pronoun_antecedent(head, predicate, mentions):
        return "subject"
    if role == "clause" and said_in_passing(head, predicate):
        return "aside"
    if role == "subject" and subject_of_another_clause(head, predicate, mentions):
        return "clause"  # "Pakistan said it was open to talks, but New Delhi rejected ...": Pakistan is spoken of
    if mention.kb_id_ == ORGANISATION and is_addressee(head, mention, mentions):
        return "addressee"
    if mention.kb_id_ == ORGANISATION and prep == "at" and head.dep_ == "pobj":
        return "place"  # a forum: "used its veto at the UN Security Council"
    if role == "object" and joins_the_subject(head):
        return "other"  # "Lithuania joined Poland in a statement condemning Minsk": a partner, not the side acted on
    if role == "subject" and backs_what_is_acted_on(mention) and backs_a_proxy_or_talks(mention, head, mentions):
        return "aside"  # "Turkish-mediated talks collapsed", "Turkish-backed factions fought the SDF": not the side
    if role in {"object", "prep"} and backs_what_is_acted_on(mention):
        return "other"  # "rejected a US-backed proposal for a truce with the RSF": the backer stands aside
    if prep == "from" and role in {"object", "prep", "subject", "clause"} and is_giver(head):
        return "agent"
    if role == "subject" and predicate.lemma_ in RECEIVING_VERBS and any(is_giver(other.root) for other in mentions):
        return "patient"  # the receiver: "Colombia received intelligence from the United States"
    return role


def said_in_passing(head: Token, predicate: Token) -> bool:
    """The mention is inside a clause set off by a comma to describe a noun
    ("Russia, which leads the CSTO, welcomed the deal"; "The truce,
    brokered by the United States, was approved"), or it mediated what the
    sentence tells of ("talks mediated by the African Union collapsed"):
    background, not the act. Not where it acts in that clause."""
    subject = head
    while subject.dep_ == "conj" and subject.head != subject:  # "which Moscow and Minsk describe as defensive"
        subject = subject.head
    if subject.dep_ in SUBJECT_DEPS and subject.head.dep_ == "relcl":
        return False  # "a two-state solution, which Ankara advocates": the side acts in the clause
    token = head
    while token != predicate and token.head != token:
        describing = (token.dep_ == "relcl" and not tells_when_or_where(token)) or (token.dep_ == "acl" and token.tag_ == "VBN")
        if describing and token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text == ",":
            return True
        if token.dep_ == "acl" and token.lower_ in MEDIATING_PARTICIPLES:  # "talks mediated by the African Union collapsed"
            return True
        token = token.head
    return False


def tells_when_or_where(clause: Token) -> bool:
    """"since 2017, when Dhaka and Naypyitaw signed a deal", "in Yemen, where
    the coalition fought the Houthis": the clause tells what happened then or there."""
    return any(child.tag_ == "WRB" for child in clause.children)


def subject_of_another_clause(head: Token, predicate: Token, mentions: list[Span]) -> bool:
    """The subject of the first clause of "A, but B" where B names its own
    acting side and decides: "Pakistan said it was open to an inquiry, but
    New Delhi rejected any third-party role"; not where B's subject is no
    side ("..., but the talks stalled") or where both clauses are what the
    subject said ("wrote that the group was open to talks, but that ...")."""
    second = predicate
    while second.dep_ == "ccomp":  # "but Seoul said the promise was not enough"
        second = second.head
    first = second.head
    if second.dep_ != "conj" or first.dep_ in {"ccomp", "xcomp"} or head.head != first or head.dep_ not in SUBJECT_DEPS:
        return False
    if any(child.dep_ == "mark" and child.lower_ == "that" for child in second.children):
        return False  # "wrote that ..., but that Riyadh must ...": a second thing the subject said
    between = second.doc[first.i + 1 : second.i]
    contrasted = any(token.dep_ == "cc" and token.lower_ in OPPOSING_CONJUNCTIONS for token in between)
    sides = {mention.root.i for mention in mentions}
    subjects = [child for child in second.children if child.dep_ in SUBJECT_DEPS]
    return contrasted and any(token.i in sides for subject in subjects for token in subject.subtree)


def joins_the_subject(head: Token) -> bool:
    """"joined Poland in a statement", "joined France in condemning": the one
    joined acts beside the subject."""
    verb = head.head
    return head.dep_ == "dobj" and verb.lemma_ == "join" and any(child.dep_ == "prep" and child.lower_ == "in" for child in verb.children)


def describes_an_analyst(head: Token) -> bool:
    """"a Yemen researcher", "an analyst at the International Crisis Group",
    "a specialist at a Washington think tank": the side only says who the
    analyst is; an analyst is no side (the guidelines code political actors)."""
    token = head
    for _step in range(4):
        if token.dep_ not in {"compound", "amod", "nmod", "poss", "pobj", "prep"} or token.head == token:
            return False
        token = token.head
        if token.lemma_.lower() in ANALYST_NOUNS or is_think_tank(token):
            return True
    return False


def is_think_tank(token: Token) -> bool:
    return token.lower_ == "tank" and any(child.lower_ == "think" for child in token.children)


def is_giver(head: Token) -> bool:
    """"received weapons and training from the Iranians", "aid from Qatar
    reached Gaza": the object of "from" on a verb of
    receiving, on what is received, or on a gift that arrives gave it."""
    if head.dep_ != "pobj" or head.head.lower_ != "from":
        return False
    governor = head.head.head
    while governor.dep_ == "conj" and governor.head != governor:
        governor = governor.head
    if governor.pos_ == "VERB" and governor.lemma_ in RECEIVING_VERBS:
        return True
    if governor.dep_ in OBJECT_DEPS and governor.head.lemma_ in RECEIVING_VERBS:
        return True  # "received intelligence from the United States"
    return governor.lemma_ in GIFT_NOUNS and governor.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS


def is_addressee(head: Token, mention: Span, mentions: list[Span]) -> bool:
    """"Lebanon complained to the UN over Israeli raids", "Guyana asked the
    ICJ to restrain Caracas": an organisation asked or told something about
    a side the sentence names after it is the channel, and that side the target."""
    verb = addressing_verb(head)
    if verb is None or verb.pos_ != "VERB":
        return False
    if verb.lemma_ in APPEAL_VERBS:
        return True  # "asked the UN Security Council to intervene": whom it is about may come from context
    about = [child for child in verb.children if child.i > head.i and (child.dep_ in {"xcomp", "ccomp"} or child.lower_ in ABOUT_PREPOSITIONS)]
    inside = {token.i for child in about for token in child.subtree}
    acting = {token.i for child in verb.children if child.dep_ in SUBJECT_DEPS for token in child.subtree}
    return any(other.root.i in inside and other.label_ != mention.label_ and other.root.i not in acting for other in mentions)


def addressing_verb(head: Token) -> Token | None:
    """The verb that addresses the mention: its object ("asked the ICJ"), or
    the object of its "to"/"on" ("complained to the UN", "called on the AU")."""
    if head.dep_ in {"dobj", "dative"}:
        return head.head
    if head.dep_ == "pobj" and head.head.lower_ in ADDRESS_PREPOSITIONS:
        return head.head.head
    return None


def is_pronoun_antecedent(head: Token, predicate: Token, mentions: list[Span]) -> bool:
    """"After Ghana hosted talks, it signed a pact": the predicate's subject
    is a pronoun, and the mention is the subject of a clause before it, the
    nearest such mention, so the pronoun stands for it."""
    pronoun = next((child for child in predicate.children if child.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS), None)
    if pronoun is None or pronoun.lower_ not in SUBJECT_PRONOUNS or head.dep_ not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS:
        return False
    subjects = [m.root.i for m in mentions if m.root.dep_ in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS and m.root.i < pronoun.i]
    return bool(subjects) and head.i == max(subjects) and predicate in head.ancestors


def dependency_path(head: Token, predicate: Token) -> list[tuple[str, Token]]:
    """(dependency, token) from the mention's head up to the predicate's child,
    or up to the sentence root when the predicate does not govern it."""
    path = []
    token = head
    while token != predicate and token.head != token:
        path.append((token.dep_, token))
        token = token.head
        if len(path) > 12:
            break
    return path


def governing_preposition(head: Token) -> str:
    """The preposition whose object the mention is (directly or through a
    possessive, compound or conjunct: "with Kenya's army", "between X and Y")."""
    token = head
    for _ in range(4):
        if token.dep_ == "pobj":
            return token.head.lower_
        if token.dep_ not in {"poss", "compound", "amod", "conj", "appos", "nmod"}:
            return ""
        token = token.head
    return ""


def role_of(head: Token, path: list[tuple[str, Token]], prep: str) -> str:
    """The candidate's role, read from the first dependency on the path that
    names one (the predicate's own child comes last on the path)."""
    if not path:
        return "subject"  # the mention is the predicate itself ("talks", a nominal root)
    top_dep, top = path[-1]
    if prep in LOCATIVE_PREPOSITIONS and is_place_phrase(head):
        return "place"
    if prep in RELATION_PREPOSITIONS and only_control_clauses(path):
        return "relation"
    if any(listed_after_colon(dep, token) for dep, token in path):
        return "other"
    if any(heads_clause(dep, token) for dep, token in path):
        return "clause"
    if top_dep == "prep" and top.lower_ in CONCESSIVE_PREPS:
        return "other"
    if top_dep == "agent":
        return "agent"
    if top_dep in PASSIVE_SUBJECT_DEPS and is_the_subject_itself(path):
        return "patient"
    if top_dep in SUBJECT_DEPS:
        return "subject"
    if prep in RELATION_PREPOSITIONS:
        return "relation"
    if top_dep in OBJECT_DEPS:
        return "object"
    if top_dep == "prep":
        return "prep"
    return "other"


def listed_after_colon(dep: str, token: Token) -> bool:
    """"Most meetings have focused on ...: border security; Taliban concerns
    ...": the parser hangs a list after a colon on the subject as an
    apposition, but the list's sides are not the subject."""
    if dep != "appos":
        return False
    low, high = sorted((token.i, token.head.i))
    return any(between.text in {":", ";"} for between in token.doc[low + 1 : high])


def only_control_clauses(path: list[tuple[str, Token]]) -> bool:
    """"Kenya offered to mediate between X and Y": the clauses on the path
    are the predicate's own infinitives, so the pair is still its relation."""
    clauses = [dep for dep, token in path if heads_clause(dep, token)]
    return bool(clauses) and all(dep == "xcomp" for dep in clauses)


def is_place_phrase(head: Token) -> bool:
    """"in Kabul", "in Afghan territory", "in Iran and Iraq": the mention names
    where something happens, at any depth; "Afghans in Iran" is a place only
    for "Iran"."""
    token = head
    while token.dep_ in {"compound", "amod", "conj", "nmod"}:
        token = token.head
    return token.dep_ == "pobj"


def is_the_subject_itself(path: list[tuple[str, Token]]) -> bool:
    """"Iranian diplomats were expelled", not "Iran's support was welcomed"
    (the possessor of a deed did it) or "relations between X and Y were cut"."""
    return all(dep in {"compound", "amod", "conj", "appos"} for dep, _token in path[:-1])


def heads_clause(dep: str, token: Token) -> bool:
    """Whether the token heads a clause of its own (a complement, a relative
    clause, a second verb), not a noun joined to another."""
    return dep in CLAUSE_DEPS and (dep != "conj" or token.pos_ in {"VERB", "AUX"})


def is_joint_subject(head: Token, mention: Span, mentions: list[Span]) -> bool:
    """Whether the mention is coordinated with another side ("Kenya and
    Ethiopia", "Indian and Pakistani troops")."""
    linked = {head.head.i} if head.dep_ == "conj" else set()
    linked |= {child.i for child in head.children if child.dep_ == "conj"}
    if head.dep_ == "amod":  # "Indian and Pakistani troops": demonyms joined under one noun
        linked |= {child.i for child in head.head.children if child.dep_ == "amod" and child != head}
    # "Thai Prime Minister X and Cambodian Prime Minister Y": the titled names are joined
    bearer = title_bearer(head)
    linked |= {bearer.head.i} if bearer.dep_ == "conj" else set()
    linked |= {child.i for child in bearer.children if child.dep_ == "conj"}
    return any(
        (other.root.i in linked or title_bearer(other.root).i in linked or hyphen_joined(mention, other)) and other.label_ != mention.label_
        for other in mentions
    )


def title_bearer(head: Token) -> Token:
    """The name or noun a title or modifier belongs to ("Thai" in "Thai Prime Minister Phumtham")."""
    while head.dep_ in {"compound", "amod", "poss"} and head.head != head:
        head = head.head
    return head


def choose_dyad(found: list[Candidate]) -> tuple[str | None, str | None, bool]:
    """(source, target, symmetric) by rule: the passive agent or the subject
    acts; the sides joined in the subject or named after "between" act jointly;
    the target is the nearest other side by role."""
    if not found:
        return None, None, False
    joint = joint_pair(found)
    if joint is not None:
        return joint[0], joint[1], True
    acting = [c for c in found if c.role not in {"patient", "place"}]
    if not acting and not any(c.role == "patient" for c in found):
        acting = [c for c in found if c.role == "place"]  # "Fighting erupted in Sudan"
    if not acting:  # "The envoy was expelled (in Kabul)": who acted comes from context
        return None, min(found, key=target_rank).code, False
    source = min(acting, key=source_rank).code
    # An organisation appealed to is the channel: with no other side, the target comes from context.
    others = [c for c in found if c.code != source and c.role not in {"addressee", "attribution"}]
    if not others:
        return source, None, False
    target = min(others, key=target_rank).code
    return source, target, False


def joint_pair(found: list[Candidate]) -> tuple[str, str] | None:
    """Two different sides that act together: joined as the subject with no
    side acted on ("X and Y agreed", not "X and Y pledged aid to Z"), the
    pair named after "between" (a third side hosting or welcoming it comes
    after), or, when no side acts, two sides joined anywhere ("X-Y ties"), in the text's order."""
    acting = {"subject", "agent"}
    acted_on = {c.code for c in found if c.role in {"object", "prep", "relation"} or said_of(c)}
    for roles in (acting, {"relation"}):
        sides = [c for c in found if c.role in roles and c.joint]
        codes = list(dict.fromkeys(c.code for c in sorted(sides, key=lambda c: c.order)))
        if roles is acting and acted_on - set(codes):
            continue
        if roles is not acting and any(c.role in acting and c.code not in codes for c in found):
            return None  # "Oman brokered a truce between X and Y": the mediator acts on the pair
        if len(codes) >= 2:
            return codes[0], codes[1]
    if not any(c.role in acting for c in found):  # "the trajectory of Iran-Taliban relations": no side acts
        joined = [c for c in sorted(found, key=lambda c: c.order) if c.joint and c.role not in {"place", "clause", "aside"}]
        codes = list(dict.fromkeys(c.code for c in joined))  # not "accused it of buying arms from France and India"
        if len(codes) >= 2:
            return codes[0], codes[1]
    return None


def said_of(found: Candidate) -> bool:
    """"X and Y said Serbia should be held accountable": a side in what is said is spoken of."""
    return found.role == "clause" and found.path[-1:] == ("ccomp",)


def source_rank(found: Candidate) -> tuple[int, int, int]:
    rank = {"agent": 0, "subject": 1, "place": 3, "aside": 3, "attribution": 4}.get(found.role, 2)
    # Inside the subject, its head ("Egypt's minister") over a modifier of it.
    return rank, len(found.path), found.order


def target_rank(found: Candidate) -> tuple[int, int, int]:
    return TARGET_RANK.get(found.role, 4), found.distance, found.order
