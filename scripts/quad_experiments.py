"""Issue 16's quad-class experiments on the UN scored sample: the run's label
(claim model fitted as `evaluate` does), then the quad class on its side.

    .venv/bin/python scripts/quad_experiments.py --external ../shared/external
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from pipeline.config import ACTORS_PATH, ANNOTATIONS_DIR, RAW_DIR
from pipeline.events.plover import QUAD_OF, QUADS
from pipeline.io import read_annotations
from pipeline.model.classifier import ModelSpec
from pipeline.model.classify import predict
from pipeline.model.encoder import embed, embedding_cache
from pipeline.progress import progress_steps
from pipeline.stages.nlp import load_nlp
from pipeline.training import event_types as et
from pipeline.training.evaluate import external_training
from pipeline.training.external import UN_STRIDE, tagged_rows
from pipeline.training.train import build_examples, fit_model

MATERIAL = {q: q.startswith("material") for q in QUADS}


def kind(quad: str) -> str:
    return "material" if MATERIAL[quad] else "verbal"


def run(args) -> None:
    nlp = load_nlp(actors_path=ACTORS_PATH)
    with progress_steps() as report, embedding_cache():
        t = time.time()
        examples = build_examples(read_annotations(ANNOTATIONS_DIR), RAW_DIR, nlp=nlp, report=report)
        spec = ModelSpec()
        extra, _ = external_training(args.external, nlp=nlp, spec=spec, report=report)
        claim_model = fit_model(examples, spec, extra)
        labelled = et.un_quads(args.external)
        scored = labelled[::UN_STRIDE]
        training = [example for i, example in enumerate(labelled) if i % UN_STRIDE]
        sentences, rows = tagged_rows(tuple(text for text, _ in scored), nlp=nlp, parts=frozenset(claim_model.parts | {"vector"}))
        labels = [p.label for p in predict(claim_model, sentences, rows)]
        scored_vectors = np.array([row["vector"] for row in rows])
        train_vectors = np.array([row["vector"] for row in extra.rows]) if len(extra.rows) == len(training) else embed([t for t, _ in training])
        plover = et.plover_typed(args.external)
        written = et.written_typed()
        plover_vectors = embed([t for t, _ in plover])
        written_vectors = embed([t for t, _ in written])
    print(f"prepared in {time.time() - t:.0f} s", flush=True)
    gold = [q for _, q in scored]
    gold_labels = ["cooperation" if q.endswith("cooperation") else "tension" for q in gold]
    print("label accuracy on the scored sample", np.mean([a == b for a, b in zip(labels, gold_labels)]))
    train_quads = [q for _, q in training]

    def combine(label_list, material_probability):
        return [f"{'material' if m >= 0.5 else 'verbal'}_{'cooperation' if lab == 'cooperation' else 'conflict'}" for lab, m in zip(label_list, material_probability)]

    def score(predicted):
        return round(float(f1_score(gold, predicted, labels=list(QUADS), average="macro")), 4)

    # Baseline: 4-way softmax on the label's side.
    for C in (0.3, 1.0, 3.0, 10.0):
        softmax = et.fit_softmax(train_vectors, train_quads, C=C)
        predicted = []
        for vector, label in zip(scored_vectors, labels):
            p = softmax.probabilities(vector)
            side = [q for q in QUADS if (q.endswith("cooperation")) == (label == "cooperation")]
            predicted.append(max(side, key=lambda q: p.get(q, 0.0)))
        print(f"| 4-way softmax C={C} | {score(predicted)} |", flush=True)

    texts_train = [t for t, _ in training]
    texts_scored = [t for t, _ in scored]
    extra_sets = {
        "UN": (train_vectors, texts_train, [kind(q) for q in train_quads]),
        "PLOVER": (plover_vectors, [t for t, _ in plover], [kind(QUAD_OF[e]) for _, e in plover]),
        "written": (written_vectors, [t for t, _ in written], [kind(QUAD_OF[e]) for _, e in written]),
    }
    for sources in (("UN",), ("UN", "PLOVER", "written")):
        X = np.vstack([extra_sets[s][0] for s in sources])
        texts = sum((extra_sets[s][1] for s in sources), [])
        y = sum((extra_sets[s][2] for s in sources), [])
        for lexical in (0.0, 1.0):
            blocks_train, blocks_scored = [X], [scored_vectors]
            if lexical:
                vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(texts)
                blocks_train.append(vec.transform(texts).toarray() * lexical)
                blocks_scored.append(vec.transform(texts_scored).toarray() * lexical)
            Xt, Xs = np.hstack(blocks_train), np.hstack(blocks_scored)
            for C in (0.3, 1.0, 3.0, 10.0):
                for balanced in (None, "balanced"):
                    reg = LogisticRegression(C=C, max_iter=3000, class_weight=balanced).fit(Xt, y)
                    m = reg.predict_proba(Xs)[:, list(reg.classes_).index("material")]
                    print(f"| binary {'+'.join(sources)} tfidf={lexical} C={C} {balanced} | {score(combine(labels, m))} | gold label: {score(combine(gold_labels, m))} |", flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--external", type=Path, required=True)
    run(parser.parse_args())
