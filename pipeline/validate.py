"""`pipeline validate`: every problem in the corpus, the actor dictionary and
the annotations, one line each, without loading a model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.io import (
    InputError,
    UnreadableArticle,
    check_duplicates,
    check_offsets,
    list_articles,
    read_annotations,
    read_jsonl,
    read_meta,
    read_text,
)
from pipeline.records import Annotation


@dataclass
class Validation:
    articles: int = 0
    annotations: int = 0
    actors: int = 0
    problems: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # worth a look, not errors


def validate(corpus_dir: Path, actors_path: Path, annotations_dir: Path) -> Validation:
    result = Validation()
    texts = read_articles(corpus_dir, result)
    codes = read_actor_codes(actors_path, result)
    if not annotations_dir.is_dir():
        result.problems.append(InputError(f"{annotations_dir}: no such folder of annotations"))
    if codes is not None:
        result.warnings.extend(risky_aliases(actors_path))
    annotations = check_duplicates(read_annotations(annotations_dir, result.problems), result.problems)
    result.annotations = len(annotations)
    for annotation in annotations:
        check_annotation(annotation, texts, codes, corpus_dir, result.problems)
    return result


def read_articles(corpus_dir: Path, result: Validation) -> dict[str, str | None]:
    """Each article's text by doc id; None for one that cannot be read."""
    texts: dict[str, str | None] = {}
    try:
        paths = list_articles(corpus_dir)
    except InputError as problem:
        result.problems.append(problem)
        return texts
    for path in paths:
        try:
            texts[path.stem] = read_text(path)[0]
            read_meta(path)
            result.articles += 1
        except UnreadableArticle as problem:
            texts.setdefault(path.stem, None)
            result.problems.append(problem)
    return texts


def read_actor_codes(actors_path: Path, result: Validation) -> set[str] | None:
    """The dictionary's actor codes, or None when it cannot be read."""
    from pipeline.stages.dictionary import load_actors

    try:
        codes = load_actors(actors_path).codes
    except (InputError, OSError) as problem:
        result.problems.append(problem if isinstance(problem, InputError) else InputError(f"{actors_path}: {problem.strerror}"))
        return None
    result.actors = len(codes)
    return codes


# Names many people share (in the regions the corpus covers and beyond): one
# of them alone as an official's alias links strangers to that actor.
COMMON_NAMES = frozenset(
    "Abbas Abdullah Ahmad Ahmadi Ahmed Akbari Ali Aziz Chen Hassan Hosseini Hussain Hussein Ibrahim Johnson Karim Karimi "
    "Khan Kim Kumar Lee Li Liu Malik Mansour Mansur Mohammad Mohammadi Mohammed Muhammad Nguyen Omar Park Qureshi Rahman "
    "Rashid Rezaei Saeed Said Saleh Salih Shah Sharif Singh Smith Wang Yusuf Zhang".split()
)


def risky_aliases(actors_path: Path) -> list[str]:
    """One-word aliases of people that may link the wrong person: a common
    name, a common English word, or a word of another actor's alias."""
    from spacy.lang.en.stop_words import STOP_WORDS

    records = [(number, record) for number, record in read_jsonl(actors_path)]
    words_of: dict[str, set[str]] = {}
    for _number, record in records:
        for alias in all_aliases(record):
            for word in alias.replace("-", " ").split() if len(alias.split()) > 1 else []:
                words_of.setdefault(word, set()).add(record["code"])
    found = []
    for number, record in records:
        for alias in record.get("officials", []):
            if len(alias.split()) != 1:
                continue
            others = sorted(words_of.get(alias, set()) - {record["code"]})
            why = (
                "a common name" if alias in COMMON_NAMES
                else "a common English word" if alias.lower() in STOP_WORDS
                else f"also a name in {', '.join(others)}" if others
                else None
            )
            if why:
                found.append(
                    f"{actors_path}:{number}: alias {alias!r} of {record['code']} is one word and {why}: "
                    f"anyone called {alias} is coded {record['code']}; prefer the full name"
                )
    return found


def all_aliases(record: dict) -> list[str]:
    return [alias for field in ("names", "officials") for alias in record.get(field, []) if isinstance(alias, str)]


def check_annotation(
    annotation: Annotation, texts: dict[str, str | None], codes: set[str] | None, corpus_dir: Path, problems: list[InputError]
) -> None:
    if annotation.doc not in texts:
        problems.append(InputError(f"{annotation.source}: article {annotation.doc!r} not found in {corpus_dir}"))
        return
    raw = texts[annotation.doc]
    if raw is None:
        problems.append(InputError(f"{annotation.source}: article {annotation.doc!r} cannot be read (see above)"))
        return
    try:
        check_offsets(annotation, raw)
    except InputError as problem:
        problems.append(problem)
    unknown = sorted(set(annotation.actors) - codes) if codes is not None else []
    if unknown:
        problems.append(InputError(f"{annotation.source}: unknown actor code(s) {', '.join(unknown)}"))
