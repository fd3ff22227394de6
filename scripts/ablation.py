"""`make evaluate ABLATION=1`: the feature-set table, leave-one-article-out
(and on the external sets with `--external`), written to `--output`
(docs/ablation.md) with the date and the machine.

Each variant is a `ModelSpec`; the chosen model is the last row. Variants that
lost stay here, not in the product's config.
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

from pipeline.config import ACTORS_PATH, ANNOTATIONS_DIR, CLAIM_PARTS, EXTERNAL_LABEL_WEIGHT, LABEL_PARTS, RAW_DIR
from pipeline.io import atomic_writer, read_annotations
from pipeline.model.classifier import ModelSpec
from pipeline.model.encoder import embedding_cache
from pipeline.progress import prefixed, progress_steps
from pipeline.stages.nlp import load_nlp
from pipeline.training.evaluate import full_report
from pipeline.training.summary import describe_machine
from pipeline.training.train import build_examples

# Every row but the last reads whole sentences only (no decisive clause).
WHOLE = {"decisive_clause_share": 0.0}
# The corpus's claims only, the label taking the calibrated sigmoid's offset:
# the model before the UN training sentences were added.
CORPUS_ONLY = {"external_weight": 0.0, "label_centred": False, **WHOLE}
ABLATIONS = {
    "words only": {"claim_parts": ("words",), "label_parts": ("words",), **CORPUS_ONLY},
    "words + stance/actor signals": {"claim_parts": ("signals", "words"), "label_parts": ("signals", "words"), **CORPUS_ONLY},
    "embedding only": {"claim_parts": ("vector",), "label_parts": ("vector",), **CORPUS_ONLY},
    "embedding + signals": {"claim_parts": ("signals", "vector"), "label_parts": ("signals", "vector"), **CORPUS_ONLY},
    "embedding + main-clause embedding": {"claim_parts": ("signals", "words", "vector"), "label_parts": ("vector", "clause_vector"), **CORPUS_ONLY},
    "claim: words + signals + embedding; label: embedding": {"claim_parts": ("signals", "words", "vector"), "label_parts": ("vector",), **CORPUS_ONLY},
    "+ prototype similarities for the label": {"claim_parts": ("signals", "words", "vector"), "label_parts": LABEL_PARTS, **CORPUS_ONLY},
    "+ decisive-clause prototype similarities for the label": {"claim_parts": CLAIM_PARTS, "label_parts": (*LABEL_PARTS, "clause_prototypes"), **CORPUS_ONLY},
    "embedding + prototype similarities for both": {"claim_parts": CLAIM_PARTS, "label_parts": LABEL_PARTS, **CORPUS_ONLY},
    "+ label from the class-balanced decision (centred calibration)": {"claim_parts": CLAIM_PARTS, "label_parts": LABEL_PARTS, "external_weight": 0.0, **WHOLE},
    f"+ the UN set's training part for the label (weight {EXTERNAL_LABEL_WEIGHT})": {"claim_parts": CLAIM_PARTS, "label_parts": LABEL_PARTS, **WHOLE},
    "chosen: + a contrasted, concessive or reported sentence's decisive clause at half the label's decision": {"claim_parts": CLAIM_PARTS, "label_parts": LABEL_PARTS},
}
COLUMNS = ("claim_f1", "label_macro_f1", "end_to_end_macro_f1", "label_ece", "plover_label_macro_f1", "un_quadclass_label_macro_f1")


def ablation_table(external: Path | None) -> list[str]:
    nlp = load_nlp(actors_path=ACTORS_PATH)
    lines = ["| variant | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    with progress_steps() as report, embedding_cache():
        examples = build_examples(read_annotations(ANNOTATIONS_DIR), RAW_DIR, nlp=nlp, report=report)
        for name, spec in ABLATIONS.items():
            scores = full_report(examples, nlp=nlp, spec=ModelSpec(**spec), external_dir=external, report=prefixed(report, name)).scores
            lines.append(f"| {name} | " + " | ".join(str(scores.get(column, "-")) for column in COLUMNS) + " |")
            print(lines[-1], flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description="Leave-one-article-out scores of each feature set.")
    parser.add_argument("--external", type=Path, help="Folder of the public labelled sets (PLOVER, UN).")
    parser.add_argument("--output", type=Path, help="Markdown file to write the table to.")
    options = parser.parse_args()
    external = options.external if options.external and options.external.is_dir() else None
    table = ablation_table(external)
    if options.output:
        header = [
            "# Ablation: which features earn their place",
            "",
            f"Written by `make evaluate ABLATION=1` on {datetime.date.today().isoformat()}, on {describe_machine()}.",
            "Leave-one-article-out over the corpus's annotations"
            + ("; PLOVER and UN columns from a model trained on every annotation." if external else "; no external sets given (\"-\")."),
            "",
        ]
        with atomic_writer(options.output) as handle:
            handle.write("\n".join(header + table) + "\n")


if __name__ == "__main__":
    main()
