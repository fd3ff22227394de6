"""How often a claim's (source, target) names the sides the annotators gave:
the four rows of the dyad table (issue 13), over any (gold, predicted) pairs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class DyadCase(NamedTuple):
    """Gold sides (the first listed acts or speaks) and the predicted dyad."""

    gold: tuple[str, ...]
    source: str | None
    target: str | None
    actors: tuple[str, ...]


def dyad_scores(cases: Iterable[DyadCase], *, prefix: str = "dyad") -> dict[str, float | int]:
    """The share of cases whose source and target are two distinct gold sides,
    whose unordered pair is the gold pair (the first two listed), whose ordered
    pair is; and the actor-set F1 (micro) of the predicted actors. The pair
    rows count the cases with at least two gold sides."""
    cases = list(cases)
    paired = [case for case in cases if len(case.gold) >= 2]
    within = pair = directed = 0
    for case in paired:
        gold_pair = case.gold[:2]
        distinct = case.source is not None and case.target is not None and case.source != case.target
        within += int(distinct and case.source in case.gold and case.target in case.gold)
        pair += int(distinct and {case.source, case.target} == set(gold_pair))
        directed += int((case.source, case.target) == gold_pair)
    share = lambda hits: round(hits / len(paired), 4) if paired else 0.0  # noqa: E731
    return {
        f"{prefix}_cases": len(paired),
        f"{prefix}_both_within_gold": share(within),
        f"{prefix}_pair": share(pair),
        f"{prefix}_directed": share(directed),
        f"{prefix}_actor_set_f1": actor_set_f1(cases),
    }


def actor_set_f1(cases: list[DyadCase]) -> float:
    true_positive = predicted = gold = 0
    for case in cases:
        gold_set, predicted_set = set(case.gold), set(case.actors)
        true_positive += len(gold_set & predicted_set)
        predicted += len(predicted_set)
        gold += len(gold_set)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    return round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
