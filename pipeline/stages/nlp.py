"""Building the spaCy pipeline and parsing articles, one pass each."""

from __future__ import annotations

import json
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.stages import actors as _actors  # noqa: F401  (registers the actor_linker factory)
from pipeline.config import ACTORS_PATH, BYTE_ORDER_MARK, SPACY_MODEL
from pipeline.io import InputError
from pipeline.records import Article, Block

PARSE_KINDS = frozenset({"body", "bullet"})
# spaCy refuses texts over 1,000,000 characters by default; the small model's
# parser needs about 1 GB per 1,000,000 characters, which this still allows.
MAX_ARTICLE_CHARS = 5_000_000


def load_nlp(*, actors_path: Path = ACTORS_PATH, model: str = SPACY_MODEL) -> Language:
    """The trained spaCy pipeline with the actor linker added after NER."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise InputError(f"spaCy model {model!r} is not installed (run `make install`)") from None
    nlp.max_length = MAX_ARTICLE_CHARS
    split_byte_order_mark(nlp)
    aliases = _actors.load_actors(actors_path)
    nlp.add_pipe("actor_linker", after="ner", config={"aliases_json": json.dumps(aliases, sort_keys=True)})
    return nlp


def split_byte_order_mark(nlp: Language) -> None:
    """A UTF-8 BOM stays in the text (offsets match UTF-8 readers) but becomes
    its own token, so it never glues onto the first word."""
    pattern = nlp.tokenizer.prefix_search.__self__.pattern
    nlp.tokenizer.prefix_search = re.compile(f"^{BYTE_ORDER_MARK}|{pattern}").search


def prepare_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise and preset sentence starts: every line starts one, and a heading
    or furniture line is a single unit."""
    doc = nlp.make_doc(article.raw)
    mark_block_boundaries(doc, article.blocks)
    return doc


def mark_block_boundaries(doc: Doc, blocks: tuple[Block, ...]) -> None:
    for block in blocks:
        span = doc.char_span(block.start, block.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        span[0].is_sent_start = True
        if block.kind == "bullet" and len(span) > 1:
            span[1].is_sent_start = False  # the marker belongs to its item
        if block.kind not in PARSE_KINDS:
            for token in span[1:]:
                token.is_sent_start = False
        if span.end < len(doc):
            doc[span.end].is_sent_start = True
