"""The report's data: a run's JSONL turned into what the page shows.

Everything the page computes once (pairs, balance, trend, timelines, the
spans to highlight) is computed here, so it is tested without a browser and
the page's script only filters and draws. A claim keeps its line's index in
`claims.jsonl`, which the page writes as the element's `data-claim`.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from pipeline.config import LABELS
from pipeline.io import InputError, read_jsonl

ISO_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")
DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d/%m/%Y")
NO_PAIR = "?"


def page_data(out_dir: Path) -> dict[str, Any]:
    """The page's data from `out_dir`'s claims, articles and sentences JSONL.
    Only `claims.jsonl` is required; without the others the page has no
    article titles or dates and shows each claim's sentence as its context."""
    claims_path = out_dir / "claims.jsonl"
    if not claims_path.is_file():
        raise InputError(f"{claims_path}: not found; run `pipeline run` first")
    claims = [record for _line, record in read_jsonl(claims_path)]
    articles = {record["doc"]: record for _line, record in optional_jsonl(out_dir / "articles.jsonl")}
    claim_docs = {claim["doc"] for claim in claims}
    sentences = [s for _line, s in optional_jsonl(out_dir / "sentences.jsonl") if s.get("doc") in claim_docs]
    return build_page_data(claims, articles, sentences)


def optional_jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    return read_jsonl(path) if path.is_file() else ()


def build_page_data(claims: list[dict[str, Any]], articles: dict[str, dict[str, Any]], sentences: list[dict[str, Any]]) -> dict[str, Any]:
    docs = sorted({claim["doc"] for claim in claims} | articles.keys())
    doc_index = {doc: i for i, doc in enumerate(docs)}
    models = sorted({str(claim.get("model", "")) for claim in claims})
    mentions = {(s["doc"], s["start"], s["end"]): s.get("entities", []) for s in sentences}
    pair_keys = [pair_of(claim) for claim in claims]
    dates = [claim_date(claim, articles.get(claim["doc"])) for claim in claims]
    pairs = summarise_pairs(claims, pair_keys, dates)
    pair_index = {pair["key"]: i for i, pair in enumerate(pairs)}
    return {
        "counts": {"claims": len(claims), **Counter(claim["label"] for claim in claims)},
        "labels": list(LABELS),
        "docs": [doc_json(doc, articles.get(doc)) for doc in docs],
        "models": models,
        "pairs": pairs,
        "claims": [
            claim_json(claim, doc_index, pair_index[key], models.index(str(claim.get("model", ""))), date, mentions)
            for claim, key, date in zip(claims, pair_keys, dates)
        ],
        "context": article_context(sentences, doc_index),
    }


def pair_of(claim: dict[str, Any]) -> str:
    """The two actors a claim relates, in code order: stance source and target
    when both are known, else its first two actors; "?" for a missing side."""
    stance = claim.get("stance") or {}
    sides = [stance.get("source"), stance.get("target")]
    if not all(sides) or sides[0] == sides[1]:
        actors = list(dict.fromkeys(claim.get("actors") or []))
        sides = (actors + [NO_PAIR, NO_PAIR])[:2]
    return "–".join(sorted(str(side) for side in sides))


def claim_date(claim: dict[str, Any], article: dict[str, Any] | None) -> str | None:
    """The event's date when the claim has one, else its article's date."""
    for value in (claim.get("date"), ((article or {}).get("meta") or {}).get("date")):
        date = normalise_date(value)
        if date:
            return date
    return None


def normalise_date(value: Any) -> str | None:
    """"YYYY-MM-DD" (or "YYYY-MM") from an ISO date or a few common spellings; None otherwise."""
    if not isinstance(value, str) or not value.strip():
        return None
    match = ISO_DATE_RE.match(value)
    if match:
        year, month, day = match.groups()
        return f"{year}-{month}-{day}" if day else f"{year}-{month}"
    for date_format in DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), date_format).date().isoformat()
        except ValueError:
            continue
    return None


def summarise_pairs(claims: list[dict[str, Any]], keys: list[str], dates: list[str | None]) -> list[dict[str, Any]]:
    """One row per pair, most claims first: counts by label, balance, trend, timeline."""
    grouped: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
    for claim, key, date in zip(claims, keys, dates):
        grouped[key].append((date, claim["label"]))
    rows = [pair_row(key, items) for key, items in grouped.items()]
    return sorted(rows, key=lambda row: (-row["claims"], row["key"]))


def pair_row(key: str, items: list[tuple[str | None, str]]) -> dict[str, Any]:
    labels = Counter(label for _date, label in items)
    dated = sorted((date, label) for date, label in items if date)
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for date, label in dated:
        months[date[:7]][label] += 1
    return {
        "key": key,
        "actors": key.split("–"),
        "claims": len(items),
        **{label: labels[label] for label in LABELS},
        "balance": balance(labels),
        "trend": trend([label for _date, label in dated]),
        "timeline": [[month, *(counts[label] for label in LABELS)] for month, counts in sorted(months.items())],
        "undated": len(items) - len(dated),
    }


def balance(labels: Counter[str]) -> float:
    """(cooperation - tension) / both: 1 all cooperation, -1 all tension."""
    cooperation, tension = labels["cooperation"], labels["tension"]
    return round((cooperation - tension) / (cooperation + tension), 3) if cooperation + tension else 0.0


def trend(labels_by_date: list[str]) -> float | None:
    """The later half's balance minus the earlier half's (None under 2 dated claims)."""
    if len(labels_by_date) < 2:
        return None
    half = len(labels_by_date) // 2
    return round(balance(Counter(labels_by_date[half:])) - balance(Counter(labels_by_date[:half])), 3)


def doc_json(doc: str, article: dict[str, Any] | None) -> dict[str, Any]:
    meta = (article or {}).get("meta") or {}
    return {
        "doc": doc,
        "title": (article or {}).get("title") or meta.get("title") or doc,
        "date": normalise_date(meta.get("date")),
        "url": meta.get("url") if isinstance(meta.get("url"), str) else None,
    }


def claim_json(
    claim: dict[str, Any], doc_index: dict[str, int], pair: int, model: int, date: str | None, mentions: dict[tuple, list]
) -> dict[str, Any]:
    stance = claim.get("stance") or {}
    entities = mentions.get((claim["doc"], claim["start"], claim["end"]), [])
    return {
        "d": doc_index[claim["doc"]],
        "s": claim["start"],
        "e": claim["end"],
        "t": claim["text"],
        "l": claim["label"],
        "c": claim.get("confidence"),
        "p": pair,
        "src": stance.get("source"),
        "tgt": stance.get("target"),
        "h": highlights(claim, entities),
        "v": claim.get("evidence") or [],
        "m": model,
        "date": date,
    }


def highlights(claim: dict[str, Any], entities: list[dict[str, Any]]) -> list[list[Any]]:
    """[start, end, role, actor] spans in the sentence, in order, not
    overlapping: the source's and the target's mentions and the cue words."""
    stance = claim.get("stance") or {}
    roles = {stance.get("source"): "source", stance.get("target"): "target"}
    spans = [
        [entity["start"] - claim["start"], entity["end"] - claim["start"], roles[entity.get("actor")], entity.get("actor")]
        for entity in entities
        if entity.get("actor") and entity.get("actor") in roles
    ]
    spans += [[start, end, "cue", None] for start, end in cue_spans(claim["text"], stance.get("cue") or [])]
    return without_overlaps(spans, len(claim["text"]))


def cue_spans(text: str, cues: list[str]) -> Iterable[tuple[int, int]]:
    """Each cue's first occurrence as a word or a word's start ("accuse" in "accused")."""
    for cue in cues:
        match = re.search(rf"\b{re.escape(cue)}\w*", text, re.IGNORECASE)
        if match:
            yield match.start(), match.end()


def without_overlaps(spans: list[list[Any]], length: int) -> list[list[Any]]:
    kept: list[list[Any]] = []
    for span in sorted((span for span in spans if 0 <= span[0] < span[1] <= length), key=lambda span: (span[0], -span[1])):
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def article_context(sentences: list[dict[str, Any]], doc_index: dict[str, int]) -> dict[str, list[list[Any]]]:
    """Each article's sentences as [start, end, text], in order, for the article view."""
    context: dict[str, list[list[Any]]] = defaultdict(list)
    for sentence in sorted(sentences, key=lambda s: (doc_index[s["doc"]], s["start"])):
        context[str(doc_index[sentence["doc"]])].append([sentence["start"], sentence["end"], sentence["text"]])
    return dict(context)
