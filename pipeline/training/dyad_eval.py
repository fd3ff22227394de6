"""The dyad's figures: leave-one-article-out over the annotated claims (the
dyad model trained on the other articles, and the rules alone), on PLOVER's
gold source and target codes, and on the articles written about other pairs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from spacy.language import Language

from pipeline.config import LABELS, WRITTEN_ARTICLE_DYADS, WRITTEN_ARTICLES_DIR
from pipeline.io import InputError, read_jsonl
from pipeline.model.dyad import DyadModel, rechoose
from pipeline.records import Sentence
from pipeline.stages.ingest import ingest
from pipeline.stages.sentences import article_sentences
from pipeline.training.dyad_scores import DyadCase, dyad_scores
from pipeline.training.external import PLOVER_FILE, plover_records, tag_texts
from pipeline.training.train import Example, WrittenDyad, fit_dyad

GOLD_FIELDS = {"doc": str, "start": int, "end": int, "actors": list, "label": str}


def case_of(gold: tuple[str, ...], sentence: Sentence) -> DyadCase:
    return DyadCase(tuple(gold), sentence.stance.source, sentence.stance.target, sentence.actors)


def dyad_loao(examples: list[Example], written: Sequence[WrittenDyad] = ()) -> dict[str, Any]:
    """The dyad table over the annotated claims: `dyad_*` by the dyad model
    trained on the other articles and the written articles' claims (the
    rules where it cannot be trained), `dyad_rules_*` by the rules alone."""
    claims = [example for example in examples if example.annotation.claim]
    rules = [case_of(example.annotation.actors, example.sentence) for example in claims]
    learned = []
    for doc in sorted({example.annotation.doc for example in claims}):
        model = fit_dyad([example for example in claims if example.annotation.doc != doc], written)
        learned.extend(
            case_of(example.annotation.actors, rechoose(example.sentence, model)) for example in claims if example.annotation.doc == doc
        )
    return {**dyad_scores(learned), **dyad_scores(rules, prefix="dyad_rules")}


def plover_dyads(external_dir: Path, dyad: DyadModel | None, *, nlp: Language) -> dict[str, Any]:
    """The dyad table on PLOVER's records with one gold source and one gold
    target, both actors the dictionary knows (states and organisations);
    empty without the file."""
    if not (external_dir / PLOVER_FILE).exists():
        return {}
    known = actor_codes(nlp)
    gold = [pair for pair in map(gold_pair, plover_records(external_dir)) if pair and set(pair[1]) <= known]
    sentences = tag_texts([text for text, _pair in gold], nlp=nlp)
    cases = [case_of(pair, rechoose(sentence, dyad)) for (_text, pair), sentence in zip(gold, sentences)]
    return dyad_scores(cases, prefix="plover_dyad")


def gold_pair(record: Any) -> tuple[str, tuple[str, str]] | None:
    """(text, (source code, target code)) of a record with exactly one of each, else None."""
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return None
    source, target = record.get("source"), record.get("target")
    if not (isinstance(source, list) and isinstance(target, list) and len(source) == 1 and len(target) == 1):
        return None
    codes = tuple(side.get("code") if isinstance(side, dict) else None for side in (source[0], target[0]))
    if not all(isinstance(code, str) for code in codes) or codes[0] == codes[1]:
        return None
    return record["text"], codes  # type: ignore[return-value]


def actor_codes(nlp: Language) -> set[str]:
    """The codes of the actor dictionary loaded into `nlp`."""
    return {code for code, _field in nlp.get_pipe("actor_linker").dictionary.aliases.values()}


def written_dyads(
    *, nlp: Language, articles_dir: Path = WRITTEN_ARTICLES_DIR, gold_path: Path = WRITTEN_ARTICLE_DYADS
) -> list[WrittenDyad]:
    """The written articles' claims with two sides or more, each on the
    sentence a run tags over it (the one sharing most characters); [] without the files."""
    if not articles_dir.is_dir() or not gold_path.is_file():
        return []
    _tagged, found = tagged_gold(articles_dir, gold_path, nlp=nlp)
    return [
        WrittenDyad(gold["doc"], tuple(gold["actors"]), sentence) for gold, sentence in found if sentence is not None and len(gold["actors"]) >= 2
    ]


def tagged_gold(
    articles_dir: Path, gold_path: Path, *, nlp: Language
) -> tuple[dict[str, list[Sentence]], list[tuple[dict[str, Any], Sentence | None]]]:
    """The articles' sentences as a run tags them, by doc, and each gold claim
    with the sentence sharing most characters with it (None if none does)."""
    tagged = {article.doc: sentences for article, sentences in article_sentences(ingest(sorted(articles_dir.glob("*.txt"))), nlp=nlp)}
    gold = read_article_gold(gold_path, docs=set(tagged))
    return tagged, [(record, overlapping(record, tagged[record["doc"]])) for record in gold]


def read_article_gold(path: Path, *, docs: set[str]) -> list[dict[str, Any]]:
    """The gold claims of written articles; a malformed line, or one naming
    no article of `docs`, stops with one error naming the file and line."""
    records = []
    for where, record in read_jsonl(path):
        wrong = [name for name, kind in GOLD_FIELDS.items() if not isinstance(record.get(name), kind)]
        if wrong or record["label"] not in LABELS or not all(isinstance(code, str) for code in record["actors"]):
            raise InputError(f"{path}:{where}: needs 'doc' (text), 'start' and 'end' (integers), 'actors' (a list of codes) and 'label' ({' or '.join(LABELS)})")
        if record["doc"] not in docs:
            raise InputError(f"{path}:{where}: no article {record['doc']}.txt beside it")
        records.append(record)
    return records


def written_article_dyads(examples: list[Example], written: Sequence[WrittenDyad]) -> dict[str, Any]:
    """The dyad table on the written articles: `articles_dyad_*` by the dyad
    model trained on the annotated claims and the other written articles
    (leave one article out), `articles_rules_*` by the rules; {} without them."""
    if not written:
        return {}
    claims = [example for example in examples if example.annotation.claim]
    learned = []
    for doc in sorted({item.doc for item in written}):
        model = fit_dyad(claims, [item for item in written if item.doc != doc])
        learned.extend(case_of(item.actors, rechoose(item.sentence, model)) for item in written if item.doc == doc)
    rules = [case_of(item.actors, item.sentence) for item in written]
    return {**dyad_scores(learned, prefix="articles_dyad"), **dyad_scores(rules, prefix="articles_rules")}


def overlapping(gold: dict[str, Any], sentences: list[Sentence]) -> Sentence | None:
    """The sentence sharing the most characters with the gold span, or None."""
    shared = [(min(gold["end"], s.end) - max(gold["start"], s.start), s) for s in sentences]
    best = max(shared, key=lambda item: item[0], default=(0, None))
    return best[1] if best[0] > 0 else None
