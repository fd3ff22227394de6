"""The annotation queue out to other annotation tools, and their labels back in
our record format.

Prodigy (choice interface, `prodigy db-out`): a task is `text`, `options` and
`meta`; an answered one adds `answer` (accept | reject | ignore) and `accept`,
the ids of the chosen options, or, from a binary `textcat` recipe, `label`.
doccano (text classification, JSONL): `text` and `label`, a list of category
names; other keys of an imported line become the example's metadata, which
its export writes back as top-level keys (older versions: a `meta` object and
`labels`).

On export the model's guess is pre-filled (Prodigy: `accept`, the option
shown selected; doccano: `label`), so the annotator only corrects it. A
doccano export holds every example, confirmed or not: export only the ones
marked done ("Export only approved documents").

Either way the unit is named by `doc`, `start` and `end`, written on export
(Prodigy: in `meta`; doccano: top level) and required on import, with
`actors` for claims. Labels are cooperation, tension or not-claim (any case,
`_` or space for `-`), plus `mixed` for a mixed claim.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.annotate.queue import CHOICES, NOT_CLAIM, Candidate
from pipeline.io import InputError, append_jsonl_atomically, check_duplicates, check_offsets, find_article, read_annotations, read_jsonl, read_text
from pipeline.io.annotations import is_article_name, valid_offsets
from pipeline.records import Annotation

MIXED = "mixed"
PRODIGY_OPTIONS = [{"id": choice, "text": choice.replace("-", " ")} for choice in CHOICES]
ALIASES = {"not-a-claim": NOT_CLAIM, "no-claim": NOT_CLAIM, "none": NOT_CLAIM}
WHERE_TO_FIND = "export the queue with `pipeline annotate --export` and keep its metadata"


def export_records(queue: Iterable[Candidate], fmt: str) -> Iterator[dict[str, Any]]:
    """One task per queued sentence, the least certain first."""
    for candidate in queue:
        sentence = candidate.sentence
        unit = {
            "doc": sentence.doc,
            "start": sentence.start,
            "end": sentence.end,
            "actors": list(sentence.actors),
            "guess": candidate.guess,
            "confidence": round(candidate.confidence, 4),
        }
        if fmt == "prodigy":
            yield {"text": sentence.text, "options": PRODIGY_OPTIONS, "accept": [candidate.guess], "meta": unit}
        else:
            yield {"text": sentence.text, "label": [candidate.guess], **unit}


def imported_annotation(record: dict[str, Any], fmt: str, where: str) -> Annotation | None:
    """The annotation a labelled record stands for, or None for a record the
    annotator ignored or left unlabelled."""
    labels = prodigy_labels(record, where) if fmt == "prodigy" else doccano_labels(record, where)
    if labels is None:
        return None
    choice, mixed = choice_of(labels, where)
    unit = unit_fields(record, where)
    claim = choice != NOT_CLAIM
    return Annotation(
        doc=unit["doc"],
        start=unit["start"],
        end=unit["end"],
        text=text_of(record, where),
        claim=claim,
        label=choice if claim else None,
        mixed=mixed,
        actors=actors_of(unit, where) if claim else (),
        source=where,
    )


def prodigy_labels(record: dict[str, Any], where: str) -> list[Any] | None:
    answer = record.get("answer")
    if answer == "ignore":
        return None
    if answer is None:
        raise InputError(f"{where}: no 'answer' (not annotated in Prodigy?)")
    if answer != "accept":
        raise InputError(f"{where}: answer {answer!r} does not say which label applies (expected 'accept' or 'ignore')")
    if isinstance(record.get("accept"), list) and record["accept"]:
        return record["accept"]
    if isinstance(record.get("label"), str):
        return [record["label"]]
    raise InputError(f"{where}: accepted, but no label in 'accept' or 'label'")


def doccano_labels(record: dict[str, Any], where: str) -> list[Any] | None:
    labels = record.get("label", record.get("labels"))
    if isinstance(labels, str):
        labels = [labels]
    if not labels:
        return None
    if not isinstance(labels, list):
        raise InputError(f"{where}: 'label' must be a list of category names")
    return labels


def choice_of(labels: list[Any], where: str) -> tuple[str, bool]:
    """The one answer among the labels, and whether `mixed` was among them."""
    if not all(isinstance(label, str) for label in labels):
        raise InputError(f"{where}: labels must be category names, not {labels!r} (a sequence-labelling project?)")
    names = [normal_label(label) for label in labels]
    unknown = [label for label, name in zip(labels, names) if name not in (*CHOICES, MIXED)]
    if unknown:
        raise InputError(f"{where}: unknown label {unknown[0]!r} (expected {', '.join(CHOICES)}, and optionally {MIXED})")
    answers = sorted({name for name in names if name != MIXED})
    if len(answers) != 1:
        raise InputError(f"{where}: {len(answers)} of {', '.join(CHOICES)} chosen ({', '.join(answers) or 'none'}); expected one")
    mixed = MIXED in names
    if mixed and answers[0] == NOT_CLAIM:
        raise InputError(f"{where}: '{MIXED}' applies to claims only, not to {NOT_CLAIM}")
    return answers[0], mixed


def normal_label(label: str) -> str:
    name = "-".join(label.strip().lower().replace("_", " ").split())
    return ALIASES.get(name, name)


def unit_fields(record: dict[str, Any], where: str) -> dict[str, Any]:
    """`doc`, `start`, `end` (and `actors`) from `meta` if there is one, else from the record."""
    meta = record.get("meta")
    source = meta if isinstance(meta, dict) and {"doc", "start", "end"} & meta.keys() else record
    missing = [key for key in ("doc", "start", "end") if key not in source]
    if missing:
        raise InputError(f"{where}: no {', '.join(missing)} naming the unit; {WHERE_TO_FIND}")
    if not is_article_name(source["doc"]) or not valid_offsets(source["start"], source["end"]):
        raise InputError(f"{where}: 'doc' must be an article's name (no folder) and 'start', 'end' integers with 0 <= start < end")
    return source


def actors_of(unit: dict[str, Any], where: str) -> tuple[str, ...]:
    actors = unit.get("actors")
    if not isinstance(actors, list) or not all(isinstance(code, str) for code in actors):
        raise InputError(f"{where}: a claim needs 'actors', a list of codes; {WHERE_TO_FIND}")
    return tuple(actors)


def text_of(record: dict[str, Any], where: str) -> str:
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: no 'text'")
    return text


@dataclass(frozen=True)
class ImportSummary:
    added: int
    already_there: int  # the same unit with the same label, in our files or earlier in the import
    unlabelled: int  # ignored in Prodigy, or without a label in doccano
    target: Path


def import_annotations(path: Path, fmt: str, *, corpus_dir: Path, annotations_dir: Path, target: Path) -> ImportSummary:
    """Map every record of an exported file, check each against its article and
    the existing annotations (a unit labelled differently is an error, as in
    training), then append the new ones to `target` in one atomic write."""
    existing = read_annotations(annotations_dir)
    imported, unlabelled = [], 0
    for number, record in read_jsonl(path):
        annotation = imported_annotation(record, fmt, f"{path}:{number}")
        if annotation is None:
            unlabelled += 1
        else:
            imported.append(annotation)
    check_against_articles(imported, corpus_dir)
    kept = check_duplicates([*existing, *imported])
    known = {(a.doc, a.start, a.end) for a in existing}
    new = [a for a in kept if (a.doc, a.start, a.end) not in known]
    append_jsonl_atomically(target, [a.to_json() for a in new])
    return ImportSummary(added=len(new), already_there=len(imported) - len(new), unlabelled=unlabelled, target=target)


def check_against_articles(annotations: list[Annotation], corpus_dir: Path) -> None:
    raw_texts: dict[str, str] = {}
    for annotation in annotations:
        if annotation.doc not in raw_texts:
            path = find_article(corpus_dir, annotation.doc)
            if path is None:
                raise InputError(f"{annotation.source}: article {annotation.doc!r} not found in {corpus_dir}")
            raw_texts[annotation.doc] = read_text(path)[0]
        check_offsets(annotation, raw_texts[annotation.doc])


def export_queue(queue: Iterable[Candidate], path: Path, fmt: str) -> str:
    """Write the queue for another tool; what was written, in a line."""
    from pipeline.io import write_jsonl_atomic

    count = write_jsonl_atomic(path, export_records(queue, fmt))
    return f"{count} sentences to label, least certain first -> {path}"


def import_labels(path: Path, fmt: str, corpus_dir: Path, target: Path) -> str:
    """Import another tool's labels into `target` (beside the other annotations); what was added, in a line."""
    summary = import_annotations(path, fmt, corpus_dir=corpus_dir, annotations_dir=target.parent, target=target)
    return f"{summary.added} annotations added to {summary.target}; {summary.already_there} already there, {summary.unlabelled} without a label"
