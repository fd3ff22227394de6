"""The spaCy component that links mentions to actor codes (the dictionary is
`dictionary.py`'s).

A state mention that stands for a government (`titles.py`: a capital that
is a side of the sentence, a state that acts, or one named in an official's title) takes the code of the government
in power on the article's date (`doc.user_data[ARTICLE_DATE]`, set when the
article is tokenised), or on the earlier year its sentence names; an article
with no date takes the newest government.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pipeline.stages.acronyms import acronym_mentions
from pipeline.stages.armednouns import armed_group_references
from pipeline.stages.articledate import stated_day
from pipeline.stages.dictionary import PLACE_FIELDS, ActorDictionary
from pipeline.stages.institutions import institution_references
from pipeline.stages.orgnouns import organisation_references
from pipeline.stages.people import people_mentions, people_of, person_per_token
from pipeline.stages.titles import acts, in_the_past, is_place, qualifies_other, role_noun, titled_span

SPAN_KEY = "actors"
ORGANISATION = "organisation"  # an actor mention's kb_id_ when its code is an organisation's
ARTICLE_DATE = "article_date"  # doc.user_data key: the article's date (ISO) or None
GOVERNMENTS = "governments"  # doc.user_data key: the dictionary's governments (state code -> its roles)
NON_STATE_KINDS = "non_state_kinds"  # doc.user_data key: code -> "organisation" or "movement"
# Entity types that can stand for a political actor when they contain an alias.
ACTOR_ENTITY_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON", "FAC", "LOC"})
GOVERNMENT_FIELDS = frozenset({"names", "capitals"})
# Lower-case words inside a place's name ("Mocimboa da Praia", "Santiago de Cuba").
NAME_PARTICLES = frozenset({"da", "de", "do", "das", "dos", "del", "della", "di", "du", "des"})
# The entities a city's or a town's name may be (cities.py): a town is no region ("Asia", "the Andes").
CITY_FIELDS = {"cities": frozenset({"GPE", "FAC", "LOC"}), "towns": frozenset({"GPE", "FAC"})}
# Nouns that make a state's or a city's name a feature of the land or the sea:
# "the Niger Delta", "the San Juan river", "the Jordan Valley", "the Korean Peninsula".
FEATURE_AFTER = frozenset(
    {"river", "delta", "basin", "valley", "lake", "sea", "gulf", "bay", "strait", "straits", "canal", "peninsula",
     "plateau", "desert", "mountains", "highlands", "ocean", "estuary", "lagoon"}
)
# ... and before it: "Lake Chad", "Mount Lebanon"; with "of": "the Gulf of Guinea", "the Sea of Japan".
FEATURE_BEFORE = frozenset({"lake", "mount"})
FEATURE_BEFORE_OF = frozenset({"gulf", "sea", "bay", "strait", "straits"})


@Language.factory("actor_linker", default_config={"dictionary_json": "{}"})
def make_actor_linker(nlp: Language, name: str, dictionary_json: str) -> ActorLinker:
    return ActorLinker(nlp, ActorDictionary.from_json(dictionary_json))


class ActorLinker:
    """Put each actor mention in `doc.spans["actors"]`, labelled with its code.

    A dictionary match inside a named entity (e.g. "Qomi" in "Hassan Kazemi
    Qomi") is widened to the whole entity, so the mention reads naturally; a
    state's name inside a person's name ("Jordan" in "Michael Jordan") is no mention.
    """

    def __init__(self, nlp: Language, dictionary: ActorDictionary) -> None:
        self.dictionary = dictionary
        self.kinds = dictionary.non_state_kinds()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for alias, (code, field) in sorted(dictionary.aliases.items()):
            self.matcher.add(f"{field}:{code}", [nlp.make_doc(alias)])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans[SPAN_KEY] = find_mentions(doc, self.matcher, self.dictionary)
        doc.user_data[GOVERNMENTS] = self.dictionary.governments
        doc.user_data[NON_STATE_KINDS] = self.kinds
        return doc


def find_mentions(doc: Doc, matcher: PhraseMatcher, dictionary: ActorDictionary) -> list[Span]:
    entity_at = actor_entity_per_token(doc)
    matches = []
    for key, start, end in matcher(doc):
        field, code = doc.vocab.strings[key].split(":", 1)
        ent = entity_at[start]
        if field in PLACE_FIELDS and ent is not None and ent.label_ == "PERSON" and ent.start < start and not after_article(ent, start):
            continue  # a person's surname: "Jordan" in "Michael Jordan" (not "Ugandan" in "Ugandan President Museveni")
        if field in CITY_FIELDS and not names_whole_place(ent, start, end, CITY_FIELDS[field]):
            continue
        if field == "demonyms" and inside_longer_name(ent, start):
            continue
        if code in dictionary.organisations and inside_another_body(ent, start):
            continue
        if field in PLACE_FIELDS and (in_longer_place_name(doc, start, end) or names_a_feature(doc, start, end)):
            continue
        matched = Span(doc, start, end, label=code)
        matches.append((widen_to_entity(matched, entity_at), field, matched))
    # Two aliases widened to one entity ("the Afghan Taliban"): the one on its head word names it.
    matches.sort(key=lambda match: not (match[2].start <= match[0].root.i < match[2].end))
    kept = filter_spans([span for span, _field, _matched in matches])
    # Reversed, so that for one span the first match (the head word's) gives the field.
    field_of = {(span.start, span.end, span.label_): field for span, field, _matched in reversed(matches)}
    day_of = event_days(doc, kept)
    linked = [as_government(span, field_of[span.start, span.end, span.label_], dictionary, day_of[span.start]) for span in kept]
    mentions = [with_kind(within_own_words(kept, linked, i), dictionary) for i in range(len(kept))]
    mentions = titles_over_listed_names(doc, mentions, [field_of[span.start, span.end, span.label_] for span in kept])
    named_again = people_mentions(doc, mentions) + organisation_references(doc, mentions, ORGANISATION)
    named_again += acronym_mentions(doc, [*mentions, *named_again])
    named_again += institution_references(doc, [*mentions, *named_again], dictionary.organisations | dictionary.movements)
    named_again += armed_group_references(doc, [*mentions, *named_again], dictionary.movements)
    return sorted(mentions + named_again, key=lambda span: span.start)


def titles_over_listed_names(doc: Doc, mentions: list[Span], fields: list[str]) -> list[Span]:
    """A person the dictionary lists as one state's official but whose title
    names another state ("Colombian Defence Minister Pedro Sanchez", not
    Spain's prime minister) takes the title's code: the title is the
    article's own word, the listed name a namesake."""
    person_at = person_per_token(doc)
    title_of: dict[int, str] = {}
    for mention, field in zip(mentions, fields):
        if field != "officials":
            title_of.update((person.start, mention.label_) for person in people_of(mention, person_at) if just_after(mention, person))
    return [retitled(mention, title_of, person_at) if field == "officials" else mention for mention, field in zip(mentions, fields)]


def just_after(title: Span, person: Span) -> bool:
    """The name follows its title at once, or after one comma ("Colombia's
    defence minister, Pedro Sanchez"), where the parse cannot tie it to
    another title ("Turkish Foreign Minister Hakan Fidan and his Iraqi counterpart")."""
    between = title.doc[title.end : person.start]
    return title.end <= person.start and all(token.text == "," for token in between) and len(between) <= 1


def retitled(mention: Span, title_of: dict[int, str], person_at: list[Span | None]) -> Span:
    person = person_at[mention.start]
    code = title_of.get(person.start) if person is not None else None
    if code is None or code == mention.label_:
        return mention
    return Span(mention.doc, mention.start, mention.end, label=code)


def with_kind(span: Span, dictionary: ActorDictionary) -> Span:
    """An organisation's mention carries ORGANISATION as its `kb_id_`, for the dyad (`stages/dyad.py`)."""
    if span.label_ not in dictionary.organisations:
        return span
    return Span(span.doc, span.start, span.end, label=span.label_, kb_id=ORGANISATION)


def after_article(ent: Span, start: int) -> bool:
    """Only "the" comes before the match in the entity: "the Tigray People's
    Liberation Front" read as a person is still the movement, not a surname."""
    return ent.start == start - 1 and ent[0].lower_ == "the"


def inside_longer_name(ent: Span | None, start: int) -> bool:
    """A demonym inside a longer name ("South American", "the Organization of
    American States") is not its state; one joined by a hyphen ("anti-American",
    "pro-Iranian") or after "the" is."""
    if ent is None or ent.start >= start or after_article(ent, start):
        return False
    return ent.doc[start - 1].text not in {"-", "\u2013"}


def in_longer_place_name(doc: Doc, start: int, end: int) -> bool:
    """"Praia" in "Mocimboa da Praia", "Santiago" in "Santiago de Cuba": a
    name joined to another by a lower-case particle names another place."""
    before = start > 0 and doc[start - 1].text in NAME_PARTICLES
    after = end + 1 < len(doc) and doc[end].text in NAME_PARTICLES and doc[end + 1].is_title
    return before or after


def names_a_feature(doc: Doc, start: int, end: int) -> bool:
    """A river, a sea, a valley named after a state or a city is a place, no side."""
    after = end < len(doc) and doc[end].lower_ in FEATURE_AFTER
    before = start > 0 and doc[start - 1].lower_ in FEATURE_BEFORE
    before_of = start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in FEATURE_BEFORE_OF
    return after or before or before_of


def inside_another_body(ent: Span | None, start: int) -> bool:
    """An organisation's alias at the end of another body's name: "Security
    Council" in "Iraq's National Security Council" or "the Peace and Security
    Council"; not after "the" or another actor's word ("the UN Security Council")."""
    if ent is None or ent.label_ != "ORG" or ent.start >= start or after_article(ent, start):
        return False
    return any(token.is_title and token.lower_ != "the" for token in ent.doc[ent.start : start])


def names_whole_place(ent: Span | None, start: int, end: int, labels: frozenset[str]) -> bool:
    """A city's name is the whole place entity: not a word ("Split", "Mobile"),
    nor part of a longer place ("York" in "New York", "Asia" in "Central Asia")."""
    if ent is None or ent.label_ not in labels or ent.end != end:
        return False
    return ent.start == start or after_article(ent, start)


def within_own_words(kept: list[Span], linked: list[Span], i: int) -> Span:
    """A title widened over another mention ("Chinese and Pakistani officials")
    keeps the mention's own words. `kept` is sorted and without overlaps, so
    only the mentions just before and after can be reached."""
    span, final = kept[i], linked[i]
    neighbours = kept[max(i - 1, 0) : i] + kept[i + 1 : i + 2]
    if any(other.start < final.end and final.start < other.end for other in neighbours):
        return Span(span.doc, span.start, span.end, label=final.label_, kb_id=final.kb_id_)
    return final


def article_day(doc: Doc) -> dt.date | None:
    value = doc.user_data.get(ARTICLE_DATE)
    return dt.date.fromisoformat(value) if value else None


def event_days(doc: Doc, mentions: list[Span]) -> dict[int, dt.date | None]:
    """The day each mention's sentence speaks of, by the mention's start: the
    year the sentence names when that is before the article's date ("In 1973,
    Afghanistan signed"), else the article's date."""
    article = article_day(doc)
    if not doc.has_annotation("SENT_START"):
        return {span.start: article for span in mentions}
    by_sentence: dict[int, dt.date | None] = {}
    for span in mentions:
        sent = span.sent
        if sent.start not in by_sentence:
            by_sentence[sent.start] = stated_before(sent, article) or article
    return {span.start: by_sentence[span.sent.start] for span in mentions}


def stated_before(sent: Span, article: dt.date | None) -> dt.date | None:
    """The earlier day the sentence speaks of ("In 1973, ..."), or None when it
    names no year or one not before the article's date."""
    stated = stated_day(sent)
    return stated if stated is not None and (article is None or stated < article) else None


def as_government(span: Span, field: str, dictionary: ActorDictionary, day: dt.date | None) -> Span:
    """The mention, widened to the official's words when it is in a title, and
    coded as the government in power when it stands for one; then its
    `kb_id_` is the state's code, so a later reference to it can be dated
    again (`stages/resolve.in_power_then`)."""
    if field not in PLACE_FIELDS:
        return span
    role = role_noun(span)
    if role is not None:
        span = titled_span(span, role)
    elif not stands_for_government(span, field):
        return span
    code = dictionary.government_on(span.label_, day, previous=in_the_past(span, role))
    return Span(span.doc, span.start, span.end, label=code, kb_id=span.label_)


def stands_for_government(span: Span, field: str) -> bool:
    """A capital that is a side ("talks with Kabul"), or a state's name that acts ("Afghanistan signed")."""
    if field == "capitals":
        return not (is_place(span) or qualifies_other(span))
    return field in GOVERNMENT_FIELDS and acts(span)


def actor_entity_per_token(doc: Doc) -> list[Span | None]:
    """For each token, the actor-type entity it lies in, if any: one pass over
    the entities, so widening every match is linear in the article's length."""
    entity_at: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:  # built anew on every access, so read once
        if ent.label_ in ACTOR_ENTITY_LABELS:
            entity_at[ent.start : ent.end] = [ent] * len(ent)
    return entity_at


def widen_to_entity(span: Span, entity_at: list[Span | None]) -> Span:
    ent = entity_at[span.start]
    if ent is not None and span.end <= ent.end and (ent.start, ent.end) != (span.start, span.end):
        return Span(span.doc, ent.start, ent.end, label=span.label_)
    return span
