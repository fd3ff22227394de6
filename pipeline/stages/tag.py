"""Tag: entities, canonical actors and stance for each sentence."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from pipeline.stages.actors import SPAN_KEY
from pipeline.config import NON_CLAIM_KINDS
from pipeline.records import InheritedActor, Mention, Sentence, Stance
from pipeline.stages.segment import Unit
from pipeline.stages.mode import find_mode
from pipeline.stages.stance import find_stance, main_clause_text

LOCATIVE_PREPOSITIONS = frozenset({"in", "inside", "within", "across", "throughout", "near", "around", "into"})
NO_STANCE = Stance(source=None, target=None, polarity="neutral", cue=())


def tag_units(doc_id: str, doc: Doc, units: list[Unit]) -> Iterator[tuple[Unit, Sentence]]:
    previous_sides: tuple[InheritedActor, ...] = ()
    entities = DocEntities(doc)
    for unit in units:
        sentence, previous_sides = tag_with_sides(doc_id, unit, previous_sides, entities=entities)
        yield unit, sentence


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
    doc_id: str, unit: Unit, previous_sides: tuple[InheritedActor, ...], *, entities: DocEntities
) -> tuple[Sentence, tuple[InheritedActor, ...]]:
    """The tagged sentence, and the sides it names itself (not borrowed), each
    with where it is first mentioned, for the next sentence to borrow."""
    span = unit.span
    actor_spans = entities.mentions_in(span)
    mentions = tuple(
        sorted(actor_mentions(actor_spans, entities) + other_entities(span, actor_spans, entities), key=lambda m: m.start)
    )
    sides = [mention for mention in actor_spans if not is_place(mention)]
    stance = find_stance(span, sides) if sides else NO_STANCE
    own_actors = order_actors(stance, sides)
    can_borrow = len(own_actors) < 2 and unit.kind not in NON_CLAIM_KINDS
    actors = borrow_actors(own_actors, tuple(side.code for side in previous_sides)) if can_borrow else own_actors
    inherited = tuple(side for side in previous_sides if side.code in actors[len(own_actors) :])
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
        inherited=inherited,
    )
    return sentence, own_sides(own_actors, sides)


def own_sides(codes: tuple[str, ...], actor_spans: list[Span]) -> tuple[InheritedActor, ...]:
    """Each code with the offsets of its first mention, to be inherited from."""
    first = {}
    for span in actor_spans:
        first.setdefault(span.label_, span)
    return tuple(InheritedActor(code, first[code].start_char, first[code].end_char) for code in codes if code in first)


def is_place(mention: Span) -> bool:
    """A country or city named only as where something happens ("in Afghanistan")
    is a location, not a side of the relation."""
    head = mention.root
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS


def borrow_actors(actors: tuple[str, ...], previous_actors: tuple[str, ...]) -> tuple[str, ...]:
    """The guidelines let the sides come from the sentence just before
    ("the two sides", "the group"): fill up to two from there."""
    borrowed = list(actors)
    for code in previous_actors:
        if len(borrowed) >= 2:
            break
        if code not in borrowed:
            borrowed.append(code)
    return tuple(borrowed)


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


def order_actors(stance: Stance, actor_spans: list[Span]) -> tuple[str, ...]:
    """Distinct codes: the stance's source first, then its target, then the rest."""
    ordered = [stance.source, stance.target] + [s.label_ for s in actor_spans]
    return tuple(dict.fromkeys(code for code in ordered if code))
