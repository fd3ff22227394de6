"""Export `events.jsonl` for other tools: PLOVER JSON Lines (the data
standard's field names, as POLECAT writes them) or CSV, one event per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.events.plover import QUADS
from pipeline.io import InputError, atomic_writer, read_jsonl, write_jsonl_atomic

FORMATS = ("plover", "csv")
CSV_COLUMNS = ("id", "date", "actor", "recipient", "event", "quad_code", "label", "mode", "confidence", "sources", "sentence")
# PLOVER's and CAMEO's quad codes: 1 verbal cooperation ... 4 material conflict.
QUAD_NUMBER = {quad: number for number, quad in enumerate(QUADS, start=1)}


def export(out_dir: Path, output: Path, *, format: str) -> int:
    """Write the events of a run's `out_dir` to `output`; return their count."""
    if format not in FORMATS:
        raise InputError(f"unknown export format {format!r} (choose from {', '.join(FORMATS)})")
    events = list(read_records(out_dir / "events.jsonl"))
    if format == "csv":
        with atomic_writer(output) as handle:
            handle.write(csv_text(events))
        return len(events)
    articles = {article["doc"]: article for article in read_records(out_dir / "articles.jsonl")}
    return write_jsonl_atomic(output, (plover_record(event, articles) for event in events))


def read_records(path: Path) -> Iterator[dict[str, Any]]:
    if not path.exists():
        raise InputError(f"{path}: not found (run `pipeline run` first)")
    for _number, record in read_jsonl(path):
        yield record


def plover_record(event: dict[str, Any], articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One event in the PLOVER data standard's fields."""
    first = event["mentions"][0]
    date = event.get("date") or {}
    return {
        "id": event["id"],
        "date": date.get("date"),
        "date_info": date,
        "actor": {"code": event["actor"], "actorText": None},
        "recipient": {"code": event["recipient"], "actorText": None},
        "event": event["event"],
        "mode": event["mode"],
        "context": "",
        "quad_code": QUAD_NUMBER[event["quad_code"]],
        "quad_class": event["quad_code"],
        "confidence": event["confidence"],
        "text_info": {
            "text": first.get("text"),
            "doc": first["doc"],
            "start": first["start"],
            "end": first["end"],
            "mentions": event["mentions"],
        },
        "cite_info": {
            "sources": event["sources"],
            "docs": [cite(doc, articles.get(doc, {})) for doc in dict.fromkeys(m["doc"] for m in event["mentions"])],
        },
        "language": "en",
    }


def cite(doc: str, article: dict[str, Any]) -> dict[str, Any]:
    meta = article.get("meta") or {}
    return {
        "doc": doc,
        "title": article.get("title"),
        "publisher": meta.get("publisher"),
        "url": meta.get("url"),
        "date": article.get("date"),
    }


def csv_text(events: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for event in events:
        date = (event.get("date") or {}).get("date")
        row = {**event, "date": date, "sentence": event["mentions"][0].get("text")}
        writer.writerow([row.get(column) for column in CSV_COLUMNS])
    return buffer.getvalue()
