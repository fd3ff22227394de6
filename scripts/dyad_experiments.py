"""Issue 13's dyad figures in half a minute, for trying a change to the
sides' rules or the dyad model: model pair / directed on the seed (leave one
article out), the written articles (leave one article out) and the held-out
articles (the model fitted on the rest), as `make evaluate` computes them.

    .venv/bin/python scripts/dyad_experiments.py [--cases FILE]

The tagged sentences are cached in `.cache/dyad-sentences.pkl`, keyed by the
code and data they came from, so a change to the model alone reruns in
seconds. `--cases` writes each scored claim (gold, chosen pair, text) as
JSON lines: two runs' files, diffed, show which claims a change moved.
Figures and what was kept: docs/dyad.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from pathlib import Path

from pipeline.config import ANNOTATIONS_DIR, CORPUS_DIR, HELDOUT_ARTICLES_DIR, HELDOUT_GOLD, PROJECT_ROOT, RAW_DIR
from pipeline.io import read_annotations
from pipeline.model.dyad import rechoose
from pipeline.stages.nlp import load_nlp
from pipeline.training.dyad_eval import case_of, tagged_gold, written_dyads
from pipeline.training.dyad_scores import DyadCase, dyad_scores
from pipeline.training.train import WrittenDyad, build_examples, fit_dyad

CACHE = PROJECT_ROOT / ".cache" / "dyad-sentences.pkl"


def source_digest() -> str:
    """A digest of the code and the corpus the tagged sentences depend on."""
    digest = hashlib.sha256()
    code = [*(PROJECT_ROOT / "pipeline" / "stages").glob("*.py"), PROJECT_ROOT / "pipeline" / "records.py"]
    for path in sorted([*code, *CORPUS_DIR.rglob("*.jsonl"), *CORPUS_DIR.rglob("*.txt")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def tagged_pools() -> tuple[list, list[WrittenDyad], list[WrittenDyad]]:
    """The seed's claim examples, the written articles' claims and the held-out articles' claims, tagged."""
    key = source_digest()
    if CACHE.exists():
        cached_key, pools = pickle.loads(CACHE.read_bytes())
        if cached_key == key:
            return pools
    nlp = load_nlp()
    examples = [e for e in build_examples(read_annotations(ANNOTATIONS_DIR), RAW_DIR, nlp=nlp, parts=()) if e.annotation.claim]
    _tagged, found = tagged_gold(HELDOUT_ARTICLES_DIR, HELDOUT_GOLD, nlp=nlp)
    held = [WrittenDyad(g["doc"], tuple(g["actors"]), s) for g, s in found if s is not None and len(g["actors"]) >= 2]
    pools = (examples, written_dyads(nlp=nlp), held)
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_bytes(pickle.dumps((key, pools)))
    return pools


def scored_cases(examples: list, written: list[WrittenDyad], held: list[WrittenDyad]) -> dict[str, list[tuple[str, DyadCase]]]:
    cases: dict[str, list[tuple[str, DyadCase]]] = {"seed": [], "articles": [], "heldout": []}
    for doc in sorted({e.annotation.doc for e in examples}):
        model = fit_dyad([e for e in examples if e.annotation.doc != doc], written)
        cases["seed"] += [(e.sentence.text, case_of(e.annotation.actors, rechoose(e.sentence, model))) for e in examples if e.annotation.doc == doc]
    for doc in sorted({item.doc for item in written}):
        model = fit_dyad(examples, [item for item in written if item.doc != doc])
        cases["articles"] += [(item.sentence.text, case_of(item.actors, rechoose(item.sentence, model))) for item in written if item.doc == doc]
    model = fit_dyad(examples, written)
    cases["heldout"] = [(item.sentence.text, case_of(item.actors, rechoose(item.sentence, model))) for item in held]
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, help="write each scored claim here, as JSON lines")
    args = parser.parse_args()
    cases = scored_cases(*tagged_pools())
    for name, scored in cases.items():
        figures = dyad_scores(case for _text, case in scored)
        print(f"{name:10s} pair {figures['dyad_pair']:.4f}  directed {figures['dyad_directed']:.4f}  ({figures['dyad_cases']} claims)")
    if args.cases:
        with args.cases.open("w", encoding="utf-8") as out:
            for name, scored in cases.items():
                for text, case in scored:
                    out.write(json.dumps({"set": name, "gold": case.gold[:2], "chosen": [case.source, case.target], "text": text}) + "\n")


if __name__ == "__main__":
    main()
