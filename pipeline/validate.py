"""`pipeline validate`: every problem in the corpus, the actor dictionary and
the annotations, one line each, without loading a model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.io import InputError, UnreadableArticle, check_duplicates, check_offsets, list_articles, read_annotations, read_meta, read_text
from pipeline.records import Annotation


@dataclass
class Validation:
    articles: int = 0
    annotations: int = 0
    actors: int = 0
    problems: list[InputError] = field(default_factory=list)


def validate(corpus_dir: Path, actors_path: Path, annotations_dir: Path) -> Validation:
    result = Validation()
    texts = read_articles(corpus_dir, result)
    codes = read_actor_codes(actors_path, result)
    if not annotations_dir.is_dir():
        result.problems.append(InputError(f"{annotations_dir}: no such folder of annotations"))
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
    from pipeline.stages.actors import load_actors

    try:
        codes = set(load_actors(actors_path).values())
    except (InputError, OSError) as problem:
        result.problems.append(problem if isinstance(problem, InputError) else InputError(f"{actors_path}: {problem.strerror}"))
        return None
    result.actors = len(codes)
    return codes


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
