"""Reading articles and annotations, writing JSONL atomically.

Stages never touch files; this module is the boundary where bad input is
caught and reported as one line naming the file (and line).
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonlines

from .config import BYTE_ORDER_MARK, LABELS, MAX_ARTICLE_BYTES
from .records import Annotation


class InputError(Exception):
    """Bad input: the message names the file, and the line where there is one."""


class UnreadableArticle(InputError):
    """An article that cannot be processed; `reason` is its short category."""

    def __init__(self, path: Path, reason: str, detail: str = "") -> None:
        super().__init__(f"{path}: {reason}{f' ({detail})' if detail else ''}")
        self.path = path
        self.reason = reason


BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}
HTML_START_RE = re.compile(r"\A\s*(?:<!doctype html|<html\b|<\?xml\b)", re.IGNORECASE)
HTML_TAG_RE = re.compile(r"</?(?:html|head|body|div|span|p|a|br|script|style|meta|link|table|li|ul|h[1-6])\b[^>]*>", re.IGNORECASE)
HTML_MIN_TAGS = 5


def list_articles(corpus_dir: Path) -> list[Path]:
    if not corpus_dir.is_dir():
        raise InputError(f"{corpus_dir}: not a folder")
    return sorted(corpus_dir.glob("*.txt"))


def read_text(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[str, str]:
    """Return the article's text decoded as UTF-8 and the sha256 of its bytes,
    or raise `UnreadableArticle` saying why it cannot be processed."""
    check_file(path, max_bytes)
    data = path.read_bytes()
    text = decode_article(path, data)
    if HTML_START_RE.match(text) or len(HTML_TAG_RE.findall(text, 0, 20_000)) >= HTML_MIN_TAGS:
        raise UnreadableArticle(path, "HTML, not plain text", "save the article's text as .txt")
    return text, hashlib.sha256(data).hexdigest()


def check_file(path: Path, max_bytes: int) -> None:
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        raise UnreadableArticle(path, "symlink outside the corpus", f"points to {path.resolve()}")
    if not path.exists():
        raise UnreadableArticle(path, "missing", "broken symlink or removed while running")
    if not path.is_file():
        raise UnreadableArticle(path, "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableArticle(path, "too large", f"{size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB")


def decode_article(path: Path, data: bytes) -> str:
    """Decode as UTF-8 (a UTF-8 byte-order mark is kept, so offsets match any
    UTF-8 reader); anything else is refused with how to fix it."""
    for bom, encoding in BOMS.items():
        if data.startswith(bom):
            raise UnreadableArticle(path, f"{encoding}, not UTF-8", f"convert it: iconv -f {encoding} -t UTF-8")
    if b"\x00" in data:
        raise UnreadableArticle(path, "binary", "contains NUL bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise UnreadableArticle(path, "not UTF-8", f"line {line}, byte 0x{data[err.start]:02X}; save it as UTF-8") from None
    if not text.replace(BYTE_ORDER_MARK, "").strip():
        raise UnreadableArticle(path, "empty")
    return text


def read_meta(path: Path) -> dict[str, Any]:
    """Read `NAME.meta.json` beside an article, if there is one."""
    meta_path = path.with_suffix(".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise UnreadableArticle(path, "bad meta.json", f"{meta_path.name}: {err}") from None
    if not isinstance(meta, dict):
        raise UnreadableArticle(path, "bad meta.json", f"{meta_path.name}: expected a JSON object")
    return meta


def read_jsonl(path: Path, problems: list[InputError] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line of a JSONL file.
    A bad line raises, or with `problems` is recorded there and passed over."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        report(InputError(f"{path}: not valid UTF-8"), problems)
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, parse_json_object(line, f"{path}:{number}")
        except InputError as problem:
            report(problem, problems)


def parse_json_object(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: malformed JSON ({err.msg})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    return record


def report(problem: InputError, problems: list[InputError] | None) -> None:
    """Raise the problem, or record it when the caller collects them all."""
    if problems is None:
        raise problem
    problems.append(problem)


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
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
        raise InputError(f"{where}: 'start' and 'end' must be integers with 0 <= start < end")
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


def write_jsonl_atomic(path: Path, records: Iterable[dict[str, Any]]) -> int:
    """Write records to `path` through a temp file and a rename; return the count."""
    with atomic_jsonl_writer(path) as writer:
        count = 0
        for record in records:
            writer.write(record)
            count += 1
    return count


@contextlib.contextmanager
def atomic_jsonl_writer(path: Path) -> Iterator[jsonlines.Writer]:
    """A JSON Lines writer (UTF-8, not ASCII-escaped) over `atomic_writer`."""
    with atomic_writer(path) as handle:
        yield jsonlines.Writer(handle, dumps=UTF8_DUMPS, flush=False)


UTF8_DUMPS = functools.partial(json.dumps, ensure_ascii=False)


@contextlib.contextmanager
def atomic_writer(path: Path, mode: str = "w", *, durable: bool = True) -> Iterator[Any]:
    """Open a temp file beside `path`; on success fsync (when `durable`) and rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o666 & ~current_umask())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def remove_stale_temp_files(folder: Path, names: Iterable[str]) -> None:
    """Remove the temp files `atomic_writer` left for `names` when a process
    was killed mid-write (a finished write leaves none)."""
    for name in names:
        for stale in folder.glob(f".{name}.*.tmp"):
            stale.unlink(missing_ok=True)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def append_jsonl_durably(path: Path, record: dict[str, Any]) -> None:
    """Append one record as a line and fsync it, so a crash right after loses nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    line = UTF8_DUMPS(record) + "\n"
    with path.open("a+b") as handle:
        if handle.tell() > 0:
            handle.seek(-1, os.SEEK_END)
            if handle.read(1) != b"\n":
                line = "\n" + line  # the file was edited by hand and lacks its last newline
        handle.write(line.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())


def remove_last_jsonl_record(path: Path) -> dict[str, Any] | None:
    """Remove the last record of a JSONL file by rewriting it atomically; return
    the record, or None when there is none. The file is never truncated in place."""
    if not path.exists():
        return None
    records = list(read_jsonl(path))
    if not records:
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    last_line = records[-1][0]
    with atomic_writer(path) as handle:
        handle.writelines(line + "\n" for line in lines[: last_line - 1] if line.strip())
    return records[-1][1]


def append_jsonl_atomically(path: Path, records: list[dict[str, Any]]) -> None:
    """Append records to a JSONL file in one step: the current content and the
    new lines go to a temp file that replaces it, so a failure leaves it as it was."""
    if not records:
        return
    existing = path.read_bytes() if path.exists() else b""
    if existing and not existing.endswith(b"\n"):
        existing += b"\n"
    with atomic_writer(path, "wb") as handle:
        handle.write(existing)
        handle.writelines((UTF8_DUMPS(record) + "\n").encode("utf-8") for record in records)
