"""annotate + terminal: the queue order, the session, the annotation file
(appends fsynced, undo rewritten atomically), and the screen."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ACTORS_PATH, ANNOTATIONS_DIR, E2E_DOCS, RAW_DIR
from pipeline.config import ANNOTATE_FILE
from pipeline.annotate.queue import NOT_CLAIM, Candidate, Session, least_certain_first, three_way_guess
from pipeline.io import append_jsonl_durably, read_annotations, remove_last_jsonl_record
from pipeline.model.classifier import Prediction
from pipeline.records import Mention, Sentence, Stance
from pipeline.annotate.terminal import ACTOR, RESET, handle_key, highlight_actors, read_key, run_session, screen

ARTICLE = "Iran Talks\n\nIran met the Taliban in Kabul. The Taliban accused Iran of theft.\nIt rained in Herat.\n"
NEUTRAL = Stance(source=None, target=None, polarity="neutral", cue=())


def sentence(text: str, *, actors: tuple[str, ...] = (), kind: str = "body") -> Sentence:
    start = ARTICLE.index(text)
    mentions = tuple(
        Mention(start=start + text.index(name), end=start + text.index(name) + len(name), text=name, label="GPE", actor=code)
        for name, code in (("Iran", "IRN"), ("Taliban", "TAL"), ("Herat", None))
        if name in text
    )
    return Sentence("a1", start, start + len(text), text, kind, mentions, actors, NEUTRAL)


MET = sentence("Iran met the Taliban in Kabul.", actors=("IRN", "TAL"))
ACCUSED = sentence("The Taliban accused Iran of theft.", actors=("TAL", "IRN"))
RAINED = sentence("It rained in Herat.")


def candidate(s: Sentence, guess: str = "cooperation", confidence: float = 0.6, before: str = "", after: str = "") -> Candidate:
    return Candidate(sentence=s, before=before, after=after, guess=guess, confidence=confidence)


QUEUE = (candidate(MET, confidence=0.9), candidate(ACCUSED, "tension", 0.4), candidate(RAINED, NOT_CLAIM, 0.55))


def prediction(p_claim: float, label: str, confidence: float) -> Prediction:
    return Prediction(is_claim=p_claim >= 0.5, claim_confidence=p_claim, label=label, confidence=confidence, evidence=())


@pytest.mark.parametrize(
    ("p_claim", "label", "confidence", "expected"),
    [
        (0.9, "tension", 0.8, ("tension", 0.72)),
        (0.2, "tension", 0.9, (NOT_CLAIM, 0.8)),
        (0.6, "cooperation", 0.5, (NOT_CLAIM, 0.4)),
        (0.7, "cooperation", 0.6, ("cooperation", 0.42)),
    ],
)
def test_the_guess_is_the_likeliest_of_three_outcomes(p_claim, label, confidence, expected):
    guess, probability = three_way_guess(prediction(p_claim, label, confidence))
    assert guess == expected[0] and probability == pytest.approx(expected[1])


def test_queue_is_least_certain_first_without_labelled_units():
    queue = least_certain_first(QUEUE, labelled={("a1", RAINED.start, RAINED.end)})
    assert [c.sentence for c in queue] == [ACCUSED, MET]


def test_an_answer_becomes_a_record_in_the_guidelines_format():
    claim = candidate(ACCUSED).annotation("tension").to_json()
    assert claim == {
        "doc": "a1", "start": ACCUSED.start, "end": ACCUSED.end, "text": ACCUSED.text,
        "claim": True, "label": "tension", "mixed": False, "actors": ["TAL", "IRN"],
    }
    assert ARTICLE[claim["start"] : claim["end"]] == claim["text"]
    not_claim = candidate(MET).annotation(NOT_CLAIM).to_json()
    assert (not_claim["claim"], not_claim["label"], not_claim["actors"]) == (False, None, [])


def new_session(*candidates: Candidate) -> Session:
    pending = list(candidates or QUEUE)
    return Session(pending=pending, known={c.key: c for c in QUEUE})


def test_session_answers_skips_and_undoes(tmp_path):
    log = tmp_path / "annotate.jsonl"
    session = new_session()
    assert (session.done, session.left) == (0, 3)
    assert handle_key("c", session, log) == "saved: cooperation"
    assert handle_key("s", session, log).startswith("skipped")
    assert session.current.sentence == RAINED
    assert handle_key("n", session, log) == "saved: not a claim"
    assert (session.done, session.left, session.current) == (2, 1, None)
    assert [r["label"] for r in map(json.loads, log.read_text(encoding="utf-8").splitlines())] == ["cooperation", None]

    assert handle_key("u", session, log).startswith("undone: not a claim for 'It rained")
    assert session.current.sentence == RAINED and (session.done, session.left) == (1, 2)
    assert [json.loads(line)["text"] for line in log.read_text(encoding="utf-8").splitlines()] == [MET.text]
    assert handle_key("x", session, log) == "unknown key 'x': press c, t, n, a digit, m, s, u or q"
    assert handle_key("q", session, log) is None


def test_undo_reaches_back_into_an_earlier_session(tmp_path):
    log = tmp_path / "annotate.jsonl"
    append_jsonl_durably(log, candidate(MET).annotation("cooperation").to_json())
    session = new_session(QUEUE[1], QUEUE[2])  # MET was labelled last time
    handle_key("u", session, log)
    assert session.current.sentence == MET and session.left == 3
    assert log.read_text(encoding="utf-8") == ""
    assert handle_key("u", session, log) == f"nothing to undo in {log}"


def test_undo_rewrites_the_file_through_a_new_file_never_in_place(tmp_path):
    log = tmp_path / "annotate.jsonl"
    for c in QUEUE:
        append_jsonl_durably(log, c.annotation("cooperation").to_json())
    before = log.read_bytes()
    inode = log.stat().st_ino
    removed = remove_last_jsonl_record(log)
    assert removed["text"] == RAINED.text
    assert log.read_bytes() == before[: before.rindex(b"{")]
    assert log.stat().st_ino != inode, "undo must replace the file, not truncate it"
    assert [p.name for p in tmp_path.iterdir()] == ["annotate.jsonl"], "no temp file left behind"


def test_appending_after_a_hand_edited_line_without_newline_keeps_both(tmp_path):
    log = tmp_path / "annotate.jsonl"
    log.write_text(json.dumps(candidate(MET).annotation("cooperation").to_json()), encoding="utf-8")
    append_jsonl_durably(log, candidate(ACCUSED).annotation("tension").to_json())
    assert [a.label for a in read_annotations(tmp_path)] == ["cooperation", "tension"]


def test_actors_are_highlighted_and_other_mentions_not():
    text = highlight_actors(RAINED, colour=True)
    assert ACTOR not in text and text == RAINED.text
    text = highlight_actors(ACCUSED, colour=True)
    assert text == f"The {ACTOR}Taliban{RESET} accused {ACTOR}Iran{RESET} of theft."
    assert highlight_actors(ACCUSED, colour=False) == ACCUSED.text


def test_screen_shows_context_guess_and_progress(tmp_path):
    shown = screen(candidate(ACCUSED, "tension", 0.41, before=MET.text, after=RAINED.text), new_session(), tmp_path / "a.jsonl", "", colour=False)
    lines = shown.strip("\n").splitlines()
    assert "done 0 / left 3" in lines[0]
    assert f"  {MET.text}" in lines and f"> {ACCUSED.text}" in lines and f"  {RAINED.text}" in lines
    assert "model: tension 0.41" in lines
    assert "actors: TAL, IRN   [1] TAL*  [2] IRN*   mixed: no" in lines


def test_digits_edit_the_actors_from_this_and_the_previous_sentence_and_m_toggles_mixed(tmp_path):
    log = tmp_path / "annotate.jsonl"
    quarrel = Candidate(sentence=ACCUSED, before=MET.text, after="", guess="tension", confidence=0.4, before_actors=("PAK", "CHN"))
    session = new_session(quarrel)
    assert quarrel.actor_choices == ("TAL", "IRN", "PAK", "CHN")
    assert handle_key("2", session, log) == "actors: TAL"
    assert handle_key("4", session, log) == "actors: TAL, CHN"
    assert handle_key("9", session, log) == "no actor [9] to toggle"
    assert handle_key("m", session, log) == "mixed: yes"
    assert "actors: TAL, CHN   [1] TAL*  [2] IRN  [3] PAK  [4] CHN*   mixed: yes" in screen(quarrel, session, log, "", colour=False)
    handle_key("t", session, log)
    saved = json.loads(log.read_text(encoding="utf-8"))
    assert (saved["actors"], saved["mixed"], saved["label"]) == (["TAL", "CHN"], True, "tension")


def test_not_a_claim_saves_no_actors_and_is_never_mixed(tmp_path):
    log = tmp_path / "annotate.jsonl"
    session = new_session(candidate(MET))
    handle_key("m", session, log)
    handle_key("n", session, log)
    saved = json.loads(log.read_text(encoding="utf-8"))
    assert (saved["actors"], saved["mixed"], saved["claim"]) == ([], False, False)


def test_long_sentences_wrap_at_word_boundaries(tmp_path, monkeypatch):
    monkeypatch.setattr("pipeline.annotate.terminal.terminal_width", lambda: 40)
    words = "Pakistan and India agreed to reopen the Kartarpur corridor for pilgrims after months of closure".split()
    text = " ".join(words)
    long = Sentence("b1", 0, len(text), text, "body", (), ("PAK", "IND"), NEUTRAL)
    shown = screen(candidate(long), new_session(candidate(long)), tmp_path / "a.jsonl", "", colour=False).splitlines()
    body = [line[2:] for line in shown if line.startswith(("> ", "  ")) and line[2:].split() and line[2:].split()[0] in words]
    assert len(body) >= 3 and all(len(line) <= 38 for line in body)
    assert " ".join(body).split() == words


@pytest.mark.parametrize(
    ("text", "asked"),
    [("• May 13, 2022:", False), ("KABUL, Afghanistan (AP) —", False), ("12 March 2024", False),
     ("May 13, 2022: Egypt and Sudan signed a water accord.", True)],
)
def test_lines_that_are_only_a_date_or_a_dateline_are_not_asked_about(text, asked):
    from pipeline.annotate.queue import article_candidates

    unit = Sentence("c1", 0, len(text), text, "bullet", (), (), NEUTRAL)
    found = list(article_candidates([unit], [("cooperation", 0.5)]))
    assert bool(found) is asked


def test_candidates_from_a_runs_guesses_rank_by_the_three_way_probability():
    from pipeline.annotate.queue import candidates_from_guesses

    guesses = [
        {"claim_probability": 0.9, "guess": "cooperation", "label_guess": "cooperation", "label_confidence": 0.9},
        {"claim_probability": 0.55, "guess": "tension", "label_guess": "tension", "label_confidence": 0.6},
        {"claim_probability": 0.1, "guess": "none", "label_guess": "tension", "label_confidence": 0.8},
    ]
    found = list(candidates_from_guesses([([MET, ACCUSED, RAINED], guesses)]))
    assert [(c.guess, round(c.confidence, 2)) for c in found] == [("cooperation", 0.81), (NOT_CLAIM, 0.45), (NOT_CLAIM, 0.9)]
    assert found[1].before == MET.text and found[1].before_actors == ("IRN", "TAL")


def test_line_input_drives_a_session_when_stdin_is_not_a_terminal(tmp_path):
    log = tmp_path / "annotate.jsonl"
    stdin = io.StringIO("t\n\ncooperation\n")  # an empty line is an unknown key; end of input quits
    screens = []
    session = new_session(QUEUE[1], QUEUE[0], QUEUE[2])
    run_session(session, log, read=lambda: read_key(stdin), write=screens.append, colour=False)
    assert [a.label for a in read_annotations(tmp_path)] == ["tension", "cooperation"]
    assert len(screens) == 4 and "unknown key ''" in screens[2]
    assert session.left == 1


# The real command in a pseudo-terminal, with real key presses.

SCREEN_RE = re.compile(r"done (\d+) / left (\d+).*?\r\nunit (\S+):(\d+)-(\d+) .*?\r\nmodel: (cooperation|tension|not a claim) (\d\.\d\d)", re.S)


@pytest.fixture
def annotate_corpus(tmp_path, models_copy):
    """Two real articles, the first already labelled: the queue is the second's sentences."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for doc in E2E_DOCS:
        shutil.copy(RAW_DIR / f"{doc}.txt", corpus / f"{doc}.txt")
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    gold = [line for line in (ANNOTATIONS_DIR / "seed-gold.jsonl").read_text(encoding="utf-8").splitlines() if E2E_DOCS[0] in line]
    (annotations / "gold.jsonl").write_text("\n".join(gold) + "\n", encoding="utf-8")
    return corpus, annotations, models_copy


def spawn_annotate(corpus: Path, annotations: Path, models: Path):
    import pexpect

    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    args = ["-m", "pipeline", "annotate", str(corpus), "--annotations", str(annotations), "--models", str(models), "--actors", str(ACTORS_PATH),
            "--out", str(corpus.parent / "out")]
    return pexpect.spawn(sys.executable, args, encoding="utf-8", timeout=120, env=env, dimensions=(50, 200))


def next_screen(child) -> dict:
    child.expect(r"\[q\] quit\r\n> ")
    done, left, doc, start, end, guess, confidence = SCREEN_RE.findall(child.before)[-1]
    return {"done": int(done), "left": int(left), "key": (doc, int(start), int(end)), "guess": guess, "text": child.before}


def answers(annotations: Path) -> list[tuple[tuple[str, int, int], str | None]]:
    path = annotations / ANNOTATE_FILE
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []
    return [((r["doc"], r["start"], r["end"]), r["label"]) for r in records]


def test_annotate_in_a_terminal_with_key_presses_resumes_and_survives_ctrl_c(annotate_corpus):
    import pexpect

    corpus, annotations, models = annotate_corpus
    child = spawn_annotate(corpus, annotations, models)
    first = next_screen(child)
    assert first["done"] == 0 and first["key"][0] == E2E_DOCS[1]
    assert "\x1b[2m" in first["text"], "the sentences around it are shown, dimmed"
    total = first["left"]

    shown = [first]
    for key in "ctn":
        child.send(key)
        shown.append(next_screen(child))
    assert answers(annotations) == [(shown[0]["key"], "cooperation"), (shown[1]["key"], "tension"), (shown[2]["key"], None)]
    assert (shown[3]["done"], shown[3]["left"]) == (3, total - 3)

    assert any(ACTOR in screen["text"] for screen in shown), "actors are highlighted"

    child.send("s")
    after_skip = next_screen(child)
    assert after_skip["key"] != shown[3]["key"] and len(answers(annotations)) == 3
    child.send("u")
    after_undo = next_screen(child)
    assert after_undo["key"] == shown[2]["key"], "undo asks the undone sentence again"
    assert (after_undo["done"], after_undo["left"]) == (2, total - 2)
    assert answers(annotations) == [(shown[0]["key"], "cooperation"), (shown[1]["key"], "tension")]
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert f"2 answered this session, saved in {annotations / ANNOTATE_FILE}; {total - 2} sentences left" in child.before

    child = spawn_annotate(corpus, annotations, models)
    resumed = next_screen(child)
    assert (resumed["done"], resumed["left"]) == (0, total - 2)
    assert resumed["key"] not in {shown[0]["key"], shown[1]["key"]}
    child.send("t")
    next_screen(child)
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert "Traceback" not in child.before and child.exitstatus == 0
    assert f"1 answered this session, saved in {annotations / ANNOTATE_FILE}" in child.before
    assert answers(annotations)[-1] == (resumed["key"], "tension") and len(answers(annotations)) == 3
    gold_units = len((annotations / "gold.jsonl").read_text(encoding="utf-8").splitlines())
    assert len(read_annotations(annotations)) == gold_units + 3, "every line written is a valid annotation"


def test_annotate_reads_lines_when_stdin_is_not_a_terminal(annotate_corpus):
    from typer.testing import CliRunner

    from pipeline.cli import app

    corpus, annotations, models = annotate_corpus
    args = ["annotate", str(corpus), "--annotations", str(annotations), "--models", str(models), "--actors", str(ACTORS_PATH),
            "--out", str(corpus.parent / "no-run")]
    result = CliRunner().invoke(app, args, input="t\nn\nq\n")
    assert result.exit_code == 0, result.output
    assert [label for _key, label in answers(annotations)] == ["tension", None]
    assert "\x1b[" not in result.stdout, "no colour codes when stdout is not a terminal"
    done, left = map(int, re.findall(r"done (\d+) / left (\d+)", result.stdout)[0])
    assert done == 0 and left > 2
    assert result.stdout.rstrip().endswith(f"2 answered this session, saved in {annotations / ANNOTATE_FILE}; {left - 2} sentences left")


KEY_WAIT_WITH_A_MISSED_CTRL_C = """
import os, pty, signal, sys, threading, time
from pipeline.annotate.terminal import read_key, single_keys

_master, slave = pty.openpty()
def interrupt_from_another_thread():
    time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGINT)
# Started before the main thread blocks SIGINT, so the kernel hands the signal
# to this thread: the main thread's read is never interrupted.
threading.Thread(target=interrupt_from_another_thread, daemon=True).start()
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
stream = os.fdopen(slave, "r")
try:
    with single_keys(stream):
        read_key(stream)
except KeyboardInterrupt:
    print("interrupted")
"""


def ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_a_ctrl_c_the_blocked_key_read_misses_still_stops_the_wait():
    """A Ctrl-C that does not interrupt the read itself (it reached another
    thread, or came just before the read) is handled within a moment, even in
    a process started with SIGINT ignored (a background job's child)."""
    done = subprocess.run(
        [sys.executable, "-c", KEY_WAIT_WITH_A_MISSED_CTRL_C], capture_output=True, text=True, timeout=60, preexec_fn=ignore_ctrl_c
    )
    assert done.stdout.strip() == "interrupted", done.stderr


def test_export_reads_a_current_run_without_a_model_and_falls_back_to_parsing(annotate_corpus, monkeypatch):
    from typer.testing import CliRunner

    from pipeline.cli import app
    from pipeline.runner.run import run
    from pipeline.runner.worker import ModelPaths

    corpus, annotations, models = annotate_corpus
    out = corpus.parent / "out"
    run(corpus, out, models=ModelPaths(models, ACTORS_PATH), workers=1)
    common = ["annotate", str(corpus), "--annotations", str(annotations), "--models", str(models), "--actors", str(ACTORS_PATH)]
    parsed = CliRunner().invoke(app, [*common, "--out", str(corpus.parent / "no-run"), "--export", str(corpus.parent / "parsed.jsonl"), "--format", "doccano"])
    assert parsed.exit_code == 0 and "parsing the corpus" in parsed.stderr, parsed.output

    def refuse(*_args, **_kwargs):
        raise AssertionError("the run is current: nothing should be loaded or parsed")

    monkeypatch.setattr("pipeline.model.store.load_model", refuse)
    monkeypatch.setattr("pipeline.stages.nlp.load_nlp", refuse)
    from_run = CliRunner().invoke(app, [*common, "--out", str(out), "--export", str(corpus.parent / "run.jsonl"), "--format", "doccano"])
    assert from_run.exit_code == 0 and "reading the run in" in from_run.stderr, from_run.output
    units = lambda name: {(r["doc"], r["start"], r["guess"]) for r in map(json.loads, (corpus.parent / name).read_text(encoding="utf-8").splitlines())}  # noqa: E731
    assert units("run.jsonl") == units("parsed.jsonl") and len(units("run.jsonl")) > 10
    assert all(r["label"] == [r["guess"]] for r in map(json.loads, (corpus.parent / "run.jsonl").read_text(encoding="utf-8").splitlines()))
