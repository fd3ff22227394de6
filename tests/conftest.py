"""Shared fixtures: the spaCy pipeline, a small trained model, tiny corpora.

The expensive objects (spaCy, the sentence encoder, the trained model) are
session-scoped so the suite loads each once. A test that uses a fixture of
`SLOW_FIXTURES`, directly or through another fixture, is marked slow here,
once: `make test-fast` leaves those out, `make test` runs everything. Nothing here reads `models/` or
`out/` in the repository: the model is trained into a temp folder from the
real gold annotations of three articles.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# `pipeline run` defaults to one worker process per core; the tests run in one
# process unless they ask for more (tests/test_run.py compares the two).
os.environ.setdefault("PIPELINE_WORKERS", "1")
# `train` and `evaluate` through the CLI fill an embedding cache: the tests'
# own, so a test's encoder stand-in never lands in the project's cache.
os.environ.setdefault("PIPELINE_EMBEDDING_CACHE", str(Path(tempfile.mkdtemp(prefix="pipeline-tests-")) / "embeddings.sqlite3"))

# The fixtures that load the sentence encoder, train a model, or start the
# CLI in a child process that does both.
# `chromium` starts a headless browser (and may install it first).
SLOW_FIXTURES = frozenset({"sentence_encoder", "train_examples", "trained_model", "child_interpreter", "chromium"})

REPO = Path(__file__).resolve().parents[1]
RAW_DIR = REPO / "corpus" / "raw"
ANNOTATIONS_DIR = REPO / "corpus" / "annotations"
ACTORS_PATH = REPO / "corpus" / "actors.jsonl"
# The public labelled sets, when they sit beside the clone (CI has them); the
# tests that need them skip without.
EXTERNAL_DIR = Path(os.environ.get("PIPELINE_EXTERNAL", REPO.parent / "shared" / "external"))

# The three shortest annotated articles (132 units): enough for GroupKFold
# calibration by article, small enough to train in seconds.
TRAIN_DOCS = ("000_7de830a5dc0e2335", "001_278ee63bc767467f", "003_84e543c638c1c385")
# Two real articles copied into the end-to-end corpus.
E2E_DOCS = ("000_7de830a5dc0e2335", "003_84e543c638c1c385")

# A small article in the shape of the scraped ones: heading, byline and page
# furniture, a two-sentence paragraph, a bullet list, non-ASCII punctuation.
# Written to disk with CRLF line ends, so offsets must count the "\r"s.
INLINE_ARTICLE = """Iran and the Taliban Sign a Water Deal

By John Smith

Views: 1,204

Iran and the Taliban signed an agreement on the Helmand river in Kabul on Monday. The two sides agreed to share water data every month.

Tehran’s envoy Hassan Kazemi Qomi praised the Taliban for the deal, calling it a “new chapter”.

The Taliban accused Iranian border guards of killing Afghan migrants near Islam Qala.

• Iran will supply fuel to the Taliban at a reduced price.
• The Taliban will open a consulate in Mashhad.

Exit mobile version
"""

# Short good articles, named to sort before a bad one, so that more than one
# spaCy batch (4 docs) is processed and written before the bad file is read.
SMALL_ARTICLES = {
    "a1": "Iran Welcomes Taliban Envoy\n\nIran welcomed a Taliban delegation in Tehran on Sunday.\n",
    "a2": "Border Clash\n\nIranian and Taliban border forces clashed near Islam Qala.\n",
    "a3": "Trade Talks\n\nThe Taliban and Iran discussed rail links and fuel exports.\n",
    "a4": "Water Dispute\n\nTehran accused Kabul of withholding water from the Helmand river.\n",
    "a5": "Aid\n\nIran sent food aid to Afghanistan after the earthquake.\n",
}

# A saved web page: menus, a cookie notice, comments and a footer around the
# article, which is about several pairs of actors. Non-ASCII in the text.
SAVED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Turkey and Azerbaijan Sign Gas Deal | World News</title>
<meta property="og:title" content="Turkey and Azerbaijan Sign Gas Deal">
<meta property="og:url" content="https://news.example.org/world/turkey-azerbaijan-gas">
<meta property="article:published_time" content="2024-05-06T09:30:00Z">
<script>window.tracking = {};</script><style>nav { color: red; }</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies. <button>Accept</button></div>
<article>
<h1>Turkey and Azerbaijan Sign Gas Deal</h1>
<p class="byline">By Ayşe Demir, 6 May 2024</p>
<p>Turkey and Azerbaijan signed a gas agreement in Baku on Monday, officials said, after two days of talks.</p>
<p>Armenia criticised the deal and accused Ankara of ignoring its concerns about the border.</p>
<p>Russia warned the European Union against new sanctions on Moscow’s energy exports, calling them “economic war”.</p>
<p>Meanwhile, China and Pakistan agreed to expand the economic corridor, and Egypt praised Qatar for its mediation.</p>
</article>
<section class="comments"><p>Great article!! Visit my site for cheap watches.</p></section>
<footer>Copyright 2024 Example News. All rights reserved.</footer>
</body></html>
"""
# A page with nothing an extractor takes for an article.
EMPTY_PAGE = "<!DOCTYPE html><html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>\n"


@dataclass(frozen=True)
class TrainedModel:
    models_dir: Path
    model: Any  # pipeline.model.ClaimModel
    card: dict[str, Any]
    examples: list[Any]  # pipeline.train.Example


def write_crlf(path: Path, text: str) -> None:
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))


def read_raw(path: Path) -> str:
    """The article as the pipeline reads it: bytes decoded as UTF-8, no newline translation."""
    return path.read_bytes().decode("utf-8")


# A line of `pipeline.progress.StepLines`: what the run is doing, then its seconds.
PROGRESS_LINE = re.compile(r"(?!error:|warning:)[a-z][^:]*(: .*)?( \d+/\d+)?( \.\.\.)? \[\d+ s\]")


def assert_one_line_error(result, *names: str) -> None:
    """Progress lines ("articles: 1 to parse, 2 cached 3/3 [0 s]", or a
    heartbeat on a slow machine) may come first: the error is the one other
    line, and the last."""
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip() and not PROGRESS_LINE.fullmatch(line)]
    assert len(lines) == 1, result.stderr
    assert result.stderr.rstrip("\n").splitlines()[-1] == lines[0], result.stderr
    assert lines[0].startswith("error: "), lines[0]
    for name in names:
        assert name in lines[0], lines[0]
    assert "Traceback" not in result.output


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def sentence_encoder():
    """The sentence encoder, loaded."""
    from pipeline.model.encoder import load_encoder

    return load_encoder()


@pytest.fixture(scope="session")
def child_interpreter() -> str:
    """The Python that runs the CLI in a child process, loading every model itself."""
    return sys.executable


@pytest.fixture(scope="session")
def nlp():
    from pipeline.stages.nlp import load_nlp

    return load_nlp(actors_path=ACTORS_PATH)


@pytest.fixture(scope="session")
def train_annotations():
    from pipeline.io import read_annotations

    return [a for a in read_annotations(ANNOTATIONS_DIR) if a.doc in TRAIN_DOCS]


@pytest.fixture(scope="session")
def train_examples(nlp, sentence_encoder, train_annotations):
    from pipeline.config import CLAIM_PARTS, LABEL_PARTS
    from pipeline.training.train import build_examples

    return build_examples(train_annotations, RAW_DIR, nlp=nlp, parts={*CLAIM_PARTS, *LABEL_PARTS})


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory, train_examples) -> TrainedModel:
    """A claim model fitted on three real annotated articles, saved to a temp folder."""
    from pipeline.model.store import save_model
    from pipeline.training.train import fit_model, model_card

    models_dir = tmp_path_factory.mktemp("models")
    model = fit_model(train_examples)
    card = save_model(model, model_card([e.annotation for e in train_examples], {}), models_dir)
    return TrainedModel(models_dir=models_dir, model=model, card=card, examples=train_examples)


@pytest.fixture
def models_copy(tmp_path, trained_model) -> Path:
    """A private copy of the trained model folder, safe to tamper with."""
    target = tmp_path / "models"
    shutil.copytree(trained_model.models_dir, target)
    return target


@pytest.fixture
def write_article(tmp_path):
    """Write an article (text or bytes) into tmp_path/corpus and return its path."""

    def write(name: str, content: str | bytes, *, meta: str | None = None) -> Path:
        corpus = tmp_path / "corpus"
        corpus.mkdir(exist_ok=True)
        path = corpus / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        if meta is not None:
            path.with_suffix(".meta.json").write_text(meta, encoding="utf-8")
        return path

    return write


# Actors for synthetic runs: (code, name), many pairs among them.
SYNTHETIC_ACTORS = (
    ("USA", "Washington"), ("CHN", "Beijing"), ("RUS", "Moscow"), ("IRN", "Tehran"), ("TAL", "the Taliban"),
    ("PAK", "Islamabad"), ("IND", "New Delhi"), ("TUR", "Ankara"), ("EU", "the European Union"), ("UN", "the United Nations"),
    ("SAU", "Riyadh"), ("QAT", "Doha"), ("UZB", "Tashkent"), ("TJK", "Dushanbe"), ("ISR", "Israel"), ("EGY", "Cairo"),
)
SYNTHETIC_CUES = {"cooperation": ("praised", "signed a deal with", "sent aid to", "met"), "tension": ("accused", "warned", "sanctioned", "condemned")}


def synthetic_run(out_dir: Path, claims: int, *, articles: int = 20, dated: bool = True) -> list[dict[str, Any]]:
    """Write articles, sentences and claims JSONL as a run would, with
    `claims` claims about many pairs of actors, spread over `articles`
    articles and months; return the claim records."""
    import json
    import random

    rng = random.Random(claims)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = {"articles": [], "sentences": [], "claims": []}
    per_article = -(-claims // articles)
    for a in range(articles):
        doc = f"{a:03d}_synthetic"
        meta = {"title": f"Synthetic article {a}"}
        if dated:
            meta["date"] = f"{2023 + a % 3}-{1 + a % 12:02d}-{1 + a % 28:02d}"
        offset, count = 0, min(per_article, claims - a * per_article)
        for _ in range(max(0, count)):
            (src, src_name), (tgt, tgt_name) = rng.sample(SYNTHETIC_ACTORS, 2)
            label = rng.choice(("cooperation", "tension"))
            cue = rng.choice(SYNTHETIC_CUES[label])
            text = f"{src_name[0].upper()}{src_name[1:]} {cue} {tgt_name} on Monday."
            tgt_at = len(src_name) + len(cue) + 2
            entities = [
                {"start": offset, "end": offset + len(src_name), "text": src_name, "label": "GPE", "actor": src},
                {"start": offset + tgt_at, "end": offset + tgt_at + len(tgt_name), "text": tgt_name, "label": "GPE", "actor": tgt},
            ]
            stance = {"source": src, "target": tgt, "polarity": "positive" if label == "cooperation" else "negative", "cue": [cue.split()[0]], "negated": False}
            span = {"doc": doc, "start": offset, "end": offset + len(text), "text": text}
            records["sentences"].append({**span, "kind": "body", "main_clause": text, "entities": entities, "actors": [src, tgt], "stance": stance})
            records["claims"].append({**span, "label": label, "confidence": round(rng.uniform(0.5, 1.0), 4), "claim_confidence": 0.9,
                                      "actors": [src, tgt], "stance": stance, "evidence": [f"cue:{cue.split()[0]}"], "model": "m-synthetic"})
            offset += len(text) + 2
        records["articles"].append({"doc": doc, "path": f"corpus/raw/{doc}.txt", "sha256": "0" * 64, "chars": offset, "title": meta["title"], "meta": meta, "blocks": []})
    for name, rows in records.items():
        (out_dir / f"{name}.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return records["claims"]


@pytest.fixture(scope="session")
def chromium() -> str:
    """A headless Chromium's path (.ci/run installs Debian's `chromium` when
    missing); without one the test is skipped saying why."""
    from pipeline.report.browser import find_chromium

    found = find_chromium()
    if found is None:
        pytest.skip("Chromium not found: apt-get install chromium (as .ci/run does), or set PIPELINE_CHROMIUM to a Chromium binary")
    return found

def event_claim(doc, start, text, source, target, event, date, *, quad=None, mode="asserted", expression="x"):
    """A claim record (as in claims.jsonl) with its event fields, for the event tests."""
    quads = {"AGREE": "verbal_cooperation", "CONSULT": "verbal_cooperation", "FIGHT": "material_conflict",
             "ASSAULT": "material_conflict", "AID": "material_cooperation", "DISAPPROVE": "verbal_conflict"}
    granularity = "month" if len(date) == 7 else "day"
    return {
        "doc": doc, "start": start, "end": start + len(text), "text": text, "label": "cooperation",
        "confidence": 0.9, "actors": [source, target],
        "stance": {"source": source, "target": target, "polarity": "neutral", "cue": [], "negated": False},
        "event": event, "event_confidence": 0.8, "quad_code": quad or quads[event], "mode": mode,
        "date": {"date": date, "granularity": granularity, "expression": expression},
    }


@pytest.fixture
def claim():
    return event_claim


@pytest.fixture(scope="session")
def tagged(nlp):
    """One sentence through the run's tagging: `tagged("Kenya lifted the ban.").stance`."""
    from pipeline.training.external import tag_texts

    def tag_one(text: str):
        (sentence,) = tag_texts([text], nlp=nlp)
        return sentence

    return tag_one


@pytest.fixture
def overruled(tagged):
    """The prediction after the guidelines' reading of one sentence the model
    labelled `model_label` (and took for a claim, unless `is_claim=False`):
    `overruled("Kenya lifted the ban.", "tension")`."""
    from pipeline.model.classifier import Prediction
    from pipeline.model.classify import by_guidelines

    def decide(text: str, model_label: str, *, is_claim: bool = True):
        said = Prediction(is_claim=is_claim, claim_confidence=0.9 if is_claim else 0.2, label=model_label, confidence=0.8, evidence=())
        return by_guidelines(tagged(text), said)

    return decide
