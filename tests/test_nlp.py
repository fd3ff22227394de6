"""nlp: long articles are parsed in pieces cut at line starts, with exact offsets."""

from __future__ import annotations

import pytest

from pipeline.records import Article
from pipeline.stages import nlp as nlp_module
from pipeline.stages.ingest import find_blocks
from pipeline.stages.nlp import piece_bounds
from pipeline.stages.sentences import article_sentences

PAIRS = [("Kenya", "Uganda"), ("Peru", "Chile"), ("Ghana", "Togo"), ("Vietnam", "Cambodia"), ("Norway", "Russia")]


def long_article(paragraphs: int) -> Article:
    lines = []
    for n in range(paragraphs):
        first, second = PAIRS[n % len(PAIRS)]
        lines += [f"Talks Round {n}", "", f"{first} and {second} signed accord number {n} on trade. Both sides praised it.", ""]
    raw = "\n".join(lines)
    return Article(doc="long", path="", sha256="", raw=raw, blocks=tuple(find_blocks(raw)))


def test_pieces_cover_the_article_and_start_at_lines():
    article = long_article(300)
    bounds = piece_bounds(article, 2_000)
    assert len(bounds) > 5
    assert bounds[0][0] == 0 and bounds[-1][1] == len(article.raw)
    assert all(end == next_start for (_s, end), (next_start, _e) in zip(bounds, bounds[1:]))
    block_starts = {block.start for block in article.blocks}
    assert all(start in block_starts for start, _end in bounds[1:])
    assert all(end - start <= 2_000 for start, end in bounds)


def test_a_line_longer_than_a_piece_is_cut_after_a_sentence():
    raw = " ".join(f"{a} and {b} met on day {n}." for n, (a, b) in enumerate(PAIRS * 200))
    article = Article(doc="one-line", path="", sha256="", raw=raw, blocks=tuple(find_blocks(raw)))
    bounds = piece_bounds(article, 1_000)
    assert all(end - start <= 1_000 for start, end in bounds)
    assert all(raw[end - 2 : end] == ". " for _start, end in bounds[:-1])


def test_a_usual_article_is_one_piece():
    article = long_article(20)
    assert piece_bounds(article, nlp_module.PIECE_CHARS) == [(0, len(article.raw))]


def test_a_long_article_in_pieces_gives_exact_offsets_and_the_sentences_of_one_parse(nlp, monkeypatch):
    article = long_article(120)
    (_, whole), = article_sentences([article], nlp=nlp)
    given: list[int] = []
    real_make_doc = nlp.make_doc
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 1_500)
    monkeypatch.setattr(nlp, "make_doc", lambda text: given.append(len(text)) or real_make_doc(text))
    (_, pieced), = article_sentences([article], nlp=nlp)
    assert len(given) > 5 and max(given) <= 1_500
    assert all(article.raw[s.start : s.end] == s.text for s in pieced)
    assert [(s.start, s.end, s.kind, s.actors) for s in pieced] == [(s.start, s.end, s.kind, s.actors) for s in whole]


def test_joining_pieces_keeps_the_article_date_without_a_warning(nlp, monkeypatch):
    import warnings

    from pipeline.stages.actors import ARTICLE_DATE
    from pipeline.stages.sentences import parse

    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 1_500)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ((_, doc),) = parse([long_article(60)], nlp=nlp)
    assert ARTICLE_DATE in doc.user_data
