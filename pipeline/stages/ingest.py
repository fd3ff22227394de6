"""Ingest: read articles and mark site furniture and headings.

A saved web page's text is the extractor's (`pipeline/io/html.py`); from
there on it is read like a text file.

Nothing is cut out of the text: each non-blank line becomes a `Block` whose
kind tells later stages whether it can hold claims, so offsets always point
into the raw file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pipeline.config import BYTE_ORDER_MARK, HEADING_MAX_WORDS, TITLE_MAX_WORDS
from pipeline.io import UnreadableArticle, read_article
from pipeline.records import Article, Block

# Lines that are page chrome on news sites, whatever the article says.
FURNITURE_PATTERNS = [
    r"views?:?\s*[\d,.]+k?",
    r"[\d,.]+k?\s+views?",
    r"(your )?(shopping )?cart( \(\d+\))?",
    r"exit mobile version",
    r"(most (read|popular|viewed|shared)|trending( now)?|related( (posts|articles|stories))?|recent (features|posts|articles))",
    r"(read more|see also|share( this( article)?)?|print|email|comments?|advertisement|sponsored)",
    r"(accessibility links|skip to (main )?content|main menu|menu|search|home)",
    r"(breaking news|latest news|live|watch|listen)",
    r"(editorial team|editor'?s note|staff|contributors?)",
    r"(published|posted|updated|last updated)\b( on)?:?.*",
    r"on",
    r"(photo|image|picture|credit|photo credit|source|file photo)s?\s*:.*",
    r"(by|written by|words by)\s+[A-Z][\w.'’-]*(\s+[A-Z][\w.'’-]*){0,4}",
    r"(subscribe|sign up|sign in|log in|follow us)\b.*",
    r"(these|the) views (expressed )?(are|in this)\b.*",
    r"(copyright\b|©|all rights reserved).*",
    r"[A-Z][a-z]+ \d{1,2}, \d{4}",
    r"\d{1,2} [A-Z][a-z]+ \d{4}",
]
FURNITURE_RE = re.compile(r"^(?:" + "|".join(FURNITURE_PATTERNS) + r")\s*$", re.IGNORECASE)
BULLET_RE = re.compile(r"^[•●▪◦‣∙·\-–—*]\s")
SECTION_MAX_WORDS = 2
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = (
    rf"(?i:(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?(?:\s+\d{{4}})?"
    rf"|{MONTH}\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}))"
)
# A place in capitals, an optional country or agency, then a dash or a date.
DATELINE = r"[A-Z][A-Z .'-]+(?:,\s*[A-Za-z .'-]+)?(?:\s*\([A-Za-z .]+\))?\s*(?:[-–—:]|,\s*" + DATE + r")"
DATE_LINE_RE = re.compile(rf"^(?:{DATE}|{DATELINE})\s*[-–—:,.]*\s*$")
SENTENCE_END = tuple(".!?:;…")
# Quotes and brackets after a sentence's last word: `."` ends a sentence, `war"` does not.
CLOSING_MARKS = "\"”’')]"
FURNITURE_MAX_WORDS = 8
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


def ingest(paths: Iterable[Path], on_skip: Callable[[UnreadableArticle], None] | None = None) -> Iterator[Article]:
    """Read each article file and classify its lines. An unreadable article
    is passed to `on_skip` and left out, or raises when there is no `on_skip`."""
    for path in paths:
        try:
            raw, sha256, meta = read_article(path)
        except UnreadableArticle as skipped:
            if on_skip is None:
                raise
            on_skip(skipped)
            continue
        blocks = tuple(find_blocks(raw))
        if "title" not in meta:
            meta = {**meta, "title": first_heading(raw, blocks)}
        yield Article(doc=path.stem, path=str(path), sha256=sha256, raw=raw, blocks=blocks, meta=meta)


def one_line_article(doc_id: str, text: str) -> Article:
    """A text from outside the corpus (a labelled set's sentence) as an
    article of one body line, for the same path as the corpus's articles."""
    raw = " ".join(text.split())
    return Article(doc=doc_id, path="", sha256="", raw=raw, blocks=(Block(start=0, end=len(raw), kind="body"),))


def find_blocks(raw: str) -> Iterator[Block]:
    """Yield one block per non-blank line, with its kind."""
    spans = list(line_spans(raw))
    repeats = Counter(raw[start:end] for start, end in spans)
    for i, (start, end) in enumerate(spans):
        line = raw[start:end]
        previous_end = spans[i - 1][1] if i else None
        next_start = spans[i + 1][0] if i + 1 < len(spans) else None
        own_paragraph = is_break(raw, previous_end, start) and is_break(raw, end, next_start)
        yield Block(start=start, end=end, kind=line_kind(line, repeats[line] > 1, own_paragraph=own_paragraph))


def is_break(raw: str, start: int | None, end: int | None) -> bool:
    """The white space between two lines holds a blank line; the file's edge counts as one."""
    if start is None or end is None:
        return True
    return len(LINE_BREAK_RE.findall(raw, start, end)) >= 2


def line_spans(raw: str) -> Iterator[tuple[int, int]]:
    """Offsets of each line with surrounding white space (and a byte-order mark)
    stripped; blank lines skipped. Lines end at "\n", "\r\n" or a lone "\r"."""
    for match in re.finditer(r"[^\r\n]+", raw):
        text = match.group()
        stripped = text.strip().strip(BYTE_ORDER_MARK).strip()
        if not stripped:
            continue
        start = match.start() + text.index(stripped)
        yield start, start + len(stripped)


def line_kind(line: str, repeated: bool, *, own_paragraph: bool = False) -> str:
    if repeated or is_furniture(line):
        return "furniture"
    if BULLET_RE.match(line):
        return "bullet"
    if is_heading(line, TITLE_MAX_WORDS if own_paragraph else HEADING_MAX_WORDS):
        return "heading"
    return "body"


def is_furniture(line: str) -> bool:
    """Page chrome is short: a long line starting "Published ..." is prose."""
    if len(line.split()) > FURNITURE_MAX_WORDS:
        return False
    return bool(FURNITURE_RE.match(line)) or line.count("|") >= 2


def is_heading(line: str, max_words: int = HEADING_MAX_WORDS) -> bool:
    words = line.split()
    if len(words) > max_words:
        return False
    if not line.rstrip(CLOSING_MARKS).endswith(SENTENCE_END):
        return True
    return line.endswith(("?", "!")) and is_title_case(words)


def is_title_case(words: list[str]) -> bool:
    """Most longer words capitalised, as in "Is Iran Distancing Itself From the Taliban?"."""
    long_words = [word for word in words if len(word) > 3]
    capitalised = sum(word[0].isupper() for word in long_words)
    return len(long_words) >= 2 and capitalised >= 0.75 * len(long_words)


def first_heading(raw: str, blocks: tuple[Block, ...]) -> str | None:
    """The article's title: its first heading that is not a site section or a date."""
    for block in blocks:
        line = raw[block.start : block.end]
        if block.kind == "heading" and not is_site_section(line) and not is_date_line(line):
            return line
    return None


def is_site_section(line: str) -> bool:
    """A site's section label ("ASIA", "WORLD NEWS"): one or two words in capitals."""
    words = line.split()
    return len(words) <= SECTION_MAX_WORDS and line.isupper()


def is_date_line(line: str) -> bool:
    """A line that is only a date or a dateline ("• May 13, 2022:", "KABUL, Afghanistan (AP) —")."""
    return bool(DATE_LINE_RE.match(BULLET_RE.sub("", line, count=1).strip()))
