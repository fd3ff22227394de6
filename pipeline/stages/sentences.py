"""The one path from articles to tagged `Sentence` records, shared by run,
train, annotate and the external sets, so they cannot drift apart.

Each article is tokenised with its line structure fixed as sentence
boundaries (`prepare_pieces`), parsed once by `nlp.pipe`, segmented into units,
and each unit tagged with its actors and stance.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.records import Article, Sentence
from pipeline.stages.nlp import attach_datelines, prepare_pieces
from pipeline.stages.segment import Unit, sentence_units, units_at
from pipeline.stages.tag import tag_units

# Which spans of a parsed article become units: by default its sentences;
# training passes the annotated spans instead.
SpansOf = Callable[[Article], list[tuple[int, int]]]
PIPE_BATCH_SIZE = 4


def parse(articles: Iterable[Article], *, nlp: Language, batch_size: int = PIPE_BATCH_SIZE) -> Iterator[tuple[Article, Doc]]:
    """Each article and its parsed `Doc`, in order, from one `nlp.pipe` pass.
    A long article is parsed in pieces, joined back into one `Doc`."""
    pieces = ((doc, (article, last)) for article in articles for doc, last in prepare_pieces(nlp, article))
    parsed: list[Doc] = []
    for doc, (article, last) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        attach_datelines(doc)
        parsed.append(doc)
        if last:
            yield article, parsed[0] if len(parsed) == 1 else joined(parsed)
            parsed = []


def joined(pieces: list[Doc]) -> Doc:
    """One `Doc` of an article parsed in pieces. Their tok2vec tensors are
    left out: no later stage reads them, and they would be the biggest part.
    The pieces share their user data (the article's date), so it is copied
    from the first, not merged (which spaCy warns of)."""
    doc = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor", "user_data"])
    doc.user_data.update(pieces[0].user_data)
    return doc


def article_sentences(
    articles: Iterable[Article], *, nlp: Language, spans_of: SpansOf | None = None
) -> Iterator[tuple[Article, list[Sentence]]]:
    """Each article with its tagged sentences, in text order."""
    for article, doc in parse(articles, nlp=nlp):
        units = sentence_units(article, doc) if spans_of is None else units_at(article, doc, spans_of(article))
        yield article, tagged(article, doc, units)


def tagged(article: Article, doc: Doc, units: list[Unit]) -> list[Sentence]:
    return [sentence for _unit, sentence in tag_units(article.doc, doc, units)]
