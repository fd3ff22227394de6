"""Saved web pages: the article's main text and metadata, by trafilatura.

The page's own furniture (menus, comments, footers) is left out by the
extractor; the text it keeps is what every record's offsets point into, and
what `pipeline run` writes to `OUT/text/DOC.txt`. Paragraphs are joined by a
blank line, as in the corpus's text files. Same bytes in, same text out: no
deduplication across pages, no network.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline.config import HTML_MIN_SENTENCE_WORDS, HTML_SUFFIXES
from pipeline.io.errors import UnreadableArticle


def is_html_file(path: Path | str) -> bool:
    return str(path).lower().endswith(HTML_SUFFIXES)


def extract_html(path: Path, data: bytes) -> tuple[str, dict[str, Any]]:
    """The main text of a saved page and what it says of itself (title, date,
    url, publisher); a page with no article text is `UnreadableArticle`."""
    import trafilatura

    if not data.strip():
        raise UnreadableArticle(path, "empty")
    document = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False, deduplicate=False)
    paragraphs = [line.strip() for line in ((document.text or "") if document else "").splitlines()]
    text = "\n\n".join(line for line in paragraphs if line)
    if not any(len(line.split()) >= HTML_MIN_SENTENCE_WORDS for line in paragraphs):
        found_words = len(text.split())
        raise UnreadableArticle(path, "no article in the HTML", f"the extractor found {found_words} word(s) of text, no paragraph")
    found = {"title": document.title, "date": document.date, "url": document.url, "publisher": document.sitename}
    return text + "\n", {key: value for key, value in found.items() if isinstance(value, str) and value.strip()}


def extractor_version() -> str:
    """Part of the run cache's key: a new extractor may cut a page differently."""
    try:
        return f"trafilatura {metadata.version('trafilatura')}"
    except metadata.PackageNotFoundError:
        return "trafilatura unknown"
