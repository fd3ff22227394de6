"""The held-out articles (`corpus/heldout/`): written like the written
articles, about other pairs, and never trained on. The model fitted on
everything finds their claims, labels them and chooses their sides; the
figures say how it does on articles like the hidden ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sklearn.metrics import f1_score
from spacy.language import Language

from pipeline.config import HELDOUT_ARTICLES_DIR, HELDOUT_GOLD, LABELS
from pipeline.model.classifier import ClaimModel
from pipeline.model.classify import predict
from pipeline.model.dyad import dyad_model_of, rechoose
from pipeline.records import Sentence
from pipeline.training.dyad_eval import case_of, tagged_gold
from pipeline.training.dyad_scores import dyad_scores


def heldout_scores(
    model: ClaimModel, *, nlp: Language, articles_dir: Path = HELDOUT_ARTICLES_DIR, gold_path: Path = HELDOUT_GOLD
) -> dict[str, Any]:
    """Claim recall and precision, label macro-F1 on the gold claims, and the
    dyad table (`heldout_dyad_*` by the model, `heldout_rules_*` by the
    rules); {} without the files."""
    if not articles_dir.is_dir() or not gold_path.is_file():
        return {}
    tagged, found = tagged_gold(articles_dir, gold_path, nlp=nlp)
    sentences = [sentence for doc in sorted(tagged) for sentence in tagged[doc]]
    claimed = {key(sentence): prediction for sentence, prediction in zip(sentences, predict(model, sentences))}
    matched = [(gold, sentence) for gold, sentence in found if sentence is not None]
    paired = [(gold, sentence) for gold, sentence in matched if len(gold["actors"]) >= 2]
    gold_sentences = {key(sentence) for _gold, sentence in matched}
    found_claims = [name for name, prediction in claimed.items() if prediction.is_claim]
    labels = ([gold["label"] for gold, _s in matched], [claimed[key(sentence)].label for _g, sentence in matched])
    dyad = dyad_model_of(model)
    return {
        "heldout_claims": len(found),
        "heldout_claim_recall": share(sum(claimed[key(sentence)].is_claim for _gold, sentence in matched), len(found)),
        # A sentence found to be a claim is right when it is a gold claim's: every claim has a gold line.
        "heldout_claim_precision": share(sum(name in gold_sentences for name in found_claims), len(found_claims)),
        "heldout_label_macro_f1": round(float(f1_score(*labels, labels=list(LABELS), average="macro", zero_division=0)), 4),
        **dyad_scores([case_of(tuple(gold["actors"]), rechoose(sentence, dyad)) for gold, sentence in paired], prefix="heldout_dyad"),
        **dyad_scores([case_of(tuple(gold["actors"]), sentence) for gold, sentence in paired], prefix="heldout_rules"),
    }


def key(sentence: Sentence) -> tuple[str, int]:
    return sentence.doc, sentence.start


def share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0
