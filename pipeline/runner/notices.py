"""What a run tells the analyst at its end besides the counts: the names that
looked like actors but link to no code, and the files it did not read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.config import HTML_SUFFIXES, NON_CLAIM_KINDS

# spaCy entity types that name places, groups and nationalities: a political
# actor when the dictionary knows it.
ACTOR_LIKE_LABELS = frozenset({"GPE", "NORP", "ORG"})
ARTICLE_SUFFIXES = (".txt", *HTML_SUFFIXES)
META_SUFFIX = ".meta.json"


def unlinked_names(sentences: Iterable[dict[str, Any]]) -> Counter[str]:
    """How often each place, group or nationality entity with no actor code
    occurs in body and bullet sentences."""
    return Counter(
        " ".join(entity["text"].split())
        for sentence in sentences
        if sentence["kind"] not in NON_CLAIM_KINDS
        for entity in sentence["entities"]
        if entity["actor"] is None and looks_like_actor(entity)
    )


def looks_like_actor(entity: dict[str, Any]) -> bool:
    """A place or nationality, or an organisation named by several words or an
    acronym: the small spaCy model tags many single capitalised words ORG."""
    words = entity["text"].split()
    if entity["label"] == "ORG":
        return len(words) > 1 or (entity["text"].isupper() and len(entity["text"]) > 1)
    return entity["label"] in ACTOR_LIKE_LABELS and entity["text"][:1].isupper()


def ignored_files(corpus_dir: Path) -> list[str]:
    """The corpus folder's files that are not read: not `.txt`, nor an article's `.meta.json`
    (hidden files left out)."""
    if not corpus_dir.is_dir():
        return []
    return sorted(
        path.name
        for path in corpus_dir.iterdir()
        if not path.name.startswith(".")
        and path.suffix not in ARTICLE_SUFFIXES
        and not (path.name.endswith(META_SUFFIX) and any(path.with_name(path.name[: -len(META_SUFFIX)] + suffix).exists() for suffix in ARTICLE_SUFFIXES))
        and (path.is_file() or path.is_symlink())
    )


# How many unlinked names the end of a run lists.
UNLINKED_SHOWN = 15


def run_notices(unlinked: Counter[str], ignored: list[str], actors: Path) -> list[str]:
    """The lines that end a run: names that look like actors but have no code, and ignored files."""
    lines = []
    if unlinked:
        top = sorted(unlinked.items(), key=lambda item: (-item[1], item[0]))[:UNLINKED_SHOWN]
        more = f", and {len(unlinked) - len(top)} more" if len(unlinked) > len(top) else ""
        names = ", ".join(f"{name} ({n})" for name, n in top)
        lines.append(f"unlinked names that look like actors (places, groups, nationalities): {names}{more}; add the ones that are actors to {actors}")
    if ignored:
        lines.append(f"ignored (not .txt or .html): {', '.join(ignored)}")
    return lines
