"""JSON Lines: reading with line numbers, and writing atomically or durably."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jsonlines

from pipeline.io.errors import InputError

def read_jsonl(path: Path, problems: list[InputError] | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (line number, object) for each non-blank line of a JSONL file.
    A bad line raises, or with `problems` is recorded there and passed over."""
    try:
        lines = jsonl_lines(path)
    except UnicodeDecodeError:
        report(InputError(f"{path}: not valid UTF-8"), problems)
        return
    except OSError as err:
        report(InputError(f"{path}: cannot read ({err.strerror or err})"), problems)
        return
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield number, parse_json_object(line, f"{path}:{number}")
        except InputError as problem:
            report(problem, problems)


def jsonl_lines(path: Path) -> list[str]:
    """The file's lines, split on "\n" only, as JSON Lines says: a sentence may
    hold U+2028, U+2029 or U+0085 (JSON allows them raw), which `str.splitlines`
    and universal-newline reading would take for line ends. A "\r" before the
    "\n" is left to `json.loads`, which reads it as white space."""
    return path.read_bytes().decode("utf-8").split("\n")


def parse_json_object(line: str, where: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(f"{where}: malformed JSON ({err.msg})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object")
    return record


def report(problem: InputError, problems: list[InputError] | None) -> None:
    """Raise the problem, or record it when the caller collects them all."""
    if problems is None:
        raise problem
    problems.append(problem)



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
        yield jsonlines.Writer(handle, dumps=json_line, flush=False)


# Characters other readers (str.splitlines, JavaScript) take for line ends;
# JSON escapes the control ones already, these are escaped here.
LINE_BREAKS_TO_ESCAPE = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(record: Any) -> str:
    """One JSON line, UTF-8 (not ASCII-escaped), with no character any reader takes for a line end."""
    return json.dumps(record, ensure_ascii=False).translate(LINE_BREAKS_TO_ESCAPE)


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
    line = json_line(record) + "\n"
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
    lines = jsonl_lines(path)
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
        handle.writelines((json_line(record) + "\n").encode("utf-8") for record in records)
