"""Errors for bad input: each message names the file, and the line where there is one."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: the message names the file, and the line where there is one."""


class UnreadableArticle(InputError):
    """An article that cannot be processed; `reason` is its short category."""

    def __init__(self, path: Path, reason: str, detail: str = "") -> None:
        super().__init__(f"{printable(path)}: {reason}{f' ({detail})' if detail else ''}")
        self.path = path
        self.reason = reason



def printable(path: Path) -> str:
    """The path as text, with any byte that is not UTF-8 shown as \\xNN."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
