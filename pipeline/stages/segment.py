"""Segment: sentences of a parsed article, each with the kind of its line."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pipeline.records import Article, Block


@dataclass(frozen=True)
class Unit:
    """One sentence span of a parsed article and the kind of line it sits in."""

    span: Span
    kind: str

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char


def sentence_units(article: Article, doc: Doc) -> list[Unit]:
    starts = [block.start for block in article.blocks]
    units = []
    for sent in doc.sents:
        span = strip_outside_blocks(sent, article.blocks, starts)
        if span is not None:
            units.append(Unit(span=span, kind=block_kind(article.blocks, starts, span.start_char)))
    return units


def units_at(article: Article, doc: Doc, spans: list[tuple[int, int]]) -> list[Unit]:
    """Units at given character spans (annotated units), each with the kind of its line."""
    starts = [block.start for block in article.blocks]
    return [
        Unit(span=doc.char_span(start, end, alignment_mode="expand"), kind=block_kind(article.blocks, starts, start))
        for start, end in spans
    ]


def strip_outside_blocks(span: Span, blocks: tuple[Block, ...], starts: list[int]) -> Span | None:
    """The span without leading and trailing tokens that lie in no block
    (white space, a byte-order mark), or None if nothing is left."""
    tokens = [token for token in span if not token.is_space and in_a_block(token.idx, blocks, starts)]
    if not tokens:
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def in_a_block(char: int, blocks: tuple[Block, ...], starts: list[int]) -> bool:
    index = bisect.bisect_right(starts, char) - 1
    return index >= 0 and char < blocks[index].end


def block_kind(blocks: tuple[Block, ...], starts: list[int], char: int) -> str:
    index = bisect.bisect_right(starts, char) - 1
    return blocks[index].kind if index >= 0 else "body"
