"""Public labelled sets (PLOVER, UN quad-class), read in place from the folder
given as `--external` (e.g. ../shared/external), for evaluating how well the
label model travels, and the UN set's sentences outside its scored sample as
extra training data for the label. Optional, and never copied into the repo."""

from __future__ import annotations

import csv
import functools
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from spacy.language import Language
from sklearn.metrics import f1_score

from pipeline.model.classify import predict
from pipeline.config import LABELS
from pipeline.model.features import feature_rows
from pipeline.io import InputError
from pipeline.model.classifier import ClaimModel, ExtraLabelled
from pipeline.records import Sentence
from pipeline.stages.ingest import one_line_article
from pipeline.stages.sentences import article_sentences

PLOVER_FILE = Path("plover-gsr-cameo/PLOVER_GSR_CAMEO.json")
UN_FILE = Path("un-quadclass-keep-it-local/en_annotations_quad_multiclass.tsv")
PLOVER_COOPERATION = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
PLOVER_TENSION = frozenset({"DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT"})
UN_LABELS = {"1": "tension", "2": "cooperation", "3": "tension", "4": "cooperation"}
# Every n-th UN sentence is scored (~1,000 of 4,959 keep `make evaluate` to a
# few minutes); the others may be trained on.
UN_STRIDE = 5


def plover_records(external_dir: Path) -> list:
    """The PLOVER gold file's records, as JSON (a list, or one object)."""
    path = external_dir / PLOVER_FILE
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: not a PLOVER JSON file ({err})") from None
    return records if isinstance(records, list) else [records]


def plover_examples(external_dir: Path) -> list[tuple[str, str]]:
    """(text, label) for every PLOVER record with a mapped event; INVESTIGATE is left out."""
    path = external_dir / PLOVER_FILE
    examples = []
    for number, record in enumerate(plover_records(external_dir), start=1):
        event = record.get("event") if isinstance(record, dict) else None
        label = "cooperation" if event in PLOVER_COOPERATION else "tension" if event in PLOVER_TENSION else None
        if label is None:
            continue  # INVESTIGATE, the documentation record, anything unmapped
        if not isinstance(record.get("text"), str):
            raise InputError(f"{path}: record {number} has no 'text'")
        examples.append((record["text"], label))
    return examples


def un_labelled(external_dir: Path) -> list[tuple[str, str]]:
    """(text, label) for every UN sentence with a conflict or cooperation quad class."""
    path = external_dir / UN_FILE
    labelled = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        try:
            next(rows, None)  # the header
            for row in rows:
                if len(row) != 2:
                    raise InputError(f"{path}:{rows.line_num}: expected 2 tab-separated fields (en, QuadClass), got {len(row)}")
                text, code = row
                if code in UN_LABELS:
                    labelled.append((text, UN_LABELS[code]))
        except (UnicodeDecodeError, csv.Error) as err:
            raise InputError(f"{path}:{rows.line_num + 1}: unreadable ({err})") from None
    return labelled


def un_examples(external_dir: Path) -> list[tuple[str, str]]:
    """The scored sample: every `UN_STRIDE`-th labelled UN sentence."""
    return un_labelled(external_dir)[::UN_STRIDE]


def un_training_examples(external_dir: Path) -> list[tuple[str, str]]:
    """Every labelled UN sentence outside the scored sample."""
    return [example for i, example in enumerate(un_labelled(external_dir)) if i % UN_STRIDE]


@functools.lru_cache(maxsize=4)  # `evaluate --ablation` asks again for each variant
def training_set(external_dir: Path, *, nlp: Language, parts: frozenset[str]) -> tuple[ExtraLabelled, dict[str, object]] | None:
    """The UN training sentences as feature rows, and what the model card
    records of them; None when the UN file is not there."""
    path = external_dir / UN_FILE
    if not path.exists():
        return None
    examples = un_training_examples(external_dir)
    sentences = tag_texts([text for text, _label in examples], nlp=nlp)
    extra = ExtraLabelled(rows=feature_rows(sentences, parts, clauses=False), labels=np.array([label for _text, label in examples]))
    source = {"file": str(UN_FILE), "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "sentences": len(examples)}
    return extra, source


def external_sets(external_dir: Path) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    if (external_dir / PLOVER_FILE).exists():
        yield "plover", plover_examples(external_dir)
    if (external_dir / UN_FILE).exists():
        yield "un_quadclass", un_examples(external_dir)


def tag_texts(texts: list[str], *, nlp: Language) -> list[Sentence]:
    """Each text parsed and tagged as one body sentence, by the run's path."""
    articles = (one_line_article(f"external-{i}", text) for i, text in enumerate(texts))
    whole_text = lambda article: [(0, len(article.raw))]  # noqa: E731
    return [sentence for _article, (sentence,) in article_sentences(articles, nlp=nlp, spans_of=whole_text)]


@functools.lru_cache(maxsize=4)  # the UN sample is scored for the label and the quad class
def tagged_rows(texts: tuple[str, ...], *, nlp: Language, parts: frozenset[str]) -> tuple[list[Sentence], list[dict]]:
    """The texts tagged as sentences, and their feature rows."""
    sentences = tag_texts(list(texts), nlp=nlp)
    return sentences, feature_rows(sentences, parts)


def external_scores(model: ClaimModel, examples: list[tuple[str, str]], *, nlp: Language) -> tuple[float, float]:
    """Label macro-F1 over the set's gold labels, and claim recall: the share
    of its sentences (every one an event between two sides) called claims."""
    sentences, rows = tagged_rows(tuple(text for text, _label in examples), nlp=nlp, parts=frozenset(model.parts | {"vector"}))
    predictions = predict(model, sentences, rows)
    gold = [label for _text, label in examples]
    label_f1 = round(float(f1_score(gold, [p.label for p in predictions], labels=list(LABELS), average="macro")), 4)
    recall = round(sum(p.is_claim for p in predictions) / len(predictions), 4) if predictions else 0.0
    return label_f1, recall
