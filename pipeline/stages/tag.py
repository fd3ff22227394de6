"""Tag: entities, canonical actors and stance for each sentence."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from pipeline.config import NON_CLAIM_KINDS
from pipeline.records import Candidate, InheritedActor, Mention, Sentence, Stance
from pipeline.stages.actors import SPAN_KEY
from pipeline.stages.context import main_pair, pair_reference
from pipeline.stages.dyad import LOCATIVE_PREPOSITIONS, NO_SIDE_ROLES
from pipeline.stages.hyphens import names_an_affiliation
from pipeline.stages.mode import find_mode
from pipeline.stages.predicate import predicate_terms
from pipeline.stages.resolve import Context, context_candidates, in_power_then, resolve_sides
from pipeline.stages.segment import Unit
from pipeline.stages.stance import find_stance, guideline_of, main_clause_text

NO_STANCE = Stance(source=None, target=None, polarity="neutral", cue=())
# How many units before the previous one a noun reference ("the group") may reach back.
EARLIER_UNITS = 3


def tag_units(doc_id: str, doc: Doc, units: list[Unit]) -> Iterator[tuple[Unit, Sentence]]:
    """Each unit tagged, in order. The article's main pair is read from the
    whole parsed article first, so a unit's sides never depend on which other
    units are tagged with it."""
    history: list[tuple[InheritedActor, ...]] = []  # each unit's sides, the last first
    entities = DocEntities(doc)
    article_pair = main_pair(doc, [mention for mention in entities.mentions if not is_place(mention) and not names_an_affiliation(mention)])
    for unit in units:
        previous = history[0] if history else ()
        context = Context(previous=previous, article=article_pair, earlier=earlier_sides(history[1:EARLIER_UNITS + 1], previous))
        sentence, sides = tag_with_sides(doc_id, unit, context, entities=entities)
        history.insert(0, sides)
        yield unit, sentence


def earlier_sides(units: list[tuple[InheritedActor, ...]], previous: tuple[InheritedActor, ...]) -> tuple[InheritedActor, ...]:
    """The sides of the units before the previous one, the nearest first, each code once and none of the previous unit's."""
    seen = {side.code for side in previous}
    found = []
    for sides in units:
        for side in sides:
            if side.code not in seen:
                seen.add(side.code)
                found.append(side)
    return tuple(found)


class DocEntities:
    """A doc's named entities and actor mentions, read once per article.

    `Span.ents` and `Doc.ents` rebuild the doc's whole entity list on each
    access; asked per sentence and per mention, that made tagging quadratic
    in the article's length. The lookups here give the same spans.
    """

    def __init__(self, doc: Doc) -> None:
        self.ents = doc.ents
        self.ent_starts = [ent.start for ent in self.ents]
        self.mentions = sorted(doc.spans[SPAN_KEY], key=lambda mention: mention.start)
        self.mention_starts = [mention.start for mention in self.mentions]

    def ents_in(self, span: Span) -> list[Span]:
        """`span.ents`: the entities from the span's start on, up to the first that ends after it."""
        found = []
        for i in range(bisect_left(self.ent_starts, span.start), len(self.ents)):
            ent = self.ents[i]
            if ent.end > span.end:
                break
            found.append(ent)
        return found

    def mentions_in(self, span: Span) -> list[Span]:
        """The actor mentions inside the span, in order."""
        found = []
        for i in range(bisect_left(self.mention_starts, span.start), len(self.mentions)):
            mention = self.mentions[i]
            if mention.start >= span.end:
                break
            if mention.end <= span.end:
                found.append(mention)
        return found


def tag_with_sides(
    doc_id: str, unit: Unit, context: Context, *, entities: DocEntities
) -> tuple[Sentence, tuple[InheritedActor, ...]]:
    """The tagged sentence, and its sides (named or resolved from context),
    each with where it is mentioned, for the next sentence to refer to."""
    span = unit.span
    actor_spans = entities.mentions_in(span)
    mentions = tuple(
        sorted(actor_mentions(actor_spans, entities) + other_entities(span, actor_spans, entities), key=lambda m: m.start)
    )
    stance, found = find_stance(span, actor_spans) if actor_spans else (replace(NO_STANCE, guideline=guideline_of(span)), [])
    main_codes = {side.code for side in context.article}
    found = [replace(candidate, main=candidate.code in main_codes) for candidate in found]
    inherited: tuple[InheritedActor, ...] = ()
    carried: tuple[InheritedActor, ...] = ()
    acted_on_pair: tuple[InheritedActor, ...] = ()
    referred: frozenset[str] = frozenset()
    if unit.kind not in NON_CLAIM_KINDS:
        context = in_power_then(context, span)
        stance, inherited, refers, acted_on_pair = resolve_sides(span, stance, found, context)
        carried = (*inherited, *acted_on_pair) if refers else ()
        if pair_reference(span) is not None:  # "both sides": the pair's two codes, whichever the rules took
            referred = frozenset((stance.source, stance.target, *(side.code for side in acted_on_pair)))
    named = [c.code for c in found if c.role not in NO_SIDE_ROLES or c.code in (stance.source, stance.target)]
    paired = [side.code for side in acted_on_pair]
    actors = tuple(dict.fromkeys(code for code in (stance.source, stance.target, *paired, *named) if code))
    sentence = Sentence(
        doc=doc_id,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        kind=unit.kind,
        mentions=mentions,
        actors=actors,
        stance=stance,
        main_clause=main_clause_text(span),
        mode=find_mode(span),
        predicate=predicate_terms(span),
        inherited=inherited,
        candidates=tuple(found) + (context_candidates(context, found, inherited, referred) if unit.kind not in NON_CLAIM_KINDS else ()),
    )
    return sentence, sides_for_next(actors, found, carried)


def sides_for_next(codes: tuple[str, ...], found: list[Candidate], inherited: tuple[InheritedActor, ...]) -> tuple[InheritedActor, ...]:
    """Each side with the offsets of its first mention here, or of the
    antecedent it was resolved to, for the next sentence to refer to."""
    where = {side.code: side for side in reversed(inherited)}
    for candidate in reversed(found):
        where[candidate.code] = InheritedActor(candidate.code, candidate.start, candidate.end)
    return tuple(InheritedActor(code, where[code].start, where[code].end) for code in codes if code in where)


def is_place(mention: Span) -> bool:
    """A country or city named only as where something happens ("in Afghanistan")
    is a location, not a side of the relation."""
    head = mention.root
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS


def actor_mentions(actor_spans: list[Span], entities: DocEntities) -> list[Mention]:
    return [
        Mention(start=s.start_char, end=s.end_char, text=s.text, label=entity_label(s, entities), actor=s.label_)
        for s in actor_spans
    ]


def entity_label(span: Span, entities: DocEntities) -> str:
    for ent in entities.ents_in(span):
        if ent.start == span.start and ent.end == span.end:
            return ent.label_
    return "ACTOR"


def other_entities(span: Span, actor_spans: list[Span], entities: DocEntities) -> list[Mention]:
    taken = {token.i for s in actor_spans for token in s}
    return [
        Mention(start=ent.start_char, end=ent.end_char, text=ent.text, label=ent.label_, actor=None)
        for ent in entities.ents_in(span)
        if not any(token.i in taken for token in ent)
    ]
