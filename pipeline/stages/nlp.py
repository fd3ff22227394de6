"""Building the spaCy pipeline and parsing articles, one pass each."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from pipeline.stages.actors import ARTICLE_DATE  # importing it registers the actor_linker factory
from pipeline.stages.articledate import article_date
from pipeline.stages.dictionary import load_actors
from pipeline.config import ACTORS_PATH, BYTE_ORDER_MARK, SPACY_MODEL
from pipeline.io import InputError
from pipeline.records import Article, Block

PARSE_KINDS = frozenset({"body", "bullet"})
# A wire dateline opening a paragraph: a capitalised place, then a date or a
# news agency in brackets (or both), then a dash ("BAKU, May 6 (Reuters) -",
# "KABUL, Afghanistan (AP) —"). It belongs to the sentence it opens.
DATELINE_PREFIX_RE = re.compile(
    r"[A-Z][A-Z/.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([A-Za-z .&]{1,30}\))?|\s*\([A-Za-z .&]{1,30}\))"
    r"\s*[-–—]+\s*"
)
# What ends a sentence before a closing quotation mark.
SENTENCE_STOPS = frozenset({".", "!", "?", "\u2026"})
# spaCy refuses texts over 1,000,000 characters by default; the small model's
# parser needs about 1 GB per 1,000,000 characters, which this still allows.
MAX_ARTICLE_CHARS = 5_000_000
# A longer article is parsed in pieces of about this many characters (see
# `piece_bounds`), so a worker's memory stays bounded whatever its length.
PIECE_CHARS = 50_000


def load_nlp(*, actors_path: Path = ACTORS_PATH, model: str = SPACY_MODEL) -> Language:
    """The trained spaCy pipeline with the actor linker added after NER."""
    try:
        nlp = spacy.load(model)
    except OSError:
        raise InputError(f"spaCy model {model!r} is not installed (run `make install`)") from None
    nlp.max_length = MAX_ARTICLE_CHARS
    split_byte_order_mark(nlp)
    split_abbreviation_hyphens(nlp)
    dictionary = load_actors(actors_path)
    nlp.add_pipe("actor_linker", after="ner", config={"dictionary_json": dictionary.to_json()})
    return nlp


def split_byte_order_mark(nlp: Language) -> None:
    """A UTF-8 BOM stays in the text (offsets match UTF-8 readers) but becomes
    its own token, so it never glues onto the first word."""
    pattern = nlp.tokenizer.prefix_search.__self__.pattern
    nlp.tokenizer.prefix_search = re.compile(f"^{BYTE_ORDER_MARK}|{pattern}").search


def split_abbreviation_hyphens(nlp: Language) -> None:
    """"U.S.-led", "U.S.-China talks": the hyphen after an abbreviation's stop
    is split off, as in "US-led", so the abbreviation is a name of its own."""
    pattern = nlp.tokenizer.infix_finditer.__self__.pattern
    nlp.tokenizer.infix_finditer = re.compile(f"(?<=[A-Z]\\.)-(?=[A-Za-z])|{pattern}").finditer


def prepare_pieces(nlp: Language, article: Article) -> Iterator[tuple[Doc, bool]]:
    """Tokenise and preset sentence starts: every line starts one, and a heading
    or furniture line is a single unit. One `Doc` for each piece of the article
    (see `piece_bounds`), and whether it is the last; the pieces' texts,
    joined, are the article's text. Each carries the article's date, for
    the actor linker (who governs a state on that date)."""
    day = article_date(article.meta, article.raw)
    bounds = piece_bounds(article, PIECE_CHARS)
    for number, (start, end) in enumerate(bounds, start=1):
        blocks = tuple(
            Block(start=max(b.start, start) - start, end=min(b.end, end) - start, kind=b.kind)
            for b in article.blocks
            if b.start < end and b.end > start
        )
        doc = nlp.make_doc(article.raw[start:end])
        doc.user_data[ARTICLE_DATE] = day.isoformat() if day else None
        mark_block_boundaries(doc, blocks)
        yield doc, number == len(bounds)


def piece_bounds(article: Article, max_chars: int) -> list[tuple[int, int]]:
    """Character ranges that cover the article, each at most about
    `max_chars` long, cut where a line starts: the parser's memory grows with
    the text it is given at once. A line longer than that is cut after a
    sentence end (or else a space) near the limit. A usual article is one piece."""
    raw = article.raw
    cuts = [0]
    for block in article.blocks:
        if block.end - cuts[-1] > max_chars and block.start > cuts[-1]:
            cuts.append(block.start)
        while block.end - cuts[-1] > max_chars:
            cuts.append(cut_in_line(raw, cuts[-1], max_chars))
    return [(start, end) for start, end in zip(cuts, [*cuts[1:], len(raw)]) if end > start] or [(0, len(raw))]


def cut_in_line(raw: str, start: int, max_chars: int) -> int:
    limit = start + max_chars
    for separator in (". ", " "):
        found = raw.rfind(separator, start + max_chars // 2, limit)
        if found != -1:
            return found + len(separator)
    return limit


def mark_block_boundaries(doc: Doc, blocks: tuple[Block, ...]) -> None:
    """Set every block's sentence starts in one array: setting `is_sent_start`
    token by token checks the whole doc each time, which is quadratic."""
    token_starts = [token.idx for token in doc]
    sent_starts = doc.to_array([SENT_START]).astype("int64")
    for block in blocks:
        first, end = block_tokens(token_starts, block)
        if first >= end:
            continue
        sent_starts[first] = 1
        if block.kind == "bullet" and end - first > 1:
            sent_starts[first + 1] = -1  # the marker belongs to its item
        if block.kind not in PARSE_KINDS:
            sent_starts[first + 1 : end] = -1
        if end < len(doc):
            sent_starts[end] = 1
        for i in range(first + 1, end):
            if closes_a_quotation(doc, i):
                sent_starts[i] = -1  # '... "suffocating an entire nation."': the closing mark ends the sentence it closes
    doc.from_array([SENT_START], sent_starts.astype("uint64").reshape(-1, 1))


def attach_datelines(doc: Doc) -> None:
    """A dateline the parser made a sentence of its own ("BAKU, May 6
    (Reuters) -") joins the sentence it opens on the same line: its root
    hangs from that sentence's root. The parser does not always keep a preset
    non-start, so this is done on the parse."""
    sentences = list(doc.sents)
    for dateline, opened in zip(sentences, sentences[1:]):
        same_line = "\n" not in doc.text[dateline.end_char : opened.start_char]
        if same_line and DATELINE_PREFIX_RE.fullmatch(dateline.text):
            dateline.root.head = opened.root
            dateline.root.dep_ = "npadvmod"


def closes_a_quotation(doc: Doc, i: int) -> bool:
    """A quotation mark right after a sentence's final stop, with no space between."""
    before = doc[i - 1]
    return doc[i].is_quote and before.text in SENTENCE_STOPS and not before.whitespace_


def block_tokens(token_starts: list[int], block: Block) -> tuple[int, int]:
    """The token range a block's characters fall in (as `char_span` with
    "expand"), found by bisection: `char_span` per line is quadratic."""
    first = max(0, bisect.bisect_right(token_starts, block.start) - 1)
    return first, bisect.bisect_right(token_starts, block.end - 1)
