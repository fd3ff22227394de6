"""The boundary with files: stages never touch them. Bad input is caught here
and reported as one line naming the file (and line)."""

from pipeline.io.annotations import check_duplicates, check_offsets, parse_annotation, read_annotations
from pipeline.io.articles import find_article, list_articles, read_article, read_meta, read_text
from pipeline.io.html import is_html_file
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
from pipeline.io.textfiles import atomic_text_folder

__all__ = [
    "InputError",
    "UnreadableArticle",
    "append_jsonl_atomically",
    "append_jsonl_durably",
    "atomic_jsonl_writer",
    "atomic_text_folder",
    "atomic_writer",
    "check_duplicates",
    "check_offsets",
    "find_article",
    "is_html_file",
    "list_articles",
    "parse_annotation",
    "read_article",
    "read_annotations",
    "read_jsonl",
    "read_meta",
    "read_text",
    "remove_last_jsonl_record",
    "remove_stale_temp_files",
    "report",
    "write_jsonl_atomic",
]
