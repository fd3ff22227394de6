"""Leave-one-article-out cross-validation over the annotations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import LeaveOneGroupOut

from spacy.language import Language

from pipeline.model.classify import predict
from pipeline.config import LABELS, WRITTEN_PATH
from pipeline.training.external import external_scores, external_sets, training_set
from pipeline.model.classifier import ClaimModel, ExtraLabelled, ModelSpec, Prediction
from pipeline.model.dyad import dyad_model_of
from pipeline.progress import Report as Progress
from pipeline.progress import no_report
from pipeline.training.dyad_eval import dyad_loao, plover_dyads, written_article_dyads, written_dyads
from pipeline.training.event_gold import event_gold_scores
from pipeline.training.event_types import describe_event_model, event_training
from pipeline.training.heldout import heldout_scores
from pipeline.training.train import Example, fit_model
from pipeline.training.written import written_claim_training

NONE = "none"


@dataclass(frozen=True)
class Scored:
    example: Example
    prediction: Prediction


def cross_validate(
    examples: list[Example],
    spec: ModelSpec = ModelSpec(),
    *,
    extra: ExtraLabelled | None = None,
    claim_extra: ExtraLabelled | None = None,
    report: Progress = no_report,
) -> list[Scored]:
    """Predict every example with a model trained on the other articles (and
    `extra`, `claim_extra`: training data in every fold, never a test fold)."""
    groups = [example.annotation.doc for example in examples]
    folds = LeaveOneGroupOut()
    total = folds.get_n_splits(groups=groups)
    if total < 2:
        raise ValueError("leave-one-article-out needs annotations from at least two articles")
    scored = []
    for done, (train, test) in enumerate(folds.split(examples, groups=groups)):
        report("cross-validation folds", done, total)
        model = fit_model([examples[i] for i in train], spec, extra, claim_extra)
        held_out = [examples[i] for i in test]
        predictions = predict(model, [example.sentence for example in held_out], [example.row for example in held_out])
        scored.extend(Scored(example, prediction) for example, prediction in zip(held_out, predictions))
    report("cross-validation folds", total, total)
    return scored


def metrics(scored: list[Scored]) -> dict[str, Any]:
    gold_claim = [s.example.annotation.claim for s in scored]
    pred_claim = [s.prediction.is_claim for s in scored]
    precision, recall, f1, _ = precision_recall_fscore_support(gold_claim, pred_claim, average="binary", zero_division=0)
    claims = [s for s in scored if s.example.annotation.claim]
    gold_labels = [s.example.annotation.label for s in claims]
    pred_labels = [s.prediction.label for s in claims]
    return {
        "units": len(scored),
        "claim_precision": round(float(precision), 4),
        "claim_recall": round(float(recall), 4),
        "claim_f1": round(float(f1), 4),
        "label_macro_f1": round(float(f1_score(gold_labels, pred_labels, labels=list(LABELS), average="macro", zero_division=0)), 4),
        "label_accuracy": round(float(accuracy_score(gold_labels, pred_labels)), 4),
        "end_to_end_macro_f1": end_to_end_f1(scored),
        "label_ece": expected_calibration_error(
            [s.prediction.confidence for s in claims], [p == g for p, g in zip(pred_labels, gold_labels)]
        ),
        **actor_metrics(claims),
    }


def end_to_end_f1(scored: list[Scored]) -> float:
    """Macro-F1 over the two labels where a missed or spurious claim counts as wrong."""
    gold = [s.example.annotation.label or NONE for s in scored]
    pred = [s.prediction.label if s.prediction.is_claim else NONE for s in scored]
    return round(float(f1_score(gold, pred, labels=list(LABELS), average="macro", zero_division=0)), 4)


def expected_calibration_error(confidences: list[float], correct: list[bool], bins: int = 10) -> float:
    if not confidences:
        return 0.0
    conf = np.array(confidences)
    hits = np.array(correct, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(conf, edges[1:-1]), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        mask = index == b
        if mask.any():
            error += mask.mean() * abs(conf[mask].mean() - hits[mask].mean())
    return round(float(error), 4)


def actor_metrics(claims: list[Scored]) -> dict[str, float]:
    """Actor-set precision/recall/F1 against the gold lists, and how often the
    stance's source is the gold first actor."""
    true_positive = predicted = gold = source_hits = 0
    for s in claims:
        gold_set = set(s.example.annotation.actors)
        pred_set = set(s.example.sentence.actors)
        true_positive += len(gold_set & pred_set)
        predicted += len(pred_set)
        gold += len(gold_set)
        first = s.example.annotation.actors[0] if s.example.annotation.actors else None
        source_hits += int(first is not None and s.example.sentence.stance.source == first)
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "actor_precision": round(precision, 4),
        "actor_recall": round(recall, 4),
        "actor_f1": round(f1, 4),
        "source_is_first_actor": round(source_hits / len(claims), 4) if claims else 0.0,
    }


class Report(NamedTuple):
    model: ClaimModel  # fitted on every example
    scores: dict[str, Any]  # LOAO metrics, and the external sets' scores
    scored: list[Scored]  # the held-out predictions behind the LOAO metrics
    external_training: dict[str, Any] | None = None  # the extra label training data, if any
    event_types: str = "prototypes"  # what decides event types and quad classes (the card says)
    written_training: dict[str, Any] | None = None  # the written claim examples, if they joined training
    dyad_training: dict[str, Any] | None = None  # what the dyad model learned from


def full_report(
    examples: list[Example],
    *,
    nlp: Language,
    spec: ModelSpec = ModelSpec(),
    external_dir: Path | None = None,
    report: Progress = no_report,
    event_gold: bool = False,
    written_path: Path | None = WRITTEN_PATH,
) -> Report:
    """LOAO metrics, then the model fitted on everything, scored on the external
    sets. With `external_dir`, the UN set's training part joins the label
    training set (at `spec.external_weight`) in every fold and in the final fit.
    The event types' regression, fitted on the written typed sentences (and on
    PLOVER with `external_dir`; the quad classes on the UN set), joins the
    prototypes. With `event_gold`, dates and event grouping are scored on `corpus/events-gold/`.
    The written sentences (`written_path`) join the claim detector's training
    (at `spec.written_claim_weight`, if above 0) in every fold and in the final fit."""
    extra, source = external_training(external_dir, nlp=nlp, spec=spec, report=report)
    claim_extra, written_source = written_claims(written_path, nlp=nlp, spec=spec, report=report)
    scored = cross_validate(examples, spec, extra=extra, claim_extra=claim_extra, report=report)
    report("tagging the written articles for the dyad", 0, 0)
    dyads = written_dyads(nlp=nlp)
    scores = metrics(scored) | dyad_loao(examples, dyads)
    report("fitting on every annotation", 0, 0)
    model = fit_model(examples, spec, extra, claim_extra, dyads)
    if external_dir is not None:
        for name, labelled in external_sets(external_dir):
            report(f"scoring {name} ({len(labelled)} sentences)", 0, 0)
            scores[f"{name}_label_macro_f1"], scores[f"{name}_claim_recall"] = external_scores(model, labelled, nlp=nlp)
        report("scoring the dyad on PLOVER", 0, 0)
        scores |= plover_dyads(external_dir, dyad_model_of(model), nlp=nlp)
    report("scoring the dyad on the written articles", 0, 0)
    scores |= written_article_dyads(examples, dyads)
    report("scoring the held-out articles", 0, 0)
    scores |= heldout_scores(model, nlp=nlp)
    report("training and scoring the event model", 0, 1)
    event_model, event_scores = event_training(external_dir, model, extra, nlp=nlp)
    model.events_ = event_model.to_json() if event_model is not None else None
    scores |= event_scores
    if event_gold:
        report("scoring dates and event grouping", 0, 1)
        scores |= event_gold_scores(model, nlp=nlp)
    dyad_training = {"annotated_claims": sum(e.annotation.claim for e in examples), "written_article_claims": len(dyads)}
    return Report(model, scores, scored, source, describe_event_model(event_model), written_source, dyad_training)


def external_training(
    external_dir: Path | None, *, nlp: Language, spec: ModelSpec = ModelSpec(), report: Progress = no_report
) -> tuple[ExtraLabelled | None, dict[str, Any] | None]:
    """The UN training sentences for the label, and what the card records of
    them; (None, None) without the folder, the file, or a weight for them."""
    if external_dir is None or spec.external_weight <= 0:
        return None, None
    report("parsing and embedding the UN training sentences", 0, 0)
    found = training_set(external_dir, nlp=nlp, parts=frozenset(spec.label_parts))
    if found is None:
        return None, None
    extra, source = found
    return extra, {**source, "weight": spec.external_weight}


def written_claims(
    path: Path | None, *, nlp: Language, spec: ModelSpec = ModelSpec(), report: Progress = no_report
) -> tuple[ExtraLabelled | None, dict[str, Any] | None]:
    """The written sentences for the claim detector, and what the card records of them (see `written.py`)."""
    if path is not None and spec.written_claim_weight > 0:
        report("parsing and embedding the written sentences", 0, 0)
    return written_claim_training(nlp=nlp, parts=frozenset(spec.claim_parts), weight=spec.written_claim_weight, path=path)


def training_extras(
    external_dir: Path | None, *, nlp: Language, report: Progress = no_report
) -> tuple[ExtraLabelled | None, ExtraLabelled | None]:
    """The label's UN training part (with `external_dir`) and the claim detector's written sentences, as `cross_validate` takes them."""
    extra, _source = external_training(external_dir, nlp=nlp, report=report)
    claim_extra, _source = written_claims(WRITTEN_PATH, nlp=nlp, report=report)
    return extra, claim_extra


def confident_mistakes(scored: list[Scored], n: int) -> list[dict[str, Any]]:
    """The n held-out predictions that were wrong with the highest confidence."""
    mistakes = []
    for s in scored:
        gold = s.example.annotation.label or NONE
        predicted = s.prediction.label if s.prediction.is_claim else NONE
        if gold == predicted:
            continue
        confidence = s.prediction.confidence if predicted != NONE and gold != NONE else abs(s.prediction.claim_confidence - 0.5) + 0.5
        mistakes.append(
            {
                "doc": s.example.annotation.doc,
                "start": s.example.annotation.start,
                "gold": gold,
                "predicted": predicted,
                "confidence": round(confidence, 3),
                "mixed": s.example.annotation.mixed,
                "text": s.example.annotation.text,
            }
        )
    return sorted(mistakes, key=lambda m: (-m["confidence"], m["doc"], m["start"]))[:n]
