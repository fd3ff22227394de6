"""ingest: line kinds, block offsets, titles from .meta.json."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.stages.ingest import find_blocks, ingest, line_kind
from pipeline.io import InputError

FURNITURE = [
    "Views: 445",
    "1,204 views",
    "Your Cart",
    "Your Cart (2)",
    "Exit mobile version",
    "MOST READ",
    "Trending Now",
    "Breaking News",
    "Credit: Depositphotos",
    "Photo: Reuters/File",
    "By John Smith",
    "Written by Jane Doe",
    "Published",
    "on",
    "Last updated: 3 March 2023",
    "February 26, 2023",
    "26 February 2023",
    "Accessibility links",
    "Skip to main content",
    "Subscribe to our newsletter",
    "© 2023 The Diplomat. All rights reserved.",
    "The views expressed are those of the author.",
    "Crossroads Asia\xa0|\xa0Diplomacy\xa0|\xa0Central Asia",
]

HEADINGS = [
    "Potential Worries in Washington",
    "Iran’s evolving relations with Taliban",
    "The enemy of my enemy is my friend",
    "Is Iran Distancing Itself From the Taliban?",
    "Iran and the Taliban: A New Chapter",
    "ASIA",
]

BULLETS = [
    "• Iran will supply fuel to the Taliban.",
    "• May 13, 2022:\xa0The Taliban’s Ministry of Defense and a delegation from Iran reach a border deal.",
    "- Trade grew",
    "* The two sides met in Kabul.",
    "– Iran reopened its consulate in Herat.",
    "— A dash bullet",
]

BODY = [
    "Iran established diplomatic ties with the Taliban months after the movement captured power in Kabul.",
    "The Taliban demands that Iran releases Afghan prisoners.",
    "Iran and the Taliban signed a trade deal in Kabul on Monday.",
    "On February 26, Iran officially handed over the Afghan embassy in Tehran to diplomats from the Taliban.",
    "By contrast, Iran kept its embassy in Kabul open throughout the takeover.",
    "It was a short sentence that nobody would call a heading at all.",
    "Search and rescue teams from Iran arrived in Herat after the earthquake.",
]

# Body sentences that start like furniture or are full of capitalised names;
# furniture and headings are never claims, so misreading them loses claims.
BODY_READ_AS_FURNITURE = [
    "Updated figures show that trade between Iran and the Taliban doubled last year.",
    "Posted to Kabul in 2022, the Iranian envoy met Taliban ministers every week.",
    "Subscribers to the Taliban's ideology attacked Iranian guards.",
]
BODY_READ_AS_HEADING = [
    "Hassan Kazemi Qomi met Amir Khan Muttaqi in Kabul.",
    "Iran met the Taliban in Kabul on Monday.",
]


LINE_KINDS = (
    [(line, False, "furniture") for line in FURNITURE]
    + [(line, False, "heading") for line in HEADINGS]
    + [(line, False, "bullet") for line in BULLETS]
    + [(line, False, "body") for line in BODY + BODY_READ_AS_FURNITURE + BODY_READ_AS_HEADING]
    # A line repeated in the article (titles, captions) is furniture whatever it says.
    + [(line, True, "furniture") for line in BODY + BULLETS + HEADINGS]
)


@pytest.mark.parametrize(("line", "repeated", "kind"), LINE_KINDS)
def test_line_kind(line, repeated, kind):
    assert line_kind(line, repeated) == kind


def test_find_blocks_kinds_and_repeats():
    raw = (
        "Iran Formalizes Ties with the Taliban\n"
        "\n"
        "Views: 445\n"
        "Related Posts\n"
        "Iran handed over the Afghan embassy in Tehran to the Taliban.\n"
        "  • The Taliban will open a consulate in Mashhad.  \n"
        "Related Posts\n"
        "Your Cart\n"
    )
    blocks = list(find_blocks(raw))
    assert [(raw[b.start : b.end], b.kind) for b in blocks] == [
        ("Iran Formalizes Ties with the Taliban", "heading"),
        ("Views: 445", "furniture"),
        ("Related Posts", "furniture"),
        ("Iran handed over the Afghan embassy in Tehran to the Taliban.", "body"),
        ("• The Taliban will open a consulate in Mashhad.", "bullet"),
        ("Related Posts", "furniture"),
        ("Your Cart", "furniture"),
    ]



@pytest.mark.parametrize(
    "title",
    [
        'Brazil recalls envoy after Caracas vote; Venezuela warns of "interference"',
        "Ghana-Togo border pact takes effect as Lome warns against 'smuggling gangs'",
        "Analysis: An old border feud and new migrants keep Ecuador and Peru at arm's length for now",
    ],
)
def test_a_title_on_its_own_line_is_a_heading_even_long_or_ending_in_a_quote(title):
    raw = f"{title}\n\nQUITO, May 2 (Reuters) - Ecuador and Peru agreed to reopen their border on Monday.\n"
    blocks = list(find_blocks(raw))
    assert [b.kind for b in blocks] == ["heading", "body"]


def test_a_long_line_inside_a_paragraph_is_no_title():
    raw = (
        "Kenya and Somalia agreed on Monday to restore diplomatic relations after a year of disputes over the sea border\n"
        "and the status of Jubaland, officials in both capitals said.\n"
    )
    assert [b.kind for b in find_blocks(raw)] == ["body", "body"]


def test_a_quotation_ending_a_sentence_is_still_body():
    raw = 'Armenia rejects Baku\'s demand\n\nArmenia said Azerbaijan\'s demand was "unacceptable and will never be met."\n'
    assert [b.kind for b in find_blocks(raw)] == ["heading", "body"]

def test_a_body_line_repeated_elsewhere_becomes_furniture():
    line = "Iran handed over the Afghan embassy in Tehran to the Taliban."
    other = "The two sides met again in March to discuss water rights."
    raw = f"{line}\n{other}\n{line}\n"
    kinds = [(raw[b.start : b.end], b.kind) for b in find_blocks(raw)]
    assert kinds == [(line, "furniture"), (other, "body"), (line, "furniture")]


@pytest.mark.parametrize(
    "raw",
    [
        "Title\r\n\r\nIran met the Taliban.\r\n",
        "\ufeffTitle\n\n\tIran met the Taliban.\t\n",
        "  \n \xa0Iran met the Taliban.\xa0\n\n\n",
        "No newline at the end",
        "Tehran’s envoy met Muttaqi. 🇮🇷🤝\nÉté\n",
    ],
    ids=["crlf", "bom-and-tabs", "nbsp", "no-final-newline", "non-ascii"],
)
def test_block_offsets_point_at_stripped_lines(raw):
    blocks = list(find_blocks(raw))
    lines = [line.strip().strip("\ufeff").strip() for line in raw.split("\n")]
    assert [raw[b.start : b.end] for b in blocks] == [line for line in lines if line]


TRICKY_TEXT = st.text(alphabet=st.sampled_from(list("ab .?:|•-\n\r\t\xa0’É\ufeff\u2028")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(st.one_of(TRICKY_TEXT, st.text(max_size=200)))
def test_blocks_cover_every_visible_character_once(raw):
    blocks = list(find_blocks(raw))
    covered = []
    for block in blocks:
        text = raw[block.start : block.end]
        assert text and text == text.strip() and "\n" not in text
        assert block.kind in {"body", "bullet", "heading", "furniture"}
        covered.extend(range(block.start, block.end))
    assert covered == sorted(set(covered))
    visible = [i for i, char in enumerate(raw) if not char.isspace() and char != "\ufeff"]
    assert set(visible) <= set(covered)


def test_ingest_takes_title_from_meta_json(write_article):
    path = write_article(
        "iran.txt",
        "Some Heading Here\n\nIran met the Taliban in Kabul.\n",
        meta=json.dumps({"title": "Iran Meets the Taliban", "url": "https://example.org/x"}),
    )
    (article,) = ingest([path])
    assert article.doc == "iran"
    assert article.meta == {"title": "Iran Meets the Taliban", "url": "https://example.org/x"}
    assert article.to_json()["title"] == "Iran Meets the Taliban"


def test_ingest_falls_back_to_first_heading_and_keeps_other_meta(write_article):
    path = write_article(
        "iran.txt",
        "Views: 445\n\nIran Formalizes Ties with the Taliban\n\nIran met the Taliban in Kabul.\n",
        meta=json.dumps({"url": "https://example.org/x"}),
    )
    (article,) = ingest([path])
    assert article.meta == {"url": "https://example.org/x", "title": "Iran Formalizes Ties with the Taliban"}


@pytest.mark.parametrize("section", ["ASIA", "WORLD NEWS", "March 3, 2024", "Exit mobile version"])
def test_a_title_never_comes_from_a_site_section_a_date_or_furniture(write_article, section):
    path = write_article("section.txt", f"{section}\n\nKenya and Ethiopia Agree on a Border Road\n\nKenya and Ethiopia agreed to build a road.\n")
    (article,) = ingest([path])
    assert article.meta["title"] == "Kenya and Ethiopia Agree on a Border Road"


def test_ingest_without_meta_or_heading_has_no_title(write_article):
    path = write_article("plain.txt", "Views: 445\n\nThe two sides met again in March to discuss water rights.\n")
    (article,) = ingest([path])
    assert article.meta == {"title": None}


def test_ingest_record_fields(write_article):
    import hashlib

    content = "Iran Formalizes Ties\r\n\r\nIran met the Taliban in Kabul.\r\n".encode("utf-8")
    path = write_article("crlf.txt", content)
    (article,) = ingest([path])
    assert article.raw == content.decode("utf-8")
    assert article.sha256 == hashlib.sha256(content).hexdigest()
    assert article.path == str(path)
    record = article.to_json()
    assert record["chars"] == len(article.raw)
    assert [article.raw[b["start"] : b["end"]] for b in record["blocks"]] == [
        "Iran Formalizes Ties",
        "Iran met the Taliban in Kabul.",
    ]


@pytest.mark.parametrize("meta", ["{not json", "[1, 2]"], ids=["malformed", "not-an-object"])
def test_ingest_rejects_bad_meta_json(write_article, meta):
    path = write_article("iran.txt", "Iran met the Taliban.\n", meta=meta)
    with pytest.raises(InputError, match=r"iran\.meta\.json"):
        list(ingest([path]))


def test_a_lone_carriage_return_ends_a_line():
    raw = "Peru and Chile Sign a Deal\rPeru and Chile signed a fishing deal on Monday.\r\rVietnam protested.\r\n"
    blocks = list(find_blocks(raw))
    assert [raw[b.start : b.end] for b in blocks] == [
        "Peru and Chile Sign a Deal",
        "Peru and Chile signed a fishing deal on Monday.",
        "Vietnam protested.",
    ]
    assert blocks[0].kind == "heading" and blocks[1].kind == "body"


def boundary_marking_seconds(lines: int) -> float:
    import gc
    import time

    import spacy

    from pipeline.stages.nlp import mark_block_boundaries

    raw = "".join(f"Ghana and Togo held talks number {n} in Lome.\n" for n in range(lines))
    doc = spacy.blank("en").make_doc(raw)
    blocks = tuple(find_blocks(raw))
    gc.collect()
    gc.disable()  # a collection now and then would swamp the measure
    try:
        started = time.perf_counter()
        mark_block_boundaries(doc, blocks)
        return time.perf_counter() - started
    finally:
        gc.enable()


def test_marking_block_boundaries_grows_linearly_with_the_article():
    # The best of three, as the machine may be busy; quadratic would be 64x, linear 8x.
    small = min(boundary_marking_seconds(1_000) for _ in range(3))
    large = min(boundary_marking_seconds(8_000) for _ in range(3))
    assert large < 32 * small, f"8x the lines took {large / small:.0f}x the time"
