"""The held-out articles (`corpus/heldout/`): written like the written
articles, about other pairs, and never trained on. The model fitted on
everything finds their claims, labels them and chooses their sides; the
figures say how it does on articles like the hidden ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sklearn.metrics import f1_score
from spacy.language import Language

from pipeline.config import HELDOUT_ARTICLES_DIR, HELDOUT_GOLD
from pipeline.io import read_jsonl
from pipeline.model.classifier import ClaimModel
from pipeline.model.classify import predict
from pipeline.model.dyad import dyad_model_of, rechoose
from pipeline.records import Sentence
from pipeline.stages.ingest import ingest
from pipeline.stages.sentences import article_sentences
from pipeline.training.dyad_eval import case_of, overlapping
from pipeline.training.dyad_scores import dyad_scores


def heldout_scores(
    model: ClaimModel, *, nlp: Language, articles_dir: Path = HELDOUT_ARTICLES_DIR, gold_path: Path = HELDOUT_GOLD
) -> dict[str, Any]:
    """Claim recall and precision, label macro-F1 on the gold claims, and the
    dyad table (`heldout_dyad_*` by the model, `heldout_rules_*` by the
    rules); {} without the files."""
    if not articles_dir.is_dir() or not gold_path.is_file():
        return {}
    tagged = {article.doc: sentences for article, sentences in article_sentences(ingest(sorted(articles_dir.glob("*.txt"))), nlp=nlp)}
    gold = [record for _where, record in read_jsonl(gold_path)]
    sentences = [sentence for doc in sorted(tagged) for sentence in tagged[doc]]
    claimed = {key(sentence): prediction for sentence, prediction in zip(sentences, predict(model, sentences))}
    found = [(record, overlapping(record, tagged.get(record["doc"], []))) for record in gold]
    matched = [(record, sentence) for record, sentence in found if sentence is not None]
    paired = [(record, sentence) for record, sentence in matched if len(record["actors"]) >= 2]
    dyad = dyad_model_of(model)
    return {
        "heldout_claims": len(gold),
        "heldout_claim_recall": share(sum(claimed[key(sentence)].is_claim for _record, sentence in matched), len(gold)),
        "heldout_claim_precision": claim_precision(claimed, sentences, gold),
        "heldout_label_macro_f1": round(
            float(f1_score([r["label"] for r, _s in matched], [claimed[key(s)].label for _r, s in matched], average="macro")), 4
        ),
        **dyad_scores([case_of(tuple(r["actors"]), rechoose(s, dyad)) for r, s in paired], prefix="heldout_dyad"),
        **dyad_scores([case_of(tuple(r["actors"]), s) for r, s in paired], prefix="heldout_rules"),
    }


def claim_precision(claimed: dict[tuple[str, int], Any], sentences: list[Sentence], gold: list[dict[str, Any]]) -> float:
    """The share of sentences found to be claims that overlap a gold claim."""
    found = [sentence for sentence in sentences if claimed[key(sentence)].is_claim]
    hits = sum(any(r["doc"] == s.doc and min(r["end"], s.end) > max(r["start"], s.start) for r in gold) for s in found)
    return share(hits, len(found))


def key(sentence: Sentence) -> tuple[str, int]:
    return sentence.doc, sentence.start


def share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0
