"""The report's data and page writer, without a browser (tests/test_browser.py renders it)."""

from __future__ import annotations

import json
import re
import time
from collections import Counter

import pytest

from conftest import synthetic_run
from pipeline.io import InputError
from pipeline.report.data import balance, build_page_data, normalise_date, page_data, pair_of, trend
from pipeline.report.page import write_report


def claim(doc="a", start=0, text="Ankara praised Baku.", label="cooperation", source="TUR", target="AZE", **extra):
    return {"doc": doc, "start": start, "end": start + len(text), "text": text, "label": label, "confidence": 0.8,
            "actors": [source, target], "stance": {"source": source, "target": target, "cue": ["praise"]},
            "evidence": ["cue:praise"], "model": "m-1", **extra}


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-03-05", "2024-03-05"), ("2024-03-05T10:00:00+00:00", "2024-03-05"), ("2024-03", "2024-03"),
     ("March 5, 2024", "2024-03-05"), ("5 March 2024", "2024-03-05"), ("last Tuesday", None), (None, None), (20240305, None)],
)
def test_dates_are_normalised_or_left_out(value, expected):
    assert normalise_date(value) == expected


def test_a_pair_is_the_two_sides_in_code_order_or_the_first_actors():
    assert pair_of(claim(source="USA", target="CHN")) == "CHN–USA"
    assert pair_of(claim(source="CHN", target="USA")) == "CHN–USA"
    no_target = {**claim(), "stance": {"source": "PAK", "target": None}, "actors": ["PAK", "IND", "CHN"]}
    assert pair_of(no_target) == "IND–PAK"
    assert pair_of({**claim(), "stance": {}, "actors": ["EGY"]}) == "?–EGY"


def test_balance_and_trend():
    assert balance(Counter(cooperation=3, tension=1)) == 0.5
    assert balance(Counter()) == 0.0
    assert trend(["tension", "tension", "cooperation", "cooperation"]) == 2.0
    assert trend(["cooperation"]) is None


def test_pairs_count_their_claims_by_label_and_date():
    claims = [
        claim(start=0, label="tension", source="RUS", target="UKR", date="2022-02-24"),
        claim(start=30, label="tension", source="UKR", target="RUS"),
        claim(start=60, label="cooperation", source="RUS", target="UKR", date="2022-03-29"),
        claim(start=90, label="cooperation", source="SAU", target="QAT"),
    ]
    articles = {"a": {"doc": "a", "title": "T", "meta": {"date": "2022-01-15"}}}
    data = build_page_data(claims, articles, [])
    first = data["pairs"][0]
    assert (first["key"], first["claims"], first["cooperation"], first["tension"]) == ("RUS–UKR", 3, 1, 2)
    # The event date where a claim has one, else the article's.
    assert [c["date"] for c in data["claims"]] == ["2022-02-24", "2022-01-15", "2022-03-29", "2022-01-15"]
    assert first["timeline"] == [["2022-01", 0, 1], ["2022-02", 0, 1], ["2022-03", 1, 0]]
    assert first["trend"] == 1.0 and first["undated"] == 0  # [tension] then [tension, cooperation]: -1 to 0
    assert data["pairs"][1]["key"] == "QAT–SAU"


def test_source_target_and_cue_spans_point_into_the_sentence():
    text = "Islamabad accused New Delhi of shelling the border."
    sentence = {"doc": "a", "start": 100, "end": 100 + len(text), "text": text, "entities": [
        {"start": 100, "end": 109, "actor": "PAK"}, {"start": 118, "end": 127, "actor": "IND"}, {"start": 140, "end": 146, "actor": None}]}
    record = claim(start=100, text=text, label="tension", source="PAK", target="IND")
    record["stance"]["cue"] = ["accuse"]
    data = build_page_data([record], {}, [sentence])
    spans = data["claims"][0]["h"]
    assert [(text[s:e], role, actor) for s, e, role, actor in spans] == [
        ("Islamabad", "source", "PAK"), ("accused", "cue", None), ("New Delhi", "target", "IND")]
    assert data["context"] == {"0": [[100, 100 + len(text), text]]}


def test_only_claims_are_required_and_bad_lines_name_the_file(tmp_path):
    with pytest.raises(InputError, match="claims.jsonl: not found"):
        page_data(tmp_path)
    (tmp_path / "claims.jsonl").write_text(json.dumps(claim()) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"claims.jsonl:2: malformed JSON"):
        page_data(tmp_path)
    (tmp_path / "claims.jsonl").write_text(json.dumps(claim()) + "\n", encoding="utf-8")
    data = page_data(tmp_path)
    assert data["docs"] == [{"doc": "a", "title": "a", "date": None, "url": None}] and data["claims"][0]["date"] is None


def test_the_page_is_self_contained_and_the_same_bytes_on_rewrite(tmp_path):
    synthetic_run(tmp_path, 50)
    path, data = write_report(tmp_path)
    page = path.read_text(encoding="utf-8")
    assert len(data["claims"]) == 50
    assert not re.search(r"<(?:script|img|iframe)[^>]*\ssrc=|<link[^>]*stylesheet|@import|url\(", page)
    # The only URL is the SVG namespace, a name and never fetched.
    assert set(re.findall(r"https?://[^\s\"'`]+", page)) == {"http://www.w3.org/2000/svg"}
    first = path.read_bytes()
    write_report(tmp_path)
    assert path.read_bytes() == first
    assert not list(tmp_path.glob(".report.html.*"))


def test_text_that_looks_like_markup_cannot_close_the_data_script(tmp_path):
    hostile = "Kyiv said </script><script>alert(1)</script> <!-- of Minsk."
    (tmp_path / "claims.jsonl").write_text(json.dumps(claim(text=hostile, source="UKR", target="BLR")) + "\n", encoding="utf-8")
    path, _data = write_report(tmp_path)
    page = path.read_text(encoding="utf-8")
    data_script = page.split('<script id="report-data" type="application/json">')[1].split("</script>")[0]
    assert json.loads(data_script)["claims"][0]["t"] == hostile
    assert "alert(1)</script>" not in page


def test_ten_thousand_claims_are_written_well_within_ten_seconds(tmp_path):
    synthetic_run(tmp_path, 10_000, articles=200)
    started = time.perf_counter()
    path, data = write_report(tmp_path)
    seconds = time.perf_counter() - started
    assert len(data["claims"]) == 10_000 and path.stat().st_size > 1_000_000
    assert seconds < 10, f"writing the report took {seconds:.1f} s"
