"""The one path from articles to tagged `Sentence` records, shared by run,
train, annotate and the external sets, so they cannot drift apart.

Each article is tokenised with its line structure fixed as sentence
boundaries (`prepare_doc`), parsed once by `nlp.pipe`, segmented into units,
and each unit tagged with its actors and stance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.records import Article, Sentence
from pipeline.stages.nlp import prepare_doc
from pipeline.stages.segment import Unit, sentence_units, units_at
from pipeline.stages.tag import tag_units

# Which spans of a parsed article become units: by default its sentences;
# training passes the annotated spans instead.
SpansOf = Callable[[Article], list[tuple[int, int]]]
PIPE_BATCH_SIZE = 4


def parse(articles: Iterable[Article], *, nlp: Language, batch_size: int = PIPE_BATCH_SIZE) -> Iterator[tuple[Article, Doc]]:
    """Each article and its parsed `Doc`, in order, from one `nlp.pipe` pass."""
    prepared = ((prepare_doc(nlp, article), article) for article in articles)
    for doc, article in nlp.pipe(prepared, as_tuples=True, batch_size=batch_size):
        yield article, doc


def article_sentences(
    articles: Iterable[Article], *, nlp: Language, spans_of: SpansOf | None = None
) -> Iterator[tuple[Article, list[Sentence]]]:
    """Each article with its tagged sentences, in text order."""
    for article, doc in parse(articles, nlp=nlp):
        units = sentence_units(article, doc) if spans_of is None else units_at(article, doc, spans_of(article))
        yield article, tagged(article, doc, units)


def tagged(article: Article, doc: Doc, units: list[Unit]) -> list[Sentence]:
    return [sentence for _unit, sentence in tag_units(article.doc, doc, units)]
