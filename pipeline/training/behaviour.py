"""A behavioural test suite in the spirit of CheckList (Ribeiro et al., ACL
2020): sentences written for it, about many pairs of actors, that probe one
rule of the annotation guidelines each.

- Minimum functionality (`MFT`): a sentence and the outcome the guidelines
  give it (cooperation, tension, or none for not a claim).
- Invariance: the same sentences with the actors' names swapped for another
  pair's, and with a neutral clause added; the outcome should not change.
- Direction: a cooperation sentence with "but B rejected the offer" appended
  should move towards tension.

Every case goes through the run's own path as a one-line article (a heading
case as a heading line), so what is scored is what `pipeline run` would write.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language

from pipeline.model.classifier import ClaimModel
from pipeline.model.classify import predict
from pipeline.records import Article
from pipeline.stages.ingest import find_blocks
from pipeline.stages.sentences import article_sentences

NONE = "none"
# Pairs of actors of many kinds: states, armed groups, organisations.
PAIRS = (
    ("Kenya", "Somalia"),
    ("India", "Pakistan"),
    ("Colombia", "the ELN"),
    ("Ethiopia", "Eritrea"),
    ("Morocco", "Algeria"),
    ("Japan", "China"),
    ("Serbia", "Kosovo"),
    ("Nigeria", "Boko Haram"),
    ("Peru", "Chile"),
    ("the African Union", "Sudan"),
)
# (capability, template, expected outcome); {a} and {b} are the two sides.
MFT_TEMPLATES = (
    ("contrast", "{a} and {b} held talks in March, but {a} later accused {b} of sabotaging the deal.", "tension"),
    ("contrast", "{a} criticised {b} over the dispute, but the two governments signed a trade agreement on Monday.", "cooperation"),
    ("contrast", "Officials from {a} praised the new rail link; however, {b} closed the border crossing the next day.", "tension"),
    ("concession", "Despite years of rivalry, {a} and {b} signed a peace accord in the capital.", "cooperation"),
    ("concession", "Despite the trade deal signed last year, forces from {a} shelled positions held by {b}.", "tension"),
    ("concession", "Although talks had stalled, {a} and {b} agreed to reopen their embassies.", "cooperation"),
    ("easing tension", "{a} and {b} agreed to withdraw troops from the border to ease tensions.", "cooperation"),
    ("easing tension", "The fighting between {a} and {b} ended with a ceasefire brokered by mediators.", "cooperation"),
    ("easing tension", "{a} appointed a special envoy to help ease the crisis with {b}.", "cooperation"),
    ("undoing a measure", "{a} lifted its sanctions on {b} after the talks.", "cooperation"),
    ("undoing a measure", "{a} reopened its border with {b} on Monday.", "cooperation"),
    ("undoing a measure", "{a} released prisoners from {b} as a goodwill gesture.", "cooperation"),
    ("undoing a measure", "{a} called off its offensive against {b}.", "cooperation"),
    ("persisting tension", "Relations between {a} and {b} remain strained after the incident.", "tension"),
    ("persisting tension", "Ties between {a} and {b} are still frozen despite months of mediation.", "tension"),
    ("persisting tension", "Distrust between {a} and {b} runs deep, diplomats said.", "tension"),
    ("persisting tension", "Cooperation between {a} and {b} has frayed since the election.", "tension"),
    ("demands", "{a} demanded that {b} hand over the suspects within a week.", "tension"),
    ("demands", "{a} urged {b} to stop backing the rebels along the border.", "tension"),
    ("demands", "The foreign minister of {a} said {b} must withdraw its troops from the frontier.", "tension"),
    ("mediation", "After clashes between {a} and {b}, mediators urged both sides to return to talks.", "cooperation"),
    ("mediation", "The United Nations called on the two parties, {a} and {b}, to respect the truce.", "cooperation"),
    ("ending a tie", "{a} suspended its security agreement with {b} on Monday.", "tension"),
    ("ending a tie", "{a} cut diplomatic ties with {b} over the seized vessel.", "tension"),
    ("threats", "{a} threatened to impose sanctions on {b} if the attacks continue.", "tension"),
    ("threats", "{a} warned {b} of serious consequences over the seized vessel.", "tension"),
    ("negation", "{a} refused to recognise the government of {b}.", "tension"),
    ("negation", "{a} rejected {b}'s proposal for joint patrols.", "tension"),
    ("reassurance", "{a} assured {b} that its new military base poses no threat.", "cooperation"),
    ("reassurance", "{a} reassured {b} that the dam would not cut its water supply.", "cooperation"),
    ("reassurance", "{a} said it would not allow its territory to be used to attack {b}.", "cooperation"),
    ("praise and accusation", "{a} thanked {b} for its help in fighting the insurgents on the border.", "cooperation"),
    ("praise and accusation", "{a} praised {b}'s crackdown on the smuggling gangs.", "cooperation"),
    ("praise and accusation", "{a} accused {b} of blocking the peace talks and the trade deal.", "tension"),
    ("praise and accusation", "{a} condemned {b}'s decision to join the regional alliance.", "tension"),
    ("acting together", "{a} and {b} agreed to coordinate operations against the smuggling networks.", "cooperation"),
    ("acting together", "{a} hosted a delegation from {b} to discuss the border clashes.", "cooperation"),
    ("acting together", "{a} extradited three suspected militants to {b}.", "cooperation"),
    ("acting together", "{a} delivered a shipment of weapons to {b}.", "cooperation"),
    ("one-sided statements", "{a} announced a new budget for its armed forces on Tuesday.", NONE),
    ("one-sided statements", "The government of {a} reshuffled its cabinet after the elections.", NONE),
    ("headings and decks", "{a} and {b} Sign Border Pact", NONE),
    ("headings and decks", "{a} Accuses {b} of Sabotage", NONE),
)
NEUTRAL_CLAUSE = ", officials said on Tuesday."
REJECTION = ", but {b} rejected the offer."


@dataclass(frozen=True)
class Outcome:
    """The run's outcome for one case: its label or `none`, and P(tension)."""

    label: str
    tension: float


def fill(template: str, pair: tuple[str, str]) -> str:
    text = template.format(a=pair[0], b=pair[1])
    return text[0].upper() + text[1:]


def outcomes(texts: list[str], *, model: ClaimModel, nlp: Language) -> list[Outcome]:
    """Each text as a one-line article through the run's path, then the model."""
    articles = (
        Article(doc=f"case-{i}", path="", sha256="", raw=text, blocks=tuple(find_blocks(text)))
        for i, text in enumerate(texts)
    )
    whole_line = lambda article: [(0, len(article.raw))]  # noqa: E731
    sentences = [sentence for _article, (sentence,) in article_sentences(articles, nlp=nlp, spans_of=whole_line)]
    return [
        Outcome(label=p.label if p.is_claim else NONE, tension=p.confidence if p.label == "tension" else 1.0 - p.confidence)
        for p in predict(model, sentences)
    ]


def behaviour_report(*, model: ClaimModel, nlp: Language, pairs: tuple[tuple[str, str], ...] = PAIRS) -> dict[str, float]:
    """Pass rate per capability, and the invariance and direction rates."""
    cases = [(capability, template, expected, pair) for capability, template, expected in MFT_TEMPLATES for pair in pairs]
    base = outcomes([fill(template, pair) for _c, template, _e, pair in cases], model=model, nlp=nlp)
    rates = mft_rates(cases, base)
    swapped = outcomes([fill(template, other_pair(pair)) for _c, template, _e, pair in cases], model=model, nlp=nlp)
    rates["invariance: actors' names swapped"] = share(a.label == b.label for a, b in zip(base, swapped))
    sentences = [(i, case) for i, case in enumerate(cases) if case[0] != "headings and decks"]
    with_clause = outcomes([with_neutral_clause(fill(c[1], c[3])) for _i, c in sentences], model=model, nlp=nlp)
    rates["invariance: neutral clause added"] = share(base[i].label == o.label for (i, _c), o in zip(sentences, with_clause))
    cooperative = [(i, case) for i, case in enumerate(cases) if case[2] == "cooperation"]
    rejected = outcomes([with_rejection(fill(c[1], c[3]), c[3]) for _i, c in cooperative], model=model, nlp=nlp)
    rates["direction: 'but B rejected the offer' moves towards tension"] = share(
        o.tension > base[i].tension for (i, _c), o in zip(cooperative, rejected)
    )
    return rates


def mft_rates(cases: list[tuple], found: list[Outcome]) -> dict[str, float]:
    by_capability: dict[str, list[bool]] = {}
    for (capability, _template, expected, _pair), outcome in zip(cases, found):
        by_capability.setdefault(f"mft: {capability}", []).append(outcome.label == expected)
    return {name: share(passed) for name, passed in by_capability.items()}


def other_pair(pair: tuple[str, str]) -> tuple[str, str]:
    """The next pair of the list, so every sentence gets other names."""
    return PAIRS[(PAIRS.index(pair) + 1) % len(PAIRS)]


def with_neutral_clause(text: str) -> str:
    return text.rstrip(".") + NEUTRAL_CLAUSE


def with_rejection(text: str, pair: tuple[str, str]) -> str:
    return text.rstrip(".") + REJECTION.format(b=pair[1])


def share(passed: Iterable[bool]) -> float:
    values = list(passed)
    return round(sum(values) / len(values), 4) if values else 0.0
