"""Typed records passed between stages.

Every record that points into an article carries `doc` (the file's stem) and
`start`/`end`: character offsets into the raw file decoded as UTF-8, end
exclusive, so that `raw[start:end] == text` (for a saved web page, `raw` is
its extracted text, written to `OUT/text/DOC.txt`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline.config import HTML_SUFFIXES, TEXT_FOLDER


@dataclass(frozen=True)
class Block:
    """One non-blank line of an article, classified by `ingest`."""

    start: int
    end: int
    kind: str  # body | bullet | heading | furniture


@dataclass(frozen=True)
class Article:
    doc: str
    path: str
    sha256: str
    raw: str
    blocks: tuple[Block, ...]
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "path": self.path,
            "sha256": self.sha256,
            "chars": len(self.raw),
            "title": self.meta.get("title"),
            "meta": self.meta,
            "blocks": [asdict(block) for block in self.blocks],
            **({"text_file": f"{TEXT_FOLDER}/{self.doc}.txt"} if self.from_html else {}),
        }

    @property
    def from_html(self) -> bool:
        """Read from a saved web page: offsets point into the extracted text,
        which `pipeline run` writes to `OUT/text/DOC.txt`."""
        return self.path.lower().endswith(HTML_SUFFIXES)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    label: str  # spaCy entity label, or ACTOR for a dictionary-only match
    actor: str | None


@dataclass(frozen=True)
class Stance:
    source: str | None
    target: str | None
    polarity: str  # positive | negative | neutral
    cue: tuple[str, ...]
    negated: bool = False
    # A joint act ("X and Y agreed", "the two sides met"): neither side leads.
    symmetric: bool = False
    # A guidelines' reading that decides the label, or "": a side's pledge not
    # to do a hostile act (`stages/disavowal.py`), an appeal to the parties
    # (`stages/appeals.py`), a demand of a named side (`stages/demands.py`), a
    # condition set on one (`stages/conditions.py`), a relation worse, better
    # or ended (`stages/relationstate.py`), and others;
    # `stages/stance.GUIDELINE_LABELS` gives each its label.
    guideline: str = ""


@dataclass(frozen=True)
class Candidate:
    """A possible side of a sentence's relation: an actor mention with how it
    hangs on the decisive predicate (pipeline/stages/dyad.py), or a side from
    context (role "context": the sentence before or the article's main pair)."""

    code: str
    start: int  # character offsets of the mention (of the antecedent, for context)
    end: int
    role: str  # agent | subject | patient | object | relation | prep | clause | other | place | context
    dep: str = ""  # the mention head's own dependency (poss, appos, compound, conj, pobj, ...)
    prep: str = ""  # the preposition governing it, if any
    path: tuple[str, ...] = ()  # dependencies from the mention's head up to the predicate
    order: int = 0  # the mention's rank in the sentence, from 0
    distance: int = 0  # tokens between the mention's head and the predicate
    joint: bool = False  # coordinated with another side ("X and Y agreed")
    via: str = ""  # for context: "previous", "earlier" or "article"
    main: bool = False  # one of the article's main pair (its most frequent sides)
    referred: bool = False  # for context: a side the sentence names as one of a pair ("both sides", "the two countries")

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "path": list(self.path)}

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> Candidate:
        return cls(**{**record, "path": tuple(record.get("path", ()))})


@dataclass(frozen=True)
class InheritedActor:
    """A side that comes from context ("the two sides", "the group", "it"):
    its code, the offsets of the mention it comes from (its antecedent, in the
    same article), and `via`: "previous" (the sentence before), "earlier" (one
    of the few before it, for a noun such as "the group") or "article"
    (the article's main pair)."""

    code: str
    start: int
    end: int
    via: str = "previous"

    def to_json(self, doc: str | None = None) -> dict[str, Any]:
        where = {"doc": doc} if doc is not None else {}
        return {"code": self.code, "from": {**where, "start": self.start, "end": self.end}, "via": self.via}

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> InheritedActor:
        return cls(code=record["code"], start=record["from"]["start"], end=record["from"]["end"], via=record.get("via", "previous"))


@dataclass(frozen=True)
class Sentence:
    doc: str
    start: int
    end: int
    text: str
    kind: str
    mentions: tuple[Mention, ...]
    actors: tuple[str, ...]
    stance: Stance
    main_clause: str = ""
    mode: str = "asserted"  # pipeline/stages/mode.py
    # The decisive predicate's lemma and lemma_particle terms (pipeline/stages/predicate.py).
    predicate: tuple[str, ...] = ()
    # Those of `actors` not named here but borrowed from the sentence before.
    inherited: tuple[InheritedActor, ...] = ()
    # The possible sides the stance's dyad was chosen from (a trained dyad model re-chooses among them).
    candidates: tuple[Candidate, ...] = ()

    @property
    def mentioned_actors(self) -> tuple[str, ...]:
        borrowed = {side.code for side in self.inherited}
        return tuple(code for code in self.actors if code not in borrowed)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "main_clause": self.main_clause,
            "entities": [asdict(mention) for mention in self.mentions],
            "actors": list(self.actors),
            "mentioned_actors": list(self.mentioned_actors),
            "inherited_actors": [side.to_json(self.doc) for side in self.inherited],
            "stance": stance_json(self.stance),
            "mode": self.mode,
            "predicate": list(self.predicate),
            "candidates": [candidate.to_json() for candidate in self.candidates],
        }

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> Sentence:
        """The inverse of `to_json` (for the run cache)."""
        return cls(
            doc=record["doc"],
            start=record["start"],
            end=record["end"],
            text=record["text"],
            kind=record["kind"],
            mentions=tuple(Mention(**mention) for mention in record["entities"]),
            actors=tuple(record["actors"]),
            stance=stance_from_json(record["stance"]),
            main_clause=record["main_clause"],
            mode=record["mode"],
            predicate=tuple(record.get("predicate", ())),
            inherited=tuple(InheritedActor.from_json(side) for side in record.get("inherited_actors", [])),
            candidates=tuple(Candidate.from_json(candidate) for candidate in record.get("candidates", [])),
        )


@dataclass(frozen=True)
class Claim:
    doc: str
    start: int
    end: int
    text: str
    label: str
    confidence: float
    claim_confidence: float
    actors: tuple[str, ...]
    stance: Stance
    evidence: tuple[str, ...]
    model: str
    # The event the claim reports (pipeline/events/): PLOVER type, quad class,
    # mode from the parse and the date resolved against the article's.
    event: str | None = None
    event_confidence: float = 0.0
    quad_code: str | None = None
    mode: str = "asserted"
    date: dict[str, Any] | None = None
    inherited: tuple[InheritedActor, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "confidence": round(self.confidence, 4),
            "claim_confidence": round(self.claim_confidence, 4),
            "actors": list(self.actors),
            "source": self.stance.source,
            "target": self.stance.target,
            "symmetric": self.stance.symmetric,
            "inherited_actors": [side.to_json(self.doc) for side in self.inherited],
            "stance": stance_json(self.stance),
            "evidence": list(self.evidence),
            "model": self.model,
            "event": self.event,
            "event_confidence": round(self.event_confidence, 4),
            "quad_code": self.quad_code,
            "mode": self.mode,
            "date": self.date,
        }


@dataclass(frozen=True)
class Annotation:
    """One labelled unit, in the record format of the annotation guidelines."""

    doc: str
    start: int
    end: int
    text: str
    claim: bool
    label: str | None
    mixed: bool
    actors: tuple[str, ...]
    source: str = ""  # "file:line", for error messages

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "claim": self.claim,
            "label": self.label,
            "mixed": self.mixed,
            "actors": list(self.actors),
        }


def stance_json(stance: Stance) -> dict[str, Any]:
    return {
        "source": stance.source,
        "target": stance.target,
        "polarity": stance.polarity,
        "cue": list(stance.cue),
        "negated": stance.negated,
        "symmetric": stance.symmetric,
        "guideline": stance.guideline or None,
    }


def stance_from_json(record: dict[str, Any]) -> Stance:
    return Stance(
        source=record["source"],
        target=record["target"],
        polarity=record["polarity"],
        cue=tuple(record["cue"]),
        negated=record["negated"],
        symmetric=record.get("symmetric", False),
        guideline=record.get("guideline") or "",
    )
