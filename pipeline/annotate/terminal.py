"""The interactive annotation screen: one sentence at a time, one key per answer.

Keys are read one at a time without Enter (cbreak mode, so Ctrl-C still
interrupts) when stdin is a terminal, and one line at a time otherwise. Each
answer is appended to the annotation file and fsynced before the next
sentence is shown, so an interruption loses nothing.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import termios
import tty
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from pipeline.annotate.queue import KEYS, NOT_CLAIM, QUIT, SKIP, UNDO, Candidate, Session
from pipeline.io import append_jsonl_durably, parse_annotation, remove_last_jsonl_record
from pipeline.records import Sentence

CLEAR = "\x1b[2J\x1b[H"
ACTOR = "\x1b[1;33m"  # bold yellow
DIM = "\x1b[2m"
BOLD = "\x1b[1m"
RESET = "\x1b[0m"
ESCAPE = "\x1b"
END_OF_INPUT = "\x04"  # Ctrl-D
HELP = "[c] cooperation  [t] tension  [n] not a claim  [s] skip  [u] undo  [q] quit"
WAKE_SECONDS = 0.2
SHOWN = {"cooperation": "cooperation", "tension": "tension", NOT_CLAIM: "not a claim"}


@contextlib.contextmanager
def single_keys(stream: TextIO) -> Iterator[None]:
    """Cbreak mode on a terminal while inside, restored on the way out, Ctrl-C
    included. Ctrl-C raises KeyboardInterrupt inside even if this process was
    started with SIGINT ignored (as a shell's background job starts its children)."""
    if not stream.isatty():
        yield
        return
    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    previous_handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
        signal.signal(signal.SIGINT, previous_handler)


def read_key(stream: TextIO) -> str:
    """One key press on a terminal (an escape sequence such as an arrow key is read
    whole and returned as is), else the first character of the next line;
    end of input means quit."""
    if not stream.isatty():
        line = stream.readline()
        return line.strip()[:1].lower() if line else QUIT
    fd = stream.fileno()
    wait_until_readable(fd)
    data = os.read(fd, 1)
    while data.startswith(ESCAPE.encode()) and select.select([fd], [], [], 0.05)[0]:
        data += os.read(fd, 8)
    key = data.decode("utf-8", errors="replace")
    return QUIT if key in ("", END_OF_INPUT) else key.lower()


def wait_until_readable(fd: int) -> None:
    """Block until a key is there, waking every `WAKE_SECONDS`. A Ctrl-C that
    lands just before a blocking read, or on another thread (torch starts
    some), does not interrupt it; between two waits Python runs the handler."""
    while not select.select([fd], [], [], WAKE_SECONDS)[0]:
        pass


def highlight_actors(sentence: Sentence, *, colour: bool) -> str:
    """The sentence with each mention linked to an actor in bold colour."""
    if not colour:
        return sentence.text
    parts, cursor = [], 0
    for mention in sorted(sentence.mentions, key=lambda m: m.start):
        start, end = mention.start - sentence.start, mention.end - sentence.start
        if mention.actor is None or start < cursor or end > len(sentence.text):
            continue
        parts += [sentence.text[cursor:start], ACTOR, sentence.text[start:end], RESET]
        cursor = end
    return "".join([*parts, sentence.text[cursor:]])


def screen(candidate: Candidate, session: Session, log_path: Path, message: str, *, colour: bool) -> str:
    """One sentence with its neighbours, the guess, progress and the keys; on a
    colour terminal the screen is cleared first."""
    dim, bold, reset = (DIM, BOLD, RESET) if colour else ("", "", "")
    sentence = candidate.sentence
    lines = [
        f"{bold}done {session.done} / left {session.left}{reset}  -> {log_path}",
        f"unit {sentence.doc}:{sentence.start}-{sentence.end} ({sentence.kind})",
        "",
        f"  {dim}{candidate.before or '(start of article)'}{reset}",
        f"> {highlight_actors(sentence, colour=colour)}",
        f"  {dim}{candidate.after or '(end of article)'}{reset}",
        "",
        f"model: {SHOWN[candidate.guess]} {candidate.confidence:.2f}   actors: {', '.join(sentence.actors) or 'none found'}",
        message,
        HELP,
        "> ",
    ]
    return (CLEAR if colour else "\n") + "\n".join(lines)


def handle_key(key: str, session: Session, log_path: Path) -> str | None:
    """Apply one key to the session and the file; return the message to show,
    or None to quit."""
    if key == QUIT:
        return None
    if key in KEYS:
        annotation = session.answer(KEYS[key])
        append_jsonl_durably(log_path, annotation.to_json())
        return f"saved: {SHOWN[KEYS[key]]}"
    if key == SKIP:
        session.skip()
        return "skipped (asked again next session)"
    if key == UNDO:
        removed = remove_last_jsonl_record(log_path)
        if removed is None:
            return f"nothing to undo in {log_path}"
        session.undo(parse_annotation(removed, f"{log_path} (last line)"))
        return f"undone: {removed.get('label') or SHOWN[NOT_CLAIM]} for {str(removed.get('text'))[:60]!r}"
    return f"unknown key {key!r}: press c, t, n, s, u or q"


def run_session(
    session: Session, log_path: Path, *, read: Callable[[], str], write: Callable[[str], None], colour: bool
) -> None:
    """Ask about each pending sentence until the queue ends or the user quits."""
    message = ""
    while (candidate := session.current) is not None:
        write(screen(candidate, session, log_path, message, colour=colour))
        outcome = handle_key(read(), session, log_path)
        if outcome is None:
            return
        message = outcome


def annotate_in_terminal(session: Session, log_path: Path, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
    """The session on the process's terminal (or its piped stdin and stdout)."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    colour = stdout.isatty() and "NO_COLOR" not in os.environ

    def write(text: str) -> None:
        stdout.write(text)
        stdout.flush()

    with single_keys(stdin):
        run_session(session, log_path, read=lambda: read_key(stdin), write=write, colour=colour)
