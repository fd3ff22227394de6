"""Reports: who tells of an event, and whose sides the event has.

"X attacked Y, a spokesman said", "according to the UN", "Amin said Iranian
officials were sending weapons to the Taliban": the one reporting is the
source of the report, not always a side of what it reports. Read from the
parse for `dyad.candidates`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from pipeline.stages.context import GROUP_NOUNS, pair_reference

# The subject of a reported clause, active or passive.
CLAUSE_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
REPORTING_VERBS = frozenset({"say", "tell", "report", "announce", "add", "state", "confirm", "claim", "write", "note"})
# Those who may inform of another side's act ("a Taliban commander told me that Tehran ...").
PERSON_NOUNS = frozenset(
    {"official", "officer", "commander", "minister", "figure", "member", "spokesman", "spokeswoman", "spokesperson",
     "diplomat", "source", "leader", "fighter", "soldier", "resident", "witness", "envoy", "ambassador", "general",
     "fisherman", "farmer", "villager", "trader", "survivor", "refugee", "migrant", "journalist", "activist"}
)
STAND_IN_PRONOUNS = frozenset({"his", "her", "its", "their", "him", "them", "us", "our"})
# "X said Y must withdraw": a reported demand is the speaker's act.
DEMAND_MODALS = frozenset({"must", "should", "ought", "need"})
# "X accused Y of arming rebels, a charge Y denies": a rebuttal tacked on after a comma.
REBUTTING_VERBS = frozenset({"deny", "reject", "dispute", "dismiss", "rebuff", "refute", "contest"})
# How a side names a speaker's title: "Kenya's minister", "Kenyan President Ruto".
TITLE_DEPS = frozenset({"compound", "poss", "amod", "nmod"})
CHARGE_NOUNS = frozenset({"charge", "allegation", "accusation", "claim", "assertion", "assessment"})


def content_predicate(predicate: Token, mentions: list[Span], attribution: frozenset[int] = frozenset()) -> Token:
    """"X attacked Y, a spokesman said": the sides are those of what is
    reported, not of the attribution, when the report comes first and the
    one reporting is no side ("officials", "witnesses", "a newspaper"), or
    is only the source of a report that names two sides of its own."""
    reported = reported_content(predicate)
    if reported is None:
        return predicate
    reporters = reporter_tokens(predicate)
    if any(mention.root.i in reporters for mention in mentions) and not reporters <= attribution:
        return predicate
    return reported


def reported_content(predicate: Token) -> Token | None:
    """The clause a reporting verb reports when it comes first ("X attacked Y, a spokesman said")."""
    if predicate.lemma_.lower() not in REPORTING_VERBS:
        return None
    return next((child for child in predicate.children if child.dep_ in {"ccomp", "parataxis"} and child.i < predicate.i), None)


def reporter_tokens(predicate: Token) -> frozenset[int]:
    return frozenset(token.i for child in predicate.children if child.dep_ in {"nsubj", "nsubjpass"} for token in child.subtree)


def informant_report(predicate: Token, mentions: list[Span]) -> tuple[Token, frozenset[int]] | None:
    """"Amin said Iranian officials were sending weapons to the Taliban": a
    speaker who tells what another side did is the informant, so the sides
    are those of the report (its subject acts) and the speaker is its
    attribution, the side acted on only if the report names no other. Any
    side that tells after the fact what another did informs too ("An air
    strike by X killed 31 people, Y said"). Not a demand ("X said Y must
    withdraw"), where the speaker acts."""
    if predicate.lemma_.lower() not in REPORTING_VERBS:
        return None
    content = next((child for child in predicate.children if child.dep_ == "ccomp" and child.i > predicate.i), None)
    content = content or reported_content(predicate)
    if content is None or any(child.dep_ == "aux" and child.lower_ in DEMAND_MODALS for child in content.children):
        return None
    if is_quotation(content):
        return None  # "'Chisinau is trying to blame Russia,' Zakharova said": the speaker's own act
    reporters = reporter_tokens(predicate)
    if not any(child.dep_ == "nsubj" and is_person(child) for child in predicate.children) and not after_report(content, predicate):
        return None
    speakers = {mention.label_ for mention in mentions if mention.root.i in reporters}
    subjects = [child for child in content.children if child.dep_ in CLAUSE_SUBJECT_DEPS]
    subject = {token.i for child in subjects for token in child.subtree}
    actors = {mention.label_ for mention in mentions if mention.root.i in subject}
    # "The fighters stormed the base, a Somali army officer told AFP": a group named by a noun acts too.
    by_group = not actors and any(child.lower_ in GROUP_NOUNS for child in subjects)
    if not speakers or not (actors or by_group) or actors & speakers:
        return None
    return content, reporters


def after_report(content: Token, predicate: Token) -> bool:
    """"An air strike by X killed 31 people, Y said": a report, unquoted,
    that comes before the one telling it. A quotation is the speaker's own act."""
    if content.i > predicate.i:
        return False
    return not is_quotation(content)


def is_quotation(content: Token) -> bool:
    """Whether the reported clause is quoted whole: a quotation mark opens it."""
    start = content.left_edge.i
    return any(token.is_quote for token in content.doc[max(start - 1, 0) : start + 1])


def speaker_pronoun(content: Token) -> Token | None:
    """A pronoun in the report, outside its subject, that stands for the one
    telling it ("a Taliban commander told me that Tehran would finance his
    group"): the speaker's side is where it stands."""
    subject = {token.i for child in content.children if child.dep_ in CLAUSE_SUBJECT_DEPS for token in child.subtree}
    return next((token for token in content.subtree if token.lower_ in STAND_IN_PRONOUNS and token.i not in subject), None)


def is_person(token: Token) -> bool:
    """A named person ("Amin") or a person's title ("a senior Taliban commander"), not a state or a body."""
    return token.ent_type_ == "PERSON" or token.lemma_.lower() in PERSON_NOUNS


def attributed_sides(predicate: Token, mentions: list[Span]) -> frozenset[int]:
    """The tokens of a report's source ("..., the United Nations said",
    "according to the US government") when the report names two sides of its
    own (one may be the source's own: "X's army shelled Y, X's officials
    said"): the source only tells of the event and is no side of it.
    Empty when the report names fewer ("According to the Iranians, fighting
    began when Taliban forces ..." keeps the Iranians as a side), and for a
    side quoted ("'Chisinau is trying to blame Russia,' Zakharova said"):
    a quotation is the speaker's own act."""
    reported = reported_content(predicate)
    sources = set(reporter_tokens(predicate)) if reported is not None else set()
    if reported is not None and is_quotation(reported) and quotes_a_side(predicate, mentions):
        sources = set()
    for token in predicate.sent:
        if token.lower_ == "according" and token.dep_ == "prep":
            sources |= {word.i for word in token.subtree}
    source_codes = {mention.label_ for mention in mentions if mention.root.i in sources}
    named = {mention.label_ for mention in mentions if mention.root.i not in sources}
    return frozenset(sources) if source_codes and (len(named) >= 2 or reports_of_the_pair(reported)) else frozenset()


def reports_of_the_pair(reported: Token | None) -> bool:
    """"Neither side agreed to meet, EU officials said": the report is of the
    pair referred to ("both sides", "the two countries"), as if it named them."""
    reference = pair_reference(reported.sent) if reported is not None else None
    return reference is not None and reported.left_edge.i <= reference.i <= reported.right_edge.i


def quotes_a_side(predicate: Token, mentions: list[Span]) -> bool:
    """Whether the one speaking is a side named: the subject itself, or its title ("Kenyan President Ruto")."""
    speakers = [child for child in predicate.children if child.dep_ == "nsubj"]
    return any(titles(mention.root, speakers) for mention in mentions)


def titles(token: Token, speakers: list[Token]) -> bool:
    """Whether the token is a speaker, or on a chain of titles up to one."""
    for _step in range(3):
        if token in speakers:
            return True
        if token.dep_ not in TITLE_DEPS:
            return False
        token = token.head
    return token in speakers


def rebutted_clause(root: Token) -> Token | None:
    """"Kenya accused Somalia of harbouring militants, a charge Mogadishu
    denies": the parser may make the rebuttal the root and the charge its
    complement; the charge before the comma is what the sentence reports.
    None when the root is no such rebuttal."""
    if root.lemma_.lower() not in REBUTTING_VERBS:
        return None
    charge = next((child for child in root.children if child.dep_ == "ccomp" and child.i < root.i), None)
    if charge is None:
        return None
    last = max(token.i for token in charge.subtree)
    between = root.doc[last + 1 : root.i]
    # The comma may hang on the charge's clause, as its last token.
    if not any(token.text == "," for token in root.doc[last : root.i]) or not any(token.lemma_.lower() in CHARGE_NOUNS for token in between):
        return None
    return charge


def is_rebuttal_subject(head: Token, predicate: Token) -> bool:
    """Whether the mention is the one rebutting the charge the predicate reports (it is the side charged, not the one acting)."""
    while head.dep_ in {"appos", "compound"}:  # "a charge Armenia denies" may hang Armenia on the charge
        head = head.head
    return head.dep_ in CLAUSE_SUBJECT_DEPS and rebutted_clause(head.head) == predicate
