"""The boundary with files: stages never touch them. Bad input is caught here
and reported as one line naming the file (and line)."""

from pipeline.io.annotations import check_duplicates, check_offsets, parse_annotation, read_annotations
from pipeline.io.articles import list_articles, read_meta, read_text
from pipeline.io.errors import InputError, UnreadableArticle
from pipeline.io.jsonl import (
    append_jsonl_atomically,
    append_jsonl_durably,
    atomic_jsonl_writer,
    atomic_writer,
    read_jsonl,
    remove_last_jsonl_record,
    remove_stale_temp_files,
    report,
    write_jsonl_atomic,
)

__all__ = [
    "InputError",
    "UnreadableArticle",
    "append_jsonl_atomically",
    "append_jsonl_durably",
    "atomic_jsonl_writer",
    "atomic_writer",
    "check_duplicates",
    "check_offsets",
    "list_articles",
    "parse_annotation",
    "read_annotations",
    "read_jsonl",
    "read_meta",
    "read_text",
    "remove_last_jsonl_record",
    "remove_stale_temp_files",
    "report",
    "write_jsonl_atomic",
]
