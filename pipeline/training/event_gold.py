"""Figures on articles written for the test (`corpus/events-gold/`): dates
resolved from datelines and relative expressions, and pairs of reports that
are, or are not, one event."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language

from pipeline.config import EVENTS_GOLD_DIR
from pipeline.events.annotate import date_expressions, event_claims
from pipeline.events.dates import sentence_date
from pipeline.stages.articledate import article_date
from pipeline.events.dedup import group_events
from pipeline.io import InputError, read_jsonl
from pipeline.model.classifier import ClaimModel
from pipeline.records import Article, Sentence
from pipeline.stages.ingest import ingest
from pipeline.stages.sentences import article_sentences

GOLD_VERSION = "gold"


def event_gold_scores(model: ClaimModel, *, nlp: Language, gold_dir: Path = EVENTS_GOLD_DIR) -> dict[str, float]:
    """`dates_resolved` (share right at date and granularity) and
    `event_pairs_f1` (pairwise same-event F1); {} when the folder is missing."""
    if not gold_dir.is_dir():
        return {}
    return {"dates_resolved": dates_resolved(gold_dir, nlp=nlp), "event_pairs_f1": event_pairs_f1(model, gold_dir, nlp=nlp)}


def parsed(folder: Path, *, nlp: Language) -> dict[str, tuple[Article, list[Sentence]]]:
    articles = ingest(sorted(folder.glob("*.txt")))
    return {article.doc: (article, sentences) for article, sentences in article_sentences(articles, nlp=nlp)}


def dates_resolved(gold_dir: Path, *, nlp: Language) -> float:
    articles = parsed(gold_dir / "dates", nlp=nlp)
    right = total = 0
    for where, gold in read_jsonl(gold_dir / "dates.jsonl"):
        article, sentences = gold_article(articles, gold["doc"], gold_dir / "dates.jsonl", where)
        sentence = next((s for s in sentences if gold["sentence"] in s.text), None)
        if sentence is None:
            raise InputError(f"{gold_dir / 'dates.jsonl'}:{where}: no sentence of {gold['doc']} holds {gold['sentence']!r}")
        base = article_date(article.meta, article.raw)
        found = sentence_date(date_expressions(sentence), base, future=sentence.mode == "planned")
        total += 1
        right += bool(found and found.get("expression") and (found["date"], found["granularity"]) == (gold["date"], gold["granularity"]))
    return round(right / total, 4) if total else 0.0


def event_pairs_f1(model: ClaimModel, gold_dir: Path, *, nlp: Language) -> float:
    """F1 of "these two reports are one event" over the gold pairs."""
    claims = {}
    for doc, (article, sentences) in parsed(gold_dir / "pairs", nlp=nlp).items():
        base = article_date(article.meta, article.raw)
        claims[doc] = [c.to_json() for c in event_claims(sentences, model=model, version=GOLD_VERSION, base=base)[0]]
    counts = {"tp": 0, "fp": 0, "fn": 0}
    for where, gold in read_jsonl(gold_dir / "pairs.jsonl"):
        for doc in (gold["first"], gold["second"]):
            gold_article(claims, doc, gold_dir / "pairs.jsonl", where)
        predicted = one_event(group_events(claims[gold["first"]] + claims[gold["second"]]), gold["first"], gold["second"])
        key = "tp" if predicted and gold["same"] else "fp" if predicted else "fn" if gold["same"] else None
        if key:
            counts[key] += 1
    denominator = 2 * counts["tp"] + counts["fp"] + counts["fn"]
    return round(2 * counts["tp"] / denominator, 4) if denominator else 0.0


def one_event(events: list[dict[str, Any]], first: str, second: str) -> bool:
    """Some event is reported by both articles."""
    return any({first, second} <= {mention["doc"] for mention in event["mentions"]} for event in events)


def gold_article(found: dict[str, Any], doc: str, path: Path, where: int) -> Any:
    if doc not in found:
        raise InputError(f"{path}:{where}: no article {doc!r}")
    return found[doc]
