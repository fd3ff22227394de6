"""What the outputs say of each sentence: the model's guess, unless an analyst
labelled the unit in the annotations, whose label wins.

Applied as the outputs are written, after the run cache: neither the parse
nor the model depends on the annotations, so a label counts at the next run
with no re-parse and no retraining. A unit is matched by `doc`, `start`,
`end` and its text; an annotation whose text no longer matches the sentence
there (the article changed) is not applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.events.annotate import SIDE_EVENTS
from pipeline.io import check_duplicates, read_annotations
from pipeline.records import Annotation

MODEL, ANNOTATION = "model", "annotation"
NO_CLAIM = "none"
UnitKey = tuple[str, int, int]


@dataclass(frozen=True)
class HumanLabels:
    """The annotations of a folder, by unit."""

    by_unit: dict[UnitKey, Annotation]

    @classmethod
    def read(cls, annotations_dir: Path | None) -> HumanLabels:
        """Every annotation of the folder (none when it is None or missing); a
        bad line raises `InputError` naming the file and line."""
        if annotations_dir is None or not annotations_dir.is_dir():
            return cls({})
        annotations = check_duplicates(read_annotations(annotations_dir))
        return cls({(a.doc, a.start, a.end): a for a in annotations})

    def of(self, sentence: dict[str, Any]) -> Annotation | None:
        annotation = self.by_unit.get((sentence["doc"], sentence["start"], sentence["end"]))
        return annotation if annotation is not None and annotation.text == sentence["text"] else None


@dataclass(frozen=True)
class Labelled:
    """One article's sentence and claim records as written, and how many human labels they took."""

    sentences: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    applied: int


def label_article(
    sentences: list[dict[str, Any]],
    claims: list[dict[str, Any]],
    guesses: list[dict[str, Any]],
    human: HumanLabels,
    *,
    version: str,
) -> Labelled:
    """Each sentence with its claim probability, guess and `label_source`;
    the claims with human labels applied: relabelled, removed ("not a claim")
    or added (a claim the model missed), in text order. An added claim, or one
    whose label the analyst changed, takes the event its sentence reports on
    that label's side (the guess's `side_events`, typed when the model ran)."""
    model_claims = {(c["start"], c["end"]): c for c in claims}
    out_sentences, out_claims, applied = [], [], 0
    for sentence, guess in zip(sentences, guesses, strict=True):
        annotation = human.of(sentence)
        claim = model_claims.get((sentence["start"], sentence["end"]))
        sides = guess.get(SIDE_EVENTS)
        guess = {key: value for key, value in guess.items() if key != SIDE_EVENTS}
        if annotation is None:
            out_sentences.append({**sentence, **guess, "label_source": MODEL})
            if claim is not None:
                out_claims.append({**claim, "label_source": MODEL})
            continue
        applied += 1
        out_sentences.append({**sentence, **human_guess(annotation, guess), "label_source": ANNOTATION})
        if annotation.claim:
            relabelled = human_claim(annotation, claim or claim_from_sentence(sentence, version))
            changed = claim is None or claim["label"] != annotation.label
            out_claims.append(with_side_event(relabelled, sides) if changed else relabelled)
    return Labelled(out_sentences, out_claims, applied)


def human_guess(annotation: Annotation, guess: dict[str, Any]) -> dict[str, Any]:
    """The human label as the guess; the model's stays beside it."""
    return {
        "claim_probability": guess["claim_probability"],
        "guess": annotation.label or NO_CLAIM,
        "model_guess": guess["guess"],
    }


def human_claim(annotation: Annotation, claim: dict[str, Any]) -> dict[str, Any]:
    """The claim with the analyst's label, mixed flag and (if given) actors."""
    actors = list(annotation.actors) or claim["actors"]
    relabelled = {**claim, "label": annotation.label, "mixed": annotation.mixed, "actors": actors, "label_source": ANNOTATION}
    if "inherited_actors" in claim:
        relabelled["inherited_actors"] = [a for a in claim["inherited_actors"] if a["code"] in actors]
    if annotation.label != claim["label"]:
        relabelled["confidence"] = 1.0
    return relabelled


def with_side_event(claim: dict[str, Any], sides: dict[str, Any] | None) -> dict[str, Any]:
    """The claim with the event of its label's side and its sentence's date (unchanged without them)."""
    if not sides or claim["label"] not in sides.get("by_label", {}):
        return claim
    return {**claim, **sides["by_label"][claim["label"]], "date": sides["date"]}


def claim_from_sentence(sentence: dict[str, Any], version: str) -> dict[str, Any]:
    """A claim record for a unit the analyst labelled a claim and the model did not."""
    claim = {
        "doc": sentence["doc"],
        "start": sentence["start"],
        "end": sentence["end"],
        "text": sentence["text"],
        "label": None,
        "confidence": 1.0,
        "claim_confidence": 1.0,
        "actors": sentence["actors"],
        "source": sentence["stance"]["source"],
        "target": sentence["stance"]["target"],
        "symmetric": sentence["stance"].get("symmetric", False),
        "stance": sentence["stance"],
        "evidence": ["annotation"],
        "model": version,
        # Set from the guess's `side_events` (`with_side_event`).
        "event": None,
        "event_confidence": 0.0,
        "quad_code": None,
        "mode": sentence.get("mode", "asserted"),
        "date": None,
    }
    if "inherited_actors" in sentence:
        claim["inherited_actors"] = sentence["inherited_actors"]
    return claim
