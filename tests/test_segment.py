"""segment: sentence units of parsed articles, with the real spaCy pipeline."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import INLINE_ARTICLE, RAW_DIR
from pipeline.stages.ingest import find_blocks, ingest
from pipeline.stages.sentences import parse
from pipeline.records import Article
from pipeline.stages.segment import sentence_units


BULLET_LIST = """Timeline of the ties

Iran and the Taliban have signed several deals since 2021.
• Iran will supply fuel to the Taliban at a reduced price.
• The Taliban will open a consulate in Mashhad.
• A joint committee will meet every month
Views: 445
"""


def article_of(raw: str, doc: str = "inline") -> Article:
    return Article(doc=doc, path=f"{doc}.txt", sha256="", raw=raw, blocks=tuple(find_blocks(raw)))


def units_of(nlp, article: Article):
    ((parsed, doc),) = parse([article], nlp=nlp)
    return sentence_units(parsed, doc)


@pytest.fixture(scope="module")
def real_corpus(nlp):
    """Every article of corpus/raw with its units."""
    paths = sorted(RAW_DIR.glob("*.txt"))
    assert paths, "corpus/raw has no articles"
    return [(article, sentence_units(article, doc)) for article, doc in parse(ingest(paths), nlp=nlp)]


def check_units(article: Article, units) -> None:
    raw = article.raw
    assert units
    previous_end = 0
    for unit in units:
        assert unit.span.text == raw[unit.start : unit.end]
        assert unit.start < unit.end
        assert unit.start >= previous_end, "units overlap or are out of order"
        assert not raw[unit.start].isspace() and not raw[unit.end - 1].isspace()
        # A unit never crosses a line: it lies inside exactly one block, whose kind it has.
        (block,) = [b for b in article.blocks if b.start <= unit.start and unit.end <= b.end]
        assert unit.kind == block.kind
        previous_end = unit.end


def test_real_articles_units_invariants(real_corpus):
    for article, units in real_corpus:
        check_units(article, units)


def test_real_articles_headings_and_furniture_are_one_unit_each(real_corpus):
    for article, units in real_corpus:
        spans = {(u.start, u.end) for u in units}
        for block in article.blocks:
            if block.kind in {"heading", "furniture"}:
                assert (block.start, block.end) in spans, article.raw[block.start : block.end]


def test_real_articles_every_block_starts_a_unit(real_corpus):
    for article, units in real_corpus:
        starts = {u.start for u in units}
        assert all(block.start in starts for block in article.blocks)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_inline_article_units(nlp, newline):
    article = article_of(INLINE_ARTICLE.replace("\n", newline))
    units = units_of(nlp, article)
    check_units(article, units)
    texts = [(u.span.text, u.kind) for u in units]
    assert texts[:3] == [
        ("Iran and the Taliban Sign a Water Deal", "heading"),
        ("By John Smith", "furniture"),
        ("Views: 1,204", "furniture"),
    ]
    assert ("Iran and the Taliban signed an agreement on the Helmand river in Kabul on Monday.", "body") in texts
    assert ("The two sides agreed to share water data every month.", "body") in texts
    assert texts[-1] == ("Exit mobile version", "furniture")


def test_heading_with_sentence_punctuation_is_one_unit(nlp):
    raw = "Is Iran Distancing Itself From the Taliban? A Closer Look at Ties\n\nIran met the Taliban in March. The two sides discussed water rights.\n"
    units = units_of(nlp, article_of(raw))
    assert [(u.span.text, u.kind) for u in units] == [
        ("Is Iran Distancing Itself From the Taliban? A Closer Look at Ties", "heading"),
        ("Iran met the Taliban in March.", "body"),
        ("The two sides discussed water rights.", "body"),
    ]


def test_bullets_are_their_own_units(nlp):
    article = article_of(BULLET_LIST)
    units = units_of(nlp, article)
    check_units(article, units)
    bullet_blocks = [b for b in article.blocks if b.kind == "bullet"]
    assert len(bullet_blocks) == 3
    for block in bullet_blocks:
        inside = [u for u in units if block.start <= u.start < block.end]
        # The bullet's first unit starts at the marker; nothing from a neighbouring line joins it.
        assert inside and inside[0].start == block.start and inside[-1].end == block.end
    # The unpunctuated last bullet is not merged into the furniture line after it.
    assert ("Views: 445", "furniture") in [(u.span.text, u.kind) for u in units]


def test_a_one_sentence_bullet_is_one_unit(nlp):
    article = article_of(BULLET_LIST)
    units = units_of(nlp, article)
    for block in article.blocks:
        if block.kind == "bullet":
            inside = [u.span.text for u in units if block.start <= u.start < block.end]
            assert inside == [article.raw[block.start : block.end]]


def test_no_unit_is_a_bare_bullet_marker(nlp):
    units = units_of(nlp, article_of(BULLET_LIST))
    assert all(re.search(r"\w", u.span.text) for u in units), [u.span.text for u in units]


ARTICLE_LIKE_TEXT = st.lists(
    st.sampled_from(["Iran met the Taliban.", "Views: 445", "• Fuel deal", "Border Clash", "  ", "", "\ufeff", "Tehran’s envoy!", "a.b", "—", "\t"]),
    max_size=12,
).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(ARTICLE_LIKE_TEXT, st.text(max_size=120)))
def test_units_of_any_text_keep_offsets_ordered_and_inside_one_block(nlp, raw):
    article = article_of(raw)
    units = units_of(nlp, article)
    if not article.blocks:
        assert units == []
        return
    check_units(article, units)


@pytest.mark.parametrize("closing", ['"', "\u201d"])
def test_a_closing_quotation_mark_ends_the_sentence_it_closes(nlp, closing):
    opening = '"' if closing == '"' else "\u201c"
    raw = (
        f"Cuba's foreign minister condemned the decision as {opening}economic warfare{closing} aimed at "
        f"{opening}suffocating an entire nation.{closing}\n\n{opening}Washington is punishing Cuban families,{closing} he wrote.\n"
    )
    texts = [unit.span.text for unit in units_of(nlp, article_of(raw))]
    assert texts[0].endswith(f"nation.{closing}")
    assert texts[1].startswith(f"{opening}Washington")
    assert len(texts) == 2


@pytest.mark.parametrize(
    "dateline",
    [
        "BAKU, May 6 (Reuters) - ",
        "WASHINGTON/HAVANA, July 17 (Reuters) - ",
        "ABUJA, Nigeria (AP) \u2014 ",
        "LIMA, Sept. 3, 2025 \u2013 ",
    ],
)
def test_a_dateline_belongs_to_the_sentence_it_opens(nlp, dateline):
    raw = (
        f"Lima and Mexico City trade barbs\n\n{dateline}Two years after Peru expelled Mexico's ambassador, "
        "the two governments agreed to restore full relations. Talks resume next month.\n"
    )
    texts = [unit.span.text for unit in units_of(nlp, article_of(raw))]
    assert texts[1].startswith(dateline.strip())
    assert texts[1].endswith("full relations.")


def test_a_capitalised_opening_without_a_date_or_agency_is_no_dateline(nlp):
    raw = "NATO - and its allies - met in Riga. Latvia hosted the talks with Lithuania.\n"
    texts = [unit.span.text for unit in units_of(nlp, article_of(raw))]
    assert texts[0] == "NATO - and its allies - met in Riga."
