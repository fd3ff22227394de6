"""Complete a sentence's dyad from context: the sentence just before, then the
article's main pair. What a reference is ("the two sides", "the group", "it")
is read in pipeline/stages/context.py; here the sides are filled in, each
borrowed side keeping the offsets of its antecedent."""

from __future__ import annotations

from dataclasses import replace
from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pipeline.records import Candidate, InheritedActor, Stance
from pipeline.stages.actors import GOVERNMENTS, SPAN_KEY, article_day, stated_before
from pipeline.stages.context import ONE_SIDE_NOUNS, SUBJECT_DEPS, fits_reference, group_reference, one_side_reference, pair_reference
from pipeline.stages.dictionary import ActorDictionary
from pipeline.stages.dyad import NO_SIDE_ROLES
from pipeline.stages.speakers import quotes, unnamed_speaker

# What a side speaks up for as its own: named as their holder, it may be the speaker's side.
OWN_INTEREST_LEMMAS = frozenset(
    {"sovereignty", "territory", "airspace", "water", "integrity", "interest", "citizen", "national", "village", "soil", "security", "right"}
)
ACTING_ROLES = frozenset({"subject", "agent"})
# Pronouns for those who act; "it" is often no side ("it is important for Iran to ...").
PERSONAL_PRONOUNS = frozenset({"they", "he", "she"})
# A reference by one of these nouns means the state, whoever governed it then.
STATE_REFERENCE_NOUNS = frozenset({"country", "countries", "nation", "nations", "state", "states", "neighbour", "neighbours", "neighbor", "neighbors"})


class Context(NamedTuple):
    """The sides of the sentence before (in its order: source first) and the
    article's main pair, each with its antecedent's offsets."""

    previous: tuple[InheritedActor, ...] = ()
    article: tuple[InheritedActor, ...] = ()
    # The sides of the few sentences before the previous one, the nearest
    # first: where "the group" or "the militants" finds a movement named
    # a little further back.
    earlier: tuple[InheritedActor, ...] = ()

    def sides(self, *, article: bool = True) -> list[InheritedActor]:
        """The previous sentence's sides, then (with `article`) the main pair's others."""
        seen = {side.code for side in self.previous}
        fallback = [replace(side, via="article") for side in self.article if side.code not in seen] if article else []
        return [*self.previous, *fallback]

    def pair(self, *, without: str | None = None, fits: Callable[[str], bool] = lambda _code: True) -> tuple[InheritedActor, ...]:
        """The pair "the two sides" refers to: the sentence before's, when it
        has two, else the article's main pair. `without`: a side acting on
        "the two sides" is not one of them ("Washington sanctioned both
        sides"), so a pair holding it gives way to the main pair. `fits`:
        which sides the reference can name ("the two countries": states)."""
        previous = tuple(dict((side.code, side) for side in reversed(self.previous) if fits(side.code)).values())[::-1]
        article = tuple(replace(side, via="article") for side in self.article if fits(side.code))[:2]
        main = {side.code for side in article}
        if len(main) == 2 and main <= {side.code for side in previous} and without not in main:
            # "Modi travels to Kazan, Russia, where he may meet Xi. The two leaders ...": the main pair, named there.
            return tuple(side for side in previous if side.code in main)
        if len(main) == 2 and len(main & {side.code for side in previous[:2]}) == 1 and without not in main:
            return article  # "China urged the two sides to talk. Trade between the two countries ...": the main pair
        if len(previous) >= 2 and (without is None or without not in {side.code for side in previous[:2]}):
            return previous[:2]
        if without is not None and without in {side.code for side in article} and len(previous) >= 2:
            return previous[:2]
        return article


def in_power_then(context: Context, sent: Span) -> Context:
    """The context's sides as they stood on the earlier day the sentence
    speaks of: a government taken from context, in a sentence dated before
    it governed, gives way to the state's government of that day ("Kabul
    accuses Tehran ... In 1973, the two countries signed a treaty"). Only
    where the side stands for the state: its antecedent is the state's name
    or capital, or the sentence refers to it as a country."""
    governments = sent.doc.user_data.get(GOVERNMENTS) or {}
    governed = {role.code: state for state, roles in governments.items() for role in roles}
    codes = {side.code for sides in context for side in sides}
    if not governed.keys() & codes:
        return context
    day = stated_before(sent, article_day(sent.doc))
    if day is None:
        return context
    as_country = refers_as_country(sent)
    dictionary = ActorDictionary(aliases={}, governments=governments)

    def dated(side: InheritedActor) -> InheritedActor:
        state = governed.get(side.code)
        if state is None or not (as_country or antecedent_is_state(sent.doc, side, state)):
            return side
        return replace(side, code=dictionary.government_on(state, day))

    return Context(*(tuple(map(dated, sides)) for sides in context))


def refers_as_country(sent: Span) -> bool:
    """Whether the sentence refers to its sides as states: "the two countries", "its neighbour"."""
    references = (pair_reference(sent), one_side_reference(sent))
    return any(token is not None and token.lower_ in STATE_REFERENCE_NOUNS for token in references)


def antecedent_is_state(doc: Doc, side: InheritedActor, state: str) -> bool:
    """Whether the side's antecedent is the state's name or capital standing for its government."""
    return any(mention.start_char == side.start and mention.kb_id_ == state for mention in doc.spans.get(SPAN_KEY, ()))


class Resolved(NamedTuple):
    stance: Stance
    inherited: tuple[InheritedActor, ...]  # the sides taken from context
    refers: bool  # the sentence names a side or refers to one, so its sides carry on
    # The pair a third side acted on ("urged both leaders to sign"): both
    # are sides of the claim, and what "the two" in the next sentence means.
    acted_on_pair: tuple[InheritedActor, ...] = ()


def resolve_sides(sent: Span, stance: Stance, found: list[Candidate], context: Context) -> Resolved:
    """The stance with its missing sides filled from context, and those sides."""
    own = {candidate.code for candidate in found}
    source, target, symmetric = stance.source, stance.target, stance.symmetric
    acting = any(candidate.role in ACTING_ROLES for candidate in found)
    pair_ref = pair_reference(sent)
    # "Talks between the two focused on ...": the pair, not sides named deeper;
    # "Neither side agreed, EU officials said": the pair, not the one telling of it.
    told_by = source is not None and all(candidate.role == "attribution" for candidate in found if candidate.code == source)
    if pair_ref is not None and (in_subject(pair_ref, sent) or told_by) and not named_nearer(pair_ref, found):
        source, target = None, None
    joint_on_pair = pair_ref is not None and joint_subject_acts_on(pair_ref, sent, found, (source, target))
    over_deep = pair_ref is not None and pair_acted_on_over_deep_target(pair_ref, sent, found, target)
    if pair_ref is not None and not (joint_on_pair or over_deep) and source is not None and target is not None:
        pair_ref = None
    acted_on_pair: tuple[InheritedActor, ...] = ()
    if pair_ref is not None:
        pair = (() if joint_on_pair else named_before(pair_ref, found)) or context.pair(without=source, fits=lambda code: fits_reference(pair_ref, code, sent.doc))
        pair = in_article_order(pair, context)
        if source is not None and source not in {side.code for side in pair}:
            acted_on_pair = pair
        source, target, symmetric = from_pair(source, pair, symmetric=pair_ref.dep_ in {"nsubj", "nsubjpass"} or source is None)
    # "'The ROK is not our counterpart,' she said": a quotation, or a report naming no side acting, is the speaker's act.
    speaker = unnamed_speaker(sent, found, acting=acting)
    spoken = spoken_for(speaker, sent, found, context, (source, target, symmetric)) if speaker is not None else None
    if spoken is not None and tells_of_the_pair(spoken[0], pair_ref, (source, target)):
        spoken = None
    if spoken is None:
        speaker = None
    else:
        source, target, symmetric = spoken
    one_ref = one_side_reference(sent) if pair_ref is None and not acting and speaker is None else None
    if one_ref is not None:
        # A noun ("the authorities") may stand for a side the sentence names only deep in a clause.
        deep = {"clause", "aside"} if one_ref.lower_ in ONE_SIDE_NOUNS | PERSONAL_PRONOUNS else set()
        named_sides = {candidate.code for candidate in found if candidate.role not in NO_SIDE_ROLES | deep}
        # A place is no side ("His government resumed talks with the ELN ... in Bogota"): it may be the antecedent.
        antecedent = antecedent_of(one_ref, sent, context, exclude={source, target} & named_sides)
        if antecedent is not None:
            # The side the sentence names nearest the predicate is what the antecedent acts on.
            acted_on = next((code for code in (source, target) if code is not None and code != antecedent.code), None)
            source, target = antecedent.code, acted_on
    if source is not None and target is None:
        acted_on = group_reference(sent, skip=one_ref)
        antecedent = antecedent_of(acted_on, sent, context, exclude={source}) if acted_on is not None else None
        target = antecedent.code if antecedent is not None else None
    elif source is None and target is not None:
        acting_group = group_reference(sent, skip=one_ref, agent=True)  # "Kenya was targeted by the group"
        antecedent = antecedent_of(acting_group, sent, context, exclude={target}) if acting_group is not None else None
        source = antecedent.code if antecedent is not None else None
    # A sentence that names no side and refers to none may still continue the
    # one before; the article's main pair only completes one that does.
    refers = bool(own) or pair_ref is not None or one_ref is not None or speaker is not None
    sides = context.sides(article=refers)
    if source is None:
        source = code_of(first_other(sides, exclude={target}))
    if source is not None and named_in_passing(target, found):
        # "Russia, which leads the CSTO, welcomed the deal": the act is on the article's pair
        target = code_of((main_partner(source, context) if refers else None) or third_side_acts_on(source, context)) or target
    if target is None and source is not None:
        target = code_of((main_partner(source, context) if refers else None) or third_side_acts_on(source, context) or first_other(sides, exclude={source}))
    if target is None and source is not None:  # "Ghana asked the AU to intervene", with nothing before it
        target = next((c.code for c in found if c.role == "addressee" and c.code != source), None)
    if symmetric and pair_ref is None and third_sides_together(source, target, own, context):
        # "Qatar and Saudi Arabia urged restraint and offered to mediate", in an article on Pakistan and Afghanistan
        acted_on_pair = in_article_order(context.article, context)
        target, symmetric = acted_on_pair[0].code, False
    resolved = replace(stance, source=source, target=target, symmetric=symmetric)
    return Resolved(resolved, borrowed(resolved, own, context), refers, acted_on_pair)


def spoken_for(
    speaker: Token, sent: Span, found: list[Candidate], context: Context, sides: tuple[str | None, str | None, bool]
) -> tuple[str | None, str | None, bool] | None:
    """The unnamed speaker's side as the source, and the side it speaks of as
    the target. A speaker is none of the sides its report names as acted on
    ("the ministry said the drills were a gesture toward Pyongyang"), unless
    the report names it as the holder of what was wronged ("a violation of
    Vietnam's sovereignty"); when its own side acts in what it says, the
    sides stand."""
    acting = {candidate.code for candidate in found if candidate.role in ACTING_ROLES}
    named = {candidate.code for candidate in found if candidate.role not in NO_SIDE_ROLES}
    # "said the boarding violated Vietnam's sovereignty": the side wronged speaks, where context offers it.
    wronged = {candidate.code for candidate in found if names_own_interest(sent, candidate)} - acting
    # A quotation may name the speaker's own side ("the people of Taiwan"); a report is about the others.
    antecedent = next((side for side in context.sides() if side.code in wronged), None) or antecedent_of(
        speaker, sent, context, exclude=set() if quotes(speaker.head) else named
    )
    if antecedent is None:
        return None
    if antecedent.code in acting:
        return sides
    source, target, _symmetric = sides
    spoken_of = next((code for code in (source, target) if code is not None and code != antecedent.code), None)
    return antecedent.code, spoken_of, False


def tells_of_the_pair(speaker_side: str | None, pair_ref: Token | None, sides: tuple[str | None, str | None]) -> bool:
    """"Diplomats say the two sides still have no ambassadors": a speaker who
    is neither of the pair the sentence refers to only tells of it, as a
    named source does ("Neither side agreed, EU officials said")."""
    return pair_ref is not None and None not in sides and speaker_side not in sides


def names_own_interest(sent: Span, candidate: Candidate) -> bool:
    """A side named only as the holder of what a complaint defends: "Vietnam's sovereignty", "Kyrgyz villages"."""
    mention = sent.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if mention is None:
        return False
    head = mention.root
    return head.dep_ in {"poss", "amod", "compound"} and head.head.lemma_.lower() in OWN_INTEREST_LEMMAS


def third_sides_together(source: str | None, target: str | None, own: set[str], context: Context) -> bool:
    """Two sides acting jointly, neither of the article's main pair, in a sentence that names neither of it."""
    main = {side.code for side in context.article}
    return len(main) == 2 and None not in (source, target) and not main & own and not main & {source, target}


def antecedent_of(reference: Token, sent: Span, context: Context, *, exclude: set[str | None]) -> InheritedActor | None:
    """What a one-side reference stands for: the first side of the sentence
    before that fits it ("the group" a movement, "the regime" a state), then,
    for a noun, of the few sentences before that, then of the main pair; a
    pronoun, or a noun nothing fits, the first side of the sentence before
    (else the main pair)."""
    sides = [side for side in context.sides() if side.code not in exclude]
    noun = reference.lower_ in ONE_SIDE_NOUNS  # a pronoun reaches no further than the sentence before
    earlier = [replace(side, via="earlier") for side in context.earlier if side.code not in exclude] if noun else []
    previous = [side for side in sides if side.via != "article"]
    ordered = [*previous, *earlier, *(side for side in sides if side.via == "article")]
    fitting = [side for side in ordered if fits_reference(reference, side.code, sent.doc)]
    return (fitting or sides or [None])[0]


def named_in_passing(target: str | None, found: list[Candidate]) -> bool:
    """The target is named only in passing (role "aside": in a clause describing a noun, or as a mediator)."""
    roles = {candidate.role for candidate in found if candidate.code == target}
    return roles == {"aside"}


def main_partner(source: str, context: Context) -> InheritedActor | None:
    """The other side of the article's main pair, when the source is one of
    it: an article about a pair tells mostly of the two, so a side of it that
    acts on no side named acts on the other ("President Erdogan vowed that the
    attackers would pay", in an article on Turkey and the PKK)."""
    if source not in {side.code for side in context.article}:
        return None
    return next((replace(side, via="article") for side in context.article if side.code != source), None)


def third_side_acts_on(source: str, context: Context) -> InheritedActor | None:
    """A side outside the article's main pair acting on no side named, after
    a sentence about the pair, acts on the pair: its first side in the article."""
    main = in_article_order(context.article, context)
    if len(main) != 2 or source in {side.code for side in main} or not {side.code for side in main} <= {side.code for side in context.previous}:
        return None
    return replace(main[0], via="article")


def in_article_order(pair: tuple[InheritedActor, ...], context: Context) -> tuple[InheritedActor, ...]:
    """The article's main pair, when "the two" means it, in the order the article first names them."""
    main = sorted(context.article, key=lambda side: side.start)
    if {side.code for side in pair} != {side.code for side in main}:
        return pair
    at = {side.code: side for side in pair}
    return tuple(at[side.code] for side in main)


def from_pair(
    source: str | None, pair: tuple[InheritedActor, ...], *, symmetric: bool
) -> tuple[str | None, str | None, bool]:
    """"The two sides agreed": the pair acts jointly; "X's trade with both
    countries": the other one of the pair is the target."""
    codes = [side.code for side in pair]
    if source is None:
        return (codes[0], codes[1], symmetric) if len(codes) == 2 else (codes[0] if codes else None, None, False)
    others = [code for code in codes if code != source]
    return source, others[0] if others else None, False


def in_subject(token: Token, sent: Span) -> bool:
    """Whether the token is, or is inside, the subject of the sentence's main verb."""
    return any(t.dep_ in SUBJECT_DEPS and t.head.i == sent.root.i for t in (token, *token.ancestors))


def named_nearer(reference: Token, found: list[Candidate]) -> bool:
    """Whether a side the sentence names acts and hangs as near the main verb as the reference."""
    steps = sum(1 for _ in reference.ancestors)
    return any(candidate.role in ACTING_ROLES and len(candidate.path) <= steps for candidate in found)


def joint_subject_acts_on(reference: Token, sent: Span, found: list[Candidate], sides: tuple[str | None, str | None]) -> bool:
    """"The US and the EU urged both governments to ...": the two sides the
    rules paired are joined in the subject, and the pair acted on is another."""
    joined = [candidate for candidate in found if candidate.joint and candidate.role in {"subject", "agent"}]
    if None in sides or not set(sides) <= {candidate.code for candidate in joined} or in_subject(reference, sent):
        return False
    subject = clause_subject(reference)  # not "X and Y traded accusations, as the EU called on both governments"
    return subject is not None and any(subject.left_edge.idx <= c.start < subject.right_edge.idx + len(subject.right_edge) for c in joined)


def pair_acted_on_over_deep_target(reference: Token, sent: Span, found: list[Candidate], target: str | None) -> bool:
    """"The envoy urged both sides to show restraint and said the truce was
    the best asset Yemenis have": the pair the main verb acts on, over a
    target named only deep in a clause."""
    if target is None or reference.dep_ not in {"dobj", "pobj"}:
        return False
    verb = reference.head.head if reference.dep_ == "pobj" else reference.head
    return verb.i == sent.root.i and all(candidate.role in {"clause", "aside", "other"} for candidate in found if candidate.code == target)


def clause_subject(token: Token) -> Token | None:
    """The subject of the nearest clause above the token that has one."""
    for ancestor in token.ancestors:
        subject = next((child for child in ancestor.children if child.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
    return None


def named_before(reference: Token, found: list[Candidate]) -> tuple[InheritedActor, ...]:
    """The two sides the sentence names before "the two" ("Raisi and Xi
    issued a statement in which the two urged ..."), or () with fewer."""
    sides: dict[str, InheritedActor] = {}
    for candidate in found:
        if candidate.role not in NO_SIDE_ROLES and candidate.end <= reference.idx:
            sides.setdefault(candidate.code, InheritedActor(candidate.code, candidate.start, candidate.end))
    return tuple(sides.values())[:2] if len(sides) >= 2 else ()


def first_other(sides: list[InheritedActor], *, exclude: set[str | None]) -> InheritedActor | None:
    return next((side for side in sides if side.code not in exclude), None)


def code_of(side: InheritedActor | None) -> str | None:
    return side.code if side is not None else None


def borrowed(stance: Stance, own: set[str], context: Context) -> tuple[InheritedActor, ...]:
    """The context sides the stance uses that the sentence does not name."""
    where = {side.code: side for side in reversed(context.sides())}
    for side in (*context.pair(), *(replace(side, via="earlier") for side in context.earlier)):
        where.setdefault(side.code, side)
    codes = [code for code in (stance.source, stance.target) if code and code not in own]
    return tuple(where[code] for code in dict.fromkeys(codes) if code in where)


def context_candidates(
    context: Context, found: list[Candidate], inherited: tuple[InheritedActor, ...] = (), referred: frozenset[str] = frozenset()
) -> tuple[Candidate, ...]:
    """The context's sides the sentence does not name, as candidates, and a
    side the rules took from further back (`inherited`, via "earlier").
    `referred`: the sides a pair reference in the sentence stands for."""
    own = {candidate.code for candidate in found}
    main = {side.code for side in context.article}
    sides = context.sides()
    sides += [side for side in inherited if side.via == "earlier" and side.code not in {s.code for s in sides}]
    return tuple(
        Candidate(
            code=side.code, start=side.start, end=side.end, role="context", order=len(found) + i, via=side.via,
            main=side.code in main, referred=side.code in referred,
        )
        for i, side in enumerate(side for side in sides if side.code not in own)
    )
