"""Export to PLOVER JSON Lines and CSV."""

import csv
import json

from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.events.dedup import group_events


def write_run(out, claim):
    out.mkdir()
    claims = [
        claim("kenya", 0, "Kenya and Somalia signed a security agreement on Tuesday.", "KEN", "SOM", "AGREE", "2023-03-07"),
        claim("somalia", 3, "Somalia agreed a security pact with Kenya on Tuesday.", "SOM", "KEN", "AGREE", "2023-03-07"),
        claim("kenya", 90, "India criticised Pakistan, too.", "IND", "PAK", "DISAPPROVE", "2023-03-08"),
    ]
    (out / "events.jsonl").write_text("".join(json.dumps(e) + "\n" for e in group_events(claims)))
    articles = [{"doc": "kenya", "title": "Pact", "meta": {"publisher": "Daily Nation", "url": "https://example.org/1"}, "date": "2023-03-09"}]
    (out / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))


def test_plover_export_uses_the_standard_fields(tmp_path, claim):
    write_run(tmp_path / "out", claim)
    result = CliRunner().invoke(app, ["export", str(tmp_path / "out"), "--format", "plover", "--output", str(tmp_path / "e.jsonl")])
    assert result.exit_code == 0, result.output
    first, second = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    assert first["actor"]["code"] == "KEN" and first["recipient"]["code"] == "SOM"
    assert (first["event"], first["mode"], first["quad_code"], first["date"]) == ("AGREE", "asserted", 1, "2023-03-07")
    assert {"context", "text_info", "cite_info"} <= set(first)
    assert first["text_info"]["start"] == 0 and len(first["text_info"]["mentions"]) == 2
    assert first["cite_info"]["sources"] == 2 and first["cite_info"]["docs"][0]["publisher"] == "Daily Nation"
    assert second["quad_code"] == 3


def test_csv_export_has_one_event_a_row(tmp_path, claim):
    write_run(tmp_path / "out", claim)
    result = CliRunner().invoke(app, ["export", str(tmp_path / "out"), "--format", "csv", "--output", str(tmp_path / "e.csv")])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader((tmp_path / "e.csv").open()))
    assert [(r["actor"], r["recipient"], r["event"], r["sources"]) for r in rows] == [("KEN", "SOM", "AGREE", "2"), ("IND", "PAK", "DISAPPROVE", "1")]
    assert rows[0]["sentence"].startswith("Kenya and Somalia") and rows[0]["quad_code"] == "verbal_cooperation"


def test_export_without_a_run_is_one_line_and_writes_nothing(tmp_path):
    result = CliRunner().invoke(app, ["export", str(tmp_path), "--format", "csv", "--output", str(tmp_path / "e.csv")])
    assert result.exit_code == 1
    assert "events.jsonl: not found" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "e.csv").exists()
