"""runner/notices: unlinked actor-like names and ignored files at the end of a run."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.runner.notices import ignored_files, run_notices, unlinked_names


def entity(text: str, label: str, actor: str | None) -> dict:
    return {"start": 0, "end": len(text), "text": text, "label": label, "actor": actor}


def test_unlinked_places_groups_and_nationalities_are_counted_people_and_dates_not():
    sentences = [
        {"kind": "body", "entities": [entity("Vanuatu", "GPE", None), entity("Chile", "GPE", "CHL"), entity("Maori", "NORP", None)]},
        {"kind": "bullet", "entities": [entity("Vanuatu", "GPE", None), entity("John Smith", "PERSON", None), entity("Monday", "DATE", None)]},
        {"kind": "body", "entities": [entity("Pacific  Islands Forum", "ORG", None), entity("Supreme", "ORG", None), entity("SPC", "ORG", None)]},
        {"kind": "heading", "entities": [entity("Tonga", "GPE", None)]},
    ]
    assert unlinked_names(sentences) == Counter({"Vanuatu": 2, "Maori": 1, "Pacific Islands Forum": 1, "SPC": 1})


def test_files_other_than_articles_and_their_meta_are_listed(tmp_path: Path):
    for name in ("a.txt", "a.meta.json", "notes.md", "page.html", "scan.pdf", ".hidden", "orphan.meta.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    assert ignored_files(tmp_path) == ["notes.md", "orphan.meta.json", "scan.pdf"]


def test_the_run_notices_name_counts_the_dictionary_and_the_ignored_files(tmp_path: Path):
    lines = run_notices(Counter({"Vanuatu": 5, "Fiji": 2}), ["notes.md"], tmp_path / "actors.jsonl")
    assert lines[0].startswith("unlinked names that look like actors") and "Vanuatu (5), Fiji (2)" in lines[0]
    assert str(tmp_path / "actors.jsonl") in lines[0]
    assert lines[1] == "ignored (not .txt or .html): notes.md"
    assert run_notices(Counter(), [], tmp_path) == []
