"""Reading article files: the checks that decide whether one can be processed."""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from pathlib import Path
from typing import Any

from pipeline.config import BYTE_ORDER_MARK, HTML_SUFFIXES, MAX_ARTICLE_BYTES
from pipeline.io.errors import InputError, UnreadableArticle
from pipeline.io.html import extract_html, is_html_file

BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}
HTML_START_RE = re.compile(r"\A\s*(?:<!doctype html|<html\b|<\?xml\b)", re.IGNORECASE)
HTML_TAG_RE = re.compile(r"</?(?:html|head|body|div|span|p|a|br|script|style|meta|link|table|li|ul|h[1-6])\b[^>]*>", re.IGNORECASE)
HTML_MIN_TAGS = 5
ARTICLE_PATTERNS = ("*.txt", *(f"*{suffix}" for suffix in HTML_SUFFIXES))


def list_articles(corpus_dir: Path) -> list[Path]:
    """The articles of a folder: text files and saved web pages, by name."""
    if not corpus_dir.is_dir():
        raise InputError(f"{corpus_dir}: not a folder")
    return sorted(path for pattern in ARTICLE_PATTERNS for path in corpus_dir.glob(pattern))


def find_article(corpus_dir: Path, doc: str) -> Path | None:
    """The file of the article named `doc`: its text file, else its saved page."""
    for suffix in (".txt", *HTML_SUFFIXES):
        path = corpus_dir / f"{doc}{suffix}"
        if path.exists():
            return path
    return None


def read_article(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[str, str, dict[str, Any]]:
    """`read_text`, and the article's metadata: what a saved page says of
    itself, overridden by `NAME.meta.json` where both give a field."""
    text, sha256, found = read_body(path, max_bytes)
    return text, sha256, {**found, **read_meta(path)}


def read_text(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> tuple[str, str]:
    """Return the article's text and the sha256 of the file's bytes, or raise
    `UnreadableArticle` saying why it cannot be processed. A text file's text
    is its bytes decoded as UTF-8; a web page's, the text extracted from it."""
    text, sha256, _found = read_body(path, max_bytes)
    return text, sha256


def read_body(path: Path, max_bytes: int) -> tuple[str, str, dict[str, Any]]:
    check_file(path, max_bytes)
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    if is_html_file(path):
        text, found = extract_html(path, data)
        return text, sha256, found
    text = decode_article(path, data)
    if HTML_START_RE.match(text) or len(HTML_TAG_RE.findall(text, 0, 20_000)) >= HTML_MIN_TAGS:
        raise UnreadableArticle(path, "HTML, not plain text", "name it .html to read it as a saved web page")
    return text, sha256, {}


def check_file(path: Path, max_bytes: int) -> None:
    if not is_utf8_name(path.name):
        raise UnreadableArticle(path, "file name not UTF-8", "rename it: every record names its article in UTF-8 JSON")
    if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
        raise UnreadableArticle(path, "symlink outside the corpus", f"points to {path.resolve()}")
    if not path.exists():
        raise UnreadableArticle(path, "missing", "broken symlink or removed while running")
    if not path.is_file():
        raise UnreadableArticle(path, "not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableArticle(path, "too large", f"{size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB")


def is_utf8_name(name: str) -> bool:
    """False for a name whose bytes are not UTF-8 (Python keeps them as surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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

