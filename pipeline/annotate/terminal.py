"""The interactive annotation screen: one sentence at a time, one key per answer.

Keys are read one at a time without Enter (cbreak mode, so Ctrl-C still
interrupts) when stdin is a terminal, and one line at a time otherwise. Each
answer is appended to the annotation file and fsynced before the next
sentence is shown, so an interruption loses nothing.
"""

from __future__ import annotations

import contextlib
import os
import re
import select
import shutil
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
HELP = "[c] cooperation  [t] tension  [n] not a claim  [1-9] toggle an actor  [m] mixed  [s] skip  [u] undo  [q] quit"
MIXED_KEY = "m"
DEFAULT_WIDTH = 80
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


def highlight_actors(sentence: Sentence, *, colour: bool, lo: int = 0, hi: int | None = None) -> str:
    """The sentence (or its characters lo:hi) with each mention linked to an actor in bold colour."""
    hi = len(sentence.text) if hi is None else hi
    if not colour:
        return sentence.text[lo:hi]
    parts, cursor = [], lo
    for mention in sorted(sentence.mentions, key=lambda m: m.start):
        start, end = max(mention.start - sentence.start, lo), min(mention.end - sentence.start, hi)
        if mention.actor is None or start < cursor or end <= start:
            continue
        parts += [sentence.text[cursor:start], ACTOR, sentence.text[start:end], RESET]
        cursor = end
    return "".join([*parts, sentence.text[cursor:hi]])


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Line spans of `text` broken at spaces to at most `width` characters
    (a longer word gets a line of its own)."""
    lines, start, end = [], None, 0
    for word in re.finditer(r"\S+", text):
        if start is None:
            start = word.start()
        elif word.end() - start > width:
            lines.append((start, end))
            start = word.start()
        end = word.end()
    if start is not None:
        lines.append((start, end))
    return lines or [(0, 0)]


def wrapped(text: str, width: int, first: str, rest: str) -> list[str]:
    return [(first if i == 0 else rest) + text[a:b] for i, (a, b) in enumerate(wrap_offsets(text, width - len(first)))]


def terminal_width() -> int:
    return max(40, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)


def screen(candidate: Candidate, session: Session, log_path: Path, message: str, *, colour: bool) -> str:
    """One sentence with its neighbours, the guess, progress and the keys; on a
    colour terminal the screen is cleared first."""
    dim, bold, reset = (DIM, BOLD, RESET) if colour else ("", "", "")
    sentence = candidate.sentence
    width = terminal_width()
    context = lambda text: [f"{dim}{line}{reset}" for line in wrapped(text, width, "  ", "  ")]  # noqa: E731
    spans = wrap_offsets(sentence.text, width - 2)
    lines = [
        f"{bold}done {session.done} / left {session.left}{reset}  -> {log_path}",
        f"unit {sentence.doc}:{sentence.start}-{sentence.end} ({sentence.kind})",
        "",
        *context(candidate.before or "(start of article)"),
        *(("> " if i == 0 else "  ") + highlight_actors(sentence, colour=colour, lo=a, hi=b) for i, (a, b) in enumerate(spans)),
        *context(candidate.after or "(end of article)"),
        "",
        f"model: {SHOWN[candidate.guess]} {candidate.confidence:.2f}",
        actor_line(candidate, session),
        message,
        *wrapped(HELP, width, "", ""),
        "> ",
    ]
    return (CLEAR if colour else "\n") + "\n".join(lines)


def actor_line(candidate: Candidate, session: Session) -> str:
    """The sides as they will be saved, the numbered codes to toggle, and the mixed flag."""
    chosen = session.actors_of(candidate)
    choices = "  ".join(f"[{i}] {code}{'*' if code in chosen else ''}" for i, code in enumerate(candidate.actor_choices[:9], start=1))
    mixed = "yes" if candidate.key in session.mixed else "no"
    return f"actors: {', '.join(chosen) or 'none'}   {choices or '(no actor codes here)'}   mixed: {mixed}"


def handle_key(key: str, session: Session, log_path: Path) -> str | None:
    """Apply one key to the session and the file; return the message to show,
    or None to quit."""
    if key == QUIT:
        return None
    if key in KEYS:
        annotation = session.answer(KEYS[key])
        append_jsonl_durably(log_path, annotation.to_json())
        return f"saved: {SHOWN[KEYS[key]]}"
    if key.isdigit() and key != "0":
        code = session.toggle_actor(int(key))
        if code is None:
            return f"no actor [{key}] to toggle"
        current = session.current
        return f"actors: {', '.join(session.actors_of(current)) if current else ''}"
    if key == MIXED_KEY:
        return f"mixed: {'yes' if session.toggle_mixed() else 'no'}"
    if key == SKIP:
        session.skip()
        return "skipped (asked again next session)"
    if key == UNDO:
        removed = remove_last_jsonl_record(log_path)
        if removed is None:
            return f"nothing to undo in {log_path}"
        session.undo(parse_annotation(removed, f"{log_path} (last line)"))
        return f"undone: {removed.get('label') or SHOWN[NOT_CLAIM]} for {str(removed.get('text'))[:60]!r}"
    return f"unknown key {key!r}: press c, t, n, a digit, m, s, u or q"


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
