"""exchange: the queue out to Prodigy and doccano, their labels back in our format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.annotate.queue import NOT_CLAIM, Candidate
from pipeline.cli import app
from pipeline.annotate.exchange import export_records, import_annotations
from pipeline.io import InputError, read_annotations
from test_annotate import ACCUSED, ARTICLE, MET, RAINED, candidate

QUEUE = [candidate(ACCUSED, "tension", 0.41), candidate(MET, "cooperation", 0.52), candidate(RAINED, NOT_CLAIM, 0.6)]
# What the annotator chose in the other tool, sentence by sentence.
CHOSEN = {ACCUSED.text: ["tension", "mixed"], MET.text: ["COOPERATION"], RAINED.text: ["not_claim"]}
EXPECTED = [
    {"doc": "a1", "start": ACCUSED.start, "end": ACCUSED.end, "text": ACCUSED.text, "claim": True, "label": "tension", "mixed": True, "actors": ["TAL", "IRN"]},
    {"doc": "a1", "start": MET.start, "end": MET.end, "text": MET.text, "claim": True, "label": "cooperation", "mixed": False, "actors": ["IRN", "TAL"]},
    {"doc": "a1", "start": RAINED.start, "end": RAINED.end, "text": RAINED.text, "claim": False, "label": None, "mixed": False, "actors": []},
]


def as_prodigy_answer(task: dict) -> dict:
    """What `prodigy db-out` gives for an accepted choice task."""
    return {**task, "_input_hash": 1, "_task_hash": 2, "_view_id": "choice", "accept": CHOSEN[task["text"]], "answer": "accept"}


def as_doccano_export(task: dict, number: int) -> dict:
    """doccano's JSONL export: id, text, the imported extra keys, label and Comments."""
    return {"id": number, **task, "label": CHOSEN[task["text"]], "Comments": []}


@pytest.fixture
def folders(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    return corpus, annotations


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return path


def import_file(path: Path, fmt: str, folders) -> object:
    corpus, annotations = folders
    return import_annotations(path, fmt, corpus_dir=corpus, annotations_dir=annotations, target=annotations / "imported.jsonl")


def test_prodigy_tasks_carry_options_the_guess_preselected_and_the_unit_in_meta():
    task = next(export_records(QUEUE, "prodigy"))
    assert task["text"] == ACCUSED.text
    assert task["accept"] == ["tension"]
    assert [t["accept"] for t in export_records(QUEUE, "prodigy")] == [["tension"], ["cooperation"], [NOT_CLAIM]]
    assert [option["id"] for option in task["options"]] == ["cooperation", "tension", NOT_CLAIM]
    assert task["meta"] == {"doc": "a1", "start": ACCUSED.start, "end": ACCUSED.end, "actors": ["TAL", "IRN"], "guess": "tension", "confidence": 0.41}


def test_doccano_lines_carry_the_unit_at_top_level_and_the_guess_as_label():
    line = next(export_records(QUEUE, "doccano"))
    assert line == {
        "text": ACCUSED.text, "label": ["tension"], "doc": "a1", "start": ACCUSED.start, "end": ACCUSED.end,
        "actors": ["TAL", "IRN"], "guess": "tension", "confidence": 0.41,
    }


@pytest.mark.parametrize("fmt", ["prodigy", "doccano"])
def test_round_trip_through_the_other_tool_gives_our_records(tmp_path, folders, fmt):
    tasks = list(export_records(QUEUE, fmt))
    answered = [as_prodigy_answer(t) if fmt == "prodigy" else as_doccano_export(t, i) for i, t in enumerate(tasks, start=1)]
    path = write_jsonl(tmp_path / f"{fmt}.jsonl", answered)
    summary = import_file(path, fmt, folders)
    assert (summary.added, summary.already_there, summary.unlabelled) == (3, 0, 0)
    written = [json.loads(line) for line in summary.target.read_text(encoding="utf-8").splitlines()]
    assert written == EXPECTED
    assert len(read_annotations(folders[1])) == 3

    again = import_file(path, fmt, folders)
    assert (again.added, again.already_there) == (0, 3)
    assert [json.loads(line) for line in summary.target.read_text(encoding="utf-8").splitlines()] == EXPECTED


def test_older_doccano_exports_with_meta_and_labels_are_read(tmp_path, folders):
    task = next(export_records(QUEUE, "prodigy"))
    old_style = {"id": 7, "text": task["text"], "meta": task["meta"], "annotation_approver": None, "labels": ["tension"]}
    summary = import_file(write_jsonl(tmp_path / "old.jsonl", [old_style]), "doccano", folders)
    assert summary.added == 1
    assert read_annotations(folders[1])[0].label == "tension"


def test_ignored_and_unlabelled_records_are_counted_not_imported(tmp_path, folders):
    prodigy = [{**as_prodigy_answer(t), "answer": "ignore"} for t in export_records(QUEUE, "prodigy")]
    assert import_file(write_jsonl(tmp_path / "p.jsonl", prodigy), "prodigy", folders).unlabelled == 3
    doccano = [{**t, "label": []} for t in export_records(QUEUE, "doccano")]
    summary = import_file(write_jsonl(tmp_path / "d.jsonl", doccano), "doccano", folders)
    assert (summary.added, summary.unlabelled) == (0, 3)
    assert not summary.target.exists()


def prodigy_line(**changes) -> dict:
    record = as_prodigy_answer(next(export_records(QUEUE, "prodigy")))
    record.update(changes)
    return {key: value for key, value in record.items() if value is not ...}


def meta_without(*keys: str) -> dict:
    meta = dict(next(export_records(QUEUE, "prodigy"))["meta"])
    for key in keys:
        del meta[key]
    return meta


@pytest.mark.parametrize(
    ("fmt", "record", "message"),
    [
        ("prodigy", prodigy_line(answer="reject"), "answer 'reject' does not say which label applies"),
        ("prodigy", prodigy_line(answer=...), "no 'answer'"),
        ("prodigy", prodigy_line(accept=[], label=...), "no label in 'accept' or 'label'"),
        ("prodigy", prodigy_line(accept=["peace"]), "unknown label 'peace'"),
        ("prodigy", prodigy_line(accept=["tension", "cooperation"]), "2 of cooperation, tension, not-claim chosen"),
        ("prodigy", prodigy_line(accept=["not-claim", "mixed"]), "'mixed' applies to claims only"),
        ("prodigy", prodigy_line(meta=meta_without("doc")), "no doc naming the unit"),
        ("prodigy", prodigy_line(meta=meta_without("actors")), "a claim needs 'actors'"),
        ("prodigy", prodigy_line(text="Iran met the Taliban."), "text does not match the article"),
        ("prodigy", prodigy_line(meta={**meta_without(), "doc": "zz"}), "article 'zz' not found"),
        ("doccano", {"text": ACCUSED.text, "label": [[4, 11, "ORG"]]}, "labels must be category names"),
        ("doccano", {"text": ACCUSED.text, "label": ["tension"]}, "no doc, start, end naming the unit"),
        ("doccano", {"text": ACCUSED.text, "label": ["tension"], "doc": "a1", "start": 9, "end": 3}, "0 <= start < end"),
    ],
    ids=[
        "rejected", "no-answer", "no-label", "unknown-label", "two-labels", "mixed-non-claim", "no-unit",
        "no-actors", "text-mismatch", "no-article", "spans", "no-meta", "bad-offsets",
    ],
)
def test_unmappable_records_name_file_and_line_and_nothing_is_written(tmp_path, folders, fmt, record, message):
    good = as_prodigy_answer(list(export_records(QUEUE, "prodigy"))[1]) if fmt == "prodigy" else as_doccano_export(list(export_records(QUEUE, "doccano"))[1], 1)
    path = write_jsonl(tmp_path / "in.jsonl", [good, record])
    with pytest.raises(InputError) as caught:
        import_file(path, fmt, folders)
    assert str(caught.value).startswith(f"{path}:2: ")
    assert message in str(caught.value)
    assert list(folders[1].iterdir()) == []


def test_a_label_conflicting_with_an_existing_annotation_is_refused(tmp_path, folders):
    corpus, annotations = folders
    existing = annotations / "gold.jsonl"
    write_jsonl(existing, [{**EXPECTED[0], "label": "cooperation"}])
    path = write_jsonl(tmp_path / "in.jsonl", [as_prodigy_answer(t) for t in export_records(QUEUE, "prodigy")])
    with pytest.raises(InputError, match=rf"^{path}:1: unit already labelled differently at {existing}:1"):
        import_file(path, "prodigy", folders)
    assert sorted(p.name for p in annotations.iterdir()) == ["gold.jsonl"]


def test_cli_import_error_is_one_line_and_appends_nothing(tmp_path, folders):
    corpus, annotations = folders
    target = annotations / "imported.jsonl"
    target.write_text(json.dumps(EXPECTED[1]) + "\n", encoding="utf-8")
    before = target.read_bytes()
    path = write_jsonl(tmp_path / "in.jsonl", [as_prodigy_answer(next(export_records(QUEUE, "prodigy"))), {"text": "x", "answer": "accept", "accept": ["peace"]}])
    result = CliRunner().invoke(app, ["annotate", str(corpus), "--annotations", str(annotations), "--import", str(path), "--format", "prodigy"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: {path}:2: unknown label 'peace' (expected cooperation, tension, not-claim, and optionally mixed)"]
    assert target.read_bytes() == before


def test_cli_import_appends_to_the_imported_file(tmp_path, folders):
    corpus, annotations = folders
    path = write_jsonl(tmp_path / "in.jsonl", [as_doccano_export(t, i) for i, t in enumerate(export_records(QUEUE, "doccano"))])
    result = CliRunner().invoke(app, ["annotate", str(corpus), "--annotations", str(annotations), "--import", str(path), "--format", "doccano"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"3 annotations added to {annotations / 'imported.jsonl'}; 0 already there, 0 without a label\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--import", "x.jsonl"], "need --format"),
        (["--export", "a", "--import", "b", "--format", "prodigy"], "one at a time"),
        (["--format", "doccano"], "goes with --export or --import"),
    ],
)
def test_cli_rejects_incomplete_options(args, message):
    result = CliRunner().invoke(app, ["annotate", *args])
    assert result.exit_code == 1 and message in result.stderr
