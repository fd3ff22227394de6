"""Issue 16's event-type experiments: every variant's nested cross-validated
PLOVER figures in one process (sentences parsed and embedded once).

    .venv/bin/python scripts/event_experiments.py --external ../shared/external [--round2|--round3] [--only 0,2]

Figures and what was kept: docs/experiments.md. The product's predicate terms
are `stages/predicate.py` (the P terms here, with a slightly different list of
reporting verbs than `stages/dyad.REPORTING_VERBS`).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score

from pipeline.config import ACTORS_PATH
from pipeline.events.plover import EVENT_TYPES
from pipeline.model.encoder import embedding_cache
from pipeline.stages.nlp import load_nlp
from pipeline.stages.stance import decisive_predicate
from pipeline.training import event_types as et

REPORTING = {"say", "tell", "announce", "report", "state", "add", "declare", "confirm", "note", "write"}


def predicate_tokens(doc) -> list[str]:
    span = doc[:]
    predicate = decisive_predicate(span)
    if predicate.lemma_.lower() in REPORTING:
        for child in predicate.children:
            if child.dep_ in {"ccomp", "xcomp"}:
                predicate = child
                break
    lemma = predicate.lemma_.lower()
    tokens = [f"P:{lemma}"]
    for child in predicate.children:
        if child.dep_ == "prt":
            tokens.append(f"P:{lemma}_{child.lower_}")
        if child.dep_ == "prep":
            tokens.append(f"P:{lemma}_{child.lower_}")
        if child.dep_ == "xcomp":
            tokens.append(f"X:{child.lemma_.lower()}")
        if child.dep_ in {"dobj", "attr"}:
            tokens.append(f"O:{child.lemma_.lower()}")
    return tokens


def lemma_text(doc) -> str:
    return " ".join(t.lemma_.lower() for t in doc if not t.is_punct and not t.is_space)


class Variant:
    """Lexical blocks beside the embedding and mode: TF-IDF of the text (or
    its lemmas) and the predicate terms whose prefixes are in `parts`
    (P lemma and lemma_particle, X the xcomp's lemma, O the object's), each at its scale."""

    def __init__(self, name, *, tfidf=0.0, pred=0.0, lemmas=False, ngram=(1, 2), settings=None, min_df=2, parts="PXO", seed=0, balanced=True):
        self.name, self.tfidf, self.pred, self.lemmas, self.ngram, self.settings, self.min_df = name, tfidf, pred, lemmas, ngram, settings, min_df
        self.parts = parts
        self.seed = seed
        self.balanced = balanced


def run(args) -> None:
    nlp = load_nlp(actors_path=ACTORS_PATH)
    with embedding_cache():
        t = time.time()
        written_examples = et.written_typed()
        written = et.PloverTypes.tagged(written_examples, nlp=nlp, source=et.WRITTEN_SOURCE)
        plover = et.PloverTypes.read(args.external, nlp=nlp, written=written)
        plover_texts = [text for text, _ in et.plover_typed(args.external)]
        written_texts = [text for text, _ in written_examples]
        docs = list(nlp.pipe(plover_texts + written_texts))
        print(f"parsed and embedded in {time.time() - t:.0f} s", flush=True)
    texts = plover_texts + written_texts
    lemma_texts = [lemma_text(d) for d in docs]
    all_preds = [predicate_tokens(d) for d in docs]
    n = len(plover_texts)
    base = np.vstack([plover.features, written.features])
    events = np.concatenate([plover.events, written.events])
    protos = np.vstack([plover.prototypes, written.prototypes])
    written_rows = np.arange(n, len(texts))

    variants = ROUND3 if args.round3 else ROUND2 if args.round2 else ROUND1
    wanted = set(args.only.split(",")) if args.only else None
    for index, variant in enumerate(variants):
        if wanted and str(index) not in wanted:
            continue
        preds = [" ".join(tok for tok in toks if tok[0] in variant.parts) for toks in all_preds]
        et.SEED = variant.seed
        t = time.time()
        scores = nested(variant, base, events, protos, plover.groups, n, written_rows, lemma_texts if variant.lemmas else texts, preds, plover)
        print(f"| {variant.name} | {scores[0]:.4f} | {scores[1]:.4f} | {scores[2]} | {time.time() - t:.0f} s |", flush=True)


ROUND1 = [
    Variant("baseline (embedding + mode)"),
    Variant("+ tfidf words 1-2 x1", tfidf=1.0),
    Variant("+ tfidf lemmas 1-2 x1", tfidf=1.0, lemmas=True),
    Variant("+ predicate x0.5", pred=0.5),
    Variant("+ predicate x1", pred=1.0),
    Variant("+ tfidf lemmas x1 + predicate x0.5", tfidf=1.0, lemmas=True, pred=0.5),
    Variant("+ tfidf lemmas x2", tfidf=2.0, lemmas=True),
    Variant("+ tfidf lemmas x0.5", tfidf=0.5, lemmas=True),
]
ROUND2 = [
    *(Variant(f"+ predicate x{w} seed {seed}", pred=w, seed=seed) for seed in (0, 1, 2) for w in (0.3, 0.5, 0.7)),
    *(Variant(f"+ predicate (lemma, particle, preposition only) x0.5 seed {seed}", pred=0.5, parts="P", seed=seed) for seed in (0, 1, 2)),
    *(Variant(f"baseline seed {seed}", seed=seed) for seed in (1, 2)),
]
ROUND3 = [
    Variant("P x0.5 + tfidf words x0.5", pred=0.5, parts="P", tfidf=0.5),
    Variant("P x0.5, no class weights", pred=0.5, parts="P", balanced=False),
    Variant("P x0.5, settings + (100, 0.3), (30, 0.0), (30, 0.15)", pred=0.5, parts="P", settings=((3.0, 0.3), (10.0, 0.3), (30.0, 0.3), (10.0, 0.0), (10.0, 0.5), (100.0, 0.3), (30.0, 0.0), (30.0, 0.15))),
    Variant("P+O x0.5", pred=0.5, parts="PO"),
    Variant("P+X x0.5", pred=0.5, parts="PX"),
]


def lexical(variant, train_rows, texts, preds):
    """A function from rows to the lexical block, fitted on train_rows."""
    blocks = []
    if variant.tfidf:
        vec = TfidfVectorizer(ngram_range=variant.ngram, min_df=variant.min_df, sublinear_tf=True, token_pattern=r"(?u)\b\w[\w'-]*\b")
        vec.fit([texts[i] for i in train_rows])
        blocks.append((vec, texts, variant.tfidf))
    if variant.pred:
        vec = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, use_idf=False, norm=None, binary=True, min_df=1)
        vec.fit([preds[i] for i in train_rows])
        blocks.append((vec, preds, variant.pred))

    def make(rows):
        return [vec.transform([source[i] for i in rows]).toarray() * scale for vec, source, scale in blocks]

    return make, sum(len(vec.vocabulary_) for vec, _, _ in blocks)


def fit_predict(variant, setting, train, test, base, events, protos, texts, preds):
    make, width = lexical(variant, train, texts, preds)
    X_train = np.hstack([base[train], *make(train)])
    X_test = np.hstack([base[test], *make(test)])
    C, weight = setting
    model = et.fit_softmax(X_train, list(events[train]), C=C) if variant.balanced else unbalanced(X_train, list(events[train]), C)
    out = []
    for row, p in zip(X_test, protos[test]):
        trained = model.probabilities(row)
        mixed = {e: weight * p[k] + (1 - weight) * trained.get(e, 0.0) for k, e in enumerate(EVENT_TYPES)}
        out.append(et.most_likely(mixed))
    return out, width


def unbalanced(X, y, C):
    from sklearn.linear_model import LogisticRegression

    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        regression = LogisticRegression(C=C, max_iter=5000, random_state=0).fit(X, y)
    return et.LinearSoftmax(tuple(str(c) for c in regression.classes_), regression.coef_, regression.intercept_)


def nested(variant, base, events, protos, groups, n, written_rows, texts, preds, plover):
    settings = variant.settings or et.EVENT_TYPE_SETTINGS
    all_rows = np.arange(n)
    predicted = np.empty(n, dtype=object)
    widths = []
    for train, test in plover.folds(all_rows, et.CV_FOLDS):
        best, best_f1 = None, -1.0
        for setting in settings:
            gold, guess = [], []
            for inner_train, inner_test in plover.folds(train, et.INNER_FOLDS):
                got, _ = fit_predict(variant, setting, np.concatenate([inner_train, written_rows]), inner_test, base, events, protos, texts, preds)
                guess += got
                gold += list(events[inner_test])
            f1 = f1_score(gold, guess, average="macro")
            if f1 > best_f1:
                best, best_f1 = setting, f1
        got, width = fit_predict(variant, best, np.concatenate([train, written_rows]), test, base, events, protos, texts, preds)
        predicted[test] = got
        widths.append((best, width))
    gold = events[:n]
    return f1_score(gold, list(predicted), average="macro"), accuracy_score(gold, list(predicted)), widths


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--external", type=Path, required=True)
    parser.add_argument("--only", default="")
    parser.add_argument("--round2", action="store_true")
    parser.add_argument("--round3", action="store_true")
    run(parser.parse_args())
