"""The report in a real browser: headless Chromium over the DevTools pipe
(`pipeline/report/browser.py`). The `chromium` fixture marks these slow."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import synthetic_run
from pipeline.report.browser import chromium as open_chromium
from pipeline.report.page import write_report

COUNT = "document.querySelectorAll('[data-claim]').length"


def set_control(page, control: str, value: str) -> None:
    """Set a filter control as a user would, firing the event the page listens to."""
    event = "input" if control == "filter-confidence" else "change"
    page.evaluate(
        f"(() => {{ const c = document.getElementById({json.dumps(control)}); c.value = {json.dumps(value)};"
        f" c.dispatchEvent(new Event({json.dumps(event)})); }})()"
    )


@pytest.fixture(scope="module")
def browser(chromium):
    with open_chromium(chromium) as browser:
        yield browser


def open_report(browser, out_dir: Path):
    path, _data = write_report(out_dir)
    page = browser.new_page()
    page.open(path.as_uri())
    assert page.evaluate("document.body.dataset.ready") == "true"
    return page, path


def test_every_claim_is_an_element_and_filters_change_the_count(browser, tmp_path):
    claims = synthetic_run(tmp_path / "out", 300)
    page, path = open_report(browser, tmp_path / "out")
    lines = (tmp_path / "out" / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert page.evaluate(COUNT) == len(lines) == 300
    assert page.evaluate("[...document.querySelectorAll('[data-claim]')].map(e => Number(e.dataset.claim))") == list(range(300))

    set_control(page, "filter-label", "tension")
    assert page.evaluate(COUNT) == sum(claim["label"] == "tension" for claim in claims) < 300
    set_control(page, "filter-confidence", "0.9")
    expected = sum(claim["label"] == "tension" and claim["confidence"] >= 0.9 for claim in claims)
    assert page.evaluate(COUNT) == expected
    set_control(page, "filter-label", "")
    set_control(page, "filter-confidence", "0")
    set_control(page, "filter-doc", "2")
    assert page.evaluate(COUNT) == sum(claim["doc"] == "002_synthetic" for claim in claims)
    set_control(page, "filter-doc", "")
    assert page.evaluate(COUNT) == 300

    assert page.console_errors == []
    assert page.requests == [path.as_uri()]


def test_pair_row_and_edge_filter_to_that_pair(browser, tmp_path):
    claims = synthetic_run(tmp_path / "out", 200)
    page, _path = open_report(browser, tmp_path / "out")
    pair = page.evaluate("document.querySelector('tr.pair[data-pair=\"3\"] td').textContent")
    page.evaluate("document.querySelector('tr.pair[data-pair=\"3\"]').click()")
    in_pair = sum("–".join(sorted((c["stance"]["source"], c["stance"]["target"]))) == pair for c in claims)
    assert page.evaluate(COUNT) == in_pair > 0
    page.evaluate("document.querySelector('line.edge[data-pair=\"0\"]').dispatchEvent(new MouseEvent('click'))")
    assert page.evaluate("document.getElementById('filter-pair').value") == "0"
    assert "claims by month" in page.evaluate("document.getElementById('timeline').textContent")
    rows = page.evaluate("document.querySelectorAll('tr.pair').length")
    assert rows == len({"–".join(sorted((c["stance"]["source"], c["stance"]["target"]))) for c in claims})
    assert page.evaluate("document.querySelectorAll('tr.pair svg.sparkline').length") == rows
    assert page.console_errors == []


def test_source_target_and_cue_are_highlighted_and_the_link_shows_the_article(browser, tmp_path):
    claims = synthetic_run(tmp_path / "out", 40, articles=4)
    page, _path = open_report(browser, tmp_path / "out")
    marks = page.evaluate(
        "[...document.querySelector('[data-claim=\"5\"]').querySelectorAll('mark')].map(m => [m.className, m.firstChild.textContent])"
    )
    sentence = next(s for n, s in enumerate(sentences_of(tmp_path / "out")) if n == 5)
    source, target = (e["text"] for e in sentence["entities"])
    assert marks[0] == ["source", source] and marks[2] == ["target", target] and marks[1][0] == "cue"

    page.evaluate("document.querySelector('[data-claim=\"5\"] a').click()")
    page.evaluate("new Promise(r => setTimeout(r, 50))")
    assert page.evaluate("document.getElementById('article-view').hidden") is False
    assert page.evaluate("document.querySelector('#article-view .here').textContent") == claims[5]["text"]
    assert page.evaluate("document.querySelectorAll('#article-view [data-start]').length") == 10
    assert page.console_errors == []


def sentences_of(out_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (out_dir / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]


def test_ten_thousand_claims_are_paged_and_the_page_stays_responsive(browser, tmp_path):
    claims = synthetic_run(tmp_path / "out", 10_000, articles=200)
    page, path = open_report(browser, tmp_path / "out")
    assert page.evaluate(COUNT) == 1000
    assert page.evaluate("document.getElementById('shown-count').textContent") == "10000 of 10000 claims"
    page.evaluate("document.getElementById('page-next').click()")
    assert page.evaluate("document.querySelector('[data-claim]').dataset.claim") == "1000"
    took = page.evaluate(
        "(() => { const t = performance.now(); const c = document.getElementById('filter-label');"
        " c.value = 'cooperation'; c.dispatchEvent(new Event('change')); return performance.now() - t; })()"
    )
    assert took < 2000  # milliseconds to filter 10,000 claims and draw a page: generous, it is ~100 ms
    cooperation = sum(claim["label"] == "cooperation" for claim in claims)
    assert page.evaluate("document.getElementById('shown-count').textContent") == f"{cooperation} of 10000 claims"
    assert page.console_errors == []
    assert page.requests == [path.as_uri()]


def test_a_claims_file_without_articles_or_sentences_still_renders(browser, tmp_path):
    synthetic_run(tmp_path / "out", 30, dated=False)
    (tmp_path / "out" / "articles.jsonl").unlink()
    (tmp_path / "out" / "sentences.jsonl").unlink()
    page, _path = open_report(browser, tmp_path / "out")
    assert page.evaluate(COUNT) == 30
    assert "No dated claims" in page.evaluate("document.getElementById('timeline').textContent")
    page.evaluate("document.querySelector('[data-claim=\"0\"] a').click()")
    page.evaluate("new Promise(r => setTimeout(r, 50))")
    assert page.evaluate("document.querySelector('#article-view .here') !== null") is True
    assert page.console_errors == []


def test_a_script_error_is_caught(browser, tmp_path):
    """The harness itself: a page with an error and a request is seen as such."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><img src='http://127.0.0.1:9/x.png'><script>undefinedFunction()</script>", encoding="utf-8")
    page = browser.new_page()
    page.open(bad.as_uri())
    assert any("undefinedFunction" in error for error in page.console_errors)
    assert "http://127.0.0.1:9/x.png" in page.requests
