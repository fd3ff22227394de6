"""Reading and checking annotation records (the guidelines' record format)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.config import LABELS
from pipeline.io.errors import InputError
from pipeline.io.jsonl import read_jsonl, report
from pipeline.records import Annotation

ANNOTATION_KEYS = {"doc", "start", "end", "text", "claim", "label", "mixed", "actors"}


def parse_annotation(record: dict[str, Any], where: str) -> Annotation:
    missing = ANNOTATION_KEYS - record.keys()
    if missing:
        raise InputError(f"{where}: missing key(s) {', '.join(sorted(missing))}")
    claim, label = record["claim"], record["label"]
    if not isinstance(claim, bool):
        raise InputError(f"{where}: 'claim' must be true or false")
    if claim and label not in LABELS:
        raise InputError(f"{where}: unknown label {label!r} (expected one of {', '.join(LABELS)})")
    if not claim and label is not None:
        raise InputError(f"{where}: a non-claim must have label null, not {label!r}")
    start, end = record["start"], record["end"]
    if not valid_offsets(start, end):
        raise InputError(f"{where}: 'start' and 'end' must be integers with 0 <= start < end")
    if not is_article_name(record["doc"]):
        raise InputError(f"{where}: 'doc' must be an article's name, without a folder")
    actors = record["actors"]
    if not isinstance(actors, list) or not all(isinstance(code, str) for code in actors):
        raise InputError(f"{where}: 'actors' must be a list of codes")
    return Annotation(
        doc=str(record["doc"]),
        start=start,
        end=end,
        text=str(record["text"]),
        claim=claim,
        label=label,
        mixed=bool(record["mixed"]),
        actors=tuple(actors),
        source=where,
    )


def valid_offsets(start: Any, end: Any) -> bool:
    """Integers (JSON true and false are not, though Python's bools are ints) with 0 <= start < end."""
    return all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end)) and 0 <= start < end


def is_article_name(doc: Any) -> bool:
    """A file stem in the corpus folder: no folder part, so never a path out of it."""
    return isinstance(doc, str) and doc not in ("", ".", "..") and "/" not in doc and "\\" not in doc and "\0" not in doc


def read_annotations(annotations_dir: Path, problems: list[InputError] | None = None) -> list[Annotation]:
    """Every annotation in `*.jsonl` under the folder, validated, in file order.
    A bad line raises, or with `problems` is recorded there and left out."""
    annotations = []
    for path in sorted(annotations_dir.glob("*.jsonl")):
        for number, record in read_jsonl(path, problems):
            try:
                annotations.append(parse_annotation(record, f"{path}:{number}"))
            except InputError as problem:
                report(problem, problems)
    return annotations


def check_duplicates(annotations: list[Annotation], problems: list[InputError] | None = None) -> list[Annotation]:
    """Reject the same unit labelled twice with different labels; keep one of exact repeats."""
    seen: dict[tuple[str, int, int], Annotation] = {}
    for annotation in annotations:
        key = (annotation.doc, annotation.start, annotation.end)
        earlier = seen.setdefault(key, annotation)
        if (earlier.claim, earlier.label) != (annotation.claim, annotation.label):
            report(InputError(f"{annotation.source}: unit already labelled differently at {earlier.source}"), problems)
    return list(seen.values())


def check_offsets(annotation: Annotation, raw: str) -> None:
    if raw[annotation.start : annotation.end] != annotation.text:
        raise InputError(
            f"{annotation.source}: text does not match the article at "
            f"[{annotation.start}:{annotation.end}]"
        )

